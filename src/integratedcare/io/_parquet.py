"""Parquet tables: :func:`to_parquet` writes entities, relations, codes, figures and duties (pyarrow, an extra).

The schema is documented in ``docs/parquet.md``. Columns are typed: ids and texts ``string``,
dates ``date32`` (null when open), numbers ``double`` in the field's base unit, yes/no ``bool``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from integratedcare._landscape import Landscape
from integratedcare._model import Clause, DateLike, Duty, Entity, Relation, to_date
from integratedcare._statute import DerivedDuty
from integratedcare._units import ureg
from integratedcare.io._errors import MissingExtraError
from integratedcare.io._flat import edges, flat_entity, flat_relation

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["PARQUET_TABLES", "to_parquet"]

PARQUET_TABLES: Final = ("entities", "relations", "codes", "figures", "duties")
"""The tables :func:`to_parquet` writes, each as ``<name>.parquet``."""

_ENTITY_HEAD: Final = ("id", "kind", "name", "start", "end")
_RELATION_HEAD: Final = ("source", "target", "key", "kind", "start", "end", "basis", "verification")
_DUTY_COLUMNS: Final = (
    "source",
    "target",
    "key",
    "duty",
    "context",
    "start",
    "end",
    "basis",
    "verification",
    "derived",
    "rule",
    "regime",
    "via",
)


def _arrow_type(values: Iterable[object]) -> pa.DataType:
    """Type a column from its first value that is not null (text when all are null; periods are typed apart)."""
    import pyarrow as pa  # noqa: PLC0415 (an optional extra)

    for value in values:
        if isinstance(value, bool):
            return pa.bool_()
        if isinstance(value, float):
            return pa.float64()
        if value is not None:
            return pa.string()
    return pa.string()


def _table(rows: Sequence[Mapping[str, object]], head: Sequence[str], *, numbers: bool = False) -> pa.Table:
    """Build a typed table: the ``head`` columns first, then the rest in order of first appearance.

    Periods are dates, ``derived`` a yes/no, and with ``numbers`` (the figures) ``value`` a number.
    """
    import pyarrow as pa  # noqa: PLC0415 (an optional extra)

    names = dict.fromkeys(head)
    for row in rows:
        names.update(dict.fromkeys(row))
    columns = {name: [row.get(name) for row in rows] for name in names}
    fixed = {"start": pa.date32(), "end": pa.date32(), "date": pa.date32(), "derived": pa.bool_()}
    if numbers:
        fixed["value"] = pa.float64()
    fields = [pa.field(name, fixed.get(name) or _arrow_type(values)) for name, values in columns.items()]
    schema = pa.schema(fields)
    return pa.table({name: pa.array(values, type=schema.field(name).type) for name, values in columns.items()})


def _figures(owner: str, item: Entity | Relation) -> Iterable[dict[str, object]]:
    """Yield one row per figure of an entity or relation: its owner, field, value in base units and unit.

    A quantity field (population, list size, budget) gives a row without a date; each dated,
    sourced :class:`~integratedcare.Figure` an entity carries gives a row with its ``measure``,
    ``date`` and ``source``, under the field ``figures``.
    """
    for field in attrs.fields(type(item)):
        value = getattr(item, field.name)
        if isinstance(value, ureg.Quantity):
            base = value.to_root_units()
            yield {"owner": owner, "field": field.name, "value": float(base.magnitude), "unit": str(base.units)}
    for figure in getattr(item, "figures", ()):
        yield {
            "owner": owner,
            "field": "figures",
            "value": float(figure.value),
            "unit": "person",
            "measure": figure.measure.value,
            "date": figure.date,
            "source": figure.source.title,
        }


def _duty_row(key: str, duty: Relation) -> dict[str, object]:
    """Write a duty, recorded or derived, as a row of the duties table."""
    flat = flat_relation(duty, dates=True)
    row: dict[str, object] = {"source": duty.source, "target": duty.target, "key": key}
    row.update({column: flat.get(column) for column in _DUTY_COLUMNS if column not in row})
    if not isinstance(duty, DerivedDuty) and isinstance(duty.basis, Clause):
        row["basis"] = str(duty.basis)
    return row


def to_parquet(landscape: Landscape, directory: str | os.PathLike[str], *, as_of: DateLike | None = None) -> Path:
    """Write the landscape as typed Parquet tables in ``directory`` (made if missing); return the directory.

    Tables (``<name>.parquet``; see ``docs/parquet.md`` for every column):

    - ``entities``: one row per entity: ``id``, ``kind``, ``name``, ``start``, ``end``, then each
      kind's own fields (quantities as numbers in ``person`` or ``GBP``, lists joined with ``"; "``).
    - ``relations``: one row per recorded relation, keyed by ``source``, ``target`` and ``key`` as
      in :func:`integratedcare.graph`, with ``kind``, period, ``basis``, ``verification`` and each
      kind's own fields.
    - ``codes``: ``entity``, ``scheme``, ``value``, ``start``, ``end``: every ODS and GSS code.
    - ``figures``: ``owner`` (an entity id or an edge's ``source/target/key``), ``field``,
      ``value`` and ``unit`` of every quantity (population, list size, budget), and of every dated
      figure an entity carries, with its ``measure``, ``date`` and ``source`` (field ``figures``).
    - ``duties``: every duty, recorded (an agreement's) or derived from the law, with ``duty``
      (such as ``must have regard to``), period, ``basis``, ``derived``, ``rule``, ``regime``
      and ``via`` (the relations that gave it).

    With ``as_of``, only what exists on that day is written. The output is deterministic.

    Raises:
        MissingExtraError: pyarrow is not installed (``pip install "integratedcare[parquet]"``).

    Examples:
        >>> import integratedcare as ic, pathlib, tempfile
        >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS C&M ICB", codes=[ic.Code("ods", "QYG")],
        ...     population=ic.quantity(2_700_000, "person"))).build()
        >>> folder = ic.io.to_parquet(land, pathlib.Path(tempfile.mkdtemp()) / "tables")
        >>> sorted(path.name for path in folder.iterdir())
        ['codes.parquet', 'duties.parquet', 'entities.parquet', 'figures.parquet', 'relations.parquet']
        >>> import pyarrow.parquet as pq
        >>> pq.read_table(folder / "figures.parquet").to_pylist()
        [{'owner': 'QYG', 'field': 'population', 'value': 2700000.0, 'unit': 'person'}]
    """
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 (an optional extra)
    except ImportError as exc:
        raise MissingExtraError(feature="to_parquet", module="pyarrow", extra="parquet") from exc
    view = landscape if as_of is None else landscape.as_of(to_date(as_of, field="as_of"))
    pairs = edges(view, derived=True)
    recorded = [(key, r) for key, r in pairs if not isinstance(r, DerivedDuty)]
    tables = {
        "entities": _table([{"id": e.id, **flat_entity(e, dates=True)} for e in view.entities], _ENTITY_HEAD),
        "relations": _table(
            [
                {"source": r.source, "target": r.target, "key": key, **_without(flat_relation(r, dates=True))}
                for key, r in recorded
            ],
            _RELATION_HEAD,
        ),
        "codes": _table(
            [
                {
                    "entity": e.id,
                    "scheme": c.scheme.value,
                    "value": c.value,
                    "start": c.period.start,
                    "end": c.period.end,
                }
                for e in view.entities
                for c in e.codes
            ],
            ("entity", "scheme", "value", "start", "end"),
        ),
        "figures": _table(
            [
                *(row for e in view.entities for row in _figures(e.id, e)),
                *(row for key, r in recorded for row in _figures(f"{r.source}/{r.target}/{key}", r)),
            ],
            ("owner", "field", "value", "unit"),
            numbers=True,
        ),
        "duties": _table(
            [_duty_row(key, r) for key, r in pairs if isinstance(r, Duty)],
            _DUTY_COLUMNS,
        ),
    }
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, target / f"{name}.parquet")
    return target


def _without(flat: dict[str, Any]) -> dict[str, Any]:
    """Drop the ``derived`` flag from a recorded relation's row (the relations table holds none)."""
    flat.pop("derived", None)
    return flat
