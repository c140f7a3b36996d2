"""Mistakes in an antiderivative (kind ``antiderivative``; the caller's ``same`` allows +C).

``antiderivative_candidates(expected, var)`` yields: for each term with an inside ax + b (a a
number other than ±1) of a function, exponential or power, the term times a (the 1/a of the
reverse chain rule forgotten) and times a² (multiplied by a instead of divided)
(``reverse_chain_factor``); the derivative of the integrand, f′ = F″, instead of F
(``differentiated_instead_of_integrated``); the answer negated (``sign_error``). To add a model,
write a generator and chain it in ``antiderivative_candidates``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sympy as sp

from tutor.answers.mistakes.base import Candidate, factor_text, text
from tutor.answers.mistakes.generic import negation

MAX_TERMS = 8


def antiderivative_candidates(expected: sp.Expr, var: sp.Symbol) -> Iterator[Candidate]:
    yield from _reverse_chain(expected, var)
    integrand = sp.diff(expected, var)
    yield Candidate(
        "differentiated_instead_of_integrated", sp.diff(integrand, var), _differentiated_message
    )
    yield from negation(expected)


def _linear_slope(inner: sp.Expr, var: sp.Symbol) -> sp.Expr | None:
    """a for an inside a·x + b with a a number other than ±1, else None."""
    if var not in inner.free_symbols or inner == var:
        return None
    slope = sp.diff(inner, var)
    if not slope.is_number or slope in (1, -1) or slope == 0:
        return None
    return None if var in (inner - slope * var).free_symbols else slope


def _insides(term: sp.Expr, var: sp.Symbol) -> Iterator[tuple[sp.Expr, sp.Expr]]:
    """(inside, slope) for each linear inside in the term, outermost first, no repeats."""
    seen: set[sp.Expr] = set()
    for node in sp.preorder_traversal(term):
        if isinstance(node, sp.Pow):
            insides = (node.base, node.exp)
        elif isinstance(node, sp.Function) and len(node.args) == 1:
            insides = node.args
        else:
            continue
        for inside in insides:
            slope = _linear_slope(inside, var)
            if slope is not None and inside not in seen:
                seen.add(inside)
                yield inside, slope


def _reverse_chain(expected: sp.Expr, var: sp.Symbol) -> Iterator[Candidate]:
    for term in sp.Add.make_args(expected)[:MAX_TERMS]:
        for inside, a in _insides(term, var):
            yield Candidate(
                "reverse_chain_factor", expected + term * (a - 1), _forgot_message(inside, a)
            )
            yield Candidate(
                "reverse_chain_factor", expected + term * (a**2 - 1), _multiplied_message(inside, a)
            )
            break


def _forgot_message(inside: sp.Expr, a: sp.Expr) -> Callable[[], str]:
    return lambda: (
        f"It looks as if the factor 1/{factor_text(a)} is missing: the inside {text(inside)} has "
        f"derivative {text(a)}, so integrating divides by {text(a)} (check by differentiating)."
    )


def _multiplied_message(inside: sp.Expr, a: sp.Expr) -> Callable[[], str]:
    return lambda: (
        f"It looks as if you multiplied by {text(a)} instead of dividing: the inside "
        f"{text(inside)} has derivative {text(a)}, so integrating divides by {text(a)}."
    )


def _differentiated_message() -> str:
    return (
        "It looks as if you differentiated instead of integrating: the answer F must satisfy "
        "F′ = the integrand (check by differentiating your answer)."
    )
