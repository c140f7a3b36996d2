"""Input text before parsing: character screening and Unicode normalisation, keeping positions.

Both syntaxes rewrite the student's text before parsing it (``x²`` -> ``x^(2)``, ``\\left(``
-> ``(``, ...). ``MappedText`` carries, for every character of the rewritten text, the index
of the original character it came from, so errors always point into what the student typed.

``screen_characters`` refuses invisible (Unicode format: zero-width, bidi controls, BOM) and
control characters outright. ``normalize_unicode`` converts superscripts, applies NFKC per
character (fullwidth forms -> ASCII; done after superscripts, which NFKC would flatten) and
then a syntax-specific table of symbol replacements. To accept a new symbol, add it to the
replacement table of the syntax that needs it. ``check_brackets`` is the bracket balance and
depth check both syntaxes run before parsing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tutor.parse.errors import ParseError, describe_character

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿˣʸ", "0123456789+-()nxy")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿˣʸ]+")
_ALLOWED_CONTROLS = frozenset("\t\n\r")


@dataclass(frozen=True)
class MappedText:
    """Rewritten text plus, per character, the index of its source character."""

    text: str
    origins: tuple[int, ...]  # len(text) + 1 entries; the last is the source length

    @classmethod
    def of(cls, text: str) -> MappedText:
        return cls(text, tuple(range(len(text) + 1)))

    def origin(self, index: int) -> int:
        """The position in the original text of character ``index`` of this text."""
        return self.origins[min(max(index, 0), len(self.text))]

    def substitute(
        self, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str]
    ) -> MappedText:
        """Replace each match; a changed match's characters all map to the match's start."""
        pieces: list[str] = []
        origins: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            pieces.append(self.text[last : match.start()])
            origins.extend(self.origins[last : match.start()])
            new = replacement(match)
            pieces.append(new)
            if new == match.group():
                origins.extend(self.origins[match.start() : match.end()])
            else:
                origins.extend([self.origins[match.start()]] * len(new))
            last = match.end()
        pieces.append(self.text[last:])
        origins.extend(self.origins[last:])
        return MappedText("".join(pieces), tuple(origins))

    def map_characters(self, convert: Callable[[str], str]) -> MappedText:
        """Replace every character by ``convert(char)`` (which may be longer or empty)."""
        pieces: list[str] = []
        origins: list[int] = []
        for index, char in enumerate(self.text):
            new = convert(char)
            pieces.append(new)
            origins.extend([self.origins[index]] * len(new))
        origins.append(self.origins[-1])
        return MappedText("".join(pieces), tuple(origins))


def screen_characters(text: str) -> None:
    """Refuse invisible (format) and control characters, naming the first one found."""
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":
            raise ParseError(
                f"invisible character {describe_character(char)} is not allowed", position, text
            )
        if category == "Cc" and char not in _ALLOWED_CONTROLS:
            raise ParseError(
                f"control character {describe_character(char)} is not allowed", position, text
            )


def normalize_unicode(
    text: str, superscript_format: str, replacements: Mapping[str, str]
) -> MappedText:
    """Superscripts -> ``superscript_format.format(run)``, then NFKC, then ``replacements``."""
    mapped = MappedText.of(text).substitute(
        _SUPERSCRIPT_RUN,
        lambda match: superscript_format.format(match.group().translate(_SUPERSCRIPTS)),
    )

    def convert(char: str) -> str:
        if char.isascii():
            return char
        normal = unicodedata.normalize("NFKC", char)
        return "".join(replacements.get(c, c) for c in normal)

    return mapped.map_characters(convert)


BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}"}


def check_brackets(brackets: list[tuple[str, int]], text: str, max_depth: int) -> None:
    """Refuse unbalanced or too deeply nested brackets, given as (char, original position)."""
    stack: list[tuple[str, int]] = []
    for char, position in brackets:
        if char in BRACKET_PAIRS:
            stack.append((char, position))
            if len(stack) > max_depth:
                raise ParseError(
                    f"too deeply nested (more than {max_depth} levels)", position, text
                )
            continue
        if not stack:
            raise ParseError(f"unmatched '{char}'", position, text)
        opener, opened_at = stack.pop()
        if BRACKET_PAIRS[opener] != char:
            raise ParseError(
                f"'{opener}' opened at position {opened_at} is closed by '{char}'", position, text
            )
    if stack:
        opener, opened_at = stack[-1]
        raise ParseError(f"unclosed '{opener}'", opened_at, text)
