"""Build the ``england`` dataset from the reference tables in ``/work/shared/reference/data``.

National bodies, the seven NHS England regions, the ICBs of 2022 and 2026 with their sub-ICB
locations, the upper-tier councils (152, then 153 from 2023-04-01) with their overlaps with ICBs,
one ICS and one statutory ICP per ICB, a health and wellbeing board per council, the successions
of 2023 and 2026, the delegations from NHS England and the lines of accountability.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Final

import integratedcare as ic

from . import england_layers as layers
from ._common import (
    ASSESS_ICB,
    CQC_ICS,
    CQC_REVIEW,
    DELEGATE,
    DELEGATION_POD,
    DELEGATION_PRIMARY_CARE,
    ELECTORATE,
    ESTABLISH_ICB,
    ESTABLISH_ICP,
    ESTABLISHMENT_ORDER,
    HWB_DUTY,
    JFP,
    LEGISLATION_14Z25,
    LEGISLATION_14Z59,
    LEGISLATION_116ZA,
    LEGISLATION_116ZB,
    LEGISLATION_LA,
    LEGISLATION_S1,
    NHSE_65Z5,
    PREPARE_STRATEGY,
    P,
    U,
    V,
    rows,
    slug,
    source,
)
from ._national import national_lines

__all__ = ["DESCRIPTION", "build", "council_name", "icb_slug", "overlaps"]

START: Final = dt.date(2022, 7, 1)
"""ICBs established, CCGs abolished, sub-ICB locations created."""
REORG: Final = dt.date(2023, 4, 1)
"""Cumbria, North Yorkshire and Somerset local government reorganisations; POD delegation to all ICBs."""
MERGERS: Final = dt.date(2026, 4, 1)
"""The first ICB mergers."""

NHSE: Final = "nhs-england"
SOS: Final = "secretary-of-state"
PARLIAMENT: Final = "parliament"
CQC: Final = "care-quality-commission"

# --- Sources of the tables ----------------------------------------------------------------------

GEOGRAPHR: Final = "humaniverse/geographr (HEAD c026be5)"
ONS_2022: Final = source(
    "ONS LSOA (2011) to Sub ICB Locations to ICBs to LAD (July 2022) lookup",
    f"{GEOGRAPHR} data/lookup_lsoa11_sicbl22_icb22_ltla22.rda; reference data icbs_2022.csv",
)
ONS_2022_LA: Final = source(
    "ONS July 2022 ICB lookup with the ONS LTLA21 to UTLA21 lookup (LSOA11 counts)",
    f"{GEOGRAPHR} data/lookup_lsoa11_sicbl22_icb22_ltla22.rda + data/lookup_ltla21_utla21.rda; "
    "reference data icb_local_authorities_2022.csv",
)
ONS_2024_LA: Final = source(
    "ONS LSOA (2021) to Sub ICB Locations to ICBs (April 2024) lookup with the LTLA23 to UTLA23 lookup (LSOA21 counts)",
    f"{GEOGRAPHR} data/lookup_lsoa21_icb24.rda + data/lookup_lsoa21_ward24_ltla24.rda + data/lookup_ltla23_utla23.rda; "
    "reference data icb_local_authorities_2024.csv",
)
TABLE_2026_LA: Final = source(
    "ICB (April 2026) by upper-tier council, derived from the April 2024 lookup by moving sub-ICB locations whole",
    "reference data icb_local_authorities_2026.csv (the ONS April 2026 lookup was not obtained)",
    P,
    "Frimley's area is assigned to its three successors by district (inferred, unverified at LSOA level)",
)
UNITARY_2009: Final = source(
    "Communities and Local Government, implementation of unitary structures in seven county areas on 1 April 2009 "
    "(6 January 2010): nine new unitary councils; the structural change orders of 2008 under LGPIHA 2007 s7",
    "http://webarchive.nationalarchives.gov.uk/20100202110616/http:/www.info4local.gov.uk/documents/publications/1426348",
)
DORSET_2019: Final = source(
    "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018 (SI 2018/648): Dorset Council and "
    "Bournemouth, Christchurch and Poole Council, from 1 April 2019",
    "https://www.legislation.gov.uk/uksi/2018/648",
    P,
    "The order's title and number seen; the date 1 April 2019 from the councils' own accounts, not the order's text",
)
BUCKINGHAMSHIRE_2020: Final = source(
    "The Buckinghamshire (Structural Changes) Order 2019 (SI 2019/957), articles 3 and 4: Buckinghamshire Council "
    "from 1 April 2020",
    "https://legislation.gov.uk/uksi/2019/957/part/2",
)
NORTHAMPTONSHIRE_2021: Final = source(
    "Northamptonshire Structural Changes Order: North Northamptonshire Council and West Northamptonshire Council "
    "from 1 April 2021 (Northamptonshire County Council, unitary councils)",
    "https://www.northamptonshire.gov.uk/councilservices/council-and-democracy/transparency/Pages/unitary-councils.aspx",
    P,
    "The date from the county council's page; the order's number and text not seen",
)
COUNCILS_CREATED: Final[dict[str, tuple[dt.date, ic.Source]]] = {
    **dict.fromkeys(
        ("E06000047", "E06000049", "E06000050", "E06000051", "E06000052", "E06000054", "E06000055", "E06000056"),
        (dt.date(2009, 4, 1), UNITARY_2009),
    ),
    "E06000057": (dt.date(2009, 4, 1), UNITARY_2009),
    "E06000058": (dt.date(2019, 4, 1), DORSET_2019),
    "E06000059": (dt.date(2019, 4, 1), DORSET_2019),
    "E06000060": (dt.date(2020, 4, 1), BUCKINGHAMSHIRE_2020),
    "E06000061": (dt.date(2021, 4, 1), NORTHAMPTONSHIRE_2021),
    "E06000062": (dt.date(2021, 4, 1), NORTHAMPTONSHIRE_2021),
}
"""Upper-tier councils created since 2009 (before 2022), with the day they took up their powers and the source."""

COUNCIL_OPEN: Final = (
    "open-ended: the council's start is in none of the sources; it existed before the dataset's coverage "
    "(2022-07-01), and councils created since 2009 are dated"
)
NATIONAL_OPEN: Final = "open-ended: a national body that predates every date the dataset covers (from 2022-07-01)"

ONS_LA_REORG: Final = source(
    "ONS LTLA22 to LTLA23 and LTLA23 to UTLA23 lookups (153 upper-tier councils from 2023-04-01)",
    f"{GEOGRAPHR} data/lookup_ltla22_ltla23.rda + data/lookup_ltla23_utla23.rda",
)
REGIONS: Final = source(
    "NHS England regions: NHSER22 GSS and ODS codes, and the July 2022 re-coding",
    "alphagov/frontend app/assets/javascripts/views/landing_page/map/data/lookup.js; "
    "rcpch/rcpch-audit-engine epilepsy12/constants/nhs_england_regions.py; reference data nhs_england_regions.csv",
)
ODS_SUCCESSIONS: Final = source(
    "ODS API successions of ICBs on 2026-04-01",
    "rcpch/rcpch-nhs-organisations documentation/docs/developer/icb-history.md; "
    "reference data icb_changes_2023_2026.csv",
)
ICBS_2026: Final = source(
    "The 36 ICBs from 1 April 2026: codes, names, regions and predecessors",
    "reference data icbs_2026.csv (ODS: rcpch/rcpch-nhs-organisations; GSS: a public code table "
    "corroborated by postcodes.io outputs)",
    P,
    "ODS codes and predecessors verified; GSS codes E54000065-E54000071 partly verified",
)
WMS_HCWS915: Final = source(
    "Written Ministerial Statement HCWS915 (9 September 2025): ICB running costs and boundary alignment",
    "https://parallelparliament.co.uk/debate/2025-09-09/commons/written-statements/"
    "integrated-care-boards-running-costs-and-boundary-alignment-with-strategic-authorities/ministerial-extracts",
)
RECODE_2023: Final = source(
    "ICB GSS re-issues of 1 April 2023 (Surrey Heartlands, Sussex)",
    f"{GEOGRAPHR} data/lookup_lsoa21_icb24.rda; reference data icb_changes_2023_2026.csv",
)

REGION_RECODE: Final = "2022-07-01"

LEGISLATION_14Z52: Final = source(
    "NHS Act 2006, s14Z52 (joint forward plans of an ICB and its partner NHS trusts)",
    "https://www.legislation.gov.uk/ukpga/2006/41/section/14Z52",
    P,
    "the section as the library's statute layer cites it; the web page was not read for this dataset",
)
UNTITLED: Final = (
    "Its title and publication date are not in the dataset's sources; the name describes it and its period is "
    "assumed to be that of its preparer"
)
MERGED_STRATEGY: Final = (
    "Assumption (unverified, no source found): in an ICB area formed on 2026-04-01 this ICP's strategy is the one in "
    "force from that day, and the strategies of the predecessor ICPs end with them"
)


def icb_slug(name: str) -> str:
    """Return the slug of an ICB's area from its legal name: ``NHS Devon Integrated Care Board`` -> ``devon``."""
    core = re.sub(r"^NHS ", "", name)
    core = re.sub(r" (Integrated Care Board|ICB)$", "", core)
    return slug(core)


def _short(name: str) -> str:
    """Return an ICB's area name from its legal name."""
    return re.sub(r" Integrated Care Board$", "", re.sub(r"^NHS ", "", name))


# --- Local authorities --------------------------------------------------------------------------

_TIER_BY_PREFIX: Final = {
    "E06": "unitary",
    "E08": "metropolitan-district",
    "E09": "london-borough",
    "E10": "county",
}
_SPECIAL_COUNCILS: Final = {
    "E09000001": ("city-of-london", "City of London Corporation"),
    "E06000053": ("isles-of-scilly", "Council of the Isles of Scilly"),
}
ABOLISHED_2023: Final = {
    "E10000006": ("E06000063", "E06000064"),
    "E10000023": ("E06000065",),
    "E10000027": ("E06000066",),
}
"""Councils that ended on 2023-04-01 and the unitary councils that succeeded them."""


def council_name(code: str, area: str) -> str:
    """Name a council from its area's name (official council names vary; see the dataset notes)."""
    if code in _SPECIAL_COUNCILS:
        return _SPECIAL_COUNCILS[code][1]
    if area.endswith(", City of"):
        return f"{area.removesuffix(', City of')} City Council"
    if area.endswith(", County of"):
        return f"{area.removesuffix(', County of')} Council"
    if code.startswith("E10"):
        return f"{area} County Council"
    return f"{area} Council"


def _tier(code: str) -> str:
    """Return the tier of an upper-tier council from its GSS code."""
    if code in _SPECIAL_COUNCILS:
        return _SPECIAL_COUNCILS[code][0]
    return _TIER_BY_PREFIX[code[:3]]


# --- The builder ---------------------------------------------------------------------------------


class _England:
    """Collects the england dataset in a builder, table by table."""

    def __init__(self) -> None:
        self.b = ic.LandscapeBuilder("England")
        self.icb_period: dict[str, ic.Period] = {}
        self.icb_name: dict[str, str] = {}
        self.council_period: dict[str, ic.Period] = {}
        self.overlaps: defaultdict[tuple[str, str], list[ic.Period]] = defaultdict(list)
        self.sicbl_period: dict[str, ic.Period] = {}
        self.icb_gss_2022 = {r["icb22cd"]: r["icb_ods_code"] for r in rows("icbs_2022.csv")}
        self.sicbl_gss_2022 = {r["sicbl22cd"]: r["sicbl22cdh"] for r in rows("sub_icb_locations_2022.csv")}
        self.figures, _ = layers.figures(self.icb_gss_2022, self.sicbl_gss_2022)

    def national(self) -> None:
        """Add Parliament, the Secretary of State, NHS England and the CQC, and the lines between them."""
        b = self.b
        b.add(
            ic.Parliament(id=PARLIAMENT, name="UK Parliament", sources=[LEGISLATION_S1], notes=[NATIONAL_OPEN]),
            ic.SecretaryOfState(
                id=SOS,
                name="Secretary of State for Health and Social Care",
                sources=[LEGISLATION_S1],
                notes=[NATIONAL_OPEN],
            ),
            ic.NHSEngland(
                id=NHSE,
                name="NHS England",
                codes=[ic.Code("ods", "X24")],
                sources=[LEGISLATION_14Z25, source("NHS England organisation code X24 (ODS)", verification=U)],
                notes=[
                    (
                        "Abolition announced 13 March 2025; the Health Bill (2026) would abolish it; commencement "
                        "unknown, so the dataset keeps it open-ended (domain-facts.md section 3.2)"
                    ),
                    NATIONAL_OPEN,
                ],
            ),
            ic.CQC(id=CQC, name="Care Quality Commission", sources=[CQC_ICS], notes=[NATIONAL_OPEN]),
        )
        b.add(*national_lines())

    def regions(self) -> None:
        """Add the seven NHS England regions with their GSS codes before and after the July 2022 re-coding."""
        for row in rows("nhs_england_regions.csv"):
            old, new = row["pre_jul2022_gss"], row["nhser22cd"]
            codes = [ic.Code("ods", row["nhser_ods_code"])]
            notes = []
            if old == new:
                codes.append(ic.Code("gss", new))
            else:
                codes += [
                    ic.Code("gss", old, period=(None, REGION_RECODE)),
                    ic.Code("gss", new, period=(REGION_RECODE, None)),
                ]
                notes.append(f"GSS code re-issued in July 2022 ({old} -> {new}); the cause is not verified")
            notes.append(
                "open-ended: the regions' establishment date is in none of the sources; they predate 2022-07-01"
            )
            self.b.add(
                ic.Region(
                    id=row["nhser_ods_code"],
                    name=row["nhser_name"],
                    codes=codes,
                    sources=[REGIONS],
                    notes=notes,
                    figures=self.figures.get(row["nhser_ods_code"], ()),
                )
            )

    def icbs(self) -> None:
        """Add the 42 ICBs of 2022 and the six new ones of 2026, with codes, regions, ICSs and ICPs."""
        future = {r["ods_code"]: r for r in rows("icbs_2026.csv")}
        for row in rows("icbs_2022.csv"):
            ods = row["icb_ods_code"]
            continues = ods in future
            end = None if continues else MERGERS
            gss_2022, gss_2023 = row["icb22cd"], row["gss_code_from_2023_04"].split(" ")[0]
            codes = [ic.Code("ods", ods)]
            notes = []
            sources = [ONS_2022, ESTABLISHMENT_ORDER]
            if gss_2023 != gss_2022:
                codes += [
                    ic.Code("gss", gss_2022, period=(START, REORG)),
                    ic.Code("gss", gss_2023, period=(REORG, end)),
                ]
                notes.append(f"GSS code re-issued on 2023-04-01 ({gss_2022} -> {gss_2023}); ODS code unchanged")
                sources.append(RECODE_2023)
            elif continues and future[ods]["gss_code_2026"] != gss_2022:
                new = future[ods]["gss_code_2026"]
                codes += [
                    ic.Code("gss", gss_2022, period=(START, MERGERS)),
                    ic.Code("gss", new, period=(MERGERS, None)),
                ]
                notes.append(
                    f"Area expanded on 2026-04-01 (part of Frimley); GSS code {gss_2022} -> {new}; ODS code unchanged"
                )
                sources += [ICBS_2026, ODS_SUCCESSIONS]
            else:
                codes.append(ic.Code("gss", gss_2022, period=(START, end)))
            if not continues:
                notes.append(f"Dissolved on 2026-04-01: {row['status_2026']} into {row['successor_2026']}")
                sources.append(ODS_SUCCESSIONS)
            self._icb(
                ods,
                name=row["icb22nm"],
                region=row["nhser_ods_code"],
                period=(START, end),
                codes=codes,
                sources=sources,
                notes=notes,
            )
        for ods, row in future.items():
            if row["legal_start"] != MERGERS.isoformat():
                continue
            codes = [ic.Code("ods", ods), ic.Code("gss", row["gss_code_2026"], period=(MERGERS, None))]
            notes = [f"Established on 2026-04-01 from {row['predecessors_ods']} ({row['note']})"]
            self._icb(
                ods,
                name=row["name"],
                region=row["nhser_ods"],
                period=(MERGERS, None),
                codes=codes,
                sources=[ICBS_2026, WMS_HCWS915],
                notes=notes,
            )

    def _icb(
        self,
        ods: str,
        *,
        name: str,
        region: str,
        period: tuple[dt.date | None, dt.date | None],
        codes: list[ic.Code],
        sources: list[ic.Source],
        notes: list[str],
    ) -> None:
        """Add one ICB with its ICS and statutory ICP, and their links to the region and to NHS England."""
        b = self.b
        area = _short(name)
        key = icb_slug(name)
        ics, icp = f"{key}-ics", f"{key}-icp"
        self.icb_period[ods] = ic.Period.coerce(period)
        self.icb_name[ods] = name
        b.add(
            ic.ICB(
                id=ods,
                name=name,
                codes=codes,
                period=period,
                sources=sources,
                notes=notes,
                figures=self.figures.get(ods, ()),
            )
        )
        b.add(
            ic.ICS(
                id=ics,
                name=f"{area} Integrated Care System",
                period=period,
                sources=[ESTABLISHMENT_ORDER],
                notes=["An ICS is a partnership, not a legal body; its statutory parts are the ICB and the ICP"],
            ),
            ic.ICP(
                id=icp,
                name=f"{area} Integrated Care Partnership",
                period=period,
                sources=[LEGISLATION_116ZA],
                notes=[
                    (
                        "The statutory joint committee for the ICB's area; local names vary (such as 'Health and Care "
                        "Partnership') and establishment dates are not recorded here"
                    ),
                ],
            ),
        )
        b.add(
            ic.Within(source=ods, target=region, period=period, sources=sources[:1]),
            ic.Within(source=ics, target=region, period=period, sources=sources[:1]),
            ic.Within(source=ods, target=ics, period=period, sources=[ESTABLISHMENT_ORDER]),
            ic.Within(source=icp, target=ics, period=period, sources=[LEGISLATION_116ZA]),
            ic.Establishes(source=NHSE, target=ods, period=period, basis=ESTABLISH_ICB, sources=[LEGISLATION_14Z25]),
            ic.Establishes(source=ods, target=icp, period=period, basis=ESTABLISH_ICP, sources=[LEGISLATION_116ZA]),
            ic.IntegratedCareStrategy(
                id=f"{key}-strategy",
                name=f"Integrated care strategy of the {area} Integrated Care Partnership",
                period=period,
                sources=[LEGISLATION_116ZB],
                notes=[UNTITLED, *([MERGED_STRATEGY] if period[0] == MERGERS else [])],
            ),
            ic.Prepares(
                source=icp, target=f"{key}-strategy", period=period, basis=PREPARE_STRATEGY, sources=[LEGISLATION_116ZB]
            ),
            ic.JointForwardPlan(
                id=f"{key}-jfp",
                name=f"Joint forward plan of {name}",
                period=period,
                sources=[LEGISLATION_14Z52],
                notes=[
                    UNTITLED,
                    "Prepared with the ICB's partner NHS trusts, named in its constitution (not in the sources)",
                ],
            ),
            ic.Prepares(source=ods, target=f"{key}-jfp", period=period, basis=JFP, sources=[LEGISLATION_14Z52]),
            ic.AccountableTo(
                source=ods,
                target=NHSE,
                period=period,
                mechanism="annual performance assessment; NHS England appoints the chair",
                basis=ASSESS_ICB,
                sources=[LEGISLATION_14Z59],
            ),
            ic.Assesses(source=NHSE, target=ods, period=period, basis=ASSESS_ICB, sources=[LEGISLATION_14Z59]),
            ic.Assesses(
                source=CQC,
                target=ics,
                period=(max(REORG, ic.Period.coerce(period).start or REORG), period[1]),
                basis=CQC_REVIEW,
                sources=[CQC_ICS],
                notes=["Powers from April 2023; assessments paused in March 2025; status in 2026 unverified"],
            ),
        )
        self._delegations(ods, ic.Period.coerce(period))

    def _delegations(self, ods: str, period: ic.Period) -> None:
        """Add NHS England's delegations of primary care functions to one ICB."""
        start = period.start or START
        self.b.add(
            ic.Delegation(
                source=NHSE,
                target=ods,
                functions=["primary-medical-services"],
                period=(start, period.end),
                basis=DELEGATE,
                accountability_retained=True,
                sources=[DELEGATION_PRIMARY_CARE, NHSE_65Z5],
                notes=["NHS England stays accountable and assures through its primary care assurance framework"],
            ),
            ic.Delegation(
                source=NHSE,
                target=ods,
                functions=["pharmaceutical-services", "ophthalmic-services", "dental-services"],
                period=(max(start, REORG), period.end),
                basis=DELEGATE,
                accountability_retained=True,
                sources=[DELEGATION_POD, DELEGATION_PRIMARY_CARE],
                notes=[
                    "All ICBs from 2023-04-01; some took these functions earlier (which ones is not recorded)"
                    + ("; assumed to continue for ICBs established in 2026 (unverified)" if start == MERGERS else ""),
                ],
            ),
        )

    def successions(self) -> None:
        """Add the 2026-04-01 successions of ICBs (and of their ICSs and ICPs) from the ODS event log."""
        seen: set[tuple[str, str]] = set()
        for row in rows("icb_changes_2023_2026.csv"):
            if row["event_date"] != MERGERS.isoformat():
                continue
            before, after = row["predecessor_ods"], row["successor_ods"]
            detail = row["detail"] if row["detail"] and not row["detail"].startswith("new ICB") else ""
            notes = [f"{row['event_type']}: {detail}" if detail else row["event_type"]]
            verified = V if row["verification"].startswith("verified (ODS") else P
            src = source(
                "ODS API successions of ICBs on 2026-04-01",
                row["source"],
                verified,
                None if verified is V else row["verification"],
            )
            self.b.add(ic.SucceededBy(source=before, target=after, period=(MERGERS, None), sources=[src], notes=notes))
            pair = (icb_slug(self.icb_name[before]), icb_slug(self.icb_name[after]))
            if pair in seen or pair[0] == pair[1]:
                continue
            seen.add(pair)
            for suffix in ("ics", "icp"):
                self.b.add(
                    ic.SucceededBy(
                        source=f"{pair[0]}-{suffix}",
                        target=f"{pair[1]}-{suffix}",
                        period=(MERGERS, None),
                        sources=[src],
                        notes=["follows the succession of the ICBs"],
                    )
                )

    def sub_icb_locations(self) -> None:
        """Add the 106 sub-ICB locations of 2022 and those of the August 2026 map, each within its ICB.

        A location of a dissolved ICB that the 2026 map places in the successor moves on 2026-04-01
        (inferred: its ICB ended that day); Frimley's (D4U1Y) ends then and U2G6B begins.
        """
        path = layers.BUNDLE / "primary_care" / "gp-reg-pat-prac-map_2026-08.csv"
        later: dict[str, dict[str, str]] = {}
        for row in layers.table(path, ("SUB_ICB_LOCATION_CODE", "ONS_SUB_ICB_LOCATION_CODE", "ICB_CODE")):
            later.setdefault(row["SUB_ICB_LOCATION_CODE"], row)
        for row in rows("sub_icb_locations_2022.csv"):
            ods, icb = row["sicbl22cdh"], row["icb22cdh"]
            old, new = row["sicbl22cd"], row["sicbl24cd"]
            then = later.get(ods)
            icb_end = self.icb_period[icb].end
            end = MERGERS if then is None else None
            codes = [ic.Code("ods", ods)]
            notes: list[str] = []
            sources = [ONS_2022]
            gss_2026 = None if then is None else then["ONS_SUB_ICB_LOCATION_CODE"]
            current = old if old == new else new
            if gss_2026 is not None and gss_2026 != current:
                notes.append(f"GSS code {gss_2026} in the map of 2026-08-01; when it changed is not in the sources")
            if old == new:
                codes.append(ic.Code("gss", old))
            else:
                codes += [ic.Code("gss", old, period=(None, REORG)), ic.Code("gss", new, period=(REORG, None))]
            name = row["sicbl22nm"]
            if then is None:
                notes.append(
                    "Not in the map of 2026-08-01: ended on 2026-04-01, its area divided among U2G6B (Thames Valley), "
                    "D9Y0V (Hampshire and Isle of Wight) and 92A (Surrey and Sussex)"
                )
                sources.append(layers.FRIMLEY_SQL)
            else:
                sources.append(layers.MAP_2026_SOURCE)
                if then["SUB_ICB_LOCATION_NAME"] != name:
                    notes.append(f"Named {name!r} until its ICB changed (ONS July 2022 lookup)")
                    name = then["SUB_ICB_LOCATION_NAME"]
            self.sicbl_period[ods] = ic.Period.coerce((START, end))
            self.b.add(
                ic.SICBL(
                    id=ods,
                    name=name,
                    codes=codes,
                    period=(START, end),
                    sources=sources,
                    notes=notes,
                    figures=self.figures.get(ods, ()),
                )
            )
            if then is None or then["ICB_CODE"] == icb:
                self.b.add(ic.Within(source=ods, target=icb, period=(START, end), sources=sources[:2]))
                continue
            assert icb_end == MERGERS  # noqa: S101 (only the ICBs dissolved on 2026-04-01 lose locations)
            self.b.add(
                ic.Within(source=ods, target=icb, period=(START, MERGERS), sources=[ONS_2022]),
                ic.Within(
                    source=ods,
                    target=then["ICB_CODE"],
                    period=(MERGERS, None),
                    sources=[layers.MAP_2026_SOURCE, ODS_SUCCESSIONS],
                    notes=[
                        (
                            f"In {then['ICB_CODE']} in the map of 2026-08-01; moved on 2026-04-01 (inferred: its ICB, "
                            f"{icb}, was dissolved that day)"
                        )
                    ],
                ),
            )
        for ods, then in sorted(later.items()):
            if ods in self.sicbl_period:
                continue
            self.sicbl_period[ods] = ic.Period.coerce((MERGERS, None))
            sources = [layers.MAP_2026_SOURCE, layers.FRIMLEY_SQL]
            self.b.add(
                ic.SICBL(
                    id=ods,
                    name=then["SUB_ICB_LOCATION_NAME"],
                    codes=[ic.Code("ods", ods), ic.Code("gss", then["ONS_SUB_ICB_LOCATION_CODE"])],
                    period=(MERGERS, None),
                    sources=sources,
                    notes=[
                        (
                            "First seen in the map of 2026-08-01; dated from 2026-04-01, when Frimley's sub-ICB"
                            " location (D4U1Y) was divided (inferred from the NHS England SQL)"
                        )
                    ],
                    figures=self.figures.get(ods, ()),
                ),
                ic.Within(source=ods, target=then["ICB_CODE"], period=(MERGERS, None), sources=sources),
            )

    def trusts(self) -> None:
        """Add the NHS trusts of the three etr snapshots (see :mod:`england_layers`)."""
        layers.trusts(self.b, self.icb_period, self.icb_gss_2022)

    def clusters(self) -> None:
        """Add the ICB clusters of 2025/26 (shared leadership) from the reference table."""
        regions = {row["nhser_name"]: row["nhser_ods_code"] for row in rows("nhs_england_regions.csv")}
        _clusters(self.b, self.icb_period, regions)

    def primary_care(self) -> None:
        """Add the practices and PCNs of the 2022 and 2026 maps (see :mod:`england_layers`)."""
        layers.PrimaryCare(self.b, self.sicbl_period, self.figures).build()

    def councils(self) -> None:
        """Add the upper-tier councils of 2022 and 2023, their HWBs and electorates, and the 2023 successions."""
        seen: dict[str, tuple[str, ic.Period]] = {}
        for row in rows("icb_local_authorities_2022.csv"):
            code = row["utla22cd"]
            end = REORG if code in ABOLISHED_2023 else None
            seen[code] = (row["utla22nm"], ic.Period.coerce((None, end)))
        for row in rows("icb_local_authorities_2024.csv"):
            code = row["utla23cd"]
            if code not in seen:
                seen[code] = (row["utla23nm"], ic.Period.coerce((REORG, None)))
        for code, (area, period) in seen.items():
            self._council(code, area, period)
        for old, news in ABOLISHED_2023.items():
            for new in news:
                self.b.add(
                    ic.SucceededBy(
                        source=old,
                        target=new,
                        period=(REORG, None),
                        sources=[ONS_LA_REORG],
                        notes=["2023 local government reorganisation; legal continuity of the council not recorded"],
                    )
                )

    def _council(self, code: str, area: str, period: ic.Period) -> None:
        """Add a council with its health and wellbeing board and its electorate."""
        sources = [ONS_2022_LA if period.start is None else ONS_LA_REORG, LEGISLATION_LA]
        name = council_name(code, area)
        notes = ["Name formed from the area name in the ONS lookup; the council's own style may differ"]
        created = COUNCILS_CREATED.get(code)
        if created is not None and period.start is None:
            period = ic.Period.coerce((created[0], period.end))
            sources.append(created[1])
        open_ended = [COUNCIL_OPEN] if period.start is None else []
        self.council_period[code] = period
        hwb, electorate = f"hwb-{code}", f"electorate-{code}"
        self.b.add(
            ic.LocalAuthority(
                id=code,
                name=name,
                tier=_tier(code),
                codes=[ic.Code("gss", code)],
                period=period,
                sources=sources,
                notes=notes + open_ended,
                figures=self.figures.get(code, ()),
            ),
            ic.HWB(
                id=hwb,
                name=f"{area} Health and Wellbeing Board",
                period=period,
                sources=[HWB_DUTY],
                notes=["Its period is its council's: the board's own establishment date is in no source", *open_ended],
            ),
            ic.Electorate(
                id=electorate, name=f"Electorate of {area}", period=period, sources=[ELECTORATE], notes=open_ended
            ),
            ic.Within(source=hwb, target=code, period=period, sources=[HWB_DUTY]),
            ic.AccountableTo(
                source=hwb,
                target=code,
                period=period,
                mechanism="a committee of the council",
                sources=[HWB_DUTY],
            ),
            ic.AccountableTo(
                source=code, target=electorate, period=period, mechanism="local elections", sources=[ELECTORATE]
            ),
        )

    def council_overlaps(self) -> None:
        """Add an ``Overlaps`` for every council and ICB pair of the 2022, 2024 and 2026 tables."""
        for overlap in overlaps():
            self.b.add(overlap)
            if "artefact" not in " ".join(overlap.notes):
                self.overlaps[overlap.source, overlap.target].append(overlap.period)

    def icp_founders(self) -> None:
        """Each responsible council overlapping an ICB's area establishes its ICP, for as long as it overlaps."""
        for (council, icb), periods in sorted(self.overlaps.items()):
            icp = f"{icb_slug(self.icb_name[icb])}-icp"
            for start, end in _merge(periods):
                self.b.add(
                    ic.Establishes(
                        source=council,
                        target=icp,
                        period=(start, end),
                        basis=ESTABLISH_ICP,
                        sources=[LEGISLATION_116ZA],
                        notes=["Required by the council's overlap with the ICB's area; actual membership not checked"],
                    )
                )


_TABLES: Final = (
    (
        "icb_local_authorities_2022.csv",
        "icb22cdh",
        "utla22cd",
        "n_lsoa11_in_icb",
        "utla_total_lsoa11",
        "LSOA11 count",
        (START, REORG),
        ONS_2022_LA,
    ),
    (
        "icb_local_authorities_2024.csv",
        "icb24cdh",
        "utla23cd",
        "n_lsoa21_in_icb",
        "utla_total_lsoa21",
        "LSOA21 count",
        (REORG, MERGERS),
        ONS_2024_LA,
    ),
    (
        "icb_local_authorities_2026.csv",
        "icb26cdh",
        "utla23cd",
        "n_lsoa21",
        "utla_total_lsoa21",
        "LSOA21 count",
        (MERGERS, None),
        TABLE_2026_LA,
    ),
)


def overlaps(icbs: frozenset[str] | None = None) -> list[ic.Overlaps]:
    """Return an ``Overlaps`` (council -> ICB) for every row of the three ICB by council tables.

    Each holds for the period its table describes; ``icbs`` limits them to those ICBs (ODS codes).
    """
    found = []
    for name, icb_col, la_col, n_col, total_col, measure, period, src in _TABLES:
        for row in rows(name):
            icb, council, n, total = row[icb_col], row[la_col], int(row[n_col]), int(row[total_col])
            if icbs is not None and icb not in icbs:
                continue
            notes = [f"{n} of the council's {total} LSOAs lie in the ICB's area"]
            sources = [src]
            if icb == "QPM" and council == "E10000025" and n == 1:
                notes.append(
                    "An artefact of LSOA21 best fitting (LSOA E01027305, West Northamptonshire 048E, placed in "
                    "Cherwell), not an ICB boundary; the council is not treated as a founder of the ICP"
                )
                sources = [src, source("Reference data README, caveats", "reference data README.md", U)]
            if row.get("method") == "inferred-ltla":
                notes.append(f"Frimley's part placed by district (inferred): {row['inferred_ltla24']}")
            found.append(
                ic.Overlaps(
                    source=council,
                    target=icb,
                    share=round(n / total, 6),
                    measure=measure,
                    period=period,
                    sources=sources,
                    notes=notes,
                )
            )
    return found


def _merge(periods: list[ic.Period]) -> list[tuple[dt.date | None, dt.date | None]]:
    """Merge touching or overlapping periods into the fewest half-open spans."""
    spans = sorted(((p.start, p.end) for p in periods), key=lambda s: s[0] or dt.date.min)
    merged: list[tuple[dt.date | None, dt.date | None]] = []
    for start, end in spans:
        if merged and (merged[-1][1] is None or (start is not None and start <= merged[-1][1])):
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, None if end is None or last_end is None else max(last_end, end))
        else:
            merged.append((start, end))
    return merged


CLUSTERS_ATTESTED: Final = dt.date(2025, 9, 9)
"""The first date the sources attest the 2025/26 clusters: Written Ministerial Statement HCWS915."""

CLUSTER_TABLE: Final = "reference data icb_clusters_2025.csv (2025/26 ICB clusters, compiled 2026-11-22)"

CLUSTER_START_NOTE: Final = (
    "The clusters formed during 2025/26 on dates in none of the sources; each starts on 2025-09-09, the date of "
    "Written Ministerial Statement HCWS915 (ICB leadership teams 42 -> 26 in 2025/26), the first date the sources "
    "attest (flagged)"
)


def _cluster_verification(text: str) -> ic.Verification:
    """Read the table's verification column for the cluster itself (not for a later merger)."""
    if text in ("verified", "verified cluster"):
        return V
    return U  # "merger verified" (the cluster arrangement itself is not), "UNVERIFIED"


def _members(codes: str) -> list[tuple[str, str | None]]:
    """Split ``QHG;QUE;QM7(part)`` into ICB codes, each with ``part`` when only part of it joins."""
    found = []
    for code in codes.split(";"):
        bare = code.strip().removesuffix("(part)")
        found.append((bare, "part" if bare != code.strip() else None))
    return found


def _clusters(b: ic.LandscapeBuilder, icb_period: dict[str, ic.Period], regions: dict[str, str]) -> None:
    """Add the 2025/26 ICB clusters of the reference table, and each member ICB's ``MemberOf``."""
    for row in rows("icb_clusters_2025.csv"):
        if row["status_at_2026_11"].startswith("standalone") or row["cluster_label"].startswith("("):
            continue  # regions or ICBs without a cluster: nothing shares leadership
        merged = row["status_at_2026_11"].startswith("merged")
        verification = _cluster_verification(row["verification"])
        label = row["cluster_label"]
        src = source(
            f"ICB cluster {label} ({row['region']}): {row['status_at_2026_11']}",
            f"{row['source']}; {CLUSTER_TABLE}",
            verification,
            None if verification is V else f"Table's verification: {row['verification']}",
        )
        ident = f"icb-cluster-{slug(label.replace('&', 'and'))}"
        period = (CLUSTERS_ATTESTED, MERGERS if merged else None)
        notes = [CLUSTER_START_NOTE]
        notes.append(
            "Ends on 2026-04-01, when its ICBs merged (ODS successions)"
            if merged
            else "Continues as a cluster at November 2026; a merger in 2027 is in none of the sources (UNVERIFIED)"
        )
        b.add(
            ic.kinds.ICBCluster(
                id=ident,
                name=f"{label} ICB cluster",
                period=period,
                sources=[src, WMS_HCWS915],
                notes=notes,
            ),
            ic.Within(source=ident, target=regions[row["region"]], period=period, sources=[src, REGIONS]),
        )
        parts = [p.strip() for p in row["member_icb_names"].split(";")]
        for code, part in _members(row["member_icb_ods_codes"]):
            ends = icb_period[code]
            assert ends.covers(ic.Period.coerce(period)), (code, ends)  # noqa: S101 (a generator's own check)
            extra = [] if part is None else [f"Only part of the ICB joins the cluster (the table: {'; '.join(parts)})"]
            b.add(
                ic.MemberOf(
                    source=code,
                    target=ident,
                    role="shares leadership" if part is None else "shares leadership (part of the ICB)",
                    voting=False,
                    period=period,
                    sources=[src],
                    notes=[CLUSTER_START_NOTE, *extra],
                )
            )


def build() -> ic.Landscape:
    """Build the england landscape from the reference tables."""
    england = _England()
    england.national()
    england.regions()
    england.icbs()
    england.successions()
    england.sub_icb_locations()
    england.councils()
    england.council_overlaps()
    england.icp_founders()
    england.trusts()
    england.primary_care()
    england.clusters()
    return england.b.build()


DESCRIPTION: Final = (
    "England's integrated care structure from 1 July 2022: national bodies, the seven NHS England regions, "
    "the 42 ICBs of 2022 and the 36 of 2026 (successions on 2026-04-01), 106 sub-ICB locations, the upper-tier "
    "councils (152, then 153 from 2023-04-01) with their overlaps with ICB areas, one ICS and one statutory ICP per "
    "ICB, a health and wellbeing board per council, NHS England's delegations and the lines of accountability."
)
