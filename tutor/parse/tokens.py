"""Calculator-syntax tokenizer: normalised text -> numbers, names and operator tokens.

Runs of letters are split greedily from the left into the longest known word -- a function
name or alias, ``e``/``pi``, a Greek letter name, or a variable the problem declares -- and
otherwise single letters: ``xsinx`` -> ``x``, ``sin``, ``x``. Each name token gets a role:
``function`` (``gamma``/``beta`` only when ``(`` follows; otherwise they are Greek letters),
``constant`` or ``variable``. A subscript (``x_1``, ``x_12``, ``w_{11}``, ``x_i``) joins a
variable's name; on ``log`` it is the base.

Numbers are exact strings turned into sympy by the ``Builder`` (which checks their size):
``2``, ``2.5``, ``.5``, and scientific ``1e-3``/``2.5E4`` when the ``e`` directly follows the
digits and is followed by digits (``2e`` and ``2ex`` mean 2·e and 2·e·x).

The tokenizer also refuses what is unreadable or ambiguous at the character level: unknown
characters, ``x2`` (x^2? x*2? x_2?), two numbers in a row, and a run of three or more single
letters directly followed by ``(`` (``foo(x)``: an unknown function).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from tutor.parse.build import Builder
from tutor.parse.errors import (
    EQUATION_REFUSAL,
    PRIME_REFUSAL,
    ParseError,
    describe_character,
    shorten,
)
from tutor.parse.source import MappedText
from tutor.parse.vocabulary import (
    CONSTANTS,
    FUNCTION_ALIASES,
    FUNCTION_ARITY,
    GREEK_CHARACTERS,
    GREEK_FUNCTIONS,
    GREEK_NAMES,
    canonical_function,
)

OPERATORS = frozenset("+-*/^!()[]{}|,√")
_BUILTIN_WORDS = frozenset(FUNCTION_ARITY) | frozenset(FUNCTION_ALIASES) | CONSTANTS | GREEK_NAMES
_NUMBER = re.compile(r"([0-9]+)(?:\.([0-9]*))?|\.([0-9]+)")
_EXPONENT = re.compile(r"[eE]([+-]?[0-9]+)")
_SUBSCRIPT = re.compile(r"_(?:([0-9]+)|([A-Za-z])|\{([A-Za-z0-9]+)\})")
_PAREN_AHEAD = re.compile(r"\s*\(")
_DIGITS = frozenset("0123456789")
_WHITESPACE = frozenset(" \t\n\r")
_MIN_UNKNOWN_FUNCTION = 3


@dataclass(frozen=True)
class Token:
    """One token; ``start``/``end`` are offsets into the normalised text."""

    kind: str  # "number", "name" or "op"
    text: str
    start: int
    end: int
    value: sympy.Expr | None = None  # numbers
    role: str = ""  # names: "function", "constant" or "variable"
    name: str = ""  # names: canonical function name, or the symbol's name with subscript
    subscript: str | None = None  # the base of log_b


class Tokenizer:
    """Splits one normalised text into tokens; raise ParseError at the first problem."""

    def __init__(
        self, source: MappedText, original: str, builder: Builder, variables: Iterable[str]
    ) -> None:
        self.source = source
        self.text = source.text
        self.original = original
        self.builder = builder
        self.variables = frozenset(variables)
        self.words = _BUILTIN_WORDS | self.variables
        self.longest_word = max(len(word) for word in self.words)
        self.tokens: list[Token] = []

    def error(self, message: str, index: int) -> ParseError:
        return ParseError(message, self.source.origin(index), self.original)

    def run(self) -> list[Token]:
        index = 0
        while index < len(self.text):
            char = self.text[index]
            if char in _WHITESPACE:
                index += 1
            elif char in _DIGITS or (char == "." and self.text[index + 1 : index + 2] in _DIGITS):
                index = self._number(index)
            elif char.isascii() and char.isalpha():
                index = self._letters(index)
            elif char in OPERATORS:
                index = self._operator(index)
            elif char in GREEK_CHARACTERS:
                index = self._add_name(GREEK_CHARACTERS[char], index, index + 1)
            elif char == "π":
                self._append(Token("name", char, index, index + 1, role="constant", name="pi"))
                index += 1
            elif char in "=<>":
                raise self.error(EQUATION_REFUSAL, index)
            elif char == "'":
                raise self.error(PRIME_REFUSAL, index)
            else:
                raise self.error(f"unexpected character {describe_character(char)}", index)
        return self.tokens

    def _append(self, token: Token) -> None:
        previous = self.tokens[-1] if self.tokens else None
        if previous is not None and token.kind == "number":
            if previous.kind == "number":
                raise self.error(
                    "two numbers in a row: join them or put * between them", token.start
                )
            if previous.kind == "name" and previous.end == token.start:
                message = _digits_after_name(previous, token)
                if message is not None:
                    raise self.error(message, token.start)
        self.tokens.append(token)

    def _number(self, index: int) -> int:
        match = _NUMBER.match(self.text, index)
        assert match is not None
        whole, point_fraction, bare_fraction = match.groups()
        fraction = point_fraction if point_fraction is not None else bare_fraction
        end = match.end()
        exponent = ""
        if (exponent_match := _EXPONENT.match(self.text, end)) is not None:
            exponent = exponent_match.group(1)
            end = exponent_match.end()
        try:
            value = self.builder.number(whole or "", fraction or "", exponent)
        except ParseError as err:
            raise err.located(self.source.origin(index), self.original) from None
        self._append(Token("number", self.text[index:end], index, end, value=value))
        return end

    def _letters(self, index: int) -> int:
        """Split the letter run at ``index`` into name tokens (with subscripts)."""
        run_start = len(self.tokens)
        while index < len(self.text) and self.text[index].isascii() and self.text[index].isalpha():
            word = self._longest_word(index)
            index = self._add_name(word, index, index + len(word))
        self._refuse_unknown_function(self.tokens[run_start:], index)
        return index

    def _longest_word(self, index: int) -> str:
        for length in range(min(self.longest_word, len(self.text) - index), 1, -1):
            if self.text[index : index + length] in self.words:
                return self.text[index : index + length]
        return self.text[index]

    def _add_name(self, word: str, start: int, end: int) -> int:
        """Append the name token for ``word`` at ``start:end``; return where it ends."""
        role, name = self._role(word, end)
        subscript = None
        if self.text.startswith("_", end):
            match = _SUBSCRIPT.match(self.text, end)
            if match is None:
                raise self.error("expected a subscript (digits, a letter or {...}) after '_'", end)
            subscript = next(group for group in match.groups() if group)
            end = match.end()
            if role == "function" and name != "log":
                raise self.error(f"'{word}' cannot take a subscript", start)
            if role != "function":
                role, name = "variable", f"{name}_{subscript}"
        self._append(
            Token(
                "name", self.text[start:end], start, end, role=role, name=name, subscript=subscript
            )
        )
        return end

    def _role(self, word: str, end: int) -> tuple[str, str]:
        if word in self.variables:
            return "variable", word
        function = canonical_function(word)
        if function is not None and (word not in GREEK_FUNCTIONS or self._paren_follows(end)):
            return "function", function
        if word in CONSTANTS:
            return "constant", word
        return "variable", word

    def _paren_follows(self, index: int) -> bool:
        return _PAREN_AHEAD.match(self.text, index) is not None

    def _refuse_unknown_function(self, run: list[Token], end: int) -> None:
        """``foo(x)``: three or more single letters followed by "("."""
        single = all(len(token.text) == 1 for token in run)
        if single and len(run) >= _MIN_UNKNOWN_FUNCTION and self._paren_follows(end):
            word = "".join(token.text for token in run)
            raise self.error(f"unknown function '{shorten(word)}'", run[0].start)

    def _operator(self, index: int) -> int:
        if self.text.startswith("**", index):
            self._append(Token("op", "^", index, index + 2))
            return index + 2
        self._append(Token("op", self.text[index], index, index + 1))
        return index + 1


def _digits_after_name(name: Token, number: Token) -> str | None:
    """Why ``x2`` or ``log2`` is refused; None when digits may follow (``sin2x``)."""
    if name.role == "function" and name.name != "log":
        return None
    digits = shorten(number.text, 6)
    if name.role == "function":
        return (
            f"ambiguous '{name.text}{digits}': write log_{digits}(x) for a base, or log({digits}x)"
        )
    shown = shorten(name.text)
    return (
        f"ambiguous '{shown}{digits}': write {shown}^{digits}, {shown}*{digits} or {shown}_{digits}"
    )
