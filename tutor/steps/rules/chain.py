"""The chain rule, in Leibniz form, with a fresh substitution letter at each nesting level.

It matches an outer function applied to anything but the variable: f(g) for any one-argument
function (table or not: an unknown outer function is then looked up, see rules.unknown), g^n
with n constant, and a^g with a constant. The outer derivative is a step of its own with respect
to the letter (d/du sin u = cos u), the inner derivative is a full derivation in the variable, and
the result substitutes the inner expression back: cos(g)·g'.
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.rules.base import Rule, depends, register, shown_product


def split_outer_inner(expr: sp.Basic, var: sp.Symbol, letter: sp.Symbol):
    """(outer in terms of letter, inner) when expr is an outer function of a non-trivial inner."""
    if isinstance(expr, sp.Function) and len(expr.args) == 1:
        inner = expr.args[0]
        return (expr.func(letter), inner) if inner != var and depends(inner, var) else None
    if isinstance(expr, sp.Pow):
        base, exponent = expr.args
        if base != var and depends(base, var) and not depends(exponent, var):
            return sp.Pow(letter, exponent), base
        if exponent != var and depends(exponent, var) and not depends(base, var):
            return sp.Pow(base, letter), exponent
    return None


@register(70)
class Chain(Rule):
    id = "chain"
    title = "Chain rule"
    formula = r"\frac{dy}{dx} = \frac{dy}{du}\cdot\frac{du}{dx}"
    formula_text = "dy/dx = dy/du · du/dx"
    examples = (
        "sin(x^2)",
        "(x^2 + 1)^5",
        "e^(3x)",
        "sqrt(x^2 + 1)",
        "ln(cos x)",
        "sin(cos(tan x))",
        "2^(x^2)",
        "|x^2 - 1|",
        "arctan(2x)",
    )

    def match(self, expr, ctx):
        letter = ctx.letter()
        split = split_outer_inner(expr, ctx.var, letter)
        return None if split is None else (letter, *split)

    def apply(self, expr, match, ctx):
        letter, outer, inner = match
        deeper = ctx.nested()
        outer_step = deeper.with_var(letter).differentiate(outer)
        inner_step = deeper.differentiate(inner)
        outer_in_x = outer_step.result.subs(letter, inner)
        applied = shown_product(outer_in_x, inner_step.result)
        return self.step(
            expr,
            ctx,
            outer_in_x * inner_step.result,
            [outer_step, inner_step],
            substitution={letter: inner},
            letter=letter,
            outer=outer,
            inner=inner,
            outer_derivative=outer_step.result,
            applied=applied,
        )
