"""Week 2: partial derivatives, gradient, Jacobian and Hessian, each entry a full derivation.

- `partial_derivative(f, var, variables)`: ∂f/∂var (rule `partial`, kind diff), the other
  variables held constant (`details["held_constant"]`, `details["variables"]`).
- `gradient(f, variables)`: ∇f as a column (kind matrix) of `partial` steps.
- `jacobian(functions, variables)`: the m×n grid of `partial` steps, row i for function i
  (a scalar function gives the 1×n row J = ∇fᵀ, `details["scalar"]`); a square Jacobian also
  states `details["determinant"]` and `details["singular"]` (det J = 0 for every point).
- `hessian(f, variables)`: kind sequence: the gradient, then the n×n grid (`hessian_matrix`)
  row i of which differentiates the gradient with respect to xᵢ: Hᵢⱼ = ∂/∂xᵢ [∂f/∂xⱼ]. Entries
  on and above the diagonal are `second_partial` derivations; each one below is a `symmetry`
  rewrite whose one child derives it the other way round (∂/∂xⱼ [∂f/∂xᵢ]) and whose result is
  its mirror image's (Schwarz's theorem), so the tree itself shows the mixed partials agree.
  When they could not be shown equal the entry stays a `second_partial` and
  `details["symmetric"]` is False.
- `at_point(step, at, digits)`: any of these at a point (kind sequence: the step, then its
  value, kind evaluate). Exact points give exact values (surds stay surds); a point or function
  with floats gives floats to `digits` (SHOWN_DIGITS unless asked). A point where a value is not
  a finite real number is a ValueError naming the point and the entry.

Adding a solver: build it from `partial` steps (tutor.solvers.common) so that every entry is a
derivation, pick kinds tests/verify.py can check, and word its rule ids in
tutor/render/wording/multivariate.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.functions.elementary.hyperbolic import HyperbolicFunction
from sympy.functions.elementary.trigonometric import TrigonometricFunction

from tutor.notation import to_text
from tutor.solvers.common import evaluate_at, matrix_step, ordered_variables, partial
from tutor.solvers.numbers import SHOWN_DIGITS, all_exact
from tutor.steps import Step
from tutor.steps.values import as_value

WRITTEN_OPS = 8  # a value at a point is shown substituted (2·1·2) when each entry is this small
DETERMINANT_OPS = 120  # a larger determinant is stated as expanded, not factored
AGREE_POINTS = ((0.37, 1.21, 0.53, 1.73), (1.61, 0.29, 2.11, 0.83), (0.71, 2.33, 1.13, 0.47))


def partial_derivative(
    f: sp.Basic, var: sp.Symbol, variables: Sequence[sp.Symbol] | None = None
) -> Step:
    """∂f/∂var; `variables` (default: f's own and var) says which are held constant."""
    f = as_value(f)
    if variables is None:
        variables = _sorted(f.free_symbols | {var})
    elif var not in variables:
        raise ValueError(f"{var} is not one of the variables {_names(variables)}")
    step = partial(f, var, variables)
    return _with_details(step, variables=tuple(variables))


def gradient(f: sp.Basic, variables: Sequence[sp.Symbol] | None = None) -> Step:
    f = as_value(f)
    variables = _variables_of(f, variables)
    children = [partial(f, v, variables) for v in variables]
    return matrix_step(
        "gradient", f, children, (len(variables), 1), {"variables": tuple(variables)}
    )


def jacobian(
    functions: sp.Basic | Sequence[sp.Basic], variables: Sequence[sp.Symbol] | None = None
) -> Step:
    rows = _as_rows(functions)
    variables = _variables_of(sp.Tuple(*rows), variables)
    children = [partial(f, v, variables) for f in rows for v in variables]
    expr = sp.ImmutableMatrix(len(rows), 1, rows)
    details: dict[str, Any] = {
        "variables": tuple(variables),
        "functions": tuple(rows),
        "scalar": not _is_vector(functions),
    }
    if len(rows) == len(variables):
        matrix = sp.ImmutableMatrix(len(rows), len(variables), [c.result for c in children])
        expanded, determinant = _determinant(matrix)
        details["determinant"] = determinant
        if expanded != determinant:
            details["determinant_expanded"] = expanded
        details["singular"] = _is_zero(determinant)
    return matrix_step("jacobian", expr, children, (len(rows), len(variables)), details)


def hessian(f: sp.Basic, variables: Sequence[sp.Symbol] | None = None) -> Step:
    f = as_value(f)
    variables = _variables_of(f, variables)
    first = gradient(f, variables)
    n = len(variables)
    entries: dict[tuple[int, int], Step] = {}
    symmetric = True
    for i in range(n):
        for j in range(n):
            entries[(i, j)] = _second_partial(f, first, variables, j, i)
    for i in range(n):
        for j in range(i):
            mirror, lower = entries[(j, i)], entries[(i, j)]
            if _agree(lower.result, mirror.result):
                entries[(i, j)] = _symmetry(lower, mirror, variables, i, j)
            else:
                symmetric = False
    grid = matrix_step(
        "hessian_matrix", f, [entries[(i, j)] for i in range(n) for j in range(n)], (n, n)
    )
    details = {"variables": tuple(variables), "symmetric": symmetric}
    return Step("hessian", f, None, grid.result, (first, grid), "sequence", details)


def at_point(
    step: Step, at: Mapping[sp.Symbol, Any] | Sequence[Any], digits: int | None = None
) -> Step:
    """The value of a solver's result (gradient, Jacobian, Hessian, partial) at a point, given
    as {symbol: value} or as coordinates in the order of the step's variables."""
    variables = step_variables(step)
    point = point_mapping(at, variables)
    if digits is None and not all_exact(list(point.values()), step.result):
        digits = SHOWN_DIGITS
    require_defined((step.expr, step.result), point)
    value = evaluate_at(step.result, point, digits, details=_substituted(step.result, point))
    details: dict[str, Any] = {"at": value.details["at"], "point": sp.Tuple(*point.values())}
    if digits is not None:
        details["digits"] = digits
    determinant = step.details.get("determinant")
    if step.rule == "jacobian" and determinant is not None:
        det_value = evaluate_at(determinant, point, digits).result
        details["determinant"] = det_value
        details["singular"] = _is_zero(det_value)
    return Step("at_point", step.expr, None, value.result, (step, value), "sequence", details)


# -- points -----------------------------------------------------------------------------------


def step_variables(step: Step) -> tuple[sp.Symbol, ...]:
    """The variables a solver step is a function of, in its order."""
    given = step.details.get("variables")
    if given:
        return tuple(given)
    if step.var is not None:
        return _sorted(set(step.details.get("held_constant", ())) | {step.var})
    return ordered_variables(step.expr)


def point_mapping(
    at: Mapping[sp.Symbol, Any] | Sequence[Any], variables: Sequence[sp.Symbol]
) -> dict[sp.Symbol, sp.Basic]:
    """{variable: value} from a mapping or from coordinates; every variable needs a real number."""
    if isinstance(at, Mapping):
        point = {symbol: as_value(value) for symbol, value in at.items()}
        missing = [v for v in variables if v not in point]
        if missing:
            raise ValueError(f"the point gives no value for {', '.join(map(str, missing))}")
    else:
        coordinates = [as_value(value) for value in at]
        if len(coordinates) != len(variables):
            raise ValueError(
                f"the point has {len(coordinates)} coordinates but there are"
                f" {len(variables)} variables {_names(variables)}"
            )
        point = dict(zip(variables, coordinates, strict=True))
    for symbol, value in point.items():
        if value.free_symbols or value.is_real is False or value.has(sp.zoo, sp.oo, sp.nan):
            raise ValueError(f"the value of {symbol} at the point must be a real number")
    return point


def require_defined(exprs: Sequence[sp.Basic], point: Mapping[sp.Symbol, sp.Basic]) -> None:
    """ValueError naming the point and the entry when an expression (or an entry of a matrix)
    has no finite real value there; every coordinate is put in at once (x/√(x² + y²) at (0, 0)
    is 0/0, not 0)."""
    entries = [e for expr in exprs for e in (expr if isinstance(expr, sp.MatrixBase) else [expr])]
    for source in entries:
        value = source.xreplace(dict(point))
        if value.free_symbols - set(point):
            continue
        if _undefined(sp.N(value, 15) if value.has(sp.Float) else value):
            names = ", ".join(str(v) for v in point)
            coordinates = ", ".join(to_text(v) for v in point.values())
            raise ValueError(
                f"at ({names}) = ({coordinates}) the value of {to_text(source)} is not a finite"
                " real number; choose a point where it is defined"
            )


def _substituted(expr: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]) -> dict[str, sp.Basic]:
    """{"substituted": the point put in, as written (2·1·2, 1²)} for a small scalar or vector."""
    entries = list(expr) if isinstance(expr, sp.MatrixBase) else [expr]
    if isinstance(expr, sp.MatrixBase) and expr.shape[1] != 1:
        return {}
    if any(sp.count_ops(entry) > WRITTEN_OPS for entry in entries):
        return {}
    with sp.evaluate(False):
        written = [entry.xreplace(dict(point)) for entry in entries]
    return {"substituted": sp.Tuple(*written) if isinstance(expr, sp.MatrixBase) else written[0]}


def _undefined(value: sp.Basic) -> bool:
    if value.has(sp.zoo, sp.oo, -sp.oo, sp.nan, sp.I):
        return True
    return value.is_real is False or (value.is_finite is False)


# -- pieces -----------------------------------------------------------------------------------


def _second_partial(
    f: sp.Basic, first: Step, variables: Sequence[sp.Symbol], first_index: int, second: int
) -> Step:
    """∂/∂x_second [∂f/∂x_first], derived by the engine."""
    step = partial(first.children[first_index].result, variables[second], variables)
    details = {**step.details, "first": variables[first_index], "of": f}
    return Step("second_partial", step.expr, step.var, step.result, step.children, "diff", details)


def _symmetry(lower: Step, mirror: Step, variables: Sequence[sp.Symbol], i: int, j: int) -> Step:
    """Hᵢⱼ (below the diagonal) = Hⱼᵢ: derived as `lower`, stated as its mirror's result."""
    details = {"mirror": (variables[j], variables[i]), "entry": (variables[i], variables[j])}
    return Step("symmetry", lower.result, None, mirror.result, (lower,), "rewrite", details)


def _agree(a: sp.Basic, b: sp.Basic) -> bool:
    """Cheap to expensive: structure, cancellation, expansion of small differences, then agreement
    to 30 digits at three fixed sample points (deterministic); where those are not all usable
    (outside the domain), a bounded simplify of the difference decides."""
    if a == b:
        return True
    difference = a - b
    if difference == 0:
        return True
    if sp.count_ops(difference) <= 60 and sp.expand(difference) == 0:
        return True
    agreeing = 0
    for values in _sample_points(_sorted(difference.free_symbols)):
        left, right = sp.N(a.subs(values), 30), sp.N(b.subs(values), 30)
        if not (left.is_number and right.is_number) or _undefined(left) or _undefined(right):
            continue
        if abs(left - right) > 1e-15 * max(1, abs(left)):
            return False
        agreeing += 1
    if agreeing == len(AGREE_POINTS):
        return True
    return sp.count_ops(difference) <= 200 and sp.simplify(difference) == 0


def _sample_points(symbols: Sequence[sp.Symbol]) -> list[dict[sp.Symbol, sp.Float]]:
    """Fixed points, one value per symbol (a fifth symbol gets the first value plus 0.1, ...)."""
    width = len(AGREE_POINTS[0])
    return [
        {s: sp.Float(row[k % width] + 0.1 * (k // width), 30) for k, s in enumerate(symbols)}
        for row in AGREE_POINTS
    ]


def _determinant(matrix: sp.ImmutableMatrix) -> tuple[sp.Basic, sp.Basic]:
    """(expanded, simplified): x sin² y + x cos² y, then x (trigonometric identities, factors)."""
    expanded = sp.expand(matrix.det(method="berkowitz"))
    if sp.count_ops(expanded) > DETERMINANT_OPS:
        return expanded, expanded
    simplified = expanded
    if expanded.has(TrigonometricFunction, HyperbolicFunction):
        simplified = sp.trigsimp(expanded)
    return expanded, sp.factor(simplified)


def _is_zero(value: sp.Basic) -> bool:
    """Identically zero (a determinant): 0 on construction, expanded, or at every sample point."""
    return _agree(value, sp.Integer(0))


def _variables_of(expr: sp.Basic, variables: Sequence[sp.Symbol] | None) -> tuple:
    found = ordered_variables(expr, variables)
    if not found:
        raise ValueError("the function has no variables: name them (for example x, y)")
    if len(set(found)) != len(found):
        raise ValueError(f"a variable is named twice in {_names(found)}")
    return found


def _is_vector(functions: sp.Basic | Sequence[sp.Basic]) -> bool:
    if isinstance(functions, sp.MatrixBase):
        return len(functions) > 1 or functions.shape[0] > 1
    return isinstance(functions, (list, tuple, sp.Tuple))


def _as_rows(functions: sp.Basic | Sequence[sp.Basic]) -> list[sp.Basic]:
    if isinstance(functions, sp.MatrixBase):
        rows = list(functions)
    elif isinstance(functions, (list, tuple, sp.Tuple)):
        rows = [as_value(f) for f in functions]
    else:
        rows = [as_value(functions)]
    if not rows:
        raise ValueError("the vector function has no components")
    return rows


def _with_details(step: Step, **extra: Any) -> Step:
    details = {**step.details, **extra}
    return Step(step.rule, step.expr, step.var, step.result, step.children, step.kind, details)


def _sorted(symbols) -> tuple[sp.Symbol, ...]:
    return tuple(sorted(symbols, key=lambda symbol: symbol.name))


def _names(variables: Sequence[sp.Symbol]) -> str:
    return "(" + ", ".join(str(v) for v in variables) + ")"
