"""Deriving concrete duties from a regime's rules for a landscape.

Statutory duties are not typed in: each :class:`DutyRule` is matched against the landscape
and yields a :class:`DerivedDuty` (an :class:`~integratedcare.Duty` relation) for every
holder and object it connects, with the rule's citation as its basis and the relations that
connect them as its ``via``. The duty holds while the holder, the object, every connecting
relation and the regime all do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Final

import attrs

from integratedcare._derived import Derived
from integratedcare._landscape import Landscape
from integratedcare._model import (
    AreaRule,
    Citation,
    DateLike,
    Duty,
    Entity,
    Overlaps,
    Period,
    Prepares,
    Relation,
    Within,
    to_date,
)
from integratedcare._statute._areas import Path, areas_of, councils_of, near
from integratedcare._statute._regimes import legal_regime as choose_regime
from integratedcare._statute._rules import Connection, DutyRule, Regime, qualifies

__all__ = ["DerivedDuty", "derived_duties", "own_rules"]

_TOWARDS: Final[Derived[tuple[str, Regime], tuple[DerivedDuty, ...]]] = Derived("duties towards an entity")
"""The duties a regime derives towards each entity (by its id): at most one per entity and regime."""

_ALL: Final[Derived[Regime, tuple[DerivedDuty, ...]]] = Derived("every derived duty")
"""Every duty a regime derives in a landscape: one per regime."""


@attrs.frozen(kw_only=True)
class DerivedDuty(Duty):
    """A duty derived from a rule of law for a landscape, rather than typed in.

    Its ``basis`` is the rule's citation; ``rule`` is the rule, ``regime`` the regime's id and
    ``via`` the relations that connect holder and object (empty for a national duty).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ...     ic.Prepares(source="cm-icp", target="cm-strategy"),
        ... ).build()
        >>> duty = ic.statute.derived_duties(land, source="QYG", target="cm-strategy")[0]
        >>> duty.rule.id, str(duty.basis), [r.kind for r in duty.via]
        ('s116B-1-icb-strategy', 'LGPIHA 2007 s116B(1)', ['establishes', 'prepares'])
        >>> print(duty.period)
        [2022-07-01, …)
    """

    rule: DutyRule
    regime: str
    via: tuple[Relation, ...] = ()


def _period(parts: Iterable[Period]) -> Period | None:
    """Return the days every part shares, or ``None``."""
    result: Period | None = Period()
    for part in parts:
        result = result.intersection(part) if result is not None else None
    return result


def _object_links(landscape: Landscape, rule: DutyRule, obj: Entity) -> tuple[Path, ...]:
    """Return the ways ``obj`` meets the rule's issuer and section conditions (``()`` for none)."""
    if rule.issuer is None and rule.under is None:
        return ((),)
    found: list[Path] = []
    for prep in landscape.relations(Prepares, target=obj.id):
        if rule.issuer is not None and not isinstance(landscape[prep.source], rule.issuer):
            continue
        basis = prep.basis
        if rule.under is not None and not (isinstance(basis, Citation) and basis.section.startswith(rule.under)):
            continue
        found.append((prep,))
    return tuple(found)


def _by_preparation(landscape: Landscape, obj: Entity) -> Iterator[tuple[Entity, Path]]:
    """Yield the bodies that prepare ``obj``."""
    for prep in landscape.relations(Prepares, target=obj.id):
        yield landscape[prep.source], (prep,)


def _by_overlap(landscape: Landscape, rule: DutyRule, obj: Entity) -> Iterator[tuple[Entity, Path]]:
    """Yield the holders whose area shares an ICB area with ``obj``'s."""
    for icb, object_path in areas_of(landscape, obj):
        back = tuple(reversed(object_path))
        for candidate in near(landscape, icb):
            entity = landscape[candidate]
            if not isinstance(entity, rule.holder):
                continue
            for area, holder_path in areas_of(landscape, entity):
                if area == icb:
                    yield entity, (*holder_path, *back)


def _by_partnership(landscape: Landscape, obj: Entity) -> Iterator[tuple[Entity, Path]]:
    """Yield the councils ``obj`` belongs to and the ICBs those councils partner."""
    for council, document_path in councils_of(landscape, obj):
        back = tuple(reversed(document_path))
        yield landscape[council], back
        for rel in landscape.relations(source=council):
            if isinstance(rel, (Overlaps, Within)) and type(landscape[rel.target]).area_rule is AreaRule.ICB_AREA:
                yield landscape[rel.target], (rel, *back)


def _holders(landscape: Landscape, rule: DutyRule, obj: Entity) -> Iterator[tuple[Entity, Path]]:
    """Yield each holder the rule connects to ``obj``, with the path from holder to object."""
    if rule.connection is Connection.PREPARATION:
        yield from _by_preparation(landscape, obj)
    elif rule.connection is Connection.GEOGRAPHIC_OVERLAP:
        yield from _by_overlap(landscape, rule, obj)
    elif rule.connection is Connection.PARTNERSHIP:
        yield from _by_partnership(landscape, obj)
    else:  # national
        for holder in landscape.of_type(rule.holder):
            for path in _object_links(landscape, rule, obj):
                yield holder, path


def _towards(landscape: Landscape, rule: DutyRule, obj: Entity, reg: Regime) -> Iterator[DerivedDuty]:
    """Yield the duties ``rule`` derives towards ``obj``."""
    if rule.connection is Connection.OWN or not (isinstance(obj, rule.object) and qualifies(obj)):
        return  # a duty on the holder's own conduct joins no two entities: see own_rules
    if rule.connection is not Connection.NATIONAL and not _object_links(landscape, rule, obj):
        return
    for holder, path in _holders(landscape, rule, obj):
        if holder.id == obj.id or not (isinstance(holder, rule.holder) and qualifies(holder)):
            continue
        period = _period([reg.period, holder.period, obj.period, *(rel.period for rel in path)])
        if period is None:
            continue
        yield DerivedDuty(
            source=holder.id,
            target=obj.id,
            duty=rule.duty,
            context=rule.context,
            basis=rule.citation,
            period=period,
            rule=rule,
            regime=reg.id,
            via=path,
        )


def _order(duty: DerivedDuty) -> tuple[str, str, str, dt.date, int]:
    """Sort duties by source, target, rule, start and path length (ties: see :func:`_sorted`)."""
    return (duty.source, duty.target, duty.rule.id, duty.period.start or dt.date.min, len(duty.via))


def _sorted(duties: Iterable[DerivedDuty]) -> list[DerivedDuty]:
    """Sort duties by :func:`_order`, then by their full text.

    The text (a long ``repr``) is made only for the few duties that share the cheap key.
    """
    keyed = sorted(((_order(duty), duty) for duty in duties), key=itemgetter(0))
    result: list[DerivedDuty] = []
    for _, group in groupby(keyed, key=itemgetter(0)):
        tied = [duty for _, duty in group]
        result.extend(tied if len(tied) == 1 else sorted(tied, key=repr))
    return result


def _distinct(duties: Iterable[DerivedDuty]) -> tuple[DerivedDuty, ...]:
    """Keep one duty per rule, holder, object and period: the one with the shortest path."""
    kept: dict[tuple[str, str, str, Period], DerivedDuty] = {}
    for duty in _sorted(duties):
        kept.setdefault((duty.rule.id, duty.source, duty.target, duty.period), duty)
    return tuple(kept.values())  # in order: kept in the order sorted, and each first of its key


def _compute_towards(landscape: Landscape, obj: Entity, reg: Regime) -> tuple[DerivedDuty, ...]:
    """Return every duty the regime derives towards ``obj``."""
    return _distinct(duty for rule in reg.rules for duty in _towards(landscape, rule, obj, reg))


def _towards_all(landscape: Landscape, obj: Entity, reg: Regime) -> tuple[DerivedDuty, ...]:
    """Return every duty the regime derives towards ``obj``, derived once per landscape."""
    return _TOWARDS.get(landscape, (obj.id, reg), lambda: _compute_towards(landscape, obj, reg))


def _candidates(landscape: Landscape, rule: DutyRule, holder: Entity) -> Iterator[Entity]:
    """Yield the objects ``rule`` might connect to ``holder`` (a superset)."""
    if rule.connection is Connection.PREPARATION:
        ids: Iterable[str] = (rel.target for rel in landscape.relations(Prepares, source=holder.id))
    elif rule.connection is Connection.OWN:
        ids = ()
    elif rule.connection is Connection.NATIONAL:
        ids = (entity.id for entity in landscape.of_type(rule.object))
    else:  # an area connection: whatever lies in the holder's areas
        ids = (entity for icb, _ in areas_of(landscape, holder) for entity in near(landscape, icb))
    for entity_id in dict.fromkeys(ids):
        entity = landscape[entity_id]
        if isinstance(entity, rule.object):
            yield entity


def _owed_by(landscape: Landscape, holder: Entity, reg: Regime) -> tuple[DerivedDuty, ...]:
    """Return every duty the regime derives for ``holder``."""
    objects: dict[str, Entity] = {}
    for rule in reg.rules:
        if isinstance(holder, rule.holder) and qualifies(holder):
            objects.update((obj.id, obj) for obj in _candidates(landscape, rule, holder))
    return tuple(
        _sorted(
            duty for obj in objects.values() for duty in _towards_all(landscape, obj, reg) if duty.source == holder.id
        )
    )


def _everything(landscape: Landscape, reg: Regime) -> tuple[DerivedDuty, ...]:
    """Return every duty the regime derives in the landscape."""
    kinds = tuple({rule.object for rule in reg.rules})
    objects = [entity for entity in landscape if isinstance(entity, kinds)]
    return tuple(_sorted(duty for obj in objects for duty in _compute_towards(landscape, obj, reg)))


def derived_duties(
    landscape: Landscape,
    *,
    source: str | Entity | None = None,
    target: str | Entity | None = None,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> tuple[DerivedDuty, ...]:
    """Return the statutory duties a legal regime derives for a landscape.

    Each is a :class:`DerivedDuty` (an :class:`~integratedcare.Duty` relation) whose basis is
    the rule's citation, holding while its holder, object, connecting relations and regime all
    do. With ``source`` or ``target`` only the duties of that holder, or towards that object,
    are derived, touching only the relations near it. Results are kept while the landscape lives.

    Args:
        landscape: the landscape.
        source: only the duties of this holder (an entity or its id).
        target: only the duties towards this object (an entity or its id).
        as_of: only the duties in force on this date, among the entities and relations in force.
        regime: a regime id or :class:`~integratedcare.Regime`; by default the enacted law (``hca-2022``).

    Raises:
        UnknownEntityError: ``source`` or ``target`` names no entity of the landscape.
        UnknownRegimeError: ``regime`` names no regime.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.Overlaps(source="E06000049", target="QYG"),
        ...     ic.Establishes(source="QYG", target="cm-icp"),
        ... ).build()
        >>> for duty in ic.statute.derived_duties(land):
        ...     print(duty.source, duty.rule.id)
        E06000049 s82-council-co-operate-icb
        E06000049 sch1B-8-council-nominate-member
        E06000049 s116-5A-council-copy-jsna-icp
        E06000049 s116ZA-1-council-establish-icp
        QYG s82-icb-co-operate-council
        QYG s116ZA-1-icb-establish-icp
        cm-icp s116ZB-7-icp-copy-council
        cm-icp s116ZB-7-icp-copy-icb
        >>> ic.statute.derived_duties(land, as_of="2022-06-30")
        ()
        >>> [d.rule.id for d in ic.statute.derived_duties(land, target="cm-icp", regime="health-bill-2026")]
        ['s116-5A-council-copy-jsna-icp']
    """
    reg = choose_regime(regime, as_of=as_of)
    holder = None if source is None else landscape[source.id if isinstance(source, Entity) else source]
    obj = None if target is None else landscape[target.id if isinstance(target, Entity) else target]
    if as_of is not None:
        day = to_date(as_of, field="as_of")
        landscape = landscape.as_of(day)
        if not reg.in_force_on(day) or any(e is not None and e.id not in landscape for e in (holder, obj)):
            return ()
    if obj is not None:
        found = _towards_all(landscape, obj, reg)
        return found if holder is None else tuple(d for d in found if d.source == holder.id)
    if holder is not None:
        return _owed_by(landscape, holder, reg)
    return _ALL.get(landscape, reg, lambda: _everything(landscape, reg))


def own_rules(
    holder: Entity,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> tuple[tuple[DutyRule, Period], ...]:
    """Return the regime's rules on ``holder``'s own conduct (general duties, reports, finances), with their periods.

    They join no two entities, so they are not relations: :func:`~integratedcare.duties_of` answers them with
    the holder as their subject.
    """
    reg = choose_regime(regime, as_of=as_of)
    if not qualifies(holder):
        return ()
    day = None if as_of is None else to_date(as_of, field="as_of")
    if day is not None and not (reg.in_force_on(day) and holder.period.contains(day)):
        return ()
    found: list[tuple[DutyRule, Period]] = []
    for rule in reg.rules:
        if rule.connection is Connection.OWN and isinstance(holder, rule.holder):
            period = reg.period.intersection(holder.period)
            if period is not None:
                found.append((rule, period))
    return tuple(found)
