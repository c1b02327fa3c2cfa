"""Parquet tables: typed, deterministic, readable by DuckDB and Polars, and the regard question answered in SQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from pathlib import Path

import pytest

import integratedcare as ic

DATASETS = ("brackenshire", "cheshire-and-merseyside", "england")
DATES = ("2022-06-30", "2023-06-01", "2026-06-01")

#: The "who must have regard to" question in SQL over the duties table (docs/parquet.md shows it too).
REGARD_SQL = """
SELECT DISTINCT duty.source
FROM read_parquet($duties) AS duty
WHERE duty.target = $document
  AND duty.duty = 'must have regard to'
  AND (duty.start IS NULL OR duty.start <= CAST($day AS DATE))
  AND (duty."end" IS NULL OR duty."end" > CAST($day AS DATE))
ORDER BY duty.source
"""


def _needs(module: str) -> None:
    """Skip, saying why, when an optional module is absent (CI installs them through the tests group)."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (install the tests dependency group or integratedcare[parquet])")


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Write each bundled dataset's tables once, into a folder per dataset."""
    _needs("pyarrow")
    root = tmp_path_factory.mktemp("parquet")
    return {name: ic.io.to_parquet(ic.datasets.load(name), root / name) for name in DATASETS}


def test_tables_and_types(tables: dict[str, Path]) -> None:
    """Every table is written, with dates as dates, flags as booleans and shares as numbers."""
    import pyarrow as pa  # noqa: PLC0415 (an optional extra)
    import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)

    folder = tables["cheshire-and-merseyside"]
    assert sorted(path.stem for path in folder.iterdir()) == sorted(ic.io.PARQUET_TABLES)
    relations = pq.read_table(folder / "relations.parquet").schema
    assert relations.field("start").type == pa.date32()
    assert relations.field("share").type == pa.float64()
    assert relations.names[:4] == ["source", "target", "key", "kind"]
    duties = pq.read_table(folder / "duties.parquet").schema
    assert duties.field("derived").type == pa.bool_()
    codes = pq.read_table(folder / "codes.parquet").to_pylist()
    assert {"entity": "QYG", "scheme": "ods", "value": "QYG", "start": None, "end": None} in codes


def test_relations_keep_the_graph_keys(tables: dict[str, Path]) -> None:
    """The relations table holds the recorded relations, keyed as ic.graph keys its edges."""
    import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)

    land = ic.datasets.load("brackenshire")
    rows = pq.read_table(tables["brackenshire"] / "relations.parquet").to_pylist()
    graph = ic.graph(land)
    recorded = {(s, t, k) for s, t, k, data in graph.edges(keys=True, data=True) if not data["derived"]}
    assert {(row["source"], row["target"], row["key"]) for row in rows} == recorded


def test_figures_hold_quantities(tmp_path: Path) -> None:
    """Populations and budgets become rows of the figures table in base units."""
    _needs("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)

    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QYG", name="ICB", population=ic.quantity(2_700_000, "person")),
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.Delegation(source="nhs-england", target="QYG", functions=["x"], budget=ic.quantity(5, "GBP")),
        )
        .build()
    )
    rows = pq.read_table(ic.io.to_parquet(land, tmp_path) / "figures.parquet").to_pylist()
    assert rows == [
        {"owner": "QYG", "field": "population", "value": 2_700_000.0, "unit": "person"},
        {"owner": "nhs-england/QYG/delegation", "field": "budget", "value": 5.0, "unit": "GBP"},
    ]


def test_figures_hold_dated_figures(tmp_path: Path) -> None:
    """Each dated, sourced figure of an entity becomes a row with its measure, date and source."""
    _needs("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)

    ons = ic.Source(title="ONS mid-2020 estimates")
    resident = ic.Figure(measure="resident", value=2_600_000, date="2020-06-30", source=ons)
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="ICB", figures=[resident])).build()
    rows = pq.read_table(ic.io.to_parquet(land, tmp_path) / "figures.parquet").to_pylist()
    assert rows == [
        {
            "owner": "QYG",
            "field": "figures",
            "value": 2_600_000.0,
            "unit": "person",
            "measure": "resident",
            "date": dt.date(2020, 6, 30),
            "source": "ONS mid-2020 estimates",
        }
    ]


def test_england_figures_are_all_written(tmp_path: Path) -> None:
    """Every figure the bundled England carries is a row of its figures table."""
    _needs("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)

    england = ic.datasets.england()
    table = pq.read_table(ic.io.to_parquet(england, tmp_path) / "figures.parquet")
    dated = [row for row in table.to_pylist() if row["field"] == "figures"]
    assert len(dated) == sum(len(e.figures) for e in england.entities) > 0


def test_as_of_writes_that_day(tmp_path: Path) -> None:
    """With as_of only the entities existing that day are written."""
    _needs("pyarrow")
    import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)

    land = ic.datasets.load("england")
    folder = ic.io.to_parquet(land, tmp_path, as_of="2024-06-01")
    ids = pq.read_table(folder / "entities.parquet").column("id").to_pylist()
    assert ids == [e.id for e in land.as_of("2024-06-01").entities]


def test_output_is_deterministic(tmp_path: Path) -> None:
    """Writing twice gives the same bytes."""
    _needs("pyarrow")
    land = ic.datasets.load("brackenshire")
    digests = []
    for name in ("a", "b"):
        folder = ic.io.to_parquet(land, tmp_path / name)
        digests.append([hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())])
    assert digests[0] == digests[1]


def test_missing_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without pyarrow, to_parquet raises MissingExtraError naming the parquet extra."""
    import sys  # noqa: PLC0415 (only this test needs it)

    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ic.errors.MissingExtraError, match=r"integratedcare\[parquet\]"):
        ic.io.to_parquet(ic.LandscapeBuilder().build(), tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", DATASETS)
def test_tables_load_in_duckdb_and_polars(tables: dict[str, Path], name: str) -> None:
    """DuckDB and Polars read every table with the rows the library has."""
    _needs("duckdb")
    _needs("polars")
    import duckdb  # noqa: PLC0415 (an optional test dependency)
    import polars as pl  # noqa: PLC0415 (an optional test dependency)

    land = ic.datasets.load(name)
    folder = tables[name]
    query = "SELECT count(*) FROM read_parquet($path)"
    count = duckdb.connect().execute(query, {"path": str(folder / "entities.parquet")}).fetchone()
    assert count == (len(land.entities),)
    frame = pl.read_parquet(folder / "entities.parquet")
    assert frame["id"].to_list() == [e.id for e in land.entities]
    assert frame.schema["start"] == pl.Date
    assert pl.read_parquet(folder / "relations.parquet").height == len(land.all_relations)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::integratedcare.errors.CoverageWarning")  # 2022-06-30 is before coverage on purpose
@pytest.mark.parametrize("name", DATASETS)
def test_regard_in_sql_equals_the_library(tables: dict[str, Path], name: str) -> None:
    """For every document on three dates, the SQL answer is the holders ic.who_must_have_regard_to gives."""
    _needs("duckdb")
    import duckdb  # noqa: PLC0415 (an optional test dependency)

    land = ic.datasets.load(name)
    connection = duckdb.connect()
    duties = str(tables[name] / "duties.parquet")
    documents = [e.id for e in land.entities if isinstance(e, ic.Document)]
    answers = 0
    for day in DATES:
        for document in documents:
            expected = sorted({a.holder.id for a in ic.who_must_have_regard_to(land, document, as_of=day)})
            parameters = {"duties": duties, "document": document, "day": dt.date.fromisoformat(day)}
            found = [row[0] for row in connection.execute(REGARD_SQL, parameters).fetchall()]
            assert found == expected, (document, day)
            answers += len(expected)
    strategies = [d for d in documents if land[d].kind == "integrated-care-strategy"]
    assert strategies  # each dataset holds strategies (England: one for each of its 48 partnerships)
    assert answers > 0
