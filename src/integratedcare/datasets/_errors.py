"""The error the datasets layer raises."""

from __future__ import annotations

from collections.abc import Sequence

from integratedcare._errors import IntegratedCareError

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

    def __init__(self, *, name: str, known: Sequence[str] = (), suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        self.suggestions = tuple(suggestions)
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + " or ".join(f'"{s}"' for s in self.suggestions) + "?"
        listed = f" (bundled: {', '.join(self.known)})" if self.known else ""
        super().__init__(
            f'no dataset named "{name}"{hint}{listed}',
            name=name,
            known=self.known,
            suggestions=self.suggestions,
        )
