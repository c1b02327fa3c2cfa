"""The bounds the loader holds every input to, each checked before work that grows with it.

A file is read with a bounded read (so ``/dev/zero``, ``/dev/urandom`` or an endless pipe cannot
be read forever), its text is scanned for nesting and long numbers before a parser sees it (a TOML
key dotted 100,000 levels deep costs the parser gigabytes), and the parsed data is counted and its
ids and names measured before any record is built. Every bound is a field of :class:`Limits`.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Final

import attrs

from integratedcare.io._errors import FileTooLargeError

__all__ = ["DEFAULT_LIMITS", "Limits", "read_bounded", "text_problem"]

_POSITIVE: Final = [attrs.validators.instance_of(int), attrs.validators.ge(1)]


@attrs.frozen(kw_only=True)
class Limits:
    """The bounds :func:`~integratedcare.io.load` and :func:`~integratedcare.io.loads` hold a file to.

    Each bound is checked before any work that grows with it, and a file beyond one is refused with
    an error naming the bound. The defaults are far above every bundled dataset (the largest,
    ``england``, is about 6 MB of JSON with about 28,000 records) and read a file sixteen times
    the size of England's generated benchmark landscape (``k=16``: about 55 MiB and 460,000
    records); raise one by passing ``limits=Limits(records=2_000_000)``. :func:`~integratedcare.io.dump`
    refuses to write what :func:`~integratedcare.io.load` would refuse with the same limits.

    Attributes:
        file_size: the largest file read, in bytes (256 MiB).
        depth: the deepest nesting of lists, tables and dotted keys (64).
        number_length: the most digits in a number written in the file (1,000).
        records: the most entities and relations together (1,000,000); before it is parsed, a file
            may hold at most 16 lists and tables for each.
        id_length: the longest id, source or target, in characters (256).
        name_length: the longest name, in characters (4,096).
        problems: the most problems reported (100); the error says how many more were found
            and how many records were left unchecked.

    Examples:
        >>> import integratedcare as ic
        >>> ic.io.Limits().records
        1000000
        >>> ic.io.Limits(records=10).records
        10
    """

    file_size: int = attrs.field(default=256 * 1024 * 1024, validator=_POSITIVE)
    depth: int = attrs.field(default=64, validator=_POSITIVE)
    number_length: int = attrs.field(default=1000, validator=_POSITIVE)
    records: int = attrs.field(default=1_000_000, validator=_POSITIVE)
    id_length: int = attrs.field(default=256, validator=_POSITIVE)
    name_length: int = attrs.field(default=4096, validator=_POSITIVE)
    problems: int = attrs.field(default=100, validator=_POSITIVE)


DEFAULT_LIMITS: Final = Limits()
"""The bounds used when none are given."""

READ_CHUNK: Final = 1024 * 1024
"""How many bytes a pipe or a device is read at a time (a regular file is read at once, by its size)."""


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """Read at most ``limit`` bytes of a file, refusing one that holds more.

    A regular file is measured first; a device or a pipe (whose size is 0) is read with a bounded
    read, so an endless one is refused after ``limit`` bytes instead of being read forever.

    Raises:
        FileTooLargeError: the file holds more than ``limit`` bytes.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    with open(path, "rb") as file:  # noqa: PTH123 (one open for the stat and the read)
        status = os.fstat(file.fileno())
        regular = stat.S_ISREG(status.st_mode)
        if regular and status.st_size > limit:
            raise FileTooLargeError(path=name, size=status.st_size, limit=limit)
        # A read of n bytes sets n bytes aside first: ask for what the file holds (one byte more, to
        # see it end), never for the limit, which may be hundreds of times larger.
        first = min(status.st_size, limit) + 1 if regular else min(READ_CHUNK, limit + 1)
        chunks = [file.read(first)]
        total = len(chunks[0])
        done = regular and total < first  # a short read of a regular file is its end
        while chunks[-1] and total <= limit and not done:  # a pipe, or a file that grew since it was measured
            chunks.append(file.read(min(READ_CHUNK, limit + 1 - total)))
            total += len(chunks[-1])
    if total > limit:
        raise FileTooLargeError(path=name, size=None, limit=limit)
    data, *rest = chunks
    return data if not any(rest) else b"".join(chunks)  # a file read at once: its bytes, not a copy


# Strings and comments, whose brackets, dots and digits are text rather than structure.
# Each branch starts with its quote or hash, and a string's body is matched without backtracking.
_TOML_TEXT: Final = re.compile(
    r'"(?:""[\s\S]*?"""|[^"\\\n]*(?:\\.[^"\\\n]*)*")'  # basic and multi-line basic strings
    r"|'(?:''[\s\S]*?'''|[^'\n]*')"  # literal and multi-line literal strings
    r"|#[^\n]*"  # comments
)
_JSON_TEXT: Final = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"')
_NOT_STRUCTURE: Final = re.compile(r"[^\[\]{}.\n=,]+")
_BRACKETS: Final = re.compile(r"[^\[\]{}]+")
_INNERMOST: Final = re.compile(r"[\[{][\]}]")
CONTAINERS_PER_RECORD: Final = 16
"""How many lists and tables a file may hold per record it may hold, checked before it is parsed."""
CONTAINERS_BESIDES: Final = 4096
"""How many lists and tables a file may hold besides those of its records (so a few broken records,
without a ``kind``, are still parsed and reported one by one)."""
_KIND_KEY: Final = {
    "json": re.compile(r'"kind"\s*:'),
    "toml": re.compile(r"""(?m)(?:^|[{,])[ \t]*(?:kind|"kind"|'kind')[ \t]*="""),
}
"""A record's ``kind`` key, counted in the raw text: every record has one, so the count bounds the records
(it may over-count, from a string that looks like one, which only loosens the bound)."""


def _bare(text: str, format: str) -> str:  # noqa: A002
    """Return the text with its strings and comments replaced by a placeholder."""
    return (_TOML_TEXT if format == "toml" else _JSON_TEXT).sub("s", text)


def text_problem(text: str, format: str, limits: Limits) -> str | None:  # noqa: A002
    """Return what is wrong with a file's text against the nesting, number and record bounds, or ``None``.

    The scan is a few regular-expression passes over the text, linear in its length, and may
    over-count (a dot in a float, an opening bracket of a TOML table header), never under-count.
    Records are counted first, by their ``kind`` keys, before the text is copied without its strings
    (which takes memory for each string).
    """
    kinds = sum(1 for _ in _KIND_KEY["json" if format == "json" else "toml"].finditer(text))  # no list of matches
    if kinds > limits.records:
        return f"holds {kinds} records (counted by their kind keys); at most {limits.records} are read (Limits.records)"
    if format == "json" and (brackets := _plain_json_brackets(text, limits)) is not None:
        return _count_problem(brackets, kinds, limits) or _nesting_problem(brackets, limits)
    bare = _bare(text, format)
    return _number_problem(bare, limits) or _count_problem(bare, kinds, limits) or _depth_problem(bare, format, limits)


_DIGITS: Final = bytes(ord("0") if chr(i) in "0123456789_" else ord(" ") for i in range(256))
"""Bytes to translate a text by: each digit or underscore becomes ``0``, anything else a space."""
_NOT_QUOTE_OR_BRACKET: Final = bytes(i for i in range(256) if chr(i) not in '"[]{}')
_QUOTED: Final = re.compile(rb'"[^"]*"')


def _plain_json_brackets(text: str, limits: Limits) -> str | None:
    r"""Return the brackets of a JSON text outside its strings, where a few passes in C can tell them.

    Once each escape that could hide a quote (``\\`` and ``\"``, paired left to right as JSON
    reads them) is taken out, every quote opens or closes a string: the text is cut down to its
    quotes and brackets (a fraction of it), and each string there, brackets and all, is taken out.
    That is the answer where no quote is left open and no run of digits is longer than
    ``Limits.number_length`` even counting those inside strings (so no number is); otherwise
    ``None``, and the strings are taken out of the whole text one by one (:func:`_bare`). The
    findings are the same either way: this only skips work.
    """
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate is refused later, with its place
    if b"\\" in raw:  # an escaped backslash first, so that the quote after it still closes its string
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    run = limits.number_length + 1
    if run <= len(raw) and b"0" * run in raw.translate(_DIGITS):
        return None
    brackets = _QUOTED.sub(b"", raw.translate(None, _NOT_QUOTE_OR_BRACKET))  # each string, brackets and all
    if b'"' in brackets:  # a quote left open
        return None
    return brackets.decode("ascii")


def _number_problem(bare: str, limits: Limits) -> str | None:
    """Return the problem of a number longer than ``Limits.number_length``, or ``None``."""
    if long_number := re.search(rf"[0-9_]{{{limits.number_length + 1},}}", bare):
        digits = len(long_number.group())
        return f"holds a number of {digits} digits; at most {limits.number_length} are read (Limits.number_length)"
    return None


def _count_problem(bare: str, kinds: int, limits: Limits) -> str | None:
    """Return the problem of more lists and tables than the records may hold, or ``None``."""
    containers = bare.count("[") + bare.count("{")
    if containers > CONTAINERS_PER_RECORD * limits.records:
        return (
            f"holds {containers} lists and tables; at most {CONTAINERS_PER_RECORD} for each of "
            f"{limits.records} records are read (Limits.records)"
        )
    if containers > CONTAINERS_PER_RECORD * kinds + CONTAINERS_BESIDES:  # millions of tables with no kind
        return (
            f"holds {containers} lists and tables but only {kinds} records with a kind; at most "
            f"{CONTAINERS_PER_RECORD} for each record and {CONTAINERS_BESIDES} besides are read"
        )
    return None


def _depth_problem(bare: str, format: str, limits: Limits) -> str | None:  # noqa: A002
    """Return the problem of keys dotted or lists and tables nested deeper than ``Limits.depth``, or ``None``."""
    if format == "toml":
        structure = _NOT_STRUCTURE.sub("", bare)
        if dotted := re.search(rf"\.{{{limits.depth},}}", structure):
            depth = len(dotted.group()) + 1
            return f"holds a key dotted {depth} levels deep; at most {limits.depth} are read (Limits.depth)"
    return _nesting_problem(_BRACKETS.sub("", bare), limits)


def _nesting_problem(brackets: str, limits: Limits) -> str | None:
    """Return the problem of lists and tables (given as their brackets alone) nested deeper than ``Limits.depth``."""
    for _ in range(limits.depth):  # each pass takes away the innermost level of every list and table
        brackets, found = _INNERMOST.subn("", brackets)
        if not found:
            return None  # all taken away, or unbalanced (which the parser reports)
    if _INNERMOST.search(brackets):
        deep = f"more than {limits.depth} levels deep"
        return f"nests lists or tables {deep}; at most {limits.depth} are read (Limits.depth)"
    return None
