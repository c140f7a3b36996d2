"""Week-6 generators (problem_bank.week06_regression): the nice-number constructions hold.

Checked against plain Fraction arithmetic on the data as the statement shows them (the decimals
read back), never against the solvers' own trees: χ² is Σ ((y − f(x))/σ)²; the least-squares
line of a `round` problem is exactly the chosen (m, c) (the residuals are orthogonal to 1 and x,
weighted by 1/σ² when there are uncertainties) and a `noisy` one is not; the gradient-descent
answer is the iterate of p ← p − η ∇χ² after the stated number of steps, every step lowering χ².
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

import problem_bank
from problem_bank.draw import Draw
from problem_bank.registry import REGISTRY, generate
from problem_bank.week06_regression import (
    ITERATIONS,
    PULL_LIMIT,
    SHORT,
    decimals,
    orthogonal,
    r,
    shown,
    spread_xs,
)
from tutor.problem import math_text

TOPICS = ("chi-squared", "line-fit", "weighted-line-fit", "fit-gradient-step")
DIFFICULTIES = ("easy", "medium", "hard")
SEEDS = range(40)
x, a, b = (sp.Symbol(name, real=True) for name in "xab")


def exact(value) -> Fraction:
    """A shown value (an Integer or a Float with its own digits) read back exactly."""
    return Fraction(str(value))


def data(problem):
    columns = list(zip(*problem.math["points"], strict=True))
    return [[exact(v) for v in column] for column in columns]


def plain_line(xs, ys, sigmas=None):
    """(m, c) by the (weighted) normal equations in Fractions."""
    w = [Fraction(1)] * len(xs) if sigmas is None else [1 / s**2 for s in sigmas]
    s = sum(w)
    sx = sum(wi * xi for wi, xi in zip(w, xs, strict=True))
    sy = sum(wi * yi for wi, yi in zip(w, ys, strict=True))
    sxx = sum(wi * xi * xi for wi, xi in zip(w, xs, strict=True))
    sxy = sum(wi * xi * yi for wi, xi, yi in zip(w, xs, ys, strict=True))
    delta = s * sxx - sx**2
    return (s * sxy - sx * sy) / delta, (sxx * sy - sx * sxy) / delta


def rational(value: Fraction) -> sp.Rational:
    return sp.Rational(value.numerator, value.denominator)


def test_the_week_is_registered():
    keys = {t.key for t in problem_bank.topics() if t.week == 6}
    assert set(TOPICS) <= keys


@pytest.mark.parametrize("topic", TOPICS)
def test_the_bands_separate_the_difficulties_by_steps(topic):
    bands = REGISTRY[topic].bands
    ranges = [bands[d]["steps"] for d in DIFFICULTIES]
    assert ranges[0][1] < ranges[1][0] and ranges[1][1] < ranges[2][0]


def test_shown_values_are_the_exact_decimals():
    for value, text in [(r(47, 20), "2.35"), (r(-1, 8), "−0.125"), (r(3), "3"), (r(1, 20), "0.05")]:
        assert math_text(shown(value)) == text
        assert exact(shown(value)) == Fraction(int(value.p), int(value.q))


def test_orthogonal_residuals_are_orthogonal_to_one_and_x():
    for seed in range(50):
        draw = Draw("test-w6", seed)
        xs = spread_xs(draw, 7, -3, 12) if seed % 2 else [r(k, 2) for k in range(-2, 5)]
        u = orthogonal(draw, xs, 1 + seed % 3, 2)
        assert any(u)
        assert sum(u) == 0 and sum(ui * xi for ui, xi in zip(u, xs, strict=True)) == 0


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_chi_squared_is_the_sum_of_the_squared_pulls(difficulty):
    for seed in SEEDS:
        problem = generate("chi-squared", seed, difficulty)
        xs, ys = data(problem)
        values = {eq.lhs: rational(exact(eq.rhs)) for eq in problem.math["values"]}
        model = problem.math["model"].rhs.subs(values)
        sigmas = [exact(s) for s in problem.math.get("sigmas", [1] * len(xs))]
        total = sum(
            ((rational(y) - model.subs(x, rational(xv))) / rational(s)) ** 2
            for xv, y, s in zip(xs, ys, sigmas, strict=True)
        )
        assert abs(float(total) - float(problem.answer.value)) < 1e-9 * (1 + float(total))
        assert problem.answer.value != 0
        if problem.meta["form"] == "exponential":
            assert problem.answer.abs_tol == 5e-4 and "3 decimal places" in problem.statement
        else:  # exact decimals in, the exact value out
            assert problem.answer.value == total and problem.answer.abs_tol is None
            assert decimals(problem.answer.value) <= 8
        assert (
            problem.meta["points"] in {"easy": (4,), "medium": (5, 6), "hard": (7, 8)}[difficulty]
        )
        assert bool(problem.meta["weighted"]) == (difficulty == "hard")


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_line_fit_is_the_chosen_round_line(difficulty):
    noisy = 0
    for seed in SEEDS:
        problem = generate("line-fit", seed, difficulty)
        xs, ys = data(problem)
        m, c = plain_line(xs, ys)
        assert problem.answer.value == rational(m) * x + rational(c)
        chosen = tuple(problem.meta["chosen"])
        if problem.meta["variant"] == "noisy":
            noisy += 1
            assert difficulty == "hard" and (rational(m), rational(c)) != chosen
        else:
            assert (rational(m), rational(c)) == chosen
            step = {"easy": 1, "medium": Fraction(1, 2), "hard": Fraction(1, 10)}[difficulty]
            assert m % step == 0 and c % step == 0
        residuals = [y - m * xv - c for xv, y in zip(xs, ys, strict=True)]
        assert any(residuals)  # the points scatter about the line
        if difficulty == "easy":
            assert all(v.denominator == 1 for v in (*xs, *ys, m, c))
    assert (noisy > 0) == (difficulty == "hard")


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_weighted_line_fit_is_the_chosen_line(difficulty):
    within = 0
    for seed in SEEDS:
        problem = generate("weighted-line-fit", seed, difficulty)
        xs, ys, sigmas = data(problem)
        assert len(set(sigmas)) > 1  # the weights matter
        m, c = plain_line(xs, ys, sigmas)
        assert (rational(m), rational(c)) == tuple(problem.meta["chosen"])
        assert problem.answer.value == rational(m) * x + rational(c)
        assert (m, c) != plain_line(xs, ys) or len(set(ys)) == 1  # unweighted would differ
        pulls = [abs(y - m * xv - c) / s for xv, y, s in zip(xs, ys, sigmas, strict=True)]
        assert any(pulls)
        within += max(pulls) <= PULL_LIMIT
    assert within >= 0.9 * len(SEEDS)


def plain_descent(model, xs, ys, start, rate, steps):
    """Gradient descent on Σ (y − f)² in Fractions (exact models only), with χ² per step."""
    f = sp.Lambda((x, a, b), model)
    da, db = (sp.Lambda((x, a, b), sp.diff(model, p)) for p in (a, b))
    p, chis = [rational(v) for v in start], []
    for _ in range(steps + 1):
        residuals = [rational(y) - f(rational(xv), *p) for xv, y in zip(xs, ys, strict=True)]
        chis.append(sum(e**2 for e in residuals))
        if len(chis) > steps:
            break
        g = [
            sum(-2 * e * d(rational(xv), *p) for e, xv in zip(residuals, xs, strict=True))
            for d in (da, db)
        ]
        p = [v - rational(rate) * gv for v, gv in zip(p, g, strict=True)]
    return tuple(p), chis


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_gradient_steps_lower_chi_squared_and_say_their_precision(difficulty):
    for seed in SEEDS:
        problem = generate("fit-gradient-step", seed, difficulty)
        count = ITERATIONS[difficulty]
        assert problem.meta["iterations"] == count
        assert {"easy": "one step", "medium": "two steps", "hard": "three steps"}[
            difficulty
        ] in problem.statement
        xs, ys = data(problem)
        model = problem.math["model"].rhs
        start = [exact(eq.rhs) for eq in problem.math["start"]]
        rate = exact(problem.math["rate"])
        assert rational(rate) == problem.meta["rate"]
        value = problem.answer.value
        if problem.meta["form"] != "exponential" or difficulty == "easy":
            expected, chis = plain_descent(model, xs, ys, start, rate, count)
            for got, want in zip(value, expected, strict=True):  # floats once not small
                assert got == want if isinstance(got, sp.Rational) else abs(got - want) < 1e-20
            assert all(later < earlier for earlier, later in zip(chis, chis[1:], strict=False))
        short = all(isinstance(v, sp.Rational) and decimals(v) <= SHORT for v in value)
        if short:
            assert problem.answer.abs_tol is None and "(exact values)" in problem.statement
        else:
            assert problem.answer.abs_tol == 5e-5 and "4 decimal places" in problem.statement
        if difficulty == "easy":  # one step from exact values: exact (e^(0·x) = 1 at the start)
            assert short


def test_decimals_counts_places_and_flags_repeating_expansions():
    assert [decimals(v) for v in (r(3), r(1, 2), r(1, 40), r(3, 50), r(1, 3))] == [0, 1, 3, 2, 99]
