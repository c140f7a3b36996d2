"""Week 5: optimisation with calculus. Stationary points (found and classified) and extreme
values under constraints by Lagrange multipliers. (The iterative methods: week05_optimisation.)

Every solution comes from the week-5 solvers (tutor.solvers.stationary, .lagrange); their root
result is the set of points (stationary points; Lagrange candidates), so that is what the
question asks for, as a set of points; the classification and the extreme values are worked out
in the solution. Points are whole numbers by construction, the function built around them:

- stationary points: a quadratic with one point (easy); a cubic with a saddle and an extremum
  (medium: a cubic in x plus a square in y, sheared y → y − t x, or X³ + Y³ − 3aXY shifted);
  several points or three variables (hard: two cubics, four points; X⁴ + Y⁴ − 4t²XY, three
  points; or a cubic with a quadratic form in y and z). Every Hessian there is non-singular.
- Lagrange: a linear f on an ellipse p(x − h)² + q(y − k)² = r whose gradient is the normal at a
  chosen point P, so the candidates are the centre ± P, or the squared distance from a point to
  a line (one point) (easy); a quadratic form on a circle built from two orthogonal
  eigenvectors, or m(x − h)(y − k) on an ellipse about (h, k) (four points) (medium); in three
  variables a linear f on an ellipsoid, a linear f on the circle where a sphere meets a plane
  through its centre, the squared distance from a point to a plane, or to the line where two
  planes meet (hard).

Bands: `variables`, `terms` (of f and the constraints: what the question is about) and `steps`
(the solution's nodes, which grow with the number of points).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import sympy as sp

from problem_bank.common import X, Y, Z, coefficient
from problem_bank.draw import Draw, attempts
from problem_bank.registry import Draft, GenerationError, topic
from tutor.problem import AnswerSpec
from tutor.solvers.lagrange import lagrange
from tutor.solvers.stationary import stationary_points
from tutor.steps import Step

V2, V3 = (X, Y), (X, Y, Z)
Point = tuple[int, ...]
CLASSIFIED = ("minimum", "maximum", "saddle")
FEWEST_TERMS = {"easy": 3, "medium": 6, "hard": 6}


def _definition(variables: Sequence[sp.Symbol], value: sp.Basic) -> sp.Eq:
    return sp.Eq(sp.Function("f")(*variables), value, evaluate=False)


def _names(variables: Sequence[sp.Symbol]) -> tuple[str, ...]:
    return tuple(v.name for v in variables)


def _same_points(result: sp.Tuple, expected: Sequence[Point]) -> bool:
    return sorted(tuple(p) for p in result) == sorted(tuple(map(sp.Integer, p)) for p in expected)


def _small_vector(draw: Draw, size: int, low: int = -3, high: int = 3) -> list[int]:
    """Whole coordinates, not all 0."""
    vector = [draw.integer(low, high) for _ in range(size)]
    if not any(vector):
        vector[draw.integer(0, size - 1)] = draw.choice([-2, -1, 1, 2])
    return vector


def _set_draft(
    prompt: str,
    math_slots: dict[str, Any],
    solution: Step,
    functions: Sequence[sp.Basic],
    variables: Sequence[sp.Symbol],
    **meta: Any,
) -> Draft:
    answer = AnswerSpec("set", solution.result, _names(variables))
    return Draft(prompt, math_slots, answer, solution, tuple(functions), len(variables), meta)


# -- 3. stationary points -----------------------------------------------------------------------

STATIONARY = (
    "Find all the stationary points of {f} and classify each one as a local minimum, a local "
    "maximum or a saddle point."
)


def _cubic(draw: Draw) -> tuple[sp.Expr, tuple[int, int]]:
    """±g(x) with g'(x) a multiple of (x − r₁)(x − r₂) and whole coefficients: g and its roots
    (one a local minimum of g, the other a local maximum)."""
    r1, r2 = sorted(draw.sample(range(-3, 5), 2))
    s, p = r1 + r2, r1 * r2
    g = X**3 - sp.Rational(3 * s, 2) * X**2 + 3 * p * X
    if s % 2:
        g = 2 * g
    return draw.sign() * g, (r1, r2)


def _shear(draw: Draw, f: sp.Expr, points: list[Point]) -> tuple[sp.Expr, list]:
    """f(x, y − t x), t = ±1 or ±2: the points (a, b) move to (a, b + t a), still whole, and
    the two variables are coupled."""
    t = draw.nonzero(-2, 2)
    moved = f.subs(Y, Y - t * X)
    return moved, [(p[0], p[1] + t * p[0], *p[2:]) for p in points]


def _stationary_one(draw: Draw) -> tuple[sp.Expr, list[Point], tuple]:
    """a(x − p)² + b(x − p)(y − q) + c(y − q)² + e with 4ac ≠ b²: one point."""
    a, c, b = coefficient(draw, 5), coefficient(draw, 5), draw.integer(-6, 6)
    if 4 * a * c == b * b:
        b += 1
    p, q = draw.integer(-5, 5), draw.integer(-5, 5)
    if p == q == 0:
        p = draw.choice([-2, -1, 1, 2])
    u, v = X - p, Y - q
    f = a * u**2 + b * u * v + c * v**2 + draw.integer(-9, 9)
    return f, [(p, q)], V2


def _stationary_two(draw: Draw) -> tuple[sp.Expr, list[Point], tuple]:
    """A cubic with a saddle and an extremum."""
    if draw.integer(0, 1):
        g, (r1, r2) = _cubic(draw)
        q = draw.integer(-3, 3)
        f = g + coefficient(draw, 4) * (Y - q) ** 2 + draw.integer(-9, 9)
        return (*_shear(draw, f, [(r1, q), (r2, q)]), V2)
    a, p, q = draw.nonzero(-3, 3), draw.integer(-3, 3), draw.integer(-3, 3)
    u, v = X - p, Y - q
    f = draw.choice([1, -1, 2]) * (u**3 + v**3 - 3 * a * u * v) + draw.integer(-9, 9)
    return f, [(p, q), (p + a, q + a)], V2


def _stationary_many(draw: Draw) -> tuple[sp.Expr, list[Point], tuple]:
    """Four points (two cubics), three points (a quartic) or two points in three variables."""
    form = draw.integer(0, 2)
    if form == 0:
        g, xs = _cubic(draw)
        h, ys = _cubic(draw)
        f = g + h.subs(X, Y) * draw.choice([1, 2]) + draw.integer(-9, 9)
        return (*_shear(draw, f, [(a, b) for a in xs for b in ys]), V2)
    if form == 1:
        t, (p, q) = draw.integer(1, 2), _small_vector(draw, 2, -2, 2)  # shifted: more terms
        u, v = X - p, Y - q
        f = draw.choice([1, -1]) * (u**4 + v**4 - 4 * t * t * u * v) + draw.integer(-9, 9)
        return f, [(p, q), (p + t, q + t), (p - t, q - t)], V2
    g, xs = _cubic(draw)
    q, w = draw.integer(-3, 3), draw.integer(-3, 3)
    a, c, b = coefficient(draw, 4), coefficient(draw, 4), draw.integer(-3, 3)
    if 4 * a * c == b * b:
        b += 1
    v, s = Y - q, Z - w
    f = g + a * v**2 + b * v * s + c * s**2 + draw.integer(-9, 9)
    return (*_shear(draw, f, [(r, q, w) for r in xs]), V3)


@topic(
    "stationary-points",
    5,
    "Stationary points and their classification",
    {
        "easy": {"variables": (2, 2), "terms": (3, 6), "steps": (60, 100)},
        "medium": {"variables": (2, 2), "terms": (6, 9), "steps": (104, 130)},
        "hard": {"variables": (2, 3), "terms": (6, 14), "steps": (128, 260)},
    },
)
def stationary_problem(draw: Draw, difficulty: str) -> Draft:
    build = {"easy": _stationary_one, "medium": _stationary_two, "hard": _stationary_many}
    for k in attempts(20):
        f, points, variables = build[difficulty](draw.fork(f"try{k}"))
        f = sp.expand(f)
        if len(sp.Add.make_args(f)) < FEWEST_TERMS[difficulty]:
            continue  # terms cancelled in the shear: too slight for the band (checked unsolved)
        solution = stationary_points(f, variables)
        kinds = solution.details["classifications"]
        if _same_points(solution.result, points) and all(c in CLASSIFIED for c in kinds):
            math_slots = {"f": _definition(variables, f)}
            return _set_draft(
                STATIONARY, math_slots, solution, (f,), variables, classifications=kinds
            )
    raise GenerationError("no stationary-points candidate was solved as constructed")


# -- 4. Lagrange multipliers --------------------------------------------------------------------

LAGRANGE_1 = (
    "Use Lagrange multipliers to find all the points at which {f} can have an extreme value "
    "subject to the constraint {g}."
)
LAGRANGE_2 = (
    "Use Lagrange multipliers to find all the points at which {f} can have an extreme value "
    "subject to the constraints {g} and {h}."
)


def _primitive(vector: Sequence[int]) -> list[int]:
    divisor = math.gcd(*vector)
    return [c // divisor for c in vector]


def _linear(draw: Draw, direction: Sequence[int], variables: Sequence[sp.Symbol]) -> sp.Expr:
    """m·(direction · variables), the direction made primitive, plus a constant sometimes."""
    m = draw.choice([1, 1, 2, -1, 3])
    f = sp.Add(*(m * c * v for c, v in zip(_primitive(direction), variables, strict=True)))
    return f + draw.choice([0, 0, draw.integer(-9, 9)])


def _centred(variables: Sequence[sp.Symbol], centre: Sequence[int]) -> list[sp.Expr]:
    return [v - c for v, c in zip(variables, centre, strict=True)]


def _ellipse(draw: Draw, variables: Sequence[sp.Symbol]) -> tuple[sp.Expr, list, list]:
    """Σ wᵢ(vᵢ − cᵢ)² = r through centre ± P, and f linear along the normal there."""
    n = len(variables)
    weights = [draw.integer(1, 3) for _ in variables]
    if math.gcd(*weights) > 1:
        weights = [1] * n
    point = [draw.nonzero(-3, 3) for _ in variables]
    if n == 3 and draw.integer(0, 2) == 0:
        point[draw.integer(0, 2)] = 0
    centre = [draw.integer(-3, 3) * draw.integer(0, 1) for _ in variables]
    r = sum(w * c * c for w, c in zip(weights, point, strict=True))
    shifted = _centred(variables, centre)
    g = sp.Eq(sp.Add(*(w * s**2 for w, s in zip(weights, shifted, strict=True))), r)
    f = _linear(draw, [w * c for w, c in zip(weights, point, strict=True)], variables)
    points = [tuple(c + sign * p for c, p in zip(centre, point, strict=True)) for sign in (1, -1)]
    return f, [g], points


def _form_on_circle(draw: Draw) -> tuple[sp.Expr, list, list]:
    """Q(x − h, y − k) on the circle of radius t|u| about C = (h, k), with Q's matrix
    α uuᵀ + β wwᵀ (u ⟂ w): the points C ± t u and C ± t w (the eigenvector directions)."""
    u = [draw.nonzero(-2, 2), draw.nonzero(-2, 2)]  # small, so Q's coefficients stay small
    w = [-u[1], u[0]]
    alpha, beta = draw.sample([-3, -2, -1, 1, 2, 3, 4], 2)
    t = draw.integer(1, 2)
    a = alpha * u[0] ** 2 + beta * w[0] ** 2
    b = alpha * u[0] * u[1] + beta * w[0] * w[1]
    c = alpha * u[1] ** 2 + beta * w[1] ** 2
    centre = [draw.integer(-3, 3) for _ in range(2)]
    dx, dy = _centred(V2, centre)
    f = a * dx**2 + 2 * b * dx * dy + c * dy**2
    g = sp.Eq(dx**2 + dy**2, t * t * (u[0] ** 2 + u[1] ** 2))
    points = [(centre[0] + s * t * v[0], centre[1] + s * t * v[1]) for v in (u, w) for s in (1, -1)]
    return f, [g], points


def _product_on_ellipse(draw: Draw) -> tuple[sp.Expr, list, list]:
    """m(x − h)(y − k) on p(x − h)² + q(y − k)² = 2pu² with p : q = v² : u²: the four points
    (h ± u, k ± v)."""
    u, v = draw.integer(1, 4), draw.integer(1, 4)
    divisor = math.gcd(u * u, v * v)
    p, q = v * v // divisor, u * u // divisor
    centre = [draw.integer(-3, 3) for _ in range(2)]
    dx, dy = _centred(V2, centre)
    f = draw.choice([1, 2, 3, -1, -2, -3]) * dx * dy + draw.integer(-5, 5)
    g = sp.Eq(p * dx**2 + q * dy**2, 2 * p * u * u)
    points = [(centre[0] + a, centre[1] + b) for a in (u, -u) for b in (v, -v)]
    return f, [g], points


def _distance_to_flat(draw: Draw, size: int, planes: int) -> tuple[sp.Expr, list, list]:
    """(x − Q)·(x − Q) on a line (two variables) or a plane (three), or on the line where two
    planes meet (three variables, two planes): the one candidate is the foot F, Q = F + a
    normal combination."""
    variables = V2 if size == 2 else V3
    foot = _small_vector(draw, size)  # not the origin: an answer of 0 is degenerate
    normals = []
    for _ in attempts(20):
        normals = [_primitive(_small_vector(draw, size, -2, 2)) for _ in range(planes)]
        if sp.Matrix(normals).rank() == planes:
            break
    else:
        raise GenerationError("no independent normals")
    steps = [draw.nonzero(-2, 2) for _ in range(planes)]
    target = [f + sum(s * n[i] for s, n in zip(steps, normals, strict=True)) for i, f in
              enumerate(foot)]  # fmt: skip
    f = sp.Add(*(s**2 for s in _centred(variables, target)))
    constraints = [
        sp.Eq(
            sp.Add(*(c * v for c, v in zip(n, variables, strict=True))),
            sum(c * p for c, p in zip(n, foot, strict=True)),
        )  # fmt: skip
        for n in normals
    ]
    return f, constraints, [tuple(foot)]


def _linear_on_circle(draw: Draw) -> tuple[sp.Expr, list, list]:
    """f = (αP + βn)·x on |x − C|² = |P|², n·(x − C) = 0 (n ⟂ P): the points C ± P."""
    point = _small_vector(draw, 3, -2, 2)
    normal: list[int] = []
    for _ in attempts(20):
        other = _small_vector(draw, 3, -2, 2)
        normal = [int(c) for c in sp.Matrix(point).cross(sp.Matrix(other))]
        if any(normal):
            break
    else:
        raise GenerationError("no plane through the point")
    normal = _primitive(normal)
    alpha, beta = draw.nonzero(-2, 2), draw.nonzero(-2, 2)
    direction = [alpha * p + beta * n for p, n in zip(point, normal, strict=True)]
    centre = [draw.integer(-2, 2) * draw.integer(0, 1) for _ in range(3)]
    shifted = _centred(V3, centre)
    sphere = sp.Eq(sp.Add(*(s**2 for s in shifted)), sum(p * p for p in point))
    plane = sp.Eq(
        sp.Add(*(n * v for n, v in zip(normal, V3, strict=True))),
        sum(n * c for n, c in zip(normal, centre, strict=True)),
    )
    f = _linear(draw, direction, V3)
    points = [tuple(c + s * p for c, p in zip(centre, point, strict=True)) for s in (1, -1)]
    return f, [sphere, plane], points


def _lagrange_candidate(draw: Draw, difficulty: str) -> tuple[sp.Expr, list, list, tuple]:
    if difficulty == "easy":
        if draw.integer(0, 2):
            return (*_ellipse(draw, V2), V2)
        return (*_distance_to_flat(draw, 2, 1), V2)
    if difficulty == "medium":
        if draw.integer(0, 2):
            return (*_form_on_circle(draw), V2)
        return (*_product_on_ellipse(draw), V2)
    form = draw.integer(0, 3)
    if form == 0:
        return (*_ellipse(draw, V3), V3)
    if form == 1:
        return (*_linear_on_circle(draw), V3)
    if form == 2:
        return (*_distance_to_flat(draw, 3, 2), V3)
    return (*_distance_to_flat(draw, 3, 1), V3)


@topic(
    "lagrange-multipliers",
    5,
    "Lagrange multipliers",
    {
        "easy": {"variables": (2, 2), "terms": (4, 8), "steps": (40, 64)},
        "medium": {"variables": (2, 2), "terms": (4, 10), "steps": (66, 100)},
        "hard": {"variables": (3, 3), "terms": (4, 16), "steps": (56, 140)},
    },
)
def lagrange_problem(draw: Draw, difficulty: str) -> Draft:
    for k in attempts(20):
        f, constraints, points, variables = _lagrange_candidate(draw.fork(f"try{k}"), difficulty)
        f = sp.expand(f)
        solution = lagrange(f, constraints, variables)
        if _same_points(solution.result, points) and set(solution.details["kinds"]) == {"regular"}:
            slots: dict[str, Any] = {"f": _definition(variables, f), "g": constraints[0]}
            if len(constraints) == 2:
                slots["h"] = constraints[1]
            prompt = LAGRANGE_2 if len(constraints) == 2 else LAGRANGE_1
            functions = (f, *(c.lhs - c.rhs for c in constraints))
            return _set_draft(
                prompt, slots, solution, functions, variables, values=solution.details["values"]
            )
    raise GenerationError("no Lagrange candidate was solved as constructed")
