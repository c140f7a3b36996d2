"""Small systems of equations solved the way a student would, every move a Step.

`solve_system(equations, unknowns, rule)` returns a `solve` step (a Tuple of Eq, the unknowns in
details, the real solutions in a fixed order) whose children are the moves, tried in this order
on each (sub)system, one move per node:

1. an equation that is a nonzero number, or never zero (eˣ + 1, x² + y² + 1, a completed
   square): no solution on this branch (`system_contradiction`, `system_never_zero`);
2. no equation left: the remaining unknowns are free (`system_free`, a family of solutions);
3. factors that are never zero are dropped (`system_drop_factor`: e^(−x²)(1 − 2x²) = 0);
4. an equation in one unknown is solved (`system_roots`: factorised, quadratic formula, exact
   or numerical roots), each root substituted into the rest (`system_case`, `system_substitute`);
5. an equation linear in an unknown with a constant coefficient is solved for it and
   substituted (`system_linear`), the value put back afterwards (`system_back_substitute`);
6. a product equal to zero splits into cases, one per factor (`system_factor`, `system_case`);
7. c·v + r = 0 with c depending on the other unknowns: the cases c = 0 and c ≠ 0;
8. two equations combined to eliminate a term (`system_combine`), then a lex Gröbner basis
   (`system_groebner`), then sympy.solve for small non-polynomial systems (`system_cas`);
9. otherwise the branch is stated unsolved (`system_unsolved`): a curve of solutions when
   there are fewer equations than unknowns, periodic functions, or the size limits reached.

Everything is bounded: MAX_NODES moves, degree MAX_DEGREE, sympy.solve and Gröbner bases only
for small systems. Exact values stay exact; roots of irreducible factors of degree ≥ 3 that have
no short radical form are Floats (computed at WORKING_DIGITS, `details["digits"]` = shown).
The sign analysis (`never_zero`) and one-variable roots (`real_roots`) serve other solvers too.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS, small_exact
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


@dataclass
class _Context:
    budget: int = MAX_NODES
    curves: list = field(default_factory=list)  # Tuple of Eq per curve of solutions
    unsolved: list = field(default_factory=list)  # (Tuple of Eq, reason)
    nonreal: int = 0


Move = tuple[list[Step], list[tuple]]


def equations_of(equations: Sequence[sp.Basic]) -> tuple[sp.Tuple, list[sp.Expr]]:
    """(the equations as a Tuple of Eq, their left sides minus right sides)."""
    written = [e if isinstance(e, sp.Eq) else _eq(e, 0) for e in equations]
    return sp.Tuple(*written), [e.lhs - e.rhs for e in written]


def solve_system(
    equations: Sequence[sp.Basic], unknowns: Sequence[sp.Symbol], rule: str = "system_solve"
) -> Step:
    """All real solutions of the equations (expressions = 0, or Eq), with the moves shown."""
    written, lhs = equations_of(equations)
    unknowns = tuple(unknowns)
    ctx = _Context()
    inner = _solve(list(lhs), unknowns, ctx, ())
    sols = [s for s in inner.result if _satisfies(lhs, unknowns, s)]
    families = tuple(s for s in sols if any(_free(c, unknowns) for c in s))
    sols = [s for s in sols if s in families or not _covered(s, families, ctx.curves, unknowns)]
    outcome = "none"
    if ctx.unsolved:
        outcome = "unsolved"
    elif families or ctx.curves:
        outcome = "family"
    elif sols:
        outcome = "points"
    details = {
        "unknowns": unknowns,
        "outcome": outcome,
        "families": families,
        "curves": tuple(ctx.curves),
        "unsolved": tuple(eqs for eqs, _ in ctx.unsolved),
        "reasons": tuple(reason for _, reason in ctx.unsolved),
        "nonreal": ctx.nonreal,
        **_digits(sols),
    }
    result = sp.Tuple(*(sp.Tuple(*s) for s in sols))
    return Step(rule, written, None, result, (inner,), "solve", details)


def _covered(point, families, curves, U) -> bool:
    """True when a point lies on a family of solutions (it is then not an isolated solution)."""
    for family in families:
        at = {u: p for u, p, c in zip(U, point, family, strict=True) if c == u}
        if _same(tuple(c.subs(at) for c in family), tuple(point)):
            return True
    for curve in curves:
        if _satisfies([eq.lhs - eq.rhs for eq in curve], U, point):
            return True
    return False


# -- the recursive solver ------------------------------------------------------------------------


def _solve(E, U, ctx, path, rule="system_solve", info=None, groebner=True) -> Step:
    E = _distinct([e for e in E if e != 0])
    ctx.budget -= 1
    moves: tuple[Callable[..., Move | None], ...] = (
        *(_contradiction, _free_unknowns, _clear_denominators, _drop_factors, _univariate),
        *(_linear, _factor_cases, _linear_variable, _combine),
    )
    found = None
    if any(_too_large(e, U) for e in E):
        ctx.budget = min(ctx.budget, 0)  # stated as too large (reason "size") by _give_up
    for move in moves:
        found = move(E, U, ctx, path) if ctx.budget > 0 or move is _contradiction else None
        if found is not None:
            break
    if found is None and groebner and ctx.budget > 0:
        found = _groebner(E, U, ctx, path)
    if found is None:
        found = _cas(E, U, ctx, path) if ctx.budget > 0 else None
    children, sols = found if found is not None else _give_up(E, U, ctx, path)
    return _node(rule, E, U, children, _merge(sols), info)


def _too_large(e: sp.Expr, U) -> bool:
    if sp.count_ops(e) > MAX_OPS:
        return True
    return _free(e, U) and e.is_polynomial(*U) and _degree(e, None) > MAX_TOTAL_DEGREE


def _node(rule, E, U, children, sols, info=None) -> Step:
    sols = [s for s in sols if _satisfies(E, U, s)]  # a safety net against rounding: no-op
    details = {"unknowns": tuple(U), **(info or {}), **_digits(sols)}
    expr = sp.Tuple(*(_eq(e, 0) for e in E))
    result = sp.Tuple(*(sp.Tuple(*s) for s in sols))
    return Step(rule, expr, None, result, tuple(children), "solve", details)


def _leaf(rule, E, U, sols=(), **details) -> Step:
    return _node(rule, E, U, (), list(sols), details)


def _contradiction(E, U, ctx, path) -> Move | None:
    for e in E:
        if not _free(e, U):
            return [_leaf("system_contradiction", [e], U, value=e)], []
        sign = never_zero(e, U)
        if sign is not None:
            proof = Step("system_sign", e, None, sign.written, (), "rewrite", {"sign": sign.sign})
            step = _node("system_never_zero", [e], U, (proof,), [], {"sign": sign.sign})
            return [step], []
    return None


def _free_unknowns(E, U, ctx, path) -> Move | None:
    if E:
        return None
    return [_leaf("system_free", [], U, [tuple(U)], free=tuple(U))], [tuple(U)]


def _clear_denominators(E, U, ctx, path) -> Move | None:
    """n/d = 0: n = 0 where d ≠ 0 (solutions where d = 0 are left out)."""
    for e in E:
        numerator, denominator = sp.fraction(sp.together(e))
        if not _free(denominator, U) or never_zero(denominator, U) is not None:
            continue
        written = sp.Mul(numerator, sp.Pow(denominator, -1, evaluate=False), evaluate=False)
        details = {"numerator": numerator, "denominator": denominator}
        step = Step("system_clear_denominators", e, None, written, (), "rewrite", details)
        sub = _solve([numerator if o is e else o for o in E], U, ctx, path)
        keep = [
            s for s in sub.result if not _vanishes(denominator.subs(dict(zip(U, s, strict=True))))
        ]
        return [step, sub], keep
    return None


def _drop_factors(E, U, ctx, path) -> Move | None:
    for e in E:
        constant, factors = _factors(e, U)
        dropped = [f**m for f, m in factors if never_zero(f, U) is not None]
        if not dropped:
            continue
        kept_factors = [f**m for f, m in factors if f**m not in dropped]
        kept = sp.Mul(*kept_factors)
        never = sp.powsimp(sp.Mul(*dropped))
        leading = [constant] if constant != 1 else []
        written = sp.Mul(*leading, *sp.Mul.make_args(never), *kept_factors, evaluate=False)
        step = Step("system_drop_factor", e, None, written, (), "rewrite", {"dropped": never})
        rest = [kept if other is e else other for other in E]
        sub = _solve(rest, U, ctx, path)
        return [step, sub], list(sub.result)
    return None


def _univariate(E, U, ctx, path) -> Move | None:
    single = [(e, _unknowns(e, U)[0]) for e in E if len(_unknowns(e, U)) == 1]
    if not single:
        return None
    e, v = min(single, key=lambda item: (_degree(item[0], item[1]), sp.count_ops(item[0])))
    roots = real_roots(e, v)
    if roots is None:
        return None
    ctx.nonreal += roots.details.get("nonreal", 0)
    rest = [o for o in E if o is not e]
    if not rest and U == (v,):
        return [roots], [tuple(r) for r in roots.result]
    children: list[Step] = [roots]
    sols: list[tuple] = []
    for (value,) in roots.result:
        steps, found = _eliminate(rest, U, v, value, ctx, path)
        found = [s for s in found if _satisfies(rest, U, s)]  # a safety net against rounding
        written = [_eq(v, value), *(_eq(o, 0) for o in rest)]
        case = Step(
            "system_case",
            sp.Tuple(*written),
            None,
            sp.Tuple(*(sp.Tuple(*s) for s in _merge(found))),
            tuple(steps),
            "solve",
            {"unknowns": U, "branch": _eq(v, value), **_digits(found)},
        )
        children.append(case)
        sols += found
    return children, sols


def _linear(E, U, ctx, path) -> Move | None:
    options = []
    for e in E:
        for v in _unknowns(e, U):
            coefficient, rest = _linear_parts(e, v, U)
            if coefficient is not None and not _free(coefficient, U) and coefficient != 0:
                value = _tidy_value(-rest / coefficient)
                options.append((sp.count_ops(value), U.index(v), e, v, value, coefficient))
    if not options:
        return None
    *_, e, v, value, coefficient = min(options, key=lambda o: o[:2])
    step = _leaf("system_linear", [e], (v,), [(value,)], unknown=v, equation=_eq(e, 0))
    steps, sols = _eliminate([o for o in E if o is not e], U, v, value, ctx, path)
    return [step, *steps], sols


def _eliminate(rest, U, v, value, ctx, path) -> Move:
    """Put v = value into the other equations, solve them, then put the solutions back."""
    U_rest = tuple(u for u in U if u != v)
    steps: list[Step] = []
    new = [_tidy(o.subs(v, value)) for o in rest]
    if rest:
        steps.append(
            Step(
                "system_substitute",
                sp.Tuple(*rest),
                None,
                sp.Tuple(*new),
                (),
                "evaluate",
                {"at": {v: value}, "unknown": v, "assignment": _eq(v, value)},
            )
        )
    if not U_rest:
        consistent = all(sp.simplify(n) == 0 for n in new)
        return steps, [(value,)] if consistent else []
    sub = _solve([_numerator(n) for n in new], U_rest, ctx, (*path, (v, value)))
    steps.append(sub)
    sols = []
    for s in sub.result:
        at = dict(zip(U_rest, s, strict=True))
        found = _tidy_value(value.subs(at)) if _free(value, U) else value
        if found.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            continue
        if _free(value, U) and found != value:
            steps.append(_back(value, at, found, v))
        sols.append(tuple(found if u == v else at[u] for u in U))
    return steps, sols


def _back(value, at, found, v) -> Step:
    details = {"at": at, "unknown": v, "assignment": _eq(v, value)}
    return Step("system_back_substitute", value, None, found, (), "evaluate", details)


def _factor_cases(E, U, ctx, path) -> Move | None:
    for e in E:
        factors = [(f, m) for f, m in _factors(e, U)[1] if _free(f, U)]
        if len(factors) < 2 and not (factors and factors[0][1] > 1):
            continue
        written = _factored(e, U)
        step = Step("system_factor", e, None, written, (), "rewrite", {"factors": factors})
        cases, sols = [], []
        for f, _ in factors:
            rest = [f if other is e else other for other in E]
            case = _solve(rest, U, ctx, path, "system_case", {"branch": _eq(f, 0)})
            cases.append(case)
            sols += list(case.result)
        return [step, *cases], sols
    return None


def _linear_variable(E, U, ctx, path) -> Move | None:
    """c·v + r = 0 where c depends on the other unknowns: c = 0, or v = −r/c with c ≠ 0."""
    for e in E:
        for v in _unknowns(e, U):
            coefficient, rest = _linear_parts(e, v, U)
            if coefficient is None or not _free(coefficient, U):
                continue
            others = [o for o in E if o is not e]
            zero = _solve(
                [coefficient, rest, *others], U, ctx, path, "system_case",
                {"branch": _eq(coefficient, 0)},
            )  # fmt: skip
            value = _tidy_value(-rest / coefficient)
            steps, found = _eliminate(others, U, v, value, ctx, path)
            keep = [
                s for s in found if not _vanishes(coefficient.subs(dict(zip(U, s, strict=True))))
            ]
            nonzero = _node(
                "system_case",
                [e, *others],
                U,
                [_leaf("system_linear", [e], (v,), [(value,)], unknown=v, equation=_eq(e, 0))]
                + steps,
                _merge(keep),
                {"branch": sp.Ne(coefficient, 0)},
            )
            return [zero, nonzero], list(zero.result) + keep
    return None


def _combine(E, U, ctx, path) -> Move | None:
    """b·p − a·q removes a term both equations share when that leaves fewer unknowns."""
    polys = [(e, sp.Poly(e, *U)) for e in E if e.is_polynomial(*U)]
    best = None
    for (p, P), (q, Q) in itertools.combinations(polys, 2):
        for monomial in set(P.monoms()) & set(Q.monoms()):
            if not any(monomial):
                continue
            a, b = P.coeff_monomial(monomial), Q.coeff_monomial(monomial)
            combined = sp.expand(b * p - a * q)
            size = len(_unknowns(combined, U))
            if combined != 0 and size < min(len(_unknowns(p, U)), len(_unknowns(q, U))):
                key = (size, _degree(combined, None), sp.count_ops(combined))
                if best is None or key < best[0]:
                    best = (key, p, q, a, b, combined)
    if best is None:
        return None
    _, p, q, a, b, combined = best
    written = sp.Add(sp.Mul(b, p, evaluate=False), sp.Mul(-a, q, evaluate=False), evaluate=False)
    details = {"keep": p, "drop": q, "multipliers": (b, a)}
    step = Step("system_combine", written, None, combined, (), "rewrite", details)
    sub = _solve([combined if o is q else o for o in E], U, ctx, path)
    return [step, sub], list(sub.result)


def _groebner(E, U, ctx, path) -> Move | None:
    if not E or not all(e.is_polynomial(*U) for e in E) or len(E) < len(U):
        return None
    if max(_degree(e, None) for e in E) > GROEBNER_DEGREE or len(U) > 3:
        return None
    basis = [b for b in sp.groebner(E, *U, order="lex").exprs]
    if set(basis) == set(E):
        return None
    stated = sp.Tuple(*(_eq(b, 0) for b in basis))
    step = Step("system_groebner", sp.Tuple(*E), None, stated, (), "solution", {"unknowns": U})
    sub = _solve(basis, U, ctx, path, groebner=False)
    return [step, sub], list(sub.result)


def _cas(E, U, ctx, path) -> Move | None:
    if any(e.has(*PERIODIC) for e in E) or sum(sp.count_ops(e) for e in E) > CAS_OPS:
        return None
    if all(e.is_polynomial(*U) for e in E):
        return None  # polynomial systems are the moves' (or Gröbner's) business
    try:
        found = sp.solve(E, U, dict=True)
    except (NotImplementedError, ValueError, TypeError):
        return None
    sols, nonreal = [], 0
    for s in found:
        values = tuple(_tidy_value(s.get(u, u)) for u in U)
        if all(_is_real(value) for value in values) and _satisfies(E, U, values):
            sols.append(values)
        else:
            nonreal += 1
    ctx.nonreal += nonreal
    return [_leaf("system_cas", E, U, _merge(sols), nonreal=nonreal)], sols


def _give_up(E, U, ctx, path) -> Move:
    known = [_eq(v, value) for v, value in path]
    stated = sp.Tuple(*known, *(_eq(e, 0) for e in E))
    if ctx.budget <= 0:
        reason = "size"
    elif any(e.has(*PERIODIC) for e in E):
        reason = "periodic"
    elif len(E) < len(U):
        ctx.curves.append(stated)
        return [_leaf("system_curve", E, U, known=stated)], []
    else:
        reason = "unsolved"
    ctx.unsolved.append((stated, reason))
    return [_leaf("system_unsolved", E, U, reason=reason)], []


# -- one unknown -------------------------------------------------------------------------------


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
        return _leaf(
            "system_roots", [e], (v,), found, nonreal=poly.degree() - len(roots), **details
        )
    _, factors = _factor_list(e, (v,))
    if any(_degree(f, v) > MAX_DEGREE for f, _ in factors):
        return None
    children, roots, nonreal = [], [], 0
    factored = _factored(e, (v,))
    if factored != e and (len(factors) > 1 or factors[0][1] > 1 or _degree(e, v) > 2):
        children.append(Step("system_factor", e, None, factored, (), "rewrite", {}))
    for factor, multiplicity in factors:
        step, found = _factor_roots(factor, v)
        if step is not None:
            children.append(step)
        roots += [(r, multiplicity) for r in found]
        nonreal += sp.degree(factor, v) - len(found)
    roots.sort(key=lambda pair: _num(pair[0]))
    details = {
        "unknowns": (v,),
        "unknown": v,
        "nonreal": nonreal,
        **_digits([(r,) for r, _ in roots]),
    }
    details["multiplicities"] = tuple(m for _, m in roots)
    result = sp.Tuple(*(sp.Tuple(r) for r, _ in roots))
    expr = sp.Tuple(_eq(e, 0))
    return Step("system_roots", expr, None, result, tuple(children), "solve", details)


def plain_exact(value: sp.Basic) -> bool:
    """An exact number worth computing with exactly: small (numbers.small_exact), no nested
    radicals such as √(18 − 6√2); anything else is evaluated as a float."""
    nested = any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow))
    return not value.has(sp.Float) and small_exact(value) and not nested


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
        return None, [_tidy_value(-b / a)]
    if poly.degree() == 2:
        a, b, c = poly.all_coeffs()
        disc = _tidy_value(b**2 - 4 * a * c)
        found = []
        if disc.is_nonnegative or (disc.is_nonnegative is None and _num(disc) > 0):
            pair = {_tidy_value((-b + s * sp.sqrt(disc)) / (2 * a)) for s in (1, -1)}
            found = sorted(pair, key=_num)
        details = {"a": a, "b": b, "c": c, "discriminant": disc, "unknowns": (v,)}
        return _leaf("system_quadratic", [factor], (v,), [(r,) for r in found], **details), found
    # exact roots only where they are short: xⁿ = a, and quartics in x² (biquadratic)
    biquadratic = poly.degree() == 4 and all(m[0] % 2 == 0 for m in poly.monoms())
    if len(poly.terms()) == 2 or biquadratic:
        exact = sp.roots(poly, v)
        found = [r for r in exact if not r.has(sp.I)]
        complete = sum(exact.values()) == poly.degree()
        hidden = any(r.has(sp.I) and abs(sp.im(sp.N(r))) < 1e-20 for r in exact)  # real, with i
        if complete and not hidden and all(sp.count_ops(r) <= EXACT_ROOT_OPS for r in found):
            return None, sorted(found, key=_num)
    found = [r for r, _ in _numeric(poly)]
    step = _leaf("system_numeric_roots", [factor], (v,), [(r,) for r in found])
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
    roots = [_tidy_value(r) for r in found if _is_real(r) and _satisfies([e], (v,), (r,))]
    roots = sorted(set(roots), key=_num)
    nonreal = len(found) - len(roots)
    details = {"unknown": v, "method": "inverse", "nonreal": nonreal}
    return _leaf("system_roots", [e], (v,), [(r,) for r in roots], **details)


def cofactor_expansion(M: sp.Matrix) -> sp.Basic:
    """det M along the first row, each minor written out (unevaluated) for 2×2 and 3×3."""
    if M.shape == (1, 1):
        return M[0, 0]
    if M.shape == (2, 2):
        return sp.Add(
            sp.Mul(M[0, 0], M[1, 1], evaluate=False),
            sp.Mul(-1, M[0, 1], M[1, 0], evaluate=False),
            evaluate=False,
        )
    terms = []
    for j in range(M.shape[1]):
        minor = cofactor_expansion(M.minor_submatrix(0, j))
        sign = -1 if j % 2 else 1
        terms.append(sp.Mul(sign * M[0, j], minor, evaluate=False))
    return sp.Add(*terms, evaluate=False)


# -- signs: equations that are never zero ------------------------------------------------------


@dataclass(frozen=True)
class Sign:
    sign: int  # +1: always positive, −1: always negative
    written: sp.Basic  # an equal form that shows it (a completed square, or the expression)


def never_zero(e: sp.Expr, U: Sequence[sp.Symbol]) -> Sign | None:
    """Sign of an expression that keeps one sign for all real values of the unknowns."""
    if e.is_number:
        return Sign(1 if e > 0 else -1, e) if e.is_real and e != 0 else None
    if isinstance(e, sp.exp):
        return Sign(1, e)
    if isinstance(e, sp.Pow):
        base = never_zero(e.base, U)
        if base is None or not (base.sign > 0 or e.exp.is_integer):
            return None
        return Sign(1 if base.sign > 0 or e.exp.is_even else -1, e)
    if isinstance(e, sp.Mul):
        parts = [never_zero(f, U) for f in e.args]
        if all(parts):
            return Sign(int(sp.prod([p.sign for p in parts if p is not None])), e)
        return None
    if isinstance(e, sp.Add):
        return _sum_sign(e, U) or _completed_square(e, U)
    return None


def _sum_sign(e: sp.Add, U) -> Sign | None:
    """Terms that are all ≥ 0 (c x²ⁿ, c eᵘ with c > 0), one of them > 0: positive; mirrored."""
    signs = set()
    strict = False
    for term in e.args:
        coefficient, rest = term.as_coeff_Mul()
        if not coefficient.is_real or coefficient == 0:
            return None
        factors = [] if rest == 1 else sp.Mul.make_args(rest)
        if not all(_even_or_positive(f, U) for f in factors):
            return None
        strict = strict or all(isinstance(f, sp.exp) or f.is_number for f in factors)
        signs.add(1 if coefficient > 0 else -1)
    if len(signs) == 1 and strict:
        return Sign(signs.pop(), e)
    return None


def _even_or_positive(factor: sp.Expr, U) -> bool:
    if isinstance(factor, sp.exp) or (factor.is_number and factor.is_positive):
        return True
    return isinstance(factor, sp.Pow) and bool(factor.exp.is_even)


def _completed_square(e: sp.Expr, U) -> Sign | None:
    """A quadratic with a definite part: Σ dᵢ(ℓᵢ)² + m, where m has the sign of the dᵢ."""
    present = _unknowns(e, U)
    if not e.is_polynomial(*present) or _degree(e, None) != 2 or e.has(sp.Float):
        return None
    P = sp.Poly(e, *present)
    n = len(present)
    A = sp.Matrix(n, n, lambda i, j: _quadratic_coefficient(P, i, j, n))
    b = sp.Matrix([P.coeff_monomial(_unit(i, n)) for i in range(n)])
    if A.det() == 0:
        return None
    try:
        L, D = A.LDLdecomposition(hermitian=False)
    except (ValueError, ZeroDivisionError):
        return None
    diagonal = [D[i, i] for i in range(n)]
    if not (all(d > 0 for d in diagonal) or all(d < 0 for d in diagonal)):
        return None
    centre = -(A.inv() * b) / 2
    m = _tidy_value(e.subs(dict(zip(present, centre, strict=True))))
    if m == 0 or (m > 0) != (diagonal[0] > 0):
        return None
    shifted = sp.Matrix([x - c for x, c in zip(present, centre, strict=True)])
    lines = (L.T * shifted).applyfunc(sp.expand)
    squares = [
        sp.Mul(d, sp.Pow(line, 2, evaluate=False), evaluate=False)
        for d, line in zip(diagonal, lines, strict=True)
    ]
    return Sign(1 if m > 0 else -1, sp.Add(*squares, m, evaluate=False))


def _quadratic_coefficient(P: sp.Poly, i: int, j: int, n: int):
    monomial = tuple(_unit(i, n)[k] + _unit(j, n)[k] for k in range(n))
    c = P.coeff_monomial(monomial)
    return c if i == j else c / 2


def _unit(i: int, n: int) -> tuple[int, ...]:
    return tuple(1 if k == i else 0 for k in range(n))


# -- small helpers ---------------------------------------------------------------------------


def _eq(lhs: sp.Basic, rhs: sp.Basic) -> sp.Eq:
    return sp.Eq(lhs, rhs, evaluate=False)


def _free(e: sp.Basic, U) -> bool:
    return any(e.has(u) for u in U)


def _unknowns(e: sp.Basic, U) -> list[sp.Symbol]:
    return [u for u in U if e.has(u)]


def _degree(e: sp.Expr, v) -> int:
    try:
        return int(sp.Poly(e, v).degree() if v is not None else sp.Poly(e).total_degree())
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        return 99


def _linear_parts(e: sp.Expr, v: sp.Symbol, U) -> tuple[sp.Expr | None, sp.Expr]:
    """(c, r) with e = c·v + r, c and r free of v; (None, e) when e is not linear in v."""
    if not e.is_polynomial(v):
        return None, e
    poly = sp.Poly(e, v)
    if poly.degree() != 1:
        return None, e
    c, r = poly.all_coeffs()
    return c, r


def _factors(e: sp.Expr, U) -> tuple[sp.Expr, list[tuple[sp.Expr, int]]]:
    """(constant, [(factor, multiplicity)]): e = constant · Π factorᵐ."""
    if e.is_polynomial(*U) and not e.has(sp.Float):
        constant, factors = _factor_list(e, U)
        return constant, [(f, int(m)) for f, m in factors]
    constant, out = sp.Integer(1), []
    for f in sp.Mul.make_args(sp.factor(e)):
        power = isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0
        base, m = (f.base, f.exp) if power else (f, 1)
        if _free(base, U):
            out.append((base, int(m)))
        else:
            constant *= f
    return constant, out


def _factor_list(e: sp.Expr, U) -> tuple[sp.Expr, list]:
    """sympy.factor_list over the rationals with e's square roots adjoined (when e has any).
    Factoring over an algebraic field is slow beyond quadratics: such an e is left whole."""
    algebraic = any(p.is_number for p in e.atoms(sp.Pow))
    if algebraic and _degree(e, None) > SURD_DEGREE:
        return sp.Integer(1), [(e, 1)]
    for extension in (_surds(e) or None, None):
        try:
            return sp.factor_list(e, *U, extension=extension)
        except (BasePolynomialError, NotImplementedError, ValueError):
            continue
    return sp.Integer(1), [(e, 1)]


def _factored(e: sp.Expr, U) -> sp.Expr:
    if e.is_polynomial(*U) and not e.has(sp.Float):
        constant, factors = _factor_list(e, U)
        return sp.Mul(constant, *(f**m for f, m in factors))
    return sp.factor(e)


def _surds(e: sp.Expr) -> list[sp.Expr]:
    """The square roots of rationals in e (the extension its factorisation may use)."""
    roots = {p for p in e.atoms(sp.Pow) if p.is_number and p.exp.is_Rational}
    return sorted((p for p in roots if p.base.is_Rational), key=str)


def _tidy(e: sp.Expr) -> sp.Expr:
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


def _tidy_value(value: sp.Expr) -> sp.Expr:
    """A value in a short form: √(5 + 2√6) denested to √2 + √3, then simplified."""
    if value.has(sp.Float):
        return sp.expand(value)
    if any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow) if p.exp == sp.Rational(1, 2)):
        value = sp.sqrtdenest(value)
    if sp.count_ops(value) <= 40:
        return sp.radsimp(sp.simplify(value))
    return value


def _numerator(e: sp.Expr) -> sp.Expr:
    numerator, denominator = sp.fraction(sp.together(e))
    return sp.expand(numerator) if numerator.is_polynomial() else numerator


def _distinct(E: list) -> list:
    seen, out = set(), []
    for e in E:
        key = sp.expand(e) if e.is_polynomial() else e
        if key not in seen and -key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _is_real(value: sp.Expr) -> bool:
    if value.free_symbols:
        return value.is_real is not False
    if not value.has(sp.I):
        return value.is_real is not False
    return abs(sp.im(sp.N(value, WORKING_DIGITS))) < 1e-25


def _satisfies(E, U, values) -> bool:
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


def _vanishes(value: sp.Expr) -> bool:
    """Zero, exactly or (for a value computed from floats) to within their rounding."""
    if value.free_symbols:
        return _tidy_value(value) == 0
    tolerance = 1e-12 if value.has(sp.Float) else 1e-25
    return value == 0 or abs(sp.N(value, WORKING_DIGITS)) < tolerance


def _num(value: sp.Expr) -> float:
    return float(sp.re(sp.N(value))) if value.is_number else float("inf")


def _key(solution: tuple) -> tuple:
    free = any(c.free_symbols for c in solution)
    return (free, tuple(_num(c) for c in solution), str(solution))


def _same(a: tuple, b: tuple) -> bool:
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


def _merge(solutions) -> list[tuple]:
    out: list[tuple] = []
    for s in sorted((tuple(s) for s in solutions), key=_key):
        if not any(_same(s, t) for t in out):
            out.append(s)
    return out


def _digits(solutions) -> dict:
    floats = any(isinstance(c, sp.Basic) and c.has(sp.Float) for s in solutions for c in s)
    return {"digits": SHOWN_DIGITS} if floats else {}
