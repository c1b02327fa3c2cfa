"""Periods: half-open spans of dates in which an entity exists or a relation holds."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Final, Self, TypeAlias

import attrs

from integratedcare._errors import InvalidPeriodError

__all__ = ["DateLike", "Period", "PeriodLike", "to_date", "to_period"]

DateLike: TypeAlias = dt.date | str
"""A date, or its ISO 8601 text (``"2022-07-01"``)."""


def to_date(value: DateLike, *, field: str = "date") -> dt.date:
    """Return ``value`` as a date, accepting ISO 8601 text.

    Raises:
        InvalidPeriodError: the value is neither a date nor ISO 8601 date text.

    Examples:
        >>> from integratedcare._model import to_date
        >>> to_date("2022-07-01")
        datetime.date(2022, 7, 1)
    """
    if value.__class__ is dt.date:  # the common case, first
        return value
    if isinstance(value, dt.datetime):
        raise InvalidPeriodError(field=field, problem=f"must be a date, not a date and time, got {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidPeriodError(field=field, problem=f"must be an ISO date such as 2022-07-01, got {value!r}")


def _optional_date(value: DateLike | None) -> dt.date | None:
    """Convert an optional start or end of a period, naming the period in errors."""
    return None if value is None else to_date(value, field="period")


def _end_after_start(instance: Period, _attribute: object, end: dt.date | None) -> None:
    """Check that a period ends after it starts (half-open, so never on the same day)."""
    if end is not None and instance.start is not None and end <= instance.start:
        raise InvalidPeriodError(field="period", problem=f"must end after it starts, got {instance}")


@attrs.frozen(order=False)
class Period:
    """A half-open span of dates ``[start, end)``: ``start`` is the first day, ``end`` the first day after.

    Either end may be open (``None``). ISO 8601 text is accepted for both.

    Examples:
        >>> import integratedcare as ic
        >>> ccgs = ic.Period(end="2022-07-01")
        >>> icbs = ic.Period("2022-07-01")
        >>> ccgs.contains("2022-06-30"), ccgs.contains("2022-07-01")
        (True, False)
        >>> ccgs.overlaps(icbs)
        False
        >>> print(icbs)
        [2022-07-01, …)
        >>> ic.Period("2022-07-01", "2026-04-01").covers(ic.Period("2023-04-01", "2024-04-01"))
        True
    """

    start: dt.date | None = attrs.field(default=None, converter=_optional_date)
    end: dt.date | None = attrs.field(default=None, converter=_optional_date, validator=_end_after_start)

    def contains(self, date: DateLike) -> bool:
        """Return whether the period holds on ``date``."""
        day = to_date(date)
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """Return whether this period and ``other`` share at least one day."""
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts

    def covers(self, other: Period) -> bool:
        """Return whether every day of ``other`` lies within this period."""
        start_ok = self.start is None or (other.start is not None and self.start <= other.start)
        end_ok = self.end is None or (other.end is not None and other.end <= self.end)
        return start_ok and end_ok

    def intersection(self, other: Period) -> Period | None:
        """Return the days both periods share, or ``None`` when they share none.

        Examples:
            >>> import integratedcare as ic
            >>> print(ic.Period("2020-01-01", "2023-01-01").intersection(ic.Period("2022-07-01")))
            [2022-07-01, 2023-01-01)
        """
        mine, theirs = self.start, other.start
        start = mine if theirs is None or (mine is not None and mine >= theirs) else theirs
        mine_end, their_end = self.end, other.end
        end = mine_end if their_end is None or (mine_end is not None and mine_end <= their_end) else their_end
        if start is not None and end is not None and end <= start:
            return None
        if start == self.start and end == self.end:  # one period within the other: no new period
            return self
        if start == other.start and end == other.end:
            return other
        return Period(start, end)

    @functools.cached_property
    def _order(self) -> tuple[dt.date, dt.date]:
        """Order periods by start, then end (open ends first and last); computed once per period."""
        return (self.start or dt.date.min, self.end or dt.date.max)

    @property
    def is_open(self) -> bool:
        """Whether the period has no end."""
        return self.end is None

    @classmethod
    def always(cls) -> Self:
        """Return the period open at both ends."""
        return cls()

    @staticmethod
    def coerce(value: PeriodLike) -> Period:
        """Return ``value`` as a period: a period as it is, a ``(start, end)`` pair, or ``None`` for always.

        Examples:
            >>> import integratedcare as ic
            >>> print(ic.Period.coerce(("2022-07-01", None)))
            [2022-07-01, …)
            >>> print(ic.Period.coerce(None))
            […, …)
        """
        return to_period(value)

    def __str__(self) -> str:
        """Return the period as ``[start, end)`` with ``…`` for an open end."""
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"[{start}, {end})"


ALWAYS: Final = Period()


def merge_periods(periods: Iterable[Period]) -> list[Period]:
    """Merge overlapping or touching periods into disjoint ones, in order of start.

    Examples:
        >>> from integratedcare._model._period import merge_periods
        >>> import integratedcare as ic
        >>> [str(p) for p in merge_periods([ic.Period("2023-01-01", None), ic.Period("2020-01-01", "2023-01-01"),
        ...                                  ic.Period(None, "2019-01-01")])]
        ['[…, 2019-01-01)', '[2020-01-01, …)']
    """
    merged: list[Period] = []
    for period in sorted(periods, key=lambda p: p.start or dt.date.min):
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or (period.start or dt.date.min) <= last.end):
            end = None if last.end is None or period.end is None else max(last.end, period.end)
            merged[-1] = Period(last.start, end)
        else:
            merged.append(period)
    return merged


PeriodLike: TypeAlias = Period | tuple[DateLike | None, DateLike | None] | None
"""A period, a ``(start, end)`` pair of dates or ISO texts, or ``None`` for always."""


def to_period(value: PeriodLike) -> Period:
    """Return ``value`` as a :class:`Period`.

    Examples:
        >>> from integratedcare._model import to_period
        >>> print(to_period(("2022-07-01", None)))
        [2022-07-01, …)
        >>> print(to_period(None))
        […, …)
    """
    if value is None:
        return ALWAYS
    if isinstance(value, Period):
        return value
    if isinstance(value, tuple) and len(value) == 2:  # noqa: PLR2004 (a pair)
        return Period(value[0], value[1])
    raise InvalidPeriodError(field="period", problem=f"must be a Period or a (start, end) pair, got {value!r}")
