"""The largest |g(x)| on a closed interval, for the Lagrange bound: M = max |f⁽ⁿ⁺¹⁾| on [lo, hi].

`maximum_on(g, checks, var, a, lo, hi, digits)` returns a `remainder_max` step (kind solution,
result M) whose children are
- `remainder_critical_points` (kind solve): g' = 0 on the interval, g' derived by the engine
  (a `taylor_order` child). Solved exactly where the equation is simple enough for sympy (each
  factor a polynomial of degree ≤ 4 with small roots, or a short equation in trig, hyperbolic,
  exponential or log functions of a linear argument), else numerically with bounded effort:
  sign changes of g' on a grid of GRID cells, each refined by a bracketing root finder.
  `details["method"]` says which ("exact", "numeric", or "constant" when g' = 0);
- `remainder_candidates` (kind matrix): g at the ends and at the critical points.
When one of `checks` (f, g and any derivative with a kink) is not defined or not continuous
everywhere on the interval (ln x on [−1/2, 5/2], |x| on [−1, 3]),
there is no finite M: `details["outcome"]` is "unbounded" and `details["where"]` the point
nearest a where the trouble starts; the result is ∞.
"""

from __future__ import annotations

from collections.abc import Sequence

import mpmath
import sympy as sp
from sympy.calculus.util import continuous_domain

from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS
from tutor.solvers.taylor_common import evaluate, successive_derivatives
from tutor.solvers.taylor_numeric import real_function
from tutor.steps import Step

GRID = 160  # cells of the numeric search for sign changes of g'
SOLVE_OPS = 20  # a non-polynomial factor of g' larger than this is solved numerically
ROOT_OPS = 20  # an exact root larger than this sends the search to numbers
EXACT_OPS = 200  # a g' larger than this is not factored: numbers at once
DOMAIN_OPS = 600  # continuity is decided by sympy up to this size, by sampling beyond
POLY_DEGREE = 4
SOLVE_DEGREE = 2  # total degree in the function applications of an equation sympy solves
SOLVABLE = (sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh, sp.exp, sp.log)


def maximum_on(
    g: sp.Basic,
    checks: Sequence[sp.Basic],
    var: sp.Symbol,
    a: sp.Basic,
    lo: sp.Basic,
    hi: sp.Basic,
    digits: int | None,
) -> Step:
    details: dict = {"interval": sp.Tuple(lo, hi), "about": a}
    trouble = _trouble(checks, var, a, lo, hi)
    if trouble is not None:
        details.update(outcome="unbounded", where=trouble, distance=sp.Abs(trouble - a))
        return Step("remainder_max", g, var, sp.oo, (), "solution", details)
    slope = successive_derivatives(g, var, 1)[0]
    solve = _critical_points(slope, var, lo, hi, exact=digits is None)
    points = [lo, *(root[0] for root in solve.result), hi] if hi != lo else [lo]
    values = [
        evaluate(g, {var: c}, digits if _exact(c) else SHOWN_DIGITS, "remainder_candidate")
        for c in points
    ]
    sizes = [sp.N(sp.Abs(v.result), WORKING_DIGITS) for v in values]
    best = max(range(len(values)), key=lambda i: sizes[i])
    top = values[best].result
    maximum = sp.Abs(top) if _exact(top) else sp.Float(abs(sp.N(top, WORKING_DIGITS)), SHOWN_DIGITS)
    column = sp.ImmutableMatrix(len(values), 1, [v.result for v in values])
    candidates = Step("remainder_candidates", g, var, column, tuple(values), "matrix")
    details.update(
        outcome="bounded",
        at=points[best],
        method=solve.details["method"],
        points=tuple(points),
    )
    return Step("remainder_max", g, var, maximum, (solve, candidates), "solution", details)


def _exact(value: sp.Basic) -> bool:
    return not value.has(sp.Float)


# -- where f or g stops being defined ------------------------------------------------------------


def _trouble(
    exprs: Sequence[sp.Basic], var: sp.Symbol, a: sp.Basic, lo: sp.Basic, hi: sp.Basic
) -> sp.Basic | None:
    """The point of [lo, hi] nearest a where one of `exprs` is undefined or not continuous."""
    interval = sp.Interval(lo, hi)
    for expr in exprs:
        if var not in expr.free_symbols:
            continue
        missing = _missing(expr, var, interval)
        if missing is not None and missing is not sp.EmptySet:
            edges = [p for p in missing.boundary if p.is_number] or [missing.inf]
            return min(edges, key=lambda p: abs(sp.N(p - a, WORKING_DIGITS)))
    return None


def _missing(expr: sp.Basic, var: sp.Symbol, interval: sp.Interval) -> sp.Set | None:
    if sp.count_ops(expr) <= DOMAIN_OPS:
        try:
            return interval - continuous_domain(expr, var, interval)
        except (NotImplementedError, ValueError, TypeError, AttributeError):
            pass
    with mpmath.workdps(WORKING_DIGITS):
        fn = real_function(expr, var)
        lo, hi = (_mpf(end) for end in (interval.start, interval.end))
        for i in range(GRID + 1):
            t = lo + (hi - lo) * i / GRID
            if fn(t) is None:
                return sp.FiniteSet(sp.Float(t, SHOWN_DIGITS))
    return None


# -- critical points -----------------------------------------------------------------------------


def _critical_points(slope: Step, var: sp.Symbol, lo: sp.Basic, hi: sp.Basic, exact: bool) -> Step:
    """g'(x) = 0 inside (lo, hi): exact roots when sympy can, else numeric ones."""
    gp = slope.result
    equation = sp.Tuple(sp.Eq(gp, 0))
    details: dict = {"unknowns": (var,), "interval": sp.Tuple(lo, hi)}
    if gp.is_zero or var not in gp.free_symbols:
        details["method"] = "constant" if gp.is_zero else "exact"
        return Step(
            "remainder_critical_points", equation, var, sp.Tuple(), (slope,), "solve", details
        )
    roots = _exact_roots(gp, var, lo, hi) if exact else None
    if roots is not None:
        details["method"] = "exact"
    else:
        roots = [sp.Float(r, WORKING_DIGITS) for r in _numeric_roots(gp, var, lo, hi)]
        details.update(method="numeric", digits=SHOWN_DIGITS, grid=GRID)
    result = sp.Tuple(*(sp.Tuple(r) for r in roots))
    return Step("remainder_critical_points", equation, var, result, (slope,), "solve", details)


def _inside(r: sp.Basic, lo: sp.Basic, hi: sp.Basic) -> bool:
    return bool(sp.N(r - lo, WORKING_DIGITS) > 0 and sp.N(hi - r, WORKING_DIGITS) > 0)


def _exact_roots(gp: sp.Basic, var: sp.Symbol, lo: sp.Basic, hi: sp.Basic) -> list | None:
    """The roots of g' strictly inside (lo, hi), or None when they are not simple to find."""
    if sp.count_ops(gp) > EXACT_OPS:
        return None
    numerator = sp.together(gp).as_numer_denom()[0]
    try:
        _, factors = sp.factor_list(numerator)
    except (sp.PolynomialError, NotImplementedError):
        return None
    roots: set = set()
    for factor, _ in factors:
        if var not in factor.free_symbols or isinstance(factor, sp.exp):
            continue  # a non-zero constant, or e^u, which never vanishes
        found = _factor_roots(factor, var, lo, hi)
        if found is None:
            return None
        roots |= found
    return sorted(roots, key=lambda r: sp.N(r, WORKING_DIGITS))


def _factor_roots(factor: sp.Basic, var: sp.Symbol, lo: sp.Basic, hi: sp.Basic) -> set | None:
    if factor.is_polynomial(var):
        poly = sp.Poly(factor, var)
        if poly.degree() > POLY_DEGREE:
            return None
        found = sp.roots(poly)
        if sum(found.values()) != poly.degree():
            return None
        candidates = list(found)
    elif _solvable(factor, var):
        solutions = sp.solveset(factor, var, sp.Interval(lo, hi))
        if solutions is not sp.EmptySet and not isinstance(solutions, sp.FiniteSet):
            return None
        candidates = list(solutions)
    else:
        return None
    if any(sp.count_ops(r) > ROOT_OPS or r.has(sp.CRootOf) for r in candidates):
        return None
    real = [r for r in candidates if sp.im(sp.N(r, WORKING_DIGITS)) == 0]
    return {r for r in real if _inside(r, lo, hi)}


def _solvable(factor: sp.Basic, var: sp.Symbol) -> bool:
    """Short, of degree ≤ SOLVE_DEGREE in at most two applications of functions sympy inverts
    (sin u − cos u, 3 sin² u − 1, ln u − 1), each of an argument linear in the variable."""
    if sp.count_ops(factor) > SOLVE_OPS:
        return False
    applications = factor.atoms(sp.Function)
    if not applications or len(applications) > 2:
        return False
    for application in applications:
        if not isinstance(application, SOLVABLE):
            return False
        argument = application.args[0]
        if not argument.is_polynomial(var) or sp.degree(argument, var) > 1:
            return False
    letters = {application: sp.Dummy() for application in applications}
    replaced = factor.xreplace(letters)
    if var in replaced.free_symbols or not replaced.is_polynomial(*letters.values()):
        return False
    return sp.Poly(replaced, *letters.values()).total_degree() <= SOLVE_DEGREE


def _mpf(value: sp.Basic) -> mpmath.mpf:
    return mpmath.mpf(sp.Float(sp.N(value, WORKING_DIGITS), WORKING_DIGITS)._mpf_)


def _numeric_roots(gp: sp.Basic, var: sp.Symbol, lo: sp.Basic, hi: sp.Basic) -> list:
    """Sign changes of g' on a grid of GRID cells, each refined to WORKING_DIGITS."""
    with mpmath.workdps(WORKING_DIGITS + 5):
        fn = real_function(gp, var)
        left, right = _mpf(lo), _mpf(hi)
        grid = [left + (right - left) * i / GRID for i in range(GRID + 1)]
        values = [fn(t) for t in grid]
        roots = [grid[i] for i in range(1, GRID) if values[i] == 0]
        for i in range(GRID):
            v0, v1 = values[i], values[i + 1]
            if v0 is None or v1 is None or v0 == 0 or v1 == 0 or (v0 > 0) == (v1 > 0):
                continue
            roots.append(_refine(fn, grid[i], grid[i + 1], v0))
        return sorted(roots)


def _refine(fn, left, right, at_left) -> mpmath.mpf:
    """A root of g' in [left, right], where g' changes sign: Illinois steps, bisection's safety."""

    def strict(t):
        value = fn(t)
        if value is None:
            raise ValueError("no value")
        return value

    try:
        root = mpmath.findroot(strict, (left, right), solver="illinois", tol=mpmath.mpf(10) ** -50)
        if left <= root <= right:
            return root
    except (ValueError, ZeroDivisionError):
        pass
    for _ in range(110):  # halving to 10⁻³⁰ of the cell
        middle = (left + right) / 2
        value = strict(middle)
        if value == 0:
            return middle
        if (value > 0) == (at_left > 0):
            left, at_left = middle, value
        else:
            right = middle
    return (left + right) / 2
