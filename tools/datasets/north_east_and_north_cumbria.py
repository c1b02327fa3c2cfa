"""Build the ``north-east-and-north-cumbria`` dataset.

From seed 001 (the North East and North Cumbria paper on its integrated care partnerships, 2022), as
extracted into ``extracts/north-east-and-north-cumbria.json``: ICB QHM and its board by role (26
members), the 13 councils (Cumbria partly), the strategic ICP and the four area ICPs with their roles,
and the proposed strategic ICP membership. Council overlaps and the 2023 Cumbria reorganisation come
from the reference tables.
"""

from __future__ import annotations

from typing import Final

import attrs

import integratedcare as ic

from ._common import (
    DELEGATE,
    DELEGATION_POD,
    DELEGATION_PRIMARY_CARE,
    ESTABLISH_ICP,
    ESTABLISHMENT_ORDER,
    LEGISLATION_14Z59,
    LEGISLATION_116ZA,
    LEGISLATION_116ZB,
    PREPARE_STRATEGY,
    P,
    U,
    act,
    flag_open_ended,
    source,
)
from ._extract import JSON, Extract, load_extract
from ._national import national
from .england import ONS_2022, ONS_LA_REORG, overlaps

__all__ = ["DESCRIPTION", "build"]

OPEN_REASON: Final = (
    "its start date is in none of the sources; the ICS's undated slides on forming integrated care partnerships "
    "attest it"
)
NATIONAL_OPEN: Final = "a national body that predates every date the dataset covers (from 2022-07-01)"

SEED: Final = (
    'North East and North Cumbria ICS, "Guidance on the formation of Integrated Care Partnerships" (slides; '
    "undated, after the 42 statutory ICSs were established)"
)
ICP_PAGE: Final = "NHS North East and North Cumbria, Integrated Care Partnership web page"
PAGES: Final = {
    "https://northeastnorthcumbria.nhs.uk/integrated-care-partnership": ICP_PAGE,
    "https://northeastnorthcumbria.nhs.uk/integrated-care-partnership/": ICP_PAGE,
}
"""The page the extract cites for the area ICPs' councils (not in the slides; not retrieved, so unverified)."""
PAGE_SOURCE: Final = source(
    ICP_PAGE,
    "https://northeastnorthcumbria.nhs.uk/integrated-care-partnership/",
    U,
    "the councils of each area ICP; fourteen councils after April 2023; not retrieved",
)
COUNCIL_SEATS: Final = 2
"""Seats of each council on the proposed strategic ICP: its HWB chair (or lead member) and one lead officer."""
START: Final = "2022-07-01"
REORG: Final = "2023-04-01"
ICB: Final = "QHM"
ICP: Final = "nenc-strategic-icp"
STRATEGY: Final = "nenc-integrated-care-strategy"

DESCRIPTION: Final = (
    "North East and North Cumbria: ICB QHM and its 26-member board by role, the 13 councils of 2022 (Cumbria "
    "partly, replaced in April 2023 by Cumberland and Westmorland and Furness), the strategic ICP and the four area "
    "ICPs (North, Central, Tees Valley, North Cumbria) with their roles, and the proposed strategic ICP membership "
    "(the ICB's 26 plus councils' 26-28)."
)


def _council_ids(data: JSON) -> dict[str, str]:
    """Map the extract's council ids to their GSS codes."""
    return {
        e["id"]: e["attributes"]["ons_code"]
        for e in data["entities"]
        if e["kind"] == "local-authority" and isinstance(e.get("attributes", {}).get("ons_code"), str)
    }


def _skip(raw: JSON) -> bool:
    """Leave out the extract's 'council within ICS' links: the reference tables give overlaps with shares."""
    return bool(raw.get("kind") == "within" and str(raw.get("source", "")).endswith("council"))


_SECTORS: Final = {"la": "local authorities", "pc": "primary care", "ft": "NHS foundation trusts"}


def _board_seat(relation: ic.Relation, names: dict[str, str]) -> ic.Relation:
    """Name the board role of a post's membership of the ICB as the governance layer reads it."""
    if not (isinstance(relation, ic.MemberOf) and relation.target == ICB and relation.source.startswith("nenc-icb-")):
        return relation
    post = relation.source.removeprefix("nenc-icb-")
    if post in ("chair", "chief-executive"):
        role = post.replace("-", " ")
    elif post.startswith("partner-member-"):
        role = f"partner member: {_SECTORS[post.split('-')[2]]}"
    elif post.startswith("ned-"):
        role = "non-executive"
    elif post.startswith("participant-"):
        return attrs.evolve(relation, role="participant", voting=False)
    else:
        role = f"executive director: {names[relation.source]}"
    return attrs.evolve(relation, role=role)


def _seats(relation: ic.Relation, councils: frozenset[str], src: ic.Source) -> ic.Relation:
    """Give each council's membership of the strategic ICP the two seats the slides propose (line 153)."""
    if isinstance(relation, ic.MemberOf) and relation.target == ICP and relation.source in councils:
        return attrs.evolve(
            relation,
            role="statutory member: Health and Wellbeing Board chair (or lead member) and one lead officer",
            seats=COUNCIL_SEATS,
            sources=[*relation.sources, src],
        )
    return relation


def build() -> ic.Landscape:
    """Build the North East and North Cumbria landscape."""
    data = load_extract("north-east-and-north-cumbria")
    councils = _council_ids(data)
    id_map = {**councils, "nenc-icb": ICB}
    periods: dict[str, ic.PeriodLike] = {"nenc-icb": (START, None), ICP: (START, None)}
    periods["cumbria-county-council"] = (None, REORG)
    extract = Extract(data=data, title=SEED, id_map=id_map, periods=periods, pages=PAGES)
    extract.convert(_skip)
    entities = []
    for converted in extract.finish():
        entity = converted
        if isinstance(entity, ic.ICB):
            entity = attrs.evolve(
                entity,
                name="NHS North East and North Cumbria Integrated Care Board",
                codes=[ic.Code("ods", ICB), ic.Code("gss", "E54000050")],
                sources=[*entity.sources, ONS_2022],
            )
        entities.append(entity)
    names = {e.id: e.name for e in entities}
    seat_source = source(SEED, "line 153 (Local Authorities: HWB chair plus one lead officer, 26/28 seats)")
    council_ids = frozenset(councils.values())
    relations = [
        attrs.evolve(r, basis=PREPARE_STRATEGY, sources=[*r.sources, LEGISLATION_116ZB])
        if isinstance(r, ic.Prepares) and (r.source, r.target) == (ICP, STRATEGY)
        else _seats(_board_seat(r, names), council_ids, seat_source)
        for r in extract.relations
    ]
    b = ic.LandscapeBuilder("North East and North Cumbria")
    b.add(*entities, *relations)
    b.add(
        ic.NHSEngland(id="nhs-england", name="NHS England", sources=[ESTABLISHMENT_ORDER]),
        ic.LocalAuthority(
            id="E06000063",
            name="Cumberland Council",
            tier="unitary",
            period=(REORG, None),
            codes=[ic.Code("gss", "E06000063")],
            sources=[ONS_LA_REORG],
        ),
        ic.LocalAuthority(
            id="E06000064",
            name="Westmorland and Furness Council",
            tier="unitary",
            period=(REORG, None),
            codes=[ic.Code("gss", "E06000064")],
            sources=[ONS_LA_REORG],
        ),
        ic.SucceededBy(source="E10000006", target="E06000063", period=(REORG, None), sources=[ONS_LA_REORG]),
        ic.SucceededBy(source="E10000006", target="E06000064", period=(REORG, None), sources=[ONS_LA_REORG]),
        ic.Establishes(
            source="E06000063",
            target=ICP,
            period=(REORG, None),
            basis=ESTABLISH_ICP,
            sources=[LEGISLATION_116ZA],
            notes=["required by the council's overlap with the ICB's area"],
        ),
        ic.Establishes(
            source="E06000064",
            target=ICP,
            period=(REORG, None),
            basis=ESTABLISH_ICP,
            sources=[LEGISLATION_116ZA],
            notes=["required by the council's overlap with the ICB's area"],
        ),
        *(
            ic.MemberOf(
                source=council,
                target=ICP,
                period=(REORG, None),
                role="statutory member: Health and Wellbeing Board chair (or lead member) and one lead officer",
                seats=COUNCIL_SEATS,
                sources=[
                    source(
                        SEED,
                        "line 153 (26/28 council seats: 28 for fourteen councils)",
                        P,
                        "the slides do not name the fourteenth council; the successors of Cumbria County Council are "
                        "inferred",
                    ),
                    source(
                        ICP_PAGE,
                        "https://northeastnorthcumbria.nhs.uk/integrated-care-partnership",
                        U,
                        "fourteen councils on the ICP after April 2023; not retrieved",
                    ),
                ],
            )
            for council in ("E06000063", "E06000064")
        ),
        *(
            ic.MemberOf(
                source=council,
                target="nenc-north-cumbria-icp",
                period=(REORG, None),
                role="local authority in the area (inferred: a successor of Cumbria County Council in North Cumbria)",
                sources=[
                    source(
                        ONS_LA_REORG.title,
                        ONS_LA_REORG.reference,
                        P,
                        "inferred: Cumbria County Council sat on the North Cumbria area ICP until it ended on "
                        "2023-04-01; the slides and the ICP page do not say which successor joined",
                    )
                ],
                notes=["inferred link: no source names the councils of the North Cumbria area ICP after April 2023"],
            )
            for council in ("E06000063", "E06000064")
        ),
        ic.AccountableTo(
            source=ICB,
            target="nhs-england",
            period=(START, None),
            basis=act("NHS Act 2006", "s14Z59"),
            mechanism="annual performance assessment",
            sources=[LEGISLATION_14Z59],
        ),
        ic.Delegation(
            source="nhs-england",
            target=ICB,
            functions=["primary-medical-services"],
            period=(START, None),
            basis=DELEGATE,
            sources=[DELEGATION_PRIMARY_CARE],
        ),
        ic.Delegation(
            source="nhs-england",
            target=ICB,
            functions=["pharmaceutical-services", "ophthalmic-services", "dental-services"],
            period=(REORG, None),
            basis=DELEGATE,
            sources=[DELEGATION_POD],
        ),
    )
    b.add(*national())
    for overlap in overlaps(frozenset({ICB})):
        b.add(overlap)
    return flag_open_ended(_chair_and_stakeholders(b.build()), OPEN_REASON, NATIONAL_OPEN)


HEALTHWATCH_NETWORK: Final = "nenc-ics-healthwatch-network"
VCSE_PARTNERSHIP: Final = "nenc-ics-vcse-partnership"


def _chair_and_stakeholders(land: ic.Landscape) -> ic.Landscape:
    """Add what the slides require of the strategic ICP's chair and stakeholders, as typed duties.

    Line 176: the ICB and the local authorities jointly select the ICP chair and define the role, term
    and accountabilities (a power of each founder over the ICP, for as long as it founds it). Lines
    156-160: the ICS HealthWatch Network and the ICS VCSE Partnership are stakeholders the ICP must
    involve, not necessarily as full members (a duty of the ICP towards each; proposed). The other
    must-involve stakeholders and the optional members are sectors, not bodies, and stay prose.
    """
    b = land.builder()
    chair = source(SEED, "line 176 (ICP chairing arrangements)")
    for founder in sorted(land.relations(ic.Establishes, target=ICP), key=lambda r: (r.source, str(r.period))):
        others = "the local authorities" if founder.source == ICB else "the ICB and the other local authorities"
        b.add(
            ic.Duty(
                source=founder.source,
                target=ICP,
                duty=ic.DutyKind.POWER,
                context=f"jointly with {others}: select the ICP chair and define the role, term of office and "
                "accountabilities",
                period=founder.period,
                sources=[chair],
            )
        )
    involve = source(SEED, "lines 156-160 (stakeholders who must be involved, not necessarily as full members)")
    for stakeholder, who in ((HEALTHWATCH_NETWORK, "its representatives"), (VCSE_PARTNERSHIP, "a representative")):
        b.add(
            ic.Duty(
                source=ICP,
                target=stakeholder,
                duty=ic.DutyKind.INVOLVE,
                context=f"{who}, as a stakeholder who must be involved, not necessarily as a full member",
                period=(START, None),
                sources=[involve],
                notes=["status: proposed (the slides' proposed membership of the strategic ICP)"],
            )
        )
    return b.build()
