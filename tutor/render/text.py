"""Plain Unicode text for the terminal: one line per outline line, explanations in a column;
matrices between tall brackets and tables in aligned columns."""

from __future__ import annotations

from tutor.render.blocks import Block, Line, MatrixLine, Table
from tutor.render.notations import TEXT
from tutor.render.outline import outline
from tutor.steps.step import Step

NOTE_COLUMN = 36
INDENT = "  "
COLUMN_GAP = "  "


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


def _columns(rows: tuple[tuple[str, ...], ...], align: str = "<") -> list[str]:
    """Each row's cells padded to their column's width."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        COLUMN_GAP.join(f"{cell:{align}{width}}" for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]


def brackets(count: int) -> list[tuple[str, str]]:
    """Left and right bracket pieces for a matrix of `count` rows."""
    if count == 1:
        return [("[", "]")]
    middle = [("⎢", "⎥")] * (count - 2)
    return [("⎡", "⎤"), *middle, ("⎣", "⎦")]


def format_matrix(block: MatrixLine) -> str:
    indent = INDENT * block.depth
    prefix = f"{block.lhs} = " if block.lhs else "= "
    body = _columns(block.entries)
    lines = []
    for index, (row, (left, right)) in enumerate(zip(body, brackets(len(body)), strict=True)):
        lead = prefix if index == (len(body) - 1) // 2 else " " * len(prefix)
        lines.append(f"{indent}{lead}{left} {row} {right}".rstrip())
    if block.note:
        middle = (len(body) - 1) // 2
        width = max(NOTE_COLUMN, max(len(line) for line in lines) + 2)
        lines[middle] = lines[middle].ljust(width) + block.note
    return "\n".join(lines)


def format_table(block: Table) -> str:
    indent = INDENT * block.depth
    body = _columns((block.header, *block.rows))
    rule = "─" * max(len(line) for line in body)
    lines = ([block.note] if block.note else []) + [body[0], rule, *body[1:]]
    return "\n".join(indent + line.rstrip() for line in lines)


def format_block(block: Block) -> str:
    if isinstance(block, MatrixLine):
        return format_matrix(block)
    if isinstance(block, Table):
        return format_table(block)
    return format_line(block)


def render_text(step: Step, detail: str = "standard") -> str:
    return "\n".join(format_block(block) for block in outline(step, TEXT, detail))
