"""Week 5: gradient descent p_{n+1} = p_n - η ∇f(p_n) in one to three variables.

`gradient_descent(f, variables, start, rate, steps=None, tolerance=None, digits=SHOWN_DIGITS)`
returns a `gradient_descent` step (kind solution) whose children are:

- the gradient (tutor.solvers.multivariate.gradient: every partial a full derivation);
- `descent_update` (kind rewrite): the update map p - η ∇f(p), entry by entry, and its tidied form;
- one `descent_iteration` per row (kind sequence, result p_{n+1}) holding `descent_f`,
  `descent_gradient`, `descent_norm` and `descent_next` (kind evaluate: f(p_n), ∇f(p_n), |∇f(p_n)|
  and p_n - η ∇f(p_n)); the last row has no `descent_next`;
- for a quadratic f that diverged or cycled, `descent_stable_rate` (kind solution, its child the
  Hessian): the eigenvalues of H and the largest stable rate 2/λ_max.

`details["outcome"]`: converged (|∇f(p_n)| < tolerance), stationary (∇f(p_n) = 0 exactly),
steps_done, diverging (`reason`: bound, |p_n| past DIVERGENCE_BOUND; growing, f and |p_n|
growing for GROWTH_STEPS steps in a row: the rate is too large; unbounded, a quadratic with a
negative eigenvalue running away), cycling (a point repeats) or undefined. Numbers follow
tutor.solvers.newton.IterationValues: exact while small, then floats shown to `digits`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import sympy as sp

from tutor.solvers.iteration_common import (
    DIVERGENCE_BOUND,
    GROWTH_STEPS,
    MAX_DIGITS,
    IterationValues,
    check_number,
    check_positive,
    check_whole,
    is_zero,
    real_form,
    real_number,
    tidy,
)
from tutor.solvers.multivariate import gradient, hessian
from tutor.solvers.numbers import SHOWN_DIGITS, Arithmetic
from tutor.steps import Step
from tutor.steps.values import as_value

MAX_STEPS = 1000
DEFAULT_STEPS = 10
MAX_VARIABLES = 3
CYCLE_WIDTH = 1e-10
CYCLE_SEARCH = 20  # the longest cycle looked for


class _Run:
    """One descent: the real forms of f, ∇f, |∇f| and the update map; rows and sizes so far."""

    def __init__(self, f, grad: Step, variables, rate, values: IterationValues, tolerance):
        self.variables, self.rate, self.values, self.tolerance = variables, rate, values, tolerance
        self.f = real_form(f)
        self.gradient = sp.ImmutableMatrix(real_form(grad.result))
        self.norm = sp.sqrt(sum(entry**2 for entry in self.gradient))
        point = sp.ImmutableMatrix(variables)
        self.map = sp.ImmutableMatrix(point - rate * self.gradient)
        self.rows: list[Step] = []
        self.points: list[tuple[sp.Basic, ...]] = []
        self.sizes: list[tuple[float, sp.Float]] = []  # (|p_n|, f(p_n))
        self.source = f
        self._facts: list[dict[str, Any] | None] = []

    def quadratic(self) -> dict[str, Any] | None:
        """quadratic_facts of f, worked out once, when first asked for."""
        if not self._facts:
            self._facts.append(quadratic_facts(self.source, self.variables))
        return self._facts[0]


def gradient_descent(
    f: sp.Basic,
    variables: Sequence[sp.Symbol] | None,
    start: Any,
    rate: Any,
    steps: int | None = None,
    tolerance: Any = None,
    digits: int = SHOWN_DIGITS,
) -> Step:
    """Gradient descent from `start` with step size `rate` (η)."""
    f = as_value(f)
    variables = _variables(f, variables)
    point = _start(start, len(variables))
    rate = check_positive(rate, "the rate")
    limit = None if steps is None else check_whole(steps, "steps", 1, MAX_STEPS)
    tolerance = check_positive(tolerance, "tolerance")
    limit = limit or (DEFAULT_STEPS if tolerance is None else MAX_STEPS)
    values = IterationValues(
        Arithmetic.for_inputs(f, point, rate).exact, check_whole(digits, "digits", 2, MAX_DIGITS)
    )
    grad = gradient(f, variables)
    run = _Run(f, grad, variables, rate, values, tolerance)
    ending = _iterate(run, point, limit)
    children = [grad, _update(run, grad), *run.rows]
    facts = run.quadratic() if ending["outcome"] in ("diverging", "cycling") else None
    if facts is not None:
        analysis = _stable_rate(facts, rate)
        children.append(analysis)
        ending.update(stable_rate=analysis.result, bounded_below=facts["bounded_below"])
    details = {
        "variables": variables,
        "start": sp.Tuple(*point),
        "rate": rate,
        "steps": steps,
        "max_steps": limit,
        "tolerance": tolerance,
        "digits": None if values.floats_from is None else values.arithmetic.shown,
        "floats_from": values.floats_from,
        "iterations": len(run.points) - 1,
    }
    details.update((key, value) for key, value in ending.items() if key != "point")
    result = sp.ImmutableMatrix(len(variables), 1, list(ending["point"]))
    return Step("gradient_descent", f, None, result, tuple(children), "solution", details)


def _variables(f: sp.Basic, variables: Sequence[sp.Symbol] | None) -> tuple[sp.Symbol, ...]:
    free = tuple(sorted(f.free_symbols, key=lambda symbol: symbol.name))
    chosen = free if variables is None else tuple(variables)
    if not 1 <= len(chosen) <= MAX_VARIABLES:
        names = ", ".join(v.name for v in chosen) or "none"
        raise ValueError(f"gradient descent takes 1 to {MAX_VARIABLES} variables, not {names}")
    if len(set(chosen)) != len(chosen):
        raise ValueError("a variable is named twice")
    others = [s.name for s in free if s not in chosen]
    if others:
        raise ValueError(f"f has {', '.join(others)}, which is not among the variables")
    if not free:
        raise ValueError("f is a constant: there is nothing to descend")
    return chosen


def _start(start: Any, size: int) -> tuple[sp.Basic, ...]:
    if isinstance(start, sp.MatrixBase):
        start = list(start)
    if not isinstance(start, (list, tuple, sp.Tuple)):
        start = (start,)
    if len(start) != size:
        raise ValueError(
            f"the start point needs {size} coordinate{'s' if size > 1 else ''}"
            f" (one per variable), not {len(start)}"
        )
    return tuple(check_number(value, "each coordinate of the start") for value in start)


def _update(run: _Run, grad: Step) -> Step:
    """p - η ∇f(p), entry by entry, with each entry expanded when that is shorter."""
    point = sp.ImmutableMatrix(run.variables)
    written = sp.ImmutableMatrix(point - run.rate * sp.ImmutableMatrix(grad.result))
    tidied = written.applyfunc(_shorter)
    details = {"rate": run.rate, "variables": run.variables}
    return Step("descent_update", written, None, tidied, (), "rewrite", details)


def _shorter(entry: sp.Basic) -> sp.Basic:
    expanded = sp.expand(entry)
    return expanded if sp.count_ops(expanded) < sp.count_ops(entry) else entry


def _iterate(run: _Run, start: tuple[sp.Basic, ...], limit: int) -> dict[str, Any]:
    point = start
    for n in range(limit + 1):
        run.values.row = n
        run.points.append(point)
        row, ending = _row(run, n, point, last=n == limit)
        if row is not None:
            run.rows.append(row)
        if ending is not None:
            return ending
        assert row is not None
        point = tuple(row.result)
        ending = _after(run, n, point)
        if ending is not None:
            run.points.append(point)
            return ending
    raise AssertionError("the last row always ends the run")  # pragma: no cover


def _row(run: _Run, n: int, point, last: bool) -> tuple[Step | None, dict[str, Any] | None]:
    """Row n: f(p_n), ∇f(p_n), |∇f(p_n)| and p_{n+1}, or why the run stops here."""
    at = dict(zip(run.variables, point, strict=True))
    undefined = {"outcome": "undefined", "point": point, "index": n}
    fp = run.values.evaluate("descent_f", run.f, at)
    gp = run.values.evaluate("descent_gradient", run.gradient, at) if fp is not None else None
    if fp is None or gp is None:
        return None, undefined
    norm = _norm(run, at, gp.result)
    done: tuple[Step, ...] = (fp, gp, norm)
    ending: dict[str, Any] | None = None
    if is_zero(norm.result) or all(is_zero(entry) for entry in gp.result):
        ending = {"outcome": "stationary", "point": point, "index": n}
    elif run.tolerance is not None and real_number(norm.result) < run.tolerance:
        ending = {"outcome": "converged", "point": point, "index": n}
    elif last:
        ending = {"outcome": "steps_done", "point": point, "index": n}
    if ending is None:
        value = sp.ImmutableMatrix(point) - run.rate * gp.result
        step = run.values.evaluate("descent_next", run.map, at, value)
        if step is None:  # pragma: no cover - real values stay real
            return None, undefined
        done += (step,)
    run.sizes.append((_length(point), real_number(fp.result) or sp.Float(0)))
    details = {"n": n, "point": sp.Tuple(*point), **({"stopped": True} if ending else {})}
    row = Step("descent_iteration", run.map, None, done[-1].result, done, "sequence", details)
    return row, ending


def _norm(run: _Run, at, gradient_value: sp.ImmutableMatrix) -> Step:
    """|∇f(p_n)|: exact when the gradient is exact and the root small, else a float."""
    value = sp.sqrt(sum(entry**2 for entry in gradient_value))
    norms = IterationValues(run.values.exact and not gradient_value.has(sp.Float), 0)
    norms.arithmetic.shown = run.values.arithmetic.shown
    step = norms.evaluate("descent_norm", run.norm, at, value)
    assert step is not None  # a square root of a sum of real squares
    return step


def _length(point) -> float:
    return math.hypot(*(float(value) for value in point))


def _after(run: _Run, n: int, point) -> dict[str, Any] | None:
    """A repeated point, or divergence, judged once p_{n+1} is known."""
    base = {"point": point, "index": n + 1}
    for k in range(n - 1, max(-1, n - 1 - CYCLE_SEARCH), -1):
        if _same(run, run.points[k], point) and not _same(run, run.points[n], point):
            cycle = tuple(sp.Tuple(*p) for p in run.points[k:])
            return {"outcome": "cycling", **base, "cycle": cycle, "period": len(cycle)}
    if _length(point) > DIVERGENCE_BOUND:
        return {"outcome": "diverging", **base, "reason": "bound", "bound": DIVERGENCE_BOUND}
    if _growing(run.sizes, lambda earlier, later: later[1] > earlier[1]):
        return {"outcome": "diverging", **base, "reason": "growing", "growth": GROWTH_STEPS}
    if _growing(run.sizes, lambda earlier, later: abs(later[1]) > abs(earlier[1])):
        facts = run.quadratic()
        if facts is not None and not facts["bounded_below"]:
            return {"outcome": "diverging", **base, "reason": "unbounded"}
    return None


def _same(run: _Run, a, b) -> bool:
    """The same point: exactly, or (floats) within CYCLE_WIDTH relative to its size."""
    if tuple(a) == tuple(b):
        return True
    if run.values.exact:
        return False
    gap = math.dist([float(v) for v in a], [float(v) for v in b])
    return gap <= CYCLE_WIDTH * max(1.0, math.hypot(*(float(v) for v in a)))


def _growing(sizes, grew) -> bool:
    """|p_n| and the size `grew` compares have grown at each of the last GROWTH_STEPS steps."""
    if len(sizes) <= GROWTH_STEPS:
        return False
    recent = sizes[-GROWTH_STEPS - 1 :]
    return all(
        later[0] > earlier[0] and grew(earlier, later)
        for earlier, later in zip(recent, recent[1:], strict=False)
    )


# -- a quadratic's eigenvalues and its largest stable rate ------------------------------------


def quadratic_facts(f: sp.Basic, variables) -> dict[str, Any] | None:
    """For f of degree at most 2: its Hessian (derived), the eigenvalues (smallest first) and
    whether f is bounded below (H positive semi-definite and ∇f = 0 solvable); else None."""
    try:
        degree = sp.Poly(f, *variables).total_degree()
    except sp.PolynomialError:
        return None
    if degree > 2:
        return None
    second = hessian(f, variables)
    eigenvalues = _eigenvalues(second.result)
    bounded = float(eigenvalues[0]) >= 0 and _has_minimum(second.children[0])
    return {"hessian": second, "eigenvalues": eigenvalues, "bounded_below": bounded}


def _has_minimum(grad: Step) -> bool:
    """∇f = 0 has a solution (a linear system for a quadratic)."""
    variables = grad.details["variables"]
    return bool(sp.linsolve(list(grad.result), *variables))


def _eigenvalues(matrix: sp.MatrixBase) -> list[sp.Basic]:
    polynomial = sp.ImmutableMatrix(matrix).charpoly(sp.Dummy("lambda"))
    exact = sp.roots(polynomial) if not matrix.has(sp.Float) else {}
    found = [tidy(root) for root, count in exact.items() for _ in range(count)]
    if len(found) == polynomial.degree() and all(real_number(root) is not None for root in found):
        return sorted(found, key=lambda root: real_number(root) or 0)
    numeric = [sp.re(root) for root in polynomial.nroots(n=30)]
    return sorted((sp.Float(root, 30) for root in numeric), key=float)


def _stable_rate(facts: dict[str, Any], rate: sp.Basic) -> Step:
    """H, its eigenvalues and the largest stable rate 2/λ_max (oo when no λ is positive)."""
    second, eigenvalues = facts["hessian"], facts["eigenvalues"]
    largest = eigenvalues[-1]
    stable = tidy(2 / largest) if float(largest) > 0 else sp.oo
    details = {
        "eigenvalues": tuple(eigenvalues),
        "largest": largest,
        "rate": rate,
        "bounded_below": facts["bounded_below"],
    }
    return Step("descent_stable_rate", second.result, None, stable, (second,), "solution", details)
