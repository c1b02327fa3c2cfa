"""Invariants over any valid landscape: as_of, query answers and checks.

Dump-then-load equality for TOML and JSON is a property test of ``tests/test_io_files.py``;
byte-identical exports are in ``tests/test_determinism.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integratedcare as ic
from strategies import FIRST_DAY, LAST_DAY, landscapes, slow_england

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUNCTIONS = ("primary-medical-services", "dental-services")
days = st.dates(min_value=FIRST_DAY - dt.timedelta(days=400), max_value=LAST_DAY + dt.timedelta(days=400))

# Every query that takes one entity, called as query(landscape, id, as_of=day).
ENTITY_QUERIES: dict[str, Callable[..., Any]] = {
    "accountability_chain": ic.accountability_chain,
    "containing": ic.containing,
    "within": ic.contents_of,
    "delegations_from": ic.delegations_from,
    "delegations_to": ic.delegations_to,
    "duties_of": ic.duties_of,
    "holds_to_account": ic.holds_to_account,
    "members_of": ic.members_of,
    "memberships_of": ic.memberships_of,
    "partners_of": ic.partners_of,
    "population_of": ic.population_of,
    "predecessors": ic.predecessors,
    "successors": ic.successors,
    "who_must_have_regard_to": ic.who_must_have_regard_to,
    "functions_held_by": ic.governance.functions_held_by,
    "board_composition": ic.governance.board_composition,
    "provider_collaborative": ic.governance.provider_collaborative,
}


def _questions(land: ic.Landscape, day: dt.date | None) -> Iterator[Callable[[], object]]:
    """Yield every query about every entity (and every function) as a call to make."""
    for entity in land:
        ident = entity.id
        for query in ENTITY_QUERIES.values():
            yield lambda query=query, ident=ident: query(land, ident, as_of=day)  # type: ignore[misc]
        if day is not None:
            yield lambda ident=ident: ic.active_successor(land, ident, as_of=day)  # type: ignore[misc]
        for function in FUNCTIONS:
            yield lambda f=function, i=ident: ic.accountable_for(land, f, i, as_of=day)  # type: ignore[misc]
            yield lambda f=function, i=ident: ic.who_exercises(land, f, i, as_of=day)  # type: ignore[misc]
            yield lambda f=function, i=ident: ic.delegation_chain(land, f, to=i, as_of=day)  # type: ignore[misc]
    for function in FUNCTIONS:
        yield lambda f=function: ic.who_exercises(land, f, as_of=day)  # type: ignore[misc]
    yield lambda: ic.statute.derived_duties(land, as_of=day)
    yield lambda: ic.governance.joint_arrangements(land, as_of=day)


def _answers(land: ic.Landscape, day: dt.date | None) -> Iterator[object]:
    """Ask every question, yielding the answers; a question about an entity of the wrong kind is refused."""
    for question in _questions(land, day):
        try:
            yield question()
        except ic.errors.EntityKindError:
            continue


def _parts(value: object) -> Iterator[object]:
    """Yield every value inside an answer: tuples, mappings and attrs fields, recursively."""
    yield value
    if isinstance(value, (tuple, list, frozenset)):
        for item in value:
            yield from _parts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _parts(item)
    elif attrs.has(type(value)) and not isinstance(value, (ic.Entity, ic.Relation)):
        cls: Any = type(value)
        for field in attrs.fields(cls):
            yield from _parts(getattr(value, field.name))


def _foreign(land: ic.Landscape, answer: object) -> list[object]:
    """Return whatever an answer names that is not of the landscape: entities, typed relations, derived ends."""
    relations = set(land.all_relations)
    found: list[object] = []
    for part in _parts(answer):
        if isinstance(part, ic.Entity) and land.get(part.id) != part:
            found.append(part)
        elif isinstance(part, ic.statute.DerivedDuty):
            if part.source not in land or part.target not in land or not set(part.via) <= relations:
                found.append(part)
        elif isinstance(part, ic.Relation) and part not in relations:
            found.append(part)
    return found


@pytest.mark.slow
@SETTINGS
@given(landscapes(), days)
def test_as_of_is_a_sub_landscape(land: ic.Landscape, day: dt.date) -> None:
    """as_of(d) holds exactly the entities existing on d and the relations holding on d between them."""
    now = land.as_of(day)
    alive = {e.id for e in land if e.exists_on(day)}
    assert {e.id for e in now} == alive
    assert all(now[e.id] == land[e.id] for e in now)
    expected = [r for r in land.all_relations if r.holds_on(day) and r.source in alive and r.target in alive]
    assert list(now.all_relations) == expected
    assert now.name == land.name


@SETTINGS
@given(landscapes(), days)
def test_as_of_is_a_valid_landscape_and_idempotent(land: ic.Landscape, day: dt.date) -> None:
    """as_of(d) passes the builder's checks again, and taking it twice changes nothing."""
    now = land.as_of(day)
    assert now.builder().build() == now
    assert now.as_of(day) == now
    assert land.as_of(day.isoformat()) == now


@SETTINGS
@given(landscapes(max_entities=8, max_relations=12), st.none() | days)
def test_every_query_answer_refers_to_entities_of_the_landscape(land: ic.Landscape, day: dt.date | None) -> None:
    """Every entity and relation named by any query's answer is one of the landscape's own."""
    for answer in _answers(land, day):
        assert _foreign(land, answer) == []


def test_the_answer_walk_finds_foreign_entities() -> None:
    """The walk used above does report an entity or relation that is not of the landscape."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="ICB")).build()
    stranger = ic.ICB(id="QYG", name="Another ICB")
    relation = ic.Within(source="QYG", target="x")
    assert _foreign(land, (stranger, [relation], {"k": land["QYG"]})) == [stranger, relation]


@pytest.mark.slow
@SETTINGS
@given(landscapes(max_entities=10, max_relations=15), st.none() | days, st.sampled_from(sorted(ic.REGIMES)))
def test_check_never_raises_on_a_valid_landscape(land: ic.Landscape, day: dt.date | None, regime: str) -> None:
    """ic.check returns a report for any valid landscape, date and regime, every finding about its entities."""
    report = ic.check(land, as_of=day, regime=regime)
    assert all(f.entity in land for f in report.findings)
    assert all(r in land for f in report.findings for r in f.related)
    assert str(report)


@pytest.mark.parametrize("name", slow_england(ic.datasets.names()))
def test_check_never_raises_on_a_bundled_dataset(name: str) -> None:
    """Every bundled dataset checks without an exception, and its findings name its entities."""
    land = ic.datasets.load(name)
    report = ic.check(land)
    assert all(f.entity in land for f in report.findings)
