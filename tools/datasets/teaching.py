"""Build the ``teaching`` dataset: Brackenshire, a fictional integrated care system small enough to draw.

Two places (Brackenford, a city with a unitary council, and the Dales, in a county with a district
council), four neighbourhoods, five PCNs and ten practices, an acute provider collaborative that
spans Brackenshire and the neighbouring Fellside system, the ICB's scheme of delegation to its
place committees, a pooled Better Care Fund, a memorandum of understanding with mutual
accountability, strategies and plans, and a few deliberate guidance findings for the tutorials.

Every body is invented; the law cited is real.
"""

from __future__ import annotations

from typing import Final

import attrs

import integratedcare as ic

from ._common import (
    DELEGATE,
    DELEGATION_PRIMARY_CARE,
    ESTABLISH_ICP,
    JFP,
    LEGISLATION_116ZA,
    LEGISLATION_116ZB,
    LGPIHA,
    PREPARE_STRATEGY,
    act,
    source,
)

__all__ = ["DESCRIPTION", "FINDINGS", "build"]

FICTION: Final = source(
    "integratedcare teaching example (fictional)",
    None,
    note="Invented for teaching: every body, place and figure is fictional; the law cited is real",
)
START: Final = "2022-07-01"
POD: Final = "2023-04-01"
MOU: Final = "brackenshire-mou"
SCHEME: Final = "brackenshire-icb-scheme-of-delegation"
S75: Final = "brackenford-bcf-s75-agreement"

ICB: Final = "brackenshire-icb"
ICS: Final = "brackenshire-ics"
ICP: Final = "brackenshire-icp"
CITY: Final = "brackenford-city-council"
COUNTY: Final = "brackenshire-county-council"
DISTRICT: Final = "dalesby-district-council"
FELLSIDE_ICB: Final = "fellside-icb"
ACUTE: Final = "brackenford-teaching-hospitals"
MENTAL: Final = "brackenshire-community-and-mental-health"
FELL_ACUTE: Final = "fellside-hospitals"
COLLABORATIVE: Final = "brackenshire-and-fellside-acute-collaborative"

DESCRIPTION: Final = (
    "Brackenshire, a fictional integrated care system for teaching: two places, four neighbourhoods, five PCNs and "
    "ten practices, a provider collaborative shared with the neighbouring Fellside system, a scheme of delegation, "
    "a pooled Better Care Fund, a memorandum of understanding with mutual accountability, strategies and plans, "
    "and a few deliberate guidance findings."
)

FINDINGS: Final = (
    (
        "Neighbourhoods outside the 30,000-50,000 of national guidance: Dales North (95,000) and Brackenford South "
        "(85,000) above it, Dales South (22,000) below it."
    ),
    "PCN lists outside the usual 30,000-50,000: Fellgate PCN (22,000) and Upper Dale PCN (73,000).",
    (
        "The community and mental health trust is in no provider collaborative, though every trust providing "
        "mental health services is expected to join one."
    ),
    (
        "Healthwatch Brackenshire (the county's Local Healthwatch) is a member of neither the ICP (which must involve "
        "it in preparing the strategy, LGPIHA 2007 s116ZB(4)) nor the Dales place partnership."
    ),
    (
        "Dalesby District Council sits on the ICP but, as a shire district, is not a responsible local authority: it "
        "was not required to establish it (LGPIHA 2007 s103, s116ZA)."
    ),
)


def _b() -> ic.LandscapeBuilder:
    """Start the builder with the national bodies."""
    b = ic.LandscapeBuilder("Brackenshire (teaching example)")
    legislation = source("NHS Act 2006, s1(3) and s14Z59", "https://legislation.gov.uk/ukpga/2006/41")
    b.add(
        ic.Parliament(id="parliament", name="UK Parliament", sources=[legislation]),
        ic.SecretaryOfState(
            id="secretary-of-state", name="Secretary of State for Health and Social Care", sources=[legislation]
        ),
        ic.NHSEngland(id="nhs-england", name="NHS England", sources=[legislation]),
        ic.AccountableTo(
            source="nhs-england",
            target="secretary-of-state",
            mechanism="the mandate",
            basis=act("NHS Act 2006", "s13A"),
            sources=[legislation],
        ),
        ic.AccountableTo(
            source="secretary-of-state",
            target="parliament",
            mechanism="ministerial responsibility",
            basis=act("NHS Act 2006", "s1(3)"),
            sources=[legislation],
        ),
    )
    return b


def _systems(b: ic.LandscapeBuilder) -> None:
    """Add Brackenshire and its neighbour Fellside: ICBs, ICSs, ICPs, councils and their overlaps."""
    f = [FICTION]
    b.add(
        ic.ICS(
            id=ICS,
            name="Brackenshire Integrated Care System",
            period=(START, None),
            population=ic.quantity(550_000, "person"),
            sources=f,
        ),
        ic.ICB(
            id=ICB,
            name="NHS Brackenshire Integrated Care Board",
            period=(START, None),
            population=ic.quantity(550_000, "person"),
            sources=f,
        ),
        ic.ICP(id=ICP, name="Brackenshire Health and Care Partnership", period=(START, None), sources=f),
        ic.ICS(id="fellside-ics", name="Fellside Integrated Care System", period=(START, None), sources=f),
        ic.ICB(
            id=FELLSIDE_ICB,
            name="NHS Fellside Integrated Care Board",
            period=(START, None),
            population=ic.quantity(400_000, "person"),
            sources=f,
        ),
        ic.ICP(id="fellside-icp", name="Fellside Integrated Care Partnership", period=(START, None), sources=f),
        ic.LocalAuthority(
            id=CITY,
            name="Brackenford City Council",
            tier="unitary",
            population=ic.quantity(300_000, "person"),
            sources=f,
        ),
        ic.LocalAuthority(
            id=COUNTY,
            name="Brackenshire County Council",
            tier="county",
            population=ic.quantity(290_000, "person"),
            sources=f,
        ),
        ic.LocalAuthority(
            id=DISTRICT,
            name="Dalesby District Council",
            tier="district",
            population=ic.quantity(110_000, "person"),
            sources=f,
        ),
        ic.LocalAuthority(
            id="fellside-council",
            name="Fellside Council",
            tier="unitary",
            population=ic.quantity(360_000, "person"),
            sources=f,
        ),
    )
    for icb, ics, icp in ((ICB, ICS, ICP), (FELLSIDE_ICB, "fellside-ics", "fellside-icp")):
        b.add(
            ic.Within(source=icb, target=ics, period=(START, None), sources=f),
            ic.Within(source=icp, target=ics, period=(START, None), sources=f),
            ic.Establishes(
                source=icb, target=icp, period=(START, None), basis=ESTABLISH_ICP, sources=[LEGISLATION_116ZA]
            ),
            ic.AccountableTo(
                source=icb,
                target="nhs-england",
                period=(START, None),
                mechanism="annual performance assessment",
                basis=act("NHS Act 2006", "s14Z59"),
                sources=f,
            ),
            ic.Delegation(
                source="nhs-england",
                target=icb,
                functions=["primary-medical-services"],
                period=(START, None),
                basis=DELEGATE,
                sources=[DELEGATION_PRIMARY_CARE],
            ),
            ic.Delegation(
                source="nhs-england",
                target=icb,
                functions=["pharmaceutical-services", "ophthalmic-services", "dental-services"],
                period=(POD, None),
                basis=DELEGATE,
                sources=[DELEGATION_PRIMARY_CARE],
            ),
        )
    overlaps = (
        (CITY, ICB, 1.0),
        (COUNTY, ICB, 0.85),
        (COUNTY, FELLSIDE_ICB, 0.15),
        ("fellside-council", FELLSIDE_ICB, 1.0),
    )
    for council, icb, share in overlaps:
        icp = ICP if icb == ICB else "fellside-icp"
        b.add(
            ic.Overlaps(source=council, target=icb, share=share, measure="population", period=(START, None), sources=f),
            ic.Establishes(
                source=council, target=icp, period=(START, None), basis=ESTABLISH_ICP, sources=[LEGISLATION_116ZA]
            ),
        )
    b.add(
        ic.Within(source=DISTRICT, target=COUNTY, sources=f),
        ic.Overlaps(source=DISTRICT, target=ICB, share=1.0, measure="population", period=(START, None), sources=f),
    )
    for council in (CITY, COUNTY, DISTRICT, "fellside-council"):
        electorate = f"{council}-electorate"
        b.add(
            ic.Electorate(id=electorate, name=f"Electorate of {b_name(council)}", sources=f),
            ic.AccountableTo(source=council, target=electorate, mechanism="local elections", sources=f),
        )


def b_name(council: str) -> str:
    """Return a council's area name from its id."""
    return {
        CITY: "Brackenford",
        COUNTY: "Brackenshire",
        DISTRICT: "Dalesby",
        "fellside-council": "Fellside",
    }[council]


def _local_bodies(b: ic.LandscapeBuilder) -> None:
    """Add HWBs, Healthwatch, the VCSE alliance, the joint HOSC, trusts and the provider collaborative."""
    f = [FICTION]
    for council, area in ((CITY, "brackenford"), (COUNTY, "brackenshire")):
        hwb, hw = f"{area}-hwb", f"healthwatch-{area}"
        title = b_name(council)
        b.add(
            ic.HWB(id=hwb, name=f"{title} Health and Wellbeing Board", sources=f),
            ic.Within(source=hwb, target=council, sources=[source("Health and Social Care Act 2012 (HWBs)")]),
            ic.Healthwatch(id=hw, name=f"Healthwatch {title}", sources=f),
            ic.Within(source=hw, target=council, sources=f),
            ic.MemberOf(source=hw, target=hwb, role="Local Healthwatch representative", sources=f),
            ic.MemberOf(source=ICB, target=hwb, role="ICB representative", sources=f),
            ic.JSNA(id=f"{area}-jsna", name=f"{title} Joint Strategic Needs Assessment", sources=f),
            ic.JLHWS(
                id=f"{area}-jlhws",
                name=f"{title} Joint Local Health and Wellbeing Strategy 2023-2028",
                period=("2023-04-01", "2028-04-01"),
                sources=f,
            ),
            ic.Prepares(source=hwb, target=f"{area}-jsna", basis=act(LGPIHA, "s116"), sources=f),
            ic.Prepares(
                source=hwb,
                target=f"{area}-jlhws",
                period=("2023-04-01", "2028-04-01"),
                basis=act(LGPIHA, "s116A"),
                sources=f,
            ),
        )
    b.add(
        ic.VCSE(id="brackenshire-vcse-alliance", name="Brackenshire VCSE Alliance", sources=f),
        ic.HOSC(
            id="brackenshire-joint-hosc",
            name="Brackenshire Joint Health Overview and Scrutiny Committee",
            joint=True,
            sources=f,
        ),
        ic.MemberOf(source=CITY, target="brackenshire-joint-hosc", sources=f),
        ic.MemberOf(source=COUNTY, target="brackenshire-joint-hosc", sources=f),
        ic.Scrutinises(
            source="brackenshire-joint-hosc",
            target=ICB,
            period=(START, None),
            basis=act("NHS Act 2006", "s244"),
            sources=f,
        ),
        ic.NHSTrust(
            id=ACUTE,
            name="Brackenford Teaching Hospitals NHS Foundation Trust",
            services=["acute"],
            foundation=True,
            sources=f,
        ),
        ic.NHSTrust(
            id=MENTAL,
            name="Brackenshire Community and Mental Health NHS Trust",
            services=["community", "mental-health"],
            sources=f,
        ),
        ic.NHSTrust(id=FELL_ACUTE, name="Fellside Hospitals NHS Trust", services=["acute"], sources=f),
        ic.ProviderCollaborative(
            id=COLLABORATIVE, name="Brackenshire and Fellside Acute Collaborative", focus="acute", sources=f
        ),
        ic.MemberOf(source=ACUTE, target=COLLABORATIVE, role="host", sources=f),
        ic.MemberOf(source=FELL_ACUTE, target=COLLABORATIVE, sources=f),
        ic.Hosts(source=ACUTE, target=COLLABORATIVE, sources=f),
        ic.Within(source=COLLABORATIVE, target=ICS, period=(START, None), sources=f),
        ic.Within(source=COLLABORATIVE, target="fellside-ics", period=(START, None), sources=f),
        ic.Within(source=ACUTE, target=ICS, sources=f),
        ic.Within(source=MENTAL, target=ICS, sources=f),
        ic.Within(source=FELL_ACUTE, target="fellside-ics", sources=f),
    )


def _icp_and_documents(b: ic.LandscapeBuilder) -> None:
    """Add the ICP's members, the integrated care strategy, the joint forward plan and the place plans."""
    f = [FICTION]
    members = (
        (ICB, "ICB member"),
        (CITY, "council member"),
        (COUNTY, "council member"),
        (DISTRICT, "district council member (co-opted)"),
        ("healthwatch-brackenford", "Local Healthwatch"),
        ("brackenshire-vcse-alliance", "VCSE member"),
        (ACUTE, "provider member"),
        (MENTAL, "provider member"),
    )
    for member, role in members:
        b.add(ic.MemberOf(source=member, target=ICP, role=role, period=(START, None), sources=f))
    b.add(
        ic.IntegratedCareStrategy(
            id="brackenshire-integrated-care-strategy",
            name="Brackenshire Integrated Care Strategy 2023-2028",
            period=("2023-01-01", None),
            sources=f,
        ),
        ic.Prepares(
            source=ICP,
            target="brackenshire-integrated-care-strategy",
            period=("2023-01-01", None),
            basis=PREPARE_STRATEGY,
            sources=[LEGISLATION_116ZB],
        ),
        ic.JFP(
            id="brackenshire-jfp-2024",
            name="Brackenshire Joint Forward Plan 2024-2029",
            period=("2024-04-01", "2025-04-01"),
            sources=f,
        ),
        ic.Prepares(
            source=ICB, target="brackenshire-jfp-2024", period=("2024-04-01", "2025-04-01"), basis=JFP, sources=f
        ),
        ic.Prepares(
            source=ACUTE, target="brackenshire-jfp-2024", period=("2024-04-01", "2025-04-01"), basis=JFP, sources=f
        ),
        ic.Prepares(
            source=MENTAL, target="brackenshire-jfp-2024", period=("2024-04-01", "2025-04-01"), basis=JFP, sources=f
        ),
        ic.IntegratedCareStrategy(
            id="fellside-integrated-care-strategy",
            name="Fellside Integrated Care Strategy",
            period=("2023-01-01", None),
            sources=f,
        ),
        ic.Prepares(
            source="fellside-icp",
            target="fellside-integrated-care-strategy",
            period=("2023-01-01", None),
            basis=PREPARE_STRATEGY,
            sources=[LEGISLATION_116ZB],
        ),
        ic.HWB(id="fellside-hwb", name="Fellside Health and Wellbeing Board", sources=f),
        ic.Within(source="fellside-hwb", target="fellside-council", sources=f),
    )


_PLACES: Final = (
    # place id, name, council, population, neighbourhoods: (id, name, population, PCNs: (id, name, list, practices))
    (
        "brackenford-place",
        "Brackenford",
        CITY,
        300_000,
        (
            (
                "brackenford-north",
                "Brackenford North",
                48_000,
                (
                    (
                        "brackenford-north-pcn",
                        "Brackenford North PCN",
                        48_000,
                        ("Castle Street Surgery", "Millbank Practice"),
                    ),
                ),
            ),
            (
                "brackenford-south",
                "Brackenford South",
                85_000,
                (
                    ("riverside-pcn", "Riverside PCN", 41_000, ("Riverside Medical Centre", "Quayside Surgery")),
                    ("southgate-pcn", "Southgate PCN", 44_000, ("Southgate Health Centre", "Orchard Lane Surgery")),
                ),
            ),
        ),
    ),
    (
        "dales-place",
        "The Dales",
        COUNTY,
        250_000,
        (
            (
                "dales-north",
                "Dales North",
                95_000,
                (("upper-dale-pcn", "Upper Dale PCN", 73_000, ("Upper Dale Group Practice", "Moorside Surgery")),),
            ),
            (
                "dales-south",
                "Dales South",
                22_000,
                (("fellgate-pcn", "Fellgate PCN", 22_000, ("Fellgate Surgery", "Bridge End Practice")),),
            ),
        ),
    ),
)


def _places(b: ic.LandscapeBuilder) -> None:
    """Add the two places with their neighbourhoods, PCNs, practices, place committees and plans."""
    f = [FICTION]
    for place, name, council, population, neighbourhoods in _PLACES:
        committee = f"{place}-committee"
        b.add(
            ic.Place(
                id=place,
                name=f"{name} Place Partnership",
                population=ic.quantity(population, "person"),
                period=(START, None),
                sources=f,
            ),
            ic.Within(source=place, target=ICS, period=(START, None), sources=f),
            ic.MemberOf(
                source=council,
                target=place,
                period=(START, None),
                sources=f,
                role="council, with its Director of Public Health",
            ),
            ic.MemberOf(source=ICB, target=place, period=(START, None), sources=f),
            ic.MemberOf(source=MENTAL, target=place, period=(START, None), sources=f),
            ic.MemberOf(source="brackenshire-vcse-alliance", target=place, period=(START, None), sources=f),
            ic.Committee(
                id=committee,
                name=f"NHS Brackenshire ICB {name} Place Committee",
                committee_type="place-committee",
                period=(START, None),
                sources=f,
            ),
            ic.Within(source=committee, target=ICB, period=(START, None), sources=f),
            ic.Delegation(
                source=ICB,
                target=committee,
                functions=["community-services", "continuing-healthcare"],
                budget=ic.quantity(population * 400, "GBP"),
                period=("2023-04-01", None),
                basis=ic.Clause(agreement=SCHEME, section="Part 3"),
                sources=f,
                reserved_matters=["approval of the place's annual budget", "service reconfigurations"],
            ),
            ic.PlacePlan(
                id=f"{place}-plan", name=f"{name} Place Plan 2023-2026", period=("2023-04-01", "2026-04-01"), sources=f
            ),
            ic.Prepares(source=place, target=f"{place}-plan", period=("2023-04-01", "2026-04-01"), sources=f),
            ic.Duty(
                source=council,
                target=f"{place}-plan",
                duty="must have regard to",
                period=("2023-04-01", "2026-04-01"),
                basis=ic.Clause(agreement=MOU, section="6.2"),
                context="when planning services for the place",
                sources=f,
            ),
        )
        if place == "brackenford-place":
            b.add(
                ic.MemberOf(
                    source="healthwatch-brackenford", target=place, voting=False, period=(START, None), sources=f
                )
            )
        for hood, hood_name, hood_pop, pcns in neighbourhoods:
            b.add(
                ic.Neighbourhood(
                    id=hood,
                    name=f"{hood_name} Neighbourhood",
                    population=ic.quantity(hood_pop, "person"),
                    period=(START, None),
                    sources=f,
                ),
                ic.Within(source=hood, target=place, period=(START, None), sources=f),
            )
            for pcn, pcn_name, list_size, practices in pcns:
                b.add(
                    ic.PCN(
                        id=pcn,
                        name=pcn_name,
                        list_size=ic.quantity(list_size, "person"),
                        period=(START, None),
                        sources=f,
                    ),
                    ic.Within(source=pcn, target=hood, period=(START, None), sources=f),
                    ic.MemberOf(
                        source=pcn,
                        target=place,
                        period=(START, None),
                        role="primary care provider leadership",
                        sources=f,
                    ),
                )
                for index, practice in enumerate(practices):
                    pid = f"{pcn}-practice-{index + 1}"
                    b.add(
                        ic.GPPractice(
                            id=pid, name=practice, list_size=ic.quantity(list_size // 2, "person"), sources=f
                        ),
                        ic.Within(source=pid, target=pcn, period=(START, None), sources=f),
                        ic.MemberOf(source=pid, target=pcn, period=(START, None), sources=f),
                    )


def _agreements(b: ic.LandscapeBuilder) -> None:
    """Add the scheme of delegation, the s75 agreement with its pooled fund, and the memorandum of understanding."""
    f = [FICTION]
    parties = (ICB, CITY, COUNTY, ACUTE, MENTAL)
    b.add(
        ic.Agreement(
            id=SCHEME,
            name="NHS Brackenshire ICB Scheme of Reservation and Delegation",
            agreement_type="scheme-of-delegation",
            period=("2023-04-01", None),
            sources=f,
        ),
        ic.Agreement(
            id=S75,
            name="Brackenford Better Care Fund Section 75 Agreement",
            agreement_type="section-75-agreement",
            period=("2023-04-01", "2025-04-01"),
            sources=f,
        ),
        ic.Delegation(
            source=ICB,
            target=CITY,
            functions=["better-care-fund"],
            budget=ic.quantity(32e6, "GBP"),
            period=("2023-04-01", "2025-04-01"),
            basis=ic.Clause(agreement=S75, section="Schedule 1"),
            sources=f,
            notes=[
                "The city council hosts the pooled fund: ICB 24 million GBP, council 8 million GBP (NHS Act 2006 s75)"
            ],
        ),
        ic.Hosts(
            source=CITY,
            target=ICB,
            period=("2023-04-01", "2025-04-01"),
            sources=f,
            notes=["hosts the pooled Better Care Fund on the ICB's behalf"],
        ),
        ic.Agreement(
            id=MOU,
            name="Brackenshire Health and Care Partnership Memorandum of Understanding",
            agreement_type="memorandum-of-understanding",
            period=(START, None),
            sources=f,
            notes=[
                (
                    "Decisions by consensus; failing that, 75% of the partners present (section 7); disputes "
                    "go first to the partnership board, then to an independent facilitator (section 8)"
                )
            ],
        ),
        ic.Committee(
            id="brackenshire-partnership-board",
            name="Brackenshire Partnership Board",
            committee_type="forum",
            period=(START, None),
            sources=f,
        ),
    )
    for party in parties:
        b.add(
            ic.MemberOf(
                source=party,
                target="brackenshire-partnership-board",
                period=(START, None),
                sources=f,
                basis=ic.Clause(agreement=MOU, section="4.1"),
            ),
        )
        for other in parties:
            if other != party:
                b.add(
                    ic.HoldsToAccount(
                        source=party,
                        target=other,
                        period=(START, None),
                        basis=ic.Clause(agreement=MOU, section="5 (mutual accountability)"),
                        sources=f,
                    ),
                )
    b.add(
        ic.Duty(
            source=ICB,
            target="brackenshire-partnership-board",
            duty="must consult",
            period=(START, None),
            basis=ic.Clause(agreement=MOU, section="6.1"),
            context="before changing services in more than one place",
            sources=f,
        ),
        ic.Post(id="brackenshire-icb-chair", name="Chair, NHS Brackenshire ICB", sources=f),
        ic.Post(id="brackenshire-icb-chief-executive", name="Chief Executive, NHS Brackenshire ICB", sources=f),
        ic.Post(id="brackenshire-icb-la-partner-member", name="Partner member (local authorities)", sources=f),
        ic.Post(id="brackenshire-icb-trust-partner-member", name="Partner member (NHS trusts)", sources=f),
        ic.Post(
            id="brackenshire-icb-primary-care-partner-member",
            name="Partner member (primary medical services)",
            sources=f,
        ),
        ic.Holds(
            source=CITY,
            target="brackenshire-icb-la-partner-member",
            sources=f,
            notes=["nominated jointly by the councils (NHS Act 2006 Sch 1B para 8)"],
        ),
        ic.Holds(source=ACUTE, target="brackenshire-icb-trust-partner-member", sources=f),
        ic.Holds(
            source="brackenford-north-pcn-practice-1", target="brackenshire-icb-primary-care-partner-member", sources=f
        ),
    )
    board = (
        ("chair", "chair"),
        ("chief-executive", "chief executive"),
        ("la-partner-member", "partner member: local authorities"),
        ("trust-partner-member", "partner member: NHS trusts"),
        ("primary-care-partner-member", "partner member: primary medical services"),
        ("non-executive-1", "non-executive"),
        ("non-executive-2", "non-executive"),
        ("finance-director", "executive director: finance"),
        ("medical-director", "executive director: medical"),
        ("nursing-director", "executive director: nursing"),
    )
    for post, role in board:
        if post.startswith(("non-executive", "finance", "medical", "nursing")):
            title = role.split(": ")[-1].capitalize() if ":" in role else "Non-executive member"
            name = f"{title} director" if ":" in role else title
            b.add(ic.Post(id=f"brackenshire-icb-{post}", name=f"{name}, NHS Brackenshire ICB", sources=f))
        b.add(
            ic.MemberOf(
                source=f"brackenshire-icb-{post}",
                target=ICB,
                role=role,
                basis=act("NHS Act 2006", "Sch 1B para 3"),
                sources=f,
            ),
        )


def build() -> ic.Landscape:
    """Build the teaching landscape."""
    b = _b()
    _systems(b)
    _local_bodies(b)
    _icp_and_documents(b)
    _places(b)
    _agreements(b)
    return _flag_open_ended(b.build())


OPEN_ENDED_FICTION: Final = "open-ended: fictional; dated only where a date teaches something"


def _flag_open_ended(land: ic.Landscape) -> ic.Landscape:
    """Say, on each undated body of the fiction, that it is undated by design (check rule DAT007)."""
    b = ic.LandscapeBuilder(land.name)
    for entity in land:
        if entity.period.start is None:
            entity = attrs.evolve(entity, notes=(*entity.notes, OPEN_ENDED_FICTION))  # noqa: PLW2901
        b.add(entity)
    return b.add(*land.all_relations).build()
