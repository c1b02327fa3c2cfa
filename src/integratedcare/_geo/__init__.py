"""Geography: the bundled ONS boundaries of England's areas, by level and vintage, and an area's boundary on a date.

The package's own layer ``geo`` (below ``io``): it reads the GeoJSON files in ``_geo/data`` with
:mod:`importlib.resources` and needs nothing beyond the standard library. Exporters (GeoJSON,
geopandas) are in :mod:`integratedcare.io`; maps are drawn by :func:`integratedcare.draw_map`.
"""

from __future__ import annotations

from integratedcare._geo._boundaries import (
    ATTRIBUTION,
    LEVELS,
    VINTAGES,
    Boundaries,
    Boundary,
    Polygon,
    Ring,
    Vintage,
    boundaries,
    boundary_of,
    level_of,
    vintage_in_force,
)

__all__ = [
    "ATTRIBUTION",
    "LEVELS",
    "VINTAGES",
    "Boundaries",
    "Boundary",
    "Polygon",
    "Ring",
    "Vintage",
    "boundaries",
    "boundary_of",
    "level_of",
    "vintage_in_force",
]
