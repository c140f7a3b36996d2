"""The moves of the system solver (tutor.solvers.systems), each one a Step, tried in the order
that module's docstring gives by `solve_equations` on each (sub)system.

A move takes (E, U, ctx, path): the equations (expressions = 0), the unknowns, the `Context` of
the whole solve (the budget of MAX_NODES moves, the curves of solutions, the branches left
unsolved, the count of non-real solutions) and the values fixed on this branch so far. It
returns (steps, solutions), or None when it does not apply. Moves recurse through
`solve_equations`; when none applies, the branch is stated unsolved (`system_curve`,
`system_unsolved`). One unknown's roots come from tutor.solvers.roots, the sign analysis from
tutor.solvers.signs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from tutor.solvers.numbers import WORKING_DIGITS
from tutor.solvers.roots import real_roots
from tutor.solvers.signs import never_zero
from tutor.solvers.system_common import (
    CAS_OPS,
    GROEBNER_DEGREE,
    MAX_NODES,
    MAX_OPS,
    MAX_TOTAL_DEGREE,
    PERIODIC,
    degree_of,
    digits_detail,
    equation,
    factored_form,
    factors_of,
    involves,
    is_real_value,
    linear_parts,
    merge_solutions,
    satisfies,
    solve_leaf,
    solve_node,
    tidy_equation,
    tidy_value,
    unknowns_in,
)
from tutor.steps import Step


@dataclass
class Context:
    """What one solve_system call keeps across its branches."""

    budget: int = MAX_NODES
    curves: list = field(default_factory=list)  # Tuple of Eq per curve of solutions
    unsolved: list = field(default_factory=list)  # (Tuple of Eq, reason)
    nonreal: int = 0


Move = tuple[list[Step], list[tuple]]


# -- the recursive solver ------------------------------------------------------------------------


def solve_equations(E, U, ctx, path, rule="system_solve", info=None, groebner=True) -> Step:
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
    return solve_node(rule, E, U, children, merge_solutions(sols), info)


def _too_large(e: sp.Expr, U) -> bool:
    if sp.count_ops(e) > MAX_OPS:
        return True
    return involves(e, U) and e.is_polynomial(*U) and degree_of(e, None) > MAX_TOTAL_DEGREE


def _contradiction(E, U, ctx, path) -> Move | None:
    for e in E:
        if not involves(e, U):
            return [solve_leaf("system_contradiction", [e], U, value=e)], []
        sign = never_zero(e, U)
        if sign is not None:
            proof = Step("system_sign", e, None, sign.written, (), "rewrite", {"sign": sign.sign})
            step = solve_node("system_never_zero", [e], U, (proof,), [], {"sign": sign.sign})
            return [step], []
    return None


def _free_unknowns(E, U, ctx, path) -> Move | None:
    if E:
        return None
    return [solve_leaf("system_free", [], U, [tuple(U)], free=tuple(U))], [tuple(U)]


def _clear_denominators(E, U, ctx, path) -> Move | None:
    """n/d = 0: n = 0 where d ≠ 0 (solutions where d = 0 are left out)."""
    for e in E:
        numerator, denominator = sp.fraction(sp.together(e))
        if not involves(denominator, U) or never_zero(denominator, U) is not None:
            continue
        written = sp.Mul(numerator, sp.Pow(denominator, -1, evaluate=False), evaluate=False)
        details = {"numerator": numerator, "denominator": denominator}
        step = Step("system_clear_denominators", e, None, written, (), "rewrite", details)
        sub = solve_equations([numerator if o is e else o for o in E], U, ctx, path)
        keep = [
            s for s in sub.result if not _vanishes(denominator.subs(dict(zip(U, s, strict=True))))
        ]
        return [step, sub], keep
    return None


def _drop_factors(E, U, ctx, path) -> Move | None:
    for e in E:
        constant, factors = factors_of(e, U)
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
        sub = solve_equations(rest, U, ctx, path)
        return [step, sub], list(sub.result)
    return None


def _univariate(E, U, ctx, path) -> Move | None:
    single = [(e, unknowns_in(e, U)[0]) for e in E if len(unknowns_in(e, U)) == 1]
    if not single:
        return None
    e, v = min(single, key=lambda item: (degree_of(item[0], item[1]), sp.count_ops(item[0])))
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
        found = [s for s in found if satisfies(rest, U, s)]  # a safety net against rounding
        written = [equation(v, value), *(equation(o, 0) for o in rest)]
        case = Step(
            "system_case",
            sp.Tuple(*written),
            None,
            sp.Tuple(*(sp.Tuple(*s) for s in merge_solutions(found))),
            tuple(steps),
            "solve",
            {"unknowns": U, "branch": equation(v, value), **digits_detail(found)},
        )
        children.append(case)
        sols += found
    return children, sols


def _linear(E, U, ctx, path) -> Move | None:
    options = []
    for e in E:
        for v in unknowns_in(e, U):
            coefficient, rest = linear_parts(e, v, U)
            if coefficient is not None and not involves(coefficient, U) and coefficient != 0:
                value = tidy_value(-rest / coefficient)
                options.append((sp.count_ops(value), U.index(v), e, v, value, coefficient))
    if not options:
        return None
    *_, e, v, value, coefficient = min(options, key=lambda o: o[:2])
    step = solve_leaf("system_linear", [e], (v,), [(value,)], unknown=v, equation=equation(e, 0))
    steps, sols = _eliminate([o for o in E if o is not e], U, v, value, ctx, path)
    return [step, *steps], sols


def _eliminate(rest, U, v, value, ctx, path) -> Move:
    """Put v = value into the other equations, solve them, then put the solutions back."""
    U_rest = tuple(u for u in U if u != v)
    steps: list[Step] = []
    new = [tidy_equation(o.subs(v, value)) for o in rest]
    if rest:
        steps.append(
            Step(
                "system_substitute",
                sp.Tuple(*rest),
                None,
                sp.Tuple(*new),
                (),
                "evaluate",
                {"at": {v: value}, "unknown": v, "assignment": equation(v, value)},
            )
        )
    if not U_rest:
        consistent = all(sp.simplify(n) == 0 for n in new)
        return steps, [(value,)] if consistent else []
    sub = solve_equations([_numerator(n) for n in new], U_rest, ctx, (*path, (v, value)))
    steps.append(sub)
    sols = []
    for s in sub.result:
        at = dict(zip(U_rest, s, strict=True))
        found = tidy_value(value.subs(at)) if involves(value, U) else value
        if found.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            continue
        if involves(value, U) and found != value:
            steps.append(_back(value, at, found, v))
        sols.append(tuple(found if u == v else at[u] for u in U))
    return steps, sols


def _back(value, at, found, v) -> Step:
    details = {"at": at, "unknown": v, "assignment": equation(v, value)}
    return Step("system_back_substitute", value, None, found, (), "evaluate", details)


def _factor_cases(E, U, ctx, path) -> Move | None:
    for e in E:
        factors = [(f, m) for f, m in factors_of(e, U)[1] if involves(f, U)]
        if len(factors) < 2 and not (factors and factors[0][1] > 1):
            continue
        written = factored_form(e, U)
        step = Step("system_factor", e, None, written, (), "rewrite", {"factors": factors})
        cases, sols = [], []
        for f, _ in factors:
            rest = [f if other is e else other for other in E]
            case = solve_equations(rest, U, ctx, path, "system_case", {"branch": equation(f, 0)})
            cases.append(case)
            sols += list(case.result)
        return [step, *cases], sols
    return None


def _linear_variable(E, U, ctx, path) -> Move | None:
    """c·v + r = 0 where c depends on the other unknowns: c = 0, or v = −r/c with c ≠ 0."""
    for e in E:
        for v in unknowns_in(e, U):
            coefficient, rest = linear_parts(e, v, U)
            if coefficient is None or not involves(coefficient, U):
                continue
            others = [o for o in E if o is not e]
            zero = solve_equations(
                [coefficient, rest, *others], U, ctx, path, "system_case",
                {"branch": equation(coefficient, 0)},
            )  # fmt: skip
            value = tidy_value(-rest / coefficient)
            steps, found = _eliminate(others, U, v, value, ctx, path)
            keep = [
                s for s in found if not _vanishes(coefficient.subs(dict(zip(U, s, strict=True))))
            ]
            nonzero = solve_node(
                "system_case",
                [e, *others],
                U,
                [
                    solve_leaf(
                        "system_linear", [e], (v,), [(value,)], unknown=v, equation=equation(e, 0)
                    )
                ]
                + steps,
                merge_solutions(keep),
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
            size = len(unknowns_in(combined, U))
            if combined != 0 and size < min(len(unknowns_in(p, U)), len(unknowns_in(q, U))):
                key = (size, degree_of(combined, None), sp.count_ops(combined))
                if best is None or key < best[0]:
                    best = (key, p, q, a, b, combined)
    if best is None:
        return None
    _, p, q, a, b, combined = best
    written = sp.Add(sp.Mul(b, p, evaluate=False), sp.Mul(-a, q, evaluate=False), evaluate=False)
    details = {"keep": p, "drop": q, "multipliers": (b, a)}
    step = Step("system_combine", written, None, combined, (), "rewrite", details)
    sub = solve_equations([combined if o is q else o for o in E], U, ctx, path)
    return [step, sub], list(sub.result)


def _groebner(E, U, ctx, path) -> Move | None:
    if not E or not all(e.is_polynomial(*U) for e in E) or len(E) < len(U):
        return None
    if max(degree_of(e, None) for e in E) > GROEBNER_DEGREE or len(U) > 3:
        return None
    basis = [b for b in sp.groebner(E, *U, order="lex").exprs]
    if set(basis) == set(E):
        return None
    stated = sp.Tuple(*(equation(b, 0) for b in basis))
    step = Step("system_groebner", sp.Tuple(*E), None, stated, (), "solution", {"unknowns": U})
    sub = solve_equations(basis, U, ctx, path, groebner=False)
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
        values = tuple(tidy_value(s.get(u, u)) for u in U)
        if all(is_real_value(value) for value in values) and satisfies(E, U, values):
            sols.append(values)
        else:
            nonreal += 1
    ctx.nonreal += nonreal
    return [solve_leaf("system_cas", E, U, merge_solutions(sols), nonreal=nonreal)], sols


def _give_up(E, U, ctx, path) -> Move:
    known = [equation(v, value) for v, value in path]
    stated = sp.Tuple(*known, *(equation(e, 0) for e in E))
    if ctx.budget <= 0:
        reason = "size"
    elif any(e.has(*PERIODIC) for e in E):
        reason = "periodic"
    elif len(E) < len(U):
        ctx.curves.append(stated)
        return [solve_leaf("system_curve", E, U, known=stated)], []
    else:
        reason = "unsolved"
    ctx.unsolved.append((stated, reason))
    return [solve_leaf("system_unsolved", E, U, reason=reason)], []


# -- small helpers ---------------------------------------------------------------------------


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


def _vanishes(value: sp.Expr) -> bool:
    """Zero, exactly or (for a value computed from floats) to within their rounding."""
    if value.free_symbols:
        return tidy_value(value) == 0
    tolerance = 1e-12 if value.has(sp.Float) else 1e-25
    return value == 0 or abs(sp.N(value, WORKING_DIGITS)) < tolerance
