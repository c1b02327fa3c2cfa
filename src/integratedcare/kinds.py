"""Kinds of entity and relation: what each kind declares, and how to add one.

Use it as ``integratedcare.kinds``. Every kind of entity declares on its class what the rest of
the library needs to know about it: its drawing group (an :class:`EntityGroup`) and row, how it
lies in ICB areas (an :class:`AreaRule`), its column in an applicability table (a
:class:`~integratedcare.governance.PartnerKind`), the relations it may start and end, and whether
lines of accountability end at it. :func:`register_kind` (or :func:`registered_kinds` for a
``with`` block) makes a new kind known to files and kind texts; :func:`unregister_kind` forgets it.
``ENTITY_KINDS`` and ``RELATION_KINDS`` map kind texts (``"integrated-care-board"``,
``"member-of"``) to classes; ``RELATION_ENDPOINTS`` is a read-only view of which kinds each
relation may join, collected from what the entity classes declare. :class:`ICBCluster` is the kind
for ICBs sharing a leadership team (the 2025/26 clusters), kept here rather than at the top level.

Examples:
    >>> import integratedcare as ic
    >>> ic.kinds.ENTITY_KINDS["integrated-care-board"] is ic.ICB
    True
    >>> ic.ICB.area_rule is ic.kinds.AreaRule.ICB_AREA, ic.ICB.group is ic.kinds.EntityGroup.NHS
    (True, True)
"""

from __future__ import annotations

from integratedcare._model import (
    ENTITY_KINDS,
    RELATION_ENDPOINTS,
    RELATION_KINDS,
    AreaRule,
    EntityGroup,
    ICBCluster,
    register_kind,
    registered_kinds,
    unregister_kind,
)

__all__ = [
    "ENTITY_KINDS",
    "RELATION_ENDPOINTS",
    "RELATION_KINDS",
    "AreaRule",
    "EntityGroup",
    "ICBCluster",
    "register_kind",
    "registered_kinds",
    "unregister_kind",
]
