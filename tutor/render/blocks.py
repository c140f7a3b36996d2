"""What an outline is made of, before a format typesets it.

- `Line`: a label, what it equals, and the explanation (every derivation is made of these);
- `MatrixLine`: a label and a matrix of entries (a Jacobian, a Hessian, a gradient);
- `Table`: a header and rows (a Newton-Raphson run, gradient-descent iterates, a forward pass).

Maths fields hold strings already written in the output's notation (Unicode text or LaTeX);
`note` holds the explanation in the notation's words. A new format typesets these three.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    depth: int
    lhs: str | None  # a label, in the notation's maths
    rhs: str | None  # what the label equals, in the notation's maths
    note: str  # the explanation, in the notation's words with inline maths
    rule: str


@dataclass(frozen=True)
class MatrixLine:
    depth: int
    lhs: str | None  # the matrix's name, e.g. J or ∇f(1, 2)
    entries: tuple[tuple[str, ...], ...]  # rows of maths
    note: str
    rule: str


@dataclass(frozen=True)
class Table:
    depth: int
    header: tuple[str, ...]  # maths (x_n, f(x_n), ...)
    rows: tuple[tuple[str, ...], ...]  # maths
    note: str  # a caption in words, typeset above the table
    rule: str


Block = Line | MatrixLine | Table
