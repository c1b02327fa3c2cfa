"""Answers that explain themselves: each names who, what, on what basis, and through which relations.

Every query returns a tuple of these frozen objects, sorted deterministically; ``str()`` of
each reads as one plain sentence that ends with its basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from integratedcare._errors import IntegratedCareError
from integratedcare._model import (
    ALWAYS,
    Citation,
    Clause,
    DutyKind,
    Entity,
    Figure,
    FigureMeasure,
    Period,
    Relation,
)
from integratedcare._model._html import answer_table
from integratedcare._queries._collection import short_repr
from integratedcare._units import Quantity

__all__ = [
    "DutyAnswer",
    "EntityKindError",
    "FunctionAnswer",
    "LinkAnswer",
    "PopulationAnswer",
    "describe_basis",
    "period_of",
]


def describe_basis(basis: Citation | Clause | None) -> str:
    """Return a basis as words for the end of a sentence, such as ``LGPIHA 2007 s116B(1), verified``.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._queries._answers import describe_basis
        >>> describe_basis(ic.Citation(act="NHS Act 2006", section="s65Z5"))
        'NHS Act 2006 s65Z5, verified'
        >>> describe_basis(ic.Clause(agreement="cm-mou-2020", section="Annex 4"))
        'agreement cm-mou-2020 Annex 4'
        >>> describe_basis(None)
        'no basis recorded'
    """
    if isinstance(basis, Citation):
        return f"{basis}, {basis.verification.value}"
    if isinstance(basis, Clause):
        return f"agreement {basis}"
    return "no basis recorded"


def period_of(relations: Iterable[Relation]) -> Period | None:
    """Return the days on which every relation holds (always, for none), or ``None`` if there are none.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._queries._answers import period_of
        >>> print(period_of([ic.Within(source="a", target="b", period=("2022-07-01", None)),
        ...                  ic.Within(source="b", target="c", period=(None, "2026-04-01"))]))
        [2022-07-01, 2026-04-01)
        >>> period_of([ic.Within(source="a", target="b", period=(None, "2020-01-01")),
        ...            ic.Within(source="b", target="c", period=("2022-07-01", None))]) is None
        True
    """
    result: Period | None = ALWAYS
    for relation in relations:
        result = None if result is None else result.intersection(relation.period)
    return result


class EntityKindError(IntegratedCareError, TypeError):
    """A query was given an entity of a kind it cannot answer about.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.errors.EntityKindError(query="who_must_have_regard_to", id="QYG",
        ...                        got="integrated-care-board", expected="document"))
        'who_must_have_regard_to needs a document, got integrated-care-board "QYG"'
    """

    query: str
    id: str
    got: str
    expected: str

    def __init__(self, *, query: str, id: str, got: str, expected: str) -> None:  # noqa: A002 (the domain's word)
        message = f'{query} needs a {expected}, got {got} "{id}"'
        super().__init__(message, query=query, id=id, got=got, expected=expected)


class HtmlAnswer:
    """What every answer shares: it shows itself as a compact HTML table in a notebook."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """Summarise the answer as a compact HTML table, for notebooks."""
        return answer_table(self)

    def __repr__(self) -> str:
        """Return a short repr: the class, kind, the entities named (id and name) and the period."""
        return short_repr(self)

    def detail(self) -> str:
        """Return the full repr: every field, with the entities and relations behind the answer."""
        fields = attrs.fields(type(self))  # type: ignore[arg-type]
        inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields)
        return f"{type(self).__name__}({inner})"


class PlainAnswer(HtmlAnswer):
    """An answer that is one plain sentence already, its ``text``."""

    __slots__ = ()
    text: str

    def __str__(self) -> str:
        """Return the answer as one plain sentence."""
        return self.text


@attrs.frozen(kw_only=True, repr=False)
class DutyAnswer(HtmlAnswer):
    """A duty one body owes: statutory (derived from a rule of law) or agreed (a relation of the landscape).

    Attributes:
        holder: the body that owes the duty.
        duty: what it must do.
        subject: what the duty is towards (a document or a body).
        basis: the citation (with its verification status) or the agreement's clause.
        rule: the id of the rule of law it was derived from, or ``None`` for an agreed duty.
        context: when the duty applies.
        phrase: the words that state the duty before the subject's name.
        period: when the duty holds.
        path: the relations that produced it: those connecting holder and subject, then the duty.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ...     ic.Prepares(source="cm-icp", target="cm-strategy"),
        ... ).build()
        >>> answer = ic.who_must_have_regard_to(land, "cm-strategy")[0]
        >>> print(answer)
        NHS Cheshire and Merseyside ICB must have regard to All Together Fairer when exercising any functions
        (LGPIHA 2007 s116B(1), partly verified).
        >>> answer.kind, answer.rule, [r.kind for r in answer.path]
        ('must have regard to', 's116B-1-icb-strategy', ['establishes', 'prepares', 'duty'])
    """

    holder: Entity
    duty: DutyKind
    subject: Entity
    basis: Citation | Clause | None
    rule: str | None = None
    context: str | None = None
    phrase: str
    period: Period = ALWAYS
    path: tuple[Relation, ...] = ()

    @property
    def kind(self) -> str:
        """What the duty requires, such as ``must have regard to``."""
        return self.duty.value

    @property
    def derived(self) -> bool:
        """Whether the duty was derived from a rule of law rather than typed in."""
        return self.rule is not None

    def order_key(self) -> tuple[str, str, str, str, dt.date]:
        """Return the cheap part of :meth:`sort_key`: holder, subject, duty, rule and start."""
        # a DutyKind is a str enum: it sorts and compares as its value, without the enum's value lookup
        return (self.holder.id, self.subject.id, self.duty, self.rule or "", self.period.start or dt.date.min)

    def sort_key(self) -> tuple[str, str, str, str, dt.date, str]:
        """Order answers by holder, subject, duty, rule and start, then by their paths."""
        start = self.period.start or dt.date.min
        return (self.holder.id, self.subject.id, self.duty.value, self.rule or "", start, repr(self.path))

    def __str__(self) -> str:
        """Say who must do what, towards what, and why."""
        context = f" {self.context}" if self.context else ""
        subject = "" if self.subject.id == self.holder.id else f" {self.subject.name}"  # a duty on its own conduct
        return f"{self.holder.name} {self.phrase}{subject}{context} ({describe_basis(self.basis)})."


@attrs.frozen(kw_only=True, repr=False)
class LinkAnswer(PlainAnswer):
    """An entity connected to the one asked about, with the relations that connect them.

    Used by the structural queries (members, containment, partners, succession, delegation,
    accountability): ``kind`` says how ``entity`` relates to ``subject``.

    Attributes:
        subject: the entity asked about.
        kind: how they relate, such as ``member``, ``within``, ``successor`` or ``accountability``.
        entity: the entity the answer names.
        basis: the basis of the relation that links ``entity`` (the last of the path).
        path: the relations that connect them, in order from ``subject``.
        period: when every relation of the path holds.
        text: the answer as one plain sentence.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.AccountableTo(source="QYG", target="nhs-england", mechanism="annual assessment",
        ...                      basis=ic.Citation(act="NHS Act 2006", section="s14Z59")),
        ... ).build()
        >>> answer = ic.holds_to_account(land, "QYG")[0]
        >>> answer.entity.id, answer.kind
        ('nhs-england', 'accountable-to')
        >>> print(answer)
        NHS Cheshire and Merseyside ICB is accountable to NHS England through annual assessment (NHS Act 2006
        s14Z59, verified).
    """

    subject: Entity
    kind: str
    entity: Entity
    basis: Citation | Clause | None = None
    path: tuple[Relation, ...] = ()
    period: Period = ALWAYS
    text: str

    def sort_key(self) -> tuple[str, str, int, dt.date, str]:
        """Order answers by entity, kind, path length and start."""
        return (self.entity.id, self.kind, len(self.path), self.period.start or dt.date.min, self.text)

    order_key = sort_key  # the sort key is cheap already


@attrs.frozen(kw_only=True, repr=False)
class FunctionAnswer(PlainAnswer):
    """A body that holds, exercises or is accountable for a function, and the law or delegations that say so.

    Attributes:
        body: the body.
        function: the function's id, such as ``dental-services``.
        where: the area asked about, or ``None`` when the question named no place.
        role: ``holds`` (by statute, in its own right), ``exercises`` (by delegation) or ``accountable``.
        basis: the provision of law that gives the function, or the basis of the delegation that passes it on.
        path: the delegations from the accountable body down to the one that exercises it (none for a
            statutory holder).
        period: when the body holds the function (when every delegation of the path holds).
        text: the answer as one plain sentence.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"],
        ...                   basis=ic.Citation(act="NHS Act 2006", section="s65Z5")),
        ... ).build()
        >>> print(ic.accountable_for(land, "dental-services", "QYG")[0])
        NHS England is accountable for dental-services in NHS Cheshire and Merseyside ICB, having delegated it
        (NHS Act 2006 s65Z5, verified).
        >>> print(ic.who_exercises(land, "dental-services", "QYG")[0])
        NHS Cheshire and Merseyside ICB exercises dental-services in NHS Cheshire and Merseyside ICB,
        delegated by NHS England (NHS Act 2006 s65Z5, verified).
    """

    body: Entity
    function: str
    where: Entity | None = None
    role: str
    basis: Citation | Clause | None = None
    path: tuple[Relation, ...] = ()
    period: Period = ALWAYS
    text: str

    @property
    def kind(self) -> str:
        """Which role the body has, ``holds``, ``exercises`` or ``accountable``."""
        return self.role

    @property
    def statutory(self) -> bool:
        """Whether the body holds the function in its own right, by statute."""
        return self.role == "holds"

    def sort_key(self) -> tuple[str, str, int, dt.date, str]:
        """Order answers by body, role, path length and start."""
        return (self.body.id, self.role, len(self.path), self.period.start or dt.date.min, self.text)

    order_key = sort_key  # the sort key is cheap already


@attrs.frozen(kw_only=True, repr=False)
class PopulationAnswer(HtmlAnswer):
    """The population of an area: its own figure, or the sum of its parts, never counting anyone twice.

    Attributes:
        area: the area asked about.
        total: the population in ``person``, or ``None`` when no figure can be given.
        parts: the entities whose own figures were added up (just the area, when it has one).
        path: the ``Within`` relations through which each part was reached.
        left_out: why some entities were not counted (partial overlaps, overlapping partitions).
        measure: the measure of the figures used (``registered`` or ``resident``), when dated
            figures were used rather than ``population`` attributes.
        figures: the dated, sourced figures added up (one per part), each saying its date and source.
        as_of: the date asked about, if any.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.Place(id="ce-place", name="Cheshire East"),
        ...     ic.Neighbourhood(id="crewe", name="Crewe", population=ic.quantity(60_000, "person")),
        ...     ic.Neighbourhood(id="nantwich", name="Nantwich", population=ic.quantity(40_000, "person")),
        ...     ic.Within(source="crewe", target="ce-place"), ic.Within(source="nantwich", target="ce-place"),
        ... ).build()
        >>> answer = ic.population_of(land, "ce-place")
        >>> answer.total
        <Quantity(100000, 'person')>
        >>> print(answer)
        Cheshire East has a population of 100,000 people, the sum of 2 parts: Crewe, Nantwich.
    """

    area: Entity
    total: Quantity | None
    parts: tuple[Entity, ...] = ()
    path: tuple[Relation, ...] = ()
    left_out: tuple[str, ...] = ()
    measure: FigureMeasure | None = None
    figures: tuple[Figure, ...] = ()
    as_of: dt.date | None = None

    @property
    def kind(self) -> str:
        """Always ``population``."""
        return "population"

    def __str__(self) -> str:
        """Say the population and where the figure comes from."""
        if self.measure is not None:
            return self._measured()
        if self.total is None:
            text = f"{self.area.name} has no recorded population, nor parts with one."
        elif self.parts == (self.area,):
            text = f"{self.area.name} has a population of {self.total.magnitude:,.0f} people, its own figure."
        else:
            names = ", ".join(part.name for part in self.parts)
            text = (
                f"{self.area.name} has a population of {self.total.magnitude:,.0f} people, "
                f"the sum of {len(self.parts)} parts: {names}."
            )
        if self.left_out:
            text += " Not added: " + "; ".join(self.left_out) + "."
        return text

    def _measured(self) -> str:
        """Say a figure of one measure, its date and its source, or the sum and what was left out."""
        what = "registered patients" if self.measure is FigureMeasure.REGISTERED else "residents"
        when = "" if self.as_of is None else f" in force on {self.as_of.isoformat()}"
        if self.total is None:
            text = f"{self.area.name} has no {what} figure{when}, nor parts with one."
        elif self.parts == (self.area,):
            text = f"{self.area.name} has {self.total.magnitude:,.0f} {what}{when}, its own figure: {self.figures[0]}."
        else:
            dates = sorted({f.date.isoformat() for f in self.figures})
            sources = sorted({f.source.title for f in self.figures})
            text = (
                f"{self.area.name} has {self.total.magnitude:,.0f} {what}{when}, the sum of {len(self.parts)} parts' "
                f"figures dated {', '.join(dates)} ({'; '.join(sources)})."
            )
        if self.left_out:
            text += " Not added: " + "; ".join(self.left_out) + "."
        return text
