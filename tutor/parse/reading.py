"""parse_expression: the package's entry point, choosing the syntax and returning a Reading.

It owns what both syntaxes share: argument validation, the length check (before anything
else), invisible/control character screening, the choice between calculator text and LaTeX,
and the final refusal of undefined results (``1/0``, ``log(0)``). ``read`` is the part
``tutor.parse.answers`` shares for each component of a structured answer: it builds the
evaluated reading and, given a written builder, the written one. A new syntax would be one
more branch in ``read`` returning expressions built through the given ``Builder``s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sympy

from tutor.collector import collector_paused
from tutor.parse.build import Builder, Deadline
from tutor.parse.calculator import Alternatives, read_calculator
from tutor.parse.errors import UNDEFINED_REFUSAL, ParseError
from tutor.parse.latex import read_latex
from tutor.parse.limits import DEFAULT_LIMITS, Limits
from tutor.parse.source import screen_characters
from tutor.parse.vocabulary import VARIABLE_NAME

SYNTAXES = ("auto", "text", "latex")
LOG_DEFAULTS = ("e", "10")
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.AccumBounds)


@dataclass(frozen=True)
class Reading:
    """How one input was read.

    ``expr`` is the sympy expression (symbols are real); ``syntax`` is "text" or "latex";
    ``text`` is the input as given; ``alternatives`` holds other plausible readings of an
    ambiguous input as (input with the implied parentheses, expression) pairs, each
    different from ``expr``.
    """

    expr: sympy.Expr
    syntax: str
    text: str
    alternatives: Alternatives = ()


def parse_expression(
    text: str,
    syntax: str = "auto",
    variables: Iterable[str] | None = None,
    log_default: str = "e",
    limits: Limits = DEFAULT_LIMITS,
    evaluate: bool = True,
) -> Reading:
    """Read a student's expression; raise ParseError (one line) when it cannot be read.

    ``syntax`` is "text" (calculator syntax), "latex", or "auto": LaTeX when the input
    contains a backslash. Braces alone do not make LaTeX: calculator syntax reads ``{...}``
    as brackets, so ``x^{2}``, ``log_{10} x`` and ``w_{11}`` mean the same either way.
    ``variables`` declares multi-letter variable names (``["x1", "theta"]``) that must not be
    split into letters. ``log_default`` says what a bare ``log`` means: "e" or "10".
    ``evaluate=False`` returns the written form: sums, products, powers and quotients as
    typed, unevaluated (``2+3`` stays a sum; ``.doit()`` gives the evaluated reading), and
    the alternatives in written form too. It is built after, and only if, the evaluated
    reading passed every limit.
    """
    declared = check_arguments(text, syntax, variables, log_default, limits)
    with collector_paused():
        builder = Builder(limits, Deadline(limits.max_seconds), log_default)
        builders = (builder,) if evaluate else (builder, builder.written())
        return read(text, choose_syntax(text, syntax), declared, builders)[-1]


def check_arguments(
    text: str,
    syntax: str,
    variables: Iterable[str] | None,
    log_default: str,
    limits: Limits,
) -> frozenset[str]:
    """Validate the arguments, then the input's length (first) and characters; return the
    declared variable names."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if syntax not in SYNTAXES:
        raise ValueError(f"syntax must be one of {SYNTAXES}, not {syntax!r}")
    if log_default not in LOG_DEFAULTS:
        raise ValueError(f"log_default must be one of {LOG_DEFAULTS}, not {log_default!r}")
    declared = _declared(variables)
    if len(text) > limits.max_length:
        raise ParseError(
            f"the input is too long ({len(text)} characters; the limit is {limits.max_length})",
            None,
            text,
        )
    screen_characters(text)
    if not text.strip():
        raise ParseError("empty expression", None, text)
    return declared


def choose_syntax(text: str, syntax: str) -> str:
    """ "text" or "latex": LaTeX when asked for, or in "auto" when there is a backslash."""
    return "latex" if syntax == "latex" or (syntax == "auto" and "\\" in text) else "text"


def read(
    text: str, chosen: str, declared: frozenset[str], builders: Sequence[Builder]
) -> list[Reading]:
    """One Reading of checked ``text`` in syntax ``chosen`` per builder: the first evaluates
    (and is checked for undefined values), any further one builds the written form."""
    results: list[tuple[sympy.Expr, Alternatives]]
    try:
        if chosen == "latex":
            results = [(expr, ()) for expr in read_latex(text, builders, declared)]
        else:
            results = read_calculator(text, builders, declared)
    except RecursionError:
        raise ParseError("the expression is too deeply nested to read", None, text) from None
    except ParseError as err:
        raise err.located(None, text) from None
    if results[0][0].has(*_UNDEFINED):
        raise ParseError(UNDEFINED_REFUSAL, None, text)
    return [Reading(expr, chosen, text, alternatives) for expr, alternatives in results]


def _declared(variables: Iterable[str] | None) -> frozenset[str]:
    names = frozenset(variables or ())
    for name in names:
        if not isinstance(name, str) or not VARIABLE_NAME.fullmatch(name):
            raise ValueError(f"not a valid variable name: {name!r}")
    return names
