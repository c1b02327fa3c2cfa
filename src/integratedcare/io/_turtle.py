"""Turtle and JSON-LD written as text, statement by statement, without rdflib (which took seconds to minutes).

The statements are those :func:`integratedcare.io._rdf.rdf_graph` adds (the tests prove the
graphs isomorphic, and the JSON-LD the text rdflib's serialiser gave); each term is written
once, already escaped. Turtle is sorted by subject, predicate and object; JSON-LD is compacted
with the prefixes as rdflib compacts it, resources sorted by ``@id`` and values by their JSON
text. The same landscape always gives the same bytes.
"""

from __future__ import annotations

import abc
import datetime as dt
import functools
import json
import re
from collections import defaultdict
from itertools import groupby
from typing import Final

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
from integratedcare.io._flat import Scalar, edge_id, edges, field_names, flat_entity, flat_relation

__all__ = ["JSONLD_CONTEXT", "PREFIXES", "camel", "jsonld_text", "turtle_text"]

PREFIXES: Final = (
    ("dcterms", "http://purl.org/dc/terms/"),
    ("icv", "https://w3id.org/integratedcare/vocab#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)
"""The prefixes every Turtle export declares (the vocabulary's own is ``icv``)."""

JSONLD_CONTEXT: Final = (
    *PREFIXES[:3],
    ("owl", "http://www.w3.org/2002/07/owl#"),
    PREFIXES[3],
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    PREFIXES[4],
    ("xml", "http://www.w3.org/XML/1998/namespace"),
    PREFIXES[5],
)
"""The JSON-LD context: the prefixes rdflib's graph bound (its core ones and ours), sorted."""

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


class _Statements(abc.ABC):
    """Collects a landscape's statements, by subject, as (predicate, object) pairs of written terms.

    Predicates are written as prefixed names (``a`` for ``rdf:type``); a subclass writes the
    objects (:meth:`iri`, :meth:`text`, :meth:`literal`) for its format.
    """

    TRUE: str
    FALSE: str
    NAME: str
    """What comes before a prefixed name written as an object (``a org:Post``): nothing in Turtle."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.by_subject: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        self.terms: dict[str, str] = {}
        self.keys: dict[Relation, str] = {}

    @abc.abstractmethod
    def iri(self, iri: str) -> str:
        """Write a resource."""

    @abc.abstractmethod
    def text(self, value: str) -> str:
        """Write a plain string literal."""

    @abc.abstractmethod
    def literal(self, value: Scalar) -> str:
        """Write a typed literal: text, boolean, double or date (as the rdflib writer types them)."""

    def node(self, ident: str) -> str:
        """Return the resource of an entity id (or a relation's path), written once."""
        found = self.terms.get(ident)
        if found is None:
            found = self.terms[ident] = self.iri(self.base + ident)
        return found

    def relation_node(self, key: str, relation: Relation) -> str:
        """Return the resource of a relation's edge: ``relation/<source>/<target>/<key>``."""
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
        statements = self.by_subject[subject]
        statements += _entity_types(type(entity), self.NAME)
        add = statements.append
        text = self.text
        add(("skos:prefLabel", text(entity.name)))
        for code in entity.codes:
            add(("org:identifier", text(str(code))))
        self.fields(statements, entity, flat_entity(entity, dates=True), _own_fields(type(entity), _ENTITY_KEYS))

    def relation(self, subject: str, relation: Relation) -> None:
        """Describe a relation as a node of its own, and add the direct statement from source to target."""
        statements = self.by_subject[subject]
        add = statements.append
        source, target = self.node(relation.source), self.node(relation.target)
        name = self.NAME
        add(("a", f"{name}icv:Relation"))
        add(("a", f"{name}icv:Duty" if isinstance(relation, DerivedDuty) else f"{name}icv:{type(relation).__name__}"))
        add(("icv:source", source))
        add(("icv:target", target))
        flat = flat_relation(relation, dates=True)
        self.fields(statements, relation, flat, _own_fields(type(relation), _RELATION_KEYS))
        add(("icv:derived", self.TRUE if flat["derived"] else self.FALSE))
        basis = relation.basis
        if isinstance(basis, (Citation, Clause)):
            add(("icv:basis", self.text(str(basis))))
            add(("icv:verification", self.text(basis.verification.value)))
        if isinstance(basis, Clause):
            add(("icv:agreement", self.node(basis.agreement)))
        if isinstance(relation, DerivedDuty):
            for step in relation.via:
                add(("icv:via", self.relation_node(self.keys[step], step)))
        self.by_subject[source].append((_link(relation), target))
        if isinstance(relation, MemberOf):
            add(("a", f"{name}org:Membership"))
            add(("org:member", source))
            add(("org:organization", target))
        if isinstance(relation, SucceededBy):
            add(("a", f"{name}org:ChangeEvent"))
            add(("org:originalOrganization", source))
            add(("org:resultingOrganization", target))
            self.by_subject[source].append(("org:changedBy", subject))
            self.by_subject[target].append(("org:resultedFrom", subject))

    def fields(
        self,
        statements: list[tuple[str, str]],
        thing: Entity | Relation,
        flat: dict[str, Scalar],
        own: tuple[tuple[str, str], ...],
    ) -> None:
        """Add a thing's kind, dates, notes, sources and own fields (one statement per member of a list)."""
        add, text = statements.append, self.text
        add(("icv:kind", text(thing.kind)))
        if "start" in flat:
            add(("icv:startDate", self.literal(flat["start"])))
        if "end" in flat:
            add(("icv:endDate", self.literal(flat["end"])))
        for note in thing.notes:
            add(("skos:note", text(note)))
        for source in thing.sources:
            add(("dcterms:source", text(source.title)))
        for name, predicate in own:
            if name in flat:
                value = getattr(thing, name)
                if isinstance(value, (tuple, frozenset)):
                    for item in sorted(str(getattr(v, "value", v)) for v in value):
                        add((predicate, text(item)))
                else:
                    add((predicate, self.literal(flat[name])))


_TYPES: Final[dict[tuple[type, str], tuple[tuple[str, str], ...]]] = {}
"""The type statements of each entity class, by class and format (a few dozen entries)."""
_OWN: Final[dict[tuple[type, frozenset[str]], tuple[tuple[str, str], ...]]] = {}
"""The own fields of each class with their predicates (a few dozen entries)."""


def _entity_types(kind: type[Entity], name: str) -> tuple[tuple[str, str], ...]:
    """Return the type statements of an entity class: ORG's class where it has one, then ours."""
    found = _TYPES.get((kind, name))
    if found is None:
        types = [f"{name}org:Organization"] if issubclass(kind, Body) else []
        types += [f"{name}org:Post"] if issubclass(kind, Post) and not types else []
        types += [f"{name}icv:Document"] if issubclass(kind, Document) else []
        found = _TYPES[kind, name] = tuple(("a", term) for term in (*types, f"{name}icv:{kind.__name__}"))
    return found


def _own_fields(kind: type[Entity | Relation], common: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Return a class's own fields (those not written as common terms) with their predicates."""
    found = _OWN.get((kind, common))
    if found is None:
        found = _OWN[kind, common] = tuple(
            (name, f"icv:{camel(name)}") for name in field_names(kind) if name not in common
        )
    return found


class _Turtle(_Statements):
    """Writes the objects as Turtle terms."""

    TRUE = _TRUE
    FALSE = _FALSE
    NAME = ""

    def iri(self, iri: str) -> str:
        """Write an IRI, escaping what an IRI may not hold."""
        return f"<{iri.translate(_IRI)}>"

    def text(self, value: str) -> str:
        """Write a plain string literal."""
        return f'"{value.translate(_STRING)}"'

    def literal(self, value: Scalar) -> str:
        """Write a typed literal: text, boolean, double or date (as the rdflib writer types them)."""
        return _literal(value)


class _JsonLD(_Statements):
    """Writes the objects as tagged JSON values, rendered by :func:`jsonld_text`.

    The tags: ``i`` a resource, ``s`` text, ``b`` a boolean, ``f`` a number and ``d`` a date.
    """

    TRUE = "btrue"
    FALSE = "bfalse"
    NAME = "s"

    def iri(self, iri: str) -> str:
        """Write a resource as rdflib compacts it: ``prefix:name`` where its namespace is a prefix of the context."""
        for delimiter in ("#", "/", ":"):
            at = iri.rfind(delimiter)
            if at > -1:
                prefix = _JSONLD_PREFIXES.get(iri[: at + 1])
                return f"i{iri}" if prefix is None else f"i{prefix}:{iri[at + 1 :]}"
        return f"i{iri}"

    def text(self, value: str) -> str:
        """Write a plain string literal (a JSON string)."""
        return f"s{value}"

    def literal(self, value: Scalar) -> str:
        """Write a typed literal: booleans and doubles as JSON's own, dates typed ``xsd:date``."""
        if isinstance(value, str):
            return f"s{value}"
        if isinstance(value, bool):
            return self.TRUE if value else self.FALSE
        if isinstance(value, float):
            return f"f{json.dumps(value)}"  # as json.dumps writes a number
        return f"d{value.isoformat()}"


_JSONLD_PREFIXES: Final = {iri: prefix for prefix, iri in JSONLD_CONTEXT if iri.endswith(("/", "#"))}
_ENCODE: Final = json.encoder.encode_basestring  # as json.dumps(ensure_ascii=False) writes a string
_ENCODE_ASCII: Final = json.encoder.encode_basestring_ascii  # as json.dumps() writes it


def _jsonld_value(term: str, indent: str) -> str:
    """Render a tagged value as json.dumps(indent=2) does, its closing brace at ``indent``."""
    tag, body = term[0], term[1:]
    if tag == "s":
        return _ENCODE(body)
    if tag == "i":
        return f'{{\n{indent}  "@id": {_ENCODE(body)}\n{indent}}}'
    if tag == "d":
        return f'{{\n{indent}  "@type": "xsd:date",\n{indent}  "@value": {_ENCODE(body)}\n{indent}}}'
    return body


def _jsonld_order(term: str) -> str:
    """Return a tagged value as json.dumps(value, sort_keys=True) writes it: lists of values are sorted by it."""
    tag, body = term[0], term[1:]
    if tag == "s":
        return _ENCODE_ASCII(body)
    if tag == "i":
        return f'{{"@id": {_ENCODE_ASCII(body)}}}'
    if tag == "d":
        return f'{{"@type": "xsd:date", "@value": {_ENCODE_ASCII(body)}}}'
    return body


def _jsonld_resource(subject: str, pairs: list[tuple[str, str]]) -> str:
    """Render one resource: ``@id``, ``@type`` and each predicate, one value bare and several as a sorted list."""
    lines = [f'      "@id": {_ENCODE(subject[1:])}']
    for predicate, group in groupby(sorted(set(pairs)), key=_first):
        key = '"@type"' if predicate == "a" else f'"{predicate}"'
        values = [term for _, term in group]
        if len(values) == 1:
            lines.append(f"      {key}: {_jsonld_value(values[0], '      ')}")
        else:
            values.sort(key=_jsonld_order)
            items = ",\n".join(f"        {_jsonld_value(term, '        ')}" for term in values)
            lines.append(f"      {key}: [\n{items}\n      ]")
    return "    {\n" + ",\n".join(lines) + "\n    }"


def _first(pair: tuple[str, str]) -> str:
    """Return a pair's predicate."""
    return pair[0]


def jsonld_text(landscape: Landscape, *, derived: bool, base: str) -> str:
    """Return the landscape's statements as compacted JSON-LD, resources by ``@id``, values by their JSON text."""
    statements = _JsonLD(base)
    statements.write(landscape, derived=derived)
    context = ",\n".join(f'    "{prefix}": "{iri}"' for prefix, iri in JSONLD_CONTEXT)
    by_subject = statements.by_subject
    resources = ",\n".join(_jsonld_resource(subject, by_subject[subject]) for subject in sorted(by_subject))
    graph = f"[\n{resources}\n  ]" if resources else "[]"
    return f'{{\n  "@context": {{\n{context}\n  }},\n  "@graph": {graph}\n}}\n'


def turtle_text(landscape: Landscape, *, derived: bool, base: str) -> str:
    """Return the landscape's statements as Turtle, sorted by subject, predicate and object."""
    statements = _Turtle(base)
    statements.write(landscape, derived=derived)
    parts = [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES]
    by_subject = statements.by_subject
    for subject in sorted(by_subject):
        lines = " ;\n    ".join([f"{predicate} {obj}" for predicate, obj in sorted(set(by_subject[subject]))])
        parts.append(f"\n{subject}\n    {lines} .\n")
    return "".join(parts)
