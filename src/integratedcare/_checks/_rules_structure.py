"""Rules on the structure itself: no cycles, delegating only what is held, relations within lifetimes.

Accountability and delegation have no cycles; nobody delegates a function they do not hold, nor one
the function registry does not know; and relations hold only while both their ends exist.

Accountability and delegation are read as directed graphs (networkx) of the relations in force on
each date; a strongly connected group of two or more bodies is a cycle.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from collections.abc import Iterator
from typing import Final

import attrs
import networkx as nx

from integratedcare._checks._reading import describe
from integratedcare._checks._registry import STATUTE_2022, Context, Finding, Reads, Rule, Severity, register
from integratedcare._checks._report import Report, check
from integratedcare._governance._functions import FUNCTIONS, functions_held_by
from integratedcare._landscape import Landscape
from integratedcare._model import (
    AccountableTo,
    Delegation,
    Entity,
    Period,
    Relation,
    Source,
    SucceededBy,
    Within,
)
from integratedcare._statute import cite

__all__ = ["DELEGATION_RULES", "check_delegations"]

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
    """No group of bodies lies within one another in a loop."""
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
