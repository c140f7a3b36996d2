"""The Rule interface and the ordered registry the engine dispatches through.

A rule is a class with a stable `id`, a `title`, its general `formula` (LaTeX, and
`formula_text` in Unicode), `examples` (calculator-syntax strings; tests derive each one and
check every step against sympy), a `match(expr, ctx)` that returns a match object or None, and
`apply(expr, match, ctx)` that builds the Step from its children's results. Rules never call
sympy.diff. `@register(priority)` adds a rule to the registry; lower numbers are tried first.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from tutor.steps.conditions import gather
from tutor.steps.context import Context
from tutor.steps.step import Step

RULES: list[Rule] = []


class Rule:
    id: str
    title: str
    formula: str  # LaTeX
    formula_text: str  # Unicode, for the terminal
    examples: tuple[str, ...] = ()
    priority: int = 100

    def match(self, expr: sp.Basic, ctx: Context) -> Any | None:
        raise NotImplementedError

    def apply(self, expr: sp.Basic, match: Any, ctx: Context) -> Step:
        raise NotImplementedError

    def step(self, expr, ctx: Context, result, children=(), substitution=None, **details) -> Step:
        """A diff step of this rule. `details` keeps only the values that are not None, and
        gains `conditions`: where the step holds, its own and its children's (tutor.steps.
        conditions), with `substitution` applied to them (the chain rule's u -> inner)."""
        kept = {key: value for key, value in details.items() if value is not None}
        conditions = gather(details.get("condition"), children, substitution)
        if conditions:
            kept["conditions"] = conditions
        return Step(self.id, expr, ctx.var, result, tuple(children), "diff", kept)


def add_rule(rule: Rule, priority: int) -> Rule:
    rule.priority = priority
    RULES.append(rule)
    RULES.sort(key=lambda item: item.priority)
    return rule


def register(priority: int):
    """Class decorator: one instance of the rule joins the registry at `priority`."""

    def add(cls: type[Rule]) -> type[Rule]:
        add_rule(cls(), priority)
        return cls

    return add


def depends(expr: sp.Basic, var: sp.Symbol) -> bool:
    return var in expr.free_symbols


def positive_condition(expr: sp.Expr) -> sp.Basic | None:
    """The condition expr > 0 under which a rule holds, or None when it is already known to be
    true, or is not a real statement at all (a complex constant base)."""
    if expr.is_positive or expr.is_extended_real is False:
        return None
    try:
        condition = sp.Gt(expr, 0)
    except TypeError:  # sympy refuses to order a non-real value
        return None
    return None if condition in (sp.true, sp.false) else condition


def _shown_factors(factor: sp.Expr, first: bool) -> tuple[sp.Expr, ...]:
    """A plain product such as 2x splits into its factors; a fraction stays whole, and so does a
    negative product unless it leads: −sin v · sec² x, but cos u · (−sin v · sec² x)."""
    if not isinstance(factor, sp.Mul):
        return (factor,)
    if any(part.is_Pow and part.exp.is_negative for part in factor.args):
        return (factor,)
    if factor.could_extract_minus_sign() and not first:
        return (factor,)
    return factor.args


def shown_product(*factors: sp.Expr) -> sp.Expr:
    """factors multiplied as written, without evaluating: 2x · sin x, not (2x)·sin x or 2x sin x.

    Products among the factors are flattened and factors of 1 dropped, so a rule's applied form
    reads as a teacher writes it; sympy's automatic evaluation would merge or reorder them.
    """
    flat = [
        part
        for index, factor in enumerate(factors)
        for part in _shown_factors(factor, first=index == 0)
        if part != 1
    ]
    if not flat:
        return sp.Integer(1)
    return flat[0] if len(flat) == 1 else sp.Mul(*flat, evaluate=False)
