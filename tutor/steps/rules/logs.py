"""Logarithms and exponentials with a base: log_b u, a^x, and logarithmic differentiation.

sympy has no log-with-base node: log(x, 10) is stored as ln(x)·(1/ln 10). The log-base rule
recognises that product, so the base the student wrote is kept and the 1/ln b factor explained.
Logarithmic differentiation handles f(x)^g(x), where neither the power rule nor the exponential
rule applies (the classic silent error is to use one of them anyway).
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.rules.base import Rule, depends, positive_condition, register, shown_product


def log_base_of(factor: sp.Basic) -> sp.Expr | None:
    """b when `factor` is 1/ln b with b a constant that can be a base (not known to be <= 0)."""
    if isinstance(factor, sp.Pow) and factor.exp == -1 and isinstance(factor.base, sp.log):
        base = factor.base.args[0]
        if (base.is_number or base.is_Symbol) and base.is_nonpositive is not True:
            return base
    return None


def split_log_base(constant: sp.Expr, rest: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(b, k) when constant·rest = k·log_b(u): rest is ln u and constant has a 1/ln b factor."""
    if not isinstance(rest, sp.log):
        return None
    for factor in sp.Mul.make_args(constant):
        base = log_base_of(factor)
        if base is not None:
            return base, constant / factor
    return None


@register(30)
class LogBase(Rule):
    id = "log_base"
    title = "Logarithm with base b"
    formula = r"\frac{d}{dx}\log_b x = \frac{1}{x \ln b}"
    formula_text = "d/dx log_b x = 1/(x ln b)"
    examples = ("log(x, 10)", "log_2 x", "log_2(x^2 + 1)", "3 log(x, 5)")

    def match(self, expr, ctx):
        if not isinstance(expr, sp.Mul):
            return None
        constant, rest = expr.as_independent(ctx.var, as_Add=False)
        split = split_log_base(constant, rest)
        if split is None or split[1] != 1:
            return None
        return split[0], rest

    def apply(self, expr, match, ctx):
        base, natural_log = match
        child = ctx.differentiate(natural_log)
        result = child.result / sp.log(base)
        applied = shown_product(sp.Pow(sp.log(base), -1, evaluate=False), child.result)
        return self.step(
            expr,
            ctx,
            result,
            [child],
            base=base,
            argument=natural_log.args[0],
            natural_log=natural_log,
            applied=applied,
        )


@register(50)
class Exponential(Rule):
    id = "exponential"
    title = "Exponential with base a"
    formula = r"\frac{d}{dx} a^{x} = a^{x} \ln a"
    formula_text = "d/dx aˣ = aˣ ln a"
    examples = ("2^x", "10^x", "a^x", "(1/2)^x")

    def match(self, expr, ctx):
        if isinstance(expr, sp.Pow) and expr.exp == ctx.var and not depends(expr.base, ctx.var):
            return expr.base
        return None

    def apply(self, expr, base, ctx):
        return self.step(
            expr, ctx, expr * sp.log(base), base=base, condition=positive_condition(base)
        )


@register(55)
class LogDifferentiation(Rule):
    id = "log_differentiation"
    title = "Logarithmic differentiation"
    formula = r"y = f^{g}:\ \ln y = g \ln f,\ \frac{y'}{y} = \left(g \ln f\right)'"
    formula_text = "y = f^g: ln y = g ln f, y'/y = (g ln f)'"
    examples = ("x^x", "x^(sin x)", "(sin x)^x", "(x^2 + 1)^x", "x^(1/x)")

    def match(self, expr, ctx):
        if isinstance(expr, sp.Pow) and depends(expr.base, ctx.var) and depends(expr.exp, ctx.var):
            return expr.base, expr.exp
        return None

    def apply(self, expr, match, ctx):
        base, exponent = match
        log_form = exponent * sp.log(base)
        child = ctx.differentiate(log_form)
        return self.step(
            expr,
            ctx,
            expr * child.result,
            [child],
            base=base,
            exponent=exponent,
            log_form=log_form,
            log_derivative=child.result,
            condition=positive_condition(base),
        )
