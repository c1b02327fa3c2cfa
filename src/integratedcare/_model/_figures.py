"""Figures: dated, sourced counts of people that an entity carries (registered lists, residents).

An entity can carry several figures, each of one measure (``registered`` patients or ONS
``resident`` population), on one date, from one source. Figures of different measures are never
added together (:func:`integratedcare.population_of` picks one measure).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model._period import DateLike, to_date
from integratedcare._model._provenance import Source
from integratedcare._units import Quantity, ureg

__all__ = ["Figure", "FigureMeasure"]


class FigureMeasure(enum.StrEnum):
    """What a figure counts.

    Examples:
        >>> import integratedcare as ic
        >>> ic.FigureMeasure("registered")
        <FigureMeasure.REGISTERED: 'registered'>
    """

    REGISTERED = "registered"
    """Patients registered with GP practices (NHS England, Patients Registered at a GP Practice)."""
    RESIDENT = "resident"
    """Usual residents (ONS mid-year population estimates)."""


def _count(_instance: Figure, _attribute: object, value: int) -> None:
    """A figure is a whole number of people, not negative."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValueError(
            subject="figure", field="value", problem=f"must be a whole number of people, 0 or more, got {value!r}"
        )


def _day(value: DateLike) -> dt.date:
    """Convert a figure's date."""
    return to_date(value, field="date")


@attrs.frozen(kw_only=True)
class Figure:
    """A count of people of one measure, on one date, from one source.

    Attributes:
        measure: what is counted: ``registered`` patients or ``resident`` population.
        value: the number of people.
        date: the date the count refers to (a list extract's date, or a mid-year's 30 June).
        source: where the figure comes from.
        note: how it was derived, if not read directly from the source.

    Examples:
        >>> import integratedcare as ic
        >>> fig = ic.Figure(measure="registered", value=3904, date="2025-04-01",
        ...                 source=ic.Source(title="Patients Registered at a GP Practice, April 2025"))
        >>> fig.quantity
        <Quantity(3904, 'person')>
        >>> str(fig)
        '3,904 registered patients on 2025-04-01 (Patients Registered at a GP Practice, April 2025)'
    """

    measure: FigureMeasure = attrs.field(converter=FigureMeasure)
    value: int = attrs.field(validator=_count)
    date: dt.date = attrs.field(converter=_day)
    source: Source = attrs.field(validator=attrs.validators.instance_of(Source))
    note: str | None = None

    @property
    def quantity(self) -> Quantity:
        """The figure as a quantity in ``person``."""
        return ureg.Quantity(self.value, "person")

    def __str__(self) -> str:
        """Say the count, what it counts, its date and its source."""
        what = "registered patients" if self.measure is FigureMeasure.REGISTERED else "residents"
        note = "" if self.note is None else f"; {self.note}"
        return f"{self.value:,} {what} on {self.date.isoformat()} ({self.source.title}{note})"
