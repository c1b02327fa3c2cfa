"""The command line as a newcomer meets it in the first hour (issue 22): each test fails on the old behaviour."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from integratedcare._cli import MAX_PROBLEMS, main

CM = ["--in", "cheshire-and-merseyside"]


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_check_names_the_rule_once() -> None:
    """A finding reads ``- warning PLC001: …``, not ``- warning PLC001 PLC001 (warning): …``."""
    code, out, _ = run("check", "brackenshire")
    assert code == 0
    assert "- warning PLC001: The Dales Place Partnership" in out
    assert "PLC001 PLC001" not in out
    assert "(warning):" not in out


def test_without_as_of_repeated_findings_show_their_periods() -> None:
    """NENC's two ICP004 findings are told apart by their dates when no --as-of is given."""
    _, out, _ = run("check", "north-east-and-north-cumbria", "--no-color")
    text = " ".join(out.split())
    assert "(verified). [2022-07-01 until 2023-04-01]" in text
    assert "(verified). [from 2023-04-01]" in text
    _, dated, _ = run("check", "north-east-and-north-cumbria", "--as-of", "2024-01-01")
    assert "[from" not in dated


def test_without_as_of_answers_show_their_periods() -> None:
    """Two answers that differ only in their dates are told apart; with --as-of no dates are added."""
    _, out, _ = run("regard", "cm-integrated-care-strategy", *CM)
    text = " ".join(out.split())
    assert "verified). [2023-01-01 until 2023-04-01]" in text
    assert "verified). [2023-04-01 until 2026-04-01]" in text
    _, dated, _ = run("regard", "cm-integrated-care-strategy", *CM, "--as-of", "2024-01-01")
    assert "until" not in dated


def test_show_without_as_of_gives_periods() -> None:
    """The tree says when each dated entity exists."""
    _, out, _ = run("show", "england")
    assert "(QYG) [from 2022-07-01]" in out


def test_long_ids_are_never_broken() -> None:
    """An id longer than the rest of a line moves whole to the next line, so copy-paste works."""
    long_id = "nenc-icb-executive-director-corporate-governance-communications-involvement"
    _, out, _ = run("show", "north-east-and-north-cumbria")
    assert f"({long_id})" in out


def test_export_dash_writes_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``export -`` writes the export itself on standard output, and no file called ``-``."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "-", "--to", "mermaid", "--in", "brackenshire")
    assert code == 0, err
    assert out.startswith("flowchart")
    assert not (tmp_path / "-").exists()
    code, out, _ = run("export", "-", "--to", "fhir", "--in", "brackenshire")
    assert code == 0
    assert json.loads(out)["resourceType"] == "Bundle"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--in", "brackenshire"], "--to must name the format"),
        (["--to", "parquet", "--in", "brackenshire"], "parquet writes a folder"),
        (["--to", "png", "--in", "brackenshire"], 'format "png" is not supported'),
    ],
    ids=["no-format", "parquet", "unknown"],
)
def test_export_dash_needs_a_text_format(args: list[str], fragment: str) -> None:
    """Standard output needs a named text format: none, a folder or an unknown one exits 2 saying why."""
    code, out, err = run("export", "-", *args)
    assert code == 2
    assert out == ""
    assert fragment in err


def test_export_report_and_the_old_format_spelling(tmp_path: Path) -> None:
    """--report is the message's format; --format still works on export, with a deprecation warning."""
    target = tmp_path / "b.dot"
    code, out, err = run("export", str(target), "--in", "brackenshire", "--report", "json")
    assert code == 0
    assert json.loads(out)["output"] == str(target)
    assert err == ""
    code, out, err = run("export", str(target), "--in", "brackenshire", "--format", "json")
    assert code == 0
    assert json.loads(out)["output"] == str(target)
    assert "export --format is deprecated; use --report json" in err
    mermaid = tmp_path / "b.txt"
    code, out, err = run("export", str(mermaid), "--in", "brackenshire", "--format", "mermaid")
    assert code == 0
    assert mermaid.read_text(encoding="utf-8").startswith("flowchart")
    assert "use --to mermaid" in err


BROKEN = """
format = "integratedcare/1"
name = "Broken"
{relations}
"""


def _broken(tmp_path: Path, count: int) -> Path:
    """Write a file whose relations name ``count`` unknown entities."""
    relations = "".join(
        f'\n[[relations]]\nkind = "within"\nsource = "missing-{n}"\ntarget = "nowhere-{n}"\n' for n in range(count)
    )
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN.format(relations=relations), encoding="utf-8")
    return path


def test_a_bad_file_lists_every_problem(tmp_path: Path) -> None:
    """Every problem of a bad file is listed, one line each, not just the first "and 3 more"."""
    path = _broken(tmp_path, 2)
    code, out, err = run("show", str(path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("integratedcare: error: 4 problems")
    assert len(lines) == 5
    assert all(f'"{name}"' in err for name in ("missing-0", "nowhere-0", "missing-1", "nowhere-1"))


def test_a_bad_file_lists_problems_up_to_a_cap(tmp_path: Path) -> None:
    """Past the cap, the rest is counted."""
    path = _broken(tmp_path, MAX_PROBLEMS)
    _, _, err = run("show", str(path))
    assert len(err.splitlines()) == MAX_PROBLEMS + 2
    assert err.splitlines()[-1] == f"  (and {MAX_PROBLEMS} more)"


def test_a_bad_file_in_json_prints_the_problems_on_standard_output(tmp_path: Path) -> None:
    """--format json prints the error and every problem as JSON on standard output (and the line on stderr)."""
    path = _broken(tmp_path, 2)
    code, out, err = run("check", str(path), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["command"] == "check"
    assert data["error"]["type"] == "LandscapeError"
    assert len(data["error"]["problems"]) == 4
    assert err.startswith("integratedcare: error:")
    code, out, _ = run("check", str(tmp_path / "missing.toml"), "--format", "json")
    assert code == 2
    assert "missing.toml" in json.loads(out)["error"]["message"]
    code, out, _ = run("regard", "nothing", "--in", "brackenshire", "--format", "json")
    assert json.loads(out)["error"]["type"] == "UnknownEntityError"


@pytest.mark.parametrize(("typed", "meant"), [("nhs-trst", "nhs-trust"), ("icb", "integrated-care-board")])
def test_a_kind_typo_gets_did_you_mean(typed: str, meant: str) -> None:
    """A misspelt kind, or its initials, is answered with the kind meant."""
    code, _, err = run("find", "royal", "--kind", typed, "--in", "brackenshire")
    assert code == 2
    assert f'did you mean "{meant}"?' in err


@pytest.mark.parametrize("option", [["--as-of", "2024-01-01"], ["--regime", "hca-2022"]])
def test_datasets_refuses_options_it_would_ignore(option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """``datasets`` lists what is bundled: it takes no date and no regime."""
    with pytest.raises(SystemExit) as exit_:
        run("datasets", *option)
    assert exit_.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_the_default_dataset_is_named_on_standard_error() -> None:
    """With no --in, a note on standard error says which dataset is searched; with --in, none."""
    code, out, err = run("find", "fellside")
    assert code == 0
    assert err == "integratedcare: note: reading the bundled dataset 'brackenshire' (no --in or SOURCE)\n"
    assert "Fellside" in out
    _, _, err = run("find", "fellside", "--in", "brackenshire")
    assert err == ""


@pytest.mark.parametrize("ident", ["qyg", "QYG", "E54000008", "e54000008"])
def test_lookups_take_any_case_and_codes(ident: str) -> None:
    """``duties qyg`` and ``duties E54000008`` (its GSS code) answer about QYG."""
    code, out, err = run("duties", ident, "--in", "england", "--as-of", "2024-01-01")
    assert code == 0, err
    assert out.startswith("Duties of NHS Cheshire and Merseyside Integrated Care Board (QYG)")


def test_an_unknown_code_suggests_what_carries_it_not_unrelated_councils(tmp_path: Path) -> None:
    """A code that two entities carry suggests those two; a near-miss suggests close ids."""
    from integratedcare import ICB, Code, LandscapeBuilder  # noqa: PLC0415 (this test only)
    from integratedcare import io as icio  # noqa: PLC0415 (this test only)

    land = LandscapeBuilder().add(
        ICB(id="A", name="A ICB", codes=[Code("gss", "E54000099")]),
        ICB(id="B", name="B ICB", codes=[Code("gss", "E54000099")]),
    )
    path = tmp_path / "two.toml"
    icio.dump(land.build(), path)
    code, _, err = run("duties", "e54000099", "--in", str(path))
    assert code == 2
    assert 'did you mean "A" or "B"?' in err


def test_diff_names_what_it_lists() -> None:
    """Successions and changes name each entity with its name and code."""
    _, out, _ = run("diff", "england", "--as-of", "2026-03-31", "--vs", "2026-04-01")
    text = " ".join(out.split())
    assert "> NHS Mid and South Essex Integrated Care Board (QH8) succeeded by NHS Essex" in text
    assert "+ integrated-care-board NHS Essex Integrated Care Board (D7T5G)" in text
    assert "> QH8 succeeded" not in text


def test_diff_names_relations_and_changes(tmp_path: Path) -> None:
    """A relation's ends and a changed entity are named too; no differences says so."""
    from integratedcare import ICB, ICP, Establishes, LandscapeBuilder  # noqa: PLC0415 (this test only)
    from integratedcare import io as icio  # noqa: PLC0415 (this test only)

    before = LandscapeBuilder("A").add(ICB(id="QYG", name="Old ICB"), ICP(id="icp", name="The ICP")).build()
    after = LandscapeBuilder("B").add(
        ICB(id="QYG", name="New ICB"), ICP(id="icp", name="The ICP"), Establishes(source="QYG", target="icp")
    )
    icio.dump(before, tmp_path / "a.toml")
    icio.dump(after.build(), tmp_path / "b.toml")
    _, out, _ = run("diff", str(tmp_path / "a.toml"), "--against", str(tmp_path / "b.toml"))
    assert "~ integrated-care-board New ICB (QYG): name" in out
    assert "+ establishes: New ICB (QYG) -> The ICP (icp)" in out
    _, out, _ = run("diff", str(tmp_path / "a.toml"), "--against", str(tmp_path / "a.toml"))
    assert out.endswith("\n  no differences\n")
    _, out, _ = run("diff", str(tmp_path / "a.toml"), "--against", str(tmp_path / "b.toml"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["change"], r["kind"], r["source_name"], r["target_name"]) for r in rows if r["source"]} == {
        ("added", "establishes", "New ICB", "The ICP")
    }


def test_delegations_name_the_functions() -> None:
    """``delegations`` names each function delegated, not "3 functions"."""
    _, out, _ = run("delegations", "QYG", "--in", "england", "--as-of", "2024-01-01")
    text = " ".join(out.split())
    assert "delegates pharmaceutical-services, ophthalmic-services and dental-services to" in text
    assert "3 functions" not in text


def test_members_do_not_repeat_themselves() -> None:
    """A member whose name holds its role is not told "as" the role again."""
    _, out, _ = run("members", "cm-partnership-board", *CM, "--as-of", "2021-01-01")
    text = " ".join(out.split())
    assert "Lay representatives is a voting member of Partnership Board." in text
    assert "as Lay representatives" not in text


@pytest.mark.parametrize(
    ("args", "columns"),
    [
        (["datasets"], ["name", "title", "file"]),
        (["show", "brackenshire"], ["id", "kind", "name", "within", "depth", "start", "end"]),
        (["find", "fellside", "--in", "brackenshire"], ["id", "kind", "name", "matched", "start", "end"]),
        (["regard", "cm-integrated-care-strategy", *CM], ["kind", "holder", "holder_name", "duty", "subject"]),
        (["duties", "QYG", *CM, "--as-of", "2024-01-01"], ["kind", "holder", "holder_name"]),
        (["accountability", "QYG", "--in", "england"], ["kind", "subject", "subject_name"]),
        (["delegations", "QYG", "--in", "england"], ["kind", "subject", "subject_name"]),
        (["members", "cm-partnership-board", *CM], ["kind", "subject", "subject_name"]),
        (["check", "brackenshire"], ["rule", "severity", "entity", "message"]),
        (["diff", "england", "--as-of", "2026-03-31", "--vs", "2026-04-01"], ["change", "kind", "id", "name"]),
    ],
)
def test_every_table_command_writes_csv(args: list[str], columns: list[str]) -> None:
    """--format csv gives a header and one row per answer, readable by the csv module."""
    code, out, err = run(*args, "--format", "csv")
    assert code in {0, 1}, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][: len(columns)] == columns
    assert len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)


def test_csv_of_answers_has_dates_and_sentences() -> None:
    """Each answer's row has its ids, names, ISO dates and sentence."""
    _, out, _ = run("regard", "cm-integrated-care-strategy", *CM, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) > 11  # without --as-of, each answer of each period
    first = rows[0]
    assert first["holder_name"] == "Halton MBC"
    assert (first["start"], first["end"]) == ("2023-01-01", "2023-04-01")
    assert first["text"].endswith("partly verified).")


def test_export_and_map_take_no_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """Commands that write files are not tables: csv is refused as the format of their message."""
    for args in (["export", "-", "--to", "dot", "--report", "csv"], ["map", "-o", "x.svg", "--format", "csv"]):
        with pytest.raises(SystemExit):
            run(*args)
        assert "invalid choice: 'csv'" in capsys.readouterr().err


def test_show_lists_systems_before_electorates() -> None:
    """``show england`` begins with the regions and their systems; the electorates come after."""
    _, out, _ = run("show", "england", "--as-of", "2024-06-01")
    lines = out.splitlines()[1:]
    first_icb = next(i for i, line in enumerate(lines) if "[integrated-care-board]" in line)
    first_electorate = next(i for i, line in enumerate(lines) if "[electorate]" in line)
    assert first_icb < first_electorate
    assert "[region]" in lines[0]
