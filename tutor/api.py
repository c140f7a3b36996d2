"""The public solver API: the weeks 2-6 solvers with text accepted wherever maths goes in.

Every function takes sympy values or untrusted text (calculator syntax or LaTeX, read by
tutor.parse, never by eval) and variable names as strings ("x,y" or ["x", "y"]) or Symbols, and
returns the solver's Step tree (render it with tutor.render.render). `tutor` re-exports these
names lazily, so `import tutor` stays light: `tutor.jacobian("x^2 y; sin(x y)", "x,y")`.
`check_problem(problem_id, answer)` judges a typed answer against a generated problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from tutor.parse import parse_expression
from tutor.steps import Step
from tutor.steps.values import as_value

Names = str | Sequence[str | sp.Symbol] | None


def symbols(names: Names) -> tuple[sp.Symbol, ...] | None:
    """'x,y', ['x', 'y'] or Symbols -> real Symbols; None stays None."""
    if names is None:
        return None
    items = names.split(",") if isinstance(names, str) else list(names)
    return tuple(
        item if isinstance(item, sp.Symbol) else sp.Symbol(str(item).strip(), real=True)
        for item in items
    )


def maths(value: Any, names: Names = None) -> Any:
    """Text through the parser (multi-letter names in `names` kept whole); numbers as sympy."""
    if isinstance(value, str):
        declared = [s.name for s in symbols(names) or ()] or None
        return parse_expression(value, variables=declared).expr
    if isinstance(value, list | tuple):
        return [maths(item, names) for item in value]
    return as_value(value)


def _many(functions: Any, names: Names) -> list[Any]:
    """'f1; f2' or a list -> a list of expressions."""
    if isinstance(functions, str):
        return [maths(part, names) for part in functions.split(";")]
    if isinstance(functions, list | tuple):
        return [maths(f, names) for f in functions]
    return [maths(functions, names)]


def _at(point: Any, names: Names) -> Any:
    return None if point is None else [maths(v, names) for v in point]


def partial(f: Any, var: str | sp.Symbol, variables: Names = None) -> Step:
    from tutor.solvers.multivariate import partial_derivative

    (symbol,) = symbols([var]) or ()
    return partial_derivative(maths(f, variables), symbol, symbols(variables))


def gradient(f: Any, variables: Names = None, at: Sequence | None = None) -> Step:
    from tutor.solvers import multivariate

    step = multivariate.gradient(maths(f, variables), symbols(variables))
    return step if at is None else multivariate.at_point(step, _at(at, variables))


def jacobian(functions: Any, variables: Names = None, at: Sequence | None = None) -> Step:
    from tutor.solvers import multivariate

    step = multivariate.jacobian(_many(functions, variables), symbols(variables))
    return step if at is None else multivariate.at_point(step, _at(at, variables))


def hessian(f: Any, variables: Names = None, at: Sequence | None = None) -> Step:
    from tutor.solvers import multivariate

    step = multivariate.hessian(maths(f, variables), symbols(variables))
    return step if at is None else multivariate.at_point(step, _at(at, variables))


def directional_derivative(
    f: Any, direction: Sequence, variables: Names = None, at: Sequence | None = None
) -> Step:
    from tutor.solvers.directional import directional_derivative as solve

    return solve(maths(f, variables), _at(direction, None), symbols(variables), _at(at, variables))


def total_derivative(f: Any, substitutions: Mapping[str, Any] | str, var: str = "t") -> Step:
    """`substitutions`: {"x": "cos t", "y": "sin t"} or the text "x=cos t; y=sin t"."""
    from tutor.solvers.chain import total_derivative as solve

    if isinstance(substitutions, str):
        pairs = [part.split("=", 1) for part in substitutions.split(";") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError("substitutions are name=expression separated by ';'")
        substitutions = {name.strip(): expr for name, expr in pairs}
    mapping = {sp.Symbol(k, real=True): maths(v) for k, v in substitutions.items()}
    return solve(maths(f), mapping, sp.Symbol(var, real=True))


def backprop(
    weights: Sequence | None = None,
    biases: Sequence | None = None,
    inputs: Sequence | None = None,
    target: Sequence | None = None,
    activation: str = "logistic",
    layers: int = 2,
) -> Step:
    """Numeric when weights are given (a matrix per layer), else the symbolic chain of `layers`."""
    from tutor.solvers.backprop import backprop_symbolic
    from tutor.solvers.network import backprop_numeric

    if weights is None:
        return backprop_symbolic(layers, activation)
    return backprop_numeric(weights, biases or [], inputs or [], target or [], activation)


def taylor(
    f: Any,
    var: str = "x",
    about: Any = 0,
    order: int = 3,
    radius: Any = None,
    point: Any = None,
) -> Step:
    """The Taylor polynomial of `order` about `about`; with `radius` the Lagrange bound on
    |x − about| ≤ radius, with `point` the estimate there."""
    from tutor.solvers.taylor import taylor_polynomial

    return taylor_polynomial(
        maths(f, [var]),
        sp.Symbol(var, real=True),
        maths(about),
        order,
        None if radius is None else maths(radius),
        None if point is None else maths(point),
    )


def linearisation(f: Any, var: str = "x", about: Any = 0, estimate: Any = None) -> Step:
    from tutor.solvers.taylor import linearisation as solve

    return solve(
        maths(f, [var]),
        sp.Symbol(var, real=True),
        maths(about),
        None if estimate is None else maths(estimate),
    )


def taylor_two_variables(f: Any, variables: Names = "x,y", about: Sequence = (0, 0)) -> Step:
    from tutor.solvers.taylor_two import taylor_two_variables as solve

    return solve(maths(f, variables), symbols(variables), tuple(_at(about, None) or ()))


def newton(
    f: Any, x0: Any, var: str | None = None, steps: int | None = None, tolerance: Any = None
) -> Step:
    from tutor.solvers.newton import newton_raphson

    symbol = sp.Symbol(var, real=True) if var else None
    return newton_raphson(maths(f), symbol, maths(x0), steps, tolerance)


def descent(
    f: Any,
    start: Sequence,
    rate: Any,
    variables: Names = None,
    steps: int | None = None,
    tolerance: Any = None,
) -> Step:
    from tutor.solvers.descent import gradient_descent

    return gradient_descent(
        maths(f, variables), symbols(variables), _at(start, None), maths(rate), steps, tolerance
    )


def stationary_points(f: Any, variables: Names = None) -> Step:
    from tutor.solvers.stationary import stationary_points as solve

    return solve(maths(f, variables), symbols(variables))


def lagrange(f: Any, constraints: Any, variables: Names = None) -> Step:
    """`constraints`: one expression (= 0) or a list of one or two."""
    from tutor.solvers.lagrange import lagrange as solve

    return solve(maths(f, variables), _many(constraints, variables), symbols(variables))


def chi_squared(
    x: Sequence,
    y: Sequence,
    model: Any,
    params: Mapping[str, Any] | None = None,
    sigma: Sequence | None = None,
    variable: str = "x",
) -> Step:
    from tutor.solvers.regression import chi_squared as solve

    values = {sp.Symbol(k, real=True): maths(v) for k, v in (params or {}).items()}
    return solve(x, y, maths(model), values, sp.Symbol(variable, real=True), sigma)


def line_fit(x: Sequence, y: Sequence, sigma: Sequence | None = None) -> Step:
    from tutor.solvers.regression import line_fit as solve

    return solve(x, y, sigma)


def fit(
    x: Sequence,
    y: Sequence,
    model: Any,
    params: Names,
    start: Sequence,
    rate: Any,
    steps: int,
    sigma: Sequence | None = None,
) -> Step:
    """A non-linear fit of `model` (in x and `params`) by gradient descent on χ²."""
    from tutor.solvers.fitting import gradient_descent_fit

    return gradient_descent_fit(
        x,
        y,
        maths(model, params),
        symbols(params) or (),
        _at(start, None),
        maths(rate),
        steps,
        sigma,
    )


def check_problem(problem_id: str, answer: str, **options: Any):
    """Judge a typed answer against the problem an id names (problem_bank), with its kind,
    variables and mistake context; `options` (syntax, form) go to tutor.check."""
    import problem_bank
    from tutor.answers.checker import check

    problem = problem_bank.from_id(problem_id)
    return check(problem.answer.value, answer, **{**problem.answer.check_options(), **options})
