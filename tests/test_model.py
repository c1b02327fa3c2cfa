"""Entities, relations, codes and provenance: typed, validated, frozen values."""

from __future__ import annotations

import pickle
from typing import ClassVar

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
    assert ic.kinds.ENTITY_KINDS["integrated-care-board"] is ic.ICB
    assert ic.kinds.RELATION_KINDS["succeeded-by"] is ic.SucceededBy
    assert all(cls.kind == kind for kind, cls in ic.kinds.ENTITY_KINDS.items())
    assert "entity" not in ic.kinds.ENTITY_KINDS
    assert set(ic.kinds.RELATION_ENDPOINTS) == set(ic.kinds.RELATION_KINDS.values())


def test_endpoints_are_read_from_the_entity_classes() -> None:
    """RELATION_ENDPOINTS names the broadest classes that declare each relation, as before the declarations moved."""
    ends = ic.kinds.RELATION_ENDPOINTS
    assert ends[ic.Within] == ((ic.Body,), (ic.Body,))
    assert ends[ic.MemberOf] == ((ic.Body, ic.Post), (ic.Body,))
    assert ends[ic.Holds] == ((ic.Body,), (ic.Post,))
    assert ends[ic.Prepares] == ((ic.Body,), (ic.Document,))
    assert ends[ic.Duty] == ((ic.Body,), (ic.Body, ic.Document))
    assert ends[ic.AccountableTo] == ((ic.Body,), (ic.Body, ic.Electorate))
    assert ends[ic.Assesses] == ((ic.CQC, ic.NHSEngland), (ic.Body,))
    assert set(ends[ic.Scrutinises][0]) == {ic.HOSC, ic.LocalAuthority, ic.HWB, ic.Parliament}
    assert ends[ic.SucceededBy] == ((ic.Entity,), (ic.Entity,))
    assert len(ends) == len(ic.kinds.RELATION_KINDS)
    assert repr(ends).startswith("RELATION_ENDPOINTS({")
    with pytest.raises(KeyError):
        ends[ic.Relation]


def test_every_kind_lists_only_known_relation_kinds() -> None:
    """The relations each kind may be the source and target of are relation kinds."""
    for cls in ic.kinds.ENTITY_KINDS.values():
        assert cls.source_of | cls.target_of <= set(ic.kinds.RELATION_KINDS), cls


def test_kinds_declare_their_group_row_area_and_partner_kind() -> None:
    """Each kind declares what the drawing, geography and applicability tables read."""
    assert (ic.ICB.group, ic.ICB.layer, ic.ICB.area_rule) == (ic.kinds.EntityGroup.NHS, 5, ic.kinds.AreaRule.ICB_AREA)
    assert ic.Post.area_rule is ic.kinds.AreaRule.NONE
    assert ic.JSNA.area_rule is ic.kinds.AreaRule.PREPARED
    assert ic.Healthwatch.partner_kind is ic.governance.PartnerKind.HEALTHWATCH
    assert ic.Partner.partner_kind is ic.governance.PartnerKind.OTHER
    assert {cls for cls in ic.kinds.ENTITY_KINDS.values() if cls.ends_accountability} == {ic.Parliament, ic.Electorate}


class _Nearby(ic.Within):
    """A kind of Within a user might add without a kind of its own (so not registered)."""


def test_a_relation_class_derived_from_another_takes_its_endpoints() -> None:
    """A relation class derived from a registered one joins only what its base joins."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="a", name="A"), ic.JSNA(id="b", name="B")).build()
    with pytest.raises(ic.errors.LandscapeError) as caught:
        land.builder().add(_Nearby(source="a", target="b")).build()
    assert (
        str(caught.value.exceptions[0])
        == 'within "a" -> "b": target must be a body, got a joint-strategic-needs-assessment'
    )


def test_an_unlisted_relation_kind_may_join_any_entities() -> None:
    """A relation that no kind of entity lists at an end expects any entity there."""
    from integratedcare._model._registry import expected_kinds  # noqa: PLC0415 (RELATION_ENDPOINTS lists only registered kinds)

    class Unlisted(ic.Relation):
        """A relation class without a kind of its own."""

    assert expected_kinds(Unlisted) == ((ic.Entity,), (ic.Entity,))


@attrs.frozen(kw_only=True)
class _Hospice(ic.Body):
    """A kind defined outside the package (not registered)."""

    kind: ClassVar[str] = "test-hospice"


def test_register_kind_refuses_what_it_cannot_register() -> None:
    """Only entity classes with their own, free kind text and known relation kinds can be registered."""
    with pytest.raises(
        ic.errors.InvalidValueError, match="register_kind: cls must be an entity class with its own kind"
    ):
        ic.kinds.register_kind(ic.Body)

    @attrs.frozen(kw_only=True)
    class Taken(ic.Body):
        """A class claiming a kind text already taken."""

        kind: ClassVar[str] = "integrated-care-board"

    with pytest.raises(
        ic.errors.InvalidValueError, match="'integrated-care-board' is already the kind of integratedcare"
    ):
        ic.kinds.register_kind(Taken)

    @attrs.frozen(kw_only=True)
    class Typo(ic.Body):
        """A class listing a relation kind that does not exist."""

        kind: ClassVar[str] = "test-typo"
        target_of: ClassVar[frozenset[str]] = frozenset({"scrutinses"})

    with pytest.raises(
        ic.errors.InvalidValueError, match=r"target_of must name relation kinds .* got unknown scrutinses"
    ):
        ic.kinds.register_kind(Typo)
    with pytest.raises(ic.errors.InvalidValueError, match="unregister_kind: cls must be a registered kind"):
        ic.kinds.unregister_kind(_Hospice)
    assert "test-typo" not in ic.kinds.ENTITY_KINDS


def test_registered_kinds_leaves_earlier_registrations_and_undoes_on_error() -> None:
    """A with block registers only what was not registered, and forgets it even when the block raises."""
    assert ic.kinds.register_kind(ic.ICB) is ic.ICB  # already registered: nothing changes

    def fail_inside() -> None:
        with ic.kinds.registered_kinds(ic.ICB, _Hospice, _Hospice):
            assert ic.kinds.ENTITY_KINDS["test-hospice"] is _Hospice
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    assert "test-hospice" not in ic.kinds.ENTITY_KINDS
    assert ic.kinds.ENTITY_KINDS["integrated-care-board"] is ic.ICB


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("kind", "Hospice", "kind must be lower-case words joined by '-'"),
        ("kind", 3, "kind must be a str, got 3"),
        ("group", "NHS", "group must be a EntityGroup, got 'NHS'"),
        ("area_rule", None, "area_rule must be a AreaRule, got None"),
        ("partner_kind", "councils", "partner_kind must be a PartnerKind"),
        ("layer", -1, "layer must be a whole number >= 0, got -1"),
        ("layer", True, "layer must be a whole number >= 0, got True"),
        ("ends_accountability", "yes", "ends_accountability must be true or false, got 'yes'"),
        ("source_of", {"within"}, "source_of must be a frozenset of relation kind texts"),
        ("target_of", frozenset({ic.Within}), "target_of must be a frozenset of relation kind texts"),
    ],
)
def test_a_kind_with_bad_declarations_cannot_be_defined(name: str, value: object, message: str) -> None:
    """A class declaring a wrong value for a kind's class variable is refused when it is defined."""
    with pytest.raises(ic.errors.InvalidValueError, match=rf"entity class Bad: {message}"):
        type("Bad", (ic.Body,), {name: value})


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
    with pytest.raises(ic.errors.InvalidValueError, match="source must start"):
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
    assert set(ENTITY_CLASSES) == set(ic.kinds.ENTITY_KINDS.values())


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
