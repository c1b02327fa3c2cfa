"""Each rule of the checks passes a landscape that meets it and fails one that does not."""

from __future__ import annotations

import datetime as dt

import pytest

import integratedcare as ic

FROM_2022 = ("2022-07-01", None)


def build(*items: ic.Entity | ic.Relation) -> ic.Landscape:
    """Build a landscape from entities and relations."""
    return ic.LandscapeBuilder("Test").add(*items).build()


def findings(land: ic.Landscape, rule: str, **options: object) -> list[ic.checks.Finding]:
    """Return the findings of one rule."""
    return list(ic.check(land, rules=[rule], **options))  # type: ignore[arg-type]


def system(
    *, members: tuple[str, ...] = ("QYG", "E06000049", "E08000012"), extra: tuple[object, ...] = ()
) -> ic.Landscape:
    """An ICB overlapping two responsible councils and a district, with its ICP and the given members."""
    items: list[ic.Entity | ic.Relation] = [
        ic.ICB(id="QYG", name="NHS C&M ICB", period=FROM_2022),
        ic.ICP(id="cm-icp", name="C&M ICP", period=FROM_2022),
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.LocalAuthority(id="E08000012", name="Liverpool City Council", tier="metropolitan-district"),
        ic.LocalAuthority(id="E07000001", name="A District Council", tier="district"),
        ic.Establishes(source="QYG", target="cm-icp", period=FROM_2022),
    ]
    items += [ic.Overlaps(source=c, target="QYG", period=FROM_2022) for c in ("E06000049", "E08000012", "E07000001")]
    items += [ic.MemberOf(source=m, target="cm-icp", period=FROM_2022) for m in members]
    items += list(extra)  # type: ignore[arg-type]
    return build(*items)


# --- ICP001 ------------------------------------------------------------------------------------


def test_icp001_passes_when_icb_and_every_responsible_council_are_members() -> None:
    """An ICP with its ICB and both responsible councils (not the district) as members passes."""
    assert findings(system(), "ICP001") == []


def test_icp001_names_the_missing_council() -> None:
    """An ICP missing one overlapping council gets an error naming that council."""
    [finding] = findings(system(members=("QYG", "E08000012")), "ICP001")
    assert finding.severity is ic.checks.Severity.ERROR
    assert finding.entity == "cm-icp"
    assert finding.related == ("E06000049",)
    assert "Cheshire East Council (E06000049)" in finding.message
    assert str(finding.citation) == "LGPIHA 2007 s116ZA"
    assert finding.period == ic.Period("2022-07-01")


def test_icp001_reports_a_missing_icb() -> None:
    """The ICB itself must be a member of the ICP it establishes."""
    [finding] = findings(system(members=("E06000049", "E08000012")), "ICP001")
    assert finding.related == ("QYG",)
    assert "establishes C&M ICP (cm-icp) but is not a member" in finding.message


def test_icp001_counts_a_council_that_holds_a_member_post() -> None:
    """A council sits on the ICP through a post it holds."""
    post = ic.Post(id="ce-seat", name="Cheshire East member", period=FROM_2022)
    land = system(
        members=("QYG", "E08000012", "ce-seat"),
        extra=(post, ic.Holds(source="E06000049", target="ce-seat", period=FROM_2022)),
    )
    assert findings(land, "ICP001") == []


def test_icp001_does_not_judge_an_icp_without_recorded_members() -> None:
    """A partnership whose membership is not recorded is not judged."""
    assert findings(system(members=()), "ICP001") == []


# --- ICP002 ------------------------------------------------------------------------------------


def test_icp002_passes_with_one_icp_per_icb() -> None:
    """One ICB establishing one statutory ICP passes."""
    assert findings(system(), "ICP002") == []


def test_icp002_reports_an_icb_without_an_icp() -> None:
    """An ICB with no ICP, in a landscape that models ICPs, is an error."""
    land = system(extra=(ic.ICB(id="QHM", name="NHS NENC ICB", period=FROM_2022),))
    [finding] = findings(land, "ICP002")
    assert finding.entity == "QHM"
    assert "establishes no statutory integrated care partnership" in finding.message


def test_icp002_reports_two_icps_and_an_icp_of_no_icb() -> None:
    """Two statutory ICPs for one ICB, and an ICP serving no ICB, are errors."""
    land = system(
        extra=(
            ic.ICP(id="cm-icp-2", name="Second ICP", period=FROM_2022),
            ic.Establishes(source="QYG", target="cm-icp-2", period=FROM_2022),
            ic.ICP(id="lost-icp", name="Lost ICP"),
        )
    )
    found = findings(land, "ICP002")
    assert [f.entity for f in found] == ["QYG", "lost-icp"]
    assert found[0].related == ("cm-icp", "cm-icp-2")
    assert "serves the area of no integrated care board" in found[1].message


def test_icp002_reports_an_icp_serving_two_icbs() -> None:
    """A statutory ICP established by two ICBs is an error (and each ICB has one ICP)."""
    land = system(
        extra=(
            ic.ICB(id="QHM", name="NHS NENC ICB", period=FROM_2022),
            ic.Establishes(source="QHM", target="cm-icp", period=FROM_2022),
        )
    )
    [finding] = findings(land, "ICP002")
    assert finding.entity == "cm-icp"
    assert finding.related == ("QHM", "QYG")


def test_icp002_ignores_area_partnerships_and_landscapes_without_icps() -> None:
    """Area-level partnerships are not the statutory ICP; without any statutory ICP nothing is judged."""
    land = build(
        ic.ICB(id="QHM", name="NHS NENC ICB", period=FROM_2022),
        ic.ICP(id="north", name="North area ICP", scope="area", statutory=False, period=FROM_2022),
        ic.Establishes(source="QHM", target="north", period=FROM_2022),
    )
    assert findings(land, "ICP002") == []


# --- ICP003 ------------------------------------------------------------------------------------


def strategy_system(*, prepared: bool) -> ic.Landscape:
    """A system with a second, later ICP; the first prepares a strategy when ``prepared``."""
    extra: list[object] = [
        ic.ICB(id="QHM", name="NHS NENC ICB", period=("2024-01-01", None)),
        ic.ICP(id="nenc-icp", name="NENC ICP", period=("2024-01-01", None)),
        ic.Establishes(source="QHM", target="nenc-icp", period=("2024-01-01", None)),
        ic.IntegratedCareStrategy(id="nenc-strategy", name="NENC strategy", period=("2024-03-01", None)),
        ic.Prepares(source="nenc-icp", target="nenc-strategy", period=("2024-03-01", None)),
    ]
    if prepared:
        extra += [
            ic.IntegratedCareStrategy(id="cm-strategy", name="All Together Fairer", period=("2022-12-01", None)),
            ic.Prepares(source="cm-icp", target="cm-strategy", period=("2022-12-01", None)),
        ]
    return system(extra=tuple(extra))


def test_icp003_passes_when_every_icp_prepares_a_strategy() -> None:
    """ICPs with strategies in force pass (a later ICP has months before one is due)."""
    assert findings(strategy_system(prepared=True), "ICP003") == []


def test_icp003_reports_a_missing_strategy_from_the_due_date() -> None:
    """An ICP with no strategy is an error from 2023-01-01."""
    [finding] = findings(strategy_system(prepared=False), "ICP003")
    assert finding.entity == "cm-icp"
    assert finding.period == ic.Period("2023-01-01")
    assert "due from 2023-01-01" in finding.message


def test_icp003_gives_a_later_icp_six_months() -> None:
    """An ICP established in 2024 owes its strategy 183 days later."""
    land = build(
        ic.ICP(id="late-icp", name="Late ICP", period=("2024-01-01", None)),
        ic.IntegratedCareStrategy(id="other", name="Someone else's strategy"),
    )
    [finding] = findings(land, "ICP003")
    assert finding.period == ic.Period(dt.date(2024, 1, 1) + dt.timedelta(days=183))


def test_icp003_does_not_judge_a_landscape_without_strategies() -> None:
    """A landscape holding no strategy at all does not model strategies."""
    assert findings(system(), "ICP003") == []


# --- ICB001 and ICB002 -------------------------------------------------------------------------


def board(*roles: str, participants: int = 0) -> ic.Landscape:
    """An ICB whose board has one post per role, plus non-voting participants."""
    items: list[ic.Entity | ic.Relation] = [ic.ICB(id="QYG", name="NHS C&M ICB", period=FROM_2022)]
    for n, role in enumerate(roles):
        items += [
            ic.Post(id=f"seat-{n}", name=f"Seat {n}", period=FROM_2022),
            ic.MemberOf(source=f"seat-{n}", target="QYG", role=role, period=FROM_2022),
        ]
    for n in range(participants):
        items += [
            ic.Post(id=f"guest-{n}", name=f"Guest {n}", period=FROM_2022),
            ic.MemberOf(source=f"guest-{n}", target="QYG", role="participant", period=FROM_2022),
        ]
    return build(*items)


FULL_BOARD = (
    "chair",
    "chief executive",
    "executive director: finance",
    "executive director: medical",
    "executive director: nursing",
    "non-executive",
    "non-executive",
    "partner member: trusts",
    "partner member: primary medical services",
    "partner member: local authorities",
)


def test_icb001_passes_the_statutory_minimum() -> None:
    """A chair, a chief executive and three partner members meet Sch 1B para 3."""
    assert (
        findings(board("chair", "chief executive", "partner member", "partner member", "partner member"), "ICB001")
        == []
    )


def test_icb001_reports_a_missing_chair_chief_executive_and_ordinary_members() -> None:
    """Without a chair or chief executive, and with two ordinary voting members, the board fails three ways."""
    found = findings(board("non-executive", "non-executive", participants=3), "ICB001")
    messages = sorted(f.message for f in found)
    assert len(found) == 3
    assert "has 2 ordinary voting members" in messages[0]
    assert messages[1].endswith("has no chair among its voting members.")
    assert messages[2].endswith("has no chief executive among its voting members.")


def test_icb001_and_icb002_do_not_judge_an_unrecorded_board() -> None:
    """An ICB whose board is not recorded is not judged."""
    assert findings(board(), "ICB001") == []
    assert findings(board(), "ICB002") == []


def test_icb002_passes_ten_members() -> None:
    """The model constitution's ten members pass."""
    assert findings(board(*FULL_BOARD), "ICB002") == []


def test_icb002_warns_of_a_small_board_while_the_model_constitution_applied() -> None:
    """Five voting members draw a warning until 2025-04-01, and nothing after."""
    land = board(*FULL_BOARD[:5], participants=2)
    [finding] = findings(land, "ICB002")
    assert finding.severity is ic.checks.Severity.WARNING
    assert finding.period == ic.Period("2022-07-01", "2025-04-01")
    assert "has 5 voting members, fewer than the 10" in finding.message
    assert findings(land, "ICB002", as_of="2025-06-01") == []


# --- ICP004 ------------------------------------------------------------------------------------


def partnership(count: int, *, scope: str = "system") -> ic.Landscape:
    """A partnership with ``count`` partner members."""
    statutory = scope == "system"
    items: list[ic.Entity | ic.Relation] = [ic.ICP(id="icp", name="An ICP", scope=scope, statutory=statutory)]
    items += [ic.Partner(id=f"p{n}", name=f"Partner {n}") for n in range(count)]
    items += [ic.MemberOf(source=f"p{n}", target="icp") for n in range(count)]
    return build(*items)


def test_icp004_passes_25_members() -> None:
    """A partnership of 25 members is lean."""
    assert findings(partnership(25), "ICP004") == []


def test_icp004_advises_on_52_members() -> None:
    """A strategic ICP of 52 members (NENC's proposal) gets the lean-ICP advice."""
    [finding] = findings(partnership(52), "ICP004")
    assert finding.severity is ic.checks.Severity.ADVICE
    assert "has 52 members, more than the 25" in finding.message
    assert "GGI" in finding.citation.title  # type: ignore[union-attr]


def test_icp004_leaves_place_level_partnerships_alone() -> None:
    """A place-level "ICP" is a place partnership, not judged for leanness."""
    assert findings(partnership(30, scope="place"), "ICP004") == []


# --- PLC001 ------------------------------------------------------------------------------------


def place(*member_ids: str, roles: dict[str, str] | None = None) -> ic.Landscape:
    """A place partnership with a pool of possible members, of whom ``member_ids`` are members."""
    roles = roles or {}
    pool: list[ic.Entity | ic.Relation] = [
        ic.Place(id="ce-place", name="Cheshire East"),
        ic.PCN(id="crewe-pcn", name="Crewe PCN"),
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.Post(id="ce-dph", name="Director of Public Health"),
        ic.NHSTrust(id="RXA", name="Cheshire and Wirral Partnership", services=["community", "mental-health"]),
        ic.Healthwatch(id="hw-ce", name="Healthwatch Cheshire East"),
        ic.Partner(id="housing", name="A housing association"),
        ic.Holds(source="E06000049", target="ce-dph"),
    ]
    pool += [ic.MemberOf(source=m, target="ce-place", role=roles.get(m)) for m in member_ids]
    return build(*pool)


def test_plc001_passes_a_place_with_the_five_kinds_of_member() -> None:
    """Primary care, the council, its DPH, a community and mental health trust, and Healthwatch pass."""
    assert findings(place("crewe-pcn", "E06000049", "ce-dph", "RXA", "hw-ce"), "PLC001") == []


def test_plc001_reads_roles_when_members_are_other_bodies() -> None:
    """Role texts stand for primary care, public health, services and Healthwatch."""
    roles = {
        "housing": "primary care, public health, community services, mental health and Healthwatch lead",
    }
    assert findings(place("housing", "E06000049", roles=roles), "PLC001") == []


def test_plc001_warns_of_each_missing_kind() -> None:
    """A place without its DPH and Healthwatch draws one warning naming both."""
    [finding] = findings(place("crewe-pcn", "E06000049", "RXA"), "PLC001")
    assert finding.severity is ic.checks.Severity.WARNING
    assert finding.message.endswith("does not include the Director of Public Health and Healthwatch among its members.")


def test_plc001_names_a_single_missing_kind_and_judges_place_icps() -> None:
    """A place-level ICP is a place partnership too; one missing kind is named alone."""
    land = build(
        ic.ICP(id="ce-icp", name="Cheshire East ICP", scope="place", statutory=False),
        ic.Post(id="dph", name="Director of Public Health"),
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.NHSTrust(id="RXA", name="CWP", services=["community", "mental-health"]),
        ic.GPPractice(id="N81001", name="A surgery"),
        *[ic.MemberOf(source=m, target="ce-icp") for m in ("dph", "E06000049", "RXA", "N81001")],
    )
    [finding] = findings(land, "PLC001")
    assert finding.message.endswith("does not include Healthwatch among its members.")


def test_plc001_does_not_judge_a_place_without_recorded_members() -> None:
    """A place whose membership is not recorded is not judged."""
    assert findings(place(), "PLC001") == []


# --- PLC002 ------------------------------------------------------------------------------------


def places(*extra: ic.Entity | ic.Relation) -> ic.Landscape:
    """Two places of one ICS, each with its own PCN."""
    return build(
        ic.ICS(id="cm-ics", name="C&M ICS"),
        ic.Place(id="ce-place", name="Cheshire East"),
        ic.Place(id="cw-place", name="Cheshire West"),
        ic.PCN(id="pcn-a", name="PCN A"),
        ic.PCN(id="pcn-b", name="PCN B"),
        ic.Within(source="ce-place", target="cm-ics"),
        ic.Within(source="cw-place", target="cm-ics"),
        ic.Within(source="pcn-a", target="ce-place"),
        ic.Within(source="pcn-b", target="cw-place"),
        *extra,
    )


def test_plc002_passes_disjoint_places() -> None:
    """Places with nothing in common pass."""
    assert findings(places(), "PLC002") == []


def test_plc002_warns_of_a_shared_pcn() -> None:
    """A PCN within two places of one ICS makes them overlap."""
    [finding] = findings(places(ic.Within(source="pcn-a", target="cw-place")), "PLC002")
    assert finding.entity == "ce-place"
    assert finding.related == ("cw-place", "pcn-a")
    assert finding.message.endswith("both contain pcn-a.")


def test_plc002_warns_of_an_overlaps_relation() -> None:
    """An Overlaps between two places of one ICS is an overlap."""
    [finding] = findings(places(ic.Overlaps(source="cw-place", target="ce-place", share=0.1)), "PLC002")
    assert finding.message.endswith(", overlap.")


# --- PRV001 ------------------------------------------------------------------------------------


def trusts(*extra: ic.Entity | ic.Relation) -> ic.Landscape:
    """An acute trust in a collaborative, a community trust outside one, and the given extras."""
    return build(
        ic.ProviderCollaborative(id="cmast", name="CMAST"),
        ic.NHSTrust(id="RBT", name="Mid Cheshire Hospitals", services=["acute"]),
        ic.NHSTrust(id="RY7", name="Wirral Community", services=["community"]),
        ic.MemberOf(source="RBT", target="cmast"),
        *extra,
    )


def test_prv001_passes_when_acute_and_mental_health_trusts_collaborate() -> None:
    """An acute trust in a collaborative passes; a community-only trust need not collaborate."""
    assert findings(trusts(), "PRV001") == []


def test_prv001_warns_of_a_mental_health_trust_outside_any_collaborative() -> None:
    """A mental health trust in no collaborative draws a warning."""
    land = trusts(
        ic.NHSTrust(id="RXA", name="CWP", services=["mental-health", "community"]),
        ic.ICP(id="icp", name="Not a collaborative"),
        ic.MemberOf(source="RXA", target="icp"),
    )
    [finding] = findings(land, "PRV001")
    assert finding.entity == "RXA"
    assert "provides mental-health services but is in no provider collaborative" in finding.message


def test_prv001_does_not_judge_a_landscape_without_collaboratives() -> None:
    """Without any provider collaborative, trusts are not judged."""
    assert findings(build(ic.NHSTrust(id="RBT", name="A trust", services=["acute"])), "PRV001") == []


# --- PCN001, PCN002, NBH001 --------------------------------------------------------------------


def practice(*memberships: tuple[str, tuple[str | None, str | None]]) -> ic.Landscape:
    """A practice and two PCNs, with the practice's memberships as ``(pcn, period)``."""
    return build(
        ic.GPPractice(id="N81001", name="A surgery"),
        ic.PCN(id="pcn-a", name="PCN A"),
        ic.PCN(id="pcn-b", name="PCN B"),
        *[ic.MemberOf(source="N81001", target=pcn, period=period) for pcn, period in memberships],
    )


def test_pcn001_passes_a_practice_that_moves_between_networks() -> None:
    """Consecutive memberships of two PCNs are fine."""
    land = practice(("pcn-a", (None, "2023-04-01")), ("pcn-b", ("2023-04-01", None)))
    assert findings(land, "PCN001") == []


def test_pcn001_warns_of_two_networks_at_once() -> None:
    """Membership of two PCNs at once draws a warning for the overlap only."""
    land = practice(("pcn-a", (None, "2024-01-01")), ("pcn-b", ("2023-04-01", None)))
    [finding] = findings(land, "PCN001")
    assert finding.related == ("pcn-a", "pcn-b")
    assert finding.period == ic.Period("2023-04-01", "2024-01-01")


@pytest.mark.parametrize(
    ("size", "flagged"), [(None, False), (30_000, False), (50_000, False), (20_000, True), (60_000, True)]
)
def test_pcn002_advises_on_sizes_outside_the_range(size: int | None, flagged: bool) -> None:  # noqa: FBT001
    """A PCN list outside 30,000 to 50,000 people draws advice; unknown sizes do not."""
    list_size = None if size is None else ic.quantity(size, "person")
    found = findings(build(ic.PCN(id="pcn", name="A PCN", list_size=list_size)), "PCN002")
    assert bool(found) is flagged
    if flagged:
        assert found[0].severity is ic.checks.Severity.ADVICE
        assert f"{size:,} people" in found[0].message


@pytest.mark.parametrize(("size", "flagged"), [(None, False), (45_000, False), (25_000, True), (0.1, True)])
def test_nbh001_advises_on_sizes_outside_the_range(size: float | None, flagged: bool) -> None:  # noqa: FBT001
    """A neighbourhood outside 30,000 to 50,000 people draws advice (a million people counts in people)."""
    population = None if size is None else ic.quantity(size, "million person")
    if size is not None and size > 1:
        population = ic.quantity(size, "person")
    found = findings(build(ic.Neighbourhood(id="hood", name="A neighbourhood", population=population)), "NBH001")
    assert bool(found) is flagged


# --- HWB001 ------------------------------------------------------------------------------------


def councils(*extra: ic.Entity | ic.Relation) -> ic.Landscape:
    """A unitary council with its board (by Establishes) and a district without one."""
    return build(
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.LocalAuthority(id="E07000001", name="A District Council", tier="district"),
        ic.HWB(id="ce-hwb", name="Cheshire East HWB"),
        ic.Establishes(source="E06000049", target="ce-hwb"),
        *extra,
    )


def test_hwb001_passes_councils_with_boards() -> None:
    """An upper-tier council with a board passes (a board may also lie Within its council)."""
    land = councils(
        ic.LocalAuthority(id="E08000012", name="Liverpool City Council", tier="metropolitan-district"),
        ic.HWB(id="lpool-hwb", name="Liverpool HWB"),
        ic.Within(source="lpool-hwb", target="E08000012"),
    )
    assert findings(land, "HWB001") == []


def test_hwb001_reports_an_upper_tier_council_without_a_board() -> None:
    """An upper-tier council with no board is an error; a district is not judged."""
    land = councils(ic.LocalAuthority(id="E10000012", name="Essex County Council", tier="county"))
    [finding] = findings(land, "HWB001")
    assert finding.entity == "E10000012"
    assert finding.citation.verification is ic.Verification.PARTLY_VERIFIED


def test_hwb001_does_not_judge_a_landscape_without_boards() -> None:
    """Without any health and wellbeing board, councils are not judged."""
    assert findings(build(ic.LocalAuthority(id="E10000012", name="Essex", tier="county")), "HWB001") == []


# --- GOV001, GOV002, GOV003 --------------------------------------------------------------------


def national(*extra: ic.Entity | ic.Relation) -> ic.Landscape:
    """NHS England, the Secretary of State, Parliament and an ICB, with a chain of accountability."""
    return build(
        ic.Parliament(id="parliament", name="UK Parliament"),
        ic.SecretaryOfState(id="sos", name="Secretary of State"),
        ic.NHSEngland(id="nhs-england", name="NHS England"),
        ic.ICB(id="QYG", name="NHS C&M ICB"),
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
        ic.AccountableTo(source="QYG", target="nhs-england"),
        ic.AccountableTo(source="nhs-england", target="sos"),
        ic.AccountableTo(source="sos", target="parliament"),
        ic.Delegation(source="nhs-england", target="QYG", functions=["dental-services", "local-thing"]),
        *extra,
    )


def test_gov001_passes_a_chain() -> None:
    """A chain ending at Parliament has no cycle."""
    assert findings(national(), "GOV001") == []


def test_gov001_reports_a_cycle() -> None:
    """Bodies accountable to one another in a loop are an error about the smallest id."""
    [finding] = findings(national(ic.AccountableTo(source="parliament", target="QYG")), "GOV001")
    assert finding.entity == "QYG"
    assert finding.related == ("nhs-england", "parliament", "sos")
    assert finding.message.endswith("are accountable to one another in a cycle.")


def test_gov002_passes_delegation_without_a_loop() -> None:
    """A one-way delegation has no cycle."""
    assert findings(national(), "GOV002") == []


def test_gov002_reports_a_delegation_loop_per_function() -> None:
    """Delegating the same function back is a cycle; a different function is not."""
    land = national(
        ic.Delegation(source="QYG", target="nhs-england", functions=["dental-services"]),
        ic.Delegation(source="QYG", target="E06000049", functions=["community-services"]),
    )
    [finding] = findings(land, "GOV002")
    assert finding.entity == "QYG"
    assert "delegate dental-services to one another" in finding.message


def test_gov003_passes_a_held_function_and_ignores_unknown_ones() -> None:
    """NHS England holds dental services; a function outside the registry is not judged."""
    assert findings(national(), "GOV003") == []


def test_gov003_reports_a_function_not_held() -> None:
    """A council delegating dental services, which it does not hold, is an error naming both bodies."""
    land = national(ic.Delegation(source="E06000049", target="QYG", functions=["dental-services"]))
    [finding] = findings(land, "GOV003")
    assert finding.entity == "E06000049"
    assert finding.related == ("QYG",)
    assert "delegates dental-services to NHS C&M ICB (QYG) but does not hold it" in finding.message


def test_gov003_does_not_run_under_the_health_bill() -> None:
    """Under the proposed Health Bill the registry's owners no longer hold, so the rule is not run."""
    land = national(ic.Delegation(source="E06000049", target="QYG", functions=["dental-services"]))
    assert findings(land, "GOV003", regime="health-bill-2026") == []


# --- DAT001 ------------------------------------------------------------------------------------


def test_dat001_passes_a_built_landscape() -> None:
    """The builder guarantees relations within lifetimes, so a built landscape passes."""
    assert findings(system(), "DAT001") == []


def test_dat001_reports_relations_outside_lifetimes_in_an_assembled_landscape() -> None:
    """A landscape assembled without the builder is checked for missing ends, lifetimes and successions."""
    entities = [
        ic.ICB(id="QYG", name="NHS C&M ICB", period=FROM_2022),
        ic.CCG(id="01V", name="A CCG", period=(None, "2021-01-01")),
        ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
    ]
    relations = [
        ic.Overlaps(source="E06000049", target="QYG", period=("2020-01-01", None)),
        ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)),
        ic.MemberOf(source="E06000049", target="ghost"),
    ]
    land = ic.Landscape._trusted("Assembled", entities, relations)
    found = findings(land, "DAT001")
    messages = [f.message for f in found]
    assert len(found) == 3
    assert any('names no entity "ghost" as its target' in m for m in messages)
    assert any("outside the lifetime of its target [2022-07-01, …)" in m for m in messages)
    assert any("source that does not exist the day before" in m for m in messages)
    assert [f.entity for f in findings(land, "DAT001", as_of="2020-06-01")] == ["E06000049", "E06000049"]


def test_dat001_reports_a_successor_missing_on_the_day() -> None:
    """A successor that does not exist on the succession date is reported."""
    entities = [
        ic.CCG(id="01V", name="A CCG", period=(None, "2022-07-01")),
        ic.ICB(id="QYG", name="NHS C&M ICB", period=("2022-08-01", None)),
    ]
    land = ic.Landscape._trusted(
        "", entities, [ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None))]
    )
    [finding] = findings(land, "DAT001")
    assert "target that does not exist on the day" in finding.message


# --- DAT002 ------------------------------------------------------------------------------------


def _ring(size: int, *, period: tuple[str, str | None] | None = None) -> list[ic.Entity | ic.Relation]:
    """Regions r00, r01... each Within the next, the last within the first."""
    ids = [f"r{i:02d}" for i in range(size)]
    within = [ic.Within(source=ids[i], target=ids[(i + 1) % size]) for i in range(size)]
    if period is not None:
        within[-1] = ic.Within(source=ids[-1], target=ids[0], period=period)
    return [*(ic.Region(id=i, name=i.upper()) for i in ids), *within]


@pytest.mark.parametrize("size", [2, 50])
def test_dat002_finds_areas_within_one_another_in_a_loop(size: int) -> None:
    """A loop of 2 or 50 areas, each Within the next, is one error naming the loop in order."""
    [finding] = findings(ic.LandscapeBuilder().add(*_ring(size)).build(), "DAT002")
    assert finding.severity is ic.checks.Severity.ERROR
    assert finding.entity == "r00"
    assert finding.message.startswith(f'R00 (r00) lies within itself through {size} bodies: "r00" within "r01" within')
    assert finding.message.endswith(f'within "r{size - 1:02d}" within "r00".')


def test_dat002_judges_each_date() -> None:
    """A loop closed only for a while is reported for that while only; a chain without a loop passes."""
    land = ic.LandscapeBuilder().add(*_ring(3, period=("2020-01-01", "2021-01-01"))).build()
    [finding] = findings(land, "DAT002")
    assert finding.period == ic.Period("2020-01-01", "2021-01-01")
    assert findings(land, "DAT002", as_of="2022-01-01") == []
    assert findings(system(), "DAT002") == []
