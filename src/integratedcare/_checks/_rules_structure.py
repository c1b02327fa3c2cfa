"""Rules on the structure itself: no cycles, delegating only what is held, relations within lifetimes.

Accountability and delegation have no cycles; nobody delegates a function they do not hold, nor one
the function registry does not know; and relations hold only while both their ends exist.

Accountability and delegation are read as directed graphs (networkx) of the relations in force on
each date; a strongly connected group of two or more bodies is a cycle.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from typing import Final

import attrs
import networkx as nx

from integratedcare._checks._reading import describe
from integratedcare._checks._registry import STATUTE_2022, Context, Finding, Reads, Rule, Severity, register
from integratedcare._checks._report import Report, check
from integratedcare._derived import Derived
from integratedcare._governance._functions import FUNCTIONS, functions_held_by
from integratedcare._landscape import Landscape
from integratedcare._model import (
    AccountableTo,
    Delegation,
    Duty,
    Entity,
    MemberOf,
    Period,
    Relation,
    Source,
    SucceededBy,
    Within,
)
from integratedcare._statute import cite

__all__ = ["DELEGATION_RULES", "LINE_ENDS", "OPEN_ENDED", "check_delegations"]

DELEGATION_RULES: Final = ("GOV003", "GOV004")
"""The rules on what a delegation may pass on: functions its delegator holds, and that the registry knows."""


def _cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Return each group of two or more nodes that reach one another, each sorted, in order."""
    graph: nx.DiGraph[str] = nx.DiGraph(edges)
    groups = [sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1]
    return sorted(groups)


def _names(landscape: Landscape, ids: list[str]) -> str:
    """Name entities in a list: ``A (a), B (b) and C (c)``."""
    named = [describe(landscape.get(i)) for i in ids]
    return ", ".join(named[:-1]) + " and " + named[-1]


@register(
    id="GOV001",
    title="Accountability has no cycles",
    severity=Severity.ERROR,
    citation=attrs.evolve(
        cite("nhsa-s1(3)"),
        note="lines of accountability end at Parliament (through the Secretary of State) or a council's electorate",
    ),
    reads=Reads(relations=[(AccountableTo, Entity, Entity)]),
    notes="""
        Reads AccountableTo relations in force on each date. Bodies accountable to one another in a loop have no
        line of accountability that ends at Parliament or an electorate. Reported once per loop, about the body
        with the smallest id.
    """,
)
def _accountability_cycles(rule: Rule, context: Context) -> Iterator[Finding]:
    """No group of bodies is accountable to one another in a loop."""
    land = context.landscape
    edges = [(r.source, r.target) for r in land.relations(AccountableTo)]
    for group in _cycles(edges):
        yield rule.finding(
            group[0], f"{_names(land, group)} are accountable to one another in a cycle.", related=group[1:]
        )


@register(
    id="GOV002",
    title="Delegation of a function has no cycles",
    severity=Severity.ERROR,
    citation=attrs.evolve(
        cite("nhsa-s65Z5"), note="a delegation passes a function from a body that holds it to another"
    ),
    reads=Reads(relations=[(Delegation, Entity, Entity)]),
    notes="""
        Reads Delegation relations in force on each date, one graph per function. Bodies that delegate a function
        to one another in a loop leave no body that holds it in its own right. Reported once per loop and
        function, about the body with the smallest id.
    """,
)
def _delegation_cycles(rule: Rule, context: Context) -> Iterator[Finding]:
    """No group of bodies delegates the same function to one another in a loop."""
    land = context.landscape
    edges: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for delegation in land.relations(Delegation):
        for function in delegation.functions:
            edges[function].append((delegation.source, delegation.target))
    for function in sorted(edges):
        for group in _cycles(edges[function]):
            yield rule.finding(
                group[0],
                f"{_names(land, group)} delegate {function} to one another in a cycle.",
                related=group[1:],
            )


@register(
    id="GOV003",
    title="Nobody delegates a function they do not hold",
    severity=Severity.ERROR,
    citation=cite("nhsa-s65Z5"),
    regimes=[STATUTE_2022],
    reads=Reads(
        entities=[owner for function in FUNCTIONS.values() for owner in function.owners],
        relations=[(Delegation, Entity, Entity)],
    ),
    notes="""
        A body holds a function when the law gives it to bodies of its kind or when a body holding it delegates
        it (the governance layer's function registry, integratedcare.FUNCTIONS, and functions_held_by). Checked
        on each date; functions outside the registry are not judged (GOV004 reports them). Under the 2022 regime
        only, since the registry gives NHS England's functions to NHS England. Delegating to oneself cannot be
        expressed: a relation's target must differ from its source.
    """,
)
def _delegates_held(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each delegation in force passes only functions its delegator holds."""
    land = context.landscape
    for delegation in land.relations(Delegation):
        held = {h.function for h in functions_held_by(land, delegation.source)}
        for function in delegation.functions:
            if function in FUNCTIONS and function not in held:
                yield rule.finding(
                    delegation.source,
                    f"{describe(land.get(delegation.source))} delegates {function} to "
                    f"{describe(land.get(delegation.target))} but does not hold it.",
                    related=[delegation.target],
                )


@register(
    id="GOV004",
    title="Delegations name functions the registry knows",
    severity=Severity.WARNING,
    citation=Source(
        title="integratedcare function registry: the functions the law gives, and to whom",
        reference="integratedcare.governance.Function.registry",
        verification="verified",
    ),
    timeless=True,
    reads=Reads(relations=[(Delegation, Entity, Entity)]),
    notes="""
        A delegation naming a function outside the registry (integratedcare.FUNCTIONS) cannot be judged by GOV003,
        since nobody holds it by statute there: most often a misspelt id, or a function the registry lacks.
        A warning rather than an error, since the law may give the function all the same. Judged across the whole
        landscape at once, each finding for the delegation's period.
    """,
)
def _unknown_functions(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each delegation names only functions of the registry."""
    land = context.whole
    for delegation in land.relations(Delegation):
        for function in delegation.functions:
            if function not in FUNCTIONS:
                yield rule.finding(
                    delegation.source,
                    f"{describe(land.get(delegation.source))} delegates {function!r} to "
                    f"{describe(land.get(delegation.target))}, a function not in "
                    "integratedcare.governance.Function.registry().",
                    related=[delegation.target],
                    period=delegation.period,
                )


def check_delegations(landscape: Landscape) -> Report:
    """Deprecated: use ``check(landscape, rules=["GOV003", "GOV004"])``, which this returns.

    Reports each function a body delegates without holding it (``GOV003``, with the period in which
    it does not), and each function a delegation names that the registry does not know (``GOV004``).

    Examples:
        >>> import warnings
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.Delegation(source="E06000049", target="QYG", functions=["dental-services"]),
        ... ).build()
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     report = ic.checks.check_delegations(land)
        >>> report == ic.check(land, rules=["GOV003", "GOV004"])
        True
        >>> print(caught[0].message)
        check_delegations is deprecated; use integratedcare.check(landscape, rules=["GOV003", "GOV004"])
    """
    warnings.warn(
        'check_delegations is deprecated; use integratedcare.check(landscape, rules=["GOV003", "GOV004"])',
        DeprecationWarning,
        stacklevel=2,
    )
    return check(landscape, rules=DELEGATION_RULES)


def _misfits(relation: Relation, ends: dict[str, Entity | None]) -> Iterator[tuple[str, str]]:
    """Yield ``(end, problem)`` for each end of a relation that is missing or does not exist when it holds."""
    for end, entity in ends.items():
        if entity is None:
            yield end, f'names no entity "{getattr(relation, end)}" as its {end}'
        elif isinstance(relation, SucceededBy):
            day = relation.date - dt.timedelta(days=1) if end == "source" else relation.date
            if not entity.period.contains(day):
                when = "the day before" if end == "source" else "on the day"
                yield end, f"has a {end} that does not exist {when} of the succession ({entity.period})"
        elif not entity.period.covers(relation.period):
            yield end, f"holds {relation.period}, outside the lifetime of its {end} {entity.period}"


@register(
    id="DAT001",
    title="Relations hold only while both their ends exist",
    severity=Severity.ERROR,
    citation=Source(
        title="integratedcare data model: a relation holds only while both its ends exist",
        reference="integratedcare.LandscapeBuilder.build",
        verification="verified",
    ),
    timeless=True,
    notes="""
        The builder already refuses such relations, so a built or loaded landscape passes; the rule guards
        landscapes assembled another way. A succession needs its predecessor the day before and its successor on
        the day. Judged across the whole landscape at once; with as_of, only relations holding on that date.
    """,
)
def _relation_periods(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each relation's ends exist, and exist whenever it holds."""
    land = context.whole
    entities = {entity.id: entity for entity in land}
    for relation in land.all_relations:
        source, target = entities.get(relation.source), entities.get(relation.target)
        if (
            source is not None
            and target is not None
            and not isinstance(relation, SucceededBy)
            and _covers(source.period, relation.period)
            and _covers(target.period, relation.period)
        ):
            continue  # the usual case, decided without the details
        ends = {"source": source, "target": target}
        for _, problem in _misfits(relation, ends):
            yield rule.finding(relation.source, f"The relation {relation.label} {problem}.", period=relation.period)


def _any_loop(landscape: Landscape) -> bool:
    """Say whether the landscape's Within relations of all dates make a loop."""
    return bool(_cycles([(r.source, r.target) for r in landscape.relations(Within)]))


_WITHIN_LOOPS: Final[Derived[str, bool]] = Derived("within loops")
"""Whether a landscape's Within relations of all dates make a loop (one entry per landscape)."""


@register(
    id="DAT002",
    title="No area lies within itself",
    severity=Severity.ERROR,
    citation=Source(
        title="integratedcare data model: Within is containment, so it has no cycles",
        reference="integratedcare.Within",
        verification="verified",
    ),
    reads=Reads(relations=[(Within, Entity, Entity)]),
    notes="""
        Reads Within relations in force on each date. Bodies that lie within one another in a loop would each
        contain itself, and every query that climbs from an area to the areas holding it would never reach the
        top. Reported once per loop, about the body with the smallest id, naming the loop in order.
    """,
)
def _containment_cycles(rule: Rule, context: Context) -> Iterator[Finding]:
    """No group of bodies lies within one another in a loop.

    A loop on a date is a loop among the relations of all dates, so a landscape whose relations
    of all dates make none (found once per landscape) has none on any span, and its spans are
    not searched one by one (England-shaped landscapes have hundreds).
    """
    whole = context.whole
    if not _WITHIN_LOOPS.get(whole, "any", partial(_any_loop, whole)):
        return
    land = context.landscape
    graph: nx.DiGraph[str] = nx.DiGraph([(r.source, r.target) for r in land.relations(Within)])
    for group in _cycles(list(graph.edges)):
        loop = [source for source, _ in nx.find_cycle(graph.subgraph(group), source=group[0])]
        path = " within ".join(f'"{ident}"' for ident in [*loop, loop[0]])
        first = describe(land.get(group[0]))
        yield rule.finding(
            group[0], f"{first} lies within itself through {len(group)} bodies: {path}.", related=group[1:]
        )


def _covers(outer: Period, inner: Period) -> bool:
    """Return whether ``outer`` covers ``inner`` (at once when ``outer`` is all time)."""
    return (outer.start is None and outer.end is None) or outer.covers(inner)


_DISTINGUISHED_BY: Final[dict[type[Relation], tuple[str, ...]]] = {
    MemberOf: ("role",),
    Delegation: ("functions",),
    Duty: ("duty", "context"),
    AccountableTo: ("mechanism",),
}
"""The fields that make two relations of one kind between the same ends different relations.

A body may be a member of a forum in two roles, delegate two sets of functions, owe two kinds of
duty, or answer through two mechanisms; any other two relations of one kind between the same ends
are the same fact told twice.
"""


def _same_fact(relation: Relation) -> tuple[object, ...]:
    """The kind, ends and distinguishing fields of a relation: what two copies of one fact share."""
    fields = _DISTINGUISHED_BY.get(type(relation), ())
    return (type(relation), relation.source, relation.target, *(getattr(relation, f) for f in fields))


@register(
    id="DAT003",
    title="No fact is told twice: no two relations of one kind between the same ends overlap in time",
    severity=Severity.ERROR,
    citation=Source(
        title="integratedcare data model: a relation is one fact, holding for one period",
        reference="integratedcare.Relation",
        verification="verified",
    ),
    timeless=True,
    notes="""
        Two relations of one kind between the same ends whose periods overlap count every query twice on the
        dates they share (a place listed twice in a system, a member voting twice). Relations that differ in a
        field that makes them different facts are not compared: a membership's role, a delegation's functions,
        a duty's kind and context, an accountability's mechanism. Judged across the whole landscape at once,
        each finding for the dates the two share. An error: every bundled dataset passes it (a test), and the
        dataset generator refuses to write a dataset that fails it.
    """,
)
def _overlapping_repeats(rule: Rule, context: Context) -> Iterator[Finding]:
    """No two relations telling the same fact hold on the same date."""
    land = context.whole
    groups: defaultdict[tuple[object, ...], list[Relation]] = defaultdict(list)
    for relation in land.all_relations:
        groups[_same_fact(relation)].append(relation)
    for group in groups.values():
        if len(group) < 2:  # noqa: PLR2004 (a pair)
            continue
        group.sort(key=lambda r: r.period._order)  # noqa: SLF001 (the period's own sort key)
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                shared = first.period.intersection(second.period)
                if shared is None:
                    continue
                yield rule.finding(
                    first.source,
                    f"The relation {first.label} is given twice, holding {_span(first.period)} and "
                    f"{_span(second.period)}, so it is counted twice {_span(shared)}.",
                    related=[first.target],
                    period=shared,
                )


def _span(period: Period) -> str:
    """Word a period for a sentence: ``at all times``, ``from 2022-07-01``, ``in [2020-11-01, 2022-07-01)``."""
    if period.start is None and period.end is None:
        return "at all times"
    if period.end is None:
        return f"from {period.start}"
    if period.start is None:
        return f"until {period.end}"
    return f"in {period}"


_EDITORIAL: Final = re.compile(
    r"\([^()]*\b(?:seeds?|not (?:given|in|named|known|stated)|unnamed|placeholder|inferred|assumed|unknown|"
    r"see notes?|tbc|todo)\b[^()]*\)",
    re.IGNORECASE,
)
"""A parenthesis holding an editorial note (a remark about the data) rather than part of a name."""


@register(
    id="DAT004",
    title="Names are names: no editorial notes in parentheses",
    severity=Severity.ERROR,
    citation=Source(
        title="integratedcare data model: a name is what a body is called; remarks about the data go in notes",
        reference="integratedcare.Entity",
        verification="verified",
    ),
    timeless=True,
    notes="""
        A name ending in a parenthesis such as "(name not given in seed)" or "(placeholder)" shows a remark about
        the data wherever the name is shown. Parentheses that are part of a name, such as a practice's town, are
        not judged: only those holding words of an editorial note (seed, not given, not in, unnamed, placeholder,
        inferred, assumed, unknown, see note, TBC, TODO). An error: every bundled dataset passes it.
    """,
)
def _editorial_names(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each entity's name holds no editorial note in parentheses."""
    for entity in context.whole:
        found = _EDITORIAL.search(entity.name)
        if found is not None:
            yield rule.finding(
                entity.id,
                f"{describe(entity)} has an editorial note in its name, {found.group(0)!r}: it belongs in the notes.",
                period=entity.period,
            )


_FILE_NUMBER: Final = re.compile(r"\bseeds?\s*[/ #-]?\s*0\d\d\b", re.IGNORECASE)
"""A citation of a working file by its number ("seed 003", "seeds/001") instead of the document's own title."""


@register(
    id="DAT005",
    title="Sources name documents, not working file numbers",
    severity=Severity.ERROR,
    citation=Source(
        title="integratedcare data model: a source names the document a fact comes from",
        reference="integratedcare.Source",
        verification="verified",
    ),
    timeless=True,
    notes="""
        A source cited as "seed 003" names a file of the project's working papers, which a reader cannot look
        up; the document's own title, author and date can be. Judged on each source's title and reference, once
        per entity or relation citing such a source. An error: every bundled dataset passes it.
    """,
)
def _file_number_sources(rule: Rule, context: Context) -> Iterator[Finding]:
    """No entity or relation cites a source by a working file's number."""
    land = context.whole
    for item in (*land, *land.all_relations):
        cited = next(
            (s for s in item.sources if _FILE_NUMBER.search(f"{s.title} {s.reference or ''}") is not None), None
        )
        if cited is None:
            continue
        found = _FILE_NUMBER.search(f"{cited.title} {cited.reference or ''}")
        assert found is not None  # noqa: S101 (just found)
        if isinstance(item, Relation):
            subject, what = item.source, f"The relation {item.label}"
        else:
            subject, what = item.id, describe(item)
        yield rule.finding(
            subject,
            f"{what} cites a source by a file number, {found.group(0)!r}, not by the document's title.",
            period=item.period,
        )


LINE_ENDS: Final = "line ends:"
"""How a body's note starts when a line of accountability ends at it by design (with the reason after it)."""


@register(
    id="DAT006",
    title="Lines of accountability end at Parliament or an electorate",
    severity=Severity.WARNING,
    citation=cite("nhsa-s1(3)"),
    reads=Reads(relations=[(AccountableTo, Entity, Entity)]),
    notes="""
        Reads AccountableTo relations in force on each date. A body others are accountable to, that is itself
        accountable to nobody, and is neither Parliament nor an electorate, ends a line of accountability short
        of where the law ends it (NHS England, say, with no line to the Secretary of State and Parliament).
        Reported once per such body, unless a note of the body starts "line ends:" and gives the reason (a
        partnership's assembly that its memorandum makes the body of last recourse, answering to nobody). A
        warning: a dataset may model only part of the lines.
    """,
)
def _short_chains(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each line of accountability ends at a body that ends accountability (Parliament, an electorate)."""
    land = context.landscape
    lines = land.relations(AccountableTo)
    answering = {r.source for r in lines}
    for top in sorted({r.target for r in lines} - answering):
        entity = land.get(top)
        by_design = any(note.startswith(LINE_ENDS) for note in entity.notes)
        if not type(entity).ends_accountability and not by_design:
            below = sorted({r.source for r in lines if r.target == top})
            yield rule.finding(
                top,
                f"Accountability stops at {describe(entity)}, which is accountable to nobody in the landscape: "
                "the line does not reach Parliament or an electorate.",
                related=below,
            )


OPEN_ENDED: Final = "open-ended:"
"""How an entity's note starts when its lack of a start date is by design (with the reason after it)."""


@register(
    id="DAT007",
    title="Every entity has a start date, or is flagged open-ended by design",
    severity=Severity.WARNING,
    citation=Source(
        title="integratedcare data model: an entity without a start date exists on every past date",
        reference="integratedcare.Period",
        verification="verified",
    ),
    timeless=True,
    notes="""
        An entity with no start date is in the landscape as of any date, however early: a council created in
        2009 would answer a question about 1990. Each entity needs a start date from a source, or a note starting
        "open-ended:" that gives the reason (Parliament predates every date modelled; a start in no source).
        Judged only on bundled datasets (landscapes that declare a coverage), across the whole landscape at once.
    """,
)
def _open_starts(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each entity of a bundled dataset has a start date or a note saying why not."""
    if context.whole.coverage is None:
        return  # a landscape built by hand: its dates are its author's business
    for entity in context.whole:
        if entity.period.start is None and not any(note.startswith(OPEN_ENDED) for note in entity.notes):
            yield rule.finding(
                entity.id,
                f"{describe(entity)} has no start date and no note saying why (a note starting {OPEN_ENDED!r}), "
                "so it answers for every past date.",
                period=entity.period,
            )
