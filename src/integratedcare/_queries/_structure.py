"""Structural queries: membership, containment, partners, succession and population."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator

from integratedcare._landscape import Landscape
from integratedcare._model import (
    AreaRule,
    Body,
    DateLike,
    Entity,
    Figure,
    FigureMeasure,
    MemberOf,
    Overlaps,
    Relation,
    SucceededBy,
    Within,
    to_date,
)
from integratedcare._queries._answers import LinkAnswer, PopulationAnswer, describe_basis, period_of
from integratedcare._queries._collection import Answers
from integratedcare._queries._common import entity_of, kind_filter, required, sort_answers, view_of
from integratedcare._statute._rules import qualifies
from integratedcare._units import Quantity, ureg

__all__ = [
    "active_successor",
    "containing",
    "contents_of",
    "members_of",
    "memberships_of",
    "partners_of",
    "population_of",
    "predecessors",
    "successors",
]


def _basis_suffix(rel: Relation) -> str:
    """Return `` (basis)`` for a relation with a basis, else nothing."""
    return "" if rel.basis is None else f" ({describe_basis(rel.basis)})"


def _membership(view: Landscape, subject: Entity, rel: MemberOf, *, member_side: bool) -> LinkAnswer:
    """Say that ``rel.source`` is a member of ``rel.target``, for either end."""
    member, body = view[rel.source], view[rel.target]
    voting = "voting" if rel.voting else "non-voting"
    named = rel.role and rel.role.casefold() in member.name.casefold()  # "Board member: Lay representatives"
    role = f" as {rel.role}" if rel.role and not named else ""
    text = f"{member.name} is a {voting} member of {body.name}{role}{_basis_suffix(rel)}."
    return LinkAnswer(
        subject=subject,
        kind="membership" if member_side else "member",
        entity=body if member_side else member,
        basis=rel.basis,
        path=(rel,),
        period=rel.period,
        text=text,
    )


def members_of(landscape: Landscape, body: Entity | str, *, as_of: DateLike | None = None) -> Answers[LinkAnswer]:
    """Return the members of a body (bodies and posts), voting or not, with their roles.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.Healthwatch(id="hw-ce", name="Healthwatch Cheshire East"),
        ...     ic.MemberOf(source="hw-ce", target="cm-icp", voting=False, role="participant"),
        ... ).build()
        >>> print(ic.members_of(land, "cm-icp")[0])
        Healthwatch Cheshire East is a non-voting member of Cheshire and Merseyside Health and Care
        Partnership as participant.
        >>> [a.entity.id for a in ic.memberships_of(land, "hw-ce")]
        ['cm-icp']
    """
    subject = required(landscape, body, Body, query="members_of", expected="body")
    view = view_of(landscape, as_of)
    return sort_answers(
        _membership(view, subject, rel, member_side=False) for rel in view.relations(MemberOf, target=subject.id)
    )


def memberships_of(landscape: Landscape, member: Entity | str, *, as_of: DateLike | None = None) -> Answers[LinkAnswer]:
    """Return the bodies a body or post is a member of.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.MemberOf(source="QYG", target="cm-icp"),
        ... ).build()
        >>> print(ic.memberships_of(land, "QYG")[0])
        NHS Cheshire and Merseyside ICB is a voting member of Cheshire and Merseyside Health and Care Partnership.
    """
    subject = entity_of(landscape, member)
    view = view_of(landscape, as_of)
    return sort_answers(
        _membership(view, subject, rel, member_side=True) for rel in view.relations(MemberOf, source=subject.id)
    )


def _walk(view: Landscape, start: str, *, upwards: bool) -> Iterator[tuple[str, tuple[Relation, ...]]]:
    """Yield every entity reached along ``Within`` (up to containers, or down to contents), shortest path first."""
    seen = {start}
    queue: deque[tuple[str, tuple[Relation, ...]]] = deque([(start, ())])
    while queue:
        node, path = queue.popleft()
        rels = view.relations(Within, source=node) if upwards else view.relations(Within, target=node)
        for rel in rels:
            nxt = rel.target if upwards else rel.source
            step = (*path, rel)
            if nxt in seen or period_of(step) is None:
                continue
            seen.add(nxt)
            yield nxt, step
            queue.append((nxt, step))


def contents_of(
    landscape: Landscape,
    area: Entity | str,
    *,
    kind: type[Entity] | str | None = None,
    as_of: DateLike | None = None,
) -> Answers[LinkAnswer]:
    """Return everything that lies within an area, directly or through other areas (``Within``).

    Args:
        landscape: the landscape.
        area: the area (a system, a place, a PCN...), or its id.
        kind: only entities of this class or kind text, such as ``"gp-practice"``.
        as_of: only what lies within it on this date.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder()
        ...         .add(ic.Place(id="ce-place", name="Cheshire East"))
        ...         .add(ic.PCN(id="U1", name="Crewe PCN"), within="ce-place")
        ...         .add(ic.GPPractice(id="N81001", name="A surgery"), within="U1")
        ...         .build())
        >>> [a.entity.id for a in ic.contents_of(land, "ce-place")]
        ['N81001', 'U1']
        >>> print(ic.contents_of(land, "ce-place", kind="gp-practice")[0])
        A surgery lies within Cheshire East, through Crewe PCN.
    """
    return _containment(landscape, area, kind, as_of, upwards=False)


def containing(
    landscape: Landscape,
    entity: Entity | str,
    *,
    kind: type[Entity] | str | None = None,
    as_of: DateLike | None = None,
) -> Answers[LinkAnswer]:
    """Return every area an entity lies within, directly or transitively (``Within``).

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder()
        ...         .add(ic.ICS(id="cm-ics", name="Cheshire and Merseyside ICS"))
        ...         .add(ic.Place(id="ce-place", name="Cheshire East"), within="cm-ics")
        ...         .add(ic.PCN(id="U1", name="Crewe PCN"), within="ce-place")
        ...         .build())
        >>> [a.entity.id for a in ic.containing(land, "U1")]
        ['ce-place', 'cm-ics']
        >>> print(ic.containing(land, "U1", kind=ic.ICS)[0])
        Crewe PCN lies within Cheshire and Merseyside ICS, through Cheshire East.
    """
    return _containment(landscape, entity, kind, as_of, upwards=True)


def _containment(
    landscape: Landscape,
    entity: Entity | str,
    kind: type[Entity] | str | None,
    as_of: DateLike | None,
    *,
    upwards: bool,
) -> Answers[LinkAnswer]:
    """Answer :func:`contents_of` (downwards) or :func:`containing` (upwards)."""
    subject = entity_of(landscape, entity)
    wanted = kind_filter(kind)
    view = view_of(landscape, as_of)
    if subject.id not in view:
        return Answers()
    answers = []
    for found_id, path in _walk(view, subject.id, upwards=upwards):
        found = view[found_id]
        if not isinstance(found, wanted):
            continue
        inner, outer = (subject, found) if upwards else (found, subject)
        middle = [view[rel.target if upwards else rel.source] for rel in path[:-1]]
        if not upwards:
            middle.reverse()
        through = f", through {', '.join(e.name for e in middle)}" if middle else ""
        answers.append(
            LinkAnswer(
                subject=subject,
                kind="containing" if upwards else "within",
                entity=found,
                basis=path[-1].basis,
                path=path,
                period=period_of(path) or path[-1].period,
                text=f"{inner.name} lies within {outer.name}{through}.",
            )
        )
    return sort_answers(answers)


def partners_of(landscape: Landscape, body: Entity | str, *, as_of: DateLike | None = None) -> Answers[LinkAnswer]:
    """Return a council's partner ICBs, or an ICB's partner councils.

    A responsible council and an ICB are partners when the council's area lies wholly or partly
    in the ICB's area (``Overlaps`` or ``Within`` council -> ICB), as LGPIHA 2007 s116ZA
    (verified) and s116 use the word. Other bodies have no partners in this sense.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QH8", name="NHS Mid and South Essex ICB"),
        ...     ic.LocalAuthority(id="E10000012", name="Essex County Council", tier="county"),
        ...     ic.Overlaps(source="E10000012", target="QH8", share=0.57, measure="LSOA11 count"),
        ... ).build()
        >>> print(ic.partners_of(land, "QH8")[0])
        Essex County Council and NHS Mid and South Essex ICB are partners: 57% of the council's area (by
        LSOA11 count) lies in the ICB's area.
    """
    subject = required(landscape, body, Body, query="partners_of", expected="body")
    view = view_of(landscape, as_of)
    if subject.id not in view:
        return Answers()
    rule = type(subject).area_rule
    if rule is AreaRule.COUNCIL_AREA:
        links = [(rel, view[rel.target]) for rel in view.relations(source=subject.id)]
    elif rule is AreaRule.ICB_AREA:
        links = [(rel, view[rel.source]) for rel in view.relations(target=subject.id)]
    else:
        links = []
    answers = []
    for rel, other in links:
        if not isinstance(rel, (Overlaps, Within)):
            continue
        council, icb = (subject, other) if rule is AreaRule.COUNCIL_AREA else (other, subject)
        if not (type(council).area_rule is AreaRule.COUNCIL_AREA and qualifies(council)):
            continue
        if type(icb).area_rule is not AreaRule.ICB_AREA:
            continue
        if isinstance(rel, Overlaps) and rel.partial:
            measure = f" (by {rel.measure})" if rel.measure else ""
            how = f"{rel.share:.0%} of the council's area{measure} lies"
        else:
            how = "the council's area lies wholly"
        text = f"{council.name} and {icb.name} are partners: {how} in the ICB's area."
        answers.append(
            LinkAnswer(
                subject=subject,
                kind="partner",
                entity=other,
                basis=rel.basis,
                path=(rel,),
                period=rel.period,
                text=text,
            )
        )
    return sort_answers(answers)


# --- succession ---------------------------------------------------------------------------


def _successions(
    landscape: Landscape, start: str, as_of: DateLike | None, *, forwards: bool
) -> Iterator[tuple[str, tuple[SucceededBy, ...]]]:
    """Yield every entity reached by succession (dated on or before ``as_of``), with the path."""
    day = None if as_of is None else to_date(as_of, field="as_of")
    seen = {start}
    queue: deque[tuple[str, tuple[SucceededBy, ...]]] = deque([(start, ())])
    while queue:
        node, path = queue.popleft()
        rels = (
            landscape.relations(SucceededBy, source=node) if forwards else landscape.relations(SucceededBy, target=node)
        )
        for rel in rels:
            nxt = rel.target if forwards else rel.source
            if nxt in seen or (day is not None and rel.date > day):
                continue
            seen.add(nxt)
            yield nxt, (*path, rel)
            queue.append((nxt, (*path, rel)))


def successors(landscape: Landscape, entity: Entity | str, *, as_of: DateLike | None = None) -> Answers[LinkAnswer]:
    """Return every successor of an entity, transitively (``SucceededBy``).

    With ``as_of``, only successions that had happened by that date count.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
        ...     ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)),
        ... ).build()
        >>> print(ic.successors(land, "01V")[0])
        NHS Southport and Formby CCG was succeeded by NHS Cheshire and Merseyside ICB on 2022-07-01.
        >>> ic.successors(land, "01V", as_of="2022-06-30")
        ()
        >>> print(ic.predecessors(land, "QYG")[0])
        NHS Cheshire and Merseyside ICB succeeded NHS Southport and Formby CCG on 2022-07-01.
    """
    return _succession_answers(landscape, entity, as_of, forwards=True)


def predecessors(landscape: Landscape, entity: Entity | str, *, as_of: DateLike | None = None) -> Answers[LinkAnswer]:
    """Return every predecessor of an entity, transitively (``SucceededBy``).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None)),
        ...     ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)),
        ... ).build()
        >>> [a.entity.id for a in ic.predecessors(land, "QYG")]
        ['01V']
    """
    return _succession_answers(landscape, entity, as_of, forwards=False)


def _succession_answers(
    landscape: Landscape, entity: Entity | str, as_of: DateLike | None, *, forwards: bool
) -> Answers[LinkAnswer]:
    """Answer :func:`successors` or :func:`predecessors`."""
    subject = entity_of(landscape, entity)
    answers = []
    for found_id, path in _successions(landscape, subject.id, as_of, forwards=forwards):
        found = landscape[found_id]
        dates = " and ".join(dict.fromkeys(rel.date.isoformat() for rel in path))
        verb = "was succeeded by" if forwards else "succeeded"
        middle = [landscape[rel.target if forwards else rel.source].name for rel in path[:-1]]
        through = f", through {', '.join(middle)}" if middle else ""
        answers.append(
            LinkAnswer(
                subject=subject,
                kind="successor" if forwards else "predecessor",
                entity=found,
                basis=path[-1].basis,
                path=path,
                period=path[-1].period,
                text=f"{subject.name} {verb} {found.name} on {dates}{through}.",
            )
        )
    return sort_answers(answers)


def active_successor(landscape: Landscape, entity: Entity | str, *, as_of: DateLike) -> Answers[LinkAnswer]:
    """Return the entities that carry on an entity on a date: itself if it still exists, else its nearest successors.

    An entity split between several successors has several; one that ended without a recorded
    successor has none.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QUE", name="NHS Cambridgeshire and Peterborough ICB", period=("2022-07-01", "2026-04-01")),
        ...     ic.ICB(id="S1Y5D", name="NHS Central East ICB", period=("2026-04-01", None)),
        ...     ic.SucceededBy(source="QUE", target="S1Y5D", period=("2026-04-01", None)),
        ... ).build()
        >>> print(ic.active_successor(land, "QUE", as_of="2026-03-31")[0])
        NHS Cambridgeshire and Peterborough ICB is in force on 2026-03-31: it is its own active successor.
        >>> print(ic.active_successor(land, "QUE", as_of="2026-04-01")[0])
        NHS Central East ICB is the active successor of NHS Cambridgeshire and Peterborough ICB on 2026-04-01.
    """
    subject = entity_of(landscape, entity)
    day = to_date(as_of, field="as_of")
    if subject.exists_on(day):
        text = f"{subject.name} is in force on {day.isoformat()}: it is its own active successor."
        return Answers([LinkAnswer(subject=subject, kind="active-successor", entity=subject, text=text)])
    answers = []
    skip: set[str] = set()
    for found_id, path in _successions(landscape, subject.id, day, forwards=True):
        found = landscape[found_id]
        if any(rel.source in skip for rel in path) or not found.exists_on(day):
            continue
        skip.add(found_id)
        text = f"{found.name} is the active successor of {subject.name} on {day.isoformat()}."
        answers.append(
            LinkAnswer(
                subject=subject,
                kind="active-successor",
                entity=found,
                basis=path[-1].basis,
                path=path,
                period=path[-1].period,
                text=text,
            )
        )
    return sort_answers(answers)


# --- population ---------------------------------------------------------------------------


def _own_figure(entity: Entity) -> Quantity | None:
    """Return an entity's own population or list size, if it has one."""
    figure = getattr(entity, "population", None)
    if figure is None:
        figure = getattr(entity, "list_size", None)
    return figure


Sum = tuple[Quantity | None, list[Entity], list[Relation], list[str]]


def _parts(view: Landscape, area: Entity) -> tuple[dict[str, list[tuple[Relation, Entity]]], list[str]]:
    """Return the parts of ``area`` grouped by kind, and notes on the partial overlaps left out."""
    groups: dict[str, list[tuple[Relation, Entity]]] = {}
    left_out: list[str] = []
    for rel in view.relations(target=area.id):
        if not isinstance(rel, (Within, Overlaps)):
            continue
        part = view[rel.source]
        if isinstance(rel, Overlaps) and rel.partial:
            left_out.append(f"{part.name} lies only partly in {area.name} ({rel.share:.0%})")
        else:
            groups.setdefault(part.kind, []).append((rel, part))
    return groups, left_out


Pick = Callable[[Entity], Quantity | None]
"""Return an entity's own figure (of the measure asked for), or ``None``."""


def _holders(view: Landscape, entity: str) -> set[str]:
    """Every area ``entity`` lies in, however far up (``Within``, or ``Overlaps`` wholly)."""
    found: set[str] = set()
    queue = deque([entity])
    while queue:
        for rel in view.relations(source=queue.popleft()):
            if (isinstance(rel, Within) or (isinstance(rel, Overlaps) and not rel.partial)) and rel.target not in found:
                found.add(rel.target)
                queue.append(rel.target)
    return found


def _overlapping(view: Landscape, members: list[tuple[Relation, Entity]]) -> tuple[set[str], list[str], bool]:
    """Find the parts of one kind that share people: one inside another, or two partly overlapping.

    Returns the ids of the parts inside another part (not to be added again), a note on each, and
    whether two parts overlap partly (then no sum of this kind counts each person once).
    """
    ids = {part.id: part for _, part in members}
    inside: set[str] = set()
    notes: list[str] = []
    for _, part in members:
        outer = sorted(_holders(view, part.id) & ids.keys() - {part.id})
        if outer:
            inside.add(part.id)
            notes.append(f"{part.name} lies within {ids[outer[0]].name}, also a part: not added again")
    for _, part in members:
        for rel in view.relations(Overlaps, source=part.id):
            if rel.partial and rel.target in ids:
                notes.append(f"{part.name} and {ids[rel.target].name} overlap: people in both would be counted twice")
                return inside, notes, True
    return inside, notes, False


def _add_group(
    view: Landscape, members: list[tuple[Relation, Entity]], used: set[str], pick: Pick = _own_figure
) -> Sum:
    """Add up one kind of part, each entity (and each person) at most once, breaking down those without a figure.

    A part lying within another part of the same kind is not added again; when two parts overlap
    partly, the kind is not added up at all, and the notes say why.
    """
    inside, overlap_notes, unsafe = _overlapping(view, members)
    if unsafe:
        return None, [], [], overlap_notes
    taken = set(used) | inside
    total: Quantity | None = None
    parts: list[Entity] = []
    rels: list[Relation] = []
    notes: list[str] = list(overlap_notes)
    for rel, part in members:
        if part.id in taken:
            continue
        figure = pick(part)
        if figure is None:
            figure, sub_parts, sub_rels, sub_notes = _add_up(view, part, taken | {part.id}, pick)
            if figure is None:
                continue
            parts.extend(sub_parts)
            rels.extend([rel, *sub_rels])
            notes.extend(sub_notes)
            taken.update(p.id for p in sub_parts)
        else:
            parts.append(part)
            rels.append(rel)
        taken.add(part.id)
        total = figure if total is None else total + figure
    return total, parts, rels, notes


def _add_up(view: Landscape, area: Entity, used: set[str], pick: Pick = _own_figure) -> Sum:
    """Sum the population of ``area``'s parts: one kind of part per level, each entity at most once.

    ``used`` holds the ids already counted or on the way down; it is not changed.
    """
    groups, left_out = _parts(view, area)
    results: list[tuple[tuple[int, float, str], Sum]] = []
    for kind, members in groups.items():
        result = _add_group(view, members, used, pick)
        if result[0] is not None:
            results.append(((len(result[1]), float(result[0].to("person").magnitude), kind), result))
        else:
            left_out.extend(result[3])  # why a kind could not be added (parts overlapping)
    if not results:
        return None, [], [], left_out
    results.sort(key=lambda result: result[0], reverse=True)
    (_, (total, parts, rels, notes)), others = results[0], results[1:]
    left_out.extend(
        f"{len(other[1])} {score[2]} parts were not added: they divide {area.name} another way"
        for score, other in others
    )
    return total, parts, rels, [*notes, *left_out]


def population_of(
    landscape: Landscape,
    area: Entity | str,
    *,
    as_of: DateLike | None = None,
    measure: FigureMeasure | str | None = None,
) -> PopulationAnswer:
    """Return an area's population: its own figure, or the sum of its parts', never counting anyone twice.

    Parts are the entities that lie ``Within`` the area (or ``Overlaps`` it wholly). When
    parts of several kinds lie in an area (neighbourhoods and PCNs in a place) they are
    different ways of dividing the same people, so only one kind is added up: the one with
    the most parts with figures. A part with its own figure is not broken down further.
    Partial overlaps are not counted, and ``left_out`` says so. Figures are ``person``
    quantities; list sizes of PCNs and practices count as populations.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder()
        ...         .add(ic.Place(id="ce-place", name="Cheshire East", population=ic.quantity(400_000, "person")))
        ...         .add(ic.PCN(id="U1", name="Crewe PCN", list_size=ic.quantity(45_000, "person")), within="ce-place")
        ...         .build())
        >>> print(ic.population_of(land, "ce-place"))
        Cheshire East has a population of 400,000 people, its own figure.
    """
    subject = entity_of(landscape, area)
    if measure is not None:
        return _measured(landscape, subject, as_of, FigureMeasure(measure))
    legacy = _legacy(landscape, subject, as_of)
    if legacy.total is not None:
        return legacy
    for fallback in FigureMeasure:
        found = _measured(landscape, subject, as_of, fallback)
        if found.total is not None:
            return found
    return legacy


def _figure_in_force(entity: Entity, measure: FigureMeasure, day: dt.date | None) -> Figure | None:
    """Return the entity's figure of ``measure`` in force on ``day``: the latest dated on or before it."""
    found = [f for f in entity.figures if f.measure is measure and (day is None or f.date <= day)]
    return max(found, key=lambda f: f.date) if found else None


def _measured(
    landscape: Landscape, subject: Entity, as_of: DateLike | None, measure: FigureMeasure
) -> PopulationAnswer:
    """Answer from the dated figures of one measure."""
    day = None if as_of is None else to_date(as_of, field="as_of")
    own = _figure_in_force(subject, measure, day)
    if own is not None:
        return PopulationAnswer(
            area=subject, total=own.quantity, parts=(subject,), measure=measure, figures=(own,), as_of=day
        )
    view = view_of(landscape, as_of)
    if subject.id not in view:
        return PopulationAnswer(area=subject, total=None, measure=measure, as_of=day)

    def pick(entity: Entity) -> Quantity | None:
        figure = _figure_in_force(entity, measure, day)
        return None if figure is None else figure.quantity

    total, parts, rels, left_out = _add_up(view, subject, {subject.id}, pick)
    if total is None:
        return PopulationAnswer(area=subject, total=None, left_out=tuple(left_out), measure=measure, as_of=day)
    used = tuple(f for part in parts if (f := _figure_in_force(part, measure, day)) is not None)
    return PopulationAnswer(
        area=subject,
        total=ureg.Quantity(int(total.to("person").magnitude), "person"),
        parts=tuple(parts),
        path=tuple(rels),
        left_out=tuple(left_out),
        measure=measure,
        figures=used,
        as_of=day,
    )


def _legacy(landscape: Landscape, subject: Entity, as_of: DateLike | None) -> PopulationAnswer:
    """Answer from the entities' ``population`` and ``list_size`` attributes."""
    view = view_of(landscape, as_of)
    own = _own_figure(subject)
    if own is not None:
        return PopulationAnswer(area=subject, total=own.to("person"), parts=(subject,))
    if subject.id not in view:
        return PopulationAnswer(area=subject, total=None)
    total, parts, rels, left_out = _add_up(view, subject, {subject.id})
    if total is None:
        return PopulationAnswer(area=subject, total=None, left_out=tuple(left_out))
    return PopulationAnswer(
        area=subject,
        total=ureg.Quantity(total.to("person").magnitude, "person"),
        parts=tuple(parts),
        path=tuple(rels),
        left_out=tuple(left_out),
    )
