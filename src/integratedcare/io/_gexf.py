"""GEXF 1.2 written as text, element by element: the bytes networkx's writer gives, without its ElementTree.

The tests compare the bytes with networkx's writer on the datasets and on generated landscapes.
Attributes are numbered in the order first met, nodes' and edges' from one count; the edges'
declarations come first when there are any, as networkx inserts each class's list at the top.
"""

from __future__ import annotations

from typing import Final

import networkx as nx

from integratedcare._landscape import Landscape
from integratedcare.io._flat import Scalar, edge_id, edges, flat_entity, flat_relation, xml_safe

__all__ = ["gexf_text"]

_HEAD: Final = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    "  <meta>\n"
    f"    <creator>NetworkX {nx.__version__}</creator>\n"
    "  </meta>"
)
# As ElementTree escapes an attribute's value.
_ATTRIBUTE: Final = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
)
_TYPES: Final = {str: "string", bool: "boolean", float: "double"}
_FLOATS: Final = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}


def _quoted(value: str) -> str:
    """Escape text for an attribute's value."""
    return value.translate(_ATTRIBUTE)


def _value(value: Scalar) -> str:
    """Write an attribute value as networkx does: booleans lower case, floats with GEXF's infinities."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = str(value)
        return _FLOATS.get(text, text)
    assert isinstance(value, str)  # noqa: S101 (flattened without dates: text, a boolean or a number)
    return _quoted(xml_safe(value))


class _Attributes:
    """Numbers each attribute of a class (node or edge) the first time it is met."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
        self.count = 0

    def values(self, domain: str, attributes: dict[str, Scalar]) -> list[str]:
        """Return the ``<attvalues>`` lines of one element."""
        known = self.ids[domain]
        lines = ["        <attvalues>"]
        for name, value in attributes.items():
            found = known.get(name)
            if found is None:
                found = known[name] = (str(self.count), _TYPES[type(value)])
                self.count += 1
            lines.append(f'          <attvalue for="{found[0]}" value="{_value(value)}" />')
        lines.append("        </attvalues>")
        return lines

    def declarations(self) -> list[str]:
        """Return the ``<attributes>`` lines, the edges' first."""
        lines = []
        for domain in ("edge", "node"):
            if self.ids[domain]:
                lines.append(f'    <attributes mode="static" class="{domain}">')
                lines.extend(
                    f'      <attribute id="{ident}" title="{_quoted(name)}" type="{kind}" />'
                    for name, (ident, kind) in self.ids[domain].items()
                )
                lines.append("    </attributes>")
        return lines


def _span(flat: dict[str, Scalar]) -> str:
    """Take a flattened element's start and end out, as the element's own attributes."""
    return "".join(f' {key}="{_value(flat.pop(key))}"' for key in ("start", "end") if key in flat)


def gexf_text(landscape: Landscape, *, derived: bool) -> str:
    """Return the landscape as GEXF 1.2 (see :func:`integratedcare.io.to_gexf`)."""
    attributes = _Attributes()
    dated = False
    nodes = []
    for entity in landscape.entities:
        flat = flat_entity(entity)
        span = _span(flat)
        dated = dated or bool(span)
        nodes.append(f'      <node id="{entity.id}" label="{_value(flat["name"])}"{span}>')
        nodes.extend(attributes.values("node", flat))
        nodes.append("      </node>")
    links = []
    for key, relation in edges(landscape, derived=derived):
        flat = flat_relation(relation)
        span = _span(flat)
        dated = dated or bool(span)
        source, target = relation.source, relation.target
        ident = edge_id(source, target, key)
        links.append(
            f'      <edge source="{source}" target="{target}" id="{ident}" label="{_value(flat["kind"])}"{span}>'
        )
        links.extend(attributes.values("edge", {**flat, "networkx_key": key}))
        links.append("      </edge>")
    mode = 'mode="dynamic"' if dated else 'mode="static"'
    timeformat = ' timeformat="date"' if dated else ""
    graph = f'  <graph defaultedgetype="directed" {mode} name="{_value(landscape.name)}"{timeformat}>'
    parts = [_HEAD, graph, *attributes.declarations()]
    parts += ["    <nodes>", *nodes, "    </nodes>"] if nodes else ["    <nodes />"]
    parts += ["    <edges>", *links, "    </edges>"] if links else ["    <edges />"]
    return "\n".join([*parts, "  </graph>", "</gexf>", ""])
