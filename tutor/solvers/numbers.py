"""Exact or float: the arithmetic policy every iterative or numerical solver follows.

Inputs that are exact (integers, rationals, surds, π) give exact values while those stay small;
anything else is computed in floats at WORKING_DIGITS and shown to `shown` significant digits,
which the solver records in `details["digits"]` so tables can state the precision.

- `all_exact(*values)`: no Floats anywhere in the values (expressions, matrices, tuples).
- `small_exact(value)`: an exact value still worth printing exactly (a rational whose numerator
  and denominator have at most EXACT_DIGITS digits, or a short surd expression).
- `to_float(value, digits)`: a sympy Float (or a matrix of them) at `digits` significant digits.
- `Arithmetic`: the policy object an iteration carries: `exact` until a value stops being small,
  then floats for the rest of the run (`.value(v)` applies it, `.digits` is None while exact).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

WORKING_DIGITS = 30  # what floats are computed with
SHOWN_DIGITS = 10  # what tables show, unless the caller asks for more
EXACT_DIGITS = 12  # a rational with a longer numerator or denominator switches to floats
EXACT_OPS = 12  # an exact surd expression with more operations switches to floats


def all_exact(*values) -> bool:
    for value in values:
        if isinstance(value, sp.MatrixBase | sp.Tuple | list | tuple):
            if not all_exact(*value):
                return False
        elif isinstance(value, float) or (isinstance(value, sp.Basic) and value.has(sp.Float)):
            return False
    return True


def small_exact(value: sp.Basic) -> bool:
    if isinstance(value, sp.MatrixBase | sp.Tuple):
        return all(small_exact(entry) for entry in value)
    if value.has(sp.Float) or value.free_symbols:
        return False
    if isinstance(value, sp.Rational):
        limit = 10**EXACT_DIGITS
        return abs(value.p) < limit and abs(value.q) < limit
    return sp.count_ops(value) <= EXACT_OPS


def to_float(value, digits: int = WORKING_DIGITS):
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(
            value.applyfunc(lambda entry: sp.Float(sp.N(entry, digits), digits))
        )
    return sp.Float(sp.N(value, digits), digits)


@dataclass
class Arithmetic:
    """Exact while every value stays small, then floats (at WORKING_DIGITS) from there on."""

    exact: bool
    shown: int = SHOWN_DIGITS

    @classmethod
    def for_inputs(cls, *values, shown: int = SHOWN_DIGITS) -> Arithmetic:
        return cls(all_exact(*values), shown)

    @property
    def digits(self) -> int | None:
        """What `details["digits"]` records: None while exact."""
        return None if self.exact else self.shown

    def value(self, value):
        """`value` under the policy; switches to floats for good once a value is not small."""
        if self.exact:
            if small_exact(value):
                return value
            self.exact = False
        return to_float(value)
