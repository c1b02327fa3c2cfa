"""What every export shares: the edges of :func:`integratedcare.graph` and attributes flattened to scalars.

Graph formats (GraphML, GEXF) and tables carry only text, numbers and booleans, so each field
becomes one scalar: quantities their number in the field's base unit (``person``, ``GBP``),
lists their items joined with ``"; "``, a basis its citation text, a period its ``start`` and
``end``. Node-link JSON keeps the full records of the file format instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable
from typing import Any, Final, TypeAlias

import attrs
import networkx as nx

from integratedcare._graph import graph
from integratedcare._landscape import Landscape
from integratedcare._model import Citation, Clause, Code, DateLike, Duty, Entity, Period, Relation, Source
from integratedcare._statute import DerivedDuty
from integratedcare._units import Quantity, ureg
from integratedcare.io._convert import relation_record

__all__ = [
    "Scalar",
    "dated",
    "derived_record",
    "edge_id",
    "edges",
    "export_graph",
    "field_names",
    "flat_entity",
    "flat_relation",
    "scalar",
    "xml_safe",
]

Scalar: TypeAlias = str | float | bool | dt.date
_XML_INVALID: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SKIPPED: Final = frozenset({"source", "target", "period", "basis"})


def xml_safe(text: str) -> str:
    """Replace the characters XML 1.0 cannot hold (most control characters) with U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def edges(landscape: Landscape, *, derived: bool) -> list[tuple[str, Relation]]:
    """Return every edge of :func:`integratedcare.graph` as its key and relation, in the graph's order.

    ``derived=False`` leaves out the derived duties (the other edges keep their keys, which never
    depend on the derived duties).
    """
    # The order of edges(), read from the adjacency dicts: several times faster than the edge view.
    adjacency: dict[str, dict[str, dict[str, dict[str, Any]]]] = graph(landscape)._adj  # type: ignore[attr-defined]  # noqa: SLF001
    return [
        (key, data["relation"])
        for targets in adjacency.values()
        for keyed in targets.values()
        for key, data in keyed.items()
        if derived or not data["derived"]
    ]


def edge_id(source: str, target: str, key: str) -> str:
    """Name an edge in one text, unique in the landscape: ``source/target/key`` (ids and keys hold no ``/``)."""
    return f"{source}/{target}/{key}"


def _item_text(item: object) -> str:
    """Write one member of a list field as text."""
    if isinstance(item, Code):
        return str(item) if item.period == Period() else f"{item} {item.period}"
    if isinstance(item, Source):
        return item.title
    if isinstance(item, Relation):
        return item.label
    if isinstance(item, enum.Enum):
        return str(item.value)
    return str(item)


def _float(value: float) -> float:
    """Return a number as a float."""
    return float(value)


def _same(value: Scalar) -> Scalar:
    """Return text, a boolean or a date as it is."""
    return value


def _enum_text(value: enum.Enum) -> str:
    """Return a member's value as text."""
    return str(value.value)


def _items(value: tuple[object, ...] | frozenset[object]) -> str:
    """Join a list's items with ``"; "`` (a set's sorted)."""
    texts = [_item_text(item) for item in value]
    return "; ".join(sorted(texts) if isinstance(value, frozenset) else texts)


def _other(value: object) -> str:
    """Write anything else as its id, or as text."""
    return _item_text(getattr(value, "id", value))


@functools.cache  # one entry per unit of the registry in use: a handful
def _is_root(units: Any) -> bool:  # noqa: ANN401 (a pint unit)
    """Say whether a unit is already in root units with a factor of one (so converting keeps the magnitude)."""
    one = ureg.Quantity(1, units).to_root_units()
    return bool(one.units == units and one.magnitude == 1)


def _quantity(value: Quantity) -> float:
    """Return a quantity's magnitude in root units (pint's conversion is skipped when it changes nothing)."""
    if _is_root(value._units):  # noqa: SLF001 (the units' container: hashable and made once, where .units makes a unit)
        return float(value.magnitude)
    return float(value.to_root_units().magnitude)


def _scalar_of(kind: type) -> Callable[[Any], Scalar]:
    """Choose how to flatten a value of one type (in the order :func:`scalar` tests them)."""
    if issubclass(kind, enum.Enum):  # before str: every StrEnum is also a str
        return _enum_text
    if issubclass(kind, (bool, str, dt.date)):
        return _same
    if issubclass(kind, (int, float)):
        return _float
    if issubclass(kind, ureg.Quantity):
        return _quantity
    if issubclass(kind, (tuple, frozenset)):
        return _items
    return _other


_SCALARS: Final[dict[type, Callable[[Any], Scalar]]] = {}
"""How each type of value met so far is flattened: one entry per type of field value (a few dozen)."""


def scalar(value: object) -> Scalar:
    """Flatten one field's value to text, a number or a boolean."""
    kind = type(value)
    flatten = _SCALARS.get(kind)
    if flatten is None:
        flatten = _SCALARS[kind] = _scalar_of(kind)
    return flatten(value)


_FIELD_NAMES: Final[dict[type, tuple[str, ...]]] = {}
"""The names of the fields flattening writes, by class (one entry per class of entity or relation)."""


def field_names(kind: type[Entity | Relation]) -> tuple[str, ...]:
    """Return the names of a class's fields that flattening writes, in their order (``period`` among them)."""
    found = _FIELD_NAMES.get(kind)
    if found is None:
        skipped = {"id"} if issubclass(kind, Entity) else _SKIPPED
        found = tuple(field.name for field in attrs.fields(kind) if field.name == "period" or field.name not in skipped)
        _FIELD_NAMES[kind] = found
    return found


def flat_entity(entity: Entity, *, dates: bool = False) -> dict[str, Scalar]:
    """Flatten an entity to scalar attributes: kind, name, its own fields, start, end, codes, sources, notes."""
    flat: dict[str, Scalar] = {"kind": entity.kind}
    for name in field_names(type(entity)):
        value = getattr(entity, name)
        if name == "period":
            if value.start is not None:
                flat["start"] = value.start if dates else value.start.isoformat()
            if value.end is not None:
                flat["end"] = value.end if dates else value.end.isoformat()
        elif value is not None and (type(value) is not tuple or value):  # not pint's == on quantities: slow
            flat[name] = scalar(value)
    return flat


def flat_relation(relation: Relation, *, dates: bool = False) -> dict[str, Scalar]:
    """Flatten a relation to scalar attributes: kind, its fields, start, end, basis and whether it is derived."""
    flat: dict[str, Scalar] = {"kind": relation.kind}
    for name in field_names(type(relation)):
        if name != "period":
            value = getattr(relation, name)
            if value is not None and (type(value) is not tuple or value):
                flat[name] = scalar(value)
    period = relation.period
    if period.start is not None:
        flat["start"] = period.start if dates else period.start.isoformat()
    if period.end is not None:
        flat["end"] = period.end if dates else period.end.isoformat()
    basis = relation.basis
    if isinstance(basis, (Citation, Clause)):
        flat["basis"] = str(basis)
        flat["verification"] = basis.verification.value
    flat["derived"] = isinstance(relation, DerivedDuty)
    return flat


def derived_record(duty: Relation) -> dict[str, Any]:
    """Write a relation as a file-format record, marking a derived duty with its rule, regime and path."""
    if not isinstance(duty, DerivedDuty):
        return relation_record(duty)
    plain = Duty(**{field.name: getattr(duty, field.name) for field in attrs.fields(Duty)})
    via = [relation.label for relation in duty.via]
    return {**relation_record(plain), "derived": True, "rule": duty.rule.id, "regime": duty.regime, "via": via}


def export_graph(landscape: Landscape, *, derived: bool, label: bool = False) -> nx.MultiDiGraph[str]:
    """Build a graph of flattened attributes, with the node and edge keys of :func:`integratedcare.graph`.

    With ``label``, nodes also carry their name and edges their kind as ``label`` (which GEXF shows).
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=xml_safe(landscape.name))
    for entity in landscape.entities:
        flat = {key: xml_safe(value) if isinstance(value, str) else value for key, value in flat_entity(entity).items()}
        graph.add_node(entity.id, **({"label": flat["name"]} if label else {}), **flat)
    for key, relation in edges(landscape, derived=derived):
        flat = {k: xml_safe(v) if isinstance(v, str) else v for k, v in flat_relation(relation).items()}
        graph.add_edge(relation.source, relation.target, key=key, **({"label": flat["kind"]} if label else {}), **flat)
    return graph


def dated(landscape: Landscape, as_of: DateLike | None) -> Landscape:
    """Return the landscape as it was on ``as_of`` (its view on that date), or itself when no date is given."""
    return landscape if as_of is None else landscape.as_of(as_of)
