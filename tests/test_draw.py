"""ic.draw: pictures of landscapes and answers, with a legend for the relation kinds."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest
from hypothesis import HealthCheck, given, settings
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import integratedcare as ic
from integratedcare import _draw
from strategies import landscapes

DOCS_EXT = Path(__file__).parent.parent / "docs" / "_ext"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every figure a test opens (pyplot warns after twenty)."""
    yield
    plt.close("all")


@pytest.fixture
def land() -> ic.Landscape:
    """An ICB answering to NHS England, a council and its electorate, a strategy and two places."""
    return (
        ic.LandscapeBuilder("Shire")
        .add(
            ic.Parliament(id="parliament", name="Parliament"),
            ic.SecretaryOfState(id="sos", name="the Secretary of State"),
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.Region(id="north", name="North"),
            ic.ICB(id="QAA", name="NHS Shire ICB", period=("2022-07-01", None)),
            ic.ICP(id="shire-icp", name="Shire ICP", period=("2022-07-01", None)),
            ic.IntegratedCareStrategy(id="shire-strategy", name="the Shire strategy", period=("2023-01-01", None)),
            ic.LocalAuthority(id="council", name="Shire Council", tier="unitary"),
            ic.Electorate(id="voters", name="the electorate of Shire"),
            ic.Place(id="east-place", name="East place"),
            ic.Place(id="west-place", name="West place"),
            ic.Within(source="QAA", target="north", period=("2022-07-01", None)),
            ic.Within(source="east-place", target="QAA", period=("2022-07-01", None)),
            ic.Within(source="west-place", target="QAA", period=("2022-07-01", None)),
            ic.Establishes(source="QAA", target="shire-icp", period=("2022-07-01", None)),
            ic.Establishes(source="council", target="shire-icp", period=("2022-07-01", None)),
            ic.Prepares(source="shire-icp", target="shire-strategy", period=("2023-01-01", None)),
            ic.Overlaps(source="council", target="QAA", period=("2022-07-01", None)),
            ic.AccountableTo(source="QAA", target="nhs-england", period=("2022-07-01", None)),
            ic.AccountableTo(source="nhs-england", target="sos"),
            ic.AccountableTo(source="sos", target="parliament"),
            ic.AccountableTo(source="council", target="voters"),
            ic.HoldsToAccount(source="council", target="QAA", period=("2022-07-01", None)),
            ic.HoldsToAccount(source="QAA", target="council", period=("2022-07-01", None)),
            ic.Delegation(
                source="nhs-england", target="QAA", functions=["dental-services"], period=("2023-04-01", None)
            ),
        )
        .build()
    )


def _boxes(ax: Axes) -> list[str]:
    """Return the labels of the boxes drawn (arrows are annotations with no text)."""
    return sorted(t.get_text().replace("\n", " ") for t in ax.texts if t.get_text())


def _legend(ax: Axes) -> list[str]:
    """Return the entries of the relation legend."""
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def test_a_landscape_is_drawn_whole_with_its_name_as_title(land: ic.Landscape) -> None:
    """Every entity is a box, every relation kind is in the legend, and the title is the landscape's name."""
    ax = ic.draw(land, layout="layers")
    assert len(_boxes(ax)) == len(land)
    assert ax.get_title() == "Shire"
    assert _legend(ax) == [
        "accountable-to",
        "delegation",
        "establishes",
        "holds-to-account",
        "overlaps",
        "prepares",
        "within",
    ]


def test_as_of_draws_the_landscape_of_that_day(land: ic.Landscape) -> None:
    """Before the ICB existed, neither it nor its relations are drawn, and the title says the date."""
    ax = ic.draw(land, as_of="2022-06-30")
    assert "NHS Shire ICB" not in _boxes(ax)
    assert ax.get_title() == "Shire on 2022-06-30"
    assert _legend(ax) == ["accountable-to"]


def test_relations_alone_draw_only_the_entities_they_join(land: ic.Landscape) -> None:
    """Filtering by relation kind (class or text) leaves out entities no drawn relation touches."""
    ax = ic.draw(land, relations=[ic.AccountableTo, "delegation"])
    assert _boxes(ax) == [
        "NHS England",
        "NHS Shire ICB",
        "Parliament",
        "Shire Council",
        "the Secretary of State",
        "the electorate of Shire",
    ]
    assert _legend(ax) == ["accountable-to", "delegation"]


def test_kinds_keep_their_entities_even_when_unconnected(land: ic.Landscape) -> None:
    """Filtering by entity kind keeps every entity of those kinds, with only the relations among them."""
    ax = ic.draw(land, kinds=[ic.Place, "region"], relations=["accountable-to"])
    assert _boxes(ax) == ["East place", "North", "West place"]
    assert _legend(ax) == ["national", "partnership"]  # no relation drawn: only the legend of entities


def test_derived_duties_are_drawn_dashed_when_asked(land: ic.Landscape) -> None:
    """duties=True adds the duties derived from statute, labelled as such, in a dashed style."""
    ax = ic.draw(land, duties=True, as_of="2024-01-01")
    assert "duty (derived from statute)" in _legend(ax)
    legend = ax.get_legend()
    assert legend is not None
    dashed = [line for line in legend.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_label() for line in dashed] == ["duty (derived from statute)"]


def test_relations_between_one_pair_bend_apart(land: ic.Landscape) -> None:
    """Each further relation between the same pair (either way) bends further out, so all of them show."""
    ax = ic.draw(land, relations=["holds-to-account", "overlaps"])
    styles = sorted(a.arrow_patch.get_connectionstyle().rad for a in ax.texts if not a.get_text())  # type: ignore[attr-defined]
    assert styles == [0.06, 0.2, 0.34]


def test_answers_are_drawn_as_their_entities_and_paths(land: ic.Landscape) -> None:
    """A query's answers show the bodies they name and the relations that produced them."""
    answers = ic.accountability_chain(land, "QAA")
    ax = ic.draw(answers)
    assert _boxes(ax) == ["NHS Shire ICB", "Parliament", "nhs-england", "sos"]
    assert ax.get_title() == ""
    named = ic.draw(answers, landscape=land, title="Who the ICB answers to")
    assert _boxes(named) == ["NHS England", "NHS Shire ICB", "Parliament", "the Secretary of State"]
    assert named.get_title() == "Who the ICB answers to"


def test_one_answer_can_be_drawn_alone(land: ic.Landscape) -> None:
    """A single answer is drawn like a tuple of one, and derived duties on its path are dashed."""
    answer = ic.who_must_have_regard_to(land, "shire-strategy")[0]
    ax = ic.draw(answer, landscape=land)
    assert "duty (derived from statute)" in _legend(ax)
    assert "Shire ICP" in _boxes(ax)


def test_ids_unknown_to_the_landscape_are_shown_as_ids(land: ic.Landscape) -> None:
    """An entity on a path that the given landscape does not hold is labelled by its id."""
    other = ic.LandscapeBuilder("Other").add(ic.Parliament(id="parliament", name="Parliament")).build()
    ax = ic.draw(ic.accountability_chain(land, "QAA"), landscape=other)
    assert _boxes(ax) == ["NHS Shire ICB", "Parliament", "nhs-england", "sos"]


def test_populations_answers_show_their_parts() -> None:
    """A population answer draws the area and the parts that were added up."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.Place(id="p", name="Place"),
            ic.Neighbourhood(id="n1", name="One", population=ic.quantity(30_000, "person")),
            ic.Neighbourhood(id="n2", name="Two", population=ic.quantity(40_000, "person")),
            ic.Within(source="n1", target="p"),
            ic.Within(source="n2", target="p"),
        )
        .build()
    )
    ax = ic.draw(ic.population_of(land, "p"))
    assert _boxes(ax) == ["One", "Place", "Two"]


def test_something_else_is_refused() -> None:
    """A subject that is neither a landscape nor answers is refused, naming what was given."""
    with pytest.raises(ic.errors.InvalidValueError, match="draw: subject must be a landscape or answers, got str"):
        ic.draw("brackenshire")


def test_an_unknown_layout_is_refused(land: ic.Landscape) -> None:
    """Only the auto, layers and tree layouts exist."""
    with pytest.raises(ic.errors.InvalidValueError, match="draw: layout must be auto, layers or tree, got 'circle'"):
        ic.draw(land, layout="circle")


def test_the_tree_lists_contents_under_their_container(land: ic.Landscape) -> None:
    """In the tree, what lies within a box is listed below it, indented, and within needs no arrows."""
    ax = ic.draw(land, kinds=[ic.Region, ic.ICB, ic.Place], layout="tree")
    where = {t.get_text(): t.get_position() for t in ax.texts if t.get_text()}
    north, icb, east, west = where["North"], where["NHS Shire ICB"], where["East place"], where["West place"]
    assert north[1] > icb[1] > east[1] > west[1]
    assert north[0] < icb[0] < east[0] == west[0]
    assert [t for t in ax.texts if not t.get_text()] == []
    assert _legend(ax) == ["within: listed under"]


def test_the_tree_lists_a_box_under_its_closest_container() -> None:
    """An entity within two containers is listed under the one lower in the layers (its system, not its region)."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.Region(id="r", name="Region"),
            ic.ICS(id="s", name="System"),
            ic.ICB(id="b", name="Board"),
            ic.Within(source="s", target="r"),
            ic.Within(source="b", target="r"),
            ic.Within(source="b", target="s"),
        )
        .build()
    )
    where = {t.get_text(): t.get_position() for t in ic.draw(land, layout="tree").texts if t.get_text()}
    assert where["Region"][0] < where["System"][0] < where["Board"][0]


def test_the_tree_survives_a_cycle_of_containment() -> None:
    """Entities that lie within each other still get a place: a column of their own."""
    scene = {
        "a": _draw._node(ic.Place(id="a", name="A")),
        "b": _draw._node(ic.Place(id="b", name="B")),
    }
    edges = [_draw._Edge("a", "b", "within", derived=False), _draw._Edge("b", "a", "within", derived=False)]
    positions = _draw._tree(scene, edges)
    assert positions == {"a": (0.0, 0.0), "b": (0.2, -0.45)}


def test_long_rows_wrap() -> None:
    """More boxes of one kind than fit in a row are wrapped onto further rows."""
    land = ic.LandscapeBuilder().add(*[ic.PCN(id=f"pcn-{n}", name=f"PCN {n}") for n in range(10)]).build()
    ax = ic.draw(land)
    rows = {t.get_position()[1] for t in ax.texts}
    assert len(rows) == 2


def test_kinds_of_entity_have_their_rows_and_fills() -> None:
    """Documents sit at the bottom, unknown kinds in the middle, and each group has a fill colour."""
    document = _draw._node(ic.IntegratedCareStrategy(id="s", name="Strategy"))
    unknown = _draw._Node("x", "x")
    parliament = _draw._node(ic.Parliament(id="p", name="Parliament"))
    assert document.place == (10, "document")
    assert unknown.place == (7, "other")
    assert parliament.place == (0, "national")
    assert {cls.group for cls in ic.kinds.ENTITY_KINDS.values()} | {"other"} == set(_draw.GROUPS)
    assert set(_draw.RELATION_COLOURS) == set(ic.kinds.RELATION_KINDS)


def test_an_empty_landscape_draws_an_empty_picture() -> None:
    """Nothing to draw gives axes with no boxes and no legends."""
    ax = ic.draw(ic.LandscapeBuilder().build())
    assert len(ax.texts) == 0
    assert ax.get_legend() is None


def test_a_given_axes_is_drawn_on(land: ic.Landscape) -> None:
    """Given axes, draw uses them (and their figure's size) rather than making a figure."""
    fig, given_ax = plt.subplots(figsize=(3, 2))
    assert ic.draw(land, ax=given_ax) is given_ax
    assert tuple(fig.get_size_inches()) == (3.0, 2.0)


def test_a_missing_matplotlib_names_the_extra(land: ic.Landscape, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, draw says which extra installs it."""
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ic.errors.MissingExtraError, match=r'pip install "integratedcare\[draw\]"') as info:
        ic.draw(land)
    assert info.value.module == "matplotlib"
    assert isinstance(info.value, ImportError)


def test_the_teaching_system_draws() -> None:
    """The bundled teaching system's accountability and delegation picture can be saved as SVG."""
    import io  # noqa: PLC0415 (only this test needs it)

    brackenshire = ic.datasets.load("brackenshire")
    ax = ic.draw(brackenshire, relations=[ic.AccountableTo, ic.Delegation], as_of="2024-01-01")
    out = io.StringIO()
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    figure.savefig(out, format="svg")
    assert out.getvalue().startswith("<?xml")
    assert "NHS England" in _boxes(ax)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_every_entity_of_any_landscape_is_drawn_once(landscape: ic.Landscape) -> None:
    """Whatever the landscape, each entity gets exactly one box, in both layouts."""
    for layout in _draw.LAYOUTS:
        ax = ic.draw(landscape, layout=layout)
        assert len([t for t in ax.texts if t.get_text()]) == len(landscape)
        plt.close("all")


@pytest.mark.slow
def test_the_documentation_figures_are_drawn(tmp_path: Path) -> None:
    """The docs extension draws every figure of the site as SVG from the bundled datasets."""
    spec = importlib.util.spec_from_file_location("integratedcare_figures", DOCS_EXT / "integratedcare_figures.py")
    assert spec is not None
    assert spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    written = figures.render(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{name}.svg" for name in figures.FIGURES)
    assert all(p.read_text(encoding="utf-8").lstrip().startswith("<?xml") for p in written)
    assert "36 ICBs" in (tmp_path / "england-2026-04-01.svg").read_text(encoding="utf-8")
    # Registered figures are dated 2025-2026: the map is drawn on a date they are in force, and says so.
    assert "Registered population by ICB on 2026-08-01" in (tmp_path / "maps-registered-population.svg").read_text(
        encoding="utf-8"
    )
