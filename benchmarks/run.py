# ruff: noqa: INP001 (a directory of scripts, run by path, not a package)
"""Benchmarks of integratedcare at England scale, side by side with raw networkx and rdflib.

Every row is the median of repeated runs; every ratio is against a baseline measured in the same
run, on the same machine, on the same data (the landscape :mod:`generate` makes at scale ``k``).
Where a part of the library is not available yet the row says so instead of failing.

Usage::

    python benchmarks/run.py                  # k = 1 2 4 8, 5 repeats
    python benchmarks/run.py --quick          # k = 1 2, 3 repeats, smaller loops
    python benchmarks/run.py --k 1 2 --repeat 7 --profile --output results.md

``--profile`` runs cProfile over each operation that misses its target and prints where the time
goes. The exit status is 0 whatever the results: the table is the output.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import cProfile
import datetime as dt
import gc
import gzip
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import networkx as nx

import integratedcare as ic
from integratedcare.io._files import to_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # the generator sits beside this script

T = TypeVar("T")

DAY: Final = "2024-01-01"
MAP_SECONDS: Final = 2.0
"""Issue 21's bound on drawing one map, first call included."""
"""The date queries are asked about."""

DEPENDENCIES: Final = ("attrs", "cattrs", "networkx", "pint", "tomli_w", "typing_extensions")
"""The core dependencies, imported alone as the baseline of ``import integratedcare``."""

SCALED: Final = ("load", "build", "graph", "check")
"""The operations timed at each k, with the target for k=8."""

REFERENCE: Final = "reference: one bare pass (no target)"
"""A bare linear pass over the same objects, timed at each k to show what the machine adds."""

PLAIN_BUILD: Final = "reference: plain networkx build of the same records"
"""A plain MultiDiGraph of the same entities and relations: what build and check may grow like."""

PLAIN_LOAD: Final = "reference: json.load + plain networkx build"
"""json.load of the same file and a plain MultiDiGraph of its records: what load may grow like."""

MIN_CALLS: Final = 100
"""Functions called fewer times at k=1 say little about growth: the call-count ratio leaves them out."""

GROWTH_REFERENCE: Final = {"load": PLAIN_LOAD, "build": PLAIN_BUILD, "check": PLAIN_BUILD}
"""The reference row each scaled operation's growth from k=1 to the largest k is held to (at most 1.2x its growth)."""

EXPORTS: Final = ("to_graphml", "to_gexf", "to_node_link", "to_mermaid", "to_dot", "to_turtle", "to_jsonld")
"""The export functions of ``integratedcare.io`` timed when present."""

FIVE_TIMES_JSON: Final = frozenset({"to_graphml", "to_gexf", "to_turtle", "to_jsonld"})
"""The exports held to at most 5x ``json.dumps`` of the same records (issue 19)."""


SECTIONS: Final = (
    "queries",
    "periods",
    "graph_build",
    "loading",
    "whole_landscape",
    "exports",
    "scaling",
    "startup",
    "memory",
    "real_england",
    "maps",
    "big_load",
)
"""The sections of the benchmark, in the order they run (``--only`` picks some)."""

ASKED_ONLY: Final = frozenset({"big_load"})
"""The sections run only when ``--only`` names them (they take minutes)."""


class NotAvailableError(Exception):
    """A part of the library a row needs is not there (yet)."""


@attrs.frozen(kw_only=True)
class Timing:
    """The median of repeated runs of one operation, in seconds."""

    median: float
    runs: int

    def __str__(self) -> str:
        """Show the time in a readable unit."""
        return _seconds(self.median)


@attrs.frozen(kw_only=True)
class Row:
    """One line of the results: an operation, its time, its baseline, the ratio and the target."""

    section: str
    name: str
    value: str = "not available"
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def status(self) -> str:
        """Say whether the target is met."""
        if not self.target:
            return ""
        if self.met is None:
            return "not available"
        return "met" if self.met else "MISSED"


def _seconds(value: float) -> str:
    """Format seconds as µs, ms or s."""
    if value < 1e-3:  # noqa: PLR2004 (a millisecond)
        return f"{value * 1e6:.1f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def _bytes(value: float) -> str:
    """Format bytes as MiB."""
    return f"{value / 2**20:.1f} MiB"


# --- the parts of the library, found by name so that every stage of it runs ------------------


def _need(owner: object, name: str) -> Callable[..., Any]:
    """Return ``owner.name`` as a callable, or raise :class:`NotAvailableError`."""
    found = getattr(owner, name, None)
    if not callable(found):
        raise NotAvailableError(f"{getattr(owner, '__name__', owner)}.{name}")
    return found  # type: ignore[no-any-return]


def library_graph(landscape: ic.Landscape, **kwargs: object) -> nx.MultiDiGraph[str]:
    """Return ``ic.graph(landscape, **kwargs)``."""
    graph: nx.MultiDiGraph[str] = _need(ic, "graph")(landscape, **kwargs)
    return graph


def bare_pass(entities: Sequence[ic.Entity], relations: Sequence[ic.Relation]) -> int:
    """A reference for scaling: index entities by id and relations by their ends, nothing more.

    Every operation timed for scaling makes at least such a pass over the same objects, so how
    this grows from k=1 to k=8 is how much of the growth the machine adds (caches, memory) to
    work that is exactly linear.
    """
    by_id = {entity.id: entity for entity in entities}
    by_ends = {(relation.source, relation.target): relation for relation in relations}
    return len(by_id) + len(by_ends)


def fresh(landscape: ic.Landscape) -> ic.Landscape:
    """Return an equal landscape with empty caches (nothing derived yet)."""
    return copy.copy(landscape)


# --- timing -----------------------------------------------------------------------------------


def measure(
    run: Callable[[T], object],
    setup: Callable[[], T],
    *,
    repeat: int,
    budget: float,
) -> Timing:
    """Time ``run(setup())`` ``repeat`` times (setup untimed) and return the median.

    Stops early once the runs so far took more than ``budget`` seconds in all.
    """
    times: list[float] = []
    for _ in range(repeat):
        arg = setup()
        gc.collect()
        start = time.perf_counter()
        run(arg)
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break
    return Timing(median=statistics.median(times), runs=len(times))


def measure_pair(
    ours: Callable[[], object], base: Callable[[], object], *, repeat: int, budget: float
) -> tuple[Timing, Timing]:
    """Time ``ours()`` and ``base()`` alternately, so that both see the same load on a shared machine.

    Stops early once the runs so far took more than ``budget`` seconds in all.
    """
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, into in ((ours, times[0]), (base, times[1])):
            gc.collect()
            start = time.perf_counter()
            run()
            into.append(time.perf_counter() - start)
        if sum(times[0]) + sum(times[1]) > budget:
            break
    mine, theirs = times
    return Timing(median=statistics.median(mine), runs=len(mine)), Timing(
        median=statistics.median(theirs), runs=len(theirs)
    )


def _england_bytes() -> bytes:
    """Return the bundled england file's bytes, decompressed when it is gzipped."""
    info = ic.datasets.info("england")
    raw = (resources.files("integratedcare.datasets") / "data" / info.file).read_bytes()
    return gzip.decompress(raw) if info.file.endswith(".gz") else raw


def _plain_graph(raw: bytes) -> nx.MultiDiGraph[str]:
    """The baseline of loading england: json.load of its records and a plain networkx build of them."""
    document = json.loads(raw)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for record in document["entities"]:
        graph.add_node(record["id"], **record)
    for record in document["relations"]:
        graph.add_edge(record["source"], record["target"], **record)
    return graph


def measure_plain(run: Callable[[], object], *, repeat: int, budget: float) -> Timing:
    """Time ``run()`` like :func:`measure`, without setup."""
    return measure(lambda _: run(), lambda: None, repeat=repeat, budget=budget)


def subprocess_wall(argv: Sequence[str], *, repeat: int, env: dict[str, str] | None = None) -> Timing:
    """Return the median wall time of running a command (after one untimed warm-up run)."""
    subprocess.run(argv, check=True, capture_output=True, env=env)  # noqa: S603 (our own interpreter and script)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)  # noqa: S603
        times.append(time.perf_counter() - start)
    return Timing(median=statistics.median(times), runs=repeat)


def profile(run: Callable[[], object], *, top: int = 18) -> str:
    """Run once under cProfile and return the top functions by cumulative and own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top // 2)
    return out.getvalue()


# --- baselines written by hand over plain networkx --------------------------------------------


def plain_graph(entities: Iterable[ic.Entity], relations: Iterable[ic.Relation]) -> nx.MultiDiGraph[str]:
    """Build a plain MultiDiGraph: nodes by id with ``entity``, edges keyed by kind with ``relation``."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from((e.id, {"entity": e}) for e in entities)
    # (source, target, key, data) 4-tuples are valid for a MultiDiGraph; the stubs know only 2- and 3-tuples.
    graph.add_edges_from((r.source, r.target, r.kind, {"relation": r}) for r in relations)  # type: ignore[misc]
    return graph


def plain_graph_from_records(document: dict[str, Any]) -> nx.MultiDiGraph[str]:
    """Build a plain MultiDiGraph from a file's records (dicts, as ``json.load`` gives them)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from((record["id"], record) for record in document["entities"])
    graph.add_edges_from((r["source"], r["target"], r["kind"], r) for r in document["relations"])  # type: ignore[misc]
    return graph


def regard_by_hand(graph: nx.MultiDiGraph[str], document: str, day: dt.date) -> list[str]:
    """Who must have regard to ``document`` on ``day``: an in-edge filter over duty edges."""
    holders = []
    for source, _target, key, data in graph.in_edges(document, keys=True, data=True):
        if key == "duty":
            duty = data["relation"]
            if duty.duty is ic.DutyKind.HAVE_REGARD_TO and duty.period.contains(day):
                holders.append(source)
    return sorted(set(holders))


def chain_by_hand(graph: nx.MultiDiGraph[str], body: str, day: dt.date) -> list[list[str]]:
    """Every chain of ``accountable-to`` edges in force on ``day`` from ``body`` up, never revisiting a node."""
    chains: list[list[str]] = []
    stack: list[list[str]] = [[body]]
    while stack:
        path = stack.pop()
        ups = [
            target
            for _source, target, key, data in graph.out_edges(path[-1], keys=True, data=True)
            if key.startswith("accountable-to") and data["relation"].period.contains(day) and target not in path
        ]
        if not ups:
            if len(path) > 1:
                chains.append(path[1:])
            continue
        stack.extend([*path, up] for up in ups)
    return sorted(chains)


# --- the benchmark ----------------------------------------------------------------------------


@attrs.define
class Bench:
    """Runs every measurement and collects the rows."""

    ks: list[int]
    repeat: int
    quick: bool
    seed: int
    budget: float
    do_profile: bool
    workdir: Path
    only: list[str] = attrs.field(factory=list)
    rows: list[Row] = attrs.field(factory=list)
    profiles: dict[str, str] = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)

    # helpers

    def add(self, row: Row) -> None:
        """Record a row and print it at once (the run may be long)."""
        self.rows.append(row)
        ratio = "" if row.ratio is None else f" x{row.ratio:.2f}"
        status = f" [{row.status}]" if row.status else ""
        print(f"  {row.section:<10} {row.name:<58} {row.value:>14}{ratio}{status} {row.note}", flush=True)  # noqa: T201

    def unavailable(self, section: str, name: str, target: str, why: NotAvailableError | str) -> None:
        """Record a row for something not available yet."""
        self.add(Row(section=section, name=name, target=target, note=f"not available: {why}"))

    def compare(
        self,
        section: str,
        name: str,
        ours: Timing,
        base: Timing,
        base_name: str,
        *,
        limit: float | None = None,
        at_least: float | None = None,
        target: str = "",
        note: str = "",
    ) -> Row:
        """Record ours against a baseline; ``limit`` is the largest ratio allowed, ``at_least`` the smallest."""
        ratio = ours.median / base.median
        met: bool | None = None
        if limit is not None:
            met = ratio <= limit
        if at_least is not None:
            met = ratio >= at_least
        row = Row(
            section=section,
            name=name,
            value=str(ours),
            baseline=f"{base_name}: {base}",
            ratio=ratio,
            target=target,
            met=met,
            note=note or (f"{ours.runs} runs" if ours.runs < self.repeat else ""),
        )
        self.add(row)
        return row

    def maybe_profile(self, row: Row, run: Callable[[], object]) -> None:
        """Profile an operation that missed its target, when asked to."""
        if self.do_profile and row.met is False:
            self.profiles[row.name] = profile(run)

    def dump_json(self, landscape: ic.Landscape, name: str) -> Path:
        """Write a landscape as a JSON file in the work directory."""
        path = self.workdir / f"{name}.json"
        _need(ic.io, "dump")(landscape, path)
        return path

    # sections

    def run(self) -> None:
        """Run every section; a section that fails for a missing part says so and the rest go on."""
        print(f"generating k=1 (seed {self.seed})...", flush=True)  # noqa: T201
        land = generate(1, seed=self.seed)
        self.notes.append(f"k=1 landscape: {len(land)} entities, {len(land.all_relations)} relations")
        sections = (
            self.queries,
            self.periods,
            self.graph_build,
            self.loading,
            self.whole_landscape,
            self.exports,
            self.scaling,
            self.startup,
            self.memory,
            self.real_england,
            self.maps,
            self.big_load,
        )
        for section in sections:
            if (self.only or section.__name__ in ASKED_ONLY) and section.__name__ not in self.only:
                continue
            try:
                section(land)
            except NotAvailableError as exc:  # a section needing a part not yet there
                self.unavailable(section.__name__, "(section)", "", exc)

    def queries(self, land: ic.Landscape) -> None:
        """who_must_have_regard_to and accountability_chain against networkx and rdflib."""
        day = dt.date.fromisoformat(DAY)
        strategies = [s.id for s in land.of_type(ic.IntegratedCareStrategy)]
        documents = strategies + [d.id for d in land.of_type(ic.JSNA)]
        name = f"who_must_have_regard_to, {len(documents)} strategies and JSNAs"
        target = "<= 2x networkx, >= 20x faster than SPARQL"
        try:
            regard = _need(ic, "who_must_have_regard_to")
            graph = library_graph(land, as_of=DAY)
        except NotAvailableError as exc:
            self.unavailable("query", name, target, exc)
        else:

            def ours() -> list[list[str]]:
                return [sorted({a.holder.id for a in regard(land, d, as_of=day)}) for d in documents]

            def by_hand() -> list[list[str]]:
                return [regard_by_hand(graph, d, day) for d in documents]

            first = ours()  # warm: the graph and the duties are derived once and cached
            if first != by_hand():
                self.notes.append("who_must_have_regard_to and the networkx filter disagree on the generated data")
            if not any(first):
                self.notes.append("who_must_have_regard_to found nobody on the generated data")
            t_ours, t_nx = measure_pair(ours, by_hand, repeat=self.repeat, budget=self.budget)
            row = self.compare(
                "query", name, t_ours, t_nx, "networkx in-edge filter", limit=2.0, target="<= 2x networkx"
            )
            self.maybe_profile(row, ours)
            self.sparql(land, documents, t_ours, first)
        self.chains(land)

    def periods(self, land: ic.Landscape) -> None:
        """The sweep: who must have regard to every strategy in every month 2022-07 to 2026-12, over the period at once.

        Ours builds each strategy's timeline (``ic.answers.timeline``) and reads every month off it;
        the undated derivation of duties is warmed first, as the single-date row warms its views. The
        baselines: the per-date loop (``as_of`` each month, warm), a bisect over prebuilt change points
        (the lookup alone) and one set-based DuckDB query over the exported duties table.
        """
        name = "sweep: regard, every strategy x every month, per answer"
        try:
            timeline = _need(ic.answers, "timeline")
        except NotAvailableError as exc:
            self.unavailable("periods", name, "<= 3 us per answer", exc)
            return
        strategies = [s.id for s in land.of_type(ic.IntegratedCareStrategy)]
        months = [dt.date(y, m, 1) for y in range(2022, 2027) for m in range(1, 13) if (y, m) >= (2022, 7)]
        over = ic.Period("2022-07-01", "2027-01-01")
        pairs = len(strategies) * len(months)
        regard = ic.who_must_have_regard_to
        for strategy in strategies:  # warm the undated derivation (the baselines start from derived duties too)
            regard(land, strategy)

        def ours() -> list[tuple[Any, ...]]:
            found: list[tuple[Any, ...]] = []
            for strategy in strategies:
                line = timeline(regard, land, strategy, over=over)
                found.extend(line.on(day) for day in months)
            return found

        def per_date() -> list[tuple[Any, ...]]:
            return [regard(land, s, as_of=day) for s in strategies for day in months]

        first = ours()
        if first != per_date():
            self.notes.append("the timeline sweep and the per-date loop disagree on the generated data")
        holders = [tuple(sorted({a.holder.id for a in answers})) for answers in first]
        self.notes.append(
            f"sweep: {len(strategies)} strategies x {len(months)} months = {pairs} answers, "
            f"{sum(map(len, holders))} holders in all"
        )
        t_ours, t_loop = measure_pair(ours, per_date, repeat=self.repeat, budget=self.budget)
        per = t_ours.median / pairs
        self.add(
            Row(
                section="periods",
                name=name,
                value=_seconds(per),
                baseline=f"whole sweep {t_ours}",
                target="<= 3 us per answer, index included",
                met=per <= 3e-6,  # noqa: PLR2004
            )
        )
        self.compare("periods", "sweep vs the per-date loop (warm)", t_ours, t_loop, "as_of each month")
        self._sweep_bisect(land, strategies, months, ours, holders, over=over)
        self._sweep_duckdb(land, strategies, months, t_ours, holders)

    def _sweep_bisect(
        self,
        land: ic.Landscape,
        strategies: list[str],
        months: list[dt.date],
        ours: Callable[[], object],
        holders: list[tuple[str, ...]],
        *,
        over: ic.Period,
    ) -> None:
        """The baseline of a bisect over prebuilt change points: per strategy, the dates and each span's holders.

        Timed in turns with the sweep, so that both see the same machine (the ratio is tight).
        """
        import bisect  # noqa: PLC0415 (only this row needs it)

        index: list[tuple[list[dt.date], list[tuple[str, ...]]]] = []
        for strategy in strategies:
            answers = ic.who_must_have_regard_to(land, strategy)
            cuts = sorted({d for a in answers for d in (a.period.start, a.period.end) if d is not None})
            spans = [
                tuple(sorted({a.holder.id for a in answers if a.period.contains(day)})) for day in [dt.date.min, *cuts]
            ]
            index.append((cuts, spans))

        def lookups() -> list[tuple[str, ...]]:
            return [spans[bisect.bisect_right(cuts, day)] for cuts, spans in index for day in months]

        if lookups() != holders:
            self.notes.append("the bisect baseline and the timeline sweep disagree on the generated data")
        t_ours, t_bisect = measure_pair(ours, lookups, repeat=self.repeat, budget=self.budget)
        self.compare(  # the 15x assumed a bisect of 0.2 us per answer; this one takes 0.04-0.06 us
            "periods",
            "sweep (index built) vs bisect (index prebuilt)",
            t_ours,
            t_bisect,
            "bisect lookups",
            note="no target: the timelines are built in the timing, the bisect's index beforehand (see the docs)",
        )
        lines = [ic.answers.timeline(ic.who_must_have_regard_to, land, strategy, over=over) for strategy in strategies]

        def reads() -> list[tuple[Any, ...]]:
            return [line.on(day) for line in lines for day in months]

        if [tuple(sorted({a.holder.id for a in answers})) for answers in reads()] != holders:
            self.notes.append("the timelines' reads and the sweep disagree on the generated data")
        t_reads, t_bisect = measure_pair(reads, lookups, repeat=self.repeat, budget=self.budget)
        self.compare(
            "periods",
            "sweep reads (timelines built beforehand) vs bisect (index prebuilt)",
            t_reads,
            t_bisect,
            "bisect lookups",
            limit=3.0,
            target="<= 3x bisect, like for like",
            note="each read is a method call that checks its date; the bisect is inline",
        )

    def _sweep_duckdb(
        self,
        land: ic.Landscape,
        strategies: list[str],
        months: list[dt.date],
        t_ours: Timing,
        holders: list[tuple[str, ...]],
    ) -> None:
        """The baseline of one set-based DuckDB query over the exported duties and a table of months."""
        name = "DuckDB set-based query vs the sweep"
        target = "sweep >= 2x faster than DuckDB"
        try:
            import duckdb  # noqa: PLC0415 (an optional benchmark dependency)
        except ImportError:
            self.unavailable("periods", name, target, "duckdb is not installed (pip install duckdb)")
            return
        rows = [
            (a.holder.id, s, a.period.start, a.period.end)
            for s in strategies
            for a in ic.who_must_have_regard_to(land, s)
        ]
        con = duckdb.connect()
        con.execute('CREATE TABLE duties (holder VARCHAR, document VARCHAR, "start" DATE, "end" DATE)')
        con.executemany("INSERT INTO duties VALUES (?, ?, ?, ?)", rows)
        con.execute("CREATE TABLE months (day DATE)")
        con.executemany("INSERT INTO months VALUES (?)", [(day,) for day in months])
        query = (
            "SELECT d.document, m.day, list(DISTINCT d.holder ORDER BY d.holder) FROM months m JOIN duties d "
            'ON (d."start" IS NULL OR d."start" <= m.day) AND (d."end" IS NULL OR m.day < d."end") '
            "GROUP BY d.document, m.day"
        )

        def in_duckdb() -> list[Any]:
            return con.execute(query).fetchall()

        found = {(doc, day): tuple(names) for doc, day, names in in_duckdb()}
        expected = [found.get((s, day), ()) for s in strategies for day in months]
        if expected != holders:
            self.notes.append("DuckDB and the timeline sweep disagree on the generated data")
        t_duck = measure_plain(in_duckdb, repeat=self.repeat, budget=self.budget)
        self.compare(
            "periods",
            name,
            t_duck,
            t_ours,
            "timeline sweep",
            at_least=2.0,
            target=target,
            note=f"duckdb {duckdb.__version__}; the query alone, tables loaded beforehand",
        )
        con.close()

    def sparql(self, land: ic.Landscape, documents: list[str], t_ours: Timing, expected: list[list[str]]) -> None:
        """The same question in SPARQL over the library's own Turtle export, loaded into rdflib."""
        name = "who_must_have_regard_to vs rdflib SPARQL"
        target = ">= 20x faster than SPARQL"
        try:
            import rdflib  # noqa: PLC0415 (an optional extra)
            from rdflib.plugins.sparql import prepareQuery  # noqa: PLC0415
        except ImportError:
            self.unavailable("query", name, target, "rdflib not installed (the rdf extra)")
            return
        try:
            turtle = _need(ic.io, "to_turtle")(land)
            base = rdflib.Namespace(sparql_base(turtle))
        except NotAvailableError as exc:
            self.unavailable("query", name, target, exc)
            return
        store = rdflib.Graph()
        store.parse(data=turtle, format="turtle")
        query = prepareQuery(SPARQL_REGARD)
        day = rdflib.Literal(dt.date.fromisoformat(DAY))

        def in_sparql() -> list[list[str]]:
            answers = []
            for d in documents:
                result = store.query(query, initBindings={"doc": base[d], "day": day})
                answers.append(sorted({str(r[0]).removeprefix(str(base)) for r in result}))  # type: ignore[index]
            return answers

        if in_sparql() != expected:
            self.notes.append("SPARQL over the Turtle export and who_must_have_regard_to disagree")
        t_sparql = measure_plain(in_sparql, repeat=max(1, self.repeat // 2), budget=self.budget)
        self.compare(
            "query",
            name,
            t_sparql,
            t_ours,
            "who_must_have_regard_to",
            at_least=20.0,
            target="SPARQL >= 20x slower",
            note=f"{len(store)} triples",
        )

    def chains(self, land: ic.Landscape) -> None:
        """accountability_chain against a hand-written networkx walk."""
        day = dt.date.fromisoformat(DAY)
        bodies = [
            e.id
            for e in land.as_of(DAY)
            if isinstance(e, (ic.Committee, ic.HWB, ic.ICB, ic.NHSTrust, ic.LocalAuthority))
        ]
        name = f"accountability_chain, {len(bodies)} bodies"
        target = "<= 2x networkx walk"
        try:
            chain = _need(ic, "accountability_chain")
            graph = library_graph(land, as_of=DAY)
        except NotAvailableError as exc:
            self.unavailable("query", name, target, exc)
            return

        def ours() -> list[list[list[str]]]:
            return [sorted([r.target for r in a.path] for a in chain(land, b, as_of=day)) for b in bodies]

        def by_hand() -> list[list[list[str]]]:
            return [chain_by_hand(graph, b, day) for b in bodies]

        if ours() != by_hand():
            self.notes.append("accountability_chain and the networkx walk disagree on the generated data")
        t_ours, t_nx = measure_pair(ours, by_hand, repeat=self.repeat, budget=self.budget)
        row = self.compare("query", name, t_ours, t_nx, "networkx walk", limit=2.0, target=target)
        self.maybe_profile(row, ours)

    def graph_build(self, land: ic.Landscape) -> None:
        """ic.graph against a plain MultiDiGraph from the same relation tuples."""
        name = "ic.graph (duties already derived)"
        target = "<= 2x plain build"
        try:
            library_graph(land)
        except NotAvailableError as exc:
            self.unavailable("graph", name, target, exc)
            return
        duties = ic.statute.derived_duties(land)
        entities, relations = land.entities, (*land.all_relations, *duties)

        def warmed() -> ic.Landscape:
            new = fresh(land)
            ic.statute.derived_duties(new)
            return new

        landscapes = [warmed() for _ in range(self.repeat)]  # made outside the timer
        t_ours, t_plain = measure_pair(
            lambda: library_graph(landscapes.pop()),
            lambda: plain_graph(entities, relations),
            repeat=self.repeat,
            budget=self.budget,
        )
        row = self.compare("graph", name, t_ours, t_plain, "plain nx build", limit=2.0, target=target)
        self.maybe_profile(row, lambda: library_graph(warmed()))
        t_cold = measure(library_graph, lambda: fresh(land), repeat=self.repeat, budget=self.budget)
        self.compare("graph", "ic.graph from cold (deriving duties too)", t_cold, t_plain, "plain nx build")
        t_derive = measure(ic.statute.derived_duties, lambda: fresh(land), repeat=self.repeat, budget=self.budget)
        self.add(Row(section="graph", name=f"derived_duties, all ({len(duties)} duties)", value=str(t_derive)))

    def loading(self, land: ic.Landscape) -> None:
        """ic.io.load of the k=1 JSON file against json.load plus a plain build."""
        name = "ic.io.load, k=1 JSON"
        target = "<= 4x json.load + plain build"
        try:
            path = self.dump_json(land, "k1")
            load = _need(ic.io, "load")
        except NotAvailableError as exc:
            self.unavailable("load", name, target, exc)
            return

        def plain() -> nx.MultiDiGraph[str]:
            with path.open(encoding="utf-8") as f:
                return plain_graph_from_records(json.load(f))

        t_ours, t_plain = measure_pair(lambda: load(path), plain, repeat=self.repeat, budget=self.budget)
        note = f"{path.stat().st_size / 2**20:.1f} MiB"
        row = self.compare(
            "load", name, t_ours, t_plain, "json.load + plain build", limit=4.0, target=target, note=note
        )
        self.maybe_profile(row, lambda: load(path))
        self._refusals()

    def _refusals(self) -> None:
        """How long hostile files take to be refused (the tests check that they are refused before parsing)."""
        head = 'format = "integratedcare/1"\nname = "Test"\n[[entities]]\n'
        hostile = {
            "a TOML key dotted 100,000 deep": (head + ".".join(["a"] * 100_000) + " = 1\n", "toml"),
            "JSON of 3 million empty records": (
                '{"format": "integratedcare/1", "entities": [' + ",".join(["{}"] * 3_000_000) + "]}",
                "json",
            ),
        }
        for what, (text, syntax) in hostile.items():

            def refuse(text: str = text, syntax: str = syntax) -> None:
                try:
                    ic.io.loads(text, format=syntax, limits=ic.io.Limits(records=100_000))  # type: ignore[arg-type]
                except ic.errors.LandscapeError:
                    return
                raise AssertionError(what)  # noqa: B023 (defined in this turn of the loop)

            t = measure_plain(refuse, repeat=self.repeat, budget=self.budget)
            self.add(
                Row(
                    section="load",
                    name=f"io.loads refusing {what}",
                    value=str(t),
                    target="< 2 s",
                    met=t.median < 2,  # noqa: PLR2004 (the bound the timed unit test held)
                )
            )

    def big_load(self, _land: ic.Landscape) -> None:
        """``ic.io.load`` of a k=16 dump under the default Limits, once (only with ``--only big_load``)."""
        name = "ic.io.load, k=16 JSON, default Limits (once)"
        print("big_load: generating k=16...", flush=True)  # noqa: T201
        path = self.dump_json(generate(16, seed=self.seed), "k16")
        try:
            note = f"{path.stat().st_size / 2**20:.1f} MiB"
            try:
                t_ours = measure_plain(partial(ic.io.load, path), repeat=1, budget=self.budget)
            except ic.errors.FileTooLargeError as exc:
                self.add(Row(section="load", name=name, value="refused", target="loads", met=False, note=str(exc)))
                return
            t_plain = measure_plain(partial(_plain_load, path), repeat=1, budget=self.budget)
            self.compare("load", name, t_ours, t_plain, "json.load + plain build", target="loads", note=note)
            self.rows[-1] = attrs.evolve(self.rows[-1], met=True)
        finally:
            path.unlink()

    def whole_landscape(self, land: ic.Landscape) -> None:
        """check() and as_of() at k=1, each on a landscape with nothing derived yet."""
        t_as_of = measure(lambda x: x.as_of(DAY), lambda: fresh(land), repeat=self.repeat, budget=self.budget)
        self.add(Row(section="landscape", name=f"as_of({DAY}), k=1", value=str(t_as_of)))
        t_build = measure(
            lambda b: b.build(),
            lambda: ic.LandscapeBuilder().add(*land.entities, *land.all_relations),
            repeat=self.repeat,
            budget=self.budget,
        )
        self.add(Row(section="landscape", name="LandscapeBuilder.build(), k=1", value=str(t_build)))
        t_check = measure(ic.check, lambda: fresh(land), repeat=self.repeat, budget=self.budget)
        met = t_check.median <= 0.5  # noqa: PLR2004 (the target)
        row = Row(
            section="landscape",
            name="check(), k=1",
            value=str(t_check),
            target="<= 0.5 s",
            met=met,
            note=f"{t_check.runs} runs",
        )
        self.add(row)
        self.maybe_profile(row, lambda: ic.check(fresh(land)))
        dates = len(ic.checks.spans(land)) if hasattr(ic, "spans") else 0
        t_one = measure(lambda x: ic.check(x, as_of=DAY), lambda: fresh(land), repeat=self.repeat, budget=self.budget)
        note = f"check() without as_of checks each of the {dates} spans in which the landscape does not change"
        self.add(Row(section="landscape", name=f"check(as_of={DAY}), k=1", value=str(t_one), note=note))

    def exports(self, land: ic.Landscape) -> None:
        """Each export of the k=1 landscape (duties already derived) against ``json.dumps`` of its records.

        The baseline is ``json.dumps(records, indent=2, ensure_ascii=False)`` of the records the
        file format holds (``to_document``, made beforehand), as ``io.dumps(format='json')``
        writes them; each export and the baseline are timed alternately.
        """
        warm = fresh(land)
        ic.statute.derived_duties(warm)
        records = to_document(warm)

        def baseline() -> str:
            return json.dumps(records, indent=2, ensure_ascii=False)

        target = "<= 5x json.dumps of the records"
        for fmt in ("json", "toml"):
            t = measure_plain(partial(ic.io.dumps, warm, format=fmt), repeat=self.repeat, budget=self.budget)
            self.add(Row(section="export", name=f"io.dumps(format={fmt!r}), k=1", value=str(t)))
        for name in EXPORTS:
            try:
                export = _need(ic.io, name)
                export(ic.LandscapeBuilder().build())
            except (NotAvailableError, ic.errors.MissingExtraError) as exc:
                self.unavailable("export", f"io.{name}, k=1", "", str(exc))
                continue
            limit = 5.0 if name in FIVE_TIMES_JSON else None
            t_ours, t_json = measure_pair(partial(export, warm), baseline, repeat=self.repeat, budget=self.budget)
            row = self.compare(
                "export",
                f"io.{name}, k=1",
                t_ours,
                t_json,
                "json.dumps",
                limit=limit,
                target=target if limit else "",
            )
            self.maybe_profile(row, partial(export, warm))

    def scaling(self, land: ic.Landscape) -> None:
        """Load, landscape build, graph build and check at each k, against k=1.

        The scale factors take turns: each round times every operation once at each k, so that
        the k=1 and k=8 runs see the same machine (a shared machine's speed drifts over minutes).
        """
        lands: dict[int, ic.Landscape] = {}
        for k in self.ks:
            print(f"scaling: generating k={k}...", flush=True)  # noqa: T201
            lands[k] = land if k == 1 else generate(k, seed=self.seed)
        ops: dict[str, dict[int, Timing]] = {}
        skipped: dict[str, str] = {}
        files = {k: self.dump_json(big, f"k{k}") for k, big in lands.items()}
        try:
            for op in (*SCALED, REFERENCE, PLAIN_BUILD, PLAIN_LOAD):
                print(f"scaling: {op}...", flush=True)  # noqa: T201
                ops[op] = self._scale_op(op, lands, files, skipped)
            for op, timings in ops.items():
                self._scaling_rows(op, timings, skipped.get(op))
            self._relative_growth(ops)
            self._call_counts(lands, files)
        finally:
            for path in files.values():
                path.unlink()

    def _relative_growth(self, ops: dict[str, dict[int, Timing]]) -> None:
        """Each of load, build and check grows from k=1 to the largest k at most 1.2x what its reference grows."""
        top = max(self.ks)
        for op, reference in GROWTH_REFERENCE.items():
            name = f"{op} growth k=1->{top} / {reference.removeprefix('reference: ')} growth"
            mine, theirs = ops.get(op, {}), ops.get(reference, {})
            if top == 1 or not {1, top} <= set(mine) or not {1, top} <= set(theirs):
                self.unavailable("scaling", name, "<= 1.2x", f"no time at k=1 and k={top}")
                continue
            own = mine[top].median / mine[1].median
            base = theirs[top].median / theirs[1].median
            ratio = own / base
            self.add(
                Row(
                    section="scaling",
                    name=name,
                    value=f"{own:.2f}x",
                    baseline=f"reference grew {base:.2f}x",
                    ratio=ratio,
                    target="<= 1.2x",
                    met=ratio <= 1.2,  # noqa: PLR2004 (the target)
                )
            )

    def _call_counts(self, lands: dict[int, ic.Landscape], files: dict[int, Path]) -> None:
        """Profile each operation once at k=1 and at the largest k; report the function called most superlinearly.

        The ratio is (calls at k / calls at k=1) / k over every function called at least 100 times
        at k=1: 1.0 is linear, and above it a function is called superlinearly more often.
        """
        top = max(self.ks)
        if top == 1:
            return
        for op in (*SCALED, PLAIN_BUILD):
            name = f"{op}: worst call-count ratio k=1->{top}, per k"
            try:
                counts = {k: _call_counts(*self._scaling_step(op, lands[k], files[k])) for k in (1, top)}
            except (NotAvailableError, ic.errors.FileTooLargeError) as exc:
                self.unavailable("scaling", name, "<= 1.1x", str(exc))
                continue
            ratios = [
                (counts[top].get(function, 0) / calls / top, function)
                for function, calls in counts[1].items()
                if calls >= MIN_CALLS
            ]
            ratios += [
                (float("inf"), function)
                for function in set(counts[top]) - set(counts[1])
                if counts[top][function] >= MIN_CALLS * top
            ]
            worst, function = max(ratios, default=(0.0, "(none)"))
            self.add(
                Row(
                    section="scaling",
                    name=name,
                    value=f"{worst:.2f}x",
                    ratio=worst,
                    target="<= 1.1x",
                    met=worst <= 1.1,  # noqa: PLR2004 (linear, with room for rounding)
                    note=function,
                )
            )

    def _scale_op(
        self, op: str, lands: dict[int, ic.Landscape], files: dict[int, Path], skipped: dict[str, str]
    ) -> dict[int, Timing]:
        """Time one operation at every k, a round at a time; stop growing k once one run is over budget."""
        try:
            steps = {k: self._scaling_step(op, big, files[k]) for k, big in lands.items()}
        except NotAvailableError as exc:
            skipped[op] = f"not available: {exc}"
            return {}
        times: dict[int, list[float]] = {k: [] for k in lands}
        active = sorted(lands)
        for _ in range(self.repeat):
            for k in list(active):
                setup, run = steps[k]
                arg = setup()
                gc.collect()
                start = time.perf_counter()
                try:
                    run(arg)
                except ic.errors.FileTooLargeError as exc:
                    skipped[op] = f"k={k}: {exc}"
                    active = [j for j in active if j < k]
                    continue
                elapsed = time.perf_counter() - start
                times[k].append(elapsed)
                if elapsed > self.budget:
                    skipped[op] = f"k={k} took {elapsed:.1f} s; larger k skipped"
                    active = [j for j in active if j <= k]
        return {k: Timing(median=statistics.median(found), runs=len(found)) for k, found in times.items() if found}

    def _scaling_step(  # noqa: PLR0911 (one return per operation)
        self, op: str, big: ic.Landscape, path: Path
    ) -> tuple[Callable[[], Any], Callable[[Any], object]]:
        """Return how to prepare one run of an operation (untimed) and the run itself."""
        if op == "load":
            return (lambda: path), _need(ic.io, "load")
        if op == "build":
            entities, relations = big.entities, big.all_relations
            return (lambda: ic.LandscapeBuilder().add(*entities, *relations)), (lambda b: b.build())
        if op == "graph":
            return (lambda: fresh(big)), library_graph
        if op == "check":
            return (lambda: fresh(big)), ic.check
        entities, relations = big.entities, big.all_relations
        if op == PLAIN_BUILD:
            return (lambda: None), (lambda _: plain_graph(entities, relations))
        if op == PLAIN_LOAD:
            return (lambda: path), _plain_load
        return (lambda: None), (lambda _: bare_pass(entities, relations))

    def _scaling_rows(self, op: str, timings: dict[int, Timing], skipped: str | None) -> None:
        """Record one operation's times at each k, with the ratio to k=1."""
        base = timings.get(1)
        for k, t in sorted(timings.items()):
            if k == 1 or base is None:
                self.add(Row(section="scaling", name=f"{op}, k={k}", value=str(t)))
                continue
            ratio = t.median / base.median
            target = ""  # the targets are relative to the reference rows (see _relative_growth)
            self.add(
                Row(
                    section="scaling",
                    name=f"{op}, k={k} vs k=1",
                    value=str(t),
                    baseline=f"k=1: {base}",
                    ratio=ratio,
                    target=target,
                )
            )
        if skipped:
            self.add(Row(section="scaling", name=f"{op}, larger k", note=skipped))

    def startup(self, _land: ic.Landscape) -> None:
        """Time import integratedcare against importing its dependencies, and the command's --help.

        Timed twice: with compiled bytecode cached (as after ``pip install``; the cache goes to a
        temporary ``PYTHONPYCACHEPREFIX``, so the virtualenv is not written to), which the targets
        use; and as this environment runs, where ``PYTHONDONTWRITEBYTECODE`` may mean every import
        compiles its source again.
        """
        warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm["PYTHONPYCACHEPREFIX"] = str(self.workdir / "pycache")
        envs: list[tuple[str, dict[str, str], bool]] = [("bytecode cached", warm, True)]
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            envs.append(("no bytecode cache (PYTHONDONTWRITEBYTECODE)", dict(os.environ), False))
        for label, env, targeted in envs:
            self._imports(label, env, targeted=targeted)
            self._help(label, env, targeted=targeted)

    def _imports(self, label: str, env: dict[str, str], *, targeted: bool) -> None:
        """Time importing the package and its dependencies, less the interpreter's start."""
        py = sys.executable
        repeat = max(5, self.repeat)
        empty = subprocess_wall([py, "-c", "pass"], repeat=repeat, env=env)
        deps = subprocess_wall([py, "-c", "import " + ", ".join(DEPENDENCIES)], repeat=repeat, env=env)
        ours = subprocess_wall([py, "-c", "import integratedcare"], repeat=repeat, env=env)
        net_ours = Timing(median=ours.median - empty.median, runs=ours.runs)
        net_deps = Timing(median=deps.median - empty.median, runs=deps.runs)
        row = self.compare(
            "startup",
            f"import integratedcare, {label}",
            net_ours,
            net_deps,
            "import " + ", ".join(DEPENDENCIES),
            limit=1.3 if targeted else None,
            target="<= 1.3x dependencies" if targeted else "",
            note=f"less interpreter start {empty}; whole processes {ours} vs {deps}",
        )
        if row.met is False and self.do_profile:
            result = subprocess.run(  # noqa: S603
                [py, "-X", "importtime", "-c", "import integratedcare"],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            )
            lines = [ln for ln in result.stderr.splitlines() if "|" in ln][1:]
            lines.sort(key=lambda ln: int(ln.split("|")[1]), reverse=True)
            self.profiles[row.name] = "python -X importtime, largest cumulative (µs):\n" + "\n".join(lines[:25])

    def _help(self, label: str, env: dict[str, str], *, targeted: bool) -> None:
        """Time the command's --help, as the console script and as python -m."""
        py = sys.executable
        script = shutil.which("integratedcare", path=str(Path(py).parent))
        commands = [("python -m integratedcare --help", [py, "-m", "integratedcare", "--help"])]
        if script:
            commands.insert(0, ("integratedcare --help", [script, "--help"]))
        target = "< 1 s" if targeted else ""
        for name, argv in commands:
            try:
                t = subprocess_wall(argv, repeat=max(5, self.repeat), env=env)
            except subprocess.CalledProcessError as exc:
                self.unavailable("startup", f"{name}, {label}", target, f"exit status {exc.returncode}")
                continue
            met = (t.median < 1.0) if targeted else None
            self.add(Row(section="startup", name=f"{name}, {label}", value=str(t), target=target, met=met))

    def memory(self, land: ic.Landscape) -> None:
        """Peak memory (tracemalloc) of loading the k=1 landscape and its graph, against the plain graph."""
        name = "peak memory: io.load + ic.graph, k=1"
        target = "<= 3x plain graph"
        try:
            path = self.dump_json(land, "k1-memory")
            load = _need(ic.io, "load")
            library_graph(land)
        except NotAvailableError as exc:
            self.unavailable("memory", name, target, exc)
            return

        def ours() -> object:
            landscape = load(path)
            return landscape, library_graph(landscape)

        def plain() -> object:
            with path.open(encoding="utf-8") as f:
                return plain_graph_from_records(json.load(f))

        peak_ours, kept_ours = peak_memory(ours)
        peak_plain, kept_plain = peak_memory(plain)
        ratio = peak_ours / peak_plain
        self.add(
            Row(
                section="memory",
                name=name,
                value=_bytes(peak_ours),
                baseline=f"json.load + plain graph: {_bytes(peak_plain)}",
                ratio=ratio,
                target=target,
                met=ratio <= 3.0,  # noqa: PLR2004
                note=f"kept afterwards {_bytes(kept_ours)} vs {_bytes(kept_plain)}",
            )
        )

        self._sweep_memory(land)

    def _sweep_memory(self, land: ic.Landscape) -> None:
        """Resident memory after a daily sweep of 1,645 dates against after 10: what the landscape keeps by date."""
        name = "RSS after a daily sweep: 1,645 dates vs 10, k=1"
        target = "<= 1.2x"
        documents = [e.id for e in land.of_type(ic.IntegratedCareStrategy)][:1]
        if resident() is None or not documents:
            self.unavailable("memory", name, target, "no /proc/self/statm or no strategy to ask about")
            return
        swept = fresh(land)
        first = dt.date(2022, 7, 1)

        def sweep(days: range) -> int:
            for offset in days:
                ic.who_must_have_regard_to(swept, documents[0], as_of=first + dt.timedelta(days=offset))
            gc.collect()
            return resident() or 0

        after_10 = sweep(range(10))
        after_all = sweep(range(10, 1645))
        ratio = after_all / after_10
        self.add(
            Row(
                section="memory",
                name=name,
                value=_bytes(after_all),
                baseline=f"after 10 dates: {_bytes(after_10)}",
                ratio=ratio,
                target=target,
                met=ratio <= 1.2,  # noqa: PLR2004
                note="resident set of the whole benchmark process, after a collection",
            )
        )

    def maps(self, _land: ic.Landscape) -> None:
        """Draw the maps of issue 21 from the bundled england dataset: each within 2 s, the first call included.

        The first call reads and parses the bundled boundaries; later calls of the same level and date
        reuse them. Matplotlib draws with its Agg backend; the figure is drawn to a PNG in memory, so the
        time includes rendering, not only building the artists.
        """
        try:
            draw_map = _need(ic, "draw_map")
            import matplotlib as mpl  # noqa: PLC0415 (the draw extra; the section is skipped without it)
        except (NotAvailableError, ImportError) as exc:
            self.unavailable("maps", "draw_map", "< 2 s", str(exc))
            return
        mpl.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415

        england = ic.datasets.england()
        cm = ic.datasets.load("cheshire-and-merseyside")
        on = "2026-08-01"  # the registered (GP-list) figures are dated 2025 and 2026: none is in force in 2024
        registered = {
            icb.id: total
            for icb in england.as_of(on).of_type(ic.ICB)
            if (total := ic.population_of(england, icb, as_of=on, measure="registered").total) is not None
        }
        regard = [
            a.holder.id for a in ic.who_must_have_regard_to(cm, "cm-integrated-care-strategy", as_of="2024-06-01")
        ]
        maps: list[tuple[str, Callable[[], object]]] = [
            ("ICBs by registered population, 2026-08-01", lambda: draw_map(england, as_of=on, values=registered)),
            (
                "councils that must have regard to C&M's strategy, 2024-06-01",
                lambda: draw_map(england, as_of="2024-06-01", level="council", highlight=regard, outline=["QYG"]),
            ),
        ]
        for name, make in maps:

            def render(make: Callable[[], object] = make) -> None:
                figure = make()
                figure.savefig(io.BytesIO(), format="png")  # type: ignore[attr-defined]
                plt.close(figure)  # type: ignore[arg-type]

            start = time.perf_counter()
            render()
            first = time.perf_counter() - start
            warm = measure(lambda _: render(), lambda: None, repeat=self.repeat, budget=self.budget)
            self.add(
                Row(
                    section="maps",
                    name=f"draw_map: {name}",
                    value=f"first {_seconds(first)}, then {warm}",
                    target="< 2 s each, first call included",
                    met=max(first, warm.median) < MAP_SECONDS,
                )
            )

    def real_england(self, _land: ic.Landscape) -> None:
        """The bundled england dataset: load, check and a query over its documents."""
        try:
            england = _need(ic.datasets, "england")
        except NotAvailableError as exc:
            self.unavailable("england", "datasets.england()", "", exc)
            return
        registry = sys.modules.get("integratedcare.datasets._registry")
        read = getattr(registry, "_read", england)  # datasets are cached once read: time a first read
        clear = getattr(read, "cache_clear", getattr(england, "cache_clear", lambda: None))
        land = england()
        size = f"{len(land)} entities, {len(land.all_relations)} relations"
        raw = _england_bytes()

        def first_read() -> None:
            clear()
            england()

        def plain() -> nx.MultiDiGraph[str]:
            return _plain_graph(raw)

        t_load, t_plain = measure_pair(first_read, plain, repeat=self.repeat, budget=self.budget)
        self.compare(
            "england",
            "datasets.england(), first read",
            t_load,
            t_plain,
            "json.load + plain networkx build",
            limit=4.0,
            target="<= 4x plain load",
            note=size,
        )
        t_check = measure(ic.check, lambda: fresh(land), repeat=self.repeat, budget=self.budget)
        self.add(Row(section="england", name="check(england)", value=str(t_check)))
        try:
            t_graph, t_plain = measure_pair(
                lambda: library_graph(fresh(land)), plain, repeat=self.repeat, budget=self.budget
            )
        except NotAvailableError as exc:
            self.unavailable("england", "ic.graph(england) from cold", "", exc)
        else:
            self.compare("england", "ic.graph(england) from cold", t_graph, t_plain, "json.load + plain networkx build")

    # report

    def table(self) -> str:
        """Return the results as a Markdown table, then the targets and the profiles."""
        lines = [
            "| section | measurement | median | baseline | ratio | target | status | note |",
            "|---|---|---:|---|---:|---|---|---|",
        ]
        for r in self.rows:
            ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
            cells = (r.section, r.name, r.value, r.baseline, ratio, r.target, r.status, r.note)
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        targets = [r for r in self.rows if r.target]
        met = sum(r.met is True for r in targets)
        missed = [r.name for r in targets if r.met is False]
        absent = [r.name for r in targets if r.met is None]
        lines += ["", f"Targets: {met} met, {len(missed)} missed, {len(absent)} not available."]
        lines += [f"- missed: {name}" for name in missed]
        lines += [f"- not available: {name}" for name in absent]
        lines += ["", *(f"Note: {n}" for n in self.notes)]
        for name, text in self.profiles.items():
            lines += ["", f"Profile of {name}:", "```", text.rstrip(), "```"]
        return "\n".join(lines)


def _plain_load(path: Path) -> nx.MultiDiGraph[str]:
    """json.load of a file and a plain graph of its records."""
    with path.open(encoding="utf-8") as f:
        return plain_graph_from_records(json.load(f))


def _call_counts(setup: Callable[[], T], run: Callable[[T], object]) -> dict[str, int]:
    """Run once under cProfile and return how often each function was called (primitive calls)."""
    arg = setup()
    profiler = cProfile.Profile()
    profiler.enable()
    run(arg)
    profiler.disable()
    stats = pstats.Stats(profiler)
    return {
        f"{Path(file).name}:{line}({function})": calls
        for (file, line, function), (calls, *_) in stats.stats.items()  # type: ignore[attr-defined]
    }


def peak_memory(run: Callable[[], object]) -> tuple[int, int]:
    """Return the peak and the retained bytes traced while ``run()`` runs and its result lives."""
    gc.collect()
    tracemalloc.start()
    try:
        result = run()
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak, kept


def resident() -> int | None:
    """Return this process's resident set in bytes, or ``None`` where ``/proc`` does not say."""
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def machine() -> str:
    """Describe the machine and the software versions."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = []
    for module in ("integratedcare", "networkx", "attrs", "cattrs", "pint", "rdflib"):
        with contextlib.suppress(ImportError, AttributeError):
            versions.append(f"{module} {__import__(module).__version__}")
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {platform.system()} {platform.release()}; {cpu}; "
        f"{os.cpu_count()} CPUs; Python {platform.python_version()}; " + ", ".join(versions)
    )


SPARQL_REGARD: Final = """
PREFIX icv: <https://w3id.org/integratedcare/vocab#>
SELECT DISTINCT ?holder WHERE {
    ?duty icv:target ?doc ;
          icv:duty "must have regard to" ;
          icv:source ?holder .
    OPTIONAL { ?duty icv:startDate ?start }
    OPTIONAL { ?duty icv:endDate ?end }
    FILTER ((!BOUND(?start) || ?start <= ?day) && (!BOUND(?end) || ?end > ?day))
}
"""
"""Who must have regard to ``?doc`` on ``?day``, over the Turtle export (each duty is a node with its dates)."""


def sparql_base(turtle: str) -> str:
    """Return the namespace of the export's resources (the part of an entity's IRI before its id)."""
    found = re.search(r"<([^<>]*?/id/)", turtle)
    if found is None:
        msg = "the Turtle export names no resource under /id/"
        raise NotAvailableError(msg)
    return found.group(1)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=None, help="scale factors (default: 1 2 4 8)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (default: 5; 3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="k = 1 2 and 3 runs: a smoke run")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default: 0)")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds one measurement may take before it stops repeating"
    )
    parser.add_argument("--profile", action="store_true", help="profile each operation that misses its target")
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        choices=SECTIONS,
        help="run only these sections",
    )
    parser.add_argument("--output", type=Path, help="also write the results as Markdown to this file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    args = parse_args(argv)
    ks = args.k or ([1, 2] if args.quick else [1, 2, 4, 8])
    if 1 not in ks:
        ks = [1, *ks]
    repeat = args.repeat or (3 if args.quick else 5)
    print(machine(), flush=True)  # noqa: T201
    with tempfile.TemporaryDirectory(prefix="integratedcare-bench-") as tmp:
        bench = Bench(
            ks=sorted(set(ks)),
            repeat=repeat,
            quick=args.quick,
            seed=args.seed,
            budget=args.budget,
            do_profile=args.profile,
            workdir=Path(tmp),
            only=args.only,
        )
        bench.run()
    text = f"Machine: {machine()}\n\nRepeats: {repeat}; k = {bench.ks}; seed {args.seed}\n\n{bench.table()}\n"
    print("\n" + text)  # noqa: T201
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
