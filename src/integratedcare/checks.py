"""Checks: rules from statute and guidance, their reports, and maturity frameworks.

Use it as ``integratedcare.checks``. :func:`~integratedcare.check` (also here as ``check``) runs every
rule over a landscape and returns a :class:`Report` of :class:`Finding` objects, each with its
rule id, :class:`Severity` and citation; :data:`~integratedcare.checks.RULES` holds the rules by id and
:func:`rules_markdown` describes them; an entity's note starting with :data:`OPEN_ENDED`
(``"open-ended:"``) says it has no start date by design, and one starting with :data:`LINE_ENDS`
(``"line ends:"``) that a line of accountability ends at it by design. :func:`assess` scores a landscape
against a maturity :class:`Framework` from :data:`FRAMEWORKS`.

Examples:
    >>> import integratedcare as ic
    >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB")).build()
    >>> report = ic.checks.check(land, as_of="2024-01-01")
    >>> isinstance(report, ic.checks.Report), "ICP001" in ic.checks.RULES
    (True, True)
"""

from __future__ import annotations

from integratedcare._checks import *  # noqa: F403 (the layer's public names, listed in its __all__)
from integratedcare._checks import __all__ as __all__  # noqa: PLC0414 (the same names, re-exported)
