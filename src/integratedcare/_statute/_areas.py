"""Where entities are: the ICB areas an entity lies in, found through the landscape's indexes.

The statute speaks of areas: a council "whose area coincides with or falls wholly or partly
within" an ICB's area, the ICP "for the board's area". This module answers "which ICB areas
does this entity lie in, and through which relations?" and, the other way, "which entities
might lie in this ICB's area?". Both touch only the relations of the entities involved.

The conventions (also in :class:`~integratedcare.statute.Connection`):

- an ICB's area is its own;
- a council lies in each ICB it ``Overlaps`` (or lies ``Within``);
- a statutory ICP's area is that of the ICB that ``Establishes`` it (or that it lies ``Within``);
- any other body (a health and wellbeing board, a Local Healthwatch) lies where its council
  lies: the council ``Establishes`` it or it lies ``Within`` the council; it may also lie
  ``Within`` an ICB directly;
- a document lies where the bodies that ``Prepares`` it lie.
"""

from __future__ import annotations

from collections.abc import Iterator

from integratedcare._landscape import Landscape
from integratedcare._model import (
    Body,
    Document,
    Entity,
    Establishes,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    LocalAuthority,
    Overlaps,
    Prepares,
    Relation,
    Within,
)

__all__ = ["Path", "areas_of", "councils_of", "near"]

Path = tuple[Relation, ...]
"""Relations that connect two entities, in order from the first entity outwards."""


def _is(landscape: Landscape, entity_id: str, cls: type[Entity]) -> bool:
    """Return whether the entity ``entity_id`` is an instance of ``cls``."""
    return isinstance(landscape[entity_id], cls)


def _council_links(landscape: Landscape, body: Entity) -> Iterator[tuple[str, Relation]]:
    """Yield each council a body belongs to, with the relation that says so."""
    for rel in landscape.relations(Establishes, target=body.id):
        if _is(landscape, rel.source, LocalAuthority):
            yield rel.source, rel
    for within in landscape.relations(Within, source=body.id):
        if _is(landscape, within.target, LocalAuthority):
            yield within.target, within


def _body_areas(landscape: Landscape, body: Entity) -> Iterator[tuple[str, Path]]:
    """Yield the ICB areas a body lies in, each with its path outwards to the ICB."""
    if isinstance(body, IntegratedCareBoard):
        yield body.id, ()
        return
    for rel in landscape.relations(source=body.id):
        if isinstance(rel, (Overlaps, Within)) and _is(landscape, rel.target, IntegratedCareBoard):
            yield rel.target, (rel,)
    if isinstance(body, IntegratedCarePartnership):
        for rel in landscape.relations(Establishes, target=body.id):
            if _is(landscape, rel.source, IntegratedCareBoard):
                yield rel.source, (rel,)
    elif not isinstance(body, LocalAuthority):
        for council, link in _council_links(landscape, body):
            for icb, path in _body_areas(landscape, landscape[council]):
                yield icb, (link, *path)


def areas_of(landscape: Landscape, entity: Entity) -> tuple[tuple[str, Path], ...]:
    """Return the ICB areas ``entity`` lies in, each with its path outwards to the ICB.

    A document lies where its preparers lie; the ``Prepares`` relation starts its path.
    """
    if isinstance(entity, Document):
        found = [
            (icb, (prep, *path))
            for prep in landscape.relations(Prepares, target=entity.id)
            for icb, path in _body_areas(landscape, landscape[prep.source])
        ]
    elif isinstance(entity, Body):
        found = list(_body_areas(landscape, entity))
    else:
        found = []
    return tuple(found)


def councils_of(landscape: Landscape, document: Entity) -> tuple[tuple[str, Path], ...]:
    """Return the councils a document belongs to, each with its path from the document outwards.

    A document belongs to each council that prepares it, and to the council of each other body
    (such as a health and wellbeing board) that prepares it.
    """
    found: list[tuple[str, Path]] = []
    for prep in landscape.relations(Prepares, target=document.id):
        preparer = landscape[prep.source]
        if isinstance(preparer, LocalAuthority):
            found.append((preparer.id, (prep,)))
        elif not isinstance(preparer, IntegratedCareBoard):
            found.extend((council, (prep, link)) for council, link in _council_links(landscape, preparer))
    return tuple(found)


def near(landscape: Landscape, icb: str) -> frozenset[str]:
    """Return the ids of entities that may lie in ``icb``'s area (a superset; confirm with :func:`areas_of`)."""
    bodies = {icb}
    for rel in landscape.relations(target=icb):
        if isinstance(rel, (Overlaps, Within)):
            bodies.add(rel.source)
    bodies.update(rel.target for rel in landscape.relations(Establishes, source=icb))
    for council in [b for b in bodies if _is(landscape, b, LocalAuthority)]:
        bodies.update(rel.target for rel in landscape.relations(Establishes, source=council))
        bodies.update(rel.source for rel in landscape.relations(Within, target=council))
    documents = {rel.target for body in bodies for rel in landscape.relations(Prepares, source=body)}
    return frozenset(bodies | documents)
