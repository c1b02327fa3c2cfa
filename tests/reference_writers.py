"""The export writers as they were before they were written as text: references the tests compare with.

GraphML and GEXF were written with networkx's ``GraphMLWriter`` and ``GEXFWriter`` over
:func:`integratedcare.io._flat.export_graph`, and JSON-LD with rdflib's serialiser over
:func:`integratedcare.io._rdf.rdf_graph`; the library now writes the same bytes itself.
"""

from __future__ import annotations

import io
import json
from typing import Any

from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

import integratedcare as ic
from integratedcare.io._flat import edge_id, export_graph
from integratedcare.io._rdf import BASE, rdf_graph


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


def rdflib_jsonld(landscape: ic.Landscape, *, derived: bool = True, base: str = BASE) -> str:
    """Return the landscape as JSON-LD serialised by rdflib (the library's writer before its own).

    One difference is mended here: with a single resource, rdflib's compacted document is that
    resource itself, and the old writer kept its ``@context`` inside it; the resource is listed
    without it, as when there are several.
    """
    graph = rdf_graph(landscape, derived=derived, base=base, feature="to_jsonld")
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    resources = data.get("@graph", [data] if "@id" in data else [])
    resources = [{key: value for key, value in resource.items() if key != "@context"} for resource in resources]
    document = {"@context": dict(sorted(context.items())), "@graph": sorted(map(_sorted, resources), key=_id)}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _id(resource: dict[str, Any]) -> str:
    """Return a JSON-LD resource's ``@id``."""
    return str(resource.get("@id", ""))


def _sorted(value: Any) -> Any:  # noqa: ANN401 (JSON values)
    """Sort every list of a JSON-LD value by its text, so the output does not depend on rdflib's order."""
    if isinstance(value, dict):
        return {key: _sorted(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(inner) for inner in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value
