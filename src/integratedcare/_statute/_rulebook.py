# ruff: noqa: E501, PLR0917 (a table: one row a provision, one argument a column)
"""The rulebook: every duty, power and statutory function integratedcare knows, as data, in one place.

Each :class:`Provision` names its act and section (with subsection), the kinds of body it binds, the
connection its duties derive from, when it commenced, how far its text was verified and the source
that was read. The regimes (:mod:`._regimes`) choose among these provisions; derived duties, the
functions registry and the statute checks all cite them, so no other module restates the law.

Verification follows the project's reference notes: **verified** where the provision's text was seen
(the source is given), **partly verified** where the substance or the section number was seen but not
both, **unverified** where modelled from memory; the note says what was not seen.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model import (
    Citation,
    ClinicalCommissioningGroup,
    Entity,
    HealthAndWellbeingBoard,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    LocalAuthority,
    NHSEngland,
    NHSTrust,
    SecretaryOfState,
    Verification,
)
from integratedcare._model._provenance import non_empty
from integratedcare._statute._errors import UnknownRuleError

__all__ = ["ACTS", "RULEBOOK", "Abolition", "Change", "Provision", "ProvisionKind", "cite", "provision"]

NHSA: Final = "NHS Act 2006"
LGPIHA: Final = "LGPIHA 2007"
HSCA: Final = "Health and Social Care Act 2012"
CARE_ACT: Final = "Care Act 2014"
CHILDREN_1989: Final = "Children Act 1989"
CHILDREN_2004: Final = "Children Act 2004"
ACTS: Final = (NHSA, LGPIHA, HSCA, CARE_ACT, CHILDREN_1989, CHILDREN_2004)
"""The acts the rulebook cites, by the short names citations use."""

_V, _P, _U = Verification.VERIFIED, Verification.PARTLY_VERIFIED, Verification.UNVERIFIED
_HCA_DAY: Final = dt.date(2022, 7, 1)
"""Ss. 14Z32-14Z64 and the ICP provisions commenced on 1 July 2022 (legislation.gov.uk annotations, verified)."""

# Sources read (legislation.gov.uk pages are Open Government Licence)
_LEG: Final = "https://legislation.gov.uk/ukpga/2006/41"
_S14Z52: Final = f"{_LEG}/chapter/A3/crossheading/forward-planning-and-reports/data.xht?view=snippet&wrap=true"
_S14Z58: Final = f"{_LEG}/section/14Z58/2024-02-28/data.html"
_S14Z59: Final = (
    f"{_LEG}/chapter/A3/crossheading/performance-assessment-of-integrated-care-boards/2022-07-01?view=plain+extent"
)
_SCH1B: Final = f"{_LEG}/schedule/1B/part/1/data.xht"
_S223GA: Final = f"{_LEG}/section/223GA/data.xht"
_HCA_S29: Final = "https://www.legislation.gov.uk/ukpga/2022/31/section/29/data.html"
_HCA_S2: Final = "https://legislation.gov.uk/cy/ukpga/2022/31/enacted?timeline=false&view=extent"
_HCA_S26: Final = "https://legislation.gov.uk/id/ukpga/2022/31/section/26/4?wrap=true"
_S116ZA: Final = "https://legislation.gov.uk/ukpga/2007/28/section/116ZA/2022-07-01/data.xht?view=snippet&wrap=true"
_S116ZB: Final = "https://www.legislation.gov.uk/ukpga/2007/28/section/116ZB/data.html"
_BILL71: Final = "https://publications.parliament.uk/pa/bills/lbill/58-02/071/5802071_en_5.html"
_JWDA: Final = "https://www.legislation.gov.uk/id/uksi/2022/642/regulation/2"
_S65Z5: Final = (
    "https://www.england.nhs.uk/long-read/arrangements-for-delegation-and-joint-exercise-of-statutory-functions/"
)
_JCRUP: Final = "https://www.england.nhs.uk/long-read/guidance-on-developing-joint-capital-resource-use-plans-2024-25/"
_JFP_HWB: Final = "https://glostext.gloucestershire.gov.uk/mgAi.aspx?ID=43307"
_S1: Final = "https://zoomlaw.co.uk/2006-41-ukpga.html"
_S75: Final = (
    "https://gov.uk/government/calls-for-evidence/improving-integrated-commissioning-in-health-and-social-care/"
    "review-of-section-75-arrangements-supporting-document"
)

_MEMORY: Final = "modelled from memory; the section's text was not seen"
_TITLED: Final = "section number and heading seen (listed in s14Z59(3)); the section's own text not seen"
_IN_RANGE: Final = (
    "within ss14Z34-14Z45, the general duties of ICBs (s14Z58(2)(a), verified); "
    "this section's number and heading are from memory"
)


class ProvisionKind(enum.StrEnum):
    """What a provision gives its holders.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.statute.ProvisionKind.POWER)
        'power'
    """

    DUTY = "duty"
    """Something the holder must do."""
    POWER = "power"
    """Something the holder may do."""
    FUNCTION = "function"
    """A commissioning or public function the holder holds, which it may delegate."""


def _holders(value: tuple[type[Entity], ...]) -> tuple[type[Entity], ...]:
    """Check that a provision names entity classes as its holders."""
    if not value or not all(isinstance(cls, type) and issubclass(cls, Entity) for cls in value):
        raise InvalidValueError(subject="provision", field="holders", problem="must name one or more entity classes")
    return tuple(value)


@attrs.frozen(kw_only=True, cache_hash=True)
class Provision:
    """One entry of the rulebook: a duty, power or statutory function, with where the law says so.

    Attributes:
        id: a readable id, such as ``nhsa-s14Z35`` (for a function, the function's id).
        act: the act, by its short name, such as ``NHS Act 2006``.
        section: the section with subsection, such as ``s14Z58(3)`` or ``Sch 1B para 5``.
        kind: a duty, a power or a function.
        holders: the kinds of body it binds or empowers.
        title: what it is, in a few words.
        text: what it requires or allows, as a phrase after the holder's name (``must ...``/``may ...``).
        connection: what its derived duties arise from: ``own`` (the holder's own conduct), or the
            connection between holder and object (see :class:`~integratedcare.statute.Connection`);
            ``None`` for a function.
        commenced: when it took effect, where known.
        verification: how far its text was verified.
        note: what was not seen, or how the entry was reached.
        source: the page read.

    Examples:
        >>> import integratedcare as ic
        >>> entry = ic.statute.RULEBOOK["nhsa-s14Z35"]
        >>> str(entry.citation), entry.verification.value, entry.kind.value
        ('NHS Act 2006 s14Z35', 'verified', 'duty')
    """

    id: str = attrs.field(validator=non_empty)
    act: str = attrs.field(validator=non_empty)
    section: str = attrs.field(validator=non_empty)
    kind: ProvisionKind = attrs.field(converter=ProvisionKind)
    holders: tuple[type[Entity], ...] = attrs.field(converter=_holders)
    title: str = attrs.field(validator=non_empty)
    text: str = attrs.field(validator=non_empty)
    connection: str | None = None
    commenced: dt.date | None = None
    verification: Verification = attrs.field(default=_U, converter=Verification)
    note: str | None = None
    source: str | None = None

    @property
    def citation(self) -> Citation:
        """The provision as a citation, with its verification status and note."""
        return Citation(act=self.act, section=self.section, verification=self.verification, note=self.note)

    def binds(self, entity: Entity | type[Entity]) -> bool:
        """Return whether the provision binds bodies of ``entity``'s kind."""
        cls = entity if isinstance(entity, type) else type(entity)
        return issubclass(cls, self.holders)

    def __str__(self) -> str:
        """Return the citation and the title."""
        return f"{self.act} {self.section}: {self.title}"


_OWN: Final = "own"
_OVERLAP, _PARTNER, _PREPARES, _NATIONAL = "geographic overlap", "partnership", "preparation", "national"
_ICB: Final = (IntegratedCareBoard,)
_NHSE: Final = (NHSEngland,)
_COUNCIL: Final = (LocalAuthority,)
_ICP: Final = (IntegratedCarePartnership,)
_COMMISSIONERS: Final = (IntegratedCareBoard, ClinicalCommissioningGroup)


def _p(
    id: str,  # noqa: A002 (the column's name)
    act: str,
    section: str,
    kind: str,
    holders: tuple[type[Entity], ...],
    title: str,
    text: str,
    connection: str | None,
    verification: Verification,
    note: str | None = None,
    source: str | None = None,
    commenced: dt.date | None = _HCA_DAY,
) -> Provision:
    """Make one entry (a row of the rulebook)."""
    return Provision(
        id=id,
        act=act,
        section=section,
        kind=kind,
        holders=holders,
        title=title,
        text=text,
        connection=connection,
        verification=verification,
        note=note,
        source=source,
        commenced=commenced,
    )


def _general_duties() -> tuple[Provision, ...]:
    """The general duties of ICBs, NHS Act 2006 ss14Z34-14Z45."""
    rows = (
        ("14Z34", "improvement in quality of services", "with a view to securing continuous improvement in the quality of services", _V),
        ("14Z35", "reducing inequalities", "with regard to the need to reduce inequalities between patients in access to and outcomes from services", _V),
        ("14Z36", "promoting involvement of each patient", "promoting the involvement of patients and carers in decisions about their care", _U),
        ("14Z37", "patient choice", "with a view to enabling patients to make choices about their care", _U),
        ("14Z38", "obtaining appropriate advice", "obtaining advice from persons with a broad range of professional expertise", _V),
        ("14Z39", "promoting innovation", "with a view to promoting innovation in the provision of health services", _U),
        ("14Z40", "research", "promoting research on matters relevant to the health service", _V),
        ("14Z41", "promoting education and training", "with regard to the need to promote education and training", _U),
        ("14Z42", "promoting integration", "with a view to securing that health services are provided in an integrated way", _U),
        ("14Z43", "wider effect of decisions (the triple aim)", "with regard to the wider effect of its decisions on health and wellbeing, quality and efficiency", _V),
        ("14Z44", "climate change", "with regard to contributing to climate change targets and adapting to climate change", _U),
        ("14Z45", "public involvement and consultation", "making arrangements to involve the public in planning and in changes to services", _V),
    )  # fmt: skip
    return tuple(
        _p(
            f"nhsa-s{number}",
            NHSA,
            f"s{number}",
            "duty",
            _ICB,
            f"general duty of ICBs: {title}",
            f"must exercise its functions {text}",
            _OWN,
            verification,
            None if verification is _V else (_IN_RANGE if verification is _U else _TITLED),
            _S14Z59 if verification is _V else _S14Z58,
        )
        for number, title, text, verification in rows
    )


_JSNA_NOTE: Final = "inserted by HCA 2022 s26 (text of the amendment seen)"
_S116B_NOTE: Final = (
    "substance seen (the joint forward plan duty and NHS England's assessment refer to it); exact text not seen"
)
_S14Z54_NOTE: Final = (
    "substance seen (the ICB must consult each relevant HWB on its draft plan, which gives its opinion); "
    "the section number (believed s14Z54) was not seen in the legislation's text"
)
_POWERS_NOTE: Final = "named among NHS England's functions that cannot be delegated (SI 2022/642 reg 2); text not seen"
_CO_OPERATE_NOTE: Final = (
    "from memory: the co-operation duties of the Health Act 1999 (ss26-27) were seen; "
    "their numbers in the 2006 consolidation were not"
)

_ENTRIES: Final = (
    *_general_duties(),
    # ICB: plans, reports, finance
    _p("nhsa-s14Z52(1)", NHSA, "s14Z52(1)", "duty", (IntegratedCareBoard, NHSTrust), "joint forward plan",
       "must prepare, before each financial year, a plan of how it will exercise its functions in the next five years",
       _PREPARES, _V, None, _S14Z52),
    _p("nhsa-s14Z52(2)(c)", NHSA, "s14Z52(2)(c)", "duty", _ICB, "forward plan: steps to implement each JLHWS",
       "must set out in its joint forward plan the steps it will take to implement", _PARTNER, _V, None, _S14Z52),
    _p("nhsa-s14Z54", NHSA, "s14Z54", "duty", (IntegratedCareBoard, HealthAndWellbeingBoard),
       "forward plan: consulting health and wellbeing boards",
       "must consult each relevant health and wellbeing board on its draft joint forward plan",
       _OVERLAP, _P, _S14Z54_NOTE, _JFP_HWB),
    _p("nhsa-s14Z56(1)", NHSA, "s14Z56(1)", "duty", (IntegratedCareBoard, NHSTrust), "joint capital resource use plan",
       "must prepare, before each financial year, a plan of its capital resource use, publish it and give a copy to "
       "its ICP, each relevant health and wellbeing board and NHS England",
       _OWN, _P, "section named in s14Z58(2)(b) (verified); its duties seen in NHS England's guidance, not its text",
       _JCRUP),
    _p("nhsa-s14Z58(1)", NHSA, "s14Z58(1)", "duty", _ICB, "annual report",
       "must prepare an annual report on how it has discharged its functions in the previous financial year",
       _OWN, _V, None, _S14Z58),
    _p("nhsa-s14Z58(2)(d)", NHSA, "s14Z58(2)(d)", "duty", _ICB, "annual report: review of JLHWS implementation",
       "must review in its annual report the steps it has taken to implement", _PARTNER, _V, None, _S14Z58),
    _p("nhsa-s14Z58(3)", NHSA, "s14Z58(3)", "duty", _ICB, "annual report: consulting health and wellbeing boards",
       "must consult, on its review of the joint local health and wellbeing strategies,", _OVERLAP, _V, None, _S14Z58),
    _p("nhsa-s223GC(1)", NHSA, "s223GC(1)", "duty", _ICB, "financial duty: expenditure within sums received",
       "must exercise its functions with a view to ensuring that its expenditure in a financial year does not exceed "
       "the sums it receives in that year", _OWN, _V, "inserted by HCA 2022 s29", _HCA_S29),
    _p("nhsa-ss223GB-223N", NHSA, "ss223GB-223N", "duty", _ICB, "financial duties of ICBs",
       "must meet the financial duties of ICBs and their partners", _OWN, _P,
       "the range is named as the financial duties in s14Z52(2)(b)(ii) and s14Z59(3)(g) (verified); only ss223GB-223GC "
       "were read", _S14Z59),
    _p("nhsa-sch1B-para4", NHSA, "Sch 1B para 4", "duty", _ICB, "independence of board appointments",
       "must have a constitution that prohibits appointments that could undermine the independence of the health service",
       _OWN, _V, None, _SCH1B),
    # NHS England's duties and powers over ICBs
    _p("nhsa-s14Z59(1)", NHSA, "s14Z59(1)", "duty", _NHSE, "annual performance assessment of each ICB",
       "must assess the performance of", _NATIONAL, _V, None, _S14Z59),
    _p("nhsa-s14Z59(4)", NHSA, "s14Z59(4)", "duty", _NHSE, "assessment: consulting health and wellbeing boards",
       "must consult, on each ICB's implementation of its joint local health and wellbeing strategies,",
       _NATIONAL, _V, None, _S14Z59),
    _p("nhsa-s14Z60", NHSA, "s14Z60", "power", _NHSE, "power to require information from ICBs",
       "may require information from", _NATIONAL, _P, _POWERS_NOTE, _JWDA),
    _p("nhsa-s14Z61", NHSA, "s14Z61", "power", _NHSE, "power to give directions to ICBs",
       "may give directions to", _NATIONAL, _P, _POWERS_NOTE, _JWDA),
    _p("nhsa-s223GB", NHSA, "s223GB(1)", "power", _NHSE, "power to impose financial requirements on ICBs",
       "may give directions about the management or use of resources to", _NATIONAL, _V,
       "inserted by HCA 2022 s29", _HCA_S29),
    _p("nhsa-s13YB", NHSA, "s13YB", "power", _NHSE, "directions to ICBs to exercise NHS England's functions",
       "may direct, to exercise functions of NHS England,", _NATIONAL, _P,
       "the route (directions under s13YB beside arrangements under s65Z5) is named in HCA 2022 s2; s13YB's text not seen",
       _HCA_S2),
    _p("nhsa-sch1B-para5", NHSA, "Sch 1B para 5", "power", _NHSE, "appointment of the ICB chair",
       "may appoint, with the Secretary of State's approval, the chair of", _NATIONAL, _V, None, _SCH1B),
    _p("nhsa-sch1B-para6", NHSA, "Sch 1B para 6", "power", _NHSE, "removal of the ICB chair",
       "may remove, with the Secretary of State's approval, the chair of", _NATIONAL, _V, None, _SCH1B),
    _p("nhsa-sch1B-para7", NHSA, "Sch 1B para 7", "power", _NHSE, "approval of the ICB chief executive",
       "must approve the appointment of the chief executive of", _NATIONAL, _V, None, _SCH1B),
    _p("nhsa-sch1B-para8", NHSA, "Sch 1B para 8", "power", _COUNCIL, "nomination of an ICB partner member",
       "may take part in nominating an ordinary (partner) member of", _OVERLAP, _P,
       "para 8 (ordinary members nominated by trusts, primary medical services providers and councils) seen in part",
       _SCH1B),
    _p("nhsa-sch1B-para3", NHSA, "Sch 1B para 3", "duty", _ICB, "board composition",
       "must have a chair, a chief executive and at least three ordinary members", _OWN, _V, None, _SCH1B),
    # joint working and delegation
    _p("nhsa-s65Z5", NHSA, "s65Z5", "power", (IntegratedCareBoard, NHSEngland, NHSTrust),
       "joint working and delegation arrangements (joint committees arise under them)",
       "may arrange for its functions to be exercised by, or jointly with, another relevant body", None, _V,
       "inserted by HCA 2022 s71", _S75),
    _p("nhsa-s65Z6", NHSA, "s65Z6", "power", (IntegratedCareBoard, NHSEngland, NHSTrust),
       "joint committees and pooled funds for s65Z5 arrangements",
       "may exercise functions jointly through a joint committee or pooled fund under s65Z5 arrangements", None, _V,
       "inserted by HCA 2022 s71", _S75),
    _p("nhsa-s65Z7", NHSA, "s65Z7", "duty", (IntegratedCareBoard, NHSTrust, NHSEngland),
       "guidance on joint working and delegation", "must have regard to", _NATIONAL, _V, None, _S65Z5),
    _p("nhsa-s75", NHSA, "s75", "power", (*_COMMISSIONERS, LocalAuthority), "partnership arrangements",
       "may make partnership arrangements (lead commissioning, pooled funds, integrated provision) with", None, _V,
       None, _S75, None),
    _p("nhsa-s72", NHSA, "s72", "duty", (IntegratedCareBoard, NHSTrust), "co-operation between NHS bodies",
       "must co-operate with", _OVERLAP, _U, _CO_OPERATE_NOTE, None, None),
    _p("nhsa-s82", NHSA, "s82", "duty", (IntegratedCareBoard, LocalAuthority),
       "co-operation between NHS bodies and local authorities", "must co-operate with", _OVERLAP, _U,
       _CO_OPERATE_NOTE, None, None),
    _p("nhsa-s1(3)", NHSA, "s1(3)", "duty", (SecretaryOfState,), "ministerial responsibility to Parliament",
       "retains ministerial responsibility to Parliament for the health service in England", _OWN, _V, None, _S1,
       None),
    # LGPIHA 2007: needs assessments, strategies, the ICP
    _p("lgpiha-s116(4)(b)", LGPIHA, "s116(4)(b)", "duty", (LocalAuthority, IntegratedCareBoard),
       "joint strategic needs assessment", "must prepare, with each partner council,", _PARTNER, _V, _JSNA_NOTE,
       _HCA_S26),
    _p("lgpiha-s116(5A)", LGPIHA, "s116(5A)", "duty", _COUNCIL, "needs assessment given to the ICP",
       "must give a copy of its joint strategic needs assessment to", _OVERLAP, _V, _JSNA_NOTE, _HCA_S26),
    _p("lgpiha-s116A", LGPIHA, "s116A", "duty", (LocalAuthority, IntegratedCareBoard),
       "joint local health and wellbeing strategy", "must prepare, with each partner council,", _PARTNER, _P,
       "the opening of the amended s116A(1)-(2) seen in the bill text; the rest not seen", _BILL71),
    _p("lgpiha-s116B(1)", LGPIHA, "s116B(1)", "duty", (IntegratedCareBoard, LocalAuthority),
       "regard to assessments and strategies", "must have regard to", _PARTNER, _P, _S116B_NOTE, _S14Z59),
    _p("lgpiha-s116B(2)", LGPIHA, "s116B(2)", "duty", _NHSE, "NHS England's regard to assessments and strategies",
       "must have regard to", _NATIONAL, _U, "modelled from memory; the text of s116B(2) was not seen"),
    _p("lgpiha-s116ZA(1)", LGPIHA, "s116ZA(1)", "duty", (IntegratedCareBoard, LocalAuthority),
       "establishing the integrated care partnership", "must establish", _OVERLAP, _V, None, _S116ZA),
    _p("lgpiha-s116ZA", LGPIHA, "s116ZA", "duty", (IntegratedCareBoard, LocalAuthority),
       "the ICP's membership", "must be a member of, or appoint a member to,", _OVERLAP, _V, None, _S116ZA),
    _p("lgpiha-s116ZB(1)", LGPIHA, "s116ZB(1)", "duty", _ICP, "integrated care strategy",
       "must prepare", _PREPARES, _V, None, _S116ZB),
    _p("lgpiha-s116ZB(2)", LGPIHA, "s116ZB(2)", "duty", _ICP, "strategy: considering s75 arrangements",
       "must consider whether NHS Act 2006 s75 arrangements could better meet the needs in", _PREPARES, _V, None,
       _S116ZB),
    _p("lgpiha-s116ZB(3)(a)", LGPIHA, "s116ZB(3)(a)", "duty", _ICP, "strategy: regard to the NHS mandate",
       "must have regard to", _NATIONAL, _V, None, _S116ZB),
    _p("lgpiha-s116ZB(3)(b)", LGPIHA, "s116ZB(3)(b)", "duty", _ICP, "strategy: regard to guidance",
       "must have regard to", _NATIONAL, _V, None, _S116ZB),
    _p("lgpiha-s116ZB(4)", LGPIHA, "s116ZB(4)", "duty", _ICP, "strategy: involving Healthwatch and people",
       "must involve", _OVERLAP, _V, None, _S116ZB),
    _p("lgpiha-s116ZB(6)", LGPIHA, "s116ZB(6)", "duty", _ICP, "strategy: reconsidering on a new needs assessment",
       "must consider whether to revise its integrated care strategy on receiving", _OVERLAP, _V,
       "text seen in the bill as passed to the Lords (HL Bill 71)", _BILL71),
    _p("lgpiha-s116ZB(7)", LGPIHA, "s116ZB(7)", "duty", _ICP, "strategy: publishing and giving copies",
       "must give a copy of its integrated care strategy to", _OVERLAP, _V, None, _S116ZB),
    _p("lgpiha-s103", LGPIHA, "s103", "duty", _COUNCIL, "responsible local authorities",
       "is a responsible local authority for the purposes of the health provisions", None, _V,
       "a county council; a district council only where there is no county council (so not a shire district); "
       "a London borough council; the Council of the Isles of Scilly; the Common Council of the City of London",
       "https://www.legislation.gov.uk/ukpga/2007/28/part/5/chapter/1"),
    # health and wellbeing boards, children
    _p("hsca-s194", HSCA, "s194", "duty", _COUNCIL, "establishing a health and wellbeing board",
       "must establish a health and wellbeing board", _OWN, _P, "the duty is verified; the section number is from memory",
       None, dt.date(2013, 4, 1)),
    _p("ca2004-s10", CHILDREN_2004, "s10", "duty", _COUNCIL, "co-operation to improve children's well-being",
       "must make arrangements to promote co-operation with its partners to improve children's well-being",
       _OWN, _U, "from memory; this is a duty to co-operate, not the source of the children's services function",
       None, None),
    # statutory functions (ids are the functions' ids)
    _p("primary-medical-services", NHSA, "Part 4", "function", _NHSE, "Primary medical services",
       "holds the function of", None, _U, "the Part is from memory", None, None),
    _p("dental-services", NHSA, "Part 5", "function", _NHSE, "Dental services", "holds the function of", None, _U,
       "the Part is from memory", None, None),
    _p("ophthalmic-services", NHSA, "Part 6", "function", _NHSE, "Ophthalmic services", "holds the function of", None,
       _U, "the Part is from memory", None, None),
    _p("pharmaceutical-services", NHSA, "Part 7", "function", _NHSE, "Pharmaceutical services",
       "holds the function of", None, _U, "the Part is from memory", None, None),
    _p("specialised-services", NHSA, "s3B", "function", _NHSE, "Specialised services", "holds the function of", None,
       _U, "s3B (the Secretary of State's power to require NHS England to commission) named in HCA 2022 s2", None,
       None),
    _p("community-services", NHSA, "s3", "function", _COMMISSIONERS, "Community health services",
       "holds the function of", None, _U, "from memory", None, None),
    _p("continuing-healthcare", NHSA, "s3", "function", _COMMISSIONERS, "NHS continuing healthcare",
       "holds the function of", None, _U, "from memory", None, None),
    _p("mental-health-services", NHSA, "s3", "function", _COMMISSIONERS, "Mental health services",
       "holds the function of", None, _U, "from memory", None, None),
    _p("public-health", NHSA, "s2B", "function", _COUNCIL, "Public health", "holds the function of", None, _U,
       "from memory", None, None),
    _p("adult-social-care", CARE_ACT, "Part 1", "function", _COUNCIL, "Adult social care", "holds the function of",
       None, _U, "from memory", None, None),
    _p("childrens-services", CHILDREN_1989, "Part 3", "function", _COUNCIL, "Children's services",
       "holds the function of", None, _U,
       "from memory; replaces Children Act 2004 s10, which is the duty to co-operate, not the function's source",
       None, None),
    _p("better-care-fund", NHSA, "s223GA", "function", (*_COMMISSIONERS, LocalAuthority),
       "Better Care Fund (pooled under s75)", "holds the function of", None, _V,
       "expenditure on integration: the designated amount is pooled in funds under s75(2)(a) arrangements",
       _S223GA, None),
)  # fmt: skip


def _index(entries: tuple[Provision, ...]) -> Mapping[str, Provision]:
    """Index entries by id, refusing a repeated id."""
    found: dict[str, Provision] = {}
    for entry in entries:
        if entry.id in found:
            raise InvalidValueError(subject="rulebook", field="id", problem=f'names "{entry.id}" more than once')
        found[entry.id] = entry
    return MappingProxyType(found)


RULEBOOK: Final[Mapping[str, Provision]] = _index(_ENTRIES)
"""Every provision integratedcare knows, by id, as the enacted law stands (the default regime's view)."""


def provision(provision_id: str) -> Provision:
    """Return the rulebook entry with ``provision_id``.

    Raises:
        UnknownRuleError: the rulebook has no such entry.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.statute.provision("nhsa-sch1B-para5"))
        NHS Act 2006 Sch 1B para 5: appointment of the ICB chair
    """
    try:
        return RULEBOOK[provision_id]
    except KeyError:
        raise UnknownRuleError(regime="rulebook", rule=provision_id) from None


def cite(provision_id: str) -> Citation:
    """Return the citation of the rulebook entry with ``provision_id``.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.statute.cite("lgpiha-s116ZA(1)"))
        'LGPIHA 2007 s116ZA(1)'
    """
    return provision(provision_id).citation


@attrs.frozen(kw_only=True)
class Change:
    """What a regime changes in the rulebook: a provision removed, moved to other holders, added, or kept unconfirmed.

    Attributes:
        provision: the id of the rulebook entry changed (or added).
        effect: ``removed``, ``moved`` or ``added``; or ``kept`` where the regime keeps the provision but
            its survival was not confirmed (the summary says why it is in doubt).
        summary: the change in plain words.
        verification: how far the change was confirmed (from the bill's text or official statements).
        source: the page that says so.
        holders: for a move, the kinds of body that would hold the provision instead.

    Examples:
        >>> import integratedcare as ic
        >>> change = ic.statute.legal_regime("health-bill-2026").change("lgpiha-s116ZA(1)")
        >>> change.effect, change.verification.value
        ('removed', 'verified')
    """

    provision: str = attrs.field(validator=non_empty)
    effect: str = attrs.field(validator=attrs.validators.in_(("removed", "moved", "added", "kept")))
    summary: str = attrs.field(validator=non_empty)
    verification: Verification = attrs.field(converter=Verification)
    source: str | None = None
    holders: tuple[type[Entity], ...] = ()


@attrs.frozen(kw_only=True)
class Abolition:
    """A kind of body or document a regime abolishes, and the kind of body its roles pass to, if any.

    Under the regime, lines of accountability to an abolished body lead to its successor, and the
    delegations it made are made by its successor, except the functions the regime gives the delegate
    in its own right (see :func:`~integratedcare.statute.under_regime`).

    Attributes:
        kind: the kind abolished.
        successor: the kind of body that takes over its roles, or ``None`` when none does.
        summary: what the regime does, in plain words.
        verification: how far this was confirmed (from the bill's text or official statements).
        source: the page that says so.

    Examples:
        >>> import integratedcare as ic
        >>> nhse = ic.statute.legal_regime("health-bill-2026").abolitions[0]
        >>> nhse.kind.kind, nhse.successor.kind, nhse.verification.value
        ('nhs-england', 'secretary-of-state', 'partly verified')
    """

    kind: type[Entity]
    successor: type[Entity] | None = None
    summary: str = attrs.field(validator=non_empty)
    verification: Verification = attrs.field(converter=Verification)
    source: str | None = None
