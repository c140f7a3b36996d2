"""The layout of a structured answer: brackets, separators and matrix environments, by position.

This layer reads no mathematics. ``Layout`` scans the whole answer once and records its
structural marks; ``tutor.parse.shapes`` then asks it to unwrap an outer bracket
(``wrapper``) and to cut a span at its top-level separators (``split``), and every piece it
ends up with is read by the expression parser. Spans are offsets into the original text, so
errors point at what the student typed.

Marks:

- brackets ``( ) [ ] { }``, and ``< >``, ``⟨ ⟩`` when angles are on (vectors and sets only;
  elsewhere they are inequality signs, which the expression parser refuses). In LaTeX also
  ``\\{ \\}``, ``\\lbrace \\rbrace``, ``\\langle \\rangle``, each optionally after ``\\left``,
  ``\\right`` or a ``\\big`` size (the modifier belongs to the mark);
- separators ``,`` ``;`` ``=``, and in LaTeX ``&`` and ``\\\\``;
- the LaTeX environments ``pmatrix``, ``bmatrix`` and ``matrix``: ``\\begin{...}`` and
  ``\\end{...}`` pair like brackets. Any other environment, and any command the LaTeX reader
  names as dangerous (``\\input``, ``\\write``, ...), is refused during the scan, before any
  entry is parsed. An environment is only ever unwrapped as the whole answer: inside an entry
  the LaTeX reader refuses ``\\begin`` as before.

Full-width forms (``，``, ``（``) count as their ASCII marks. The scan uses a stack checked
against ``Limits.max_depth``, never recursion. To accept a new bracket or separator, add it to
the tables below.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tutor.parse.errors import ParseError, shorten
from tutor.parse.latex import FORBIDDEN_COMMANDS

ENVIRONMENTS = frozenset({"pmatrix", "bmatrix", "matrix"})
PAIRS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}", "<": ">"}
SEPARATORS = frozenset({",", ";", "=", "&", "\\\\"})
_TEXT_MARKS = {"⟨": "<", "〈": "<", "⟩": ">", "〉": ">"} | dict(
    zip("（）［］｛｝，；＝＜＞", "()[]{},;=<>", strict=True)  # full-width forms
)
_TEXT_MARK = re.compile("[][(){}<>,;=" + "".join(_TEXT_MARKS) + "]")
_LATEX_DELIMITERS = {
    "\\lbrace": "\\{",
    "\\rbrace": "\\}",
    "\\langle": "<",
    "\\rangle": ">",
    "\\lbrack": "[",
    "\\rbrack": "]",
}
_LATEX_MARK = re.compile(
    r"\\(begin|end)(?![A-Za-z])\s*(?:\{\s*([A-Za-z*]*)\s*\})?"
    r"|(?:\\(?:left|right|[bB]igg?[lr]?)(?![A-Za-z])\s*)?"
    r"(\\[{}]|\\(?:[lr]brace|[lr]angle|[lr]brack)(?![A-Za-z])|[()\[\]{}<>⟨⟩])"
    r"|(\\\\(?:\s*\[\s*-?[\d.]+\s*(?:pt|em|ex|mm|cm|in|bp|pc|mu)\s*\])?)"  # \\[2pt]
    r"|\\([A-Za-z]+)"
    r"|\\."
    r"|([,;=&])",
    re.DOTALL,
)
_TEXT_BLANK = re.compile(r"\s*")
_LATEX_BLANK = re.compile(r"(?:\s|\\[,;:! ]|\\(?:quad|qquad|displaystyle)(?![A-Za-z])|\$)*")
_T = r"(?:T|\\top|\\intercal|\\math(?:sf|rm|bf)\s*\{\s*T\s*\})"
TRANSPOSE = re.compile(rf"\s*(?:\^\s*(?:{_T}|\{{\s*{_T}\s*\}})|ᵀ)")


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the answer, inside ``depth`` open brackets."""

    start: int
    end: int
    depth: int


@dataclass(slots=True)
class Mark:
    """A bracket, environment or separator. ``key`` is canonical (``"("``, ``"\\\\{"``,
    ``"<"``, ``"begin:pmatrix"``, ``","``, ``"\\\\\\\\"``); ``depth`` counts the brackets open
    around it (a bracket's own depth is the depth outside it); ``partner`` is the index of
    the matching bracket."""

    key: str
    start: int
    end: int
    depth: int
    partner: int = -1


@dataclass(frozen=True)
class Wrapper:
    """A bracket (or environment) around a whole span: its key, the span inside it, where
    it opens, and whether a transpose mark (``^T``) follows it."""

    key: str
    inner: Span
    start: int
    transposed: bool


class Layout:
    """The structural marks of one answer, and the spans between them."""

    def __init__(self, text: str, latex: bool, angles: bool, max_depth: int) -> None:
        self.text = text
        self.latex = latex
        self.angles = angles
        self.max_depth = max_depth
        self.marks: list[Mark] = []
        self._blank = _LATEX_BLANK if latex else _TEXT_BLANK
        if latex:
            self._scan_latex()
        else:
            self._scan_text()
        self._pair()
        self._starts = [mark.start for mark in self.marks]

    @property
    def whole(self) -> Span:
        return Span(0, len(self.text), 0)

    def error(self, message: str, position: int | None) -> ParseError:
        return ParseError(message, position, self.text)

    def shown(self, mark: Mark) -> str:
        return shorten(self.text[mark.start : mark.end].strip())

    # Questions the shapes ask ----------------------------------------------------------------

    def is_blank(self, span: Span) -> bool:
        """True when the span holds only whitespace (and, in LaTeX, spacing commands)."""
        return self._blank.fullmatch(self.text, span.start, span.end) is not None

    def first_character(self, span: Span) -> int:
        """The position of the span's first non-blank character (its start if blank)."""
        match = self._blank.match(self.text, span.start, span.end)
        return match.end() if match is not None else span.start

    def top(self, span: Span) -> list[Mark]:
        """The marks directly inside ``span`` (not inside a bracket within it)."""
        first = bisect.bisect_left(self._starts, span.start)
        last = bisect.bisect_left(self._starts, span.end)
        return [mark for mark in self.marks[first:last] if mark.depth == span.depth]

    def has(self, span: Span, key: str) -> bool:
        return any(mark.key == key for mark in self.top(span))

    def wrapper(self, span: Span) -> Wrapper | None:
        """The bracket enclosing the whole span (blanks and a transpose mark aside), if any."""
        marks = self.top(span)
        if not marks or _closer_of(marks[0].key) is None:
            return None
        opener = marks[0]
        closer = self.marks[opener.partner]
        if not self.is_blank(Span(span.start, opener.start, span.depth)):
            return None
        transposed = False
        if not self.is_blank(Span(closer.end, span.end, span.depth)):
            match = TRANSPOSE.match(self.text, closer.end, span.end)
            if match is None or not self.is_blank(Span(match.end(), span.end, span.depth)):
                return None
            transposed = True
        inner = Span(opener.end, closer.start, span.depth + 1)
        return Wrapper(opener.key, inner, opener.start, transposed)

    def split(
        self,
        span: Span,
        cut: str,
        hint: str,
        keep: tuple[str, ...] = (),
        limit: tuple[int, str] | None = None,
    ) -> list[Span]:
        """``span`` cut at its top-level ``cut`` separators. Any other top-level separator
        except those in ``keep`` is refused (``hint`` says what to write instead); so are more
        than ``limit`` = (count, what) pieces, before anything else, and an empty piece."""
        pieces = []
        start = span.start
        for mark in self.top(span):
            if mark.key == cut:
                pieces.append(Span(start, mark.start, span.depth))
                start = mark.end
                if limit is not None and len(pieces) >= limit[0]:
                    raise self.error(f"too many {limit[1]} (more than {limit[0]})", mark.start)
            elif mark.key in SEPARATORS and mark.key not in keep:
                raise self.error(f"unexpected '{self.shown(mark)}': {hint}", mark.start)
        pieces.append(Span(start, span.end, span.depth))
        for index, piece in enumerate(pieces):
            if self.is_blank(piece):
                raise self.error(self._empty_message(pieces, index, cut), piece.start)
        return pieces

    def _empty_message(self, pieces: list[Span], index: int, cut: str) -> str:
        if len(pieces) == 1:
            return "nothing to read here"
        if index == 0:
            return f"an entry is missing before '{cut}'"
        if index == len(pieces) - 1:
            return f"an entry is missing after the last '{cut}'"
        return f"an entry is missing between '{cut}' and '{cut}'"

    # Scanning ---------------------------------------------------------------------------------

    def _add(self, key: str, start: int, end: int) -> None:
        self.marks.append(Mark(key, start, end, 0))

    def _scan_text(self) -> None:
        for match in _TEXT_MARK.finditer(self.text):
            char = _TEXT_MARKS.get(match.group(), match.group())
            if char in "<>" and not self.angles:
                continue
            self._add(char, match.start(), match.end())

    def _scan_latex(self) -> None:
        for match in _LATEX_MARK.finditer(self.text):
            begin_end, environment, delimiter, row_break, command, separator = match.groups()
            if begin_end is not None:
                self._environment(begin_end, environment, match)
            elif delimiter is not None:
                if delimiter in ("<", ">") and not self.angles:
                    continue
                key = _LATEX_DELIMITERS.get(delimiter, _TEXT_MARKS.get(delimiter, delimiter))
                self._add(key, match.start(), match.end())
            elif row_break is not None:
                self._add("\\\\", match.start(), match.end())
            elif command is not None and command in FORBIDDEN_COMMANDS:
                raise self.error(
                    f"the LaTeX command '\\{shorten(command)}' is not allowed", match.start()
                )
            elif separator is not None:
                self._add(separator, match.start(), match.end())

    def _environment(self, begin_end: str, name: str | None, match: re.Match[str]) -> None:
        if name is None:
            raise self.error(
                f"'\\{begin_end}' must be followed by an environment name in braces, "
                "e.g. \\begin{pmatrix}",
                match.start(),
            )
        if name not in ENVIRONMENTS:
            raise self.error(
                f"the LaTeX environment '{shorten(name)}' is not allowed "
                "(use pmatrix, bmatrix or matrix)",
                match.start(),
            )
        self._add(f"{begin_end}:{name}", match.start(), match.end())

    def _pair(self) -> None:
        """Match brackets and environments, set depths, refuse imbalance and deep nesting."""
        stack: list[int] = []
        for index, mark in enumerate(self.marks):
            if mark.key in SEPARATORS:
                mark.depth = len(stack)
                continue
            if _closer_of(mark.key) is not None:
                if len(stack) >= self.max_depth:
                    raise self.error(
                        f"too deeply nested (more than {self.max_depth} levels)", mark.start
                    )
                mark.depth = len(stack)
                stack.append(index)
                continue
            if not stack:
                raise self.error(f"unmatched '{self.shown(mark)}'", mark.start)
            opened = stack.pop()
            opener = self.marks[opened]
            if _closer_of(opener.key) != mark.key:
                raise self.error(
                    f"'{self.shown(opener)}' opened at position {opener.start} is closed by "
                    f"'{self.shown(mark)}'",
                    mark.start,
                )
            mark.depth = len(stack)
            opener.partner, mark.partner = index, opened
        if stack:
            opener = self.marks[stack[-1]]
            raise self.error(f"unclosed '{self.shown(opener)}'", opener.start)


def _closer_of(key: str) -> str | None:
    if key.startswith("begin:"):
        return "end:" + key.removeprefix("begin:")
    return PAIRS.get(key)
