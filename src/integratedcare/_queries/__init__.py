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
from integratedcare._queries._structure import (
    active_successor,
    containing,
    contents_of,
    members_of,
    memberships_of,
    partners_of,
    population_of,
    predecessors,
    successors,
)

__all__ = [
    "DutyAnswer",
    "EntityKindError",
    "FunctionAnswer",
    "LinkAnswer",
    "PopulationAnswer",
    "accountability_chain",
    "accountable_for",
    "active_successor",
    "containing",
    "delegation_chain",
    "delegations_from",
    "delegations_to",
    "duties_of",
    "holds_to_account",
    "members_of",
    "memberships_of",
    "partners_of",
    "population_of",
    "predecessors",
    "successors",
    "who_exercises",
    "who_must_have_regard_to",
    "contents_of",
]
