"""Figures drawn from the bundled datasets with ``integratedcare.draw`` and ``draw_map``, afresh on every build.

Register it in ``conf.py`` (with this folder on ``sys.path``) as ``integratedcare_figures``; then
a page shows a figure with::

    ```{integratedcare-figure} brackenshire-accountability
    The caption, which is also the image's alternative text.
    ```

Every figure of :data:`FIGURES` is drawn as SVG (matplotlib's Agg backend) when the HTML builder
starts, into the build's doctree folder (never the source tree), and copied to ``_static/figures``.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

__all__ = ["FIGURES", "render", "setup"]

LOGGER = logging.getLogger(__name__)
STATIC = "integratedcare-figures"


def _brackenshire_accountability() -> Axes:
    """The teaching system's lines of accountability and delegation on 1 January 2024."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    land = ic.datasets.load("brackenshire")
    return ic.draw(
        land,
        relations=[ic.AccountableTo, ic.Delegation],
        as_of="2024-01-01",
        title="Brackenshire: accountability and delegation (2024-01-01)",
    )


def _brackenshire_mutual() -> Axes:
    """The teaching system's mutual accountability under its memorandum of understanding."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    land = ic.datasets.load("brackenshire")
    return ic.draw(
        land,
        relations=[ic.HoldsToAccount, ic.AccountableTo],
        as_of="2024-01-01",
        title="Brackenshire: mutual accountability beside statutory accountability",
    )


def _brackenshire_regard() -> Axes:
    """Who must have regard to the teaching system's integrated care strategy, and why."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    land = ic.datasets.load("brackenshire")
    answers = ic.who_must_have_regard_to(land, "brackenshire-integrated-care-strategy", as_of="2024-01-01")
    return ic.draw(answers, landscape=land, title="Who must have regard to the Brackenshire strategy")


def _england(day: str) -> Callable[[], Axes]:
    """England's regions and the ICBs within them on a day."""

    def figure() -> Axes:
        import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

        land = ic.datasets.load("england")
        count = len(land.as_of(day).of_type(ic.ICB))
        return ic.draw(
            land,
            as_of=day,
            kinds=[ic.Region, ic.ICB],
            relations=[ic.Within],
            layout="tree",
            title=f"NHS England regions and their {count} ICBs on {day}",
        )

    return figure


def _maps_mergers() -> Axes:
    """The ICBs of 31 March and 1 April 2026 side by side: the dissolved and the new ones filled."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    land = ic.datasets.load("england")
    before = {icb.id for icb in land.as_of("2026-03-31").of_type(ic.ICB)}
    after = {icb.id for icb in land.as_of("2026-04-01").of_type(ic.ICB)}
    fig = ic.draw_map(
        land,
        as_of=["2026-03-31", "2026-04-01"],
        highlight=before ^ after,
        legend="dissolved (left) or new (right)",
        title="42 ICBs become 36 on 1 April 2026",
    )
    return fig.axes[0]


def _maps_splits() -> Axes:
    """Upper-tier councils coloured by the number of ICBs whose areas they overlap on 1 June 2024."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    land = ic.datasets.load("england")
    day = land.as_of("2024-06-01")
    values = {
        council.id: len(day.relations(ic.Overlaps, source=council.id)) for council in day.of_type(ic.LocalAuthority)
    }
    fig = ic.draw_map(
        land, as_of="2024-06-01", level="council", values=values, legend="ICBs the council overlaps", cmap="YlOrRd"
    )
    return fig.axes[0]


def _maps_regard() -> Axes:
    """The councils (and the ICB, outlined) that must have regard to Cheshire and Merseyside's strategy."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    cm = ic.datasets.load("cheshire-and-merseyside")
    answers = ic.who_must_have_regard_to(cm, "cm-integrated-care-strategy", as_of="2024-06-01")
    fig = ic.draw_map(
        ic.datasets.load("england"),
        as_of="2024-06-01",
        level="council",
        highlight=[answer.holder.id for answer in answers],
        outline=["QYG"],
        legend="must have regard to the strategy",
        title="Who must have regard to the Cheshire and Merseyside integrated care strategy",
    )
    return fig.axes[0]


REGISTERED_ON = "2026-08-01"
"""The date of the registered-population map: the GP-list figures are dated 2025 and 2026, so one in force."""


def _maps_registered_population() -> Axes:
    """The 36 ICBs coloured by registered population (GP lists) on 1 August 2026, when those figures are in force."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    land = ic.datasets.load("england")
    values = {}
    for icb in land.as_of(REGISTERED_ON).of_type(ic.ICB):
        total = ic.population_of(land, icb, as_of=REGISTERED_ON, measure="registered").total
        if total is not None:
            values[icb.id] = total
    fig = ic.draw_map(
        land,
        as_of=REGISTERED_ON,
        values=values,
        legend="registered patients",
        title=f"Registered population by ICB on {REGISTERED_ON} (NHS England GP lists)",
    )
    return fig.axes[0]


def _maps_regions() -> Axes:
    """NHS England's seven regions, labelled."""
    import integratedcare as ic  # noqa: PLC0415 (imported when the figures are drawn)

    fig = ic.draw_map(ic.datasets.load("england"), as_of="2024-06-01", level="region", labels=True)
    return fig.axes[0]


FIGURES: dict[str, Callable[[], Axes]] = {
    "brackenshire-accountability": _brackenshire_accountability,
    "brackenshire-mutual-accountability": _brackenshire_mutual,
    "brackenshire-regard": _brackenshire_regard,
    "england-2026-03-31": _england("2026-03-31"),
    "england-2026-04-01": _england("2026-04-01"),
    "maps-mergers-2026": _maps_mergers,
    "maps-council-splits": _maps_splits,
    "maps-regard": _maps_regard,
    "maps-regions": _maps_regions,
    "maps-registered-population": _maps_registered_population,
}
"""Each figure's name and the function that draws it."""


def render(folder: Path) -> list[Path]:
    """Draw every figure as ``folder/<name>.svg`` and return the files written."""
    import matplotlib as mpl  # noqa: PLC0415 (imported when the figures are drawn)

    mpl.use("Agg")
    mpl.rcParams["svg.hashsalt"] = "integratedcare"  # stable element ids, so builds compare equal
    import matplotlib.pyplot as plt  # noqa: PLC0415 (after choosing the backend)

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURES.items():
        ax = draw()
        path = folder / f"{name}.svg"
        ax.get_figure().savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight")  # type: ignore[union-attr]
        plt.close("all")
        written.append(path)
    return written


class generated_figure(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A figure drawn at build time: its name and caption."""


class FigureDirective(SphinxDirective):
    """``{integratedcare-figure} NAME`` with the caption as content."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"width": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Return the figure node, or a warning for a figure that does not exist."""
        name = self.arguments[0]
        if name not in FIGURES:
            LOGGER.warning(
                "unknown integratedcare figure %r; known: %s", name, ", ".join(FIGURES), location=self.get_location()
            )
            return []
        caption = " ".join(line.strip() for line in self.content).strip()
        return [generated_figure(name=name, caption=caption, width=self.options.get("width", "100%"))]


def _visit_html(translator: HTML5Translator, node: generated_figure) -> None:
    """Write the figure: the image (relative to the page) and its caption."""
    page = translator.builder.get_target_uri(translator.builder.current_docname)
    src = relative_uri(page, f"_static/figures/{node['name']}.svg")
    caption = escape(node["caption"])
    translator.body.append(
        f'<figure class="integratedcare-figure"><a href="{src}"><img src="{src}" alt="{caption}" '
        f'style="width:{escape(node["width"])};height:auto"></a><figcaption><p>{caption}</p></figcaption></figure>'
    )
    raise nodes.SkipNode


def _skip(_translator: object, _node: generated_figure) -> None:
    """Leave figures out of formats other than HTML."""
    raise nodes.SkipNode


def _draw_figures(app: Sphinx) -> None:
    """Draw every figure into the build folder and have Sphinx copy them into ``_static/figures``."""
    if app.builder.format != "html":
        return
    root = Path(app.doctreedir) / STATIC
    written = render(root / "figures")
    LOGGER.info("integratedcare: drew %d figures", len(written))
    if str(root) not in app.config.html_static_path:
        app.config.html_static_path.append(str(root))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its node and the drawing step."""
    app.add_node(
        generated_figure,
        html=(_visit_html, _skip),
        latex=(_skip, _skip),
        text=(_skip, _skip),
        man=(_skip, _skip),
        texinfo=(_skip, _skip),
    )
    app.add_directive("integratedcare-figure", FigureDirective)
    app.connect("builder-inited", _draw_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
