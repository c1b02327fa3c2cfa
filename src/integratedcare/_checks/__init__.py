"""The checks layer: rules from statute and guidance, and maturity frameworks, with citations.

Importing it registers every rule in :data:`RULES`: statute (``_rules_statute``), guidance
(``_rules_guidance``) and structure (``_rules_structure``).
"""

from __future__ import annotations

from integratedcare._checks import _rules_guidance, _rules_statute, _rules_structure
from integratedcare._checks._docs import rules_markdown
from integratedcare._checks._framework_criteria import FRAMEWORKS, assess
from integratedcare._checks._frameworks import (
    Assessment,
    Criterion,
    CriterionAssessment,
    CriterionStatus,
    Evidence,
    Framework,
    UnknownFrameworkError,
)
from integratedcare._checks._registry import RULES, Finding, Rule, Severity, UnknownCheckError
from integratedcare._checks._report import Report, check, spans
from integratedcare._checks._rules_structure import LINE_ENDS, OPEN_ENDED, check_delegations

__all__ = [
    "FRAMEWORKS",
    "LINE_ENDS",
    "OPEN_ENDED",
    "RULES",
    "Assessment",
    "Criterion",
    "CriterionAssessment",
    "CriterionStatus",
    "Evidence",
    "Finding",
    "Framework",
    "Report",
    "Rule",
    "Severity",
    "UnknownCheckError",
    "UnknownFrameworkError",
    "assess",
    "check",
    "check_delegations",
    "rules_markdown",
    "spans",
]

del _rules_guidance, _rules_statute, _rules_structure
