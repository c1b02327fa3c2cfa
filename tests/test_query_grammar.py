"""One grammar for queries: landscape first, an entity or its id, the same argument names everywhere."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

import integratedcare as ic

# The public functions that take a landscape first, with the entity (or function) they are asked about.
PUBLIC_FUNCTIONS: dict[str, Callable[..., Any]] = {
    name: getattr(module, name)
    for module in (ic.statute, ic.checks, ic.governance, ic)
    for name in module.__all__
    if inspect.isfunction(getattr(module, name))
}
QUERIES = sorted(
    name
    for name, function in PUBLIC_FUNCTIONS.items()
    if next(iter(inspect.signature(function).parameters), None) == "landscape"
)
# Names an argument may have, by what it means; each means one thing everywhere.
ENTITY_ARGUMENTS = {"body", "entity", "area", "document", "member", "board", "collaborative", "where", "to", "subject"}
# Functions that read the landscape as a whole, not by date, and so take no as_of.
TIMELESS = {
    "changes": "compares two dates it is given",
    "check_delegations": "deprecated: check(landscape, rules=...) takes as_of",
    "delegation_basis": "classifies one delegation the caller holds",
    "find": "searches every entity's names and codes, whatever their dates",
    "moves": "compares two dates it is given",
    "spans": "cuts all time into spans",
    "under_regime": "restates the whole landscape as a regime would leave it, on every date",
}


@pytest.fixture(scope="module")
def land() -> ic.Landscape:
    """The Brackenshire teaching system."""
    return ic.datasets.load("brackenshire")


def test_queries_are_found() -> None:
    """The collector finds the queries of every layer (a guard against a silent empty run)."""
    assert {"who_exercises", "board_composition", "members_of", "check", "functions_held_by"} <= set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_query_takes_as_of_by_keyword_unless_timeless(name: str) -> None:
    """Every query that reads the landscape by date takes ``as_of``, keyword-only and optional where it can be."""
    parameters = inspect.signature(PUBLIC_FUNCTIONS[name]).parameters
    if name in TIMELESS:
        assert "as_of" not in parameters
        return
    as_of = parameters["as_of"]
    assert as_of.kind is inspect.Parameter.KEYWORD_ONLY
    assert "DateLike" in str(as_of.annotation)
    for keyword in ("kind", "regime"):
        if keyword in parameters:
            assert parameters[keyword].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.parametrize("name", QUERIES)
def test_entity_arguments_take_an_entity_or_its_id(name: str) -> None:
    """Every argument naming an entity is annotated ``Entity | str``; a function is a ``Function`` or its id."""
    for parameter in inspect.signature(PUBLIC_FUNCTIONS[name]).parameters.values():
        annotation = str(parameter.annotation)
        if parameter.name in ENTITY_ARGUMENTS:
            assert annotation.startswith("Entity | str"), f"{name}({parameter.name}: {annotation})"
        if parameter.name == "function":
            assert annotation.split(" | ")[:2] in (["Function", "str"], ["Identified", "str"]), annotation


def _calls(land: ic.Landscape) -> dict[str, Callable[[ic.Entity | str], Any]]:
    """Each query about one entity, as a call taking the entity or its id, with the entity asked about."""
    return {
        "board_composition brackenshire-icp": lambda e: ic.governance.board_composition(land, e, as_of="2024-01-01"),
        "provider_collaborative brackenshire-and-fellside-acute-collaborative": lambda e: (
            ic.governance.provider_collaborative(land, e)
        ),
        "functions_held_by brackenshire-icb": lambda e: ic.governance.functions_held_by(land, e, as_of="2024-01-01"),
        "who_exercises brackenshire-icb": lambda e: ic.who_exercises(land, "dental-services", e, as_of="2024-01-01"),
        "accountable_for brackenshire-icb": lambda e: ic.accountable_for(land, "dental-services", e),
        "delegations_from brackenshire-icb": lambda e: ic.delegations_from(land, e),
        "members_of brackenshire-icp": lambda e: ic.members_of(land, e),
        "who_must_have_regard_to brackenshire-integrated-care-strategy": lambda e: ic.who_must_have_regard_to(land, e),
        "assess dales-place": lambda e: ic.checks.assess(land, "icp-core-features", subject=e),
    }


@pytest.mark.parametrize(
    "case",
    [
        "board_composition brackenshire-icp",
        "provider_collaborative brackenshire-and-fellside-acute-collaborative",
        "functions_held_by brackenshire-icb",
        "who_exercises brackenshire-icb",
        "accountable_for brackenshire-icb",
        "delegations_from brackenshire-icb",
        "members_of brackenshire-icp",
        "who_must_have_regard_to brackenshire-integrated-care-strategy",
        "assess dales-place",
    ],
)
def test_an_entity_and_its_id_give_the_same_answer(land: ic.Landscape, case: str) -> None:
    """Asking about an entity or about its id gives equal, non-empty answers."""
    call = _calls(land)[case]
    ident = case.split()[1]
    by_id, by_entity = call(ident), call(land[ident])
    assert by_id == by_entity
    assert by_id


def test_governance_answers_hold_entities_of_the_landscape(land: ic.Landscape) -> None:
    """Board seats, collaboratives, joint arrangements and function answers name entities, not ids."""
    board = ic.governance.board_composition(land, "brackenshire-icb", as_of="2024-01-01")
    assert board.board is land["brackenshire-icb"]
    assert all(seat.member is land[seat.id] for seat in board.seats)
    assert all(holder is land[holder.id] for seat in board.seats for holder in seat.holders)
    collaborative = ic.governance.provider_collaborative(land, "brackenshire-and-fellside-acute-collaborative")
    assert all(trust is land[trust.id] for trust in collaborative.trusts)
    for answer in ic.who_exercises(land, "dental-services", as_of="2024-01-01"):
        assert answer.body is land[answer.body.id]
        assert set(answer.path) <= set(land.all_relations)
