"""The bundled boundaries of England's areas, and the boundary of an area on a date.

Boundaries come in vintages: the ONS files in force over a period, one per level of geography
(ICBs, sub-ICB locations, NHS England regions, upper-tier councils). An entity's boundary on a
date is the feature of the vintage in force whose code is the entity's GSS code on that date, so
the April 2023 re-coding of Surrey Heartlands (E54000052 to E54000063) and Sussex (E54000053 to
E54000064) and the 36 ICBs of April 2026 are followed. The files are written by the repository's
``tools/datasets/boundaries.py`` from ONS boundaries (Open Government Licence v3.0).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from importlib.resources import files
from typing import Final, TypeAlias

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import (
    CodeScheme,
    DateLike,
    Entity,
    IntegratedCareBoard,
    LocalAuthority,
    Period,
    Region,
    SubICBLocation,
    to_date,
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

ATTRIBUTION: Final = (
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right"
)
"""The attribution every map and every copy of the boundaries must carry."""

Ring: TypeAlias = tuple[tuple[float, float], ...]
"""A closed ring of (longitude, latitude) points, first point repeated last."""
Polygon: TypeAlias = tuple[Ring, ...]
"""A polygon: its exterior ring (anticlockwise) then its holes (clockwise), as in RFC 7946."""

LEVELS: Final[dict[str, type[Entity]]] = {
    "icb": IntegratedCareBoard,
    "sub-icb": SubICBLocation,
    "region": Region,
    "council": LocalAuthority,
}
"""The levels of geography with boundaries, and the kind of entity each holds."""


@attrs.frozen(kw_only=True)
class Vintage:
    """One bundled boundary file: a level of geography as drawn over a period.

    Attributes:
        name: the file's name without its suffix, such as ``icb-2023-04``.
        level: ``icb``, ``sub-icb``, ``region`` or ``council``.
        period: the dates it is used for.
        title: what it is and where it comes from.
    """

    name: str
    level: str
    period: Period
    title: str


def _vintage(name: str, level: str, start: str | None, end: str | None, title: str) -> Vintage:
    """Make a vintage (a short wrapper that keeps the table readable)."""
    return Vintage(name=name, level=level, period=Period(start=start, end=end), title=title)


VINTAGES: Final = (
    _vintage(
        "icb-2022-07",
        "icb",
        "2022-07-01",
        "2023-04-01",
        "ONS ICBs, July 2022 (ultra-generalised, dissolved from the sub-ICB locations)",
    ),
    _vintage("icb-2023-04", "icb", "2023-04-01", "2026-04-01", "ONS ICBs, April 2023 (super-generalised)"),
    _vintage(
        "icb-2026-04",
        "icb",
        "2026-04-01",
        None,
        "ICBs, April 2026, derived from the ONS sub-ICB locations of July 2022 (Frimley split by district, inferred)",
    ),
    _vintage(
        "sub-icb-2022-07", "sub-icb", "2022-07-01", "2026-04-01", "ONS sub-ICB locations, July 2022 (ultra-generalised)"
    ),
    _vintage(
        "sub-icb-2026-04",
        "sub-icb",
        "2026-04-01",
        None,
        "Sub-ICB locations from April 2026, derived from the ONS sub-ICB locations of July 2022: Frimley's "
        "(D4U1Y) split by district into the new U2G6B and the parts D9Y0V and 92A take (inferred)",
    ),
    _vintage("region-2022-07", "region", None, None, "ONS NHS England regions, July 2022 (ultra-generalised)"),
    _vintage("council-2021", "council", None, "2023-04-01", "ONS counties and unitary authorities, December 2021"),
    _vintage(
        "council-2023",
        "council",
        "2023-04-01",
        None,
        "ONS upper-tier councils from April 2023, dissolved from the May 2024 districts (ultra-generalised)",
    ),
)
"""The bundled boundary files, by level and the period each is used for."""


@attrs.frozen(kw_only=True)
class Boundary:
    """The boundary of one area on a date.

    Attributes:
        id: the entity's id.
        name: the entity's name.
        code: the GSS code the boundary was found under.
        vintage: the boundary file it comes from, such as ``icb-2023-04``.
        polygons: the area's polygons, in (longitude, latitude) degrees (EPSG:4326).
        derived: how the boundary was derived when it is not an ONS boundary as published.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.england()
        >>> essex = ic.io.boundary_of(land["D7T5G"], as_of="2026-04-01")
        >>> essex.code, essex.vintage, essex.inferred
        ('E54000066', 'icb-2026-04', False)
        >>> essex.derived
        'dissolved from the July 2022 sub-ICB locations 06Q, 06T, 07G, 07H, 99E, 99F, 99G'
        >>> [round(edge, 1) for edge in essex.bounds()]
        [-0.0, 51.5, 1.3, 52.1]
    """

    id: str
    name: str
    code: str
    vintage: str
    polygons: tuple[tuple[tuple[tuple[float, float], ...], ...], ...] = attrs.field(repr=False)
    derived: str | None = None

    @property
    def inferred(self) -> bool:
        """Return whether part of the boundary was inferred (Frimley's split by district)."""
        return self.derived is not None and "inferred" in self.derived

    def bounds(self) -> tuple[float, float, float, float]:
        """Return the smallest box holding the area: (west, south, east, north)."""
        xs = [x for polygon in self.polygons for x, _ in polygon[0]]
        ys = [y for polygon in self.polygons for _, y in polygon[0]]
        return min(xs), min(ys), max(xs), max(ys)


@attrs.frozen(kw_only=True)
class Boundaries:
    """The boundaries of one level of geography on a date, and the areas that have none.

    Attributes:
        level: ``icb``, ``sub-icb``, ``region`` or ``council``.
        as_of: the date.
        vintage: the boundary file in force (``None`` when none is).
        areas: the boundaries found, sorted by id.
        missing: the ids of the entities of that level in force on the date that have no boundary
            (no GSS code on the date, or a code the vintage does not hold), sorted.

    Examples:
        >>> import integratedcare as ic
        >>> found = ic.io.boundaries(ic.datasets.england(), as_of="2024-06-01", level="council")
        >>> found.vintage, len(found), found.missing
        ('council-2023', 153, ())
    """

    level: str
    as_of: dt.date
    vintage: str | None
    areas: tuple[Boundary, ...]
    missing: tuple[str, ...] = ()

    def __len__(self) -> int:
        """Return the number of areas with a boundary."""
        return len(self.areas)


_GSS: Final = re.compile(r"E\d{8}")
"""An English GSS code: the ids of councils in the bundled datasets are their codes."""


@functools.cache  # bounded: one entry per bundled boundary file (VINTAGES)
def _features(vintage: str) -> dict[str, tuple[str, tuple[Polygon, ...], str | None]]:
    """Read one bundled file (once): each code's name, polygons and derivation."""
    text = (files("integratedcare._geo") / "data" / f"{vintage}.geojson").read_text(encoding="utf-8")
    found = {}
    for feature in json.loads(text)["features"]:
        properties = feature["properties"]
        polygons = tuple(
            tuple(tuple((x, y) for x, y in ring) for ring in polygon) for polygon in feature["geometry"]["coordinates"]
        )
        found[properties["code"]] = (properties["name"], polygons, properties.get("derived"))
    return found


def _level(level: str) -> str:
    """Return a level, checked."""
    if level not in LEVELS:
        raise InvalidValueError(subject="boundaries", field="level", problem=f"must be one of {', '.join(LEVELS)}")
    return level


def vintage_in_force(level: str, as_of: DateLike) -> Vintage | None:
    """Return the vintage of a level in force on a date, if any."""
    day = to_date(as_of, field="as_of")
    return next((v for v in VINTAGES if v.level == _level(level) and v.period.contains(day)), None)


def level_of(entity: Entity) -> str | None:
    """Return the level of geography an entity's boundary is drawn at, or ``None`` for kinds without boundaries."""
    return next((level for level, cls in LEVELS.items() if isinstance(entity, cls)), None)


def _find(entity: Entity, vintage: Vintage, day: dt.date) -> Boundary | None:
    """Return the entity's boundary in a vintage: under its GSS code on the day, another it had, or its id."""
    features = _features(vintage.name)
    current = entity.code(CodeScheme.GSS, as_of=day)
    others = [c.value for c in entity.codes if c.scheme is CodeScheme.GSS and c.value != current]
    if _GSS.fullmatch(entity.id):
        others.append(entity.id)
    for code in [current, *others]:
        if code is not None and code in features:
            _, polygons, derived = features[code]
            return Boundary(
                id=entity.id, name=entity.name, code=code, vintage=vintage.name, polygons=polygons, derived=derived
            )
    return None


def boundary_of(entity: Entity, *, as_of: DateLike) -> Boundary | None:
    """Return an entity's boundary on a date, or ``None`` when it has none.

    ICBs, sub-ICB locations, NHS England regions and upper-tier councils have boundaries; the
    boundary is the one of the vintage in force on ``as_of`` under the entity's GSS code on that
    date (or, failing that, another GSS code the entity has had: a sub-ICB location re-coded in
    2023 is drawn with its July 2022 boundary; or its id, when the id is a GSS code, as the
    bundled datasets' councils' ids are). Places, PCNs and bodies have none.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.england()
        >>> sussex = ic.io.boundary_of(land["QNX"], as_of="2024-06-01")
        >>> sussex.code, sussex.vintage
        ('E54000064', 'icb-2023-04')
        >>> ic.io.boundary_of(land["QNX"], as_of="2022-07-01").code
        'E54000053'
        >>> ic.io.boundary_of(land["nhs-england"], as_of="2024-06-01") is None
        True
    """
    level = level_of(entity)
    day = to_date(as_of, field="as_of")
    vintage = None if level is None else vintage_in_force(level, day)
    return None if vintage is None else _find(entity, vintage, day)


def boundaries(landscape: Landscape, *, as_of: DateLike, level: str = "icb") -> Boundaries:
    """Return the boundaries of every area of one level in force on a date, and the areas without one.

    Args:
        landscape: the landscape.
        as_of: the date.
        level: ``icb`` (the default), ``sub-icb``, ``region`` or ``council``.

    Raises:
        InvalidValueError: the level is unknown.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.england()
        >>> len(ic.io.boundaries(land, as_of="2026-03-31")), len(ic.io.boundaries(land, as_of="2026-04-01"))
        (42, 36)
        >>> found = ic.io.boundaries(land, as_of="2026-04-01", level="icb")
        >>> [area.name for area in found.areas if area.inferred][:1]
        ['NHS Hampshire and Isle of Wight Integrated Care Board']
        >>> found.missing
        ()
    """
    day = to_date(as_of, field="as_of")
    vintage = vintage_in_force(level, day)
    areas: list[Boundary] = []
    missing: list[str] = []
    for entity in landscape.as_of(day).of_type(LEVELS[level]):
        found = None if vintage is None else _find(entity, vintage, day)
        if found is None:
            missing.append(entity.id)
        else:
            areas.append(found)
    return Boundaries(
        level=level,
        as_of=day,
        vintage=None if vintage is None else vintage.name,
        areas=tuple(sorted(areas, key=lambda a: a.id)),
        missing=tuple(sorted(missing)),
    )
