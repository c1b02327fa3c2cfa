"""Duty, accountability and delegation queries, and the acceptance checks of issue 4."""

from __future__ import annotations

import doctest
import pickle
from pathlib import Path

import attrs
import pytest

import integratedcare as ic

DOCS = Path(__file__).parent.parent / "docs"
S65Z5 = ic.Citation(act="NHS Act 2006", section="s65Z5")
POD = ("pharmaceutical-services", "ophthalmic-services", "dental-services")


def england() -> ic.Landscape:
    """Two ICBs: North overlaps three councils, one of which also lies in South; national bodies above."""
    return (
        ic.LandscapeBuilder("Little England")
        .add(
            ic.NHSEngland(id="nhse", name="NHS England"),
            ic.SecretaryOfState(id="sos", name="the Secretary of State"),
            ic.Parliament(id="parliament", name="Parliament"),
            ic.ICB(id="QAA", name="North ICB"),
            ic.ICB(id="QBB", name="South ICB"),
            ic.ICP(id="icp-a", name="North ICP"),
            ic.ICP(id="icp-b", name="South ICP"),
            ic.LocalAuthority(id="c1", name="Council One", tier="unitary"),
            ic.LocalAuthority(id="c2", name="Council Two", tier="metropolitan-district"),
            ic.LocalAuthority(id="c3", name="Council Three", tier="county"),
            ic.LocalAuthority(id="c4", name="Council Four", tier="unitary"),
            ic.LocalAuthority(id="d1", name="A District", tier="district"),
            ic.Electorate(id="c1-voters", name="the electorate of Council One"),
            ic.HOSC(id="hosc", name="North joint HOSC", joint=True),
            ic.CQC(id="cqc", name="the CQC"),
            ic.Agreement(id="mou", name="North MoU", agreement_type="memorandum-of-understanding"),
            ic.PlacePlan(id="plan-1", name="Place One plan"),
            ic.IntegratedCareStrategy(id="strat-a", name="North strategy"),
            ic.IntegratedCareStrategy(id="strat-b", name="South strategy"),
            ic.Committee(id="cttee-1", name="Place One committee", committee_type="place-committee"),
            ic.Committee(id="cttee-2", name="Place Two committee", committee_type="place-committee"),
            ic.Committee(id="board-cttee", name="North primary care committee"),
            ic.NHSTrust(id="T1", name="A Trust"),
            ic.Place(id="place-1", name="Place One"),
            ic.Place(id="place-2", name="Place Two"),
            ic.Establishes(source="QAA", target="icp-a"),
            ic.Establishes(source="QBB", target="icp-b"),
            ic.Prepares(source="icp-a", target="strat-a"),
            ic.Prepares(source="icp-b", target="strat-b"),
            ic.Prepares(source="place-1", target="plan-1"),
            ic.Overlaps(source="c1", target="QAA"),
            ic.Overlaps(source="c2", target="QAA"),
            ic.Overlaps(source="c3", target="QAA", share=0.6, measure="LSOA11 count"),
            ic.Overlaps(source="c3", target="QBB", share=0.4, measure="LSOA11 count"),
            ic.Within(source="c4", target="QBB"),
            ic.Overlaps(source="d1", target="QAA"),
            ic.Within(source="place-1", target="QAA"),
            ic.Within(source="place-2", target="QAA"),
            ic.Within(source="c1", target="place-1"),
            ic.Within(source="cttee-1", target="place-1"),
            ic.Within(source="cttee-2", target="place-2"),
            ic.Within(source="board-cttee", target="QAA"),
            ic.AccountableTo(
                source="QAA",
                target="nhse",
                mechanism="annual assessment",
                basis=ic.Citation(act="NHS Act 2006", section="s14Z59"),
            ),
            ic.AccountableTo(source="nhse", target="sos"),
            ic.AccountableTo(source="sos", target="parliament", basis=ic.Citation(act="NHS Act 2006", section="s1(3)")),
            ic.AccountableTo(source="c1", target="c1-voters"),
            ic.AccountableTo(source="QBB", target="nhse"),
            ic.AccountableTo(source="T1", target="QAA"),
            ic.Scrutinises(source="hosc", target="QAA"),
            ic.Assesses(source="cqc", target="QAA"),
            ic.HoldsToAccount(source="c1", target="QAA", basis=ic.Clause(agreement="mou", section="Annex 4")),
            ic.Duty(
                source="c1",
                target="plan-1",
                duty="must have regard to",
                basis=ic.Clause(agreement="mou", section="4.2"),
            ),
            ic.Delegation(source="nhse", target="QAA", functions=POD, period=("2023-04-01", None), basis=S65Z5),
            ic.Delegation(source="nhse", target="QBB", functions=POD, period=("2023-04-01", None), basis=S65Z5),
            ic.Delegation(source="nhse", target="QAA", functions=["primary-medical-services"], basis=S65Z5),
            ic.Delegation(source="QAA", target="cttee-1", functions=["primary-medical-services"]),
            ic.Delegation(source="QAA", target="cttee-2", functions=["primary-medical-services"]),
            ic.Delegation(
                source="QAA", target="board-cttee", functions=["ophthalmic-services"], period=("2023-04-01", None)
            ),
            ic.Delegation(source="QAA", target="T1", functions=["community-services"], accountability_retained=False),
            ic.Delegation(source="T1", target="cttee-1", functions=["community-services"]),
            ic.Delegation(source="QAA", target="place-1", functions=["continuing-care"]),
            ic.Delegation(source="nhse", target="QAA", functions=["old-function"], period=(None, "2020-01-01")),
            ic.Delegation(source="QAA", target="board-cttee", functions=["old-function"], period=("2021-01-01", None)),
        )
        .build()
    )


# --- who must have regard to ---------------------------------------------------------------


def test_acceptance_icb_and_three_councils_and_nhse() -> None:
    """An ICP's strategy binds exactly its ICB and the three councils (s116B(1)), plus NHS England unverified."""
    answers = ic.who_must_have_regard_to(england(), "strat-a")
    assert [(a.holder.id, str(a.basis)) for a in answers] == [
        ("QAA", "LGPIHA 2007 s116B(1)"),
        ("c1", "LGPIHA 2007 s116B(1)"),
        ("c2", "LGPIHA 2007 s116B(1)"),
        ("c3", "LGPIHA 2007 s116B(1)"),
        ("nhse", "LGPIHA 2007 s116B(2)"),
    ]
    assert answers[-1].basis is not None
    assert answers[-1].basis.verification is ic.Verification.UNVERIFIED
    assert "unverified" in str(answers[-1])
    assert all(a.basis.verification is ic.Verification.PARTLY_VERIFIED for a in answers[:-1] if a.basis)


def test_acceptance_council_in_two_areas_regards_both_strategies() -> None:
    """A council overlapping two ICB areas must have regard to both ICPs' strategies."""
    land = england()
    for strategy in ("strat-a", "strat-b"):
        assert "c3" in {a.holder.id for a in ic.who_must_have_regard_to(land, strategy)}
    regarded = {a.subject.id for a in ic.duties_of(land, "c3") if a.duty is ic.DutyKind.HAVE_REGARD_TO}
    assert regarded == {"strat-a", "strat-b"}


def test_acceptance_no_icp_duties_before_commencement() -> None:
    """Asked as of a date before 2022-07-01 there are no ICP duties at all."""
    land = england()
    assert ic.who_must_have_regard_to(land, "strat-a", as_of="2022-06-30") == ()
    assert ic.duties_of(land, "icp-a", as_of="2022-06-30") == ()
    assert [a.kind for a in ic.duties_of(land, "c1", as_of="2022-06-30")] == ["must have regard to"]
    assert ic.duties_of(land, "c1", as_of="2022-06-30")[0].rule is None


def test_acceptance_health_bill_has_no_nhse_or_establishment_duty() -> None:
    """Under the Health Bill regime NHS England has no duty and nobody must establish an ICP."""
    land = england()
    # with no partnership required, the Bill's effect on strategies was not seen: the regard duties stay, flagged
    bill = ic.who_must_have_regard_to(land, "strat-a", regime="health-bill-2026")
    assert bill
    enacted = {a.holder.id for a in ic.who_must_have_regard_to(land, "strat-a")}
    assert {a.holder.id for a in bill} == enacted - {"nhse"} | {"sos"}  # NHS England's limb moves to the SoS
    assert all(isinstance(a.basis, ic.Citation) and a.basis.verification is ic.Verification.UNVERIFIED for a in bill)
    assert ic.duties_of(land, "nhse", regime="health-bill-2026") == ()
    for body in ("QAA", "c1", "c3"):
        kinds = {a.duty for a in ic.duties_of(land, body, regime="health-bill-2026")}
        assert ic.DutyKind.ESTABLISH not in kinds
    assert ic.DutyKind.ESTABLISH in {a.duty for a in ic.duties_of(land, "QAA")}


def test_agreed_duties_appear_with_their_agreement() -> None:
    """A typed-in duty under an agreement is answered with its clause and no rule."""
    answers = ic.who_must_have_regard_to(england(), "plan-1")
    assert len(answers) == 1
    assert not answers[0].derived
    assert [r.kind for r in answers[0].path] == ["duty"]
    assert str(answers[0]) == "Council One must have regard to Place One plan (agreement mou 4.2)."


def test_duty_answers_explain_themselves() -> None:
    """A derived answer carries holder, kind, citation, rule and the relations that produced it."""
    answer = next(a for a in ic.who_must_have_regard_to(england(), "strat-a") if a.holder.id == "c3")
    assert answer.derived
    assert answer.kind == "must have regard to"
    assert answer.rule == "s116B-1-council-strategy"
    assert [r.kind for r in answer.path] == ["overlaps", "establishes", "prepares", "duty"]
    assert str(answer) == (
        "Council Three must have regard to North strategy when exercising any functions "
        "(LGPIHA 2007 s116B(1), partly verified)."
    )


def test_districts_owe_no_statutory_duties() -> None:
    """A shire district is not a responsible authority and owes none of these duties."""
    assert ic.duties_of(england(), "d1") == ()


def test_duty_queries_check_their_arguments() -> None:
    """A body where a document is needed, or the reverse, raises EntityKindError; unknown ids raise."""
    land = england()
    with pytest.raises(
        ic.errors.EntityKindError, match=r'who_must_have_regard_to needs a document, got integrated-care-board "QAA"'
    ):
        ic.who_must_have_regard_to(land, "QAA")
    with pytest.raises(ic.errors.EntityKindError, match=r"duties_of needs a body"):
        ic.duties_of(land, land["strat-a"])
    with pytest.raises(ic.errors.UnknownEntityError, match=r"no entity with id \"strat-c\"; did you mean"):
        ic.who_must_have_regard_to(land, "strat-c")
    err = pickle.loads(pickle.dumps(ic.errors.EntityKindError(query="q", id="x", got="a", expected="b")))  # noqa: S301
    assert (err.query, err.id, err.got, err.expected) == ("q", "x", "a", "b")
    assert isinstance(err, TypeError)


def test_entities_not_in_force_have_no_duties() -> None:
    """Asking about an entity on a date it does not exist gives no answers."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.IntegratedCareStrategy(id="s", name="A strategy", period=("2023-01-01", None)))
        .build()
    )
    assert ic.who_must_have_regard_to(land, "s", as_of="2022-12-31") == ()


# --- accountability ------------------------------------------------------------------------


def test_acceptance_icb_chain_ends_at_parliament() -> None:
    """An ICB's accountability chain ends at Parliament through NHS England and the Secretary of State."""
    chains = ic.accountability_chain(england(), "QAA")
    assert len(chains) == 1
    chain = chains[0]
    assert chain.entity.id == "parliament"
    assert [r.target for r in chain.path] == ["nhse", "sos", "parliament"]
    assert chain.basis == ic.Citation(act="NHS Act 2006", section="s14Z59")
    assert "stops" not in str(chain)


def test_acceptance_council_chain_ends_at_its_electorate() -> None:
    """A council's accountability chain ends at its electorate."""
    chain = ic.accountability_chain(england(), "c1")[0]
    assert isinstance(chain.entity, ic.Electorate)
    assert str(chain) == "Council One is accountable to the electorate of Council One."


def test_incomplete_chains_say_so() -> None:
    """A chain that stops short of Parliament or an electorate is returned and says where it stops."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QAA", name="North ICB"),
            ic.NHSEngland(id="nhse", name="NHS England"),
            ic.AccountableTo(source="QAA", target="nhse"),
            ic.AccountableTo(source="nhse", target="QAA"),
        )
        .build()
    )
    (chain,) = ic.accountability_chain(land, "QAA")
    assert str(chain) == "North ICB is accountable to NHS England, where the recorded chain stops."
    assert ic.accountability_chain(england(), "c2") == ()
    assert ic.accountability_chain(england(), "QAA", as_of="2020-01-01")[0].entity.id == "parliament"


def test_chains_whose_links_never_coexist_are_dropped() -> None:
    """A chain whose links never hold on the same day is no chain; bodies not in force have none."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QAA", name="North ICB", period=("2022-07-01", None)),
            ic.NHSEngland(id="nhse", name="NHS England"),
            ic.Parliament(id="parliament", name="Parliament"),
            ic.AccountableTo(source="QAA", target="nhse", period=("2022-07-01", "2023-01-01")),
            ic.AccountableTo(source="nhse", target="parliament", period=("2024-01-01", None)),
        )
        .build()
    )
    assert ic.accountability_chain(land, "QAA") == ()
    assert ic.accountability_chain(land, "QAA", as_of="2020-01-01") == ()


def test_holds_to_account_lists_every_way() -> None:
    """Accountable-to, holds-to-account, scrutinises and assesses all count, each with its basis."""
    answers = ic.holds_to_account(england(), "QAA")
    assert [(a.entity.id, a.kind) for a in answers] == [
        ("c1", "holds-to-account"),
        ("cqc", "assesses"),
        ("hosc", "scrutinises"),
        ("nhse", "accountable-to"),
    ]
    assert str(answers[0]) == "Council One holds North ICB to account (agreement mou Annex 4)."
    assert ic.holds_to_account(england(), "QAA", as_of="2020-01-01") == answers
    with pytest.raises(ic.errors.EntityKindError):
        ic.holds_to_account(england(), "strat-a")


# --- delegation ----------------------------------------------------------------------------


@pytest.mark.parametrize("function", POD)
def test_acceptance_pod_accountable_and_exercising(function: str) -> None:
    """With POD delegated by NHS England to the ICB, NHS England is accountable and the ICB exercises it."""
    land = england()
    (accountable,) = ic.accountable_for(land, function, "c2")
    assert accountable.body.id == "nhse"
    assert accountable.basis == S65Z5
    assert accountable.role == accountable.kind == "accountable"
    exercising = ic.who_exercises(land, function, "c2")
    assert [a.body.id for a in exercising] == (["board-cttee"] if function == "ophthalmic-services" else ["QAA"])
    assert accountable.path[0].basis == S65Z5
    assert ic.accountable_for(land, function, "c2", as_of="2023-03-31") == ()


def test_delegation_to_a_place_committee_serves_only_its_place() -> None:
    """Onward delegation to a committee for one place counts there, not in another place."""
    land = england()
    assert [a.body.id for a in ic.who_exercises(land, "primary-medical-services", "place-1")] == ["cttee-1"]
    assert [a.body.id for a in ic.who_exercises(land, "primary-medical-services", "c1")] == ["cttee-1"]
    assert [a.body.id for a in ic.who_exercises(land, "primary-medical-services", "place-2")] == ["cttee-2"]
    assert {a.body.id for a in ic.who_exercises(land, "primary-medical-services", "QAA")} == {"cttee-1", "cttee-2"}
    assert [a.body.id for a in ic.accountable_for(land, "primary-medical-services", "place-2")] == ["nhse"]


def test_a_transfer_moves_accountability() -> None:
    """A delegation made without keeping accountability makes the delegate accountable."""
    land = england()
    (answer,) = ic.accountable_for(land, "community-services", "c1")
    assert answer.body.id == "T1"
    assert (
        str(answer) == "A Trust is accountable for community-services in Council One, transferred to it by North ICB."
    )
    assert [a.body.id for a in ic.who_exercises(land, "community-services", "c1")] == ["cttee-1"]


def test_undelegated_functions_have_no_answer() -> None:
    """A function with no delegation reaching the place gives no answer; an empty function id raises."""
    land = england()
    assert ic.who_exercises(land, "dental-services", "c4", as_of="2023-01-01") == ()
    assert ic.accountable_for(land, "public-health", "c1") == ()
    with pytest.raises(ic.errors.InvalidValueError, match=r"function must be a function id"):
        ic.who_exercises(land, " ", "c1")
    assert ic.who_exercises(land, "dental-services", "strat-a", as_of="2020-01-01") == ()


def test_delegation_chain_from_the_original_holder() -> None:
    """A delegation chain runs from the first delegator down to the body asked about."""
    land = england()
    (chain,) = ic.delegation_chain(land, "primary-medical-services", to="cttee-1")
    assert chain.entity.id == "nhse"
    assert [r.target for r in chain.path] == ["QAA", "cttee-1"]
    assert str(chain) == (
        "NHS England delegates primary-medical-services to North ICB (NHS Act 2006 s65Z5, verified), "
        "which delegates it to Place One committee."
    )
    assert ic.delegation_chain(land, "dental-services", to="cttee-1") == ()
    assert ic.delegation_chain(land, "dental-services", to="QAA", as_of="2023-03-31") == ()
    assert ic.delegation_chain(land, "dental-services", to="QAA", as_of="2020-01-01") == ()


def test_delegations_from_and_to() -> None:
    """Delegations are listed from the delegator and to the delegate, optionally for one function."""
    land = england()
    outgoing = ic.delegations_from(land, "nhse")
    assert [a.entity.id for a in outgoing] == ["QAA", "QAA", "QAA", "QBB"]
    assert {a.kind for a in outgoing} == {"delegation"}
    assert sum("3 functions" in str(a) for a in outgoing) == 0  # the functions are named, not counted
    assert sum(" and " in str(a).split(" to ")[0] and ", " in str(a).split(" to ")[0] for a in outgoing) == 2
    assert [a.entity.id for a in ic.delegations_to(land, "QAA", function="primary-medical-services")] == ["nhse"]
    transfer = ic.delegations_from(land, "QAA", function="community-services")[0]
    assert "transferring accountability" in str(transfer)
    assert ic.delegations_to(land, "QAA", as_of="2023-03-31")[0].entity.id == "nhse"
    assert ic.delegations_to(land, "QAA", as_of="2020-01-01", function="dental-services") == ()


def test_bodies_not_in_force_have_no_delegations() -> None:
    """Asking about a body on a date it does not exist gives no delegation answers."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QAA", name="North ICB", period=("2022-07-01", None))).build()
    assert ic.delegations_from(land, "QAA", as_of="2022-01-01") == ()
    assert ic.delegation_chain(land, "dental-services", to="QAA", as_of="2022-01-01") == ()
    assert ic.holds_to_account(land, "QAA", as_of="2022-01-01") == ()
    assert ic.accountable_for(land, "dental-services", "QAA", as_of="2022-01-01") == ()


# --- the how-to page -----------------------------------------------------------------------


def test_queries_page_examples_run() -> None:
    """Every example in docs/queries.md runs and prints what the page shows."""
    result = doctest.testfile(
        str(DOCS / "queries.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 10
    assert result.failed == 0


def test_onward_delegation_to_the_area_itself() -> None:
    """An ICB delegating a function it holds to a place makes the place exercise it there."""
    land = england()
    assert [a.body.id for a in ic.who_exercises(land, "continuing-care", "c1")] == ["place-1"]
    assert [a.body.id for a in ic.accountable_for(land, "continuing-care", "c1")] == ["QAA"]


def test_delegation_chains_that_never_hold_are_dropped() -> None:
    """A chain whose delegations never hold on the same day gives no answer."""
    assert ic.who_exercises(england(), "old-function", "QAA") == ()


def old_sort(answers: list[ic.answers.DutyAnswer]) -> tuple[ic.answers.DutyAnswer, ...]:
    """Sort answers as sort_answers did before: drop repeats by hashing, then sort by the full key."""
    return tuple(sorted(dict.fromkeys(answers), key=lambda a: a.sort_key()))


def test_sort_answers_drops_repeats_and_breaks_ties_by_path() -> None:
    """Answers sharing holder, subject, duty, rule and start are ordered by path; repeats are dropped."""
    from integratedcare._queries._common import sort_answers  # noqa: PLC0415 (the helper under test)

    [answer] = ic.who_must_have_regard_to(england(), "strat-a")[:1]
    other_path = attrs.evolve(answer, path=answer.path[::-1])
    equal_copy = attrs.evolve(answer)
    answers = [other_path, answer, equal_copy, other_path]
    assert sort_answers(answers) == old_sort(answers)
    assert len(sort_answers(answers)) == 2
    assert sort_answers([]) == ()


@pytest.mark.parametrize("name", ic.datasets.names())
def test_sort_answers_orders_every_dataset_as_before(name: str) -> None:
    """Every duty query on each bundled dataset returns its answers in the order the full sort key gives."""
    land = ic.datasets.load(name)
    for entity in land:
        if isinstance(entity, ic.Document):
            found = ic.who_must_have_regard_to(land, entity)
        elif isinstance(entity, ic.Body):
            found = ic.duties_of(land, entity)
        else:
            continue
        assert found == old_sort(list(found))
        assert list(found) == sorted(found, key=lambda a: a.sort_key())
