"""The package's public face: version metadata, __all__, documentation and examples."""

from __future__ import annotations

import ast
import doctest
import functools
import importlib
import inspect
import pkgutil
import re
from importlib.metadata import metadata
from pathlib import Path
from types import ModuleType

import pytest

import integratedcare as ic


def _modules() -> list[ModuleType]:
    """Return every module of the installed package, private ones included."""
    names = [i.name for i in pkgutil.walk_packages(ic.__path__, prefix="integratedcare.")]
    return [ic, *(importlib.import_module(name) for name in names)]


def test_version_matches_metadata() -> None:
    """__version__ is the installed distribution's version, in PEP 440 form."""
    assert ic.__version__ == metadata("integratedcare")["Version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", ic.__version__)


def test_metadata_declares_typed_and_licence() -> None:
    """The distribution is MIT licensed, needs Python 3.11 and says it is typed."""
    meta = metadata("integratedcare")
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    assert "Typing :: Typed" in meta.get_all("Classifier", [])


def test_all_is_sorted_and_unique() -> None:
    """__all__ is sorted and lists each name once."""
    assert list(ic.__all__) == sorted(set(ic.__all__))


def test_all_names_exist() -> None:
    """Every name in __all__ is importable from the package."""
    missing = [name for name in ic.__all__ if not hasattr(ic, name)]
    assert missing == []


SUBPACKAGES = (ic.answers, ic.checks, ic.datasets, ic.errors, ic.governance, ic.io, ic.kinds, ic.statute)
PUBLIC = [(ic, n) for n in ic.__all__ if not n.startswith("__")] + [
    (module, n) for module in SUBPACKAGES for n in module.__all__
]


@pytest.mark.parametrize(("namespace", "name"), PUBLIC, ids=[f"{m.__name__}.{n}" for m, n in PUBLIC])
def test_public_name_is_documented(namespace: ModuleType, name: str) -> None:
    """Every public name of ours has a docstring with a runnable example; others are named in its module's doc."""
    obj = getattr(namespace, name)
    home = obj.__name__ if inspect.ismodule(obj) else getattr(obj, "__module__", "")
    ours = home.startswith("integratedcare")
    if (inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj)) and ours:
        doc = inspect.getdoc(obj) or ""
        assert doc, f"{name} has no docstring"
        assert ">>> " in doc or issubclass_of_error(obj), f"{name} has no example"
    else:  # a constant, an alias, or a class re-exported from a dependency
        documented = re.search(rf"[`.~]{name}`", namespace.__doc__ or "") is not None  # ``NAME`` or :data:`...NAME`
        assert documented, f"{name} is not described in the docstring of {namespace.__name__}"


def issubclass_of_error(obj: object) -> bool:
    """Whether ``obj`` is one of our error classes (their examples live in :mod:`integratedcare.errors`)."""
    return inspect.isclass(obj) and issubclass(obj, ic.IntegratedCareError)


def test_the_top_level_is_small_and_unambiguous() -> None:
    """The package keeps about 120 names, none differing from another only by case."""
    assert len(ic.__all__) <= 130
    lowered = [n.lower() for n in ic.__all__]
    assert len(set(lowered)) == len(lowered), sorted(n for n in ic.__all__ if lowered.count(n.lower()) > 1)


@pytest.mark.parametrize("old", sorted(ic._MOVED))
def test_moved_names_still_load_with_a_warning(old: str) -> None:
    """A name that moved loads its new object, warning where it went; it is no longer listed."""
    new_place, _ = ic._MOVED[old]
    with pytest.warns(DeprecationWarning, match=rf"integratedcare\.{old} has moved to {re.escape(new_place)};"):
        value = getattr(ic, old)
    assert old not in ic.__all__
    if old == "to_period":  # the function behind the new classmethod
        assert value(("2022-07-01", None)) == ic.Period.coerce(("2022-07-01", None))
    elif new_place.startswith("integratedcare."):
        assert functools.reduce(getattr, new_place.split(".")[1:], ic) is value


def test_every_error_class_is_in_the_errors_namespace() -> None:
    """Each IntegratedCareError subclass defined anywhere in the package is public in integratedcare.errors."""
    defined = {
        obj
        for module in _modules()
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, ic.IntegratedCareError)
        and obj.__module__.startswith("integratedcare")
    }
    public = {getattr(ic.errors, n) for n in ic.errors.__all__}
    assert {c.__name__ for c in defined - public} == set()


@pytest.mark.parametrize("module", [ic, ic.errors], ids=lambda m: m.__name__)
def test_type_checkers_see_the_table(module: ModuleType) -> None:
    """The generated TYPE_CHECKING imports name exactly the _PUBLIC table (run `python -m tools.namespaces`)."""
    source = Path(inspect.getfile(module)).read_text(encoding="utf-8")
    block = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    imported = {
        alias.asname or alias.name: f"{node.module}:{alias.name}"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    table = {
        name: (target if ":" in target else "{}:{}".format(*target.rsplit(".", 1)))
        for name, target in module._PUBLIC.items()
    }
    assert imported == table


@pytest.mark.parametrize("module", _modules(), ids=lambda m: m.__name__)
def test_docstring_examples_run(module: ModuleType) -> None:
    """The Examples sections of every module's docstrings run and give what they show."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    for test in finder.find(module, module.__name__):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) failed in {module.__name__}"


def test_names_load_lazily_and_are_listed() -> None:
    """Public names load on first use, dir() lists them, and unknown names raise AttributeError."""
    assert set(ic.__all__) <= set(dir(ic))
    assert ic.ICB is ic.IntegratedCareBoard
    with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
        _ = ic.nonsense  # type: ignore[attr-defined]


def test_import_is_light() -> None:
    """Importing the package loads none of its layers or their heavy dependencies until asked."""
    import subprocess  # noqa: PLC0415 (only this test needs it)
    import sys  # noqa: PLC0415 (only this test needs it)

    heavy = "('pint', 'networkx', 'integratedcare._model')"
    code = f"import sys, integratedcare; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert out.strip() == "[]"


def test_help_is_light() -> None:
    """The command's --help loads none of the layers or their heavy dependencies, as errors need none either."""
    import subprocess  # noqa: PLC0415 (only this test needs it)
    import sys  # noqa: PLC0415 (only this test needs it)

    heavy = "('pint', 'networkx', 'integratedcare._model')"
    code = (
        "import contextlib, io, sys\n"
        "from integratedcare._cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        f"print(sorted(m for m in {heavy} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert out.strip() == "[]"
