"""Mistakes in a Taylor polynomial, from the context ``taylor = {function, var, about, order}``.

``taylor_candidates`` yields: the polynomial without the 1/k! factors (``missing_factorial``); the
expansion about 0 instead of ``about``, and the right coefficients on powers of x instead of
(x − a) (``taylor_wrong_centre``); one term too few or too many (``taylor_wrong_order``).
Derivatives are taken once, up to order + 1 (MAX_ORDER bounds the work). To add a model, build
its polynomial from ``_Expansion`` and yield it with a tag from MISTAKE_TAGS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import sympy as sp

from tutor.answers.mistakes.base import Candidate, is_finite, number, symbol, text

MAX_ORDER = 10


class _Expansion:
    def __init__(self, function: sp.Expr, var: sp.Symbol, about: sp.Expr, order: int) -> None:
        self.var, self.about, self.order = var, about, order
        self.derivatives = [function]
        for _ in range(order + 1):
            self.derivatives.append(sp.diff(self.derivatives[-1], var))

    def at(self, point: sp.Expr) -> list[sp.Expr]:
        return [d.subs(self.var, point) for d in self.derivatives]

    def polynomial(
        self, values: list[sp.Expr], centre: sp.Expr, last: int, factorial: bool = True
    ) -> sp.Expr:
        t = self.var - centre
        return sp.Add(
            *(values[k] * t**k / (sp.factorial(k) if factorial else 1) for k in range(last + 1))
        )


def taylor_candidates(spec: Mapping[str, Any]) -> Iterator[Candidate]:
    order = int(spec["order"])
    if not 0 <= order <= MAX_ORDER:
        return
    var = symbol(spec["var"])
    about = number(spec.get("about", 0))
    taylor = _Expansion(spec["function"], var, about, order)
    at_a = taylor.at(about)
    t = text(var - about) if about == 0 else f"({text(var - about)})"
    if order >= 2:
        value = taylor.polynomial(at_a, about, order, factorial=False)
        yield Candidate("missing_factorial", value, _factorial_message(t, text(about)))
    if about != 0:
        yield from _centre_candidates(taylor, at_a, var, about)
    for last in (order - 1, order + 1):
        if last >= 0:
            value = taylor.polynomial(at_a, about, last)
            yield Candidate("taylor_wrong_order", value, _order_message(var, about, order))


def _centre_candidates(
    taylor: _Expansion, at_a: list[sp.Expr], var: sp.Symbol, about: sp.Expr
) -> Iterator[Candidate]:
    at_0 = taylor.at(sp.S.Zero)
    if all(is_finite(v) for v in at_0[: taylor.order + 1]):
        value = taylor.polynomial(at_0, sp.S.Zero, taylor.order)
        yield Candidate("taylor_wrong_centre", value, _centre_message(var, about))
    value = taylor.polynomial(at_a, sp.S.Zero, taylor.order)
    yield Candidate("taylor_wrong_centre", value, _unshifted_message(var, about))


def _factorial_message(t: str, a: str) -> Callable[[], str]:
    return lambda: (
        "It looks as if the factorials are missing: the Taylor term of order k is "
        f"f⁽ᵏ⁾({a})·{t}ᵏ/k!, so divide each coefficient by k!."
    )


def _centre_message(var: sp.Symbol, about: sp.Expr) -> Callable[[], str]:
    return lambda: (
        f"It looks as if you expanded about 0 instead of {text(var)} = {text(about)}: "
        f"evaluate the derivatives at {text(about)} and use powers of ({text(var - about)})."
    )


def _unshifted_message(var: sp.Symbol, about: sp.Expr) -> Callable[[], str]:
    return lambda: (
        f"The coefficients are right, but the powers should be of ({text(var - about)}), not "
        f"{text(var)}: the expansion is about {text(var)} = {text(about)}."
    )


def _order_message(var: sp.Symbol, about: sp.Expr, order: int) -> Callable[[], str]:
    last = text((var - about) ** order) if order else "the constant term"
    return lambda: (
        f"Check where to stop: the Taylor polynomial of order {order} has terms up to {last}, "
        "no more and no fewer."
    )
