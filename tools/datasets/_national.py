"""The national end of every accountability chain: NHS England to the Secretary of State, and on to Parliament.

The regional datasets (Cheshire and Merseyside, North East and North Cumbria, Lancashire and South
Cumbria) add these with the same ids, names, bases and sources as ``england``.
"""

from __future__ import annotations

from typing import Final

import integratedcare as ic

from ._common import LEGISLATION_S1, MANDATE, SOS_TO_PARLIAMENT, source

__all__ = ["NHSE", "PARLIAMENT", "SOS", "national", "national_lines"]

NHSE: Final = "nhs-england"
SOS: Final = "secretary-of-state"
PARLIAMENT: Final = "parliament"


def national() -> list[ic.Entity | ic.Relation]:
    """Return Parliament, the Secretary of State, and the lines NHS England -> Secretary of State -> Parliament."""
    return [
        ic.Parliament(id=PARLIAMENT, name="UK Parliament", sources=[LEGISLATION_S1]),
        ic.SecretaryOfState(id=SOS, name="Secretary of State for Health and Social Care", sources=[LEGISLATION_S1]),
        *national_lines(),
    ]


def national_lines() -> list[ic.Relation]:
    """Return the lines NHS England -> Secretary of State -> Parliament (``england`` adds its own bodies)."""
    return [
        ic.AccountableTo(
            source=SOS,
            target=PARLIAMENT,
            mechanism="ministerial responsibility to Parliament for the health service",
            basis=SOS_TO_PARLIAMENT,
            sources=[LEGISLATION_S1],
        ),
        ic.AccountableTo(
            source=NHSE,
            target=SOS,
            mechanism="the mandate and the Secretary of State's oversight",
            basis=MANDATE,
            sources=[source("NHS Act 2006, s13A (the mandate to NHS England)", "domain-facts.md section 1.9")],
        ),
    ]
