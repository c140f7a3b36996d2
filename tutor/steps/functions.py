"""The table of elementary functions the engine differentiates directly, in textbook form.

One row per function: the sympy class, the stable rule id, the derivative of f(u) with respect to
u written as a teacher writes it (sec² u, not tan² u + 1; 1/(|u|√(u²−1)) for arcsec), and the
condition under which that formula holds. The chain rule wraps any row when the argument is not
the variable itself. To teach the engine a new function, add one row here, a title and formula in
`tutor.steps.rules.FUNCTION_TITLES`, and a sentence in `tutor.render.messages`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp
from sympy import Abs, sqrt


@dataclass(frozen=True)
class FunctionRow:
    func: type[sp.Function]
    rule: str
    derivative: Callable[[sp.Expr], sp.Expr]
    condition: Callable[[sp.Expr], sp.Basic] | None = None


def _row(func, rule, derivative, condition=None) -> FunctionRow:
    return FunctionRow(func, rule, derivative, condition)


FUNCTION_TABLE: dict[type, FunctionRow] = {
    row.func: row
    for row in (
        _row(sp.exp, "exp", lambda u: sp.exp(u)),
        _row(sp.log, "ln", lambda u: 1 / u, lambda u: u > 0),
        _row(sp.sin, "sin", lambda u: sp.cos(u)),
        _row(sp.cos, "cos", lambda u: -sp.sin(u)),
        _row(sp.tan, "tan", lambda u: sp.sec(u) ** 2),
        _row(sp.sec, "sec", lambda u: sp.sec(u) * sp.tan(u)),
        _row(sp.csc, "csc", lambda u: -sp.csc(u) * sp.cot(u)),
        _row(sp.cot, "cot", lambda u: -(sp.csc(u) ** 2)),
        _row(sp.asin, "asin", lambda u: 1 / sqrt(1 - u**2), lambda u: Abs(u) < 1),
        _row(sp.acos, "acos", lambda u: -1 / sqrt(1 - u**2), lambda u: Abs(u) < 1),
        _row(sp.atan, "atan", lambda u: 1 / (1 + u**2)),
        _row(sp.asec, "asec", lambda u: 1 / (Abs(u) * sqrt(u**2 - 1)), lambda u: Abs(u) > 1),
        _row(sp.acsc, "acsc", lambda u: -1 / (Abs(u) * sqrt(u**2 - 1)), lambda u: Abs(u) > 1),
        _row(sp.acot, "acot", lambda u: -1 / (1 + u**2)),
        _row(sp.sinh, "sinh", lambda u: sp.cosh(u)),
        _row(sp.cosh, "cosh", lambda u: sp.sinh(u)),
        _row(sp.tanh, "tanh", lambda u: sp.sech(u) ** 2),
        _row(sp.sech, "sech", lambda u: -sp.sech(u) * sp.tanh(u)),
        _row(sp.csch, "csch", lambda u: -sp.csch(u) * sp.coth(u), lambda u: sp.Ne(u, 0)),
        _row(sp.coth, "coth", lambda u: -(sp.csch(u) ** 2), lambda u: sp.Ne(u, 0)),
        _row(sp.asinh, "asinh", lambda u: 1 / sqrt(u**2 + 1)),
        _row(sp.acosh, "acosh", lambda u: 1 / sqrt(u**2 - 1), lambda u: u > 1),
        _row(sp.atanh, "atanh", lambda u: 1 / (1 - u**2), lambda u: Abs(u) < 1),
        _row(sp.asech, "asech", lambda u: -1 / (u * sqrt(1 - u**2)), lambda u: (u > 0) & (u < 1)),
        _row(sp.acsch, "acsch", lambda u: -1 / (Abs(u) * sqrt(1 + u**2)), lambda u: sp.Ne(u, 0)),
        _row(sp.acoth, "acoth", lambda u: 1 / (1 - u**2), lambda u: Abs(u) > 1),
        _row(sp.Abs, "abs", lambda u: u / Abs(u), lambda u: sp.Ne(u, 0)),
    )
}


def table_row(expr: sp.Basic) -> FunctionRow | None:
    """The row for a one-argument application such as sin(g), or None."""
    if isinstance(expr, sp.Function) and len(expr.args) == 1:
        return FUNCTION_TABLE.get(type(expr))
    return None
