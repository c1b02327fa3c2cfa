"""Boundaries: the bundled ONS files, re-created by the tool, valid, and looked up by code and date."""

from __future__ import annotations

import importlib
import json
import os
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import MultiPolygon, shape

import integratedcare as ic
from integratedcare._geo import VINTAGES, Boundary, Vintage, boundaries, boundary_of, level_of, vintage_in_force

ROOT = Path(__file__).parents[1]
BOUNDARIES = (
    Path(os.environ.get("INTEGRATEDCARE_REFERENCE", ROOT.resolve().parent / "shared" / "reference"))
    / "bundle"
    / "boundaries"
)  # where the tool reads the ONS files: beside the repository (as on CI), or where the variable says
DATA = files("integratedcare._geo") / "data"
COUNTS = {
    "icb-2022-07": 42,
    "icb-2023-04": 42,
    "icb-2026-04": 36,
    "sub-icb-2022-07": 106,
    "sub-icb-2026-04": 106,
    "region-2022-07": 7,
    "council-2021": 152,
    "council-2023": 153,
}


def _features(vintage: str) -> list[dict[str, Any]]:
    """Return the features of one bundled file."""
    features: list[dict[str, Any]] = json.loads((DATA / f"{vintage}.geojson").read_text(encoding="utf-8"))["features"]
    return features


@pytest.fixture(scope="module")
def england() -> ic.Landscape:
    """The bundled England dataset."""
    return ic.datasets.england()


@pytest.mark.slow
@pytest.mark.skipif(not BOUNDARIES.exists(), reason="the shared reference files are not on this machine")
def test_the_tool_recreates_the_bundled_files_byte_for_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tool (tools/datasets/boundaries.py) writes exactly the files in the package, from the shared ONS files."""
    monkeypatch.syspath_prepend(str(ROOT))
    tool = importlib.import_module("tools.datasets.boundaries")
    built: dict[str, bytes] = tool.build()
    assert sorted(built) == sorted(f"{name}.geojson" for name in COUNTS)
    for name, content in built.items():
        assert (DATA / name).read_bytes() == content, f"{name} differs: run python -m tools.datasets.boundaries"


def test_the_geometry_stays_under_three_megabytes() -> None:
    """The bundled boundary files together take at most 3 MB."""
    total = sum(len((DATA / f"{name}.geojson").read_bytes()) for name in COUNTS)
    assert 1_000_000 < total <= 3_000_000


@pytest.mark.parametrize("vintage", sorted(COUNTS))
def test_every_geometry_is_valid(vintage: str) -> None:
    """Each vintage holds the expected number of areas, each a valid multipolygon with anticlockwise exteriors."""
    features = _features(vintage)
    assert len(features) == COUNTS[vintage]
    assert len({f["properties"]["code"] for f in features}) == COUNTS[vintage]
    for feature in features:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, feature["properties"]["code"]
        assert isinstance(geometry, MultiPolygon)
        assert all(shapely.is_ccw(polygon.exterior) for polygon in geometry.geoms)


def test_the_2026_icbs_are_flagged_derived_and_three_inferred() -> None:
    """Every April 2026 ICB says how it was derived; the three that took part of Frimley say it was inferred."""
    features = _features("icb-2026-04")
    assert all(f["properties"]["derived"].startswith("dissolved from the July 2022") for f in features)
    inferred = sorted(f["properties"]["code"] for f in features if "inferred" in f["properties"]["derived"])
    assert inferred == ["E54000067", "E54000069", "E54000070"]
    assert all("derived" not in f["properties"] for f in _features("icb-2023-04"))


@pytest.mark.parametrize("vintage", VINTAGES, ids=lambda v: v.name)
def test_each_code_matches_an_entity(england: ic.Landscape, vintage: Vintage) -> None:
    """On the first day a vintage is used, every entity of its level has a boundary and every boundary an entity."""
    day = vintage.period.start or "2022-07-01"
    found = boundaries(england, as_of=day, level=vintage.level)
    assert found.vintage == vintage.name
    assert found.missing == ()
    assert {area.code for area in found.areas} == {f["properties"]["code"] for f in _features(found.vintage)}


def test_the_vintage_follows_the_date(england: ic.Landscape) -> None:
    """Sussex is drawn with its 2022 code before April 2023 and its new code after; the 2026 ICB is derived."""
    sussex = england["QNX"]
    before = boundary_of(sussex, as_of="2023-03-31")
    after = boundary_of(sussex, as_of="2023-04-01")
    assert before is not None
    assert after is not None
    assert (before.code, before.vintage) == ("E54000053", "icb-2022-07")
    assert (after.code, after.vintage) == ("E54000064", "icb-2023-04")
    assert not after.derived
    assert not after.inferred
    merged = boundary_of(england["S9B9J"], as_of="2026-04-01")
    assert merged is not None
    assert merged.inferred
    west, south, east, north = merged.bounds()
    assert -1.0 < west < east < 0.9
    assert 50.5 < south < north < 51.5


def test_frimleys_new_sub_icb_location_has_a_derived_boundary_from_april_2026(england: ic.Landscape) -> None:
    """U2G6B, begun on 2026-04-01, is drawn as Frimley's part in its three Berkshire districts, flagged inferred.

    D9Y0V and 92A grow by the parts of Frimley their ICBs take; the other locations keep July 2022's.
    """
    u2g6b = boundary_of(england["U2G6B"], as_of="2026-04-01")
    assert u2g6b is not None
    assert (u2g6b.code, u2g6b.vintage, u2g6b.inferred) == ("E38000268", "sub-icb-2026-04", True)
    assert boundary_of(england["D4U1Y"], as_of="2026-03-31") is not None
    assert boundary_of(england["D4U1Y"], as_of="2026-04-01") is None
    west, south, east, north = u2g6b.bounds()
    assert -0.9 < west < east < -0.4  # Bracknell to Slough
    assert 51.3 < south < north < 51.6
    for ods in ("D9Y0V", "92A"):
        before, after = boundary_of(england[ods], as_of="2026-03-31"), boundary_of(england[ods], as_of="2026-04-01")
        assert before is not None
        assert after is not None
        assert after.inferred
        assert not before.derived
        assert (
            shape({"type": "MultiPolygon", "coordinates": after.polygons}).area
            > shape({"type": "MultiPolygon", "coordinates": before.polygons}).area
        )
    kept = boundary_of(england["01F"], as_of="2026-04-01")
    assert kept is not None
    assert kept.derived is None
    assert kept.polygons == _polygons(boundary_of(england["01F"], as_of="2026-03-31"))


def _polygons(found: Boundary | None) -> object:
    """Return a boundary's polygons (failing on no boundary)."""
    assert found is not None
    return found.polygons


def test_a_recoded_sub_icb_location_is_drawn_under_its_earlier_code(england: ic.Landscape) -> None:
    """Sub-ICB location 92A, re-coded in April 2023, keeps its July 2022 boundary under its old code."""
    found = boundary_of(england["92A"], as_of="2024-06-01")
    assert found is not None
    assert (found.code, found.vintage) == ("E38000246", "sub-icb-2022-07")
    assert england["92A"].code("gss", as_of="2024-06-01") == "E38000264"


def test_kinds_without_boundaries_have_none(england: ic.Landscape) -> None:
    """Bodies that are not areas have no boundary, and say so with None."""
    assert level_of(england["nhs-england"]) is None
    assert boundary_of(england["nhs-england"], as_of="2024-06-01") is None
    place = ic.Place(id="wirral", name="Wirral")
    assert boundary_of(place, as_of="2024-06-01") is None


def test_areas_without_a_boundary_are_reported_not_dropped() -> None:
    """An ICB without a GSS code, or with one no vintage holds, is listed as missing."""
    land = (
        ic.LandscapeBuilder("test")
        .add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", codes=[ic.Code(scheme="gss", value="E54000008")]))
        .add(ic.ICB(id="nameless", name="An ICB without codes"))
        .add(ic.ICB(id="bogus", name="An ICB with a made-up code", codes=[ic.Code(scheme="gss", value="E54999999")]))
        .build()
    )
    found = boundaries(land, as_of="2024-06-01")
    assert [area.id for area in found.areas] == ["QYG"]
    assert found.missing == ("bogus", "nameless")
    assert len(found) == 1


def test_before_any_vintage_every_area_is_missing() -> None:
    """Before July 2022 there are no ICB boundaries: the ICBs are missing and the vintage is None."""
    land = (
        ic.LandscapeBuilder("test")
        .add(ic.ICB(id="QYG", name="C&M", codes=[ic.Code(scheme="gss", value="E54000008")]))
        .build()
    )
    found = boundaries(land, as_of="2021-01-01")
    assert found.vintage is None
    assert found.missing == ("QYG",)
    assert vintage_in_force("icb", "2021-01-01") is None
    assert boundary_of(land["QYG"], as_of="2021-01-01") is None


def test_an_unknown_level_is_an_error(england: ic.Landscape) -> None:
    """Asking for a level that has no boundaries names the levels there are."""
    with pytest.raises(ic.errors.InvalidValueError, match=r"level must be one of icb, sub-icb, region, council"):
        boundaries(england, as_of="2024-06-01", level="ward")


# --- GIS exports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["icb", "sub-icb", "region", "council"])
def test_geojson_loads_in_geopandas_with_the_same_features(england: ic.Landscape, level: str) -> None:
    """to_geojson's text reads back in geopandas with one valid row per area and the entities' codes."""
    import geopandas as gpd  # noqa: PLC0415 (the geo extra)

    data = ic.io.to_geojson(england, as_of="2024-06-01", level=level)
    frame = gpd.read_file(json.dumps(data))
    assert len(frame) == len(data["features"]) == len(boundaries(england, as_of="2024-06-01", level=level))
    assert sorted(frame["id"]) == sorted(f["id"] for f in data["features"])
    assert frame.geometry.is_valid.all()
    for feature in data["features"]:
        entity = england[feature["id"]]
        assert feature["properties"]["kind"] == entity.kind
        assert feature["properties"]["codes"]["gss"] == entity.code("gss", as_of="2024-06-01")
    assert data["attribution"].startswith("Source: Office for National Statistics")
    assert data["missing"] == []


def test_the_geodataframe_has_codes_as_columns(england: ic.Landscape) -> None:
    """to_geodataframe indexes areas by id, in EPSG:4326, with a column per code scheme."""
    frame = ic.io.to_geodataframe(england, as_of="2022-07-01", level="icb")
    assert len(frame) == 42
    assert frame.crs is not None
    assert frame.crs.to_epsg() == 4326
    assert frame.loc["QXU", "gss"] == "E54000052"
    assert frame.loc["QXU", "ods"] == "QXU"
    assert frame.loc["QXU", "vintage"] == "icb-2022-07"
    assert frame.geometry.is_valid.all()


def test_a_level_with_no_areas_gives_an_empty_geodataframe() -> None:
    """A landscape without areas of the level gives an empty frame that still has a geometry column."""
    frame = ic.io.to_geodataframe(ic.LandscapeBuilder("empty").build(), as_of="2024-06-01", level="council")
    assert len(frame) == 0
    assert frame.geometry.name == "geometry"
    assert list(frame.columns) == ["kind", "name", "boundary_code", "vintage", "derived", "geometry"]


def test_a_missing_geopandas_names_the_geo_extra(england: ic.Landscape, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without geopandas, to_geodataframe says which extra installs it."""
    monkeypatch.setitem(sys.modules, "geopandas", None)
    with pytest.raises(ic.errors.MissingExtraError, match=r'pip install "integratedcare\[geo\]"') as caught:
        ic.io.to_geodataframe(england, as_of="2024-06-01")
    assert caught.value.module == "geopandas"


def test_a_council_whose_id_is_its_gss_code_is_found() -> None:
    """The Cheshire and Merseyside councils carry no codes, but their ids are GSS codes, so they have boundaries."""
    cm = ic.datasets.load("cheshire-and-merseyside")
    found = boundaries(cm, as_of="2024-06-01", level="council")
    assert len(found) == 9
    assert found.missing == ()
    assert all(area.code == area.id for area in found.areas)
