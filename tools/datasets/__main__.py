"""Regenerate the bundled datasets: ``python -m tools.datasets`` from the repository root.

Builds each landscape (checking it), writes it into ``src/integratedcare/datasets/data/`` in the
integratedcare file format (compact gzipped JSON for england, whose size makes TOML slow to read;
TOML for the others), and writes ``index.toml`` with each dataset's title, description and sources.

To rebuild ``england`` from a newer release, copy the reference directory, replace the files of
``bundle/`` with newer ones of the same names and formats (ODS ``etr`` and ``epraccur``, the NHS
England practice map and registered-patient files) and run
``INTEGRATEDCARE_REFERENCE=/path/to/copy python -m tools.datasets``. A file whose columns are not
as expected stops the build with a ``BundleFormatError`` naming the file, the row and the column.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import tomli_w

import integratedcare as ic
from integratedcare.io._files import to_document

from . import _common as common
from . import (
    cheshire_and_merseyside,
    england,
    england_layers,
    lancashire_and_south_cumbria,
    north_east_and_north_cumbria,
    teaching,
)

OUT: Final = Path(__file__).resolve().parents[2] / "src" / "integratedcare" / "datasets" / "data"

Dataset = tuple[str, str, str, Callable[[], ic.Landscape], str, Sequence[ic.Source], Sequence[str]]

SEED_003: Final = common.source(
    cheshire_and_merseyside.SEED,
    "the agenda pack of the Cheshire East Health and Wellbeing Board; the memorandum and its Annexes A and 1-5",
)
SEED_001: Final = common.source(
    north_east_and_north_cumbria.SEED, "Dan Jackson, Director of Policy, Public Affairs and Stakeholder Affairs"
)
ODS_2022: Final = cheshire_and_merseyside.ODS_TRUSTS

DATASETS: Final[tuple[Dataset, ...]] = (
    (
        "brackenshire",
        "Brackenshire (fictional teaching example)",
        "toml",
        teaching.build,
        teaching.DESCRIPTION,
        (teaching.FICTION, common.LEGISLATION_116ZA, common.LEGISLATION_116ZB),
        tuple(f"Deliberate finding: {finding}" for finding in teaching.FINDINGS),
    ),
    (
        "cheshire-and-merseyside",
        "Cheshire and Merseyside (2020 memorandum and the statutory arrangements from 2022), with Cheshire East",
        "toml",
        cheshire_and_merseyside.build,
        cheshire_and_merseyside.DESCRIPTION,
        (
            SEED_003,
            common.source(cheshire_and_merseyside.APPENDIX, "core feature 2 (lines 16-18)"),
            common.source(cheshire_and_merseyside.GGI, "opening paragraph (interview of 7 February 2022)"),
            ODS_2022,
            england.ONS_2022_LA,
            england.ONS_2024_LA,
            common.LEGISLATION_116ZA,
            common.LEGISLATION_116ZB,
            common.LEGISLATION_S1,
        ),
        (
            "The memorandum's text says 'nineteen' provider trusts but its Annex A names 18; the 18 are kept.",
            "Healthwatch organisations are named in the source only for Cheshire; the others have descriptive names.",
            (
                "Place partnership members: councils, CCGs and Healthwatch from the memorandum; the ICB after the "
                "CCGs, the PCNs and the NHS providers of each place are inferred (line 1258 says which kinds of "
                "body take part, not which bodies) and flagged on each link."
            ),
            "NW Boroughs Partnership NHS FT closed on 2021-05-31 (ODS); Mersey Care as its successor is inferred.",
            "Four of the eight Cheshire East care communities and all nine PCNs are unnamed in the source.",
            "The statutory ICP's local name, the strategy's title and its publication date are not in the seeds.",
            (
                "Lines of accountability: each council answers to its electorate and each HWB to its council (as in "
                "england); the NHS North West Regional People Board answering to NHS England is inferred and flagged; "
                "the Partnership Assembly, the memorandum's body of last recourse, ends its line by design (a note "
                "starting 'line ends:')."
            ),
            (
                "Bodies without a start date (most of the memorandum's) say why in a note starting 'open-ended:' "
                "(their start is in none of the sources; the memorandum of November 2020 attests them)."
            ),
            (
                "Typed from the appendix on seven core features (undated, a proposal, flagged on each record): the "
                "Place Collaborative Forum within the partnership, on which each place's Place Lead sits; Cheshire "
                "East's lead is the HWB papers' post, the other eight are the posts the appendix asks for, named by "
                "role."
            ),
            (
                "Typed from the GGI guide (7 February 2022): the Liverpool City Region local authority chief "
                "executive representative on the ICS, a post held by St Helens Borough Council through its chief "
                "executive (attested on that date only)."
            ),
        ),
    ),
    (
        "england",
        "England 2022-2026: ICBs, sub-ICB locations, councils, ICSs and ICPs, NHS trusts, PCNs and GP practices",
        "json.gz",
        england.build,
        england.DESCRIPTION,
        (
            england.ONS_2022,
            england.ONS_2022_LA,
            england.ONS_2024_LA,
            england.TABLE_2026_LA,
            england.REGIONS,
            england.ODS_SUCCESSIONS,
            england.ICBS_2026,
            england.WMS_HCWS915,
            common.LEGISLATION_116ZA,
            common.DELEGATION_PRIMARY_CARE,
            common.DELEGATION_POD,
            *england_layers.LAYER_SOURCES,
        ),
        (
            england_layers.OGL + ".",
            "Record-level sources are short (title and bundle file); the full sources, with their carriers, are here.",
            (
                "A change the practice maps show between 2022-01-01 and 2026-08-01 without a date is dated 2026-08-01 "
                "(the latest date the sources allow) and flagged in the record's notes."
            ),
            "Practices and trusts open and close on their ODS dates (epraccur, etr); a close date is the last day.",
            (
                "PCN code 'U' of the maps (practices in no PCN) is not a PCN: those practices have no PCN link; the "
                "maps' 1,299 PCN codes are 1,298 PCNs and 'U'."
            ),
            (
                "79 practices open in epraccur (July 2026) are absent from the 2026-08-01 map; they stay open without "
                "links after their last map."
            ),
            (
                "Trust types: acute only where the OHID acute catchment table lists the trust (inferred); foundation "
                "status inferred from the name; other types unknown."
            ),
            "Seven list-size rows of 2025-04-01 for codes in neither map are not included.",
            "PCNs of the 2022 map have no start date (not in the sources); they exist on 2022-01-01.",
            (
                "Places (place-based partnerships) and provider collaboratives are not included: no public, "
                "citable list of them was among the sources."
            ),
            (
                "Strategies and joint forward plans: their titles and publication dates are in no source; which "
                "strategy is in force in an ICB area formed on 2026-04-01 is an assumption (the new ICP's)."
            ),
            (
                f"The 2026-08-01 registered total of PCN code 'U' ({england_layers.unaligned_total():,} patients of "
                "practices in no PCN) is attached to no entity, so an ICB's total exceeds its PCNs' sum by its "
                "practices in no PCN (and PCN U41591 spans two ICBs)."
            ),
            "Overlap shares are LSOA counts (a size proxy), not population shares.",
            "Council names are formed from the ONS area names; official styles vary.",
            "The 2026 split of Frimley between its three successors is inferred by district.",
            "Sub-ICB locations of ICBs dissolved on 2026-04-01 end on that date (their fate was not checked).",
            "One overlap (Oxfordshire with Northamptonshire ICB, 1 LSOA21) is a lookup artefact and is flagged.",
        ),
    ),
    (
        "lancashire-and-south-cumbria",
        "Lancashire and South Cumbria: the place-level ICP model, with the system around it",
        "toml",
        lancashire_and_south_cumbria.build,
        lancashire_and_south_cumbria.DESCRIPTION,
        (
            common.source(lancashire_and_south_cumbria.MODEL, "the whole paper (lines 3-257)"),
            england.ONS_2022,
            england.ONS_2022_LA,
            england.ONS_2024_LA,
            england.TABLE_2026_LA,
            england.ODS_SUCCESSIONS,
            common.LEGISLATION_116ZA,
            common.LEGISLATION_116ZB,
            common.LEGISLATION_S1,
        ),
        (
            (
                "The paper names no place, no date and no author: its places are not in the dataset, and the "
                "model is recorded as an undated guidance document."
            ),
            (
                "The system (ICB, ICS, ICP, strategy, joint forward plan, councils, host trusts, sub-ICB locations) "
                "is copied from the bundled england dataset, with its sources."
            ),
            "The place-size advice (PLC003) applies to any place whose population is recorded; none is here.",
        ),
    ),
    (
        "north-east-and-north-cumbria",
        "North East and North Cumbria: the ICB board, the strategic ICP and four area ICPs",
        "toml",
        north_east_and_north_cumbria.build,
        north_east_and_north_cumbria.DESCRIPTION,
        (
            SEED_001,
            north_east_and_north_cumbria.PAGE_SOURCE,
            england.ONS_2022_LA,
            england.ONS_2024_LA,
            common.LEGISLATION_116ZA,
            common.LEGISLATION_S1,
        ),
        (
            (
                "The proposed strategic ICP counts 52 seats (54 with fourteen councils) held by 40 (41) members: "
                "each council holds two seats (its HWB chair and one lead officer); the ICB sits through its 26 "
                "board posts. It is far above the lean ICP of at most 25 advised by the Good Governance Institute."
            ),
            "The slides say thirteen councils but propose 26/28 council seats; from April 2023 there were fourteen.",
            (
                "Which councils belong to which area ICP is not in the slides: it is taken from the ICB's web page "
                "(not retrieved, unverified); the North Cumbria members after April 2023 are inferred."
            ),
            (
                "Typed from the slides: the ICB and each council establishing the strategic ICP may jointly select "
                "its chair and define the role, term and accountabilities (a Duty of kind 'may' from each founder "
                "to the ICP, line 176); the ICP must involve the ICS HealthWatch Network and the ICS VCSE "
                "Partnership, not necessarily as full members (a Duty of kind 'must involve', lines 156-160, "
                "proposed)."
            ),
        ),
    ),
)


def _source_record(src: ic.Source) -> dict[str, str]:
    """Return a source as plain data for the index."""
    record = {"title": src.title, "verification": src.verification.value}
    if src.reference is not None:
        record["reference"] = src.reference
    if src.note is not None:
        record["note"] = src.note
    return record


def write(landscape: ic.Landscape, path: Path, fmt: str) -> None:
    """Write a dataset: TOML as :func:`integratedcare.io.dump` writes it; ``json.gz`` compact and gzipped.

    The compact JSON is the same document as ``ic.io.dumps(..., format="json")`` without the
    indentation, gzipped with no timestamp (so the bytes are reproducible): this keeps the
    ten-thousand-entity ``england`` file small.
    """
    if fmt == "json.gz":
        text = json.dumps(to_document(landscape), ensure_ascii=False, separators=(",", ":")) + "\n"
        path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    else:
        ic.io.dump(landscape, path)


def read(path: Path) -> ic.Landscape:
    """Read a written dataset back."""
    if path.name.endswith(".json.gz"):
        return ic.io.loads(gzip.decompress(path.read_bytes()).decode("utf-8"), format="json", source=path.name)
    return ic.io.load(path)


COVERAGE: Final[dict[str, dict[str, str]]] = {
    # The span each dataset models (an end left out: its latest state is kept, no end declared).
    "brackenshire": {"start": "2022-07-01"},  # fictional; set in the statutory arrangements from 2022
    "cheshire-and-merseyside": {"start": "2020-11-01"},  # the draft memorandum of November 2020
    "england": {"start": "2022-07-01", "end": "2026-08-02"},  # ICBs established; the last map is of 2026-08-01
    "lancashire-and-south-cumbria": {"start": "2022-07-01"},  # its ICB established (copied from england)
    "north-east-and-north-cumbria": {"start": "2022-07-01"},  # ICB QHM established
}
"""The span of dates each dataset declares it covers, written to the index."""


REFUSE: Final = ("DAT001", "DAT002", "DAT003", "DAT004", "DAT005", "DAT006")
"""The data's invariants: a dataset with any finding of one, error or warning, is not written.

Relations within their ends' lifetimes, no containment loops, no fact told twice, names without
editorial notes, sources named by document, lines of accountability that reach Parliament or an
electorate. (DAT007, start dates, needs the coverage the registry declares on loading: a test holds
every bundled dataset to it.)
"""


def main() -> int:
    """Build, write and re-read every dataset, then write the index."""
    OUT.mkdir(parents=True, exist_ok=True)
    index = []
    for name, title, fmt, build, description, sources, notes in DATASETS:
        landscape = build()
        refused = ic.check(landscape, rules=REFUSE).findings
        if refused:  # pragma: no cover (a generator bug: the data breaks one of its invariants)
            sys.stderr.write(f"{name}: not written, {len(refused)} findings, the first: {refused[0]}\n")
            return 1
        path = OUT / f"{name}.{fmt}"
        write(landscape, path, fmt)
        started = time.perf_counter()
        again = read(path)
        elapsed = time.perf_counter() - started
        if again != landscape:  # pragma: no cover (a format bug, reported to the io layer)
            sys.stderr.write(f"{name}: the written file does not read back equal\n")
            return 1
        sys.stdout.write(
            f"{name}: {len(landscape)} entities, {len(landscape.all_relations)} relations, "
            f"{path.stat().st_size:,} bytes, read in {elapsed:.3f} s\n"
        )
        index.append(
            {
                "name": name,
                "file": path.name,
                "title": title,
                "description": description,
                "notes": list(notes),
                **({"coverage": COVERAGE[name]} if name in COVERAGE else {}),  # a dataset without: all time
                "sources": [_source_record(s) for s in sources],
            }
        )
    (OUT / "index.toml").write_text(tomli_w.dumps({"datasets": index}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
