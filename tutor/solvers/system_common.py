"""What the modules of the system solver share (tutor.solvers.systems, system_moves, roots,
signs): the size limits, the solve steps they build, and the small algebra of equations and
solutions.

- The limits: MAX_NODES moves per system, MAX_TOTAL_DEGREE and MAX_OPS for an equation,
  MAX_DEGREE for a polynomial in one unknown, CAS_OPS and GROEBNER_DEGREE for sympy.solve and
  Gröbner bases, EXACT_ROOT_OPS, SURD_DEGREE and COEFFICIENT_OPS for exact roots and factoring.
- `solve_node`, `solve_leaf`: the kind-solve step of a (sub)system, its real solutions checked,
  merged and in a fixed order, with details["digits"] when a solution has a Float.
- Equations: `equation` (an unevaluated Eq), `involves`, `unknowns_in`, `degree_of`,
  `linear_parts`, `factors_of`, `factor_list` (with the equation's surds adjoined),
  `factored_form`, `tidy_equation`, `tidy_value` (a short form: denested, simplified).
- Solutions: `is_real_value`, `satisfies`, `as_float`, `same_solution`, `merge_solutions`,
  `digits_detail`.
"""

from __future__ import annotations

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS
from tutor.steps import Step

MAX_NODES = 150  # moves per system
MAX_TOTAL_DEGREE = 12  # an equation of higher total degree is not attempted
MAX_OPS = 120  # nor an equation with more operations than this
MAX_DEGREE = 8  # a one-variable polynomial of higher degree is not solved
EXACT_ROOT_OPS = 8  # a radical root with more operations is given as a Float
CAS_OPS = 40  # sympy.solve only for non-polynomial systems this small
GROEBNER_DEGREE = 4
SURD_DEGREE = 2  # polynomials with surd coefficients are factored up to this degree
COEFFICIENT_OPS = 30  # a one-variable polynomial with larger coefficients is solved numerically
PERIODIC = (sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc)


# -- solve steps ---------------------------------------------------------------------------------


def solve_node(rule, E, U, children, sols, info=None) -> Step:
    sols = [s for s in sols if satisfies(E, U, s)]  # a safety net against rounding: no-op
    details = {"unknowns": tuple(U), **(info or {}), **digits_detail(sols)}
    expr = sp.Tuple(*(equation(e, 0) for e in E))
    result = sp.Tuple(*(sp.Tuple(*s) for s in sols))
    return Step(rule, expr, None, result, tuple(children), "solve", details)


def solve_leaf(rule, E, U, sols=(), **details) -> Step:
    return solve_node(rule, E, U, (), list(sols), details)


# -- small helpers ---------------------------------------------------------------------------


def equation(lhs: sp.Basic, rhs: sp.Basic) -> sp.Eq:
    return sp.Eq(lhs, rhs, evaluate=False)


def involves(e: sp.Basic, U) -> bool:
    return any(e.has(u) for u in U)


def unknowns_in(e: sp.Basic, U) -> list[sp.Symbol]:
    return [u for u in U if e.has(u)]


def degree_of(e: sp.Expr, v) -> int:
    try:
        return int(sp.Poly(e, v).degree() if v is not None else sp.Poly(e).total_degree())
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        return 99


def linear_parts(e: sp.Expr, v: sp.Symbol, U) -> tuple[sp.Expr | None, sp.Expr]:
    """(c, r) with e = c·v + r, c and r free of v; (None, e) when e is not linear in v."""
    if not e.is_polynomial(v):
        return None, e
    poly = sp.Poly(e, v)
    if poly.degree() != 1:
        return None, e
    c, r = poly.all_coeffs()
    return c, r


def factors_of(e: sp.Expr, U) -> tuple[sp.Expr, list[tuple[sp.Expr, int]]]:
    """(constant, [(factor, multiplicity)]): e = constant · Π factorᵐ."""
    if e.is_polynomial(*U) and not e.has(sp.Float):
        constant, factors = factor_list(e, U)
        return constant, [(f, int(m)) for f, m in factors]
    constant, out = sp.Integer(1), []
    for f in sp.Mul.make_args(sp.factor(e)):
        power = isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0
        base, m = (f.base, f.exp) if power else (f, 1)
        if involves(base, U):
            out.append((base, int(m)))
        else:
            constant *= f
    return constant, out


def factor_list(e: sp.Expr, U) -> tuple[sp.Expr, list]:
    """sympy.factor_list over the rationals with e's square roots adjoined (when e has any).
    Factoring over an algebraic field is slow beyond quadratics: such an e is left whole."""
    algebraic = any(p.is_number for p in e.atoms(sp.Pow))
    if algebraic and degree_of(e, None) > SURD_DEGREE:
        return sp.Integer(1), [(e, 1)]
    for extension in (_surds(e) or None, None):
        try:
            return sp.factor_list(e, *U, extension=extension)
        except (BasePolynomialError, NotImplementedError, ValueError):
            continue
    return sp.Integer(1), [(e, 1)]


def factored_form(e: sp.Expr, U) -> sp.Expr:
    if e.is_polynomial(*U) and not e.has(sp.Float):
        constant, factors = factor_list(e, U)
        return sp.Mul(constant, *(f**m for f, m in factors))
    return sp.factor(e)


def _surds(e: sp.Expr) -> list[sp.Expr]:
    """The square roots of rationals in e (the extension its factorisation may use)."""
    roots = {p for p in e.atoms(sp.Pow) if p.is_number and p.exp.is_Rational}
    return sorted((p for p in roots if p.base.is_Rational), key=str)


def tidy_equation(e: sp.Expr) -> sp.Expr:
    """A substituted equation in a plain form: expanded when polynomial, cancelled otherwise."""
    if e.has(sp.Float):
        return _chop(sp.expand(e))
    if e.is_polynomial():
        return sp.expand(e)
    return sp.cancel(sp.together(e)) if sp.count_ops(e) <= 60 else e


def _chop(e: sp.Expr) -> sp.Expr:
    """Float coefficients that are rounding noise (10⁻²⁰ of the largest) become 0."""
    floats = e.atoms(sp.Float)
    scale = max([abs(f) for f in floats] + [1])
    return e.xreplace({f: sp.Integer(0) for f in floats if abs(f) < 1e-20 * scale})


def tidy_value(value: sp.Expr) -> sp.Expr:
    """A value in a short form: √(5 + 2√6) denested to √2 + √3, then simplified."""
    if value.has(sp.Float):
        return sp.expand(value)
    if any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow) if p.exp == sp.Rational(1, 2)):
        value = sp.sqrtdenest(value)
    if sp.count_ops(value) <= 40:
        return sp.radsimp(sp.simplify(value))
    return value


def is_real_value(value: sp.Expr) -> bool:
    if value.free_symbols:
        return value.is_real is not False
    if not value.has(sp.I):
        return value.is_real is not False
    return abs(sp.im(sp.N(value, WORKING_DIGITS))) < 1e-25


def satisfies(E, U, values) -> bool:
    at = dict(zip(U, values, strict=True))
    for e in E:
        residual = e.subs(at)
        if residual.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return False
        if residual.free_symbols:
            if sp.count_ops(residual) <= 60 and sp.simplify(residual) != 0:
                return False
            continue
        if abs(sp.N(residual, WORKING_DIGITS)) > 1e-15:
            return False
    return True


def as_float(value: sp.Expr) -> float:
    return float(sp.re(sp.N(value))) if value.is_number else float("inf")


def _key(solution: tuple) -> tuple:
    free = any(c.free_symbols for c in solution)
    return (free, tuple(as_float(c) for c in solution), str(solution))


def same_solution(a: tuple, b: tuple) -> bool:
    for p, q in zip(a, b, strict=True):
        if p == q:
            continue
        if p.is_number and q.is_number and abs(sp.N(p - q, WORKING_DIGITS)) < 1e-20:
            continue
        if p.free_symbols or q.free_symbols:
            if sp.count_ops(p - q) <= 40 and sp.simplify(p - q) == 0:
                continue
        return False
    return True


def merge_solutions(solutions) -> list[tuple]:
    out: list[tuple] = []
    for s in sorted((tuple(s) for s in solutions), key=_key):
        if not any(same_solution(s, t) for t in out):
            out.append(s)
    return out


def digits_detail(solutions) -> dict:
    floats = any(isinstance(c, sp.Basic) and c.has(sp.Float) for s in solutions for c in s)
    return {"digits": SHOWN_DIGITS} if floats else {}
