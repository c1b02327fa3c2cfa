"""The statute layer: legal regimes and their duty rules as data, and the duties they derive."""

from __future__ import annotations

from integratedcare._statute._abolish import under_regime
from integratedcare._statute._derive import DerivedDuty, derived_duties
from integratedcare._statute._errors import UnknownRegimeError, UnknownRuleError
from integratedcare._statute._law import LawComparison, compare_law, own_duties
from integratedcare._statute._regimes import DEFAULT_REGIME, REGIMES, legal_regime
from integratedcare._statute._rulebook import (
    ACTS,
    RULEBOOK,
    Abolition,
    Change,
    Provision,
    ProvisionKind,
    cite,
    provision,
)
from integratedcare._statute._rules import Connection, DutyRule, Regime

__all__ = [
    "ACTS",
    "DEFAULT_REGIME",
    "REGIMES",
    "RULEBOOK",
    "Abolition",
    "Change",
    "Connection",
    "DerivedDuty",
    "DutyRule",
    "LawComparison",
    "Provision",
    "ProvisionKind",
    "Regime",
    "UnknownRegimeError",
    "UnknownRuleError",
    "cite",
    "compare_law",
    "derived_duties",
    "legal_regime",
    "own_duties",
    "provision",
    "under_regime",
]
