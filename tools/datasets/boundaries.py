"""Regenerate the bundled boundaries: ``python -m tools.datasets.boundaries`` from the repository root.

Reads the ONS boundary files gathered in ``../shared/reference/bundle/boundaries`` (GeoJSON, EPSG:4326,
Open Government Licence v3.0, "Contains OS data © Crown copyright and database right") and writes one
compact GeoJSON file per vintage into ``src/integratedcare/_geo/data``:

- ``icb-2022-07``: the 42 ICBs of July 2022 (ultra-generalised, dissolved from the sub-ICB locations);
- ``icb-2023-04``: the 42 ICBs of April 2023 (super-generalised, with the re-coded Surrey Heartlands and Sussex);
- ``icb-2026-04``: the 36 ICBs of April 2026, DERIVED here by dissolving the July 2022 sub-ICB locations
  each ICB holds in NHS England's August 2026 practice map; Frimley's one sub-ICB location (D4U1Y) is
  split between its three successors by district (May 2024 districts), which is INFERRED;
- ``sub-icb-2022-07``: the 106 sub-ICB locations of July 2022;
- ``sub-icb-2026-04``: the 106 sub-ICB locations from April 2026, DERIVED: July 2022's without Frimley's
  (D4U1Y), whose area is split by district (INFERRED) into the new U2G6B (Thames Valley, its code and
  name from the August 2026 practice map) and the parts D9Y0V and 92A take, as the ``england`` data says;
- ``region-2022-07``: the 7 NHS England regions;
- ``council-2021``, ``council-2023``: the upper-tier councils (152 of December 2021, 153 from April 2023).

Every geometry is made valid and snapped to a grid of 1e-5 degrees (about a metre; the source files are
already rounded to 5 decimal places, so this only removes the three invalid rings of the sub-ICB file and
the slivers of the derived unions) with shapely's topology-preserving precision reducer; no further
simplification. Exterior rings run anticlockwise, as RFC 7946 asks. The output is deterministic, and
a test checks that this tool re-creates the bundled files byte for byte.

Needs shapely (in the ``tests`` dependency group); the package itself never imports it.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from ._common import REFERENCE

__all__ = ["BUNDLE", "GRID", "OUT", "VINTAGES", "build", "main"]

ROOT: Final = Path(__file__).resolve().parents[2]
OUT: Final = ROOT / "src" / "integratedcare" / "_geo" / "data"
BUNDLE: Final = next(
    (p for p in (ROOT.parent / "shared" / "reference" / "bundle", REFERENCE / "bundle") if p.is_dir()),
    REFERENCE / "bundle",
)
"""The shared research bundle: ``../shared`` beside the clone (as in CI), else the research machine's copy."""
SOURCE: Final = BUNDLE / "boundaries"
PRACTICE_MAP_2026: Final = BUNDLE / "primary_care" / "gp-reg-pat-prac-map_2026-08.csv"
GRID: Final = 1e-5
"""The grid the coordinates are snapped to, in degrees (about 1.1 m north-south, 0.7 m east-west)."""
DIGITS: Final = 5

FRIMLEY: Final = "D4U1Y"
"""Frimley's one sub-ICB location, split between three ICBs on 2026-04-01."""
FRIMLEY_BY_DISTRICT: Final = {
    "S0E4D": ("E06000036", "E06000039", "E06000040"),  # Bracknell Forest, Slough, Windsor and Maidenhead
    "QRL": ("E07000092", "E07000089"),  # Rushmoor, Hart
}
"""The districts (May 2024 codes) of Frimley's area each successor takes; the rest goes to ``FRIMLEY_REST``."""
FRIMLEY_REST: Final = "S9B9J"
"""Frimley's Surrey part (Surrey Heath and parts of Guildford, Waverley and Runnymede): Surrey and Sussex."""
SLIVER: Final = 1e-4
"""Pieces and holes smaller than this (square degrees, about 0.7 km²) left by cutting Frimley by district
(the sub-ICB and district files are generalised differently) are dropped from the three ICBs that took a part."""

#: (vintage, source file, code property, name property)
VINTAGES: Final = (
    ("icb-2022-07", "icb_jul_2022_en_buc_from_sicbl.geojson", "ICB22CD", "ICB22NM"),
    ("icb-2023-04", "icb_apr_2023_en_bsc.geojson", "ICB23CD", "ICB23NM"),
    ("sub-icb-2022-07", "sicbl_jul_2022_en_buc.geojson", "SICBL22CD", "SICBL22NM"),
    ("region-2022-07", "nhser_jul_2022_en_buc.geojson", "NHSER22CD", "NHSER22NM"),
    ("council-2021", "utla21_en.geojson", "utla21_code", "utla21_name"),
    ("council-2023", "utla23_en_from_ltla24_buc.geojson", "utla23_code", "utla23_name"),
)


def _read(name: str) -> list[dict[str, Any]]:
    """Return the features of a shared boundary file."""
    with (SOURCE / name).open(encoding="utf-8") as handle:
        features: list[dict[str, Any]] = json.load(handle)["features"]
    return features


def clean(geometry: BaseGeometry, *, min_hole: float = 0.0) -> MultiPolygon:
    """Make a geometry valid, snap it to the grid and return its polygons, exteriors anticlockwise.

    Holes smaller than ``min_hole`` (square degrees) are filled.
    """
    snapped = shapely.set_precision(shapely.make_valid(geometry), GRID)
    parts: Iterable[BaseGeometry] = getattr(snapped, "geoms", (snapped,))
    polygons: list[Polygon] = []
    for part in parts:
        for polygon in getattr(part, "geoms", (part,)):
            if isinstance(polygon, Polygon) and not polygon.is_empty:
                holes = [ring for ring in polygon.interiors if Polygon(ring).area >= min_hole]
                polygons.append(orient(Polygon(polygon.exterior, holes), 1.0))
    return MultiPolygon(polygons)


def _coordinates(geometry: MultiPolygon) -> list[list[list[list[float]]]]:
    """Return the GeoJSON coordinates of a multipolygon, rounded to the grid's decimal places."""
    coords = mapping(geometry)["coordinates"]
    return [[[[round(x, DIGITS), round(y, DIGITS)] for x, y in ring] for ring in polygon] for polygon in coords]


def feature(code: str, name: str, geometry: MultiPolygon, note: str | None = None) -> dict[str, Any]:
    """Return one feature: its GSS code, name, geometry and, for a derived area, how it was derived."""
    properties: dict[str, str] = {"code": code, "name": name}
    if note is not None:
        properties["derived"] = note
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "MultiPolygon", "coordinates": _coordinates(geometry)},
    }


def _copied(file: str, code_key: str, name_key: str) -> list[dict[str, Any]]:
    """Return the cleaned features of a shared file, sorted by code."""
    features = [
        feature(f["properties"][code_key], f["properties"][name_key], clean(shape(f["geometry"]))) for f in _read(file)
    ]
    return sorted(features, key=lambda f: str(f["properties"]["code"]))


def _practice_map() -> Iterator[dict[str, str]]:
    """Yield the rows of NHS England's August 2026 practice map."""
    with PRACTICE_MAP_2026.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _without_slivers(geometry: BaseGeometry) -> MultiPolygon:
    """Return the polygons of a geometry larger than ``SLIVER``."""
    return MultiPolygon(
        [part for part in getattr(geometry, "geoms", (geometry,)) if isinstance(part, Polygon) and part.area >= SLIVER]
    )


def _frimley_parts(sub_icbs: dict[str, BaseGeometry]) -> dict[str, MultiPolygon]:
    """Return the part of Frimley's sub-ICB location each successor ICB takes (by ODS code), inferred by district."""
    districts = {f["properties"]["ltla24_code"]: shape(f["geometry"]) for f in _read("ltla24_en_buc.geojson")}
    frimley = shapely.make_valid(sub_icbs[FRIMLEY])
    parts = {
        icb: frimley.intersection(shapely.union_all([districts[code] for code in codes]))
        for icb, codes in FRIMLEY_BY_DISTRICT.items()
    }
    parts[FRIMLEY_REST] = frimley.difference(shapely.union_all(list(parts.values())))
    return {icb: _without_slivers(part) for icb, part in parts.items()}


def _sub_icb_shapes() -> dict[str, BaseGeometry]:
    """Return the July 2022 sub-ICB locations' shapes by ODS code."""
    return {f["properties"]["SICBL22NM"].rsplit(" - ", 1)[1]: shape(f["geometry"]) for f in _read(VINTAGES[2][1])}


def icbs_2026() -> list[dict[str, Any]]:
    """Return the 36 ICBs of April 2026, dissolved from July 2022 sub-ICB locations (Frimley split by district)."""
    sub_icbs = _sub_icb_shapes()
    members: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in _practice_map():
        members[row["ONS_ICB_CODE"], row["ICB_CODE"], row["ICB_NAME"]].add(row["SUB_ICB_LOCATION_CODE"])
    parts = _frimley_parts(sub_icbs)
    features = []
    for (gss, ods, name), codes in sorted(members.items()):
        whole = sorted(code for code in codes if code in sub_icbs)
        pieces = [shapely.make_valid(sub_icbs[code]) for code in whole]
        note = "dissolved from the July 2022 sub-ICB locations " + ", ".join(whole)
        union = shapely.union_all(pieces)
        min_hole = 0.0
        if ods in parts:
            union, min_hole = shapely.union(union, parts[ods]), SLIVER
            note += " and, inferred by district, part of Frimley's sub-ICB location D4U1Y"
        features.append(feature(gss, name, clean(union, min_hole=min_hole), note))
    return features


FRIMLEY_SUCCESSORS: Final = {"S0E4D": "U2G6B", "QRL": "D9Y0V", FRIMLEY_REST: "92A"}
"""The sub-ICB location that takes each successor ICB's part of Frimley's (NHS England analytical SQL, April 2026)."""


def sub_icbs_2026() -> list[dict[str, Any]]:
    """Return the sub-ICB locations from April 2026: July 2022's without Frimley's, whose parts go to three.

    U2G6B (new, Thames Valley) is Frimley's part in Bracknell Forest, Slough, and Windsor and
    Maidenhead; D9Y0V (Hampshire and Isle of Wight) and 92A (Surrey and Sussex) grow by the parts
    their ICBs take. The split is inferred by district, as for the ICBs of April 2026; every other
    location keeps its July 2022 boundary and code.
    """
    sub_icbs = _sub_icb_shapes()
    parts = _frimley_parts(sub_icbs)
    taken = {FRIMLEY_SUCCESSORS[icb]: part for icb, part in parts.items()}
    new = {row["SUB_ICB_LOCATION_CODE"]: row for row in _practice_map() if row["SUB_ICB_LOCATION_CODE"] == "U2G6B"}
    inferred = "inferred by district: part of Frimley's sub-ICB location D4U1Y (May 2024 districts)"
    features = []
    for f in _read(VINTAGES[2][1]):
        code, name = f["properties"]["SICBL22CD"], f["properties"]["SICBL22NM"]
        ods = name.rsplit(" - ", 1)[1]
        if ods == FRIMLEY:
            continue
        if ods in taken:
            grown = shapely.union(shapely.make_valid(sub_icbs[ods]), taken[ods])
            note = f"the July 2022 sub-ICB location and, {inferred}"
            features.append(feature(code, name, clean(grown, min_hole=SLIVER), note))
        else:
            features.append(feature(code, name, clean(shape(f["geometry"]))))
    row = new["U2G6B"]
    features.append(
        feature(row["ONS_SUB_ICB_LOCATION_CODE"], row["SUB_ICB_LOCATION_NAME"], clean(taken["U2G6B"]), inferred)
    )
    return sorted(features, key=lambda f: str(f["properties"]["code"]))


def build() -> dict[str, bytes]:
    """Return each bundled file's name and bytes."""
    collections = {vintage: _copied(file, code, name) for vintage, file, code, name in VINTAGES}
    collections["icb-2026-04"] = icbs_2026()
    collections["sub-icb-2026-04"] = sub_icbs_2026()
    return {
        f"{vintage}.geojson": json.dumps(
            {"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
        + b"\n"
        for vintage, features in sorted(collections.items())
    }


def main() -> int:
    """Write the bundled boundary files and report their sizes."""
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, content in build().items():
        (OUT / name).write_bytes(content)
        total += len(content)
        sys.stdout.write(f"{name}: {len(content):,} bytes\n")
    sys.stdout.write(f"total: {total:,} bytes\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
