"""Layout of the two-variable Taylor expansion (tutor.solvers.taylor_two).

The function and the formula f(a, b) + J Δ [+ ½ Δᵀ H Δ]; f(a, b); the gradient (and the
Hessian) derived entry by entry by the week-2 layouts, then their values at the point; the
first- and second-order terms written out; the approximation in matrix form, in powers of the
displacement, and multiplied out. Sentences come from tutor/render/wording/taylor.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions import multivariate
from tutor.render.solutions.shared import lay_out
from tutor.render.solutions.taylor_writer import Writer, rounded
from tutor.render.wording.taylor import PHRASES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.steps.step import Step

SHOWN_DIGITS = 10


class Two:
    """The small formulas of the two-variable layout, in the builder's notation."""

    def __init__(self, builder: OutlineBuilder, step: Step):
        self.builder, self.n = builder, builder.notation
        self.latex = self.n.name == "latex"
        self.digits = step.details.get("digits") or SHOWN_DIGITS
        self.variables = step.details["variables"]
        self.about = step.details["about"]

    def words(self, key: str, **values) -> str:
        return self.builder.words(PHRASES[key], **values)

    def m(self, written: str) -> str:
        return self.n.inline(written)

    def num(self, value: sp.Basic, written: bool = False) -> str:
        return self.n.math(rounded(value, self.digits), written=written)

    def rounded(self, matrix: sp.MatrixBase) -> sp.MatrixBase:
        if not matrix.has(sp.Float):
            return matrix
        return sp.ImmutableMatrix(matrix.applyfunc(lambda v: sp.Float(v, self.digits)))

    def tuple(self, items) -> str:
        inside = ", ".join(items)
        return rf"\left({inside}\right)" if self.latex else f"({inside})"

    def point(self) -> str:
        return self.tuple([self.num(v) for v in self.about])

    def call(self, name: str, args: str) -> str:
        return f"{name}{args}"

    def name(self, order: int) -> str:
        head = "Q" if order == 2 else "L"
        return self.call(head, self.tuple([self.n.math(v) for v in self.variables]))

    def delta(self) -> list[str]:
        return [self.n.math(v - p) for v, p in zip(self.variables, self.about, strict=True)]

    def half(self) -> str:
        return r"\frac{1}{2}" if self.latex else "½"

    def transpose(self, written: str) -> str:
        return f"{written}^{{T}}" if self.latex else f"{written}ᵀ"

    def delta_name(self) -> str:
        return r"\Delta" if self.latex else "Δ"

    def row(self, items) -> str:
        if self.latex:
            return r"\begin{bmatrix}" + " & ".join(items) + r"\end{bmatrix}"
        return "[" + "  ".join(items) + "]"

    def column(self, items) -> str:
        if self.latex:
            return r"\begin{bmatrix}" + r" \\ ".join(items) + r"\end{bmatrix}"
        return self.transpose(self.tuple(items))

    def square(self, matrix: sp.MatrixBase) -> str:
        rows = [[self.num(v) for v in matrix.row(i)] for i in range(matrix.rows)]
        if self.latex:
            body = r" \\ ".join(" & ".join(r) for r in rows)
            return r"\begin{bmatrix}" + body + r"\end{bmatrix}"
        return "[" + "; ".join(" ".join(r) for r in rows) + "]"

    def formula(self, order: int) -> str:
        d, nabla = self.delta_name(), (r"\nabla f" if self.latex else "∇f")
        first = f"f(a, b) + {self.transpose(nabla)}(a, b) {d}"
        if order == 2:
            first += f" + {self.half()} {self.transpose(d)} H(a, b) {d}"
        return f"{self.name(order)} = {first}"


def two_variables(builder: OutlineBuilder, step: Step, depth: int) -> None:
    t = Two(builder, step)
    order = step.details["order"]
    value, *middle, total = step.children
    terms = [child for child in middle if child.rule in ("taylor2_linear", "taylor2_quadratic")]
    head = t.call("f", t.tuple([t.n.math(v) for v in t.variables]))
    builder.add(depth, head, t.n.math(step.expr), "", "function")
    delta = f"{t.delta_name()} = {t.tuple(t.delta())}"
    intro = t.words(
        f"two_intro_{order}", point=t.m(t.point()), formula=t.m(t.formula(order)), delta=t.m(delta)
    )
    builder.add(depth, None, None, intro, step.rule)
    builder.add(
        depth + 1, t.call("f", t.point()), t.num(value.result), t.words("two_value"), value.rule
    )
    if order == 1:
        lay_out(builder, middle[0], depth + 1)
    else:
        hess_at, grad_value = middle[0], middle[1]
        multivariate.hessian(builder, hess_at.children[0], depth + 1)
        nabla = (r"\nabla f" if t.latex else "∇f") + t.point()
        shown = t.tuple([t.num(v) for v in grad_value.result])
        builder.add(depth + 1, nabla, shown, t.words("two_gradient"), grad_value.rule)
        note = t.words("two_hessian")
        builder.add_matrix(depth + 1, f"H{t.point()}", t.rounded(hess_at.result), note, "at_point")
    for term in terms:
        _term(t, step, term, depth + 1)
    _total(t, step, total, depth)


def _term(t: Two, step: Step, term: Step, depth: int) -> None:
    d = t.delta_name()
    if term.rule == "taylor2_linear":
        grad = term.details["gradient"]
        nabla = r"\nabla f" if t.latex else "∇f"
        label = f"{t.transpose(nabla)} {d}"
        matrix = f"{t.row([t.num(v) for v in grad])} {t.column(t.delta())}"
        key = "two_linear"
    else:
        hess = term.details["hessian"]
        label = f"{t.half()} {t.transpose(d)} H {d}"
        matrix = f"{t.half()} {t.row(t.delta())} {t.square(hess)} {t.column(t.delta())}"
        key = "two_quadratic"
    written = t.num(term.expr, written=True)
    result = Writer(t.builder, step).rising(list(term.details["terms"]))
    rhs = f"{matrix} = {written} = {result}"
    if t.builder.detail == "brief":
        rhs = result
    t.builder.add(depth, label, rhs, t.words(key), term.rule)


def _total(t: Two, step: Step, total: Step, depth: int) -> None:
    order = step.details["order"]
    grouped, expanded = total.details["grouped"], total.details["expanded"]
    writer = Writer(t.builder, step)
    parts = [t.num(step.details["value"])]
    grad = step.details["gradient"]
    parts.append(f"{t.row([t.num(v) for v in grad])} {t.column(t.delta())}")
    if order == 2:
        hess = step.details["hessian"]
        parts.append(f"{t.half()} {t.row(t.delta())} {t.square(hess)} {t.column(t.delta())}")
    name = t.name(order)
    t.builder.add(depth, name, " + ".join(parts), t.words("two_matrix_form"), step.rule)
    note = t.words(f"two_sum_{order}")
    note += "; " + t.words(f"two_error_{order}", point=t.m(t.point()))
    shown = writer.rising(list(total.details["terms"]))
    t.builder.add(depth, None, shown, note, total.rule)
    if expanded != grouped:
        t.builder.add(depth, None, t.num(expanded), t.words("multiplied_out"), total.rule)
