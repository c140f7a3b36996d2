"""Week 2: partial derivatives, gradient, Jacobian and Hessian, each entry a full derivation.

- `partial_derivative(f, var, variables)`: ∂f/∂var, the other variables held constant.
- `gradient(f, variables)`: ∇f as a column (kind matrix) of `partial` steps.
- `jacobian(functions, variables)`: the m×n grid of `partial` steps, row i for function i
  (a scalar function gives the 1×n row J = ∇fᵀ).
- `hessian(f, variables)`: kind sequence: the gradient, then the n×n grid whose upper entries
  differentiate a gradient entry again (`second_partial`) and whose lower entries are `symmetry`
  rewrites of their mirror image when the mixed partials are continuous (Schwarz's theorem);
  `details["symmetric"]` says whether the matrix is symmetric.
- `at_point(step, at, digits)`: any of these evaluated at a point (kind evaluate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from tutor.solvers.common import evaluate_at, matrix_step, ordered_variables, partial
from tutor.steps import Step
from tutor.steps.values import as_value


def partial_derivative(
    f: sp.Basic, var: sp.Symbol, variables: Sequence[sp.Symbol] | None = None
) -> Step:
    return partial(f, var, ordered_variables(f, variables))


def gradient(f: sp.Basic, variables: Sequence[sp.Symbol] | None = None) -> Step:
    variables = ordered_variables(f, variables)
    children = [partial(f, v, variables) for v in variables]
    return matrix_step(
        "gradient", f, children, (len(variables), 1), {"variables": tuple(variables)}
    )


def jacobian(
    functions: sp.Basic | Sequence[sp.Basic], variables: Sequence[sp.Symbol] | None = None
) -> Step:
    rows = _as_rows(functions)
    variables = ordered_variables(sp.Tuple(*rows), variables)
    children = [partial(f, v, variables) for f in rows for v in variables]
    expr = sp.ImmutableMatrix(len(rows), 1, rows)
    details = {"variables": tuple(variables), "functions": tuple(rows)}
    if len(rows) == len(variables):
        details["determinant"] = sp.factor(
            sp.ImmutableMatrix(len(rows), len(variables), [c.result for c in children]).det()
        )
    return matrix_step("jacobian", expr, children, (len(rows), len(variables)), details)


def hessian(f: sp.Basic, variables: Sequence[sp.Symbol] | None = None) -> Step:
    variables = ordered_variables(f, variables)
    first = gradient(f, variables)
    n = len(variables)
    entries: dict[tuple[int, int], Step] = {}
    for i in range(n):
        for j in range(n):
            if j < i:
                mirror = entries[(j, i)]
                entries[(i, j)] = Step(
                    "symmetry",
                    mirror.result,
                    None,
                    mirror.result,
                    (),
                    "rewrite",
                    {"mirror": (variables[j], variables[i]), "entry": (variables[i], variables[j])},
                )
                continue
            step = partial(first.children[i].result, variables[j], variables)
            entries[(i, j)] = Step(
                "second_partial",
                step.expr,
                step.var,
                step.result,
                step.children,
                "diff",
                {**step.details, "first": variables[i], "of": f},
            )
    grid = matrix_step(
        "hessian_matrix", f, [entries[(i, j)] for i in range(n) for j in range(n)], (n, n)
    )
    details = {
        "variables": tuple(variables),
        "symmetric": _mixed_partials_agree(f, variables, first),
    }
    return Step("hessian", f, None, grid.result, (first, grid), "sequence", details)


def at_point(step: Step, at: Mapping[sp.Symbol, sp.Basic], digits: int | None = None) -> Step:
    """The value of a solver's result (gradient, Jacobian, Hessian, partial) at a point."""
    value = evaluate_at(step.result, at, digits)
    return Step(
        "at_point",
        step.expr,
        None,
        value.result,
        (step, value),
        "sequence",
        {"at": value.details["at"]},
    )


def _as_rows(functions: sp.Basic | Sequence[sp.Basic]) -> list[sp.Basic]:
    if isinstance(functions, sp.MatrixBase):
        return list(functions)
    if isinstance(functions, (list, tuple, sp.Tuple)):
        return [as_value(f) for f in functions]
    return [as_value(functions)]


def _mixed_partials_agree(f: sp.Basic, variables: Sequence[sp.Symbol], first: Step) -> bool:
    """Schwarz: ∂²f/∂x∂y = ∂²f/∂y∂x where they are continuous. Checked, not assumed, so that a
    function such as |x| y, whose mixed partials differ in form, says so."""
    n = len(variables)
    for i in range(n):
        for j in range(i + 1, n):
            upper = partial(first.children[i].result, variables[j], variables).result
            lower = partial(first.children[j].result, variables[i], variables).result
            if sp.simplify(upper - lower) != 0:
                return False
    return True
