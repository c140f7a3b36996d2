"""Week 5: stationary points of f(x), f(x, y) or f(x, y, z), found and classified.

`stationary_points(f, variables)` returns a `stationary_points` step (kind solution; result: the
real stationary points in a fixed order, details: their values and classifications) with:

1. the gradient (tutor.solvers.multivariate.gradient; f'(x) by the engine for one variable);
2. the system ∇f = 0 (`stationary_system`, kind solve) solved with visible moves
   (tutor.solvers.systems); no real solution, a family of solutions (a line or curve of
   stationary points) and systems out of reach are stated in its details;
3. the Hessian (multivariate.hessian) or f''(x), and for two variables D = f_xx f_yy − f_xy²
   (`determinant_formula`, a rewrite);
4. per point (`stationary_point`): f there, H there (kind evaluate), D and f_xx (two variables),
   the eigenvalues of H from its characteristic polynomial (`hessian_eigenvalues`, kind solve),
   and the classification; when the test is inconclusive (D = 0, a zero eigenvalue, f'' = 0)
   and f is a polynomial, the lowest-order terms of f(p + h) − f(p) (`higher_order_check`)
   decide where they can (x⁴ + y⁴ at 0: a minimum; x³ + y² at 0: neither).

Classifications: "minimum", "maximum", "saddle", "inconclusive" (with details["refined"] from
the higher-order check: "minimum", "maximum", "neither" or None) and "family" for points that are
not isolated (the second-derivative test cannot apply there).
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from tutor.solvers.common import evaluate_at, ordered_variables
from tutor.solvers.multivariate import gradient, hessian
from tutor.solvers.numbers import WORKING_DIGITS
from tutor.solvers.systems import cofactor_expansion, plain_exact, real_roots, solve_system
from tutor.steps import Step, derive
from tutor.steps.values import as_value

POINT_DIGITS = WORKING_DIGITS - 10  # values at a float point: 20 digits, shown to 10

MAX_VARIABLES = 3
SHIFTS = ("h", "k", "l")  # displacement letters of the higher-order check


def stationary_points(f: sp.Basic, variables: Sequence[sp.Symbol] | None = None) -> Step:
    f = as_value(f)
    variables = _check(f, variables)
    n = len(variables)
    if n == 1:
        first = derive(f, variables[0])
        equations = [first.result]
    else:
        first = gradient(f, variables)
        equations = list(first.result)
    system = solve_system(equations, variables, "stationary_system")
    children: list[Step] = [first, system]
    points = list(system.result)
    if points:
        second = derive(first.result, variables[0]) if n == 1 else hessian(f, variables)
        children.append(second)
        matrix = sp.ImmutableMatrix([[second.result]]) if n == 1 else second.result
        determinant = _determinant_formula(matrix) if n == 2 else None
        if determinant is not None:
            children.append(determinant)
        for point in points:
            children.append(_classify(f, variables, point, matrix, determinant))
    details = {
        "variables": variables,
        "test": ("second_derivative", "determinant", "eigenvalues")[min(n, 3) - 1],
        "outcome": system.details["outcome"],
    }
    details["classifications"] = tuple(
        c.details["classification"] for c in children if c.rule == "stationary_point"
    )
    details["values"] = tuple(c.result for c in children if c.rule == "stationary_point")
    return Step(
        "stationary_points", f, None, sp.Tuple(*points), tuple(children), "solution", details
    )


def _check(f: sp.Basic, variables: Sequence[sp.Symbol] | None) -> tuple[sp.Symbol, ...]:
    if not isinstance(f, sp.Expr) or isinstance(f, sp.MatrixBase):
        raise ValueError("stationary points need one scalar function f")
    variables = ordered_variables(f, variables)
    if not variables:
        raise ValueError("f is a constant: every point is stationary; give a function of x")
    if len(variables) > MAX_VARIABLES:
        raise ValueError(
            f"stationary points take 1 to {MAX_VARIABLES} variables, not {len(variables)}"
        )
    extra = f.free_symbols - set(variables)
    if extra:
        names = ", ".join(sorted(s.name for s in extra))
        raise ValueError(f"f depends on {names}, which is not among the variables")
    return tuple(variables)


def _determinant_formula(H: sp.ImmutableMatrix) -> Step:
    """D = f_xx f_yy − f_xy², written with the entries, then simplified."""
    written = sp.Add(
        sp.Mul(H[0, 0], H[1, 1], evaluate=False),
        sp.Mul(-1, sp.Pow(H[0, 1], 2, evaluate=False), evaluate=False),
        evaluate=False,
    )
    value = sp.expand(H[0, 0] * H[1, 1] - H[0, 1] ** 2)
    if value.is_polynomial() and sp.count_ops(sp.factor(value)) < sp.count_ops(value):
        value = sp.factor(value)
    return Step("determinant_formula", written, None, value, (), "rewrite", {})


def _classify(f, variables, point, H, determinant) -> Step:
    at = dict(zip(variables, point, strict=True))
    exact = all(c.free_symbols or plain_exact(c) for c in point)
    digits = None if exact else POINT_DIGITS  # floats, or surds too long to compute with
    value = evaluate_at(f, at, digits, rule="stationary_value")
    hessian_at = evaluate_at(H, at, digits, rule="hessian_value")
    children = [value, hessian_at]
    details: dict = {"point": sp.Tuple(*point), "at": at, "hessian": hessian_at.result}
    if any(c.free_symbols for c in point):
        details["classification"] = "family"
    else:
        children += _tests(hessian_at.result, determinant, at, digits, details)
    if details["classification"] == "inconclusive":
        check = _higher_order(f, variables, point)
        if check is not None:
            children.append(check)
            details["refined"] = check.details["verdict"]
    return Step("stationary_point", sp.Tuple(*point), None, value.result, tuple(children),
                "solution", details)  # fmt: skip


def _tests(Hp, determinant, at, digits, details: dict) -> list[Step]:
    """f'' (one variable), D and f_xx (two), the eigenvalues (two or three): their steps, and
    the classification written into details."""
    steps: list[Step] = []
    scale = max([abs(sp.N(entry)) for entry in Hp] + [1])
    if Hp.shape == (1, 1):
        details.update(second=Hp[0, 0], classification=_by_signs([Hp[0, 0]], scale))
        return steps
    eigen = _eigenvalues(Hp)
    steps.append(eigen)
    multiplicities = eigen.details["multiplicities"]
    values = [e[0] for e, m in zip(eigen.result, multiplicities, strict=True) for _ in range(m)]
    details["eigenvalues"] = sp.Tuple(*values)
    details["eigen_pattern"] = details["classification"] = _by_signs(values, scale)
    if determinant is not None:
        D = evaluate_at(determinant.result, at, digits, rule="determinant_value")
        steps.insert(0, D)
        details.update(determinant=D.result, f_xx=Hp[0, 0])
        details["classification"] = _by_determinant(D.result, Hp[0, 0], scale)
    return steps


def _sign(value: sp.Basic, scale=1) -> int:
    """The sign of a number; a float within rounding (10⁻¹² of its scale) of 0 counts as 0."""
    if value == 0:
        return 0
    number = sp.N(value, 30)
    tolerance = 1e-12 * scale if value.has(sp.Float) else 1e-20
    if abs(number) < tolerance:
        return 0
    return 1 if number > 0 else -1


def _by_determinant(D: sp.Basic, fxx: sp.Basic, scale=1) -> str:
    sign = _sign(D, scale**2)  # D is quadratic in the Hessian's entries
    if sign < 0:
        return "saddle"
    if sign == 0:
        return "inconclusive"
    return "minimum" if _sign(fxx, scale) > 0 else "maximum"


def _by_signs(values: list, scale=1) -> str:
    signs = {_sign(v, scale) for v in values}
    if signs == {1}:
        return "minimum"
    if signs == {-1}:
        return "maximum"
    if {1, -1} <= signs:
        return "saddle"
    return "inconclusive"


def _eigenvalues(Hp: sp.ImmutableMatrix) -> Step:
    """det(H − λI) = 0 solved for λ: the characteristic polynomial written out, then its roots."""
    t = _fresh("lambda", Hp.free_symbols)
    shifted = Hp - t * sp.eye(Hp.shape[0])
    written = cofactor_expansion(shifted)
    polynomial = sp.expand(shifted.det())
    char = Step(
        "characteristic_polynomial", written, None, polynomial, (), "rewrite", {"unknown": t}
    )
    roots = real_roots(polynomial, t)
    if roots is None:  # pragma: no cover - a symmetric matrix of size ≤ 3 always has roots here
        raise ValueError("the eigenvalues of the Hessian are out of reach")
    details = {**roots.details, "unknowns": (t,), "unknown": t}
    return Step("hessian_eigenvalues", roots.expr, None, roots.result, (char, roots), "solve",
                details)  # fmt: skip


def _higher_order(f, variables, point) -> Step | None:
    """f(p + h) − f(p) for a polynomial f: never negative (or positive) means a minimum
    (maximum); an odd lowest power along an axis means f takes both signs: neither."""
    if not f.is_polynomial(*variables):
        return None
    shifts = [_fresh(name, f.free_symbols) for name in SHIFTS[: len(variables)]]
    at = dict(zip(variables, point, strict=True))
    moved = {v: p + h for v, p, h in zip(variables, point, shifts, strict=True)}
    written = sp.Add(f.subs(moved), -f.subs(at), evaluate=False)
    difference = sp.expand(f.subs(moved) - f.subs(at))
    verdict = _difference_verdict(difference, shifts)
    details = {"verdict": verdict, "shifts": tuple(shifts), "point": sp.Tuple(*point)}
    return Step("higher_order_check", written, None, difference, (), "rewrite", details)


def _difference_verdict(difference: sp.Expr, shifts: list) -> str | None:
    if difference == 0:
        return None
    terms = sp.Add.make_args(difference)
    even = all(all(term.as_powers_dict().get(h, 0) % 2 == 0 for h in shifts) for term in terms)
    coefficients = {_sign(term.as_coeff_Mul()[0]) for term in terms}
    if even and coefficients == {1}:
        return "minimum"
    if even and coefficients == {-1}:
        return "maximum"
    for h in shifts:
        along = difference.subs({other: 0 for other in shifts if other != h})
        if along != 0:
            lowest = min(sp.Poly(along, h).monoms())[0]
            if lowest % 2 == 1:
                return "neither"
    return None


def _fresh(name: str, used) -> sp.Symbol:
    taken = {s.name for s in used}
    candidate, index = name, 1
    while candidate in taken:
        candidate, index = f"{name}_{index}", index + 1
    return sp.Symbol(candidate, real=True)
