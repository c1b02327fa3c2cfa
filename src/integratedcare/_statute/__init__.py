"""The statute layer: legal regimes and their duty rules as data, and the duties they derive."""

from __future__ import annotations

from integratedcare._statute._derive import DerivedDuty, derived_duties
from integratedcare._statute._errors import UnknownRegimeError, UnknownRuleError
from integratedcare._statute._regimes import DEFAULT_REGIME, REGIMES, legal_regime
from integratedcare._statute._rules import Connection, DutyRule, Regime

__all__ = [
    "DEFAULT_REGIME",
    "REGIMES",
    "Connection",
    "DerivedDuty",
    "DutyRule",
    "Regime",
    "UnknownRegimeError",
    "UnknownRuleError",
    "derived_duties",
    "legal_regime",
]
