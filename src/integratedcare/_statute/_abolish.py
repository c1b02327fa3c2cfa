"""A landscape as a regime would leave it: the bodies it abolishes gone, their roles with their successors."""

from __future__ import annotations

from typing import Final

import attrs

from integratedcare._derived import Derived
from integratedcare._landscape import Landscape
from integratedcare._model import AccountableTo, Citation, Clause, Delegation, Entity, Relation, Verification
from integratedcare._statute._regimes import legal_regime
from integratedcare._statute._rulebook import Abolition
from integratedcare._statute._rules import Regime

__all__ = ["under_regime"]

_UNDER: Final[Derived[str, Landscape]] = Derived("landscapes under a regime")


def _note(regime: Regime, abolition: Abolition, what: str) -> str:
    """Say why a relation was restated, with the abolition's status and source."""
    source = f"; {abolition.source}" if abolition.source else ""
    return (
        f"under {regime.id}: {what}; {abolition.summary} ({abolition.verification.value}{source}). "
        "Inferred: the relation's successor was not read in the regime's text"
    )


def _basis(relation: Relation, regime: Regime) -> Citation | Clause | None:
    """A restated relation's basis: a citation flagged unverified as the regime would leave it, else as it was."""
    if not isinstance(relation.basis, Citation):
        return relation.basis
    note = f"as it would stand under {regime.title}: the relation's successor is inferred"
    return attrs.evolve(relation.basis, verification=Verification.UNVERIFIED, note=note)


def _own_functions(regime: Regime, target: Entity) -> frozenset[str]:
    """The functions the regime gives a body of ``target``'s kind in its own right."""
    return frozenset(entry.id for entry in regime.functions() if entry.binds(target))


def _restated(
    landscape: Landscape, regime: Regime, abolition: Abolition, relation: Relation, successor: str | None
) -> Relation | None:
    """Restate one relation touching an abolished body, or ``None`` when it ends with the body."""
    if successor is None:
        return None
    gone = {e.id for e in landscape.of_type(abolition.kind)}
    source = successor if relation.source in gone else relation.source
    target = successor if relation.target in gone else relation.target
    if source == target:
        return None  # a line between the abolished body and its successor ends with it
    if isinstance(relation, AccountableTo) and relation.target in gone:
        was = f" (was: to {landscape[relation.target].name} through {relation.mechanism})" if relation.mechanism else ""
        note = _note(regime, abolition, f"accountable to {landscape[successor].name} instead{was}")
        return attrs.evolve(
            relation, target=target, mechanism=None, basis=_basis(relation, regime), notes=(*relation.notes, note)
        )
    if isinstance(relation, Delegation) and relation.source in gone:
        own = _own_functions(regime, landscape[relation.target])
        kept = tuple(f for f in relation.functions if f not in own)  # the rest become the delegate's own
        if not kept:
            return None
        note = _note(regime, abolition, f"delegated by {landscape[successor].name} instead")
        return attrs.evolve(
            relation, source=source, functions=kept, basis=_basis(relation, regime), notes=(*relation.notes, note)
        )
    return None  # any other relation (an assessment, a membership, a place) ends with the body


def _apply(landscape: Landscape, regime: Regime) -> Landscape:
    """Build the landscape as the regime would leave it."""
    builder = landscape.builder()
    for abolition in regime.abolitions:
        abolished = landscape.of_type(abolition.kind)
        if not abolished:
            continue
        successors = () if abolition.successor is None else landscape.of_type(abolition.successor)
        successor = successors[0].id if len(successors) == 1 else None  # only an unambiguous successor
        touching = [
            relation
            for entity in abolished
            for relation in (
                *landscape.relations(Relation, source=entity.id),
                *landscape.relations(Relation, target=entity.id),
            )
        ]
        restated = [_restated(landscape, regime, abolition, r, successor) for r in dict.fromkeys(touching)]
        for entity in abolished:
            builder.remove(entity.id)
        builder.add(*(r for r in restated if r is not None))
    return builder.build()


def under_regime(landscape: Landscape, regime: str | Regime) -> Landscape:
    """Return the landscape as a regime would leave it: the bodies it abolishes gone, their roles moved.

    For each :class:`~integratedcare.statute.Abolition` of the regime, the abolished entities are
    removed with their relations, except that, when the landscape holds exactly one body of the
    successor's kind, lines of accountability to an abolished body lead to the successor instead, and
    delegations it made are made by the successor, less the functions the regime gives the delegate in
    its own right. Its assessments end with it: a successor's duty to assess is a derived duty of the
    regime (see :func:`~integratedcare.duties_of`), not a recorded relation. Each restated relation says so in
    its notes, with the abolition's verification and source: which body inherits each relation is
    inferred, since the bill's text was not read. A regime that abolishes nothing leaves the
    landscape as it is.

    Raises:
        UnknownRegimeError: no regime has that id.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS C&M ICB"),
        ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
        ...     ic.SecretaryOfState(id="sos", name="the Secretary of State"),
        ...     ic.Parliament(id="parliament", name="Parliament"),
        ...     ic.AccountableTo(source="QYG", target="nhs-england"),
        ...     ic.AccountableTo(source="nhs-england", target="sos"),
        ...     ic.AccountableTo(source="sos", target="parliament"),
        ...     ic.Delegation(source="nhs-england", target="QYG",
        ...                   functions=["dental-services", "specialised-services"]),
        ... ).build()
        >>> bill = ic.statute.under_regime(land, "health-bill-2026")
        >>> "nhs-england" in bill, [r.target for r in ic.accountability_chain(bill, "QYG")[0].path]
        (False, ['sos', 'parliament'])
        >>> [(d.source, d.functions) for d in bill.relations(ic.Delegation)]  # dental becomes the ICB's own
        [('sos', ('specialised-services',))]
        >>> ic.statute.under_regime(land, "hca-2022") is land
        True
    """
    reg = legal_regime(regime)
    if not reg.abolitions:
        return landscape
    return _UNDER.get(landscape, reg.id, lambda: _apply(landscape, reg))
