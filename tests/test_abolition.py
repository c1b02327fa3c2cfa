"""NHS England's abolition under the Health Bill regime: functions, accountability and delegations move."""

from __future__ import annotations

import pytest

import integratedcare as ic

BILL = "health-bill-2026"


def land(*, sos: bool = True) -> ic.Landscape:
    """An ICB accountable through NHS England, which delegates primary care and another function to it."""
    items: list[ic.Entity | ic.Relation] = [
        ic.ICB(id="QAA", name="North ICB", period=("2022-07-01", None)),
        ic.NHSEngland(id="nhse", name="NHS England"),
        ic.Parliament(id="parliament", name="Parliament"),
        ic.NHSMandate(id="mandate", name="The NHS mandate"),
        ic.AccountableTo(
            source="QAA", target="nhse", mechanism="annual assessment", basis=ic.statute.cite("nhsa-s14Z59(1)")
        ),
        ic.Assesses(source="nhse", target="QAA"),
        ic.NHSTrust(id="RBL", name="A Trust"),
        ic.AccountableTo(source="RBL", target="nhse"),  # no basis recorded
        ic.Delegation(
            source="nhse",
            target="QAA",
            functions=["dental-services", "specialised-services"],
            period=("2023-04-01", None),
            basis=ic.statute.cite("nhsa-s65Z5"),
        ),
        ic.Delegation(source="nhse", target="QAA", functions=["primary-medical-services"]),
    ]
    if sos:
        items += [
            ic.SecretaryOfState(id="sos", name="the Secretary of State"),
            ic.AccountableTo(source="nhse", target="sos"),
            ic.AccountableTo(source="sos", target="parliament", basis=ic.statute.cite("nhsa-s1(3)")),
        ]
    else:
        items.append(ic.AccountableTo(source="nhse", target="parliament"))
    return ic.LandscapeBuilder().add(*items).build()


def test_the_bill_records_what_it_abolishes() -> None:
    """The regime names NHS England (succeeded by the SoS), the mandate and Healthwatch, each sourced."""
    abolitions = {a.kind: a for a in ic.statute.legal_regime(BILL).abolitions}
    assert set(abolitions) == {ic.NHSEngland, ic.NHSMandate, ic.Healthwatch}
    assert abolitions[ic.NHSEngland].successor is ic.SecretaryOfState
    assert abolitions[ic.NHSMandate].successor is None
    assert all(a.source and a.verification is ic.Verification.PARTLY_VERIFIED for a in abolitions.values())
    assert ic.statute.legal_regime("hca-2022").abolitions == ()


def test_accountability_leads_to_the_successor_flagged() -> None:
    """Under the Bill the ICB answers to the SoS, then Parliament; the moved line says why and is unverified."""
    landscape = land()
    assert [r.target for r in ic.accountability_chain(landscape, "QAA")[0].path] == ["nhse", "sos", "parliament"]
    chain = ic.accountability_chain(landscape, "QAA", regime=BILL)
    assert len(chain) == 1
    first = chain[0].path[0]
    assert [r.target for r in chain[0].path] == ["sos", "parliament"]
    assert isinstance(first, ic.AccountableTo)
    assert first.mechanism is None
    assert isinstance(first.basis, ic.Citation)
    assert first.basis.verification is ic.Verification.UNVERIFIED
    assert "was: to NHS England through annual assessment" in first.notes[0]
    assert "partly verified" in first.notes[0]
    assert "Inferred" in first.notes[0]
    assert ic.accountability_chain(landscape, "QAA", regime="hca-2022") == ic.accountability_chain(landscape, "QAA")
    trust = ic.accountability_chain(landscape, "RBL", regime=BILL)[0].path[0]
    assert (trust.target, trust.basis) == ("sos", None)  # no basis was recorded, none is invented
    assert "(was:" not in trust.notes[0]


def test_delegations_move_or_become_the_delegates_own() -> None:
    """Primary care becomes the ICB's own; what is left of NHS England's delegations is the SoS's, flagged."""
    bill = ic.statute.under_regime(land(), BILL)
    assert "nhse" not in bill
    assert "mandate" not in bill
    (moved,) = bill.relations(ic.Delegation)
    assert (moved.source, moved.target, moved.functions) == ("sos", "QAA", ("specialised-services",))
    assert str(moved.period) == "[2023-04-01, …)"
    assert "delegated by the Secretary of State instead" in moved.notes[-1]
    assert bill.relations(ic.Assesses) == ()  # the SoS's assessment is a derived duty, not a recorded relation
    assert "s14Z59-1-sos-assess-icb" in {a.rule for a in ic.duties_of(bill, "sos", regime=BILL)}
    held = {a.function: a.role for a in ic.governance.functions_held_by(bill, "QAA", regime=BILL)}
    assert held["dental-services"] == held["primary-medical-services"] == "holds"
    assert held["specialised-services"] == "exercises"


def test_without_a_successor_the_roles_end_with_the_body() -> None:
    """With no Secretary of State recorded, the lines through NHS England end with it: nothing is invented."""
    bill = ic.statute.under_regime(land(sos=False), BILL)
    assert bill.relations(ic.Delegation) == ()
    assert bill.relations(ic.AccountableTo, source="QAA") == ()
    assert ic.accountability_chain(bill, "QAA") == ()


def test_a_landscape_without_abolished_bodies_is_unchanged() -> None:
    """A landscape with nothing the regime abolishes comes back equal; the enacted regime returns it as it is."""
    plain = ic.LandscapeBuilder().add(ic.ICB(id="QAA", name="North ICB")).build()
    assert ic.statute.under_regime(plain, BILL).entities == plain.entities
    assert ic.statute.under_regime(plain, "hca-2022") is plain
    landscape = land()
    assert ic.statute.under_regime(landscape, BILL) is ic.statute.under_regime(landscape, BILL)  # derived once


@pytest.mark.slow
def test_england_under_the_bill() -> None:
    """In england every ICB answers to the SoS and Parliament; NHS England's delegations all become ICBs' own."""
    england = ic.datasets.load("england")
    bill = ic.statute.under_regime(england, BILL)
    assert "nhs-england" not in bill
    assert england.relations(ic.Delegation, source="nhs-england")
    assert bill.relations(ic.Delegation) == ()  # primary medical, dental, ophthalmic, pharmaceutical services
    for icb in bill.of_type(ic.ICB)[:5]:
        for chain in ic.accountability_chain(bill, icb.id):
            assert chain.entity.id == "parliament" or type(chain.entity).ends_accountability
            assert chain.path[0].target == "secretary-of-state"


def test_the_cli_traces_accountability_under_the_bill(capsys: pytest.CaptureFixture[str]) -> None:
    """`accountability --regime health-bill-2026` leads to the SoS; NHS England itself is then unknown."""
    from integratedcare._cli import main  # noqa: PLC0415 (the command line under test)

    assert main(["accountability", "brackenshire-icb", "--in", "brackenshire", "--regime", BILL]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "is accountable to Secretary of State for Health and Social Care (NHS Act 2006 s14Z59, unverified)" in out
    assert "NHS England" not in out
    assert main(["accountability", "nhs-england", "--in", "brackenshire", "--regime", BILL]) == 2
    assert 'no entity with id "nhs-england"' in capsys.readouterr().err


def test_functions_under_the_bill_follow_the_moved_delegations() -> None:
    """who_exercises and functions_held_by under the Bill read the landscape as it would leave it."""
    landscape = land()
    held = {a.function: a for a in ic.governance.functions_held_by(landscape, "QAA", regime=BILL)}
    assert held["dental-services"].role == "holds"
    assert held["specialised-services"].role == "exercises"
    assert "delegated by the Secretary of State" in str(held["specialised-services"])
    assert [(a.body.id, a.role) for a in ic.who_exercises(landscape, "specialised-services", regime=BILL)] == [
        ("QAA", "exercises"),
        ("sos", "holds"),
    ]
    assert [(a.body.id, a.role) for a in ic.who_exercises(landscape, "specialised-services")] == [
        ("QAA", "exercises"),
        ("nhse", "holds"),
    ]
    assert [a.body.id for a in ic.who_exercises(landscape, "specialised-services", "QAA", regime=BILL)] == ["QAA"]
    assert ic.who_exercises(landscape, "dental-services", "QAA", regime=BILL) == ()  # its own, not delegated
