"""Week 4: Taylor series. Maclaurin polynomials, Taylor polynomials about a ≠ 0, linearisation
(the tangent line, an estimate with it, the Lagrange bound on its error) and the second-order
Taylor polynomial of f(x, y).

Every solution comes from the week-4 solvers (tutor.solvers.taylor, .taylor_error,
.taylor_two) and the answer is the solution's root result: the polynomial (taylor_polynomial,
linearisation, taylor_two_variables), the estimate L(x₁) (the linearisation's tree under
tutor.solvers.multivariate.at_point, whose root result is L at the point) or the Lagrange bound
(truncation_error of order 1 at the estimate point, whose root result is the bound M h²/2).

Nice numbers by construction: every centre is where the function's inside takes a value with
whole-number roots, logarithms and powers (ln u at u = 1, √u at u = m², ∛u at u = m³, 1/u at
small whole u, e^u at u = 0, sin and cos at multiples of π/6 and π/4), so the derivatives at the
centre are rationals (or surds and e^a for the trigonometric and exponential centres); the
estimate point x₁ = a ± h (h ≤ 1/2, a terminating decimal) lies on the side of the centre where
|f''| is largest at the centre (or f is a polynomial or 1/u), so the Lagrange bound is rational.
A bounded loop (`_first`) keeps the first candidate whose answer is readable: at least two terms,
coefficients (in powers of x − a) with numerators ≤ 1000 and denominators ≤ 1024, at most
ANSWER_NODES nodes.

Difficulties, and the bands (problem_bank.features) that measure them:
- maclaurin: easy a g(kx) + b h(mx), two different standard series (e^u, sin u, cos u,
  1/(1 − u)) to order 3 (terms 2); medium (a + b xʲ) g(kx), c (1 + kx)^p, c ln(1 + kx),
  c g(kx²) to order 3-4; hard g(kx) h(mx) (two of e^u, sin, cos, sinh, cosh, not both with
  |k| = 1) or e^(k sin mx), ln(cos kx), tan, arctan, sec to order 4-5. Bands on `terms`
  (2 / 1 / 1), `depth` and `rules` (15-70 / 20-110 / 45-200: the order and the chain and
  product rules).
- taylor-about-a: easy ln u, √u, 1/u, e^(kx), sin x, cos x to order 2-3; medium sin kx, cos kx
  (k = 2, 3), ∛u, u^(3/2), 1/√u, 1/u², (x + p)/u to order 3-4; hard products and compositions
  ((x + q)√u, (xᵐ + q) ln u, (xᵐ + q) e^(k(x − a)), ln x/(x + q)ᵐ, √(kx² + p), 1/(x² + p),
  e^(x² − a²), ln(x² + 1 − a²)) to order 3-4. Bands on `rules` (3-32 / 6-45 / 20-100).
- linearisation: easy L(x) (kind expr); medium the estimate L(x₁), an exact non-integer
  fraction (kind number); hard the Lagrange bound on its error (kind number). Bands on `rules`
  (the bound derives f''' too), `steps` (the estimate and the search for M add nodes) and
  `non_integer` (the estimate).
- taylor-two-variables: easy about (0, 0), a cubic polynomial, c e^(ax + by) or a product
  g(ax) h(by) of one-variable functions (no chain rule across the variables); medium about
  (0, 0) with the chain rule: g(ax + by), g(ax² + by), x g(ax + by), e^(kx) g(ax + by); hard
  about a point ≠ (0, 0): ln(ax + by + d), √(x² + y² + s), h g(a(x − p) + b(y − q)),
  e^(k(xy − pq)), 1/(x² + y² + s), h/(x + y). Bands on `depth` (0-1 / 1 / 1) and `rules`
  (10-46 / 34-80 / 34-120); features.py has no measure of "the centre is not the origin", so
  medium and hard overlap in `rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sympy as sp

from problem_bank.common import X, Y, coefficient
from problem_bank.draw import Draw, attempts
from problem_bank.registry import Draft, GenerationError, topic
from tutor.problem import AnswerSpec
from tutor.solvers.multivariate import at_point
from tutor.solvers.taylor import linearisation, taylor_polynomial
from tutor.solvers.taylor_error import truncation_error
from tutor.solvers.taylor_two import taylor_two_variables
from tutor.steps import Step

T = TypeVar("T")
R = sp.Rational
PI = sp.pi
TRIES = 12  # candidates per draft; the constructions accept nearly all of them
LARGEST_NUMERATOR = 1000  # a coefficient of the answer a student can still write down
LARGEST_DENOMINATOR = 1024  # (x − 4)³/512, the third term of √x about 4, is a textbook one
ANSWER_NODES = 80  # an expression answer stays on the checker's fast path (and typeable)

MACLAURIN = "Find the Maclaurin polynomial of order <n> of {f}."
TAYLOR = "Find the Taylor polynomial of order <n> of {f} about {a}."
LINEAR = "Find the linearisation L(x) of {f} at {a}."
ESTIMATE = (
    "Use the linearisation L(x) of {f} at {a} to estimate f({x1}). Give the estimate L({x1})"
    " exactly, as a fraction or a terminating decimal."
)
BOUND = (
    "The linearisation L(x) of {f} at {a} is used to estimate f({x1}). Use the Lagrange form of"
    " the remainder, |f(x) − L(x)| ≤ M (x − a)²/2 where M is the largest value of |f''| between"
    " a and x, to find the bound on the error |f({x1}) − L({x1})|. Give the bound exactly."
)
TWO = (
    "Find the second-order Taylor polynomial of {f} about the point {p}, multiplied out in"
    " powers of x and y."
)


# -- shared -----------------------------------------------------------------------------------


def _definition(value: sp.Basic, variables: Sequence[sp.Symbol] = (X,)) -> sp.Eq:
    """f(x) = value, the statement's maths slot for the function."""
    return sp.Eq(sp.Function("f")(*variables), value, evaluate=False)


def _first(draw: Draw, make: Callable[[Draw], T | None], tries: int = TRIES) -> T:
    """The first acceptable candidate of a bounded number (`make` returns None to reject one);
    running out is a bug in the construction: GenerationError."""
    for k in attempts(tries):
        candidate = make(draw.fork(f"try{k}"))
        if candidate is not None:
            return candidate
    raise GenerationError(f"no acceptable candidate in {tries} tries")


def _nodes(expr: sp.Basic) -> int:
    return sum(1 for _ in sp.preorder_traversal(expr))


def _rational_ok(value: sp.Basic) -> bool:
    return (
        isinstance(value, sp.Rational)
        and abs(value.p) <= LARGEST_NUMERATOR
        and value.q <= LARGEST_DENOMINATOR
    )


def _nice_polynomial(
    result: sp.Basic, variables: Sequence[sp.Symbol], centre: Sequence[sp.Basic] = ()
) -> bool:
    """A readable answer: not 0, not too long, at least two terms, and its rational
    coefficients (in powers of x − a, or of the variables) of modest size. Surds, π and e^a are
    allowed where the centre brings them."""
    if result == 0 or _nodes(result) > ANSWER_NODES:
        return False
    shift = {v: v + c for v, c in zip(variables, centre, strict=False)}
    poly = sp.Poly(sp.expand(result.xreplace(shift)), *variables)
    if len(poly.terms()) < 2:
        return False
    return all(_rational_ok(c) for c in poly.coeffs() if c.is_Rational)


def _taylor_answer(solution: Step, f: sp.Basic, about: sp.Basic, order: int) -> AnswerSpec:
    context = {"taylor": {"function": f, "var": "x", "about": about, "order": order}}
    return AnswerSpec("expr", solution.result, ("x",), context=context)


def _scale(draw: Draw, largest: int = 6) -> int:
    return coefficient(draw, largest)


def _fraction_or_whole(draw: Draw, wholes: Sequence[int], fractions: Sequence[sp.Basic]):
    """A whole number (2 in 3) or a simple fraction (1 in 3)."""
    return draw.choice(fractions) if draw.integer(0, 2) == 0 else draw.choice(wholes)


# -- 1. Maclaurin polynomials -------------------------------------------------------------------

SIGNED = (1, 2, 3, -1, -2, -3)
SIGNED_FRACTIONS = (R(1, 2), R(-1, 2), R(1, 3), R(-1, 3), R(3, 2), R(-3, 2))
POSITIVE = (1, 2, 3)
POSITIVE_FRACTIONS = (R(1, 2), R(1, 3), R(3, 2))
STANDARD = ("exp", "sin", "cos", "geometric")
SMOOTH = ("exp", "sin", "cos", "sinh", "cosh")  # factors whose products stay cheap to derive


def _k(draw: Draw, kind: str) -> sp.Basic:
    """The scale k of g(kx): whole (2 in 3) or a simple fraction; k > 0 for the odd and even
    functions (sin(−kx) is −sin kx, cos(−kx) is cos kx)."""
    if kind in ("sin", "cos", "sinh", "cosh"):
        return _fraction_or_whole(draw, POSITIVE, POSITIVE_FRACTIONS)
    return _fraction_or_whole(draw, SIGNED, SIGNED_FRACTIONS)


def _standard(kind: str, k: sp.Basic) -> sp.Expr:
    """e^(kx), sin kx, cos kx, sinh kx, cosh kx or 1/(1 − kx)."""
    if kind == "geometric":
        return 1 / (1 - k * X)
    functions = {"exp": sp.exp, "sin": sp.sin, "cos": sp.cos, "sinh": sp.sinh, "cosh": sp.cosh}
    return functions[kind](k * X)


def _drawn(draw: Draw, kind: str) -> sp.Expr:
    return _standard(kind, _k(draw, kind))


def _maclaurin_easy(draw: Draw) -> tuple[sp.Expr, int]:
    """a g(kx) + b h(mx): two different standard series (e^u, sin u, cos u, 1/(1 − u)) with
    linear arguments, to order 3."""
    first, second = draw.sample(STANDARD, 2)
    f = _scale(draw) * _drawn(draw, first) + _scale(draw) * _drawn(draw, second)
    return f, 3


def _polynomial_factor(draw: Draw) -> sp.Expr:
    """a + b xʲ (a, b nonzero, j = 1 or 2)."""
    return _scale(draw, 5) + _scale(draw, 5) * X ** draw.integer(1, 2)


def _maclaurin_medium(draw: Draw) -> tuple[sp.Expr, int]:
    """Order 3 or 4 of a product with a polynomial, (a + b xʲ) g(kx) (g among e^u, sin u,
    cos u, sinh u, cosh u), or of one composition: c (1 + kx)^p, c ln(1 + kx), c g(kx²)."""
    order = draw.integer(3, 4)
    form = draw.weighted([(0, 12), (1, 2), (2, 1), (3, 1)])
    if form == 0:
        return _polynomial_factor(draw) * _drawn(draw, draw.choice(SMOOTH)), order
    c = _scale(draw, 9)
    if form == 1:
        p = draw.choice((R(1, 2), R(-1, 2), R(1, 3), R(-1, 3), R(3, 2), -2))
        f = (1 + draw.choice(SIGNED + (R(1, 2), R(-1, 2))) * X) ** p
    elif form == 2:
        f = sp.log(1 + _k(draw, "log") * X)
    else:
        k = draw.choice(SIGNED)
        f = draw.choice((sp.exp(k * X**2), sp.sqrt(1 + k * X**2), sp.log(1 + k * X**2)))
        order = 4
    return c * f, order


PAIRS = tuple((g, h) for i, g in enumerate(SMOOTH) for h in SMOOTH[i + 1 :])


def _maclaurin_hard(draw: Draw) -> tuple[sp.Expr, int]:
    """Order 4 or 5 of a product of two transcendental factors g(kx) h(mx) (g, h among e^u,
    sin u, cos u, sinh u, cosh u; not both |k|, |m| = 1), or of a composition: e^(k sin mx),
    ln(cos kx), tan kx,
    arctan kx, sec kx."""
    c = _scale(draw, 12)
    if draw.integer(0, 9):
        first, second = draw.choice(PAIRS)
        k, m = _k(draw, first), _k(draw, second)
        if abs(k) == abs(m) == 1:  # e^x cos x needs no chain rule: a medium problem
            m = 2 * m
        return c * _standard(first, k) * _standard(second, m), draw.integer(4, 5)
    k = draw.choice((1, 2, 3, R(1, 2)))
    form = draw.integer(0, 4)
    if form == 0:
        inner = draw.choice((1, -1, 2, -2)) * sp.sin(draw.choice((1, 2)) * X)
        return c * sp.exp(inner), 4
    if form == 1:
        return c * sp.log(sp.cos(draw.choice((2, 3)) * X)), 4
    if form == 2:
        return c * sp.sec(k * X), 4
    return c * (sp.tan(k * X) if form == 3 else sp.atan(k * X)), 5


@topic(
    "maclaurin",
    4,
    "Maclaurin polynomials",
    {
        "easy": {"terms": (2, 2), "depth": (0, 1), "rules": (15, 70)},
        "medium": {"terms": (1, 1), "depth": (0, 1), "rules": (20, 110)},
        "hard": {"terms": (1, 1), "depth": (0, 2), "rules": (45, 200)},
    },
)
def maclaurin(draw: Draw, difficulty: str) -> Draft:
    build = {"easy": _maclaurin_easy, "medium": _maclaurin_medium, "hard": _maclaurin_hard}

    def make(sub: Draw) -> tuple[sp.Expr, int, Step] | None:
        f, order = build[difficulty](sub)
        solution = taylor_polynomial(f, X, 0, order)
        if not _nice_polynomial(solution.result, (X,)):
            return None
        return f, order, solution

    f, order, solution = _first(draw, make)
    prompt = MACLAURIN.replace("<n>", str(order))
    answer = _taylor_answer(solution, f, 0, order)
    return Draft(prompt, {"f": _definition(f)}, answer, solution, (f,), 1, {"order": order})


# -- 2. Taylor polynomials about a ≠ 0 ----------------------------------------------------------

CENTRES = (-3, -2, -1, 1, 2, 3)
WIDE_CENTRES = (-4, -3, -2, -1, 1, 2, 3, 4)
FAR_CENTRES = (-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6)  # where only u = kx + d depends on a
ANGLES = tuple(
    sign * PI * R(p, q)
    for sign in (1, -1)
    for p, q in ((1, 6), (1, 4), (1, 3), (1, 2), (2, 3), (3, 4), (5, 6), (1, 1))
)


def _inside(
    draw: Draw, value: int, slopes: Sequence[int] = (1, 2, 3), centres: Sequence[int] = CENTRES
) -> tuple[sp.Expr, int]:
    """u = kx + d and a centre a ≠ 0 with u(a) = value (k = 1 when d would be 0: sympy writes
    √(3x) as √3 √x)."""
    k, a = draw.choice(slopes), draw.choice(centres)
    if value == k * a:
        k = 1
    return k * X + value - k * a, a


def _taylor_easy(draw: Draw) -> tuple[sp.Expr, sp.Basic, int]:
    """Order 2 or 3 of one function of u = kx + d whose derivatives are rational where u is
    1 (ln u), m² (√u) or ±1, ..., ±4 (1/u); of e^(kx) (its values e^(ka)); or of sin x or
    cos x about a multiple of π/6 or π/4 (exact surds)."""
    c, order = _scale(draw, 12), draw.integer(2, 3)
    form = draw.weighted([(0, 2), (1, 4), (2, 6), (3, 1), (4, 1)])
    if form == 4:
        return c * draw.choice((sp.sin, sp.cos))(X), draw.choice(ANGLES), order
    if form == 0:
        u, a = _inside(draw, 1, (1, 2, 3, 4), FAR_CENTRES)
        f = sp.log(u)
    elif form == 1:
        u, a = _inside(draw, draw.integer(1, 3) ** 2, (1, 2, 3), FAR_CENTRES)
        f = sp.sqrt(u)
    elif form == 2:
        u, a = _inside(
            draw, draw.choice((1, 2, 3, 4, 5, -1, -2, -3, -4, -5)), (1, 2, 3), FAR_CENTRES
        )
        f = 1 / u
    else:
        a = draw.choice(CENTRES)
        f = sp.exp(draw.choice((1, 2, -1, -2, R(1, 2))) * X)
    return c * f, sp.Integer(a), order


def _taylor_medium(draw: Draw) -> tuple[sp.Expr, sp.Basic, int]:
    """Order 3 or 4 of sin kx or cos kx (k = 2, 3) about a multiple of π/6 or π/4 (exact surds),
    or of a function of u = kx + d: ∛u at u = m³, u^(3/2) and 1/√u at u = m², 1/u² at
    u = ±1, ±2, ±3, (x + p)/u at u = ±1, ±2 (the quotient rule)."""
    c, order = _scale(draw, 12), draw.integer(3, 4)
    form = draw.weighted([(0, 2), (1, 2), (2, 2), (3, 2), (4, 4), (5, 4)])
    if form == 0:
        a = draw.choice(ANGLES)
        return c * draw.choice((sp.sin, sp.cos))(draw.choice((2, 3)) * X), a, order
    if form == 1:
        u, a = _inside(draw, draw.integer(1, 2) ** 3, (1, 2, 3), FAR_CENTRES)
        f = sp.cbrt(u)
    elif form == 2:
        u, a = _inside(draw, draw.integer(1, 2) ** 2, (1, 2, 3), FAR_CENTRES)
        f = u ** R(3, 2)
    elif form == 3:
        u, a = _inside(draw, draw.integer(1, 2) ** 2, (1, 2, 3), FAR_CENTRES)
        f = 1 / sp.sqrt(u)
    elif form == 4:
        u, a = _inside(draw, draw.choice(SIGNED), (1, 2), FAR_CENTRES)
        f = u**-2
    else:
        u, a = _inside(draw, draw.choice((1, 2, -1, -2)), (1, 2, 3), FAR_CENTRES)
        top = X + draw.integer(-5, 5)
        if sp.cancel(top / u).is_number:  # (2x + 4)/(x + 2) is a constant
            top += 1
        f = top / u
    return c * f, sp.Integer(a), order


def _taylor_hard(draw: Draw) -> tuple[sp.Expr, sp.Basic, int]:
    """Order 3 or 4 of a product or a composition: (x + q) √u, (xᵐ + q) ln u,
    (xᵐ + q) e^(k(x − a)) (u = kx + d with u(a) = m² or 1), ln x/(x + q)ᵐ about 1;
    √(kx² + p) about a with k a² + p = m², 1/(x² + p) with a² + p = ±1, ±2, e^(x² − a²) and
    ln(x² + 1 − a²) about a."""
    c, order = _scale(draw, 9), draw.integer(3, 4)
    a = draw.choice(CENTRES)
    factor = X ** draw.integer(1, 2) + draw.integer(-3, 3)
    form = draw.weighted([(0, 4), (1, 4), (2, 4), (3, 1), (4, 2), (5, 1), (6, 1)])
    if form == 0:
        u, a = _inside(draw, draw.integer(1, 2) ** 2, (1, 2), WIDE_CENTRES)
        f, order = (X + draw.integer(-3, 3)) * sp.sqrt(u), 3
    elif form == 1:
        u, a = _inside(draw, 1, (1, 2), WIDE_CENTRES)
        f = factor * sp.log(u)
    elif form == 2:
        f = factor * sp.exp(draw.choice((1, 2, -1)) * (X - a))
    elif form == 3:
        f, a = sp.log(X) / (X + draw.integer(0, 2)) ** draw.integer(1, 2), 1
    elif form == 4:
        a, k = draw.choice((-2, -1, 1, 2)), draw.integer(1, 3)
        m = sp.floor(sp.sqrt(k * a**2)) + draw.integer(1, 2)
        f, order = sp.sqrt(k * X**2 + m**2 - k * a**2), 3
    elif form == 5:
        a = draw.choice((-2, -1, 1, 2))
        value = draw.choice([v for v in (1, 2, -1, -2) if v != a**2])  # not 1/x²
        f = 1 / (X**2 + value - a**2)
    else:
        a = draw.choice((-2, 2))  # ln(x² + 1 − a²) is ln x² for a = ±1
        f = draw.choice((sp.exp(X**2 - a**2), sp.log(X**2 + 1 - a**2)))
    return c * f, sp.Integer(a), order


@topic(
    "taylor-about-a",
    4,
    "Taylor polynomials about a point",
    {
        "easy": {"depth": (0, 1), "rules": (3, 32)},
        "medium": {"depth": (0, 1), "rules": (6, 45)},
        "hard": {"depth": (0, 1), "rules": (20, 100)},
    },
)
def taylor_about_a(draw: Draw, difficulty: str) -> Draft:
    build = {"easy": _taylor_easy, "medium": _taylor_medium, "hard": _taylor_hard}

    def make(sub: Draw) -> tuple[sp.Expr, sp.Basic, int, Step] | None:
        f, a, order = build[difficulty](sub)
        solution = taylor_polynomial(f, X, a, order)
        if not _nice_polynomial(solution.result, (X,), (a,)):
            return None
        return f, a, order, solution

    f, a, order, solution = _first(draw, make)
    prompt = TAYLOR.replace("<n>", str(order))
    math = {"f": _definition(f), "a": sp.Eq(X, a, evaluate=False)}
    meta = {"order": order, "about": a}
    return Draft(prompt, math, _taylor_answer(solution, f, a, order), solution, (f,), 1, meta)


# -- 3. linearisation ---------------------------------------------------------------------------

STEPS = (R(1, 10), R(1, 5), R(1, 20), R(3, 10), R(1, 4), R(1, 2), R(1, 100), R(2, 5))


def _linear_function(draw: Draw, trig: bool) -> tuple[sp.Expr, sp.Basic, int]:
    """(f, a, side): f with exact f(a), f'(a) ≠ 0 and the side (+1, −1, or 0 for either) of a
    on which |f''| is largest at a, so that the Lagrange bound is rational. With `trig`, sin x,
    cos x or tan x at a multiple of π/6 or π/4 (surds and π: for L(x) only)."""
    c = _scale(draw, 12)
    weights = [(0, 8), (1, 2), (2, 12), (3, 3), (4, 4), (5, 2), (6, 3), (7, 4 if trig else 0)]
    form = draw.weighted(weights)
    if form == 0:
        u, a = _inside(draw, draw.integer(1, 6) ** 2, (1, 2, 3), FAR_CENTRES)
        return c * sp.sqrt(u), a, _sign(u)
    if form == 1:
        u, a = _inside(draw, 1, (1, 2, 3, 4), FAR_CENTRES)
        return c * sp.log(u), a, _sign(u)
    if form == 2:
        values = (2, 3, 4, 5, 6, -2, -3, -4, -5, -6)  # |u| > 3/2 up to x₁
        u, a = _inside(draw, draw.choice(values), (1, 2, 3), FAR_CENTRES)
        return c / u, a, 0
    if form == 3:
        k, a = draw.choice(SIGNED), draw.choice((0, 0, *CENTRES))
        return c * sp.exp(k * (X - a)), a, -_sign(k * X)
    if form == 4:
        u, a = _inside(draw, draw.integer(1, 3) ** 3, (1, 2, 3), FAR_CENTRES)
        return c * sp.cbrt(u), a, _sign(u)
    if form == 5:
        return c * X ** draw.integer(2, 5), draw.choice(WIDE_CENTRES), 0
    if form == 6:
        u, a = _inside(draw, draw.integer(1, 3) ** 2, (1, 2), FAR_CENTRES)
        return c * u ** R(3, 2), a, _sign(u)
    angle = draw.choice(ANGLES)
    tangent = sp.tan(angle)  # tan x only where it is defined and not 0
    function = draw.choice(SINES if tangent.is_finite and tangent != 0 else SINES[:2])
    return c * function(X), angle, 0


SINES = (sp.sin, sp.cos, sp.tan)


def _sign(u: sp.Expr) -> int:
    """The sign of u's slope in x."""
    return 1 if sp.diff(u, X) > 0 else -1


def _linear_point(draw: Draw, a: int, side: int) -> sp.Basic:
    step = draw.choice(STEPS)
    return a + step * (side if side else draw.sign())


def _decimal(value: sp.Basic) -> sp.Basic:
    """A terminating decimal for the statement (4.1 rather than 41/10); other values as given."""
    if value.is_Integer:
        return value
    q = value.q
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    if q != 1:
        return value
    return sp.Float(str(sp.N(value, 15)).rstrip("0"), 15)


@topic(
    "linearisation",
    4,
    "Linearisation and linear approximation",
    {
        "easy": {"rules": (2, 16), "steps": (18, 34)},
        "medium": {"rules": (2, 16), "steps": (20, 36), "non_integer": (1, 1)},
        "hard": {"rules": (4, 26), "steps": (22, 46)},
    },
)
def linearisation_problem(draw: Draw, difficulty: str) -> Draft:
    def make(sub: Draw) -> tuple[sp.Expr, int, sp.Basic, Step] | None:
        f, a, side = _linear_function(sub, trig=difficulty == "easy")
        x1 = _linear_point(sub, a, side)
        if difficulty == "easy":
            solution = linearisation(f, X, a)
            if sp.diff(f, X).subs(X, a) == 0 or not _nice_polynomial(solution.result, (X,)):
                return None
        elif difficulty == "medium":
            solution = at_point(linearisation(f, X, a), {X: x1})
            value = solution.result
            if not _rational_ok(value) or value.is_integer or value == -10:
                return None
        else:
            solution = truncation_error(f, X, a, 1, point=x1)
            if not _rational_ok(solution.result) or solution.result == 0:
                return None
        return f, a, x1, solution

    f, a, x1, solution = _first(draw, make)
    math: dict[str, Any] = {"f": _definition(f), "a": sp.Eq(X, a, evaluate=False)}
    meta: dict[str, Any] = {"about": a}
    if difficulty == "easy":
        return Draft(LINEAR, math, _taylor_answer(solution, f, a, 1), solution, (f,), 1, meta)
    math["x1"] = _decimal(x1)
    meta["point"] = x1
    prompt = ESTIMATE if difficulty == "medium" else BOUND
    answer = AnswerSpec("number", solution.result, ())
    return Draft(prompt, math, answer, solution, (f,), 1, meta)


# -- 4. the second-order Taylor polynomial of f(x, y) --------------------------------------------

OUTERS = ("exp", "sin", "cos", "log", "geometric", "sqrt")
PYTHAGOREAN = ((3, 4), (4, 3), (6, 8), (8, 6), (5, 12), (12, 5))


def _outer(kind: str, u: sp.Expr) -> sp.Expr:
    """g(u) with g(0) = 1 or 0 and whole-number or half derivatives there."""
    return {
        "exp": sp.exp(u),
        "sin": sp.sin(u),
        "cos": sp.cos(u),
        "log": sp.log(1 + u),
        "geometric": 1 / (1 - u),
        "sqrt": sp.sqrt(1 + u),
    }[kind]


def _two_polynomial(draw: Draw) -> sp.Expr:
    """A cubic in x and y: one term of degree 3, three or four of lower degree (at least one
    of them mixed, x y), and a constant."""
    monomials = [(i, j) for i in range(4) for j in range(4) if 1 <= i + j <= 3]
    top = [m for m in monomials if sum(m) == 3]
    lower = [m for m in monomials if sum(m) < 3 and m != (1, 1)]
    chosen = [draw.choice(top), (1, 1), *draw.sample(lower, draw.integer(2, 3))]
    terms = [_scale(draw) * X**i * Y**j for i, j in chosen]
    return sp.Add(*terms, draw.integer(-9, 9))


def _slopes(draw: Draw, largest: int = 3) -> tuple[int, int]:
    return draw.nonzero(-largest, largest), draw.nonzero(-largest, largest)


def _two_easy(draw: Draw) -> tuple[sp.Expr, tuple]:
    """About (0, 0): a cubic polynomial, c e^(ax + by), or a product g(ax) h(by) of standard
    functions of one variable each (e^x cos y)."""
    form = draw.weighted([(0, 4), (1, 1), (2, 5)])
    if form == 0:
        return _two_polynomial(draw), (0, 0)
    c = _scale(draw, 12)
    if form == 1:
        a, b = _slopes(draw, 4)
        return c * sp.exp(a * X + b * Y), (0, 0)
    a, b = _slopes(draw)
    return c * _outer(draw.choice(OUTERS), a * X) * _outer(draw.choice(OUTERS), b * Y), (0, 0)


def _two_medium(draw: Draw) -> tuple[sp.Expr, tuple]:
    """About (0, 0), with the chain rule: c g(ax + by) (sin, cos, ln(1 + u), √(1 + u),
    1/(1 − u)), c g(ax² + by), or a product x g(ax + by), y g(ax + by), e^(kx) g(ax + by)."""
    c = _scale(draw, 12)
    a, b = _slopes(draw, 4)
    form = draw.weighted([(0, 4), (1, 2), (2, 3)])
    if form == 0:
        return c * _outer(draw.choice(OUTERS[1:]), a * X + b * Y), (0, 0)
    if form == 1:
        u = a * X**2 + b * Y
        if draw.integer(0, 1):
            u = a * X + b * Y**2
        return c * _outer(draw.choice(("exp", "log", "sqrt", "geometric")), u), (0, 0)
    factor = draw.choice((X, Y, sp.exp(draw.choice((1, 2, -1, -2)) * X)))
    return c * factor * _outer(draw.choice(("exp", "sin", "cos")), a * X + b * Y), (0, 0)


def _point(draw: Draw, low: int = 1, high: int = 3) -> tuple[int, int]:
    """Whole coordinates p, q with low ≤ |p|, |q| ≤ high."""
    values = [v for v in range(-high, high + 1) if abs(v) >= low]
    return draw.choice(values), draw.choice(values)


def _two_hard(draw: Draw) -> tuple[sp.Expr, tuple]:
    """About a point (p, q) ≠ (0, 0), not separable: ln(ax + by + d) with ap + bq + d = 1,
    √(x² + y² + s) with p² + q² + s = m², a product h g(u) of h among x, y, x ± y, xy and g
    among e^u, sin u, cos u, ln(1 + u) with u = a(x − p) + b(y − q), e^(k(xy − pq)),
    1/(x² + y² + s) with p² + q² + s = ±1, ±2, and h/(x + y) (h among x, y, x², y², xy) with
    p + q = ±1, ±2."""
    c = _scale(draw, 12)
    form = draw.weighted([(0, 2), (1, 2), (2, 6), (3, 1), (4, 1), (5, 2)])
    if form == 0:
        (p, q), (a, b) = _point(draw, 0), _slopes(draw)
        if (p, q) == (0, 0):
            p = draw.choice((1, 2, -1))
        return c * sp.log(a * X + b * Y + 1 - a * p - b * q), (p, q)
    if form == 1:
        if draw.integer(0, 2) == 0:
            p, q = draw.choice(PYTHAGOREAN)
            return c * sp.sqrt(X**2 + Y**2), (p * draw.sign(), q * draw.sign())
        p, q = _point(draw, 1, 2)
        m = draw.choice((3, 4)) if p * p + q * q > 4 else draw.integer(2, 3)
        return c * sp.sqrt(X**2 + Y**2 + m * m - p * p - q * q), (p, q)
    if form == 2:
        (p, q), (a, b) = _point(draw, 0, 2), _slopes(draw, 2)
        if (p, q) == (0, 0):
            q = draw.choice((1, -1))
        factor = draw.choice((X, Y, X + Y, X - Y, X * Y))
        kind = draw.choice(("exp", "exp", "sin", "cos", "log"))
        return c * factor * _outer(kind, a * (X - p) + b * (Y - q)), (p, q)
    if form == 3:
        p, q = _point(draw, 1, 2)
        return c * sp.exp(draw.choice((1, -1)) * (X * Y - p * q)), (p, q)
    if form == 4:
        p, q = _point(draw, 1, 2)
        return c / (X**2 + Y**2 + draw.choice((1, 2, -1, -2)) - p * p - q * q), (p, q)
    p, s = draw.choice((-2, -1, 1, 2, 3)), draw.choice((1, 2, -1, -2))
    q = s - p
    if q == 0:
        p, q = p + 1, q - 1
    top = draw.choice((X * Y, X, Y, X**2, Y**2))
    return c * top / (X + Y), (p, q)


@topic(
    "taylor-two-variables",
    4,
    "Second-order Taylor polynomials in two variables",
    {
        "easy": {"variables": (2, 2), "depth": (0, 1), "rules": (10, 46)},
        "medium": {"variables": (2, 2), "depth": (1, 1), "rules": (34, 80)},
        "hard": {"variables": (2, 2), "depth": (1, 1), "rules": (34, 120)},
    },
)
def taylor_two(draw: Draw, difficulty: str) -> Draft:
    build = {"easy": _two_easy, "medium": _two_medium, "hard": _two_hard}

    def make(sub: Draw) -> tuple[sp.Expr, tuple, Step] | None:
        f, point = build[difficulty](sub)
        solution = taylor_two_variables(f, (X, Y), point, 2)
        if not _nice_polynomial(solution.result, (X, Y)):
            return None
        return f, point, solution

    f, point, solution = _first(draw, make)
    math = {"f": _definition(f, (X, Y)), "p": sp.Tuple(*point)}
    answer = AnswerSpec("expr", solution.result, ("x", "y"))
    return Draft(TWO, math, answer, solution, (f,), 2, {"about": sp.Tuple(*point)})
