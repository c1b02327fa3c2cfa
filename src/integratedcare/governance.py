"""Governance: boards and posts, functions and delegation, decisions, disputes and mutual accountability.

Use it as ``integratedcare.governance``. It holds the governance layer's public names: forums and
their decision rules (:class:`Consensus`, :class:`Majority`, :class:`Supermajority`,
:class:`Quorum`) with :func:`decide`; board composition under the model constitution; statutory
functions and who exercises them through delegation; dispute processes; pooled budgets; provider
collaboratives; mutual accountability frameworks with their applicability tables; and the 2025-26
reforms of ICBs as dated, sourced data, each item flagged verified, partly verified or unverified:
``RUNNING_COST_TARGETS`` (the 30% and 50% cuts and the £18.76 per head envelope),
``BLUEPRINT_FUNCTIONS`` (the Model ICB Blueprint's functions that grow, stay, move out or move in),
``NEIGHBOURHOOD_HEALTH_COMPONENTS`` (the six core components of the 2025/26 guidelines),
``OVERSIGHT_FRAMEWORKS`` (who the NHS Oversight Framework segments, year by year) and ``REFORM_GAPS``
(what the sources do not give), with the queries :func:`oversight_segment` and
:func:`running_cost_envelope`.
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
from integratedcare._governance._reforms import (
    BlueprintFunction,
    FunctionChange,
    NeighbourhoodHealthComponent,
    OversightFramework,
    PolicyDocument,
    Reform,
    ReformGap,
    RunningCostTarget,
    financial_year,
)
from integratedcare._governance._reforms_answers import (
    RunningCostAnswer,
    SegmentAnswer,
    oversight_segment,
    running_cost_envelope,
)
from integratedcare._governance._reforms_data import (
    BLUEPRINT_FUNCTIONS,
    NEIGHBOURHOOD_HEALTH_COMPONENTS,
    OVERSIGHT_FRAMEWORKS,
    REFORM_GAPS,
    RUNNING_COST_TARGETS,
)

__all__ = [
    "AgreementRules",
    "ApplicabilityTable",
    "BLUEPRINT_FUNCTIONS",
    "BlueprintFunction",
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
    "FunctionChange",
    "FunctionHolding",
    "ImprovementStage",
    "JointArrangement",
    "Majority",
    "Matter",
    "MutualAccountabilityFramework",
    "NEIGHBOURHOOD_HEALTH_COMPONENTS",
    "NeighbourhoodHealthComponent",
    "OVERSIGHT_FRAMEWORKS",
    "Outcome",
    "OversightFramework",
    "PartnerKind",
    "PolicyDocument",
    "PooledBudget",
    "Proposal",
    "Quorum",
    "REFORM_GAPS",
    "RUNNING_COST_TARGETS",
    "RecommendingForum",
    "Reform",
    "ReformGap",
    "RuleResult",
    "RunningCostAnswer",
    "RunningCostTarget",
    "SECTION_75",
    "SegmentAnswer",
    "Supermajority",
    "Tally",
    "Vote",
    "VoteError",
    "board_composition",
    "cheshire_and_merseyside_rules",
    "decide",
    "delegation_basis",
    "financial_year",
    "functions_held_by",
    "holders_of",
    "joint_arrangements",
    "oversight_segment",
    "provider_collaborative",
    "running_cost_envelope",
    "who_exercises",
]
