"""Layouts of the week-5 critical-point solvers: systems solved step by step, stationary points
classified with the Hessian, Lagrange multipliers.

A system reads as on paper: the equations one per line, then each move (an equation solved for
an unknown, a substitution, a factorisation split into cases, a quadratic formula), then the
solutions. A stationary-point solution adds the Hessian, one block per point (f, H, D or the
eigenvalues, the classification sentence) and a summary table; a Lagrange solution adds the
Lagrangian, the gradients, the eliminated multipliers, the singular points of the constraint, a
table of candidates and the maximum and minimum (or why they cannot be claimed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.blocks import Line
from tutor.render.solutions.multivariate import entry, gradient, partial_name
from tutor.render.solutions.shared import point as _tuple_point
from tutor.render.wording import critical as W

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


# -- small pieces ------------------------------------------------------------------------------


SHOWN = 10  # significant digits a float is shown with (tutor.solvers.numbers.SHOWN_DIGITS)
CHOP = 1e-15  # values at float points are computed to 20 digits: below this is rounding noise


def _shown(value):
    """Floats rounded to SHOWN significant digits (exact values untouched)."""
    if not isinstance(value, sp.Basic) or not value.has(sp.Float):
        return value
    return value.xreplace({f: _rounded(f) for f in value.atoms(sp.Float)})


def _rounded(f: sp.Float) -> sp.Basic:
    """A float to SHOWN digits (2, not 2.0, when whole); rounding noise (|f| < CHOP) is 0."""
    if abs(f) < CHOP:
        return sp.Integer(0)
    whole = round(float(f))
    if abs(float(f) - whole) <= 1e-12 * abs(float(f)):
        return sp.Integer(whole)
    return sp.Float(f, SHOWN)


def point(builder: OutlineBuilder, values) -> str:
    """(1, 2); (1) for one coordinate."""
    values = list(values)
    if len(values) == 1:
        return f"({builder.notation.math(values[0])})"
    return _tuple_point(builder, values)


def _m(builder: OutlineBuilder, value) -> str:
    return builder.notation.math(_shown(value))


def _text(builder: OutlineBuilder, words: str) -> str:
    """Words inside maths (a table cell, 'or')."""
    escaped = builder.notation.words(words)
    return rf"\text{{{escaped}}}" if builder.notation.name == "latex" else escaped


def _joined(builder: OutlineBuilder, items: list[str], word: str = "or") -> str:
    if builder.notation.name == "latex":
        return rf" \text{{ {word} }} ".join(items)
    return f" {word} ".join(items)


def _where(builder: OutlineBuilder, variables, values) -> str:
    """(1, 2) for several variables, x = 1 for one."""
    values = [_shown(v) for v in values]
    if len(variables) == 1:
        return builder.notation.math(sp.Eq(variables[0], values[0], evaluate=False))
    return point(builder, values)


def _paren(builder: OutlineBuilder, text: str) -> str:
    return f"({text})" if builder.notation.name == "text" else rf"\left({text}\right)"


def _times(builder: OutlineBuilder, factors) -> str:
    """a·b with each factor that is a sum or negative in brackets (a written product)."""
    parts = []
    for factor in factors:
        text = _m(builder, factor)
        if isinstance(factor, sp.Add) or text.startswith(("−", "-")):
            text = _paren(builder, text)
        parts.append(text)
    return ("·" if builder.notation.name == "text" else r" \cdot ").join(parts)


def _sum(builder: OutlineBuilder, terms) -> str:
    """(sign, written term) pairs joined with + and −, as written."""
    minus = "−" if builder.notation.name == "text" else "-"
    out = ""
    for index, (sign, text) in enumerate(terms):
        if index == 0:
            out = text if sign > 0 else f"{minus}{text}"
        else:
            out += f" {minus if sign < 0 else '+'} {text}"
    return out


def _determinant_text(builder: OutlineBuilder, M) -> str:
    """det M written out: ad − bc, or along the first row for a 3×3 matrix."""
    if M.shape == (2, 2):
        return _sum(builder, [(1, _times(builder, [M[0, 0], M[1, 1]])),
                              (-1, _times(builder, [M[0, 1], M[1, 0]]))])  # fmt: skip
    terms = []
    for j in range(M.shape[1]):
        minor = _paren(builder, _determinant_text(builder, M.minor_submatrix(0, j)))
        terms.append((-1 if j % 2 else 1, f"{_times(builder, [M[0, j]])}{minor}"))
    return _sum(builder, terms)


def _equation(builder: OutlineBuilder, depth: int, eq, note: str = "", rule: str = "equation"):
    lhs, rhs = _m(builder, eq.lhs), _m(builder, eq.rhs)
    last = builder.lines[-1] if builder.lines else None
    if isinstance(last, Line) and (last.lhs, last.rhs) == (lhs, rhs) and rule != "equation":
        return  # the equation was just written (the system had this one equation)
    builder.add(depth, lhs, rhs, note, rule)


def _maths(builder: OutlineBuilder, pair: tuple[str, str]) -> str:
    """Inline maths given as (Unicode text, LaTeX)."""
    return builder.notation.inline(pair[0] if builder.notation.name == "text" else pair[1])


def _nabla(builder: OutlineBuilder, name: str) -> str:
    symbol = builder.notation.symbol(name)
    return f"∇{symbol}" if builder.notation.name == "text" else rf"\nabla {symbol}"


def _call(builder: OutlineBuilder, name: str, variables) -> str:
    return f"{builder.notation.symbol(name)}{point(builder, variables)}"


# -- systems -----------------------------------------------------------------------------------


def system(builder: OutlineBuilder, step: Step, depth: int, note: str | None = None) -> None:
    """A system from tutor.solvers.systems: the equations, the moves, the solutions."""
    builder.add(depth, None, None, builder.note(step) if note is None else note, step.rule)
    for eq in step.expr:
        _equation(builder, depth + 1, eq)
    if builder.detail != "brief":
        for child in step.children:
            _moves(builder, child, depth + 1)
    _solutions(builder, step, depth + 1)


def _solutions(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d, unknowns = step.details, step.details["unknowns"]
    points = [s for s in step.result if s not in d.get("families", ())]
    sentences = []
    if points:
        shown = [builder.notation.inline(_where(builder, unknowns, s)) for s in points]
        sentences.append(builder.words(W.SOLUTIONS["points"], points=", ".join(shown)))
    for family in d.get("families", ()):
        free = [u for u in unknowns if u in family]
        written = builder.notation.inline(_where(builder, unknowns, family))
        sentences.append(builder.words(W.SOLUTIONS["families"], families=written, free=free))
    for curve in d.get("curves", ()):
        curves = _joined(builder, [_m(builder, eq) for eq in curve], "and")
        sentences.append(
            builder.words(W.SOLUTIONS["curves"], curves=builder.notation.inline(curves))
        )
    for systems, reason in zip(d.get("unsolved", ()), d.get("reasons", ()), strict=True):
        stated = builder.notation.inline(", ".join(_m(builder, eq) for eq in systems))
        why = builder.notation.words(W.REASONS[reason])
        sentences.append(builder.words(W.SOLUTIONS["unsolved"], systems=stated, reason=why))
    if not sentences:
        sentences.append(builder.words(W.SOLUTIONS["none"]))
    if d.get("nonreal"):
        sentences.append(builder.words(W.SOLUTIONS["nonreal"], count=str(d["nonreal"])))
    builder.add(depth, None, None, builder.notation.words("; ").join(sentences), "solutions")


def _moves(builder: OutlineBuilder, step: Step, depth: int) -> None:
    MOVES.get(step.rule, _note_only)(builder, step, depth)


def _continue(builder: OutlineBuilder, step: Step, depth: int) -> None:
    cases = [child for child in step.children if child.rule == "system_case"]
    for child in step.children:
        if len(cases) == 1 and child is cases[0]:
            _continue(builder, child, depth)  # one branch only: no "Case" heading
        else:
            _moves(builder, child, depth)


def _case(builder: OutlineBuilder, step: Step, depth: int) -> None:
    branch = step.details["branch"]
    note = builder.words(W.CASE, branch=branch)
    builder.add(depth, None, None, note, step.rule)
    _continue(builder, step, depth + 1)
    unknowns = step.details["unknowns"]
    curve = any(node.rule == "system_curve" for node in step.walk())
    if step.result:
        shown = [builder.notation.inline(_where(builder, unknowns, s)) for s in step.result]
        sentence = builder.words(W.CASE_RESULT["some"], points=", ".join(shown))
        if curve:
            sentence += builder.words(W.CASE_RESULT["and_curve"])
    else:
        sentence = builder.words(W.CASE_RESULT["curve" if curve else "none"])
    builder.add(depth + 1, None, None, sentence, "case_result")


def _note_only(builder: OutlineBuilder, step: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(step), step.rule)


def _linear(builder: OutlineBuilder, step: Step, depth: int) -> None:
    (value,) = step.result[0]
    var = step.details["unknown"]
    builder.add(depth, _m(builder, var), _m(builder, value), builder.note(step), step.rule)


def _substitute(builder: OutlineBuilder, step: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(step), step.rule)
    for new in step.result:
        note = ""
        if new == 0:
            note = builder.words(W.SUBSTITUTED_IDENTITY)
        elif not new.free_symbols:
            note = builder.words(W.SUBSTITUTED_FALSE)
        builder.add(depth + 1, _m(builder, new), _m(builder, sp.Integer(0)), note, step.rule)


def _back(builder: OutlineBuilder, step: Step, depth: int) -> None:
    var = step.details["unknown"]
    rhs = f"{_m(builder, step.expr)} = {_m(builder, step.result)}"
    names, values = list(step.details["at"].keys()), list(step.details["at"].values())
    if len(names) == 1:
        where = builder.notation.math(sp.Eq(names[0], values[0], evaluate=False))
    else:
        where = f"{point(builder, names)} = {point(builder, values)}"
    note = builder.note(step) + builder.notation.words(" at ") + builder.notation.inline(where)
    builder.add(depth, _m(builder, var), rhs, note, step.rule)


def _rewrite(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """A factorisation or a dropped factor: expr = written form, then = 0."""
    written = builder.notation.math(step.result, written=True)
    expr = _m(builder, step.expr)
    rhs = "0" if written == expr else f"{written} = 0"
    builder.add(depth, expr, rhs, builder.note(step), step.rule)


def _clear(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d = step.details
    note = builder.note(step)
    builder.add(
        depth, _m(builder, step.expr), f"{_m(builder, sp.together(step.expr))} = 0", note, step.rule
    )
    builder.add(depth, _m(builder, d["numerator"]), _m(builder, sp.Integer(0)), "", step.rule)


def _combine(builder: OutlineBuilder, step: Step, depth: int) -> None:
    b, a = step.details["multipliers"]
    terms = []
    for sign, factor, eq in ((1, b, step.details["keep"]), (-1, a, step.details["drop"])):
        text = _paren(builder, _m(builder, eq))
        terms.append((sign, text if factor == 1 else f"{_times(builder, [factor])}{text}"))
    rhs = f"{_m(builder, step.result)} = 0"
    builder.add(depth, _sum(builder, terms), rhs, builder.note(step), step.rule)


def _stated_system(builder: OutlineBuilder, step: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(step), step.rule)
    for eq in step.result:
        _equation(builder, depth + 1, eq)


def _contradiction(builder: OutlineBuilder, step: Step, depth: int) -> None:
    (eq,) = step.expr
    _equation(builder, depth, eq, builder.note(step), step.rule)


def _never_zero(builder: OutlineBuilder, step: Step, depth: int) -> None:
    (eq,) = step.expr
    proof = step.children[0]
    relation = "> 0" if proof.details["sign"] > 0 else "< 0"
    expr = _m(builder, eq.lhs)
    if proof.result != proof.expr:
        written = builder.notation.math(proof.result, written=True)
        builder.add(depth, expr, f"{written} {relation}", builder.note(step), step.rule)
    else:
        builder.add(depth, f"{expr} {relation}", None, builder.note(step), step.rule)


def _curve(builder: OutlineBuilder, step: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(step), step.rule)


def roots(builder: OutlineBuilder, step: Step, depth: int, show_equation: bool = True) -> None:
    """An equation in one unknown: factorised, quadratic formula or numerical roots, the roots."""
    (eq,) = step.expr
    var, digits = step.details["unknown"], step.details.get("digits")
    found = [_m(builder, r) for (r,) in step.result]
    answer = _joined(builder, found) if found else None
    numeric = builder.words(W.NUMERIC, digits=str(SHOWN)) if digits else ""
    trivial = len(found) == 1 and sp.expand(eq.lhs - eq.rhs - (var - step.result[0][0])) == 0
    if not step.children and show_equation and trivial:
        return  # the equation already reads x = value
    if not step.children and show_equation:
        note = "; ".join(filter(None, (builder.note(step), numeric)))
        if found:
            equation = builder.notation.inline(_m(builder, eq))
            note = builder.words(W.ROOTS_FROM, equation=equation) + "; " + note
            builder.add(depth, _m(builder, var), answer, note.rstrip("; "), step.rule)
        else:
            _equation(builder, depth, eq, builder.note(step), step.rule)
            builder.add(depth + 1, None, None, builder.words(W.ROOTS["none"]), "roots")
        return
    factored = next((c for c in step.children if c.rule == "system_factor"), None)
    if factored is not None:
        written = f"{builder.notation.math(factored.result, written=True)} = 0"
        builder.add(depth, _m(builder, eq.lhs), written, builder.note(factored), factored.rule)
    elif show_equation:
        _equation(builder, depth, eq, builder.note(step), step.rule)
    formulas = [c for c in step.children if c.rule in ("system_quadratic", "system_numeric_roots")]
    for child in formulas:
        _formula(builder, child, depth + 1, var)
    if factored is None and len(formulas) == 1:
        return  # the formula's line already gives the roots
    if found:
        builder.add(depth, _m(builder, var), answer, numeric, "roots")
    else:
        builder.add(depth, None, None, builder.words(W.ROOTS["none"]), "roots")


def _formula(builder: OutlineBuilder, step: Step, depth: int, var) -> None:
    """The quadratic formula, or numerical roots, for one factor."""
    found = [_m(builder, r) for (r,) in step.result]
    factor = _m(builder, step.expr[0].lhs)
    rhs = _joined(builder, found) if found else builder.notation.math(sp.Integer(0))
    label = _m(builder, var) if found else factor
    note = builder.note(step)
    if step.details.get("digits"):
        note += "; " + builder.words(W.NUMERIC, digits=str(SHOWN))
    if not found:
        note += builder.notation.words(" < 0: ") + builder.words(W.ROOTS["none"])
    builder.add(depth, label, rhs, note, step.rule)


MOVES = {
    "system_solve": _continue,
    "system_case": _case,
    "system_linear": _linear,
    "system_substitute": _substitute,
    "system_back_substitute": _back,
    "system_factor": _rewrite,
    "system_drop_factor": _rewrite,
    "system_clear_denominators": _clear,
    "system_combine": _combine,
    "system_groebner": _stated_system,
    "system_contradiction": _contradiction,
    "system_never_zero": _never_zero,
    "system_roots": roots,
    "system_free": _note_only,
    "system_cas": _note_only,
    "system_curve": _curve,
    "system_unsolved": _note_only,
}


# -- stationary points ---------------------------------------------------------------------------


def stationary_points(builder: OutlineBuilder, step: Step, depth: int) -> None:
    variables = step.details["variables"]
    n = builder.notation
    builder.add(depth, _call(builder, "f", variables), _m(builder, step.expr), "", "function")
    one = len(variables) == 1
    builder.add(
        depth, None, None, builder.words(W.ONE_VARIABLE) if one else builder.note(step), step.rule
    )
    first, found, *rest = step.children
    if one:
        label = f"{n.prime('f')}({_m(builder, variables[0])})"
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
        label = f"{n.prime(n.prime('f'))}({_m(builder, variables[0])})"
        derivative = n.derivative(first.result, variables[0])
        builder.derivative(second, depth + 1, label=f"{label} = {derivative}")
    else:
        _hessian(builder, second, depth)
    if points and points[0].rule == "determinant_formula":
        _determinant_formula(builder, points.pop(0), second.result, depth)
    for child in points:
        _point(builder, child, depth, step.details["test"], variables)
    _summary(builder, step, points, depth)


def _gradient(builder: OutlineBuilder, step: Step, depth: int, name: str) -> None:
    """∇f (or ∇g, ∇h): each partial derivative derived, then the vector."""
    n = builder.notation
    top = n.symbol(name)
    for child in step.children:
        entry(builder, child, depth, partial_name(builder, top, (child.var,)))
    builder.add(depth, _nabla(builder, name), _m(builder, sp.Tuple(*step.result)), "", step.rule)


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
            rhs = f"{mirror} = {_m(builder, item.result)}"
            builder.add(depth + 1, label, rhs, builder.note(item), item.rule)
        else:
            label = partial_name(builder, f, (item.var, item.details["first"]))
            entry(builder, item, depth + 1, label, show_expr=True)
    builder.add_matrix(depth, "H", step.result, "", step.rule)


def _determinant_formula(builder: OutlineBuilder, step: Step, H, depth: int) -> None:
    square = _times(builder, [H[0, 1]])
    if not (H[0, 1].is_Symbol or (H[0, 1].is_number and H[0, 1] >= 0)) and not square.startswith(
        ("(", r"\left(")
    ):
        square = _paren(builder, square)
    square += "²" if builder.notation.name == "text" else "^{2}"
    written = _sum(builder, [(1, _times(builder, [H[0, 0], H[1, 1]])), (-1, square)])
    rhs = f"{written} = {_m(builder, step.result)}"
    note = builder.words(W.DISCRIMINANT, formula=_maths(builder, W.DISCRIMINANT_FORMULA))
    builder.add(depth, "D", rhs, note, step.rule)


def _point(builder: OutlineBuilder, step: Step, depth: int, test: str, variables) -> None:
    n, d = builder.notation, step.details
    coords = point(builder, [_shown(c) for c in d["point"]])
    where = _where(builder, variables, d["point"])
    builder.add(depth, None, None, builder.words(W.AT_POINT, point=n.inline(where)), step.rule)
    value, hessian, *others = step.children
    builder.add(depth + 1, f"{n.symbol('f')}{coords}", _m(builder, value.result), "", value.rule)
    if len(variables) == 1:
        label = f"{n.prime(n.prime('f'))}{coords}"
        builder.add(depth + 1, label, _m(builder, hessian.result[0, 0]), "", hessian.rule)
    else:
        builder.add_matrix(depth + 1, f"H{coords}", _shown(hessian.result), "", hessian.rule)
    for child in others:
        if child.rule == "determinant_value":
            builder.add(depth + 1, f"D{coords}", _m(builder, child.result), "", child.rule)
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
    t = _m(builder, step.details["unknown"])
    label = f"det(H − {t}I)" if n.name == "text" else rf"\det(H - {t} I)"
    if builder.detail == "full" or (builder.detail == "standard" and size > 2):
        size = len(d["eigenvalues"])
        shifted = d["hessian"] - step.details["unknown"] * sp.eye(size)
        rhs = f"{_determinant_text(builder, shifted)} = {_m(builder, char.result)}"
        builder.add(depth, label, rhs, builder.note(char), char.rule)
        roots(builder, found, depth + 1, show_equation=False)
    values = [_m(builder, v) for v in d["eigenvalues"]]
    sign = n.words(W.EIGEN_SIGNS[d["eigen_pattern"]])
    note = builder.words(W.EIGENVALUES, point=n.inline(f"H{coords}"), signs=sign)
    builder.add(depth, t, ", ".join(values), note, step.rule)


def _classification(builder: OutlineBuilder, step: Step, test: str) -> str:
    kind = step.details["classification"]
    if kind == "family":
        return builder.words(W.CLASSIFY["family"])
    key = {"eigenvalues": f"eigen_{kind}", "second_derivative": f"one_{kind}"}.get(test, kind)
    template = W.CLASSIFY.get(key, W.CLASSIFY[kind])
    return builder.words(template, condition=_maths(builder, W.CONDITIONS[(test, kind)]))


def _higher_order(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    shifts, at = step.details["shifts"], step.details["point"]
    moved = [h if c == 0 else sp.Add(c, h, evaluate=False) for c, h in zip(at, shifts, strict=True)]
    minus = " − " if n.name == "text" else " - "
    label = f"{n.symbol('f')}{point(builder, moved)}{minus}{n.symbol('f')}{point(builder, at)}"
    difference = _maths(builder, W.DIFFERENCE)
    note = builder.words(W.HIGHER_ORDER, difference=difference)
    builder.add(depth, label, _m(builder, step.result), note, step.rule)
    verdict = builder.words(W.REFINED[step.details["verdict"]], difference=difference)
    builder.add(depth, None, None, verdict, "refined")


def _summary(builder: OutlineBuilder, step: Step, points, depth: int) -> None:
    if not points:
        return
    n, test = builder.notation, step.details["test"]
    variables = step.details["variables"]
    header = [point(builder, variables) if len(variables) > 1 else _m(builder, variables[0])]
    header.append(f"{n.symbol('f')}")
    if test == "second_derivative":
        header.append(f"{n.prime(n.prime('f'))}")
    elif test == "determinant":
        header += ["D", n.symbol("f_xx")]
    else:
        header.append(_text(builder, W.TABLE_WORDS["eigenvalues"]))
    header.append(_text(builder, W.TABLE_WORDS["type"]))
    rows = [_summary_row(builder, child, test) for child in points]
    caption = builder.words(W.SUMMARY) + _precision(builder, points)
    builder.add_table(depth, header, rows, caption, "stationary_summary")


def _precision(builder: OutlineBuilder, steps) -> str:
    """'; values to 10 significant digits' when any value is a float, else ''."""
    if not any(node.details.get("digits") for step in steps for node in step.walk()):
        return ""
    return builder.notation.words("; ") + builder.words(W.NUMERIC, digits=str(SHOWN))


def _summary_row(builder: OutlineBuilder, child: Step, test: str) -> list:
    d = child.details
    coords = d["point"]
    first = (
        _m(builder, coords[0]) if len(coords) == 1 else point(builder, [_shown(c) for c in coords])
    )
    row: list = [first, _m(builder, child.result)]
    dash = _text(builder, "—")
    if test == "second_derivative":
        row.append(_m(builder, d["second"]) if "second" in d else dash)
    elif test == "determinant":
        row += [_m(builder, d[k]) if k in d else dash for k in ("determinant", "f_xx")]
    else:
        row.append(", ".join(_m(builder, e) for e in d.get("eigenvalues", ())) or dash)
    kind = d["classification"]
    refined = d.get("refined")
    name = W.TYPE_NAMES[f"refined_{refined}"] if refined else W.TYPE_NAMES[kind]
    row.append(_text(builder, name))
    return row


# -- Lagrange multipliers ------------------------------------------------------------------------

CONSTRAINT_NAMES = ("g", "h")


def lagrange(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n, d = builder.notation, step.details
    variables, multipliers = d["variables"], d["multipliers"]
    constraints = [n.inline(_m(builder, eq)) for eq in d["constraints"]]
    problem = builder.words(
        W.PROBLEM, f=d["function"], constraints=_joined_words(builder, constraints)
    )
    builder.add(depth, None, None, problem, step.rule)
    if d["outcome"] == "infeasible":
        system(builder, step.children[0], depth)
        builder.add(depth, None, None, builder.words(W.INFEASIBLE[len(multipliers)]), "infeasible")
        return
    lagrangian, *rest = step.children
    grads, rest = rest[: 1 + len(multipliers)], rest[1 + len(multipliers) :]
    equations, singular, *values = rest
    extremes = values.pop()
    intro = _maths(builder, W.INTRO_FORMULA[len(multipliers)])
    builder.add(depth, None, None, builder.words(W.INTRO, formula=intro), step.rule)
    label = _call(builder, "L", (*variables, *multipliers))
    rhs = _sum(builder, [(1, _m(builder, d["function"]))] + [
        (-1, f"{_m(builder, m)}{_paren(builder, _m(builder, g))}")
        for m, g in zip(multipliers, lagrangian.details["constraints"], strict=True)
    ])  # fmt: skip
    builder.add(depth, label, rhs, builder.note(lagrangian), lagrangian.rule)
    builder.add(depth, None, None, builder.words(W.GRADIENTS), "gradients")
    for grad, name in zip(grads, ("f", *CONSTRAINT_NAMES), strict=False):
        _gradient(builder, grad, depth + 1, name)
    _lagrange_system(builder, equations, depth, variables, multipliers)
    k = len(multipliers)
    note = builder.words(W.SINGULAR[k], formula=_maths(builder, W.SINGULAR_FORMULA[k]))
    system(builder, singular, depth, note)
    _candidates(builder, step, equations, values, depth)
    _extremes(builder, extremes, depth)


def _joined_words(builder: OutlineBuilder, items: list[str]) -> str:
    return builder.notation.words(" and ").join(items)


def _lagrange_system(builder, step: Step, depth: int, variables, multipliers) -> None:
    n = builder.notation
    formula = _maths(builder, W.INTRO_FORMULA[len(multipliers)])
    note = builder.words(W.SYSTEM[len(multipliers)], formula=formula)
    builder.add(depth, None, None, note, step.rule)
    L = n.symbol("L")
    names = (*variables, *multipliers)
    for eq, var in zip(step.expr, names, strict=True):
        note = n.inline(f"{n.partial_of(L, (var,))} = 0")
        _equation(builder, depth + 1, eq, note)
    for child in step.children:
        if child.rule in ("eliminate_multiplier", "eliminate_multipliers"):
            if child.rule == "eliminate_multipliers" and builder.detail != "brief":
                builder.add_matrix(
                    depth + 1, None, child.details["matrix"], builder.note(child), child.rule
                )
            if child.rule == "eliminate_multiplier":
                products = child.details["products"]
                written = _sum(builder, [(1, _times(builder, products[0])),
                                         (-1, _times(builder, products[1]))])  # fmt: skip
            else:
                written = _determinant_text(builder, child.details["matrix"])
            note = builder.note(child) if child.rule == "eliminate_multiplier" else ""
            builder.add(depth + 1, written, f"{_m(builder, child.result)} = 0", note, child.rule)
        elif child.rule == "lagrange_reduced":
            system(builder, child, depth + 1)
        elif child.rule == "lagrange_multipliers":
            _multipliers(builder, child, depth + 1, variables)


def _multipliers(builder: OutlineBuilder, step: Step, depth: int, variables) -> None:
    n = builder.notation
    unknowns = step.details["unknowns"]
    where = n.inline(_where(builder, variables, step.details["point"]))
    if builder.detail == "full":
        for eq in step.expr:
            _equation(builder, depth, eq, builder.words(W.MULTIPLIERS_AT, point=where), step.rule)
    for solution in step.result:
        label = _m(builder, unknowns[0]) if len(unknowns) == 1 else point(builder, unknowns)
        value = _m(builder, solution[0]) if len(unknowns) == 1 else point(builder, solution)
        builder.add(depth, label, value, builder.words(W.MULTIPLIERS_AT, point=where), step.rule)


def _candidates(builder: OutlineBuilder, step: Step, equations: Step, values, depth: int) -> None:
    if not values:
        return
    n, d = builder.notation, step.details
    variables, multipliers = d["variables"], d["multipliers"]
    size = len(variables)
    found = {tuple(s[:size]): tuple(s[size:]) for s in equations.result}
    header = [point(builder, variables), *(_m(builder, m) for m in multipliers), n.symbol("f")]
    rows = []
    for candidate, kind, value in zip(step.result, d["kinds"], values, strict=True):
        row = [point(builder, [_shown(c) for c in candidate])]
        mults = next((m for p, m in found.items() if _same_point(p, candidate)), None)
        if kind == "regular" and mults is not None:
            row += [_m(builder, m) for m in mults]
        else:
            kind = W.SINGULAR_KIND[len(multipliers)]
            row += [kind[0] if n.name == "text" else kind[1]] * len(multipliers)
        row.append(_m(builder, value.result))
        rows.append(row)
    caption = builder.words(W.CANDIDATES) + _precision(builder, values)
    builder.add_table(depth, header, rows, caption, "lagrange_candidates")


def _same_point(a, b) -> bool:
    return all(sp.simplify(p - q) == 0 if (p - q).free_symbols else abs(sp.N(p - q)) < 1e-15
               for p, q in zip(a, b, strict=True))  # fmt: skip


def _extremes(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n, d = builder.notation, step.details
    builder.add(depth, None, None, builder.note(step), step.rule)
    if not step.result:
        sentence = W.UNSOLVED_CANDIDATES if d["outcome"] == "unsolved" else W.NO_CANDIDATES
        builder.add(depth + 1, None, None, builder.words(sentence), "no_candidates")
        return
    reason = n.words(W.BOUND_REASONS[d["reason"]]) or n.words("—")
    builder.add(
        depth + 1, None, None, builder.words(W.BOUNDED[d["bounded"]], reason=reason), "bounded"
    )
    top, bottom = step.result
    top_points = _point_list(builder, d["maximum_points"])
    bottom_points = _point_list(builder, d["minimum_points"])
    values = dict(top=_shown(top), bottom=_shown(bottom))
    if top == bottom and d["maximum_points"] == d["minimum_points"]:
        sentence = builder.words(W.SINGLE_CANDIDATE, value=values["top"], points=top_points)
        builder.add(depth + 1, None, None, sentence, "extreme")
        return
    templates = W.EXTREMES["bounded" if d["bounded"] == "bounded" else "other"]
    for template in templates:
        sentence = builder.words(
            template, top_points=top_points, bottom_points=bottom_points, **values
        )
        builder.add(depth + 1, None, None, sentence, "extreme")
    if d.get("varying"):
        builder.add(depth + 1, None, None, builder.words(W.VARYING), "varying")


def _point_list(builder: OutlineBuilder, points) -> str:
    shown = []
    for p in points:
        if p and isinstance(p[0], sp.Eq):
            shown.append(
                builder.notation.inline(_joined(builder, [_m(builder, eq) for eq in p], "and"))
            )
        else:
            shown.append(builder.notation.inline(point(builder, [_shown(c) for c in p])))
    return ", ".join(shown)


LAYOUTS: dict[str, Layout] = {
    "stationary_points": stationary_points,
    "lagrange": lagrange,
    "stationary_system": system,
    "lagrange_reduced": system,
    "constraint_singular": system,
    "constraint_check": system,
    "system_solve": system,
}
