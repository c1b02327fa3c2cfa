"""The errors of reading, writing and exporting files.

Each derives from :class:`~integratedcare.IntegratedCareError` and the builtin it narrows, keeps
its structured fields, builds its message from them, and pickles.
"""

from __future__ import annotations

from integratedcare._errors import IntegratedCareError, MissingExtraError

__all__ = [
    "DiagramTooLargeWarning",
    "DroppedDataWarning",
    "FileFormatError",
    "FileSyntaxError",
    "FileTooLargeError",
    "MissingExtraError",
    "PictureTooLargeError",
    "UnsupportedFormatError",
]


class FileFormatError(IntegratedCareError, ValueError):
    """A problem in a landscape file: the file, the place inside it, and what is wrong.

    Loading collects every problem of a file into one :class:`~integratedcare.errors.LandscapeError`;
    each member is a :class:`FileFormatError` (or a subclass).

    Attributes:
        path: the file, such as ``cm.toml`` (``<string>`` for text given directly).
        location: the place inside the file, such as ``entities[12].population`` (empty for the whole file).
        problem: what is wrong, such as ``must be in person, got 320000.0 GBP``.
        line: the line of the problem, where the reader knows it (syntax errors), else ``None``.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.FileFormatError(path="cm.toml", location="entities[12].population",
        ...                          problem="must be in person, got 320000.0 GBP")
        >>> print(err)
        cm.toml: entities[12].population: must be in person, got 320000.0 GBP
        >>> isinstance(err, ValueError)
        True
    """

    path: str
    location: str
    problem: str
    line: int | None

    def __init__(self, *, path: str, location: str = "", problem: str, line: int | None = None) -> None:
        where = path if line is None else f"{path}, line {line}"
        inside = f"{location}: " if location else ""
        super().__init__(f"{where}: {inside}{problem}", path=path, location=location, problem=problem, line=line)


class FileSyntaxError(FileFormatError):
    """A file is not valid TOML or JSON; the error gives the line.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.FileSyntaxError(path="cm.toml", problem="expected '=' (at line 3, column 5)", line=3))
        cm.toml, line 3: expected '=' (at line 3, column 5)
    """


class FileTooLargeError(IntegratedCareError, ValueError):
    """A file is larger than the loader accepts (see :class:`integratedcare.io.Limits`).

    ``size`` is ``None`` when the file could not be measured (a device or a pipe, read until the
    limit was passed).

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.FileTooLargeError(path="huge.json", size=60_000_000, limit=50_000_000))
        huge.json: the file is 60000000 bytes; files over 50000000 bytes are refused
        >>> print(ic.errors.FileTooLargeError(path="/dev/zero", size=None, limit=50_000_000))
        /dev/zero: the file holds more than 50000000 bytes; files over 50000000 bytes are refused
    """

    path: str
    size: int | None
    limit: int

    def __init__(self, *, path: str, size: int | None, limit: int) -> None:
        measured = f"the file is {size} bytes" if size is not None else f"the file holds more than {limit} bytes"
        super().__init__(f"{path}: {measured}; files over {limit} bytes are refused", path=path, size=size, limit=limit)


class UnsupportedFormatError(IntegratedCareError, ValueError):
    """A file format was asked for (by name or by the file's suffix) that integratedcare does not read or write.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.UnsupportedFormatError(requested=".xlsx", supported=("json", "toml")))
        format ".xlsx" is not supported; use one of json, toml
    """

    requested: str
    supported: tuple[str, ...]

    def __init__(self, *, requested: str, supported: tuple[str, ...]) -> None:
        message = f'format "{requested}" is not supported; use one of {", ".join(supported)}'
        super().__init__(message, requested=requested, supported=tuple(supported))


class DroppedDataWarning(UserWarning):
    """An import read what the model can hold and dropped the rest; ``dropped`` says what, item by item.

    :func:`~integratedcare.io.from_fhir` and :func:`~integratedcare.io.from_ods` warn once per
    call when they drop anything. Catch it with ``warnings.catch_warnings`` to read the list,
    or filter it to silence it.

    Attributes:
        source: what was read (a file name, or ``<bundle>``).
        dropped: one text per item dropped: the resource or record, the field, and why.

    Examples:
        >>> import integratedcare as ic
        >>> warning = ic.errors.DroppedDataWarning(source="ods.json", dropped=("QYG: GeoLoc", "QYG: Contacts"))
        >>> print(warning)
        ods.json: 2 items dropped: QYG: GeoLoc; QYG: Contacts
    """

    def __init__(self, *, source: str, dropped: tuple[str, ...]) -> None:
        self.source = source
        self.dropped = tuple(dropped)
        noun = "item" if len(self.dropped) == 1 else "items"
        super().__init__(f"{source}: {len(self.dropped)} {noun} dropped: {'; '.join(self.dropped)}")


class PictureTooLargeError(IntegratedCareError, ValueError):
    """A picture would hold more boxes than anyone can read; the message says how to draw part of it.

    Attributes:
        subject: what was to be drawn (a landscape's name).
        boxes: how many boxes the picture would hold.
        limit: the most :func:`integratedcare.draw` draws in one picture.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.PictureTooLargeError(subject="England", boxes=8913, limit=250)
        >>> print(err)  # doctest: +ELLIPSIS
        England: 8913 boxes are too many for one readable picture (at most 250); draw part of it: ...
    """

    subject: str
    boxes: int
    limit: int

    def __init__(self, *, subject: str, boxes: int, limit: int) -> None:
        message = (
            f"{subject}: {boxes} boxes are too many for one readable picture (at most {limit}); draw part of it: "
            "kinds=[ic.Region, ic.ICB] with relations=[ic.Within] (England by region), around=<an id> with depth=1 "
            "(one body and its neighbours), or a date with as_of=; or draw a map with ic.draw_map"
        )
        super().__init__(message, subject=subject, boxes=boxes, limit=limit)


class DiagramTooLargeWarning(UserWarning):
    """A Mermaid diagram passes the limits Mermaid's renderer applies by default, so it will not render as is.

    Mermaid (as GitHub and GitLab run it) refuses a flowchart with more than 500 edges
    (``maxEdges``) or more than 50,000 characters of text (``maxTextSize``). Export part of the
    landscape with ``around=``, ``depth=`` and ``kinds=``, or raise the limits where you render it.

    Attributes:
        edges: the diagram's edges.
        characters: the diagram's length in characters.
        max_edges: Mermaid's default ``maxEdges``.
        max_text_size: Mermaid's default ``maxTextSize``.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.DiagramTooLargeWarning(edges=9000, characters=600_000))  # doctest: +ELLIPSIS
        the Mermaid diagram has 9,000 edges and 600,000 characters, past Mermaid's default limits ...
    """

    def __init__(self, *, edges: int, characters: int, max_edges: int = 500, max_text_size: int = 50_000) -> None:
        self.edges, self.characters = edges, characters
        self.max_edges, self.max_text_size = max_edges, max_text_size
        super().__init__(
            f"the Mermaid diagram has {edges:,} edges and {characters:,} characters, past Mermaid's default limits "
            f"(maxEdges {max_edges:,}, maxTextSize {max_text_size:,}), so GitHub and GitLab will not render it; "
            "export part of the landscape with around=, depth= or kinds="
        )
