"""The statute: legal regimes, their duty rules as data, and the duties they derive for a landscape.

Use it as ``integratedcare.statute``. The law lives in one rulebook, :data:`RULEBOOK`: every duty,
power and statutory function as a :class:`Provision` (of a :class:`ProvisionKind`) citing one of the
:data:`ACTS`, found with :func:`provision` or cited with :func:`cite`. A :class:`~integratedcare.Regime` (by id in
:data:`~integratedcare.REGIMES`; the default is :data:`DEFAULT_REGIME`) holds :class:`DutyRule`
objects, each with its citation and the :class:`Connection` by which it binds a holder to a
document; :func:`legal_regime` finds a regime by id or the enacted one in force on a date;
:func:`derived_duties` applies a regime's rules to a landscape. :func:`own_duties` lists what the law gives
one kind of body, and :func:`compare_law` what it gains and loses between two regimes or dates (a
:class:`LawComparison`); a regime's :class:`Change` records say what it changes, with their sources,
and its :class:`Abolition` records the bodies it abolishes and who takes over their roles;
:func:`under_regime` gives a landscape as such a regime would leave it (lines of accountability and
delegations moved to the successor, flagged).

Examples:
    >>> import integratedcare as ic
    >>> ic.statute.legal_regime().id, ic.statute.DEFAULT_REGIME
    ('hca-2022', 'hca-2022')
    >>> ic.statute.legal_regime("health-bill-2026").proposed
    True
"""

from __future__ import annotations

from integratedcare._statute import *  # noqa: F403 (the layer's public names, listed in its __all__)
from integratedcare._statute import __all__ as __all__  # noqa: PLC0414 (the same names, re-exported)
