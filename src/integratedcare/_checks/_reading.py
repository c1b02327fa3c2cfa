"""How the checks read a landscape: memberships, the ICP of an ICB, the councils of an area.

The conventions: membership is ``MemberOf(source=member, target=body)``, either of the body
itself or of a post it holds (``Holds(source=body, target=post)``). Geography is the statute
layer's (``integratedcare._statute._areas``): a council lies in each ICB it ``Overlaps`` or lies
``Within``; a statutory ICP serves the area of the ICB that ``Establishes`` it (or that it lies
``Within``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, TypeGuard

from integratedcare._checks._registry import Reads
from integratedcare._landscape import Landscape
from integratedcare._model import (
    AreaRule,
    Body,
    Entity,
    Establishes,
    Holds,
    IntegratedCarePartnership,
    MemberOf,
    Overlaps,
    PartnershipScope,
    Post,
    Within,
)
from integratedcare._statute._areas import areas_of, near
from integratedcare._statute._rules import qualifies

__all__ = [
    "AREAS",
    "councils_of",
    "members_reads",
    "describe",
    "bodies",
    "icbs_of",
    "is_member",
    "is_statutory_icp",
    "member_ids",
    "mentions",
    "represented",
    "roles_of",
    "seat_count",
    "size_text",
    "spoken",
    "statutory_icps_of",
]


AREAS: Final = Reads(
    entities=[AreaRule.ICB_AREA, AreaRule.ESTABLISHED_BY_ICB, AreaRule.COUNCIL_AREA],
    relations=[
        (Overlaps, Entity, AreaRule.ICB_AREA),
        (Within, Entity, AreaRule.ICB_AREA),
        (Establishes, AreaRule.ICB_AREA, Entity),
        (Establishes, AreaRule.COUNCIL_AREA, Entity),
        (Within, Entity, AreaRule.COUNCIL_AREA),
    ],
)
"""What :func:`statutory_icps_of`, :func:`councils_of` and :func:`icbs_of` read: the kinds whose area is an
ICB's, a council's or that of the ICB establishing them (ICBs, councils, ICPs), and the links between them."""


def members_reads(*bodies: type[Entity]) -> Reads:
    """Return what :func:`represented` (and so :func:`member_ids` and :func:`is_member`) reads for bodies of a kind."""
    return Reads(
        entities=bodies,
        relations=[*((MemberOf, Entity, body) for body in bodies), (Holds, Entity, Post)],
    )


def describe(entity: Entity) -> str:
    """Name an entity for a message: ``Name (id)``."""
    return f"{entity.name} ({entity.id})"


def member_ids(landscape: Landscape, body: str) -> tuple[str, ...]:
    """Return the ids of the members (bodies or posts) of ``body``, sorted."""
    return tuple(sorted({r.source for r in landscape.relations(MemberOf, target=body)}))


def seat_count(landscape: Landscape, body: str) -> int:
    """Return the seats on ``body``: each member counts the seats its membership records (one by default).

    A member recorded more than once (several periods of membership) counts its largest number of seats.
    A body that sits through its own posts (posts that are members of both ``body`` and it, such as an
    ICB's board members on its ICP) adds no seat of its own: its posts are its seats.
    """
    seats: dict[str, int] = {}
    for r in landscape.relations(MemberOf, target=body):
        seats[r.source] = max(seats.get(r.source, 0), r.seats)
    through_posts = {
        r.target
        for member in seats
        if isinstance(landscape.get(member), Post)
        for r in landscape.relations(MemberOf, source=member)
    }
    return sum(count for member, count in seats.items() if member not in through_posts)


def size_text(landscape: Landscape, body: str) -> str:
    """Say how big ``body`` is: ``"26 members"``, or ``"52 seats (held by 39 members)"`` where seats are recorded."""
    members = len(member_ids(landscape, body))
    seats = seat_count(landscape, body)
    return f"{members} members" if seats == members else f"{seats} seats (held by {members} members)"


def represented(landscape: Landscape, body: str) -> frozenset[str]:
    """Return the ids of everyone who sits on ``body``: members, and the holders of member posts."""
    found: set[str] = set()
    for member in member_ids(landscape, body):
        found.add(member)
        if isinstance(landscape.get(member), Post):
            found.update(r.source for r in landscape.relations(Holds, target=member))
    return frozenset(found)


def is_member(landscape: Landscape, member: str, body: str) -> bool:
    """Return whether ``member`` sits on ``body`` itself or through a post it holds."""
    return member in represented(landscape, body)


def _in_area(landscape: Landscape, entity: Entity, icb: str) -> bool:
    """Return whether ``entity`` lies in the ICB's area (the statute layer's reading)."""
    return any(area == icb for area, _ in areas_of(landscape, entity))


def statutory_icps_of(landscape: Landscape, icb: str) -> tuple[IntegratedCarePartnership, ...]:
    """Return the statutory, system-level ICPs of the ICB's area, by id."""
    found = (landscape.get(i) for i in near(landscape, icb))
    return tuple(sorted((e for e in found if is_statutory_icp(e) and _in_area(landscape, e, icb)), key=lambda e: e.id))


def icbs_of(landscape: Landscape, icp: Entity) -> tuple[Entity, ...]:
    """Return the ICBs (the entities whose area is an ICB area) whose area the partnership serves, by id."""
    found = {landscape.get(area) for area, _ in areas_of(landscape, icp)}
    return tuple(sorted(found, key=lambda e: e.id))


def is_statutory_icp(entity: Entity) -> TypeGuard[IntegratedCarePartnership]:
    """Return whether the entity is a statutory, system-level ICP."""
    return (
        isinstance(entity, IntegratedCarePartnership) and entity.statutory and entity.scope is PartnershipScope.SYSTEM
    )


def councils_of(landscape: Landscape, icb: str) -> tuple[Entity, ...]:
    """Return the responsible councils whose areas coincide with or lie wholly or partly in the ICB's, by id.

    A council is an entity whose kind's area is a council's area; a responsible one qualifies for
    statutory duties (a shire district does not).
    """
    found = (landscape.get(i) for i in near(landscape, icb))
    return tuple(
        sorted(
            (
                e
                for e in found
                if type(e).area_rule is AreaRule.COUNCIL_AREA and qualifies(e) and _in_area(landscape, e, icb)
            ),
            key=lambda e: e.id,
        )
    )


_WORDS: Final = re.compile(r"[a-z]+")


def spoken(texts: Iterable[str | None]) -> str:
    """Return the words of the texts, lower case, each text's between spaces and the texts apart.

    :func:`mentions` reads texts this way; a caller asking about the same texts many times can
    pass the result (a phrase never runs from one text into the next).
    """
    return "|".join(" " + " ".join(_WORDS.findall((text or "").lower())) + " " for text in texts)


def mentions(texts: Iterable[str | None] | str, *phrases: str) -> bool:
    """Return whether any text (or the :func:`spoken` words of texts) contains any phrase as whole words."""
    words = texts if isinstance(texts, str) else spoken(texts)
    return any(f" {phrase} " in words for phrase in phrases)


def roles_of(landscape: Landscape, member: str, body: str) -> tuple[str, ...]:
    """Return the texts that say what ``member`` is on ``body``: its name and its membership roles."""
    entity = landscape.get(member)
    texts = [entity.name]
    texts.extend(r.role for r in landscape.relations(MemberOf, source=member, target=body) if r.role)
    return tuple(texts)


def bodies(landscape: Landscape, ids: Iterable[str]) -> tuple[Body, ...]:
    """Return the bodies among ``ids``, by id."""
    found = (landscape.get(i) for i in ids)
    return tuple(sorted((e for e in found if isinstance(e, Body)), key=lambda e: e.id))
