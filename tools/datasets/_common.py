"""Shared pieces of the dataset generators: the sources cited, statutory citations, and small helpers."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import attrs

import integratedcare as ic

__all__ = [
    "REFERENCE",
    "act",
    "rows",
    "slug",
    "source",
]

REFERENCE: Final = Path(
    os.environ.get("INTEGRATEDCARE_REFERENCE", Path(__file__).resolve().parents[3] / "shared" / "reference")
)
"""Where the research files live: ``../shared/reference`` beside the repository.

The generators read them; the package never does.

Set ``INTEGRATEDCARE_REFERENCE`` to a copy with newer files of the same names and formats (ODS
``etr`` and ``epraccur``, NHS England practice maps and list sizes) to rebuild ``england`` from a
newer release; a file whose columns are not as expected is reported with its file, row and column.
"""

V: Final = ic.Verification.VERIFIED
P: Final = ic.Verification.PARTLY_VERIFIED
U: Final = ic.Verification.UNVERIFIED


def rows(name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a reference CSV as dictionaries."""
    with (REFERENCE / "data" / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def slug(text: str) -> str:
    """Make a lowercase id slug of a name: ``"Bedfordshire, Luton and Milton Keynes"`` -> ``bedfordshire-luton-...``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def source(
    title: str,
    reference: str | None = None,
    verification: ic.Verification = V,
    note: str | None = None,
) -> ic.Source:
    """Make a source (a short wrapper that keeps the generators readable)."""
    return ic.Source(title=title, reference=reference, verification=verification, note=note)


def act(act_name: str, section: str, verification: ic.Verification = V, note: str | None = None) -> ic.Citation:
    """Make a citation of a provision of law."""
    return ic.Citation(act=act_name, section=section, verification=verification, note=note)


# --- Laws -------------------------------------------------------------------------------------

NHSA: Final = "NHS Act 2006"
LGPIHA: Final = "LGPIHA 2007"
HSCA08: Final = "Health and Social Care Act 2008"
HSCA12: Final = "Health and Social Care Act 2012"

ESTABLISH_ICB: Final = act(NHSA, "s14Z25")
ESTABLISH_ICP: Final = act(LGPIHA, "s116ZA(1)")
PREPARE_STRATEGY: Final = act(LGPIHA, "s116ZB(1)")
DELEGATE: Final = act(NHSA, "s65Z5")
ASSESS_ICB: Final = act(NHSA, "s14Z59")
MANDATE: Final = act(NHSA, "s13A")
SOS_TO_PARLIAMENT: Final = act(NHSA, "s1(3)")
CQC_REVIEW: Final = act(HSCA08, "s46A")
HWB_ESTABLISH: Final = act(HSCA12, "s194", U, "section number from memory (domain-facts.md section 1.5)")
POOLED: Final = act(NHSA, "s75")
JOINT_COMMITTEE: Final = act(NHSA, "s65Z6")
JFP: Final = act(NHSA, "s14Z52")

# --- Sources: law and national guidance ---------------------------------------------------------

LEGISLATION_116ZA: Final = source(
    "Local Government and Public Involvement in Health Act 2007, s116ZA "
    "(as inserted by the Health and Care Act 2022 s26)",
    "https://legislation.gov.uk/ukpga/2007/28/section/116ZA/2022-07-01",
)
LEGISLATION_116ZB: Final = source(
    "Local Government and Public Involvement in Health Act 2007, s116ZB",
    "https://www.legislation.gov.uk/ukpga/2007/28/section/116ZB",
)
LEGISLATION_14Z25: Final = source(
    "NHS Act 2006, s14Z25 (establishment of integrated care boards)",
    "https://legislation.gov.uk/ukpga/2006/41/part/2/chapter/A3",
)
LEGISLATION_14Z59: Final = source(
    "NHS Act 2006, s14Z59 (performance assessment of integrated care boards)",
    "https://legislation.gov.uk/ukpga/2006/41/chapter/A3/crossheading/performance-assessment-of-integrated-care-boards",
)
LEGISLATION_S1: Final = source("NHS Act 2006, s1(3)", "https://zoomlaw.co.uk/2006-41-ukpga.html")
LEGISLATION_LA: Final = source(
    "Local Government and Public Involvement in Health Act 2007, Part 5 Chapter 1 "
    "(s103: responsible local authorities)",
    "https://www.legislation.gov.uk/ukpga/2007/28/part/5/chapter/1",
)
ESTABLISHMENT_ORDER: Final = source(
    "Integrated Care Boards (Establishment) Order 2022; NHS England, integrated care in your area",
    "https://www.england.nhs.uk/integratedcare/integrated-care-in-your-area/",
)
DELEGATION_PRIMARY_CARE: Final = source(
    "NHS England, delegation of primary medical, pharmaceutical, ophthalmic and dental functions",
    "https://www.england.nhs.uk/commissioning/primary-care/primary-care-comm/"
    "delegation-of-primary-medical-pharmaceutical-ophthalmic-and-dental-functions",
)
DELEGATION_POD: Final = source(
    "ICBs take responsibility for pharmaceutical services from April 2023 (The Pharmacist); "
    "Cornwall and Isles of Scilly ICB, pharmacy, dentistry and optometry commissioning",
    "https://www.thepharmacist.co.uk/news/icbs-take-responsibility-for-pharmaceutical-services-from-april/",
)
NHSE_65Z5: Final = source(
    "NHS England, arrangements for delegation and joint exercise of statutory functions",
    "https://www.england.nhs.uk/long-read/arrangements-for-delegation-and-joint-exercise-of-statutory-functions/",
)
CQC_ICS: Final = source(
    "CQC assessments of integrated care systems (Health and Care Act 2022 s31); DHSC paused them in March 2025",
    "https://conventuslaw.com/report/uk-cqc-assessments-of-integrated-care-systems",
)
HWB_DUTY: Final = source(
    "Health and wellbeing boards: each upper-tier council establishes one as a committee (HSCA 2012)",
    "http://cryer.org.uk/health_and_well-being_board",
)
ELECTORATE: Final = source(
    "Councils are accountable to their electorates (general constitutional fact; no source retrieved)",
    "domain-facts.md section 1.9",
    U,
)
DOMAIN_FACTS: Final = "integratedcare research notes, domain-facts.md"


NATIONAL_KINDS: Final = (ic.Parliament, ic.SecretaryOfState, ic.NHSEngland, ic.CQC)
"""The national bodies: each predates every date a regional dataset covers."""


def flag_open_ended(land: ic.Landscape, reason: str, national: str | None = None) -> ic.Landscape:
    """Say, on each entity with no start date, why it has none (check rule DAT007).

    ``reason`` follows ``open-ended:`` on each undated entity; ``national`` (if given) replaces it on
    the national bodies, which predate every date a regional dataset covers.
    """
    b = ic.LandscapeBuilder(land.name)
    for entity in land:
        if entity.period.start is None and not any(n.startswith(ic.checks.OPEN_ENDED) for n in entity.notes):
            why = national if national is not None and isinstance(entity, NATIONAL_KINDS) else reason
            entity = attrs.evolve(entity, notes=(*entity.notes, f"{ic.checks.OPEN_ENDED} {why}"))  # noqa: PLW2901
        b.add(entity)
    return b.add(*land.all_relations).build()
