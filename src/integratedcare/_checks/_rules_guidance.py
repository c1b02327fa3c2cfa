"""Rules from national guidance (warnings) and good-practice guides (advice).

Sources: NHS England's model ICB constitution, "Integrating care" (2020) paragraph 2.31 (as the
Cheshire East Health and Wellbeing Board papers quote it), NHS England's primary care network
guidance, the ICS design framework's neighbourhood size, and the Good Governance Institute's guide
to ICPs (7 February 2022).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations, pairwise
from typing import Final

from integratedcare._checks._reading import (
    bodies,
    describe,
    member_ids,
    members_reads,
    mentions,
    represented,
    roles_of,
    seat_count,
    size_text,
    spoken,
)
from integratedcare._checks._registry import Context, Finding, Reads, Rule, Severity, register
from integratedcare._checks._rules_statute import ICP_REGIME_START, voting_seats
from integratedcare._model import (
    ALWAYS,
    Entity,
    GPPractice,
    HealthAndWellbeingBoard,
    Healthwatch,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareSystem,
    LocalAuthority,
    MemberOf,
    Neighbourhood,
    NHSTrust,
    Overlaps,
    PartnershipScope,
    Period,
    PlaceBasedPartnership,
    PrimaryCareNetwork,
    ProviderCollaborative,
    Relation,
    ServiceType,
    Source,
    Within,
)
from integratedcare._units import Quantity

__all__ = [
    "GGI_GUIDE",
    "INTEGRATING_CARE",
    "LEAN_ICP_MAX",
    "MODEL_CONSTITUTION_END",
    "MODEL_CONSTITUTION_MIN",
    "LSC_ICP_MODEL",
    "PCN_GUIDANCE",
    "PLACE_MAX",
    "SIZE_RANGE",
]

MODEL_CONSTITUTION_MIN: Final = 10
MODEL_CONSTITUTION_END: Final = dt.date(2025, 4, 1)
"""When we take the model constitution's minimum to lapse (the 2025 relaxation; its exact date is unverified)."""
LEAN_ICP_MAX: Final = 25
SIZE_RANGE: Final = (30_000, 50_000)
"""The expected size of a primary care network or a neighbourhood, in people."""

INTEGRATING_CARE: Final = Source(
    title='NHS England and NHS Improvement, "Integrating care" (2020), paragraph 2.31',
    reference="as quoted in the Cheshire East Health and Wellbeing Board papers (2020-21)",
    verification="verified",
)
PLACE_MAX: Final = 500_000
"""The largest place of Lancashire and South Cumbria's place-level ICP model, in people."""
LSC_ICP_MODEL: Final = Source(
    title='Lancashire and South Cumbria, "Developing Integrated Care Partnerships in Lancashire and South Cumbria"',
    reference="line 17: places with a population of up to 500,000",
    verification="verified",
)
GGI_GUIDE: Final = Source(
    title="GGI guide to integrated care partnerships (2022)",
    reference="Good Governance Institute, 7 February 2022",
    verification="verified",
)


@register(
    id="ICB002",
    title="An ICB board has at least ten members while NHS England's model constitution prescribed it",
    severity=Severity.WARNING,
    citation=Source(
        title="NHS England, guidance on ICB constitutions and governance (model constitution)",
        reference="https://england.nhs.uk/long-read/guidance-on-integrated-care-board-constitutions-and-governance",
        verification="partly verified",
        note="the minimum of ten is verified; the date the 2025 relaxation took effect is not",
    ),
    period=Period(ICP_REGIME_START, MODEL_CONSTITUTION_END),
    reads=members_reads(IntegratedCareBoard),
    notes="""
        The model constitution asked for at least ten members (chair, chief executive, directors of finance,
        medicine and nursing, two non-executives, three partner members). In 2025 NHS England said it would no
        longer prescribe board size; the date is unverified, so we end the rule on 2025-04-01 (the start of
        2025/26). Counts the board's voting seats as ICB001 reads them, each member counting the seats its
        MemberOf records (one unless ``seats`` says more).
    """,
)
def _board_ten(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each ICB with a recorded board has at least ten voting members."""
    land = context.landscape
    for icb in context.of_type(IntegratedCareBoard):
        if not member_ids(land, icb.id):
            continue
        seats = voting_seats(land, icb.id)
        if seats < MODEL_CONSTITUTION_MIN:
            yield rule.finding(
                icb.id,
                f"The board of {describe(icb)} has {seats} voting members, fewer than the "
                f"{MODEL_CONSTITUTION_MIN} of NHS England's model constitution.",
            )


@register(
    id="ICP004",
    title="A lean ICP has no more than 25 members",
    severity=Severity.ADVICE,
    citation=GGI_GUIDE,
    reads=members_reads(IntegratedCarePartnership),
    notes="""
        The GGI advises that a lean ICP respecting subsidiarity has at most 25 members, drawing wider views in
        through sub-groups, panels and workshops. Counts the seats of every system- or area-level partnership:
        each member (body or post) holds one seat unless its MemberOf records more (``seats``); place-level
        "ICPs" are place partnerships.
    """,
)
def _lean(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each system- or area-level partnership has at most 25 members."""
    land = context.landscape
    for icp in context.of_type(IntegratedCarePartnership):
        if icp.scope is not PartnershipScope.PLACE and seat_count(land, icp.id) > LEAN_ICP_MAX:
            yield rule.finding(
                icp.id, f"{describe(icp)} has {size_text(land, icp.id)}, more than the {LEAN_ICP_MAX} of a lean ICP."
            )


@register(
    id="ICP005",
    title="An ICP with the same members as a health and wellbeing board may streamline their meetings",
    severity=Severity.ADVICE,
    citation=GGI_GUIDE,
    reads=members_reads(IntegratedCarePartnership, HealthAndWellbeingBoard),
    notes="""
        The GGI guide notes that in smaller systems the ICP and an HWB may have the same membership and organise
        to streamline their meetings. Reported once per ICP and HWB whose recorded members (bodies and posts, by
        MemberOf) are the same, on the dates they are; bodies with no recorded members are not compared.
    """,
)
def _shared_membership(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each ICP whose members are exactly an HWB's is told it may share meetings with it."""
    land = context.landscape
    boards = {hwb.id: member_ids(land, hwb.id) for hwb in context.of_type(HealthAndWellbeingBoard)}
    for icp in context.of_type(IntegratedCarePartnership):
        members = member_ids(land, icp.id)
        for hwb, theirs in sorted(boards.items()):
            if members and members == theirs:
                yield rule.finding(
                    icp.id,
                    f"{describe(icp)} has the same {len(members)} members as {describe(land.get(hwb))}: the two "
                    "may streamline their meetings.",
                    related=[hwb],
                )


def _place_partnerships(context: Context) -> tuple[Entity, ...]:
    """Return the place partnerships: place-based partnerships and place-level "ICPs"."""
    places: list[Entity] = list(context.of_type(PlaceBasedPartnership))
    places.extend(icp for icp in context.of_type(IntegratedCarePartnership) if icp.scope is PartnershipScope.PLACE)
    return tuple(sorted(places, key=lambda e: e.id))


def _provides(found: tuple[Entity, ...], service: ServiceType) -> bool:
    """Return whether any of the bodies is a trust providing ``service``."""
    return any(isinstance(e, NHSTrust) and e.provides(service) for e in found)


@register(
    id="PLC001",
    title="A place partnership includes primary care, councils with public health, community and mental health "
    "providers, and Healthwatch",
    severity=Severity.WARNING,
    citation=INTEGRATING_CARE,
    reads=members_reads(PlaceBasedPartnership, IntegratedCarePartnership),
    notes="""
        Paragraph 2.31 asks that each place partnership involve, at a minimum, primary care provider leadership,
        local authorities including the Director of Public Health, providers of community and mental health
        services, and Healthwatch. Members are read from MemberOf (bodies, posts and the bodies holding member
        posts): primary care is a PCN, a GP practice or a member whose name or role mentions primary care, GP
        or PCN; the Director of Public Health is a member whose name or role mentions public health; providers
        are NHS trusts by their services, or members whose role names the service. Applies to place-based
        partnerships and place-level "ICPs" whose membership the landscape records.
    """,
)
def _place_members(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each place partnership with recorded members has the five kinds of member 2.31 names."""
    land = context.landscape
    for place in _place_partnerships(context):
        members = member_ids(land, place.id)
        if not members:
            continue
        found = bodies(land, represented(land, place.id))
        texts = spoken(text for member in members for text in roles_of(land, member, place.id))
        expected = (
            (
                "primary care provider leadership",
                any(isinstance(e, (PrimaryCareNetwork, GPPractice)) for e in found)
                or mentions(texts, "primary care", "gp", "pcn", "general practice"),
            ),
            ("a local authority", any(isinstance(e, LocalAuthority) for e in found)),
            ("the Director of Public Health", mentions(texts, "public health")),
            (
                "a community services provider",
                _provides(found, ServiceType.COMMUNITY) or mentions(texts, "community services", "community health"),
            ),
            (
                "a mental health provider",
                _provides(found, ServiceType.MENTAL_HEALTH) or mentions(texts, "mental health"),
            ),
            ("Healthwatch", any(isinstance(e, Healthwatch) for e in found) or mentions(texts, "healthwatch")),
        )
        missing = [name for name, present in expected if not present]
        if missing:
            listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
            yield rule.finding(place.id, f"{describe(place)} does not include {listed} among its members.")


@register(
    id="PLC002",
    title="Places within one ICS do not overlap",
    severity=Severity.WARNING,
    citation=Source(
        title=INTEGRATING_CARE.title,
        reference=INTEGRATING_CARE.reference,
        verification="partly verified",
        note="2.31 has each system define its places and their boundaries; that they must not overlap is our reading",
    ),
    reads=Reads(
        entities=[IntegratedCareSystem],
        relations=[
            (Within, PlaceBasedPartnership, IntegratedCareSystem),
            (Within, Entity, PlaceBasedPartnership),
            (Overlaps, PlaceBasedPartnership, PlaceBasedPartnership),
        ],
    ),
    notes="""
        Two place-based partnerships Within the same ICS overlap when an Overlaps relation joins them, or when
        some entity (a council, PCN, neighbourhood or practice) lies Within both. Reported once per pair, about
        the place with the smaller id.
    """,
)
def _places_disjoint(rule: Rule, context: Context) -> Iterator[Finding]:
    """No two places of one ICS share ground."""
    land = context.landscape
    for ics in context.of_type(IntegratedCareSystem):
        places = sorted(
            r.source
            for r in land.relations(Within, target=ics.id)
            if isinstance(land.get(r.source), PlaceBasedPartnership)
        )
        for first, second in combinations(places, 2):
            joined = any(land.relations(Overlaps, source=a, target=b) for a, b in ((first, second), (second, first)))
            shared = {r.source for r in land.relations(Within, target=first)} & {
                r.source for r in land.relations(Within, target=second)
            }
            if joined or shared:
                how = "overlap" if not shared else "both contain " + ", ".join(sorted(shared))
                yield rule.finding(
                    first,
                    f"{describe(land.get(first))} and {describe(land.get(second))}, places of {describe(ics)}, {how}.",
                    related=[second, *sorted(shared)],
                )


@register(
    id="PLC003",
    title="A place partnership serves no more than 500,000 people",
    severity=Severity.ADVICE,
    citation=LSC_ICP_MODEL,
    reads=Reads(entities=[PlaceBasedPartnership, IntegratedCarePartnership]),
    notes="""
        Lancashire and South Cumbria's model of place-level ICPs has each serve a place "with a population of
        up to 500,000" (line 17), most care being delivered in neighbourhoods of 30,000 to 50,000 (NBH001).
        Advice: a local model, not national guidance. Reads the population (in person) of place-based
        partnerships and place-level "ICPs"; places without one are not judged.
    """,
)
def _place_size(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each place partnership with a population serves at most 500,000 people."""
    for place in _place_partnerships(context):
        size = getattr(place, "population", None)
        if size is not None and size.to("person").magnitude > PLACE_MAX:
            yield rule.finding(
                place.id, f"{describe(place)} has a population of {_people(size)}, more than {PLACE_MAX:,}."
            )


@register(
    id="PRV001",
    title="Every NHS trust providing acute or mental health services is in a provider collaborative",
    severity=Severity.WARNING,
    citation=INTEGRATING_CARE,
    reads=Reads(entities=[NHSTrust], relations=[(MemberOf, NHSTrust, ProviderCollaborative)]),
    notes="""
        Paragraph 2.31 asks that every provider of acute and mental health services operate as part of one or
        more provider collaboratives. Reads MemberOf(trust -> provider collaborative). A landscape that holds no
        provider collaborative at all is taken not to model them and is not judged.
    """,
)
def _collaboratives(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each acute or mental health trust is a member of a provider collaborative."""
    if not context.whole.of_type(ProviderCollaborative):
        return
    land = context.landscape
    for trust in context.of_type(NHSTrust):
        services = sorted(s.value for s in trust.services & {ServiceType.ACUTE, ServiceType.MENTAL_HEALTH})
        if not services:
            continue
        if not any(
            isinstance(land.get(r.target), ProviderCollaborative) for r in land.relations(MemberOf, source=trust.id)
        ):
            yield rule.finding(
                trust.id,
                f"{describe(trust)} provides {' and '.join(services)} services but is in no provider collaborative.",
            )


PCN_GUIDANCE: Final = Source(
    title="NHS England, primary care networks (v1.4, 2025)",
    reference="https://www.england.nhs.uk/long-read/primary-care-networks-pcns",
    verification="verified",
)


@register(
    id="PCN001",
    title="A GP practice is in at most one primary care network at a time",
    severity=Severity.WARNING,
    citation=Source(
        title=PCN_GUIDANCE.title,
        reference=PCN_GUIDANCE.reference,
        verification="partly verified",
        note="a practice belongs to one network under the network contract; the exact wording was not seen",
    ),
    timeless=True,
    notes="Reads MemberOf and Within from the practice to primary care networks, on each date.",
)
def _one_pcn(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each practice is in at most one PCN on any date.

    Judged across time at once (practices open and close on many dates): a practice is in a
    network on the days on which a link to it holds and both the practice and the network exist,
    which are the days a snapshot keeps that link.
    """
    land = context.whole
    networks = {pcn.id: pcn for pcn in land.of_type(PrimaryCareNetwork)}
    links: defaultdict[str, list[Relation]] = defaultdict(list)
    for network in networks:  # only the relations into networks: far fewer than every membership
        for relation in land.relations(target=network):
            if isinstance(relation, (MemberOf, Within)) and isinstance(land.get(relation.source), GPPractice):
                links[relation.source].append(relation)
    practices = {ident: land.get(ident) for ident in links}
    several = sorted(ident for ident, found in links.items() if any(r.target != found[0].target for r in found))
    for practice_id in several:
        practice = practices[practice_id]
        held = [
            (relation.target, shared)
            for relation in links[practice_id]
            if (shared := _shared(relation.period, practice.period, networks[relation.target].period)) is not None
        ]
        for span in _pieces(period for _, period in held):
            pcns = sorted({pcn for pcn, period in held if period.overlaps(span)})
            if len(pcns) > 1:
                yield rule.finding(
                    practice_id,
                    f"{describe(practice)} is in {len(pcns)} primary care networks at once ({', '.join(pcns)}).",
                    related=pcns,
                    period=span,
                )


def _shared(*periods: Period) -> Period | None:
    """Return the days every period shares, or ``None``."""
    shared: Period | None = ALWAYS
    for period in periods:
        shared = None if shared is None else shared.intersection(period)
    return shared


def _pieces(periods: Iterable[Period]) -> tuple[Period, ...]:
    """Cut time at every start and end of the periods: in each piece, each period holds throughout or not at all."""
    dates = sorted({d for p in periods for d in (p.start, p.end) if d is not None})
    cuts: list[dt.date | None] = [None, *dates, None]
    return tuple(Period(start, end) for start, end in pairwise(cuts))


def _outside(size: Quantity) -> bool:
    """Return whether a size in people lies outside the expected range."""
    people = size.to("person").magnitude
    return bool(people < SIZE_RANGE[0] or people > SIZE_RANGE[1])


def _people(size: Quantity) -> str:
    """Format a size in people, such as ``12,000 people``."""
    return f"{size.to('person').magnitude:,.0f} people"


@register(
    id="PCN002",
    title="A primary care network serves 30,000 to 50,000 people",
    severity=Severity.ADVICE,
    citation=PCN_GUIDANCE,
    reads=Reads(entities=[PrimaryCareNetwork]),
    notes="""
        Networks typically serve 30,000 to 50,000 registered patients; commissioners may approve smaller
        rural or larger networks, so this is advice. Reads the network's list_size (in person); networks
        without one are not judged.
    """,
)
def _pcn_size(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each PCN with a list size lies within 30,000 to 50,000 people."""
    for pcn in context.of_type(PrimaryCareNetwork):
        if pcn.list_size is not None and _outside(pcn.list_size):
            yield rule.finding(
                pcn.id, f"{describe(pcn)} has a list of {_people(pcn.list_size)}, outside 30,000 to 50,000."
            )


@register(
    id="NBH001",
    title="A neighbourhood serves 30,000 to 50,000 people",
    severity=Severity.ADVICE,
    citation=Source(
        title="NHS England and NHS Improvement, ICS design framework (2021): neighbourhoods of 30,000 to 50,000",
        reference="https://www.neural.org.uk/system-places-and-neighbourhood/",
        verification="verified",
        note="the 10 Year Health Plan (2025) speaks of about 50,000",
    ),
    reads=Reads(entities=[Neighbourhood]),
    notes="Reads the neighbourhood's population (in person); neighbourhoods without one are not judged.",
)
def _neighbourhood_size(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each neighbourhood with a population lies within 30,000 to 50,000 people."""
    for hood in context.of_type(Neighbourhood):
        if hood.population is not None and _outside(hood.population):
            yield rule.finding(
                hood.id, f"{describe(hood)} has a population of {_people(hood.population)}, outside 30,000 to 50,000."
            )
