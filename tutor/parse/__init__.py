"""tutor.parse: untrusted student text -> sympy, safely (never through eval or sympify).

The project's one parser. ``parse_expression`` reads calculator syntax (``2x e^(3x)``,
``sin^2 x``, ``log_2 x``, ``|x|``) or LaTeX (``\\frac{1}{2}x^{2}\\sin x``) and returns a
``Reading``: the sympy expression (real symbols), the syntax used, the input and any
alternative readings of ambiguous input. Everything it cannot or will not read raises a
one-line ``ParseError``; ``Limits`` bounds length, nesting, number sizes and time.

Modules: ``reading`` (entry point), ``calculator`` + ``tokens`` (calculator syntax),
``latex`` + ``latex_tree`` (LaTeX via latex2sympy2_extended), ``build`` (guarded sympy
construction), ``source`` (character screening, Unicode, positions), ``vocabulary`` (names),
``errors``, ``limits``. Each module's docstring says how to extend it.
"""

from tutor.parse.errors import ParseError
from tutor.parse.limits import DEFAULT_LIMITS, Limits
from tutor.parse.reading import Reading, parse_expression

__all__ = ["DEFAULT_LIMITS", "Limits", "ParseError", "Reading", "parse_expression"]
