"""Expressions and numbers as mpmath, for the float paths of the week-6 solvers.

`compile_numeric(expr, symbols)` turns a sympy expression into a closure of a list of mpmath
values (our own closures over MPMATH_FUNCTIONS, no lambdify, no text evaluated), computing at the
ambient mpmath precision; a value that is not a finite real number raises `Undefined`.
`numeric(value)` is a sympy number (or mpmath value) as mpmath, and `real_value` checks a result.
The gradient-descent fit (tutor.solvers.fitting) iterates with these closures, and chi_squared's
float path (tutor.solvers.regression) evaluates the model with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import sympy as sp

from tutor.solvers.numbers import WORKING_DIGITS, to_float


class Undefined(ArithmeticError):
    """The model has no real value at a data point."""


MPMATH_FUNCTIONS: dict = {
    getattr(sp, name): getattr(mpmath, name)
    for name in (
        "exp sin cos tan sec csc cot sinh cosh tanh sech csch coth asin acos atan acot asec"
        " acsc asinh acosh atanh acoth asech acsch sign"
    ).split()
} | {sp.log: mpmath.log, sp.Abs: abs}

Closure = Callable[[list], Any]


def compile_numeric(expr: sp.Basic, symbols: Sequence[sp.Symbol]) -> Closure:
    """`expr` as a function of a list of mpmath values for `symbols` (the ambient precision);
    a value that is not real raises Undefined."""
    index = {symbol: i for i, symbol in enumerate(symbols)}

    def build(node: sp.Basic) -> Closure:
        if node in index:
            i = index[node]
            return lambda env: env[i]
        if not node.free_symbols:
            if not node.is_real:
                raise ValueError(f"the model's constant {node} is not a real number")
            constant = mpmath.mpf(sp.N(node, WORKING_DIGITS + 5)._mpf_)
            return lambda env: constant
        parts = [build(arg) for arg in node.args]
        if isinstance(node, sp.Add | sp.Mul):
            return _fold(parts, isinstance(node, sp.Add))
        if isinstance(node, sp.Pow):
            base, power = parts
            if node.exp.is_Integer:
                whole = int(node.exp)
                return lambda env: base(env) ** whole
            return lambda env: real_value(mpmath.power(base(env), power(env)))
        if len(parts) != 1:
            raise ValueError(f"the fit cannot evaluate {node.func} numerically")
        function, (argument,) = MPMATH_FUNCTIONS.get(node.func) or _by_sympy(node.func), parts
        return lambda env: real_value(function(argument(env)))

    return build(expr)


def _by_sympy(function) -> Callable:
    """A function mpmath lacks, evaluated by sympy at WORKING_DIGITS (slow, but rare)."""

    def value(argument):
        result = sp.N(function(sp.Float(argument, WORKING_DIGITS)), WORKING_DIGITS)
        if not result.is_Float:
            raise Undefined("no real value")
        return mpmath.mpf(result._mpf_)

    return value


def _fold(parts: list[Closure], add: bool) -> Closure:
    """A sum or product of closures, folded pairwise (faster than fsum on a generator)."""
    first, *rest = parts
    if not rest:
        return first
    second = _fold(rest, add)
    return (lambda env: first(env) + second(env)) if add else (lambda env: first(env) * second(env))


def real_value(value) -> mpmath.mpf:
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            raise Undefined("not real")
        value = value.real
    if not mpmath.isfinite(value):
        raise Undefined("not finite")
    return value


def numeric(value) -> mpmath.mpf:
    """A sympy number or mpmath value as an mpmath value (exact for Floats and small ints)."""
    if isinstance(value, mpmath.mpf):
        return value
    return mpmath.mpf(to_float(value)._mpf_)
