"""Hypothesis strategies that generate valid model objects and landscapes.

``landscapes()`` draws a landscape of random entities of every kind and random relations
between kinds each relation may join, with periods that lie within both ends' lifetimes, so
the builder always accepts it. Later layers use it for their invariants.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterable
from typing import Any

import attrs
import pytest
from hypothesis import strategies as st

import integratedcare as ic

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2030, 12, 31)

BASE_FIELDS = frozenset({"id", "name", "codes", "period", "sources", "notes"})
RELATION_BASE_FIELDS = frozenset({"source", "target", "period", "basis", "sources", "notes"})

ENTITY_CLASSES = tuple(sorted(ic.kinds.ENTITY_KINDS.values(), key=lambda c: c.kind))
# Relations drawn at random; successions need matching lifetimes and are drawn separately.
RELATION_CLASSES = tuple(
    sorted((c for c in ic.kinds.RELATION_KINDS.values() if c is not ic.SucceededBy), key=lambda c: c.kind)
)

ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@st.composite
def periods(draw: st.DrawFn, within: ic.Period | None = None) -> ic.Period:
    """Draw a period (possibly open at either end), inside ``within`` when given."""
    low = within.start if within and within.start else FIRST_DAY
    high = within.end - dt.timedelta(days=1) if within and within.end else LAST_DAY
    start = draw(st.dates(min_value=low, max_value=high))
    end = draw(st.dates(min_value=start + dt.timedelta(days=1), max_value=high + dt.timedelta(days=1)))
    open_start = draw(st.booleans()) and (within is None or within.start is None)
    open_end = draw(st.booleans()) and (within is None or within.end is None)
    return ic.Period(None if open_start else start, None if open_end else end)


sources = st.builds(
    ic.Source,
    title=names,
    reference=st.none() | st.just("https://example.org/doc"),
    verification=st.sampled_from(ic.Verification),
)
citations = st.builds(
    ic.Citation,
    act=st.sampled_from(["LGPIHA 2007", "NHS Act 2006", "Health and Care Act 2022"]),
    section=st.from_regex(r"s[0-9]{1,3}[A-Z]{0,2}(\([0-9]\))?", fullmatch=True),
    verification=st.sampled_from(ic.Verification),
)
figures = st.builds(
    ic.Figure,
    measure=st.sampled_from(ic.FigureMeasure),
    value=st.integers(min_value=0, max_value=60_000_000),
    date=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
    source=sources,
)
persons = st.integers(min_value=0, max_value=60_000_000).map(lambda n: ic.quantity(n, "person"))
money = st.floats(min_value=0, max_value=1e11, allow_nan=False).map(lambda x: ic.quantity(x, "GBP"))


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:  # noqa: ANN401 (annotations are untyped)
    """Return the non-None part of an annotation and whether None was allowed."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else annotation), len(rest) < len(args)
    return annotation, False


_NAMED: dict[str, st.SearchStrategy[Any]] = {"seats": st.integers(min_value=1, max_value=3), "budget": money}
"""Strategies for fields chosen by name alone."""


def _field_strategy(cls: type, field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    """Choose a strategy for one kind-specific field from its name and type."""
    hints = typing.get_type_hints(cls)
    annotation, optional = _unwrap_optional(hints[field.name])
    if field.name in {"population", "list_size"}:
        inner: st.SearchStrategy[Any] = persons
    elif field.name == "figures":
        inner = st.lists(figures, max_size=2)
    elif field.name == "services":
        inner = st.frozensets(st.sampled_from(ic.ServiceType))
    elif field.name == "share":
        inner = st.floats(min_value=0.0001, max_value=1.0)
    elif field.name in _NAMED:
        inner = _NAMED[field.name]
    elif field.name == "functions":
        inner = st.lists(st.sampled_from(["primary-medical-services", "dental-services"]), min_size=1, unique=True)
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        inner = st.sampled_from(annotation)
    elif annotation is bool:
        inner = st.booleans()
    elif typing.get_origin(annotation) is tuple:
        inner = st.lists(names, max_size=2)
    else:
        inner = names
    return (st.none() | inner) if optional else inner


@st.composite
def entities(draw: st.DrawFn, cls: type[ic.Entity] | None = None, ident: str | None = None) -> ic.Entity:
    """Draw a valid entity of ``cls`` (any kind when omitted)."""
    kind = cls or draw(st.sampled_from(ENTITY_CLASSES))
    fields: dict[str, Any] = {
        "id": ident or draw(ids),
        "name": draw(names),
        "period": draw(periods()),
        "sources": draw(st.lists(sources, max_size=2)),
        "notes": draw(st.lists(names, max_size=1)),
    }
    if draw(st.booleans()):
        fields["codes"] = [ic.Code("gss", draw(st.from_regex(r"E[0-9]{8}", fullmatch=True)))]
    for field in attrs.fields(kind):
        if field.name not in BASE_FIELDS and field.init:
            fields[field.name] = draw(_field_strategy(kind, field))
    if kind is ic.IntegratedCarePartnership and fields["scope"] is not ic.PartnershipScope.SYSTEM:
        fields["statutory"] = False
    return kind(**fields)


def _allowed(kinds: tuple[type[ic.Entity], ...], entity: ic.Entity) -> bool:
    """Return whether ``entity`` is of one of ``kinds``."""
    return isinstance(entity, kinds)


@st.composite
def relations_among(draw: st.DrawFn, members: list[ic.Entity], count: int) -> list[ic.Relation]:
    """Draw up to ``count`` valid relations among ``members``."""
    drawn: list[ic.Relation] = []
    for _ in range(count):
        cls = draw(st.sampled_from(RELATION_CLASSES))
        source_kinds, target_kinds = ic.kinds.RELATION_ENDPOINTS[cls]
        sources_ = [e for e in members if _allowed(source_kinds, e)]
        if not sources_:
            continue
        source = draw(st.sampled_from(sources_))
        targets = [e for e in members if _allowed(target_kinds, e) and e.id != source.id]
        targets = [e for e in targets if e.period.overlaps(source.period)]
        if not targets:
            continue
        target = draw(st.sampled_from(targets))
        shared = source.period.intersection(target.period)
        assert shared is not None
        fields: dict[str, Any] = {
            "source": source.id,
            "target": target.id,
            "period": draw(periods(within=shared)),
            "basis": draw(st.none() | citations),
        }
        for field in attrs.fields(cls):
            if field.name not in RELATION_BASE_FIELDS and field.init:
                fields[field.name] = draw(_field_strategy(cls, field))
        drawn.append(cls(**fields))
    return drawn


@st.composite
def successions(draw: st.DrawFn, members: list[ic.Entity]) -> list[ic.Relation]:
    """Draw successions between entities where one ends as or after the other starts."""
    found: list[ic.Relation] = []
    for before in members:
        if before.period.end is None:
            continue
        day = before.period.end
        after = [e for e in members if e.id != before.id and e.period.contains(day)]
        wanted: bool = draw(st.booleans())
        if after and wanted:
            found.append(ic.SucceededBy(source=before.id, target=draw(st.sampled_from(after)).id, period=(day, None)))
    return found


@st.composite
def landscapes(draw: st.DrawFn, max_entities: int = 12, max_relations: int = 20) -> ic.Landscape:
    """Draw a valid landscape of up to ``max_entities`` entities and about ``max_relations`` relations."""
    identifiers = draw(st.lists(ids, min_size=1, max_size=max_entities, unique=True))
    members = [draw(entities(ident=ident)) for ident in identifiers]
    relations = draw(relations_among(members, draw(st.integers(0, max_relations))))
    relations += draw(successions(members))
    unique = list(dict.fromkeys(relations))
    return ic.LandscapeBuilder(draw(st.sampled_from(["", "Generated"]))).add(*members, *unique).build()


def slow_england(names: Iterable[str]) -> list[Any]:
    """Return dataset names as test parameters, England's marked slow: it alone takes seconds to load or check."""
    return [pytest.param(name, marks=pytest.mark.slow) if name == "england" else name for name in names]
