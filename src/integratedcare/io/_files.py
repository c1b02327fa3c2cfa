"""Loading and saving landscapes in the integratedcare file format, as TOML or JSON.

A file holds ``format = "integratedcare/1"``, the landscape's ``name``, a list of ``entities``
and a list of ``relations``; each record names its ``kind``. Loading reports every problem of
a file at once, each naming the file and the place inside it, and returns nothing half-loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import tomli_w

from integratedcare._errors import (
    DuplicateIdError,
    DuplicateRelationError,
    InvalidPeriodError,
    InvalidRelationError,
    InvalidValueError,
    LandscapeError,
    PeriodMismatchError,
    UnknownEntityError,
)
from integratedcare._landscape import Landscape, LandscapeBuilder
from integratedcare._model import ENTITY_KINDS, Clause, Entity, Period, Relation, SucceededBy, to_date
from integratedcare._model._provenance import subject_of
from integratedcare.io._convert import (
    entity_record,
    problems_of,
    relation_record,
    show,
    structure_entity,
    structure_relation,
)
from integratedcare.io._errors import FileFormatError, FileSyntaxError, FileTooLargeError, UnsupportedFormatError
from integratedcare.io._limits import DEFAULT_LIMITS, Limits, read_bounded, text_problem

__all__ = [
    "FORMAT",
    "MAX_FILE_SIZE",
    "FileFormat",
    "Limits",
    "dump",
    "dumps",
    "format_of",
    "load",
    "loads",
    "to_document",
]

FORMAT: Final = "integratedcare/1"
"""The ``format`` key of every file this version writes and reads."""

MAX_FILE_SIZE: Final = DEFAULT_LIMITS.file_size
"""The largest file :func:`load` reads by default, in bytes (256 MiB); see :class:`Limits` to raise it."""

FileFormat: TypeAlias = Literal["toml", "json"]
_SUFFIXES: Final[dict[str, FileFormat]] = {".toml": "toml", ".json": "json"}
_TOP_KEYS: Final = ("format", "name", "coverage", "entities", "relations")
_COVERAGE_KEYS: Final = ("dataset", "start", "end")
_LINE: Final = re.compile(r"at line (\d+)")
_PLACE: Final = re.compile(r"(entities|relations)\[(\d+)\]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def format_of(path: str | os.PathLike[str], format: str | None, known: dict[str, str]) -> str:  # noqa: A002
    """Return the format named, or the one ``path``'s suffix implies among ``known`` (suffix to format)."""
    supported = tuple(sorted(set(known.values())))
    if format is not None:
        if format not in supported:
            raise UnsupportedFormatError(requested=format, supported=supported)
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in known:
        raise UnsupportedFormatError(requested=suffix or Path(path).name, supported=supported)
    return known[suffix]


# --- writing ------------------------------------------------------------------------------------


def _registered(entity: Entity) -> Entity:
    """Return the entity if its kind is registered (so a file can be read back), or raise."""
    if ENTITY_KINDS.get(entity.kind) is not type(entity):
        raise InvalidValueError(
            subject=subject_of(entity),
            field="kind",
            problem=f"must be a registered kind to be written to a file (see integratedcare.kinds.register_kind), "
            f"got the unregistered class {type(entity).__qualname__}",
        )
    return entity


def to_document(landscape: Landscape) -> dict[str, Any]:
    """Return the landscape as the plain data of the file format (what TOML and JSON files hold).

    Raises:
        InvalidValueError: an entity's kind is not registered, so the file could not be read back.
    """
    document: dict[str, Any] = {"format": FORMAT, "name": landscape.name}
    declared = landscape._coverage  # noqa: SLF001 (the file keeps what a bundled dataset declares)
    if declared is not None:
        dataset, span = declared
        document["coverage"] = {"dataset": dataset} | {
            key: day.isoformat() for key, day in (("start", span.start), ("end", span.end)) if day is not None
        }
    document["entities"] = [entity_record(_registered(entity)) for entity in landscape.entities]
    document["relations"] = [relation_record(relation) for relation in landscape.all_relations]
    return document


def dumps(landscape: Landscape, *, format: FileFormat = "toml") -> str:  # noqa: A002 (the natural word)
    """Return the landscape as the text of a TOML or JSON file.

    The text is deterministic: entities in order of id, relations in order of kind, source,
    target and period, keys in a fixed order, so the same landscape always gives the same bytes.

    Raises:
        UnsupportedFormatError: ``format`` is neither ``"toml"`` nor ``"json"``.
        InvalidValueError: an entity's kind is not registered (see :func:`~integratedcare.kinds.register_kind`).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder("Example").add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None),
        ...            population=ic.quantity("2.7 million person"))).build()
        >>> print(ic.io.dumps(land))
        format = "integratedcare/1"
        name = "Example"
        relations = []
        <BLANKLINE>
        [[entities]]
        kind = "integrated-care-board"
        id = "QYG"
        name = "NHS Cheshire and Merseyside ICB"
        population = "2700000.0 person"
        start = "2022-07-01"
        <BLANKLINE>
    """
    document = to_document(landscape)
    if format == "toml":
        return tomli_w.dumps(document)
    if format == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    raise UnsupportedFormatError(requested=str(format), supported=("json", "toml"))


def dump(
    landscape: Landscape,
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Write the landscape to a TOML or JSON file, chosen by ``format`` or by the suffix of ``path``.

    The file is UTF-8 with LF line ends on every platform. A landscape that :func:`load` would
    refuse with the same ``limits`` is refused before anything is written: a file larger than
    ``limits.file_size``, more records than ``limits.records``, or ids and names longer than
    ``limits.id_length`` and ``limits.name_length``.

    Raises:
        LandscapeError: more records, or longer ids or names, than ``limits`` allow, each problem
            named as :func:`load` would name it.
        UnsupportedFormatError: the suffix is neither ``.toml`` nor ``.json`` and no format was named.
        FileTooLargeError: the file would be larger than ``limits.file_size`` bytes, so it could
            not be loaded again with the same limits.

    Examples:
        >>> import integratedcare as ic, pathlib, tempfile
        >>> land = ic.LandscapeBuilder("Example").add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "example.json"
        >>> ic.io.dump(land, path)
        >>> ic.io.load(path) == land
        True
    """
    chosen = format_of(path, format, dict(_SUFFIXES))
    name = os.fspath(path)
    document = to_document(landscape)
    reader = _Reader(name, limits=limits)
    reader._check_sizes(document)  # noqa: SLF001 (the reader's own check, as load makes it)
    if reader.problems:
        raise LandscapeError(_summary(len(reader.problems), reader, name), reader.problems)
    text = tomli_w.dumps(document) if chosen == "toml" else json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    data = text.encode("utf-8")
    if len(data) > limits.file_size:
        raise FileTooLargeError(path=os.fspath(path), size=len(data), limit=limits.file_size)
    Path(path).write_bytes(data)


# --- reading ------------------------------------------------------------------------------------


def load(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002
    limits: Limits = DEFAULT_LIMITS,
) -> Landscape:
    """Read a landscape from a TOML or JSON file, chosen by ``format`` or by the suffix of ``path``.

    The file is held to ``limits`` (its size, nesting, numbers, records, ids and names; see
    :class:`Limits`), each checked before the work that grows with it, and at most
    ``limits.problems`` problems are reported.

    Raises:
        LandscapeError: with every problem of the file, each a :class:`~integratedcare.errors.FileFormatError`
            naming the file and the place inside it (``entities[12].population``); a syntax error
            is a :class:`~integratedcare.errors.FileSyntaxError` with its line.
        FileTooLargeError: the file is larger than ``limits.file_size`` (a device or a pipe is read
            only that far).
        UnsupportedFormatError: the suffix is neither ``.toml`` nor ``.json`` and no format was named.
        OSError: the file cannot be read.

    Examples:
        >>> import integratedcare as ic, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "broken.toml"
        >>> _ = path.write_text('''
        ... format = "integratedcare/1"
        ... name = "Broken"
        ... [[entities]]
        ... kind = "place-based-partnership"
        ... id = "wirral-place"
        ... name = "Wirral"
        ... population = "320000 GBP"
        ... [[relations]]
        ... kind = "within"
        ... source = "cheshire-east-place"
        ... target = "cm-ics"
        ... ''')
        >>> try:
        ...     ic.io.load(path)
        ... except ic.errors.LandscapeError as err:
        ...     print(err)
        3 problems in file '.../broken.toml'
          - .../broken.toml: entities[0].population: must be in person, got 320000 GBP
          - .../broken.toml: relations[0].source: no entity with id "cheshire-east-place"
          - .../broken.toml: relations[0].target: no entity with id "cm-ics"
    """
    chosen = format_of(path, format, dict(_SUFFIXES))
    name = os.fspath(path)
    data = read_bounded(path, limits.file_size)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = FileFormatError(path=name, problem=f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        raise LandscapeError(f"1 problem in file {name!r}", [problem]) from None
    return _read(text, chosen, name, limits)  # type: ignore[arg-type]


def loads(
    text: str,
    *,
    format: FileFormat = "toml",  # noqa: A002
    source: str = "<string>",
    limits: Limits = DEFAULT_LIMITS,
) -> Landscape:
    """Read a landscape from the text of a TOML or JSON file; ``source`` names it in errors.

    Raises:
        LandscapeError: with every problem of the text (see :func:`load`).
        FileTooLargeError: the text is larger than ``limits.file_size`` bytes as UTF-8.
        UnsupportedFormatError: ``format`` is neither ``"toml"`` nor ``"json"``.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.io.loads('''
        ... format = "integratedcare/1"
        ... name = "Example"
        ... [[entities]]
        ... kind = "integrated-care-board"
        ... id = "QYG"
        ... name = "NHS Cheshire and Merseyside ICB"
        ... start = 2022-07-01
        ... codes = ["ods:QYG", "gss:E54000008"]
        ... population = "2.7 million person"
        ... ''')
        >>> land["QYG"].population, land["QYG"].code("gss")
        (<Quantity(2700000.0, 'person')>, 'E54000008')
    """
    chosen = format_of(source, format, {".toml": "toml", ".json": "json"})
    if len(text) > limits.file_size:  # each character is at least one byte: refused before it is encoded
        raise FileTooLargeError(path=source, size=None, limit=limits.file_size)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.file_size:
        raise FileTooLargeError(path=source, size=size, limit=limits.file_size)
    return _read(text, chosen, source, limits)  # type: ignore[arg-type]


def read_json(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Any:  # noqa: ANN401 (any JSON)
    """Read a JSON file held to ``limits`` (its size, nesting and numbers), for the FHIR and ODS imports.

    The file is read as :func:`load` reads one: a bounded read, its text scanned for nesting and
    long numbers before it is parsed, and a key given twice or a lone surrogate refused.

    Raises:
        LandscapeError: the file is not UTF-8, not JSON, too deep, gives a key twice or holds a lone
            surrogate, each a :class:`~integratedcare.errors.FileFormatError` naming the file and the place.
        FileTooLargeError: the file is larger than ``limits.file_size``.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    data = read_bounded(path, limits.file_size)
    try:
        parsed, unique = _parse(data.decode("utf-8-sig"), "json", name, limits)
    except UnicodeDecodeError as exc:
        problem = FileFormatError(path=name, problem=f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        raise LandscapeError(f"1 problem in file {name!r}", [problem]) from None
    except FileSyntaxError as exc:
        raise LandscapeError(f"1 problem in file {name!r}", [exc]) from None
    problems = [
        FileFormatError(path=name, location=f"{location}.{key}" if location else key, problem="is given more than once")
        for location, keys in (() if unique else _duplicated_keys(parsed))
        for key in keys
    ]
    problems += [
        FileFormatError(
            path=name,
            location=location.encode("utf-8", "backslashreplace").decode("utf-8"),
            problem=f"must be Unicode text, got the lone surrogate {char!a} (no file can hold it)",
        )
        for location, char in _lone_surrogates(parsed)
    ]
    if problems:
        problems = problems[: limits.problems]
        count = len(problems)
        raise LandscapeError(f"{count} problem{'s' if count > 1 else ''} in file {name!r}", problems)
    return parsed


class _Duplicated(dict[str, Any]):
    """A JSON object that gave a key more than once (JSON keeps the last; the format refuses it)."""

    twice: tuple[str, ...] = ()


class _Pairs:
    """The ``object_pairs_hook`` of one JSON parse: it remembers whether any object gave a key twice."""

    def __init__(self) -> None:
        self.duplicated = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        """Build a JSON object, marking it when a key is given more than once."""
        table = dict(pairs)
        if len(table) == len(pairs):
            return table
        self.duplicated = True
        marked = _Duplicated(table)
        marked.twice = tuple(sorted(key for key, count in Counter(key for key, _ in pairs).items() if count > 1))
        return marked


def _parse(text: str, format: FileFormat, path: str, limits: Limits) -> tuple[object, bool]:  # noqa: A002
    """Parse TOML or JSON text, turning a syntax error into a FileSyntaxError with its line.

    Return the data and whether no key was given twice (so the data need not be searched for them).
    """
    syntax = format.upper()
    if problem := text_problem(text, format, limits):
        raise FileSyntaxError(path=path, problem=problem)
    try:
        if format == "toml":
            return tomllib.loads(text), True  # TOML's parser refuses a key given twice
        pairs = _Pairs()
        return json.loads(text, object_pairs_hook=pairs), not pairs.duplicated
    except tomllib.TOMLDecodeError as exc:
        match = _LINE.search(str(exc))
        line = int(match.group(1)) if match else text.count("\n") + 1
        raise FileSyntaxError(path=path, problem=f"is not valid TOML: {exc}", line=line) from None
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON: {exc.msg} (at line {exc.lineno}, column {exc.colno})"
        raise FileSyntaxError(path=path, problem=problem, line=exc.lineno) from None
    except RecursionError:  # both parsers recurse into nested lists and tables
        raise FileSyntaxError(
            path=path, problem=f"is not valid {syntax}: its lists or tables nest too deeply"
        ) from None
    except ValueError as exc:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        reason = str(exc).partition(";")[0]  # leave out the advice to call sys.set_int_max_str_digits()
        raise FileSyntaxError(path=path, problem=f"is not valid {syntax}: {reason}") from None


def _read(text: str, format: FileFormat, path: str, limits: Limits) -> Landscape:  # noqa: A002
    """Parse, check and build; raise every problem together."""
    try:
        data, keys_checked = _parse(text, format, path, limits)
    except FileSyntaxError as exc:
        raise LandscapeError(f"1 problem in file {path!r}", [exc]) from None
    unicode_checked = _is_unicode(text) and _SURROGATE_ESCAPE.search(text) is None
    reader = _Reader(path, unicode_checked=unicode_checked, limits=limits, keys_checked=keys_checked)
    landscape = reader.read(data)
    if reader.problems:
        problems = sorted(reader.problems, key=_place)
        raise LandscapeError(_summary(len(problems), reader, path), problems)
    assert landscape is not None  # noqa: S101 (a landscape is built whenever there is no problem)
    return landscape


def _summary(count: int, reader: _Reader, path: str) -> str:
    """Say how many problems a file has, and how many more were found or left unchecked past the limit."""
    noun = "problem" if count == 1 else "problems"
    if not (reader.more or reader.unchecked):
        return f"{count} {noun} in file {path!r}"
    left = f"{reader.more} more found" if reader.more else "more not looked for"
    if reader.unchecked:
        left += f", {reader.unchecked} records left unchecked"
    return f"{count} {noun} in file {path!r}, the first {count} (Limits.problems); {left}"


def _is_unicode(text: str) -> bool:
    """Whether a text holds no lone surrogate (the encoder finds one much faster than a search)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _place(problem: FileFormatError) -> tuple[int, int, str]:
    """Order problems as the file is: the top level, then entities, then relations, each by position."""
    match = _PLACE.match(problem.location)
    if match is None:
        return (0, 0, problem.location)
    return (1 if match.group(1) == "entities" else 2, int(match.group(2)), problem.location)


class _Reader:
    """Checks one file's data and builds its landscape, collecting every problem."""

    def __init__(
        self, path: str, *, unicode_checked: bool = False, limits: Limits = DEFAULT_LIMITS, keys_checked: bool = False
    ) -> None:
        self.path = path
        self.unicode_checked = unicode_checked  # the text holds no lone surrogate, raw or escaped
        self.keys_checked = keys_checked  # no key was given twice (TOML's parser refuses them; JSON's hook saw none)
        self.limits = limits
        self.problems: list[FileFormatError] = []
        self.more = 0  # problems found past limits.problems, counted but not kept
        self.unchecked = 0  # records not looked at once limits.problems was reached
        self._unicode_problems: set[str] = set()

    @property
    def full(self) -> bool:
        """Whether as many problems as the limit allows have been recorded."""
        return len(self.problems) >= self.limits.problems

    def report(self, location: str, problem: str) -> None:
        """Record a problem at ``location`` (a lone surrogate in either is written as its escape, so it prints)."""
        if self.full:
            self.more += 1
            return
        location, problem = (text.encode("utf-8", "backslashreplace").decode("utf-8") for text in (location, problem))
        self.problems.append(FileFormatError(path=self.path, location=location, problem=problem))

    def read(self, data: object) -> Landscape | None:
        """Return the landscape of a parsed file, or ``None`` after recording its problems."""
        if not isinstance(data, dict):
            self.report("", f"must hold a table of format, name, entities and relations, got {show(data)}")
            return None
        self._check_top(data)
        for location, keys in () if self.keys_checked else _duplicated_keys(data):
            for key in keys:
                inside = f"{location}.{key}" if location else key
                self.report(inside, "is given more than once (a key may appear once in a table)")
        if not self._check_sizes(data):
            return None

        for location, char in () if self.unicode_checked else _lone_surrogates(data):
            self._unicode_problems.add(location)
            self.report(location, f"must be Unicode text, got the lone surrogate {char!r} (no file can hold it)")
        name = data.get("name", "")
        entities = self._records(data, "entities", structure_entity)
        relations = self._records(data, "relations", structure_relation)
        failed = {
            record["id"]
            for record in _as_list(data.get("entities"))
            if isinstance(record, dict) and isinstance(record.get("id"), str)
        } - {entity.id for _, entity in entities}
        try:
            landscape = (
                LandscapeBuilder(name if isinstance(name, str) else "")
                .add(*(e for _, e in entities), *(r for _, r in relations))
                .build()
            )
        except LandscapeError as group:
            self._locate(group.exceptions, entities, relations, failed)
            return None
        coverage = self._coverage(data.get("coverage"), landscape.name)
        if coverage is not None:
            landscape._declare_coverage(*coverage)  # noqa: SLF001 (the file declares its dataset's coverage)
        return None if self.problems else landscape

    def _coverage(self, value: object, name: str) -> tuple[str, Period] | None:
        """Read the optional coverage table (the dataset it names and the span it covers), reporting its problems."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.report("coverage", f"must be a table of dataset, start and end, got {show(value)}")
            return None
        for key in sorted(set(value) - set(_COVERAGE_KEYS)):
            self.report(f"coverage.{key}", f"is not a key of coverage; the keys are {', '.join(_COVERAGE_KEYS)}")
        dataset = value.get("dataset", name)
        if not isinstance(dataset, str):
            self.report("coverage.dataset", f"must be text, got {show(dataset)}")
            return None
        days: dict[str, dt.date | None] = {}
        for key in ("start", "end"):
            day = value.get(key)
            try:
                days[key] = None if day is None else to_date(day, field=f"coverage.{key}")
            except InvalidPeriodError:
                self.report(f"coverage.{key}", f"must be an ISO date such as 2022-07-01, got {show(day)}")
                return None
        try:
            return dataset, Period(days["start"], days["end"])
        except InvalidPeriodError:
            self.report("coverage.end", f"must be after coverage.start, got {show(value.get('end'))}")
            return None

    def _check_top(self, data: dict[str, Any]) -> None:
        """Check the format key, the name and that no other key is present."""
        version = data.get("format")
        if version is None:
            self.report("format", f'is required: write format = "{FORMAT}" first')
        elif version != FORMAT:
            self.report("format", f"must be {FORMAT!r} (the version this library reads), got {show(version)}")
        if not isinstance(data.get("name", ""), str):
            self.report("name", f"must be text, got {show(data['name'])}")
        for key in sorted(set(data) - set(_TOP_KEYS)):
            self.report(key, f"is not a key of the format; the keys are {', '.join(_TOP_KEYS)}")

    def _check_sizes(self, data: dict[str, Any]) -> bool:
        """Check the number of records and the length of ids and names; whether the records can be read."""
        counts = {key: len(data[key]) for key in ("entities", "relations") if isinstance(data.get(key), list)}
        total = sum(counts.values())
        if total > self.limits.records:
            found = " and ".join(f"{count} {key}" for key, count in counts.items())
            self.report("", f"holds {found}; at most {self.limits.records} records are read (Limits.records)")
            return False
        bounds = (("id", self.limits.id_length, "id_length"), ("name", self.limits.name_length, "name_length"))
        texts = (
            *bounds,
            ("source", self.limits.id_length, "id_length"),
            ("target", self.limits.id_length, "id_length"),
        )
        fine = True
        for key in counts:
            for index, record in enumerate(data[key]):
                if not isinstance(record, dict):
                    continue
                for field, bound, name in texts:
                    text = record.get(field)
                    if isinstance(text, str) and len(text) > bound:
                        fine = False
                        self.report(
                            f"{key}[{index}].{field}",
                            f"is {len(text)} characters long; at most {bound} are read (Limits.{name})",
                        )
        return fine

    def _records(self, data: dict[str, Any], key: str, structure: Callable[[object], Any]) -> list[tuple[int, Any]]:
        """Structure each record of a list, keeping its position and recording each problem."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.report(key, f"must be a list of tables, got {show(value)}")
            return []
        built = []
        for index, record in enumerate(value):
            if self.full:  # stop building records once the problems to report are found
                self.unchecked += len(value) - index
                break
            try:
                built.append((index, structure(record)))
            except Exception as exc:  # noqa: BLE001 (every problem is collected and re-reported)
                for location, problem in problems_of(exc, f"{key}[{index}]"):
                    said = location in self._unicode_problems and "valid Unicode text" in problem
                    if not said:  # the model's own complaint about a lone surrogate was said more plainly above
                        self.report(location, problem)
        return built

    def _locate(
        self,
        errors: Sequence[Exception],
        entities: list[tuple[int, Entity]],
        relations: list[tuple[int, Relation]],
        failed: set[str],
    ) -> None:
        """Re-report the builder's problems at their places in the file."""
        entity_places: defaultdict[str, list[int]] = defaultdict(list)
        for index, entity in entities:
            entity_places[entity.id].append(index)
        finder = _RelationFinder(relations)
        for error in errors:
            if isinstance(error, DuplicateIdError):
                places = ", ".join(f"entities[{i}]" for i in entity_places[error.id])
                at = entity_places[error.id][1]
                self.report(f"entities[{at}].id", f'"{error.id}" is used by more than one entity ({places})')
            elif isinstance(error, UnknownEntityError):
                if error.id not in failed:
                    self._unknown(error, finder)
            elif isinstance(error, InvalidRelationError):
                at = finder.find(error.relation, f"kind of {error.field}", _fits_field(error.field, None))
                field = "basis.agreement" if error.field == "basis" else error.field
                self.report(f"relations[{at}].{field}", f"must be a {' or '.join(error.expected)}, got a {error.got}")
            elif isinstance(error, PeriodMismatchError):
                at = finder.find_period(error.relation, f"period of {error.field}", error.period)
                self.report(f"relations[{at}]", str(error).removeprefix(f"{error.relation}: "))
            else:  # the only other problem the builder finds in added objects
                assert isinstance(error, DuplicateRelationError)  # noqa: S101
                self.report(f"relations[{finder.duplicate(error.relation)}]", "is given more than once")

    def _unknown(self, error: UnknownEntityError, finder: _RelationFinder) -> None:
        """Re-report an id that names no entity at the relation's field that holds it."""
        at = finder.find(error.referrer, f"id of {error.field}", _fits_field(error.field, error.id))
        field = "basis.agreement" if error.field == "basis" else error.field
        hint = UnknownEntityError(id=error.id, suggestions=error.suggestions)
        self.report(f"relations[{at}].{field}", str(hint))


def _duplicated_keys(data: object) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield the place of each JSON object that gave keys more than once, and those keys."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:  # not recursive, as below
        location, value = stack.pop()
        if isinstance(value, _Duplicated):
            yield location, value.twice
        if isinstance(value, dict):
            stack.extend((f"{location}.{key}" if location else key, item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{location}[{index}]", item) for index, item in enumerate(value))


def _lone_surrogates(data: object) -> Iterator[tuple[str, str]]:
    """Yield the place of each text (or key) holding a lone surrogate, which JSON's escapes (U+D800...) can make."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:  # not recursive: the parsers accept deeper nesting than a recursive walk could
        location, value = stack.pop()
        if isinstance(value, str):
            if found := _SURROGATE.search(value):
                yield location, found.group()
        elif isinstance(value, dict):
            for key, item in value.items():
                inside = f"{location}.{key}" if location else key
                if found := _SURROGATE.search(key):
                    yield inside, found.group()
                stack.append((inside, item))
        elif isinstance(value, list):
            stack.extend((f"{location}[{index}]", item) for index, item in enumerate(value))


def _fits_field(field: str, agreement: str | None) -> Callable[[Relation], bool]:
    """Match relations whose clause names an agreement (``agreement`` itself when given), for basis errors."""

    def fits(relation: Relation) -> bool:
        if field != "basis":
            return True
        named = _agreement(relation)
        return named is not None and agreement in {None, named}

    return fits


def _as_list(value: object) -> list[Any]:
    """Return a value that should be a list, or an empty list."""
    return value if isinstance(value, list) else []


def _agreement(relation: Relation) -> str | None:
    """Return the agreement a relation's clause names, if it has one."""
    return relation.basis.agreement if isinstance(relation.basis, Clause) else None


def _period_text(relation: Relation) -> str:
    """Write a relation's period the way the builder's period errors do."""
    if isinstance(relation, SucceededBy):
        return f"(succession on {relation.date.isoformat()})"
    return str(relation.period)


class _RelationFinder:
    """Finds the position in the file of the relation a builder error names by its label."""

    def __init__(self, relations: list[tuple[int, Relation]]) -> None:
        self.by_label: defaultdict[str, list[tuple[int, Relation]]] = defaultdict(list)
        for index, relation in relations:
            self.by_label[relation.label].append((index, relation))
        self.used: set[tuple[int, str]] = set()
        # Where the last search for a label and a check stopped, so that many errors about one
        # pair (8,000 period mismatches) are placed in one pass rather than a pass each.
        self._cursor: dict[tuple[str, str], int] = {}
        self._copies: dict[str, list[int]] = {}
        self._periods: dict[tuple[str, str], defaultdict[str, deque[int]]] = {}

    def find(self, label: str, check: str, fits: Callable[[Relation], bool]) -> int:
        """Return the position of the first relation with ``label`` that fits, not yet blamed for ``check``."""
        candidates = self.by_label[label]
        start = self._cursor.get((label, check), 0)
        for offset in range(start, len(candidates)):
            index, relation = candidates[offset]
            if fits(relation) and (index, check) not in self.used:
                self.used.add((index, check))
                while start < len(candidates) and (candidates[start][0], check) in self.used:
                    start += 1  # every relation before the cursor is already blamed for this check
                self._cursor[label, check] = start
                return index
        index = candidates[0][0]
        self.used.add((index, check))
        return index

    def find_period(self, label: str, check: str, period: str) -> int:
        """Return the position of the first relation with ``label`` and ``period`` not yet blamed for ``check``.

        The relations with one label are grouped by period once, so that many errors about one
        pair, each copy given twice, are placed in one pass (a scan each took 34 s for 8,000).
        """
        groups = self._periods.get((label, check))
        if groups is None:
            groups = defaultdict(deque)
            for index, relation in self.by_label[label]:
                groups[_period_text(relation)].append(index)
            self._periods[label, check] = groups
        waiting = groups[period]
        while waiting:
            index = waiting.popleft()
            if (index, check) not in self.used:
                self.used.add((index, check))
                return index
        index = self.by_label[label][0][0]
        self.used.add((index, check))
        return index

    def duplicate(self, label: str) -> int:
        """Return the position of the second copy of the next relation with ``label`` given more than once.

        The builder reports each repeated relation once, in order of its first copy, so the
        relations with one label are taken in that order.
        """
        copies = self._copies.get(label)
        if copies is None:
            candidates = self.by_label[label]
            places: dict[Relation, list[int]] = {}
            for index, relation in candidates:
                places.setdefault(relation, []).append(index)
            # Copies that differ only in an omitted period become equal when the builder supplies it.
            copies = [found[1] for found in places.values() if len(found) > 1] or [candidates[-1][0]]
            copies.reverse()
            self._copies[label] = copies
        return copies.pop() if len(copies) > 1 else copies[0]
