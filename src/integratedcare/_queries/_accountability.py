"""Accountability and delegation queries: who answers to whom, and who does what where.

Delegation moves the doing, not the accountability: a body that delegates a function with
``accountability_retained`` (the default) stays accountable for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from integratedcare._landscape import Landscape
from integratedcare._model import (
    AccountableTo,
    Assesses,
    Body,
    DateLike,
    Delegation,
    Entity,
    HoldsToAccount,
    Overlaps,
    Period,
    Relation,
    Scrutinises,
    Within,
)
from integratedcare._queries._answers import FunctionAnswer, LinkAnswer, describe_basis, period_of
from integratedcare._queries._collection import Answers
from integratedcare._queries._common import Identified, entity_of, function_id, required, sort_answers, view_of
from integratedcare._statute import Regime, under_regime

__all__ = [
    "accountability_chain",
    "accountable_for",
    "delegation_chain",
    "delegations_from",
    "delegations_to",
    "holds_to_account",
    "who_exercises_in",
]

Chain = tuple[Relation, ...]
Delegations = tuple[Delegation, ...]


def _because(relation: Relation) -> str:
    """Return `` (basis)`` for a relation with a basis, else nothing."""
    return "" if relation.basis is None else f" ({describe_basis(relation.basis)})"


def _start(landscape: Landscape, body: Entity | str, as_of: DateLike | None, query: str) -> tuple[Entity, Landscape]:
    """Resolve a body and the view for a date (the caller returns nothing if it is not in force)."""
    entity = required(landscape, body, Body, query=query, expected="body")
    return entity, view_of(landscape, as_of)


def _links_up(view: Landscape, node: str, seen: frozenset[str]) -> Iterator[Chain]:
    """Yield every chain of ``AccountableTo`` from ``node`` to its end, never revisiting an entity."""
    ups = [r for r in view.relations(AccountableTo, source=node) if r.target not in seen]
    if type(view[node]).ends_accountability or not ups:
        yield ()
        return
    for rel in ups:
        for rest in _links_up(view, rel.target, seen | {rel.target}):
            yield (rel, *rest)


def accountability_chain(
    landscape: Landscape,
    body: Entity | str,
    *,
    as_of: DateLike | None = None,
    regime: str | Regime | None = None,
) -> Answers[LinkAnswer]:
    """Return every chain of accountability from a body up to Parliament or an electorate.

    Follows ``AccountableTo`` relations; a chain that stops short of Parliament or an
    electorate is returned too, and says so. Under a regime that abolishes bodies (such as
    ``health-bill-2026``, which abolishes NHS England) the chains are those of the landscape as the
    regime would leave it (:func:`~integratedcare.statute.under_regime`): a line to an abolished
    body leads to its successor, flagged.

    Raises:
        UnknownEntityError: no entity has that id (an abolished body has none under its regime).
        EntityKindError: the entity is not a body.
        UnknownRegimeError: no regime has that id.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.SecretaryOfState(id="sos", name="the Secretary of State"),
        ...     ic.Parliament(id="parliament", name="Parliament"),
        ...     ic.AccountableTo(source="QYG", target="nhs-england", mechanism="annual assessment"),
        ...     ic.AccountableTo(source="nhs-england", target="sos"),
        ...     ic.AccountableTo(source="sos", target="parliament",
        ...                      basis=ic.Citation(act="NHS Act 2006", section="s1(3)")),
        ... ).build()
        >>> chain = ic.accountability_chain(land, "QYG")[0]
        >>> chain.entity.id, [r.target for r in chain.path]
        ('parliament', ['nhs-england', 'sos', 'parliament'])
        >>> print(chain)
        NHS Cheshire and Merseyside ICB is accountable to NHS England through annual assessment, which is
        accountable to the Secretary of State, which is accountable to Parliament (NHS Act 2006 s1(3),
        verified).
        >>> print(ic.accountability_chain(land, "QYG", regime="health-bill-2026")[0])
        NHS Cheshire and Merseyside ICB is accountable to the Secretary of State, which is accountable to
        Parliament (NHS Act 2006 s1(3), verified).
    """
    if regime is not None:
        landscape = under_regime(landscape, regime)
    start, view = _start(landscape, body, as_of, "accountability_chain")
    if start.id not in view:
        return Answers()
    answers = []
    for chain in _links_up(view, start.id, frozenset({start.id})):
        period = period_of(chain)
        if not chain or period is None:
            continue
        links = []
        for rel in chain:
            through = f" through {rel.mechanism}" if isinstance(rel, AccountableTo) and rel.mechanism else ""
            links.append(f"{view[rel.target].name}{through}{_because(rel)}")
        end = view[chain[-1].target]
        stops = "" if type(end).ends_accountability else ", where the recorded chain stops"
        text = f"{start.name} is accountable to {', which is accountable to '.join(links)}{stops}."
        answers.append(
            LinkAnswer(
                subject=start,
                kind="accountability",
                entity=end,
                basis=chain[0].basis,
                path=chain,
                period=period,
                text=text,
            )
        )
    return sort_answers(answers)


def holds_to_account(landscape: Landscape, body: Entity | str, *, as_of: DateLike | None = None) -> Answers[LinkAnswer]:
    """Return every body that holds a body to account, and how.

    Counts the bodies it is ``AccountableTo``, those that ``HoldsToAccount`` it (mutual
    accountability under an agreement), those that ``Scrutinises`` it and those that
    ``Assesses`` it; each answer's ``kind`` is the relation's kind.

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the entity is not a body.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.HOSC(id="cm-jhosc", name="Cheshire and Merseyside Joint HOSC", joint=True),
        ...     ic.Scrutinises(source="cm-jhosc", target="QYG"),
        ... ).build()
        >>> print(ic.holds_to_account(land, "QYG")[0])
        Cheshire and Merseyside Joint HOSC scrutinises NHS Cheshire and Merseyside ICB.
    """
    subject, view = _start(landscape, body, as_of, "holds_to_account")
    if subject.id not in view:
        return Answers()
    answers = []
    for rel in view.relations(AccountableTo, source=subject.id):
        through = f" through {rel.mechanism}" if rel.mechanism else ""
        other = view[rel.target]
        text = f"{subject.name} is accountable to {other.name}{through}{_because(rel)}."
        answers.append(_link(subject, rel, other, text))
    verbs = ((HoldsToAccount, "holds {} to account"), (Scrutinises, "scrutinises {}"), (Assesses, "assesses {}"))
    for cls, verb in verbs:
        for held in view.relations(cls, target=subject.id):
            other = view[held.source]
            answers.append(_link(subject, held, other, f"{other.name} {verb.format(subject.name)}{_because(held)}."))
    return sort_answers(answers)


def _link(subject: Entity, rel: Relation, other: Entity, text: str) -> LinkAnswer:
    """Make the answer for one relation between ``subject`` and ``other``."""
    return LinkAnswer(
        subject=subject, kind=rel.kind, entity=other, basis=rel.basis, path=(rel,), period=rel.period, text=text
    )


# --- delegation ---------------------------------------------------------------------------


def _delegations(
    view: Landscape, function: str, *, source: str | None = None, target: str | None = None
) -> tuple[Delegation, ...]:
    """Return the delegations of ``function`` from ``source`` or to ``target``."""
    return tuple(d for d in view.relations(Delegation, source=source, target=target) if function in d.functions)


def _chains_above(view: Landscape, node: str, function: str, seen: frozenset[str]) -> Iterator[Delegations]:
    """Yield every chain of delegations of ``function`` from a root down to ``node``."""
    ups = [d for d in _delegations(view, function, target=node) if d.source not in seen]
    if not ups:
        yield ()
        return
    for rel in ups:
        for above in _chains_above(view, rel.source, function, seen | {rel.source}):
            yield (*above, rel)


def _and(words: Sequence[str]) -> str:
    """Join words as a list in prose: ``a``, ``a and b``, ``a, b and c``."""
    return " and ".join(words) if len(words) <= 2 else f"{', '.join(words[:-1])} and {words[-1]}"  # noqa: PLR2004


def _delegation_text(rel: Delegation, view: Landscape, functions: str) -> str:
    """Say what one delegation does."""
    keeps = ", keeping accountability" if rel.accountability_retained else ", transferring accountability"
    return f"{view[rel.source].name} delegates {functions} to {view[rel.target].name}{keeps}{_because(rel)}."


def delegation_chain(
    landscape: Landscape, function: Identified | str, *, to: Entity | str, as_of: DateLike | None = None
) -> Answers[LinkAnswer]:
    """Return every chain of delegations by which a function reached a body, from the original holder down.

    Each answer's ``entity`` is the chain's first delegator and its ``path`` the delegations in
    order. A body the function was not delegated to gives no chains.

    Raises:
        UnknownEntityError: no entity has that id.
        EntityKindError: the entity is not a body.
        InvalidValueError: the function id is empty.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Committee(id="wirral-committee", name="Wirral place committee", committee_type="place-committee"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["primary-medical-services"]),
        ...     ic.Delegation(source="QYG", target="wirral-committee", functions=["primary-medical-services"]),
        ... ).build()
        >>> print(ic.delegation_chain(land, "primary-medical-services", to="wirral-committee")[0])
        NHS England delegates primary-medical-services to NHS Cheshire and Merseyside ICB, which delegates it
        to Wirral place committee.
    """
    function = function_id(function)
    end, view = _start(landscape, to, as_of, "delegation_chain")
    if end.id not in view:
        return Answers()
    answers = []
    for chain in _chains_above(view, end.id, function, frozenset({end.id})):
        period = period_of(chain)
        if not chain or period is None:
            continue
        root = view[chain[0].source]
        hops = ", which delegates it to ".join(f"{view[d.target].name}{_because(d)}" for d in chain)
        text = f"{root.name} delegates {function} to {hops}."
        answers.append(
            LinkAnswer(
                subject=end,
                kind="delegation-chain",
                entity=root,
                basis=chain[-1].basis,
                path=chain,
                period=period,
                text=text,
            )
        )
    return sort_answers(answers)


def delegations_from(
    landscape: Landscape, body: Entity | str, *, function: Identified | str | None = None, as_of: DateLike | None = None
) -> Answers[LinkAnswer]:
    """Return the delegations a body makes (of one function, if given), one answer per delegate.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services", "ophthalmic-services"],
        ...                   basis=ic.Citation(act="NHS Act 2006", section="s65Z5")),
        ... ).build()
        >>> print(ic.delegations_from(land, "nhs-england")[0])
        NHS England delegates dental-services and ophthalmic-services to NHS Cheshire and Merseyside ICB,
        keeping accountability (NHS Act 2006 s65Z5, verified).
        >>> [a.entity.id for a in ic.delegations_to(land, "QYG", function="dental-services")]
        ['nhs-england']
    """
    return _delegation_answers(landscape, body, function, as_of, outgoing=True)


def delegations_to(
    landscape: Landscape, body: Entity | str, *, function: Identified | str | None = None, as_of: DateLike | None = None
) -> Answers[LinkAnswer]:
    """Return the delegations a body receives (of one function, if given), one answer per delegator.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["primary-medical-services"]),
        ... ).build()
        >>> [(a.kind, a.entity.id) for a in ic.delegations_to(land, "QYG")]
        [('delegation', 'nhs-england')]
    """
    return _delegation_answers(landscape, body, function, as_of, outgoing=False)


def _delegation_answers(
    landscape: Landscape,
    body: Entity | str,
    function: Identified | str | None,
    as_of: DateLike | None,
    *,
    outgoing: bool,
) -> Answers[LinkAnswer]:
    """Answer delegations_from (``outgoing``) or delegations_to."""
    query = "delegations_from" if outgoing else "delegations_to"
    subject, view = _start(landscape, body, as_of, query)
    if subject.id not in view:
        return Answers()
    wanted = None if function is None else function_id(function)
    found = view.relations(Delegation, source=subject.id) if outgoing else view.relations(Delegation, target=subject.id)
    answers = []
    for rel in found:
        if wanted is not None and wanted not in rel.functions:
            continue
        functions = _and(rel.functions)
        other = view[rel.target if outgoing else rel.source]
        answers.append(_link(subject, rel, other, _delegation_text(rel, view, functions)))
    return sort_answers(answers)


def _areas_up(view: Landscape, entity: str) -> set[str]:
    """Return an entity and everything that contains or overlaps it, transitively."""
    found = {entity}
    frontier = [entity]
    while frontier:
        node = frontier.pop()
        for rel in view.relations(source=node):
            if isinstance(rel, (Within, Overlaps)) and rel.target not in found:
                found.add(rel.target)
                frontier.append(rel.target)
    return found


def _serves(view: Landscape, body: str, where: str, areas: set[str]) -> bool:
    """Return whether a delegate acts for ``where``: it covers it, lies in it, or has no area of its own."""
    if body in areas:
        return True
    direct = {r.target for r in view.relations(source=body) if isinstance(r, (Within, Overlaps))}
    return not direct or bool(direct & areas) or where in _areas_up(view, body)


def _chains_below(
    view: Landscape, node: str, *, function: str, where: str, areas: set[str], seen: frozenset[str]
) -> Iterator[Delegations]:
    """Yield every chain of onward delegations of ``function`` from ``node`` to the body that does it in ``where``."""
    downs = [
        d
        for d in _delegations(view, function, source=node)
        if d.target not in seen and _serves(view, d.target, where, areas)
    ]
    if not downs:
        yield ()
        return
    for rel in downs:
        for below in _chains_below(
            view, rel.target, function=function, where=where, areas=areas, seen=seen | {rel.target}
        ):
            yield (rel, *below)


def _function_chains(
    landscape: Landscape, function: Identified | str, where: Entity | str, as_of: DateLike | None
) -> tuple[str, Entity, Landscape, dict[Delegations, Period]]:
    """Return the function's id, the place, the view, and every delegation chain of the function reaching it."""
    ident = function_id(function)
    place = entity_of(landscape, where)
    view = view_of(landscape, as_of)
    chains: dict[Delegations, Period] = {}
    if place.id not in view:
        return ident, place, view, chains
    areas = _areas_up(view, place.id)
    for area in sorted(areas):
        entries = [
            *_delegations(view, ident, target=area),
            *(d for d in _delegations(view, ident, source=area) if _serves(view, d.target, place.id, areas)),
        ]
        for entry in entries:
            ends = frozenset({entry.source, entry.target})
            for above in _chains_above(view, entry.source, ident, ends):
                for below in _chains_below(view, entry.target, function=ident, where=place.id, areas=areas, seen=ends):
                    chain = (*above, entry, *below)
                    period = period_of(chain)
                    if period is not None:
                        chains[chain] = period
    return ident, place, view, chains


def accountable_for(
    landscape: Landscape, function: Identified | str, where: Entity | str, *, as_of: DateLike | None = None
) -> Answers[FunctionAnswer]:
    """Return the bodies accountable for a function in a place, with the delegations that show it.

    Looks for delegations of the function to or from the place or any body whose area contains
    or overlaps it (``Within``/``Overlaps``, transitively), and follows each chain up to the
    original holder. Delegation moves the doing, not the accountability: the first delegator
    stays accountable unless a delegation transfers accountability
    (``accountability_retained=False``). Functions that were never delegated give no answer:
    the statutory holders of functions come from the function registry, not from here.

    Raises:
        UnknownEntityError: no entity has that id.
        InvalidValueError: the function id is empty.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.LocalAuthority(id="E08000015", name="Wirral Council", tier="metropolitan-district"),
        ...     ic.Overlaps(source="E08000015", target="QYG"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"],
        ...                   period=("2023-04-01", None), basis=ic.Citation(act="NHS Act 2006", section="s65Z5")),
        ... ).build()
        >>> [a.body.id for a in ic.accountable_for(land, "dental-services", "E08000015")]
        ['nhs-england']
        >>> ic.accountable_for(land, "dental-services", "E08000015", as_of="2023-03-31")
        ()
    """
    return _function_answers(landscape, function, where, as_of, role="accountable", explain=_accountable)


def _accountable(chain: Delegations, view: Landscape, place: Entity, function: str) -> tuple[Entity, Delegation, str]:
    """Return the body accountable along a chain, the delegation that makes it so, and the answer's text."""
    accountable, through = chain[0].source, chain[0]
    for rel in chain:
        if not rel.accountability_retained:
            accountable, through = rel.target, rel
    body = view[accountable]
    how = (
        "having delegated it" if through.source == accountable else f"transferred to it by {view[through.source].name}"
    )
    return body, through, f"{body.name} is accountable for {function} in {place.name}, {how}{_because(through)}."


def who_exercises_in(
    landscape: Landscape, function: Identified | str, where: Entity | str, *, as_of: DateLike | None = None
) -> Answers[FunctionAnswer]:
    """Return the bodies that exercise a function in a place by delegation, with the delegations that show it.

    The last delegate of each chain exercises the function (see :func:`accountable_for`);
    onward delegation to a body for another place is not followed. The public query is
    :func:`integratedcare.who_exercises`, which adds the statutory holders when no place is named.

    Raises:
        UnknownEntityError: no entity has that id.
        InvalidValueError: the function id is empty.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ...     ic.LocalAuthority(id="E08000015", name="Wirral Council", tier="metropolitan-district"),
        ...     ic.Overlaps(source="E08000015", target="QYG"),
        ...     ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services"]),
        ... ).build()
        >>> print(ic.who_exercises(land, "dental-services", "E08000015")[0])
        NHS Cheshire and Merseyside ICB exercises dental-services in Wirral Council, delegated by NHS England
        (no basis recorded).
    """
    return _function_answers(landscape, function, where, as_of, role="exercises", explain=_exercises)


def _exercises(chain: Delegations, view: Landscape, place: Entity, function: str) -> tuple[Entity, Delegation, str]:
    """Return the body that exercises the function along a chain (its last delegate), that delegation and the text."""
    last = chain[-1]
    body = view[last.target]
    delegator = view[last.source].name
    text = f"{body.name} exercises {function} in {place.name}, delegated by {delegator} ({describe_basis(last.basis)})."
    return body, last, text


def _function_answers(
    landscape: Landscape,
    function: Identified | str,
    where: Entity | str,
    as_of: DateLike | None,
    *,
    role: str,
    explain: Callable[[Delegations, Landscape, Entity, str], tuple[Entity, Delegation, str]],
) -> Answers[FunctionAnswer]:
    """Answer one delegation chain of ``function`` reaching ``where`` each: ``explain`` names the body and says why."""
    ident, place, view, chains = _function_chains(landscape, function, where, as_of)
    answers = []
    for chain, period in chains.items():
        body, through, text = explain(chain, view, place, ident)
        answer = FunctionAnswer(
            body=body,
            function=ident,
            where=place,
            role=role,
            basis=through.basis,
            path=chain,
            period=period,
            text=text,
        )
        answers.append(answer)
    return sort_answers(answers)
