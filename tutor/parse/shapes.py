"""Shapes: where the entries of each kind of answer are, and how they make its value.

``shape_of`` lays an answer out with ``tutor.parse.structure``, checks its counts against
``Limits`` before any entry is read, and returns a ``Shape``: the entry spans in reading order,
``assemble`` (entries' expressions -> the answer's value; called for the evaluated entries, the
written ones and each alternative reading) and, for vectors, the orientation.

Forms, in calculator text and in LaTeX (which adds ``\\left``/``\\right``, ``\\langle``,
``\\{``, environments and ``&``/``\\\\``):

- ``expr``, ``number``, ``antiderivative``: the whole text is one entry.
- ``vector``: ``(a, b)``, ``<a, b>``, ``⟨a, b⟩``, ``[a, b]`` or bare ``a, b`` (orientation
  None); ``[a; b]`` (column); a one-row environment (row) or one-column environment (column);
  ``^T``/``^{T}``/``^\\top``/``ᵀ`` after any of them transposes (None becomes column).
- ``matrix``: ``[[1, 2], [3, 4]]`` (or with ``(`` / ``{`` rows), ``[1, 2; 3, 4]``, bare
  ``1, 2; 3, 4``, a one-row ``[1, 2]``, or a ``pmatrix``/``bmatrix``/``matrix`` environment;
  ``^T`` transposes. Ragged rows are refused, naming the row.
- ``set`` (of points): ``(1, 2), (3, 4)``, ``{(1, 2), (3, 4)}``, ``(1, 2); (3, 4)``,
  ``1, 2; 3, 4``, numbers ``1, -2, 3`` (1-D points), ``\\{...\\}``; the empty set is ``{}``,
  ``none``, ``no solution``, ``empty set``, ``∅``, ``\\emptyset`` or ``\\varnothing``. A lone
  ``(1, 2)`` is one point. Points must have equal dimensions; duplicates are kept.
- ``equation``: exactly one ``=``, at the top level, with something on each side.

To accept a new form, teach the kind's function here where its entries are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from tutor.parse.limits import Limits
from tutor.parse.structure import Layout, Span

_SINGLE = ("expr", "number", "antiderivative")
_TRANSPOSED = {None: "column", "row": "column", "column": "row"}
_ROW_BRACKETS = ("(", "[", "{")
_POINT_BRACKETS = ("(", "[", "<")
_SET_BRACES = ("{", "\\{")
_EMPTY_WORDS = r"(?i:none|no\s+solutions?|empty\s+set)"
_EMPTY_SET = re.compile(
    rf"\s*\$?\s*(?:∅|\\emptyset|\\varnothing|{_EMPTY_WORDS}"
    rf"|\\text\s*\{{\s*{_EMPTY_WORDS}\s*\}})\s*\$?\s*"
)
_VECTOR_HINT = "separate the entries of a vector with commas, e.g. (1, 2)"
_COLUMN_HINT = "a vector has one row or one column; use a matrix answer for more"
_MATRIX_HINT = "write a matrix as [[1, 2], [3, 4]] or [1, 2; 3, 4]"
_ENVIRONMENT_HINT = "separate the entries of a matrix environment with & and its rows with \\\\"
_SET_HINT = "separate points with commas, e.g. (1, 2), (3, 4)"
_POINT_HINT = "separate the coordinates of a point with commas, e.g. (1, 2)"


@dataclass(frozen=True)
class Shape:
    spans: tuple[Span, ...]
    assemble: Callable[[Sequence[sympy.Expr]], Any]
    orientation: str | None = None


def shape_of(kind: str, text: str, latex: bool, limits: Limits) -> Shape:
    """The entries of ``text`` read as an answer of ``kind`` (see the module docstring)."""
    if kind in _SINGLE:
        return Shape((Span(0, len(text), 0),), lambda entries: entries[0])
    if kind == "set" and _EMPTY_SET.fullmatch(text):
        return Shape((), lambda entries: ())
    layout = Layout(text, latex, angles=kind in ("vector", "set"), max_depth=limits.max_depth)
    return _SHAPES[kind](layout, limits)


def _vector(layout: Layout, limits: Limits) -> Shape:
    wrapper = layout.wrapper(layout.whole)
    if wrapper is not None and wrapper.key in _SET_BRACES:
        raise layout.error("braces make a set; write a vector as (a, b) or <a, b>", wrapper.start)
    content = wrapper.inner if wrapper is not None else layout.whole
    if layout.is_blank(content):
        raise layout.error("empty vector", wrapper.start if wrapper is not None else None)
    count = (limits.max_components, "entries in a vector")
    if wrapper is not None and wrapper.key.startswith("begin:"):
        rows = _grid(layout, content, limits.max_components, limits.max_components)
        if len(rows) > 1 and len(rows[0]) > 1:
            raise layout.error(
                f"this is a {len(rows)}x{len(rows[0])} matrix, not a vector", wrapper.start
            )
        entries = [row[0] for row in rows] if len(rows) > 1 else rows[0]
        orientation = "column" if len(rows) > 1 else "row" if len(entries) > 1 else None
    elif layout.has(content, ";"):
        entries = layout.split(content, ";", _COLUMN_HINT, limit=count)
        orientation = "column"
    else:
        entries = layout.split(content, ",", _VECTOR_HINT, limit=count)
        orientation = None
    if wrapper is not None and wrapper.transposed:
        orientation = _TRANSPOSED[orientation]
    return Shape(tuple(entries), tuple, orientation)


def _matrix(layout: Layout, limits: Limits) -> Shape:
    wrapper = layout.wrapper(layout.whole)
    size = limits.max_matrix_size
    if wrapper is not None and wrapper.key.startswith("begin:"):
        rows = _grid(layout, wrapper.inner, size, size)
    else:
        if wrapper is not None and wrapper.key not in _ROW_BRACKETS:
            raise layout.error(_MATRIX_HINT, wrapper.start)
        content = wrapper.inner if wrapper is not None else layout.whole
        if layout.is_blank(content):
            raise layout.error("empty matrix", wrapper.start if wrapper is not None else None)
        rows = _rows(layout, content, size)
    transposed = wrapper is not None and wrapper.transposed
    height, width = len(rows), len(rows[0])

    def assemble(entries: Sequence[sympy.Expr]) -> sympy.ImmutableMatrix:
        matrix = sympy.ImmutableMatrix(height, width, list(entries))
        return matrix.T if transposed else matrix

    return Shape(tuple(span for row in rows for span in row), assemble)


def _rows(layout: Layout, content: Span, size: int) -> list[list[Span]]:
    """The rows of ``[1, 2; 3, 4]`` or ``[[1, 2], [3, 4]]`` (content inside the outer bracket)."""
    rows_limit = (size, "rows in a matrix")
    columns_limit = (size, "entries in a matrix row")
    if layout.has(content, ";"):
        rows = []
        for row in layout.split(content, ";", _MATRIX_HINT, keep=(",",), limit=rows_limit):
            inner = _bracketed_list(layout, row, _ROW_BRACKETS)
            rows.append(layout.split(inner or row, ",", _MATRIX_HINT, limit=columns_limit))
        return _rectangular(layout, rows)
    elements = layout.split(content, ",", _MATRIX_HINT, limit=(size, "rows or columns in a matrix"))
    wrappers = [layout.wrapper(element) for element in elements]
    if all(w is not None and w.key in _ROW_BRACKETS and not w.transposed for w in wrappers) and any(
        w is not None and (w.key == "[" or layout.has(w.inner, ",")) for w in wrappers
    ):
        inners = [w.inner for w in wrappers if w is not None]
        rows = [layout.split(inner, ",", _MATRIX_HINT, limit=columns_limit) for inner in inners]
        return _rectangular(layout, rows, [w.start for w in wrappers if w is not None])
    return [elements]


def _grid(layout: Layout, content: Span, max_rows: int, max_columns: int) -> list[list[Span]]:
    """The rows of a matrix environment: entries separated by ``&``, rows by ``\\\\`` (a
    trailing ``\\\\`` is allowed)."""
    breaks = [mark for mark in layout.top(content) if mark.key == "\\\\"]
    if breaks and layout.is_blank(Span(breaks[-1].end, content.end, content.depth)):
        content = Span(content.start, breaks[-1].start, content.depth)
    if layout.is_blank(content):
        raise layout.error("empty matrix", content.start)
    row_spans = layout.split(
        content, "\\\\", _ENVIRONMENT_HINT, keep=("&",), limit=(max_rows, "rows")
    )
    rows = [
        layout.split(row, "&", _ENVIRONMENT_HINT, limit=(max_columns, "entries in a row"))
        for row in row_spans
    ]
    return _rectangular(layout, rows)


def _rectangular(
    layout: Layout, rows: list[list[Span]], starts: list[int] | None = None
) -> list[list[Span]]:
    """``rows``, refusing one whose length differs from the first row's."""
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            where = starts[number - 1] if starts else layout.first_character(row[0])
            raise layout.error(
                f"row {number} has {_entries(len(row))} but row 1 has {_entries(len(rows[0]))}",
                where,
            )
    return rows


def _set(layout: Layout, limits: Limits) -> Shape:
    wrapper = layout.wrapper(layout.whole)
    braced = wrapper is not None and wrapper.key in _SET_BRACES and not wrapper.transposed
    content = wrapper.inner if wrapper is not None and braced else layout.whole
    if braced and layout.is_blank(content):
        return Shape((), lambda entries: ())
    count = (limits.max_components, "points in a set")
    coordinates = (limits.max_components, "coordinates in a point")
    points = []
    if layout.has(content, ";"):
        for element in layout.split(content, ";", _SET_HINT, keep=(",",), limit=count):
            inner = _bracketed_list(layout, element, _POINT_BRACKETS) or element
            points.append(layout.split(inner, ",", _POINT_HINT, limit=coordinates))
    else:
        for element in layout.split(content, ",", _SET_HINT, limit=count):
            listed = _bracketed_list(layout, element, _POINT_BRACKETS)
            if listed is None:  # a number: a 1-D point
                points.append([element])
            else:
                points.append(layout.split(listed, ",", _POINT_HINT, limit=coordinates))
    for number, point in enumerate(points[1:], start=2):
        if len(point) != len(points[0]):
            raise layout.error(
                f"point {number} has {_coordinates(len(point))} but point 1 has "
                f"{_coordinates(len(points[0]))}",
                layout.first_character(point[0]),
            )
    sizes = [len(point) for point in points]

    def assemble(entries: Sequence[sympy.Expr]) -> tuple[tuple[sympy.Expr, ...], ...]:
        values = iter(entries)
        return tuple(tuple(next(values) for _ in range(size)) for size in sizes)

    return Shape(tuple(span for point in points for span in point), assemble)


def _equation(layout: Layout, limits: Limits) -> Shape:
    signs = [mark for mark in layout.marks if mark.key == "="]
    if not signs:
        raise layout.error("an equation needs an '=' sign", None)
    if len(signs) > 1:
        raise layout.error("an equation has exactly one '='; this is a second one", signs[1].start)
    sign = signs[0]
    if sign.depth:
        raise layout.error("the '=' of an equation cannot be inside brackets", sign.start)
    sides = (Span(0, sign.start, 0), Span(sign.end, len(layout.text), 0))
    for side, where in zip(sides, ("before", "after"), strict=True):
        if layout.is_blank(side):
            raise layout.error(f"nothing {where} the '=' of this equation", sign.start)
    return Shape(sides, lambda entries: sympy.Eq(entries[0], entries[1], evaluate=False))


def _bracketed_list(layout: Layout, span: Span, brackets: tuple[str, ...]) -> Span | None:
    """The inside of ``(a, b)`` (one of ``brackets``, holding a top-level comma), or None."""
    wrapper = layout.wrapper(span)
    if wrapper is None or wrapper.key not in brackets or wrapper.transposed:
        return None
    return wrapper.inner if layout.has(wrapper.inner, ",") else None


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _coordinates(count: int) -> str:
    return f"{count} coordinate{'' if count == 1 else 's'}"


_SHAPES: dict[str, Callable[[Layout, Limits], Shape]] = {
    "vector": _vector,
    "matrix": _matrix,
    "set": _set,
    "equation": _equation,
}
