"""Periods: half-open date spans, ISO text, containment and overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic
from integratedcare._model import to_date  # no public path: queries convert dates themselves
from integratedcare._model._period import merge_periods
from strategies import periods


def test_iso_text_and_dates_are_accepted() -> None:
    """Start and end may be ISO text or dates, and are stored as dates."""
    period = ic.Period("2022-07-01", dt.date(2026, 4, 1))
    assert period.start == dt.date(2022, 7, 1)
    assert period.end == dt.date(2026, 4, 1)


def test_half_open() -> None:
    """The start day is inside the period and the end day is not."""
    period = ic.Period("2022-07-01", "2026-04-01")
    assert period.contains("2022-07-01")
    assert period.contains("2026-03-31")
    assert not period.contains("2026-04-01")
    assert not period.contains("2022-06-30")


def test_open_ends() -> None:
    """An open start or end holds for every earlier or later day."""
    assert ic.Period(end="2022-07-01").contains("1900-01-01")
    assert ic.Period("2022-07-01").contains("2999-12-31")
    assert ic.Period.always().contains("2000-01-01")
    assert ic.Period("2022-07-01").is_open
    assert not ic.Period(end="2022-07-01").is_open


@pytest.mark.parametrize(("start", "end"), [("2024-01-01", "2023-01-01"), ("2024-01-01", "2024-01-01")])
def test_end_must_follow_start(start: str, end: str) -> None:
    """A period that ends on or before its start is refused, naming the period."""
    with pytest.raises(ic.errors.InvalidPeriodError, match=r"period must end after it starts, got \[2024-01-01, 202"):
        ic.Period(start, end)


@pytest.mark.parametrize("value", ["2022-13-01", "yesterday", 20220701, dt.datetime(2022, 7, 1, 9, 0, tzinfo=dt.UTC)])
def test_bad_dates_are_refused(value: object) -> None:
    """Malformed dates, numbers and datetimes are refused with the value shown."""
    with pytest.raises(ic.errors.InvalidPeriodError, match="period must be"):
        ic.Period(value)  # type: ignore[arg-type]


def test_to_date_names_the_field() -> None:
    """Date conversion names the field it was converting."""
    with pytest.raises(ic.errors.InvalidPeriodError, match=r"^as_of must be an ISO date"):
        to_date("soon", field="as_of")


def test_to_date_keeps_dates_and_date_subclasses() -> None:
    """A date, or an instance of a date subclass (not a datetime), is returned as it is."""

    class Day(dt.date):
        """A subclass of date, as some libraries make."""

    day, plain = Day(2022, 7, 1), dt.date(2022, 7, 1)
    assert to_date(day) is day
    assert to_date(plain) is plain


def test_intersection_with_always_returns_the_other_period() -> None:
    """Always shares every day: its intersection with a period is that period."""
    icbs = ic.Period("2022-07-01")
    assert icbs.intersection(ic.ALWAYS) is icbs
    assert ic.ALWAYS.intersection(icbs) is icbs
    assert ic.Period(end="2020-01-01").intersection(icbs) is None


def test_coerce_conversions() -> None:
    """Period.coerce: None means always; pairs and periods convert; anything else is refused."""
    assert ic.Period.coerce(None) == ic.ALWAYS
    same = ic.Period("2020-01-01")
    assert ic.Period.coerce(same) is same
    assert ic.Period.coerce(("2020-01-01", None)) == same
    with pytest.raises(ic.errors.InvalidPeriodError, match="must be a Period or a"):
        ic.Period.coerce("2020-01-01")  # type: ignore[arg-type]


def test_str_shows_open_ends() -> None:
    """str() shows both ends, with an ellipsis for an open one."""
    assert str(ic.Period("2022-07-01", "2026-04-01")) == "[2022-07-01, 2026-04-01)"
    assert str(ic.Period()) == "[…, …)"


def test_intersection() -> None:
    """The intersection holds the shared days, or is None when there are none."""
    a = ic.Period("2020-01-01", "2023-01-01")
    assert a.intersection(ic.Period("2022-07-01")) == ic.Period("2022-07-01", "2023-01-01")
    assert a.intersection(ic.Period("2023-01-01")) is None
    assert ic.Period().intersection(ic.Period()) == ic.Period()


@given(periods(), periods(), st.dates())
def test_overlap_matches_a_shared_day(a: ic.Period, b: ic.Period, day: dt.date) -> None:
    """If both periods hold on a day they overlap, and their intersection holds on it."""
    if a.contains(day) and b.contains(day):
        assert a.overlaps(b)
        shared = a.intersection(b)
        assert shared is not None
        assert shared.contains(day)
    assert a.overlaps(b) == b.overlaps(a)
    assert (a.intersection(b) is None) == (not a.overlaps(b))


@given(periods(), periods())
def test_covers_means_every_day_inside(a: ic.Period, b: ic.Period) -> None:
    """A period covers another exactly when their intersection is the other."""
    assert a.covers(b) == (a.intersection(b) == b)
    assert a.covers(a)


def test_merge_periods_joins_touching_and_open_periods() -> None:
    """Touching periods merge; an open end stays open; disjoint periods stay apart, in order of start."""
    merged = merge_periods([ic.Period("2021-01-01", "2022-01-01"), ic.Period("2020-01-01", "2021-01-01")])
    assert merged == [ic.Period("2020-01-01", "2022-01-01")]
    assert merge_periods([ic.Period("2020-01-01"), ic.Period("2021-01-01", "2022-01-01")]) == [ic.Period("2020-01-01")]
    assert merge_periods([ic.Period("2020-01-01", "2021-06-01"), ic.Period("2021-01-01")]) == [ic.Period("2020-01-01")]
    apart = [ic.Period("2020-01-01", "2020-02-01"), ic.Period("2021-01-01", "2021-02-01")]
    assert merge_periods(apart) == apart
    assert merge_periods([]) == []


@given(periods(), periods(), st.dates())
def test_intersection_holds_exactly_the_shared_days(a: ic.Period, b: ic.Period, day: dt.date) -> None:
    """A day is in the intersection if and only if both periods hold on it, whichever way round it is asked."""
    for shared in (a.intersection(b), b.intersection(a)):
        held = shared is not None and shared.contains(day)
        assert held == (a.contains(day) and b.contains(day))
    assert a.intersection(b) == b.intersection(a)
