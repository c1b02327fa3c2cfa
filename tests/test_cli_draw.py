"""The draw command: integratedcare draw writes a landscape, or part of it, as PNG, SVG or PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path

import matplotlib as mpl

import integratedcare as ic
from integratedcare._cli import main

mpl.use("Agg")


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_draw_writes_svg_of_part_of_a_landscape(tmp_path: Path) -> None:
    """--kinds and --relations choose what is drawn; the suffix chooses SVG."""
    target = tmp_path / "icb.svg"
    code, out, err = run(
        "draw",
        "brackenshire",
        "--as-of",
        "2024-01-01",
        "--kinds",
        "integrated-care-board, nhs-england",
        "--relations",
        "accountable-to",
        "-o",
        str(target),
    )
    assert code == 0, err
    assert out == f"Wrote {target}: 3 boxes\n"  # two ICBs (Brackenshire, Fellside) and NHS England
    assert target.read_text(encoding="utf-8").startswith("<?xml")


def test_draw_around_one_body_writes_png_and_json(tmp_path: Path) -> None:
    """--around with --depth draws one body's neighbourhood; --format json reports it."""
    target = tmp_path / "near.png"
    code, out, err = run(
        "draw", "brackenshire", "--around", "brackenshire-icb", "--depth", "0", "--duties", "-o", str(target),
        "--layout", "tree", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert (data["command"], data["boxes"], data["output"]) == ("draw", 1, str(target))
    assert target.read_bytes().startswith(b"\x89PNG")


def test_draw_refuses_a_picture_suffix_it_cannot_write(tmp_path: Path) -> None:
    """Only .png, .svg and .pdf are pictures."""
    code, _, err = run("draw", "brackenshire", "-o", str(tmp_path / "x.gif"))
    assert code != 0
    assert "-o must end in .png, .svg, .pdf, got 'x.gif'" in err


def test_draw_suggests_a_kind_for_a_typo(tmp_path: Path) -> None:
    """An unknown kind is refused with the closest known kinds, or the list of them."""
    code, _, err = run("draw", "brackenshire", "--kinds", "integrated-care-bord", "-o", str(tmp_path / "x.svg"))
    assert code != 0
    assert "--kinds has no kind 'integrated-care-bord'; did you mean integrated-care-board" in err
    code, _, err = run("draw", "brackenshire", "--relations", "zzz", "-o", str(tmp_path / "x.svg"))
    assert code != 0
    assert "--relations has no kind 'zzz'; known: accountable-to," in err


def test_draw_says_how_to_draw_part_of_a_large_landscape(tmp_path: Path) -> None:
    """A picture past 250 boxes is refused with advice, and nothing is written."""
    many = ic.LandscapeBuilder("Many").add(*[ic.Place(id=f"p{n}", name=f"Place {n}") for n in range(251)]).build()
    source = tmp_path / "many.json"
    ic.io.dump(many, source)
    target = tmp_path / "many.svg"
    code, _, err = run("draw", str(source), "-o", str(target))
    assert code != 0
    assert "Many: 251 boxes are too many for one readable picture (at most 250); draw part of it" in err
    assert not target.exists()
