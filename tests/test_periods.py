"""Answers over periods: a timeline gives, on every date, exactly what the query gives with as_of that date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import integratedcare as ic
from strategies import landscapes

OVER = ic.Period("2022-01-01", "2027-01-01")
MONTHS = tuple(dt.date(y, m, 1) for y in range(2022, 2027) for m in range(1, 13))


def probe_days(land: ic.Landscape, over: ic.Period) -> list[dt.date]:
    """Every month, every change point and the day before each, within ``over``."""
    days = {d for d in MONTHS if over.contains(d)}
    for point in ic.answers.change_points(land):
        days.update(d for d in (point, point - dt.timedelta(days=1)) if over.contains(d))
    return sorted(days)


def mismatches(
    query: Callable[..., Sequence[Any]],
    land: ic.Landscape,
    subjects: Sequence[str],
    over: ic.Period,
    **kwargs: object,
) -> list[tuple[str, dt.date]]:
    """Return the (subject, date) pairs on which the timeline and the per-date query disagree."""
    days = probe_days(land, over)
    wrong: list[tuple[str, dt.date]] = []
    for subject in subjects:
        line = ic.answers.timeline(query, land, subject, over=over, **kwargs)
        wrong.extend((subject, day) for day in days if line.on(day) != query(land, subject, as_of=day, **kwargs))
    return wrong


def _documents(land: ic.Landscape) -> list[str]:
    return [e.id for e in land if isinstance(e, ic.Document)]


def _bodies(land: ic.Landscape) -> list[str]:
    return [e.id for e in land if isinstance(e, ic.Body)]


SMALL = ("brackenshire", "cheshire-and-merseyside", "north-east-and-north-cumbria")


@pytest.mark.filterwarnings("ignore::integratedcare.errors.CoverageWarning")  # dates before coverage too
@pytest.mark.parametrize("name", SMALL)
def test_regard_over_a_period_is_the_per_date_loop(name: str) -> None:
    """Every document (strategies, assessments, plans) on every month and change point: the same answers."""
    land = ic.datasets.load(name)
    assert mismatches(ic.who_must_have_regard_to, land, _documents(land), OVER) == []


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::integratedcare.errors.CoverageWarning")  # dates before coverage too
@pytest.mark.parametrize("name", SMALL)
def test_duties_and_structure_over_a_period_are_the_per_date_loop(name: str) -> None:
    """Every body's duties, and the structural queries, sampled on every month and change point."""
    land = ic.datasets.load(name)
    bodies = _bodies(land)
    assert mismatches(ic.duties_of, land, bodies, OVER) == []
    assert mismatches(ic.who_must_have_regard_to, land, _documents(land), OVER, regime="health-bill-2026") == []
    icbs = [e.id for e in land.of_type(ic.ICB)]
    for query in (ic.contents_of, ic.containing, ic.partners_of, ic.accountability_chain):
        assert mismatches(query, land, icbs, OVER) == [], query.__name__


@pytest.mark.filterwarnings("ignore::integratedcare.errors.CoverageWarning")  # dates before coverage too
def test_structural_queries_over_a_period_on_brackenshire() -> None:
    """The queries answered span by span agree with the per-date loop too (a fast sample)."""
    land = ic.datasets.load("brackenshire")
    icbs = [e.id for e in land.of_type(ic.ICB)]
    assert mismatches(ic.members_of, land, icbs, OVER) == []
    assert mismatches(ic.duties_of, land, icbs, OVER) == []


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(land=landscapes())
def test_any_landscape_any_date(land: ic.Landscape) -> None:
    """On any landscape, for every date that matters, the timeline is the per-date answer."""
    over = ic.Period("2015-01-01", "2035-01-01")
    assert mismatches(ic.who_must_have_regard_to, land, _documents(land), over) == []
    assert mismatches(ic.duties_of, land, _bodies(land), over) == []
    assert mismatches(ic.contents_of, land, [e.id for e in land][:3], over) == []


def _strategy_land(**periods: Any) -> ic.Landscape:  # noqa: ANN401 (periods and extra items by name)
    """A board, its partnership and their strategy; ``periods`` dates some of them."""
    return (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=periods.get("icb")),
            ic.ICB(id="QYG2", name="NHS Cheshire and Merseyside ICB (merged)", period=periods.get("successor")),
            ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
            ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer", period=periods.get("strategy")),
            ic.Establishes(source="QYG", target="cm-icp", period=periods.get("icb")),
            ic.Establishes(source="QYG2", target="cm-icp", period=periods.get("successor")),
            ic.Prepares(
                source="cm-icp",
                target="cm-strategy",
                period=periods.get("prepares"),
                sources=[ic.Source(title="the partnership's strategy, 2023")],
            ),
            *periods.get("more", ()),
        )
        .build()
    )


def test_a_timeline_reads_and_prints() -> None:
    """Each answer holds in its periods; the spans cut the period; a date outside it is refused."""
    land = _strategy_land(prepares=(None, "2025-04-01"))
    line = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy", over=OVER)
    assert len(line) == 2
    assert [h.answer.holder.id for h in line] == ["QYG", "QYG2"]
    assert [str(p) for p in line.held[0].periods] == ["[2022-07-01, 2025-04-01)"]
    assert line.held[0].holds_on("2024-01-01")
    assert not line.held[0].holds_on("2026-01-01")
    assert [(str(span), len(answers)) for span, answers in line.spans()] == [
        ("[2022-01-01, 2022-07-01)", 0),
        ("[2022-07-01, 2025-04-01)", 2),
        ("[2025-04-01, 2027-01-01)", 0),
    ]
    text = str(line)
    assert text.startswith("who_must_have_regard_to All Together Fairer (cm-strategy) over [2022-01-01, 2027-01-01):")
    assert "Holds [2022-07-01, 2025-04-01)." in text
    with pytest.raises(ic.errors.InvalidPeriodError, match="must lie within"):
        line.on("2030-01-01")
    with pytest.raises(ic.errors.InvalidPeriodError, match="must lie within"):
        line.on(dt.date(2021, 1, 1))
    empty = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy", over=("2010-01-01", "2011-01-01"))
    assert len(empty) == 0
    assert str(empty).endswith("- nothing")
    assert empty.on("2010-06-01") == ()
    never = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy", over=(None, dt.date.min))
    with pytest.raises(ic.errors.InvalidPeriodError, match="must lie within"):
        never.on(dt.date.min)  # a period of no day at all holds no date
    start = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy", over=(None, "2022-01-01"))
    assert start.on(dt.date.min) == ()
    assert start.on("2021-12-31") == ()
    with pytest.raises(ic.errors.InvalidPeriodError, match="must lie within"):
        start.on("2022-01-01")


def test_a_timeline_over_all_time_and_with_a_regime() -> None:
    """By default the period is all time; a regime chosen applies throughout; answers match the query's."""
    land = _strategy_land()
    line = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy")
    assert line.over == ic.ALWAYS
    assert line.on("2020-01-01") == ()
    assert line.on("2024-01-01") == ic.who_must_have_regard_to(land, "cm-strategy", as_of="2024-01-01")
    bill = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy", regime="health-bill-2026")
    assert bill.on("2020-01-01") == ic.who_must_have_regard_to(
        land, "cm-strategy", as_of="2020-01-01", regime="health-bill-2026"
    )
    duties = ic.answers.timeline(ic.duties_of, land, "QYG", over=OVER)
    assert duties.on("2024-01-01") == ic.duties_of(land, "QYG", as_of="2024-01-01")
    early = ic.answers.timeline(ic.duties_of, land, "QYG", over=("2010-01-01", "2011-01-01"))  # before the ICB
    assert early.on("2010-06-01") == ic.duties_of(land, "QYG", as_of="2010-06-01") == ()


def test_a_timeline_keeps_the_query_checks() -> None:
    """The query's own errors come through; as_of is refused; an unknown regime is named."""
    land = _strategy_land()
    with pytest.raises(ic.errors.EntityKindError):
        ic.answers.timeline(ic.who_must_have_regard_to, land, "QYG")
    with pytest.raises(ic.errors.EntityKindError):
        ic.answers.timeline(ic.duties_of, land, "cm-strategy")
    with pytest.raises(ic.errors.UnknownEntityError):
        ic.answers.timeline(ic.duties_of, land, "nobody")
    with pytest.raises(ic.errors.InvalidPeriodError, match="use over="):
        ic.answers.timeline(ic.duties_of, land, "QYG", as_of="2024-01-01")
    with pytest.raises(ic.errors.UnknownRegimeError):
        ic.answers.timeline(ic.duties_of, land, "QYG", regime="no-such-law")


def test_typed_duties_hold_over_their_periods() -> None:
    """A duty typed in (an agreement's clause) holds over its own period, and equal answers join."""
    clause = ic.Clause(agreement="cm-mou-2020", section="Annex 4")
    duty = ic.Duty(
        source="QYG",
        target="cm-strategy",
        duty="must have regard to",
        basis=clause,
        period=("2023-01-01", "2024-01-01"),
    )
    again = ic.Duty(
        source="QYG",
        target="cm-strategy",
        duty="must have regard to",
        basis=clause,
        period=("2024-01-01", "2025-01-01"),
    )
    other = ic.Duty(source="QYG", target="cm-icp", duty="must consult", basis=clause)
    consult = ic.Duty(source="QYG", target="cm-strategy", duty="must consult", basis=clause)  # no regard
    before = ic.Duty(  # ended before the period asked about
        source="QYG", target="cm-strategy", duty="must have regard to", basis=clause, period=(None, "2021-01-01")
    )
    mou = ic.Agreement(
        id="cm-mou-2020", name="Memorandum of understanding", agreement_type="memorandum-of-understanding"
    )
    land = _strategy_land(more=(mou, duty, again, other, consult, before))
    line = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy", over=OVER)
    typed = [h for h in line if not h.answer.derived]
    assert [[str(p) for p in h.periods] for h in typed] == [["[2023-01-01, 2024-01-01)"], ["[2024-01-01, 2025-01-01)"]]
    assert all(h.answer.duty is ic.DutyKind.HAVE_REGARD_TO for h in line)
    assert mismatches(ic.who_must_have_regard_to, land, ["cm-strategy"], OVER) == []
    assert mismatches(ic.duties_of, land, ["QYG"], OVER) == []


def test_answers_that_are_equal_join_their_periods() -> None:
    """Span by span, an answer that holds in two spans is one answer with its periods joined."""
    land = _strategy_land(more=(ic.Place(id="wirral", name="Wirral", period=("2023-01-01", None)),))
    line = ic.answers.timeline(ic.members_of, land, "cm-icp", over=OVER)
    assert line.on("2024-01-01") == ic.members_of(land, "cm-icp", as_of="2024-01-01")
    assert all(len(h.periods) == 1 for h in line)


def test_a_timeline_of_a_query_whose_answers_have_no_sort_key() -> None:
    """A query of one's own, answering with plain values, keeps its answers in the order first seen."""
    land = _strategy_land(strategy=("2023-01-01", None))

    def names(landscape: ic.Landscape, subject: ic.Entity, *, as_of: dt.date) -> tuple[str, ...]:
        return tuple(sorted(e.id for e in landscape.as_of(as_of) if e.id != subject.id))

    line = ic.answers.timeline(names, land, "QYG", over=("2022-01-01", "2024-01-01"))
    assert line.query == "names"
    assert line.on("2022-06-01") == ("QYG2", "cm-icp")
    assert line.on("2023-06-01") == ("QYG2", "cm-icp", "cm-strategy")
    everything = ic.answers.timeline(names, ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="C&M")).build(), "QYG")
    assert everything.on("2024-01-01") == ()


def test_change_points_are_kept_once_per_landscape() -> None:
    """The change-point index holds the landscape's dates and the law's commencements, computed once."""
    land = _strategy_land(prepares=("2023-01-01", "2025-04-01"))
    points = ic.answers.change_points(land)
    assert points == (dt.date(2022, 7, 1), dt.date(2023, 1, 1), dt.date(2025, 4, 1))
    assert ic.answers.change_points(land) is points


def holder(change: ic.answers.Change) -> str:
    """The id of the holder of the duty whose answer changed."""
    assert isinstance(change.answer, ic.answers.DutyAnswer)
    return change.answer.holder.id


def test_explain_names_the_relation_that_ended_with_its_source() -> None:
    """An answer that ends is explained by the relation that ended on that day, with its sources."""
    land = _strategy_land(prepares=(None, "2025-04-01"))
    why = ic.answers.explain(ic.who_must_have_regard_to, land, "cm-strategy", "2024-01-01", "2026-01-01")
    assert why.started == ()
    assert {holder(c) for c in why.ended} == {"QYG", "QYG2"}
    change = why.ended[0]
    assert isinstance(change.cause, ic.Prepares)
    assert change.date == dt.date(2025, 4, 1)
    assert [s.title for s in change.sources] == ["the partnership's strategy, 2023"]
    text = str(why)
    assert text.startswith("who_must_have_regard_to All Together Fairer (cm-strategy), 2024-01-01 to 2026-01-01:")
    assert (
        "Because the prepares relation cm-icp -> cm-strategy ended; source: the partnership's strategy, 2023." in text
    )
    same = ic.answers.explain(ic.who_must_have_regard_to, land, "cm-strategy", "2023-01-01", "2024-01-01")
    assert same.changes == ()
    assert str(same).endswith("- no change")


def test_explain_names_a_succession_and_the_law() -> None:
    """A board that ceased names its successor; a duty that began with the law names no relation."""
    succession = ic.SucceededBy(
        source="QYG",
        target="QYG2",
        period=("2026-04-01", None),
        basis=ic.Citation(act="NHS Act 2006", section="s14Z25"),
    )
    land = _strategy_land(icb=(None, "2026-04-01"), successor=("2026-04-01", None), more=(succession,))
    why = ic.answers.explain(ic.who_must_have_regard_to, land, "cm-strategy", "2025-01-01", "2026-06-01")
    ended = [c for c in why.ended if holder(c) == "QYG"]
    assert [type(c.cause) for c in ended] == [ic.Establishes, ic.ICB, ic.SucceededBy]
    started = [c for c in why.started if holder(c) == "QYG2"]
    assert [type(c.cause) for c in started] == [ic.Establishes, ic.ICB, ic.SucceededBy]
    assert started[2].basis == succession.basis
    assert started[1].basis is None
    text = str(why)
    assert "Because NHS Cheshire and Merseyside ICB (QYG) ceased." in text
    assert "Because QYG was succeeded by QYG2 (NHS Act 2006 s14Z25)." in text
    assert "came into being" in text
    law = ic.answers.explain(ic.who_must_have_regard_to, _strategy_land(), "cm-strategy", "2022-01-01", "2023-01-01")
    assert {c.cause for c in law.changes} == {None}
    assert all(c.started and c.date == dt.date(2022, 7, 1) for c in law.changes)
    assert str(law.changes[0]).startswith("From 2022-07-01: started: NHS Cheshire")
    assert str(law.changes[0]).endswith("partly verified).")


def test_explain_refuses_dates_out_of_order() -> None:
    """The later date must be later."""
    land = _strategy_land()
    with pytest.raises(ic.errors.InvalidPeriodError, match="must be later than before"):
        ic.answers.explain(ic.who_must_have_regard_to, land, "cm-strategy", "2024-01-01", "2024-01-01")
