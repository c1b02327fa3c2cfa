"""Answers: the typed values the queries return, each explaining itself.

Use it as ``integratedcare.answers``. Every query answers with these rather than bare ids: a
:class:`DutyAnswer` (a duty with its citation or clause), a :class:`LinkAnswer` (an entity linked
to the one asked about, with the relations that link them), a :class:`FunctionAnswer` (who holds,
exercises or is accountable for a function), a :class:`PopulationAnswer` (a figure with its measure,
date and source, or a sum that never counts anyone twice), a :class:`FindAnswer` (what
:func:`~integratedcare.find` matched) and a :class:`MoveAnswer` (an entity whose area changed, from
:func:`~integratedcare.moves`). :func:`~integratedcare.diff` and :func:`~integratedcare.changes`
return a :class:`LandscapeDiff` of :class:`EntityChange` objects. Each prints as a sentence and
shows as a table in a notebook. A query that returns several answers returns them as
:class:`Answers`: a tuple with a short repr, one HTML table in a notebook, :meth:`~Answers.to_records`,
:meth:`~Answers.to_frame` (pandas) and :meth:`~Answers.filter`.

Any query that takes ``as_of`` also answers over a period: :func:`timeline` returns a
:class:`Timeline` of :class:`Held` answers, each with the periods in which it holds, and
:func:`explain` an :class:`Explanation` of the :class:`Change` objects between two dates (see
:func:`change_points` for the landscape's change-point index).

Examples:
    >>> import integratedcare as ic
    >>> land = ic.LandscapeBuilder().add(
    ...     ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
    ...     ic.NHSEngland(id="nhs-england", name="NHS England"),
    ...     ic.AccountableTo(source="QYG", target="nhs-england", mechanism="annual assessment"),
    ... ).build()
    >>> answer = ic.holds_to_account(land, "QYG")[0]
    >>> isinstance(answer, ic.answers.LinkAnswer), answer.entity.id
    (True, 'nhs-england')
"""

from __future__ import annotations

from integratedcare._diff import EntityChange, LandscapeDiff
from integratedcare._queries import (
    Change,
    DutyAnswer,
    Explanation,
    FindAnswer,
    FunctionAnswer,
    Held,
    LinkAnswer,
    MoveAnswer,
    PopulationAnswer,
    Timeline,
    change_points,
    explain,
    timeline,
)
from integratedcare._queries._collection import Answers

__all__ = [
    "Answers",
    "Change",
    "DutyAnswer",
    "EntityChange",
    "Explanation",
    "FindAnswer",
    "FunctionAnswer",
    "Held",
    "LandscapeDiff",
    "LinkAnswer",
    "MoveAnswer",
    "PopulationAnswer",
    "Timeline",
    "change_points",
    "explain",
    "timeline",
]
