"""Entities, relations, codes and provenance: typed, validated, frozen values."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given

import integratedcare as ic
from strategies import ENTITY_CLASSES, entities


def test_aliases_are_the_classes() -> None:
    """Short aliases name the same classes."""
    assert ic.ICB is ic.IntegratedCareBoard
    assert ic.ICP is ic.IntegratedCarePartnership
    assert ic.Place is ic.PlaceBasedPartnership
    assert ic.PCN is ic.PrimaryCareNetwork
    assert ic.HWB is ic.HealthAndWellbeingBoard


def test_every_concrete_kind_is_registered() -> None:
    """Each entity and relation class is registered under its own kind text."""
    assert ic.io.ENTITY_KINDS["integrated-care-board"] is ic.ICB
    assert ic.io.RELATION_KINDS["succeeded-by"] is ic.SucceededBy
    assert all(cls.kind == kind for kind, cls in ic.io.ENTITY_KINDS.items())
    assert "entity" not in ic.io.ENTITY_KINDS
    assert set(ic.io.RELATION_ENDPOINTS) == set(ic.io.RELATION_KINDS.values())


def test_entities_are_frozen() -> None:
    """Entities cannot be changed in place; attrs.evolve makes a new one."""
    icb = ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        icb.name = "other"  # type: ignore[misc]
    assert attrs.evolve(icb, name="Renamed").name == "Renamed"


@pytest.mark.parametrize("bad", ["", "has space", "-leading", "ünïcode", 7])
def test_ids_are_slugs_or_codes(bad: object) -> None:
    """An id is a readable slug or code; anything else is refused naming the field."""
    with pytest.raises(ic.errors.InvalidValueError, match="id must start with a letter or digit"):
        ic.ICB(id=bad, name="x")  # type: ignore[arg-type]


def test_names_must_not_be_blank() -> None:
    """A blank name is refused, naming the entity."""
    with pytest.raises(ic.errors.InvalidValueError, match=r'integrated-care-board "QYG": name must be non-empty text'):
        ic.ICB(id="QYG", name="  ")


def test_population_wrong_unit() -> None:
    """A population in GBP is refused, naming the entity, field, expected unit and value."""
    with pytest.raises(
        ic.errors.UnitError,
        match=r'place-based-partnership "wirral-place": population must be in person, got 320000.0 GBP',
    ):
        ic.Place(id="wirral-place", name="Wirral", population=ic.quantity(3.2e5, "GBP"))


def test_population_must_be_a_quantity() -> None:
    """A bare number is not a population."""
    with pytest.raises(ic.errors.UnitError, match="population must be a quantity in person"):
        ic.Place(id="p", name="P", population=400000)  # type: ignore[arg-type]


def test_population_must_not_be_negative() -> None:
    """Negative populations are refused."""
    with pytest.raises(ic.errors.InvalidValueError, match="population must not be negative"):
        ic.Place(id="p", name="P", population=ic.quantity(-1, "person"))


@pytest.mark.parametrize("magnitude", [float("nan"), float("inf")])
def test_population_must_be_finite(magnitude: float) -> None:
    """Infinite and NaN magnitudes are refused."""
    with pytest.raises(ic.errors.UnitError, match="population must be a finite number"):
        ic.Place(id="p", name="P", population=ic.ureg.Quantity(magnitude, "person"))


def test_budget_in_gbp() -> None:
    """A delegation's budget must be money."""
    with pytest.raises(ic.errors.UnitError, match="budget must be in GBP"):
        ic.Delegation(source="a", target="b", functions=["x"], budget=ic.quantity(3, "person"))
    ok = ic.Delegation(source="a", target="b", functions="dental-services", budget=ic.quantity("2 million GBP"))
    assert ok.functions == ("dental-services",)


def test_codes() -> None:
    """ODS and GSS codes are validated by scheme and looked up by date."""
    icb = ic.ICB(
        id="QRL",
        name="NHS Hampshire and Isle of Wight ICB",
        codes=[
            ic.Code("ods", "QRL"),
            ic.Code("gss", "E54000042", period=(None, "2026-04-01")),
            ic.Code("gss", "E54000067", period=("2026-04-01", None)),
        ],
    )
    assert icb.code("ods") == "QRL"
    assert icb.code(ic.CodeScheme.GSS, as_of="2025-01-01") == "E54000042"
    assert icb.code("gss", as_of="2026-04-01") == "E54000067"
    assert ic.ICB(id="x", name="X").code("gss") is None
    assert str(ic.Code("ods", "QRL")) == "ods:QRL"


@pytest.mark.parametrize(
    ("scheme", "value", "message"),
    [
        ("gss", "E5400004", "must be a GSS code"),
        ("ods", "qyg", "must be an ODS code"),
        ("ods", 12, "must be an ODS code"),
        ("uprn", "1", "code scheme must be one of ods, gss, got 'uprn'"),
    ],
)
def test_bad_codes(scheme: str, value: object, message: str) -> None:
    """Codes that do not fit their scheme, and unknown schemes, are refused."""
    with pytest.raises(ic.errors.InvalidCodeError, match=message):
        ic.Code(scheme, value)  # type: ignore[arg-type]


def test_sequence_fields_are_checked() -> None:
    """Codes, sources and notes must hold the right types; a lone note is a one-item tuple."""
    with pytest.raises(ic.errors.InvalidValueError, match=r'integrated-care-board "x": codes\[0\] must be a Code'):
        ic.ICB(id="x", name="X", codes=["QYG"])
    assert ic.ICB(id="x", name="X", notes="one note").notes == ("one note",)


def test_local_authority_tiers() -> None:
    """Only shire districts are not responsible authorities."""
    district = ic.LocalAuthority(id="E07000070", name="Chelmsford City Council", tier="district")
    county = ic.LocalAuthority(id="E10000012", name="Essex County Council", tier=ic.LocalAuthorityTier.COUNTY)
    assert not district.is_responsible_authority
    assert county.is_responsible_authority


def test_partnership_scopes() -> None:
    """Only a system-level partnership may be statutory."""
    with pytest.raises(ic.errors.InvalidValueError, match="statutory can be true only for a system-level partnership"):
        ic.ICP(id="x", name="X", scope="area")
    area = ic.ICP(id="x", name="X", scope="area", statutory=False)
    assert area.scope is ic.PartnershipScope.AREA


def test_trust_services() -> None:
    """Trust services convert from text; a single text is one service."""
    trust = ic.NHSTrust(id="RBT", name="Mid Cheshire", services="acute")
    assert trust.services == frozenset({ic.ServiceType.ACUTE})
    assert not trust.provides("ambulance")


def test_entity_lifetime() -> None:
    """exists_on follows the period."""
    ccg = ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01"))
    assert ccg.exists_on("2022-06-30")
    assert not ccg.exists_on("2022-07-01")


def test_relation_validation() -> None:
    """Relations refuse self-links, bad ids, bad bases and bad shares."""
    with pytest.raises(ic.errors.InvalidValueError, match=r'within "a" -> "a": target must differ from the source'):
        ic.Within(source="a", target="a")
    with pytest.raises(ic.errors.InvalidValueError, match="id must start"):
        ic.Within(source="a b", target="c")
    with pytest.raises(ic.errors.InvalidValueError, match="basis must be a Citation or a Clause"):
        ic.Within(source="a", target="b", basis="s116B")  # type: ignore[arg-type]
    for share in (0, 1.5, float("nan"), True, "half"):
        with pytest.raises(ic.errors.InvalidValueError, match=r"share must be a number in \(0, 1\]"):
            ic.Overlaps(source="a", target="b", share=share)  # type: ignore[arg-type]
    with pytest.raises(ic.errors.InvalidValueError, match="functions must name at least one function"):
        ic.Delegation(source="a", target="b", functions=[])
    with pytest.raises(ic.errors.InvalidValueError, match="period must start on the date of succession"):
        ic.SucceededBy(source="a", target="b", period=ic.ALWAYS)


def test_relation_helpers() -> None:
    """Relations know their label, whether they hold on a day, and overlaps whether partial."""
    rel = ic.Overlaps(source="E10000012", target="QH8", share=0.5, period=("2022-07-01", None))
    assert rel.label == 'overlaps "E10000012" -> "QH8"'
    assert rel.holds_on("2023-01-01")
    assert rel.partial
    assert not ic.Overlaps(source="a", target="b").partial
    assert ic.SucceededBy(source="a", target="b", period=("2026-04-01", None)).date.isoformat() == "2026-04-01"


def test_duty_kinds_read_as_phrases() -> None:
    """Duty kinds read as the statute's phrases."""
    duty = ic.Duty(source="QYG", target="strategy", duty="must have regard to")
    assert str(duty.duty) == "must have regard to"


def test_provenance() -> None:
    """Sources, citations and clauses convert verification text and read plainly."""
    source = ic.Source(title="ONS lookup", verification="unverified")
    assert source.verification is ic.Verification.UNVERIFIED
    citation = ic.Citation(act="NHS Act 2006", section="s14Z52")
    assert str(citation) == "NHS Act 2006 s14Z52"
    assert citation.verification is ic.Verification.VERIFIED
    assert str(ic.Clause(agreement="mou")) == "mou"
    with pytest.raises(ic.errors.InvalidValueError, match="title must be non-empty text"):
        ic.Source(title="")


@given(entities())
def test_entities_hash_compare_and_pickle_by_value(entity: ic.Entity) -> None:
    """Equal entities hash alike, and pickling gives an equal entity."""
    twin = attrs.evolve(entity)
    assert twin == entity
    assert hash(twin) == hash(entity)
    assert pickle.loads(pickle.dumps(entity)) == entity  # noqa: S301 (our own bytes)


def test_every_kind_can_be_generated() -> None:
    """The strategies cover every concrete entity kind."""
    assert set(ENTITY_CLASSES) == set(ic.io.ENTITY_KINDS.values())


def test_subject_of_names_anything() -> None:
    """Error subjects name entities by id, relations by ends, and other objects by type."""
    from integratedcare._model import subject_of  # noqa: PLC0415 (a private helper under test)

    assert subject_of(ic.ICB(id="QYG", name="X")) == 'integrated-care-board "QYG"'
    assert subject_of(ic.Within(source="a", target="b")) == 'within "a" -> "b"'
    assert subject_of(ic.Period()) == "period"


def test_lone_surrogates_are_refused_in_names_and_notes() -> None:
    """Text no file can hold (a lone surrogate) is refused where it is given."""
    with pytest.raises(ic.errors.InvalidValueError, match=r'region "r": name must be valid Unicode text'):
        ic.Region(id="r", name="North \udc80 West")
    with pytest.raises(ic.errors.InvalidValueError, match=r"notes\[0\] must be valid Unicode text"):
        ic.Region(id="r", name="North West", notes=["\ud800"])
