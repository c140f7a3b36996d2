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
then floats at WORKING_DIGITS, shown to `digits` significant figures. That policy, the real
reading of odd roots and the argument checks are tutor.solvers.iteration_common's, shared with
gradient descent (tutor.solvers.descent), and importable from here too.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from tutor.solvers.iteration_common import (
    DIVERGENCE_BOUND,
    GROWTH_STEPS,
    MAX_DIGITS,
    TIDY_OPS,
    ZERO,
    IterationValues,
    check_number,
    check_positive,
    check_whole,
    is_zero,
    real_form,
    real_number,
)
from tutor.solvers.numbers import SHOWN_DIGITS, Arithmetic
from tutor.steps import Step, derive
from tutor.steps.values import as_value

MAX_STEPS = 100
DEFAULT_STEPS = 20
DEFAULT_TOLERANCE = sp.Rational(1, 10**10)
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
