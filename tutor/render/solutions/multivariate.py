"""Layouts of the week-2 solvers: partial derivatives, gradient, Jacobian, Hessian, values at a
point. The directional derivative's layout is in tutor.render.solutions.directional, which uses
the writing helpers here (`function_line`, `vector`, `point`, `written_name`, `point_note`).

They read like a textbook (../shared/EXAMPLES.md): the function, the matrix of partials named,
then each entry on its own line. An entry whose derivation is one rule is one line with the rule
and the variables held constant; a longer derivation is indented under its entry. Then the
matrix itself (with det J when square; the Hessian's lower entries stated by Schwarz's theorem).

Detail levels: `brief` gives each entry's value and the answer; `standard` each derivation;
`full` also the rules' general formulas and the Hessian's mixed partials derived both ways.
Every sentence comes from tutor/render/wording/multivariate.py.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.blocks import Line, MatrixLine
from tutor.render.solutions.shared import function_name, held_constant, lay_out
from tutor.render.wording.multivariate import PHRASES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


# -- names written in the notation ------------------------------------------------------------


def uses_latex(builder: OutlineBuilder) -> bool:
    return builder.notation.name == "latex"


# name -> (Unicode text, LaTeX)
NAMES = {
    "nabla": ("∇f", r"\nabla f"),
    "directional": ("D_û f", r"D_{\hat{u}} f"),
    "unit": ("û", r"\hat{u}"),
    "det": ("det J", r"\det J"),
    "norm": ("|v|", r"\left|v\right|"),
    "quotient": ("v/|v|", r"\frac{v}{\left|v\right|}"),
    "dot": ("·", r"\cdot"),
    "minus": ("−", "-"),
}


def written_name(builder: OutlineBuilder, key: str) -> str:
    text, latex = NAMES[key]
    return latex if uses_latex(builder) else text


def _maths(builder: OutlineBuilder, text: str, latex: str) -> str:
    """A short formula for a sentence, inline in the notation."""
    return builder.notation.inline(latex if uses_latex(builder) else text)


def _derivative_of(builder: OutlineBuilder, var: sp.Symbol, written: str) -> str:
    """∂/∂y [∂f/∂x]: the partial derivative of something already written."""
    name = builder.notation.math(var)
    if uses_latex(builder):
        return rf"\frac{{\partial}}{{\partial {name}}}\left[{written}\right]"
    return f"∂/∂{name} [{written}]"


def _tuple(builder: OutlineBuilder, items: list[str]) -> str:
    """(∂f/∂x, ∂f/∂y) from items already written."""
    if uses_latex(builder):
        return r"\left(" + ", ".join(items) + r"\right)"
    return "(" + ", ".join(items) + ")"


def partial_name(builder: OutlineBuilder, top: str, variables: tuple) -> str:
    """∂f/∂x, ∂²f/∂x², ∂²f/∂x∂y (differentiate by y first, then x), in the notation."""
    n = builder.notation
    names = [n.math(v) for v in variables]
    order = len(names)
    if uses_latex(builder):
        head = r"\partial" + (f"^{{{order}}}" if order > 1 else "")
        bottom = " ".join(
            rf"\partial {v}" + (f"^{{{k}}}" if k > 1 else "") for v, k in _grouped(names)
        )
        return rf"\frac{{{head} {top}}}{{{bottom}}}"
    head = "∂" + ("²" if order == 2 else "")
    return f"{head}{top}/" + "".join("∂" + v + ("²" if k == 2 else "") for v, k in _grouped(names))


def _grouped(names: list[str]) -> list[tuple[str, int]]:
    """Consecutive repeats counted: [x, x] -> [(x, 2)], so ∂²f/∂x∂x is written ∂²f/∂x²."""
    return [(name, len(list(run))) for name, run in groupby(names)]


def vector(builder: OutlineBuilder, value: sp.Basic, written: bool = False) -> str:
    """A column matrix or Tuple written as a tuple (2x y, x²); one entry as (2x y)."""
    if isinstance(value, sp.MatrixBase | sp.Tuple):
        items = [builder.notation.math(entry, written=written) for entry in value]
        return _tuple(builder, items)
    return builder.notation.math(value, written=written)


def point(builder: OutlineBuilder, at) -> str:
    """(1, 2) from a point's mapping or a list of values; (x) for one variable."""
    values = list(at.values()) if isinstance(at, dict) or hasattr(at, "values") else list(at)
    return vector(builder, sp.Tuple(*values))


def function_line(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """f(x, y) = x² y, or f(x, y) = (x² y, sin(x y)) for a vector function."""
    variables = step.details.get("variables") or sorted(step.expr.free_symbols, key=str)
    expr = step.expr
    if isinstance(expr, sp.MatrixBase):
        expr = expr[0] if len(expr) == 1 else sp.Tuple(*expr)
    head = f"{builder.notation.symbol('f')}{point(builder, variables)}"
    builder.add(depth, head, builder.notation.math(expr), "", "function")


def _labels(builder: OutlineBuilder, depth: int, lhs: str, rows, note: str, rule: str) -> None:
    """A matrix whose entries are labels already written (∂f₁/∂x ...)."""
    builder.lines.append(MatrixLine(depth, lhs, tuple(map(tuple, rows)), note, rule))


# -- one partial derivative as an entry -------------------------------------------------------


def _compact(builder: OutlineBuilder, tree: Step) -> bool:
    """One rule (a leaf, or at standard detail a constant multiple of one) fits on one line."""
    if not tree.children:
        return True
    one_child = len(tree.children) == 1 and not tree.children[0].children
    return builder.detail == "standard" and one_child


def entry(
    builder: OutlineBuilder, step: Step, depth: int, label: str, show_expr: bool = False
) -> None:
    """A `partial` (or `second_partial`) step under `label`: one line when its derivation is one
    rule (with `show_expr`, saying what is differentiated: ∂/∂x [x z] = z), else
    `label = ∂/∂x [expr]` with the derivation indented under it."""
    n = builder.notation
    aside = held_constant(builder, step)
    derivation = step.children[0]
    tree, *simplification = derivation.children
    if builder.detail == "brief":
        builder.add(depth, label, n.math(step.result), "", step.rule)
        return
    before, builder.partial_labels = builder.partial_labels, True
    try:
        if _compact(builder, tree):
            notes = [builder.note(tree)] + [builder.note(child) for child in tree.children]
            note = "; ".join(filter(None, (*notes, aside)))
            rhs = builder.result(tree)
            if show_expr:
                rhs = f"{n.partial(step.expr, step.var)} = {rhs}"
            builder.add(depth, label, rhs, note, tree.rule)
            inner = depth
        else:
            builder.add(depth, label, n.partial(step.expr, step.var), aside, step.rule)
            inner = depth + 1
            builder.node(tree, inner, None, root=True)
            last = builder.lines[-1]
            if not isinstance(last, Line) or (last.depth, last.lhs) != (inner, None):
                builder.add(inner, None, n.math(tree.result), "", tree.rule)
        for phase in simplification:
            for rewrite in phase.children:
                builder.add(
                    inner, None, n.math(rewrite.result), builder.note(rewrite), rewrite.rule
                )
    finally:
        builder.partial_labels = before


def partial_root(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    f = n.symbol("f")
    label = partial_name(builder, f, (step.var,))
    if depth == 0:
        function_line(builder, step, depth)
    entry(builder, step, depth, label)
    if builder.lines[-1].depth != depth:
        builder.add(depth, label, n.math(step.result), "", step.rule)


# -- gradient, Jacobian -----------------------------------------------------------------------


def gradient(builder: OutlineBuilder, step: Step, depth: int, show_function: bool = True) -> None:
    n = builder.notation
    f = n.symbol("f")
    if show_function and depth == 0:
        function_line(builder, step, depth)
    if builder.detail != "brief":
        names = [partial_name(builder, f, (child.var,)) for child in step.children]
        written = _tuple(builder, names)
        builder.add(depth, written_name(builder, "nabla"), written, builder.note(step), step.rule)
    for child in step.children:
        entry(builder, child, depth + 1, partial_name(builder, f, (child.var,)))
    builder.add(depth, written_name(builder, "nabla"), vector(builder, step.result), "", step.rule)


def jacobian(builder: OutlineBuilder, step: Step, depth: int) -> None:
    rows, cols = step.result.shape
    scalar = step.details.get("scalar", rows == 1)
    names = [function_name(builder, None if scalar else i) for i in range(rows)]
    variables = step.details.get("variables") or [c.var for c in step.children[:cols]]
    if depth == 0:
        function_line(builder, step, depth)
    if builder.detail != "brief":
        grid = [[partial_name(builder, name, (v,)) for v in variables] for name in names]
        note = builder.words(PHRASES["jacobian_row"]) if scalar else builder.note(step)
        _labels(builder, depth, "J", grid, note, step.rule)
    for index, child in enumerate(step.children):
        entry(builder, child, depth + 1, partial_name(builder, names[index // cols], (child.var,)))
    builder.add_matrix(depth, "J", step.result, "", step.rule)
    _determinant(builder, step, depth)


def _determinant(builder: OutlineBuilder, step: Step, depth: int) -> None:
    determinant = step.details.get("determinant")
    if determinant is None:
        return
    n = builder.notation
    label = written_name(builder, "det")
    rhs = n.math(determinant)
    note = builder.words(PHRASES["determinant"])
    expanded = step.details.get("determinant_expanded")
    if expanded is not None and builder.detail != "brief" and sp.count_ops(expanded) <= 30:
        rhs = f"{n.math(expanded)} = {rhs}"
    if step.result.shape == (2, 2) and builder.detail != "brief":
        a, b, c, d = (_factor(builder, v) for v in step.result)
        times, minus = written_name(builder, "dot"), written_name(builder, "minus")
        rhs = f"{a}{times}{d} {minus} {b}{times}{c} = {rhs}"
        formula = _maths(builder, "ad − bc", "ad - bc")
        note = builder.words(PHRASES["determinant_2x2"], formula=formula)
    if step.details.get("singular"):
        formula = builder.notation.inline(f"{label} = 0")
        note = builder.words(PHRASES["singular"], formula=formula)
    builder.add(depth, label, rhs, note, "jacobian_determinant")


def _factor(builder: OutlineBuilder, value: sp.Basic) -> str:
    """A factor of a written product: bracketed when it is a sum, a product or negative."""
    written = builder.notation.math(value)
    if value.is_Add or value.is_Mul or (value.is_number and value.is_negative):
        return bracket(builder, written)
    return written


def bracket(builder: OutlineBuilder, maths: str) -> str:
    return rf"\left({maths}\right)" if uses_latex(builder) else f"({maths})"


# -- Hessian ----------------------------------------------------------------------------------


def hessian(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    first, grid = step.children
    variables = step.details["variables"]
    f = n.symbol("f")
    if depth == 0:
        function_line(builder, step, depth)
    if builder.detail != "brief":
        builder.add(depth, None, None, builder.note(step), step.rule)
    gradient(builder, first, depth + 1, show_function=False)
    if builder.detail != "brief":
        names = [[partial_name(builder, f, (a, b)) for b in variables] for a in variables]
        _labels(builder, depth + 1, "H", names, builder.note(grid), grid.rule)
    for item in grid.children:
        if item.rule == "symmetry":
            _symmetric_entry(builder, item, depth + 2)
        else:
            _second_partial(builder, item, depth + 2)
    symmetric = "hessian_symmetric" if step.details.get("symmetric") else "hessian_not_symmetric"
    formula = _maths(builder, "Hᵢⱼ = Hⱼᵢ", "H_{ij} = H_{ji}")
    note = builder.words(PHRASES[symmetric], formula=formula) if builder.detail != "brief" else ""
    builder.add_matrix(depth, "H", step.result, note, step.rule)


def _second_partial(builder: OutlineBuilder, item: Step, depth: int) -> None:
    f = builder.notation.symbol("f")
    label = partial_name(builder, f, (item.var, item.details["first"]))
    entry(builder, item, depth, label, show_expr=True)


def _symmetric_entry(builder: OutlineBuilder, item: Step, depth: int) -> None:
    n = builder.notation
    f = n.symbol("f")
    label = partial_name(builder, f, tuple(item.details["entry"]))
    mirror = partial_name(builder, f, tuple(item.details["mirror"]))
    if builder.detail == "brief":
        builder.add(depth, label, n.math(item.result), "", item.rule)
        return
    rhs = f"{mirror} = {n.math(item.result)}"
    builder.add(depth, label, rhs, builder.note(item), item.rule)
    if builder.detail == "full" and item.children:
        derived = item.children[0]
        first = derived.details["first"]
        note = builder.words(
            PHRASES["symmetry_check"],
            derivative=n.inline(
                _derivative_of(builder, derived.var, partial_name(builder, f, (first,)))
            ),
        )
        builder.add(depth + 1, None, None, note, "symmetry_check")
        label = partial_name(builder, f, (derived.var, first))
        entry(builder, derived, depth + 1, label, show_expr=True)


# -- values at a point ------------------------------------------------------------------------


def _name_at(builder: OutlineBuilder, inner: Step, where: str) -> str | None:
    n = builder.notation
    f = n.symbol("f")
    if inner.rule == "gradient":
        return f"{written_name(builder, 'nabla')}{where}"
    if inner.rule in ("jacobian", "hessian"):
        return f"{'J' if inner.rule == 'jacobian' else 'H'}{where}"
    if inner.rule == "partial" and inner.var is not None:
        return f"{partial_name(builder, f, (inner.var,))}{where}"
    return None


def at_point(builder: OutlineBuilder, step: Step, depth: int) -> None:
    inner, value = step.children
    lay_out(builder, inner, depth)
    where = point(builder, step.details["at"])
    note = point_note(builder, step)
    label = _name_at(builder, inner, where)
    if isinstance(value.result, sp.MatrixBase) and inner.rule in ("jacobian", "hessian"):
        builder.add_matrix(depth, label, value.result, note, step.rule)
    else:
        shown = vector(builder, value.result)
        written = value.details.get("substituted")
        if written is not None and builder.detail != "brief":
            substituted = vector(builder, written, written=True)
            if substituted != shown:
                shown = f"{substituted} = {shown}"
        builder.add(depth, label, shown, note, step.rule)
    _determinant_at(builder, step, depth, where)


def point_note(builder: OutlineBuilder, step: Step) -> str:
    """Put in the point (x, y) = (1, 2); values to 10 significant digits."""
    at, n = step.details["at"], builder.notation
    if len(at) == 1:
        ((var, value),) = at.items()
        where = f"{n.math(var)} = {n.math(value)}"
    else:
        where = f"{point(builder, list(at))} = {point(builder, at)}"
    note = builder.words(PHRASES["at_point"], point=n.inline(where))
    if step.details.get("digits") and builder.detail != "brief":
        note += builder.words("; " + PHRASES["digits"], digits=str(step.details["digits"]))
    return note


def _determinant_at(builder: OutlineBuilder, step: Step, depth: int, where: str) -> None:
    determinant = step.details.get("determinant")
    if determinant is None:
        return
    label = written_name(builder, "det") + where
    note = ""
    if step.details.get("singular"):
        formula = builder.notation.inline(f"{written_name(builder, 'det')} = 0")
        note = builder.words(PHRASES["singular_at"], formula=formula)
    builder.add(depth, label, builder.notation.math(determinant), note, "jacobian_determinant")


LAYOUTS: dict[str, Layout] = {
    "partial": partial_root,
    "gradient": gradient,
    "jacobian": jacobian,
    "hessian": hessian,
    "at_point": at_point,
}
