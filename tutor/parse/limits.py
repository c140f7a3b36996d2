"""Limits: the resource bounds every parse is held to.

Student text is untrusted, so each parse checks these bounds *before* doing the expensive thing
they guard (tokenizing, recursing, asking sympy to evaluate a number). A new guard belongs here
as a new field with a safe default, documented below, and is enforced where the cost arises
(``tutor.parse.build`` for anything sympy evaluates).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource bounds for one parse.

    max_length: characters of input, checked first of all.
    max_depth: nesting of brackets, absolute-value bars, function arguments and exponents.
        The calculator parser spends at most six Python frames per level, so the default
        stays far below the recursion limit; LaTeX is capped at 40 levels whatever this
        says, because latex2sympy's ANTLR parser spends about ten frames per level.
    max_integer_digits: digits in one numeric literal; also the largest number (in digits)
        whose non-integer roots sympy is allowed to extract, since that costs time cubic in
        the digits.
    max_result_digits: estimated digits of any number sympy would compute while building
        the expression: powers, products and sums of numbers, factorials, gamma/beta values.
    max_factorial: largest integer whose factorial (or gamma value) is evaluated; the
        digits bound above applies as well, so at the defaults n! stops at n = 806.
    max_seconds: CPU-time budget for one parse (this thread's, with garbage collection
        paused, so neither a busy machine nor a collection of the whole process spends it).
        Building checks it between steps, and the LaTeX reader checks it while its ANTLR
        parser runs, so a pathological input fails after about this long instead of
        hanging. In ``parse_answer`` each entry has this budget, and the whole answer
        ``max_answer_seconds``.
    max_answer_seconds: CPU-time budget for a whole answer (``parse_answer``): a 20x20
        LaTeX matrix is 400 readings.
    max_components: entries of a vector, points of a set and coordinates of a point
        (``parse_answer``), counted before any entry is read.
    max_matrix_size: rows and columns of a matrix answer, counted before any entry is read.
    """

    max_length: int = 2000
    max_depth: int = 100
    max_integer_digits: int = 100
    max_result_digits: int = 2000
    max_factorial: int = 1000
    max_seconds: float = 0.5
    max_answer_seconds: float = 1.0
    max_components: int = 100
    max_matrix_size: int = 20


DEFAULT_LIMITS = Limits()
