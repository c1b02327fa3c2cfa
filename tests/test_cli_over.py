"""integratedcare regard and duties with --over: each answer with the periods in which it holds."""

from __future__ import annotations

import io
import json

import pytest

from integratedcare._cli import main


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_regard_over_a_period_prints_the_timeline() -> None:
    """Each body that must have regard, then when it must."""
    code, out, err = run("regard", "brackenford-jlhws", "--in", "brackenshire", "--over", "2022-07-01..2027-01-01")
    assert (code, err) == (0, "")
    assert "over [2022-07-01, 2027-01-01):" in out.replace("\n  ", " ")
    assert out.count("holds [2023-04-01, 2027-01-01)") == 3


def test_regard_over_a_period_in_json() -> None:
    """The JSON gives the period, each answer with its periods, and the dates the answers change."""
    code, out, _ = run("regard", "brackenford-jlhws", "--over", "2022-07-01..2027-01-01", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["over"]["start"] == "2022-07-01"
    assert data["changes"] == ["2023-04-01"]
    assert {t["answer"]["holder"]["id"] for t in data["timeline"]} == {
        "brackenford-city-council",
        "brackenshire-icb",
        "nhs-england",
    }
    assert all(t["periods"][0]["start"] == "2023-04-01" for t in data["timeline"])


def test_duties_over_an_open_period_and_nothing_found() -> None:
    """--over takes an open end; a period with no duties says so."""
    code, out, _ = run("duties", "brackenshire-icb", "--over", "2022-07-01..")
    assert code == 0
    assert "over [2022-07-01, …):" in out.replace("\n  ", " ")
    assert "holds" in out
    code, out, _ = run("duties", "brackenshire-icb", "--over", "..2020-01-01")
    assert code == 0
    assert "No duties in this period and regime." in out
    code, out, _ = run("regard", "brackenford-jlhws", "--over", "..2020-01-01")
    assert "Nobody, in this period and regime." in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--over", "2022-07-01"], "--over must be START..END"),
        (["--over", "2022-07-01..soon"], "--over must be an ISO date"),
        (["--over", "2024-01-01..2023-01-01"], "must end after it starts"),
        (["--over", "2022-07-01..", "--as-of", "2024-01-01"], "--over cannot be given with --as-of"),
    ],
)
def test_bad_over_exits_2_with_one_line(args: list[str], fragment: str) -> None:
    """A malformed period, or one given with a date, exits 2 naming --over."""
    code, out, err = run("duties", "brackenshire-icb", *args)
    assert code == 2
    assert out == ""
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
