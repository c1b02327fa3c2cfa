"""England's integrated care systems as a typed, queryable object.

Import it as ``import integratedcare as ic``; every public name is listed in ``__all__``.
"""

from __future__ import annotations

from importlib.metadata import version as _version

from integratedcare._errors import IntegratedCareError

__version__: str = _version("integratedcare")

__all__ = [
    "IntegratedCareError",
    "__version__",
]
