"""A step-by-step calculus tutor for the mathematics of machine learning.

Public interface (stable; the CLI mirrors it):

    tutor.derive(expr, var="x", order=1, first_principles=False) -> Step
    tutor.check(expected, answer, kind="expr", syntax="auto", ...) -> Verdict
    tutor.check_problem(problem_id, answer) -> Verdict
    tutor.jacobian("x^2 y; sin(x y)", "x,y"), tutor.newton("x^3 - 2x - 5", 2, steps=5), ...
        the weeks 2-6 solvers (tutor.api), each returning a Step tree

`expr` is a sympy expression or untrusted text (calculator syntax or LaTeX), which is parsed by
tutor.parse, never by eval. See docs/architecture.md for the layers.
"""

from __future__ import annotations

import sympy as sp

from tutor.steps import Step
from tutor.steps import derive as _derive

API = (
    "partial", "gradient", "jacobian", "hessian", "directional_derivative", "total_derivative",
    "backprop", "taylor", "linearisation", "taylor_two_variables", "newton", "descent",
    "stationary_points", "lagrange", "chi_squared", "line_fit", "fit", "check_problem",
)  # fmt: skip
__all__ = ["Step", "check", "derive", "variable", *API]
__version__ = "0.1.0"


def variable(name: str) -> sp.Symbol:
    """The project's symbol for a variable name: real, as in every layer."""
    return sp.Symbol(name, real=True)


def derive(
    expr: str | sp.Basic,
    var: str | sp.Symbol = "x",
    order: int = 1,
    *,
    first_principles: bool = False,
    syntax: str = "auto",
) -> Step:
    """The derivation of `expr` with respect to `var`, `order` times, as a Step tree."""
    if isinstance(expr, str):
        from tutor.parse import parse_expression

        expr = parse_expression(expr, syntax=syntax).expr
    symbol = variable(var) if isinstance(var, str) else var
    return _derive(expr, symbol, order, first_principles=first_principles)


def check(expected, answer: str, **options):
    """Judge a student's answer (untrusted text) against `expected`; see tutor.answers.checker."""
    from tutor.answers.checker import check as check_answer  # on use: `tutor diff` starts faster

    return check_answer(expected, answer, **options)


def __getattr__(name: str):
    """The solver API (tutor.api) is loaded on first use: `tutor diff` never pays for it."""
    if name in API:
        from tutor import api

        return getattr(api, name)
    raise AttributeError(f"module 'tutor' has no attribute {name!r}")
