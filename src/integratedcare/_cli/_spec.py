"""The commands of ``integratedcare``: names, help, examples and arguments (light to import).

The parser is built from these alone, so ``--help`` answers without importing the library's
layers; :mod:`integratedcare._cli._commands` is imported only to run a command.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["COMMANDS", "Command"]


@attrs.frozen(kw_only=True)
class Command:
    """A subcommand: its name, summary, example, arguments and what it runs."""

    name: str
    summary: str
    example: str
    run: str
    """The name of the function in ``_commands`` that runs it."""
    positionals: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, dict[str, Any]], ...] = ()
    takes_source_option: bool = True
    dated: bool = True
    """Whether it takes ``--as-of`` and ``--regime`` (listing the datasets takes neither)."""
    table: bool = False
    """Whether its answer is a table, so that it also takes ``--format csv``."""


def _options(*pairs: tuple[str, dict[str, Any]]) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Collect option declarations."""
    return tuple(pairs)


_OVER = (
    "--over",
    {
        "metavar": "START..END",
        "help": "answer over this period instead of one date: each answer with the periods in which it holds "
        "(ISO dates, END the first day after; either may be left out, such as 2022-07-01..)",
    },
)

_SOURCE = (("source", "a landscape file (.toml, .json) or a bundled dataset name"),)

COMMANDS: tuple[Command, ...] = (
    Command(
        name="datasets",
        summary="List the bundled datasets.",
        example="integratedcare datasets",
        run="run_datasets",
        takes_source_option=False,
        dated=False,
        table=True,
    ),
    Command(
        name="show",
        table=True,
        summary="Show a landscape as a tree: regions, systems, boards, partnerships, places...",
        example="integratedcare show cheshire-and-merseyside --as-of 2024-01-01",
        run="run_show",
        positionals=_SOURCE,
        takes_source_option=False,
    ),
    Command(
        name="find",
        table=True,
        summary="Find entities by name, ODS or GSS code (case-insensitive), with suggestions.",
        example="integratedcare find 'royal surrey' --in england",
        run="run_find",
        positionals=(("text", "a name or part of one, an id, or an ODS or GSS code"),),
        options=_options(("--kind", {"metavar": "KIND", "help": "only this kind, such as nhs-trust or gp-practice"})),
    ),
    Command(
        name="regard",
        table=True,
        summary="Who must have regard to a document (a strategy, an assessment), with the legal reason.",
        example="integratedcare regard cm-integrated-care-strategy --in cheshire-and-merseyside --as-of 2024-01-01",
        run="run_regard",
        positionals=(("document", "the id of the document"),),
        options=_options(_OVER),
    ),
    Command(
        name="duties",
        table=True,
        summary="The duties and powers a body holds (its register), each with its basis.",
        example="integratedcare duties QYG --in cheshire-and-merseyside --as-of 2024-01-01",
        run="run_duties",
        positionals=(("body", "the id of the body"),),
        options=_options(_OVER),
    ),
    Command(
        name="law-changes",
        table=True,
        summary="The duties, powers and functions a body's kind gains and loses under another regime or date.",
        example="integratedcare law-changes QYG --in england --against health-bill-2026",
        run="run_law_changes",
        positionals=(("body", "the id of the body"),),
        options=_options(
            (
                "--against",
                {
                    "metavar": "REGIME",
                    "required": True,
                    "help": (
                        "the regime (such as health-bill-2026) or date to compare with the law of --regime, "
                        "or of --as-of, or in force"
                    ),
                },
            )
        ),
    ),
    Command(
        name="accountability",
        table=True,
        summary="Every line of accountability from a body up to Parliament or an electorate.",
        example="integratedcare accountability QYG --in england --as-of 2024-01-01",
        run="run_accountability",
        positionals=(("body", "the id of the body"),),
    ),
    Command(
        name="delegations",
        table=True,
        summary="The delegations a body makes and receives, and who stays accountable.",
        example="integratedcare delegations QYG --in england --as-of 2024-01-01",
        run="run_delegations",
        positionals=(("body", "the id of the body"),),
    ),
    Command(
        name="reforms",
        table=True,
        summary="The 2025-26 reforms as they touch a body on a date: its ICB cluster, oversight segment and "
        "running-cost envelope.",
        example="integratedcare reforms QHL --in england --as-of 2025-10-01",
        run="run_reforms",
        positionals=(("body", "the id of the body (an ICB or NHS trust, say)"),),
    ),
    Command(
        name="members",
        table=True,
        summary="The members of a body, with their roles and votes.",
        example="integratedcare members cm-partnership-board --in cheshire-and-merseyside",
        run="run_members",
        positionals=(("body", "the id of the body"),),
    ),
    Command(
        name="check",
        table=True,
        summary="Check a landscape against statute and guidance (exit 1 if errors are found).",
        example="integratedcare check ours.toml",
        run="run_check",
        positionals=_SOURCE,
        takes_source_option=False,
    ),
    Command(
        name="export",
        summary="Export a landscape to GraphML, GEXF, JSON, Mermaid, DOT, Turtle, JSON-LD, FHIR or Parquet.",
        example="integratedcare export cm.graphml --in cheshire-and-merseyside",
        run="run_export",
        positionals=(
            ("output", "the file to write (- for standard output); its suffix chooses the format unless --to is given"),
        ),
        options=_options(
            (
                "--to",
                {
                    "metavar": "FORMAT",
                    "help": "the export format (default: from the suffix); also fhir (a FHIR R4 Bundle as JSON) "
                    "and parquet (a folder of tables)",
                },
            )
        ),
    ),
    Command(
        name="import",
        summary="Read a FHIR Bundle or ODS ORD records (JSON) into a landscape file, saying what was dropped.",
        example="integratedcare import frimley-ord.json --from ods -o frimley.toml",
        run="run_import",
        positionals=(("input", "the JSON file to read: a FHIR R4 Bundle (or one Organization), or ODS ORD records"),),
        options=_options(
            (
                "--from",
                {
                    "dest": "from_format",
                    "choices": ("fhir", "ods"),
                    "required": True,
                    "help": "what the file holds: fhir (a Bundle, as export --to fhir or the ODS FHIR API writes) "
                    "or ods (an ODS ORD record or a list of them)",
                },
            ),
            (
                "-o",
                {
                    "dest": "output",
                    "metavar": "FILE",
                    "required": True,
                    "help": "the landscape file to write (.toml or .json)",
                },
            ),
            ("--name", {"metavar": "NAME", "help": "the landscape's name (default: the input file's name, no suffix)"}),
        ),
        takes_source_option=False,
        dated=False,
    ),
    Command(
        name="map",
        summary="Draw a map of ICBs, sub-ICB locations, regions or councils on a date (PNG, SVG or PDF).",
        example="integratedcare map england --as-of 2026-04-01 --color population -o icbs.svg",
        run="run_map",
        positionals=_SOURCE,
        options=_options(
            (
                "-o",
                {
                    "dest": "output",
                    "metavar": "FILE",
                    "required": True,
                    "help": "the picture to write (.png, .svg, .pdf)",
                },
            ),
            (
                "--level",
                {
                    "choices": ("icb", "sub-icb", "region", "council"),
                    "default": "icb",
                    "help": "the areas to draw (default: icb)",
                },
            ),
            ("--color", {"choices": ("population",), "help": "colour the areas by a value"}),
            (
                "--highlight-regard",
                {"metavar": "DOCUMENT", "help": "fill the areas of the bodies that must have regard to this document"},
            ),
            ("--labels", {"action": "store_true", "help": "write each area's name on it"}),
        ),
        takes_source_option=False,
    ),
    Command(
        name="draw",
        summary="Draw a landscape's bodies and relations, or part of them, to a picture (PNG, SVG or PDF).",
        example="integratedcare draw england --as-of 2026-04-01 --kinds region,integrated-care-board "
        "--relations within -o icbs.svg",
        run="run_draw",
        positionals=_SOURCE,
        options=_options(
            (
                "-o",
                {
                    "dest": "output",
                    "metavar": "FILE",
                    "required": True,
                    "help": "the picture to write (.png, .svg, .pdf)",
                },
            ),
            ("--kinds", {"metavar": "KINDS", "help": "only entities of these kinds, comma-separated"}),
            ("--relations", {"metavar": "KINDS", "help": "only relations of these kinds, comma-separated"}),
            ("--around", {"metavar": "ID", "help": "only this entity and those near it (see --depth)"}),
            ("--depth", {"type": int, "metavar": "N", "help": "how many relations away from --around (default: 1)"}),
            ("--layout", {"choices": ("auto", "layers", "tree"), "default": "auto", "help": "(default: auto)"}),
            ("--duties", {"action": "store_true", "help": "also draw the duties derived from statute, dashed"}),
        ),
        takes_source_option=False,
    ),
    Command(
        name="diff",
        table=True,
        summary="What differs between two dates of a landscape (--as-of, --vs) or two landscapes (--against).",
        example="integratedcare diff england --as-of 2026-03-31 --vs 2026-04-01",
        run="run_diff",
        positionals=_SOURCE,
        options=_options(
            ("--vs", {"metavar": "DATE", "help": "the later date to compare the --as-of date with"}),
            ("--against", {"metavar": "SOURCE", "help": "another landscape file or dataset to compare with"}),
        ),
        takes_source_option=False,
    ),
)
