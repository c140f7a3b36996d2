"""Week 4: Taylor and Maclaurin polynomials and linearisation, one derivation per order.

- `taylor_polynomial(f, var, about=0, order=3, radius=None, point=None)`: the derivatives of f,
  each derived by the engine from the previous one (`taylor_derivatives`), their values at the
  centre a (`taylor_values`, kind matrix of `taylor_value` evaluate steps), the terms
  f⁽ᵏ⁾(a)/k! (x − a)ᵏ (`taylor_terms` of `taylor_term` rewrites), their sum (`taylor_sum`) and the
  truncation error (`taylor_error`, see tutor.solvers.taylor_error). With `point`, the estimate
  Pₙ(x₁) and its actual error (`taylor_estimate`).
- `linearisation(f, var, about=0, estimate=None, radius=None)`: the tangent line
  L(x) = f(a) + f'(a)(x − a), the same tree with order 1 under the root `linearisation`.

Orders go from 0 to MAX_ORDER (tutor.solvers.taylor_common). A centre where f or one of the
derivatives up to order n has no real finite value is a ValueError naming the point and the
order. The derivative of order n + 1 is always derived: it gives the O((x − a)ⁿ⁺¹) statement
and the Lagrange remainder.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import factorial

import sympy as sp

from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS, all_exact
from tutor.solvers.taylor_common import (
    check_number,
    check_order,
    defined_value,
    derivative_table,
    evaluate,
)
from tutor.solvers.taylor_error import error_tree
from tutor.steps import Step
from tutor.steps.values import as_value


def taylor_polynomial(
    f: sp.Basic,
    var: sp.Symbol,
    about: sp.Basic | int = 0,
    order: int = 3,
    radius: sp.Basic | int | None = None,
    point: sp.Basic | int | None = None,
) -> Step:
    """Pₙ(x) = Σ f⁽ᵏ⁾(a)/k! (x − a)ᵏ, k = 0..n, with its table and its truncation error."""
    f, a = as_value(f), as_value(about)
    check_order(order)
    return _expansion("taylor_polynomial", f, var, a, order, radius, point)


def linearisation(
    f: sp.Basic,
    var: sp.Symbol,
    about: sp.Basic | int = 0,
    estimate: sp.Basic | int | None = None,
    radius: sp.Basic | int | None = None,
) -> Step:
    """The tangent line L(x) = f(a) + f'(a)(x − a); with `estimate`, L(x₁), f(x₁) and the error."""
    f, a = as_value(f), as_value(about)
    return _expansion("linearisation", f, var, a, 1, radius, estimate)


def _expansion(
    rule: str,
    f: sp.Basic,
    var: sp.Symbol,
    a: sp.Basic,
    n: int,
    radius: sp.Basic | int | None,
    point: sp.Basic | int | None,
) -> Step:
    digits, orders, values, derivatives = derivative_table(f, var, a, n)
    column = sp.ImmutableMatrix(n + 1, 1, [v.result for v in values])
    value_step = Step("taylor_values", f, var, column, tuple(values), "matrix", {"at": {var: a}})
    terms = [_term(value.result, var, a, k) for k, value in enumerate(values)]
    term_step = Step(
        "taylor_terms",
        f,
        var,
        sp.ImmutableMatrix(n + 1, 1, [t.result for t in terms]),
        tuple(terms),
        "matrix",
    )
    total = _sum(terms, var, a, n)
    error = error_tree(f, var, a, n, orders, radius, point, digits)
    children = [derivatives, value_step, term_step, total, error]
    if point is not None:
        bound = error.result if error.children[-1].rule == "remainder_bound" else None
        children.append(_estimate(f, var, a, n, total.result, as_value(point), digits, bound))
    details = {"about": a, "order": n, "maclaurin": a == 0, **_digits(digits)}
    return Step(rule, f, var, total.result, tuple(children), "solution", details)


def _digits(digits: int | None) -> dict:
    return {} if digits is None else {"digits": digits}


def _term(value: sp.Basic, var: sp.Symbol, a: sp.Basic, k: int) -> Step:
    """f⁽ᵏ⁾(a)/k! · (x − a)ᵏ, written with its pieces, then simplified (0 when f⁽ᵏ⁾(a) = 0)."""
    power = sp.Pow(var - a, k, evaluate=False) if k > 1 else (var - a if k == 1 else sp.Integer(1))
    written = sp.Mul(
        sp.Mul(value, sp.Pow(sp.Integer(factorial(k)), -1, evaluate=False), evaluate=False),
        power,
        evaluate=False,
    )
    result = power_form(value / factorial(k), var - a, k)
    details = {"order": k, "value": value, "factorial": sp.Integer(factorial(k))}
    return Step("taylor_term", written, var, result, (), "rewrite", details)


def power_form(c: sp.Basic, base: sp.Basic, k: int) -> sp.Basic:
    """c (x − a)ᵏ kept in powers of (x − a), as a textbook writes it: (x − 4)/4, not x/4 − 1;
    −√2 (x − π/4)²/4. A number times a sum would otherwise be multiplied out by sympy."""
    if k == 0:
        return c
    return monomial_form(c, [sp.Pow(base, k, evaluate=False) if k > 1 else base])


def monomial_form(c: sp.Basic, powers: Sequence[sp.Basic]) -> sp.Basic:
    """c times the powers, unevaluated and flat: the sign first, the denominator last."""
    if c == 0:
        return sp.Integer(0)
    numerator, denominator = (c, sp.Integer(1)) if c.has(sp.Float) else sp.fraction(c)
    factors: list[sp.Basic] = []
    if numerator.could_extract_minus_sign():
        factors.append(sp.Integer(-1))
        numerator = -numerator
    if numerator != 1:
        factors.extend(sp.Mul.make_args(numerator))
    factors.extend(powers)
    if denominator != 1:
        factors.append(sp.Pow(denominator, -1, evaluate=False))
    return sp.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]


def _sum(terms: Sequence[Step], var: sp.Symbol, a: sp.Basic, n: int) -> Step:
    """Pₙ(x): the terms that do not vanish, added in order of their power."""
    kept = [t.result for t in terms if t.result != 0]
    if not kept:
        written: sp.Basic = sp.Integer(0)
    elif len(kept) == 1:
        written = kept[0]
    else:
        written = sp.Add(*kept, evaluate=False)
    details = {"order": n, "about": a, "terms": tuple(kept), "vanishing": _vanishing(terms)}
    return Step("taylor_sum", written, var, sp.Add(*kept), (), "rewrite", details)


def _vanishing(terms: Sequence[Step]) -> tuple[int, ...]:
    return tuple(t.details["order"] for t in terms if t.result == 0)


def _estimate(
    f: sp.Basic,
    var: sp.Symbol,
    a: sp.Basic,
    n: int,
    polynomial: sp.Basic,
    x1: sp.Basic,
    digits: int | None,
    bound: sp.Basic | None = None,
) -> Step:
    """Pₙ(x₁), and when f has a real value there, f(x₁) and the actual error f(x₁) − Pₙ(x₁)."""
    check_number(x1, "the estimate point")
    digits = digits if all_exact(x1) else SHOWN_DIGITS
    at = {var: x1}
    estimate = evaluate(polynomial, at, digits, "taylor_estimate_value", {"order": n})
    actual = evaluate(f, at, digits, "taylor_actual_value")
    children = [estimate]
    details: dict = {"point": x1, "about": a, "order": n, "estimate": estimate.result}
    if defined_value(actual.result):
        error_expr = sp.Add(
            actual.result, sp.Mul(-1, estimate.result, evaluate=False), evaluate=False
        )
        error_value = actual.result - estimate.result
        error = Step("taylor_actual_error", error_expr, None, error_value, (), "rewrite", {})
        children += [actual, error]
        details.update(actual=actual.result, error=error_value, outcome="compared")
        if bound is not None and bound.is_finite:
            size = abs(sp.N(error_value, WORKING_DIGITS))
            details.update(bound=bound, within_bound=bool(size <= sp.N(bound, WORKING_DIGITS)))
    else:
        details["outcome"] = "undefined"
    return Step(
        "taylor_estimate", polynomial, var, estimate.result, tuple(children), "solution", details
    )
