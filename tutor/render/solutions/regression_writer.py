"""How the week-6 layouts (tutor.render.solutions.regression) write maths and tables: `Writer`.

A Writer composes small maths strings in the builder's notation (Unicode text or LaTeX): sums
over the points, fractions, squares, products of numbers, residuals and χ² terms with the model
written out, values as a fraction and its decimal (7/5 = 1.4) or floats at the step's precision,
and table captions that state that precision. `Writer.table` writes a table of data points,
beyond TABLE_ROWS rows only the first HEAD and last TAIL, a row of dots between, and says so.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.wording.regression import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder

SHOWN = 10  # significant digits of a decimal shown for an exact fraction
TABLE_ROWS, HEAD, TAIL = 20, 12, 6  # longer data tables show their first HEAD and last TAIL rows
SUBSCRIPTS = str.maketrans("k+01", "ₖ₊₀₁")


class Writer:
    """Small maths strings in the builder's notation: sums, fractions, products of numbers."""

    def __init__(self, builder: OutlineBuilder, digits: int | None = None):
        self.b, self.n, self.digits = builder, builder.notation, digits
        self.latex = self.n.name == "latex"
        self.minus, self.times = (" - ", r" \cdot ") if self.latex else (" − ", "·")
        self.implies = r" \quad\Rightarrow\quad " if self.latex else "  ⇒  "
        self.dots = r"\vdots" if self.latex else "⋮"
        self.chi, self.f = self.n.symbol("chi^2"), self.n.symbol("f")
        self.xi, self.yi, self.si = (self.n.symbol(s) for s in ("x_i", "y_i", "sigma_i"))

    def math(self, expr, written: bool = False) -> str:
        return self.n.math(expr, written)

    def shown(self, value):
        """A value as a table or formula shows it: floats at the shown precision, exact
        fractions with a short decimal (11/5) as that decimal (2.2), long fractions in a table
        of floats at its precision, anything else as it is."""
        if isinstance(value, sp.Rational) and not value.is_Integer:
            decimal = _decimal(value, self.digits or SHOWN)
            long = len(str(value.p)) + len(str(value.q)) > SHOWN + 2
            if decimal is None and long and self.digits:  # a float table: its precision
                return sp.Float(value, self.digits)
            return value if decimal is None else decimal
        if self.digits and isinstance(value, sp.Basic | sp.MatrixBase) and value.has(sp.Float):
            return value.xreplace({f: sp.Float(f, self.digits) for f in value.atoms(sp.Float)})
        if isinstance(value, sp.MatrixBase):
            return value.applyfunc(self.shown)
        return value

    def number(self, value, power: bool = False) -> str:
        """A number as a factor (or, `power`, raised to a power): bracketed when negative, or
        a text fraction (any fraction under a power)."""
        value = self.shown(value)
        fraction = isinstance(value, sp.Rational) and not value.is_Integer
        bracket = value.is_negative or (fraction and (power or not self.latex))
        return self.paren(self.math(value)) if bracket else self.math(value)

    def paren(self, text: str) -> str:
        return rf"\left({text}\right)" if self.latex else f"({text})"

    def grouped(self, text: str) -> str:
        """Text maths bracketed unless it is one symbol, number or bracketed group."""
        depth = 0
        for char in text:
            depth += (char in "([") - (char in ")]")
            if depth == 0 and char in " +−/·" and not self.latex:
                return self.paren(text)
        return text

    def frac(self, top: str, bottom: str) -> str:
        if self.latex:
            return rf"\frac{{{top}}}{{{bottom}}}"
        return f"{self.grouped(top)}/{self.grouped(bottom)}"

    def square(self, text: str) -> str:
        return f"{text}^{{2}}" if self.latex else f"{text}²"

    def product(self, *parts: str) -> str:
        return self.times.join(parts)

    def total(self, summand: str) -> str:
        """Σ over the points (text: Σxᵢyᵢ, spaces dropped from a product)."""
        if self.latex:
            return rf"\sum_{{i}} {summand}"
        return "Σ" + (summand if any(s in summand for s in "+−") else summand.replace(" ", ""))

    def sub(self, name: str, index: str) -> str:
        """aₖ, aₖ₊₁: a parameter's name with an iteration index."""
        symbol = self.n.symbol(name)
        return f"{{{symbol}}}_{{{index}}}" if self.latex else symbol + index.translate(SUBSCRIPTS)

    def residual(self, model: sp.Basic) -> str:
        """yᵢ − f(xᵢ) with f written out (bracketed when it is a sum or starts with a sign)."""
        f = self.math(model)
        if isinstance(model, sp.Add) or f.startswith(("-", "−")):
            f = self.paren(f)
        return f"{self.yi}{self.minus}{f}"

    def weighted(self, text: str, weighted: bool) -> str:
        """text/σᵢ² when the points have uncertainties."""
        return self.frac(text, self.square(self.si)) if weighted else text

    def weighting(self, weighted: bool) -> str:
        return self.b.words(MESSAGES[f"regression_{'' if weighted else 'un'}weighted"])

    def point_header(self) -> list[str]:
        """i, xᵢ, yᵢ, f(xᵢ), yᵢ − f(xᵢ): the first columns of a table of points."""
        f_i = f"{self.f}({self.xi})"
        return ["i", self.xi, self.yi, f_i, f"{self.yi}{self.minus}{f_i}"]

    def term(self, model_i: sp.Basic, weighted: bool) -> str:
        """(yᵢ − f(xᵢ))²/σᵢ² with the model written out."""
        return self.weighted(self.square(self.paren(self.residual(model_i))), weighted)

    def value(self, value) -> str:
        """7/5 = 1.4, 2√3 ≈ 3.464 (exact and decimal), or a float at the shown precision."""
        if not isinstance(value, sp.Basic) or value.has(sp.Float) or value.is_Integer:
            return self.math(self.shown(value))
        if value.free_symbols:
            return self.math(value)
        digits = self.digits or SHOWN
        decimal = _decimal(value, digits) if isinstance(value, sp.Rational) else None
        sign = " = " if decimal is not None else (r" \approx " if self.latex else " ≈ ")
        return f"{self.math(value)}{sign}{self.math(decimal or sp.N(value, digits))}"

    def values(self, pairs, plain: bool = False) -> str:
        """a = 1, b = 0.5, as inline maths for a sentence (`plain`: no fraction = decimal)."""
        names = [(self.n.symbol(p) if isinstance(p, str) else self.math(p), v) for p, v in pairs]
        show = (lambda v: self.math(self.shown(v))) if plain else self.value
        return self.n.inline(", ".join(f"{p} = {show(v)}" for p, v in names))

    def caption(self, caption: str, digits: int | None) -> str:
        if digits:
            template = MESSAGES["regression_floats"]
            return self.b.words(template, caption=caption, digits=str(digits))
        return self.b.words(MESSAGES["regression_exact"], caption=caption)

    def table(self, depth: int, header: list, items: list, row, caption: str, rule: str, last=()):
        """A table of `row(item)` for each item; beyond TABLE_ROWS items only the first HEAD and
        last TAIL are written, a row of dots between, and a note says which were left out."""
        gap = None
        if len(items) > TABLE_ROWS:
            gap = (HEAD + 1, len(items) - TAIL)
            items = [*items[:HEAD], None, *items[-TAIL:]]
        dots = (self.dots,) * len(header)
        rows = [dots if item is None else tuple(map(self.shown, row(item))) for item in items]
        self.b.add_table(depth, header, [*rows, *last], caption, rule)
        if gap is not None:
            note = self.b.words(MESSAGES["regression_elided"], first=str(gap[0]), last=str(gap[1]))
            self.b.add(depth, None, None, note, rule)


def _decimal(value: sp.Rational, digits: int) -> sp.Float | None:
    """The exact decimal of a fraction whose decimal ends within `digits` significant digits
    (as a Float of just that precision: 11/5 -> 2.2), else None (1/3)."""
    with localcontext() as context:
        context.prec = digits
        decimal = Decimal(int(value.p)) / Decimal(int(value.q))
    if Fraction(decimal) != Fraction(int(value.p), int(value.q)):
        return None
    return sp.Float(str(decimal), max(len(decimal.as_tuple().digits), 2))
