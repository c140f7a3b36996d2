"""tutor.parse: untrusted student text -> sympy, safely (never through eval or sympify).

The project's one parser. ``parse_expression`` reads calculator syntax (``2x e^(3x)``,
``sin^2 x``, ``log_2 x``, ``|x|``) or LaTeX (``\\frac{1}{2}x^{2}\\sin x``) and returns a
``Reading``: the sympy expression (real symbols), the syntax used, the input and any
alternative readings of ambiguous input; with ``evaluate=False``, the expression as written
(``2+3`` stays a sum). ``parse_answer`` reads an answer of a kind in ``ANSWER_KINDS`` --
an expression, a number, an antiderivative, a vector, a matrix, a set of points or an
equation -- into a ``ParsedAnswer`` (value, written form, orientation, constant of
integration), reading every entry with the same expression parser. Everything it cannot or
will not read raises a one-line ``ParseError``; ``Limits`` bounds length, nesting, number
sizes, entry counts and time.

Modules: ``reading`` (entry point), ``calculator`` + ``grammar`` + ``tokens`` (calculator
syntax), ``latex`` + ``latex_convert`` + ``latex_tree`` (LaTeX via latex2sympy2_extended),
``build`` (guarded sympy construction, evaluated or written), ``source`` (character
screening, Unicode, positions), ``vocabulary`` (names), ``answers`` + ``shapes`` +
``structure`` (structured answers), ``errors``, ``limits``. Each module's docstring says how
to extend it.
"""

from tutor.parse.answers import ANSWER_KINDS, ParsedAnswer, parse_answer
from tutor.parse.errors import ParseError
from tutor.parse.limits import DEFAULT_LIMITS, Limits
from tutor.parse.reading import Reading, parse_expression

__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_LIMITS",
    "Limits",
    "ParseError",
    "ParsedAnswer",
    "Reading",
    "parse_answer",
    "parse_expression",
]
