"""Compact HTML summaries for notebooks: what ``_repr_html_`` of entities, landscapes and answers shows.

Each function returns one small ``<table>`` (a summary, not a dump); every text that comes from
data is escaped. The model layer holds them, with the helpers a report's table uses too, so that
every class can summarise itself without importing a layer above its own.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Collection, Iterable
from html import escape
from itertools import zip_longest
from typing import Any

import attrs
from attrs import AttrsInstance

from integratedcare._model._entities import Entity
from integratedcare._model._period import ALWAYS, Period
from integratedcare._model._provenance import Citation, Clause, Code, Source
from integratedcare._model._relations import Relation

__all__ = ["answer_table", "cell", "entity_table", "landscape_table", "table"]

_MAX_TEXT = 160
_SKIPPED_FIELDS = frozenset({"text", "phrase"})


def cell(value: object) -> str:
    """Return a value as short escaped text."""
    text = _text(value)
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    return escape(text)


def _text(value: object) -> str:  # noqa: PLR0911 (one return per kind of value reads best)
    """Return a value as plain text."""
    if isinstance(value, Entity):
        return f"{value.name} ({value.id})"
    if isinstance(value, Relation):
        return value.label
    if isinstance(value, Citation):
        return f"{value} ({value.verification.value})"
    if isinstance(value, Clause):
        return f"agreement {value}"
    if isinstance(value, Code):
        return f"{value.scheme.value} {value.value}"
    if isinstance(value, Source):
        return f"{value.title} ({value.verification.value})"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return "; ".join(_text(item) for item in value)
    return str(value)


def _rows(pairs: Iterable[tuple[str, object]]) -> str:
    """Return table rows of a name and a value each."""
    return "".join(f'<tr><th style="text-align:left">{escape(k)}</th><td>{cell(v)}</td></tr>' for k, v in pairs)


def table(caption: str, body: str, head: str = "") -> str:
    """Wrap rows in a captioned table."""
    header = f"<thead>{head}</thead>" if head else ""
    return f'<table class="integratedcare"><caption>{caption}</caption>{header}<tbody>{body}</tbody></table>'


def _filled(instance: AttrsInstance, *, skip: frozenset[str] = frozenset()) -> list[tuple[str, object]]:
    """Return the attrs fields of an object that hold something, by name."""
    pairs = []
    for field in attrs.fields(type(instance)):
        value = getattr(instance, field.name)
        if field.name in skip or value is None or value in ((), "") or (isinstance(value, Period) and value == ALWAYS):
            continue
        pairs.append((field.name, value))
    return pairs


def landscape_table(name: str, entities: Collection[Entity], relations: Collection[Relation]) -> str:
    """Return a landscape's name and how many entities and relations of each kind it holds.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._model._html import landscape_table
        >>> land = ic.LandscapeBuilder("A & B").add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB")).build()
        >>> html = landscape_table(land.name, land, land.all_relations)
        >>> html[:90]
        '<table class="integratedcare"><caption>Landscape <b>A &amp; B</b>: 1 entities, 0 relations'
        >>> "<tr><td>integrated-care-board</td><td>1</td><td></td><td></td></tr>" in html
        True
    """
    entity_kinds = sorted(Counter(e.kind for e in entities).items())
    relation_kinds = sorted(Counter(r.kind for r in relations).items())
    head = "<tr><th>entity kind</th><th>count</th><th>relation kind</th><th>count</th></tr>"
    body = "".join(
        f"<tr><td>{escape(ek)}</td><td>{en}</td><td>{escape(rk)}</td><td>{rn}</td></tr>"
        for (ek, en), (rk, rn) in zip_longest(entity_kinds, relation_kinds, fillvalue=("", ""))
    )
    title = f" <b>{escape(name)}</b>" if name else ""
    caption = f"Landscape{title}: {len(entities)} entities, {len(relations)} relations"
    return table(caption, body, head)


def entity_table(entity: Entity) -> str:
    """Return an entity's kind and the fields that hold something, one row each.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._model._html import entity_table
        >>> icb = ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None),
        ...              codes=[ic.Code("ods", "QYG")])
        >>> html = entity_table(icb)
        >>> html[:81]
        '<table class="integratedcare"><caption>integrated-care-board <b>QYG</b></caption>'
        >>> '<th style="text-align:left">codes</th><td>ods QYG</td>' in html
        True
    """
    caption = f"{escape(entity.kind)} <b>{escape(entity.id)}</b>"
    return table(caption, _rows(_filled(entity, skip=frozenset({"id"}))))


def answer_table(answer: Any) -> str:  # noqa: ANN401 (any query answer)
    """Return an answer's sentence over a table of what it names: who, what, basis, period and path.

    Examples:
        >>> import integratedcare as ic
        >>> from integratedcare._model._html import answer_table
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"],
        ...                   basis=ic.Citation(act="NHS Act 2006", section="s65Z5")),
        ... ).build()
        >>> html = answer_table(ic.accountable_for(land, "dental-services", "QYG")[0])
        >>> html[:85]
        '<table class="integratedcare"><caption>NHS England is accountable for dental-services'
        >>> '<th style="text-align:left">basis</th><td>NHS Act 2006 s65Z5 (verified)</td>' in html
        True
    """
    return table(escape(str(answer)), _rows(_filled(answer, skip=_SKIPPED_FIELDS)))
