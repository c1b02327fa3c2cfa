"""The unit registry: person, GBP, scale words, time, and the quantity helper."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic


def test_per_head_arithmetic() -> None:
    """A budget divided by a population is in GBP per person."""
    per_head = ic.quantity("5.6 billion GBP") / ic.quantity(2_800_000, "person")
    assert per_head.units == ic.GBP / ic.PERSON
    assert per_head.to("GBP / person").magnitude == pytest.approx(2000)


def test_scale_words_are_multiplied_out() -> None:
    """Thousand, million and billion parse and become plain GBP or person."""
    assert ic.quantity("5.6 billion GBP") == ic.quantity(5.6e9, "GBP")
    assert str(ic.quantity("400 thousand person").units) == "person"
    assert ic.quantity(3, "million GBP").magnitude == 3e6


def test_time_units() -> None:
    """Days, weeks, months and years exist and convert."""
    assert ic.quantity(30, "day").to("week").magnitude == pytest.approx(30 / 7)
    assert ic.quantity(1, "year").to("month").magnitude == pytest.approx(12)


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        ("400000 people", "person", "must be a number when a unit is given"),
        (400000, None, "unit is required for the number 400000"),
        (True, "person", "value must be a number or text, got True"),
        ([1], None, "value must be a number or text"),
        ("400000 furlongs", None, "is not a quantity with known units, got '400000 furlongs'"),
        (3, "parsecs", "is not a quantity with known units, got '3 parsecs'"),
        (3, "person ** 2", "is not a quantity with known units, got '3 person \\*\\* 2'"),
        ("", None, "must be a number followed by a unit, got ''"),
        ("12", None, "must be a number followed by a unit, got '12'"),
        ("5 person 6", None, "must be a number followed by a unit, got '5 person 6'"),
        ("9**9**9 person", None, "must be a number followed by a unit"),
    ],
)
def test_bad_quantities(value: object, unit: str | None, message: str) -> None:
    """Unparseable or unitless input raises UnitError saying what was given."""
    with pytest.raises(ic.errors.UnitError, match=message):
        ic.quantity(value, unit)  # type: ignore[arg-type]


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.sampled_from(["person", "GBP", "GBP / person"]))
def test_quantities_pickle(value: float, unit: str) -> None:
    """Quantities of the registry pickle and come back equal, in the same registry."""
    q = ic.quantity(value, unit)
    back = pickle.loads(pickle.dumps(q))  # noqa: S301 (our own bytes)
    assert back == q
    assert isinstance(back, ic.ureg.Quantity)


@given(
    st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=False)),
    st.sampled_from(["person", "GBP", "GBP / person", "day", "million GBP"]),
)
def test_quantities_are_the_objects_pints_constructor_makes(value: float, unit: str) -> None:
    """Built without pint's constructor (which looks its registry up on each call), a quantity is what it makes."""
    made = ic.quantity(value, unit)
    units = ic.ureg.parse_units(unit)
    plain = ic.ureg.Quantity(value, units)
    expected = plain.to_root_units() if "million" in unit else plain
    assert type(made) is type(expected)
    assert vars(made).keys() == vars(expected).keys()
    assert made._magnitude == expected._magnitude
    assert made._units == expected._units
    assert made._REGISTRY is ic.ureg
