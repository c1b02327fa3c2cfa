"""Values derived from a landscape, computed once each and kept outside it while it lives.

A landscape never changes, so what is derived from it (its views by date, statutory duties,
the graph, the dates the checks cut time at, who holds each function) never goes stale. Each
kind of derived value has one :class:`Derived` store, declared beside the code that computes
it and typed by its key and value. A store keeps its values outside the landscape, under the
landscape's identity (not its equality: two equal landscapes keep their own values), and drops
them when the landscape is freed. A store given a bound keeps, per landscape, the values of
the most recently used keys only, so that no key a caller chooses (a date, say) grows memory
without limit.

This module sits in the landscape layer: it imports nothing of the package at run time, so
every layer (the landscape itself, statute, graph, checks, governance) may use it.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from integratedcare._landscape import Landscape

__all__ = ["Derived"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Shelf(Generic[K, V]):
    """One landscape's values in one store, and the lock under which each is computed once."""

    __slots__ = ("lock", "values")

    def __init__(self) -> None:
        self.lock = threading.RLock()  # re-entrant: a computation may ask its own store for another key
        self.values: OrderedDict[K, V] = OrderedDict()  # least recently used first (when bounded)


class Derived(Generic[K, V]):
    """One kind of value derived from landscapes, computed once per landscape and key (thread-safe).

    Args:
        name: what the store holds, for its ``repr``.
        bound: keep at most this many keys per landscape, dropping the least recently used;
            ``None`` for keys that are bounded by the landscape itself (its ids, the regimes).

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._derived import Derived
        >>> sizes: Derived[str, int] = Derived("sizes", bound=2)
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> sizes.get(land, "entities", lambda: len(land)), sizes.get(land, "entities", lambda: -1)
        (1, 1)
        >>> for key in ("a", "b", "c"):
        ...     _ = sizes.get(land, key, lambda: 0)
        >>> sizes.size(land), sizes.size(ic.LandscapeBuilder().build())
        (2, 0)
    """

    __slots__ = ("_shelves", "bound", "name")

    def __init__(self, name: str, *, bound: int | None = None) -> None:
        """Make an empty store (see the class)."""
        if bound is not None and bound < 1:
            msg = f"a store's bound must be at least 1, got {bound}"
            raise ValueError(msg)
        self.name = name
        self.bound = bound
        self._shelves: dict[int, tuple[weakref.ref[Landscape], _Shelf[K, V]]] = {}

    def __repr__(self) -> str:
        """Name the store, its bound and how many landscapes it keeps values for."""
        bound = "" if self.bound is None else f", at most {self.bound} per landscape"
        return f"<Derived {self.name!r}{bound}: {len(self._shelves)} landscapes>"

    def _shelf(self, landscape: Landscape) -> _Shelf[K, V]:
        """Return the landscape's shelf, made on first use and dropped when the landscape is freed."""
        ident = id(landscape)
        # An id names one live object only: a freed landscape's shelf went with it (below), and
        # Python calls a weak reference's callback before the object's memory can be reused.
        found = self._shelves.get(ident)
        if found is None:
            shelves = self._shelves

            def forget(_: object) -> None:
                shelves.pop(ident, None)  # no lock: this may run in any thread, inside any lock

            # Two threads making the first shelf at once both make one; setdefault keeps the first,
            # and the other's weak reference goes unused (a weak reference freed first calls nothing).
            found = shelves.setdefault(ident, (weakref.ref(landscape, forget), _Shelf()))
        return found[1]

    def get(self, landscape: Landscape, key: K, compute: Callable[[], V]) -> V:
        """Return the value under ``key`` for ``landscape``, calling ``compute()`` the first time.

        Many threads asking at once call ``compute`` once; the others wait for its value.
        """
        shelf = self._shelf(landscape)
        values = shelf.values
        try:  # a hit takes no lock: each step on the dictionary is atomic
            value = values[key]
        except KeyError:
            pass
        else:
            if self.bound is not None:
                with suppress(KeyError):  # another thread may have dropped it since: the value still holds
                    values.move_to_end(key)  # most recently used
            return value
        with shelf.lock:  # another thread may have computed it meanwhile
            if key in values:
                return values[key]
            value = values[key] = compute()
            evicted = values.popitem(last=False) if self.bound is not None and len(values) > self.bound else None
        del evicted  # released outside the lock (freeing a view may free what other stores keep for it)
        return value

    def size(self, landscape: Landscape) -> int:
        """Return how many values the store keeps for ``landscape``."""
        found = self._shelves.get(id(landscape))
        return 0 if found is None else len(found[1].values)
