"""Powers, products and quotients: the power, product (n-ary), quotient and reciprocal rules.

sympy has no Div node: x/(x+1) is Mul(x, Pow(x+1, -1)). The written form decides: factors raised
to a negative number form the denominator, everything else the numerator (so x·e^(−x) stays a
product). A quotient with a constant numerator uses the reciprocal shortcut (1/g)' = −g'/g².
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.rules.base import Rule, depends, positive_condition, register, shown_product


def written_fraction(expr: sp.Mul) -> tuple[list[sp.Expr], list[sp.Expr]]:
    """Numerator and denominator factors of a product as a student would write it."""
    numerator, denominator = [], []
    for factor in sp.Mul.make_args(expr):
        if isinstance(factor, sp.Pow) and factor.exp.is_number and factor.exp.is_negative:
            denominator.append(sp.Pow(factor.base, -factor.exp))
        else:
            numerator.append(factor)
    return numerator, denominator


def power_kind(exponent: sp.Expr) -> str:
    if exponent.is_Rational and not exponent.is_Integer:
        return "root" if exponent.p == 1 and exponent.q in (2, 3) else "fractional"
    if exponent.is_negative:
        return "negative"
    return "integer" if exponent.is_Integer else "constant"


@register(40)
class Power(Rule):
    id = "power"
    title = "Power rule"
    formula = r"\frac{d}{dx} x^{n} = n\,x^{n-1}"
    formula_text = "d/dx xⁿ = n xⁿ⁻¹"
    examples = ("x^5", "x^-2", "1/x^3", "sqrt(x)", "cbrt(x)", "x^(3/2)", "x^a")

    def match(self, expr, ctx):
        if isinstance(expr, sp.Pow) and expr.base == ctx.var and not depends(expr.exp, ctx.var):
            return expr.exp
        return None

    def apply(self, expr, exponent, ctx):
        result = exponent * ctx.var ** (exponent - 1)
        lowered = sp.Add(exponent, -1, evaluate=False)  # n − 1, shown before it is worked out
        applied = shown_product(exponent, sp.Pow(ctx.var, lowered, evaluate=False))
        return self.step(
            expr,
            ctx,
            result,
            exponent=exponent,
            kind=power_kind(exponent),
            applied=applied,
            condition=None if exponent.is_integer else positive_condition(ctx.var),
        )


@register(41)
class Reciprocal(Rule):
    id = "reciprocal"
    title = "Reciprocal rule (quotient rule with a constant numerator)"
    formula = r"\frac{d}{dx}\frac{1}{g} = -\frac{g'}{g^{2}}"
    formula_text = "(1/g)' = −g'/g²"
    examples = ("1/(x^2 + 1)", "1/(1 + e^(-x))", "1/(x sin x)", "1/ln x")

    def match(self, expr, ctx):
        if isinstance(expr, sp.Pow) and expr.exp == -1 and expr.base != ctx.var:
            return expr.base if depends(expr.base, ctx.var) else None
        if isinstance(expr, sp.Mul):
            numerator, denominator = written_fraction(expr)
            if not numerator and len(denominator) > 1:
                return sp.Mul(*denominator)
        return None

    def apply(self, expr, denominator, ctx):
        child = ctx.differentiate(denominator)
        result = -child.result / denominator**2
        applied = shown_product(
            -1, child.result, sp.Pow(sp.Pow(denominator, 2, evaluate=False), -1, evaluate=False)
        )
        return self.step(expr, ctx, result, [child], denominator=denominator, applied=applied)


@register(42)
class Quotient(Rule):
    id = "quotient"
    title = "Quotient rule"
    formula = r"\frac{d}{dx}\frac{f}{g} = \frac{f'\,g - f\,g'}{g^{2}}"
    formula_text = "(f/g)' = (f' g − f g')/g²"
    examples = ("x/(x + 1)", "sin x / x", "(x^2 + 1)/(x - 1)", "e^x/x^2", "ln x / x")

    def match(self, expr, ctx):
        if not isinstance(expr, sp.Mul):
            return None
        numerator, denominator = written_fraction(expr)
        if numerator and denominator:
            return sp.Mul(*numerator), sp.Mul(*denominator)
        return None

    def apply(self, expr, match, ctx):
        top, bottom = match
        top_step, bottom_step = ctx.differentiate(top), ctx.differentiate(bottom)
        df, dg = top_step.result, bottom_step.result
        result = (df * bottom - top * dg) / bottom**2
        numerator = sp.Add(shown_product(df, bottom), shown_product(-1, top, dg), evaluate=False)
        applied = sp.Mul(
            numerator, sp.Pow(sp.Pow(bottom, 2, evaluate=False), -1, evaluate=False), evaluate=False
        )
        return self.step(
            expr,
            ctx,
            result,
            [top_step, bottom_step],
            numerator=top,
            denominator=bottom,
            applied=applied,
        )


@register(43)
class Product(Rule):
    id = "product"
    title = "Product rule"
    formula = r"\frac{d}{dx}\left(f\,g\right) = f'\,g + f\,g'"
    formula_text = "(f g)' = f' g + f g'"
    examples = ("x^2 sin x", "x e^x", "x^2 e^x sin x", "sin x cos x", "x ln x", "x e^(-x)")

    def match(self, expr, ctx):
        if isinstance(expr, sp.Mul) and len(expr.args) > 1:
            return tuple(expr.as_ordered_factors())  # f, g, ... in the order they are printed
        return None

    def apply(self, expr, factors, ctx):
        children = [ctx.differentiate(factor) for factor in factors]
        terms, shown = [], []
        for index, child in enumerate(children):
            pieces = [child.result if i == index else f for i, f in enumerate(factors)]
            terms.append(sp.Mul(*pieces))
            shown.append(shown_product(*pieces))
        return self.step(
            expr,
            ctx,
            sp.Add(*terms),
            children,
            factors=tuple(factors),
            applied=sp.Add(*shown, evaluate=False),
        )
