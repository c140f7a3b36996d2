"""The truncation error of a Taylor polynomial: the O statement, the Lagrange remainder, a bound.

- `truncation_error(f, var, about=0, order=3, radius=None, point=None)`: the error of Pₙ on its
  own: the derivatives up to order n + 1 (`taylor_derivatives`), then `error_tree`.
- `error_tree(f, var, a, n, orders, radius, point, digits)` (orders: the `taylor_order` steps
  of f', ..., f⁽ⁿ⁺¹⁾, already derived; g = f⁽ⁿ⁺¹⁾ the last): a
  `taylor_error` sequence of
  - `remainder_order` (solution): f(x) = Pₙ(x) + O((x − a)ⁿ⁺¹) as x → a when f⁽ⁿ⁺¹⁾(a) is
    defined, with the leading part f⁽ⁿ⁺¹⁾(a)/(n+1)! (x − a)ⁿ⁺¹; otherwise only o((x − a)ⁿ);
  - `lagrange_remainder` (solution): Rₙ(x) = f⁽ⁿ⁺¹⁾(ξ)/(n+1)! (x − a)ⁿ⁺¹, ξ between a and x;
  - with a radius r (interval [a − r, a + r]) or a point x₁ (interval between a and x₁),
    `remainder_bound`: M = max |f⁽ⁿ⁺¹⁾| on the interval (`remainder_max`, see taylor_maximum)
    and the bound M hⁿ⁺¹/(n+1)! (`lagrange_bound`, a rewrite), h = r or |x₁ − a|.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import factorial

import sympy as sp

from tutor.solvers.numbers import SHOWN_DIGITS, all_exact
from tutor.solvers.taylor_common import (
    check_number,
    check_order,
    defined_value,
    derivative_table,
    evaluate,
    exact_value,
)
from tutor.solvers.taylor_maximum import maximum_on
from tutor.steps import Step
from tutor.steps.values import as_value

KINKS = (sp.Abs, sp.sign, sp.Heaviside, sp.floor, sp.ceiling, sp.Min, sp.Max, sp.Piecewise)


def truncation_error(
    f: sp.Basic,
    var: sp.Symbol,
    about: sp.Basic | int = 0,
    order: int = 3,
    radius: sp.Basic | int | None = None,
    point: sp.Basic | int | None = None,
) -> Step:
    """The error f − Pₙ: its order, its Lagrange form and, given r or x₁, a bound on it."""
    f, a = as_value(f), as_value(about)
    check_order(order)
    digits, orders, _, derivatives = derivative_table(f, var, a, order)
    tree = error_tree(f, var, a, order, orders, radius, point, digits)
    return Step(
        "truncation_error", f, var, tree.result, (derivatives, tree), "sequence", tree.details
    )


def error_tree(
    f: sp.Basic,
    var: sp.Symbol,
    a: sp.Basic,
    n: int,
    orders: Sequence[Step],
    radius: sp.Basic | int | None,
    point: sp.Basic | int | None,
    digits: int | None,
) -> Step:
    g = orders[-1].result
    children = [_order_statement(f, var, a, n, g, digits), _lagrange(f, var, a, n, g)]
    if radius is not None or point is not None:
        checks = (f, *_kinked(orders), g)
        children.append(_bound(checks, var, a, n, g, radius, point, digits))
    details = {"order": n, "about": a}
    return Step("taylor_error", f, var, children[-1].result, tuple(children), "sequence", details)


def _order_statement(
    f: sp.Basic, var: sp.Symbol, a: sp.Basic, n: int, g: sp.Basic, digits: int | None
) -> Step:
    """O((x − a)ⁿ⁺¹), with the next term as the error's leading part when f⁽ⁿ⁺¹⁾(a) exists."""
    value = evaluate(g, {var: a}, digits, "taylor_next_value", {"order": n + 1})
    defined = defined_value(value.result)
    details = {"order": n, "about": a, "power": n + 1, "defined": defined}
    if defined:
        details["leading"] = value.result / factorial(n + 1) * (var - a) ** (n + 1)
        details["vanishes"] = value.result == 0
    order_term = (var - a) ** (n + 1 if defined else n)
    return Step("remainder_order", f, var, order_term, (value,), "solution", details)


def xi_symbol(*exprs: sp.Basic) -> sp.Symbol:
    """ξ, or η, ζ when ξ is taken by the expression."""
    taken = {s.name for e in exprs for s in e.free_symbols}
    name = next(n for n in ("xi", "eta", "zeta", "xi_1") if n not in taken)
    return sp.Symbol(name, real=True)


def _lagrange(f: sp.Basic, var: sp.Symbol, a: sp.Basic, n: int, g: sp.Basic) -> Step:
    xi = xi_symbol(f, g, var)
    remainder = g.subs(var, xi) / factorial(n + 1) * (var - a) ** (n + 1)
    details = {"order": n, "about": a, "xi": xi, "derivative": g, "power": n + 1}
    return Step("lagrange_remainder", f, var, remainder, (), "solution", details)


def _interval(
    a: sp.Basic, radius: sp.Basic | int | None, point: sp.Basic | int | None
) -> tuple[sp.Basic, sp.Basic, sp.Basic]:
    """(lo, hi, h): [a − r, a + r] and h = r, or the interval between a and x₁ and h = |x₁ − a|."""
    if radius is not None:
        r = as_value(radius)
        check_number(r, "the radius")
        if not sp.N(r, 30) > 0:
            raise ValueError(f"the radius must be positive, not {r}")
        return a - r, a + r, r
    x1 = as_value(point)
    check_number(x1, "the point")
    lo, hi = (a, x1) if sp.N(x1 - a, 30) >= 0 else (x1, a)
    return lo, hi, hi - lo


def _kinked(orders: Sequence[Step]) -> list[sp.Basic]:
    """The derivatives, as the engine gave them and as tidied, that hold |u|, sign u or another
    function with kinks: tidying can hide a kink (x/|x| has derivative 0 away from 0), so
    their continuity is checked too; for elementary smooth functions the trouble spots of a
    derivative are also those of the next, so f and f⁽ⁿ⁺¹⁾ suffice."""
    forms = [step.result for order in orders for step in order.children]
    return [form for form in forms if form.has(*KINKS)]


def _bound(
    checks: Sequence[sp.Basic],
    var: sp.Symbol,
    a: sp.Basic,
    n: int,
    g: sp.Basic,
    radius: sp.Basic | int | None,
    point: sp.Basic | int | None,
    digits: int | None,
) -> Step:
    lo, hi, h = _interval(a, radius, point)
    digits = digits if all_exact(lo, hi) else SHOWN_DIGITS
    maximum = maximum_on(g, checks, var, a, lo, hi, digits)
    details = {"order": n, "about": a, "interval": sp.Tuple(lo, hi), "width": h}
    details["given"] = "radius" if radius is not None else "point"
    children = [maximum]
    if maximum.details["outcome"] == "bounded":
        m = maximum.result
        power = sp.Pow(h, n + 1, evaluate=False) if n > 0 else h
        written = sp.Mul(
            sp.Mul(m, power, evaluate=False),
            sp.Pow(sp.Integer(factorial(n + 1)), -1, evaluate=False),
            evaluate=False,
        )
        value = m * h ** (n + 1) / factorial(n + 1)
        value = exact_value(value) if all_exact(value) else sp.N(value, digits or SHOWN_DIGITS)
        bound_details = {"order": n, "maximum": m, "width": h}
        children.append(Step("lagrange_bound", written, None, value, (), "rewrite", bound_details))
    return Step(
        "remainder_bound", g, var, children[-1].result, tuple(children), "sequence", details
    )
