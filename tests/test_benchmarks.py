"""The benchmarks' generator: seeded, England-shaped at k=1, and a landscape the queries answer on.

Nothing here is timed; the benchmarks themselves run with ``nox -s bench``.
"""

from __future__ import annotations

import collections
import importlib.util
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, cast

import pytest

import integratedcare as ic

pytestmark = pytest.mark.slow  # the benchmarks' generator at England scale: deselected by the fast loop, -m 'not slow'

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


class Generator(Protocol):
    """The parts of ``benchmarks/generate.py`` the tests use."""

    COUNTS: Mapping[str, int]

    def generate(self, k: int = 1, *, seed: int = 0) -> ic.Landscape:
        """Return the landscape at scale ``k``."""
        ...  # pragma: no cover (a protocol's body never runs)

    def parts(self, k: int = 1, *, seed: int = 0) -> tuple[list[ic.Entity], list[ic.Relation]]:
        """Return its entities and relations, unchecked."""
        ...  # pragma: no cover (a protocol's body never runs)


def _load() -> Generator:
    """Import the generator from its file (the benchmarks are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("benchmarks_generate", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return cast("Generator", module)


gen = _load()


@pytest.fixture(scope="module")
def england() -> ic.Landscape:
    """The generated England at k=1, seed 0 (built once for the module)."""
    return gen.generate(1, seed=0)


def _kinds(land: ic.Landscape) -> collections.Counter[str]:
    """Count a landscape's entities by kind."""
    return collections.Counter(e.kind for e in land)


def test_same_seed_gives_equal_parts() -> None:
    """Two runs with one seed give the same entities and relations in the same order."""
    assert gen.parts(1, seed=7) == gen.parts(1, seed=7)


def test_other_seed_spreads_differently() -> None:
    """Another seed keeps the counts but spreads them differently."""
    first, second = gen.parts(1, seed=1), gen.parts(1, seed=2)
    assert len(first[0]) == len(second[0])
    assert first != second


def test_counts_at_k1_match_the_issue(england: ic.Landscape) -> None:
    """At k=1: 7 regions, 42 systems, 153 councils with HWBs, ~210 places, ~1,250 PCNs, ~6,300 practices."""
    kinds = _kinds(england)
    assert kinds["region"] == 7
    assert kinds["integrated-care-system"] == kinds["integrated-care-board"] == 42
    assert kinds["integrated-care-partnership"] == kinds["integrated-care-strategy"] == 42
    assert kinds["local-authority"] == kinds["health-and-wellbeing-board"] == 153
    assert 190 <= kinds["place-based-partnership"] <= 230
    assert 1150 <= kinds["primary-care-network"] <= 1350
    assert 6000 <= kinds["gp-practice"] <= 6600
    assert 190 <= kinds["nhs-trust"] <= 230
    assert kinds["provider-collaborative"] > 0
    assert kinds["joint-forward-plan"] == 42
    assert england.relations(ic.Delegation)
    assert england.relations(ic.MemberOf)


def test_size_at_k1(england: ic.Landscape) -> None:
    """About 9,000 entities and more than 12,000 relations."""
    assert 8500 <= len(england) <= 10500
    assert len(england.all_relations) >= 12000


def test_size_grows_linearly_with_k(england: ic.Landscape) -> None:
    """At k=2 there are two Englands under one set of national bodies."""
    entities, relations = gen.parts(2, seed=0)
    national = sum(1 for e in england if not e.id.startswith("e0-"))
    assert len(entities) == 2 * len(england) - national
    assert len({e.id for e in entities}) == len(entities)
    assert 1.9 * len(england.all_relations) <= len(relations) <= 2.1 * len(england.all_relations)


def test_scale_factor_below_one_is_refused() -> None:
    """The scale factor must be at least 1."""
    with pytest.raises(ValueError, match="scale factor k must be at least 1, got 0"):
        gen.parts(0)


def test_generated_landscape_builds_and_round_trips(england: ic.Landscape) -> None:
    """The parts pass every check of the builder, and the JSON file format reads back equal."""
    entities, relations = gen.parts(1, seed=0)
    built = ic.LandscapeBuilder().add(*entities, *relations).build()
    assert built == england
    assert ic.io.loads(ic.io.dumps(england, format="json"), format="json") == england


def test_strategy_has_real_answers(england: ic.Landscape) -> None:
    """Who must have regard to a strategy: its ICB, each council overlapping the ICB, and NHS England."""
    councils = sorted(r.source for r in england.relations(ic.Overlaps, target="e0-00-icb"))
    answers = ic.who_must_have_regard_to(england, "e0-00-strategy", as_of="2024-01-01")
    assert councils
    assert sorted({a.holder.id for a in answers}) == sorted(["e0-00-icb", "nhs-england", *councils])


def test_some_practices_close_over_time(england: ic.Landscape) -> None:
    """Practices open and close, so the landscape differs between dates."""
    before, after = england.as_of("2022-07-01"), england.as_of("2025-07-01")
    assert len(before.of_type(ic.GPPractice)) != len(after.of_type(ic.GPPractice))


RUNNER = GENERATOR.with_name("run.py")


def test_scaling_section_runs_every_operation_at_each_k(tmp_path: Path) -> None:
    """The harness's scaling section times load, build, graph, check and the bare-pass reference at each k.

    A smoke run (k = 1 2, one round), so that the harness cannot rot unnoticed between benchmark runs.
    """
    output = tmp_path / "results.md"
    subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(RUNNER), "--k", "1", "2", "--repeat", "1", "--only", "scaling", "--output", str(output)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    rows = [
        line.split(" | ") for line in output.read_text(encoding="utf-8").splitlines() if line.startswith("| scaling")
    ]
    names = [row[1] for row in rows]
    for op in ("load", "build", "graph", "check", "reference: one bare pass (no target)"):
        assert f"{op}, k=1" in names
        assert f"{op}, k=2 vs k=1" in names
    ratios = [float(row[4].removesuffix("x")) for row in rows if "vs k=1" in row[1]]
    assert all(ratio > 0 for ratio in ratios)


def test_maps_section_draws_both_maps(tmp_path: Path) -> None:
    """The harness's maps section draws the registered-population and regard maps and times each (a smoke run)."""
    output = tmp_path / "results.md"
    subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(RUNNER), "--k", "1", "--repeat", "1", "--only", "maps", "--output", str(output)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    rows = [line.split(" | ") for line in output.read_text(encoding="utf-8").splitlines() if line.startswith("| maps")]
    assert [row[1].split(",")[0] for row in rows] == [
        "draw_map: ICBs by registered population",
        "draw_map: councils that must have regard to C&M's strategy",
    ]
    assert all(row[2].startswith("first ") and row[5] == "< 2 s each, first call included" for row in rows)
