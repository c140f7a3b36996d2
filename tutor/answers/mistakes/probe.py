"""A cheap screen before the caller's ``same``: a candidate (an expression in some variables)
whose value at a sample point is real, finite and relatively more than 1e-9 from the student's
answer there cannot match, so ``same`` is not asked. A model predicts the student's answer
exactly, so a real match agrees to rounding error. Anything the screen cannot evaluate
(complex or undefined values at both sample points, functions outside FUNCTIONS) and plain
numbers (whose tolerance is the problem's) pass to ``same``.

Values are computed in Python complex arithmetic by a small tree walk (no sympy evaluation, no
compiled code), memoised per subexpression for the whole call: candidates share most of their
subtrees with each other, so screening one costs little more than walking its changed path.
Sample points are in (0, 1), where the table's functions (ln, √, arcsin, ...) are real; each
variable gets its own value. To screen a new function, add it to FUNCTIONS; a new answer shape,
a branch to ``Probe.clearly_different``.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable

import sympy as sp

BASES = (0.3819660112501051, 0.6944271909999159)
STEP = 0.1370820393249937
RELATIVE, ABSOLUTE = 1e-9, 1e-12  # a match agrees to rounding error (~1e-14)


def _inverse(f: Callable[[complex], complex]) -> Callable[[complex], complex]:
    return lambda z: f(1 / z)


def _reciprocal(f: Callable[[complex], complex]) -> Callable[[complex], complex]:
    return lambda z: 1 / f(z)


FUNCTIONS: dict[type, Callable[[complex], complex]] = {
    sp.exp: cmath.exp,
    sp.log: cmath.log,
    sp.sin: cmath.sin,
    sp.cos: cmath.cos,
    sp.tan: cmath.tan,
    sp.sec: _reciprocal(cmath.cos),
    sp.csc: _reciprocal(cmath.sin),
    sp.cot: _reciprocal(cmath.tan),
    sp.asin: cmath.asin,
    sp.acos: cmath.acos,
    sp.atan: cmath.atan,
    sp.asec: _inverse(cmath.acos),
    sp.acsc: _inverse(cmath.asin),
    sp.acot: _inverse(cmath.atan),
    sp.sinh: cmath.sinh,
    sp.cosh: cmath.cosh,
    sp.tanh: cmath.tanh,
    sp.sech: _reciprocal(cmath.cosh),
    sp.csch: _reciprocal(cmath.sinh),
    sp.coth: _reciprocal(cmath.tanh),
    sp.asinh: cmath.asinh,
    sp.acosh: cmath.acosh,
    sp.atanh: cmath.atanh,
    sp.asech: _inverse(cmath.acosh),
    sp.acsch: _inverse(cmath.asinh),
    sp.acoth: _inverse(cmath.atanh),
    sp.Abs: lambda z: complex(abs(z)),
}


class _Unknown(Exception):
    """The walk met something it cannot evaluate."""


def _point(symbols: set[sp.Symbol], base: float) -> dict[sp.Symbol, complex]:
    ordered = sorted(symbols, key=lambda s: s.name)
    return {s: complex((base + STEP * i) % 1.0) for i, s in enumerate(ordered)}


class Probe:
    """The student's answer, screened against candidates; see the module docstring."""

    def __init__(self, given: object, symbols: set[sp.Symbol]) -> None:
        self.given = given
        self.symbols = symbols  # the variables of the problem; free_symbols is not cached
        self._memo: dict[tuple[sp.Basic, tuple], complex] = {}

    def clearly_different(self, candidate: object, given: object = None) -> bool:
        given = self.given if given is None else given
        if isinstance(candidate, sp.MatrixBase) and isinstance(given, sp.MatrixBase):
            if candidate.shape != given.shape:
                return False
            pairs = zip(candidate, given, strict=True)
            return any(self.clearly_different(a, b) for a, b in pairs)
        if isinstance(candidate, tuple) and isinstance(given, tuple):
            if len(candidate) != len(given):
                return False
            return any(self.clearly_different(a, b) for a, b in zip(candidate, given, strict=True))
        if isinstance(candidate, sp.Expr) and isinstance(given, sp.Expr):
            return self._far(candidate, given)
        return False

    def value(self, expr: sp.Expr, point: dict[sp.Symbol, complex]) -> float | None:
        """The real value of ``expr`` at ``point``, or None when it is not a finite real."""
        try:
            z = self._eval(expr, point, tuple(point.items()))
        except (_Unknown, ArithmeticError, ValueError, TypeError):
            return None
        if not cmath.isfinite(z) or abs(z.imag) > 1e-9 * max(1.0, abs(z.real)):
            return None
        return z.real

    def _far(self, candidate: sp.Expr, given: sp.Expr) -> bool:
        if not self.symbols:
            return False  # numbers: the caller's tolerance decides, however loose
        for base in BASES:
            point = _point(self.symbols, base)
            a, b = self.value(candidate, point), self.value(given, point)
            if a is not None and b is not None:
                if abs(a - b) > RELATIVE * max(abs(a), abs(b)) + ABSOLUTE:
                    return True
        return False

    def _eval(self, expr: sp.Basic, point: dict[sp.Symbol, complex], key: tuple) -> complex:
        memo_key = (expr, key)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._compute(expr, point, key)
        return self._memo[memo_key]

    def _compute(self, expr: sp.Basic, point: dict[sp.Symbol, complex], key: tuple) -> complex:
        if expr.is_Symbol:
            if expr not in point:  # a symbol outside the problem's: cannot screen
                raise _Unknown(expr)
            return point[expr]
        if expr.is_Rational:
            return complex(expr.p / expr.q)
        if expr.is_Number or expr.is_NumberSymbol or expr is sp.I:
            if expr in (sp.zoo, sp.nan, sp.oo, -sp.oo):
                raise _Unknown(expr)
            return complex(expr)
        args = [self._eval(a, point, key) for a in expr.args]
        if isinstance(expr, sp.Add):
            return sum(args, 0j)
        if isinstance(expr, sp.Mul):
            return math.prod(args, start=1 + 0j)
        if isinstance(expr, sp.Pow):
            return args[0] ** args[1]
        function = FUNCTIONS.get(type(expr))
        if function is None or len(args) != 1:
            raise _Unknown(expr)
        return function(args[0])
