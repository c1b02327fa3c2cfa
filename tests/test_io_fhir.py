"""FHIR R4 export and import: organisations, affiliations, contracts; validation; round trips; errors."""

from __future__ import annotations

import copy
import datetime as dt
import json
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import integratedcare as ic
from strategies import landscapes, slow_england

DATASETS = ("brackenshire", "cheshire-and-merseyside", "england")
DAY = "2024-06-01"
ODS = "https://fhir.nhs.uk/Id/ods-organization-code"
TYPED_PERIOD = "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-TypedPeriod"
ROLE_EXTENSION = "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-OrganisationRole"
ODS_RELATIONSHIPS = "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSRelationship"
STU3_ROLES = "https://directory.spineservices.nhs.uk/STU3/CodeSystem/ODSAPI-OrganizationRole-1"
RECORD_URL = "https://integratedcare.readthedocs.io/fhir/StructureDefinition/record"


def _small() -> ic.Landscape:
    """Return a small landscape with codes, containment, a delegation in law and a clause of an agreement."""
    sub_icb = ic.kinds.ENTITY_KINDS["sub-icb-location"]
    return (
        ic.LandscapeBuilder("Small")
        .add(
            ic.ICB(
                id="QYG",
                name="NHS Cheshire and Merseyside ICB",
                period=("2022-07-01", None),
                codes=[ic.Code("ods", "QYG"), ic.Code("gss", "E54000008", period=("2022-07-01", None))],
            ),
            sub_icb(id="01V", name="NHS C&M ICB - 01V", period=("2022-07-01", None), codes=[ic.Code("ods", "01V")]),
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.Committee(id="place_committee", name="A place committee"),
            ic.Agreement(id="mou", name="A memorandum"),
            ic.Within(source="01V", target="QYG"),
            ic.Delegation(
                source="nhs-england",
                target="QYG",
                functions=["primary-medical-services"],
                basis=ic.Citation(act="NHS Act 2006", section="s65Z5"),
                period=("2022-07-01", None),
            ),
            ic.MemberOf(source="QYG", target="place_committee", basis=ic.Clause(agreement="mou")),
        )
        .build()
    )


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """Return the bundle's resources of one type."""
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


def _strip_records(bundle: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of the bundle without the library's own record extensions (a foreign bundle)."""
    bare = copy.deepcopy(bundle)
    for entry in bare["entry"]:
        resource = entry["resource"]
        resource["extension"] = [e for e in resource.get("extension", []) if not e["url"].endswith("/record")]
    return bare


def test_bundle_shape() -> None:
    """The bundle is a collection of organisations, then contracts, then affiliations, as plain JSON."""
    bundle = ic.io.to_fhir(_small())
    assert bundle["type"] == "collection"
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds == ["Organization"] * 4 + ["Contract"] + ["OrganizationAffiliation"] * 3
    assert json.loads(json.dumps(bundle)) == bundle


def test_organization_fields() -> None:
    """An organisation carries its ODS and GSS identifiers, kind, ODS role, period, activity and partOf."""
    bundle = ic.io.to_fhir(_small())
    orgs = {org["id"]: org for org in _resources(bundle, "Organization")}
    icb = orgs["QYG"]
    assert icb["identifier"][0] == {"system": ODS, "value": "QYG"}
    assert icb["identifier"][1]["system"] == ic.io.GSS_SYSTEM
    assert icb["identifier"][1]["period"] == {"start": "2022-07-01"}
    role = {"system": ic.io.ODS_ROLE_SYSTEM, "code": "RO318", "display": "INTEGRATED CARE BOARD"}
    assert icb["type"][0]["coding"][1] == role
    legal = {"system": "https://fhir.nhs.uk/England/CodeSystem/England-PeriodType", "code": "Legal", "display": "Legal"}
    typed = {
        "url": TYPED_PERIOD,
        "extension": [
            {"url": "dateType", "valueCoding": legal},
            {"url": "period", "valuePeriod": {"start": "2022-07-01"}},
        ],
    }
    assert icb["extension"][:2] == [
        typed,
        {
            "url": ROLE_EXTENSION,
            "extension": [
                {"url": "roleCode", "valueCodeableConcept": {"coding": [role]}},
                typed,
                {"url": "active", "valueBoolean": True},
            ],
        },
    ]
    committee = next(org for org in orgs.values() if org["name"] == "A place committee")
    assert [e["url"] for e in committee["extension"]] == [RECORD_URL]  # no period, no ODS role
    assert icb["active"] is True
    assert orgs["01V"]["partOf"] == {"reference": "Organization/QYG"}
    assert "partOf" not in icb
    assert "place_committee" not in orgs  # FHIR ids hold no underscore: a stable hash stands in
    assert any(org["name"] == "A place committee" and org["id"].startswith("h-") for org in orgs.values())


def test_affiliation_fields() -> None:
    """An affiliation has the source as participant, the target as organisation, its kind, period and citation."""
    bundle = ic.io.to_fhir(_small())
    delegation = next(
        a for a in _resources(bundle, "OrganizationAffiliation") if a["code"][0]["coding"][0]["code"] == "delegation"
    )
    assert delegation["participatingOrganization"] == {"reference": "Organization/nhs-england"}
    assert delegation["organization"] == {"reference": "Organization/QYG"}
    assert delegation["period"] == {"start": "2022-07-01"}
    assert delegation["identifier"][0]["value"] == "nhs-england/QYG/delegation"
    basis = delegation["extension"][0]
    assert basis["url"].endswith("/statutory-basis")
    assert {part["url"]: part.get("valueString", part.get("valueCode")) for part in basis["extension"]} == {
        "act": "NHS Act 2006",
        "section": "s65Z5",
        "verification": "verified",
    }


def test_as_of_keeps_that_day_and_active_says_so() -> None:
    """With as_of only what exists that day is written; without, an ended organisation is inactive."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QNQ", name="NHS Frimley ICB", period=("2022-07-01", "2026-04-01")))
    built = land.build()
    assert ic.io.to_fhir(built, as_of="2026-04-01")["entry"] == []
    assert ic.io.to_fhir(built, as_of="2025-01-01")["entry"][0]["resource"]["active"] is True
    assert ic.io.to_fhir(built)["entry"][0]["resource"]["active"] is False


def test_fhir_periods_end_on_their_last_day() -> None:
    """A FHIR period's end is the last day it holds (the model's end less a day), and is read back so."""
    built = ic.LandscapeBuilder().add(ic.ICB(id="QNQ", name="NHS Frimley ICB", period=("2022-07-01", "2026-04-01")))
    bundle = ic.io.to_fhir(built.build())
    typed = bundle["entry"][0]["resource"]["extension"][0]
    assert typed["extension"][1]["valuePeriod"] == {"start": "2022-07-01", "end": "2026-03-31"}
    assert ic.io.from_fhir(_strip_records(bundle))["QNQ"].period == ic.Period(
        start=dt.date(2022, 7, 1), end=dt.date(2026, 4, 1)
    )


@pytest.mark.parametrize("name", slow_england(DATASETS))
def test_export_is_deterministic(name: str) -> None:
    """The same landscape gives the same bytes twice."""
    land = ic.datasets.load(name)
    assert json.dumps(ic.io.to_fhir(land, as_of=DAY)) == json.dumps(ic.io.to_fhir(land, as_of=DAY))


@pytest.mark.slow
@pytest.mark.parametrize("name", DATASETS)
def test_every_resource_validates_with_fhir_resources(name: str) -> None:
    """Every resource of the bundle, and the bundle, validate as FHIR R4B with fhir.resources."""
    r4b = pytest.importorskip("fhir.resources.R4B", reason="fhir.resources (the fhir extra) is not installed")
    bundle = ic.io.to_fhir(ic.datasets.load(name), as_of=DAY)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        model = r4b.get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert model.id == resource["id"]
    assert len(r4b.get_fhir_model_class("Bundle").model_validate(bundle).entry) == len(bundle["entry"])


@pytest.mark.parametrize("name", slow_england(DATASETS))
def test_round_trip_equals_the_mapped_kinds(name: str) -> None:
    """from_fhir(to_fhir(x)) equals x on that day for bodies, agreements and relations between two bodies."""
    land = ic.datasets.load(name)
    back = ic.io.from_fhir(ic.io.to_fhir(land, as_of=DAY), name=land.name)
    difference = ic.diff(land.as_of(DAY), back)
    assert not difference.added
    assert not difference.changed
    assert not difference.added_relations
    assert all(not isinstance(e, ic.Body) and not isinstance(e, ic.Agreement) for e in difference.removed)
    mapped = {e.id for e in back if isinstance(e, ic.Body)}
    assert all(r.source not in mapped or r.target not in mapped for r in difference.removed_relations)


def test_round_trip_of_a_small_landscape_is_exact() -> None:
    """A landscape of bodies and agreements only comes back equal, without a warning."""
    land = _small()
    assert ic.io.from_fhir(ic.io.to_fhir(land), name="Small") == land


def test_standard_fields_alone_give_ids_kinds_codes_and_periods() -> None:
    """Without the library's records, the standard fields and extensions still give the bodies and relations."""
    land = _small()
    bare = _strip_records(ic.io.to_fhir(land))
    with pytest.warns(ic.errors.DroppedDataWarning) as caught:
        back = ic.io.from_fhir(bare)
    dropped = caught[0].message.dropped  # type: ignore[union-attr]
    assert any(item.startswith("Contract/mou") for item in dropped)
    assert {e.id for e in back} == {"QYG", "01V", "nhs-england", "place_committee"}
    assert back["QYG"].codes == land["QYG"].codes
    assert back["QYG"].period == land["QYG"].period
    assert back.relations(ic.Within) == land.relations(ic.Within)
    assert [m.basis for m in back.relations(ic.MemberOf)] == [None]  # a clause has no standard slot
    assert any("delegation needs more than FHIR holds" in item for item in dropped)  # its functions have none


def test_standard_path_reads_a_citation() -> None:
    """A relation read from standard fields keeps its statutory citation."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.ICB(id="QYG", name="ICB"), ic.NHSEngland(id="nhs-england", name="NHS England"))
        .add(
            ic.AccountableTo(
                source="QYG", target="nhs-england", basis=ic.Citation(act="NHS Act 2006", section="s14Z59")
            )
        )
        .build()
    )
    back = ic.io.from_fhir(_strip_records(ic.io.to_fhir(land)))
    assert back.relations(ic.AccountableTo) == land.relations(ic.AccountableTo)


def test_reads_an_ods_api_organization() -> None:
    """A single Organization shaped as the ODS FHIR API serves it is read; its address is dropped and reported."""
    record = {
        "resourceType": "Organization",
        "id": "RBS",
        "identifier": {"system": ODS, "value": "RBS"},
        "active": True,
        "extension": [
            {
                "url": "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ODSAPI-ActivePeriod-1",
                "valuePeriod": {"start": "1991-04-01"},
            },
            {
                "url": "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ODSAPI-OrganizationRole-1",
                "extension": [
                    {
                        "url": "role",
                        "valueCoding": {"system": STU3_ROLES, "code": "197", "display": "NHS TRUST"},
                    },
                    {"url": "primaryRole", "valueBoolean": True},
                ],
            },
        ],
        "name": "ALDER HEY CHILDREN'S NHS FOUNDATION TRUST",
        "address": [{"country": "ENGLAND"}],
        "partOf": {"reference": "Organization/QYG"},
    }
    with pytest.warns(ic.errors.DroppedDataWarning, match=r"Organization/RBS: address") as caught:
        land = ic.io.from_fhir(record, source="rbs.json")
    assert "rbs.json" in str(caught[0].message)
    assert land["RBS"].code("ods") == "RBS"
    assert land["RBS"].kind == "nhs-trust"
    assert land["RBS"].period.start == dt.date(1991, 4, 1)
    assert "partOf (Organization/QYG is not in the bundle)" in str(caught[0].message)


def test_drops_what_it_cannot_map() -> None:
    """Other resource types, unknown organisation types, foreign identifiers and unknown affiliations are reported."""
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": {"resourceType": "Location", "id": "x"}},
            {"resource": {"resourceType": "Organization", "id": "y", "name": "Y", "type": [{"coding": [{}]}]}},
            {
                "resource": {
                    "resourceType": "Organization",
                    "id": "z",
                    "name": "Z",
                    "identifier": [{"system": "urn:other", "value": "1"}, "odd"],
                    "type": [{"coding": ["odd", {"system": ic.io.ODS_ROLE_SYSTEM, "code": "76"}]}, "odd"],
                }
            },
            {
                "resource": {
                    "resourceType": "OrganizationAffiliation",
                    "id": "a",
                    "organization": {"reference": "Organization/z"},
                    "participatingOrganization": {"reference": "Organization/z"},
                    "code": [{"coding": [{"system": "urn:other", "code": "x"}]}, "odd"],
                }
            },
            {
                "resource": {
                    "resourceType": "OrganizationAffiliation",
                    "id": "c",
                    "organization": {"reference": "Organization/z"},
                    "participatingOrganization": {"reference": "Organization/z"},
                    "code": [{"coding": [{"system": ODS_RELATIONSHIPS, "code": "RE4"}]}],
                }
            },
            {
                "resource": {
                    "resourceType": "OrganizationAffiliation",
                    "id": "b",
                    "organization": {"reference": "Organization/z"},
                    "participatingOrganization": {"reference": "Organization/nowhere"},
                    "code": "odd",
                }
            },
        ],
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        land = ic.io.from_fhir(bundle)
    assert [e.id for e in land] == ["z"]
    assert land["z"].kind == "gp-practice"
    warning = caught[0].message
    assert isinstance(warning, ic.errors.DroppedDataWarning)
    assert warning.dropped == (
        "Location/x: the whole resource (not an organisation or an affiliation)",
        "Organization/y: the whole resource (its type names no kind the library knows)",
        "Organization/z: identifier[0] (system 'urn:other')",
        "Organization/z: identifier[1] (system None)",
        "OrganizationAffiliation/a: the whole resource (its code names no kind of relation the library knows)",
        (
            "OrganizationAffiliation/c: the whole resource (the ODS relationship RE4: which end is its source is not "
            "documented for FHIR; read the ODS ORD records with from_ods)"
        ),
        "OrganizationAffiliation/b: the whole resource (its code names no kind of relation the library knows)",
    )


def _typed(date_type: str, period: object) -> dict[str, Any]:
    """Return an England typed-period extension, as the ODS FHIR R4 API writes it."""
    kind = {"system": "https://fhir.nhs.uk/England/CodeSystem/England-PeriodType", "code": date_type}
    return {
        "url": TYPED_PERIOD,
        "extension": [{"url": "dateType", "valueCoding": kind}, {"url": "period", "valuePeriod": period}],
    }


def _role(code: str, *parts: dict[str, Any]) -> dict[str, Any]:
    """Return an England organisation-role extension of one ODS role, with further parts (a typed period)."""
    role = {"url": "roleCode", "valueCodeableConcept": {"coding": [{"system": ic.io.ODS_ROLE_SYSTEM, "code": code}]}}
    return {"url": ROLE_EXTENSION, "extension": [{"url": "instanceID", "valueInteger": 1}, role, *parts]}


def test_reads_an_ods_r4_api_organization() -> None:
    """An Organization as the ODS FHIR R4 API serves it: kind from the role extension, period from its typed period.

    The organisation is fictional: its record predates its ICB role, as an STP's record does.
    """
    icb: dict[str, Any] = {
        "resourceType": "Organization",
        "id": "Q0000",
        "identifier": [{"use": "official", "system": ODS, "value": "Q0000"}],
        "active": False,
        "name": "AN INTEGRATED CARE BOARD",
        "extension": [
            _typed("Legal", {"start": "2020-04-01", "end": "2026-03-31"}),
            _typed("Operational", {"start": "2020-03-01", "end": "2026-03-31"}),
            _role("RO261", _typed("Legal", {"start": "2020-04-01", "end": "2026-03-31"}), {"url": "primaryRole"}),
            _role("RO318", _typed("Operational", {"start": "2022-07-01", "end": "2026-03-31"})),
            {"url": ROLE_EXTENSION, "extension": [{"url": "roleCode", "valueCodeableConcept": "odd"}]},
        ],
    }
    land = ic.io.from_fhir(icb)
    assert land["Q0000"].kind == "integrated-care-board"
    assert land["Q0000"].period == ic.Period("2022-07-01", "2026-04-01")  # the ICB role's, not the record's
    unroled = {**icb, "extension": [*icb["extension"][:2], _role("RO318")]}  # the role has no period: the Legal one
    assert ic.io.from_fhir(unroled)["Q0000"].period == ic.Period("2020-04-01", "2026-04-01")
    operational = {**icb, "extension": [icb["extension"][1], _role("RO318")]}  # no Legal period: the Operational
    assert ic.io.from_fhir(operational)["Q0000"].period == ic.Period("2020-03-01", "2026-04-01")
    odd = {**icb, "extension": [{"url": TYPED_PERIOD, "extension": ["odd", {"url": "dateType"}]}, _role("RO318")]}
    assert ic.io.from_fhir(odd)["Q0000"].period == ic.Period()  # a typed period without a period is an open one


def _one(resource: dict[str, Any]) -> dict[str, Any]:
    """Wrap one resource in a collection bundle."""
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": resource}]}


ORG = {"resourceType": "Organization", "id": "QYG", "name": "ICB"}
TYPED = {**ORG, "type": [{"coding": [{"system": ic.io.ODS_ROLE_SYSTEM, "code": "RO318"}]}]}
KIND_SYSTEM = "https://integratedcare.readthedocs.io/fhir/CodeSystem/entity-kind"


@pytest.mark.parametrize(
    ("bundle", "where", "says"),
    [
        pytest.param({"resourceType": "Patient"}, "resourceType", "must be Bundle, got 'Patient'", id="not a bundle"),
        pytest.param([], "resourceType", "must be Bundle, got 'list'", id="not a table"),
        pytest.param({"resourceType": "Bundle", "entry": {}}, "entry", "must be a list", id="entries"),
        pytest.param({"resourceType": "Bundle", "entry": [{}]}, "entry[0]", "must hold a resource", id="no resource"),
    ],
)
def test_bad_bundles_are_file_format_errors(bundle: Any, where: str, says: str) -> None:  # noqa: ANN401 (any JSON)
    """A bundle of the wrong shape raises FileFormatError naming the place."""
    with pytest.raises(ic.errors.FileFormatError, match=says) as caught:
        ic.io.from_fhir(bundle, source="b.json")
    assert caught.value.location == where
    assert caught.value.path == "b.json"


@pytest.mark.parametrize(
    ("resource", "where", "says"),
    [
        pytest.param({**TYPED, "name": ""}, "name", "must be a non-empty text", id="name"),
        pytest.param({**TYPED, "id": None}, "id", "must be a non-empty text", id="id"),
        pytest.param({**TYPED, "extension": {}}, "extension", "must be a list", id="extension"),
        pytest.param({**TYPED, "identifier": "QYG"}, "identifier", "must be a list", id="identifiers"),
        pytest.param(
            {**TYPED, "identifier": [{"system": ODS, "value": "q y g"}]},
            "identifier[0]",
            "must be an ODS code",
            id="ODS code",
        ),
        pytest.param(
            {**TYPED, "identifier": [{"system": ODS, "value": "QYG", "period": "2022"}]},
            "identifier[0]",
            "must be a Period",
            id="code period",
        ),
        pytest.param(
            {
                **TYPED,
                "extension": [{"url": ic.io.FHIR_BASE + "/StructureDefinition/period", "valuePeriod": {"start": "x"}}],
            },
            "period",
            "start",
            id="period date",
        ),
        pytest.param(
            {**TYPED, "extension": [_typed("Legal", {"start": "x"})]},
            "extension(typed-period)",
            "start",
            id="typed period",
        ),
        pytest.param(
            {**ORG, "extension": [_role("RO318", _typed("Legal", "2022"))]},
            "extension(organisation-role)(typed-period)",
            "must be a Period",
            id="role period",
        ),
        pytest.param(
            {
                **ORG,
                "type": [
                    {"coding": [{"system": ic.io.FHIR_BASE + "/CodeSystem/entity-kind", "code": "local-authority"}]}
                ],
            },
            "type",
            "the kind local-authority needs more than FHIR holds",
            id="kind needs more",
        ),
        pytest.param(
            {**ORG, "extension": [{"url": RECORD_URL, "valueString": "{"}]}, "extension(record)", "JSON", id="json"
        ),
        pytest.param(
            {
                **ORG,
                "extension": [{"url": RECORD_URL, "valueString": '{"kind": "integrated-care-board", "id": "QYG"}'}],
            },
            "extension(record).name",
            "is required",
            id="record field",
        ),
        pytest.param(
            {**ORG, "extension": [{"url": RECORD_URL, "valueString": "[]"}]},
            "extension(record)",
            "must be a table",
            id="record shape",
        ),
        pytest.param(
            {"resourceType": "OrganizationAffiliation", "id": "a", "participatingOrganization": "QYG"},
            "participatingOrganization",
            "must reference an Organization",
            id="reference",
        ),
        pytest.param(
            {
                "resourceType": "OrganizationAffiliation",
                "id": "a",
                "organization": {"reference": "Organization/x"},
                "participatingOrganization": {"reference": "Organization/y"},
                "code": [{"coding": [{"system": ic.io.FHIR_BASE + "/CodeSystem/relation-kind", "code": "within"}]}],
                "extension": [{"url": ic.io.FHIR_BASE + "/StructureDefinition/statutory-basis", "extension": ["odd"]}],
            },
            "extension(statutory-basis)",
            "act",
            id="citation",
        ),
    ],
)
def test_bad_resources_name_the_resource_and_field(resource: dict[str, Any], where: str, says: str) -> None:
    """A resource that cannot be read raises a LandscapeError of FileFormatErrors naming entry, resource and field."""
    with pytest.raises(ic.errors.LandscapeError, match=r"1 problem in FHIR bundle 'b\.json'") as caught:
        ic.io.from_fhir(_one(resource), source="b.json")
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.FileFormatError)
    assert problem.location.startswith(f"entry[0] ({resource['resourceType']}/{resource['id']}).{where}")
    assert says in problem.problem


def test_many_problems_are_counted() -> None:
    """Two bad resources give one LandscapeError of two problems."""
    bundle = _one({**TYPED, "name": ""})
    bundle["entry"].append(bundle["entry"][0])
    with pytest.raises(ic.errors.LandscapeError, match="2 problems in FHIR bundle '<bundle>'"):
        ic.io.from_fhir(bundle)


def test_dropped_data_warning_says_how_many() -> None:
    """The warning counts what was dropped, one item or many."""
    assert str(ic.errors.DroppedDataWarning(source="x", dropped=("a",))) == "x: 1 item dropped: a"


def test_part_of_alone_gives_within_and_dangling_affiliations_are_dropped() -> None:
    """A lone partOf becomes a within relation; an affiliation to an absent organisation is dropped."""
    kind = ic.io.FHIR_BASE + "/CodeSystem/relation-kind"
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {"resource": TYPED},
            {"resource": {**TYPED, "id": "01V", "name": "Sub-ICB", "partOf": {"reference": "Organization/QYG"}}},
            {
                "resource": {
                    "resourceType": "OrganizationAffiliation",
                    "id": "a",
                    "organization": {"reference": "Organization/QYG"},
                    "participatingOrganization": {"reference": "Organization/elsewhere"},
                    "code": [{"coding": [{"system": kind, "code": "member-of"}]}],
                }
            },
        ],
    }
    with pytest.warns(ic.errors.DroppedDataWarning, match="an organisation it references is not in the bundle"):
        land = ic.io.from_fhir(bundle)
    assert [(r.source, r.target) for r in land.relations(ic.Within)] == [("01V", "QYG")]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes(max_entities=10, max_relations=16))
def test_any_landscape_round_trips_for_bodies_and_agreements(land: ic.Landscape) -> None:
    """For any landscape, the FHIR round trip keeps every body and agreement and every relation between bodies."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ic.errors.DroppedDataWarning)
        back = ic.io.from_fhir(ic.io.to_fhir(land), name=land.name)
    kept = {e.id for e in land if isinstance(e, (ic.Body, ic.Agreement))}
    assert {e.id for e in back} == kept
    assert all(back[i] == land[i] for i in kept)
    bodies = {e.id for e in land if isinstance(e, ic.Body)}
    between = [r for r in land.all_relations if r.source in bodies and r.target in bodies]
    assert set(back.all_relations) == set(between)
