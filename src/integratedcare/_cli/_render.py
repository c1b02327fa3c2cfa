"""Rendering for the command line: plain data for JSON, wrapped text for terminals, optional colour."""

from __future__ import annotations

import datetime as dt
import enum
import os
import textwrap
from collections.abc import Iterable, Mapping
from typing import IO, Any, cast

import attrs
import pint

from integratedcare._cli._safe import json_safe, terminal_text
from integratedcare._model import Entity, Relation

__all__ = ["Style", "json_safe", "plain", "terminal_text", "wrap"]

WIDTH = 80


def plain(value: object) -> Any:  # noqa: ANN401, C901, PLR0911 (plain data of any shape; one branch per type)
    """Turn answers, entities, relations and values into plain JSON-ready data, deterministically.

    Entities become ``{"id", "kind", "name"}``; relations their kind, ends and period; attrs
    objects their fields (with ``"text"``, their ``str()``, when they define one); enums their
    value; dates ISO text; quantities text with units.
    """
    if isinstance(value, enum.Enum):  # our enums are text enums: give their plain value
        return value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, pint.Quantity):
        return f"{value.magnitude} {value.units}"
    if isinstance(value, Entity):
        return {"id": value.id, "kind": value.kind, "name": value.name}
    if isinstance(value, Relation):
        return _relation(value)
    if attrs.has(type(value)):
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))
        data = {f.name: plain(getattr(value, f.name)) for f in fields if not f.name.startswith("_")}
        kind = getattr(value, "kind", None)
        if "kind" not in data and isinstance(kind, str):  # an answer whose kind is a property, as in CSV
            data = {"kind": kind, **data}
        if type(value).__str__ is not object.__str__:
            data["text"] = str(value)
        return data
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (frozenset, set)):
        return sorted((plain(v) for v in value), key=str)
    if isinstance(value, Iterable):
        return [plain(v) for v in value]
    return str(value)


def _relation(relation: Relation) -> dict[str, Any]:
    """Plain data of a relation: kind, ends, period, basis and its own fields."""
    data: dict[str, Any] = {
        "kind": relation.kind,
        "source": relation.source,
        "target": relation.target,
        "start": plain(relation.period.start),
        "end": plain(relation.period.end),
        "basis": None if relation.basis is None else plain(relation.basis),
    }
    base = {"source", "target", "period", "basis", "sources", "notes"}
    for field in attrs.fields(type(relation)):
        if field.name not in base and not isinstance(getattr(relation, field.name), (Entity, Relation)):
            value = getattr(relation, field.name)
            data[field.name] = value.id if attrs.has(type(value)) and hasattr(value, "id") else plain(value)
    return data


def wrap(text: str, *, indent: str = "", width: int = WIDTH) -> str:
    """Wrap ``text`` to ``width`` columns, indenting continuation lines under the first; never inside a word."""
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=" " * len(indent) + "  ",
        break_on_hyphens=False,
        break_long_words=False,  # an id longer than a line stays whole, so that it can be copied
    )


class Style:
    """ANSI styling that is on only for a terminal, and never when ``NO_COLOR`` is set."""

    _CODES: Mapping[str, str] = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}

    def __init__(self, stream: IO[str], *, enabled: bool | None = None) -> None:
        """Decide whether to colour output written to ``stream``."""
        if enabled is None:
            enabled = stream.isatty() and not os.environ.get("NO_COLOR")
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        """Return ``text`` in the given styles (unchanged when colour is off); make data safe first."""
        if not self.enabled or not styles:
            return text
        codes = ";".join(self._CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"
