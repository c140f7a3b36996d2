"""Fast real evaluation of one-variable expressions with mpmath, for the numeric root search.

`real_function(expr, var)` turns an expression into a function t -> mpf (or None where the
expression has no real finite value at t), by walking the tree once into closures over mpmath
functions (no eval, no lambdify). sympy's `evalf(subs=...)` does the same job about a hundred
times slower on a large derivative; it remains the fallback for anything not in FUNCTIONS.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import sympy as sp

Closure = Callable[[mpmath.mpf], object]

FUNCTIONS: dict[type, Callable] = {
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.tan: mpmath.tan,
    sp.cot: mpmath.cot,
    sp.sec: mpmath.sec,
    sp.csc: mpmath.csc,
    sp.asin: mpmath.asin,
    sp.acos: mpmath.acos,
    sp.atan: mpmath.atan,
    sp.acot: mpmath.acot,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.tanh: mpmath.tanh,
    sp.coth: mpmath.coth,
    sp.sech: mpmath.sech,
    sp.csch: mpmath.csch,
    sp.asinh: mpmath.asinh,
    sp.acosh: mpmath.acosh,
    sp.atanh: mpmath.atanh,
    sp.exp: mpmath.exp,
    sp.log: mpmath.log,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
}


class Unsupported(Exception):
    """A node the compiler does not know: use sympy's evalf instead."""


def _compile(expr: sp.Basic, var: sp.Symbol) -> Closure:
    if expr == var:
        return lambda t: t
    if not expr.free_symbols:
        constant = sp.N(expr, mpmath.mp.dps + 10)
        if not constant.is_real:
            raise Unsupported(str(expr))
        value = mpmath.mpf(sp.Float(constant, mpmath.mp.dps + 10)._mpf_)
        return lambda t: value
    if expr.free_symbols != {var}:
        raise Unsupported(str(expr))
    parts = [_compile(arg, var) for arg in expr.args]
    if expr.is_Add:
        return lambda t: mpmath.fsum(p(t) for p in parts)
    if expr.is_Mul:
        return lambda t: mpmath.fprod(p(t) for p in parts)
    if expr.is_Pow:
        base, exponent = parts
        return lambda t: mpmath.power(base(t), exponent(t))
    function = FUNCTIONS.get(type(expr))
    if function is None or len(parts) != 1:
        raise Unsupported(type(expr).__name__)
    (inner,) = parts
    return lambda t: function(inner(t))


def real_function(expr: sp.Basic, var: sp.Symbol) -> Callable[[mpmath.mpf], mpmath.mpf | None]:
    """t -> expr at t as an mpf, or None where it is not real and finite."""
    try:
        closure = _compile(expr, var)
    except Unsupported:
        closure = _by_evalf(expr, var)

    def run(t: mpmath.mpf) -> mpmath.mpf | None:
        try:
            value = closure(t)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        if isinstance(value, mpmath.mpc):
            if abs(value.imag) > mpmath.mpf(10) ** (5 - mpmath.mp.dps) * (1 + abs(value.real)):
                return None
            value = value.real
        if not isinstance(value, mpmath.mpf) or mpmath.isinf(value) or mpmath.isnan(value):
            return None
        return value

    return run


def _by_evalf(expr: sp.Basic, var: sp.Symbol) -> Closure:
    def run(t):
        value = expr.evalf(mpmath.mp.dps, subs={var: sp.Float(t, mpmath.mp.dps)})
        if not value.is_number or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return mpmath.nan
        real, imaginary = value.as_real_imag()
        return mpmath.mpc(
            sp.Float(real, mpmath.mp.dps)._mpf_, sp.Float(imaginary, mpmath.mp.dps)._mpf_
        )

    return run
