"""The real roots of one equation in one unknown, every step shown (the system solver's move
`system_roots`; other solvers import `real_roots` from tutor.solvers.systems).

`real_roots(e, v)` returns a `system_roots` step (kind solve: the roots in increasing order,
details["multiplicities"] and details["nonreal"]), or None when out of reach. A polynomial is
factorised (`system_factor`) and each factor solved: linear, by the quadratic formula
(`system_quadratic`), exactly where the roots are short (xⁿ = a, quartics in x²), else
numerically (`system_numeric_roots`: Floats at WORKING_DIGITS). Coefficients with Floats or too
large to factor quickly send the whole polynomial to the numerical roots; a small equation that
is not polynomial and has no periodic function goes to sympy.solve (method "inverse").
"""

from __future__ import annotations

import sympy as sp

from tutor.solvers.numbers import WORKING_DIGITS
from tutor.solvers.system_common import (
    CAS_OPS,
    COEFFICIENT_OPS,
    EXACT_ROOT_OPS,
    MAX_DEGREE,
    PERIODIC,
    SURD_DEGREE,
    as_float,
    degree_of,
    digits_detail,
    equation,
    factor_list,
    factored_form,
    is_real_value,
    satisfies,
    solve_leaf,
    tidy_value,
)
from tutor.steps import Step


def real_roots(e: sp.Expr, v: sp.Symbol) -> Step | None:
    """The real roots of e = 0 in one unknown (kind solve), or None when out of reach."""
    if not e.is_polynomial(v):
        return _transcendental_roots(e, v)
    poly = sp.Poly(e, v)
    if poly.degree() > 2 * MAX_DEGREE:
        return None
    if poly.has(sp.Float) or _messy(poly):
        roots = _numeric(poly)
        found = [(r,) for r, _ in roots]
        details = {"unknown": v, "method": "numeric", "multiplicities": tuple(m for _, m in roots)}
        return solve_leaf(
            "system_roots", [e], (v,), found, nonreal=poly.degree() - len(roots), **details
        )
    _, factors = factor_list(e, (v,))
    if any(degree_of(f, v) > MAX_DEGREE for f, _ in factors):
        return None
    children, roots, nonreal = [], [], 0
    factored = factored_form(e, (v,))
    if factored != e and (len(factors) > 1 or factors[0][1] > 1 or degree_of(e, v) > 2):
        children.append(Step("system_factor", e, None, factored, (), "rewrite", {}))
    for factor, multiplicity in factors:
        step, found = _factor_roots(factor, v)
        if step is not None:
            children.append(step)
        roots += [(r, multiplicity) for r in found]
        nonreal += sp.degree(factor, v) - len(found)
    roots.sort(key=lambda pair: as_float(pair[0]))
    details = {
        "unknowns": (v,),
        "unknown": v,
        "nonreal": nonreal,
        **digits_detail([(r,) for r, _ in roots]),
    }
    details["multiplicities"] = tuple(m for _, m in roots)
    result = sp.Tuple(*(sp.Tuple(r) for r, _ in roots))
    expr = sp.Tuple(equation(e, 0))
    return Step("system_roots", expr, None, result, tuple(children), "solve", details)


def _messy(poly: sp.Poly) -> bool:
    """Coefficients too large to factor over their field quickly (nested radicals, long sums)."""
    coefficients = poly.all_coeffs()
    nested = any(p.base.has(sp.Pow) for c in coefficients for p in c.atoms(sp.Pow) if p.is_number)
    algebraic = poly.degree() > SURD_DEGREE and any(c.atoms(sp.Pow) for c in coefficients)
    return nested or algebraic or sum(sp.count_ops(c) for c in coefficients) > COEFFICIENT_OPS


def _factor_roots(factor: sp.Expr, v: sp.Symbol) -> tuple[Step | None, list]:
    poly = sp.Poly(factor, v)
    if poly.degree() == 1:
        a, b = poly.all_coeffs()
        return None, [tidy_value(-b / a)]
    if poly.degree() == 2:
        a, b, c = poly.all_coeffs()
        disc = tidy_value(b**2 - 4 * a * c)
        found = []
        if disc.is_nonnegative or (disc.is_nonnegative is None and as_float(disc) > 0):
            pair = {tidy_value((-b + s * sp.sqrt(disc)) / (2 * a)) for s in (1, -1)}
            found = sorted(pair, key=as_float)
        details = {"a": a, "b": b, "c": c, "discriminant": disc, "unknowns": (v,)}
        return solve_leaf(
            "system_quadratic", [factor], (v,), [(r,) for r in found], **details
        ), found
    # exact roots only where they are short: xⁿ = a, and quartics in x² (biquadratic)
    biquadratic = poly.degree() == 4 and all(m[0] % 2 == 0 for m in poly.monoms())
    if len(poly.terms()) == 2 or biquadratic:
        exact = sp.roots(poly, v)
        found = [r for r in exact if not r.has(sp.I)]
        complete = sum(exact.values()) == poly.degree()
        hidden = any(r.has(sp.I) and abs(sp.im(sp.N(r))) < 1e-20 for r in exact)  # real, with i
        if complete and not hidden and all(sp.count_ops(r) <= EXACT_ROOT_OPS for r in found):
            return None, sorted(found, key=as_float)
    found = [r for r, _ in _numeric(poly)]
    step = solve_leaf("system_numeric_roots", [factor], (v,), [(r,) for r in found])
    return step, found


def _numeric(poly: sp.Poly) -> list[tuple[sp.Float, int]]:
    """The real roots of a polynomial as Floats (WORKING_DIGITS), with their multiplicities."""
    values = poly.nroots(n=WORKING_DIGITS, maxsteps=200)
    scale = max([abs(sp.N(c)) for c in poly.all_coeffs()] + [1])
    real = sorted((sp.re(r) for r in values if abs(sp.im(r)) <= 1e-20 * scale), key=float)
    out: list[tuple[sp.Float, int]] = []
    for r in real:
        if out and abs(out[-1][0] - r) <= 1e-15 * max(1, abs(r)):
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((sp.Float(r, WORKING_DIGITS), 1))
    return out


def _transcendental_roots(e: sp.Expr, v: sp.Symbol) -> Step | None:
    if e.has(*PERIODIC) or sp.count_ops(e) > CAS_OPS:
        return None
    try:
        found = sp.solve(e, v)
    except (NotImplementedError, ValueError, TypeError):
        return None
    roots = [tidy_value(r) for r in found if is_real_value(r) and satisfies([e], (v,), (r,))]
    roots = sorted(set(roots), key=as_float)
    nonreal = len(found) - len(roots)
    details = {"unknown": v, "method": "inverse", "nonreal": nonreal}
    return solve_leaf("system_roots", [e], (v,), [(r,) for r in roots], **details)
