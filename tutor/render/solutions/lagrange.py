"""Layout of the week-5 Lagrange multipliers (tutor.solvers.lagrange).

The problem and the Lagrangian L = f − λ g (− μ h), the gradients of f and the constraints
derived, the system ∇L = 0 with the multipliers eliminated and the reduced system solved step
by step (tutor.render.solutions.systems), each point's multipliers, the singular points of the
constraints, a table of candidates and the maximum and minimum (or why they cannot be claimed).
Values are written as tutor.render.solutions.critical_common writes them. Its LAYOUTS are merged
in tutor.render.solutions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.critical_common import (
    call,
    determinant_text,
    equation_line,
    inline_maths,
    joined,
    located,
    maths,
    paren,
    point,
    precision_note,
    shown_value,
    signed_sum,
    times,
)
from tutor.render.solutions.multivariate import entry, partial_name
from tutor.render.solutions.systems import system
from tutor.render.wording import critical as W

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step

CONSTRAINT_NAMES = ("g", "h")


def lagrange(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n, d = builder.notation, step.details
    variables, multipliers = d["variables"], d["multipliers"]
    constraints = [n.inline(maths(builder, eq)) for eq in d["constraints"]]
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
    intro = inline_maths(builder, W.INTRO_FORMULA[len(multipliers)])
    builder.add(depth, None, None, builder.words(W.INTRO, formula=intro), step.rule)
    label = call(builder, "L", (*variables, *multipliers))
    rhs = signed_sum(builder, [(1, maths(builder, d["function"]))] + [
        (-1, f"{maths(builder, m)}{paren(builder, maths(builder, g))}")
        for m, g in zip(multipliers, lagrangian.details["constraints"], strict=True)
    ])  # fmt: skip
    builder.add(depth, label, rhs, builder.note(lagrangian), lagrangian.rule)
    builder.add(depth, None, None, builder.words(W.GRADIENTS), "gradients")
    for grad, name in zip(grads, ("f", *CONSTRAINT_NAMES), strict=False):
        _gradient(builder, grad, depth + 1, name)
    _lagrange_system(builder, equations, depth, variables, multipliers)
    k = len(multipliers)
    note = builder.words(W.SINGULAR[k], formula=inline_maths(builder, W.SINGULAR_FORMULA[k]))
    system(builder, singular, depth, note)
    _candidates(builder, step, equations, values, depth)
    _extremes(builder, extremes, depth)


def _joined_words(builder: OutlineBuilder, items: list[str]) -> str:
    return builder.notation.words(" and ").join(items)


def _lagrange_system(builder, step: Step, depth: int, variables, multipliers) -> None:
    n = builder.notation
    formula = inline_maths(builder, W.INTRO_FORMULA[len(multipliers)])
    note = builder.words(W.SYSTEM[len(multipliers)], formula=formula)
    builder.add(depth, None, None, note, step.rule)
    L = n.symbol("L")
    names = (*variables, *multipliers)
    for eq, var in zip(step.expr, names, strict=True):
        note = n.inline(f"{n.partial_of(L, (var,))} = 0")
        equation_line(builder, depth + 1, eq, note)
    for child in step.children:
        if child.rule in ("eliminate_multiplier", "eliminate_multipliers"):
            if child.rule == "eliminate_multipliers" and builder.detail != "brief":
                builder.add_matrix(
                    depth + 1, None, child.details["matrix"], builder.note(child), child.rule
                )
            if child.rule == "eliminate_multiplier":
                products = child.details["products"]
                written = signed_sum(builder, [(1, times(builder, products[0])),
                                               (-1, times(builder, products[1]))])  # fmt: skip
            else:
                written = determinant_text(builder, child.details["matrix"])
            note = builder.note(child) if child.rule == "eliminate_multiplier" else ""
            builder.add(depth + 1, written, f"{maths(builder, child.result)} = 0", note, child.rule)
        elif child.rule == "lagrange_reduced":
            system(builder, child, depth + 1)
        elif child.rule == "lagrange_multipliers":
            _multipliers(builder, child, depth + 1, variables)


def _multipliers(builder: OutlineBuilder, step: Step, depth: int, variables) -> None:
    n = builder.notation
    unknowns = step.details["unknowns"]
    where = n.inline(located(builder, variables, step.details["point"]))
    if builder.detail == "full":
        for eq in step.expr:
            equation_line(
                builder, depth, eq, builder.words(W.MULTIPLIERS_AT, point=where), step.rule
            )
    for solution in step.result:
        label = maths(builder, unknowns[0]) if len(unknowns) == 1 else point(builder, unknowns)
        value = maths(builder, solution[0]) if len(unknowns) == 1 else point(builder, solution)
        builder.add(depth, label, value, builder.words(W.MULTIPLIERS_AT, point=where), step.rule)


def _candidates(builder: OutlineBuilder, step: Step, equations: Step, values, depth: int) -> None:
    if not values:
        return
    n, d = builder.notation, step.details
    variables, multipliers = d["variables"], d["multipliers"]
    size = len(variables)
    found = {tuple(s[:size]): tuple(s[size:]) for s in equations.result}
    header = [point(builder, variables), *(maths(builder, m) for m in multipliers), n.symbol("f")]
    rows = []
    for candidate, kind, value in zip(step.result, d["kinds"], values, strict=True):
        row = [point(builder, [shown_value(c) for c in candidate])]
        mults = next((m for p, m in found.items() if _same_point(p, candidate)), None)
        if kind == "regular" and mults is not None:
            row += [maths(builder, m) for m in mults]
        else:
            kind = W.SINGULAR_KIND[len(multipliers)]
            row += [kind[0] if n.name == "text" else kind[1]] * len(multipliers)
        row.append(maths(builder, value.result))
        rows.append(row)
    caption = builder.words(W.CANDIDATES) + precision_note(builder, values)
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
    values = dict(top=shown_value(top), bottom=shown_value(bottom))
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
                builder.notation.inline(joined(builder, [maths(builder, eq) for eq in p], "and"))
            )
        else:
            shown.append(builder.notation.inline(point(builder, [shown_value(c) for c in p])))
    return ", ".join(shown)


def _gradient(builder: OutlineBuilder, step: Step, depth: int, name: str) -> None:
    """∇f (or ∇g, ∇h): each partial derivative derived, then the vector."""
    n = builder.notation
    top = n.symbol(name)
    for child in step.children:
        entry(builder, child, depth, partial_name(builder, top, (child.var,)))
    builder.add(depth, _nabla(builder, name), maths(builder, sp.Tuple(*step.result)), "", step.rule)


def _nabla(builder: OutlineBuilder, name: str) -> str:
    symbol = builder.notation.symbol(name)
    return f"∇{symbol}" if builder.notation.name == "text" else rf"\nabla {symbol}"


LAYOUTS: dict[str, Layout] = {"lagrange": lagrange}
