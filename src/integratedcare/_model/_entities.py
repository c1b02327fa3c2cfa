"""Entities: the bodies, areas, posts and documents of England's health and care landscape.

Every entity is a frozen attrs class with keyword-only fields. Entities carry only intrinsic
facts (name, codes, population, kind of services); everything that links two entities is a
relation (see ``_relations``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import ClassVar, Final

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model._fields import in_units
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of
from integratedcare._model._fields import valid_id as _valid_id
from integratedcare._model._figures import Figure
from integratedcare._model._kinds import AreaRule, EntityGroup, PartnerKind
from integratedcare._model._period import ALWAYS, DateLike, Period, to_date, to_period
from integratedcare._model._provenance import Code, CodeScheme, Source, non_empty, subject_of
from integratedcare._units import Quantity

__all__ = [
    "ENTITY_KINDS",
    "Agreement",
    "AgreementType",
    "Body",
    "CareQualityCommission",
    "ClinicalCommissioningGroup",
    "Committee",
    "CommitteeType",
    "Document",
    "Electorate",
    "Entity",
    "GPPractice",
    "Guidance",
    "HealthAndWellbeingBoard",
    "ICBCluster",
    "HealthOverviewAndScrutinyCommittee",
    "Healthwatch",
    "IntegratedCareBoard",
    "IntegratedCarePartnership",
    "IntegratedCareStrategy",
    "IntegratedCareSystem",
    "JointForwardPlan",
    "JointLocalHealthAndWellbeingStrategy",
    "JointStrategicNeedsAssessment",
    "LocalAuthority",
    "LocalAuthorityTier",
    "NHSEngland",
    "NHSMandate",
    "NHSTrust",
    "Neighbourhood",
    "Parliament",
    "Partner",
    "PartnershipScope",
    "PlaceBasedPartnership",
    "PlacePlan",
    "Post",
    "PrimaryCareNetwork",
    "ProviderCollaborative",
    "Region",
    "SecretaryOfState",
    "ServiceType",
    "SubICBLocation",
    "VCSEOrganisation",
]

_KINDS: dict[str, type[Entity]] = {}
ENTITY_KINDS: Mapping[str, type[Entity]] = MappingProxyType(_KINDS)
"""Every registered entity class by its kind text, such as ``"integrated-care-board"``.

The package's own kinds register themselves; a kind defined elsewhere is registered with
:func:`~integratedcare.kinds.register_kind` (or for a while with :func:`~integratedcare.kinds.registered_kinds`).
"""

_KIND_TEXT: Final = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

# The relations any body may be the source and the target of (see ``Body``).
_BODY_SOURCE_OF: Final = frozenset(
    {
        "accountable-to",
        "delegation",
        "duty",
        "establishes",
        "holds",
        "holds-to-account",
        "hosts",
        "member-of",
        "overlaps",
        "prepares",
        "succeeded-by",
        "within",
    }
)
_BODY_TARGET_OF: Final = frozenset(
    {
        "accountable-to",
        "assesses",
        "catchment",
        "delegation",
        "duty",
        "establishes",
        "holds-to-account",
        "hosts",
        "member-of",
        "overlaps",
        "scrutinises",
        "succeeded-by",
        "within",
    }
)


def _check_declarations(cls: type[Entity]) -> None:
    """Check the class variables a kind of entity declares, naming the class and the variable."""
    expected: tuple[tuple[str, type], ...] = (
        ("kind", str),
        ("group", EntityGroup),
        ("area_rule", AreaRule),
        ("partner_kind", PartnerKind),
    )
    for name, wanted in expected:
        value = getattr(cls, name)
        if not isinstance(value, wanted):
            raise InvalidValueError(
                subject=f"entity class {cls.__name__}",
                field=name,
                problem=f"must be a {wanted.__name__}, got {value!r}",
            )
    if _KIND_TEXT.fullmatch(cls.kind) is None:
        raise InvalidValueError(
            subject=f"entity class {cls.__name__}",
            field="kind",
            problem=f"must be lower-case words joined by '-', such as 'hospice', got {cls.kind!r}",
        )
    if not isinstance(cls.layer, int) or isinstance(cls.layer, bool) or cls.layer < 0:
        raise InvalidValueError(
            subject=f"entity class {cls.__name__}",
            field="layer",
            problem=f"must be a whole number >= 0, got {cls.layer!r}",
        )
    if not isinstance(cls.ends_accountability, bool):
        raise InvalidValueError(
            subject=f"entity class {cls.__name__}",
            field="ends_accountability",
            problem=f"must be true or false, got {cls.ends_accountability!r}",
        )
    for name in ("source_of", "target_of"):
        value = getattr(cls, name)
        if not isinstance(value, frozenset) or not all(isinstance(v, str) for v in value):
            raise InvalidValueError(
                subject=f"entity class {cls.__name__}",
                field=name,
                problem=f"must be a frozenset of relation kind texts, got {value!r}",
            )


@attrs.frozen(kw_only=True)
class Entity:
    """Anything the landscape holds: a body, an area, a post or a document.

    Each kind of entity is a subclass that declares, as class variables, everything the rest of
    the package needs to know about the kind (subclasses inherit them):

    - ``kind``: its kind text, as files and queries name it (``"integrated-care-board"``);
    - ``group`` and ``layer``: its :class:`~integratedcare.kinds.EntityGroup` (the fill colour of its
      boxes in :func:`~integratedcare.draw`) and its row in the layered drawing (0 is the top);
    - ``area_rule``: how it lies in ICB areas (:class:`~integratedcare.kinds.AreaRule`);
    - ``partner_kind``: its column in applicability tables (:class:`~integratedcare.governance.PartnerKind`);
    - ``source_of`` and ``target_of``: the kinds of relation it may be the source and the target of;
    - ``ends_accountability``: whether lines of accountability end at it (Parliament, an electorate).

    Attributes:
        id: the entity's key: its ODS code where it has one (``QYG``), otherwise a readable slug.
        name: its name.
        codes: its codes (ODS, GSS), each valid for a period.
        period: when it exists: ``[start, end)``.
        sources: where the facts about it come from.
        notes: remarks, such as a discrepancy between sources.
        figures: dated, sourced counts of people (registered patients, residents).

    Examples:
        >>> import integratedcare as ic
        >>> icb = ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", period=("2022-07-01", None),
        ...              codes=[ic.Code("ods", "QYG"), ic.Code("gss", "E54000008")])
        >>> icb.kind
        'integrated-care-board'
        >>> icb.code("gss")
        'E54000008'
        >>> icb.exists_on("2022-06-30")
        False
    """

    kind: ClassVar[str] = "entity"
    group: ClassVar[EntityGroup] = EntityGroup.OTHER
    layer: ClassVar[int] = 7
    area_rule: ClassVar[AreaRule] = AreaRule.NONE
    partner_kind: ClassVar[PartnerKind] = PartnerKind.OTHER
    source_of: ClassVar[frozenset[str]] = frozenset({"succeeded-by"})
    target_of: ClassVar[frozenset[str]] = frozenset({"succeeded-by"})
    ends_accountability: ClassVar[bool] = False

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=non_empty)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Code))
    period: Period = attrs.field(default=ALWAYS, converter=to_period)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(str))
    figures: tuple[Figure, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Figure))
    """Dated, sourced counts of people (registered patients, residents); see :class:`~integratedcare.Figure`."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Check what each kind of entity declares, and register the package's own kinds."""
        super().__init_subclass__(**kwargs)
        _check_declarations(cls)
        if _generated_repr(cls):  # every kind keeps the short repr, unless it writes its own
            cls.__repr__ = _short_repr  # type: ignore[method-assign]
        if "kind" in cls.__dict__ and cls.__module__ == __name__:
            _KINDS[cls.kind] = cls

    def code(self, scheme: CodeScheme | str, *, as_of: DateLike | None = None) -> str | None:
        """Return the entity's code in ``scheme`` (in force on ``as_of`` when given), or ``None``."""
        wanted = CodeScheme(scheme)
        day = None if as_of is None else to_date(as_of)
        for code in self.codes:
            if code.scheme is wanted and (day is None or code.period.contains(day)):
                return code.value
        return None

    def exists_on(self, date: DateLike) -> bool:
        """Return whether the entity exists on ``date``."""
        return self.period.contains(date)

    def _repr_html_(self) -> str:
        """Summarise the entity as a compact HTML table, for notebooks."""
        from integratedcare._model._html import entity_table  # noqa: PLC0415 (that module imports this one)

        return entity_table(self)

    def __repr__(self) -> str:
        """Return a short repr: kind, id, name and period (see :meth:`detail` for every field)."""
        return _short_repr(self)

    def detail(self) -> str:
        """Return the full repr: every field, with its codes, sources, notes and figures.

        Examples:
            >>> import integratedcare as ic
            >>> icb = ic.ICB(id="QYG", name="NHS C&M ICB", period=("2022-07-01", None))
            >>> icb
            <integrated-care-board QYG 'NHS C&M ICB' [2022-07-01, …)>
            >>> print(icb.detail())  # doctest: +NORMALIZE_WHITESPACE
            IntegratedCareBoard(id='QYG', name='NHS C&M ICB', codes=(),
            period=Period(start=datetime.date(2022, 7, 1), end=None), sources=(), notes=(), figures=(), population=None)
        """
        inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in attrs.fields(type(self)))
        return f"{type(self).__name__}({inner})"


_REPR_SIZE = 160
"""About how long an entity's short repr may be: a longer name is cut to fit (keeping at least 30 characters)."""

_REPR_ID = 64
"""The longest id a short repr shows whole: a longer one is cut, ending in "…" (``detail()`` shows it whole)."""


def _short_repr(entity: Entity) -> str:
    """Return an entity's short repr: ``<kind id 'name' [start, end)>``, the period left out when always."""
    period = "" if entity.period == ALWAYS else f" {entity.period}"
    ident = entity.id if len(entity.id) <= _REPR_ID else entity.id[: _REPR_ID - 1] + "…"
    room = max(30, _REPR_SIZE - len(entity.kind) - len(ident) - len(period))
    name = entity.name if len(entity.name) <= room else entity.name[: room - 1] + "…"
    return f"<{entity.kind} {ident} {name!r}{period}>"


def _generated_repr(cls: type) -> bool:
    """Whether a class's own ``__repr__`` is the one attrs wrote (rather than one the class declares)."""
    own = cls.__dict__.get("__repr__")
    code = getattr(own, "__code__", None)
    return code is not None and code.co_filename.startswith("<attrs generated")


def _population_field() -> Quantity | None:
    """Declare an optional population (or list size) in ``person``."""
    return attrs.field(default=None, validator=in_units("person"))  # type: ignore[no-any-return]


# --- Bodies -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Body(Entity):
    """An organisation, partnership, committee or office: something that can act and hold duties.

    Examples:
        >>> import integratedcare as ic
        >>> issubclass(ic.ICB, ic.Body), issubclass(ic.JSNA, ic.Body)
        (True, False)
    """

    area_rule: ClassVar[AreaRule] = AreaRule.CONTAINED
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF
    target_of: ClassVar[frozenset[str]] = _BODY_TARGET_OF


@attrs.frozen(kw_only=True)
class Parliament(Body):
    """The UK Parliament, to which the Secretary of State answers for the health service.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Parliament(id="parliament", name="UK Parliament").kind
        'parliament'
    """

    kind: ClassVar[str] = "parliament"
    group: ClassVar[EntityGroup] = EntityGroup.NATIONAL
    layer: ClassVar[int] = 0
    ends_accountability: ClassVar[bool] = True
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"scrutinises"}


@attrs.frozen(kw_only=True)
class SecretaryOfState(Body):
    """The Secretary of State for Health and Social Care.

    Examples:
        >>> import integratedcare as ic
        >>> ic.SecretaryOfState(id="sos", name="Secretary of State for Health and Social Care").kind
        'secretary-of-state'
    """

    kind: ClassVar[str] = "secretary-of-state"
    group: ClassVar[EntityGroup] = EntityGroup.NATIONAL
    layer: ClassVar[int] = 1


@attrs.frozen(kw_only=True)
class NHSEngland(Body):
    """NHS England, which establishes ICBs, delegates functions to them and assesses them.

    Examples:
        >>> import integratedcare as ic
        >>> ic.NHSEngland(id="nhs-england", name="NHS England").kind
        'nhs-england'
    """

    kind: ClassVar[str] = "nhs-england"
    group: ClassVar[EntityGroup] = EntityGroup.NATIONAL
    layer: ClassVar[int] = 2
    partner_kind: ClassVar[PartnerKind] = PartnerKind.NHS_ENGLAND
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"assesses"}


@attrs.frozen(kw_only=True)
class CareQualityCommission(Body):
    """The Care Quality Commission, which may assess integrated care system areas.

    Examples:
        >>> import integratedcare as ic
        >>> ic.CQC(id="cqc", name="Care Quality Commission").kind
        'care-quality-commission'
    """

    kind: ClassVar[str] = "care-quality-commission"
    group: ClassVar[EntityGroup] = EntityGroup.NATIONAL
    layer: ClassVar[int] = 2
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"assesses"}


@attrs.frozen(kw_only=True)
class Region(Body):
    """An NHS England region (seven since July 2020).

    Examples:
        >>> import integratedcare as ic
        >>> ic.Region(id="Y62", name="North West", codes=[ic.Code("gss", "E40000010")]).code("gss")
        'E40000010'
    """

    kind: ClassVar[str] = "region"
    group: ClassVar[EntityGroup] = EntityGroup.NATIONAL
    layer: ClassVar[int] = 3
    population: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class IntegratedCareSystem(Body):
    """An integrated care system: the partnership of NHS and local government for an area (not a legal body).

    Examples:
        >>> import integratedcare as ic
        >>> ic.ICS(id="cm-ics", name="Cheshire and Merseyside ICS").kind
        'integrated-care-system'
    """

    kind: ClassVar[str] = "integrated-care-system"
    group: ClassVar[EntityGroup] = EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 4
    population: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class IntegratedCareBoard(Body):
    """An integrated care board: the NHS body that commissions most NHS services for its area.

    Examples:
        >>> import integratedcare as ic
        >>> icb = ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB",
        ...              population=ic.quantity("2.7 million person"))
        >>> icb.population
        <Quantity(2700000.0, 'person')>
    """

    kind: ClassVar[str] = "integrated-care-board"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 5
    area_rule: ClassVar[AreaRule] = AreaRule.ICB_AREA
    partner_kind: ClassVar[PartnerKind] = PartnerKind.CCG
    population: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class ICBCluster(Body):
    """A cluster of ICBs sharing a leadership team (chair, chief executive, teams) while legally separate.

    ICBs join a cluster with ``MemberOf`` relations (the cluster is their target), dated from when
    they share leadership; a cluster is no legal body and lies in no area of its own. In 2025/26
    ICB leadership teams went from 42 to 26 this way (see the ``england`` dataset).

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QHL", name="NHS Birmingham and Solihull ICB"),
        ...     ic.ICB(id="QUA", name="NHS Black Country ICB"),
        ...     ic.kinds.ICBCluster(id="bsol-bc", name="Birmingham and Solihull / Black Country ICB cluster",
        ...                         period=("2025-09-09", None)),
        ...     ic.MemberOf(source="QHL", target="bsol-bc", role="shares leadership", period=("2025-09-09", None)),
        ...     ic.MemberOf(source="QUA", target="bsol-bc", role="shares leadership", period=("2025-09-09", None)),
        ... ).build()
        >>> [r.source for r in land.as_of("2026-01-01").relations(ic.MemberOf, target="bsol-bc")]
        ['QHL', 'QUA']
        >>> land.as_of("2024-01-01").relations(ic.MemberOf, target="bsol-bc")
        ()
    """

    kind: ClassVar[str] = "icb-cluster"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 4
    area_rule: ClassVar[AreaRule] = AreaRule.NONE


@attrs.frozen(kw_only=True)
class SubICBLocation(Body):
    """A sub-ICB location: part of an ICB's area, the footprint of a former CCG.

    Examples:
        >>> import integratedcare as ic
        >>> ic.SubICBLocation(id="01V", name="NHS Cheshire and Merseyside ICB - 01V").kind
        'sub-icb-location'
    """

    kind: ClassVar[str] = "sub-icb-location"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 6
    population: Quantity | None = _population_field()


class PartnershipScope(enum.StrEnum):
    """The footprint of an integrated care partnership: the word "ICP" has had three uses.

    Examples:
        >>> import integratedcare as ic
        >>> [scope.value for scope in ic.PartnershipScope]
        ['system', 'area', 'place']
    """

    SYSTEM = "system"
    """The statutory joint committee for an ICB's area (LGPIHA 2007 s116ZA), since 2022."""
    AREA = "area"
    """A partnership for part of a large system, such as North East and North Cumbria's four."""
    PLACE = "place"
    """A place-level provider alliance called an "ICP" before 2022, such as Cheshire East's."""


def _statutory_only_for_system(instance: IntegratedCarePartnership, _attribute: object, value: bool) -> None:  # noqa: FBT001
    """Only a system-level partnership can be the statutory ICP."""
    if value and instance.scope is not PartnershipScope.SYSTEM:
        raise InvalidValueError(
            subject=subject_of(instance),
            field="statutory",
            problem=f"can be true only for a system-level partnership, got scope {instance.scope.value}",
        )


@attrs.frozen(kw_only=True)
class IntegratedCarePartnership(Body):
    """An integrated care partnership. By default the statutory, system-level joint committee.

    Examples:
        >>> import integratedcare as ic
        >>> icp = ic.ICP(id="cm-icp", name="Cheshire and Merseyside Health and Care Partnership")
        >>> icp.statutory, icp.scope.value
        (True, 'system')
        >>> ic.ICP(id="ce-icp", name="Cheshire East ICP", scope="place", statutory=False).scope
        <PartnershipScope.PLACE: 'place'>
    """

    kind: ClassVar[str] = "integrated-care-partnership"
    group: ClassVar[EntityGroup] = EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 6
    area_rule: ClassVar[AreaRule] = AreaRule.ESTABLISHED_BY_ICB
    scope: PartnershipScope = attrs.field(default=PartnershipScope.SYSTEM, converter=PartnershipScope)
    statutory: bool = attrs.field(default=True, validator=_statutory_only_for_system)
    population: Quantity | None = _population_field()


class LocalAuthorityTier(enum.StrEnum):
    """The tier of a local authority, which decides whether it is a responsible authority.

    Examples:
        >>> import integratedcare as ic
        >>> ic.LocalAuthorityTier("unitary").is_responsible
        True
        >>> ic.LocalAuthorityTier.DISTRICT.is_responsible
        False
    """

    COUNTY = "county"
    DISTRICT = "district"
    UNITARY = "unitary"
    METROPOLITAN_DISTRICT = "metropolitan-district"
    LONDON_BOROUGH = "london-borough"
    CITY_OF_LONDON = "city-of-london"
    ISLES_OF_SCILLY = "isles-of-scilly"

    @property
    def is_responsible(self) -> bool:
        """Whether councils of this tier are responsible local authorities (LGPIHA 2007 s103).

        A shire district under a county council is not; every other tier is.
        """
        return self is not LocalAuthorityTier.DISTRICT


@attrs.frozen(kw_only=True)
class LocalAuthority(Body):
    """A council. Upper-tier councils are responsible authorities for social care and public health.

    Examples:
        >>> import integratedcare as ic
        >>> council = ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary")
        >>> council.is_responsible_authority
        True
    """

    kind: ClassVar[str] = "local-authority"
    group: ClassVar[EntityGroup] = EntityGroup.LOCAL_GOVERNMENT
    layer: ClassVar[int] = 5
    area_rule: ClassVar[AreaRule] = AreaRule.COUNCIL_AREA
    partner_kind: ClassVar[PartnerKind] = PartnerKind.COUNCIL
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"scrutinises"}
    tier: LocalAuthorityTier = attrs.field(converter=LocalAuthorityTier)
    population: Quantity | None = _population_field()

    @property
    def is_responsible_authority(self) -> bool:
        """Whether the council is a responsible local authority (LGPIHA 2007 s103)."""
        return self.tier.is_responsible


@attrs.frozen(kw_only=True)
class Electorate(Entity):
    """The people who elect a council: the end of a council's accountability chain.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Electorate(id="cheshire-east-electorate", name="Electorate of Cheshire East").kind
        'electorate'
    """

    kind: ClassVar[str] = "electorate"
    group: ClassVar[EntityGroup] = EntityGroup.LOCAL_GOVERNMENT
    layer: ClassVar[int] = 0
    ends_accountability: ClassVar[bool] = True
    target_of: ClassVar[frozenset[str]] = frozenset({"accountable-to", "succeeded-by"})


@attrs.frozen(kw_only=True)
class HealthAndWellbeingBoard(Body):
    """A health and wellbeing board: a committee of an upper-tier council.

    Examples:
        >>> import integratedcare as ic
        >>> ic.HWB(id="cheshire-east-hwb", name="Cheshire East Health and Wellbeing Board").kind
        'health-and-wellbeing-board'
    """

    kind: ClassVar[str] = "health-and-wellbeing-board"
    group: ClassVar[EntityGroup] = EntityGroup.LOCAL_GOVERNMENT
    layer: ClassVar[int] = 6
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"scrutinises"}


@attrs.frozen(kw_only=True)
class PlaceBasedPartnership(Body):
    """A place-based partnership: NHS, council and other partners for a place (not statutory).

    Examples:
        >>> import integratedcare as ic
        >>> ic.Place(id="cheshire-east-place", name="Cheshire East",
        ...          population=ic.quantity(400_000, "person")).population.magnitude
        400000
    """

    kind: ClassVar[str] = "place-based-partnership"
    group: ClassVar[EntityGroup] = EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 7
    population: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class Neighbourhood(Body):
    """A neighbourhood (about 30,000 to 50,000 people), such as a Cheshire East care community.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Neighbourhood(id="crewe", name="Crewe care community").kind
        'neighbourhood'
    """

    kind: ClassVar[str] = "neighbourhood"
    group: ClassVar[EntityGroup] = EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 8
    population: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class PrimaryCareNetwork(Body):
    """A primary care network: GP practices working together for their registered patients.

    Examples:
        >>> import integratedcare as ic
        >>> ic.PCN(id="U12345", name="Crewe PCN", list_size=ic.quantity(45_000, "person")).kind
        'primary-care-network'
    """

    kind: ClassVar[str] = "primary-care-network"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 8
    list_size: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class GPPractice(Body):
    """A GP practice.

    Examples:
        >>> import integratedcare as ic
        >>> ic.GPPractice(id="N81001", name="A surgery", list_size=ic.quantity(9_000, "person")).kind
        'gp-practice'
    """

    kind: ClassVar[str] = "gp-practice"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 9
    list_size: Quantity | None = _population_field()


class ServiceType(enum.StrEnum):
    """A kind of service an NHS trust provides.

    Examples:
        >>> import integratedcare as ic
        >>> ic.ServiceType("mental-health")
        <ServiceType.MENTAL_HEALTH: 'mental-health'>
    """

    ACUTE = "acute"
    MENTAL_HEALTH = "mental-health"
    COMMUNITY = "community"
    AMBULANCE = "ambulance"
    SPECIALIST = "specialist"


def _to_services(value: Iterable[ServiceType | str]) -> frozenset[ServiceType]:
    """Convert service texts to a set of service types."""
    return frozenset(ServiceType(v) for v in ([value] if isinstance(value, str) else value))


@attrs.frozen(kw_only=True)
class NHSTrust(Body):
    """An NHS trust or NHS foundation trust, with the kinds of service it provides.

    Examples:
        >>> import integratedcare as ic
        >>> trust = ic.NHSTrust(id="RBT", name="Mid Cheshire Hospitals NHS Foundation Trust",
        ...                     services=["acute"], foundation=True)
        >>> trust.provides(ic.ServiceType.ACUTE), trust.provides("mental-health")
        (True, False)
    """

    kind: ClassVar[str] = "nhs-trust"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 6
    partner_kind: ClassVar[PartnerKind] = PartnerKind.NHS_PROVIDER
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"catchment"}
    services: frozenset[ServiceType] = attrs.field(default=frozenset(), converter=_to_services)
    foundation: bool = False

    def provides(self, service: ServiceType | str) -> bool:
        """Return whether the trust provides ``service``."""
        return ServiceType(service) in self.services


@attrs.frozen(kw_only=True)
class ProviderCollaborative(Body):
    """A provider collaborative: NHS trusts working together across places or systems.

    Examples:
        >>> import integratedcare as ic
        >>> ic.ProviderCollaborative(id="cmast", name="Cheshire and Merseyside Acute and Specialist Trusts",
        ...                          focus="acute").focus
        'acute'
    """

    kind: ClassVar[str] = "provider-collaborative"
    group: ClassVar[EntityGroup] = EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 7
    partner_kind: ClassVar[PartnerKind] = PartnerKind.NHS_PROVIDER
    focus: str | None = None
    """What it collaborates on, such as acute care or mental health."""


@attrs.frozen(kw_only=True)
class ClinicalCommissioningGroup(Body):
    """A clinical commissioning group (abolished on 1 July 2022, succeeded by ICBs).

    Examples:
        >>> import integratedcare as ic
        >>> ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")).period.end
        datetime.date(2022, 7, 1)
    """

    kind: ClassVar[str] = "clinical-commissioning-group"
    group: ClassVar[EntityGroup] = EntityGroup.NHS
    layer: ClassVar[int] = 5
    partner_kind: ClassVar[PartnerKind] = PartnerKind.CCG
    population: Quantity | None = _population_field()


@attrs.frozen(kw_only=True)
class Healthwatch(Body):
    """A local Healthwatch organisation, the voice of people who use services.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Healthwatch(id="healthwatch-cheshire-east", name="Healthwatch Cheshire East").kind
        'healthwatch'
    """

    kind: ClassVar[str] = "healthwatch"
    group: ClassVar[EntityGroup] = EntityGroup.PEOPLE
    layer: ClassVar[int] = 7
    partner_kind: ClassVar[PartnerKind] = PartnerKind.HEALTHWATCH


@attrs.frozen(kw_only=True)
class VCSEOrganisation(Body):
    """A voluntary, community and social enterprise organisation or alliance.

    Examples:
        >>> import integratedcare as ic
        >>> ic.VCSE(id="vsnw", name="Voluntary Sector North West").kind
        'vcse-organisation'
    """

    kind: ClassVar[str] = "vcse-organisation"
    group: ClassVar[EntityGroup] = EntityGroup.PEOPLE
    layer: ClassVar[int] = 7


@attrs.frozen(kw_only=True)
class HealthOverviewAndScrutinyCommittee(Body):
    """A council's health overview and scrutiny committee, or a joint one across councils.

    Examples:
        >>> import integratedcare as ic
        >>> ic.HOSC(id="cm-jhosc", name="Cheshire and Merseyside Joint HOSC", joint=True).joint
        True
    """

    kind: ClassVar[str] = "health-overview-and-scrutiny-committee"
    group: ClassVar[EntityGroup] = EntityGroup.LOCAL_GOVERNMENT
    layer: ClassVar[int] = 6
    source_of: ClassVar[frozenset[str]] = _BODY_SOURCE_OF | {"scrutinises"}
    joint: bool = False


class CommitteeType(enum.StrEnum):
    """The form a committee or forum takes.

    Examples:
        >>> import integratedcare as ic
        >>> ic.CommitteeType("joint-committee").value
        'joint-committee'
    """

    BOARD_COMMITTEE = "board-committee"
    """A committee of one body's board, such as an ICB's audit committee."""
    PLACE_COMMITTEE = "place-committee"
    """An ICB committee for a place, exercising functions the ICB delegates."""
    JOINT_COMMITTEE = "joint-committee"
    """A committee of two or more bodies (NHS Act 2006 s65Z6)."""
    COMMITTEES_IN_COMMON = "committees-in-common"
    """Each body's own committee, meeting together and deciding in step."""
    FORUM = "forum"
    """A non-statutory partnership forum, such as a partnership board or assembly."""


@attrs.frozen(kw_only=True)
class Committee(Body):
    """A committee, joint committee, committees in common or partnership forum.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Committee(id="cm-board", name="Partnership Board", committee_type="forum").committee_type
        <CommitteeType.FORUM: 'forum'>
    """

    kind: ClassVar[str] = "committee"
    group: ClassVar[EntityGroup] = EntityGroup.PARTNERSHIP
    layer: ClassVar[int] = 6
    committee_type: CommitteeType = attrs.field(default=CommitteeType.BOARD_COMMITTEE, converter=CommitteeType)


@attrs.frozen(kw_only=True)
class Partner(Body):
    """Any other partner: police, fire, housing, a university, a hospice...

    Examples:
        >>> import integratedcare as ic
        >>> ic.Partner(id="merseyside-police", name="Merseyside Police", sector="police").sector
        'police'
    """

    kind: ClassVar[str] = "partner"
    group: ClassVar[EntityGroup] = EntityGroup.PEOPLE
    layer: ClassVar[int] = 7
    sector: str | None = None


@attrs.frozen(kw_only=True)
class Post(Entity):
    """A role on a board or committee, such as "ICB chair"; filled (see ``Holds``) or vacant.

    Datasets name roles, never people.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Post(id="qyg-chair", name="Chair", voting=True).voting
        True
    """

    kind: ClassVar[str] = "post"
    group: ClassVar[EntityGroup] = EntityGroup.PEOPLE
    layer: ClassVar[int] = 7
    source_of: ClassVar[frozenset[str]] = frozenset({"member-of", "succeeded-by"})
    target_of: ClassVar[frozenset[str]] = frozenset({"holds", "succeeded-by"})
    voting: bool = True


# --- Documents ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Document(Entity):
    """A document: a strategy, assessment, plan, mandate, guidance or agreement.

    Its period is when it is in force.

    Examples:
        >>> import integratedcare as ic
        >>> issubclass(ic.IntegratedCareStrategy, ic.Document)
        True
    """

    group: ClassVar[EntityGroup] = EntityGroup.DOCUMENT
    layer: ClassVar[int] = 10
    area_rule: ClassVar[AreaRule] = AreaRule.PREPARED
    target_of: ClassVar[frozenset[str]] = frozenset({"duty", "prepares", "succeeded-by"})


@attrs.frozen(kw_only=True)
class IntegratedCareStrategy(Document):
    """The integrated care strategy an ICP must prepare (LGPIHA 2007 s116ZB).

    Examples:
        >>> import integratedcare as ic
        >>> ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer").kind
        'integrated-care-strategy'
    """

    kind: ClassVar[str] = "integrated-care-strategy"


@attrs.frozen(kw_only=True)
class JointStrategicNeedsAssessment(Document):
    """A joint strategic needs assessment by a council and its partner ICBs (LGPIHA 2007 s116).

    Examples:
        >>> import integratedcare as ic
        >>> ic.JSNA(id="cheshire-east-jsna", name="Cheshire East JSNA").kind
        'joint-strategic-needs-assessment'
    """

    kind: ClassVar[str] = "joint-strategic-needs-assessment"


@attrs.frozen(kw_only=True)
class JointLocalHealthAndWellbeingStrategy(Document):
    """A joint local health and wellbeing strategy (LGPIHA 2007 s116A).

    Examples:
        >>> import integratedcare as ic
        >>> ic.JLHWS(id="cheshire-east-jlhws", name="Cheshire East Joint Local HWB Strategy").kind
        'joint-local-health-and-wellbeing-strategy'
    """

    kind: ClassVar[str] = "joint-local-health-and-wellbeing-strategy"


@attrs.frozen(kw_only=True)
class JointForwardPlan(Document):
    """A five-year joint forward plan of an ICB and its partner trusts (NHS Act 2006 s14Z52).

    Examples:
        >>> import integratedcare as ic
        >>> ic.JFP(id="cm-jfp-2023", name="Joint Forward Plan 2023-28").kind
        'joint-forward-plan'
    """

    kind: ClassVar[str] = "joint-forward-plan"


@attrs.frozen(kw_only=True)
class NHSMandate(Document):
    """The Secretary of State's mandate to NHS England (NHS Act 2006 s13A).

    Examples:
        >>> import integratedcare as ic
        >>> ic.NHSMandate(id="mandate-2023", name="NHS mandate 2023").kind
        'nhs-mandate'
    """

    kind: ClassVar[str] = "nhs-mandate"


@attrs.frozen(kw_only=True)
class Guidance(Document):
    """Statutory or national guidance, such as the Secretary of State's on integrated care strategies.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Guidance(id="ics-strategy-guidance", name="Guidance on integrated care strategies").kind
        'guidance'
    """

    kind: ClassVar[str] = "guidance"


@attrs.frozen(kw_only=True)
class PlacePlan(Document):
    """A place's plan, such as a place-based partnership's plan for its population.

    Examples:
        >>> import integratedcare as ic
        >>> ic.PlacePlan(id="ce-place-plan", name="Cheshire East Place Plan").kind
        'place-plan'
    """

    kind: ClassVar[str] = "place-plan"


class AgreementType(enum.StrEnum):
    """The form of an agreement.

    Examples:
        >>> import integratedcare as ic
        >>> ic.AgreementType("memorandum-of-understanding").value
        'memorandum-of-understanding'
    """

    MEMORANDUM_OF_UNDERSTANDING = "memorandum-of-understanding"
    PARTNERSHIP_AGREEMENT = "partnership-agreement"
    TERMS_OF_REFERENCE = "terms-of-reference"
    SCHEME_OF_DELEGATION = "scheme-of-delegation"
    DELEGATION_AGREEMENT = "delegation-agreement"
    SECTION_75_AGREEMENT = "section-75-agreement"
    CONSTITUTION = "constitution"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Agreement(Document):
    """An agreement among bodies: a memorandum of understanding, terms of reference, a scheme of delegation...

    Relations that hold because of it name it in a :class:`~integratedcare.Clause`.

    Examples:
        >>> import integratedcare as ic
        >>> mou = ic.Agreement(id="cm-mou-2020", name="Cheshire and Merseyside MoU",
        ...                    agreement_type="memorandum-of-understanding")
        >>> mou.agreement_type.value
        'memorandum-of-understanding'
    """

    kind: ClassVar[str] = "agreement"
    agreement_type: AgreementType = attrs.field(default=AgreementType.OTHER, converter=AgreementType)
