"""The oracle for the solver kinds of Step (tutor/steps/step.py): evaluate, matrix, solve, solution.

tests/verify.py's `check_node` hands these kinds here. Each check is independent of the solver:

- ``evaluate``: ``expr`` with ``details["at"]`` substituted by sympy must equal ``result``; exactly
  (through :func:`verify.equal`) when no ``details["digits"]`` is stated, else to that many
  significant digits (less two for rounding in the last places);
- ``matrix``: ``result`` is a matrix and its entries, row by row, are the children's results;
- ``solve``: every solution Tuple in ``result`` satisfies every equation of ``expr`` (exactly, or
  to ``details["digits"]``); completeness is each family's test, against ``sympy.solve``;
- ``solution``: stated by the solver; each family's tests compare it with independent computation.

Matrices anywhere (a ``rewrite`` of a Jacobian, a gradient-descent ``evaluate``) are compared
entry by entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import mpmath
import sympy

if TYPE_CHECKING:
    from tutor.steps.step import Step

Equal = Callable[[sympy.Basic, sympy.Basic], tuple[bool, str]]


def entries(value: sympy.Basic) -> list[sympy.Basic]:
    """A matrix's entries row by row, a Tuple's items, or the value itself."""
    if isinstance(value, sympy.MatrixBase):
        return list(value)
    if isinstance(value, sympy.Tuple):
        return list(value)
    return [value]


def same_shape(a: sympy.Basic, b: sympy.Basic) -> bool:
    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        return getattr(a, "shape", None) == getattr(b, "shape", None)
    return len(entries(a)) == len(entries(b))


def close(reference: sympy.Basic, value: sympy.Basic, digits: int) -> tuple[bool, str]:
    """Numbers agreeing to `digits` significant digits (less two), or both near 0."""
    try:
        with mpmath.workdps(max(30, digits + 10)):
            a = mpmath.mpmathify(sympy.N(reference, digits + 10))
            b = mpmath.mpmathify(sympy.N(value, digits + 10))
            tolerance = mpmath.mpf(10) ** (2 - digits)
            if abs(a - b) <= tolerance * max(abs(a), abs(b)) or abs(a - b) <= tolerance:
                return True, "numerically equal"
            return False, f"{mpmath.nstr(a, digits)} expected, got {mpmath.nstr(b, digits)}"
    except (TypeError, ValueError) as error:
        return False, f"not a number: {error}"


def elementwise(
    reference: sympy.Basic, value: sympy.Basic, equal: Equal, digits: int | None
) -> tuple[bool, str]:
    if not same_shape(reference, value):
        return False, f"shape differs: {reference} vs {value}"
    for index, (a, b) in enumerate(zip(entries(reference), entries(value), strict=True)):
        ok, reason = close(a, b, digits) if digits is not None else equal(a, b)
        if not ok:
            return False, f"entry {index}: {reason}"
    return True, "equal entry by entry"


def check_evaluate(step: Step, equal: Equal) -> tuple[bool, str]:
    at = step.details.get("at")
    if not isinstance(at, dict) and not hasattr(at, "items"):
        return False, "evaluate step needs details['at'], a mapping symbol -> value"
    reference = step.expr.subs(dict(at))
    if isinstance(reference, sympy.MatrixBase):
        reference = reference.applyfunc(lambda entry: entry.doit())
    return elementwise(reference, step.result, equal, step.details.get("digits"))


def check_matrix(step: Step, equal: Equal) -> tuple[bool, str]:
    if not isinstance(step.result, sympy.MatrixBase):
        return False, "matrix step whose result is not a matrix"
    values = list(step.result)
    if len(values) != len(step.children):
        return False, f"{len(values)} entries but {len(step.children)} children"
    for index, (value, child) in enumerate(zip(values, step.children, strict=True)):
        ok, reason = elementwise(child.result, value, equal, None)
        if not ok:
            return False, f"entry {index} is not its child's result: {reason}"
    return True, "entries are the children's results"


def check_solve(step: Step, equal: Equal) -> tuple[bool, str]:
    unknowns = tuple(step.details.get("unknowns", ()))
    if not unknowns or not isinstance(step.expr, sympy.Tuple):
        return False, "solve step needs a Tuple of equations and details['unknowns']"
    digits = step.details.get("digits")
    for solution in step.result:
        if len(solution) != len(unknowns):
            return False, f"solution {solution} does not give every unknown {unknowns}"
        values = dict(zip(unknowns, solution, strict=True))
        for equation in step.expr:
            lhs = equation.lhs - equation.rhs if isinstance(equation, sympy.Eq) else equation
            residual = lhs.subs(values)
            ok, reason = close(0, residual, digits) if digits else equal(sympy.Integer(0), residual)
            if not ok:
                return False, f"{solution} does not satisfy {equation}: {reason}"
    return True, "every solution satisfies every equation"


def check_solver_kind(step: Step, equal: Equal) -> tuple[bool, str] | None:
    """(verdict, reason) for the solver kinds, or None for a kind this module does not own."""
    if step.kind == "evaluate":
        return check_evaluate(step, equal)
    if step.kind == "matrix":
        return check_matrix(step, equal)
    if step.kind == "solve":
        return check_solve(step, equal)
    if step.kind == "solution":
        return True, "checked by the family's tests"
    return None
