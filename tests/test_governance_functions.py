"""Functions, who holds them, delegation bases and checks on delegation schemes."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import integratedcare as ic
from integratedcare._governance._functions import _merge  # no public path merges periods

S65Z5 = ic.Citation(act="NHS Act 2006", section="s65Z5")


@pytest.fixture
def land() -> ic.Landscape:
    """NHS England delegating dental services to an ICB, which gives community services to a place committee."""
    return (
        ic.LandscapeBuilder("functions")
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
            ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
            ic.LocalAuthority(id="E07000001", name="A district council", tier="district"),
            ic.Committee(
                id="ce-place-committee", name="Cheshire East place committee", committee_type="place-committee"
            ),
            ic.Agreement(id="pod-agreement", name="Delegation agreement", agreement_type="delegation-agreement"),
            ic.Agreement(id="ce-s75", name="Cheshire East s75 agreement", agreement_type="section-75-agreement"),
            ic.Delegation(
                source="nhs-england",
                target="QYG",
                functions=["dental-services"],
                period=("2023-04-01", None),
                basis=ic.Clause(agreement="pod-agreement", section="Schedule 2"),
            ),
            ic.Delegation(
                source="QYG",
                target="ce-place-committee",
                functions=["community-services", "dental-services"],
                period=("2023-04-01", None),
            ),
        )
        .build()
    )


def test_registry_has_every_function_of_the_brief() -> None:
    """The registry holds the twelve functions, each with a title, owner kinds and a citation."""
    functions = ic.Function.registry()
    assert set(functions) == {
        "primary-medical-services",
        "pharmaceutical-services",
        "ophthalmic-services",
        "dental-services",
        "specialised-services",
        "community-services",
        "continuing-healthcare",
        "mental-health-services",
        "public-health",
        "adult-social-care",
        "childrens-services",
        "better-care-fund",
    }
    assert all(f.id == key and f.owners and f.citation is not None for key, f in functions.items())
    assert str(functions["public-health"]) == "Public health"


def test_only_responsible_councils_hold_council_functions(land: ic.Landscape) -> None:
    """A unitary council holds public health by statute; a shire district does not."""
    assert [h.function for h in ic.functions_held_by(land, "E07000001")] == []
    assert "public-health" in [h.function for h in ic.functions_held_by(land, "E06000049")]


def test_holders_follow_delegation_chains_in_time(land: ic.Landscape) -> None:
    """Dental services reach the place committee through the ICB, and only from the ICB's delegation date."""
    before = [h.body for h in ic.holders_of(land, "dental-services", as_of="2023-03-31")]
    after = [h.body for h in ic.holders_of(land, ic.Function.registry()["dental-services"], as_of="2023-04-01")]
    assert before == ["nhs-england"]
    assert after == ["QYG", "ce-place-committee", "nhs-england"]
    committee = ic.functions_held_by(land, "ce-place-committee", as_of="2024-01-01")
    assert [(h.function, h.delegated_by, h.statutory) for h in committee] == [
        ("community-services", "QYG", False),
        ("dental-services", "QYG", False),
    ]


def test_holding_explains_itself(land: ic.Landscape) -> None:
    """A holding says who holds what, when, how and on what basis, flagging unverified law."""
    by_body = {h.body: h for h in ic.holders_of(land, "dental-services")}
    statutory, delegated = by_body["nhs-england"], by_body["QYG"]
    assert str(delegated) == (
        "QYG holds dental-services [2023-04-01, …) by delegation from nhs-england (pod-agreement Schedule 2)"
    )
    assert str(statutory).endswith("as its own statutory function (NHS Act 2006 Part 5, unverified)")
    assert statutory.statutory


def test_holding_without_basis_reads_plainly() -> None:
    """A delegated holding without a basis names no basis."""
    holding = ic.FunctionHolding(body="b", function="f", period=ic.Period(), basis=None, delegated_by="a")
    assert str(holding) == "b holds f […, …) by delegation from a"


def test_functions_held_by_unknown_body_raises(land: ic.Landscape) -> None:
    """Asking about an unknown body names it and suggests close ids."""
    with pytest.raises(ic.UnknownEntityError, match='no entity with id "QYH"; did you mean "QYG"'):
        ic.functions_held_by(land, "QYH")


def test_valid_scheme_has_no_problems(land: ic.Landscape) -> None:
    """A scheme whose delegators hold what they delegate passes the check."""
    assert ic.check_delegations(land) == ()


def test_delegating_a_function_not_held_names_both_bodies() -> None:
    """A council delegating dental services, which it does not hold, is reported naming both bodies."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
            ic.ICB(id="QYG", name="NHS C&M ICB"),
            ic.Delegation(source="E06000049", target="QYG", functions=["dental-services", "public-health"]),
        )
        .build()
    )
    (problem,) = ic.check_delegations(land)
    assert isinstance(problem, ic.DelegationError)
    assert isinstance(problem, ValueError)
    assert (problem.delegator, problem.delegate, problem.function) == ("E06000049", "QYG", "dental-services")
    with pytest.raises(ic.DelegationError, match=r'"E06000049" delegates dental-services to "QYG" but does not hold'):
        raise problem


def test_delegating_before_holding_is_reported() -> None:
    """An ICB passing on dental services before NHS England delegated them to it is reported."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.ICB(id="QYG", name="NHS C&M ICB"),
            ic.Committee(id="pc", name="Primary care committee"),
            ic.Delegation(
                source="nhs-england", target="QYG", functions=["dental-services"], period=("2023-04-01", None)
            ),
            ic.Delegation(source="QYG", target="pc", functions=["dental-services"], period=("2022-07-01", None)),
        )
        .build()
    )
    assert [p.delegate for p in ic.check_delegations(land)] == ["pc"]
    assert [h.period for h in ic.holders_of(land, "dental-services") if h.body == "pc"] == [ic.Period("2023-04-01")]


def test_delegation_wholly_outside_the_holding_passes_nothing_on() -> None:
    """A delegation made entirely before the delegator held the function gives the delegate nothing."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.ICB(id="QYG", name="NHS C&M ICB"),
            ic.Committee(id="pc", name="Primary care committee"),
            ic.Delegation(
                source="nhs-england", target="QYG", functions=["dental-services"], period=("2023-04-01", None)
            ),
            ic.Delegation(
                source="QYG", target="pc", functions=["dental-services"], period=("2022-07-01", "2023-01-01")
            ),
        )
        .build()
    )
    assert [h.body for h in ic.holders_of(land, "dental-services")] == ["QYG", "nhs-england"]
    assert [p.delegate for p in ic.check_delegations(land)] == ["pc"]


def test_cyclic_delegations_without_a_holder_are_both_reported() -> None:
    """Two bodies delegating a function to each other, neither holding it, are both reported."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.Partner(id="a", name="A"),
            ic.Partner(id="b", name="B"),
            ic.Delegation(source="a", target="b", functions=["public-health"]),
            ic.Delegation(source="b", target="a", functions=["public-health"]),
        )
        .build()
    )
    assert sorted(p.delegator for p in ic.check_delegations(land)) == ["a", "b"]
    assert ic.holders_of(land, "public-health") == ()


def test_unknown_function_is_reported() -> None:
    """A delegation naming a function outside the registry is reported as such."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.ICB(id="QYG", name="NHS C&M ICB"),
            ic.Delegation(source="nhs-england", target="QYG", functions=["time-travel"]),
        )
        .build()
    )
    with pytest.raises(ic.DelegationError, match=r"names 'time-travel', which is not in integratedcare\.Function"):
        raise ic.check_delegations(land)[0]


def test_delegation_error_pickles() -> None:
    """A delegation error survives pickling with its fields and message."""
    err = ic.DelegationError(delegator="a", delegate="b", function="f", problem="is odd")
    copy = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own object)
    assert (copy.delegator, copy.problem, str(copy)) == ("a", "is odd", str(err))


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        (ic.Citation(act="NHS Act 2006", section="s65Z5"), ic.DelegationBasisKind.JOINT_WORKING),
        (ic.Citation(act="NHS Act 2006", section="s65Z6(1)"), ic.DelegationBasisKind.JOINT_WORKING),
        (ic.Citation(act="NHS Act 2006", section="s75"), ic.DelegationBasisKind.SECTION_75),
        (ic.Citation(act="NHS Act 2006", section="s14Z59"), ic.DelegationBasisKind.OTHER),
        (ic.Clause(agreement="pod-agreement"), ic.DelegationBasisKind.NHS_ENGLAND_DELEGATION_AGREEMENT),
        (ic.Clause(agreement="ce-s75"), ic.DelegationBasisKind.SECTION_75),
        (ic.Clause(agreement="QYG"), ic.DelegationBasisKind.OTHER),
        (ic.Clause(agreement="not-here"), ic.DelegationBasisKind.OTHER),
        (None, ic.DelegationBasisKind.OTHER),
    ],
)
def test_delegation_basis_from_citation_or_clause(
    land: ic.Landscape, basis: ic.Citation | ic.Clause | None, expected: ic.DelegationBasisKind
) -> None:
    """The route of a delegation between two non-committee bodies follows its basis."""
    delegation = ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"], basis=basis)
    assert ic.delegation_basis(land, delegation) is expected


def test_delegation_to_own_committee_is_an_icb_committee(land: ic.Landscape) -> None:
    """An ICB delegating to its place committee without a stated basis acts through an ICB committee."""
    delegation = land.relations(ic.Delegation, source="QYG")[0]
    assert ic.delegation_basis(land, delegation) is ic.DelegationBasisKind.ICB_COMMITTEE
    council_to_committee = ic.Delegation(source="E06000049", target="ce-place-committee", functions=["public-health"])
    assert ic.delegation_basis(land, council_to_committee) is ic.DelegationBasisKind.OTHER


def test_basis_kinds_cite_their_law() -> None:
    """Statutory routes cite the NHS Act; an ICB committee and other routes cite nothing."""
    assert str(ic.DelegationBasisKind.SECTION_75.citation) == "NHS Act 2006 s75"
    assert ic.DelegationBasisKind.ICB_COMMITTEE.citation is None


def test_merge_joins_touching_and_open_periods() -> None:
    """Touching periods merge; an open end stays open; disjoint periods stay apart."""
    merged = _merge([ic.Period("2020-01-01", "2021-01-01"), ic.Period("2021-01-01", "2022-01-01")])
    assert merged == [ic.Period("2020-01-01", "2022-01-01")]
    assert _merge([ic.Period("2020-01-01"), ic.Period("2021-01-01", "2022-01-01")]) == [ic.Period("2020-01-01")]
    apart = [ic.Period("2020-01-01", "2020-02-01"), ic.Period("2021-01-01", "2021-02-01")]
    assert _merge(apart) == apart


def every_holding(land: ic.Landscape) -> list[ic.FunctionHolding]:
    """Every holding of the landscape, read body by body."""
    return [h for body in land.of_type(ic.Body) for h in ic.functions_held_by(land, body.id)]


def test_functions_held_by_agrees_with_holders_of(land: ic.Landscape) -> None:
    """Asking body by body finds exactly the holdings asking function by function finds."""
    by_function = {h for function in ic.Function.registry() for h in ic.holders_of(land, function)}
    by_function.update(ic.holders_of(land, "place-commissioning"))
    assert set(every_holding(land)) == by_function
    for body in land.of_type(ic.Body):
        held = ic.functions_held_by(land, body.id)
        assert list(held) == sorted(held, key=lambda h: (h.function, h.period.start or dt.date.min))


def test_a_delegator_missing_from_the_landscape_holds_nothing() -> None:
    """A delegation from an id the landscape lacks (assembled without the builder) passes nothing on."""
    land = ic.Landscape._trusted(
        "Loose",
        [ic.ICB(id="QYG", name="NHS C&M ICB")],
        [ic.Delegation(source="ghost", target="QYG", functions=["dental-services"])],
    )
    assert [h.function for h in ic.functions_held_by(land, "QYG")] == [
        "better-care-fund",
        "community-services",
        "continuing-healthcare",
        "mental-health-services",
    ]
    assert ic.holders_of(land, "dental-services") == ()
