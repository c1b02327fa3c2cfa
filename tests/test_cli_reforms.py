"""integratedcare reforms: a body's ICB cluster, oversight segment and running-cost envelope on a date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import integratedcare as ic
from integratedcare._cli import main


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def landscape_file(tmp_path: Path) -> str:
    """Two ICBs in a cluster from 2025-09-09, one with registered patients, and a trust."""
    patients = ic.Figure(
        measure="registered", value=1_000_000, date="2025-04-01", source=ic.Source(title="GP registered patients")
    )
    land = ic.LandscapeBuilder().add(
        ic.ICB(id="QHL", name="NHS Birmingham and Solihull ICB", figures=[patients]),
        ic.ICB(id="QUA", name="NHS Black Country ICB"),
        ic.NHSTrust(id="RRK", name="University Hospitals Birmingham NHS FT"),
        ic.kinds.ICBCluster(id="bsol-bc", name="Birmingham and Solihull / Black Country ICB cluster"),
        ic.MemberOf(source="QHL", target="bsol-bc", role="shares leadership", period=("2025-09-09", None)),
        ic.MemberOf(source="QUA", target="bsol-bc", role="shares leadership", period=("2025-09-09", None)),
    )
    path = tmp_path / "bsol.toml"
    ic.io.dump(land.build(), path)
    return str(path)


def test_reforms_of_an_icb_in_text(landscape_file: str) -> None:
    """An ICB in a cluster: its cluster, that ICBs were not segmented in 2025/26, and its derived envelope."""
    code, out, err = run("reforms", "QHL", "--in", landscape_file, "--as-of", "2025-10-01", "--no-color")
    assert (code, err) == (0, "")
    text = " ".join(out.split())
    assert "The 2025-26 reforms for NHS Birmingham and Solihull ICB (QHL) as of 2025-10-01:" in text
    assert "Birmingham and Solihull / Black Country ICB cluster" in text
    assert "was not given a segment in 2025/26" in text
    assert "gives 18,760,000 GBP: derived, not a published allowance" in text


def test_reforms_before_the_cluster_and_in_json(landscape_file: str) -> None:
    """Before the cluster began there is no cluster; in 2026/27 ICBs are segmented but no segment is known."""
    code, out, _ = run("reforms", "QHL", "--in", landscape_file, "--as-of", "2025-06-01", "--format", "json")
    assert code == 0
    kinds = [a["kind"] for a in json.loads(out)["answers"]]
    assert kinds == ["oversight segment", "running cost envelope (derived)"]
    code, out, _ = run("reforms", "QUA", "--in", landscape_file, "--as-of", "2026-06-01", "--format", "json")
    answers = json.loads(out)["answers"]
    assert [a["kind"] for a in answers] == ["membership", "oversight segment", "running cost envelope (derived)"]
    assert answers[0]["entity"]["id"] == "bsol-bc"
    assert (answers[1]["year"], answers[1]["segmented"], answers[1]["segment"]) == ("2026/27", True, None)
    assert answers[2]["derived"] is None  # no registered patients recorded for QUA: no figure


def test_reforms_of_a_trust_in_csv(landscape_file: str) -> None:
    """A trust has no cluster and no envelope; its framework is named by id in the CSV, not by its repr."""
    code, out, _ = run("reforms", "RRK", "--in", landscape_file, "--as-of", "2026-06-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [row["kind"] for row in rows] == ["oversight segment"]
    assert rows[0]["framework"] == "nhs-oversight-framework-2026-27"
    assert rows[0]["scale"] == "1; 2; 3; 4"


def test_reforms_needs_a_date(landscape_file: str) -> None:
    """Without --as-of the command says which option it needs and exits 2."""
    code, out, err = run("reforms", "QHL", "--in", landscape_file)
    assert (code, out) == (2, "")
    assert "--as-of is needed" in err
