"""FHIR R4 organisations and affiliations: :func:`to_fhir` writes a ``Bundle``, :func:`from_fhir` reads one.

Standard library only: a bundle is plain JSON-able data (dicts, lists, text, booleans). Every
body of the landscape becomes an ``Organization``; every relation between two bodies an
``OrganizationAffiliation``. Documents, posts and electorates have no FHIR organisation, so
they and their relations are left out. The mapping, the code systems and the extensions
defined here are documented in ``docs/fhir.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import Any, Final

from integratedcare._errors import IntegratedCareError, LandscapeError
from integratedcare._landscape import Landscape, LandscapeBuilder
from integratedcare._model import (
    ENTITY_KINDS,
    RELATION_KINDS,
    Agreement,
    Body,
    Citation,
    Code,
    CodeScheme,
    DateLike,
    Entity,
    Period,
    Relation,
    Within,
    to_date,
)
from integratedcare.io._convert import entity_record, problems_of, relation_record, structure_entity, structure_relation
from integratedcare.io._errors import DroppedDataWarning, FileFormatError
from integratedcare.io._files import read_json
from integratedcare.io._flat import edges
from integratedcare.io._limits import DEFAULT_LIMITS, Limits

__all__ = [
    "FHIR_BASE",
    "GSS_SYSTEM",
    "ODS_ROLE_SYSTEM",
    "ODS_ROLES",
    "ODS_SYSTEM",
    "from_fhir",
    "to_fhir",
]

FHIR_BASE: Final = "https://integratedcare.readthedocs.io/fhir"
"""The base of the code systems, identifier systems and extensions this library defines."""
ODS_SYSTEM: Final = "https://fhir.nhs.uk/Id/ods-organization-code"
"""The identifier system of ODS organisation codes (NHS England's, as UK Core uses it)."""
GSS_SYSTEM: Final = "http://statistics.data.gov.uk/id/statistical-geography"
"""The identifier system of GSS codes: the base of ONS's linked-data URIs for statistical geographies."""
ODS_ROLE_SYSTEM: Final = "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSOrganisationRole"
"""The code system of ODS organisation roles in the ODS FHIR R4 API (codes as ORD writes them: ``RO197``)."""
ODS_STU3_ROLE_SYSTEM: Final = "https://directory.spineservices.nhs.uk/STU3/CodeSystem/ODSAPI-OrganizationRole-1"
"""The retired STU3 ODS API's role code system (codes are numbers: ``197``), read but not written."""
ODS_RELATIONSHIP_SYSTEM: Final = "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSRelationship"
"""The code system of ODS relationships (``RE4``...) in the ODS FHIR R4 API's affiliations, recognised but not read."""
ORGANISATION_ROLE_URL: Final = "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-OrganisationRole"
TYPED_PERIOD_URL: Final = "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-TypedPeriod"
PERIOD_TYPE_SYSTEM: Final = "https://fhir.nhs.uk/England/CodeSystem/England-PeriodType"
ODS_ROLE_URL: Final = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ODSAPI-OrganizationRole-1"
ODS_ACTIVE_PERIOD_URL: Final = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ODSAPI-ActivePeriod-1"

ODS_ROLES: Final[Mapping[str, tuple[str, str]]] = {
    "integrated-care-board": ("RO318", "INTEGRATED CARE BOARD"),
    "sub-icb-location": ("RO319", "SUB ICB LOCATION"),
    "clinical-commissioning-group": ("RO98", "CLINICAL COMMISSIONING GROUP"),
    "nhs-trust": ("RO197", "NHS TRUST"),
    "gp-practice": ("RO76", "GP PRACTICE"),
    "primary-care-network": ("RO272", "PRIMARY CARE NETWORK"),
    "region": ("RO209", "NHS ENGLAND (REGION)"),
    "local-authority": ("RO141", "LOCAL AUTHORITY"),
}
"""The ODS role of each kind of entity that has one: kind -> (role code, ODS display name)."""

ENTITY_KIND_SYSTEM: Final = f"{FHIR_BASE}/CodeSystem/entity-kind"
RELATION_KIND_SYSTEM: Final = f"{FHIR_BASE}/CodeSystem/relation-kind"
ENTITY_ID_SYSTEM: Final = f"{FHIR_BASE}/Id/entity"
EDGE_ID_SYSTEM: Final = f"{FHIR_BASE}/Id/edge"
PERIOD_URL: Final = f"{FHIR_BASE}/StructureDefinition/period"
BASIS_URL: Final = f"{FHIR_BASE}/StructureDefinition/statutory-basis"
RECORD_URL: Final = f"{FHIR_BASE}/StructureDefinition/record"

_FHIR_ID: Final = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_SCHEME_SYSTEMS: Final = {CodeScheme.ODS: ODS_SYSTEM, CodeScheme.GSS: GSS_SYSTEM}
# The roles that give a kind, most specific first (an ICB's primary role is the general RO261,
# a sub-ICB location's the CCG role RO98 it kept). A local authority needs its tier, which ODS lacks.
ROLE_ORDER: Final = ("RO318", "RO319", "RO76", "RO272", "RO197", "RO209", "RO98")
ROLE_KINDS: Final = {code: kind for kind, (code, _) in ODS_ROLES.items() if code in ROLE_ORDER}


# --- export ---------------------------------------------------------------------------------------


def _resource_id(text: str) -> str:
    """Return a FHIR id for a text: the text itself when FHIR allows it, else a stable hash of it."""
    if _FHIR_ID.fullmatch(text):
        return text
    return "h-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def _period(period: Period) -> dict[str, str]:
    """Write a period as a FHIR ``Period``, whose ``end`` is the last day it holds (the model's, less a day)."""
    found = {}
    if period.start is not None:
        found["start"] = period.start.isoformat()
    if period.end is not None:
        found["end"] = (period.end - dt.timedelta(days=1)).isoformat()
    return found


def _record(record: Mapping[str, Any]) -> dict[str, Any]:
    """Carry the library's own record, for a lossless round trip."""
    return {"url": RECORD_URL, "valueString": json.dumps(record, ensure_ascii=False, sort_keys=True)}


def _identifiers(entity: Entity) -> list[dict[str, Any]]:
    """Write the entity's ODS and GSS codes, then its id in the library, as identifiers."""
    found: list[dict[str, Any]] = []
    for code in entity.codes:
        identifier: dict[str, Any] = {"system": _SCHEME_SYSTEMS[code.scheme], "value": code.value}
        if code.period != Period():
            identifier["period"] = _period(code.period)
        found.append(identifier)
    found.append({"system": ENTITY_ID_SYSTEM, "value": entity.id})
    return found


def _type(entity: Entity) -> list[dict[str, Any]]:
    """Write the entity's kind as a coding, with its ODS role where it has one."""
    codings: list[dict[str, str]] = [{"system": ENTITY_KIND_SYSTEM, "code": entity.kind}]
    if entity.kind in ODS_ROLES:
        code, display = ODS_ROLES[entity.kind]
        codings.append({"system": ODS_ROLE_SYSTEM, "code": code, "display": display})
    return [{"coding": codings}]


def _typed_period(period: Period) -> dict[str, Any]:
    """Write a period as the England typed-period extension, of type Legal (the body's existence)."""
    kind = {"system": PERIOD_TYPE_SYSTEM, "code": "Legal", "display": "Legal"}
    return {
        "url": TYPED_PERIOD_URL,
        "extension": [{"url": "dateType", "valueCoding": kind}, {"url": "period", "valuePeriod": _period(period)}],
    }


def _role_extension(entity: Entity, active: bool) -> dict[str, Any]:  # noqa: FBT001 (a flag of the resource)
    """Write the entity's ODS role as the England organisation-role extension, with its period and activity."""
    code, display = ODS_ROLES[entity.kind]
    parts: list[dict[str, Any]] = [
        {
            "url": "roleCode",
            "valueCodeableConcept": {"coding": [{"system": ODS_ROLE_SYSTEM, "code": code, "display": display}]},
        }
    ]
    if entity.period != Period():
        parts.append(_typed_period(entity.period))
    parts.append({"url": "active", "valueBoolean": active})
    return {"url": ORGANISATION_ROLE_URL, "extension": parts}


def _part_of(landscape: Landscape, entity: Entity, ids: Mapping[str, str]) -> str | None:
    """Return the one organisation the entity lies strictly within, if there is exactly one."""
    targets = {r.target for r in landscape.relations(Within, source=entity.id) if r.target in ids}
    return ids[targets.pop()] if len(targets) == 1 else None


def _organization(entity: Entity, landscape: Landscape, ids: Mapping[str, str], day: dt.date | None) -> dict[str, Any]:
    """Write one body as an ``Organization``."""
    active = entity.period.end is None if day is None else entity.exists_on(day)
    extension = [_typed_period(entity.period)] if entity.period != Period() else []
    if entity.kind in ODS_ROLES:
        extension.append(_role_extension(entity, active))
    extension.append(_record(entity_record(entity)))
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": ids[entity.id],
        "extension": extension,
        "identifier": _identifiers(entity),
        "active": active,
        "type": _type(entity),
        "name": entity.name,
    }
    parent = _part_of(landscape, entity, ids)
    if parent is not None:
        resource["partOf"] = {"reference": f"Organization/{parent}"}
    return resource


def _contract(agreement: Entity) -> dict[str, Any]:
    """Write an agreement (which clauses of relations cite) as a ``Contract``."""
    resource: dict[str, Any] = {
        "resourceType": "Contract",
        "id": _resource_id(agreement.id),
        "extension": [_record(entity_record(agreement))],
        "identifier": [{"system": ENTITY_ID_SYSTEM, "value": agreement.id}],
    }
    if agreement.period != Period():
        resource["applies"] = _period(agreement.period)
    resource["name"] = agreement.name
    return resource


def _basis(basis: Citation) -> dict[str, Any]:
    """Write a statutory citation as a complex extension: act, section and how far it is verified."""
    parts = [
        {"url": "act", "valueString": basis.act},
        {"url": "section", "valueString": basis.section},
        {"url": "verification", "valueCode": basis.verification.value.replace(" ", "-")},
    ]
    return {"url": BASIS_URL, "extension": parts}


def _affiliation(key: str, relation: Relation, ids: Mapping[str, str], day: dt.date | None) -> dict[str, Any]:
    """Write one relation between two bodies as an ``OrganizationAffiliation``."""
    edge = f"{relation.source}/{relation.target}/{key}"
    extension = [_record(relation_record(relation))]
    if isinstance(relation.basis, Citation):
        extension.insert(0, _basis(relation.basis))
    resource: dict[str, Any] = {
        "resourceType": "OrganizationAffiliation",
        "id": "a-" + hashlib.sha256(edge.encode("utf-8")).hexdigest()[:40],
        "extension": extension,
        "identifier": [{"system": EDGE_ID_SYSTEM, "value": edge}],
        "active": relation.period.end is None if day is None else relation.holds_on(day),
    }
    if relation.period != Period():
        resource["period"] = _period(relation.period)
    resource["organization"] = {"reference": f"Organization/{ids[relation.target]}"}
    resource["participatingOrganization"] = {"reference": f"Organization/{ids[relation.source]}"}
    resource["code"] = [{"coding": [{"system": RELATION_KIND_SYSTEM, "code": relation.kind}]}]
    return resource


def to_fhir(landscape: Landscape, *, as_of: DateLike | None = None) -> dict[str, Any]:
    """Return the landscape's organisations and their relations as a FHIR R4 ``Bundle`` (type ``collection``).

    Each body becomes an ``Organization`` (its ODS and GSS codes as identifiers, its kind and
    ODS role as ``type``, ``partOf`` the one organisation it lies within, and its period and ODS
    role in NHS England's typed-period and organisation-role extensions, as the ODS FHIR R4 API
    writes them); each relation between two bodies
    an ``OrganizationAffiliation`` whose ``participatingOrganization`` is the relation's source,
    ``organization`` its target and ``code`` its kind, with its ``period`` and, for a relation
    in law, an extension citing the statute. Each agreement that clauses cite becomes a
    ``Contract``. Other documents, posts, electorates and derived duties are left out. With
    ``as_of``, only what exists on that day is written and ``active`` says whether it exists
    then; without, everything is written and ``active`` means "not ended".
    The bundle is plain data (``json.dumps`` writes it) and deterministic: organisations in
    order of id, affiliations in the order and with the keys of :func:`integratedcare.graph`.
    See ``docs/fhir.md`` for the mapping and the extensions.

    Examples:
        >>> import integratedcare as ic
        >>> sub_icb = ic.kinds.ENTITY_KINDS["sub-icb-location"]
        >>> land = (ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB",
        ...         codes=[ic.Code("ods", "QYG")], period=("2022-07-01", None)))
        ...         .add(sub_icb(id="01V", name="NHS C&M ICB - 01V"), within="QYG").build())
        >>> bundle = ic.io.to_fhir(land, as_of="2024-06-01")
        >>> [entry["resource"]["resourceType"] for entry in bundle["entry"]]
        ['Organization', 'Organization', 'OrganizationAffiliation']
        >>> bundle["entry"][0]["resource"]["partOf"]
        {'reference': 'Organization/QYG'}
        >>> bundle["entry"][1]["resource"]["identifier"][0]
        {'system': 'https://fhir.nhs.uk/Id/ods-organization-code', 'value': 'QYG'}
    """
    day = None if as_of is None else to_date(as_of, field="as_of")
    view = landscape if day is None else landscape.as_of(day)
    bodies = [entity for entity in view.entities if isinstance(entity, Body)]
    ids = {entity.id: _resource_id(entity.id) for entity in bodies}
    entries = [_organization(entity, view, ids, day) for entity in bodies]
    entries += [_contract(entity) for entity in view.entities if isinstance(entity, Agreement)]
    entries += [
        _affiliation(key, relation, ids, day)
        for key, relation in edges(view, derived=False)
        if relation.source in ids and relation.target in ids
    ]
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": entry} for entry in entries]}


# --- import ---------------------------------------------------------------------------------------


class _Problem(Exception):  # noqa: N818 (an internal signal, not an error users see)
    """A field of a resource that cannot be read, and why."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def _items(value: object) -> list[dict[str, Any]]:
    """Return the tables of a list (a part of a resource that is not a list of tables gives none)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _extension(resource: Mapping[str, Any], url: str) -> Mapping[str, Any] | None:
    """Return the resource's extension with ``url``, if it has one."""
    found = resource.get("extension", [])
    if not isinstance(found, list):
        raise _Problem("extension", f"must be a list, got {type(found).__name__}")
    for item in found:
        if isinstance(item, dict) and item.get("url") == url:
            return item
    return None


def _text(resource: Mapping[str, Any], field: str) -> str:
    """Return a required text field."""
    value = resource.get(field)
    if not isinstance(value, str) or not value:
        raise _Problem(field, f"must be a non-empty text, got {value!r}")
    return value


def _fhir_period(value: object, field: str) -> Period:
    """Read a FHIR ``Period`` (dates, or date-times whose date is kept); its ``end`` day is the last it holds."""
    if value is None:
        return Period()
    if not isinstance(value, dict):
        raise _Problem(field, f"must be a Period, got {value!r}")
    try:
        start, end = (value.get(key) for key in ("start", "end"))
        return Period(
            start=None if start is None else to_date(str(start)[:10], field=f"{field}.start"),
            end=None if end is None else to_date(str(end)[:10], field=f"{field}.end") + dt.timedelta(days=1),
        )
    except IntegratedCareError as exc:
        raise _Problem(field, str(exc)) from None


def _from_record(extension: Mapping[str, Any], *, entity: bool) -> Entity | Relation:
    """Build an entity or relation from the library's own record extension."""
    text = extension.get("valueString")
    try:
        record = json.loads(text) if isinstance(text, str) else None
        return structure_entity(record) if entity else structure_relation(record)
    except json.JSONDecodeError as exc:
        raise _Problem("extension(record)", f"must hold a JSON record: {exc}") from None
    except Exception as exc:  # noqa: BLE001 (cattrs raises a tree of any errors; problems_of names them)
        where, problem = next(problems_of(exc))
        raise _Problem(f"extension(record).{where}" if where else "extension(record)", problem) from None


def _codes(resource: Mapping[str, Any], dropped: list[str], label: str) -> tuple[list[Code], str | None]:
    """Read the ODS and GSS identifiers as codes, and the library's id when given."""
    codes: list[Code] = []
    own: str | None = None
    schemes = {system: scheme for scheme, system in _SCHEME_SYSTEMS.items()}
    identifiers = resource.get("identifier", [])
    if isinstance(identifiers, dict):  # the ODS API's STU3-era records give one identifier
        identifiers = [identifiers]
    if not isinstance(identifiers, list):
        raise _Problem("identifier", f"must be a list, got {type(identifiers).__name__}")
    for index, identifier in enumerate(identifiers):
        system = identifier.get("system") if isinstance(identifier, dict) else None
        value = identifier.get("value") if isinstance(identifier, dict) else None
        if system == ENTITY_ID_SYSTEM and isinstance(value, str):
            own = value
        elif isinstance(system, str) and system in schemes and isinstance(value, str):
            try:
                period = _fhir_period(identifier.get("period"), f"identifier[{index}].period")
                codes.append(Code(schemes[system], value, period=period))
            except IntegratedCareError as exc:
                raise _Problem(f"identifier[{index}]", str(exc)) from None
        else:
            dropped.append(f"{label}: identifier[{index}] (system {system!r})")
    return codes, own


def _role(coding: object) -> str | None:
    """Return the ORD role id (``RO197``) an ODS role coding gives (R4's ``RO197`` or STU3's ``197``), if it is one."""
    if not isinstance(coding, dict) or coding.get("system") not in (ODS_ROLE_SYSTEM, ODS_STU3_ROLE_SYSTEM):
        return None
    return "RO" + str(coding.get("code")).removeprefix("RO")


def _typed_periods(extensions: object, field: str) -> dict[str, Period]:
    """Read the England typed-period extensions among ``extensions``: date type (Legal, Operational) -> period."""
    found: dict[str, Period] = {}
    for item in extensions if isinstance(extensions, list) else []:
        if isinstance(item, dict) and item.get("url") == TYPED_PERIOD_URL:
            parts = {str(p.get("url")): p for p in _items(item.get("extension"))}
            kind = parts.get("dateType", {}).get("valueCoding")
            date_type = kind.get("code") if isinstance(kind, dict) else None
            found[str(date_type)] = _fhir_period(parts.get("period", {}).get("valuePeriod"), f"{field}(typed-period)")
    return found


def _chosen(periods: Mapping[str, Period]) -> Period | None:
    """Return the Legal period, else the Operational one, as ORD's import chooses."""
    return periods.get("Legal", periods.get("Operational"))


def _kind(resource: Mapping[str, Any]) -> tuple[str | None, Period | None]:
    """Find the kind (the library's coding in ``type``, else the most specific ODS role) and that role's period.

    ODS roles are read from ``type``, from the ODS FHIR R4 API's England organisation-role
    extension (whose typed period is the role's) and from the STU3 API's organisation-role extension.
    """
    roles: dict[str | None, Period | None] = {}
    for concept in _items(resource.get("type")):
        for coding in _items(concept.get("coding")):
            if coding.get("system") == ENTITY_KIND_SYSTEM and str(coding.get("code")) in ENTITY_KINDS:
                return str(coding["code"]), None
            roles.setdefault(_role(coding), None)
    for extension in _items(resource.get("extension")):
        url, parts = extension.get("url"), _items(extension.get("extension"))
        if url == ODS_ROLE_URL:
            roles.update((_role(part.get("valueCoding")), None) for part in parts)
        elif url == ORGANISATION_ROLE_URL:
            concepts = [p.get("valueCodeableConcept") for p in parts if p.get("url") == "roleCode"]
            codings = _items(concepts[0].get("coding")) if concepts and isinstance(concepts[0], dict) else []
            period = _chosen(_typed_periods(parts, "extension(organisation-role)"))
            roles.update((_role(coding), period) for coding in codings)
    role = next((role for role in ROLE_ORDER if role in roles), None)
    return (None, None) if role is None else (ROLE_KINDS[role], roles[role])


def _reference(resource: Mapping[str, Any], field: str) -> str:
    """Return the id an ``Organization/<id>`` reference points at."""
    value = resource.get(field)
    reference = value.get("reference") if isinstance(value, dict) else None
    if not isinstance(reference, str) or not reference.startswith("Organization/"):
        raise _Problem(field, f"must reference an Organization, got {value!r}")
    return reference.removeprefix("Organization/")


class _Reader:
    """Read one bundle, collecting problems and what was dropped."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[IntegratedCareError] = []
        self.dropped: list[str] = []
        self.ids: dict[str, str] = {}  # resource id -> entity id
        self.entities: list[Entity] = []
        self.relations: list[Relation] = []
        self.part_of: list[tuple[str, str, str]] = []  # label, entity id, parent resource id
        self.pending: list[tuple[str, str, str, str, Period, Citation | None]] = []  # affiliations to resolve

    def organization(self, resource: Mapping[str, Any], label: str) -> None:
        """Read an ``Organization``."""
        resource_id = _text(resource, "id")
        record = _extension(resource, RECORD_URL)
        entity = self._standard_entity(resource, label) if record is None else _from_record(record, entity=True)
        if not isinstance(entity, Entity):  # dropped (reported), since an entity record gives an entity
            return
        self.ids[resource_id] = entity.id
        self.entities.append(entity)
        if record is None and "partOf" in resource:
            self.part_of.append((label, entity.id, _reference(resource, "partOf")))

    def _standard_entity(self, resource: Mapping[str, Any], label: str) -> Entity | None:
        """Read an organisation from its standard fields (as the ODS FHIR API writes them)."""
        name = _text(resource, "name")
        codes, own = _codes(resource, self.dropped, label)
        kind, role_period = _kind(resource)
        if kind is None:
            self.dropped.append(f"{label}: the whole resource (its type names no kind the library knows)")
            return None
        ods = next((code.value for code in codes if code.scheme is CodeScheme.ODS), None)
        entity_id = own or ods or _text(resource, "id")
        period_extension = _extension(resource, PERIOD_URL) or _extension(resource, ODS_ACTIVE_PERIOD_URL)
        period = (
            role_period
            or _chosen(_typed_periods(resource.get("extension"), "extension"))
            or _fhir_period(None if period_extension is None else period_extension.get("valuePeriod"), "period")
        )
        for field in sorted(set(resource) - {"resourceType", "id", "identifier", "name", "type", "partOf", "active"}):
            if field != "extension":
                self.dropped.append(f"{label}: {field}")
        try:
            return ENTITY_KINDS[kind](id=entity_id, name=name, codes=codes, period=period)
        except (IntegratedCareError, TypeError) as exc:
            raise _Problem("type", f"the kind {kind} needs more than FHIR holds: {exc}") from None

    def affiliation(self, resource: Mapping[str, Any], label: str) -> None:
        """Read an ``OrganizationAffiliation``."""
        record = _extension(resource, RECORD_URL)
        if record is not None:
            relation = _from_record(record, entity=False)
            assert isinstance(relation, Relation)  # noqa: S101 (a relation record)
            self.relations.append(relation)
            return
        source = _reference(resource, "participatingOrganization")
        target = _reference(resource, "organization")
        kind, ods = "", ""
        for concept in _items(resource.get("code")):
            for coding in _items(concept.get("coding")):
                if coding.get("system") == RELATION_KIND_SYSTEM:
                    kind = str(coding.get("code"))
                elif coding.get("system") == ODS_RELATIONSHIP_SYSTEM:
                    ods = str(coding.get("code"))
        if kind not in RELATION_KINDS and ods:
            self.dropped.append(
                f"{label}: the whole resource (the ODS relationship {ods}: which end is its source is not documented "
                "for FHIR; read the ODS ORD records with from_ods)"
            )
            return
        if kind not in RELATION_KINDS:
            self.dropped.append(f"{label}: the whole resource (its code names no kind of relation the library knows)")
            return
        period = _fhir_period(resource.get("period"), "period")
        basis_extension = _extension(resource, BASIS_URL)
        basis = None if basis_extension is None else _citation(basis_extension)
        self.pending.append((label, kind, source, target, period, basis))

    def finish(self, name: str) -> Landscape:
        """Resolve references between resources and build the landscape."""
        builder = LandscapeBuilder(name).add(*self.entities)
        contained = {(r.source, r.target) for r in self.relations if isinstance(r, Within)}
        for label, kind, source, target, period, basis in self.pending:
            if source not in self.ids or target not in self.ids:
                self.dropped.append(f"{label}: the whole resource (an organisation it references is not in the bundle)")
                continue
            try:
                cls = RELATION_KINDS[kind]
                relation = cls(source=self.ids[source], target=self.ids[target], period=period, basis=basis)
            except (IntegratedCareError, TypeError) as exc:
                self.dropped.append(f"{label}: the whole resource ({kind} needs more than FHIR holds: {exc})")
                continue
            builder.add(relation)
            if isinstance(relation, Within):
                contained.add((relation.source, relation.target))
        for label, entity_id, parent in self.part_of:
            if parent not in self.ids:
                self.dropped.append(f"{label}: partOf (Organization/{parent} is not in the bundle)")
            elif (entity_id, self.ids[parent]) not in contained:  # an affiliation may say it already
                builder.add(Within(source=entity_id, target=self.ids[parent]))
        builder.add(*self.relations)
        return builder.build()


def _citation(extension: Mapping[str, Any]) -> Citation:
    """Read the statutory-basis extension."""
    parts = {
        str(item.get("url")): item.get("valueString", item.get("valueCode"))
        for item in _items(extension.get("extension"))
    }
    try:
        return Citation(
            act=parts.get("act"),  # type: ignore[arg-type]
            section=parts.get("section"),  # type: ignore[arg-type]
            verification=str(parts.get("verification", "verified")).replace("-", " "),
        )
    except (IntegratedCareError, TypeError, ValueError) as exc:
        raise _Problem("extension(statutory-basis)", str(exc)) from None


def _entries(bundle: object, source: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Yield each entry's position and resource, checking the bundle's shape."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") not in ("Bundle", "Organization"):
        found = bundle.get("resourceType") if isinstance(bundle, dict) else type(bundle).__name__
        raise FileFormatError(path=source, location="resourceType", problem=f"must be Bundle, got {found!r}")
    if bundle["resourceType"] == "Organization":  # one resource, as the ODS API returns for one code
        yield 0, bundle
        return
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        raise FileFormatError(path=source, location="entry", problem=f"must be a list, got {type(entries).__name__}")
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            raise FileFormatError(path=source, location=f"entry[{index}]", problem="must hold a resource")
        yield index, resource


def from_fhir(
    bundle: Mapping[str, Any] | str | os.PathLike[str],
    *,
    name: str = "",
    source: str = "<bundle>",
    limits: Limits = DEFAULT_LIMITS,
) -> Landscape:
    """Read a FHIR R4 ``Bundle`` of ``Organization`` and ``OrganizationAffiliation`` resources into a landscape.

    Reads what :func:`to_fhir` writes without loss (each resource carries the library's own
    record), and the standard fields of other bundles, such as the ODS FHIR API's
    organisations (a single ``Organization`` is read too): ODS and GSS identifiers become
    codes, the library's kind coding or an ODS role (in ``type``, or in the ODS API's
    organisation-role extension, R4 or STU3) the kind, the role's or else the organisation's
    typed period (``Legal``, else ``Operational``) the period, ``partOf`` a ``within`` relation,
    an affiliation with the library's relation-kind code a relation. What it cannot hold (other
    resource types, identifiers of other systems, addresses, contacts, organisations of no known
    kind, affiliations of no known kind or coded only with an ODS relationship, references out
    of the bundle) it drops, and says so in one :class:`~integratedcare.errors.DroppedDataWarning`
    whose ``dropped`` lists each item. ``source`` names the bundle in errors and warnings.

    ``bundle`` may be a path to a JSON file instead: it is read as :func:`~integratedcare.io.load`
    reads one, held to ``limits`` (its size, nesting and numbers; a key given twice or a lone
    surrogate is refused), and its path is the ``source`` that errors and warnings name.

    Raises:
        LandscapeError: resources that cannot be read, each a
            :class:`~integratedcare.errors.FileFormatError` naming the entry, the resource and the field;
            or the landscape they describe is not valid; or the file is not JSON (naming the file).
        FileTooLargeError: the file is larger than ``Limits.file_size``.
        OSError: the file cannot be read.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder("Example").add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> ic.io.from_fhir(ic.io.to_fhir(land), name="Example") == land
        True
        >>> ods = {"resourceType": "Organization", "id": "RBS", "name": "ALDER HEY CHILDREN'S NHS FOUNDATION TRUST",
        ...        "identifier": [{"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RBS"}],
        ...        "type": [{"coding": [{"system": ic.io.ODS_ROLE_SYSTEM, "code": "197"}]}]}
        >>> ic.io.from_fhir(ods)["RBS"].kind
        'nhs-trust'
    """
    if isinstance(bundle, (str, os.PathLike)):
        source = os.fspath(bundle)
        bundle = read_json(bundle, limits)
    reader = _Reader(source)
    for index, resource in _entries(bundle, source):
        kind = resource.get("resourceType")
        label = f"{kind}/{resource.get('id')}"
        try:
            if kind == "Organization" or (kind == "Contract" and _extension(resource, RECORD_URL) is not None):
                reader.organization(resource, label)
            elif kind == "OrganizationAffiliation":
                reader.affiliation(resource, label)
            else:
                reader.dropped.append(f"{label}: the whole resource (not an organisation or an affiliation)")
        except _Problem as problem:
            location = f"entry[{index}] ({label}).{problem.field}"
            reader.problems.append(FileFormatError(path=source, location=location, problem=problem.problem))
    if reader.problems:
        count = len(reader.problems)
        raise LandscapeError(f"{count} problem{'s' if count > 1 else ''} in FHIR bundle {source!r}", reader.problems)
    landscape = reader.finish(name)
    if reader.dropped:
        warnings.warn(DroppedDataWarning(source=source, dropped=tuple(reader.dropped)), stacklevel=2)
    return landscape
