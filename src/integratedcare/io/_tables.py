"""pandas exports: one DataFrame of entities and one of relations (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from integratedcare._landscape import Landscape
from integratedcare.io._errors import MissingExtraError
from integratedcare.io._flat import edges, flat_entity, flat_relation

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_dataframes"]


def to_dataframes(landscape: Landscape, *, derived: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return two DataFrames: the entities (indexed by ``id``) and the relations (by ``source``, ``target``, ``key``).

    Columns are the flattened attributes of :func:`to_graphml`: ``kind``, ``name``, the kinds'
    own fields (quantities as numbers in ``person`` or ``GBP``), ``start`` and ``end`` as dates
    (missing when open), and for relations ``basis``, ``verification`` and ``derived``. The
    relations' index is the edge's source, target and key in :func:`integratedcare.graph`.
    Rows keep the order of the landscape's entities and of the graph's edges.

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
        >>> relations["kind"].to_dict()
        {('wirral', 'cm-ics', 'within'): 'within'}
    """
    try:
        import pandas as pd  # noqa: PLC0415 (an optional extra)
    except ImportError as exc:
        raise MissingExtraError(feature="to_dataframes", module="pandas", extra="pandas") from exc
    entity_rows = [{"id": entity.id, **flat_entity(entity, dates=True)} for entity in landscape.entities]
    relation_rows = [
        {"source": relation.source, "target": relation.target, "key": key, **flat_relation(relation, dates=True)}
        for key, relation in edges(landscape, derived=derived)
    ]
    entities = pd.DataFrame(entity_rows, columns=_columns(entity_rows, ["id", "kind", "name"])).set_index("id")
    relations = pd.DataFrame(relation_rows, columns=_columns(relation_rows, ["source", "target", "key", "kind"]))
    return entities, relations.set_index(["source", "target", "key"])


def _columns(rows: Sequence[Mapping[str, object]], first: list[str]) -> list[str]:
    """Return every key of the rows, the given ones first, then in order of first appearance."""
    found = dict.fromkeys(first)
    for row in rows:
        found.update(dict.fromkeys(row))
    return list(found)
