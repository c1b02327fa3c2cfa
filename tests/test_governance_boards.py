"""Boards and posts, pooled budgets, provider collaboratives, joint arrangements and the C&M board."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic


@pytest.fixture
def land() -> ic.Landscape:
    """An ICB board with a vacant chair, a CE, partner members by sector, NEDs, directors and a participant."""
    posts = {
        "qyg-chair": ("Chair", "chair", True),
        "qyg-ceo": ("Chief executive", "chief executive", True),
        "qyg-trust-member": ("Trust partner member", "partner member: NHS trusts and foundation trusts", True),
        "qyg-pms-member": ("Primary care partner member", "partner member: primary medical services", True),
        "qyg-la-member": ("Local authority partner member", "partner member: local authorities", True),
        "qyg-ned-1": ("Non-executive member", "non-executive", True),
        "qyg-finance": ("Director of finance", "executive director: finance", True),
        "qyg-healthwatch": ("Healthwatch participant", "participant", False),
    }
    builder = ic.LandscapeBuilder("board").add(
        ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB"),
        ic.NHSTrust(id="REM", name="Liverpool University Hospitals NHS FT", services=["acute"]),
        ic.LocalAuthority(id="E08000012", name="Liverpool City Council", tier="metropolitan-district"),
        ic.Healthwatch(id="healthwatch-liverpool", name="Healthwatch Liverpool"),
        ic.Partner(id="gp-federation", name="A GP federation", sector="primary care"),
        ic.ICP(id="cm-icp", name="C&M Health and Care Partnership"),
        ic.HWB(id="liverpool-hwb", name="Liverpool Health and Wellbeing Board"),
        ic.Post(id="lpool-dph", name="Director of Public Health", period=("2020-01-01", "2023-01-01")),
    )
    for post, (name, role, voting) in posts.items():
        builder.add(ic.Post(id=post, name=name, voting=voting), ic.MemberOf(source=post, target="QYG", role=role))
    builder.add(
        ic.Holds(source="QYG", target="qyg-ceo"),
        ic.Holds(source="REM", target="qyg-trust-member"),
        ic.Holds(source="gp-federation", target="qyg-pms-member"),
        ic.Holds(source="E08000012", target="qyg-la-member"),
        ic.Holds(source="healthwatch-liverpool", target="qyg-healthwatch"),
        ic.MemberOf(source="E08000012", target="liverpool-hwb", role="member", period=("2013-04-01", None)),
        ic.MemberOf(source="E08000012", target="liverpool-hwb", role="member", period=("2010-01-01", "2011-01-01")),
        ic.MemberOf(source="QYG", target="liverpool-hwb", role="member"),
        ic.MemberOf(source="healthwatch-liverpool", target="liverpool-hwb", role="member", voting=False),
        ic.MemberOf(source="lpool-dph", target="liverpool-hwb", role="Director of Public Health"),
        ic.Holds(source="E08000012", target="lpool-dph"),
    )
    return builder.build()


def test_icb_board_by_role(land: ic.Landscape) -> None:
    """The ICB board lists its chair, CE, partner members by sector, NEDs, directors and participants."""
    board = ic.governance.board_composition(land, "QYG")
    assert [s.id for s in board.chair] == ["qyg-chair"]
    assert [s.holders for s in board.chief_executive] == [(land["QYG"],)]
    assert board.board is land["QYG"]
    assert {sector: [s.id for s in seats] for sector, seats in board.partner_members.items()} == {
        "NHS trusts and foundation trusts": ["qyg-trust-member"],
        "local authorities": ["qyg-la-member"],
        "primary medical services": ["qyg-pms-member"],
    }
    assert [s.id for s in board.non_executives] == ["qyg-ned-1"]
    assert [s.qualifier for s in board.executive_directors] == ["finance"]
    assert [s.id for s in board.non_voting] == ["qyg-healthwatch"]
    assert [s.id for s in board.vacant] == ["qyg-chair", "qyg-ned-1", "qyg-finance"]
    assert len(board.voting) == 7
    assert str(board).splitlines()[0] == "board QYG: 8 seats"
    assert "Director of finance (executive director: finance), vacant" in str(board)
    assert "Healthwatch participant (participant, non-voting), held by healthwatch-liverpool" in str(board)


def test_quorum_of_board(land: ic.Landscape) -> None:
    """A quorum counts voting seats present; non-voting seats never count."""
    board = ic.governance.board_composition(land, "QYG")
    quorum = ic.governance.Quorum(minimum=3)
    assert not board.is_quorate(["qyg-ceo", "qyg-la-member", "qyg-healthwatch"], quorum)
    assert board.is_quorate(["qyg-ceo", "qyg-la-member", "qyg-trust-member"], quorum)
    assert board.is_quorate([land["qyg-ceo"], land["qyg-la-member"], "qyg-trust-member"], quorum)
    assert ic.governance.Quorum(fraction="0.5").needed(7) == 4


def test_seats_name_their_members_holders_and_relations(land: ic.Landscape) -> None:
    """A seat holds its post (or member body) and holders as entities, and the relations that seat them."""
    board = ic.governance.board_composition(land, land["QYG"])
    (seat,) = [s for s in board.seats if s.id == "qyg-la-member"]
    assert (seat.member, seat.name, seat.post) == (land["qyg-la-member"], "Local authority partner member", True)
    assert seat.holders == (land["E08000012"],)
    assert [r.kind for r in seat.path] == ["member-of", "holds"]
    assert set(seat.path) <= set(land.all_relations)
    hwb = ic.governance.board_composition(land, "liverpool-hwb")
    council = next(s for s in hwb.seats if s.id == "E08000012")
    assert (council.member, council.holders, council.post) == (land["E08000012"], (land["E08000012"],), False)


def test_board_of_a_non_body_is_refused(land: ic.Landscape) -> None:
    """A post is not a board: asking for its composition raises EntityKindError."""
    with pytest.raises(ic.errors.EntityKindError, match='board_composition needs a body, got post "qyg-chair"'):
        ic.governance.board_composition(land, "qyg-chair")


def test_collaborative_query_refuses_other_kinds(land: ic.Landscape) -> None:
    """provider_collaborative needs a provider collaborative, not an ICB."""
    with pytest.raises(
        ic.errors.EntityKindError, match="provider_collaborative needs a provider collaborative, got integr"
    ):
        ic.governance.provider_collaborative(land, "QYG")


def test_hwb_membership_in_time(land: ic.Landscape) -> None:
    """An HWB's members are bodies and posts; as_of drops those not in force and lists a body once."""
    hwb = ic.governance.board_composition(land, "liverpool-hwb")
    assert [s.id for s in hwb.seats] == ["E08000012", "QYG", "healthwatch-liverpool", "lpool-dph"]
    assert [s.id for s in hwb.non_voting] == ["healthwatch-liverpool"]
    assert hwb.seats[-1].qualifier == "Director of Public Health"
    later = ic.governance.board_composition(land, "liverpool-hwb", as_of="2024-01-01")
    assert "lpool-dph" not in [s.id for s in later.seats]


def test_board_of_absent_entity_and_empty_role() -> None:
    """A board not in force on the date has no seats; an unknown board raises."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="ICB", period=("2022-07-01", None))).build()
    assert ic.governance.board_composition(land, "QYG", as_of="2020-01-01").seats == ()
    with pytest.raises(ic.errors.UnknownEntityError):
        ic.governance.board_composition(land, "QYX")
    assert ic.governance.BoardRole.parse(None) == (ic.governance.BoardRole.MEMBER, None)
    assert ic.governance.BoardRole.parse("Chair") == (ic.governance.BoardRole.CHAIR, None)


def test_board_as_forum_counts_filled_voting_seats(land: ic.Landscape) -> None:
    """A board becomes a forum of its filled voting seats, each of its holder's partner kind."""
    forum = ic.governance.board_composition(land, "QYG").as_forum(
        "ICB board", matters=[ic.governance.Matter(id="m", title="M", element="e", rules=[ic.governance.Majority()])]
    )
    kinds = {m.id: m.partner_kind.value for m in forum.members}
    assert kinds == {
        "qyg-ceo": "CCGs",
        "qyg-trust-member": "NHS providers",
        "qyg-pms-member": "other partners",
        "qyg-la-member": "councils",
    }
    assert ic.governance.decide(
        forum, ic.governance.Proposal(id="p", matter="m"), {"qyg-ceo": "for", "qyg-la-member": "for"}
    ).carried


def test_pooled_budget_total_and_per_head() -> None:
    """A pooled budget of an ICB and a council reports its total in GBP and per head in GBP / person."""
    budget = ic.governance.PooledBudget(
        id="ce-bcf",
        host="E06000049",
        contributions={"QYG": ic.quantity("30 million GBP"), "E06000049": ic.quantity(10e6, "GBP")},
        population=ic.quantity(400_000, "person"),
    )
    assert budget.total == ic.quantity(40e6, "GBP")
    assert budget.per_head.units == ic.ureg.Unit("GBP / person")
    assert budget.per_head.magnitude == pytest.approx(100)
    assert budget.share("QYG") == pytest.approx(0.75)
    assert budget.share(ic.ICB(id="QYG", name="NHS C&M ICB")) == pytest.approx(0.75)
    assert budget.share("nobody") == 0
    assert list(budget.contributions) == ["E06000049", "QYG"]
    assert str(budget.basis) == "NHS Act 2006 s75"


def test_pooled_budget_rejects_bad_units_and_hosts() -> None:
    """Contributions must be GBP, population person, and the host must contribute."""
    with pytest.raises(ic.errors.UnitError, match=r"pooled budget \"b\": contributions\['QYG'\] must be in GBP"):
        ic.governance.PooledBudget(id="b", host="QYG", contributions={"QYG": ic.quantity(5, "person")})
    with pytest.raises(ic.errors.UnitError, match="population must be in person"):
        ic.governance.PooledBudget(
            id="b", host="QYG", contributions={"QYG": ic.quantity(5, "GBP")}, population=ic.quantity(1, "GBP")
        )
    with pytest.raises(ic.errors.InvalidValueError, match="host must be one of the contributors"):
        ic.governance.PooledBudget(id="b", host="E06000049", contributions={"QYG": ic.quantity(5, "GBP")})
    with pytest.raises(ic.errors.InvalidValueError, match="contributions must name at least one"):
        ic.governance.PooledBudget(id="b", host="QYG", contributions={})
    with pytest.raises(ic.errors.InvalidValueError, match="contributions must map body ids to GBP"):
        ic.governance.PooledBudget(id="b", host="QYG", contributions=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(ic.errors.InvalidValueError, match=r"contributions\['bad id'\] must start with a letter"):
        ic.governance.PooledBudget(
            id="b", host="QYG", contributions={"QYG": ic.quantity(1, "GBP"), "bad id": ic.quantity(1, "GBP")}
        )
    no_people = ic.governance.PooledBudget(id="b", host="QYG", contributions={"QYG": ic.quantity(0, "GBP")})
    with pytest.raises(ic.errors.InvalidValueError, match="population must be a positive number of people"):
        _ = no_people.per_head
    assert no_people.share("QYG") == 0


@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
        st.floats(min_value=0, max_value=1e10, allow_nan=False),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=1, max_value=10_000_000),
)
def test_total_is_sum_of_contributions(amounts: dict[str, float], people: int) -> None:
    """The total equals the sum of contributions and per head equals total / population."""
    contributions = {body: ic.quantity(amount, "GBP") for body, amount in amounts.items()}
    budget = ic.governance.PooledBudget(
        id="b", host=next(iter(amounts)), contributions=contributions, population=ic.quantity(people, "person")
    )
    assert math.isclose(budget.total.magnitude, math.fsum(amounts.values()), rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(budget.per_head.magnitude, budget.total.magnitude / people, rel_tol=1e-9)


def test_provider_collaborative_spanning_systems_with_lead_and_seat() -> None:
    """A collaborative of trusts in two systems has its lead (by role or hosting) and its ICB board seats."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ProviderCollaborative(id="mhlda", name="MHLDA collaborative"),
            ic.ICS(id="cm-ics", name="C&M ICS"),
            ic.ICB(id="QE1", name="L&SC ICB"),
            ic.Region(id="Y62", name="North West"),
            ic.NHSTrust(id="RW4", name="Mersey Care", services=["mental-health"]),
            ic.NHSTrust(id="RW5", name="Lancashire Care", services=["mental-health"]),
            ic.Partner(id="charity", name="A charity"),
            ic.Post(id="qe1-member", name="Trust partner member"),
            ic.Within(source="RW4", target="cm-ics"),
            ic.Within(source="RW4", target="Y62"),
            ic.Within(source="RW5", target="QE1"),
            ic.MemberOf(source="RW4", target="mhlda"),
            ic.MemberOf(source="RW5", target="mhlda"),
            ic.MemberOf(source="charity", target="mhlda"),
            ic.Hosts(source="RW5", target="mhlda"),
            ic.MemberOf(source="qe1-member", target="QE1", role="partner member: NHS trusts"),
            ic.MemberOf(source="qe1-member", target="mhlda"),
            ic.Holds(source="RW5", target="qe1-member"),
        )
        .build()
    )
    pc = ic.governance.provider_collaborative(land, land["mhlda"])
    assert pc.collaborative is land["mhlda"]
    assert pc.trusts == (land["RW4"], land["RW5"])
    assert pc.lead_provider is land["RW5"]
    assert [s.id for s in pc.systems] == ["QE1", "cm-ics"]
    assert pc.spans_several_systems
    assert pc.board_seats == ((land["QE1"], land["qe1-member"]),)
    assert str(pc) == "provider collaborative mhlda: 2 trusts, led by RW5, in QE1, cm-ics"
    gone = ic.governance.provider_collaborative(
        ic.LandscapeBuilder().add(ic.ProviderCollaborative(id="x", name="X", period=(None, "2020-01-01"))).build(),
        "x",
        as_of="2021-01-01",
    )
    assert str(gone) == "provider collaborative x: 0 trusts, in no known system"


def test_joint_arrangements_list_committees_and_functions() -> None:
    """Joint committees and committees in common list members and delegated functions; other committees do not."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QYG", name="ICB"),
            ic.ICB(id="QE1", name="ICB 2"),
            ic.Committee(id="cic", name="Committees in common", committee_type="committees-in-common"),
            ic.Committee(id="audit", name="Audit committee"),
            ic.MemberOf(source="QYG", target="cic"),
            ic.MemberOf(source="QE1", target="cic"),
        )
        .build()
    )
    (arrangement,) = ic.governance.joint_arrangements(land, as_of="2024-01-01")
    assert arrangement.committee is land["cic"]
    assert arrangement.committee_type is ic.CommitteeType.COMMITTEES_IN_COMMON
    assert arrangement.members == (land["QE1"], land["QYG"])
    assert arrangement.path == land.relations(ic.MemberOf, target="cic")
    assert str(arrangement) == "committees-in-common cic of QE1, QYG exercising no delegated functions"


def test_pooled_budget_reads_as_a_sentence() -> None:
    """A pooled budget says who hosts it, its total, its contributors and its law."""
    budget = ic.governance.PooledBudget(id="b", host="QYG", contributions={"QYG": ic.quantity(5, "GBP")})
    assert str(budget) == "pooled budget b hosted by QYG: 5 GBP from QYG (NHS Act 2006 s75)"


def test_cm_board_forum_follows_annex_6() -> None:
    """The C&M Board built from Annex 6 has 11 fixed seats; only the 2 NHS commissioning seats vote on capital."""
    cm = ic.governance.cheshire_and_merseyside_rules()
    board = cm.board_forum()
    assert len(board.members) == 11
    assert [c.name for c in cm.board_constituencies if c.seats is None] == ["Members of the Partnership Executive team"]
    assert sum(c.seats or 0 for c in cm.board_constituencies) == 11
    eligible = [m.id for m in board.eligible("capital-and-transformation")]
    assert eligible == [
        "cm-partnership-board-nhs-commissioning-representatives-1",
        "cm-partnership-board-nhs-commissioning-representatives-2",
    ]
    assert all(
        s.title.startswith("Cheshire and Merseyside") and "Health and Wellbeing Board papers" in str(s.note)
        for s in cm.sources
    )
