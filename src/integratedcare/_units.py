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

import functools
import re
from numbers import Real
from typing import TYPE_CHECKING, Any, TypeAlias

import pint

from integratedcare._errors import UnitError

__all__ = ["GBP", "MAX_QUANTITY_TEXT", "PERSON", "Quantity", "quantity", "ureg"]

MAX_QUANTITY_TEXT = 200
"""The longest quantity text (``"5.6 billion GBP"``) or unit text :func:`quantity` reads, in characters.

Longer text is refused before it is parsed: no unit of the registry needs more, and the units
parser's work grows faster than the text (30,000 letters took seconds)."""

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
# A unit is words, optionally divided by words: "person", "5.6 billion GBP", "GBP / person".
# Nothing else is accepted, so unit text is never evaluated as arithmetic ("9**9**9 person").
_UNIT_TEXT = re.compile(r"[A-Za-z_]+( [A-Za-z_]+)*( ?/ ?[A-Za-z_]+( [A-Za-z_]+)*)?")
_NUMBER_AND_UNIT = re.compile(
    r"\s*(?P<number>[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s+(?P<unit>" + _UNIT_TEXT.pattern + r")\s*"
)


def _make_registry() -> pint.UnitRegistry[Any]:
    """Build the dedicated registry from the definitions above."""
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(None, cache_folder=None)
    for definition in _DEFINITIONS:
        registry.define(definition)
    return registry


ureg: pint.UnitRegistry[Any] = _make_registry()
"""The unit registry every quantity of integratedcare belongs to."""

if TYPE_CHECKING:
    Quantity: TypeAlias = pint.Quantity[Any]
else:
    Quantity = pint.Quantity
"""The type of a quantity with units (``pint.Quantity``)."""

PERSON = ureg.Unit("person")
"""The unit of population and list sizes."""

GBP = ureg.Unit("GBP")
"""The unit of money: pounds sterling."""


def _new(number: float, units: pint.Unit) -> Quantity:
    """Return ``ureg.Quantity(number, units)`` for a plain number, built directly.

    pint's constructor looks its registry up on every call (an import statement in
    ``SharedRegistryObject.__new__``), which cost more than half of reading a quantity; the object
    made here has the same class, magnitude and units (a test compares the two).
    """
    made: Quantity = object.__new__(ureg.Quantity)
    made._magnitude = number  # noqa: SLF001 (pint's own fields, as its constructor sets them)
    made._units = units._units  # noqa: SLF001
    return made


def _unpickle(magnitude: float, units: str) -> Quantity:
    """Rebuild a quantity of this registry (used by pickle)."""
    return ureg.Quantity(magnitude, units)


def _reduce(self: Quantity) -> tuple[object, tuple[float, str]]:
    """Pickle a quantity of this registry by magnitude and unit text."""
    return (_unpickle, (self.magnitude, str(self.units)))


# Quantities of this registry pickle against this registry, not pint's application registry.
setattr(ureg.Quantity, "__reduce__", _reduce)  # noqa: B010 (mypy forbids assigning a method)


@functools.lru_cache(maxsize=256)
def _units_of(text: str) -> tuple[pint.Unit, bool]:
    """Parse unit text (already checked to be words and at most one division), once per text.

    Returns the unit and whether it holds a scale word (``million``) to multiply out.
    """
    units = ureg.parse_units(text)
    return units, any(name in _SCALE_WORDS for name in units._units)  # noqa: SLF001 (pint's own container)


def _parse_units(text: str, value: object) -> tuple[pint.Unit, bool]:
    """Parse unit text, naming the whole given value when the units are unknown."""
    try:
        return _units_of(text)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, ArithmeticError, RecursionError):
        shown = value if isinstance(value, str) else f"{value} {text}"
        raise UnitError(field="value", problem=f"is not a quantity with known units, got {shown!r}") from None


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
        UnitError: the text or unit cannot be parsed, is longer than 200 characters (before any
            parsing: no unit needs more), or a number came without a unit.

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
    if isinstance(value, bool) or not isinstance(value, (str, Real)):
        raise UnitError(field="value", problem=f"must be a number or text, got {value!r}")
    for text in (value, unit):
        if isinstance(text, str) and len(text) > MAX_QUANTITY_TEXT:
            shown = f"{text[:40]}...{text[-20:]}"
            raise UnitError(
                field="value" if text is value else "unit",
                problem=f"is {len(text)} characters long; at most {MAX_QUANTITY_TEXT} are read, got {shown!r}",
            )
    if isinstance(value, str):
        if unit is not None:
            msg = "must be a number when a unit is given separately"
            raise UnitError(field="value", problem=f"{msg}, got {value!r}")
        match = _NUMBER_AND_UNIT.fullmatch(value)
        if match is None:
            raise UnitError(field="value", problem=f"must be a number followed by a unit, got {value!r}")
        number: float = float(match["number"]) if any(c in match["number"] for c in ".eE") else int(match["number"])
        unit = match["unit"]
    else:
        if unit is None:
            raise UnitError(field="unit", problem=f"is required for the number {value!r}")
        number = value
        if _UNIT_TEXT.fullmatch(unit) is None:
            raise UnitError(field="value", problem=f"is not a quantity with known units, got {f'{value} {unit}'!r}")
    units, scaled = _parse_units(unit, value)
    parsed = _new(number, units)
    return parsed.to_root_units() if scaled else parsed  # type: ignore[return-value]
