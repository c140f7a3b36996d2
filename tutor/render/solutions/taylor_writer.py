"""How the Taylor layouts write their small formulas, in Unicode text or LaTeX: f⁽ᵏ⁾(a),
(x − a)ᵏ, Σ, O(xⁿ), intervals, fractions, and numbers (floats to the tree's digits, exact
values with their decimal where that helps). Sentences come from tutor/render/wording/taylor.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.wording.taylor import PHRASES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.steps.step import Step

SHOWN_DIGITS = 10  # what the solvers show when a tree does not say (tutor.solvers.numbers)
SUPERSCRIPTS = str.maketrans("0123456789+-()kn", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ᵏⁿ")
SUBSCRIPTS = str.maketrans("0123456789+-kn", "₀₁₂₃₄₅₆₇₈₉₊₋ₖₙ")
SIMPLE = set("0123456789.")


class Writer:
    def __init__(self, builder: OutlineBuilder, step: Step):
        self.builder, self.notation = builder, builder.notation
        self.latex = builder.notation.name == "latex"
        self.digits = step.details.get("digits") or SHOWN_DIGITS
        self.var = step.var
        self.centre_value = step.details.get("about", sp.Integer(0))
        if self.var is not None:
            self.x = self.notation.math(self.var)
            self.centre = self.notation.math(self.centre_value)
            self.delta = self.notation.math(self.var - self.centre_value)
            self.at_centre = f"{self.x} = {self.centre}"
        self.le = r"\le" if self.latex else "≤"
        self.max_word = r"\max" if self.latex else "max"
        self.minus = "-" if self.latex else "−"

    # -- words ---------------------------------------------------------------------------------

    def words(self, key: str, **values) -> str:
        return self.builder.words(PHRASES[key], **values)

    def word(self, key: str) -> str:
        """A phrase where maths is expected (a table cell, a line's right side)."""
        text = PHRASES[key]
        return rf"\text{{{self.notation.words(text)}}}" if self.latex else text

    def note(self, step: Step) -> str:
        return self.builder.note(step)

    def m(self, written: str) -> str:
        return self.notation.inline(written)

    # -- names ---------------------------------------------------------------------------------

    def sup(self, text: str) -> str:
        return f"^{{{text}}}" if self.latex else text.translate(SUPERSCRIPTS)

    def sub(self, base: str, index: str) -> str:
        return f"{base}_{{{index}}}" if self.latex else base + index.translate(SUBSCRIPTS)

    def nth(self, k: int | str, argument: str | None = None) -> str:
        """f, f', f'', f''', f⁽⁴⁾, f⁽ᵏ⁾, applied to `argument` when given."""
        if isinstance(k, int) and k <= 3:
            name = "f" + "'" * k
        else:
            name = "f" + self.sup(f"({k})")
        return name if argument is None else self.call(name, argument)

    def call(self, name: str, argument: str) -> str:
        return rf"{name}\left({argument}\right)" if self.latex else f"{name}({argument})"

    def br(self, written: str) -> str:
        return rf"\left({written}\right)" if self.latex else f"({written})"

    def abs(self, written: str) -> str:
        return rf"\left|{written}\right|" if self.latex else f"|{written}|"

    def poly_symbol(self, n: int, linear: bool) -> str:
        return "L" if linear else self.sub("P", str(n))

    def poly_name(self, n: int, linear: bool) -> str:
        return self.call(self.poly_symbol(n, linear), self.x)

    def remainder_symbol(self, n: int) -> str:
        return self.sub("R", str(n))

    def remainder_name(self, n: int) -> str:
        return self.call(self.remainder_symbol(n), self.x)

    def xi(self, lagrange: Step) -> str:
        return self.notation.math(lagrange.details["xi"])

    def function_line(self, depth: int, expr: sp.Basic) -> None:
        self.builder.add(depth, self.call("f", self.x), self.notation.math(expr), "", "function")

    # -- formulas ------------------------------------------------------------------------------

    def power(self, k: int | str) -> str:
        """(x − a)ᵏ, or xᵏ about 0; the first power bare."""
        base = self.x if self.centre_value == 0 else self.br(self.delta)
        if k == 0:
            return "1"
        if k == 1:
            return base
        return base + self.sup(str(k))

    def pow(self, base: str, k: int) -> str:
        if k == 1:
            return base
        if not set(base) <= SIMPLE:
            base = self.br(base)
        return base + self.sup(str(k))

    def frac(self, top: str, bottom: str) -> str:
        if self.latex:
            return rf"\frac{{{top}}}{{{bottom}}}"
        if _top_level(top, " +−/·"):
            top = f"({top})"
        return f"{top}/{bottom}"

    def times(self, left: str, right: str, dot: bool = False) -> str:
        """left · right (in LaTeX a space, or with `dot` a centred dot)."""
        if right == "1":
            return left
        if self.latex:
            return f"{left} \\cdot {right}" if dot else f"{left} {right}"
        return f"{left} · {right}"

    def factor(self, value: sp.Basic) -> str:
        written = self.num(value)
        if value.is_Add or (value.is_number and value.is_negative):
            return self.br(written)
        return written

    def term_header(self) -> str:
        return self.times(self.frac(self.nth("k", self.centre), "k!"), self.power("k"))

    def sigma(self, n: int) -> str:
        """Pₙ(x) = Σ f⁽ᵏ⁾(a)/k! (x − a)ᵏ, k from 0 to n."""
        if self.latex:
            total = rf"\sum_{{k=0}}^{{{n}}}"
        else:
            total = (
                "Σ" + "k=0".translate(SUBSCRIPTS).replace("=", "₌") + str(n).translate(SUPERSCRIPTS)
            )
        return f"{self.poly_name(n, False)} = {total} {self.term_header()}"

    def limit(self) -> str:
        arrow = r"\to" if self.latex else "→"
        return f"{self.x} {arrow} {self.centre}"

    def big_o(self, k: int) -> str:
        return self.call("O", self.power(k)) if k != 1 else self.call("O", self.delta)

    def little_o(self, k: int) -> str:
        return self.call("o", self.power(k)) if k != 1 else self.call("o", self.delta)

    def interval(self, lo: sp.Basic, hi: sp.Basic) -> str:
        inside = f"{self.num(lo)}, {self.num(hi)}"
        return rf"\left[{inside}\right]" if self.latex else f"[{inside}]"

    def written(self, step: Step) -> str:
        return self.num(step.result, written=True)

    def rising(self, terms: Sequence[sp.Basic]) -> str:
        """Terms in the order given (rising powers), joined with + and −."""
        if not terms:
            return "0"
        out = ""
        for index, term in enumerate(terms):
            negative = term.could_extract_minus_sign()
            shown = self.num(_negated(term) if negative else term, written=True)
            if index == 0:
                out = (self.minus if negative else "") + shown
            else:
                out += f" {self.minus} {shown}" if negative else f" + {shown}"
        return out

    # -- numbers -------------------------------------------------------------------------------

    def num(self, value: sp.Basic, written: bool = False) -> str:
        """An exact value as it is; floats to the tree's digits."""
        return self.notation.math(rounded(value, self.digits), written=written)

    def decimal(self, value: sp.Basic) -> str:
        return self.notation.math(sp.Float(sp.N(value, self.digits + 5), self.digits))

    def approx(self, value: sp.Basic) -> str:
        """√2/2 ≈ 0.7071067812: an exact irrational or fraction with its decimal."""
        shown = self.num(value)
        if value.has(sp.Float) or value.free_symbols or value.is_Integer or not value.is_number:
            return shown
        if value in (sp.oo, -sp.oo, sp.zoo, sp.nan):
            return shown
        sign = r"\approx" if self.latex else "≈"
        return f"{shown} {sign} {self.decimal(value)}"


def rounded(value: sp.Basic, digits: int) -> sp.Basic:
    """Every float in `value` to `digits` significant digits (an exact value unchanged)."""
    if not isinstance(value, sp.Basic) or not value.has(sp.Float):
        return value
    if not value.free_symbols and value.is_number and not value.is_Float:
        return sp.Float(sp.N(value, digits), digits)
    with sp.evaluate(False):  # keep a written form written: 3.2(x − 0.5), not 3.2x − 1.6
        return value.xreplace({f: sp.Float(f, digits) for f in value.atoms(sp.Float)})


def _top_level(text: str, operators: str) -> bool:
    """Does `text` have one of the operators outside brackets? (a + b yes, f(π/4) no)"""
    depth = 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and char in operators:
            return True
    return False


def _negated(term: sp.Basic) -> sp.Basic:
    """−term, keeping an unevaluated product unevaluated (−1 factor dropped)."""
    if term.is_Mul:
        factors = list(term.args)
        if factors[0] == -1:
            rest = factors[1:]
            return rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)
        if factors[0].is_number and factors[0].could_extract_minus_sign():
            return sp.Mul(-factors[0], *factors[1:], evaluate=False)
    return -term
