"""A short run of the fuzzer (tools/fuzz.py) in the default tests, and the fuzzer's own behaviour.

The full run, 100,000 inputs by default, is ``nox -s fuzz`` (``python tools/fuzz.py``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

import pytest

import integratedcare as ic

pytestmark = pytest.mark.slow  # fuzzing: deselected by the fast loop, -m 'not slow'

TOOL = Path(__file__).parent.parent / "tools" / "fuzz.py"
_SPEC = importlib.util.spec_from_file_location("fuzz", TOOL)
assert _SPEC is not None
assert _SPEC.loader is not None
fuzzer = importlib.util.module_from_spec(_SPEC)
sys.modules["fuzz"] = fuzzer  # dataclasses look their module up by name
_SPEC.loader.exec_module(fuzzer)

SHORT_RUN = 3000


def test_short_fuzz_run_finds_no_failure(tmp_path: Path) -> None:
    """Property: 3,000 mutated files each load and round-trip, or are refused with a library error."""
    result = fuzzer.fuzz(SHORT_RUN, seed=2024, found=tmp_path)
    assert result.inputs == SHORT_RUN
    assert dict(result.failures) == {}
    assert result.saved == []
    assert list(tmp_path.iterdir()) == []
    for mutator in ("byte", "token", "field"):  # every mutator both breaks files and leaves some loadable
        assert result.outcomes[f"{mutator} refused"] > 50
        assert result.outcomes[f"{mutator} loaded"] > 5


def test_inputs_are_the_same_for_the_same_seed() -> None:
    """Input i of seed s is the same on every call; another seed gives other inputs."""
    corpus = fuzzer.seeds()
    first = [fuzzer.make_input(7, index, corpus) for index in range(300)]
    assert first == [fuzzer.make_input(7, index, corpus) for index in range(300)]
    assert first != [fuzzer.make_input(8, index, corpus) for index in range(300)]
    assert {mutator for mutator, _, _ in first} == {"byte", "token", "field"}
    assert {fmt for _, fmt, _ in first} == {"toml", "json"}


def test_the_seeds_are_valid_and_rich() -> None:
    """The files mutated load, and hold most kinds of entity and every kind of relation but three.

    The three: assesses, succeeded-by, and catchment (only in england; its fields are Overlaps's).
    """
    kinds: set[str] = set()
    for _, fmt, data in fuzzer.seeds():
        land = ic.io.loads(data.decode("utf-8"), format=fmt)
        kinds |= {relation.kind for relation in land.all_relations}
    assert set(ic.kinds.RELATION_KINDS) - kinds <= {"assesses", "succeeded-by", "catchment"}


def test_a_failure_is_counted_and_its_input_saved_with_a_replay_command(tmp_path: Path) -> None:
    """An exception that is not a library error is a failure; the first input of each kind is saved."""

    def crash(_data: bytes, _fmt: str, _path: Path) -> str:
        raise RuntimeError("boom")

    result = fuzzer.fuzz(20, seed=3, start=100, found=tmp_path, check=crash)
    assert sum(result.failures.values()) == 20
    assert len(result.failures) == 1
    (saved,) = result.saved
    assert Path(saved).parent == tmp_path
    assert Path(saved).name.startswith("RuntimeError-")
    note = Path(f"{saved}.txt").read_text(encoding="utf-8")
    assert note.startswith("Found by: python tools/fuzz.py --seed 3 --start 100 --inputs 1\n")
    assert "RuntimeError: boom" in note
    assert Path(saved).read_bytes() == fuzzer.make_input(3, 100, fuzzer.seeds())[2]


def test_an_input_that_hangs_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An input that runs past the time limit is stopped and counted as a failure."""
    monkeypatch.setattr(fuzzer, "TIME_LIMIT", 1)

    def hang(_data: bytes, _fmt: str, _path: Path) -> str:
        time.sleep(3)
        return "loaded"

    result = fuzzer.fuzz(1, seed=1, found=tmp_path, check=hang)
    assert [kind.split(" at ")[0] for kind in result.failures] == ["_TookTooLongError"]


def test_check_input_loads_round_trips_or_refuses(tmp_path: Path) -> None:
    """A valid seed loads and round-trips; a broken one is refused; a changed round trip is a failure."""
    (_, fmt, data), *_ = fuzzer.seeds()
    assert fuzzer.check_input(data, fmt, tmp_path / "input.toml") == "loaded"
    assert fuzzer.check_input(data[:-40], fmt, tmp_path / "input.toml") == "refused"
    assert fuzzer.check_input(b"\xff", "json", tmp_path / "input.json") == "refused"


def test_command_line_prints_the_result_and_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line (tools/fuzz.py --json) prints the run's numbers and exits 0 when nothing failed."""
    assert fuzzer.main(["--inputs", "40", "--seed", "5", "--found", str(tmp_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["inputs"] == 40
    assert printed["seed"] == 5
    assert printed["failures"] == {}
    assert fuzzer.main(["--inputs", "10", "--found", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("fuzz: 10 inputs (seed 0) in ")


def test_every_corpus_and_big_input_is_within_the_budgets(tmp_path: Path) -> None:
    """Each corpus file and each big hostile input, loaded and given to the CLI, takes <= 2 s CPU and <= 500 MB.

    Each runs in its own forked process whose address space is capped at 500 MB; a failure lists
    every input over a budget or ended by anything but a library error.
    """
    usages = fuzzer.bounded(fuzzer.corpus_jobs() + fuzzer.big_inputs(tmp_path))
    assert len(usages) >= 2 * 81 + 2 * 10 + 4
    assert [str(usage) for usage in usages if not usage.within_budget] == []
    assert {usage.outcome for usage in usages if usage.job.how == "load"} == {"loaded", "refused"}
    assert {usage.outcome for usage in usages if usage.job.how == "cli"} <= {"exit 0", "exit 1", "exit 2"}


def test_the_harness_reports_outcomes_and_budgets(tmp_path: Path) -> None:
    """A bounded job reports how it ended; a job over a budget, or failed, is not within it."""
    good = tmp_path / "good.toml"
    good.write_text('format = "integratedcare/1"\nname = "G"\n', encoding="utf-8")
    jobs = [
        fuzzer.Job("good", "load", (str(good), "")),
        fuzzer.Job("missing", "load", (str(tmp_path / "missing.toml"), "")),
        fuzzer.Job("help", "cli", ("check", str(good))),
    ]
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n", encoding="utf-8")
    jobs.append(fuzzer.Job("bad", "load", (str(bad), "")))
    usages = fuzzer.bounded(jobs)
    assert [usage.outcome.split(":")[0] for usage in usages] == ["loaded", "failed", "exit 0", "refused"]
    assert usages[1].outcome.startswith("failed: FileNotFoundError: ")  # not a library error: a failure here
    assert [usage.within_budget for usage in usages] == [True, False, True, True]
    assert str(usages[0]).startswith("good (load): loaded, ")
    slow = fuzzer.Usage(jobs[0], "loaded", fuzzer.CPU_BUDGET + 0.1, 10.0)
    big = fuzzer.Usage(jobs[0], "loaded", 0.1, fuzzer.MEMORY_BUDGET / 2**20 + 1)
    failed = fuzzer.Usage(jobs[0], "failed: MemoryError: ", 0.1, 10.0)
    assert not any(usage.within_budget for usage in (slow, big, failed))


def test_a_blocked_input_is_killed_at_the_wall_clock_limit(tmp_path: Path) -> None:
    """An input that blocks without using CPU (a FIFO nobody writes to) is killed and reported, not waited for."""
    fifo = tmp_path / "silent.toml"
    os.mkfifo(fifo)
    good = tmp_path / "good.toml"
    good.write_text('format = "integratedcare/1"\nname = "G"\n', encoding="utf-8")
    blocked, done = fuzzer.bounded(
        [fuzzer.Job("fifo", "load", (str(fifo), "")), fuzzer.Job("good", "load", (str(good), ""))], wall=1
    )
    assert blocked.outcome == "failed: killed by signal SIGALRM"
    assert not blocked.within_budget
    assert 1 <= blocked.wall < 10
    assert done.outcome == "loaded"
    assert " s wall, " in str(done)


def test_a_fuzz_run_records_its_costliest_input_and_peak_memory(tmp_path: Path) -> None:
    """A run records the most CPU one input took, which input, and the process's peak memory."""
    result = fuzzer.fuzz(30, seed=4, found=tmp_path)
    assert 0 < result.max_cpu < fuzzer.TIME_LIMIT
    assert 0 <= result.slowest < 30
    assert result.peak_mb > 10
    assert "most CPU for one input" in str(result)
