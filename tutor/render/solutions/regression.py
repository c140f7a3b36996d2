"""Layouts of the week-6 solvers: chi-squared, the straight-line fit, the gradient-descent fit.

Each reads like a worked solution: χ² with the model put in and a table of the points'
contributions; for the line, the engine's derivation of one term, the normal equations written
with sums, the table of sums, Cramer's rule with the numbers put in, the fitted line as a
fraction and a decimal; for gradient descent, ∂f/∂p derived, the gradient of χ², iteration 0
point by point, the table of iterations (long runs elided, and said so) and the outcome. Floats
are shown to the step's details["digits"] and every table caption states the precision. Maths
strings and tables are composed through `Writer` (tutor.render.solutions.regression_writer), so
one layout gives Unicode text and LaTeX.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.regression_writer import Writer
from tutor.render.solutions.shared import embed_partial, held_constant, lay_out, partial_entry
from tutor.render.wording.regression import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def _sym(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


# -- chi-squared -------------------------------------------------------------------------------


def chi_squared(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d = step.details
    w = Writer(builder, d.get("digits"))
    table, summed, *reduced = step.children
    model, variable, weighted = d["model"], d["variable"], d["weighted"]
    note = "" if depth else builder.words(MESSAGES["regression_chi_squared_head"], n=d["n"])
    shown = w.math(model)
    if d["values"]:
        note += " " + builder.words(MESSAGES["regression_with"], values=w.values(d["values"]))
        if not any(isinstance(v, sp.Float) for _, v in d["values"]):
            model = model.xreplace(dict(d["values"]))
            shown = f"{shown} = {w.math(model)}"
    builder.add(depth, f"{w.f}({w.math(variable)})", shown, note.strip(), step.rule)
    term = w.total(w.term(model.xreplace({variable: _sym(f"{variable.name}_i")}), weighted))
    builder.add(depth, w.chi, term, w.weighting(weighted), step.rule)
    header = w.point_header() + ([w.si] if weighted else [])
    header.append(w.weighted(w.square(w.paren(header[4])), weighted))

    def cells(row: Step) -> list:
        at, d = list(row.details["at"].values()), row.details  # xᵢ, yᵢ, parameters, σᵢ
        sigma = at[-1:] if weighted else []
        return [str(d["index"]), *at[:2], d["model_value"], d["residual"], *sigma, row.result]

    caption = w.caption(builder.note(table), d.get("digits"))
    w.table(depth, header, list(table.children), cells, caption, table.rule)
    total = w.value(step.result)
    if 1 < len(table.children) <= 6:
        terms = [w.shown(row.result) for row in table.children]
        written = [w.paren(w.math(t)) if isinstance(t, sp.Add) else w.math(t) for t in terms]
        total = " + ".join(written) + f" = {total}"
    builder.add(depth, w.chi, total, builder.note(summed), summed.rule)
    for extra in reduced:
        n, dof, nu = extra.details["n"], extra.details["dof"], builder.notation.symbol("nu")
        count = f"{nu} = {n}{w.minus}{n - dof} = {dof}" if n != dof else f"{nu} = {dof}"
        note = f"{builder.note(extra)}: {builder.notation.inline(count)}"
        builder.add(depth, w.frac(w.chi, nu), w.value(extra.result), note, extra.rule)


# -- the straight line -------------------------------------------------------------------------


def line_fit(builder: OutlineBuilder, step: Step, depth: int) -> None:
    details = step.details
    w = Writer(builder, details.get("digits"))
    gradient, normal, sums, system, fit, *errors = step.children
    note = f"{builder.note(step)} ({w.weighting(details['weighted'])})"
    builder.add(depth, None, None, note, step.rule)
    inner = sp.Add(_sym("y_i"), -_sym("m") * _sym("x_i"), -_sym("c"), evaluate=False)
    term = w.weighted(w.square(w.paren(w.math(inner, True))), details["weighted"])
    objective = builder.words(MESSAGES["regression_objective"])
    builder.add(depth, f"{w.chi}(m, c)", w.total(term), objective, step.rule)
    builder.add(depth, None, None, builder.note(gradient), gradient.rule)
    for entry in gradient.children:
        derived, regroup = entry.children
        label = builder.notation.partial(entry.expr, entry.var)
        if builder.detail == "brief":
            builder.add(depth + 1, label, w.math(regroup.result, True), "", entry.rule)
            continue
        aside = held_constant(builder, derived)
        embed_partial(builder, derived.children[0], depth + 1, label, aside)
        regrouped = w.math(regroup.result, True)
        builder.add(depth + 1, None, regrouped, builder.note(regroup), regroup.rule)
    names = _normal(w, normal, depth)
    _sums_table(w, sums, fit.children[0], depth)
    _system(w, system, names, depth)
    values = w.values((("m", details["m"]), ("c", details["c"])))
    note = builder.words(MESSAGES["regression_line_result"], values=values)
    builder.add(depth, "y", w.math(w.shown(step.result)), note, step.rule)
    builder.add(depth, None, None, builder.words(MESSAGES["regression_at_fit"]), fit.rule)
    lay_out(builder, fit, depth + 1)
    for extra in errors:
        _uncertainties(w, extra, depth)


def _normal(w: Writer, step: Step, depth: int) -> list[str]:
    """The normal equations with Σ written out; returns the sums' names (S, Sₓ, S_y, Sₓₓ, Sₓᵧ)."""
    w.b.add(depth, None, None, w.b.note(step), step.rule)
    names = [
        w.math(symbol) if symbol.name == "n" else w.total(w.math(summand))
        for symbol, summand in step.details["sums"]
    ]
    count, sx, sy, sxx, sxy = names
    for split, variable, (a, b, right) in zip(
        step.children, "mc", ((sxx, sx, sxy), (sx, count, sy)), strict=True
    ):
        _, inner = split.result.args
        summed = f"{'-2' if w.latex else '−2'} {w.total(w.paren(w.math(inner, True)))} = 0"
        equation = f"m {a} + c {b} = {right}"
        label = w.n.partial_of(w.chi, (_sym(variable),))
        w.b.add(depth + 1, label, f"{summed}{w.implies}{equation}", "", split.rule)
    return names


def _summand(child: Step, weighted: bool) -> sp.Basic:
    x, y = _sym("x_i"), _sym("y_i")
    base = {"1": sp.Integer(1), "x": x, "y": y, "xx": x**2, "xy": x * y}[child.details["kind"]]
    return base / _sym("sigma_i") ** 2 if weighted else base


def _sums_table(w: Writer, step: Step, points: Step, depth: int) -> None:
    """The data (from the χ² rows), one column per summand and a Σ row (unweighted: Σxᵢ, Σyᵢ
    under xᵢ, yᵢ)."""
    d, weighted = step.details, step.details["weighted"]
    kind = {child.details["kind"]: child for child in step.children}
    columns = [kind[k] for k in (("1", "x", "y", "xx", "xy") if weighted else ("xx", "xy"))]
    header = ["i", w.xi, w.yi] + ([w.si] if weighted else [])
    header += [w.math(_summand(child, weighted)) for child in columns]
    count = len(points.children)
    data = [_sym("x_i"), _sym("y_i")] + ([_sym("sigma_i")] if weighted else [])

    def cells(i: int) -> list:
        at = points.children[i].details["at"]
        sums = [child.expr.args[i] if count > 1 else child.expr for child in columns]
        return [str(i + 1), *(at[symbol] for symbol in data), *sums]

    last = ["", "", "", ""] if weighted else ["", kind["x"].result, kind["y"].result]
    last[0] = r"\sum" if w.latex else "Σ"
    last += [child.result for child in columns]
    caption = w.caption(w.b.note(step), d.get("digits"))
    total = [tuple(map(w.shown, last))]
    w.table(depth, header, list(range(count)), cells, caption, step.rule, total)
    if not weighted:
        w.b.add(depth, "n", w.math(kind["1"].result), "", kind["1"].rule)


def _system(w: Writer, step: Step, names: list[str], depth: int) -> None:
    """The equations with numbers, then Δ, m and c by Cramer's rule, formula and numbers."""
    w.b.add(depth, None, None, w.b.note(step), step.rule)
    det, slope, intercept = step.children
    at = det.details["at"]
    count, sx, sy, sxx, sxy = (w.shown(at[_sym(s)]) for s in ("S", "S_x", "S_y", "S_xx", "S_xy"))
    m, c = _sym("m"), _sym("c")
    for a, b, right in ((sxx, sx, sxy), (sx, count, sy)):
        joiner = w.minus if b.is_negative else " + "
        left = f"{w.math(a * m)}{joiner}{w.math(abs(b) * c)}"
        w.b.add(depth + 1, f"{left} = {w.math(right)}", None, "", step.rule)
    w.b.add(depth, None, None, w.b.words(MESSAGES["regression_cramer"]), step.rule)
    N, X, Y, XX, XY = (w.grouped(name) for name in names)
    n_, x_, y_, xx_, xy_ = (w.number(v) for v in (count, sx, sy, sxx, sxy))
    delta = w.n.symbol("Delta")
    formula = f"{N} {XX}{w.minus}{w.square(w.paren(names[1]))}"
    put_in = f"{w.product(n_, xx_)}{w.minus}{w.square(w.number(sx, power=True))}"
    right = f"{formula} = {put_in} = {w.value(det.result)}"
    w.b.add(depth + 1, delta, right, w.b.note(det), det.rule)
    for child, label, symbols, numbers in (
        (slope, "m", (N, XY, X, Y), (n_, xy_, x_, y_)),
        (intercept, "c", (XX, Y, X, XY), (xx_, y_, x_, xy_)),
    ):
        top = f"{symbols[0]} {symbols[1]}{w.minus}{symbols[2]} {symbols[3]}"
        put_in = f"{w.product(*numbers[:2])}{w.minus}{w.product(*numbers[2:])}"
        right = f"{w.frac(top, delta)} = {w.frac(put_in, w.number(det.result))}"
        w.b.add(depth + 1, label, f"{right} = {w.value(child.result)}", "", child.rule)


def _uncertainties(w: Writer, step: Step, depth: int) -> None:
    b, n = w.b, w.n
    b.add(depth, None, None, b.note(step), step.rule)
    seconds, alpha, covariance, slope, intercept = step.children
    if b.detail != "brief":
        b.add(depth + 1, None, None, b.note(seconds), seconds.rule)
        m, c = _sym("m"), _sym("c")
        for entry, pair in zip(seconds.children, ((m, m), (m, c), (c, m), (c, c)), strict=True):
            label = n.partial(seconds.expr, pair)
            if b.detail == "full":
                partial_entry(b, entry, depth + 2, label)
            else:
                b.add(depth + 2, label, n.math(entry.result), "", entry.rule)
    b.add_matrix(depth + 1, n.symbol("alpha"), w.shown(alpha.result), b.note(alpha), alpha.rule)
    b.add_matrix(depth + 1, "C", w.shown(covariance.result), b.note(covariance), covariance.rule)
    for child, name in ((slope, "sigma_m"), (intercept, "sigma_c")):
        b.add(depth + 1, n.symbol(name), w.value(child.result), b.note(child), child.rule)


# -- gradient descent --------------------------------------------------------------------------


def fit_gradient_descent(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d = step.details
    w = Writer(builder, d.get("digits"))
    model_gradient, term_gradient, first, iterations, *fit = step.children
    params, variable = d["parameters"], d["variable"]
    head = builder.words(
        MESSAGES["regression_fit_head"],
        model=builder.notation.inline(f"{w.f}({w.math(variable)}) = {w.math(step.expr)}"),
        n=d["n"],
        start=w.values(zip(params, d["start"], strict=True), plain=True),
        rate=builder.notation.inline(w.math(w.shown(d["rate"]))),
        steps=d["steps"],
    )
    builder.add(depth, None, None, head, step.rule)
    model_i = step.expr.xreplace({variable: _sym(f"{variable.name}_i")})
    label = f"{w.chi}({', '.join(w.math(p) for p in params)})"
    builder.add(depth, label, w.total(w.term(model_i, d["weighted"])), w.weighting(d["weighted"]),
                step.rule)  # fmt: skip
    builder.add(depth, None, None, builder.note(model_gradient), model_gradient.rule)
    for child in model_gradient.children:
        partial_entry(builder, child, depth + 1, builder.notation.partial_of(w.f, (child.var,)))
    _chi2_gradient(w, term_gradient, depth, d["weighted"])
    eta = r"\eta" if w.latex else "η"
    update = f"{w.sub('p', 'k')}{w.minus}{eta} {w.n.partial_of(w.chi, (_sym('p'),))}"
    eta_value = w.values([("eta", d["rate"])], plain=True)
    note = f"{builder.words(MESSAGES['regression_update_rule'])}, {eta_value}"
    builder.add(depth, w.sub("p", "k+1"), update, note, "fit_update")
    if builder.detail != "brief":
        _first(Writer(builder, first.details.get("digits")), first, depth, params)
    _iteration_table(w, iterations, depth, params)
    _outcome(w, step, depth)
    for extra in fit:
        builder.add(depth, None, None, builder.words(MESSAGES["regression_at_result"]), extra.rule)
        lay_out(builder, extra, depth + 1)


def _chi2_gradient(w: Writer, step: Step, depth: int, weighted: bool) -> None:
    """∂χ²/∂p = −2 Σ (yᵢ − f(xᵢ))·∂f/∂p /σᵢ², with f and ∂f/∂p written out."""
    w.b.add(depth, None, None, w.b.note(step), step.rule)
    for entry in step.children:
        slope = entry.details["derivative_i"]
        body = w.paren(w.residual(entry.details["model_i"]))
        if slope != 1:
            body = w.product(body, w.paren(w.math(slope)) if slope.is_Add else w.math(slope))
        if weighted:
            body = w.frac(body, w.square(w.si)) if w.latex else f"{body}/{w.si}²"
        if w.latex or weighted or slope != 1:
            body = w.paren(body)
        right = f"{'-2' if w.latex else '−2'} {w.total(body)}"
        label = w.n.partial_of(w.chi, (entry.var,))
        w.b.add(depth + 1, label, right, w.b.note(entry), entry.rule)


def _first(w: Writer, step: Step, depth: int, params) -> None:
    """Iteration 0: each point's gradient terms, the column sums, the update."""
    terms, sums, update = step.children
    k = len(params)
    weighted = _sym("sigma_i") in terms.children[0].details["at"]
    header = w.point_header()
    for p in params:
        cell = f"{'-2' if w.latex else '−2'}{w.paren(header[4])}"
        header.append(w.weighted(w.product(cell, w.n.partial_of(w.f, (p,))), weighted))

    def cells(index: int) -> list:
        row = terms.children[index : index + k]
        d = row[0].details
        point = [str(d["index"]), *list(d["at"].values())[:2], d["model_value"], d["residual"]]
        return point + [cell.result for cell in row]

    values = w.values(step.details["values"])
    caption = w.b.words(MESSAGES["regression_at_values"], caption=w.b.note(step), values=values)
    caption = w.caption(caption, step.details.get("digits"))
    w.table(depth, header, list(range(0, len(terms.children), k)), cells, caption, step.rule)
    for child in sums.children:
        label = w.n.partial_of(w.chi, (child.details["parameter"],))
        w.b.add(depth + 1, label, w.value(child.result), w.b.note(sums), child.rule)
    rate = w.number(update.details["rate"])
    for (p, old), gradient, new in zip(
        step.details["values"], sums.result, update.result, strict=True
    ):
        right = f"{w.math(w.shown(old))}{w.minus}{w.product(rate, w.number(gradient))}"
        w.b.add(depth + 1, w.sub(p.name, "1"), f"{right} = {w.value(new)}", w.b.note(update),
                update.rule)  # fmt: skip


def _iteration_table(w: Writer, step: Step, depth: int, params) -> None:
    d = step.details
    header = ["k", *(w.sub(p.name, "k") for p in params), w.chi]
    header += [w.n.partial_of(w.chi, (p,)) for p in params]
    header += [w.sub(p.name, "k+1") for p in params]
    rows = []
    for row in step.children:
        r, k = row.details, len(params)
        at = list(r["at"].values())  # the parameters, then the gradient
        cells = [str(r["k"]), *at[:k], r["chi2"], *at[k:], *row.result]
        rows.append(tuple(w.shown(c) for c in cells))
    if d["elided"]:
        rows.insert(d["elided_from"], (w.dots,) * len(header))
    caption = w.b.note(step)
    if d.get("digits") and d["exact_until"]:
        template = MESSAGES["regression_exact_until"]
        last = str(d["exact_until"] - 1)
        caption = w.b.words(template, caption=caption, last=last, digits=str(d["digits"]))
    else:
        caption = w.caption(caption, d.get("digits"))
    w.b.add_table(depth, header, rows, caption, step.rule)
    if d["elided"]:
        template = MESSAGES["regression_iterations_elided"]
        note = w.b.words(template, first=str(d["elided_from"]), last=str(d["elided_to"]))
        w.b.add(depth, None, None, note, step.rule)


def _outcome(w: Writer, step: Step, depth: int) -> None:
    d = step.details
    inline = w.n.inline
    tolerance = f"10^{{{d['tolerance_exponent']}}}" if w.latex else "10⁻¹⁰"
    values = {
        "iterations": str(d["iterations"]),
        "tolerance": inline(tolerance),
        "change": inline(w.value(d.get("last_change", sp.Integer(0)))),
        "start": inline(w.value(d.get("chi2_from", sp.Integer(0)))),
        "end": inline(w.value(d.get("chi2_to", sp.Integer(0)))),
        "rate": inline(w.value(d["rate"])),
        "k": str(d.get("stopped_at", "")),
    }
    outcome = d["outcome"]
    w.b.add(depth, None, None, w.b.words(MESSAGES[f"regression_{outcome}"], **values), step.rule)
    names = w.math(sp.Tuple(*d["parameters"]))
    fitted = outcome in ("converged", "steps_done")
    note = w.b.words(MESSAGES["regression_fit_result" if fitted else "regression_stopped_at"])
    w.b.add(depth, names, w.math(w.shown(step.result)), note, step.rule)


LAYOUTS: dict[str, Layout] = {
    "chi_squared": chi_squared,
    "line_fit": line_fit,
    "fit_gradient_descent": fit_gradient_descent,
}
