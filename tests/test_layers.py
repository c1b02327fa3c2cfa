"""Layers: no module of the package imports a layer above its own, not even inside a function."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import NamedTuple

import pytest

import integratedcare as ic

PACKAGE = Path(ic.__file__).parent
DESIGN_PAGE = Path(__file__).parents[1] / "docs" / "explanation" / "design.md"


class Layer(NamedTuple):
    """One layer: its name, the modules it holds (a trailing slash is a sub-package) and what it may import."""

    name: str
    modules: tuple[str, ...]
    may_import: tuple[str, ...]


_FOUNDATIONS = ("base", "units", "model", "landscape")

#: The layers, bottom first; each may import only the layers it names (and itself), which are all the
#: layers below it: whatever a layer it may import may import, it may import too.
#: docs/explanation/design.md shows the same table; a test below keeps the two equal.
LAYERS = (
    Layer("base", ("__about__.py", "_errors.py", "_namespace.py"), ()),
    Layer("units", ("_units.py",), ("base",)),
    Layer("model", ("_model/",), ("base", "units")),
    Layer("landscape", ("_landscape.py", "_derived.py"), ("base", "units", "model")),
    Layer("statute", ("_statute/",), _FOUNDATIONS),
    Layer("geo", ("_geo/",), _FOUNDATIONS),
    Layer("graph", ("_graph/",), (*_FOUNDATIONS, "statute")),
    Layer("queries", ("_queries/", "_diff.py"), (*_FOUNDATIONS, "statute", "graph")),
    Layer("governance", ("_governance/",), (*_FOUNDATIONS, "statute", "graph", "queries")),
    Layer("checks", ("_checks/",), (*_FOUNDATIONS, "statute", "graph", "queries", "governance")),
    Layer("io", ("io/",), (*_FOUNDATIONS, "statute", "geo", "graph")),
    Layer("datasets", ("datasets/",), (*_FOUNDATIONS, "statute", "geo", "graph", "io")),
    Layer("draw", ("_draw.py", "_maps.py"), (*_FOUNDATIONS, "statute", "geo", "graph", "io")),
    Layer(
        "api",
        ("__init__.py", "answers.py", "checks.py", "errors.py", "governance.py", "kinds.py", "statute.py"),
        (*_FOUNDATIONS, "statute", "geo", "graph", "queries", "governance", "checks", "io", "datasets", "draw"),
    ),
    Layer(
        "cli",
        ("_cli/", "__main__.py"),
        (*_FOUNDATIONS, "statute", "geo", "graph", "queries", "governance", "checks", "io", "datasets", "draw", "api"),
    ),
)
BY_NAME = {layer.name: layer for layer in LAYERS}


def layer_of(relative: str) -> Layer | None:
    """Return the layer holding a file, given its path inside the package (``_model/_period.py``)."""
    for layer in LAYERS:
        for module in layer.modules:
            if relative == module or (module.endswith("/") and relative.startswith(module)):
                return layer
    return None


def file_of(module: str) -> str:
    """Return the package file a dotted module name runs (``integratedcare._model`` -> ``_model/__init__.py``).

    A name that is not a module (an attribute imported from a package) falls back to the nearest module above it.
    """
    parts = module.split(".")[1:]
    while parts:
        base = PACKAGE.joinpath(*parts)
        if base.with_suffix(".py").is_file():
            return "/".join(parts) + ".py"
        if (base / "__init__.py").is_file():
            return "/".join([*parts, "__init__.py"])
        parts.pop()
    return "__init__.py"


def _package_of(relative: str) -> list[str]:
    """Return the dotted parts of the package a file belongs to (its own, for an ``__init__.py``)."""
    parts = ["integratedcare", *relative.removesuffix(".py").split("/")]
    return parts[:-1]


def imported_modules(relative: str, source: str) -> list[tuple[int, str]]:
    """Return every (line, module) of this package a file imports: at the top, in functions, under TYPE_CHECKING.

    ``from package import name`` counts as importing ``package.name`` when that is a module, else ``package``;
    ``importlib.import_module("integratedcare...")`` with a literal name counts too.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=relative)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(relative)
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return [(line, name) for line, name in found if name == "integratedcare" or name.startswith("integratedcare.")]


def upward_imports(relative: str, source: str) -> list[str]:
    """Return one message per import in a file of a layer its own layer may not import."""
    layer = layer_of(relative)
    assert layer is not None, f"{relative} is in no layer: add it to LAYERS in tests/test_layers.py"
    problems = []
    for line, name in imported_modules(relative, source):
        target = file_of(name)
        target_layer = layer_of(target)
        assert target_layer is not None, f"{target} is in no layer: add it to LAYERS in tests/test_layers.py"
        if target_layer.name != layer.name and target_layer.name not in layer.may_import:
            allowed = ", ".join(layer.may_import) or "nothing"
            module = ".".join(["integratedcare", *target.removesuffix(".py").split("/")]).removesuffix(".__init__")
            problems.append(
                f"src/integratedcare/{relative}:{line} imports {module} (layer {target_layer.name}); "
                f"layer {layer.name} may import only {allowed}"
            )
    return problems


def _package_files() -> list[str]:
    """Return the path inside the package of every Python file in it."""
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


def test_no_module_imports_a_layer_above_it() -> None:
    """Every import of the package's own modules, anywhere in a file, goes to its own layer or one it may import."""
    problems = [
        problem
        for relative in _package_files()
        for problem in upward_imports(relative, (PACKAGE / relative).read_text(encoding="utf-8"))
    ]
    assert not problems, "upward imports:\n" + "\n".join(problems)


def test_every_module_is_in_exactly_one_layer() -> None:
    """Each Python file of the package falls in one layer of the table, so a new module must be placed."""
    for relative in _package_files():
        holders = [
            layer.name
            for layer in LAYERS
            for module in layer.modules
            if relative == module or (module.endswith("/") and relative.startswith(module))
        ]
        assert len(holders) == 1, f"{relative} is in layers {holders}: place it in one"


def test_every_module_of_the_table_exists() -> None:
    """Each module or sub-package the table names is in the package, so the table does not go stale."""
    files = _package_files()
    for layer in LAYERS:
        for module in layer.modules:
            assert any(f == module or f.startswith(module) for f in files), f"{module} ({layer.name}) is gone"


def test_layers_import_only_layers_below_them() -> None:
    """The table is bottom first: a layer may import only layers listed before it, so there is no cycle."""
    seen: set[str] = set()
    for layer in LAYERS:
        assert set(layer.may_import) <= seen, f"{layer.name} may import {set(layer.may_import) - seen} (not below)"
        seen.add(layer.name)
    assert len(seen) == len(LAYERS)


def test_a_layer_may_import_whatever_the_layers_below_it_may() -> None:
    """The table is closed: importing what a lower layer may import is never an upward import."""
    for layer in LAYERS:
        for lower in layer.may_import:
            missing = set(BY_NAME[lower].may_import) - set(layer.may_import)
            assert not missing, f"{layer.name} may import {lower} but not {missing}, which {lower} may import"


UPWARD = [
    pytest.param("from integratedcare._checks import check\n", 1, "integratedcare._checks", id="top level"),
    pytest.param(
        "def f():\n    from integratedcare._queries._answers import DutyAnswer\n",
        2,
        "integratedcare._queries._answers",
        id="inside a function",
    ),
    pytest.param(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from integratedcare._landscape import Landscape\n",
        3,
        "integratedcare._landscape",
        id="under TYPE_CHECKING",
    ),
    pytest.param("from .. import _draw\n", 1, "integratedcare._draw", id="relative"),
    pytest.param("from integratedcare import io\n", 1, "integratedcare.io", id="a sub-package by name"),
    pytest.param("import integratedcare as ic\n", 1, "integratedcare", id="the package itself"),
    pytest.param(
        "import importlib\nimportlib.import_module('integratedcare._graph')\n",
        2,
        "integratedcare._graph",
        id="import_module",
    ),
]


@pytest.mark.parametrize(("source", "line", "module"), UPWARD)
def test_the_check_names_file_line_and_module_of_an_upward_import(source: str, line: int, module: str) -> None:
    """A made-up upward import in a model module is caught, named by file, line and the module imported."""
    problems = upward_imports("_model/_period.py", source)
    assert len(problems) == 1
    assert problems[0].startswith(f"src/integratedcare/_model/_period.py:{line} imports {module} (layer ")
    assert problems[0].endswith("layer model may import only base, units")


def test_the_check_allows_imports_down_and_within_a_layer() -> None:
    """Imports of a lower layer, of the same layer, and of other libraries are not reported."""
    source = (
        "import networkx\nfrom integratedcare._errors import IntegratedCareError\n"
        "from integratedcare._model import Entity\nfrom . import _period\n"
        "def f():\n    from integratedcare._units import ureg\n"
    )
    assert upward_imports("_model/_relations.py", source) == []
    assert len(imported_modules("_model/_relations.py", source)) == 4


def test_the_check_fails_on_a_module_in_no_layer() -> None:
    """A file the table does not place is an error, not a free pass."""
    with pytest.raises(AssertionError, match=r"_new\.py is in no layer"):
        upward_imports("_new.py", "")


def _design_table() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Return the rows of the layers table on the design page: layer, modules and what it may import."""
    rows = []
    for line in DESIGN_PAGE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`\w+`", cells[0]):
            modules = tuple(re.findall(r"`([^`]+)`", cells[2]))
            may_import = tuple(re.findall(r"`([^`]+)`", cells[3]))
            rows.append((cells[0].strip("`"), modules, may_import))
    return rows


def test_the_design_page_shows_the_same_layers() -> None:
    """docs/explanation/design.md lists the layers, their modules and what each may import, as this test does."""
    assert _design_table() == [(layer.name, layer.modules, layer.may_import) for layer in LAYERS]


def _design_drawing() -> list[list[str]]:
    """Return the lines of the layers drawing on the design page, top first, each a list of layer names."""
    text = DESIGN_PAGE.read_text(encoding="utf-8")
    drawing = text[text.index("```text", text.index("## Layers")) :].split("```")[1]
    return [line.split(" · ") for line in drawing.splitlines()[1:] if line]


def test_the_design_drawing_puts_each_layer_above_what_it_imports() -> None:
    """In the drawing every layer appears once, above each layer it may import and beside none of them."""
    rows = _design_drawing()
    height = {name: len(rows) - i for i, row in enumerate(rows) for name in row}
    assert sorted(height) == sorted(BY_NAME)
    assert sum(len(row) for row in rows) == len(LAYERS)
    for layer in LAYERS:
        for lower in layer.may_import:
            assert height[lower] < height[layer.name], f"{layer.name} is drawn at or below {lower}"
