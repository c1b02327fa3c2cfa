"""The errors of the governance layer: delegations, votes and dispute transitions.

Each narrows :class:`~integratedcare.IntegratedCareError` and a builtin, keeps its structured
fields and builds its message from them, and pickles (the root's keyword-field protocol).
"""

from __future__ import annotations

from integratedcare._errors import IntegratedCareError

__all__ = ["DelegationError", "DisputeStateError", "DuplicateMemberError", "VoteError"]


class DelegationError(IntegratedCareError, ValueError):
    """A delegation names a function its delegator does not hold, or a function nobody knows.

    Attributes:
        delegator: the id of the body that delegates.
        delegate: the id of the body delegated to.
        function: the function's id.
        problem: what is wrong.

    Examples:
        >>> import integratedcare as ic
        >>> err = ic.errors.DelegationError(delegator="E06000049", delegate="QYG", function="dental-services")
        >>> print(err)
        delegation "E06000049" -> "QYG": "E06000049" delegates dental-services to "QYG" but does not hold it
        >>> isinstance(err, ValueError)
        True
    """

    delegator: str
    delegate: str
    function: str
    problem: str

    def __init__(self, *, delegator: str, delegate: str, function: str, problem: str = "") -> None:
        fields = {"delegator": delegator, "delegate": delegate, "function": function, "problem": problem}
        problem = problem or f'"{delegator}" delegates {function} to "{delegate}" but does not hold it'
        super().__init__(f'delegation "{delegator}" -> "{delegate}": {problem}', **fields)
        self.problem = problem  # the field stays as given (so the error pickles); the attribute is the full text


class VoteError(IntegratedCareError, ValueError):
    """A vote or proposal does not fit its forum: an unknown member, matter or vote.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.VoteError(forum="cm-partnership-board", problem='has no member "x"'))
        forum "cm-partnership-board": has no member "x"
    """

    forum: str
    problem: str

    def __init__(self, *, forum: str, problem: str) -> None:
        super().__init__(f'forum "{forum}": {problem}', forum=forum, problem=problem)


class DisputeStateError(IntegratedCareError, ValueError):
    """A dispute was asked to move in a way its process does not allow.

    Attributes:
        dispute: the dispute's id.
        action: what was asked (``escalate``, ``resolve``...).
        state: where the dispute stood, such as ``resolved`` or ``stage 4 of 4``.
        problem: why the move is not allowed.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.DisputeStateError(dispute="d1", action="escalate", state="stage 4 of 4",
        ...                            problem="there is no further stage"))
        dispute "d1": cannot escalate at stage 4 of 4: there is no further stage
    """

    dispute: str
    action: str
    state: str
    problem: str

    def __init__(self, *, dispute: str, action: str, state: str, problem: str) -> None:
        message = f'dispute "{dispute}": cannot {action} at {state}: {problem}'
        super().__init__(message, dispute=dispute, action=action, state=state, problem=problem)


class DuplicateMemberError(IntegratedCareError, ValueError):
    """A forum or board was given the same member twice: one vote would count for two constituencies.

    Attributes:
        forum: the forum's id.
        member: the id given more than once.
        times: how many times it was given.

    Examples:
        >>> import integratedcare as ic
        >>> print(ic.errors.DuplicateMemberError(forum="cm-partnership-board", member="E06000049", times=2))
        forum "cm-partnership-board": member "E06000049" is given 2 times; a member holds one place
    """

    forum: str
    member: str
    times: int

    def __init__(self, *, forum: str, member: str, times: int) -> None:
        message = f'forum "{forum}": member "{member}" is given {times} times; a member holds one place'
        super().__init__(message, forum=forum, member=member, times=times)
