"""Mutual accountability frameworks: parties holding each other to account under an agreement.

A framework names its agreement, the element of the agreement's applicability table that decides
which parties it binds, its improvement cycle and the forums that recommend action. It yields
:class:`~integratedcare.HoldsToAccount` relations among the parties it binds, which can be added
to a landscape (:meth:`MutualAccountabilityFramework.apply`).
"""

from __future__ import annotations

import enum
import itertools

import attrs

from integratedcare._governance._applicability import ApplicabilityTable, PartnerKind
from integratedcare._landscape import Landscape
from integratedcare._model import Body, Clause, HoldsToAccount, MemberOf, Period, Source
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of
from integratedcare._model._provenance import non_empty

__all__ = ["ImprovementStage", "MutualAccountabilityFramework", "RecommendingForum"]


class ImprovementStage(enum.StrEnum):
    """The steps of a continuous improvement cycle, from lightest to heaviest.

    Examples:
        >>> import integratedcare as ic
        >>> [s.value for s in ic.governance.ImprovementStage]
        ['monitoring', 'dialogue', 'peer review', 'formal action', 'regulatory powers']
        >>> ic.governance.ImprovementStage.PEER_REVIEW.next()
        <ImprovementStage.FORMAL_ACTION: 'formal action'>
    """

    MONITORING = "monitoring"
    """Monitoring performance against standards and plans."""
    DIALOGUE = "dialogue"
    """Ongoing dialogue on delivery and progress."""
    PEER_REVIEW = "peer review"
    """Finding the need for support through peer review."""
    FORMAL_ACTION = "formal action"
    """Agreeing formal action or intervention on behalf of the partnership."""
    REGULATORY_POWERS = "regulatory powers"
    """Using regulatory powers or functions."""

    def next(self) -> ImprovementStage | None:
        """Return the next, heavier step, or ``None`` after the last."""
        stages = list(ImprovementStage)
        position = stages.index(self)
        return stages[position + 1] if position + 1 < len(stages) else None


@attrs.frozen(kw_only=True)
class RecommendingForum:
    """A forum that recommends action under a framework, on what, and when.

    Attributes:
        forum: the forum's id.
        recommends_on: what it recommends on.
        recommends_to: the id of the forum it recommends to, if not the partners themselves.
        trigger: when it acts, if only in some cases.

    Examples:
        >>> import integratedcare as ic
        >>> finance = ic.governance.cheshire_and_merseyside_rules().mutual_accountability.forums[1]
        >>> finance.forum, finance.recommends_to
        ('cm-finance-group', 'cm-partnership-coordination-group')
    """

    forum: str = attrs.field(validator=non_empty)
    recommends_on: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(str))
    recommends_to: str | None = None
    trigger: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    def __str__(self) -> str:
        """Say who recommends what, to whom and when."""
        to = "" if self.recommends_to is None else f" to {self.recommends_to}"
        when = "" if self.trigger is None else f" when {self.trigger}"
        return f"{self.forum} recommends{to} on {'; '.join(self.recommends_on)}{when}"


@attrs.frozen(kw_only=True)
class MutualAccountabilityFramework:
    """Parties to an agreement holding each other to account, as far as its applicability table says.

    Attributes:
        agreement: the id of the agreement (an :class:`~integratedcare.Agreement` of the landscape).
        section: where the framework is set out, such as ``Annex 4``.
        element: the applicability table's element for mutual accountability.
        applicability: the agreement's applicability table.
        parties: ids of the parties; when empty, the bodies that are members of ``partnership``.
        partnership: the id of the partnership whose members are the parties.
        cycle: the improvement cycle, lightest step first.
        forums: the forums that recommend action.
        sources: where the framework comes from.

    Examples:
        >>> import integratedcare as ic
        >>> land = ic.LandscapeBuilder().add(
        ...     ic.Agreement(id="cm-mou-2020", name="C&M MoU", agreement_type="memorandum-of-understanding"),
        ...     ic.CCG(id="01J", name="NHS Knowsley CCG"),
        ...     ic.LocalAuthority(id="E08000011", name="Knowsley MBC", tier="metropolitan-district"),
        ...     ic.Healthwatch(id="healthwatch-knowsley", name="Healthwatch Knowsley"),
        ... ).build()
        >>> framework = ic.governance.cheshire_and_merseyside_rules().mutual_accountability.with_parties(
        ...     ["01J", "E08000011", "healthwatch-knowsley"])
        >>> [(r.source, r.target) for r in framework.relations(land)]
        [('01J', 'E08000011'), ('E08000011', '01J')]
        >>> print(framework.relations(land)[0].basis)
        cm-mou-2020 Annex 4
    """

    agreement: str = attrs.field(validator=non_empty)
    section: str = "Annex 4"
    element: str = "Mutual accountability"
    applicability: ApplicabilityTable
    parties: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(str))
    partnership: str | None = None
    cycle: tuple[ImprovementStage, ...] = tuple(ImprovementStage)
    forums: tuple[RecommendingForum, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(RecommendingForum)
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    @property
    def applies_to_kinds(self) -> tuple[PartnerKind, ...]:
        """The partner kinds the framework binds (from the applicability table)."""
        return self.applicability.kinds_for(self.element)

    def with_parties(self, parties: tuple[str, ...] | list[str]) -> MutualAccountabilityFramework:
        """Return a copy of the framework with explicit ``parties``."""
        return attrs.evolve(self, parties=tuple(parties))

    def parties_in(self, landscape: Landscape) -> tuple[Body, ...]:
        """Return the parties as bodies of ``landscape``, bound or not, sorted by id.

        Raises:
            UnknownEntityError: a party's id names no entity of the landscape.
        """
        ids = set(self.parties)
        if not ids and self.partnership is not None:
            ids = {r.source for r in landscape.relations(MemberOf, target=self.partnership)}
        found = (landscape.get(i) for i in sorted(ids))
        return tuple(e for e in found if isinstance(e, Body))

    def bound_parties(self, landscape: Landscape) -> tuple[Body, ...]:
        """Return the parties the framework binds: those of a partner kind its element applies to."""
        kinds = set(self.applies_to_kinds)
        return tuple(p for p in self.parties_in(landscape) if PartnerKind.of(p) in kinds)

    def relations(self, landscape: Landscape) -> tuple[HoldsToAccount, ...]:
        """Return a :class:`~integratedcare.HoldsToAccount` relation each way between every two bound parties.

        Each holds while both parties exist (and the agreement is in force, if the landscape holds it),
        on the basis of the framework's clause of the agreement.
        """
        basis = Clause(agreement=self.agreement, section=self.section)
        window = landscape[self.agreement].period if self.agreement in landscape else Period()
        found: list[HoldsToAccount] = []
        for holder, held in itertools.permutations(self.bound_parties(landscape), 2):
            both = holder.period.intersection(held.period)
            period = None if both is None else both.intersection(window)
            if period is not None:
                found.append(
                    HoldsToAccount(source=holder.id, target=held.id, period=period, basis=basis, sources=self.sources)
                )
        return tuple(sorted(found, key=lambda r: (r.source, r.target)))

    def apply(self, landscape: Landscape) -> Landscape:
        """Return ``landscape`` with the framework's relations added (those it already holds are kept once).

        Raises:
            LandscapeError: the relations do not fit the landscape (for example, the agreement is missing).
        """
        existing = set(landscape.relations(HoldsToAccount))
        new = [r for r in self.relations(landscape) if r not in existing]
        return landscape.builder().add(*new).build()

    def __str__(self) -> str:
        """Summarise the framework."""
        kinds = ", ".join(k.value for k in self.applies_to_kinds)
        cycle = " -> ".join(s.value for s in self.cycle)
        return f"mutual accountability under {self.agreement} {self.section}, binding {kinds}; cycle: {cycle}"
