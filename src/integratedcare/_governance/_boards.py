"""Boards and posts: who sits on a board, in which role, filled or vacant, and whether a meeting is quorate.

A seat is a :class:`~integratedcare.Post` that is a member of the board (``MemberOf`` post -> board),
filled by the bodies that hold it (``Holds`` body -> post), or a body that is itself a member. The
role is the ``MemberOf`` relation's ``role`` text: a :class:`BoardRole` value, optionally followed by
a colon and a qualifier (``"partner member: local authorities"``, ``"executive director: finance"``).
Datasets name roles, never people.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from integratedcare._governance._applicability import PartnerKind
from integratedcare._governance._decisions import Forum, ForumMember, Quorum, Tally
from integratedcare._landscape import Landscape
from integratedcare._model import Body, DateLike, Entity, Holds, MemberOf, Post
from integratedcare._queries import required, view_of

__all__ = ["BoardComposition", "BoardRole", "BoardSeat", "board_composition"]


class BoardRole(enum.StrEnum):
    """The role of a seat on a board.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.BoardRole.parse("partner member: local authorities")
        (<BoardRole.PARTNER_MEMBER: 'partner member'>, 'local authorities')
        >>> ic.governance.BoardRole.parse("Director of Public Health")
        (<BoardRole.MEMBER: 'member'>, 'Director of Public Health')
    """

    CHAIR = "chair"
    CHIEF_EXECUTIVE = "chief executive"
    PARTNER_MEMBER = "partner member"
    NON_EXECUTIVE = "non-executive"
    EXECUTIVE_DIRECTOR = "executive director"
    PARTICIPANT = "participant"
    """A non-voting participant."""
    MEMBER = "member"
    """Any other member; the role text is kept as the qualifier."""

    @classmethod
    def parse(cls, text: str | None) -> tuple[BoardRole, str | None]:
        """Split a role text into a role and a qualifier (text after a colon, or unrecognised text)."""
        if text is None or not text.strip():
            return cls.MEMBER, None
        head, _, tail = text.partition(":")
        try:
            return cls(head.strip().lower()), (tail.strip() or None)
        except ValueError:
            return cls.MEMBER, text.strip()


@attrs.frozen(kw_only=True)
class BoardSeat:
    """A seat on a board: a post (filled or vacant) or a member body, with its role and vote.

    Attributes:
        member: the member of the board: a :class:`~integratedcare.Post`, or a body that is itself a member.
        role: the seat's role.
        qualifier: the nominating sector or portfolio, such as ``local authorities`` or ``finance``.
        voting: whether the seat votes (both the post and the membership must say so).
        holders: the bodies that fill the post (the body itself for a member body), by id.
        partner_kinds: the partner kinds of the holders.
        path: the ``MemberOf`` relation that seats the member, then the ``Holds`` relations that fill the post.

    Examples:
        >>> import integratedcare as ic
        >>> seat = ic.governance.BoardSeat(member=ic.Post(id="qyg-chair", name="Chair"), role="chair")
        >>> seat.id, seat.post, seat.vacant, str(seat)
        ('qyg-chair', True, True, 'Chair (chair), vacant')
    """

    member: Entity
    role: BoardRole = attrs.field(converter=BoardRole)
    qualifier: str | None = None
    voting: bool = True
    holders: tuple[Entity, ...] = ()
    partner_kinds: tuple[PartnerKind, ...] = ()
    path: tuple[MemberOf | Holds, ...] = ()

    @property
    def id(self) -> str:
        """The member's id (the post's, or the member body's)."""
        return self.member.id

    @property
    def name(self) -> str:
        """The member's name."""
        return self.member.name

    @property
    def post(self) -> bool:
        """Whether the seat is a post (so it can be vacant)."""
        return isinstance(self.member, Post)

    @property
    def vacant(self) -> bool:
        """Whether the seat is a post nobody fills."""
        return self.post and not self.holders

    def __str__(self) -> str:
        """Describe the seat."""
        role = self.role.value if self.qualifier is None else f"{self.role.value}: {self.qualifier}"
        vote = "" if self.voting else ", non-voting"
        filled = "vacant" if self.vacant else f"held by {', '.join(h.id for h in self.holders)}"
        return f"{self.name} ({role}{vote}), {filled}"


_ROLE_ORDER = {role: position for position, role in enumerate(BoardRole)}


@attrs.frozen(kw_only=True)
class BoardComposition:
    """The seats of a board (an ICB board, an ICP, an HWB, a committee) by role.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.Post(id="qyg-chair", name="Chair"),
        ...     ic.Post(id="qyg-la-member", name="Local authority partner member"),
        ...     ic.MemberOf(source="qyg-chair", target="QYG", role="chair"),
        ...     ic.MemberOf(source="qyg-la-member", target="QYG", role="partner member: local authorities"),
        ...     ic.Holds(source="E06000049", target="qyg-la-member"),
        ... ).build()
        >>> board = ic.governance.board_composition(land, "QYG")
        >>> board.board.name, [s.id for s in board.vacant], list(board.partner_members)
        ('NHS C&M ICB', ['qyg-chair'], ['local authorities'])
        >>> board.is_quorate(["qyg-la-member"], ic.governance.Quorum(minimum=2))
        False
    """

    board: Entity
    seats: tuple[BoardSeat, ...] = ()

    def with_role(self, role: BoardRole | str) -> tuple[BoardSeat, ...]:
        """Return the seats with ``role``."""
        wanted = BoardRole(role)
        return tuple(s for s in self.seats if s.role is wanted)

    @property
    def chair(self) -> tuple[BoardSeat, ...]:
        """The chair's seats, as a tuple, since a board may have none or co-chairs."""
        return self.with_role(BoardRole.CHAIR)

    @property
    def chief_executive(self) -> tuple[BoardSeat, ...]:
        """The chief executive's seat."""
        return self.with_role(BoardRole.CHIEF_EXECUTIVE)

    @property
    def partner_members(self) -> Mapping[str, tuple[BoardSeat, ...]]:
        """The partner members by nominating sector (the qualifier; ``""`` when none is given)."""
        by_sector: defaultdict[str, list[BoardSeat]] = defaultdict(list)
        for seat in self.with_role(BoardRole.PARTNER_MEMBER):
            by_sector[seat.qualifier or ""].append(seat)
        return MappingProxyType({sector: tuple(seats) for sector, seats in sorted(by_sector.items())})

    @property
    def non_executives(self) -> tuple[BoardSeat, ...]:
        """The non-executive members."""
        return self.with_role(BoardRole.NON_EXECUTIVE)

    @property
    def executive_directors(self) -> tuple[BoardSeat, ...]:
        """The executive directors."""
        return self.with_role(BoardRole.EXECUTIVE_DIRECTOR)

    @property
    def voting(self) -> tuple[BoardSeat, ...]:
        """The seats that vote."""
        return tuple(s for s in self.seats if s.voting)

    @property
    def non_voting(self) -> tuple[BoardSeat, ...]:
        """The seats that do not vote (participants and others)."""
        return tuple(s for s in self.seats if not s.voting)

    @property
    def vacant(self) -> tuple[BoardSeat, ...]:
        """The posts nobody fills."""
        return tuple(s for s in self.seats if s.vacant)

    def is_quorate(self, present: Iterable[Entity | str], quorum: Quorum) -> bool:
        """Return whether the voting seats in ``present`` (seats' members, or their ids) make ``quorum``."""
        voting = tuple(s.id for s in self.voting)
        here = {p.id if isinstance(p, Entity) else p for p in present}
        tally = Tally(eligible=voting, present=tuple(sorted(here & set(voting))))
        return quorum.test(tally)[0]

    def as_forum(self, name: str, **fields: object) -> Forum:
        """Return a :class:`~integratedcare.governance.Forum` whose members are the filled voting seats.

        Each member's partner kind is its holder's (the first, for a jointly held post);
        other forum fields (``matters``, ``applicability``, ``quorum``) pass through.
        """
        members = [ForumMember(id=s.id, partner_kind=s.partner_kinds[0]) for s in self.voting if s.partner_kinds]
        return Forum(id=self.board.id, name=name, members=members, **fields)  # type: ignore[arg-type]

    def __str__(self) -> str:
        """List the seats, one per line."""
        return "\n".join([f"board {self.board.id}: {len(self.seats)} seats", *(f"  {s}" for s in self.seats)])


def board_composition(landscape: Landscape, board: Entity | str, *, as_of: DateLike | None = None) -> BoardComposition:
    """Return the seats of a board: its member posts (with who fills them) and member bodies.

    Args:
        landscape: the landscape to look in.
        board: the board (an ICB, an ICP, a health and wellbeing board, a committee...), or its id.
        as_of: only the seats and holders in force on this date.

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the entity is not a body.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.LocalAuthority(id="E08000012", name="Liverpool City Council", tier="metropolitan-district"),
        ...     ic.ICP(id="cm-icp", name="C&M Health and Care Partnership"),
        ...     ic.Post(id="cm-icp-chair", name="ICP chair"),
        ...     ic.MemberOf(source="cm-icp-chair", target="cm-icp", role="chair"),
        ...     ic.Holds(source="QYG", target="cm-icp-chair"),
        ...     ic.Holds(source="E08000012", target="cm-icp-chair"),
        ...     ic.MemberOf(source="QYG", target="cm-icp"),
        ...     ic.MemberOf(source="E08000012", target="cm-icp"),
        ... ).build()
        >>> icp = ic.governance.board_composition(land, "cm-icp")
        >>> [body.name for body in icp.chair[0].holders]
        ['Liverpool City Council', 'NHS C&M ICB']
        >>> [str(s) for s in icp.with_role("member")]
        ['Liverpool City Council (member), held by E08000012', 'NHS C&M ICB (member), held by QYG']
    """
    subject = required(landscape, board, Body, query="board_composition", expected="body")
    land = view_of(landscape, as_of)
    seats: list[BoardSeat] = []
    seen: set[str] = set()
    for membership in land.relations(MemberOf, target=subject.id) if subject.id in land else ():
        if membership.source in seen:  # one seat, however many periods of membership
            continue
        seen.add(membership.source)
        member = land[membership.source]
        role, qualifier = BoardRole.parse(membership.role)
        path: tuple[MemberOf | Holds, ...] = (membership,)
        if isinstance(member, Post):
            filled: dict[str, Holds] = {}
            for held in land.relations(Holds, target=member.id):
                filled.setdefault(held.source, held)
            holders = tuple(land[h] for h in sorted(filled))
            path += tuple(filled[h] for h in sorted(filled))
            voting = member.voting and membership.voting and role is not BoardRole.PARTICIPANT
        else:
            holders = (member,)
            voting = membership.voting and role is not BoardRole.PARTICIPANT
        seats.append(
            BoardSeat(
                member=member,
                role=role,
                qualifier=qualifier,
                voting=voting,
                holders=holders,
                partner_kinds=tuple(PartnerKind.of(h) for h in holders),
                path=path,
            )
        )
    seats.sort(key=lambda s: (_ROLE_ORDER[s.role], s.qualifier or "", s.id))
    return BoardComposition(board=subject, seats=tuple(seats))
