"""Hypothesis strategies: random differentiable expression trees for the engine's property tests.

:func:`expressions` draws sympy expressions in ``x`` (and occasionally a constant symbol ``a``)
built only from functions in the engine's catalogue: integers and small rationals, sums,
differences, products, quotients, integer and rational powers, x^x-style powers, exp, ln,
log base 2 and 10, the six trigonometric, inverse trigonometric, hyperbolic and inverse
hyperbolic functions, and Abs. Trees that sympy evaluates to zoo/nan/oo, or that grow past
MAX_OPS operations, are filtered out. Expressions without a real point where they are defined
are kept on purpose: the checker compares them with complex values.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import sympy
from hypothesis import strategies as st

x = sympy.Symbol("x", real=True)
a = sympy.Symbol("a", real=True)

MAX_OPS = 40

UNARY: tuple[Callable[[sympy.Expr], sympy.Expr], ...] = (
    sympy.exp,
    sympy.log,
    lambda e: sympy.log(e, 2),
    lambda e: sympy.log(e, 10),
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.sec,
    sympy.csc,
    sympy.cot,
    sympy.asin,
    sympy.acos,
    sympy.atan,
    sympy.asec,
    sympy.acsc,
    sympy.acot,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.sech,
    sympy.csch,
    sympy.coth,
    sympy.asinh,
    sympy.acosh,
    sympy.atanh,
    sympy.asech,
    sympy.acsch,
    sympy.acoth,
    sympy.Abs,
)

EXPONENTS = tuple(sympy.Integer(k) for k in (-3, -2, -1, 2, 3, 4)) + tuple(
    sympy.Rational(p, q) for p, q in ((1, 2), (-1, 2), (1, 3), (2, 3), (3, 2), (-3, 2), (5, 4))
)

# Relative weights of node kinds (shrinking goes towards the first: a leaf).
_KINDS = ("leaf",) * 3 + ("unary",) * 4 + ("add", "add", "sub", "mul", "mul", "div")
_KINDS += ("const_power", "const_power", "power")


def _leaves(with_constant: bool) -> st.SearchStrategy[sympy.Expr]:
    integers = st.integers(-5, 5).map(sympy.Integer)
    rationals = st.builds(sympy.Rational, st.integers(-5, 5), st.integers(2, 4))
    kinds = ("x",) * 6 + ("int",) * 3 + ("rational",) + (("a",) if with_constant else ())
    by_kind = {"x": st.just(x), "int": integers, "rational": rationals, "a": st.just(a)}
    return st.sampled_from(kinds).flatmap(lambda kind: by_kind[kind])


def _quotient(numerator: sympy.Expr, denominator: sympy.Expr) -> sympy.Expr:
    return numerator if denominator == 0 else numerator / denominator


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """base**exponent, except for 0**e and numeric powers sympy would evaluate to huge numbers."""
    if base == 0:
        return base
    if base.is_Rational and exponent.is_Rational and base != 0:
        size = max(abs(base.p), abs(base.q), 2)
        if abs(exponent) * math.log2(size) > 64:
            return base
    return base**exponent


@cache
def _trees(depth: int, with_constant: bool) -> st.SearchStrategy[sympy.Expr]:
    leaf = _leaves(with_constant)
    if depth == 0:
        return leaf
    sub = _trees(depth - 1, with_constant)
    by_kind: dict[str, st.SearchStrategy[sympy.Expr]] = {
        "leaf": leaf,
        "unary": st.builds(lambda f, e: f(e), st.sampled_from(UNARY), sub),
        "add": st.builds(lambda p, q: p + q, sub, sub),
        "sub": st.builds(lambda p, q: p - q, sub, sub),
        "mul": st.builds(lambda p, q: p * q, sub, sub),
        "div": st.builds(_quotient, sub, sub),
        "const_power": st.builds(_power, sub, st.sampled_from(EXPONENTS)),
        "power": st.builds(_power, sub, sub),
    }
    return st.sampled_from(_KINDS).flatmap(lambda kind: by_kind[kind])


def acceptable(expr: sympy.Basic) -> bool:
    """Depends on x, finite (no zoo/nan/oo), real constants only (no I), not too big."""
    if x not in expr.free_symbols or expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I):
        return False
    return sympy.count_ops(expr) <= MAX_OPS


def expressions(max_depth: int = 4, with_constant: bool = True) -> st.SearchStrategy[sympy.Expr]:
    """Random expression trees in x of depth at most ``max_depth`` (and sometimes the constant
    symbol a, unless ``with_constant`` is False)."""
    return _trees(max_depth, with_constant).filter(acceptable)
