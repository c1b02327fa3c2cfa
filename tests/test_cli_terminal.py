"""The command line as a hostile target: data never drives the terminal, and every failure is one clear line."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import integratedcare as ic
from integratedcare import _cli
from integratedcare._cli import main
from integratedcare._cli._render import json_safe, terminal_text

# An escape sequence that clears the screen, NUL, a right-to-left override, a C1 control (NEL),
# an isolate and a bell: a terminal acts on each rather than showing it.
HOSTILE = "Clear\x1b[2J\x1b]0;title\x07 NUL\x00 \u202eevil\u2066 NEL\x85"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """A landscape whose names carry escape sequences, NUL and bidirectional overrides."""
    land = (
        ic.LandscapeBuilder(HOSTILE)
        .add(ic.ICB(id="QYG", name=HOSTILE, period=("2022-07-01", None)))
        .add(ic.ICP(id="icp", name=HOSTILE, period=("2022-07-01", None)))
        .add(ic.MemberOf(source="QYG", target="icp"))
        .build()
    )
    path = tmp_path / "hostile.json"
    ic.io.dump(land, path)
    return path


def test_terminal_text_escapes_controls_and_bidi_visibly() -> None:
    """ESC, NUL, C1 controls and bidirectional marks become visible escapes; other text is unchanged."""
    assert terminal_text(HOSTILE) == "Clear\\x1b[2J\\x1b]0;title\\x07 NUL\\x00 \\u202eevil\\u2066 NEL\\x85"
    assert terminal_text("Wirral — Cymru \u00e9") == "Wirral — Cymru \u00e9"
    assert json_safe('"\u202e\x85"') == '"\\u202e\\u0085"'


@pytest.mark.parametrize(
    "args",
    [
        ["show", "{path}"],
        ["show", "{path}", "--no-color"],
        ["members", "icp", "--in", "{path}"],
        ["check", "{path}"],
        ["accountability", "QYG", "--in", "{path}"],
        ["members", "nope", "--in", "{path}"],
        ["show", "{path}", "--format", "json"],
        ["members", "icp", "--in", "{path}", "--format", "json"],
        ["check", "{path}", "--format", "json"],
    ],
)
def test_nothing_printed_from_data_reaches_the_terminal_raw(hostile_file: Path, args: list[str]) -> None:
    """No command writes a control or bidirectional character from data, in text or JSON, to stdout or stderr."""
    _, out, err = run(*(arg.format(path=hostile_file) for arg in args))
    assert out or err
    assert RAW.search(out) is None
    assert RAW.search(err) is None
    if "json" in args:
        assert any(HOSTILE in text for text in _strings(json.loads(out)))  # JSON still holds the name itself
    elif out:
        assert terminal_text(HOSTILE) in out


def _strings(data: object) -> list[str]:
    """Return every string inside JSON data."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in _strings(value)]
    return []


def test_a_hostile_file_name_in_an_error_is_escaped(tmp_path: Path) -> None:
    """An error naming a file whose name holds an escape sequence prints it escaped."""
    code, _, err = run("show", str(tmp_path / "x\x1b[2J.toml"))
    assert code == 2
    assert "x\\x1b[2J.toml" in err
    assert "\x1b" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["export", "out.dot"],
        ["members", "brackenshire-icp"],
        ["delegations", "brackenshire-icb"],
        ["accountability", "brackenshire-icb"],
        ["diff", "--against", "brackenshire"],
        ["regard", "brackenshire-strategy"],
        ["duties", "brackenshire-icb"],
        ["check"],
    ],
)
def test_an_unknown_regime_is_refused_by_every_command(args: list[str], tmp_path: Path) -> None:
    """--regime bogus exits 2 with one line naming the regime, before any work, for every command."""
    if args[0] == "export":
        args = ["export", str(tmp_path / "out.dot")]
    code, out, err = run(*args, "--regime", "bogus")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith('integratedcare: error: no legal regime "bogus"; known regimes: ')
    assert not (tmp_path / "out.dot").exists()


def test_closed_standard_output_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Started with standard output closed (`>&-`), the command says so in one line and exits 2."""
    monkeypatch.setattr(sys, "stdout", None)
    err = io.StringIO()
    assert main(["datasets"], stderr=err) == 2
    assert err.getvalue() == "integratedcare: error: standard output is closed; nothing can be written\n"


def test_closed_standard_error_too_still_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """With both standard output and standard error closed, the exit code still says it failed."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["datasets"]) == 2


def test_a_full_device_names_the_output() -> None:
    """Writing to a full device (/dev/full) is one line naming the output, not the input."""
    err = io.StringIO()
    full = Path("/dev/full").open("w", encoding="utf-8")  # noqa: SIM115 (closing it fails too)
    assert main(["show", "brackenshire"], stdout=full, stderr=err) == 2
    with contextlib.suppress(OSError):
        full.close()
    assert err.getvalue() == "integratedcare: error: /dev/full: No space left on device\n"


def test_export_to_a_full_device_names_the_output() -> None:
    """Exporting to /dev/full names /dev/full (the output), not the landscape read."""
    code, _, err = run("export", "/dev/full", "--to", "dot", "--in", "brackenshire")
    assert code == 2
    assert err == "integratedcare: error: /dev/full: No space left on device\n"


def test_the_real_standard_output_is_discarded_after_a_failure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """After a closed pipe, the process's own standard output is pointed at the null device (no error at exit)."""
    target = (tmp_path / "out.txt").open("w", encoding="utf-8")

    class Closed(io.TextIOWrapper):
        def write(self, _text: str) -> int:
            raise BrokenPipeError

    closed = Closed(target.buffer)
    monkeypatch.setattr(sys, "__stdout__", closed)
    assert main(["datasets"], stdout=closed, stderr=io.StringIO()) == 0
    closed.detach()
    target.close()
    _cli._discard(io.StringIO())  # any other stream is left alone


@pytest.mark.slow
@pytest.mark.parametrize(("redirect", "says"), [(">/dev/full", "No space left on device"), (">&-", "closed")])
def test_a_process_with_a_full_or_closed_output_says_so_in_one_line(redirect: str, says: str) -> None:
    """`show brackenshire >/dev/full` and `>&-` exit 2 with one line on standard error and nothing else."""
    result = subprocess.run(  # noqa: S602 (the redirection is the point; our own interpreter and arguments)
        f"{sys.executable} -m integratedcare show brackenshire {redirect}",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert says in result.stderr


def test_output_errors_other_than_a_closed_pipe_name_the_output() -> None:
    """A write that fails names the output; a flush on a closed pipe ends quietly."""

    class Failing(io.StringIO):
        name = "<stdout>"

        def write(self, _text: str) -> int:
            raise OSError(5, "Input/output error")

    class Closing(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError

    err = io.StringIO()
    assert main(["datasets"], stdout=Failing(), stderr=err) == 2
    assert err.getvalue() == "integratedcare: error: <stdout>: Input/output error\n"
    assert main(["datasets"], stdout=Closing(), stderr=err) == 0


def test_find_escapes_control_characters_in_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The find command prints a name holding an escape sequence and a bidi override escaped, never raw."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="Evil \x1b[31mred\u202e board")).build()
    path = tmp_path / "evil.json"
    ic.io.dump(land, path)
    assert main(["find", "evil", "--in", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b[31mred\\u202e" in out
