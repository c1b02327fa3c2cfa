"""Functions, who holds them, delegation bases and checks on delegation schemes."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import integratedcare as ic
from integratedcare._governance._functions import FUNCTIONS

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
    functions = ic.governance.Function.registry()
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
    assert ic.governance.Function.registry() is FUNCTIONS
    assert all(f.owners and f.citation is not None for f in FUNCTIONS.values())
    assert str(FUNCTIONS["public-health"]) == "Public health"


def test_only_responsible_councils_hold_council_functions(land: ic.Landscape) -> None:
    """A unitary council holds public health by statute; a shire district does not."""
    assert [h.function for h in ic.governance.functions_held_by(land, "E07000001")] == []
    assert "public-health" in [h.function for h in ic.governance.functions_held_by(land, "E06000049")]


def test_holders_follow_delegation_chains_in_time(land: ic.Landscape) -> None:
    """Dental services reach the place committee through the ICB, and only from the ICB's delegation date."""
    before = [a.body.id for a in ic.who_exercises(land, "dental-services", as_of="2023-03-31")]
    after = ic.who_exercises(land, ic.governance.Function.registry()["dental-services"], as_of="2023-04-01")
    assert before == ["nhs-england"]
    assert [(a.body.id, a.role) for a in after] == [
        ("QYG", "exercises"),
        ("ce-place-committee", "exercises"),
        ("nhs-england", "holds"),
    ]
    committee = ic.governance.functions_held_by(land, land["ce-place-committee"], as_of="2024-01-01")
    assert [(a.function, a.path[-1].source, a.statutory) for a in committee] == [
        ("community-services", "QYG", False),
        ("dental-services", "QYG", False),
    ]


def test_holding_explains_itself(land: ic.Landscape) -> None:
    """An answer names the body and the delegation, says how and on what basis, and flags unverified law."""
    by_body = {a.body.id: a for a in ic.who_exercises(land, "dental-services")}
    statutory, delegated = by_body["nhs-england"], by_body["QYG"]
    assert delegated.body is land["QYG"]
    assert delegated.path == land.relations(ic.Delegation, source="nhs-england", target="QYG")
    assert (delegated.where, delegated.period, delegated.kind) == (None, ic.Period("2023-04-01"), "exercises")
    assert str(delegated) == (
        "NHS Cheshire and Merseyside ICB exercises dental-services, delegated by NHS England "
        "(agreement pod-agreement Schedule 2)."
    )
    assert str(statutory) == (
        "NHS England holds dental-services as its own statutory function (NHS Act 2006 Part 5, unverified)."
    )
    assert statutory.statutory
    assert statutory.path == ()


def test_who_exercises_in_a_place_follows_delegation_chains(land: ic.Landscape) -> None:
    """With a place, who_exercises answers the last delegate of each chain reaching it, as before."""
    (answer,) = ic.who_exercises(land, "community-services", "ce-place-committee")
    assert answer.body.id == "ce-place-committee"
    assert answer.where is land["ce-place-committee"]
    assert answer.role == "exercises"


def test_who_exercises_refuses_an_empty_function(land: ic.Landscape) -> None:
    """An empty function id is refused, with or without a place."""
    with pytest.raises(ic.errors.InvalidValueError, match="must be a function id"):
        ic.who_exercises(land, " ")
    with pytest.raises(ic.errors.InvalidValueError, match="must be a function id"):
        ic.who_exercises(land, "", "QYG")


def test_holders_of_is_a_deprecated_alias_of_who_exercises(land: ic.Landscape) -> None:
    """holders_of warns, naming who_exercises, and returns what who_exercises returns."""
    with pytest.warns(DeprecationWarning, match=r"holders_of is deprecated; use integratedcare\.who_exercises"):
        answers = ic.governance.holders_of(land, "dental-services", as_of="2024-01-01")
    assert answers == ic.who_exercises(land, "dental-services", as_of="2024-01-01")
    assert all(isinstance(a, ic.answers.FunctionAnswer) for a in answers)


def test_function_holding_is_deprecated_but_still_reads_plainly() -> None:
    """Making a FunctionHolding warns, naming FunctionAnswer; a delegated holding without a basis names none."""
    with pytest.warns(DeprecationWarning, match=r"FunctionHolding is deprecated.*FunctionAnswer"):
        holding = ic.governance.FunctionHolding(
            body="b", function="f", period=ic.Period(), basis=None, delegated_by="a"
        )
    assert str(holding) == "b holds f […, …) by delegation from a"
    assert not holding.statutory
    with pytest.warns(DeprecationWarning, match="FunctionHolding is deprecated"):
        statutory = ic.governance.FunctionHolding(
            body="b", function="f", period=ic.Period(), basis=ic.Citation(act="NHS Act 2006", section="s3")
        )
    assert str(statutory) == "b holds f […, …) as its own statutory function (NHS Act 2006 s3)"
    assert statutory.statutory


def test_functions_held_by_unknown_body_raises(land: ic.Landscape) -> None:
    """Asking about an unknown body names it and suggests close ids."""
    with pytest.raises(ic.errors.UnknownEntityError, match='no entity with id "QYH"; did you mean "QYG"'):
        ic.governance.functions_held_by(land, "QYH")


def test_functions_held_by_a_document_is_refused(land: ic.Landscape) -> None:
    """Only bodies hold functions: asking about an agreement raises EntityKindError."""
    with pytest.raises(ic.errors.EntityKindError, match='functions_held_by needs a body, got agreement "ce-s75"'):
        ic.governance.functions_held_by(land, "ce-s75")


def _delegation_report(land: ic.Landscape) -> ic.checks.Report:
    """Check only the delegation rules."""
    return ic.check(land, rules=["GOV003", "GOV004"])


def test_valid_scheme_has_no_problems(land: ic.Landscape) -> None:
    """A scheme whose delegators hold what they delegate passes the check."""
    assert _delegation_report(land).findings == ()


def test_check_delegations_is_a_deprecated_wrapper_of_check(land: ic.Landscape) -> None:
    """check_delegations warns, naming check and its rules, and returns that Report."""
    with pytest.warns(
        DeprecationWarning, match=r'use integratedcare\.check\(landscape, rules=\["GOV003", "GOV004"\]\)'
    ):
        report = ic.checks.check_delegations(land)
    assert isinstance(report, ic.checks.Report)
    assert report == _delegation_report(land)
    assert report.rules == ("GOV003", "GOV004")


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
    (finding,) = _delegation_report(land)
    assert (finding.rule, finding.severity, finding.entity, finding.related) == (
        "GOV003",
        ic.checks.Severity.ERROR,
        "E06000049",
        ("QYG",),
    )
    assert finding.message == (
        "Cheshire East Council (E06000049) delegates dental-services to NHS C&M ICB (QYG) but does not hold it."
    )


def test_delegating_before_holding_is_reported() -> None:
    """An ICB passing on dental services before NHS England delegated them to it is reported for that time."""
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
    assert [(f.related, f.period) for f in _delegation_report(land)] == [
        (("pc",), ic.Period("2022-07-01", "2023-04-01"))
    ]
    answers = ic.who_exercises(land, "dental-services")
    assert [a.period for a in answers if a.body.id == "pc"] == [ic.Period("2023-04-01")]


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
    assert [a.body.id for a in ic.who_exercises(land, "dental-services")] == ["QYG", "nhs-england"]
    assert [f.related for f in _delegation_report(land)] == [("pc",)]


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
    assert sorted(f.entity for f in _delegation_report(land).of_rule("GOV003")) == ["a", "b"]
    assert ic.who_exercises(land, "public-health") == ()


def test_unknown_function_is_reported() -> None:
    """A delegation naming a function outside the registry is a GOV004 warning for the delegation's period."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.ICB(id="QYG", name="NHS C&M ICB"),
            ic.Delegation(source="nhs-england", target="QYG", functions=["time-travel"], period=("2023-04-01", None)),
        )
        .build()
    )
    (finding,) = _delegation_report(land)
    assert (finding.rule, finding.severity, finding.period) == (
        "GOV004",
        ic.checks.Severity.WARNING,
        ic.Period("2023-04-01"),
    )
    assert (
        "delegates 'time-travel' to NHS C&M ICB (QYG), a function not in integratedcare.governance.Function"
        in finding.message
    )
    assert ic.check(land, rules=["GOV004"], as_of="2023-03-31").findings == ()


def test_delegation_error_pickles() -> None:
    """A delegation error survives pickling with its fields and message."""
    err = ic.errors.DelegationError(delegator="a", delegate="b", function="f", problem="is odd")
    copy = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own object)
    assert (copy.delegator, copy.problem, str(copy)) == ("a", "is odd", str(err))


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        (ic.Citation(act="NHS Act 2006", section="s65Z5"), ic.governance.DelegationBasisKind.JOINT_WORKING),
        (ic.Citation(act="NHS Act 2006", section="s65Z6(1)"), ic.governance.DelegationBasisKind.JOINT_WORKING),
        (ic.Citation(act="NHS Act 2006", section="s75"), ic.governance.DelegationBasisKind.SECTION_75),
        (ic.Citation(act="NHS Act 2006", section="s14Z59"), ic.governance.DelegationBasisKind.OTHER),
        (ic.Clause(agreement="pod-agreement"), ic.governance.DelegationBasisKind.NHS_ENGLAND_DELEGATION_AGREEMENT),
        (ic.Clause(agreement="ce-s75"), ic.governance.DelegationBasisKind.SECTION_75),
        (ic.Clause(agreement="QYG"), ic.governance.DelegationBasisKind.OTHER),
        (ic.Clause(agreement="not-here"), ic.governance.DelegationBasisKind.OTHER),
        (None, ic.governance.DelegationBasisKind.OTHER),
    ],
)
def test_delegation_basis_from_citation_or_clause(
    land: ic.Landscape, basis: ic.Citation | ic.Clause | None, expected: ic.governance.DelegationBasisKind
) -> None:
    """The route of a delegation between two non-committee bodies follows its basis."""
    delegation = ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"], basis=basis)
    assert ic.governance.delegation_basis(land, delegation) is expected


def test_delegation_to_own_committee_is_an_icb_committee(land: ic.Landscape) -> None:
    """An ICB delegating to its place committee without a stated basis acts through an ICB committee."""
    delegation = land.relations(ic.Delegation, source="QYG")[0]
    assert ic.governance.delegation_basis(land, delegation) is ic.governance.DelegationBasisKind.ICB_COMMITTEE
    council_to_committee = ic.Delegation(source="E06000049", target="ce-place-committee", functions=["public-health"])
    assert ic.governance.delegation_basis(land, council_to_committee) is ic.governance.DelegationBasisKind.OTHER


def test_basis_kinds_cite_their_law() -> None:
    """Statutory routes cite the NHS Act; an ICB committee and other routes cite nothing."""
    assert str(ic.governance.DelegationBasisKind.SECTION_75.citation) == "NHS Act 2006 s75"
    assert ic.governance.DelegationBasisKind.ICB_COMMITTEE.citation is None


def every_holding(land: ic.Landscape) -> list[ic.answers.FunctionAnswer]:
    """Every holding of the landscape, read body by body."""
    return [a for body in land.of_type(ic.Body) for a in ic.governance.functions_held_by(land, body)]


def test_functions_held_by_agrees_with_who_exercises(land: ic.Landscape) -> None:
    """Asking body by body finds exactly the answers asking function by function (without a place) finds."""
    by_function = {a.text: a for function in FUNCTIONS for a in ic.who_exercises(land, function)}
    by_function.update((a.text, a) for a in ic.who_exercises(land, "place-commissioning"))
    by_body = every_holding(land)
    assert len(by_body) == len(by_function)
    assert all(by_function[a.text] == a for a in by_body)
    for body in land.of_type(ic.Body):
        held = ic.governance.functions_held_by(land, body.id)
        assert list(held) == sorted(held, key=lambda a: (a.function, a.period.start or dt.date.min))


def test_a_delegator_missing_from_the_landscape_holds_nothing() -> None:
    """A delegation from an id the landscape lacks (assembled without the builder) passes nothing on."""
    land = ic.Landscape._trusted(
        "Loose",
        [ic.ICB(id="QYG", name="NHS C&M ICB")],
        [ic.Delegation(source="ghost", target="QYG", functions=["dental-services"])],
    )
    assert [a.function for a in ic.governance.functions_held_by(land, "QYG")] == [
        "better-care-fund",
        "community-services",
        "continuing-healthcare",
        "mental-health-services",
    ]
    assert ic.who_exercises(land, "dental-services") == ()
