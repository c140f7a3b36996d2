"""Building blocks every solver uses: partial derivatives, values at a point, matrix steps.

- `partial(expr, var, variables)`: ∂expr/∂var as a `partial` step (kind diff) whose one child is
  the engine's full derivation; the other variables are recorded as held constant.
- `evaluate_at(expr, at, digits)`: the value of an expression or matrix at a point (kind
  evaluate): exact, lightly simplified, when the point is exact; a Float to `digits` otherwise.
- `matrix_step(rule, expr, children, shape)`: a grid of steps (kind matrix) whose result is the
  matrix of the children's results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sympy as sp

from tutor.steps import Step, derive
from tutor.steps.values import as_value

SIMPLIFY_LIMIT = 40  # operations; an exact value bigger than this is left as substituted


def ordered_variables(expr: sp.Basic, given: Sequence[sp.Symbol] | None = None) -> tuple:
    """The variables in the order given, or the expression's free symbols by name."""
    if given is not None:
        return tuple(given)
    return tuple(sorted(expr.free_symbols, key=lambda symbol: symbol.name))


def partial(expr: sp.Basic, var: sp.Symbol, variables: Iterable[sp.Symbol]) -> Step:
    """∂expr/∂var, derived by the engine with every other variable held constant."""
    derivation = derive(as_value(expr), var)
    held = tuple(v for v in variables if v != var)
    return Step(
        "partial",
        derivation.expr,
        var,
        derivation.result,
        (derivation,),
        "diff",
        {"held_constant": held},
    )


def exact_value(value: sp.Basic) -> sp.Basic:
    """A substituted exact value in its simplest small form (2√2, not √8·1)."""
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(exact_value))
    if sp.count_ops(value) <= SIMPLIFY_LIMIT:
        return sp.simplify(value)
    return value


def is_exact(value: Any) -> bool:
    """True for sympy numbers and expressions without Floats (2, 3/4, √2, π/3)."""
    value = as_value(value)
    if isinstance(value, sp.MatrixBase):
        return all(is_exact(entry) for entry in value)
    return not value.has(sp.Float)


def evaluate_at(
    expr: sp.Basic,
    at: Mapping[sp.Symbol, sp.Basic],
    digits: int | None = None,
    rule: str = "evaluate",
    details: Mapping[str, Any] | None = None,
) -> Step:
    """The value of `expr` at the point `at`: exact when `digits` is None, else a Float."""
    point = {symbol: as_value(value) for symbol, value in at.items()}
    substituted = expr.subs(point)
    if digits is None:
        value = exact_value(substituted)
    elif isinstance(substituted, sp.MatrixBase):
        value = sp.ImmutableMatrix(substituted.applyfunc(lambda entry: sp.N(entry, digits)))
    else:
        value = sp.N(substituted, digits)
    extra = {"at": point, **({"digits": digits} if digits is not None else {})}
    return Step(rule, expr, None, value, (), "evaluate", {**extra, **dict(details or {})})


def matrix_step(
    rule: str,
    expr: sp.Basic,
    children: Sequence[Step],
    shape: tuple[int, int],
    details: Mapping[str, Any] | None = None,
) -> Step:
    """A grid of steps; the result is the matrix of their results, row by row."""
    rows, cols = shape
    values = [child.result for child in children]
    result = sp.ImmutableMatrix(rows, cols, values)
    return Step(rule, expr, None, result, tuple(children), "matrix", dict(details or {}))
