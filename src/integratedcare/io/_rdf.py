"""RDF exports (Turtle and JSON-LD), using the W3C Organization Ontology where it fits.

Bodies are ``org:Organization``s and posts ``org:Post``s; a membership is an ``org:Membership``,
containment ``org:subOrganizationOf``, accountability ``org:reportsTo`` and a succession an
``org:ChangeEvent``. What ORG does not model (duties, delegation, bases in law, periods) uses a
small vocabulary of our own, ``icv:`` (:data:`VOCAB`), listed in the exports how-to. Every
relation is also a node of its own (``icv:Relation``) carrying every field, so nothing is lost.
rdflib is an optional extra (``pip install "integratedcare[rdf]"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import (
    AccountableTo,
    Body,
    Citation,
    Clause,
    DateLike,
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
from integratedcare.io._errors import MissingExtraError
from integratedcare.io._flat import Scalar, dated, edge_id, edges, flat_entity, flat_relation
from integratedcare.io._turtle import camel, jsonld_text, turtle_text

if TYPE_CHECKING:
    from rdflib import Graph, Literal, URIRef

__all__ = ["BASE", "VOCAB", "camel", "rdf_graph", "to_jsonld", "to_turtle"]

VOCAB: Final = "https://w3id.org/integratedcare/vocab#"
"""The namespace of the integratedcare vocabulary (prefix ``icv``)."""

BASE: Final = "https://w3id.org/integratedcare/id/"
"""The default namespace of the landscape's own resources: entity ``QYG`` is ``<BASE>QYG``."""

ORG: Final = "http://www.w3.org/ns/org#"
_ENTITY_KEYS: Final = frozenset({"kind", "name", "start", "end", "codes", "sources", "notes"})
_RELATION_KEYS: Final = frozenset(
    {"kind", "start", "end", "basis", "verification", "derived", "via", "sources", "notes"}
)
_ORG_LINKS: Final[dict[type[Relation], str]] = {
    Within: "subOrganizationOf",
    MemberOf: "memberOf",
    AccountableTo: "reportsTo",
    Holds: "holds",
}


def _class_name(relation: Relation) -> str:
    """Name a relation's class in the vocabulary (a derived duty is an ``icv:Duty``)."""
    return "Duty" if isinstance(relation, DerivedDuty) else type(relation).__name__


def _missing(feature: str) -> MissingExtraError:
    """Name the extra that installs rdflib."""
    return MissingExtraError(feature=feature, module="rdflib", extra="rdf")


def rdf_graph(landscape: Landscape, *, derived: bool = True, base: str = BASE, feature: str = "rdf_graph") -> Graph:
    """Return the landscape as an ``rdflib.Graph`` (see :func:`to_turtle` for the terms used).

    Raises:
        MissingExtraError: rdflib is not installed.
    """
    try:
        import rdflib  # noqa: PLC0415 (an optional extra)
    except ImportError as exc:
        raise _missing(feature) from exc
    return _Writer(rdflib.Graph(bind_namespaces="core"), base).write(landscape, derived=derived)


class _Writer:
    """Adds a landscape's statements to an rdflib graph."""

    def __init__(self, graph: Graph, base: str) -> None:
        from rdflib import SKOS, Namespace  # noqa: PLC0415 (an optional extra, imported by rdf_graph)
        from rdflib.namespace import DCTERMS  # noqa: PLC0415 (as above)

        self.graph, self.base = graph, base
        self.icv, self.org = Namespace(VOCAB), Namespace(ORG)
        for prefix, namespace in (("icv", self.icv), ("org", self.org), ("skos", SKOS), ("dcterms", DCTERMS)):
            graph.bind(prefix, namespace)
        self.keys: dict[Relation, str] = {}

    def node(self, ident: str) -> URIRef:
        """Return the resource of an entity id."""
        from rdflib import URIRef  # noqa: PLC0415 (an optional extra, imported by rdf_graph)

        return URIRef(self.base + ident)

    def relation_node(self, key: str, relation: Relation) -> URIRef:
        """Return the resource of a relation's edge: ``relation/<source>/<target>/<key>``."""
        return self.node(f"relation/{edge_id(relation.source, relation.target, key)}")

    def write(self, landscape: Landscape, *, derived: bool) -> Graph:
        """Add every entity and relation (and derived duty) of the landscape; return the graph."""
        for entity in landscape.entities:
            self.entity(entity)
        listed = edges(landscape, derived=derived)
        self.keys = {relation: key for key, relation in listed}
        for key, relation in listed:
            self.relation(self.relation_node(key, relation), relation)
        return self.graph

    def entity(self, entity: Entity) -> None:
        """Describe an entity: its types, name, codes and fields."""
        from rdflib import RDF, SKOS, Literal  # noqa: PLC0415 (an optional extra, imported by rdf_graph)

        subject, org, icv = self.node(entity.id), self.org, self.icv
        kinds = [org.Organization] if isinstance(entity, Body) else [org.Post] if isinstance(entity, Post) else []
        kinds += [icv.Document] if isinstance(entity, Document) else []
        for kind in (*kinds, icv[type(entity).__name__]):
            self.graph.add((subject, RDF.type, kind))
        self.graph.add((subject, SKOS.prefLabel, Literal(entity.name)))
        for code in entity.codes:
            self.graph.add((subject, org.identifier, Literal(str(code))))
        self.fields(subject, entity, flat_entity(entity, dates=True), _ENTITY_KEYS)

    def relation(self, subject: URIRef, relation: Relation) -> None:
        """Describe a relation as a node of its own, and add the direct triple from source to target."""
        from rdflib import RDF, Literal  # noqa: PLC0415 (an optional extra, imported by rdf_graph)

        add, icv = self.graph.add, self.icv
        source, target = self.node(relation.source), self.node(relation.target)
        add((subject, RDF.type, icv.Relation))
        add((subject, RDF.type, icv[_class_name(relation)]))
        add((subject, icv.source, source))
        add((subject, icv.target, target))
        flat = flat_relation(relation, dates=True)
        self.fields(subject, relation, flat, _RELATION_KEYS)
        add((subject, icv.derived, self.literal(flat["derived"])))
        if isinstance(relation.basis, (Citation, Clause)):
            add((subject, icv.basis, Literal(str(relation.basis))))
            add((subject, icv.verification, Literal(relation.basis.verification.value)))
        if isinstance(relation.basis, Clause):
            add((subject, icv.agreement, self.node(relation.basis.agreement)))
        for step in relation.via if isinstance(relation, DerivedDuty) else ():
            add((subject, icv.via, self.relation_node(self.keys[step], step)))
        self.organisation_terms(subject, relation)

    def organisation_terms(self, subject: URIRef, relation: Relation) -> None:
        """Add the direct triple (in ORG's terms where it has them), memberships and change events."""
        from rdflib import RDF  # noqa: PLC0415 (an optional extra, imported by rdf_graph)

        add, org, icv = self.graph.add, self.org, self.icv
        source, target = self.node(relation.source), self.node(relation.target)
        if type(relation) in _ORG_LINKS:
            add((source, org[_ORG_LINKS[type(relation)]], target))
        elif isinstance(relation, Delegation):
            add((source, icv.delegatesTo, target))
        elif isinstance(relation, Duty):
            add((source, icv[camel(relation.duty.value)], target))
        else:
            add((source, icv[camel(relation.kind)], target))
        if isinstance(relation, MemberOf):
            add((subject, RDF.type, org.Membership))
            add((subject, org.member, source))
            add((subject, org.organization, target))
        if isinstance(relation, SucceededBy):
            add((subject, RDF.type, org.ChangeEvent))
            add((subject, org.originalOrganization, source))
            add((subject, org.resultingOrganization, target))
            add((source, org.changedBy, subject))
            add((target, org.resultedFrom, subject))

    def fields(
        self, subject: URIRef, thing: Entity | Relation, flat: dict[str, Scalar], common: frozenset[str]
    ) -> None:
        """Add a thing's kind, dates, notes, sources and own fields (one triple per member of a list)."""
        from rdflib import SKOS, Literal  # noqa: PLC0415 (an optional extra, imported by rdf_graph)
        from rdflib.namespace import DCTERMS  # noqa: PLC0415 (as above)

        add, icv = self.graph.add, self.icv
        add((subject, icv.kind, Literal(thing.kind)))
        for key in ("start", "end"):
            if key in flat:
                add((subject, icv[f"{key}Date"], self.literal(flat[key])))
        for note in thing.notes:
            add((subject, SKOS.note, Literal(note)))
        for source in thing.sources:
            add((subject, DCTERMS.source, Literal(source.title)))
        for field in attrs.fields(type(thing)):
            if field.name in common or field.name not in flat:
                continue
            value = getattr(thing, field.name)
            if isinstance(value, (tuple, frozenset)):
                for item in sorted(str(getattr(v, "value", v)) for v in value):
                    add((subject, icv[camel(field.name)], Literal(item)))
            else:
                add((subject, icv[camel(field.name)], self.literal(flat[field.name])))

    @staticmethod
    def literal(value: Scalar) -> Literal:
        """Return a typed literal: text, boolean, double or date."""
        from rdflib import XSD, Literal  # noqa: PLC0415 (an optional extra, imported by rdf_graph)

        if isinstance(value, str):
            return Literal(value)
        if isinstance(value, bool):
            return Literal(value, datatype=XSD.boolean)
        if isinstance(value, float):
            return Literal(repr(value), datatype=XSD.double)
        return Literal(value.isoformat(), datatype=XSD.date)


def to_turtle(landscape: Landscape, *, derived: bool = True, base: str = BASE, as_of: DateLike | None = None) -> str:
    """Return the landscape as RDF in Turtle, using the W3C Organization Ontology and the ``icv:`` vocabulary.

    Entities are ``<base><id>`` (``org:Organization`` for bodies, ``org:Post`` for posts, and
    ``icv:<Class>`` for their kind, with ``skos:prefLabel`` names). Each relation is a node
    ``<base>relation/<source>/<target>/<key>``, its key that of its edge in
    :func:`integratedcare.graph` (``icv:Relation`` and ``icv:<Class>``), with ``icv:source``,
    ``icv:target``, dates, basis and fields, plus one direct triple from source to target:
    ``org:subOrganizationOf`` (within), ``org:memberOf``, ``org:reportsTo`` (accountable to),
    ``icv:mustHaveRegardTo`` and the like for duties, ``icv:<kind>`` otherwise. Memberships are
    also ``org:Membership`` and successions ``org:ChangeEvent``. Derived duties (unless
    ``derived=False``) have ``icv:derived true``.

    The text is written directly (rdflib is not needed), sorted by subject, predicate and object,
    with the prefixes ``dcterms``, ``icv``, ``org``, ``rdf``, ``skos`` and ``xsd``.

    With ``as_of``, the landscape as it was on that date (:meth:`~integratedcare.Landscape.as_of`).

    Examples:
        >>> import integratedcare as ic, rdflib
        >>> land = (ic.LandscapeBuilder().add(ic.ICS(id="cm-ics", name="C&M ICS"))
        ...         .add(ic.Place(id="wirral", name="Wirral"), within="cm-ics").build())
        >>> graph = rdflib.Graph().parse(data=ic.io.to_turtle(land), format="turtle")
        >>> query = "SELECT ?name WHERE { ?p org:subOrganizationOf ?ics ; skos:prefLabel ?name }"
        >>> [str(row.name) for row in graph.query(query)]
        ['Wirral']
    """
    landscape = dated(landscape, as_of)
    return turtle_text(landscape, derived=derived, base=base)


def to_jsonld(landscape: Landscape, *, derived: bool = True, base: str = BASE, as_of: DateLike | None = None) -> str:
    """Return the landscape as RDF in JSON-LD (the same statements as :func:`to_turtle`).

    The text is written directly (rdflib is not needed), compacted with the context's prefixes
    (``dcterms``, ``icv``, ``org``, ``owl``, ``rdf``, ``rdfs``, ``skos``, ``xml``, ``xsd``):
    resources are sorted by ``@id``, keys by name and the values of a key by their JSON text,
    so the output is deterministic.

    With ``as_of``, the landscape as it was on that date (:meth:`~integratedcare.Landscape.as_of`).

    Examples:
        >>> import integratedcare as ic, json
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> [r["@id"] for r in json.loads(ic.io.to_jsonld(land))["@graph"]]
        ['https://w3id.org/integratedcare/id/QYG']
    """
    landscape = dated(landscape, as_of)
    return jsonld_text(landscape, derived=derived, base=base)
