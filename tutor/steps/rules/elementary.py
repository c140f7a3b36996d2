"""Derivatives of the elementary functions applied to the variable itself (sin x, ln x, |x|, ...).

One rule instance per row of `tutor.steps.functions.FUNCTION_TABLE`, each with its own rule id,
so a renderer can name "derivative of sine" and a test can pick every row's examples. The chain
rule (tutor.steps.rules.chain) handles the same functions applied to anything but the variable.
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.functions import FUNCTION_TABLE, FunctionRow
from tutor.steps.rules.base import Rule, add_rule

TITLES = {
    "exp": "Derivative of eˣ",
    "ln": "Derivative of the natural logarithm",
    "sin": "Derivative of sine",
    "cos": "Derivative of cosine",
    "tan": "Derivative of tangent",
    "sec": "Derivative of secant",
    "csc": "Derivative of cosecant",
    "cot": "Derivative of cotangent",
    "asin": "Derivative of arcsine",
    "acos": "Derivative of arccosine",
    "atan": "Derivative of arctangent",
    "asec": "Derivative of arcsecant",
    "acsc": "Derivative of arccosecant",
    "acot": "Derivative of arccotangent",
    "sinh": "Derivative of sinh",
    "cosh": "Derivative of cosh",
    "tanh": "Derivative of tanh",
    "sech": "Derivative of sech",
    "csch": "Derivative of csch",
    "coth": "Derivative of coth",
    "asinh": "Derivative of arsinh",
    "acosh": "Derivative of arcosh",
    "atanh": "Derivative of artanh",
    "asech": "Derivative of arsech",
    "acsch": "Derivative of arcsch",
    "acoth": "Derivative of arcoth",
    "abs": "Derivative of the absolute value",
}

# Calculator-syntax examples: the bare function, and one use inside a larger expression.
EXAMPLE_NAMES = {"exp": "e^x", "ln": "ln x", "abs": "|x|"}


class ElementaryFunction(Rule):
    def __init__(self, row: FunctionRow):
        self.row = row
        self.id = row.rule
        self.title = TITLES[row.rule]
        name = EXAMPLE_NAMES.get(row.rule, f"{row.rule}(x)")
        self.examples = (name, f"3 {name}")

    @property
    def formula(self) -> str:  # type: ignore[override]
        from tutor.notation import to_latex

        f, derivative = self._general_form()
        return rf"\frac{{d}}{{dx}} {to_latex(f)} = {to_latex(derivative)}"

    @property
    def formula_text(self) -> str:  # type: ignore[override]
        from tutor.notation import to_text

        f, derivative = self._general_form()
        return f"d/dx {to_text(f)} = {to_text(derivative)}"

    def _general_form(self) -> tuple[sp.Expr, sp.Expr]:
        x = sp.Symbol("x", real=True)
        return self.row.func(x), self.row.derivative(x)

    def match(self, expr, ctx):
        if isinstance(expr, self.row.func) and expr.args == (ctx.var,):
            return True
        return None

    def apply(self, expr, match, ctx):
        condition = self.row.condition(ctx.var) if self.row.condition else None
        return self.step(expr, ctx, self.row.derivative(ctx.var), condition=condition)


for _row in FUNCTION_TABLE.values():
    add_rule(ElementaryFunction(_row), 60)
