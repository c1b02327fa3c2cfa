"""Text from data made safe for a terminal: light to import, so that ``--help`` and errors need nothing more."""

from __future__ import annotations

import re

__all__ = ["json_safe", "terminal_text"]

# What a terminal would act on rather than show: C0 and C1 control characters (ESC, NUL, CR,
# newline...), DEL, the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E,
# U+200F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# JSON writes C0 controls in strings as escapes itself; its raw line feeds are its own layout.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    r"""Write one unsafe character as a visible escape: ``\x1b``, ``\u202e``."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # noqa: PLR2004 (one byte)


def terminal_text(text: str) -> str:
    r"""Return text from data safe to print: each control or bidirectional character as a visible escape.

    Examples:
        >>> print(terminal_text("Wirral\x1b[2J\u202eecalp"))
        Wirral\x1b[2J\u202eecalp
    """
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    r"""Return JSON text with the characters JSON leaves raw but a terminal acts on written as ``\u`` escapes.

    Those characters can only stand inside strings, where the escape means the same character.
    """
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
