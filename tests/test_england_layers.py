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

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT.parent / "shared" / "reference" / "bundle"  # beside the repository, as on CI


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


@pytest.mark.slow
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


# --- populations ------------------------------------------------------------------------------------


def _figure(entity: ic.Entity, measure: str, day: str) -> int:
    """The entity's figure of a measure dated ``day``."""
    (found,) = [f.value for f in entity.figures if f.measure == measure and f.date.isoformat() == day]
    return found


def test_registered_totals_of_the_36_icbs_sum_to_england(england: ic.Landscape) -> None:
    """The 36 ICBs' registered totals on 2026-08-01 sum to 63,237,908, as do the regions', SICBLs' and PCNs'."""
    day = "2026-08-01"
    for cls in (ic.ICB, ic.Region, ic.SICBL):
        areas = [e for e in _existing(england, cls, day) if any(f.date.isoformat() == day for f in e.figures)]
        assert sum(_figure(e, "registered", day) for e in areas) == 63_237_908, cls
    pcns = _existing(england, ic.PCN, day)
    unaligned = 63_237_908 - sum(_figure(p, "registered", day) for p in pcns)
    assert unaligned > 0  # the practices in no PCN ('U'), whose total is attached to no entity
    assert any(f"{unaligned:,}" in note for note in ic.datasets.info("england").notes)


def test_icb_totals_equal_their_pcns_plus_practices_in_no_pcn(england: ic.Landscape) -> None:
    """Each ICB's registered total is its whole PCNs' sum, except for practices in no PCN and one cross-ICB PCN."""
    day = "2026-08-01"
    equal = 0
    for icb in _existing(england, ic.ICB, day):
        pcns = {a.entity.id for a in ic.contents_of(england, icb, kind=ic.PCN, as_of=day)}
        whole = [p for p in pcns if len({a.entity.id for a in ic.containing(england, p, kind=ic.ICB, as_of=day)}) == 1]
        total = sum(_figure(england[p], "registered", day) for p in whole)
        assert total <= _figure(icb, "registered", day)
        equal += total == _figure(icb, "registered", day)
    assert equal >= 7  # the others hold practices in no PCN, or part of a PCN spanning sub-ICB locations


def test_resident_mid_2020_of_the_42_icbs_sums_to_england(england: ic.Landscape) -> None:
    """ONS mid-2020 residents of the 42 ICBs of 2022 sum to 56,550,138, as do the 106 SICBLs'."""
    icbs = _existing(england, ic.ICB, "2022-07-01")
    assert sum(_figure(e, "resident", "2020-06-30") for e in icbs) == 56_550_138
    sicbls = _existing(england, ic.SICBL, "2022-07-01")
    assert sum(_figure(e, "resident", "2020-06-30") for e in sicbls) == 56_550_138


def test_population_of_states_measure_date_and_source(england: ic.Landscape) -> None:
    """population_of names the figure it used: measure, date and source; it never mixes measures."""
    registered = ic.population_of(england, "QYG", as_of="2026-09-01", measure="registered")
    assert registered.figures[0].date == dt.date(2026, 8, 1)
    assert "registered patients" in str(registered)
    assert "GP registered patients 2026-08-01" in str(registered)
    resident = ic.population_of(england, "QYG", as_of="2024-01-01", measure="resident")
    assert resident.measure is ic.FigureMeasure.RESIDENT
    assert resident.total == ic.quantity(2_503_902, "person")
    assert "on 2020-06-30" in str(resident)
    default = ic.population_of(england, "QYG")
    assert default.measure is ic.FigureMeasure.REGISTERED


def test_population_of_adds_parts_when_the_area_has_no_figure_in_force(england: ic.Landscape) -> None:
    """Before any registered figure of an ICB, its practices' 2025 lists are added, and what was not added is said."""
    answer = ic.population_of(england, "QYG", as_of="2025-06-01", measure="registered")
    assert answer.total is not None
    assert {f.date for f in answer.figures} == {dt.date(2025, 4, 1)}
    assert all(isinstance(p, ic.GPPractice) for p in answer.parts)
    assert "Not added:" in str(answer)
    with pytest.warns(ic.errors.CoverageWarning):
        assert ic.population_of(england, "QYG", as_of="2019-01-01", measure="registered").total is None


def test_population_of_without_any_figure_says_so() -> None:
    """An area with no figure of the measure, nor parts with one, has no total; the answer says so."""
    src = ic.Source(title="ONS")
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QYG", name="Q", period=("2022-07-01", None)),
            ic.SICBL(
                id="01V",
                name="S",
                period=("2022-07-01", None),
                figures=[ic.Figure(measure="resident", value=10, date="2020-06-30", source=src)],
            ),
            ic.SICBL(
                id="01W",
                name="T",
                period=("2022-07-01", None),
                figures=[ic.Figure(measure="resident", value=5, date="2020-06-30", source=src)],
            ),
            ic.Within(source="01V", target="QYG", period=("2022-07-01", None)),
            ic.Within(source="01W", target="QYG", period=("2022-07-01", None)),
        )
        .build()
    )
    none = ic.population_of(land, "QYG", measure="registered", as_of="2023-01-01")
    assert none.total is None
    assert str(none) == "Q has no registered patients figure in force on 2023-01-01, nor parts with one."
    assert ic.population_of(land, "QYG", measure="resident", as_of="2021-01-01").total is None  # not yet an ICB
    summed = ic.population_of(land, "QYG", measure="resident", as_of="2023-01-01")
    assert summed.total == ic.quantity(15, "person")
    assert "the sum of 2 parts' figures dated 2020-06-30 (ONS)" in str(summed)
    assert ic.population_of(land, "QYG").measure is ic.FigureMeasure.RESIDENT  # registered has none: resident tried
    bare = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="Q")).build()
    assert ic.population_of(bare, "QYG").measure is None
    assert str(ic.population_of(bare, "QYG", measure="resident")) == "Q has no residents figure, nor parts with one."


def test_a_figure_is_a_whole_number_of_people() -> None:
    """A figure refuses a negative, fractional or boolean count, and reads back from a file."""
    src = ic.Source(title="ONS")
    for bad in (-1, 1.5, True):
        with pytest.raises(ic.errors.InvalidValueError, match="whole number"):
            ic.Figure(measure="resident", value=bad, date="2020-06-30", source=src)  # type: ignore[arg-type]
    text = ic.io.dumps(
        ic.LandscapeBuilder()
        .add(
            ic.ICB(
                id="QYG", name="Q", figures=[ic.Figure(measure="registered", value=7, date="2026-08-01", source=src)]
            )
        )
        .build(),
        format="json",
    )
    for bad_text, expected in (
        (text.replace('"value": 7', '"value": 7.5'), "entities[0].figures[0].value: must be a whole number, got 7.5"),
        (text.replace('"title": "ONS"', '"title": ["ONS"]'), "entities[0].figures[0].source.title: must be text"),
    ):
        with pytest.raises(ic.errors.LandscapeError) as caught:
            ic.io.loads(bad_text, format="json")
        (problem,) = caught.value.exceptions
        assert expected in str(problem)


# --- documents --------------------------------------------------------------------------------------


def test_every_2022_strategy_binds_its_icb_and_every_overlapping_council(england: ic.Landscape) -> None:
    """On 2024-06-01 who_must_have_regard_to each of the 42 strategies names the ICB and each overlapping council."""
    day = "2024-06-01"
    strategies = _existing(england, ic.IntegratedCareStrategy, day)
    assert len(strategies) == 42
    for strategy in strategies:
        (prep,) = england.relations(ic.Prepares, target=strategy.id)
        (icb,) = [
            r.source
            for r in england.relations(ic.Establishes, target=prep.source)
            if isinstance(england[r.source], ic.ICB)
        ]
        councils = {r.source for r in england.relations(ic.Overlaps, target=icb) if r.holds_on(day)}
        answers = ic.who_must_have_regard_to(england, strategy, as_of=day)
        holders = {a.holder.id for a in answers}
        assert {icb, *councils} <= holders, strategy.id
        cited = [a.basis for a in answers if a.holder.id in councils]
        assert all(isinstance(c, ic.Citation) and c.act == "LGPIHA 2007" for c in cited)


def test_strategies_after_the_mergers_follow_the_new_geography(england: ic.Landscape) -> None:
    """On 2026-06-01 a merged area's strategy is the new ICP's, flagged as an assumption, and binds its councils."""
    day = "2026-06-01"
    assert len(_existing(england, ic.IntegratedCareStrategy, day)) == 36
    essex = england["essex-strategy"]
    assert any("Assumption" in n for n in essex.notes)
    holders = {a.holder.id for a in ic.who_must_have_regard_to(england, essex, as_of=day)}
    assert {"D7T5G", "E10000012"} <= holders
    assert not england["mid-and-south-essex-strategy"].exists_on(day)
    assert all(any("not in the dataset's sources" in n for n in d.notes) for d in england.of_type(ic.JFP))


# --- queries ----------------------------------------------------------------------------------------


def test_find_by_code_name_and_suggestion(england: ic.Landscape) -> None:
    """Find matches ids and codes exactly, names in part, case-insensitively, and suggests close names."""
    assert [e.id for e in ic.find(england, "rbt").matches] == ["RBT"]
    assert ic.find(england, "E54000008").reasons == ("gss code",)
    assert ic.find(england, "QYG").kind == "find"
    assert "ROYAL SURREY NHS FOUNDATION TRUST" in ic.find(england, "Royal Surey").suggestions
    assert not ic.find(england, "zzzzqqqq")
    assert str(ic.find(england, "zzzzqqqq")) == "No match for 'zzzzqqqq'."
    several = ic.find(england, "frimley", limit=2)
    assert len(several.matches) >= 2
    assert str(several).startswith(f"{len(several.matches)} matches")
    assert "2022-07-01 to 2026-04-01" in str(ic.find(england, "D4U1Y"))
    assert "(sub-icb-location U2G6B, from 2026-04-01)" in str(ic.find(england, "U2G6B"))
    assert str(ic.find(england, "UK Parliament")).endswith("(parliament parliament)")
    land = ic.LandscapeBuilder().add(ic.ICB(id="A", name="Old", period=(None, "2020-01-01"))).build()
    assert str(ic.find(land, "old")).endswith("(integrated-care-board A, until 2020-01-01)")
    assert ic.find(england, "UK Parliament").reasons == ("name",)


def test_members_in_an_icb_and_what_moved(england: ic.Landscape) -> None:
    """The trusts, PCNs and practices in an ICB on a date, and the practices whose ICB changed on 2026-04-01."""
    assert len(ic.contents_of(england, "S1Y5D", kind=ic.NHSTrust, as_of="2026-08-01")) > 5
    assert len(ic.contents_of(england, "06H", kind=ic.PCN, as_of="2026-08-01")) > 10
    moved = ic.moves(england, "2026-03-31", "2026-04-01")
    assert len(moved) > 1000
    assert all(a.before and a.after and a.before != a.after for a in moved)
    assert " on 2026-03-31; in " in str(moved[0])
    assert moved[0].kind == "move"
    trust_moves = {a.entity.id for a in ic.moves(england, "2026-03-31", "2026-04-01", kind=ic.NHSTrust)}
    assert "RWH" in trust_moves
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="A", name="A"),
            ic.GPPractice(id="P", name="P"),
            ic.Within(source="P", target="A", period=(None, "2024-01-01")),
        )
        .build()
    )
    (gone,) = ic.moves(land, "2023-01-01", "2025-01-01")
    assert str(gone) == "P: in A on 2023-01-01; in nothing on 2025-01-01."


def test_cli_find(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's find lists matches (exit 0) or suggestions (exit 1), as text or JSON."""
    from integratedcare._cli import main  # noqa: PLC0415

    assert main(["find", "royal surrey", "--in", "england"]) == 0
    assert "RA2" in capsys.readouterr().out
    assert main(["find", "Royal Surey", "--in", "england", "--kind", "nhs-trust"]) == 1
    assert "Did you mean" in capsys.readouterr().out
    assert main(["find", "QYG", "--in", "england", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["reasons"] == ["id"]


def test_sources_are_shared_when_read_and_the_sharing_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Equal sources read from a file are one object; past the bound they are still read, just not kept."""
    from integratedcare.io import _convert  # noqa: PLC0415 (the module under test)

    text = ic.io.dumps(
        ic.LandscapeBuilder()
        .add(*(ic.ICB(id=f"Q{n}", name="Q", sources=[ic.Source(title="Shared source")]) for n in range(2)))
        .build(),
        format="json",
    )
    first, second = ic.io.loads(text, format="json")
    assert first.sources[0] is second.sources[0]
    monkeypatch.setattr(_convert, "_SOURCES", {})
    monkeypatch.setattr(_convert, "_SOURCES_KEPT", 0)
    first, second = ic.io.loads(text, format="json")
    assert first.sources[0] == second.sources[0]
    assert first.sources[0] is not second.sources[0]
    document = json.loads(text)
    document["entities"][0]["sources"] = ["Shared source"]
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.loads(json.dumps(document), format="json")
    (problem,) = caught.value.exceptions
    assert "sources[0]" in str(problem)


@pytest.mark.skipif(not BUNDLE.exists(), reason="the shared reference files are not on this machine")
def test_the_tool_names_file_row_and_column_of_a_bad_source(tmp_path: Path) -> None:
    """A source file with a missing or blank column, or a bad ODS row, is reported with file, row and column."""
    sys.path.insert(0, str(ROOT))
    try:
        layers = importlib.import_module("tools.datasets.england_layers")
    finally:
        sys.path.remove(str(ROOT))
    missing = tmp_path / "map.csv"
    missing.write_text("PRACTICE_CODE,PCN_NAME\nA81001,X\n", encoding="utf-8")
    with pytest.raises(layers.BundleFormatError, match=r"map\.csv: row 1 \(header\): missing column\(s\) PCN_CODE"):
        list(layers.table(missing, ("PRACTICE_CODE", "PCN_CODE")))
    blank = tmp_path / "blank.csv"
    blank.write_text("PRACTICE_CODE,PCN_CODE\nA81001,\n", encoding="utf-8")
    with pytest.raises(layers.BundleFormatError, match=r"blank\.csv: row 2: column 'PCN_CODE' is blank"):
        list(layers.table(blank, ("PRACTICE_CODE", "PCN_CODE")))
    etr = tmp_path / "etr.csv"
    etr.write_text('"R0A","A TRUST"\n', encoding="utf-8")
    with pytest.raises(layers.BundleFormatError, match=r"etr\.csv: row 1: expected 27 columns, got 2"):
        list(layers.ods_rows(etr))
    row = ['"R0A"', '"A TRUST"', *(['""'] * 8), '"2022-01-01"', *(['""'] * 16)]
    etr.write_text(",".join(row) + "\n", encoding="utf-8")
    with pytest.raises(layers.BundleFormatError, match=r"etr\.csv: row 1: column 11 must be a date YYYYMMDD"):
        list(layers.ods_rows(etr))
