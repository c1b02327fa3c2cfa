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

Usage::

    python tools/fuzz.py                    # 100,000 inputs, seed 0
    python tools/fuzz.py --inputs 5000 --seed 7 --found /tmp/found --json
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import hashlib
import json
import random
import re
import signal
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
        }

    def __str__(self) -> str:
        """Summarise the run in one line."""
        info = self.to_dict()
        refused = sum(n for key, n in self.outcomes.items() if key.endswith(" refused"))
        loaded = sum(n for key, n in self.outcomes.items() if key.endswith(" loaded"))
        return (
            f"fuzz: {self.inputs} inputs (seed {self.seed}) in {info['seconds']} s ({info['rate']}/s): "
            f"{refused} refused with a library error, {loaded} loaded and round-tripped, "
            f"{sum(self.failures.values())} failures"
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
                try:
                    outcome = check(data, fmt, Path(scratch) / f"input.{fmt}")
                except Exception as exc:  # noqa: BLE001 (any other exception is what the fuzzer looks for)
                    if timed:
                        signal.alarm(0)
                    _record(result, exc, index=index, fmt=fmt, data=data, found=found)
                    outcome = "failed"
                if timed:
                    signal.alarm(0)
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
    return result


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


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer from the command line; exit 1 if any input failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=DEFAULT_INPUTS, help="how many inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="the seed; the same seed gives the same inputs")
    parser.add_argument("--start", type=int, default=0, help="the number of the first input (to replay one)")
    parser.add_argument("--found", type=Path, default=FOUND, help="where failing inputs are saved")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    show = None if args.json else (lambda line: print(line, file=sys.stderr, flush=True))  # noqa: T201
    result = fuzz(args.inputs, seed=args.seed, start=args.start, found=args.found, progress=show)
    print(json.dumps(result.to_dict(), indent=2) if args.json else result)  # noqa: T201 (a command's output)
    for path in result.saved:
        print(f"saved {path}", file=sys.stderr)  # noqa: T201 (a command's output)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
