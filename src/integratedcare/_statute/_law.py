"""Reading the rulebook for one kind of body: its own duties under a regime, and how two regimes differ."""

from __future__ import annotations

import datetime as dt

import attrs

from integratedcare._model import DateLike, Entity, kind_label, to_date
from integratedcare._statute._errors import UnknownRegimeError
from integratedcare._statute._regimes import legal_regime
from integratedcare._statute._rulebook import Provision, ProvisionKind
from integratedcare._statute._rules import Regime, qualifies

__all__ = ["LawComparison", "compare_law", "own_duties"]


def _in_force(entries: tuple[Provision, ...], day: dt.date | None) -> tuple[Provision, ...]:
    """Keep the entries commenced by ``day`` (all of them for ``None``; an unknown commencement counts as earlier)."""
    return tuple(p for p in entries if day is None or p.commenced is None or p.commenced <= day)


def _law(when: str | Regime | DateLike | None) -> tuple[Regime, dt.date | None]:
    """Return the regime meant by a regime, a regime id or a date, and the date if one was given."""
    if when is None or isinstance(when, Regime):
        return legal_regime(when), None
    if isinstance(when, str):
        try:
            return legal_regime(when), None
        except UnknownRegimeError:
            day = to_date(when, field="regime or date")
            return legal_regime(as_of=day), day
    day = to_date(when, field="regime or date")
    return legal_regime(as_of=day), day


def own_duties(
    body: Entity | type[Entity],
    *,
    regime: str | Regime | None = None,
    as_of: DateLike | None = None,
) -> tuple[Provision, ...]:
    """Return the duties and powers the law gives bodies of ``body``'s kind, whatever they are connected to.

    These are the rulebook's entries for the kind (functions excepted), as the regime states them:
    the general duties of an ICB, its annual report and its financial duties as much as its duties
    towards other bodies. :func:`~integratedcare.duties_of` applies them to one body of a landscape.

    Args:
        body: a body, or an entity class such as ``integratedcare.ICB``.
        regime: a regime id or :class:`~integratedcare.Regime`; by default the enacted law.
        as_of: only the provisions commenced by this date.

    Raises:
        UnknownRegimeError: ``regime`` names no regime.

    Examples:
        >>> import integratedcare as ic
        >>> duties = ic.statute.own_duties(ic.ICB, as_of="2024-06-01")
        >>> len(duties) > 30, str(duties[0].citation)
        (True, 'NHS Act 2006 s14Z34')
    """
    reg = legal_regime(regime, as_of=as_of)
    day = None if as_of is None else to_date(as_of, field="as_of")
    if day is not None and not reg.in_force_on(day):
        return ()  # as derived duties: a regime's provisions apply only from its commencement
    return _in_force(reg.own_duties(body), day)


@attrs.frozen(kw_only=True)
class LawComparison:
    """How the law for one kind of body differs between two regimes, or two dates.

    Attributes:
        kind: the body's kind, such as ``integrated-care-board``.
        before: the first regime's id (with the date, when a date was given).
        after: the second regime's id (likewise).
        gained: the provisions the body's kind holds under the second but not the first.
        lost: the provisions it holds under the first but not the second.

    Examples:
        >>> import integratedcare as ic
        >>> diff = ic.statute.compare_law(ic.NHSEngland, "hca-2022", "health-bill-2026")
        >>> diff.gained, "nhsa-s14Z59(1)" in {p.id for p in diff.lost}
        ((), True)
    """

    kind: str
    before: str
    after: str
    gained: tuple[Provision, ...]
    lost: tuple[Provision, ...]

    def __bool__(self) -> bool:
        """Whether anything differs."""
        return bool(self.gained or self.lost)

    def lines(self) -> list[str]:
        """Return one line per provision gained (``+``) or lost (``-``), with its citation and status."""
        return [
            f"{sign} {entry.citation} ({entry.verification.value}): {entry.title}"
            for sign, entries in (("+", self.gained), ("-", self.lost))
            for entry in entries
        ]

    def __str__(self) -> str:
        """Say what a body of the kind gains and loses, one provision a line."""
        head = f"The law for {self.kind}: {self.before} -> {self.after}"
        return "\n".join([head, *(self.lines() or ["no difference"])])


def _label(reg: Regime, day: dt.date | None) -> str:
    """Name a regime, with the date it was chosen for."""
    return reg.id if day is None else f"{reg.id} on {day.isoformat()}"


def compare_law(
    body: Entity | type[Entity],
    before: str | Regime | DateLike,
    after: str | Regime | DateLike,
) -> LawComparison:
    """Compare the duties, powers and functions bodies of one kind hold under two regimes, or on two dates.

    Each side is a regime (or its id), or a date: the enacted law in force that day, counting only
    the provisions commenced by then. Given a body rather than a kind, a body that cannot hold
    statutory duties (a council that is not a responsible local authority, a non-statutory
    partnership) holds none under either side.

    Raises:
        UnknownRegimeError: a side names no regime.
        InvalidValueError: a side is neither a regime nor a date.

    Examples:
        >>> import integratedcare as ic
        >>> diff = ic.statute.compare_law(ic.ICB, "2022-06-30", "2022-07-01")
        >>> "nhsa-s14Z35" in {p.id for p in diff.gained}, diff.lost
        (True, ())
    """
    reg_a, day_a = _law(before)
    reg_b, day_b = _law(after)
    able = isinstance(body, type) or qualifies(body)  # a shire district, say, holds none of them
    held_a = {p.id: p for p in _in_force(reg_a.provisions, day_a) if able and p.binds(body)}
    held_b = {p.id: p for p in _in_force(reg_b.provisions, day_b) if able and p.binds(body)}
    cls = body if isinstance(body, type) else type(body)
    order = {kind: i for i, kind in enumerate(ProvisionKind)}
    return LawComparison(
        kind=kind_label(cls),
        before=_label(reg_a, day_a),
        after=_label(reg_b, day_b),
        gained=tuple(sorted((p for i, p in held_b.items() if i not in held_a), key=lambda p: (order[p.kind], p.id))),
        lost=tuple(sorted((p for i, p in held_a.items() if i not in held_b), key=lambda p: (order[p.kind], p.id))),
    )
