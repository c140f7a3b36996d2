"""latex2sympy's conversion, guarded: a deadline, a prediction mode and exact numbers.

``convert`` runs latex2sympy2_extended on text ``tutor.parse.latex`` has already screened and
rewritten, and returns its unevaluated tree (``tutor.parse.latex_tree`` rebuilds it):

- latex2sympy runs under ``sympy.evaluate(False)``, so it computes no number;
- numbers are built exactly from their digits by the Builder (latex2sympy's own
  ``parse_number`` hands them to sympify's string parser);
- the ANTLR token stream checks the parse deadline, and SLL prediction is tried before full
  LL (ANTLR's full-context prediction is slow on nested input);
- quotients of integers stay quotients (``\\frac{2}{4}`` is 2/4 as written, where latex2sympy
  would reduce it to the Rational 1/2), so the written form keeps what the student typed;
  the evaluated form is the same number either way;
- a bracketed sum stays a group: latex2sympy flattens ``1 + (x - 1)`` into 1 + x − 1, which
  would look like arithmetic left undone.

The hooks live on a subclass of ``_Latex2Sympy``, the class behind ``latex2sympy()``; the
dependency is pinned to 1.11.0 in pyproject.toml. A new hook is one more method override.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import sympy
from antlr4 import CommonTokenStream, InputStream
from antlr4.atn.PredictionMode import PredictionMode
from latex2sympy2_extended.antlr_parser import PSLexer, PSParser
from latex2sympy2_extended.latex2sympy2 import ConversionConfig, _Latex2Sympy

from tutor.parse.build import Builder, Deadline
from tutor.parse.errors import ParseError, shorten
from tutor.parse.source import MappedText

_NUMBER_TOKEN = re.compile(r"(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")


class _DeadlineTokenStream(CommonTokenStream):
    """A token stream that stops the ANTLR parser once the parse deadline has passed."""

    def __init__(self, lexer: PSLexer, deadline: Deadline) -> None:
        super().__init__(lexer)
        self.deadline = deadline

    def LA(self, i: int) -> int:  # ANTLR's method name
        self.deadline.check()
        return super().LA(i)


class _GuardedLatex2Sympy(_Latex2Sympy):
    """latex2sympy's converter with a deadline-checking token stream, a chosen prediction
    mode, and exact numbers built from their digits (the original ``parse_number`` hands the
    token to ``sympy.Number``, i.e. to sympify's string parser)."""

    def __init__(self, builder: Builder, prediction_mode: int) -> None:
        super().__init__(config=ConversionConfig(lowercase_symbols=False))
        self.builder = builder
        self.prediction_mode = prediction_mode

    def create_parser(self, latex_str: str) -> PSParser:
        lexer = PSLexer(InputStream(latex_str))
        lexer.removeErrorListeners()
        lexer.addErrorListener(self.MathErrorListener(latex_str))
        parser = PSParser(_DeadlineTokenStream(lexer, self.builder.deadline))
        parser.removeErrorListeners()
        parser.addErrorListener(self.MathErrorListener(latex_str))
        parser._interp.predictionMode = self.prediction_mode
        return parser

    def convert_frac(self, frac: Any) -> Any:
        reduced = super().convert_frac(frac)
        if not isinstance(reduced, sympy.Rational):
            return reduced
        return _quotient(self.convert_expr(frac.upper), self.convert_expr(frac.lower), reduced)

    def convert_mp(self, mp: Any) -> Any:
        reduced = super().convert_mp(mp)
        if not isinstance(reduced, sympy.Rational) or not (mp.DIV() or mp.CMD_DIV()):
            return reduced
        left, right = (
            (mp.mp(0), mp.mp(1)) if hasattr(mp, "mp") else (mp.mp_nofunc(0), mp.mp_nofunc(1))
        )
        return _quotient(self.convert_mp(left), self.convert_mp(right), reduced)

    def add_flat(self, lh: Any, rh: Any) -> Any:
        """a + b + c is one sum, but in a + (b + c) the right operand of + can only be a sum
        because it was bracketed: keep that group (latex2sympy flattens both sides)."""
        if isinstance(rh, sympy.Add):
            terms = list(lh.args) if isinstance(lh, sympy.Add) else [lh]
            return sympy.Add(*terms, rh, evaluate=False)
        return super().add_flat(lh, rh)

    def parse_number(self, text: str) -> sympy.Rational:
        match = _NUMBER_TOKEN.fullmatch(text)
        if match is None:
            raise ParseError(f"cannot read the number '{shorten(text)}'")
        whole, fraction, exponent = match.groups()
        return self.builder.number(whole, fraction or "", exponent or "")


def _quotient(top: Any, bottom: Any, reduced: sympy.Rational) -> sympy.Expr:
    """``top / bottom`` as written, where latex2sympy reduced two integers to one Rational."""
    if not (isinstance(top, sympy.Integer) and isinstance(bottom, sympy.Integer)):
        return reduced
    return sympy.Mul(top, sympy.Pow(bottom, -1, evaluate=False), evaluate=False)


# ANTLR's generated parsers share one prediction cache (the DFA) per grammar, and it is not
# thread-safe: LaTeX answers checked from several threads take turns here. Each parse is
# bounded by its deadline, so the wait is too.
_ANTLR_LOCK = threading.Lock()


def convert(source: MappedText, text: str, builder: Builder) -> sympy.Basic:
    """latex2sympy's unevaluated tree for the prepared ``source``: SLL first, then LL."""
    failure: Exception | None = None
    with _ANTLR_LOCK, sympy.evaluate(False):
        for mode in (PredictionMode.SLL, PredictionMode.LL):
            try:
                return _GuardedLatex2Sympy(builder, mode).parse(source.text)
            except (ParseError, RecursionError):
                raise
            except Exception as err:  # latex2sympy raises bare Exceptions
                failure = err
    assert failure is not None
    raise _reader_error(failure, source, text)


def _reader_error(err: Exception, source: MappedText, text: str) -> ParseError:
    """A one-line ParseError from latex2sympy's three-line message (text, source, marker)."""
    lines = str(err).split("\n")
    reason = lines[0].strip()[:80] or type(err).__name__
    position = None
    if len(lines) == 3 and lines[1] == source.text and lines[2].endswith("^"):
        position = source.origin(len(lines[2]) - 1)
    return ParseError(f"could not read this LaTeX ({reason})", position, text)
