"""Reading and writing landscapes: the integratedcare file format (TOML and JSON), its JSON Schema, and exports.

Use it as ``integratedcare.io``. :func:`load` and :func:`dump` read and write the file format
(the suffix picks TOML or JSON); :func:`json_schema` returns the format's JSON Schema; and
:func:`export` writes the landscape for other tools (GraphML, GEXF, node-link JSON, Mermaid,
Graphviz DOT, RDF Turtle and JSON-LD), each also available as a ``to_*`` function, as is
:func:`to_dataframes` for pandas. :func:`boundaries` and :func:`boundary_of` give the bundled
ONS boundaries of England's areas on a date, and :func:`to_geojson` and :func:`to_geodataframe`
export them with each area's id, kind, name and codes. :func:`to_fhir` and :func:`from_fhir`
write and read FHIR R4 bundles of organisations and affiliations, :func:`from_ods` reads ODS ORD
records, and :func:`to_parquet` writes typed Parquet tables. ``FORMAT`` is the format's version key,
``MAX_FILE_SIZE`` the largest file read by default (in bytes), :class:`Limits` the bounds every
file is held to, ``EXPORT_FORMATS`` the suffixes :func:`export`
knows, ``VOCAB`` the namespace of the RDF vocabulary, ``PARQUET_TABLES`` the tables
:func:`to_parquet` writes. For FHIR and ODS: ``ODS_SYSTEM`` and ``GSS_SYSTEM`` are the identifier
systems of ODS and GSS codes, ``ODS_ROLE_SYSTEM`` the code system of ODS roles, ``ODS_ROLES`` each
kind's ODS role (code and name), ``ODS_RELATIONSHIPS`` the ORD relationships (each id's ORD name
and the kind of relation :func:`from_ods` makes of it, or None), and ``FHIR_BASE`` the base of
the code systems and extensions the library defines (see the FHIR page).

Examples:
    >>> import integratedcare as ic
    >>> land = ic.LandscapeBuilder("Example").add(
    ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None))).build()
    >>> text = ic.io.dumps(land, format="json")
    >>> ic.io.loads(text, format="json") == land
    True
    >>> ic.io.FORMAT
    'integratedcare/1'
"""

from __future__ import annotations

from integratedcare._geo import Boundaries, Boundary, boundaries, boundary_of
from integratedcare.io._diagrams import to_dot, to_mermaid
from integratedcare.io._errors import (
    DiagramTooLargeWarning,
    DroppedDataWarning,
    FileFormatError,
    FileSyntaxError,
    FileTooLargeError,
    MissingExtraError,
    PictureTooLargeError,
    UnsupportedFormatError,
)
from integratedcare.io._export import EXPORT_FORMATS, export
from integratedcare.io._fhir import FHIR_BASE, GSS_SYSTEM, ODS_ROLE_SYSTEM, ODS_ROLES, ODS_SYSTEM, from_fhir, to_fhir
from integratedcare.io._files import FORMAT, MAX_FILE_SIZE, dump, dumps, load, loads
from integratedcare.io._geojson import to_geodataframe, to_geojson
from integratedcare.io._graphs import to_gexf, to_graphml, to_node_link
from integratedcare.io._limits import Limits
from integratedcare.io._ods import ODS_RELATIONSHIPS, from_ods
from integratedcare.io._parquet import PARQUET_TABLES, to_parquet
from integratedcare.io._rdf import VOCAB, to_jsonld, to_turtle
from integratedcare.io._schema import json_schema
from integratedcare.io._tables import to_dataframes

__all__ = [
    "Boundaries",
    "Boundary",
    "DiagramTooLargeWarning",
    "DroppedDataWarning",
    "EXPORT_FORMATS",
    "FORMAT",
    "FHIR_BASE",
    "FileFormatError",
    "FileSyntaxError",
    "FileTooLargeError",
    "GSS_SYSTEM",
    "Limits",
    "MAX_FILE_SIZE",
    "MissingExtraError",
    "ODS_RELATIONSHIPS",
    "ODS_ROLES",
    "ODS_ROLE_SYSTEM",
    "ODS_SYSTEM",
    "PARQUET_TABLES",
    "PictureTooLargeError",
    "UnsupportedFormatError",
    "VOCAB",
    "boundaries",
    "boundary_of",
    "dump",
    "dumps",
    "export",
    "from_fhir",
    "from_ods",
    "json_schema",
    "load",
    "loads",
    "to_dataframes",
    "to_dot",
    "to_geodataframe",
    "to_geojson",
    "to_fhir",
    "to_gexf",
    "to_graphml",
    "to_jsonld",
    "to_mermaid",
    "to_node_link",
    "to_parquet",
    "to_turtle",
]
