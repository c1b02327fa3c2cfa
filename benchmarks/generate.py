# ruff: noqa: INP001 (a directory of scripts, run by path, not a package)
"""A seeded generator of an England-shaped landscape at scale factor ``k``.

At ``k=1`` it makes one England: 7 regions, 42 systems (each with its ICB, statutory ICP,
integrated care strategy and joint forward plan), 106 sub-ICB locations, 153 upper-tier councils
(each with an electorate, a health and wellbeing board, a JSNA, a joint local health and
wellbeing strategy and a Local Healthwatch), 210 places (each with an ICB place committee and a
place plan), 1,250 PCNs, 6,300 GP practices, 210 NHS trusts and provider collaboratives, plus the
national bodies: about 9,700 entities and 19,000 relations. At ``k`` it makes ``k`` such
Englands under one set of national bodies, so sizes grow linearly.

The counts are exact; the seed decides how they are spread (how many councils a system has,
which councils overlap a second ICB, which practices closed), so two runs with one seed give
equal landscapes. The links follow the conventions of the bundled ``england`` dataset and the
statute layer: councils ``Overlaps`` ICB areas and ``Establishes`` the ICP of each; the ICB
``Establishes`` its ICP, which ``Prepares`` the strategy; health and wellbeing boards lie
``Within`` their council and ``Prepares`` the JSNA and the joint local health and wellbeing
strategy. The names are invented.

Run it as a script to print the counts: ``python benchmarks/generate.py --k 1 --seed 0``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import random
from collections.abc import Sequence
from typing import Final

import integratedcare as ic

__all__ = ["COUNTS", "generate", "parts"]

COUNTS: Final = {
    "regions": 7,
    "systems": 42,
    "sub_icb_locations": 106,
    "councils": 153,
    "places": 210,
    "pcns": 1250,
    "practices": 6300,
    "trusts": 210,
}
"""How many of each the generator makes per copy of England (``k=1``)."""

START: Final = dt.date(2022, 7, 1)
"""The day the statutory bodies start (Health and Care Act 2022 commencement)."""

_LGPIHA: Final = "LGPIHA 2007"
_NHSA: Final = "NHS Act 2006"
_TIERS: Final = ("unitary", "county", "metropolitan-district", "london-borough")
_FOUNDATION: Final = 0.6  # the share of trusts that are foundation trusts
_SERVICE_MIX: Final = (
    ("acute",),
    ("acute",),
    ("acute", "community"),
    ("mental-health",),
    ("mental-health", "community"),
    ("community",),
    ("ambulance",),
    ("specialist",),
)


def _cite(act: str, section: str) -> ic.Citation:
    """Return a verified citation of ``act`` ``section``."""
    return ic.Citation(act=act, section=section, verification="verified")


def _spread(rng: random.Random, total: int, bins: int) -> list[int]:
    """Split ``total`` items over ``bins`` bins, at least one each, the rest at random."""
    counts = [1] * bins
    for _ in range(total - bins):
        counts[rng.randrange(bins)] += 1
    return counts


def _chunks(items: Sequence[str], sizes: Sequence[int]) -> list[list[str]]:
    """Cut ``items`` into consecutive runs of the given sizes."""
    out: list[list[str]] = []
    at = 0
    for size in sizes:
        out.append(list(items[at : at + size]))
        at += size
    return out


class _Parts:
    """Collects entities and relations as the generator makes them."""

    def __init__(self) -> None:
        """Start empty."""
        self.entities: list[ic.Entity] = []
        self.relations: list[ic.Relation] = []

    def add(self, *entities: ic.Entity) -> None:
        """Add entities."""
        self.entities.extend(entities)

    def link(self, *relations: ic.Relation) -> None:
        """Add relations."""
        self.relations.extend(relations)


def _national(out: _Parts) -> None:
    """Add Parliament, the Secretary of State, NHS England, the CQC, the mandate and guidance."""
    out.add(
        ic.Parliament(id="parliament", name="Parliament"),
        ic.SecretaryOfState(id="secretary-of-state", name="Secretary of State for Health and Social Care"),
        ic.NHSEngland(id="nhs-england", name="NHS England"),
        ic.CareQualityCommission(id="cqc", name="Care Quality Commission"),
        ic.NHSMandate(id="nhs-mandate", name="The NHS mandate", period=(START, None)),
        ic.Guidance(id="icp-guidance", name="Guidance on the preparation of integrated care strategies"),
    )
    out.link(
        ic.AccountableTo(source="nhs-england", target="secretary-of-state", basis=_cite(_NHSA, "s13A")),
        ic.AccountableTo(source="secretary-of-state", target="parliament", basis=_cite(_NHSA, "s1(3)")),
        ic.Prepares(source="secretary-of-state", target="nhs-mandate", basis=_cite(_NHSA, "s13A")),
        ic.Prepares(source="secretary-of-state", target="icp-guidance", basis=_cite(_LGPIHA, "s116ZB(3)(b)")),
    )


class _England:
    """Makes one copy of England, its ids prefixed ``e{copy}-``."""

    def __init__(self, copy: int, rng: random.Random, out: _Parts) -> None:
        """Prepare copy number ``copy``."""
        self.p = f"e{copy}-"
        self.rng = rng
        self.out = out
        self.systems = [f"{self.p}{n:02d}" for n in range(COUNTS["systems"])]
        self.icb_of: dict[str, str] = {}
        self.ics_of: dict[str, str] = {}

    def make(self) -> None:
        """Make everything, top down."""
        self._systems()
        councils = self._councils()
        places = self._places(councils)
        self._primary_care(places)
        self._trusts(places)

    def _systems(self) -> None:
        """Regions, and in each its systems: ICS, ICB, ICP, strategy, joint forward plan, SICBLs."""
        out, p, period = self.out, self.p, (START, None)
        per_region = COUNTS["systems"] // COUNTS["regions"]
        sicbls = _spread(self.rng, COUNTS["sub_icb_locations"], COUNTS["systems"])
        for r in range(COUNTS["regions"]):
            region = f"{p}region-{r}"
            out.add(ic.Region(id=region, name=f"Region {r} ({p[:-1]})"))
            for s in self.systems[r * per_region : (r + 1) * per_region]:
                ics, icb, icp = f"{s}-ics", f"{s}-icb", f"{s}-icp"
                strategy, jfp, scheme = f"{s}-strategy", f"{s}-jfp", f"{s}-scheme-of-delegation"
                self.icb_of[s], self.ics_of[s] = icb, ics
                out.add(
                    ic.ICS(id=ics, name=f"Integrated care system {s}", period=period),
                    ic.ICB(id=icb, name=f"NHS ICB {s}", period=period, population=ic.quantity(1_300_000, "person")),
                    ic.ICP(id=icp, name=f"Integrated care partnership {s}", period=period),
                    ic.IntegratedCareStrategy(id=strategy, name=f"Integrated care strategy {s}", period=period),
                    ic.JointForwardPlan(id=jfp, name=f"Joint forward plan {s}", period=period),
                    ic.Agreement(
                        id=scheme,
                        name=f"Scheme of delegation {s}",
                        period=period,
                        agreement_type="scheme-of-delegation",
                    ),
                )
                out.link(
                    ic.Within(source=ics, target=region),
                    ic.Within(source=icb, target=ics),
                    ic.Within(source=icb, target=region),
                    ic.Within(source=icp, target=ics),
                    ic.Establishes(source="nhs-england", target=icb, basis=_cite(_NHSA, "s14Z25")),
                    ic.Establishes(source=icb, target=icp, basis=_cite(_LGPIHA, "s116ZA(1)")),
                    ic.Prepares(source=icp, target=strategy, basis=_cite(_LGPIHA, "s116ZB(1)")),
                    ic.Prepares(source=icb, target=jfp, basis=_cite(_NHSA, "s14Z52")),
                    ic.Prepares(source=icb, target=scheme),
                    ic.AccountableTo(
                        source=icb, target="nhs-england", mechanism="annual assessment", basis=_cite(_NHSA, "s14Z59")
                    ),
                    ic.Assesses(source="nhs-england", target=icb, basis=_cite(_NHSA, "s14Z59")),
                    ic.Assesses(source="cqc", target=ics),
                    ic.Delegation(
                        source="nhs-england",
                        target=icb,
                        functions=["primary-medical-services"],
                        basis=_cite(_NHSA, "s65Z5"),
                    ),
                    ic.Delegation(
                        source="nhs-england",
                        target=icb,
                        functions=["pharmaceutical-services", "general-ophthalmic-services", "dental-services"],
                        basis=_cite(_NHSA, "s65Z5"),
                        period=("2023-04-01", None),
                    ),
                )
                for n in range(sicbls.pop()):
                    sicbl = f"{s}-sicbl-{n}"
                    out.add(ic.SICBL(id=sicbl, name=f"NHS ICB {s} - {n}", period=period))
                    out.link(ic.Within(source=sicbl, target=icb))
                hosc = f"{s}-jhosc"
                out.add(ic.HOSC(id=hosc, name=f"Joint health scrutiny committee {s}", joint=True))
                out.link(ic.Scrutinises(source=hosc, target=icb, basis=_cite(_NHSA, "s244")))

    def _councils(self) -> dict[str, list[str]]:
        """Councils spread over the systems; some overlap a second ICB in the region."""
        out, rng, p = self.out, self.rng, self.p
        per_region = COUNTS["systems"] // COUNTS["regions"]
        by_system: dict[str, list[str]] = {}
        numbers = iter(range(COUNTS["councils"]))
        for index, (s, size) in enumerate(
            zip(self.systems, _spread(rng, COUNTS["councils"], len(self.systems)), strict=True)
        ):
            region_start = index // per_region * per_region
            neighbours = [n for n in self.systems[region_start : region_start + per_region] if n != s]
            by_system[s] = []
            for _ in range(size):
                n = next(numbers)
                la, hwb = f"{p}la-{n:03d}", f"{p}hwb-{n:03d}"
                jsna, jlhws = f"{p}jsna-{n:03d}", f"{p}jlhws-{n:03d}"
                electorate, healthwatch = f"{p}electorate-{n:03d}", f"{p}healthwatch-{n:03d}"
                by_system[s].append(la)
                out.add(
                    ic.LocalAuthority(
                        id=la,
                        name=f"Council {n:03d} ({p[:-1]})",
                        tier=rng.choice(_TIERS),
                        population=ic.quantity(rng.randrange(100_000, 1_500_000), "person"),
                    ),
                    ic.Electorate(id=electorate, name=f"Electorate of council {n:03d}"),
                    ic.HWB(id=hwb, name=f"Health and wellbeing board {n:03d}"),
                    ic.JSNA(id=jsna, name=f"Joint strategic needs assessment {n:03d}"),
                    ic.JLHWS(id=jlhws, name=f"Joint local health and wellbeing strategy {n:03d}"),
                    ic.Healthwatch(id=healthwatch, name=f"Healthwatch {n:03d}"),
                )
                overlaps = [(s, 1.0)]
                if rng.random() < 0.15:  # noqa: PLR2004 (about one council in seven spans two ICBs)
                    share = round(rng.uniform(0.01, 0.3), 3)
                    overlaps = [(s, round(1 - share, 3)), (rng.choice(neighbours), share)]
                for system, share in overlaps:
                    icb, icp = self.icb_of[system], f"{system}-icp"
                    out.link(
                        ic.Overlaps(source=la, target=icb, share=share, measure="generated"),
                        ic.Establishes(source=la, target=icp, basis=_cite(_LGPIHA, "s116ZA(1)")),
                    )
                    out.link(ic.MemberOf(source=icb, target=hwb, role="partner ICB"))
                out.link(
                    ic.AccountableTo(source=la, target=electorate, mechanism="local elections"),
                    ic.Within(source=hwb, target=la),
                    ic.AccountableTo(source=hwb, target=la, mechanism="a committee of the council"),
                    ic.Prepares(source=hwb, target=jsna, basis=_cite(_LGPIHA, "s116")),
                    ic.Prepares(source=hwb, target=jlhws, basis=_cite(_LGPIHA, "s116A")),
                    ic.Within(source=healthwatch, target=la),
                    ic.MemberOf(source=healthwatch, target=hwb),
                    ic.MemberOf(source=la, target=f"{s}-jhosc"),
                )
        return by_system

    def _places(self, councils: dict[str, list[str]]) -> dict[str, list[str]]:
        """Places, at least one per council, each with an ICB place committee and a place plan."""
        out, rng, p = self.out, self.rng, self.p
        all_councils = [(s, la) for s, las in councils.items() for la in las]
        sizes = _spread(rng, COUNTS["places"], len(all_councils))
        by_system: dict[str, list[str]] = collections.defaultdict(list)
        number = 0
        for (s, la), size in zip(all_councils, sizes, strict=True):
            icb, ics, scheme = self.icb_of[s], self.ics_of[s], f"{s}-scheme-of-delegation"
            for _ in range(size):
                place, committee, plan = (
                    f"{p}place-{number:03d}",
                    f"{p}place-committee-{number:03d}",
                    f"{p}plan-{number:03d}",
                )
                number += 1
                by_system[s].append(place)
                out.add(
                    ic.Place(
                        id=place,
                        name=f"Place partnership {place}",
                        population=ic.quantity(rng.randrange(150_000, 600_000), "person"),
                    ),
                    ic.Committee(
                        id=committee,
                        name=f"Place committee {place}",
                        committee_type="place-committee",
                        period=(START, None),
                    ),
                    ic.PlacePlan(id=plan, name=f"Place plan {place}"),
                )
                out.link(
                    ic.Within(source=place, target=ics),
                    ic.MemberOf(source=la, target=place),
                    ic.MemberOf(source=icb, target=place),
                    ic.Prepares(source=place, target=plan),
                    ic.Within(source=committee, target=icb),
                    ic.AccountableTo(source=committee, target=icb, mechanism="reports to the board"),
                    ic.Delegation(
                        source=icb,
                        target=committee,
                        functions=["place-commissioning"],
                        basis=ic.Clause(agreement=scheme, section="Part 3"),
                    ),
                )
        return by_system

    def _primary_care(self, places: dict[str, list[str]]) -> None:
        """PCNs spread over places and practices over PCNs; a few practices close or open later."""
        out, rng, p = self.out, self.rng, self.p
        all_places = [place for ps in places.values() for place in ps]
        pcns = [f"{p}pcn-{n:04d}" for n in range(COUNTS["pcns"])]
        for place, members in zip(all_places, _chunks(pcns, _spread(rng, len(pcns), len(all_places))), strict=True):
            for pcn in members:
                out.add(ic.PCN(id=pcn, name=f"Primary care network {pcn}"))
                out.link(ic.Within(source=pcn, target=place))
        practices = [f"{p}gp-{n:05d}" for n in range(COUNTS["practices"])]
        for pcn, members in zip(pcns, _chunks(practices, _spread(rng, len(practices), len(pcns))), strict=True):
            for practice in members:
                roll = rng.random()
                if roll < 0.04:  # noqa: PLR2004 (a few practices closed or merged)
                    period: tuple[dt.date | None, dt.date | None] = (
                        None,
                        START + dt.timedelta(days=rng.randrange(1, 1200)),
                    )
                elif roll < 0.06:  # noqa: PLR2004 (and a few opened since 2022)
                    period = (START + dt.timedelta(days=rng.randrange(1, 1200)), None)
                else:
                    period = (None, None)
                out.add(
                    ic.GPPractice(
                        id=practice,
                        name=f"Practice {practice}",
                        period=period,
                        list_size=ic.quantity(rng.randrange(2_000, 20_000), "person"),
                    )
                )
                out.link(ic.Within(source=practice, target=pcn), ic.MemberOf(source=practice, target=pcn))

    def _trusts(self, places: dict[str, list[str]]) -> None:
        """Trusts spread over systems, in places and collaboratives; each helps prepare its joint forward plan."""
        out, rng, p = self.out, self.rng, self.p
        per_region = COUNTS["systems"] // COUNTS["regions"]
        sizes = _spread(rng, COUNTS["trusts"], len(self.systems))
        number = 0
        for r in range(COUNTS["regions"]):
            mental_health = f"{p}region-{r}-mh-collaborative"
            out.add(
                ic.ProviderCollaborative(
                    id=mental_health, name=f"Mental health collaborative {r}", focus="mental health"
                )
            )
            for s in self.systems[r * per_region : (r + 1) * per_region]:
                acute = f"{s}-acute-collaborative"
                out.add(ic.ProviderCollaborative(id=acute, name=f"Acute collaborative {s}", focus="acute"))
                out.link(ic.Within(source=acute, target=self.ics_of[s]))
                for t in range(sizes[self.systems.index(s)]):
                    trust = f"{p}trust-{number:03d}"
                    number += 1
                    services = rng.choice(_SERVICE_MIX)
                    foundation = rng.random() < _FOUNDATION
                    out.add(ic.NHSTrust(id=trust, name=f"NHS trust {trust}", services=services, foundation=foundation))
                    out.link(
                        ic.Within(source=trust, target=self.ics_of[s]),
                        ic.Prepares(source=trust, target=f"{s}-jfp", basis=_cite(_NHSA, "s14Z52")),
                        ic.MemberOf(source=trust, target=rng.choice(places[s])),
                        ic.AccountableTo(source=trust, target="nhs-england", mechanism="oversight framework"),
                    )
                    if "mental-health" in services:
                        out.link(ic.MemberOf(source=trust, target=mental_health))
                    else:
                        out.link(ic.MemberOf(source=trust, target=acute))
                    if t == 0:
                        out.link(ic.Hosts(source=trust, target=acute))


def parts(k: int = 1, *, seed: int = 0) -> tuple[list[ic.Entity], list[ic.Relation]]:
    """Return the entities and relations of an England-shaped landscape at scale ``k``, unchecked.

    The same ``k`` and ``seed`` give equal parts in the same order.
    """
    if k < 1:
        msg = f"scale factor k must be at least 1, got {k}"
        raise ValueError(msg)
    rng = random.Random(seed)  # noqa: S311 (a benchmark's data, not a secret)
    out = _Parts()
    _national(out)
    for copy in range(k):
        _England(copy, rng, out).make()
    return out.entities, out.relations


def generate(k: int = 1, *, seed: int = 0) -> ic.Landscape:
    """Return an England-shaped landscape at scale ``k`` (``k`` copies of England), built and checked."""
    entities, relations = parts(k, seed=seed)
    return ic.LandscapeBuilder(f"Generated England x{k} (seed {seed})").add(*entities, *relations).build()


def main(argv: Sequence[str] | None = None) -> None:
    """Print the counts of a generated landscape by kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--k", type=int, default=1, help="scale factor (copies of England)")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    land = generate(args.k, seed=args.seed)
    print(land)  # noqa: T201 (a script's output)
    for kind, count in sorted(collections.Counter(e.kind for e in land).items()):
        print(f"  {count:6d} {kind}")  # noqa: T201
    for kind, count in sorted(collections.Counter(r.kind for r in land.all_relations).items()):
        print(f"  {count:6d} {kind} (relation)")  # noqa: T201


if __name__ == "__main__":
    main()
