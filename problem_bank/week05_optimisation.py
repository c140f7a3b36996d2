"""Week 5: optimisation by iteration. Newton-Raphson for a root of f, and gradient descent on a
quadratic. (Stationary points and Lagrange multipliers: problem_bank.week05_extrema.)

Every solution comes from the week-5 solvers (tutor.solvers.newton, .descent) and the answer is
the solver's root result, the last iterate:

- Newton-Raphson starts inside the basin of a root and converges there. Easy: a quadratic with
  irrational roots, started at a whole number within 2 of one root on its side of the vertex,
  two steps in exact fractions (screened in plain fractions before the solver runs). Medium: a
  cubic or quartic; hard: a function with e^(kx), sin kx, cos kx or ln(x² + d) (a chain rule);
  both started at a point of the half-integer grid next to a sign change, and the run must
  converge there (each correction smaller than the one before, the last one below 10⁻³);
  x_n is asked to 6 decimal places.
- Gradient descent runs on a quadratic with a minimum (positive definite Hessian H) at a rate
  below the stable bound 2/λ_max with a margin (the matrix 1.6·I − ηH positive definite), from a
  whole-number start; the rates are terminating decimals, so every iterate is a short exact
  decimal. Easy: one variable (two or three steps), or two separated (two steps); medium: two
  variables with a cross term (two or three steps); hard: three variables with one or two cross
  terms (two or three steps), or two with a cross term for four steps.

Bands (problem_bank.features): `depth` keeps Newton's polynomials (no chain rule) apart from its
composite functions; `steps` (solution nodes: rows times variables) and `variables` separate
the runs; `terms` counts f's terms (a cross term adds one).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, TypeVar

import mpmath
import sympy as sp

from problem_bank.common import X, Y, Z, coefficient
from problem_bank.draw import Draw, attempts
from problem_bank.registry import Draft, GenerationError, topic
from tutor.problem import AnswerSpec
from tutor.solvers.descent import gradient_descent
from tutor.solvers.newton import newton_raphson
from tutor.steps import Step

T = TypeVar("T")
TRIES = 40  # candidates per draft (most are accepted: see tests/problem_bank/test_week05.py)
CHEAP_TRIES = 400  # candidates screened in fractions before any solver runs
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
PLACES = 6  # decimal places asked for a float iterate
TOLERANCE = 5 * 10.0 ** -(PLACES + 1)  # half a unit in the last place asked for


def _first(draw: Draw, make: Callable[[Draw], T | None], tries: int = TRIES) -> T:
    """The first acceptable candidate of a bounded number (`make` returns None to reject one).
    The constructions accept most candidates, so running out is a bug: GenerationError."""
    for k in attempts(tries):
        candidate = make(draw.fork(f"try{k}"))
        if candidate is not None:
            return candidate
    raise GenerationError(f"no acceptable candidate in {tries} tries")


def _definition(name: str, variables: Sequence[sp.Symbol], value: sp.Basic) -> sp.Eq:
    return sp.Eq(sp.Function(name)(*variables), value, evaluate=False)


def _indexed(letter: str, n: int) -> sp.Symbol:
    return sp.Symbol(f"{letter}_{n}", real=True)


def _decimal(value: Fraction) -> sp.Float:
    """A terminating decimal printed as written (0.25, not 0.250000000000000)."""
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return sp.Float(text, max(1, len(text.replace("-", "").replace(".", "").lstrip("0"))))


def _floats(values: Sequence[sp.Basic]) -> list[float]:
    return [float(value) for value in values]


# -- 1. Newton-Raphson --------------------------------------------------------------------------

NEWTON_EXACT = (
    "Apply <n> steps of the Newton-Raphson method to {f}, starting from {start}. "
    "Give {xn} exactly, as a fraction."
)
NEWTON_DECIMAL = (
    "Apply <n> steps of the Newton-Raphson method to {f}, starting from {start}, "
    f"and give {{xn}} to {PLACES} decimal places."
)
EASY_STEPS = 2
LARGEST_DENOMINATOR = 2000  # an exact x₂ a student can still write down


def _newton_draft(f: sp.Expr, x0: sp.Basic, steps: int, exact: bool, solution: Step) -> Draft:
    math = {
        "f": _definition("f", (X,), f),
        "start": sp.Eq(_indexed("x", 0), x0),
        "xn": _indexed("x", steps),
    }
    prompt = (NEWTON_EXACT if exact else NEWTON_DECIMAL).replace("<n>", WORDS[steps])
    tolerance = None if exact else TOLERANCE
    answer = AnswerSpec("number", solution.result, ("x",), abs_tol=tolerance)
    meta = {"outcome": solution.details["outcome"], "x0": x0, "steps": steps}
    return Draft(prompt, math, answer, solution, (f,), 1, meta)


def _iterates(solution: Step) -> list[float]:
    rows = [c for c in solution.children if c.rule == "newton_iteration"]
    return _floats([row.details["x"] for row in rows] + [solution.result])


def _two_steps(k: int, b: int, c: int, x0: int) -> list[Fraction] | None:
    """x₀, x₁, x₂ of Newton on k x² + b x + c in exact fractions (a cheap screen before the
    solver runs), or None when a tangent is horizontal."""
    xs = [Fraction(x0)]
    for _ in range(EASY_STEPS):
        x = xs[-1]
        slope = 2 * k * x + b
        if slope == 0:
            return None
        xs.append(x - (k * x * x + b * x + c) / slope)
    return xs


def _newton_exact(draw: Draw) -> Draft | None:
    """k x² + b x + c with irrational roots; x₀ a whole number within 2 of one root, on its side
    of the vertex (so the iterates fall monotonically to it after the first step); x₂ has a
    denominator of at most LARGEST_DENOMINATOR. Screened in fractions, then solved."""
    k, b = draw.integer(1, 4), draw.integer(-15, 15)
    c = draw.nonzero(-120, min(120, (b * b - 1) // (4 * k)))  # b² − 4kc > 0
    disc = b * b - 4 * k * c
    if math.isqrt(disc) ** 2 == disc:
        return None
    sign = draw.sign()
    root = (-b + sign * math.sqrt(disc)) / (2 * k)
    x0 = math.floor(root) + draw.integer(-1, 2)
    if (x0 + Fraction(b, 2 * k)) * sign <= 0:  # x₀ on the other side of the vertex, or on it
        return None
    xs = _two_steps(k, b, c, x0)
    if xs is None or xs[-1].denominator > LARGEST_DENOMINATOR or abs(xs[-1] - root) >= 0.1:
        return None
    f = k * X**2 + b * X + c
    solution = newton_raphson(f, X, x0, steps=EASY_STEPS)
    if not (isinstance(solution.result, sp.Rational) and _converges(solution, EASY_STEPS, 0.1)):
        return None
    return _newton_draft(f, sp.Integer(x0), EASY_STEPS, True, solution)


def _polynomial(draw: Draw) -> sp.Expr:
    """A cubic or quartic with 3 or 4 terms and small whole coefficients."""
    if draw.integer(0, 2):
        lead = draw.weighted([(1, 3), (2, 1), (-1, 1)])
        a, b, c = draw.integer(-4, 4), draw.nonzero(-9, 9), draw.nonzero(-9, 9)
        return lead * X**3 + a * X**2 + b * X + c
    a, b, c = draw.integer(-5, 5), draw.nonzero(-9, 9), draw.nonzero(-9, 9)
    return X**4 + a * X**2 + b * X + c


def _composite(draw: Draw) -> sp.Expr:
    """A function with a chain rule: e^(kx), sin kx, cos kx, ln(x² + d), x e^(kx), with a
    polynomial part."""
    k = draw.choice([2, 3, -2, sp.Rational(1, 2)])
    a, b, c = coefficient(draw, 3), coefficient(draw, 5), draw.integer(-6, 6)
    form = draw.integer(0, 4)
    if form == 0:
        return a * sp.exp(k * X) + b * X + c
    if form == 1:
        return a * sp.sin(k * X) + b * X + c
    if form == 2:
        return a * sp.cos(k * X) + b * X**2 + c
    if form == 3:
        return a * sp.log(X**2 + draw.integer(1, 4)) + b * X + c
    return X * sp.exp(k * X) + b * X + c


GRID = [Fraction(i, 2) for i in range(-8, 9)]  # −4, −3.5, ..., 4
SCREEN_DIGITS = 30


def _shrinking(xs: Sequence[Any], last: float) -> bool:
    """Each correction smaller than the one before, the first one visible (x₀ is not already
    the root to 6 places), the last one below `last`."""
    corrections = [abs(b - a) for a, b in zip(xs, xs[1:], strict=False)]
    shrinking = all(b < a for a, b in zip(corrections, corrections[1:], strict=False))
    return shrinking and corrections[0] >= 0.01 and corrections[-1] < last


def _converges(solution: Step, steps: int, last: float) -> bool:
    """The solver's run went all the way and its corrections shrank (`_shrinking`)."""
    if solution.details["outcome"] != "steps_done" or solution.details["iterations"] != steps:
        return False
    return _shrinking(_iterates(solution), last)


def _at_float(expr: sp.Expr):
    """expr as a function of an mpmath number, evaluated by sympy at SCREEN_DIGITS."""

    def value(x: mpmath.mpf) -> mpmath.mpf:
        return mpmath.mpf(sp.N(expr.subs(X, sp.Float(x, SCREEN_DIGITS)), SCREEN_DIGITS))

    return value


def _screened_start(f: sp.Expr, draw: Draw, counts: Sequence[int]) -> tuple[Fraction, int] | None:
    """A grid point next to a sign change of f and a step count n from `counts` such that a plain
    Newton loop from there converges (`_shrinking`) and its n-th correction is still above
    rounding (so the solver's run goes all n steps), or None. mpmath at SCREEN_DIGITS gives the
    same numbers on every machine; this cheap screen runs before the solver."""
    fn, dfn = _at_float(f), _at_float(sp.diff(f, X))  # sympy's own evaluation: no lambdify
    with mpmath.workdps(SCREEN_DIGITS):
        values = [fn(mpmath.mpf(g.numerator) / g.denominator) for g in GRID]
        changes = [i for i in range(len(GRID) - 1) if values[i] * values[i + 1] < 0]
        if not changes:
            return None
        i = draw.choice(changes)
        x0 = GRID[i + draw.integer(0, 1)]
        xs = [mpmath.mpf(x0.numerator) / x0.denominator]
        for _ in range(max(counts)):
            slope = dfn(xs[-1])
            if slope == 0:
                return None
            xs.append(xs[-1] - fn(xs[-1]) / slope)
        fine = [
            n for n in counts if _shrinking(xs[: n + 1], 1e-3) and abs(xs[n] - xs[n - 1]) > 1e-18
        ]
        return (x0, draw.choice(fine)) if fine else None


def _newton_decimal(draw: Draw, difficulty: str) -> Draft | None:
    """A float run: x₀ exact in the statement (a whole number or a half), given to the solver as
    a float, so the rows are floats from the start as a 6-decimal question expects."""
    f = _polynomial(draw) if difficulty == "medium" else _composite(draw)
    screened = _screened_start(f, draw, (3, 4) if difficulty == "medium" else (3, 4, 5))
    if screened is None:
        return None
    x0, steps = screened
    solution = newton_raphson(f, X, sp.Float(float(x0), SCREEN_DIGITS), steps=steps)
    if not _converges(solution, steps, 1e-3):
        return None
    shown = sp.Integer(x0.numerator) if x0.denominator == 1 else _decimal(x0)
    return _newton_draft(f, shown, steps, False, solution)


@topic(
    "newton-raphson",
    5,
    "The Newton-Raphson method",
    {
        "easy": {"depth": (0, 0), "terms": (2, 3), "steps": (10, 18)},
        "medium": {"depth": (0, 0), "terms": (3, 4), "steps": (19, 40)},
        "hard": {"depth": (1, 2), "terms": (2, 3), "steps": (20, 60)},
    },
)
def newton_problem(draw: Draw, difficulty: str) -> Draft:
    if difficulty == "easy":
        return _first(draw, _newton_exact, CHEAP_TRIES)
    return _first(draw, lambda sub: _newton_decimal(sub, difficulty))


# -- 2. gradient descent ------------------------------------------------------------------------

DESCENT_1 = (
    "Let {f}. Apply <n> steps of gradient descent with learning rate {eta}, starting from "
    "{start}. Give {xn}."
)
DESCENT = (
    "Let {f}. Apply <n> steps of gradient descent with learning rate {eta}, starting from the "
    "point {start}. Give the point {xn} reached (as exact fractions or decimals)."
)
RATES = [Fraction(1, 10), Fraction(1, 20), Fraction(1, 5), Fraction(1, 4), Fraction(1, 8)]
MARGIN = Fraction(8, 5)  # η λ_max below 1.6: clearly inside the stable range (< 2)


def _definite(matrix: sp.Matrix) -> bool:
    """Positive definite, by the leading principal minors (exact)."""
    return all(matrix[:k, :k].det() > 0 for k in range(1, matrix.rows + 1))


def _quadratic(draw: Draw, variables: Sequence[sp.Symbol], cross: int) -> tuple[sp.Expr, sp.Matrix]:
    """Σ aᵢ vᵢ² + `cross` cross terms + linear terms (+ a constant): f and its Hessian."""
    n = len(variables)
    squares = [draw.integer(1, 5) for _ in variables]
    f = sp.Add(*(a * v**2 for a, v in zip(squares, variables, strict=True)))
    H = sp.diag(*[2 * a for a in squares])
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    for i, j in draw.sample(pairs, cross):
        c = coefficient(draw, 4)
        f += c * variables[i] * variables[j]
        H[i, j] = H[j, i] = c
    linear = [draw.integer(-9, 9) for _ in variables]
    if not any(linear):
        linear[draw.integer(0, n - 1)] = draw.nonzero(-9, 9)
    f += sp.Add(*(b * v for b, v in zip(linear, variables, strict=True)))
    return f + draw.integer(-5, 5) * draw.integer(0, 1), H


def _descent(draw: Draw, variables: Sequence[sp.Symbol], cross: int, steps: int) -> Draft | None:
    f, H = _quadratic(draw, variables, cross)
    rate = draw.choice(RATES)
    eta = sp.Rational(rate.numerator, rate.denominator)
    n = len(variables)
    if not (_definite(H) and _definite(MARGIN * sp.eye(n) - eta * H)):
        return None
    start = [draw.integer(-4, 4) for _ in variables]
    solution = gradient_descent(f, variables, start, eta, steps=steps)
    if solution.details["outcome"] != "steps_done" or solution.details["floats_from"] is not None:
        return None  # stopped early (a stationary point was hit) or left exact arithmetic
    one = n == 1
    math: dict[str, Any] = {
        "f": _definition("f", variables, f),
        "eta": sp.Eq(sp.Symbol("eta"), _decimal(rate)),
        "start": sp.Eq(_indexed("x" if one else "p", 0), start[0] if one else sp.Tuple(*start)),
        "xn": _indexed("x" if one else "p", steps),
    }
    prompt = (DESCENT_1 if one else DESCENT).replace("<n>", WORDS[steps])
    names = tuple(v.name for v in variables)
    answer = AnswerSpec("vector", solution.result, names)
    meta = {"rate": eta, "steps": steps, "start": sp.Tuple(*start)}
    return Draft(prompt, math, answer, solution, (f,), n, meta)


@topic(
    "gradient-descent",
    5,
    "Gradient descent",
    {
        "easy": {"variables": (1, 2), "terms": (2, 5), "steps": (20, 38)},
        "medium": {"variables": (2, 2), "terms": (4, 6), "steps": (34, 48)},
        "hard": {"variables": (2, 3), "terms": (4, 10), "steps": (44, 75)},
    },
)
def descent_problem(draw: Draw, difficulty: str) -> Draft:
    def make(sub: Draw) -> Draft | None:
        if difficulty == "easy":
            if sub.integer(0, 1):
                return _descent(sub, (X,), 0, sub.choice([2, 3]))
            return _descent(sub, (X, Y), 0, 2)
        if difficulty == "medium":
            return _descent(sub, (X, Y), 1, sub.choice([2, 3]))
        if sub.integer(0, 2):
            return _descent(sub, (X, Y, Z), sub.integer(1, 2), sub.choice([2, 3]))
        return _descent(sub, (X, Y), 1, 4)

    return _first(draw, make)
