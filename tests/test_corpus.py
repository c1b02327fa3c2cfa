"""The bad-input corpus: each malformed file is refused with its exact error, or loads and is checked.

``tests/data/bad/expected.toml`` says, for each file, the error class, the place inside the file
and the problem; this test drives every file through :func:`integratedcare.io.load`. Error
classes that no file can raise are raised here by the call that raises them, messages pinned.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import integratedcare as ic
from integratedcare.io._convert import structure_entity, structure_relation

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED: list[dict[str, Any]] = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))["case"]
CASES = {case["file"]: case for case in EXPECTED}
PUBLIC_ERRORS = {  # the warnings of integratedcare.errors (DroppedDataWarning) are warned, never raised
    name: getattr(ic.errors, name) for name in ic.errors.__all__ if not issubclass(getattr(ic.errors, name), Warning)
}


def _error(name: str) -> type[ic.IntegratedCareError]:
    """Return the public error class called ``name``."""
    cls = PUBLIC_ERRORS[name]
    assert issubclass(cls, ic.IntegratedCareError)
    return cls  # type: ignore[no-any-return]


def _fragments(says: str | list[str]) -> list[str]:
    """Return the fragments a problem's text must hold."""
    return [says] if isinstance(says, str) else says


def _leaves(exc: BaseException) -> Iterator[BaseException]:
    """Yield the errors inside a tree of exception groups."""
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _leaves(inner)
    else:
        yield exc


def _model_errors(path: Path) -> set[str]:
    """Build the file's records through the Python API and return the names of the model errors raised."""
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    found: list[BaseException] = []
    built: list[ic.Entity | ic.Relation] = []
    for key, structure in (("entities", structure_entity), ("relations", structure_relation)):
        for record in data.get(key, []):
            try:
                built.append(structure(record))
            except Exception as exc:  # noqa: BLE001 (the errors are what is looked at)
                found.extend(_leaves(exc))
    if not found:
        with pytest.raises(ic.errors.LandscapeError) as caught:
            ic.LandscapeBuilder("replay").add(*built).build()
        found.extend(caught.value.exceptions)
    return {type(exc).__name__ for exc in found if isinstance(exc, ic.IntegratedCareError)}


def test_the_corpus_is_large_and_every_file_has_an_expectation() -> None:
    """At least 40 malformed files, small, TOML and JSON, each with exactly one expectation."""
    files = sorted(p.name for p in BAD.iterdir() if p.name != "expected.toml")
    assert files == sorted(CASES)
    assert len(EXPECTED) == len(CASES)
    assert len(files) >= 40
    assert {Path(name).suffix for name in files} == {".toml", ".json", ".yaml"}
    assert max((BAD / name).stat().st_size for name in files) < 16_384


@pytest.mark.parametrize("case", EXPECTED, ids=[case["file"] for case in EXPECTED])
def test_corpus_file(case: dict[str, Any]) -> None:
    """Each corpus file raises its exact error naming file, place and problem (or loads, and check reports it)."""
    path = BAD / case["file"]
    if case.get("loads"):
        report = ic.check(ic.io.load(path))
        found = [(f.rule, f.entity, f.message) for f in report.errors]
        assert found == [(f["rule"], f["entity"], f["says"]) for f in case["findings"]]
        return
    with pytest.raises(ic.IntegratedCareError) as caught:
        ic.io.load(path)
    error = caught.value
    assert type(error) is _error(case["raises"])
    if not isinstance(error, ic.errors.LandscapeError):
        assert str(error) == case["message"].format(path=path)
        return
    assert error.message == case["message"].format(path=path)
    assert len(error.exceptions) == len(case["problems"])
    for problem, wanted in zip(error.exceptions, case["problems"], strict=True):
        assert type(problem) is _error(wanted["raises"])
        assert isinstance(problem, ic.errors.FileFormatError)
        assert (problem.path, problem.location, problem.line) == (str(path), wanted["at"], wanted.get("line"))
        text = str(problem)
        assert text.startswith(str(path))
        assert f": {wanted['at']}: " in text if wanted["at"] else True
        for fragment in _fragments(wanted["says"]):
            assert fragment in problem.problem
            assert fragment in text
    if "model" in case:
        assert _model_errors(path) == set(case["model"])


def test_the_corpus_covers_every_kind_of_bad_input() -> None:
    """The corpus holds each kind of bad input the reliability issue names."""
    covered = {case["covers"] for case in EXPECTED}
    assert covered >= {
        "wrong types",
        "unknown kinds",
        "duplicate ids",
        "dangling references",
        "impossible dates",
        "wrong units",
        "negative populations",
        "cycles in accountability",
        "cycles in delegation",
        "cycles in containment",
        "duplicate keys",
        "long text",
        "truncated file",
        "broken syntax",
        "non-UTF-8 bytes",
        "enormous numbers",
        "deeply nested junk",
        "missing format key",
        "wrong format key",
    }


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """A file one byte over MAX_FILE_SIZE is refused with FileTooLargeError before it is read (sparse file)."""
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.truncate(ic.io.MAX_FILE_SIZE + 1)
    with pytest.raises(ic.errors.FileTooLargeError) as caught:
        ic.io.load(path)
    assert str(caught.value) == f"{path}: the file is 268435457 bytes; files over 268435456 bytes are refused"
    path.unlink()


def _delegation_errors() -> None:
    """Raise a DelegationError (no call raises one: the checks report delegations as GOV003 and GOV004 findings)."""
    raise ic.errors.DelegationError(delegator="E06000049", delegate="QYG", function="dental-services")


def _missing_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Export Parquet tables with pyarrow made unimportable (the RDF exports need no extra)."""
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    ic.io.to_parquet(ic.io.load(BAD / "accountability-cycle.toml"), "unwritten")


def _last_stage() -> None:
    """Escalate a Cheshire and Merseyside dispute past its fourth and last stage."""
    dispute = ic.governance.Dispute.start(
        ic.governance.cheshire_and_merseyside_rules().dispute_process, id="d", on="2021-01-04"
    )
    for day in ("2021-02-04", "2021-03-01", "2021-04-01", "2021-05-01"):
        dispute = dispute.escalate(on=day)


# Errors no file can raise: they come from arguments to queries, checks and governance, from a
# missing extra, or (InvalidCodeError) are re-reported by the loader as text before any class survives.
NOT_FROM_FILES: dict[str, tuple[Any, str]] = {
    "InvalidCodeError": (lambda _: ic.Code("ods", "qyg"), r"code value must be an ODS code .*got 'qyg'"),
    "MissingExtraError": (_missing_pyarrow, r'to_parquet needs pyarrow, which is not installed: pip install "inte'),
    "EntityKindError": (
        lambda _: ic.who_must_have_regard_to(ic.io.load(BAD / "accountability-cycle.toml"), "QYG"),
        r'who_must_have_regard_to needs a document, got integrated-care-board "QYG"',
    ),
    "UnknownRegimeError": (
        lambda _: ic.statute.legal_regime("hca-2023"),
        r'no legal regime "hca-2023"; known regimes: hca-2022',
    ),
    "UnknownRuleError": (lambda _: ic.statute.legal_regime().rule("s999"), r'regime "hca-2022" has no rule "s999"'),
    "UnknownCheckError": (
        lambda _: ic.check(ic.io.load(BAD / "delegation-cycle.toml"), rules=["GOV01"]),
        r'no check rule with id "GOV01"; did you mean "GOV001" or "GOV004" or "GOV003"\?',
    ),
    "UnknownFrameworkError": (
        lambda _: ic.checks.assess(ic.io.load(BAD / "delegation-cycle.toml"), "nope"),
        r'no framework "nope"',
    ),
    "DelegationError": (
        lambda _: _delegation_errors(),
        r'delegation "E06000049" -> "QYG": "E06000049" delegates dental-services to "QYG" but does not hold it',
    ),
    "VoteError": (
        lambda _: ic.governance.Forum(id="f", name="F").matter("m"),
        r"forum \"f\": decides no matter 'm' \(it decides",
    ),
    "DuplicateMemberError": (
        lambda _: ic.governance.Forum(
            id="f", name="F", members=[ic.governance.ForumMember(id="m", partner_kind="councils")] * 2
        ),
        r'forum "f": member "m" is given 2 times; a member holds one place',
    ),
    "UnknownDatasetError": (lambda _: ic.datasets.load("nowhere"), r'no dataset named "nowhere" \(bundled: '),
    "PictureTooLargeError": (
        lambda _: ic.draw(
            ic.LandscapeBuilder("Many").add(*[ic.Place(id=f"p{n}", name="P") for n in range(251)]).build()
        ),
        r"Many: 251 boxes are too many for one readable picture \(at most 250\); draw part of it",
    ),
    "DisputeStateError": (
        lambda _: _last_stage(),
        r'dispute "d": cannot escalate at stage 4 of 4: there is no further',
    ),
}


@pytest.mark.parametrize("name", sorted(NOT_FROM_FILES))
def test_errors_no_file_can_raise(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each error class that no file can raise is raised by its call, with its message pinned."""
    call, message = NOT_FROM_FILES[name]
    with pytest.raises(_error(name), match=message) as caught:
        call(monkeypatch)
    assert type(caught.value) is _error(name)


def test_every_public_error_class_is_raised_by_the_corpus_or_a_test() -> None:
    """Every public error class is raised by a corpus file (or its model replay), the size test, or a call."""
    by_files = {case["raises"] for case in EXPECTED if "raises" in case}
    by_files |= {problem["raises"] for case in EXPECTED for problem in case.get("problems", [])}
    by_files |= {name for case in EXPECTED for name in case.get("model", [])}
    raised = by_files | {"FileTooLargeError"} | set(NOT_FROM_FILES)
    assert not by_files & set(NOT_FROM_FILES)
    # The root is abstract: every case raises one of its subclasses.
    assert set(PUBLIC_ERRORS) - raised == {"IntegratedCareError"}


# --- bugs found while building the corpus, outside io (fixed; these pin the fixes) ---


def test_quantity_text_is_a_number_and_a_unit_not_arithmetic() -> None:
    """ic.quantity refuses arithmetic: '5 person 6' is not silently 30 people (and '9**9**9 person' never ends)."""
    with pytest.raises(ic.errors.UnitError, match=r"got '5 person 6'"):
        ic.quantity("5 person 6")


def test_an_integer_population_too_large_for_a_float_is_a_unit_error() -> None:
    """A population of 10**400 people is refused as not finite, not with OverflowError."""
    with pytest.raises(ic.errors.UnitError, match=r"population must be a finite number"):
        ic.Place(id="p", name="P", population=ic.quantity(10**400, "person"))


def test_a_relation_to_an_unknown_entity_reports_only_the_unknown_id() -> None:
    """A relation without a period whose source is unknown is not also blamed for its target's lifetime."""
    builder = ic.LandscapeBuilder().add(
        ic.ICP(id="cm-icp", name="C&M ICP", period=("2022-07-01", None)),
        ic.Within(source="cheshire-east-place", target="cm-icp"),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    assert [type(e) for e in caught.value.exceptions] == [ic.errors.UnknownEntityError]


def test_text_holding_a_lone_surrogate_is_refused_by_the_model() -> None:
    """A name no file can hold (a lone surrogate) is refused when the entity is made, not when it is dumped."""
    with pytest.raises(ic.errors.InvalidValueError, match=r"name"):
        ic.Region(id="r", name="North \udc80 West")
