"""The cattrs converter between model objects and the plain records of the file format.

The model knows nothing of files: every rule of the format (dates as ISO text, quantities as
text with units, codes as ``scheme:value``, periods as ``start`` and ``end`` keys) lives here,
as hooks of one :class:`cattrs.Converter`. Structuring collects every problem of a record, each
with its place inside the record, instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs
import cattrs
import cattrs.gen
import pint
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote

from integratedcare._errors import InvalidValueError, UnitError
from integratedcare._model import (
    ENTITY_KINDS,
    RELATION_KINDS,
    Citation,
    Clause,
    Code,
    Entity,
    Period,
    Relation,
    Source,
)
from integratedcare._units import MAX_QUANTITY_TEXT, Quantity, quantity

__all__ = [
    "CONVERTER",
    "Problem",
    "entity_record",
    "problems_of",
    "relation_record",
    "show",
    "structure_entity",
    "structure_relation",
]

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELD: Final = re.compile(r"[a-z_]+(\[\d+\])*")
_BASIS: Final = Citation | Clause | None
_UNIT: Final = r"[A-Za-z_]+(?:\s*[*/]\s*[A-Za-z_]+|\s+[A-Za-z_]+)*"
_UNIT_TEXT: Final = re.compile(_UNIT)
_QUANTITY_TEXT: Final = re.compile(rf"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*{_UNIT}\s*")
_LARGEST: Final = int(sys.float_info.max)


class Problem(Exception):  # noqa: N818 (private; re-reported as a FileFormatError)
    """A value of a file that cannot become the value of a field, and why."""

    def __init__(self, problem: str, location: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.location = location


def show(value: object) -> str:
    """Describe a value read from a file, the way the file writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "null"
    return repr(value)


# --- structuring: plain values to model values --------------------------------------------------


def _text(value: object, _type: object) -> str:
    """Accept text only (cattrs would turn anything into text with ``str()``)."""
    if isinstance(value, str):
        return value
    raise Problem(f"must be text, got {show(value)}")


def _boolean(value: object, _type: object) -> bool:
    """Accept true or false only (cattrs would take any truthy value)."""
    if isinstance(value, bool):
        return value
    raise Problem(f"must be true or false, got {show(value)}")


def _integer(value: object, _type: object) -> int:
    """Accept a whole number (not a boolean, nor a float)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Problem(f"must be a whole number, got {show(value)}")


def _number(value: object, _type: object) -> float:
    """Accept a number (not a boolean)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise Problem(f"must be a number, got {show(value)}")


def _date(value: object, _type: object) -> dt.date:
    """Accept an ISO date text (``2022-07-01``) or a TOML date."""
    if isinstance(value, dt.datetime):
        raise Problem(f"must be a date, not a date and time, got {show(value)}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise Problem(f"must be a real date, got {value!r} ({exc})") from None
    raise Problem(f"must be an ISO date such as 2022-07-01, got {show(value)}")


def _quantity(value: object, _type: object) -> Quantity:
    """Accept a quantity as text with units or as a ``{value, unit}`` table.

    The text must be a number and a unit, as :func:`_quantity_text` writes it: the units parser
    would otherwise evaluate arithmetic (``5 person 6`` is 30 people; ``9**9**9 person`` never ends).
    """
    try:
        if isinstance(value, str):
            if len(value) > MAX_QUANTITY_TEXT:
                return quantity(value)  # refused, before any pattern is matched against it
            if not _QUANTITY_TEXT.fullmatch(value):
                raise Problem(f"must be a number and a unit, such as '400000 person', got {value!r}")
            return quantity(value)
        if isinstance(value, dict) and set(value) == {"value", "unit"}:
            number, unit = value["value"], value["unit"]
            if isinstance(number, (int, float)) and not isinstance(number, bool) and isinstance(unit, str):
                if not _UNIT_TEXT.fullmatch(unit):
                    raise Problem(f"must have a unit such as 'person' or 'GBP / person', got {unit!r}")
                if isinstance(number, int) and abs(number) > _LARGEST:
                    raise Problem(f"must be a finite number, got an integer of {len(str(abs(number)))} digits")
                return quantity(number, unit)
    except UnitError as exc:
        raise Problem(exc.problem) from None
    raise Problem(f"must be text with a unit, such as '400000 person', or a table {{value, unit}}, got {show(value)}")


def _enum(value: object, cls: type[enum.StrEnum]) -> enum.StrEnum:
    """Accept one of an enumeration's values, listing them when the value is not one."""
    values = [member.value for member in cls]
    if isinstance(value, str) and value in values:
        return cls(value)
    raise Problem(f"must be one of {', '.join(values)}, got {show(value)}")


def _sequence_hook(type_: Any) -> Callable[[object, object], object]:  # noqa: ANN401 (a type form)
    """Make a hook for ``tuple[X, ...]`` or ``frozenset[X]`` that accepts a list and names each bad item."""
    origin = typing.get_origin(type_)
    item = typing.get_args(type_)[0]
    hooks: list[Callable[[object, object], object]] = []  # the item's hook, looked up on first use (not per item)

    def structure(value: object, _type: object) -> object:
        if not isinstance(value, list):
            raise Problem(f"must be a list, got {show(value)}")
        if not hooks:
            hooks.append(CONVERTER.get_structure_hook(item))
        hook = hooks[0]
        items, errors = [], []
        for index, member in enumerate(value):
            try:
                items.append(hook(member, item))
            except Exception as exc:  # noqa: BLE001 (every problem is collected and re-reported)
                exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote("item", index, item)]
                errors.append(exc)
        if errors:
            raise IterableValidationError("list", errors, type_)
        return origin(items)

    return structure


def _is_optional(type_: Any) -> bool:  # noqa: ANN401 (a type form)
    """Return whether a type is ``X | None`` for one type ``X``."""
    args = typing.get_args(type_)
    return (
        typing.get_origin(type_) in {typing.Union, types.UnionType}
        and len(args) == 2  # noqa: PLR2004 (X and None)
        and type(None) in args
    )


def _optional_hook(type_: Any) -> Callable[[object, object], object]:  # noqa: ANN401 (a type form)
    """Make a hook for ``X | None`` that finds ``X``'s hook once (cattrs would look it up on every value)."""
    (inner,) = (arg for arg in typing.get_args(type_) if arg is not type(None))
    hook = CONVERTER.get_structure_hook(inner)

    def structure(value: object, _type: object) -> object:
        return None if value is None else hook(value, inner)

    return structure


def _is_sequence(type_: Any) -> bool:  # noqa: ANN401 (a type form)
    """Return whether a type is ``tuple[X, ...]`` or ``frozenset[X]``."""
    return typing.get_origin(type_) in {tuple, frozenset}


_PERIOD_KEYS: Final = frozenset({"start", "end"})
_RECORD_KEYS: Final = frozenset({"kind", "start", "end"})


def lift_period(
    record: Mapping[str, Any], *, keys: frozenset[str] = _PERIOD_KEYS, required: bool = True
) -> dict[str, Any]:
    """Move a record's ``start`` and ``end`` keys into the ``period`` table the model has.

    The other ``keys`` (``kind``, for an entity or a relation) are left out in the same copy.
    Unless the period is ``required``, a record with neither key gets none (the model's default).
    """
    if "period" in record:
        raise Problem("is not a key of the format; write the period as start and end keys", location="period")
    lifted = {key: value for key, value in record.items() if key not in keys}
    if required or "start" in record or "end" in record:
        lifted["period"] = {key: record[key] for key in ("start", "end") if key in record}
    return lifted


_REQUIRED: Final[dict[type, bool]] = {}
"""Whether each class's period is required, by class (one entry per class of entity or relation)."""


def _period_required(cls: type) -> bool:
    """Whether a model class's period has no default (a succession's, which is its date)."""
    found = _REQUIRED.get(cls)
    if found is None:
        found = _REQUIRED[cls] = attrs.fields(cls).period.default is attrs.NOTHING
    return found


def _code(value: object, _type: object) -> Code:
    """Accept a code as ``scheme:value`` text or as a table with scheme, value, start and end."""
    if isinstance(value, str):
        scheme, colon, code = value.partition(":")
        if colon:
            try:
                return Code(scheme, code)
            except InvalidValueError as exc:
                raise Problem(f"{exc.field} {exc.problem}") from None
    if isinstance(value, dict):
        return _CODE_TABLE(lift_period(value), Code)
    raise Problem(f"must be scheme:value text such as 'ods:QYG', or a table, got {show(value)}")


def _basis(value: object, _type: object) -> Citation | Clause | None:
    """Accept a citation (a table with ``act``) or a clause (a table with ``agreement``)."""
    if isinstance(value, dict):
        if "act" in value:
            return CONVERTER.structure(value, Citation)
        if "agreement" in value:
            return CONVERTER.structure(value, Clause)
    raise Problem(
        f"must be a table with act and section (a provision of law) or with agreement (a clause), got {show(value)}"
    )


# --- unstructuring: model values to plain values ------------------------------------------------


def _period_record(period: Period) -> dict[str, str]:
    """Write a period as its start and end, leaving out an open end."""
    return {key: day.isoformat() for key, day in (("start", period.start), ("end", period.end)) if day is not None}


def _quantity_text(value: Quantity) -> str:
    """Write a quantity as its exact magnitude and its unit, such as ``400000 person``."""
    return f"{value.magnitude!r} {value.units}"


def _code_record(code: Code) -> str | dict[str, str]:
    """Write a code as ``scheme:value``, or as a table when it holds only for a period."""
    if code.period == Period():
        return str(code)
    return {"scheme": code.scheme.value, "value": code.value, **_period_record(code.period)}


def _make_converter() -> cattrs.Converter:
    """Configure the one converter of the file format."""
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(bool, _boolean)
    converter.register_structure_hook(int, _integer)
    converter.register_structure_hook(float, _number)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(pint.Quantity, _quantity)
    converter.register_structure_hook(Code, _code)
    converter.register_structure_hook_func(lambda t: t == _BASIS, _basis)
    converter.register_structure_hook(enum.StrEnum, _enum)  # before str, which every StrEnum also is
    converter.register_structure_hook_factory(_is_sequence, _sequence_hook)
    converter.register_structure_hook_factory(_is_optional, _optional_hook)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(Period, _period_record)
    converter.register_unstructure_hook(pint.Quantity, _quantity_text)
    converter.register_unstructure_hook(Code, _code_record)
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    converter.register_unstructure_hook_func(
        lambda t: frozenset in {t, typing.get_origin(t)},
        lambda values: sorted(converter.unstructure(v) for v in values),
    )
    converter.register_unstructure_hook_func(
        lambda t: tuple in {t, typing.get_origin(t)}, lambda values: [converter.unstructure(v) for v in values]
    )
    return converter


CONVERTER: Final = _make_converter()
"""The converter of the file format (private to ``integratedcare.io``)."""

_PERIOD_TABLE: Final = CONVERTER.get_structure_hook(Period)
_PERIODS: Final[dict[tuple[tuple[str, object], ...], Period]] = {}
_PERIODS_KEPT: Final = 4096


def _period(value: object, _type: object) -> Period:
    """Build a period, sharing one object among equal tables (a large file has a few hundred distinct periods).

    Periods are frozen, so sharing is safe; only a table that built a period is kept, so a bad one
    is structured (and its problems reported) each time, as before.
    """
    key = None
    if type(value) is dict:
        try:
            key = tuple(value.items())
            found = _PERIODS.get(key)
        except TypeError:  # an unhashable value: reported by the structuring below
            key = found = None
        if found is not None:
            return found
    made: Period = _PERIOD_TABLE(value, Period)
    if key is not None and len(_PERIODS) < _PERIODS_KEPT:
        _PERIODS[key] = made
    return made


CONVERTER.register_structure_hook(Period, _period)

_CODE_TABLE: Final = cattrs.gen.make_dict_structure_fn(Code, CONVERTER)
_SOURCE_TABLE: Final = cattrs.gen.make_dict_structure_fn(Source, CONVERTER)
_SOURCES: Final[dict[tuple[tuple[str, object], ...], Source]] = {}
_SOURCES_KEPT: Final = 4096


def _source(value: object, _type: object) -> Source:
    """Build a source, sharing one object among equal records (a large file cites a few sources many times).

    Sources are frozen, so sharing is safe; a record that is not a table of plain values is built
    (and its problems reported) as usual.
    """
    key = None
    if isinstance(value, dict):
        try:
            key = tuple(sorted(value.items()))
            found = _SOURCES.get(key)
        except TypeError:  # an unhashable value: reported by the structuring below
            key = found = None
        if found is not None:
            return found
    made: Source = _SOURCE_TABLE(value, Source)  # type: ignore[arg-type]  # a non-table is reported by it
    if key is not None and len(_SOURCES) < _SOURCES_KEPT:
        _SOURCES[key] = made
    return made


CONVERTER.register_structure_hook(Source, _source)


# --- records ------------------------------------------------------------------------------------

_ENTITY_BASE: Final = ("id", "name")
_ENTITY_TAIL: Final = ("start", "end", "codes", "sources", "notes")
_RELATION_BASE: Final = ("source", "target")
_RELATION_TAIL: Final = ("start", "end", "basis", "sources", "notes")


def _ordered(kind: str, fields: Mapping[str, Any], head: tuple[str, ...], tail: tuple[str, ...]) -> dict[str, Any]:
    """Order a record's keys: kind, identity, the kind's own fields, then the common ones."""
    flat = {key: value for key, value in fields.items() if key != "period"}
    flat.update(fields.get("period", {}))
    own = [key for key in flat if key not in head and key not in tail]
    return {"kind": kind, **{key: flat[key] for key in (*head, *own, *tail) if key in flat}}


def entity_record(entity: Entity) -> dict[str, Any]:
    """Write an entity as a record of the file format."""
    return _ordered(entity.kind, CONVERTER.unstructure(entity), _ENTITY_BASE, _ENTITY_TAIL)


def relation_record(relation: Relation) -> dict[str, Any]:
    """Write a relation as a record of the file format."""
    return _ordered(relation.kind, CONVERTER.unstructure(relation), _RELATION_BASE, _RELATION_TAIL)


def _kind_of(record: object, kinds: Mapping[str, type[Any]]) -> type[Any]:
    """Return the class a record's ``kind`` names."""
    if not isinstance(record, dict):
        raise Problem(f"must be a table, got {show(record)}")
    kind = record.get("kind")
    if kind is None:
        raise Problem("is required", location="kind")
    if not isinstance(kind, str) or kind not in kinds:
        known = ", ".join(sorted(kinds))
        raise Problem(f"must be one of {known}, got {show(kind)}", location="kind")
    return kinds[kind]


_STRUCTURE: Final[dict[type, Callable[[Mapping[str, Any], type], Any]]] = {}
"""The converter's structuring function of each class, by class (one entry per class of entity or relation)."""


def _structure_of(cls: type) -> Callable[[Mapping[str, Any], type], Any]:
    """Return the converter's structuring function of a class, looked up once (not on every record)."""
    found = _STRUCTURE.get(cls)
    if found is None:
        found = _STRUCTURE[cls] = CONVERTER.get_structure_hook(cls)
    return found


_QUICK: Final[dict[type, Callable[[dict[str, Any]], Any]]] = {}
"""The quick structuring function of each class, by class (one entry per class of entity or relation)."""


def _quick_of(cls: type) -> Callable[[dict[str, Any]], Any]:
    """Return the quick structuring function of a class (:func:`_write_quick`), written once."""
    found = _QUICK.get(cls)
    if found is None:
        found = _QUICK[cls] = _write_quick(cls)
    return found


def _write_quick(cls: type) -> Callable[[dict[str, Any]], Any]:
    """Make a function that builds a record of a class with the converter's own hooks, without its bookkeeping.

    It reads the record as the file holds it (``start`` and ``end`` beside the fields, no copy with
    a ``period`` table), calls each field's hook directly (text is taken as it is when it is a
    ``str``) and returns the object, or ``None`` for a record with a key the class does not have.
    Any failure (a missing field, a hook's or a validator's complaint) is left to the converter's
    own function, which the caller then runs to report every problem with its place: the quick
    function only ever skips work, never judges. It is a closure over the class's fields, read
    once; no code is written or run as text.
    """
    period: bool | None = None  # whether a period is required; None: the class has none
    steps: dict[str, tuple[Callable[[Any, Any], Any], Any, bool]] = {}
    needed: set[str] = set()
    for field in attrs.fields(attrs.resolve_types(cls)):
        required = field.default is attrs.NOTHING
        if field.name == "period":
            period = required
            continue
        steps[field.name] = (CONVERTER.get_structure_hook(field.type), field.type, field.type is str)
        if required:
            needed.add(field.name)
    allowed, wanted = frozenset({"kind", "start", "end", *steps}), frozenset(needed)

    def quick(record: dict[str, Any]) -> Any:  # noqa: ANN401 (an entity or a relation)
        present = record.keys()
        if not (present <= allowed and wanted <= present):  # the converter's own function reports the problem
            return None
        made: dict[str, Any] = {}
        for name, value in record.items():
            step = steps.get(name)
            if step is not None:  # not kind, start or end
                hook, kind, text = step
                made[name] = value if text and type(value) is str else hook(value, kind)
        if period is not None and (period or "start" in record or "end" in record):
            made["period"] = _period({key: record[key] for key in ("start", "end") if key in record}, Period)
        return cls(**made)

    return quick


def _structure(record: object, kinds: Mapping[str, type[Any]]) -> Any:  # noqa: ANN401 (an entity or a relation)
    """Build a record of one of ``kinds``: quickly where it is sound, else with the converter, which reports."""
    cls = _kind_of(record, kinds)
    assert isinstance(record, dict)  # noqa: S101 (checked by _kind_of)
    try:
        made = _quick_of(cls)(record)
    except Exception:  # noqa: BLE001 (the converter's own function below finds and reports the problem)
        made = None
    if made is not None:
        return made
    fields = lift_period(record, keys=_RECORD_KEYS, required=_period_required(cls))
    return _structure_of(cls)(fields, cls)


def structure_entity(record: object) -> Entity:
    """Build an entity from a record (raises a problem tree that :func:`problems_of` reads)."""
    return _structure(record, ENTITY_KINDS)  # type: ignore[no-any-return]


def structure_relation(record: object) -> Relation:
    """Build a relation from a record (raises a problem tree that :func:`problems_of` reads)."""
    return _structure(record, RELATION_KINDS)  # type: ignore[no-any-return]


def _join(location: str, part: str) -> str:
    """Append a key or an index to a location inside the file."""
    if part.startswith("["):
        return f"{location}{part}"
    return f"{location}.{part}" if location else part


def _unlift(location: str) -> str:
    """Name a period's start and end as the file writes them, without the model's ``period``."""
    return location.replace(".period.", ".").removeprefix("period.").removesuffix(".period").removesuffix("period")


def problems_of(exc: BaseException, location: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``(location, problem)`` for every problem in a tree of structuring errors."""
    if isinstance(exc, ClassValidationError):
        with_notes, without_notes = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(inner, KeyError):
                yield _unlift(_join(location, note.name)), "is required"
            else:
                yield from problems_of(inner, _join(location, note.name))
        for inner in without_notes:
            yield from problems_of(inner, location)
    elif isinstance(exc, IterableValidationError):
        for inner, item in exc.group_exceptions()[0]:
            yield from problems_of(inner, _join(location, f"[{item.index}]"))
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = ", ".join(sorted({*_keys(exc.cl)}))
        for key in sorted(exc.extra_fields):
            yield _join(location, key), f"is not a field of this kind; the fields are {known}"
    else:
        yield _leaf(exc, location)


def _leaf(exc: BaseException, location: str) -> tuple[str, str]:
    """Place one problem: a model error names its field, which may lie inside the record."""
    if isinstance(exc, Problem):
        return _join(_unlift(location), exc.location) if exc.location else _unlift(location), exc.problem
    if isinstance(exc, InvalidValueError) and _FIELD.fullmatch(exc.field) and exc.field != "period":
        return _unlift(_join(location, exc.field)), exc.problem
    if isinstance(exc, InvalidValueError):
        named = f"{exc.field} " if exc.field else ""
        return _unlift(location), f"{named}{exc.problem}"
    return _unlift(location), str(exc)


def _keys(cls: type) -> Iterator[str]:
    """Yield the keys a record of ``cls`` may have in the file."""
    for field in attrs.fields(cls):
        if field.name == "period":
            yield from ("start", "end")
        else:
            yield field.name
    if issubclass(cls, (Entity, Relation)):
        yield "kind"
