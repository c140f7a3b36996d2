"""Layouts of the week-2 solvers: partial derivatives, gradient, Jacobian, Hessian, at a point.

A Jacobian reads as in a textbook: the matrix of partials named, each entry derived on its own
line with the rule and the variables held constant, then the matrix itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.shared import (
    embed_partial,
    function_name,
    held_constant,
    lay_out,
    partial_entry,
    point,
)
from tutor.render.wording.multivariate import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def _function_line(builder: OutlineBuilder, step: Step, depth: int, name: str = "f") -> None:
    """f(x, y) = x² y, or f(x, y) = (x² y, sin(x y)) for a vector function."""
    variables = step.details.get("variables") or tuple(
        sorted(step.expr.free_symbols, key=lambda v: v.name)
    )
    expr = step.expr
    if isinstance(expr, sp.MatrixBase):
        expr = expr[0] if len(expr) == 1 else sp.Tuple(*expr)
    head = f"{builder.notation.symbol(name)}{point(builder, variables)}"
    builder.add(depth, head, builder.notation.math(expr), "", "function")


def partial_root(builder: OutlineBuilder, step: Step, depth: int) -> None:
    label = builder.notation.partial(step.expr, step.var)
    embed_partial(builder, step.children[0], depth, label, held_constant(builder, step))


def gradient(builder: OutlineBuilder, step: Step, depth: int, show_function: bool = True) -> None:
    n = builder.notation
    if show_function and depth == 0:
        _function_line(builder, step, depth)
    builder.add(depth, None, None, builder.note(step), step.rule)
    for child in step.children:
        partial_entry(builder, child, depth + 1, n.partial_of(n.symbol("f"), (child.var,)))
    builder.add(depth, _nabla(builder), n.math(sp.Tuple(*step.result)), "", step.rule)


def _nabla(builder: OutlineBuilder) -> str:
    return "∇f" if builder.notation.name == "text" else r"\nabla f"


def jacobian(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    rows, cols = step.result.shape
    if depth == 0:
        _function_line(builder, step, depth)
    builder.add(depth, None, None, builder.note(step), step.rule)
    for index, child in enumerate(step.children):
        name = function_name(builder, index // cols if rows > 1 else None)
        partial_entry(builder, child, depth + 1, n.partial_of(name, (child.var,)))
    builder.add_matrix(depth, "J", step.result, "", step.rule)
    determinant = step.details.get("determinant")
    if determinant is not None:
        note = builder.words(MESSAGES["jacobian_determinant"])
        builder.add(
            depth,
            r"\det J" if n.name == "latex" else "det J",
            n.math(determinant),
            note,
            "jacobian_determinant",
        )


def hessian(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    first, grid = step.children
    if depth == 0:
        _function_line(builder, step, depth)
    builder.add(depth, None, None, builder.note(step), step.rule)
    gradient(builder, first, depth + 1, show_function=False)
    builder.add(depth + 1, None, None, builder.words(MESSAGES["hessian_matrix"]), grid.rule)
    f = n.symbol("f")
    for entry in grid.children:
        if entry.rule == "symmetry":
            if builder.detail != "brief":
                label = n.partial_of(f, entry.details["entry"])
                mirror = n.partial_of(f, entry.details["mirror"])
                builder.add(depth + 2, label, mirror, builder.note(entry), entry.rule)
            continue
        label = n.partial_of(f, (entry.details["first"], entry.var))
        aside = builder.words(
            MESSAGES["second_partial"],
            first_label=builder.notation.inline(n.partial_of(f, (entry.details["first"],))),
            var=entry.var,
        )
        embed_partial(builder, entry.children[0], depth + 2, label, aside)
    symmetric = "hessian_symmetric" if step.details.get("symmetric") else "hessian_not_symmetric"
    builder.add_matrix(depth, "H", step.result, builder.words(MESSAGES[symmetric]), step.rule)


def at_point(builder: OutlineBuilder, step: Step, depth: int) -> None:
    inner, value = step.children
    lay_out(builder, inner, depth)
    where = point(builder, step.details["at"])
    note = builder.words(MESSAGES["at_point"], point=builder.notation.inline(where))
    name = {"jacobian": "J", "hessian": "H"}.get(inner.rule)
    if isinstance(value.result, sp.MatrixBase) and inner.rule != "gradient":
        builder.add_matrix(depth, f"{name}{where}", value.result, note, step.rule)
    else:
        shown = value.result
        if isinstance(shown, sp.MatrixBase):
            shown = sp.Tuple(*shown)
        label = f"{_nabla(builder)}{where}" if inner.rule == "gradient" else None
        builder.add(depth, label, builder.notation.math(shown), note, step.rule)


LAYOUTS: dict[str, Layout] = {
    "partial": partial_root,
    "gradient": gradient,
    "jacobian": jacobian,
    "hessian": hessian,
    "at_point": at_point,
}
