"""The 2025-26 reforms of integrated care boards as typed, dated and sourced data, and the queries on them.

Four reforms: the running-cost targets (:class:`RunningCostTarget`), the Model ICB Blueprint's
changes to ICB functions (:class:`BlueprintFunction`), the core components of neighbourhood health
(:class:`NeighbourhoodHealthComponent`) and the NHS Oversight Framework's segmentation by year
(:class:`OversightFramework`). Every item carries its sources and a :class:`~integratedcare.Verification`
flag; what the sources do not give is a :class:`ReformGap`, never a guess. The data itself is in
``_reforms_data`` and the two queries in ``_reforms_answers``; this module holds the types.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Final

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._model import (
    DateLike,
    Source,
    Verification,
    to_date,
)
from integratedcare._model._provenance import non_empty
from integratedcare._units import Quantity

__all__ = [
    "BlueprintFunction",
    "FunctionChange",
    "NeighbourhoodHealthComponent",
    "OversightFramework",
    "PolicyDocument",
    "Reform",
    "ReformGap",
    "RunningCostTarget",
    "financial_year",
]

_YEAR: Final = re.compile(r"(\d{4})/(\d{2})")


def _sources(value: Source | Iterable[Source]) -> tuple[Source, ...]:
    """Convert one source or an iterable of sources to a tuple (an attrs converter)."""
    return (value,) if isinstance(value, Source) else tuple(value)


def _optional_date(value: DateLike | None) -> dt.date | None:
    """Convert ISO text or a date to a date, keeping ``None`` (an attrs converter)."""
    return None if value is None else to_date(value)


class Reform(enum.StrEnum):
    """One of the 2025-26 reforms of integrated care boards that this module records.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.Reform("neighbourhood health") is ic.governance.Reform.NEIGHBOURHOOD_HEALTH
        True
    """

    RUNNING_COSTS = "running costs"
    """The cuts to ICBs' running costs and the per-head envelope."""
    MODEL_ICB_BLUEPRINT = "Model ICB Blueprint"
    """ICBs as strategic commissioners, and the functions that grow, stay, move out or move in."""
    NEIGHBOURHOOD_HEALTH = "neighbourhood health"
    """The neighbourhood health guidelines 2025/26 and their core components."""
    OVERSIGHT_FRAMEWORK = "NHS Oversight Framework"
    """Who NHS England places in segments, on what scale, year by year."""


@attrs.frozen(kw_only=True)
class PolicyDocument:
    """A published policy document behind a reform: its title, publisher and date.

    Attributes:
        id: a readable slug.
        title: the document's title.
        publisher: who published it.
        published: the day of publication, where a source gives the day (else ``None``, with ``note``).
        reference: the web address of the document or of the source describing it.
        verification: how far the document's date and content were checked.
        note: what the sources say of the date or status (for example a draft).

    Examples:
        >>> import integratedcare as ic
        >>> guidelines = ic.governance.NEIGHBOURHOOD_HEALTH_COMPONENTS[0].document
        >>> guidelines.title, guidelines.published.isoformat()
        ('Neighbourhood health guidelines 2025/26', '2025-01-30')
    """

    id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    publisher: str = attrs.field(validator=non_empty)
    published: dt.date | None = attrs.field(default=None, converter=_optional_date)
    reference: str | None = None
    verification: Verification = attrs.field(default=Verification.VERIFIED, converter=Verification)
    note: str | None = None

    def __str__(self) -> str:
        """Return the title, publisher and date."""
        when = self.published.isoformat() if self.published else (self.note or "date not in the sources")
        return f"{self.title} ({self.publisher}, {when})"


@attrs.frozen(kw_only=True)
class NeighbourhoodHealthComponent:
    """A core component of neighbourhood health, as the 2025/26 guidelines number it.

    Attributes:
        number: its place in the guidelines' list of six.
        name: its name.
        document: the guidelines.
        verification: how far its name was checked (see the sources).
        sources: where its name was read.

    Examples:
        >>> import integratedcare as ic
        >>> [c.name for c in ic.governance.NEIGHBOURHOOD_HEALTH_COMPONENTS][:2]
        ['Population health management', 'Modern general practice']
    """

    number: int
    name: str = attrs.field(validator=non_empty)
    document: PolicyDocument
    verification: Verification = attrs.field(converter=Verification)
    sources: tuple[Source, ...] = attrs.field(converter=_sources)

    def __str__(self) -> str:
        """Return the component as ``n. name (verification)``."""
        return f"{self.number}. {self.name} ({self.verification.value})"


@attrs.frozen(kw_only=True)
class RunningCostTarget:
    """A national target for ICBs' running costs: a cut or a per-head envelope, dated and sourced.

    Attributes:
        id: a readable slug.
        title: what is asked.
        asked: when and how it was asked, as the sources state it.
        due: when it is to be met, as the sources state it.
        due_by: the day it is to be met, where it follows from the sources (see ``note``).
        per_head: the envelope per head of population (``GBP / person``), for an envelope.
        reduction: the fraction to cut (``0.5`` for 50%), for a cut.
        includes: what the target counts.
        excludes: what it leaves out.
        document: the document that sets it, where one is named.
        verification: how far it was checked.
        sources: where it was read.
        note: anything else the sources say of it.

    Examples:
        >>> import integratedcare as ic
        >>> envelope = ic.governance.RUNNING_COST_TARGETS[-1]
        >>> str(envelope.per_head), envelope.due_by.isoformat()
        ('18.76 GBP / person', '2025-12-31')
    """

    id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    asked: str = attrs.field(validator=non_empty)
    due: str = attrs.field(validator=non_empty)
    due_by: dt.date | None = attrs.field(default=None, converter=_optional_date)
    per_head: Quantity | None = None
    reduction: float | None = None
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    document: PolicyDocument | None = None
    verification: Verification = attrs.field(converter=Verification)
    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    note: str | None = None

    def __str__(self) -> str:
        """Return the target with when it was asked and when it is due."""
        return f"{self.title}: asked {self.asked}; due {self.due} ({self.verification.value})"


class FunctionChange(enum.StrEnum):
    """What the Model ICB Blueprint does with an ICB function.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.FunctionChange("transfer out").name
        'TRANSFER_OUT'
    """

    CORE_ROLE = "core role"
    """The role the blueprint gives ICBs as a whole (strategic commissioner)."""
    GROW = "grow"
    """A function for ICBs to grow or invest in over time."""
    RETAIN = "retain"
    """A function ICBs keep."""
    TRANSFER_OUT = "transfer out"
    """A function to move out of ICBs (over time, where the sources say so)."""
    EXPLORE_TRANSFER_OUT = "explore transfer out"
    """A function ICBs are to explore options to move out."""
    TRANSFER_IN = "transfer in"
    """A function coming to ICBs from another body."""


@attrs.frozen(kw_only=True)
class BlueprintFunction:
    """An ICB function as the Model ICB Blueprint (draft v1, May 2025) treats it.

    Attributes:
        name: the function, in the sources' words.
        change: whether it grows, stays, moves out or moves in.
        moves_to: the receiving body of a function moving out, only where a source names it.
        moves_from: the giving body of a function moving in.
        when: when the change happens, as the sources state it (``None`` where they give no time).
        document: the blueprint.
        verification: how far it was checked.
        sources: where it was read.
        note: what the function covers, as the sources say.

    Examples:
        >>> import integratedcare as ic
        >>> it = [f for f in ic.governance.BLUEPRINT_FUNCTIONS if f.name == "General practice IT"][0]
        >>> it.change.value, it.moves_to
        ('explore transfer out', None)
    """

    name: str = attrs.field(validator=non_empty)
    change: FunctionChange = attrs.field(converter=FunctionChange)
    moves_to: str | None = None
    moves_from: str | None = None
    when: str | None = None
    document: PolicyDocument
    verification: Verification = attrs.field(converter=Verification)
    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    note: str | None = None

    def __str__(self) -> str:
        """Say what happens to the function, and where it goes when a source names the body."""
        where = f" to {self.moves_to}" if self.moves_to else ""
        where += f" from {self.moves_from}" if self.moves_from else ""
        when = f" ({self.when})" if self.when else ""
        return f"{self.name}: {self.change.value}{where}{when} [{self.verification.value}]"


@attrs.frozen(kw_only=True)
class OversightFramework:
    """An NHS Oversight Framework: the years it governs and who it places in segments, on what scale.

    Attributes:
        id: a readable slug.
        title: its name.
        years: the financial years it governs, such as ``("2025/26",)``.
        published: the day it was published, where a source gives the day.
        provider_segments: the segments NHS trusts and foundation trusts are placed in.
        icb_segments: the segments ICBs are placed in (empty: ICBs are not segmented).
        verification: how far this was checked.
        sources: where it was read.
        note: what the segments mean, and anything else the sources say.

    Examples:
        >>> import integratedcare as ic
        >>> framework = ic.governance.OVERSIGHT_FRAMEWORKS[1]
        >>> framework.years, framework.provider_segments, framework.icb_segments
        (('2025/26',), (1, 2, 3, 4, 5), ())
    """

    id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    years: tuple[str, ...]
    published: dt.date | None = attrs.field(default=None, converter=_optional_date)
    provider_segments: tuple[int, ...]
    icb_segments: tuple[int, ...]
    verification: Verification = attrs.field(converter=Verification)
    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    note: str | None = None


@attrs.frozen(kw_only=True)
class ReformGap:
    """Something a reform's sources do not give: recorded as missing rather than guessed.

    Attributes:
        reform: the reform it belongs to.
        topic: what is missing.
        reason: why it is not data: what the sources read do and do not say.
        leads: where it may be found (documents named by the sources but not read).

    Examples:
        >>> import integratedcare as ic
        >>> gaps = [g for g in ic.governance.REFORM_GAPS if g.reform is ic.governance.Reform.RUNNING_COSTS]
        >>> gaps[0].topic
        'running cost allowance of each ICB for 2025/26'
    """

    reform: Reform = attrs.field(converter=Reform)
    topic: str = attrs.field(validator=non_empty)
    reason: str = attrs.field(validator=non_empty)
    leads: tuple[Source, ...] = attrs.field(default=(), converter=_sources)

    def __str__(self) -> str:
        """Say what is missing and why."""
        return f"{self.reform.value}: {self.topic}: not in the sources ({self.reason})"


def financial_year(when: DateLike | str) -> str:
    """Return the financial year (April to March) of a day, or check and return a label such as ``2025/26``.

    Raises:
        InvalidValueError: the text is neither a date nor a financial year of consecutive years.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.financial_year("2026-03-31"), ic.governance.financial_year("2026-04-01")
        ('2025/26', '2026/27')
        >>> ic.governance.financial_year("2025/26")
        '2025/26'
    """
    if isinstance(when, str) and (match := _YEAR.fullmatch(when.strip())):
        first, second = int(match.group(1)), int(match.group(2))
        if (first + 1) % 100 != second:
            raise InvalidValueError(
                field="year", problem=f"must be a financial year of consecutive years such as 2025/26, got {when!r}"
            )
        return when.strip()
    day = to_date(when)
    first = day.year if day.month >= 4 else day.year - 1  # noqa: PLR2004 (April)
    return f"{first}/{(first + 1) % 100:02d}"
