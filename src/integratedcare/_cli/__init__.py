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
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn

from integratedcare import __version__
from integratedcare._cli._render import terminal_text
from integratedcare._cli._spec import COMMANDS
from integratedcare._errors import IntegratedCareError, LandscapeError

__all__ = ["main"]

DEFAULT_DATASET = "brackenshire"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with one line, as the other errors do."""

    def error(self, message: str) -> NoReturn:
        """Print one line naming the problem and exit 2."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _common(parser: argparse.ArgumentParser, *, source: bool) -> None:
    """Add the options every command takes."""
    if source:
        parser.add_argument(
            "--in",
            dest="source",
            metavar="SOURCE",
            default=DEFAULT_DATASET,
            help=f"a landscape file (.toml, .json) or a bundled dataset name (default: {DEFAULT_DATASET})",
        )
    parser.add_argument("--as-of", metavar="DATE", help="answer as of this date (ISO, such as 2024-01-01)")
    parser.add_argument(
        "--regime", metavar="ID", help="legal regime to apply (default: the one in force; e.g. health-bill-2026)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
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
        _common(sub, source=command.takes_source_option)
        sub.set_defaults(run=command.run)
    return parser


def _positional(name: str, help_text: str) -> dict[str, Any]:
    """Options for a positional argument: ``SOURCE`` is optional and defaults to the teaching dataset."""
    if name == "source":
        return {"nargs": "?", "default": DEFAULT_DATASET, "metavar": "SOURCE", "help": help_text}
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
    first = message.split("\n", maxsplit=1)[0] if message else "unknown error"
    if stream is not None:
        stream.write(f"integratedcare: error: {terminal_text(first)}\n")
    return 2


def _describe(error: IntegratedCareError) -> str:
    """Say what went wrong in one line; for a group, the summary and the first problem."""
    if isinstance(error, LandscapeError):
        first = str(error.exceptions[0]).splitlines()[0]
        more = len(error.exceptions) - 1
        tail = f" (and {more} more)" if more else ""
        return f"{error.message}: {first}{tail}"
    return str(error)


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
    from integratedcare._cli import _commands  # noqa: PLC0415 (the layers load only to run a command)

    context = _commands.Context(args=args, out=out, json_output=args.format == "json", no_color=args.no_color)  # type: ignore[arg-type]
    run: Callable[[_commands.Context], int] = getattr(_commands, args.run)
    try:
        _commands.check_options(context)
        code = run(context)
        out.flush()
    except BrokenPipeError:  # the reader stopped early (as `| head` does): nothing more to say
        _discard(stream)
        return 0
    except IntegratedCareError as error:
        return _fail(err, _describe(error))
    except OutputError as error:
        _discard(stream)
        return _fail(err, f"{error.filename}: {error.strerror}")
    except OSError as error:
        name = getattr(error, "filename", None) or getattr(args, "source", "")
        return _fail(err, f"{name}: {error.strerror or error}")
    return code


def entry_point() -> None:
    """Run the command line as the ``integratedcare`` console script."""
    sys.exit(main())
