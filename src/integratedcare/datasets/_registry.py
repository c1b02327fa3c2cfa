"""The registry of bundled datasets: their descriptions, and loading them through the file format.

The files live in the package (``integratedcare/datasets/data``) and are read with
:mod:`importlib.resources`, never from the source tree; ``data/index.toml`` describes them. The
generators that write them are in the repository's ``tools/datasets``.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import tomllib
from importlib.resources import files
from typing import Any

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import ALWAYS, Period, Source, to_period
from integratedcare.datasets._errors import UnknownDatasetError
from integratedcare.io import loads

__all__ = ["DatasetInfo", "england", "info", "load", "names"]

_DATA = files("integratedcare.datasets") / "data"


@attrs.frozen(kw_only=True)
class DatasetInfo:
    """What a bundled dataset holds and where its facts come from.

    Attributes:
        name: the name to load it by, such as ``england``.
        title: a short title.
        description: what it holds, in a paragraph.
        file: the name of its file inside the package.
        sources: the main sources of its facts (each entity and relation also carries its own).
        notes: caveats, discrepancies between sources, and (for the teaching example) its
            deliberate guidance findings.
        coverage: the span of dates the dataset models; ``as_of`` a date outside it warns with a
            :class:`~integratedcare.errors.CoverageWarning`.

    Examples:
        >>> import integratedcare as ic
        >>> about = ic.datasets.info("england")
        >>> about.file
        'england.json.gz'
        >>> print(about)
        england: England 2022-2026: ICBs, sub-ICB locations, councils, ICSs and ICPs, NHS trusts, PCNs and GP
        practices (22 sources)
    """

    name: str
    title: str
    description: str
    file: str
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    coverage: Period = ALWAYS

    def __str__(self) -> str:
        """Return the name, the title and the number of sources."""
        return f"{self.name}: {self.title} ({len(self.sources)} sources)"


def _info(record: dict[str, Any]) -> DatasetInfo:
    """Make a dataset's description from its record in the index."""
    return DatasetInfo(
        name=record["name"],
        title=record["title"],
        description=record["description"],
        file=record["file"],
        sources=tuple(Source(**source) for source in record.get("sources", ())),
        notes=tuple(record.get("notes", ())),
        coverage=to_period(_span(record.get("coverage", {}))),
    )


def _span(record: dict[str, str]) -> tuple[str | None, str | None]:
    """Read a coverage record of the index (``start`` and ``end``, each optional) as a pair of dates."""
    return record.get("start"), record.get("end")


@functools.cache  # one entry: the bundled index
def _index() -> dict[str, DatasetInfo]:
    """Read the index of bundled datasets once."""
    records = tomllib.loads((_DATA / "index.toml").read_text(encoding="utf-8"))["datasets"]
    return {record["name"]: _info(record) for record in records}


def names() -> tuple[str, ...]:
    """Return the names of the bundled datasets, sorted.

    Examples:
        >>> import integratedcare as ic
        >>> ic.datasets.names()
        ('brackenshire', 'cheshire-and-merseyside', 'england', 'lancashire-and-south-cumbria',
         'north-east-and-north-cumbria')
    """
    return tuple(sorted(_index()))


def info(name: str) -> DatasetInfo:
    """Return the description of the bundled dataset ``name``: title, contents, sources and caveats.

    Raises:
        UnknownDatasetError: no bundled dataset has that name; close names are suggested.

    Examples:
        >>> import integratedcare as ic
        >>> ic.datasets.info("brackenshire").title
        'Brackenshire (fictional teaching example)'
    """
    index = _index()
    try:
        return index[name]
    except (KeyError, TypeError):
        suggestions = difflib.get_close_matches(str(name), index, n=3, cutoff=0.6)
        raise UnknownDatasetError(name=str(name), known=tuple(index), suggestions=suggestions) from None


def load(name: str) -> Landscape:
    """Return the bundled dataset ``name`` as a landscape, read through :func:`integratedcare.io.loads`.

    Each dataset is read once per process and then shared: landscapes are immutable.

    Raises:
        UnknownDatasetError: no bundled dataset has that name; close names are suggested.

    Examples:
        >>> import integratedcare as ic
        >>> cm = ic.datasets.load("cheshire-and-merseyside")
        >>> cm["QYG"].name
        'NHS Cheshire and Merseyside Integrated Care Board'
        >>> ic.datasets.load("cheshire-and-merseyside") is cm
        True
        >>> ic.datasets.load("chesire-and-merseyside")
        Traceback (most recent call last):
        ...
        integratedcare.datasets._errors.UnknownDatasetError: no dataset named "chesire-and-merseyside"; did you mean ...
    """
    about = info(name)
    land = _read(about.file)
    if land.coverage is None:
        land._declare_coverage(about.name, about.coverage)  # noqa: SLF001 (the registry declares what it loads)
    return land


@functools.cache  # bounded: one entry per file the bundled index names
def _read(file: str) -> Landscape:
    """Read one bundled file (once)."""
    resource = _DATA / file
    if file.endswith(".gz"):  # compact JSON, gzipped (england)
        return loads(gzip.decompress(resource.read_bytes()).decode("utf-8"), format="json", source=file)
    return loads(resource.read_text(encoding="utf-8"), format="json" if file.endswith(".json") else "toml", source=file)


def england() -> Landscape:
    """Return England's integrated care structure from 1 July 2022 (the ``england`` dataset).

    The national bodies, the seven NHS England regions, the 42 ICBs of 2022 and the 36 of
    2026, their sub-ICB locations, the upper-tier councils with their overlaps with ICB areas,
    an ICS and a statutory ICP per ICB, a health and wellbeing board per council, and NHS
    England's delegations.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.datasets.england()
        >>> len(land.as_of("2026-03-31").of_type(ic.ICB)), len(land.as_of("2026-04-01").of_type(ic.ICB))
        (42, 36)
        >>> sorted(r.target for r in land.as_of("2025-01-01").relations(ic.Overlaps, source="E10000012"))
        ['QH8', 'QJG', 'QM7']
    """
    return load("england")
