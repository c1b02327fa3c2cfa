"""Graph exports: GraphML and GEXF (for Gephi, yEd, Cytoscape and networkx) and node-link JSON.

Each is built from :func:`integratedcare.graph`, so networkx reads every edge back with the key
it has there (``('wirral', 'cm-ics', 'within')``).
"""

from __future__ import annotations

from typing import Any

from integratedcare._landscape import Landscape
from integratedcare._model import DateLike
from integratedcare.io._convert import entity_record
from integratedcare.io._files import FORMAT
from integratedcare.io._flat import dated, derived_record, edges
from integratedcare.io._gexf import gexf_text
from integratedcare.io._graphml import graphml_text

__all__ = ["to_gexf", "to_graphml", "to_node_link"]


def to_graphml(landscape: Landscape, *, derived: bool = True, as_of: DateLike | None = None) -> str:
    """Return the landscape as GraphML: nodes keyed by id, one edge per relation, attributes as scalars.

    Node attributes are the entity's ``kind``, ``name``, ``start``, ``end`` and its own fields;
    edge attributes the relation's ``kind``, its fields, ``basis``, ``verification``,
    ``derived`` (true for duties derived from the law, included unless ``derived=False``) and
    ``key``, the edge's key in :func:`integratedcare.graph`, which ``networkx.read_graphml``
    takes as the key (edges have no GraphML ``id``: keys repeat between pairs, and ids must not).
    Lists are joined with ``"; "`` and quantities are numbers in ``person`` or ``GBP``.

    With ``as_of``, the landscape as it was on that date (:meth:`~integratedcare.Landscape.as_of`).

    Examples:
        >>> import integratedcare as ic, io, networkx as nx
        >>> land = (ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS"))
        ...         .add(ic.Place(id="wirral", name="Wirral <place>"), within="cm-ics").build())
        >>> graph = nx.read_graphml(io.StringIO(ic.io.to_graphml(land)), force_multigraph=True)
        >>> graph.nodes["wirral"]["name"], list(graph.edges(keys=True))
        ('Wirral <place>', [('wirral', 'cm-ics', 'within')])
    """
    landscape = dated(landscape, as_of)
    return graphml_text(landscape, derived=derived)


def to_gexf(landscape: Landscape, *, derived: bool = True, as_of: DateLike | None = None) -> str:
    """Return the landscape as GEXF 1.2 (Gephi's format), with names as labels and periods as time spans.

    Attributes are those of :func:`to_graphml`; each node's and edge's ``start`` and ``end``
    become GEXF's own time span, so Gephi's timeline can show the landscape changing. An edge's
    key is its ``networkx_key`` attribute (which ``networkx.read_gexf`` takes as the key) and its
    GEXF id is ``source/target/key``.

    With ``as_of``, the landscape as it was on that date (:meth:`~integratedcare.Landscape.as_of`).

    Examples:
        >>> import integratedcare as ic, io, networkx as nx
        >>> land = ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS", period=("2022-07-01", None))).build()
        >>> graph = nx.read_gexf(io.BytesIO(ic.io.to_gexf(land).encode()))
        >>> graph.nodes["cm-ics"]["label"], graph.nodes["cm-ics"]["start"]
        ('C&M ICS', '2022-07-01')
    """
    landscape = dated(landscape, as_of)
    return gexf_text(landscape, derived=derived)


def to_node_link(landscape: Landscape, *, derived: bool = True, as_of: DateLike | None = None) -> dict[str, Any]:
    """Return the landscape as node-link data (``networkx.node_link_graph(data, edges="links")`` reads it).

    Unlike the graph formats, nothing is flattened: each node holds the entity's record of the
    file format and each link the relation's, with its edge ``key`` in :func:`integratedcare.graph`;
    derived duties add ``derived``, ``rule``, ``regime`` and ``via``.

    With ``as_of``, the landscape as it was on that date (:meth:`~integratedcare.Landscape.as_of`).

    Examples:
        >>> import integratedcare as ic, networkx as nx
        >>> land = (ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS"))
        ...         .add(ic.Place(id="wirral", name="Wirral"), within="cm-ics").build())
        >>> data = ic.io.to_node_link(land)
        >>> data["links"]
        [{'source': 'wirral', 'target': 'cm-ics', 'key': 'within', 'kind': 'within'}]
        >>> nx.node_link_graph(data, edges="links").number_of_nodes()
        2
    """
    landscape = dated(landscape, as_of)
    nodes = []
    for entity in landscape.entities:
        record = entity_record(entity)
        nodes.append({"id": record.pop("id"), **record})
    links = []
    for key, relation in edges(landscape, derived=derived):
        record = derived_record(relation)
        links.append({"source": record.pop("source"), "target": record.pop("target"), "key": key, **record})
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"name": landscape.name, "format": FORMAT},
        "nodes": nodes,
        "links": links,
    }
