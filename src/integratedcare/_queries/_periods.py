"""Answers over periods: each answer of a query with the periods in which it holds, and why answers change.

:func:`timeline` asks a query over a whole :class:`~integratedcare.Period` at once. The duty
queries (:func:`~integratedcare.who_must_have_regard_to`, :func:`~integratedcare.duties_of`)
answer in one pass from the undated derivation, which already carries each duty's period; every
other query that takes ``as_of`` is asked once per span in which the landscape does not change
(cut at the dates of the landscape's change-point index), never once per day. The resulting
:class:`Timeline` is itself an index: the answer on a date is a bisect over the dates on which
the answers change. :func:`explain` says what changed between two dates, and why.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, Generic, NoReturn, TypeVar, cast

import attrs

from integratedcare._derived import Derived
from integratedcare._errors import InvalidPeriodError
from integratedcare._landscape import Landscape
from integratedcare._model import (
    ALWAYS,
    Body,
    Citation,
    Clause,
    DateLike,
    Document,
    Duty,
    DutyKind,
    Entity,
    Period,
    PeriodLike,
    Relation,
    SucceededBy,
    to_date,
    to_period,
)
from integratedcare._model._period import merge_periods
from integratedcare._model._provenance import Source
from integratedcare._queries._answers import DutyAnswer
from integratedcare._queries._common import entity_of, required, sort_answers
from integratedcare._queries._duties import _answer, duties_of, own_answers, who_must_have_regard_to
from integratedcare._statute import REGIMES, DerivedDuty, Regime, derived_duties, legal_regime

__all__ = ["Change", "Explanation", "Held", "Timeline", "change_points", "explain", "timeline"]

A = TypeVar("A")

_DAY: Final = dt.timedelta(days=1)

_CHANGE_POINTS: Final[Derived[None, tuple[dt.date, ...]]] = Derived("change points")
"""Each landscape's change-point index: one value per landscape, at most two dates per entity and relation."""

_COMMENCEMENTS: Final = tuple(sorted({r.commencement for r in REGIMES.values() if r.commencement is not None}))
"""The days on which an enacted regime commenced: the law a query applies by default changes on them."""

_ANSWER_ENTITIES: Final = ("holder", "subject", "entity", "body", "area", "where")
"""The fields through which an answer names entities whose start or end may change it."""


def _read_change_points(landscape: Landscape) -> tuple[dt.date, ...]:
    """Collect, in order, every date on which an entity or relation of the landscape starts or ends."""
    dates: set[dt.date] = set(_COMMENCEMENTS)
    for item in (*landscape, *landscape.all_relations):
        period = item.period
        if period.start is not None:
            dates.add(period.start)
        if period.end is not None:
            dates.add(period.end)
    return tuple(sorted(dates))


def change_points(landscape: Landscape) -> tuple[dt.date, ...]:
    """Return the dates on which anything in the landscape, or the law applied by default, changes.

    The landscape's change-point index: between two consecutive dates every query that takes
    ``as_of`` gives the same answers. It is computed once per landscape and kept while the
    landscape lives; it holds at most two dates per entity and relation, plus one per enacted
    regime's commencement, so nothing a caller asks makes it grow.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
        ... ).build()
        >>> [d.isoformat() for d in ic.answers.change_points(land)]
        ['2022-07-01']
    """
    return _CHANGE_POINTS.get(landscape, None, lambda: _read_change_points(landscape))


@attrs.frozen(kw_only=True)
class Held(Generic[A]):
    """One answer and the periods, within those asked about, in which it holds.

    Attributes:
        answer: the answer, as the query gives it for any date of its periods.
        periods: when it holds, disjoint and in order, each within the period asked about.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Place(id="wirral", name="Wirral"),
        ...     ic.Within(source="wirral", target="QYG", period=("2022-07-01", None)),
        ... ).build()
        >>> held = ic.answers.timeline(ic.contents_of, land, "QYG", over=("2022-01-01", "2023-01-01")).held[0]
        >>> held.holds_on("2022-06-30"), held.holds_on("2022-07-01")
        (False, True)
    """

    answer: A
    periods: tuple[Period, ...]

    def holds_on(self, day: DateLike) -> bool:
        """Return whether the answer holds on ``day``."""
        return any(period.contains(day) for period in self.periods)

    def __str__(self) -> str:
        """Say the answer and when it holds."""
        return f"{self.answer} Holds {', '.join(str(p) for p in self.periods)}."


def _days_of(over: Period) -> tuple[dt.date, dt.date]:
    """Return the first and last days of a period (``over`` is half-open), the last before the first if it has none."""
    if over.end == dt.date.min:  # the period of no day at all
        return dt.date.max, dt.date.min
    return over.start or dt.date.min, dt.date.max if over.end is None else over.end - _DAY


def _outside(over: Period, day: dt.date) -> NoReturn:
    """Refuse a date outside the period asked about.

    Raises:
        InvalidPeriodError: always.
    """
    raise InvalidPeriodError(field="as_of", problem=f"must lie within {over}, got {day.isoformat()}")


@attrs.frozen(kw_only=True)
class Timeline(Generic[A]):
    """A query's answers over a period: each answer with the periods in which it holds.

    Iterating gives the :class:`Held` answers; :meth:`on` gives the answers on one date, by a
    bisect over :attr:`dates`, the same (and in the same order) as the query asked with
    ``as_of`` that date.

    Attributes:
        query: the query's name, such as ``who_must_have_regard_to``.
        subject: the entity asked about.
        over: the period asked about.
        held: each answer with its periods, in the query's order of answers.
        dates: the dates within the period on which the answers change, in order.
        segments: the answers in force in each span the dates cut the period into (one more than the dates).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ...     ic.Prepares(source="cm-icp", target="cm-strategy", period=(None, "2025-04-01")),
        ... ).build()
        >>> line = ic.answers.timeline(ic.who_must_have_regard_to, land, "cm-strategy",
        ...                            over=("2022-01-01", "2027-01-01"))
        >>> for held in line:
        ...     print(held.answer.holder.id, [str(p) for p in held.periods])
        QYG ['[2022-07-01, 2025-04-01)']
        >>> [d.isoformat() for d in line.dates]
        ['2022-07-01', '2025-04-01']
        >>> line.on("2024-01-01") == ic.who_must_have_regard_to(land, "cm-strategy", as_of="2024-01-01")
        True
        >>> line.on("2026-01-01")
        ()
    """

    query: str
    subject: Entity
    over: Period
    held: tuple[Held[A], ...]
    dates: tuple[dt.date, ...]
    segments: tuple[tuple[A, ...], ...]
    _first: dt.date = attrs.field(init=False, repr=False, eq=False)
    _last: dt.date = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        """Keep the first and last days asked about, so :meth:`on` checks a date with one comparison."""
        first, last = _days_of(self.over)
        object.__setattr__(self, "_first", first)  # a frozen class's own derived fields, set once
        object.__setattr__(self, "_last", last)

    def on(self, day: DateLike) -> tuple[A, ...]:
        """Return the answers on ``day``: what the query gives with ``as_of=day``.

        Raises:
            InvalidPeriodError: ``day`` is not a date or lies outside the period asked about.
        """
        date = day if type(day) is dt.date else to_date(day, field="as_of")  # the common case, without a call
        if not self._first <= date <= self._last:
            _outside(self.over, date)
        return self.segments[bisect_right(self.dates, date)]

    def spans(self) -> tuple[tuple[Period, tuple[A, ...]], ...]:
        """Return each span in which the answers do not change, with those answers."""
        cuts = (self.over.start, *self.dates, self.over.end)
        return tuple((Period(cuts[i], cuts[i + 1]), answers) for i, answers in enumerate(self.segments))

    def __iter__(self) -> Iterator[Held[A]]:
        """Iterate over the answers with their periods."""
        return iter(self.held)

    def __len__(self) -> int:
        """Return how many distinct answers hold at some time in the period."""
        return len(self.held)

    def __str__(self) -> str:
        """Say each answer and when it holds, one per line."""
        head = f"{self.query} {self.subject.name} ({self.subject.id}) over {self.over}:"
        return "\n".join([head, *(f"- {held}" for held in self.held)] if self.held else [head, "- nothing"])


def _segments(over: Period, held: Sequence[Held[A]]) -> tuple[tuple[dt.date, ...], tuple[tuple[A, ...], ...]]:
    """Cut ``over`` at every date an answer starts or stops holding; return the dates and each span's answers."""
    edges: set[dt.date | None] = set()
    for h in held:
        for p in h.periods:
            edges.add(p.start)
            edges.add(p.end)
    edges.difference_update((None, over.start, over.end))
    if not edges:  # every answer holds over the whole period (each period lies within it)
        return (), (tuple(h.answer for h in held),)
    cuts = sorted(cast("set[dt.date]", edges))
    active: list[list[A]] = [[] for _ in range(len(cuts) + 1)]
    for h in held:  # in the query's order, so each span's answers are too
        for period in h.periods:
            first = 0 if period.start is None else bisect_right(cuts, period.start)
            last = len(cuts) if period.end is None else bisect_left(cuts, period.end)  # the span of its last day
            for index in range(first, last + 1):
                active[index].append(h.answer)
    return tuple(cuts), tuple(tuple(answers) for answers in active)


def _make(query: str, subject: Entity, over: Period, pairs: Sequence[tuple[A, Sequence[Period]]]) -> Timeline[A]:
    """Build a timeline from answers in the query's order, each with the periods in which it holds."""
    held = [
        Held(answer=answer, periods=(periods[0],) if len(periods) == 1 else tuple(merge_periods(periods)))
        for answer, periods in pairs
        if periods
    ]
    dates, segments = _segments(over, held)
    return Timeline(query=query, subject=subject, over=over, held=tuple(held), dates=dates, segments=segments)


def _clip(period: Period, over: Period) -> Period | None:
    """Return the days of ``period`` within ``over``, or ``None``."""
    return period.intersection(over)


def _regime_spans(regime: str | Regime | None) -> tuple[tuple[Period, Regime], ...]:
    """Return the spans of time in which one regime applies: the one chosen, or by default each enacted one."""
    if regime is not None:
        return ((ALWAYS, legal_regime(regime)),)
    return _enacted_spans()


@functools.cache  # one value: the enacted regimes are fixed when the package is imported
def _enacted_spans() -> tuple[tuple[Period, Regime], ...]:
    """Return the spans of time between the enacted regimes' commencements, each with the regime in force."""
    cuts: list[dt.date | None] = [None, *_COMMENCEMENTS, None]
    return tuple((span, legal_regime(None, as_of=_day_of(span))) for span in map(Period, cuts[:-1], cuts[1:]))


def _regime_windows(regime: str | Regime | None, over: Period) -> list[tuple[Regime, list[Period]]]:
    """Return each regime that applies within ``over``, with the parts of ``over`` in which it does."""
    windows: dict[str, tuple[Regime, list[Period]]] = {}
    for span, reg in _regime_spans(regime):
        window = _clip(span, over)
        if window is not None:
            windows.setdefault(reg.id, (reg, []))[1].append(window)
    return list(windows.values())


def _duty_timeline(
    landscape: Landscape,
    name: str,
    subject: Entity,
    over: Period,
    regime: str | Regime | None,
) -> Timeline[DutyAnswer]:
    """Answer a duty query over ``over`` in one pass over the undated derivation (each duty carries its period).

    Each duty gives one answer (a regime derives each duty once, and answers from different
    regimes or typed in differ in their paths), so the answers need no joining.
    """
    regard = name == "who_must_have_regard_to"
    ends: dict[str, str] = {"target": subject.id} if regard else {"source": subject.id}
    pairs: list[tuple[Duty, list[Period]]] = []
    own: list[tuple[DutyAnswer, list[Period]]] = []
    for reg, windows in _regime_windows(regime, over):
        derived: tuple[DerivedDuty, ...] = derived_duties(landscape, regime=reg, **ends)
        _clip_duties(pairs, derived, windows, regard=regard)
        if not regard:  # the duties on the body's own conduct, which join it to no other entity
            own.extend((answer, _clips(period, windows)) for answer, period in own_answers(subject, regime=reg))
    _clip_duties(pairs, landscape.relations(Duty, **ends), [over], regard=regard)
    periods: dict[int, list[Period]] = {}
    made: list[DutyAnswer] = []
    get = landscape.get
    for duty, clipped in pairs:
        answer = _answer(get, duty)
        made.append(answer)
        periods[id(answer)] = clipped
    for answer, clipped in own:
        if clipped:
            made.append(answer)
            periods[id(answer)] = clipped
    return _make(name, subject, over, [(a, periods[id(a)]) for a in sort_answers(made)])


def _clip_duties(
    pairs: list[tuple[Duty, list[Period]]], duties: Sequence[Duty], windows: Sequence[Period], *, regard: bool
) -> None:
    """Add to ``pairs`` each duty (only the duties of regard, if ``regard``) with its parts within the windows."""
    for duty in duties:
        if regard and duty.duty is not DutyKind.HAVE_REGARD_TO:
            continue
        clipped = _clips(duty.period, windows)
        if clipped:
            pairs.append((duty, clipped))


def _clips(period: Period, windows: Sequence[Period]) -> list[Period]:
    """Return the parts of ``period`` within each window."""
    if len(windows) == 1:  # the common case: one regime over the whole period asked about
        part = period.intersection(windows[0])
        return [] if part is None else [part]
    return [part for window in windows if (part := period.intersection(window)) is not None]


def _day_of(span: Period) -> dt.date:
    """Return a date that stands for a span: its first day, or the day before an open-start span ends."""
    if span.start is not None:
        return span.start
    # a span open at both ends comes only from a landscape and law that never change: any date will do
    return span.end - dt.timedelta(days=1) if span.end is not None else dt.date(2000, 1, 1)


def _sampled_timeline(
    query: Callable[..., Sequence[A]],
    landscape: Landscape,
    subject: Entity,
    over: Period,
    kwargs: dict[str, Any],
) -> Timeline[A]:
    """Ask ``query`` once per span of ``over`` in which the landscape does not change, and join the answers."""
    cuts = [d for d in change_points(landscape) if over.contains(d) and d != over.start]
    bounds = [over.start, *cuts, over.end]
    answers: list[A] = []
    periods: list[list[Period]] = []
    for span in map(Period, bounds[:-1], bounds[1:]):
        for answer in query(landscape, subject, as_of=_day_of(span), **kwargs):
            for index, seen in enumerate(answers):
                if seen == answer:
                    periods[index].append(span)
                    break
            else:
                answers.append(answer)
                periods.append([span])
    pairs = list(zip(answers, periods, strict=True))
    order = {id(a): n for n, a in enumerate(sort_answers(cast("list[Any]", answers)))} if _sortable(answers) else None
    if order is not None:
        pairs.sort(key=lambda pair: order[id(pair[0])])
    return _make(getattr(query, "__name__", "query"), subject, over, pairs)


def _sortable(answers: Sequence[object]) -> bool:
    """Whether every answer has the sort keys the queries order their answers by."""
    return all(hasattr(a, "order_key") and hasattr(a, "sort_key") for a in answers)


_DUTY_QUERIES: Final = {"who_must_have_regard_to": who_must_have_regard_to, "duties_of": duties_of}


def timeline(
    query: Callable[..., Sequence[A]],
    landscape: Landscape,
    subject: Entity | str,
    *,
    over: PeriodLike = None,
    **kwargs: Any,  # noqa: ANN401 (the query's own options, passed on as they are)
) -> Timeline[A]:
    """Ask a query over a whole period: each answer with the periods in which it holds.

    ``query`` is any query that takes a landscape, a subject and ``as_of``, such as
    :func:`~integratedcare.who_must_have_regard_to`, :func:`~integratedcare.duties_of`,
    :func:`~integratedcare.members_of` or :func:`~integratedcare.accountability_chain`. The
    duty queries are answered in one pass from the undated derivation of duties, which carries
    each duty's period; any other query is asked once per span in which the landscape does not
    change (see :func:`change_points`). Either way :meth:`Timeline.on` gives, for every date of
    ``over``, exactly what the query gives with ``as_of`` that date.

    Args:
        query: the query.
        landscape: the landscape.
        subject: the entity asked about, or its id.
        over: the period (a :class:`~integratedcare.Period` or a ``(start, end)`` pair); by default all time.
        **kwargs: the query's other options, such as ``regime`` (never ``as_of``).

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the query cannot answer about that kind of entity.
        InvalidValueError: ``as_of`` was given.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Place(id="wirral", name="Wirral"),
        ...     ic.Within(source="wirral", target="QYG", period=("2022-07-01", None)),
        ... ).build()
        >>> line = ic.answers.timeline(ic.contents_of, land, "QYG", over=("2022-01-01", "2023-01-01"))
        >>> [(h.answer.entity.id, [str(p) for p in h.periods]) for h in line]
        [('wirral', ['[2022-07-01, 2023-01-01)'])]
    """
    if "as_of" in kwargs:
        raise InvalidPeriodError(field="as_of", problem="cannot be given to a timeline: use over=")
    period = to_period(over)
    entity = entity_of(landscape, subject)
    name = getattr(query, "__name__", "")
    if _DUTY_QUERIES.get(name) is query and set(kwargs) <= {"regime"}:
        kind, expected = (Document, "document") if name == "who_must_have_regard_to" else (Body, "body")
        required(landscape, entity, kind, query=name, expected=expected)
        duty_line: Timeline[Any] = _duty_timeline(landscape, name, entity, period, kwargs.get("regime"))
        return duty_line
    return _sampled_timeline(query, landscape, entity, period, kwargs)


@attrs.frozen(kw_only=True)
class Change:
    """An answer that started or stopped holding between two dates, and what made it.

    Attributes:
        answer: the answer.
        started: ``True`` if it holds on the later date only, ``False`` if on the earlier only.
        date: the day it started holding, or the first day it no longer held.
        cause: the relation (such as a succession or a delegation) or entity whose start or end
            on ``date`` made the change, or ``None`` when none of those the answer names did
            (a change of the law applied, say).
        basis: the cause's legal citation or agreement clause, if it has one.
        sources: where the facts about the cause come from.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Place(id="wirral", name="Wirral"),
        ...     ic.Within(source="wirral", target="QYG", period=("2023-04-01", None)),
        ... ).build()
        >>> change = ic.answers.explain(ic.contents_of, land, "QYG", "2023-01-01", "2024-01-01").changes[0]
        >>> change.started, change.date, change.cause.kind
        (True, datetime.date(2023, 4, 1), 'within')
    """

    answer: object
    started: bool
    date: dt.date
    cause: Relation | Entity | None = None
    basis: Citation | Clause | None = None
    sources: tuple[Source, ...] = ()

    def __str__(self) -> str:
        """Say what started or ended, when, and because of what."""
        verb = "started" if self.started else "ended"
        text = f"From {self.date.isoformat()}: {verb}: {self.answer}"
        if isinstance(self.cause, SucceededBy):
            text += f" Because {self.cause.source} was succeeded by {self.cause.target}"
        elif isinstance(self.cause, Relation):
            text += f" Because the {self.cause.kind} relation {self.cause.source} -> {self.cause.target} {verb}"
        elif isinstance(self.cause, Entity):
            text += f" Because {self.cause.name} ({self.cause.id}) {'came into being' if self.started else 'ceased'}"
        else:
            return text
        if self.basis is not None:
            text += f" ({self.basis})"
        if self.sources:
            text += f"; source: {'; '.join(s.title for s in self.sources)}"
        return text + "."


@attrs.frozen(kw_only=True)
class Explanation:
    """What changed in a query's answers between two dates, and why.

    Attributes:
        query: the query's name.
        subject: the entity asked about.
        before: the earlier date.
        after: the later date.
        changes: each answer that started or ended, once per cause, in order of date.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Place(id="wirral", name="Wirral"),
        ...     ic.Within(source="wirral", target="QYG", period=(None, "2023-04-01")),
        ... ).build()
        >>> why = ic.answers.explain(ic.contents_of, land, "QYG", "2023-01-01", "2024-01-01")
        >>> [c.answer.entity.id for c in why.ended], why.started
        (['wirral'], ())
    """

    query: str
    subject: Entity
    before: dt.date
    after: dt.date
    changes: tuple[Change, ...]

    @property
    def started(self) -> tuple[Change, ...]:
        """The changes that made an answer start holding."""
        return tuple(c for c in self.changes if c.started)

    @property
    def ended(self) -> tuple[Change, ...]:
        """The changes that made an answer stop holding."""
        return tuple(c for c in self.changes if not c.started)

    def __str__(self) -> str:
        """Say every change, one per line."""
        head = f"{self.query} {self.subject.name} ({self.subject.id}), {self.before} to {self.after}:"
        return "\n".join([head, *(f"- {c}" for c in self.changes)] if self.changes else [head, "- no change"])


def _named(answer: object) -> list[Relation | Entity]:
    """Return the relations and entities an answer names: its path, then its entities."""
    found: list[Relation | Entity] = [r for r in getattr(answer, "path", ()) if not isinstance(r, DerivedDuty)]
    found.extend(e for f in _ANSWER_ENTITIES if isinstance(e := getattr(answer, f, None), Entity))
    return found


def _causes(landscape: Landscape, answer: object, *, started: bool, date: dt.date) -> list[Relation | Entity]:
    """Return what, among the things the answer names, started (or ended) on ``date``, with its successions."""
    causes: list[Relation | Entity] = []
    for item in _named(answer):
        edge = item.period.start if started else item.period.end
        if edge != date or item in causes:
            continue
        causes.append(item)
        if isinstance(item, Entity):  # an entity that ended or began may have a successor or predecessor
            ends = {"target": item.id} if started else {"source": item.id}
            causes.extend(s for s in landscape.relations(SucceededBy, **ends) if s.period.start == date)
    return causes


def _change_date(held: Held[Any], day: dt.date, *, started: bool) -> dt.date:
    """Return the day the answer started holding (its period holding ``day``) or stopped (the one before).

    The answer holds on ``day``, the later date asked about if it started (its period starts after the
    earlier date) or the earlier if it ended (its period ends by the later one): that end is a date.
    """
    period = next(p for p in held.periods if p.contains(day))
    return cast("dt.date", period.start if started else period.end)


def explain(
    query: Callable[..., Sequence[A]],
    landscape: Landscape,
    subject: Entity | str,
    before: DateLike,
    after: DateLike,
    **kwargs: Any,  # noqa: ANN401 (the query's own options, passed on as they are)
) -> Explanation:
    """Say what changed in a query's answers between two dates: which answers started or ended, and why.

    For each answer that holds on one date only, the change names the relation (a succession, a
    membership, a delegation...) or entity, among those the answer names, that started or ended
    on the day the answer did, with that cause's legal citation and sources.

    Args:
        query: any query that takes ``as_of`` (see :func:`timeline`).
        landscape: the landscape.
        subject: the entity asked about, or its id.
        before: the earlier date.
        after: the later date.
        **kwargs: the query's other options, such as ``regime``.

    Raises:
        InvalidPeriodError: ``after`` is not later than ``before``.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ...     ic.Prepares(source="cm-icp", target="cm-strategy", period=(None, "2025-04-01")),
        ... ).build()
        >>> why = ic.answers.explain(ic.who_must_have_regard_to, land, "cm-strategy", "2024-01-01", "2026-01-01")
        >>> change = why.changes[0]
        >>> change.started, change.date.isoformat(), change.cause.kind
        (False, '2025-04-01', 'prepares')
    """
    first, last = to_date(before, field="before"), to_date(after, field="after")
    if last <= first:
        raise InvalidPeriodError(field="after", problem=f"must be later than before ({first}), got {last}")
    line = timeline(query, landscape, subject, over=Period(first, last + dt.timedelta(days=1)), **kwargs)
    earlier, later = line.on(first), line.on(last)
    changes: list[Change] = []
    for held in line.held:
        was = any(a is held.answer for a in earlier)
        now = any(a is held.answer for a in later)
        if was == now:
            continue
        date = _change_date(held, last if now else first, started=now)
        causes: list[Relation | Entity | None] = [*_causes(landscape, held.answer, started=now, date=date)] or [None]
        for cause in causes:
            basis = None if cause is None or isinstance(cause, Entity) else cause.basis
            sources = () if cause is None else cause.sources
            changes.append(
                Change(answer=held.answer, started=now, date=date, cause=cause, basis=basis, sources=sources)
            )
    changes.sort(key=lambda c: (c.date, not c.started))
    return Explanation(query=line.query, subject=line.subject, before=first, after=last, changes=tuple(changes))
