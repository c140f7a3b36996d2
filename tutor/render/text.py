"""Plain Unicode text for the terminal: one line per outline line, explanations in a column."""

from __future__ import annotations

from tutor.render.notations import TEXT
from tutor.render.outline import Line, outline
from tutor.steps.step import Step

NOTE_COLUMN = 36
INDENT = "  "


def format_line(line: Line) -> str:
    indent = INDENT * line.depth
    if line.rhs is None:
        head = " ".join(part for part in (line.lhs, line.note) if part)
        return indent + head
    body = f"{line.lhs} = {line.rhs}" if line.lhs else f"= {line.rhs}"
    if not line.note:
        return indent + body
    width = max(NOTE_COLUMN - len(indent), len(body) + 2)
    return indent + body.ljust(width) + line.note


def render_text(step: Step, detail: str = "standard") -> str:
    return "\n".join(format_line(line) for line in outline(step, TEXT, detail))
