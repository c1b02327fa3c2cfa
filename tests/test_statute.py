"""The statute layer: regimes as data, their rules and citations, and the duties they derive."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import attrs
import pytest

import integratedcare as ic
from integratedcare._statute._areas import areas_of, councils_of

DOCS = Path(__file__).parent.parent / "docs"
GUIDE = ic.Citation(act="NHS Act 2006", section="s65Z7")


def shire() -> ic.Landscape:
    """Two ICB areas, five councils (one across both areas, one a district), and their documents."""
    return (
        ic.LandscapeBuilder("Shire")
        .add(
            ic.NHSEngland(id="nhse", name="NHS England"),
            ic.SecretaryOfState(id="sos", name="the Secretary of State"),
            ic.ICB(id="QAA", name="North ICB"),
            ic.ICB(id="QBB", name="South ICB"),
            ic.ICP(id="icp-a", name="North ICP"),
            ic.ICP(id="icp-b", name="South ICP"),
            ic.ICP(id="place-icp", name="An old place ICP", scope="place", statutory=False),
            ic.LocalAuthority(id="c1", name="Council One", tier="unitary"),
            ic.LocalAuthority(id="c2", name="Council Two", tier="unitary"),
            ic.LocalAuthority(id="c3", name="Council Three", tier="county"),
            ic.LocalAuthority(id="c4", name="Council Four", tier="unitary"),
            ic.LocalAuthority(id="d1", name="A District", tier="district"),
            ic.HWB(id="hwb-c1", name="Council One HWB"),
            ic.HWB(id="hwb-c4", name="Council Four HWB"),
            ic.Healthwatch(id="hw-c1", name="Healthwatch One"),
            ic.NHSTrust(id="T1", name="A Trust", services=["acute"]),
            ic.IntegratedCareStrategy(id="strat-a", name="North strategy"),
            ic.IntegratedCareStrategy(id="strat-b", name="South strategy"),
            ic.JSNA(id="jsna-c1", name="Council One JSNA"),
            ic.JLHWS(id="jlhws-c3", name="Council Three JLHWS"),
            ic.JFP(id="jfp-a", name="North forward plan"),
            ic.NHSMandate(id="mandate", name="The NHS mandate"),
            ic.Guidance(id="sos-guide", name="Strategy guidance"),
            ic.Guidance(id="s65z7-guide", name="Delegation guidance"),
            ic.Guidance(id="other-guide", name="Other NHS England guidance"),
            ic.Place(id="place-1", name="Place One"),
            ic.Committee(id="cttee", name="Place One committee", committee_type="place-committee"),
            ic.Within(source="place-1", target="QAA"),
            ic.Establishes(source="QAA", target="cttee"),
            ic.Within(source="cttee", target="place-1"),
            ic.Delegation(source="nhse", target="QAA", functions=["dental-services"]),
            ic.Establishes(source="QAA", target="icp-a"),
            ic.Within(source="icp-b", target="QBB"),
            ic.Establishes(source="c1", target="icp-a"),
            ic.Overlaps(source="c1", target="QAA"),
            ic.Overlaps(source="c2", target="QAA"),
            ic.Overlaps(source="c3", target="QAA", share=0.7),
            ic.Overlaps(source="c3", target="QBB", share=0.3),
            ic.Within(source="c4", target="QBB"),
            ic.Overlaps(source="d1", target="QAA"),
            ic.Establishes(source="c1", target="hwb-c1"),
            ic.Within(source="hwb-c4", target="c4"),
            ic.Within(source="hw-c1", target="c1"),
            ic.Prepares(source="icp-a", target="strat-a"),
            ic.Prepares(source="icp-b", target="strat-b"),
            ic.Prepares(source="hwb-c1", target="jsna-c1"),
            ic.Prepares(source="c1", target="jsna-c1"),
            ic.Prepares(source="QAA", target="jsna-c1"),
            ic.Prepares(source="c3", target="jlhws-c3"),
            ic.Prepares(source="QAA", target="jfp-a"),
            ic.Prepares(source="T1", target="jfp-a"),
            ic.Prepares(source="sos", target="sos-guide"),
            ic.Prepares(source="nhse", target="s65z7-guide", basis=GUIDE),
            ic.Prepares(source="nhse", target="other-guide"),
        )
        .build()
    )


def pairs(duties: tuple[ic.statute.DerivedDuty, ...]) -> set[tuple[str, str]]:
    """Return the holder and rule id of each duty."""
    return {(d.source, d.rule.id) for d in duties}


# --- regimes and rules ---------------------------------------------------------------------


def test_registry_holds_the_two_regimes() -> None:
    """REGIMES holds the 2022 Act (the default, commenced 2022-07-01) and the proposed Health Bill."""
    assert sorted(ic.REGIMES) == ["hca-2022", "health-bill-2026"]
    assert ic.statute.DEFAULT_REGIME == "hca-2022"
    hca = ic.REGIMES["hca-2022"]
    assert hca.commencement == dt.date(2022, 7, 1)
    assert not hca.proposed
    bill = ic.REGIMES["health-bill-2026"]
    assert bill.proposed
    assert bill.commencement is None
    assert bill.period == ic.ALWAYS


def test_regime_chooses_by_id_date_or_object() -> None:
    """regime() returns the default, the regime named, the one given, or the enacted one for a date."""
    assert ic.statute.legal_regime() is ic.REGIMES["hca-2022"]
    assert ic.statute.legal_regime(None, as_of="2024-01-01") is ic.REGIMES["hca-2022"]
    assert ic.statute.legal_regime(as_of=dt.date(2020, 1, 1)) is ic.REGIMES["hca-2022"]
    assert ic.statute.legal_regime("health-bill-2026") is ic.REGIMES["health-bill-2026"]
    custom = ic.Regime(id="mine", title="Mine")
    assert ic.statute.legal_regime(custom) is custom


def test_unknown_regime_is_a_key_error_listing_the_known() -> None:
    """An unknown regime id raises UnknownRegimeError (a KeyError) naming the known ids."""
    with pytest.raises(
        ic.errors.UnknownRegimeError, match=r'no legal regime "hca-2023"; known regimes: hca-2022, health-bill'
    ):
        ic.statute.legal_regime("hca-2023")
    with pytest.raises(KeyError):
        ic.statute.legal_regime("")


def test_unknown_rule_is_named() -> None:
    """Regime.rule raises UnknownRuleError for an id it does not hold."""
    with pytest.raises(ic.errors.UnknownRuleError, match=r'regime "hca-2022" has no rule "s999"'):
        ic.statute.legal_regime().rule("s999")


def test_errors_pickle() -> None:
    """The statute layer's errors survive pickling with their fields."""
    err = pickle.loads(pickle.dumps(ic.errors.UnknownRegimeError(id="x", known=("a",))))  # noqa: S301 (our own bytes)
    assert (err.id, err.known, str(err)) == ("x", ("a",), 'no legal regime "x"; known regimes: a')
    rule_err = pickle.loads(pickle.dumps(ic.errors.UnknownRuleError(regime="r", rule="s1")))  # noqa: S301
    assert str(rule_err) == 'regime "r" has no rule "s1"'


def test_rules_carry_the_verification_of_the_reference_notes() -> None:
    """Every 2022 rule cites its section with the status recorded in the reference notes (§1)."""
    expected = {
        "s116ZA(1)": ic.Verification.VERIFIED,
        "s116ZB": ic.Verification.VERIFIED,
        "s116B(1)": ic.Verification.PARTLY_VERIFIED,
        "s116B(2)": ic.Verification.UNVERIFIED,
        "s14Z52": ic.Verification.VERIFIED,
        "s14Z54": ic.Verification.PARTLY_VERIFIED,
        "s65Z7": ic.Verification.VERIFIED,
    }
    for rule in ic.statute.legal_regime("hca-2022").rules:
        assert rule.provision is not None
        assert rule.citation == ic.statute.RULEBOOK[rule.provision].citation, rule.id  # read from the rulebook
        prefix = next((p for p in expected if rule.citation.section.startswith(p)), None)
        if (prefix is not None and rule.citation.act == "LGPIHA 2007") or prefix in {"s14Z52", "s14Z54", "s65Z7"}:
            assert rule.citation.verification is expected[prefix], rule.id


def test_issue_rules_are_present() -> None:
    """The 2022 regime holds each rule the issue lists, with its holder, duty, object and connection."""
    hca = ic.statute.legal_regime("hca-2022")
    strategy = hca.rule("s116B-1-council-strategy")
    assert (strategy.holder, strategy.duty, strategy.object, strategy.connection) == (
        ic.LocalAuthority,
        ic.DutyKind.HAVE_REGARD_TO,
        ic.IntegratedCareStrategy,
        ic.statute.Connection.GEOGRAPHIC_OVERLAP,
    )
    assert hca.rule("s116B-1-icb-jsna").connection is ic.statute.Connection.PARTNERSHIP
    assert hca.rule("s116B-2-nhse-strategy").citation.verification is ic.Verification.UNVERIFIED
    assert hca.rule("s116ZB-3a-icp-mandate").object is ic.NHSMandate
    assert hca.rule("s116ZB-3b-icp-guidance").issuer is ic.SecretaryOfState
    assert hca.rule("s116ZB-2-icp-consider-s75").duty is ic.DutyKind.CONSIDER
    assert hca.rule("s116ZB-4-icp-involve-healthwatch").duty is ic.DutyKind.INVOLVE
    assert hca.rule("s116ZB-7-icp-copy-council").duty is ic.DutyKind.GIVE_COPY_TO
    assert hca.rule("s116ZA-1-council-establish-icp").duty is ic.DutyKind.ESTABLISH
    assert hca.rule("s14Z52-1-trust-prepare-jfp").holder is ic.NHSTrust
    assert hca.rule("s14Z54-icb-consult-hwb").duty is ic.DutyKind.CONSULT
    assert {r.holder for r in hca.rules if r.under == "s65Z7"} == {ic.ICB, ic.NHSTrust, ic.NHSEngland}


def test_health_bill_drops_what_it_abolishes() -> None:
    """The Health Bill regime has no NHS England, mandate, Healthwatch or ICP requirement; NHS England's roles move.

    What it does to the strategy an ICP prepares was not seen: those duties are kept, each flagged unverified.
    """
    bill = ic.statute.legal_regime("health-bill-2026")
    hca = {r.id for r in ic.statute.legal_regime("hca-2022").rules}
    added = {c.provision for c in bill.changes if c.effect == "added"}
    assert bill.rules
    for rule in bill.rules:
        assert rule.holder is not ic.NHSEngland
        assert rule.object not in {ic.NHSMandate, ic.Healthwatch}
        icp = ic.IntegratedCareStrategy in (rule.object, rule.holder) or ic.ICP in (rule.object, rule.holder)
        if icp and rule.holder is not ic.SecretaryOfState:  # the SoS's limb is NHS England's, moved
            assert rule.citation.verification is ic.Verification.UNVERIFIED
            assert "what it does to the strategy an ICP prepares" in (rule.citation.note or ""), rule.id
        assert rule.duty is not ic.DutyKind.ESTABLISH
        assert rule.citation.verification is not ic.Verification.VERIFIED  # the Bill's clauses were not read
        assert (rule.citation.note or "").startswith("as it would stand under the Health Bill 2026")
        assert rule.id in hca or rule.id.replace("-sos-", "-nhse-") in hca or rule.provision in added, rule.id
    moved = {r.id for r in bill.rules if r.holder is ic.SecretaryOfState}
    assert {"s14Z59-1-sos-assess-icb", "sch1B-5-sos-appoint-chair", "s5A-sos-delegate-icb"} <= moved
    assert all(p.holders != (ic.NHSEngland,) for p in bill.provisions)
    assert bill.provision("dental-services").holders == (ic.ICB,)
    with pytest.raises(ic.statute.UnknownRuleError):
        bill.provision("lgpiha-s116ZA(1)")
    with pytest.raises(ic.statute.UnknownRuleError):
        bill.change("nhsa-s14Z35")


def test_rule_words_and_kinds() -> None:
    """A rule names its kinds as text and says its duty in words."""
    rule = ic.statute.legal_regime().rule("s116ZB-4-icp-involve-people")
    assert rule.holder_kind == "integrated-care-partnership"
    assert rule.object_kind == "integrated-care-strategy"
    assert rule.phrase.startswith("must involve the people")
    assert ic.statute.legal_regime().rule("s116B-1-icb-strategy").phrase == "must have regard to"


def test_rule_and_regime_validate_their_fields() -> None:
    """A rule's holder must be an entity class, and a regime names each rule once."""
    rule = ic.statute.legal_regime().rule("s116B-1-icb-strategy")
    with pytest.raises(ic.errors.InvalidValueError, match=r'duty rule "x": holder must be an entity class'):
        attrs.evolve(rule, id="x", holder=str)  # type: ignore[arg-type]
    with pytest.raises(
        ic.errors.InvalidValueError, match=r'regime "r": rules name rule "s116B-1-icb-strategy" more than once'
    ):
        ic.Regime(id="r", title="R", rules=[rule, rule])
    assert ic.Regime(id="r", title="R", commencement="2030-01-01").commencement == dt.date(2030, 1, 1)


def test_statute_map_names_every_rule_with_its_status() -> None:
    """docs/statute.md lists every rule of every regime with its citation and verification status."""
    text = (DOCS / "statute.md").read_text(encoding="utf-8")
    sections = re.split(r"^## `", text, flags=re.MULTILINE)[1:]
    by_regime = {section.split("`", 1)[0]: section for section in sections}
    assert set(by_regime) == set(ic.REGIMES)
    for regime_id, regime in ic.REGIMES.items():
        rows = {
            cells[0].strip("`"): cells
            for line in by_regime[regime_id].splitlines()
            if line.startswith("| `")
            for cells in [[c.strip() for c in line.strip("|").split("|")]]
        }
        assert set(rows) == {rule.id for rule in regime.rules}, regime_id
        for rule in regime.rules:
            assert rows[rule.id][5] == str(rule.citation)
            assert rows[rule.id][6] == rule.citation.verification.value


# --- areas ---------------------------------------------------------------------------------


def test_areas_follow_the_documented_conventions() -> None:
    """ICBs, councils, ICPs, boards, Healthwatch and documents lie in the ICB areas the conventions say."""
    land = shire()

    def icbs(entity_id: str) -> set[str]:
        return {icb for icb, _ in areas_of(land, land[entity_id])}

    assert icbs("QAA") == {"QAA"}
    assert icbs("c3") == {"QAA", "QBB"}
    assert icbs("c4") == {"QBB"}
    assert icbs("icp-a") == {"QAA"}  # established by the ICB; the council's Establishes gives no area
    assert icbs("icp-b") == {"QBB"}
    assert icbs("hwb-c4") == {"QBB"}
    assert icbs("hw-c1") == {"QAA"}
    assert icbs("strat-b") == {"QBB"}
    assert icbs("nhse") == set()
    assert icbs("place-1") == {"QAA"}
    assert icbs("cttee") == set()  # an ICB establishing it, or a place containing it, gives no area
    assert areas_of(land, ic.Post(id="p", name="A post")) == ()


def test_councils_of_a_document() -> None:
    """A document belongs to the councils that prepare it, directly or through their boards, not to ICBs."""
    land = shire()
    found = councils_of(land, land["jsna-c1"])
    assert sorted((council, len(path)) for council, path in found) == [("c1", 1), ("c1", 2)]


# --- derived duties ------------------------------------------------------------------------


def test_duties_towards_a_strategy() -> None:
    """Each responsible council and the ICB of a strategy's area, and NHS England, must have regard to it."""
    duties = ic.statute.derived_duties(shire(), target="strat-a")
    regard = {(d.source, d.rule.citation.section) for d in duties if d.duty is ic.DutyKind.HAVE_REGARD_TO}
    assert regard == {
        ("QAA", "s116B(1)"),
        ("c1", "s116B(1)"),
        ("c2", "s116B(1)"),
        ("c3", "s116B(1)"),
        ("nhse", "s116B(2)"),
    }
    assert pairs(duties) >= {("icp-a", "s116ZB-1-icp-prepare-strategy"), ("icp-a", "s116ZB-4-icp-involve-people")}


def test_a_council_in_two_areas_regards_both_strategies() -> None:
    """A council overlapping two ICB areas must have regard to both areas' strategies."""
    land = shire()
    towards = {
        d.target for d in ic.statute.derived_duties(land, source="c3") if d.rule.id == "s116B-1-council-strategy"
    }
    assert towards == {"strat-a", "strat-b"}


def test_establishment_duties() -> None:
    """The ICB and every responsible council in its area must establish its ICP; districts and old ICPs do not count."""
    duties = ic.statute.derived_duties(shire(), target="icp-a")
    assert {d.source for d in duties if d.duty is ic.DutyKind.ESTABLISH} == {"QAA", "c1", "c2", "c3"}
    assert ic.statute.derived_duties(shire(), target="place-icp") == ()
    assert ic.statute.derived_duties(shire(), source="d1") == ()


def test_partnership_duties_reach_partner_icbs_only() -> None:
    """The JSNA binds its council and the council's partner ICBs, through the shortest path."""
    duties = ic.statute.derived_duties(shire(), target="jsna-c1")
    assert pairs(duties) == {
        ("c1", "s116B-1-council-jsna"),
        ("QAA", "s116B-1-icb-jsna"),
        ("QAA", "s116-4b-icb-prepare-jsna"),  # the partner ICB prepares it with the council
        ("icp-a", "s116ZB-6-icp-reconsider-jsna"),  # the partnership whose area it covers reconsiders its strategy
        ("nhse", "s116B-2-nhse-jsna"),
    }
    council_duty = next(d for d in duties if d.source == "c1")
    assert [r.kind for r in council_duty.via] == ["prepares"]
    jlhws = ic.statute.derived_duties(shire(), target="jlhws-c3")
    assert {d.source for d in jlhws if d.rule.connection is ic.statute.Connection.PARTNERSHIP} == {"c3", "QAA", "QBB"}


def test_national_duties_respect_issuer_and_section() -> None:
    """Guidance binds the ICP only if the Secretary of State issued it, and ICBs only if issued under s65Z7."""
    land = shire()
    assert pairs(ic.statute.derived_duties(land, target="sos-guide")) == {
        ("icp-a", "s116ZB-3b-icp-guidance"),
        ("icp-b", "s116ZB-3b-icp-guidance"),
    }
    assert {d.source for d in ic.statute.derived_duties(land, target="s65z7-guide")} == {"QAA", "QBB", "T1", "nhse"}
    assert ic.statute.derived_duties(land, target="other-guide") == ()
    assert {d.source for d in ic.statute.derived_duties(land, target="mandate")} == {"icp-a", "icp-b"}


def test_forward_plan_duties() -> None:
    """The ICB and its trust prepare the plan; the board of a council in the area gives its opinion."""
    land = shire()
    assert pairs(ic.statute.derived_duties(land, target="jfp-a")) == {
        ("QAA", "s14Z52-1-icb-prepare-jfp"),
        ("T1", "s14Z52-1-trust-prepare-jfp"),
        ("hwb-c1", "s14Z54-hwb-opinion-jfp"),
    }
    assert {d.target for d in ic.statute.derived_duties(land, source="QAA") if d.duty is ic.DutyKind.CONSULT} == {
        "hwb-c1"
    }


def test_icp_duties_to_involve_and_give_copies() -> None:
    """The ICP involves its area's Healthwatch and gives copies to its councils and its ICB."""
    duties = ic.statute.derived_duties(shire(), source="icp-a")
    assert {(d.target, d.duty) for d in duties if d.duty is not ic.DutyKind.HAVE_REGARD_TO} >= {
        ("hw-c1", ic.DutyKind.INVOLVE),
        ("c1", ic.DutyKind.GIVE_COPY_TO),
        ("c3", ic.DutyKind.GIVE_COPY_TO),
        ("QAA", ic.DutyKind.GIVE_COPY_TO),
    }
    assert "d1" not in {d.target for d in duties}


def test_holder_and_object_views_agree_with_the_whole() -> None:
    """Duties by holder and by object are exactly the matching duties of the whole landscape."""
    land = shire()
    everything = ic.statute.derived_duties(land)
    for entity in land:
        assert ic.statute.derived_duties(land, source=entity) == tuple(d for d in everything if d.source == entity.id)
        assert set(ic.statute.derived_duties(land, target=entity.id)) == {
            d for d in everything if d.target == entity.id
        }


def test_duties_start_at_commencement() -> None:
    """Derived duties hold from 2022-07-01 and none exist on an earlier date."""
    land = shire()
    assert all(d.period.start == dt.date(2022, 7, 1) for d in ic.statute.derived_duties(land))
    assert ic.statute.derived_duties(land, as_of="2022-06-30") == ()
    assert ic.statute.derived_duties(land, as_of="2022-07-01") == ic.statute.derived_duties(land)


def test_duties_need_every_link_in_force() -> None:
    """A duty holds only while its connecting relations do; with as_of, entities not in force give nothing."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QAA", name="North ICB"),
            ic.ICP(id="icp", name="North ICP"),
            ic.LocalAuthority(id="c1", name="Council One", tier="unitary", period=(None, "2024-04-01")),
            ic.Establishes(source="QAA", target="icp"),
            ic.Overlaps(source="c1", target="QAA", period=("2023-01-01", "2024-04-01")),
            ic.Overlaps(source="c1", target="QAA", period=(None, "2020-01-01")),
        )
        .build()
    )
    duties = [d for d in ic.statute.derived_duties(land, source="c1") if d.rule.duty is ic.DutyKind.ESTABLISH]
    assert [d.rule.id for d in duties] == ["s116ZA-1-council-establish-icp"]
    assert str(duties[0].period) == "[2023-01-01, 2024-04-01)"
    assert ic.statute.derived_duties(land, source="c1", as_of="2024-04-01") == ()
    towards = ic.statute.derived_duties(land, source="c1", as_of="2023-06-01")
    assert ic.statute.derived_duties(land, target="icp", source="c1", as_of="2023-06-01") == tuple(
        d for d in towards if d.target == "icp"
    )


def test_health_bill_derives_no_nhse_or_establishment_duty() -> None:
    """Under the Health Bill nobody must establish an ICP and NHS England owes nothing."""
    land = shire()
    duties = ic.statute.derived_duties(land, regime="health-bill-2026")
    assert duties
    assert not [d for d in duties if d.duty is ic.DutyKind.ESTABLISH or d.source == "nhse"]
    assert all(d.regime == "health-bill-2026" for d in duties)
    assert ic.statute.derived_duties(land, regime="health-bill-2026", as_of="2020-01-01") != ()


def test_derived_duties_are_cached_and_resolve_ids() -> None:
    """Repeated calls return the cached tuple; entities and ids are both accepted; unknown ids raise."""
    land = shire()
    assert ic.statute.derived_duties(land) is ic.statute.derived_duties(land)
    assert ic.statute.derived_duties(land, target=land["strat-a"]) == ic.statute.derived_duties(land, target="strat-a")
    with pytest.raises(ic.errors.UnknownEntityError, match=r'no entity with id "strat-x"'):
        ic.statute.derived_duties(land, target="strat-x")
    with pytest.raises(ic.errors.UnknownRegimeError):
        ic.statute.derived_duties(land, regime="nope")


def test_derived_duty_is_a_duty_relation() -> None:
    """A derived duty is an ic.Duty whose basis is its rule's citation and whose kind is "duty"."""
    duty = ic.statute.derived_duties(shire(), target="strat-a", source="c1")[0]
    assert isinstance(duty, ic.Duty)
    assert duty.kind == "duty"
    assert duty.basis == duty.rule.citation
    assert duty.context == "when exercising any functions"
    assert [r.kind for r in duty.via] == ["overlaps", "establishes", "prepares"]


def test_custom_regime_conditions_apply_to_local_connections() -> None:
    """A rule's section condition filters objects for any connection, in a regime of the user's own."""
    rule = ic.statute.DutyRule(
        id="local-guidance",
        holder=ic.ICB,
        duty="must have regard to",
        object=ic.Guidance,
        connection="preparation",
        citation=GUIDE,
        under="s65Z7",
        description="An ICB must have regard to delegation guidance it prepares.",
    )
    mine = ic.Regime(id="mine", title="Mine", commencement="2025-01-01", rules=[rule])
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QAA", name="North ICB"),
            ic.Guidance(id="g1", name="Guidance one"),
            ic.Guidance(id="g2", name="Guidance two"),
            ic.Prepares(source="QAA", target="g1", basis=GUIDE),
            ic.Prepares(source="QAA", target="g2"),
        )
        .build()
    )
    duties = ic.statute.derived_duties(land, regime=mine)
    assert [(d.source, d.target, d.regime) for d in duties] == [("QAA", "g1", "mine")]
    assert str(duties[0].period) == "[2025-01-01, …)"
