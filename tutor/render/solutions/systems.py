"""Layout of a system of equations solved step by step (tutor.solvers.systems), for the
week-5 critical-point solvers.

A system reads as on paper: the equations one per line, then each move (an equation solved for
an unknown, a substitution, a factorisation split into cases, a quadratic formula), then the
solutions. `system` and `roots` (one unknown's roots) also serve the stationary-point and
Lagrange layouts (tutor.render.solutions.critical, .lagrange). Its LAYOUTS are merged in
tutor.render.solutions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.critical_common import (
    SHOWN,
    equation_line,
    joined,
    located,
    maths,
    paren,
    point,
    signed_sum,
    times,
)
from tutor.render.wording import critical as W

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step


def system(builder: OutlineBuilder, step: Step, depth: int, note: str | None = None) -> None:
    """A system from tutor.solvers.systems: the equations, the moves, the solutions."""
    builder.add(depth, None, None, builder.note(step) if note is None else note, step.rule)
    for eq in step.expr:
        equation_line(builder, depth + 1, eq)
    if builder.detail != "brief":
        for child in step.children:
            _moves(builder, child, depth + 1)
    _solutions(builder, step, depth + 1)


def _solutions(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d, unknowns = step.details, step.details["unknowns"]
    points = [s for s in step.result if s not in d.get("families", ())]
    sentences = []
    if points:
        shown = [builder.notation.inline(located(builder, unknowns, s)) for s in points]
        sentences.append(builder.words(W.SOLUTIONS["points"], points=", ".join(shown)))
    for family in d.get("families", ()):
        free = [u for u in unknowns if u in family]
        written = builder.notation.inline(located(builder, unknowns, family))
        sentences.append(builder.words(W.SOLUTIONS["families"], families=written, free=free))
    for curve in d.get("curves", ()):
        curves = joined(builder, [maths(builder, eq) for eq in curve], "and")
        sentences.append(
            builder.words(W.SOLUTIONS["curves"], curves=builder.notation.inline(curves))
        )
    for systems, reason in zip(d.get("unsolved", ()), d.get("reasons", ()), strict=True):
        stated = builder.notation.inline(", ".join(maths(builder, eq) for eq in systems))
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
        shown = [builder.notation.inline(located(builder, unknowns, s)) for s in step.result]
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
    builder.add(depth, maths(builder, var), maths(builder, value), builder.note(step), step.rule)


def _substitute(builder: OutlineBuilder, step: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(step), step.rule)
    for new in step.result:
        note = ""
        if new == 0:
            note = builder.words(W.SUBSTITUTED_IDENTITY)
        elif not new.free_symbols:
            note = builder.words(W.SUBSTITUTED_FALSE)
        builder.add(depth + 1, maths(builder, new), maths(builder, sp.Integer(0)), note, step.rule)


def _back(builder: OutlineBuilder, step: Step, depth: int) -> None:
    var = step.details["unknown"]
    rhs = f"{maths(builder, step.expr)} = {maths(builder, step.result)}"
    names, values = list(step.details["at"].keys()), list(step.details["at"].values())
    if len(names) == 1:
        where = builder.notation.math(sp.Eq(names[0], values[0], evaluate=False))
    else:
        where = f"{point(builder, names)} = {point(builder, values)}"
    note = builder.note(step) + builder.notation.words(" at ") + builder.notation.inline(where)
    builder.add(depth, maths(builder, var), rhs, note, step.rule)


def _rewrite(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """A factorisation or a dropped factor: expr = written form, then = 0."""
    written = builder.notation.math(step.result, written=True)
    expr = maths(builder, step.expr)
    rhs = "0" if written == expr else f"{written} = 0"
    builder.add(depth, expr, rhs, builder.note(step), step.rule)


def _clear(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d = step.details
    note = builder.note(step)
    builder.add(
        depth,
        maths(builder, step.expr),
        f"{maths(builder, sp.together(step.expr))} = 0",
        note,
        step.rule,
    )
    builder.add(depth, maths(builder, d["numerator"]), maths(builder, sp.Integer(0)), "", step.rule)


def _combine(builder: OutlineBuilder, step: Step, depth: int) -> None:
    b, a = step.details["multipliers"]
    terms = []
    for sign, factor, eq in ((1, b, step.details["keep"]), (-1, a, step.details["drop"])):
        text = paren(builder, maths(builder, eq))
        terms.append((sign, text if factor == 1 else f"{times(builder, [factor])}{text}"))
    rhs = f"{maths(builder, step.result)} = 0"
    builder.add(depth, signed_sum(builder, terms), rhs, builder.note(step), step.rule)


def _stated_system(builder: OutlineBuilder, step: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(step), step.rule)
    for eq in step.result:
        equation_line(builder, depth + 1, eq)


def _contradiction(builder: OutlineBuilder, step: Step, depth: int) -> None:
    (eq,) = step.expr
    equation_line(builder, depth, eq, builder.note(step), step.rule)


def _never_zero(builder: OutlineBuilder, step: Step, depth: int) -> None:
    (eq,) = step.expr
    proof = step.children[0]
    relation = "> 0" if proof.details["sign"] > 0 else "< 0"
    expr = maths(builder, eq.lhs)
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
    found = [maths(builder, r) for (r,) in step.result]
    answer = joined(builder, found) if found else None
    numeric = builder.words(W.NUMERIC, digits=str(SHOWN)) if digits else ""
    trivial = len(found) == 1 and sp.expand(eq.lhs - eq.rhs - (var - step.result[0][0])) == 0
    if not step.children and show_equation and trivial:
        return  # the equation already reads x = value
    if not step.children and show_equation:
        note = "; ".join(filter(None, (builder.note(step), numeric)))
        if found:
            equation = builder.notation.inline(maths(builder, eq))
            note = builder.words(W.ROOTS_FROM, equation=equation) + "; " + note
            builder.add(depth, maths(builder, var), answer, note.rstrip("; "), step.rule)
        else:
            equation_line(builder, depth, eq, builder.note(step), step.rule)
            builder.add(depth + 1, None, None, builder.words(W.ROOTS["none"]), "roots")
        return
    factored = next((c for c in step.children if c.rule == "system_factor"), None)
    if factored is not None:
        written = f"{builder.notation.math(factored.result, written=True)} = 0"
        builder.add(depth, maths(builder, eq.lhs), written, builder.note(factored), factored.rule)
    elif show_equation:
        equation_line(builder, depth, eq, builder.note(step), step.rule)
    formulas = [c for c in step.children if c.rule in ("system_quadratic", "system_numeric_roots")]
    for child in formulas:
        _formula(builder, child, depth + 1, var)
    if factored is None and len(formulas) == 1:
        return  # the formula's line already gives the roots
    if found:
        builder.add(depth, maths(builder, var), answer, numeric, "roots")
    else:
        builder.add(depth, None, None, builder.words(W.ROOTS["none"]), "roots")


def _formula(builder: OutlineBuilder, step: Step, depth: int, var) -> None:
    """The quadratic formula, or numerical roots, for one factor."""
    found = [maths(builder, r) for (r,) in step.result]
    factor = maths(builder, step.expr[0].lhs)
    rhs = joined(builder, found) if found else builder.notation.math(sp.Integer(0))
    label = maths(builder, var) if found else factor
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


LAYOUTS: dict[str, Layout] = {
    "stationary_system": system,
    "lagrange_reduced": system,
    "constraint_singular": system,
    "constraint_check": system,
    "system_solve": system,
}
