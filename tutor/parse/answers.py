"""parse_answer: a student's answer of a given kind -> ParsedAnswer (its value and written form).

The answer checker asks for an answer of a kind in ``ANSWER_KINDS``: one expression
(``expr``, ``number``, ``antiderivative``) or a structure of expressions (``vector``,
``matrix``, ``set`` of points, ``equation``). ``tutor.parse.shapes`` finds the entries and
checks their counts before anything is read; each entry is then read by the one expression
parser (``tutor.parse.reading.read``), evaluated and as written, within ``max_seconds`` each
and ``max_answer_seconds`` in all. An error inside an entry is reported at its position in
the whole answer (position 3 of an entry starting at 10 is position 13).

Beyond the value, per kind:

- ``number``: the value may contain no variable; ``text`` keeps what was typed (``2.50``),
  for counting significant figures.
- ``antiderivative``: ``constant`` is the constant of integration, left in the value: a
  one-letter symbol (optionally subscripted, ``C_1``) that is not one of the variables
  (``x``, ``y``, ``z``, ``t`` unless ``variables`` says otherwise) and appears only as an
  additive term, ``+ C`` or ``- C``. With several candidates, C, K, c, k are preferred in
  that order, then the last one written.
- ``vector``: ``orientation``, "row", "column" or None (see ``tutor.parse.shapes``).

``alternatives`` holds the other readings of ambiguous entries (``1/2x``): the answer's text
with that entry parenthesised as it would be read, and the answer's whole value under that
reading, one entry changed at a time.

To add a kind: a shape in ``tutor.parse.shapes``, its name in ``ANSWER_KINDS``, and here
whatever it checks or reports beyond its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from tutor.collector import collector_paused
from tutor.parse.build import Builder, Deadline
from tutor.parse.errors import EQUATION_REFUSAL, TUPLE_REFUSAL, ParseError
from tutor.parse.limits import DEFAULT_LIMITS, Limits
from tutor.parse.reading import Reading, check_arguments, choose_syntax, read
from tutor.parse.shapes import Shape, shape_of
from tutor.parse.structure import Span

ANSWER_KINDS = ("expr", "number", "antiderivative", "vector", "matrix", "set", "equation")
INTEGRATION_VARIABLES = ("x", "y", "z", "t")
_CONSTANT_NAME = re.compile(r"[A-Za-z](?:_[A-Za-z0-9]+)?")
_PREFERRED_CONSTANTS = "CKck"
_STRUCTURES = ("vector", "matrix", "set")
_LEADING_BLANK = re.compile(r"\s*")

AnswerValue = Any  # Expr | tuple of Expr | tuple of tuples | ImmutableMatrix | Equality


@dataclass(frozen=True)
class ParsedAnswer:
    """One answer as read.

    ``value`` is an expression (``expr``, ``number``, ``antiderivative``), a tuple of
    expressions (``vector``), a tuple of points, each a tuple (``set``, 1-D points as
    1-tuples), a ``sympy.ImmutableMatrix`` (``matrix``) or an unevaluated ``sympy.Eq``
    (``equation``). ``written`` has the same shape, built from the unevaluated (written)
    readings of the entries. ``syntax`` is "text" or "latex"; ``text`` is the input as given.
    """

    kind: str
    value: AnswerValue
    written: AnswerValue
    syntax: str
    text: str
    alternatives: tuple[tuple[str, AnswerValue], ...] = ()
    orientation: str | None = None
    constant: sympy.Symbol | None = None


def parse_answer(
    text: str,
    kind: str,
    *,
    syntax: str = "auto",
    variables: Iterable[str] | None = None,
    log_default: str = "e",
    limits: Limits = DEFAULT_LIMITS,
) -> ParsedAnswer:
    """Read a student's answer of ``kind`` (one of ``ANSWER_KINDS``); raise ParseError (one
    line, positioned in ``text``) when it cannot be read as one. The other arguments are
    those of ``parse_expression``; for an antiderivative, ``variables`` are also the names
    that cannot be the constant of integration."""
    if kind not in ANSWER_KINDS:
        raise ValueError(f"kind must be one of {ANSWER_KINDS}, not {kind!r}")
    names = tuple(variables) if variables is not None else None
    declared = check_arguments(text, syntax, names, log_default, limits)
    chosen = choose_syntax(text, syntax)
    shape = shape_of(kind, text, chosen == "latex", limits)
    with collector_paused():
        readings = _read_entries(text, shape, kind, chosen, declared, log_default, limits)
    value = shape.assemble([evaluated.expr for evaluated, _ in readings])
    written = shape.assemble([written.expr for _, written in readings])
    if kind == "number":
        _check_number(value, text)
    constant = None
    if kind == "antiderivative":
        excluded = frozenset(names if names is not None else INTEGRATION_VARIABLES)
        constant = integration_constant(value, written, excluded)
    return ParsedAnswer(
        kind,
        value,
        written,
        chosen,
        text,
        _alternatives(text, shape, readings),
        shape.orientation,
        constant,
    )


def _read_entries(
    text: str,
    shape: Shape,
    kind: str,
    syntax: str,
    declared: frozenset[str],
    log_default: str,
    limits: Limits,
) -> list[tuple[Reading, Reading]]:
    """Each entry's (evaluated, written) readings, within the answer's budget and its own."""
    deadline = Deadline(limits.max_answer_seconds)
    readings = []
    for span in shape.spans:
        builder = Builder(limits, Deadline(limits.max_seconds, within=deadline), log_default)
        builders = (builder, builder.written())
        readings.append(_read_entry(text, span, kind, syntax, declared, builders))
    return readings


def integration_constant(
    value: sympy.Expr, written: sympy.Expr, variables: frozenset[str]
) -> sympy.Symbol | None:
    """The constant of integration in an antiderivative (see the module docstring), or None."""
    terms = sympy.Add.make_args(value)
    found: list[sympy.Symbol] = []
    for symbol in _additive_symbols(written):
        if symbol in found or symbol.name in variables or not _CONSTANT_NAME.fullmatch(symbol.name):
            continue
        rest = [term for term in terms if term not in (symbol, -symbol)]
        if len(rest) < len(terms) and not any(term.has(symbol) for term in rest):
            found.append(symbol)
    if not found:
        return None

    def preference(symbol: sympy.Symbol) -> tuple[int, int]:
        rank = _PREFERRED_CONSTANTS.find(symbol.name[0])
        return (rank if rank >= 0 else len(_PREFERRED_CONSTANTS), -found.index(symbol))

    return min(found, key=preference)


def _additive_symbols(written: sympy.Expr) -> list[sympy.Symbol]:
    """Symbols written as a term of the top-level sum (``+ C`` or ``- C``), in text order."""
    symbols = []
    stack = [written]
    while stack:
        node = stack.pop()
        if node.is_Add:
            stack.extend(reversed(node.args))
        elif node.is_Symbol:
            symbols.append(node)
        elif node.is_Mul and len(node.args) == 2 and node.args[0] == -1 and node.args[1].is_Symbol:
            symbols.append(node.args[1])
    return symbols


def _read_entry(
    text: str,
    span: Span,
    kind: str,
    chosen: str,
    declared: frozenset[str],
    builders: Sequence[Builder],
) -> tuple[Reading, Reading]:
    """The evaluated and written readings of one entry, errors located in the whole text."""
    entry = text[span.start : span.end]
    try:
        evaluated, written = read(entry, chosen, declared, builders)
    except ParseError as err:
        position = err.position
        if position is None and len(entry) < len(text):  # point at the entry, at least
            match = _LEADING_BLANK.match(entry)
            position = match.end() if match is not None else 0
        if position is not None:
            position += span.start
        raise ParseError(_in_context(err.message, kind), position, text) from None
    return evaluated, written


def _in_context(message: str, kind: str) -> str:
    """An entry's error message, reworded where the expression parser's advice misleads."""
    if message == TUPLE_REFUSAL and kind in _STRUCTURES:
        return (
            "unexpected ',' inside an entry (an entry cannot itself be a list; check the brackets)"
        )
    if message == TUPLE_REFUSAL and kind == "equation":
        return "unexpected ',' in a side of the equation"
    if message == EQUATION_REFUSAL and kind == "equation":
        return "an equation has exactly one '=' and no inequality signs"
    return message


def _alternatives(
    text: str, shape: Shape, readings: list[tuple[Reading, Reading]]
) -> tuple[tuple[str, AnswerValue], ...]:
    entries = [evaluated.expr for evaluated, _ in readings]
    alternatives = []
    for index, (evaluated, _) in enumerate(readings):
        span = shape.spans[index]
        for shown, expr in evaluated.alternatives:
            changed = [*entries[:index], expr, *entries[index + 1 :]]
            description = text[: span.start] + shown + text[span.end :]
            alternatives.append((description, shape.assemble(changed)))
    return tuple(alternatives)


def _check_number(value: sympy.Expr, text: str) -> None:
    if value.free_symbols:
        name = sorted(symbol.name for symbol in value.free_symbols)[0]
        raise ParseError(
            f"a number is expected here, but this contains the variable {name}", None, text
        )
