"""Linearity: the constant, identity, sum/difference, constant multiple, constant denominator.

The constant-multiple rule peels off every factor free of the variable (sympy keeps it as the
Mul's independent part). When that constant has a denominator, as in (x² + 1)/5, the step is
named as the quotient rule's constant-denominator shortcut instead.
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.rules.base import Rule, depends, register, shown_product
from tutor.steps.rules.logs import split_log_base


@register(10)
class Constant(Rule):
    id = "constant"
    title = "Constant rule"
    formula = r"\frac{d}{dx} c = 0"
    formula_text = "d/dx c = 0"
    examples = ("7", "pi", "a^2", "ln 2")

    def match(self, expr, ctx):
        return True if not depends(expr, ctx.var) else None

    def apply(self, expr, match, ctx):
        return self.step(expr, ctx, sp.Integer(0))


@register(11)
class Identity(Rule):
    id = "identity"
    title = "Derivative of the variable"
    formula = r"\frac{d}{dx} x = 1"
    formula_text = "d/dx x = 1"
    examples = ("x",)

    def match(self, expr, ctx):
        return True if expr == ctx.var else None

    def apply(self, expr, match, ctx):
        return self.step(expr, ctx, sp.Integer(1))


@register(20)
class Sum(Rule):
    id = "sum"
    title = "Sum and difference rule"
    formula = r"\frac{d}{dx}\left(f \pm g\right) = f' \pm g'"
    formula_text = "(f ± g)' = f' ± g'"
    examples = ("x^2 + 3x - 5", "sin x - cos x", "e^x + ln x + x^3")

    def match(self, expr, ctx):
        return tuple(expr.as_ordered_terms()) if isinstance(expr, sp.Add) else None

    def apply(self, expr, terms, ctx):
        children = [ctx.differentiate(term) for term in terms]
        result = sp.Add(*(child.result for child in children))
        return self.step(expr, ctx, result, children, terms=tuple(terms))


def constant_factor(expr: sp.Basic, var: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """(c, f) with expr = c·f, c free of var and not 1; None when there is no such split.

    A bare log-base quotient ln(u)/ln(b) is left whole for the log-base rule, so 3·log₂ x is
    read as 3 times log₂ x, not as (3/ln 2) times ln x.
    """
    if not isinstance(expr, sp.Mul):
        return None
    constant, rest = expr.as_independent(var, as_Add=False)
    if constant == 1 or rest == 1:
        return None
    log_base = split_log_base(constant, rest)
    if log_base is not None:
        base, other = log_base
        if other == 1:
            return None
        constant, rest = other, rest / sp.log(base)
    return constant, rest


@register(31)
class ConstantMultiple(Rule):
    id = "constant_multiple"
    title = "Constant multiple rule"
    formula = r"\frac{d}{dx}\left(c\,f\right) = c\,f'"
    formula_text = "(c f)' = c f'"
    examples = ("5x^3", "-cos x", "3 sin(2x)", "pi x^2", "a e^x")

    def match(self, expr, ctx):
        split = constant_factor(expr, ctx.var)
        if split is None or sp.fraction(split[0])[1] != 1:
            return None
        return split

    def apply(self, expr, split, ctx):
        constant, rest = split
        child = ctx.differentiate(rest)
        applied = shown_product(constant, child.result)
        return self.step(
            expr,
            ctx,
            constant * child.result,
            [child],
            constant=constant,
            function=rest,
            applied=applied,
        )


@register(32)
class ConstantDenominator(Rule):
    id = "constant_denominator"
    title = "Quotient with a constant denominator"
    formula = r"\frac{d}{dx}\frac{f}{c} = \frac{f'}{c}"
    formula_text = "(f/c)' = f'/c"
    examples = ("(x^2 + 1)/5", "x^3/6", "3 sin(x)/4", "x/ln 2")

    def match(self, expr, ctx):
        split = constant_factor(expr, ctx.var)
        if split is None:
            return None
        numerator, denominator = sp.fraction(split[0])
        if denominator == 1:
            return None
        return numerator, denominator, split[1]

    def apply(self, expr, match, ctx):
        numerator, denominator, rest = match
        top = numerator * rest
        child = ctx.differentiate(top)
        applied = sp.Mul(child.result, sp.Pow(denominator, -1, evaluate=False), evaluate=False)
        return self.step(
            expr,
            ctx,
            child.result / denominator,
            [child],
            numerator=top,
            denominator=denominator,
            applied=applied,
        )
