"""The engine: dispatch each expression to the first rule that matches; build whole derivations.

`derive(expr, var, order, first_principles)` returns a root Step:
- order 1: rule `derivative` whose children are the rule tree and, when the form changes, the
  simplification phase (tutor.steps.simplify); its result is the final, simplified answer;
- order n: rule `higher_order` (kind `sequence`), one `derivative` child per order, each
  differentiating the previous child's final answer.
Nothing here calls sympy.diff: only the explicit `unknown` rule looks a derivative up.
"""

from __future__ import annotations

import sympy as sp

from tutor.steps.conditions import gather
from tutor.steps.context import Context
from tutor.steps.rules import RULES
from tutor.steps.simplify import simplification_phase
from tutor.steps.step import Step


def differentiate(expr: sp.Basic, ctx: Context) -> Step:
    """The derivation of one expression: the first registered rule that matches builds it."""
    for rule in RULES:
        match = rule.match(expr, ctx)
        if match is not None:
            return rule.apply(expr, match, ctx)
    raise AssertionError("the unknown rule matches everything")  # pragma: no cover


def rule_tree(expr: sp.Basic, var: sp.Symbol) -> Step:
    """The raw derivation, before the simplification phase."""
    return differentiate(expr, Context.for_expression(expr, var, differentiate))


def derive_once(expr: sp.Basic, var: sp.Symbol, first_principles: bool = False) -> Step:
    if first_principles:
        from tutor.steps.first_principles import derive_from_first_principles

        tree = derive_from_first_principles(expr, var)
    else:
        tree = rule_tree(expr, var)
    children = [tree]
    result = tree.result
    simplification = simplification_phase(result, var)
    if simplification is not None:
        children.append(simplification)
        result = simplification.result
    details = {"order": 1, "conditions": gather(None, [tree])}
    return Step("derivative", expr, var, result, tuple(children), "diff", details)


def derive(expr: sp.Basic, var: sp.Symbol, order: int = 1, first_principles: bool = False) -> Step:
    if order < 1:
        raise ValueError(f"order must be 1 or more, not {order}")
    if first_principles and order != 1:
        raise ValueError("first principles gives the first derivative only: use order 1")
    if order == 1:
        return derive_once(expr, var, first_principles)
    orders, current = [], expr
    for _ in range(order):
        step = derive_once(current, var)
        orders.append(step)
        current = step.result
    details = {"order": order, "conditions": gather(None, orders)}
    return Step("higher_order", expr, var, current, tuple(orders), "sequence", details)
