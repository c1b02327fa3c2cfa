"""The one unit registry of integratedcare: people, pounds sterling and time.

The registry is small and dedicated (it builds in a few milliseconds, where pint's default
registry takes hundreds) and defines only what the domain needs:

- ``person`` (aliases ``people``, ``persons``), dimension ``[population]``;
- ``GBP`` (alias ``pound_sterling``), dimension ``[currency]``;
- the scale words ``thousand``, ``million`` and ``billion``, so ``"5.6 billion GBP"`` parses;
- ``second``, ``minute``, ``hour``, ``day``, ``week``, ``month`` and ``year`` (a Julian year);
- ``percent``.

Share it: quantities from different registries cannot be combined, so make them with
:func:`quantity` or with ``ureg.Quantity``.
"""

from __future__ import annotations

import re
from numbers import Real
from typing import TYPE_CHECKING, Any, TypeAlias

import pint

__all__ = ["GBP", "PERSON", "Quantity", "quantity", "ureg"]

_DEFINITIONS = (
    "person = [population] = people = persons",
    "GBP = [currency] = pound_sterling",
    "thousand = 1e3",
    "million = 1e6",
    "billion = 1e9",
    "percent = 0.01",
    "second = [time] = s = sec = seconds",
    "minute = 60 * second = minutes",
    "hour = 60 * minute = hours",
    "day = 24 * hour = days",
    "week = 7 * day = weeks",
    "year = 365.25 * day = years",
    "month = year / 12 = months",
)
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "percent"})
_NUMBER_AND_UNIT = re.compile(r"\s*(?P<number>[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s+(?P<unit>[A-Za-z_]+)\s*")


def _make_registry() -> pint.UnitRegistry[Any]:
    """Build the dedicated registry from the definitions above."""
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(None, cache_folder=None)
    for definition in _DEFINITIONS:
        registry.define(definition)
    return registry


ureg: pint.UnitRegistry[Any] = _make_registry()
"""The unit registry every quantity of integratedcare belongs to."""

# Units that a number can be given in directly, without scaling: the common case in files.
_SIMPLE_UNITS = {name: ureg.Unit(name) for name in ("person", "people", "persons", "GBP", "day", "days")}

if TYPE_CHECKING:
    Quantity: TypeAlias = pint.Quantity[Any]
else:
    Quantity = pint.Quantity
"""The type of a quantity with units (``pint.Quantity``)."""

PERSON = ureg.Unit("person")
"""The unit of population and list sizes."""

GBP = ureg.Unit("GBP")
"""The unit of money: pounds sterling."""


def _unpickle(magnitude: float, units: str) -> Quantity:
    """Rebuild a quantity of this registry (used by pickle)."""
    return ureg.Quantity(magnitude, units)


def _reduce(self: Quantity) -> tuple[object, tuple[float, str]]:
    """Pickle a quantity of this registry by magnitude and unit text."""
    return (_unpickle, (self.magnitude, str(self.units)))


# Quantities of this registry pickle against this registry, not pint's application registry.
setattr(ureg.Quantity, "__reduce__", _reduce)  # noqa: B010 (mypy forbids assigning a method)


def quantity(value: float | str, unit: str | None = None) -> Quantity:
    """Make a quantity of the integratedcare registry.

    Args:
        value: a number (then ``unit`` is required) or a text such as ``"400000 person"`` or
            ``"5.6 billion GBP"``.
        unit: the unit, such as ``"person"``, ``"GBP"`` or ``"GBP / person"``.

    Returns:
        The quantity. Scale words are multiplied out, so ``"5.6 billion GBP"`` gives
        ``5.6e9 GBP``.

    Raises:
        UnitError: the text or unit cannot be parsed, or a number came without a unit.

    Examples:
        >>> import integratedcare as ic
        >>> ic.quantity("400000 person")
        <Quantity(400000, 'person')>
        >>> ic.quantity("5.6 billion GBP")
        <Quantity(5.6e+09, 'GBP')>
        >>> budget = ic.quantity(5.6e9, "GBP")
        >>> (budget / ic.quantity(2.7e6, "person")).to("GBP / person").units
        <Unit('GBP / person')>
    """
    from integratedcare._errors import UnitError  # noqa: PLC0415 (avoid an import cycle)

    fast = _NUMBER_AND_UNIT.fullmatch(value) if isinstance(value, str) and unit is None else None
    if fast is not None and fast["unit"] in _SIMPLE_UNITS:  # "400000 person": skip pint's general parser
        number = float(fast["number"]) if any(c in fast["number"] for c in ".eE") else int(fast["number"])
        return ureg.Quantity(number, _SIMPLE_UNITS[fast["unit"]])
    try:
        if isinstance(value, str):
            if unit is not None:
                msg = "must be a number when a unit is given separately"
                raise UnitError(field="value", problem=f"{msg}, got {value!r}")
            parsed: Quantity = ureg.Quantity(value)
        elif isinstance(value, Real) and not isinstance(value, bool):
            if unit is None:
                raise UnitError(field="unit", problem=f"is required for the number {value!r}")
            parsed = ureg.Quantity(value, unit)
        else:
            raise UnitError(field="value", problem=f"must be a number or text, got {value!r}")
    except (pint.errors.PintError, ValueError, TypeError, AttributeError) as exc:
        if isinstance(exc, UnitError):
            raise
        shown = value if unit is None else f"{value} {unit}"
        raise UnitError(field="value", problem=f"is not a quantity with known units, got {shown!r}") from exc
    if parsed.unitless:
        raise UnitError(field="value", problem=f"has no unit, got {value!r}")
    if any(name in _SCALE_WORDS for name, _ in parsed.unit_items()):
        parsed = parsed.to_root_units()  # type: ignore[assignment]
    return parsed
