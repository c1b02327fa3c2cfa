"""Converters and validators that the model's attrs classes (and the governance layer's) declare on fields.

One place for them, so that an id is checked, a list converted and a quantity's unit enforced
the same way on every class.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any, Final, Protocol, TypeAlias, TypeVar

import attrs

from integratedcare._errors import InvalidValueError, UnitError
from integratedcare._model._provenance import check_text, subject_of
from integratedcare._units import ureg

__all__ = ["Validator", "in_units", "to_tuple", "tuple_of", "valid_id", "with_id"]

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def valid_id(_instance: object, attribute: object, value: str) -> None:
    """Check that an id (or a field naming one, such as a relation's source) is a readable slug or code."""
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        raise InvalidValueError(
            field=getattr(attribute, "name", "id"),
            problem=f"must start with a letter or digit and hold only letters, digits, '.', '_' and '-', got {value!r}",
        )


class _Identified(Protocol):
    """Anything with an id (an entity, a rule, a criterion, a forum's member)."""

    @property
    def id(self) -> str:
        """The id."""
        ...  # pragma: no cover (a protocol)


_T = TypeVar("_T", bound=_Identified)


def with_id(items: Iterable[_T], id: str) -> _T | None:  # noqa: A002 (the domain's word)
    """Return the first of ``items`` whose id is ``id``, or ``None`` (the caller raises its own error).

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._model._fields import with_id
        >>> places = [ic.Place(id="ce-place", name="Cheshire East"), ic.Place(id="cw-place", name="Cheshire West")]
        >>> with_id(places, "cw-place").name, with_id(places, "x")
        ('Cheshire West', None)
    """
    return next((item for item in items if item.id == id), None)


Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _finite(number: float) -> bool:
    """Whether a number is finite and fits in a float (an integer of 400 digits does not)."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def in_units(unit: str) -> Validator:
    """Make an attrs validator for an optional quantity that must be in ``unit``'s dimension.

    The magnitude must be a finite number, not negative.
    """
    expected = ureg.Unit(unit)

    def validate(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, ureg.Quantity):
            raise UnitError(
                subject=subject_of(instance),
                field=attribute.name,
                problem=f"must be a quantity in {unit} (see integratedcare.quantity), got {value!r}",
            )
        if value.dimensionality != expected.dimensionality:
            raise UnitError(
                subject=subject_of(instance), field=attribute.name, problem=f"must be in {unit}, got {value}"
            )
        magnitude = value.magnitude
        if not isinstance(magnitude, (int, float)) or isinstance(magnitude, bool) or not _finite(magnitude):
            raise UnitError(
                subject=subject_of(instance),
                field=attribute.name,
                problem=f"must be a finite number, got {value}",
            )
        if magnitude < 0:
            raise InvalidValueError(
                subject=subject_of(instance),
                field=attribute.name,
                problem=f"must not be negative, got {value}",
            )

    return validate


def tuple_of(kind: type) -> Validator:
    """Make an attrs validator that every member of a tuple field is an instance of ``kind``."""

    def validate(instance: object, attribute: attrs.Attribute[object], value: tuple[object, ...]) -> None:
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidValueError(
                    subject=subject_of(instance),
                    field=f"{attribute.name}[{position}]",
                    problem=f"must be a {kind.__name__}, got {item!r}",
                )
            if isinstance(item, str):
                check_text(instance, f"{attribute.name}[{position}]", item)

    return validate


def to_tuple(value: Iterable[object]) -> tuple[object, ...]:
    """Convert a sequence field to a tuple (a lone string is not a sequence of strings)."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)
