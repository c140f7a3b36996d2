"""Two answers compared at one sample point: agree, differ, or defined for only one of them.

It owns the ``Pair`` (the expected and the given answer compiled in one evaluation mode) and
the ``Outcome`` of one point, with the two checks that keep verdicts honest:

- agreement is relative (``rel_tol``) with an absolute floor of rounding size at the working
  precision; an apparent difference is re-evaluated at twice the precision and dismissed if it
  shrinks there (cancellation noise, e.g. (x + 10^20)^2 - x^2 - ...), so only real differences
  become counterexamples (once one is confirmed, later differences are taken as they are:
  they only shape the wording of notes);
- ``isolated`` tells a single missing point (a removable point, x = 1 in (x^2 - 1)/(x - 1))
  from a missing region (ln x for x < 0) by evaluating just beside it.

Points whose values pass the size limits (``TooLarge``) are ``TOO_LARGE``: they say nothing
about either answer's domain and are skipped. Callers set the working precision
(``mpmath.workdps``); closures come from ``tutor.answers.numeric``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeAlias

import mpmath
import sympy

from tutor.answers.numeric import Compiled, TooLarge, Undefined, Value, compile_expression

AGREE = "agree"
DIFFER = "differ"
ONLY_EXPECTED = "only expected defined"
ONLY_GIVEN = "only given defined"
NEITHER = "neither defined"
TOO_LARGE = "too large"

NOISE_SHRINK = mpmath.mpf("1e-10")  # a difference shrinking this much at 2x precision is noise
_BESIDE = 2.0**-30  # relative step to the points beside a missing one

Raw: TypeAlias = tuple[Any, ...]  # a point as generated: Fraction, float or complex coordinates


@dataclass(frozen=True)
class Outcome:
    raw: Raw
    expected: Value | None
    given: Value | None
    status: str


def to_mpmath(raw: Raw) -> tuple[Value, ...]:
    """A generated point at the working precision (fractions rounded once)."""
    values: list[Value] = []
    for v in raw:
        if isinstance(v, Fraction):
            values.append(mpmath.mpf(v.numerator) / v.denominator)
        else:
            values.append(mpmath.mpmathify(v))
    return tuple(values)


def _value(fn: Compiled, env: tuple[Value, ...]) -> Value | None | str:
    try:
        return fn(env)
    except TooLarge:
        return TOO_LARGE
    except Undefined:
        return None


class Pair:
    """The expected and the given answer, compiled in ``mode``, compared at points."""

    def __init__(
        self,
        expected: sympy.Basic,
        given: sympy.Basic,
        symbols: tuple[sympy.Symbol, ...],
        mode: str,
        rel_tol: float,
    ) -> None:
        self.expected = compile_expression(expected, symbols, mode, dps=None)
        self.given = compile_expression(given, symbols, mode, dps=None)
        self.rel_tol = mpmath.mpf(rel_tol)
        self.confirmed = False  # a difference survived re-evaluation: later ones need not

    def outcome(self, raw: Raw) -> Outcome:
        env = to_mpmath(raw)
        e, g = _value(self.expected, env), _value(self.given, env)
        if e is TOO_LARGE or g is TOO_LARGE:
            return Outcome(raw, None, None, TOO_LARGE)
        if e is None or g is None:
            status = NEITHER if e is g else (ONLY_GIVEN if e is None else ONLY_EXPECTED)
            return Outcome(raw, e, g, status)
        agree = self._close(e, g) or (not self.confirmed and self._noise(raw, e, g))
        self.confirmed = self.confirmed or not agree
        return Outcome(raw, e, g, AGREE if agree else DIFFER)

    def _close(self, e: Value, g: Value) -> bool:
        difference = abs(e - g)
        floor = mpmath.mpf(10) ** (4 - mpmath.mp.dps)
        return difference <= floor or difference <= self.rel_tol * max(abs(e), abs(g))

    def _noise(self, raw: Raw, e: Value, g: Value) -> bool:
        """Re-evaluate at twice the precision: does the difference vanish or shrink there?"""
        with mpmath.workdps(2 * mpmath.mp.dps):
            env = to_mpmath(raw)
            e2, g2 = _value(self.expected, env), _value(self.given, env)
            if not isinstance(e2, mpmath.mpf | mpmath.mpc):
                return False
            if not isinstance(g2, mpmath.mpf | mpmath.mpc):
                return False
            if self._close(e2, g2):
                return True
            return abs(e2 - g2) <= NOISE_SHRINK * abs(e - g)

    def isolated(self, outcome: Outcome) -> bool:
        """Is the answer undefined at this real point defined just beside it on both sides?"""
        if any(isinstance(v, complex) for v in outcome.raw):
            return False
        fn = self.given if outcome.status == ONLY_EXPECTED else self.expected
        for direction in (1, -1):
            shifted = tuple(v + direction * _BESIDE * max(1.0, abs(float(v))) for v in outcome.raw)
            value = _value(fn, to_mpmath(shifted))
            if value is None or value is TOO_LARGE:
                return False
        return True


def first(outcomes: Sequence[Outcome], *statuses: str) -> Outcome | None:
    return next((o for o in outcomes if o.status in statuses), None)
