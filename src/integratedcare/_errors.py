"""The errors integratedcare raises.

Every error derives from :class:`IntegratedCareError`, and each subclass also derives from
the builtin exception it narrows, so ``except KeyError`` still catches an unknown id.
Errors keep their structured fields (the id, the field, the file) and build their message
from them.
"""

from __future__ import annotations

__all__ = ["IntegratedCareError"]


class IntegratedCareError(Exception):
    """The root of every error raised by integratedcare.

    Examples:
        >>> import integratedcare as ic
        >>> issubclass(ic.IntegratedCareError, Exception)
        True
    """
