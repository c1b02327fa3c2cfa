"""What every query shares: resolving an entity or id, the view for a date, and kind filters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import ENTITY_KINDS, DateLike, Entity, to_date
from integratedcare._queries._answers import EntityKindError

__all__ = ["Sortable", "entity_of", "kind_filter", "require", "sort_answers", "view_of"]


class Sortable(Protocol):
    """An answer with a sort key."""

    def sort_key(self) -> tuple[object, ...]:
        """Return the answer's sort key."""
        ...  # pragma: no cover (a protocol's body never runs)


A = TypeVar("A", bound=Sortable)


def sort_answers(answers: Iterable[A]) -> tuple[A, ...]:
    """Return answers as a tuple sorted by their keys, without repeats."""
    return tuple(sorted(dict.fromkeys(answers), key=lambda a: a.sort_key()))


def entity_of(landscape: Landscape, entity: Entity | str) -> Entity:
    """Return the landscape's entity for an entity or its id.

    Raises:
        UnknownEntityError: no entity of the landscape has that id.
    """
    return landscape[entity.id if isinstance(entity, Entity) else entity]


def view_of(landscape: Landscape, as_of: DateLike | None) -> Landscape:
    """Return the landscape in force on ``as_of``, or the whole landscape."""
    return landscape if as_of is None else landscape.as_of(to_date(as_of, field="as_of"))


def require(query: str, entity: Entity, cls: type[Entity] | tuple[type[Entity], ...], expected: str) -> None:
    """Raise :class:`EntityKindError` unless ``entity`` is an instance of ``cls``."""
    if not isinstance(entity, cls):
        raise EntityKindError(query=query, id=entity.id, got=entity.kind, expected=expected)


def kind_filter(kind: type[Entity] | str | None) -> type[Entity]:
    """Return the entity class for a class, its kind text such as ``"primary-care-network"``, or ``None``.

    Raises:
        InvalidValueError: the kind text names no entity kind.
    """
    if kind is None:
        return Entity
    if isinstance(kind, str):
        try:
            return ENTITY_KINDS[kind]
        except KeyError:
            known = ", ".join(sorted(ENTITY_KINDS))
            raise InvalidValueError(field="kind", problem=f"must be one of {known}, got {kind!r}") from None
    return kind
