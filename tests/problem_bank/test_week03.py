"""Week 3 generators (problem_bank.week03_chain) against independent computations.

- total-derivative: the answer is sympy.diff of the fully substituted f (a small rational at the
  asked t for the value questions); hard problems have three intermediates or two levels.
- chain-matrix: the answer is sympy's Jacobian of the composition (at the point: small whole
  numbers); easy is 1×2, medium 2×2 polynomial, hard has an exponential or trigonometric piece.
- backprop-neuron and backprop-two-layers: the gradient is the one the week's backward pass
  (tutor.solvers.network.backprop_numeric) computes for the same network; every entry is
  readable to the 4 significant figures asked, the checker accepts the entries rounded to 4
  significant figures and refuses them 1% off.
"""

from __future__ import annotations

import re

import pytest
import sympy as sp

from problem_bank import generate
from tutor import check
from tutor.solvers.network import backprop_numeric

SEEDS = range(8)
DIFFICULTIES = ("easy", "medium", "hard")
t = sp.Symbol("t", real=True)


def substituted(f: sp.Basic, substitutions: list[sp.Eq]) -> sp.Basic:
    table = {eq.lhs: eq.rhs for eq in substitutions}
    for _ in range(len(table) + 1):
        f = f.xreplace(table)
    assert not f.free_symbols & set(table)
    return f


def same(a: sp.Basic, b: sp.Basic) -> bool:
    return sp.simplify(sp.expand(a - b)) == 0


# -- total derivative --------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_total_derivative_is_the_derivative_of_the_composition(difficulty):
    for seed in SEEDS:
        problem = generate("total-derivative", seed, difficulty)
        composed = substituted(problem.math["f"].rhs, problem.math["subs"])
        assert composed.free_symbols == {t}
        rate = sp.diff(composed, t)
        if problem.answer.kind == "number":
            t0 = problem.math["at"].rhs
            value = problem.answer.value
            assert isinstance(value, sp.Rational) and value != 0 and abs(value) <= 200
            assert same(rate.subs(t, t0), value)
            assert "when t = " in problem.statement
        else:
            assert problem.answer.kind == "expr" and problem.answer.variables == ("t",)
            assert same(rate, problem.answer.value)
            assert "as a function of t" in problem.statement


def test_total_derivative_difficulties_differ():
    for seed in SEEDS:
        easy = generate("total-derivative", seed, "easy")
        assert len(easy.math["subs"]) == 2 and easy.features["depth"] == 0
        medium = generate("total-derivative", seed, "medium")
        assert len(medium.math["subs"]) == 2 and medium.features["depth"] >= 1
        hard = generate("total-derivative", seed, "hard")
        assert len(hard.math["subs"]) in (3, 4)
    kinds = {len(generate("total-derivative", s, "hard").math["subs"]) for s in range(20)}
    assert kinds == {3, 4}  # three intermediates, and two levels (x, y of u, v of t)


def test_value_questions_occur():
    asks = {generate("total-derivative", s, "easy").meta["asks"] for s in range(20)}
    assert asks == {"value", "expr"}


# -- chain rule in matrix form -----------------------------------------------------------------


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_matrix_form_is_the_jacobian_of_the_composition(difficulty):
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    for seed in SEEDS:
        problem = generate("chain-matrix", seed, difficulty)
        f = problem.math["f"].rhs
        f = list(f) if isinstance(f, sp.Tuple) else [f]
        g = list(problem.math["g"].rhs)
        outer = tuple(problem.math["outer"])
        h = sp.Matrix(f).xreplace({x: g[0], y: g[1]})
        reference = h.jacobian(outer)
        value = problem.answer.value
        assert value.shape == (len(f), 2)
        if problem.meta["asks"] == "point":
            point = dict(zip(outer, problem.math["at"].rhs, strict=True))
            reference = reference.xreplace(point)
            assert all(v.is_Integer and abs(v) <= 60 for v in value)
            assert "at (" in problem.statement
        else:
            assert problem.answer.variables == tuple(v.name for v in outer)
        assert all(same(a, b) for a, b in zip(reference, value, strict=True))
        shape = {"easy": (1, 2), "medium": (2, 2)}.get(difficulty)
        if shape:
            assert value.shape == shape and all(c.is_polynomial(x, y) for c in f)
        else:
            assert any(c.has(sp.exp, sp.sin, sp.cos) for c in f)


def test_matrix_form_points_and_polar_coordinates_occur():
    hard = [generate("chain-matrix", s, "hard") for s in range(24)]
    assert {p.meta["asks"] for p in hard} == {"point", "symbolic"}
    assert any("θ" in p.statement for p in hard)


# -- the neuron and the network ----------------------------------------------------------------


def values_of(problem) -> dict[str, sp.Basic]:
    """Every number the statement gives, by symbol name: the data and the point."""
    named: dict[str, sp.Basic] = {}
    for eq in problem.math["data"]:
        lhs, rhs = eq.lhs, eq.rhs
        pairs = zip(lhs, rhs, strict=True) if isinstance(lhs, sp.Tuple) else [(lhs, rhs)]
        named.update({s.name: v for s, v in pairs})
    point = problem.math["point"]
    named.update({s.name: v for s, v in zip(point.lhs, point.rhs, strict=True)})
    return named


def exact(value: sp.Basic) -> sp.Rational:
    return sp.Rational(str(value))


def close(a: sp.Basic, b: sp.Basic) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(abs(float(b)), 1e-3)


def neuron_reference(problem) -> list[sp.Basic]:
    v = {k: exact(x) for k, x in values_of(problem).items()}
    activation = problem.meta["activation"]
    if problem.difficulty == "hard":  # a batch of two examples: the gradients add up
        total = [0, 0]
        for k in ("1", "2"):
            step = backprop_numeric(
                [[[v["w"]]]], [[v["b"]]], [v[f"x_{k}"]], [v[f"y_{k}"]], activation
            )
            total = [total[0] + step.result[0][0], total[1] + step.result[1][0]]
        return total
    if problem.difficulty == "medium":
        weights, inputs = [[v["w_1"], v["w_2"]]], [v["x_1"], v["x_2"]]
    else:
        weights, inputs = [[v["w"]]], [v["x"]]
    step = backprop_numeric([weights], [[v["b"]]], inputs, [v["y"]], activation)
    dw, db = step.result
    return [*dw, db[0]]


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_neuron_gradient_is_the_backward_pass(difficulty):
    for seed in SEEDS:
        problem = generate("backprop-neuron", seed, difficulty)
        reference = neuron_reference(problem)
        assert len(reference) == len(problem.answer.value)
        assert all(close(a, b) for a, b in zip(problem.answer.value, reference, strict=True))
        if difficulty == "easy":
            assert problem.meta["activation"] == "logistic"


def network_reference(problem) -> list[sp.Basic]:
    v = {k: exact(x) for k, x in values_of(problem).items()}
    shape = problem.meta["shape"]
    if shape == "1-1-1":
        w1, b1, inputs = [[v["w^(1)"]]], [v["b^(1)"]], [v["x"]]
        w2 = [[v["w^(2)"]]]
    elif shape == "2-1-1":
        w1, b1, inputs = [[v["w_1^(1)"], v["w_2^(1)"]]], [v["b^(1)"]], [v["x_1"], v["x_2"]]
        w2 = [[v["w^(2)"]]]
    elif shape == "1-2-1":
        w1, b1, inputs = [[v["w_1^(1)"]], [v["w_2^(1)"]]], [v["b_1^(1)"], v["b_2^(1)"]], [v["x"]]
        w2 = [[v["w_1^(2)"], v["w_2^(2)"]]]
    else:
        w1 = [[v["w_11^(1)"], v["w_12^(1)"]], [v["w_21^(1)"], v["w_22^(1)"]]]
        b1, inputs = [v["b_1^(1)"], v["b_2^(1)"]], [v["x_1"], v["x_2"]]
        w2 = [[v["w_1^(2)"], v["w_2^(2)"]]]
    step = backprop_numeric(
        [w1, w2], [b1, [v["b^(2)"]]], inputs, [v["y"]], problem.meta["activation"]
    )
    dw1, db1 = step.result[0], step.result[1]
    if shape == "2-2-1":
        return list(dw1)  # row by row: w₁₁, w₁₂, w₂₁, w₂₂
    return [*dw1, *db1]


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_network_gradient_is_the_backward_pass(difficulty):
    shapes = set()
    for seed in SEEDS:
        problem = generate("backprop-two-layers", seed, difficulty)
        shapes.add(problem.meta["shape"])
        reference = network_reference(problem)
        assert len(reference) == len(problem.answer.value) == problem.features["variables"]
        assert all(close(a, b) for a, b in zip(problem.answer.value, reference, strict=True))
    expected = {"easy": {"1-1-1"}, "medium": {"2-1-1"}, "hard": {"1-2-1", "2-2-1"}}
    assert shapes == expected[difficulty]


ONE_DECIMAL = re.compile(r"\d+\.\d{2,}")


@pytest.mark.parametrize("key", ["backprop-neuron", "backprop-two-layers"])
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_gradients_are_asked_to_4_significant_figures(key, difficulty):
    for seed in SEEDS:
        problem = generate(key, seed, difficulty)
        statement = problem.statement
        assert "to 4 significant figures" in statement
        assert not ONE_DECIMAL.search(statement), statement  # weights, inputs: one decimal
        answer = problem.answer
        assert answer.kind == "vector" and answer.rel_tol == 5e-4
        entries = [float(v) for v in answer.value]
        assert all(0.001 <= abs(e) <= 50 for e in entries)
        options = answer.check_options()
        rounded = "(" + ", ".join(f"{e:.4g}" for e in entries) + ")"
        assert check(answer.value, rounded, **options).correct, rounded
        off = "(" + ", ".join(f"{e * 1.01:.6g}" for e in entries) + ")"
        assert not check(answer.value, off, **options).correct, off
