"""The JSON Schema of the file format, generated from the model's attrs classes.

The schema ships in the package (``schema/integratedcare-1.schema.json``) so editors can
validate files; a test checks that the shipped file equals a fresh :func:`generate`. After a
change to the model, regenerate it with
``python -c "import integratedcare.io._schema as s; s.write()"``.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import pint

from integratedcare._model import ENTITY_KINDS, RELATION_KINDS, Citation, Clause, Code, Figure, Period, Source
from integratedcare.io._files import FORMAT

__all__ = ["SCHEMA_FILE", "SCHEMA_ID", "generate", "json_schema", "schema_text", "write"]

SCHEMA_FILE: Final = "integratedcare-1.schema.json"
SCHEMA_ID: Final = f"https://w3id.org/integratedcare/schema/{SCHEMA_FILE}"

_SIMPLE: Final[dict[object, dict[str, Any]]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.date: {"$ref": "#/$defs/date"},
    pint.Quantity: {"$ref": "#/$defs/quantity"},
    Code: {"$ref": "#/$defs/code"},
    Source: {"$ref": "#/$defs/source"},
    Figure: {"$ref": "#/$defs/figure"},
}
_BASIS: Final = Citation | Clause | None


def _summary(cls: type) -> str:
    """Return the first line of a class's docstring."""
    return (inspect.getdoc(cls) or "").splitlines()[0]


def _property(type_: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401 (a type form)
    """Return the schema of a field's value, adding named definitions to ``defs``."""
    if type_ in _SIMPLE:
        return dict(_SIMPLE[type_])
    if type_ == _BASIS:
        return {"$ref": "#/$defs/basis"}
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        defs[type_.__name__] = {"description": _summary(type_), "enum": [member.value for member in type_]}
        return {"$ref": f"#/$defs/{type_.__name__}"}
    args = typing.get_args(type_)
    if isinstance(type_, types.UnionType) and type(None) in args and len(args) == 2:  # noqa: PLR2004 (X | None)
        return _property(args[0], defs)
    origin = typing.get_origin(type_)
    if origin in {tuple, frozenset}:
        schema = {"type": "array", "items": _property(args[0], defs)}
        return {**schema, "uniqueItems": True} if origin is frozenset else schema
    msg = f"the file format has no JSON Schema for the type {type_!r}"
    raise TypeError(msg)


def _record(cls: type, defs: dict[str, Any], *, kind: str | None = None) -> dict[str, Any]:
    """Return the schema of a record of an attrs class: its fields, with a period as start and end."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if kind is not None:
        properties["kind"] = {"const": kind}
        required.append("kind")
    for field in attrs.fields(cls):
        needed = field.default is attrs.NOTHING
        if hints[field.name] is Period:
            properties["start"] = {"$ref": "#/$defs/date"}
            properties["end"] = {"$ref": "#/$defs/date"}
            required.extend(["start"] if needed else [])
            continue
        properties[field.name] = _property(hints[field.name], defs)
        required.extend([field.name] if needed else [])
    return {
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,  # every record of the model has a required field
        "additionalProperties": False,
    }


def generate() -> dict[str, Any]:
    """Generate the JSON Schema of the file format from the model's classes."""
    defs: dict[str, Any] = {
        "date": {
            "description": "An ISO 8601 date, such as 2022-07-01 (in TOML, a bare date is accepted too).",
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
        },
        "quantity": {
            "description": "A number with a unit, as text ('400000 person', '5.6 billion GBP') or a table.",
            "oneOf": [
                {"type": "string", "pattern": r"^\s*\S+\s+\S.*$"},
                {
                    "type": "object",
                    "properties": {"value": {"type": "number"}, "unit": {"type": "string"}},
                    "required": ["value", "unit"],
                    "additionalProperties": False,
                },
            ],
        },
    }
    code = _record(Code, defs)
    defs["code"] = {
        "description": code["description"],
        "oneOf": [{"type": "string", "pattern": r"^[a-z]+:\S+$"}, {**code, "description": "A code with its period."}],
    }
    defs["source"] = _record(Source, defs)
    defs["figure"] = _record(Figure, defs)
    defs["basis"] = {
        "description": "Why a relation holds: a provision of law (act) or a clause of an agreement (agreement).",
        "oneOf": [_record(Citation, defs), _record(Clause, defs)],
    }
    for kind, entity_class in sorted(ENTITY_KINDS.items()):
        defs[kind] = _record(entity_class, defs, kind=kind)
    for kind, relation_class in sorted(RELATION_KINDS.items()):
        defs[f"relation-{kind}"] = _record(relation_class, defs, kind=kind)
    entity_refs = [{"$ref": f"#/$defs/{kind}"} for kind in sorted(ENTITY_KINDS)]
    relation_refs = [{"$ref": f"#/$defs/relation-{kind}"} for kind in sorted(RELATION_KINDS)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"integratedcare landscape file ({FORMAT})",
        "description": "A landscape of England's integrated care: entities and the relations among them.",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "name": {"type": "string"},
            "coverage": {
                "type": "object",
                "description": "The span of dates a bundled dataset covers; as_of a date outside it warns.",
                "properties": {
                    "dataset": {"type": "string"},
                    "start": {"type": "string", "format": "date"},
                    "end": {"type": "string", "format": "date"},
                },
                "additionalProperties": False,
            },
            "entities": {"type": "array", "items": {"oneOf": entity_refs}},
            "relations": {"type": "array", "items": {"oneOf": relation_refs}},
        },
        "required": ["format"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(schema: dict[str, Any]) -> str:
    """Return a schema as the text of the shipped file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(path: str | Path | None = None) -> Path:
    """Write a freshly generated schema to ``path`` (by default, the shipped file) and return the path."""
    target = Path(path) if path is not None else Path(__file__).parent / "schema" / SCHEMA_FILE
    target.write_bytes(schema_text(generate()).encode("utf-8"))
    return target


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the file format, as shipped in the package.

    Editors validate TOML and JSON files with it; so can the ``jsonschema`` package.

    Examples:
        >>> import integratedcare as ic
        >>> schema = ic.io.json_schema()
        >>> schema["properties"]["format"]
        {'const': 'integratedcare/1'}
        >>> schema["$defs"]["integrated-care-board"]["required"]
        ['kind', 'id', 'name']
    """
    text = resources.files("integratedcare.io").joinpath("schema", SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
