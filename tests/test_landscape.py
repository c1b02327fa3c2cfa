"""The landscape builder's checks, and the immutable landscape's lookups, time travel and value semantics."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integratedcare as ic
from strategies import landscapes

HCA = ic.Citation(act="Health and Care Act 2022", section="s19")


def small() -> ic.Landscape:
    """Build a hand-drawn landscape: a CCG succeeded by an ICB, a council overlapping it, a place."""
    return (
        ic.LandscapeBuilder("Small")
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")),
            ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
            ic.LocalAuthority(id="E08000014", name="Sefton Council", tier="metropolitan-district"),
            ic.Agreement(id="mou", name="MoU", period=("2020-01-01", None)),
        )
        .add(ic.Place(id="sefton-place", name="Sefton"), within="QYG")
        .add(
            ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)),
            ic.Overlaps(source="E08000014", target="QYG", share=1.0, period=("2022-07-01", None)),
            ic.AccountableTo(source="QYG", target="nhs-england", mechanism="annual assessment", basis=HCA),
            ic.HoldsToAccount(
                source="QYG", target="E08000014", basis=ic.Clause(agreement="mou"), period=("2022-07-01", None)
            ),
        )
        .build()
    )


def test_acceptance_every_problem_reported_at_once() -> None:
    """A wrong unit, a reversed period, a missing id and a duplicate id are reported by one build()."""
    builder = ic.LandscapeBuilder("Broken")
    builder.add_entity(ic.Place, id="wirral-place", name="Wirral", population=ic.quantity(3.2e5, "GBP"))
    builder.add_entity(ic.ICB, id="QYG", name="NHS C&M ICB", period=("2024-01-01", "2023-01-01"))
    builder.add(ic.ICS(id="cm-ics", name="C&M ICS"), ic.ICS(id="cm-ics", name="Again"))
    builder.add(ic.Region(id="Y62", name="North West"), ic.Within(source="cm-ics", target="Y26"))
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    problems = caught.value.exceptions
    assert len(problems) == 4
    unit, period, duplicate, missing = problems
    assert isinstance(unit, ic.errors.UnitError)
    assert (unit.subject, unit.field) == ('place-based-partnership "wirral-place"', "population")
    assert isinstance(period, ic.errors.InvalidPeriodError)
    assert (period.subject, period.field) == ('integrated-care-board "QYG"', "period")
    assert isinstance(duplicate, ic.errors.DuplicateIdError)
    assert duplicate.id == "cm-ics"
    assert isinstance(missing, ic.errors.UnknownEntityError)
    assert (missing.id, missing.field, missing.suggestions) == ("Y26", "target", ("Y62",))
    assert "4 problems in landscape 'Broken'" in str(caught.value)


def test_add_relation_collects_problems() -> None:
    """add_relation records construction problems, naming the relation, for build()."""
    builder = ic.LandscapeBuilder().add(ic.ICB(id="a", name="A"), ic.ICB(id="b", name="B"))
    builder.add_relation(ic.Overlaps, "a", "b", share=2)
    builder.add_relation(ic.MemberOf, "a", "b", colour="red")
    builder.add_relation(ic.Within, "a", "a")
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    messages = [str(e) for e in caught.value.exceptions]
    assert messages[0] == 'overlaps "a" -> "b": share must be a number in (0, 1], got 2'
    assert messages[1].startswith('member-of "a" -> "b": cannot be built:')
    assert messages[2] == 'within "a" -> "a": target must differ from the source'


def test_add_entity_type_error_is_collected() -> None:
    """An unknown field given to add_entity is a recorded problem, not an exception."""
    builder = ic.LandscapeBuilder().add_entity(ic.ICB, id="QYG", name="X", colour="blue")
    builder.add_entity(ic.ICB, name="no id")
    with pytest.raises(ic.errors.LandscapeError, match="2 problems") as caught:
        builder.build()
    assert str(caught.value.exceptions[0]).startswith('integrated-care-board "QYG": cannot be built')
    assert str(caught.value.exceptions[1]).startswith("integrated-care-board: cannot be built")


def test_add_rejects_other_objects() -> None:
    """Only entities and relations can be added."""
    with pytest.raises(TypeError, match="can add only entities and relations"):
        ic.LandscapeBuilder().add("QYG")  # type: ignore[arg-type]


def test_wrong_endpoint_kinds() -> None:
    """A relation between kinds it may not join is reported with the expected kinds."""
    builder = ic.LandscapeBuilder().add(
        ic.ICP(id="icp", name="ICP"), ic.Place(id="place", name="Place"), ic.Prepares(source="icp", target="place")
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.InvalidRelationError)
    assert str(problem) == 'prepares "icp" -> "place": target must be a document, got a place-based-partnership'


def test_relation_outside_lifetime() -> None:
    """A relation that holds when an end does not exist is refused, naming the end and both periods."""
    builder = ic.LandscapeBuilder().add(
        ic.ICB(id="QYG", name="ICB", period=("2022-07-01", None)),
        ic.ICP(id="icp", name="ICP"),
        ic.MemberOf(source="QYG", target="icp", period=("2020-01-01", None)),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    assert str(caught.value.exceptions[0]) == (
        'member-of "QYG" -> "icp": period [2020-01-01, …) must lie within the lifetime of its source [2022-07-01, …)'
    )


def test_succession_dates() -> None:
    """A predecessor must exist the day before a succession and the successor on the day."""
    builder = ic.LandscapeBuilder().add(
        ic.CCG(id="old", name="Old", period=(None, "2022-06-01")),
        ic.ICB(id="new", name="New", period=("2022-08-01", None)),
        ic.SucceededBy(source="old", target="new", period=("2022-07-01", None)),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    fields = [e.field for e in caught.value.exceptions if isinstance(e, ic.errors.PeriodMismatchError)]
    assert fields == ["source", "target"]


def test_clause_must_name_an_agreement_in_force() -> None:
    """A clause names an existing agreement, of the agreement kind, in force while the relation holds."""
    builder = ic.LandscapeBuilder().add(
        ic.ICB(id="a", name="A"),
        ic.ICB(id="b", name="B"),
        ic.Agreement(id="mou", name="MoU", period=("2021-01-01", None)),
        ic.HoldsToAccount(source="a", target="b", basis=ic.Clause(agreement="mouu")),
        ic.HoldsToAccount(source="b", target="a", basis=ic.Clause(agreement="a")),
        ic.MemberOf(source="a", target="b", basis=ic.Clause(agreement="mou")),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    missing, wrong_kind, too_early = caught.value.exceptions
    assert isinstance(missing, ic.errors.UnknownEntityError)
    assert missing.suggestions == ("mou",)
    assert isinstance(wrong_kind, ic.errors.InvalidRelationError)
    assert isinstance(too_early, ic.errors.PeriodMismatchError)
    assert too_early.field == "basis"


def test_duplicate_relation() -> None:
    """The same relation given twice is reported once."""
    rel = ic.Within(source="a", target="b")
    builder = ic.LandscapeBuilder().add(ic.Place(id="a", name="A"), ic.ICS(id="b", name="B"), rel, rel)
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    assert [str(e) for e in caught.value.exceptions] == ['within "a" -> "b": is given more than once']


def test_single_problem_wording() -> None:
    """One problem is reported as '1 problem'."""
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.LandscapeBuilder().add(ic.Place(id="a", name="A"), ic.Within(source="a", target="b")).build()
    assert str(caught.value).startswith("1 problem in landscape\n  - ")


def test_lookups() -> None:
    """get, [], in, len, iteration and of_type work by id and kind."""
    land = small()
    assert land.get("QYG").name == "NHS Cheshire and Merseyside ICB"
    assert land["01V"].kind == "clinical-commissioning-group"
    assert "QYG" in land
    assert "nope" not in land
    assert len(land) == 6
    assert [e.id for e in land] == sorted(e.id for e in land)
    assert land.entities == tuple(land)
    assert [b.id for b in land.of_type(ic.Body)] == ["01V", "E08000014", "QYG", "nhs-england", "sefton-place"]
    assert land.of_type(ic.Body) is land.of_type(ic.Body)
    with pytest.raises(ic.errors.UnknownEntityError, match=r'no entity with id "QYH"; did you mean "QYG"\?'):
        land.get("QYH")
    with pytest.raises(KeyError):
        land["missing"]


def test_relations_by_kind_source_and_target() -> None:
    """relations() filters by kind (class or text), source and target."""
    land = small()
    assert len(land.relations()) == 5
    assert land.relations() is land.all_relations
    assert [r.kind for r in land.relations(source="QYG")] == ["accountable-to", "holds-to-account"]
    assert [r.source for r in land.relations(target="QYG")] == ["E08000014", "01V", "sefton-place"]
    assert land.relations(ic.Within, target="QYG")[0].source == "sefton-place"
    assert land.relations(ic.Overlaps, source="E08000014", target="QYG")[0].share == 1.0
    assert land.relations("overlaps", source="E08000014")[0].kind == "overlaps"
    assert land.relations(ic.Relation) == land.all_relations
    assert land.relations(source="nobody") == ()
    with pytest.raises(ic.errors.InvalidValueError, match="kind must be one of"):
        land.relations("likes")


def test_as_of_keeps_what_is_in_force() -> None:
    """as_of keeps the entities existing on the date and the relations holding between them."""
    land = small()
    before = land.as_of("2022-06-30")
    assert "01V" in before
    assert "QYG" not in before
    assert before.relations(ic.SucceededBy) == ()
    after = land.as_of(dt.date(2022, 7, 1))
    assert "01V" not in after
    assert after.relations(ic.SucceededBy) == ()
    assert len(after.relations(ic.Overlaps)) == 1
    assert land.as_of("2022-07-01") is after
    with pytest.raises(ic.errors.InvalidPeriodError, match="as_of must be an ISO date"):
        land.as_of("next week")


def test_builder_seeded_from_landscape() -> None:
    """A landscape's builder starts from its contents; removals drop an entity and its relations."""
    land = small()
    same = land.builder().build()
    assert same == land
    assert same.name == "Small"
    smaller = land.builder().remove("E08000014").build()
    assert "E08000014" not in smaller
    assert smaller.relations(ic.Overlaps) == ()
    rel = land.relations(ic.AccountableTo)[0]
    assert land.builder().remove_relation(rel).build().relations(ic.AccountableTo) == ()


def test_value_semantics_and_repr() -> None:
    """Landscapes compare by content, hash consistently and summarise themselves."""
    land = small()
    assert land == small()
    assert hash(land) == hash(small())
    assert land != land.as_of("2022-06-30")
    assert land != "a landscape"
    assert repr(land) == "<Landscape 'Small': 6 entities, 5 relations>"
    assert repr(ic.LandscapeBuilder().build()) == "<Landscape: 0 entities, 0 relations>"


def test_direct_construction_is_refused() -> None:
    """Landscapes are built, not constructed."""
    with pytest.raises(TypeError, match="LandscapeBuilder"):
        ic.Landscape()


@pytest.mark.slow
@given(landscapes())
def test_rebuilt_landscape_is_equal(land: ic.Landscape) -> None:
    """A landscape rebuilt from its own entities and relations equals it."""
    rebuilt = ic.LandscapeBuilder(land.name).add(*land.entities, *land.all_relations).build()
    assert rebuilt == land


@pytest.mark.slow
@given(landscapes())
def test_landscapes_pickle(land: ic.Landscape) -> None:
    """A pickled landscape comes back equal and usable."""
    back = pickle.loads(pickle.dumps(land))  # noqa: S301 (our own bytes)
    assert back == land
    assert back.name == land.name
    assert back.relations() == land.relations()


@pytest.mark.slow
@given(landscapes(), st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2032, 1, 1)))
def test_as_of_is_exactly_what_is_in_force(land: ic.Landscape, day: dt.date) -> None:
    """as_of keeps exactly the entities and relations in force on the date, and is idempotent."""
    now = land.as_of(day)
    assert {e.id for e in now} == {e.id for e in land if e.period.contains(day)}
    expected = {r for r in land.all_relations if r.period.contains(day) and r.source in now and r.target in now}
    assert set(now.all_relations) == expected
    assert now.as_of(day) == now
    rebuilt = ic.LandscapeBuilder().add(*now.entities, *now.all_relations).build()
    assert rebuilt == now


def test_add_entity_and_relation_from_fields() -> None:
    """add_entity and add_relation build valid objects and add them, with within= too."""
    land = (
        ic.LandscapeBuilder()
        .add_entity(ic.ICS, id="ics", name="ICS")
        .add_entity(ic.Place, id="place", name="Place", within="ics")
        .add_entity(ic.Healthwatch, id="hw", name="Healthwatch")
        .add_relation(ic.MemberOf, "hw", "place", voting=False)
        .build()
    )
    assert land.relations(ic.Within)[0].target == "ics"
    assert land.relations(ic.MemberOf)[0].voting is False


def test_relation_without_period_takes_the_shared_lifetime() -> None:
    """A relation given no period holds whenever both ends exist; disjoint ends are refused."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.CCG(id="ccg", name="CCG", period=("2013-04-01", "2022-07-01")), ic.ICS(id="ics", name="ICS"))
        .add(ic.Within(source="ccg", target="ics"))
        .build()
    )
    assert land.relations(ic.Within)[0].period == ic.Period("2013-04-01", "2022-07-01")
    disjoint = ic.LandscapeBuilder().add(
        ic.CCG(id="ccg", name="CCG", period=(None, "2022-07-01")),
        ic.ICB(id="icb", name="ICB", period=("2022-07-01", None)),
        ic.Within(source="ccg", target="icb"),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        disjoint.build()
    assert isinstance(caught.value.exceptions[0], ic.errors.PeriodMismatchError)


class _Likes(ic.Relation):
    """A relation kind a user might add without declaring its endpoints (not registered: no kind)."""


def test_undeclared_relation_kinds_join_any_entities() -> None:
    """A relation class missing from RELATION_ENDPOINTS may join any two entities, and is not registered."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="a", name="A"), ic.JSNA(id="b", name="B")).build()
    rel = _Likes(source="a", target="b")
    assert land.builder().add(rel).build().all_relations == (rel,)
    assert "relation" not in ic.kinds.RELATION_KINDS


def test_succession_on_the_first_possible_day() -> None:
    """A succession on the earliest date has no day before it: the predecessor cannot have existed."""
    builder = ic.LandscapeBuilder().add(
        ic.Region(id="r1", name="Old", period=(None, dt.date.min + dt.timedelta(days=1))),
        ic.Region(id="r2", name="New", period=(dt.date.min, None)),
        ic.SucceededBy(source="r1", target="r2", period=(dt.date.min, None)),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    assert [e.field for e in caught.value.exceptions if isinstance(e, ic.errors.PeriodMismatchError)] == ["source"]


def test_ties_are_ordered_whatever_the_input_order() -> None:
    """Relations with the same kind, ends and period are ordered the same whichever comes first."""
    a = ic.MemberOf(source="x", target="y", role="chair")
    b = ic.MemberOf(source="x", target="y", role="member")
    ends = (ic.ICB(id="x", name="X"), ic.ICP(id="y", name="Y"))
    one = ic.LandscapeBuilder().add(*ends, a, b).build()
    two = ic.LandscapeBuilder().add(*ends, b, a).build()
    assert one.all_relations == two.all_relations


_NOTES = st.lists(st.sampled_from(["a", "b"]), max_size=1).map(tuple)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([ic.Within, ic.MemberOf]),
            st.sampled_from(["a", "b"]),
            st.sampled_from([ic.ALWAYS, ic.Period("2022-07-01")]),
            _NOTES,
        ),
        max_size=12,
    )
)
def test_relations_are_ordered_and_repeats_dropped_as_a_sort_by_full_text_would(
    specs: list[tuple[type[ic.Relation], str, ic.Period, tuple[str, ...]]],
) -> None:
    """Building orders relations by kind, ends and period, then full text, and reports each repeat once.

    Few values make many relations that share the cheap key, or repeat one another.
    """
    given_relations = [cls(source=s, target="z", period=p, notes=n) for cls, s, p, n in specs]
    bodies = [ic.Region(id=i, name=i) for i in ("a", "b", "z")]
    expected = sorted(
        dict.fromkeys(given_relations), key=lambda r: (r.kind, r.source, r.period.start or dt.date.min, repr(r))
    )
    repeated = [r for r in dict.fromkeys(given_relations) if given_relations.count(r) > 1]
    builder = ic.LandscapeBuilder().add(*bodies, *given_relations)
    if repeated:
        with pytest.raises(ic.errors.LandscapeError) as caught:
            builder.build()
        assert [str(e) for e in caught.value.exceptions] == [
            str(ic.errors.DuplicateRelationError(relation=r.label)) for r in repeated
        ]
        builder = ic.LandscapeBuilder().add(*bodies, *dict.fromkeys(given_relations))
    assert list(builder.build().all_relations) == expected


@pytest.mark.slow
@given(
    landscapes(),
    st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2032, 1, 1)),
    st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2032, 1, 1)),
)
def test_views_answer_lookups_as_their_relations_do(land: ic.Landscape, day: dt.date, later: dt.date) -> None:
    """A view's lookups by source, target and kind (filled on first use) agree with its relations.

    So do those of a view of a view, which is the landscape's view on the later day.
    """
    for view in (land.as_of(day), land.as_of(day).as_of(later)):
        relations = view.all_relations
        for entity in view:
            for _ in range(2):  # the second time from what the first filled in
                assert view.relations(source=entity.id) == tuple(r for r in relations if r.source == entity.id)
                assert view.relations(target=entity.id) == tuple(r for r in relations if r.target == entity.id)
        for cls in {type(r) for r in land.all_relations}:
            assert view.relations(cls) == tuple(r for r in relations if isinstance(r, cls))
    assert land.as_of(day).as_of(later) == land.as_of(later)


def _small() -> ic.Landscape:
    """A landscape with a place inside a system, both from 2022, for the view tests."""
    return (
        ic.LandscapeBuilder()
        .add(
            ic.ICS(id="ics", name="An ICS", period=("2022-07-01", None)),
            ic.Place(id="p1", name="Place 1", period=("2022-07-01", None)),
            ic.Within(source="p1", target="ics"),
        )
        .build()
    )


def test_a_view_outlives_the_landscape_it_was_taken_from() -> None:
    """A view whose landscape is no longer held elsewhere still answers its lookups and its as_of."""
    view = _small().as_of("2024-01-01")  # nothing else holds the landscape
    assert [r.target for r in view.relations(source="p1")] == ["ics"]
    assert [r.source for r in view.relations(target="ics")] == ["p1"]
    assert [r.kind for r in view.relations(ic.Within)] == ["within"]
    assert view.relations(source="ics") == ()
    assert view.as_of("2022-06-30") == _small().as_of("2022-06-30")


def test_views_make_no_reference_cycle_with_their_landscape() -> None:
    """A landscape, the views it keeps and what is derived from them are freed by reference counting alone."""
    import gc  # noqa: PLC0415 (only these tests touch the collector)
    import weakref  # noqa: PLC0415

    gc.disable()
    try:
        land = _small()
        view = land.as_of("2024-01-01")
        view.relations(source="p1")  # filled from the landscape
        ic.graph(land, as_of="2024-01-01")  # kept with the view
        ic.check(land)
        gone = weakref.ref(land), weakref.ref(view)
        del land, view
        assert [ref() for ref in gone] == [None, None]
    finally:
        gc.enable()


_DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1))


@given(_DAYS, _DAYS)
def test_as_of_on_a_view_is_as_of_on_its_landscape(day: dt.date, other: dt.date) -> None:
    """A view's as_of gives the landscape in force on that date, as the landscape's own as_of does."""
    land = small()
    view = land.as_of(day)
    assert view.as_of(other) == land.as_of(other)
    assert view.as_of(other).as_of(day) == view
    assert view.as_of(day) is view


def test_as_of_on_a_view_can_go_back_before_the_view() -> None:
    """A view of 2024 asked for 2020 gives what was in force in 2020, not what both dates share."""
    land = small()
    then = land.as_of("2024-01-01").as_of("2020-01-01")
    assert "01V" in then
    assert "QYG" not in then
    assert then == land.as_of("2020-01-01")


def test_views_kept_per_landscape_are_bounded() -> None:
    """Asking for 500 distinct dates keeps only the most recently used views, and re-uses a kept one."""
    from integratedcare._landscape import _VIEWS, VIEWS_KEPT  # noqa: PLC0415 (the store under test)

    land = small()
    first = dt.date(2020, 1, 1)
    for offset in range(500):
        land.as_of(first + dt.timedelta(days=offset))
        assert _VIEWS.size(land) == min(offset + 1, VIEWS_KEPT)
    last = first + dt.timedelta(days=499)
    assert land.as_of(last) is land.as_of(last)
    assert VIEWS_KEPT == 64  # the number the as_of docstring gives


@pytest.mark.slow
def test_a_long_daily_sweep_keeps_memory_flat() -> None:
    """Memory after a sweep of 320 distinct dates (views, duties, graphs) stays within 1.2x of that after 80.

    A networkx graph refers to itself (its views of nodes and edges), so the collector is run
    before measuring: what is measured is what the landscape keeps, not garbage not yet collected.
    """
    import gc  # noqa: PLC0415 (only this test traces memory)
    import tracemalloc  # noqa: PLC0415

    land = ic.datasets.load("brackenshire")
    first = dt.date(2026, 4, 1)  # the dataset does not change for the next two years: every view is alike

    def sweep(days: range) -> int:
        for offset in days:
            day = first + dt.timedelta(days=offset)
            ic.statute.derived_duties(land, as_of=day)
            ic.graph(land, as_of=day)
        gc.collect()
        return tracemalloc.get_traced_memory()[0]

    tracemalloc.start()
    try:
        after_80 = sweep(range(80))  # more than the views kept
        after_320 = sweep(range(80, 320))
    finally:
        tracemalloc.stop()
    assert after_320 <= 1.2 * after_80  # kept for good, the views would make it about 4x


def _in_force(land: ic.Landscape, day: dt.date) -> tuple[list[str], list[ic.Relation]]:
    """The entities and relations a view on ``day`` must hold, filtered one by one (the definition)."""
    entities = {e.id: e for e in land.entities if e.period.contains(day)}
    relations = [
        r
        for r in land.all_relations
        if r.period.contains(day)
        and (not isinstance(r, ic.SucceededBy) or (r.source in entities and r.target in entities))
    ]
    return list(entities), relations


@settings(max_examples=25, deadline=None)
@given(
    landscapes(),
    st.lists(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 1, 1)), min_size=1, max_size=8),
)
def test_views_on_dates_asked_in_any_order_hold_what_is_in_force(land: ic.Landscape, days: list[dt.date]) -> None:
    """Property: the views, made by moving one record of what holds from day to day, hold what is in force each day."""
    for day in [*days, dt.date.min, dt.date.max, *reversed(days)]:
        view = land._on(day)  # a view without the coverage warning
        assert ([e.id for e in view.entities], list(view.all_relations)) == _in_force(land, day)


@settings(max_examples=25, deadline=None)
@given(
    landscapes(),
    st.lists(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 1, 1)), min_size=2, max_size=6),
)
def test_views_read_through_bytes_answer_as_what_is_in_force(land: ic.Landscape, days: list[dt.date]) -> None:
    """Property: a view for queries and a snapshot for check() (read through bytes) answer as the definition."""
    first = land._on(days[0])
    for day, view in ((d, v) for d in days for v in (land._on(d), land._snapshot(d), first._snapshot(d))):
        ids, relations = _in_force(land, day)
        held = set(ids)
        assert len(view) == len(ids)
        assert [e.id for e in view] == ids
        for entity in land.entities:
            assert (entity.id in view) == (entity.id in held)
            if entity.id in held:
                assert view.get(entity.id) is entity
            else:
                with pytest.raises(ic.errors.UnknownEntityError):
                    view.get(entity.id)
        for cls in {type(e) for e in land.entities} | {ic.Entity, ic.Body}:
            assert view.of_type(cls) == tuple(e for e in land.entities if e.id in held and isinstance(e, cls))
        for kind in {type(r) for r in land.all_relations} | {ic.Relation}:
            assert view.relations(kind) == tuple(r for r in relations if isinstance(r, kind))
        assert 7 not in view  # an id is text: anything else is in no landscape


def test_a_succession_is_in_a_view_only_with_both_its_ends() -> None:
    """A succession on its date joins an entity that ended and one that started: both must be in the view."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.CCG(id="01V", name="CCG", period=(None, "2022-07-01")))
        .add(ic.ICB(id="QYG", name="ICB", period=("2022-07-01", None)))
        .add(ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)))
        .build()
    )
    for day in ("2022-06-30", "2022-07-01", "2023-01-01"):
        assert land.as_of(day).relations(ic.SucceededBy) == ()


def test_a_view_makes_its_relations_on_first_use_and_has_no_other_attributes() -> None:
    """A later view lists its relations only when asked, equal to what holds; a name it lacks is still an error."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="ICB", period=("2022-07-01", None))).build()
    first, second = land.as_of("2023-01-01"), land.as_of("2024-01-01")
    assert first.all_relations == second.all_relations == ()
    assert pickle.loads(pickle.dumps(land.as_of("2025-01-01"))) == land.as_of("2025-01-01")  # noqa: S301 (our own bytes)
    assert not hasattr(second, "no_such_attribute")


@attrs.frozen(kw_only=True)
class _OwnWithin(ic.Within):
    """A relation class of one's own that keeps its base's kind, so the two sort together."""


def test_a_later_view_finds_relations_of_a_class_whose_runs_alternate_with_another() -> None:
    """A subclass sharing its base's kind interleaves with it; a later view (read through bytes) finds all of both."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.ICS(id="ics", name="ICS"), *(ic.Place(id=p, name=p.upper()) for p in "abcd"))
        .add(ic.Within(source="a", target="ics"), _OwnWithin(source="b", target="ics"))
        .add(ic.Within(source="c", target="ics"), _OwnWithin(source="d", target="ics", period=(None, "2020-06-01")))
        .build()
    )
    assert [type(r) for r in land.all_relations] == [ic.Within, _OwnWithin, ic.Within, _OwnWithin]
    land.as_of("2019-01-01")  # the first view is filtered one by one; the later ones read bytes
    for view in (land.as_of("2021-01-01"), land._snapshot(dt.date(2021, 1, 1))):
        assert [r.source for r in view.relations(ic.Within)] == ["a", "c", "b"]
        assert [r.source for r in view.relations(_OwnWithin)] == ["b"]
