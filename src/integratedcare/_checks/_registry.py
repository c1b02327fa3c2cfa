"""The rule registry: severities, rules, findings, legal regimes, and the errors of the checks layer.

A rule is data (an id, a title, a severity, a citation with its verification status, the period
and regimes in which it applies) plus a function that yields findings about one snapshot of a
landscape. Rules register themselves in :data:`RULES` when their module is imported.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, TypeAlias, TypeVar

import attrs

from integratedcare._errors import IntegratedCareError, did_you_mean
from integratedcare._landscape import Landscape
from integratedcare._model import (
    ALWAYS,
    AreaRule,
    Citation,
    Entity,
    Period,
    Relation,
    Source,
    Verification,
    to_period,
)
from integratedcare._model._fields import to_tuple
from integratedcare._statute._regimes import DEFAULT_REGIME, REGIMES, legal_regime
from integratedcare._statute._rules import Regime

__all__ = [
    "ALL_REGIMES",
    "HEALTH_BILL_2026",
    "RULES",
    "STATUTE_2022",
    "Context",
    "Finding",
    "Reads",
    "Rule",
    "Severity",
    "UnknownCheckError",
    "register",
    "resolve_regime",
    "resolve_rules",
]

E = TypeVar("E", bound=Entity)

STATUTE_2022: Final = DEFAULT_REGIME
"""The law in force since 2022-07-01 (``hca-2022``): the default regime."""
HEALTH_BILL_2026: Final = "health-bill-2026"
"""The 2026 Health Bill as proposed: no NHS England, no mandate, no Healthwatch, no duty to set up ICPs."""
ALL_REGIMES: Final = frozenset(REGIMES)
"""Every regime the statute layer knows."""


class UnknownCheckError(IntegratedCareError, KeyError):
    """A check rule id names no rule of :data:`~integratedcare.checks.RULES`; close ids are suggested.

    Examples:
        >>> import integratedcare as ic
        >>> try:
        ...     ic.check(ic.LandscapeBuilder().build(), rules=["HWB01"])
        ... except ic.errors.UnknownCheckError as err:
        ...     print(err)
        no check rule with id "HWB01"; did you mean "HWB001"?
    """

    id: str
    suggestions: tuple[str, ...]

    def __init__(self, *, id: str, suggestions: Sequence[str] = ()) -> None:  # noqa: A002 (the domain's word)
        message = f'no check rule with id "{id}"{did_you_mean(suggestions)}'
        super().__init__(message, id=id, suggestions=tuple(suggestions))


class Severity(enum.StrEnum):
    """How serious a finding is, from the kind of source its rule rests on.

    ``ERROR``: the arrangement breaks the law (or cannot exist). ``WARNING``: it departs from
    national guidance. ``ADVICE``: it departs from a good-practice guide.

    Examples:
        >>> import integratedcare as ic
        >>> sorted([ic.checks.Severity.ADVICE, ic.checks.Severity.ERROR], key=lambda s: s.rank)
        [<Severity.ERROR: 'error'>, <Severity.ADVICE: 'advice'>]
    """

    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        """The position in which findings are sorted, errors first (0), then warnings, then advice."""
        return _RANKS[self]


_RANKS: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.ADVICE: 2}

Authority: TypeAlias = "Citation | Source"
"""What a rule rests on: a provision of law, or a guidance document."""


def cite(authority: Citation | Source) -> str:
    """Return a citation or source as short text with its verification status."""
    text = str(authority) if isinstance(authority, Citation) else authority.title
    return f"{text} ({authority.verification.value})"


def _id_set(value: Iterable[str]) -> frozenset[str]:
    """Convert ids to a frozen set (a lone string is one id)."""
    return frozenset([value] if isinstance(value, str) else value)


@attrs.frozen(kw_only=True)
class Finding:
    """One problem a rule found: which entity, what is wrong (one sentence), and the rule's source.

    Attributes:
        rule: the id of the rule, such as ``ICP001``.
        severity: the rule's severity.
        entity: the id of the entity the finding is about.
        message: one sentence saying what is wrong.
        citation: the rule's source (a provision of law or a guidance document).
        related: ids of other entities the finding names, such as a missing member.
        period: when the problem holds (within the periods the landscape was checked for).

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder()
        ...         .add(ic.ICP(id="big-icp", name="A big ICP", scope="area", statutory=False))
        ...         .add(*[ic.Partner(id=f"p{n}", name=f"Partner {n}") for n in range(26)])
        ...         .add(*[ic.MemberOf(source=f"p{n}", target="big-icp") for n in range(26)])
        ...         .build())
        >>> finding = ic.check(land, rules=["ICP004"]).findings[0]
        >>> finding.entity, finding.severity
        ('big-icp', <Severity.ADVICE: 'advice'>)
        >>> print(finding)
        ICP004 (advice): A big ICP (big-icp) has 26 members, more than the 25 of a lean ICP.
        Source: GGI guide to integrated care partnerships (2022) (verified).
    """

    rule: str
    severity: Severity = attrs.field(converter=Severity)
    entity: str
    message: str
    citation: Citation | Source
    related: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    period: Period = attrs.field(default=ALWAYS, converter=to_period)

    def sort_key(self) -> tuple[int, str, str, dt.date, str]:
        """Sort by severity, rule, entity, then when the problem starts and the message."""
        return (self.severity.rank, self.rule, self.entity, self.period.start or dt.date.min, self.message)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as plain data (texts, lists and ``None``), ready for JSON."""
        citation: dict[str, Any]
        if isinstance(self.citation, Citation):
            citation = {"act": self.citation.act, "section": self.citation.section}
        else:
            citation = {"title": self.citation.title, "reference": self.citation.reference}
        citation["verification"] = self.citation.verification.value
        citation["text"] = cite(self.citation)
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "entity": self.entity,
            "message": self.message,
            "related": list(self.related),
            "period": {
                "start": None if self.period.start is None else self.period.start.isoformat(),
                "end": None if self.period.end is None else self.period.end.isoformat(),
            },
            "citation": citation,
        }

    def __str__(self) -> str:
        """Return the finding as a plain sentence with its rule and source."""
        return f"{self.rule} ({self.severity.value}): {self.message} Source: {cite(self.citation)}."


@attrs.frozen(kw_only=True)
class Context:
    """What a rule's function is given: one snapshot of the landscape and the span it stands for.

    Attributes:
        landscape: the landscape as it stands throughout ``period`` (or the whole landscape for a
            timeless rule).
        whole: the whole landscape, across time (to tell "not modelled" from "absent").
        period: the span of dates in which ``landscape`` does not change.
    """

    landscape: Landscape
    whole: Landscape
    period: Period = ALWAYS

    def of_type(self, cls: type[E]) -> tuple[E, ...]:
        """Return the entities of the snapshot that are instances of ``cls``, by id.

        Read from the whole landscape's list of that kind, cached across snapshots: a snapshot
        holds the whole landscape's own entities, so it need not be scanned kind by kind.
        """
        found = self.whole.of_type(cls)
        if self.landscape is self.whole:
            return found
        snapshot = self.landscape
        return tuple(entity for entity in found if entity.id in snapshot)


Check: TypeAlias = "Callable[[Rule, Context], Iterable[Finding]]"

Link: TypeAlias = "tuple[type[Relation], type[Entity], type[Entity]]"
"""A kind of relation between two kinds of entity, such as ``(MemberOf, Entity, IntegratedCareBoard)``."""

Kinds: TypeAlias = "type[Entity] | AreaRule"
"""Entities of a class (and its subclasses), or of every kind whose class declares an area rule."""

Pattern: TypeAlias = "tuple[type[Relation], Kinds, Kinds]"
"""A kind of relation between two kinds of entity, each end a class or an area rule."""


def _kinds(value: Iterable[Kinds]) -> frozenset[Kinds]:
    """Convert entity classes and area rules to a frozen set."""
    return frozenset(value)


def _links(value: Iterable[Pattern]) -> frozenset[Pattern]:
    """Convert (relation, source, target) classes or rules to a frozen set."""
    return frozenset(value)


def _is(cls: type[Entity], kinds: Kinds) -> bool:
    """Return whether entities of the class ``cls`` are among ``kinds``."""
    return issubclass(cls, kinds) if isinstance(kinds, type) else cls.area_rule is kinds


@attrs.frozen(kw_only=True)
class Reads:
    """What a rule reads of a snapshot: the kinds of entity it lists, and the kinds of relation it follows.

    :func:`~integratedcare.check` judges such a rule again only on the dates on which something
    it reads starts or ends (an entity of one of the ``entities`` kinds, a relation matching one
    of the ``relations`` links, or an end of such a relation), since its findings cannot change
    in between. A rule that reads an entity only as the end of a relation it reads need not list
    that entity's kind.

    Attributes:
        entities: the entity classes the rule lists (``of_type``) or looks up by id; subclasses count.
            An :class:`~integratedcare.kinds.AreaRule` stands for every kind whose class declares that rule.
        relations: ``(relation class, source class, target class)`` links the rule follows; ``Entity``
            stands for any end, and an area rule for every kind that declares it.
    """

    entities: frozenset[Kinds] = attrs.field(default=frozenset(), converter=_kinds)
    relations: frozenset[Pattern] = attrs.field(default=frozenset(), converter=_links)

    def __or__(self, other: Reads) -> Reads:
        """Return what either reads."""
        return Reads(entities=self.entities | other.entities, relations=self.relations | other.relations)

    def entity(self, cls: type[Entity]) -> bool:
        """Return whether entities of the class ``cls`` are read."""
        return any(_is(cls, kinds) for kinds in self.entities)

    def relation(self, kind: type[Relation], source: type[Entity], target: type[Entity]) -> bool:
        """Return whether relations of the class ``kind`` from ``source`` to ``target`` entities are read."""
        return any(issubclass(kind, rel) and _is(source, src) and _is(target, tgt) for rel, src, tgt in self.relations)


@attrs.frozen(kw_only=True)
class Rule:
    """A check against statute or guidance, with its source and where and when it applies.

    Attributes:
        id: a stable id such as ``ICP001``.
        title: what the rule expects, in a few words.
        severity: ``error`` for statute, ``warning`` for national guidance, ``advice`` for
            good-practice guides.
        citation: the provision of law (:class:`~integratedcare.Citation`) or guidance document
            (:class:`~integratedcare.Source`) it rests on, with its verification status.
        period: the dates on which the rule applies.
        regimes: the legal regimes under which it applies.
        timeless: whether it judges the whole landscape at once rather than one date at a time.
        reads: what the rule reads of each snapshot (a ``Reads``: kinds of entity and relation), so that it is judged
            again only when that changes; ``None`` (the default) judges it on every date on which
            the landscape changes.
        notes: how the rule reads the landscape, and any choice made where the source is silent.
        function: yields the findings about one snapshot of a landscape.

    Examples:
        >>> import integratedcare as ic
        >>> rule = ic.checks.RULES["ICP001"]
        >>> rule.severity, str(rule.citation), rule.verification.value
        (<Severity.ERROR: 'error'>, 'LGPIHA 2007 s116ZA', 'verified')
        >>> rule.applies(on="2022-06-30"), rule.applies(on="2022-07-01", regime="health-bill-2026")
        (False, False)
    """

    id: str
    title: str
    severity: Severity = attrs.field(converter=Severity)
    citation: Citation | Source
    period: Period = attrs.field(default=ALWAYS, converter=to_period)
    regimes: frozenset[str] = attrs.field(default=ALL_REGIMES, converter=_id_set)
    timeless: bool = False
    reads: Reads | None = attrs.field(default=None, repr=False)
    notes: str = ""
    function: Check = attrs.field(repr=False, eq=False)

    @property
    def verification(self) -> Verification:
        """How far the rule's source was verified."""
        return self.citation.verification

    def applies(self, *, on: dt.date | str | None = None, regime: str = STATUTE_2022) -> bool:
        """Return whether the rule applies under ``regime`` (and on the date ``on``, when given)."""
        return regime in self.regimes and (on is None or self.period.contains(on))

    def finding(
        self,
        entity: str,
        message: str,
        *,
        related: Iterable[str] = (),
        period: Period | None = None,
    ) -> Finding:
        """Make a finding of this rule about ``entity``."""
        return Finding(
            rule=self.id,
            severity=self.severity,
            entity=entity,
            message=message,
            citation=self.citation,
            related=tuple(related),
            period=ALWAYS if period is None else period,
        )

    def run(self, context: Context) -> Iterator[Finding]:
        """Yield this rule's findings about one snapshot, each limited to the snapshot's span."""
        for found in self.function(self, context):
            span = found.period.intersection(context.period)
            if span is not None:
                yield attrs.evolve(found, period=span)


_RULES: dict[str, Rule] = {}
RULES: Final[Mapping[str, Rule]] = MappingProxyType(_RULES)
"""Every rule by id."""


def register(
    *,
    id: str,  # noqa: A002 (the domain's word)
    title: str,
    severity: Severity,
    citation: Citation | Source,
    period: Period = ALWAYS,
    regimes: Iterable[str] = ALL_REGIMES,
    timeless: bool = False,
    reads: Reads | None = None,
    notes: str = "",
) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``id``."""

    def decorate(function: Check) -> Check:
        _RULES[id] = Rule(
            id=id,
            title=title,
            severity=severity,
            citation=citation,
            period=period,
            regimes=frozenset(regimes),
            timeless=timeless,
            reads=reads,
            notes=" ".join(notes.split()),
            function=function,
        )
        return function

    return decorate


def resolve_regime(chosen: str | Regime | None) -> str:
    """Return the id of the regime chosen (the default when ``None``).

    Raises:
        UnknownRegimeError: no regime has that id (from the statute layer).
    """
    return DEFAULT_REGIME if chosen is None else legal_regime(chosen).id


def resolve_rules(rules: Iterable[str | Rule] | None) -> tuple[Rule, ...]:
    """Return the rules named (all when ``None``), sorted by id; unknown ids raise :class:`UnknownCheckError`."""
    if rules is None:
        return tuple(_RULES[key] for key in sorted(_RULES))
    chosen: dict[str, Rule] = {}
    for item in [rules] if isinstance(rules, str) else rules:
        if isinstance(item, Rule):
            chosen[item.id] = item
            continue
        found = _RULES.get(item)
        if found is None:
            raise UnknownCheckError(id=item, suggestions=difflib.get_close_matches(item, _RULES, n=3, cutoff=0.6))
        chosen[found.id] = found
    return tuple(chosen[key] for key in sorted(chosen))
