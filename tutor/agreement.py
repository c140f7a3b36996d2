"""Does a derivation's final answer agree with sympy's own derivative? The statement we print.

The engine never calls sympy.diff to compute; this module calls it afterwards, to state to the
reader that the textbook form equals sympy's. The comparison is the answer checker's
(tutor.answers.equivalence): a cheap proof, else seeded 30-digit points inside the real domain,
so forms that differ by identities (sec² = 1 + tan², |x| = √(x²)) are "equal at N points".
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from tutor.answers.equivalence import equivalent


@dataclass(frozen=True)
class Agreement:
    agrees: bool
    how: str  # "proved equal", "equal at N points", or where they differ


def agreement(expr: sp.Basic, var: sp.Symbol, result: sp.Basic, order: int = 1) -> Agreement:
    reference = sp.diff(expr, var, order)
    found = equivalent(reference, result, [var])
    return Agreement(found.relation in ("equal", "equal_where_both_defined"), found.certainty)
