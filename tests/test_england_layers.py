"""The finer layers of the bundled england dataset: trusts, PCNs, practices, figures and documents."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import importlib
import json
import sys
from pathlib import Path

import pytest

import integratedcare as ic
from integratedcare.datasets import _registry

BUNDLE = Path("/work/shared/reference/bundle")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def england() -> ic.Landscape:
    """The england dataset, as shipped (read once for the module)."""
    return ic.datasets.england()


def _existing(land: ic.Landscape, cls: type[ic.Entity], day: str) -> list[ic.Entity]:
    """The entities of a kind that exist on a date."""
    return [e for e in land.of_type(cls) if e.exists_on(day)]


def _linked(land: ic.Landscape, source_kind: type[ic.Entity], target_kind: type[ic.Entity], day: str) -> set[str]:
    """Ids of entities of ``source_kind`` lying Within some ``target_kind`` on a date."""
    return {
        r.source
        for r in land.relations(ic.Within)
        if r.holds_on(day) and isinstance(land[r.source], source_kind) and isinstance(land[r.target], target_kind)
    }


def test_counts_on_2026_08_01(england: ic.Landscape) -> None:
    """On 2026-08-01: 36 ICBs, 106 SICBLs, 1,298 PCNs (the map's 1,299 codes less 'U'), 6,129 mapped practices."""
    day = "2026-08-01"
    assert len(_existing(england, ic.ICB, day)) == 36
    assert len(_existing(england, ic.SICBL, day)) == 106
    assert len(_existing(england, ic.PCN, day)) == 1298
    assert "U" not in england
    assert len(_linked(england, ic.GPPractice, ic.SICBL, day)) == 6129


def test_counts_on_2022_07_01(england: ic.Landscape) -> None:
    """On 2022-07-01: 42 ICBs and 106 sub-ICB locations."""
    assert len(_existing(england, ic.ICB, "2022-07-01")) == 42
    assert len(_existing(england, ic.SICBL, "2022-07-01")) == 106


def test_every_2026_sicbl_is_within_one_2026_icb(england: ic.Landscape) -> None:
    """Each sub-ICB location of 2026-08-01 lies within exactly one of the 36 ICBs."""
    day = "2026-08-01"
    for sicbl in _existing(england, ic.SICBL, day):
        icbs = [r.target for r in england.relations(ic.Within, source=sicbl.id) if r.holds_on(day)]
        assert len(icbs) == 1, sicbl.id
        assert england[icbs[0]].exists_on(day)


def test_trusts_open_in_july_2026_match_the_etr(england: ic.Landscape) -> None:
    """199 English trusts are open on 2026-07-01, each hosted by the ICB in the July 2026 etr's ICB column."""
    trusts = _existing(england, ic.NHSTrust, "2026-07-01")
    assert len(trusts) == 199
    if not BUNDLE.exists():
        return
    with (BUNDLE / "trusts" / "etr_2026-07_ods.csv").open(encoding="utf-8") as handle:
        etr = {row[0]: row[3] for row in csv.reader(handle)}
    for trust in trusts:
        hosts = [
            r.target
            for r in england.relations(ic.Within, source=trust.id)
            if r.holds_on("2026-07-01") and isinstance(england[r.target], ic.ICB)
        ]
        assert hosts == [etr[trust.id]], trust.id


def test_a_trust_whose_icb_merged_shows_both_periods(england: ic.Landscape) -> None:
    """A trust in a dissolved ICB is hosted by it until 2026-04-01 and by the successor after."""
    hosts = sorted(
        (r.period.start or dt.date.min, r.target)
        for r in england.relations(ic.Within, source="RWH")
        if isinstance(england[r.target], ic.ICB)
    )
    assert [target for _, target in hosts] == ["QM7", "S1Y5D"]
    assert hosts[1][0] == dt.date(2026, 4, 1)


def test_acute_types_are_flagged_as_inferred(england: ic.Landscape) -> None:
    """Acute trusts are marked acute with the inference rule in their notes; others have no service type."""
    acute = [t for t in england.of_type(ic.NHSTrust) if t.provides("acute")]
    assert 120 < len(acute) <= 138
    assert all(any("inferred" in n for n in t.notes) for t in acute)
    others = [t for t in england.of_type(ic.NHSTrust) if not t.services]
    assert all(any("unknown" in n for n in t.notes) for t in others)


def test_frimley_practices_move_on_2026_04_01(england: ic.Landscape) -> None:
    """Frimley's sub-ICB location ends on 2026-04-01 and U2G6B (Thames Valley) begins then."""
    assert england["D4U1Y"].period.end == dt.date(2026, 4, 1)
    assert england["U2G6B"].period.start == dt.date(2026, 4, 1)
    assert (
        len(
            _linked(england, ic.GPPractice, ic.SICBL, "2026-04-01")
            & _linked(england, ic.GPPractice, ic.SICBL, "2026-03-31")
        )
        > 6000
    )


def test_every_record_cites_a_source(england: ic.Landscape) -> None:
    """Every entity, relation and figure carries its source."""
    assert [e.id for e in england if not e.sources] == []
    assert [r.label for r in england.all_relations if not r.sources] == []
    assert all(f.source.title for e in england for f in e.figures)


@pytest.mark.skipif(not BUNDLE.exists(), reason="the shared reference files are not on this machine")
def test_the_tool_recreates_the_bundled_file_byte_for_byte(tmp_path: Path) -> None:
    """Python -m tools.datasets writes exactly the england file the package ships."""
    sys.path.insert(0, str(ROOT))
    try:  # the generator lives outside the package, in the repository's tools
        tool = importlib.import_module("tools.datasets.__main__")
        generator = importlib.import_module("tools.datasets.england")
    finally:
        sys.path.remove(str(ROOT))
    path = tmp_path / "england.json.gz"
    tool.write(generator.build(), path, "json.gz")
    shipped = (_registry._DATA / "england.json.gz").read_bytes()
    assert path.read_bytes() == shipped
    assert json.loads(gzip.decompress(shipped))["format"] == "integratedcare/1"
