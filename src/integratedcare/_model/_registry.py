"""The kinds registry, and which kinds of entity each relation may join.

A kind of entity is declared on its class (see :class:`~integratedcare.Entity`); registering it
makes it known by its kind text, to files, the JSON Schema and queries that name kinds. Which
entities a relation may join is read from the entity classes' ``source_of`` and ``target_of``:
an entity may be the source of a relation when its class lists the relation's kind (or the kind
of a registered relation class the relation's class derives from). A relation kind that no
registered kind of entity lists at an end may join any entity at that end.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Final, Literal, TypeAlias, TypeVar

from integratedcare._errors import InvalidValueError
from integratedcare._model._entities import _KINDS, Entity
from integratedcare._model._relations import RELATION_KINDS, Relation, kind_label

__all__ = [
    "RELATION_ENDPOINTS",
    "may_be",
    "may_join",
    "register_kind",
    "registered_kinds",
    "unregister_kind",
]

K = TypeVar("K", bound=type[Entity])
End: TypeAlias = Literal["source", "target"]
Ends: TypeAlias = tuple[tuple[type[Entity], ...], tuple[type[Entity], ...]]

_ATTRIBUTE: Final[Mapping[End, str]] = {"source": "source_of", "target": "target_of"}

# Per relation class: the relation kinds that decide each end (none: any entity may be there).
# Cleared whenever the registry changes, since which kinds are listed depends on it.
_RULES: dict[type[Relation], tuple[tuple[str, ...], tuple[str, ...]]] = {}
_JOINS: dict[tuple[type[Relation], type[Entity], type[Entity]], bool] = {}


def _forget() -> None:
    """Forget the answers that depend on which kinds are registered."""
    _RULES.clear()
    _JOINS.clear()


def _subject(cls: type) -> str:
    """Name an entity class for an error."""
    return f"entity class {cls.__name__}"


def register_kind(cls: K) -> K:
    """Register a kind of entity under its kind text, and return the class (so it can decorate it).

    The class must derive from :class:`~integratedcare.Entity`, declare its own ``kind``, and list
    only known relation kinds in ``source_of`` and ``target_of``. Registering a class again does
    nothing; registering a different class under a kind text already taken is an error.

    Raises:
        InvalidValueError: the class is not an entity class with its own kind, its kind text is
            taken, or it lists an unknown relation kind.

    Examples:
        >>> import attrs, integratedcare as ic
        >>> from typing import ClassVar
        >>> @attrs.frozen(kw_only=True)
        ... class Hospice(ic.Body):
        ...     '''A hospice.'''
        ...     kind: ClassVar[str] = "hospice"
        ...     group: ClassVar[ic.kinds.EntityGroup] = ic.kinds.EntityGroup.PEOPLE
        >>> ic.kinds.register_kind(Hospice) is Hospice, ic.kinds.ENTITY_KINDS["hospice"] is Hospice
        (True, True)
        >>> ic.kinds.unregister_kind(Hospice)
        >>> "hospice" in ic.kinds.ENTITY_KINDS
        False
    """
    if not (isinstance(cls, type) and issubclass(cls, Entity) and "kind" in cls.__dict__):
        raise InvalidValueError(
            subject="register_kind", field="cls", problem=f"must be an entity class with its own kind, got {cls!r}"
        )
    taken = _KINDS.get(cls.kind)
    if taken is cls:
        return cls
    if taken is not None:
        raise InvalidValueError(
            subject=_subject(cls),
            field="kind",
            problem=f"{cls.kind!r} is already the kind of {taken.__module__}.{taken.__qualname__}",
        )
    for end, attribute in _ATTRIBUTE.items():
        unknown = sorted(set(getattr(cls, attribute)) - set(RELATION_KINDS))
        if unknown:
            raise InvalidValueError(
                subject=_subject(cls),
                field=attribute,
                problem=f"must name relation kinds it may be the {end} of, got unknown {', '.join(unknown)}",
            )
    _KINDS[cls.kind] = cls
    _forget()
    return cls


def unregister_kind(cls: type[Entity]) -> None:
    """Forget a registered kind of entity, so that files and queries no longer know its kind text.

    Raises:
        InvalidValueError: the class is not registered.

    Examples:
        >>> import attrs, integratedcare as ic
        >>> from typing import ClassVar
        >>> @ic.kinds.register_kind
        ... @attrs.frozen(kw_only=True)
        ... class Hospice(ic.Body):
        ...     '''A hospice.'''
        ...     kind: ClassVar[str] = "hospice"
        >>> ic.kinds.unregister_kind(Hospice)
        >>> ic.kinds.ENTITY_KINDS.get("hospice") is None
        True
    """
    if _KINDS.get(getattr(cls, "kind", None)) is not cls:  # type: ignore[arg-type]
        raise InvalidValueError(
            subject="unregister_kind", field="cls", problem=f"must be a registered kind, got {cls!r}"
        )
    del _KINDS[cls.kind]
    _forget()


@contextlib.contextmanager
def registered_kinds(*classes: type[Entity]) -> Iterator[None]:
    """Register kinds of entity for the duration of a ``with`` block (for tests), then forget them.

    Kinds already registered before the block stay registered after it.

    Examples:
        >>> import attrs, integratedcare as ic
        >>> from typing import ClassVar
        >>> @attrs.frozen(kw_only=True)
        ... class Hospice(ic.Body):
        ...     '''A hospice.'''
        ...     kind: ClassVar[str] = "hospice"
        >>> with ic.kinds.registered_kinds(Hospice):
        ...     ic.kinds.ENTITY_KINDS["hospice"] is Hospice
        True
        >>> "hospice" in ic.kinds.ENTITY_KINDS
        False
    """
    added = [cls for cls in dict.fromkeys(classes) if _KINDS.get(getattr(cls, "kind", "")) is not cls]
    done: list[type[Entity]] = []
    try:
        for cls in added:
            register_kind(cls)
            done.append(cls)
        yield
    finally:
        for cls in reversed(done):
            unregister_kind(cls)


def _chain(cls: type[Relation]) -> tuple[str, ...]:
    """Return the kinds of the registered relation classes ``cls`` is or derives from, nearest first."""
    return tuple(
        base.kind
        for base in cls.__mro__
        if "kind" in base.__dict__ and issubclass(base, Relation) and RELATION_KINDS.get(base.kind) is base
    )


def _rule(cls: type[Relation]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the relation kinds that decide the source and the target of a relation of ``cls``."""
    found = _RULES.get(cls)
    if found is None:
        chain = _chain(cls)
        listed = {
            end: {kind for entity in _KINDS.values() for kind in getattr(entity, attribute)}
            for end, attribute in _ATTRIBUTE.items()
        }
        found = _RULES[cls] = (
            tuple(k for k in chain if k in listed["source"]),
            tuple(k for k in chain if k in listed["target"]),
        )
    return found


def may_be(cls: type[Relation], end: str, entity: Entity) -> bool:
    """Return whether ``entity`` may be the ``end`` (``source`` or ``target``) of a relation of ``cls``."""
    source = end == "source"
    kinds = _rule(cls)[0 if source else 1]
    allowed = type(entity).source_of if source else type(entity).target_of
    return not kinds or any(kind in allowed for kind in kinds)


def may_join(cls: type[Relation], source: Entity, target: Entity) -> bool:
    """Return whether a relation of ``cls`` may join ``source`` to ``target`` (by their kinds).

    The answer for each trio of classes is kept until the registry changes (building a landscape
    asks once per relation).
    """
    key = (cls, type(source), type(target))
    found = _JOINS.get(key)
    if found is None:
        found = _JOINS[key] = may_be(cls, "source", source) and may_be(cls, "target", target)
    return found


def _broadest(cls: type[Entity], attribute: str, kinds: tuple[str, ...]) -> type[Entity]:
    """Return the most general class ``cls`` derives from that lists one of ``kinds`` in ``attribute``."""
    return next(
        base
        for base in reversed(cls.__mro__)
        if isinstance(base, type) and issubclass(base, Entity) and set(kinds) & getattr(base, attribute)
    )


def expected_kinds(cls: type[Relation]) -> Ends:
    """Return the most general entity classes a relation of ``cls`` may join, at each end, by kind text.

    An end any entity may take is ``(Entity,)``.
    """
    ends: list[tuple[type[Entity], ...]] = []
    for kinds, attribute in zip(_rule(cls), _ATTRIBUTE.values(), strict=True):
        if not kinds:
            ends.append((Entity,))
            continue
        found = {
            _broadest(entity, attribute, kinds) for entity in _KINDS.values() if set(kinds) & getattr(entity, attribute)
        }
        ends.append(tuple(sorted(found, key=kind_label)))
    return ends[0], ends[1]


class _Endpoints(Mapping[type[Relation], Ends]):
    """Which kinds of entity each registered relation class may join, read from the entity classes."""

    def __getitem__(self, cls: type[Relation]) -> Ends:
        if not isinstance(cls, type) or RELATION_KINDS.get(getattr(cls, "kind", "")) is not cls:
            raise KeyError(cls)
        return expected_kinds(cls)

    def __iter__(self) -> Iterator[type[Relation]]:
        return iter(tuple(RELATION_KINDS.values()))

    def __len__(self) -> int:
        return len(RELATION_KINDS)

    def __repr__(self) -> str:
        return f"RELATION_ENDPOINTS({dict(self)!r})"


RELATION_ENDPOINTS: Final[Mapping[type[Relation], Ends]] = _Endpoints()
"""Which kinds of entity each relation may join: ``{relation: (source kinds, target kinds)}``.

Read, each time it is asked, from the registered entity classes' ``source_of`` and ``target_of``.
"""
