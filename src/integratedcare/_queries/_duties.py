"""Duty queries: who must have regard to a document, and what a body must do."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from integratedcare._landscape import Landscape
from integratedcare._model import Body, DateLike, Document, Duty, DutyKind, Entity, Period, to_date
from integratedcare._queries._answers import DutyAnswer
from integratedcare._queries._collection import Answers
from integratedcare._queries._common import required, sort_answers
from integratedcare._statute import DerivedDuty, Regime, derived_duties
from integratedcare._statute._derive import own_rules

__all__ = ["duties_of", "who_must_have_regard_to"]


def _answer(entity: Callable[[str], Entity], duty: Duty) -> DutyAnswer:
    """Turn a duty relation, derived or typed in, into an answer (``entity`` looks up an id)."""
    if isinstance(duty, DerivedDuty):
        rule, phrase, path = duty.rule.id, duty.rule.phrase, (*duty.via, duty)
    else:
        rule, phrase, path = None, duty.duty.value, (duty,)
    return DutyAnswer(
        holder=entity(duty.source),
        duty=duty.duty,
        subject=entity(duty.target),
        basis=duty.basis,
        rule=rule,
        context=duty.context,
        phrase=phrase,
        period=duty.period,
        path=path,
    )


def _duties(
    landscape: Landscape,
    *,
    source: Entity | None = None,
    target: Entity | None = None,
    as_of: DateLike | None,
    regime: str | Regime | None,
) -> tuple[Duty, ...]:
    """Return the derived and typed-in duties of ``source`` or towards ``target``, in force on ``as_of``."""
    day = None if as_of is None else to_date(as_of, field="as_of")
    view = landscape if day is None else landscape.as_of(day)
    if (source is not None and source.id not in view) or (target is not None and target.id not in view):
        return Answers()
    derived = derived_duties(landscape, source=source, target=target, as_of=day, regime=regime)
    typed = view.relations(
        Duty,
        source=None if source is None else source.id,
        target=None if target is None else target.id,
    )
    return (*derived, *typed)


def who_must_have_regard_to(
    landscape: Landscape,
    document: Entity | str,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> Answers[DutyAnswer]:
    """Return every body that must have regard to a document, each with the reason.

    Statutory duties come from the regime's rules (by default the Health and Care Act 2022,
    from 1 July 2022); agreed duties (``Duty`` relations of the landscape, such as a
    memorandum's clause) come with their agreement. Only the relations near the document are
    touched.

    Args:
        landscape: the landscape.
        document: the document, or its id.
        as_of: only duties in force on this date.
        regime: a regime id such as ``"health-bill-2026"``, or a :class:`Regime`.

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the entity is not a document.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer"),
        ...     ic.Overlaps(source="E06000049", target="QYG"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ...     ic.Prepares(source="cm-icp", target="cm-strategy"),
        ... ).build()
        >>> for answer in ic.who_must_have_regard_to(land, "cm-strategy"):
        ...     print(answer.holder.id, answer.basis, answer.basis.verification.value)
        E06000049 LGPIHA 2007 s116B(1) partly verified
        QYG LGPIHA 2007 s116B(1) partly verified
        nhs-england LGPIHA 2007 s116B(2) unverified
        >>> ic.who_must_have_regard_to(land, "cm-strategy", as_of="2022-06-30")
        ()
        >>> bill = ic.who_must_have_regard_to(land, "cm-strategy", regime="health-bill-2026")  # kept, flagged
        >>> [(a.holder.id, a.basis.verification.value) for a in bill]
        [('E06000049', 'unverified'), ('QYG', 'unverified')]
    """
    doc = required(landscape, document, Document, query="who_must_have_regard_to", expected="document")
    duties = _duties(landscape, target=doc, as_of=as_of, regime=regime)
    return sort_answers(_answer(landscape.get, d) for d in duties if d.duty is DutyKind.HAVE_REGARD_TO)


def duties_of(
    landscape: Landscape,
    body: Entity | str,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> Answers[DutyAnswer]:
    """Return every duty a body owes, statutory or agreed, each with the reason: the body's register of duties.

    Statutory duties are derived from the regime's rules: those towards connected bodies and
    documents, and those on the body's own conduct (its general duties, reports and finances, of
    kind ``must discharge``, whose subject is the body itself). Powers the law gives it over
    other bodies come too, of kind ``may``.

    Args:
        landscape: the landscape.
        body: the body, or its id.
        as_of: only duties in force on this date.
        regime: a regime id such as ``"health-bill-2026"``, or a :class:`Regime`.

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the entity is not a body.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.Overlaps(source="E06000049", target="QYG"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ... ).build()
        >>> for answer in ic.duties_of(land, "E06000049"):
        ...     print(answer.kind, "|", answer.subject.id, "|", answer.basis)
        must discharge | E06000049 | Children Act 2004 s10
        must discharge | E06000049 | Health and Social Care Act 2012 s194
        may | QYG | NHS Act 2006 Sch 1B para 8
        must co-operate with | QYG | NHS Act 2006 s82
        must establish | cm-icp | LGPIHA 2007 s116ZA(1)
        must give a copy to | cm-icp | LGPIHA 2007 s116(5A)
        >>> print(ic.duties_of(land, "E06000049")[4])
        Cheshire East Council must establish Cheshire and Merseyside Health and Care Partnership jointly with
        the ICB (LGPIHA 2007 s116ZA(1), verified).
        >>> print(ic.duties_of(land, "E06000049")[1])
        Cheshire East Council must establish a health and wellbeing board (Health and Social Care Act 2012 s194,
        partly verified).
        >>> [a.kind for a in ic.duties_of(land, "E06000049", regime="health-bill-2026")]
        ['must discharge', 'must discharge', 'may', 'must co-operate with', 'must give a copy to']
    """
    holder = required(landscape, body, Body, query="duties_of", expected="body")
    duties = _duties(landscape, source=holder, as_of=as_of, regime=regime)
    own = (answer for answer, _ in own_answers(holder, as_of=as_of, regime=regime))
    return sort_answers((*(_answer(landscape.get, d) for d in duties), *own))


def own_answers(
    holder: Entity, *, as_of: DateLike | None = None, regime: str | Regime | None = None
) -> Iterator[tuple[DutyAnswer, Period]]:
    """Answer the regime's rules on ``holder``'s own conduct, each with the period in which it binds the holder."""
    for rule, period in own_rules(holder, as_of=as_of, regime=regime):
        answer = DutyAnswer(
            holder=holder,
            duty=rule.duty,
            subject=holder,
            basis=rule.citation,
            rule=rule.id,
            context=rule.context,
            phrase=rule.phrase,
            period=period,
        )
        yield answer, period
