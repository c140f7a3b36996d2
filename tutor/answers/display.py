"""Numbers as a student reads them: how the answer checker writes values and sample points.

It owns ``format_number`` (exact integers and simple fractions when a value is one, otherwise
about six significant figures; complex values as ``a + bi``), ``format_decimal`` (decimals
only, for number answers) and the point helpers used in
counterexamples and certainty phrases (``{"x": "2"}``, ``"x = 2, y = -1"``). Plain ASCII, so the
strings travel through JSON and terminals unchanged. Change the look of numbers here only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import mpmath
import sympy

DIGITS = 6  # significant figures of an inexact value
MAX_DENOMINATOR = 100  # values this close to p/q with q <= MAX_DENOMINATOR are shown as p/q
_EXACT_RANGE = (mpmath.mpf("1e-6"), mpmath.mpf("1e15"))  # |values| tried as fractions


def _as_fraction(value: mpmath.mpf) -> Fraction | None:
    """p/q (q <= MAX_DENOMINATOR) if ``value`` is that up to rounding at the working precision."""
    size = abs(value)
    if value == 0:
        return Fraction(0)
    if not _EXACT_RANGE[0] <= size <= _EXACT_RANGE[1]:
        return None
    sign, man, exp, _ = value._mpf_
    exact = Fraction(int(man) * 2**exp) if exp >= 0 else Fraction(int(man), 2**-exp)
    guess = exact.limit_denominator(MAX_DENOMINATOR)
    tolerance = Fraction(1, 10 ** max(mpmath.mp.dps - 6, 10))
    if abs(guess - exact) <= tolerance * exact:
        return -guess if sign else guess
    return None


def _real_text(value: mpmath.mpf, digits: int, fractions: bool = True) -> str:
    fraction = _as_fraction(value) if fractions else None
    if fraction is not None:
        if fraction.denominator == 1:
            return str(fraction.numerator)
        return f"{fraction.numerator}/{fraction.denominator}"
    text = mpmath.nstr(value, digits, min_fixed=-5, max_fixed=digits)
    mantissa, _, exponent = text.partition("e")
    mantissa = mantissa.removesuffix(".0")
    return f"{mantissa}e{exponent.lstrip('+')}" if exponent else mantissa


def format_number(value: object, digits: int = DIGITS) -> str:
    """``value`` (mpmath, int, float, Fraction) for a student: "5", "5/2", "1.41421", "2.5e12",
    "1 + 2i"; "undefined" for None."""
    if value is None:
        return "undefined"
    if isinstance(value, Fraction):
        value = mpmath.mpf(value.numerator) / value.denominator
    number: Any = mpmath.mpmathify(value)
    if isinstance(number, mpmath.mpf):
        return _real_text(number, digits)
    real, imag = number.real, number.imag
    unit = "i" if abs(imag) == 1 else _real_text(abs(imag), digits) + "i"
    if real == 0:
        return ("-" if imag < 0 else "") + unit
    return f"{_real_text(real, digits)} {'-' if imag < 0 else '+'} {unit}"


def format_decimal(value: object, digits: int = DIGITS) -> str:
    """A real value as a decimal with at most ``digits`` significant figures ("3.15", "1e-7"),
    never as a fraction; complex values as ``format_number`` writes them."""
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpf):
        return _real_text(value, digits, fractions=False)
    return format_number(value, digits)


def point_values(symbols: Sequence[sympy.Symbol], values: Sequence[object]) -> dict[str, str]:
    """{"x": "2", "y": "-1/2"}: a sample point for a counterexample."""
    return {s.name: format_number(v) for s, v in zip(symbols, values, strict=True)}


def describe_point(at: Mapping[str, str]) -> str:
    """ "x = 2, y = -1/2" (empty for a constant expression)."""
    return ", ".join(f"{name} = {text}" for name, text in at.items())
