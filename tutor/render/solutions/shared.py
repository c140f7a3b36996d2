"""What every family's layout uses: dispatch to nested layouts, compact partial-derivative
entries, points and function names written in the notation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.wording.multivariate import HELD_CONSTANT

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.steps.step import Step


def lay_out(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """A nested step: its family's layout, a derivation, or the engine's generic node lines."""
    from tutor.render.solutions import LAYOUTS

    if step.rule in LAYOUTS:
        LAYOUTS[step.rule](builder, step, depth)
    elif step.rule == "derivative":
        builder.derivative(step, depth)
    elif step.rule == "higher_order":
        for child in step.children:
            builder.derivative(child, depth)
    else:
        builder.node(step, depth, None)


def held_constant(builder: OutlineBuilder, step: Step) -> str:
    """'y held constant', 'y, z held constant', or '' for a function of one variable."""
    held = step.details.get("held_constant", ())
    if not held:
        return ""
    return builder.words(HELD_CONSTANT, variables=list(held))


def partial_entry(builder: OutlineBuilder, step: Step, depth: int, label: str) -> None:
    """A `partial` step as one entry of a gradient, Jacobian or Hessian: `label` = result with
    the rule named when the derivation is one rule; otherwise the derivation, indented."""
    derivation = step.children[0]
    if builder.detail == "brief":
        builder.add(depth, label, builder.notation.math(step.result), "", step.rule)
        return
    embed_partial(builder, derivation, depth, label, held_constant(builder, step))


def embed_partial(builder: OutlineBuilder, derivation: Step, depth: int, label: str, aside: str):
    """A derivation inside a partial derivative: its labels read ∂/∂x [...], not d/dx [...]."""
    before, builder.partial_labels = builder.partial_labels, True
    try:
        builder.derivative(derivation, depth, label=label, aside=aside)
    finally:
        builder.partial_labels = before


def point(builder: OutlineBuilder, at: Mapping[sp.Symbol, sp.Basic] | Sequence) -> str:
    """(1, 2): a point's coordinates in the notation's maths."""
    values = list(at.values()) if isinstance(at, Mapping) else list(at)
    return builder.notation.math(sp.Tuple(*values))


def function_name(builder: OutlineBuilder, index: int | None, base: str = "f") -> str:
    """f, or f₁, f₂, ... for the components of a vector function (index from 0)."""
    return builder.notation.symbol(base if index is None else f"{base}_{index + 1}")
