"""Duty rules and legal regimes: the law as data.

A :class:`DutyRule` says that every entity of one kind (the holder) owes a duty of some kind
(have regard to, consult, establish...) to every entity of another kind (the object) that is
connected to it in a stated way (:class:`Connection`). A :class:`Regime` is a body of such
rules that commenced on a date, or that is only proposed.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model import (
    ALWAYS,
    Citation,
    DateLike,
    DutyKind,
    Entity,
    IntegratedCarePartnership,
    LocalAuthority,
    Period,
    kind_label,
    to_date,
)
from integratedcare._model._fields import with_id
from integratedcare._model._provenance import non_empty
from integratedcare._statute._errors import UnknownRuleError
from integratedcare._statute._rulebook import Abolition, Change, Provision, ProvisionKind

__all__ = ["Connection", "DutyRule", "Regime", "qualifies"]


class Connection(enum.StrEnum):
    """How a rule's holder and object must be connected for the duty to arise.

    Areas are ICB areas: an ICB's area is its own; a council's area is every ICB area it
    overlaps (``Overlaps`` or ``Within`` council -> ICB); a statutory ICP's area is the area of
    the ICB that establishes it (``Establishes`` ICB -> ICP, or ``Within`` ICP -> ICB); a health
    and wellbeing board's or Local Healthwatch's area is its council's (``Establishes`` council ->
    body, or ``Within`` body -> council); a document's area is the area of whoever prepares it
    (``Prepares``).

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.statute.Connection.GEOGRAPHIC_OVERLAP)
        'geographic overlap'
    """

    GEOGRAPHIC_OVERLAP = "geographic overlap"
    """The holder's area and the object's area share at least one ICB area."""
    PARTNERSHIP = "partnership"
    """The object belongs to a council (prepared by it or its health and wellbeing board) that is
    the holder itself or the holder's partner: a council is the partner of each ICB it overlaps."""
    PREPARATION = "preparation"
    """The holder prepares the object (``Prepares`` holder -> object)."""
    NATIONAL = "national"
    """Every object of the kind, wherever it is, since the holder's remit is national."""
    OWN = "own"
    """The holder itself, for a duty on its own conduct, such as a general duty of an ICB."""


def _entity_class(instance: object, attribute: attrs.Attribute[type], value: type) -> None:
    """Check that a field names an entity class."""
    if not (isinstance(value, type) and issubclass(value, Entity)):
        raise InvalidValueError(
            subject=f'duty rule "{getattr(instance, "id", "?")}"',
            field=attribute.name,
            problem=f"must be an entity class such as integratedcare.ICB, got {value!r}",
        )


def qualifies(entity: Entity) -> bool:
    """Return whether an entity can hold or be the object of a statutory duty.

    Councils must be responsible local authorities (LGPIHA 2007 s103, verified): a shire
    district under a county council is not. Integrated care partnerships must be the statutory,
    system-level joint committee (LGPIHA 2007 s116ZA, verified). Every other entity qualifies.
    """
    if isinstance(entity, LocalAuthority):
        return entity.is_responsible_authority
    if isinstance(entity, IntegratedCarePartnership):
        return entity.statutory
    return True


@attrs.frozen(kw_only=True, cache_hash=True)
class DutyRule:
    """A rule of law: holders of one kind owe a duty to connected objects of another kind.

    Councils named as holders or objects are responsible local authorities and partnerships
    are statutory ICPs (see :class:`Connection`).

    Attributes:
        id: a readable id, such as ``s116B-1-icb-strategy``.
        holder: the entity class that owes the duty.
        duty: what the duty requires.
        object: the entity class the duty is owed towards.
        connection: how holder and object must be connected.
        citation: the provision, with how far its text was verified.
        description: one plain sentence saying what the rule requires.
        context: when the duty applies, such as ``when exercising any functions``.
        wording: how a sentence states the duty before the object's name, when the duty kind's
            own words (``must have regard to``) would read badly.
        issuer: for documents, the kind of body that must have prepared the object.
        under: for documents, the section the object must be prepared under (the ``Prepares``
            relation's citation must name it), such as ``s65Z7``.
        provision: the id of the :data:`~integratedcare.statute.RULEBOOK` entry the rule applies.

    Examples:
        >>> import integratedcare as ic
        >>> rule = ic.statute.legal_regime("hca-2022").rule("s116B-1-icb-strategy")
        >>> rule.holder is ic.ICB, rule.connection.value
        (True, 'geographic overlap')
        >>> str(rule.citation), rule.citation.verification.value
        ('LGPIHA 2007 s116B(1)', 'partly verified')
    """

    id: str = attrs.field(validator=non_empty)
    holder: type[Entity] = attrs.field(validator=_entity_class)
    duty: DutyKind = attrs.field(converter=DutyKind)
    object: type[Entity] = attrs.field(validator=_entity_class)
    connection: Connection = attrs.field(converter=Connection)
    citation: Citation
    description: str = attrs.field(validator=non_empty)
    context: str | None = None
    wording: str | None = None
    issuer: type[Entity] | None = attrs.field(default=None, validator=attrs.validators.optional(_entity_class))
    under: str | None = None
    provision: str | None = None

    @functools.cached_property
    def phrase(self) -> str:
        """The words that state the duty before the object's name."""
        return self.wording or self.duty.value

    @property
    def holder_kind(self) -> str:
        """The holder's kind text, such as ``integrated-care-board``."""
        return kind_label(self.holder)

    @property
    def object_kind(self) -> str:
        """The object's kind text, such as ``integrated-care-strategy``."""
        return kind_label(self.object)


def _unique_rule_ids(instance: Regime, _attribute: object, rules: tuple[DutyRule, ...]) -> None:
    """A regime names each rule once."""
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise InvalidValueError(
                subject=f'regime "{instance.id}"', field="rules", problem=f'name rule "{rule.id}" more than once'
            )
        seen.add(rule.id)


def _to_rules(rules: Iterable[DutyRule]) -> tuple[DutyRule, ...]:
    """Convert a sequence of rules to a tuple."""
    return tuple(rules)


def _to_provisions(provisions: Iterable[Provision]) -> tuple[Provision, ...]:
    """Convert a sequence of provisions to a tuple."""
    return tuple(provisions)


def _to_changes(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Convert a sequence of changes to a tuple."""
    return tuple(changes)


def _to_abolitions(abolitions: Iterable[Abolition]) -> tuple[Abolition, ...]:
    """Convert a sequence of abolitions to a tuple."""
    return tuple(abolitions)


def _optional_date(value: DateLike | None) -> dt.date | None:
    """Convert an optional commencement date, accepting ISO text."""
    return None if value is None else to_date(value, field="commencement")


@attrs.frozen(kw_only=True, cache_hash=True)
class Regime:
    """A body of law: duty rules that commenced on a date, or that are only proposed.

    A proposed regime (such as a bill) has no commencement; it is never the default and applies,
    when chosen, as if it were in force on every date ("what if").

    Attributes:
        id: a readable id, such as ``hca-2022``.
        title: the regime's name.
        commencement: the day its rules took effect, or ``None`` when only proposed.
        proposed: whether it is proposed law rather than law.
        rules: its duty rules.
        note: a remark on its status.
        provisions: the rulebook entries in force under it (duties, powers and functions), as it states them.
        changes: what it changes in the rulebook of the enacted law, each with its source.
        abolitions: the kinds of body or document it abolishes, and who takes over their roles.

    Examples:
        >>> import integratedcare as ic
        >>> hca = ic.statute.legal_regime("hca-2022")
        >>> hca.commencement, hca.proposed
        (datetime.date(2022, 7, 1), False)
        >>> hca.in_force_on("2022-06-30"), hca.in_force_on("2022-07-01")
        (False, True)
    """

    id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    commencement: dt.date | None = attrs.field(default=None, converter=_optional_date)
    proposed: bool = False
    rules: tuple[DutyRule, ...] = attrs.field(default=(), converter=_to_rules, validator=_unique_rule_ids)
    note: str | None = None
    provisions: tuple[Provision, ...] = attrs.field(default=(), converter=_to_provisions)
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_to_changes)
    abolitions: tuple[Abolition, ...] = attrs.field(default=(), converter=_to_abolitions)

    @property
    def period(self) -> Period:
        """The days the regime's rules apply, from commencement on (always, for a proposed regime)."""
        return ALWAYS if self.commencement is None else Period(self.commencement)

    def in_force_on(self, date: DateLike) -> bool:
        """Return whether the regime's rules apply on ``date``."""
        return self.commencement is None or self.commencement <= to_date(date, field="as_of")

    def rule(self, rule_id: str) -> DutyRule:
        """Return the rule with ``rule_id``.

        Raises:
            UnknownRuleError: the regime has no such rule.
        """
        found = with_id(self.rules, rule_id)
        if found is None:
            raise UnknownRuleError(regime=self.id, rule=rule_id)
        return found

    def provision(self, provision_id: str) -> Provision:
        """Return the provision with ``provision_id`` as the regime states it.

        Raises:
            UnknownRuleError: the regime has no such provision (it may have removed it).
        """
        for entry in self.provisions:
            if entry.id == provision_id:
                return entry
        raise UnknownRuleError(regime=self.id, rule=provision_id)

    def change(self, provision_id: str) -> Change:
        """Return what the regime changes about the provision ``provision_id``.

        Raises:
            UnknownRuleError: the regime does not change it.
        """
        for change in self.changes:
            if change.provision == provision_id:
                return change
        raise UnknownRuleError(regime=self.id, rule=provision_id)

    def own_duties(self, body: Entity | type[Entity]) -> tuple[Provision, ...]:
        """Return the duties and powers the regime gives bodies of ``body``'s kind, whatever they connect to.

        Examples:
            >>> import integratedcare as ic
            >>> duties = ic.statute.legal_regime().own_duties(ic.ICB)
            >>> "nhsa-s14Z35" in {p.id for p in duties}
            True
        """
        return tuple(p for p in self.provisions if p.kind is not ProvisionKind.FUNCTION and p.binds(body))

    def functions(self) -> tuple[Provision, ...]:
        """Return the statutory functions the regime gives, each with its holders."""
        return tuple(p for p in self.provisions if p.kind is ProvisionKind.FUNCTION)
