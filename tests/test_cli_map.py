"""The map command: integratedcare map draws a level of geography to PNG, SVG or PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path

import matplotlib as mpl
import pytest

from integratedcare._cli import main

mpl.use("Agg")


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_map_writes_svg_coloured_by_population(tmp_path: Path) -> None:
    """The issue's example writes an SVG of the 36 ICBs of April 2026 with the ONS attribution."""
    target = tmp_path / "icbs.svg"
    code, out, err = run("map", "england", "--as-of", "2026-04-01", "--color", "population", "-o", str(target))
    assert code == 0, err
    assert out == f"Wrote {target}: 36 areas\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<?xml")
    assert "Office for National Statistics" in text


def test_map_highlights_who_must_have_regard(tmp_path: Path) -> None:
    """--highlight-regard fills the councils that must have regard to the strategy and writes a PNG."""
    target = tmp_path / "regard.png"
    code, out, err = run(
        "map",
        "cheshire-and-merseyside",
        "--level",
        "council",
        "--as-of",
        "2024-06-01",
        "--highlight-regard",
        "cm-integrated-care-strategy",
        "--labels",
        "-o",
        str(target),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert (data["command"], data["areas"], data["missing"]) == ("map", 9, [])
    assert target.read_bytes().startswith(b"\x89PNG")


def test_map_names_areas_without_a_boundary(tmp_path: Path) -> None:
    """Areas with no boundary are named in the command's output, not dropped silently."""
    land = tmp_path / "land.toml"
    land.write_text(
        'format = "integratedcare/1"\nname = "Two ICBs"\n\n[[entities]]\nkind = "integrated-care-board"\n'
        'id = "QYG"\nname = "NHS Cheshire and Merseyside ICB"\ncodes = [{scheme = "gss", value = "E54000008"}]\n\n'
        '[[entities]]\nkind = "integrated-care-board"\nid = "nameless"\nname = "An ICB without codes"\n',
        encoding="utf-8",
    )
    code, out, err = run("map", str(land), "--as-of", "2024-06-01", "-o", str(tmp_path / "two.pdf"))
    assert code == 0, err
    assert out.endswith("1 areas; no boundary for nameless\n")


def test_map_needs_a_picture_suffix(tmp_path: Path) -> None:
    """An output that is not PNG, SVG or PDF is bad input, exit 2 with one line."""
    code, _, err = run("map", "england", "-o", str(tmp_path / "map.gif"))
    assert code == 2
    assert err == "integratedcare: error: -o must end in .png, .svg, .pdf, got 'map.gif'\n"


def test_map_help_shows_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    """--help on map exits 0 and shows the issue's example."""
    with pytest.raises(SystemExit) as exited:
        main(["map", "--help"])
    assert exited.value.code == 0
    assert "integratedcare map england --as-of 2026-04-01 --color population -o icbs.svg" in capsys.readouterr().out


def test_map_colours_known_populations_and_defaults_to_today(tmp_path: Path) -> None:
    """Without --as-of the map is of today; an ICB with a population figure is coloured by it."""
    land = tmp_path / "land.toml"
    land.write_text(
        'format = "integratedcare/1"\nname = "One ICB"\n\n[[entities]]\nkind = "integrated-care-board"\n'
        'id = "QYG"\nname = "NHS Cheshire and Merseyside ICB"\nstart = "2022-07-01"\n'
        'population = "2700000 person"\ncodes = ["gss:E54000008"]\n',
        encoding="utf-8",
    )
    target = tmp_path / "one.svg"
    code, out, err = run("map", str(land), "--color", "population", "-o", str(target))
    assert code == 0, err
    assert out == f"Wrote {target}: 1 areas\n"
    assert "population (people)" in target.read_text(encoding="utf-8")
