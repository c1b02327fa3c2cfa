"""The export writers as they were before they were written as text: references the tests compare with.

GraphML was written with networkx's ``GraphMLWriter`` over :func:`integratedcare.io._flat.export_graph`;
the library now writes the same bytes itself, several times faster.
"""

from __future__ import annotations

import io

from networkx.readwrite.graphml import GraphMLWriter

import integratedcare as ic
from integratedcare.io._flat import export_graph


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
