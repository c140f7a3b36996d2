"""Week 2: the directional derivative D_û f = ∇f · û, with the direction made a unit vector.

`directional_derivative(f, direction, variables=None, at=None)` returns a `directional_derivative`
step (kind sequence) whose children are, in order:

1. the gradient (tutor.solvers.multivariate.gradient: every entry a derivation);
2. `unit_vector` (kind rewrite): û = v/|v| entry by entry, `expr` the quotients as written; its one
   child `vector_norm` (kind rewrite) computes |v| = √(v₁² + v₂² + ...) from the written squares;
3. `dot_product` (kind rewrite): `expr` the unevaluated sum ∂f/∂x₁·û₁ + ∂f/∂x₂·û₂ + ...,
   `result` that sum worked out;
4. when `at` is given, `directional_value` (kind evaluate): the dot product at the point, exact
   for an exact point and direction, floats to `details["digits"]` otherwise.

The direction is a list of real numbers, one per variable. The zero vector (no direction at all)
and a direction with the wrong number of components are ValueErrors, as is a point where the
derivative has no finite real value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from tutor.solvers.common import evaluate_at
from tutor.solvers.multivariate import gradient, point_mapping, require_defined
from tutor.solvers.numbers import SHOWN_DIGITS, all_exact, to_float
from tutor.steps import Step
from tutor.steps.values import as_value


def directional_derivative(
    f: sp.Basic,
    direction: Sequence[Any],
    variables: Sequence[sp.Symbol] | None = None,
    at: Mapping[sp.Symbol, Any] | Sequence[Any] | None = None,
) -> Step:
    first = gradient(as_value(f), variables)
    variables = first.details["variables"]
    v = _direction(direction, variables)
    unit = unit_vector(v)
    dot = dot_product(first.result, unit.result)
    children = [first, unit, dot]
    details: dict[str, Any] = {
        "variables": tuple(variables),
        "direction": sp.Tuple(*v),
        "unit": unit.result,
    }
    digits = None if all_exact(v) else SHOWN_DIGITS
    if at is not None:
        point = point_mapping(at, variables)
        if not all_exact(list(point.values()), dot.result):
            digits = SHOWN_DIGITS
        where = {"point": sp.Tuple(*point.values())}
        require_defined((first.expr, dot.result), point)
        value = evaluate_at(dot.result, point, digits, "directional_value", where)
        children.append(value)
        details.update(at=value.details["at"], point=where["point"])
    if digits is not None:
        details["digits"] = digits
    result = children[-1].result
    return Step(
        "directional_derivative", first.expr, None, result, tuple(children), "sequence", details
    )


def unit_vector(v: Sequence[sp.Basic]) -> Step:
    """û = v/|v| (kind rewrite) with the norm |v| as its child."""
    norm = vector_norm(v)
    size = norm.result
    written = sp.Tuple(*(sp.Mul(c, sp.Pow(size, -1, evaluate=False), evaluate=False) for c in v))
    exact = all_exact(v)
    values = sp.Tuple(*(c / size if exact else to_float(c / size) for c in v))
    details = {"direction": sp.Tuple(*v), "norm": size, "already_unit": bool(size == 1)}
    return Step("unit_vector", written, None, values, (norm,), "rewrite", _digits(details, v))


def vector_norm(v: Sequence[sp.Basic]) -> Step:
    """|v| = √(v₁² + v₂² + ...), the squares as written, then worked out."""
    squares = sp.Add(*(sp.Pow(c, 2, evaluate=False) for c in v), evaluate=False)
    written = sp.Pow(squares, sp.Rational(1, 2), evaluate=False)
    value = sp.sqrt(sum((c**2 for c in v), sp.Integer(0)))
    if not all_exact(v):
        value = to_float(value)
    details = _digits({"direction": sp.Tuple(*v)}, v)
    return Step("vector_norm", written, None, value, (), "rewrite", details)


def dot_product(grad: sp.MatrixBase, unit: sp.Tuple) -> Step:
    """∇f · û: the sum of products as written, then worked out."""
    terms = [sp.Mul(g, u, evaluate=False) for g, u in zip(grad, unit, strict=True)]
    written = sp.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]
    value = sp.Add(*(g * u for g, u in zip(grad, unit, strict=True)))
    details = _digits({"unit": unit}, unit)
    return Step("dot_product", written, None, value, (), "rewrite", details)


def _digits(details: dict[str, Any], values: Sequence[sp.Basic]) -> dict[str, Any]:
    """Floats are shown to SHOWN_DIGITS (details["digits"]); exact values need no digits."""
    return details if all_exact(values) else {**details, "digits": SHOWN_DIGITS}


def _direction(direction: Sequence[Any], variables: Sequence[sp.Symbol]) -> list[sp.Basic]:
    try:
        v = [as_value(c) for c in direction]
    except TypeError as error:
        raise ValueError(f"the direction must be a list of numbers: {error}") from None
    if len(v) != len(variables):
        names = ", ".join(str(s) for s in variables)
        raise ValueError(
            f"the direction has {len(v)} components but the function has {len(variables)}"
            f" variables ({names}): give one component per variable"
        )
    for c in v:
        if c.free_symbols or c.is_real is not True or c.is_finite is False:
            raise ValueError(f"the direction's components must be real numbers, not {c}")
    if all(c.is_zero for c in v):
        raise ValueError("the direction must not be the zero vector")
    return v
