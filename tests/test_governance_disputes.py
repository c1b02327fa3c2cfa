"""Dispute processes and the dispute state machine, with the Cheshire and Merseyside process."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic

CM = ic.governance.cheshire_and_merseyside_rules()
PROCESS = CM.dispute_process


def _referred_outcome() -> ic.governance.Outcome:
    """Return an ordinary matter the Board could not agree by consensus."""
    board = CM.board.with_members([ic.governance.ForumMember(id=f"m{i}", partner_kind="councils") for i in range(3)])
    proposal = ic.governance.Proposal(
        id="stroke-pathway", matter="ordinary", title="Stroke pathway", affected=["m0", "m1"]
    )
    return ic.governance.decide(board, proposal, {"m0": "for", "m1": "against", "m2": "for"})


def test_cm_process_has_four_stages_in_order() -> None:
    """The C&M process runs Executive (30 days), Co-ordination Group (majority), facilitator, Board (majority)."""
    stages = PROCESS.stages
    assert [s.forum for s in stages] == [
        "cm-partnership-executive",
        "cm-partnership-coordination-group",
        "independent facilitator (selected by the Partnership Chief Officer)",
        "cm-partnership-board",
    ]
    assert stages[0].time_limit == ic.quantity(30, "day")
    assert [s.time_limit for s in stages[1:]] == [None, None, None]
    assert stages[1].rule == ic.governance.Majority(over="present", excluding_affected=True)
    assert stages[2].rule is None
    assert isinstance(stages[3].rule, ic.governance.Majority)
    assert all(str(s.sources[0].reference).startswith("Annex 4, Dispute resolution") for s in stages)


def test_ordinary_matter_without_consensus_goes_to_stage_one_due_in_30_days() -> None:
    """A referred ordinary matter opens at stage one, due 30 days after referral."""
    dispute = ic.governance.Dispute.from_outcome(_referred_outcome(), PROCESS, on="2021-01-04")
    assert dispute.id == "stroke-pathway-dispute"
    assert dispute.parties == ("m0", "m1")
    assert (dispute.stage, dispute.state) == (1, ic.governance.DisputeState.OPEN)
    assert dispute.current_stage.name == "Partnership Executive"
    assert dispute.due == dt.date(2021, 2, 3)
    assert not dispute.overdue("2021-02-03")
    assert dispute.overdue("2021-02-04")
    assert str(dispute) == (
        "dispute stroke-pathway-dispute: open at stage 1 of 4, Partnership Executive "
        "(cm-partnership-executive, within 30 days), since 2021-01-04, due 2021-02-03"
    )


def test_escalation_walks_the_four_stages_and_no_further() -> None:
    """Escalation visits stages 1 to 4 in order; a fifth escalation raises."""
    dispute = ic.governance.Dispute.start(PROCESS, id="d", on="2021-01-04")
    seen = [dispute.current_stage.name]
    for day in ("2021-02-04", "2021-03-01", "2021-04-01"):
        dispute = dispute.escalate(on=day)
        seen.append(dispute.current_stage.name)
    assert seen == [s.name for s in PROCESS.stages]
    assert [e.action for e in dispute.history] == ["referred", "escalated", "escalated", "escalated"]
    assert dispute.since == dt.date(2021, 4, 1)
    with pytest.raises(
        ic.errors.DisputeStateError, match='dispute "d": cannot escalate at stage 4 of 4: there is no further'
    ):
        dispute.escalate(on="2021-05-01")


def test_resolved_disputes_cannot_move() -> None:
    """A resolved dispute can be neither escalated nor resolved again."""
    resolved = ic.governance.Dispute.start(PROCESS, id="d", on="2021-01-04").resolve(
        on="2021-01-10", resolution="agreed"
    )
    assert resolved.state is ic.governance.DisputeState.RESOLVED
    assert resolved.due is None
    assert not resolved.overdue("2030-01-01")
    assert str(resolved) == "dispute d: resolved at stage 1 on 2021-01-10"
    assert str(resolved.history[-1]) == "2021-01-10: resolved (stage 1): agreed"
    for move in (resolved.escalate, resolved.resolve):
        with pytest.raises(ic.errors.DisputeStateError, match="at resolved: the dispute is already resolved"):
            move(on="2021-02-01")


def test_moves_cannot_go_back_in_time() -> None:
    """A move dated before the dispute's last step raises, naming both dates."""
    dispute = ic.governance.Dispute.start(PROCESS, id="d", on="2021-01-04")
    with pytest.raises(ic.errors.DisputeStateError, match="2021-01-03 is before its last step on 2021-01-04"):
        dispute.escalate(on="2021-01-03")


def test_carried_outcome_cannot_be_referred() -> None:
    """Only an outcome that may be referred opens a dispute."""
    board = CM.board.with_members([ic.governance.ForumMember(id="m", partner_kind="CCGs")])
    carried = ic.governance.decide(board, ic.governance.Proposal(id="ok", matter="ordinary"), {"m": "for"})
    with pytest.raises(ic.errors.DisputeStateError, match='dispute "ok-dispute": cannot refer'):
        ic.governance.Dispute.from_outcome(carried, PROCESS, on="2021-01-04")


def test_stage_lookup_and_validation() -> None:
    """Stages are numbered from 1; bad numbers, empty processes and non-time limits raise."""
    assert PROCESS.stage(4).name == "Partnership Board"
    with pytest.raises(ic.errors.InvalidValueError, match="stage must be from 1 to 4, got 5"):
        PROCESS.stage(5)
    with pytest.raises(ic.errors.InvalidValueError, match="stages must not be empty"):
        ic.governance.DisputeProcess(id="p", name="P", stages=[])
    with pytest.raises(ic.errors.UnitError, match="time_limit must be a time"):
        ic.governance.DisputeStage(name="S", forum="f", time_limit=ic.quantity(30, "GBP"))
    with pytest.raises(ic.errors.InvalidValueError, match="time_limit must be positive"):
        ic.governance.DisputeStage(name="S", forum="f", time_limit=0)
    two_weeks = ic.governance.DisputeStage(name="S", forum="f", time_limit=ic.quantity(2, "week"))
    assert two_weeks.due(dt.date(2021, 1, 1)) == dt.date(2021, 1, 15)
    assert ic.governance.DisputeStage(name="S", forum="f").due(dt.date(2021, 1, 1)) is None
    assert str(ic.governance.DisputeStage(name="S", forum="f", rule=ic.governance.Consensus())) == (
        "S (f, by consensus of the eligible members present)"
    )


def test_dispute_state_error_pickles() -> None:
    """A dispute state error survives pickling with its fields."""
    err = ic.errors.DisputeStateError(dispute="d", action="escalate", state="resolved", problem="no")
    copy = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own object)
    assert (copy.dispute, copy.action, str(copy)) == ("d", "escalate", str(err))


@given(st.lists(st.sampled_from(["escalate", "resolve"]), max_size=8))
def test_random_moves_never_skip_or_exceed_stages(moves: list[str]) -> None:
    """Whatever moves are tried, the stage only ever rises by one, stays within 1..4 and freezes once resolved."""
    dispute = ic.governance.Dispute.start(PROCESS, id="d", on="2021-01-01")
    for n, move in enumerate(moves, start=1):
        day = dt.date(2021, 1, 1) + dt.timedelta(days=n)
        before = dispute
        try:
            dispute = dispute.escalate(on=day) if move == "escalate" else dispute.resolve(on=day)
        except ic.errors.DisputeStateError:
            assert before.state is ic.governance.DisputeState.RESOLVED or before.stage == len(PROCESS.stages)
            continue
        assert dispute.stage - before.stage in (0, 1)
        assert 1 <= dispute.stage <= len(PROCESS.stages)
