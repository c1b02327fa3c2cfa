"""Every error the library raises, in one place: use it as ``integratedcare.errors``.

Each error is an :class:`~integratedcare.IntegratedCareError` and also the builtin it narrows (``ValueError``,
``KeyError``, ``TypeError``...), so ``except KeyError`` still catches an unknown id. The
errors carry the structured fields their messages are made from (the id, the field, what was
expected and what was found).

Examples:
    >>> import integratedcare as ic
    >>> land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="NHS Cheshire and Merseyside ICB")).build()
    >>> try:
    ...     land["QYH"]
    ... except ic.errors.UnknownEntityError as err:
    ...     print(err.id, isinstance(err, KeyError), isinstance(err, ic.errors.IntegratedCareError))
    QYH True True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from integratedcare._namespace import lazy_names

# The one table of this module's names: name -> "module:attribute" (see integratedcare/__init__.py).
_PUBLIC: dict[str, str] = {
    "CoverageWarning": "integratedcare._errors:CoverageWarning",
    "DelegationError": "integratedcare._governance:DelegationError",
    "DiagramTooLargeWarning": "integratedcare.io:DiagramTooLargeWarning",
    "DroppedDataWarning": "integratedcare.io:DroppedDataWarning",
    "DisputeStateError": "integratedcare._governance:DisputeStateError",
    "DuplicateIdError": "integratedcare._errors:DuplicateIdError",
    "DuplicateMemberError": "integratedcare._governance:DuplicateMemberError",
    "DuplicateRelationError": "integratedcare._errors:DuplicateRelationError",
    "EntityKindError": "integratedcare._queries:EntityKindError",
    "FileFormatError": "integratedcare.io:FileFormatError",
    "FileSyntaxError": "integratedcare.io:FileSyntaxError",
    "FileTooLargeError": "integratedcare.io:FileTooLargeError",
    "IntegratedCareError": "integratedcare._errors:IntegratedCareError",
    "InvalidCodeError": "integratedcare._errors:InvalidCodeError",
    "InvalidPeriodError": "integratedcare._errors:InvalidPeriodError",
    "InvalidRelationError": "integratedcare._errors:InvalidRelationError",
    "InvalidValueError": "integratedcare._errors:InvalidValueError",
    "LandscapeError": "integratedcare._errors:LandscapeError",
    "MissingExtraError": "integratedcare.io:MissingExtraError",
    "PeriodMismatchError": "integratedcare._errors:PeriodMismatchError",
    "PictureTooLargeError": "integratedcare.io:PictureTooLargeError",
    "UnitError": "integratedcare._errors:UnitError",
    "UnknownCheckError": "integratedcare._checks:UnknownCheckError",
    "UnknownDatasetError": "integratedcare.datasets:UnknownDatasetError",
    "UnknownEntityError": "integratedcare._errors:UnknownEntityError",
    "UnknownFrameworkError": "integratedcare._checks:UnknownFrameworkError",
    "UnknownRegimeError": "integratedcare._statute:UnknownRegimeError",
    "UnknownRuleError": "integratedcare._statute:UnknownRuleError",
    "UnsupportedFormatError": "integratedcare.io:UnsupportedFormatError",
    "VoteError": "integratedcare._governance:VoteError",
}

if TYPE_CHECKING:  # generated from _PUBLIC by `python -m tools.namespaces`: edit the table, not this
    from integratedcare._checks import (
        UnknownCheckError as UnknownCheckError,
        UnknownFrameworkError as UnknownFrameworkError,
    )
    from integratedcare._errors import (
        CoverageWarning as CoverageWarning,
        DuplicateIdError as DuplicateIdError,
        DuplicateRelationError as DuplicateRelationError,
        IntegratedCareError as IntegratedCareError,
        InvalidCodeError as InvalidCodeError,
        InvalidPeriodError as InvalidPeriodError,
        InvalidRelationError as InvalidRelationError,
        InvalidValueError as InvalidValueError,
        LandscapeError as LandscapeError,
        PeriodMismatchError as PeriodMismatchError,
        UnitError as UnitError,
        UnknownEntityError as UnknownEntityError,
    )
    from integratedcare._governance import (
        DelegationError as DelegationError,
        DisputeStateError as DisputeStateError,
        DuplicateMemberError as DuplicateMemberError,
        VoteError as VoteError,
    )
    from integratedcare._queries import (
        EntityKindError as EntityKindError,
    )
    from integratedcare._statute import (
        UnknownRegimeError as UnknownRegimeError,
        UnknownRuleError as UnknownRuleError,
    )
    from integratedcare.datasets import (
        UnknownDatasetError as UnknownDatasetError,
    )
    from integratedcare.io import (
        DiagramTooLargeWarning as DiagramTooLargeWarning,
        DroppedDataWarning as DroppedDataWarning,
        FileFormatError as FileFormatError,
        FileSyntaxError as FileSyntaxError,
        FileTooLargeError as FileTooLargeError,
        MissingExtraError as MissingExtraError,
        PictureTooLargeError as PictureTooLargeError,
        UnsupportedFormatError as UnsupportedFormatError,
    )

__all__ = [  # the table's names (and the version), for users and type checkers alike
    "CoverageWarning",
    "DelegationError",
    "DiagramTooLargeWarning",
    "DisputeStateError",
    "DroppedDataWarning",
    "DuplicateIdError",
    "DuplicateMemberError",
    "DuplicateRelationError",
    "EntityKindError",
    "FileFormatError",
    "FileSyntaxError",
    "FileTooLargeError",
    "IntegratedCareError",
    "InvalidCodeError",
    "InvalidPeriodError",
    "InvalidRelationError",
    "InvalidValueError",
    "LandscapeError",
    "MissingExtraError",
    "PeriodMismatchError",
    "PictureTooLargeError",
    "UnitError",
    "UnknownCheckError",
    "UnknownDatasetError",
    "UnknownEntityError",
    "UnknownFrameworkError",
    "UnknownRegimeError",
    "UnknownRuleError",
    "UnsupportedFormatError",
    "VoteError",
]
# end of the generated imports


if not TYPE_CHECKING:  # pragma: no branch (TYPE_CHECKING is always false at run time)
    __getattr__, __dir__ = lazy_names("integratedcare.errors", globals(), _PUBLIC)
