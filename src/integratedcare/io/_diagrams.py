"""Diagram exports: a Mermaid flowchart (areas drawn as subgraphs) and Graphviz DOT.

Labels are escaped for each language so that any name (quotes, brackets, ``-->``, ``;``,
newlines, ``<``, ``&``, non-ASCII text) is shown as written and never breaks the diagram.

Mermaid is treated as a hostile target: before it parses a diagram it scans the whole text for
directives (``%%{init: ...}%%``) and comments (``%%``) wherever they stand, even inside quoted
labels, and rewrites ``style ...: ...#...;`` and ``classDef ...: ...#...;`` on any line. So every
``%``, ``:``, brace and bar of a label is written as an entity code (``#37;``), as are quotes,
``#``, ``;``, angle brackets, backticks, control characters and line separators; leading,
trailing and repeated spaces are coded too, so that Mermaid does not trim them.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Final

from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Document, Duty, Entity, Relation, Within
from integratedcare._statute import DerivedDuty
from integratedcare.io._errors import DiagramTooLargeWarning
from integratedcare.io._flat import dated, edge_id, edges, xml_safe
from integratedcare.io._subset import subset_ids

__all__ = ["MERMAID_MAX_EDGES", "MERMAID_MAX_TEXT_SIZE", "to_dot", "to_mermaid"]

MERMAID_MAX_EDGES: Final = 500
"""Mermaid's default ``maxEdges``: a flowchart with more edges is refused by the renderer."""
MERMAID_MAX_TEXT_SIZE: Final = 50_000
"""Mermaid's default ``maxTextSize``: a diagram text longer than this is refused by the renderer."""

_MERMAID_CODED: Final = frozenset('"#&<>`;%:{}|\u2028\u2029\u00b6\ufb02')
"""Characters written as ``#code;``: Mermaid's syntax, line separators, and the first characters of the
placeholders Mermaid puts for ``#code;`` (``ﬂ°°``, ``ﬂ°``, ``¶ß``), which its renderer would turn back
into ``&#``, ``&`` and ``;`` if a label held them."""
_C1: Final = re.compile("[\x80-\x9f]")
_DOT_HTML: Final = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\\": "\\\\",  # Graphviz reads \N, \G... as escapes even in HTML-like labels
    "\t": " ",  # Graphviz drops tabs
    "\r": "&#13;",
    "\n": "<BR/>",
}


def mermaid_text(text: str) -> str:
    """Escape text for a quoted Mermaid label: special characters as ``#code;``, newlines as ``<br>``.

    Spaces at either end, and each space after another, are coded too (Mermaid trims and collapses them).
    C1 control characters (U+0080 to U+009F) become U+FFFD, visibly: a browser reads their codes as
    Windows-1252 characters (``#133;`` as "…"), so a Mermaid label cannot hold them.
    """
    safe = _C1.sub("\ufffd", xml_safe(text))
    parts = []
    for index, char in enumerate(safe):
        if char == "\n":
            parts.append("<br>")
        elif (
            char in _MERMAID_CODED
            or unicodedata.category(char) == "Cc"  # C0 and C1 control characters
            or (char == " " and (index in {0, len(safe) - 1} or safe[index - 1] == " "))
        ):
            parts.append(f"#{ord(char)};")
        else:
            parts.append(char)
    return "".join(parts)


def dot_text(text: str) -> str:
    """Escape text for a DOT HTML-like label ``<...>``: XML entities, doubled backslashes, ``<BR/>`` for newlines.

    HTML-like labels avoid the quoting traps of DOT's quoted strings (a name ending in a backslash).
    """
    return "".join(_DOT_HTML.get(char, char) for char in xml_safe(text))


def _edge_label(relation: Relation) -> str:
    """Label an edge with the relation's kind, or a duty with what it requires."""
    return relation.duty.value if isinstance(relation, Duty) else relation.kind


def _nesting(landscape: Landscape, keep: set[str] | None) -> dict[str, str]:
    """Choose one enclosing area for each entity placed within another, never making a cycle."""
    parent: dict[str, str] = {}
    for relation in landscape.relations(Within):
        if relation.source in parent or (keep is not None and not {relation.source, relation.target} <= keep):
            continue
        above: str | None = relation.target
        while above is not None and above != relation.source:
            above = parent.get(above)
        if above is None:
            parent[relation.source] = relation.target
    return parent


def _shown(
    landscape: Landscape,
    *,
    derived: bool,
    around: str | Iterable[str] | None,
    depth: int | None,
    kinds: Iterable[type[Entity] | str] | None,
    caller: str,
) -> tuple[list[Entity], list[tuple[str, Relation]], set[str] | None]:
    """Return the entities and edges a diagram shows, and the ids kept (``None``: all)."""
    keep = subset_ids(landscape, around=around, depth=depth, kinds=kinds, caller=caller)
    if keep is None:
        return list(landscape.entities), edges(landscape, derived=derived), None
    shown = [e for e in landscape.entities if e.id in keep]
    return shown, [(k, r) for k, r in edges(landscape, derived=derived) if {r.source, r.target} <= keep], keep


def to_mermaid(
    landscape: Landscape,
    *,
    derived: bool = True,
    direction: str = "LR",
    around: str | Iterable[str] | None = None,
    depth: int | None = None,
    kinds: Iterable[type[Entity] | str] | None = None,
    as_of: DateLike | None = None,
) -> str:
    """Return the landscape as a Mermaid flowchart, with areas as subgraphs holding what lies within them.

    Each entity placed ``Within`` another is drawn inside it (when it lies within several,
    inside the first by id, and the other ``Within`` relations are drawn as edges). Edges are
    labelled with the relation's kind, or a duty's words; derived duties are dotted. Node ids
    are ``n0, n1...`` in order of entity id.

    Mermaid's renderer (as GitHub and GitLab run it) refuses a diagram of more than 500 edges or
    50,000 characters by default; past either, a :class:`~integratedcare.errors.DiagramTooLargeWarning`
    is issued. Draw part of a large landscape with ``around``, ``depth`` and ``kinds``.

    Args:
        landscape: the landscape.
        derived: include the duties derived from the law.
        direction: the flowchart's direction: ``LR``, ``RL``, ``TB`` or ``BT``.
        around: only this entity (or these) and those within ``depth`` relations of it.
        depth: how many relations away from ``around`` to go (1 unless given).
        kinds: only entities of these classes or kind texts (and those named by ``around``).
        as_of: draw the landscape as it was on this date (see :meth:`~integratedcare.Landscape.as_of`).

    Warns:
        DiagramTooLargeWarning: the diagram passes Mermaid's default limits.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS"))
        ...         .add(ic.Place(id="wirral", name='Wirral "place"'), within="cm-ics").build())
        >>> print(ic.io.to_mermaid(land))
        flowchart LR
            subgraph n0 ["C#38;M ICS"]
                n1["Wirral #34;place#34;"]
            end
        >>> england = ic.datasets.load("england")
        >>> text = ic.io.to_mermaid(england, around="QYG", kinds=[ic.ICB, ic.ICS, ic.Region])
        >>> text.count("-->") < 500 and len(text) < 50_000
        True
    """
    if direction not in {"LR", "RL", "TB", "BT"}:
        raise InvalidValueError(field="direction", problem=f"must be LR, RL, TB or BT, got {direction!r}")
    landscape = dated(landscape, as_of)
    shown, links, keep = _shown(
        landscape, derived=derived, around=around, depth=depth, kinds=kinds, caller="to_mermaid"
    )
    node = {entity.id: f"n{index}" for index, entity in enumerate(shown)}
    parent = _nesting(landscape, keep)
    children: defaultdict[str, list[Entity]] = defaultdict(list)
    for entity in shown:
        children[parent.get(entity.id, "")].append(entity)

    def block(entity: Entity, depth: int) -> Iterator[str]:
        pad = "    " * depth
        label = mermaid_text(entity.name)
        if entity.id not in children:
            shape = f'(["{label}"])' if isinstance(entity, Document) else f'["{label}"]'
            yield f"{pad}{node[entity.id]}{shape}"
            return
        yield f'{pad}subgraph {node[entity.id]} ["{label}"]'
        for child in children[entity.id]:
            yield from block(child, depth + 1)
        yield f"{pad}end"

    lines = [f"flowchart {direction}"]
    for root in children[""]:
        lines.extend(block(root, 1))
    count = 0
    for _, relation in links:
        if isinstance(relation, Within) and parent.get(relation.source) == relation.target:
            continue
        arrow = "-.->" if isinstance(relation, DerivedDuty) else "-->"
        label = mermaid_text(_edge_label(relation))
        lines.append(f'    {node[relation.source]} {arrow}|"{label}"| {node[relation.target]}')
        count += 1
    text = "\n".join(lines) + "\n"
    if count > MERMAID_MAX_EDGES or len(text) > MERMAID_MAX_TEXT_SIZE:
        warnings.warn(DiagramTooLargeWarning(edges=count, characters=len(text)), stacklevel=2)
    return text


def to_dot(
    landscape: Landscape,
    *,
    derived: bool = True,
    around: str | Iterable[str] | None = None,
    depth: int | None = None,
    kinds: Iterable[type[Entity] | str] | None = None,
    as_of: DateLike | None = None,
) -> str:
    """Return the landscape as a Graphviz DOT digraph (render it with ``dot -Tsvg``).

    ``around``, ``depth`` and ``kinds`` choose part of the landscape, and ``as_of`` a date, as for
    :func:`to_mermaid`.

    Nodes are the entity ids (which need no escaping), labelled with names (documents drawn
    as notes); edges are labelled with the relation's kind or a duty's words, derived duties
    dashed, and have the id ``source/target/key`` (their key in :func:`integratedcare.graph`).
    Labels are HTML-like (``label=<...>``), so every character shows as written, with two
    exceptions Graphviz imposes: a tab is written as a space (Graphviz drops tabs), and a carriage
    return is written ``&#13;``, which the DOT text holds but Graphviz's renderer does not show.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS"))
        ...         .add(ic.Place(id="wirral", name="Wirral"), within="cm-ics").build())
        >>> print(ic.io.to_dot(land))
        digraph "landscape" {
            graph [charset="UTF-8", label=<>];
            node [shape=box];
            "cm-ics" [label=<C&amp;M ICS>];
            "wirral" [label=<Wirral>];
            "wirral" -> "cm-ics" [label=<within>, id="wirral/cm-ics/within"];
        }
        >>> print(ic.io.to_dot(land, kinds=["place-based-partnership"]).splitlines()[3:])
        ['    "wirral" [label=<Wirral>];', '}']
    """
    landscape = dated(landscape, as_of)
    lines = [
        'digraph "landscape" {',
        f'    graph [charset="UTF-8", label=<{dot_text(landscape.name)}>];',
        "    node [shape=box];",
    ]
    shown, links, _ = _shown(landscape, derived=derived, around=around, depth=depth, kinds=kinds, caller="to_dot")
    for entity in shown:
        shape = ", shape=note" if isinstance(entity, Document) else ""
        lines.append(f'    "{entity.id}" [label=<{dot_text(entity.name)}>{shape}];')
    for key, relation in links:
        style = ", style=dashed" if isinstance(relation, DerivedDuty) else ""
        ends = f'"{relation.source}" -> "{relation.target}"'
        ident = edge_id(relation.source, relation.target, key)
        lines.append(f'    {ends} [label=<{dot_text(_edge_label(relation))}>, id="{ident}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
