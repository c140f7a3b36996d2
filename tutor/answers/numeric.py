"""Numeric evaluation of sympy expressions with mpmath: the project's one evaluator.

It owns compiling an expression into a closure over mpmath functions (no code generation, no
``lambdify``) and the guards that keep every evaluation bounded in time: a magnitude limit
(|value| < 10^(10^6), checked on every intermediate and *predicted* before exp, powers, gamma
and friends are computed), a limit on the arguments of periodic functions (reducing sin(10^5000)
needs 5000 digits of pi) and on the complex arguments of erf/tanh. An evaluation that would pass
a limit raises ``TooLarge``; a point outside the domain (division by zero, log 0, a pole)
raises ``Undefined``; a non-real intermediate in the ``REAL`` mode raises ``NotReal``.

Modes (what counts as a value):

- ``REAL``: every subexpression must be real and finite: the real domain a textbook means.
- ``SEMI``: complex intermediates allowed, but the ``REAL_ONLY`` functions (|u|, sign u, acosh,
  asec, ...), whose textbook forms hold on the real line only, need real arguments and values.
- ``COMPLEX``: any finite complex value.

``avoid_kinks`` (for derivative checking) also refuses points where the argument of |u| or
sign u is 0. Closures evaluate at the ambient mpmath precision; ``compile_expression`` wraps
them in a fixed precision (30 digits by default) and caches them.

To support a new function, add a row to ``_FUNCTIONS`` (wrapping it in a guard if it can grow
or needs argument reduction) and, if its textbook form is real-only, to ``REAL_ONLY``. Node
types without a row fall back to sympy's ``evalf``, which is not bounded: the parser
(tutor.parse) never produces such nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import TypeAlias

import mpmath
import sympy
from mpmath.libmp import NoConvergence, from_int
from sympy.core.function import AppliedUndef

from tutor.answers import guards
from tutor.answers.guards import NotReal, TooLarge, Undefined, checked

__all__ = [
    "COMPLEX",
    "DPS",
    "MODES",
    "REAL",
    "SEMI",
    "Compiled",
    "Evaluation",
    "NotReal",
    "TooLarge",
    "Undefined",
    "Unevaluable",
    "as_expr",
    "closure",
    "compile_expression",
    "evaluate",
    "kind_of",
    "value_at",
]

DPS = 30  # default working precision (significant digits)

REAL = "real"
SEMI = "semi"
COMPLEX = "complex"
MODES = (REAL, SEMI, COMPLEX)

Value: TypeAlias = mpmath.mpf | mpmath.mpc
Env: TypeAlias = Sequence[Value]
Compiled: TypeAlias = Callable[[Env], Value]


class Unevaluable(ValueError):
    """The expression cannot be evaluated numerically at all (f(x), Derivative, Integral)."""


_UNEVALUABLE = (
    AppliedUndef,
    sympy.Derivative,
    sympy.Subs,
    sympy.Integral,
    sympy.Sum,
    sympy.Product,
    sympy.Limit,
)
_CONSTANTS: dict[sympy.Basic, Callable[[], Value]] = {
    sympy.pi: lambda: +mpmath.pi,
    sympy.E: lambda: +mpmath.e,
    sympy.EulerGamma: lambda: +mpmath.euler,
    sympy.Catalan: lambda: +mpmath.catalan,
    sympy.GoldenRatio: lambda: +mpmath.phi,
    sympy.I: lambda: mpmath.mpc(0, 1),
}
_INFINITE = (sympy.zoo, sympy.nan, sympy.oo, sympy.S.NegativeInfinity)


class _Builder:
    """Builds the closure of one expression, sharing repeated subexpressions."""

    def __init__(self, symbols: tuple[sympy.Symbol, ...], mode: str, avoid_kinks: bool) -> None:
        self.symbols = symbols
        self.index = {s: i for i, s in enumerate(symbols)}
        self.mode = mode
        self.strict = mode == REAL
        self.avoid_kinks = avoid_kinks
        self.memo: dict[sympy.Basic, Compiled] = {}

    def build(self, node: sympy.Basic) -> Compiled:
        fn = self.memo.get(node)
        if fn is None:
            fn = self.memo[node] = self._build(node)
        return fn

    def _build(self, node: sympy.Basic) -> Compiled:
        if isinstance(node, _UNEVALUABLE) or not isinstance(node, sympy.Expr):
            raise Unevaluable(f"cannot evaluate {type(node).__name__}")
        leaf = self._leaf(node)
        if leaf is not None:
            return leaf
        strict = self.strict
        if node.is_Add:
            terms = [self.build(a) for a in node.args]
            return lambda env: checked(mpmath.fsum([t(env) for t in terms]), strict)
        if node.is_Mul:
            factors = [self.build(a) for a in node.args]
            return lambda env: checked(mpmath.fprod([f(env) for f in factors]), strict)
        if node.is_Pow:
            return self._power(node)
        fn = guards.FUNCTIONS.get(type(node))
        if fn is not None:
            return self._function(node, fn)
        return self._fallback(node)

    def _leaf(self, node: sympy.Basic) -> Compiled | None:
        if node.is_Symbol:
            if node not in self.index:
                raise Unevaluable(f"no value for symbol {node.name}")
            i = self.index[node]
            return lambda env: env[i]
        if node in _INFINITE:
            text = "infinite" if node in (sympy.oo, sympy.S.NegativeInfinity) else "not a number"

            def infinite(env: Env) -> Value:
                raise Undefined(text)

            return infinite
        if node.is_Integer:
            exact = mpmath.mp.make_mpf(from_int(int(node)))
            return lambda env: exact
        if node.is_Rational:
            p, q = mpmath.mp.make_mpf(from_int(int(node.p))), int(node.q)
            return lambda env: p / q
        if node.is_Float:
            exact = mpmath.mp.make_mpf(node._mpf_)
            return lambda env: exact
        constant = _CONSTANTS.get(node)
        if constant is not None:
            return lambda env: constant()
        return None

    def _power(self, node: sympy.Pow) -> Compiled:
        base, e, strict = self.build(node.base), node.exp, self.strict
        if e.is_Integer and abs(int(e)) <= guards.SMALL_POWER:
            k = int(e)
            if k >= 0:
                return lambda env: checked(base(env) ** k, strict)
            return lambda env: checked(guards.reciprocal(base(env) ** -k), strict)
        if e is sympy.S.Half:
            return lambda env: checked(mpmath.sqrt(base(env)), strict)
        exponent = self.build(e)
        return lambda env: checked(guards.power(base(env), exponent(env)), strict)

    def _function(self, node: sympy.Basic, fn: Callable[..., Value]) -> Compiled:
        args = [self.build(a) for a in node.args]
        strict, kind = self.strict, type(node)
        if self.avoid_kinks and kind in guards.KINKED:
            (arg,) = args
            return lambda env: checked(fn(guards.off_kink(arg(env))), strict)
        if self.mode == SEMI and kind in guards.REAL_ONLY:
            return lambda env: checked(fn(*[checked(a(env), True) for a in args]), True)
        if len(args) == 1:
            (arg,) = args
            return lambda env: checked(fn(arg(env)), strict)
        return lambda env: checked(fn(*[a(env) for a in args]), strict)

    def _fallback(self, node: sympy.Basic) -> Compiled:
        """Node types without an mpmath row: sympy's evalf (constants cached per precision)."""
        if node.has(*_UNEVALUABLE):
            raise Unevaluable(f"cannot evaluate {type(node).__name__}")
        strict = self.strict
        if node.is_number:
            by_dps: dict[int, Value] = {}

            def constant(env: Env) -> Value:
                dps = mpmath.mp.dps
                if dps not in by_dps:
                    by_dps[dps] = _from_sympy(node.evalf(dps))
                return checked(by_dps[dps], strict)

            return constant
        used = [(i, s) for i, s in enumerate(self.symbols) if s in node.free_symbols]

        def substituted(env: Env) -> Value:
            dps = mpmath.mp.dps
            subs = {s: _to_sympy(env[i], dps) for i, s in used}
            return checked(_from_sympy(node.evalf(dps, subs=subs)), strict)

        return substituted


def as_expr(value: object) -> sympy.Basic:
    """A sympy expression for ``value``: sympy objects as they are, Python numbers exactly
    (int, Fraction, float, complex). Text is refused: it goes through tutor.parse."""
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, bool):
        raise TypeError("not a number: bool")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Float(value)
    if isinstance(value, complex):
        return sympy.Float(value.real) + sympy.I * sympy.Float(value.imag)
    raise TypeError(f"not a sympy expression or a number: {type(value).__name__}")


def _to_sympy(value: Value, dps: int) -> sympy.Expr:
    if isinstance(value, mpmath.mpc):
        real = sympy.Float(value.real._mpf_, dps)
        return real + sympy.I * sympy.Float(value.imag._mpf_, dps)
    return sympy.Float(mpmath.mpmathify(value)._mpf_, dps)


def _from_sympy(number: sympy.Basic) -> Value:
    """A numeric sympy value (possibly complex) as mpmath, or Undefined."""
    if number.has(*_INFINITE):
        raise Undefined("not finite")
    real, imag = number.as_real_imag()
    if not (real.is_Number and imag.is_Number):
        raise Undefined("not a number")
    dps = mpmath.mp.dps
    re_value = mpmath.mpf(sympy.Float(real, dps)._mpf_)
    if imag == 0:
        return re_value
    return mpmath.mpc(re_value, mpmath.mpf(sympy.Float(imag, dps)._mpf_))


_ERRORS = (ZeroDivisionError, ValueError, OverflowError, TypeError, NoConvergence)


def closure(
    expr: sympy.Basic,
    symbols: tuple[sympy.Symbol, ...],
    mode: str = COMPLEX,
    avoid_kinks: bool = False,
) -> Compiled:
    """``expr`` as a function of the values of ``symbols``, at the ambient mpmath precision.

    The closure returns an mpf (real) or mpc (non-real) and raises ``Undefined`` (or its
    subclasses ``TooLarge``, ``NotReal``) where the mode gives no value. Raises ``Unevaluable``
    at once for undefined functions, derivatives, integrals and symbols missing from
    ``symbols``.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    strict = mode == REAL
    inner = _Builder(symbols, mode, avoid_kinks).build(expr)

    def run(env: Env) -> Value:
        try:
            return checked(inner(env), strict)
        except Unevaluable:
            raise
        except _ERRORS as error:
            raise Undefined(str(error) or type(error).__name__) from error

    return run


@lru_cache(maxsize=8192)
def compile_expression(
    expr: sympy.Basic,
    symbols: tuple[sympy.Symbol, ...],
    mode: str = COMPLEX,
    *,
    dps: int | None = DPS,
    avoid_kinks: bool = False,
) -> Compiled:
    """The cached closure of ``expr`` (see ``closure``), evaluating at ``dps`` significant
    digits (``None``: at the caller's ambient precision). The closure takes a tuple of values
    (mpmath numbers, ints, floats or complex) in the order of ``symbols``."""
    inner = closure(expr, symbols, mode, avoid_kinks)
    if dps is None:
        return inner
    ctx = mpmath.mp

    def fixed(env: Env) -> Value:
        saved = ctx.prec
        ctx.dps = dps
        try:
            return inner(env)
        finally:
            ctx.prec = saved

    return fixed


def evaluate(
    expr: sympy.Basic,
    values: Mapping[sympy.Symbol, object],
    mode: str = COMPLEX,
    *,
    dps: int = DPS,
) -> Value:
    """``expr`` at ``values`` (raises ``Undefined`` or ``Unevaluable``)."""
    symbols = tuple(sorted(values, key=sympy.default_sort_key))
    with mpmath.workdps(dps):
        env = tuple(mpmath.mpmathify(values[s]) for s in symbols)
    return compile_expression(expr, symbols, mode, dps=dps)(env)


@dataclass(frozen=True)
class Evaluation:
    """What an expression is at a point: ``kind`` is "real", "complex" or "undefined"."""

    kind: str
    value: Value | None
    reason: str = ""


def value_at(
    expr: sympy.Basic, values: Mapping[sympy.Symbol, object], *, dps: int = DPS
) -> Evaluation:
    """Evaluate with complex values allowed and say whether the value is real, complex or
    undefined (with the reason: "division by zero", "too large to evaluate", ...)."""
    try:
        value = evaluate(expr, values, COMPLEX, dps=dps)
    except Undefined as error:
        return Evaluation("undefined", None, str(error))
    except Unevaluable as error:
        return Evaluation("undefined", None, str(error))
    return Evaluation("complex" if isinstance(value, mpmath.mpc) else "real", value)


def kind_of(value: Value) -> str:
    """ "real" or "complex" for a value a closure returned."""
    return "complex" if isinstance(value, mpmath.mpc) else "real"
