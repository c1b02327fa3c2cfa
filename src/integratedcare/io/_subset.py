"""The part of a landscape a picture or diagram shows: entities of some kinds, or those near one entity.

Shared by :func:`integratedcare.draw` and the Mermaid and DOT exports, so that each takes the
same ``around=``, ``depth=`` and ``kinds=`` arguments and means the same by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import Entity

__all__ = ["kind_filter", "matches", "subset_ids"]


def kind_filter(values: Iterable[type[Any] | str] | None) -> tuple[tuple[type[Any], ...], frozenset[str]] | None:
    """Split a filter of classes and kind texts into its classes and its texts (``None``: no filter)."""
    if values is None:
        return None
    items = tuple(values)
    return tuple(v for v in items if isinstance(v, type)), frozenset(v for v in items if isinstance(v, str))


def matches(item: object, wanted: tuple[tuple[type[Any], ...], frozenset[str]] | None) -> bool:
    """Return whether an entity or relation passes a filter (no filter passes everything)."""
    return wanted is None or isinstance(item, wanted[0]) or getattr(item, "kind", None) in wanted[1]


def subset_ids(
    landscape: Landscape,
    *,
    around: str | Iterable[str] | None = None,
    depth: int | None = None,
    kinds: Iterable[type[Entity] | str] | None = None,
    caller: str = "draw",
) -> set[str] | None:
    """Return the ids of the entities to show, or ``None`` for all of them.

    ``around`` names one entity (or several) and keeps those within ``depth`` relations of it,
    following relations either way (``depth`` is 1 unless given); ``kinds`` keeps entities of
    those classes or kind texts (the entities named by ``around`` are always kept).

    Raises:
        UnknownEntityError: an id in ``around`` is not in the landscape.
        InvalidValueError: ``depth`` is negative, or given without ``around``.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare.io._subset import subset_ids
        >>> land = ic.datasets.load("brackenshire")
        >>> sorted(subset_ids(land, around="brackenshire-icb", depth=1, kinds=[ic.ICS, ic.ICB]))
        ['brackenshire-icb', 'brackenshire-ics']
        >>> subset_ids(land) is None
        True
    """
    if depth is not None and (around is None or depth < 0):
        problem = "must be 0 or more" if around is not None else "needs around= (the entity to count from)"
        raise InvalidValueError(subject=caller, field="depth", problem=problem)
    wanted = kind_filter(kinds)
    if around is None:
        return None if wanted is None else {e.id for e in landscape if matches(e, wanted)}
    centres = [around] if isinstance(around, str) else list(around)
    for centre in centres:
        landscape.get(centre)  # raises UnknownEntityError, with suggestions
    reached = set(centres)
    frontier = set(centres)
    for _ in range(1 if depth is None else depth):
        step: set[str] = set()
        for node in frontier:
            for relation in (*landscape.relations(source=node), *landscape.relations(target=node)):
                step.update((relation.source, relation.target))
        frontier = step - reached
        reached |= step
    return {i for i in reached if i in centres or matches(landscape[i], wanted)}
