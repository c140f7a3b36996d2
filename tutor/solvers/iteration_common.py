"""What the week-5 iterations share (tutor.solvers.newton, tutor.solvers.descent): the number
policy of an iteration, the real reading of odd roots, and the checks of a request.

- `IterationValues`: exact while every value stays a small rational or surd (tutor.solvers.numbers),
  then floats at WORKING_DIGITS for good, shown to `shown` significant figures; `evaluate` makes
  the kind-evaluate step of a value (a vector's entries all exact or all floats).
- `real_form(expr)`: odd roots of negative numbers read as real roots, as a textbook does
  (x^(1/3) at -8 is -2); `real_number(value)`: a finite real Float, or None.
- `tidy`, `keep_exact`, `is_zero`: the small exact forms and exact zeros of the policy.
- `check_whole`, `check_positive`, `check_number`: a bad request as a ValueError in one line.
- DIVERGENCE_BOUND, GROWTH_STEPS, MAX_DIGITS: the limits both iterations use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from tutor.solvers.numbers import EXACT_DIGITS, WORKING_DIGITS, Arithmetic, small_exact
from tutor.steps import Step
from tutor.steps.values import as_value

DIVERGENCE_BOUND = sp.Integer(10) ** 12
GROWTH_STEPS = 5
MAX_DIGITS = 20
TIDY_OPS = 40  # exact values with more operations are not simplified (they become floats)
ZERO = sp.Float(10) ** (5 - WORKING_DIGITS)  # rounding noise at the working precision


def real_form(expr: sp.Basic) -> sp.Basic:
    """b^(p/q) with q odd read as a real root: sign(b)^p |b|^(p/q) where b may be negative."""

    def odd_root(power: sp.Basic) -> bool:
        exponent = power.exp
        return (
            bool(exponent.is_Rational)
            and not exponent.is_Integer
            and exponent.q % 2 == 1
            and not power.base.is_nonnegative
        )

    def real_root(power: sp.Basic) -> sp.Basic:
        base, exponent = power.base, power.exp
        return sp.sign(base) ** (exponent.p % 2) * sp.Abs(base) ** exponent

    return expr.replace(lambda node: node.is_Pow and odd_root(node), real_root)


def real_number(value: sp.Basic) -> sp.Float | None:
    """`value` as a Float at WORKING_DIGITS, or None when it is not a finite real number."""
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or value.free_symbols:
        return None
    number = sp.N(value, WORKING_DIGITS)
    if number.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None
    if not number.is_Number:
        real, imaginary = number.as_real_imag()
        if not (real.is_Number and imaginary.is_Number):
            return None
        if abs(imaginary) > ZERO * max(1, abs(real)):
            return None
        number = real
    return sp.Float(number, WORKING_DIGITS)


def tidy(value: sp.Basic) -> sp.Basic:
    """A small exact value in its simplest form (surds rationalised, products expanded)."""
    if value.is_Rational or sp.count_ops(value) > TIDY_OPS:
        return value
    return sp.expand(sp.radsimp(value))


def keep_exact(value: sp.Basic) -> bool:
    """Still worth printing exactly: a small rational or surd (every rational in it small too),
    no function left unevaluated."""
    limit = 10**EXACT_DIGITS
    small = all(abs(q.p) < limit and q.q < limit for q in value.atoms(sp.Rational))
    return small and small_exact(value) and not value.has(sp.I) and not value.atoms(sp.Function)


def is_zero(value: sp.Basic) -> bool:
    """Exactly 0 (a float too): a tiny float is a small value, not a zero."""
    return value.is_zero is True


class IterationValues:
    """Exact while every value stays a small rational or surd, then floats for good."""

    def __init__(self, exact: bool, shown: int):
        self.arithmetic = Arithmetic(exact, shown)
        self.floats_from: int | None = None if exact else 0  # first row with a float value
        self.row = 0

    @property
    def exact(self) -> bool:
        return self.arithmetic.exact

    def settle(self, value: sp.Basic) -> tuple[sp.Basic, int | None] | None:
        """(value under the policy, digits or None when exact); None if not a real number."""
        number = real_number(value)
        if number is None:
            return None
        if self.arithmetic.exact:
            exact = tidy(value)
            if keep_exact(exact):
                return exact, None
            self.arithmetic.exact = False
            self.floats_from = self.row
        return number, self.arithmetic.shown

    def settle_all(self, values: list[sp.Basic]) -> tuple[list[sp.Basic], int | None] | None:
        """A vector's entries, all exact or all floats."""
        was_exact = self.arithmetic.exact
        settled = [self.settle(value) for value in values]
        if any(item is None for item in settled):
            return None
        if was_exact and not self.arithmetic.exact:
            settled = [self.settle(value) for value in values]
        digits = None if self.arithmetic.exact else self.arithmetic.shown
        return [item[0] for item in settled if item is not None], digits

    def evaluate(
        self,
        rule: str,
        expr: sp.Basic,
        at: Mapping[sp.Symbol, sp.Basic],
        value: sp.Basic | None = None,
    ) -> Step | None:
        """An evaluate step: `expr` at `at` (or the `value` already worked out from it)."""
        point = dict(at)
        if isinstance(expr, sp.MatrixBase):
            raw = list(expr.subs(point)) if value is None else list(value)
            settled = self.settle_all(raw)
            if settled is None:
                return None
            entries, digits = settled
            result: sp.Basic = sp.ImmutableMatrix(expr.shape[0], expr.shape[1], entries)
        else:
            one = self.settle(expr.subs(point) if value is None else value)
            if one is None:
                return None
            result, digits = one
        details: dict[str, Any] = {"at": point}
        if digits is not None:
            details["digits"] = digits
        return Step(rule, expr, None, result, (), "evaluate", details)


def check_whole(value: Any, name: str, low: int, high: int) -> int:
    """A whole number from low to high (steps, digits), else a ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return value


def check_positive(value: Any, name: str) -> sp.Basic | None:
    if value is None:
        return None
    value = as_value(value)
    if value.free_symbols or not value.is_real or not value.is_positive:
        raise ValueError(f"{name} must be a positive number, not {value}")
    return value


def check_number(value: Any, name: str) -> sp.Basic:
    value = as_value(value)
    if not isinstance(value, sp.Expr) or value.free_symbols or real_number(value) is None:
        raise ValueError(f"{name} must be a real number, not {value}")
    return value
