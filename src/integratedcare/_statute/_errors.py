"""Errors of the statute layer: unknown regimes and rules."""

from __future__ import annotations

from collections.abc import Sequence

from integratedcare._errors import IntegratedCareError

__all__ = ["UnknownRegimeError", "UnknownRuleError"]


class UnknownRegimeError(IntegratedCareError, KeyError):
    """A regime id names no legal regime; the known ids are listed.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.errors.UnknownRegimeError(id="hca-2023", known=("hca-2022", "health-bill-2026")))
        'no legal regime "hca-2023"; known regimes: hca-2022, health-bill-2026'
        >>> isinstance(ic.errors.UnknownRegimeError(id="x"), KeyError)
        True
    """

    id: str
    known: tuple[str, ...]

    def __init__(self, *, id: str, known: Sequence[str] = ()) -> None:  # noqa: A002 (the domain's word)
        listed = f"; known regimes: {', '.join(known)}" if known else ""
        super().__init__(f'no legal regime "{id}"{listed}', id=id, known=tuple(known))


class UnknownRuleError(IntegratedCareError, KeyError):
    """A rule id names no rule of a regime.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.errors.UnknownRuleError(regime="hca-2022", rule="s999"))
        'regime "hca-2022" has no rule "s999"'
    """

    regime: str
    rule: str

    def __init__(self, *, regime: str, rule: str) -> None:
        super().__init__(f'regime "{regime}" has no rule "{rule}"', regime=regime, rule=rule)
