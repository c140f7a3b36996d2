"""Week 5: extreme values of f subject to one or two equality constraints (Lagrange multipliers).

`lagrange(f, constraints, variables)` returns a `lagrange` step (kind solution; result: the
candidate points; details: multipliers, values, the maximum and minimum and whether they are
certain) with:

1. `constraint_check` (only when it fails): a constraint no real point meets (x² + y² + 1 = 0),
   or two constraints that contradict each other, shown by solving the constraints alone;
2. `lagrangian`: L = f − λg (− μh), written and expanded;
3. the gradients of f, g (and h) (tutor.solvers.multivariate.gradient);
4. `lagrange_system` (kind solve, unknowns x, y, (z,) λ, (μ)): ∇f = λ∇g (+ μ∇h) equation by
   equation and the constraints. Its children eliminate the multipliers without dividing
   (`eliminate_multiplier`: f_xᵢ g_xⱼ − f_xⱼ g_xᵢ = 0, the cross-multiplied λ = f_xᵢ/g_xᵢ =
   f_xⱼ/g_xⱼ; two constraints: det[∇f; ∇g; ∇h] = 0), solve what is left with the constraints
   (`lagrange_reduced`, tutor.solvers.systems) and find each point's multipliers
   (`lagrange_multipliers`, kind solve);
5. `constraint_singular`: the points of the constraint set where ∇g = 0 (or ∇g ∥ ∇h), which the
   method cannot see and which are candidates all the same;
6. f at every candidate (`lagrange_value`) and `lagrange_extremes`: the largest and smallest
   values, stated as the maximum and minimum only when the constraint set is bounded
   (`details["bounded"]`: "bounded", "unbounded" or "unknown", with the reason).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp

from tutor.notation import to_text
from tutor.solvers.common import evaluate_at, ordered_variables
from tutor.solvers.multivariate import gradient
from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS
from tutor.solvers.systems import cofactor_expansion, equations_of, plain_exact, solve_system
from tutor.steps import Step
from tutor.steps.values import as_value

MAX_VARIABLES = 3
MAX_CONSTRAINTS = 2


def lagrange(
    f: sp.Basic,
    constraints: sp.Basic | Sequence[sp.Basic],
    variables: Sequence[sp.Symbol] | None = None,
) -> Step:
    f = as_value(f)
    written, gs = _constraints(constraints)
    variables = _check(f, gs, variables)
    used = set(variables) | f.free_symbols
    multipliers = tuple(_fresh(name, used) for name in ("lambda", "mu")[: len(gs)])
    details: dict = {
        "variables": variables,
        "multipliers": multipliers,
        "constraints": written,
        "function": f,
    }
    blocked = _feasibility(gs, variables)
    if blocked is not None:
        details.update(outcome="infeasible", bounded="unknown")
        return Step("lagrange", f, None, sp.Tuple(), (blocked,), "solution", details)
    grads = [gradient(expr, variables) for expr in (f, *gs)]
    system, regular = _system(grads, gs, variables, multipliers)
    singular = _singular(grads[1:], gs, variables)
    candidates = _candidates(regular, singular, variables, multipliers)
    values = [_value(f, point, variables) for point, _ in candidates]
    extremes = _extremes(f, gs, variables, candidates, values, system)
    children = [_lagrangian(f, gs, multipliers), *grads, system, singular, *values, extremes]
    details.update(
        outcome=extremes.details["outcome"],
        bounded=extremes.details["bounded"],
        kinds=tuple(kind for _, kind in candidates),
        values=tuple(v.result for v in values),
    )
    points = sp.Tuple(*(point for point, _ in candidates))
    return Step("lagrange", f, None, points, tuple(children), "solution", details)


def _constraints(constraints) -> tuple[sp.Tuple, list[sp.Expr]]:
    items = constraints if isinstance(constraints, list | tuple | sp.Tuple) else [constraints]
    items = [as_value(c) for c in items]
    if not 1 <= len(items) <= MAX_CONSTRAINTS:
        raise ValueError(f"Lagrange multipliers take 1 or 2 constraints, not {len(items)}")
    written, gs = equations_of(items)
    for g, eq in zip(gs, written, strict=True):
        if sp.expand(g) == 0:
            written = to_text(eq)
            raise ValueError(f"the constraint {written} holds everywhere: it constrains nothing")
    return written, [sp.expand(g) if g.is_polynomial() else g for g in gs]


def _check(f, gs, variables) -> tuple[sp.Symbol, ...]:
    if not isinstance(f, sp.Expr):
        raise ValueError("Lagrange multipliers need one scalar function f")
    variables = tuple(ordered_variables(sp.Tuple(f, *gs), variables))
    if not 2 <= len(variables) <= MAX_VARIABLES:
        raise ValueError(f"Lagrange multipliers take 2 or 3 variables, not {len(variables)}")
    if len(gs) >= len(variables):
        raise ValueError(f"{len(gs)} constraints need at least {len(gs) + 1} variables")
    extra = sp.Tuple(f, *gs).free_symbols - set(variables)
    if extra:
        names = ", ".join(sorted(s.name for s in extra))
        raise ValueError(f"f or a constraint depends on {names}, not among the variables")
    return variables


def _feasibility(gs, variables) -> Step | None:
    """The constraints solved on their own, kept only when they have no real point at all."""
    check = solve_system(gs, variables, "constraint_check")
    return check if check.details["outcome"] == "none" else None


def _lagrangian(f, gs, multipliers) -> Step:
    terms = [f] + [sp.Mul(-m, g, evaluate=False) for m, g in zip(multipliers, gs, strict=True)]
    written = sp.Add(*terms, evaluate=False)
    result = f - sum((m * g for m, g in zip(multipliers, gs, strict=True)), sp.Integer(0))
    details = {"multipliers": multipliers, "constraints": tuple(gs), "function": f}
    return Step("lagrangian", written, None, result, (), "rewrite", details)


def _system(grads, gs, variables, multipliers) -> tuple[Step, list]:
    """∇f = λ∇g (+ μ∇h) and the constraints; solved by eliminating the multipliers."""
    rows = [list(g.result) for g in grads]  # ∇f, ∇g, ∇h
    equations = [
        _eq(rows[0][i], sum((m * r[i] for m, r in zip(multipliers, rows[1:], strict=True))))
        for i in range(len(variables))
    ] + [_eq(g, 0) for g in gs]
    eliminations = _eliminate(rows, variables)
    reduced = solve_system(
        [e.result for e in eliminations] + list(gs), variables, "lagrange_reduced"
    )
    solves, regular = [], []
    for point in reduced.result:
        if _rank(rows[1:], variables, point) < len(gs):
            continue  # a singular point of the constraints: see constraint_singular
        step = _multipliers(rows, variables, multipliers, point)
        solves.append(step)
        regular += [(tuple(point), tuple(m)) for m in step.result]
    unknowns = (*variables, *multipliers)
    result = sp.Tuple(*(sp.Tuple(*p, *m) for p, m in regular))
    details = {"unknowns": unknowns, **_digits(result)}
    children = (*eliminations, reduced, *solves)
    step = Step("lagrange_system", sp.Tuple(*equations), None, result, children, "solve", details)
    return step, regular


def _eliminate(rows, variables) -> list[Step]:
    if len(rows) == 2:
        steps = []
        for i, j in itertools.combinations(range(len(variables)), 2):
            written = sp.Add(
                sp.Mul(rows[0][i], rows[1][j], evaluate=False),
                sp.Mul(-1, rows[0][j], rows[1][i], evaluate=False),
                evaluate=False,
            )
            a, b = variables[i].name, variables[j].name
            ratio = sp.Eq(sp.Symbol(f"f_{a}") / sp.Symbol(f"g_{a}"),
                          sp.Symbol(f"f_{b}") / sp.Symbol(f"g_{b}"), evaluate=False)  # fmt: skip
            details = {
                "pair": (variables[i], variables[j]),
                "ratio": ratio,
                "products": ((rows[0][i], rows[1][j]), (rows[0][j], rows[1][i])),
            }
            step = Step(
                "eliminate_multiplier", written, None, _tidy(written), (), "rewrite", details
            )
            steps.append(step)
        return steps
    matrix = sp.Matrix(rows)
    written = cofactor_expansion(matrix)
    details = {"matrix": sp.ImmutableMatrix(matrix)}
    return [Step("eliminate_multipliers", written, None, _tidy(written), (), "rewrite", details)]


def _tidy(written: sp.Basic) -> sp.Expr:
    value = sp.expand(written)
    if value.is_polynomial() and sp.count_ops(sp.factor(value)) < sp.count_ops(value):
        return sp.factor(value)
    return value


def _rank(rows, variables, point) -> int:
    at = dict(zip(variables, point, strict=True))
    return sp.Matrix([[entry.subs(at) for entry in row] for row in rows]).rank(simplify=True)


def _multipliers(rows, variables, multipliers, point) -> Step:
    at = dict(zip(variables, point, strict=True))
    equations = [
        _eq(
            rows[0][i].subs(at),
            sum((m * r[i].subs(at) for m, r in zip(multipliers, rows[1:], strict=True))),
        )
        for i in range(len(variables))
    ]
    found = sp.solve([eq.lhs - eq.rhs for eq in equations], multipliers, dict=True)
    values = [tuple(sp.simplify(s.get(m, m)) for m in multipliers) for s in found]
    result = sp.Tuple(*(sp.Tuple(*v) for v in values))
    details = {"unknowns": multipliers, "point": sp.Tuple(*point), **_digits(result)}
    return Step("lagrange_multipliers", sp.Tuple(*equations), None, result, (), "solve", details)


def _singular(constraint_grads, gs, variables) -> Step:
    """Points of the constraint set where the constraint gradients are dependent."""
    rows = [list(g.result) for g in constraint_grads]
    if len(rows) == 1:
        conditions = rows[0]
    else:
        conditions = [
            _tidy(rows[0][i] * rows[1][j] - rows[0][j] * rows[1][i])
            for i, j in itertools.combinations(range(len(variables)), 2)
        ]
    return solve_system([*conditions, *gs], variables, "constraint_singular")


def _candidates(regular, singular, variables, multipliers) -> list[tuple[sp.Tuple, str]]:
    """(point, "regular" | "singular"), regular points first, each point once."""
    out: list[tuple[sp.Tuple, str]] = []
    for point, _ in regular:
        if not any(_same(point, p) for p, _ in out):
            out.append((sp.Tuple(*point), "regular"))
    for point in singular.result:
        if not any(_same(point, p) for p, _ in out):
            out.append((sp.Tuple(*point), "singular"))
    return out


def _value(f, point, variables) -> Step:
    exact = all(c.free_symbols or plain_exact(c) for c in point)
    digits = None if exact else WORKING_DIGITS - 10
    at = dict(zip(variables, point, strict=True))
    return evaluate_at(f, at, digits, rule="lagrange_value")


def _extremes(f, gs, variables, candidates, values, system) -> Step:
    reduced = next(c for c in system.children if c.rule == "lagrange_reduced")
    numbers = [(point, v.result) for (point, _), v in zip(candidates, values, strict=True)]
    numbers += _curve_values(f, reduced.details["curves"], variables)
    fixed = [(p, v) for p, v in numbers if not v.free_symbols]
    bounded, reason = boundedness(gs, variables)
    details: dict = {"bounded": bounded, "reason": reason, "outcome": _outcome(reduced, numbers)}
    if fixed:
        top = max(fixed, key=lambda pv: sp.N(pv[1], 30))[1]
        bottom = min(fixed, key=lambda pv: sp.N(pv[1], 30))[1]
        details["maximum_points"] = tuple(p for p, v in fixed if _equal(v, top))
        details["minimum_points"] = tuple(p for p, v in fixed if _equal(v, bottom))
        details["varying"] = len(fixed) < len(numbers)
        result = sp.Tuple(top, bottom)
    else:
        result = sp.Tuple()
    expr = sp.Tuple(*(v for _, v in numbers))
    return Step("lagrange_extremes", expr, None, result, (), "solution", details)


def _outcome(reduced: Step, numbers) -> str:
    if reduced.details["outcome"] == "unsolved":
        return "unsolved"
    if reduced.details["curves"] or reduced.details["families"]:
        return "family"
    return "points" if numbers else "none"


def _curve_values(f, curves, variables) -> list[tuple[sp.Tuple, sp.Expr]]:
    """f on a curve of critical points, when it is the same number all along it."""
    out = []
    for curve in curves:
        eqs = [eq.lhs - eq.rhs for eq in curve]
        if not all(e.is_polynomial(*variables) for e in eqs + [f]):
            continue
        basis = sp.groebner(eqs, *variables, order="lex")
        remainder = basis.reduce(f)[1]
        if remainder.is_number:
            out.append((sp.Tuple(*curve), remainder))
    return out


def boundedness(gs, variables) -> tuple[str, str]:
    """("bounded" | "unbounded" | "unknown", reason) for the set where every g = 0."""
    if len(gs) == 2:
        for one in gs:
            status = _single(one, variables)
            if status[0] == "bounded":
                return status
        for one, other in ((gs[0], gs[1]), (gs[1], gs[0])):
            reduced = _substitute_linear(one, other, variables)
            if reduced is not None:
                rest, remaining = reduced
                found, why = _single(rest, remaining)
                return found, "linear_substitution" if found != "unknown" else why
        return "unknown", "general"
    return _single(gs[0], variables)


def _single(g, variables) -> tuple[str, str]:
    if not g.is_polynomial(*variables):
        return "unknown", "general"
    P = sp.Poly(g, *variables)
    degree = P.total_degree()
    if degree <= 1:
        return "unbounded", "linear"
    top = [(m, c) for m, c in P.terms() if sum(m) == degree]
    if degree == 2:
        n = len(variables)
        A = sp.Matrix(n, n, lambda i, j: _top_coefficient(dict(top), i, j, n))
        eigen = [sp.N(e) for e in A.eigenvals(multiple=True)]
        if all(e > 0 for e in eigen) or all(e < 0 for e in eigen):
            return "bounded", "definite"
        return "unbounded", "indefinite"
    pure = {m.index(degree) for m, _ in top if degree in m}
    signs = {sp.sign(c) for _, c in top}
    if len(top) == len(variables) and pure == set(range(len(variables))) and degree % 2 == 0:
        if len(signs) == 1:
            return "bounded", "even_powers"
    return "unknown", "general"


def _top_coefficient(top: dict, i: int, j: int, n: int):
    monomial = tuple((k == i) + (k == j) for k in range(n))
    c = top.get(monomial, 0)
    return c if i == j else sp.Rational(1, 2) * c


def _substitute_linear(linear, other, variables):
    if not linear.is_polynomial(*variables) or sp.Poly(linear, *variables).total_degree() != 1:
        return None
    for v in variables:
        c = sp.Poly(linear, *variables).coeff_monomial(v)
        if c != 0:
            value = sp.solve(linear, v)[0]
            rest = sp.expand(other.subs(v, value))
            return rest, tuple(u for u in variables if u != v)
    return None


def _eq(lhs, rhs) -> sp.Eq:
    return sp.Eq(lhs, rhs, evaluate=False)


def _same(a, b) -> bool:
    return all(_equal(p, q) for p, q in zip(a, b, strict=True))


def _equal(p, q) -> bool:
    if p == q:
        return True
    difference = p - q
    if difference.free_symbols:
        return sp.simplify(difference) == 0
    return abs(sp.N(difference, 30)) < 1e-20


def _digits(result) -> dict:
    return {"digits": SHOWN_DIGITS} if result.has(sp.Float) else {}


def _fresh(name: str, used) -> sp.Symbol:
    taken = {s.name for s in used}
    candidate, index = name, 1
    while candidate in taken:
        candidate, index = f"{name}_{index}", index + 1
    return sp.Symbol(candidate, real=True)
