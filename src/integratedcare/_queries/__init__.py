"""The queries layer: free functions, landscape first, returning sorted tuples of answers that explain themselves.

Besides the queries, the layer offers the layers above it (governance, checks) what every query
does with its arguments: ``entity_of``, ``required``, ``view_of``, ``function_id``, ``sort_answers`` and
``describe_basis``.
"""

from __future__ import annotations

from integratedcare._queries._accountability import (
    accountability_chain,
    accountable_for,
    delegation_chain,
    delegations_from,
    delegations_to,
    holds_to_account,
    who_exercises_in,
)
from integratedcare._queries._answers import (
    DutyAnswer,
    EntityKindError,
    FunctionAnswer,
    LinkAnswer,
    PopulationAnswer,
    describe_basis,
)
from integratedcare._queries._collection import Answers
from integratedcare._queries._common import Identified, entity_of, function_id, required, sort_answers, view_of
from integratedcare._queries._duties import duties_of, who_must_have_regard_to
from integratedcare._queries._find import FindAnswer, MoveAnswer, find, moves
from integratedcare._queries._periods import Change, Explanation, Held, Timeline, change_points, explain, timeline
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
    "Answers",
    "Change",
    "Explanation",
    "Held",
    "Timeline",
    "change_points",
    "explain",
    "timeline",
    "DutyAnswer",
    "Identified",
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
    "describe_basis",
    "duties_of",
    "entity_of",
    "function_id",
    "find",
    "holds_to_account",
    "members_of",
    "memberships_of",
    "moves",
    "partners_of",
    "population_of",
    "predecessors",
    "required",
    "sort_answers",
    "successors",
    "view_of",
    "who_exercises_in",
    "who_must_have_regard_to",
    "contents_of",
]
