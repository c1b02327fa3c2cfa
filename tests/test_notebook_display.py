"""Answers, entities and tables in a notebook (issue 22): short reprs, small HTML tables and typed DataFrames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import integratedcare as ic
from integratedcare._queries._collection import answer_record, short_repr

CM = "cheshire-and-merseyside"


@pytest.fixture(scope="module")
def regard() -> ic.answers.Answers[ic.answers.DutyAnswer]:
    """The 11 answers to who must have regard to the C&M strategy on 2024-01-01."""
    land = ic.datasets.load(CM)
    return ic.who_must_have_regard_to(land, "cm-integrated-care-strategy", as_of="2024-01-01")


def test_answers_are_a_tuple_that_equals_the_old_one(regard: ic.answers.Answers[ic.answers.DutyAnswer]) -> None:
    """The collection is a tuple: equal to the plain tuple, indexable, unpackable, hashable."""
    assert isinstance(regard, ic.answers.Answers)
    assert isinstance(regard, tuple)
    assert len(regard) == 11
    assert regard == tuple(regard)
    assert tuple(regard) == regard
    first, *_ = regard
    assert first is regard[0]
    assert hash(regard) == hash(tuple(regard))


def test_the_repr_is_compact(regard: ic.answers.Answers[ic.answers.DutyAnswer]) -> None:
    """The repr of 11 answers is a dozen short lines, not 67,601 characters."""
    text = repr(regard)
    assert len(text) < 2_500
    assert text.startswith("Answers(11 answers: [")
    assert "… and 1 more" in text
    assert all(len(line) < 200 for line in text.splitlines())
    assert repr(ic.answers.Answers()) == "()"
    assert isinstance(regard[:2], ic.answers.Answers)
    assert repr(regard[:2]).endswith("),\n])")


def test_the_html_is_one_small_table(regard: ic.answers.Answers[ic.answers.DutyAnswer]) -> None:
    """In a notebook, 11 answers render as one table under 5 KB, one row each."""
    html = regard._repr_html_()
    assert len(html.encode("utf-8")) < 5_000
    assert html.count("<table") == 1
    assert html.count("<tr>") == 12
    assert "Halton MBC <small>(E06000006)</small>" in html


def test_records_and_frame(regard: ic.answers.Answers[ic.answers.DutyAnswer]) -> None:
    """Records are flat; the frame has datetime64 dates and categorical kinds."""
    records = regard.to_records()
    assert records[0]["holder"] == "E06000006"
    assert records[0]["start"] == dt.date(2023, 4, 1)
    frame = regard.to_frame()
    assert len(frame) == 11
    assert str(frame["kind"].dtype) == "category"
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert pd.api.types.is_datetime64_any_dtype(frame["end"])
    assert frame.loc[0, "holder_name"] == "Halton MBC"


def test_filtering(regard: ic.answers.Answers[ic.answers.DutyAnswer]) -> None:
    """Filter by field values (an entity by its id or itself, an enum by its value) or by a predicate."""
    icb = regard.filter(holder="QYG")
    assert isinstance(icb, ic.answers.Answers)
    assert [a.holder.id for a in icb] == ["QYG"]
    assert regard.filter(holder=icb[0].holder) == icb
    assert len(regard.filter(duty="must have regard to")) == 11
    assert len(regard.filter(lambda a: a.holder.name.endswith("MBC"))) == 4
    with pytest.raises(ic.errors.InvalidValueError, match="no field 'colour'"):
        regard.filter(colour="red")


def test_every_query_returns_answers() -> None:
    """The queries answer with the collection, empty answers too."""
    land = ic.datasets.load("brackenshire")
    assert isinstance(ic.members_of(land, "brackenshire-icp"), ic.answers.Answers)
    assert isinstance(ic.moves(land, "2024-01-01", "2025-01-01"), ic.answers.Answers)
    assert isinstance(ic.delegations_from(land, "nhs-england", as_of="2023-01-01"), ic.answers.Answers)


def test_answers_have_short_reprs_and_full_detail(regard: ic.answers.Answers[ic.answers.DutyAnswer]) -> None:
    """An answer's repr is one short line; ``detail()`` gives every field."""
    answer = regard[0]
    assert repr(answer) == short_repr(answer)
    assert len(repr(answer)) < 200
    assert repr(answer).startswith("DutyAnswer('must have regard to', holder=E06000006 'Halton MBC'")
    assert "path=(" in answer.detail()
    assert len(answer.detail()) > 1_000


def test_a_record_of_an_answer_without_attrs() -> None:
    """A record or short repr of a plain object names its kind and sentence only."""

    class Plain:
        kind = "plain"

        def __str__(self) -> str:
            return "A plain answer."

    assert answer_record(Plain()) == {"kind": "plain", "text": "A plain answer."}
    assert short_repr(Plain()) == "Plain('plain')"


def test_records_flatten_every_kind_of_value() -> None:
    """Quantities become numbers, clauses and citations text, tuples of entities their ids."""
    land = ic.LandscapeBuilder().add(
        ic.Place(id="ce", name="Cheshire East"),
        ic.Neighbourhood(id="crewe", name="Crewe", population=ic.quantity(60_000, "person")),
        ic.Neighbourhood(id="nantwich", name="Nantwich", population=ic.quantity(40_000, "person")),
        ic.Within(source="crewe", target="ce"),
        ic.Within(source="nantwich", target="ce"),
        ic.ICB(id="QYG", name="NHS C&M ICB"),
        ic.NHSEngland(id="nhs-england", name="NHS England"),
        ic.Agreement(id="mou", name="MoU"),
        ic.AccountableTo(source="QYG", target="nhs-england", basis=ic.Clause(agreement="mou", section="4")),
    )
    built = land.build()
    record = answer_record(ic.population_of(built, "ce"))
    assert record["total"] == 100_000.0
    assert record["parts"] == "crewe; nantwich"
    assert answer_record(ic.holds_to_account(built, "QYG")[0])["basis"] == "agreement mou 4"


@pytest.mark.parametrize("name", ic.datasets.names())
def test_every_entity_repr_is_short(name: str) -> None:
    """Every entity of every bundled dataset has a repr under 200 characters; ``detail()`` has the rest."""
    land = ic.datasets.load(name)
    assert max(len(repr(entity)) for entity in land) < 200
    first = land.entities[0]
    assert repr(first).startswith(f"<{first.kind} {first.id} ")
    assert first.detail().startswith(f"{type(first).__name__}(id={first.id!r}")


def test_an_entity_repr_names_kind_id_name_and_period() -> None:
    """The short repr: kind, id, name and period, and a kind's own repr is kept."""
    icb = ic.datasets.england()["QYG"]
    assert (
        repr(icb) == "<integrated-care-board QYG 'NHS Cheshire and Merseyside Integrated Care Board' [2022-07-01, …)>"
    )
    long = ic.ICB(id="X", name="N" * 300)
    assert len(repr(long)) < 200
    assert repr(long).endswith("…'>")
    longest = ic.ICB(id="i" * 300, name="N" * 300, period=("2022-07-01", "2026-04-01"))
    assert len(repr(longest)) < 200
    assert f"<integrated-care-board {'i' * 63}… 'NNN" in repr(longest)
    assert "i" * 300 in longest.detail()


def test_landscape_diff_shows_as_a_table() -> None:
    """A diff renders in a notebook as one table naming each change."""
    england = ic.datasets.england()
    html = ic.changes(england, "2026-03-31", "2026-04-01")._repr_html_()
    assert html.count("<table") == 1
    assert "NHS Essex Integrated Care Board" in html
    assert "succeeded by" in html
    empty = ic.diff(ic.LandscapeBuilder().build(), ic.LandscapeBuilder().build())._repr_html_()
    assert "no differences" in empty


def test_to_dataframes_takes_a_date_and_splits_codes() -> None:
    """``to_dataframes(england, as_of=...)`` works, with codes as columns and datetime64 dates."""
    entities, relations = ic.io.to_dataframes(ic.datasets.england(), as_of="2024-06-01")
    assert entities.loc["QYG", "ods"] == "QYG"
    assert entities.loc["QYG", "gss"] == "E54000008"
    assert "codes" not in entities.columns
    assert entities.loc["QYG", "start"] == pd.Timestamp("2022-07-01")
    assert pd.api.types.is_datetime64_any_dtype(entities["end"])
    assert str(entities["kind"].dtype) == "category"
    assert str(relations["kind"].dtype) == "category"
    assert "D7T5G" not in entities.index  # a board of 2026 is not in the landscape of 2024


def test_codes_over_time_without_a_date_are_all_given() -> None:
    """Without a date, a scheme with several codes over time gives each, the latest last."""
    land = ic.LandscapeBuilder().add(
        ic.ICB(
            id="X",
            name="X ICB",
            codes=[
                ic.Code("gss", "E54000002", period=("2024-01-01", None)),
                ic.Code("gss", "E54000001", period=(None, "2024-01-01")),
            ],
        )
    )
    entities, _ = ic.io.to_dataframes(land.build())
    assert entities.loc["X", "gss"] == "E54000001; E54000002"
    dated, _ = ic.io.to_dataframes(land.build(), as_of="2023-06-01")
    assert dated.loc["X", "gss"] == "E54000001"


def test_records_and_filters_of_any_field() -> None:
    """Plain enums give their value, other values their text; a plain field filters by equality."""
    import enum  # noqa: PLC0415 (this test only)

    import attrs  # noqa: PLC0415 (this test only)

    class Colour(enum.Enum):
        RED = 1

    @attrs.frozen
    class Odd:
        kind: str
        colour: Colour
        shades: frozenset[str]

    odd = Odd("odd", Colour.RED, frozenset({"a"}))
    assert answer_record(odd) == {"kind": "odd", "colour": "1", "shades": "frozenset({'a'})", "text": str(odd)}
    answers = ic.answers.Answers([odd, Odd("even", Colour.RED, frozenset())])
    assert answers.filter(kind="even")[0].kind == "even"
    assert len(answers.filter(colour=1)) == 2


def test_the_base_entity_repr_is_the_short_one() -> None:
    """Entity.__repr__ itself (what a subclass without its own repr inherits) is the short repr."""
    land = ic.datasets.load("brackenshire")
    entity = land.get("brackenshire-icb")
    assert ic.Entity.__repr__(entity) == repr(entity)
    assert repr(entity).startswith("<integrated-care-board brackenshire-icb ")
