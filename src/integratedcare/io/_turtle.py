"""Turtle and JSON-LD written as text, statement by statement, without rdflib (which took seconds to minutes).

The statements are those :func:`integratedcare.io._rdf.rdf_graph` adds (the tests prove the
graphs isomorphic, and the JSON-LD the text rdflib's serialiser gave); each term is written
once, already escaped. Turtle is sorted by subject, predicate and object; JSON-LD is compacted
with the prefixes as rdflib compacts it, resources sorted by ``@id`` and values by their JSON
text. The same landscape always gives the same bytes.
"""

from __future__ import annotations

import abc
import bisect
import datetime as dt
import enum
import functools
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise
from typing import Final, TypeAlias

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
from integratedcare.io._flat import Scalar, edge_id, edges, field_names, scalar

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
_ENTITY_KEYS: Final = frozenset({"kind", "name", "period", "start", "end", "codes", "sources", "notes"})
_RELATION_KEYS: Final = frozenset(
    {"kind", "period", "start", "end", "basis", "verification", "derived", "via", "sources", "notes"}
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
    """Write a plain string literal (most text has nothing to escape: printable, without quotes or backslashes)."""
    if value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
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
    """Collects a landscape's statements, by subject, as ``"<predicate> <object>"`` texts of written terms.

    Predicates are written as prefixed names (``a`` for ``rdf:type``), which hold no space, then
    ``SEP`` (a space in Turtle); a subclass writes the objects (:meth:`iri`, :meth:`text`,
    :meth:`literal`) for its format. Sorting the texts sorts by predicate, then object (the
    separator begins with a space or a quote, which sort before any character of a prefixed name).
    """

    TRUE: str
    FALSE: str
    SEP: str

    def __init__(self, base: str) -> None:
        self.base = base
        self.by_subject: defaultdict[str, list[str]] = defaultdict(list)
        self.terms: dict[str, str] = {}
        self.said: dict[tuple[str, object, type], str] = {}
        """Statements of dates and plain values, by predicate and value: most are said many times."""
        self.keys: dict[int, str] = {}
        self.by_value: Callable[[], dict[Relation, str]] = dict

    @abc.abstractmethod
    def iri(self, iri: str) -> str:
        """Write a resource."""

    @abc.abstractmethod
    def text(self, value: str) -> str:
        """Write a plain string literal."""

    @abc.abstractmethod
    def types(self, names: list[str]) -> tuple[str, ...]:
        """Write the statements of a class's types (prefixed names)."""

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
        self.keys = {id(relation): key for key, relation in listed}  # a derived duty's path holds the same objects
        self.by_value = functools.cache(lambda: {relation: key for key, relation in listed})
        node, relation_statements = self.node, self.relation
        for key, relation in listed:  # relation_node, inlined: one call fewer per relation
            relation_statements(node(f"relation/{relation.source}/{relation.target}/{key}"), relation)

    def entity(self, entity: Entity) -> None:
        """Describe an entity: its types, name, codes and fields."""
        statements = self.by_subject[self.node(entity.id)]
        kind = type(entity)
        statements += _constant(kind, self)
        text, sep = self.text, self.SEP
        statements.append(f"skos:prefLabel{sep}{text(entity.name)}")
        statements += [f"org:identifier{sep}{text(str(code))}" for code in entity.codes]
        self.fields(statements, entity, _own_fields(kind, _ENTITY_KEYS))

    def relation(self, subject: str, relation: Relation) -> None:
        """Describe a relation as a node of its own, and add the direct statement from source to target."""
        by_subject, node, sep = self.by_subject, self.node, self.SEP
        statements = by_subject[subject]
        source, target = node(relation.source), node(relation.target)
        kind = type(relation)
        statements += _constant(kind, self)
        statements.append(f"icv:source{sep}{source}")
        statements.append(f"icv:target{sep}{target}")
        self.fields(statements, relation, _own_fields(kind, _RELATION_KEYS))
        basis = relation.basis
        if isinstance(basis, (Citation, Clause)):
            statements += (
                f"icv:basis{sep}{self.text(str(basis))}",
                f"icv:verification{sep}{self.text(basis.verification.value)}",
            )
            if isinstance(basis, Clause):
                statements.append(f"icv:agreement{sep}{node(basis.agreement)}")
        if isinstance(relation, DerivedDuty):
            keys, by_value, step_node = self.keys, self.by_value, self.relation_node
            statements += [
                f"icv:via{sep}{step_node(keys.get(id(step)) or by_value()[step], step)}" for step in relation.via
            ]
        by_subject[source].append(f"{_link(relation)}{sep}{target}")
        if isinstance(relation, MemberOf):
            statements += (f"org:member{sep}{source}", f"org:organization{sep}{target}")
        if isinstance(relation, SucceededBy):
            statements += (f"org:originalOrganization{sep}{source}", f"org:resultingOrganization{sep}{target}")
            by_subject[source].append(f"org:changedBy{sep}{subject}")
            by_subject[target].append(f"org:resultedFrom{sep}{subject}")

    def fields(self, statements: list[str], thing: Entity | Relation, own: _Own) -> None:
        """Add a thing's dates, notes, sources and own fields (one statement per member of a list).

        The values are those :func:`~integratedcare.io._flat.flat_entity` and ``flat_relation``
        write, read straight from the fields: a field that is None or an empty list says nothing.
        """
        text, sep, said = self.text, self.SEP, self.said
        period = thing.period
        if period.start is not None:
            start = period.start
            statements.append(said.get(("icv:startDate", start, dt.date)) or self.say("icv:startDate", start))
        if period.end is not None:
            end = period.end
            statements.append(said.get(("icv:endDate", end, dt.date)) or self.say("icv:endDate", end))
        if thing.notes:
            statements += [f"skos:note{sep}{text(note)}" for note in thing.notes]
        if thing.sources:
            statements += [f"dcterms:source{sep}{text(source.title)}" for source in thing.sources]
        for name, predicate in own:
            value = getattr(thing, name)
            if value is None:
                continue
            if isinstance(value, (tuple, frozenset)):
                items = sorted([str(getattr(v, "value", v)) for v in value])
                statements += [f"{predicate}{sep}{text(item)}" for item in items]
            elif (kind := type(value)) is str or kind is bool or issubclass(kind, enum.Enum):
                statements.append(said.get((predicate, value, kind)) or self.say(predicate, value))
            else:
                statements.append(f"{predicate}{sep}{self.literal(scalar(value))}")

    def say(self, predicate: str, value: Scalar | enum.Enum) -> str:
        """Write a statement of a date or a plain value (text, truth, member), kept for the next time it is said."""
        kind = dt.date if isinstance(value, dt.date) else type(value)  # a period's dates are dates
        said = self.said[predicate, value, kind] = f"{predicate}{self.SEP}{self.literal(scalar(value))}"
        return said


_Own: TypeAlias = tuple[tuple[str, str], ...]
_CONSTANT: Final[dict[tuple[type, str], tuple[str, ...]]] = {}
"""The statements every entity or relation of a class makes (types, kind, derived), by class and format."""


def _constant(kind: type[Entity | Relation], statements: _Statements) -> tuple[str, ...]:
    """Return the statements every member of a class makes: its types, its kind and (relations) whether derived.

    ORG's class comes first where it has one, then ours; a relation is also an ``icv:Relation``,
    a derived duty an ``icv:Duty``, a membership an ``org:Membership`` and a succession an
    ``org:ChangeEvent``.
    """
    found = _CONSTANT.get((kind, statements.FALSE))  # the formats write false differently
    if found is None:
        sep = statements.SEP
        if issubclass(kind, Entity):
            types = ["org:Organization"] if issubclass(kind, Body) else []
            types += ["org:Post"] if issubclass(kind, Post) and not types else []
            types += ["icv:Document"] if issubclass(kind, Document) else []
            types.append(f"icv:{kind.__name__}")
            derived = []
        else:
            types = ["icv:Relation", "icv:Duty" if issubclass(kind, DerivedDuty) else f"icv:{kind.__name__}"]
            types += ["org:Membership"] if issubclass(kind, MemberOf) else []
            types += ["org:ChangeEvent"] if issubclass(kind, SucceededBy) else []
            truth = statements.TRUE if issubclass(kind, DerivedDuty) else statements.FALSE
            derived = [f"icv:derived{sep}{truth}"]
        found = (*statements.types(types), f"icv:kind{sep}{statements.text(kind.kind)}", *derived)
        _CONSTANT[kind, statements.FALSE] = found
    return found


_OWN: Final[dict[tuple[type, frozenset[str]], tuple[tuple[str, str], ...]]] = {}
"""The own fields of each class with their predicates (a few dozen entries)."""


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
    SEP = " "

    def types(self, names: list[str]) -> tuple[str, ...]:
        """Write a class's types, one ``a`` statement each."""
        return tuple(f"a {name}" for name in names)

    def iri(self, iri: str) -> str:
        """Write an IRI, escaping what an IRI may not hold."""
        return f"<{iri.translate(_IRI)}>"

    def text(self, value: str) -> str:
        """Write a plain string literal."""
        return _text(value)

    def literal(self, value: Scalar) -> str:
        """Write a typed literal: text, boolean, double or date (as the rdflib writer types them)."""
        return _literal(value)


class _JsonLD(_Statements):
    """Writes each statement as a key and its JSON value, at the indent of a resource's keys (six spaces).

    A statement is ``<predicate>": <value>``: the resource's lines less their indent and opening
    quote, so that a resource whose predicates each have one value (as most have) is its sorted
    statements joined. ``ids`` holds each resource's ``@id``; ``compact`` the text
    json.dumps(value, sort_keys=True) gives each date written: with ``ids``, the order of several
    values of one key.
    """

    TRUE = "true"
    FALSE = "false"
    SEP = '": '

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self.compact: dict[str, str] = {}
        self.ids: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        """Write a resource as rdflib compacts it: ``prefix:name`` where its namespace is a prefix of the context."""
        ident = iri
        for delimiter in ("#", "/", ":"):
            at = iri.rfind(delimiter)
            if at > -1:
                prefix = _JSONLD_PREFIXES.get(iri[: at + 1])
                ident = iri if prefix is None else f"{prefix}:{iri[at + 1 :]}"
                break
        written = f'{{\n        "@id": {_ENCODE(ident)}\n      }}'
        self.ids[written] = ident
        return written

    def text(self, value: str) -> str:
        """Write a plain string literal (a JSON string)."""
        return _ENCODE(value)

    def literal(self, value: Scalar) -> str:
        """Write a typed literal: booleans and doubles as JSON's own, dates typed ``xsd:date``."""
        if isinstance(value, str):
            return _ENCODE(value)
        if isinstance(value, bool):
            return self.TRUE if value else self.FALSE
        if isinstance(value, float):  # as json.dumps writes a number: its repr, where finite
            return repr(value) if math.isfinite(value) else json.dumps(value)
        day = value.isoformat()
        written = f'{{\n        "@type": "xsd:date",\n        "@value": "{day}"\n      }}'
        self.compact[written] = f'{{"@type": "xsd:date", "@value": "{day}"}}'
        return written

    def order(self, written: str) -> str:
        """Return the text json.dumps(value, sort_keys=True) gives a written value (ASCII only)."""
        ident = self.ids.get(written)
        if ident is not None:
            return f'{{"@id": {_ENCODE_ASCII(ident)}}}'
        found = self.compact.get(written)
        if found is not None:
            return found
        return written if written.isascii() else _ENCODE_ASCII(json.loads(written))

    def types(self, names: list[str]) -> tuple[str, ...]:
        """Write a class's types as one ``@type`` statement: a name, or the names as a sorted list."""
        written = sorted(_ENCODE(name) for name in names)
        if len(written) == 1:
            return (f'@type": {written[0]}',)
        items = ",\n        ".join(written)
        return (f'@type": [\n        {items}\n      ]',)

    def resource(self, subject: str) -> str:
        """Render one resource: ``@id``, ``@type`` and each predicate, one value bare and several as a sorted list."""
        statements = sorted(self.by_subject[subject])
        head = f'    {{\n      "@id": {_ENCODE(self.ids[subject])},\n      "'
        predicates = [statement[: statement.index('"')] for statement in statements]
        repeated = {predicate for predicate, after in pairwise(predicates) if predicate == after}
        if not repeated:  # one value each, as most resources have (a statement said twice repeats its predicate)
            return head + ',\n      "'.join(statements) + "\n    }"
        statements = sorted(set(statements))
        predicates = [statement[: statement.index('"')] for statement in statements]
        repeated = {predicate for predicate, after in pairwise(predicates) if predicate == after}
        pairs = zip(statements, predicates, strict=True)
        lines = [statement for statement, predicate in pairs if predicate not in repeated]
        for predicate in repeated:
            skip = len(predicate) + len(self.SEP)
            group = statements[bisect.bisect_left(predicates, predicate) : bisect.bisect_right(predicates, predicate)]
            values = sorted([statement[skip:] for statement in group], key=self.order)
            items = ",\n        ".join([value.replace("\n", "\n  ") for value in values])
            lines.append(f'{predicate}": [\n        {items}\n      ]')
        lines.sort()  # by predicate: the quote after each sorts before any character of a prefixed name
        return head + ',\n      "'.join(lines) + "\n    }"


_JSONLD_PREFIXES: Final = {iri: prefix for prefix, iri in JSONLD_CONTEXT if iri.endswith(("/", "#"))}
_ENCODE: Final = json.encoder.encode_basestring  # as json.dumps(ensure_ascii=False) writes a string
_ENCODE_ASCII: Final = json.encoder.encode_basestring_ascii  # as json.dumps() writes it


def jsonld_text(landscape: Landscape, *, derived: bool, base: str) -> str:
    """Return the landscape's statements as compacted JSON-LD, resources by ``@id``, values by their JSON text."""
    statements = _JsonLD(base)
    statements.write(landscape, derived=derived)
    context = ",\n".join(f'    "{prefix}": "{iri}"' for prefix, iri in JSONLD_CONTEXT)
    subjects = sorted(statements.by_subject, key=statements.ids.__getitem__)
    resources = ",\n".join([statements.resource(subject) for subject in subjects])
    graph = f"[\n{resources}\n  ]" if resources else "[]"
    return f'{{\n  "@context": {{\n{context}\n  }},\n  "@graph": {graph}\n}}\n'


def turtle_text(landscape: Landscape, *, derived: bool, base: str) -> str:
    """Return the landscape's statements as Turtle, sorted by subject, predicate and object."""
    statements = _Turtle(base)
    statements.write(landscape, derived=derived)
    parts = [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES]
    by_subject = statements.by_subject
    for subject in sorted(by_subject):
        lines = " ;\n    ".join(sorted(set(by_subject[subject])))
        parts.append(f"\n{subject}\n    {lines} .\n")
    return "".join(parts)
