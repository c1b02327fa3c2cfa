"""Errors: one root, builtins narrowed, structured fields, messages built from them, and pickling."""

from __future__ import annotations

import pickle

import pytest

import integratedcare as ic

ERRORS = [
    ic.IntegratedCareError("plain"),
    ic.errors.InvalidValueError(subject='icb "x"', field="name", problem="must not be empty"),
    ic.errors.InvalidPeriodError(field="period", problem="must end after it starts"),
    ic.errors.UnitError(subject='place "p"', field="population", problem="must be in person"),
    ic.errors.InvalidCodeError(field="code value", problem="must be a GSS code"),
    ic.errors.DuplicateIdError(id="QYG", kinds=("a", "b")),
    ic.errors.DuplicateRelationError(relation='within "a" -> "b"'),
    ic.errors.UnknownEntityError(id="QYH", referrer='within "a" -> "QYH"', field="target", suggestions=("QYG", "QYJ")),
    ic.errors.InvalidRelationError(relation='prepares "a" -> "b"', field="target", expected=("document",), got="place"),
    ic.errors.PeriodMismatchError(
        relation='within "a" -> "b"', field="source", period="[…, …)", lifetime="[2022-07-01, …)"
    ),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_with_their_fields(error: ic.IntegratedCareError) -> None:
    """Every error pickles and comes back with the same class and message."""
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert isinstance(back, ic.IntegratedCareError)


def test_builtins_are_narrowed() -> None:
    """Each error is also the builtin it narrows."""
    assert issubclass(ic.errors.UnknownEntityError, KeyError)
    assert issubclass(ic.errors.InvalidValueError, ValueError)
    assert issubclass(ic.errors.InvalidRelationError, TypeError)
    assert issubclass(ic.errors.DuplicateIdError, ValueError)
    assert issubclass(ic.errors.LandscapeError, ExceptionGroup)


def test_messages() -> None:
    """Messages name the thing, what was expected and what was found."""
    assert str(ERRORS[7]) == 'within "a" -> "QYH": target no entity with id "QYH"; did you mean "QYG" or "QYJ"?'
    assert str(ic.errors.UnknownEntityError(id="x")) == 'no entity with id "x"'
    assert str(ic.errors.DuplicateIdError(id="x")) == 'id "x" is used by more than one entity'
    assert str(ic.errors.InvalidValueError(problem="is wrong")) == "is wrong"


def test_about_names_the_subject() -> None:
    """about() returns a copy naming the subject."""
    err = ic.errors.UnitError(field="population", problem="must be in person").about('place "p"')
    assert isinstance(err, ic.errors.UnitError)
    assert str(err) == 'place "p": population must be in person'


def test_landscape_error_group() -> None:
    """The group pickles, keeps its class when split, and lists every problem."""
    group = ic.errors.LandscapeError("2 problems", [ERRORS[5], ERRORS[7]])
    back = pickle.loads(pickle.dumps(group))  # noqa: S301 (our own bytes)
    assert isinstance(back, ic.errors.LandscapeError)
    assert [str(e) for e in back.exceptions] == [str(ERRORS[5]), str(ERRORS[7])]
    unknown, rest = group.split(ic.errors.UnknownEntityError)
    assert isinstance(unknown, ic.errors.LandscapeError)
    assert isinstance(rest, ic.errors.LandscapeError)
    assert str(group).splitlines()[1] == f"  - {ERRORS[5]}"
    seen: list[int] = []
    try:
        raise group
    except* ic.errors.DuplicateIdError as dup:
        seen.append(len(dup.exceptions))
    except* ic.errors.UnknownEntityError as unk:
        seen.append(len(unk.exceptions))
    assert seen == [1, 1]
