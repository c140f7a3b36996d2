"""Week-4 generators (problem_bank.week04_taylor) against independent computations (sympy.series,
sympy.diff, plain fractions, numpy sampling), and the nice-number properties each construction
promises:

- maclaurin: the answer is sympy.series(f, x, 0, n + 1) without O; easy is a sum of two standard
  series to order 3, medium a product or composition to order 3-4, hard to order 4-5;
  coefficients are small fractions.
- taylor-about-a: the answer is sympy's series about a ≠ 0; the derivative values at the centre
  are exact (rationals, surds, e^a, never floats).
- linearisation: L(x) = f(a) + f'(a)(x − a) from sympy.diff (easy); the estimate L(x₁) is an
  exact non-integer fraction and x₁ is printed as its terminating decimal (medium); the bound
  is max |f''| on [a, x₁] · (x₁ − a)²/2, sampled with numpy, it is rational and it holds for the
  actual error |f(x₁) − L(x₁)| (hard).
- taylor-two-variables: the answer is the series in t of f(a + t h, b + t k) to order 2; easy
  and medium about (0, 0), hard about another point.
- The checker: an unexpanded equivalent answer is accepted, the answer without the 1/k! factors
  is refused and named (the Taylor context reaches the mistake models).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import problem_bank
from problem_bank.registry import generate
from tutor import check
from tutor.problem import math_text

SEEDS = range(6)
DIFFICULTIES = ("easy", "medium", "hard")
TOPICS = ("maclaurin", "taylor-about-a", "linearisation", "taylor-two-variables")
x, y = sp.symbols("x y", real=True)


def same(a: sp.Basic, b: sp.Basic) -> bool:
    difference = sp.expand(a - b)
    return difference == 0 or sp.simplify(difference) == 0


def function_of(problem) -> sp.Expr:
    return problem.math["f"].rhs


def order_of(problem) -> int:
    return int(problem.statement.split("order ")[1].split()[0])


def coefficients(value: sp.Basic, variables, centre=None) -> list[sp.Basic]:
    shift = dict(zip(variables, centre, strict=True)) if centre else {}
    moved = value.xreplace({v: v + c for v, c in shift.items()})
    return sp.Poly(sp.expand(moved), *variables).coeffs()


def test_the_week_four_topics_are_registered():
    week4 = {t.key: t for t in problem_bank.topics() if t.week == 4}
    assert set(TOPICS) <= set(week4)
    for key in TOPICS:
        assert week4[key].difficulties == DIFFICULTIES


# -- maclaurin ---------------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_maclaurin_is_the_series(difficulty):
    orders = {"easy": {3}, "medium": {3, 4}, "hard": {4, 5}}[difficulty]
    for seed in SEEDS:
        problem = generate("maclaurin", seed, difficulty)
        f, n = function_of(problem), order_of(problem)
        assert n in orders and problem.meta["order"] == n
        assert same(problem.answer.value, sp.series(f, x, 0, n + 1).removeO())
        assert problem.answer.kind == "expr" and problem.answer.variables == ("x",)
        terms = coefficients(problem.answer.value, (x,))
        assert len(terms) >= 2 and all(isinstance(c, sp.Rational) for c in terms)
        assert all(abs(c.p) <= 1000 and c.q <= 1024 for c in terms)
        assert len(sp.Add.make_args(f)) == (2 if difficulty == "easy" else 1)


# -- Taylor about a ≠ 0 --------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_taylor_about_a_is_the_series(difficulty):
    for seed in SEEDS:
        problem = generate("taylor-about-a", seed, difficulty)
        f, n, a = function_of(problem), order_of(problem), problem.math["a"].rhs
        assert (
            a != 0
            and a == problem.meta["about"]
            and f"about x = {math_text(a)}" in (problem.statement)
        )
        assert same(problem.answer.value, sp.series(f, x, a, n + 1).removeO())
        values = problem.solution.children[1].result
        assert not any(v.has(sp.Float) for v in values)
        assert all(sp.simplify(v - sp.diff(f, x, k).subs(x, a)) == 0 for k, v in enumerate(values))


def test_taylor_about_a_has_surd_centres():
    found = []
    for seed in range(40):
        problem = generate("taylor-about-a", seed, "medium")
        if problem.math["a"].rhs.has(sp.pi):
            found.append(problem)
    assert found
    for problem in found:
        assert not problem.answer.value.has(sp.Float)
        assert problem.answer.value.has(sp.pi)


# -- linearisation -------------------------------------------------------------------------------


def tangent(f: sp.Expr, a: sp.Basic) -> sp.Expr:
    return f.subs(x, a) + sp.diff(f, x).subs(x, a) * (x - a)


def test_linearisation_is_the_tangent_line():
    for seed in range(10):
        problem = generate("linearisation", seed, "easy")
        f, a = function_of(problem), problem.math["a"].rhs
        assert problem.answer.kind == "expr"
        assert same(problem.answer.value, tangent(f, a))
        assert sp.diff(f, x).subs(x, a) != 0


def test_the_estimate_is_an_exact_fraction():
    for seed in range(10):
        problem = generate("linearisation", seed, "medium")
        f, a = function_of(problem), problem.math["a"].rhs
        x1 = problem.meta["point"]
        shown = problem.math["x1"]
        assert Fraction(str(shown)) == Fraction(x1.p, x1.q)  # 4.1 printed for 41/10
        value = problem.answer.value
        assert problem.answer.kind == "number" and isinstance(value, sp.Rational)
        assert not value.is_integer and value.q <= 1024
        assert value == tangent(f, a).subs(x, x1)
        assert check(value, str(sp.N(value, 20)), kind="number").correct


def test_the_bound_holds_and_is_rational():
    for seed in range(10):
        problem = generate("linearisation", seed, "hard")
        f, a = function_of(problem), problem.math["a"].rhs
        x1 = problem.meta["point"]
        bound = problem.answer.value
        assert isinstance(bound, sp.Rational) and bound > 0
        second = sp.lambdify(x, sp.diff(f, x, 2), "numpy")
        t = np.linspace(float(min(a, x1)), float(max(a, x1)), 2001)
        largest = float(np.max(np.abs(second(t) * np.ones_like(t))))
        expected = largest * float(x1 - a) ** 2 / 2
        assert abs(float(bound) - expected) <= 1e-9 * max(1.0, expected)
        actual = abs(float(sp.N(f.subs(x, x1) - tangent(f, a).subs(x, x1), 30)))
        assert actual <= float(bound) * (1 + 1e-12)


def test_estimate_points_lie_close_to_the_centre():
    for difficulty in ("medium", "hard"):
        for seed in range(10):
            problem = generate("linearisation", seed, difficulty)
            step = abs(problem.meta["point"] - problem.math["a"].rhs)
            assert 0 < step <= sp.Rational(1, 2)
            assert f"f({math_text(problem.math['x1'])})" in problem.statement


# -- two variables -------------------------------------------------------------------------------


def two_reference(f: sp.Expr, point) -> sp.Expr:
    t, h, k = sp.symbols("t h k")
    a, b = point
    moved = f.subs({x: a + t * h, y: b + t * k}, simultaneous=True)
    series = sp.series(moved, t, 0, 3).removeO().subs(t, 1)
    return sp.expand(series.subs({h: x - a, k: y - b}, simultaneous=True))


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_two_variables_is_the_series(difficulty):
    for seed in SEEDS:
        problem = generate("taylor-two-variables", seed, difficulty)
        f, point = function_of(problem), tuple(problem.math["p"])
        assert problem.answer.variables == ("x", "y") and problem.features["variables"] == 2
        assert same(problem.answer.value, two_reference(f, point))
        at_origin = point == (0, 0)
        assert at_origin == (difficulty != "hard")
        if not problem.answer.value.has(sp.pi):
            terms = coefficients(problem.answer.value, (x, y))
            assert len(terms) >= 2 and all(isinstance(c, sp.Rational) for c in terms)


# -- the checker with these answers --------------------------------------------------------------


def test_an_unexpanded_equivalent_answer_is_accepted():
    problem = generate("taylor-about-a", 3, "easy")
    f, n, a = function_of(problem), order_of(problem), problem.math["a"].rhs
    written = " + ".join(
        f"({math_text(sp.diff(f, x, k).subs(x, a) / sp.factorial(k))})*(x - ({math_text(a)}))^{k}"
        for k in range(n + 1)
    )
    verdict = check(problem.answer.value, written, **problem.answer.check_options())
    assert verdict.correct, (written, verdict.feedback)


def test_missing_factorials_are_named():
    for seed in range(10):
        problem = generate("maclaurin", seed, "medium")
        f, n = function_of(problem), order_of(problem)
        wrong = sp.Add(*(sp.diff(f, x, k).subs(x, 0) * x**k for k in range(n + 1)))
        if same(wrong, problem.answer.value):
            continue
        verdict = check(problem.answer.value, math_text(wrong), **problem.answer.check_options())
        assert not verdict.correct and verdict.mistake == "missing_factorial", verdict
        return
    pytest.fail("no medium Maclaurin problem whose factorials matter")


@pytest.mark.parametrize("topic", TOPICS)
def test_the_answer_is_the_solution_root_result(topic):
    for difficulty in DIFFICULTIES:
        problem = generate(topic, 1, difficulty)
        assert problem.answer.value == problem.solution.result
        assert problem.solution.rule in {
            "taylor_polynomial",
            "linearisation",
            "at_point",
            "truncation_error",
            "taylor_two_variables",
        }
