"""The bounded mpmath functions behind tutor.answers.numeric, and the value check.

It owns the limits that make every evaluation finish quickly whatever the expression:

- MAG_LIMIT: no intermediate may exceed 2^MAG_LIMIT = 10^(10^6) in magnitude (``checked`` looks
  at every node's value; smaller than 2^-MAG_LIMIT counts as 0). Functions that could produce
  such a value (exp, sinh, cosh, powers, gamma) predict its size first and raise ``TooLarge``
  instead of computing it.
- PERIOD_LIMIT: periodic functions (sin, tan, and exp/tanh of a complex argument) refuse
  arguments beyond 2^PERIOD_LIMIT, whose reduction modulo pi would need that many bits.
- GAMMA_LIMIT, ERF_LIMIT: |z| bounds for gamma/factorial/beta and complex erf.

A new function gets a row in FUNCTIONS, wrapped in the guard that matches how it can blow up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import mpmath
import sympy

Value: TypeAlias = mpmath.mpf | mpmath.mpc

MAG_LIMIT = 3_321_929  # bits: 2**MAG_LIMIT is about 10**(10**6)
EXP_LIMIT = 2_302_586  # MAG_LIMIT * ln 2: exp(z) with re z beyond this is too large
PERIOD_LIMIT = 4096  # bits of the largest argument a periodic function reduces
GAMMA_LIMIT = 200_000  # |z| of gamma/factorial (Gamma(2e5) is about 10^(9.7e5))
ERF_LIMIT = 10**6  # |z| of erf at a non-real z
SMALL_POWER = 64  # integer powers up to this are computed directly
REAL_TOL = mpmath.mpf("1e-20")  # an imaginary part below REAL_TOL * max(1, |re|) is rounding

_ZERO = mpmath.mpf(0)
_PERIOD_BOUND = mpmath.mpf(2) ** PERIOD_LIMIT


class Undefined(ArithmeticError):
    """No value at this point: outside the domain, a pole, or (subclasses) too large/not real."""


class TooLarge(Undefined):
    """The value (or an intermediate) would pass a size limit; the point says nothing about
    the domain."""


class NotReal(Undefined):
    """A non-real intermediate where real values are required."""


def _finite_real(value: mpmath.mpf) -> mpmath.mpf:
    _, man, exp, bc = value._mpf_
    if not man:
        if bc:  # mpmath's inf and nan have no mantissa and a negative bit count
            raise Undefined("not finite")
        return value
    if exp + bc > MAG_LIMIT:
        raise TooLarge("too large to evaluate")
    if exp + bc < -MAG_LIMIT:
        return _ZERO
    return value


def checked(value: object, strict: bool) -> Value:
    """``value`` as a finite mpmath number; rounding-level imaginary parts dropped. Raises
    Undefined (non-finite), TooLarge (beyond MAG_LIMIT) or, if ``strict``, NotReal."""
    kind = type(value)
    if kind is mpmath.mpf:
        return _finite_real(value)
    if kind is mpmath.mpc:
        real, imag = value.real, value.imag  # type: ignore[attr-defined]
        if abs(imag) <= REAL_TOL * max(1, abs(real)):
            return _finite_real(real)
        if strict:
            raise NotReal("not real")
        _finite_real(real)
        _finite_real(imag)
        return value
    return checked(mpmath.mpmathify(value), strict)


def reciprocal(value: Value) -> Value:
    if value == 0:
        raise Undefined("division by zero")
    return 1 / value


def off_kink(value: Value) -> mpmath.mpf:
    """The argument of |u| or sign u, refused where it is 0 (a kink) or not real."""
    if value == 0:
        raise Undefined("at a kink of |u| or sign(u)")
    return checked(value, True)


def _periodic_ok(z: Value) -> None:
    if abs(mpmath.re(z)) > _PERIOD_BOUND or abs(mpmath.im(z)) > EXP_LIMIT:
        raise TooLarge("argument too large")


def _exp(z: Value) -> Value:
    real = mpmath.re(z)
    if real > EXP_LIMIT or abs(mpmath.im(z)) > _PERIOD_BOUND:
        raise TooLarge("too large to evaluate")
    if real < -EXP_LIMIT:
        return _ZERO
    return mpmath.exp(z)


def _periodic(fn: Callable[[Value], Value]) -> Callable[[Value], Value]:
    """sin, cos, ...: refuse arguments too large to reduce (or whose value explodes)."""

    def guarded(z: Value) -> Value:
        _periodic_ok(z)
        return fn(z)

    return guarded


def _hyperbolic(fn: Callable[[Value], Value], large: str) -> Callable[[Value], Value]:
    """Hyperbolic functions of a huge real part: sinh, cosh are too large ("grow"), sech, csch
    are 0 ("decay"), tanh, coth are +-1 and mpmath finds that quickly ("level"). All refuse
    imaginary parts too large to reduce."""

    def guarded(z: Value) -> Value:
        if abs(mpmath.im(z)) > _PERIOD_BOUND:
            raise TooLarge("argument too large")
        if large != "level" and abs(mpmath.re(z)) > EXP_LIMIT:
            if large == "grow":
                raise TooLarge("too large to evaluate")
            return _ZERO
        return fn(z)

    return guarded


def _log_size(base: Value, exponent: Value) -> Value:
    """log(base**exponent) to 24 bits: cheap, and enough to refuse huge powers."""
    with mpmath.workprec(24):
        return exponent * mpmath.log(base)


def power(base: Value, exponent: Value) -> Value:
    """base**exponent (principal branch), refused before computing when it would be huge."""
    if base == 0:
        if mpmath.re(exponent) <= 0:
            raise Undefined("0 to a non-positive power")
        return _ZERO
    size = _log_size(base, exponent)
    if mpmath.re(size) > EXP_LIMIT or abs(mpmath.im(size)) > _PERIOD_BOUND:
        raise TooLarge("too large to evaluate")
    if mpmath.re(size) < -EXP_LIMIT:
        return _ZERO
    return mpmath.power(base, exponent)


def _gamma_like(fn: Callable[..., Value]) -> Callable[..., Value]:
    """gamma, factorial, beta: refuse arguments beyond GAMMA_LIMIT (astronomical values)."""

    def guarded(*args: Value) -> Value:
        if any(abs(a) > GAMMA_LIMIT for a in args):
            raise TooLarge("too large to evaluate")
        return fn(*args)

    return guarded


def _erf(z: Value) -> Value:
    if isinstance(z, mpmath.mpc) and abs(z) > ERF_LIMIT:
        raise TooLarge("argument too large")
    return mpmath.erf(z)


def _sign(z: Value) -> Value:
    return _ZERO if z == 0 else mpmath.sign(z)


def _dirac(z: Value, *_: Value) -> Value:
    if z == 0:
        raise Undefined("DiracDelta at 0")
    return _ZERO


def _heaviside(z: Value, *_: Value) -> Value:
    if z == 0:
        raise Undefined("Heaviside at 0")
    return mpmath.mpf(1) if z > 0 else _ZERO


def _real_max(*args: Value) -> Value:
    return max(checked(a, True) for a in args)


def _real_min(*args: Value) -> Value:
    return min(checked(a, True) for a in args)


FUNCTIONS: dict[type, Callable[..., Value]] = {
    sympy.exp: _exp,
    sympy.log: mpmath.log,
    **{f: _periodic(getattr(mpmath, f.__name__)) for f in (sympy.sin, sympy.cos, sympy.tan)},
    **{f: _periodic(getattr(mpmath, f.__name__)) for f in (sympy.sec, sympy.csc, sympy.cot)},
    sympy.sinh: _hyperbolic(mpmath.sinh, "grow"),
    sympy.cosh: _hyperbolic(mpmath.cosh, "grow"),
    sympy.tanh: _hyperbolic(mpmath.tanh, "level"),
    sympy.coth: _hyperbolic(mpmath.coth, "level"),
    sympy.sech: _hyperbolic(mpmath.sech, "decay"),
    sympy.csch: _hyperbolic(mpmath.csch, "decay"),
    **{
        f: getattr(mpmath, f.__name__)
        for f in (sympy.asin, sympy.acos, sympy.atan, sympy.asec, sympy.acsc, sympy.acot)
    },
    **{
        f: getattr(mpmath, f.__name__)
        for f in (sympy.asinh, sympy.acosh, sympy.atanh, sympy.asech, sympy.acsch, sympy.acoth)
    },
    sympy.gamma: _gamma_like(mpmath.gamma),
    sympy.factorial: _gamma_like(mpmath.factorial),
    sympy.beta: _gamma_like(mpmath.beta),
    sympy.erf: _erf,
    sympy.Abs: mpmath.fabs,
    sympy.sign: _sign,
    sympy.re: mpmath.re,
    sympy.im: mpmath.im,
    sympy.arg: mpmath.arg,
    sympy.conjugate: mpmath.conj,
    sympy.atan2: mpmath.atan2,
    sympy.floor: mpmath.floor,
    sympy.ceiling: mpmath.ceil,
    sympy.Max: _real_max,
    sympy.Min: _real_min,
    sympy.DiracDelta: _dirac,
    sympy.Heaviside: _heaviside,
}

# Functions a real-variable tutor uses on the real line only: non-holomorphic ones (|u|,
# sign u, ...) and those whose textbook derivative is not the analytic continuation of its
# real form (d acosh u = u'/sqrt(u^2 - 1), d asec u = u'/(|u| sqrt(u^2 - 1)), ...). In the
# SEMI mode they still need a real argument and give a real value.
REAL_ONLY: frozenset[type] = frozenset(
    {
        sympy.Abs,
        sympy.sign,
        sympy.re,
        sympy.im,
        sympy.arg,
        sympy.conjugate,
        sympy.floor,
        sympy.ceiling,
        sympy.atan2,
        sympy.Max,
        sympy.Min,
        sympy.DiracDelta,
        sympy.Heaviside,
        sympy.acosh,
        sympy.asec,
        sympy.acsc,
        sympy.asech,
        sympy.acsch,
    }
)

# |u| and sign u are not differentiable where u = 0 (see numeric's ``avoid_kinks``).
KINKED: frozenset[type] = frozenset({sympy.Abs, sympy.sign})
