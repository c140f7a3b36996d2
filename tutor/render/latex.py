"""LaTeX: the outline as an `array` of display lines (maths, then the explanation in \\text).

Needs amsmath (for \\text). Indentation is a horizontal space per depth, so nested chains read as
they do in the terminal.
"""

from __future__ import annotations

from tutor.render.notations import LATEX
from tutor.render.outline import Line, outline
from tutor.steps.step import Step


def format_line(line: Line) -> str:
    indent = rf"\hspace{{{1.5 * line.depth:g}em}}" if line.depth else ""
    if line.rhs is None:
        maths = line.lhs or ""
    elif line.lhs:
        maths = f"{line.lhs} = {line.rhs}"
    else:
        maths = f"= {line.rhs}"
    note = rf"\text{{{line.note}}}" if line.note else ""
    return f"{indent}{maths} & {note}" + r" \\"


def render_latex(step: Step, detail: str = "standard") -> str:
    rows = "\n".join(format_line(line) for line in outline(step, LATEX, detail))
    return "\\begin{array}{ll}\n" + rows + "\n\\end{array}"
