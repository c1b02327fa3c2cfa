"""Structural queries (membership, containment, partners, succession, population) and query invariants."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integratedcare as ic

MERGER = ("2026-04-01", None)


def county() -> ic.Landscape:
    """An ICS with places, neighbourhoods, PCNs and practices; memberships; and a 2026 merger of two ICBs."""
    person = ic.PERSON
    return (
        ic.LandscapeBuilder("County")
        .add(
            ic.ICS(id="ics", name="County ICS"),
            ic.ICB(id="QAA", name="North ICB", period=("2022-07-01", "2026-04-01")),
            ic.ICB(id="QBB", name="South ICB", period=("2022-07-01", "2026-04-01")),
            ic.ICB(id="QNEW", name="County ICB", period=MERGER),
            ic.CCG(id="01A", name="North CCG", period=(None, "2022-07-01")),
            ic.SucceededBy(source="01A", target="QAA", period=("2022-07-01", None)),
            ic.SucceededBy(source="QAA", target="QNEW", period=MERGER),
            ic.SucceededBy(source="QBB", target="QNEW", period=MERGER),
            ic.ICB(id="QSPLIT", name="Split ICB", period=("2022-07-01", "2026-04-01")),
            ic.SucceededBy(source="QSPLIT", target="QNEW", period=MERGER),
            ic.SucceededBy(source="QSPLIT", target="QBB", period=("2024-01-01", None)),
            ic.ICB(id="QGONE", name="Gone ICB", period=("2022-07-01", "2024-01-01")),
            ic.ICP(id="icp", name="County ICP"),
            ic.LocalAuthority(id="c1", name="Council One", tier="unitary"),
            ic.LocalAuthority(id="c2", name="Council Two", tier="county"),
            ic.LocalAuthority(id="d1", name="A District", tier="district"),
            ic.Healthwatch(id="hw", name="Healthwatch One"),
            ic.Post(id="chair", name="ICP chair"),
            ic.MemberOf(source="c1", target="icp", role="partner member"),
            ic.MemberOf(source="hw", target="icp", voting=False),
            ic.MemberOf(source="chair", target="icp", period=("2023-01-01", None)),
            ic.Overlaps(source="c1", target="QNEW", period=MERGER),
            ic.Overlaps(source="c2", target="QNEW", share=0.25, measure="LSOA11 count", period=MERGER),
            ic.Overlaps(source="d1", target="QNEW", period=MERGER),
            ic.Within(source="c1", target="ics"),
            ic.Place(id="p1", name="Place One"),
            ic.Place(id="p2", name="Place Two", population=ic.quantity(300_000, "person")),
            ic.Within(source="p1", target="ics"),
            ic.Within(source="p2", target="ics"),
            ic.Neighbourhood(id="n1", name="Neighbourhood One", population=40_000 * person),
            ic.Neighbourhood(id="n2", name="Neighbourhood Two", population=60_000 * person),
            ic.Within(source="n1", target="p1"),
            ic.Within(source="n2", target="p1"),
            ic.PCN(id="U1", name="PCN One"),
            ic.Within(source="U1", target="p1"),
            ic.GPPractice(id="G1", name="Practice One", list_size=20_000 * person),
            ic.GPPractice(id="G2", name="Practice Two", list_size=25_000 * person),
            ic.Within(source="G1", target="U1"),
            ic.Within(source="G2", target="U1"),
            ic.Within(source="G2", target="n2"),
            ic.Place(id="p-old", name="Old place", period=(None, "2023-01-01")),
            ic.Within(source="p-old", target="ics", period=(None, "2023-01-01")),
        )
        .build()
    )


# --- membership ----------------------------------------------------------------------------


def test_members_and_memberships() -> None:
    """members_of lists bodies and posts with voting and role; memberships_of is the other way round."""
    land = county()
    members = ic.members_of(land, "icp")
    assert [(a.entity.id, a.kind) for a in members] == [("c1", "member"), ("chair", "member"), ("hw", "member")]
    assert str(members[0]) == "Council One is a voting member of County ICP as partner member."
    assert [a.entity.id for a in ic.members_of(land, "icp", as_of="2022-12-31")] == ["c1", "hw"]
    assert [(a.entity.id, a.kind) for a in ic.memberships_of(land, "chair")] == [("icp", "membership")]
    with pytest.raises(ic.errors.EntityKindError, match=r'members_of needs a body, got post "chair"'):
        ic.members_of(land, "chair")


# --- containment ---------------------------------------------------------------------------


def test_within_is_transitive_and_filters_by_kind() -> None:
    """The within query follows Within down through every level and filters by class or kind text."""
    land = county()
    assert {a.entity.id for a in ic.contents_of(land, "p1")} == {"n1", "n2", "U1", "G1", "G2"}
    practices = ic.contents_of(land, "ics", kind="gp-practice")
    assert [a.entity.id for a in practices] == ["G1", "G2"]
    assert str(practices[0]) == "Practice One lies within County ICS, through PCN One, Place One."
    assert [a.entity.id for a in ic.contents_of(land, "ics", kind=ic.Place)] == ["p-old", "p1", "p2"]
    assert [a.entity.id for a in ic.contents_of(land, "ics", kind=ic.Place, as_of="2024-01-01")] == ["p1", "p2"]
    with pytest.raises(
        ic.errors.InvalidValueError, match=r"kind names no entity kind, got 'practice'; did you mean \"gp-practice\"\?"
    ):
        ic.contents_of(land, "ics", kind="practice")


def test_containing_is_transitive() -> None:
    """The containing query follows Within up, shortest path first, each container once."""
    land = county()
    found = ic.containing(land, "G2")
    assert [a.entity.id for a in found] == ["U1", "ics", "n2", "p1"]
    ics = next(a for a in found if a.entity.id == "ics")
    assert len(ics.path) == 3
    assert ic.containing(land, "p-old", as_of="2024-01-01") == ()


def test_containment_skips_paths_that_never_hold() -> None:
    """A containment path whose links never hold on the same day is not followed."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.Region(id="r", name="Region"),
            ic.ICS(id="s", name="System"),
            ic.Place(id="p", name="Place"),
            ic.Within(source="p", target="s", period=(None, "2020-01-01")),
            ic.Within(source="s", target="r", period=("2022-07-01", None)),
        )
        .build()
    )
    assert [a.entity.id for a in ic.containing(land, "p")] == ["s"]


# --- partners ------------------------------------------------------------------------------


def test_partners_of_councils_and_icbs() -> None:
    """Responsible councils and the ICBs they overlap are partners; districts and others have none."""
    land = county()
    assert [a.entity.id for a in ic.partners_of(land, "QNEW")] == ["c1", "c2"]
    assert [a.entity.id for a in ic.partners_of(land, "c2")] == ["QNEW"]
    assert "25% of the council's area (by LSOA11 count)" in str(ic.partners_of(land, "c2")[0])
    assert ic.partners_of(land, "d1") == ()
    assert ic.partners_of(land, "icp") == ()
    assert ic.partners_of(land, "c1", as_of="2025-01-01") == ()
    assert ic.partners_of(land, "QNEW", as_of="2025-01-01") == ()


def test_partial_overlap_without_measure() -> None:
    """A partial overlap with no stated measure still gives its share."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QAA", name="North ICB"),
            ic.LocalAuthority(id="c", name="Council", tier="county"),
            ic.Overlaps(source="c", target="QAA", share=0.5),
        )
        .build()
    )
    assert str(ic.partners_of(land, "c")[0]) == (
        "Council and North ICB are partners: 50% of the council's area lies in the ICB's area."
    )


# --- succession ----------------------------------------------------------------------------


def test_acceptance_merger_successors() -> None:
    """The successors of an ICB merged on 2026-04-01 are the new ICB; on 2026-03-31 it is its own."""
    land = county()
    assert [a.entity.id for a in ic.successors(land, "QAA")] == ["QNEW"]
    assert str(ic.successors(land, "QAA")[0]) == "North ICB was succeeded by County ICB on 2026-04-01."
    (own,) = ic.active_successor(land, "QAA", as_of="2026-03-31")
    assert own.entity.id == "QAA"
    assert own.path == ()
    (new,) = ic.active_successor(land, "QAA", as_of="2026-04-01")
    assert new.entity.id == "QNEW"
    assert ic.successors(land, "QAA", as_of="2026-03-31") == ()


def test_succession_is_transitive_both_ways() -> None:
    """A CCG's successors run through its ICB to the merged one; predecessors run back."""
    land = county()
    chain = ic.successors(land, "01A")
    assert [a.entity.id for a in chain] == ["QAA", "QNEW"]
    assert str(chain[1]) == "North CCG was succeeded by County ICB on 2022-07-01 and 2026-04-01, through North ICB."
    assert [a.entity.id for a in ic.predecessors(land, "QNEW")] == ["01A", "QAA", "QBB", "QSPLIT"]
    assert [a.entity.id for a in ic.predecessors(land, "QNEW", as_of="2025-01-01")] == []


def test_active_successor_of_a_split_or_ended_body() -> None:
    """A split body's active successors are the nearest in force; a body that just ended has none."""
    land = county()
    assert [a.entity.id for a in ic.active_successor(land, "QSPLIT", as_of="2025-01-01")] == ["QSPLIT"]
    assert [a.entity.id for a in ic.active_successor(land, "QSPLIT", as_of="2026-06-01")] == ["QNEW"]
    assert [a.entity.id for a in ic.active_successor(land, "01A", as_of="2026-06-01")] == ["QNEW"]
    assert ic.active_successor(land, "QGONE", as_of="2025-01-01") == ()


# --- population ----------------------------------------------------------------------------


def test_population_uses_an_own_figure_first() -> None:
    """An area with its own figure reports it, in person."""
    answer = ic.population_of(county(), "p2")
    assert answer.total == ic.quantity(300_000, "person")
    assert str(answer) == "Place Two has a population of 300,000 people, its own figure."
    assert answer.parts == (county()["p2"],)
    assert answer.kind == "population"


def test_population_adds_one_partition_without_double_counting() -> None:
    """A place's neighbourhoods are added up; its PCN, another division of the same people, is left out."""
    answer = ic.population_of(county(), "p1")
    assert answer.total == ic.quantity(100_000, "person")
    assert {p.id for p in answer.parts} == {"n1", "n2"}
    assert any("divide Place One another way" in note for note in answer.left_out)


def test_population_breaks_down_parts_without_figures() -> None:
    """An ICS adds its places, breaking down a place that has no figure; a practice is counted once."""
    land = county()
    answer = ic.population_of(land, "ics")
    assert answer.total == ic.quantity(400_000, "person")
    ids = [p.id for p in answer.parts]
    assert len(ids) == len(set(ids))
    assert str(answer).startswith("County ICS has a population of 400,000 people, the sum of 3 parts")
    assert ic.population_of(land, "U1").total == ic.quantity(45_000, "person")


def test_population_leaves_out_partial_overlaps_and_unknowns() -> None:
    """Partial overlaps are not counted and are named; an area with nothing known has no total."""
    land = county()
    answer = ic.population_of(land, "QNEW")
    assert answer.total is None
    assert answer.left_out == ("Council Two lies only partly in County ICB (25%)",)
    assert str(answer) == (
        "County ICB has no recorded population, nor parts with one. "
        "Not added: Council Two lies only partly in County ICB (25%)."
    )
    assert ic.population_of(land, "QNEW", as_of="2025-01-01").total is None


def test_a_part_linked_twice_is_counted_once() -> None:
    """A part that lies within an area through two relations is counted once."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.Place(id="p", name="P"))
        .add(ic.Neighbourhood(id="n", name="N", population=5 * ic.PERSON), within="p")
        .add(ic.Overlaps(source="n", target="p"))
        .build()
    )
    assert ic.population_of(land, "p").total == ic.quantity(5, "person")


def test_population_of_parts_that_are_all_unknown() -> None:
    """Parts whose own parts have no figures add nothing."""
    land = ic.LandscapeBuilder().add(ic.ICS(id="s", name="S")).add(ic.Place(id="p", name="P"), within="s").build()
    assert ic.population_of(land, "s").total is None


# --- invariants ----------------------------------------------------------------------------

DATES = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2028, 12, 31))
LAND = county()
IDS = sorted(e.id for e in LAND)


@settings(max_examples=60, deadline=None)
@given(entity=st.sampled_from(IDS), day=st.one_of(st.none(), DATES))
def test_structural_answers_are_sorted_entities_in_force(entity: str, day: dt.date | None) -> None:
    """Every answer names entities of the landscape, answers come sorted, and as_of answers are in force."""
    answers: list[ic.answers.LinkAnswer] = [
        *ic.contents_of(LAND, entity, as_of=day),
        *ic.containing(LAND, entity, as_of=day),
        *ic.memberships_of(LAND, entity, as_of=day),
    ]
    if isinstance(LAND[entity], ic.Body):
        answers += [*ic.members_of(LAND, entity, as_of=day), *ic.partners_of(LAND, entity, as_of=day)]
    for answer in answers:
        assert LAND[answer.entity.id] == answer.entity
        assert answer.period.start is None or day is None or answer.period.contains(day)
        if day is not None:
            assert answer.entity.exists_on(day)
        assert str(answer).endswith(".")
    for query in (ic.contents_of, ic.containing, ic.successors, ic.predecessors):
        result = query(LAND, entity, as_of=day)
        assert list(result) == sorted(result, key=lambda a: a.sort_key())


@settings(max_examples=60, deadline=None)
@given(entity=st.sampled_from(IDS), day=DATES)
def test_active_successors_are_in_force(entity: str, day: dt.date) -> None:
    """Every active successor exists on the date asked about."""
    for answer in ic.active_successor(LAND, entity, as_of=day):
        assert answer.entity.exists_on(day)
        assert answer.subject == LAND[entity]


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6))
def test_population_equals_the_sum_of_its_parts(sizes: list[int]) -> None:
    """An area without a figure has exactly the sum of its parts' figures, in person."""
    builder = ic.LandscapeBuilder().add(ic.Place(id="p", name="P"))
    for index, size in enumerate(sizes):
        builder.add(ic.Neighbourhood(id=f"n{index}", name=f"N{index}", population=size * ic.PERSON), within="p")
    answer = ic.population_of(builder.build(), "p")
    assert answer.total is not None
    assert answer.total.to("person").magnitude == sum(sizes)
    assert len(answer.parts) == len(sizes)
