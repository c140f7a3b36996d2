"""Python numbers to sympy values without parsing text (sympify would eval a string).

`as_value(obj)`: sympy objects pass through; int, Fraction and float become Integer, Rational and
Float; lists and tuples become Tuples. Anything else, text above all, is a TypeError.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy as sp


def as_value(obj: Any) -> Any:
    if isinstance(obj, sp.Basic | sp.MatrixBase):
        return obj
    if isinstance(obj, bool):
        raise TypeError("a truth value is not a number")
    if isinstance(obj, int):
        return sp.Integer(obj)
    if isinstance(obj, Fraction):
        return sp.Rational(obj.numerator, obj.denominator)
    if isinstance(obj, float):
        return sp.Float(obj)
    if isinstance(obj, list | tuple):
        return sp.Tuple(*(as_value(item) for item in obj))
    raise TypeError(f"expected a sympy value or a number, not {type(obj).__name__}")
