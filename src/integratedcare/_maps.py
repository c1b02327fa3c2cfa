"""Maps of England's areas drawn with matplotlib from the bundled boundaries (the ``draw`` extra).

:func:`draw_map` draws one level of geography (ICBs, sub-ICB locations, NHS England regions or
upper-tier councils) as it stood on a date: each area one patch, coloured by a value (a
choropleth) or by whether it is in a query's answer (a highlight), with other areas outlined on
top, a legend, a title and the Office for National Statistics' attribution on the map. Given
several dates it draws them side by side ("small multiples") on one colour scale. Only
matplotlib is needed; no GIS library.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from integratedcare._draw import _pyplot
from integratedcare._errors import InvalidValueError
from integratedcare._geo import ATTRIBUTION, LEVELS, Boundaries, Boundary, boundaries, boundary_of
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, to_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap, Normalize
    from matplotlib.figure import Figure
    from matplotlib.path import Path

__all__ = ["LEVEL_NAMES", "draw_map"]

LEVEL_NAMES: Final = {
    "icb": "ICBs",
    "sub-icb": "Sub-ICB locations",
    "region": "NHS England regions",
    "council": "Councils",
}
"""What each level's areas are called in titles and legends."""
_OTHERS: Final = {
    "icb": "other ICBs",
    "sub-icb": "other sub-ICB locations",
    "region": "other regions",
    "council": "other councils",
}

_HIGHLIGHT, _OTHER, _PLAIN, _NO_VALUE, _EDGE = "#d95f02", "#e3e3e3", "#c6dbef", "#f2f2f2", "#ffffff"
_OUTLINE = "#111111"


def _path(polygons: Sequence[Sequence[Sequence[tuple[float, float]]]]) -> Path:
    """Return one matplotlib path holding every ring of an area (holes wind the other way)."""
    from matplotlib.path import Path  # noqa: PLC0415 (optional dependency, imported when needed)

    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in polygons:
        for ring in polygon:
            vertices.extend(ring)
            codes.extend([int(Path.MOVETO), *[int(Path.LINETO)] * (len(ring) - 2), int(Path.CLOSEPOLY)])
    return Path(vertices, codes)


def _label_point(area: Boundary) -> tuple[float, float]:
    """Return the centroid of the area's largest polygon's exterior (shoelace formula)."""
    best, best_area = (0.0, 0.0), -1.0
    for polygon in area.polygons:
        ring = polygon[0]
        twice = cx = cy = 0.0
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            twice += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(twice) > best_area and twice:
            best, best_area = (cx / (3 * twice), cy / (3 * twice)), abs(twice)
    return best


def _short(name: str) -> str:
    """Return an area's name without the words every area of its kind shares."""
    name = re.sub(r"^NHS ", "", name)
    name = re.sub(r" ICB - (\w+)$", r" \1", name)
    return re.sub(r" (Integrated Care Board|Council)$", "", name)


def _number(value: object) -> float:
    """Return a value as a number (a quantity's magnitude)."""
    return float(getattr(value, "magnitude", value))  # type: ignore[arg-type]


def _dates(as_of: DateLike | Sequence[DateLike]) -> list[dt.date]:
    """Return the date, or dates, to draw."""
    items: list[DateLike] = list(as_of) if isinstance(as_of, list | tuple) else [as_of]  # type: ignore[list-item]
    if not items:
        raise InvalidValueError(subject="draw_map", field="as_of", problem="must name at least one date")
    return [to_date(item, field="as_of") for item in items]


def _frame(ax: Axes, found: Sequence[Boundary]) -> None:
    """Fit the axes to the areas, with north up and distances roughly true (an equirectangular view)."""
    boxes = [area.bounds() for area in found] or [(-6.5, 49.8, 2.0, 55.9)]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = 0.03 * max(east - west, north - south)
    ax.set_xlim(west - pad, east + pad)
    ax.set_ylim(south - pad, north + pad)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_axis_off()


def _colours(
    found: Boundaries,
    values: Mapping[str, object] | None,
    highlight: frozenset[str],
    scale: tuple[Normalize, Colormap] | None,
) -> list[Any]:
    """Return each area's fill: its value's colour, the highlight, or the plain fill."""
    if values is not None and scale is not None:
        norm, cmap = scale
        return [cmap(norm(_number(values[a.id]))) if a.id in values else _NO_VALUE for a in found.areas]
    if highlight:
        return [_HIGHLIGHT if a.id in highlight else _OTHER for a in found.areas]
    return [_PLAIN] * len(found.areas)


def _legend(
    ax: Axes,
    found: Boundaries,
    *,
    values: Mapping[str, object] | None,
    highlight: frozenset[str],
    label: str | None,
    lines: Sequence[Boundary],
) -> None:
    """Add the legend: what the fills mean, what is outlined, and how many areas have no value or no boundary."""
    from matplotlib.lines import Line2D  # noqa: PLC0415 (optional dependency, imported when needed)
    from matplotlib.patches import Patch  # noqa: PLC0415 (optional dependency, imported when needed)

    noun = LEVEL_NAMES[found.level]
    handles: list[Patch | Line2D] = []
    if values is not None:
        without = sum(a.id not in values for a in found.areas)
        if without:
            handles.append(Patch(facecolor=_NO_VALUE, edgecolor="#999999", label=f"no value ({without})"))
    elif highlight:
        shown = sum(a.id in highlight for a in found.areas)
        handles.append(Patch(facecolor=_HIGHLIGHT, label=f"{label or 'highlighted'} ({shown})"))
        handles.append(Patch(facecolor=_OTHER, label=f"{_OTHERS[found.level]} ({len(found.areas) - shown})"))
    else:
        handles.append(Patch(facecolor=_PLAIN, edgecolor="#999999", label=f"{noun} ({len(found.areas)})"))
    if lines:
        outlined = ", ".join(_short(b.name) for b in lines)
        handles.append(Line2D([], [], color=_OUTLINE, linewidth=1.4, label=f"outlined: {outlined}"))
    if found.missing:
        handles.append(Patch(facecolor="none", edgecolor="none", label=f"no boundary: {', '.join(found.missing)}"))
    ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.8, edgecolor="none")


def _draw_one(
    ax: Axes,
    landscape: Landscape,
    day: dt.date,
    *,
    level: str,
    values: Mapping[str, object] | None,
    highlight: frozenset[str],
    outline: Sequence[str],
    labels: bool,
    scale: tuple[Normalize, Colormap] | None,
    label: str | None,
) -> None:
    """Draw one level on one date onto the axes."""
    from matplotlib.collections import PatchCollection  # noqa: PLC0415 (optional dependency, imported when needed)
    from matplotlib.patches import PathPatch  # noqa: PLC0415 (optional dependency, imported when needed)

    found = boundaries(landscape, as_of=day, level=level)
    areas = PatchCollection(
        [PathPatch(_path(area.polygons)) for area in found.areas],
        facecolors=_colours(found, values, highlight, scale),
        edgecolors=_EDGE,
        linewidths=0.4,
    )
    areas.set_gid(f"areas-{level}")
    ax.add_collection(areas)
    lines = [b for b in (boundary_of(landscape[i], as_of=day) for i in outline if i in landscape) if b is not None]
    if lines:
        ax.add_collection(
            PatchCollection(
                [PathPatch(_path(b.polygons)) for b in lines],
                facecolors="none",
                edgecolors=_OUTLINE,
                linewidths=1.4,
                gid="outlines",
            )
        )
    if labels:
        for area in found.areas:
            x, y = _label_point(area)
            ax.text(x, y, textwrap.fill(_short(area.name), 16), fontsize=5, ha="center", va="center", gid="label")
    _frame(ax, [*found.areas, *lines])
    _legend(ax, found, values=values, highlight=highlight, label=label, lines=lines)
    ax.text(
        0.0,
        0.0,
        textwrap.fill(ATTRIBUTION, 70),
        transform=ax.transAxes,
        fontsize=5,
        color="#555555",
        va="bottom",
        gid="attribution",
    )


def draw_map(
    landscape: Landscape,
    *,
    as_of: DateLike | Sequence[DateLike],
    level: str = "icb",
    values: Mapping[str, object] | None = None,
    highlight: Iterable[str] = (),
    outline: Iterable[str] = (),
    labels: bool = False,
    title: str | None = None,
    legend: str | None = None,
    cmap: str = "Blues",
    ax: Axes | None = None,
) -> Figure:
    """Draw a map of one level of England's geography on a date: a choropleth, a highlight, or plain areas.

    Each area in force on ``as_of`` with a boundary (see :func:`integratedcare.io.boundaries`) is
    one patch. With ``values`` (numbers or ``person`` quantities by entity id: populations,
    overlap shares, counts of duties or findings) the areas are shaded on ``cmap`` with a colour
    bar; areas without a value are pale and counted in the legend. With ``highlight`` (entity
    ids, such as the bodies a query returned) those areas are filled and the rest greyed.
    ``outline`` draws other entities' boundaries on top (an ICB around its councils). Areas
    with no boundary are named in the legend, never silently left out. Given a list of dates,
    the maps are drawn side by side on one colour scale, for "before and after".
    The ONS attribution is printed on every map. Needs matplotlib: ``pip install "integratedcare[draw]"``.

    Args:
        landscape: the landscape.
        as_of: the date, or a list of dates for small multiples.
        level: ``icb`` (the default), ``sub-icb``, ``region`` or ``council``.
        values: a number for each area to colour, by entity id.
        highlight: the ids of the areas to fill (ignored when ``values`` is given).
        outline: ids of entities (of any level) whose boundaries are drawn over the map.
        labels: write each area's short name on it.
        title: the title (by default the level and the date).
        legend: what the colours show: the colour bar's label, or the highlighted areas' legend entry.
        cmap: the matplotlib colour map of a choropleth.
        ax: the axes to draw on (one date only); a new figure when not given.

    Returns:
        The matplotlib figure drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidValueError: the level is unknown, no date is given, or ``ax`` is given with several dates.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.england()
        >>> fig = ic.draw_map(land, as_of="2026-04-01", highlight=["D7T5G"], legend="Essex")
        >>> ax = fig.axes[0]
        >>> ax.get_title(), len(ax.collections[0].get_paths())
        ('ICBs on 2026-04-01', 36)
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['Essex (1)', 'other ICBs (35)']
        >>> fig = ic.draw_map(land, as_of=["2026-03-31", "2026-04-01"], title="42 ICBs become 36")
        >>> [len(ax.collections[0].get_paths()) for ax in fig.axes]
        [42, 36]
        >>> import matplotlib.pyplot as plt
        >>> plt.close("all")
    """
    if level not in LEVELS:
        raise InvalidValueError(subject="draw_map", field="level", problem=f"must be one of {', '.join(LEVELS)}")
    days = _dates(as_of)
    if ax is not None and len(days) > 1:
        raise InvalidValueError(subject="draw_map", field="ax", problem="must be None when several dates are drawn")
    plt = _pyplot()
    from matplotlib import colormaps  # noqa: PLC0415 (optional dependency, imported when needed)
    from matplotlib.cm import ScalarMappable  # noqa: PLC0415 (optional dependency, imported when needed)
    from matplotlib.colors import Normalize  # noqa: PLC0415 (optional dependency, imported when needed)

    fig: Figure
    if ax is None:
        fig, axes = plt.subplots(1, len(days), figsize=(5.5 * len(days), 6.5), squeeze=False, layout="constrained")
        panels: list[Axes] = list(axes[0])
    else:
        fig, panels = ax.get_figure(root=True), [ax]  # type: ignore[assignment]
    scale = None
    if values is not None:
        numbers = [_number(v) for v in values.values()] or [0.0]
        scale = (Normalize(vmin=min(numbers), vmax=max(numbers)), colormaps[cmap])
    shown, around = frozenset(highlight), tuple(outline)
    for panel, day in zip(panels, days, strict=True):
        _draw_one(
            panel,
            landscape,
            day,
            level=level,
            values=values,
            highlight=shown,
            outline=around,
            labels=labels,
            scale=scale,
            label=legend,
        )
        panel.set_title(f"{LEVEL_NAMES[level]} on {day.isoformat()}" if title is None or len(days) > 1 else title)
    if scale is not None:
        fig.colorbar(ScalarMappable(norm=scale[0], cmap=scale[1]), ax=panels, shrink=0.5, label=legend or "value")
    if title is not None and len(days) > 1:
        fig.suptitle(title)
    return fig
