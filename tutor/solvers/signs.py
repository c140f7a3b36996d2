"""Expressions that keep one sign for all real values of the unknowns (they are never zero).

`never_zero(e, unknowns)` returns a `Sign` (+1: always positive, −1: always negative, with an
equal written form that shows it) or None: a nonzero number, eᵘ, powers and products of such,
sums whose terms are all ≥ 0 (c x²ⁿ, c eᵘ with c > 0) with one of them > 0 (or the mirror
image), and quadratics with a definite part, written as a completed square Σ dᵢ(ℓᵢ)² + m. The
system solver (tutor.solvers.systems) states a branch with such an equation without solutions,
and drops such factors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from tutor.solvers.system_common import degree_of, tidy_value, unknowns_in


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
    present = unknowns_in(e, U)
    if not e.is_polynomial(*present) or degree_of(e, None) != 2 or e.has(sp.Float):
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
    m = tidy_value(e.subs(dict(zip(present, centre, strict=True))))
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
