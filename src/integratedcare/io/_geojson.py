"""GIS exports: a level of geography on a date as GeoJSON (standard library) or a GeoDataFrame (the ``geo`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from integratedcare._geo import ATTRIBUTION, Boundary, boundaries
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity
from integratedcare.io._errors import MissingExtraError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["to_geodataframe", "to_geojson"]


def _codes(entity: Entity, as_of: DateLike) -> dict[str, str]:
    """Return the entity's code in each scheme on a date."""
    found: dict[str, str] = {}
    for code in entity.codes:
        if code.period.contains(as_of):
            found.setdefault(code.scheme.value, code.value)
    return found


def _feature(area: Boundary, entity: Entity, as_of: DateLike) -> dict[str, Any]:
    """Return one RFC 7946 feature: the area's geometry and the entity's id, kind, name and codes."""
    return {
        "type": "Feature",
        "id": area.id,
        "properties": {
            "id": area.id,
            "kind": entity.kind,
            "name": entity.name,
            "codes": _codes(entity, as_of),
            "boundary_code": area.code,
            "vintage": area.vintage,
            "derived": area.derived,
        },
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [[[list(point) for point in ring] for ring in polygon] for polygon in area.polygons],
        },
    }


def to_geojson(landscape: Landscape, *, as_of: DateLike, level: str = "icb") -> dict[str, Any]:
    """Return the areas of one level on a date as a GeoJSON FeatureCollection (RFC 7946).

    Each feature's ``id`` is the entity's id; its properties are the entity's ``id``, ``kind``,
    ``name`` and ``codes`` (each scheme's code on the date), the GSS code its boundary was found
    under (``boundary_code``), the boundary file (``vintage``) and, for a derived boundary, how it
    was derived (``derived``, else ``null``). Coordinates are longitude and latitude (WGS 84);
    exterior rings run anticlockwise. The collection carries the licence's ``attribution`` and
    the ids of the areas without a boundary (``missing``) as foreign members. Write it with
    ``json.dump`` for QGIS, kepler.gl or geopandas.

    Args:
        landscape: the landscape.
        as_of: the date.
        level: ``icb`` (the default), ``sub-icb``, ``region`` or ``council``.

    Raises:
        InvalidValueError: the level is unknown.

    Examples:
        >>> import integratedcare as ic
        >>> data = ic.io.to_geojson(ic.datasets.england(), as_of="2024-06-01", level="region")
        >>> len(data["features"])
        7
        >>> london = next(f for f in data["features"] if f["id"] == "Y56")
        >>> london["properties"]["codes"], london["geometry"]["type"]
        ({'ods': 'Y56', 'gss': 'E40000003'}, 'MultiPolygon')
    """
    found = boundaries(landscape, as_of=as_of, level=level)
    return {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "missing": list(found.missing),
        "features": [_feature(area, landscape[area.id], found.as_of) for area in found.areas],
    }


def to_geodataframe(landscape: Landscape, *, as_of: DateLike, level: str = "icb") -> gpd.GeoDataFrame:
    """Return the areas of one level on a date as a geopandas GeoDataFrame (EPSG:4326), indexed by id.

    Columns are ``kind``, ``name``, one column per code scheme (``gss``, ``ods``...),
    ``boundary_code``, ``vintage``, ``derived`` and ``geometry``, as in :func:`to_geojson`.

    Raises:
        MissingExtraError: geopandas is not installed (``pip install "integratedcare[geo]"``).
        InvalidValueError: the level is unknown.

    Examples:
        >>> import integratedcare as ic
        >>> frame = ic.io.to_geodataframe(ic.datasets.england(), as_of="2026-04-01")
        >>> len(frame), frame.crs.to_epsg(), frame.loc["QRL", "gss"]
        (36, 4326, 'E54000067')
        >>> bool(frame.geometry.is_valid.all())
        True
    """
    try:
        import geopandas as gpd  # noqa: PLC0415 (an optional extra)
        from shapely.geometry import shape  # noqa: PLC0415 (an optional extra, with geopandas)
    except ImportError as exc:
        raise MissingExtraError(feature="to_geodataframe", module="geopandas", extra="geo") from exc
    features = to_geojson(landscape, as_of=as_of, level=level)["features"]
    rows = [
        {
            "id": feature["id"],
            "kind": feature["properties"]["kind"],
            "name": feature["properties"]["name"],
            **feature["properties"]["codes"],
            "boundary_code": feature["properties"]["boundary_code"],
            "vintage": feature["properties"]["vintage"],
            "derived": feature["properties"]["derived"],
            "geometry": shape(feature["geometry"]),
        }
        for feature in features
    ]
    if not rows:
        return gpd.GeoDataFrame(
            columns=["id", "kind", "name", "boundary_code", "vintage", "derived", "geometry"],
            geometry="geometry",
            crs="EPSG:4326",
        ).set_index("id")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").set_index("id")
