"""Decision rules, forums, applicability tables and ``decide``, with the Cheshire and Merseyside rules."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic

CM = ic.governance.cheshire_and_merseyside_rules()
K = ic.governance.PartnerKind


def _board(**counts: int) -> ic.governance.Forum:
    """Return the C&M board with ``counts`` members of each partner kind (keyword: kind name)."""
    members = [
        ic.governance.ForumMember(id=f"{kind.lower()}-{n}", partner_kind=ic.governance.PartnerKind[kind])
        for kind, count in counts.items()
        for n in range(count)
    ]
    return CM.board.with_members(members)


def _capital_votes(board: ic.governance.Forum, support: int) -> dict[str, str]:
    """Every member votes; ``support`` eligible members vote for, the other eligible ones against."""
    eligible = [m.id for m in board.eligible("capital-and-transformation")]
    votes = {m.id: "for" for m in board.members}  # ineligible members all vote for: they must not count
    votes.update({member: ("for" if n < support else "against") for n, member in enumerate(eligible)})
    return votes


CAPITAL = ic.governance.Proposal(
    id="capital-2021", matter="capital-and-transformation", title="Capital priorities 2021/22"
)


def test_annex_1_is_reproduced_exactly() -> None:
    """Every row of Annex 1 ticks exactly the partner kinds the memorandum ticks."""
    everyone = set(K)
    statutory = {K.CCG, K.NHS_PROVIDER, K.COUNCIL, K.NHS_ENGLAND}
    nhs = {K.CCG, K.NHS_PROVIDER, K.NHS_ENGLAND}
    expected = {
        "Vision, principles, values and behaviours": everyone,
        "Partnership aims": everyone,
        "Governance": everyone,
        "Decision-making and dispute resolution": everyone,
        "Mutual accountability": statutory,
        "Financial risk management": nhs,
        "Allocation of capital and transformation": nhs,
        "National and regional support": statutory,
    }
    table = CM.applicability
    assert table.elements == tuple(expected)
    assert {element: set(table.kinds_for(element)) for element in table.elements} == expected
    assert not table.applies("Allocation of capital and transformation", "councils")
    assert not table.applies("Mutual accountability", K.HEALTHWATCH)
    assert table.sources[0].reference == "Annex 1"


def test_applicability_table_renders_and_rejects_unknown_elements() -> None:
    """The table renders with ticks; an unknown element is an error naming the known ones."""
    text = str(CM.applicability)
    assert "Mutual accountability | ✓ | ✓ | ✓ | ✓ | - | -" in text
    with pytest.raises(ic.errors.InvalidValueError, match="element must be one of Vision"):
        CM.applicability.kinds_for("Catering")
    with pytest.raises(ic.errors.InvalidValueError, match="must map elements to kinds among CCGs"):
        ic.governance.ApplicabilityTable(agreement="x", rows={"a": ["dragons"]})


def test_applicability_by_entity() -> None:
    """An entity's partner kind decides what applies to it: an ICB counts as a CCG, a VCSE as other."""
    table = CM.applicability
    assert table.applies_to("Allocation of capital and transformation", ic.ICB(id="QYG", name="ICB"))
    assert table.applies_to("Mutual accountability", ic.NHSTrust(id="REM", name="A trust"))
    assert not table.applies_to("Mutual accountability", ic.VCSE(id="vsnw", name="VSNW"))
    assert ic.governance.PartnerKind.of(ic.Healthwatch(id="hw", name="HW")) is K.HEALTHWATCH
    assert ic.governance.PartnerKind.of(ic.NHSEngland(id="nhse", name="NHS England")) is K.NHS_ENGLAND


def test_capital_allocation_at_74_percent_is_not_carried() -> None:
    """Capital allocation supported by 74 of 100 eligible Board members is not carried."""
    board = _board(CCG=30, NHS_PROVIDER=60, NHS_ENGLAND=10, COUNCIL=9, HEALTHWATCH=9, OTHER=3)
    outcome = ic.governance.decide(board, CAPITAL, _capital_votes(board, 74))
    assert not outcome.carried
    assert len(outcome.tally.eligible) == 100
    assert len(outcome.tally.not_counted) == 21
    assert str(outcome.rule) == "supermajority of at least 75% of eligible members"
    assert not outcome.referred
    assert [s.carried for s in outcome.steps] == [False, False]
    assert "74 of 100 eligible members (74%) voted for, short of 75%" in str(outcome)


def test_capital_allocation_at_75_percent_is_carried() -> None:
    """Capital allocation supported by 75 of 100 eligible Board members is carried, by the supermajority."""
    board = _board(CCG=30, NHS_PROVIDER=60, NHS_ENGLAND=10, COUNCIL=9, HEALTHWATCH=9, OTHER=3)
    outcome = ic.governance.decide(board, CAPITAL, _capital_votes(board, 75))
    assert outcome.carried
    assert isinstance(outcome.rule, ic.governance.Supermajority)
    assert outcome.steps[0].reason.startswith("no consensus: 25 eligible member(s) present objected")


def test_only_nhs_members_are_eligible_on_a_capital_vote() -> None:
    """On a capital vote only CCG, NHS provider and NHS England/Improvement members are eligible."""
    board = _board(CCG=1, NHS_PROVIDER=1, NHS_ENGLAND=1, COUNCIL=1, HEALTHWATCH=1, OTHER=1)
    kinds = {m.partner_kind for m in board.eligible("capital-and-transformation")}
    assert kinds == {K.CCG, K.NHS_PROVIDER, K.NHS_ENGLAND}
    assert len(board.eligible("ordinary")) == 6


def test_council_votes_cannot_block_capital_consensus() -> None:
    """Councils objecting to a capital proposal do not break the NHS members' consensus."""
    board = _board(CCG=2, COUNCIL=3)
    votes = {"ccg-0": "for", "ccg-1": "for", "council-0": "against", "council-1": "against", "council-2": "against"}
    outcome = ic.governance.decide(board, CAPITAL, votes)
    assert outcome.carried
    assert isinstance(outcome.rule, ic.governance.Consensus)
    assert "not counted (not eligible): council-0, council-1, council-2" in str(outcome.tally)
    assert str(ic.governance.Tally()) == "0 eligible, 0 present: 0 for, 0 against, 0 abstaining"


def test_ordinary_matter_without_consensus_is_referred() -> None:
    """An ordinary matter without consensus is not carried and may be referred to the dispute process."""
    board = _board(COUNCIL=2, CCG=1)
    proposal = ic.governance.Proposal(id="p", matter="ordinary", affected=["council-0"])
    outcome = ic.governance.decide(board, proposal, {"council-0": "against", "council-1": True, "ccg-0": "abstain"})
    assert not outcome.carried
    assert outcome.referred
    assert outcome.reason.endswith("so it may be referred to the dispute process")
    assert outcome.tally.affected == ("council-0",)


def test_consensus_needs_one_supporter() -> None:
    """Abstentions alone are not a consensus; a present member's support with abstentions is."""
    assert not ic.governance.Consensus().test(ic.governance.Tally(eligible=("a",), present=("a",), abstaining=("a",)))[
        0
    ]
    assert ic.governance.Consensus().test(
        ic.governance.Tally(eligible=("a", "b"), present=("a", "b"), in_favour=("a",), abstaining=("b",))
    )[0]


def test_decisions_for_other_levels_are_not_the_forums() -> None:
    """A partner's statutory decision or a delegated forum's decision is not decided by the Board."""
    board = _board(CCG=1)
    for proposal, level in (
        (
            ic.governance.Proposal(id="a", matter="ordinary", statutory_for="ccg-0"),
            ic.governance.DecisionLevel.INDIVIDUAL_ORGANISATION,
        ),
        (
            ic.governance.Proposal(id="b", matter="ordinary", delegated_to="jccg"),
            ic.governance.DecisionLevel.DELEGATED_FORUM,
        ),
    ):
        outcome = ic.governance.decide(board, proposal, {"ccg-0": "for"})
        assert not outcome.carried
        assert outcome.rule is None
        assert str(outcome).endswith(f"not for this forum to decide: a {level.value}")
    assert CM.levels == tuple(ic.governance.DecisionLevel)


def test_quorum_gates_the_decision() -> None:
    """A meeting short of its quorum carries nothing, and says so."""
    board = ic.governance.Forum(
        id="f",
        name="F",
        members=[ic.governance.ForumMember(id=i, partner_kind="other partners") for i in "abcd"],
        matters=[ic.governance.Matter(id="m", title="M", element="any", rules=[ic.governance.Majority()])],
        quorum=ic.governance.Quorum(minimum=1, fraction=0.5),
    )
    short = ic.governance.decide(board, ic.governance.Proposal(id="p", matter="m"), {"a": "for"})
    assert not short.carried
    assert short.reason == "not carried: not quorate: 1 of 4 eligible members present, 2 needed"
    enough = ic.governance.decide(board, ic.governance.Proposal(id="p", matter="m"), {"a": "for", "b": "for"})
    assert enough.carried


def test_matter_without_rules_is_not_carried() -> None:
    """A matter with no rules carries nothing and says it has none."""
    forum = ic.governance.Forum(
        id="f", name="F", matters=[ic.governance.Matter(id="m", title="M", element="e", rules=[])]
    )
    outcome = ic.governance.decide(forum, ic.governance.Proposal(id="p", matter="m"), {})
    assert outcome.reason == "not carried (the matter has no rules)"
    assert outcome.rule is None


def test_bad_votes_and_matters_raise_vote_errors() -> None:
    """Unknown matters, non-members and non-votes raise VoteError naming the forum."""
    board = _board(CCG=1)
    with pytest.raises(ic.errors.VoteError, match=r'forum "cm-partnership-board": decides no matter \'tea\''):
        ic.governance.decide(board, ic.governance.Proposal(id="p", matter="tea"), {})
    with pytest.raises(ic.errors.VoteError, match="has no member 'ghost'"):
        ic.governance.decide(board, ic.governance.Proposal(id="p", matter="ordinary"), {"ghost": "for"})
    with pytest.raises(ic.errors.VoteError, match="vote of 'ccg-0' must be one of for, against, abstain, got 'maybe'"):
        ic.governance.decide(board, ic.governance.Proposal(id="p", matter="ordinary"), {"ccg-0": "maybe"})
    empty = ic.governance.Forum(id="f", name="F")
    with pytest.raises(ic.errors.VoteError, match=r"\(it decides: none\)"):
        empty.matter("m")


def test_majority_counts_and_excludes_affected() -> None:
    """A majority excluding affected members counts only the unaffected present ones."""
    tally = ic.governance.Tally(
        eligible=("a", "b", "c", "d"), present=("a", "b", "c"), in_favour=("a", "b"), affected=("b",)
    )
    assert ic.governance.Majority().test(tally) == (True, "2 of 3 eligible members present voted for, more than half")
    carried, why = ic.governance.Majority(excluding_affected=True).test(tally)
    assert (carried, why) == (False, "1 of 2 eligible members present not affected voted for, not more than half")
    assert not ic.governance.Majority(over="eligible").test(tally)[0]
    assert (
        ic.governance.Majority(over="eligible", excluding_affected=True)
        .test(tally)[1]
        .startswith("1 of 3 eligible members not")
    )


def test_rule_values_are_validated() -> None:
    """Thresholds, quorum shares and 'over' are checked when a rule is made."""
    with pytest.raises(ic.errors.InvalidValueError, match=r"threshold must be greater than 0 and at most 1, got 1\.5"):
        ic.governance.Supermajority(threshold=1.5)
    with pytest.raises(ic.errors.InvalidValueError, match="threshold must be a number, got 'most'"):
        ic.governance.Supermajority(threshold="most")
    with pytest.raises(ic.errors.InvalidValueError, match="over must be 'eligible' or 'present', got 'absent'"):
        ic.governance.Majority(over="absent")  # type: ignore[arg-type]
    with pytest.raises(ic.errors.InvalidValueError, match=r"fraction must be a number in \[0, 1\], got 'half'"):
        ic.governance.Quorum(fraction="half")
    assert ic.governance.Supermajority(threshold=Fraction(2, 3)).threshold == Fraction(2, 3)


def test_supermajority_over_nobody_is_not_carried() -> None:
    """A supermajority with nobody to count is not carried."""
    assert ic.governance.Supermajority(threshold=0.5, over="present").test(ic.governance.Tally(eligible=("a",))) == (
        False,
        "no eligible members present to count",
    )


def test_forum_without_table_counts_every_voting_member() -> None:
    """Without an applicability table every voting member is eligible; non-voting ones never are."""
    forum = ic.governance.Forum(
        id="f",
        name="F",
        members=[
            ic.governance.ForumMember(id="a", partner_kind="councils"),
            ic.governance.ForumMember(id="b", partner_kind="CCGs", voting=False),
        ],
        matters=[ic.governance.Matter(id="m", title="M", element="anything", rules=[ic.governance.Consensus()])],
    )
    assert [m.id for m in forum.eligible("m")] == ["a"]
    assert forum.member("b").voting is False


def test_rule_result_and_base_rule_read_plainly() -> None:
    """Rule results and rules read as plain text."""
    assert (
        str(ic.governance.RuleResult(rule=ic.governance.Quorum(), carried=False, reason="nobody came"))
        == "quorum: not carried (nobody came)"
    )

    class Always(ic.governance.DecisionRule):
        """A rule that carries every proposal, named as the base names rules."""

        def test(self, tally: ic.governance.Tally) -> tuple[bool, str]:
            return True, f"{len(tally.in_favour)} for; this rule carries anything"

    assert str(Always()) == "rule"
    assert Always().test(ic.governance.Tally(eligible=("a",), present=("a",), in_favour=("a",))) == (
        True,
        "1 for; this rule carries anything",
    )


def test_the_base_decision_rule_cannot_be_used_itself() -> None:
    """DecisionRule is abstract: only a rule that says how it counts can be made."""
    with pytest.raises(TypeError, match="abstract"):
        ic.governance.DecisionRule()  # type: ignore[abstract]


@given(
    eligible=st.integers(min_value=1, max_value=60),
    data=st.data(),
    threshold=st.fractions(min_value=Fraction(1, 100), max_value=1),
)
def test_supermajority_carries_iff_share_reaches_threshold(
    eligible: int, data: st.DataObject, threshold: Fraction
) -> None:
    """A supermajority over eligible members carries exactly when support / eligible >= threshold."""
    support = data.draw(st.integers(min_value=0, max_value=eligible))
    ids = tuple(f"m{i:02}" for i in range(eligible))
    tally = ic.governance.Tally(eligible=ids, present=ids, in_favour=ids[:support], against=ids[support:])
    carried, _ = ic.governance.Supermajority(threshold=threshold).test(tally)
    assert carried == (Fraction(support, eligible) >= threshold)


@given(present=st.integers(min_value=0, max_value=40), data=st.data())
def test_majority_carries_iff_more_than_half(present: int, data: st.DataObject) -> None:
    """A majority of those present carries exactly when support is more than half of them."""
    support = data.draw(st.integers(min_value=0, max_value=present))
    ids = tuple(f"m{i:02}" for i in range(present))
    tally = ic.governance.Tally(eligible=(*ids, "absent"), present=ids, in_favour=ids[:support])
    assert ic.governance.Majority().test(tally)[0] == (2 * support > present)


@given(st.dictionaries(st.sampled_from([f"m{i}" for i in range(8)]), st.sampled_from(list(ic.governance.Vote))))
def test_tally_partitions_the_votes(votes: dict[str, ic.governance.Vote]) -> None:
    """Every vote is counted once: as for, against, abstaining or not counted."""
    board = _board(CCG=4, COUNCIL=4)
    renamed = {f"{'ccg' if int(k[1]) < 4 else 'council'}-{int(k[1]) % 4}": v for k, v in votes.items()}
    tally = ic.governance.decide(board, CAPITAL, renamed).tally
    counted = [*tally.in_favour, *tally.against, *tally.abstaining, *tally.not_counted]
    assert sorted(counted) == sorted(renamed)
    assert set(tally.present) <= set(tally.eligible)
