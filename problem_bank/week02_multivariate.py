"""Week 2: multivariate calculus. Partial derivatives, mixed second partials, the gradient and the
directional derivative at a point, Jacobian matrices and Hessian matrices.

Every solution comes from the week-2 solvers (tutor.solvers.multivariate, .directional) and the
answer is the solution's root result: a `partial` step, the Hessian's `second_partial` entry
∂/∂b [∂f/∂a] (the variables ordered (b, a, ...) so that it is the entry H₁₂), or `at_point` of a
gradient, Jacobian or Hessian, or the directional derivative's value.

Values at a point are nice by construction: the point is drawn first (small whole numbers, none
0 in three variables) and every transcendental piece is built around it, its inner function u
vanishing there (e^u, sin u, cos u; ln(1 + u); √(k² + u)), so its derivatives at the point are
whole numbers (for √, fractions over 2k). Directions have whole lengths ((3, 4), (1, 2, 2), ...),
so the unit vector is rational. A bounded loop (`_first_nice`, NICE_TRIES candidates) keeps the
first candidate whose solved values are small, with no row or column of 0s, and for a square
Jacobian a small non-zero determinant; the last candidate otherwise goes to the registry's
tests. Expression answers stay under ANSWER_NODES nodes (typeable, on the checker's fast path).

The bands (problem_bank.features) separate the difficulties: `variables` (x, y or x, y, z),
`depth` (polynomials have no chain rule) and `rules` (partial and mixed derivatives, Jacobians in
x, y), as each topic's decorator states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sympy as sp

from problem_bank.common import X, Y, Z, coefficient
from problem_bank.draw import Draw, attempts
from problem_bank.registry import Draft, topic
from tutor.problem import AnswerSpec
from tutor.solvers.directional import directional_derivative
from tutor.solvers.multivariate import (
    at_point,
    gradient,
    hessian,
    jacobian,
    partial_derivative,
)
from tutor.steps import Step

T = TypeVar("T")
V2, V3 = (X, Y), (X, Y, Z)
Point = dict[sp.Symbol, sp.Integer]
ANSWER_NODES = 80  # an expression answer stays on the checker's fast path (and typeable)
LARGEST_DETERMINANT = {2: 40, 3: 100}  # |det J| at the point, for a square Jacobian
NICE_TRIES = 8  # candidates per draft before the last one goes to the registry's tests

# Directions with a whole-number length, so the unit vector is rational.
DIRECTIONS_2 = ((3, 4), (5, 12), (8, 15), (7, 24), (20, 21))
DIRECTIONS_3 = ((1, 2, 2), (2, 3, 6), (1, 4, 8), (2, 6, 9), (4, 4, 7), (3, 4, 12), (2, 10, 11))


# -- drawing the pieces -------------------------------------------------------------------------


def _definition(name: str, variables: Sequence[sp.Symbol], value: sp.Basic) -> sp.Eq:
    """f(x, y) = value, written as the statement's one maths slot."""
    return sp.Eq(sp.Function(name)(*variables), value, evaluate=False)


def _names(variables: Sequence[sp.Symbol]) -> tuple[str, ...]:
    return tuple(v.name for v in variables)


def _point(draw: Draw, variables: Sequence[sp.Symbol], low: int = -2, high: int = 2) -> Point:
    """Whole-number coordinates, not all 0; none 0 in three variables (a 0 coordinate there
    tends to empty a whole row of the Hessian or Jacobian)."""
    if len(variables) == 3:
        return {v: sp.Integer(draw.choice([-2, -1, 1, 2])) for v in variables}
    coordinates = [draw.integer(low, high) for _ in variables]
    if not any(coordinates):
        coordinates[draw.integer(0, len(coordinates) - 1)] = draw.choice([-1, 1, 2])
    return dict(zip(variables, map(sp.Integer, coordinates), strict=True))


def _tuple(point: Point, variables: Sequence[sp.Symbol]) -> sp.Tuple:
    return sp.Tuple(*(point[v] for v in variables))


def _mixed_term(
    draw: Draw, variables: Sequence[sp.Symbol], largest: int = 6, top: int = 2, count: int = 2
) -> sp.Expr:
    """c·aᵐ·bⁿ: a monomial in `count` of the variables, each power from 1 to `top`."""
    chosen = draw.sample(variables, count)
    return coefficient(draw, largest) * sp.Mul(*(v ** draw.integer(1, top) for v in chosen))


def _pure_term(
    draw: Draw, variables: Sequence[sp.Symbol], largest: int = 9, low: int = 1, top: int = 3
) -> sp.Expr:
    """c·vⁿ in one variable."""
    return coefficient(draw, largest) * draw.choice(variables) ** draw.integer(low, top)


def _vanishing(draw: Draw, variables: Sequence[sp.Symbol], point: Point) -> sp.Expr:
    """An inner function of two (or three) of the variables that is 0 at the point:
    p a + q b, p a b, a² + q b (or a b + q c), minus its value there."""
    a, b, *rest = draw.shuffled(variables)
    form = draw.integer(0, 3 if rest else 2)
    if form == 0:
        inner = coefficient(draw, 3) * a + coefficient(draw, 3) * b
    elif form == 1:
        inner = coefficient(draw, 2) * a * b
    elif form == 2:
        inner = a**2 + coefficient(draw, 3) * b
    else:
        inner = a * b + coefficient(draw, 3) * rest[0]
    return sp.expand(inner - inner.subs(point))


OUTER_AT_ZERO = ("exp", "sin", "cos", "log", "sqrt")


def _composite(draw: Draw, u: sp.Expr, kind: str) -> sp.Expr:
    """An outer function of u (u = 0 at the point), with a value there that is whole."""
    if kind == "exp":
        return sp.exp(u)
    if kind == "sin":
        return sp.sin(u)
    if kind == "cos":
        return sp.cos(u)
    if kind == "log":
        return sp.log(1 + u)
    return sp.sqrt(draw.integer(1, 3) ** 2 + u)  # √(k² + u) = k there: derivatives u'/(2k)


def _block(
    draw: Draw,
    variables: Sequence[sp.Symbol],
    point: Point,
    kinds: Sequence[str],
    largest: int = 4,
) -> sp.Expr:
    """c·g(u) with u = 0 at the point."""
    u = _vanishing(draw, variables, point)
    return coefficient(draw, largest) * _composite(draw, u, draw.choice(kinds))


def _product_block(
    draw: Draw,
    variables: Sequence[sp.Symbol],
    point: Point,
    kinds: Sequence[str],
    largest: int = 3,
) -> sp.Expr:
    """c·vⁿ·g(u) (product and chain rule), or c·a/(b + d) with b + d = ±1 at the point."""
    if draw.integer(0, 4) == 0:
        a, b = draw.sample(variables, 2)
        d = draw.choice([-1, 1]) - point[b]
        return coefficient(draw, largest) * a / (b + d)
    u = _vanishing(draw, variables, point)
    factor = draw.choice(variables) ** draw.integer(1, 2)
    return coefficient(draw, largest) * factor * _composite(draw, u, draw.choice(kinds))


def _first_nice(
    draw: Draw,
    make: Callable[[Draw], T],
    solve: Callable[[T], Step],
    nice: Callable[[Step], bool],
    quick: Callable[[T], bool] | None = None,
) -> tuple[T, Step]:
    """The first of a bounded number of candidates whose solution is nice, else the last one
    (whose answer then meets the registry's band and degeneracy tests). `quick`, when given, is
    a cheap test (sympy's first derivatives at the point) that skips the solver for candidates it
    refuses; the solver's result decides."""
    for k in attempts(NICE_TRIES):
        candidate = make(draw.fork(f"try{k}"))
        if quick is not None and not quick(candidate) and k < NICE_TRIES - 1:
            continue
        solution = solve(candidate)
        if nice(solution):
            break
    return candidate, solution


def _nodes(expr: sp.Basic) -> int:
    return sum(1 for _ in sp.preorder_traversal(expr))


def _entries(value: Any) -> list[sp.Basic]:
    return list(value) if isinstance(value, sp.MatrixBase) else [value]


def _spread(matrix: sp.MatrixBase, zeros: int) -> bool:
    """No row and no column of 0s, and at most `zeros` entries 0 (every variable matters)."""
    rows = [list(matrix.row(i)) for i in range(matrix.rows)]
    columns = [list(matrix.col(j)) for j in range(matrix.cols)]
    if any(all(v == 0 for v in line) for line in rows + columns):
        return False
    return sum(1 for v in matrix if v == 0) <= zeros


def _small(values: Sequence[sp.Basic], largest: int, denominator: int = 1) -> bool:
    """Rational values, not all 0, each at most `largest` in size with a small denominator.
    The first is not −10: the stress test's wrong answer (tests/problem_bank/checks.perturbed,
    first entry v -> 1.1 v + 1) would be the right one there."""
    return (
        all(isinstance(v, sp.Rational) for v in values)
        and any(v != 0 for v in values)
        and all(abs(v) <= largest and v.q <= denominator for v in values)
        and values[0] != -10
    )


# -- the drafts ---------------------------------------------------------------------------------


def _draft(
    prompt: str,
    math: dict[str, Any],
    kind: str,
    solution: Step,
    functions: Sequence[sp.Basic],
    variables: Sequence[sp.Symbol],
    context: dict[str, Any] | None = None,
    **meta: Any,
) -> Draft:
    answer = AnswerSpec(kind, solution.result, _names(variables), context=context or {})
    return Draft(prompt, math, answer, solution, tuple(functions), len(variables), meta)


# -- 1. partial derivatives ---------------------------------------------------------------------

PARTIAL = "Let {f}. Find the partial derivative of f with respect to {x}."


def _outer(draw: Draw, kinds: Sequence[str], inner: sp.Expr) -> sp.Expr:
    kind = draw.choice(kinds)
    if kind == "power":
        return inner ** draw.choice([2, 3, 4, -1])
    return {
        "exp": sp.exp,
        "sin": sp.sin,
        "cos": sp.cos,
        "tan": sp.tan,
        "log": sp.log,
        "sqrt": sp.sqrt,
        "atan": sp.atan,
    }[kind](inner)


def _inner(draw: Draw, a: sp.Symbol, b: sp.Symbol, c: sp.Symbol | None, kind: str) -> sp.Expr:
    """An inner function of a and b (and c) for the outer function `kind`: positive everywhere
    for ln and √, a sum for a power (a power of a monomial would just be a monomial)."""
    if kind in ("log", "sqrt"):
        forms = [
            a**2 + draw.integer(1, 4) * b**2 + draw.integer(1, 9),
            a**2 * b**2 + draw.integer(1, 9),
        ]
        if c is not None:
            forms.append(a**2 + b**2 + draw.integer(1, 4) * c**2 + draw.integer(1, 5))
        return draw.choice(forms)
    sums = [
        coefficient(draw, 5) * a + coefficient(draw, 5) * b,
        a**2 + coefficient(draw, 5) * b,
        a * b + coefficient(draw, 9),
    ]
    products = [coefficient(draw, 5) * a * b, coefficient(draw, 3) * a**2 * b]
    if c is not None:
        sums.append(a * b + coefficient(draw, 5) * c)
        products.append(coefficient(draw, 3) * a * b * c)
    return draw.choice(sums if kind == "power" else sums + products)


CHAIN_OUTER = ("exp", "sin", "cos", "tan", "log", "sqrt", "power", "atan")


def _chain_term(
    draw: Draw,
    a: sp.Symbol,
    b: sp.Symbol,
    c: sp.Symbol | None,
    kinds: Sequence[str] = CHAIN_OUTER,
) -> sp.Expr:
    """g(u(a, b)) (or u(a, b, c)) for one of the outer functions g."""
    kind = draw.choice(kinds)
    return _outer(draw, [kind], _inner(draw, a, b, c, kind))


def _product_term(draw: Draw, x: sp.Symbol, other: sp.Symbol, third: sp.Symbol | None) -> sp.Expr:
    """A product or quotient with a composite whose inner function holds x and another variable:
    c·xᵐ·yⁿ·g(u), c·g(u)·h(v), or c·g(u)/(x² + k y²)."""
    chain = _chain_term(draw, x, other, third)
    form = draw.integer(0, 2)
    if form == 0:
        monomial = x ** draw.integer(1, 3) * draw.choice([1, other, other**2])
        return coefficient(draw, 6) * monomial * chain
    if form == 1:
        kind = draw.choice(["exp", "sin", "cos"])
        second = _outer(draw, [kind], _inner(draw, x, third or other, None, kind))
        return coefficient(draw, 6) * chain * second
    return coefficient(draw, 6) * chain / (x**2 + draw.integer(1, 4) * other**2)


@topic(
    "partial-derivatives",
    2,
    "Partial derivatives",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "rules": (3, 8)},
        "medium": {"variables": (2, 3), "depth": (1, 2), "rules": (5, 10)},
        "hard": {"variables": (2, 3), "depth": (1, 3), "rules": (11, 30)},
    },
)
def partial_derivatives(draw: Draw, difficulty: str) -> Draft:
    variables = V2 if difficulty == "easy" else draw.weighted([(V2, 1), (V3, 1)])
    x, other, *rest = draw.shuffled(variables)
    third = rest[0] if rest else None
    if difficulty == "easy":
        f = sp.Add(
            _mixed_term(draw, V2, 9, 3),
            _mixed_term(draw, V2, 9, 3),
            _pure_term(draw, V2, 9, 1, 4),
        )
        if not f.has(x) or sp.diff(f, x) == 0:  # the like terms cancelled: keep x in it
            f = f + coefficient(draw, 9) * x * other
    elif difficulty == "medium":
        term = coefficient(draw, 6) * _chain_term(draw, x, other, third)
        f = term + _mixed_term(draw, [x, other, *rest], 6, 3, draw.integer(1, 2))
    else:
        partner = third or other
        f = _product_term(draw, x, other, third) + draw.choice(
            [
                coefficient(draw, 5) * _chain_term(draw, x, partner, None),
                _mixed_term(draw, variables, 6, 3, len(variables)),
            ]
        )
    f = sp.expand(f) if difficulty == "easy" else f
    solution = partial_derivative(f, x, variables)
    context = {"function": f, "var": x.name, "variables": _names(variables)}
    math = {"f": _definition("f", variables, f), "x": x}
    return _draft(PARTIAL, math, "expr", solution, (f,), variables, context)


# -- 2. mixed second partials -------------------------------------------------------------------

MIXED = (
    "Let {f}. Find the mixed second partial derivative of f: differentiate with respect to {a}"
    " first, then differentiate the result with respect to {b}."
)


@topic(
    "mixed-partials",
    2,
    "Mixed second partial derivatives",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "rules": (2, 7)},
        "medium": {"variables": (2, 2), "rules": (8, 13)},
        "hard": {"variables": (2, 3), "rules": (14, 45)},
    },
)
def mixed_partials(draw: Draw, difficulty: str) -> Draft:
    def make(sub: Draw) -> tuple[sp.Expr, tuple, tuple]:
        variables = V3 if difficulty == "hard" and sub.integer(0, 1) else V2
        a, b, *rest = sub.shuffled(variables)  # the answer is ∂/∂b [∂f/∂a]
        third = rest[0] if rest else None
        if difficulty == "easy":
            f = sp.expand(
                _mixed_term(sub, V2, 9, 3)
                + _mixed_term(sub, V2, 9, 3)
                + _pure_term(sub, V2, 9, 2, 4)
            )
        elif difficulty == "medium":
            chain = _chain_term(sub, a, b, None, CHAIN_OUTER[:3] + ("log", "sqrt", "power"))
            f = coefficient(sub, 6) * chain + _mixed_term(sub, V2, 6, 2)
        else:  # c·a b·g(u), ...: a product rule for ∂f/∂a, then for ∂/∂b of each term
            factors = [a * b, a**2 * b, a * b**2, a * b * (third or a)]
            chain = _chain_term(sub, a, b, third, CHAIN_OUTER[:4])  # ln, √, arctan: too long
            f = coefficient(sub, 6) * sub.choice(factors) * chain
        return f, variables, (b, a, *rest)

    def quick(candidate: tuple[sp.Expr, tuple, tuple]) -> bool:
        f, _, (b, a, *_rest) = candidate
        derivative = sp.diff(f, a, b)
        return derivative != 0 and _nodes(derivative) <= ANSWER_NODES // 2  # the engine writes more

    def solve(candidate: tuple[sp.Expr, tuple, tuple]) -> Step:
        f, _, order = candidate
        return hessian(f, order).children[1].children[1]  # H₁₂ = ∂/∂b [∂f/∂a]

    def nice(solution: Step) -> bool:
        return solution.result != 0 and _nodes(solution.result) <= ANSWER_NODES

    (f, variables, (b, a, *_rest)), entry = _first_nice(draw, make, solve, nice, quick)
    context = {"function": sp.diff(f, a), "var": b.name, "variables": _names(variables)}
    math = {"f": _definition("f", variables, f), "a": a, "b": b}
    return _draft(MIXED, math, "expr", entry, (f,), variables, context)


# -- 3. gradient at a point ---------------------------------------------------------------------

GRADIENT = "Let {f}. Find the gradient of f at the point {p}."
EXACT = " Give exact values."


def _scalar_at_point(
    draw: Draw, difficulty: str, kinds: Sequence[str], two_pieces: bool = True
) -> tuple[sp.Expr, Point, tuple]:
    """f and a point for the value-at-a-point topics: a polynomial in x, y (easy), a composite
    with a monomial (medium), in x, y, z a product with a composite and a second composite
    and/or a monomial (hard; with `two_pieces` False, the product and a monomial only)."""
    if difficulty == "easy":
        point = _point(draw, V2, -3, 3)
        f = _mixed_term(draw, V2, 6, 2) + sp.Add(
            *(_pure_term(draw, V2, 9, 1, 3) for _ in range(draw.integer(1, 2)))
        )
        return f, point, V2
    if difficulty == "medium":
        point = _point(draw, V2)
        f = _block(draw, V2, point, kinds) + draw.choice(
            [_mixed_term(draw, V2, 5, 2), _pure_term(draw, V2, 6, 1, 3)]
        )
        return f, point, V2
    variables = V3
    point = _point(draw, variables)
    f = _product_block(draw, variables, point, kinds[:3])
    if two_pieces:
        f = f + _block(draw, variables, point, kinds)
    if not two_pieces or draw.integer(0, 1):
        f = f + _mixed_term(draw, variables, 4, 2, draw.integer(2, 3))
    return f, point, variables


@topic(
    "gradient",
    2,
    "The gradient at a point",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "non_integer": (0, 0)},
        "medium": {"variables": (2, 2), "depth": (1, 1)},
        "hard": {"variables": (3, 3), "depth": (1, 2)},
    },
)
def gradient_at_point(draw: Draw, difficulty: str) -> Draft:
    def make(sub: Draw) -> tuple[sp.Expr, Point, tuple]:
        return _scalar_at_point(sub, difficulty, OUTER_AT_ZERO)

    def solve(candidate: tuple[sp.Expr, Point, tuple]) -> Step:
        f, point, variables = candidate
        return at_point(gradient(f, variables), point)

    def nice(solution: Step) -> bool:  # small fractions, and every variable matters there
        values = _entries(solution.result)
        return _small(values, 30, 6) and all(v != 0 for v in values)

    (f, point, variables), solution = _first_nice(draw, make, solve, nice)
    math = {"f": _definition("f", variables, f), "p": _tuple(point, variables)}
    fractions = any(not entry.is_Integer for entry in solution.result)
    prompt = GRADIENT + (EXACT if fractions else "")
    return _draft(prompt, math, "vector", solution, (f,), variables)


# -- 4. directional derivative ------------------------------------------------------------------

DIRECTIONAL = (
    "Let {f}. Find the directional derivative of f at the point {p} in the direction of the"
    " vector {v} (use the unit vector in that direction). Give the exact value."
)


def _direction(draw: Draw, size: int) -> tuple[int, ...]:
    base = draw.choice(DIRECTIONS_2 if size == 2 else DIRECTIONS_3)
    return tuple(c * draw.sign() for c in draw.shuffled(base))


@topic(
    "directional-derivative",
    2,
    "The directional derivative",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0)},
        "medium": {"variables": (2, 2), "depth": (1, 1)},
        "hard": {"variables": (3, 3), "depth": (1, 2)},
    },
)
def directional(draw: Draw, difficulty: str) -> Draft:
    def make(sub: Draw) -> tuple[sp.Expr, Point, tuple, tuple[int, ...]]:
        f, point, variables = _scalar_at_point(sub, difficulty, OUTER_AT_ZERO)
        return f, point, variables, _direction(sub, len(variables))

    def solve(candidate: tuple[sp.Expr, Point, tuple, tuple[int, ...]]) -> Step:
        f, point, variables, v = candidate
        return directional_derivative(f, v, variables, at=point)

    def nice(solution: Step) -> bool:
        return _small([solution.result], 40, 60) and _small(
            _entries(solution.children[0].result.xreplace(solution.details["at"])), 30, 6
        )

    (f, point, variables, v), solution = _first_nice(draw, make, solve, nice)
    math = {"f": _definition("f", variables, f), "p": _tuple(point, variables), "v": sp.Tuple(*v)}
    return _draft(DIRECTIONAL, math, "number", solution, (f,), variables)


# -- 5. Jacobian --------------------------------------------------------------------------------

JACOBIAN_AT = "Let {F}. Find the Jacobian matrix of F at the point {p}."
JACOBIAN = (
    "Let {F}. Find the Jacobian matrix of F (row i holds the partial derivatives of the i-th"
    " component)."
)


def _polynomial_component(draw: Draw, variables: tuple) -> sp.Expr:
    """A product of the variables plus a power of one: c·x²y + d·vⁿ (in x, y), c·x y z + d·vⁿ
    (in x, y, z: products of distinct variables keep det J cheap to simplify)."""
    if len(variables) == 2:
        x, y = variables
        product = coefficient(draw, 3) * draw.choice([x * y, x**2 * y, x * y**2])
    else:
        product = _mixed_term(draw, variables, 3, 1, draw.integer(2, 3))
    return product + _pure_term(draw, variables, 4 if len(variables) == 2 else 3, 1, 2)


def _transcendental_component(
    draw: Draw, variables: tuple, point: Point, kinds: Sequence[str], product: bool
) -> sp.Expr:
    """c·g(u) or (with `product`) c·vⁿ·g(u) or c·a/(b + d), u = 0 at the point, plus a power."""
    piece = (_product_block if product else _block)(draw, variables, point, kinds, 2)
    return piece + _pure_term(draw, variables, 4, 1, 2)


def _components(draw: Draw, difficulty: str, variables: tuple, point: Point) -> list[sp.Expr]:
    """F's components. Easy: two polynomials in x, y. Medium: in x, y, a composite (or a product
    with a composite) and a polynomial. Hard, in x, y, z: F: ℝ³ → ℝ³ with three polynomials or
    one composite and two polynomials, or F: ℝ³ → ℝ² with two transcendental components.

    A square Jacobian has no sin or cos and one transcendental row at most: the solver states
    det J simplified (berkowitz, factor, trigsimp), which takes up to seconds for a grid of
    exponentials or any trigonometric determinant."""
    if difficulty == "easy":
        return [_polynomial_component(draw, variables) for _ in range(2)]
    if difficulty == "medium":
        product = draw.integer(0, 2) == 0
        rows = [_polynomial_component(draw, variables)]
        rows.insert(
            draw.integer(0, 1),
            _transcendental_component(draw, variables, point, ("exp", "log"), product),
        )
        return rows
    form = draw.integer(0, 2)
    if form == 2:
        kinds = ("exp", "sin", "cos", "log")
        return [
            _transcendental_component(draw, variables, point, kinds, draw.integer(0, 1) == 0)
            for _ in range(2)
        ]
    rows = [_polynomial_component(draw, variables) for _ in range(3 - form)]
    if form == 1:
        rows.insert(
            draw.integer(0, 2),
            _transcendental_component(draw, variables, point, ("exp", "log"), False),
        )
    return rows


@topic(
    "jacobian",
    2,
    "Jacobian matrices",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "rules": (10, 20)},
        "medium": {"variables": (2, 2), "depth": (0, 1), "rules": (21, 45)},
        "hard": {"variables": (3, 3), "depth": (0, 2)},
    },
)
def jacobian_problem(draw: Draw, difficulty: str) -> Draft:
    symbolic = draw.integer(0, 2) == 0
    variables = V3 if difficulty == "hard" else V2

    def make(sub: Draw) -> tuple[list[sp.Expr], Point]:
        point = _point(sub, variables)
        return _components(sub, difficulty, variables, point), point

    def solve(candidate: tuple[list[sp.Expr], Point]) -> Step:
        components, point = candidate
        step = jacobian(components, variables)
        return step if symbolic else at_point(step, point)

    def acceptable(matrix: sp.MatrixBase) -> bool:
        if symbolic:
            return matrix.rows != matrix.cols or sp.expand(matrix.det()) != 0
        square = matrix.rows == matrix.cols
        determinant = matrix.det() if square else 1
        return (
            _small(list(matrix), 12)
            and 0 < abs(determinant) <= LARGEST_DETERMINANT[len(variables)]
            and _spread(matrix, 2)
        )

    def quick(candidate: tuple[list[sp.Expr], Point]) -> bool:
        components, point = candidate
        grid = sp.Matrix([[sp.diff(f, v) for v in variables] for f in components])
        return acceptable(grid if symbolic else grid.xreplace(point))

    def nice(solution: Step) -> bool:
        if symbolic:
            return not solution.details.get("singular", False)
        return acceptable(solution.result)

    (components, point), solution = _first_nice(draw, make, solve, nice, quick)
    name = _definition("F", variables, sp.Tuple(*components))
    if symbolic:
        context = {"function": tuple(components), "variables": _names(variables)}
        return _draft(
            JACOBIAN, {"F": name}, "matrix", solution, components, variables, context, at=False
        )
    math = {"F": name, "p": _tuple(point, variables)}
    return _draft(JACOBIAN_AT, math, "matrix", solution, components, variables, at=True)


# -- 6. Hessian ---------------------------------------------------------------------------------

HESSIAN = "Let {f}. Find the Hessian matrix of f at the point {p}."


@topic(
    "hessian",
    2,
    "Hessian matrices",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "non_integer": (0, 0)},
        "medium": {"variables": (2, 2), "depth": (1, 2), "non_integer": (0, 0)},
        "hard": {"variables": (3, 3), "depth": (0, 2), "non_integer": (0, 0)},
    },
)
def hessian_problem(draw: Draw, difficulty: str) -> Draft:
    kinds = ("exp", "sin", "cos", "log")

    def make(sub: Draw) -> tuple[sp.Expr, Point, tuple]:
        if difficulty == "easy":
            point = _point(sub, V2, -3, 3)
            f = (
                _mixed_term(sub, V2, 6, 2)
                + _pure_term(sub, V2, 6, 2, 4)
                + _pure_term(sub, V2, 9, 1, 3)
            )
            return f, point, V2
        return _scalar_at_point(sub, difficulty, kinds, two_pieces=False)

    def solve(candidate: tuple[sp.Expr, Point, tuple]) -> Step:
        f, point, variables = candidate
        return at_point(hessian(f, variables), point)

    def nice(solution: Step) -> bool:
        size = solution.result.rows
        return _small(_entries(solution.result), 40) and _spread(solution.result, 2 * size - 2)

    (f, point, variables), solution = _first_nice(draw, make, solve, nice)
    math = {"f": _definition("f", variables, f), "p": _tuple(point, variables)}
    return _draft(HESSIAN, math, "matrix", solution, (f,), variables)
