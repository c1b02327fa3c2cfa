"""Finding entities by name or code, and what moved between two dates.

:func:`find` looks an entity up the way an analyst types it: an id, an ODS or GSS code (in force
at any time), or a name or part of one, case-insensitively, with close names as suggestions
when nothing matches. :func:`moves` lists the entities whose containing area of one kind
changed between two dates (such as every practice whose ICB changed on 2026-04-01).
"""

from __future__ import annotations

import datetime as dt
import difflib

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity, IntegratedCareBoard, to_date
from integratedcare._queries._collection import Answers
from integratedcare._queries._common import kind_filter
from integratedcare._queries._structure import containing

__all__ = ["FindAnswer", "MoveAnswer", "find", "moves"]


def _describe(entity: Entity) -> str:
    """Name an entity with its kind, id and period: ``NHS X ICB (integrated-care-board QYG, from 2022-07-01)``."""
    start, end = entity.period.start, entity.period.end
    if start is None and end is None:
        when = ""
    elif end is None:
        when = f", from {start}"
    elif start is None:
        when = f", until {end}"
    else:
        when = f", {start} to {end}"
    return f"{entity.name} ({entity.kind} {entity.id}{when})"


@attrs.frozen(kw_only=True)
class FindAnswer:
    """The entities that match a text, each with how it matched, or suggestions when none does.

    Attributes:
        text: the text looked up.
        matches: the matching entities, best first (id or code, then whole name, then part of a name).
        reasons: how each match matched, such as ``ODS code`` or ``name contains``.
        suggestions: close names, when nothing matched.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB",
        ...     codes=[ic.Code("gss", "E54000008")])).build()
        >>> print(ic.find(land, "e54000008"))
        1 match for 'e54000008':
          - gss code: NHS Cheshire and Merseyside ICB (integrated-care-board QYG)
        >>> print(ic.find(land, "Cheshire and Merseysid ICB"))
        No match for 'Cheshire and Merseysid ICB'. Did you mean: NHS Cheshire and Merseyside ICB?
    """

    text: str
    matches: tuple[Entity, ...] = ()
    reasons: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """Always ``find``."""
        return "find"

    def __bool__(self) -> bool:
        """Whether anything matched."""
        return bool(self.matches)

    def __str__(self) -> str:
        """List the matches with how each matched, or say there is none and suggest close names."""
        if not self.matches:
            hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
            return f"No match for {self.text!r}.{hint}"
        lines = [f"{len(self.matches)} match{'es' if len(self.matches) > 1 else ''} for {self.text!r}:"]
        lines += [f"  - {why}: {_describe(e)}" for e, why in zip(self.matches, self.reasons, strict=True)]
        return "\n".join(lines)


def _exact(entity: Entity, needle: str) -> tuple[int, str] | None:
    """Return how an entity matches a casefolded text exactly (rank and reason), or ``None``."""
    if entity.id.casefold() == needle:
        return 0, "id"
    for code in entity.codes:
        if code.value.casefold() == needle:
            return 0, f"{code.scheme.value} code"
    if entity.name.casefold() == needle:
        return 1, "name"
    return None


def find(landscape: Landscape, text: str, *, kind: type[Entity] | str | None = None, limit: int = 20) -> FindAnswer:
    """Find entities by id, ODS or GSS code, or name, case-insensitively, suggesting close names.

    An exact id or code (in force at any time) matches first, then a whole name, then names that
    contain the text (at most ``limit`` of those). ``kind`` keeps only entities of that class or
    kind text.

    Examples:
        >>> import integratedcare as ic
        >>> england = ic.datasets.england()
        >>> print(ic.find(england, "qyg"))
        1 match for 'qyg':
          - id: NHS Cheshire and Merseyside Integrated Care Board (integrated-care-board QYG, from 2022-07-01)
        >>> ic.find(england, "frimley", kind="sub-icb-location").matches[0].id
        'D4U1Y'
    """
    wanted = kind_filter(kind)
    needle = text.strip().casefold()
    found: dict[str, tuple[int, str, Entity]] = {}
    contains: list[Entity] = []
    for entity in landscape:
        if not isinstance(entity, wanted):
            continue
        match = _exact(entity, needle)
        if match is not None:
            found[entity.id] = (*match, entity)
        elif needle and needle in entity.name.casefold():
            contains.append(entity)
    for entity in sorted(contains, key=lambda e: (len(e.name), e.name, e.id))[:limit]:
        found[entity.id] = (2, "name contains", entity)
    ranked = sorted(found.values(), key=lambda item: (item[0], item[2].name, item[2].id))
    if ranked:
        return FindAnswer(
            text=text, matches=tuple(e for _, _, e in ranked), reasons=tuple(reason for _, reason, _ in ranked)
        )
    return FindAnswer(text=text, suggestions=_close(landscape, wanted, needle))


def _close(landscape: Landscape, wanted: type[Entity], needle: str) -> tuple[str, ...]:
    """Return up to three names close to the text, whole or at their start (a typed prefix of a long name)."""
    matcher = difflib.SequenceMatcher(b=needle)
    scored: dict[str, float] = {}
    for entity in landscape:
        if not isinstance(entity, wanted):
            continue
        name = entity.name.casefold()
        best = 0.0
        for part in (name, name[: len(needle)]):
            matcher.set_seq1(part)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        if best >= 0.75:  # noqa: PLR2004 (how close a suggestion must be)
            scored[entity.name] = max(best, scored.get(entity.name, 0.0))
    return tuple(sorted(scored, key=lambda n: (-scored[n], n))[:3])


@attrs.frozen(kw_only=True)
class MoveAnswer:
    """An entity whose containing area of some kind differs between two dates.

    Attributes:
        entity: the entity that moved.
        before: the areas it lay within on the first date.
        after: the areas it lay within on the second date.
        first: the first date.
        second: the second date.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="A", name="NHS A ICB"), ic.ICB(id="B", name="NHS B ICB"),
        ...     ic.GPPractice(id="P1", name="A surgery"),
        ...     ic.Within(source="P1", target="A", period=(None, "2026-04-01")),
        ...     ic.Within(source="P1", target="B", period=("2026-04-01", None))).build()
        >>> print(ic.moves(land, "2026-03-31", "2026-04-01")[0])
        A surgery: in NHS A ICB on 2026-03-31; in NHS B ICB on 2026-04-01.
    """

    entity: Entity
    before: tuple[Entity, ...]
    after: tuple[Entity, ...]
    first: dt.date
    second: dt.date

    @property
    def kind(self) -> str:
        """Always ``move``."""
        return "move"

    def __str__(self) -> str:
        """Say where it was on each date."""
        old = ", ".join(e.name for e in self.before) or "nothing"
        new = ", ".join(e.name for e in self.after) or "nothing"
        return f"{self.entity.name}: in {old} on {self.first}; in {new} on {self.second}."


def moves(
    landscape: Landscape,
    first: DateLike,
    second: DateLike,
    *,
    kind: type[Entity] | str = "gp-practice",
    area_kind: type[Entity] | str = IntegratedCareBoard,
) -> Answers[MoveAnswer]:
    """Return every entity of ``kind``, existing on both dates, whose containing area of ``area_kind`` changed.

    The areas are those it lies ``Within`` (directly or through others) on each date.

    Examples:
        >>> import integratedcare as ic
        >>> england = ic.datasets.england()
        >>> moved = ic.moves(england, "2026-03-31", "2026-04-01", kind="sub-icb-location")
        >>> len(moved)
        23
        >>> print(moved[0])
        NHS Central East ICB - 06H: in NHS Cambridgeshire and Peterborough Integrated Care Board on 2026-03-31; in
        NHS Central East Integrated Care Board on 2026-04-01.
    """
    day1, day2 = to_date(first, field="first"), to_date(second, field="second")
    wanted = kind_filter(kind)
    answers = []
    for entity in landscape.of_type(wanted):
        if not (entity.exists_on(day1) and entity.exists_on(day2)):
            continue
        before = {a.entity.id: a.entity for a in containing(landscape, entity, kind=area_kind, as_of=day1)}
        after = {a.entity.id: a.entity for a in containing(landscape, entity, kind=area_kind, as_of=day2)}
        if set(before) != set(after):
            answers.append(
                MoveAnswer(
                    entity=entity,
                    before=tuple(before[k] for k in sorted(before)),
                    after=tuple(after[k] for k in sorted(after)),
                    first=day1,
                    second=day2,
                )
            )
    return Answers(sorted(answers, key=lambda a: (a.entity.name, a.entity.id)))
