"""Commissioning and public functions, who holds them, and checks on delegation schemes.

A body holds a function when the law gives it to bodies of its kind (its *statutory* functions)
or when a body that holds it delegates it (an :class:`~integratedcare.Delegation` naming the
function's id). Delegation moves the exercise of a function, not the accountability for it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from integratedcare._derived import Derived
from integratedcare._governance._errors import DelegationError
from integratedcare._landscape import Landscape
from integratedcare._model import (
    Agreement,
    AgreementType,
    Body,
    Citation,
    Clause,
    ClinicalCommissioningGroup,
    Committee,
    CommitteeType,
    DateLike,
    Delegation,
    Entity,
    IntegratedCareBoard,
    LocalAuthority,
    NHSEngland,
    Period,
    Verification,
    to_date,
)
from integratedcare._model._provenance import non_empty

__all__ = [
    "FUNCTIONS",
    "DelegationBasisKind",
    "Function",
    "FunctionHolding",
    "check_delegations",
    "delegation_basis",
    "functions_held_by",
    "holders_of",
]

_MIN, _MAX = dt.date.min, dt.date.max


@attrs.frozen(kw_only=True)
class Function:
    """A commissioning or public function, and the kinds of body the law gives it to.

    Attributes:
        id: a readable slug, used in :attr:`Delegation.functions <integratedcare.Delegation.functions>`.
        title: its name.
        owners: the entity classes that hold it by statute (a council holds it only if it is a
            responsible local authority).
        citation: the provision of law that gives it, with how far that was verified.

    Examples:
        >>> import integratedcare as ic
        >>> pms = ic.Function.registry()["primary-medical-services"]
        >>> pms.title, [cls.__name__ for cls in pms.owners]
        ('Primary medical services', ['NHSEngland'])
        >>> pms.is_statutory_for(ic.NHSEngland(id="nhs-england", name="NHS England"))
        True
    """

    id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    owners: tuple[type[Body], ...]
    citation: Citation | None = None

    @staticmethod
    def registry() -> Mapping[str, Function]:
        """Return the registry of functions by id."""
        return FUNCTIONS

    def is_statutory_for(self, entity: Entity) -> bool:
        """Return whether the law gives this function to ``entity`` itself."""
        if not isinstance(entity, self.owners):
            return False
        return not isinstance(entity, LocalAuthority) or entity.is_responsible_authority

    def __str__(self) -> str:
        """Return the function's title."""
        return self.title


def _cite(section: str, act: str = "NHS Act 2006", verification: str = "unverified") -> Citation:
    """Make a citation (unverified unless said otherwise: most sections here are from memory)."""
    return Citation(act=act, section=section, verification=verification)


_NHS_COMMISSIONERS: Final = (IntegratedCareBoard, ClinicalCommissioningGroup)
_FUNCTIONS: Final = (
    Function(
        id="primary-medical-services", title="Primary medical services", owners=(NHSEngland,), citation=_cite("Part 4")
    ),
    Function(
        id="pharmaceutical-services", title="Pharmaceutical services", owners=(NHSEngland,), citation=_cite("Part 7")
    ),
    Function(id="ophthalmic-services", title="Ophthalmic services", owners=(NHSEngland,), citation=_cite("Part 6")),
    Function(id="dental-services", title="Dental services", owners=(NHSEngland,), citation=_cite("Part 5")),
    Function(id="specialised-services", title="Specialised services", owners=(NHSEngland,), citation=_cite("s3B")),
    Function(
        id="community-services", title="Community health services", owners=_NHS_COMMISSIONERS, citation=_cite("s3")
    ),
    Function(
        id="continuing-healthcare", title="NHS continuing healthcare", owners=_NHS_COMMISSIONERS, citation=_cite("s3")
    ),
    Function(
        id="mental-health-services", title="Mental health services", owners=_NHS_COMMISSIONERS, citation=_cite("s3")
    ),
    Function(id="public-health", title="Public health", owners=(LocalAuthority,), citation=_cite("s2B")),
    Function(
        id="adult-social-care",
        title="Adult social care",
        owners=(LocalAuthority,),
        citation=_cite("Part 1", act="Care Act 2014"),
    ),
    Function(
        id="childrens-services",
        title="Children's services",
        owners=(LocalAuthority,),
        citation=_cite("s10", act="Children Act 2004"),
    ),
    Function(
        id="better-care-fund",
        title="Better Care Fund (pooled under s75)",
        owners=(*_NHS_COMMISSIONERS, LocalAuthority),
        citation=_cite("s75", verification="verified"),
    ),
)

FUNCTIONS: Final[Mapping[str, Function]] = MappingProxyType({f.id: f for f in _FUNCTIONS})
"""The registry of functions by id. Sections marked unverified come from memory, not a source."""


class DelegationBasisKind(enum.StrEnum):
    """The legal route of a delegation.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.DelegationBasisKind.JOINT_WORKING.citation)
        'NHS Act 2006 s65Z5'
    """

    NHS_ENGLAND_DELEGATION_AGREEMENT = "NHS England delegation agreement"
    JOINT_WORKING = "joint working or delegation arrangement (s65Z5)"
    ICB_COMMITTEE = "ICB committee"
    SECTION_75 = "s75 partnership arrangement"
    OTHER = "other or unstated"

    @property
    def citation(self) -> Citation | None:
        """The provision of law behind this route, where there is one (domain facts, section 1.8)."""
        sections = {
            DelegationBasisKind.JOINT_WORKING: "s65Z5",
            DelegationBasisKind.SECTION_75: "s75",
            DelegationBasisKind.NHS_ENGLAND_DELEGATION_AGREEMENT: "s65Z5",
        }
        section = sections.get(self)
        return None if section is None else Citation(act="NHS Act 2006", section=section)


_AGREEMENT_ROUTES: Final = {
    AgreementType.DELEGATION_AGREEMENT: DelegationBasisKind.NHS_ENGLAND_DELEGATION_AGREEMENT,
    AgreementType.SECTION_75_AGREEMENT: DelegationBasisKind.SECTION_75,
    AgreementType.SCHEME_OF_DELEGATION: DelegationBasisKind.ICB_COMMITTEE,
}
_ICB_COMMITTEES: Final = frozenset({CommitteeType.BOARD_COMMITTEE, CommitteeType.PLACE_COMMITTEE})


def delegation_basis(landscape: Landscape, delegation: Delegation) -> DelegationBasisKind:
    """Classify the legal route of a delegation from its basis and its ends.

    A citation of s65Z5 or s65Z6 is joint working; of s75, a partnership arrangement; a clause of a
    delegation agreement, NHS England's delegation agreement; of a scheme of delegation, or a
    delegation from an ICB to one of its own committees, an ICB committee.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.Committee(id="wirral-place-committee", name="Wirral place committee",
        ...                  committee_type="place-committee"),
        ... ).build()
        >>> d = ic.Delegation(source="QYG", target="wirral-place-committee", functions=["community-services"])
        >>> ic.delegation_basis(land, d)
        <DelegationBasisKind.ICB_COMMITTEE: 'ICB committee'>
    """
    basis = delegation.basis
    if isinstance(basis, Citation):
        if basis.section.startswith(("s65Z5", "s65Z6")):
            return DelegationBasisKind.JOINT_WORKING
        if basis.section.startswith("s75"):
            return DelegationBasisKind.SECTION_75
    if isinstance(basis, Clause) and basis.agreement in landscape:
        agreement = landscape[basis.agreement]
        if isinstance(agreement, Agreement) and agreement.agreement_type in _AGREEMENT_ROUTES:
            return _AGREEMENT_ROUTES[agreement.agreement_type]
    source = landscape.get(delegation.source)
    target = landscape.get(delegation.target)
    if (
        isinstance(source, IntegratedCareBoard)
        and isinstance(target, Committee)
        and target.committee_type in _ICB_COMMITTEES
    ):
        return DelegationBasisKind.ICB_COMMITTEE
    return DelegationBasisKind.OTHER


@attrs.frozen(kw_only=True)
class FunctionHolding:
    """That a body holds a function for a period: by statute, or by a delegation from another body.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB", period=("2022-07-01", None)),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"],
        ...                   period=("2023-04-01", None), basis=ic.Citation(act="NHS Act 2006", section="s65Z5")),
        ... ).build()
        >>> print(ic.holders_of(land, "dental-services")[0])
        QYG holds dental-services [2023-04-01, …) by delegation from nhs-england (NHS Act 2006 s65Z5)
    """

    body: str
    function: str
    period: Period
    basis: Citation | Clause | None
    delegated_by: str | None = None
    """The delegator's id, or ``None`` for a statutory function."""

    @property
    def statutory(self) -> bool:
        """Whether the body holds the function in its own right."""
        return self.delegated_by is None

    def __str__(self) -> str:
        """Say who holds what, when and why."""
        how = (
            "as its own statutory function" if self.delegated_by is None else f"by delegation from {self.delegated_by}"
        )
        why = "" if self.basis is None else f" ({self.basis}{_flag(self.basis)})"
        return f"{self.body} holds {self.function} {self.period} {how}{why}"


def _flag(basis: Citation | Clause) -> str:
    """Flag a basis that is not fully verified."""
    return "" if basis.verification is Verification.VERIFIED else f", {basis.verification.value}"


def _order(holding: FunctionHolding) -> tuple[str, str, dt.date, str]:
    """Sort holdings by function, body, start and delegator."""
    return (holding.function, holding.body, holding.period.start or _MIN, holding.delegated_by or "")


def _merge(periods: Iterable[Period]) -> list[Period]:
    """Merge overlapping or touching periods into disjoint ones, in order."""
    merged: list[Period] = []
    for period in sorted(periods, key=lambda p: p.start or _MIN):
        if merged:
            last = merged[-1]
            last_end = last.end or _MAX
            if (period.start or _MIN) <= last_end:
                ends = (last.end, period.end)
                end = None if None in ends else max(d for d in ends if d is not None)
                merged[-1] = Period(last.start, end)
                continue
        merged.append(period)
    return merged


def _statutory(entity: Entity) -> list[FunctionHolding]:
    """Return the holdings the law gives ``entity`` itself, for its lifetime."""
    return [
        FunctionHolding(body=entity.id, function=function.id, period=entity.period, basis=function.citation)
        for function in _FUNCTIONS
        if function.is_statutory_for(entity)
    ]


def _delegated(landscape: Landscape) -> tuple[FunctionHolding, ...]:
    """Derive the holdings delegations give, followed to a fixed point.

    Only the functions delegators hold can be passed on, so only their statutory holdings seed it.
    """
    delegations = landscape.relations(Delegation)
    found: set[FunctionHolding] = set()
    for delegator in sorted({d.source for d in delegations}):
        if delegator in landscape:
            found.update(_statutory(landscape[delegator]))
    changed = True
    while changed:
        held: defaultdict[tuple[str, str], list[Period]] = defaultdict(list)
        for holding in found:
            held[holding.body, holding.function].append(holding.period)
        before = len(found)
        for delegation in delegations:
            for name in delegation.functions:
                for period in _merge(held.get((delegation.source, name), ())):
                    shared = period.intersection(delegation.period)
                    if shared is not None:
                        found.add(
                            FunctionHolding(
                                body=delegation.target,
                                function=name,
                                period=shared,
                                basis=delegation.basis,
                                delegated_by=delegation.source,
                            )
                        )
        changed = len(found) != before
    return tuple(sorted((h for h in found if not h.statutory), key=_order))


_DELEGATED: Final[Derived[None, Mapping[str, tuple[FunctionHolding, ...]]]] = Derived("delegated holdings by body")
_HOLDINGS: Final[Derived[None, tuple[FunctionHolding, ...]]] = Derived("function holdings")
_BY_FUNCTION: Final[Derived[None, Mapping[str, tuple[FunctionHolding, ...]]]] = Derived("holdings by function")


def _delegated_to(landscape: Landscape) -> Mapping[str, tuple[FunctionHolding, ...]]:
    """Return the delegated holdings by body, derived once per landscape."""
    return _DELEGATED.get(landscape, None, lambda: _index(_delegated(landscape), "body"))


def _holdings(landscape: Landscape) -> tuple[FunctionHolding, ...]:
    """Derive every holding: statutory ones, then delegations followed to a fixed point."""
    found: set[FunctionHolding] = set()
    for function in _FUNCTIONS:
        for owner in function.owners:  # only bodies of the kinds the law gives it to
            found.update(
                FunctionHolding(body=entity.id, function=function.id, period=entity.period, basis=function.citation)
                for entity in landscape.of_type(owner)
                if function.is_statutory_for(entity)
            )
    found.update(h for held in _delegated_to(landscape).values() for h in held)
    return tuple(sorted(found, key=_order))


def _all_holdings(landscape: Landscape) -> tuple[FunctionHolding, ...]:
    """Return the landscape's holdings, derived once per landscape."""
    return _HOLDINGS.get(landscape, None, lambda: _holdings(landscape))


def _index(holdings: Iterable[FunctionHolding], field: str) -> dict[str, tuple[FunctionHolding, ...]]:
    """Group holdings by one of their fields (``body`` or ``function``), keeping their order."""
    groups: defaultdict[str, list[FunctionHolding]] = defaultdict(list)
    for holding in holdings:
        groups[getattr(holding, field)].append(holding)
    return {key: tuple(group) for key, group in groups.items()}


def _by_function(landscape: Landscape) -> Mapping[str, tuple[FunctionHolding, ...]]:
    """Return the landscape's holdings by function, grouped once per landscape."""
    return _BY_FUNCTION.get(landscape, None, lambda: _index(_all_holdings(landscape), "function"))


def _function_id(function: Function | str) -> str:
    """Return a function's id, accepting the function itself."""
    return function.id if isinstance(function, Function) else function


def holders_of(
    landscape: Landscape, function: Function | str, *, as_of: DateLike | None = None
) -> tuple[FunctionHolding, ...]:
    """Return who holds ``function``, each with how (statute or delegation) and when.

    Args:
        landscape: the landscape to look in.
        function: a :class:`Function` or its id (any id named by a delegation also works).
        as_of: only holdings in force on this date.

    Returns:
        Holdings sorted by body, then start.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["primary-medical-services"],
        ...                   period=("2022-07-01", None)),
        ... ).build()
        >>> [h.body for h in ic.holders_of(land, "primary-medical-services", as_of="2022-06-30")]
        ['nhs-england']
        >>> [h.body for h in ic.holders_of(land, "primary-medical-services", as_of="2022-07-01")]
        ['QYG', 'nhs-england']
    """
    wanted = _function_id(function)
    day = None if as_of is None else to_date(as_of, field="as_of")
    found = (h for h in _by_function(landscape).get(wanted, ()) if day is None or h.period.contains(day))
    return tuple(sorted(found, key=lambda h: (h.body, h.period.start or _MIN, h.delegated_by or "")))


def functions_held_by(landscape: Landscape, body: str, *, as_of: DateLike | None = None) -> tuple[FunctionHolding, ...]:
    """Return the functions ``body`` holds: its own statutory ones plus those delegated to it.

    Raises:
        UnknownEntityError: no entity has the id ``body``.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ... ).build()
        >>> [h.function for h in ic.functions_held_by(land, "E06000049")]
        ['adult-social-care', 'better-care-fund', 'childrens-services', 'public-health']
    """
    entity = landscape.get(body)
    day = None if as_of is None else to_date(as_of, field="as_of")
    # the body's own statutory holdings and those delegated to it: no need to derive everyone's
    held = sorted((*_statutory(entity), *_delegated_to(landscape).get(body, ())), key=_order)
    return tuple(h for h in held if day is None or h.period.contains(day))


def check_delegations(landscape: Landscape) -> tuple[DelegationError, ...]:
    """Return a problem for each function a body delegates without holding it throughout the delegation.

    A function id missing from :meth:`Function.registry` is reported too, since nobody can hold it by statute.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.Delegation(source="E06000049", target="QYG", functions=["dental-services"]),
        ... ).build()
        >>> [str(p) for p in ic.check_delegations(land)]
        ['delegation "E06000049" -> "QYG": "E06000049" delegates dental-services to "QYG" but does not hold it']
    """
    held: defaultdict[tuple[str, str], list[Period]] = defaultdict(list)
    for holding in _all_holdings(landscape):
        held[holding.body, holding.function].append(holding.period)
    problems: list[DelegationError] = []
    for delegation in landscape.relations(Delegation):
        for function in delegation.functions:
            if function not in FUNCTIONS:
                problems.append(
                    DelegationError(
                        delegator=delegation.source,
                        delegate=delegation.target,
                        function=function,
                        problem=f"names {function!r}, which is not in integratedcare.Function.registry()",
                    )
                )
            elif not any(p.covers(delegation.period) for p in _merge(held.get((delegation.source, function), ()))):
                problems.append(
                    DelegationError(delegator=delegation.source, delegate=delegation.target, function=function)
                )
    return tuple(problems)
