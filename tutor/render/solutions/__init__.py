"""How each solver's Step tree is laid out: rule id -> layout function, one module per family.

A layout is `layout(builder, step, depth)`: it adds blocks to the OutlineBuilder
(tutor.render.outline) with `add`, `add_matrix`, `add_table`, embeds derivations with
`builder.derivative(...)` or `partial_entry(...)`, and takes every sentence from the wording table
(tutor.render.wording) through `builder.note(step)` or `builder.words(template, ...)`.
`tutor.render.outline.outline` dispatches a root whose rule is in LAYOUTS here; layouts call
`lay_out(builder, child, depth)` for nested solver steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.render.solutions import (
    chain,
    critical,
    descent,
    directional,
    iteration,
    lagrange,
    multivariate,
    regression,
    systems,
    taylor,
)

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.steps.step import Step

Layout = Callable[["OutlineBuilder", "Step", int], None]

LAYOUTS: dict[str, Layout] = {}
for _family in (
    multivariate,
    directional,
    chain,
    taylor,
    iteration,
    descent,
    systems,
    critical,
    lagrange,
    regression,
):
    LAYOUTS.update(_family.LAYOUTS)
