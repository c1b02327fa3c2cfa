"""Where entities are: the ICB areas an entity lies in, found through the landscape's indexes.

The statute speaks of areas: a council "whose area coincides with or falls wholly or partly
within" an ICB's area, the ICP "for the board's area". This module answers "which ICB areas
does this entity lie in, and through which relations?" and, the other way, "which entities
might lie in this ICB's area?". Both touch only the relations of the entities involved.

Each kind of entity declares how it lies in ICB areas as its class's ``area_rule`` (an
:class:`~integratedcare.kinds.AreaRule`; the conventions are also in :class:`~integratedcare.statute.Connection`):

- ``icb-area`` (an ICB): its area is its own;
- ``council-area`` (a council): it lies in each ICB it ``Overlaps`` (or lies ``Within``);
- ``established-by-icb`` (an ICP): its area is that of the ICB that ``Establishes`` it (or that it
  lies ``Within``);
- ``contained`` (any other body, such as a health and wellbeing board or a Local Healthwatch): it
  lies where its council lies (the council ``Establishes`` it or it lies ``Within`` the council);
  it may also lie ``Within`` an ICB directly;
- ``prepared`` (a document): it lies where the bodies that ``Prepares`` it lie;
- ``none`` (a post, an electorate): it lies in no area.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from integratedcare._landscape import Landscape
from integratedcare._model import AreaRule, Entity, Establishes, Overlaps, Prepares, Relation, Within

__all__ = ["Path", "areas_of", "councils_of", "near"]

Path = tuple[Relation, ...]
"""Relations that connect two entities, in order from the first entity outwards."""


_ICB: Final = AreaRule.ICB_AREA
_COUNCIL: Final = AreaRule.COUNCIL_AREA
_BODY_RULES: Final = frozenset({_COUNCIL, AreaRule.ESTABLISHED_BY_ICB, AreaRule.CONTAINED})
"""The rules of kinds that lie in ICB areas through their own relations (every body but an ICB)."""


def _is(landscape: Landscape, entity_id: str, rule: AreaRule) -> bool:
    """Return whether the entity ``entity_id`` is of a kind with the area rule ``rule``."""
    return type(landscape[entity_id]).area_rule is rule


def _council_links(landscape: Landscape, body: Entity) -> Iterator[tuple[str, Relation]]:
    """Yield each council a body belongs to, with the relation that says so."""
    for rel in landscape.relations(Establishes, target=body.id):
        if _is(landscape, rel.source, _COUNCIL):
            yield rel.source, rel
    for within in landscape.relations(Within, source=body.id):
        if _is(landscape, within.target, _COUNCIL):
            yield within.target, within


def _direct_areas(landscape: Landscape, body: Entity) -> Iterator[tuple[str, Path]]:
    """Yield the ICB areas a body ``Overlaps`` or lies ``Within``, each with that relation."""
    for rel in landscape.relations(source=body.id):
        if isinstance(rel, (Overlaps, Within)) and _is(landscape, rel.target, _ICB):
            yield rel.target, (rel,)


def _body_areas(landscape: Landscape, body: Entity) -> Iterator[tuple[str, Path]]:
    """Yield the ICB areas a body lies in, each with its path outwards to the ICB."""
    rule = type(body).area_rule
    if rule is _ICB:
        yield body.id, ()
    if rule not in _BODY_RULES:
        return
    yield from _direct_areas(landscape, body)
    if rule is AreaRule.ESTABLISHED_BY_ICB:
        for rel in landscape.relations(Establishes, target=body.id):
            if _is(landscape, rel.source, _ICB):
                yield rel.source, (rel,)
    elif rule is AreaRule.CONTAINED:
        for council, link in _council_links(landscape, body):
            for icb, path in _body_areas(landscape, landscape[council]):
                yield icb, (link, *path)


def areas_of(landscape: Landscape, entity: Entity) -> tuple[tuple[str, Path], ...]:
    """Return the ICB areas ``entity`` lies in, each with its path outwards to the ICB.

    A document lies where its preparers lie; the ``Prepares`` relation starts its path.
    """
    if type(entity).area_rule is AreaRule.PREPARED:
        return tuple(
            (icb, (prep, *path))
            for prep in landscape.relations(Prepares, target=entity.id)
            for icb, path in _body_areas(landscape, landscape[prep.source])
        )
    return tuple(_body_areas(landscape, entity))


def councils_of(landscape: Landscape, document: Entity) -> tuple[tuple[str, Path], ...]:
    """Return the councils a document belongs to, each with its path from the document outwards.

    A document belongs to each council that prepares it, and to the council of each other body
    (such as a health and wellbeing board) that prepares it.
    """
    found: list[tuple[str, Path]] = []
    for prep in landscape.relations(Prepares, target=document.id):
        preparer = landscape[prep.source]
        rule = type(preparer).area_rule
        if rule is _COUNCIL:
            found.append((preparer.id, (prep,)))
        elif rule is not _ICB:
            found.extend((council, (prep, link)) for council, link in _council_links(landscape, preparer))
    return tuple(found)


def near(landscape: Landscape, icb: str) -> frozenset[str]:
    """Return the ids of entities that may lie in ``icb``'s area (a superset; confirm with :func:`areas_of`)."""
    bodies = {icb}
    for rel in landscape.relations(target=icb):
        if isinstance(rel, (Overlaps, Within)):
            bodies.add(rel.source)
    bodies.update(rel.target for rel in landscape.relations(Establishes, source=icb))
    for council in [b for b in bodies if _is(landscape, b, _COUNCIL)]:
        bodies.update(rel.target for rel in landscape.relations(Establishes, source=council))
        bodies.update(rel.source for rel in landscape.relations(Within, target=council))
    documents = {rel.target for body in bodies for rel in landscape.relations(Prepares, source=body)}
    return frozenset(bodies | documents)
