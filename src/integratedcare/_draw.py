"""Pictures of a landscape, or of the answers to a question, drawn with matplotlib (the ``draw`` extra).

:func:`draw` lays the entities out in rows by kind (Parliament and the electorates at the top,
documents at the bottom) or, with ``layout="tree"``, in columns by containment, and draws each
relation as an arrow coloured by its kind, with a legend for the relation kinds and one for the
kinds of body. matplotlib is imported only when :func:`draw` is called.
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity, EntityGroup, Relation
from integratedcare._statute import DerivedDuty, derived_duties
from integratedcare.io._errors import MissingExtraError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["GROUPS", "LAYOUTS", "RELATION_COLOURS", "draw"]

LAYOUTS = ("layers", "tree")
"""The layouts :func:`draw` knows."""

RELATION_COLOURS: Mapping[str, str] = {
    "accountable-to": "#7b3294",
    "assesses": "#a6a61d",
    "catchment": "#fdae61",
    "delegation": "#e66101",
    "duty": "#c51b1b",
    "establishes": "#8c564b",
    "holds": "#17a2b8",
    "holds-to-account": "#d95f9e",
    "hosts": "#6baed6",
    "member-of": "#1f63b4",
    "overlaps": "#b0b0b0",
    "prepares": "#2e9e44",
    "scrutinises": "#5a5a5a",
    "succeeded-by": "#111111",
    "within": "#8f8f8f",
}
"""The colour of each relation kind's arrows (derived duties are dashed in the duty colour)."""

GROUPS: Mapping[str, str] = {
    EntityGroup.NATIONAL: "#fbe3e0",
    EntityGroup.NHS: "#dcebf8",
    EntityGroup.LOCAL_GOVERNMENT: "#e2f3dc",
    EntityGroup.PARTNERSHIP: "#fff1c7",
    EntityGroup.PEOPLE: "#eee3f6",
    EntityGroup.DOCUMENT: "#f0f0f0",
    EntityGroup.OTHER: "#ffffff",
}
"""The fill colour of each group of entity kinds (each entity class declares its ``group``)."""

_MAX_PER_ROW = 8
_WRAP, _TREE_WRAP = 18, 30  # characters per line of a box's label
_LAYER_X, _LAYER_Y = 1.45, 1.0  # inches between boxes in a row, and between rows
_TREE_X, _TREE_Y, _TREE_INDENT = 2.1, 0.45, 0.2  # inches between columns, rows, and per level of depth


@attrs.frozen
class _Node:
    """One box of the picture: its row in the layers layout (0 is the top) and its group (fill colour)."""

    id: str
    label: str
    layer: int = Entity.layer
    group: EntityGroup = Entity.group

    @property
    def place(self) -> tuple[int, EntityGroup]:
        """Return the node's row and group."""
        return self.layer, self.group


@attrs.frozen
class _Edge:
    """One arrow of the picture."""

    source: str
    target: str
    kind: str
    derived: bool


def _node(entity: Entity) -> _Node:
    """Return the box for an entity, in the row and group its kind declares."""
    cls = type(entity)
    return _Node(entity.id, entity.name, cls.layer, cls.group)


def _kind_names(values: Iterable[type[Any] | str] | None) -> tuple[tuple[type[Any], ...], frozenset[str]] | None:
    """Split a filter of classes and kind texts into its classes and its texts."""
    if values is None:
        return None
    items = tuple(values)
    return tuple(v for v in items if isinstance(v, type)), frozenset(v for v in items if isinstance(v, str))


def _matches(item: Entity | Relation, wanted: tuple[tuple[type[Any], ...], frozenset[str]] | None) -> bool:
    """Return whether an entity or relation passes a filter (no filter passes everything)."""
    return wanted is None or isinstance(item, wanted[0]) or item.kind in wanted[1]


def _landscape_scene(
    landscape: Landscape,
    *,
    as_of: DateLike | None,
    kinds: Iterable[type[Entity] | str] | None,
    relations: Iterable[type[Relation] | str] | None,
    duties: bool,
) -> tuple[dict[str, _Node], list[_Edge]]:
    """Return the boxes and arrows for a landscape (or its view on ``as_of``)."""
    view = landscape if as_of is None else landscape.as_of(as_of)
    entity_filter = _kind_names(kinds)
    relation_filter = _kind_names(relations)
    shown = {e.id: _node(e) for e in view if _matches(e, entity_filter)}
    links: list[Relation] = list(view.all_relations)
    if duties:
        links.extend(derived_duties(landscape, as_of=as_of))
    edges = [
        _Edge(r.source, r.target, r.kind, isinstance(r, DerivedDuty))
        for r in links
        if r.source in shown and r.target in shown and _matches(r, relation_filter)
    ]
    if relation_filter is not None and entity_filter is None:
        touched = {e.source for e in edges} | {e.target for e in edges}
        shown = {k: v for k, v in shown.items() if k in touched}
    return shown, edges


def _answer_scene(answers: Iterable[object], landscape: Landscape | None) -> tuple[dict[str, _Node], list[_Edge]]:
    """Return the boxes and arrows for answers: the entities they name and the relations of their paths."""
    shown: dict[str, _Node] = {}
    edges: list[_Edge] = []
    for answer in answers:
        cls = type(answer)
        if not attrs.has(cls):
            raise InvalidValueError(
                subject="draw", field="subject", problem=f"must be a landscape or answers, got {type(answer).__name__}"
            )
        for field in attrs.fields(cls):
            value = getattr(answer, field.name)
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if isinstance(item, Entity):
                    shown.setdefault(item.id, _node(item))
                elif isinstance(item, Relation):
                    edges.append(_Edge(item.source, item.target, item.kind, isinstance(item, DerivedDuty)))
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in shown:
                shown[end] = _node(landscape[end]) if landscape is not None and end in landscape else _Node(end, end)
    return shown, edges


def _unique(edges: Iterable[_Edge]) -> list[_Edge]:
    """Drop repeated arrows (the same kind between the same pair), keeping the first."""
    seen: dict[tuple[str, str, str, bool], _Edge] = {}
    for edge in edges:
        seen.setdefault((edge.source, edge.target, edge.kind, edge.derived), edge)
    return list(seen.values())


def _layers(nodes: Mapping[str, _Node], edges: list[_Edge]) -> dict[str, tuple[float, float]]:
    """Place boxes (in inches) in rows by kind, each row ordered to sit near its neighbours, long rows wrapped."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    rows: dict[int, list[_Node]] = defaultdict(list)
    for node in nodes.values():
        rows[node.place[0]].append(node)
    positions: dict[str, tuple[float, float]] = {}
    for _sweep in range(2):  # first above only, then every neighbour placed in the first sweep
        y = 0.0
        for rank in sorted(rows):
            members = {node.id for node in rows[rank]}

            def centre(node: _Node, members: set[str] = members) -> float:
                placed = [positions[n][0] for n in neighbours[node.id] if n in positions and n not in members]
                return sum(placed) / len(placed) if placed else 0.0

            ordered = sorted(rows[rank], key=lambda node: (centre(node), node.label, node.id))
            for start in range(0, len(ordered), _MAX_PER_ROW):
                chunk = ordered[start : start + _MAX_PER_ROW]
                for index, node in enumerate(chunk):
                    positions[node.id] = ((index - (len(chunk) - 1) / 2) * _LAYER_X, y)
                y -= _LAYER_Y
    return positions


def _tree(nodes: Mapping[str, _Node], edges: list[_Edge]) -> dict[str, tuple[float, float]]:
    """Place boxes (in inches) in columns: each top-level entity heads one, with what lies within it below."""
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if edge.kind == "within":
            parents[edge.source].append(edge.target)
    children: dict[str, list[str]] = defaultdict(list)
    for child, candidates in parents.items():
        # The closest container: the one lowest in the layers (an ICB lies in its system before its region).
        children[max(candidates, key=lambda p: (nodes[p].place[0], p))].append(child)
    positions: dict[str, tuple[float, float]] = {}

    def place(node_id: str, column: int, depth: int, row: int) -> int:
        positions[node_id] = (column * _TREE_X + depth * _TREE_INDENT, -row * _TREE_Y)
        row += 1
        for child in sorted(children[node_id], key=lambda c: (nodes[c].label, c)):
            if child not in positions:
                row = place(child, column, depth + 1, row)
        return row

    column = 0
    order = sorted(nodes.values(), key=lambda n: (n.id in parents, n.place[0], n.label, n.id))
    for node in order:  # top-level entities first; then any caught in a cycle of containment
        if node.id not in positions:
            place(node.id, column, 0, 0)
            column += 1
    return positions


def _pyplot() -> Any:  # noqa: ANN401 (matplotlib.pyplot is a module)
    """Import matplotlib's pyplot, or say which extra installs it."""
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 (optional dependency, imported when needed)
    except ImportError as error:
        raise MissingExtraError(feature="integratedcare.draw", module="matplotlib", extra="draw") from error
    return plt


def draw(
    subject: Landscape | Iterable[object] | object,
    *,
    landscape: Landscape | None = None,
    as_of: DateLike | None = None,
    kinds: Iterable[type[Entity] | str] | None = None,
    relations: Iterable[type[Relation] | str] | None = None,
    duties: bool = False,
    layout: str = "layers",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a landscape, or the answers to a question, with a legend for the relation kinds.

    A landscape is drawn whole (or its view on ``as_of``); pass ``kinds`` (entity classes or
    kind texts) and ``relations`` (relation classes or kind texts) to draw part of it. When only
    ``relations`` is given, only the entities those relations join are drawn. ``duties=True``
    adds the duties derived from statute, dashed. Answers (a query's tuple, or one answer) are
    drawn as the entities they name and the relations of their paths; give ``landscape`` to
    name the entities on the paths that the answers do not.

    The ``layers`` layout puts each kind of entity in its own row, accountability flowing
    upwards; ``tree`` puts each top-level entity at the head of a column, with what lies
    ``Within`` it listed below. Needs matplotlib: ``pip install "integratedcare[draw]"``.

    Args:
        subject: a landscape, a tuple of answers, or one answer.
        landscape: the landscape the answers came from, to name the entities on their paths.
        as_of: draw the landscape as it stood on this date.
        kinds: only entities of these classes or kinds.
        relations: only relations of these classes or kinds.
        duties: also draw the duties derived from statute (dashed).
        layout: ``layers`` (the default) or ``tree``.
        title: the title over the picture (the landscape's name, by default).
        ax: the matplotlib axes to draw on; a new figure sized to the picture when not given.

    Returns:
        The matplotlib axes drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidValueError: the layout is unknown, or the subject is neither a landscape nor answers.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.load("brackenshire")
        >>> ax = ic.draw(land, relations=[ic.AccountableTo, ic.Delegation], as_of="2024-01-01")
        >>> ax.get_title()
        'Brackenshire (teaching example) on 2024-01-01'
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['accountable-to', 'delegation']
        >>> answers = ic.accountability_chain(land, "brackenshire-icb")
        >>> ax = ic.draw(answers, title="Who the ICB answers to")
        >>> sorted(text.get_text() for text in ax.texts if text.get_text())
        ['NHS Brackenshire\nIntegrated Care\nBoard', 'UK Parliament', 'nhs-england', 'secretary-of-state']
        >>> ax = ic.draw(answers, landscape=land)  # names the bodies on the way
        >>> sorted(text.get_text() for text in ax.texts if text.get_text())[1:]
        ['NHS England', 'Secretary of State\nfor Health and\nSocial Care', 'UK Parliament']
        >>> import matplotlib.pyplot as plt
        >>> plt.close("all")
    """
    if layout not in LAYOUTS:
        raise InvalidValueError(subject="draw", field="layout", problem=f"must be layers or tree, got {layout!r}")
    if isinstance(subject, Landscape):
        nodes, edges = _landscape_scene(subject, as_of=as_of, kinds=kinds, relations=relations, duties=duties)
        default_title = subject.name + ("" if as_of is None else f" on {as_of}")
    else:
        items = subject if isinstance(subject, tuple | list) else (subject,)
        nodes, edges = _answer_scene(items, landscape)
        default_title = ""
    edges = _unique(edges)
    positions = _layers(nodes, edges) if layout == "layers" else _tree(nodes, edges)
    plt = _pyplot()
    from matplotlib.lines import Line2D  # noqa: PLC0415 (optional dependency, imported when needed)
    from matplotlib.patches import Patch  # noqa: PLC0415 (optional dependency, imported when needed)

    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    if ax is None:
        width, height = max(xs) - min(xs) + 1.6 + 2.4, max(ys) - min(ys) + 1.2 + 0.4
        _, ax = plt.subplots(figsize=(min(width, 60.0), min(max(height, 3.0), 60.0)), layout="constrained")
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_axis_off()
    ax.set_title(default_title if title is None else title)
    # In the tree, containment is shown by position: a box lies within the one it is listed under.
    arrows = [e for e in edges if not (layout == "tree" and e.kind == "within")]
    between: Counter[frozenset[str]] = Counter()
    for edge in arrows:
        pair = frozenset((edge.source, edge.target))
        bend = round(0.06 + 0.14 * between[pair], 2)  # each further arrow between a pair bends further out
        between[pair] += 1
        ax.annotate(
            "",
            xy=positions[edge.target],
            xytext=positions[edge.source],
            arrowprops={
                "arrowstyle": "-|>",
                "color": RELATION_COLOURS.get(edge.kind, "#555555"),
                "linestyle": "--" if edge.derived else "-",
                "linewidth": 1.1,
                "shrinkA": 14,
                "shrinkB": 14,
                "connectionstyle": f"arc3,rad={bend}",
            },
            zorder=1,
        )
    wrap = _WRAP if layout == "layers" else _TREE_WRAP
    for node_id, (x, y) in positions.items():
        node = nodes[node_id]
        ax.text(
            x,
            y,
            textwrap.fill(node.label, wrap),
            ha="center",
            va="center",
            fontsize=7,
            zorder=2,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": GROUPS[node.place[1]], "edgecolor": "#666666"},
        )
    handles = [
        Line2D(
            [],
            [],
            color=RELATION_COLOURS.get(kind, "#555555"),
            linestyle="--" if derived else "-",
            label=f"{kind} (derived from statute)" if derived else kind,
        )
        for kind, derived in sorted({(e.kind, e.derived) for e in arrows})
    ]
    if len(arrows) < len(edges):
        handles.append(Line2D([], [], color="none", label="within: listed under"))
    groups = [
        Patch(facecolor=GROUPS[g], edgecolor="#666666", label=str(g))
        for g in GROUPS
        if g in {n.place[1] for n in nodes.values()}
    ]
    if groups:
        bodies = ax.legend(
            handles=groups, title="Entities", loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=7, frameon=False
        )
        ax.add_artist(bodies)
    if handles:
        ax.legend(
            handles=handles, title="Relations", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False
        )
    return ax
