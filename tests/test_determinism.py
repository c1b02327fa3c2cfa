"""Deterministic output: the same landscape gives the same bytes in every run and under every hash seed.

``tests/test_io_exports.py`` checks the exports of one small hostile landscape across hash seeds;
this file checks every export, the file format, check reports and query answers of the bundled
datasets, in fresh interpreters with different ``PYTHONHASHSEED`` values.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

import integratedcare as ic

DATASETS = ("brackenshire", "north-east-and-north-cumbria")


def outputs(land: ic.Landscape) -> dict[str, str]:
    """Return every text the library writes about a landscape, by name."""
    tables = ic.io.to_dataframes(land)
    texts: dict[str, Callable[[], str]] = {
        "toml": lambda: ic.io.dumps(land),
        "json": lambda: ic.io.dumps(land, format="json"),
        "graphml": lambda: ic.io.to_graphml(land),
        "gexf": lambda: ic.io.to_gexf(land),
        "node-link": lambda: json.dumps(ic.io.to_node_link(land), ensure_ascii=False),
        "mermaid": lambda: ic.io.to_mermaid(land),
        "dot": lambda: ic.io.to_dot(land),
        "turtle": lambda: ic.io.to_turtle(land),
        "jsonld": lambda: ic.io.to_jsonld(land),
        "fhir": lambda: json.dumps(ic.io.to_fhir(land), ensure_ascii=False),
        "tables": lambda: "".join(frame.to_csv() for frame in tables),
        "check": lambda: ic.check(land).to_json(),
        "duties": lambda: "\n".join(str(d) for d in ic.statute.derived_duties(land)),
        "answers": lambda: "\n".join(
            str(answer)
            for entity in land.of_type(ic.Body)
            for answer in (*ic.accountability_chain(land, entity.id), *ic.members_of(land, entity.id))
        ),
    }
    return {name: make() for name, make in texts.items()}


def digests(name: str) -> dict[str, str]:
    """Return the SHA-256 of each output of a bundled dataset."""
    land = ic.datasets.load(name)
    return {key: hashlib.sha256(text.encode("utf-8")).hexdigest() for key, text in outputs(land).items()}


_SCRIPT = """
import json, sys
sys.path.insert(0, {tests!r})
from test_determinism import DATASETS, digests
json.dump({{name: digests(name) for name in DATASETS}}, sys.stdout)
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", DATASETS)
def test_outputs_are_the_same_on_every_call(name: str) -> None:
    """Writing the same dataset twice, and writing a freshly loaded copy, gives the same bytes."""
    assert digests(name) == digests(name)
    land = ic.datasets.load(name)
    again = ic.io.loads(ic.io.dumps(land))
    assert outputs(again) == outputs(land)


@pytest.mark.slow
def test_outputs_are_the_same_whatever_the_hash_seed() -> None:
    """Every output of every tested dataset is byte-identical in interpreters with different PYTHONHASHSEEDs."""
    script = _SCRIPT.format(tests=os.path.dirname(__file__))  # noqa: PTH120 (a plain string for the script)
    runs = []
    for seed in ("0", "1", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", script], capture_output=True, check=True, env=env, timeout=600
        )
        runs.append(json.loads(result.stdout))
    first = runs[0]
    assert set(first) == set(DATASETS)
    for other in runs[1:]:
        differing = {(name, key) for name in first for key in first[name] if first[name][key] != other[name][key]}
        assert differing == set()
    assert runs[0] == {name: digests(name) for name in DATASETS}
