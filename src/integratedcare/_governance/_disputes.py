"""Dispute processes: ordered stages with forums, rules and time limits, and disputes that walk them.

A :class:`Dispute` is an immutable state machine: :meth:`Dispute.start` opens it at stage one,
:meth:`Dispute.escalate` moves it to the next stage and :meth:`Dispute.resolve` closes it, each on
a date and each returning a new dispute. Moves the process does not allow raise
:class:`~integratedcare.errors.DisputeStateError`.
"""

from __future__ import annotations

import datetime as dt
import enum
import math

import attrs

from integratedcare._errors import InvalidValueError, UnitError
from integratedcare._governance._decisions import DecisionRule, Outcome
from integratedcare._governance._errors import DisputeStateError
from integratedcare._model import DateLike, Source, to_date
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of
from integratedcare._model._fields import valid_id as _valid_id
from integratedcare._model._provenance import non_empty
from integratedcare._units import Quantity, ureg

__all__ = ["Dispute", "DisputeEvent", "DisputeProcess", "DisputeStage", "DisputeState"]


def _to_time_limit(value: object) -> object:
    """Accept a time quantity, or a whole number of days (other values fail validation)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return ureg.Quantity(value, "day")
    return value


def _valid_time_limit(instance: object, _attribute: object, value: object) -> None:
    """A time limit is a positive time quantity, or absent."""
    if value is None:
        return
    if not isinstance(value, ureg.Quantity) or value.dimensionality != ureg.Unit("day").dimensionality:
        raise UnitError(
            subject=f"dispute stage {getattr(instance, 'name', '?')!r}",
            field="time_limit",
            problem=f"must be a time such as integratedcare.quantity(30, 'day'), got {value!r}",
        )
    if not value.magnitude > 0:
        raise InvalidValueError(
            subject=f"dispute stage {getattr(instance, 'name', '?')!r}",
            field="time_limit",
            problem=f"must be positive, got {value}",
        )


@attrs.frozen(kw_only=True)
class DisputeStage:
    """One stage of a dispute process: who handles it, by what rule, and how long it has.

    Attributes:
        name: the stage's name, such as ``Partnership Executive``.
        forum: the id of the forum (or a description, such as ``independent facilitator``).
        rule: the rule the forum decides by, if the process names one.
        time_limit: how long the stage has, as a time quantity (a whole number means days).
        sources: where the stage comes from.

    Examples:
        >>> import integratedcare as ic
        >>> stage = ic.governance.DisputeStage(
        ...     name="Partnership Executive", forum="cm-partnership-executive", time_limit=30
        ... )
        >>> stage.time_limit
        <Quantity(30, 'day')>
    """

    name: str = attrs.field(validator=non_empty)
    forum: str = attrs.field(validator=non_empty)
    rule: DecisionRule | None = None
    time_limit: Quantity | None = attrs.field(  # type: ignore[assignment]
        default=None, converter=_to_time_limit, validator=_valid_time_limit
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    def due(self, since: dt.date) -> dt.date | None:
        """Return the day the stage is due when it began on ``since``, or ``None`` without a time limit."""
        if self.time_limit is None:
            return None
        return since + dt.timedelta(days=math.ceil(self.time_limit.to("day").magnitude))

    def __str__(self) -> str:
        """Describe the stage."""
        rule = "" if self.rule is None else f", by {self.rule}"
        limit = "" if self.time_limit is None else f", within {self.time_limit.to('day').magnitude:g} days"
        return f"{self.name} ({self.forum}{rule}{limit})"


def _non_empty_stages(instance: DisputeProcess, _attribute: object, value: tuple[DisputeStage, ...]) -> None:
    """A process has at least one stage."""
    if not value:
        raise InvalidValueError(subject=f'dispute process "{instance.id}"', field="stages", problem="must not be empty")


@attrs.frozen(kw_only=True)
class DisputeProcess:
    """A dispute process: stages in the order a dispute escalates through them.

    Examples:
        >>> import integratedcare as ic
        >>> process = ic.governance.cheshire_and_merseyside_rules().dispute_process
        >>> for stage in process.stages:
        ...     print(stage.name)
        Partnership Executive
        Chief Officer and Co-ordination Group
        Independent facilitator
        Partnership Board
    """

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=non_empty)
    stages: tuple[DisputeStage, ...] = attrs.field(
        converter=_to_tuple, validator=[_tuple_of(DisputeStage), _non_empty_stages]
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    def stage(self, number: int) -> DisputeStage:
        """Return stage ``number`` (counting from 1).

        Raises:
            InvalidValueError: there is no such stage.
        """
        if not 1 <= number <= len(self.stages):
            raise InvalidValueError(
                subject=f'dispute process "{self.id}"',
                field="stage",
                problem=f"must be from 1 to {len(self.stages)}, got {number}",
            )
        return self.stages[number - 1]


class DisputeState(enum.StrEnum):
    """Where a dispute stands.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.DisputeState("resolved")
        <DisputeState.RESOLVED: 'resolved'>
    """

    OPEN = "open"
    RESOLVED = "resolved"


@attrs.frozen(kw_only=True)
class DisputeEvent:
    """A step in a dispute's history: referred, escalated or resolved, on a date, at a stage.

    Examples:
        >>> import datetime as dt
        >>> import integratedcare as ic
        >>> print(ic.governance.DisputeEvent(date=dt.date(2021, 1, 4), action="referred", stage=1))
        2021-01-04: referred (stage 1)
    """

    date: dt.date
    action: str
    stage: int
    note: str | None = None

    def __str__(self) -> str:
        """Say what happened when."""
        note = "" if self.note is None else f": {self.note}"
        return f"{self.date.isoformat()}: {self.action} (stage {self.stage}){note}"


@attrs.frozen(kw_only=True)
class Dispute:
    """A dispute moving through a :class:`DisputeProcess`; each move returns a new dispute.

    Examples:
        >>> import integratedcare as ic
        >>> process = ic.governance.cheshire_and_merseyside_rules().dispute_process
        >>> d = ic.governance.Dispute.start(process, id="d1", on="2021-01-04", parties=["E06000049", "QYG"])
        >>> d.stage, d.current_stage.name, d.due
        (1, 'Partnership Executive', datetime.date(2021, 2, 3))
        >>> d = d.escalate(on="2021-02-04")
        >>> d.stage, d.current_stage.name, d.due
        (2, 'Chief Officer and Co-ordination Group', None)
        >>> d.resolve(on="2021-03-01", resolution="plan agreed").state
        <DisputeState.RESOLVED: 'resolved'>
    """

    id: str = attrs.field(validator=_valid_id)
    process: DisputeProcess
    subject: str | None = None
    parties: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(str))
    stage: int = 1
    state: DisputeState = DisputeState.OPEN
    history: tuple[DisputeEvent, ...] = ()
    resolution: str | None = None

    @classmethod
    def start(
        cls,
        process: DisputeProcess,
        *,
        id: str,  # noqa: A002 (the domain's word)
        on: DateLike,
        subject: str | None = None,
        parties: tuple[str, ...] | list[str] = (),
    ) -> Dispute:
        """Refer a dispute to stage one of ``process`` on the date ``on``."""
        day = to_date(on, field="on")
        event = DisputeEvent(date=day, action="referred", stage=1, note=subject)
        return cls(id=id, process=process, subject=subject, parties=tuple(parties), history=(event,))

    @classmethod
    def from_outcome(cls, outcome: Outcome, process: DisputeProcess, *, on: DateLike) -> Dispute:
        """Refer a decision that was not carried to ``process``, naming the proposal's affected members.

        Raises:
            DisputeStateError: the outcome may not be referred (it was carried, or its matter is not referable).
        """
        dispute_id = f"{outcome.proposal.id}-dispute"
        if not outcome.referred:
            raise DisputeStateError(
                dispute=dispute_id, action="refer", state="the outcome", problem="it may not be referred to a dispute"
            )
        return cls.start(
            process, id=dispute_id, on=on, subject=outcome.proposal.title, parties=outcome.proposal.affected
        )

    @property
    def current_stage(self) -> DisputeStage:
        """The stage the dispute is at (the last one reached, once resolved)."""
        return self.process.stage(self.stage)

    @property
    def since(self) -> dt.date:
        """The day the dispute reached its current stage."""
        return next(e.date for e in reversed(self.history) if e.action in ("referred", "escalated"))

    @property
    def due(self) -> dt.date | None:
        """The day the current stage is due, or ``None`` if it has no time limit or the dispute is resolved."""
        return None if self.state is DisputeState.RESOLVED else self.current_stage.due(self.since)

    def overdue(self, on: DateLike) -> bool:
        """Return whether the current stage has passed its due date on ``on``."""
        due = self.due
        return due is not None and to_date(on, field="on") > due

    def _state_text(self) -> str:
        """Describe where the dispute stands, for errors."""
        if self.state is DisputeState.RESOLVED:
            return "resolved"
        return f"stage {self.stage} of {len(self.process.stages)}"

    def _checked(self, action: str, on: DateLike) -> dt.date:
        """Check that the dispute is open and ``on`` is not before its last step; return the day."""
        if self.state is DisputeState.RESOLVED:
            raise DisputeStateError(
                dispute=self.id, action=action, state=self._state_text(), problem="the dispute is already resolved"
            )
        day = to_date(on, field="on")
        last = self.history[-1].date
        if day < last:
            raise DisputeStateError(
                dispute=self.id,
                action=action,
                state=self._state_text(),
                problem=f"{day.isoformat()} is before its last step on {last.isoformat()}",
            )
        return day

    def escalate(self, *, on: DateLike, note: str | None = None) -> Dispute:
        """Move the dispute to the next stage on ``on``.

        Raises:
            DisputeStateError: the dispute is resolved, is at the last stage, or ``on`` is before its last step.
        """
        day = self._checked("escalate", on)
        if self.stage >= len(self.process.stages):
            raise DisputeStateError(
                dispute=self.id, action="escalate", state=self._state_text(), problem="there is no further stage"
            )
        event = DisputeEvent(date=day, action="escalated", stage=self.stage + 1, note=note)
        return attrs.evolve(self, stage=self.stage + 1, history=(*self.history, event))

    def resolve(self, *, on: DateLike, resolution: str | None = None) -> Dispute:
        """Resolve the dispute at its current stage on ``on``.

        Raises:
            DisputeStateError: the dispute is already resolved, or ``on`` is before its last step.
        """
        day = self._checked("resolve", on)
        event = DisputeEvent(date=day, action="resolved", stage=self.stage, note=resolution)
        return attrs.evolve(self, state=DisputeState.RESOLVED, history=(*self.history, event), resolution=resolution)

    def __str__(self) -> str:
        """Say where the dispute stands."""
        if self.state is DisputeState.RESOLVED:
            return f"dispute {self.id}: resolved at stage {self.stage} on {self.history[-1].date.isoformat()}"
        due = "" if self.due is None else f", due {self.due.isoformat()}"
        return (
            f"dispute {self.id}: open at stage {self._state_text().removeprefix('stage ')}, {self.current_stage}, "
            f"since {self.since.isoformat()}{due}"
        )
