"""The FHIR and ODS imports on damaged input: a landscape or the library's errors, never a crash."""

from __future__ import annotations

import contextlib
import copy
import json
import warnings
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integratedcare as ic

ODS_SAMPLE = json.loads((Path(__file__).parent / "data" / "ods" / "frimley.json").read_text(encoding="utf-8"))

_ICB = ic.ICB(id="QYG", name="NHS C&M ICB", codes=[ic.Code("ods", "QYG")], period=("2022-07-01", None))
_FHIR_SAMPLE = ic.io.to_fhir(
    ic.LandscapeBuilder()
    .add(_ICB, ic.NHSEngland(id="nhs-england", name="NHS England"))
    .add(ic.AccountableTo(source="QYG", target="nhs-england", basis=ic.Citation(act="NHS Act 2006", section="s14Z59")))
    .build()
)


def _strip_records(bundle: dict[str, Any]) -> dict[str, Any]:
    """Drop the library's own records, so that the standard fields are read."""
    bare = copy.deepcopy(bundle)
    for entry in bare["entry"]:
        entry["resource"]["extension"] = [e for e in entry["resource"]["extension"] if not e["url"].endswith("/record")]
    return bare


_BARE_FHIR = _strip_records(_FHIR_SAMPLE)

_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "x", "RO318", "RE4", "2022-07-01", "Legal", "Organization/QYG", "QYG"]),
    st.just([]),
    st.just({}),
    st.just(["odd"]),
    st.just({"url": "x"}),
)


def _paths(data: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in nested lists and tables."""
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*at, index))
    return found


def _damaged(sample: object) -> st.SearchStrategy[object]:
    """Copies of the sample with one to three places replaced by junk."""
    places = [p for p in _paths(sample) if p]

    @st.composite
    def build(draw: st.DrawFn) -> object:
        data = copy.deepcopy(sample)
        for place in draw(st.lists(st.sampled_from(places), min_size=1, max_size=3)):
            parent: Any = data
            try:
                for step in place[:-1]:
                    parent = parent[step]
                parent[place[-1]] = draw(_JUNK)
            except (KeyError, IndexError, TypeError):  # an earlier replacement removed the place
                continue
        return data

    return build()


def _read_or_refuse(reader: Any, data: object) -> None:  # noqa: ANN401 (either import)
    """Read the data: a landscape or the library's error is fine; any other exception fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ic.errors.DroppedDataWarning)
        with contextlib.suppress(ic.errors.IntegratedCareError):
            reader(data)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_damaged(ODS_SAMPLE))
def test_damaged_ods_records_are_read_or_refused(data: object) -> None:
    """from_ods on a damaged sample returns a landscape or raises the library's errors."""
    _read_or_refuse(ic.io.from_ods, data)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_damaged(_FHIR_SAMPLE), _damaged(_BARE_FHIR)))
def test_damaged_fhir_bundles_are_read_or_refused(data: object) -> None:
    """from_fhir on a damaged bundle (with the library's records or without) gives a landscape or its errors."""
    _read_or_refuse(ic.io.from_fhir, data)
