"""Week 6: fitting a non-linear model by gradient descent on χ², with the gradient derived.

`gradient_descent_fit(data_x, data_y, model, params, start, rate, steps, sigma=None)`: the model
(an expression in one variable and the parameters, e.g. a e^(b x)) is differentiated by the
engine with respect to each parameter (`partial` steps); the chain rule on the square gives the
gradient of one term, ∂/∂p (yᵢ − f(xᵢ))²/σᵢ² = −2 (yᵢ − f(xᵢ))/σᵢ² · ∂f/∂p (a `diff` step the
checker verifies); iteration 0 is shown point by point; every iteration pₖ₊₁ = pₖ − η ∂χ²/∂p is
an `evaluate` step carrying pₖ, χ²(pₖ) and the gradient; details["outcome"] says how it ended:

- ``converged``: every parameter moved by less than 10⁻¹⁰ (1 + |p|) in the last step;
- ``steps_done``: the step budget ran out first;
- ``diverging``: χ² grew in DIVERGING_RUN iterations in a row, or became huge (rate too large);
- ``undefined``: the model has no real value at a data point for the current parameters.

Exact inputs give exact iterates while they stay small rationals (tutor.solvers.numbers), then
floats at WORKING_DIGITS (mpmath closures of our own, no lambdify) shown to SHOWN_DIGITS. Only the
first and last TABLE_HEAD/TABLE_TAIL iterations become steps; details["elided"] counts the rest.
Limits: MAX_STEPS iterations, MAX_WORK point evaluations, MAX_PARAMETERS parameters.
The closures, `compile_numeric` and `numeric` (expressions and numbers as mpmath), are
tutor.solvers.fitting_numeric's, importable from here too; they also serve chi_squared's float
path in tutor.solvers.regression.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy as sp

from tutor.solvers.common import matrix_step, partial
from tutor.solvers.fitting_numeric import Undefined, compile_numeric, numeric, real_value
from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS, all_exact, small_exact
from tutor.solvers.regression import (
    Data,
    check_model,
    chi_squared,
    general_term,
    point_symbols,
    prepare_data,
)
from tutor.steps import Step
from tutor.steps.values import as_value

MAX_STEPS = 5000
MAX_WORK = 100_000  # points × iterations (about 10 s at most)
MAX_PARAMETERS = 6
MAX_MODEL_OPS = 60
TOLERANCE_EXPONENT = -10
DIVERGING_RUN = 3
HUGE = mpmath.mpf(10) ** 60
TABLE_HEAD, TABLE_TAIL = 10, 10


def gradient_descent_fit(
    data_x: Sequence,
    data_y: Sequence,
    model: sp.Expr,
    params: Sequence[sp.Symbol],
    start: Sequence,
    rate,
    steps: int,
    sigma: Sequence | None = None,
    variable: sp.Symbol | None = None,
) -> Step:
    """Minimise χ² over `params` by gradient descent from `start` with rate η for ≤ `steps`."""
    data = prepare_data(data_x, data_y, sigma, least=1)
    params, variable = _check_request(model, params, variable, start, steps, data.n)
    start_values, eta = tuple(as_value(value) for value in start), as_value(rate)
    if not isinstance(eta, sp.Expr) or eta.free_symbols or not eta.is_positive:
        raise ValueError(f"the rate must be a positive number, not {eta}")
    symbols = (variable, *params)
    derivatives = [partial(model, p, symbols) for p in params]
    details = {"parameters": params, "variable": variable}
    model_gradient = matrix_step(
        "fit_model_gradient", model, derivatives, (len(params), 1), details
    )
    term_gradient = _term_gradient(model, variable, params, model_gradient, data.weighted)
    run = _Run(data, model, symbols, eta, model_gradient)
    run.go(start_values, steps)
    iterations = _iterations(run)
    children = [model_gradient, term_gradient, _first_iteration(run, term_gradient), iterations]
    final, final_chi2 = iterations.result, _sympy(run.rows[-1].chi2)
    if run.outcome in ("converged", "steps_done"):
        values = dict(zip(params, final, strict=True))
        children.append(chi_squared(data.xs, data.ys, model, values, variable, data.sigmas))
        final_chi2 = children[-1].result
    details |= {"model": model, "start": start_values, "rate": eta, "steps": steps, "n": data.n}
    details |= {"iterations": len(run.rows), "outcome": run.outcome, "weighted": data.weighted}
    details |= {"tolerance_exponent": TOLERANCE_EXPONENT, "final_chi2": final_chi2}
    details |= {key: _sympy(value) for key, value in run.stop.items()}
    details |= {} if all(row.exact for row in run.rows) else {"digits": SHOWN_DIGITS}
    return Step("fit_gradient_descent", model, None, final, tuple(children), "solution", details)


def _check_request(model, params, variable, start, steps, n) -> tuple[tuple, sp.Symbol]:
    params = tuple(params)
    if not params or len(params) > MAX_PARAMETERS:
        raise ValueError(f"a fit needs 1 to {MAX_PARAMETERS} parameters, got {len(params)}")
    if len(set(params)) != len(params):
        raise ValueError("a parameter is named twice")
    if not isinstance(model, sp.Expr):
        raise ValueError("the model must be an expression in the variable and the parameters")
    for p in params:
        if p not in model.free_symbols:
            raise ValueError(f"the parameter {p} does not appear in the model")
    if variable is None:
        others = sorted(model.free_symbols - set(params), key=lambda s: s.name)
        if len(others) > 1:
            names = ", ".join(s.name for s in others)
            raise ValueError(
                f"the model has more than one variable besides the parameters: {names}"
            )
        variable = others[0] if others else sp.Symbol("x", real=True)
    check_model(model, variable, params)
    if sp.count_ops(model) > MAX_MODEL_OPS:
        raise ValueError(f"the model is too large (more than {MAX_MODEL_OPS} operations)")
    if len(start) != len(params):
        names = ", ".join(p.name for p in params)
        raise ValueError(
            f"the start needs {len(params)} values (one per parameter {names}), got {len(start)}"
        )
    if not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"the number of steps must be between 1 and {MAX_STEPS}, not {steps}")
    if n * steps > MAX_WORK:
        raise ValueError(
            f"{n} points × {steps} steps is too much work: at most {MAX_WORK} point evaluations"
        )
    return params, variable


def _term_gradient(model, variable, params, model_gradient: Step, weighted: bool) -> Step:
    """∂/∂p of the general term by the chain rule on the square, from the engine's ∂f/∂p."""
    xi, yi, si = point_symbols(variable)
    term = general_term(model, variable, weighted)
    f_i = model.xreplace({variable: xi})
    scale = si**-2 if weighted else sp.Integer(1)
    entries = []
    for p, derived in zip(params, model_gradient.children, strict=True):
        df_i = derived.result.xreplace({variable: xi})
        result = sp.Mul(-2, yi - f_i, df_i, scale)
        details = {"parameter": p, "model_i": f_i, "derivative_i": df_i, "weighted": weighted}
        entries.append(Step("fit_term_gradient", term, p, result, (derived,), "diff", details))
    return matrix_step("fit_chi2_gradient", term, entries, (len(params), 1), {"weighted": weighted})


# -- numbers: exact rationals while small, else mpmath at WORKING_DIGITS ---------------------


def _sympy(value):
    """A raw value of a run (Rational or mpf, or a tuple of them) as sympy."""
    if isinstance(value, tuple | list):
        return sp.Tuple(*map(_sympy, value))
    return sp.Float(value, WORKING_DIGITS) if isinstance(value, mpmath.mpf) else value


def _small(value: sp.Basic) -> sp.Rational | None:
    """A rational value while its numerator and denominator stay small; else None (floats)."""
    return value if isinstance(value, sp.Rational) and small_exact(value) else None


@dataclass
class Row:
    """One iteration, raw (small Rationals, or mpmath floats): pₖ, χ²(pₖ), gradient, pₖ₊₁."""

    k: int
    params: tuple
    chi2: Any
    gradient: tuple
    next: tuple
    exact: bool
    points: list = field(default_factory=list)  # per point (f, residual, terms); k = 0 only


@dataclass
class _Run:
    data: Data
    model: sp.Expr
    symbols: tuple  # (variable, *params)
    rate: sp.Basic
    model_gradient: Step
    rows: list = field(default_factory=list)
    outcome: str = "steps_done"
    stop: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.params = self.symbols[1:]
        self.exact = self.data.exact and all_exact(self.rate)
        self.f = compile_numeric(self.model, self.symbols)
        self.df = [compile_numeric(c.result, self.symbols) for c in self.model_gradient.children]
        sigmas = self.data.sigmas or (sp.Integer(1),) * self.data.n
        self.weights = [s**-2 for s in sigmas]
        with mpmath.workdps(WORKING_DIGITS):
            self.numeric = [
                (numeric(x), numeric(y), numeric(w))
                for x, y, w in zip(self.data.xs, self.data.ys, self.weights, strict=True)
            ]

    def go(self, start: tuple, steps: int) -> None:
        self.exact = self.exact and all_exact(*start)
        current, rising = start, 0
        with mpmath.workdps(WORKING_DIGITS):
            for k in range(steps):
                try:
                    row = self.iterate(k, current)
                except Undefined:
                    if not self.rows:
                        raise ValueError(
                            "the model has no real value at a data point for the start values"
                        ) from None
                    self.outcome, self.stop = "undefined", {"stopped_at": k}
                    return
                self.rows.append(row)
                rising = rising + 1 if k and numeric(row.chi2) > numeric(self.rows[-2].chi2) else 0
                if self._stopped(row, rising):
                    return
                current = row.next

    def _stopped(self, row: Row, rising: int) -> bool:
        """Diverging (χ² rising, or huge values) or converged (every move tiny), with details."""
        moves = [abs(numeric(b) - numeric(a)) for a, b in zip(row.params, row.next, strict=True)]
        self.stop = {"last_change": max(moves)}
        if rising >= DIVERGING_RUN or max(abs(numeric(v)) for v in (row.chi2, *row.next)) > HUGE:
            self.outcome = "diverging"
            self.stop = {"chi2_from": self.rows[-1 - rising].chi2, "chi2_to": row.chi2}
            return True
        tolerance = mpmath.mpf(10) ** TOLERANCE_EXPONENT
        limits = [tolerance * (1 + abs(numeric(a))) for a in row.params]
        if all(move <= limit for move, limit in zip(moves, limits, strict=True)):
            self.outcome = "converged"
            return True
        return False

    def iterate(self, k: int, current: tuple) -> Row:
        if self.exact:
            row = self._exact_iteration(k, current)
            if row is not None:
                return row
            self.exact = False
        return self._float_iteration(k, [numeric(v) for v in current])

    def _exact_iteration(self, k: int, current: tuple) -> Row | None:
        at_params = dict(zip(self.params, current, strict=True))
        derivatives = [c.result for c in self.model_gradient.children]
        chi2, gradient, points = sp.Integer(0), [sp.Integer(0)] * len(self.params), []
        for x, y, weight in zip(self.data.xs, self.data.ys, self.weights, strict=True):
            at = {self.symbols[0]: x, **at_params}
            f_value = _small(self.model.xreplace(at))
            if f_value is None:
                return None
            residual = y - f_value
            chi2 += residual**2 * weight
            terms = [_small(-2 * residual * weight * d.xreplace(at)) for d in derivatives]
            if None in terms:
                return None
            gradient = [g + t for g, t in zip(gradient, terms, strict=True)]
            if k == 0:
                points.append((f_value, residual, tuple(terms)))
        chi2, gradient = _small(chi2), [_small(g) for g in gradient]
        nxt = [_small(p - self.rate * g) for p, g in zip(current, gradient, strict=True)]
        if chi2 is None or None in gradient or None in nxt:
            return None
        return Row(k, tuple(current), chi2, tuple(gradient), tuple(nxt), True, points)

    def _float_iteration(self, k: int, values: list) -> Row:
        rate = numeric(self.rate)
        chi2, gradient, points = mpmath.mpf(0), [mpmath.mpf(0)] * len(values), []
        for x, y, weight in self.numeric:
            env = [x, *values]
            try:
                f_value = real_value(self.f(env))
                slopes = [real_value(d(env)) for d in self.df]
            except (ZeroDivisionError, ValueError, OverflowError):
                raise Undefined("no value") from None
            residual = y - f_value
            chi2 += residual**2 * weight
            terms = [-2 * residual * weight * s for s in slopes]
            gradient = [g + t for g, t in zip(gradient, terms, strict=True)]
            if k == 0:
                points.append((f_value, residual, tuple(terms)))
        nxt = [p - rate * g for p, g in zip(values, gradient, strict=True)]
        return Row(k, tuple(values), chi2, tuple(gradient), tuple(nxt), False, points)


# -- steps ---------------------------------------------------------------------------------


def _node(rule: str, expr, result, kind: str, details) -> Step:
    """A leaf step; `details` may be a parameter (a gradient sum's)."""
    if isinstance(details, sp.Symbol):
        details = {"parameter": details}
    return Step(rule, expr, None, result, (), kind, details)


def _update(rule: str, run: _Run, row: Row, details: dict) -> Step:
    """pₖ₊₁ = pₖ − η gₖ, with pₖ and the gradient gₖ put in (kind evaluate)."""
    g = tuple(sp.Symbol(f"g_{p.name}", real=True) for p in run.params)
    expr = sp.Tuple(*(p - run.rate * gp for p, gp in zip(run.params, g, strict=True)))
    at = dict(zip(run.params + g, _sympy(row.params + row.gradient), strict=True))
    digits = {} if row.exact else {"digits": SHOWN_DIGITS}
    return _node(rule, expr, _sympy(row.next), "evaluate", {"at": at, **details, **digits})


def _first_iteration(run: _Run, term_gradient: Step) -> Step:
    """Iteration 0 point by point: each term's gradient, their sums, the update."""
    row, k = run.rows[0], len(run.params)
    xi, yi, si = point_symbols(run.symbols[0])
    digits = {} if row.exact else {"digits": SHOWN_DIGITS}
    values = dict(zip(run.params, _sympy(row.params), strict=True))
    cells = []
    for i, (f_value, residual, terms) in enumerate(row.points):
        at = {xi: run.data.xs[i], yi: run.data.ys[i], **values}
        if run.data.sigmas:
            at[si] = run.data.sigmas[i]
        point = {"index": i + 1, "model_value": _sympy(f_value), "residual": _sympy(residual)}
        for j, (entry, value) in enumerate(zip(term_gradient.children, terms, strict=True)):
            details = {"at": at, "parameter": run.params[j], **(point if j == 0 else {})}
            cells.append(
                _node(
                    "fit_gradient_term", entry.result, _sympy(value), "evaluate", details | digits
                )
            )
    shape = (len(row.points), k)
    terms_step = matrix_step("fit_gradient_terms", term_gradient.expr, cells, shape, digits)
    cells = [cell.result for cell in cells]
    gradient = zip(run.params, _sympy(row.gradient), strict=True)
    sums = [
        _node("fit_gradient_sum", sp.Add(*cells[j::k], evaluate=False), total, "rewrite", p)
        for j, (p, total) in enumerate(gradient)
    ]
    sums_step = matrix_step("fit_gradient_sums", term_gradient.expr, sums, (k, 1), digits)
    update = _update("fit_update", run, row, {"k": 0, "rate": run.rate})
    details = {"values": tuple(values.items()), "chi2": _sympy(row.chi2), **digits}
    children = (terms_step, sums_step, update)
    expr = term_gradient.expr
    return Step("fit_first_iteration", expr, None, update.result, children, "sequence", details)


def _iterations(run: _Run) -> Step:
    """The table: the first TABLE_HEAD and last TABLE_TAIL iterations as `fit_iteration` steps."""
    rows = run.rows
    shown = rows if len(rows) <= TABLE_HEAD + TABLE_TAIL else rows[:TABLE_HEAD] + rows[-TABLE_TAIL:]
    steps = [
        _update("fit_iteration", run, row, {"k": row.k, "chi2": _sympy(row.chi2)}) for row in shown
    ]
    elided = len(rows) - len(shown)
    details = {
        "elided": elided,
        "elided_from": TABLE_HEAD if elided else None,
        "elided_to": TABLE_HEAD + elided - 1 if elided else None,
        "iterations": len(rows),
        "parameters": run.params,
        "outcome": run.outcome,
        "exact_until": next((row.k for row in rows if not row.exact), None),
        **({} if all(row.exact for row in rows) else {"digits": SHOWN_DIGITS}),
    }
    expr = sp.Tuple(*run.params)
    return Step("fit_iterations", expr, None, steps[-1].result, tuple(steps), "sequence", details)


__all__ = ["MAX_STEPS", "Undefined", "compile_numeric", "gradient_descent_fit", "numeric"]
