"""The legal regimes integratedcare knows, with their rules, and how to choose one.

Facts and verification statuses come from the project's reference notes on the statutory
framework (§1): **verified** where the provision's text was seen, **partly verified** where the
substance was seen but not the exact words or section, **unverified** where modelled from
memory. Unverified rules stay flagged so that every answer relying on them says so.
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
    to_date,
)
from integratedcare._statute._errors import UnknownRegimeError
from integratedcare._statute._rules import Connection, DutyRule, Regime

__all__ = ["DEFAULT_REGIME", "REGIMES", "legal_regime"]

_LGPIHA: Final = "LGPIHA 2007"
_NHSA: Final = "NHS Act 2006"
_V, _P, _U = Verification.VERIFIED, Verification.PARTLY_VERIFIED, Verification.UNVERIFIED
_ANY_FUNCTIONS: Final = "when exercising any functions"
_S116B_NOTE: Final = (
    "substance seen (the joint forward plan duty and NHS England's assessment refer to it); exact text not seen"
)
_S116B2_NOTE: Final = "modelled from memory; the text of s116B(2) was not seen"
_S14Z54_NOTE: Final = "substance seen in guidance; the section number (believed s14Z54) was not seen"

_REGARD = DutyKind.HAVE_REGARD_TO
_OVERLAP, _PARTNER = Connection.GEOGRAPHIC_OVERLAP, Connection.PARTNERSHIP
_PREPARES, _NATIONAL = Connection.PREPARATION, Connection.NATIONAL


def _cite(act: str, section: str, verification: Verification, note: str | None = None) -> Citation:
    """Cite a provision."""
    return Citation(act=act, section=section, verification=verification, note=note)


def _s116b1(holder: type[LocalAuthority | IntegratedCareBoard], who: str) -> tuple[DutyRule, ...]:
    """The three limbs of LGPIHA 2007 s116B(1) for one kind of holder (partly verified)."""
    cite = _cite(_LGPIHA, "s116B(1)", _P, _S116B_NOTE)
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
    cite = _cite(_LGPIHA, "s116B(2)", _U, _S116B2_NOTE)
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
    cite = _cite(_LGPIHA, "s116ZA(1)", _V)
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


def _s116zb(*, mandate: bool, healthwatch: bool) -> tuple[DutyRule, ...]:
    """The ICP's duties in preparing its strategy, LGPIHA 2007 s116ZB (verified)."""
    preparing = "when preparing its integrated care strategy"
    rules = [
        DutyRule(
            id="s116ZB-1-icp-prepare-strategy",
            holder=IntegratedCarePartnership,
            duty=DutyKind.PREPARE,
            object=IntegratedCareStrategy,
            connection=_PREPARES,
            citation=_cite(_LGPIHA, "s116ZB(1)", _V),
            description="The ICP must prepare an integrated care strategy for its area.",
        ),
        DutyRule(
            id="s116ZB-2-icp-consider-s75",
            holder=IntegratedCarePartnership,
            duty=DutyKind.CONSIDER,
            object=IntegratedCareStrategy,
            connection=_PREPARES,
            citation=_cite(_LGPIHA, "s116ZB(2)", _V),
            wording="must consider whether arrangements under NHS Act 2006 s75 could better meet the needs in",
            description="The ICP must consider whether NHS Act 2006 s75 arrangements could better meet the needs.",
        ),
        DutyRule(
            id="s116ZB-3b-icp-guidance",
            holder=IntegratedCarePartnership,
            duty=_REGARD,
            object=Guidance,
            connection=_NATIONAL,
            citation=_cite(_LGPIHA, "s116ZB(3)(b)", _V),
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
            citation=_cite(_LGPIHA, "s116ZB(4)", _V),
            wording="must involve the people who live or work in its area in preparing",
            description="The ICP must involve the people who live or work in its area in preparing its strategy.",
        ),
        DutyRule(
            id="s116ZB-7-icp-copy-council",
            holder=IntegratedCarePartnership,
            duty=DutyKind.GIVE_COPY_TO,
            object=LocalAuthority,
            connection=_OVERLAP,
            citation=_cite(_LGPIHA, "s116ZB(7)", _V),
            wording="must give a copy of its integrated care strategy to",
            description="The ICP must publish its strategy and give a copy to each responsible council in its area.",
        ),
        DutyRule(
            id="s116ZB-7-icp-copy-icb",
            holder=IntegratedCarePartnership,
            duty=DutyKind.GIVE_COPY_TO,
            object=IntegratedCareBoard,
            connection=_OVERLAP,
            citation=_cite(_LGPIHA, "s116ZB(7)", _V),
            wording="must give a copy of its integrated care strategy to",
            description="The ICP must give a copy of its strategy to its partner ICB.",
        ),
    ]
    if mandate:
        rules.append(
            DutyRule(
                id="s116ZB-3a-icp-mandate",
                holder=IntegratedCarePartnership,
                duty=_REGARD,
                object=NHSMandate,
                connection=_NATIONAL,
                citation=_cite(_LGPIHA, "s116ZB(3)(a)", _V),
                context=preparing,
                description="The ICP must have regard to the NHS mandate in preparing its strategy.",
            )
        )
    if healthwatch:
        rules.append(
            DutyRule(
                id="s116ZB-4-icp-involve-healthwatch",
                holder=IntegratedCarePartnership,
                duty=DutyKind.INVOLVE,
                object=Healthwatch,
                connection=_OVERLAP,
                citation=_cite(_LGPIHA, "s116ZB(4)", _V),
                context=preparing,
                description="The ICP must involve each Local Healthwatch organisation for its area.",
            )
        )
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
            citation=_cite(_NHSA, "s14Z52(1)", _V),
            context=plan_context,
            description="The ICB and its partner NHS trusts must prepare a joint forward plan.",
        ),
        DutyRule(
            id="s14Z52-1-trust-prepare-jfp",
            holder=NHSTrust,
            duty=DutyKind.PREPARE,
            object=JointForwardPlan,
            connection=_PREPARES,
            citation=_cite(_NHSA, "s14Z52(1)", _V),
            context=plan_context,
            description="Each partner NHS trust must prepare the joint forward plan with its ICB.",
        ),
        DutyRule(
            id="s14Z52-2c-icb-implement-jlhws",
            holder=IntegratedCareBoard,
            duty=DutyKind.CONSIDER,
            object=JointLocalHealthAndWellbeingStrategy,
            connection=_PARTNER,
            citation=_cite(_NHSA, "s14Z52(2)(c)", _V),
            wording="must set out in its joint forward plan the steps it will take to implement",
            description="The joint forward plan must set out how the ICB will implement each relevant JLHWS.",
        ),
        DutyRule(
            id="s14Z54-icb-consult-hwb",
            holder=IntegratedCareBoard,
            duty=DutyKind.CONSULT,
            object=HealthAndWellbeingBoard,
            connection=_OVERLAP,
            citation=_cite(_NHSA, "s14Z54", _P, _S14Z54_NOTE),
            context="on its draft joint forward plan",
            description="The ICB must consult each relevant health and wellbeing board on its draft forward plan.",
        ),
        DutyRule(
            id="s14Z54-hwb-opinion-jfp",
            holder=HealthAndWellbeingBoard,
            duty=DutyKind.CONSIDER,
            object=JointForwardPlan,
            connection=_OVERLAP,
            citation=_cite(_NHSA, "s14Z54", _P, _S14Z54_NOTE),
            wording="must give its opinion on whether the draft of",
            context="takes proper account of each relevant joint local health and wellbeing strategy",
            description="Each relevant health and wellbeing board gives its opinion on the draft joint forward plan.",
        ),
    )


def _s65z7(*, nhs_england: bool) -> tuple[DutyRule, ...]:
    """Guidance on joint working and delegation, NHS Act 2006 s65Z7 (verified)."""
    holders: list[tuple[str, type[IntegratedCareBoard | NHSTrust | NHSEngland]]] = [
        ("icb", IntegratedCareBoard),
        ("trust", NHSTrust),
    ]
    if nhs_england:
        holders.append(("nhse", NHSEngland))
    return tuple(
        DutyRule(
            id=f"s65Z7-{short}-guidance",
            holder=holder,
            duty=_REGARD,
            object=Guidance,
            connection=_NATIONAL,
            citation=_cite(_NHSA, "s65Z7", _V),
            under="s65Z7",
            description="ICBs, NHS trusts and NHS England must have regard to guidance on joint working or delegation.",
        )
        for short, holder in holders
    )


HCA_2022: Final = Regime(
    id="hca-2022",
    title="Health and Care Act 2022",
    commencement=dt.date(2022, 7, 1),
    rules=(
        *_s116za(),
        *_s116zb(mandate=True, healthwatch=True),
        *_s116b1(IntegratedCareBoard, "icb"),
        *_s116b1(LocalAuthority, "council"),
        *_s116b2(),
        *_forward_plan(),
        *_s65z7(nhs_england=True),
    ),
    note="The law in force from 1 July 2022, when ICBs and statutory ICPs were established.",
)

_BILL_NOTE: Final = "as it would stand under the Health Bill 2026 (proposed); the Bill's effect here was not checked"


def _proposed(rule: DutyRule) -> DutyRule:
    """Restate a rule of the 2022 regime as surviving under the Health Bill (unverified)."""
    return attrs.evolve(rule, citation=attrs.evolve(rule.citation, verification=_U, note=_BILL_NOTE))


HEALTH_BILL_2026: Final = Regime(
    id="health-bill-2026",
    title="Health Bill 2026 (proposed)",
    proposed=True,
    rules=tuple(
        _proposed(rule)
        for rule in (
            *_s116zb(mandate=False, healthwatch=False),
            *_s116b1(IntegratedCareBoard, "icb"),
            *_s116b1(LocalAuthority, "council"),
            *_forward_plan(),
            *_s65z7(nhs_england=False),
        )
    ),
    note=(
        "Proposed law, not in force: it would abolish NHS England, the NHS mandate and Healthwatch, and "
        "remove the duty to establish integrated care partnerships. Royal Assent and commencement are unknown."
    ),
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
