"""Notebook display: compact, escaped HTML tables for landscapes, entities, answers and reports."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic
from strategies import landscapes


@pytest.fixture
def land() -> ic.Landscape:
    """NHS England delegating dental services to an ICB, which a council overlaps, with sources and codes."""
    return (
        ic.LandscapeBuilder("Shire <test>")
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.SecretaryOfState(id="sos", name="the Secretary of State"),
            ic.ICB(
                id="QAA",
                name="NHS Shire ICB",
                period=("2022-07-01", None),
                codes=[ic.Code("ods", "QAA")],
                sources=[ic.Source(title="A made-up source", verification="unverified")],
            ),
            ic.LocalAuthority(id="council", name="Shire Council", tier="unitary"),
            ic.Neighbourhood(id="n", name="Big neighbourhood", population=ic.quantity(90_000, "person")),
            ic.Overlaps(source="council", target="QAA", share=0.5, measure="LSOA11 count", period=("2022-07-01", None)),
            ic.Within(source="n", target="council"),
            ic.AccountableTo(source="nhs-england", target="sos", basis=ic.Clause(agreement="mou", section="5")),
            ic.Agreement(id="mou", name="An agreement", agreement_type="memorandum-of-understanding"),
            ic.Delegation(
                source="nhs-england",
                target="QAA",
                functions=["dental-services"],
                period=("2023-04-01", None),
                basis=ic.Citation(act="NHS Act 2006", section="s65Z5"),
            ),
        )
        .build()
    )


def _cells(table: str) -> list[str]:
    """Return the text of each cell of a table, unescaped."""
    return [html.unescape(c) for c in re.findall(r"<t[dh](?: [^>]*)?>(.*?)</t[dh]>", table)]


def test_a_landscape_shows_its_counts_by_kind(land: ic.Landscape) -> None:
    """The landscape's table names it (escaped) and counts entities and relations of each kind side by side."""
    table = land._repr_html_()
    assert "<caption>Landscape <b>Shire &lt;test&gt;</b>: 6 entities, 4 relations</caption>" in table
    assert _cells(table)[:8] == [
        "entity kind",
        "count",
        "relation kind",
        "count",
        "agreement",
        "1",
        "accountable-to",
        "1",
    ]
    assert table.count("<tr>") == 1 + 6  # a header and one row per entity kind (more than relation kinds)


def test_an_unnamed_landscape_is_just_a_landscape() -> None:
    """Without a name, the caption says only what the landscape holds."""
    table = ic.LandscapeBuilder().build()._repr_html_()
    assert "<caption>Landscape: 0 entities, 0 relations</caption>" in table


def test_an_entity_shows_the_fields_that_hold_something(land: ic.Landscape) -> None:
    """An entity's table shows its kind and id, then its filled fields: codes, period, sources."""
    table = land["QAA"]._repr_html_()
    assert "<caption>integrated-care-board <b>QAA</b></caption>" in table
    assert _cells(table) == [
        "name",
        "NHS Shire ICB",
        "codes",
        "ods QAA",
        "period",
        "[2022-07-01, …)",
        "sources",
        "A made-up source (unverified)",
    ]


def test_enums_and_quantities_read_as_text(land: ic.Landscape) -> None:
    """Enumerated fields show their value and quantities their magnitude and unit."""
    assert "unitary" in _cells(land["council"]._repr_html_())
    assert "90000 person" in _cells(land["n"]._repr_html_())


def test_long_values_are_cut_short() -> None:
    """A value longer than a table cell should hold ends in an ellipsis."""
    entity = ic.Partner(id="p", name="x" * 500)
    (name,) = [c for c in _cells(entity._repr_html_()) if c.startswith("x")]
    assert len(name) == 160
    assert name.endswith("…")


def test_a_function_answer_shows_its_sentence_basis_and_path(land: ic.Landscape) -> None:
    """An answer's caption is its sentence; its rows name the bodies, the citation and the delegations."""
    answer = ic.accountable_for(land, "dental-services", "QAA")[0]
    table = answer._repr_html_()
    assert f"<caption>{html.escape(str(answer))}</caption>" in table
    cells = _cells(table)
    assert cells[cells.index("basis") + 1] == "NHS Act 2006 s65Z5 (verified)"
    assert cells[cells.index("path") + 1] == 'delegation "nhs-england" -> "QAA"'
    assert cells[cells.index("body") + 1] == "NHS England (nhs-england)"
    assert "text" not in cells


def test_duty_link_and_population_answers_have_tables(land: ic.Landscape) -> None:
    """Every kind of answer gives a captioned table; agreed bases read as the agreement's clause."""
    strategy = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
            ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
            ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer"),
            ic.Establishes(source="QYG", target="cm-icp"),
            ic.Prepares(source="cm-icp", target="cm-strategy"),
        )
        .build()
    )
    duty = ic.who_must_have_regard_to(strategy, "cm-strategy")[0]
    assert "LGPIHA 2007 s116B(1) (partly verified)" in _cells(duty._repr_html_())
    assert "phrase" not in _cells(duty._repr_html_())
    link = ic.accountability_chain(land, "nhs-england")[0]
    assert "agreement mou 5" in _cells(link._repr_html_())
    population = ic.population_of(land, "council")
    assert "Big neighbourhood (n)" in _cells(population._repr_html_())


def test_a_report_lists_its_findings() -> None:
    """A report's table counts findings by severity and lists each one's severity, rule, entity and text."""
    land = (
        ic.LandscapeBuilder("Lean")
        .add(ic.Neighbourhood(id="crewe", name="Crewe", population=ic.quantity(60_000, "person")))
        .build()
    )
    table = ic.check(land, as_of="2024-01-01")._repr_html_()
    assert "(hca-2022) as of 2024-01-01: 0 errors, 0 warnings, 1 advice</caption>" in table
    assert _cells(table)[5:8] == ["advice", "NBH001", "crewe"]


def test_a_report_without_findings_has_no_header() -> None:
    """An empty report's table is just its caption."""
    table = ic.check(ic.LandscapeBuilder("Empty").build())._repr_html_()
    assert "<thead>" not in table
    assert "0 errors, 0 warnings, 0 advice" in table


def test_a_long_report_says_how_many_more_findings_there_are() -> None:
    """Beyond 20 findings, the table stops and counts the rest."""
    land = (
        ic.LandscapeBuilder("Many")
        .add(*[ic.Neighbourhood(id=f"n{i}", name=f"N{i}", population=ic.quantity(90_000, "person")) for i in range(25)])
        .build()
    )
    table = ic.check(land)._repr_html_()
    assert table.count("<td>advice</td>") == 20
    assert '<td colspan="5">… and 5 more findings</td>' in table


@given(st.text(min_size=1).filter(lambda s: s.strip() != ""))
def test_every_name_is_escaped(name: str) -> None:
    """Whatever an entity is called, its table holds the name escaped, never raw markup."""
    entity = ic.Partner(id="p", name=name)
    table = entity._repr_html_()
    assert html.escape(name[:159] if len(name) <= 160 else name[:159] + "…") in table
    assert "<script" not in table.replace("&lt;script", "")


@pytest.mark.slow
@given(landscapes())
def test_any_landscape_counts_add_up(landscape: ic.Landscape) -> None:
    """The counts in a landscape's table add up to its entities and relations."""
    cells = _cells(landscape._repr_html_())[4:]
    entity_counts = [int(n) for n in cells[1::4] if n]
    relation_counts = [int(n) for n in cells[3::4] if n]
    assert sum(entity_counts) == len(landscape)
    assert sum(relation_counts) == len(landscape.all_relations)
