"""The error the datasets layer raises."""

from __future__ import annotations

from collections.abc import Sequence

from integratedcare._errors import IntegratedCareError, did_you_mean

__all__ = ["UnknownDatasetError"]


class UnknownDatasetError(IntegratedCareError, KeyError):
    """No bundled dataset has the name asked for; close names are suggested.

    Attributes:
        name: the name asked for.
        known: the names of the bundled datasets.
        suggestions: known names close to ``name``.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.datasets.UnknownDatasetError(name="englund", known=("england", "brackenshire"),
        ...                                       suggestions=("england",))
        >>> print(err)
        no dataset named "englund"; did you mean "england"? (bundled: brackenshire, england)
        >>> isinstance(err, KeyError)
        True
    """

    name: str
    known: tuple[str, ...]
    suggestions: tuple[str, ...]

    def __init__(self, *, name: str, known: Sequence[str] = (), suggestions: Sequence[str] = ()) -> None:
        known = tuple(sorted(known))
        listed = f" (bundled: {', '.join(known)})" if known else ""
        message = f'no dataset named "{name}"{did_you_mean(suggestions)}{listed}'
        super().__init__(message, name=name, known=known, suggestions=tuple(suggestions))
