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

Everything is bounded (the limits are in tutor.solvers.system_common): MAX_NODES moves, degree
MAX_DEGREE, sympy.solve and Gröbner bases only for small systems. Exact values stay exact; roots
of irreducible factors of degree ≥ 3 that have no short radical form are Floats (computed at
WORKING_DIGITS, `details["digits"]` = shown).

The moves are in tutor.solvers.system_moves, the sign analysis (`never_zero`) in
tutor.solvers.signs and one unknown's roots (`real_roots`) in tutor.solvers.roots. These serve
other solvers too and are importable from here, with `plain_exact` and `cofactor_expansion`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from tutor.solvers.numbers import small_exact
from tutor.solvers.roots import real_roots
from tutor.solvers.signs import Sign, never_zero
from tutor.solvers.system_common import digits_detail, equation, involves, same_solution, satisfies
from tutor.solvers.system_moves import Context, solve_equations
from tutor.steps import Step

__all__ = [
    "Sign",
    "cofactor_expansion",
    "equations_of",
    "never_zero",
    "plain_exact",
    "real_roots",
    "solve_system",
]


def equations_of(equations: Sequence[sp.Basic]) -> tuple[sp.Tuple, list[sp.Expr]]:
    """(the equations as a Tuple of Eq, their left sides minus right sides)."""
    written = [e if isinstance(e, sp.Eq) else equation(e, 0) for e in equations]
    return sp.Tuple(*written), [e.lhs - e.rhs for e in written]


def solve_system(
    equations: Sequence[sp.Basic], unknowns: Sequence[sp.Symbol], rule: str = "system_solve"
) -> Step:
    """All real solutions of the equations (expressions = 0, or Eq), with the moves shown."""
    written, lhs = equations_of(equations)
    unknowns = tuple(unknowns)
    ctx = Context()
    inner = solve_equations(list(lhs), unknowns, ctx, ())
    sols = [s for s in inner.result if satisfies(lhs, unknowns, s)]
    families = tuple(s for s in sols if any(involves(c, unknowns) for c in s))
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
        **digits_detail(sols),
    }
    result = sp.Tuple(*(sp.Tuple(*s) for s in sols))
    return Step(rule, written, None, result, (inner,), "solve", details)


def _covered(point, families, curves, U) -> bool:
    """True when a point lies on a family of solutions (it is then not an isolated solution)."""
    for family in families:
        at = {u: p for u, p, c in zip(U, point, family, strict=True) if c == u}
        if same_solution(tuple(c.subs(at) for c in family), tuple(point)):
            return True
    for curve in curves:
        if satisfies([eq.lhs - eq.rhs for eq in curve], U, point):
            return True
    return False


# -- for other solvers ---------------------------------------------------------------------------


def plain_exact(value: sp.Basic) -> bool:
    """An exact number worth computing with exactly: small (numbers.small_exact), no nested
    radicals such as √(18 − 6√2); anything else is evaluated as a float."""
    nested = any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow))
    return not value.has(sp.Float) and small_exact(value) and not nested


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
