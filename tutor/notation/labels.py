"""Derivative operators and labels: ``d/dx [x² sin x]``, ``\\frac{d}{dx}\\left[x^{2}\\right]``.

Public functions take variable *names* (``"x"``, ``"theta"``, ``"x_1"``) and format them; the
``*_operator`` helpers take variables already written in the target notation, for the printers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby

import sympy

from tutor.notation._common import superscript, text_symbol


def _grouped(variables: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive repeats counted: (x, x, y) -> [(x, 2), (y, 1)]."""
    return [(v, len(list(run))) for v, run in groupby(variables)]


def text_operator(variables: Sequence[str], partial: bool = False) -> str:
    """``d/dx``, ``d²/dx²``, ``∂²/∂x∂y`` for variables already in text form."""
    d = "∂" if partial else "d"
    n = len(variables)
    top = d + (superscript(str(n)) if n > 1 else "")
    bottom = "".join(d + v + (superscript(str(k)) if k > 1 else "") for v, k in _grouped(variables))
    return f"{top}/{bottom}"


def latex_operator(variables: Sequence[str], partial: bool = False) -> str:
    """``\\frac{d}{dx}``, ``\\frac{d^{2}}{dx^{2}}``, mixed ``\\partial``.

    The variables are already in LaTeX (``x``, ``\\theta``).
    """
    d = r"\partial " if partial else "d"
    n = len(variables)
    top = d.strip() + (f"^{{{n}}}" if n > 1 else "")
    bottom = " ".join(d + v + (f"^{{{k}}}" if k > 1 else "") for v, k in _grouped(variables))
    return rf"\frac{{{top}}}{{{bottom}}}"


@lru_cache(maxsize=1024)
def _latex_name(name: str) -> str:
    return sympy.latex(sympy.Symbol(name))


def _variables(var: str | Sequence[str], order: int) -> list[str]:
    return [var] * order if isinstance(var, str) else list(var)


def derivative_label(expr_text: str, var: str, order: int = 1) -> str:
    """``d/dx [x² sin x]``; order 2: ``d²/dx² [x² sin x]``."""
    return f"{text_operator([text_symbol(var)] * order)} [{expr_text}]"


def derivative_label_latex(expr_latex: str, var: str, order: int = 1) -> str:
    """``\\frac{d}{dx}\\left[x^{2}\\right]``; order 2: ``\\frac{d^{2}}{dx^{2}}\\left[…\\right]``.

    ``var`` is the variable's name (``"x"``, ``"theta"``).
    """
    return rf"{latex_operator([_latex_name(var)] * order)}\left[{expr_latex}\right]"


def partial_label(expr_text: str, var: str | Sequence[str], order: int = 1) -> str:
    """``∂/∂x [x y]``, ``∂²/∂x² [...]``; ``var=("x", "y")`` gives the mixed ``∂²/∂x∂y [...]``."""
    names = [text_symbol(v) for v in _variables(var, order)]
    return f"{text_operator(names, partial=True)} [{expr_text}]"


def partial_label_latex(expr_latex: str, var: str | Sequence[str], order: int = 1) -> str:
    """``\\frac{\\partial}{\\partial x}\\left[…\\right]``; a sequence of names: mixed partials."""
    names = [_latex_name(v) for v in _variables(var, order)]
    return rf"{latex_operator(names, partial=True)}\left[{expr_latex}\right]"
