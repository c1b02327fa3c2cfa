"""The mutual accountability framework and the HoldsToAccount relations it yields."""

from __future__ import annotations

import itertools

import pytest

import integratedcare as ic

CM = ic.governance.cheshire_and_merseyside_rules()
FRAMEWORK = CM.mutual_accountability


@pytest.fixture
def land() -> ic.Landscape:
    """A small partnership: one of each partner kind, all members of the partnership, under the memorandum."""
    partners = [
        ic.CCG(id="01J", name="NHS Knowsley CCG", period=(None, "2022-07-01")),
        ic.NHSTrust(id="RBN", name="St Helens and Knowsley Teaching Hospitals NHS Trust", services=["acute"]),
        ic.LocalAuthority(id="E08000011", name="Knowsley MBC", tier="metropolitan-district"),
        ic.NHSEngland(id="nhs-england", name="NHS England and NHS Improvement"),
        ic.Healthwatch(id="healthwatch-knowsley", name="Healthwatch Knowsley"),
        ic.VCSE(id="vsnw", name="Voluntary Sector North West"),
    ]
    builder = ic.LandscapeBuilder("C&M").add(
        ic.ICS(id="cm-health-and-care-partnership", name="Cheshire and Merseyside Health and Care Partnership"),
        ic.Agreement(
            id="cm-mou-2020",
            name="C&M memorandum of understanding",
            agreement_type="memorandum-of-understanding",
            period=("2021-01-01", None),
        ),
        ic.Post(id="cm-chair", name="Partnership chair"),
        ic.MemberOf(source="cm-chair", target="cm-health-and-care-partnership"),
        *partners,
    )
    for partner in partners:
        builder.add(ic.MemberOf(source=partner.id, target="cm-health-and-care-partnership"))
    return builder.build()


def test_relations_bind_exactly_the_annex_1_kinds(land: ic.Landscape) -> None:
    """CCGs, NHS providers, councils and NHS England hold each other to account; Healthwatch and others do not."""
    relations = FRAMEWORK.relations(land)
    bound = {"01J", "RBN", "E08000011", "nhs-england"}
    assert {(r.source, r.target) for r in relations} == set(itertools.permutations(bound, 2))
    assert all(r.basis == ic.Clause(agreement="cm-mou-2020", section="Annex 4") for r in relations)
    assert [p.id for p in FRAMEWORK.bound_parties(land)] == ["01J", "E08000011", "RBN", "nhs-england"]


def test_relations_hold_only_while_both_parties_and_the_agreement_exist(land: ic.Landscape) -> None:
    """A relation with the CCG runs from the agreement's start to the CCG's abolition."""
    with_ccg = [r for r in FRAMEWORK.relations(land) if "01J" in (r.source, r.target)]
    assert {r.period for r in with_ccg} == {ic.Period("2021-01-01", "2022-07-01")}
    others = [r for r in FRAMEWORK.relations(land) if "01J" not in (r.source, r.target)]
    assert {r.period for r in others} == {ic.Period("2021-01-01")}


def test_apply_adds_queryable_relations_once(land: ic.Landscape) -> None:
    """Applying the framework adds the relations to the landscape; applying it again adds nothing."""
    applied = FRAMEWORK.apply(land)
    assert len(applied.relations(ic.HoldsToAccount)) == 12
    held_by_council = applied.relations(ic.HoldsToAccount, source="E08000011")
    assert sorted(r.target for r in held_by_council) == ["01J", "RBN", "nhs-england"]
    assert applied.relations(ic.HoldsToAccount, target="healthwatch-knowsley") == ()
    assert FRAMEWORK.apply(applied) == applied


def test_explicit_parties_and_missing_agreement() -> None:
    """Explicit parties override membership; without the agreement in the landscape relations are timeless."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.ICB(id="QYG", name="NHS C&M ICB"), ic.LocalAuthority(id="E06000049", name="CE", tier="unitary"))
        .build()
    )
    framework = FRAMEWORK.with_parties(["QYG", "E06000049"])
    assert [(r.source, r.period) for r in framework.relations(land)] == [
        ("E06000049", ic.Period()),
        ("QYG", ic.Period()),
    ]
    with pytest.raises(ic.errors.LandscapeError) as info:
        framework.apply(land)
    assert 'basis no entity with id "cm-mou-2020"' in str(info.value)
    with pytest.raises(ic.errors.UnknownEntityError, match='no entity with id "nobody"'):
        FRAMEWORK.with_parties(["nobody"]).relations(land)


def test_parties_that_never_coexist_are_not_related() -> None:
    """Two parties whose lifetimes do not overlap yield no relation."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.CCG(id="01J", name="Knowsley CCG", period=(None, "2022-07-01")),
            ic.ICB(id="QYG", name="C&M ICB", period=("2022-07-01", None)),
            ic.NHSTrust(id="RBN", name="A trust", period=("2023-01-01", "2024-01-01")),
        )
        .build()
    )
    framework = FRAMEWORK.with_parties(["01J", "QYG", "RBN"])
    assert {(r.source, r.target) for r in framework.relations(land)} == {("QYG", "RBN"), ("RBN", "QYG")}
    without_partnership = ic.governance.MutualAccountabilityFramework(agreement="x", applicability=CM.applicability)
    assert without_partnership.parties_in(land) == ()


def test_framework_describes_its_cycle_and_forums() -> None:
    """The framework names the five-step cycle and its two recommending forums."""
    assert FRAMEWORK.cycle == tuple(ic.governance.ImprovementStage)
    assert ic.governance.ImprovementStage.REGULATORY_POWERS.next() is None
    assert ic.governance.ImprovementStage.MONITORING.next() is ic.governance.ImprovementStage.DIALOGUE
    coordination, finance = FRAMEWORK.forums
    assert coordination.forum == "cm-partnership-coordination-group"
    assert len(coordination.recommends_on) == 5
    assert str(finance) == (
        "cm-finance-group recommends to cm-partnership-coordination-group on interventions "
        "when a place's financial performance is not consistent with its plan"
    )
    assert str(coordination).startswith("cm-partnership-coordination-group recommends on improvement or recovery plans")
    assert str(FRAMEWORK) == (
        "mutual accountability under cm-mou-2020 Annex 4, binding CCGs, NHS providers, councils, "
        "NHS England and NHS Improvement; cycle: monitoring -> dialogue -> peer review -> formal action -> "
        "regulatory powers"
    )
