"""Pictures of a landscape, or of the answers to a question, drawn with matplotlib (the ``draw`` extra).

:func:`draw` lays the entities out in rows by kind (Parliament and the electorates at the top,
documents at the bottom) or, with ``layout="tree"``, as lists by containment set in newspaper
columns, and draws each relation as an arrow coloured by its kind, with a legend for the relation
kinds and one for the kinds of body. By default (``layout="auto"``) it lists by containment
when most boxes lie within another and the list is the smaller picture; a picture of more than
250 boxes is refused with advice on drawing part of it. The figure is sized to the picture plus
its legends, so no label is cut. matplotlib is imported only when :func:`draw` is called.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity, EntityGroup, Relation
from integratedcare._statute import DerivedDuty, derived_duties
from integratedcare.io._errors import MissingExtraError, PictureTooLargeError
from integratedcare.io._subset import kind_filter, matches, subset_ids

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["GROUPS", "LAYOUTS", "MAX_BOXES", "RELATION_COLOURS", "draw"]

LAYOUTS = ("auto", "layers", "tree")
"""The layouts :func:`draw` knows (``auto`` chooses one of the other two)."""

MAX_BOXES = 250
"""The most boxes :func:`draw` puts in one picture; past it, it refuses and says how to draw part."""

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
_TREE_MAX_COLUMNS = 7  # newspaper columns of the tree, at most


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


def _landscape_scene(
    landscape: Landscape,
    *,
    as_of: DateLike | None,
    kinds: Iterable[type[Entity] | str] | None,
    relations: Iterable[type[Relation] | str] | None,
    duties: bool,
    around: str | Iterable[str] | None = None,
    depth: int | None = None,
) -> tuple[dict[str, _Node], list[_Edge]]:
    """Return the boxes and arrows for a landscape (or its view on ``as_of``)."""
    view = landscape if as_of is None else landscape.as_of(as_of)
    keep = subset_ids(view, around=around, depth=depth, kinds=kinds)
    relation_filter = kind_filter(relations)
    shown = {e.id: _node(e) for e in view if keep is None or e.id in keep}
    links: list[Relation] = list(view.all_relations)
    if duties:
        links.extend(derived_duties(landscape, as_of=as_of))
    edges = [
        _Edge(r.source, r.target, r.kind, isinstance(r, DerivedDuty))
        for r in links
        if r.source in shown and r.target in shown and matches(r, relation_filter)
    ]
    if relation_filter is not None and kinds is None and around is None:
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
    """Place boxes (in inches) as lists: each top-level entity heads one, with what lies within it below.

    The lists are set in newspaper columns (at most ``_TREE_MAX_COLUMNS``), one after another down
    a column until it is as long as the picture should be, so many short lists do not make a
    picture many feet wide.
    """
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if edge.kind == "within":
            parents[edge.source].append(edge.target)
    children: dict[str, list[str]] = defaultdict(list)
    for child, candidates in parents.items():
        # The closest container: the one lowest in the layers (an ICB lies in its system before its region).
        children[max(candidates, key=lambda p: (nodes[p].place[0], p))].append(child)
    seen: set[str] = set()

    def listing(node_id: str, depth: int) -> list[tuple[str, int]]:
        seen.add(node_id)
        rows = [(node_id, depth)]
        for child in sorted(children[node_id], key=lambda c: (nodes[c].label, c)):
            if child not in seen:
                rows.extend(listing(child, depth + 1))
        return rows

    order = sorted(nodes.values(), key=lambda n: (n.id in parents, n.place[0], n.label, n.id))
    # Top-level entities first; then any caught in a cycle of containment.
    blocks = [listing(node.id, 0) for node in order if node.id not in seen]
    return _columns(blocks)


def _columns(blocks: list[list[tuple[str, int]]]) -> dict[str, tuple[float, float]]:
    """Set lists of (id, depth) in newspaper columns about as wide as they are tall; return the places."""
    total = sum(len(block) + 1 for block in blocks)
    # columns * _TREE_X ~ (total / columns) * _TREE_Y
    columns = max(1, min(_TREE_MAX_COLUMNS, round(math.sqrt(total * _TREE_Y / _TREE_X))))
    height = max([len(block) for block in blocks] + [math.ceil(total / columns)])
    positions: dict[str, tuple[float, float]] = {}
    column, row = 0, 0
    for block in blocks:
        if row and row + len(block) > height:
            column, row = column + 1, 0
        for offset, (node_id, depth) in enumerate(block):
            positions[node_id] = (column * _TREE_X + depth * _TREE_INDENT, -(row + offset) * _TREE_Y)
        row += len(block) + 1
    return positions


def _pyplot() -> Any:  # noqa: ANN401 (matplotlib.pyplot is a module)
    """Import matplotlib's pyplot, or say which extra installs it."""
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 (optional dependency, imported when needed)
    except ImportError as error:
        raise MissingExtraError(feature="integratedcare.draw", module="matplotlib", extra="draw") from error
    return plt


def _scene(
    subject: Landscape | Iterable[object] | object,
    *,
    landscape: Landscape | None,
    as_of: DateLike | None,
    kinds: Iterable[type[Entity] | str] | None,
    relations: Iterable[type[Relation] | str] | None,
    duties: bool,
    around: str | Iterable[str] | None,
    depth: int | None,
) -> tuple[dict[str, _Node], list[_Edge], str, str]:
    """Return the boxes and arrows to draw, the default title and the name of what is drawn."""
    if isinstance(subject, Landscape):
        nodes, edges = _landscape_scene(
            subject, as_of=as_of, kinds=kinds, relations=relations, duties=duties, around=around, depth=depth
        )
        return nodes, edges, subject.name + ("" if as_of is None else f" on {as_of}"), subject.name
    items = subject if isinstance(subject, tuple | list) else (subject,)
    nodes, edges = _answer_scene(items, landscape)
    return nodes, edges, "", "the answers"


def _extent(positions: Mapping[str, tuple[float, float]]) -> tuple[float, float]:
    """Return the width and height (inches) of a layout's boxes, with room for the boxes themselves."""
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    return max(xs) - min(xs) + 1.6, max(ys) - min(ys) + 1.2


def _choose(nodes: Mapping[str, _Node], edges: list[_Edge], layout: str) -> tuple[str, dict[str, tuple[float, float]]]:
    """Return the layout to use and its positions.

    ``auto`` lists by containment (the tree) when at least half the boxes lie within another and
    the list's longest side is shorter than the layers'; else it draws the layers.
    """
    if layout != "auto":
        return layout, (_layers(nodes, edges) if layout == "layers" else _tree(nodes, edges))
    layers = _layers(nodes, edges)
    contained = {edge.source for edge in edges if edge.kind == "within"}
    if 2 * len(contained) < len(nodes):
        return "layers", layers
    tree = _tree(nodes, edges)
    return ("tree", tree) if max(_extent(tree)) < max(_extent(layers)) else ("layers", layers)


def _fit(ax: Axes, legends: list[Any], drawing: tuple[float, float]) -> None:
    """Size the figure to the drawing (inches, one data unit each) plus the legends on its right, none cut."""
    fig = ax.get_figure()
    renderer = fig.canvas.get_renderer()  # type: ignore[union-attr]
    dpi = fig.dpi  # type: ignore[union-attr]
    sizes = [legend.get_window_extent(renderer) for legend in legends]
    legend_w = max((box.width / dpi for box in sizes), default=0.0) + (0.3 if sizes else 0.0)
    legend_h = sum(box.height / dpi for box in sizes) + 0.2 * len(sizes)
    width, height = drawing
    title_h, margin = 0.5, 0.15
    fig_w = margin + width + legend_w + margin
    fig_h = margin + max(height, legend_h) + title_h
    fig.set_size_inches(fig_w, fig_h)  # type: ignore[union-attr]
    ax.set_position((margin / fig_w, (fig_h - title_h - height) / fig_h, width / fig_w, height / fig_h))


def draw(
    subject: Landscape | Iterable[object] | object,
    *,
    landscape: Landscape | None = None,
    as_of: DateLike | None = None,
    kinds: Iterable[type[Entity] | str] | None = None,
    relations: Iterable[type[Relation] | str] | None = None,
    around: str | Iterable[str] | None = None,
    depth: int | None = None,
    duties: bool = False,
    layout: str = "auto",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a landscape, or the answers to a question, with a legend for the relation kinds.

    A landscape is drawn whole (or its view on ``as_of``); pass ``kinds`` (entity classes or
    kind texts), ``relations`` (relation classes or kind texts) or ``around`` (an entity's id,
    with ``depth``: the entities that many relations away from it, 1 unless given) to draw part
    of it. When only ``relations`` is given, only the entities those relations join are drawn.
    ``duties=True`` adds the duties derived from statute, dashed. Answers (a query's tuple, or
    one answer) are drawn as the entities they name and the relations of their paths; give
    ``landscape`` to name the entities on the paths that the answers do not.

    The ``layers`` layout puts each kind of entity in its own row, accountability flowing
    upwards; ``tree`` lists what lies ``Within`` each top-level entity below it, the lists set in
    columns; ``auto`` (the default) takes the tree when at least half the boxes lie within
    another and the tree's longest side is the shorter, else the layers. The figure is sized to the
    picture and its legends. A picture of more than 250 boxes (England whole) is
    refused, with advice: draw England by region with ``kinds=[ic.Region, ic.ICB]`` and
    ``relations=[ic.Within]``, or around one body. Needs matplotlib: ``pip install "integratedcare[draw]"``.

    Args:
        subject: a landscape, a tuple of answers, or one answer.
        landscape: the landscape the answers came from, to name the entities on their paths.
        as_of: draw the landscape as it stood on this date.
        kinds: only entities of these classes or kinds.
        relations: only relations of these classes or kinds.
        around: only this entity (or these) and those within ``depth`` relations of it.
        depth: how many relations away from ``around`` to go (1 unless given).
        duties: also draw the duties derived from statute (dashed).
        layout: ``auto`` (the default), ``layers`` or ``tree``.
        title: the title over the picture (the landscape's name, by default).
        ax: the matplotlib axes to draw on; a new figure sized to the picture when not given.

    Returns:
        The matplotlib axes drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.
        PictureTooLargeError: the picture would hold more than 250 boxes.
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
        >>> england = ic.datasets.load("england")
        >>> ic.draw(england)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        integratedcare.io._errors.PictureTooLargeError: England: ... boxes are too many for one readable picture ...
        >>> ax = ic.draw(england, as_of="2026-04-01", kinds=[ic.Region, ic.ICB], relations=[ic.Within])
        >>> [round(inches) for inches in ax.get_figure().get_size_inches()]
        [10, 9]
        >>> import matplotlib.pyplot as plt
        >>> plt.close("all")
    """
    if layout not in LAYOUTS:
        raise InvalidValueError(subject="draw", field="layout", problem=f"must be auto, layers or tree, got {layout!r}")
    nodes, edges, default_title, name = _scene(
        subject,
        landscape=landscape,
        as_of=as_of,
        kinds=kinds,
        relations=relations,
        duties=duties,
        around=around,
        depth=depth,
    )
    if len(nodes) > MAX_BOXES:
        raise PictureTooLargeError(subject=name, boxes=len(nodes), limit=MAX_BOXES)
    edges = _unique(edges)
    layout, positions = _choose(nodes, edges, layout)
    plt = _pyplot()
    from matplotlib.lines import Line2D  # noqa: PLC0415 (optional dependency, imported when needed)
    from matplotlib.patches import Patch  # noqa: PLC0415 (optional dependency, imported when needed)

    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    new_figure = ax is None
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 4.0))
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
    legends = []
    if groups:
        bodies = ax.legend(
            handles=groups, title="Entities", loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=7, frameon=False
        )
        ax.add_artist(bodies)
        legends.append(bodies)
    if handles:
        legends.append(
            ax.legend(
                handles=handles,
                title="Relations",
                loc="upper left",
                bbox_to_anchor=(1.0, 1.0),
                fontsize=7,
                frameon=False,
            )
        )
    if new_figure:
        _fit(ax, legends, (max(xs) - min(xs) + 1.6, max(ys) - min(ys) + 1.2))
    return ax
