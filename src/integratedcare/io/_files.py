"""Loading and saving landscapes in the integratedcare file format, as TOML or JSON.

A file holds ``format = "integratedcare/1"``, the landscape's ``name``, a list of ``entities``
and a list of ``relations``; each record names its ``kind``. Loading reports every problem of
a file at once, each naming the file and the place inside it, and returns nothing half-loaded.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import tomli_w

from integratedcare._errors import (
    DuplicateIdError,
    DuplicateRelationError,
    InvalidRelationError,
    InvalidValueError,
    LandscapeError,
    PeriodMismatchError,
    UnknownEntityError,
)
from integratedcare._landscape import Landscape, LandscapeBuilder
from integratedcare._model import ENTITY_KINDS, Clause, Entity, Relation, SucceededBy
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

__all__ = ["FORMAT", "MAX_FILE_SIZE", "FileFormat", "dump", "dumps", "format_of", "load", "loads", "to_document"]

FORMAT: Final = "integratedcare/1"
"""The ``format`` key of every file this version writes and reads."""

MAX_FILE_SIZE: Final = 50 * 1024 * 1024
"""The largest file :func:`load` reads, in bytes (50 MiB); larger files are refused."""

FileFormat: TypeAlias = Literal["toml", "json"]
_SUFFIXES: Final[dict[str, FileFormat]] = {".toml": "toml", ".json": "json"}
_TOP_KEYS: Final = ("format", "name", "entities", "relations")
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
    return {
        "format": FORMAT,
        "name": landscape.name,
        "entities": [entity_record(_registered(entity)) for entity in landscape.entities],
        "relations": [relation_record(relation) for relation in landscape.all_relations],
    }


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


def dump(landscape: Landscape, path: str | os.PathLike[str], *, format: FileFormat | None = None) -> None:  # noqa: A002
    """Write the landscape to a TOML or JSON file, chosen by ``format`` or by the suffix of ``path``.

    The file is UTF-8 with LF line ends on every platform.

    Raises:
        UnsupportedFormatError: the suffix is neither ``.toml`` nor ``.json`` and no format was named.

    Examples:
        >>> import integratedcare as ic, pathlib, tempfile
        >>> land = ic.LandscapeBuilder("Example").add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "example.json"
        >>> ic.io.dump(land, path)
        >>> ic.io.load(path) == land
        True
    """
    chosen = format_of(path, format, dict(_SUFFIXES))
    Path(path).write_bytes(dumps(landscape, format=chosen).encode("utf-8"))  # type: ignore[arg-type]


# --- reading ------------------------------------------------------------------------------------


def load(path: str | os.PathLike[str], *, format: FileFormat | None = None) -> Landscape:  # noqa: A002
    """Read a landscape from a TOML or JSON file, chosen by ``format`` or by the suffix of ``path``.

    Raises:
        LandscapeError: with every problem of the file, each a :class:`~integratedcare.errors.FileFormatError`
            naming the file and the place inside it (``entities[12].population``); a syntax error
            is a :class:`~integratedcare.errors.FileSyntaxError` with its line.
        FileTooLargeError: the file is larger than :data:`MAX_FILE_SIZE`.
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
    size = Path(path).stat().st_size
    if size > MAX_FILE_SIZE:
        raise FileTooLargeError(path=name, size=size, limit=MAX_FILE_SIZE)
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = FileFormatError(path=name, problem=f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        raise LandscapeError(f"1 problem in file {name!r}", [problem]) from None
    return _read(text, chosen, name)  # type: ignore[arg-type]


def loads(text: str, *, format: FileFormat = "toml", source: str = "<string>") -> Landscape:  # noqa: A002
    """Read a landscape from the text of a TOML or JSON file; ``source`` names it in errors.

    Raises:
        LandscapeError: with every problem of the text (see :func:`load`).
        FileTooLargeError: the text is larger than :data:`MAX_FILE_SIZE` bytes as UTF-8.
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
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_SIZE:
        raise FileTooLargeError(path=source, size=size, limit=MAX_FILE_SIZE)
    return _read(text, chosen, source)  # type: ignore[arg-type]


def _parse(text: str, format: FileFormat, path: str) -> object:  # noqa: A002
    """Parse TOML or JSON text, turning a syntax error into a FileSyntaxError with its line."""
    syntax = format.upper()
    try:
        return tomllib.loads(text) if format == "toml" else json.loads(text)
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


def _read(text: str, format: FileFormat, path: str) -> Landscape:  # noqa: A002
    """Parse, check and build; raise every problem together."""
    try:
        data = _parse(text, format, path)
    except FileSyntaxError as exc:
        raise LandscapeError(f"1 problem in file {path!r}", [exc]) from None
    reader = _Reader(path, unicode_checked=_is_unicode(text) and _SURROGATE_ESCAPE.search(text) is None)
    landscape = reader.read(data)
    if reader.problems:
        problems = sorted(reader.problems, key=_place)
        noun = "problem" if len(problems) == 1 else "problems"
        raise LandscapeError(f"{len(problems)} {noun} in file {path!r}", problems)
    assert landscape is not None  # noqa: S101 (a landscape is built whenever there is no problem)
    return landscape


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

    def __init__(self, path: str, *, unicode_checked: bool = False) -> None:
        self.path = path
        self.unicode_checked = unicode_checked  # the text holds no lone surrogate, raw or escaped
        self.problems: list[FileFormatError] = []
        self._unicode_problems: set[str] = set()

    def report(self, location: str, problem: str) -> None:
        """Record a problem at ``location`` (a lone surrogate in either is written as its escape, so it prints)."""
        location, problem = (text.encode("utf-8", "backslashreplace").decode("utf-8") for text in (location, problem))
        self.problems.append(FileFormatError(path=self.path, location=location, problem=problem))

    def read(self, data: object) -> Landscape | None:
        """Return the landscape of a parsed file, or ``None`` after recording its problems."""
        if not isinstance(data, dict):
            self.report("", f"must hold a table of format, name, entities and relations, got {show(data)}")
            return None
        self._check_top(data)

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
        return None if self.problems else landscape

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

    def _records(self, data: dict[str, Any], key: str, structure: Callable[[object], Any]) -> list[tuple[int, Any]]:
        """Structure each record of a list, keeping its position and recording each problem."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.report(key, f"must be a list of tables, got {show(value)}")
            return []
        built = []
        for index, record in enumerate(value):
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
                at = finder.find(error.relation, f"period of {error.field}", _fits_period(error.period))
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


def _lone_surrogates(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
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


def _fits_period(period: str) -> Callable[[Relation], bool]:
    """Match relations whose period the builder wrote as ``period``."""
    return lambda relation: _period_text(relation) == period


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

    def find(self, label: str, check: str, fits: Callable[[Relation], bool]) -> int:
        """Return the position of the first relation with ``label`` that fits, not yet blamed for ``check``."""
        candidates = self.by_label[label]
        fresh = (i for i, relation in candidates if fits(relation) and (i, check) not in self.used)
        index = next(fresh, candidates[0][0])
        self.used.add((index, check))
        return index

    def duplicate(self, label: str) -> int:
        """Return the position of the second copy of a relation given twice."""
        candidates = self.by_label[label]
        counts = Counter(relation for _, relation in candidates)
        copies = [index for index, relation in candidates if counts[relation] > 1]
        # Copies that differ only in an omitted period become equal when the builder supplies it.
        return copies[1] if copies else candidates[-1][0]
