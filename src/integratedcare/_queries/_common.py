"""What every query shares: resolving an entity or id, the view for a date, and kind filters."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Protocol, TypeVar

from integratedcare._errors import InvalidValueError, did_you_mean
from integratedcare._landscape import Landscape
from integratedcare._model import ENTITY_KINDS, DateLike, Entity, to_date
from integratedcare._queries._answers import EntityKindError
from integratedcare._queries._collection import Answers

__all__ = ["Identified", "Sortable", "entity_of", "function_id", "kind_filter", "required", "sort_answers", "view_of"]


class Identified(Protocol):
    """Something with an id, such as a governance :class:`~integratedcare.governance.Function`."""

    @property
    def id(self) -> str:
        """The thing's id."""
        ...  # pragma: no cover (a protocol's body never runs)


class Sortable(Protocol):
    """An answer with a sort key, and a cheap prefix of it."""

    def sort_key(self) -> tuple[object, ...]:
        """Return the answer's sort key."""
        ...  # pragma: no cover (a protocol's body never runs)

    def order_key(self) -> tuple[object, ...]:
        """Return a cheap prefix of :meth:`sort_key` (or the whole key): answers that are equal share it."""
        ...  # pragma: no cover (a protocol's body never runs)


A = TypeVar("A", bound=Sortable)
E = TypeVar("E", bound=Entity)


def sort_answers(answers: Iterable[A]) -> Answers[A]:
    """Return answers as :class:`Answers` (a tuple) sorted by their keys, without repeats.

    The same as ``sorted(dict.fromkeys(answers), key=sort_key)``, without hashing answers (which
    hashes their entities, quantities and all) and computing the full sort key only to order
    answers that share the cheap :meth:`~Sortable.order_key`. Equal answers share that key, so
    repeats are looked for only among the answers that do, and the first of each is kept.
    """
    groups: dict[tuple[object, ...], list[A]] = {}
    for answer in answers:
        key = answer.order_key()
        group = groups.get(key)
        if group is None:
            groups[key] = [answer]
        elif not any(seen is answer or seen == answer for seen in group):
            group.append(answer)
    ordered: list[A] = []
    for key in sorted(groups):
        group = groups[key]
        ordered.extend(group if len(group) == 1 else sorted(group, key=lambda a: a.sort_key()))
    return Answers(ordered)


def entity_of(landscape: Landscape, entity: Entity | str) -> Entity:
    """Return the landscape's entity for an entity or its id.

    Raises:
        UnknownEntityError: no entity of the landscape has that id.
    """
    return landscape[entity.id if isinstance(entity, Entity) else entity]


def function_id(function: Identified | str) -> str:
    """Return a function's id, given the function (anything with an ``id``) or the id itself.

    Raises:
        InvalidValueError: the id is empty or not text.
    """
    ident = getattr(function, "id", function)
    if not isinstance(ident, str) or not ident.strip():
        raise InvalidValueError(
            field="function", problem=f"must be a function id such as 'dental-services', got {function!r}"
        )
    return ident


def view_of(landscape: Landscape, as_of: DateLike | None) -> Landscape:
    """Return the landscape in force on ``as_of``, or the whole landscape."""
    return landscape if as_of is None else landscape.as_of(to_date(as_of, field="as_of"))


def required(landscape: Landscape, entity: Entity | str, cls: type[E], *, query: str, expected: str) -> E:
    """Return the landscape's entity for an entity or its id, which ``query`` needs to be a ``cls``.

    Raises:
        UnknownEntityError: no entity of the landscape has that id.
        EntityKindError: the entity is not an instance of ``cls`` (``expected`` names what it must be).
    """
    found = entity_of(landscape, entity)
    if not isinstance(found, cls):
        raise EntityKindError(query=query, id=found.id, got=found.kind, expected=expected)
    return found


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
            close = close_kinds(kind, ENTITY_KINDS)
            known = "names no entity kind, " if close else f"must be one of {', '.join(sorted(ENTITY_KINDS))}, "
            raise InvalidValueError(field="kind", problem=f"{known}got {kind!r}{did_you_mean(close)}") from None
    return kind


def close_kinds(text: str, known: Iterable[str]) -> tuple[str, ...]:
    """Return the kinds a mistyped kind text may mean: those it abbreviates (``icb``), then close spellings.

    Examples:
        >>> from integratedcare._queries._common import close_kinds
        >>> close_kinds("icb", ["integrated-care-board", "nhs-trust"]), close_kinds("nhs-trst", ["nhs-trust"])
        (('integrated-care-board',), ('nhs-trust',))
    """
    kinds = sorted(known)
    typed = text.strip().casefold()
    initials = [k for k in kinds if "".join(part[0] for part in k.split("-")) == typed.replace("-", "")]
    close = difflib.get_close_matches(typed, kinds, n=3, cutoff=0.6)
    return tuple(dict.fromkeys([*initials, *close]))[:3]
