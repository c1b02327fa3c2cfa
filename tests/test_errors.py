"""Errors: one root, builtins narrowed, structured fields, messages built from them, and pickling."""

from __future__ import annotations

import pickle

import pytest

import integratedcare as ic

ERRORS = [
    ic.IntegratedCareError("plain"),
    ic.InvalidValueError(subject='icb "x"', field="name", problem="must not be empty"),
    ic.InvalidPeriodError(field="period", problem="must end after it starts"),
    ic.UnitError(subject='place "p"', field="population", problem="must be in person"),
    ic.InvalidCodeError(field="code value", problem="must be a GSS code"),
    ic.DuplicateIdError(id="QYG", kinds=("a", "b")),
    ic.DuplicateRelationError(relation='within "a" -> "b"'),
    ic.UnknownEntityError(id="QYH", referrer='within "a" -> "QYH"', field="target", suggestions=("QYG", "QYJ")),
    ic.InvalidRelationError(relation='prepares "a" -> "b"', field="target", expected=("document",), got="place"),
    ic.PeriodMismatchError(relation='within "a" -> "b"', field="source", period="[…, …)", lifetime="[2022-07-01, …)"),
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
    assert issubclass(ic.UnknownEntityError, KeyError)
    assert issubclass(ic.InvalidValueError, ValueError)
    assert issubclass(ic.InvalidRelationError, TypeError)
    assert issubclass(ic.DuplicateIdError, ValueError)
    assert issubclass(ic.LandscapeError, ExceptionGroup)


def test_messages() -> None:
    """Messages name the thing, what was expected and what was found."""
    assert str(ERRORS[7]) == 'within "a" -> "QYH": target no entity with id "QYH"; did you mean "QYG" or "QYJ"?'
    assert str(ic.UnknownEntityError(id="x")) == 'no entity with id "x"'
    assert str(ic.DuplicateIdError(id="x")) == 'id "x" is used by more than one entity'
    assert str(ic.InvalidValueError(problem="is wrong")) == "is wrong"


def test_about_names_the_subject() -> None:
    """about() returns a copy naming the subject."""
    err = ic.UnitError(field="population", problem="must be in person").about('place "p"')
    assert isinstance(err, ic.UnitError)
    assert str(err) == 'place "p": population must be in person'


def test_landscape_error_group() -> None:
    """The group pickles, keeps its class when split, and lists every problem."""
    group = ic.LandscapeError("2 problems", [ERRORS[5], ERRORS[7]])
    back = pickle.loads(pickle.dumps(group))  # noqa: S301 (our own bytes)
    assert isinstance(back, ic.LandscapeError)
    assert [str(e) for e in back.exceptions] == [str(ERRORS[5]), str(ERRORS[7])]
    unknown, rest = group.split(ic.UnknownEntityError)
    assert isinstance(unknown, ic.LandscapeError)
    assert isinstance(rest, ic.LandscapeError)
    assert str(group).splitlines()[1] == f"  - {ERRORS[5]}"
    seen: list[int] = []
    try:
        raise group
    except* ic.DuplicateIdError as dup:
        seen.append(len(dup.exceptions))
    except* ic.UnknownEntityError as unk:
        seen.append(len(unk.exceptions))
    assert seen == [1, 1]
