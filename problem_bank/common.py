"""What the generators share: the variables, drawing nice coefficients, and the drafts of the
common problem shapes (differentiate f; a value at a point)."""

from __future__ import annotations

import sympy as sp

from problem_bank.draw import Draw
from problem_bank.registry import Draft
from tutor.problem import AnswerSpec
from tutor.steps import derive

X, Y, Z, T = (sp.Symbol(name, real=True) for name in "xyzt")

DIFFERENTIATE = "Differentiate {f} with respect to {x}."


def coefficient(draw: Draw, largest: int = 9, positive: bool = False) -> int:
    """A nonzero whole number up to `largest` in size (never 0; 1 is allowed, sympy prints x)."""
    return draw.integer(1, largest) if positive else draw.nonzero(-largest, largest)


def linear(draw: Draw, var: sp.Symbol = X, largest: int = 6) -> sp.Expr:
    """a x + b with a, b nonzero."""
    return coefficient(draw, largest) * var + coefficient(draw, largest)


def polynomial(
    draw: Draw, degree: int, var: sp.Symbol = X, largest: int = 6, terms: int | None = None
) -> sp.Expr:
    """A polynomial of exactly `degree` with `terms` nonzero terms (the leading one included)."""
    terms = terms or degree + 1
    powers = [degree, *draw.sample(range(degree), min(terms - 1, degree))]
    return sp.Add(*(coefficient(draw, largest) * var**p for p in powers))


def derivative_draft(
    f: sp.Expr, var: sp.Symbol = X, *, first_principles: bool = False, prompt: str = DIFFERENTIATE
) -> Draft:
    """Differentiate f: the engine's derivation is the solution, its result the answer."""
    solution = derive(f, var, first_principles=first_principles)
    answer = AnswerSpec(
        "expr",
        solution.result,
        (var.name,),
        context={"function": f, "var": var.name},
    )
    return Draft(prompt, {"f": f, "x": var}, answer, solution, (f,), 1)
