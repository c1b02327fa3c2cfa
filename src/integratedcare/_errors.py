"""The errors integratedcare raises.

Every error derives from :class:`IntegratedCareError`, and each subclass also derives from
the builtin exception it narrows, so ``except KeyError`` still catches an unknown id.
Errors keep their structured fields (the subject, the field, the expected and actual values)
and build their message from them. Every error pickles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

__all__ = [
    "DuplicateIdError",
    "MissingExtraError",
    "DuplicateRelationError",
    "IntegratedCareError",
    "InvalidCodeError",
    "InvalidPeriodError",
    "InvalidRelationError",
    "InvalidValueError",
    "LandscapeError",
    "PeriodMismatchError",
    "UnitError",
    "UnknownEntityError",
]


def did_you_mean(suggestions: Sequence[str]) -> str:
    """Return the hint that ends a message naming close ids, or nothing when there are none.

    Examples:
        >>> from integratedcare._errors import did_you_mean
        >>> did_you_mean(("QYG", "QYF"))
        '; did you mean "QYG" or "QYF"?'
        >>> did_you_mean(())
        ''
    """
    return "; did you mean " + " or ".join(f'"{s}"' for s in suggestions) + "?" if suggestions else ""


def _restore(cls: type[IntegratedCareError], kwargs: dict[str, Any]) -> IntegratedCareError:
    """Rebuild an error from its class and keyword fields (the pickle protocol)."""
    return cls(**kwargs)


class IntegratedCareError(Exception):
    """The root of every error raised by integratedcare.

    Examples:
        >>> import integratedcare as ic
        >>> issubclass(ic.errors.UnknownEntityError, ic.IntegratedCareError)
        True
    """

    def __init__(self, message: str = "", **fields: Any) -> None:  # noqa: ANN401 (fields vary)
        super().__init__(message)
        # A subclass passes its own constructor's keywords as ``fields``; the root and
        # subclasses without a constructor of their own are rebuilt from the message.
        self._fields: dict[str, Any] = dict(fields) if fields else {"message": message}
        # Every field is an attribute too; a subclass declares their types in its body.
        for name, value in fields.items():
            setattr(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by keyword fields, so subclasses with their own signatures round-trip."""
        return (_restore, (type(self), self._fields))

    def __str__(self) -> str:
        """Return the message built from the error's fields."""
        return str(self.args[0]) if self.args else ""


class InvalidValueError(IntegratedCareError, ValueError):
    """A field of an entity or relation holds a value it may not hold.

    Attributes:
        subject: what holds the field, such as ``place "wirral-place"`` (empty if unknown).
        field: the field's name, such as ``population``.
        problem: what is wrong, such as ``must be in person, got 3.2e5 GBP``.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.InvalidValueError(subject='place "wirral"', field="name", problem="must not be empty")
        >>> str(err)
        'place "wirral": name must not be empty'
        >>> isinstance(err, ValueError)
        True
    """

    subject: str
    field: str
    problem: str

    def __init__(self, *, subject: str = "", field: str = "", problem: str) -> None:
        where = f"{subject}: " if subject else ""
        name = f"{field} " if field else ""
        super().__init__(f"{where}{name}{problem}", subject=subject, field=field, problem=problem)

    def about(self, subject: str) -> Self:
        """Return a copy of this error naming ``subject`` (used when a builder learns the id)."""
        return type(self)(**{**self._fields, "subject": subject})


class InvalidPeriodError(InvalidValueError):
    """A period is impossible, such as one that ends before it starts, or a date is malformed.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Period("2024-01-01", "2023-01-01")
        Traceback (most recent call last):
        ...
        integratedcare._errors.InvalidPeriodError: period must end after it starts, got [2024-01-01, ...)
    """


class UnitError(InvalidValueError):
    """A quantity is in the wrong unit, or is not a quantity at all.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Place(id="wirral-place", name="Wirral", population=ic.quantity(3.2e5, "GBP"))
        Traceback (most recent call last):
        ...
        integratedcare._errors.UnitError: place-based-partnership "wirral-place": population must be in person, ...
    """


class InvalidCodeError(InvalidValueError):
    """An ODS or GSS code does not have the form its scheme requires.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Code(ic.CodeScheme.GSS, "X123")
        Traceback (most recent call last):
        ...
        integratedcare._errors.InvalidCodeError: code value must be a GSS code (...), got 'X123'
    """


class DuplicateIdError(IntegratedCareError, ValueError):
    """Two entities given to one landscape share an id.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.errors.DuplicateIdError(id="QYG", kinds=("integrated-care-board", "place")))
        'id "QYG" is used by more than one entity (integrated-care-board, place)'
    """

    id: str
    kinds: tuple[str, ...]

    def __init__(self, *, id: str, kinds: Sequence[str] = ()) -> None:  # noqa: A002 (the domain's word)
        listed = f" ({', '.join(kinds)})" if kinds else ""
        super().__init__(f'id "{id}" is used by more than one entity{listed}', id=id, kinds=tuple(kinds))


class UnknownEntityError(IntegratedCareError, KeyError):
    """An id names no entity of the landscape; close ids are suggested.

    Attributes:
        id: the id asked for.
        referrer: what referred to it (such as a relation), or empty.
        field: the referring field (such as ``target``), or empty.
        suggestions: ids of the landscape that are close to ``id``.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.UnknownEntityError(id="QYH", suggestions=("QYG",))
        >>> str(err)
        'no entity with id "QYH"; did you mean "QYG"?'
        >>> isinstance(err, KeyError)
        True
    """

    id: str
    referrer: str
    field: str
    suggestions: tuple[str, ...]

    def __init__(
        self,
        *,
        id: str,  # noqa: A002 (the domain's word)
        referrer: str = "",
        field: str = "",
        suggestions: Sequence[str] = (),
    ) -> None:
        where = f"{referrer}: " if referrer else ""
        name = f"{field} " if field else ""
        message = f'{where}{name}no entity with id "{id}"{did_you_mean(suggestions)}'
        super().__init__(message, id=id, referrer=referrer, field=field, suggestions=tuple(suggestions))


class InvalidRelationError(IntegratedCareError, TypeError):
    """A relation joins entities of kinds it may not join.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.errors.InvalidRelationError(relation='prepares "a" -> "b"', field="target",
        ...                             expected=("document",), got="place"))
        'prepares "a" -> "b": target must be a document, got a place'
    """

    relation: str
    field: str
    expected: tuple[str, ...]
    got: str

    def __init__(self, *, relation: str, field: str, expected: Sequence[str], got: str) -> None:
        message = f"{relation}: {field} must be a {' or '.join(expected)}, got a {got}"
        super().__init__(message, relation=relation, field=field, expected=tuple(expected), got=got)


class PeriodMismatchError(IntegratedCareError, ValueError):
    """A relation holds at a time when one of its endpoints does not exist.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.PeriodMismatchError(relation='member-of "a" -> "b"', field="target",
        ...                              period="[2020-01-01, …)", lifetime="[2022-07-01, …)")
        >>> print(err)
        member-of "a" -> "b": period [2020-01-01, …) must lie within the lifetime of its target [2022-07-01, …)
    """

    relation: str
    field: str
    period: str
    lifetime: str

    def __init__(self, *, relation: str, field: str, period: str, lifetime: str) -> None:
        message = f"{relation}: period {period} must lie within the lifetime of its {field} {lifetime}"
        super().__init__(message, relation=relation, field=field, period=period, lifetime=lifetime)


class LandscapeError(IntegratedCareError, ExceptionGroup[IntegratedCareError]):
    """Every problem found while building or loading a landscape, raised together.

    An :class:`ExceptionGroup` whose members are :class:`~integratedcare.IntegratedCareError` instances;
    ``except*`` picks out the kinds you care about.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.LandscapeError("2 problems", [ic.errors.UnknownEntityError(id="x"),
        ...                                        ic.errors.DuplicateIdError(id="y")])
        >>> len(err.exceptions)
        2
    """

    def __new__(cls, message: str, exceptions: Sequence[IntegratedCareError]) -> Self:
        """Create the group (ExceptionGroup builds in ``__new__``)."""
        return super().__new__(cls, message, exceptions)

    def __init__(self, message: str, exceptions: Sequence[IntegratedCareError]) -> None:
        # ExceptionGroup is initialised by __new__; keep the fields for pickling.
        self._fields = {"message": message, "exceptions": tuple(exceptions)}

    def __str__(self) -> str:
        """Return the summary and one line per problem."""
        lines = [str(self.message)]
        lines.extend(f"  - {exc}" for exc in self.exceptions)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the class, message and member errors."""
        return (type(self), (self.message, list(self.exceptions)))

    def derive(self, excs: Sequence[IntegratedCareError]) -> LandscapeError:  # type: ignore[override]
        """Keep the class when ``except*`` splits the group."""
        return LandscapeError(self.message, excs)


class DuplicateRelationError(IntegratedCareError, ValueError):
    """The same relation was given twice to one landscape.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.errors.DuplicateRelationError(relation='within "a" -> "b"'))
        'within "a" -> "b": is given more than once'
    """

    relation: str

    def __init__(self, *, relation: str) -> None:
        super().__init__(f"{relation}: is given more than once", relation=relation)


class CoverageWarning(UserWarning):
    """A date outside the span a dataset declares it covers: the answer may leave out what it does not model.

    A bundled dataset declares its coverage (:attr:`~integratedcare.datasets.DatasetInfo.coverage`);
    asking it for a date outside (``as_of``, or ``check(..., as_of=...)``) still answers, with this warning.

    Attributes:
        dataset: the dataset's name.
        date: the date asked for, as ISO text.
        coverage: the span covered, as text.

    Examples:
        >>> import integratedcare as ic
        >>> warning = ic.errors.CoverageWarning(dataset="england", date="1990-01-01", coverage="[2022-07-01, …)")
        >>> print(warning)  # doctest: +NORMALIZE_WHITESPACE
        1990-01-01 is outside the coverage of dataset "england", [2022-07-01, …): bodies and links
        before or after it are not modelled
    """

    def __init__(self, *, dataset: str, date: str, coverage: str) -> None:
        super().__init__(
            f'{date} is outside the coverage of dataset "{dataset}", {coverage}: '
            "bodies and links before or after it are not modelled"
        )
        self.dataset, self.date, self.coverage = dataset, date, coverage


class MissingExtraError(IntegratedCareError, ImportError):
    """An optional dependency is not installed; the message names the extra that installs it.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.MissingExtraError(feature="to_turtle", module="rdflib", extra="rdf"))
        to_turtle needs rdflib, which is not installed: pip install "integratedcare[rdf]"
    """

    feature: str
    module: str
    extra: str

    def __init__(self, *, feature: str, module: str, extra: str) -> None:
        message = f'{feature} needs {module}, which is not installed: pip install "integratedcare[{extra}]"'
        super().__init__(message, feature=feature, module=module, extra=extra)
