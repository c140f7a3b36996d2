"""Real values of sympy expressions at many points, for plots: a safe evaluator over the tree.

`compile_real(expr, symbols)` walks the expression once into closures over Python floats and the
`math` module (no eval, no lambdify: tests/test_layers.py), and returns a function that takes
one float per symbol and gives the real value there, or None where the expression has no real
finite value (outside the domain, a division by zero, an overflow, a complex value).
`curve(expr, var, xs)` and `grid(expr, (x, y), xs, ys)` apply it to a sweep and to a grid.

Numbers follow the solvers' reading (tutor.solvers.newton.real_form): a power b^(p/q) with q odd
is the real root for b < 0 ((-8)^(1/3) = -2), where sympy's evalf gives the principal complex
root. A one-argument function missing from FUNCTIONS (erf, gamma, ...) is evaluated by sympy
itself at each point (slow, but rare). Anything else (Piecewise, integrals, a symbol not in
`symbols`, a constant that is not a real number) raises EvalError when compiled.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

Closure = Callable[[Sequence[float]], float]
RealFunction = Callable[[Sequence[float]], float | None]
UNDEFINED = (ArithmeticError, ValueError, TypeError)  # what math raises outside a domain


class EvalError(ValueError):
    """The expression cannot be evaluated by this module (one line naming the part)."""


def _inverse(function: Callable[[float], float]) -> Callable[[float], float]:
    return lambda t: function(1 / t)


def _acot(t: float) -> float:
    return math.pi / 2 if t == 0 else math.atan(1 / t)  # sympy: acot(0) = π/2, odd elsewhere


def _sign(t: float) -> float:
    return float((t > 0) - (t < 0))


FUNCTIONS: dict[type, Callable[[float], float]] = {
    sp.sin: math.sin,
    sp.cos: math.cos,
    sp.tan: math.tan,
    sp.sec: lambda t: 1 / math.cos(t),
    sp.csc: lambda t: 1 / math.sin(t),
    sp.cot: lambda t: math.cos(t) / math.sin(t),
    sp.asin: math.asin,
    sp.acos: math.acos,
    sp.atan: math.atan,
    sp.acot: _acot,
    sp.asec: _inverse(math.acos),
    sp.acsc: _inverse(math.asin),
    sp.sinh: math.sinh,
    sp.cosh: math.cosh,
    sp.tanh: math.tanh,
    sp.sech: lambda t: 1 / math.cosh(t),
    sp.csch: lambda t: 1 / math.sinh(t),
    sp.coth: lambda t: 1 / math.tanh(t),
    sp.asinh: math.asinh,
    sp.acosh: math.acosh,
    sp.atanh: math.atanh,
    sp.acoth: _inverse(math.atanh),
    sp.asech: _inverse(math.acosh),
    sp.acsch: _inverse(math.asinh),
    sp.exp: math.exp,
    sp.log: math.log,
    sp.Abs: abs,
    sp.sign: _sign,
    sp.floor: lambda t: float(math.floor(t)),
    sp.ceiling: lambda t: float(math.ceil(t)),
}


def compile_real(expr: sp.Basic, symbols: Sequence[sp.Symbol]) -> RealFunction:
    """A function of one float per symbol (in order) giving expr's real value, or None."""
    closure = _build(expr, {symbol: i for i, symbol in enumerate(symbols)})

    def value(point: Sequence[float]) -> float | None:
        try:
            result = closure(point)
        except UNDEFINED:
            return None
        if isinstance(result, complex) or not math.isfinite(result):
            return None
        return float(result)

    return value


def curve(expr: sp.Basic, var: sp.Symbol, xs: Sequence[float]) -> list[float | None]:
    """expr at each x of the sweep (None where undefined)."""
    function = compile_real(expr, (var,))
    return [function((x,)) for x in xs]


def grid(
    expr: sp.Basic, variables: Sequence[sp.Symbol], xs: Sequence[float], ys: Sequence[float]
) -> list[list[float | None]]:
    """expr on the grid, one row per y (the layout matplotlib's contour expects)."""
    function = compile_real(expr, variables)
    return [[function((x, y)) for x in xs] for y in ys]


def _build(node: sp.Basic, index: dict[sp.Symbol, int]) -> Closure:
    if node in index:
        i = index[node]
        return lambda point: point[i]
    if not node.free_symbols:
        constant = _constant(node)
        return lambda point: constant
    if isinstance(node, sp.Symbol):
        raise EvalError(f"the plot has no value for the symbol {node}")
    parts = [_build(arg, index) for arg in node.args]
    if isinstance(node, sp.Add):
        return lambda point: sum(part(point) for part in parts)
    if isinstance(node, sp.Mul):
        return lambda point: math.prod(part(point) for part in parts)
    if isinstance(node, sp.Pow):
        return _power(node, parts[0], parts[1])
    if isinstance(node, (sp.Max, sp.Min)):
        pick = max if isinstance(node, sp.Max) else min
        return lambda point: pick(part(point) for part in parts)
    if not isinstance(node, sp.Function) or isinstance(node, AppliedUndef) or len(parts) != 1:
        raise EvalError(f"a plot cannot evaluate {type(node).__name__} numerically")
    function = FUNCTIONS.get(node.func) or _by_sympy(node.func)
    (argument,) = parts
    return lambda point: function(argument(point))


def _constant(node: sp.Basic) -> float:
    """A constant subexpression as a finite real float, worked out once."""
    value = sp.N(node, 20) if isinstance(node, sp.Expr) else None
    if value is None or not value.is_real or not value.is_finite:
        raise EvalError(f"the constant {node} is not a finite real number")
    number = float(value)
    if not math.isfinite(number):
        raise EvalError(f"the constant {node} is too large to plot")
    return number


def _power(node: sp.Pow, base: Closure, exponent: Closure) -> Closure:
    """b^e: integer powers exactly, odd roots of negatives as real roots, else math.pow."""
    power = node.exp
    if power.is_Integer:
        whole = int(power)
        return lambda point: base(point) ** whole
    if power.is_Rational and power.q % 2 == 1:
        p, fraction = int(power.p), float(power)
        return lambda point: _odd_root(base(point), p, fraction)
    if power == sp.Rational(1, 2):
        return lambda point: math.sqrt(base(point))
    return lambda point: math.pow(base(point), exponent(point))


def _odd_root(b: float, p: int, fraction: float) -> float:
    """b^(p/q), q odd, read as a real root: sign(b)^p |b|^(p/q)."""
    if b >= 0:
        return math.pow(b, fraction)
    magnitude = math.pow(-b, fraction)
    return -magnitude if p % 2 else magnitude


def _by_sympy(function: type) -> Callable[[float], float]:
    """A function this module lacks, evaluated by sympy (about 100 µs a point)."""

    def value(t: float) -> float:
        result = function(sp.Float(t, 20)).evalf(20)
        if not result.is_real or not result.is_finite:
            raise ValueError("no real value")
        return float(result)

    return value
