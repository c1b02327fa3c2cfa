"""Turtle written as text, statement by statement, without rdflib (which took minutes at England scale).

The statements are those :func:`integratedcare.io._rdf.rdf_graph` adds (the tests prove the two
isomorphic); each term is written once, already escaped, and the document is sorted by subject,
predicate and object, so the same landscape always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from typing import Final

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import (
    AccountableTo,
    Body,
    Citation,
    Clause,
    Delegation,
    Document,
    Duty,
    Entity,
    Holds,
    MemberOf,
    Post,
    Relation,
    SucceededBy,
    Within,
)
from integratedcare._statute import DerivedDuty
from integratedcare.io._flat import Scalar, edge_id, edges, flat_entity, flat_relation

__all__ = ["PREFIXES", "camel", "turtle_text"]

PREFIXES: Final = (
    ("dcterms", "http://purl.org/dc/terms/"),
    ("icv", "https://w3id.org/integratedcare/vocab#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)
"""The prefixes every Turtle export declares (the vocabulary's own is ``icv``)."""

# Turtle's short strings may not hold a quote, a backslash, a line feed or a carriage return;
# every other control character is written as its \u escape too, so the text survives any editor.
_STRING: Final = {i: f"\\u{i:04X}" for i in range(0x20)} | {
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x7F: "\\u007F",
}
# An IRI may not hold spaces, controls or any of <>"{}|^`\ : each is written as its \u escape.
_IRI: Final = {i: f"\\u{i:04X}" for i in (*range(0x21), *map(ord, '<>"{}|^`\\'))}
_ENTITY_KEYS: Final = frozenset({"kind", "name", "start", "end", "codes", "sources", "notes"})
_RELATION_KEYS: Final = frozenset(
    {"kind", "start", "end", "basis", "verification", "derived", "via", "sources", "notes"}
)
_ORG_LINKS: Final[dict[type[Relation], str]] = {
    Within: "org:subOrganizationOf",
    MemberOf: "org:memberOf",
    AccountableTo: "org:reportsTo",
    Holds: "org:holds",
}
_TRUE: Final = '"true"^^xsd:boolean'
_FALSE: Final = '"false"^^xsd:boolean'


def _text(value: str) -> str:
    """Write a plain string literal."""
    return f'"{value.translate(_STRING)}"'


def _literal(value: Scalar) -> str:
    """Write a typed literal: text, boolean, double or date (as the rdflib writer types them)."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    if isinstance(value, float):
        return f'"{value!r}"^^xsd:double'
    assert isinstance(value, dt.date)  # noqa: S101 (the last kind of scalar)
    return f'"{value.isoformat()}"^^xsd:date'


@functools.lru_cache(maxsize=1024)  # field names, kinds and duty texts: a few hundred at most
def camel(text: str) -> str:
    """Turn a field name, kind or duty text into a term: ``must have regard to`` gives ``mustHaveRegardTo``."""
    words = [word for word in re.split(r"[^A-Za-z0-9]+", text) if word]
    return words[0].lower() + "".join(word[:1].upper() + word[1:] for word in words[1:])


def _link(relation: Relation) -> str:
    """Name the direct statement from a relation's source to its target."""
    if (link := _ORG_LINKS.get(type(relation))) is not None:
        return link
    if isinstance(relation, Delegation):
        return "icv:delegatesTo"
    if isinstance(relation, Duty):
        return f"icv:{camel(relation.duty.value)}"
    return f"icv:{camel(relation.kind)}"


class _Statements:
    """Collects the statements of a landscape as escaped Turtle terms, by subject."""

    def __init__(self, base: str) -> None:
        self.base = base.translate(_IRI)
        self.by_subject: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
        self.terms: dict[str, str] = {}
        self.keys: dict[Relation, str] = {}

    def node(self, ident: str) -> str:
        """Return the IRI of an entity id (or a relation's path), written once."""
        found = self.terms.get(ident)
        if found is None:
            found = self.terms[ident] = f"<{self.base}{ident.translate(_IRI)}>"
        return found

    def relation_node(self, key: str, relation: Relation) -> str:
        """Return the IRI of a relation's edge: ``relation/<source>/<target>/<key>``."""
        return self.node(f"relation/{edge_id(relation.source, relation.target, key)}")

    def write(self, landscape: Landscape, *, derived: bool) -> None:
        """Add every entity and relation (and derived duty) of the landscape."""
        for entity in landscape.entities:
            self.entity(entity)
        listed = edges(landscape, derived=derived)
        self.keys = {relation: key for key, relation in listed}
        for key, relation in listed:
            self.relation(self.relation_node(key, relation), relation)

    def entity(self, entity: Entity) -> None:
        """Describe an entity: its types, name, codes and fields."""
        subject = self.node(entity.id)
        add = self.by_subject[subject].add
        if isinstance(entity, Body):
            add(("a", "org:Organization"))
        elif isinstance(entity, Post):
            add(("a", "org:Post"))
        if isinstance(entity, Document):
            add(("a", "icv:Document"))
        add(("a", f"icv:{type(entity).__name__}"))
        add(("skos:prefLabel", _text(entity.name)))
        for code in entity.codes:
            add(("org:identifier", _text(str(code))))
        self.fields(subject, entity, flat_entity(entity, dates=True), _ENTITY_KEYS)

    def relation(self, subject: str, relation: Relation) -> None:
        """Describe a relation as a node of its own, and add the direct statement from source to target."""
        add = self.by_subject[subject].add
        source, target = self.node(relation.source), self.node(relation.target)
        add(("a", "icv:Relation"))
        add(("a", "icv:Duty" if isinstance(relation, DerivedDuty) else f"icv:{type(relation).__name__}"))
        add(("icv:source", source))
        add(("icv:target", target))
        flat = flat_relation(relation, dates=True)
        self.fields(subject, relation, flat, _RELATION_KEYS)
        add(("icv:derived", _TRUE if flat["derived"] else _FALSE))
        basis = relation.basis
        if isinstance(basis, (Citation, Clause)):
            add(("icv:basis", _text(str(basis))))
            add(("icv:verification", _text(basis.verification.value)))
        if isinstance(basis, Clause):
            add(("icv:agreement", self.node(basis.agreement)))
        for step in relation.via if isinstance(relation, DerivedDuty) else ():
            add(("icv:via", self.relation_node(self.keys[step], step)))
        self.organisation_terms(subject, relation, source, target)

    def organisation_terms(self, subject: str, relation: Relation, source: str, target: str) -> None:
        """Add the direct statement (in ORG's terms where it has them), memberships and change events."""
        add = self.by_subject[subject].add
        self.by_subject[source].add((_link(relation), target))
        if isinstance(relation, MemberOf):
            add(("a", "org:Membership"))
            add(("org:member", source))
            add(("org:organization", target))
        if isinstance(relation, SucceededBy):
            add(("a", "org:ChangeEvent"))
            add(("org:originalOrganization", source))
            add(("org:resultingOrganization", target))
            self.by_subject[source].add(("org:changedBy", subject))
            self.by_subject[target].add(("org:resultedFrom", subject))

    def fields(self, subject: str, thing: Entity | Relation, flat: dict[str, Scalar], common: frozenset[str]) -> None:
        """Add a thing's kind, dates, notes, sources and own fields (one statement per member of a list)."""
        add = self.by_subject[subject].add
        add(("icv:kind", _text(thing.kind)))
        if "start" in flat:
            add(("icv:startDate", _literal(flat["start"])))
        if "end" in flat:
            add(("icv:endDate", _literal(flat["end"])))
        for note in thing.notes:
            add(("skos:note", _text(note)))
        for source in thing.sources:
            add(("dcterms:source", _text(source.title)))
        for field in attrs.fields(type(thing)):
            name = field.name
            if name in common or name not in flat:
                continue
            value = getattr(thing, name)
            if isinstance(value, (tuple, frozenset)):
                for item in sorted(str(getattr(v, "value", v)) for v in value):
                    add((f"icv:{camel(name)}", _text(item)))
            else:
                add((f"icv:{camel(name)}", _literal(flat[name])))


def turtle_text(landscape: Landscape, *, derived: bool, base: str) -> str:
    """Return the landscape's statements as Turtle, sorted by subject, predicate and object."""
    statements = _Statements(base)
    statements.write(landscape, derived=derived)
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES]
    for subject in sorted(statements.by_subject):
        pairs = sorted(statements.by_subject[subject], key=lambda pair: (pair[0] != "a", pair))
        lines.append("")
        lines.append(subject)
        lines.extend(f"    {predicate} {obj} ;" for predicate, obj in pairs)
        lines[-1] = lines[-1][:-1] + "."
    return "\n".join(lines) + "\n"
