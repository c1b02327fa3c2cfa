"""Provider collaboratives and joint arrangements: who is in them, who leads, which systems they span.

A trust joins a collaborative by ``MemberOf`` (trust -> collaborative); the lead provider is the member
whose role is ``lead provider`` (or a trust that ``Hosts`` the collaborative). Joint committees and
committees in common are :class:`~integratedcare.Committee` entities of those types, with their
members (``MemberOf``) and the functions delegated to them (``Delegation``).
"""

from __future__ import annotations

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import (
    Committee,
    CommitteeType,
    DateLike,
    Delegation,
    Entity,
    Holds,
    Hosts,
    IntegratedCareBoard,
    IntegratedCareSystem,
    MemberOf,
    NHSTrust,
    Post,
    ProviderCollaborative,
    Within,
)
from integratedcare._queries import required, view_of

__all__ = ["CollaborativeMembership", "JointArrangement", "joint_arrangements", "provider_collaborative"]

_LEAD = "lead provider"


@attrs.frozen(kw_only=True)
class CollaborativeMembership:
    """A provider collaborative's member trusts, lead provider, systems and seats on ICB boards.

    Attributes:
        collaborative: the collaborative.
        trusts: its member trusts, by id.
        lead_provider: its lead provider, if it has one.
        systems: the ICSs and ICBs its member trusts lie within, by id.
        board_seats: ``(ICB, post)`` pairs for posts on ICB boards held by it or its trusts, by ids.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ProviderCollaborative(id="mhlda", name="A mental health collaborative"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"), ic.ICB(id="QE1", name="NHS L&SC ICB"),
        ...     ic.NHSTrust(id="RW4", name="Mersey Care", services=["mental-health"]),
        ...     ic.NHSTrust(id="RW5", name="Lancashire Care", services=["mental-health"]),
        ...     ic.Within(source="RW4", target="QYG"), ic.Within(source="RW5", target="QE1"),
        ...     ic.MemberOf(source="RW4", target="mhlda", role="lead provider"),
        ...     ic.MemberOf(source="RW5", target="mhlda"),
        ... ).build()
        >>> pc = ic.governance.provider_collaborative(land, "mhlda")
        >>> [t.id for t in pc.trusts], pc.lead_provider.name, pc.spans_several_systems
        (['RW4', 'RW5'], 'Mersey Care', True)
        >>> print(pc)
        provider collaborative mhlda: 2 trusts, led by RW4, in QE1, QYG
    """

    collaborative: Entity
    trusts: tuple[Entity, ...] = ()
    lead_provider: Entity | None = None
    systems: tuple[Entity, ...] = ()
    board_seats: tuple[tuple[Entity, Entity], ...] = ()

    @property
    def spans_several_systems(self) -> bool:
        """Whether its member trusts lie in more than one system."""
        return len(self.systems) > 1

    def __str__(self) -> str:
        """Describe the collaborative."""
        lead = "" if self.lead_provider is None else f", led by {self.lead_provider.id}"
        return (
            f"provider collaborative {self.collaborative.id}: {len(self.trusts)} trusts{lead}, "
            f"in {', '.join(s.id for s in self.systems) or 'no known system'}"
        )


def provider_collaborative(
    landscape: Landscape, collaborative: Entity | str, *, as_of: DateLike | None = None
) -> CollaborativeMembership:
    """Return a provider collaborative's members, lead provider, systems and ICB board seats.

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the entity is not a provider collaborative.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ProviderCollaborative(id="cmast", name="C&M acute and specialist trusts"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.NHSTrust(id="REM", name="Liverpool University Hospitals", services=["acute"]),
        ...     ic.Post(id="qyg-trust-member", name="Trust partner member"),
        ...     ic.MemberOf(source="REM", target="cmast"),
        ...     ic.MemberOf(source="qyg-trust-member", target="QYG", role="partner member: NHS trusts"),
        ...     ic.Holds(source="cmast", target="qyg-trust-member"),
        ... ).build()
        >>> [(icb.id, post.name) for icb, post in ic.governance.provider_collaborative(land, "cmast").board_seats]
        [('QYG', 'Trust partner member')]
    """
    query, expected = "provider_collaborative", "provider collaborative"
    subject = required(landscape, collaborative, ProviderCollaborative, query=query, expected=expected)
    collaborative = subject.id
    land = view_of(landscape, as_of)
    memberships = land.relations(MemberOf, target=collaborative) if collaborative in land else ()
    trusts = sorted({m.source for m in memberships if isinstance(land[m.source], NHSTrust)})
    leads = sorted({m.source for m in memberships if (m.role or "").strip().lower() == _LEAD})
    leads += sorted(h.source for h in land.relations(Hosts, target=collaborative) if h.source in trusts)
    systems: set[str] = set()
    seats: set[tuple[str, str]] = set()
    for trust in trusts:
        systems.update(
            w.target
            for w in land.relations(Within, source=trust)
            if isinstance(land[w.target], (IntegratedCareSystem, IntegratedCareBoard))
        )
    for holder in (collaborative, *trusts):
        for holds in land.relations(Holds, source=holder) if holder in land else ():
            post = land[holds.target]
            seats.update(
                (m.target, post.id)
                for m in land.relations(MemberOf, source=post.id)
                if isinstance(post, Post) and isinstance(land[m.target], IntegratedCareBoard)
            )
    return CollaborativeMembership(
        collaborative=subject,
        trusts=tuple(land[t] for t in trusts),
        lead_provider=land[leads[0]] if leads else None,
        systems=tuple(land[s] for s in sorted(systems)),
        board_seats=tuple((land[icb], land[post]) for icb, post in sorted(seats)),
    )


@attrs.frozen(kw_only=True)
class JointArrangement:
    """A joint committee or committees in common: its members and the functions delegated to it.

    Attributes:
        committee: the committee.
        members: the bodies that are its members, by id.
        functions: the ids of the functions delegated to it.
        path: the ``MemberOf`` relations of its members, then the delegations to it.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"), ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.Committee(id="nw-specialised-jc", name="North West specialised joint committee",
        ...                  committee_type="joint-committee"),
        ...     ic.MemberOf(source="nhs-england", target="nw-specialised-jc"),
        ...     ic.MemberOf(source="QYG", target="nw-specialised-jc"),
        ...     ic.Delegation(source="nhs-england", target="nw-specialised-jc", functions=["specialised-services"]),
        ... ).build()
        >>> arrangement = ic.governance.joint_arrangements(land)[0]
        >>> print(arrangement)
        joint-committee nw-specialised-jc of QYG, nhs-england exercising specialised-services
        >>> [body.name for body in arrangement.members], [r.kind for r in arrangement.path]
        (['NHS C&M ICB', 'NHS England'], ['member-of', 'member-of', 'delegation'])
    """

    committee: Committee
    members: tuple[Entity, ...] = ()
    functions: tuple[str, ...] = ()
    path: tuple[MemberOf | Delegation, ...] = ()

    @property
    def committee_type(self) -> CommitteeType:
        """Whether it is a joint committee or committees in common."""
        return self.committee.committee_type

    def __str__(self) -> str:
        """Describe the arrangement."""
        functions = ", ".join(self.functions) or "no delegated functions"
        members = ", ".join(m.id for m in self.members)
        return f"{self.committee_type.value} {self.committee.id} of {members} exercising {functions}"


_JOINT = (CommitteeType.JOINT_COMMITTEE, CommitteeType.COMMITTEES_IN_COMMON)


def joint_arrangements(landscape: Landscape, *, as_of: DateLike | None = None) -> tuple[JointArrangement, ...]:
    """Return the landscape's joint committees and committees in common, sorted by id.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.joint_arrangements(ic.LandscapeBuilder().build())
        ()
    """
    land = view_of(landscape, as_of)
    found = []
    for committee in land.of_type(Committee):
        if committee.committee_type not in _JOINT:
            continue
        memberships = land.relations(MemberOf, target=committee.id)
        delegations = land.relations(Delegation, target=committee.id)
        members = sorted({m.source for m in memberships})
        functions = sorted({f for d in delegations for f in d.functions})
        found.append(
            JointArrangement(
                committee=committee,
                members=tuple(land[m] for m in members),
                functions=tuple(functions),
                path=(*memberships, *delegations),
            )
        )
    return tuple(found)
