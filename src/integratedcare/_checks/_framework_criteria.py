"""The bundled maturity frameworks, how the landscape shows their criteria, and :func:`assess`.

Criteria are paraphrased from the source documents: the seven core features (a Cheshire and
Merseyside appendix), the five national expectations (as the North East and North Cumbria ICS's
slides list them) and the GGI's six early decisions (its guide of 7 February 2022).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from integratedcare._checks._frameworks import (
    Assessment,
    Criterion,
    CriterionAssessment,
    CriterionStatus,
    Evidence,
    Framework,
    UnknownFrameworkError,
)
from integratedcare._checks._reading import (
    describe,
    icbs_of,
    member_ids,
    mentions,
    represented,
    roles_of,
    seat_count,
    size_text,
)
from integratedcare._checks._rules_guidance import LEAN_ICP_MAX
from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import (
    Agreement,
    AgreementType,
    Clause,
    DateLike,
    Delegation,
    Entity,
    HealthAndWellbeingBoard,
    Healthwatch,
    IntegratedCarePartnership,
    IntegratedCareStrategy,
    IntegratedCareSystem,
    JointLocalHealthAndWellbeingStrategy,
    JointStrategicNeedsAssessment,
    Neighbourhood,
    Partner,
    PartnershipScope,
    PlaceBasedPartnership,
    PlacePlan,
    Prepares,
    PrimaryCareNetwork,
    Source,
    VCSEOrganisation,
    Within,
    to_date,
)
from integratedcare._queries import entity_of, view_of
from integratedcare._statute import cite

__all__ = ["FRAMEWORKS", "assess"]


# --- how the landscape shows criteria ---------------------------------------------------------


def _members(land: Landscape, subject: Entity) -> list[Entity]:
    """Return the entities that sit on the subject, directly or through posts they hold."""
    return [land.get(i) for i in sorted(represented(land, subject.id))]


def _linked(land: Landscape, subject: Entity) -> list[Entity]:
    """Return the entities joined to the subject by any relation, either way."""
    ids = {r.target for r in land.relations(source=subject.id)} | {r.source for r in land.relations(target=subject.id)}
    return [land.get(i) for i in sorted(ids)]


def _prepared(land: Landscape, subject: Entity, kinds: tuple[type[Entity], ...]) -> list[Entity]:
    """Return the documents of ``kinds`` that the subject prepares."""
    found = (land.get(r.target) for r in land.relations(Prepares, source=subject.id))
    return [e for e in found if isinstance(e, kinds)]


def _verdict(found: Iterable[Entity], fact: str, gap: str) -> tuple[list[str], list[str]]:
    """Return a fact naming what was found, or the gap when nothing was."""
    named = ", ".join(describe(e) for e in found)
    return ([f"{fact}: {named}"], []) if named else ([], [gap])


def _add(*parts: tuple[list[str], list[str]]) -> tuple[list[str], list[str]]:
    """Combine several readings."""
    return [f for facts, _ in parts for f in facts], [g for _, gaps in parts for g in gaps]


def _governance(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Core feature 1: a link to the HWB, partners beyond health and care, an agreed basis."""
    agreements: list[Entity] = [e for e in _linked(land, subject) if isinstance(e, Agreement)]
    agreements += [
        land.get(r.basis.agreement)
        for r in (*land.relations(source=subject.id), *land.relations(target=subject.id))
        if isinstance(r.basis, Clause)
    ]
    return _add(
        _verdict(
            (e for e in _linked(land, subject) if isinstance(e, HealthAndWellbeingBoard)),
            "linked to the health and wellbeing board",
            "no link to a health and wellbeing board",
        ),
        _verdict(
            (e for e in _members(land, subject) if isinstance(e, (Partner, VCSEOrganisation))),
            "partners from beyond health and care",
            "no members from beyond health and care (housing, voluntary sector, police...)",
        ),
        _verdict(sorted(set(agreements), key=lambda e: e.id), "agreed in", "no agreement recorded"),
    )


def _place_lead(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Core feature 2: a place lead among the members."""
    leads = [land.get(m) for m in member_ids(land, subject.id) if mentions(roles_of(land, m, subject.id), "lead")]
    return _verdict(leads, "place lead", "no place lead among the members")


def _place_plan(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Core feature 3: a plan or strategy the partnership prepares."""
    kinds = (PlacePlan, JointLocalHealthAndWellbeingStrategy, IntegratedCareStrategy)
    return _verdict(_prepared(land, subject, kinds), "prepares", "no plan or strategy prepared")


def _within(land: Landscape, area: str, kind: type[Entity]) -> list[Entity]:
    """Return the entities of ``kind`` directly within ``area``."""
    found = (land.get(r.source) for r in land.relations(Within, target=area))
    return [e for e in found if isinstance(e, kind)]


def _neighbourhoods(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Core feature 5: neighbourhood footprints, with primary care networks."""
    hoods = _within(land, subject.id, Neighbourhood)
    areas = [subject.id, *(h.id for h in hoods)]
    pcns = {p for area in areas for p in _within(land, area, PrimaryCareNetwork)}
    pcns.update(e for e in _members(land, subject) if isinstance(e, PrimaryCareNetwork))
    return _add(
        _verdict(hoods, "neighbourhoods", "no neighbourhood footprints"),
        _verdict(sorted(pcns, key=lambda e: e.id), "primary care networks", "no primary care networks"),
    )


def _commissioning(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Core feature 7: delegated functions or a pooled budget (s75 agreement) among the partners."""
    delegated = sorted({land.get(r.source) for r in land.relations(Delegation, target=subject.id)}, key=lambda e: e.id)
    pooled = {
        e
        for member in _members(land, subject)
        for e in _prepared(land, member, (Agreement,))
        if isinstance(e, Agreement) and e.agreement_type is AgreementType.SECTION_75_AGREEMENT
    }
    facts, _ = _add(
        _verdict(delegated, "functions delegated by", ""),
        _verdict(sorted(pooled, key=lambda e: e.id), "pooled budget", ""),
    )
    return (
        (facts, [])
        if facts
        else ([], [f"no delegated functions or pooled budget ({cite('nhsa-s75').section} agreement) recorded"])
    )


def _system(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Expectation 1: part of the system, serving an ICB's area."""
    systems = [e for e in _linked(land, subject) if isinstance(e, IntegratedCareSystem)]
    return _add(
        _verdict(icbs_of(land, subject), "serves the area of", "serves no ICB's area"),
        _verdict(systems, "part of", "not recorded as part of an integrated care system"),
    )


def _needs(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Expectation 2: the needs assessments of its councils (or their boards) are there to build on."""
    preparers = _members(land, subject)
    preparers += [e for m in preparers for e in _linked(land, m) if isinstance(e, HealthAndWellbeingBoard)]
    jsnas = sorted(
        {d for p in preparers for d in _prepared(land, p, (JointStrategicNeedsAssessment,))}, key=lambda e: e.id
    )
    return _verdict(jsnas, "needs assessments of its members", "no needs assessment prepared by its members")


def _strategy(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Expectation 3: an integrated care strategy."""
    return _verdict(
        _prepared(land, subject, (IntegratedCareStrategy,)), "prepares", "no integrated care strategy prepared"
    )


def _subsidiarity(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Expectation 4: place partnerships in its system or area."""
    areas = {subject.id, *(i.id for i in icbs_of(land, subject))}
    areas.update(e.id for e in _linked(land, subject) if isinstance(e, IntegratedCareSystem))
    places = sorted({p for a in areas for p in _within(land, a, PlaceBasedPartnership)}, key=lambda e: e.id)
    return _verdict(places, "place partnerships", "no place partnerships recorded in its area")


def _inclusive(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Expectation 5: Healthwatch and the voluntary sector take part."""
    around = _members(land, subject) + _linked(land, subject)
    return _add(
        _verdict(
            sorted({e for e in around if isinstance(e, Healthwatch)}, key=lambda e: e.id),
            "Healthwatch",
            "no Healthwatch involved",
        ),
        _verdict(
            sorted({e for e in around if isinstance(e, VCSEOrganisation)}, key=lambda e: e.id),
            "voluntary sector",
            "no voluntary sector organisation involved",
        ),
    )


def _systems_view(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Decision 3: how far the ICB's board also sits on the ICP (more than half is duplication)."""
    facts: list[str] = []
    gaps: list[str] = []
    ours = set(member_ids(land, subject.id))
    for icb in icbs_of(land, subject):
        board = set(member_ids(land, icb.id))
        if not board:
            continue
        shared = len(board & ours)
        text = f"{shared} of the {len(board)} members of the board of {describe(icb)} also sit on the ICP"
        (gaps if 2 * shared > len(board) else facts).append(text)
    return facts, gaps


def _lean(land: Landscape, subject: Entity) -> tuple[list[str], list[str]]:
    """Decision 4: no more than 25 members (seats, where memberships record them)."""
    count = seat_count(land, subject.id)
    if not count:
        return [], []
    if count > LEAN_ICP_MAX:
        return [], [f"{size_text(land, subject.id)}, more than {LEAN_ICP_MAX}"]
    return [f"{size_text(land, subject.id)}, no more than {LEAN_ICP_MAX}"], []


def _seed(_document: str, lines: str) -> str:
    """Point to lines of the framework's source document (the first argument names it for the reader)."""
    return f"lines {lines}" if "-" in lines else f"line {lines}"


_PLACES: Final = (PlaceBasedPartnership, IntegratedCarePartnership)
_ICPS: Final = (IntegratedCarePartnership,)

CORE_FEATURES: Final = Framework(
    id="icp-core-features",
    title="Seven core features of an integrated care partnership (place level)",
    source=Source(
        title="Cheshire and Merseyside, appendix: seven core features of an integrated care partnership",
        reference="Appendix 2, Seven core features of an integrated care partnership (undated)",
        verification="verified",
    ),
    subjects=_PLACES,
    criteria=(
        Criterion(
            id="core-1",
            title="Governance of the partnership",
            description="Formal arrangements for place partners to meet and deliver the outcomes the health and "
            "wellbeing board and the system set: linked to the board, reaching beyond health and care, agreed "
            "by every partner.",
            reference=_seed("000", "5-15"),
            measure=_governance,
        ),
        Criterion(
            id="core-2",
            title="A nominated place lead",
            description="A lead for integrated working, endorsed by the partners, who speaks for the place in "
            "the system.",
            reference=_seed("000", "16-18"),
            measure=_place_lead,
        ),
        Criterion(
            id="core-3",
            title="A shared vision and plan approved by the health and wellbeing board",
            description="A plan to reduce inequalities and improve outcomes, built on the needs assessment and "
            "population data, and made with local people including those seldom heard.",
            reference=_seed("000", "19-26"),
            measure=_place_plan,
        ),
        Criterion(
            id="core-4",
            title="An agreed development plan",
            description="A plan for progress against the system's maturity framework, with organisational and "
            "staff development across all partners.",
            reference=_seed("000", "28-32"),
        ),
        Criterion(
            id="core-5",
            title="Defined neighbourhood footprints led by primary care networks",
            description="Agreed neighbourhoods based on local communities, clinically led by primary care "
            "networks working with social care, community and mental health services and local groups.",
            reference=_seed("000", "34-37"),
            measure=_neighbourhoods,
        ),
        Criterion(
            id="core-6",
            title="Ongoing public and stakeholder engagement",
            description="Joint communications and an engagement plan through which local people can shape "
            "services, reaching minority and seldom-heard voices.",
            reference=_seed("000", "39-44"),
        ),
        Criterion(
            id="core-7",
            title="Integrated commissioning between health and the council",
            description="Shared posts, joint teams and pooled budgets for commissioning at place, supporting "
            "the partnership's work.",
            reference=_seed("000", "46-49"),
            measure=_commissioning,
        ),
    ),
)

NATIONAL_EXPECTATIONS: Final = Framework(
    id="icp-national-expectations",
    title="Five national expectations of integrated care partnerships",
    source=Source(
        title="DHSC, NHS England and the LGA: expectations of integrated care partnerships",
        reference=(
            "ICS design framework (June 2021) and ICP engagement document (September 2021), as listed in North East "
            'and North Cumbria ICS, "Guidance on the formation of Integrated Care Partnerships" (slides)'
        ),
        verification="verified",
    ),
    subjects=_ICPS,
    criteria=(
        Criterion(
            id="expectation-1",
            title="A core part of the system",
            description="The partnership is central to the integrated care system and sets its direction and "
            "priorities.",
            reference=_seed("001", "35"),
            measure=_system,
        ),
        Criterion(
            id="expectation-2",
            title="Rooted in local needs",
            description="Its work starts from the needs of people, communities and places.",
            reference=_seed("001", "36"),
            measure=_needs,
        ),
        Criterion(
            id="expectation-3",
            title="Population health strategy",
            description="It makes room to develop and oversee strategies that improve population health, "
            "outcomes and experience.",
            reference=_seed("001", "37"),
            measure=_strategy,
        ),
        Criterion(
            id="expectation-4",
            title="Integration and subsidiarity",
            description="It supports integrated working and decisions taken as locally as sensible.",
            reference=_seed("001", "38"),
            measure=_subsidiarity,
        ),
        Criterion(
            id="expectation-5",
            title="Open and inclusive",
            description="It develops strategy and leads openly, involving communities and partners and using "
            "local data and insight.",
            reference=_seed("001", "39"),
            measure=_inclusive,
        ),
    ),
)

EARLY_DECISIONS: Final = Framework(
    id="icp-early-decisions",
    title="The Good Governance Institute's six early decisions for an integrated care partnership",
    source=Source(
        title="GGI guide to integrated care partnerships (2022)",
        reference="Good Governance Institute, 7 February 2022",
        verification="verified",
    ),
    subjects=_ICPS,
    criteria=(
        Criterion(
            id="ggi-1",
            title="Establishing principles",
            description="Partners first agree shared principles (such as subsidiarity and collaboration) and "
            "principles for governance design, such as clear roles and no duplication.",
            reference=_seed("004", "64-66"),
        ),
        Criterion(
            id="ggi-2",
            title="Clarity of roles",
            description="Members serve the population of the system, bringing their sector's knowledge rather "
            "than representing their organisation.",
            reference=_seed("004", "68-70"),
        ),
        Criterion(
            id="ggi-3",
            title="Adopting a systems view",
            description="Memberships of the ICB and the ICP are compared side by side to avoid the same people "
            "discussing the same decisions twice. Read from the landscape: more than half of the ICB board also "
            "sitting on the ICP is a gap (our threshold).",
            reference=_seed("004", "72-74"),
            measure=_systems_view,
        ),
        Criterion(
            id="ggi-4",
            title="Defining a lean ICP",
            description="At most 25 members, with wider views gathered through sub-groups, panels and workshops.",
            reference=_seed("004", "76-78"),
            measure=_lean,
        ),
        Criterion(
            id="ggi-5",
            title="Considering joint chairs",
            description="A deliberate choice between one chair for the ICB and the ICP (easier co-ordination) "
            "and separate chairs (more democratic representation).",
            reference=_seed("004", "80-82"),
        ),
        Criterion(
            id="ggi-6",
            title="Joint ICB and ICP development programmes",
            description="Development programmes commissioned jointly for both boards, to build system "
            "leadership and its culture.",
            reference=_seed("004", "84-86"),
        ),
    ),
)

FRAMEWORKS: Final[Mapping[str, Framework]] = MappingProxyType(
    {f.id: f for f in (CORE_FEATURES, EARLY_DECISIONS, NATIONAL_EXPECTATIONS)}
)
"""Every maturity framework by id."""


def _status(facts: list[str], gaps: list[str], recorded: Evidence | None) -> CriterionStatus:
    """Decide a criterion's status from what the landscape shows and what was recorded."""
    if gaps:
        return CriterionStatus.PARTLY_MET if facts or (recorded and recorded.met) else CriterionStatus.NOT_MET
    if facts:
        return CriterionStatus.MET if recorded is None or recorded.met else CriterionStatus.PARTLY_MET
    if recorded is None:
        return CriterionStatus.NO_EVIDENCE
    return CriterionStatus.MET if recorded.met else CriterionStatus.NOT_MET


def _subject(land: Landscape, framework: Framework, subject: Entity | str | None) -> Entity | None:
    """Return the entity to assess: the one named, or the landscape's only entity of a fitting kind."""
    if subject is not None:
        entity = entity_of(land, subject)
        if not _fits(framework, entity):
            kinds = " or ".join(k.kind for k in framework.subjects)
            raise InvalidValueError(
                subject=f'framework "{framework.id}"',
                field="subject",
                problem=f"must be a {kinds}, got a {entity.kind}",
            )
        return entity
    fitting = [e for e in land if _fits(framework, e)]
    if len(fitting) > 1:
        raise InvalidValueError(
            subject=f'framework "{framework.id}"',
            field="subject",
            problem=f"must be given: the landscape holds {len(fitting)} entities it could assess",
        )
    return fitting[0] if fitting else None


def _fits(framework: Framework, entity: Entity) -> bool:
    """Return whether a framework can assess the entity (place frameworks take place-level ICPs only)."""
    if not isinstance(entity, framework.subjects):
        return False
    if isinstance(entity, IntegratedCarePartnership):
        place = entity.scope is PartnershipScope.PLACE
        return place if PlaceBasedPartnership in framework.subjects else not place
    return True


def _evidence(framework: Framework, evidence: Mapping[str, Evidence | bool] | None) -> dict[str, Evidence]:
    """Check and normalise the recorded evidence (a flag stands for evidence without a note)."""
    found: dict[str, Evidence] = {}
    for key, value in (evidence or {}).items():
        framework.criterion(key)
        found[key] = value if isinstance(value, Evidence) else Evidence(met=bool(value))
    return found


def assess(
    landscape: Landscape,
    framework: Framework | str,
    evidence: Mapping[str, Evidence | bool] | None = None,
    *,
    subject: Entity | str | None = None,
    as_of: DateLike | None = None,
) -> Assessment:
    """Assess a partnership against a maturity framework, from the landscape and recorded evidence.

    Args:
        landscape: the landscape holding the partnership.
        framework: a :class:`Framework` or its id in :data:`FRAMEWORKS`.
        evidence: recorded evidence by criterion id (an :class:`Evidence`, or ``True``/``False``).
        subject: the partnership to assess, or its id; may be left out when the landscape holds
            exactly one entity the framework can assess.
        as_of: read the landscape as it stood on this date.

    Returns:
        An :class:`Assessment` with, per criterion, its status, the evidence and the gaps.

    Raises:
        UnknownFrameworkError: no framework has that id.
        InvalidValueError: the evidence names a criterion the framework lacks, or the subject is
            of the wrong kind or is needed and not given.

    Examples:
        >>> import integratedcare as ic
        >>> land = (ic.LandscapeBuilder()
        ...         .add(ic.ICP(id="icp", name="A big ICP"))
        ...         .add(*[ic.Partner(id=f"p{n}", name=f"Partner {n}") for n in range(30)])
        ...         .add(*[ic.MemberOf(source=f"p{n}", target="icp") for n in range(30)])
        ...         .build())
        >>> result = ic.checks.assess(land, "icp-early-decisions").result("ggi-4")
        >>> result.status, result.gaps
        (<CriterionStatus.NOT_MET: 'not met'>, ('30 members, more than 25',))
    """
    if isinstance(framework, str):
        if framework not in FRAMEWORKS:
            raise UnknownFrameworkError(id=framework, known=sorted(FRAMEWORKS))
        framework = FRAMEWORKS[framework]
    day = None if as_of is None else to_date(as_of, field="as_of")
    land = view_of(landscape, day)
    entity = _subject(land, framework, subject)
    recorded = _evidence(framework, evidence)
    results = []
    for criterion in framework.criteria:
        facts, gaps = ([], []) if entity is None or criterion.measure is None else criterion.measure(land, entity)
        note = recorded.get(criterion.id)
        if note is not None and note.note:
            (facts if note.met else gaps).append(note.note)
        results.append(
            CriterionAssessment(
                criterion=criterion, status=_status(facts, gaps, note), evidence=tuple(facts), gaps=tuple(gaps)
            )
        )
    return Assessment(framework=framework, subject=entity, results=tuple(results), as_of=day)
