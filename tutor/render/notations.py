"""The two notations a derivation is written in: Unicode text and LaTeX.

The outline builder (tutor.render.outline) is written once against this small interface; each
notation decides how maths, derivative labels and the explanation's plain words are written.
"""

from __future__ import annotations

import sympy as sp

from tutor.notation import (
    derivative_label,
    derivative_label_latex,
    escape_latex_words,
    is_written_form,
    partial_label,
    partial_label_latex,
    to_latex,
    to_text,
)

RELATION_TEXT = {"==": "=", "!=": "≠", "<": "<", ">": ">", "<=": "≤", ">=": "≥"}
RELATION_LATEX = {"==": "=", "!=": r"\neq", "<": "<", ">": ">", "<=": r"\leq", ">=": r"\geq"}


class TextNotation:
    name = "text"
    relations = RELATION_TEXT

    def math(self, expr: sp.Basic, written: bool = False) -> str:
        """`written`: keep the order an unevaluated form was built in (a rule's applied form)."""
        return to_text(expr, written)

    def step_math(self, expr: sp.Basic) -> str:
        """A rewrite's expression: written order when it was built unevaluated, else textbook."""
        return self.math(expr, written=is_written_form(expr))

    def inline(self, maths: str) -> str:
        """Maths placed inside an explanation."""
        return maths

    def words(self, text: str) -> str:
        return text

    def derivative(self, expr: sp.Basic, var: sp.Symbol, order: int = 1) -> str:
        return derivative_label(to_text(expr), to_text(var), order)

    def leibniz(self, top: sp.Symbol, var: sp.Symbol) -> str:
        return f"d{to_text(top)}/d{to_text(var)}"

    def partial(self, expr: sp.Basic, variables: sp.Symbol | tuple) -> str:
        """∂/∂x [x y]; a tuple of variables gives the mixed ∂²/∂x∂y [...]."""
        names = tuple(str(v) for v in variables) if isinstance(variables, tuple) else str(variables)
        return partial_label(to_text(expr), names)

    def partial_of(self, top: str, variables: tuple) -> str:
        """∂f₁/∂x, ∂²f/∂x∂y: the partial derivative of a named function (`top` already written)."""
        order = len(variables)
        head = "∂" + (_superscript_text(order) if order > 1 else "")
        return f"{head}{top}/" + "".join("∂" + to_text(v) for v in variables)

    def symbol(self, name: str) -> str:
        """A function or vector name such as f_1, J, nabla f, written in the notation."""
        return to_text(sp.Symbol(name))

    def prime(self, name: str) -> str:
        return f"{name}'"

    def limit(self, expr: sp.Basic, var: sp.Symbol, point) -> str:
        return f"lim {to_text(var)}→{to_text(_as_expr(point))} [{to_text(expr)}]"

    def condition(self, condition: sp.Basic) -> str:
        return condition_string(self, condition)


class LatexNotation(TextNotation):
    name = "latex"
    relations = RELATION_LATEX

    def math(self, expr: sp.Basic, written: bool = False) -> str:
        return to_latex(expr, written)

    def inline(self, maths: str) -> str:
        return f"${maths}$"

    def words(self, text: str) -> str:
        return escape_latex_words(text)

    def derivative(self, expr: sp.Basic, var: sp.Symbol, order: int = 1) -> str:
        return derivative_label_latex(to_latex(expr), to_latex(var), order)

    def leibniz(self, top: sp.Symbol, var: sp.Symbol) -> str:
        return rf"\frac{{d{to_latex(top)}}}{{d{to_latex(var)}}}"

    def partial(self, expr: sp.Basic, variables: sp.Symbol | tuple) -> str:
        names = tuple(str(v) for v in variables) if isinstance(variables, tuple) else str(variables)
        return partial_label_latex(to_latex(expr), names)

    def partial_of(self, top: str, variables: tuple) -> str:
        order = len(variables)
        head = r"\partial" + (f"^{{{order}}}" if order > 1 else "")
        bottom = " ".join(rf"\partial {to_latex(v)}" for v in variables)
        return rf"\frac{{{head} {top}}}{{{bottom}}}"

    def symbol(self, name: str) -> str:
        return to_latex(sp.Symbol(name))

    def limit(self, expr: sp.Basic, var: sp.Symbol, point) -> str:
        target = to_latex(_as_expr(point))
        return rf"\lim_{{{to_latex(var)} \to {target}}} \left[{to_latex(expr)}\right]"


def _superscript_text(order: int) -> str:
    return str(order).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _as_expr(value) -> sp.Basic:
    """A limit point from a step's details: already sympy, or a plain int (never text)."""
    return value if isinstance(value, sp.Basic) else sp.Integer(value)


def condition_string(notation: TextNotation, condition: sp.Basic) -> str:
    """x ≠ 0, |x| < 1, 0 < x and x < 1: a step's condition in the notation's symbols."""
    if isinstance(condition, sp.And):
        return " and ".join(condition_string(notation, part) for part in condition.args)
    if isinstance(condition, sp.core.relational.Relational):
        op = notation.relations.get(condition.rel_op, condition.rel_op)
        return f"{notation.math(condition.lhs)} {op} {notation.math(condition.rhs)}"
    return notation.math(condition)


TEXT = TextNotation()
LATEX = LatexNotation()
