"""Regenerate the type checkers' imports of the lazy public namespaces from their tables.

``python -m tools.namespaces`` (from the repository root) rewrites the ``if TYPE_CHECKING:`` block of
``integratedcare/__init__.py`` and ``integratedcare/errors.py`` from each module's ``_PUBLIC``
table, with the literal ``__all__`` that type checkers read, then lets ruff format it.
``tests/test_package.py`` checks the two stay in step.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[1]
MODULES: Final = (
    ROOT / "src" / "integratedcare" / "__init__.py",
    ROOT / "src" / "integratedcare" / "errors.py",
)
START: Final = "if TYPE_CHECKING:  # generated from _PUBLIC by `python -m tools.namespaces`: edit the table, not this\n"
END: Final = "# end of the generated imports\n"


def table_of(path: Path) -> dict[str, str]:
    """Read the ``_PUBLIC`` table of a module's source without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "_PUBLIC":
            assert node.value is not None  # noqa: S101 (the table always has a value)
            value: dict[str, str] = ast.literal_eval(node.value)
            return value
    msg = f"{path}: no _PUBLIC table"
    raise SystemExit(msg)


def render(table: dict[str, str], extra: tuple[str, ...] = ()) -> str:
    """Return the ``if TYPE_CHECKING:`` block importing every name of ``table``, and ``__all__``.

    ``extra`` names module attributes defined by hand that ``__all__`` lists too (``__version__``).
    """
    by_module: defaultdict[str, list[str]] = defaultdict(list)
    for name, target in sorted(table.items()):
        module, _, attribute = target.partition(":")
        if attribute:
            by_module[module].append(f"{attribute} as {name}")
        else:
            parent, _, child = module.rpartition(".")
            by_module[parent].append(f"{child} as {name}")
    lines = [START]
    for module in sorted(by_module):
        lines.append(f"    from {module} import (\n")
        lines.extend(f"        {item},\n" for item in by_module[module])
        lines.append("    )\n")
    names = sorted([*table, "__version__"] if "__version__" in extra else table)
    lines.append("\n__all__ = [  # the table's names (and the version), for users and type checkers alike\n")
    lines.extend(f'    "{name}",\n' for name in names)
    lines.append("]\n")
    lines.append(END)
    return "".join(lines)


def rewrite(path: Path) -> None:
    """Replace the generated block of ``path`` with one rendered from its table."""
    text = path.read_text(encoding="utf-8")
    head, found, rest = text.partition(START)
    _, found_end, tail = rest.partition(END)
    if not (found and found_end):
        msg = f"{path}: no generated block between the markers"
        raise SystemExit(msg)
    extra = ("__version__",) if "__version__: str" in tail else ()
    path.write_text(head + render(table_of(path), extra) + tail, encoding="utf-8")


def main() -> None:
    """Rewrite each namespace's block, then format the files with ruff."""
    for path in MODULES:
        rewrite(path)
    files = [str(p) for p in MODULES]
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", *files], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
