"""The finer layers of the ``england`` dataset: NHS trusts, primary care, population figures, documents.

Read from the files gathered in ``/work/shared/reference/bundle`` (see its ``MANIFEST.md``): the
ODS ``etr`` snapshots of March 2022, January 2026 and July 2026, the OHID acute trust catchment
lookup, the NHS England practice to PCN to sub-ICB location maps of January 2022 and August 2026,
ODS ``epraccur`` of July 2026, registered list sizes (April 2025 and August 2026) and ONS mid-2020
resident populations. All are NHS England / NHS Digital / ONS data under the Open Government
Licence v3.0.

Rules for dates the sources do not give (each is flagged in the record's notes):

- A change seen only between two snapshots is placed on the later snapshot's date, the latest date
  the sources allow; the window in which it happened is stated.
- A sub-ICB location whose ICB was dissolved on 2026-04-01 and which the August 2026 map places in
  the successor ICB moved on 2026-04-01 (its ICB ceased to exist that day).
- Practices and trusts open and close on their ODS dates (``epraccur``, ``etr``); an ODS close
  date is the last day open, so the period ends the day after.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import integratedcare as ic

from ._common import REFERENCE, P, source

__all__ = [
    "BUNDLE",
    "LAYER_SOURCES",
    "BundleFormatError",
    "figures",
    "practice_rows",
    "table",
]

BUNDLE: Final = REFERENCE / "bundle"
"""The gathered source files (read by the generator only)."""

MAP_2022: Final = dt.date(2022, 1, 1)
MAP_2026: Final = dt.date(2026, 8, 1)
LISTS_2025: Final = dt.date(2025, 4, 1)
MID_2020: Final = dt.date(2020, 6, 30)
START: Final = dt.date(2022, 7, 1)
MERGERS: Final = dt.date(2026, 4, 1)
ETR_DATES: Final = {"2022-03": dt.date(2022, 3, 1), "2026-01": dt.date(2026, 1, 1), "2026-07": dt.date(2026, 7, 1)}
"""The month of each etr snapshot; its exact extract day is not in the files, so the first is used."""

OGL: Final = "Contains public sector information licensed under the Open Government Licence v3.0"


class BundleFormatError(ValueError):
    """A source file does not have the columns expected, naming the file, the row and the column."""


def _etr_full(month: str) -> ic.Source:
    """The source of one etr snapshot."""
    carriers = {
        "2022-03": "nhsx-mirror/SystemHierarchies@0a96ef63 data/etr.csv",
        "2026-01": "jhau/nhs-spend@1e5af132 data/etr.csv",
        "2026-07": "Riyaburman-analytics/UK-healthcare-analysis@7ae87aca etr.csv",
    }
    return source(
        f"NHS ODS etr (NHS trusts and foundation trusts), {month}",
        f"bundle trusts/etr_{month}_ods.csv (from {carriers[month]}); {OGL}",
    )


ETR_FULL: Final = {month: _etr_full(month) for month in ETR_DATES}
CATCHMENT_FULL: Final = source(
    "OHID acute trust catchment populations (2020) by ICB (July 2022), as packaged by geographr",
    f"bundle trusts/geographr_lookup_nhs_trusts22_icb22_catchment.csv (humaniverse/geographr@c026be5c); {OGL}",
)
MAP_2022_SOURCE_FULL: Final = source(
    "NHS Digital, Patients Registered at a GP Practice: practice to PCN, CCG and STP map, 1 January 2022",
    f"bundle primary_care/gp-reg-pat-prac-map_2022-01.csv (nhsx-mirror/SystemHierarchies@0a96ef63); {OGL}",
)
MAP_2026_SOURCE_FULL: Final = source(
    "NHS England, Patients Registered at a GP Practice: practice to PCN, sub-ICB location, ICB and region map, "
    "1 August 2026",
    f"bundle primary_care/gp-reg-pat-prac-map_2026-08.csv (robg-test/icb-map@e3b3d923); {OGL}",
)
EPRACCUR_FULL: Final = source(
    "NHS ODS epraccur (GP practices), July 2026",
    f"bundle primary_care/epraccur_2026-07.csv (Lyra-cb/NHS_Data_Explorer@3d6705ba); {OGL}",
)
LISTS_2025_SOURCE_FULL: Final = source(
    "NHS Digital, Patients Registered at a GP Practice, 1 April 2025 (all ages, all persons)",
    f"bundle primary_care/gp-reg-pat-prac-all_2025-04.csv (Lyra-cb/NHS_Data_Explorer@3d6705ba); {OGL}",
)
TOTALS_2026_FULL: Final = source(
    "NHS England, Patients Registered at a GP Practice, 1 August 2026: all-age totals by PCN, sub-ICB location, "
    "ICB and region",
    f"bundle primary_care/gp_registered_totals_pcn_sicbl_icb_region_2026-08.csv (summed from "
    f"gp-reg-pat-prac-sing-age-regions.csv, robg-test/icb-map@e3b3d923); {OGL}",
)
ONS_MID_2020_AREAS_FULL: Final = source(
    "ONS mid-2020 population estimates by LSOA11, summed to sub-ICB locations and ICBs (July 2022)",
    f"bundle populations/pop_mid2020_icb22_from_lsoa11.csv and pop_mid2020_sicbl22_from_lsoa11.csv "
    f"(humaniverse/demographr@d0417101 population20_lsoa11, ONS LSOA11 to SICBL22 to ICB22 lookup); {OGL}",
)
ONS_MID_2020_UTLA_FULL: Final = source(
    "ONS mid-2020 population estimates by upper-tier local authority (April 2020 boundaries)",
    f"bundle populations/pop_mid2020_utla20.csv (humaniverse/demographr population20_utla20); {OGL}",
)


# Record-level sources are short (the file holds tens of thousands of them); the dataset's index
# cites the full forms above, with their carriers and the licence.
def _short(title: str, file: str) -> ic.Source:
    """A short source for the records: a title and the bundle file, under the OGL."""
    return source(title, f"bundle {file} (OGL v3.0)")


ETR: Final = {month: _short(f"NHS ODS etr {month}", f"trusts/etr_{month}_ods.csv") for month in ETR_DATES}
CATCHMENT: Final = _short("OHID acute trust catchment 2020", "trusts/geographr_lookup_nhs_trusts22_icb22_catchment.csv")
MAP_2022_SOURCE: Final = _short("GP practice map 2022-01-01", "primary_care/gp-reg-pat-prac-map_2022-01.csv")
MAP_2026_SOURCE: Final = _short("GP practice map 2026-08-01", "primary_care/gp-reg-pat-prac-map_2026-08.csv")
MAPS: Final = _short("GP practice maps 2022-01-01 and 2026-08-01", "primary_care/gp-reg-pat-prac-map_*.csv")
EPRACCUR: Final = _short("NHS ODS epraccur 2026-07", "primary_care/epraccur_2026-07.csv")
LISTS_2025_SOURCE: Final = _short("GP registered patients 2025-04-01", "primary_care/gp-reg-pat-prac-all_2025-04.csv")
TOTALS_2026: Final = _short(
    "GP registered patients 2026-08-01, totals", "primary_care/gp_registered_totals_pcn_sicbl_icb_region_2026-08.csv"
)
ONS_MID_2020_AREAS: Final = _short(
    "ONS mid-2020 population, LSOA11 sums", "populations/pop_mid2020_{icb22,sicbl22}_from_lsoa11.csv"
)
ONS_MID_2020_UTLA: Final = _short("ONS mid-2020 population by UTLA", "populations/pop_mid2020_utla20.csv")

FRIMLEY_SQL: Final = source(
    "NHS England analytical SQL mapping Frimley's sub-ICB location to U2G6B, D9Y0V and 92A from April 2026",
    "nhsengland/Dementia, Emergency Admissions for Dementia and Delirium Dashboard/"
    "20260618_Dementia_Emergency_Admissions.sql (commit 24457bf); reference data README",
    P,
)
LAYER_SOURCES: Final = (
    ETR_FULL["2022-03"],
    ETR_FULL["2026-01"],
    ETR_FULL["2026-07"],
    CATCHMENT_FULL,
    MAP_2022_SOURCE_FULL,
    MAP_2026_SOURCE_FULL,
    EPRACCUR_FULL,
    LISTS_2025_SOURCE_FULL,
    TOTALS_2026_FULL,
    ONS_MID_2020_AREAS_FULL,
    ONS_MID_2020_UTLA_FULL,
)


# --- reading the files, with errors that name file, row and column ---------------------------------


def table(path: Path, columns: Sequence[str]) -> Iterator[dict[str, str]]:
    """Yield the rows of a CSV with a header, checking that it has ``columns`` and that none is blank.

    Raises:
        BundleFormatError: a column is missing, or a row leaves one of ``columns`` blank.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t" if path.suffix == ".tsv" else ",")
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            msg = f"{path}: row 1 (header): missing column(s) {', '.join(missing)}; found {reader.fieldnames}"
            raise BundleFormatError(msg)
        for number, row in enumerate(reader, start=2):
            for column in columns:
                if not (row.get(column) or "").strip():
                    msg = f"{path}: row {number}: column {column!r} is blank"
                    raise BundleFormatError(msg)
            yield row


def _ods_date(path: Path, number: int, column: int, text: str) -> dt.date | None:
    """Read an ODS ``YYYYMMDD`` date (blank is none)."""
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()  # noqa: DTZ007 (a calendar date)
    except ValueError:
        msg = f"{path}: row {number}: column {column + 1} must be a date YYYYMMDD, got {text!r}"
        raise BundleFormatError(msg) from None


def ods_rows(path: Path, width: int = 27) -> Iterator[tuple[int, list[str]]]:
    """Yield the numbered rows of a headerless ODS file (etr, epraccur), checking the width and code."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if len(row) != width:
                msg = f"{path}: row {number}: expected {width} columns, got {len(row)}"
                raise BundleFormatError(msg)
            if not row[0] or not row[1]:
                msg = f"{path}: row {number}: column {1 if not row[0] else 2} (code or name) is blank"
                raise BundleFormatError(msg)
            _ods_date(path, number, 10, row[10])
            _ods_date(path, number, 11, row[11])
            yield number, row


def _open_close(row: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """Return an ODS row's period: from the open date to the day after the close date."""
    opened = dt.datetime.strptime(row[10], "%Y%m%d").date() if row[10] else None  # noqa: DTZ007
    closed = dt.datetime.strptime(row[11], "%Y%m%d").date() if row[11] else None  # noqa: DTZ007
    return opened, None if closed is None else closed + dt.timedelta(days=1)


def _clip(
    span: tuple[dt.date | None, dt.date | None], *periods: ic.Period
) -> tuple[dt.date | None, dt.date | None] | None:
    """Return ``span`` cut to the days of every period, or ``None`` when nothing is left."""
    found: ic.Period | None = ic.Period.coerce(span)
    for period in periods:
        found = None if found is None else found.intersection(period)
    if found is None or (found.start is not None and found.end is not None and found.start >= found.end):
        return None
    return (found.start, found.end)


# --- population figures ------------------------------------------------------------------------------


def figures(
    icb_gss_2022: dict[str, str], sicbl_gss_2022: dict[str, str]
) -> tuple[defaultdict[str, list[ic.Figure]], list[str]]:
    """Return every entity's population figures by id, and notes on rows that match no entity.

    ``icb_gss_2022`` and ``sicbl_gss_2022`` map the July 2022 GSS codes to ODS codes.
    """
    found: defaultdict[str, list[ic.Figure]] = defaultdict(list)
    unmatched: list[str] = []
    registered = ic.FigureMeasure.REGISTERED
    resident = ic.FigureMeasure.RESIDENT
    path = BUNDLE / "primary_care" / "gp_registered_totals_pcn_sicbl_icb_region_2026-08.csv"
    for row in table(path, ("extract_date", "org_type", "org_code", "all")):
        found[row["org_code"]].append(
            ic.Figure(measure=registered, value=int(row["all"]), date=row["extract_date"], source=TOTALS_2026)
        )
    path = BUNDLE / "primary_care" / "gp-reg-pat-prac-all_2025-04.csv"
    for row in table(path, ("EXTRACT_DATE", "CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS")):
        if row["SEX"] == "ALL" and row["AGE"] == "ALL":
            found[row["CODE"]].append(
                ic.Figure(
                    measure=registered,
                    value=int(row["NUMBER_OF_PATIENTS"]),
                    date=row["EXTRACT_DATE"],
                    source=LISTS_2025_SOURCE,
                )
            )
    for name, column, gss in (
        ("pop_mid2020_icb22_from_lsoa11.csv", "icb22_code", icb_gss_2022),
        ("pop_mid2020_sicbl22_from_lsoa11.csv", "sicbl22_code", sicbl_gss_2022),
    ):
        for row in table(BUNDLE / "populations" / name, (column, "total_population")):
            found[gss[row[column]]].append(
                ic.Figure(
                    measure=resident,
                    value=int(row["total_population"]),
                    date=MID_2020,
                    source=ONS_MID_2020_AREAS,
                    note="the area's LSOA11s of July 2022",
                )
            )
    path = BUNDLE / "populations" / "pop_mid2020_utla20.csv"
    for row in table(path, ("utla20_code", "total_population")):
        if row["utla20_code"].startswith("E"):
            found[row["utla20_code"]].append(
                ic.Figure(
                    measure=resident,
                    value=round(float(row["total_population"])),
                    date=MID_2020,
                    source=ONS_MID_2020_UTLA,
                    note="April 2020 boundaries",
                )
            )
    return found, unmatched


def unaligned_total() -> int:
    """Return the registered patients of the maps' practices in no PCN (PCN code ``U``) on 2026-08-01."""
    path = BUNDLE / "primary_care" / "gp_registered_totals_pcn_sicbl_icb_region_2026-08.csv"
    return sum(int(r["all"]) for r in table(path, ("org_type", "org_code", "all")) if r["org_code"] == UNALIGNED)


def practice_rows() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], dict[str, list[str]]]:
    """Return the practices of the 2022 and 2026 maps and the epraccur rows, by practice code."""
    map_columns = ("PRACTICE_CODE", "PRACTICE_NAME", "PCN_CODE", "PCN_NAME")
    path = BUNDLE / "primary_care" / "gp-reg-pat-prac-map_2022-01.csv"
    old = {r["PRACTICE_CODE"]: r for r in table(path, (*map_columns, "CCG_CODE"))}
    path = BUNDLE / "primary_care" / "gp-reg-pat-prac-map_2026-08.csv"
    new = {
        r["PRACTICE_CODE"]: r
        for r in table(path, (*map_columns, "SUB_ICB_LOCATION_CODE", "SUB_ICB_LOCATION_NAME", "ICB_CODE"))
    }
    ep = {row[0]: row for _, row in ods_rows(BUNDLE / "primary_care" / "epraccur_2026-07.csv")}
    return old, new, ep


# --- NHS trusts ------------------------------------------------------------------------------------


def etr() -> dict[str, dict[str, list[str]]]:
    """Return the three etr snapshots: month -> code -> row."""
    return {
        month: {row[0]: row for _, row in ods_rows(BUNDLE / "trusts" / f"etr_{month}_ods.csv")} for month in ETR_DATES
    }


def trusts(
    b: ic.LandscapeBuilder, icb_period: dict[str, ic.Period], icb_gss_2022: dict[str, str]
) -> dict[str, ic.Period]:
    """Add every English trust open at some time from March 2022 to July 2026, with its host ICB and region.

    Returns each trust's period, by ODS code.
    """
    snapshots = etr()
    acute: dict[str, list[dict[str, str]]] = defaultdict(list)
    path = BUNDLE / "trusts" / "geographr_lookup_nhs_trusts22_icb22_catchment.csv"
    for row in table(path, ("nhs_trust22_code", "icb22_code", "proportion_trust_came_from_icb")):
        acute[row["nhs_trust22_code"]].append(row)
    first, last = min(ETR_DATES.values()), max(ETR_DATES.values())
    codes = sorted(set().union(*(set(s) for s in snapshots.values())))
    periods: dict[str, ic.Period] = {}
    for code in codes:
        seen = {month: rows[code] for month, rows in snapshots.items() if code in rows}
        latest_month = max(seen)
        latest = seen[latest_month]
        if not latest[3] or latest[2][:2] not in {"Y5", "Y6"}:
            continue  # Welsh trusts: no ICB, no English region
        period = ic.Period.coerce(_open_close(latest))
        if (period.end is not None and period.end <= first) or (period.start is not None and period.start > last):
            continue
        periods[code] = period
        notes: list[str] = []
        sources = [ETR[m] for m in sorted(seen)]
        names = {m: r[1] for m, r in seen.items()}
        notes.extend(
            f"Named {names[month]!r} in the etr of {month}; the date of the renaming is not in the sources"
            for month in sorted(names)
            if names[month] != latest[1]
        )
        foundation = "FOUNDATION TRUST" in latest[1]
        notes.append(
            "foundation: inferred from the name (rule: an NHS foundation trust's name ends 'NHS FOUNDATION TRUST')"
        )
        services: list[str] = []
        if code in acute:
            services = ["acute"]
            notes.append(
                "services: acute inferred (rule: the trust is in the OHID acute trust catchment table); "
                "other services not in the sources"
            )
            sources.append(CATCHMENT)
        else:
            notes.append("services: not in the sources (unknown)")
        b.add(
            ic.NHSTrust(
                id=code,
                name=latest[1],
                codes=[ic.Code("ods", code)],
                period=period,
                services=services,
                foundation=foundation,
                sources=sources,
                notes=notes,
            )
        )
        regions = {r[2] for r in seen.values()}
        for region in sorted(regions):
            months = sorted(m for m, r in seen.items() if r[2] == region)
            span = _clip((None, None), period)
            if span is not None:
                b.add(ic.Within(source=code, target=region, period=span, sources=[ETR[m] for m in months]))
        _host_icbs(b, code, seen, period, icb_period)
        for row in acute.get(code, []):
            icb = icb_gss_2022[row["icb22_code"]]
            span = _clip((START, MERGERS), period, icb_period[icb])
            share = round(float(row["proportion_trust_came_from_icb"]), 6)
            if span is None or share <= 0:
                continue
            b.add(
                ic.Catchment(
                    source=code,
                    target=icb,
                    share=min(share, 1.0),
                    measure="share of the trust's acute catchment (OHID 2020, ICBs of July 2022)",
                    period=span,
                    sources=[CATCHMENT],
                )
            )
    return periods


def _host_icbs(
    b: ic.LandscapeBuilder,
    code: str,
    seen: dict[str, list[str]],
    period: ic.Period,
    icb_period: dict[str, ic.Period],
) -> None:
    """Add a trust's host ICB (``Within`` trust -> ICB): the 2026-01 etr before 2026-04-01, the 2026-07 after."""
    before = seen.get("2026-01") or seen.get("2022-03")
    after = seen.get("2026-07")
    spans: list[tuple[str, tuple[dt.date | None, dt.date | None], list[ic.Source], list[str]]] = []
    if before is not None:
        icb = before[3]
        month = "2026-01" if "2026-01" in seen else "2022-03"
        notes = []
        old = seen.get("2022-03")
        if old is not None and month == "2026-01" and old[3] != icb:
            notes.append(
                f"The etr of 2022-03 gives {old[3]} (an STP code, before ICBs); when the host became {icb} is not "
                "in the sources: this relation assumes the 2026-01 host from 2022-07-01 (assumption, unverified)"
            )
        sources = [ETR[m] for m in ("2022-03", "2026-01") if m in seen and seen[m][3] == icb]
        spans.append((icb, (START, MERGERS), sources, notes))
    if after is not None:
        spans.append((after[3], (MERGERS, None), [ETR["2026-07"]], []))
    merged: list[tuple[str, tuple[dt.date | None, dt.date | None], list[ic.Source], list[str]]] = []
    for icb, span, sources, notes in spans:
        if merged and merged[-1][0] == icb and merged[-1][1][1] == span[0]:
            last = merged[-1]
            merged[-1] = (icb, (last[1][0], span[1]), [*last[2], *(s for s in sources if s not in last[2])], last[3])
        else:
            merged.append((icb, span, sources, notes))
    for icb, span, sources, notes in merged:
        clipped = _clip(span, period, icb_period[icb])
        if clipped is not None:
            b.add(ic.Within(source=code, target=icb, period=clipped, sources=sources, notes=notes))


# --- primary care --------------------------------------------------------------------------------------

UNALIGNED: Final = "U"
"""The maps' PCN code for a practice in no PCN."""

Span = tuple[dt.date | None, dt.date | None]


def _change(old: str, ends: dict[str, ic.Period]) -> tuple[dt.date, str]:
    """Date a move away from ``old`` seen between the maps, and say how it was dated."""
    end = ends[old].end if old in ends else None
    if end is not None and MAP_2022 < end <= MAP_2026:
        return end, f"dated {end.isoformat()}, when {old} ended (inferred)"
    return MAP_2026, WINDOW


WINDOW: Final = "date unknown, between the maps of 2022-01-01 and 2026-08-01: dated 2026-08-01 (latest possible)"
"""The note on a change the maps show but do not date (see the module's rules)."""


class PrimaryCare:
    """Adds the practices and PCNs of the 2022 and 2026 maps as one history."""

    def __init__(
        self, b: ic.LandscapeBuilder, sicbl_period: dict[str, ic.Period], found: dict[str, list[ic.Figure]]
    ) -> None:
        self.b = b
        self.sicbl_period = sicbl_period
        self.found = found
        self.old, self.new, self.ep = practice_rows()
        self.pcn_period: dict[str, ic.Period] = {}
        self.practice_period: dict[str, ic.Period] = {}

    def build(self) -> None:
        """Add the PCNs, then the practices, then their links."""
        self.pcns()
        self.practices()

    def pcns(self) -> None:
        """Add every PCN of either map, dated by the maps in which it appears, and its sub-ICB locations."""
        names: dict[str, dict[dt.date, str]] = defaultdict(dict)
        places: dict[str, dict[dt.date, defaultdict[str, int]]] = defaultdict(dict)
        for day, rows, column in ((MAP_2022, self.old, "CCG_CODE"), (MAP_2026, self.new, "SUB_ICB_LOCATION_CODE")):
            for row in rows.values():
                pcn = row["PCN_CODE"]
                if pcn == UNALIGNED:
                    continue
                names[pcn][day] = row["PCN_NAME"]
                places[pcn].setdefault(day, defaultdict(int))[row[column]] += 1
        for pcn in sorted(names):
            seen = names[pcn]
            notes: list[str] = []
            start: dt.date | None = None
            end: dt.date | None = None
            if MAP_2022 not in seen:
                start = MAP_2026
                notes.append(
                    "Not in the map of 2022-01-01: set up on a date between 2022-01-01 and 2026-08-01 not in the "
                    "sources; its period starts on 2026-08-01, the first date the sources attest (flagged)"
                )
            else:
                notes.append("open-ended: in the map of 2022-01-01; set up on a date in none of the sources")
            if MAP_2026 not in seen:
                end = MAP_2026
                notes.append(
                    "Not in the map of 2026-08-01: ended on a date between 2022-01-01 and 2026-08-01 not in the "
                    "sources; its period ends on 2026-08-01, the latest date the sources allow (flagged)"
                )
            latest = seen[max(seen)]
            if MAP_2022 in seen and seen[MAP_2022] != latest:
                notes.append(
                    f"Named {seen[MAP_2022]!r} in the map of 2022-01-01 (date of the change not in the sources)"
                )
            sources = [MAP_2022_SOURCE] * (MAP_2022 in seen) + [MAP_2026_SOURCE] * (MAP_2026 in seen)
            self.pcn_period[pcn] = ic.Period.coerce((start, end))
            self.b.add(
                ic.PCN(
                    id=pcn,
                    name=latest,
                    codes=[ic.Code("ods", pcn)],
                    period=(start, end),
                    sources=sources,
                    notes=notes,
                    figures=self.found.get(pcn, ()),
                )
            )
            self._pcn_places(pcn, places[pcn])

    def _pcn_places(self, pcn: str, places: dict[dt.date, defaultdict[str, int]]) -> None:
        """Place a PCN in the sub-ICB locations of its practices: ``Within`` one, or ``Overlaps`` several."""
        spans: list[tuple[str, Span, float, ic.Source, list[str]]] = []
        old, new = places.get(MAP_2022), places.get(MAP_2026)
        if old is not None and new is not None and set(old) == set(new) and len(old) == 1:
            (only,) = old
            spans.append((only, (START, None), 1.0, MAPS, []))
        else:
            cut = MAP_2026
            notes: list[str] = []
            if old is not None and new is not None:
                cut, how = min((_change(o, self.sicbl_period) for o in old), key=lambda c: c[0])
                notes = [f"Its practices' sub-ICB locations changed: {how}"]
            for day, counts, src, span in (
                (MAP_2022, old, MAP_2022_SOURCE, (START, cut)),
                (MAP_2026, new, MAP_2026_SOURCE, (cut if old is not None else MAP_2026, None)),
            ):
                if counts is None:
                    continue
                total = sum(counts.values())
                for sicbl, count in sorted(counts.items()):
                    spans.append((sicbl, span, count / total, src, [*notes, f"as in the map of {day.isoformat()}"]))
        for sicbl, where, share, src, notes in spans:
            clipped = _clip(where, self.pcn_period[pcn], self.sicbl_period[sicbl])
            if clipped is None:
                continue
            if share == 1.0:
                self.b.add(ic.Within(source=pcn, target=sicbl, period=clipped, sources=[src], notes=notes))
            else:
                self.b.add(
                    ic.Overlaps(
                        source=pcn,
                        target=sicbl,
                        share=round(share, 6),
                        measure="share of the PCN's practices",
                        period=clipped,
                        sources=[src],
                        notes=notes,
                    )
                )

    def practices(self) -> None:
        """Add every practice of either map, with its ODS dates, PCN membership and sub-ICB location."""
        for code in sorted(set(self.old) | set(self.new)):
            old, new, ep = self.old.get(code), self.new.get(code), self.ep.get(code)
            latest = new or old
            assert latest is not None  # noqa: S101 (a code of either map)
            notes: list[str] = []
            sources = [MAP_2022_SOURCE] * (old is not None) + [MAP_2026_SOURCE] * (new is not None)
            if ep is None:
                period = ic.Period.coerce((None, None if new is not None else MAP_2026))
                notes.append("Not in epraccur (July 2026): its open and close dates are not in the sources")
            else:
                period = ic.Period.coerce(_open_close(ep))
                sources.append(EPRACCUR)
                if new is None and period.end is None:
                    notes.append(
                        f"Open in epraccur (July 2026, status {ep[12]}) but not in the map of 2026-08-01 "
                        "(no registered list there)"
                    )
            if old is not None and old["PRACTICE_NAME"] != latest["PRACTICE_NAME"]:
                notes.append(f"Named {old['PRACTICE_NAME']!r} in the map of 2022-01-01")
            self.practice_period[code] = period
            self.b.add(
                ic.GPPractice(
                    id=code,
                    name=latest["PRACTICE_NAME"],
                    codes=[ic.Code("ods", code)],
                    period=period,
                    sources=sources,
                    notes=notes,
                    figures=self.found.get(code, ()),
                )
            )
            self._links(code, old, new)

    def _links(self, code: str, old: dict[str, str] | None, new: dict[str, str] | None) -> None:
        """Add a practice's PCN memberships and sub-ICB locations (``Within``), dated by the maps."""
        for old_key, new_key, starts, ends in (
            ("PCN_CODE", "PCN_CODE", MAP_2022, self.pcn_period),
            ("CCG_CODE", "SUB_ICB_LOCATION_CODE", START, self.sicbl_period),
        ):
            before = None if old is None or old[old_key] == UNALIGNED else old[old_key]
            after = None if new is None or new[new_key] == UNALIGNED else new[new_key]
            spans: list[tuple[str, Span, list[ic.Source], list[str]]] = []
            if before is not None and before == after:
                spans.append(
                    (
                        before,
                        (starts, None),
                        [MAPS],
                        [],
                    )
                )
            else:
                cut, how = MAP_2026, ""
                if before is not None and after is not None:
                    cut, how = _change(before, ends)
                elif before is not None:
                    how = "not in the map of 2026-08-01; " + _change(before, ends)[1]
                    cut = min(_change(before, ends)[0], MAP_2026)
                if before is not None:
                    spans.append((before, (starts, cut), [MAP_2022_SOURCE], [f"Left: {how}"]))
                if after is not None:
                    note = (
                        f"Joined: {how}"
                        if before is not None
                        else (
                            "Not in the map of 2022-01-01 with this link: dated from 2026-08-01, the map that shows it"
                        )
                    )
                    spans.append((after, (cut if before is not None else MAP_2026, None), [MAP_2026_SOURCE], [note]))
            for target, span, sources, notes in spans:
                clipped = _clip(span, self.practice_period[code], ends[target])
                if clipped is not None:
                    self.b.add(ic.Within(source=code, target=target, period=clipped, sources=sources, notes=notes))
