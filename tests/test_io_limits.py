"""Hostile input: every bound of integratedcare.io.Limits is checked before the work that grows with it."""

from __future__ import annotations

import cProfile
import datetime as dt
import json
import os
import pstats
import threading
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integratedcare as ic
from integratedcare.io import _files, _limits
from integratedcare.io._limits import text_problem

HEAD = 'format = "integratedcare/1"\nname = "Test"\n'
REGION = '[[entities]]\nkind = "region"\nid = "r"\nname = "R"\n'


def _problems(text: str, *, format: str = "toml", limits: ic.io.Limits | None = None) -> ic.errors.LandscapeError:  # noqa: A002
    """Load text that must fail and return the error."""
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.loads(text, format=format, limits=limits or ic.io.Limits())  # type: ignore[arg-type]
    return caught.value


def _found(error: ic.errors.LandscapeError) -> list[ic.errors.FileFormatError]:
    """Return the file problems of a loading error."""
    found = list(error.exceptions)
    assert all(isinstance(problem, ic.errors.FileFormatError) for problem in found)
    return found  # type: ignore[return-value]


def test_limits_are_positive_integers() -> None:
    """A bound must be a positive integer."""
    with pytest.raises(ValueError, match=r"'records' must be >= 1"):
        ic.io.Limits(records=0)


def test_dev_zero_is_refused_after_the_size_limit() -> None:
    """/dev/zero (whose size is 0) is read only as far as the limit, then refused."""
    with pytest.raises(ic.errors.FileTooLargeError, match=r"/dev/zero: the file holds more than 1000 bytes"):
        ic.io.load("/dev/zero", format="toml", limits=ic.io.Limits(file_size=1000))


def test_an_endless_pipe_is_refused_after_the_size_limit(tmp_path: Path) -> None:
    """A FIFO whose writer never stops is refused once the limit is passed, not read forever."""
    fifo = tmp_path / "endless.toml"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write() -> None:
        try:
            with fifo.open("wb", buffering=0) as pipe:
                while not stop.is_set():
                    pipe.write(b"#" * 4096)
        except BrokenPipeError:
            pass  # the reader stopped reading, as it should

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(ic.errors.FileTooLargeError, match=r"holds more than 100000 bytes"):
            ic.io.load(fifo, limits=ic.io.Limits(file_size=100_000))
    finally:
        stop.set()
        writer.join()


def test_a_small_file_is_read_without_setting_the_limit_aside(tmp_path: Path) -> None:
    """Reading a file asks for what it holds, not for the limit: peak memory follows the file, not the bound."""
    from integratedcare.io._limits import read_bounded  # noqa: PLC0415 (the reader under test)

    small = tmp_path / "small.json"
    small.write_bytes(b"x" * 1000)
    tracemalloc.start()
    try:
        assert read_bounded(small, 256 * 1024 * 1024) == b"x" * 1000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024  # a read of the limit would set 256 MiB aside
    assert read_bounded(tmp_path / "small.json", 1000) == b"x" * 1000  # exactly the limit is allowed
    (tmp_path / "empty.json").write_bytes(b"")
    assert read_bounded(tmp_path / "empty.json", 10) == b""


def test_a_pipe_is_read_in_chunks_to_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO is read a chunk at a time and joined; more than the limit is refused."""
    from integratedcare.io import _limits  # noqa: PLC0415 (the reader under test)

    monkeypatch.setattr(_limits, "READ_CHUNK", 7)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    payload = bytes(range(50))

    def write() -> None:
        with fifo.open("wb", buffering=0) as pipe:
            pipe.write(payload)

    for limit, fits in ((50, True), (49, False)):
        writer = threading.Thread(target=write)
        writer.start()
        try:
            if fits:
                assert _limits.read_bounded(fifo, limit) == payload
            else:
                with pytest.raises(ic.errors.FileTooLargeError, match="holds more than 49 bytes"):
                    _limits.read_bounded(fifo, limit)
        finally:
            writer.join()


def _calls(run: Callable[[], object]) -> int:
    """Count the Python function calls ``run()`` makes: a measure of its work that, unlike its time, never varies."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        run()
    except ic.errors.IntegratedCareError:
        pass  # the refusals are what is counted
    finally:
        profiler.disable()
    return sum(calls for _, calls, *_ in pstats.Stats(profiler).stats.values())  # type: ignore[attr-defined]


def _never(*_args: object, **_kwargs: object) -> NoReturn:
    """Stand in for a parser that must not be reached."""
    raise AssertionError("the parser was called")


def test_a_key_dotted_100000_deep_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A TOML key dotted 100,000 levels deep (gigabytes in the parser) is refused before the parser sees it.

    How long the refusal takes is measured by the benchmark (``benchmarks/run.py --only loading``).
    """
    monkeypatch.setattr(tomllib, "loads", _never)
    error = _problems(HEAD + "[[entities]]\n" + ".".join(["a"] * 100_000) + " = 1\n")
    assert _found(error)[0].problem == ("holds a key dotted 100000 levels deep; at most 64 are read (Limits.depth)")


@pytest.mark.parametrize("format", ["json", "toml"])
def test_deep_nesting_is_refused_before_parsing(format: str) -> None:  # noqa: A002
    """Lists nested more deeply than Limits.depth are refused, naming the bound."""
    text = '{"format": "integratedcare/1", "notes": ' if format == "json" else HEAD + "notes = "
    text += "[" * 70 + "]" * 70 + ("}" if format == "json" else "\n")
    error = _problems(text, format=format)
    assert _found(error)[0].problem == (
        "nests lists or tables more than 64 levels deep; at most 64 are read (Limits.depth)"
    )


def test_nesting_up_to_the_depth_limit_is_read() -> None:
    """A file nested exactly as deep as the limit passes the scan."""
    text = '{"format": "integratedcare/1", "name": "x", "entities": [{"kind": "region", "id": "r", "name": "R"}]}'
    assert text_problem(text, "json", ic.io.Limits(depth=3)) is None
    assert text_problem(text, "json", ic.io.Limits(depth=2)) is not None
    assert text_problem("]]][[[", "json", ic.io.Limits(depth=2)) is None  # unbalanced: the parser says so


def _scanned_string_by_string(text: str, limits: ic.io.Limits) -> str | None:
    """The scan with every JSON string taken out one by one (as a text with escapes or bracketed strings is)."""
    bare = _limits._bare(text, "json")
    kinds = len(_limits._KIND_KEY["json"].findall(text))
    return (
        _limits._number_problem(bare, limits)
        or _limits._count_problem(bare, kinds, limits)
        or _limits._depth_problem(bare, "json", limits)
    )


@pytest.mark.parametrize(
    "text",
    [
        '{"kind": "a", "notes": [[["x"]]]}',  # plain: the brackets are found in a few passes in C
        '{"kind": "a", "notes": [[["[x]"]]]}',  # a string holding brackets: taken out one by one
        '{"kind": "a", "notes": [[["\\"]"]]]}',  # an escaped quote: taken out one by one
        '{"kind": "a", "notes": [[["' + "1" * 12 + '"]]]}',  # a long run of digits in a string, not a number
        '{"kind": "a", "notes": [[[' + "1" * 12 + "]]]}",  # a long number
        '{"kind": "a", "notes": [[[1, 2]]], "x": "',  # a string left open
        '{"kind": "a", "notes": [[[{}, {}, {}]]]}',  # more tables than the records may hold
    ],
)
@pytest.mark.parametrize("limits", [ic.io.Limits(depth=3, number_length=10), ic.io.Limits(depth=4)])
def test_the_quick_json_scan_finds_what_the_full_one_finds(text: str, limits: ic.io.Limits) -> None:
    """The scan in a few passes over the bytes, where it applies, says what the string-by-string scan says."""
    assert text_problem(text, "json", limits) == _scanned_string_by_string(text, limits)


@pytest.mark.parametrize(
    ("text", "quick"),
    [
        ('{"a": [["x", "y"]]}', True),
        ('{"a": [["[x", "y"]]}', True),  # a bracket in a string
        ('{"a": [["\\n", "y"]]}', True),  # an escape that hides no quote
        ('{"a": [["x\\"]", "y"]]}', True),  # an escaped quote, then a bracket in the string
        ('{"a": [["x\\\\", "y"]]}', True),  # an escaped backslash: the quote after it closes the string
        ('{"a": [["x\\\\\\"[", "y"]]}', True),  # an escaped backslash, an escaped quote, a bracket
        ('{"a": [["x], "y"]]}', False),  # a quote left open
        ('{"a": [["' + "9" * 11 + '"]]}', False),
        ('{"a": [[' + "9" * 10 + "]]}", True),
    ],
)
def test_the_quick_json_scan_applies_to_plain_text_only(text: str, *, quick: bool) -> None:
    """Long runs of digits (in strings or not) and quotes left open send the text the long way; escapes do not."""
    brackets = _limits._plain_json_brackets(text, ic.io.Limits(number_length=10))
    assert brackets == ("{[[]]}" if quick else None)


@given(
    st.recursive(
        st.text(alphabet='ab"\\[]{}\n'),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='k"\\[', max_size=3), inner),
        max_leaves=8,
    )
)
def test_the_quick_json_scan_finds_the_brackets_the_long_way_finds(value: object) -> None:
    """Property: wherever the quick scan answers, its brackets are those left once each string is taken out."""
    text = json.dumps(value, ensure_ascii=False)
    brackets = _limits._plain_json_brackets(text, ic.io.Limits())
    if brackets is not None:
        assert brackets == _limits._BRACKETS.sub("", _limits._bare(text, "json"))


def test_a_number_of_100000_digits_is_a_library_error() -> None:
    """A 100,000-digit number is refused by the library, not with Python's int-digits advice."""
    error = _problems(HEAD + REGION + "population = {value = " + "9" * 100_000 + ', unit = "person"}\n')
    assert _found(error)[0].problem == ("holds a number of 100000 digits; at most 1000 are read (Limits.number_length)")


def test_quantity_text_of_100000_digits_is_a_library_error() -> None:
    """A population written as text with 100,000 digits names its length, not sys.set_int_max_str_digits."""
    error = _problems(
        HEAD + REGION.replace("region", "place-based-partnership") + f'population = "{"9" * 100_000} person"\n'
    )
    (problem,) = _found(error)
    assert problem.location == "entities[0].population"
    assert "is 100007 characters long; at most 200 are read" in str(problem)
    assert "set_int_max_str_digits" not in str(problem)


def test_millions_of_empty_records_are_refused_before_parsing() -> None:
    """A file of 3 million {} records is refused by counting its tables, before one is built."""
    text = '{"format": "integratedcare/1", "entities": [' + ",".join(["{}"] * 3_000_000) + "]}"
    error = _problems(text, format="json", limits=ic.io.Limits(records=100_000))
    assert _found(error)[0].problem == (
        "holds 3000002 lists and tables; at most 16 for each of 100000 records are read (Limits.records)"
    )
    (problem,) = _found(_problems(text, format="json"))  # within the default records, but no record has a kind
    assert problem.problem == (
        "holds 3000002 lists and tables but only 0 records with a kind; at most 16 for each record and 4096 "
        "besides are read"
    )


@pytest.mark.parametrize("syntax", ["json", "toml"])
def test_tables_are_bounded_by_the_records_that_have_a_kind(syntax: str) -> None:
    """Tables beyond 16 for each record with a kind, and 4,096 besides, are refused before parsing.

    A few records without a kind are still parsed and reported one by one.
    """
    if syntax == "json":
        record, head = '{"kind": "region", "id": "r%d", "name": "R", "notes": [[[]]]}', '{"format": "integratedcare/1"'
        text = head + ', "entities": [' + ",".join([record % i for i in range(100)] + ["{}"] * 10_000) + "]}"
        few = head + ', "entities": [' + ",".join(["{}"] * 5) + "]}"
    else:
        text = HEAD + "".join(f'[[entities]]\nkind = "region"\nid = "r{i}"\nname = "R"\n' for i in range(100))
        text += "[[relations]]\n" * 10_000
        few = HEAD + "[[entities]]\n" * 5
    (problem,) = _found(_problems(text, format=syntax))
    assert problem.problem.startswith("holds ")
    assert "only 100 records with a kind" in problem.problem
    assert [p.problem for p in _found(_problems(few, format=syntax))] == ["is required"] * 5


def test_more_records_than_the_limit_are_refused() -> None:
    """More entities and relations together than Limits.records are refused before any is built."""
    text = HEAD + REGION * 3 + '[[relations]]\nkind = "within"\nsource = "r"\ntarget = "r"\n'
    error = _problems(text, limits=ic.io.Limits(records=3))
    assert [str(e) for e in _found(error)] == [
        "<string>: holds 4 records (counted by their kind keys); at most 3 are read (Limits.records)"
    ]
    escaped = text.replace("kind =", '"\\u006bind" =')  # keys the text scan does not count: the parse counts them
    error = _problems(escaped, limits=ic.io.Limits(records=3))
    assert [str(e) for e in _found(error)] == [
        "<string>: holds 3 entities and 1 relations; at most 3 records are read (Limits.records)"
    ]


def test_long_ids_names_and_ends_are_refused() -> None:
    """Ids, names, sources and targets over their limits are named with their length."""
    limits = ic.io.Limits(id_length=5, name_length=3)
    text = HEAD + REGION.replace('"R"', '"Region"').replace('"r"', '"region-1"')
    text += '[[relations]]\nkind = "within"\nsource = "abcdefg"\ntarget = "r"\n[[relations]]\n'
    error = _problems(text + "kind = 1\n", limits=limits)
    assert [(e.location, e.problem) for e in _found(error)] == [
        ("entities[0].id", "is 8 characters long; at most 5 are read (Limits.id_length)"),
        ("entities[0].name", "is 6 characters long; at most 3 are read (Limits.name_length)"),
        ("relations[0].source", "is 7 characters long; at most 5 are read (Limits.id_length)"),
    ]


def test_problems_are_capped_and_the_rest_counted() -> None:
    """Past Limits.problems, problems are counted, not kept, and the records left are not looked at."""
    text = json.dumps({"format": "integratedcare/1", "entities": [{}] * 12})
    error = _problems(text, format="json", limits=ic.io.Limits(problems=5))
    assert len(error.exceptions) == 5
    assert error.message == (
        "5 problems in file '<string>', the first 5 (Limits.problems); more not looked for, 7 records left unchecked"
    )
    relations = "".join(f'[[relations]]\nkind = "within"\nsource = "x{i}"\ntarget = "r"\n' for i in range(8))
    error = _problems(HEAD + REGION + relations, limits=ic.io.Limits(problems=5))
    assert error.message == "5 problems in file '<string>', the first 5 (Limits.problems); 3 more found"


def test_duplicate_json_keys_are_an_error_naming_key_and_place() -> None:
    """JSON that gives a key twice is refused (the last would silently win), naming each key and its place."""
    text = (
        '{"format": "integratedcare/1", "name": "a", "name": "b", '
        '"entities": [{"kind": "region", "id": "r", "name": "R", "name": "S"}]}'
    )
    error = _problems(text, format="json")
    assert [(e.location, e.problem) for e in _found(error)] == [
        ("name", "is given more than once (a key may appear once in a table)"),
        ("entities[0].name", "is given more than once (a key may appear once in a table)"),
    ]


@pytest.mark.parametrize("field", ["source", "target"])
def test_a_relation_with_a_malformed_end_names_that_end(field: str) -> None:
    """A malformed source or target is reported at relations[N].source or .target, not relations[N].id."""
    ends = {"source": "r", "target": "r", field: "not an id"}
    text = HEAD + REGION + '[[relations]]\nkind = "within"\n' + "".join(f'{k} = "{v}"\n' for k, v in ends.items())
    (problem,) = _found(_problems(text))
    assert problem.location == f"relations[0].{field}"


def test_dump_refuses_a_file_load_would_refuse(tmp_path: Path) -> None:
    """Dump checks the size limit load reads, and writes nothing over it."""
    land = ic.LandscapeBuilder("x").add(ic.Region(id="r", name="R")).build()
    path = tmp_path / "x.toml"
    with pytest.raises(ic.errors.FileTooLargeError, match=r"x.toml: the file is \d+ bytes; files over 20 bytes"):
        ic.io.dump(land, path, limits=ic.io.Limits(file_size=20))
    assert not path.exists()


def test_dump_refuses_more_records_or_longer_names_than_load_reads(tmp_path: Path) -> None:
    """Dump refuses, as load would and naming the same limits, a landscape of too many records or too long a name."""
    land = ic.LandscapeBuilder("x").add(ic.Region(id="r", name="Region"), ic.Region(id="s", name="S")).build()
    path = tmp_path / "x.json"
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.dump(land, path, limits=ic.io.Limits(records=1, name_length=3))
    assert [str(e) for e in caught.value.exceptions] == [
        f"{path}: holds 2 entities and 0 relations; at most 1 records are read (Limits.records)"
    ]
    with pytest.raises(ic.errors.LandscapeError) as caught:
        ic.io.dump(land, path, limits=ic.io.Limits(name_length=3))
    assert [str(e) for e in caught.value.exceptions] == [
        f"{path}: entities[0].name: is 6 characters long; at most 3 are read (Limits.name_length)"
    ]
    assert not path.exists()
    ic.io.dump(land, path, limits=ic.io.Limits(name_length=6))
    assert ic.io.load(path, limits=ic.io.Limits(name_length=6)) == land


def _within(count: int, *, source: str = "p", target: str = "i", extra: str = "") -> str:
    """Write ``count`` Within relations."""
    return "".join(
        f'[[relations]]\nkind = "within"\nsource = "{source}"\ntarget = "{target}"\n{extra}' for _ in range(count)
    )


PAIR = (
    '[[entities]]\nkind = "place-based-partnership"\nid = "p"\nname = "P"\nstart = 2020-01-01\n'
    '[[entities]]\nkind = "integrated-care-partnership"\nid = "i"\nname = "I"\nstart = 2020-01-01\n'
)


def _unknown_ids(count: int) -> str:
    """A file of ``count`` relations from unknown ids."""
    entities = "".join(f'[[entities]]\nkind = "region"\nid = "r{i}"\nname = "R"\n' for i in range(count))
    relations = "".join(f'[[relations]]\nkind = "within"\nsource = "x{i}"\ntarget = "r{i}"\n' for i in range(count))
    return HEAD + entities + relations


def _mismatches(count: int) -> str:
    """A file of ``count`` relations on one pair, each outside its ends' lifetimes."""
    days = [dt.date(1990, 1, 1) + dt.timedelta(days=i) for i in range(count)]
    return (
        HEAD + PAIR + "".join(_within(1, extra=f"start = {day}\nend = {day + dt.timedelta(days=1)}\n") for day in days)
    )


def _duplicates(count: int, first: dt.date = dt.date(2022, 11, 8)) -> str:
    """A file of ``count`` relations on one pair, each given twice (within both lifetimes unless ``first`` is early)."""
    days = [first + dt.timedelta(days=i) for i in range(count)]
    return (
        HEAD + PAIR + "".join(_within(2, extra=f"start = {day}\nend = {day + dt.timedelta(days=1)}\n") for day in days)
    )


@pytest.mark.slow
@pytest.mark.parametrize("write", [_unknown_ids, _mismatches, _duplicates])
def test_many_unknown_ids_period_mismatches_and_duplicates_take_linear_work(write: Callable[[int], str]) -> None:
    """Unknown ids, period mismatches on one pair and duplicates are placed with work linear in their number.

    They took 68 s, 26 s and 42 s when the work was quadratic; twice as many problems now cost at
    most 2.2 times the calls (their time is the benchmark's to measure, never a test's).
    """
    small, large = (_calls(lambda n=n: ic.io.loads(write(n))) for n in (500, 1000))  # type: ignore[misc]
    assert large <= 2.2 * small


def test_each_of_many_duplicated_relations_is_placed_at_its_second_copy() -> None:
    """Relations on one pair each given twice are reported at their own second copies."""
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=i) for i in range(3)]
    twice = "".join(_within(2, extra=f"start = {day}\nend = {day + dt.timedelta(days=1)}\n") for day in days)
    error = _problems(HEAD + PAIR + twice)
    assert [(e.location, e.problem) for e in _found(error)] == [
        ("relations[1]", "is given more than once"),
        ("relations[3]", "is given more than once"),
        ("relations[5]", "is given more than once"),
    ]


def test_every_repeated_relation_is_placed_at_its_own_copy() -> None:
    """Each relation given twice is reported at its own second copy, in order of the first copies."""
    finder = _files._RelationFinder([])
    finder.by_label["x"] = [(0, "a"), (1, "b"), (2, "a"), (3, "b"), (4, "a")]  # type: ignore[list-item]
    assert [finder.duplicate("x"), finder.duplicate("x"), finder.duplicate("x")] == [2, 3, 3]


def test_suggestions_stop_once_their_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Close ids are suggested until the comparison budget of one build is spent, then no longer."""
    from integratedcare import _landscape  # noqa: PLC0415 (the budget is private)

    monkeypatch.setattr(_landscape, "SUGGESTION_BUDGET", 2)
    builder = ic.LandscapeBuilder().add(
        ic.Region(id="north-west", name="NW"),
        ic.Region(id="north-east", name="NE"),
        ic.Within(source="north-wes", target="north-west"),
        ic.Within(source="north-wes", target="north-east"),
        ic.Within(source="north-eas", target="north-west"),
    )
    with pytest.raises(ic.errors.LandscapeError) as caught:
        builder.build()
    suggested = [getattr(e, "suggestions", None) for e in caught.value.exceptions]
    assert suggested == [("north-west", "north-east"), ("north-west", "north-east"), ()]


def test_unit_text_is_bounded_and_never_a_raw_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit text of 30,000 letters or many words is refused as a UnitError before the units parser sees it."""
    from integratedcare import _units  # noqa: PLC0415 (the parser is private)

    monkeypatch.setattr(_units.ureg, "parse_units", _never)
    for text in ("5 " + "a" * 30_000, "5 " + " ".join(["person"] * 3000)):
        with pytest.raises(ic.errors.UnitError, match=r"characters long; at most 200 are read"):
            ic.quantity(text)
    with pytest.raises(ic.errors.UnitError, match=r"^unit is 100000 characters long"):
        ic.quantity(5, "a" * 100_000)


def test_unit_parser_overflow_and_recursion_are_unit_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """An arithmetic or recursion error inside the units parser becomes a UnitError."""
    from integratedcare import _units  # noqa: PLC0415 (the parser is private)

    for raised in (OverflowError(34, "Numerical result out of range"), RecursionError("maximum recursion depth")):

        def fail(_text: str, error: BaseException = raised) -> None:
            raise error

        monkeypatch.setattr(_units, "_units_of", fail)
        with pytest.raises(ic.errors.UnitError, match=r"is not a quantity with known units"):
            ic.quantity("5 person")


@pytest.mark.parametrize(("format", "syntax"), [("json", "JSON"), ("toml", "TOML")])
def test_with_the_depth_limit_raised_the_parser_still_refuses_deep_nesting(format: str, syntax: str) -> None:  # noqa: A002
    """With Limits.depth raised past what the parser can recurse, its refusal is still a library error."""
    text = '{"format": "integratedcare/1", "notes": ' if format == "json" else HEAD + "notes = "
    text += "[" * 1020 + "]" * 1020 + ("}" if format == "json" else "\n")  # deeper than Python recurses
    error = _problems(text, format=format, limits=ic.io.Limits(depth=10_000))
    assert _found(error)[0].problem == f"is not valid {syntax}: its lists or tables nest too deeply"


def test_with_the_number_limit_raised_python_s_digit_limit_is_a_library_error() -> None:
    """With Limits.number_length raised, a 5,000-digit number is refused without Python's advice."""
    text = '{"format": "integratedcare/1", "name": ' + "9" * 5000 + "}"
    error = _problems(text, format="json", limits=ic.io.Limits(number_length=10_000))
    problem = _found(error)[0].problem
    assert (
        problem
        == "is not valid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits"
    )


def test_a_relation_found_twice_for_one_check_falls_back_to_the_first() -> None:
    """When every relation with a label is already blamed for a check, the first is blamed again."""
    finder = _files._RelationFinder([])
    finder.by_label["x"] = [(3, "a"), (5, "b")]  # type: ignore[list-item]
    assert [finder.find("x", "period", lambda _: True) for _ in range(3)] == [3, 5, 3]
    assert finder.find("x", "kind", lambda relation: str(relation) == "b") == 5


def test_a_period_found_twice_for_one_check_falls_back_to_the_first() -> None:
    """Relations are found by period in file order; once all are blamed for a check, the first is blamed again."""
    first, second = ic.Within(source="p", target="i"), ic.Within(source="p", target="i", period=ic.Period("2021-01-01"))
    finder = _files._RelationFinder([(3, first), (5, second), (7, first)])
    label, period = first.label, str(first.period)
    assert [finder.find_period(label, "period of start", period) for _ in range(3)] == [3, 7, 3]
    assert finder.find_period(label, "period of end", str(second.period)) == 5
    # the fallback blames the first relation (3); asked later by its own period, it is passed over for 7
    blamed = [finder.find_period(label, "kind", p) for p in (str(second.period), str(second.period), period)]
    assert blamed == [5, 3, 7]


@pytest.mark.slow
def test_relations_given_twice_outside_their_ends_lifetimes_are_placed_with_linear_work() -> None:
    """Relations each given twice, each outside its ends' lifetimes, are placed with work linear in their number.

    4,000 of them took 34 s when the work was quadratic; twice as many now cost at most 2.2 times the calls.
    """
    error = _problems(_duplicates(500, first=dt.date(2000, 1, 1)))
    assert [e.location for e in _found(error)][:3] == ["relations[1]", "relations[3]", "relations[5]"]
    early = dt.date(2000, 1, 1)
    small, large = (_calls(lambda n=n: ic.io.loads(_duplicates(n, first=early))) for n in (500, 1000))  # type: ignore[misc]
    assert large <= 2.2 * small
