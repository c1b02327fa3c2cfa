"""Fuzz the integratedcare file loader with mutated valid files.

Each input is a valid TOML or JSON landscape file with one mutation: one byte (flipped,
replaced, inserted, deleted, or the file truncated), one token (replaced, deleted, doubled or
swapped) or one field (removed, given a hostile value, or a record doubled, dropped or re-kinded,
ids shuffled among records, lists nested or a key dotted thousands of levels deep).
Every input must either be refused with an :class:`integratedcare.IntegratedCareError` whose
message renders, or load a landscape that dumps and reloads (as TOML and as JSON, by text and
by file) to an equal landscape with the same bytes. Anything else is a failure: its input is
saved under ``tests/data/fuzz-found/`` with a ``.txt`` note holding the traceback and the
command that replays it.

The run is deterministic: input ``i`` of seed ``s`` is the same on every machine and under
every ``PYTHONHASHSEED``, so ``--seed s --start i --inputs 1`` replays one input.

Each run records the most CPU time one input took and the process's peak resident memory.

``--bounded`` instead runs every file of the bad-input corpus (``tests/data/bad``) and the big
generated inputs (:func:`big_inputs`) through the loader and the command line, each in its own
process under a CPU budget of 2 s and an address-space budget of 500 MB (:func:`bounded`), and
fails if any input is over either budget or fails with anything but a library error.

Usage::

    python tools/fuzz.py                    # 100,000 inputs, seed 0
    python tools/fuzz.py --inputs 5000 --seed 7 --found /tmp/found --json
    python tools/fuzz.py --bounded          # the corpus and the big inputs, each under the budgets
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import hashlib
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Final, Literal

import tomli_w

import integratedcare as ic

Format = Literal["toml", "json"]

ROOT: Final = Path(__file__).resolve().parent.parent
SAMPLE: Final = ROOT / "tests" / "data" / "cheshire-east.toml"
FOUND: Final = ROOT / "tests" / "data" / "fuzz-found"
DEFAULT_INPUTS: Final = 100_000
PER_KIND: Final = 2
"""Relations of each kind kept in the slice of a dataset used as a seed."""
HOSTILE_SHARE: Final = 0.7
"""How often a changed byte is one that matters to TOML or JSON (else any byte)."""
TIME_LIMIT: Final = 5
"""Seconds one input may take before it counts as a failure (a hang is a bug too)."""
CPU_BUDGET: Final = 2.0
"""Seconds of CPU one corpus input may take in the bounded harness (the work, not Python's start-up)."""
MEMORY_BUDGET: Final = 500 * 2**20
"""Bytes of address space a bounded input's process may use, start-up included (its peak memory is below)."""
WALL_LIMIT: Final = 30
"""Seconds of wall-clock time after which a bounded input's process is killed (SIGALRM): an input that
blocks (a FIFO with no writer, a device that never answers) fails instead of hanging the harness. The
budget is CPU time, which the machine's load does not change; the wall time is reported beside it."""
BAD: Final = ROOT / "tests" / "data" / "bad"

_TOKEN: Final = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[-+]?\d[\w:.+-]*|[A-Za-z_][\w-]*|\s+|.',
)
_NEST: Final = re.compile(r'"@nest:(\d+)@"')
_DOTTED: Final = re.compile(r'"@dotted:(\d+)@"( = |: )1')
_BYTES: Final = b"\"'[]{}=,:.#\\-+019eE\n\t \x00\x7f\x80\xbf\xc3\xe2\xed\xf0\xff"
_TOKENS: Final = (
    '""',
    '"x"',
    "''",
    '"""',
    "0",
    "-1",
    "1.5",
    "1e999",
    "-1e999",
    "nan",
    "inf",
    "NaN",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "[[]]",
    "9" * 30,
    "9" * 400,
    "2022-02-30",
    '"2022-02-30"',
    "2022-07-01T10:00:00",
    '"0000-01-01"',
    '"9999-12-31"',
    '"1e400 person"',
    '"-5 person"',
    '"400000 GBP"',
    '"9**9**9 person"',
    '"5 person 6"',
    '"\\ud800"',
    '"\\u0000"',
    '"integrated-care-board"',
    '"within"',
    '"succeeded-by"',
    "[[entities]]",
    "[[relations]]",
    "=",
    ",",
    "\\",
)


def _values(ids: list[str]) -> list[object]:
    """Return hostile values for a field: wrong types, impossible and extreme values, other ids."""
    return [
        None,
        True,
        False,
        0,
        -1,
        2**63,
        10**400,
        -(10**400),
        1.5,
        float("nan"),
        float("inf"),
        -1e308,
        "",
        " ",
        "x y",
        "\x00",
        "\ud800",
        "é" * 3,
        "x" * 5000,
        "2022-02-30",
        "0000-01-01",
        "9999-12-31",
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
        dt.datetime(2022, 7, 1, 10, 0),  # noqa: DTZ001 (a TOML local date-time, as files hold)
        dt.time(10, 0),
        "1e400 person",
        "-5 person",
        "400000 GBP",
        "2.7 million person",
        "9**9**9 person",
        {"value": 10**400, "unit": "person"},
        {"value": -3, "unit": "person"},
        {"value": 3, "unit": "person**9**9**9"},
        [],
        {},
        [[]],
        {"a": {"b": {}}},
        ["ods:QYG", "gss:E54000008"],
        {"act": "NHS Act 2006", "section": "s1"},
        {"agreement": "nowhere", "section": "1"},
        *ids[:6],
        *sorted(ic.kinds.ENTITY_KINDS)[:3],
        *sorted(ic.kinds.RELATION_KINDS)[:3],
    ]


# --- seeds ----------------------------------------------------------------------------------------


def seeds() -> list[tuple[str, Format, bytes]]:
    """Return the valid files mutated: the sample file and a slice of a bundled dataset, in both syntaxes."""
    sample = SAMPLE.read_bytes()
    land = ic.io.loads(sample.decode("utf-8"), source=str(SAMPLE))
    rich = _slice(ic.datasets.load("brackenshire"))
    return [
        ("sample", "toml", sample),
        ("sample", "json", ic.io.dumps(land, format="json").encode()),
        ("slice", "toml", ic.io.dumps(rich).encode()),
        ("slice", "json", ic.io.dumps(rich, format="json").encode()),
    ]


def _slice(land: ic.Landscape) -> ic.Landscape:
    """Return a small landscape with two relations of each kind the dataset holds, and their entities."""
    kept: list[ic.Relation] = []
    counts: Counter[str] = Counter()
    for relation in land.all_relations:
        if counts[relation.kind] < PER_KIND:
            counts[relation.kind] += 1
            kept.append(relation)
    needed = {end for relation in kept for end in (relation.source, relation.target)}
    needed |= {r.basis.agreement for r in kept if isinstance(r.basis, ic.Clause)}
    return ic.LandscapeBuilder(land.name).add(*(land[i] for i in sorted(needed)), *kept).build()


# --- mutators -------------------------------------------------------------------------------------


def mutate_byte(rng: random.Random, data: bytes) -> bytes:
    """Change one byte: flip a bit, replace, insert or delete it, or cut the file there."""
    position = rng.randrange(len(data))
    operation = rng.choice(("flip", "replace", "insert", "delete", "truncate"))
    if operation == "flip":
        return data[:position] + bytes([data[position] ^ (1 << rng.randrange(8))]) + data[position + 1 :]
    new = bytes([rng.choice(_BYTES) if rng.random() < HOSTILE_SHARE else rng.randrange(256)])
    if operation == "replace":
        return data[:position] + new + data[position + 1 :]
    if operation == "insert":
        return data[:position] + new + data[position:]
    if operation == "delete":
        return data[:position] + data[position + 1 :]
    return data[:position]


def mutate_token(rng: random.Random, data: bytes) -> bytes:
    """Change one token: replace it (with another of the file's or a hostile one), delete, double or swap it."""
    tokens = _TOKEN.findall(data.decode("utf-8"))
    solid = [index for index, token in enumerate(tokens) if not token.isspace()]
    at = rng.choice(solid)
    operation = rng.choice(("file", "hostile", "hostile", "delete", "double", "swap"))
    if operation == "file":
        tokens[at] = tokens[rng.choice(solid)]
    elif operation == "hostile":
        tokens[at] = rng.choice(_TOKENS)
    elif operation == "delete":
        tokens[at] = ""
    elif operation == "double":
        tokens[at] *= 2
    else:
        other = rng.choice(solid)
        tokens[at], tokens[other] = tokens[other], tokens[at]
    return "".join(tokens).encode("utf-8", "surrogatepass")


def _paths(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Yield the path of every value inside a parsed document (not the document itself)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _paths(item, (*path, index))


def _parent(document: dict[str, Any], path: tuple[str | int, ...]) -> Any:  # noqa: ANN401 (a table or a list)
    """Return the table or list holding the value at ``path``."""
    holder: Any = document
    for step in path[:-1]:
        holder = holder[step]
    return holder


def _records(document: dict[str, Any], key: str) -> list[Any]:
    """Return the list of entity or relation records (empty if the document has none)."""
    records = document.get(key)
    return records if isinstance(records, list) else []


def mutate_field(rng: random.Random, document: dict[str, Any]) -> dict[str, Any]:
    """Change one field of a parsed document, or one record: remove, replace, double, drop, re-kind."""
    document = copy.deepcopy(document)
    entities, relations = _records(document, "entities"), _records(document, "relations")
    ids = [record["id"] for record in entities if isinstance(record, dict) and isinstance(record.get("id"), str)]
    operation = rng.choice(
        ("value", "value", "value", "remove", "double", "drop", "kind", "nest", "top", "shuffle", "dotted")
    )
    records = entities + relations
    if operation == "double" and records:
        holder = rng.choice([r for r in (entities, relations) if r])
        holder.insert(rng.randrange(len(holder) + 1), copy.deepcopy(rng.choice(holder)))
    elif operation == "drop" and records:
        holder = rng.choice([r for r in (entities, relations) if r])
        del holder[rng.randrange(len(holder))]
    elif operation == "kind" and records:
        record = rng.choice(records)
        if isinstance(record, dict):
            record["kind"] = rng.choice(sorted(ic.kinds.ENTITY_KINDS) + sorted(ic.kinds.RELATION_KINDS))
    elif operation == "nest":  # a marker that _write replaces with lists nested this deep
        path = rng.choice(list(_paths(document)))
        _parent(document, path)[path[-1]] = f"@nest:{rng.choice((10, 100, 990, 1100, 5000))}@"
    elif operation == "shuffle":
        _shuffle_ids(rng, entities)
    elif operation == "dotted":  # a marker that _write replaces with a key dotted (or tables nested) this deep
        document[f"@dotted:{rng.choice((10, 100, 1000, 100_000))}@"] = 1
    elif operation == "top":
        document[rng.choice(("format", "name", "entities", "relations", "extra"))] = rng.choice(_values(ids))
    else:
        path = rng.choice(list(_paths(document)))
        holder = _parent(document, path)
        if operation == "remove":
            del holder[path[-1]]
        else:
            holder[path[-1]] = copy.deepcopy(rng.choice(_values(ids)))
    return document


def _shuffle_ids(rng: random.Random, entities: list[Any]) -> None:
    """Give the entity records' ids to other records (the same ids, shuffled)."""
    named = [record for record in entities if isinstance(record, dict) and isinstance(record.get("id"), str)]
    for record, ident in zip(named, rng.sample([r["id"] for r in named], len(named)), strict=True):
        record["id"] = ident


def _write(document: dict[str, Any], fmt: Format) -> tuple[Format, bytes]:
    """Serialise a mutated document (as JSON when TOML cannot hold a value, such as null), nesting junk."""
    text = None
    if fmt == "toml":
        with contextlib.suppress(TypeError, ValueError):
            text = tomli_w.dumps(document)
    if text is None:
        fmt, text = "json", json.dumps(document, default=_iso)
    text = _NEST.sub(lambda match: "[" * int(match.group(1)) + "]" * int(match.group(1)), text)
    text = _DOTTED.sub(lambda match: _deep_key(int(match.group(1)), toml=match.group(2) == " = "), text)
    return fmt, text.encode("utf-8", "surrogatepass")


def _deep_key(depth: int, *, toml: bool) -> str:
    """Write a key ``depth`` levels deep: dotted in TOML, nested objects in JSON."""
    if toml:
        return ".".join(["a"] * depth) + " = 1"
    return '"a": {' * (depth - 1) + '"a": 1' + "}" * (depth - 1)


def _iso(value: object) -> str:
    """Write the dates and times TOML holds as JSON text."""
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(type(value).__name__)  # pragma: no cover (the hostile values hold nothing else)


# --- checking -------------------------------------------------------------------------------------


class _TookTooLongError(Exception):
    """An input took longer than TIME_LIMIT seconds: a hang, which is a failure like any crash."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    """Interrupt an input that runs past its time limit."""
    raise _TookTooLongError(f"took longer than {TIME_LIMIT} s")


def check_input(data: bytes, fmt: Format, path: Path) -> str:
    """Load one input; return ``"refused"`` or ``"loaded"``, raising anything that is a failure."""
    path.write_bytes(data)
    try:
        land = ic.io.load(path, format=fmt)
    except ic.IntegratedCareError as exc:
        str(exc).encode("utf-8")  # the message must render, as text any file or terminal can hold
        if isinstance(exc, ic.errors.LandscapeError):
            for problem in exc.exceptions:
                if not (isinstance(problem, ic.errors.FileFormatError) and problem.path == str(path)):
                    raise AssertionError(f"a problem does not name the file: {problem!r}") from None
        return "refused"
    for syntax in ("toml", "json"):
        text = ic.io.dumps(land, format=syntax)
        again = ic.io.loads(text, format=syntax)
        if again != land or again.name != land.name:
            raise AssertionError(f"dumped as {syntax} and reloaded, the landscape differs")
        if ic.io.dumps(again, format=syntax) != text:
            raise AssertionError(f"dumped as {syntax} twice, the text differs")
    copy_path = path.with_name(f"again.{fmt}")
    ic.io.dump(land, copy_path)
    if ic.io.load(copy_path) != land:
        raise AssertionError("dumped to a file and reloaded, the landscape differs")
    return "loaded"


@dataclass
class Result:
    """What a run did: inputs by mutator and outcome, failures by kind, and the saved files."""

    seed: int
    inputs: int = 0
    seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    saved: list[str] = field(default_factory=list)
    digest: str = ""
    max_cpu: float = 0.0
    """The most CPU time, in seconds, one input took (load, checks and round trips)."""
    slowest: int = -1
    """The number of the input that took it."""
    peak_mb: float = 0.0
    """The peak resident memory of the process, in MB: a bound on what any one input used."""

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain data."""
        rate = self.inputs / self.seconds if self.seconds else 0.0
        return {
            "seed": self.seed,
            "inputs": self.inputs,
            "seconds": round(self.seconds, 1),
            "rate": round(rate, 1),
            "outcomes": dict(sorted(self.outcomes.items())),
            "failures": dict(sorted(self.failures.items())),
            "saved": self.saved,
            "digest": self.digest,
            "max_cpu_seconds": round(self.max_cpu, 3),
            "slowest_input": self.slowest,
            "peak_memory_mb": round(self.peak_mb, 1),
        }

    def __str__(self) -> str:
        """Summarise the run in one line."""
        info = self.to_dict()
        refused = sum(n for key, n in self.outcomes.items() if key.endswith(" refused"))
        loaded = sum(n for key, n in self.outcomes.items() if key.endswith(" loaded"))
        return (
            f"fuzz: {self.inputs} inputs (seed {self.seed}) in {info['seconds']} s ({info['rate']}/s): "
            f"{refused} refused with a library error, {loaded} loaded and round-tripped, "
            f"{sum(self.failures.values())} failures; most CPU for one input {info['max_cpu_seconds']} s "
            f"(input {self.slowest}), peak memory {info['peak_memory_mb']} MB"
        )


def make_input(seed: int, index: int, corpus: list[tuple[str, Format, bytes]]) -> tuple[str, Format, bytes]:
    """Return input ``index`` of ``seed``: the mutator's name, the syntax and the bytes."""
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 (fuzzing, not cryptography)
    _name, fmt, data = rng.choice(corpus)
    mutator = rng.choice(("byte", "token", "field"))
    if mutator == "byte":
        return mutator, fmt, mutate_byte(rng, data)
    if mutator == "token":
        return mutator, fmt, mutate_token(rng, data)
    document = tomllib.loads(data.decode()) if fmt == "toml" else json.loads(data)
    written, mutated = _write(mutate_field(rng, document), fmt)
    return mutator, written, mutated


def fuzz(
    inputs: int = DEFAULT_INPUTS,
    *,
    seed: int = 0,
    start: int = 0,
    found: Path = FOUND,
    check: Callable[[bytes, Format, Path], str] = check_input,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Run ``inputs`` mutated inputs from number ``start``; save each new kind of failure under ``found``."""
    corpus = seeds()
    result = Result(seed=seed)
    digest = hashlib.sha256()
    began = time.perf_counter()
    timed = hasattr(signal, "SIGALRM")
    previous = signal.signal(signal.SIGALRM, _alarm) if timed else None
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for index in range(start, start + inputs):
                mutator, fmt, data = make_input(seed, index, corpus)
                digest.update(data)
                if timed:
                    signal.alarm(TIME_LIMIT)
                cpu = time.process_time()
                try:
                    outcome = check(data, fmt, Path(scratch) / f"input.{fmt}")
                except Exception as exc:  # noqa: BLE001 (any other exception is what the fuzzer looks for)
                    if timed:
                        signal.alarm(0)
                    _record(result, exc, index=index, fmt=fmt, data=data, found=found)
                    outcome = "failed"
                if timed:
                    signal.alarm(0)
                cpu = time.process_time() - cpu
                if cpu > result.max_cpu:
                    result.max_cpu, result.slowest = cpu, index
                result.outcomes[f"{mutator} {outcome}"] += 1
                result.inputs += 1
                if progress and result.inputs % 10_000 == 0:
                    result.seconds = time.perf_counter() - began
                    progress(str(result))
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)
    result.seconds = time.perf_counter() - began
    result.digest = digest.hexdigest()[:16]
    result.peak_mb = _peak_mb(resource.getrusage(resource.RUSAGE_SELF))
    return result


def _peak_mb(usage: resource.struct_rusage) -> float:
    """Return a process's peak resident memory in MB (Linux counts ru_maxrss in KB, macOS in bytes)."""
    return usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)


def _record(result: Result, exc: Exception, *, index: int, fmt: Format, data: bytes, found: Path) -> None:
    """Count a failure and save its input, once per kind (exception type and the line that raised it)."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    kind = f"{type(exc).__name__} at {where}"
    result.failures[kind] += 1
    if result.failures[kind] > 1:
        return
    found.mkdir(parents=True, exist_ok=True)
    name = f"{type(exc).__name__}-{hashlib.sha256(data).hexdigest()[:12]}.{fmt}"
    (found / name).write_bytes(data)
    note = (
        f"Found by: python tools/fuzz.py --seed {result.seed} --start {index} --inputs 1\n"
        f"Failure: {kind}\n\n{''.join(traceback.format_exception(exc))}"
    )
    (found / f"{name}.txt").write_text(note, encoding="utf-8")
    result.saved.append(str(found / name))


# --- the bounded harness --------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One bounded input: the loader (``load``, with the syntax or None) or the command line (``cli``)."""

    name: str
    how: Literal["load", "cli"]
    args: tuple[str, ...]


@dataclass(frozen=True)
class Usage:
    """What one bounded input cost: CPU seconds of the work, its process's peak memory, and its end.

    ``outcome`` is ``refused`` (a library error) or ``loaded`` for the loader, ``exit N`` for the
    command line, and ``failed: ...`` for anything else (another exception, a signal, the budget).
    """

    job: Job
    outcome: str
    cpu: float
    peak_mb: float
    wall: float = 0.0

    @property
    def within_budget(self) -> bool:
        """Whether the input ended as the library means it to, within the CPU and memory budgets."""
        return (
            not self.outcome.startswith("failed") and self.cpu <= CPU_BUDGET and self.peak_mb <= MEMORY_BUDGET / 2**20
        )

    def __str__(self) -> str:
        """Describe the input's cost in one line."""
        return (
            f"{self.job.name} ({self.job.how}): {self.outcome}, {self.cpu:.3f} s CPU, {self.wall:.3f} s wall, "
            f"{self.peak_mb:.1f} MB"
        )


def corpus_jobs(directory: Path = BAD) -> list[Job]:
    """Return a loader job and a command-line job (``check FILE``) for every file of the bad-input corpus."""
    jobs: list[Job] = []
    for path in sorted(directory.iterdir()):
        if path.name != "expected.toml":
            jobs.append(Job(path.name, "load", (str(path), "")))
            jobs.append(Job(path.name, "cli", ("check", str(path))))
    return jobs


def big_inputs(directory: Path) -> list[Job]:
    """Write the big hostile inputs into ``directory`` and return their jobs (loader and command line).

    They are the inputs that once took gigabytes or minutes: a key dotted 100,000 levels deep,
    millions of empty records, a 100,000-digit number, a unit word of 100,000 letters, 2,000 unknown
    ids, 8,000 period mismatches on one pair, 4,000 relations each given twice outside their ends'
    lifetimes, one record more than Limits.records, and endless devices. (TOML's parser alone
    takes about 1.2 s of CPU for 100,000 records, so the file at the record limit is JSON.)
    """
    head = 'format = "integratedcare/1"\nname = "Big"\n'
    region = '[[entities]]\nkind = "region"\nid = "r{}"\nname = "R"\n'
    pair = (
        '[[entities]]\nkind = "place-based-partnership"\nid = "p"\nname = "P"\nstart = 2020-01-01\n'
        '[[entities]]\nkind = "integrated-care-partnership"\nid = "i"\nname = "I"\nstart = 2020-01-01\n'
    )
    within = '[[relations]]\nkind = "within"\nsource = "p"\ntarget = "i"\nstart = {}\nend = {}\n'
    days = [dt.date(1990, 1, 1) + dt.timedelta(days=i) for i in range(12_000)]
    over = ic.io.Limits().records + 1  # one record more than the default limit
    texts = {
        "dotted-100000.toml": head + "[[entities]]\n" + ".".join(["a"] * 100_000) + " = 1\n",
        "empty-records-12m.json": '{"format": "integratedcare/1", "entities": [' + ",".join(["{}"] * 12_000_000) + "]}",
        "empty-records-3m.json": '{"format": "integratedcare/1", "entities": [' + ",".join(["{}"] * 3_000_000) + "]}",
        "nested-5000.json": '{"format": "integratedcare/1", "notes": ' + "[" * 5000 + "]" * 5000 + "}",
        "number-100000-digits.toml": head + region.format(0) + "population = {value = " + "9" * 100_000 + "}\n",
        "unit-word-100000.toml": head + region.format(0) + f'population = "5 {"a" * 100_000}"\n',
        "unknown-ids-2000.toml": head
        + "".join(region.format(i) for i in range(2000))
        + "".join(f'[[relations]]\nkind = "within"\nsource = "x{i}"\ntarget = "r{i}"\n' for i in range(2000)),
        "period-mismatches-8000.toml": head
        + pair
        + "".join(within.format(d, d + dt.timedelta(1)) for d in days[:8000]),
        "duplicates-4000.toml": head
        + pair
        + "".join(within.format(d, d + dt.timedelta(1)) * 2 for d in days[11_000 - 4000 : 11_000]),
        f"records-{over}.json": '{"format": "integratedcare/1", "name": "Big", "entities": ['
        + ",".join(f'{{"kind": "region", "id": "r{i}", "name": "R"}}' for i in range(over))
        + "]}",
    }
    jobs: list[Job] = []
    for name, text in texts.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        jobs.append(Job(name, "load", (str(path), "")))
        jobs.append(Job(name, "cli", ("check", str(path))))
    for device in ("/dev/zero", "/dev/urandom"):
        jobs.append(Job(device, "load", (device, "toml")))
        jobs.append(Job(device, "cli", ("show", device)))
    return jobs


def bounded(jobs: list[Job], *, wall: int = WALL_LIMIT) -> list[Usage]:
    """Run each job in its own process under the CPU and memory budgets; return what each cost.

    One server process imports the library once (``tools/fuzz.py --serve``) and forks a child per
    job, whose address space is capped at :data:`MEMORY_BUDGET` (the server's own included) and
    whose CPU is capped a second past :data:`CPU_BUDGET`; the kernel's accounting of the child
    gives its CPU time and peak resident memory (again with the server's own pages, so an upper bound).
    """
    lines = "".join(json.dumps({"name": j.name, "how": j.how, "args": list(j.args), "wall": wall}) + "\n" for j in jobs)
    server = subprocess.run(  # noqa: S603 (this interpreter, this file)
        [sys.executable, str(Path(__file__).resolve()), "--serve"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    )
    reports = [json.loads(line) for line in server.stdout.splitlines()]
    return [Usage(job, r["outcome"], r["cpu"], r["peak_mb"], r["wall"]) for job, r in zip(jobs, reports, strict=True)]


def _serve(lines: Iterator[str], out: Callable[[str], None]) -> None:
    """Run each job read as a JSON line in a forked child under the budgets; report each as a JSON line."""
    from integratedcare._cli import main as _cli  # noqa: F401, PLC0415 (imported once here, not in every child)

    ic.io.loads(f'format = "{ic.io.FORMAT}"\n')  # the loader's lazy imports, once, before any child forks
    for line in lines:
        job = json.loads(line)
        out(json.dumps(_fork(Job(job["name"], job["how"], tuple(job["args"])), wall=job["wall"])))


def _fork(job: Job, *, wall: int) -> dict[str, Any]:
    """Run one job in a forked child under the budgets; return its outcome, CPU time, wall time and peak memory."""
    started = time.monotonic()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child: coverage does not follow it; its outcome comes back)
        os.close(read)
        signal.alarm(wall)  # killed, not hung, past the wall-clock limit
        outcome = _child(job)
        os.write(write, outcome.encode("utf-8", "replace")[:4000])
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(pid, 0)
    if os.WIFSIGNALED(status):
        said = f"failed: killed by signal {signal.Signals(os.WTERMSIG(status)).name}"
    seconds = time.monotonic() - started
    return {"outcome": said, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": _peak_mb(usage), "wall": seconds}


def _child(job: Job) -> str:  # pragma: no cover (runs in the forked child)
    """Set the budgets, run the job, and describe how it ended."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BUDGET, MEMORY_BUDGET))
    seconds = int(CPU_BUDGET) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        if job.how == "load":
            path, syntax = job.args
            ic.io.load(path, format=syntax or None)  # type: ignore[arg-type]
            return "loaded"
        from integratedcare._cli import main as cli  # noqa: PLC0415 (the command line, imported once per job)

        with Path(os.devnull).open("w", encoding="utf-8") as sink:
            return f"exit {cli(list(job.args), stdout=sink, stderr=sink)}"
    except ic.IntegratedCareError:
        return "refused"
    except BaseException as exc:  # noqa: BLE001 (anything else is what the harness reports)
        return f"failed: {type(exc).__name__}: {exc}"[:500]


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer from the command line; exit 1 if any input failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=DEFAULT_INPUTS, help="how many inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="the seed; the same seed gives the same inputs")
    parser.add_argument("--start", type=int, default=0, help="the number of the first input (to replay one)")
    parser.add_argument("--found", type=Path, default=FOUND, help="where failing inputs are saved")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--bounded", action="store_true", help="run the corpus and big inputs under the budgets")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the bounded harness's server
    args = parser.parse_args(argv)
    if args.serve:
        _serve(iter(sys.stdin), lambda line: print(line, flush=True))  # noqa: T201 (to the harness)
        return 0
    if args.bounded:
        return _run_bounded()
    show = None if args.json else (lambda line: print(line, file=sys.stderr, flush=True))  # noqa: T201
    result = fuzz(args.inputs, seed=args.seed, start=args.start, found=args.found, progress=show)
    print(json.dumps(result.to_dict(), indent=2) if args.json else result)  # noqa: T201 (a command's output)
    for path in result.saved:
        print(f"saved {path}", file=sys.stderr)  # noqa: T201 (a command's output)
    return 1 if result.failures else 0


def _run_bounded() -> int:
    """Run the corpus and the big inputs under the budgets, print each input's cost; exit 1 if any is over."""
    with tempfile.TemporaryDirectory() as scratch:
        usages = bounded(corpus_jobs() + big_inputs(Path(scratch)))
    for usage in usages:
        print(("  " if usage.within_budget else "! ") + str(usage))  # noqa: T201 (a command's output)
    over = [usage for usage in usages if not usage.within_budget]
    print(  # noqa: T201 (a command's output)
        f"bounded: {len(usages)} inputs, {len(over)} over budget or failed; most CPU "
        f"{max(u.cpu for u in usages):.3f} s, most wall time {max(u.wall for u in usages):.3f} s, "
        f"peak memory {max(u.peak_mb for u in usages):.1f} MB "
        f"(budgets {CPU_BUDGET} s, {MEMORY_BUDGET // 2**20} MB)"
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
