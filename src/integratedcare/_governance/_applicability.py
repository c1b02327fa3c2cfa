"""Applicability tables: which elements of an agreement apply to which kinds of partner.

Each entity class declares its :class:`~integratedcare.governance.PartnerKind` (the model layer's); the
tables read it from there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model import Entity, PartnerKind, Source
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of
from integratedcare._model._provenance import non_empty

__all__ = ["ApplicabilityTable", "PartnerKind"]


def _to_rows(value: Mapping[str, Iterable[PartnerKind | str]]) -> Mapping[str, frozenset[PartnerKind]]:
    """Freeze the rows, converting kind texts to partner kinds and keeping the rows' order."""
    try:
        return MappingProxyType({element: frozenset(PartnerKind(k) for k in kinds) for element, kinds in value.items()})
    except (ValueError, AttributeError, TypeError):
        known = ", ".join(k.value for k in PartnerKind)
        raise InvalidValueError(
            subject="applicability table", field="rows", problem=f"must map elements to kinds among {known}"
        ) from None


@attrs.frozen(kw_only=True)
class ApplicabilityTable:
    """A table of which elements of an agreement apply to which kinds of partner.

    Attributes:
        agreement: the id of the agreement the table belongs to.
        section: where in the agreement it is, such as ``Annex 1``.
        rows: each element mapped to the partner kinds it applies to, in the agreement's order.
        sources: where the table comes from.

    Examples:
        >>> import integratedcare as ic
        >>> table = ic.governance.cheshire_and_merseyside_rules().applicability
        >>> table.applies("Mutual accountability", ic.governance.PartnerKind.COUNCIL)
        True
        >>> [k.value for k in table.kinds_for("Allocation of capital and transformation")]
        ['CCGs', 'NHS providers', 'NHS England and NHS Improvement']
    """

    agreement: str = attrs.field(validator=non_empty)
    section: str = "Annex 1"
    rows: Mapping[str, frozenset[PartnerKind]] = attrs.field(converter=_to_rows)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    @property
    def elements(self) -> tuple[str, ...]:
        """The elements (rows), in the agreement's order."""
        return tuple(self.rows)

    def kinds_for(self, element: str) -> tuple[PartnerKind, ...]:
        """Return the partner kinds ``element`` applies to, in column order.

        Raises:
            InvalidValueError: the table has no such element.
        """
        if element not in self.rows:
            raise InvalidValueError(
                subject=f"applicability table of {self.agreement}",
                field="element",
                problem=f"must be one of {', '.join(self.rows)}, got {element!r}",
            )
        return tuple(k for k in PartnerKind if k in self.rows[element])

    def applies(self, element: str, kind: PartnerKind | str) -> bool:
        """Return whether ``element`` applies to partners of ``kind``."""
        return PartnerKind(kind) in self.kinds_for(element)

    def applies_to(self, element: str, entity: Entity) -> bool:
        """Return whether ``element`` applies to ``entity`` (by its partner kind)."""
        return self.applies(element, PartnerKind.of(entity))

    def __str__(self) -> str:
        """Render the table as text: one line per element, a tick where it applies."""
        header = " | ".join(["element", *(k.value for k in PartnerKind)])
        lines = [f"{self.agreement} {self.section}", header]
        for element, kinds in self.rows.items():
            ticks = ("✓" if k in kinds else "-" for k in PartnerKind)
            lines.append(" | ".join([element, *ticks]))
        return "\n".join(lines)
