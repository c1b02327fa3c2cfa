"""Stores of derived values: computed once per landscape and key, kept while the landscape lives, bounded."""

from __future__ import annotations

import weakref
from functools import partial

import pytest

import integratedcare as ic
from integratedcare._derived import Derived


def land() -> ic.Landscape:
    """A landscape of one board."""
    return ic.LandscapeBuilder("One").add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()


def test_a_value_is_computed_once_per_landscape_and_key() -> None:
    """The second asking returns the first value without computing it again."""
    store: Derived[str, list[int]] = Derived("test")
    one = land()
    first = store.get(one, "k", lambda: [1])
    assert store.get(one, "k", lambda: [2]) is first
    assert store.get(one, "other", lambda: [3]) == [3]
    assert store.size(one) == 2


def test_equal_landscapes_keep_their_own_values() -> None:
    """Values are kept by the landscape's identity, not by its equality."""
    store: Derived[None, str] = Derived("test")
    one, two = land(), land()
    assert one == two
    assert store.get(one, None, lambda: "one") == "one"
    assert store.get(two, None, lambda: "two") == "two"


class _Value:
    """A value a weak reference can follow."""


def test_values_go_when_their_landscape_is_freed() -> None:
    """A store keeps nothing for a landscape that is gone (freed by reference counting)."""
    store: Derived[None, _Value] = Derived("test")
    one = land()
    value = store.get(one, None, _Value)
    kept = weakref.ref(value)
    del value
    assert "1 landscapes" in repr(store)
    del one
    assert kept() is None
    assert "0 landscapes" in repr(store)


def test_a_bounded_store_keeps_the_most_recently_used() -> None:
    """Past its bound a store drops the least recently used key; asking for a key refreshes it."""
    store: Derived[int, int] = Derived("test", bound=2)
    one = land()
    calls: list[int] = []

    def compute(key: int) -> int:
        calls.append(key)
        return key

    for key in (1, 2, 1, 3):  # 1 is used again after 2, so 2 goes when 3 comes
        store.get(one, key, partial(compute, key))
    assert store.size(one) == 2
    store.get(one, 1, lambda: compute(1))
    store.get(one, 2, lambda: compute(2))
    assert calls == [1, 2, 3, 2]
    assert repr(store) == "<Derived 'test', at most 2 per landscape: 1 landscapes>"


def test_a_computation_may_use_its_own_store() -> None:
    """A value may be computed from another value of the same store without deadlock."""
    store: Derived[str, int] = Derived("test")
    one = land()
    assert store.get(one, "outer", lambda: store.get(one, "inner", lambda: 41) + 1) == 42


def test_a_failed_computation_keeps_nothing() -> None:
    """When computing raises, nothing is kept and the next asking computes again."""
    store: Derived[None, int] = Derived("test")
    one = land()

    def fail() -> int:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError, match="no"):
        store.get(one, None, fail)
    assert store.get(one, None, lambda: 1) == 1


def test_a_bound_must_be_positive() -> None:
    """A store that could keep nothing is refused."""
    with pytest.raises(ValueError, match="at least 1, got 0"):
        Derived("test", bound=0)
