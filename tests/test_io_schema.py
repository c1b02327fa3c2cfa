"""The JSON Schema of the file format: generated from the model, shipped in the package, and right."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import integratedcare as ic
from integratedcare.io import _schema
from strategies import landscapes

DATA = Path(__file__).parent / "data"
SHIPPED = Path(_schema.__file__).parent / "schema" / _schema.SCHEMA_FILE


def validator() -> jsonschema.Draft202012Validator:
    """Return a validator for the shipped schema."""
    return jsonschema.Draft202012Validator(ic.io.json_schema(), format_checker=jsonschema.FormatChecker())


def test_shipped_schema_equals_a_fresh_generation() -> None:
    """The shipped file is exactly what the model generates (regenerate with _schema.write())."""
    assert SHIPPED.read_text(encoding="utf-8") == _schema.schema_text(_schema.generate())


def test_shipped_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself is valid JSON Schema 2020-12 and names the format version."""
    schema = ic.io.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://w3id.org/integratedcare/schema/integratedcare-1.schema.json"
    assert schema["properties"]["format"] == {"const": "integratedcare/1"}


def test_every_kind_has_a_definition() -> None:
    """Each entity and relation kind of the model has a record in the schema, with its required fields."""
    defs = ic.io.json_schema()["$defs"]
    assert set(ic.kinds.ENTITY_KINDS) <= set(defs)
    assert {f"relation-{kind}" for kind in ic.kinds.RELATION_KINDS} <= set(defs)
    assert defs["local-authority"]["required"] == ["kind", "id", "name", "tier"]
    assert defs["relation-succeeded-by"]["required"] == ["kind", "source", "target", "start"]
    assert defs["LocalAuthorityTier"]["enum"][0] == "county"


def test_acceptance_dumped_json_validates() -> None:
    """A dumped sample file validates against the shipped schema."""
    land = ic.io.load(DATA / "cheshire-east.toml")
    errors = [e.message for e in validator().iter_errors(json.loads(ic.io.dumps(land, format="json")))]
    assert errors == []


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_acceptance_every_dumped_landscape_validates(land: ic.Landscape) -> None:
    """Property: the JSON of any landscape validates against the shipped schema."""
    errors = [e.message for e in validator().iter_errors(json.loads(ic.io.dumps(land, format="json")))]
    assert errors == []


@pytest.mark.parametrize(
    "record",
    [
        {"kind": "integrated-care-bored", "id": "x", "name": "X"},
        {"kind": "region", "id": "x"},
        {"kind": "region", "id": "x", "name": "X", "colour": "red"},
        {"kind": "region", "id": "x", "name": "X", "start": "1 May 2022"},
        {"kind": "local-authority", "id": "x", "name": "X", "tier": "shire"},
    ],
)
def test_invalid_records_do_not_validate(record: dict[str, str]) -> None:
    """Unknown kinds, missing or unknown fields, bad dates and bad enumeration values fail validation."""
    document = {"format": "integratedcare/1", "entities": [record]}
    assert not validator().is_valid(document)


def test_json_schema_returns_a_fresh_copy() -> None:
    """Changing the returned schema does not change the next one."""
    ic.io.json_schema()["title"] = "changed"
    assert ic.io.json_schema()["title"] == "integratedcare landscape file (integratedcare/1)"


def test_write_regenerates_the_shipped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write() puts a fresh schema beside the module by default, or at the path given."""
    (tmp_path / "schema").mkdir()
    monkeypatch.setattr(_schema, "__file__", str(tmp_path / "_schema.py"))
    written = _schema.write()
    assert written == tmp_path / "schema" / _schema.SCHEMA_FILE
    assert written.read_bytes() == SHIPPED.read_bytes()
    assert _schema.write(tmp_path / "other.json").read_bytes() == SHIPPED.read_bytes()


def test_a_field_type_without_a_schema_is_refused() -> None:
    """A model field of a type the generator does not know stops generation (so the schema is never wrong)."""
    with pytest.raises(TypeError, match=r"the file format has no JSON Schema for the type <class 'complex'>"):
        _schema._property(complex, {})
