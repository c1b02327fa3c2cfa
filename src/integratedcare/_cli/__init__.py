"""The ``integratedcare`` command: explore, query, check, export and compare landscapes from a terminal.

Every command reads a landscape file (``.toml`` or ``.json``) or a bundled dataset by name
(the fictional teaching system ``brackenshire`` when none is given), takes ``--as-of DATE``,
``--regime ID`` and ``--format text|json``, and exits 0 on success, 1 when ``check`` finds
errors, and 2 on bad usage, bad input or output that cannot be written, with one line naming the
file, id, argument or output. Everything printed from data is made safe for a terminal first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, NoReturn

from integratedcare import __version__
from integratedcare._cli._safe import json_safe, terminal_text
from integratedcare._cli._spec import COMMANDS, Command
from integratedcare._errors import CoverageWarning, IntegratedCareError, LandscapeError

__all__ = ["main"]

DEFAULT_DATASET = "brackenshire"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with one line, as the other errors do."""

    def error(self, message: str) -> NoReturn:
        """Print one line naming the problem and exit 2."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _common(parser: argparse.ArgumentParser, command: Command) -> None:
    """Add the options every command takes (``datasets`` has no date or regime to take)."""
    if command.takes_source_option:
        parser.add_argument(
            "--in",
            dest="source",
            metavar="SOURCE",
            default=None,
            help=f"a landscape file (.toml, .json) or a bundled dataset name (default: {DEFAULT_DATASET})",
        )
    if command.dated:
        parser.add_argument("--as-of", metavar="DATE", help="answer as of this date (ISO, such as 2024-01-01)")
        parser.add_argument(
            "--regime", metavar="ID", help="legal regime to apply (default: the one in force; e.g. health-bill-2026)"
        )
    if command.name == "export":  # --to is the file's format; --report the format of what the command says
        parser.add_argument(
            "--report", dest="format", choices=("text", "json"), default="text", help="message format (default: text)"
        )
        parser.add_argument("--format", dest="legacy_format", metavar="FORMAT", help=argparse.SUPPRESS)
    else:
        formats = ("text", "json", "csv") if command.table else ("text", "json")
        parser.add_argument(
            "--format", choices=formats, default="text", help=f"output format: {', '.join(formats)} (default: text)"
        )
    parser.add_argument("--no-color", action="store_true", help="never colour the output (NO_COLOR is honoured too)")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with one subcommand per command."""
    parser = _Parser(
        prog="integratedcare",
        description="Explore England's integrated care systems: who must have regard to what, who is "
        "accountable to whom, who does what, and what changed.",
        epilog="Example: integratedcare regard cm-integrated-care-strategy --in cheshire-and-merseyside "
        "--as-of 2024-01-01",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, required=True)
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.summary,
            description=command.summary,
            epilog=f"Example: {command.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for name, help_text in command.positionals:
            sub.add_argument(name, **_positional(name, help_text))
        for flag, options in command.options:
            sub.add_argument(flag, **options)
        _common(sub, command)
        sub.set_defaults(run=command.run)
    return parser


def _positional(name: str, help_text: str) -> dict[str, Any]:
    """Options for a positional argument: ``SOURCE`` is optional and defaults to the teaching dataset."""
    if name == "source":
        return {"nargs": "?", "default": None, "metavar": "SOURCE", "help": help_text}
    return {"metavar": name.upper(), "help": help_text}


class OutputError(OSError):
    """Standard output cannot be written (a full device): the error names the output."""


class _Output:
    """Standard output, whose write errors (other than a closed pipe) name the output rather than the input."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.name = str(getattr(stream, "name", "standard output"))

    def write(self, text: str) -> int:
        """Write text, naming the output if it cannot be written."""
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror, self.name) from None

    def flush(self) -> None:
        """Flush, naming the output if it cannot be written."""
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror, self.name) from None

    def isatty(self) -> bool:
        """Whether the output is a terminal."""
        return self.stream.isatty()


def _discard(stream: IO[str]) -> None:
    """Point the process's real standard output at the null device, so nothing is flushed at exit."""
    if stream is sys.__stdout__:
        with contextlib.suppress(OSError, ValueError):  # a stream without a descriptor has nothing to flush
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _fail(stream: IO[str] | None, message: str) -> int:
    """Print one error line (from data, made safe for a terminal) and return the bad-input exit code."""
    lines = message.split("\n") if message else ["unknown error"]
    if stream is not None:
        stream.write(f"integratedcare: error: {terminal_text(lines[0])}\n")
        stream.writelines(f"{terminal_text(line)}\n" for line in lines[1:])
    return 2


MAX_PROBLEMS = 20
"""How many of a bad file's problems the command line lists before saying how many more there are."""


def _problems(error: IntegratedCareError) -> list[str]:
    """Return what went wrong: one problem, or each problem of a group (the first line of each)."""
    if isinstance(error, LandscapeError):
        return [_first_line(str(problem)) for problem in error.exceptions]
    return [_first_line(str(error))]


def _first_line(text: str) -> str:
    """Return the first line of a message."""
    return text.split("\n", maxsplit=1)[0]


def _describe(error: IntegratedCareError) -> str:
    """Say what went wrong: one line, or for a group its summary and then one line per problem, up to a cap."""
    if not isinstance(error, LandscapeError):
        return _first_line(str(error))
    problems = _problems(error)
    if len(problems) == 1:
        return f"{error.message}: {problems[0]}"
    lines = [f"{error.message}:", *(f"  - {problem}" for problem in problems[:MAX_PROBLEMS])]
    if len(problems) > MAX_PROBLEMS:
        lines.append(f"  (and {len(problems) - MAX_PROBLEMS} more)")
    return "\n".join(lines)


def _report_error(stream: IO[str], args: argparse.Namespace, kind: str, message: str, problems: list[str]) -> None:
    """Write an error as JSON on standard output, for ``--format json``: its type, summary and every problem."""
    data = {"command": args.command, "error": {"type": kind, "message": message, "problems": problems}}
    with contextlib.suppress(OSError):  # the error line on standard error still says it
        stream.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def _resolve_source(args: argparse.Namespace) -> bool:
    """Fill in the default dataset when no source was given; return whether it was."""
    if getattr(args, "source", "") is None:
        args.source = DEFAULT_DATASET
        return True
    return False


def _legacy_format(args: argparse.Namespace, err: IO[str]) -> None:
    """Keep ``export --format`` working: text or json is the message's format, anything else the file's."""
    value: str | None = getattr(args, "legacy_format", None)
    if value is None:
        return
    if value in {"text", "json"}:
        args.format = value
        advice = f"use --report {value} for the message (and --to FORMAT for the file)"
    else:
        args.to = value
        advice = f"use --to {value} for the file's format"
    err.write(f"integratedcare: warning: export --format is deprecated; {advice}\n")


@contextlib.contextmanager
def _coverage_said(err: IO[str]) -> Iterator[None]:
    """Say each distinct coverage warning once, on a line of its own, when the command ends (however it ends).

    A query asked outside a dataset's coverage warns from each layer it passes through; a person
    at a terminal needs the sentence once, not Python's warning format with a line of source.
    Any other warning is shown as Python would have shown it.
    """
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as recorded:
            warnings.simplefilter("always", CoverageWarning)
            caught = recorded
            yield
    finally:  # the warnings module is itself again: what is passed on goes through its filters
        said: set[str] = set()
        for warning in caught:
            if not issubclass(warning.category, CoverageWarning):
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
            elif (text := str(warning.message)) not in said:
                said.add(text)
                err.write(f"integratedcare: warning: {terminal_text(text)}\n")


def main(argv: Sequence[str] | None = None, *, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Examples:
        >>> from integratedcare._cli import main
        >>> main(["datasets"])
        Bundled datasets:
        - brackenshire: Brackenshire (fictional teaching example)
        ...
        0
    """
    err = stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    stream = stdout or sys.stdout
    if stream is None:  # started with standard output closed (`>&-`)
        return _fail(err, "standard output is closed; nothing can be written")
    out = _Output(stream)
    defaulted = _resolve_source(args)
    _legacy_format(args, err)
    from integratedcare._cli import _commands  # noqa: PLC0415 (the layers load only to run a command)

    context = _commands.Context(args=args, out=out, json_output=args.format == "json", no_color=args.no_color)  # type: ignore[arg-type]
    run: Callable[[_commands.Context], int] = getattr(_commands, args.run)
    try:
        _commands.check_options(context)
        if defaulted:  # say which landscape is read, so that "no entity" is not a mystery
            err.write(f"integratedcare: note: reading the bundled dataset {DEFAULT_DATASET!r} (no --in or SOURCE)\n")
        with _coverage_said(err):
            code = run(context)
        out.flush()
    except BrokenPipeError:  # the reader stopped early (as `| head` does): nothing more to say
        _discard(stream)
        return 0
    except IntegratedCareError as error:
        if args.format == "json":
            summary = error.message if isinstance(error, LandscapeError) else _first_line(str(error))
            _report_error(stream, args, type(error).__name__, summary, _problems(error))
        return _fail(err, _describe(error))
    except OutputError as error:
        _discard(stream)
        return _fail(err, f"{error.filename}: {error.strerror}")
    except OSError as error:
        name = getattr(error, "filename", None) or getattr(args, "source", "")
        line = f"{name}: {error.strerror or error}"
        if args.format == "json":
            _report_error(stream, args, type(error).__name__, line, [line])
        return _fail(err, line)
    return code


def entry_point() -> None:
    """Run the command line as the ``integratedcare`` console script."""
    sys.exit(main())
