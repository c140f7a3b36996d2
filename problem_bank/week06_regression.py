"""Week 6: regression. The chi-squared statistic of data against a model, the least-squares
straight line (plain and weighted) by the normal equations, and gradient-descent steps of a fit.

Every solution comes from the week-6 solvers (tutor.solvers.regression: `chi_squared`,
`line_fit`; tutor.solvers.fitting: `gradient_descent_fit`) and the answer is the root's result:
χ² (a number), the fitted line m x + c (an expression in x: `line_fit`'s root result) and the
parameters after the steps (a vector).

Nice numbers by construction. Data are exact decimals (sympy Rationals, shown as decimals), so
the solvers stay exact. A straight-line fit is chosen first (m and c round) and the residuals are
built orthogonal to (1, x) - or, weighted, to (1/σ², x/σ²) - from "triple" vectors: for
x_i < x_j < x_k the vector with entries x_k − x_j, −(x_k − x_i), x_j − x_i at i, j, k sums to 0
and to 0 against x. So the least-squares line is exactly (m, c) while the points scatter about
it; the hard `noisy` variant adds residuals that are not orthogonal (realistic data, the fit
exact but not round). Gradient-descent rates are chosen from short decimals below 1/trace of
the (Gauss-Newton) Hessian of χ², so every step lowers χ² and the iterates stay short.

The bands (problem_bank.features) separate the difficulties by what the generators vary: the
number of data points and of iterations (both in `steps`, the nodes of the solution tree: one
row per point, one update per iteration), and `non_integer` (easy data and answers are whole
numbers where the topic allows it). `variables` is the number of model parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from math import gcd
from typing import Any, TypeAlias

import sympy as sp

from problem_bank.common import X
from problem_bank.draw import Draw, attempts
from problem_bank.registry import Draft, topic
from tutor.problem import AnswerSpec
from tutor.solvers.fitting import gradient_descent_fit
from tutor.solvers.regression import chi_squared, line_fit
from tutor.steps import Step

x = X
A, B, C = (sp.Symbol(name, real=True) for name in "abc")
M = sp.Symbol("m", real=True)
XI, YI, SI = (sp.Symbol(name, real=True) for name in ("x_i", "y_i", "sigma_i"))
CHI2 = sp.Symbol("chi^2", real=True)
ETA = sp.Symbol("eta", real=True)
SIGMA = sp.Symbol("sigma", real=True)
XY = sp.Tuple(x, sp.Symbol("y", real=True))
XYS = sp.Tuple(x, sp.Symbol("y", real=True), SIGMA)
F = sp.Function("f")
NICE_TRIES = 8  # candidates per draft before the last one goes to the registry's tests

Number: TypeAlias = sp.Rational


def r(numerator: int, denominator: int = 1) -> Number:
    return sp.Rational(numerator, denominator)


# -- showing exact decimals -------------------------------------------------------------------


def shown(value: sp.Basic) -> sp.Basic:
    """An exact terminating decimal as the decimal a student reads (2.35, not 47/20): a sympy
    Float with exactly its own digits (for display only: the solvers get the Rational)."""
    if not isinstance(value, sp.Rational) or value.is_Integer:
        return value
    with localcontext() as context:
        context.prec = 50
        text = format(Decimal(int(value.p)) / Decimal(int(value.q)), "f")
    digits = len(text.lstrip("-").replace(".", "").lstrip("0"))
    return sp.Float(text, max(digits, 1))


def shown_all(values: Sequence[sp.Basic]) -> sp.Tuple:
    return sp.Tuple(*(shown(v) for v in values))


def points_of(*columns: Sequence[sp.Basic]) -> list[sp.Tuple]:
    """The data as a list of points (x, y) or (x, y, σ), each value as a decimal."""
    return [shown_all(row) for row in zip(*columns, strict=True)]


# -- drawing data ------------------------------------------------------------------------------


def even_xs(draw: Draw, n: int, steps: Sequence[Number] = (r(1),)) -> list[Number]:
    """n equally spaced x values from a small start (negative starts included)."""
    step = draw.choice(steps)
    start = draw.integer(-3, 2) * step if step < 1 else r(draw.integer(-2, 3))
    return [start + k * step for k in range(n)]


def spread_xs(draw: Draw, n: int, low: int = -2, high: int = 12) -> list[Number]:
    """n distinct whole numbers, not equally spaced (irregular measurements)."""
    for _ in attempts(NICE_TRIES):
        xs = sorted(draw.sample(range(low, high + 1), n))
        if len({b - a for a, b in zip(xs, xs[1:], strict=False)}) > 1:
            break
    return [r(v) for v in xs]


def triple(xs: Sequence[Number], i: int, j: int, k: int) -> list[Number]:
    """A vector orthogonal to (1, …, 1) and to x, nonzero only at i < j < k, in lowest terms."""
    entries = {i: xs[k] - xs[j], j: xs[i] - xs[k], k: xs[j] - xs[i]}
    whole = [int(v * 10**6) for v in entries.values()]  # x values have at most 6 decimals
    divisor = 0
    for v in whole:
        divisor = gcd(divisor, v)
    return [entries.get(index, r(0)) * 10**6 / divisor for index in range(len(xs))]


def orthogonal(draw: Draw, xs: Sequence[Number], count: int, largest: int) -> list[Number]:
    """A nonzero combination of `count` triple vectors with whole multipliers up to `largest`:
    Σ uᵢ = 0 and Σ uᵢ xᵢ = 0."""
    n = len(xs)
    u = [r(0)] * n
    for _ in attempts(NICE_TRIES):
        u = [r(0)] * n
        for _ in range(count):
            i, j, k = sorted(draw.sample(range(n), 3))
            multiplier = draw.nonzero(-largest, largest)
            u = [a + multiplier * b for a, b in zip(u, triple(xs, i, j, k), strict=True)]
        if any(u):
            break
    return u


def half_steps(draw: Draw, largest: int, allow_zero: bool = False) -> Number:
    """A multiple of 1/2 up to `largest` in size (never 0 unless allowed)."""
    k = (
        draw.integer(-2 * largest, 2 * largest)
        if allow_zero
        else draw.nonzero(-2 * largest, 2 * largest)
    )
    return r(k, 2)


def tenths(draw: Draw, largest: int, allow_zero: bool = False) -> Number:
    """A multiple of 1/10 up to `largest` tenths in size."""
    return r(draw.integer(-largest, largest) if allow_zero else draw.nonzero(-largest, largest), 10)


def words(count: int) -> str:
    return {1: "one step", 2: "two steps", 3: "three steps"}[count]


def draft(
    prompt: str,
    math: dict[str, Any],
    kind: str,
    solution: Step,
    functions: Sequence[sp.Basic],
    parameters: int,
    *,
    variables: tuple[str, ...] = (),
    abs_tol: float | None = None,
    **meta: Any,
) -> Draft:
    answer = AnswerSpec(kind, solution.result, variables, abs_tol=abs_tol)
    return Draft(prompt, math, answer, solution, tuple(functions), parameters, meta)


# -- 1. chi-squared ----------------------------------------------------------------------------

CHI_PROMPT = (
    "The model {model} with {values} is compared with the data points {xy}: {points}. Compute"
    " {chi2} = the sum over the points of {term}{sigma_words}. {precision}"
)
NO_SIGMA = " (no uncertainties are given: take {sigma_one} at every point)"
WITH_SIGMA = ", where the uncertainties {sigma_i} of y at the points are, in order, {sigmas}"
EXACT = "Give the exact value (a whole number, a terminating decimal or a fraction)."


def chi_model(draw: Draw, difficulty: str) -> tuple[sp.Expr, dict[sp.Symbol, Number], str]:
    """The model with parameters and their values: a x + b, a x² + b x + c or (hard) a e^(b x)."""
    if difficulty == "easy":
        return A * x + B, {A: r(draw.nonzero(-5, 5)), B: r(draw.nonzero(-9, 9))}, "line"
    if difficulty == "medium":
        if draw.integer(0, 1):
            return A * x + B, {A: half_steps(draw, 4), B: half_steps(draw, 6)}, "line"
        values = {A: half_steps(draw, 2), B: r(draw.nonzero(-4, 4)), C: r(draw.nonzero(-6, 6))}
        return A * x**2 + B * x + C, values, "quadratic"
    form = draw.integer(0, 2)
    if form == 0:
        return A * x + B, {A: tenths(draw, 40), B: tenths(draw, 60)}, "line"
    if form == 1:
        values = {A: tenths(draw, 20), B: tenths(draw, 30), C: tenths(draw, 50)}
        return A * x**2 + B * x + C, values, "quadratic"
    a = r(draw.integer(5, 40), 10)
    b = draw.choice([r(1, 2), r(-1, 2), r(1, 5), r(-1, 5), r(3, 10), r(-3, 10), r(1, 4)])
    return A * sp.exp(B * x), {A: a, B: b}, "exponential"


def rounded(value: sp.Expr, places: int = 1) -> Number:
    """value (a real constant) rounded to `places` decimals, exactly (sympy, no machine floats)."""
    scale = 10**places
    shifted = value * scale + sp.Rational(1, 2)
    if not isinstance(shifted, sp.Rational):
        shifted = sp.Float(sp.N(shifted, 30), 30)  # mpmath: the same digits on every machine
    return r(int(sp.floor(shifted)), scale)


@topic(
    "chi-squared",
    6,
    "The chi-squared statistic of data against a model",
    {
        "easy": {"steps": (8, 8), "non_integer": (0, 1), "variables": (2, 2)},
        "medium": {"steps": (9, 10), "non_integer": (1, 1), "variables": (2, 3)},
        "hard": {"steps": (11, 12), "non_integer": (1, 1), "variables": (2, 3)},
    },
)
def chi_squared_problem(draw: Draw, difficulty: str) -> Draft:
    model, values, form = chi_model(draw.fork("model"), difficulty)
    data = draw.fork("data")
    sigmas: list[Number] | None = None
    if difficulty == "easy":
        xs = even_xs(data, 4, (r(1), r(2)))
        residuals = [r(data.integer(-3, 3)) for _ in xs]
    elif difficulty == "medium":
        xs = even_xs(data, data.integer(5, 6), (r(1), r(1, 2)))
        residuals = [tenths(data, 9, allow_zero=True) for _ in xs]
    else:
        n = data.integer(7, 8)
        xs = spread_xs(data, n, -2, 10) if form != "exponential" else even_xs(data, n, (r(1, 2),))
        sigmas = [data.choice([r(1, 10), r(1, 5), r(1, 4), r(1, 2), r(1)]) for _ in xs]
        residuals = [tenths(data, int(20 * s), allow_zero=True) for s in sigmas]
    if not any(residuals):
        residuals[data.integer(0, len(residuals) - 1)] = r(1) if difficulty == "easy" else r(3, 10)
    ys = [rounded(model.subs(values).subs(x, v)) + e for v, e in zip(xs, residuals, strict=True)]
    if form == "exponential":  # measurements of a positive quantity stay positive
        ys = [y if y > 0 else y + 2 * abs(e) for y, e in zip(ys, residuals, strict=True)]
    solution = chi_squared(xs, ys, model, values, x, sigmas)
    exact = isinstance(solution.result, sp.Rational)
    term = ((YI - F(XI)) / SI) ** 2 if sigmas else (YI - F(XI)) ** 2
    math: dict[str, Any] = {
        "model": sp.Eq(F(x), model),
        "values": [sp.Eq(p, shown(v)) for p, v in values.items()],
        "xy": XY,
        "points": points_of(xs, ys),
        "chi2": CHI2,
        "term": term,
    }
    sigma_words = NO_SIGMA
    if sigmas:
        math["sigma_i"] = SI
        math["sigmas"] = [shown(s) for s in sigmas]
        sigma_words = WITH_SIGMA
    else:
        math["sigma_one"] = sp.Eq(SI, 1)
    prompt = CHI_PROMPT.replace("{sigma_words}", sigma_words)
    prompt = prompt.replace("{precision}", EXACT if exact else "Give it to 3 decimal places.")
    return draft(
        prompt,
        math,
        "number",
        solution,
        (model,),
        len(values),
        abs_tol=None if exact else 5e-4,
        form=form,
        points=len(xs),
        weighted=bool(sigmas),
    )


# -- 2. the least-squares straight line --------------------------------------------------------

LINE_PROMPT = (
    "Fit the straight line f(x) = m x + c to the data points {xy}: {points} by least squares:"
    " set the partial derivatives of {chi2} = the sum over the points of {term} with respect to"
    " m and c to zero, and solve the normal equations. Give the fitted line as the expression"
    " m x + c in x, with m and c exact (whole numbers, decimals or fractions)."
)
WEIGHTED_PROMPT = (
    "Fit the straight line f(x) = m x + c by weighted least squares to the data points"
    " {xys}: {points}, where {sigma} is the uncertainty of y. Set the partial derivatives of {chi2}"
    " = the sum over the points of {term} with respect to m and c to zero and solve the weighted"
    " normal equations. Give the fitted line as the expression m x + c in x, with m and c exact"
    " (whole numbers, decimals or fractions)."
)


def line_data(draw: Draw, difficulty: str) -> tuple[list, list, Number, Number, str]:
    """x, y, the chosen m and c, and the variant (`round`: the fit is exactly (m, c); `noisy`)."""
    if difficulty == "easy":
        xs = even_xs(draw, 4, (r(1), r(2)))
        m, c = r(draw.nonzero(-5, 5)), r(draw.nonzero(-9, 9))
        u = orthogonal(draw, xs, draw.integer(1, 2), 1)
        return xs, [m * v + c + e for v, e in zip(xs, u, strict=True)], m, c, "round"
    if difficulty == "medium":
        n = draw.integer(5, 6)
        xs = even_xs(draw, n, (r(1), r(2))) if draw.integer(0, 1) else spread_xs(draw, n, -2, 9)
        m, c = half_steps(draw, 4), half_steps(draw, 6)
        u = [e / 10 for e in orthogonal(draw, xs, draw.integer(1, 2), 3)]
        return xs, [m * v + c + e for v, e in zip(xs, u, strict=True)], m, c, "round"
    n = draw.integer(7, 8)
    xs = spread_xs(draw, n, -3, 12) if draw.integer(0, 2) else even_xs(draw, n, (r(1, 2),))
    m, c = tenths(draw, 40), tenths(draw, 80)
    if draw.integer(0, 2) == 0:  # noisy: realistic scatter, the exact fit is not round
        noise = [tenths(draw, 8, allow_zero=True) for _ in xs]
        return xs, [m * v + c + e for v, e in zip(xs, noise, strict=True)], m, c, "noisy"
    u = orthogonal(draw, xs, draw.integer(2, 3), 2)
    scale = draw.choice([r(1, 10), r(1, 20)])
    return xs, [m * v + c + scale * e for v, e in zip(xs, u, strict=True)], m, c, "round"


@topic(
    "line-fit",
    6,
    "The least-squares straight line",
    {
        "easy": {"steps": (45, 45), "non_integer": (0, 0), "variables": (2, 2)},
        "medium": {"steps": (46, 47), "non_integer": (1, 1), "variables": (2, 2)},
        "hard": {"steps": (48, 49), "non_integer": (1, 1), "variables": (2, 2)},
    },
)
def line_fit_problem(draw: Draw, difficulty: str) -> Draft:
    xs, ys, m, c, variant = line_data(draw, difficulty)
    solution = line_fit(xs, ys)
    math = {"xy": XY, "points": points_of(xs, ys), "chi2": CHI2, "term": (YI - F(XI)) ** 2}
    return draft(
        LINE_PROMPT,
        math,
        "expr",
        solution,
        (M * x + C,),
        2,
        variables=("x",),
        variant=variant,
        chosen=sp.Tuple(m, c),
        points=len(xs),
    )


# -- 3. the weighted straight line -------------------------------------------------------------

SIGMAS = {
    "easy": ((r(1), r(2)), (r(1),)),
    "medium": ((r(1, 2), r(1), r(2)), (r(1, 5), r(2, 5))),
    "hard": ((r(1, 10), r(1, 5), r(1, 2)), (r(1), r(2))),
}
PULL_LIMIT = 3  # |residual| / σ at most this (SIGMAS list the smallest σ first, the fallback)


def weights_matter(xs: Sequence[Number], residuals: Sequence[Number]) -> bool:
    """The unweighted fit differs from the weighted one: the residuals are not orthogonal to
    (1, x) without the weights (they would be if u lived only on points of equal σ)."""
    return bool(sum(residuals) or sum(e * v for e, v in zip(residuals, xs, strict=True)))


def weighted_data(draw: Draw, difficulty: str) -> tuple[list, list, list, Number, Number]:
    """Residuals rᵢ = σᵢ² uᵢ s with u orthogonal to (1, x): then Σ rᵢ/σᵢ² = Σ xᵢ rᵢ/σᵢ² = 0, so the
    weighted fit is exactly (m, c). σ from the difficulty's set (not all equal); a bounded search
    for pulls |rᵢ|/σᵢ ≤ PULL_LIMIT and residuals for which the weights change the fit."""
    choices, scales = SIGMAS[difficulty]
    if difficulty == "easy":
        xs = even_xs(draw, 4, (r(1), r(2)))
        m, c = r(draw.nonzero(-5, 5)), r(draw.nonzero(-9, 9))
    elif difficulty == "medium":
        xs = even_xs(draw, draw.integer(5, 6), (r(1), r(2)))
        m, c = half_steps(draw, 4), half_steps(draw, 6)
    else:
        n = draw.integer(7, 8)
        xs = spread_xs(draw, n, -2, 12) if draw.integer(0, 1) else even_xs(draw, n, (r(1, 2),))
        m, c = tenths(draw, 40), tenths(draw, 80)
    best: tuple[list, list] | None = None
    for k in attempts(NICE_TRIES):
        sub = draw.fork(f"residuals{k}")
        u = orthogonal(sub, xs, sub.integer(1, 2), 1)
        scale = sub.choice(scales)
        # the pull |rᵢ|/σᵢ is σᵢ |uᵢ| s: each point takes a σ that keeps it within the limit
        allowed = [[s for s in choices if s * abs(e) * scale <= PULL_LIMIT] for e in u]
        allowed = [options or [choices[0]] for options in allowed]
        sigmas = [sub.choice(options) for options in allowed]
        residuals = [s**2 * e * scale for s, e in zip(sigmas, u, strict=True)]
        if not weights_matter(xs, residuals):  # u lives on points of equal σ: vary one of them
            for i, e in enumerate(u):
                others = [s for s in allowed[i] if s != sigmas[i]]
                if e and others:
                    sigmas[i] = others[0]
                    break
            residuals = [s**2 * e * scale for s, e in zip(sigmas, u, strict=True)]
        best = (sigmas, residuals)
        pulls = [abs(e) / s for e, s in zip(residuals, sigmas, strict=True)]
        if max(pulls) <= PULL_LIMIT and len(set(sigmas)) > 1 and weights_matter(xs, residuals):
            break
    assert best is not None
    sigmas, residuals = best
    ys = [m * v + c + e for v, e in zip(xs, residuals, strict=True)]
    return xs, ys, sigmas, m, c


@topic(
    "weighted-line-fit",
    6,
    "The weighted least-squares straight line",
    {
        "easy": {"steps": (87, 87), "variables": (2, 2)},
        "medium": {"steps": (88, 89), "variables": (2, 2)},
        "hard": {"steps": (90, 91), "variables": (2, 2)},
    },
)
def weighted_line_fit_problem(draw: Draw, difficulty: str) -> Draft:
    xs, ys, sigmas, m, c = weighted_data(draw, difficulty)
    solution = line_fit(xs, ys, sigmas)
    math = {
        "xys": XYS,
        "sigma": SIGMA,
        "points": points_of(xs, ys, sigmas),
        "chi2": CHI2,
        "term": ((YI - F(XI)) / SI) ** 2,
    }
    return draft(
        WEIGHTED_PROMPT,
        math,
        "expr",
        solution,
        (M * x + C,),
        2,
        variables=("x",),
        chosen=sp.Tuple(m, c),
        points=len(xs),
    )


# -- 4. gradient-descent steps of a fit --------------------------------------------------------

DESCENT_PROMPT = (
    "Fit the model {model} to the data points {xy}: {points} by gradient descent on {chi2} = the"
    " sum over the points of {term} (take {sigma_one} at every point). Start from {start} and"
    " use the learning rate {eta} = {rate}: take {count}, where a step subtracts {eta} times the"
    " gradient of {chi2} with respect to a and b from (a, b). Give (a, b) after the last"
    " step{precision}."
)
RATES = (r(1, 10), r(1, 20), r(1, 50), r(1, 100), r(1, 200), r(1, 500), r(1, 1000))
SHORT = 6  # exact iterates with at most this many decimals are asked for exactly
ITERATIONS = {"easy": 1, "medium": 2, "hard": 3}
POINTS = {"easy": 3, "medium": 4, "hard": 5}


def descent_setup(draw: Draw, difficulty: str) -> tuple[str, sp.Expr, list, list, tuple, sp.Expr]:
    """(form, model, xs, ys, start, trace of the Gauss-Newton Hessian 2 JᵀJ at the start)."""
    n = POINTS[difficulty]
    forms = ["line", "quadratic", "exponential"]
    form = draw.choice(forms)
    if form == "line":
        first = draw.integer(-2, 1)
        xs = [r(first + k) for k in range(n)]
        a, b = half_steps(draw, 3), r(draw.nonzero(-6, 6))
        model, slopes = A * x + B, [x, sp.Integer(1)]
    elif form == "quadratic":  # x from −2 to 2 (whole or half steps): small x⁴, usable rates
        if draw.integer(0, 1):
            first = draw.integer(-2, 3 - n)
            xs = [r(first + k) for k in range(n)]
        else:
            first = draw.integer(-4, 5 - n)
            xs = [r(first + k, 2) for k in range(n)]
        a, b = half_steps(draw, 2), r(draw.nonzero(-5, 5))
        model, slopes = A * x**2 + B, [x**2, sp.Integer(1)]
    else:
        xs = [r(k, 2) for k in range(n)] if draw.integer(0, 1) else [r(k - 1) for k in range(n)]
        a = r(draw.integer(1, 6), 2)
        b = draw.choice([r(1, 2), r(-1, 2), r(3, 10), r(-3, 10), r(1, 5), r(-1, 5)])
        model = A * sp.exp(B * x)
        slopes = [sp.exp(B * x), A * x * sp.exp(B * x)]
    truth = {A: a, B: b}
    ys = [rounded(model.subs(truth).subs(x, v)) + tenths(draw, 3, allow_zero=True) for v in xs]
    if form == "exponential":
        b0 = r(0) if difficulty == "easy" else b + draw.choice([r(-1, 5), r(-1, 10), r(1, 10)])
        a0 = a + draw.choice([r(-1), r(-1, 2), r(1, 2), r(1)])
        start = (a0 if a0 else a + 1, b0)
    else:
        start = (a + draw.nonzero(-2, 2), b + draw.nonzero(-3, 3))
    at = {A: start[0], B: start[1]}
    trace = 2 * sp.Add(*(s.subs(at).subs(x, v) ** 2 for s in slopes for v in xs))
    return form, model, xs, ys, start, trace


def decimals(value: sp.Rational) -> int:
    """The decimal places of a rational's expansion (large when it does not terminate)."""
    q, places = int(value.q), 0
    while q % 10 == 0 or q % 2 == 0 or q % 5 == 0:
        if q % 10 == 0:
            q //= 10
        elif q % 2 == 0:
            q //= 2
        else:
            q //= 5
        places += 1
    return places if q == 1 else 99


def falling(solution: Step) -> bool:
    """Every step lowered χ² and no value is 0 in the answer."""
    rows = solution.children[3].children
    chis = [row.details["chi2"] for row in rows] + [solution.details["final_chi2"]]
    return (
        solution.details["outcome"] == "steps_done"
        and all(later < earlier for earlier, later in zip(chis, chis[1:], strict=False))
        and all(v != 0 for v in solution.result)
    )


@topic(
    "fit-gradient-step",
    6,
    "Gradient-descent steps of a fit",
    {
        "easy": {"steps": (46, 49), "variables": (2, 2)},
        "medium": {"steps": (50, 53), "variables": (2, 2)},
        "hard": {"steps": (54, 57), "variables": (2, 2)},
    },
)
def fit_gradient_step_problem(draw: Draw, difficulty: str) -> Draft:
    count = ITERATIONS[difficulty]
    solution: Step | None = None
    for k in attempts(NICE_TRIES):
        sub = draw.fork(f"try{k}")
        form, model, xs, ys, start, trace = descent_setup(sub, difficulty)
        allowed = [rate for rate in RATES if rate * trace <= 1]
        rate = sub.choice(allowed[:2]) if allowed else RATES[-1]
        solution = gradient_descent_fit(xs, ys, model, (A, B), start, rate, count, variable=x)
        if falling(solution):
            break
    assert solution is not None
    exact = all(isinstance(v, sp.Rational) and decimals(v) <= SHORT for v in solution.result)
    precision = " (exact values)" if exact else ", each to 4 decimal places"
    math = {
        "model": sp.Eq(F(x), model),
        "xy": XY,
        "points": points_of(xs, ys),
        "chi2": CHI2,
        "term": (YI - F(XI)) ** 2,
        "sigma_one": sp.Eq(SI, 1),
        "start": [sp.Eq(A, shown(start[0])), sp.Eq(B, shown(start[1]))],
        "eta": ETA,
        "rate": shown(rate),
    }
    prompt = DESCENT_PROMPT.replace("{count}", words(count)).replace("{precision}", precision)
    return draft(
        prompt,
        math,
        "vector",
        solution,
        (model,),
        2,
        abs_tol=None if exact else 5e-5,
        form=form,
        iterations=count,
        points=len(xs),
        rate=rate,
    )
