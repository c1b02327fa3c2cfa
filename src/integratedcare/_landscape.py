"""The landscape: an immutable container of entities and relations, and the builder that checks it.

A :class:`Landscape` may hold one integrated care system, all of England, or a fictional
county. It is built by a :class:`LandscapeBuilder`, which reports every problem at once in a
:class:`~integratedcare.errors.LandscapeError` and returns nothing half-built.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import threading
import warnings
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import compress, count, groupby, repeat
from operator import and_, attrgetter, eq, gt, le, ne
from typing import TYPE_CHECKING, Any, Final, Self, TypeVar, cast, overload

import attrs

from integratedcare._derived import Derived
from integratedcare._errors import (
    CoverageWarning,
    DuplicateIdError,
    DuplicateRelationError,
    IntegratedCareError,
    InvalidRelationError,
    InvalidValueError,
    LandscapeError,
    PeriodMismatchError,
    UnknownEntityError,
)
from integratedcare._model import (
    RELATION_KINDS,
    Agreement,
    Clause,
    DateLike,
    Entity,
    Period,
    Relation,
    SucceededBy,
    Within,
    kind_label,
    to_date,
)
from integratedcare._model._html import landscape_table
from integratedcare._model._registry import expected_kinds, may_be, may_join

__all__ = ["Landscape", "LandscapeBuilder"]

E = TypeVar("E", bound=Entity)
R = TypeVar("R", bound=Relation)


VIEWS_KEPT: Final = 64
"""How many views by date (:meth:`Landscape.as_of`) are kept per landscape, the least recently used dropped first."""

_VIEWS: Final[Derived[dt.date, Landscape]] = Derived("views by date", bound=VIEWS_KEPT)


class _Bounds:
    """A whole landscape's entities and relations with their periods as day numbers, for making its views.

    ``starts`` and ``ends`` hold each period's first day and the day after its last as ordinals
    (an open start as 0, an open end as infinity), in the landscape's order; ``successions`` the
    position and ends of each succession among the relations. ``holding`` says which entities and
    which relations hold on the day last asked about; moving it to another day re-reads only the
    periods that start or end between the two (found by bisection), so that the views of a run of
    dates cost a copy each, not a pass over every period. A landscape is measured on its second
    view: its first is filtered period by period, which costs less than measuring it.
    """

    __slots__ = ("_changes", "_day", "_lock", "ends", "holding", "items", "kinds", "positions", "starts", "successions")

    def __init__(self) -> None:
        """Make the record of a landscape that has no view yet."""
        self._day: int | None = None
        self._lock = threading.Lock()
        self.items: list[tuple[str, Entity]] | None = None

    def _measure(self, whole: Landscape) -> None:
        """Measure a whole landscape once."""
        relations = whole._relations  # noqa: SLF001 (the landscape's own parts)
        self.items = list(whole._entities.items())  # noqa: SLF001
        self.positions = {id_: at for at, (id_, _) in enumerate(self.items)}
        self.kinds = _kind_runs(relations)
        periods = ([entity.period for _, entity in self.items], [relation.period for relation in relations])
        self.starts = tuple([_first_day(period) for period in group] for group in periods)
        self.ends = tuple([_day_after(period) for period in group] for group in periods)
        self.successions = _successions(relations)
        self._changes = tuple(_changes(starts, ends) for starts, ends in zip(self.starts, self.ends, strict=True))
        self.holding = (bytearray(), bytearray())

    def view(
        self, whole: Landscape, day: dt.date, *, lazy: bool = False
    ) -> tuple[dict[str, Entity], tuple[Relation, ...]] | tuple[dict[str, Entity] | _Held, bytearray]:
        """Return the entities holding on a day, by id in order, and the relations (successions with both ends).

        Both are given as such from a landscape's first view. Afterwards the relations are given
        as a byte for each of the landscape's, saying whether it holds (the view makes its tuple
        only if it is asked for it), and so are the entities if ``lazy`` (a :class:`_Held`): the
        snapshots of ``check()``, hundreds of them, each read for a few kinds of entity and
        relation. A view for queries gets its entities as a dict, the fastest to look up.
        """
        with self._lock:  # the holding bytes are shared: one day at a time
            if self.items is None and self._day is None:  # the first view: filtered one by one
                self._day = -1
                return _filtered(whole, day)
            if self.items is None:
                self._measure(whole)
                self._day = None
            kept, holding = self._move(day.toordinal())
        positions = self.positions
        for position, source, target in self.successions:
            if holding[position] and not (kept[positions[source]] and kept[positions[target]]):
                holding[position] = False
        if not lazy:
            return dict(compress(self.items, kept)), holding  # type: ignore[arg-type]  # measured: items is set
        everything = cast("dict[str, Entity]", whole._entities)  # noqa: SLF001 (a whole landscape's: a dict)
        return _Held(everything, positions, kept), holding

    def _move(self, day: int) -> tuple[bytearray, bytearray]:
        """Move the record of what holds to a day (an ordinal); return a copy of the entity and relation bytes."""
        assert self.items is not None  # noqa: S101 (measured)
        before = self._day
        for group, holding in enumerate(self.holding):
            starts, ends = self.starts[group], self.ends[group]
            if before is None:
                holding[:] = bytes(map(and_, map(le, starts, repeat(day)), map(gt, ends, repeat(day))))
                continue
            days, positions = self._changes[group]
            low, high = sorted((before, day))
            for at in positions[bisect_right(days, low) : bisect_right(days, high)]:
                holding[at] = starts[at] <= day < ends[at]
        self._day = day
        return bytearray(self.holding[0]), bytearray(self.holding[1])


class _Held(Mapping[str, Entity]):
    """A view's entities: its whole landscape's, read through a byte for each saying whether it holds.

    Made in the time of a copy of those bytes (not of the entities), so that ``check()``, which
    takes a view per span of time, pays for what each rule reads, not for every entity each time.
    Iterates in the whole landscape's order (by id), as a view's dict would.
    """

    __slots__ = ("_all", "_bits", "_positions")

    def __init__(self, everything: dict[str, Entity], positions: dict[str, int], bits: bytearray) -> None:
        """Read ``everything`` (in ``positions`` order) through ``bits``."""
        self._all, self._positions, self._bits = everything, positions, bits

    def __getitem__(self, id_: str) -> Entity:
        """Return the entity with an id, if it holds."""
        if self._bits[self._positions[id_]]:
            return self._all[id_]
        raise KeyError(id_)

    def __contains__(self, id_: object) -> bool:
        """Return whether an entity with the id holds."""
        at = self._positions.get(id_) if isinstance(id_, str) else None
        return at is not None and bool(self._bits[at])

    def __iter__(self) -> Iterator[str]:
        """Iterate over the ids of the entities that hold, in order."""
        return compress(self._all, self._bits)

    def __len__(self) -> int:
        """Return how many entities hold."""
        return self._bits.count(1)

    def values(self) -> Iterator[Entity]:  # type: ignore[override]  # an iterator, not a view: read once
        """Iterate over the entities that hold, in order."""
        return compress(self._all.values(), self._bits)

    def of_type(self, found: Iterable[Entity]) -> tuple[Entity, ...]:
        """Return those of ``found`` (entities of the whole landscape) that hold."""
        bits, positions = self._bits, self._positions
        return tuple(e for e in found if bits[positions[e.id]])


def _kind_runs(relations: Sequence[Relation]) -> dict[type[Relation], list[tuple[int, int]]]:
    """Return where each class's runs start and stop among relations in the landscape's order.

    The relations are in order of kind, so a class has one run, unless a subclass shares its kind
    (a relation class of one's own that keeps its base's ``kind``): then the two may alternate.
    """
    runs: dict[type[Relation], list[tuple[int, int]]] = {}
    at = 0
    for kind, group in groupby(relations, key=type):
        size = sum(1 for _ in group)
        runs.setdefault(kind, []).append((at, at + size))
        at += size
    return runs


def _held_of(base: Landscape, cls: type[Relation], holding: bytearray) -> tuple[Relation, ...]:
    """Return the relations of ``cls`` among a whole landscape's that hold by a view's bytes: a run at a time, in C."""
    everything = base._relations  # noqa: SLF001 (the landscape's own parts)
    found: list[Relation] = []
    for kind, runs in _BOUNDS.get(base, None, _Bounds).kinds.items():
        if issubclass(kind, cls):
            for start, stop in runs:
                found.extend(compress(everything[start:stop], holding[start:stop]))
    return tuple(found)


def _filtered(whole: Landscape, day: dt.date) -> tuple[dict[str, Entity], tuple[Relation, ...]]:
    """Return the entities and the relations of a landscape holding on a day, looking at each in turn."""
    kept = {e.id: e for e in whole._entities.values() if _holds(e.period, day)}  # noqa: SLF001 (its own parts)
    relations = []
    for r in whole._relations:  # noqa: SLF001
        start, end = r.period.start, r.period.end
        if (
            (start is None or start <= day)
            and (end is None or day < end)
            and (not isinstance(r, SucceededBy) or (r.source in kept and r.target in kept))
        ):
            relations.append(r)
    return kept, tuple(relations)


def _successions(relations: Sequence[Relation]) -> list[tuple[int, str, str]]:
    """Return the position and ends of each succession among relations."""
    return [(at, r.source, r.target) for at, r in enumerate(relations) if isinstance(r, SucceededBy)]


def _changes(starts: list[float], ends: list[float]) -> tuple[list[float], list[int]]:
    """Return the days on which periods start or end, in order, with the position of the period of each."""
    changes = sorted(
        [(day, at) for at, day in enumerate(starts) if day]
        + [(day, at) for at, day in enumerate(ends) if day != math.inf]
    )
    return [day for day, _ in changes], [at for _, at in changes]


def _first_day(period: Period) -> float:
    """A period's first day as an ordinal; 0 (before every day) for an open start."""
    return 0 if period.start is None else period.start.toordinal()


def _day_after(period: Period) -> float:
    """The ordinal of the day after a period's last; infinity for an open end."""
    return math.inf if period.end is None else period.end.toordinal()


_BOUNDS: Final[Derived[None, _Bounds]] = Derived("periods as day numbers")
"""Each whole landscape's :class:`_Bounds` (one value per landscape)."""


_SOURCE: Final = attrgetter("source")
_TARGET: Final = attrgetter("target")
_PARTS: Final = (
    "name",
    "_entities",
    "_relations",
    "_from_order",
    "_from_spans",
    "_to_order",
    "_to_spans",
    "_by_source",
    "_by_target",
    "_by_kind",
    "_of_type",
    "_of_kind",
)
"""What a built landscape shares with its double (see ``Landscape._whole``)."""


def _runs(
    relations: tuple[Relation, ...], end: Callable[[Relation], str]
) -> tuple[tuple[Relation, ...], dict[str, tuple[int, int]]]:
    """Sort relations by one end (stably) and say where each id's run starts and stops."""
    if not relations:
        return (), {}
    ordered = tuple(sorted(relations, key=end))
    ids = list(map(end, ordered))
    starts = [0, *compress(count(1), map(ne, ids[1:], ids))]  # the places whose id differs from the one before
    stops = [*starts[1:], len(ids)]
    return ordered, dict(zip(map(ids.__getitem__, starts), zip(starts, stops, strict=True), strict=True))


_RELATION_ORDER: Final = attrgetter("kind", "source", "target", "period._order")
"""Sort relations by kind, source, target and period: a cheap key that decides almost every pair."""


def _ordered(
    relations: Iterable[Relation], keys: Iterable[tuple[object, ...]] | None = None
) -> tuple[list[Relation], dict[int, int]]:
    """Sort relations deterministically, whatever order they came in, and drop repeats.

    Returns the distinct relations in order, and the repeats: the position of each repeat
    among ``relations`` with the position of its first appearance. The cheap key is made and
    sorted on in C; the rare relations that share it (the same kind, ends and period) are
    compared in full, their repeats dropped (the first appearance kept) and the rest ordered by
    their full text. ``keys`` are the relations' keys when the caller has made them already.
    """
    given = list(relations)
    made = list(map(_RELATION_ORDER, given) if keys is None else keys)
    order = sorted(range(len(given)), key=made.__getitem__)  # positions: no pair or triple made per relation
    ordered = list(map(given.__getitem__, order))
    in_order = list(map(made.__getitem__, order))
    ties = list(compress(count(1), map(eq, in_order[1:], in_order)))  # the places whose key equals the one before
    if not ties:
        return ordered, {}
    repeats: dict[int, int] = {}
    result: list[Relation] = []
    done = 0
    for tie in ties:
        if tie < done:
            continue  # inside a run of equal keys already handled
        first, last = tie - 1, tie
        while last + 1 < len(in_order) and in_order[last + 1] == in_order[first]:
            last += 1
        result.extend(ordered[done:first])
        distinct: list[tuple[int, Relation]] = []
        for position in order[first : last + 1]:  # in order of appearance: the sort is stable
            relation = given[position]
            seen = next((p for p, r in distinct if r == relation), None)
            if seen is None:
                distinct.append((position, relation))
            else:
                repeats[position] = seen
        result.extend(sorted((r for _, r in distinct), key=repr))
        done = last + 1
    result.extend(ordered[done:])
    return result, repeats


def _holds(period: Period, day: dt.date) -> bool:
    """Whether ``period`` holds on ``day`` (:meth:`Period.contains` for a date already converted)."""
    start, end = period.start, period.end
    return (start is None or start <= day) and (end is None or day < end)


def _resolve_kind(kind: type[R] | str) -> type[R]:
    """Return the relation class for a class or its kind text."""
    if isinstance(kind, str):
        try:
            return RELATION_KINDS[kind]  # type: ignore[return-value]
        except KeyError:
            known = ", ".join(sorted(RELATION_KINDS))
            raise InvalidValueError(field="kind", problem=f"must be one of {known}, got {kind!r}") from None
    return kind


class Landscape:
    """An immutable set of entities and the relations among them.

    Build one with :class:`LandscapeBuilder` (or load a file or a bundled dataset). Lookups
    are by id; collections come back as tuples sorted by id (entities) or by kind, source,
    target and period (relations), so answers are deterministic.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder("Example")
        ...         .add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)))
        ...         .add(ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")))
        ...         .add(ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)))
        ...         .build())
        >>> len(land), land["QYG"].name
        (2, 'NHS Cheshire and Merseyside ICB')
        >>> [e.id for e in land.as_of("2022-06-30")]
        ['01V']
        >>> land.relations(ic.SucceededBy)[0].target
        'QYG'
    """

    __slots__ = (
        "__weakref__",  # derived values are kept outside, under weak references (see _derived)
        "_base",
        "_by_kind",
        "_by_source",
        "_by_target",
        "_coverage",
        "_day",
        "_entities",
        "_from_order",
        "_from_spans",
        "_holding",
        "_of_kind",
        "_of_type",
        "_relations",
        "_to_order",
        "_to_spans",
        "_whole",
        "name",
    )

    name: str
    _entities: dict[str, Entity] | _Held
    _relations: tuple[Relation, ...]
    # The indexes are never handed out: every query builds its own tuple from them. A landscape
    # that was built indexes everything at once: its relations sorted by source (and by target),
    # and where each id's run starts and ends in them. (Pairs of numbers, not a list per id: the
    # cyclic collector stops visiting a pair of numbers, so a large landscape costs it little.)
    # A view (``as_of``) fills its ``_by_source`` and ``_by_target`` for one id at a time, from its
    # base's, on first use.
    _from_order: tuple[Relation, ...]
    _from_spans: dict[str, tuple[int, int]]
    _to_order: tuple[Relation, ...]
    _to_spans: dict[str, tuple[int, int]]
    _by_source: dict[str, tuple[Relation, ...]]
    _by_target: dict[str, tuple[Relation, ...]]
    _by_kind: dict[type[Relation], list[Relation]]  # a view's stays empty: see _relations_of
    # What ``of_type`` and ``relations(kind)`` found, by class: at most one entry per class.
    _of_type: dict[type[Entity], tuple[Entity, ...]]
    _of_kind: dict[type[Relation], tuple[Relation, ...]]
    # A view's base: the whole landscape it was taken from, in the form of its ``_whole``.
    _base: Landscape | None
    _day: dt.date | None
    # A view's bytes saying which of its base's relations it holds, until its tuple is made.
    _holding: bytearray
    # A built landscape's double: the same parts and indexes in another object, which its views
    # hold. The views themselves are kept (in ``_VIEWS``) under a weak reference to the
    # landscape; were they to hold the landscape itself, it could never be freed.
    _whole: Landscape | None
    # The span a bundled dataset declares it covers, with the dataset's name (None for others).
    _coverage: tuple[str, Period] | None

    def __init__(self) -> None:
        """Refuse direct construction: a landscape is built, loaded or derived."""
        raise TypeError("build a Landscape with integratedcare.LandscapeBuilder(...).build()")

    @classmethod
    def _trusted(
        cls, name: str, entities: Iterable[Entity], relations: Iterable[Relation], *, in_order: bool = False
    ) -> Landscape:
        """Make a landscape from parts already validated together (no checks).

        ``in_order`` says the parts are already in the landscape's order (as a subset of a
        landscape's own parts is), so they need no sorting.
        """
        self = object.__new__(cls)
        self.name = name
        if in_order:
            self._entities = {e.id: e for e in entities}
            self._relations = tuple(relations)
        else:
            self._entities = {e.id: e for e in sorted(entities, key=attrgetter("id"))}
            self._relations = tuple(_ordered(relations)[0])
        self._from_order, self._from_spans = _runs(self._relations, _SOURCE)
        self._to_order, self._to_spans = _runs(self._relations, _TARGET)
        self._by_kind = {}
        for kind, group in groupby(self._relations, key=type):  # the relations are in order of kind
            self._by_kind.setdefault(kind, []).extend(group)
        self._by_source, self._by_target = {}, {}
        self._of_type, self._of_kind = {}, {}
        self._base, self._day, self._coverage = None, None, None
        whole = self._whole = object.__new__(cls)  # shares every part: it costs one object
        for slot in _PARTS:
            setattr(whole, slot, getattr(self, slot))
        whole._base, whole._day, whole._whole, whole._coverage = None, None, None, None
        return self

    @classmethod
    def _view(cls, base: Landscape, day: dt.date, *, lazy: bool = False) -> Landscape:
        """Make the view of ``base`` (a whole landscape) in force on ``day``, its indexes left to fill on first use.

        A relation holds only while both its ends exist (the builder checks it), so a relation
        holding on ``day`` has both ends in the view; only a succession, which joins an entity
        that ends to one that starts, needs its ends looked up.
        """
        self = object.__new__(cls)
        self.name = base.name
        self._entities, relations = _BOUNDS.get(base, None, _Bounds).view(base, day, lazy=lazy)
        if isinstance(relations, tuple):
            self._relations = relations
        else:  # made on first use (see __getattr__)
            self._holding = relations
        self._from_order, self._from_spans, self._to_order, self._to_spans = (), {}, (), {}
        self._by_source, self._by_target, self._by_kind = {}, {}, {}
        self._of_type, self._of_kind = {}, {}
        self._base, self._day, self._whole, self._coverage = base, day, None, base._coverage
        return self

    if not TYPE_CHECKING:  # pragma: no branch (to the type checker, a landscape has only what it declares)

        def __getattr__(self, name: str) -> Any:  # noqa: ANN401 (an attribute)
            """Make a view's tuple of relations on first use, from its bytes saying which of its base's hold."""
            if name != "_relations":
                raise AttributeError(name)
            holding = self._holding
            self._relations = relations = tuple(compress(self._base._relations, holding))  # noqa: SLF001
            return relations

    def _keeps(self, relation: Relation) -> bool:
        """Whether a relation of this view's base is in the view (see :meth:`_view`)."""
        assert self._day is not None  # noqa: S101 (called only on views)
        kept = self._entities
        return _holds(relation.period, self._day) and (
            not isinstance(relation, SucceededBy) or (relation.source in kept and relation.target in kept)
        )

    def _at(self, end: str, *, outgoing: bool) -> tuple[Relation, ...]:
        """The relations from (``outgoing``) or to ``end``, filled in from the base on a view's first asking."""
        base = self._base
        if base is None:
            span = (self._from_spans if outgoing else self._to_spans).get(end)
            return () if span is None else (self._from_order if outgoing else self._to_order)[span[0] : span[1]]
        filled = self._by_source if outgoing else self._by_target
        pool = filled.get(end)
        if pool is None:
            pool = filled[end] = tuple(r for r in base._at(end, outgoing=outgoing) if self._keeps(r))  # noqa: SLF001
        return pool

    def _relations_of(self, cls: type[Relation]) -> tuple[Relation, ...]:
        """The relations that are instances of ``cls``; a view filters its base's, once per class."""
        found = self._of_kind.get(cls)
        if found is None:
            base = self._base
            if base is None:
                found = tuple(r for k, rs in self._by_kind.items() if issubclass(k, cls) for r in rs)
            elif (holding := getattr(self, "_holding", None)) is not None:  # read through the view's bytes
                found = _held_of(base, cls, holding)
            else:
                found = tuple(r for r in base._relations_of(cls) if self._keeps(r))  # noqa: SLF001
            self._of_kind[cls] = found
        return found

    # --- entities -----------------------------------------------------------------------

    def get(self, id: str) -> Entity:  # noqa: A002 (the domain's word)
        """Return the entity with ``id``.

        Raises:
            UnknownEntityError: no entity has that id; close ids are suggested.
        """
        try:
            return self._entities[id]
        except (KeyError, TypeError):
            raise UnknownEntityError(id=str(id), suggestions=self._suggest(str(id))) from None

    def _suggest(self, text: str) -> list[str]:
        """Return the ids an unknown id may mean: the id in another case or an entity's code, else close ids.

        Examples:
            >>> import integratedcare as ic
            >>> land = ic.LandscapeBuilder().add(
            ...     ic.ICB(id="QYG", name="NHS C&M ICB", codes=[ic.Code("gss", "E54000008")]),
            ...     ic.LocalAuthority(id="E10000008", name="Devon", tier="county")).build()
            >>> land._suggest("qyg"), land._suggest("E54000008"), land._suggest("E10000009")
            (['QYG'], ['QYG'], ['E10000008'])
        """
        needle = text.casefold()
        same = [
            e.id
            for e in self._entities.values()
            if e.id.casefold() == needle or any(c.value.casefold() == needle for c in e.codes)
        ]
        return same[:3] or difflib.get_close_matches(text, self._entities, n=3, cutoff=0.6)

    def __getitem__(self, id: str) -> Entity:  # noqa: A002 (the domain's word)
        """Return the entity with ``id`` (see :meth:`get`)."""
        return self.get(id)

    def __contains__(self, id: object) -> bool:  # noqa: A002 (the domain's word)
        """Return whether an entity has ``id``."""
        return id in self._entities

    def __iter__(self) -> Iterator[Entity]:
        """Iterate over the entities in order of id."""
        return iter(self._entities.values())

    def __len__(self) -> int:
        """Return the number of entities."""
        return len(self._entities)

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, in order of id."""
        return tuple(self._entities.values())

    def of_type(self, cls: type[E]) -> tuple[E, ...]:
        """Return the entities that are instances of ``cls`` (a kind or a base such as ``Body``), by id.

        Examples:
            >>> import integratedcare as ic
            >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
            >>> [icb.id for icb in land.of_type(ic.ICB)], land.of_type(ic.NHSTrust)
            (['QYG'], ())
        """
        found = self._of_type.get(cls)
        if found is None:
            entities, base = self._entities, self._base
            if isinstance(entities, _Held) and base is not None:  # a view read through bytes: its base's, filtered
                found = entities.of_type(base.of_type(cls))
            else:
                found = tuple(e for e in entities.values() if isinstance(e, cls))
            self._of_type[cls] = found
        return cast("tuple[E, ...]", found)  # filled by class: each entry holds instances of its key

    # --- relations ----------------------------------------------------------------------

    @overload
    def relations(self, kind: type[R], *, source: str | None = None, target: str | None = None) -> tuple[R, ...]: ...

    @overload
    def relations(
        self, kind: str | None = None, *, source: str | None = None, target: str | None = None
    ) -> tuple[Relation, ...]: ...

    def relations(
        self,
        kind: type[Relation] | str | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
    ) -> tuple[Relation, ...]:
        """Return relations, optionally only of one kind, from one source or to one target.

        Uses the landscape's indexes: asking about one entity touches only its own relations.

        Examples:
            >>> import integratedcare as ic
            >>> land = (ic.LandscapeBuilder()
            ...         .add(ic.ICS(id="ics", name="An ICS"), ic.Place(id="p1", name="Place 1"))
            ...         .add(ic.Place(id="p2", name="Place 2"), within="ics")
            ...         .add(ic.Within(source="p1", target="ics")).build())
            >>> [r.source for r in land.relations("within", target="ics")]
            ['p1', 'p2']
        """
        if source is not None:
            pool = self._at(source, outgoing=True)
        elif target is not None:
            pool = self._at(target, outgoing=False)
        elif kind is not None:
            return self._relations_of(_resolve_kind(kind))
        else:
            return self._relations
        wanted = Relation if kind is None else _resolve_kind(kind)
        return tuple(
            r
            for r in pool
            if isinstance(r, wanted)
            and (source is None or r.source == source)
            and (target is None or r.target == target)
        )

    @property
    def all_relations(self) -> tuple[Relation, ...]:
        """Every relation, in order of kind, source, target and period."""
        return self._relations

    # --- time and editing ---------------------------------------------------------------

    def as_of(self, date: DateLike) -> Landscape:
        """Return the landscape in force on ``date``.

        Keeps the entities that exist on the date and the relations that hold on it between
        two kept entities. A view's ``as_of`` is its whole landscape's: the landscape in force
        on that date, whatever the view's own date.

        Views are made once and kept: the views of the 64 most recently asked dates are kept per
        landscape (the least recently used is dropped first, and made again if asked for), so
        that asking date after date does not grow memory without limit.

        Examples:
            >>> import integratedcare as ic
            >>> land = ic.LandscapeBuilder().add(
            ...     ic.ICB(id="QNQ", name="NHS Frimley ICB", period=("2022-07-01", "2026-04-01")),
            ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
            ... ).build()
            >>> len(land.as_of("2026-03-31").of_type(ic.ICB)), len(land.as_of("2026-04-01").of_type(ic.ICB))
            (2, 1)
        """
        day = to_date(date, field="as_of")
        self._warn_outside(day, stacklevel=2)
        return self._on(day)

    def _warn_outside(self, day: dt.date, *, stacklevel: int) -> None:
        """Warn (a :class:`CoverageWarning`) when ``day`` is outside the coverage a bundled dataset declares.

        ``stacklevel`` counts from this method: 2 names the caller of the method that calls it.
        """
        if self._coverage is not None and not _holds(self._coverage[1], day):
            dataset, span = self._coverage
            warning = CoverageWarning(dataset=dataset, date=day.isoformat(), coverage=str(span))
            warnings.warn(warning, stacklevel=stacklevel + 1)

    def _on(self, day: dt.date, *, lazy: bool = False) -> Landscape:
        """The view in force on ``day``: :meth:`as_of` without the coverage warning (the library's own snapshots).

        ``lazy`` makes a view that is not kept and reads its entities through bytes (see :class:`_Held`).
        """
        whole = self._whole
        if whole is None:  # a view: of its whole landscape (not kept: only a landscape's own views are)
            assert self._base is not None  # noqa: S101 (a landscape has a double or a base)
            return self if day == self._day else Landscape._view(self._base, day, lazy=lazy)
        if lazy:
            return Landscape._view(whole, day, lazy=True)
        return _VIEWS.get(self, day, lambda: Landscape._view(whole, day))

    def _snapshot(self, day: dt.date) -> Landscape:
        """A view on ``day`` for ``check()``: not kept, its entities read through bytes (see :class:`_Held`)."""
        return self._on(day, lazy=True)

    @property
    def coverage(self) -> Period | None:
        """The span of dates a bundled dataset declares it covers (``None`` for a landscape built or loaded otherwise).

        ``as_of`` a date outside it warns with a :class:`~integratedcare.errors.CoverageWarning`.

        Examples:
            >>> import integratedcare as ic
            >>> str(ic.datasets.england().coverage)
            '[2022-07-01, 2026-08-02)'
            >>> ic.LandscapeBuilder().build().coverage is None
            True
        """
        return None if self._coverage is None else self._coverage[1]

    def _declare_coverage(self, dataset: str, span: Period) -> None:
        """Record the span a bundled dataset covers (on the landscape and on the double its views are taken from)."""
        self._coverage = (dataset, span)
        whole = self._whole
        if whole is not None:  # pragma: no branch (a dataset is a whole landscape)
            whole._coverage = self._coverage  # noqa: SLF001 (its own double)

    def builder(self) -> LandscapeBuilder:
        """Return a builder seeded with this landscape's entities and relations, for edits.

        Examples:
            >>> import integratedcare as ic
            >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
            >>> bigger = land.builder().add(ic.ICP(id="cm-icp", name="C&M ICP")).build()
            >>> len(land), len(bigger)
            (1, 2)
        """
        return LandscapeBuilder(self.name).add(*self._entities.values(), *self._relations)

    # --- value semantics ----------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        """Landscapes are equal when they hold the same entities and relations (names aside)."""
        if not isinstance(other, Landscape):
            return NotImplemented
        return self._entities == other._entities and self._relations == other._relations

    def __hash__(self) -> int:
        """Hash by size (equal landscapes have equal sizes)."""
        return hash((len(self._entities), len(self._relations)))

    def __repr__(self) -> str:
        """Summarise the landscape."""
        title = f" {self.name!r}" if self.name else ""
        return f"<Landscape{title}: {len(self._entities)} entities, {len(self._relations)} relations>"

    def _repr_html_(self) -> str:
        """Summarise the landscape as a compact HTML table, for notebooks."""
        return landscape_table(self.name, self, self.all_relations)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by name, entities and relations (derived caches are rebuilt on demand)."""
        return (Landscape._trusted, (self.name, tuple(self._entities.values()), self._relations))


class LandscapeBuilder:
    """Collects entities and relations, then checks them together and builds a :class:`Landscape`.

    Objects are added with :meth:`add`; :meth:`add_entity` and :meth:`add_relation` build them
    from keyword fields and, instead of raising at once, record any problem for :meth:`build`
    to report with all the others.

    Examples:
        >>> import integratedcare as ic
        >>> b = ic.LandscapeBuilder("Broken")
        >>> _ = b.add_entity(ic.Place, id="wirral-place", name="Wirral", population=ic.quantity(3.2e5, "GBP"))
        >>> _ = b.add_entity(ic.ICB, id="QYG", name="NHS C&M ICB", period=("2024-01-01", "2023-01-01"))
        >>> _ = b.add(ic.ICS(id="cm-ics", name="C&M ICS"), ic.ICS(id="cm-ics", name="C&M ICS again"))
        >>> _ = b.add(ic.Region(id="Y62", name="North West"), ic.Within(source="cm-ics", target="Y26"))
        >>> try:
        ...     b.build()
        ... except ic.errors.LandscapeError as err:
        ...     print(err)
        4 problems in landscape 'Broken'
          - place-based-partnership "wirral-place": population must be in person, got 320000.0 GBP
          - integrated-care-board "QYG": period must end after it starts, got [2024-01-01, 2023-01-01)
          - id "cm-ics" is used by more than one entity (integrated-care-system, integrated-care-system)
          - within "cm-ics" -> "Y26": target no entity with id "Y26"; did you mean "Y62"?
    """

    def __init__(self, name: str = "") -> None:
        """Start an empty builder for a landscape called ``name``."""
        self.name = name
        self._entities: list[Entity] = []
        self._relations: list[Relation] = []
        self._problems: list[IntegratedCareError] = []

    def add(self, *items: Entity | Relation, within: str | Iterable[str] | None = None) -> Self:
        """Add entities and relations; with ``within=``, also place each entity within those ids.

        Raises:
            TypeError: an item is neither an entity nor a relation.
        """
        parents = [within] if isinstance(within, str) else list(within or ())
        for item in items:
            if isinstance(item, Entity):
                self._entities.append(item)
                self._relations.extend(Within(source=item.id, target=parent, period=item.period) for parent in parents)
            elif isinstance(item, Relation):
                self._relations.append(item)
            else:
                msg = f"can add only entities and relations, got {item!r}"
                raise TypeError(msg)
        return self

    def add_entity(
        self,
        cls: type[Entity],
        /,
        *,
        within: str | Iterable[str] | None = None,
        **fields: Any,  # noqa: ANN401 (fields vary by class)
    ) -> Self:
        """Build an entity of ``cls`` from ``fields`` and add it; a problem is kept for :meth:`build`."""
        try:
            entity = cls(**fields)
        except IntegratedCareError as exc:
            self._problems.append(_about(exc, cls, fields.get("id")))
            return self
        except TypeError as exc:
            self._problems.append(
                InvalidValueError(subject=_label(cls, fields.get("id")), field="", problem=f"cannot be built: {exc}")
            )
            return self
        return self.add(entity, within=within)

    def add_relation(self, cls: type[Relation], /, source: str, target: str, **fields: Any) -> Self:  # noqa: ANN401
        """Build a relation of ``cls`` from ``source``, ``target`` and ``fields`` and add it."""
        try:
            relation = cls(source=source, target=target, **fields)
        except IntegratedCareError as exc:
            label = f'{cls.kind} "{source}" -> "{target}"'
            self._problems.append(exc.about(label) if isinstance(exc, InvalidValueError) and not exc.subject else exc)
            return self
        except TypeError as exc:
            label = f'{cls.kind} "{source}" -> "{target}"'
            self._problems.append(InvalidValueError(subject=label, field="", problem=f"cannot be built: {exc}"))
            return self
        return self.add(relation)

    def remove(self, id: str) -> Self:  # noqa: A002 (the domain's word)
        """Remove the entity ``id`` and every relation that touches it."""
        self._entities = [e for e in self._entities if e.id != id]
        self._relations = [r for r in self._relations if id not in (r.source, r.target)]
        return self

    def remove_relation(self, relation: Relation) -> Self:
        """Remove every relation equal to ``relation``."""
        self._relations = [r for r in self._relations if r != relation]
        return self

    def build(self) -> Landscape:
        """Check everything added and return the landscape.

        A relation given without a period (the default, :data:`~integratedcare.ALWAYS`) holds
        whenever both its ends exist: it takes the overlap of their lifetimes.

        Checks that ids are unique; that every relation's ends exist, are of kinds the relation
        may join, and exist whenever the relation holds; that a clause names an agreement of the
        landscape in force whenever the relation holds; and that no relation is given twice.
        The work is linear in the number of entities and relations (and a sort).

        Raises:
            LandscapeError: with every problem found, each naming its id and field.
        """
        problems: list[IntegratedCareError] = list(self._problems)
        by_id: dict[str, Entity] = {}
        repeated = False
        for entity in self._entities:
            size = len(by_id)
            by_id.setdefault(entity.id, entity)
            repeated = repeated or len(by_id) == size
        if repeated:  # name each id used more than once, in order of first use, with every kind given it
            kinds: defaultdict[str, list[str]] = defaultdict(list)
            for entity in self._entities:
                kinds[entity.id].append(entity.kind)
            problems.extend(DuplicateIdError(id=i, kinds=ks) for i, ks in kinds.items() if len(ks) > 1)
        relations: list[Relation] = []
        keys: list[tuple[object, ...]] = []  # made here, while each relation is at hand
        faults: list[tuple[int, Sequence[IntegratedCareError]]] = []  # by position, repeats included
        suggest = _Suggestions(by_id)
        for given in self._relations:
            relation = _default_period(given, by_id)
            found = _check_relation(relation, by_id, suggest)
            if found:
                faults.append((len(relations), found))
            relations.append(relation)
            keys.append(_RELATION_ORDER(relation))
        ordered, repeats = _ordered(relations, keys)
        firsts = sorted(set(repeats.values()))  # each repeated relation once, where it first appears
        problems.extend(DuplicateRelationError(relation=relations[i].label) for i in firsts)
        problems.extend(f for i, found in faults if i not in repeats for f in found)
        if problems:
            title = f" {self.name!r}" if self.name else ""
            noun = "problem" if len(problems) == 1 else "problems"
            raise LandscapeError(f"{len(problems)} {noun} in landscape{title}", problems)
        entities = sorted(by_id.values(), key=attrgetter("id"))
        return Landscape._trusted(self.name, entities, ordered, in_order=True)  # noqa: SLF001


def _default_period(relation: Relation, by_id: Mapping[str, Entity]) -> Relation:
    """Give a relation without a period the overlap of its ends' lifetimes (when they overlap)."""
    period = relation.period
    if period.start is not None or period.end is not None:
        return relation
    source, target = by_id.get(relation.source), by_id.get(relation.target)
    if source is None or target is None:
        return relation
    shared = source.period.intersection(target.period)
    if shared is None or (shared.start is None and shared.end is None):
        return relation
    return attrs.evolve(relation, period=shared)


def _label(cls: type, ident: object) -> str:
    """Name an entity of ``cls`` with ``ident`` for an error."""
    return f'{kind_label(cls)} "{ident}"' if isinstance(ident, str) else kind_label(cls)


def _about(exc: IntegratedCareError, cls: type, ident: object) -> IntegratedCareError:
    """Name the entity in an error raised while building it, if the error does not yet."""
    if isinstance(exc, InvalidValueError) and not exc.subject:
        return exc.about(_label(cls, ident))
    return exc


class _Suggestions:
    """Suggests close ids for unknown ones, within a budget of comparisons per build.

    Each search compares the unknown id with every id of the landscape; past
    :data:`SUGGESTION_BUDGET` comparisons (2,000 unknown ids among 2,000 entities would take
    4 million), unknown ids get no suggestions, so a file of many wrong ids still fails fast.
    """

    def __init__(self, by_id: Mapping[str, Entity]) -> None:
        self.by_id = by_id
        self.left = SUGGESTION_BUDGET
        self.found: dict[str, list[str]] = {}

    def __call__(self, ident: str) -> list[str]:
        """Return up to three ids close to ``ident`` (none once the budget is spent)."""
        if ident not in self.found:
            if self.left < len(self.by_id):
                return []
            self.left -= len(self.by_id)
            self.found[ident] = difflib.get_close_matches(ident, self.by_id, n=3, cutoff=0.6)
        return self.found[ident]


SUGGESTION_BUDGET: Final = 200_000
"""How many id comparisons one build spends on suggesting close ids for unknown ones."""


def _check_relation(
    relation: Relation, by_id: Mapping[str, Entity], suggest: Callable[[str], list[str]]
) -> Sequence[IntegratedCareError]:
    """Return every problem with one relation's ends, kinds, periods and basis (none, for most).

    The one check of a relation: the builder runs it on every relation. Written for the usual
    case, in which nothing is wrong: a few lookups and comparisons, and nothing made but the
    empty result.
    """
    cls = type(relation)
    source, target = by_id.get(relation.source), by_id.get(relation.target)
    problems: list[IntegratedCareError] = []
    if source is None or target is None or not may_join(cls, source, target):  # the kinds' answer, kept per trio
        if source is None or not may_be(cls, "source", source):
            problems.append(_end_problem(relation, "source", source, suggest))
        if target is None or not may_be(cls, "target", target):
            problems.append(_end_problem(relation, "target", target, suggest))
    if source is not None and target is not None:  # with an unknown end, its lifetime is moot
        if isinstance(relation, SucceededBy):
            problems.extend(_check_succession(relation, source, target))
        else:
            period = relation.period
            if not source.period.covers(period):
                problems.append(_lifetime_problem(relation, "source", source))
            if not target.period.covers(period):
                problems.append(_lifetime_problem(relation, "target", target))
    basis = relation.basis
    if isinstance(basis, Clause):
        problems.extend(_check_clause(relation, basis, by_id, suggest))
    return problems


def _end_problem(
    relation: Relation, field: str, entity: Entity | None, suggest: Callable[[str], list[str]]
) -> IntegratedCareError:
    """Word the problem with one end of a relation: no entity has its id, or it is of a kind it may not join."""
    if entity is None:
        ident = getattr(relation, field)
        return UnknownEntityError(id=ident, referrer=relation.label, field=field, suggestions=suggest(ident))
    kinds = expected_kinds(type(relation))[0 if field == "source" else 1]
    return InvalidRelationError(
        relation=relation.label, field=field, expected=[kind_label(k) for k in kinds], got=entity.kind
    )


def _lifetime_problem(relation: Relation, field: str, entity: Entity) -> IntegratedCareError:
    """Word the problem with an end that does not exist whenever the relation holds."""
    return PeriodMismatchError(
        relation=relation.label, field=field, period=str(relation.period), lifetime=str(entity.period)
    )


def _check_clause(
    relation: Relation, clause: Clause, by_id: Mapping[str, Entity], suggest: Callable[[str], list[str]]
) -> Iterator[IntegratedCareError]:
    """A clause names an agreement of the landscape, in force whenever the relation holds."""
    agreement = by_id.get(clause.agreement)
    if agreement is None:
        suggestions = suggest(clause.agreement)
        yield UnknownEntityError(id=clause.agreement, referrer=relation.label, field="basis", suggestions=suggestions)
    elif not isinstance(agreement, Agreement):
        yield InvalidRelationError(
            relation=relation.label, field="basis", expected=[kind_label(Agreement)], got=agreement.kind
        )
    elif not agreement.period.covers(relation.period):
        yield PeriodMismatchError(
            relation=relation.label,
            field="basis",
            period=str(relation.period),
            lifetime=str(agreement.period),
        )


def _check_succession(relation: SucceededBy, source: Entity, target: Entity) -> Iterator[IntegratedCareError]:
    """A predecessor exists the day before the succession, and the successor on the day."""
    day = relation.date
    before = day - dt.timedelta(days=1) if day > dt.date.min else None  # nothing exists before the first day
    for field, entity, when in (("source", source, before), ("target", target, day)):
        if when is None or not entity.period.contains(when):
            yield PeriodMismatchError(
                relation=relation.label,
                field=field,
                period=f"(succession on {day.isoformat()})",
                lifetime=str(entity.period),
            )
