"""Seats as well as bodies: a member may hold several seats, and the size checks count them."""

from __future__ import annotations

import pytest

import integratedcare as ic


def _icp(council_seats: int, *, posts: int = 0) -> ic.Landscape:
    """An area ICP with one ICB (through its posts, if any) and 12 councils of ``council_seats`` seats each."""
    b = ic.LandscapeBuilder("seats")
    b.add(ic.ICB(id="QAA", name="ICB"), ic.ICP(id="icp", name="Area ICP", scope="area", statutory=False))
    b.add(ic.MemberOf(source="QAA", target="icp"))
    for n in range(posts):
        b.add(ic.Post(id=f"post-{n}", name=f"Board member {n}"))
        b.add(ic.MemberOf(source=f"post-{n}", target="QAA"), ic.MemberOf(source=f"post-{n}", target="icp"))
    for n in range(12):
        council = f"E060000{n + 10}"
        b.add(ic.LocalAuthority(id=council, name=f"Council {n}", tier="unitary"))
        b.add(ic.MemberOf(source=council, target="icp", seats=council_seats))
    return b.build()


def test_seats_must_be_a_whole_number_of_at_least_one() -> None:
    """Zero, negative, fractional and boolean seat counts are refused, naming the field."""
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ic.errors.InvalidValueError, match="seats must be a whole number"):
            ic.MemberOf(source="a", target="b", seats=bad)  # type: ignore[arg-type]


def test_lean_icp_counts_seats_not_bodies() -> None:
    """13 members of a seat each pass; the same 13 holding 37 seats get the advice, which names both counts."""
    assert not ic.check(_icp(1), rules=["ICP004"]).findings
    finding = ic.check(_icp(3), rules=["ICP004"]).findings[0]
    assert "has 37 seats (held by 13 members)" in finding.message


def test_a_body_sitting_through_its_posts_adds_no_seat() -> None:
    """The ICB's board posts are its seats: 20 posts and 12 one-seat councils make 32 seats, not 33."""
    finding = ic.check(_icp(1, posts=20), rules=["ICP004"]).findings[0]
    assert "has 32 seats (held by 33 members)" in finding.message


def test_lean_criterion_reports_seats() -> None:
    """The GGI's lean-ICP decision reads the same seat count."""
    verdict = ic.checks.assess(_icp(3), "icp-early-decisions", subject="icp").result("ggi-4")
    assert verdict.gaps == ("37 seats (held by 13 members), more than 25",)
    kept = ic.checks.assess(_icp(1), "icp-early-decisions", subject="icp").result("ggi-4")
    assert "13 members, no more than 25" in kept.evidence


def test_board_of_ten_counts_seats() -> None:
    """ICB002 counts a member's seats: a chair, a chief executive and one member of eight seats make ten."""
    b = ic.LandscapeBuilder("board")
    b.add(ic.ICB(id="QAA", name="ICB", period=("2022-07-01", None)))
    for post, role, seats in (("chair", "chair", 1), ("ce", "chief executive", 1), ("neds", "non-executive", 8)):
        b.add(ic.Post(id=post, name=post), ic.MemberOf(source=post, target="QAA", role=role, seats=seats))
    land = b.build()
    assert not ic.check(land, rules=["ICB002"], as_of="2023-01-01").findings
