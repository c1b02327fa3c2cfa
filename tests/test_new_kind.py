"""A kind of body defined outside the package is built, saved, loaded, exported, drawn and checked.

The two kinds below are declared here, on their classes, without touching the package: a kind of
council (its area is a council's, it may scrutinise, it counts as a council in applicability
tables, it is drawn with local government) and a forum that such a council establishes. They are
registered only inside the ``registered`` fixture, so no other test sees them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import pytest
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend

import integratedcare as ic
from integratedcare import _draw
from integratedcare.io import _schema

FROM_2022 = ("2022-07-01", None)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    """Convert a list of texts to a tuple."""
    return tuple(value)


@attrs.frozen(kw_only=True)
class TestCouncil(ic.Body):
    """A kind of council the package does not know, declared for this test."""

    __test__ = False  # not a pytest test class

    kind: ClassVar[str] = "test-council"
    group: ClassVar[ic.kinds.EntityGroup] = ic.kinds.EntityGroup.LOCAL_GOVERNMENT
    layer: ClassVar[int] = 5
    area_rule: ClassVar[ic.kinds.AreaRule] = ic.kinds.AreaRule.COUNCIL_AREA
    partner_kind: ClassVar[ic.governance.PartnerKind] = ic.governance.PartnerKind.COUNCIL
    source_of: ClassVar[frozenset[str]] = ic.Body.source_of | {"scrutinises"}

    wards: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    elected_mayor: bool = False


@attrs.frozen(kw_only=True)
class TestForum(ic.Body):
    """A forum a test council establishes, drawn with the partnerships, in the row of neighbourhoods."""

    __test__ = False  # not a pytest test class

    kind: ClassVar[str] = "test-forum"
    group: ClassVar[ic.kinds.EntityGroup] = ic.kinds.EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 8


@pytest.fixture
def registered() -> Iterator[None]:
    """Register the two test kinds for one test, and forget them after it."""
    with ic.kinds.registered_kinds(TestCouncil, TestForum):
        yield


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every figure a test opens."""
    yield
    plt.close("all")


def landscape(*extra: ic.Entity | ic.Relation) -> ic.Landscape:
    """An ICB and its ICP; a test council overlapping the ICB, not a member of the ICP; its forum and JSNA."""
    return (
        ic.LandscapeBuilder("New kinds")
        .add(
            ic.ICB(id="QYG", name="An ICB", period=FROM_2022),
            ic.ICP(id="icp", name="Its ICP", period=FROM_2022),
            ic.Establishes(source="QYG", target="icp", period=FROM_2022),
            ic.MemberOf(source="QYG", target="icp", period=FROM_2022),
            TestCouncil(id="tc", name="Test Council", wards=["North", "South"], elected_mayor=True),
            ic.Overlaps(source="tc", target="QYG", share=0.5, measure="LSOA21 count", period=FROM_2022),
            ic.Scrutinises(source="tc", target="QYG", period=FROM_2022),
            TestForum(id="forum", name="Test Forum"),
            ic.Establishes(source="tc", target="forum"),
            ic.Within(source="forum", target="tc"),
            ic.JSNA(id="jsna", name="Test JSNA", period=FROM_2022),
            ic.Prepares(source="forum", target="jsna", period=FROM_2022),
            *extra,
        )
        .build()
    )


@pytest.mark.usefixtures("registered")
def test_registering_makes_the_kinds_known_by_their_text() -> None:
    """Registered kinds are known by their text, and their declared relations widen RELATION_ENDPOINTS."""
    assert ic.kinds.ENTITY_KINDS["test-council"] is TestCouncil
    assert ic.kinds.ENTITY_KINDS["test-forum"] is TestForum
    sources, targets = ic.kinds.RELATION_ENDPOINTS[ic.Scrutinises]
    assert TestCouncil in sources
    assert TestForum not in sources
    assert targets == (ic.Body,)


@pytest.mark.usefixtures("registered")
def test_the_relation_check_reads_the_declared_relations() -> None:
    """The test council may scrutinise (it says so); the forum may not, and the error lists the council."""
    assert len(landscape().relations(ic.Scrutinises)) == 1
    with pytest.raises(ic.errors.LandscapeError) as caught:
        landscape(ic.Scrutinises(source="forum", target="QYG"))
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.InvalidRelationError)
    assert problem.got == "test-forum"
    assert "test-council" in problem.expected
    assert "local-authority" in problem.expected


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize("format", ["toml", "json"])
def test_saved_and_loaded_in_both_formats(tmp_path: Path, format: str) -> None:  # noqa: A002
    """The landscape is written with the new kinds and their fields, and read back equal."""
    land = landscape()
    path = tmp_path / f"land.{format}"
    ic.io.dump(land, path)
    text = path.read_text(encoding="utf-8")
    assert "test-council" in text
    assert "elected_mayor" in text
    loaded = ic.io.load(path)
    assert loaded == land
    assert type(loaded["tc"]) is TestCouncil
    assert loaded["tc"] == TestCouncil(id="tc", name="Test Council", wards=("North", "South"), elected_mayor=True)
    assert ic.io.loads(ic.io.dumps(land, format=format), format=format) == land  # type: ignore[arg-type]


@pytest.mark.usefixtures("registered")
def test_the_schema_describes_the_new_kinds_while_registered() -> None:
    """The JSON Schema generated while the kinds are registered defines them with their own fields."""
    schema = _schema.generate()
    council = schema["$defs"]["test-council"]
    assert council["properties"]["kind"] == {"const": "test-council"}
    assert council["properties"]["wards"] == {"type": "array", "items": {"type": "string"}}
    assert council["properties"]["elected_mayor"] == {"type": "boolean"}
    assert {"$ref": "#/$defs/test-forum"} in schema["properties"]["entities"]["items"]["oneOf"]


@pytest.mark.usefixtures("registered")
def test_exported_as_graphs() -> None:
    """GraphML, node-link data and ic.graph carry the new kinds and their fields."""
    land = landscape()
    graphml = nx.read_graphml(io.BytesIO(ic.io.to_graphml(land).encode()))
    assert graphml.nodes["tc"]["kind"] == "test-council"
    assert graphml.nodes["tc"]["wards"] == "North; South"
    assert graphml.nodes["forum"]["kind"] == "test-forum"
    data = ic.io.to_node_link(land)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes["tc"]["kind"] == "test-council"
    assert nodes["tc"]["wards"] == ["North", "South"]
    assert json.loads(json.dumps(data)) == data
    graph = ic.graph(land)
    assert graph.nodes["forum"]["kind"] == "test-forum"
    assert graph.has_edge("tc", "QYG", "scrutinises")


@pytest.mark.usefixtures("registered")
def test_drawn_in_the_declared_group_and_row() -> None:
    """Each new kind's boxes have its group's fill and sit in its declared row; the legend names the groups."""
    ax = ic.draw(landscape())
    boxes = {text.get_text().replace("\n", " "): text for text in ax.texts if text.get_text()}
    council, forum, icb, icp = boxes["Test Council"], boxes["Test Forum"], boxes["An ICB"], boxes["Its ICP"]
    for box, group in ((council, ic.kinds.EntityGroup.LOCAL_GOVERNMENT), (forum, ic.kinds.EntityGroup.PARTNERSHIP)):
        patch = box.get_bbox_patch()
        assert patch is not None
        assert patch.get_facecolor() == to_rgba(_draw.GROUPS[group])
    assert council.get_position()[1] == icb.get_position()[1]  # both in row 5
    assert forum.get_position()[1] < icp.get_position()[1]  # row 8 lies below row 6
    legends = [child for child in ax.get_children() if isinstance(child, Legend)]
    named = {text.get_text() for legend in legends for text in legend.get_texts()}
    assert {"local government", "partnership", "NHS", "scrutinises"} <= named


@pytest.mark.usefixtures("registered")
def test_checked_as_a_council() -> None:
    """The statute checks read the new kind's area rule: a council overlapping the ICB must sit on its ICP."""
    report = ic.check(landscape(), rules=["ICP001"])
    [finding] = report.findings
    assert finding.entity == "icp"
    assert finding.related == ("tc",)
    assert "Test Council (tc)" in finding.message
    joined = landscape(ic.MemberOf(source="tc", target="icp", period=FROM_2022))
    assert ic.check(joined, rules=["ICP001"]).findings == ()


@pytest.mark.usefixtures("registered")
def test_its_geography_and_partnerships_follow_the_area_rules() -> None:
    """The ICB must have regard to the JSNA of its partner test council's forum; they are partners."""
    land = landscape()
    answers = ic.who_must_have_regard_to(land, "jsna", as_of="2024-01-01")
    [answer] = [a for a in answers if a.holder.id == "QYG"]
    assert answer.rule == "s116B-1-icb-jsna"
    [partner] = ic.partners_of(land, "QYG")
    assert partner.entity.id == "tc"
    assert "50% of the council's area" in partner.text


@pytest.mark.usefixtures("registered")
def test_applicability_reads_the_declared_partner_kind() -> None:
    """A memorandum's elements for councils apply to the test council, not to the forum."""
    land = landscape()
    table = ic.governance.cheshire_and_merseyside_rules().applicability
    assert ic.governance.PartnerKind.of(land["tc"]) is ic.governance.PartnerKind.COUNCIL
    assert table.applies_to("Mutual accountability", land["tc"])
    assert ic.governance.PartnerKind.of(land["forum"]) is ic.governance.PartnerKind.OTHER


@pytest.mark.usefixtures("registered")
def test_queries_take_the_new_kind_text() -> None:
    """Queries that take a kind by its text accept the new kind's."""
    land = landscape()
    assert [a.entity.id for a in ic.contents_of(land, "tc", kind="test-forum")] == ["forum"]
    assert [a.entity.id for a in ic.containing(land, "forum", kind="test-council")] == ["tc"]


def test_unregistered_kinds_work_in_memory_but_are_not_written() -> None:
    """Without registration a landscape still builds, draws and checks; writing it names register_kind."""
    land = landscape()
    assert "test-council" not in ic.kinds.ENTITY_KINDS
    assert ic.check(land, rules=["ICP001"]).findings[0].related == ("tc",)
    assert ic.draw(land).texts
    with pytest.raises(
        ic.errors.InvalidValueError, match=r"test-forum \"forum\": kind must be a registered kind.*register_kind"
    ):
        ic.io.dumps(land)


def test_nothing_survives_the_registration() -> None:
    """After the block the kinds are forgotten: files naming them fail, the schema is the shipped one."""
    with ic.kinds.registered_kinds(TestCouncil, TestForum):
        text = ic.io.dumps(landscape())
        assert ic.io.loads(text) == landscape()
    assert "test-council" not in ic.kinds.ENTITY_KINDS
    assert TestCouncil not in ic.kinds.RELATION_ENDPOINTS[ic.Scrutinises][0]
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.loads(text)
    assert any("kind: must be one of" in str(problem) for problem in caught.value.exceptions)
    assert _schema.generate() == ic.io.json_schema()
