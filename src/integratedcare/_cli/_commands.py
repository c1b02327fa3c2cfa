"""The subcommands of ``integratedcare``: each reads a landscape, asks the library, and prints the answer."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import json
import warnings
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from integratedcare import _queries, datasets, io
from integratedcare._checks import Severity, check
from integratedcare._cli._render import Style, json_safe, plain, wrap
from integratedcare._cli._render import terminal_text as safe
from integratedcare._diff import LandscapeDiff, changes, diff
from integratedcare._errors import InvalidValueError, UnknownEntityError
from integratedcare._landscape import Landscape
from integratedcare._model import ALWAYS, Entity, ICBCluster, IntegratedCareBoard, Period, Within, to_date
from integratedcare._queries import Timeline
from integratedcare._queries._collection import answer_record
from integratedcare._statute import Provision, compare_law, legal_regime
from integratedcare.io._errors import DroppedDataWarning
from integratedcare.io._export import export_text
from integratedcare.io._files import format_of

__all__ = ["Context", "check_options", "load_source"]


@attrs.frozen(kw_only=True)
class Context:
    """What a command needs: its parsed arguments and where to write."""

    args: argparse.Namespace
    out: IO[str]
    json_output: bool
    no_color: bool

    @property
    def style(self) -> Style:
        """The output's styling (colour only on a terminal, never with NO_COLOR or --no-color)."""
        return Style(self.out, enabled=False if self.no_color else None)

    @property
    def as_of(self) -> str | None:
        """The ``--as-of`` date, checked, as ISO text (or None)."""
        value: str | None = getattr(self.args, "as_of", None)
        return None if value is None else to_date(value, field="--as-of").isoformat()

    @property
    def csv_output(self) -> bool:
        """Whether the answer is wanted as CSV (``--format csv``)."""
        return bool(getattr(self.args, "format", "text") == "csv")

    def table(self, columns: Sequence[str], rows: Sequence[dict[str, object]]) -> None:
        """Write rows as CSV with a header, dates as ISO text and missing values empty."""
        writer = csv.writer(self.out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row.get(column)) for column in columns])

    def write(self, text: str = "") -> None:
        """Write a line of text."""
        self.out.write(text + "\n")

    def emit(self, data: dict[str, Any]) -> None:
        """Write ``data`` as stable, indented JSON with the common header fields first."""
        header = {"command": self.args.command, "as_of": self.as_of, "regime": getattr(self.args, "regime", None)}
        self.out.write(json_safe(json.dumps({**header, **data}, indent=2, ensure_ascii=False)) + "\n")


def _csv_cell(value: object) -> str:
    """Write one CSV cell: empty for nothing, ISO text for a date, made safe for a terminal."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe(str(value))


def _columns(rows: Sequence[dict[str, object]], first: Sequence[str] = ()) -> list[str]:
    """Return every key of the rows, the given ones first, then in order of first appearance."""
    found = dict.fromkeys(first)
    for row in rows:
        found.update(dict.fromkeys(row))
    return list(found)


def when(period: Period) -> str:
    """Say when something holds, for the end of a line: `` [from 2022-07-01]``, or nothing when always.

    Examples:
        >>> import integratedcare as ic
        >>> when(ic.Period("2022-07-01", "2026-04-01")), when(ic.Period(None, "2026-04-01")), when(ic.ALWAYS)
        (' [2022-07-01 until 2026-04-01]', ' [until 2026-04-01]', '')
    """
    if period == ALWAYS:
        return ""
    if period.end is None:
        return f" [from {period.start}]"
    if period.start is None:
        return f" [until {period.end}]"
    return f" [{period.start} until {period.end}]"


def check_options(context: Context) -> None:
    """Check the options every command takes before any work: the date and the regime.

    Raises:
        InvalidValueError: ``--as-of`` is not a date.
        UnknownRegimeError: ``--regime`` names no legal regime.
    """
    _ = context.as_of
    _over(context)
    if getattr(context.args, "regime", None) is not None:
        legal_regime(context.args.regime)


def load_source(source: str) -> Landscape:
    """Load a landscape from a file path or a bundled dataset name."""
    path = Path(source)
    if path.suffix.lower() in {".toml", ".json"} or path.exists():
        return io.load(path)
    return datasets.load(source)


def _landscape(context: Context) -> Landscape:
    """Load the command's landscape."""
    source: str = context.args.source
    return load_source(source)


def _entity(landscape: Landscape, ident: str) -> Entity:
    """Look up an entity named on the command line by id, in any case, or by its ODS or GSS code.

    Raises:
        UnknownEntityError: nothing, or more than one entity, has that id or code; those that
            have it, or close ids, are suggested.
    """
    if ident in landscape:
        return landscape[ident]
    answer = _queries.find(landscape, ident)
    exact = [e for e, why in zip(answer.matches, answer.reasons, strict=True) if why == "id" or why.endswith(" code")]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise UnknownEntityError(id=ident, suggestions=[e.id for e in exact])
    return landscape.get(ident)


def _heading(context: Context, text: str) -> None:
    """Write a bold heading wrapped to the terminal width."""
    context.write(context.style(wrap(safe(text)), "bold"))


def _answers(context: Context, title: str, subject: Entity, answers: Sequence[object], none: str) -> int:
    """Write a list of answers as sentences (text) or plain data (JSON)."""
    if context.json_output:
        context.emit({"subject": plain(subject), "answers": [plain(a) for a in answers]})
        return 0
    if context.csv_output:
        records = [answer_record(a) for a in answers]
        context.table(_columns(records, ["kind"]), records)
        return 0
    day = f" as of {context.as_of}" if context.as_of else ""
    _heading(context, f"{title} {subject.name} ({subject.id}){day}:")
    if not answers:
        context.write(wrap(none, indent="  "))
    for answer in answers:
        period = getattr(answer, "period", ALWAYS)
        context.write(wrap(safe(str(answer)) + ("" if context.as_of else when(period)), indent="- "))
    return 0


def _query_options(context: Context) -> dict[str, Any]:
    """The keyword options every query takes."""
    return {"as_of": context.as_of, "regime": context.args.regime}


# --- commands ---------------------------------------------------------------------------------


def run_datasets(context: Context) -> int:
    """List the bundled datasets."""
    infos = [datasets.info(name) for name in datasets.names()]
    if context.json_output:
        context.emit({"datasets": [{"name": i.name, "title": i.title, "file": i.file} for i in infos]})
        return 0
    if context.csv_output:
        context.table(["name", "title", "file"], [{"name": i.name, "title": i.title, "file": i.file} for i in infos])
        return 0
    _heading(context, "Bundled datasets:")
    for about in infos:
        context.write(wrap(safe(f"{about.name}: {about.title}"), indent="- "))
    return 0


def _tree(landscape: Landscape) -> tuple[list[Entity], dict[str, list[Entity]]]:
    """Return the roots of the containment tree and each entity's children, by name."""
    children: defaultdict[str, list[Entity]] = defaultdict(list)
    has_parent: set[str] = set()
    for relation in landscape.relations(Within):
        children[relation.target].append(landscape[relation.source])
        has_parent.add(relation.source)

    def order(entity: Entity) -> tuple[bool, int, str, str, str]:
        # what contains others first (regions, systems, boards), then by layer: electorates come after the systems
        return (entity.id not in children, entity.layer, entity.kind, entity.name, entity.id)

    for kids in children.values():
        kids.sort(key=order)
    roots = sorted((e for e in landscape if e.id not in has_parent), key=order)
    return roots, children


def run_show(context: Context) -> int:
    """Show a landscape as a tree of what lies within what."""
    landscape = _landscape(context)
    if context.as_of:
        landscape = landscape.as_of(context.as_of)
    roots, children = _tree(landscape)
    if context.json_output:

        def node(entity: Entity, seen: frozenset[str]) -> dict[str, Any]:
            inner = [node(c, seen | {c.id}) for c in children.get(entity.id, ()) if c.id not in seen]
            return {**plain(entity), "within": inner}

        context.emit(
            {"name": landscape.name, "entities": len(landscape), "tree": [node(r, frozenset({r.id})) for r in roots]}
        )
        return 0
    if context.csv_output:
        columns = ["id", "kind", "name", "within", "depth", "start", "end"]
        context.table(columns, _tree_rows(landscape, roots, children))
        return 0
    _heading(
        context, f"{landscape.name or 'Landscape'}: {len(landscape)} entities, {len(landscape.all_relations)} relations"
    )

    for row in _tree_rows(landscape, roots, children):
        entity = landscape[str(row["id"])]
        label = f"{safe(entity.name)} [{context.style(safe(entity.kind), 'dim')}] ({safe(entity.id)})"
        dates = "" if context.as_of else when(entity.period)
        context.write(wrap(label + dates, indent="  " * int(str(row["depth"])) + "- "))
    return 0


def _tree_rows(
    landscape: Landscape, roots: Sequence[Entity], children: dict[str, list[Entity]]
) -> list[dict[str, object]]:
    """Return the tree as rows in the order it is shown: each entity, what it lies within, and its depth."""
    rows: list[dict[str, object]] = []
    shown: set[str] = set()

    def visit(entity: Entity, parent: str | None, depth: int, seen: frozenset[str]) -> None:
        shown.add(entity.id)
        start, end = entity.period.start, entity.period.end
        row = {"id": entity.id, "kind": entity.kind, "name": entity.name, "within": parent, "depth": depth}
        rows.append({**row, "start": start, "end": end})
        for child in children.get(entity.id, ()):
            if child.id not in seen:
                visit(child, entity.id, depth + 1, seen | {child.id})

    for root in roots:
        visit(root, None, 0, frozenset({root.id}))
    for entity in landscape:  # entities inside a containment cycle have no root above them
        if entity.id not in shown:
            visit(entity, None, 0, frozenset({entity.id}))
    return rows


def run_find(context: Context) -> int:
    """Find entities by name or code; exit 1 when nothing matches."""
    landscape = _landscape(context)
    answer = _queries.find(landscape, context.args.text, kind=context.args.kind)
    if context.json_output:
        context.emit(
            {
                "text": answer.text,
                "matches": plain(answer.matches),
                "reasons": list(answer.reasons),
                "suggestions": list(answer.suggestions),
            }
        )
        return 0 if answer else 1
    if context.csv_output:
        rows: list[dict[str, object]] = [
            {"id": e.id, "kind": e.kind, "name": e.name, "matched": why, "start": e.period.start, "end": e.period.end}
            for e, why in zip(answer.matches, answer.reasons, strict=True)
        ]
        context.table(["id", "kind", "name", "matched", "start", "end"], rows)
        return 0 if answer else 1
    for line in map(safe, str(answer).splitlines()):  # names come from data: nothing in them drives the terminal
        context.write(wrap(line.removeprefix("  - "), indent="- ") if line.startswith("  - ") else wrap(line))
    return 0 if answer else 1


def _over(context: Context) -> Period | None:
    """The ``--over START..END`` period, checked (or None when not given).

    Raises:
        InvalidValueError: it is not two ISO dates (either may be left out) around ``..``, or ``--as-of`` is given too.
    """
    text: str | None = getattr(context.args, "over", None)
    if text is None:
        return None
    if context.as_of is not None:
        raise InvalidValueError(field="--over", problem="cannot be given with --as-of")
    start, dots, end = text.partition("..")
    if not dots:
        raise InvalidValueError(
            field="--over", problem=f"must be START..END such as 2022-07-01..2027-01-01, got {text!r}"
        )
    return Period(to_date(start, field="--over") if start else None, to_date(end, field="--over") if end else None)


def _timeline(context: Context, title: str, line: Timeline[Any], none: str) -> int:
    """Write each answer of a timeline with the periods in which it holds (text) or as plain data (JSON)."""
    if context.json_output:
        context.emit(
            {
                "subject": plain(line.subject),
                "over": plain(line.over),
                "timeline": [{"answer": plain(h.answer), "periods": [plain(p) for p in h.periods]} for h in line],
                "changes": [d.isoformat() for d in line.dates],
            }
        )
        return 0
    _heading(context, f"{title} {line.subject.name} ({line.subject.id}) over {line.over}:")
    if not line.held:
        context.write(wrap(none, indent="  "))
    for held in line:
        context.write(wrap(safe(str(held.answer)), indent="- "))
        context.write(wrap("holds " + ", ".join(str(p) for p in held.periods), indent="    "))
    return 0


def run_regard(context: Context) -> int:
    """Say who must have regard to a document, and why (on a date, or over a period with ``--over``)."""
    landscape = _landscape(context)
    document = _entity(landscape, context.args.document)
    over = _over(context)
    if over is not None:
        line = _queries.timeline(
            _queries.who_must_have_regard_to, landscape, document, over=over, regime=context.args.regime
        )
        return _timeline(context, "Who must have regard to", line, "Nobody, in this period and regime.")
    answers = _queries.who_must_have_regard_to(landscape, document, **_query_options(context))
    return _answers(context, "Who must have regard to", document, answers, "Nobody, on this date and regime.")


def run_duties(context: Context) -> int:
    """List the duties a body holds, statutory and agreed (on a date, or over a period with ``--over``)."""
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    over = _over(context)
    if over is not None:
        line = _queries.timeline(_queries.duties_of, landscape, body, over=over, regime=context.args.regime)
        return _timeline(context, "Duties of", line, "No duties in this period and regime.")
    answers = _queries.duties_of(landscape, body, **_query_options(context))
    if context.json_output or context.csv_output or not answers:
        return _answers(context, "Duties of", body, answers, "No duties on this date and regime.")
    day = f" as of {context.as_of}" if context.as_of else ""
    _heading(context, f"Duties of {body.name} ({body.id}){day}, by kind:")
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for answer in answers:  # grouped in the order of the first answer of each kind
        groups[answer.kind].append(safe(str(answer)) + ("" if context.as_of else when(answer.period)))
    for kind, grouped in groups.items():
        context.write(f"{kind} ({len(grouped)}):")
        for text in grouped:
            context.write(wrap(text, indent="- "))
    return 0


def _provision_record(change: str, entry: Provision) -> dict[str, object]:
    """One provision gained or lost, as a flat record."""
    return {
        "change": change,
        "provision": entry.id,
        "kind": entry.kind.value,
        "citation": str(entry.citation),
        "verification": entry.verification.value,
        "title": entry.title,
    }


def run_law_changes(context: Context) -> int:
    """List the duties, powers and functions a body's kind gains and loses between two regimes or dates.

    The first side is ``--regime`` if given, else the enacted law on ``--as-of`` if given, else the
    default regime; the second is ``--against`` (a regime id or a date).
    """
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    before = context.args.regime or context.as_of or legal_regime().id
    comparison = compare_law(body, before, context.args.against)
    records = [
        *(_provision_record("gained", entry) for entry in comparison.gained),
        *(_provision_record("lost", entry) for entry in comparison.lost),
    ]
    if context.json_output:
        context.emit(
            {
                "subject": plain(body),
                "kind": comparison.kind,
                "before": comparison.before,
                "after": comparison.after,
                "changes": records,
            }
        )
        return 0
    if context.csv_output:
        context.table(["change", "provision", "kind", "citation", "verification", "title"], records)
        return 0
    _heading(context, f"The law for {body.name} ({body.id}): {comparison.before} -> {comparison.after}")
    for line in comparison.lines() or ["No difference."]:
        context.write(wrap(safe(line), indent="  "))
    return 0


def run_accountability(context: Context) -> int:
    """Trace every line of accountability from a body up to Parliament or an electorate."""
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    answers = _queries.accountability_chain(landscape, body, **_query_options(context))
    return _answers(context, "Accountability of", body, answers, "No lines of accountability recorded.")


def run_delegations(context: Context) -> int:
    """List the delegations a body makes and receives."""
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    given = _queries.delegations_from(landscape, body, as_of=context.as_of)
    received = _queries.delegations_to(landscape, body, as_of=context.as_of)
    return _answers(context, "Delegations by and to", body, (*given, *received), "No delegations recorded.")


def run_members(context: Context) -> int:
    """List the members of a body."""
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    answers = _queries.members_of(landscape, body, as_of=context.as_of)
    return _answers(context, "Members of", body, answers, "No members recorded.")


def run_reforms(context: Context) -> int:
    """Say how the 2025-26 reforms touch a body on a date: cluster, oversight segment, running-cost envelope."""
    from integratedcare._governance import _reforms_answers  # noqa: PLC0415 (only this command needs it)

    if context.as_of is None:
        raise InvalidValueError(
            field="--as-of", problem="is needed: reforms answers on one date (a day such as 2025-10-01)"
        )
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    answers: list[object] = [
        answer
        for answer in _queries.memberships_of(landscape, body, as_of=context.as_of)
        if isinstance(answer.entity, ICBCluster)
    ]
    answers.append(_reforms_answers.oversight_segment(landscape, body, as_of=context.as_of))
    if isinstance(body, IntegratedCareBoard):
        answers.append(_reforms_answers.running_cost_envelope(landscape, body, as_of=context.as_of))
    return _answers(context, "The 2025-26 reforms for", body, answers, "")


_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.ADVICE: "cyan"}


def run_check(context: Context) -> int:
    """Check a landscape against statute and guidance; exit 1 if any error is found."""
    landscape = _landscape(context)
    report = check(landscape, as_of=context.as_of, regime=context.args.regime)
    if context.json_output:
        context.emit({"source": context.args.source, "report": report.to_dict()})
        return 0 if report.ok else 1
    if context.csv_output:
        rows = [_finding_row(finding.to_dict()) for finding in report.findings]
        columns = ["rule", "severity", "entity", "message", "related", "start", "end", "source", "verification"]
        context.table(columns, rows)
        return 0 if report.ok else 1
    _heading(context, f"Checked {landscape.name or context.args.source}: {report.summary()}")
    for finding in report.findings:
        tag = context.style(f"{finding.severity.value} {finding.rule}:", _SEVERITY_STYLE[finding.severity])
        source = finding.to_dict()["citation"]["text"]
        dates = "" if context.as_of else when(finding.period)
        context.write(wrap(f"{tag} {safe(finding.message)} Source: {safe(source)}.{dates}", indent="- "))
    return 0 if report.ok else 1


def _finding_row(data: dict[str, Any]) -> dict[str, object]:
    """Flatten a finding's plain data to one CSV row."""
    return {
        **{key: data[key] for key in ("rule", "severity", "entity", "message")},
        "related": "; ".join(data["related"]),
        "start": data["period"]["start"],
        "end": data["period"]["end"],
        "source": data["citation"]["text"],
        "verification": data["citation"]["verification"],
    }


def run_export(context: Context) -> int:
    """Export a landscape to a file for another tool (format from --to or the file's suffix), or to standard output."""
    landscape = _landscape(context)
    if context.as_of:
        landscape = landscape.as_of(context.as_of)
    to: str | None = context.args.to
    if context.args.output == "-":
        context.out.write(_export_text(landscape, to, context.as_of))
        return 0
    output = Path(context.args.output)
    try:
        if to == "fhir":  # a FHIR R4 Bundle as JSON
            output.write_text(_export_text(landscape, to, context.as_of), encoding="utf-8")
        elif to == "parquet":  # a folder of Parquet tables
            io.to_parquet(landscape, output)
        else:
            io.export(landscape, output, format=to)
    except OSError as error:  # a failed write names no file: name the output, not the input
        error.filename = error.filename or str(output)
        raise
    if context.json_output:
        context.emit({"source": context.args.source, "output": str(output)})
    else:
        context.write(f"Wrote {safe(str(output))}")
    return 0


def _export_text(landscape: Landscape, to: str | None, as_of: str | None) -> str:
    """Return the export as text, for standard output or a FHIR file; a folder of tables cannot be text.

    Raises:
        InvalidValueError: no format was named for standard output, or the format is a folder (parquet).
        UnsupportedFormatError: the format is unknown.
    """
    if to is None:
        raise InvalidValueError(field="--to", problem="must name the format when writing to standard output (-)")
    if to == "parquet":
        raise InvalidValueError(field="--to", problem="parquet writes a folder of tables; name a folder, not -")
    if to == "fhir":
        return json.dumps(io.to_fhir(landscape, as_of=as_of), indent=2, ensure_ascii=False) + "\n"
    return export_text(landscape, to)


MAX_DROPPED = 20
"""How many dropped items ``import`` lists as text before saying how many more there are."""


def run_import(context: Context) -> int:
    """Read a FHIR bundle or ODS ORD records into a landscape file, and say what the model could not hold."""
    args = context.args
    source, output = Path(args.input), Path(args.output)
    format_of(output, None, {".toml": "toml", ".json": "json"})  # refuse an output of no known format before reading
    reader = io.from_fhir if args.from_format == "fhir" else io.from_ods
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DroppedDataWarning)
        landscape = reader(source, name=source.stem if args.name is None else args.name)
    dropped = [item for w in caught if isinstance(w.message, DroppedDataWarning) for item in w.message.dropped]
    try:
        io.dump(landscape, output)
    except OSError as error:  # a failed write names no file: name the output, not the input
        error.filename = error.filename or str(output)
        raise
    counts = {"entities": len(landscape.entities), "relations": len(landscape.all_relations)}
    if context.json_output:
        context.emit(
            {"source": str(source), "from": args.from_format, "output": str(output), **counts, "dropped": dropped}
        )
        return 0
    what = "a FHIR bundle" if args.from_format == "fhir" else "ODS ORD records"
    context.write(
        f"Read {counts['entities']} entities and {counts['relations']} relations from {safe(str(source))} "
        f"({what}); wrote {safe(str(output))}"
    )
    if dropped:
        context.write(f"Dropped {len(dropped)} item{'s' if len(dropped) > 1 else ''} the model cannot hold:")
        for item in dropped[:MAX_DROPPED]:
            context.write(f"  - {safe(item)}")
        if len(dropped) > MAX_DROPPED:
            context.write(f"  (and {len(dropped) - MAX_DROPPED} more; --format json lists them all)")
    return 0


_PICTURES = (".png", ".svg", ".pdf")


def run_map(context: Context) -> int:
    """Draw a map of one level of geography on a date, coloured by population or highlighting who must have regard."""
    from integratedcare._geo import boundaries  # noqa: PLC0415 (drawing loads only for this command)
    from integratedcare._maps import draw_map  # noqa: PLC0415 (drawing loads only for this command)

    landscape = _landscape(context)
    output = Path(context.args.output)
    if output.suffix.lower() not in _PICTURES:
        raise InvalidValueError(field="-o", problem=f"must end in {', '.join(_PICTURES)}, got {output.name!r}")
    day = context.as_of or dt.datetime.now(tz=dt.UTC).date().isoformat()
    level: str = context.args.level
    found = boundaries(landscape, as_of=day, level=level)
    values: dict[str, float] | None = None
    highlight: list[str] = []
    outline: list[str] = []
    legend = None
    if context.args.color == "population":
        totals = {area.id: _queries.population_of(landscape, area.id, as_of=day).total for area in found.areas}
        values = {key: float(total.to("person").magnitude) for key, total in totals.items() if total is not None}
        legend = "population (people)"
    if context.args.highlight_regard:
        document = _entity(landscape, context.args.highlight_regard)
        holders = [
            a.holder.id for a in _queries.who_must_have_regard_to(landscape, document, **_query_options(context))
        ]
        highlight = holders
        outline = [i for i in holders if isinstance(landscape[i], IntegratedCareBoard) and level != "icb"]
        legend = f"must have regard to {document.name}"
    fig = draw_map(
        landscape,
        as_of=day,
        level=level,
        values=values,
        highlight=highlight,
        outline=outline,
        labels=context.args.labels,
        legend=legend,
    )
    fig.savefig(output, bbox_inches="tight")
    fig.clear()
    if context.json_output:
        context.emit(
            {"source": context.args.source, "output": str(output), "areas": len(found), "missing": list(found.missing)}
        )
    else:
        context.write(
            f"Wrote {output}: {len(found)} areas"
            + (f"; no boundary for {', '.join(found.missing)}" if found.missing else "")
        )
    return 0


def _kind_list(text: str | None, known: Sequence[str], option: str) -> list[str] | None:
    """Split a comma-separated list of kinds, refusing an unknown one with the closest known kinds."""
    if text is None:
        return None
    kinds = [part.strip() for part in text.split(",") if part.strip()]
    for kind in kinds:
        if kind not in known:
            close = difflib.get_close_matches(kind, known, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else f"; known: {', '.join(sorted(known))}"
            raise InvalidValueError(field=option, problem=f"has no kind {kind!r}{hint}")
    return kinds


def run_draw(context: Context) -> int:
    """Draw a landscape, or part of it, to a picture file."""
    from integratedcare._draw import draw  # noqa: PLC0415 (drawing loads only for this command)
    from integratedcare.kinds import ENTITY_KINDS, RELATION_KINDS  # noqa: PLC0415 (only this command needs them)

    landscape = _landscape(context)
    output = Path(context.args.output)
    if output.suffix.lower() not in _PICTURES:
        raise InvalidValueError(field="-o", problem=f"must end in {', '.join(_PICTURES)}, got {output.name!r}")
    ax = draw(
        landscape,
        as_of=context.as_of,
        kinds=_kind_list(context.args.kinds, list(ENTITY_KINDS), "--kinds"),
        relations=_kind_list(context.args.relations, list(RELATION_KINDS), "--relations"),
        around=context.args.around,
        depth=context.args.depth,
        layout=context.args.layout,
        duties=context.args.duties,
    )
    figure = ax.get_figure()
    boxes = len([text for text in ax.texts if text.get_text()])
    figure.savefig(output, bbox_inches="tight")  # type: ignore[union-attr]
    figure.clear()  # type: ignore[union-attr]
    if context.json_output:
        context.emit({"source": context.args.source, "output": str(output), "boxes": boxes})
    else:
        context.write(f"Wrote {safe(str(output))}: {boxes} boxes")
    return 0


def run_diff(context: Context) -> int:
    """Say what differs between two dates of a landscape, or between two landscapes."""
    landscape = _landscape(context)
    against: str | None = context.args.against
    vs: str | None = context.args.vs
    if against is None and vs is None:
        raise InvalidValueError(field="diff", problem="needs --vs DATE (with --as-of DATE) or --against SOURCE")
    if against is None:
        if context.as_of is None:
            raise InvalidValueError(field="--vs", problem="needs --as-of DATE to compare against")
        result: LandscapeDiff = changes(landscape, context.as_of, to_date(str(vs), field="--vs"))
    else:
        other = load_source(against)
        if context.as_of:
            landscape, other = landscape.as_of(context.as_of), other.as_of(vs or context.as_of)
        result = diff(landscape, other)
    if context.json_output:
        context.emit({"source": context.args.source, "against": against, "vs": vs, "diff": result.to_dict()})
        return 0
    names = {e.id: e.name for e in landscape} | ({} if against is None else {e.id: e.name for e in other})
    if context.csv_output:
        columns = ["change", "kind", "id", "name", "source", "source_name", "target", "target_name"]
        context.table([*columns, "date", "start", "end", "fields"], _diff_rows(result, names))
        return 0
    before = context.as_of or context.args.source
    _heading(context, f"Changes from {before} to {vs or against}:")
    rows = _diff_rows(result, names)
    if not rows:
        context.write("  no differences")
    for row in rows:
        context.write(wrap(safe(_diff_line(row, names)), indent="  "))
    return 0


_SIGNS = {"succession": ">", "added": "+", "removed": "-", "changed": "~"}


def _named(ident: object, names: dict[str, str]) -> str:
    """Name an entity by its name and id, or its id alone when neither landscape has it."""
    return f"{names[str(ident)]} ({ident})" if str(ident) in names else str(ident)


def _diff_line(row: dict[str, object], names: dict[str, str]) -> str:
    """Say one difference in a line, naming each entity with its name and id."""
    sign = _SIGNS[str(row["change"])]
    if row["change"] == "succession":
        return f"{sign} {_named(row['source'], names)} succeeded by {_named(row['target'], names)} on {row['date']}"
    if row["id"] is not None:
        fields = f": {row['fields']}" if row["fields"] else ""
        return f"{sign} {row['kind']} {row['name']} ({row['id']}){fields}"
    dates = when(Period(row["start"], row["end"]))  # type: ignore[arg-type]
    return f"{sign} {row['kind']}: {_named(row['source'], names)} -> {_named(row['target'], names)}{dates}"


def _diff_rows(result: LandscapeDiff, names: dict[str, str]) -> list[dict[str, object]]:
    """Return each difference as a row: what changed, the kind, the entity or the relation's ends, and when."""
    rows: list[dict[str, object]] = []
    blank = dict.fromkeys(("id", "name", "source", "target", "date", "fields", "start", "end"))
    rows += [
        {**blank, "change": "succession", "kind": s.kind, "source": s.source, "target": s.target, "date": s.date}
        for s in result.successions
    ]
    for change, entities in (("added", result.added), ("removed", result.removed)):
        rows += [{**blank, "change": change, "kind": e.kind, "id": e.id, "name": e.name} for e in entities]
    for c in result.changed:
        rows.append(
            {
                **blank,
                "change": "changed",
                "kind": c.after.kind,
                "id": c.id,
                "name": c.after.name,
                "fields": ", ".join(c.fields),
            }
        )
    for change, relations in (("added", result.added_relations), ("removed", result.removed_relations)):
        rows += [
            {
                **blank,
                "change": change,
                "kind": r.kind,
                "source": r.source,
                "target": r.target,
                "start": r.period.start,
                "end": r.period.end,
            }
            for r in relations
        ]
    for row in rows:
        row["source_name"], row["target_name"] = names.get(str(row["source"])), names.get(str(row["target"]))
    return rows
