"""Maturity frameworks: their criteria, and assessments from a landscape plus recorded evidence."""

from __future__ import annotations

import json

import pytest

import integratedcare as ic


def test_frameworks_hold_the_seed_criteria() -> None:
    """Seven core features, five national expectations and six early decisions, each with its source line."""
    counts = {fid: len(fw.criteria) for fid, fw in ic.checks.FRAMEWORKS.items()}
    assert counts == {"icp-core-features": 7, "icp-early-decisions": 6, "icp-national-expectations": 5}
    for framework in ic.checks.FRAMEWORKS.values():
        for criterion in framework.criteria:
            assert criterion.reference.startswith("line")
            assert "seed" not in criterion.reference
            assert criterion.description.endswith(".")


def test_unknown_framework_and_criterion_raise() -> None:
    """An unknown framework id and evidence for an unknown criterion raise specific errors."""
    land = ic.LandscapeBuilder().build()
    with pytest.raises(ic.errors.UnknownFrameworkError, match='no framework "nope"'):
        ic.checks.assess(land, "nope")
    with pytest.raises(ic.errors.InvalidValueError, match="criterion must be one of ggi-1"):
        ic.checks.assess(land, "icp-early-decisions", {"ggi-9": True})


def place_landscape(*, complete: bool) -> ic.Landscape:
    """A place partnership that meets the measurable core features when ``complete``."""
    items: list[ic.Entity | ic.Relation] = [
        ic.Place(id="ce-place", name="Cheshire East"),
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.MemberOf(source="E06000049", target="ce-place"),
    ]
    if complete:
        items += [
            ic.HWB(id="ce-hwb", name="Cheshire East HWB"),
            ic.AccountableTo(source="ce-place", target="ce-hwb"),
            ic.VCSE(id="cvs", name="Cheshire CVS"),
            ic.MemberOf(source="cvs", target="ce-place"),
            ic.Agreement(id="ce-tor", name="Terms of reference", agreement_type="terms-of-reference"),
            ic.HoldsToAccount(source="E06000049", target="ce-place", basis=ic.Clause(agreement="ce-tor")),
            ic.Prepares(source="ce-place", target="ce-tor"),
            ic.Post(id="place-lead", name="Place lead"),
            ic.MemberOf(source="place-lead", target="ce-place"),
            ic.PlacePlan(id="ce-plan", name="Cheshire East Place Plan"),
            ic.Prepares(source="ce-place", target="ce-plan"),
            ic.Neighbourhood(id="crewe", name="Crewe"),
            ic.Within(source="crewe", target="ce-place"),
            ic.PCN(id="crewe-pcn", name="Crewe PCN"),
            ic.Within(source="crewe-pcn", target="crewe"),
            ic.PCN(id="member-pcn", name="Member PCN"),
            ic.MemberOf(source="member-pcn", target="ce-place"),
            ic.ICB(id="QYG", name="NHS C&M ICB"),
            ic.Delegation(source="QYG", target="ce-place", functions=["community-services"]),
            ic.Agreement(id="ce-s75", name="Better Care Fund", agreement_type="section-75-agreement"),
            ic.Prepares(source="E06000049", target="ce-s75"),
        ]
    return ic.LandscapeBuilder().add(*items).build()


def test_core_features_read_from_a_complete_place() -> None:
    """Every measurable core feature is met from the landscape; the rest rest on recorded evidence."""
    evidence: dict[str, ic.checks.Evidence | bool] = {
        "core-4": ic.checks.Evidence(met=True, note="OD plan agreed"),
        "core-6": False,
    }
    land = place_landscape(complete=True)
    result = ic.checks.assess(land, "icp-core-features", evidence)
    status = {r.criterion.id: r.status.value for r in result.results}
    assert status == {
        "core-1": "met",
        "core-2": "met",
        "core-3": "met",
        "core-4": "met",
        "core-5": "met",
        "core-6": "not met",
        "core-7": "met",
    }
    assert result.subject is land["ce-place"]
    assert "OD plan agreed" in result.result("core-4").evidence
    assert any("Cheshire CVS" in e for e in result.result("core-1").evidence)
    assert result.gaps == ()


def test_core_features_show_gaps_for_a_bare_place() -> None:
    """A bare place has a gap for each measurable feature, and no evidence for the rest."""
    result = ic.checks.assess(place_landscape(complete=False), "icp-core-features")
    assert result.counts() == {"met": 0, "partly met": 0, "not met": 5, "no evidence": 2}
    assert "core-7: no delegated functions or pooled budget (s75 agreement) recorded" in result.gaps
    assert result.result("core-5").gaps == ("no neighbourhood footprints", "no primary care networks")


def test_statuses_combine_landscape_and_evidence() -> None:
    """Recorded evidence that contradicts the landscape gives partly met, and agreement keeps it met."""
    land = place_landscape(complete=False)
    evidence = {"core-2": ic.checks.Evidence(met=True, note="A lead is named in minutes")}
    assert (
        ic.checks.assess(land, "icp-core-features", evidence).result("core-2").status
        is ic.checks.CriterionStatus.PARTLY_MET
    )
    complete = place_landscape(complete=True)
    contradicted = ic.checks.assess(
        complete, "icp-core-features", {"core-2": ic.checks.Evidence(met=False, note="Lead resigned")}
    )
    assert contradicted.result("core-2").status is ic.checks.CriterionStatus.PARTLY_MET
    assert contradicted.result("core-2").gaps == ("Lead resigned",)


def icp_landscape(members: int = 3, *, board: int = 4, shared: int = 1) -> ic.Landscape:
    """A statutory ICP with ``members`` partners; its ICB has ``board`` posts, ``shared`` also on the ICP."""
    items: list[ic.Entity | ic.Relation] = [
        ic.ICS(id="ics", name="An ICS"),
        ic.ICB(id="icb", name="An ICB"),
        ic.ICP(id="icp", name="An ICP"),
        ic.Establishes(source="icb", target="icp"),
        ic.Within(source="icp", target="ics"),
        ic.Place(id="place", name="A place"),
        ic.Within(source="place", target="ics"),
        ic.Healthwatch(id="hw", name="Healthwatch"),
        ic.VCSE(id="vcse", name="VCSE alliance"),
        ic.Duty(source="icp", target="hw", duty="must involve"),
        ic.MemberOf(source="vcse", target="icp"),
        ic.IntegratedCareStrategy(id="strategy", name="Strategy"),
        ic.Prepares(source="icp", target="strategy"),
        ic.LocalAuthority(id="council", name="A council", tier="unitary"),
        ic.MemberOf(source="council", target="icp"),
        ic.HWB(id="hwb", name="A HWB"),
        ic.Establishes(source="council", target="hwb"),
        ic.JSNA(id="jsna", name="A JSNA"),
        ic.Prepares(source="hwb", target="jsna"),
    ]
    items += [ic.Partner(id=f"p{n}", name=f"Partner {n}") for n in range(members)]
    items += [ic.MemberOf(source=f"p{n}", target="icp") for n in range(members)]
    items += [ic.Post(id=f"b{n}", name=f"Board seat {n}") for n in range(board)]
    items += [ic.MemberOf(source=f"b{n}", target="icb") for n in range(board)]
    items += [ic.MemberOf(source=f"b{n}", target="icp") for n in range(shared)]
    return ic.LandscapeBuilder().add(*items).build()


def test_national_expectations_read_from_the_landscape() -> None:
    """An ICP in its system, with needs assessments, a strategy, places, Healthwatch and VCSE meets the five."""
    result = ic.checks.assess(icp_landscape(), "icp-national-expectations", subject="icp")
    assert result.counts()["met"] == 5
    assert any("A JSNA (jsna)" in e for e in result.result("expectation-2").evidence)


def test_national_expectations_gaps_for_a_lone_icp() -> None:
    """An ICP linked to nothing has a gap against every expectation."""
    land = ic.LandscapeBuilder().add(ic.ICP(id="icp", name="A lone ICP")).build()
    result = ic.checks.assess(land, "icp-national-expectations")
    assert result.counts()["not met"] == 5
    assert result.result("expectation-5").gaps == (
        "no Healthwatch involved",
        "no voluntary sector organisation involved",
    )


def test_early_decisions_systems_view_and_lean() -> None:
    """Decision 3 is met with little ICB-ICP overlap and a gap with much; decision 4 follows the 25 limit."""
    small = ic.checks.assess(icp_landscape(), "icp-early-decisions")
    assert small.result("ggi-3").status is ic.checks.CriterionStatus.MET
    assert small.result("ggi-4").evidence == ("6 members, no more than 25",)
    big = ic.checks.assess(icp_landscape(members=30, shared=3), "icp-early-decisions")
    assert big.result("ggi-3").gaps == ("3 of the 4 members of the board of An ICB (icb) also sit on the ICP",)
    assert big.result("ggi-4").status is ic.checks.CriterionStatus.NOT_MET
    assert big.result("ggi-1").status is ic.checks.CriterionStatus.NO_EVIDENCE


def test_early_decisions_without_a_recorded_board_or_members() -> None:
    """With no ICB board and no members recorded, decisions 3 and 4 have no evidence."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="icb", name="ICB"), ic.ICP(id="icp", name="ICP")).build()
    land = land.builder().add(ic.Establishes(source="icb", target="icp")).build()
    result = ic.checks.assess(land, "icp-early-decisions")
    assert result.result("ggi-3").status is ic.checks.CriterionStatus.NO_EVIDENCE
    assert result.result("ggi-4").status is ic.checks.CriterionStatus.NO_EVIDENCE


def test_subject_is_chosen_or_checked() -> None:
    """The subject must be of a kind the framework assesses, and is needed when several could be assessed."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICP(id="a", name="A"),
            ic.ICP(id="b", name="B"),
            ic.ICP(id="place-icp", name="Place ICP", scope="place", statutory=False),
            ic.ICB(id="icb", name="ICB"),
        )
        .build()
    )
    with pytest.raises(ic.errors.InvalidValueError, match="subject must be given: the landscape holds 2 entities"):
        ic.checks.assess(land, "icp-early-decisions")
    with pytest.raises(
        ic.errors.InvalidValueError, match="subject must be a integrated-care-partnership, got a integrated-care-board"
    ):
        ic.checks.assess(land, "icp-early-decisions", subject="icb")
    with pytest.raises(ic.errors.InvalidValueError, match="subject must be a place-based-partnership or"):
        ic.checks.assess(land, "icp-core-features", subject="a")
    assert ic.checks.assess(land, "icp-core-features").subject is land["place-icp"]
    assert ic.checks.assess(land, "icp-core-features", subject=land["place-icp"]).to_dict()["subject"] == "place-icp"
    assert ic.checks.assess(ic.LandscapeBuilder().build(), ic.checks.FRAMEWORKS["icp-early-decisions"]).subject is None


def test_assessment_reads_the_landscape_as_of_a_date() -> None:
    """With as_of, only what is in force on the date counts."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICP(id="icp", name="An ICP"),
            ic.IntegratedCareStrategy(id="s", name="Strategy", period=("2023-01-01", None)),
            ic.Prepares(source="icp", target="s", period=("2023-01-01", None)),
        )
        .build()
    )
    before = ic.checks.assess(land, "icp-national-expectations", as_of="2022-12-31")
    after = ic.checks.assess(land, "icp-national-expectations", as_of="2023-01-01")
    assert before.result("expectation-3").status is ic.checks.CriterionStatus.NOT_MET
    assert after.result("expectation-3").status is ic.checks.CriterionStatus.MET
    assert after.to_dict()["as_of"] == "2023-01-01"


def test_assessment_texts_and_data() -> None:
    """An assessment summarises itself, lists each criterion, and converts to JSON-ready data."""
    land = ic.LandscapeBuilder().add(ic.ICP(id="icp", name="An ICP")).build()
    result = ic.checks.assess(
        land, "icp-early-decisions", {"ggi-1": ic.checks.Evidence(met=True, note="Principles agreed")}
    )
    assert repr(result) == "<Assessment icp-early-decisions of icp: 1 met, 0 partly met, 0 not met, 5 no evidence>"
    lines = str(result).splitlines()
    assert lines[0].startswith("The Good Governance Institute's six early decisions")
    assert lines[1] == "  ggi-1 Establishing principles: met. Evidence: Principles agreed."
    data = json.loads(json.dumps(result.to_dict()))
    assert data["results"][0] == {
        "criterion": "ggi-1",
        "title": "Establishing principles",
        "status": "met",
        "evidence": ["Principles agreed"],
        "gaps": [],
    }
    assert data["source"].endswith("(verified)")
    empty = ic.checks.assess(ic.LandscapeBuilder().build(), "icp-early-decisions")
    assert "no subject" in repr(empty)
    assert "for no subject" in str(empty)
    gap = ic.checks.assess(
        land, "icp-early-decisions", {"ggi-2": ic.checks.Evidence(met=False, note="Members act as delegates")}
    )
    assert str(gap.result("ggi-2")) == "ggi-2 Clarity of roles: not met. Gaps: Members act as delegates."
