"""Calculator syntax: normalise, tokenize, check brackets, parse -- and collect readings.

``read_calculator`` turns calculator text into sympy with the grammar of
``tutor.parse.grammar``. Readings where the convention is a choice are parsed a second time
under a ``Mode`` that flips it, and different results become ``alternatives``: ``1/2x`` is
(1/2)·x, alternatively 1/(2x) (``implicit_first``); ``sin x y`` is sin(x·y), alternatively
sin(x)·y (``short_arguments``: the argument ends after its first non-number factor). The
alternative's text is the input with the parentheses that mode implied.

Each reading can be built twice: evaluated, and as written (a written ``Builder``, see
``tutor.parse.build``). The evaluating parses run first and decide which alternatives exist;
the written parses then follow their paths. A new ambiguous convention is a ``Mode`` field,
set by the grammar where the choice arises; a new symbol spelling goes in ``_REPLACEMENTS``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

import sympy

from tutor.parse.build import Builder
from tutor.parse.errors import ParseError
from tutor.parse.grammar import Mode, Parser
from tutor.parse.source import check_brackets, normalize_unicode
from tutor.parse.tokens import Tokenizer

_REPLACEMENTS = {"×": "*", "·": "*", "⋅": "*", "∗": "*", "−": "-", "–": "-", "÷": "/"}

Alternatives = tuple[tuple[str, sympy.Expr], ...]


def read_calculator(
    text: str, builders: Sequence[Builder], variables: frozenset[str]
) -> list[tuple[sympy.Expr, Alternatives]]:
    """The expression for calculator-syntax ``text`` and its alternative readings, once per
    builder. The first builder evaluates and decides which alternatives differ; any further
    (written) builder rebuilds the same readings in its own form."""
    builder = builders[0]
    source = normalize_unicode(text, "^({})", _REPLACEMENTS)
    tokens = Tokenizer(source, text, builder, variables).run()
    if not tokens:
        raise ParseError("empty expression", None, text)
    brackets = [
        (token.text, source.origin(token.start))
        for token in tokens
        if token.kind == "op" and token.text in "()[]{}"
    ]
    check_brackets(brackets, text, builder.limits.max_depth)
    parser = Parser(tokens, source, text, builder, variables, Mode())
    expr = parser.parse()
    kept: list[Parser] = []
    for mode in _modes_for(parser.ambiguities):
        other = Parser(tokens, source, text, builder, variables, mode)
        value = other.parse()
        if value != expr and all(value != seen.value for seen in kept):
            kept.append(other)
    readings = []
    for each in builders:
        parsers = [parser, *kept]
        if each is not builder:  # the written form, down the evaluated readings' paths
            parsers = [
                Parser(tokens, source, text, each, variables, p.mode, replaying=p.replay())
                for p in parsers
            ]
            for written in parsers:
                written.parse()
        alternatives = tuple(
            (_parenthesize(source.text, p.groupings), p.value) for p in parsers[1:]
        )
        readings.append((parsers[0].value, alternatives))
    return readings


def _modes_for(ambiguities: set[str]) -> Iterator[Mode]:
    names = sorted(ambiguities)
    for size in range(1, len(names) + 1):
        for chosen in combinations(names, size):
            yield Mode(**{name: True for name in chosen})


def _parenthesize(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span wrapped in parentheses (insertions made right to left)."""
    inserts = [(start, "(") for start, _ in spans] + [(end, ")") for _, end in spans]
    for index, char in sorted(inserts, key=lambda item: item[0], reverse=True):
        text = text[:index] + char + text[index:]
    return text
