"""The integratedcare command: every subcommand, its output, its exit codes and its errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import integratedcare as ic
from integratedcare._cli import entry_point, main
from integratedcare._cli._render import Style, plain, wrap

CM = ["--in", "cheshire-and-merseyside"]
CM_COUNCILS = {
    "E06000006",  # Halton
    "E06000007",  # Warrington
    "E06000049",  # Cheshire East
    "E06000050",  # Cheshire West and Chester
    "E08000011",  # Knowsley
    "E08000012",  # Liverpool
    "E08000013",  # St Helens
    "E08000014",  # Sefton
    "E08000015",  # Wirral
}

# An ICP that its ICB founded but one overlapping council did not join: a statutory error.
MISSING_COUNCIL = """
format = "integratedcare/1"
name = "Missing council"

[[entities]]
kind = "integrated-care-board"
id = "QYG"
name = "NHS Example ICB"
start = "2022-07-01"

[[entities]]
kind = "integrated-care-partnership"
id = "example-icp"
name = "Example ICP"
start = "2022-07-01"

[[entities]]
kind = "local-authority"
id = "E06000049"
name = "Example Council"
tier = "unitary"

[[relations]]
kind = "establishes"
source = "QYG"
target = "example-icp"

[[relations]]
kind = "member-of"
source = "QYG"
target = "example-icp"

[[relations]]
kind = "overlaps"
source = "E06000049"
target = "QYG"
share = 1.0
"""


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command as a real process, as a user would."""
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "integratedcare", *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.slow
def test_acceptance_regard_names_icb_and_nine_councils() -> None:
    """Regard lists the ICB and the nine councils with s116B(1), and NHS England flagged unverified."""
    proc = run_process("regard", "cm-integrated-care-strategy", *CM, "--as-of", "2024-01-01")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())  # undo the wrapping at 80 columns
    assert text.count("(LGPIHA 2007 s116B(1), partly verified)") == 10
    assert "NHS Cheshire and Merseyside Integrated Care Board must have regard to" in text
    assert "s116B(2), unverified" in text
    assert all(len(line) <= 80 for line in proc.stdout.splitlines())
    assert "\x1b[" not in proc.stdout  # not a terminal: no colour


@pytest.mark.slow
def test_acceptance_regard_json_gives_the_same() -> None:
    """--format json gives the same holders, with citations, as stable JSON."""
    proc = run_process("regard", "cm-integrated-care-strategy", *CM, "--as-of", "2024-01-01", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["command"], data["as_of"], data["subject"]["id"]) == (
        "regard",
        "2024-01-01",
        "cm-integrated-care-strategy",
    )
    holders = {a["holder"]["id"]: a["basis"] for a in data["answers"]}
    assert {h for h, b in holders.items() if b["section"] == "s116B(1)"} == CM_COUNCILS | {"QYG"}
    assert [b["verification"] for b in holders.values() if b["section"] == "s116B(2)"] == ["unverified"]
    assert run_process(*proc.args[3:]).stdout == proc.stdout  # deterministic


@pytest.mark.slow
def test_acceptance_diff_lists_the_april_2026_mergers() -> None:
    """Diff england between 31 March and 1 April 2026 lists the ICB successions."""
    proc = run_process("diff", "england", "--as-of", "2026-03-31", "--vs", "2026-04-01")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    assert "(QNQ) succeeded by NHS Thames Valley Integrated Care Board (S0E4D) on 2026-04-01" in text
    assert "(QH8) succeeded by NHS Essex Integrated Care Board (D7T5G) on 2026-04-01" in text
    assert "+ integrated-care-board NHS Essex Integrated Care Board (D7T5G)" in text


@pytest.mark.slow
def test_acceptance_check_exits_1_naming_rule_and_entity(tmp_path: Path) -> None:
    """Check on a file with a statutory problem exits 1 and names the rule and the entity."""
    path = tmp_path / "ours.toml"
    path.write_text(MISSING_COUNCIL, encoding="utf-8")
    proc = run_process("check", str(path), "--as-of", "2024-01-01")
    assert proc.returncode == 1, proc.stderr
    assert "error" in proc.stdout
    assert "E06000049" in proc.stdout
    assert "ICP" in proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "fragment"),
    [(None, "missing.toml"), ("format = [unclosed", "bad.toml")],
    ids=["missing", "malformed"],
)
def test_acceptance_check_bad_file_exits_2_with_one_line(tmp_path: Path, content: str | None, fragment: str) -> None:
    """Check on a missing or malformed file exits 2 with one line naming the file."""
    path = tmp_path / fragment
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = run_process("check", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["datasets"],
        ["show", "brackenshire"],
        ["regard", "cm-integrated-care-strategy", *CM, "--as-of", "2024-01-01"],
        ["duties", "QYG", *CM, "--as-of", "2024-01-01"],
        ["law-changes", "QYG", "--in", "england", "--against", "health-bill-2026"],
        ["accountability", "QYG", "--in", "england", "--as-of", "2024-01-01"],
        ["delegations", "QYG", "--in", "england", "--as-of", "2024-01-01"],
        ["members", "cm-partnership-board", *CM, "--as-of", "2021-01-01"],
        ["check", "brackenshire"],
        ["diff", "england", "--as-of", "2026-03-31", "--vs", "2026-04-01"],
    ],
    ids=lambda a: a[0],
)
def test_every_command_runs_as_a_process(args: list[str]) -> None:
    """Each subcommand runs as a real process, exits 0 and prints text within 80 columns."""
    proc = run_process(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
    assert all(len(line) <= 80 for line in proc.stdout.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ["show", "brackenshire"],
        ["regard", "cm-integrated-care-strategy", *CM, "--as-of", "2024-01-01"],
        ["duties", "QYG", *CM, "--as-of", "2024-01-01"],
        ["accountability", "QYG", "--in", "england", "--as-of", "2024-01-01"],
        ["delegations", "QYG", "--in", "england", "--as-of", "2024-01-01"],
        ["members", "cm-partnership-board", *CM, "--as-of", "2021-01-01"],
    ],
    ids=lambda a: a[0],
)
def test_every_command_answers_in_text(args: list[str]) -> None:
    """Each query command prints a heading and at least one answer line, in this process too."""
    code, out, err = run(*args)
    assert code == 0, err
    lines = out.splitlines()
    assert not lines[0].startswith(" ")
    assert any(line.startswith("- ") for line in lines)


def test_export_text_and_as_of(tmp_path: Path) -> None:
    """Export says what it wrote, and --as-of exports the landscape of that date."""
    out = tmp_path / "b.mmd"
    code, text, _ = run("export", str(out), "--in", "brackenshire", "--as-of", "2024-01-01")
    assert code == 0
    assert text == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("flowchart")


CYCLE = """
format = "integratedcare/1"
name = "Cycle"

[[entities]]
kind = "place-based-partnership"
id = "a"
name = "A"

[[entities]]
kind = "place-based-partnership"
id = "b"
name = "B"

[[relations]]
kind = "within"
source = "a"
target = "b"

[[relations]]
kind = "within"
source = "b"
target = "a"

[[relations]]
kind = "within"
source = "c"
target = "a"
"""


def test_bad_landscape_file_with_one_problem_is_one_line(tmp_path: Path) -> None:
    """A file with one problem exits 2 with one line: the summary and the problem."""
    path = tmp_path / "cycle.toml"
    path.write_text(CYCLE, encoding="utf-8")
    code, out, err = run("show", str(path))
    assert code == 2
    assert out == ""
    assert 'no entity with id "c"' in err
    assert len(err.strip().splitlines()) == 1


def test_show_draws_containment_cycles_once(tmp_path: Path) -> None:
    """Entities inside a containment cycle are still shown, each cycle drawn once round."""
    path = tmp_path / "cycle.toml"
    path.write_text(CYCLE.rsplit("[[relations]]", 1)[0], encoding="utf-8")
    code, out, _ = run("show", str(path))
    assert code == 0
    assert out.splitlines()[1:] == ["- A [place-based-partnership] (a)", "  - B [place-based-partnership] (b)"]


@pytest.mark.slow
def test_export_runs_as_a_process(tmp_path: Path) -> None:
    """Export writes a file in the format its suffix names."""
    out = tmp_path / "cm.graphml"
    proc = run_process("export", str(out), *CM)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    "command",
    [
        "datasets",
        "show",
        "regard",
        "duties",
        "law-changes",
        "accountability",
        "delegations",
        "members",
        "check",
        "export",
        "diff",
    ],
)
def test_help_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--help on every command exits 0 and shows an example."""
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "Example: integratedcare " in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command or option exits 2 with one line."""
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err
    assert "\n" not in err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["regard", "cm-integrated-care-stratgy", *CM], 'did you mean "cm-integrated-care-strategy"'),
        (["show", "cheshire-and-mersey"], "cheshire-and-merseyside"),
        (["show", "brackenshire", "--as-of", "soon"], "--as-of must be an ISO date"),
        (["diff", "england"], "needs --vs DATE"),
        (["diff", "england", "--vs", "2026-04-01"], "needs --as-of DATE"),
        (["regard", "cm-integrated-care-strategy", *CM, "--regime", "no-such-regime"], "no-such-regime"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], fragment: str) -> None:
    """Unknown ids, datasets, dates and regimes exit 2 with one line naming them."""
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert fragment in err
    assert len(err.strip().splitlines()) == 1


def test_json_outputs_are_valid(tmp_path: Path) -> None:
    """Every command's JSON output parses and names the command."""
    path = tmp_path / "ours.toml"
    path.write_text(MISSING_COUNCIL, encoding="utf-8")
    for args in (
        ["datasets"],
        ["show", "brackenshire", "--as-of", "2024-01-01"],
        ["duties", "QYG", *CM],
        ["accountability", "QYG", "--in", "england", "--as-of", "2024-01-01"],
        ["delegations", "QYG", "--in", "england", "--as-of", "2024-01-01"],
        ["members", "cm-icp", *CM],
        ["check", str(path)],
        ["diff", "england", "--as-of", "2026-03-31", "--vs", "2026-04-01"],
        ["diff", "brackenshire", "--against", "brackenshire", "--as-of", "2024-01-01"],
        ["export", str(tmp_path / "x.dot"), "--in", "brackenshire"],
    ):
        code, out, _ = run(*args, "--format", "json")
        assert code in {0, 1}
        assert json.loads(out)["command"] == args[0]


def test_check_text_and_json_exit_codes(tmp_path: Path) -> None:
    """Check exits 1 on errors in text and JSON, and 0 on the teaching dataset."""
    path = tmp_path / "ours.toml"
    path.write_text(MISSING_COUNCIL, encoding="utf-8")
    code, out, _ = run("check", str(path), "--no-color")
    assert code == 1
    assert "E06000049" in out
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1
    assert json.loads(out)["report"]["ok"] is False
    assert run("check", "brackenshire")[0] == 0


def test_show_tree_and_empty_answers() -> None:
    """Show draws containment as an indented tree; an answer list may be empty."""
    code, out, _ = run("show", "brackenshire", "--as-of", "2024-01-01")
    assert code == 0
    assert any(line.startswith("  - ") for line in out.splitlines())
    code, out, _ = run("members", "nhs-england", "--in", "brackenshire")
    assert code == 0
    assert "No members recorded." in out


def test_diff_between_two_sources() -> None:
    """Diff --against compares two landscapes; the same one twice has no differences."""
    code, out, _ = run("diff", "brackenshire", "--against", "brackenshire")
    assert code == 0
    assert "no differences" in out


def test_broken_pipe_is_quiet() -> None:
    """A reader that stops early (| head) ends the command quietly."""

    class Closed(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError

    assert main(["datasets"], stdout=Closed(), stderr=io.StringIO()) == 0


def test_os_errors_are_one_line(tmp_path: Path) -> None:
    """An unreadable path (a directory with a landscape suffix) is one line naming it."""
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    code, _, err = run("show", str(folder))
    assert code == 2
    assert "folder.toml" in err


def test_entry_point_exits_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script exits with main's code."""
    monkeypatch.setattr(sys, "argv", ["integratedcare", "datasets"])
    with pytest.raises(SystemExit) as exited:
        entry_point()
    assert exited.value.code == 0


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour is used on a terminal, never with NO_COLOR, and never when off."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert Style(Terminal())("x", "bold") == "\x1b[1mx\x1b[0m"
    assert Style(Terminal())("x") == "x"
    monkeypatch.setenv("NO_COLOR", "1")
    assert Style(Terminal())("x", "bold") == "x"
    assert Style(io.StringIO(), enabled=False)("x", "red") == "x"


def test_plain_data() -> None:
    """plain() turns mappings, sets and unknown objects into JSON-ready data."""
    import integratedcare as ic  # noqa: PLC0415 (only this test needs the model)

    assert plain({"b": {1, 2}, "a": None}) == {"a": None, "b": [1, 2]}
    assert plain(ic.ServiceType.ACUTE) == "acute"
    assert plain(ic.quantity(3, "person")) == "3 person"
    assert plain(ic.Source(title="T")) == {"title": "T", "reference": None, "verification": "verified", "note": None}
    assert plain(object()).startswith("<object")
    assert wrap("word " * 30).count("\n") >= 1


def test_every_command_has_a_runner() -> None:
    """Each command named in the light spec has its runner in the commands module."""
    from integratedcare._cli import _commands  # noqa: PLC0415 (the module under test)
    from integratedcare._cli._spec import COMMANDS  # noqa: PLC0415 (the module under test)

    assert all(callable(getattr(_commands, c.run)) for c in COMMANDS)
    assert len({c.name for c in COMMANDS}) == 16


def test_python_dash_m_runs_main(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python -m integratedcare runs the command line and exits with its code."""
    import runpy  # noqa: PLC0415 (only this test needs it)

    monkeypatch.setattr(sys, "argv", ["integratedcare", "datasets"])
    monkeypatch.delitem(sys.modules, "integratedcare.__main__", raising=False)
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("integratedcare", run_name="__main__")
    assert exited.value.code == 0


def test_export_to_fhir_and_parquet(tmp_path: Path) -> None:
    """--to fhir writes a FHIR Bundle as JSON; --to parquet writes a folder of tables."""
    bundle = tmp_path / "b.json"
    assert run("export", str(bundle), "--in", "brackenshire", "--to", "fhir", "--as-of", "2024-06-01")[0] == 0
    assert json.loads(bundle.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    pytest.importorskip("pyarrow", reason="pyarrow (the parquet extra) is not installed")
    folder = tmp_path / "tables"
    assert run("export", str(folder), "--in", "brackenshire", "--to", "parquet")[0] == 0
    assert (folder / "duties.parquet").is_file()


def test_duties_are_grouped_by_kind() -> None:
    """In text the register is grouped by kind, each group headed with its count; JSON and CSV list the answers."""
    code, out, err = run("duties", "QYG", "--in", "england", "--as-of", "2024-06-01")
    assert code == 0, err
    assert out.startswith(
        "Duties of NHS Cheshire and Merseyside Integrated Care Board (QYG) as of\n  2024-06-01, by kind:"
    )
    heads = [line for line in out.splitlines() if line.endswith("):") and not line.startswith((" ", "-"))]
    counts = {h.rsplit(" (", 1)[0]: int(h.rsplit("(", 1)[1].rstrip("):")) for h in heads}
    assert {"must discharge", "must consult", "must co-operate with", "must have regard to"} <= set(counts)
    assert len(heads) == len(counts)  # each kind is one group
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert sum(counts.values()) == len(items) >= 40
    code, out, _ = run("duties", "QYG", "--in", "england", "--as-of", "2024-06-01", "--format", "json")
    answers = json.loads(out)["answers"]
    assert len(answers) == len(items)
    code, out, _ = run("duties", "QYG", "--in", "england", "--as-of", "2024-06-01", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == len(items)


def test_duties_without_a_date_say_each_period() -> None:
    """Without --as-of each grouped duty says when it holds; a body with none says so."""
    code, out, err = run("duties", "brackenford-city-council", "--in", "brackenshire")
    assert code == 0, err
    assert out.splitlines()[0] == "Duties of Brackenford City Council (brackenford-city-council), by kind:"
    assert "[from 2022-07-01]" in out
    code, out, _ = run("duties", "dalesby-district-council", "--in", "brackenshire")
    assert code == 0
    assert "No duties on this date and regime." in out


def test_law_changes_lists_gains_and_losses() -> None:
    """law-changes compares the law in force with another regime or a date, in text, JSON and CSV."""
    code, out, err = run("law-changes", "brackenshire-icb", "--against", "health-bill-2026")
    assert code == 0, err
    assert out.startswith("The law for NHS Brackenshire Integrated Care Board (brackenshire-icb): hca-2022")
    assert "+ NHS Act 2006 Part 5 (unverified): Dental services" in out
    assert "- LGPIHA 2007 s116ZA(1) (verified)" in out
    code, out, _ = run("law-changes", "brackenshire-icb", "--against", "health-bill-2026", "--format", "json")
    data = json.loads(out)
    assert (data["kind"], data["before"], data["after"]) == ("integrated-care-board", "hca-2022", "health-bill-2026")
    lost = {c["citation"]: c for c in data["changes"] if c["change"] == "lost"}
    assert lost["LGPIHA 2007 s116ZA(1)"]["verification"] == "verified"
    assert {c["provision"] for c in data["changes"] if c["change"] == "gained"} == {
        "primary-medical-services", "dental-services", "ophthalmic-services", "pharmaceutical-services",
    }  # fmt: skip
    code, out, _ = run("law-changes", "brackenshire-icb", "--against", "health-bill-2026", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0] == {
        "change": "gained", "provision": "dental-services", "kind": "function", "citation": "NHS Act 2006 Part 5",
        "verification": "unverified", "title": "Dental services",
    }  # fmt: skip
    assert len(rows) == len(data["changes"])
    code, out, _ = run("law-changes", "brackenshire-icb", "--against", "hca-2022")
    assert code == 0
    assert out.splitlines()[-1] == "  No difference."


def test_law_changes_across_a_commencement_and_from_a_chosen_regime() -> None:
    """Two dates compare the enacted law on each; --regime chooses the first side; a bad side exits 2."""
    code, out, err = run("law-changes", "QYG", *CM, "--as-of", "2022-06-30", "--against", "2022-07-01")
    assert code == 0, err
    assert "hca-2022 on 2022-06-30 -> hca-2022 on 2022-07-01" in " ".join(out.split())
    assert "+ NHS Act 2006 s14Z35 (verified): general duty of ICBs: reducing inequalities" in out
    assert "\n  - " not in out  # nothing is lost when the 2022 Act commences
    code, out, _ = run("law-changes", "QYG", *CM, "--regime", "health-bill-2026", "--against", "hca-2022")
    assert "- NHS Act 2006 Part 5 (unverified): Dental services" in out
    assert "+ LGPIHA 2007 s116ZA(1) (verified)" in out
    code, _, err = run("law-changes", "QYG", *CM, "--against", "no-such-regime")
    assert code == 2
    assert "no-such-regime" in err


def test_a_date_outside_coverage_is_said_once_on_its_own_line() -> None:
    """The coverage warning of every layer a query passes through comes out as one line, not Python's format."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["duties", "brackenshire-icb", "--as-of", "2020-01-01"], stdout=out, stderr=err)
    assert code == 0
    lines = [line for line in err.getvalue().splitlines() if "warning" in line]
    said = (
        'integratedcare: warning: 2020-01-01 is outside the coverage of dataset "brackenshire", [2022-07-01, …): '
        "bodies and links before or after it are not modelled"
    )
    assert lines == [said]
    assert "Duties of" in out.getvalue()


def test_other_warnings_are_shown_as_python_shows_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning that is not about coverage passes through the command as it would without it."""
    from integratedcare._cli import _commands  # noqa: PLC0415 (the module patched)

    def warns(_context: object) -> int:
        warnings.warn("something else", UserWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(_commands, "run_datasets", warns)
    with pytest.warns(UserWarning, match="something else"):
        assert main(["datasets"], stdout=io.StringIO(), stderr=io.StringIO()) == 0


def test_the_same_coverage_warning_from_two_layers_is_said_once() -> None:
    """Two layers warning the same sentence give one line; a different sentence gives its own."""
    from integratedcare._cli import _coverage_said  # noqa: PLC0415 (the helper under test)

    err = io.StringIO()
    with _coverage_said(err):
        for day in ("2020-01-01", "2020-01-01", "2019-01-01"):
            warnings.warn(ic.errors.CoverageWarning(dataset="d", date=day, coverage="[2022-07-01, …)"), stacklevel=1)
    assert [line.split(" is outside")[0] for line in err.getvalue().splitlines()] == [
        "integratedcare: warning: 2020-01-01",
        "integratedcare: warning: 2019-01-01",
    ]
