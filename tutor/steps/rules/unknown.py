"""The explicit fallback: anything outside the catalogue (erf, gamma, f(x), Max, ...).

The result is sympy's table entry for that function, labelled as a lookup rather than derived,
so the tree stays correct and honest: never a crash, never an invented rule. If even sympy has no
entry, the derivative is left unevaluated as d/dx f, which is still true.
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.rules.base import Rule, register


@register(1000)
class Unknown(Rule):
    id = "unknown"
    title = "Table lookup (no rule in this tutor)"
    formula = r"\frac{d}{dx} f(x) = f'(x)"
    formula_text = "d/dx f(x) = f'(x)"
    examples = ()

    def match(self, expr, ctx):
        return True

    def apply(self, expr, match, ctx):
        try:
            result = sp.diff(expr, ctx.var)  # a lookup, labelled as such: not a derivation
        except Exception:  # sympy cannot differentiate it either: keep the honest form
            result = sp.Derivative(expr, ctx.var)
        return self.step(expr, ctx, result, lookup=True)
