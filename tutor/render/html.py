"""HTML: an outline's blocks, problem statements and answers, with maths from a MathWriter.

The outline is built in the LATEX notation (tutor.render.notations) and typeset here: each formula
goes through a writer (tutor.render.maths: MathML for browsers, SVG for PDFs); each explanation
has its LaTeX-escaped words turned back into text and HTML-escaped, and its $...$ maths
converted. Nothing of the LaTeX source reaches the page except inside MathML <annotation>s.

Class names, for the templates and their CSS:

    div.solution                    one worked solution: the rows below, in order
      div.line.depth-N              a Line (N = nesting depth, 0 at the top; also data-depth="N",
                                    and data-rule="<rule id>")
        .maths                      its formula: label = result, one inline formula (the
                                    writer's own element, no wrapper: a page has hundreds)
        span.note                   the explanation: words with inline maths
      div.line.matrix.depth-N       a MatrixLine (a Jacobian, a Hessian, a gradient)
        div.maths-display           the label = matrix, as a display formula
        span.note
      div.line.table.depth-N        a Table (Newton-Raphson, gradient descent, a forward pass)
        table.steps                 <caption> (the note), <thead> of <th>, <tbody> of <td>,
                                    every cell one inline formula
    img.math.math-inline            an SVG formula (SvgWriter); math-display on its own line
    math[display=inline|block]      a MathML formula (MathMLWriter)

`render_html(step, writer, detail)` gives a solution; `statement_html(problem, writer)` and
`answer_html(problem, writer)` a Problem's question and answer; `text_with_maths(text, writer)`
any LaTeX-notation text (escaped words with $...$ maths), e.g. a step's note.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from tutor.notation import LATEX_SPECIALS
from tutor.render.blocks import Block, Line, MatrixLine, Table
from tutor.render.maths import MathError, MathMLWriter, MathWriter
from tutor.render.notations import LATEX
from tutor.render.outline import outline
from tutor.steps.step import Step

if TYPE_CHECKING:
    from tutor.problem import Problem

# The LATEX notation's escapes of plain words (tutor.notation.LATEX_SPECIALS), read back.
WORD_ESCAPES = {escaped: char for char, escaped in LATEX_SPECIALS.items()}
WORD_TOKEN = re.compile(
    "|".join(re.escape(e) for e in sorted(WORD_ESCAPES, key=len, reverse=True))
    + r"|\$|\\[A-Za-z]+|\\."
)
CLOSING_DOLLAR = re.compile(r"(?<!\\)\$")


def text_with_maths(text: str, writer: MathWriter) -> str:
    """LaTeX-notation text (words escaped for LaTeX, maths between $...$) as HTML: the words
    un-escaped then HTML-escaped, each $...$ written inline by `writer`. Any other backslash
    command among the words is raw LaTeX that would reach the page: MathError."""
    pieces: list[str] = []
    position = 0
    while position < len(text):
        token = WORD_TOKEN.search(text, position)
        if token is None:
            pieces.append(html.escape(text[position:]))
            break
        pieces.append(html.escape(text[position : token.start()]))
        found = token.group()
        if found in WORD_ESCAPES:
            pieces.append(html.escape(WORD_ESCAPES[found]))
            position = token.end()
        elif found == "$":
            closing = CLOSING_DOLLAR.search(text, token.end())
            if closing is None:
                raise MathError(f"unclosed $ in {_short(text)!r}")
            pieces.append(writer.inline(text[token.end() : closing.start()]))
            position = closing.end()
        else:
            raise MathError(f"raw LaTeX {found} among the words of {_short(text)!r}")
    return "".join(pieces)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _attributes(block: Block, kind: str = "") -> str:
    classes = " ".join(filter(None, ("line", kind, f"depth-{block.depth}")))
    rule = html.escape(block.rule, quote=True)
    return f'class="{classes}" data-depth="{block.depth}" data-rule="{rule}"'


def _note(note: str, writer: MathWriter) -> str:
    return f'<span class="note">{text_with_maths(note, writer)}</span>' if note else ""


def line_maths(line: Line) -> str | None:
    """The line's formula: label = result, the label alone, or = result (as latex.py writes it)."""
    if line.rhs is None:
        return line.lhs or None
    return f"{line.lhs} = {line.rhs}" if line.lhs else f"= {line.rhs}"


def matrix_maths(block: MatrixLine) -> str:
    rows = r" \\ ".join(" & ".join(row) for row in block.entries)
    matrix = r"\begin{bmatrix}" + rows + r"\end{bmatrix}"
    return f"{block.lhs} = {matrix}" if block.lhs else matrix


def _cell(maths: str, writer: MathWriter, tag: str) -> str:
    inner = writer.inline(maths) if maths.strip() else ""
    return f"<{tag}>{inner}</{tag}>"


def format_line(line: Line, writer: MathWriter) -> str:
    maths = line_maths(line)
    parts = [writer.inline(maths, css_class="maths") if maths else ""]
    parts.append(_note(line.note, writer))
    return f"<div {_attributes(line)}>{' '.join(filter(None, parts))}</div>"


def format_matrix(block: MatrixLine, writer: MathWriter) -> str:
    maths = f'<div class="maths-display">{writer.display(matrix_maths(block))}</div>'
    return f"<div {_attributes(block, 'matrix')}>{maths}{_note(block.note, writer)}</div>"


def format_table(block: Table, writer: MathWriter) -> str:
    caption = f"<caption>{text_with_maths(block.note, writer)}</caption>" if block.note else ""
    head = "".join(_cell(cell, writer, "th") for cell in block.header)
    body = "".join(
        "<tr>" + "".join(_cell(cell, writer, "td") for cell in row) + "</tr>" for row in block.rows
    )
    table = (
        f'<table class="steps">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )
    return f"<div {_attributes(block, 'table')}>{table}</div>"


def format_block(block: Block, writer: MathWriter) -> str:
    if isinstance(block, MatrixLine):
        return format_matrix(block, writer)
    if isinstance(block, Table):
        return format_table(block, writer)
    return format_line(block, writer)


def render_html(step: Step, writer: MathWriter | None = None, detail: str = "standard") -> str:
    """A worked solution as <div class="solution">, one row per outline block. Without a writer
    the maths is MathML, so the fragment stands alone in any browser (render(step, "html"))."""
    writer = writer or MathMLWriter()
    rows = "\n".join(format_block(block, writer) for block in outline(step, LATEX, detail))
    return f'<div class="solution">\n{rows}\n</div>'


def statement_html(problem: Problem, writer: MathWriter) -> str:
    """The question: the prompt's words escaped, its maths slots written by `writer`."""
    return text_with_maths(problem.statement_latex, writer)


def answer_html(problem: Problem, writer: MathWriter) -> str:
    """The expected answer as one inline formula."""
    return writer.inline(problem.answer.latex)
