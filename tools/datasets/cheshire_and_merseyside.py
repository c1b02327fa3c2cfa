"""Build the ``cheshire-and-merseyside`` dataset (with the Cheshire East place inside it).

From seed 003 (Cheshire East Health and Wellbeing Board papers of 2020-21, which carry the draft
Cheshire and Merseyside Health and Care Partnership memorandum of understanding and the Cheshire East
ICP plan), as extracted into ``extracts/cheshire-and-merseyside.json``; plus the statutory
arrangements from 2022-07-01 (ICB QYG, the statutory ICP and its strategy, HWBs, successions
from the nine CCGs) from the reference tables and the statute.
"""

from __future__ import annotations

from typing import Final

import integratedcare as ic

from ._common import (
    DELEGATE,
    DELEGATION_POD,
    DELEGATION_PRIMARY_CARE,
    ESTABLISH_ICP,
    ESTABLISHMENT_ORDER,
    HWB_DUTY,
    LEGISLATION_14Z59,
    LEGISLATION_116ZA,
    LEGISLATION_116ZB,
    PREPARE_STRATEGY,
    U,
    act,
    source,
)
from ._extract import JSON, Extract, load_extract
from .england import ONS_2022, overlaps

__all__ = ["DESCRIPTION", "build"]

SEED: Final = (
    "Cheshire East Health and Wellbeing Board papers (2020-21), including the draft Cheshire and Merseyside Health "
    "and Care Partnership memorandum of understanding (November 2020) and the Cheshire East ICP plan"
)
START: Final = "2022-07-01"
MOU: Final = "cm-mou-2020"
ICS: Final = "cm-health-and-care-partnership"
ICP: Final = "cm-icp"
STRATEGY: Final = "cm-integrated-care-strategy"

COUNCILS: Final = {
    "halton-mbc": ("E06000006", "halton"),
    "warrington-borough-council": ("E06000007", "warrington"),
    "cheshire-east-council": ("E06000049", "cheshire-east"),
    "cheshire-west-and-chester-council": ("E06000050", "cheshire-west-and-chester"),
    "knowsley-mbc": ("E08000011", "knowsley"),
    "liverpool-city-council": ("E08000012", "liverpool"),
    "st-helens-mbc": ("E08000013", "st-helens"),
    "sefton-mbc": ("E08000014", "sefton"),
    "wirral-council": ("E08000015", "wirral"),
}
"""The nine councils: extract id -> (GSS code, used as the id; slug of the place)."""

DESCRIPTION: Final = (
    "Cheshire and Merseyside: the 2020 draft memorandum of understanding of the Health and Care Partnership (its "
    "governance bodies, nine places and councils, nine CCGs, the 18 provider trusts of Annex A, Healthwatch, the "
    "applicability table, mutual accountability, decision and dispute rules, Board constituencies), the statutory "
    "arrangements from 2022-07-01 (ICB QYG, the ICP and its integrated care strategy, HWBs, successions from the "
    "CCGs), and the Cheshire East place with its 2020 place-level ICP, 8 care communities and 9 PCNs."
)


def _mou_notes(data: JSON) -> list[str]:
    """Summarise the memorandum's Annex 1 table, decision rules and dispute stages as notes."""
    notes = []
    table = data["applicability_table"]
    for row in table["rows"]:
        applies = [column for column, ticked in row["applies"].items() if ticked]
        notes.append(f"Annex 1: '{row['element'].rstrip(':')}' applies to {', '.join(applies)}")
    rules = data["decision_rules"]
    notes.extend(f"Decision level {level['order']}: {level['level']}" for level in rules["levels"])
    default = rules["default_rule"]
    notes.append(f"Decisions: {default['rule']} of {default['who']}; failing that, {default['if_no_consensus']}")
    supermajority = rules["supermajority"]
    notes.append(
        f"Supermajority: {supermajority['threshold']:.0%} of eligible Board members, {supermajority['condition']}, for "
        + " and ".join(supermajority["applies_to"])
    )
    for stage in data["dispute_process"]["stages"]:
        limit = f" within {stage['time_limit_days']} days" if stage["time_limit_days"] else ""
        notes.append(f"Dispute stage {stage['numeral']}: {stage['forum']}{limit}: {stage['rule']}")
    notes.extend(f"Discrepancy: {d['issue']}" for d in data["discrepancies"])
    return notes


def build() -> ic.Landscape:
    """Build the Cheshire and Merseyside landscape."""
    data = load_extract("cheshire-and-merseyside")
    id_map = {old: gss for old, (gss, _) in COUNCILS.items()}
    id_map["nhs-england-and-nhs-improvement"] = "nhs-england"
    ccgs = [e["id"] for e in data["entities"] if e["kind"] == "clinical-commissioning-group"]
    periods: dict[str, ic.PeriodLike] = dict.fromkeys(ccgs, (None, "2022-07-01"))
    periods[MOU] = ("2020-11-01", START)
    extract = Extract(data=data, title=SEED, id_map=id_map, periods=periods)
    extract.convert()
    entities = extract.finish()
    mou = next(e for e in entities if e.id == MOU)
    entities = [e for e in entities if e.id != MOU]
    b = ic.LandscapeBuilder("Cheshire and Merseyside")
    b.add(
        *entities,
        *extract.relations,
        ic.Agreement(
            id=MOU,
            name=mou.name,
            agreement_type="memorandum-of-understanding",
            period=mou.period,
            sources=mou.sources,
            notes=[
                *mou.notes,
                *_mou_notes(data),
                (
                    "In force: a draft of November 2020; the end date (the statutory arrangements of 2022-07-01) is "
                    "assumed, not stated"
                ),
            ],
        ),
    )
    _statutory(b, ccgs)
    _mutual_accountability(b, data)
    return b.build()


def _statutory(b: ic.LandscapeBuilder, ccgs: list[str]) -> None:
    """Add the arrangements of the Health and Care Act 2022: ICB, ICP, strategy, HWBs, successions, delegations."""
    b.add(
        ic.ICB(
            id="QYG",
            name="NHS Cheshire and Merseyside Integrated Care Board",
            codes=[ic.Code("ods", "QYG"), ic.Code("gss", "E54000008")],
            period=(START, None),
            sources=[ONS_2022, ESTABLISHMENT_ORDER],
        ),
        ic.ICP(
            id=ICP,
            name="Cheshire and Merseyside Integrated Care Partnership",
            period=(START, None),
            sources=[LEGISLATION_116ZA],
            notes=["The statutory joint committee of the ICB and the nine councils; local name not recorded here"],
        ),
        ic.IntegratedCareStrategy(
            id=STRATEGY,
            name="Cheshire and Merseyside Integrated Care Strategy",
            period=("2023-01-01", None),
            sources=[
                LEGISLATION_116ZB,
                source(
                    "Interim integrated care strategies were expected by December 2022",
                    None,
                    U,
                    "the strategy's title and publication date are not recorded in the seeds",
                ),
            ],
        ),
        ic.Within(source="QYG", target=ICS, period=(START, None), sources=[ESTABLISHMENT_ORDER]),
        ic.Within(source=ICP, target=ICS, period=(START, None), sources=[LEGISLATION_116ZA]),
        ic.Establishes(
            source="QYG", target=ICP, period=(START, None), basis=ESTABLISH_ICP, sources=[LEGISLATION_116ZA]
        ),
        ic.Prepares(
            source=ICP,
            target=STRATEGY,
            period=("2023-01-01", None),
            basis=PREPARE_STRATEGY,
            sources=[LEGISLATION_116ZB],
        ),
        ic.AccountableTo(
            source="QYG",
            target="nhs-england",
            period=(START, None),
            basis=act("NHS Act 2006", "s14Z59"),
            mechanism="annual performance assessment",
            sources=[LEGISLATION_14Z59],
        ),
        ic.Delegation(
            source="nhs-england",
            target="QYG",
            functions=["primary-medical-services"],
            period=(START, None),
            basis=DELEGATE,
            sources=[DELEGATION_PRIMARY_CARE],
        ),
        ic.Delegation(
            source="nhs-england",
            target="QYG",
            functions=["pharmaceutical-services", "ophthalmic-services", "dental-services"],
            period=("2023-04-01", None),
            basis=DELEGATE,
            sources=[DELEGATION_POD],
        ),
    )
    for ccg in ccgs:
        b.add(
            ic.SucceededBy(
                source=ccg,
                target="QYG",
                period=(START, None),
                sources=[ESTABLISHMENT_ORDER],
                notes=["CCGs were abolished and ICBs established on 2022-07-01"],
            ),
        )
    gss_codes = {gss for gss, _ in COUNCILS.values()}
    for overlap in overlaps(frozenset({"QYG"})):
        b.add(overlap)
    for gss, place in COUNCILS.values():
        hwb = f"{place}-hwb"
        b.add(
            ic.Establishes(
                source=gss, target=ICP, period=(START, None), basis=ESTABLISH_ICP, sources=[LEGISLATION_116ZA]
            ),
        )
        if hwb != "cheshire-east-hwb":
            b.add(
                ic.HWB(
                    id=hwb,
                    name=f"{place.replace('-', ' ').title()} Health and Wellbeing Board",
                    sources=[HWB_DUTY],
                    notes=["name formed from the place's name"],
                ),
            )
        b.add(ic.Within(source=hwb, target=gss, sources=[HWB_DUTY]))
    assert len(gss_codes) == len(COUNCILS)  # noqa: S101 (a generator's own sanity check)


def _mutual_accountability(b: ic.LandscapeBuilder, data: JSON) -> None:
    """Annex 4: the partners named for mutual accountability hold the partnership to account, and it them."""
    row = next(r for r in data["applicability_table"]["rows"] if r["element"] == "Mutual accountability")
    columns = data["applicability_table"]["column_to_entities"]
    ids = {
        COUNCILS[i][0] if i in COUNCILS else ("nhs-england" if i.startswith("nhs-england") else i)
        for column, ticked in row["applies"].items()
        if ticked
        for i in columns.get(column, [])
    }
    clause = ic.Clause(agreement=MOU, section="Annex 4")
    src = source(SEED, "seed 003, line 1513-1538 (Annex 4) and line 1503 (Annex 1)")
    for party in sorted(ids):
        b.add(
            ic.HoldsToAccount(source=party, target=ICS, period=("2020-11-01", START), basis=clause, sources=[src]),
            ic.HoldsToAccount(source=ICS, target=party, period=("2020-11-01", START), basis=clause, sources=[src]),
        )
