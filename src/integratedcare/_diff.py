"""What differs between two landscapes, or between two dates of one landscape."""

from __future__ import annotations

from typing import Any

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity, Relation, SucceededBy, to_date
from integratedcare._model._html import cell, table

__all__ = ["EntityChange", "LandscapeDiff", "changes", "diff"]


@attrs.frozen(kw_only=True)
class EntityChange:
    """An entity present on both sides whose fields differ.

    Examples:
        >>> import integratedcare as ic
        >>> before = ic.ICB(id="QRL", name="NHS Hampshire and Isle of Wight ICB")
        >>> after = ic.ICB(id="QRL", name="NHS HIOW ICB")
        >>> change = ic.answers.EntityChange(before=before, after=after, fields=("name",))
        >>> str(change)
        'changed integrated-care-board "QRL": name'
    """

    before: Entity
    after: Entity
    fields: tuple[str, ...]

    @property
    def id(self) -> str:
        """The entity's id."""
        return self.after.id

    def __str__(self) -> str:
        """Say which entity changed and which fields."""
        return f'changed {self.after.kind} "{self.id}": {", ".join(self.fields)}'


def _entity_line(sign: str, entity: Entity) -> str:
    """Describe an added or removed entity on one line."""
    return f'{sign} {entity.kind} "{entity.id}" ({entity.name})'


@attrs.frozen(kw_only=True)
class LandscapeDiff:
    """The differences between two landscapes: entities and relations added, removed and changed.

    ``successions`` lists the successions that took effect between the two dates when the diff
    compares two dates of one landscape (see :func:`~integratedcare.changes`); it is empty otherwise.

    Examples:
        >>> import integratedcare as ic
        >>> a = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> b = a.builder().add(ic.ICP(id="cm-icp", name="C&M ICP")).build()
        >>> d = ic.diff(a, b)
        >>> [e.id for e in d.added], bool(d), bool(ic.diff(a, a))
        (['cm-icp'], True, False)
        >>> print(d)
        + integrated-care-partnership "cm-icp" (C&M ICP)
    """

    added: tuple[Entity, ...] = ()
    removed: tuple[Entity, ...] = ()
    changed: tuple[EntityChange, ...] = ()
    added_relations: tuple[Relation, ...] = ()
    removed_relations: tuple[Relation, ...] = ()
    successions: tuple[SucceededBy, ...] = ()

    def __bool__(self) -> bool:
        """Whether anything differs."""
        return any(attrs.astuple(self, recurse=False))

    def __str__(self) -> str:
        """List the differences, one per line: ``+`` added, ``-`` removed, ``~`` changed, ``>`` succession."""
        lines = [f"> {s.source} succeeded by {s.target} on {s.date.isoformat()}" for s in self.successions]
        lines += [_entity_line("+", e) for e in self.added]
        lines += [_entity_line("-", e) for e in self.removed]
        lines += [f"~ {c}" for c in self.changed]
        lines += [f"+ {r.label}" for r in self.added_relations]
        lines += [f"- {r.label}" for r in self.removed_relations]
        return "\n".join(lines) if lines else "no differences"

    def _repr_html_(self) -> str:
        """Show the differences as one compact HTML table: the change, the kind, and what changed, named."""
        names = {e.id: e.name for e in (*self.removed, *self.added)} | {c.id: c.after.name for c in self.changed}

        def named(ident: str) -> str:
            return f"{cell(names[ident])} <small>({cell(ident)})</small>" if ident in names else cell(ident)

        rows = [
            ("succession", s.kind, f"{named(s.source)} succeeded by {named(s.target)} on {s.date}")
            for s in self.successions
        ]
        rows += [("added", e.kind, named(e.id)) for e in self.added]
        rows += [("removed", e.kind, named(e.id)) for e in self.removed]
        rows += [("changed", c.after.kind, f"{named(c.id)}: {cell(', '.join(c.fields))}") for c in self.changed]
        for change, relations in (("added", self.added_relations), ("removed", self.removed_relations)):
            rows += [(change, r.kind, f"{named(r.source)} → {named(r.target)}") for r in relations]
        head = "<tr><th>change</th><th>kind</th><th>what</th></tr>"
        body = "".join(f"<tr><td>{change}</td><td>{cell(kind)}</td><td>{what}</td></tr>" for change, kind, what in rows)
        return table(f"{len(rows)} differences" if rows else "no differences", body, head)

    def to_dict(self) -> dict[str, Any]:
        """Return the differences as plain data (ids, kinds and names), stable for JSON.

        Examples:
            >>> import integratedcare as ic
            >>> empty = ic.LandscapeBuilder().build()
            >>> ic.diff(empty, empty).to_dict()["added"]
            []
        """

        def entity(e: Entity) -> dict[str, str]:
            return {"id": e.id, "kind": e.kind, "name": e.name}

        def relation(r: Relation) -> dict[str, str | None]:
            start = r.period.start.isoformat() if r.period.start else None
            end = r.period.end.isoformat() if r.period.end else None
            return {"kind": r.kind, "source": r.source, "target": r.target, "start": start, "end": end}

        return {
            "successions": [relation(s) for s in self.successions],
            "added": [entity(e) for e in self.added],
            "removed": [entity(e) for e in self.removed],
            "changed": [{"id": c.id, "kind": c.after.kind, "fields": list(c.fields)} for c in self.changed],
            "added_relations": [relation(r) for r in self.added_relations],
            "removed_relations": [relation(r) for r in self.removed_relations],
        }


def _changed_fields(before: Entity, after: Entity) -> tuple[str, ...]:
    """Name the fields that differ between two versions of an entity (``kind`` if the class differs)."""
    if type(before) is not type(after):
        return ("kind",)
    return tuple(f.name for f in attrs.fields(type(after)) if getattr(before, f.name) != getattr(after, f.name))


def diff(before: Landscape, after: Landscape) -> LandscapeDiff:
    """Compare two landscapes by entity id and by relation value.

    Examples:
        >>> import integratedcare as ic
        >>> a = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="Old name")).build()
        >>> b = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="New name")).build()
        >>> [str(c) for c in ic.diff(a, b).changed]
        ['changed integrated-care-board "QYG": name']
    """
    added = tuple(e for e in after if e.id not in before)
    removed = tuple(e for e in before if e.id not in after)
    changed = tuple(
        EntityChange(before=before[e.id], after=e, fields=_changed_fields(before[e.id], e))
        for e in after
        if e.id in before and before[e.id] != e
    )
    old, new = set(before.all_relations), set(after.all_relations)
    return LandscapeDiff(
        added=added,
        removed=removed,
        changed=changed,
        added_relations=tuple(r for r in after.all_relations if r not in old),
        removed_relations=tuple(r for r in before.all_relations if r not in new),
    )


def changes(landscape: Landscape, start: DateLike, end: DateLike) -> LandscapeDiff:
    """Compare one landscape on two dates, listing the successions that took effect in between.

    A succession on day ``d`` counts when ``start < d <= end``.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QNQ", name="NHS Frimley ICB", period=("2022-07-01", "2026-04-01")),
        ...     ic.ICB(id="S0E4D", name="NHS Thames Valley ICB", period=("2026-04-01", None)),
        ...     ic.SucceededBy(source="QNQ", target="S0E4D", period=("2026-04-01", None)),
        ... ).build()
        >>> print(ic.changes(land, "2026-03-31", "2026-04-01"))
        > QNQ succeeded by S0E4D on 2026-04-01
        + integrated-care-board "S0E4D" (NHS Thames Valley ICB)
        - integrated-care-board "QNQ" (NHS Frimley ICB)
    """
    first, last = to_date(start, field="start"), to_date(end, field="end")
    result = diff(landscape.as_of(first), landscape.as_of(last))
    successions = tuple(s for s in landscape.relations(SucceededBy) if first < s.date <= last)
    return attrs.evolve(result, successions=successions)
