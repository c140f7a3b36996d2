"""Models that need no problem context: a sign error (the whole answer negated, or one term of a
sum with its sign flipped).

They run last for expression answers, so that a more specific model (a missing chain factor that
happens to negate the answer) names the mistake first. To add a context-free model, write a
generator here and chain it in ``find.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sympy as sp

from tutor.answers.mistakes.base import Candidate, text

MAX_TERMS = 8  # terms of a sum tried one at a time


def term_flips(sums: Iterable[sp.Expr]) -> Iterator[Candidate]:
    """Each sum with one of its terms negated (the first MAX_TERMS distinct terms in all)."""
    seen: set[sp.Expr] = set()
    for total in sums:
        terms = sp.Add.make_args(total)
        if len(terms) < 2:
            continue
        for term in terms:
            if term in seen or len(seen) >= MAX_TERMS:
                continue
            seen.add(term)
            yield Candidate("sign_error", total - 2 * term, _term_message(term))


def negation(expected: sp.Expr) -> Iterator[Candidate]:
    if expected != 0:
        yield Candidate("sign_error", -expected, _negation_message)


def _term_message(term: sp.Expr):
    return lambda: (
        f"Check the signs: the term {text(term)} has the wrong sign in your answer "
        f"(you have {text(-term)})."
    )


def _negation_message() -> str:
    return "Your answer is the negative of the correct one: check the signs, one step at a time."
