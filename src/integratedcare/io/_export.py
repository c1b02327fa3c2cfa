"""One entry point for every export: :func:`export` picks the format from the file's suffix."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

from integratedcare._landscape import Landscape
from integratedcare.io._diagrams import to_dot, to_mermaid
from integratedcare.io._files import dumps, format_of
from integratedcare.io._graphs import to_gexf, to_graphml, to_node_link
from integratedcare.io._rdf import to_jsonld, to_turtle

__all__ = ["EXPORT_FORMATS", "export", "export_text"]


def _node_link(landscape: Landscape, *, derived: bool) -> str:
    """Write node-link data as indented JSON."""
    return json.dumps(to_node_link(landscape, derived=derived), indent=2, ensure_ascii=False) + "\n"


_WRITERS: Final[dict[str, Callable[..., str]]] = {
    "toml": lambda landscape, derived: dumps(landscape, format="toml"),  # noqa: ARG005 (files hold no derived duties)
    "json": lambda landscape, derived: dumps(landscape, format="json"),  # noqa: ARG005 (as above)
    "graphml": to_graphml,
    "gexf": to_gexf,
    "node-link": _node_link,
    "mermaid": to_mermaid,
    "dot": to_dot,
    "turtle": to_turtle,
    "jsonld": to_jsonld,
}

EXPORT_FORMATS: Final[dict[str, str]] = {
    ".toml": "toml",
    ".json": "json",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".ttl": "turtle",
    ".jsonld": "jsonld",
}
"""The suffixes :func:`export` recognises, and their formats (``node-link`` must be named)."""


def export(
    landscape: Landscape,
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002 (the natural word)
    *,
    derived: bool = True,
) -> Path:
    """Write the landscape to ``path`` in ``format``, by default the one its suffix names.

    Formats: ``toml`` and ``json`` (the file format, see :func:`dump`), ``graphml``, ``gexf``,
    ``node-link`` (JSON; name it, since ``.json`` means the file format), ``mermaid`` (``.mmd``),
    ``dot`` (``.dot``, ``.gv``), ``turtle`` (``.ttl``) and ``jsonld``. Every output is UTF-8 and
    deterministic. ``derived`` adds the duties derived from the law to the exports (not to the
    file format, which holds only what was typed in).

    Returns:
        The path written.

    Raises:
        UnsupportedFormatError: the format is unknown, or the suffix names none.
        MissingExtraError: an RDF format was asked for without rdflib installed.

    Examples:
        >>> import integratedcare as ic, pathlib, tempfile
        >>> land = ic.LandscapeBuilder("Example").add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> ic.io.export(land, folder / "example.graphml").name
        'example.graphml'
        >>> ic.io.export(land, folder / "example.json", "node-link").read_text()[:1]
        '{'
    """
    known = {**EXPORT_FORMATS, "node-link": "node-link"}
    chosen = format_of(path, format, known)
    target = Path(path)
    target.write_bytes(_WRITERS[chosen](landscape, derived=derived).encode("utf-8"))
    return target


def export_text(landscape: Landscape, format: str, *, derived: bool = True) -> str:  # noqa: A002 (as export)
    """Return the text :func:`export` would write in ``format`` (for standard output).

    Raises:
        UnsupportedFormatError: the format is unknown.
    """
    chosen = format_of("-", format, {**EXPORT_FORMATS, "node-link": "node-link"})
    return _WRITERS[chosen](landscape, derived=derived)
