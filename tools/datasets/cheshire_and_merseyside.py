"""Build the ``cheshire-and-merseyside`` dataset (with the Cheshire East place inside it).

From seed 003 (Cheshire East Health and Wellbeing Board papers of 2020-21, which carry the draft
Cheshire and Merseyside Health and Care Partnership memorandum of understanding and the Cheshire East
ICP plan), as extracted into ``extracts/cheshire-and-merseyside.json``; plus the statutory
arrangements from 2022-07-01 (ICB QYG, the statutory ICP and its strategy, HWBs, successions
from the nine CCGs) from the reference tables and the statute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

import integratedcare as ic

from ._common import (
    DELEGATE,
    DELEGATION_POD,
    DELEGATION_PRIMARY_CARE,
    ELECTORATE,
    ESTABLISH_ICP,
    ESTABLISHMENT_ORDER,
    HWB_DUTY,
    LEGISLATION_14Z59,
    LEGISLATION_116ZA,
    LEGISLATION_116ZB,
    PREPARE_STRATEGY,
    P,
    U,
    act,
    flag_open_ended,
    source,
)
from ._extract import JSON, Extract, load_extract
from ._national import national
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

PLACE_NAMES: Final = {
    "halton": "Halton",
    "warrington": "Warrington",
    "cheshire-east": "Cheshire East",
    "cheshire-west-and-chester": "Cheshire West and Chester",
    "knowsley": "Knowsley",
    "liverpool": "Liverpool",
    "st-helens": "St Helens",
    "sefton": "Sefton",
    "wirral": "Wirral",
}

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


NWB: Final = "nw-boroughs-partnership-nhs-ft"
MERSEY_CARE: Final = "mersey-care-nhs-ft"
NWB_END: Final = "2021-06-01"
ODS_TRUSTS: Final = source(
    "ODS etr (NHS trusts), March 2022 release",
    "reference bundle trusts/etr_2022-03_ods.csv, row RTV (North West Boroughs Healthcare NHS Foundation Trust)",
    note="closed 2021-05-31 (the close date is the last day)",
)
INFERRED: Final = (
    "inferred: which NHS trusts serve which place is in neither the memorandum nor the reference tables; the link "
    "is general knowledge of the trusts' areas, unverified"
)

_EDITORIAL: Final = re.compile(r"\s*\((?:name not (?:given )?in seed|Figure 1 is an image; names not in seed text)\)")

MH: Final = "NHS provider in the place: mental health services"
CS: Final = "NHS provider in the place: community services"
MH_CS: Final = "NHS provider in the place: mental health and community services"
ACUTE: Final = "NHS provider in the place: acute hospital services"

PROVIDERS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "cheshire-east": (
        ("east-cheshire-nhs-trust", "NHS provider in the place: acute hospital and community services"),
        ("the-mid-cheshire-hospitals-nhs-ft", ACUTE),
        ("cheshire-and-wirral-partnership-nhs-ft", MH),
    ),
    "cheshire-west-and-chester": (
        ("countess-of-chester-hospital-nhs-ft", ACUTE),
        ("cheshire-and-wirral-partnership-nhs-ft", MH_CS),
    ),
    "wirral": (
        ("wirral-university-teaching-hospital-nhs-ft", ACUTE),
        ("wirral-community-nhs-ft", CS),
        ("cheshire-and-wirral-partnership-nhs-ft", MH),
    ),
    "halton": (("warrington-and-halton-hospitals-nhs-ft", ACUTE), ("bridgewater-community-healthcare-nhs-ft", CS)),
    "warrington": (("warrington-and-halton-hospitals-nhs-ft", ACUTE), ("bridgewater-community-healthcare-nhs-ft", CS)),
    "st-helens": (
        ("st-helens-and-knowsley-teaching-hospitals-nhs-trust", ACUTE),
        ("bridgewater-community-healthcare-nhs-ft", CS),
    ),
    "knowsley": (("st-helens-and-knowsley-teaching-hospitals-nhs-trust", ACUTE),),
    "liverpool": (("liverpool-university-hospitals-nhs-ft", ACUTE), (MERSEY_CARE, MH_CS)),
    "sefton": (("southport-and-ormskirk-hospital-nhs-trust", ACUTE), (MERSEY_CARE, MH_CS)),
}
"""The NHS providers of each place (all inferred): place -> (trust, what it provides there)."""

NWB_PLACES: Final = {"halton": MH, "warrington": MH, "st-helens": MH, "knowsley": MH_CS}
"""Places whose mental health provider was NW Boroughs until it closed, and Mersey Care after (inferred)."""


COUNCIL_ROLE: Final = (
    "council partner in its place partnership: leads on public health (with its Director of Public Health), adult "
    "social care and children's services"
)


def _council_role(relation: ic.Relation) -> ic.Relation:
    """Say what a council brings to its place partnership (line 970: councils lead on public health)."""
    councils = {gss for gss, _ in COUNCILS.values()}
    if isinstance(relation, ic.MemberOf) and relation.source in councils and relation.target.endswith("-place"):
        lead = source(SEED, "line 970 (councils lead on public health, adult social care and children's services)")
        return attrs.evolve(relation, role=COUNCIL_ROLE, sources=[*relation.sources, lead])
    return relation


def _clean_name(entity: ic.Entity) -> ic.Entity:
    """Drop the extract's editorial notes from a name (the note that the name is descriptive stays in notes)."""
    name = _EDITORIAL.sub("", entity.name)
    name = re.sub(r"^Unnamed Cheshire East care community$", f"Cheshire East care community {entity.id[-1]}", name)
    name = re.sub(r"^(.+) \(place\)$", r"\1 place partnership", name)
    name = re.sub(r"^Local Healthwatch for (.+) place$", r"Local Healthwatch for \1", name)
    if name == entity.name:
        return entity
    return attrs.evolve(
        entity, name=name, notes=[*entity.notes, "name not given in the source; the name here describes it"]
    )


def build() -> ic.Landscape:
    """Build the Cheshire and Merseyside landscape."""
    data = load_extract("cheshire-and-merseyside")
    id_map = {old: gss for old, (gss, _) in COUNCILS.items()}
    id_map["nhs-england-and-nhs-improvement"] = "nhs-england"
    ccgs = [e["id"] for e in data["entities"] if e["kind"] == "clinical-commissioning-group"]
    periods: dict[str, ic.PeriodLike] = dict.fromkeys(ccgs, (None, "2022-07-01"))
    periods[MOU] = ("2020-11-01", START)
    periods[NWB] = (None, NWB_END)
    extract = Extract(data=data, title=SEED, id_map=id_map, periods=periods)
    extract.convert()
    entities = [
        attrs.evolve(e, sources=[*e.sources, ODS_TRUSTS]) if e.id == NWB else _clean_name(e) for e in extract.finish()
    ]
    entities = [_last_recourse(e) if e.id == ASSEMBLY else e for e in entities]
    mou = next(e for e in entities if e.id == MOU)
    entities = [e for e in entities if e.id != MOU]
    mutual = _mutual_accountability(data)
    told = {(r.source, r.target) for r in mutual}
    intended = [r for r in extract.relations if isinstance(r, ic.HoldsToAccount) and (r.source, r.target) in told]
    b = ic.LandscapeBuilder("Cheshire and Merseyside")
    b.add(
        *entities,
        *(_council_role(r) for r in extract.relations if r not in intended),
        *(_fold(r, intended) for r in mutual),
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
    _statutory(b, ccgs, extract.relations)
    _place_members(b)
    _lines_to_the_top(b)
    _place_forum(b)
    _ggi_guide(b)
    b.add(*national())
    return flag_open_ended(b.build(), OPEN_REASON, NATIONAL_OPEN)


OPEN_REASON: Final = (
    "its start date is in none of the sources; the draft memorandum of November 2020 (the dataset's first date) "
    "attests it"
)
NATIONAL_OPEN: Final = "a national body that predates every date the dataset covers (from 2020-11-01)"
ASSEMBLY: Final = "cm-partnership-assembly"
PEOPLE_BOARD: Final = "nhs-north-west-regional-people-board"


APPENDIX: Final = (
    'Cheshire and Merseyside, "Appendix 2: Seven core features of an integrated care partnership" (undated; '
    "place-level ICPs)"
)
GGI: Final = 'Good Governance Institute, "The GGI guide to integrated care partnerships" (7 February 2022)'
FORUM: Final = "cm-place-collaborative-forum"
PROPOSED: Final = "status: proposed (the appendix's core feature 2; no source says when the forum first met)"


def _place_forum(b: ic.LandscapeBuilder) -> None:
    """The appendix's Place Collaborative Forum, on which each place's nominated Place Lead sits (lines 16-18).

    Each place-level ICP nominates a Place Lead, endorsed by its members, to represent the place within
    the ICS and sit on the forum. Cheshire East's place lead is in the HWB papers; the other eight
    places' leads are the posts the appendix asks for, named by role (no source names them).
    """
    cited = source(APPENDIX, "lines 16-18 (core feature 2: ICP nominated Place Lead)")
    b.add(
        ic.Committee(
            id=FORUM,
            name="Place Collaborative Forum",
            committee_type="forum",
            sources=[cited],
            notes=[PROPOSED, f"{ic.checks.OPEN_ENDED} the appendix is undated; a proposal with no start date"],
        ),
        ic.Within(
            source=FORUM,
            target=ICS,
            sources=[cited],
            notes=["governance body of the partnership", "inferred: the forum connects places with the ICS"],
        ),
    )
    for place in sorted({slug for _, slug in COUNCILS.values()}):
        lead = f"{place}-place-lead"
        if place != "cheshire-east":  # Cheshire East's is in the HWB papers, with its place membership
            b.add(
                ic.Post(
                    id=lead,
                    name=f"{PLACE_NAMES[place]} Place Lead",
                    sources=[cited],
                    notes=[
                        PROPOSED,
                        "the post the appendix asks each place to nominate; no source names who holds it",
                        f"{ic.checks.OPEN_ENDED} the appendix is undated",
                    ],
                ),
                ic.MemberOf(
                    source=lead,
                    target=f"{place}-place",
                    role="place lead: endorsed by the place's members; represents the place within the ICS",
                    sources=[cited],
                    notes=[PROPOSED],
                ),
            )
        b.add(
            ic.MemberOf(
                source=lead,
                target=FORUM,
                role="place lead",
                sources=[cited],
                notes=[PROPOSED],
            )
        )


LCR_REPRESENTATIVE: Final = "cm-lcr-local-authority-chief-executive-representative"


def _ggi_guide(b: ic.LandscapeBuilder) -> None:
    """The one fact about this system in the GGI guide: the Liverpool City Region councils' representative.

    Its opening names the chief executive of St Helens Borough Council as the Liverpool City Region local
    authority chief executive representative on the ICS (on 7 February 2022); the post and the council
    holding it are recorded, never the person.
    """
    cited = source(GGI, "opening paragraph (interview of 7 February 2022)")
    attested = "attested on 7 February 2022 only: its start and end are in no source"
    b.add(
        ic.Post(
            id=LCR_REPRESENTATIVE,
            name="Liverpool City Region local authority chief executive representative",
            sources=[cited],
            notes=[f"{ic.checks.OPEN_ENDED} {attested}"],
        ),
        ic.MemberOf(
            source=LCR_REPRESENTATIVE,
            target=ICS,
            role="Liverpool City Region local authority chief executive representative",
            sources=[cited],
            notes=[attested],
        ),
        ic.Holds(
            source="E08000013",
            target=LCR_REPRESENTATIVE,
            sources=[cited],
            notes=["through the council's chief executive", attested],
        ),
    )


def _last_recourse(assembly: ic.Entity) -> ic.Entity:
    """Say on the Partnership Assembly that the partnership's line of accountability ends at it, and why."""
    why = (
        f"{ic.checks.LINE_ENDS} the memorandum makes the Assembly the partnership's body of last recourse, holding "
        "the Board to account and answering to nobody (line 1107); its parties each answer through their own lines"
    )
    return attrs.evolve(assembly, notes=[*assembly.notes, why])


def _lines_to_the_top(b: ic.LandscapeBuilder) -> None:
    """End each line of accountability where the law or the memorandum ends it (check rule DAT006).

    The councils answer to their electorates and each health and wellbeing board, a committee of its
    council, to the council; the NHS North West Regional People Board (to which line 1227 makes the
    local People Board accountable) is NHS England's and answers to it (inferred); the Partnership
    Assembly is the partnership's body of last recourse (line 1107), answering to nobody.
    """
    for gss, place in COUNCILS.values():
        area = PLACE_NAMES[place]
        electorate = f"electorate-{gss}"
        b.add(
            ic.Electorate(id=electorate, name=f"Electorate of {area}", sources=[ELECTORATE]),
            ic.AccountableTo(source=gss, target=electorate, mechanism="local elections", sources=[ELECTORATE]),
            ic.AccountableTo(
                source=f"{place}-hwb", target=gss, mechanism="a committee of the council", sources=[HWB_DUTY]
            ),
        )
    b.add(
        ic.AccountableTo(
            source=PEOPLE_BOARD,
            target="nhs-england",
            mechanism="a board of NHS England's North West region",
            sources=[
                source(
                    SEED,
                    "line 1227 (the NHS People Plan's requirement; the NHS North West Regional People Board)",
                    U,
                    "inferred: the regional people board is NHS England's; the memorandum does not say to whom it "
                    "answers",
                )
            ],
            notes=["inferred link"],
        )
    )


def _place_members(b: ic.LandscapeBuilder) -> None:
    """Add the members of the nine place partnerships that the memorandum describes but does not list.

    Line 1258: the places bring together the councils, voluntary and community groups, NHS commissioners
    and providers, "including GPs and other primary care providers working together in Primary Care
    Networks"; line 970: the councils lead on public health. The councils, CCGs and Healthwatch come from
    the extract; here: the ICB as commissioner after the CCGs, the PCNs, and the providers (inferred).
    """
    described = source(SEED, "line 1258 (Local Place Based Partnerships) and Annex A (parties)", P)
    for place in sorted({slug for _, slug in COUNCILS.values()}):
        target = f"{place}-place"
        b.add(
            ic.MemberOf(
                source="QYG",
                target=target,
                period=(START, None),
                role="NHS commissioner in the place",
                sources=[described],
                notes=["inferred: the ICB took on the CCGs' commissioning on 2022-07-01; the source predates it"],
            )
        )
        pcns = [f"cheshire-east-pcn-{n}" for n in range(1, 10)] if place == "cheshire-east" else ["cm-all-pcns"]
        for pcn in pcns:
            b.add(
                ic.MemberOf(
                    source=pcn,
                    target=target,
                    role="primary care: GPs and other primary care providers working together in PCNs",
                    sources=[described],
                    notes=[]
                    if place == "cheshire-east"
                    else ["the PCNs of the place (Annex A names all PCNs of the area as one party; none by name)"],
                )
            )
        inferred = source(SEED, "line 1258 (NHS providers in each Place); Annex A (NHS Service Providers)", U, INFERRED)
        for trust, role in PROVIDERS[place]:
            b.add(ic.MemberOf(source=trust, target=target, role=role, sources=[inferred], notes=["inferred link"]))
        if place in NWB_PLACES:
            role = NWB_PLACES[place]
            b.add(
                ic.MemberOf(
                    source=NWB,
                    target=target,
                    period=(None, NWB_END),
                    role=role,
                    sources=[inferred, ODS_TRUSTS],
                    notes=["inferred link"],
                ),
                ic.MemberOf(
                    source=MERSEY_CARE,
                    target=target,
                    period=(NWB_END, None),
                    role=role,
                    sources=[inferred],
                    notes=[
                        "inferred link: Mersey Care took over NW Boroughs' services when it closed (not in the sources)"
                    ],
                ),
            )


def _statutory(b: ic.LandscapeBuilder, ccgs: list[str], extracted: list[ic.Relation]) -> None:
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
                    name=f"{PLACE_NAMES[place]} Health and Wellbeing Board",
                    sources=[HWB_DUTY],
                    notes=["name formed from the place's name"],
                ),
            )
        if not any(isinstance(r, ic.Within) and (r.source, r.target) == (hwb, gss) for r in extracted):
            b.add(ic.Within(source=hwb, target=gss, sources=[HWB_DUTY]))
    assert len(gss_codes) == len(COUNCILS)  # noqa: S101 (a generator's own sanity check)


def _fold(relation: ic.Relation, intended: Sequence[ic.Relation]) -> ic.Relation:
    """Fold what the memorandum says elsewhere of one holding to account into the Annex 4 relation (one fact, once).

    Line 1583 says NHS England will hold the partnership's NHS bodies to account ever more as one system:
    the same holding to account as Annex 4's, so its source and words join that relation, in force while
    the memorandum is, rather than standing as a second, timeless relation (DAT003).
    """
    same = [r for r in intended if (r.source, r.target) == (relation.source, relation.target)]
    if not same:
        return relation
    return attrs.evolve(
        relation,
        sources=[*relation.sources, *(s for r in same for s in r.sources)],
        notes=[*relation.notes, *(n for r in same for n in r.notes)],
    )


def _mutual_accountability(data: JSON) -> list[ic.Relation]:
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
    src = source(SEED, "Annex 4 (lines 1513-1538) and Annex 1 (line 1503)")
    relations: list[ic.Relation] = []
    for party in sorted(ids):
        period = ("2020-11-01", NWB_END if party == NWB else START)
        relations.extend(
            (
                ic.HoldsToAccount(source=party, target=ICS, period=period, basis=clause, sources=[src]),
                ic.HoldsToAccount(source=ICS, target=party, period=period, basis=clause, sources=[src]),
            )
        )
    return relations
