"""The 2025-26 reforms in the england dataset: ICB clusters sharing leadership, dated and sourced."""

from __future__ import annotations

import pytest

import integratedcare as ic


@pytest.fixture(scope="module")
def england() -> ic.Landscape:
    """The england dataset, as shipped."""
    return ic.datasets.england()


def members(land: ic.Landscape, cluster: str, day: str) -> list[str]:
    """The ICBs sharing a cluster's leadership on a date."""
    return [r.source for r in land.as_of(day).relations(ic.MemberOf, target=cluster)]


def test_the_icbs_in_a_cluster_on_a_date(england: ic.Landscape) -> None:
    """Birmingham and Solihull with the Black Country from 2025-09-09, still at the end of the coverage; none before."""
    cluster = "icb-cluster-birmingham-and-solihull-black-country"
    assert isinstance(england[cluster], ic.kinds.ICBCluster)
    assert members(england, cluster, "2026-01-01") == ["QHL", "QUA"]
    assert members(england, cluster, "2026-08-01") == ["QHL", "QUA"]
    assert cluster not in england.as_of("2025-09-08")


def test_clusters_that_merged_end_on_the_merger(england: ic.Landscape) -> None:
    """The London cluster ends on 2026-04-01, when its ICBs merged into West and North London."""
    cluster = "icb-cluster-north-central-london-north-west-london"
    assert members(england, cluster, "2026-03-31") == ["QMJ", "QRV"]
    assert cluster not in england.as_of("2026-04-01")
    assert {r.target for r in england.relations(ic.SucceededBy, source="QMJ")} == {"Z9B2Z"}


def test_fourteen_clusters_from_the_table_and_none_in_the_north(england: ic.Landscape) -> None:
    """The table's 14 clusters; the standalone rows (North East and Yorkshire, North West) add none."""
    clusters = england.of_type(ic.kinds.ICBCluster)
    assert len(clusters) == 14
    in_force = england.as_of("2026-06-01").of_type(ic.kinds.ICBCluster)
    assert len(in_force) == 8
    northern = {"Y63", "Y62"}  # the regions with no clustering
    regions = {r.target for c in clusters for r in england.relations(ic.Within, source=c.id)}
    assert not regions & northern
    assert all(members(england, c.id, "2026-01-01") for c in clusters)


def test_clusters_are_flagged_where_the_sources_are_thin(england: ic.Landscape) -> None:
    """Every cluster's start is flagged; Surrey Heartlands and Sussex (merger verified, cluster not) is unverified."""
    for cluster in england.of_type(ic.kinds.ICBCluster):
        assert any("first date the sources attest (flagged)" in note for note in cluster.notes)
        assert any("icb_clusters_2025.csv" in (s.reference or "") for s in cluster.sources)
    surrey = england["icb-cluster-surrey-heartlands-sussex"]
    assert surrey.sources[0].verification is ic.Verification.UNVERIFIED
    parts = england.relations(ic.MemberOf, source="QM7")
    assert {r.target for r in parts} == {
        "icb-cluster-blmk-cambridgeshire-and-peterborough-hertfordshire",
        "icb-cluster-mid-and-south-essex-north-east-essex-west-essex",
    }
    assert all(r.role == "shares leadership (part of the ICB)" for r in parts)
