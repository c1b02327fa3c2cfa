"""ODS ORD records: roles give kinds, typed dates give periods, Rels and Succs give relations; drops reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import integratedcare as ic

SAMPLE = Path(__file__).parent / "data" / "ods" / "frimley.json"


def _sample() -> list[dict[str, Any]]:
    """Return the hand-written ORD sample: Frimley ICB, its successor, a sub-ICB location, a practice and its PCN."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _read(records: Any) -> tuple[ic.Landscape, tuple[str, ...]]:  # noqa: ANN401 (any JSON)
    """Read records and return the landscape and what was dropped."""
    with pytest.warns(ic.errors.DroppedDataWarning) as caught:
        land = ic.io.from_ods(records, source="frimley.json")
    warning = caught[0].message
    assert isinstance(warning, ic.errors.DroppedDataWarning)
    return land, warning.dropped


def test_sample_loads_with_kinds_periods_and_codes() -> None:
    """The sample gives two ICBs, a sub-ICB location, a practice and a PCN, ORD's inclusive end days made exclusive."""
    land, _ = _read(_sample())
    assert [(e.id, e.kind) for e in land] == [
        ("D4U1Y", "sub-icb-location"),
        ("H81013", "gp-practice"),
        ("QNQ", "integrated-care-board"),
        ("S0E4D", "integrated-care-board"),
        ("U67032", "primary-care-network"),
    ]
    assert land["H81013"].period == ic.Period(start=dt.date(1974, 4, 1))
    assert land["QNQ"].period == ic.Period(start=dt.date(2022, 7, 1), end=dt.date(2026, 4, 1))
    assert land["QNQ"].code("ods") == "QNQ"
    assert land["QNQ"].name == "NHS FRIMLEY INTEGRATED CARE BOARD"


def test_sample_relations_and_successions() -> None:
    """RE5, a practice's RE4 and RE8 become within; a succession written on both records becomes one succeeded-by."""
    land, _ = _read(_sample())
    assert [(r.label, r.period) for r in land.all_relations] == [
        ('succeeded-by "QNQ" -> "S0E4D"', ic.Period("2026-04-01", None)),
        ('within "D4U1Y" -> "QNQ"', ic.Period("2022-07-01", "2026-04-01")),
        ('within "H81013" -> "D4U1Y"', ic.Period("2022-07-01", "2026-04-01")),
        ('within "H81013" -> "U67032"', ic.Period("2022-01-01", None)),
    ]


@pytest.mark.slow
def test_sample_relations_are_englands() -> None:
    """Each relation the sample gives, the bundled England dataset holds too, with the same period."""
    land, _ = _read(_sample())
    england = ic.datasets.load("england")
    for relation in land.all_relations:
        held = england.relations(type(relation), source=relation.source, target=relation.target)
        assert [r.period for r in held] == [relation.period], relation.label


def test_sample_reports_what_it_dropped() -> None:
    """Metadata, addresses, general roles, unmapped relationships and links out of the file are reported."""
    _, dropped = _read(_sample())
    assert "QNQ: GeoLoc" in dropped
    assert "QNQ: LastChangeDate" in dropped
    assert "QNQ: Roles.Role[0] (RO261, no kind of its own here)" in dropped
    assert "H81013: Roles.Role[0] (RO177, no kind of its own here)" in dropped
    assert (
        "D4U1Y: Rels.Rel[1] (RE4 IS COMMISSIONED BY: read only from a gp-practice to a "
        "clinical-commissioning-group or sub-icb-location; here sub-icb-location to integrated-care-board)"
    ) in dropped
    assert "QNQ: Succs.Succ[1] (QRL is not among the records read)" in dropped
    assert "H81013: Rels.Rel[1] (92A is not among the records read)" in dropped


def test_one_record_with_single_tables() -> None:
    """One record is read; ORD's single tables (a Role, a Date) count as lists of one; a practice's RE8 is within."""
    practice = {
        "Organisation": {
            "Name": "A PRACTICE",
            "OrgId": {"extension": "A00001"},
            "Roles": {"Role": {"id": "RO76", "Date": {"Type": "Operational", "Start": "2019-07-01"}}},
            "Rels": {"Rel": [{"id": "RE8", "Target": {"OrgId": {"extension": "U00001"}}, "Date": []}]},
        }
    }
    network = {
        "Organisation": {
            "Name": "A NETWORK",
            "OrgId": {"extension": "U00001"},
            "Roles": [{"id": "RO272"}],
        }
    }
    land = ic.io.from_ods([practice, network])
    assert land["A00001"].kind == "gp-practice"
    assert land["A00001"].period.start == dt.date(2019, 7, 1)
    assert [r.kind for r in land.all_relations] == ["within"]


def test_a_record_of_no_known_kind_is_dropped() -> None:
    """A record whose roles give no kind is dropped whole, and its links with it."""
    land, dropped = _read({"Organisation": {"Name": "A PHARMACY", "OrgId": {"extension": "FA001"}, "Roles": None}})
    assert len(land) == 0
    assert dropped == ("FA001: the whole record (none of its roles is a kind the library knows)",)


def _org(**fields: Any) -> dict[str, Any]:  # noqa: ANN401 (any JSON)
    """Return a record of an ICB with the fields given replacing its own."""
    base: dict[str, Any] = {"Name": "AN ICB", "OrgId": {"extension": "QYG"}, "Roles": [{"id": "RO318"}]}
    return {"Organisation": {**base, **fields}}


@pytest.mark.parametrize(
    ("record", "where", "says"),
    [
        pytest.param([], "[0] (no code).Organisation", "must be a table", id="not a record"),
        pytest.param({"Organisation": {"Name": "X"}}, "[0] (no code).OrgId", "must hold an OrgId", id="no code"),
        pytest.param(_org(Name=""), "[0] (QYG).Name", "must be a non-empty text", id="name"),
        pytest.param(_org(Date="2022"), "[0] (QYG).Date", "must be a list", id="dates"),
        pytest.param(_org(Date=["x"]), "[0] (QYG).Date[0]", "must be a table", id="date"),
        pytest.param(_org(Date=[{"Start": "July"}]), "[0] (QYG).Date[0].Start", "", id="start"),
        pytest.param(
            _org(Date=[{"Start": "2022-07-01", "End": "2021-01-01"}]), "[0] (QYG).Date[0]", "", id="backwards"
        ),
        pytest.param(_org(OrgId={"extension": "q y g"}), "[0] (q y g).OrgId", "must be an ODS code", id="code"),
        pytest.param(_org(Rels=[{"id": "RE5"}]), "[0] (QYG).Rels.Rel[0].Target", "OrgId", id="rel target"),
        pytest.param(_org(Succs=[{"Type": "Merged"}]), "[0] (QYG).Succs.Succ[0].Type", "Predecessor", id="succ"),
        pytest.param(
            _org(Succs=[{"Type": "Successor", "Target": {"OrgId": {"extension": "QNQ"}}}]),
            "[0] (QYG).Succs.Succ[0].Date",
            "must give the day",
            id="succ date",
        ),
    ],
)
def test_bad_records_name_the_record_and_field(record: Any, where: str, says: str) -> None:  # noqa: ANN401
    """A record that cannot be read raises a LandscapeError of FileFormatErrors naming the record and field."""
    with pytest.raises(ic.errors.LandscapeError, match=r"1 problem in ODS records 'x\.json'") as caught:
        ic.io.from_ods([record], source="x.json")
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.FileFormatError)
    assert problem.location == where
    assert says in problem.problem


def test_a_record_given_twice_is_refused() -> None:
    """Two records of one code are a problem of the second, even when the first is dropped."""
    pharmacy = {"Organisation": {"Name": "A PHARMACY", "OrgId": {"extension": "FA001"}, "Roles": []}}
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.from_ods([_org(), pharmacy, _org(), pharmacy], source="x.json")
    assert [(p.location, p.problem) for p in caught.value.exceptions] == [  # type: ignore[union-attr]
        ("[2] (QYG).OrgId", "QYG is the code of an earlier record (each organisation is given once)"),
        ("[3] (FA001).OrgId", "FA001 is the code of an earlier record (each organisation is given once)"),
    ]


def test_many_bad_records_are_counted() -> None:
    """Two bad records give one error of two problems."""
    with pytest.raises(ic.errors.LandscapeError, match="2 problems in ODS records '<ods>'"):
        ic.io.from_ods([_org(Name=""), _org(Name="")])


def _record(code: str, role: str, *rels: tuple[str, str]) -> dict[str, Any]:
    """Return a record of one role with relationships (id, target code), all fictional."""
    rel = [{"id": rel_id, "Target": {"OrgId": {"extension": target}}} for rel_id, target in rels]
    return {"Organisation": {"Name": f"ORG {code}", "OrgId": {"extension": code}, "Roles": [{"id": role}], "Rels": rel}}


def test_every_named_relationship_is_mapped_or_reported() -> None:
    """RE2, RE5 and RE11 become within; RE3, RE6, RE9, RE10 and unknown ids are dropped, each saying why."""
    records = [
        _record("QAA", "RO318"),
        _record("RXX", "RO197", ("RE2", "QAA"), ("RE3", "QAA"), ("RE6", "QAA"), ("RE9", "QAA")),
        _record("A1B2C", "RO319", ("RE5", "QAA"), ("RE11", "QAA"), ("RE10", "QAA"), ("RE1", "QAA"), ("RE99", "QAA")),
    ]
    land, dropped = _read(records)
    assert [r.label for r in land.all_relations] == ['within "A1B2C" -> "QAA"', 'within "RXX" -> "QAA"']
    assert dropped == (
        "RXX: Rels.Rel[1] (RE3 IS DIRECTED BY: direction is no relation of the model)",
        "RXX: Rels.Rel[2] (RE6 IS OPERATED BY: operation is no relation of the model)",
        "RXX: Rels.Rel[3] (RE9 IS NOMINATED PAYEE FOR: payment is no relation of the model)",
        "A1B2C: Rels.Rel[2] (RE10 IS COVID NOMINATED PAYEE FOR: payment is no relation of the model)",
        "A1B2C: Rels.Rel[3] (RE1: a relationship the model does not hold)",
        "A1B2C: Rels.Rel[4] (RE99: a relationship the model does not hold)",
    )
    assert set(ic.io.ODS_RELATIONSHIPS) == {f"RE{n}" for n in (2, 3, 4, 5, 6, 8, 9, 10, 11)}


def test_practice_relationships_are_read_only_between_their_kinds() -> None:
    """RE4 and RE8 are read from a practice to its sub-ICB location or CCG and its PCN; others are reported."""
    records = [
        _record("A00001", "RO76", ("RE4", "00Q"), ("RE4", "A1B2C"), ("RE8", "U00001"), ("RE8", "A1B2C")),
        _record("00Q", "RO98"),
        _record("A1B2C", "RO319"),
        _record("U00001", "RO272", ("RE4", "A1B2C")),
    ]
    land, dropped = _read(records)
    assert [r.label for r in land.all_relations] == [
        'within "A00001" -> "00Q"',
        'within "A00001" -> "A1B2C"',
        'within "A00001" -> "U00001"',
    ]
    assert dropped == (
        (
            "A00001: Rels.Rel[3] (RE8 IS PARTNER TO: read only from a gp-practice to a primary-care-network; "
            "here gp-practice to sub-icb-location)"
        ),
        (
            "U00001: Rels.Rel[0] (RE4 IS COMMISSIONED BY: read only from a gp-practice to a "
            "clinical-commissioning-group or sub-icb-location; here primary-care-network to sub-icb-location)"
        ),
    )
