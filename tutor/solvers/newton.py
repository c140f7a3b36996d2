"""Week 5: Newton-Raphson iteration for a root of f(x) = 0, one checkable step per table row.

`newton_raphson(f, var, x0, steps=None, tolerance=None, digits=SHOWN_DIGITS)` returns a
`newton_raphson` step (kind solution) whose children are:

- the engine's derivation of f' (a `derivative` step);
- `newton_update` (kind rewrite): the Newton map x - f(x)/f'(x) and its tidied form;
- one `newton_iteration` per row (kind sequence, result x_{n+1}) holding `newton_f`, `newton_df`
  and `newton_next` (kind evaluate: f(x_n), f'(x_n) and x_n - f(x_n)/f'(x_n), with
  details["at"] and, for floats, details["digits"]); a stopping row may lack `newton_next`;
- `newton_residual` (kind evaluate), f at the last iterate, when the run converged or ran out of
  steps.

`details["outcome"]` says how the run ended (OUTCOMES): converged (|x_{n+1} - x_n| < tolerance
and f small there), root (f(x_n) = 0 exactly), steps_done, zero_derivative (f'(x_n) = 0: the
tangent is horizontal), diverging (|x_n| past DIVERGENCE_BOUND, or |x_n| and |f(x_n)| growing
for GROWTH_STEPS steps in a row), cycling (an iterate repeats) or undefined (f or f' not a real
number at an iterate).

Numbers follow tutor.solvers.numbers: exact while the values stay small rationals or surds,
then floats at WORKING_DIGITS, shown to `digits` significant figures. `IterationValues` is that
policy for an iteration (gradient descent uses it too); `real_form` reads odd roots of negative
numbers as real roots, as a textbook does (x^(1/3) at -8 is -2).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from tutor.solvers.numbers import (
    EXACT_DIGITS,
    SHOWN_DIGITS,
    WORKING_DIGITS,
    Arithmetic,
    small_exact,
)
from tutor.steps import Step, derive
from tutor.steps.values import as_value

MAX_STEPS = 100
DEFAULT_STEPS = 20
DEFAULT_TOLERANCE = sp.Rational(1, 10**10)
DIVERGENCE_BOUND = sp.Integer(10) ** 12
GROWTH_STEPS = 5
MAX_DIGITS = 20
TIDY_OPS = 40  # exact values with more operations are not simplified (they become floats)
ZERO = sp.Float(10) ** (5 - WORKING_DIGITS)  # rounding noise at the working precision
CYCLE_SEARCH = 20  # the longest cycle looked for
OUTCOMES = (
    "converged",
    "root",
    "steps_done",
    "zero_derivative",
    "diverging",
    "cycling",
    "undefined",
)


# -- the arithmetic of an iteration (shared with tutor.solvers.descent) -------------------------


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


# -- Newton-Raphson ------------------------------------------------------------------------------


class _Run:
    """The state of one Newton run: the real forms of f, f' and the map, rows and iterates."""

    def __init__(self, f, df, var, values: IterationValues, tolerance):
        self.f, self.df, self.var = real_form(f), real_form(df), var
        self.map = self.var - self.f / self.df
        self.values, self.tolerance = values, tolerance
        self.rows: list[Step] = []
        self.xs: list[sp.Basic] = []
        self.sizes: list[tuple[sp.Float, sp.Float]] = []  # (|x_n|, |f(x_n)|)
        self.residual: Step | None = None


def newton_raphson(
    f: sp.Basic,
    var: sp.Symbol | None,
    x0: Any,
    steps: int | None = None,
    tolerance: Any = None,
    digits: int = SHOWN_DIGITS,
) -> Step:
    """Newton-Raphson from x0: stop after `steps`, at `tolerance`, or when the method fails."""
    f = as_value(f)
    var = _variable(f, var)
    x0 = check_number(x0, "x0")
    limit = None if steps is None else check_whole(steps, "steps", 1, MAX_STEPS)
    tolerance = check_positive(tolerance, "tolerance")
    if limit is None:
        limit = DEFAULT_STEPS if tolerance is None else MAX_STEPS
        tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    values = IterationValues(
        Arithmetic.for_inputs(f, x0).exact, check_whole(digits, "digits", 2, MAX_DIGITS)
    )
    derivation = derive(f, var)
    run = _Run(f, derivation.result, var, values, tolerance)
    ending = _iterate(run, x0, limit)
    if ending["outcome"] == "steps_done":
        run.residual = values.evaluate("newton_residual", run.f, {var: ending["x"]})
    children = (derivation, _update(f, derivation.result, var), *run.rows)
    if run.residual is not None:
        children += (run.residual,)
    details = {
        "x0": x0,
        "steps": steps,
        "max_steps": limit,
        "tolerance": tolerance,
        "digits": None if values.floats_from is None else values.arithmetic.shown,
        "floats_from": values.floats_from,
        "iterations": len(run.xs) - 1,
        **{key: value for key, value in ending.items() if key != "x"},
    }
    return Step("newton_raphson", f, var, ending["x"], children, "solution", details)


def _variable(f: sp.Basic, var: sp.Symbol | None) -> sp.Symbol:
    free = sorted(f.free_symbols, key=lambda symbol: symbol.name)
    if var is None:
        if len(free) != 1:
            names = ", ".join(s.name for s in free) or "no variable"
            raise ValueError(f"Newton-Raphson needs a function of one variable; f has {names}")
        return free[0]
    others = [s.name for s in free if s != var]
    if others:
        raise ValueError(
            f"Newton-Raphson needs a function of {var} only; f also has {', '.join(others)}"
        )
    if var not in f.free_symbols:
        raise ValueError(f"f does not depend on {var}: there is nothing to solve for")
    return var


def _update(f: sp.Basic, df: sp.Basic, var: sp.Symbol) -> Step:
    """The Newton map x - f(x)/f'(x), put over a common denominator when that is shorter."""
    written = var - f / df
    tidied = written
    if sp.count_ops(written) <= TIDY_OPS:
        candidate = sp.factor_terms(sp.cancel(sp.together(written)))
        if sp.count_ops(candidate) < sp.count_ops(written):
            tidied = candidate
    return Step("newton_update", written, var, tidied, (), "rewrite", {"f": f, "derivative": df})


def _iterate(run: _Run, x0: sp.Basic, limit: int) -> dict[str, Any]:
    x = x0
    for n in range(limit):
        run.values.row = n
        run.xs.append(x)
        row, ending = _row(run, n, x)
        if row is not None:
            run.rows.append(row)
        if ending is not None:
            return ending
        assert row is not None
        x_next = row.result
        ending = _after(run, n, x, x_next)
        if ending is not None:
            run.xs.append(x_next)
            return ending
        x = x_next
    run.xs.append(x)
    change = real_number(abs(x - run.xs[-2])) or sp.Float(0)
    return {"outcome": "steps_done", "x": x, "index": limit, "difference": change}


def _row(run: _Run, n: int, x: sp.Basic) -> tuple[Step | None, dict[str, Any] | None]:
    """Row n: f(x_n), f'(x_n) and x_{n+1}, or the reason the row cannot be finished."""
    at = {run.var: x}
    fx = run.values.evaluate("newton_f", run.f, at)
    if fx is None:
        return None, {"outcome": "undefined", "x": x, "index": n, "undefined": "function"}
    dfx = run.values.evaluate("newton_df", run.df, at)
    done = (fx,) if dfx is None else (fx, dfx)
    if is_zero(fx.result):
        return _partial_row(run, n, x, done), {"outcome": "root", "x": x, "index": n}
    if dfx is None:
        ending = {"outcome": "undefined", "x": x, "index": n, "undefined": "derivative"}
        return _partial_row(run, n, x, done), ending
    if is_zero(dfx.result):
        return _partial_row(run, n, x, done), {"outcome": "zero_derivative", "x": x, "index": n}
    step = run.values.evaluate("newton_next", run.map, at, x - fx.result / dfx.result)
    if step is None:  # pragma: no cover - a real x minus a real quotient is real
        return _partial_row(run, n, x, done), {"outcome": "undefined", "x": x, "index": n}
    size = real_number(abs(fx.result))
    run.sizes.append((real_number(abs(x)) or sp.Float(0), size or sp.Float(0)))
    row = Step(
        "newton_iteration",
        run.map,
        run.var,
        step.result,
        (*done, step),
        "sequence",
        {
            "n": n,
            "x": x,
        },
    )
    return row, None


def _partial_row(run: _Run, n: int, x: sp.Basic, done: tuple[Step, ...]) -> Step:
    return Step(
        "newton_iteration",
        run.map,
        run.var,
        done[-1].result,
        done,
        "sequence",
        {
            "n": n,
            "x": x,
            "stopped": True,
        },
    )


def _after(run: _Run, n: int, x: sp.Basic, x_next: sp.Basic) -> dict[str, Any] | None:
    """Convergence, a cycle or divergence, judged once x_{n+1} is known."""
    change = real_number(abs(x_next - x)) or sp.Float(0)
    base = {"x": x_next, "index": n + 1, "difference": change}
    if _converged(run, change, x_next):
        settled = run.tolerance is None or not change < run.tolerance  # rounding, not tolerance
        return {"outcome": "converged", **base, "settled": settled}
    start = _cycle_start(run, n, x_next, change)
    if start is not None:
        cycle = tuple(run.xs[start:])
        return {"outcome": "cycling", **base, "cycle": cycle, "period": len(cycle)}
    size = real_number(abs(x_next)) or sp.Float(0)
    if size > DIVERGENCE_BOUND:
        return {"outcome": "diverging", **base, "reason": "bound", "bound": DIVERGENCE_BOUND}
    if _growing(run.sizes):
        return {"outcome": "diverging", **base, "reason": "growing", "growth": GROWTH_STEPS}
    return None


def _noise(x: sp.Basic) -> sp.Float:
    """A change this small is rounding at the working precision."""
    return ZERO * max(1, real_number(abs(x)) or 0)


def _converged(run: _Run, change: sp.Float, x_next: sp.Basic) -> bool:
    """|x_{n+1} - x_n| < tolerance (or lost in rounding), and f(x_{n+1}) small too."""
    tolerance, settled = run.tolerance, change <= _noise(x_next)
    if not settled and (tolerance is None or not change < tolerance):
        return False
    residual = run.values.evaluate("newton_residual", run.f, {run.var: x_next})
    if residual is None:
        return False
    slope = sp.Float(0) if change.is_zero else run.sizes[-1][1] / change  # |f'(x_n)|
    allowed = max(tolerance or 0, ZERO) * max(1, slope)
    if real_number(abs(residual.result)) <= allowed or is_zero(residual.result):
        run.residual = residual
        return True
    return False


def _cycle_start(run: _Run, n: int, x_next: sp.Basic, change: sp.Float) -> int | None:
    """The index k < n with x_k = x_{n+1} while x_{n+1} != x_n: the iterates repeat."""
    width = run.tolerance or DEFAULT_TOLERANCE
    if change <= max(1000 * width, 1000 * _noise(x_next)):
        return None
    for k in range(n - 1, max(-1, n - 1 - CYCLE_SEARCH), -1):
        earlier = run.xs[k]
        if x_next == earlier:
            return k
        gap = real_number(abs(x_next - earlier))
        if not run.values.exact and gap is not None and gap <= width * max(1, abs(earlier)):
            return k
    return None


def _growing(sizes: list[tuple[sp.Float, sp.Float]]) -> bool:
    """|x_n| and |f(x_n)| have both grown at each of the last GROWTH_STEPS steps."""
    if len(sizes) <= GROWTH_STEPS:
        return False
    recent = sizes[-GROWTH_STEPS - 1 :]
    return all(
        later[0] > earlier[0] and later[1] > earlier[1]
        for earlier, later in zip(recent, recent[1:], strict=False)
    )
