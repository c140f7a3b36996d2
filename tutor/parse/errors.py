"""ParseError: the one exception this package raises for bad input.

Every refusal -- a syntax error, an unsafe LaTeX command, a number too large to build, an input
that took too long -- is a ``ParseError`` carrying a one-line ``message``, the 0-based
``position`` in the original text it refers to (``None`` when no single place is to blame) and
the original ``text``. ``str(err)`` is a single line meant for the student, e.g.
``unexpected '*' at position 4 in "2x +* 3"``; long inputs are shown as a short excerpt around
the position, and invisible or control characters in the excerpt are shown as ``\\uXXXX``.

Code that finds a problem before it knows the text or the position (the guarded builders in
``tutor.parse.build``) raises ``ParseError(message)`` and lets the caller fill in the rest with
``err.located(position, text)``.
"""

from __future__ import annotations

import unicodedata

TUPLE_REFUSAL = (
    "tuples like (1, 2) are not accepted here (vector answers are entered "
    "separately; write numbers without thousands separators)"
)
EQUATION_REFUSAL = "enter an expression, not an equation or inequality"
PRIME_REFUSAL = "primes (f') are not supported in answers; write the derivative itself"
UNDEFINED_REFUSAL = "the expression is undefined (it divides by zero or takes the log of zero)"

_EXCERPT_RADIUS = 20
_SHORT_TEXT = 60


class ParseError(Exception):
    """Input that cannot be read as an expression; ``str()`` is one line for the student."""

    def __init__(self, message: str, position: int | None = None, text: str = "") -> None:
        self.message = message
        self.position = position
        self.text = text
        super().__init__(self._render())

    def located(self, position: int | None, text: str) -> ParseError:
        """This error with the position (if it had none) and the original text filled in."""
        return ParseError(
            self.message, self.position if self.position is not None else position, text
        )

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, int | None, str]]:
        return ParseError, (self.message, self.position, self.text)

    def _render(self) -> str:
        where = "" if self.position is None else f" at position {self.position}"
        if not self.text.strip():
            return self.message + where
        return f'{self.message}{where} in "{excerpt(self.text, self.position)}"'


def excerpt(text: str, position: int | None) -> str:
    """A short, single-line, printable view of ``text`` around ``position``."""
    if len(text) <= _SHORT_TEXT:
        return _printable(text)
    centre = position if position is not None else 0
    start = max(0, centre - _EXCERPT_RADIUS)
    end = min(len(text), centre + _EXCERPT_RADIUS + 1)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + _printable(text[start:end]) + suffix


def shorten(text: str, limit: int = 16) -> str:
    """``text`` cut to ``limit`` characters, for echoing user input inside a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def describe_character(char: str) -> str:
    """``'х' (U+0445 CYRILLIC SMALL LETTER HA)`` for non-ASCII, ``'_'`` for printable ASCII."""
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    name = unicodedata.name(char, "")
    shown = f"'{char}' " if char.isprintable() and not _is_invisible(char) else ""
    return f"{shown}(U+{ord(char):04X}{' ' + name if name else ''})"


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _printable(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if _is_invisible(c) else c for c in text)
