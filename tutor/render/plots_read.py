"""What a plot shows, read from a solver's Step tree (never worked out again).

One reader per plotted family, each returning a small record of floats and sympy expressions:

- `read_descent`: a `gradient_descent` root: f, its variables, the iterates p₀, p₁, ... (each
  row's details["point"], then the last row's result p_{n+1} when the run stopped after it) and
  f(pₙ) from each row's `descent_f`;
- `read_newton`: a `newton_raphson` root: f, x and per row (xₙ, f(xₙ), xₙ₊₁) from the row's
  details["x"], `newton_f` and `newton_next`;
- `read_fit`: a `line_fit`, `chi_squared` or `fit_gradient_descent` root: the data (xᵢ, yᵢ, σᵢ)
  from the `chi_squared_term` rows (or the first iteration's `fit_gradient_term` cells), and
  the model with the fitted parameters put in (for a descent fit also with the start values);
- `read_taylor`: a `taylor_polynomial` or `linearisation` root: f, Pₙ, a, n, the interval of a
  `remainder_bound` and the estimate point of `taylor_estimate`, when there are.

A tree that lacks what the plot needs raises PlotError (plot_for then draws nothing).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.steps import Step


class PlotError(ValueError):
    """The tree does not hold what its plot needs (one line saying what is missing)."""


def real(value: Any, what: str) -> float:
    """A sympy (or Python) number as a finite float."""
    try:
        number = complex(value)
    except (TypeError, ValueError):
        raise PlotError(f"{what} is not a number: {value}") from None
    if not math.isfinite(number.real) or abs(number.imag) > 1e-12 * max(1.0, abs(number.real)):
        raise PlotError(f"{what} is not a finite real number: {value}")
    return number.real


def _child(step: Step, rule: str) -> Step | None:
    return next((child for child in step.children if child.rule == rule), None)


@dataclass(frozen=True)
class Descent:
    f: sp.Expr
    variables: tuple[sp.Symbol, ...]
    points: tuple[tuple[float, ...], ...]  # p₀, p₁, ...
    values: tuple[float | None, ...]  # f(pₙ) where a row has it


def read_descent(root: Step) -> Descent:
    variables = tuple(root.details.get("variables") or ())
    rows = [child for child in root.children if child.rule == "descent_iteration"]
    if not rows or not variables:
        raise PlotError("the descent has no iterations")
    points = [tuple(real(v, "an iterate") for v in row.details["point"]) for row in rows]
    if not rows[-1].details.get("stopped"):
        points.append(tuple(real(v, "an iterate") for v in rows[-1].result))
    values: list[float | None] = []
    for row in rows:
        step = _child(row, "descent_f")
        values.append(None if step is None else real(step.result, "f(pₙ)"))
    return Descent(root.expr, variables, tuple(points), tuple(values))


@dataclass(frozen=True)
class Newton:
    f: sp.Expr
    var: sp.Symbol
    steps: tuple[tuple[float, float, float], ...]  # (xₙ, f(xₙ), xₙ₊₁)


def read_newton(root: Step, most: int) -> Newton:
    """The first `most` full rows of a Newton-Raphson run."""
    steps: list[tuple[float, float, float]] = []
    for row in root.children:
        if row.rule != "newton_iteration" or len(steps) == most:
            continue
        fx, nxt = _child(row, "newton_f"), _child(row, "newton_next")
        if fx is None or nxt is None:
            break
        x = real(row.details["x"], "xₙ")
        steps.append((x, real(fx.result, "f(xₙ)"), real(nxt.result, "xₙ₊₁")))
    if not steps or root.var is None:
        raise PlotError("the Newton-Raphson run has no full iteration")
    return Newton(root.expr, root.var, tuple(steps))


@dataclass(frozen=True)
class Fit:
    var: sp.Symbol
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    sigmas: tuple[float, ...] | None
    curve: sp.Expr  # the model with the fitted (or given) parameters
    start: sp.Expr | None  # a descent fit: the model at the start values
    parameters: tuple[tuple[sp.Symbol, sp.Basic], ...]
    kind: str  # the root's rule
    steps: int  # a descent fit's iterations (0 otherwise)


def read_fit(root: Step) -> Fit:
    var = root.details.get("variable")
    if not isinstance(var, sp.Symbol):
        raise PlotError("the fit does not name its variable")
    start, steps = None, 0
    parameters: tuple[tuple[sp.Symbol, sp.Basic], ...]
    if root.rule == "line_fit":
        curve = root.result
        parameters = tuple((sp.Symbol(name), root.details[name]) for name in ("m", "c"))
    elif root.rule == "chi_squared":
        parameters = tuple(root.details["values"])
        curve = root.details["model"].xreplace(dict(parameters))
    else:
        names, model = tuple(root.details["parameters"]), root.details["model"]
        parameters = tuple(zip(names, root.result, strict=True))
        curve = model.xreplace(dict(parameters))
        start = model.xreplace(dict(zip(names, root.details["start"], strict=True)))
        steps = int(root.details.get("iterations") or 0)
    xs, ys, sigmas = _data(root, var)
    return Fit(var, xs, ys, sigmas, curve, start, parameters, root.rule, steps)


def _data(root: Step, var: sp.Symbol) -> tuple[tuple, tuple, tuple | None]:
    """(xᵢ), (yᵢ), (σᵢ) or None, from the χ² rows (or the first descent iteration's cells)."""
    rows = [step for step in root.walk() if step.rule == "chi_squared_term"]
    if not rows:
        rows = [s for s in root.walk() if s.rule == "fit_gradient_term" and "index" in s.details]
    if not rows:
        raise PlotError("the fit's tree holds no data points")
    by_index = {row.details["index"]: row.details["at"] for row in rows}
    names = {symbol.name: value for symbol, value in next(iter(by_index.values())).items()}
    keys = (f"{var.name}_i", "y_i", "sigma_i")
    if not all(key in names for key in keys[:2]):
        raise PlotError("the fit's data rows do not hold xᵢ and yᵢ")
    points = [_named(by_index[i]) for i in sorted(by_index)]
    xs = tuple(real(point[keys[0]], "xᵢ") for point in points)
    ys = tuple(real(point[keys[1]], "yᵢ") for point in points)
    weighted = keys[2] in names
    sigmas = tuple(real(point[keys[2]], "σᵢ") for point in points) if weighted else None
    return xs, ys, sigmas


def _named(at: Mapping[sp.Symbol, Any]) -> dict[str, Any]:
    return {symbol.name: value for symbol, value in at.items()}


@dataclass(frozen=True)
class Taylor:
    f: sp.Expr
    var: sp.Symbol
    polynomial: sp.Expr
    about: float
    order: int
    interval: tuple[float, float] | None  # the remainder bound's interval
    point: float | None  # the estimate point x₁
    estimate: tuple[float | None, float | None]  # Pₙ(x₁) and f(x₁), when there are
    linear: bool


def _maybe(value: Any) -> float | None:
    return None if value is None else real(value, "an estimate")


def read_taylor(root: Step) -> Taylor:
    if root.var is None:
        raise PlotError("the Taylor polynomial has no variable")
    interval = None
    for step in root.walk():
        if step.rule == "remainder_bound" and "interval" in step.details:
            lo, hi = step.details["interval"]
            interval = (real(lo, "the interval's end"), real(hi, "the interval's end"))
            break
    point: float | None = None
    values: tuple[float | None, float | None] = (None, None)
    estimate = _child(root, "taylor_estimate")
    if estimate is not None:
        point = real(estimate.details["point"], "the estimate point")
        values = (_maybe(estimate.details.get("estimate")), _maybe(estimate.details.get("actual")))
    about = real(root.details["about"], "the centre a")
    order, linear = int(root.details["order"]), root.rule == "linearisation"
    return Taylor(root.expr, root.var, root.result, about, order, interval, point, values, linear)
