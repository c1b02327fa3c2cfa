"""pandas exports: one DataFrame of entities and one of relations (pandas is an optional extra)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity, to_date
from integratedcare._model._frames import pandas, typed_frame
from integratedcare.io._flat import edges, flat_entity, flat_relation

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_dataframes"]


def _code_columns(entity: Entity, day: dt.date | None) -> dict[str, str]:
    """Return an entity's codes one column per scheme (``ods``, ``gss``): those in force on ``day`` when given.

    Without a day, a scheme with several codes over time gives them all, latest last, joined by ``"; "``.
    """
    found: dict[str, list[str]] = {}
    ordered = sorted(entity.codes, key=lambda c: (c.period.start or dt.date.min, c.value))
    for code in ordered:
        if day is None or code.period.contains(day):
            found.setdefault(code.scheme.value, []).append(code.value)
    return {scheme: "; ".join(values) for scheme, values in found.items()}


def to_dataframes(
    landscape: Landscape, *, derived: bool = True, as_of: DateLike | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return two DataFrames: the entities (indexed by ``id``) and the relations (by ``source``, ``target``, ``key``).

    Columns are the flattened attributes of :func:`to_graphml`: ``kind`` (categorical), ``name``,
    the entity's codes one column per scheme (``ods``, ``gss``), the kinds' own fields (quantities
    as numbers in ``person`` or ``GBP``), ``start`` and ``end`` as ``datetime64`` (``NaT`` when
    open), and for relations ``basis``, ``verification`` and ``derived``. The relations' index is
    the edge's source, target and key in :func:`integratedcare.graph`. Rows keep the order of the
    landscape's entities and of the graph's edges. With ``as_of``, the tables hold the landscape
    of that date (see :meth:`Landscape.as_of <integratedcare.Landscape.as_of>`) and the codes in
    force on it.

    Raises:
        MissingExtraError: pandas is not installed (``pip install "integratedcare[pandas]"``).

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS"))
        ...         .add(ic.Place(id="wirral", name="Wirral", population=ic.quantity(320_000, "person")),
        ...              within="cm-ics").build())
        >>> entities, relations = ic.io.to_dataframes(land, derived=False)
        >>> entities.loc["wirral", "population"]
        np.float64(320000.0)
        >>> relations["kind"].astype(str).to_dict()
        {('wirral', 'cm-ics', 'within'): 'within'}
    """
    pd = pandas("to_dataframes")
    day = None if as_of is None else to_date(as_of, field="as_of")
    if day is not None:
        landscape = landscape.as_of(day)
    entity_rows = []
    for entity in landscape.entities:
        flat = flat_entity(entity, dates=True)
        flat.pop("codes", None)
        entity_rows.append(
            {"id": entity.id, "kind": flat.pop("kind"), "name": flat.pop("name"), **_code_columns(entity, day), **flat}
        )
    relation_rows = [
        {"source": relation.source, "target": relation.target, "key": key, **flat_relation(relation, dates=True)}
        for key, relation in edges(landscape, derived=derived)
    ]
    first = ["id", "kind", "name", "start", "end"]
    entities = pd.DataFrame(entity_rows, columns=_columns(entity_rows, first)).set_index("id")
    relations = pd.DataFrame(relation_rows, columns=_columns(relation_rows, ["source", "target", "key", "kind"]))
    return typed_frame(entities), typed_frame(relations.set_index(["source", "target", "key"]))


def _columns(rows: Sequence[Mapping[str, object]], first: list[str]) -> list[str]:
    """Return every key of the rows, the given ones first, then in order of first appearance."""
    found = dict.fromkeys(first)
    for row in rows:
        found.update(dict.fromkeys(row))
    return list(found)
