"""Maturity frameworks as data, assessed against a landscape and the evidence a user records.

The classes: frameworks and criteria, recorded evidence, and assessments. The bundled frameworks
and :func:`~integratedcare.checks.assess` are in ``_framework_criteria``. Where the landscape can show a
criterion (a strategy, a membership, a link to a health and wellbeing board), an assessment reads
it; otherwise it relies on recorded :class:`Evidence`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import attrs

from integratedcare._checks._registry import cite
from integratedcare._errors import IntegratedCareError, InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import (
    Entity,
    Source,
)
from integratedcare._model._fields import with_id

__all__ = [
    "Assessment",
    "Criterion",
    "CriterionAssessment",
    "CriterionStatus",
    "Evidence",
    "Framework",
    "UnknownFrameworkError",
]

Measure: TypeAlias = "Callable[[Landscape, Entity], tuple[list[str], list[str]]]"
"""Reads a criterion from a landscape: ``(facts that show it, gaps against it)``."""


class UnknownFrameworkError(IntegratedCareError, KeyError):
    """A framework id names no framework of :data:`~integratedcare.checks.FRAMEWORKS`.

    Examples:
        >>> import integratedcare as ic
        >>> try:
        ...     ic.checks.assess(ic.LandscapeBuilder().build(), "ggi")
        ... except ic.errors.UnknownFrameworkError as err:
        ...     print(err)
        no framework "ggi"; known frameworks: icp-core-features, icp-early-decisions, icp-national-expectations
    """

    id: str
    known: tuple[str, ...]

    def __init__(self, *, id: str, known: Iterable[str] = ()) -> None:  # noqa: A002 (the domain's word)
        known = tuple(known)
        super().__init__(f'no framework "{id}"; known frameworks: {", ".join(known)}', id=id, known=known)


class CriterionStatus(enum.StrEnum):
    """How far a criterion is met, from the landscape and the recorded evidence.

    Examples:
        >>> import integratedcare as ic
        >>> [s.value for s in ic.checks.CriterionStatus]
        ['met', 'partly met', 'not met', 'no evidence']
    """

    MET = "met"
    PARTLY_MET = "partly met"
    NOT_MET = "not met"
    NO_EVIDENCE = "no evidence"


@attrs.frozen(kw_only=True)
class Criterion:
    """One criterion of a framework: what it asks (paraphrased), where it comes from, how the landscape shows it.

    Attributes:
        id: a stable id such as ``ggi-4``.
        title: its name.
        description: what it asks, paraphrased from the source.
        reference: where in the source it is (seed file and line).
        measure: reads the criterion from a landscape, or ``None`` when only recorded evidence can show it.

    Examples:
        >>> import integratedcare as ic
        >>> lean = ic.checks.FRAMEWORKS["icp-early-decisions"].criterion("ggi-4")
        >>> lean.title, lean.measurable
        ('Defining a lean ICP', True)
    """

    id: str
    title: str
    description: str
    reference: str
    measure: Measure | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def measurable(self) -> bool:
        """Whether the landscape itself can show the criterion."""
        return self.measure is not None


@attrs.frozen(kw_only=True)
class Framework:
    """A maturity framework: criteria from one source, for one kind of subject.

    Attributes:
        id: a stable id such as ``icp-early-decisions``.
        title: its name.
        source: the document it comes from.
        subjects: the kinds of entity it assesses.
        criteria: its criteria, in the source's order.

    Examples:
        >>> import integratedcare as ic
        >>> fw = ic.checks.FRAMEWORKS["icp-core-features"]
        >>> len(fw.criteria), fw.criteria[0].title
        (7, 'Governance of the partnership')
    """

    id: str
    title: str
    source: Source
    subjects: tuple[type[Entity], ...]
    criteria: tuple[Criterion, ...]

    def criterion(self, id: str) -> Criterion:  # noqa: A002 (the domain's word)
        """Return the criterion with ``id``.

        Raises:
            InvalidValueError: the framework has no such criterion.
        """
        found = with_id(self.criteria, id)
        if found is None:
            known = ", ".join(c.id for c in self.criteria)
            problem = f"must be one of {known}, got {id!r}"
            raise InvalidValueError(subject=f'framework "{self.id}"', field="criterion", problem=problem)
        return found


@attrs.frozen(kw_only=True)
class Evidence:
    """What a user records about a criterion the landscape cannot show (or to qualify what it shows).

    Examples:
        >>> import integratedcare as ic
        >>> ic.checks.Evidence(met=True, note="Principles agreed at the March 2022 workshop").met
        True
    """

    met: bool
    note: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=tuple)


@attrs.frozen(kw_only=True)
class CriterionAssessment:
    """The assessment of one criterion: its status, the evidence for it and the gaps against it.

    Examples:
        >>> import integratedcare as ic
        >>> result = ic.checks.assess(ic.LandscapeBuilder().build(), "icp-early-decisions").results[0]
        >>> print(result)
        ggi-1 Establishing principles: no evidence.
    """

    criterion: Criterion
    status: CriterionStatus
    evidence: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain data."""
        return {
            "criterion": self.criterion.id,
            "title": self.criterion.title,
            "status": self.status.value,
            "evidence": list(self.evidence),
            "gaps": list(self.gaps),
        }

    def __str__(self) -> str:
        """Say the criterion's status, then its evidence and gaps."""
        text = f"{self.criterion.id} {self.criterion.title}: {self.status.value}."
        if self.evidence:
            text += " Evidence: " + "; ".join(self.evidence) + "."
        if self.gaps:
            text += " Gaps: " + "; ".join(self.gaps) + "."
        return text


@attrs.frozen(kw_only=True, repr=False)
class Assessment:
    """A framework assessed for one subject: a result per criterion.

    Attributes:
        framework: the framework.
        subject: the entity assessed, or ``None`` when the landscape held none the framework could assess.
        results: a result per criterion, in the framework's order.
        as_of: the date the landscape was read for, or ``None`` for the whole landscape.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(ic.ICP(id="icp", name="An ICP")).build()
        >>> assessment = ic.checks.assess(land, "icp-early-decisions", {"ggi-1": True})
        >>> assessment
        <Assessment icp-early-decisions of icp: 1 met, 0 partly met, 0 not met, 5 no evidence>
        >>> assessment.subject.name
        'An ICP'
    """

    framework: Framework
    subject: Entity | None
    results: tuple[CriterionAssessment, ...]
    as_of: dt.date | None = None

    def result(self, criterion: str) -> CriterionAssessment:
        """Return the result for the criterion ``criterion``."""
        wanted = self.framework.criterion(criterion)
        return next(r for r in self.results if r.criterion == wanted)

    def counts(self) -> dict[str, int]:
        """Return how many criteria have each status."""
        tally = Counter(r.status for r in self.results)
        return {status.value: tally[status] for status in CriterionStatus}

    @property
    def gaps(self) -> tuple[str, ...]:
        """Every gap, each prefixed by its criterion's id."""
        return tuple(f"{r.criterion.id}: {gap}" for r in self.results for gap in r.gaps)

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment as plain data, ready for JSON."""
        return {
            "framework": self.framework.id,
            "source": cite(self.framework.source),
            "subject": None if self.subject is None else self.subject.id,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "counts": self.counts(),
            "results": [r.to_dict() for r in self.results],
        }

    def _subject_id(self) -> str:
        """Return the subject's id, or ``no subject``."""
        return "no subject" if self.subject is None else self.subject.id

    def _summary(self) -> str:
        """Return the counts as text."""
        return ", ".join(f"{count} {status}" for status, count in self.counts().items())

    def __repr__(self) -> str:
        """Summarise the assessment."""
        return f"<Assessment {self.framework.id} of {self._subject_id()}: {self._summary()}>"

    def __str__(self) -> str:
        """Return a heading, then one line per criterion."""
        lines = [f"{self.framework.title} for {self._subject_id()}: {self._summary()}"]
        lines.extend(f"  {r}" for r in self.results)
        return "\n".join(lines)
