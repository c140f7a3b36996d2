"""Mistakes in a numerical answer that need no problem context.

``numeric_candidates(expected, given, rounding_context)`` applies when both answers are real
numbers and yields: the expected value rounded or cut short to 1–6 significant figures
(``rounded_answer``); the given itself when it is within 1% and agrees to 2–4 significant figures
(``rounded_too_early``, only when no context such as Newton's method can say which value was
rounded); the expected value negated (``sign_error``); the expected value times 10^k, k a non-zero
integer in [−6, 6] (``off_by_power_of_ten``). Each is prefiltered with floats, so the caller's
``same`` is asked about at most a few of them. To add a model, add a generator and chain it in
``numeric_candidates``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import sympy as sp

from tutor.answers.mistakes.base import Candidate, as_float, round_sig
from tutor.answers.mistakes.generic import negation

FIGURES = range(1, 7)  # significant figures a final answer may have been rounded to
EARLY_FIGURES = (2, 3, 4)
CLOSE = 0.01
MAX_POWER = 6


def numeric_candidates(
    expected: sp.Expr, given: sp.Expr, rounding_context: bool = False
) -> Iterator[Candidate]:
    e, g = as_float(expected), as_float(given)
    if e is None or g is None:
        return
    yield from _rounded_answer(e, g)
    if not rounding_context:
        yield from _rounded_early(e, g, given)
    if e * g < 0:
        yield from negation(expected)
    yield from _power_of_ten(expected, e, g)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)


def _truncate_sig(value: float, figures: int) -> float:
    if value == 0:
        return value
    scale = 10 ** (figures - 1 - math.floor(math.log10(abs(value))))
    return math.trunc(value * scale) / scale


def _rounded_answer(e: float, g: float) -> Iterator[Candidate]:
    for figures in FIGURES:
        for cut, verb in ((round_sig, "rounded"), (_truncate_sig, "cut short")):
            value = cut(e, figures)
            if not _near(value, e) and _near(value, g):
                yield Candidate("rounded_answer", sp.Float(value), _rounded_message(verb, figures))
                return


def _rounded_early(e: float, g: float, given: sp.Expr) -> Iterator[Candidate]:
    if e == 0 or abs(g - e) > CLOSE * abs(e):
        return
    if any(round_sig(g, f) == round_sig(e, f) for f in EARLY_FIGURES):
        yield Candidate("rounded_too_early", given, _early_message)


def _power_of_ten(expected: sp.Expr, e: float, g: float) -> Iterator[Candidate]:
    if e == 0 or g == 0 or e * g < 0:
        return
    k = round(math.log10(g / e))
    if k == 0 or abs(k) > MAX_POWER or abs(g / (e * 10.0**k) - 1) > CLOSE:
        return
    yield Candidate("off_by_power_of_ten", expected * sp.Integer(10) ** k, _power_message(k))


def _rounded_message(verb: str, figures: int) -> Callable[[], str]:
    figure_s = "figure" if figures == 1 else "figures"
    return lambda: (
        f"That is the right value {verb} to {figures} significant {figure_s}: give it more "
        "accurately."
    )


def _early_message() -> str:
    return (
        "Close, but it looks as if a value was rounded before the last step: keep full "
        "accuracy in the working and round only the final answer."
    )


def _power_message(k: int) -> Callable[[], str]:
    size = f"{10 ** abs(k):,}"
    how = f"{size} times too large" if k > 0 else f"{size} times too small"
    return lambda: f"Check the decimal point and the units: your answer is {how}."
