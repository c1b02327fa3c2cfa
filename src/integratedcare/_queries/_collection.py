"""Answers as a collection: the tuple every query returns, with a short repr, a table, records and filters.

:class:`Answers` is a tuple (it compares equal to the plain tuple of the same answers, indexes,
slices and unpacks as one) that also shows itself compactly: a few lines in a terminal, one small
HTML table in a notebook, plain records for CSV, and a pandas DataFrame on request.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from html import escape
from typing import TYPE_CHECKING, Generic, SupportsIndex, TypeVar, overload

import attrs
import pint

from integratedcare._errors import InvalidValueError
from integratedcare._model import Citation, Clause, Entity, Period
from integratedcare._model._frames import records_frame
from integratedcare._model._html import cell, table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Answers", "answer_record", "short_repr"]

A = TypeVar("A")

_SHOWN = 10
"""How many answers the repr of a collection lists before saying how many more there are."""

_NAME = 40
"""How much of a name a short repr keeps."""

_LEFT_OUT = frozenset({"path", "text", "phrase", "figures"})
"""Fields a record leaves out: the relations behind an answer, and what its sentence already says."""


def _clip(text: str, size: int = _NAME) -> str:
    """Return text cut to ``size`` characters, marking a cut with an ellipsis."""
    return text if len(text) <= size else text[: size - 1] + "…"


def _fields(answer: object) -> tuple[attrs.Attribute[object], ...]:
    """Return the attrs fields of an answer (none for another object)."""
    cls = type(answer)
    return tuple(attrs.fields(cls)) if attrs.has(cls) else ()


def short_repr(answer: object) -> str:
    """Return an answer's repr in one short line: its class, kind, the entities it names and its period.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"), ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.AccountableTo(source="QYG", target="nhs-england", period=("2022-07-01", None)),
        ... ).build()
        >>> ic.holds_to_account(land, "QYG")[0]
        LinkAnswer('accountable-to', subject=QYG 'NHS C&M ICB', entity=nhs-england 'NHS England', [2022-07-01, …))
    """
    parts = [repr(str(getattr(answer, "kind", "")))]
    fields = _fields(answer)
    for field in fields:
        value = getattr(answer, field.name)
        if isinstance(value, Entity):
            parts.append(f"{field.name}={value.id} {_clip(value.name)!r}")
    period = getattr(answer, "period", None)
    if isinstance(period, Period) and (period.start or period.end):
        parts.append(str(period))
    return f"{type(answer).__name__}({', '.join(parts)})"


def _value(value: object) -> object:  # noqa: PLR0911 (one return per kind of value reads best)
    """Return one field's value as a plain cell: text, a number, a date or ``None``."""
    if isinstance(value, enum.Enum):  # before str: a text enum is a str too
        return str(value.value)
    if value is None or isinstance(value, (bool, int, float, str, dt.date)):
        return value
    if isinstance(value, Citation):
        return f"{value}, {value.verification.value}"
    if isinstance(value, Clause):
        return f"agreement {value}"
    if isinstance(value, pint.Quantity):
        return float(value.magnitude)
    if isinstance(value, Entity):
        return value.id
    if isinstance(value, tuple):
        return "; ".join(str(_value(item)) for item in value)
    ident = getattr(value, "id", None)
    if type(value).__str__ is object.__str__ and isinstance(ident, str):  # a record with no words of its own
        return ident
    return str(value)


def answer_record(answer: object) -> dict[str, object]:
    """Return an answer as one flat record: its kind, each entity's id and name, its fields, period and sentence.

    An entity field ``holder`` gives the columns ``holder`` (the id) and ``holder_name``; a period
    gives ``start`` and ``end`` (dates, or ``None`` when open); ``text`` is the answer's sentence.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._queries._collection import answer_record
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"), ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.AccountableTo(source="QYG", target="nhs-england")).build()
        >>> record = answer_record(ic.holds_to_account(land, "QYG")[0])
        >>> record["kind"], record["entity"], record["entity_name"], record["start"]
        ('accountable-to', 'nhs-england', 'NHS England', None)
    """
    record: dict[str, object] = {"kind": _value(getattr(answer, "kind", None))}
    fields = _fields(answer)
    for field in fields:
        if field.name in _LEFT_OUT or field.name.startswith("_"):
            continue
        value = getattr(answer, field.name)
        if isinstance(value, Period):
            record["start"], record["end"] = value.start, value.end
        elif isinstance(value, Entity):
            record[field.name], record[f"{field.name}_name"] = value.id, value.name
        else:
            record[field.name] = _value(value)
    record["text"] = str(answer)
    return record


def _matches(value: object, wanted: object) -> bool:
    """Whether a field's value is the one wanted: an entity matches itself or its id, an enum its value."""
    if isinstance(value, Entity):
        return wanted in (value, value.id)
    if isinstance(value, enum.Enum):
        return wanted in (value, value.value)
    return value == wanted


class Answers(tuple[A, ...], Generic[A]):
    """The answers to a query: a tuple (equal to the plain tuple of its answers) that shows itself compactly.

    Its repr lists the first few answers in one short line each; in a notebook it shows as one
    small table; :meth:`to_records` gives plain records (for CSV) and :meth:`to_frame` a pandas
    DataFrame; :meth:`filter` keeps the answers whose fields have the given values.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.load("cheshire-and-merseyside")
        >>> answers = ic.who_must_have_regard_to(land, "cm-integrated-care-strategy", as_of="2024-01-01")
        >>> isinstance(answers, ic.answers.Answers), isinstance(answers, tuple), len(answers)
        (True, True, 11)
        >>> answers == tuple(answers)
        True
        >>> len(answers.filter(holder="QYG")), answers.filter(holder="QYG")[0].holder.name
        (1, 'NHS Cheshire and Merseyside Integrated Care Board')
        >>> answers.to_records()[0]["holder_name"]
        'Halton MBC'
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> A: ...

    @overload
    def __getitem__(self, index: slice, /) -> Answers[A]: ...

    def __getitem__(self, index: SupportsIndex | slice, /) -> A | Answers[A]:
        """Return one answer, or a slice of them as answers."""
        if isinstance(index, slice):
            return Answers(super().__getitem__(index))
        return super().__getitem__(index)

    def __repr__(self) -> str:
        """List the answers, one short line each, the first few only."""
        if not self:
            return "()"
        lines = [f"  {short_repr(answer)}," for answer in self[:_SHOWN]]
        if len(self) > _SHOWN:
            lines.append(f"  … and {len(self) - _SHOWN} more")
        return f"Answers({len(self)} answers: [\n" + "\n".join(lines) + "\n])"

    def filter(self, predicate: Callable[[A], bool] | None = None, /, **fields: object) -> Answers[A]:
        """Return the answers that satisfy ``predicate`` and whose fields have the given values.

        A field that holds an entity matches the entity or its id; one that holds an enum matches
        its value too.

        Raises:
            InvalidValueError: a field named is not a field of the answers.
        """
        for answer in self:
            for name in fields:
                if not hasattr(answer, name):
                    problem = f"{type(answer).__name__} has no field {name!r}"
                    raise InvalidValueError(subject="Answers.filter", field=name, problem=problem)
        return Answers(
            answer
            for answer in self
            if (predicate is None or predicate(answer))
            and all(_matches(getattr(answer, name), wanted) for name, wanted in fields.items())
        )

    def to_records(self) -> list[dict[str, object]]:
        """Return each answer as one flat record.

        A record holds the answer's kind, each entity's id and name (``holder``, ``holder_name``), its
        other fields, ``start`` and ``end`` (dates, or ``None`` when open) and ``text``, its sentence.
        """
        return [answer_record(answer) for answer in self]

    def to_frame(self) -> pd.DataFrame:
        """Return the answers as a pandas DataFrame: one row per answer, dates as ``datetime64``, kinds categorical.

        Raises:
            MissingExtraError: pandas is not installed (``pip install "integratedcare[pandas]"``).
        """
        return records_frame(self.to_records(), feature="Answers.to_frame")

    def _repr_html_(self) -> str:
        """Show the answers as one compact HTML table: who, what, towards whom, basis and period."""
        records = self.to_records()
        columns = _html_columns(records)
        head = "<tr>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr>"
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_cell(record, c)}</td>" for c in columns) + "</tr>" for record in records
        )
        return table(f"{len(self)} answer{'' if len(self) == 1 else 's'}", body, head)


def _html_columns(records: Iterable[dict[str, object]]) -> list[str]:
    """Return the columns a table of records shows: each field once (an entity's name beside its id), no sentence."""
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(k for k in record if k != "text" and not k.endswith("_name")))
    return [c for c in columns if any(record.get(c) not in (None, "") for record in records)]


def _html_cell(record: dict[str, object], column: str) -> str:
    """Return one cell: an entity as its name and id, a date as ISO text, anything else as short text."""
    value = record.get(column)
    name = record.get(f"{column}_name")
    if name is not None:
        return f"{cell(name)} <small>({cell(value)})</small>"
    return "" if value is None else cell(value)
