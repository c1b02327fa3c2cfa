"""Provenance and identity: sources, legal citations, clauses of agreements, and codes."""

from __future__ import annotations

import enum
import re
from typing import Final, TypeAlias

import attrs

from integratedcare._errors import InvalidCodeError, InvalidValueError
from integratedcare._model._period import ALWAYS, Period, to_period

__all__ = [
    "Basis",
    "Citation",
    "Clause",
    "Code",
    "CodeScheme",
    "Source",
    "Verification",
    "non_empty",
    "subject_of",
]

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""A lone surrogate: half of a UTF-16 pair, which no UTF-8 file can hold."""


def non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that a text field is a non-blank string (an attrs validator)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            subject=subject_of(instance), field=attribute.name, problem=f"must be non-empty text, got {value!r}"
        )
    check_text(instance, attribute.name, value)


def check_text(instance: object, field: str, value: str) -> None:
    """Refuse text no file can hold: a lone surrogate (half of a UTF-16 pair)."""
    if not value.isascii() and _SURROGATE.search(value):
        raise InvalidValueError(
            subject=subject_of(instance), field=field, problem=f"must be valid Unicode text, got {value!r}"
        )


def subject_of(instance: object) -> str:
    """Name an entity or relation for error messages, such as ``integrated-care-board "QYG"``."""
    label = getattr(type(instance), "kind", type(instance).__name__.lower())
    ident = getattr(instance, "id", None)
    if isinstance(ident, str):
        return f'{label} "{ident}"'
    source, target = getattr(instance, "source", None), getattr(instance, "target", None)
    if isinstance(source, str) and isinstance(target, str):
        return f'{label} "{source}" -> "{target}"'
    return str(label)


class Verification(enum.StrEnum):
    """How far a fact has been checked against its source.

    ``VERIFIED`` (V): seen in the cited text. ``PARTLY_VERIFIED`` (P): the substance was seen but
    not the exact wording or section. ``UNVERIFIED`` (U): not found in a source; modelled, and
    flagged so that answers relying on it say so.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Verification("partly verified") is ic.Verification.PARTLY_VERIFIED
        True
    """

    VERIFIED = "verified"
    PARTLY_VERIFIED = "partly verified"
    UNVERIFIED = "unverified"


@attrs.frozen(kw_only=True)
class Source:
    """Where a fact comes from, and how far it was verified.

    Examples:
        >>> import integratedcare as ic
        >>> src = ic.Source(title="ONS ICB lookup (July 2022)", verification="verified")
        >>> src.verification
        <Verification.VERIFIED: 'verified'>
    """

    title: str = attrs.field(validator=non_empty)
    reference: str | None = None
    """A citation or web address of the source."""
    verification: Verification = attrs.field(default=Verification.VERIFIED, converter=Verification)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Citation:
    """A provision of law: an act and a section, with how far the text was verified.

    Examples:
        >>> import integratedcare as ic
        >>> c = ic.Citation(act="LGPIHA 2007", section="s116B(1)", verification="partly verified")
        >>> str(c)
        'LGPIHA 2007 s116B(1)'
        >>> c.verification.value
        'partly verified'
    """

    act: str = attrs.field(validator=non_empty)
    section: str = attrs.field(validator=non_empty)
    verification: Verification = attrs.field(default=Verification.VERIFIED, converter=Verification)
    note: str | None = None

    def __str__(self) -> str:
        """Return the citation as ``act section``."""
        return f"{self.act} {self.section}"


@attrs.frozen(kw_only=True)
class Clause:
    """A part of an agreement (an :class:`~integratedcare.Agreement` entity of the landscape).

    Examples:
        >>> import integratedcare as ic
        >>> str(ic.Clause(agreement="cm-mou-2020", section="Annex 4"))
        'cm-mou-2020 Annex 4'
    """

    agreement: str = attrs.field(validator=non_empty)
    """The id of the agreement."""
    section: str | None = None
    verification: Verification = attrs.field(default=Verification.VERIFIED, converter=Verification)

    def __str__(self) -> str:
        """Return the agreement id and section."""
        return self.agreement if self.section is None else f"{self.agreement} {self.section}"


Basis: TypeAlias = Citation | Clause
"""Why a relation holds: a provision of law or a clause of an agreement."""


class CodeScheme(enum.StrEnum):
    """A scheme of organisation or area codes.

    Examples:
        >>> import integratedcare as ic
        >>> ic.CodeScheme("gss").value
        'gss'
    """

    ODS = "ods"
    """NHS Organisation Data Service codes, such as ``QYG`` or ``01V``."""
    GSS = "gss"
    """ONS Government Statistical Service codes, such as ``E54000008``."""


_PATTERNS: Final = {
    CodeScheme.ODS: (
        re.compile(r"[A-Z0-9]{2,10}"),
        "an ODS code (2 to 10 capital letters or digits, such as QYG)",
    ),
    CodeScheme.GSS: (
        re.compile(r"[EWSNK]\d{8}"),
        "a GSS code (a letter and eight digits, such as E54000008)",
    ),
}


def _valid_code(instance: Code, _attribute: object, value: str) -> None:
    """Check a code's value against its scheme's pattern."""
    pattern, described = _PATTERNS[instance.scheme]
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise InvalidCodeError(field="code value", problem=f"must be {described}, got {value!r}")


def _to_scheme(value: CodeScheme | str) -> CodeScheme:
    """Convert scheme text, naming the field when it is unknown."""
    try:
        return CodeScheme(value)
    except ValueError:
        known = ", ".join(s.value for s in CodeScheme)
        raise InvalidCodeError(field="code scheme", problem=f"must be one of {known}, got {value!r}") from None


@attrs.frozen
class Code:
    """A code that identifies an organisation or area in a scheme, valid for a period.

    GSS codes change when boundaries change, so a code has a period of its own.

    Examples:
        >>> import integratedcare as ic
        >>> ic.Code(ic.CodeScheme.ODS, "QYG")
        Code(scheme=<CodeScheme.ODS: 'ods'>, value='QYG', period=Period(start=None, end=None))
        >>> str(ic.Code("gss", "E54000042", period=(None, "2026-04-01")))
        'gss:E54000042'
    """

    scheme: CodeScheme = attrs.field(converter=_to_scheme)
    value: str = attrs.field(validator=_valid_code)
    period: Period = attrs.field(default=ALWAYS, converter=to_period, kw_only=True)

    def __str__(self) -> str:
        """Return ``scheme:value``."""
        return f"{self.scheme.value}:{self.value}"
