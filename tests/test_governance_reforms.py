"""The 2025-26 reforms as sourced data: neighbourhood health, running costs, the blueprint, oversight segments."""

from __future__ import annotations

import datetime as dt

import pytest

import integratedcare as ic

g = ic.governance
V, P, U = ic.Verification.VERIFIED, ic.Verification.PARTLY_VERIFIED, ic.Verification.UNVERIFIED


@pytest.fixture(scope="module")
def land() -> ic.Landscape:
    """An ICB with registered patients, one without, an ICB that ended in 2026, a trust and NHS England."""
    counted = ic.Figure(
        measure="registered", value=1_500_000, date="2025-04-01", source=ic.Source(title="GP registered patients")
    )
    return (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None), figures=[counted]),
            ic.ICB(id="QMJ", name="NHS North Central London ICB", period=("2022-07-01", "2026-04-01")),
            ic.NHSTrust(id="RBL", name="Wirral University Teaching Hospital NHS Foundation Trust"),
            ic.NHSEngland(id="nhs-england", name="NHS England"),
        )
        .build()
    )


def test_six_neighbourhood_components_four_verified_two_partly() -> None:
    """The guidelines of 30 January 2025 have six components: 1-4 verified, 5-6 read only in trade press."""
    components = g.NEIGHBOURHOOD_HEALTH_COMPONENTS
    assert [c.number for c in components] == [1, 2, 3, 4, 5, 6]
    assert [c.verification for c in components] == [V, V, V, V, P, P]
    assert components[5].name == "Urgent neighbourhood services"
    assert {c.document.published for c in components} == {dt.date(2025, 1, 30)}
    assert all(c.sources and all(s.reference for s in c.sources) for c in components)
    assert str(components[4]) == "5. Integrated intermediate care with a 'Home First' approach (partly verified)"
    assert "healthcareleadernews.com" in (components[5].sources[0].reference or "")


def test_the_running_cost_targets_dated_and_sourced() -> None:
    """30% (2023, partly), 50% (March 2025), £18.76 per head by the end of Q3 2025/26 (no POD, no specialised)."""
    cut30, cut50, envelope = g.RUNNING_COST_TARGETS
    assert (cut30.reduction, cut30.verification) == (0.3, P)
    assert (cut50.reduction, cut50.verification) == (0.5, V)
    assert envelope.per_head == ic.quantity("18.76 GBP / person")
    assert envelope.due_by == dt.date(2025, 12, 31)
    assert any("POD" in e for e in envelope.excludes)
    assert any("specialised" in e for e in envelope.excludes)
    assert envelope.document is not None
    assert envelope.document.published is None  # shared with ICBs on 2 May 2025, published by HSJ: no date of its own
    assert "2 May 2025" in (envelope.document.note or "")
    assert "no source gives a calendar date" in (envelope.note or "")  # due_by is our reading of "end of Q3"
    assert str(cut50).startswith("50% cut in ICBs' running costs: asked March 2025")
    assert str(cut50).endswith("(verified)")


def test_blueprint_names_receivers_only_where_the_sources_do() -> None:
    """Primary care operations go to neighbourhood health providers; GP IT has no receiver; nothing invents one."""
    by_name = {f.name: f for f in g.BLUEPRINT_FUNCTIONS}
    primary = by_name["Primary care operations and transformation"]
    assert (primary.change, primary.moves_to, primary.verification) == (
        g.FunctionChange.TRANSFER_OUT,
        "neighbourhood health providers",
        V,
    )
    assert by_name["Workforce planning"].moves_to == "NHS regions"
    assert by_name["General practice IT"].moves_to is None
    assert by_name["General practice IT"].change is g.FunctionChange.EXPLORE_TRANSFER_OUT
    out = [f for f in g.BLUEPRINT_FUNCTIONS if f.change is g.FunctionChange.TRANSFER_OUT]
    assert len(out) == 10  # of the 18 the blueprint counts; the gap records the rest
    assert all(f.moves_to for f in out)
    assert by_name["Strategic commissioning"].change is g.FunctionChange.CORE_ROLE
    assert str(by_name["Vaccinations and screening"]) == (
        "Vaccinations and screening: transfer in from NHS England (April 2026) [partly verified]"
    )
    assert str(by_name["Research"]).startswith("Research: transfer out to neighbourhood health providers (over time")
    assert str(by_name["Health inequalities expertise"]) == "Health inequalities expertise: grow [partly verified]"


def test_gaps_are_recorded_for_every_reform() -> None:
    """Each reform has at least one explicit 'not in the sources' entry, and the per-ICB allowance is one."""
    reforms = {gap.reform for gap in g.REFORM_GAPS}
    assert reforms == set(g.Reform)
    allowance = g.REFORM_GAPS[0]
    assert allowance.reform is g.Reform.RUNNING_COSTS
    assert all(lead.verification is U for lead in allowance.leads)
    expected = "running costs: running cost allowance of each ICB for 2025/26: not in the sources ("
    assert str(allowance).startswith(expected)


def test_oversight_frameworks_by_year() -> None:
    """2022/23-2024/25: ICBs 1-4; 2025/26: providers 1-5, ICBs none; 2026/27: both 1-4."""
    years = {year: f for f in g.OVERSIGHT_FRAMEWORKS for year in f.years}
    assert sorted(years) == ["2022/23", "2023/24", "2024/25", "2025/26", "2026/27"]
    assert years["2024/25"].icb_segments == (1, 2, 3, 4)
    assert years["2025/26"].icb_segments == ()
    assert years["2025/26"].published == dt.date(2025, 6, 26)
    assert years["2026/27"].icb_segments == (1, 2, 3, 4)


def test_icbs_were_not_segmented_in_2025_26(land: ic.Landscape) -> None:
    """The answer says no segment, why, and that it is verified."""
    answer = g.oversight_segment(land, "QYG", year="2025/26")
    assert (answer.segmented, answer.scale, answer.segment, answer.verification) == (False, (), None, V)
    assert answer.kind == "oversight segment"
    assert str(answer).startswith(
        "NHS Cheshire and Merseyside ICB was not given a segment in 2025/26: ICBs were not segmented under the "
        "NHS Oversight Framework 2025/26 (verified; https://www.nhsconfed.org/"
    )


def test_segmented_in_2026_27_but_the_segment_is_not_in_the_sources(land: ic.Landscape) -> None:
    """A day of 2026/27 gives its year; the scale is 1 to 4 and no segment is invented."""
    answer = g.oversight_segment(land, land["QYG"], as_of="2027-03-31")
    assert (answer.year, answer.segmented, answer.scale, answer.segment) == ("2026/27", True, (1, 2, 3, 4), None)
    assert "but the segment of NHS Cheshire and Merseyside ICB is not in the sources" in str(answer)


def test_trusts_and_other_bodies(land: ic.Landscape) -> None:
    """Trusts are segmented 1 to 5 in 2025/26; NHS England is not a body the framework segments."""
    trust = g.oversight_segment(land, "RBL", as_of=dt.date(2025, 7, 1))
    assert (trust.segmented, trust.scale) == (True, (1, 2, 3, 4, 5))
    assert str(trust).startswith("NHS trusts are segmented 1 to 5 in 2025/26")
    other = g.oversight_segment(land, "nhs-england", year="2025/26")
    assert not other.segmented
    assert "places only ICBs and NHS trusts in segments" in str(other)


def test_years_with_no_framework_and_bodies_that_did_not_exist(land: ic.Landscape) -> None:
    """2027/28 has no framework in the sources (unverified); an ICB that ended in 2026 did not exist in 2026/27."""
    unknown = g.oversight_segment(land, "QYG", year="2027/28")
    assert (unknown.framework, unknown.verification) == (None, U)
    assert "No NHS Oversight Framework for 2027/28 is in the sources" in str(unknown)
    gone = g.oversight_segment(land, "QMJ", year="2026/27")
    assert not gone.segmented
    assert "did not exist in 2026/27" in str(gone)


def test_financial_years() -> None:
    """Days map to April-March years; labels are checked."""
    assert g.financial_year("2025-03-31") == "2024/25"
    assert g.financial_year(dt.date(2025, 4, 1)) == "2025/26"
    assert g.financial_year(" 1999/00 ") == "1999/00"
    with pytest.raises(ic.errors.InvalidValueError, match=r"year must be a financial year .* got '2025/27'"):
        g.financial_year("2025/27")


def test_oversight_segment_needs_one_of_year_and_as_of(land: ic.Landscape) -> None:
    """Neither or both is refused, naming the two ways to ask."""
    for kwargs in ({}, {"year": "2025/26", "as_of": "2025-06-01"}):
        with pytest.raises(ic.errors.InvalidValueError, match=r"needs a financial year \(year='2025/26'\) or a day"):
            g.oversight_segment(land, "QYG", **kwargs)


def test_running_cost_envelope_is_derived_and_says_so(land: ic.Landscape) -> None:
    """£18.76 x 1,500,000 registered patients = £28,140,000, labelled derived, the published allowance a gap."""
    answer = g.running_cost_envelope(land, "QYG", as_of="2025-10-01")
    assert answer.derived is not None
    assert answer.derived.to("GBP").magnitude == pytest.approx(28_140_000)
    assert answer.kind == "running cost envelope (derived)"
    text = str(answer)
    assert "1,500,000 registered patients" in text
    assert "(figures dated 2025-04-01)" in text
    assert "28,140,000 GBP: derived, not a published allowance" in text
    assert text.endswith("the ICB's published 2025/26 running cost allowance is not in the sources.")


def test_running_cost_envelope_without_patients_and_for_other_bodies(land: ic.Landscape) -> None:
    """No registered patients: no figure; a trust is refused, naming the query."""
    answer = g.running_cost_envelope(land, "QMJ")
    assert answer.derived is None
    assert str(answer).startswith("No registered patients of NHS North Central London ICB are recorded")
    with pytest.raises(ic.errors.EntityKindError, match="running_cost_envelope needs a ICB"):
        g.running_cost_envelope(land, "RBL")


def test_policy_documents_print_their_date_or_say_it_is_missing() -> None:
    """A document prints its day, else its note, else that the date is not in the sources."""
    guidelines = g.NEIGHBOURHOOD_HEALTH_COMPONENTS[0].document
    assert str(guidelines) == "Neighbourhood health guidelines 2025/26 (NHS England, 2025-01-30)"
    dated_by_note = g.PolicyDocument(id="x", title="X", publisher="NHS England", note="July 2022")
    assert str(dated_by_note) == "X (NHS England, July 2022)"
    undated = g.PolicyDocument(id="y", title="Y", publisher="NHS England")
    assert str(undated) == "Y (NHS England, date not in the sources)"


def test_items_take_one_source_or_several() -> None:
    """The sources field takes a single source or a list, and stores a tuple."""
    src = ic.Source(title="S")
    doc = g.PolicyDocument(id="d", title="D", publisher="P")
    one = g.NeighbourhoodHealthComponent(number=1, name="N", document=doc, verification="verified", sources=src)
    many = g.ReformGap(reform="running costs", topic="t", reason="r", leads=[src, src])
    lazy = g.ReformGap(reform="running costs", topic="t", reason="r", leads=(s for s in [src]))
    assert one.sources == (src,)
    assert many.leads == (src, src)
    assert lazy.leads == (src,)


@pytest.mark.slow
def test_england_envelope_is_the_target_times_registered_patients() -> None:
    """On the england dataset the derived figure is 18.76 x the ICB's registered patients, to the pound."""
    england = ic.datasets.england()
    patients = ic.population_of(england, "QHL", as_of="2025-10-01", measure="registered").total
    assert patients is not None
    answer = g.running_cost_envelope(england, "QHL", as_of="2025-10-01")
    assert answer.derived is not None
    assert answer.derived.magnitude == pytest.approx(18.76 * patients.magnitude)
    assert g.oversight_segment(england, "QHL", year="2025/26").segmented is False
