"""Textbook LaTeX: ``\\sin x``, ``\\sin^{2}\\left(2 x\\right)``, ``\\log_{10} x``, ``\\ln x``.

sympy's LatexPrinter already writes roots, powers, symbols and fractions the textbook way; this
subclass changes function application (bare argument when it is a symbol or a number), powers of
functions, log bases and products. Products are factors separated by spaces, with ``\\cdot``
before a factor that starts with a digit. A function with a bare argument followed by a factor
that is not itself a named function gets parentheses (``\\sin\\left(x\\right) \\left|x\\right|``),
since ``\\sin x \\left|x\\right|`` would read as sin(x|x|).
"""

from __future__ import annotations

from sympy import Abs, Derivative, Expr, Function, Limit, Subs
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter

from tutor.notation._common import (
    FUNCTION_NAMES,
    LogBase,
    WrittenOrderMixin,
    is_bare_argument,
    is_named_function,
    is_power_on_name,
    named_argument,
    product_parts,
)
from tutor.notation.labels import latex_operator


def _is_root_or_reciprocal(e: Expr) -> bool:
    """Exponents sympy already writes well for any base: 1/n (a root) and negative rationals."""
    return bool(e.is_Rational and (e.is_negative or (e.p == 1 and e.q != 1)))


class TextbookLatexPrinter(WrittenOrderMixin, LatexPrinter):
    """sympy's LatexPrinter with textbook function notation and log bases."""

    # --- functions ---------------------------------------------------------------------------
    def _named_tex(self, expr: Expr, parens: bool = False) -> str:
        """A named function, log base or power on the name, e.g. ``\\sec^{2}\\left(2 x\\right)``."""
        arg = named_argument(expr)
        if expr.is_Pow:
            head = f"{FUNCTION_NAMES[type(expr.base)][1]}^{{{self._print(expr.exp)}}}"
        elif isinstance(expr, LogBase):
            head = rf"\log_{{{self._print(expr.args[1])}}}"
        else:
            head = FUNCTION_NAMES[type(expr)][1]
        if is_bare_argument(arg) and not parens:
            return f"{head} {self._print(arg)}"
        return rf"{head}\left({self._print(arg)}\right)"

    def _print_named_function(self, expr: Expr, exp: str | None = None) -> str:
        tex = self._named_tex(expr)
        return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"

    _print_LogBase = _print_named_function

    def _print_Abs(self, expr: Expr, exp: str | None = None) -> str:
        tex = rf"\left|{self._print(expr.args[0])}\right|"
        return tex if exp is None else f"{tex}^{{{exp}}}"

    # --- powers and products -----------------------------------------------------------------
    def _print_Pow(self, expr: Expr) -> str:
        base, e = expr.args
        if is_power_on_name(expr):
            return self._named_tex(expr)
        if not isinstance(base, Function) or _is_root_or_reciprocal(e):
            return super()._print_Pow(expr)
        if isinstance(base, Abs):
            return self._print_Abs(base, exp=self._print(e))
        if isinstance(base, AppliedUndef):
            return f"{self._print(base)}^{{{self._print(e)}}}"
        return rf"\left({self._print(base)}\right)^{{{self._print(e)}}}"

    def _print_Mul(self, expr: Expr) -> str:
        negative, num, den = product_parts(expr, written=self._settings["order"] == "none")
        if den:
            top = self._product(num, alone=True) if num else "1"
            tex = rf"\frac{{{top}}}{{{self._product(den, alone=True)}}}"
        else:
            tex = self._product(num, alone=not negative) if num else "1"
        return ("- " if negative else "") + tex

    def _product(self, factors: list[Expr], alone: bool) -> str:
        """Factors joined; ``alone``: they fill their own braces, so one sum needs no brackets."""
        out = ""
        for i, f in enumerate(factors):
            following = factors[i + 1] if i + 1 < len(factors) else None
            tex = self._factor(f, following)
            if not (alone and len(factors) == 1) and self._brackets(f, i == 0, following is None):
                tex = rf"\left({tex}\right)"
            if i:
                out += r" \cdot " if f.is_Number or tex[0].isdigit() else " "
            out += tex
        return out

    def _factor(self, f: Expr, following: Expr | None) -> str:
        bare = is_named_function(f) and is_bare_argument(named_argument(f))
        if bare and following is not None and not is_named_function(following):
            return self._named_tex(f, parens=True)
        return self._print(f)

    def _brackets(self, f: Expr, first: bool, last: bool) -> bool:
        if f.is_Mul or (not last and isinstance(f, Derivative | Limit | Subs)):
            return True
        return self._needs_mul_brackets(f, first=first, last=last)

    # --- calculus ----------------------------------------------------------------------------
    def _print_Derivative(self, expr: Derivative) -> str:
        if not all(n.is_Integer for _, n in expr.variable_count):
            return super()._print_Derivative(expr)
        names = [self._print(v) for v, n in expr.variable_count for _ in range(n)]
        partial = len(set(names)) > 1 or len(expr.expr.free_symbols) > 1
        op = latex_operator(names, partial)
        inner = self._print(expr.expr)
        if is_bare_argument(expr.expr) or isinstance(expr.expr, AppliedUndef):
            return f"{op} {inner}"
        return rf"{op}\left[{inner}\right]"


_named = TextbookLatexPrinter._print_named_function
# Dispatch every function of the name table to the one printer method.
for _cls in FUNCTION_NAMES:
    setattr(TextbookLatexPrinter, f"_print_{_cls.__name__}", _named)
