"""Week 4: the Taylor expansion of f(x, y) about (a, b) to first or second order.

`taylor_two_variables(f, variables=None, about=(0, 0), order=2)` returns a
`taylor_two_variables` step (kind sequence, result: the approximation, expanded) with children
- `taylor2_value` (evaluate): f(a, b);
- order 1: `at_point` of the gradient (tutor.solvers.multivariate), each partial a derivation;
  order 2: `at_point` of the Hessian (whose first child is the gradient) and
  `taylor2_gradient_value` (evaluate), the gradient at the point;
- `taylor2_linear` (rewrite): J Δ = f_x(a, b)(x − a) + f_y(a, b)(y − b);
- order 2: `taylor2_quadratic` (rewrite): ½ Δᵀ H Δ = ½ (f_xx Δx² + 2 f_xy Δx Δy + f_yy Δy²);
- `taylor2_sum` (rewrite): f(a, b) + J Δ [+ ½ Δᵀ H Δ], in powers of Δ, expanded.
`details` carry the matrix form: the gradient row J, the Hessian H, the displacement Δ.
A point where f or one of its partial derivatives up to the order has no real finite value is a
ValueError naming the point and the order; so is a point with the wrong number of coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from tutor.notation import to_text
from tutor.solvers.common import ordered_variables
from tutor.solvers.multivariate import at_point, gradient, hessian
from tutor.solvers.numbers import SHOWN_DIGITS, all_exact
from tutor.solvers.taylor import monomial_form
from tutor.solvers.taylor_common import check_number, defined_value, evaluate
from tutor.steps import Step
from tutor.steps.values import as_value


def taylor_two_variables(
    f: sp.Basic,
    variables: Sequence[sp.Symbol] | None = None,
    about: Sequence[sp.Basic | int] = (0, 0),
    order: int = 2,
) -> Step:
    f = as_value(f)
    variables, point = _check(f, variables, about, order)
    at = dict(zip(variables, point, strict=True))
    digits = None if all_exact(f, *point) else SHOWN_DIGITS
    value = evaluate(f, at, digits, "taylor2_value", {"order": 0})
    _require(value.result, f, point, 0)
    derivatives, grad, hess = _derivatives(f, variables, point, order, digits)
    children = [value, *derivatives]
    delta = [v - p for v, p in zip(variables, point, strict=True)]
    terms = [_linear(grad, delta)] + ([_quadratic(hess, delta)] if hess is not None else [])
    total = _sum(value.result, terms)
    children += [*terms, total]
    details = {
        "variables": tuple(variables),
        "about": sp.Tuple(*point),
        "order": order,
        "value": value.result,
        "gradient": sp.ImmutableMatrix(1, 2, list(grad)),
        "delta": sp.ImmutableMatrix(2, 1, delta),
        **({"hessian": hess} if hess is not None else {}),
        **({"digits": digits} if digits is not None else {}),
    }
    return Step("taylor_two_variables", f, None, total.result, tuple(children), "sequence", details)


def _derivatives(
    f: sp.Basic,
    variables: tuple[sp.Symbol, ...],
    point: tuple[sp.Basic, ...],
    order: int,
    digits: int | None,
) -> tuple[list[Step], sp.MatrixBase, sp.MatrixBase | None]:
    """The gradient (order 1) or the Hessian and the gradient (order 2) at the point, each
    checked to have a real finite value there before the next is evaluated."""
    at = dict(zip(variables, point, strict=True))
    if order == 1:
        first = gradient(f, variables)
        _require_entries(evaluate(first.result, at, digits, "check").result, variables, point, 1)
        grad_at = at_point(first, at, digits)
        return [grad_at], grad_at.result, None
    second = hessian(f, variables)
    first = second.children[0]
    grad_value = evaluate(first.result, at, digits, "taylor2_gradient_value", {"order": 1})
    _require_entries(grad_value.result, variables, point, 1)
    _require_entries(evaluate(second.result, at, digits, "check").result, variables, point, 2)
    hess_at = at_point(second, at, digits)
    return [hess_at, grad_value], grad_value.result, hess_at.result


def _check(
    f: sp.Basic, variables: Sequence[sp.Symbol] | None, about: Sequence, order: int
) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Basic, ...]]:
    if isinstance(order, bool) or order not in (1, 2):
        raise ValueError(f"the two-variable expansion has order 1 or 2, not {order}")
    variables = ordered_variables(f, variables)
    if len(variables) != 2:
        names = ", ".join(str(v) for v in variables) or "none"
        raise ValueError(
            f"the two-variable expansion needs exactly two variables, not {len(variables)}"
            f" ({names})"
        )
    point = tuple(as_value(value) for value in about)
    if len(point) != 2:
        raise ValueError(f"the point needs 2 coordinates (one per variable), got {len(point)}")
    for value in point:
        check_number(value, "each coordinate of the point")
    return tuple(variables), point


def _where(point: Sequence[sp.Basic]) -> str:
    return to_text(sp.Tuple(*point))


def _require(value: sp.Basic, f: sp.Basic, point: Sequence[sp.Basic], order: int) -> None:
    if not defined_value(value):
        raise ValueError(
            f"f = {to_text(f)} is undefined at {_where(point)} (order {order}): there is no"
            " Taylor expansion about this point"
        )


def _require_entries(
    values: sp.MatrixBase, variables: Sequence[sp.Symbol], point: Sequence[sp.Basic], order: int
) -> None:
    """Each partial derivative of the order must have a real finite value at the point."""
    n = len(variables)
    for index, value in enumerate(values):
        if defined_value(value):
            continue
        i, j = divmod(index, n)
        if order == 1:
            label = f"∂f/∂{variables[index]}"
        elif i == j:
            label = f"∂²f/∂{variables[i]}²"
        else:
            label = f"∂²f/∂{variables[i]}∂{variables[j]}"
        raise ValueError(
            f"{label} is undefined at {_where(point)} (order {order}): there is no Taylor"
            f" expansion of order {order} about this point"
        )


def _linear(grad: sp.MatrixBase, delta: Sequence[sp.Basic]) -> Step:
    """J Δ = f_x(a, b)(x − a) + f_y(a, b)(y − b), each product kept in powers of Δ."""
    written = sp.Add(
        *(sp.Mul(g, d, evaluate=False) for g, d in zip(grad, delta, strict=True)),
        evaluate=False,
    )
    monomials = tuple(monomial_form(g, [d]) for g, d in zip(grad, delta, strict=True))
    result = sp.Add(*monomials)
    details = {
        "gradient": sp.ImmutableMatrix(1, 2, list(grad)),
        "delta": tuple(delta),
        "terms": tuple(m for m in monomials if m != 0),
    }
    return Step("taylor2_linear", written, None, result, (), "rewrite", details)


def _quadratic(hess: sp.MatrixBase, delta: Sequence[sp.Basic]) -> Step:
    """½ Δᵀ H Δ = ½ (f_xx Δx² + 2 f_xy Δx Δy + f_yy Δy²) = f_xx/2 Δx² + f_xy Δx Δy + f_yy/2 Δy²."""
    dx, dy = delta
    fxx, fxy, fyy = hess[0, 0], hess[0, 1], hess[1, 1]
    inner = sp.Add(
        sp.Mul(fxx, sp.Pow(dx, 2, evaluate=False), evaluate=False),
        sp.Mul(2, fxy, dx, dy, evaluate=False),
        sp.Mul(fyy, sp.Pow(dy, 2, evaluate=False), evaluate=False),
        evaluate=False,
    )
    written = sp.Mul(sp.Rational(1, 2), inner, evaluate=False)
    monomials = (
        monomial_form(fxx / 2, [sp.Pow(dx, 2, evaluate=False)]),
        monomial_form(fxy, [dx, dy]),
        monomial_form(fyy / 2, [sp.Pow(dy, 2, evaluate=False)]),
    )
    result = sp.Add(*monomials)
    details = {
        "hessian": sp.ImmutableMatrix(hess),
        "delta": tuple(delta),
        "terms": tuple(m for m in monomials if m != 0),
    }
    return Step("taylor2_quadratic", written, None, result, (), "rewrite", details)


def _sum(value: sp.Basic, terms: Sequence[Step]) -> Step:
    """f(a, b) + J Δ [+ ½ Δᵀ H Δ]: grouped in powers of Δ, then multiplied out."""
    parts = [value, *(term.result for term in terms)]
    written = sp.Add(*parts, evaluate=False)
    grouped = sp.Add(*parts)
    expanded = sp.expand(grouped)
    ordered = [value, *(m for term in terms for m in term.details["terms"])]
    details = {
        "grouped": grouped,
        "expanded": expanded,
        "terms": tuple(m for m in ordered if m != 0),
    }
    return Step("taylor2_sum", written, None, expanded, (), "rewrite", details)
