"""What a kind of entity is, beyond its fields: the vocabularies its class declares.

Each entity class declares, as class variables, its :class:`EntityGroup` and row in drawings,
its :class:`AreaRule` for statutory geography, its :class:`PartnerKind` for applicability tables,
and the relations it may be the source or the target of (see
:class:`~integratedcare.Entity`). The drawing, the statute layer, the governance layer and the
landscape's relation check read these declarations from the class; none lists kinds by hand.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from integratedcare._model._entities import Entity

__all__ = ["AreaRule", "EntityGroup", "PartnerKind"]


class EntityGroup(enum.StrEnum):
    """The group a kind of entity is drawn in: the fill colour of its boxes and its legend entry.

    Examples:
        >>> import integratedcare as ic
        >>> ic.ICB.group, ic.JSNA.group
        (<EntityGroup.NHS: 'NHS'>, <EntityGroup.DOCUMENT: 'document'>)
    """

    NATIONAL = "national"
    NHS = "NHS"
    LOCAL_GOVERNMENT = "local government"
    PARTNERSHIP = "partnership"
    PEOPLE = "people and voluntary sector"
    DOCUMENT = "document"
    OTHER = "other"


class AreaRule(enum.StrEnum):
    """How a kind of entity lies in ICB areas, the geography the statute speaks of.

    The statute layer finds the ICB areas an entity lies in by its kind's rule (see
    :class:`~integratedcare.statute.Connection`).

    Examples:
        >>> import integratedcare as ic
        >>> ic.ICB.area_rule, ic.LocalAuthority.area_rule, ic.HWB.area_rule
        (<AreaRule.ICB_AREA: 'icb-area'>, <AreaRule.COUNCIL_AREA: 'council-area'>, <AreaRule.CONTAINED: 'contained'>)
    """

    ICB_AREA = "icb-area"
    """Its area is an ICB area, its own (an integrated care board)."""
    COUNCIL_AREA = "council-area"
    """Its area is a council's. It lies in each ICB area it ``Overlaps`` or lies ``Within``; bodies it
    ``Establishes``, or that lie ``Within`` it, lie in its area; it is the partner of each ICB it overlaps."""
    ESTABLISHED_BY_ICB = "established-by-icb"
    """It serves the area of the ICB that ``Establishes`` it (or that it lies ``Within`` or ``Overlaps``)."""
    CONTAINED = "contained"
    """It lies in each ICB area it lies ``Within`` or ``Overlaps``, and where its council lies (the council
    ``Establishes`` it, or it lies ``Within`` the council)."""
    PREPARED = "prepared"
    """It lies where the bodies that ``Prepares`` it lie (a document)."""
    NONE = "none"
    """It lies in no area (a post, an electorate)."""


class PartnerKind(enum.StrEnum):
    """A kind of partner, as the columns of an applicability table group them.

    Each entity class declares its ``partner_kind``; :meth:`of` reads it. An ICB counts as a CCG:
    agreements of 2020 name CCGs, and (like the Cheshire and Merseyside memorandum, Schedule 1
    item 5) read a reference to a body as including its successor.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.PartnerKind.of(ic.ICB(id="QYG", name="NHS C&M ICB"))
        <PartnerKind.CCG: 'CCGs'>
        >>> ic.governance.PartnerKind.of(ic.Partner(id="merseyside-police", name="Merseyside Police"))
        <PartnerKind.OTHER: 'other partners'>
    """

    CCG = "CCGs"
    NHS_PROVIDER = "NHS providers"
    COUNCIL = "councils"
    NHS_ENGLAND = "NHS England and NHS Improvement"
    HEALTHWATCH = "Healthwatch"
    OTHER = "other partners"

    @classmethod
    def of(cls, entity: Entity) -> PartnerKind:
        """Return the kind of partner ``entity`` is (its class's ``partner_kind``)."""
        return type(entity).partner_kind
