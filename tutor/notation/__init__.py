"""How maths is written: every layer prints sympy expressions through this package.

It owns three written forms of an expression and the derivative labels:

- ``to_text``: one-line Unicode for a terminal (``2x sin x + x² cos x``, ``log₂ x``, ``e^(3x)``);
  product and quotient rules are in ``tutor.notation.text``.
- ``to_latex``: textbook LaTeX (``\\sin^{2} x``, ``\\log_{10}\\left(x^{2} + 1\\right)``).
- ``to_sympy_string``: ``str(expr)`` that keeps log bases (``log(x, 10)``), for programs.
- ``derivative_label``/``partial_label`` (+ ``_latex``): ``d/dx [x² sin x]`` and friends.

Conventions shared by both notations: ``log(u)/log(b)`` with a positive constant base b is
written log base b; natural log is ln; a function's argument goes without parentheses when it
is a single symbol or number (``sin x``, ``sin(2x)``); positive integer powers of trig and
hyperbolic functions go on the name (``sin² x``); inverse functions are arcsin..., arsinh....

To give a function its notation, add a row ``cls: (text name, LaTeX command)`` to
``FUNCTION_NAMES`` in ``tutor/notation/_common.py`` (and to ``POWER_ON_NAME`` if its powers are
written ``f² x``); both printers dispatch on that table. Anything else goes in the printer
classes, ``TextPrinter`` (text.py) and ``TextbookLatexPrinter`` (latex.py), as a
``_print_<ClassName>`` method.
"""

from __future__ import annotations

from fractions import Fraction

from sympy import Add, Basic, Expr, Float, Integer, Mul, Pow, Rational, preorder_traversal
from sympy.printing.str import StrPrinter

from tutor.notation._common import LogBase, pair_log_bases
from tutor.notation.labels import (
    derivative_label,
    derivative_label_latex,
    partial_label,
    partial_label_latex,
)
from tutor.notation.latex import TextbookLatexPrinter
from tutor.notation.text import TextPrinter

__all__ = [
    "to_text",
    "to_latex",
    "to_sympy_string",
    "is_written_form",
    "derivative_label",
    "derivative_label_latex",
    "partial_label",
    "partial_label_latex",
]


class SympyStringPrinter(StrPrinter):
    """sympy's str, except that ``log(x)/log(10)`` comes out as ``log(x, 10)``."""

    def _print_Mul(self, expr: Expr) -> str:
        factors = list(Mul.make_args(expr))
        paired = pair_log_bases(factors)
        if len(paired) == len(factors):
            return super()._print_Mul(expr)
        if len(paired) == 1:
            return self._print(paired[0])
        return super()._print_Mul(Mul(*paired, evaluate=False))

    def _print_LogBase(self, expr: LogBase) -> str:
        u, b = expr.args
        return f"log({self._print(u)}, {self._print(b)})"


_TEXT = TextPrinter()
_LATEX = TextbookLatexPrinter()
# "written" printers keep the order an unevaluated expression was built in: a rule's applied
# form f'·g + f·g' must not be re-sorted into g·f' + f·g'.
_TEXT_WRITTEN = TextPrinter({"order": "none"})
_LATEX_WRITTEN = TextbookLatexPrinter({"order": "none"})
_SYMPY = SympyStringPrinter()


def _expr(expr: object) -> Basic:
    """sympy objects pass; plain Python numbers are converted. Text is refused: printing must
    never become a way to evaluate a string."""
    if isinstance(expr, Basic):
        return expr
    if isinstance(expr, bool) or not isinstance(expr, (int, float, Fraction)):
        raise TypeError(f"expected a sympy expression or a number, not {type(expr).__name__}")
    if isinstance(expr, float):
        return Float(expr)
    if isinstance(expr, Fraction):
        return Rational(expr.numerator, expr.denominator)
    return Integer(expr)


def to_text(expr: object, written: bool = False) -> str:
    """One-line Unicode, textbook style: ``to_text(x**2*sin(x))`` -> ``x² sin x``.

    ``written=True`` prints sums and products in the order they were built.
    """
    return (_TEXT_WRITTEN if written else _TEXT).doprint(_expr(expr))


def to_latex(expr: object, written: bool = False) -> str:
    """Textbook LaTeX: ``to_latex(log(x, 10))`` -> ``\\log_{10} x``."""
    return (_LATEX_WRITTEN if written else _LATEX).doprint(_expr(expr))


def is_written_form(expr: Basic) -> bool:
    """True when a sum, product or power inside was built unevaluated (a step's written form),
    so it should be printed with ``written=True`` to keep its order."""
    for node in preorder_traversal(expr):
        if isinstance(node, (Add, Mul, Pow)) and node.func(*node.args) != node:
            return True
    return False


def to_sympy_string(expr: object) -> str:
    """Plain sympy syntax that ``sympify`` reads back, log bases kept: ``log(x, 10)``."""
    return _SYMPY.doprint(_expr(expr))


# Characters that LaTeX reads as commands, written so that plain words print as themselves.
LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def escape_latex_words(text: str) -> str:
    """Plain words for LaTeX's text mode: every special character escaped."""
    return "".join(LATEX_SPECIALS.get(char, char) for char in text)
