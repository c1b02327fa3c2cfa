"""Turn a seed extract (``extracts/*.json``) into entities and relations of the model.

An extract lists entities and relations found in one seed document, each with the line numbers it
came from (``source_ref``) and its attributes paraphrased. This module maps them onto the model's
classes: names and figures become fields, the rest become notes, and each line reference becomes a
:class:`~integratedcare.Source`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

import integratedcare as ic

from ._common import P, U, V, source

__all__ = ["Extract", "load_extract"]

EXTRACTS: Final = Path(__file__).parent / "extracts"
_DOUBTFUL: Final = ("guess", "unverified", "inferred", "from memory", "placeholder", "not in seed", "not given")

JSON = Any


def load_extract(name: str) -> JSON:
    """Read the extract ``extracts/<name>.json``."""
    return json.loads((EXTRACTS / f"{name}.json").read_text(encoding="utf-8"))


def _text(value: JSON) -> str:
    """Render an attribute of an extract as one line of text."""
    if isinstance(value, dict):
        if "text" in value:
            return str(value["text"])
        if "items" in value:
            return "; ".join(str(i) for i in value["items"])
        if "value" in value:
            return str(value["value"])
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if k not in ("source_ref", "see_also"))
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


@attrs.define
class Extract:
    """Converts one extract, with an id map and the title of the seed it was taken from."""

    data: JSON
    title: str
    id_map: Mapping[str, str] = attrs.field(factory=dict)
    periods: Mapping[str, ic.PeriodLike] = attrs.field(factory=dict)
    entities: dict[str, ic.Entity] = attrs.field(factory=dict)
    relations: list[ic.Relation] = attrs.field(factory=list)
    extra_notes: dict[str, list[str]] = attrs.field(factory=dict)
    pages: Mapping[str, str] = attrs.field(factory=dict)
    """Titles of the web pages an extract cites by address."""

    def ref(self, raw: JSON, *, doubtful: bool = False) -> ic.Source:
        """Make a source from a ``source_ref`` of the extract."""
        if "seed" in raw:
            reference = f"lines {raw['line']}-{raw['line_end']}" if raw.get("line_end") else f"line {raw['line']}"
            return source(self.title, reference, P if doubtful else V)
        if "file" in raw:
            return source("integratedcare reference data", str(raw["file"]), P if doubtful else V, raw.get("note"))
        url = str(raw.get("url"))
        return source(
            self.pages.get(url, "Web page (not retrieved)"), url, U, "not in the source documents; unverified"
        )

    def id(self, raw: str) -> str:
        """Map an extract id to the dataset's id."""
        return self.id_map.get(raw, raw)

    def convert(self, skip: Callable[[JSON], bool] = lambda _: False) -> None:
        """Convert every entity and relation of the extract (those ``skip`` accepts are left out)."""
        for raw in self.data["entities"]:
            if not skip(raw):
                entity = self._entity(raw)
                self.entities[entity.id] = entity
        for raw in self.data["relations"]:
            if not skip(raw):
                self._relation(raw)

    def _entity(self, raw: JSON) -> ic.Entity:
        """Convert one entity."""
        cls = ic.kinds.ENTITY_KINDS[raw["kind"]]
        attributes: dict[str, JSON] = raw.get("attributes", {})
        text = json.dumps(raw).lower()
        doubtful = any(word in text for word in _DOUBTFUL)
        fields: dict[str, Any] = {
            "id": self.id(raw["id"]),
            "name": raw.get("name") or raw.get("label") or raw["id"],
            "sources": [self.ref(raw["source_ref"], doubtful=doubtful)]
            + [self.ref(r) for r in raw.get("see_also", []) if "url" in r],
        }
        notes = [f"{key.replace('_', ' ')}: {_text(value)}" for key, value in attributes.items()]
        if raw.get("aliases"):
            notes.insert(0, "also called " + "; ".join(raw["aliases"]))
        if raw.get("sense"):
            notes.insert(0, raw["sense"])
        if not raw.get("name") and raw.get("label"):
            notes.insert(0, "name not given in the source; the name here describes it")
        fields["notes"] = notes
        codes = []
        if raw.get("ods_code"):
            codes.append(ic.Code("ods", raw["ods_code"]))
        if isinstance(attributes.get("ons_code"), str):
            codes.append(ic.Code("gss", attributes["ons_code"]))
        fields["codes"] = codes
        fields.update(_kind_fields(cls, raw))
        if raw["id"] in self.periods:
            fields["period"] = self.periods[raw["id"]]
        return cls(**fields)

    def _relation(self, raw: JSON) -> None:
        """Convert one relation, clipped to the lifetimes of its ends."""
        cls = ic.kinds.RELATION_KINDS[raw["kind"]]
        src, dst = self.id(raw["source"]), self.id(raw["target"])
        notes = []
        if raw.get("role") and cls is not ic.MemberOf:
            notes.append(str(raw["role"]))
        if raw.get("count"):
            notes.append(f"{raw['count']} seats")
        status = raw.get("status")
        if status == "proposed" or (cls is ic.Establishes and src in self.entities and not _body(self.entities[src])):
            what = raw.get("role") or raw["kind"]
            self.extra_notes.setdefault(dst, []).append(f"{status or 'stated'}: {what} by {src} (not modelled)")
            return
        if status:
            notes.append(f"status: {status}")
        fields: dict[str, Any] = {"sources": [self.ref(raw["source_ref"])], "notes": notes}
        if cls is ic.MemberOf:
            fields["role"] = raw.get("role")
            if "voting" in raw:
                fields["voting"] = bool(raw["voting"])
        if cls is ic.Delegation:
            fields["functions"] = [raw.get("role") or "unspecified functions"]
        period = self._clip(src, dst)
        if period is not None:
            fields["period"] = period
        relation = cls(source=src, target=dst, **fields)
        if relation not in self.relations:
            self.relations.append(relation)

    def _clip(self, src: str, dst: str) -> ic.Period | None:
        """Return the common lifetime of two entities."""
        ends = [self.entities[i].period for i in (src, dst) if i in self.entities]
        period: ic.Period | None = ic.ALWAYS
        for each in ends:
            period = None if period is None else period.intersection(each)
        return period

    def finish(self) -> list[ic.Entity]:
        """Return the entities with the notes gathered while converting relations."""
        out = []
        for entity in self.entities.values():
            extra = self.extra_notes.get(entity.id, [])
            out.append(attrs.evolve(entity, notes=[*entity.notes, *extra]) if extra else entity)
        return out


def _kind_fields(cls: type[ic.Entity], raw: JSON) -> dict[str, Any]:
    """Return the fields particular to an entity's class: population, tier, services, scope."""
    fields: dict[str, Any] = {}
    names = {f.name for f in attrs.fields(cls)}
    population = raw.get("attributes", {}).get("population")
    if "population" in names and isinstance(population, dict) and isinstance(population.get("value"), int):
        fields["population"] = ic.quantity(population["value"], "person")
    fields.update({key: raw[key] for key in ("tier", "services", "foundation") if key in raw and key in names})
    sense = raw.get("sense", "") + _text(raw.get("attributes", {}).get("sense", ""))
    if cls is ic.ICP and ("place-level" in sense or "place level" in sense or "place" in sense.split()):
        fields.update(scope="place", statutory=False)
    elif cls is ic.ICP and "area-level" in sense:
        fields.update(scope="area", statutory=False)
    if cls is ic.Committee:
        fields["committee_type"] = "forum"
    return fields


def _body(entity: ic.Entity) -> bool:
    """Return whether an entity is a body (only bodies establish)."""
    return isinstance(entity, ic.Body)
