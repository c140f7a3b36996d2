"""How the week-5 critical-point layouts write values (tutor.render.solutions.systems,
.critical and .lagrange): floats to SHOWN significant digits with rounding noise dropped
(`shown_value`, `maths`), points and `located` values (x = 1, or (1, 2)), equations on their own
line (`equation_line`), written products and signed sums (`times`, `signed_sum`), determinants
written out (`determinant_text`), words in maths, and the caption's precision (`precision_note`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.blocks import Line
from tutor.render.solutions.shared import point as _tuple_point
from tutor.render.wording import critical as W

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder

SHOWN = 10  # significant digits a float is shown with (tutor.solvers.numbers.SHOWN_DIGITS)
CHOP = 1e-15  # values at float points are computed to 20 digits: below this is rounding noise


def shown_value(value):
    """Floats rounded to SHOWN significant digits (exact values untouched)."""
    if not isinstance(value, sp.Basic) or not value.has(sp.Float):
        return value
    return value.xreplace({f: _rounded(f) for f in value.atoms(sp.Float)})


def _rounded(f: sp.Float) -> sp.Basic:
    """A float to SHOWN digits (2, not 2.0, when whole); rounding noise (|f| < CHOP) is 0."""
    if abs(f) < CHOP:
        return sp.Integer(0)
    whole = round(float(f))
    if abs(float(f) - whole) <= 1e-12 * abs(float(f)):
        return sp.Integer(whole)
    return sp.Float(f, SHOWN)


def point(builder: OutlineBuilder, values) -> str:
    """(1, 2); (1) for one coordinate."""
    values = list(values)
    if len(values) == 1:
        return f"({builder.notation.math(values[0])})"
    return _tuple_point(builder, values)


def maths(builder: OutlineBuilder, value) -> str:
    return builder.notation.math(shown_value(value))


def maths_words(builder: OutlineBuilder, words: str) -> str:
    """Words inside maths (a table cell, 'or')."""
    escaped = builder.notation.words(words)
    return rf"\text{{{escaped}}}" if builder.notation.name == "latex" else escaped


def joined(builder: OutlineBuilder, items: list[str], word: str = "or") -> str:
    if builder.notation.name == "latex":
        return rf" \text{{ {word} }} ".join(items)
    return f" {word} ".join(items)


def located(builder: OutlineBuilder, variables, values) -> str:
    """(1, 2) for several variables, x = 1 for one."""
    values = [shown_value(v) for v in values]
    if len(variables) == 1:
        return builder.notation.math(sp.Eq(variables[0], values[0], evaluate=False))
    return point(builder, values)


def paren(builder: OutlineBuilder, text: str) -> str:
    return f"({text})" if builder.notation.name == "text" else rf"\left({text}\right)"


def times(builder: OutlineBuilder, factors) -> str:
    """a·b with each factor that is a sum or negative in brackets (a written product)."""
    parts = []
    for factor in factors:
        text = maths(builder, factor)
        if isinstance(factor, sp.Add) or text.startswith(("−", "-")):
            text = paren(builder, text)
        parts.append(text)
    return ("·" if builder.notation.name == "text" else r" \cdot ").join(parts)


def signed_sum(builder: OutlineBuilder, terms) -> str:
    """(sign, written term) pairs joined with + and −, as written."""
    minus = "−" if builder.notation.name == "text" else "-"
    out = ""
    for index, (sign, text) in enumerate(terms):
        if index == 0:
            out = text if sign > 0 else f"{minus}{text}"
        else:
            out += f" {minus if sign < 0 else '+'} {text}"
    return out


def determinant_text(builder: OutlineBuilder, M) -> str:
    """det M written out: ad − bc, or along the first row for a 3×3 matrix."""
    if M.shape == (2, 2):
        return signed_sum(builder, [(1, times(builder, [M[0, 0], M[1, 1]])),
                                    (-1, times(builder, [M[0, 1], M[1, 0]]))])  # fmt: skip
    terms = []
    for j in range(M.shape[1]):
        minor = paren(builder, determinant_text(builder, M.minor_submatrix(0, j)))
        terms.append((-1 if j % 2 else 1, f"{times(builder, [M[0, j]])}{minor}"))
    return signed_sum(builder, terms)


def equation_line(builder: OutlineBuilder, depth: int, eq, note: str = "", rule: str = "equation"):
    lhs, rhs = maths(builder, eq.lhs), maths(builder, eq.rhs)
    last = builder.lines[-1] if builder.lines else None
    if isinstance(last, Line) and (last.lhs, last.rhs) == (lhs, rhs) and rule != "equation":
        return  # the equation was just written (the system had this one equation)
    builder.add(depth, lhs, rhs, note, rule)


def inline_maths(builder: OutlineBuilder, pair: tuple[str, str]) -> str:
    """Inline maths given as (Unicode text, LaTeX)."""
    return builder.notation.inline(pair[0] if builder.notation.name == "text" else pair[1])


def call(builder: OutlineBuilder, name: str, variables) -> str:
    return f"{builder.notation.symbol(name)}{point(builder, variables)}"


def precision_note(builder: OutlineBuilder, steps) -> str:
    """'; values to 10 significant digits' when any value is a float, else ''."""
    if not any(node.details.get("digits") for step in steps for node in step.walk()):
        return ""
    return builder.notation.words("; ") + builder.words(W.NUMERIC, digits=str(SHOWN))
