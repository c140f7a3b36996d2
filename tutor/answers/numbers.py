"""Number answers: is the student's number the expected one, to the precision asked?

It owns ``compare_numbers`` and its record ``NumberComparison``. Both values are evaluated with
tutor.answers.numeric at 30 digits, so exact answers (sqrt(2), pi/4, 1/3) compare as numbers.
The tests, in order of precedence:

- ``sig_figs=n``: the given value must round to the expected one at n significant figures
  (within half a unit of the n-th figure of the rounded expected value; when the expected value
  is exactly halfway, either rounding counts);
- ``decimal_places=n``: the same at n decimal places;
- otherwise a tolerance, never a fixed rounding: |given - expected| <= max(rel_tol * max(|given|,
  |expected|), abs_tol), by default rel_tol = 1e-9 and abs_tol = 0 (so 1e-7 and 2e-7 differ,
  1e-7 and 1.0000000001e-7 agree). Differences at rounding level of the 30-digit evaluation
  (or proved zero by ``canonical.cheap_proof``) always count as equal.

With ``given_text`` (what the student typed), the figures or decimal places written are
counted ("2.50" has 3 significant figures and 2 decimal places) and a remark is made when fewer
were given than asked. Reasons never quote the expected value: callers decide what to reveal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import mpmath
import sympy

from tutor.answers.canonical import cheap_proof
from tutor.answers.display import format_decimal, format_number
from tutor.answers.numeric import (
    COMPLEX,
    DPS,
    Undefined,
    Unevaluable,
    Value,
    as_expr,
    compile_expression,
)

DEFAULT_REL_TOL = 1e-9
DEFAULT_ABS_TOL = 0.0
ROUNDING = mpmath.mpf(10) ** (5 - DPS)  # relative size of 30-digit rounding noise

_DECIMAL = re.compile(r"^[+\-−]?(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE][+-]?\d+)?$")


@dataclass(frozen=True)
class NumberComparison:
    """``equal``: whether the given number is accepted. ``reason``: why not, or a remark on an
    accepted answer (fewer figures than asked); empty when there is nothing to say. Values are
    mpmath numbers at 30 digits (None when undefined; +-inf for oo). ``figures_given``: the
    significant figures (or decimal places, with ``decimal_places``) counted in the text."""

    equal: bool
    reason: str
    given_value: Value | None
    expected_value: Value | None
    figures_given: int | None = None


def _value(expr: sympy.Basic) -> Value:
    """The number ``expr`` at 30 digits; infinities as mpmath infinities. Raises Undefined."""
    if expr is sympy.oo or expr is sympy.S.NegativeInfinity:
        return mpmath.inf if expr is sympy.oo else -mpmath.inf
    if expr.free_symbols:
        raise Undefined("it contains a variable")
    try:
        return compile_expression(expr, (), COMPLEX)(())
    except Unevaluable as error:
        raise Undefined(str(error)) from error


def significant_figures(text: str) -> int | None:
    """Significant figures written in a plain decimal ("2.50" -> 3, "0.0025" -> 2, "2500" -> 2);
    None for anything else (fractions, expressions)."""
    match = _DECIMAL.match(text.strip().replace(" ", ""))
    if not match or not (match["int"] or match["frac"]):
        return None
    digits = (match["int"] or "") + (match["frac"] or "")
    stripped = digits.lstrip("0")
    if not stripped:
        return 1
    if match["frac"] is None:
        stripped = stripped.rstrip("0") or "0"
    return len(stripped)


def decimal_places(text: str) -> int | None:
    """Decimal places written in a plain decimal ("2.50" -> 2, "3" -> 0); None otherwise."""
    cleaned = text.strip().replace(" ", "")
    match = _DECIMAL.match(cleaned)
    if not match or not (match["int"] or match["frac"]) or "e" in cleaned.lower():
        return None
    return len(match["frac"] or "")


def _rounds_to_same(expected: mpmath.mpf, given: mpmath.mpf, unit: mpmath.mpf) -> bool:
    """Is ``given`` within half a ``unit`` of ``expected`` rounded to a multiple of ``unit``
    (either rounding when ``expected`` is halfway)?"""
    scaled = expected / unit
    low = mpmath.floor(scaled)
    fraction = scaled - low
    roundings: tuple[mpmath.mpf, ...]
    if abs(fraction - 0.5) <= ROUNDING * max(1, abs(scaled)):
        roundings = (low, low + 1)
    else:
        roundings = (low if fraction < 0.5 else low + 1,)
    half = unit / 2 * (1 + ROUNDING)
    return any(abs(given - r * unit) <= half for r in roundings)


def _figures_unit(expected: mpmath.mpf, figures: int) -> mpmath.mpf:
    if expected == 0:
        return mpmath.mpf(10) ** (1 - figures)
    exponent = int(mpmath.floor(mpmath.log10(abs(expected))))
    return mpmath.mpf(10) ** (exponent - figures + 1)


def _precision_check(
    expected: mpmath.mpf, given: mpmath.mpf, text: str | None, sig_figs: int | None, places: int
) -> tuple[bool, str, int | None]:
    if sig_figs is not None:
        unit, counted = _figures_unit(expected, sig_figs), text and significant_figures(text)
        asked, what = sig_figs, "significant figure"
    else:
        unit, counted = mpmath.mpf(10) ** -places, text and decimal_places(text)
        asked, what = places, "decimal place"
    ok = _rounds_to_same(expected, given, unit)
    counted = counted if isinstance(counted, int) else None
    remarks = []
    if not ok:
        shown = _shown(given, text, 12)
        remarks.append(f"{shown} does not round to the expected value at {asked} {what}s")
    if counted is not None and counted < asked:
        plural = "" if counted == 1 else "s"
        remarks.append(f"you gave {counted} {what}{plural}; {asked} were asked")
    return ok, "; ".join(remarks), counted


def _shown(given: Value, text: str | None, digits: int) -> str:
    """The given number as the student typed it when that is a plain decimal, else as a
    decimal with ``digits`` significant figures."""
    if text and significant_figures(text) is not None:
        return text.strip()
    return format_decimal(given, digits)


def _tolerance_check(
    expected: Value, given: Value, rel_tol: float, abs_tol: float, text: str | None
) -> tuple[bool, str]:
    difference = abs(given - expected)
    scale = max(abs(given), abs(expected))
    if difference <= max(rel_tol * scale, abs_tol, ROUNDING * scale):
        return True, ""
    bounds = []
    if rel_tol:
        bounds.append(f"a relative tolerance of {format_number(rel_tol)}")
    if abs_tol:
        bounds.append(f"an absolute tolerance of {format_number(abs_tol)}")
    within = " or ".join(bounds) if bounds else "exactly"
    shown = _shown(given, text, _distinguishing_digits(expected, given))
    return False, f"{shown} is not equal to the expected value within {within}"


def _distinguishing_digits(a: Value, b: Value) -> int:
    """Enough significant figures (6 to 20) to show that a and b differ."""
    for digits in (6, 10, 15, 20):
        if format_decimal(a, digits) != format_decimal(b, digits):
            return digits
    return 20


def _special(e: Value, g: Value) -> NumberComparison | None:
    """Non-real and infinite answers."""
    if isinstance(g, mpmath.mpc) and not isinstance(e, mpmath.mpc):
        return NumberComparison(False, f"{format_number(g)} is not a real number", g, e)
    if mpmath.isinf(e) or mpmath.isinf(g):
        same = e == g
        return NumberComparison(same, "" if same else f"{format_number(g)} is not infinite", g, e)
    return None


def compare_numbers(
    expected: object,
    given: object,
    *,
    rel_tol: float | None = None,
    abs_tol: float | None = None,
    sig_figs: int | None = None,
    decimal_places: int | None = None,
    given_text: str | None = None,
) -> NumberComparison:
    """Compare two numbers (sympy numbers or Python int/float/Fraction); see the module
    docstring for the tests. Raises ValueError if ``expected`` is not a number."""
    if sig_figs is not None and decimal_places is not None:
        raise ValueError("give sig_figs or decimal_places, not both")
    expected, given = as_expr(expected), as_expr(given)
    try:
        e = _value(expected)
    except Undefined as error:
        raise ValueError(f"the expected answer is not a number: {error}") from error
    try:
        g = _value(given)
    except Undefined as error:
        return NumberComparison(False, f"your answer is undefined ({error})", None, e)
    special = _special(e, g)
    if special is not None:
        return special
    if (sig_figs is not None or decimal_places is not None) and not isinstance(e, mpmath.mpc):
        places = decimal_places if decimal_places is not None else 0
        ok, reason, counted = _precision_check(e, g, given_text, sig_figs, places)
        return NumberComparison(ok, reason, g, e, counted)
    if cheap_proof(expected, given):
        return NumberComparison(True, "", g, e)
    rel = DEFAULT_REL_TOL if rel_tol is None else rel_tol
    absolute = DEFAULT_ABS_TOL if abs_tol is None else abs_tol
    ok, reason = _tolerance_check(e, g, rel, absolute, given_text)
    return NumberComparison(ok, reason, g, e)
