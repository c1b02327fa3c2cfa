"""The package's public face: version metadata, __all__, documentation and examples."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
from importlib.metadata import metadata
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


@pytest.mark.parametrize("name", [n for n in ic.__all__ if not n.startswith("__")])
def test_public_name_is_documented(name: str) -> None:
    """Every public name of ours has a docstring with a runnable example; others are named in the package doc."""
    obj = getattr(ic, name)
    home = obj.__name__ if inspect.ismodule(obj) else getattr(obj, "__module__", "")
    ours = home.startswith("integratedcare")
    if (inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj)) and ours:
        doc = inspect.getdoc(obj) or ""
        assert doc, f"{name} has no docstring"
        assert ">>> " in doc, f"{name} has no example"
    else:  # a constant, an alias, or a class re-exported from a dependency
        assert f"``{name}``" in (ic.__doc__ or ""), f"{name} is not described in the package docstring"


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
