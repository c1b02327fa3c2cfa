"""The Cheshire and Merseyside rules: the 2020 draft memorandum of understanding as values.

Facts come from the Cheshire East Health and Wellbeing Board papers (January 2021, holding the
draft memorandum of November 2020); each rule cites the part it comes from as a
:class:`~integratedcare.Source`. The memorandum's own wording is not copied; table labels are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from integratedcare._governance._accountability import (
    ImprovementStage,
    MutualAccountabilityFramework,
    RecommendingForum,
)
from integratedcare._governance._applicability import ApplicabilityTable, PartnerKind
from integratedcare._governance._decisions import (
    Consensus,
    DecisionLevel,
    Forum,
    ForumMember,
    Majority,
    Matter,
    Supermajority,
)
from integratedcare._governance._disputes import DisputeProcess, DisputeStage
from integratedcare._model import Source
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of

__all__ = ["CHESHIRE_AND_MERSEYSIDE_MOU", "AgreementRules", "BoardConstituency", "cheshire_and_merseyside_rules"]

_AGREEMENT: Final = "cm-mou-2020"
_TITLE: Final = "Cheshire and Merseyside Health and Care Partnership draft memorandum of understanding (November 2020)"


def _source(section: str, lines: str) -> Source:
    """Cite a part of the memorandum, with its lines in the Cheshire East Health and Wellbeing Board papers."""
    return Source(
        title=_TITLE,
        reference=section,
        verification="verified",
        note=f"lines {lines} of the Cheshire East Health and Wellbeing Board papers (2020-21)",
    )


@attrs.frozen(kw_only=True)
class BoardConstituency:
    """A constituency of a partnership board and its number of seats (``None`` when not fixed).

    ``partner_kind`` is the kind of partner the seats speak for, where one can be read off; it is
    an interpretation, said so in ``note``.

    Examples:
        >>> import integratedcare as ic
        >>> [c.seats for c in ic.governance.cheshire_and_merseyside_rules().board_constituencies]
        [4, 2, 1, 1, 1, 2, None]
    """

    name: str
    seats: int | None
    partner_kind: PartnerKind | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class AgreementRules:
    """An agreement's governance rules together: applicability, board decisions, disputes, accountability.

    Attributes:
        agreement: the id of the agreement (the :class:`~integratedcare.Agreement` in a landscape).
        name: the agreement's name.
        applicability: which elements apply to which partner kinds.
        board: the board as a forum with its matters and rules, but no members (see :meth:`board_forum`).
        levels: the levels of decision the agreement names, individual first.
        dispute_process: the dispute process.
        mutual_accountability: the mutual accountability framework.
        board_constituencies: the board's constituencies and seats.
        sources: where the rules come from.

    Examples:
        >>> import integratedcare as ic
        >>> cm = ic.governance.cheshire_and_merseyside_rules()
        >>> cm.agreement, len(cm.dispute_process.stages), cm.board.matters["ordinary"].refer_to_dispute
        ('cm-mou-2020', 4, True)
    """

    agreement: str
    name: str
    applicability: ApplicabilityTable
    board: Forum
    levels: tuple[DecisionLevel, ...]
    dispute_process: DisputeProcess
    mutual_accountability: MutualAccountabilityFramework
    board_constituencies: tuple[BoardConstituency, ...] = ()
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))

    def board_forum(self) -> Forum:
        """Return the board with one member per fixed seat of its constituencies, of the seat's partner kind.

        Seats whose number or partner kind is not fixed are left out. Member ids are
        ``<board>-<constituency slug>-<n>``.

        Examples:
            >>> import integratedcare as ic
            >>> board = ic.governance.cheshire_and_merseyside_rules().board_forum()
            >>> len(board.members)
            11
            >>> [m.id for m in board.eligible("capital-and-transformation")]  # doctest: +NORMALIZE_WHITESPACE
            ['cm-partnership-board-nhs-commissioning-representatives-1',
             'cm-partnership-board-nhs-commissioning-representatives-2']
        """
        members = [
            ForumMember(id=f"{self.board.id}-{_slug(c.name)}-{n}", partner_kind=c.partner_kind)
            for c in self.board_constituencies
            if c.seats is not None and c.partner_kind is not None
            for n in range(1, c.seats + 1)
        ]
        return self.board.with_members(members)


def _slug(text: str) -> str:
    """Make a readable id part from a name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_ALL = frozenset(PartnerKind)
_STATUTORY_NHS_AND_COUNCILS = frozenset(
    {PartnerKind.CCG, PartnerKind.NHS_PROVIDER, PartnerKind.COUNCIL, PartnerKind.NHS_ENGLAND}
)
_NHS = frozenset({PartnerKind.CCG, PartnerKind.NHS_PROVIDER, PartnerKind.NHS_ENGLAND})

_ANNEX_1_ROWS: Final[Mapping[str, frozenset[PartnerKind]]] = MappingProxyType(
    {
        "Vision, principles, values and behaviours": _ALL,
        "Partnership aims": _ALL,
        "Governance": _ALL,
        "Decision-making and dispute resolution": _ALL,
        "Mutual accountability": _STATUTORY_NHS_AND_COUNCILS,
        # The "Financials" row has two bullets, ticked alike; each is a row here.
        "Financial risk management": _NHS,
        "Allocation of capital and transformation": _NHS,
        "National and regional support": _STATUTORY_NHS_AND_COUNCILS,
    }
)

_APPLICABILITY = ApplicabilityTable(
    agreement=_AGREEMENT, section="Annex 1", rows=_ANNEX_1_ROWS, sources=[_source("Annex 1", "1496-1505")]
)

_DECISIONS = _source("Decision-Making and Resolving Disagreements: Collective Decisions", "1282-1294, 1594-1604")

_BOARD = Forum(
    id="cm-partnership-board",
    name="Cheshire and Merseyside Partnership Board",
    applicability=_APPLICABILITY,
    matters=[
        Matter(
            id="ordinary",
            title="A whole partnership decision other than on capital or transformation funding",
            element="Decision-making and dispute resolution",
            rules=[Consensus()],
            refer_to_dispute=True,
            sources=[_DECISIONS],
        ),
        Matter(
            id="capital-and-transformation",
            title="Priorities for capital investment or the apportionment of transformation funding",
            element="Allocation of capital and transformation",
            rules=[Consensus(), Supermajority(threshold="0.75", over="eligible")],
            refer_to_dispute=False,
            sources=[_DECISIONS],
        ),
    ],
)

_DISPUTES = DisputeProcess(
    id="cm-dispute-resolution",
    name="Cheshire and Merseyside dispute resolution process",
    stages=[
        DisputeStage(
            name="Partnership Executive",
            forum="cm-partnership-executive",
            time_limit=30,
            sources=[_source("Annex 4, Dispute resolution, stage I", "1618")],
        ),
        DisputeStage(
            name="Chief Officer and Co-ordination Group",
            forum="cm-partnership-coordination-group",
            rule=Majority(over="present", excluding_affected=True),
            sources=[_source("Annex 4, Dispute resolution, stage II", "1619")],
        ),
        DisputeStage(
            name="Independent facilitator",
            forum="independent facilitator (selected by the Partnership Chief Officer)",
            sources=[_source("Annex 4, Dispute resolution, stage III", "1620-1622")],
        ),
        DisputeStage(
            name="Partnership Board",
            forum="cm-partnership-board",
            rule=Majority(over="present"),
            sources=[_source("Annex 4, Dispute resolution, stage IV", "1624")],
        ),
    ],
    sources=[_source("Annex 4, Dispute resolution", "1606-1624")],
)

_FRAMEWORK = MutualAccountabilityFramework(
    agreement=_AGREEMENT,
    section="Annex 4",
    element="Mutual accountability",
    applicability=_APPLICABILITY,
    partnership="cm-health-and-care-partnership",
    cycle=tuple(ImprovementStage),
    forums=[
        RecommendingForum(
            forum="cm-partnership-coordination-group",
            recommends_on=[
                "improvement or recovery plans",
                "more detailed peer review of specific plans",
                "commissioning expert external review",
                "co-ordination of formal intervention and improvement support",
                "restrictions on access to discretionary funding and financial incentives",
            ],
            sources=[_source("Annex 4, Progressing any action", "1548-1556")],
        ),
        RecommendingForum(
            forum="cm-finance-group",
            recommends_on=["interventions"],
            recommends_to="cm-partnership-coordination-group",
            trigger="a place's financial performance is not consistent with its plan",
            sources=[_source("Annex 4, Progressing any action", "1558")],
        ),
    ],
    sources=[_source("Annex 4, Our model of mutual accountability", "1525-1546"), _source("Annex 1", "1503")],
)

_ANNEX_6 = "by interpretation: the Annex 6 constituency names a sector, not a partner kind"
_CONSTITUENCIES = (
    BoardConstituency(name="Local Authority representatives", seats=4, partner_kind=PartnerKind.COUNCIL),
    BoardConstituency(name="NHS Commissioning representatives", seats=2, partner_kind=PartnerKind.CCG),
    BoardConstituency(name="Primary Care", seats=1, partner_kind=PartnerKind.OTHER, note=_ANNEX_6),
    BoardConstituency(name="Public Health Directors", seats=1, partner_kind=PartnerKind.COUNCIL, note=_ANNEX_6),
    BoardConstituency(name="Voluntary sector", seats=1, partner_kind=PartnerKind.OTHER),
    BoardConstituency(name="Lay representatives", seats=2, partner_kind=PartnerKind.OTHER, note=_ANNEX_6),
    BoardConstituency(
        name="Members of the Partnership Executive team",
        seats=None,
        note="number to be defined; not expected to form a majority",
    ),
)

CHESHIRE_AND_MERSEYSIDE_MOU: Final = AgreementRules(
    agreement=_AGREEMENT,
    name=_TITLE,
    applicability=_APPLICABILITY,
    board=_BOARD,
    levels=tuple(DecisionLevel),
    dispute_process=_DISPUTES,
    mutual_accountability=_FRAMEWORK,
    board_constituencies=_CONSTITUENCIES,
    sources=[_DECISIONS, _source("Annex 6", "1654-1670")],
)
"""The Cheshire and Merseyside memorandum's rules: Annex 1, decisions, disputes, Annex 4, Annex 6."""


def cheshire_and_merseyside_rules() -> AgreementRules:
    """Return the Cheshire and Merseyside memorandum's rules (the constant ``CHESHIRE_AND_MERSEYSIDE_MOU``).

    Examples:
        >>> import integratedcare as ic
        >>> cm = ic.governance.cheshire_and_merseyside_rules()
        >>> [k.value for k in cm.applicability.kinds_for("Mutual accountability")]
        ['CCGs', 'NHS providers', 'councils', 'NHS England and NHS Improvement']
        >>> str(cm.dispute_process.stages[0])
        'Partnership Executive (cm-partnership-executive, within 30 days)'
    """
    return CHESHIRE_AND_MERSEYSIDE_MOU
