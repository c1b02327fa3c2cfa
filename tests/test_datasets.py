"""The bundled datasets: they load from the package, hold what the issue asks, and cite their sources."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import tomllib
from collections import Counter
from collections.abc import Callable
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integratedcare as ic
from integratedcare.datasets import _registry
from integratedcare.io import _convert, _files
from strategies import slow_england

NAMES = (
    "brackenshire",
    "cheshire-and-merseyside",
    "england",
    "lancashire-and-south-cumbria",
    "north-east-and-north-cumbria",
)

# The 2026 ICBs built by merger and their predecessors (icbs_2026.csv; the continuing ICBs have none,
# except Hampshire and Isle of Wight, which gained part of Frimley).
PREDECESSORS_2026 = {
    "S1Y5D": {"QHG", "QUE", "QM7"},
    "D7T5G": {"QH8", "QM7", "QJG"},
    "T6Y0W": {"QMM", "QJG"},
    "Z9B2Z": {"QMJ", "QRV"},
    "S9B9J": {"QXU", "QNX", "QNQ"},
    "S0E4D": {"QU9", "QNQ"},
    "QRL": {"QNQ"},
}


@pytest.fixture(scope="module")
def england() -> ic.Landscape:
    """The england dataset, as shipped."""
    return ic.datasets.england()


@pytest.fixture(scope="module")
def cm() -> ic.Landscape:
    """The Cheshire and Merseyside dataset, as shipped."""
    return ic.datasets.load("cheshire-and-merseyside")


def test_names_lists_every_bundled_dataset() -> None:
    """names() lists the five datasets, sorted."""
    assert ic.datasets.names() == NAMES


@pytest.mark.parametrize("name", slow_england(NAMES))
def test_every_dataset_loads_with_sources_and_passes_checks(name: str) -> None:
    """Each dataset loads, every entity and relation cites a source, and check() finds no errors."""
    land = ic.datasets.load(name)
    assert len(land) > 25  # the smallest, lancashire-and-south-cumbria, has 31
    assert [e.id for e in land if not e.sources] == []
    assert [r.label for r in land.all_relations if not r.sources] == []
    report = ic.check(land)
    assert "0 errors" in str(report).splitlines()[0]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "england"])
def test_every_dataset_is_read_in_one_pass(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a dataset's file afresh (no cache) parses it once and builds each record once.

    How long reading takes is the benchmark's to measure (``benchmarks/run.py --only real_england``
    for england's first read), never a test's.
    """
    file = ic.datasets.info(name).file
    parsed: list[str] = []
    built: Counter[str] = Counter()
    parse, entity, relation = _files._parse, _convert.structure_entity, _convert.structure_relation

    def counted_parse(text: str, *args: Any) -> Any:  # noqa: ANN401 (the parser's data)
        parsed.append(text)
        return parse(text, *args)

    def counted(kind: str, build: Callable[[object], Any]) -> Callable[[object], Any]:
        def structure(record: object) -> Any:  # noqa: ANN401 (an entity or a relation)
            built[kind] += 1
            return build(record)

        return structure

    monkeypatch.setattr(_files, "_parse", counted_parse)
    monkeypatch.setattr(_files, "structure_entity", counted("entities", entity))
    monkeypatch.setattr(_files, "structure_relation", counted("relations", relation))
    land = _registry._read.__wrapped__(file)
    (text,) = parsed
    document = tomllib.loads(text) if file.endswith(".toml") else json.loads(text)
    assert built == Counter({key: len(document.get(key, [])) for key in ("entities", "relations")})
    assert land == ic.datasets.load(name)


@pytest.mark.slow
def test_england_read_afresh_equals_the_cached_dataset() -> None:
    """Reading england's file afresh (no cache) gives the landscape the cached loader gives.

    How fast it reads (at most 4x json.load plus a plain networkx build) is measured by the
    benchmark (``benchmarks/run.py --only real_england``), not here.
    """
    land = _registry._read.__wrapped__(ic.datasets.info("england").file)
    assert land == ic.datasets.load("england")
    assert len(land) > 8000


@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_has_a_description(name: str) -> None:
    """Each dataset has a title, a description, a file and at least one source."""
    about = ic.datasets.info(name)
    assert about.name == name
    assert about.title
    assert about.description
    assert about.file.startswith(name)
    assert about.sources
    assert str(about).startswith(f"{name}: ")


def test_load_is_cached() -> None:
    """Loading a dataset twice gives the same (immutable) landscape object."""
    assert ic.datasets.load("england") is ic.datasets.england()


def test_unknown_name_suggests_close_names() -> None:
    """An unknown name raises UnknownDatasetError (a KeyError) naming close names and every bundled one."""
    with pytest.raises(ic.datasets.UnknownDatasetError, match=r'no dataset named "englund"; did you mean "england"\?'):
        ic.datasets.load("englund")
    with pytest.raises(KeyError, match=r"\(bundled: brackenshire, cheshire-and-merseyside, england, "):
        ic.datasets.info("nowhere")


def test_unknown_name_of_the_wrong_type_is_reported() -> None:
    """A name that is not text (even an unhashable one) raises UnknownDatasetError, not TypeError."""
    with pytest.raises(ic.datasets.UnknownDatasetError, match=r"no dataset named \"\['england'\]\""):
        ic.datasets.info(cast("str", ["england"]))


def test_unknown_dataset_error_pickles_and_reads_without_hints() -> None:
    """The error survives pickling with its fields, and reads plainly without suggestions or known names."""
    err = ic.datasets.UnknownDatasetError(name="x", known=("b", "a"), suggestions=("a",))
    again = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own object)
    assert (again.name, again.known, again.suggestions) == ("x", ("a", "b"), ("a",))
    assert str(ic.datasets.UnknownDatasetError(name="x")) == 'no dataset named "x"'
    assert isinstance(err, ic.IntegratedCareError)


# --- england ------------------------------------------------------------------------------------


def test_england_has_42_icbs_until_2026_then_36(england: ic.Landscape) -> None:
    """42 ICBs on 2026-03-31 and 36 on 2026-04-01."""
    assert len(england.as_of("2026-03-31").of_type(ic.ICB)) == 42
    assert len(england.as_of("2026-04-01").of_type(ic.ICB)) == 36
    with pytest.warns(ic.errors.CoverageWarning, match=r"2022-06-30 is outside the coverage of dataset \"england\""):
        assert len(england.as_of("2022-06-30").of_type(ic.ICB)) == 0


def test_england_has_106_sub_icb_locations_each_within_an_icb(england: ic.Landscape) -> None:
    """106 sub-ICB locations in 2022, each within exactly one ICB."""
    then = england.as_of("2022-07-01")
    sicbls = then.of_type(ic.SICBL)
    assert len(sicbls) == 106
    for sicbl in sicbls:
        parents = [r.target for r in then.relations(ic.Within, source=sicbl.id)]
        assert len(parents) == 1
        assert isinstance(then[parents[0]], ic.ICB)


def test_england_councils_152_then_153(england: ic.Landscape) -> None:
    """152 upper-tier councils in 2022 and 153 from 2023-04-01, Cumbria succeeded by two unitaries."""
    assert len(england.as_of("2022-07-01").of_type(ic.LocalAuthority)) == 152
    assert len(england.as_of("2023-04-01").of_type(ic.LocalAuthority)) == 153
    successors = {r.target for r in england.relations(ic.SucceededBy, source="E10000006")}
    assert successors == {"E06000063", "E06000064"}


def test_essex_overlaps_three_icbs_in_2025_and_one_in_2026(england: ic.Landscape) -> None:
    """Essex County Council overlaps three ICBs in 2025 and lies wholly in NHS Essex ICB from 2026-04-01."""
    in_2025 = england.as_of("2025-06-01").relations(ic.Overlaps, source="E10000012")
    assert sorted(r.target for r in in_2025) == ["QH8", "QJG", "QM7"]
    assert sum(r.share for r in in_2025) == pytest.approx(1.0, abs=1e-3)
    in_2026 = england.as_of("2026-04-01").relations(ic.Overlaps, source="E10000012")
    assert [(r.target, r.share) for r in in_2026] == [("D7T5G", 1.0)]


def test_each_2026_icb_has_the_predecessors_of_icbs_2026(england: ic.Landscape) -> None:
    """Each ICB's predecessors on 2026-04-01 are those listed in icbs_2026.csv."""
    found: dict[str, set[str]] = {}
    for succession in england.relations(ic.SucceededBy):
        if succession.date == dt.date(2026, 4, 1) and isinstance(england[succession.source], ic.ICB):
            found.setdefault(succession.target, set()).add(succession.source)
    assert found == PREDECESSORS_2026


def test_hampshire_continues_with_a_new_gss_code(england: ic.Landscape) -> None:
    """Hampshire and Isle of Wight keeps ODS QRL and gets GSS E54000067 from 2026-04-01."""
    qrl = england["QRL"]
    assert qrl.code("gss", as_of="2026-03-31") == "E54000042"
    assert qrl.code("gss", as_of="2026-04-01") == "E54000067"
    assert qrl.exists_on("2027-01-01")


def test_england_icps_are_established_by_their_icb_and_councils(england: ic.Landscape) -> None:
    """Each statutory ICP is established by one ICB and by every council overlapping it (LGPIHA 2007 s116ZA)."""
    land = england.as_of("2024-01-01")
    icps = [icp for icp in land.of_type(ic.ICP) if icp.statutory]
    assert len(icps) == 42
    founders = {r.source for r in land.relations(ic.Establishes, target="cheshire-and-merseyside-icp")}
    assert founders == {"QYG", "E06000006", "E06000007", "E06000049", "E06000050", *(f"E0800001{i}" for i in "12345")}


def test_england_delegations_keep_accountability(england: ic.Landscape) -> None:
    """NHS England delegates primary medical services from 2022 and POD from 2023, staying accountable."""
    in_2022 = england.as_of("2022-12-01").relations(ic.Delegation, source="nhs-england", target="QYG")
    assert [d.functions for d in in_2022] == [("primary-medical-services",)]
    in_2024 = england.as_of("2024-01-01").relations(ic.Delegation, source="nhs-england")
    assert len(in_2024) == 84
    assert all(d.accountability_retained for d in in_2024)


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=dt.date(2022, 7, 1), max_value=dt.date(2026, 8, 1)))  # the dataset's coverage
def test_england_invariants_hold_on_every_date(day: dt.date) -> None:
    """On any date: each ICB is within one region, and each council's overlap shares sum to one."""
    land = ic.datasets.england().as_of(day)
    for icb in land.of_type(ic.ICB):
        regions = [r.target for r in land.relations(ic.Within, source=icb.id) if isinstance(land[r.target], ic.Region)]
        assert len(regions) == 1
    for council in land.of_type(ic.LocalAuthority):
        shares = [r.share for r in land.relations(ic.Overlaps, source=council.id)]
        assert sum(shares) == pytest.approx(1.0, abs=1e-3)


# --- Cheshire and Merseyside ----------------------------------------------------------------------


def test_cm_has_nine_places_councils_and_ccgs_then_the_icb(cm: ic.Landscape) -> None:
    """Nine places and councils; nine CCGs until 2022-06-30; ICB QYG from 2022-07-01."""
    assert len(cm.of_type(ic.Place)) == 9
    assert len(cm.of_type(ic.LocalAuthority)) == 9
    before, after = cm.as_of("2022-06-30"), cm.as_of("2022-07-01")
    assert (len(before.of_type(ic.CCG)), len(before.of_type(ic.ICB))) == (9, 0)
    assert (len(after.of_type(ic.CCG)), [i.id for i in after.of_type(ic.ICB)]) == (0, ["QYG"])
    assert {r.source for r in cm.relations(ic.SucceededBy, target="QYG")} == {c.id for c in cm.of_type(ic.CCG)}


def test_cm_names_18_provider_trusts_and_records_the_discrepancy(cm: ic.Landscape) -> None:
    """The provider collaborative has the 18 trusts of Annex A; the text's "nineteen" is noted."""
    members = cm.relations(ic.MemberOf, target="cm-provider-collaborative")
    assert len(members) == 18
    assert all(isinstance(cm[m.source], ic.NHSTrust) for m in members)
    assert any("nineteen" in note for note in cm["cm-mou-2020"].notes)


def test_cheshire_east_has_8_care_communities_and_9_pcns(cm: ic.Landscape) -> None:
    """Cheshire East: 8 care communities and 9 PCNs, Crewe holding two; about 400,000 people."""
    communities = [
        r.source
        for r in cm.relations(ic.Within, target="cheshire-east-place")
        if isinstance(cm[r.source], ic.Neighbourhood)
    ]
    assert len(communities) == 8
    pcns = {c: [r.source for r in cm.relations(ic.Within, target=c)] for c in communities}
    assert sum(len(p) for p in pcns.values()) == 9
    assert len(pcns["crewe-care-community"]) == 2
    icp = cm["cheshire-east-icp"]
    assert isinstance(icp, ic.ICP)
    assert (icp.scope, icp.statutory) == (ic.PartnershipScope.PLACE, False)
    assert icp.population == ic.quantity(400_000, "person")


def test_cm_strategy_binds_the_icb_and_nine_councils(cm: ic.Landscape) -> None:
    """On 2024-01-01 the ICB and the nine councils must have regard to the strategy; NHS England, unverified."""
    duties = ic.statute.derived_duties(cm, target="cm-integrated-care-strategy", as_of="2024-01-01")
    regard = {d.source: d.basis for d in duties if d.duty is ic.DutyKind.HAVE_REGARD_TO and d.basis is not None}
    councils = {c.id for c in cm.of_type(ic.LocalAuthority)}
    assert set(regard) == {"QYG", "nhs-england", *councils}
    nhse, icb = regard["nhs-england"], regard["QYG"]
    assert nhse is not None
    assert icb is not None
    assert nhse.verification is ic.Verification.UNVERIFIED
    assert icb.verification is not ic.Verification.UNVERIFIED


# --- North East and North Cumbria and the teaching example -----------------------------------------


def test_nenc_board_and_icps() -> None:
    """NENC: a 26-member ICB board by role, 13 councils in 2022 (Cumbria partly), one strategic and four area ICPs."""
    land = ic.datasets.load("north-east-and-north-cumbria")
    assert len(land.relations(ic.MemberOf, target="QHM")) == 26
    assert len(land.as_of("2022-07-01").of_type(ic.LocalAuthority)) == 13
    cumbria = land.relations(ic.Overlaps, source="E10000006")
    assert [r.share for r in cumbria] == [pytest.approx(0.6449, abs=1e-4)]
    scopes = sorted(icp.scope.value for icp in land.of_type(ic.ICP))
    assert scopes == ["area", "area", "area", "area", "system"]


def test_brackenshire_exercises_the_model() -> None:
    """The teaching example has two places, PCNs and practices, a collaborative spanning two systems, and a pool."""
    land = ic.datasets.load("brackenshire")
    assert len(land.of_type(ic.Place)) == 2
    assert len(land.of_type(ic.PCN)) == 5
    assert len(land.of_type(ic.GPPractice)) == 10
    spans = {r.target for r in land.relations(ic.Within, source="brackenshire-and-fellside-acute-collaborative")}
    assert spans == {"brackenshire-ics", "fellside-ics"}
    pooled = [d for d in land.relations(ic.Delegation) if d.functions == ("better-care-fund",)]
    assert pooled[0].budget == ic.quantity(32e6, "GBP")
    assert any(note.startswith("Deliberate finding") for note in ic.datasets.info("brackenshire").notes)
