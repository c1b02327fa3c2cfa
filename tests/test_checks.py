"""check(), the Report, the rule registry and the generated rules page."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import integratedcare as ic
from integratedcare._checks._registry import resolve_rules  # no public path lists the rules in order
from integratedcare._checks._report import _day  # no public path names the day that stands for a span
from strategies import landscapes, slow_england

DOCS = Path(__file__).parent.parent / "docs"
FROM_2022 = ("2022-07-01", None)


def mixed() -> ic.Landscape:
    """A landscape with two errors, a warning and two pieces of advice, across two ICBs."""
    return (
        ic.LandscapeBuilder("Mixed")
        .add(
            ic.ICB(id="QYG", name="NHS C&M ICB", period=FROM_2022),
            ic.ICB(id="QHM", name="NHS NENC ICB", period=FROM_2022),
            ic.ICP(id="cm-icp", name="C&M ICP", period=FROM_2022),
            ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
            ic.Establishes(source="QYG", target="cm-icp", period=FROM_2022),
            ic.Overlaps(source="E06000049", target="QYG", period=FROM_2022),
            ic.MemberOf(source="E06000049", target="cm-icp", period=FROM_2022),
            ic.ProviderCollaborative(id="cmast", name="CMAST"),
            ic.NHSTrust(id="RBT", name="Mid Cheshire Hospitals", services=["acute"]),
            ic.PCN(id="pcn-b", name="PCN B", list_size=ic.quantity(10_000, "person")),
            ic.PCN(id="pcn-a", name="PCN A", list_size=ic.quantity(90_000, "person")),
        )
        .build()
    )


def test_report_sorts_by_severity_rule_and_entity() -> None:
    """Errors come first, then warnings, then advice; within them by rule id and entity id."""
    report = ic.check(mixed())
    keys = [(f.severity.value, f.rule, f.entity) for f in report]
    assert keys == [
        ("error", "ICP001", "cm-icp"),
        ("error", "ICP002", "QHM"),
        ("warning", "PRV001", "RBT"),
        ("advice", "PCN002", "pcn-a"),
        ("advice", "PCN002", "pcn-b"),
    ]


def test_report_counts_ok_and_selections() -> None:
    """The report counts each severity, is not ok with errors, and selects by severity, rule and entity."""
    report = ic.check(mixed())
    assert report.counts() == {"error": 2, "warning": 1, "advice": 2}
    assert len(report) == 5
    assert not report.ok
    assert [f.rule for f in report.errors] == ["ICP001", "ICP002"]
    assert [f.entity for f in report.warnings] == ["RBT"]
    assert len(report.advice) == 2
    assert [f.entity for f in report.of_rule("PCN002")] == ["pcn-a", "pcn-b"]
    assert [f.rule for f in report.about("QYG")] == ["ICP001"]
    assert report.about(ic.ICB(id="QYG", name="NHS C&M ICB")) == report.about("QYG")
    assert report.of_severity("warning") == report.warnings
    assert repr(report) == "<Report 'Mixed' (hca-2022): 2 errors, 1 warning, 2 advice>"
    assert str(report).splitlines()[0] == "Report on 'Mixed' (hca-2022): 2 errors, 1 warning, 2 advice"


def test_report_converts_to_json() -> None:
    """to_json gives the same plain data as to_dict, with each finding's citation and period."""
    report = ic.check(mixed(), as_of="2023-01-01")
    data = json.loads(report.to_json())
    assert data == report.to_dict()
    assert data["as_of"] == "2023-01-01"
    assert data["ok"] is False
    assert data["counts"] == {"error": 2, "warning": 1, "advice": 2}
    first = data["findings"][0]
    assert first["citation"] == {
        "act": "LGPIHA 2007",
        "section": "s116ZA",
        "verification": "verified",
        "text": "LGPIHA 2007 s116ZA (verified)",
    }
    assert first["period"] == {"start": "2022-07-01", "end": None}
    assert first["related"] == ["QYG"]
    warning = data["findings"][2]
    assert warning["citation"]["title"].startswith("NHS England and NHS Improvement")
    assert "as of 2023-01-01" in repr(report)
    assert "as of 2023-01-01" in str(report)
    assert json.loads(report.to_json(indent=None)) == data


def test_check_as_of_and_regime_select_rules_and_dates() -> None:
    """Before 2022-07-01 there are no ICP findings; the Health Bill drops the ICP rules."""
    early = ic.check(mixed(), as_of="2022-06-30")
    assert [f.rule for f in early] == ["PRV001", "PCN002", "PCN002"]
    assert early.as_of is not None
    bill = ic.check(mixed(), regime="health-bill-2026")
    assert bill.regime == "health-bill-2026"
    assert "ICP001" not in bill.rules
    assert bill.ok


def test_check_accepts_rule_objects_and_a_single_id() -> None:
    """Rules may be given as ids, as a single id, or as Rule objects; duplicates run once."""
    by_object = ic.check(mixed(), rules=[ic.checks.RULES["PCN002"], "PCN002"])
    by_id = ic.check(mixed(), rules="PCN002")
    assert by_object.rules == by_id.rules == ("PCN002",)
    assert by_object.findings == by_id.findings


def test_unknown_rule_and_regime_raise() -> None:
    """An unknown rule id raises UnknownCheckError (a KeyError) that pickles; an unknown regime raises too."""
    with pytest.raises(ic.errors.UnknownCheckError, match=r'no check rule with id "ZZZ999"$') as caught:
        ic.check(mixed(), rules=["ZZZ999"])
    assert isinstance(caught.value, KeyError)
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)  # noqa: S301 (our own object)
    with pytest.raises(ic.errors.UnknownRegimeError, match="hca-2030"):
        ic.check(mixed(), regime="hca-2030")


def test_check_accepts_a_regime_object() -> None:
    """A Regime object stands for its id."""
    assert ic.check(mixed(), regime=ic.statute.legal_regime("health-bill-2026")).regime == "health-bill-2026"


def test_findings_that_continue_across_spans_are_joined() -> None:
    """A finding that holds on both sides of an unrelated change is one finding over the whole period."""
    land = mixed().builder().add(ic.Partner(id="later", name="A later partner", period=("2024-01-01", None))).build()
    [finding] = ic.check(land, rules=["ICP002"])
    assert finding.period == ic.Period("2022-07-01")


def partners_rule(*findings: tuple[str, ic.Period | None]) -> ic.checks.Rule:
    """Return a rule, judged on every span, that finds what it is given on each span holding a partner."""

    def judge(rule: ic.checks.Rule, context: Any) -> list[ic.checks.Finding]:  # noqa: ANN401 (the private Context that check passes)
        if not context.landscape.of_type(ic.Partner):
            return []
        return [rule.finding(entity, "A problem.", period=period) for entity, period in findings]

    return ic.checks.Rule(
        id="TST001", title="A test rule", severity="advice", citation=ic.Source(title="A test"), function=judge
    )


def partners(*periods: ic.PeriodLike) -> ic.Landscape:
    """Return a landscape of one partner for each period."""
    return (
        ic.LandscapeBuilder().add(*[ic.Partner(id=f"p{i}", name="P", period=p) for i, p in enumerate(periods)]).build()
    )


def test_findings_in_periods_apart_stay_apart() -> None:
    """A finding on touching spans joins into one; across a gap it stays two, the last open like its span."""
    land = partners(
        ("2020-01-01", "2021-01-01"), ("2021-01-01", "2022-01-01"), ("2023-01-01", "2024-01-01"), ("2023-06-01", None)
    )
    found = ic.check(land, rules=[partners_rule(("pcn", None))])
    assert [str(f.period) for f in found] == ["[2020-01-01, 2022-01-01)", "[2023-01-01, …)"]


def test_spans_cut_time_where_the_landscape_changes() -> None:
    """Spans cover all time, cut at every start and end; a timeless landscape is one span."""
    assert ic.checks.spans(ic.LandscapeBuilder().build()) == (ic.ALWAYS,)
    cut = ic.checks.spans(mixed(), [ic.Period(None, "2025-04-01")])
    assert [str(s) for s in cut] == ["[…, 2022-07-01)", "[2022-07-01, 2025-04-01)", "[2025-04-01, …)"]


def test_a_span_stands_for_its_first_day_or_the_day_before_it_ends() -> None:
    """The date that stands for a span is its start, or the day before an open start ends."""
    assert str(_day(ic.Period("2022-07-01"))) == "2022-07-01"
    assert str(_day(ic.Period(None, "2022-07-01"))) == "2022-06-30"
    assert _day(ic.ALWAYS).year == 1


def test_rule_runs_only_within_its_context_period() -> None:
    """A finding outside the span judged is dropped; one inside is clipped to it."""
    rule = partners_rule(("x", ic.Period(None, "2020-01-01")), ("y", None))
    found = ic.check(partners(("2021-01-01", "2022-01-01")), rules=[rule], as_of="2021-06-01")
    assert [(f.entity, str(f.period)) for f in found] == [("y", "[2021-01-01, 2022-01-01)")]


def test_registry_holds_every_rule_with_source_and_severity() -> None:
    """Every rule has an id, a severity matching its source's kind, and a verification status."""
    assert len(ic.checks.RULES) >= 17
    for rule_id, rule in ic.checks.RULES.items():
        assert rule.id == rule_id
        assert rule.notes
        if rule.severity is ic.checks.Severity.ERROR and isinstance(rule.citation, ic.Source):
            assert rule.id.startswith("DAT")
        assert isinstance(rule.verification, ic.Verification)
    assert resolve_rules(None) == tuple(ic.checks.RULES[k] for k in sorted(ic.checks.RULES))


def test_rule_applies_by_date_and_regime() -> None:
    """A rule applies on dates in its period and under its regimes."""
    rule = ic.checks.RULES["ICB002"]
    assert rule.applies()
    assert rule.applies(on="2024-01-01")
    assert not rule.applies(on="2025-04-01")
    assert not ic.checks.RULES["ICP001"].applies(regime="health-bill-2026")


def test_severity_ranks_errors_first() -> None:
    """Errors rank before warnings, and warnings before advice."""
    assert [s.rank for s in ic.checks.Severity] == [0, 1, 2]


def test_rules_page_is_generated_from_the_registry() -> None:
    """docs/rules.md is exactly rules_markdown(): regenerate it after changing a rule."""
    page = ic.checks.rules_markdown()
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == page
    for rule in ic.checks.RULES.values():
        assert f"## {rule.id}: " in page
        assert f"**Verification:** {rule.verification.value}" in page


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(land=landscapes())
def test_check_never_raises_on_valid_landscapes(land: ic.Landscape) -> None:
    """check() runs every rule on any valid landscape; findings are sorted, name its entities, and make JSON."""
    report = ic.check(land)
    assert list(report.findings) == sorted(report.findings, key=ic.checks.Finding.sort_key)
    assert all(f.entity in land for f in report)
    assert json.loads(report.to_json())["counts"] == report.counts()
    assert not report.of_rule("DAT001")


@pytest.mark.parametrize("name", slow_england(ic.datasets.names()))
def test_bundled_datasets_raise_no_errors(name: str) -> None:
    """Every bundled dataset passes the statutory rules (warnings and advice are the datasets' to document)."""
    report = ic.check(ic.datasets.load(name))
    assert report.errors == ()


def test_the_proposed_nenc_strategic_icp_gets_the_lean_advice() -> None:
    """North East and North Cumbria's proposed strategic ICP is advised to be leaner."""
    report = ic.check(ic.datasets.load("north-east-and-north-cumbria"), rules=["ICP004"])
    assert {f.entity for f in report} == {"nenc-strategic-icp"}
    assert all(f.severity is ic.checks.Severity.ADVICE for f in report)
