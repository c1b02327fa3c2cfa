"""``integratedcare import``: a FHIR bundle or ODS ORD records into a landscape file, saying what was dropped."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pytest

import integratedcare as ic
from integratedcare._cli import main

ODS_SAMPLE = Path(__file__).parent / "data" / "ods" / "frimley.json"


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in this process and return its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _ods_landscape(name: str) -> ic.Landscape:
    """Return the sample as from_ods reads it, its warning silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ic.errors.DroppedDataWarning)
        return ic.io.from_ods(ODS_SAMPLE, name=name)


def test_import_ods_writes_the_landscape_and_lists_what_was_dropped(tmp_path: Path) -> None:
    """The sample becomes a TOML landscape equal to from_ods's; the text lists each dropped item."""
    out = tmp_path / "frimley.toml"
    code, text, err = run("import", str(ODS_SAMPLE), "--from", "ods", "-o", str(out))
    assert (code, err) == (0, "")
    lines = text.splitlines()
    assert lines[0] == f"Read 5 entities and 4 relations from {ODS_SAMPLE} (ODS ORD records); wrote {out}"
    assert lines[1] == "Dropped 20 items the model cannot hold:"
    assert "  - H81013: Rels.Rel[1] (92A is not among the records read)" in lines
    assert ic.io.load(out) == _ods_landscape("frimley")


def test_import_fhir_reports_as_json_and_takes_a_name(tmp_path: Path) -> None:
    """An exported bundle imports with nothing dropped; --format json gives the counts and the list."""
    bundle = tmp_path / "brackenshire.fhir.json"
    assert run("export", str(bundle), "--in", "brackenshire", "--to", "fhir", "--as-of", "2024-06-01")[0] == 0
    out = tmp_path / "back.json"
    code, text, _ = run("import", str(bundle), "--from", "fhir", "-o", str(out), "--name", "Back", "--format", "json")
    assert code == 0
    report = json.loads(text)
    assert report["command"] == "import"
    assert (report["source"], report["from"], report["output"]) == (str(bundle), "fhir", str(out))
    back = ic.io.load(out)
    assert back.name == "Back"
    assert (report["entities"], report["relations"], report["dropped"]) == (len(back), len(back.all_relations), [])
    code, text, _ = run("import", str(bundle), "--from", "fhir", "-o", str(out))
    assert code == 0
    assert text.count("\n") == 1  # nothing dropped, nothing more to say


def test_a_long_list_of_dropped_items_is_cut_in_text(tmp_path: Path) -> None:
    """Past 20 dropped items the text says how many more; JSON lists them all."""
    records = [
        {"Organisation": {"Name": f"PRACTICE {n}", "OrgId": {"extension": f"A0000{n:02d}"}, "Roles": [{"id": "RO80"}]}}
        for n in range(25)
    ]
    source = tmp_path / "many.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    code, text, _ = run("import", str(source), "--from", "ods", "-o", str(tmp_path / "many.toml"))
    assert code == 0
    assert text.splitlines()[-1] == "  (and 30 more; --format json lists them all)"
    code, text, _ = run("import", str(source), "--from", "ods", "-o", str(tmp_path / "many.toml"), "--format", "json")
    assert len(json.loads(text)["dropped"]) == 50


@pytest.mark.parametrize(
    ("content", "output", "fragment"),
    [
        pytest.param('{"resourceType": "Bundle",', "x.toml", "bad.json, line 1: is not valid JSON", id="not json"),
        pytest.param('{"resourceType": "Patient"}', "x.toml", "resourceType: must be Bundle", id="not a bundle"),
        pytest.param('{"resourceType": "Bundle"}', "x.yaml", 'format ".yaml" is not supported', id="output suffix"),
    ],
)
def test_bad_input_or_output_exits_2_naming_it(tmp_path: Path, content: str, output: str, fragment: str) -> None:
    """A file that cannot be read, or an output of no known format, exits 2 with a line naming it."""
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    code, text, err = run("import", str(source), "--from", "fhir", "-o", str(tmp_path / output))
    assert (code, text) == (2, "")
    assert fragment in err


def test_an_output_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    """A failed write names the output file."""
    out = tmp_path / "no-such-folder" / "frimley.toml"
    code, _, err = run("import", str(ODS_SAMPLE), "--from", "ods", "-o", str(out))
    assert code == 2
    assert str(out) in err


def test_from_and_output_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    """--from and -o must be given; --help shows an example."""
    with pytest.raises(SystemExit) as exited:
        main(["import", str(ODS_SAMPLE), "-o", "x.toml"])
    assert exited.value.code == 2
    assert "--from" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["import", "--help"])
    assert exited.value.code == 0
    assert "Example: integratedcare import " in capsys.readouterr().out
