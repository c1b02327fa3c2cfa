"""Decisions: rules as values, forums with members and matters, and ``decide``, which explains itself.

A :class:`Forum` has members (each of a :class:`~integratedcare.governance.PartnerKind`) and, for each kind of
matter, the rules it decides by, tried in order (for example consensus, then a 75% supermajority).
Who is *eligible* on a matter follows the agreement's :class:`~integratedcare.governance.ApplicabilityTable`.
"""

from __future__ import annotations

import abc
import enum
from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any, ClassVar, Literal

import attrs

from integratedcare._errors import InvalidValueError
from integratedcare._governance._applicability import ApplicabilityTable, PartnerKind
from integratedcare._governance._errors import DuplicateMemberError, VoteError
from integratedcare._model import Source
from integratedcare._model._fields import to_tuple as _to_tuple
from integratedcare._model._fields import tuple_of as _tuple_of
from integratedcare._model._fields import valid_id as _valid_id
from integratedcare._model._fields import with_id
from integratedcare._model._provenance import non_empty

__all__ = [
    "Consensus",
    "DecisionLevel",
    "DecisionRule",
    "Forum",
    "ForumMember",
    "Majority",
    "Matter",
    "Outcome",
    "Proposal",
    "Quorum",
    "RuleResult",
    "Supermajority",
    "Tally",
    "Vote",
    "decide",
]

Over = Literal["eligible", "present"]


class Vote(enum.StrEnum):
    """A member's vote. A member who does not vote is absent.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.Vote("against")
        <Vote.AGAINST: 'against'>
    """

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@attrs.frozen(kw_only=True)
class Tally:
    """What was counted on a matter: eligible members, who was present, and how they voted.

    Every field is a tuple of member ids, sorted. ``not_counted`` holds votes from members who
    are not eligible on the matter; ``affected`` the members the proposal affects.

    Examples:
        >>> import integratedcare as ic
        >>> t = ic.governance.Tally(eligible=("a", "b", "c"), present=("a", "b"), in_favour=("a",), against=("b",))
        >>> print(t)
        3 eligible, 2 present: 1 for, 1 against, 0 abstaining
    """

    eligible: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    in_favour: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    abstaining: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()
    affected: tuple[str, ...] = ()

    def __str__(self) -> str:
        """Summarise the counts."""
        text = (
            f"{len(self.eligible)} eligible, {len(self.present)} present: {len(self.in_favour)} for, "
            f"{len(self.against)} against, {len(self.abstaining)} abstaining"
        )
        if self.not_counted:
            text += f"; not counted (not eligible): {', '.join(self.not_counted)}"
        return text


@attrs.frozen(kw_only=True)
class DecisionRule(metaclass=abc.ABCMeta):
    """A rule by which a forum carries a proposal: an abstract base; each subclass says how it counts.

    Examples:
        >>> import integratedcare as ic
        >>> rule = ic.governance.Majority()
        >>> rule.test(ic.governance.Tally(eligible=("a", "b", "c"), present=("a", "b", "c"), in_favour=("a", "b")))
        (True, '2 of 3 eligible members present voted for, more than half')
    """

    name: ClassVar[str] = "rule"

    @abc.abstractmethod
    def test(self, tally: Tally) -> tuple[bool, str]:
        """Return whether ``tally`` carries the proposal under this rule, and why."""

    def __str__(self) -> str:
        """Name the rule."""
        return self.name


def _present_eligible(tally: Tally, *, excluding_affected: bool = False) -> tuple[str, ...]:
    """Return the eligible members present, without the affected ones if asked."""
    left = set(tally.present) & set(tally.eligible)
    if excluding_affected:
        left -= set(tally.affected)
    return tuple(sorted(left))


def _base(tally: Tally, over: Over, *, excluding_affected: bool) -> tuple[str, ...]:
    """Return the members a rule counts over: the eligible ones, or only those present."""
    if over == "present":
        return _present_eligible(tally, excluding_affected=excluding_affected)
    left = set(tally.eligible) - (set(tally.affected) if excluding_affected else set())
    return tuple(sorted(left))


def _describe(over: Over, *, excluding_affected: bool) -> str:
    """Describe whom a rule counts over."""
    who = "eligible members present" if over == "present" else "eligible members"
    return f"{who} not affected" if excluding_affected else who


def _valid_over(instance: object, _attribute: object, value: str) -> None:
    """``over`` is ``eligible`` or ``present``."""
    if value not in ("eligible", "present"):
        raise InvalidValueError(
            subject=type(instance).__name__, field="over", problem=f"must be 'eligible' or 'present', got {value!r}"
        )


@attrs.frozen(kw_only=True)
class Consensus(DecisionRule):
    """Carried when no eligible member present objects and at least one supports (abstentions do not block).

    Examples:
        >>> import integratedcare as ic
        >>> tally = ic.governance.Tally(eligible=("a", "b"), present=("a", "b"), in_favour=("a",), abstaining=("b",))
        >>> ic.governance.Consensus().test(tally)
        (True, 'no eligible member present objected and 1 supported')
    """

    name: ClassVar[str] = "consensus of the eligible members present"

    def test(self, tally: Tally) -> tuple[bool, str]:
        """Return whether the eligible members present reached consensus, and why."""
        present = set(_present_eligible(tally))
        against = sorted(present & set(tally.against))
        support = len(present & set(tally.in_favour))
        if against:
            return False, f"no consensus: {len(against)} eligible member(s) present objected ({', '.join(against)})"
        if support == 0:
            return False, "no consensus: no eligible member present supported"
        return True, f"no eligible member present objected and {support} supported"


@attrs.frozen(kw_only=True)
class Majority(DecisionRule):
    """Carried when more than half of the members counted vote for.

    Attributes:
        over: count over the ``present`` eligible members (the default) or all ``eligible`` ones.
        excluding_affected: leave out members the proposal affects (as in a dispute).

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.governance.Majority(over="present", excluding_affected=True))
        'majority of eligible members present not affected'
    """

    over: Over = attrs.field(default="present", validator=_valid_over)
    excluding_affected: bool = False

    @property
    def name(self) -> str:  # type: ignore[override]
        """Name the rule with what it counts over."""
        return f"majority of {_describe(self.over, excluding_affected=self.excluding_affected)}"

    def test(self, tally: Tally) -> tuple[bool, str]:
        """Return whether more than half of the counted members voted for, and why."""
        base = _base(tally, self.over, excluding_affected=self.excluding_affected)
        support = len(set(base) & set(tally.in_favour))
        who = _describe(self.over, excluding_affected=self.excluding_affected)
        carried = 2 * support > len(base)
        verdict = "more than half" if carried else "not more than half"
        return carried, f"{support} of {len(base)} {who} voted for, {verdict}"


def _exactly(value: Fraction | float | str) -> Fraction | None:
    """Return a number as an exact fraction (0.75 becomes 3/4, not its binary approximation), or ``None``."""
    try:
        return value if isinstance(value, Fraction) else Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return None


def _exact_share(
    value: Fraction | float | str, *, subject: str, field: str, above_zero: bool, must: str, or_else: str = ""
) -> Fraction:
    """Convert a share exactly; it must lie in (0, 1] (``above_zero``) or [0, 1].

    ``must`` says what a value out of range must be; ``or_else`` what a value that is no number must be
    (``must`` if empty).
    """
    share = _exactly(value)
    if share is None or share < 0 or share > 1 or (above_zero and share == 0):
        problem = or_else if share is None and or_else else must
        raise InvalidValueError(subject=subject, field=field, problem=f"{problem}, got {value!r}")
    return share


def _to_threshold(value: Fraction | float | str) -> Fraction:
    """Convert a threshold exactly; it must lie in (0, 1]."""
    must, or_else = "must be greater than 0 and at most 1", "must be a number"
    return _exact_share(value, subject="Supermajority", field="threshold", above_zero=True, must=must, or_else=or_else)


@attrs.frozen(kw_only=True)
class Supermajority(DecisionRule):
    """Carried when the share voting for reaches ``threshold`` (at least, not more than).

    Attributes:
        threshold: the share needed, such as ``0.75`` (kept exactly as a fraction).
        over: count over all ``eligible`` members (the default) or only those ``present``.

    Examples:
        >>> import integratedcare as ic
        >>> rule = ic.governance.Supermajority(threshold=0.75)
        >>> str(rule), rule.threshold
        ('supermajority of at least 75% of eligible members', Fraction(3, 4))
    """

    threshold: Fraction = attrs.field(converter=_to_threshold)
    over: Over = attrs.field(default="eligible", validator=_valid_over)

    @property
    def name(self) -> str:  # type: ignore[override]
        """Name the rule with its threshold and what it counts over."""
        return (
            f"supermajority of at least {float(self.threshold):.0%} of {_describe(self.over, excluding_affected=False)}"
        )

    def test(self, tally: Tally) -> tuple[bool, str]:
        """Return whether the share voting for reaches the threshold, and why."""
        base = _base(tally, self.over, excluding_affected=False)
        support = len(set(base) & set(tally.in_favour))
        who = _describe(self.over, excluding_affected=False)
        if not base:
            return False, f"no {who} to count"
        share = Fraction(support, len(base))
        carried = share >= self.threshold
        verdict = "reaching" if carried else "short of"
        return (
            carried,
            f"{support} of {len(base)} {who} ({float(share):.0%}) voted for, {verdict} {float(self.threshold):.0%}",
        )


def _to_share(value: Fraction | float | str) -> Fraction:
    """Convert a quorum's share of eligible members exactly; it must lie in [0, 1]."""
    return _exact_share(value, subject="Quorum", field="fraction", above_zero=False, must="must be a number in [0, 1]")


@attrs.frozen(kw_only=True)
class Quorum(DecisionRule):
    """Met when enough eligible members are present: at least ``minimum`` and at least ``fraction`` of them.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.Quorum(minimum=2).test(ic.governance.Tally(eligible=("a", "b", "c"), present=("a",)))
        (False, 'not quorate: 1 of 3 eligible members present, 2 needed')
    """

    minimum: int = attrs.field(default=1, validator=attrs.validators.ge(0))
    fraction: Fraction = attrs.field(default=Fraction(0), converter=_to_share)

    name: ClassVar[str] = "quorum"

    def needed(self, eligible: int) -> int:
        """Return how many eligible members must be present, out of ``eligible``."""
        share = self.fraction * eligible
        return max(self.minimum, -(-share.numerator // share.denominator))

    def test(self, tally: Tally) -> tuple[bool, str]:
        """Return whether the meeting is quorate, and why."""
        present = len(_present_eligible(tally))
        needed = self.needed(len(tally.eligible))
        verdict = "quorate" if present >= needed else "not quorate"
        return (
            present >= needed,
            f"{verdict}: {present} of {len(tally.eligible)} eligible members present, {needed} needed",
        )


class DecisionLevel(enum.StrEnum):
    """The three levels of decision an agreement such as the Cheshire and Merseyside memorandum names.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.DecisionLevel.classify(statutory_for="E06000049")
        <DecisionLevel.INDIVIDUAL_ORGANISATION: 'decision of an individual organisation'>
        >>> ic.governance.DecisionLevel.classify()
        <DecisionLevel.WHOLE_PARTNERSHIP: 'whole partnership decision'>
    """

    INDIVIDUAL_ORGANISATION = "decision of an individual organisation"
    DELEGATED_FORUM = "decision delegated to a collaborative forum"
    WHOLE_PARTNERSHIP = "whole partnership decision"

    @classmethod
    def classify(cls, *, statutory_for: str | None = None, delegated_to: str | None = None) -> DecisionLevel:
        """Classify a decision by whose it is.

        A partner's statutory responsibility stays with it; a matter formally delegated to a
        collaborative forum is that forum's; anything else is the whole partnership's.
        """
        if statutory_for is not None:
            return cls.INDIVIDUAL_ORGANISATION
        if delegated_to is not None:
            return cls.DELEGATED_FORUM
        return cls.WHOLE_PARTNERSHIP


@attrs.frozen(kw_only=True)
class ForumMember:
    """A member of a forum: a body, a post or a seat, with the kind of partner it comes from.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.ForumMember(id="E06000049", partner_kind="councils").partner_kind
        <PartnerKind.COUNCIL: 'councils'>
    """

    id: str = attrs.field(validator=_valid_id)
    partner_kind: PartnerKind = attrs.field(converter=PartnerKind)
    voting: bool = True


@attrs.frozen(kw_only=True)
class Matter:
    """A kind of matter a forum decides, the element of the agreement it falls under, and its rules.

    Attributes:
        id: the matter's id, such as ``ordinary`` or ``capital-and-transformation``.
        title: its description.
        element: the applicability table's element that decides who is eligible.
        rules: the rules tried in order; the first that carries decides.
        refer_to_dispute: whether a proposal no rule carries may go to the dispute process.
        sources: where the rules come from.

    Examples:
        >>> import integratedcare as ic
        >>> capital = ic.governance.cheshire_and_merseyside_rules().board.matters["capital-and-transformation"]
        >>> [str(r) for r in capital.rules]
        ['consensus of the eligible members present', 'supermajority of at least 75% of eligible members']
    """

    id: str = attrs.field(validator=_valid_id)
    title: str = attrs.field(validator=non_empty)
    element: str = attrs.field(validator=non_empty)
    rules: tuple[DecisionRule, ...] = attrs.field(converter=_to_tuple, validator=_tuple_of(DecisionRule))
    refer_to_dispute: bool = False
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(Source))


def _to_matters(value: Mapping[str, Matter] | tuple[Matter, ...] | list[Matter]) -> Mapping[str, Matter]:
    """Freeze matters into a mapping by id (a sequence of matters is keyed by their ids)."""
    items = value.values() if isinstance(value, Mapping) else value
    return MappingProxyType({m.id: m for m in items})


def _distinct_members(instance: Forum, _attribute: object, members: tuple[ForumMember, ...]) -> None:
    """Refuse a member given twice: each member holds one place (and one vote) in a forum."""
    counts = Counter(member.id for member in members)
    repeated = next((ident for ident, times in counts.items() if times > 1), None)
    if repeated is not None:
        raise DuplicateMemberError(forum=instance.id, member=repeated, times=counts[repeated])


@attrs.frozen(kw_only=True)
class Forum:
    """A deciding body: its members, the matters it decides and how, its quorum and applicability table.

    Examples:
        >>> import integratedcare as ic
        >>> board = ic.governance.cheshire_and_merseyside_rules().board
        >>> board = board.with_members([ic.governance.ForumMember(id="ccg-1", partner_kind="CCGs"),
        ...                             ic.governance.ForumMember(id="council-1", partner_kind="councils")])
        >>> [m.id for m in board.eligible("capital-and-transformation")]
        ['ccg-1']
    """

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=non_empty)
    members: tuple[ForumMember, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=[_tuple_of(ForumMember), _distinct_members]
    )
    matters: Mapping[str, Matter] = attrs.field(factory=dict, converter=_to_matters)
    applicability: ApplicabilityTable | None = None
    quorum: Quorum | None = None

    def member(self, id: str) -> ForumMember:  # noqa: A002 (the domain's word)
        """Return the member with ``id``.

        Raises:
            VoteError: the forum has no such member.
        """
        found = with_id(self.members, id)
        if found is None:
            raise VoteError(forum=self.id, problem=f"has no member {id!r}")
        return found

    def matter(self, id: str) -> Matter:  # noqa: A002 (the domain's word)
        """Return the matter with ``id``.

        Raises:
            VoteError: the forum decides no such matter.
        """
        try:
            return self.matters[id]
        except KeyError:
            known = ", ".join(self.matters) or "none"
            raise VoteError(forum=self.id, problem=f"decides no matter {id!r} (it decides: {known})") from None

    def eligible(self, matter: str) -> tuple[ForumMember, ...]:
        """Return the voting members eligible on ``matter``: those whose kind the matter's element applies to."""
        element = self.matter(matter).element
        table = self.applicability
        return tuple(m for m in self.members if m.voting and (table is None or table.applies(element, m.partner_kind)))

    def with_members(self, members: tuple[ForumMember, ...] | list[ForumMember]) -> Forum:
        """Return a copy of this forum with ``members``.

        Raises:
            DuplicateMemberError: a member is given twice.
        """
        return attrs.evolve(self, members=tuple(members))


@attrs.frozen(kw_only=True)
class Proposal:
    """Something put to a forum: its matter, the members it affects, and what decides its level.

    Attributes:
        id: the proposal's id.
        matter: the id of the forum's matter it falls under.
        title: a description.
        affected: ids of members the proposal affects (left out where a rule says so).
        statutory_for: the id of an organisation whose statutory responsibility it is, if any.
        delegated_to: the id of a collaborative forum it was formally delegated to, if any.

    Examples:
        >>> import integratedcare as ic
        >>> ic.governance.Proposal(id="p1", matter="ordinary", delegated_to="cm-jccg").level
        <DecisionLevel.DELEGATED_FORUM: 'decision delegated to a collaborative forum'>
    """

    id: str = attrs.field(validator=_valid_id)
    matter: str = attrs.field(validator=non_empty)
    title: str | None = None
    affected: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple, validator=_tuple_of(str))
    statutory_for: str | None = None
    delegated_to: str | None = None

    @property
    def level(self) -> DecisionLevel:
        """The level of decision the proposal belongs to."""
        return DecisionLevel.classify(statutory_for=self.statutory_for, delegated_to=self.delegated_to)


@attrs.frozen(kw_only=True)
class RuleResult:
    """One step of a decision: a rule, whether it carried, and why.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.governance.RuleResult(rule=ic.governance.Consensus(), carried=True, reason="nobody objected"))
        consensus of the eligible members present: carried (nobody objected)
    """

    rule: DecisionRule
    carried: bool
    reason: str

    def __str__(self) -> str:
        """Say what the rule found."""
        return f"{self.rule}: {'carried' if self.carried else 'not carried'} ({self.reason})"


@attrs.frozen(kw_only=True)
class Outcome:
    """The result of :func:`decide`: carried or not, under which rule, what was counted and why.

    Attributes:
        forum: the forum's id.
        proposal: the proposal decided.
        carried: whether it was carried.
        rule: the rule that decided it (the last one tried if none carried), or ``None`` if no rule ran.
        tally: what was counted.
        steps: each rule tried, in order, with its reason (a failed quorum comes first).
        referred: whether the proposal may now go to the dispute process.
        reason: the explanation in one sentence.

    Examples:
        >>> import integratedcare as ic
        >>> board = ic.governance.cheshire_and_merseyside_rules().board.with_members(
        ...     [ic.governance.ForumMember(id=f"m{i}", partner_kind="CCGs") for i in range(4)])
        >>> outcome = ic.governance.decide(board, ic.governance.Proposal(id="p", matter="ordinary"),
        ...                     {"m0": "for", "m1": "for", "m2": "for", "m3": "against"})
        >>> outcome.carried, outcome.referred
        (False, True)
    """

    forum: str
    proposal: Proposal
    carried: bool
    rule: DecisionRule | None
    tally: Tally
    steps: tuple[RuleResult, ...] = ()
    referred: bool = False
    reason: str = ""

    def __str__(self) -> str:
        """Say whether the proposal was carried, and why."""
        return f'proposal "{self.proposal.id}" at forum "{self.forum}": {self.reason}'


def _to_votes(forum: Forum, votes: Mapping[str, Vote | str | bool]) -> dict[str, Vote]:
    """Check that each voter is a member and each vote is a vote (``True``/``False`` mean for/against)."""
    checked: dict[str, Vote] = {}
    for member, vote in votes.items():
        forum.member(member)
        if isinstance(vote, bool):
            checked[member] = Vote.FOR if vote else Vote.AGAINST
            continue
        try:
            checked[member] = Vote(vote)
        except ValueError:
            known = ", ".join(v.value for v in Vote)
            raise VoteError(
                forum=forum.id, problem=f"vote of {member!r} must be one of {known}, got {vote!r}"
            ) from None
    return checked


def decide(forum: Forum, proposal: Proposal, votes: Mapping[str, Vote | str | bool]) -> Outcome:
    """Decide ``proposal`` at ``forum`` from ``votes`` (member id to vote; members not listed are absent).

    Only a whole-partnership decision is the forum's; eligibility follows the forum's applicability
    table; a failed quorum carries nothing; then the matter's rules are tried in order.

    Raises:
        VoteError: the forum has no such matter, a voter is not a member, or a vote is not a vote.

    Examples:
        >>> import integratedcare as ic
        >>> board = ic.governance.cheshire_and_merseyside_rules().board.with_members(
        ...     [ic.governance.ForumMember(id=f"nhs-{i}", partner_kind="NHS providers") for i in range(4)]
        ...     + [ic.governance.ForumMember(id="council", partner_kind="councils")])
        >>> votes = {"nhs-0": "for", "nhs-1": "for", "nhs-2": "for", "nhs-3": "against", "council": "against"}
        >>> proposal = ic.governance.Proposal(id="capital-2021", matter="capital-and-transformation")
        >>> outcome = ic.governance.decide(board, proposal, votes)
        >>> outcome.carried, str(outcome.rule)
        (True, 'supermajority of at least 75% of eligible members')
        >>> print(outcome.steps[-1].reason)
        3 of 4 eligible members (75%) voted for, reaching 75%
        >>> outcome.tally.not_counted
        ('council',)
    """
    matter = forum.matter(proposal.matter)
    checked = _to_votes(forum, votes)
    eligible = {m.id for m in forum.eligible(matter.id)}
    tally = Tally(
        eligible=tuple(sorted(eligible)),
        present=tuple(sorted(m for m in checked if m in eligible)),
        in_favour=tuple(sorted(m for m, v in checked.items() if m in eligible and v is Vote.FOR)),
        against=tuple(sorted(m for m, v in checked.items() if m in eligible and v is Vote.AGAINST)),
        abstaining=tuple(sorted(m for m, v in checked.items() if m in eligible and v is Vote.ABSTAIN)),
        not_counted=tuple(sorted(m for m in checked if m not in eligible)),
        affected=tuple(sorted(proposal.affected)),
    )
    common: dict[str, Any] = {"forum": forum.id, "proposal": proposal, "tally": tally}
    if proposal.level is not DecisionLevel.WHOLE_PARTNERSHIP:
        return Outcome(
            **common, carried=False, rule=None, reason=f"not for this forum to decide: a {proposal.level.value}"
        )
    steps: list[RuleResult] = []
    if forum.quorum is not None:
        quorate, why = forum.quorum.test(tally)
        if not quorate:
            steps.append(RuleResult(rule=forum.quorum, carried=False, reason=why))
            return Outcome(**common, carried=False, rule=forum.quorum, steps=tuple(steps), reason=f"not carried: {why}")
    rule: DecisionRule | None = None
    for rule in matter.rules:
        carried, why = rule.test(tally)
        steps.append(RuleResult(rule=rule, carried=carried, reason=why))
        if carried:
            return Outcome(**common, carried=True, rule=rule, steps=tuple(steps), reason=f"carried by {rule}: {why}")
    tried = "; ".join(str(step) for step in steps) or "the matter has no rules"
    then = ", so it may be referred to the dispute process" if matter.refer_to_dispute else ""
    return Outcome(
        **common,
        carried=False,
        rule=rule,
        steps=tuple(steps),
        referred=matter.refer_to_dispute,
        reason=f"not carried ({tried}){then}",
    )
