"""Differences between landscapes and between two dates of one landscape."""

from __future__ import annotations

import pytest
from hypothesis import given

import integratedcare as ic
from strategies import landscapes


def merger() -> ic.Landscape:
    """Two ICBs merging into a new one on 2026-04-01, and a council that changes name."""
    return (
        ic.LandscapeBuilder("Merger")
        .add(
            ic.ICB(id="QH8", name="NHS Mid and South Essex ICB", period=("2022-07-01", "2026-04-01")),
            ic.ICB(id="QM7", name="NHS Hertfordshire and West Essex ICB", period=("2022-07-01", "2026-04-01")),
            ic.ICB(id="D7T5G", name="NHS Essex ICB", period=("2026-04-01", None)),
            ic.LocalAuthority(id="E10000012", name="Essex County Council", tier="county"),
            ic.SucceededBy(source="QH8", target="D7T5G", period=("2026-04-01", None)),
            ic.SucceededBy(source="QM7", target="D7T5G", period=("2026-04-01", None)),
            ic.Overlaps(source="E10000012", target="QH8", share=0.57),
            ic.Overlaps(source="E10000012", target="QM7", share=0.2),
            ic.Overlaps(source="E10000012", target="D7T5G", share=1.0),
        )
        .build()
    )


def test_changes_between_dates_lists_mergers() -> None:
    """Between 31 March and 1 April 2026 two ICBs end, one starts, and two successions take effect."""
    result = ic.changes(merger(), "2026-03-31", "2026-04-01")
    assert [e.id for e in result.removed] == ["QH8", "QM7"]
    assert [e.id for e in result.added] == ["D7T5G"]
    assert [(s.source, s.target) for s in result.successions] == [("QH8", "D7T5G"), ("QM7", "D7T5G")]
    assert [r.target for r in result.added_relations] == ["D7T5G"]
    assert sorted(r.target for r in result.removed_relations) == ["QH8", "QM7"]
    text = str(result)
    assert text.splitlines()[0] == "> QH8 succeeded by D7T5G on 2026-04-01"
    assert '+ overlaps "E10000012" -> "D7T5G"' in text
    assert '- overlaps "E10000012" -> "QH8"' in text
    data = result.to_dict()
    assert data["successions"][0] == {
        "kind": "succeeded-by",
        "source": "QH8",
        "target": "D7T5G",
        "start": "2026-04-01",
        "end": None,
    }
    assert data["added"] == [{"id": "D7T5G", "kind": "integrated-care-board", "name": "NHS Essex ICB"}]


def test_no_changes_on_quiet_days() -> None:
    """Nothing differs between two days with no events, and the text says so."""
    result = ic.changes(merger(), "2024-01-01", "2025-01-01")
    assert not result
    assert str(result) == "no differences"


def test_changed_fields_are_named() -> None:
    """An entity whose name or kind changes is reported with the fields that differ."""
    before = ic.LandscapeBuilder().add(ic.ICB(id="x", name="Old"), ic.ICS(id="y", name="Y")).build()
    after = ic.LandscapeBuilder().add(ic.ICB(id="x", name="New"), ic.ICP(id="y", name="Y")).build()
    changes = {c.id: c.fields for c in ic.diff(before, after).changed}
    assert changes == {"x": ("name",), "y": ("kind",)}
    assert str(ic.diff(before, after).changed[0]) == 'changed integrated-care-board "x": name'
    assert ic.diff(before, after).to_dict()["changed"][0] == {
        "id": "x",
        "kind": "integrated-care-board",
        "fields": ["name"],
    }


@pytest.mark.slow
@given(landscapes(), landscapes())
def test_diff_accounts_for_everything(a: ic.Landscape, b: ic.Landscape) -> None:
    """Every id is added, removed, changed or the same; every relation is added, removed or shared."""
    result = ic.diff(a, b)
    added, removed = {e.id for e in result.added}, {e.id for e in result.removed}
    changed = {c.id for c in result.changed}
    same = {e.id for e in b if e.id in a and a[e.id] == e}
    assert added | changed | same == {e.id for e in b}
    assert removed | changed | same == {e.id for e in a}
    assert set(b.all_relations) == (set(a.all_relations) - set(result.removed_relations)) | set(result.added_relations)
    assert not ic.diff(a, a)
