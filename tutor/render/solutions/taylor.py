"""Layouts of the week-4 Taylor solvers: a polynomial reads as in a textbook.

The function and the formula, the derivatives (each order derived from the one before, at the
brief level only in the table), the table k | f⁽ᵏ⁾(x) | f⁽ᵏ⁾(a) | term, the polynomial (terms in
rising powers of x − a), then the truncation error: f = Pₙ + O((x − a)ⁿ⁺¹) with the error's
leading part, the Lagrange remainder, and with an interval the bound M hⁿ⁺¹/(n+1)! found from a
table of candidates. An estimate compares Pₙ(x₁) with f(x₁). The linearisation reads as the
tangent line; the two-variable expansion is in tutor.render.solutions.taylor_two. The full
level adds each term's working. Every sentence comes from tutor/render/wording/taylor.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.taylor_two import two_variables
from tutor.render.solutions.taylor_writer import Writer

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def polynomial(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """taylor_polynomial and linearisation."""
    w = Writer(builder, step)
    derivatives, values, terms, total, error, *estimate = step.children
    n, linear = step.details["order"], step.rule == "linearisation"
    w.function_line(depth, step.expr)
    name = w.poly_name(n, linear)
    if linear:
        formula = f"{name} = {w.nth(0, w.centre)} + {w.nth(1, w.centre)}{w.br(w.delta)}"
        intro = w.words("linear_intro", centre=w.m(w.at_centre), formula=w.m(formula))
    else:
        key = "maclaurin_intro" if step.details.get("maclaurin") else "taylor_intro"
        intro = w.words(key, order=str(n), centre=w.m(w.at_centre), formula=w.m(w.sigma(n)))
    builder.add(depth, None, None, intro, step.rule)
    key = "derivative_intro" if n == 1 else "derivatives_intro"
    _derivations(w, derivatives.children[:n], depth + 1, key=key)
    if linear:
        _linear_values(w, values, depth + 1)
    else:
        _table(w, derivatives, values, terms, depth + 1)
        if builder.detail == "full":
            _term_working(w, terms, depth + 1)
    _sum_line(w, total, depth, name, linear, values.children[0].result)
    _error(w, error, derivatives.children[n], depth, name)
    for child in estimate:
        _estimate(w, child, depth, w.poly_symbol(n, linear))


def truncation_error(builder: OutlineBuilder, step: Step, depth: int) -> None:
    w = Writer(builder, step)
    derivatives, error = step.children
    n = step.details["order"]
    w.function_line(depth, step.expr)
    intro = w.words("error_only_intro", order=str(n), centre=w.m(w.at_centre))
    builder.add(depth, None, None, intro, step.rule)
    _derivations(w, derivatives.children[:n], depth + 1, key="derivatives_intro")
    _error(w, error, derivatives.children[n], depth, w.poly_name(n, False))


# -- derivatives ---------------------------------------------------------------------------------


def _derivations(w: Writer, orders, depth: int, key: str) -> None:
    """Each order's derivation under f⁽ᵏ⁾(x) = d/dx [previous], and its tidy form; nothing at
    the brief level (the table has them)."""
    if w.builder.detail == "brief" or not orders:
        return
    w.builder.add(depth - 1, None, None, w.words(key), "taylor_derivatives")
    for order in orders:
        _derivation(w, order, depth)


def _derivation(w: Writer, order: Step, depth: int, k: int | None = None) -> None:
    """f⁽ᵏ⁾(x) = d/dx [f⁽ᵏ⁻¹⁾(x)]: the engine's derivation (k: the order to name it by)."""
    n, k = w.notation, k or order.details["order"]
    derivation, *tidy = order.children
    label = f"{w.nth(k, w.x)} = {n.derivative(derivation.expr, derivation.var)}"
    if w.builder.detail == "brief":
        w.builder.add(depth, w.nth(k, w.x), n.math(order.result), "", order.rule)
        return
    tree, *simplification = derivation.children
    if _compact(w, tree):
        notes = [w.note(tree), *(w.note(child) for child in tree.children)]
        w.builder.add(
            depth, label, w.builder.result(tree), "; ".join(filter(None, notes)), tree.rule
        )
        for phase in simplification:
            for rewrite in phase.children:
                w.builder.add(depth, None, n.math(rewrite.result), w.note(rewrite), rewrite.rule)
    else:
        w.builder.derivative(derivation, depth, label=label)
    for rewrite in tidy:
        w.builder.add(depth, None, n.math(rewrite.result), w.note(rewrite), rewrite.rule)


def _compact(w: Writer, tree: Step) -> bool:
    """One rule (a leaf, or at the standard level a rule with one leaf under it): one line."""
    if not tree.children:
        return True
    one = len(tree.children) == 1 and not tree.children[0].children
    return one and w.builder.detail == "standard"


def _table(w: Writer, derivatives: Step, values: Step, terms: Step, depth: int) -> None:
    k = "k"
    header = (k, w.nth(k, w.x), w.nth(k, w.centre), w.term_header())
    functions = [derivatives.expr, *(order.result for order in derivatives.children)]
    rows = []
    for index, (value, term) in enumerate(zip(values.children, terms.children, strict=True)):
        rows.append(
            (str(index), w.notation.math(functions[index]), w.num(value.result), w.written(term))
        )
    caption = w.words("table_caption", centre=w.m(w.at_centre), term=w.m(w.term_header()))
    if values.details.get("digits") or any(v.details.get("digits") for v in values.children):
        caption += "; " + w.words("digits", digits=str(w.digits))
    w.builder.add_table(depth, header, rows, caption, "taylor_values")


def _linear_values(w: Writer, values: Step, depth: int) -> None:
    """f(a), the point of tangency's height, and f'(a), the tangent's slope."""
    for key, value in zip(("value_at_centre", "slope_at_centre"), values.children, strict=True):
        k = value.details["order"]
        w.builder.add(depth, w.nth(k, w.centre), w.num(value.result), w.words(key), value.rule)


def _term_working(w: Writer, terms: Step, depth: int) -> None:
    """f⁽ᵏ⁾(a)/k! (x − a)ᵏ = value/k! (x − a)ᵏ = term, one line per order."""
    for term in terms.children:
        k = term.details["order"]
        power = w.power(k)
        general = w.times(w.frac(w.nth(k, w.centre), f"{k}!"), power)
        put_in = w.times(
            w.frac(w.num(term.details["value"]), str(term.details["factorial"])), power
        )
        rhs = f"{put_in} = {w.written(term)}"
        w.builder.add(depth, general, rhs, w.note(term), term.rule)


def _sum_line(w: Writer, total: Step, depth: int, name: str, linear: bool, fa: sp.Basic) -> None:
    terms = total.details["terms"]
    vanishing = total.details["vanishing"]
    if linear:
        curve = w.m(f"y = {w.call('f', w.x)}")
        note = w.words("tangent_line", curve=curve, point=w.m(w.br(f"{w.centre}, {w.num(fa)}")))
    elif not terms:
        note = w.words("sum_zero")
    elif len(vanishing) == 1:
        note = w.words("sum_vanishing_one", orders=str(vanishing[0]))
    elif vanishing:
        note = w.words("sum_vanishing", orders=", ".join(map(str, vanishing)))
    else:
        note = w.words("sum")
    rhs = w.rising(terms)
    expanded = sp.expand(total.result)
    if linear and w.centre_value != 0 and terms:
        rhs += f" = {w.num(expanded)}"
    w.builder.add(depth, name, rhs, note, total.rule)


# -- the truncation error ------------------------------------------------------------------------


def _error(w: Writer, error: Step, next_order: Step, depth: int, name: str) -> None:
    order, lagrange, *bound = error.children
    n = error.details["order"]
    w.builder.add(depth, None, None, w.words("error_heading"), error.rule)
    _derivation(w, next_order, depth + 1)
    _order_line(w, order, depth + 1, name)
    remainder = w.remainder_name(n)
    general = w.times(w.frac(w.nth(n + 1, w.xi(lagrange)), f"{n + 1}!"), w.power(n + 1))
    rhs = f"{general} = {w.num(lagrange.result)}"
    note = w.words("lagrange", centre=w.m(w.centre), xi=w.m(w.xi(lagrange)), x=w.m(w.x))
    w.builder.add(depth + 1, remainder, rhs, note, lagrange.rule)
    for child in bound:
        _bound(w, child, depth + 1, n)


def _order_line(w: Writer, order: Step, depth: int, name: str) -> None:
    n, details = order.details["order"], order.details
    limit = w.m(w.limit())
    if details["defined"]:
        value = w.m(f"{w.nth(n + 1, w.centre)} = {w.num(order.children[0].result)}")
        if details.get("vanishes"):
            inner = w.words("leading_zero", value=value, power=w.m(w.power(n + 1)))
        else:
            term = w.m(w.num(details["leading"]))
            inner = w.words("leading", value=value, term=term)
        note = w.words("big_o", limit=limit, leading=inner)
        rhs = f"{name} + {w.big_o(n + 1)}"
    else:
        note = w.words(
            "weaker",
            name=w.m(w.nth(n + 1, w.x)),
            centre=w.m(w.centre),
            power=w.m(w.power(n)),
            limit=limit,
        )
        rhs = f"{name} + {w.little_o(n)}"
    w.builder.add(depth, w.call("f", w.x), rhs, note, order.rule)


def _bound(w: Writer, step: Step, depth: int, n: int) -> None:
    found, *rest = step.children
    lo, hi = step.details["interval"]
    interval = w.interval(lo, hi)
    maximum = w.m(f"M = {w.max_word} {w.abs(w.nth(n + 1, w.x))}")
    if step.details["given"] == "radius":
        where = w.m(f"{w.abs(w.delta)} {w.le} {w.num(step.details['width'])}")
        intro = w.words("bound_radius", where=where, interval=w.m(interval), maximum=maximum)
    else:
        point = hi if lo == w.centre_value else lo
        where = w.m(f"{w.x} = {w.num(point)}")
        intro = w.words(
            "bound_point",
            where=where,
            centre=w.m(w.centre),
            point=w.m(w.num(point)),
            maximum=maximum,
        )
    w.builder.add(depth, None, None, intro, step.rule)
    if found.details["outcome"] != "bounded":
        _unbounded(w, found, depth + 1, n, interval)
        return
    _maximum(w, found, depth + 1, n)
    (bound,) = rest
    _bound_line(w, step, bound, depth + 1, n, where)


def _unbounded(w: Writer, maximum: Step, depth: int, n: int, interval: str) -> None:
    where = w.m(f"{w.x} = {w.num(maximum.details['where'])}")
    radius = w.m(f"r < {w.num(maximum.details['distance'])}")
    note = w.words(
        "unbounded",
        g=w.m(w.nth(n + 1, w.x)),
        f=w.m("f"),
        m=w.m("M"),
        where=where,
        interval=w.m(interval),
        radius=radius,
    )
    w.builder.add(depth, "M", w.notation.math(sp.oo), note, maximum.rule)


def _maximum(w: Writer, maximum: Step, depth: int, n: int) -> None:
    solve, candidates = maximum.children
    _derivation(w, solve.children[0], depth, k=n + 2)
    equation = w.m(f"{w.nth(n + 2, w.x)} = 0")
    g = w.m(w.nth(n + 1, w.x))
    roots = [root[0] for root in solve.result]
    found = w.m(", ".join(f"{w.x} = {w.num(r)}" for r in roots)) if roots else ""
    method = solve.details["method"]
    if method == "constant":
        note = w.words("critical_constant", equation=equation, g=g)
    else:
        numeric = method == "numeric"
        if not roots:
            key = "no_critical_numeric" if numeric else "no_critical"
        else:
            key = "critical_numeric" if numeric else "critical_exact"
        grid, digits = str(solve.details.get("grid")), str(w.digits)
        note = w.words(key, equation=equation, g=g, roots=found, grid=grid, digits=digits)
    w.builder.add(depth, None, None, note, solve.rule)
    _candidate_table(w, maximum, candidates, depth, n)
    at = w.m(f"{w.x} = {w.num(maximum.details['at'])}")
    w.builder.add(depth, "M", w.approx(maximum.result), w.words("maximum", at=at), maximum.rule)


def _candidate_table(w: Writer, maximum: Step, candidates: Step, depth: int, n: int) -> None:
    points = maximum.details["points"]
    ends = {points[0], points[-1]}
    header = (w.x, w.nth(n + 1, w.x), w.abs(w.nth(n + 1, w.x)), "")
    rows = []
    for point, value in zip(points, candidates.children, strict=True):
        kind = w.word("end") if point in ends else w.word("critical")
        magnitude = sp.Abs(value.result)
        rows.append((w.num(point), w.approx(value.result), w.approx(magnitude), kind))
    caption = w.words("candidates_caption")
    w.builder.add_table(depth, header, rows, caption, candidates.rule)


def _bound_line(w: Writer, step: Step, bound: Step, depth: int, n: int, where: str) -> None:
    h = bound.details["width"]
    scale = w.frac(w.pow(w.num(h), n + 1), f"{n + 1}!")
    general = w.times("M", scale, dot=True)
    put_in = w.times(w.factor(bound.details["maximum"]), scale, dot=True)
    if step.details["given"] == "radius":
        remainder = w.abs(w.remainder_name(n))
        note_key = "bound"
    else:
        lo, hi = step.details["interval"]
        point = hi if lo == w.centre_value else lo
        remainder = w.abs(w.call(w.remainder_symbol(n), w.num(point)))
        note_key = "bound_at"
    lhs = f"{remainder} {w.le} {general}"
    rhs = f"{put_in} = {w.approx(bound.result)}"
    stated = w.m(f"{remainder} {w.le} {w.num(bound.result)}")
    note = w.words(note_key, remainder=stated, where=where)
    w.builder.add(depth, lhs, rhs, note, bound.rule)


# -- the estimate --------------------------------------------------------------------------------


def _estimate(w: Writer, step: Step, depth: int, symbol: str) -> None:
    x1 = step.details["point"]
    head = w.words("estimate_heading", point=w.m(f"{w.x} = {w.num(x1)}"))
    w.builder.add(depth, None, None, head, step.rule)
    estimate, *rest = step.children
    p_at = w.call(symbol, w.num(x1))
    f_at = w.call("f", w.num(x1))
    w.builder.add(depth + 1, p_at, w.approx(estimate.result), w.words("estimate"), estimate.rule)
    if step.details["outcome"] != "compared":
        note = w.words("no_actual", point=w.m(w.num(x1)))
        w.builder.add(depth + 1, None, None, note, "taylor_actual_value")
        return
    actual, error = rest
    w.builder.add(depth + 1, f_at, w.approx(actual.result), w.words("actual"), actual.rule)
    note = w.words("actual_error")
    if "within_bound" in step.details:
        key = "within" if step.details["within_bound"] else "beyond"
        approx = r"\approx" if w.latex else "≈"
        size = w.m(f"{w.abs(f'{f_at} {w.minus} {p_at}')} {approx} {w.decimal(abs(error.result))}")
        bound = w.m(w.decimal(step.details["bound"]))
        note += "; " + w.words(key, error=size, bound=bound)
    w.builder.add(depth + 1, f"{f_at} {w.minus} {p_at}", w.approx(error.result), note, error.rule)


LAYOUTS: dict[str, Layout] = {
    "taylor_polynomial": polynomial,
    "linearisation": polynomial,
    "truncation_error": truncation_error,
    "taylor_two_variables": two_variables,
}
