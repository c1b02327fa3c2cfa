"""Rules from statute: the integrated care partnership, its strategy, the ICB board, health and wellbeing boards.

Each rule cites its provision from the statute layer's rulebook (``integratedcare.statute.RULEBOOK``),
with the verification status recorded there, rather than restating the law. Findings of these rules are errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from integratedcare._checks._reading import (
    AREAS,
    councils_of,
    describe,
    icbs_of,
    is_member,
    is_statutory_icp,
    member_ids,
    members_reads,
    statutory_icps_of,
)
from integratedcare._checks._registry import STATUTE_2022, Context, Finding, Reads, Rule, Severity, register
from integratedcare._governance._boards import board_composition
from integratedcare._landscape import Landscape
from integratedcare._model import (
    Entity,
    Establishes,
    HealthAndWellbeingBoard,
    Hosts,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareStrategy,
    LocalAuthority,
    MemberOf,
    Period,
    Prepares,
    Within,
)
from integratedcare._statute import cite

__all__ = ["ICP_REGIME_START", "STRATEGY_DUE", "STRATEGY_GRACE", "board_roles", "voting_seats"]

ICP_REGIME_START: Final = dt.date(2022, 7, 1)
"""ICBs and statutory ICPs exist from 1 July 2022 (Health and Care Act 2022)."""

STRATEGY_DUE: Final = dt.date(2023, 1, 1)
"""When the first integrated care strategies count as due: interim strategies were expected by December 2022."""
STRATEGY_GRACE: Final = dt.timedelta(days=183)
"""How long a partnership established later has to prepare its strategy (our choice: about six months)."""


def _statutory_icps(icps: Iterable[IntegratedCarePartnership]) -> tuple[IntegratedCarePartnership, ...]:
    """Return the statutory, system-level ICPs among partnerships."""
    return tuple(icp for icp in icps if is_statutory_icp(icp))


@register(
    id="ICP001",
    title="The ICB and every responsible council overlapping its area are members of the ICP",
    severity=Severity.ERROR,
    citation=cite("lgpiha-s116ZA"),
    period=Period(ICP_REGIME_START),
    regimes=[STATUTE_2022],
    reads=AREAS | members_reads(IntegratedCarePartnership),
    notes="""
        The ICB and each responsible local authority whose area coincides with, or falls wholly or partly
        within, the board's area establish the ICP as a joint committee, and each appoints a member to it
        (s116ZA(1)-(2)). The council's membership counts whether the council itself is a member or a post it
        holds is. The ICP of an ICB is the statutory ICP serving its area (established by it, or Within
        it); the councils are the responsible councils that Overlap the ICB or lie Within it, however small
        the overlap. A partnership whose
        membership the landscape does not record is not judged.
    """,
)
def _icp_members(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each statutory ICP with recorded members has its ICB and every overlapping responsible council."""
    land = context.landscape
    for icb in context.of_type(IntegratedCareBoard):
        for icp in statutory_icps_of(land, icb.id):
            if not member_ids(land, icp.id):
                continue
            if not is_member(land, icb.id, icp.id):
                yield rule.finding(
                    icp.id, f"{describe(icb)} establishes {describe(icp)} but is not a member of it.", related=[icb.id]
                )
            for council in councils_of(land, icb.id):
                if not is_member(land, council.id, icp.id):
                    yield rule.finding(
                        icp.id,
                        f"{describe(council)} is a responsible council overlapping the area of {describe(icb)} "
                        f"but is not a member of {describe(icp)}.",
                        related=[council.id],
                    )


@register(
    id="ICP002",
    title="Each ICB area has exactly one statutory ICP, established by that ICB",
    severity=Severity.ERROR,
    citation=cite("lgpiha-s116ZA(1)"),
    period=Period(ICP_REGIME_START),
    regimes=[STATUTE_2022],
    reads=AREAS,
    notes="""
        The ICP is the joint committee "for the board's area": one per ICB. An ICP serves the area of the ICB
        that Establishes it (or that it lies Within). Counts only statutory, system-level partnerships (area and
        place partnerships are not the statutory ICP). A landscape that holds no statutory ICP at all is taken
        not to model partnerships and is not judged.
    """,
)
def _one_icp(rule: Rule, context: Context) -> Iterator[Finding]:
    """Every ICB establishes one statutory ICP, and every statutory ICP is established by one ICB."""
    if not _statutory_icps(context.whole.of_type(IntegratedCarePartnership)):
        return
    land = context.landscape
    for icb in context.of_type(IntegratedCareBoard):
        yield from _exactly_one(rule, icb, statutory_icps_of(land, icb.id), _ICPS_OF_ICB)
    for icp in _statutory_icps(context.of_type(IntegratedCarePartnership)):
        yield from _exactly_one(rule, icp, icbs_of(land, icp), _ICBS_OF_ICP)


_ICPS_OF_ICB: Final = (
    "establishes no statutory integrated care partnership.",
    "establishes {} statutory integrated care partnerships ({}); its area has one.",
)
_ICBS_OF_ICP: Final = (
    "serves the area of no integrated care board.",
    "serves the areas of {} integrated care boards ({}); a statutory ICP serves one board's area.",
)


def _exactly_one(rule: Rule, entity: Entity, found: Sequence[Entity], texts: tuple[str, str]) -> Iterator[Finding]:
    """Find fault with ``entity`` when ``found`` is empty or holds several: ``texts`` say each, after its name."""
    none, several = texts
    if not found:
        yield rule.finding(entity.id, f"{describe(entity)} {none}")
    elif len(found) > 1:
        named = ", ".join(describe(e) for e in found)
        yield rule.finding(
            entity.id, f"{describe(entity)} {several.format(len(found), named)}", related=[e.id for e in found]
        )


@register(
    id="ICP003",
    title="A statutory ICP has an integrated care strategy once one is due",
    severity=Severity.ERROR,
    citation=cite("lgpiha-s116ZB(1)"),
    period=Period(ICP_REGIME_START),
    regimes=[STATUTE_2022],
    reads=Reads(
        entities=[IntegratedCarePartnership], relations=[(Prepares, IntegratedCarePartnership, IntegratedCareStrategy)]
    ),
    notes="""
        The statute sets no deadline. We take a strategy as due from 2023-01-01 (interim strategies were
        expected by December 2022, NHS Confederation, verified) or, for a partnership established later, 183
        days after it starts (our choice, about six months). The strategy is an IntegratedCareStrategy in force
        that the ICP Prepares. A landscape that holds no integrated care strategy at all is taken not to model
        strategies and is not judged.
    """,
)
def _strategy(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each statutory ICP prepares a strategy in force, from the day one is due."""
    if not context.whole.of_type(IntegratedCareStrategy):
        return
    land = context.landscape
    for icp in _statutory_icps(context.of_type(IntegratedCarePartnership)):
        prepared = [
            r.target
            for r in land.relations(Prepares, source=icp.id)
            if isinstance(land.get(r.target), IntegratedCareStrategy)
        ]
        if prepared:
            continue
        due = STRATEGY_DUE if icp.period.start is None else max(STRATEGY_DUE, icp.period.start + STRATEGY_GRACE)
        yield rule.finding(
            icp.id,
            f"{describe(icp)} has no integrated care strategy in force, due from {due.isoformat()}.",
            period=Period(due),
        )


def board_roles(landscape: Landscape, board: str) -> list[str]:
    """Return the roles of the voting seats of a board, read by the governance layer."""
    return [seat.role.value for seat in board_composition(landscape, board).voting]


def voting_seats(landscape: Landscape, board: str) -> int:
    """Return the number of voting seats of a board: each voting member counts the seats its MemberOf records."""
    return sum(
        max((r.seats for r in landscape.relations(MemberOf, source=seat.member.id, target=board)), default=1)
        for seat in board_composition(landscape, board).voting
    )


@register(
    id="ICB001",
    title="An ICB board has a chair, a chief executive and at least three ordinary members",
    severity=Severity.ERROR,
    citation=cite("nhsa-sch1B-para3"),
    period=Period(ICP_REGIME_START),
    reads=members_reads(IntegratedCareBoard),
    notes="""
        The board is read by the governance layer (integratedcare.governance.board_composition): its seats are the posts
        and bodies recorded as MemberOf the ICB, each with the role its membership names ("chair", "chief
        executive", "partner member: ...", "non-executive", "executive director", "participant"). The chair
        and chief executive are the voting seats with those roles; every other voting seat is ordinary
        (participants do not vote). The three ordinary
        members the statute requires are nominated by trusts, primary medical services providers and councils
        (para 8, partly verified); this rule counts them only. A board whose membership the landscape does not
        record is not judged.
    """,
)
def _board_minimum(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each ICB with a recorded board has a chair, a chief executive and three ordinary members."""
    land = context.landscape
    for icb in context.of_type(IntegratedCareBoard):
        if not member_ids(land, icb.id):
            continue
        roles = board_roles(land, icb.id)
        for needed in ("chair", "chief executive"):
            if needed not in roles:
                yield rule.finding(icb.id, f"The board of {describe(icb)} has no {needed} among its voting members.")
        ordinary = sum(1 for role in roles if role not in ("chair", "chief executive"))
        if ordinary < 3:  # noqa: PLR2004 (the statutory minimum)
            yield rule.finding(
                icb.id,
                f"The board of {describe(icb)} has {ordinary} ordinary voting members, fewer than the three "
                "the statute requires.",
            )


@register(
    id="HWB001",
    title="Every upper-tier council has a health and wellbeing board",
    severity=Severity.ERROR,
    citation=cite("hsca-s194"),
    period=Period(dt.date(2013, 4, 1)),
    reads=Reads(
        entities=[LocalAuthority],
        relations=[
            (Establishes, LocalAuthority, HealthAndWellbeingBoard),
            (Hosts, LocalAuthority, HealthAndWellbeingBoard),
            (Within, HealthAndWellbeingBoard, LocalAuthority),
        ],
    ),
    notes="""
        Each responsible (upper-tier) council establishes a health and wellbeing board as a committee of the
        authority. The board is linked to its council by Establishes or Hosts (council -> board) or Within
        (board -> council). Applies from 2013-04-01, when the boards took up their functions. A landscape that
        holds no health and wellbeing board at all is taken not to model them and is not judged.
    """,
)
def _hwb(rule: Rule, context: Context) -> Iterator[Finding]:
    """Each responsible council has a health and wellbeing board."""
    if not context.whole.of_type(HealthAndWellbeingBoard):
        return
    land = context.landscape
    for council in context.of_type(LocalAuthority):
        if not council.is_responsible_authority:
            continue
        linked = {r.target for kind in (Establishes, Hosts) for r in land.relations(kind, source=council.id)}
        linked.update(r.source for r in land.relations(Within, target=council.id))
        if not any(isinstance(land.get(i), HealthAndWellbeingBoard) for i in linked):
            yield rule.finding(
                council.id, f"{describe(council)} is an upper-tier council with no health and wellbeing board."
            )
