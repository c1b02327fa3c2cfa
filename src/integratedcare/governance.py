"""Governance: boards and posts, functions and delegation, decisions, disputes and mutual accountability.

Use it as ``integratedcare.governance``. It holds the governance layer's public names: forums and
their decision rules (:class:`Consensus`, :class:`Majority`, :class:`Supermajority`,
:class:`Quorum`) with :func:`decide`; board composition under the model constitution; statutory
functions and who exercises them through delegation; dispute processes; pooled budgets; provider
collaboratives; and mutual accountability frameworks with their applicability tables.
``FUNCTIONS`` is the registry of statutory functions by id, ``SECTION_75`` the citation of
pooled budgets, and ``CHESHIRE_AND_MERSEYSIDE_MOU`` the rules of Cheshire and Merseyside's
memorandum of understanding.

Examples:
    >>> import integratedcare as ic
    >>> rule = ic.governance.Supermajority(threshold=0.75)
    >>> str(rule)
    'supermajority of at least 75% of eligible members'
"""

from __future__ import annotations

from integratedcare._governance._accountability import (
    ImprovementStage,
    MutualAccountabilityFramework,
    RecommendingForum,
)
from integratedcare._governance._applicability import (
    ApplicabilityTable,
    PartnerKind,
)
from integratedcare._governance._boards import (
    BoardComposition,
    BoardRole,
    BoardSeat,
    board_composition,
)
from integratedcare._governance._budgets import (
    SECTION_75,
    PooledBudget,
)
from integratedcare._governance._cheshire_and_merseyside import (
    CHESHIRE_AND_MERSEYSIDE_MOU,
    AgreementRules,
    BoardConstituency,
    cheshire_and_merseyside_rules,
)
from integratedcare._governance._collaboratives import (
    CollaborativeMembership,
    JointArrangement,
    joint_arrangements,
    provider_collaborative,
)
from integratedcare._governance._decisions import (
    Consensus,
    DecisionLevel,
    DecisionRule,
    Forum,
    ForumMember,
    Majority,
    Matter,
    Outcome,
    Proposal,
    Quorum,
    RuleResult,
    Supermajority,
    Tally,
    Vote,
    decide,
)
from integratedcare._governance._disputes import (
    Dispute,
    DisputeEvent,
    DisputeProcess,
    DisputeStage,
    DisputeState,
)
from integratedcare._governance._errors import (
    DelegationError,
    DisputeStateError,
    VoteError,
)
from integratedcare._governance._functions import (
    FUNCTIONS,
    DelegationBasisKind,
    Function,
    FunctionHolding,
    delegation_basis,
    functions_held_by,
    holders_of,
    who_exercises,
)

__all__ = [
    "AgreementRules",
    "ApplicabilityTable",
    "BoardComposition",
    "BoardConstituency",
    "BoardRole",
    "BoardSeat",
    "CHESHIRE_AND_MERSEYSIDE_MOU",
    "CollaborativeMembership",
    "Consensus",
    "DecisionLevel",
    "DecisionRule",
    "DelegationBasisKind",
    "DelegationError",
    "Dispute",
    "DisputeEvent",
    "DisputeProcess",
    "DisputeStage",
    "DisputeState",
    "DisputeStateError",
    "FUNCTIONS",
    "Forum",
    "ForumMember",
    "Function",
    "FunctionHolding",
    "ImprovementStage",
    "JointArrangement",
    "Majority",
    "Matter",
    "MutualAccountabilityFramework",
    "Outcome",
    "PartnerKind",
    "PooledBudget",
    "Proposal",
    "Quorum",
    "RecommendingForum",
    "RuleResult",
    "SECTION_75",
    "Supermajority",
    "Tally",
    "Vote",
    "VoteError",
    "board_composition",
    "cheshire_and_merseyside_rules",
    "decide",
    "delegation_basis",
    "functions_held_by",
    "holders_of",
    "joint_arrangements",
    "provider_collaborative",
    "who_exercises",
]
