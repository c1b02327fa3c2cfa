"""Relations: every link between two entities, each with a period and a basis.

Containment, membership, delegation, accountability, succession and duties are all
relations. Which kinds of entity each relation may join is declared on the entity classes
(``source_of`` and ``target_of``; see ``_registry``).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model._fields import in_units, to_tuple, tuple_of, valid_id
from integratedcare._model._period import ALWAYS, DateLike, Period, to_period
from integratedcare._model._provenance import Citation, Clause, Source, subject_of
from integratedcare._units import Quantity

__all__ = [
    "RELATION_KINDS",
    "AccountableTo",
    "Assesses",
    "Catchment",
    "Delegation",
    "Duty",
    "DutyKind",
    "Establishes",
    "Holds",
    "HoldsToAccount",
    "Hosts",
    "MemberOf",
    "Overlaps",
    "Prepares",
    "Relation",
    "Scrutinises",
    "SucceededBy",
    "Within",
    "kind_label",
]


def kind_label(cls: type) -> str:
    """Return the kind text of an entity or relation class, or of an abstract base (``body``)."""
    own = cls.__dict__.get("kind")
    return own if isinstance(own, str) else cls.__name__.lower()


def _not_to_itself(instance: Relation, _attribute: object, target: str) -> None:
    """A relation joins two different entities."""
    if target == instance.source:
        raise InvalidValueError(subject=subject_of(instance), field="target", problem="must differ from the source")


def _optional_basis(instance: Relation, _attribute: object, value: object) -> None:
    """A basis is a citation, a clause of an agreement, or absent."""
    if value is not None and not isinstance(value, (Citation, Clause)):
        raise InvalidValueError(
            subject=subject_of(instance),
            field="basis",
            problem=f"must be a Citation or a Clause, got {value!r}",
        )


_KINDS: dict[str, type[Relation]] = {}
RELATION_KINDS: Mapping[str, type[Relation]] = MappingProxyType(_KINDS)
"""Every relation class by its kind text, such as ``"member-of"``."""


@attrs.frozen(kw_only=True)
class Relation:
    """A link from a source entity to a target entity, holding for a period, on a basis.

    Attributes:
        source: the id of the entity the relation starts from.
        target: the id of the entity it points to.
        period: when the relation holds.
        basis: the law or agreement it holds under, if any.
        sources: where the fact comes from.
        notes: remarks.

    Examples:
        >>> import integratedcare as ic
        >>> rel = ic.MemberOf(source="E06000049", target="cm-icp", role="partner member")
        >>> rel.kind, rel.label
        ('member-of', 'member-of "E06000049" -> "cm-icp"')
    """

    kind: ClassVar[str] = "relation"

    source: str = attrs.field(validator=valid_id)
    target: str = attrs.field(validator=[valid_id, _not_to_itself])
    period: Period = attrs.field(default=ALWAYS, converter=to_period)
    basis: Citation | Clause | None = attrs.field(default=None, validator=_optional_basis)  # type: ignore[assignment]
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(Source))
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Register each relation class under its kind."""
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _KINDS[cls.kind] = cls

    @property
    def label(self) -> str:
        """The relation as ``kind "source" -> "target"``, as errors name it."""
        return subject_of(self)

    def holds_on(self, date: DateLike) -> bool:
        """Return whether the relation holds on ``date`` (a date or ISO text)."""
        return self.period.contains(date)


@attrs.frozen(kw_only=True)
class Within(Relation):
    """The source lies within the target: a practice in a PCN, a place in a system, a system in a region.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Within(source="cheshire-east-place", target="cm-ics").kind
        'within'
    """

    kind: ClassVar[str] = "within"


def _share(instance: Overlaps | Catchment, _attribute: object, value: float) -> None:
    """A share is a number greater than 0 and at most 1."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not (0 < value <= 1) or math.isnan(value):
        raise InvalidValueError(
            subject=subject_of(instance), field="share", problem=f"must be a number in (0, 1], got {value!r}"
        )


@attrs.frozen(kw_only=True)
class Overlaps(Relation):
    """Part of the source's area lies inside the target's area; ``share`` is that part.

    Examples:
        >>> import integratedcare as ic
        >>> ov = ic.Overlaps(source="E10000012", target="QH8", share=0.567, measure="LSOA11 count")
        >>> ov.partial
        True
    """

    kind: ClassVar[str] = "overlaps"
    share: float = attrs.field(default=1.0, validator=_share)
    """The share of the source's area inside the target, greater than 0 and at most 1."""
    measure: str | None = None
    """How the share was measured, such as ``LSOA11 count`` (not population)."""

    @property
    def partial(self) -> bool:
        """Whether only part of the source lies inside the target."""
        return self.share < 1


@attrs.frozen(kw_only=True)
class Catchment(Relation):
    """The source (an NHS trust) draws ``share`` of its patients from the target's area.

    Unlike :class:`Overlaps`, this is not a part of an area: a trust does not lie in the areas it
    serves, and its catchment is never added into an area's population.

    Examples:
        >>> import integratedcare as ic
        >>> c = ic.Catchment(source="RBT", target="QYG", share=0.96, measure="acute catchment (OHID 2020)")
        >>> c.kind, c.share
        ('catchment', 0.96)
    """

    kind: ClassVar[str] = "catchment"
    share: float = attrs.field(validator=_share)
    """The share of the trust's patients drawn from the target's area, greater than 0 and at most 1."""
    measure: str | None = None
    """How the share was measured, such as ``acute catchment population (OHID 2020)``."""


def _positive_count(instance: MemberOf, _attribute: object, value: int) -> None:
    """A count of seats is a whole number of at least one."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidValueError(
            subject=subject_of(instance), field="seats", problem=f"must be a whole number of at least 1, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class MemberOf(Relation):
    """The source (a body or a post) is a member of the target body, in a role, voting or not.

    ``seats`` is how many seats the member holds on the body (a council may send its health and
    wellbeing board chair and one lead officer: two seats); size checks count seats.

    Examples:
        >>> import integratedcare as ic
        >>> ic.MemberOf(source="healthwatch-ce", target="ce-place", voting=False).voting
        False
        >>> ic.MemberOf(source="E06000047", target="nenc-icp", seats=2).seats
        2
    """

    kind: ClassVar[str] = "member-of"
    role: str | None = None
    voting: bool = True
    seats: int = attrs.field(default=1, validator=_positive_count)


@attrs.frozen(kw_only=True)
class Holds(Relation):
    """The source body fills the target post (for example, a council nominates a partner member).

    Examples:
        >>> import integratedcare as ic
        >>> ic.Holds(source="E06000049", target="qyg-la-partner-member").kind
        'holds'
    """

    kind: ClassVar[str] = "holds"


@attrs.frozen(kw_only=True)
class Establishes(Relation):
    """The source body establishes the target body (the ICB and councils establish the ICP).

    Examples:
        >>> import integratedcare as ic
        >>> ic.Establishes(source="QYG", target="cm-icp").kind
        'establishes'
    """

    kind: ClassVar[str] = "establishes"


@attrs.frozen(kw_only=True)
class Prepares(Relation):
    """The source body prepares (or jointly prepares) the target document.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Prepares(source="cm-icp", target="cm-strategy").kind
        'prepares'
    """

    kind: ClassVar[str] = "prepares"


class DutyKind(enum.StrEnum):
    """What a duty requires of its holder towards its object.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.DutyKind.HAVE_REGARD_TO)
        'must have regard to'
    """

    HAVE_REGARD_TO = "must have regard to"
    INVOLVE = "must involve"
    CONSULT = "must consult"
    CONSIDER = "must consider"
    ESTABLISH = "must establish"
    PREPARE = "must prepare"
    GIVE_COPY_TO = "must give a copy to"
    CO_OPERATE = "must co-operate with"
    ASSESS = "must assess"
    DISCHARGE = "must discharge"
    """A duty on the holder's own conduct, such as a general duty of an ICB; its object is the holder itself."""
    POWER = "may"
    """A power rather than a duty; the holder may act towards the object (give directions, appoint, nominate)."""


@attrs.frozen(kw_only=True)
class Duty(Relation):
    """The source must do something towards the target, such as have regard to a strategy.

    Statutory duties are usually derived from the law by the ``statute`` layer; a duty typed
    in here is a locally agreed one, such as a memorandum's clause.

    Examples:
        >>> import integratedcare as ic
        >>> duty = ic.Duty(source="E06000049", target="ce-place-plan", duty="must have regard to",
        ...                basis=ic.Clause(agreement="ce-partnership-agreement", section="4.2"))
        >>> duty.duty
        <DutyKind.HAVE_REGARD_TO: 'must have regard to'>
    """

    kind: ClassVar[str] = "duty"
    duty: DutyKind = attrs.field(converter=DutyKind)
    context: str | None = None
    """When the duty applies, such as ``when exercising any functions``."""


def _functions(instance: Delegation, _attribute: object, value: tuple[str, ...]) -> None:
    """A delegation names at least one function, each as non-empty text."""
    if not value or not all(isinstance(f, str) and f.strip() for f in value):
        raise InvalidValueError(
            subject=subject_of(instance),
            field="functions",
            problem=f"must name at least one function as non-empty text, got {value!r}",
        )


@attrs.frozen(kw_only=True)
class Delegation(Relation):
    """The source delegates functions to the target; by default it stays accountable for them.

    ``basis`` holds the legal basis (such as NHS Act 2006 s65Z5) or the delegation agreement.

    Examples:
        >>> import integratedcare as ic
        >>> d = ic.Delegation(source="nhs-england", target="QYG",
        ...                   functions=["pharmaceutical-services", "dental-services"],
        ...                   basis=ic.Citation(act="NHS Act 2006", section="s65Z5"),
        ...                   period=("2023-04-01", None))
        >>> d.accountability_retained, d.functions
        (True, ('pharmaceutical-services', 'dental-services'))
    """

    kind: ClassVar[str] = "delegation"
    functions: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_functions)
    budget: Quantity | None = attrs.field(default=None, validator=in_units("GBP"))
    accountability_retained: bool = True
    reserved_matters: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))


@attrs.frozen(kw_only=True)
class AccountableTo(Relation):
    """The source is accountable to the target, through a mechanism.

    Examples:
        >>> import integratedcare as ic
        >>> ic.AccountableTo(source="QYG", target="nhs-england", mechanism="annual assessment").mechanism
        'annual assessment'
    """

    kind: ClassVar[str] = "accountable-to"
    mechanism: str | None = None


@attrs.frozen(kw_only=True)
class HoldsToAccount(Relation):
    """The source holds the target to account under an agreement (mutual accountability).

    Examples:
        >>> import integratedcare as ic
        >>> ic.HoldsToAccount(source="QYG", target="E06000049",
        ...                   basis=ic.Clause(agreement="cm-mou-2020", section="Annex 4")).basis.section
        'Annex 4'
    """

    kind: ClassVar[str] = "holds-to-account"


@attrs.frozen(kw_only=True)
class Scrutinises(Relation):
    """The source (a scrutiny committee, a council, Parliament) scrutinises the target.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Scrutinises(source="cm-jhosc", target="QYG").kind
        'scrutinises'
    """

    kind: ClassVar[str] = "scrutinises"


@attrs.frozen(kw_only=True)
class Assesses(Relation):
    """The source (the CQC, NHS England) assesses the target.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Assesses(source="nhs-england", target="QYG",
        ...             basis=ic.Citation(act="NHS Act 2006", section="s14Z59")).kind
        'assesses'
    """

    kind: ClassVar[str] = "assesses"


@attrs.frozen(kw_only=True)
class Hosts(Relation):
    """The source hosts the target (a trust hosting a collaborative, an ICB hosting the ICP's support).

    Examples:
        >>> import integratedcare as ic
        >>> ic.Hosts(source="QYG", target="cm-icp").kind
        'hosts'
    """

    kind: ClassVar[str] = "hosts"


def _needs_start(instance: SucceededBy, _attribute: object, value: Period) -> None:
    """A succession happens on a date: its period must have a start."""
    if value.start is None:
        raise InvalidValueError(
            subject=subject_of(instance), field="period", problem="must start on the date of succession"
        )


@attrs.frozen(kw_only=True)
class SucceededBy(Relation):
    """The source was succeeded by the target; the period starts on the day the target took over.

    The predecessor must exist the day before and the successor on the day.

    Examples:
        >>> import integratedcare as ic
        >>> s = ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None))
        >>> s.date
        datetime.date(2022, 7, 1)
    """

    kind: ClassVar[str] = "succeeded-by"
    period: Period = attrs.field(converter=to_period, validator=_needs_start)

    @property
    def date(self) -> dt.date:
        """The day the successor took over."""
        assert self.period.start is not None  # noqa: S101 (guaranteed by the period's validator)
        return self.period.start
