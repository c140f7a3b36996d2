"""The Rule interface and the ordered registry the engine dispatches through.

A rule is a class with a stable `id`, a `title`, its general `formula` (LaTeX), `examples`
(calculator-syntax strings; tests derive each one and check every step against sympy), a
`match(expr, ctx)` that returns a match object or None, and `apply(expr, match, ctx)` that builds
the Step from its children's results. Rules never call sympy.diff. `@register(priority)` adds a
rule to the registry; lower priority numbers are tried first.
"""

from __future__ import annotations

from typing import Any, ClassVar

import sympy as sp

from tutor.steps.context import Context
from tutor.steps.step import Step

RULES: list[Rule] = []


class Rule:
    id: ClassVar[str]
    title: ClassVar[str]
    formula: ClassVar[str]
    examples: ClassVar[tuple[str, ...]] = ()
    priority: int = 100

    def match(self, expr: sp.Basic, ctx: Context) -> Any | None:
        raise NotImplementedError

    def apply(self, expr: sp.Basic, match: Any, ctx: Context) -> Step:
        raise NotImplementedError

    def step(self, expr, ctx: Context, result, children=(), **details) -> Step:
        """A diff step of this rule; `details` keeps only the values that are not None."""
        kept = {key: value for key, value in details.items() if value is not None}
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
