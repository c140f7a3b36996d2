"""Mistakes in answers with a shape: vectors (gradients), matrices (Jacobians), sets of points.

- ``transposed``: a matrix answer equal to the expected one transposed (``transposed_jacobian``),
  when the expected matrix is not symmetric.
- ``multiplier_points``: every point of a set answer has one coordinate too many, and dropping
  the same coordinate from each (the last first) gives the expected set: the Lagrange
  multiplier's value was listed with the point (``multiplier_in_points``). Compared with the
  expected set (``versus_expected``), since the multiplier's values are not predicted.
- ``componentwise``: a gradient or Jacobian with one component replaced by a derivative mistake
  (the components that differ in form from the expected ones are tried first), and a gradient
  with its components in reverse order (``wrong_variable``).

To add a model for a shape, write a generator here and chain it in ``find.py`` for its kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import sympy as sp

from tutor.answers.mistakes.base import Candidate, symbol, text
from tutor.answers.mistakes.derivative import derivative_candidates
from tutor.notation import partial_label


def transposed(expected: object, given: object) -> Iterator[Candidate]:
    if not (isinstance(expected, sp.MatrixBase) and isinstance(given, sp.MatrixBase)):
        return
    flipped = expected.T
    if given.shape == flipped.shape and flipped != expected:
        yield Candidate("transposed_jacobian", sp.ImmutableMatrix(flipped), _transposed_message)


def _transposed_message() -> str:
    return (
        "It looks as if the matrix is transposed: row i holds the derivatives of the i-th "
        "component, so ∂fᵢ/∂xⱼ goes in row i, column j."
    )


def multiplier_points(
    expected: Sequence[Sequence[object]], given: Sequence[Sequence[object]], name: object
) -> Iterator[Candidate]:
    if not expected or not given or not _all_tuples(expected) or not _all_tuples(given):
        return
    size = len(expected[0])
    if any(len(p) != size for p in expected) or any(len(p) != size + 1 for p in given):
        return
    for drop in [size, *range(size)]:
        reduced = tuple(tuple(c for i, c in enumerate(p) if i != drop) for p in given)
        yield Candidate("multiplier_in_points", reduced, _multiplier_message(name), True)


def _all_tuples(points: Sequence[object]) -> bool:
    return all(isinstance(p, (tuple, list)) for p in points)


def _multiplier_message(name: object) -> Callable[[], str]:
    letter = text(symbol(name)) if name else "λ"
    return lambda: (
        f"Your points include the value of the multiplier {letter}: the answer is the points "
        f"themselves, so leave {letter} out of each."
    )


def componentwise(
    expected: object, given: object, function: object, variables: Sequence[sp.Symbol]
) -> Iterator[Candidate]:
    """Gradient (``function`` a scalar, answers tuples) or Jacobian (a sequence, matrices)."""
    if isinstance(expected, sp.MatrixBase):
        yield from _jacobian(expected, given, function, variables)
    elif isinstance(expected, tuple) and isinstance(given, tuple):
        yield from _gradient(expected, given, function, variables)


def _gradient(
    expected: tuple, given: tuple, function: sp.Expr, variables: Sequence[sp.Symbol]
) -> Iterator[Candidate]:
    n = len(expected)
    if not isinstance(function, sp.Expr) or len(given) != n or len(variables) != n or n < 2:
        return
    yield Candidate("wrong_variable", expected[::-1], _reversed_message(variables))
    for i in sorted(range(n), key=lambda i: expected[i] == given[i]):
        if expected[i] == given[i]:
            continue
        where = partial_label(text(function), variables[i].name)
        for c in derivative_candidates(function, variables[i], expected[i], variables):
            value = expected[:i] + (c.value,) + expected[i + 1 :]
            yield Candidate(c.tag, value, _in_component(where, c.message))


def _jacobian(
    expected: sp.MatrixBase, given: object, components: object, variables: Sequence[sp.Symbol]
) -> Iterator[Candidate]:
    if not isinstance(components, (tuple, list, sp.MatrixBase)):
        return
    functions = list(components)
    shape = (len(functions), len(variables))
    if not isinstance(given, sp.MatrixBase) or expected.shape != shape or given.shape != shape:
        return
    entries = [(i, j) for i in range(shape[0]) for j in range(shape[1])]
    for i, j in entries:
        if expected[i, j] == given[i, j]:
            continue
        where = f"the entry {partial_label(text(functions[i]), variables[j].name)}"
        for c in derivative_candidates(functions[i], variables[j], expected[i, j], variables):
            value = expected.as_mutable()
            value[i, j] = c.value
            yield Candidate(c.tag, value.as_immutable(), _in_component(where, c.message))


def _in_component(where: str, message: Callable[[], str]) -> Callable[[], str]:
    def prefixed() -> str:
        body = message()
        return f"In {where}: {body[:1].lower()}{body[1:]}"

    return prefixed


def _reversed_message(variables: Sequence[sp.Symbol]) -> Callable[[], str]:
    order = ", ".join(text(v) for v in variables)
    return lambda: (
        f"Your components are in the wrong order: the gradient lists the partial derivatives "
        f"with respect to {order}, in that order."
    )
