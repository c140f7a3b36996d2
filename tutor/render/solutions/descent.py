"""Layout of the week-5 gradient descent (tutor.solvers.descent) as a table.

The function, the start and the rate η; the gradient derived by the rules (f' for one variable);
the update p_{n+1} = p_n − η ∇f(p_n), coordinate by coordinate with the partials put in; at the
full level each row's working (f, ∇f, |∇f| and the update with the values put in); the table of
iterates, its caption stating the formula, the rate and the precision; the outcome; and, for a
quadratic that diverged or cycled, its Hessian's eigenvalues and the largest stable rate. Numbers
and formulas are written by tutor.render.solutions.iteration's `Writer`; every sentence comes
from tutor/render/wording/iteration.py. Its LAYOUTS are merged in tutor.render.solutions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.iteration import WORKING_DIGITS, Shown, Writer, derivative, working_rows
from tutor.render.solutions.multivariate import gradient as gradient_layout
from tutor.render.solutions.shared import lay_out

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def descent(builder: OutlineBuilder, step: Step, depth: int) -> None:
    w, variables = Writer(builder, step), step.details["variables"]
    grad, update, *rest = step.children
    rows = [child for child in rest if child.rule == "descent_iteration"]
    start = w.m(f"{w.sub(_point(variables), 0)} = {w.vec(step.details['start'])}")
    rate = w.m(f"{w.ops['eta']} = {w.num(step.details['rate'])}")
    head = w.call("f", ", ".join(builder.notation.math(v) for v in variables))
    note = w.words("descent_function", start=start, rate=rate)
    builder.add(depth, head, builder.notation.math(step.expr), note, step.rule)
    if len(variables) == 1:
        derivative(builder, grad.children[0].children[0], depth)
    else:
        gradient_layout(builder, grad, depth, show_function=False)
    _descent_update(w, step, update, depth)
    if builder.detail == "full":
        _descent_working(w, step, rows, depth)
    _descent_table(w, step, rows, depth)
    _descent_outcome(w, step, rows, depth)
    analysis = next((child for child in rest if child.rule == "descent_stable_rate"), None)
    if analysis is not None:
        _stable_rate(w, analysis, depth)


def _point(variables) -> str:
    return variables[0].name if len(variables) == 1 else "p"


def _slope(w: Writer, variables, argument: str) -> str:
    """∇f(pₙ), or f'(xₙ) for a function of one variable."""
    return w.call("f'" if len(variables) == 1 else w.ops["nabla"], argument)


def _descent_formula(w: Writer, variables) -> str:
    """p_n − η ∇f(p_n)."""
    p_n = w.sub(_point(variables), "n")
    return p_n + w.ops["minus"] + w.ops["eta"] + _slope(w, variables, p_n)


def _descent_update(w: Writer, step: Step, update: Step, depth: int) -> None:
    """p_{n+1} = p_n − η ∇f(p_n), then one line per coordinate with its partial put in."""
    variables, eta = step.details["variables"], w.factor(step.details["rate"])
    renamed = {v: sp.Symbol(f"{v.name}_n", real=True) for v in variables}
    lines = []
    for v, partial, tidied in zip(variables, step.children[0].result, update.result, strict=True):
        moved = w.sub(v.name, "n") + w.ops["minus"] + eta
        inner = w.notation.math(partial.xreplace(renamed))
        bare = not eta and not partial.is_Add and not partial.could_extract_minus_sign()
        moved += inner if bare else w.br(inner)
        lines.append(
            (w.sub(v.name, "n+1"), f"{moved} = {w.notation.math(tidied.xreplace(renamed))}")
        )
    lhs, formula = w.sub(_point(variables), "n+1"), _descent_formula(w, variables)
    if len(variables) == 1:
        formula = f"{formula} = {lines.pop()[1]}"
    w.builder.add(depth, lhs, formula, w.builder.note(update), update.rule)
    for label, rhs in lines:
        w.builder.add(depth + 1, label, rhs, "", update.rule)


def _descent_table(w: Writer, step: Step, rows: list[Step], depth: int) -> None:
    variables = step.details["variables"]
    base, blank = _point(variables), w.blank
    p_n, slope = w.sub(base, "n"), _slope(w, variables, w.sub(base, "n"))
    header = ["n", p_n, w.call("f", p_n), slope, w.size(slope), w.sub(base, "n+1")]
    cells: list[tuple[str, ...]] = []
    for row in rows:
        f, g, norm = (child.result for child in row.children[:3])
        last = w.vec(row.result) if len(row.children) == 4 else blank
        point = w.vec(row.details["point"])
        cells.append((str(row.details["n"]), point, w.cell(f), w.vec(g), w.cell(norm), last))
    if step.details["outcome"] == "undefined":
        undefined = w.word("iteration_undefined")
        cells.append((str(step.details["index"]), w.vec(step.result), undefined, *[blank] * 3))
    formula = w.m(f"{w.sub(base, 'n+1')} = {_descent_formula(w, variables)}")
    rate = w.m(f"{w.ops['eta']} = {w.num(step.details['rate'])}")
    precision = w.precision(step.details)
    caption = w.words("descent_caption", formula=formula, rate=rate, precision=precision)
    w.table(depth, header, cells, caption, "descent_iteration")


def _descent_working(w: Writer, step: Step, rows: list[Step], depth: int) -> None:
    """Each row's values put in: f(p_n), ∇f(p_n), |∇f(p_n)|, then p_n − η ∇f(p_n)."""
    variables, gradient = step.details["variables"], step.children[0].result
    eta, base = w.factor(step.details["rate"]), _point(variables)
    for row in working_rows(rows):
        index, (f, g, norm) = row.details["n"], row.children[:3]
        at = dict(zip(variables, row.details["point"], strict=True))
        w.sentence(depth, "iteration_row", row.rule, n=str(index))
        p = w.sub(base, index)
        entries = [w.put_in(entry, at) for entry in gradient]
        slope = entries[0] if len(entries) == 1 else w.br(", ".join(entries))
        lines = [(w.call("f", p), w.put_in(step.expr, at), f.result)]
        lines.append((_slope(w, variables, p), slope, g.result))
        if len(variables) > 1:
            shown = [Shown(w.br(w.num(v)), f"g{i}") for i, v in enumerate(g.result)]
            squares = w.notation.math(sp.sqrt(sum(s**2 for s in shown)))
            lines.append((w.size(_slope(w, variables, p)), squares, norm.result))
        if len(row.children) == 4:
            gradient_value = w.vec(g.result)
            moved = w.vec(row.details["point"]) + w.ops["minus"] + eta
            moved += w.br(gradient_value) if len(variables) == 1 else gradient_value
            lines.append((w.sub(base, index + 1), moved, row.result))
        for lhs, working, value in lines:
            rhs = f"{working} = {w.vec(_items(value))}"
            w.builder.add(depth + 1, lhs, rhs, "", row.rule)


def _items(value: sp.Basic) -> list:
    return list(value) if isinstance(value, sp.MatrixBase) else [value]


def _descent_outcome(w: Writer, step: Step, rows: list[Step], depth: int) -> None:
    details, variables = step.details, step.details["variables"]
    index, outcome = details["index"], details["outcome"]
    last = w.sub(_point(variables), index)
    values = {
        "count": str(details["iterations"]),
        "point": w.m(f"{last}{w.eq(step.result)}{w.vec(step.result)}"),
        "growth": str(details.get("growth", "")),
        "rate": w.m(f"{w.ops['eta']} = {w.num(details['rate'])}"),
        "tolerance": w.m(w.tolerance(details.get("tolerance") or sp.Integer(1))),
        "bound": w.m(w.tolerance(details.get("bound", sp.Integer(1)))),
    }
    if rows and rows[-1].details["n"] == index:
        f, _, norm = (child.result for child in rows[-1].children[:3])
        slope = _slope(w, variables, last)
        values["value"] = w.m(f"{w.call('f', last)} = {w.num(f)}")
        values["norm"] = w.m(f"{w.size(slope)} = {w.num(norm)}")
        values["zero"] = w.m(f"{slope} = 0")
        values["how"] = w.how(norm)
    if outcome == "diverging":
        length = sp.sqrt(sum(entry**2 for entry in step.result))
        values["size"] = w.m(f"{w.size(last)} = {w.num(length, 4)}")
        outcome = f"diverging_{details['reason']}"
    if outcome == "cycling":
        earlier = w.sub(_point(variables), index - details["period"])
        values["repeat"] = w.m(f"{last} = {earlier}{w.eq(step.result)}{w.vec(step.result)}")
        values["period"] = str(details["period"])
    w.sentence(depth, f"descent_{outcome}", "descent_outcome", **values)


def _stable_rate(w: Writer, analysis: Step, depth: int) -> None:
    """The quadratic's Hessian, its eigenvalues and the largest stable step size."""
    details, stable, rate = analysis.details, analysis.result, analysis.details["rate"]
    if w.builder.detail == "full":
        lay_out(w.builder, analysis.children[0], depth)
    elif w.builder.detail == "standard":
        note = w.words("descent_hessian")
        w.builder.add_matrix(depth, "H", analysis.expr, note, analysis.rule)
    largest = r"\lambda_{\max}" if w.latex else "λₘₐₓ"
    values = {
        "eigenvalues": w.m(", ".join(w.num(value) for value in details["eigenvalues"])),
        "rate": w.m(f"{w.ops['eta']} = {w.num(rate)}"),
        "bound": w.m(f"{w.ops['eta']} < 2/{largest} = {w.num(stable)}"),
        "edge": w.m(f"{w.ops['eta']} = 2/{largest} = {w.num(stable)}"),
    }
    if not details["bounded_below"] or stable == sp.oo:
        key = "descent_no_minimum"
    elif abs(sp.N(rate - stable, WORKING_DIGITS)) < sp.Float("1e-20") * abs(stable):
        key = "descent_rate_edge"
    else:
        key = "descent_rate_too_large" if rate > stable else "descent_rate_stable"
    w.sentence(depth, key, analysis.rule, **values)


LAYOUTS: dict[str, Layout] = {"gradient_descent": descent}
