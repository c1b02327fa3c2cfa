"""The export writers as they were before they were written as text: references the tests compare with.

GraphML and GEXF were written with networkx's ``GraphMLWriter`` and ``GEXFWriter`` over
:func:`integratedcare.io._flat.export_graph`; the library now writes the same bytes itself.
"""

from __future__ import annotations

import io

from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

import integratedcare as ic
from integratedcare.io._flat import edge_id, export_graph


def networkx_graphml(landscape: ic.Landscape, *, derived: bool = True) -> str:
    """Return the landscape as GraphML written by networkx (the library's writer before its own)."""
    graph = export_graph(landscape, derived=derived)
    for *_, key, data in graph.edges(keys=True, data=True):
        data["key"] = key
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    for edge in writer.xml.iter("edge"):
        del edge.attrib["id"]
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue().decode("utf-8").replace("\r", "&#13;")


def networkx_gexf(landscape: ic.Landscape, *, derived: bool = True) -> str:
    """Return the landscape as GEXF written by networkx (the library's writer before its own)."""
    graph = export_graph(landscape, derived=derived, label=True)
    for source, target, key, data in graph.edges(keys=True, data=True):
        data["id"] = edge_id(source, target, key)
    writer = GEXFWriter(version="1.2draft", encoding="utf-8", prettyprint=True)
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    assert meta is not None
    meta.attrib.pop("lastmodifieddate")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue().decode("utf-8")
