"""Build the ``lancashire-and-south-cumbria`` dataset.

From the Lancashire and South Cumbria paper "Developing Integrated Care Partnerships in Lancashire
and South Cumbria" (the place-level ICP model: places of up to 500,000 people, neighbourhoods of
30,000 to 50,000, four core aims, a minimum service scope, and the governance and leadership each
place-level ICP is to consider), plus the system around it taken from the bundled ``england``
dataset (written earlier in the same run): ICB QE1, its sub-ICB locations, the ICS, the statutory ICP,
its strategy and joint forward plan, the councils overlapping the ICB's area, the host trusts, and
the line of accountability to Parliament.

The paper names no place, no date and no person: the dataset records its model as a guidance
document with the sizes and roles it sets, and the places' gap is stated on the dataset's page.
"""

from __future__ import annotations

from typing import Final

import integratedcare as ic

from ._common import source

__all__ = ["CORE_AIMS", "DESCRIPTION", "GUIDE", "MODEL", "SERVICE_SCOPE", "build"]

MODEL: Final = (
    'Lancashire and South Cumbria, "Developing Integrated Care Partnerships in Lancashire and South Cumbria" '
    "(undated; after November 2020, which it cites)"
)
GUIDE: Final = "lsc-icp-development-guide"
ICB: Final = "QE1"
ICS: Final = "lancashire-and-south-cumbria-ics"
ICP: Final = "lancashire-and-south-cumbria-icp"

PLACE_MAX: Final = 500_000
"""The largest place the paper's ICPs serve, in people (line 17)."""
NEIGHBOURHOOD_RANGE: Final = (30_000, 50_000)
"""The neighbourhoods in which most care is delivered, in people (lines 17 and 130)."""

CORE_AIMS: Final = (
    "Improve the health and wellbeing of the population and reduce inequalities",
    "Provide consistent, high quality services that remove unwarranted variation in outcomes",
    "Consistently achieve national standards / targets across the sectors within the partnership",
    "Maximise the use of a place-based financial allocation and resources",
)
"""The four core aims of a place-level ICP (lines 27-35)."""

SERVICE_SCOPE: Final = (
    "Public health and wider community development",
    "Community-based wellbeing support (social prescribing, VCFSE provision, green spaces, leisure)",
    "GP and wider primary care, delivered through Primary Care Networks",
    "Community health care",
    "Community mental health care",
    "Urgent and emergency care, including physical and mental health",
    "Ongoing management of long term conditions",
    "Local acute hospital services",
    "Social care, education, housing, employment and training support",
)
"""The minimum all-age service provision at place level (lines 45-57)."""

GOVERNANCE: Final = (
    ("memoranda of understanding, partnership agreements or alliances", "line 222"),
    ("a place-based ICP Board, the decision-making group, under a scheme of delegation", "lines 212-224"),
    ("other place-based committees, possibly as Committees in Common", "line 224"),
    ("a cross-organisational clinical and professional leadership body", "line 225"),
    ("meaningful clinical, professional and democratic leadership and engagement", "line 226"),
    ("a mechanism for identifying, owning and sharing risk across partners", "line 228"),
    ("systems for partners to hold each other to account, aligned to the ICS framework", "line 229"),
)
"""The governance each place-level ICP is to consider (lines 216-229)."""

LEADERSHIP: Final = (
    ("ICP Chair", "line 241", "leads the ICP Board; builds relationships within the ICP and across the ICS"),
    ("executive leadership team", "line 242", "members with responsibilities across the place"),
    ("ICP Chief Officer", "line 249", "anticipated 'over time'; delivers the core aims, leads the executive team"),
    ("Integration Lead", "lines 251-256", "suggested; integration across services and PCNs in each neighbourhood"),
)
"""The leadership roles each place-level ICP is to consider (lines 237-256)."""

DESCRIPTION: Final = (
    "Lancashire and South Cumbria: the place-level ICP model of its 'Developing Integrated Care Partnerships' paper "
    "(places of up to 500,000 people, neighbourhoods of 30,000-50,000, four core aims, the minimum service scope, "
    "governance and leadership roles) as a guidance document whose place size PLC003 checks, and the system around "
    "it from the reference tables: ICB QE1, its sub-ICB locations, the ICS, the statutory ICP, its strategy and joint "
    "forward plan, the councils overlapping the ICB's area, host trusts and the line of accountability to "
    "Parliament. The paper names no place: the places are not in this dataset."
)

_KEEP: Final = (
    ic.IntegratedCareBoard,
    ic.IntegratedCareSystem,
    ic.IntegratedCarePartnership,
    ic.IntegratedCareStrategy,
    ic.JointForwardPlan,
    ic.SubICBLocation,
    ic.LocalAuthority,
    ic.NHSTrust,
    ic.NHSEngland,
    ic.SecretaryOfState,
    ic.Parliament,
    ic.Region,
)
"""The kinds taken from ``england``: the system, not its PCNs and practices."""


def _system(england: ic.Landscape) -> ic.LandscapeBuilder:
    """Copy the system around QE1 from ``england``: the entities near the ICB, and the relations among them."""
    near = {ICB, ICS, ICP, "nhs-england", "secretary-of-state", "parliament"}
    for relation in england.all_relations:
        if isinstance(relation, ic.Catchment):  # trusts elsewhere serving part of the area: not of the system
            continue
        if relation.target in (ICB, ICP, ICS) or relation.source in (ICB, ICP):
            near.update((relation.source, relation.target))
    kept = {i for i in near if i in england and isinstance(england[i], _KEEP)}
    b = ic.LandscapeBuilder("Lancashire and South Cumbria")
    b.add(*(england[i] for i in sorted(kept)))
    b.add(*(r for r in england.all_relations if r.source in kept and r.target in kept))
    return b


def _guide() -> ic.Guidance:
    """The paper as a guidance document: its sizes, aims, scope and roles, each with its lines."""
    notes = [f"Core aim {n}: {aim} (lines 27-35)" for n, aim in enumerate(CORE_AIMS, start=1)]
    notes.extend(f"Minimum service scope: {item} (lines 45-57)" for item in SERVICE_SCOPE)
    notes.extend(f"Governance to consider: {what} ({where})" for what, where in GOVERNANCE)
    notes.extend(f"Leadership role: {role}: {what} ({where})" for role, where, what in LEADERSHIP)
    notes.append(
        f"Sizes: an ICP serves a place of up to {PLACE_MAX:,} people; care is delivered in neighbourhoods of "
        f"{NEIGHBOURHOOD_RANGE[0]:,} to {NEIGHBOURHOOD_RANGE[1]:,} (line 17; line 130)"
    )
    return ic.Guidance(
        id=GUIDE,
        name="Developing Integrated Care Partnerships in Lancashire and South Cumbria",
        sources=[source(MODEL, "lines 3-257")],
        notes=[*notes, f"{ic.checks.OPEN_ENDED} the paper is undated; it cites November 2020"],
    )


def build() -> ic.Landscape:
    """Build the Lancashire and South Cumbria landscape (reads the bundled ``england``)."""
    b = _system(ic.datasets.england())
    b.add(_guide())
    return b.build()
