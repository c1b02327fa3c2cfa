"""Invariants of the data: each is a check rule or a builder refusal, and each test breaks it on purpose.

DAT003 (no fact told twice), DAT004 (names are names), DAT005 (sources name documents), DAT006
(accountability ends at Parliament or an electorate), DAT007 (start dates, or open-ended by design);
a view's ``as_of`` is its base's; a bundled dataset's coverage and the warning outside it.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

import integratedcare as ic
from integratedcare._landscape import Landscape
from strategies import slow_england

FROM_2022 = ("2022-07-01", None)


def rule_findings(land: ic.Landscape, rule: str, **options: object) -> list[ic.checks.Finding]:
    """The findings of one rule."""
    return list(ic.check(land, rules=[rule], **options).findings)  # type: ignore[arg-type]


def two_bodies(*relations: ic.Relation) -> ic.Landscape:
    """A council and an HWB within it, with the relations given."""
    return (
        ic.LandscapeBuilder("Twice")
        .add(
            ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
            ic.HWB(id="ce-hwb", name="Cheshire East Health and Wellbeing Board"),
            *relations,
        )
        .build()
    )


# --- DAT003 --------------------------------------------------------------------------------------


def test_dat003_finds_a_containment_told_twice_at_all_times() -> None:
    """Two Within between the same ends, one timeless and one dated: the place is counted twice."""
    land = two_bodies(
        ic.Within(source="ce-hwb", target="E06000049"),
        ic.Within(source="ce-hwb", target="E06000049", period=FROM_2022),
    )
    [finding] = rule_findings(land, "DAT003")
    assert finding.entity == "ce-hwb"
    assert finding.related == ("E06000049",)
    assert finding.period == ic.Period.coerce(FROM_2022)
    assert "given twice, holding at all times and from 2022-07-01" in finding.message
    assert finding.severity is ic.checks.Severity.ERROR


def test_dat003_words_bounded_and_open_starts() -> None:
    """Periods with both ends, or only an end, are worded as such."""
    land = two_bodies(
        ic.Within(source="ce-hwb", target="E06000049", period=(None, "2023-01-01")),
        ic.Within(source="ce-hwb", target="E06000049", period=("2022-01-01", "2024-01-01")),
    )
    [finding] = rule_findings(land, "DAT003")
    assert "holding until 2023-01-01 and in [2022-01-01, 2024-01-01)" in finding.message
    assert "counted twice in [2022-01-01, 2023-01-01)" in finding.message


def test_dat003_passes_relations_that_follow_one_another_or_differ_in_role() -> None:
    """One after another is a history, not a repeat; two roles are two seats."""
    land = two_bodies(
        ic.Within(source="ce-hwb", target="E06000049", period=("2020-01-01", "2022-07-01")),
        ic.Within(source="ce-hwb", target="E06000049", period=FROM_2022),
        ic.MemberOf(source="E06000049", target="ce-hwb", role="chair"),
        ic.MemberOf(source="E06000049", target="ce-hwb", role="officer"),
    )
    assert rule_findings(land, "DAT003") == []


def test_dat003_finds_a_membership_in_one_role_given_twice() -> None:
    """Two memberships in the same role overlap: one vote counted twice."""
    land = two_bodies(
        ic.MemberOf(source="E06000049", target="ce-hwb", role="chair", period=("2021-01-01", None)),
        ic.MemberOf(source="E06000049", target="ce-hwb", role="chair", period=FROM_2022),
    )
    [finding] = rule_findings(land, "DAT003")
    assert finding.entity == "E06000049"


# --- DAT004 and DAT005 ---------------------------------------------------------------------------


def test_dat004_warns_on_an_editorial_note_in_a_name_only() -> None:
    """'(name not given in seed)' is a remark; '(HULL)' is part of a practice's name."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.PCN(id="pcn-1", name="PCN 1 of 2 in Crewe (name not given in seed)"),
            ic.GPPractice(id="B81001", name="KINGSTON HEALTH (HULL)"),
        )
        .build()
    )
    [finding] = rule_findings(land, "DAT004")
    assert finding.entity == "pcn-1"
    assert "'(name not given in seed)'" in finding.message
    assert finding.severity is ic.checks.Severity.ERROR  # every bundled dataset passes it


def test_dat005_warns_on_sources_cited_by_file_number() -> None:
    """'seed 003' in a reference, or 'seeds/001' in a title, names a working file, not a document."""
    by_number = ic.Source(title="Cheshire East HWB papers", reference="seed 003, line 12")
    by_path = ic.Source(title="seeds/001")
    proper = ic.Source(title="NENC ICS paper on integrated care partnerships (2022)", reference="page 3")
    land = two_bodies(ic.Within(source="ce-hwb", target="E06000049", sources=[by_path])).builder()
    land.remove("E06000049").add(
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary", sources=[by_number, proper]),
        ic.Within(source="ce-hwb", target="E06000049", sources=[by_path]),
    )
    found = rule_findings(land.build(), "DAT005")
    assert [(f.entity, f.message.split(" cites")[0]) for f in found] == [
        ("E06000049", "Cheshire East Council (E06000049)"),
        ("ce-hwb", 'The relation within "ce-hwb" -> "E06000049"'),
    ]
    assert "'seed 003'" in found[0].message
    assert {f.severity for f in found} == {ic.checks.Severity.ERROR}
    assert "'seeds/001'" in found[1].message


def test_dat005_passes_sources_named_by_title() -> None:
    """A source named by its title passes."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB", sources=[ic.Source(title="ONS lookup")]))
    assert rule_findings(land.build(), "DAT005") == []


def test_the_library_cites_documents_not_working_file_numbers() -> None:
    """Rules, frameworks and the memorandum's rules cite documents by title, never "seed 003"."""
    number = re.compile(r"\bseeds?\s*[/ #-]?\s*0\d\d\b", re.IGNORECASE)
    cited = [rule.citation for rule in ic.checks.RULES.values() if isinstance(rule.citation, ic.Source)]
    cited += [framework.source for framework in ic.checks.FRAMEWORKS.values()]
    cited += list(ic.governance.cheshire_and_merseyside_rules().sources)
    texts = [f"{s.title} {s.reference} {s.note}" for s in cited]
    texts += [c.reference for f in ic.checks.FRAMEWORKS.values() for c in f.criteria]
    assert len(texts) > 30
    assert [t for t in texts if number.search(t)] == []


# --- DAT006 --------------------------------------------------------------------------------------


def test_dat006_warns_where_a_line_stops_short_of_parliament() -> None:
    """An ICB answers to NHS England, which answers to nobody: the line stops there."""
    land = ic.LandscapeBuilder().add(
        ic.ICB(id="QYG", name="NHS C&M ICB"),
        ic.NHSEngland(id="nhse", name="NHS England"),
        ic.AccountableTo(source="QYG", target="nhse"),
    )
    [finding] = rule_findings(land.build(), "DAT006")
    assert (finding.entity, finding.related) == ("nhse", ("QYG",))
    assert "Accountability stops at NHS England (nhse)" in finding.message
    land.add(
        ic.SecretaryOfState(id="sos", name="Secretary of State"),
        ic.Parliament(id="parliament", name="UK Parliament"),
        ic.AccountableTo(source="nhse", target="sos"),
        ic.AccountableTo(source="sos", target="parliament"),
    )
    assert rule_findings(land.build(), "DAT006") == []


def test_dat006_passes_a_body_at_which_a_line_ends_by_design() -> None:
    """An assembly of last recourse, flagged with checks.LINE_ENDS and a reason, ends its line by design."""
    land = ic.LandscapeBuilder().add(
        ic.Committee(id="board", name="Partnership Board"),
        ic.Committee(id="assembly", name="Partnership Assembly"),
        ic.AccountableTo(source="board", target="assembly"),
    )
    [finding] = rule_findings(land.build(), "DAT006")
    assert finding.entity == "assembly"
    land.remove("assembly").add(
        ic.Committee(id="assembly", name="Partnership Assembly", notes=[f"{ic.checks.LINE_ENDS} last recourse"]),
        ic.AccountableTo(source="board", target="assembly"),
    )
    assert rule_findings(land.build(), "DAT006") == []


INVARIANTS = ("DAT001", "DAT002", "DAT003", "DAT004", "DAT005", "DAT006", "DAT007")


@pytest.mark.parametrize("name", slow_england(ic.datasets.names()))
def test_every_bundled_dataset_passes_every_invariant(name: str) -> None:
    """No fact told twice, names are names, sources are documents, lines reach Parliament, starts or reasons."""
    report = ic.check(ic.datasets.load(name), rules=INVARIANTS)
    assert [f.message for f in report] == []


def test_regional_lines_of_accountability_reach_parliament_or_an_electorate() -> None:
    """From a Cheshire East place board up: HWB, council, electorate; from the ICB: NHS England to Parliament."""
    cm = ic.datasets.load("cheshire-and-merseyside")
    up = {r.source: r.target for r in cm.relations(ic.AccountableTo)}
    assert [up["cheshire-east-place-partnership-board"], up["cheshire-east-hwb"], up["E06000049"]] == [
        "cheshire-east-hwb",
        "E06000049",
        "electorate-E06000049",
    ]
    assert [up["QYG"], up["nhs-england"], up["secretary-of-state"]] == [
        "nhs-england",
        "secretary-of-state",
        "parliament",
    ]
    assert up["nhs-north-west-regional-people-board"] == "nhs-england"
    assert "cm-partnership-assembly" not in up  # the body of last recourse, flagged as such
    assert any(n.startswith(ic.checks.LINE_ENDS) for n in cm["cm-partnership-assembly"].notes)


# --- DAT007 and coverage -------------------------------------------------------------------------


def covered(land: Landscape, start: str | None = "2022-07-01", end: str | None = None) -> Landscape:
    """Declare a coverage on a hand-built landscape, as the dataset registry does on what it loads."""
    land._declare_coverage("test-dataset", ic.Period.coerce((start, end)))
    return land


def test_dat007_asks_datasets_for_start_dates_or_a_reason() -> None:
    """A dataset's undated council (created in 2009, say) answers for 1990: flagged unless its note says why."""
    b = ic.LandscapeBuilder().add(
        ic.LocalAuthority(id="E06000052", name="Cornwall Council", tier="unitary"),
        ic.LocalAuthority(id="E06000060", name="Buckinghamshire Council", tier="unitary", period=("2020-04-01", None)),
        ic.Parliament(id="parliament", name="UK Parliament", notes=[f"{ic.checks.OPEN_ENDED} predates every date"]),
    )
    assert rule_findings(b.build(), "DAT007") == []  # built by hand: no dataset, no demand
    [finding] = rule_findings(covered(b.build()), "DAT007")
    assert finding.entity == "E06000052"
    assert "has no start date and no note saying why" in finding.message


def test_as_of_warns_outside_a_declared_coverage_and_check_warns_once() -> None:
    """Inside the coverage no warning; outside, one CoverageWarning, from as_of or check(as_of=...)."""
    land = covered(
        ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB", period=FROM_2022)).build(), end="2026-08-02"
    )
    assert str(land.coverage) == "[2022-07-01, 2026-08-02)"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(land.as_of("2024-01-01")) == 1
        assert land.as_of("2024-01-01").coverage == land.coverage  # a view keeps its base's coverage
    with pytest.warns(ic.errors.CoverageWarning, match="1990-01-01 is outside the coverage") as caught:
        assert len(land.as_of("1990-01-01")) == 0
    assert caught[0].filename == __file__  # the warning points at the caller
    assert (caught[0].message.dataset, caught[0].message.date) == ("test-dataset", "1990-01-01")  # type: ignore[union-attr]
    with pytest.warns(ic.errors.CoverageWarning) as caught:
        ic.check(land, as_of="2027-01-01")
    assert len(caught) == 1
    assert caught[0].filename == __file__


def test_bundled_datasets_declare_their_coverage() -> None:
    """Every dataset declares its coverage in the index; loading it carries it on the landscape."""
    for name in ic.datasets.names():
        about = ic.datasets.info(name)
        assert about.coverage.start is not None
        assert ic.datasets.load(name).coverage == about.coverage
    assert str(ic.datasets.info("england").coverage) == "[2022-07-01, 2026-08-02)"


def test_england_before_2009_has_no_council_created_since() -> None:
    """As of 1990, England's councils created in 2009 and 2020 are absent (each dated from its order)."""
    england = ic.datasets.england()
    with pytest.warns(ic.errors.CoverageWarning):
        councils = {c.id for c in england.as_of("1990-01-01").of_type(ic.LocalAuthority)}
    assert not {"E06000052", "E06000049", "E06000060", "E06000058", "E06000061"} & councils
    assert england["E06000060"].period.start == dt.date(2020, 4, 1)
    assert england["E06000052"].period.start == dt.date(2009, 4, 1)
    undated = [e for e in england.of_type(ic.LocalAuthority) if e.period.start is None]
    assert undated
    assert all(any(n.startswith(ic.checks.OPEN_ENDED) for n in e.notes) for e in undated)


# --- views ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", slow_england(ic.datasets.names()))
def test_as_of_on_a_view_is_as_of_on_its_base(name: str) -> None:
    """cm.as_of(2024).as_of(2020) is cm.as_of(2020): a view never answers from its own subset."""
    land = ic.datasets.load(name)
    for first, second in (("2024-01-01", "2022-08-01"), ("2022-08-01", "2024-01-01"), ("2024-01-01", "2024-01-01")):
        assert land.as_of(first).as_of(second) == land.as_of(second)
        assert len(land.as_of(first).as_of(second)) == len(land.as_of(second))


def test_as_of_on_a_view_sees_what_the_view_lacks() -> None:
    """A body that ended before the view's date is back in a view of an earlier date."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")),
            ic.ICB(id="QYG", name="NHS C&M ICB", period=FROM_2022),
        )
        .build()
    )
    later = land.as_of("2024-01-01")
    assert [e.id for e in later] == ["QYG"]
    assert [e.id for e in later.as_of("2020-01-01")] == ["01V"]


# --- forums --------------------------------------------------------------------------------------


def test_a_forum_refuses_a_member_given_twice() -> None:
    """Two members with one id would let one vote count for two constituencies: refused, naming both."""
    council = ic.governance.ForumMember(id="E06000049", partner_kind="councils")
    again = ic.governance.ForumMember(id="E06000049", partner_kind="CCGs")
    refused = 'forum "board": member "E06000049" is given 2 times'
    with pytest.raises(ic.errors.DuplicateMemberError, match=refused) as err:
        ic.governance.Forum(id="board", name="Board", members=[council, again])
    assert (err.value.forum, err.value.member, err.value.times) == ("board", "E06000049", 2)
    forum = ic.governance.Forum(id="board", name="Board", members=[council])
    with pytest.raises(ic.errors.DuplicateMemberError):
        forum.with_members([council, council, council])
    assert forum.with_members([council]).members == (council,)


# --- population arithmetic -----------------------------------------------------------------------


def neighbourhoods(*extra: ic.Relation) -> ic.Landscape:
    """A place with neighbourhoods A (60,000), B (40,000) and C (10,000), each within the place."""
    people = [("a", "A", 60_000), ("b", "B", 40_000), ("c", "C", 10_000)]
    b = ic.LandscapeBuilder().add(ic.Place(id="p", name="Place"))
    for ident, name, count in people:
        b.add(ic.Neighbourhood(id=ident, name=name, population=ic.quantity(count, "person")), within="p")
    return b.add(*extra).build()


def test_population_counts_a_part_inside_another_part_once() -> None:
    """C lies within A as well as within the place: adding it too would count its 10,000 people twice."""
    answer = ic.population_of(neighbourhoods(ic.Within(source="c", target="a")), "p")
    assert answer.total == ic.quantity(100_000, "person")
    assert [part.id for part in answer.parts] == ["a", "b"]
    assert answer.left_out == ("C lies within A, also a part: not added again",)
    assert str(answer).endswith("Not added: C lies within A, also a part: not added again.")


def test_population_does_not_add_parts_that_overlap_partly() -> None:
    """A and B overlap partly: no sum of neighbourhoods counts each person once, so none is given."""
    answer = ic.population_of(neighbourhoods(ic.Overlaps(source="a", target="b", share=0.2)), "p")
    assert answer.total is None
    assert answer.left_out == ("A and B overlap: people in both would be counted twice",)
    assert "Not added: A and B overlap" in str(answer)


def test_population_adds_parts_that_do_not_overlap() -> None:
    """Three separate neighbourhoods add up to 110,000."""
    answer = ic.population_of(neighbourhoods(), "p")
    assert answer.total == ic.quantity(110_000, "person")
    assert answer.left_out == ()


# --- shared ICP and HWB membership ----------------------------------------------------------------


def test_icp005_advises_an_icp_with_an_hwbs_members_to_streamline_meetings() -> None:
    """Same members: advice naming both; one member more on the ICP: nothing."""
    b = ic.LandscapeBuilder().add(
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.ICB(id="QYG", name="NHS C&M ICB"),
        ic.ICP(id="icp", name="Small ICP"),
        ic.HWB(id="hwb", name="Cheshire East HWB"),
        ic.HWB(id="empty-hwb", name="An HWB with no recorded members"),
        *(ic.MemberOf(source=m, target=t) for m in ("E06000049", "QYG") for t in ("icp", "hwb")),
    )
    [finding] = rule_findings(b.build(), "ICP005")
    assert (finding.entity, finding.related, finding.severity) == ("icp", ("hwb",), ic.checks.Severity.ADVICE)
    assert "has the same 2 members as Cheshire East HWB (hwb)" in finding.message
    b.add(ic.Healthwatch(id="hw", name="Healthwatch"), ic.MemberOf(source="hw", target="icp"))
    assert rule_findings(b.build(), "ICP005") == []
