"""Newton's method, from the context ``newton = {function, var, iterates: [x0, x1, ...], asked}``
(the expected answer is ``iterates[asked]``).

``newton_candidates`` yields: the last step taken with a plus, x_{k-1} + f/f′, and the whole run
with a plus (``newton_wrong_sign``); every other iterate of the run, nearest first
(``wrong_iterate``); and, when the answer is within 1% of the expected one, the runs restarted
from an intermediate iterate rounded to 4, 3 or 2 significant figures (``rounded_too_early``).
Arithmetic is numeric (DIGITS digits) and bounded by MAX_STEPS. To add a model, yield a
Candidate from ``newton_candidates`` using ``_Newton.run``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import sympy as sp

from tutor.answers.mistakes.base import Candidate, as_float, number, round_sig, symbol, text

DIGITS = 30
MAX_STEPS = 10
FIGURES = (4, 3, 2)  # significant figures an intermediate value may have been rounded to
CLOSE = 0.01  # "close": within 1%, relative


class _Newton:
    def __init__(self, function: sp.Expr, var: sp.Symbol) -> None:
        self.f, self.var = function, var
        self.fp = sp.diff(function, var)

    def step(self, x: sp.Expr, sign: int = -1) -> sp.Expr | None:
        fx = self.f.evalf(DIGITS, subs={self.var: x})
        fpx = self.fp.evalf(DIGITS, subs={self.var: x})
        if not (fx.is_real and fpx.is_real and fx.is_finite and fpx.is_finite) or fpx == 0:
            return None
        return sp.N(x + sign * fx / fpx, DIGITS)

    def run(self, start: sp.Expr, steps: int, sign: int = -1, figures: int = 0) -> sp.Expr | None:
        """``steps`` steps from ``start``; ``figures`` > 0 rounds every value but the last."""
        x: sp.Expr | None = start
        for i in range(steps):
            if figures and i and x is not None:
                x = _rounded(x, figures)
            x = None if x is None else self.step(x, sign)
        return x


def _rounded(x: sp.Expr, figures: int) -> sp.Expr:
    value = as_float(x)
    return x if value is None else sp.Float(round_sig(value, figures), DIGITS)


def _name(var: sp.Symbol, k: int) -> str:
    return text(sp.Symbol(f"{var.name}_{k}", real=True))


def newton_candidates(spec: Mapping[str, Any], given: sp.Expr) -> Iterator[Candidate]:
    var = symbol(spec["var"])
    iterates = [sp.N(number(v), DIGITS) for v in spec["iterates"]][: MAX_STEPS + 1]
    k = int(spec["asked"])
    if not 0 <= k < len(iterates):
        return
    newton = _Newton(spec["function"], var)
    if k >= 1:
        yield from _wrong_sign(newton, iterates, k, var)
    for j in sorted(range(len(iterates)), key=lambda j: (abs(j - k), j)):
        if j != k:
            yield Candidate("wrong_iterate", iterates[j], _iterate_message(var, j, k))
    if _close(given, iterates[k]):
        yield from _rounded_runs(newton, iterates, k, var)


def _wrong_sign(
    newton: _Newton, iterates: Sequence[sp.Expr], k: int, var: sp.Symbol
) -> Iterator[Candidate]:
    message = _sign_message(var, k)
    value = newton.step(iterates[k - 1], sign=+1)
    if value is not None:
        yield Candidate("newton_wrong_sign", value, message)
    if k >= 2:
        value = newton.run(iterates[0], k, sign=+1)
        if value is not None:
            yield Candidate("newton_wrong_sign", value, message)


def _rounded_runs(
    newton: _Newton, iterates: Sequence[sp.Expr], k: int, var: sp.Symbol
) -> Iterator[Candidate]:
    for figures in FIGURES:
        for j in range(1, k):
            value = newton.run(_rounded(iterates[j], figures), k - j)
            if value is not None:
                yield Candidate("rounded_too_early", value, _rounding_message(var, j, figures))
        if k >= 2:
            value = newton.run(iterates[0], k, figures=figures)
            if value is not None:
                yield Candidate("rounded_too_early", value, _rounding_message(var, 1, figures))


def _close(given: sp.Expr, expected: sp.Expr) -> bool:
    g, e = as_float(given), as_float(expected)
    return g is not None and e is not None and abs(g - e) <= CLOSE * abs(e)


def _sign_message(var: sp.Symbol, k: int) -> Callable[[], str]:
    new, old = _name(var, k), _name(var, k - 1)
    return lambda: (
        f"It looks as if the Newton step was added instead of subtracted: "
        f"{new} = {old} − f({old})/f′({old}), not {old} + f({old})/f′({old})."
    )


def _iterate_message(var: sp.Symbol, j: int, k: int) -> Callable[[], str]:
    return lambda: (
        f"That is {_name(var, j)}; the question asks for {_name(var, k)}. Count the steps "
        f"from the starting value {_name(var, 0)}."
    )


def _rounding_message(var: sp.Symbol, j: int, figures: int) -> Callable[[], str]:
    return lambda: (
        "Close, but it looks as if a value was rounded before the last step "
        f"({_name(var, j)} to {figures} significant figures): keep full accuracy in the "
        "working and round only the final answer."
    )
