"""Layout of the week-2 directional derivative (tutor.solvers.directional.directional_derivative).

The function and the direction v, then the gradient derived entry by entry
(tutor.render.solutions.multivariate.gradient), the unit vector û = v/|v| with |v| worked out,
the dot product ∇f · û written term by term, and the answer (at the point, when one is given).
Floats are shown to the steps' details["digits"]; every sentence comes from
tutor/render/wording/multivariate.py. Its LAYOUTS are merged in tutor.render.solutions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.multivariate import (
    bracket,
    function_line,
    gradient,
    point,
    point_note,
    uses_latex,
    vector,
    written_name,
)
from tutor.render.wording.multivariate import PHRASES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def directional(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    first, unit, dot, *value = step.children
    if depth == 0:
        function_line(builder, first, depth)
        v = vector(builder, step.details["direction"])
        builder.add(depth, n.symbol("v"), v, builder.words(PHRASES["direction"]), "direction")
    if builder.detail != "brief":
        builder.add(depth, None, None, builder.note(step), step.rule)
    gradient(builder, first, depth + 1, show_function=False)
    _unit_vector(builder, unit, depth + 1)
    names = [written_name(builder, key) for key in ("directional", "nabla", "dot", "unit")]
    dot_label = "{} = {} {} {}".format(*names)
    written = n.math(_dot_written(first, unit, dot), written=True)
    rhs = f"{written} = {n.math(_rounded(dot.result, dot))}"
    note = builder.note(dot) if builder.detail != "brief" else ""
    builder.add(depth + 1, dot_label, rhs, note, dot.rule)
    label, answer = written_name(builder, "directional"), _rounded(dot.result, dot)
    if value:
        label += point(builder, step.details["at"])
        answer = value[0].result
    note = point_note(builder, step) if value else ""
    builder.add(depth, label, n.math(answer), note, step.rule)


def _dot_written(first: Step, unit: Step, dot: Step) -> sp.Basic:
    """∂f/∂x·û₁ + ∂f/∂y·û₂ as the solver wrote it, its floats rounded for display."""
    digits = dot.details.get("digits")
    if digits is None:
        return dot.expr
    terms = [
        sp.Mul(g, sp.N(u, digits), evaluate=False)
        for g, u in zip(first.result, unit.result, strict=True)
    ]
    return sp.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]


def _unit_vector(builder: OutlineBuilder, unit: Step, depth: int) -> None:
    """|v| = √(3² + 4²) = 5, then û = v/|v| = (3, 4)/5 = (3/5, 4/5)."""
    n = builder.notation
    norm, size = unit.children[0], unit.details["norm"]
    if builder.detail != "brief":
        rhs = f"{n.math(norm.expr, written=True)} = {n.math(_rounded(size, norm))}"
        builder.add(depth, written_name(builder, "norm"), rhs, builder.note(norm), norm.rule)
    shown = vector(builder, _rounded(unit.result, unit))
    if unit.details.get("already_unit"):
        formula = n.inline(f"{written_name(builder, 'norm')} = 1")
        note = builder.words(PHRASES["already_unit"], formula=formula)
        builder.add(depth, written_name(builder, "unit"), shown, note, unit.rule)
        return
    if builder.detail == "brief":
        builder.add(depth, written_name(builder, "unit"), shown, "", unit.rule)
        return
    direction = vector(builder, unit.details["direction"])
    if "digits" in unit.details:
        divided = ""
    elif uses_latex(builder):
        divided = rf"\frac{{1}}{{{n.math(size)}}}{direction} = "
    else:
        divisor = bracket(builder, n.math(size)) if size.is_Mul or size.is_Add else n.math(size)
        divided = f"{direction}/{divisor} = "
    rhs = f"{written_name(builder, 'quotient')} = {divided}{shown}"
    builder.add(depth, written_name(builder, "unit"), rhs, builder.note(unit), unit.rule)


def _rounded(value: sp.Basic, step: Step) -> sp.Basic:
    """Floats shown to the step's details["digits"]; exact values as they are."""
    digits = step.details.get("digits")
    if digits is None:
        return value
    if isinstance(value, sp.Tuple):
        return sp.Tuple(*(sp.N(entry, digits) for entry in value))
    return sp.N(value, digits)


LAYOUTS: dict[str, Layout] = {"directional_derivative": directional}
