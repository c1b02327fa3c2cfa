"""The graph: a frozen networkx multigraph of the landscape with derived duties as edges, cached."""

from __future__ import annotations

import networkx as nx
import pytest

import integratedcare as ic

SINCE = ("2022-07-01", None)


def system() -> ic.Landscape:
    """An ICB, its ICP and strategy, a council, an agreed duty and a repeated membership."""
    return (
        ic.LandscapeBuilder("System")
        .add(
            ic.ICB(id="QAA", name="North ICB", period=SINCE),
            ic.ICP(id="icp", name="North ICP", period=SINCE),
            ic.LocalAuthority(id="c1", name="Council One", tier="unitary"),
            ic.IntegratedCareStrategy(id="strat", name="North strategy", period=SINCE),
            ic.Agreement(id="mou", name="An MoU", agreement_type="memorandum-of-understanding"),
            ic.Establishes(source="QAA", target="icp", period=SINCE),
            ic.Overlaps(source="c1", target="QAA", period=SINCE),
            ic.Prepares(source="icp", target="strat", period=SINCE),
            ic.MemberOf(source="c1", target="icp", period=("2022-07-01", "2023-01-01")),
            ic.MemberOf(source="c1", target="icp", period=("2023-01-01", None), role="chair"),
            ic.Duty(
                source="c1",
                target="strat",
                duty="must have regard to",
                period=SINCE,
                basis=ic.Clause(agreement="mou", section="4.2"),
            ),
        )
        .build()
    )


def test_nodes_are_keyed_by_id_with_the_entity() -> None:
    """Every entity is a node keyed by its id, holding the entity and its kind."""
    land = system()
    g = ic.graph(land)
    assert set(g.nodes) == {e.id for e in land}
    assert g.nodes["QAA"]["entity"] is land["QAA"]
    assert g.nodes["QAA"]["kind"] == "integrated-care-board"


def test_edges_are_keyed_by_kind_with_repeats_keyed_by_start() -> None:
    """Each relation is an edge keyed by its kind; a kind repeated between a pair adds its start date."""
    g = ic.graph(system())
    # the council's duties to the partnership: to establish it and to give it the needs assessment (s116(5A))
    assert sorted(g["c1"]["icp"]) == ["duty", "duty@2022-07-01", "member-of", "member-of@2023-01-01"]
    assert g["c1"]["icp"]["member-of@2023-01-01"]["relation"].role == "chair"
    assert g["c1"]["icp"]["member-of"]["derived"] is False
    assert sorted(g["c1"]["strat"]) == ["duty", "duty@2022-07-01"]
    assert g["c1"]["strat"]["duty"]["derived"] is False  # relations typed in are keyed before derived duties


def test_repeats_without_a_start_are_numbered() -> None:
    """A repeated kind whose start is open (or already taken) is numbered ~2, ~3 in the landscape's order."""
    members = [ic.MemberOf(source="c1", target="icp", role=role) for role in ("chair", "member", "observer")]
    land = (
        ic.LandscapeBuilder()
        .add(ic.LocalAuthority(id="c1", name="Council One", tier="unitary"), ic.ICP(id="icp", name="North ICP"))
        .add(*members)
        .build()
    )
    keys = {data["relation"].role: key for key, data in ic.graph(land)["c1"]["icp"].items()}
    assert keys == {"chair": "member-of", "member": "member-of~2", "observer": "member-of~3"}


def test_derived_duties_are_edges_marked_derived() -> None:
    """Derived duties appear as edges with derived=True; agreed duties keep derived=False."""
    g = ic.graph(system())
    derived = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["derived"]]
    assert ("QAA", "icp", "duty") in derived
    edges = g["c1"]["strat"]
    kinds = {edges[k]["derived"]: edges[k]["relation"] for k in edges}
    assert isinstance(kinds[True], ic.statute.DerivedDuty)
    assert isinstance(kinds[False].basis, ic.Clause)
    assert len(derived) == len(ic.statute.derived_duties(system()))


def test_graph_is_frozen_and_cached() -> None:
    """The graph cannot be changed and is built once per landscape, date and regime."""
    land = system()
    g = ic.graph(land)
    assert nx.is_frozen(g)
    with pytest.raises(nx.NetworkXError):
        g.add_node("x")
    assert ic.graph(land) is g
    assert ic.graph(land, regime="hca-2022") is g
    assert ic.graph(land, as_of="2024-01-01") is ic.graph(land, as_of="2024-01-01")
    assert ic.graph(land, as_of="2024-01-01") is not g


def test_graph_as_of_keeps_what_is_in_force() -> None:
    """As of a date the graph holds only the entities, relations and duties in force then."""
    land = system()
    before = ic.graph(land, as_of="2022-06-30")
    assert set(before.nodes) == {"c1", "mou"}
    assert before.number_of_edges() == 0
    later = ic.graph(land, as_of="2023-06-01")
    assert sorted(later["c1"]["icp"]) == ["duty", "duty@2022-07-01", "member-of"]
    assert later["c1"]["icp"]["member-of"]["relation"].role == "chair"
    assert later.graph["as_of"].isoformat() == "2023-06-01"


def test_graph_under_the_health_bill() -> None:
    """Under the Health Bill regime nobody must establish a partnership; duties towards one stay, flagged."""
    g = ic.graph(system(), regime="health-bill-2026")
    assert "duty" not in g["QAA"]["icp"]
    assert sorted(g["c1"]["icp"]) == ["duty", "member-of", "member-of@2023-01-01"]  # the JSNA copy, s116(5A)
    assert g.graph["regime"] == "health-bill-2026"
    assert sorted(g["c1"]["strat"]) == ["duty", "duty@2022-07-01"]  # the agreed duty and the regard, s116B(1)
    regard = g["c1"]["strat"]["duty@2022-07-01"]["relation"].basis
    assert regard.verification is ic.Verification.UNVERIFIED
    assert "what it does to the strategy an ICP prepares" in regard.note
    assert g["c1"]["QAA"]["duty"]["derived"] is True
