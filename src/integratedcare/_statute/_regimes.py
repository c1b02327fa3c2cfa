"""The legal regimes integratedcare knows, with their rules, and how to choose one.

Every citation comes from the rulebook (:mod:`._rulebook`), which records how far each provision's
text was verified: **verified** where it was seen, **partly verified** where the substance was seen
but not the exact words or section, **unverified** where modelled from memory. Unverified rules stay
flagged so that every answer relying on them says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from operator import itemgetter
from types import MappingProxyType
from typing import Final

import attrs

from integratedcare._model import (
    Citation,
    DateLike,
    DutyKind,
    Entity,
    Guidance,
    HealthAndWellbeingBoard,
    Healthwatch,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareStrategy,
    JointForwardPlan,
    JointLocalHealthAndWellbeingStrategy,
    JointStrategicNeedsAssessment,
    LocalAuthority,
    NHSEngland,
    NHSMandate,
    NHSTrust,
    SecretaryOfState,
    Verification,
    kind_label,
    to_date,
)
from integratedcare._statute._errors import UnknownRegimeError
from integratedcare._statute._rulebook import RULEBOOK, Abolition, Change, Provision, provision
from integratedcare._statute._rules import Connection, DutyRule, Regime

__all__ = ["DEFAULT_REGIME", "REGIMES", "legal_regime"]

_V, _P, _U = Verification.VERIFIED, Verification.PARTLY_VERIFIED, Verification.UNVERIFIED
_ANY_FUNCTIONS: Final = "when exercising any functions"

_REGARD = DutyKind.HAVE_REGARD_TO
_OVERLAP, _PARTNER = Connection.GEOGRAPHIC_OVERLAP, Connection.PARTNERSHIP
_PREPARES, _NATIONAL = Connection.PREPARATION, Connection.NATIONAL


def _cite(provision_id: str) -> Citation:
    """Cite a rulebook entry."""
    return provision(provision_id).citation


def _s116b1(holder: type[LocalAuthority | IntegratedCareBoard], who: str) -> tuple[DutyRule, ...]:
    """The three limbs of LGPIHA 2007 s116B(1) for one kind of holder (partly verified)."""
    cite = _cite("lgpiha-s116B(1)")
    return (
        DutyRule(
            id=f"s116B-1-{who}-strategy",
            holder=holder,
            duty=_REGARD,
            object=IntegratedCareStrategy,
            connection=_OVERLAP,
            citation=cite,
            context=_ANY_FUNCTIONS,
            description=f"The {_WHO[who]} must have regard to the integrated care strategy of every area it lies in.",
        ),
        DutyRule(
            id=f"s116B-1-{who}-jsna",
            holder=holder,
            duty=_REGARD,
            object=JointStrategicNeedsAssessment,
            connection=_PARTNER,
            citation=cite,
            context=_ANY_FUNCTIONS,
            description=f"The {_WHO[who]} must have regard to the needs assessment of itself or its partner councils.",
        ),
        DutyRule(
            id=f"s116B-1-{who}-jlhws",
            holder=holder,
            duty=_REGARD,
            object=JointLocalHealthAndWellbeingStrategy,
            connection=_PARTNER,
            citation=cite,
            context=_ANY_FUNCTIONS,
            description=(
                f"The {_WHO[who]} must have regard to the joint local health and wellbeing strategy "
                "of itself or its partner councils."
            ),
        ),
    )


_WHO: Final = {"icb": "ICB", "council": "responsible council"}


def _s116b2() -> tuple[DutyRule, ...]:
    """NHS England's limb, LGPIHA 2007 s116B(2) (unverified)."""
    cite = _cite("lgpiha-s116B(2)")
    documents = (
        ("strategy", IntegratedCareStrategy, "integrated care strategy"),
        ("jsna", JointStrategicNeedsAssessment, "joint strategic needs assessment"),
        ("jlhws", JointLocalHealthAndWellbeingStrategy, "joint local health and wellbeing strategy"),
    )
    return tuple(
        DutyRule(
            id=f"s116B-2-nhse-{short}",
            holder=NHSEngland,
            duty=_REGARD,
            object=document,
            connection=_NATIONAL,
            citation=cite,
            context="when arranging health services for its area",
            description=f"NHS England must have regard to each {name} when arranging services for its area.",
        )
        for short, document, name in documents
    )


def _s116za() -> tuple[DutyRule, ...]:
    """The duty to establish the ICP, LGPIHA 2007 s116ZA(1) (verified)."""
    cite = _cite("lgpiha-s116ZA(1)")
    return (
        DutyRule(
            id="s116ZA-1-icb-establish-icp",
            holder=IntegratedCareBoard,
            duty=DutyKind.ESTABLISH,
            object=IntegratedCarePartnership,
            connection=_OVERLAP,
            citation=cite,
            context="jointly with each responsible council in its area",
            description="The ICB must establish an integrated care partnership for its area.",
        ),
        DutyRule(
            id="s116ZA-1-council-establish-icp",
            holder=LocalAuthority,
            duty=DutyKind.ESTABLISH,
            object=IntegratedCarePartnership,
            connection=_OVERLAP,
            citation=cite,
            context="jointly with the ICB",
            description=(
                "Each responsible council whose area lies wholly or partly in an ICB's area must establish "
                "that area's integrated care partnership."
            ),
        ),
    )


def _s116zb() -> tuple[DutyRule, ...]:
    """The ICP's duties in preparing its strategy, LGPIHA 2007 s116ZB (verified)."""
    preparing = "when preparing its integrated care strategy"
    rules = [
        DutyRule(
            id="s116ZB-1-icp-prepare-strategy",
            holder=IntegratedCarePartnership,
            duty=DutyKind.PREPARE,
            object=IntegratedCareStrategy,
            connection=_PREPARES,
            citation=_cite("lgpiha-s116ZB(1)"),
            description="The ICP must prepare an integrated care strategy for its area.",
        ),
        DutyRule(
            id="s116ZB-2-icp-consider-s75",
            holder=IntegratedCarePartnership,
            duty=DutyKind.CONSIDER,
            object=IntegratedCareStrategy,
            connection=_PREPARES,
            citation=_cite("lgpiha-s116ZB(2)"),
            wording="must consider whether arrangements under NHS Act 2006 s75 could better meet the needs in",
            description="The ICP must consider whether NHS Act 2006 s75 arrangements could better meet the needs.",
        ),
        DutyRule(
            id="s116ZB-3b-icp-guidance",
            holder=IntegratedCarePartnership,
            duty=_REGARD,
            object=Guidance,
            connection=_NATIONAL,
            citation=_cite("lgpiha-s116ZB(3)(b)"),
            context=preparing,
            issuer=SecretaryOfState,
            description="The ICP must have regard to the Secretary of State's guidance in preparing its strategy.",
        ),
        DutyRule(
            id="s116ZB-4-icp-involve-people",
            holder=IntegratedCarePartnership,
            duty=DutyKind.INVOLVE,
            object=IntegratedCareStrategy,
            connection=_PREPARES,
            citation=_cite("lgpiha-s116ZB(4)"),
            wording="must involve the people who live or work in its area in preparing",
            description="The ICP must involve the people who live or work in its area in preparing its strategy.",
        ),
        DutyRule(
            id="s116ZB-7-icp-copy-council",
            holder=IntegratedCarePartnership,
            duty=DutyKind.GIVE_COPY_TO,
            object=LocalAuthority,
            connection=_OVERLAP,
            citation=_cite("lgpiha-s116ZB(7)"),
            wording="must give a copy of its integrated care strategy to",
            description="The ICP must publish its strategy and give a copy to each responsible council in its area.",
        ),
        DutyRule(
            id="s116ZB-7-icp-copy-icb",
            holder=IntegratedCarePartnership,
            duty=DutyKind.GIVE_COPY_TO,
            object=IntegratedCareBoard,
            connection=_OVERLAP,
            citation=_cite("lgpiha-s116ZB(7)"),
            wording="must give a copy of its integrated care strategy to",
            description="The ICP must give a copy of its strategy to its partner ICB.",
        ),
        DutyRule(
            id="s116ZB-3a-icp-mandate",
            holder=IntegratedCarePartnership,
            duty=_REGARD,
            object=NHSMandate,
            connection=_NATIONAL,
            citation=_cite("lgpiha-s116ZB(3)(a)"),
            context=preparing,
            description="The ICP must have regard to the NHS mandate in preparing its strategy.",
        ),
        DutyRule(
            id="s116ZB-4-icp-involve-healthwatch",
            holder=IntegratedCarePartnership,
            duty=DutyKind.INVOLVE,
            object=Healthwatch,
            connection=_OVERLAP,
            citation=_cite("lgpiha-s116ZB(4)"),
            context=preparing,
            description="The ICP must involve each Local Healthwatch organisation for its area.",
        ),
    ]
    return tuple(rules)


def _forward_plan() -> tuple[DutyRule, ...]:
    """The joint forward plan, NHS Act 2006 s14Z52 (verified) and the HWB's part (partly verified)."""
    plan_context = "before each financial year, for the next five years"
    return (
        DutyRule(
            id="s14Z52-1-icb-prepare-jfp",
            holder=IntegratedCareBoard,
            duty=DutyKind.PREPARE,
            object=JointForwardPlan,
            connection=_PREPARES,
            citation=_cite("nhsa-s14Z52(1)"),
            context=plan_context,
            description="The ICB and its partner NHS trusts must prepare a joint forward plan.",
        ),
        DutyRule(
            id="s14Z52-1-trust-prepare-jfp",
            holder=NHSTrust,
            duty=DutyKind.PREPARE,
            object=JointForwardPlan,
            connection=_PREPARES,
            citation=_cite("nhsa-s14Z52(1)"),
            context=plan_context,
            description="Each partner NHS trust must prepare the joint forward plan with its ICB.",
        ),
        DutyRule(
            id="s14Z52-2c-icb-implement-jlhws",
            holder=IntegratedCareBoard,
            duty=DutyKind.CONSIDER,
            object=JointLocalHealthAndWellbeingStrategy,
            connection=_PARTNER,
            citation=_cite("nhsa-s14Z52(2)(c)"),
            wording="must set out in its joint forward plan the steps it will take to implement",
            description="The joint forward plan must set out how the ICB will implement each relevant JLHWS.",
        ),
        DutyRule(
            id="s14Z54-icb-consult-hwb",
            holder=IntegratedCareBoard,
            duty=DutyKind.CONSULT,
            object=HealthAndWellbeingBoard,
            connection=_OVERLAP,
            citation=_cite("nhsa-s14Z54"),
            context="on its draft joint forward plan",
            description="The ICB must consult each relevant health and wellbeing board on its draft forward plan.",
        ),
        DutyRule(
            id="s14Z54-hwb-opinion-jfp",
            holder=HealthAndWellbeingBoard,
            duty=DutyKind.CONSIDER,
            object=JointForwardPlan,
            connection=_OVERLAP,
            citation=_cite("nhsa-s14Z54"),
            wording="must give its opinion on whether the draft of",
            context="takes proper account of each relevant joint local health and wellbeing strategy",
            description="Each relevant health and wellbeing board gives its opinion on the draft joint forward plan.",
        ),
    )


def _s65z7() -> tuple[DutyRule, ...]:
    """Guidance on joint working and delegation, NHS Act 2006 s65Z7 (verified)."""
    holders: tuple[tuple[str, type[IntegratedCareBoard | NHSTrust | NHSEngland]], ...] = (
        ("icb", IntegratedCareBoard),
        ("trust", NHSTrust),
        ("nhse", NHSEngland),
    )
    return tuple(
        DutyRule(
            id=f"s65Z7-{short}-guidance",
            holder=holder,
            duty=_REGARD,
            object=Guidance,
            connection=_NATIONAL,
            citation=_cite("nhsa-s65Z7"),
            under="s65Z7",
            description="ICBs, NHS trusts and NHS England must have regard to guidance on joint working or delegation.",
        )
        for short, holder in holders
    )


def _relational(rule_id: str, provision_id: str, holder: type[Entity], duty: DutyKind, obj: type[Entity],  # noqa: PLR0917 (a table row)
                connection: Connection, description: str, context: str | None = None) -> DutyRule:  # fmt: skip
    """A rule owed towards connected objects, worded as its rulebook entry words it."""
    entry = provision(provision_id)
    return DutyRule(
        id=rule_id,
        holder=holder,
        duty=duty,
        object=obj,
        connection=connection,
        citation=entry.citation,
        wording=entry.text,
        context=context,
        description=description,
        provision=provision_id,
    )


def _ladder() -> tuple[DutyRule, ...]:
    """The 2022 Act's duties and powers beside the partnership's: reports, assessment, oversight, co-operation."""
    icb, nhse, council, hwb = IntegratedCareBoard, NHSEngland, LocalAuthority, HealthAndWellbeingBoard
    power, consult = DutyKind.POWER, DutyKind.CONSULT
    return (
        _relational("s14Z58-2d-icb-review-jlhws", "nhsa-s14Z58(2)(d)", icb, DutyKind.CONSIDER,
                    JointLocalHealthAndWellbeingStrategy, _PARTNER,
                    "The ICB's annual report must review the steps it took to implement each relevant JLHWS."),
        _relational("s14Z58-3-icb-consult-hwb", "nhsa-s14Z58(3)", icb, consult, hwb, _OVERLAP,
                    "The ICB must consult each relevant health and wellbeing board on that review."),
        _relational("s14Z59-1-nhse-assess-icb", "nhsa-s14Z59(1)", nhse, DutyKind.ASSESS, icb, _NATIONAL,
                    "NHS England must assess each ICB's performance in each financial year.",
                    "in respect of each financial year"),
        _relational("s14Z59-4-nhse-consult-hwb", "nhsa-s14Z59(4)", nhse, consult, hwb, _NATIONAL,
                    "NHS England must consult each relevant health and wellbeing board in assessing an ICB."),
        _relational("s14Z60-nhse-information-icb", "nhsa-s14Z60", nhse, power, icb, _NATIONAL,
                    "NHS England may require information from each ICB."),
        _relational("s14Z61-nhse-direct-icb", "nhsa-s14Z61", nhse, power, icb, _NATIONAL,
                    "NHS England may give directions to an ICB."),
        _relational("s223GB-nhse-direct-icb", "nhsa-s223GB", nhse, power, icb, _NATIONAL,
                    "NHS England may direct ICBs about their management or use of resources."),
        _relational("s13YB-nhse-direct-icb", "nhsa-s13YB", nhse, power, icb, _NATIONAL,
                    "NHS England may direct an ICB to exercise functions of NHS England (beside s65Z5 arrangements)."),
        _relational("sch1B-5-nhse-appoint-chair", "nhsa-sch1B-para5", nhse, power, icb, _NATIONAL,
                    "NHS England appoints each ICB's chair, with the Secretary of State's approval."),
        _relational("sch1B-6-nhse-remove-chair", "nhsa-sch1B-para6", nhse, power, icb, _NATIONAL,
                    "Only NHS England may remove an ICB's chair, with the Secretary of State's approval."),
        _relational("sch1B-7-nhse-approve-ceo", "nhsa-sch1B-para7", nhse, power, icb, _NATIONAL,
                    "The ICB's chair appoints its chief executive with NHS England's approval."),
        _relational("sch1B-8-council-nominate-member", "nhsa-sch1B-para8", council, power, icb, _OVERLAP,
                    "The responsible councils in an ICB's area take part in nominating a partner member of its board."),
        _relational("s116-4b-icb-prepare-jsna", "lgpiha-s116(4)(b)", icb, DutyKind.PREPARE,
                    JointStrategicNeedsAssessment, _PARTNER,
                    "Each partner ICB prepares the joint strategic needs assessment with the council."),
        _relational("s116A-icb-prepare-jlhws", "lgpiha-s116A", icb, DutyKind.PREPARE,
                    JointLocalHealthAndWellbeingStrategy, _PARTNER,
                    "Each partner ICB prepares the joint local health and wellbeing strategy with the council."),
        _relational("s72-icb-co-operate-trust", "nhsa-s72", icb, DutyKind.CO_OPERATE, NHSTrust, _OVERLAP,
                    "NHS bodies must co-operate with each other in exercising their functions."),
        _relational("s82-icb-co-operate-council", "nhsa-s82", icb, DutyKind.CO_OPERATE, council, _OVERLAP,
                    "NHS bodies and councils must co-operate to secure and advance the health and welfare of people."),
        _relational("s82-council-co-operate-icb", "nhsa-s82", council, DutyKind.CO_OPERATE, icb, _OVERLAP,
                    "Councils and NHS bodies must co-operate to secure and advance the health and welfare of people."),
    )  # fmt: skip


def _icp_ladder() -> tuple[DutyRule, ...]:
    """The duties that follow the partnership: the needs assessment given to it, and its response."""
    return (
        _relational("s116-5A-council-copy-jsna-icp", "lgpiha-s116(5A)", LocalAuthority, DutyKind.GIVE_COPY_TO,
                    IntegratedCarePartnership, _OVERLAP,
                    "The council must give its needs assessment to each ICP whose area includes any of its own."),
        _relational("s116ZB-6-icp-reconsider-jsna", "lgpiha-s116ZB(6)", IntegratedCarePartnership,
                    DutyKind.CONSIDER, JointStrategicNeedsAssessment, _OVERLAP,
                    "Each time the ICP receives a needs assessment it must consider revising its strategy."),
    )  # fmt: skip


_SHORT: Final = {
    IntegratedCareBoard: "icb",
    NHSTrust: "trust",
    LocalAuthority: "council",
    SecretaryOfState: "sos",
    NHSEngland: "nhse",
}


def _own(entries: tuple[Provision, ...]) -> tuple[DutyRule, ...]:
    """The rules of the duties on holders' own conduct: one per entry and kind of holder."""
    return tuple(
        DutyRule(
            id=f"{entry.section.replace(' ', '-')}-{_SHORT.get(holder, kind_label(holder))}-own",
            holder=holder,
            duty=DutyKind.DISCHARGE,
            object=holder,
            connection=Connection.OWN,
            citation=entry.citation,
            wording=entry.text,
            description=f"{entry.title[0].upper()}{entry.title[1:]}.",
            provision=entry.id,
        )
        for entry in entries
        if entry.connection == Connection.OWN.value and entry.kind != "function"
        for holder in entry.holders
    )


_BY_CITATION: Final = {(e.act, e.section): e.id for e in RULEBOOK.values() if e.kind != "function"}


def _linked(rules: tuple[DutyRule, ...]) -> tuple[DutyRule, ...]:
    """Name each rule's rulebook entry, found by its citation."""
    return tuple(
        rule
        if rule.provision is not None
        else attrs.evolve(rule, provision=_BY_CITATION[rule.citation.act, rule.citation.section])
        for rule in rules
    )


HCA_2022: Final = Regime(
    id="hca-2022",
    title="Health and Care Act 2022",
    commencement=dt.date(2022, 7, 1),
    rules=_linked(
        (
            *_s116za(),
            *_s116zb(),
            *_s116b1(IntegratedCareBoard, "icb"),
            *_s116b1(LocalAuthority, "council"),
            *_s116b2(),
            *_forward_plan(),
            *_s65z7(),
            *_ladder(),
            *_icp_ladder(),
            *_own(tuple(RULEBOOK.values())),
        )
    ),
    note="The law in force from 1 July 2022, when ICBs and statutory ICPs were established.",
    provisions=tuple(RULEBOOK.values()),
)

# The Health Bill 2026: what it is known to change, each change sourced
_IA: Final = (
    "https://www.gov.uk/government/publications/"
    "health-bill-structural-measures-to-icbs-and-foundation-trusts-impact-assessments"
)
_BJ: Final = (
    "https://www.brownejacobson.com/insights/"
    "briefing-note-key-changes-introduced-by-the-health-bill-to-the-national-health-service-act-2006"
)
_BS: Final = (
    "https://www.burges-salmon.com/articles/102n4xa/"
    "health-bill-transfer-of-powers-integrated-health-organisations-and-transitional"
)
_NUFFIELD: Final = "https://www.nuffieldtrust.org.uk/resource/whats-in-the-new-health-bill"
_SOS: Final = (SecretaryOfState,)
_NO_ICP: Final = "Removing the requirement to set up integrated care partnerships (impact assessment)"
_ICP_KEPT: Final = (
    "kept, unconfirmed: the Bill removes the requirement to set up ICPs (impact assessment), but what it does to "
    "the strategy an ICP prepares, and to the duties towards it, was not seen (Bill text not read)"
)
_TO_SOS: Final = (
    "NHS England is abolished and its functions, including performance assessment and financial oversight of ICBs, "
    "pass to the Secretary of State (briefing on the Bill; the clauses were not read)"
)
_TO_ICBS: Final = "commissioning of primary care, dentistry, pharmacy and ophthalmology passes from NHS England to ICBs"

_REMOVED: Final = (
    ("lgpiha-s116ZA(1)", _NO_ICP, _V, _IA),
    ("lgpiha-s116ZA", _NO_ICP, _V, _IA),
    ("lgpiha-s116ZB(3)(a)", "the NHS mandate regime is abolished with NHS England", _P, _BJ),
)
_KEPT: Final = (
    ("lgpiha-s116ZB(1)", _ICP_KEPT, _IA),
    ("lgpiha-s116ZB(2)", _ICP_KEPT, _IA),
    ("lgpiha-s116ZB(3)(b)", _ICP_KEPT, _IA),
    ("lgpiha-s116ZB(4)", f"{_ICP_KEPT}; its Healthwatch limb falls, Healthwatch being abolished", _NUFFIELD),
    ("lgpiha-s116ZB(6)", _ICP_KEPT, _IA),
    ("lgpiha-s116ZB(7)", _ICP_KEPT, _IA),
    ("lgpiha-s116(5A)", _ICP_KEPT, _IA),
    ("lgpiha-s116B(1)", f"{_ICP_KEPT}; the limbs on needs assessments and JLHWSs are not affected", _IA),
    (
        "nhsa-s65Z7",
        (
            "kept for ICBs and trusts, unconfirmed: NHS England, one of the bodies bound, is abolished; "
            "the fate of the guidance duty for the others was not seen"
        ),
        _BJ,
    ),
)
_NHSE_GOES: Final = (
    "NHS England is abolished (NHS Act 2006 Ch A1 Pt 2 and Sch 1A omitted) and its functions pass to the "
    "Secretary of State, some to ICBs (briefings on the Bill and the DHSC fact sheet; the clauses were not read)"
)
_DHSC: Final = (
    "https://www.gov.uk/government/publications/health-bill-role-and-functions-of-the-restructured-dhsc-fact-sheet/"
    "health-bill-role-and-functions-of-the-restructured-dhsc-fact-sheet"
)
_ABOLITIONS: Final = (
    Abolition(kind=NHSEngland, successor=SecretaryOfState, summary=_NHSE_GOES, verification=_P, source=_DHSC),
    Abolition(kind=NHSMandate, summary="the NHS mandate regime is abolished", verification=_P, source=_BJ),
    Abolition(kind=Healthwatch, summary="Local Healthwatch is abolished", verification=_P, source=_NUFFIELD),
)
_ABOLISHED: Final = frozenset(a.kind for a in _ABOLITIONS)
"""The kinds of body or document the Bill abolishes: rules on or towards them fall, unless a change moves
the provision to another holder."""
_TO_SOS_IDS: Final = (
    "lgpiha-s116B(2)",
    "nhsa-s14Z59(1)",
    "nhsa-s14Z59(4)",
    "nhsa-s14Z60",
    "nhsa-s14Z61",
    "nhsa-s223GB",
    "nhsa-s13YB",
    "nhsa-sch1B-para5",
    "nhsa-sch1B-para6",
    "nhsa-sch1B-para7",
    "specialised-services",
)
_TO_ICB_IDS: Final = ("primary-medical-services", "dental-services", "ophthalmic-services", "pharmaceutical-services")

_BILL_NOTE: Final = "as it would stand under the Health Bill 2026 (proposed)"
_ADDED: Final = (
    Provision(
        id="nhsa-s5A",
        act=RULEBOOK["nhsa-s75"].act,
        section="s5A",
        kind="power",
        holders=_SOS,
        title="delegating commissioning to ICBs",
        text="may delegate commissioning functions to",
        connection=Connection.NATIONAL.value,
        verification=_P,
        note=f"{_BILL_NOTE}: a new section (briefing; the clause was not read)",
        source=_BJ,
    ),
    Provision(
        id="nhsa-s7B",
        act=RULEBOOK["nhsa-s75"].act,
        section="s7B",
        kind="power",
        holders=_SOS,
        title="directing ICBs to exercise the Secretary of State's functions",
        text="may direct, to exercise functions of the Secretary of State,",
        connection=Connection.NATIONAL.value,
        verification=_P,
        note=f"{_BILL_NOTE}: a substituted section (briefing; clause not read)",
        source=_BJ,
    ),
)

BILL_CHANGES: Final = (
    *(Change(provision=pid, effect="removed", summary=why, verification=v, source=src)
      for pid, why, v, src in _REMOVED),
    *(Change(provision=pid, effect="kept", summary=why, verification=_U, source=src) for pid, why, src in _KEPT),
    *(Change(provision=pid, effect="moved", summary=_TO_SOS, verification=_P, source=_BJ, holders=_SOS)
      for pid in _TO_SOS_IDS),
    *(Change(provision=pid, effect="moved", summary=_TO_ICBS, verification=_P, source=_BS,
             holders=(IntegratedCareBoard,)) for pid in _TO_ICB_IDS),
    *(Change(provision=p.id, effect="added", summary=p.note or p.title, verification=p.verification, source=p.source)
      for p in _ADDED),
)  # fmt: skip
"""What the Health Bill 2026 would change in the rulebook, each change with its source and verification."""


def _bill_citation(citation: Citation, change: Change | None) -> Citation:
    """Flag a citation as the Bill would leave it: unverified, unless the change itself was confirmed."""
    why = _BILL_NOTE if change is None else f"{_BILL_NOTE}: {change.summary}"
    status = _U if change is None else min(change.verification, citation.verification, key=_RANK.index)
    return attrs.evolve(citation, verification=status, note=why)


_RANK: Final = (_U, _P, _V)


def _bill_holders(entry: Provision, change: Change | None) -> tuple[type[Entity], ...]:
    """Who would hold a provision under the Bill: whom a move names, else its holders less the abolished."""
    if change is not None and change.effect == "moved":
        return change.holders
    return tuple(h for h in entry.holders if h not in _ABOLISHED)


def _bill_provisions() -> tuple[Provision, ...]:
    """The rulebook as the Bill would leave it: removed entries and those only abolished bodies held go."""
    changes = {c.provision: c for c in BILL_CHANGES}
    kept = [
        attrs.evolve(entry, holders=holders, verification=cite.verification, note=cite.note)
        for entry in RULEBOOK.values()
        for change in [changes.get(entry.id)]
        if change is None or change.effect != "removed"
        for holders in [_bill_holders(entry, change)]
        if holders
        for cite in [_bill_citation(entry.citation, change)]
    ]
    return (*kept, *_ADDED)


def _bill_rule(rule: DutyRule, changes: Mapping[str, Change]) -> DutyRule | None:
    """Restate a rule of the 2022 regime as the Bill would leave it, or ``None`` when the Bill removes it."""
    change = changes.get(rule.provision or "")
    moved = change is not None and change.effect == "moved"
    if change is not None and change.effect == "removed":
        return None
    if (rule.holder in _ABOLISHED and not moved) or rule.object in _ABOLISHED:
        return None  # abolished (NHS England, the mandate, Healthwatch): what does not move goes with it
    rule = attrs.evolve(rule, citation=_bill_citation(rule.citation, change))
    if moved and rule.holder is NHSEngland:
        rule = attrs.evolve(rule, id=rule.id.replace("nhse", "sos"), holder=SecretaryOfState)
    return rule


def _bill_rules() -> tuple[DutyRule, ...]:
    """The Bill's rules: the 2022 regime's, removed, moved or flagged as the Bill's changes say, and its new powers."""
    changes = {c.provision: c for c in BILL_CHANGES}
    kept = (_bill_rule(rule, changes) for rule in HCA_2022.rules)
    added = (
        DutyRule(
            id=f"{entry.section}-sos-{'delegate' if entry.section == 's5A' else 'direct'}-icb",
            holder=SecretaryOfState,
            duty=DutyKind.POWER,
            object=IntegratedCareBoard,
            connection=_NATIONAL,
            citation=entry.citation,
            wording=entry.text,
            description=f"The Secretary of State: {entry.title}.",
            provision=entry.id,
        )
        for entry in _ADDED
    )
    return (*(rule for rule in kept if rule is not None), *added)


HEALTH_BILL_2026: Final = Regime(
    id="health-bill-2026",
    title="Health Bill 2026 (proposed)",
    proposed=True,
    rules=_bill_rules(),
    note=(
        "Proposed law, not in force: it would abolish NHS England (its functions passing to the Secretary of State "
        "and to ICBs), the NHS mandate and Healthwatch, and remove the duty to establish integrated care "
        "partnerships. Royal Assent and commencement are unknown."
    ),
    provisions=_bill_provisions(),
    changes=BILL_CHANGES,
    abolitions=_ABOLITIONS,
)

REGIMES: Mapping[str, Regime] = MappingProxyType({r.id: r for r in (HCA_2022, HEALTH_BILL_2026)})
"""Every legal regime by id: ``hca-2022`` (the default) and ``health-bill-2026`` (proposed)."""

DEFAULT_REGIME: Final = "hca-2022"
"""The regime used when none is chosen."""

_ENACTED: Final = tuple(
    sorted(((r.commencement, r) for r in REGIMES.values() if r.commencement is not None), key=itemgetter(0))
)
"""The enacted regimes with their commencements, in order of commencement."""


def legal_regime(regime_id: str | Regime | None = None, *, as_of: DateLike | None = None) -> Regime:
    """Return a legal regime by id, or the enacted regime in force on a date.

    Args:
        regime_id: a regime id such as ``"health-bill-2026"``, a :class:`~integratedcare.Regime` (returned as
            it is), or ``None`` for the enacted law.
        as_of: with no id, the date whose law is wanted: the latest enacted regime commenced
            by then. Before any commenced, the default regime is returned; its rules apply
            only from its commencement, so it derives no duties for earlier dates.

    Raises:
        UnknownRegimeError: no regime has that id.

    Examples:
        >>> import integratedcare as ic
        >>> ic.statute.legal_regime().id, ic.statute.legal_regime(as_of="2020-01-01").id
        ('hca-2022', 'hca-2022')
        >>> bill = ic.statute.legal_regime("health-bill-2026")
        >>> bill.proposed, bill.commencement
        (True, None)
        >>> sorted(ic.REGIMES)
        ['hca-2022', 'health-bill-2026']
    """
    if isinstance(regime_id, Regime):
        return regime_id
    if regime_id is not None:
        try:
            return REGIMES[regime_id]
        except (KeyError, TypeError):
            raise UnknownRegimeError(id=str(regime_id), known=sorted(REGIMES)) from None
    day = None if as_of is None else to_date(as_of, field="as_of")
    for commencement, enacted in reversed(_ENACTED):  # the latest commenced by then
        if day is None or commencement <= day:
            return enacted
    return REGIMES[DEFAULT_REGIME]
