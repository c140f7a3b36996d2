"""Layouts of the week-5 critical-point solvers: stationary points classified with the Hessian
here; systems solved step by step in tutor.render.solutions.systems, Lagrange multipliers in
tutor.render.solutions.lagrange, both merged into LAYOUTS by tutor.render.solutions.

A stationary-point solution reads: the function, ∇f (or f') derived, the system ∇f = 0 solved
step by step, the Hessian (or f''), one block per point (f, H, D or the eigenvalues, the
classification sentence) and a summary table. Values are written as
tutor.render.solutions.critical_common writes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.critical_common import (
    call,
    determinant_text,
    inline_maths,
    located,
    maths,
    maths_words,
    paren,
    point,
    precision_note,
    shown_value,
    signed_sum,
    times,
)
from tutor.render.solutions.multivariate import entry, gradient, partial_name
from tutor.render.solutions.systems import roots, system
from tutor.render.wording import critical as W

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def stationary_points(builder: OutlineBuilder, step: Step, depth: int) -> None:
    variables = step.details["variables"]
    n = builder.notation
    builder.add(depth, call(builder, "f", variables), maths(builder, step.expr), "", "function")
    one = len(variables) == 1
    builder.add(
        depth, None, None, builder.words(W.ONE_VARIABLE) if one else builder.note(step), step.rule
    )
    first, found, *rest = step.children
    if one:
        label = f"{n.prime('f')}({maths(builder, variables[0])})"
        builder.derivative(
            first, depth + 1, label=f"{label} = {n.derivative(step.expr, variables[0])}"
        )
    else:
        gradient(builder, first, depth + 1, show_function=False)
    system(builder, found, depth, builder.words(W.ONE_VARIABLE_SYSTEM) if one else None)
    if not found.result:
        if found.details["outcome"] == "none":
            builder.add(depth, None, None, builder.words(W.NO_POINTS), "stationary_none")
        return
    second, *points = rest
    if len(variables) == 1:
        builder.add(depth, None, None, builder.words(W.SECOND_DERIVATIVE), "second_derivative")
        label = f"{n.prime(n.prime('f'))}({maths(builder, variables[0])})"
        derivative = n.derivative(first.result, variables[0])
        builder.derivative(second, depth + 1, label=f"{label} = {derivative}")
    else:
        _hessian(builder, second, depth)
    if points and points[0].rule == "determinant_formula":
        _determinant_formula(builder, points.pop(0), second.result, depth)
    for child in points:
        _point(builder, child, depth, step.details["test"], variables)
    _summary(builder, step, points, depth)


def _hessian(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """The second partials (the gradient is derived above already), then H."""
    n = builder.notation
    _, grid = step.children
    builder.add(depth, None, None, builder.words(W.SECOND_DERIVATIVES), grid.rule)
    f = n.symbol("f")
    for item in grid.children:
        if item.rule == "symmetry":
            label = partial_name(builder, f, tuple(item.details["entry"]))
            mirror = partial_name(builder, f, tuple(item.details["mirror"]))
            rhs = f"{mirror} = {maths(builder, item.result)}"
            builder.add(depth + 1, label, rhs, builder.note(item), item.rule)
        else:
            label = partial_name(builder, f, (item.var, item.details["first"]))
            entry(builder, item, depth + 1, label, show_expr=True)
    builder.add_matrix(depth, "H", step.result, "", step.rule)


def _determinant_formula(builder: OutlineBuilder, step: Step, H, depth: int) -> None:
    square = times(builder, [H[0, 1]])
    if not (H[0, 1].is_Symbol or (H[0, 1].is_number and H[0, 1] >= 0)) and not square.startswith(
        ("(", r"\left(")
    ):
        square = paren(builder, square)
    square += "²" if builder.notation.name == "text" else "^{2}"
    written = signed_sum(builder, [(1, times(builder, [H[0, 0], H[1, 1]])), (-1, square)])
    rhs = f"{written} = {maths(builder, step.result)}"
    note = builder.words(W.DISCRIMINANT, formula=inline_maths(builder, W.DISCRIMINANT_FORMULA))
    builder.add(depth, "D", rhs, note, step.rule)


def _point(builder: OutlineBuilder, step: Step, depth: int, test: str, variables) -> None:
    n, d = builder.notation, step.details
    coords = point(builder, [shown_value(c) for c in d["point"]])
    where = located(builder, variables, d["point"])
    builder.add(depth, None, None, builder.words(W.AT_POINT, point=n.inline(where)), step.rule)
    value, hessian, *others = step.children
    builder.add(depth + 1, f"{n.symbol('f')}{coords}", maths(builder, value.result), "", value.rule)
    if len(variables) == 1:
        label = f"{n.prime(n.prime('f'))}{coords}"
        builder.add(depth + 1, label, maths(builder, hessian.result[0, 0]), "", hessian.rule)
    else:
        builder.add_matrix(depth + 1, f"H{coords}", shown_value(hessian.result), "", hessian.rule)
    for child in others:
        if child.rule == "determinant_value":
            builder.add(depth + 1, f"D{coords}", maths(builder, child.result), "", child.rule)
        elif child.rule == "hessian_eigenvalues":
            _eigenvalues(builder, child, depth + 1, d, coords, len(variables))
    sentence = _classification(builder, step, test)
    builder.add(depth + 1, None, None, sentence, "classification")
    for child in others:
        if child.rule == "higher_order_check":
            _higher_order(builder, child, depth + 1)


def _eigenvalues(builder: OutlineBuilder, step: Step, depth: int, d, coords: str, size: int):
    """det(H − λI) written out and solved (at standard detail for three variables, at full
    detail for two, where the determinant test already decides), then the eigenvalues."""
    n = builder.notation
    char, found = step.children
    t = maths(builder, step.details["unknown"])
    label = f"det(H − {t}I)" if n.name == "text" else rf"\det(H - {t} I)"
    if builder.detail == "full" or (builder.detail == "standard" and size > 2):
        size = len(d["eigenvalues"])
        shifted = d["hessian"] - step.details["unknown"] * sp.eye(size)
        rhs = f"{determinant_text(builder, shifted)} = {maths(builder, char.result)}"
        builder.add(depth, label, rhs, builder.note(char), char.rule)
        roots(builder, found, depth + 1, show_equation=False)
    values = [maths(builder, v) for v in d["eigenvalues"]]
    sign = n.words(W.EIGEN_SIGNS[d["eigen_pattern"]])
    note = builder.words(W.EIGENVALUES, point=n.inline(f"H{coords}"), signs=sign)
    builder.add(depth, t, ", ".join(values), note, step.rule)


def _classification(builder: OutlineBuilder, step: Step, test: str) -> str:
    kind = step.details["classification"]
    if kind == "family":
        return builder.words(W.CLASSIFY["family"])
    key = {"eigenvalues": f"eigen_{kind}", "second_derivative": f"one_{kind}"}.get(test, kind)
    template = W.CLASSIFY.get(key, W.CLASSIFY[kind])
    return builder.words(template, condition=inline_maths(builder, W.CONDITIONS[(test, kind)]))


def _higher_order(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    shifts, at = step.details["shifts"], step.details["point"]
    moved = [h if c == 0 else sp.Add(c, h, evaluate=False) for c, h in zip(at, shifts, strict=True)]
    minus = " − " if n.name == "text" else " - "
    label = f"{n.symbol('f')}{point(builder, moved)}{minus}{n.symbol('f')}{point(builder, at)}"
    difference = inline_maths(builder, W.DIFFERENCE)
    note = builder.words(W.HIGHER_ORDER, difference=difference)
    builder.add(depth, label, maths(builder, step.result), note, step.rule)
    verdict = builder.words(W.REFINED[step.details["verdict"]], difference=difference)
    builder.add(depth, None, None, verdict, "refined")


def _summary(builder: OutlineBuilder, step: Step, points, depth: int) -> None:
    if not points:
        return
    n, test = builder.notation, step.details["test"]
    variables = step.details["variables"]
    header = [point(builder, variables) if len(variables) > 1 else maths(builder, variables[0])]
    header.append(f"{n.symbol('f')}")
    if test == "second_derivative":
        header.append(f"{n.prime(n.prime('f'))}")
    elif test == "determinant":
        header += ["D", n.symbol("f_xx")]
    else:
        header.append(maths_words(builder, W.TABLE_WORDS["eigenvalues"]))
    header.append(maths_words(builder, W.TABLE_WORDS["type"]))
    rows = [_summary_row(builder, child, test) for child in points]
    caption = builder.words(W.SUMMARY) + precision_note(builder, points)
    builder.add_table(depth, header, rows, caption, "stationary_summary")


def _summary_row(builder: OutlineBuilder, child: Step, test: str) -> list:
    d = child.details
    coords = d["point"]
    first = (
        maths(builder, coords[0])
        if len(coords) == 1
        else point(builder, [shown_value(c) for c in coords])
    )
    row: list = [first, maths(builder, child.result)]
    dash = maths_words(builder, "—")
    if test == "second_derivative":
        row.append(maths(builder, d["second"]) if "second" in d else dash)
    elif test == "determinant":
        row += [maths(builder, d[k]) if k in d else dash for k in ("determinant", "f_xx")]
    else:
        row.append(", ".join(maths(builder, e) for e in d.get("eigenvalues", ())) or dash)
    kind = d["classification"]
    refined = d.get("refined")
    name = W.TYPE_NAMES[f"refined_{refined}"] if refined else W.TYPE_NAMES[kind]
    row.append(maths_words(builder, name))
    return row


LAYOUTS: dict[str, Layout] = {"stationary_points": stationary_points}
