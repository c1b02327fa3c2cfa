"""The subcommands of ``integratedcare``: each reads a landscape, asks the library, and prints the answer."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
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
from integratedcare._errors import InvalidValueError
from integratedcare._landscape import Landscape
from integratedcare._model import Entity, IntegratedCareBoard, Within, to_date
from integratedcare._statute import legal_regime

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
        value: str | None = self.args.as_of
        return None if value is None else to_date(value, field="--as-of").isoformat()

    def write(self, text: str = "") -> None:
        """Write a line of text."""
        self.out.write(text + "\n")

    def emit(self, data: dict[str, Any]) -> None:
        """Write ``data`` as stable, indented JSON with the common header fields first."""
        header = {"command": self.args.command, "as_of": self.as_of, "regime": self.args.regime}
        self.out.write(json_safe(json.dumps({**header, **data}, indent=2, ensure_ascii=False)) + "\n")


def check_options(context: Context) -> None:
    """Check the options every command takes before any work: the date and the regime.

    Raises:
        InvalidValueError: ``--as-of`` is not a date.
        UnknownRegimeError: ``--regime`` names no legal regime.
    """
    _ = context.as_of
    if context.args.regime is not None:
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
    """Look up an entity named on the command line (an unknown id suggests close ones)."""
    return landscape.get(ident)


def _heading(context: Context, text: str) -> None:
    """Write a bold heading wrapped to the terminal width."""
    context.write(context.style(wrap(safe(text)), "bold"))


def _answers(context: Context, title: str, subject: Entity, answers: Sequence[object], none: str) -> int:
    """Write a list of answers as sentences (text) or plain data (JSON)."""
    if context.json_output:
        context.emit({"subject": plain(subject), "answers": [plain(a) for a in answers]})
        return 0
    when = f" as of {context.as_of}" if context.as_of else ""
    _heading(context, f"{title} {subject.name} ({subject.id}){when}:")
    if not answers:
        context.write(wrap(none, indent="  "))
    for answer in answers:
        context.write(wrap(safe(str(answer)), indent="- "))
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
    for kids in children.values():
        kids.sort(key=lambda e: (e.kind, e.name, e.id))
    roots = sorted((e for e in landscape if e.id not in has_parent), key=lambda e: (e.kind, e.name, e.id))
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
    _heading(
        context, f"{landscape.name or 'Landscape'}: {len(landscape)} entities, {len(landscape.all_relations)} relations"
    )

    shown: set[str] = set()

    def show(entity: Entity, depth: int, seen: frozenset[str]) -> None:
        shown.add(entity.id)
        label = f"{safe(entity.name)} [{context.style(safe(entity.kind), 'dim')}] ({safe(entity.id)})"
        context.write(wrap(label, indent="  " * depth + "- "))
        for child in children.get(entity.id, ()):
            if child.id not in seen:  # a containment cycle is drawn once round
                show(child, depth + 1, seen | {child.id})

    for root in roots:
        show(root, 0, frozenset({root.id}))
    for entity in landscape:  # entities inside a containment cycle have no root above them
        if entity.id not in shown:
            show(entity, 0, frozenset({entity.id}))
    return 0


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
    for line in map(safe, str(answer).splitlines()):  # names come from data: nothing in them drives the terminal
        context.write(wrap(line.removeprefix("  - "), indent="- ") if line.startswith("  - ") else wrap(line))
    return 0 if answer else 1


def run_regard(context: Context) -> int:
    """Say who must have regard to a document, and why."""
    landscape = _landscape(context)
    document = _entity(landscape, context.args.document)
    answers = _queries.who_must_have_regard_to(landscape, document, **_query_options(context))
    return _answers(context, "Who must have regard to", document, answers, "Nobody, on this date and regime.")


def run_duties(context: Context) -> int:
    """List the duties a body holds, statutory and agreed."""
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    answers = _queries.duties_of(landscape, body, **_query_options(context))
    return _answers(context, "Duties of", body, answers, "No duties on this date and regime.")


def run_accountability(context: Context) -> int:
    """Trace every line of accountability from a body up to Parliament or an electorate."""
    landscape = _landscape(context)
    body = _entity(landscape, context.args.body)
    answers = _queries.accountability_chain(landscape, body, as_of=context.as_of)
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


_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.ADVICE: "cyan"}


def run_check(context: Context) -> int:
    """Check a landscape against statute and guidance; exit 1 if any error is found."""
    landscape = _landscape(context)
    report = check(landscape, as_of=context.as_of, regime=context.args.regime)
    if context.json_output:
        context.emit({"source": context.args.source, "report": report.to_dict()})
        return 0 if report.ok else 1
    _heading(context, f"Checked {landscape.name or context.args.source}: {report.summary()}")
    for finding in report.findings:
        tag = context.style(f"{finding.severity.value} {finding.rule}", _SEVERITY_STYLE[finding.severity])
        context.write(wrap(f"{tag} {safe(str(finding))}", indent="- "))
    return 0 if report.ok else 1


def run_export(context: Context) -> int:
    """Export a landscape to a file for another tool (format from --to or the file's suffix)."""
    landscape = _landscape(context)
    if context.as_of:
        landscape = landscape.as_of(context.as_of)
    output = Path(context.args.output)
    try:
        if context.args.to == "fhir":  # a FHIR R4 Bundle as JSON
            bundle = io.to_fhir(landscape, as_of=context.as_of)
            output.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        elif context.args.to == "parquet":  # a folder of Parquet tables
            io.to_parquet(landscape, output)
        else:
            io.export(landscape, output, format=context.args.to)
    except OSError as error:  # a failed write names no file: name the output, not the input
        error.filename = error.filename or str(output)
        raise
    if context.json_output:
        context.emit({"source": context.args.source, "output": str(output)})
    else:
        context.write(f"Wrote {safe(str(output))}")
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
    before = context.as_of or context.args.source
    _heading(context, f"Changes from {before} to {vs or against}:")
    for line in str(result).split("\n"):
        context.write(wrap(safe(line), indent="  "))
    return 0
