"""Commissioning and public functions and who holds them, by statute or by delegation.

A body holds a function when the law gives it to bodies of its kind (its *statutory* functions)
or when a body that holds it delegates it (an :class:`~integratedcare.Delegation` naming the
function's id). Delegation moves the exercise of a function, not the accountability for it.
Answers are :class:`~integratedcare.answers.FunctionAnswer` objects, as the queries layer's are; checking
that delegators hold what they delegate is the checks layer's (rules ``GOV003`` and ``GOV004``).
"""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from integratedcare._derived import Derived
from integratedcare._landscape import Landscape
from integratedcare._model import (
    Agreement,
    AgreementType,
    Body,
    Citation,
    Clause,
    Committee,
    CommitteeType,
    DateLike,
    Delegation,
    Entity,
    IntegratedCareBoard,
    LocalAuthority,
    Period,
    Verification,
    to_date,
)
from integratedcare._model._period import merge_periods as _merge
from integratedcare._model._provenance import non_empty
from integratedcare._queries import (
    Answers,
    FunctionAnswer,
    describe_basis,
    function_id,
    required,
    sort_answers,
    who_exercises_in,
)
from integratedcare._statute import Provision, Regime, legal_regime, provision, under_regime

__all__ = [
    "FUNCTIONS",
    "DelegationBasisKind",
    "Function",
    "FunctionHolding",
    "delegation_basis",
    "functions_held_by",
    "holders_of",
    "who_exercises",
]

_MIN = dt.date.min


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
        >>> pms = ic.governance.Function.registry()["primary-medical-services"]
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


def _function(entry: Provision) -> Function:
    """Make a function from its rulebook entry."""
    owners = tuple(cls for cls in entry.holders if issubclass(cls, Body))
    return Function(id=entry.id, title=entry.title, owners=owners, citation=entry.citation)


def _registry(regime: str | Regime | None = None) -> tuple[Function, ...]:
    """Return the functions a regime gives, from its rulebook entries (by default the enacted law's)."""
    return _REGISTRIES.setdefault(
        legal_regime(regime).id, tuple(_function(entry) for entry in legal_regime(regime).functions())
    )


_REGISTRIES: Final[dict[str, tuple[Function, ...]]] = {}
"""The functions of each regime, by the regime's id (a few regimes at most)."""
_FUNCTIONS: Final = _registry()

FUNCTIONS: Final[Mapping[str, Function]] = MappingProxyType({f.id: f for f in _FUNCTIONS})
"""The registry of functions by id, as the enacted law gives them (read from the rulebook)."""


class DelegationBasisKind(enum.StrEnum):
    """The legal route of a delegation.

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.governance.DelegationBasisKind.JOINT_WORKING.citation)
        'NHS Act 2006 s65Z5'
    """

    NHS_ENGLAND_DELEGATION_AGREEMENT = "NHS England delegation agreement"
    JOINT_WORKING = f"joint working or delegation arrangement ({provision('nhsa-s65Z5').section})"
    ICB_COMMITTEE = "ICB committee"
    SECTION_75 = f"{provision('nhsa-s75').section} partnership arrangement"
    OTHER = "other or unstated"

    @property
    def citation(self) -> Citation | None:
        """The provision of law behind this route, where there is one (domain facts, section 1.8)."""
        entries = {
            DelegationBasisKind.JOINT_WORKING: "nhsa-s65Z5",
            DelegationBasisKind.SECTION_75: "nhsa-s75",
            DelegationBasisKind.NHS_ENGLAND_DELEGATION_AGREEMENT: "nhsa-s65Z5",
        }
        entry = entries.get(self)
        return None if entry is None else provision(entry).citation


_JOINT_WORKING: Final = (provision("nhsa-s65Z5").section, provision("nhsa-s65Z6").section)
_PARTNERSHIP: Final = provision("nhsa-s75").section
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
        >>> ic.governance.delegation_basis(land, d)
        <DelegationBasisKind.ICB_COMMITTEE: 'ICB committee'>
    """
    basis = delegation.basis
    if isinstance(basis, Citation):
        if basis.section.startswith(_JOINT_WORKING):  # joint committees arise under s65Z5 arrangements
            return DelegationBasisKind.JOINT_WORKING
        if basis.section.startswith(_PARTNERSHIP):
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
    """Deprecated: that a body holds a function for a period, by statute or by delegation.

    The queries return :class:`~integratedcare.answers.FunctionAnswer` objects instead, naming the body
    as an entity and the delegation as a relation; making a ``FunctionHolding`` warns.

    Examples:
        >>> import warnings
        >>> import integratedcare as ic
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     holding = ic.governance.FunctionHolding(body="QYG", function="dental-services", period=ic.Period(),
        ...                                  basis=None, delegated_by="nhs-england")
        >>> print(holding)
        QYG holds dental-services […, …) by delegation from nhs-england
        >>> print(caught[0].message)
        FunctionHolding is deprecated; the queries return integratedcare.answers.FunctionAnswer objects
    """

    body: str
    function: str
    period: Period
    basis: Citation | Clause | None
    delegated_by: str | None = None
    """The delegator's id, or ``None`` for a statutory function."""

    def __attrs_post_init__(self) -> None:
        """Warn that the class is deprecated."""
        warnings.warn(
            "FunctionHolding is deprecated; the queries return integratedcare.answers.FunctionAnswer objects",
            DeprecationWarning,
            stacklevel=3,
        )

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


@attrs.frozen
class _Holding:
    """That a body holds a function for a period: by statute, or by a delegation (derived state, by id)."""

    body: str
    function: str
    period: Period
    basis: Citation | Clause | None
    delegation: Delegation | None = None
    """The delegation that passes the function on, or ``None`` for a statutory function."""

    @property
    def delegated_by(self) -> str | None:
        """The delegator's id, or ``None`` for a statutory function."""
        return None if self.delegation is None else self.delegation.source

    @property
    def statutory(self) -> bool:
        """Whether the body holds the function in its own right."""
        return self.delegation is None


def _order(holding: _Holding) -> tuple[str, str, dt.date, str]:
    """Sort holdings by function, body, start and delegator."""
    return (holding.function, holding.body, holding.period.start or _MIN, holding.delegated_by or "")


def _statutory(entity: Entity, functions: tuple[Function, ...] = _FUNCTIONS) -> list[_Holding]:
    """Return the holdings the law (by default the enacted law) gives ``entity`` itself, for its lifetime."""
    return [
        _Holding(body=entity.id, function=function.id, period=entity.period, basis=function.citation)
        for function in functions
        if function.is_statutory_for(entity)
    ]


def _delegated(landscape: Landscape, functions: tuple[Function, ...] = _FUNCTIONS) -> tuple[_Holding, ...]:
    """Derive the holdings delegations give, followed to a fixed point.

    Only the functions delegators hold can be passed on, so only their statutory holdings seed it.
    """
    delegations = landscape.relations(Delegation)
    found: set[_Holding] = set()
    for delegator in sorted({d.source for d in delegations}):
        if delegator in landscape:
            found.update(_statutory(landscape[delegator], functions))
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
                            _Holding(
                                body=delegation.target,
                                function=name,
                                period=shared,
                                basis=delegation.basis,
                                delegation=delegation,
                            )
                        )
        changed = len(found) != before
    return tuple(sorted((h for h in found if not h.statutory), key=_order))


_DELEGATED: Final[Derived[str | None, Mapping[str, tuple[_Holding, ...]]]] = Derived("delegated holdings by body")
_HOLDINGS: Final[Derived[str | None, tuple[_Holding, ...]]] = Derived("function holdings")
_BY_FUNCTION: Final[Derived[str | None, Mapping[str, tuple[_Holding, ...]]]] = Derived("holdings by function")


def _delegated_to(landscape: Landscape, regime: str | None = None) -> Mapping[str, tuple[_Holding, ...]]:
    """Return the delegated holdings by body under a regime (by default the enacted law), derived once per landscape."""
    functions = _FUNCTIONS if regime is None else _registry(regime)
    return _DELEGATED.get(landscape, regime, lambda: _index(_delegated(landscape, functions), "body"))


def _holdings(landscape: Landscape, regime: str | None = None) -> tuple[_Holding, ...]:
    """Derive every holding under a regime: statutory ones, then delegations followed to a fixed point."""
    found: set[_Holding] = set()
    for function in _FUNCTIONS if regime is None else _registry(regime):
        for owner in function.owners:  # only bodies of the kinds the law gives it to
            found.update(
                _Holding(body=entity.id, function=function.id, period=entity.period, basis=function.citation)
                for entity in landscape.of_type(owner)
                if function.is_statutory_for(entity)
            )
    found.update(h for held in _delegated_to(landscape, regime).values() for h in held)
    return tuple(sorted(found, key=_order))


def _all_holdings(landscape: Landscape, regime: str | None = None) -> tuple[_Holding, ...]:
    """Return the landscape's holdings under a regime, derived once per landscape and regime."""
    return _HOLDINGS.get(landscape, regime, lambda: _holdings(landscape, regime))


def _index(holdings: Iterable[_Holding], field: str) -> dict[str, tuple[_Holding, ...]]:
    """Group holdings by one of their fields (``body`` or ``function``), keeping their order."""
    groups: defaultdict[str, list[_Holding]] = defaultdict(list)
    for holding in holdings:
        groups[getattr(holding, field)].append(holding)
    return {key: tuple(group) for key, group in groups.items()}


def _by_function(landscape: Landscape, regime: str | None = None) -> Mapping[str, tuple[_Holding, ...]]:
    """Return the landscape's holdings by function, grouped once per landscape and regime."""
    return _BY_FUNCTION.get(landscape, regime, lambda: _index(_all_holdings(landscape, regime), "function"))


def _answer(landscape: Landscape, holding: _Holding) -> FunctionAnswer:
    """Return a holding as an answer naming the body, and the delegation that gives it, if any."""
    body = landscape[holding.body]
    why = describe_basis(holding.basis)
    path: tuple[Delegation, ...]
    if holding.delegation is None:
        role, path = "holds", ()
        text = f"{body.name} holds {holding.function} as its own statutory function ({why})."
    else:
        role, path = "exercises", (holding.delegation,)
        delegator = landscape[holding.delegation.source].name
        text = f"{body.name} exercises {holding.function}, delegated by {delegator} ({why})."
    return FunctionAnswer(
        body=body,
        function=holding.function,
        role=role,
        basis=holding.basis,
        path=path,
        period=holding.period,
        text=text,
    )


def _in_force(holdings: Iterable[_Holding], as_of: DateLike | None) -> list[_Holding]:
    """Return the holdings in force on ``as_of`` (all of them for ``None``)."""
    day = None if as_of is None else to_date(as_of, field="as_of")
    return [h for h in holdings if day is None or h.period.contains(day)]


def who_exercises(
    landscape: Landscape,
    function: Function | str,
    where: Entity | str | None = None,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> Answers[FunctionAnswer]:
    """Return the bodies that exercise a function, each with the law or the delegation that lets it.

    With a place (``where``), the bodies that exercise the function there by delegation: the
    last delegate of each chain of delegations that reaches the place, its ``path`` that chain
    (see :func:`~integratedcare.accountable_for` for who stays accountable). Without a place,
    every body that holds the function anywhere: those the law gives it to (``role`` ``holds``,
    no path) and those it is delegated to (``role`` ``exercises``, ``path`` the delegation).

    Args:
        landscape: the landscape to look in.
        function: a :class:`~integratedcare.governance.Function` or its id (any id named by a delegation also works).
        where: the place (an area or a body), or its id; ``None`` for everywhere.
        as_of: only answers in force on this date.
        regime: under another regime (such as ``health-bill-2026``), the functions it gives, in the
            landscape as it would leave it (:func:`~integratedcare.statute.under_regime`: an abolished
            body's delegations are its successor's, less what the delegates would hold in their own right).

    Returns:
        Answers sorted by body, then role and start.

    Raises:
        UnknownEntityError: no entity has the id ``where``.
        InvalidValueError: the function id is empty.
        UnknownRegimeError: no regime has that id.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["primary-medical-services"],
        ...                   period=("2022-07-01", None)),
        ... ).build()
        >>> [(a.body.id, a.role) for a in ic.who_exercises(land, "primary-medical-services", as_of="2022-06-30")]
        [('nhs-england', 'holds')]
        >>> for answer in ic.who_exercises(land, "primary-medical-services", as_of="2022-07-01"):
        ...     print(answer)
        NHS C&M ICB exercises primary-medical-services, delegated by NHS England (no basis recorded).
        NHS England holds primary-medical-services as its own statutory function (NHS Act 2006 Part 4, unverified).
        >>> print(ic.who_exercises(land, "primary-medical-services", "QYG")[0])
        NHS C&M ICB exercises primary-medical-services in NHS C&M ICB, delegated by NHS England (no basis recorded).
        >>> print(ic.who_exercises(land, "primary-medical-services", regime="health-bill-2026")[0])
        NHS C&M ICB holds primary-medical-services as its own statutory function (NHS Act 2006 Part 4, unverified).
    """
    reg = None if regime is None else legal_regime(regime).id
    if reg is not None:
        landscape = under_regime(landscape, reg)
    if where is not None:
        return who_exercises_in(landscape, function, where, as_of=as_of)
    held = _by_function(landscape, reg).get(function_id(function), ())
    return sort_answers(_answer(landscape, h) for h in _in_force(held, as_of))


def holders_of(
    landscape: Landscape, function: Function | str, *, as_of: DateLike | None = None
) -> Answers[FunctionAnswer]:
    """Deprecated: use :func:`who_exercises` without a place, which this calls.

    Examples:
        >>> import warnings
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.NHSEngland(id="nhs-england", name="NHS England")).build()
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     answers = ic.governance.holders_of(land, "dental-services")
        >>> answers == ic.who_exercises(land, "dental-services")
        True
        >>> print(caught[0].message)
        holders_of is deprecated; use integratedcare.who_exercises(landscape, function, as_of=...)
    """
    warnings.warn(
        "holders_of is deprecated; use integratedcare.who_exercises(landscape, function, as_of=...)",
        DeprecationWarning,
        stacklevel=2,
    )
    return who_exercises(landscape, function, as_of=as_of)


def functions_held_by(
    landscape: Landscape,
    body: Entity | str,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> Answers[FunctionAnswer]:
    """Return the functions a body holds: its own statutory ones plus those delegated to it.

    Each answer is as :func:`who_exercises` gives it; they are sorted by function. Under another
    regime (such as ``health-bill-2026``) the statutory functions are those it gives, in the
    landscape as it would leave it (:func:`~integratedcare.statute.under_regime`), and delegations
    pass on only what their delegators hold under it.

    Raises:
        UnknownEntityError: no entity has the id ``body``.
        EntityKindError: the entity is not a body.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ... ).build()
        >>> [a.function for a in ic.governance.functions_held_by(land, "E06000049")]
        ['adult-social-care', 'better-care-fund', 'childrens-services', 'public-health']
        >>> print(ic.governance.functions_held_by(land, "E06000049")[-1])
        Cheshire East Council holds public-health as its own statutory function (NHS Act 2006 s2B, unverified).
        >>> icb = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB")).build()
        >>> [a.function for a in ic.governance.functions_held_by(icb, "QYG", regime="health-bill-2026")][:2]
        ['better-care-fund', 'community-services']
    """
    entity = required(landscape, body, Body, query="functions_held_by", expected="body")
    reg = None if regime is None else legal_regime(regime).id
    functions = _FUNCTIONS if reg is None else _registry(reg)
    view = landscape if reg is None else under_regime(landscape, reg)  # as the regime would leave it
    # the body's own statutory holdings and those delegated to it: no need to derive everyone's
    held = sorted((*_statutory(entity, functions), *_delegated_to(view, reg).get(entity.id, ())), key=_order)
    answers = sort_answers(_answer(view, h) for h in _in_force(held, as_of))
    return Answers(sorted(answers, key=lambda a: a.function))
