"""The answers the law gives on the bundled datasets, sampled small, for comparing before and after a change.

``python -m tests.statute_answers > tests/data/statute_answers.json`` writes them; the fixture in
``tests/data`` was written from main before the rulebook (issue 18) and ``test_statute_answers`` keeps
today's answers equal to it wherever the law did not change.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import integratedcare as ic

DATE = "2024-06-01"
SMALL = ("brackenshire", "cheshire-and-merseyside", "north-east-and-north-cumbria")
EVERY = 17
"""In England, one body in this many of each kind is sampled (sorted by id), so the fixture stays small."""


def _bodies(land: ic.Landscape, *, sample: bool) -> list[ic.Entity]:
    """Return the bodies sampled: every one of each kind, or one in :data:`EVERY` in England."""
    kinds = (ic.NHSEngland, ic.ICB, ic.LocalAuthority, ic.ICP, ic.HWB, ic.NHSTrust)
    found: list[ic.Entity] = []
    for kind in kinds:
        bodies = sorted(land.of_type(kind), key=lambda e: e.id)
        found.extend(bodies[::EVERY] if sample and len(bodies) > EVERY else bodies)
    return found


def _documents(land: ic.Landscape, *, sample: bool) -> list[ic.Document]:
    """Return the documents sampled."""
    docs = sorted(land.of_type(ic.Document), key=lambda e: e.id)
    return docs[::EVERY] if sample and len(docs) > EVERY else docs


def answers(name: str) -> dict[str, Any]:
    """Return the sampled answers on one bundled dataset."""
    land = ic.datasets.load(name)
    sample = name not in SMALL
    duties = {
        body.id: sorted(
            [a.rule or "", a.subject.id, str(a.basis), str(a.period)] for a in ic.duties_of(land, body, as_of=DATE)
        )
        for body in _bodies(land, sample=sample)
    }
    functions = {
        body.id: sorted(
            [a.function, a.role, str(a.basis), str(a.period)]
            for a in ic.governance.functions_held_by(land, body, as_of=DATE)
        )
        for body in _bodies(land, sample=sample)
    }
    regard = {
        doc.id: sorted([a.holder.id, a.rule or "", str(a.basis)] for a in ic.who_must_have_regard_to(land, doc))
        for doc in _documents(land, sample=sample)
    }
    statute = {"ICP", "ICB", "HWB"}
    report = ic.check(land, as_of=DATE)
    findings = sorted([f.rule, f.entity, f.message] for f in report.findings if f.rule[:3] in statute)
    return {"duties": duties, "functions": functions, "regard": regard, "findings": findings}


def main() -> None:
    """Write every dataset's answers as JSON to standard output."""
    json.dump({name: answers(name) for name in ic.datasets.names()}, sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
