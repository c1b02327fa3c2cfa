"""FHIR bundles and ODS records read from files: bounded as io.load reads, errors naming the file and place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import integratedcare as ic

ODS_SAMPLE = Path(__file__).parent / "data" / "ods" / "frimley.json"


def _small() -> ic.Landscape:
    """Return a landscape of an ICB and NHS England, with an accountability in law."""
    return (
        ic.LandscapeBuilder("Small")
        .add(
            ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB", codes=[ic.Code("ods", "QYG")]),
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.AccountableTo(
                source="QYG", target="nhs-england", basis=ic.Citation(act="NHS Act 2006", section="s14Z59")
            ),
        )
        .build()
    )


def test_fhir_bundle_file_reads_as_its_data(tmp_path: Path) -> None:
    """A bundle written to a file reads back (from a path or its text) as the same landscape."""
    land = _small()
    path = tmp_path / "small.fhir.json"
    path.write_text(json.dumps(ic.io.to_fhir(land), indent=2), encoding="utf-8")
    assert ic.io.from_fhir(path, name="Small") == land
    assert ic.io.from_fhir(str(path), name="Small") == land


def test_fhir_file_names_itself_in_warnings_and_errors(tmp_path: Path) -> None:
    """The file's path is the source that a dropped-data warning and a bad resource name."""
    path = tmp_path / "rbs.json"
    resource = {
        "resourceType": "Organization",
        "id": "RBS",
        "name": "ALDER HEY CHILDREN'S NHS FOUNDATION TRUST",
        "identifier": [{"system": ic.io.ODS_SYSTEM, "value": "RBS"}],
        "type": [{"coding": [{"system": ic.io.ODS_ROLE_SYSTEM, "code": "RO197"}]}],
        "telecom": [{"system": "phone", "value": "0151 228 4811"}],
    }
    path.write_text(json.dumps(resource), encoding="utf-8")
    with pytest.warns(ic.errors.DroppedDataWarning, match=r"rbs\.json") as caught:
        land = ic.io.from_fhir(path, source="ignored")
    assert land["RBS"].kind == "nhs-trust"
    assert caught[0].message.source == str(path)  # type: ignore[union-attr]
    path.write_text(json.dumps({**resource, "name": ""}), encoding="utf-8")
    with pytest.raises(ic.errors.LandscapeError) as raised:
        ic.io.from_fhir(path)
    assert str(raised.value.exceptions[0]).startswith(f"{path}: entry[0] (Organization/RBS).name: must be")


def test_ods_file_reads_the_sample(tmp_path: Path) -> None:
    """An ORD file reads as its parsed records do, and its path names it in the warning."""
    copy = tmp_path / "frimley.json"
    shutil.copy(ODS_SAMPLE, copy)
    with pytest.warns(ic.errors.DroppedDataWarning) as from_file:
        land = ic.io.from_ods(copy, name="Frimley")
    with pytest.warns(ic.errors.DroppedDataWarning) as from_data:
        same = ic.io.from_ods(json.loads(ODS_SAMPLE.read_text(encoding="utf-8")), name="Frimley")
    assert land == same
    assert from_file[0].message.source == str(copy)  # type: ignore[union-attr]
    assert from_file[0].message.dropped == from_data[0].message.dropped  # type: ignore[union-attr]


@pytest.mark.parametrize("reader", [ic.io.from_fhir, ic.io.from_ods], ids=["fhir", "ods"])
@pytest.mark.parametrize(
    ("content", "location", "says"),
    [
        pytest.param(b'{"resourceType": "Bundle",', "", "is not valid JSON", id="truncated"),
        pytest.param(b"\xff\xfe{}", "", "is not UTF-8 text", id="not utf-8"),
        pytest.param(b"[" * 100 + b"]" * 100, "", "nests lists or tables more than 64 levels deep", id="too deep"),
        pytest.param(b'{"a": 1' + b"0" * 1200 + b"}", "", "holds a number of 1201 digits", id="long number"),
        pytest.param(
            b'[{"Organisation": {"Name": "A", "Name": "B"}}]', "[0].Organisation.Name", "more than once", id="key twice"
        ),
        pytest.param(b'{"resourceType": "Bundle", "x": "\\udc80"}', "x", "lone surrogate '\\udc80'", id="surrogate"),
    ],
)
def test_bad_files_are_refused_naming_the_file(
    tmp_path: Path, reader: object, content: bytes, location: str, says: str
) -> None:
    """What io.load refuses in a file, the imports refuse too, naming the file and the place."""
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ic.errors.LandscapeError, match=r"1 problem in file '.*bad\.json'") as raised:
        reader(path)  # type: ignore[operator]
    (problem,) = raised.value.exceptions
    assert isinstance(problem, ic.errors.FileFormatError)
    assert problem.path == str(path)
    assert problem.location == location
    assert says in problem.problem


def test_files_beyond_the_size_limit_are_refused(tmp_path: Path) -> None:
    """A file larger than Limits.file_size is refused before it is read."""
    path = tmp_path / "big.json"
    path.write_text(json.dumps(ic.io.to_fhir(_small())), encoding="utf-8")
    with pytest.raises(ic.errors.FileTooLargeError, match=r"big\.json"):
        ic.io.from_fhir(path, limits=ic.io.Limits(file_size=100))
    with pytest.raises(ic.errors.FileTooLargeError, match=r"big\.json"):
        ic.io.from_ods(path, limits=ic.io.Limits(file_size=100))


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    """A file that cannot be opened raises the OSError that names it."""
    with pytest.raises(FileNotFoundError, match=r"absent\.json"):
        ic.io.from_fhir(tmp_path / "absent.json")


def test_wrong_top_level_names_the_file(tmp_path: Path) -> None:
    """A file of neither a record nor a list of them (ODS), or not a Bundle (FHIR), is refused naming the file."""
    path = tmp_path / "text.json"
    path.write_text('"QYG"', encoding="utf-8")
    with pytest.raises(ic.errors.LandscapeError, match=r"text\.json") as ods:
        ic.io.from_ods(path)
    assert "must hold an ODS record" in str(ods.value.exceptions[0])
    with pytest.raises(ic.errors.FileFormatError, match=r"text\.json: resourceType: must be Bundle"):
        ic.io.from_fhir(path)
