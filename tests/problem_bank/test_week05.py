"""Week-5 generators (problem_bank.week05_optimisation, .week05_extrema): the nice-number
properties each construction promises, checked independently of the solvers (plain fractions,
sympy.diff, sympy.solve, numpy eigenvalues):

- Newton-Raphson: the easy x₂ is an exact fraction with a small denominator, equal to a plain
  fraction loop; the float runs are started next to a root and converge to it (a longer run of
  the same solver lands within 1e-3 of x_n, and f is ~0 there); the tolerance is the one the
  statement asks for.
- Gradient descent: the rate is below the stable bound 2/λ_max, every coordinate is a terminating
  decimal, the iterates agree with a plain fraction loop and f falls along them.
- Stationary points: whole-number points where sympy's gradient is 0, each with a non-singular
  Hessian; one point (easy), two with a saddle and an extremum (medium), three or more points or
  three variables (hard).
- Lagrange: whole-number candidates that meet the constraints and where ∇f is a combination of
  the constraint gradients; the one-point and four-point forms as constructed.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import problem_bank
from problem_bank.registry import generate
from tutor import check
from tutor.solvers.newton import newton_raphson

SEEDS = range(8)
DIFFICULTIES = ("easy", "medium", "hard")
x = sp.Symbol("x", real=True)


def _function(problem) -> sp.Expr:
    return problem.math["f"].rhs


def _symbols(problem) -> list[sp.Symbol]:
    return [sp.Symbol(name, real=True) for name in problem.answer.variables]


def test_the_week_five_topics_are_registered():
    keys = {t.key for t in problem_bank.topics() if t.week == 5}
    assert {
        "newton-raphson",
        "gradient-descent",
        "stationary-points",
        "lagrange-multipliers",
    } <= keys


# -- Newton-Raphson -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_newton_easy_is_two_exact_steps_on_a_quadratic(seed):
    problem = generate("newton-raphson", seed, "easy")
    f, x0 = _function(problem), problem.math["start"].rhs
    k, b, c = (int(v) for v in sp.Poly(f, x).all_coeffs())
    value = Fraction(int(x0))
    for _ in range(2):
        value -= (k * value**2 + b * value + c) / (2 * k * value + b)
    answer = problem.answer.value
    assert isinstance(answer, sp.Rational) and answer == sp.Rational(
        value.numerator, value.denominator
    )
    assert answer.q <= 2000 and problem.answer.abs_tol is None
    roots = [float(r) for r in sp.Poly(f, x).nroots()]
    assert not any(abs(r - round(r)) < 1e-12 for r in roots)  # irrational roots
    assert min(abs(float(answer) - r) for r in roots) < min(abs(float(x0) - r) for r in roots)
    assert "x₂ exactly" in problem.statement


@pytest.mark.parametrize("difficulty", ["medium", "hard"])
@pytest.mark.parametrize("seed", SEEDS)
def test_newton_runs_converge_to_the_root_next_to_the_start(seed, difficulty):
    problem = generate("newton-raphson", seed, difficulty)
    f, x0 = _function(problem), problem.math["start"].rhs
    steps = problem.meta["steps"]
    assert problem.solution.details["outcome"] == "steps_done"
    assert problem.answer.abs_tol == 5e-7 and "to 6 decimal places" in problem.statement
    longer = newton_raphson(f, x, x0, tolerance=sp.Rational(1, 10**12))
    assert longer.details["outcome"] == "converged"
    root = float(longer.result)
    assert abs(root - float(problem.answer.value)) < 1e-3
    assert abs(root - float(x0)) <= 1  # it stayed by the sign change it started next to
    assert abs(float(f.subs(x, root))) < 1e-9
    assert f"x{'₀₁₂₃₄₅₆'[steps]}" in problem.statement
    rounded = f"{float(problem.answer.value):.6f}"
    assert check(problem.answer.value, rounded, **problem.answer.check_options()).correct
    off = f"{float(problem.answer.value) + 2e-6:.6f}"
    assert not check(problem.answer.value, off, **problem.answer.check_options()).correct


def test_newton_difficulties_differ_in_what_they_measure():
    easy = generate("newton-raphson", 3, "easy").features
    medium = generate("newton-raphson", 3, "medium").features
    hard = generate("newton-raphson", 3, "hard").features
    assert easy["steps"] < medium["steps"]
    assert medium["depth"] == 0 < hard["depth"]


# -- gradient descent ---------------------------------------------------------------------------


def _terminating(value: sp.Rational) -> bool:
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    return q == 1


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_descent_is_stable_and_lands_on_short_decimals(seed, difficulty):
    problem = generate("gradient-descent", seed, difficulty)
    f, variables = _function(problem), _symbols(problem)
    rate = problem.meta["rate"]
    assert sp.Rational(str(problem.math["eta"].rhs)) == rate
    H = np.array(sp.hessian(f, variables).tolist(), dtype=float)
    eigenvalues = np.linalg.eigvalsh(H)
    assert eigenvalues.min() > 0 and float(rate) * eigenvalues.max() < 2
    point = [Fraction(int(c)) for c in problem.meta["start"]]
    gradient = [sp.lambdify(variables, sp.diff(f, v)) for v in variables]
    values = [f.subs(dict(zip(variables, point, strict=True)))]
    step = Fraction(int(rate.p), int(rate.q))
    for _ in range(problem.meta["steps"]):
        slope = [Fraction(g(*point)) for g in gradient]
        point = [p - step * s for p, s in zip(point, slope, strict=True)]
        values.append(f.subs(dict(zip(variables, point, strict=True))))
    answer = list(problem.answer.value)
    assert answer == [sp.Rational(p.numerator, p.denominator) for p in point]
    assert all(_terminating(c) for c in answer)
    assert all(b < a for a, b in zip(values, values[1:], strict=False))
    decimals = "(" + ", ".join(str(float(c)) for c in answer) + ")"
    assert check(problem.answer.value, decimals, **problem.answer.check_options()).correct


def test_descent_difficulties():
    for seed in SEEDS:
        assert generate("gradient-descent", seed, "easy").features["variables"] <= 2
        medium = generate("gradient-descent", seed, "medium")
        assert medium.features["variables"] == 2
        assert any(t.has(sp.Symbol("x", real=True) * sp.Symbol("y", real=True))
                   for t in sp.Add.make_args(_function(medium)))  # fmt: skip


# -- stationary points --------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("seed", range(5))
def test_stationary_points_are_whole_and_non_degenerate(seed, difficulty):
    problem = generate("stationary-points", seed, difficulty)
    f, variables = _function(problem), _symbols(problem)
    points = list(problem.answer.value)
    expected = sp.solve([sp.diff(f, v) for v in variables], variables, dict=True)
    real = {
        tuple(s[v] for v in variables) for s in expected if all(s[v].is_real for v in variables)
    }
    assert {tuple(p) for p in points} == real
    H = sp.hessian(f, variables)
    kinds = problem.meta["classifications"]
    assert len(kinds) == len(points)
    for point, kind in zip(points, kinds, strict=True):
        assert all(c.is_Integer for c in point)
        at = dict(zip(variables, point, strict=True))
        eigenvalues = np.linalg.eigvalsh(np.array(H.subs(at).tolist(), dtype=float))
        assert np.all(np.abs(eigenvalues) > 1e-9)
        expected_kind = (
            "minimum" if eigenvalues.min() > 0 else "maximum" if eigenvalues.max() < 0 else "saddle"
        )
        assert kind == expected_kind
    if difficulty == "easy":
        assert len(points) == 1
    elif difficulty == "medium":
        assert len(points) == 2 and "saddle" in kinds and set(kinds) != {"saddle"}
    else:
        assert len(points) >= 3 or len(variables) == 3


# -- Lagrange multipliers -----------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("seed", range(5))
def test_lagrange_candidates_are_whole_and_critical(seed, difficulty):
    problem = generate("lagrange-multipliers", seed, difficulty)
    f, variables = _function(problem), _symbols(problem)
    constraints = [problem.math[k] for k in ("g", "h") if k in problem.math]
    gs = [c.lhs - c.rhs for c in constraints]
    points = list(problem.answer.value)
    assert points and len(points) in (1, 2, 4)
    for point in points:
        assert all(c.is_Integer for c in point)
        at = dict(zip(variables, point, strict=True))
        assert all(g.subs(at) == 0 for g in gs)
        rows = [[sp.diff(e, v).subs(at) for v in variables] for e in (f, *gs)]
        assert sp.Matrix(rows).rank() == len(gs)  # ∇f is a combination of the ∇g
    assert len(variables) == (3 if difficulty == "hard" else 2)
    if difficulty == "medium":
        assert len(points) == 4


def test_a_set_of_points_is_accepted_in_any_order():
    problem = generate("lagrange-multipliers", 1, "medium")
    points = list(problem.answer.value)[::-1]
    typed = ", ".join("(" + ", ".join(str(c) for c in p) + ")" for p in points)
    assert check(problem.answer.value, typed, **problem.answer.check_options()).correct
    fewer = ", ".join("(" + ", ".join(str(c) for c in p) + ")" for p in points[1:])
    assert not check(problem.answer.value, fewer, **problem.answer.check_options()).correct
