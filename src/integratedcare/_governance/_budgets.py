"""Pooled budgets: partners' contributions to a fund one of them hosts (NHS Act 2006 s75)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model import Citation, Entity, Source
from integratedcare._model._fields import in_units
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of
from integratedcare._model._fields import valid_id as _valid_id
from integratedcare._statute import cite
from integratedcare._units import Quantity, ureg

__all__ = ["SECTION_75", "PooledBudget"]

SECTION_75: Citation = cite("nhsa-s75")
"""Partnership arrangements between NHS bodies and councils, including pooled funds (domain facts 1.8, verified)."""

_check_gbp = in_units("GBP")
_check_person = in_units("person")


def _subject(instance: object) -> str:
    """Name a pooled budget for error messages."""
    return f'pooled budget "{getattr(instance, "id", "?")}"'


def _to_contributions(value: Mapping[str, Quantity]) -> Mapping[str, Quantity]:
    """Freeze the contributions into a read-only mapping ordered by contributor id."""
    if not isinstance(value, Mapping):
        raise InvalidValueError(field="contributions", problem=f"must map body ids to GBP, got {value!r}")
    return MappingProxyType(dict(sorted(value.items())))


def _valid_contributions(
    instance: PooledBudget, attribute: attrs.Attribute[Any], value: Mapping[str, Quantity]
) -> None:
    """Every contribution is a non-negative GBP quantity from a body with a valid id; the host contributes."""
    if not value:
        raise InvalidValueError(subject=_subject(instance), field="contributions", problem="must name at least one")
    for body, amount in value.items():
        try:
            _valid_id(instance, attribute, body)
            _check_gbp(instance, attribute, amount)
        except InvalidValueError as exc:
            raise type(exc)(subject=_subject(instance), field=f"contributions[{body!r}]", problem=exc.problem) from None
    if instance.host not in value:
        raise InvalidValueError(
            subject=_subject(instance),
            field="host",
            problem=f"must be one of the contributors ({', '.join(value)}), got {instance.host!r}",
        )


@attrs.frozen(kw_only=True)
class PooledBudget:
    """A pooled fund under s75: contributions in GBP from partners, one of whom hosts it.

    Attributes:
        id: the budget's id.
        host: the id of the body that hosts the fund (one of the contributors).
        contributions: each contributor's id mapped to its contribution in GBP.
        population: the people it serves, in person (needed for :attr:`per_head`).
        basis: the law it is made under (s75 by default).

    Examples:
        >>> import integratedcare as ic
        >>> bcf = ic.governance.PooledBudget(id="cheshire-east-bcf", host="E06000049",
        ...                       contributions={"QYG": ic.quantity(30e6, "GBP"),
        ...                                      "E06000049": ic.quantity(10e6, "GBP")},
        ...                       population=ic.quantity(400_000, "person"))
        >>> bcf.total
        <Quantity(40000000.0, 'GBP')>
        >>> bcf.per_head
        <Quantity(100.0, 'GBP / person')>
        >>> print(bcf)
        pooled budget cheshire-east-bcf hosted by E06000049: 40000000.0 GBP from E06000049, QYG (NHS Act 2006 s75)
    """

    id: str = attrs.field(validator=_valid_id)
    host: str = attrs.field(validator=_valid_id)
    contributions: Mapping[str, Quantity] = attrs.field(converter=_to_contributions, validator=_valid_contributions)
    population: Quantity | None = attrs.field(default=None, validator=_check_person)
    basis: Citation = SECTION_75
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    @property
    def total(self) -> Quantity:
        """The sum of the contributions, in GBP."""
        total: Quantity = ureg.Quantity(0, "GBP")
        for amount in self.contributions.values():
            total = total + amount.to("GBP")
        return total

    @property
    def per_head(self) -> Quantity:
        """The total per person served, in ``GBP / person``.

        Raises:
            InvalidValueError: the budget has no population, or a population of zero.
        """
        if self.population is None or self.population.magnitude == 0:
            raise InvalidValueError(
                subject=_subject(self), field="population", problem="must be a positive number of people for per_head"
            )
        return (self.total / self.population.to("person")).to("GBP / person")  # type: ignore[no-any-return]

    def share(self, body: Entity | str) -> float:
        """Return a body's contribution (the body, or its id) as a fraction of the total (0 for a non-contributor)."""
        total = self.total.magnitude
        amount = self.contributions.get(body.id if isinstance(body, Entity) else body)
        return 0.0 if amount is None or total == 0 else float(amount.to("GBP").magnitude / total)

    def __str__(self) -> str:
        """Say who hosts the fund, how much it holds, from whom, and under what law."""
        who = ", ".join(self.contributions)
        return f"pooled budget {self.id} hosted by {self.host}: {self.total} from {who} ({self.basis})"
