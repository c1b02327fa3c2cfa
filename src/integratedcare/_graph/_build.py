"""The landscape as a frozen networkx multigraph, built once per date and regime and kept.

Nodes are entity ids with the entity under ``entity``. Each relation is an edge from its
source to its target keyed by its kind (``"member-of"``); when the same kind joins the same
pair more than once, later edges get ``#2``, ``#3``... The relation is under ``relation``,
and ``derived`` says whether the edge is a duty derived from law (``True``) or a relation of
the landscape (``False``).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import networkx as nx

from integratedcare._derived import Derived
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Relation, to_date
from integratedcare._statute import DerivedDuty, Regime, derived_duties
from integratedcare._statute import regime as choose_regime

__all__ = ["graph"]

_GRAPHS: Final[Derived[tuple[dt.date | None, Regime], nx.MultiDiGraph[str]]] = Derived("graphs")
"""The graph of a landscape (or of its view on a date, kept with the view) for each regime."""


def _build(
    landscape: Landscape, duties: tuple[DerivedDuty, ...], day: dt.date | None, reg: Regime
) -> nx.MultiDiGraph[str]:
    """Build and freeze the graph of ``landscape`` (already the view for ``day``) and its derived duties."""
    return _fill(nx.MultiDiGraph(name=landscape.name, as_of=day, regime=reg.id), landscape, duties)


def _fill(g: nx.MultiDiGraph[str], landscape: Landscape, duties: tuple[DerivedDuty, ...]) -> nx.MultiDiGraph[str]:
    """Add the nodes and edges, then freeze the graph.

    Nothing is made per edge but what the graph keeps (no pair or count per edge: the cyclic
    collector would visit each).
    """
    for entity in landscape:
        g.add_node(entity.id, entity=entity, kind=entity.kind)
    for relation in landscape.all_relations:
        _add_edge(g, relation, derived=False)
    for duty in duties:
        _add_edge(g, duty, derived=True)
    frozen: nx.MultiDiGraph[str] = nx.freeze(g)
    return frozen


def _add_edge(g: nx.MultiDiGraph[str], relation: Relation, *, derived: bool) -> None:
    """Add a relation as an edge keyed by its kind (``kind#2``, ``kind#3``... when it repeats between the pair)."""
    source, target, kind = relation.source, relation.target, relation.kind
    key, count = kind, 1
    while g.has_edge(source, target, key):
        count += 1
        key = f"{kind}#{count}"
    g.add_edge(source, target, key=key, relation=relation, derived=derived)


def graph(
    landscape: Landscape,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> nx.MultiDiGraph[str]:
    """Return the landscape as a frozen ``networkx.MultiDiGraph``, with derived duties as edges.

    Built once per date and regime and kept while the landscape (for a date: its view, one of those
    :meth:`~integratedcare.Landscape.as_of` keeps) lives, so it never goes stale (the
    landscape never changes) and costs nothing the second time. Nodes are keyed by entity id
    with the entity under ``entity`` (and its kind under ``kind``); edges are keyed by relation
    kind (``duty#2`` when a kind repeats between a pair), with the relation under ``relation``
    and ``derived=True`` on duties derived from the regime's rules.

    Args:
        landscape: the landscape.
        as_of: only the entities, relations and duties in force on this date.
        regime: the legal regime whose duties to derive (by default the enacted law).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.Establishes(source="QYG", target="cm-icp", period=("2022-07-01", None)),
        ... ).build()
        >>> g = ic.graph(land)
        >>> g.nodes["QYG"]["entity"].name
        'NHS Cheshire and Merseyside ICB'
        >>> sorted(g["QYG"]["cm-icp"])
        ['duty', 'establishes']
        >>> g["QYG"]["cm-icp"]["duty"]["derived"], str(g["QYG"]["cm-icp"]["duty"]["relation"].basis)
        (True, 'LGPIHA 2007 s116ZA(1)')
        >>> ic.graph(land) is g
        True
        >>> ic.graph(land, as_of="2022-06-30").number_of_nodes()
        1
    """
    reg = choose_regime(regime, as_of=as_of)
    day = None if as_of is None else to_date(as_of, field="as_of")
    view = landscape if day is None else landscape.as_of(day)
    duties = derived_duties(landscape, regime=reg, as_of=day)
    return _GRAPHS.get(view, (day, reg), lambda: _build(view, duties, day, reg))
