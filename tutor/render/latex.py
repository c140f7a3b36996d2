"""LaTeX: the outline as an `array` of display lines (maths, then the explanation in \\text).

Needs amsmath (for \\text and bmatrix). Indentation is a horizontal space per depth, so nested
chains read as they do in the terminal. Matrices are bmatrix; tables are a nested array with a
rule under the header and their caption in the note column.
"""

from __future__ import annotations

from tutor.render.blocks import Block, Line, MatrixLine, Table
from tutor.render.notations import LATEX
from tutor.render.outline import outline
from tutor.steps.step import Step


def _row(indent: str, maths: str, note: str) -> str:
    text = rf"\text{{{note}}}" if note else ""
    return f"{indent}{maths} & {text}" + r" \\"


def _indent(depth: int) -> str:
    return rf"\hspace{{{1.5 * depth:g}em}}" if depth else ""


def format_line(line: Line) -> str:
    if line.rhs is None:
        maths = line.lhs or ""
    elif line.lhs:
        maths = f"{line.lhs} = {line.rhs}"
    else:
        maths = f"= {line.rhs}"
    return _row(_indent(line.depth), maths, line.note)


def matrix_latex(entries: tuple[tuple[str, ...], ...]) -> str:
    rows = r" \\ ".join(" & ".join(row) for row in entries)
    return r"\begin{bmatrix}" + rows + r"\end{bmatrix}"


def format_matrix(block: MatrixLine) -> str:
    maths = (f"{block.lhs} = " if block.lhs else "= ") + matrix_latex(block.entries)
    return _row(_indent(block.depth), maths, block.note)


def format_table(block: Table) -> str:
    columns = "r" * len(block.header)
    rows = [" & ".join(block.header) + r" \\ \hline"]
    rows += [" & ".join(row) + r" \\" for row in block.rows]
    maths = rf"\begin{{array}}{{{columns}}}" + " ".join(rows) + r"\end{array}"
    return _row(_indent(block.depth), maths, block.note)


def format_block(block: Block) -> str:
    if isinstance(block, MatrixLine):
        return format_matrix(block)
    if isinstance(block, Table):
        return format_table(block)
    return format_line(block)


def render_latex(step: Step, detail: str = "standard") -> str:
    rows = "\n".join(format_block(block) for block in outline(step, LATEX, detail))
    return "\\begin{array}{ll}\n" + rows + "\n\\end{array}"
