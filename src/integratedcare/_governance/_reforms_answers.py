"""The queries on the 2025-26 reforms: a body's oversight segment in a year, and an ICB's derived running-cost envelope.

Both answer as the other queries do: one sentence with the reason and the sources, and the
typed parts behind it. Neither invents a figure: a segment no source gives is said to be
missing, and a per-ICB envelope is labelled as derived from the national per-head target.
"""

from __future__ import annotations

import datetime as dt

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._governance._reforms import OversightFramework, RunningCostTarget, financial_year
from integratedcare._governance._reforms_data import ENVELOPE, OVERSIGHT_FRAMEWORKS
from integratedcare._landscape import Landscape
from integratedcare._model import DateLike, Entity, IntegratedCareBoard, NHSTrust, Period, Source, Verification
from integratedcare._queries import PopulationAnswer, entity_of, population_of, required
from integratedcare._queries._answers import PlainAnswer
from integratedcare._units import Quantity

__all__ = ["RunningCostAnswer", "SegmentAnswer", "oversight_segment", "running_cost_envelope"]


def _year_period(year: str) -> Period:
    """Return the days of a financial year: 1 April to the next 1 April (exclusive)."""
    first = int(year[:4])
    return Period(start=dt.date(first, 4, 1), end=dt.date(first + 1, 4, 1))


def _scale(segments: tuple[int, ...]) -> str:
    """Return a segment scale as words, such as ``1 to 4``."""
    return f"{segments[0]} to {segments[-1]}"


def _cite(sources: tuple[Source, ...]) -> str:
    """Return sources as words for the end of a sentence."""
    return "; ".join(s.reference or s.title for s in sources)


@attrs.frozen(kw_only=True, repr=False)
class SegmentAnswer(PlainAnswer):
    """Whether and how a body is segmented under the NHS Oversight Framework in a year, and its segment if known.

    Attributes:
        body: the ICB, trust or other body asked about.
        year: the financial year, such as ``2025/26``.
        framework: the framework governing that year (``None``: none is in the sources).
        segmented: whether bodies of its kind are placed in segments that year.
        scale: the segments they are placed in (empty when not segmented).
        segment: the body's own segment, where a source gives it (none of the sources read does).
        verification: how far the answer's basis was checked.
        text: the answer as one sentence, with its reason and sources.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.NHSTrust(id="RBL", name="Wirral University Teaching Hospital")).build()
        >>> answer = ic.governance.oversight_segment(land, "RBL", year="2025/26")
        >>> answer.kind, answer.scale, answer.segment
        ('oversight segment', (1, 2, 3, 4, 5), None)
    """

    body: Entity
    year: str
    framework: OversightFramework | None
    segmented: bool
    scale: tuple[int, ...] = ()
    segment: int | None = None
    verification: Verification
    text: str

    @property
    def kind(self) -> str:
        """Always ``oversight segment``."""
        return "oversight segment"


def oversight_segment(
    landscape: Landscape, body: Entity | str, *, as_of: DateLike | None = None, year: str | None = None
) -> SegmentAnswer:
    """Return whether and how a body is segmented under the NHS Oversight Framework in a financial year.

    Give the financial year as ``year`` (such as ``2025/26``) or any day of it as ``as_of``. ICBs
    and NHS trusts are segmented as each year's framework says; no other kind of body is. No
    body's own segment is in the sources, so a segmented body's answer says so rather than giving one.

    Raises:
        UnknownEntityError: no entity of the landscape has that id.
        InvalidValueError: neither or both of ``year`` and ``as_of`` were given, or ``year`` is not a
            financial year such as ``2025/26``.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB")).build()
        >>> print(ic.governance.oversight_segment(land, "QYG", year="2025/26"))  # doctest: +ELLIPSIS
        NHS Cheshire and Merseyside ICB was not given a segment in 2025/26: ICBs were not segmented under the
        NHS Oversight Framework 2025/26 (verified; ...).
        >>> answer = ic.governance.oversight_segment(land, "QYG", as_of="2026-06-01")
        >>> answer.year, answer.segmented, answer.scale, answer.segment
        ('2026/27', True, (1, 2, 3, 4), None)
    """
    entity = entity_of(landscape, body)
    if (year is None) == (as_of is None):
        raise InvalidValueError(
            field="year", problem="oversight_segment needs a financial year (year='2025/26') or a day (as_of=...), one"
        )
    when: DateLike | str = year if year is not None else as_of  # type: ignore[assignment]  # one is given
    label = financial_year(when)
    framework = next((f for f in OVERSIGHT_FRAMEWORKS if label in f.years), None)
    if framework is None:
        text = (
            f"No NHS Oversight Framework for {label} is in the sources, so whether {entity.name} was segmented "
            "that year is not known."
        )
        return SegmentAnswer(
            body=entity,
            year=label,
            framework=None,
            segmented=False,
            verification=Verification.UNVERIFIED,
            text=text,
        )
    if not entity.period.overlaps(_year_period(label)):
        text = f"{entity.name} did not exist in {label} ({entity.period}), so it was not segmented."
        return SegmentAnswer(
            body=entity, year=label, framework=framework, segmented=False, verification=Verification.VERIFIED, text=text
        )
    basis = f"{framework.verification.value}; {_cite(framework.sources)}"
    if isinstance(entity, IntegratedCareBoard):
        scale, who = framework.icb_segments, "ICBs"
    elif isinstance(entity, NHSTrust):
        scale, who = framework.provider_segments, "NHS trusts"
    else:
        text = (
            f"{entity.name} is not segmented in {label}: the {framework.title} places only ICBs and NHS trusts "
            f"in segments ({basis})."
        )
        return SegmentAnswer(
            body=entity,
            year=label,
            framework=framework,
            segmented=False,
            verification=framework.verification,
            text=text,
        )
    if not scale:
        text = (
            f"{entity.name} was not given a segment in {label}: {who} were not segmented under the "
            f"{framework.title} ({basis})."
        )
    else:
        text = (
            f"{who} are segmented {_scale(scale)} in {label} under the {framework.title}, but the segment of "
            f"{entity.name} is not in the sources ({basis})."
        )
    return SegmentAnswer(
        body=entity,
        year=label,
        framework=framework,
        segmented=bool(scale),
        scale=scale,
        verification=framework.verification,
        text=text,
    )


@attrs.frozen(kw_only=True, repr=False)
class RunningCostAnswer(PlainAnswer):
    """The national per-head running-cost target applied to one ICB's registered patients: derived, not published.

    Attributes:
        icb: the ICB asked about.
        target: the national envelope applied (:class:`RunningCostTarget`).
        population: the ICB's registered patients, as :func:`~integratedcare.population_of` gives them.
        derived: the envelope's figure per head times the registered patients (``None`` without a population).
        text: the answer as one sentence, saying the figure is derived and where each part comes from.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB")).build()
        >>> answer = ic.governance.running_cost_envelope(land, "QYG")
        >>> answer.kind, answer.derived, str(answer.target.per_head)
        ('running cost envelope (derived)', None, '18.76 GBP / person')
    """

    icb: Entity
    target: RunningCostTarget
    population: PopulationAnswer
    derived: Quantity | None
    text: str

    @property
    def kind(self) -> str:
        """Always ``running cost envelope (derived)``."""
        return "running cost envelope (derived)"


def running_cost_envelope(
    landscape: Landscape, body: Entity | str, *, as_of: DateLike | None = None
) -> RunningCostAnswer:
    """Apply the national £18.76 per head running-cost target to an ICB's registered patients.

    The result is *derived*: the national target times the registered patients recorded in the
    landscape. It is not the ICB's published running cost allowance, which is not in the
    sources; the answer says so. ``as_of`` picks the registered patients in force that day (by
    default the latest figures).

    Raises:
        UnknownEntityError: no entity of the landscape has that id.
        EntityKindError: the entity is not an ICB.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB",
        ...            figures=[ic.Figure(measure="registered", value=1_000_000, date="2025-04-01",
        ...                               source=ic.Source(title="GP registered patients 2025-04-01"))]),
        ... ).build()
        >>> answer = ic.governance.running_cost_envelope(land, "QYG")
        >>> answer.derived
        <Quantity(18760000.0, 'GBP')>
        >>> print(answer)  # doctest: +ELLIPSIS
        The national target of 18.76 GBP per head applied to the 1,000,000 registered patients of NHS Cheshire and
        Merseyside ICB (figures dated 2025-04-01) gives 18,760,000 GBP: derived, not a published allowance ...
    """
    found = required(landscape, body, IntegratedCareBoard, query="running_cost_envelope", expected="ICB")
    population = population_of(landscape, found, as_of=as_of, measure="registered")
    per_head = ENVELOPE.per_head
    assert per_head is not None  # noqa: S101 (the envelope has a figure per head)
    basis = (
        f"{ENVELOPE.due}; excluding {' and '.join(ENVELOPE.excludes)}; {ENVELOPE.verification.value}; "
        f"{_cite(ENVELOPE.sources[:1])}"
    )
    unpublished = "the ICB's published 2025/26 running cost allowance is not in the sources"
    if population.total is None:
        text = (
            f"No registered patients of {found.name} are recorded, so the national target of {per_head.magnitude} "
            f"GBP per head ({basis}) gives no figure for it; {unpublished}."
        )
        return RunningCostAnswer(icb=found, target=ENVELOPE, population=population, derived=None, text=text)
    people = population.total.to("person").magnitude
    derived = (per_head * population.total).to("GBP")
    dated = sorted({f.date.isoformat() for f in population.figures})
    on = f" (figures dated {', '.join(dated)})"
    text = (
        f"The national target of {per_head.magnitude} GBP per head applied to the {people:,.0f} registered "
        f"patients of {found.name}{on} gives {derived.magnitude:,.0f} GBP: derived, not a published allowance "
        f"({basis}); {unpublished}."
    )
    return RunningCostAnswer(icb=found, target=ENVELOPE, population=population, derived=derived, text=text)
