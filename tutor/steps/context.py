"""What a rule needs to know besides the expression: the variable, fresh letters, recursion.

A Context is passed down the derivation. It names the variable of differentiation, the symbol
names already taken (so substitution letters never collide with the expression's own), and the
chain-rule nesting depth, which picks the letter: u at the first level, v inside it, then w,
u₁, u₂, ...
Sibling chains (two factors of a product) reuse the same letter, as a teacher would; nested
chains never do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import count
from typing import TYPE_CHECKING

import sympy as sp

if TYPE_CHECKING:
    from tutor.steps.step import Step

BASE_LETTERS = ("u", "v", "w")


def letter_names():
    """u, v, w, u_1, u_2, ... (rendered u₁, u₂): the substitution letters in order of use."""
    yield from BASE_LETTERS
    for index in count(1):
        yield f"u_{index}"


@dataclass(frozen=True)
class Context:
    var: sp.Symbol
    taken: frozenset[str]
    dispatch: Callable[[sp.Basic, Context], Step] = field(compare=False, repr=False)
    depth: int = 0

    @classmethod
    def for_expression(cls, expr: sp.Basic, var: sp.Symbol, dispatch) -> Context:
        names = {symbol.name for symbol in expr.free_symbols} | {var.name}
        return cls(var=var, taken=frozenset(names), dispatch=dispatch)

    def differentiate(self, expr: sp.Basic) -> Step:
        return self.dispatch(expr, self)

    def letter(self) -> sp.Symbol:
        """The substitution letter for a chain rule applied at this depth."""
        free = (name for name in letter_names() if name not in self.taken)
        for _ in range(self.depth):
            next(free)
        return sp.Symbol(next(free), real=True)

    def nested(self) -> Context:
        return replace(self, depth=self.depth + 1)

    def with_var(self, var: sp.Symbol) -> Context:
        return replace(self, var=var)
