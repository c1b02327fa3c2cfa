"""Reading and writing landscapes: the integratedcare file format (TOML and JSON), its JSON Schema, and exports.

Use it as ``integratedcare.io``. :func:`load` and :func:`dump` read and write the file format
(the suffix picks TOML or JSON); :func:`json_schema` returns the format's JSON Schema; and
:func:`export` writes the landscape for other tools (GraphML, GEXF, node-link JSON, Mermaid,
Graphviz DOT, RDF Turtle and JSON-LD), each also available as a ``to_*`` function, as is
:func:`to_dataframes` for pandas. ``FORMAT`` is the format's version key, ``MAX_FILE_SIZE`` the
largest file read by default (in bytes), :class:`Limits` the bounds every file is held
to, ``EXPORT_FORMATS`` the suffixes :func:`export` knows, and
``VOCAB`` the namespace of the RDF vocabulary.

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

from integratedcare.io._diagrams import to_dot, to_mermaid
from integratedcare.io._errors import (
    FileFormatError,
    FileSyntaxError,
    FileTooLargeError,
    MissingExtraError,
    UnsupportedFormatError,
)
from integratedcare.io._export import EXPORT_FORMATS, export
from integratedcare.io._files import FORMAT, MAX_FILE_SIZE, dump, dumps, load, loads
from integratedcare.io._graphs import to_gexf, to_graphml, to_node_link
from integratedcare.io._limits import Limits
from integratedcare.io._rdf import VOCAB, to_jsonld, to_turtle
from integratedcare.io._schema import json_schema
from integratedcare.io._tables import to_dataframes

__all__ = [
    "EXPORT_FORMATS",
    "FORMAT",
    "FileFormatError",
    "FileSyntaxError",
    "FileTooLargeError",
    "Limits",
    "MAX_FILE_SIZE",
    "MissingExtraError",
    "UnsupportedFormatError",
    "VOCAB",
    "dump",
    "dumps",
    "export",
    "json_schema",
    "load",
    "loads",
    "to_dataframes",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_jsonld",
    "to_mermaid",
    "to_node_link",
    "to_turtle",
]
