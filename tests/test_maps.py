"""Maps: draw_map draws one patch per area, with legend, title and attribution, as a choropleth or a highlight."""

from __future__ import annotations

import io
import sys

import matplotlib as mpl
import numpy as np
import pytest

mpl.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure

import integratedcare as ic
from integratedcare._maps import _label_point, _short


@pytest.fixture(scope="module")
def england() -> ic.Landscape:
    """The bundled England dataset."""
    return ic.datasets.england()


@pytest.fixture(autouse=True)
def _close() -> object:
    """Close every figure a test made."""
    yield
    plt.close("all")


def _areas(fig: Figure, panel: int = 0) -> PatchCollection:
    """Return the collection of area patches of one panel."""
    found = [c for c in fig.axes[panel].collections if str(c.get_gid()).startswith("areas-")]
    assert len(found) == 1
    collection = found[0]
    assert isinstance(collection, PatchCollection)
    return collection


def _fills(fig: Figure) -> list[tuple[float, ...]]:
    """Return the fill colour of each area of the first panel."""
    return [tuple(float(v) for v in row) for row in np.asarray(_areas(fig).get_facecolor())]


def _legend(fig: Figure) -> list[str]:
    """Return the texts of the first panel's legend."""
    legend = fig.axes[0].get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def _attribution(fig: Figure, panel: int = 0) -> str:
    """Return the attribution printed on a panel."""
    return next(t.get_text() for t in fig.axes[panel].texts if t.get_gid() == "attribution").replace("\n", " ")


def test_a_choropleth_has_one_patch_per_area_a_colour_bar_and_the_attribution(england: ic.Landscape) -> None:
    """Coloured by a value, every ICB is one patch; the colour bar, title and ONS attribution are on the figure."""
    icbs = england.as_of("2024-06-01").of_type(ic.ICB)
    values = {icb.id: float(i) for i, icb in enumerate(icbs) if i}  # one ICB left without a value
    fig = ic.draw_map(england, as_of="2024-06-01", values=values, legend="rank")
    areas = _areas(fig)
    assert len(areas.get_paths()) == len(icbs) == 42
    assert len(set(_fills(fig))) == 42
    assert fig.axes[0].get_title() == "ICBs on 2024-06-01"
    assert _legend(fig) == ["no value (1)"]
    assert fig.axes[-1].get_ylabel() == "rank"  # the colour bar
    assert _attribution(fig) == ic.io.to_geojson(england, as_of="2024-06-01", level="region")["attribution"]


def test_quantities_colour_by_their_magnitude(england: ic.Landscape) -> None:
    """Populations given as person quantities shade like plain numbers, and an unknown area's value is ignored."""
    values = {"QNX": ic.quantity(1_700_000, "person"), "QXU": ic.quantity(1_100_000, "person"), "nowhere": 5}
    fig = ic.draw_map(england, as_of="2024-06-01", values=values)
    colours = dict(
        zip(
            sorted(a.id for a in ic.io.boundaries(england, as_of="2024-06-01").areas),
            _fills(fig),
            strict=True,
        )
    )
    assert colours["QNX"] != colours["QXU"]
    assert fig.axes[-1].get_ylabel() == "value"


def test_a_highlight_fills_the_answer_and_outlines_the_icb(england: ic.Landscape) -> None:
    """Councils in an answer are filled, the rest greyed, and the ICB drawn round them is in the legend."""
    councils = [r.source for r in england.as_of("2024-06-01").relations(ic.Overlaps, target="QYG")]
    fig = ic.draw_map(
        england,
        as_of="2024-06-01",
        level="council",
        highlight=councils,
        outline=["QYG", "nowhere"],
        legend="must have regard",
    )
    assert len(_areas(fig).get_paths()) == 153
    legend = _legend(fig)
    assert legend == [
        f"must have regard ({len(councils)})",
        f"other councils ({153 - len(councils)})",
        "outlined: Cheshire and Merseyside",
    ]
    outlines = [c for c in fig.axes[0].collections if c.get_gid() == "outlines"]
    assert len(outlines[0].get_paths()) == 1


def test_plain_areas_are_counted_and_labelled(england: ic.Landscape) -> None:
    """Without values or a highlight, the legend counts the areas and labels name each one."""
    fig = ic.draw_map(england, as_of="2024-06-01", level="region", labels=True, title="Regions")
    assert fig.axes[0].get_title() == "Regions"
    assert _legend(fig) == ["NHS England regions (7)"]
    labels = sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "label")
    assert "London" in labels
    assert len(labels) == 7


def test_small_multiples_share_one_colour_scale(england: ic.Landscape) -> None:
    """Two dates draw two panels, before and after, with one colour bar and the title over both."""
    fig = ic.draw_map(
        england, as_of=("2026-03-31", "2026-04-01"), values={"QRL": 1, "QYG": 2}, title="Before and after"
    )
    assert [len(_areas(fig, i).get_paths()) for i in (0, 1)] == [42, 36]
    assert [fig.axes[i].get_title() for i in (0, 1)] == ["ICBs on 2026-03-31", "ICBs on 2026-04-01"]
    assert fig.get_suptitle() == "Before and after"
    assert len(fig.axes) == 3  # two maps and the colour bar
    assert all(_attribution(fig, i).startswith("Source: Office for National Statistics") for i in (0, 1))


def test_areas_without_a_boundary_are_named_in_the_legend() -> None:
    """An ICB with no GSS code is not drawn and is named in the legend instead."""
    land = (
        ic.LandscapeBuilder("test")
        .add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", codes=[ic.Code(scheme="gss", value="E54000008")]))
        .add(ic.ICB(id="nameless", name="An ICB without codes"))
        .build()
    )
    fig = ic.draw_map(land, as_of="2024-06-01")
    assert len(_areas(fig).get_paths()) == 1
    assert _legend(fig) == ["ICBs (1)", "no boundary: nameless"]


def test_an_empty_map_still_has_a_frame() -> None:
    """A landscape with no areas of the level draws an empty map of England's extent."""
    fig = ic.draw_map(ic.LandscapeBuilder("empty").build(), as_of="2024-06-01")
    assert len(_areas(fig).get_paths()) == 0
    assert fig.axes[0].get_xlim()[0] < -6


def test_a_given_axes_is_drawn_on(england: ic.Landscape) -> None:
    """Given axes, draw_map draws on them and returns their figure."""
    fig, ax = plt.subplots()
    assert ic.draw_map(england, as_of="2024-06-01", level="region", ax=ax) is fig


def test_the_map_saves_as_svg_and_png(england: ic.Landscape) -> None:
    """The figure writes SVG with the attribution in it, and PNG."""
    fig = ic.draw_map(england, as_of="2024-06-01", level="region")
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg")
    fig.savefig(png, format="png")
    assert "Office for National Statistics" in svg.getvalue()
    assert png.getvalue().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"as_of": "2024-06-01", "level": "ward"}, r"level must be one of icb, sub-icb, region, council"),
        ({"as_of": []}, r"as_of must name at least one date"),
    ],
)
def test_bad_arguments_are_errors(england: ic.Landscape, kwargs: dict[str, object], message: str) -> None:
    """An unknown level or no date is an InvalidValueError naming the field."""
    with pytest.raises(ic.errors.InvalidValueError, match=message):
        ic.draw_map(england, **kwargs)  # type: ignore[arg-type]


def test_axes_and_several_dates_are_an_error(england: ic.Landscape) -> None:
    """One axes cannot hold several dates."""
    _, ax = plt.subplots()
    with pytest.raises(ic.errors.InvalidValueError, match=r"ax must be None when several dates are drawn"):
        ic.draw_map(england, as_of=["2024-06-01", "2026-04-01"], ax=ax)


def test_a_missing_matplotlib_names_the_extra(england: ic.Landscape, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, draw_map says which extra installs it."""
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ic.errors.MissingExtraError, match=r'pip install "integratedcare\[draw\]"'):
        ic.draw_map(england, as_of="2024-06-01")


def test_short_names_and_label_points() -> None:
    """Labels drop the words every area shares, and sit at the centroid of the largest polygon."""
    assert _short("NHS Devon Integrated Care Board") == "Devon"
    assert _short("NHS Frimley ICB - D4U1Y") == "Frimley D4U1Y"
    assert _short("Wirral Council") == "Wirral"
    square = ((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0))
    tiny = ((5.0, 5.0), (5.1, 5.0), (5.1, 5.1), (5.0, 5.0))
    area = ic.io.Boundary(id="a", name="A", code="E1", vintage="v", polygons=((tiny,), (square,)))
    assert _label_point(area) == (1.0, 1.0)


def test_a_full_choropleth_needs_no_legend_entries(england: ic.Landscape) -> None:
    """When every area has a value, the legend lists nothing: the colour bar says it all."""
    values = {region.id: n for n, region in enumerate(england.as_of("2024-06-01").of_type(ic.Region))}
    fig = ic.draw_map(england, as_of="2024-06-01", level="region", values=values)
    assert _legend(fig) == []
    assert len(set(_fills(fig))) == 7
