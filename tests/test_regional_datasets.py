"""The regional datasets agree with their source documents (issue 20's acceptance for seats and places)."""

from __future__ import annotations

import re
from collections import Counter

import integratedcare as ic


def test_nenc_strategic_icp_counts_52_then_54_seats_and_gets_the_lean_advice() -> None:
    """The ICB's 26 plus an HWB chair and an officer for each of 13 (then 14) councils: 52, then 54 seats."""
    land = ic.datasets.load("north-east-and-north-cumbria")
    messages = [f.message for f in ic.check(land, rules=["ICP004"]).findings]
    assert any("has 52 seats" in m for m in messages)
    assert any("has 54 seats" in m for m in messages)
    assert all("nenc-strategic-icp" in m for m in messages)  # the area ICPs are unchanged: no advice


def test_north_cumbria_area_icp_has_councils_after_cumbria_county_council() -> None:
    """From April 2023 the North Cumbria area ICP has council members, each flagged as an inferred link."""
    land = ic.datasets.load("north-east-and-north-cumbria").as_of("2023-05-01")
    links = [r for r in land.relations(ic.MemberOf, target="nenc-north-cumbria-icp") if r.source.startswith("E06")]
    assert {r.source for r in links} == {"E06000063", "E06000064"}
    assert all("inferred" in " ".join(r.notes) for r in links)


def test_nenc_area_councils_cite_the_web_page_not_the_slides() -> None:
    """The council-to-area mapping is not in the slides: its source is the ICB's web page, unverified."""
    land = ic.datasets.load("north-east-and-north-cumbria")
    for r in land.relations(ic.MemberOf, target="nenc-north-icp"):
        if r.source.startswith("E0"):
            assert [s.verification for s in r.sources] == [ic.Verification.UNVERIFIED]
            assert "web page" in r.sources[0].title


def test_cm_places_include_their_providers_and_primary_care_in_2024() -> None:
    """PLC001 is silent on all nine Cheshire and Merseyside places as of 2024-01-01; provider links are inferred."""
    land = ic.datasets.load("cheshire-and-merseyside")
    findings = ic.check(land, rules=["PLC001"], as_of="2024-01-01").findings
    assert not [f for f in findings if f.entity.endswith("-place")]
    places = [e for e in land if isinstance(e, ic.PlaceBasedPartnership)]
    assert len(places) == 9
    for place in places:
        trusts = [r for r in land.relations(ic.MemberOf, target=place.id) if isinstance(land[r.source], ic.NHSTrust)]
        assert trusts
        assert all("inferred" in " ".join(r.notes) for r in trusts)


def test_cm_has_no_repeated_relation_and_no_editorial_name() -> None:
    """No relation is recorded twice between the same ends; no name carries a note about the source."""
    land = ic.datasets.load("cheshire-and-merseyside")
    within = Counter((r.source, r.target) for r in land.relations(ic.Within))
    assert within[("cheshire-east-hwb", "E06000049")] == 1
    assert not [e.name for e in land if re.search(r"not (given )?in seed|\(place\)|Unnamed", e.name)]


def test_regional_sources_name_documents_not_seed_numbers() -> None:
    """Every source of the regional datasets names its document; none cites a seed file by number."""
    for name in ("cheshire-and-merseyside", "north-east-and-north-cumbria"):
        land = ic.datasets.load(name)
        refs = {s.reference or "" for item in (*land, *land.all_relations) for s in item.sources}
        assert not [r for r in refs if re.search(r"\bseeds?[ /]0", r)], name


def test_regional_accountability_reaches_parliament() -> None:
    """The ICB's chain runs through NHS England and the Secretary of State to Parliament."""
    for name, icb in (("cheshire-and-merseyside", "QYG"), ("north-east-and-north-cumbria", "QHM")):
        chain = ic.accountability_chain(ic.datasets.load(name), icb, as_of="2024-01-01")[0]
        assert "UK Parliament" in str(chain), name


def test_lancashire_and_south_cumbria_is_bundled_with_its_model() -> None:
    """The dataset is listed, cites the paper, reaches Parliament and passes check() without errors."""
    assert "lancashire-and-south-cumbria" in ic.datasets.names()
    info = ic.datasets.info("lancashire-and-south-cumbria")
    assert "Developing Integrated Care Partnerships" in info.sources[0].title
    land = ic.datasets.load("lancashire-and-south-cumbria")
    guide = land["lsc-icp-development-guide"]
    assert sum(note.startswith("Core aim") for note in guide.notes) == 4
    assert sum(note.startswith("Minimum service scope") for note in guide.notes) == 9
    assert not ic.check(land).errors
    assert "UK Parliament" in str(ic.accountability_chain(land, "QE1", as_of="2024-01-01")[0])


def _place(population: int | None, *, icp: bool = False) -> ic.Landscape:
    """A landscape of one place partnership (or place-level ICP) of ``population`` people."""
    size = None if population is None else ic.quantity(population, "person")
    place = (
        ic.ICP(id="p", name="Place ICP", scope="place", statutory=False, population=size)
        if icp
        else ic.PlaceBasedPartnership(id="p", name="Place", population=size)
    )
    return ic.LandscapeBuilder("place").add(place).build()


def test_place_size_advice_above_500000_people() -> None:
    """PLC003 advises on a place of 500,001 people, not on 500,000 or on a place of unknown size."""
    finding = ic.check(_place(500_001), rules=["PLC003"]).findings[0]
    assert finding.message == "Place (p) has a population of 500,001 people, more than 500,000."
    assert ic.check(_place(600_000, icp=True), rules=["PLC003"]).findings
    assert not ic.check(_place(500_000), rules=["PLC003"]).findings
    assert not ic.check(_place(None), rules=["PLC003"]).findings


def test_nenc_chair_selection_and_must_involve_stakeholders_are_typed_duties() -> None:
    """The ICB and every founding council may jointly select the ICP chair; the ICP must involve two ICS networks."""
    land = ic.datasets.load("north-east-and-north-cumbria")
    icp = "nenc-strategic-icp"
    on = land.as_of("2024-01-01")
    selectors = {r.source for r in on.relations(ic.Duty, target=icp) if r.duty is ic.DutyKind.POWER}
    founders = {r.source for r in on.relations(ic.Establishes, target=icp)}
    assert selectors == founders
    assert len(founders) == 15  # the ICB and fourteen councils (Cumbria County Council's successors from 2023)
    assert "E10000006" in {r.source for r in land.as_of("2022-08-01").relations(ic.Duty, target=icp)}
    involved = {r.target: r for r in on.relations(ic.Duty, source=icp) if r.duty is ic.DutyKind.INVOLVE}
    assert set(involved) == {"nenc-ics-healthwatch-network", "nenc-ics-vcse-partnership"}
    assert all("not necessarily as a full member" in (r.context or "") for r in involved.values())
    assert "nenc-ics-healthwatch-network" not in {r.source for r in on.relations(ic.MemberOf, target=icp)}


def test_cm_place_collaborative_forum_seats_each_place_lead() -> None:
    """The appendix's forum: each of the nine places' Place Lead sits on it, and is a member of its place."""
    land = ic.datasets.load("cheshire-and-merseyside")
    leads = [a.entity.id for a in ic.members_of(land, "cm-place-collaborative-forum", as_of="2021-01-01")]
    assert len(leads) == 9
    for lead in leads:
        assert {r.target for r in land.relations(ic.MemberOf, source=lead)} & {p.id for p in land.of_type(ic.Place)}
        assert any(note.startswith("status: proposed") for note in land[lead].notes) or lead.startswith("cheshire-east")
    assert all("Appendix 2" in s.title for s in land["cm-place-collaborative-forum"].sources)


def test_cm_liverpool_city_region_representative_is_a_post_held_by_st_helens() -> None:
    """The GGI guide's one fact about the system: a council's post on the ICS, recorded by role, never by name."""
    land = ic.datasets.load("cheshire-and-merseyside")
    post = "cm-lcr-local-authority-chief-executive-representative"
    assert [r.source for r in land.relations(ic.Holds, target=post)] == ["E08000013"]
    assert [r.target for r in land.relations(ic.MemberOf, source=post)] == ["cm-health-and-care-partnership"]
    assert "Good Governance Institute" in land[post].sources[0].title
    assert "O'Dwyer" not in repr(land[post])
