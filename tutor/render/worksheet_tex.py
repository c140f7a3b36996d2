"""Worksheets as LaTeX sources (`--format tex`), for teachers who typeset with LaTeX.

The same Worksheet records and parts as the HTML pages (tutor.render.worksheet), filled into
templates/worksheet.tex.j2 by a jinja2 environment with LaTeX-friendly delimiters ((( ))) and
((* *)). Every value the template prints is LaTeX-escaped (`tex_escape`: the LATEX notation's
escapes of \\ { } $ & % # _ ^ ~) unless it is a `Tex` string: LaTeX we wrote ourselves (problem
statements from Problem.statement_latex, solutions, answers). So a teacher's title or
instructions can never run a command such as \\input or \\write18.

`tex_view(problem, detail, solution)` is a ProblemView whose fields hold LaTeX (each block of the
solution a \\solline{depth}{maths}{note} line: pages may break between lines).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import jinja2

from tutor.problem import Problem
from tutor.render.blocks import Line, MatrixLine, Table
from tutor.render.notations import LATEX
from tutor.render.outline import outline
from tutor.render.worksheet import LINE_SPACING_CM, PARTS, TEMPLATES, ProblemView, Worksheet

PAPERS = {"a4": "a4paper", "letter": "letterpaper"}


class Tex(str):
    """LaTeX we wrote: printed as it is."""


def tex_escape(value: Any) -> str:
    """A value for the page: our own LaTeX as is, anything else escaped as words."""
    if isinstance(value, Tex):
        return value
    text = LATEX.words(str(value))
    return " ".join(text.split())  # a blank line would start a new paragraph


def _block_tex(block) -> str:
    if isinstance(block, Line):
        if block.rhs is None:
            maths = block.lhs or ""
        else:
            maths = f"{block.lhs} = {block.rhs}" if block.lhs else f"= {block.rhs}"
    elif isinstance(block, MatrixLine):
        rows = r" \\ ".join(" & ".join(row) for row in block.entries)
        matrix = r"\begin{bmatrix}" + rows + r"\end{bmatrix}"
        maths = f"{block.lhs} = {matrix}" if block.lhs else matrix
    else:
        assert isinstance(block, Table)
        lines = [" & ".join(block.header) + r" \\ \hline"]
        lines += [" & ".join(row) + r" \\" for row in block.rows]
        maths = rf"\begin{{array}}{{{'r' * len(block.header)}}}" + " ".join(lines) + r"\end{array}"
    return rf"\solline{{{block.depth}}}{{{maths}}}{{{block.note}}}"


def solution_tex(step, detail: str = "standard") -> str:
    return "\n".join(_block_tex(block) for block in outline(step, LATEX, detail))


def tex_view(problem: Problem, detail: str = "standard", solution: bool = True) -> ProblemView:
    """One problem's LaTeX: statement, answer (in $...$) and solution lines."""
    return ProblemView(
        problem.id,
        problem.topic,
        Tex(problem.statement_latex),
        Tex(f"${problem.answer.latex}$"),
        Tex(solution_tex(problem.solution, detail)) if solution else Tex(""),
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        block_start_string="((*",
        block_end_string="*))",
        variable_start_string="(((",
        variable_end_string=")))",
        comment_start_string="((#",
        comment_end_string="#))",
        autoescape=False,
        finalize=tex_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_tex(sheets: Sequence[Worksheet], part: str) -> str:
    """One LaTeX document: `part` (worksheet, solutions, key) of each sheet, each on new pages."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    if not sheets:
        raise ValueError("render_tex needs at least one worksheet")
    options = sheets[0].options
    env = _environment()
    env.filters["ours"] = Tex  # our own LaTeX (views): printed as is
    return env.get_template("worksheet.tex.j2").render(
        sheets=sheets,
        part=part,
        paper=Tex(PAPERS[options.paper]),
        lines=round(options.answer_height / LINE_SPACING_CM),
        line_spacing=LINE_SPACING_CM,
    )
