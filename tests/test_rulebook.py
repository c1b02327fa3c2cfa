"""The rulebook: one source of legal truth, read by the regimes, the functions registry and the checks."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

import integratedcare as ic
from integratedcare._checks._registry import RULES
from integratedcare._governance._budgets import SECTION_75

PACKAGE = Path(ic.__file__).parent
ROOT = Path(__file__).parents[1]

SECTION = re.compile(
    r"(?<![\w/.-])(?:s{1,2}\d+[A-Z]*\d*[A-Z]*(?:\(\w+\))*|Sch(?:edule)?\.? ?\d+[A-Z]*|Part \d+)(?![\w/])"
)
ACT = re.compile(
    r"\b(?:NHS Act|LGPIHA|Care Act|Children Act|Health and Social Care Act|Health and Care Act|"
    r"Local Government and Public Involvement in Health Act)\b"
)


def _documentation(tree: ast.Module) -> set[int]:
    """Return the ids of the string nodes that are documentation: docstrings and a check's ``notes=``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            found.update(
                id(statement.value)
                for statement in body
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            )
        if isinstance(node, ast.keyword) and node.arg == "notes" and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
    return found


def literals_outside_the_statute_layer() -> list[str]:
    """Return each string literal outside ``_statute/`` that holds a section number or an act's name."""
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("_statute/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        documentation = _documentation(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in documentation:
                continue
            if SECTION.search(node.value) or ACT.search(node.value):
                found.append(f"{relative}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_module_outside_the_statute_layer_states_the_law() -> None:
    """Only the statute layer names sections and acts; other modules cite its rulebook (docs and data excepted)."""
    assert literals_outside_the_statute_layer() == []


def test_the_scan_would_catch_a_section_or_an_act() -> None:
    """The patterns the scan uses match the forms citations take, and not ordinary text."""
    for text in ("s116ZA(1)", "s14Z58(2)(d)", "Sch 1B para 5", "Part 4", "ss223GB-223N", "NHS Act 2006", "s75"):
        assert SECTION.search(text) or ACT.search(text), text
    for text in ("services", "icb-s1", "2024-06-01", "https://legislation.gov.uk/ukpga/2006/41/section/14Z58"):
        assert not SECTION.search(text), text
        assert not ACT.search(text), text


def _in_rulebook(citation: ic.Citation) -> bool:
    """Whether a citation cites a rulebook entry (its act and section)."""
    return any((p.act, p.section) == (citation.act, citation.section) for p in ic.statute.RULEBOOK.values())


def test_every_citation_comes_from_the_rulebook() -> None:
    """Checks, functions, delegation routes and derived duties under every regime cite rulebook entries."""
    citations = [rule.citation for rule in RULES.values() if isinstance(rule.citation, ic.Citation)]
    assert len(citations) >= 5  # the statute and structure checks
    for regime in ic.REGIMES.values():
        citations.extend(entry.citation for entry in regime.functions())
        citations.extend(rule.citation for rule in regime.rules)
        for rule in regime.rules:
            entry = regime.provision(rule.provision or "")
            assert (entry.act, entry.section) == (rule.citation.act, rule.citation.section), rule.id
    citations.extend(f.citation for f in ic.governance.FUNCTIONS.values() if f.citation is not None)
    citations.extend(k.citation for k in ic.governance.DelegationBasisKind if k.citation is not None)
    citations.append(SECTION_75)
    missing = sorted({str(c) for c in citations if not _in_rulebook(c)} - {str(p.citation) for p in _added()})
    assert missing == []


def _added() -> tuple[ic.statute.Provision, ...]:
    """The provisions the Health Bill would add (they are its own, not the enacted rulebook's)."""
    bill = ic.statute.legal_regime("health-bill-2026")
    return tuple(bill.provision(c.provision) for c in bill.changes if c.effect == "added")


def test_derived_duties_on_a_dataset_cite_the_rulebook() -> None:
    """Every duty derived for a bundled dataset, and every answer of duties_of, cites a rulebook entry."""
    land = ic.datasets.load("brackenshire")
    duties = ic.statute.derived_duties(land)
    assert duties
    assert all(_in_rulebook(d.basis) for d in duties if isinstance(d.basis, ic.Citation))
    answers = ic.duties_of(land, "brackenshire-icb", as_of="2024-06-01")
    assert all(_in_rulebook(a.basis) for a in answers if a.derived and isinstance(a.basis, ic.Citation))


def test_every_entry_has_a_status_and_a_source_when_verified() -> None:
    """Each entry is verified with a source, or says why not."""
    assert len(ic.statute.RULEBOOK) >= 50
    for entry in ic.statute.RULEBOOK.values():
        if entry.verification is ic.Verification.VERIFIED:
            assert entry.source, entry.id  # the page that was read
        else:
            assert entry.note, entry.id
        assert entry.act in ic.statute.ACTS
        assert entry.connection in {None, *(c.value for c in ic.statute.Connection)}, entry.id


def test_the_issue_sections_are_covered() -> None:
    """The sections the rulebook issue lists are all entries, with the doubtful citations fixed."""
    sections = {(p.act, p.section) for p in ic.statute.RULEBOOK.values()}
    nhsa, lgpiha = "NHS Act 2006", "LGPIHA 2007"
    wanted = [(nhsa, f"s14Z{n}") for n in range(34, 46)] + [
        (nhsa, "s14Z58(1)"), (nhsa, "s14Z58(3)"), (nhsa, "s14Z56(1)"), (nhsa, "s14Z52(1)"), (nhsa, "s14Z54"),
        (nhsa, "s14Z59(1)"), (nhsa, "s14Z59(4)"), (nhsa, "s14Z60"), (nhsa, "s14Z61"), (nhsa, "ss223GB-223N"),
        (nhsa, "s223GC(1)"), (lgpiha, "s116(4)(b)"), (lgpiha, "s116A"), (lgpiha, "s116(5A)"),
        (lgpiha, "s116ZB(6)"), (nhsa, "Sch 1B para 4"), (nhsa, "Sch 1B para 5"), (nhsa, "Sch 1B para 8"),
        (nhsa, "s72"), (nhsa, "s82"), (nhsa, "s13YB"), (nhsa, "s65Z5"),
    ]  # fmt: skip
    assert [w for w in wanted if w not in sections] == []
    functions = ic.governance.FUNCTIONS
    assert str(functions["childrens-services"].citation) != "Children Act 2004 s10"
    assert str(functions["better-care-fund"].citation) == "NHS Act 2006 s223GA"
    chair = ic.statute.legal_regime().rule("sch1B-5-nhse-appoint-chair")
    assert str(chair.citation) == "NHS Act 2006 Sch 1B para 5"
    assert ic.statute.provision("nhsa-s14Z54").verification is ic.Verification.PARTLY_VERIFIED  # flagged
    joint = ic.Citation(act=nhsa, section="s65Z6")
    land = ic.LandscapeBuilder().add(ic.ICB(id="QAA", name="A"), ic.ICB(id="QBB", name="B")).build()
    route = ic.governance.delegation_basis(
        land, ic.Delegation(source="QAA", target="QBB", functions=["x"], basis=joint)
    )
    assert route is ic.governance.DelegationBasisKind.JOINT_WORKING
    assert str(route.citation) == "NHS Act 2006 s65Z5"  # joint committees arise under s65Z5 arrangements


def test_provision_lookup_and_errors() -> None:
    """Entries are found by id; an unknown id is an error naming it; entries validate their holders."""
    assert str(ic.statute.cite("lgpiha-s116ZB(6)")) == "LGPIHA 2007 s116ZB(6)"
    with pytest.raises(ic.statute.UnknownRuleError, match="nope"):
        ic.statute.provision("nope")
    with pytest.raises(ic.errors.InvalidValueError, match="holders"):
        ic.statute.Provision(id="x", act="A", section="s1", kind="duty", holders=(), title="t", text="must")
    assert ic.statute.provision("nhsa-s14Z35").binds(ic.ICB)
    assert not ic.statute.provision("nhsa-s14Z35").binds(ic.LocalAuthority(id="c", name="C", tier="unitary"))
    assert (
        str(ic.statute.provision("nhsa-s14Z35")) == "NHS Act 2006 s14Z35: general duty of ICBs: reducing inequalities"
    )


def test_rulebook_refuses_a_repeated_id() -> None:
    """The rulebook names each provision once."""
    from integratedcare._statute._rulebook import _index  # noqa: PLC0415 (the private builder)

    entry = ic.statute.provision("nhsa-s72")
    with pytest.raises(ic.errors.InvalidValueError, match="nhsa-s72"):
        _index((entry, entry))


# --- the register and the comparison ------------------------------------------------------------


def test_an_icb_register_is_complete() -> None:
    """duties_of an ICB in England lists dozens of duties: general, annual report, plans, finance, regard."""
    land = ic.datasets.load("england")
    answers = ic.duties_of(land, "QYG", as_of="2024-06-01")
    assert len(answers) >= 40
    cited = {str(a.basis) for a in answers}
    general = [f"s14Z{n}" for n in range(34, 46)]  # the general duties of ICBs
    plans = ["s14Z58(1)", "s14Z58(3)", "s14Z56(1)", "s14Z52(1)", "s14Z54"]  # annual report, capital plan, JFP
    for section in (*general, *plans, "s223GC(1)", "ss223GB-223N"):  # and the financial duties
        assert f"NHS Act 2006 {section}" in cited, section
    assert "LGPIHA 2007 s116B(1)" in cited
    # england holds no needs assessments or JLHWSs, so the regard to them is shown where they are modelled
    for dataset, body, document in (
        ("cheshire-and-merseyside", "QYG", ic.JointLocalHealthAndWellbeingStrategy),
        ("brackenshire", "brackenshire-icb", ic.JointStrategicNeedsAssessment),
        ("brackenshire", "brackenshire-icb", ic.JointLocalHealthAndWellbeingStrategy),
    ):
        regard = [
            a
            for a in ic.duties_of(ic.datasets.load(dataset), body, as_of="2024-06-01")
            if isinstance(a.subject, document) and a.kind == "must have regard to"
        ]
        assert regard, (dataset, document)
        assert all(str(a.basis) == "LGPIHA 2007 s116B(1)" for a in regard)
    own = [a for a in answers if a.subject == a.holder]
    assert own
    assert all(a.kind == "must discharge" and a.period.contains(dt.date(2024, 6, 1)) for a in own)
    assert str(own[0]).startswith("NHS Cheshire and Merseyside Integrated Care Board must ")
    assert "(NHS Act 2006" in str(own[0])


def test_the_health_bill_register_differs_as_its_changes_say() -> None:
    """Under the Health Bill an ICB loses exactly what the changes remove; NHS England's powers become the SoS's."""
    land = ic.datasets.load("brackenshire")
    bill_law = ic.statute.legal_regime("health-bill-2026")
    effects = {c.provision: c for c in bill_law.changes}
    hca = {a.rule: a for a in ic.duties_of(land, "brackenshire-icb", as_of="2024-06-01")}
    bill = {a.rule: a for a in ic.duties_of(land, "brackenshire-icb", as_of="2024-06-01", regime="health-bill-2026")}
    assert set(bill) <= set(hca)
    abolished = (ic.NHSMandate, ic.Healthwatch, ic.NHSEngland)
    for rule_id in (r for r in hca if r is not None):  # None: a duty of the body's own conduct, as on each date
        rule = ic.statute.legal_regime().rule(rule_id)
        change = effects.get(rule.provision or "")
        gone = (change is not None and change.effect == "removed") or rule.object in abolished
        assert (rule_id not in bill) == gone, rule_id
        if not gone:
            basis = bill[rule_id].basis
            assert isinstance(basis, ic.Citation)
            assert change is None or change.summary in (basis.note or ""), rule_id
    assert "s116ZA-1-icb-establish-icp" not in bill  # the requirement to set up ICPs goes (impact assessment)
    kept = bill["s116B-1-icb-strategy"].basis  # what it does to strategies was not seen: kept, flagged
    assert isinstance(kept, ic.Citation)
    assert kept.verification is ic.Verification.UNVERIFIED
    assert "was not seen" in (kept.note or "")
    sos = {a.rule for a in ic.duties_of(land, "secretary-of-state", as_of="2024-06-01", regime="health-bill-2026")}
    assert {"s14Z59-1-sos-assess-icb", "s5A-sos-delegate-icb", "s7B-sos-direct-icb"} <= sos
    assert ic.duties_of(land, "nhs-england", as_of="2024-06-01", regime="health-bill-2026") == ()


def test_own_duties_of_a_kind() -> None:
    """own_duties lists what the law gives a kind of body, by regime and commencement."""
    icb = {p.id for p in ic.statute.own_duties(ic.ICB)}
    assert {"nhsa-s14Z35", "nhsa-s14Z58(1)", "nhsa-s223GC(1)", "lgpiha-s116B(1)"} <= icb
    assert ic.statute.own_duties(ic.ICB, as_of="2022-06-30") == ()  # before the regime commenced, none
    sos = {p.id for p in ic.statute.own_duties(ic.SecretaryOfState, regime="health-bill-2026")}
    assert {"nhsa-s14Z59(1)", "nhsa-s5A"} <= sos
    assert all(p.kind is not ic.statute.ProvisionKind.FUNCTION for p in ic.statute.own_duties(ic.NHSEngland))


def test_compare_law_between_regimes_and_dates() -> None:
    """Comparing two regimes or two dates lists the provisions gained and lost, with their citations."""
    bill = ic.statute.compare_law(ic.ICB, "hca-2022", "health-bill-2026")
    assert {p.id for p in bill.gained} == {
        "primary-medical-services", "dental-services", "ophthalmic-services", "pharmaceutical-services",
    }  # fmt: skip
    assert "lgpiha-s116ZA(1)" in {p.id for p in bill.lost}
    assert bill
    assert str(bill).splitlines()[0] == "The law for integrated-care-board: hca-2022 -> health-bill-2026"
    assert "+ NHS Act 2006 Part 5 (unverified): Dental services" in str(bill)
    dates = ic.statute.compare_law(ic.ICB(id="QAA", name="A"), dt.date(2022, 6, 30), "2022-07-01")
    assert dates.before == "hca-2022 on 2022-06-30"
    assert not dates.lost
    assert "nhsa-s14Z58(1)" in {p.id for p in dates.gained}
    same = ic.statute.compare_law(ic.ICB, "hca-2022", ic.statute.legal_regime())
    assert not same
    assert str(same).endswith("no difference")
    with pytest.raises(ic.errors.InvalidValueError):
        ic.statute.compare_law(ic.ICB, "no-such-regime", "hca-2022")
    district = ic.LocalAuthority(id="d1", name="District One", tier="district")
    assert not ic.statute.compare_law(district, "hca-2022", "health-bill-2026")  # not a responsible authority
    unitary = ic.LocalAuthority(id="u1", name="Unitary One", tier="unitary")
    assert "lgpiha-s116ZA(1)" in {p.id for p in ic.statute.compare_law(unitary, "hca-2022", "health-bill-2026").lost}


def test_functions_follow_the_regime() -> None:
    """Under the Health Bill the ICB holds primary care in its own right and NHS England holds nothing."""
    land = ic.datasets.load("england")
    hca = {a.function: a.role for a in ic.governance.functions_held_by(land, "QYG", as_of="2024-06-01")}
    bill = {
        a.function: a.role
        for a in ic.governance.functions_held_by(land, "QYG", as_of="2024-06-01", regime="health-bill-2026")
    }
    assert hca["dental-services"] == "exercises"
    assert bill["dental-services"] == "holds"
    assert ic.governance.functions_held_by(land, "nhs-england", regime="health-bill-2026") == ()


# --- generated pages and unchanged answers --------------------------------------------------------


def test_statute_page_is_generated_from_the_rulebook() -> None:
    """docs/statute.md is exactly what `python -m tools.statute_page` writes, and lists the unverified entries."""
    sys.path.insert(0, str(ROOT))
    tool = importlib.import_module("tools.statute_page")
    page = tool.page()
    assert (ROOT / "docs" / "statute.md").read_text(encoding="utf-8") == page
    for entry in ic.statute.RULEBOOK.values():
        if entry.verification is not ic.Verification.VERIFIED:
            assert f"- **{entry.citation}** ({entry.verification.value}" in page


@pytest.mark.slow
def test_answers_unchanged_where_the_law_did_not_change() -> None:
    """Every answer main gave before the rulebook (tests/data/statute_answers.json) is still given.

    The law did not change, so nothing is lost; new duties (the rulebook's additions) may be added. The
    only citations that change are the doubtful ones the rulebook fixes, listed here.
    """
    sys.path.insert(0, str(ROOT))
    now_of = importlib.import_module("tests.statute_answers").answers
    fixed = {"Children Act 2004 s10": "Children Act 1989 Part 3", "NHS Act 2006 s75": "NHS Act 2006 s223GA"}
    # answers that changed since the fixture with the data, not the law: a council's recorded start date,
    # and the NENC strategic ICP counted in seats (both merged from the seeds work after the fixture was made)
    nenc = "Strategic ICP (North East and North Cumbria) (nenc-strategic-icp) has {} more than the 25 of a lean ICP."
    data: dict[object, object] = {
        ("E06000055", "[…, …)"): "[2009-04-01, …)",
        ("ICP004", "nenc-strategic-icp", nenc.format("41 members,")): [
            "ICP004", "nenc-strategic-icp", nenc.format("54 seats (held by 41 members),"),
        ],
    }  # fmt: skip
    before = json.loads((ROOT / "tests" / "data" / "statute_answers.json").read_text(encoding="utf-8"))
    for name, old in before.items():
        now = now_of(name)
        for body, rows in old["duties"].items():
            assert [r for r in rows if r not in now["duties"][body]] == [], (name, body)
        for body, rows in old["functions"].items():
            renamed = [
                [f, role, fixed.get(basis, basis) if role == "holds" else basis, data.get((body, p), p)]
                for f, role, basis, p in rows
            ]
            assert renamed == now["functions"][body], (name, body)
        for document, rows in old["regard"].items():
            assert rows == now["regard"][document], (name, document)
        assert [data.get(tuple(f), f) for f in old["findings"]] == now["findings"], name


def test_own_duties_hold_while_the_body_and_the_regime_do() -> None:
    """A body's own duties start with the regime, end with the body, and bind only responsible councils."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICB(id="QAA", name="North ICB", period=("2022-07-01", "2026-04-01")),
            ic.ICB(id="QOLD", name="Old ICB", period=(None, "2022-07-01")),
            ic.LocalAuthority(id="d1", name="District One", tier="district"),
        )
        .build()
    )
    own = [a for a in ic.duties_of(land, "QAA") if a.subject == a.holder]
    assert own
    assert {str(a.period) for a in own} == {"[2022-07-01, 2026-04-01)"}
    assert ic.duties_of(land, "QAA", as_of="2022-06-30") == ()
    assert ic.duties_of(land, "QOLD") == ()  # gone before the regime commenced
    assert ic.duties_of(land, "d1") == ()  # a district is not a responsible authority
