"""check() judges each rule only when what it reads changes, with the same findings as judging every span."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integratedcare as ic
from integratedcare._checks._reading import mentions, spoken
from integratedcare._checks._registry import Context, Reads, resolve_rules
from integratedcare._checks._report import _day, _join, _span_at, _timeline
from strategies import entities, landscapes, periods, relations_among, slow_england

FOCUS = (
    ic.NHSEngland,
    ic.IntegratedCareSystem,
    ic.IntegratedCareBoard,
    ic.IntegratedCarePartnership,
    ic.IntegratedCareStrategy,
    ic.LocalAuthority,
    ic.HealthAndWellbeingBoard,
    ic.PlaceBasedPartnership,
    ic.PrimaryCareNetwork,
    ic.GPPractice,
    ic.NHSTrust,
    ic.ProviderCollaborative,
    ic.Post,
    ic.Healthwatch,
    ic.Neighbourhood,
)
"""The kinds the rules read: landscapes of only these make findings likely."""


WHOLE: Final = frozenset({"DAT001", "DAT003", "DAT004", "DAT005", "DAT007"})
"""The data rules, which judge the whole landscape at once and never read a span's snapshot.

Judging them on every span, as the reference judges the other rules, only repeats the same pass
over the whole landscape once per span (England's 308 spans tripled the test's time).
"""


def reference(
    land: ic.Landscape, rules: tuple[ic.checks.Rule, ...] | None = None, day: dt.date | None = None
) -> list[ic.checks.Finding]:
    """Judge every rule on every span in which the landscape does not change: what check() did before."""
    found: list[ic.checks.Finding] = []
    for rule in rules or resolve_rules(None):
        if rule.id in WHOLE:  # judged across the whole landscape at once, then as now
            window = ic.ALWAYS if day is None else next(s for s in ic.checks.spans(land) if s.contains(day))
            found.extend(rule.run(Context(landscape=land, whole=land, period=window)))
            continue
        for span in ic.checks.spans(land, [rule.period]):
            on = _day(span)
            if rule.period.contains(on) and (day is None or span.contains(day)):
                snapshot = land._on(on)  # the snapshot without a dataset's coverage warning, as check() takes it
                # PCN001 now reads the whole landscape across time; on one snapshot it is the old rule
                whole = snapshot if rule.id == "PCN001" else land
                found.extend(rule.run(Context(landscape=snapshot, whole=whole, period=span)))
    return sorted(_join(found), key=ic.checks.Finding.sort_key)


GROUPS = (
    FOCUS,
    (ic.GPPractice, ic.PrimaryCareNetwork),
    (ic.IntegratedCareBoard, ic.IntegratedCarePartnership, ic.LocalAuthority, ic.Post),
    (ic.IntegratedCareBoard, ic.IntegratedCarePartnership, ic.LocalAuthority),
    (ic.IntegratedCareSystem, ic.PlaceBasedPartnership, ic.PrimaryCareNetwork, ic.LocalAuthority),
    (ic.IntegratedCareSystem, ic.PlaceBasedPartnership),
    (ic.NHSEngland, ic.IntegratedCareBoard, ic.LocalAuthority, ic.Committee),
)
"""Kinds drawn together, so that each rule meets what it needs often."""

LINKS = (
    ic.AccountableTo,
    ic.MemberOf,
    ic.Within,
    ic.Overlaps,
    ic.Establishes,
    ic.Prepares,
    ic.Holds,
    ic.Delegation,
    ic.Hosts,
)
"""The kinds of relation the rules read most."""


@st.composite
def links(draw: st.DrawFn, members: list[ic.Entity], count: int) -> list[ic.Relation]:
    """Draw up to ``count`` valid relations among ``members``, of the kinds the rules read most."""
    drawn: list[ic.Relation] = []
    for _ in range(count):
        cls = draw(st.sampled_from(LINKS))
        source_kinds, target_kinds = ic.kinds.RELATION_ENDPOINTS[cls]
        sources = [e for e in members if isinstance(e, source_kinds)]
        if not sources:
            continue
        source = draw(st.sampled_from(sources))
        targets = [
            e for e in members if isinstance(e, target_kinds) and e.id != source.id and e.period.overlaps(source.period)
        ]
        if not targets:
            continue
        target = draw(st.sampled_from(targets))
        shared = source.period.intersection(target.period)
        period = draw(st.none() | periods(within=shared))  # None: while both ends exist
        fields: dict[str, object] = {"source": source.id, "target": target.id, "period": period or shared}
        if cls is ic.Delegation:
            fields["functions"] = draw(
                st.lists(
                    st.sampled_from([*sorted(ic.governance.Function.registry()), "place-commissioning"]),
                    min_size=1,
                    max_size=2,
                )
            )
        if cls is ic.MemberOf:
            fields["role"] = draw(st.sampled_from([None, "chair", "chief executive", "public health", "healthwatch"]))
        drawn.append(cls(**fields))
    return drawn


@st.composite
def focused(draw: st.DrawFn) -> ic.Landscape:
    """Draw a valid landscape of the kinds the rules read, with many relations between them."""
    group = draw(st.sampled_from(GROUPS))
    kinds = draw(st.lists(st.sampled_from(group), min_size=2, max_size=14))
    members = [draw(entities(cls=kind, ident=f"e{n}")) for n, kind in enumerate(kinds)]
    members = [attrs.evolve(e, period=ic.ALWAYS) if draw(st.booleans()) else e for e in members]
    relations = draw(links(members, draw(st.integers(0, 40))))
    relations += draw(relations_among(members, draw(st.integers(0, 5))))
    return ic.LandscapeBuilder("Focused").add(*members, *dict.fromkeys(relations)).build()


SKELETON = (
    ic.NHSEngland(id="nhse", name="NHS England"),
    ic.ICB(id="icb", name="An ICB"),
    ic.ICP(id="icp", name="An ICP", scope="system", statutory=True),
    ic.IntegratedCareStrategy(id="strategy", name="A strategy"),
    ic.LocalAuthority(id="la1", name="A unitary council", tier="unitary"),
    ic.LocalAuthority(id="la2", name="A county council", tier="county"),
    ic.HWB(id="hwb", name="A health and wellbeing board"),
    ic.Post(id="chair", name="The chair"),
    ic.ICS(id="ics", name="An ICS"),
    ic.Place(id="p1", name="Place one"),
    ic.Place(id="p2", name="Place two"),
    ic.PCN(id="n1", name="Network one"),
    ic.PCN(id="n2", name="Network two"),
    ic.GPPractice(id="gp", name="A practice"),
    ic.NHSTrust(id="trust", name="A trust", services=["acute"]),
    ic.ProviderCollaborative(id="pc", name="A collaborative"),
)
"""A small system with every kind the date-by-date rules read."""

TIES: tuple[tuple[type[ic.Relation], str, str, dict[str, Any]], ...] = (
    (ic.Establishes, "icb", "icp", {}),
    (ic.Within, "icp", "icb", {}),
    (ic.MemberOf, "icb", "icp", {}),
    (ic.MemberOf, "la1", "icp", {}),
    (ic.MemberOf, "chair", "icp", {"role": "chair"}),
    (ic.Holds, "la2", "chair", {}),
    (ic.Overlaps, "la1", "icb", {}),
    (ic.Overlaps, "la2", "icb", {}),
    (ic.Establishes, "la2", "icp", {}),
    (ic.Prepares, "icp", "strategy", {}),
    (ic.Within, "hwb", "la1", {}),
    (ic.Establishes, "la2", "hwb", {}),
    (ic.MemberOf, "la1", "icb", {"role": "chair"}),
    (ic.MemberOf, "chair", "icb", {"role": "chief executive"}),
    (ic.Within, "p1", "ics", {}),
    (ic.Within, "p2", "ics", {}),
    (ic.Overlaps, "p1", "p2", {}),
    (ic.Within, "n1", "p1", {}),
    (ic.Within, "n1", "p2", {}),
    (ic.MemberOf, "la1", "p1", {"role": "public health"}),
    (ic.MemberOf, "trust", "p1", {}),
    (ic.MemberOf, "gp", "n1", {}),
    (ic.Within, "gp", "n2", {}),
    (ic.MemberOf, "trust", "pc", {}),
    (ic.Delegation, "nhse", "icb", {"functions": ["dental-services"]}),
    (ic.Delegation, "icb", "la1", {"functions": ["dental-services"]}),
    (ic.Delegation, "la1", "icb", {"functions": ["dental-services", "public-health"]}),
    (ic.AccountableTo, "icb", "la1", {}),
    (ic.AccountableTo, "la1", "icb", {}),
)
"""The relations a skeleton landscape may draw, each with its own period."""

LIFETIMES = st.sampled_from(
    [ic.ALWAYS, ic.Period("2022-07-01"), ic.Period(None, "2024-01-01"), ic.Period("2016-01-01", "2026-01-01")]
)


@st.composite
def skeletons(draw: st.DrawFn) -> ic.Landscape:
    """Draw the skeleton system with some of its relations, every entity and relation over its own period."""
    members = [attrs.evolve(e, period=draw(LIFETIMES | periods())) for e in SKELETON]
    lifetimes = {e.id: e.period for e in members}
    relations: list[ic.Relation] = []
    for cls, source, target, fields in TIES:
        shared = lifetimes[source].intersection(lifetimes[target])
        if shared is not None and draw(st.booleans()):
            period = draw(st.none() | periods(within=shared))
            relations.append(cls(source=source, target=target, period=period or shared, **fields))
    return ic.LandscapeBuilder("Skeleton").add(*members, *relations).build()


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(land=skeletons() | focused() | landscapes(max_entities=14, max_relations=30))
def test_check_finds_what_judging_every_span_finds(land: ic.Landscape) -> None:
    """Judging a rule only when what it reads changes gives the findings of judging every span."""
    assert list(ic.check(land).findings) == reference(land)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(land=skeletons() | focused(), day=st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2031, 12, 31)))
def test_check_as_of_finds_what_judging_that_span_finds(land: ic.Landscape, day: dt.date) -> None:
    """With as_of, the findings are those of judging the span that holds the date."""
    assert list(ic.check(land, as_of=day).findings) == reference(land, day=day)


def counting(reads: Reads | None, *, period: ic.Period = ic.ALWAYS) -> tuple[ic.checks.Rule, list[ic.Period]]:
    """Return a rule that records the spans it is judged on, and the list it records them in."""
    seen: list[ic.Period] = []

    def judge(rule: ic.checks.Rule, context: Context) -> list[ic.checks.Finding]:
        seen.append(context.period)
        return [rule.finding(icb.id, "Seen.") for icb in context.of_type(ic.ICB)]

    rule = ic.checks.Rule(
        id="TST001",
        title="A test rule",
        severity="advice",
        citation=ic.Source(title="A test"),
        period=period,
        reads=reads,
        function=judge,
    )
    return rule, seen


def dated() -> ic.Landscape:
    """An ICB from 2022-07-01 and a practice that closes on 2024-01-01."""
    return (
        ic.LandscapeBuilder("Dated")
        .add(
            ic.ICB(id="QYG", name="NHS C&M ICB", period=("2022-07-01", None)),
            ic.GPPractice(id="gp", name="A practice", period=(None, "2024-01-01")),
        )
        .build()
    )


def test_a_rule_is_judged_again_only_when_what_it_reads_changes() -> None:
    """A rule reading ICBs is cut where ICBs change, not where practices close; its findings stay the same."""
    rule, seen = counting(Reads(entities=[ic.ICB]))
    [finding] = ic.check(dated(), rules=[rule])
    assert seen == [ic.Period(None, "2022-07-01"), ic.Period("2022-07-01")]
    assert finding.period == ic.Period("2022-07-01")


def test_a_rule_that_reads_nothing_dated_is_judged_once() -> None:
    """A rule whose reading never changes is judged once for all time, sharing a snapshot already taken."""
    rule, seen = counting(Reads(entities=[ic.Neighbourhood]))
    assert ic.check(dated(), rules=[rule]).findings == ()
    assert seen == [ic.ALWAYS]


def test_a_rule_without_reads_is_judged_on_every_span() -> None:
    """A rule that does not say what it reads is judged on every span of the landscape and of its period."""
    rule, seen = counting(None, period=ic.Period(None, "2023-01-01"))
    [finding] = ic.check(dated(), rules=[rule])
    assert seen == [ic.Period(None, "2022-07-01"), ic.Period("2022-07-01", "2023-01-01")]
    assert finding.period == ic.Period("2022-07-01", "2023-01-01")


def test_as_of_judges_the_span_that_holds_the_date() -> None:
    """With as_of, the rule is judged once, on the span of the landscape and its period that holds the date."""
    rule, seen = counting(Reads(entities=[ic.ICB]))
    [finding] = ic.check(dated(), rules=[rule], as_of="2023-06-01")
    assert seen == [ic.Period("2022-07-01", "2024-01-01")]
    assert finding.period == ic.Period("2022-07-01", "2024-01-01")
    rule, seen = counting(Reads(entities=[ic.ICB]), period=ic.Period("2025-01-01"))
    assert ic.check(dated(), rules=[rule], as_of="2023-06-01").findings == ()
    assert seen == []


def test_reads_match_kinds_and_their_subclasses() -> None:
    """Reads names entity kinds and (relation, source, target) links; a base class stands for its kinds."""
    members = Reads(relations=[(ic.MemberOf, ic.Entity, ic.ICB)])
    both = members | Reads(entities=[ic.Body])
    assert both.entity(ic.ICB)
    assert not members.entity(ic.ICB)
    assert not both.entity(ic.JSNA)
    assert both.relation(ic.MemberOf, ic.LocalAuthority, ic.ICB)
    assert not both.relation(ic.MemberOf, ic.ICB, ic.LocalAuthority)
    assert not both.relation(ic.Within, ic.LocalAuthority, ic.ICB)


def test_every_rule_says_what_it_reads_or_reads_the_whole_landscape() -> None:
    """Each rule judged date by date declares what it reads; whole-landscape rules need not."""
    for rule in ic.checks.RULES.values():
        assert rule.timeless or rule.reads is not None, rule.id


def test_the_timeline_keys_relations_by_their_ends_kinds() -> None:
    """The timeline keeps each kind's dates, and a relation's dates with its ends' (a missing end as Entity)."""
    land = ic.Landscape._trusted(
        "Loose",
        [ic.ICB(id="QYG", name="NHS C&M ICB", period=("2022-07-01", None))],
        [ic.MemberOf(source="ghost", target="QYG"), ic.MemberOf(source="QYG", target="ghost")],
    )
    timeline = _timeline(land)
    july = dt.date(2022, 7, 1)
    assert timeline.everything == {july}
    assert timeline.entities == {ic.ICB: {july}}
    assert timeline.relations == {(ic.MemberOf, ic.Entity, ic.ICB): {july}, (ic.MemberOf, ic.ICB, ic.Entity): {july}}
    assert timeline.dates(Reads(relations=[(ic.MemberOf, ic.ICB, ic.Entity)])) == {july}
    assert timeline.dates(Reads()) == frozenset()
    assert timeline.dates(None) == {july}


def test_the_span_at_a_date_lies_between_the_nearest_cuts() -> None:
    """The span that holds a date runs from the last cut on or before it to the first cut after it."""
    cuts = [dt.date(2020, 1, 1), dt.date(2022, 1, 1)]
    assert _span_at(cuts, dt.date(2021, 1, 1)) == ic.Period("2020-01-01", "2022-01-01")
    assert _span_at(cuts, dt.date(2022, 1, 1)) == ic.Period("2022-01-01")
    assert _span_at(cuts, dt.date(2019, 1, 1)) == ic.Period(None, "2020-01-01")
    assert _span_at([], dt.date(2019, 1, 1)) == ic.ALWAYS


def test_a_context_lists_the_snapshots_entities_of_a_kind() -> None:
    """Context.of_type lists the snapshot's own entities of a kind, from the whole landscape's list."""
    land = dated()
    assert Context(landscape=land.as_of("2022-06-30"), whole=land).of_type(ic.ICB) == ()
    assert [e.id for e in Context(landscape=land.as_of("2022-07-01"), whole=land).of_type(ic.Body)] == ["QYG", "gp"]
    assert Context(landscape=land, whole=land).of_type(ic.ICB) == land.of_type(ic.ICB)


def test_join_merges_repeats_with_open_ends() -> None:
    """Repeats of a finding, open at either end, join into one finding over their union."""
    finding = ic.checks.RULES["PCN002"].finding("pcn", "A problem.")
    parts = [
        attrs.evolve(finding, period=ic.Period(None, "2021-01-01")),
        attrs.evolve(finding, period=ic.Period(None, "2022-01-01")),
        attrs.evolve(finding, period=ic.Period("2022-01-01", None)),
        attrs.evolve(finding, period=ic.Period("2023-01-01", None)),
        attrs.evolve(finding, period=ic.Period("2023-01-01", "2024-01-01")),
    ]
    assert [f.period for f in _join(parts)] == [ic.ALWAYS]
    assert [f.period for f in _join(parts[2:])] == [ic.Period("2022-01-01")]


def practices() -> ic.LandscapeBuilder:
    """Three networks and a practice that moves between them."""
    return ic.LandscapeBuilder("Practices").add(
        ic.PCN(id="pcn-a", name="PCN A"),
        ic.PCN(id="pcn-b", name="PCN B", period=(None, "2025-01-01")),
        ic.PCN(id="pcn-c", name="PCN C"),
        ic.GPPractice(id="gp", name="A practice", period=(None, "2026-01-01")),
        ic.MemberOf(source="gp", target="pcn-a"),
        ic.Within(source="gp", target="pcn-a", period=(None, "2024-01-01")),
        ic.MemberOf(source="gp", target="pcn-b", period=("2023-01-01", "2025-01-01")),
        ic.Within(source="gp", target="pcn-c", period=("2023-06-01", "2023-09-01")),
    )


def test_a_practice_in_several_networks_is_found_for_each_stretch_of_time() -> None:
    """PCN001 reads memberships across time: one finding per stretch with the same networks."""
    found = ic.check(practices().build(), rules=["PCN001"]).findings
    assert [(f.period, f.related) for f in found] == [
        (ic.Period("2023-01-01", "2023-06-01"), ("pcn-a", "pcn-b")),
        (ic.Period("2023-06-01", "2023-09-01"), ("pcn-a", "pcn-b", "pcn-c")),
        (ic.Period("2023-09-01", "2025-01-01"), ("pcn-a", "pcn-b")),
    ]
    assert list(found) == reference(practices().build(), (ic.checks.RULES["PCN001"],))
    [during] = ic.check(practices().build(), rules=["PCN001"], as_of="2023-07-01").findings
    assert during.period == ic.Period("2023-06-01", "2023-09-01")


def test_a_link_that_never_holds_with_both_ends_is_not_read() -> None:
    """A link between a practice and a network that never exist together (made without the builder) is not read."""
    land = ic.Landscape._trusted(
        "Loose",
        [
            ic.PCN(id="pcn-a", name="PCN A"),
            ic.PCN(id="pcn-b", name="PCN B", period=("2025-01-01", None)),
            ic.GPPractice(id="gp", name="A practice", period=(None, "2024-01-01")),
        ],
        [ic.MemberOf(source="gp", target="pcn-a"), ic.MemberOf(source="gp", target="pcn-b")],
    )
    assert ic.check(land, rules=["PCN001"]).findings == ()


def test_spoken_words_are_read_once_for_many_phrases() -> None:
    """Texts may be read once into their words; a phrase never runs from one text into the next."""
    words = spoken(["Primary", "care lead", None])
    assert mentions(words, "care lead")
    assert not mentions(words, "primary care")
    assert mentions(["Primary care"], "primary care")


@pytest.mark.parametrize("name", slow_england(ic.datasets.names()))
def test_bundled_datasets_find_what_judging_every_span_finds(name: str) -> None:
    """Every bundled dataset gets the same findings as judging every span."""
    land = ic.datasets.load(name)
    assert list(ic.check(land).findings) == reference(land)
