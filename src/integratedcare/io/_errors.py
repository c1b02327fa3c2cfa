"""The errors of reading, writing and exporting files.

Each derives from :class:`~integratedcare.IntegratedCareError` and the builtin it narrows, keeps
its structured fields, builds its message from them, and pickles.
"""

from __future__ import annotations

from integratedcare._errors import IntegratedCareError

__all__ = ["FileFormatError", "FileSyntaxError", "FileTooLargeError", "MissingExtraError", "UnsupportedFormatError"]


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

    def __init__(self, *, path: str, location: str = "", problem: str, line: int | None = None) -> None:
        self.path = path
        self.location = location
        self.problem = problem
        self.line = line
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

    def __init__(self, *, path: str, size: int | None, limit: int) -> None:
        self.path = path
        self.size = size
        self.limit = limit
        measured = f"the file is {size} bytes" if size is not None else f"the file holds more than {limit} bytes"
        super().__init__(f"{path}: {measured}; files over {limit} bytes are refused", path=path, size=size, limit=limit)


class UnsupportedFormatError(IntegratedCareError, ValueError):
    """A file format was asked for (by name or by the file's suffix) that integratedcare does not read or write.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.UnsupportedFormatError(requested=".xlsx", supported=("json", "toml")))
        format ".xlsx" is not supported; use one of json, toml
    """

    def __init__(self, *, requested: str, supported: tuple[str, ...]) -> None:
        self.requested = requested
        self.supported = tuple(supported)
        super().__init__(
            f'format "{requested}" is not supported; use one of {", ".join(self.supported)}',
            requested=requested,
            supported=self.supported,
        )


class MissingExtraError(IntegratedCareError, ImportError):
    """An optional dependency is not installed; the message names the extra that installs it.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.MissingExtraError(feature="to_turtle", module="rdflib", extra="rdf"))
        to_turtle needs rdflib, which is not installed: pip install "integratedcare[rdf]"
    """

    def __init__(self, *, feature: str, module: str, extra: str) -> None:
        self.feature = feature
        self.module = module
        self.extra = extra
        super().__init__(
            f'{feature} needs {module}, which is not installed: pip install "integratedcare[{extra}]"',
            feature=feature,
            module=module,
            extra=extra,
        )
