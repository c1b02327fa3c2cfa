"""The 2025-26 reforms' data: each item from a source that was read, dated, with its verification flag.

The rule for flags: ``verified`` where the project's reference tables (``domain-facts.md``
§1.9 and §3.2) mark the fact verified, or where the source read is the publisher's own page;
``partly verified`` where the fact was read only in a report of the document (trade press or a
law firm's summary of a draft), not in the document itself. What no source read gives is a
:class:`ReformGap`. Each source's reference is the web address it was read at.
"""

from __future__ import annotations

from typing import Final

from integratedcare._governance._reforms import (
    BlueprintFunction,
    FunctionChange,
    NeighbourhoodHealthComponent,
    OversightFramework,
    PolicyDocument,
    Reform,
    ReformGap,
    RunningCostTarget,
)
from integratedcare._model import Source, Verification
from integratedcare._units import quantity

__all__ = [
    "BLUEPRINT_FUNCTIONS",
    "ENVELOPE",
    "NEIGHBOURHOOD_HEALTH_COMPONENTS",
    "OVERSIGHT_FRAMEWORKS",
    "REFORM_GAPS",
    "RUNNING_COST_TARGETS",
]

V, P, U = Verification.VERIFIED, Verification.PARTLY_VERIFIED, Verification.UNVERIFIED


def _source(title: str, reference: str, verification: Verification = V, note: str | None = None) -> Source:
    """A source read at a web address."""
    return Source(title=title, reference=reference, verification=verification, note=note)


# --- neighbourhood health --------------------------------------------------------------------

GUIDELINES: Final = PolicyDocument(
    id="neighbourhood-health-guidelines-2025-26",
    title="Neighbourhood health guidelines 2025/26",
    publisher="NHS England",
    published="2025-01-30",
    reference="https://www.england.nhs.uk/long-read/neighbourhood-health-guidelines-2025-26/",
    note="its appendix sets out 'the initial 6 components of neighbourhood health'",
)
_NHSE_GUIDELINES = _source(
    "NHS England, Neighbourhood health guidelines 2025/26 (30 January 2025)",
    "https://www.england.nhs.uk/long-read/neighbourhood-health-guidelines-2025-26/",
)
_GLOS = _source(
    "Gloucestershire primary care: integrated neighbourhood teams and neighbourhood health",
    "https://glosprimarycare.co.uk/integrated-neighbourhood-teams-ints-and-neighbourhood-health",
)
_HCL_NEIGHBOURHOOD = _source(
    "Healthcare Leader, 'ICBs must reduce NHS demand through neighbourhood health service' (4 February 2025)",
    "https://healthcareleadernews.com/news/icbs-must-reduce-nhs-demand-through-neighbourhood-health-service",
    P,
)
_HCL_URGENT = _source(
    "Healthcare Leader, 'How urgent neighbourhood services are developing across the NHS' (10 June 2025)",
    "https://healthcareleadernews.com/insight/how-urgent-neighbourhood-services-are-developing-across-the-nhs",
    P,
)

NEIGHBOURHOOD_HEALTH_COMPONENTS: Final[tuple[NeighbourhoodHealthComponent, ...]] = tuple(
    NeighbourhoodHealthComponent(number=n, name=name, document=GUIDELINES, verification=flag, sources=sources)
    for n, name, flag, sources in (
        (1, "Population health management", V, (_GLOS, _HCL_NEIGHBOURHOOD)),
        (2, "Modern general practice", V, (_GLOS, _HCL_NEIGHBOURHOOD)),
        (3, "Standardising community health services", V, (_GLOS, _HCL_NEIGHBOURHOOD)),
        (4, "Neighbourhood multidisciplinary teams", V, (_GLOS, _HCL_NEIGHBOURHOOD)),
        (5, "Integrated intermediate care with a 'Home First' approach", P, (_HCL_NEIGHBOURHOOD, _HCL_URGENT)),
        (6, "Urgent neighbourhood services", P, (_HCL_NEIGHBOURHOOD, _HCL_URGENT)),
    )
)
"""The six core components of neighbourhood health in the 2025/26 guidelines (30 January 2025).

The guidelines' own page says there are six (its appendix, which names them, was not read); the
names of the first four are verified (reference table §3.2, from Gloucestershire primary care and
Healthcare Leader), the last two were read in Healthcare Leader's reports of the guidelines (two articles, listing all
six) and are partly verified."""

# --- running costs and the Model ICB Blueprint ------------------------------------------------

BLUEPRINT: Final = PolicyDocument(
    id="model-icb-blueprint-v1",
    title="Model ICB Blueprint (version 1, draft)",
    publisher="NHS England",
    published=None,
    reference="https://nhsproviders.org/resources/model-icb-blueprint",
    note=(
        "a draft to be updated after engagement, shared with ICB leaders on 2 May 2025 (Halton Borough Council "
        "minutes: https://councillors.halton.gov.uk/ieIssueDetails.aspx?IId=66590&Opt=3&PlanId=0) and first "
        "published by HSJ; NHS England published no date of its own in the sources"
    ),
)
_HEMPSONS = _source(
    "Hempsons, 'The Model Integrated Care Board Blueprint - key insights'",
    "https://www.hempsons.co.uk/news-articles/the-model-integrated-care-board-blueprint-key-insights",
)
_HCL_ENVELOPE = _source(
    "Healthcare Leader, 'ICB running cost envelope to be reduced to £19 per head' (8 May 2025)",
    "https://healthcareleadernews.com/news/icb-running-cost-envelope-to-be-reduced-to-19-per-head",
)
_NHS_PROVIDERS = _source(
    "NHS Providers, Model ICB Blueprint briefing (8 May 2025)", "https://nhsproviders.org/resources/model-icb-blueprint"
)
_HALTON = _source(
    "Halton Borough Council, decision record on the Model ICB Blueprint (2025)",
    "https://councillors.halton.gov.uk/ieIssueDetails.aspx?IId=66590&Opt=3&PlanId=0",
    P,
    note="gives the day the draft blueprint was shared with ICBs, 2 May 2025",
)
_CONFED_MARCH = _source(
    "NHS Confederation responds to reports of ICB and provider cost-cutting orders (14 March 2025)",
    "https://www.wired-gov.net/wg/news.nsf/articles/nhs+confederation+responds+to+reports+of+icb+and+provider+cost+cutting+orders+14032025100500?open",
    P,
    note="ICBs 'ordered to cut their running costs by 50%'",
)
_LOWDOWN = _source(
    "The Lowdown, 'NHS shake-up slashes jobs: will it help cut waiting lists?'",
    "https://lowdownnhs.info/analysis/nhs-shakeup-slashes-jobs-will-it-help-cut-waiting-lists",
    P,
    note="ICBs to 'lose 18 functions'",
)
_PQ_45937 = _source(
    "Written answer on ICB operating costs (24 April 2025)",
    "https://parallelparliament.co.uk/question/45937/integrated-care-boards-operating-costs",
)
_HSJ_CQC_FEES = _source(
    "HSJ, 'ICBs face £5.5m cost for CQC assessments' (2023)",
    "https://www.hsj.co.uk/policy-and-regulation/icbs-face-55m-cost-for-cqc-assessments/7035854.article",
    P,
)
_HCL_HOSPITAL_TO_COMMUNITY = _source(
    "Healthcare Leader, 'From hospital to community: the challenges faced by ICBs' (17 February 2025)",
    "https://healthcareleadernews.com/insight/from-hospital-to-community-the-challenges-faced-by-icbs",
    P,
)

ENVELOPE: Final = RunningCostTarget(
    id="running-cost-envelope-18-76-per-head",
    title="Running-cost envelope of £18.76 per head of population",
    asked="in the draft Model ICB Blueprint shared on 2 May 2025; plans to regional leads by 5pm on 30 May 2025",
    due="by the end of Q3 2025/26, and recurrently into 2026/27",
    due_by="2025-12-31",
    per_head=quantity("18.76 GBP / person"),
    includes=("all ICB running costs", "programme pay"),
    excludes=(
        "delegated pharmacy, ophthalmic and dental (POD) services",
        "delegated specialised commissioning",
    ),
    document=BLUEPRINT,
    verification=V,
    sources=(_HEMPSONS, _HCL_ENVELOPE, _HALTON),
    note=(
        "due_by (2025-12-31) is our reading of 'by the end of Q3 2025/26' (Q3 of the financial year ends on 31 "
        "December); no source gives a calendar date. Whose heads are counted is not defined in the sources read. "
        "The target is met at an aggregate regional level, with some "
        "variation between ICBs managed within a region (Healthcare Leader quoting the blueprint). In April 2025 "
        "NHS England's chief executive put ICBs' current spend at £49 to just under £21 per head."
    ),
)

RUNNING_COST_TARGETS: Final[tuple[RunningCostTarget, ...]] = (
    RunningCostTarget(
        id="running-cost-cut-30-percent",
        title="30% cut in ICBs' running cost allowance over two years",
        asked="in 2023 (the month is not in the sources)",
        due="by 2025/26",
        reduction=0.3,
        verification=P,
        sources=(_HSJ_CQC_FEES, _HCL_HOSPITAL_TO_COMMUNITY),
        note="read in two trade-press reports; the instruction itself was not read",
    ),
    RunningCostTarget(
        id="running-cost-cut-50-percent",
        title="50% cut in ICBs' running costs",
        asked=(
            "March 2025; guidance to ICBs of 1 April 2025 "
            "('Working together in 2025/26 to lay the foundations for reform')"
        ),
        due="plans by the end of May 2025; the cut by Q3 2025/26 (HSJ, as reported)",
        reduction=0.5,
        includes=("running costs",),
        verification=V,
        sources=(_NHS_PROVIDERS, _PQ_45937, _CONFED_MARCH),
        note=(
            "the written answer calls it 'a 50% cost reduction in their running cost allowance'; the reference "
            "table (§3.2, citing NHS Confederation) says running and programme costs, which the sources read here "
            "do not"
        ),
    ),
    ENVELOPE,
)
"""The national running-cost targets for ICBs, oldest first; the last is the £18.76 per head envelope."""

_DERIVED_ONLY = "running_cost_envelope gives a derived figure instead"
_PULSE = _source(
    "Pulse, 'ICBs could hand over some functions to neighbourhood teams, NHSE proposes'",
    "https://www.pulsetoday.co.uk/news/nhs-structures/icbs-could-hand-over-some-functions-to-neighbourhood-teams-nhse-proposes",
    P,
)
_AOP = _source(
    "AOP, 'Primary care to move from ICB control under new NHS England blueprint' (13 May 2025)",
    "https://www.aop.org.uk/ot/news/2025/05/13/primary-care-to-move-from-icb-control-under-new-nhs-england-blueprint",
    P,
)
_LOCALGOV = _source(
    "LocalGov, 'Blueprint document sets out changes to ICB functions'",
    "http://localgov.co.uk/Blueprint-document-sets-out-changes-to-ICB-functions-/62335",
    P,
)
_PHARMACIST = _source(
    "The Pharmacist, 'ICB management cuts will exclude pharmacy commissioning'",
    "https://www.thepharmacist.co.uk/uncategorised/icb-management-cuts-will-exclude-pharmacy-commissioning",
    P,
)
_NHSE_DELEGATION = _source(
    "NHS England, Delegation proposals for vaccination and screening",
    "https://www.england.nhs.uk/long-read/delegation-proposals-for-vaccination-and-screening",
)
_OVER_TIME = "over time; the blueprint gives no specific timeframes"
_NEIGHBOURHOOD_PROVIDERS = "neighbourhood health providers"


def _function(
    name: str,
    change: FunctionChange,
    flag: Verification,
    sources: tuple[Source, ...],
    *,
    moves_to: str | None = None,
    moves_from: str | None = None,
    when: str | None = None,
    note: str | None = None,
) -> BlueprintFunction:
    """A function of the blueprint."""
    return BlueprintFunction(
        name=name,
        change=change,
        moves_to=moves_to,
        moves_from=moves_from,
        when=when,
        document=BLUEPRINT,
        verification=flag,
        sources=sources,
        note=note,
    )


ROLE, GROW, RETAIN, OUT, EXPLORE, IN = (
    FunctionChange.CORE_ROLE,
    FunctionChange.GROW,
    FunctionChange.RETAIN,
    FunctionChange.TRANSFER_OUT,
    FunctionChange.EXPLORE_TRANSFER_OUT,
    FunctionChange.TRANSFER_IN,
)

BLUEPRINT_FUNCTIONS: Final[tuple[BlueprintFunction, ...]] = (
    _function(
        "Strategic commissioning",
        ROLE,
        V,
        (_NHS_PROVIDERS, _HEMPSONS, _PQ_45937),
        note="ICBs are to act primarily as strategic commissioners (the blueprint's vision)",
    ),
    _function("Population health management", GROW, P, (_PULSE,)),
    _function("Strategic planning including care pathway redesign", GROW, P, (_PULSE,)),
    _function("Health inequalities expertise", GROW, P, (_PULSE, _PHARMACIST)),
    _function("Commissioning neighbourhood health", GROW, P, (_PULSE, _PHARMACIST)),
    _function("Commissioning of primary medical and general practice services", RETAIN, P, (_PULSE,)),
    _function(
        "Primary care operations and transformation",
        OUT,
        V,
        (_HEMPSONS, _PULSE, _AOP, _PHARMACIST, _LOCALGOV),
        moves_to=_NEIGHBOURHOOD_PROVIDERS,
        when=_OVER_TIME,
        note="covers medicines management, estates and workforce support",
    ),
    _function(
        "Development of neighbourhood and place-based partnerships",
        OUT,
        P,
        (_LOCALGOV, _AOP),
        moves_to=_NEIGHBOURHOOD_PROVIDERS,
        when=_OVER_TIME,
    ),
    *(
        _function(name, OUT, P, (_AOP,), moves_to=_NEIGHBOURHOOD_PROVIDERS, when=_OVER_TIME)
        for name in (
            "Pathway and service development",
            "Medicines optimisation",
            "Sustainability",
            "Research",
            "Local workforce training and development",
            "Digital transformation",
        )
    ),
    _function("Workforce planning", OUT, P, (_AOP, _LOCALGOV), moves_to="NHS regions", when=_OVER_TIME),
    _function("Education and training", OUT, P, (_AOP, _LOCALGOV), moves_to="NHS regions", when=_OVER_TIME),
    _function(
        "General practice IT",
        EXPLORE,
        P,
        (_PULSE,),
        note="ICBs to 'explore options to transfer out' while 'ensuring a consistent offer'; no receiving body named",
    ),
    _function(
        "Vaccinations and screening",
        IN,
        P,
        (_LOCALGOV, _NHSE_DELEGATION),
        moves_from="NHS England",
        when="April 2026",
        note=(
            "delegated by NHS England to ICBs, not transferred; NHS England keeps child health information services "
            "and some screening (its board paper of 6 February 2025: 'the significant majority' delegated)"
        ),
    ),
)
"""The ICB functions the draft Model ICB Blueprint (2 May 2025) grows, keeps, moves out or moves in.

The blueprint counts 18 functions to transfer out of ICBs over time (AOP; The Lowdown); the
sources read name ten of them, and the functions that grow or stay are those the sources name
(Pulse's list runs on past the excerpt read). A receiving body is recorded only where a source names it."""

# --- the NHS Oversight Framework --------------------------------------------------------------

_SEGMENTATION_2024 = _source(
    "NHS England, NHS oversight framework segmentation (updated 12 April 2024)",
    "https://www.england.nhs.uk/publication/nhs-oversight-framework-segmentation/",
)
_CONSULTATION_2024 = _source(
    "NHS England, Consultation on the draft updated NHS Oversight and Assessment Framework (2024)",
    "https://www.england.nhs.uk/long-read/consultation-on-the-draft-updated-nhs-oversight-and-assessment-framework/",
    note="the revised NHS Oversight Framework was 'published in July 2022 to coincide with ICB establishment'",
)
_CONFED_2025 = _source(
    "NHS Confederation, 2025/26 NHS Oversight Framework",
    "https://www.nhsconfed.org/publications/202526-nhs-oversight-framework",
)
_LEAGUE_TABLES = _source(
    "NHS England, segmentation and league tables",
    "https://www.england.nhs.uk/nhs-oversight-framework/segmentation-and-league-tables",
)
_HCL_SEGMENTED = _source(
    "Healthcare Leader, 'ICBs to be segmented from 2026/27' (1 July 2025)",
    "https://healthcareleadernews.com/news/icbs-to-be-segmented-from-2026-27",
)
_MANUAL_2025 = _source(
    "NHS England, NHS Oversight Framework 2025/26 methodology manual",
    "https://www.england.nhs.uk/long-read/nhs-oversight-framework-2025-26-methodology-manual",
)
_SYSTEM_2021 = _source(
    "NHS England, NHS System Oversight Framework segmentation (11 November 2021)",
    "https://www.england.nhs.uk/publication/nhs-system-oversight-framework-segmentation/",
    note="trusts and ICSs in four segments",
)
_MANUAL_2026 = _source(
    "NHS England, NHS Oversight Framework 2026/27 methodology manual",
    "https://www.england.nhs.uk/long-read/nhs-oversight-framework-2026-27-methodology-manual/",
)

OVERSIGHT_FRAMEWORKS: Final[tuple[OversightFramework, ...]] = (
    OversightFramework(
        id="nhs-oversight-framework-2022",
        title="NHS Oversight Framework (2022)",
        years=("2022/23", "2023/24", "2024/25"),
        provider_segments=(1, 2, 3, 4),
        icb_segments=(1, 2, 3, 4),
        verification=P,
        sources=(_SEGMENTATION_2024, _CONSULTATION_2024),
        note=(
            "trusts and ICBs each in one of four segments, from no specific support needs (1) to mandated "
            "intensive support (4); published July 2022 (day not in the sources); the years it governed follow "
            "from its publication and its 2025/26 successor (inferred): from April to June 2022 the 2021/22 "
            "framework still applied, and there were no ICBs yet"
        ),
    ),
    OversightFramework(
        id="nhs-oversight-framework-2025-26",
        title="NHS Oversight Framework 2025/26",
        years=("2025/26",),
        published="2025-06-26",
        provider_segments=(1, 2, 3, 4, 5),
        icb_segments=(),
        verification=V,
        sources=(_CONFED_2025, _LEAGUE_TABLES, _MANUAL_2025, _HCL_SEGMENTED),
        note=(
            "providers in segments 1 to 4, and segment 5 (intensive support through the Provider Improvement "
            "Programme), with league tables; ICBs not segmented in 2025/26, a year of significant change for them, "
            "but assessed through the statutory annual assessment; ICBs already in the Recovery Support Programme "
            "stay in it, 'equivalent to segment five' (Healthcare Leader)"
        ),
    ),
    OversightFramework(
        id="nhs-oversight-framework-2026-27",
        title="NHS Oversight Framework 2026/27",
        years=("2026/27",),
        provider_segments=(1, 2, 3, 4),
        icb_segments=(1, 2, 3, 4),
        verification=V,
        sources=(_MANUAL_2026, _HCL_SEGMENTED),
        note="providers and ICBs scored and segmented 1 to 4 (methodology manual; publication day not in the sources)",
    ),
)
"""The NHS Oversight Frameworks by the financial years they govern, and who each segments."""

# --- what the sources do not give -----------------------------------------------------------

_ALLOCATIONS = _source(
    "NHS England, Allocations for 2025/26: 'ICB running cost allowance 2023/24 to 2025/26'",
    "https://www.england.nhs.uk/allocations/previous/allocations-for-2025-26",
    U,
    note="the page lists the document; its figures were not read",
)
_CQC_FEES = _source(
    "CQC consultation on ICS assessment fees: proposed regulatory fee for ICBs, 2024/25",
    "https://gl-cqc.axis12.com/about-us/how-we-involve-you/consultations/ICS-fees/proposed-regulatory-fee",
    U,
    note=(
        "draft 2024/25 allowances of the 42 ICBs ('draft figures and may change'), not 2025/26; read in part, at "
        "this address (not on cqc.org.uk)"
    ),
)

REFORM_GAPS: Final[tuple[ReformGap, ...]] = (
    ReformGap(
        reform=Reform.RUNNING_COSTS,
        topic="running cost allowance of each ICB for 2025/26",
        reason=(
            "NHS England publishes the allowances, but no source read gives their figures; "
            f"{_DERIVED_ONLY}, labelled as such"
        ),
        leads=(_ALLOCATIONS, _CQC_FEES),
    ),
    ReformGap(
        reform=Reform.MODEL_ICB_BLUEPRINT,
        topic="the other eight of the 18 functions to transfer out, and dates for any transfer",
        reason="the sources read name ten of the 18, and the blueprint gives no specific timeframes",
        leads=(_NHS_PROVIDERS, _LOWDOWN),
    ),
    ReformGap(
        reform=Reform.MODEL_ICB_BLUEPRINT,
        topic="the other functions the blueprint grows or keeps",
        reason="Pulse's list of functions that grow runs on past the excerpt read; those named are recorded",
        leads=(_PULSE,),
    ),
    ReformGap(
        reform=Reform.MODEL_ICB_BLUEPRINT,
        topic="the body that receives general practice IT",
        reason="the blueprint asks ICBs to explore options to transfer it out, naming no receiver",
    ),
    ReformGap(
        reform=Reform.NEIGHBOURHOOD_HEALTH,
        topic="the guidelines' own wording of components 5 and 6, and what each component requires",
        reason="the guidelines' appendix was not read; components 5 and 6 come from trade-press reports of it",
        leads=(_NHSE_GUIDELINES,),
    ),
    ReformGap(
        reform=Reform.NEIGHBOURHOOD_HEALTH,
        topic="neighbourhoods of the england dataset",
        reason="no source read lists the neighbourhoods of any ICB",
    ),
    ReformGap(
        reform=Reform.OVERSIGHT_FRAMEWORK,
        topic="the segment of any ICB or NHS trust in any year",
        reason="NHS England publishes segmentation decisions, but no source read gives a body's segment",
        leads=(_SEGMENTATION_2024, _LEAGUE_TABLES),
    ),
    ReformGap(
        reform=Reform.OVERSIGHT_FRAMEWORK,
        topic="frameworks before 2022/23 and after 2026/27",
        reason="the 2021/22 framework segmented ICSs (not yet statutory ICBs); no later framework is in the sources",
        leads=(_SYSTEM_2021,),
    ),
)
"""What each reform's sources do not give, and why: recorded as missing, never guessed."""
