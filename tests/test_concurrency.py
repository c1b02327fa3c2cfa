"""A built landscape is safe to query from many threads at once: every thread gets the same answers."""

from __future__ import annotations

import copy
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import integratedcare as ic

THREADS = 8
ROUNDS = 3


def questions(land: ic.Landscape) -> dict[str, Callable[[], object]]:
    """Return questions that fill the landscape's caches (graph, derived duties, as_of) as they run."""
    bodies = [e.id for e in land.of_type(ic.Body)]
    documents = [e.id for e in land.of_type(ic.Document)]
    return {
        "as_of": lambda: [len(land.as_of(day)) for day in ("2022-06-30", "2022-07-01", "2024-01-01", "2026-04-01")],
        "graph": lambda: sorted(ic.graph(land).edges(keys=True)),
        "derived": lambda: ic.statute.derived_duties(land),
        "regard": lambda: [ic.who_must_have_regard_to(land, d, as_of="2024-01-01") for d in documents],
        "chains": lambda: [ic.accountability_chain(land, b) for b in bodies],
        "duties": lambda: [ic.duties_of(land, b) for b in bodies],
        "members": lambda: [ic.members_of(land, b) for b in bodies],
        "check": lambda: ic.check(land, as_of="2024-01-01").findings,
        "export": lambda: ic.io.to_graphml(land),
    }


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Make threads switch far more often than usual, so races show up."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.slow
@pytest.mark.usefixtures("fast_switching")
@pytest.mark.filterwarnings("ignore::integratedcare.errors.CoverageWarning")  # 2022-06-30 is before coverage on purpose
def test_concurrent_queries_give_the_answers_of_sequential_ones() -> None:
    """Many threads asking every question at once of a fresh landscape get exactly the sequential answers."""
    expected = {name: ask() for name, ask in questions(ic.datasets.load("brackenshire")).items()}
    land = ic.datasets.load("brackenshire")  # a fresh copy: its caches are empty when the threads start
    asked = questions(land)
    start = threading.Barrier(THREADS)

    def work(offset: int) -> dict[str, object]:
        start.wait()
        names = list(asked)
        order = names[offset % len(names) :] + names[: offset % len(names)]  # threads start on different questions
        answers = {}
        for _ in range(ROUNDS):
            for name in order:
                answers[name] = asked[name]()
        return answers

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    assert len(results) == THREADS
    for answers in results:
        assert answers == expected


def test_derived_values_are_computed_once_under_contention() -> None:
    """A store of derived values runs a computation once however many threads ask for the same key at once."""
    from integratedcare._derived import Derived  # noqa: PLC0415 (the store under test)

    land = ic.datasets.load("brackenshire")
    store: Derived[str, int] = Derived("test")
    calls: list[int] = []
    start = threading.Barrier(THREADS)

    def compute() -> int:
        time.sleep(0.05)  # long enough for every other thread to miss and wait for this one
        calls.append(1)
        return len(calls)

    def work(_: int) -> int:
        start.wait()
        return store.get(land, "test-key", compute)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        values = list(pool.map(work, range(THREADS)))
    assert values == [1] * THREADS
    assert calls == [1]


@pytest.mark.usefixtures("fast_switching")
def test_views_are_made_once_per_date_under_contention() -> None:
    """Threads asking for many dates at once (more than are kept) each get the view in force on their date."""
    land = ic.datasets.load("brackenshire")
    days = [f"20{year}-{month:02d}-01" for year in (23, 24, 25, 26, 27, 28) for month in range(1, 13)]  # covered
    expected = {day: land.as_of(day).entities for day in days}
    fresh = copy.copy(land)  # nothing kept for it yet

    def work(offset: int) -> bool:
        order = days[offset:] + days[:offset]
        return all(fresh.as_of(day).entities == expected[day] for day in order)

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, range(0, 72, 18)))
