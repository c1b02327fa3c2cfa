"""The file format: loading and saving TOML and JSON, round trips, and errors that name file and place."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import tomllib
from pathlib import Path
from typing import Any

import pytest
from cattrs.errors import ClassValidationError
from hypothesis import HealthCheck, given, settings

import integratedcare as ic
from integratedcare._model import ENTITY_KINDS, RELATION_KINDS
from integratedcare.io import _convert
from strategies import landscapes

DATA = Path(__file__).parent / "data"
HEAD = 'format = "integratedcare/1"\nname = "Test"\n'


def rich() -> ic.Landscape:
    """Build a landscape using every feature of the format: codes with periods, clauses, quantities, notes."""
    return (
        ic.LandscapeBuilder('Rich "landscape"')
        .add(
            ic.NHSEngland(id="nhs-england", name="NHS England"),
            ic.ICB(
                id="QYG",
                name="NHS Cheshire & Merseyside ICB",
                period=("2022-07-01", None),
                codes=[ic.Code("ods", "QYG"), ic.Code("gss", "E54000008", period=("2022-07-01", "2026-04-01"))],
                population=ic.quantity("2.7 million person"),
                sources=[ic.Source(title="ONS", reference="https://example.org", verification="unverified", note="n")],
                notes=['line one\nline two "quoted"', "ü ñ 中文"],
            ),
            ic.CCG(id="01V", name="NHS Southport and Formby CCG", period=(None, "2022-07-01")),
            ic.NHSTrust(id="RBT", name="Mid Cheshire", services=["community", "acute"], foundation=True),
            ic.LocalAuthority(id="E06000049", name="Cheshire East Council", tier="unitary"),
            ic.ICP(id="ce-icp", name="Cheshire East ICP", scope="place", statutory=False),
            ic.Agreement(id="mou", name="MoU", agreement_type="memorandum-of-understanding"),
            ic.Post(id="qyg-chair", name="Chair", voting=False),
        )
        .add(
            ic.SucceededBy(source="01V", target="QYG", period=("2022-07-01", None)),
            ic.Overlaps(source="E06000049", target="QYG", share=0.5, measure="LSOA11 count"),
            ic.Delegation(
                source="nhs-england",
                target="QYG",
                functions=["dental-services", "pharmaceutical-services"],
                budget=ic.quantity(1.5e8, "GBP"),
                accountability_retained=True,
                reserved_matters=["contracts"],
                basis=ic.Citation(act="NHS Act 2006", section="s65Z5", verification="partly verified", note="x"),
                period=("2023-04-01", None),
            ),
            ic.HoldsToAccount(source="QYG", target="E06000049", basis=ic.Clause(agreement="mou", section="Annex 4")),
            ic.Duty(source="E06000049", target="RBT", duty="must consult", context="when planning"),
            ic.MemberOf(source="qyg-chair", target="QYG", role="chair", voting=False),
        )
        .build()
    )


def problems(text: str, *, format: str = "toml") -> list[ic.errors.FileFormatError]:  # noqa: A002 (mirrors loads)
    """Load ``text`` and return the problems reported (the load must fail)."""
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.loads(text, format=format, source="test.toml")  # type: ignore[arg-type]
    found = list(caught.value.exceptions)
    assert all(isinstance(p, ic.errors.FileFormatError) and p.path == "test.toml" for p in found)
    return found  # type: ignore[return-value]


def places(text: str, *, format: str = "toml") -> list[tuple[str, str]]:  # noqa: A002 (mirrors loads)
    """Return the (location, problem) of every problem of ``text``."""
    return [(p.location, p.problem) for p in problems(text, format=format)]


def entity(fields: str) -> str:
    """Return a file with one entity table holding ``fields``."""
    return f"{HEAD}[[entities]]\n{fields}\n"


# --- round trips --------------------------------------------------------------------------------


def test_sample_file_loads() -> None:
    """The hand-written sample loads with its dates, codes, quantities and bases."""
    land = ic.io.load(DATA / "cheshire-east.toml")
    assert land.name == "Cheshire East (example)"
    assert land["QYG"].code("gss", as_of="2025-01-01") == "E54000008"
    assert land["QYG"].code("gss", as_of="2026-04-01") is None
    assert land["E06000049"].population == ic.quantity(400_000, "person")  # type: ignore[attr-defined]
    assert land.relations(ic.Delegation)[0].budget == ic.quantity(1.5e8, "GBP")
    assert land.relations(ic.HoldsToAccount)[0].basis == ic.Clause(agreement="cm-mou-2020", section="Annex 4")


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_rich_landscape_round_trips_through_files(tmp_path: Path, suffix: str) -> None:
    """Dumping then loading a landscape using every feature of the format gives it back, name and all."""
    land = rich()
    path = tmp_path / f"rich{suffix}"
    ic.io.dump(land, path)
    again = ic.io.load(path)
    assert again == land
    assert again.name == land.name
    assert path.read_bytes() == ic.io.dumps(again, format=suffix[1:]).encode()  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_acceptance_dump_then_load_gives_an_equal_landscape(land: ic.Landscape) -> None:
    """Property: for any landscape, TOML and JSON text load back to an equal landscape, byte-stable."""
    for fmt in ("toml", "json"):
        text = ic.io.dumps(land, format=fmt)
        again = ic.io.loads(text, format=fmt)
        assert again == land
        assert again.name == land.name
        assert ic.io.dumps(again, format=fmt) == text


def test_json_and_toml_hold_the_same_records() -> None:
    """The two syntaxes carry the same document, so one schema describes both."""
    import json  # noqa: PLC0415 (only this test needs it)
    import tomllib  # noqa: PLC0415 (only this test needs it)

    land = rich()
    assert tomllib.loads(ic.io.dumps(land)) == json.loads(ic.io.dumps(land, format="json"))


def test_dump_writes_utf8_with_lf_line_ends(tmp_path: Path) -> None:
    """Files are UTF-8 (non-ASCII written as is) with LF line ends."""
    path = tmp_path / "rich.toml"
    ic.io.dump(rich(), path)
    data = path.read_bytes()
    assert b"\r\n" not in data
    assert "中文" in data.decode("utf-8")


def test_toml_dates_and_value_unit_tables_are_accepted() -> None:
    """Bare TOML dates and {value, unit} quantities load like their text forms."""
    land = ic.io.loads(
        entity(
            'kind = "place-based-partnership"\nid = "p"\nname = "P"\nstart = 2022-07-01\n'
            'population = { value = 5, unit = "person" }'
        )
    )
    assert land["p"].period.start == dt.date(2022, 7, 1)
    assert land["p"].population == ic.quantity(5, "person")  # type: ignore[attr-defined]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A file saved with a UTF-8 byte order mark still loads."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + ic.io.dumps(rich(), format="json").encode())
    assert ic.io.load(path) == rich()


def test_empty_file_with_format_is_an_empty_landscape() -> None:
    """Entities and relations may be left out."""
    assert len(ic.io.loads(HEAD)) == 0


def test_explicit_format_overrides_the_suffix(tmp_path: Path) -> None:
    """format= chooses the syntax whatever the file is called."""
    path = tmp_path / "landscape.txt"
    ic.io.dump(rich(), path, format="json")
    assert path.read_text(encoding="utf-8").startswith("{")
    assert ic.io.load(path, format="json") == rich()


# --- acceptance: specific errors naming file and place ------------------------------------------


def _only(path: Path) -> ic.errors.FileFormatError:
    """Load a broken sample file and return its one problem."""
    with pytest.raises(ic.errors.LandscapeError, match=r"1 problem in file") as caught:
        ic.io.load(path)
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.FileFormatError)
    assert problem.path == str(path)
    return problem


def test_acceptance_unknown_entity_kind() -> None:
    """An unknown kind names the file, entities[0].kind and the kinds there are."""
    problem = _only(DATA / "unknown-kind.toml")
    assert problem.location == "entities[0].kind"
    assert "'integrated-care-bored'" in problem.problem
    assert "integrated-care-board" in problem.problem


def test_acceptance_wrong_unit() -> None:
    """A population in pounds names entities[1].population and the unit expected."""
    problem = _only(DATA / "wrong-unit.toml")
    assert problem.location == "entities[1].population"
    assert problem.problem == "must be in person, got 320000 GBP"
    assert str(problem).endswith("wrong-unit.toml: entities[1].population: must be in person, got 320000 GBP")


def test_acceptance_bad_date() -> None:
    """An impossible date names entities[0].start."""
    problem = _only(DATA / "bad-date.json")
    assert problem.location == "entities[0].start"
    assert problem.problem.startswith("must be a real date, got '2022-02-30'")


def test_acceptance_dangling_id() -> None:
    """A relation to a missing id names relations[0].target and suggests the close id."""
    problem = _only(DATA / "dangling-id.toml")
    assert problem.location == "relations[0].target"
    assert problem.problem == 'no entity with id "cm-icz"; did you mean "cm-icp"?'


def test_acceptance_syntax_error_gives_the_line() -> None:
    """A TOML syntax error is a FileSyntaxError with its line."""
    problem = _only(DATA / "syntax-error.toml")
    assert isinstance(problem, ic.errors.FileSyntaxError)
    assert problem.line == 5
    assert str(problem).startswith(f"{DATA / 'syntax-error.toml'}, line 5: is not valid TOML")


def test_json_syntax_error_gives_the_line() -> None:
    """A JSON syntax error is a FileSyntaxError with its line."""
    (problem,) = problems('{\n  "format": "integratedcare/1",\n  "name": \n}', format="json")
    assert isinstance(problem, ic.errors.FileSyntaxError)
    assert problem.line == 4


def test_toml_error_at_end_of_document_gives_the_last_line() -> None:
    """An unfinished TOML document reports its last line."""
    (problem,) = problems(f'{HEAD}name2 = "unfinished')
    assert isinstance(problem, ic.errors.FileSyntaxError)
    assert problem.line == 3


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    """Problems of several records come together, ordered top level, entities, relations."""
    text = (
        'format = "integratedcare/2"\nname = "x"\nextra = 1\n'
        '[[entities]]\nkind = "place-based-partnership"\nid = "p"\nname = "P"\npopulation = "3 GBP"\n'
        '[[entities]]\nkind = "region"\nid = "r"\nname = 5\n'
        '[[relations]]\nkind = "within"\nsource = "p"\ntarget = "nowhere"\n'
    )
    assert places(text) == [
        ("extra", "is not a key of the format; the keys are format, name, coverage, entities, relations"),
        ("format", "must be 'integratedcare/1' (the version this library reads), got 'integratedcare/2'"),
        ("entities[0].population", "must be in person, got 3 GBP"),
        ("entities[1].name", "must be text, got 5"),
        ("relations[0].target", 'no entity with id "nowhere"'),
    ]


def test_no_dangling_id_is_reported_for_an_entity_that_failed() -> None:
    """A relation to an entity that itself failed to load is not blamed twice."""
    text = entity('kind = "place-based-partnership"\nid = "p"\nname = "P"\npopulation = "3 GBP"') + (
        '[[entities]]\nkind = "integrated-care-system"\nid = "ics"\nname = "ICS"\n'
        '[[relations]]\nkind = "within"\nsource = "p"\ntarget = "ics"\n'
    )
    assert places(text) == [("entities[0].population", "must be in person, got 3 GBP")]


# --- the top level ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", [("", "must hold a table of format, name, entities and relations, got a list")]),
        ('{"name": "x"}', [("format", 'is required: write format = "integratedcare/1" first')]),
        ('{"format": "integratedcare/1", "name": 3}', [("name", "must be text, got 3")]),
        ('{"format": "integratedcare/1", "entities": {}}', [("entities", "must be a list of tables, got a table")]),
        ('{"format": "integratedcare/1", "entities": [3]}', [("entities[0]", "must be a table, got 3")]),
    ],
)
def test_top_level_problems(text: str, expected: list[tuple[str, str]]) -> None:
    """The document must be a table with the format key, a text name and lists of tables."""
    assert places(text, format="json") == expected


@pytest.mark.parametrize(
    ("coverage", "expected"),
    [
        ("3", [("coverage", "must be a table of dataset, start and end, got 3")]),
        ("{dataset = 1}", [("coverage.dataset", "must be text, got 1")]),
        ('{start = "July"}', [("coverage.start", "must be an ISO date such as 2022-07-01, got 'July'")]),
        (
            '{start = "2023-01-01", end = "2023-01-01"}',
            [("coverage.end", "must be after coverage.start, got '2023-01-01'")],
        ),
        (
            '{start = "2023-01-01", until = "2024-01-01"}',
            [("coverage.until", "is not a key of coverage; the keys are dataset, start, end")],
        ),
    ],
)
def test_coverage_problems(coverage: str, expected: list[tuple[str, str]]) -> None:
    """The coverage table holds a dataset name and ISO start and end dates, the end after the start."""
    assert places(f"{HEAD}coverage = {coverage}\n") == expected


def test_a_saved_dataset_keeps_its_coverage() -> None:
    """A bundled dataset written and read back declares the same coverage, so it warns on the same dates."""
    land = ic.datasets.load("brackenshire")
    assert land.coverage is not None
    for kind in ("toml", "json"):
        again = ic.io.loads(ic.io.dumps(land, format=kind), format=kind)
        assert again.coverage == land.coverage
        with pytest.warns(ic.errors.CoverageWarning, match='dataset "brackenshire"'):
            again.as_of("1990-01-01")
    assert "coverage" not in ic.io.dumps(ic.LandscapeBuilder("Plain").build())


def test_coverage_without_a_dataset_names_the_landscape() -> None:
    """A file's coverage without a dataset name warns in the landscape's name."""
    land = ic.io.loads(f'{HEAD}coverage = {{start = "2022-07-01"}}\n')
    assert land.coverage == ic.Period("2022-07-01", None)
    with pytest.warns(ic.errors.CoverageWarning, match='dataset "Test"'):
        land.as_of("2022-06-30")


# --- records ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ('id = "x"\nname = "X"', [("entities[0].kind", "is required")]),
        ('kind = 3\nid = "x"\nname = "X"', [("entities[0].kind", "must be one of agreement, " + "...")]),
        ('kind = "region"\nid = "x"', [("entities[0].name", "is required")]),
        ('kind = "region"\nid = "x"\nname = "X"\ncolour = "red"', [("entities[0].colour", "is not a field ...")]),
        ('kind = "region"\nid = "x"\nname = "X"\nperiod = {}', [("entities[0].period", "is not a key ...")]),
        ('kind = "region"\nid = "x y"\nname = "X"', [("entities[0].id", "must start with a letter ...")]),
        (
            'kind = "region"\nid = "x"\nname = "X"\nstart = 2022-01-01T10:00:00',
            [("entities[0].start", "must be a date, not a date and time, got 2022-01-01T10:00:00")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\nend = "1 May 2022"',
            [("entities[0].end", "must be an ISO date such as 2022-07-01, got '1 May 2022'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\nstart = "2023-01-01"\nend = "2022-01-01"',
            [("entities[0]", "period must end after it starts, got [2023-01-01, 2022-01-01)")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\npopulation = 5',
            [
                (
                    "entities[0].population",
                    "must be text with a unit, such as '400000 person', or a table {value, unit}, got 5",
                )
            ],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\npopulation = {value = 5}',
            [("entities[0].population", "must be text with a unit, ...got a table")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\npopulation = {value = "5", unit = "person"}',
            [("entities[0].population", "must be text with a unit, ...got a table")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\npopulation = {value = 5, unit = "peeple"}',
            [("entities[0].population", "is not a quantity with known units, got '5 peeple'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\npopulation = "5 peeple"',
            [("entities[0].population", "is not a quantity with known units, got '5 peeple'")],
        ),
        (
            'kind = "local-authority"\nid = "x"\nname = "X"\ntier = "shire"',
            [("entities[0].tier", "must be one of county, district, ...got 'shire'")],
        ),
        (
            'kind = "nhs-trust"\nid = "x"\nname = "X"\nservices = "acute"',
            [("entities[0].services", "must be a list, got 'acute'")],
        ),
        (
            'kind = "nhs-trust"\nid = "x"\nname = "X"\nservices = ["acute", "dental"]',
            [("entities[0].services[1]", "must be one of acute, ...got 'dental'")],
        ),
        (
            'kind = "nhs-trust"\nid = "x"\nname = "X"\nfoundation = "yes"',
            [("entities[0].foundation", "must be true or false, got 'yes'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\ncodes = ["QYG"]',
            [("entities[0].codes[0]", "must be scheme:value text such as 'ods:QYG', or a table, got 'QYG'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\ncodes = ["ods:qyg"]',
            [("entities[0].codes[0]", "code value must be an ODS code ...got 'qyg'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\ncodes = ["nhs:QYG"]',
            [("entities[0].codes[0]", "code scheme must be one of ods, gss, got 'nhs'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\ncodes = [{scheme = "gss", value = "E1", end = "x"}]',
            [("entities[0].codes[0].end", "must be an ISO date such as 2022-07-01, got 'x'")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\ncodes = [{scheme = "gss", value = "E54000008", period = {}}]',
            [("entities[0].codes[0].period", "is not a key ...")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\nsources = [{reference = "r"}]',
            [("entities[0].sources[0].title", "is required")],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\nsources = [{title = "t", verification = "maybe"}]',
            [
                (
                    "entities[0].sources[0].verification",
                    "must be one of verified, partly verified, unverified, got 'maybe'",
                )
            ],
        ),
        ('kind = "region"\nid = "x"\nname = true', [("entities[0].name", "must be text, got true")]),
        (
            'kind = "region"\nid = "x"\nname = "X"\nsources = [{title = "t", page = 3}]',
            [
                (
                    "entities[0].sources[0].page",
                    "is not a field of this kind; the fields are note, reference, title, verification",
                )
            ],
        ),
        (
            'kind = "region"\nid = "x"\nname = "X"\nnotes = "one note"',
            [("entities[0].notes", "must be a list, got 'one note'")],
        ),
    ],
)
def test_entity_problems(fields: str, expected: list[tuple[str, str]]) -> None:
    """Each kind of bad value names the field (or the list item) inside the entity."""
    found = places(entity(fields))
    assert [where for where, _ in found] == [where for where, _ in expected]
    for (_, problem), (_, wanted) in zip(found, expected, strict=True):
        head, _, tail = wanted.partition("...")
        assert problem.startswith(head.rstrip())
        assert problem.endswith(tail.lstrip())


def relations(lines: str) -> str:
    """Return a file with an ICB, an ICP, a council, a post and an agreement, and the given relations."""
    return (
        f"{HEAD}"
        '[[entities]]\nkind = "integrated-care-board"\nid = "QYG"\nname = "ICB"\nstart = 2022-07-01\n'
        '[[entities]]\nkind = "integrated-care-partnership"\nid = "icp"\nname = "ICP"\nstart = 2022-07-01\n'
        '[[entities]]\nkind = "local-authority"\nid = "la"\nname = "Council"\ntier = "unitary"\n'
        '[[entities]]\nkind = "integrated-care-strategy"\nid = "doc"\nname = "Strategy"\n'
        '[[entities]]\nkind = "agreement"\nid = "mou"\nname = "MoU"\nstart = 2023-01-01\n'
        f"{lines}"
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            '[[relations]]\nkind = "within"\nsource = "QYG"\ntarget = "QYG"',
            [("relations[0].target", "must differ from the source")],
        ),
        ('[[relations]]\nkind = "duty"\nsource = "la"\ntarget = "doc"', [("relations[0].duty", "is required")]),
        (
            '[[relations]]\nkind = "duty"\nsource = "la"\ntarget = "doc"\nduty = "must obey"',
            [("relations[0].duty", "must be one of must have regard to, ...got 'must obey'")],
        ),
        (
            '[[relations]]\nkind = "overlaps"\nsource = "la"\ntarget = "QYG"\nshare = "half"',
            [("relations[0].share", "must be a number, got 'half'")],
        ),
        (
            '[[relations]]\nkind = "overlaps"\nsource = "la"\ntarget = "QYG"\nshare = 2',
            [("relations[0].share", "must be a number in (0, 1], got 2.0")],
        ),
        (
            '[[relations]]\nkind = "establishes"\nsource = "QYG"\ntarget = "icp"\nbasis = "LGPIHA"',
            [("relations[0].basis", "must be a table with act and section ...got 'LGPIHA'")],
        ),
        (
            '[[relations]]\nkind = "establishes"\nsource = "QYG"\ntarget = "icp"\nbasis = {section = "s1"}',
            [("relations[0].basis", "must be a table with act and section ...got a table")],
        ),
        (
            '[[relations]]\nkind = "establishes"\nsource = "QYG"\ntarget = "icp"\nbasis = {act = "A"}',
            [("relations[0].basis.section", "is required")],
        ),
        (
            '[[relations]]\nkind = "succeeded-by"\nsource = "la"\ntarget = "QYG"',
            [("relations[0]", "period must start on the date of succession")],
        ),
        (
            '[[relations]]\nkind = "prepares"\nsource = "icp"\ntarget = "la"',
            [("relations[0].target", "must be a document, got a local-authority")],
        ),
        (
            '[[relations]]\nkind = "prepares"\nsource = "icp"\ntarget = "doc"\nstart = 2020-01-01',
            [("relations[0]", "period [2020-01-01, …) must lie within the lifetime of its source [2022-07-01, …)")],
        ),
        (
            '[[relations]]\nkind = "holds-to-account"\nsource = "QYG"\ntarget = "la"\nbasis = {agreement = "mu"}',
            [("relations[0].basis.agreement", 'no entity with id "mu"; did you mean "mou"?')],
        ),
        (
            '[[relations]]\nkind = "holds-to-account"\nsource = "QYG"\ntarget = "la"\nbasis = {agreement = "doc"}',
            [("relations[0].basis.agreement", "must be a agreement, got a integrated-care-strategy")],
        ),
        (
            (
                '[[relations]]\nkind = "holds-to-account"\nsource = "QYG"\ntarget = "la"\nstart = 2022-07-01\n'
                'basis = {agreement = "mou"}'
            ),
            [("relations[0]", "period [2022-07-01, …) must lie within the lifetime of its basis [2023-01-01, …)")],
        ),
    ],
)
def test_relation_problems(lines: str, expected: list[tuple[str, str]]) -> None:
    """Each bad relation names its field, or the relation when the problem is its period."""
    found = places(relations(lines))
    assert [where for where, _ in found] == [where for where, _ in expected]
    for (_, problem), (_, wanted) in zip(found, expected, strict=True):
        head, _, tail = wanted.partition("...")
        assert problem.startswith(head.rstrip())
        assert problem.endswith(tail.lstrip())


def test_period_errors_blame_the_right_copy_of_a_relation() -> None:
    """Of two relations between the same ends, the one whose period is wrong is named."""
    lines = (
        '[[relations]]\nkind = "prepares"\nsource = "icp"\ntarget = "doc"\nstart = 2023-01-01\n'
        '[[relations]]\nkind = "prepares"\nsource = "icp"\ntarget = "doc"\nstart = 2020-01-01\nend = 2021-01-01\n'
    )
    assert [where for where, _ in places(relations(lines))] == ["relations[1]"]


def test_clause_errors_blame_the_relation_naming_the_agreement() -> None:
    """Of two relations between the same ends, the one whose clause names a missing agreement is named."""
    lines = (
        '[[relations]]\nkind = "holds-to-account"\nsource = "QYG"\ntarget = "la"\nbasis = {act = "A", section = "s"}\n'
        '[[relations]]\nkind = "holds-to-account"\nsource = "QYG"\ntarget = "la"\nbasis = {agreement = "zzz"}\n'
    )
    assert [where for where, _ in places(relations(lines))] == ["relations[1].basis.agreement"]


def test_succession_period_errors_name_the_succession() -> None:
    """A successor that does not exist on the day of succession is named at the relation."""
    lines = '[[relations]]\nkind = "succeeded-by"\nsource = "la"\ntarget = "QYG"\nstart = 2020-01-01\n'
    assert places(relations(lines)) == [
        ("relations[0]", "period (succession on 2020-01-01) must lie within the lifetime of its target [2022-07-01, …)")
    ]


def test_null_is_described_as_null() -> None:
    """A JSON null where text belongs is reported as null."""
    text = '{"format": "integratedcare/1", "entities": [{"kind": "region", "id": "x", "name": null}]}'
    assert places(text, format="json") == [("entities[0].name", "must be text, got null")]


def test_duplicate_ids_name_every_copy() -> None:
    """Two entities with one id name the second and list both places."""
    text = entity('kind = "region"\nid = "x"\nname = "X"') + '[[entities]]\nkind = "region"\nid = "x"\nname = "Y"\n'
    assert places(text) == [("entities[1].id", '"x" is used by more than one entity (entities[0], entities[1])')]


def test_duplicate_relations_name_the_second_copy() -> None:
    """A relation given twice names its second copy."""
    line = '[[relations]]\nkind = "establishes"\nsource = "QYG"\ntarget = "icp"\n'
    assert places(relations(line + line)) == [("relations[1]", "is given more than once")]


def test_relations_equal_once_their_period_is_supplied_are_duplicates() -> None:
    """A relation without a period and the same one with its ends' shared period are one relation twice."""
    lines = (
        '[[relations]]\nkind = "establishes"\nsource = "QYG"\ntarget = "icp"\n'
        '[[relations]]\nkind = "establishes"\nsource = "QYG"\ntarget = "icp"\nstart = 2022-07-01\n'
    )
    assert places(relations(lines)) == [("relations[1]", "is given more than once")]


# --- files, sizes and formats ---------------------------------------------------------------------


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    """A file that is not UTF-8 names the byte where decoding failed."""
    path = tmp_path / "latin1.toml"
    path.write_bytes(HEAD.encode() + b'note = "caf\xe9"\n')
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.load(path)
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.FileFormatError)
    assert problem.problem == "is not UTF-8 text (invalid continuation byte at byte 53)"


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_text_with_a_raw_lone_surrogate_names_the_field(fmt: str) -> None:
    """A str given to loads may hold a raw lone surrogate (no file can): the field holding it is named."""
    record = '{"kind": "region", "id": "r", "name": "North \ud800 West"}'
    text = (
        '{"format": "integratedcare/1", "name": "Caf\u00e9", "entities": [' + record + '], "relations": []}'
        if fmt == "json"
        else HEAD + '[[entities]]\nkind = "region"\nid = "r"\nname = "North \ud800 West"\n'
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.loads(text, format=fmt)  # type: ignore[arg-type]
    (problem,) = caught.value.exceptions
    assert isinstance(problem, ic.errors.FileFormatError)
    assert problem.location == "entities[0].name"
    assert "lone surrogate '\\ud800'" in problem.problem


def test_text_beyond_ascii_without_surrogates_loads() -> None:
    """Text beyond ASCII (an accent) is read as it is."""
    land = ic.io.loads(HEAD + '[[entities]]\nkind = "region"\nid = "r"\nname = "Nord-Ouest \u00e9"\n')
    assert land["r"].name == "Nord-Ouest \u00e9"


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    """A file larger than Limits.file_size is refused before it is read."""
    assert ic.io.MAX_FILE_SIZE == ic.io.Limits().file_size == 256 * 1024 * 1024
    small = ic.io.Limits(file_size=10)
    path = tmp_path / "big.toml"
    path.write_text(HEAD, encoding="utf-8")
    with pytest.raises(
        ic.errors.FileTooLargeError, match=r"big.toml: the file is 42 bytes; files over 10 bytes are refused"
    ):
        ic.io.load(path, limits=small)
    with pytest.raises(ic.errors.FileTooLargeError, match=r"<string>: the file is 43 bytes"):
        ic.io.loads(HEAD.replace("Test", "T\u00e9st"), limits=ic.io.Limits(file_size=42))
    with pytest.raises(ic.errors.FileTooLargeError, match=r"<string>: the file holds more than 10 bytes"):
        ic.io.loads(HEAD, limits=small)


@pytest.mark.parametrize("name", ["landscape.yaml", "landscape"])
def test_unknown_suffix_is_refused(tmp_path: Path, name: str) -> None:
    """Only .toml and .json files are read and written without a named format."""
    with pytest.raises(ic.errors.UnsupportedFormatError, match=r'format ".*" is not supported; use one of json, toml'):
        ic.io.dump(rich(), tmp_path / name)
    with pytest.raises(ic.errors.UnsupportedFormatError):
        ic.io.load(tmp_path / name)


def test_unknown_format_name_is_refused() -> None:
    """The text functions accept only toml and json."""
    with pytest.raises(ic.errors.UnsupportedFormatError, match=r'format "yaml" is not supported'):
        ic.io.dumps(rich(), format="yaml")  # type: ignore[arg-type]
    with pytest.raises(ic.errors.UnsupportedFormatError, match=r'format "yaml" is not supported'):
        ic.io.loads(HEAD, format="yaml")  # type: ignore[arg-type]


def test_missing_file_raises_os_error(tmp_path: Path) -> None:
    """A file that does not exist raises FileNotFoundError, as open() does."""
    with pytest.raises(FileNotFoundError):
        ic.io.load(tmp_path / "missing.toml")


# --- the errors themselves ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        ic.errors.FileFormatError(path="a.toml", location="entities[0].name", problem="must be text"),
        ic.errors.FileSyntaxError(path="a.toml", problem="bad", line=3),
        ic.errors.FileTooLargeError(path="a.toml", size=3, limit=2),
        ic.errors.UnsupportedFormatError(requested=".x", supported=("json",)),
        ic.errors.MissingExtraError(feature="to_turtle", module="rdflib", extra="rdf"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_pickle_with_their_fields(error: ic.IntegratedCareError) -> None:
    """Every io error survives pickling with its message and fields."""
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own object)
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert vars(again) == vars(error)


def test_errors_are_also_builtin_errors() -> None:
    """Each io error can be caught as the builtin it narrows."""
    assert issubclass(ic.errors.FileFormatError, ValueError)
    assert issubclass(ic.errors.FileTooLargeError, ValueError)
    assert issubclass(ic.errors.UnsupportedFormatError, ValueError)
    assert issubclass(ic.errors.MissingExtraError, ImportError)
    assert str(ic.errors.FileFormatError(path="a.toml", problem="is empty")) == "a.toml: is empty"


def test_unexpected_structuring_errors_are_still_placed() -> None:
    """A problem of an unforeseen type, or a model error without a field, is reported at its record."""
    assert list(_convert.problems_of(RuntimeError("odd"), "entities[0]")) == [("entities[0]", "odd")]
    unnamed = ic.errors.InvalidValueError(problem="is odd")
    assert list(_convert.problems_of(unnamed, "entities[0]")) == [("entities[0]", "is odd")]
    group = ClassValidationError("x", [unnamed], ic.Region)
    assert list(_convert.problems_of(group, "entities[1]")) == [("entities[1]", "is odd")]


def test_periods_are_shared_when_read_and_the_sharing_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Equal periods read from a file are one object; past the bound they are still read, just not kept."""
    day = dt.date(2022, 7, 1)
    text = ic.io.dumps(
        ic.LandscapeBuilder().add(*(ic.ICB(id=f"Q{n}", name="Q", period=ic.Period(day)) for n in range(2))).build(),
        format="json",
    )
    first, second = ic.io.loads(text, format="json")
    assert first.period is second.period
    monkeypatch.setattr(_convert, "_PERIODS", {})
    monkeypatch.setattr(_convert, "_PERIODS_KEPT", 0)
    first, second = ic.io.loads(text, format="json")
    assert first.period == second.period
    assert first.period is not second.period


@pytest.mark.parametrize("start", [["2022-07-01"], "2022-13-01", 5])
def test_a_bad_period_is_reported_each_time_it_is_read(start: object) -> None:
    """A start that is a list (which cannot be kept), not a date, or a number is reported at each record, every time."""
    document = json.loads(
        ic.io.dumps(ic.LandscapeBuilder().add(*(ic.ICB(id=f"Q{n}", name="Q") for n in range(2))).build(), format="json")
    )
    for record in document["entities"]:
        record["start"] = start
    for _ in range(2):
        with pytest.raises(ic.errors.LandscapeError) as caught:
            ic.io.loads(json.dumps(document), format="json")
        places = [getattr(problem, "location", None) for problem in caught.value.exceptions]
        assert places == ["entities[0].start", "entities[1].start"]


def test_a_period_that_is_not_a_table_is_refused_as_before() -> None:
    """The shared-period hook passes anything but a table to the converter's own, which refuses it."""
    with pytest.raises(AttributeError, match="keys"):  # cattrs's own complaint, which problems_of reports
        _convert._period("2022-07-01", ic.Period)


def _quick_equals_the_converter(document: dict[str, Any]) -> int:
    """Build every record both ways, quickly and with the converter's own function; return how many were quick."""
    quick_ones = 0
    for key, kinds in (("entities", ENTITY_KINDS), ("relations", RELATION_KINDS)):
        for record in document.get(key, []):
            cls = kinds[record["kind"]]
            fields = _convert.lift_period(record, keys=_convert._RECORD_KEYS, required=_convert._period_required(cls))
            slow = _convert._structure_of(cls)(fields, cls)
            quick = _convert._quick_of(cls)(record)
            assert type(quick) is type(slow)
            assert quick == slow
            built = _convert.structure_entity(record) if key == "entities" else _convert.structure_relation(record)
            assert built == slow
            quick_ones += 1
    return quick_ones


@pytest.mark.parametrize("name", [name for name in ic.datasets.names() if name != "england"])
@pytest.mark.parametrize("file_format", ["json", "toml"])
def test_quick_structuring_builds_what_the_converter_builds(name: str, file_format: str) -> None:
    """Every record of a dataset, as JSON (dates as text) and TOML (dates as dates), gives one object both ways."""
    text = ic.io.dumps(ic.datasets.load(name), format=file_format)  # type: ignore[arg-type]
    document = json.loads(text) if file_format == "json" else tomllib.loads(text)
    assert _quick_equals_the_converter(document) == len(document["entities"]) + len(document.get("relations", []))


@pytest.mark.slow
def test_quick_structuring_builds_what_the_converter_builds_for_england() -> None:
    """Every record of the england dataset gives the same object both ways."""
    document = json.loads(ic.io.dumps(ic.datasets.load("england"), format="json"))
    assert _quick_equals_the_converter(document) > 10_000


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_quick_structuring_builds_what_the_converter_builds_on_any_landscape(land: ic.Landscape) -> None:
    """Property: on generated landscapes both ways give the same objects."""
    _quick_equals_the_converter(json.loads(ic.io.dumps(land, format="json")))


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ({"period": {"start": "2022-07-01"}}, "entities[0].period"),  # a key the quick function does not know
        ({"id": 5}, "entities[0].id"),  # a hook's complaint
        ({"id": "not an id!"}, "entities[0].id"),  # a validator's complaint
        ({"name": None}, "entities[0].name"),  # text that is not a str
    ],
)
def test_a_record_the_quick_function_cannot_build_is_reported_by_the_converter(
    change: dict[str, object], location: str
) -> None:
    """The quick function never judges: a bad record is built again by the converter, which names the place."""
    record = {"kind": "integrated-care-board", "id": "QYG", "name": "ICB", **change}
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.loads(json.dumps({"format": "integratedcare/1", "entities": [record]}), format="json")
    assert [getattr(problem, "location", None) for problem in caught.value.exceptions] == [location]
