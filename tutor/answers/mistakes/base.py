"""The records every mistake model shares: ``Mistake`` (the answer), ``Candidate`` (a prediction),
the tag list, and small helpers for symbols, numbers and wording.

A model is a generator ``(expected, given, ctx) -> Iterator[Candidate]`` that yields predicted
wrong answers in order of preference; ``tutor.answers.mistakes.find`` compares each with the
student's answer and stops at the first match. A new tag goes into ``MISTAKE_TAGS`` here (the
tests check every candidate's tag against it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from tutor.notation import to_text

MISTAKE_TAGS: tuple[str, ...] = (
    "missing_chain_factor",
    "product_rule_as_product",
    "quotient_numerator_reversed",
    "quotient_rule_missing_square",
    "power_rule_on_exponential",
    "exponential_rule_on_power",
    "missing_log_factor",
    "wrong_variable",
    "sign_error",
    "missing_factorial",
    "taylor_wrong_centre",
    "taylor_wrong_order",
    "transposed_jacobian",
    "multiplier_in_points",
    "newton_wrong_sign",
    "wrong_iterate",
    "rounded_answer",
    "rounded_too_early",
    "off_by_power_of_ten",
    "differentiated_instead_of_integrated",
    "reverse_chain_factor",
)


@dataclass(frozen=True)
class Mistake:
    tag: str  # stable id, one of MISTAKE_TAGS
    feedback: str  # one or two sentences for the student: the mistake and the fix
    candidate: object  # the wrong answer this model predicted (sympy object)


@dataclass(frozen=True)
class Candidate:
    """One predicted wrong answer; ``message`` is called only when it matches.

    Normally ``value`` is compared with the student's answer. With ``versus_expected`` it is the
    student's answer with the mistake undone, and is compared with the expected answer instead
    (for mistakes whose wrong answer cannot be predicted, such as the multiplier's values).
    """

    tag: str
    value: object
    message: Callable[[], str]
    versus_expected: bool = False

    def mistake(self) -> Mistake:
        return Mistake(self.tag, self.message(), self.value)


Context = Mapping[str, Any]


def symbol(name: object) -> sp.Symbol:
    """A context variable (a name or a Symbol) as the project's real Symbol."""
    if isinstance(name, sp.Symbol):
        return name
    if isinstance(name, str):
        return sp.Symbol(name, real=True)
    raise TypeError(f"a variable must be a name or a Symbol, not {type(name).__name__}")


def number(value: object) -> sp.Expr:
    """A context number (sympy, int, float or Fraction) as a sympy number; text is refused."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        raise TypeError(f"expected a number, not {type(value).__name__}")
    if isinstance(value, float):
        return sp.Float(value)
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    return sp.Integer(value)


def number_text(value: float) -> str:
    """A float for feedback, to 6 significant figures (``1.41421``)."""
    return f"{value:.6g}".replace("-", "−")


def text(expr: object) -> str:
    """Unicode text for feedback."""
    return to_text(expr)


def factor_text(expr: sp.Basic) -> str:
    """Text of a factor written after ``·``: sums and negatives get parentheses."""
    out = to_text(expr)
    if isinstance(expr, sp.Add) or out.startswith("−"):
        return f"({out})"
    return out


def as_float(value: object) -> float | None:
    """A real number's float value, or None (symbols, complex values, infinities)."""
    if isinstance(value, (int, float, Fraction)) and not isinstance(value, bool):
        value = number(value)
    if not isinstance(value, sp.Basic) or value.free_symbols:
        return None
    try:
        z = complex(sp.N(value, 20))
    except (TypeError, ValueError):
        return None
    if not math.isfinite(z.real) or abs(z.imag) > 1e-12 * max(1.0, abs(z.real)):
        return None
    return z.real


def round_sig(value: float, figures: int) -> float:
    """``value`` rounded to ``figures`` significant figures (0 stays 0)."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, figures - 1 - math.floor(math.log10(abs(value))))


def is_finite(expr: sp.Basic) -> bool:
    """False for results containing zoo, nan or infinities (a model that does not apply)."""
    return not expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
