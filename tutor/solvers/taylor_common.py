"""What the week-4 solvers share: successive derivatives, exact values at a point, names.

- `successive_derivatives(f, var, count)`: orders 1..count as `taylor_order` steps (kind
  sequence), each the engine's derivation of the previous order's result, followed, when the
  engine's form is large and a tidier equal form exists, by a `taylor_tidy` rewrite, so that the
  next order differentiates the tidy form (ln(1 + x)/(1 + x) stays small up to order 11).
- `evaluate(expr, at, digits, rule, details)`: an evaluate step whose exact value is put in its
  simplest small form (√2/2, not sin(π/4)·1), or a Float to `digits` when inputs are floats.
- `defined_value(value)`: a real finite number (not ∞, not 0/0, not i π).
- `derivative_table(f, var, a, n)`: where an expansion of order n starts (see there).
- `derivative_name(k)`: f, f', f'', f''', f⁽⁴⁾ for messages.
- `check_order`, `check_number`, `check_centre`, `value_at`: the ValueErrors of bad requests
  (an order outside 0..MAX_ORDER, a centre that is not a real number, a derivative undefined at
  the centre), each in one line naming what was wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from tutor.notation import to_text
from tutor.solvers.numbers import SHOWN_DIGITS, all_exact
from tutor.steps import Step, derive
from tutor.steps.values import as_value

TIDY_FROM = 12  # operations: a smaller derivative is differentiated as the engine gives it
MAX_OPS = 4000  # a derivative still larger than this after tidying ends the expansion
VALUE_OPS = 200  # an exact value is expanded up to this size

MAX_ORDER = 10

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def derivative_name(k: int, base: str = "f") -> str:
    """f, f', f'', f''', f⁽⁴⁾, ... (plain text, for messages)."""
    if k <= 3:
        return base + "'" * k
    return f"{base}⁽{str(k).translate(SUPERSCRIPTS)}⁾"


def successive_derivatives(f: sp.Basic, var: sp.Symbol, count: int) -> list[Step]:
    """f', f'', ..., f⁽ᶜᵒᵘⁿᵗ⁾, each derived from the previous (tidied) result."""
    orders: list[Step] = []
    current = f
    for k in range(1, count + 1):
        derivation = derive(current, var)
        children = [derivation]
        result = derivation.result
        tidy = tidied(result)
        if tidy is not None:
            children.append(Step("taylor_tidy", result, None, tidy, (), "rewrite", {"order": k}))
            result = tidy
        if sp.count_ops(result) > MAX_OPS:
            raise ValueError(
                f"the derivatives of {to_text(f)} grow too large by order {k}:"
                " ask for a lower order"
            )
        orders.append(
            Step("taylor_order", current, var, result, tuple(children), "sequence", {"order": k})
        )
        current = result
    return orders


def tidied(expr: sp.Basic) -> sp.Basic | None:
    """A smaller equal form of a large derivative (over a common denominator, cancelled and
    factored), or None when the engine's form is small or nothing smaller is found. (sympy's
    simplify finds smaller trigonometric forms now and then, at many times the cost.)"""
    size = sp.count_ops(expr)
    if size <= TIDY_FROM:
        return None
    try:
        best = sp.factor(sp.cancel(sp.together(expr)))
    except (sp.PolynomialError, NotImplementedError):  # pragma: no cover - sympy's limits
        return None
    if sp.count_ops(best) < size and not best.has(sp.nan, sp.zoo):
        return best
    return None


def exact_value(value: sp.Basic) -> sp.Basic:
    """A substituted exact value in the smaller of its own and its expanded form (radicals out
    of denominators). sympy.simplify is not used: on a constant such as 163499212800 ln 2 it
    spends minutes factoring integers."""
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(exact_value))
    if value.is_Rational or value.free_symbols or sp.count_ops(value) > VALUE_OPS:
        return value
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return value
    return min((value, sp.radsimp(sp.expand(value))), key=sp.count_ops)


def evaluate(
    expr: sp.Basic,
    at: Mapping[sp.Symbol, Any],
    digits: int | None,
    rule: str,
    details: Mapping[str, Any] | None = None,
) -> Step:
    """`expr` at the point `at` (kind evaluate): exact when `digits` is None, else a Float."""
    point = {symbol: as_value(value) for symbol, value in at.items()}
    substituted = expr.xreplace(point)  # every coordinate at once: x/√(x² + y²) at 0 is 0/0
    if digits is None:
        value = exact_value(substituted)
    elif isinstance(substituted, sp.MatrixBase):
        value = sp.ImmutableMatrix(substituted.applyfunc(lambda entry: sp.N(entry, digits)))
    else:
        value = sp.N(substituted, digits)
    extra = {"at": point, **({"digits": digits} if digits is not None else {})}
    return Step(rule, expr, None, value, (), "evaluate", {**extra, **dict(details or {})})


def defined_value(value: sp.Basic) -> bool:
    """A real, finite value (symbols of parameters allowed): not ∞, not 0/0, not complex."""
    if isinstance(value, sp.MatrixBase):
        return all(defined_value(entry) for entry in value)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return False
    if value.is_real is False:
        return False
    if not value.free_symbols and value.is_number:
        return not value.has(sp.I) or sp.im(sp.N(value, 30)) == 0
    return True


def check_order(order: int, most: int = MAX_ORDER) -> None:
    if isinstance(order, bool) or not isinstance(order, int):
        raise ValueError(f"the order must be a whole number from 0 to {most}, not {order!r}")
    if not 0 <= order <= most:
        raise ValueError(f"the order must be from 0 to {most}, not {order}")


def check_number(value: sp.Basic, what: str) -> None:
    """A real constant (exact or a float), or a ValueError naming `what`."""
    if value.free_symbols or value.is_real is False or value.has(sp.zoo, sp.oo, sp.nan):
        raise ValueError(f"{what} must be a real number, not {to_text(value)}")


def check_centre(var: sp.Symbol, a: sp.Basic) -> None:
    if not isinstance(var, sp.Symbol):
        raise ValueError(f"the variable must be a symbol, not {var!r}")
    check_number(a, "the centre")


def value_at(expr: sp.Basic, var: sp.Symbol, a: sp.Basic, k: int, digits: int | None) -> Step:
    """f⁽ᵏ⁾(a), which must be a real finite number: otherwise a ValueError naming a and k."""
    step = evaluate(expr, {var: a}, digits, "taylor_value", {"order": k})
    if not defined_value(step.result):
        name = derivative_name(k)
        raise ValueError(
            f"{name}({var}) = {to_text(expr)} is undefined at {var} = {to_text(a)}"
            f" (order {k}): there is no Taylor polynomial of order {k} or more about this point"
        )
    return step


def derivative_table(
    f: sp.Basic, var: sp.Symbol, a: sp.Basic, n: int
) -> tuple[int | None, list[Step], list[Step], Step]:
    """Where an expansion of order n about a starts: the digits values are shown to (None when
    f and a are exact), the derivatives f', ..., f⁽ⁿ⁺¹⁾, the values f⁽ᵏ⁾(a) for k ≤ n (a
    ValueError when one is undefined: the polynomial does not exist) and the derivatives as a
    `taylor_derivatives` step."""
    check_centre(var, a)
    digits = None if all_exact(f, a) else SHOWN_DIGITS
    values = [value_at(f, var, a, 0, digits)]  # before the derivatives: f(a) must exist
    orders = successive_derivatives(f, var, n + 1)
    values += [value_at(orders[k - 1].result, var, a, k, digits) for k in range(1, n + 1)]
    derivatives = Step(
        "taylor_derivatives", f, var, orders[-1].result, tuple(orders), "sequence", {"order": n + 1}
    )
    return digits, orders, values, derivatives
