"""What every export shares: the edges of :func:`integratedcare.graph` and attributes flattened to scalars.

Graph formats (GraphML, GEXF) and tables carry only text, numbers and booleans, so each field
becomes one scalar: quantities their number in the field's base unit (``person``, ``GBP``),
lists their items joined with ``"; "``, a basis its citation text, a period its ``start`` and
``end``. Node-link JSON keeps the full records of the file format instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Any, Final, TypeAlias

import attrs
import networkx as nx

from integratedcare._graph import graph
from integratedcare._landscape import Landscape
from integratedcare._model import Citation, Clause, Code, Duty, Entity, Period, Relation, Source
from integratedcare._statute import DerivedDuty
from integratedcare._units import ureg
from integratedcare.io._convert import relation_record

__all__ = [
    "Scalar",
    "derived_record",
    "edge_id",
    "edges",
    "export_graph",
    "flat_entity",
    "flat_relation",
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
    return [
        (key, data["relation"])
        for _, _, key, data in graph(landscape).edges(keys=True, data=True)
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


def _scalar(value: object) -> Scalar:
    """Flatten one field's value to text, a number or a boolean."""
    if isinstance(value, enum.Enum):  # before str: every StrEnum is also a str
        return str(value.value)
    if isinstance(value, (bool, str, dt.date)):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, ureg.Quantity):
        return float(value.to_root_units().magnitude)
    if isinstance(value, (tuple, frozenset)):
        texts = [_item_text(item) for item in value]
        return "; ".join(sorted(texts) if isinstance(value, frozenset) else texts)
    return _item_text(getattr(value, "id", value))


def _period(period: Period, *, dates: bool) -> Iterator[tuple[str, Scalar]]:
    """Yield a period's start and end (open ends left out), as dates or ISO text."""
    for key, day in (("start", period.start), ("end", period.end)):
        if day is not None:
            yield key, day if dates else day.isoformat()


def flat_entity(entity: Entity, *, dates: bool = False) -> dict[str, Scalar]:
    """Flatten an entity to scalar attributes: kind, name, its own fields, start, end, codes, sources, notes."""
    flat: dict[str, Scalar] = {"kind": entity.kind}
    for field in attrs.fields(type(entity)):
        value = getattr(entity, field.name)
        if field.name == "period":
            flat.update(_period(value, dates=dates))
        elif field.name != "id" and value is not None and value != ():
            flat[field.name] = _scalar(value)
    return flat


def flat_relation(relation: Relation, *, dates: bool = False) -> dict[str, Scalar]:
    """Flatten a relation to scalar attributes: kind, its fields, start, end, basis and whether it is derived."""
    flat: dict[str, Scalar] = {"kind": relation.kind}
    for field in attrs.fields(type(relation)):
        value = getattr(relation, field.name)
        if field.name not in _SKIPPED and value is not None and value != ():
            flat[field.name] = _scalar(value)
    flat.update(_period(relation.period, dates=dates))
    if isinstance(relation.basis, (Citation, Clause)):
        flat["basis"] = str(relation.basis)
        flat["verification"] = relation.basis.verification.value
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
