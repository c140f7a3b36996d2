"""Does a derivation's final answer agree with sympy's own derivative? The statement we print.

The engine never calls sympy.diff to compute; this module calls it afterwards, to state to the
reader that the textbook form equals sympy's (proved by expansion, or at sample points inside the
domain when the forms differ only by identities such as sec² = 1 + tan², or |x| = √(x²)).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

SAMPLE_POINTS = (
    sp.Rational(7, 10),
    sp.Rational(13, 10),
    sp.Rational(-3, 5),
    sp.Rational(5, 2),
    sp.Rational(-17, 10),
    sp.Rational(3, 10),
    sp.Rational(21, 5),
)
TOLERANCE = 1e-10


@dataclass(frozen=True)
class Agreement:
    agrees: bool
    how: str  # "proved", "equal at N points", or where they differ


def _number(expr: sp.Basic) -> complex | None:
    try:
        value = complex(expr.evalf(30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if value != value or abs(value) == float("inf") or abs(value.imag) > TOLERANCE:
        return None  # outside the real domain at this point
    return value


def agreement(expr: sp.Basic, var: sp.Symbol, result: sp.Basic, order: int = 1) -> Agreement:
    reference = sp.diff(expr, var, order)
    difference = result - reference
    if difference == 0 or sp.expand(difference) == 0:
        return Agreement(True, "proved")
    others = sorted(difference.free_symbols - {var}, key=str)
    checked = 0
    for index, point in enumerate(SAMPLE_POINTS):
        values = {
            var: point,
            **{s: SAMPLE_POINTS[(index + k + 1) % 7] for k, s in enumerate(others)},
        }
        ours, theirs = _number(result.subs(values)), _number(reference.subs(values))
        if ours is None or theirs is None:
            continue
        if abs(ours - theirs) > TOLERANCE * max(1.0, abs(theirs)):
            return Agreement(
                False, f"differs at {var} = {point}: {ours.real:.6g} vs {theirs.real:.6g}"
            )
        checked += 1
    if checked == 0:
        return Agreement(False, "no sample point inside the domain")
    return Agreement(True, f"equal at {checked} points")
