"""Public namespaces that load their names on first use, from one table.

The package and :mod:`integratedcare.errors` each declare their public names once, in a table
from name to ``"module:attribute"`` (or ``"module"`` for a subpackage). :func:`lazy_names` turns
that table into the module's ``__getattr__`` and ``__dir__`` (PEP 562), so importing the package
loads no layer until a name of that layer is used. The same table gives ``__all__``, and the
type checkers' imports are generated from it (``python -m tools.namespaces``; a test keeps them in
step).

Names that moved keep working for one release: a second table maps each old name to its new
place, and using the old name loads the new one with a :class:`DeprecationWarning` that says where
it went.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Moved", "lazy_names", "moved_to"]


Moved = tuple[str, str]
"""Where an old name went: the new place as text (``"integratedcare.governance.Forum"``), and the
``"module:attribute"`` it loads from."""


def _resolve(target: str) -> Any:  # noqa: ANN401 (any public name)
    """Import ``"module:attribute"`` (or ``"module"``) and return the object."""
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


def lazy_names(
    module_name: str,
    namespace: dict[str, Any],
    table: Mapping[str, str],
    moved: Mapping[str, Moved] | None = None,
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``__getattr__`` and ``__dir__`` for a module whose public names are in ``table``.

    A name in ``table`` is imported on first use and kept in ``namespace`` (the module's
    globals), so the next use costs a dictionary lookup. A name in ``moved`` loads from its new
    place each time, with a :class:`DeprecationWarning` naming that place. Any other name raises
    :class:`AttributeError`, as for an ordinary module.
    """
    old_names = dict(moved or {})

    def __getattr__(name: str) -> Any:  # noqa: ANN401, N807 (PEP 562's hook; any public name)
        target = table.get(name)
        if target is not None:
            value = namespace[name] = _resolve(target)
            return value
        if name in old_names:
            new_place, where = old_names[name]
            message = f"{module_name}.{name} has moved to {new_place}; the old name will be removed in the next release"
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            return _resolve(where)
        message = f"module {module_name!r} has no attribute {name!r}"
        raise AttributeError(message)

    def __dir__() -> list[str]:  # noqa: N807 (PEP 562's hook)
        return sorted(set(namespace) | set(table))

    return __getattr__, __dir__


def moved_to(module: str, *names: str) -> dict[str, Moved]:
    """Say that each of ``names`` moved, under the same name, to the public ``module``."""
    return {name: (f"{module}.{name}", f"{module}:{name}") for name in names}
