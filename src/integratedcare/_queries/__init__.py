"""The queries layer: free functions, landscape first, returning sorted tuples of answers that explain themselves."""

from __future__ import annotations

from integratedcare._queries._accountability import (
    accountability_chain,
    accountable_for,
    delegation_chain,
    delegations_from,
    delegations_to,
    holds_to_account,
    who_exercises,
)
from integratedcare._queries._answers import DutyAnswer, EntityKindError, FunctionAnswer, LinkAnswer, PopulationAnswer
from integratedcare._queries._duties import duties_of, who_must_have_regard_to
from integratedcare._queries._find import FindAnswer, MoveAnswer, find, moves
from integratedcare._queries._structure import (
    active_successor,
    containing,
    members_of,
    memberships_of,
    partners_of,
    population_of,
    predecessors,
    successors,
    within,
)

__all__ = [
    "DutyAnswer",
    "EntityKindError",
    "FindAnswer",
    "FunctionAnswer",
    "LinkAnswer",
    "MoveAnswer",
    "PopulationAnswer",
    "accountability_chain",
    "accountable_for",
    "active_successor",
    "containing",
    "delegation_chain",
    "delegations_from",
    "delegations_to",
    "duties_of",
    "find",
    "holds_to_account",
    "members_of",
    "memberships_of",
    "moves",
    "partners_of",
    "population_of",
    "predecessors",
    "successors",
    "who_exercises",
    "who_must_have_regard_to",
    "within",
]
