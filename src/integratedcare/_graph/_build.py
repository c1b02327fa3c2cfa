"""The landscape as a frozen networkx multigraph, built once per date and regime and kept.

Nodes are entity ids with the entity under ``entity``. Each relation is an edge from its
source to its target keyed by its kind (``"member-of"``); when the same kind joins the same
pair more than once, later edges add their start date (``"member-of@2023-01-01"``) and, if that
is taken too, ``~2``, ``~3``... (see ``_edge_key``). The relation is under ``relation``, and
``derived`` says whether the edge is a duty derived from law (``True``) or a relation of the
landscape (``False``). Every export of :mod:`integratedcare.io` reads its edges from this graph,
so an edge has the same key everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from typing import Final

import networkx as nx

from integratedcare._derived import Derived
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Relation, to_date
from integratedcare._statute import DerivedDuty, Regime, derived_duties
from integratedcare._statute import legal_regime as choose_regime

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
    taken: set[tuple[str, str, str]] = set()
    edges: list[tuple[Relation, bool]] = [(rel, False) for rel in landscape.all_relations]
    edges.extend((duty, True) for duty in duties)
    for relation, derived in edges:
        key = _edge_key(relation, taken)
        taken.add((relation.source, relation.target, key))
        g.add_edge(relation.source, relation.target, key=key, relation=relation, derived=derived)
    frozen: nx.MultiDiGraph[str] = nx.freeze(g)
    return frozen


def _edge_key(relation: Relation, taken: Container[tuple[str, str, str]]) -> str:
    """Return the key of ``relation``'s edge, given the ``(source, target, key)`` triples already taken.

    The key is the relation's kind; when that is taken between the same source and target, the
    kind and the relation's start date (``"overlaps@2023-04-01"``); when that is taken too (or
    the relation has no start), that key with ``~2``, ``~3``... Relations are keyed in the
    landscape's order (by kind, ends and period, so the earliest period of a kind gets the bare
    kind), then derived duties in their order. Keys hold only letters, digits, ``-``, ``@`` and
    ``~``, so they need no escaping in XML, DOT or an IRI.
    """
    source, target, kind = relation.source, relation.target, relation.kind
    if (source, target, kind) not in taken:
        return kind
    start = relation.period.start
    base = kind if start is None else f"{kind}@{start.isoformat()}"
    if base != kind and (source, target, base) not in taken:
        return base
    number = 2
    while (source, target, f"{base}~{number}") in taken:
        number += 1
    return f"{base}~{number}"


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
    kind, with the relation under ``relation`` and ``derived=True`` on duties derived from the
    regime's rules. When a kind repeats between a pair, the later edges (in the landscape's
    order, relations before derived duties) add their start date, ``member-of@2023-01-01``, and
    then ``~2``, ``~3``... if that is taken too. Every export of :mod:`integratedcare.io` is
    built from this graph, so an edge has the same key in GraphML, GEXF, node-link JSON, DOT and
    RDF. A graph ``as_of`` a date keys only the edges in force that day: a membership renewed
    on 2024-01-01 is ``member-of@2024-01-01`` in the whole graph and ``member-of`` as of 2024-06-01.

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
        >>> twice = ic.LandscapeBuilder().add(
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.MemberOf(source="E06000049", target="cm-icp", period=("2022-07-01", "2024-01-01")),
        ...     ic.MemberOf(source="E06000049", target="cm-icp", period=("2024-01-01", None), role="chair"),
        ... ).build()
        >>> sorted(ic.graph(twice)["E06000049"]["cm-icp"])
        ['member-of', 'member-of@2024-01-01']
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
