"""Pictures that scale: draw picks a readable layout and size, cuts no label, refuses what no one can read.

The Mermaid and DOT exports take a part of a landscape and warn past Mermaid's limits.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.legend import Legend

import integratedcare as ic
from integratedcare import _draw


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every figure a test opens."""
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def teaching() -> ic.Landscape:
    """The teaching system."""
    return ic.datasets.load("brackenshire")


def _size(ax: Axes) -> tuple[float, float]:
    """Return the figure's width and height in inches."""
    figure = ax.get_figure()
    assert figure is not None
    width, height = figure.get_size_inches()  # type: ignore[union-attr]
    return float(width), float(height)


def _cut_labels(ax: Axes) -> list[str]:
    """Return the legend labels and box labels that stick out of the figure (would be cut when saved)."""
    figure = ax.get_figure()
    assert figure is not None
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = figure.bbox
    texts = [t for legend in ax.get_children() if isinstance(legend, Legend) for t in legend.get_texts()]
    texts += [t for t in ax.texts if t.get_text()]
    cut = []
    for text in texts:
        box = text.get_window_extent(renderer)
        if box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1 or box.y1 > frame.y1 + 1:
            cut.append(text.get_text())
    return cut


@pytest.mark.parametrize("layout", ["auto", "layers", "tree"])
def test_the_teaching_system_is_a_readable_size_in_every_layout(teaching: ic.Landscape, layout: str) -> None:
    """The tree used to make a 60 x 13.75-inch figure (one column per top-level entity); now it is set in columns."""
    width, height = _size(ic.draw(teaching, layout=layout))
    assert width <= 16
    assert height <= 16


@pytest.mark.parametrize("layout", ["auto", "layers", "tree"])
def test_no_legend_or_box_label_is_cut(teaching: ic.Landscape, layout: str) -> None:
    """Every label lies inside the figure ("people and voluntary sector" was cut to "people and volunt...")."""
    ax = ic.draw(teaching, layout=layout)
    assert _cut_labels(ax) == []
    labels = [t.get_text() for legend in ax.get_children() if isinstance(legend, Legend) for t in legend.get_texts()]
    assert "people and voluntary sector" in labels


def test_a_short_picture_still_fits_its_legends(teaching: ic.Landscape) -> None:
    """A picture lower than its legends is made as tall as they are ("local government" was cut)."""
    ax = ic.draw(teaching, as_of="2024-01-01", relations=[ic.AccountableTo])
    assert _cut_labels(ax) == []


def test_auto_draws_rows_by_kind_when_nothing_lies_within_anything(teaching: ic.Landscape) -> None:
    """Without containment the tree has nothing to list, so auto draws the layers."""
    ax = ic.draw(teaching, relations=[ic.AccountableTo], as_of="2024-01-01")
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["accountable-to"]


def test_auto_lists_containment_when_the_list_is_smaller(teaching: ic.Landscape) -> None:
    """The teaching system whole is smaller as lists: within is then shown by position, not arrows."""
    ax = ic.draw(teaching)
    legend = ax.get_legend()
    assert legend is not None
    assert "within: listed under" in [t.get_text() for t in legend.get_texts()]


def _places(count: int, within: int) -> tuple[str, str]:
    """Return the layouts auto chooses for ``count`` places, ``within`` of them within a region."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.Region(id="r", name="Region"))
        .add(*[ic.Place(id=f"p{n}", name=f"Place {n}") for n in range(within)], within="r")
        .add(*[ic.Place(id=f"q{n}", name=f"Other place {n}") for n in range(count - within)])
        .build()
    )
    nodes, edges = _draw._landscape_scene(land, as_of=None, kinds=None, relations=None, duties=False)
    return _draw._choose(nodes, _draw._unique(edges), "auto")[0], _draw._choose(nodes, edges, "tree")[0]


def test_auto_lists_only_when_most_boxes_lie_within_another_and_the_list_is_shorter() -> None:
    """Few contained boxes: layers (the list would be mostly lone boxes); most contained: the shorter picture."""
    assert _places(16, 2) == ("layers", "tree")
    assert _places(16, 16) == ("tree", "tree")
    assert _places(30, 30) == ("layers", "tree")  # one list of 31 is longer than four rows of boxes


def test_around_draws_one_body_and_its_neighbours(teaching: ic.Landscape) -> None:
    """around= with depth= draws the part of the landscape near one entity."""
    near = ic.draw(teaching, around="brackenshire-icb", kinds=[ic.ICS, ic.ICB, ic.NHSEngland], layout="layers")
    names = sorted(t.get_text().replace("\n", " ") for t in near.texts if t.get_text())
    assert names == ["Brackenshire Integrated Care System", "NHS Brackenshire Integrated Care Board", "NHS England"]
    assert len([t for t in ic.draw(teaching, around="brackenshire-icb", depth=0).texts if t.get_text()]) == 1


def test_depth_needs_around_and_is_not_negative(teaching: ic.Landscape) -> None:
    """A depth alone, or below 0, is refused; an unknown centre is an unknown entity."""
    with pytest.raises(ic.errors.InvalidValueError, match="draw: depth needs around="):
        ic.draw(teaching, depth=2)
    with pytest.raises(ic.errors.InvalidValueError, match="depth must be 0 or more"):
        ic.draw(teaching, around="brackenshire-icb", depth=-1)
    with pytest.raises(ic.errors.UnknownEntityError):
        ic.draw(teaching, around="no-such-body")


def test_too_many_boxes_are_refused_with_advice(monkeypatch: pytest.MonkeyPatch, teaching: ic.Landscape) -> None:
    """Past MAX_BOXES, draw refuses and says how to draw part (answers as well as landscapes)."""
    monkeypatch.setattr(_draw, "MAX_BOXES", 3)
    with pytest.raises(ic.errors.PictureTooLargeError, match=r"too many .* kinds=\[ic.Region, ic.ICB\]") as info:
        ic.draw(teaching)
    assert (info.value.boxes, info.value.limit, info.value.subject) == (len(teaching), 3, teaching.name)
    assert isinstance(info.value, ValueError)
    answers = ic.who_must_have_regard_to(teaching, "brackenshire-integrated-care-strategy", as_of="2024-01-01")
    with pytest.raises(ic.errors.PictureTooLargeError, match="the answers"):
        ic.draw(answers, landscape=teaching)


@pytest.mark.slow
def test_england_is_refused_whole_and_drawn_by_region() -> None:
    """England whole (thousands of boxes) is refused; its regions and ICBs make a picture under a foot square."""
    england = ic.datasets.load("england")
    with pytest.raises(ic.errors.PictureTooLargeError, match=r"England: .* boxes are too many"):
        ic.draw(england)
    ax = ic.draw(england, as_of="2026-04-01", kinds=[ic.Region, ic.ICB], relations=[ic.Within])
    width, height = _size(ax)
    assert width <= 14
    assert height <= 14
    assert len([t for t in ax.texts if t.get_text()]) == 7 + 36
    assert _cut_labels(ax) == []


def _chain(edges: int, name: str = "Body") -> ic.Landscape:
    """A landscape of ``edges + 1`` bodies, each accountable to the next."""
    bodies = [ic.NHSTrust(id=f"b{n}", name=f"{name} {n}") for n in range(edges + 1)]
    links = [ic.AccountableTo(source=f"b{n}", target=f"b{n + 1}") for n in range(edges)]
    return ic.LandscapeBuilder().add(*bodies, *links).build()


def test_mermaid_warns_past_500_edges() -> None:
    """Mermaid's renderer refuses more than 500 edges by default: the export says so, and what to do."""
    with pytest.warns(ic.errors.DiagramTooLargeWarning, match=r"501 edges .*maxEdges 500") as caught:
        ic.io.to_mermaid(_chain(501))
    warning = caught[0].message
    assert isinstance(warning, ic.errors.DiagramTooLargeWarning)
    assert (warning.edges, warning.max_edges, warning.max_text_size) == (501, 500, 50_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ic.io.to_mermaid(_chain(500, name="B"))  # 500 edges, short text: no warning


def test_mermaid_warns_past_50000_characters() -> None:
    """A diagram longer than Mermaid's maxTextSize is refused by the renderer: the export warns."""
    with pytest.warns(ic.errors.DiagramTooLargeWarning, match="maxTextSize 50,000") as caught:
        text = ic.io.to_mermaid(_chain(20, name="x" * 3000))
    warning = caught[0].message
    assert isinstance(warning, ic.errors.DiagramTooLargeWarning)
    assert warning.characters == len(text) > 50_000


def test_diagrams_take_part_of_a_landscape(teaching: ic.Landscape) -> None:
    """around=, depth= and kinds= choose the nodes of both exports, and edges only between them."""
    mermaid = ic.io.to_mermaid(teaching, around="brackenshire-icb", depth=1, kinds=[ic.ICB, ic.ICS, ic.NHSEngland])
    assert mermaid.count('["') == 3
    assert "NHS England" in mermaid
    dot = ic.io.to_dot(teaching, around="brackenshire-icb", depth=0)
    assert dot.count("[label=<") == 1
    assert "->" not in dot
    whole = ic.io.to_dot(teaching)
    assert whole.count("->") > ic.io.to_dot(teaching, kinds=[ic.ICB, ic.NHSEngland]).count("->") > 0
    with pytest.raises(ic.errors.InvalidValueError, match="to_mermaid: depth needs around="):
        ic.io.to_mermaid(teaching, depth=1)


@pytest.mark.slow
def test_englands_mermaid_export_warns_and_a_part_of_it_renders() -> None:
    """England whole passes Mermaid's limits (it warns); one ICB's neighbourhood stays inside them."""
    england = ic.datasets.load("england")
    with pytest.warns(ic.errors.DiagramTooLargeWarning):
        ic.io.to_mermaid(england)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        part = ic.io.to_mermaid(england, around="QYG", kinds=[ic.ICB, ic.ICS, ic.Region, ic.LocalAuthority])
    assert "Cheshire and Merseyside" in part
