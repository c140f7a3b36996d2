"""Week-2 generators (problem_bank.week02_multivariate): the nice-number constructions hold.

Checked against sympy's own calculus on the function as the statement shows it (sympy.diff,
Matrix.jacobian, sympy.hessian), never against the solvers' trees: gradients at the point are
small fractions (whole numbers for polynomials), directional derivatives are ∇f·v/|v| with |v|
whole, Jacobians at the point have small whole entries and (square) a small non-zero
determinant, Hessians at the point have whole entries, and the mixed partial is ∂/∂b [∂f/∂a] in
the order the statement says.
"""

from __future__ import annotations

import pytest
import sympy as sp

import problem_bank
from problem_bank.features import outside
from problem_bank.registry import REGISTRY, generate
from problem_bank.week02_multivariate import ANSWER_NODES, LARGEST_DETERMINANT

TOPICS = (
    "partial-derivatives",
    "mixed-partials",
    "gradient",
    "directional-derivative",
    "jacobian",
    "hessian",
)
DIFFICULTIES = ("easy", "medium", "hard")
SEEDS = range(12)
CASES = [(d, seed) for d in DIFFICULTIES for seed in SEEDS]
SAMPLES = (
    (0.31, 0.73, 1.17),
    (1.43, -0.57, 0.29),
    (-0.83, 1.61, -1.07),
    (3.7, -2.9, 2.3),
    (-3.3, -3.1, -2.7),
    (4.1, 0.37, -3.9),
)


def function_of(problem, slot: str = "f"):
    """(the function as stated, its variables in order) from `f(x, y) = ...`."""
    definition = problem.math[slot]
    return definition.rhs, tuple(definition.lhs.args)


def point_of(problem, variables) -> dict:
    return dict(zip(variables, problem.math["p"], strict=True))


def agree(a: sp.Expr, b: sp.Expr, variables) -> bool:
    """Equal as functions: at fixed sample points (where both are defined), to 1e-9."""
    checked = 0
    for sample in SAMPLES:
        at = dict(zip(variables, sample, strict=False))
        left, right = sp.N(a.subs(at), 20), sp.N(b.subs(at), 20)
        if not (left.is_real and right.is_real):
            continue
        assert abs(left - right) <= 1e-9 * max(1, abs(right)), (a, b, at)
        checked += 1
    return checked > 0


def nodes(expr: sp.Basic) -> int:
    return sum(1 for _ in sp.preorder_traversal(expr))


def test_the_week_is_registered():
    keys = {t.key for t in problem_bank.topics() if t.week == 2}
    assert set(TOPICS) <= keys
    for key in TOPICS:
        assert REGISTRY[key].difficulties == DIFFICULTIES


@pytest.mark.parametrize("topic", TOPICS)
def test_the_bands_separate_every_pair_of_difficulties(topic):
    """For each pair of difficulties some feature's ranges do not overlap."""
    bands = REGISTRY[topic].bands
    for i, first in enumerate(DIFFICULTIES):
        for second in DIFFICULTIES[i + 1 :]:
            shared = set(bands[first]) & set(bands[second])
            assert any(
                bands[first][name][1] < bands[second][name][0]
                or bands[second][name][1] < bands[first][name][0]
                for name in shared
            ), (topic, first, second)


@pytest.mark.parametrize("difficulty,seed", CASES)
def test_partial_derivatives_are_sympys(difficulty, seed):
    problem = generate("partial-derivatives", seed, difficulty)
    f, variables = function_of(problem)
    var = problem.math["x"]
    assert len(variables) in ((2,) if difficulty == "easy" else (2, 3))
    assert agree(problem.answer.value, sp.diff(f, var), variables)
    assert problem.answer.value != 0 and problem.answer.kind == "expr"
    assert nodes(problem.answer.value) <= ANSWER_NODES
    if difficulty == "hard":  # the other variable is inside a composite with var
        assert any(
            var in node.free_symbols and len(node.free_symbols) > 1
            for node in sp.preorder_traversal(f)
            if isinstance(node, sp.Function) or (isinstance(node, sp.Pow) and node.base.is_Add)
        )


@pytest.mark.parametrize("difficulty,seed", CASES)
def test_the_mixed_partial_is_in_the_stated_order(difficulty, seed):
    problem = generate("mixed-partials", seed, difficulty)
    f, variables = function_of(problem)
    a, b = problem.math["a"], problem.math["b"]
    assert a != b
    statement = problem.statement
    assert statement.index(f"respect to {a.name} first") < statement.index(f"respect to {b.name}.")
    assert problem.solution.rule == "second_partial"
    assert problem.solution.var == b and problem.solution.details["first"] == a
    expected = sp.diff(f, a, b)
    assert expected != 0
    assert agree(problem.answer.value, expected, variables)
    assert nodes(problem.answer.value) <= ANSWER_NODES


@pytest.mark.parametrize("difficulty,seed", CASES)
def test_gradients_at_the_point_are_small_fractions(difficulty, seed):
    problem = generate("gradient", seed, difficulty)
    f, variables = function_of(problem)
    point = point_of(problem, variables)
    expected = [sp.simplify(sp.diff(f, v).subs(point)) for v in variables]
    value = list(problem.answer.value)
    assert value == expected
    assert all(isinstance(c, sp.Rational) and abs(c) <= 30 and c.q <= 6 for c in value)
    assert all(c != 0 for c in value)
    assert len(variables) == (3 if difficulty == "hard" else 2)
    if difficulty == "easy":
        assert all(c.is_Integer for c in value)


@pytest.mark.parametrize("difficulty,seed", CASES)
def test_directional_derivatives_use_a_rational_unit_vector(difficulty, seed):
    problem = generate("directional-derivative", seed, difficulty)
    f, variables = function_of(problem)
    point = point_of(problem, variables)
    v = list(problem.math["v"])
    length = sp.sqrt(sum(c**2 for c in v))
    assert length.is_Integer
    slope = sum(sp.diff(f, var).subs(point) * c for var, c in zip(variables, v, strict=True))
    expected = sp.nsimplify(sp.simplify(slope / length))
    assert problem.answer.value == expected and expected != 0
    assert isinstance(expected, sp.Rational) and problem.answer.kind == "number"
    assert problem.answer.rel_tol is None and problem.answer.abs_tol is None


@pytest.mark.parametrize("difficulty,seed", CASES)
def test_jacobians_have_small_entries_and_determinants(difficulty, seed):
    problem = generate("jacobian", seed, difficulty)
    components, variables = function_of(problem, "F")
    symbolic = sp.Matrix(list(components)).jacobian(variables)
    value = problem.answer.value
    assert value.shape == symbolic.shape
    square = value.rows == value.cols
    if "p" not in problem.math:  # the Jacobian itself
        assert all(agree(e, s, variables) for e, s in zip(value, symbolic, strict=True))
        assert not square or sp.expand(symbolic.det()) != 0
        return
    expected = symbolic.subs(point_of(problem, variables))
    assert value == expected
    assert all(e.is_Integer and abs(e) <= 12 for e in value)
    assert all(any(value.row(i)) for i in range(value.rows))
    if square:
        assert 0 < abs(value.det()) <= LARGEST_DETERMINANT[value.rows]


def test_jacobians_come_at_a_point_and_as_matrices_of_expressions():
    for difficulty in DIFFICULTIES:
        kinds = {"p" in generate("jacobian", seed, difficulty).math for seed in range(15)}
        assert kinds == {True, False}, difficulty


@pytest.mark.parametrize("difficulty,seed", CASES)
def test_hessians_at_the_point_are_whole_and_symmetric(difficulty, seed):
    problem = generate("hessian", seed, difficulty)
    f, variables = function_of(problem)
    expected = sp.hessian(f, variables).subs(point_of(problem, variables))
    value = problem.answer.value
    assert value == expected.applyfunc(sp.simplify)
    assert value == value.T
    assert all(e.is_Integer and abs(e) <= 40 for e in value)
    assert all(any(value.row(i)) for i in range(value.rows))
    assert len(variables) == (3 if difficulty == "hard" else 2)


@pytest.mark.parametrize("topic", TOPICS)
def test_every_problem_is_in_its_band_at_the_first_attempt_mostly(topic):
    """The constructions aim at the bands: few drafts need the registry's retry."""
    for difficulty in DIFFICULTIES:
        retried = 0
        for seed in range(10):
            problem = generate(topic, seed, difficulty)
            band = REGISTRY[topic].bands[difficulty]
            assert not outside(problem.features, band)
            retried += problem.meta["attempt"] > 0
        assert retried <= 5, (topic, difficulty, retried)
