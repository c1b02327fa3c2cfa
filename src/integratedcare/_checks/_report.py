"""Running the rules: :func:`check` and the :class:`Report` it returns.

A landscape changes only on the dates its entities and relations start or end. ``check`` cuts
time at those dates (and at the dates a rule starts or stops applying), judges each span once on
the landscape as it stands then, and joins a finding that recurs in touching spans into one
finding over the longer period. A rule that says what it reads (:class:`~._registry.Reads`) is
cut only at the dates on which something it reads starts or ends: its findings cannot change in
between, so judging it once per longer span gives, once joined, the same findings.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from itertools import pairwise
from typing import Any, Final

import attrs

from integratedcare._checks._registry import (
    Context,
    Finding,
    Link,
    Reads,
    Rule,
    Severity,
    resolve_regime,
    resolve_rules,
)
from integratedcare._derived import Derived
from integratedcare._landscape import Landscape
from integratedcare._model import ALWAYS, DateLike, Entity, Period, to_date
from integratedcare._model._html import cell, table
from integratedcare._model._period import merge_periods
from integratedcare._statute._rules import Regime

__all__ = ["Report", "check", "spans"]

MAX_ROWS: Final = 20
"""The most findings a report's HTML table lists before it says how many more there are."""


def _plural(count: int, noun: str) -> str:
    """Return ``1 error`` or ``2 errors`` (advice does not take an s)."""
    if count == 1 or noun == "advice":
        return f"{count} {noun}"
    return f"{count} {noun}s"


@attrs.frozen(kw_only=True, repr=False)
class Report:
    """The findings of :func:`~integratedcare.check` on a landscape, sorted by severity, rule and entity.

    Attributes:
        landscape: the name of the landscape checked.
        findings: every finding, errors first, then by rule id, entity id and date.
        rules: the ids of the rules that were run.
        regime: the id of the legal regime the rules were chosen for.
        as_of: the date checked, or ``None`` when every date was.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder("Lean").add(ic.Neighbourhood(
        ...     id="crewe", name="Crewe", population=ic.quantity(60_000, "person"))).build()
        >>> report = ic.check(land)
        >>> report
        <Report 'Lean' (hca-2022): 0 errors, 0 warnings, 1 advice>
        >>> report.ok, report.counts()
        (True, {'error': 0, 'warning': 0, 'advice': 1})
        >>> print(report)
        Report on 'Lean' (hca-2022): 0 errors, 0 warnings, 1 advice
          NBH001 (advice): Crewe (crewe) has a population of 60,000 people, outside 30,000 to 50,000. ...
        >>> report.to_dict()["findings"][0]["rule"]
        'NBH001'
    """

    landscape: str
    findings: tuple[Finding, ...]
    rules: tuple[str, ...]
    regime: str
    as_of: dt.date | None = None

    @property
    def ok(self) -> bool:
        """Whether there are no errors (warnings and advice allowed)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return self.of_severity(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity warning."""
        return self.of_severity(Severity.WARNING)

    @property
    def advice(self) -> tuple[Finding, ...]:
        """The findings of severity advice."""
        return self.of_severity(Severity.ADVICE)

    def of_severity(self, severity: Severity | str) -> tuple[Finding, ...]:
        """Return the findings of one severity."""
        wanted = Severity(severity)
        return tuple(f for f in self.findings if f.severity is wanted)

    def of_rule(self, rule: str) -> tuple[Finding, ...]:
        """Return the findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule)

    def about(self, entity: Entity | str) -> tuple[Finding, ...]:
        """Return the findings about one entity (or its id), or naming it among the related entities."""
        ident = entity.id if isinstance(entity, Entity) else entity
        return tuple(f for f in self.findings if ident == f.entity or ident in f.related)

    def counts(self) -> dict[str, int]:
        """Return the number of findings of each severity, errors first."""
        tally = Counter(f.severity for f in self.findings)
        return {severity.value: tally[severity] for severity in Severity}

    def summary(self) -> str:
        """Return the counts as text, such as ``1 error, 0 warnings, 2 advice``."""
        return ", ".join(_plural(count, name) for name, count in self.counts().items())

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain data (texts, numbers, lists and ``None``), ready for JSON."""
        return {
            "landscape": self.landscape,
            "regime": self.regime,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "ok": self.ok,
            "counts": self.counts(),
            "rules": list(self.rules),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the report as JSON text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __iter__(self) -> Iterator[Finding]:
        """Iterate over the findings, in order."""
        return iter(self.findings)

    def __len__(self) -> int:
        """Return the number of findings."""
        return len(self.findings)

    def __repr__(self) -> str:
        """Summarise the report: landscape, regime and counts."""
        when = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        return f"<Report {self.landscape!r} ({self.regime}){when}: {self.summary()}>"

    def _repr_html_(self) -> str:
        """Summarise the report as a compact HTML table, for notebooks."""
        counts = self.counts()
        when = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        caption = (
            f"Report on <b>{escape(self.landscape)}</b> ({escape(self.regime)}){when}: "
            f"{counts['error']} errors, {counts['warning']} warnings, {counts['advice']} advice"
        )
        head = "<tr><th>severity</th><th>rule</th><th>entity</th><th>finding</th><th>when</th></tr>"
        body = "".join(
            f"<tr><td>{escape(f.severity.value)}</td><td>{escape(f.rule)}</td><td>{escape(f.entity)}</td>"
            f"<td>{cell(f.message)}</td><td>{cell(f.period)}</td></tr>"
            for f in self.findings[:MAX_ROWS]
        )
        more = len(self.findings) - MAX_ROWS
        if more > 0:
            body += f'<tr><td colspan="5">… and {more} more findings</td></tr>'
        return table(caption, body, head if self.findings else "")

    def __str__(self) -> str:
        """Return the summary, then one line per finding."""
        when = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        lines = [f"Report on {self.landscape!r} ({self.regime}){when}: {self.summary()}"]
        lines.extend(f"  {finding}" for finding in self.findings)
        return "\n".join(lines)


def _dates(period: Period) -> tuple[dt.date, ...]:
    """Return the dates on which a period starts or ends (none for an open end)."""
    return tuple(d for d in (period.start, period.end) if d is not None)


@attrs.frozen
class _Timeline:
    """The dates on which each kind of entity and of relation starts or ends in a landscape.

    ``relations`` is keyed by ``(relation class, source class, target class)`` and holds, besides
    the relations' own dates, those of their ends (a snapshot keeps a relation only while both its
    ends exist). A missing end is keyed as ``Entity``.
    """

    everything: frozenset[dt.date]
    entities: dict[type[Entity], frozenset[dt.date]]
    relations: dict[Link, frozenset[dt.date]]

    def dates(self, reads: Reads | None) -> frozenset[dt.date]:
        """Return the dates on which something ``reads`` names starts or ends (every date for ``None``)."""
        if reads is None:
            return self.everything
        found: set[dt.date] = set()
        for cls, dates in self.entities.items():
            if reads.entity(cls):
                found.update(dates)
        for link, dates in self.relations.items():
            if reads.relation(*link):
                found.update(dates)
        return frozenset(found)


_UNKNOWN_END: Final = (Entity, ())


def _read_timeline(landscape: Landscape) -> _Timeline:
    """Collect the dates of a landscape's entities and relations by kind (one pass over each)."""
    entities: defaultdict[type[Entity], set[dt.date]] = defaultdict(set)
    ends: dict[str, tuple[type[Entity], tuple[dt.date, ...]]] = {}  # each entity's class and dates
    for entity in landscape:
        period = entity.period
        dates = () if period.start is None and period.end is None else _dates(period)
        ends[entity.id] = (type(entity), dates)
        if dates:
            entities[type(entity)].update(dates)
    everything: set[dt.date] = set().union(*entities.values())
    relations: defaultdict[Link, set[dt.date]] = defaultdict(set)
    for relation in landscape.all_relations:
        period = relation.period
        (source, source_dates), (target, target_dates) = (
            ends.get(relation.source, _UNKNOWN_END),
            ends.get(relation.target, _UNKNOWN_END),
        )
        if period.start is None and period.end is None and not source_dates and not target_dates:
            continue  # the usual case: nothing about it ever changes
        dates = _dates(period)
        everything.update(dates)
        relations[type(relation), source, target].update(dates, source_dates, target_dates)
    return _Timeline(
        everything=frozenset(everything),
        entities={cls: frozenset(d) for cls, d in entities.items()},
        relations={link: frozenset(d) for link, d in relations.items()},
    )


_TIMELINES: Final[Derived[None, _Timeline]] = Derived("timelines")
"""The dates of each landscape's entities and relations by kind (one value per landscape)."""


def _timeline(landscape: Landscape) -> _Timeline:
    """Return the landscape's timeline, collected once per landscape."""
    return _TIMELINES.get(landscape, None, lambda: _read_timeline(landscape))


def _cut(dates: Iterable[dt.date]) -> tuple[Period, ...]:
    """Cut time at the dates: the spans between them, the first and last open."""
    ordered = sorted(set(dates))
    if not ordered:
        return (ALWAYS,)
    cuts: Sequence[dt.date | None] = [None, *ordered, None]
    return tuple(Period(start, end) for start, end in pairwise(cuts))


def spans(landscape: Landscape, extra: Iterable[Period] = ()) -> tuple[Period, ...]:
    """Cut time into the spans in which the landscape does not change (nor do the ``extra`` periods).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="C&M", period=("2022-07-01", None))).build()
        >>> [str(s) for s in ic.checks.spans(land)]
        ['[…, 2022-07-01)', '[2022-07-01, …)']
    """
    dates = set(_timeline(landscape).everything)
    for period in extra:
        dates.update(_dates(period))
    return _cut(dates)


def _span_at(dates: Iterable[dt.date], day: dt.date) -> Period:
    """Return the span, of those the dates cut, that holds ``day``."""
    start = max((d for d in dates if d <= day), default=None)
    end = min((d for d in dates if d > day), default=None)
    return Period(start, end)


def _day(span: Period) -> dt.date:
    """Return a date that stands for a span (its first day, or the day before an open-start span ends)."""
    if span.start is not None:
        return span.start
    if span.end is not None and span.end > dt.date.min:
        return span.end - dt.timedelta(days=1)
    return dt.date.min


def _taken_in(taken: Sequence[dt.date], span: Period) -> dt.date | None:
    """Return the first of the dates (in order) that a span holds, or ``None``: a bisection, not a walk over them all.

    Any snapshot in the span serves: within it nothing the rule reads changes.
    """
    at = 0 if span.start is None else bisect.bisect_left(taken, span.start)
    if at < len(taken) and (span.end is None or taken[at] < span.end):
        return taken[at]
    return None


def _join(findings: Iterable[Finding]) -> list[Finding]:
    """Join findings that differ only by touching or overlapping periods into one each."""
    groups: defaultdict[Finding, list[Period]] = defaultdict(list)
    for finding in findings:
        groups[attrs.evolve(finding, period=ALWAYS)].append(finding.period)
    joined: list[Finding] = []
    for finding, periods in groups.items():
        joined.extend(attrs.evolve(finding, period=p) for p in merge_periods(periods))
    return joined


def check(
    landscape: Landscape,
    *,
    as_of: DateLike | None = None,
    rules: Iterable[str | Rule] | None = None,
    regime: str | Regime | None = None,
) -> Report:
    """Check a landscape against statute and guidance, and report every finding with its source.

    Args:
        landscape: the landscape to check.
        as_of: check only the landscape in force on this date; by default every date on which it
            changes is checked, and each finding says for which period it holds.
        rules: ids (or :class:`~integratedcare.checks.Rule` objects) of the rules to run; all of
            :data:`~integratedcare.checks.RULES` by default.
        regime: the legal regime (an id such as ``"health-bill-2026"``); the law in force by default.
            Rules that do not apply under it are not run.

    Returns:
        A :class:`~integratedcare.checks.Report` with the findings sorted by severity, rule and entity.

    Raises:
        UnknownCheckError: a rule id names no rule.
        UnknownRegimeError: the regime names no regime.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder("Two councils")
        ...     .add(ic.ICB(id="QYG", name="NHS C&M ICB", period=("2022-07-01", None)),
        ...          ic.ICP(id="cm-icp", name="C&M ICP", period=("2022-07-01", None)),
        ...          ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...          ic.LocalAuthority(id="E08000012", name="Liverpool City Council", tier="metropolitan-district"))
        ...     .add(ic.Establishes(source="QYG", target="cm-icp", period=("2022-07-01", None)),
        ...          ic.Overlaps(source="E06000049", target="QYG", period=("2022-07-01", None)),
        ...          ic.Overlaps(source="E08000012", target="QYG", period=("2022-07-01", None)),
        ...          ic.MemberOf(source="QYG", target="cm-icp", period=("2022-07-01", None)),
        ...          ic.MemberOf(source="E08000012", target="cm-icp", period=("2022-07-01", None)))
        ...     .build())
        >>> report = ic.check(land)
        >>> report.ok
        False
        >>> print(report.errors[0])  # doctest: +NORMALIZE_WHITESPACE
        ICP001 (error): Cheshire East Council (E06000049) is a responsible council overlapping the area of
        NHS C&M ICB (QYG) but is not a member of C&M ICP (cm-icp). Source: LGPIHA 2007 s116ZA (verified).
        >>> print(report.errors[0].period)
        [2022-07-01, …)
        >>> ic.check(land, as_of="2022-06-30").ok, ic.check(land, regime="health-bill-2026").ok
        (True, True)
    """
    regime_id = resolve_regime(regime)
    chosen = tuple(rule for rule in resolve_rules(rules) if rule.applies(regime=regime_id))
    day = None if as_of is None else to_date(as_of, field="as_of")
    if day is not None:
        landscape._warn_outside(day, stacklevel=2)  # noqa: SLF001 (once per check, not per snapshot)
    found = _run(landscape, chosen, day)
    return Report(
        landscape=landscape.name,
        findings=tuple(sorted(_join(found), key=Finding.sort_key)),
        rules=tuple(rule.id for rule in chosen),
        regime=regime_id,
        as_of=day,
    )


def _run(landscape: Landscape, chosen: Sequence[Rule], day: dt.date | None) -> list[Finding]:
    """Run the rules, each on the spans in which what it reads does not change (or on ``day``'s)."""
    timeline = _timeline(landscape)
    found: list[Finding] = []
    # The dates of the snapshots to take, in order, each with the rules and spans judged on it:
    # shared between rules, and taken in order once all are planned, each dropped once judged
    # (there may be hundreds, each as large as the landscape).
    planned: defaultdict[dt.date, list[tuple[Rule, Period]]] = defaultdict(list)
    taken: list[dt.date] = []
    for rule in chosen:
        if rule.timeless:
            window = ALWAYS if day is None else _span_at(timeline.everything, day)
            found.extend(rule.run(Context(landscape=landscape, whole=landscape, period=window)))
            continue
        if day is not None:  # the span of the landscape and the rule's period that holds the day
            span = _span_at(timeline.everything | set(_dates(rule.period)), day)
            if rule.period.contains(day):
                found.extend(rule.run(Context(landscape=landscape._on(day), whole=landscape, period=span)))  # noqa: SLF001
            continue
        for span in _cut(timeline.dates(rule.reads) | set(_dates(rule.period))):
            if rule.period.contains(_day(span)):
                on = _taken_in(taken, span)
                if on is None:
                    on = _day(span)
                    bisect.insort(taken, on)
                planned[on].append((rule, span))
    for on in taken:
        snapshot = landscape._snapshot(on)  # noqa: SLF001 (the library's own snapshots: no warning, not kept)
        for rule, span in planned[on]:
            found.extend(rule.run(Context(landscape=snapshot, whole=landscape, period=span)))
    return found
