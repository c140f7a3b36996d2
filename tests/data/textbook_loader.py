"""The textbook corpus (tests/data/textbook.txt) as sympy expressions.

Each line is an exercise in calculator syntax; ``# group: name`` lines name the group of the
lines below them. The lines are written to be read identically by the tutor's parser
(tutor.parse) and by :func:`sympy_reading`, a plain ``sympy.parse_expr`` reading used as the
trusted second opinion (tests/test_textbook_corpus.py checks that the two agree).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sympy
from sympy.parsing.sympy_parser import parse_expr

CORPUS = Path(__file__).with_name("textbook.txt")
x = sympy.Symbol("x", real=True)
a = sympy.Symbol("a", real=True)

_LOCALS = {"e": sympy.E, "ln": sympy.log, "x": x, "a": a, "abs": sympy.Abs}


def textbook_lines() -> list[tuple[str, str]]:
    """(group, line) for every exercise, in file order."""
    group = ""
    lines = []
    for raw in CORPUS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("# group:"):
            group = line.removeprefix("# group:").strip()
        elif line and not line.startswith("#"):
            lines.append((group, line))
    return lines


def sympy_reading(text: str) -> sympy.Expr:
    """The trusted reading of a corpus line: sympy's own parser, ``^`` meaning power."""
    return parse_expr(text.replace("^", "**"), local_dict=dict(_LOCALS))


@cache
def load_textbook() -> list[tuple[str, sympy.Expr]]:
    """(line, expression) for every exercise, read by the tutor's parser."""
    from tutor.parse import parse_expression

    return [(line, parse_expression(line).expr) for _, line in textbook_lines()]
