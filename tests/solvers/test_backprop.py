"""Backpropagation (tutor.solvers.backprop, tutor.solvers.network) against independent
computations: every gradient entry against sympy.diff of the fully composed cost with respect to
that weight or bias, evaluated at the same numbers, and against central finite differences of a
numpy forward pass; the cost against the numpy forward pass; the symbolic chain against sympy.diff
of the composed cost. Every tree goes through tests/verify.check_tree and renders in every
format."""

import json
import re
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from tests.verify import check_tree, equal
from tests.verify_solvers import close
from tutor.render import render, step_to_json_dict
from tutor.render.wording.chain import MESSAGES, TITLES
from tutor.solvers.backprop import activation_derivative, backprop_symbolic
from tutor.solvers.network import backprop_numeric

# -- independent references ---------------------------------------------------------------------


def sigma(activation, z):
    return 1 / (1 + sp.exp(-z)) if activation == "logistic" else sp.tanh(z)


def np_sigma(activation, z):
    return 1 / (1 + np.exp(-z)) if activation == "logistic" else np.tanh(z)


def sympy_network(weights, biases, inputs, target, activation):
    """The cost as one sympy expression in a symbol per weight and bias, and their values."""
    values, params = {}, []
    a = sp.Matrix([exact(v) for v in inputs])
    for layer, (w, b) in enumerate(zip(weights, biases, strict=True), 1):
        rows, cols = len(w), len(w[0])
        ws = sp.Matrix([[sp.Symbol(f"W{layer}_{j}_{k}") for k in range(cols)] for j in range(rows)])
        bs = sp.Matrix([sp.Symbol(f"B{layer}_{j}") for j in range(rows)])
        for j in range(rows):
            for k in range(cols):
                values[ws[j, k]] = w[j][k]
            values[bs[j]] = b[j]
        params.append((ws, bs))
        a = (ws * a + bs).applyfunc(lambda z: sigma(activation, z))
    cost = sum((a[j] - exact(target[j])) ** 2 for j in range(len(target)))
    return cost, params, {k: exact(v) for k, v in values.items()}


def exact(value):
    """A float as the exact binary number it is (what the solver computes with); others as is."""
    return sp.Rational(value) if isinstance(value, float) else sp.sympify(value)


def np_cost(weights, biases, inputs, target, activation):
    a = np.array(inputs, dtype=float)
    for w, b in zip(weights, biases, strict=True):
        a = np_sigma(activation, np.array(w, dtype=float) @ a + np.array(b, dtype=float))
    return float(np.sum((a - np.array(target, dtype=float)) ** 2))


def finite_differences(weights, biases, inputs, target, activation, h=1e-6):
    """Central differences of the numpy cost, in the solver's order: dW1, db1, dW2, db2, ..."""
    ws = [np.array(w, dtype=float) for w in weights]
    bs = [np.array(b, dtype=float) for b in biases]
    out = []
    for layer in range(len(ws)):
        for array in (ws[layer], bs[layer]):
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                saved = array[index]
                array[index] = saved + h
                up = np_cost(ws, bs, inputs, target, activation)
                array[index] = saved - h
                down = np_cost(ws, bs, inputs, target, activation)
                array[index] = saved
                grad[index] = (up - down) / (2 * h)
            out.append(grad)
    return out


# -- cases --------------------------------------------------------------------------------------


def generated(sizes, seed, kind):
    """Weights, biases, input and target for layer sizes (n0, n1, ...), reproducibly."""
    rng = np.random.default_rng(seed)

    def number():
        k = int(rng.integers(-9, 10))
        if kind == "int":
            return k // 3
        if kind == "float":
            return float(rng.normal())
        return Fraction(k, 10)

    weights = [
        [[number() for _ in range(n_in)] for _ in range(n_out)]
        for n_in, n_out in zip(sizes, sizes[1:], strict=False)
    ]
    biases = [[number() for _ in range(n_out)] for n_out in sizes[1:]]
    inputs = [number() for _ in range(sizes[0])]
    target = [Fraction(int(rng.integers(0, 3)), 2) for _ in range(sizes[-1])]
    return weights, biases, inputs, target


SIZES = [
    (1, 1),
    (2, 1),
    (2, 2),
    (3, 2),
    (1, 1, 1),
    (2, 2, 1),
    (2, 3, 1),
    (3, 2, 2),
    (2, 2, 2, 1),
    (1, 2, 1, 1),
]
KINDS = ["fraction", "float", "int"]
NUMERIC = [
    (sizes, activation, KINDS[i % 3], 100 + i)
    for i, (sizes, activation) in enumerate(
        (sizes, activation) for sizes in SIZES for activation in ("logistic", "tanh")
    )
]

EXAMPLE = (
    [
        [[Fraction(1, 2), Fraction(-3, 10)], [Fraction(4, 5), Fraction(1, 5)]],
        [[Fraction(7, 10), Fraction(-2, 5)]],
    ],
    [[Fraction(1, 10), Fraction(-1, 10)], [Fraction(1, 20)]],
    [1, Fraction(1, 2)],
    [1],
)
SPECIAL = {
    "example-logistic": (*EXAMPLE, "logistic"),
    "example-tanh": (*EXAMPLE, "tanh"),
    "tanh-saturation": ([[[10, 10]]], [[0]], [3, 3], [0], "tanh"),
    "tanh-saturation-negative": ([[[-8, 5]], [[12]]], [[0], [1]], [2, -2], [1], "tanh"),
    "logistic-saturation": ([[[20, 20]]], [[0]], [1, 1], [1], "logistic"),
    "logistic-saturation-negative": ([[[-20, -20]]], [[0]], [1, 1], [0], "logistic"),
    "zero-error-logistic": ([[[0, 0]], [[0]]], [[0], [0]], [1, 2], [Fraction(1, 2)], "logistic"),
    "zero-error-tanh": ([[[0, 0], [0, 0]]], [[0, 0]], [3, -1], [0, 0], "tanh"),
    "zero-input": ([[[1, 2], [3, 4]], [[1, -1]]], [[0, 0], [0]], [0, 0], [1], "tanh"),
    "floats": ([[[0.25, -1.5]], [[2.0]]], [[0.1], [-0.3]], [0.7, 0.2], [0.4], "logistic"),
}


def check_numeric(weights, biases, inputs, target, activation):
    step = backprop_numeric(weights, biases, inputs, target, activation)
    assert check_tree(step) == []
    gradients = list(step.result)
    cost, params, values = sympy_network(weights, biases, inputs, target, activation)
    flat = [m for pair in params for m in pair]
    assert len(gradients) == len(flat)
    for ours, symbols in zip(gradients, flat, strict=True):
        assert ours.shape == symbols.shape
        for entry, symbol in zip(ours, symbols, strict=True):
            reference = sp.diff(cost, symbol).xreplace(values)
            ok, why = close(reference, entry, 20)  # ours is exact or has 30 digits
            assert ok, f"{symbol}: {why}"
    fd = finite_differences(weights, biases, inputs, target, activation)
    for ours, approx in zip(gradients, fd, strict=True):
        mine = np.array([float(v) for v in ours], dtype=float).reshape(approx.shape)
        assert np.allclose(mine, approx, rtol=1e-5, atol=1e-7), (mine, approx)
    expected_cost = np_cost(weights, biases, inputs, target, activation)
    assert abs(float(step.details["cost"]) - expected_cost) <= 1e-12 * max(1, expected_cost)
    return step


def placeholders_filled(step):
    """Every template of an emitted rule is filled from the step itself (JSON explanations)."""
    for node in step.walk():
        template = MESSAGES.get(node.rule, "")
        needed = set(re.findall(r"{(\w+)}", template))
        assert needed <= set(node.details) | {"var", "expr", "result", "formula", "rule"}, node.rule


def rendered(step):
    for detail in ("brief", "standard", "full"):
        assert render(step, "text", detail)
    assert render(step, "latex").startswith(r"\begin{array}")
    json.dumps(step_to_json_dict(step), ensure_ascii=False)
    placeholders_filled(step)
    for node in step.walk():
        if node.rule.startswith(("backprop", "activation", "nn_", "forward", "backward", "chain_")):
            assert node.rule in MESSAGES and node.rule in TITLES, node.rule


@pytest.mark.parametrize("sizes,activation,kind,seed", NUMERIC, ids=str)
def test_numeric_backprop(sizes, activation, kind, seed):
    weights, biases, inputs, target = generated(sizes, seed, kind)
    step = check_numeric(weights, biases, inputs, target, activation)
    assert step.details["sizes"] == sizes
    rendered(step)


@pytest.mark.parametrize("name", list(SPECIAL))
def test_special_networks(name):
    step = check_numeric(*SPECIAL[name])
    rendered(step)


def test_zero_error_is_exact_and_zero():
    step = backprop_numeric(*SPECIAL["zero-error-logistic"][:4], "logistic")
    assert step.details["cost"] == 0 and "digits" not in step.details
    assert all(entry == 0 and isinstance(entry, sp.Integer) for m in step.result for entry in m)
    text = render(step)
    assert "exact values" in text


def test_saturated_slopes_keep_their_digits():
    """σ'(z) for tanh at z = 60 is about 3.5e-52: computed from z, not as 1 - a², it keeps
    every digit (1 - a² would be 0 at 30 digits)."""
    step = backprop_numeric([[[10, 10]]], [[0]], [3, 3], [0], "tanh")
    slope = step.children[2].children[0].result[0]
    reference = sp.sech(60) ** 2
    assert slope != 0
    with mpmath.workdps(40):
        assert abs(mpmath.mpf(str(slope)) / mpmath.mpf(str(sp.N(reference, 40))) - 1) < 1e-25


def test_exact_arithmetic_while_rational():
    step = backprop_numeric(*EXAMPLE, "tanh")
    forward = step.children[1]
    first = forward.children[0]
    assert first.result == sp.Matrix([sp.Rational(9, 20), sp.Rational(4, 5)])
    assert "digits" not in first.details
    assert forward.children[1].details["digits"] == 6  # tanh(9/20) is not rational: floats


def test_example_text():
    text = render(backprop_numeric(*EXAMPLE, "logistic"))
    for piece in (
        "z₁⁽¹⁾ = 0.5·1 − 0.3·0.5 + 0.1 = 0.45",
        "a₁⁽¹⁾ = σ(0.45) = 0.610639",
        "Forward pass (values to 6 significant digits)",
        "C = (a₁⁽²⁾ − y₁)² = (0.550195 − 1)² = 0.202325",
        "δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ σ'(z⁽¹⁾)",
        "δ₁⁽²⁾ = 2(0.550195 − 1)·0.24748 = −0.222636",
        "Backward pass (values to 6 significant digits)",
        "∂C/∂W⁽²⁾ = [ −0.13595  −0.153613 ]",
    ):
        assert piece in text, piece


def test_digits_are_stated():
    step = backprop_numeric(*EXAMPLE, "logistic", digits=4)
    assert step.details["digits"] == 4
    assert "values to 4 significant digits" in render(step)
    assert "0.6106" in render(step)


@pytest.mark.parametrize(
    "weights,biases,inputs,target,message",
    [
        (
            [[[1, 2]]],
            [[0]],
            [1, 2, 3],
            [0],
            "weights of layer 1 have 2 columns, but the input has 3",
        ),
        ([[[1, 2]]], [[0, 0]], [1, 2], [0], "biases of layer 1 have 2 entries"),
        (
            [[[1, 2]], [[1, 2]]],
            [[0], [0]],
            [1, 2],
            [0],
            "weights of layer 2 have 2 columns, but layer 1 has 1",
        ),
        ([[[1, 2]]], [[0]], [1, 2], [0, 1], "target has 2 entries, but the output layer has 1"),
        ([[[1, 2]]], [[0], [0]], [1, 2], [0], "1 weight matrices but 2 bias vectors"),
        ([], [], [1], [0], "1 to 3 layers"),
        ([[[1]]] * 4, [[0]] * 4, [1], [0], "1 to 3 layers"),
        ([[[1, sp.Symbol("q")]]], [[0]], [1, 2], [0], "not a real number"),
        ([[[1] * 7]], [[0]], [1] * 7, [0], "at most 6"),
    ],
)
def test_bad_networks(weights, biases, inputs, target, message):
    with pytest.raises(ValueError, match=message):
        backprop_numeric(weights, biases, inputs, target)


def test_unknown_activation():
    with pytest.raises(ValueError, match="unknown activation 'relu'"):
        backprop_numeric([[[1]]], [[0]], [1], [0], "relu")
    with pytest.raises(ValueError, match="unknown activation"):
        backprop_symbolic(1, "relu")


# -- symbolic -----------------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["logistic", "tanh"])
def test_activation_derivative(activation):
    z = sp.Symbol("z", real=True)
    step = activation_derivative(activation)
    assert sp.simplify(step.result - sp.diff(sigma(activation, z), z)) == 0
    assert check_tree(step) == []
    textbook = step.children[1]
    assert textbook.rule == "activation_textbook" and textbook.kind == "rewrite"
    text = render(step)
    assert ("σ(1 − σ)" if activation == "logistic" else "1 − tanh² z") in text


@pytest.mark.parametrize("layers", [1, 2, 3])
@pytest.mark.parametrize("activation", ["logistic", "tanh"])
def test_symbolic_chain(layers, activation):
    step = backprop_symbolic(layers, activation)
    assert check_tree(step) == []
    a = [sp.Symbol(f"a^({i})", real=True) for i in range(layers + 1)]
    w = [sp.Symbol(f"w^({i})", real=True) for i in range(layers + 1)]
    b = [sp.Symbol(f"b^({i})", real=True) for i in range(layers + 1)]
    y = sp.Symbol("y", real=True)
    forward = {}
    value = a[0]
    for i in range(1, layers + 1):
        value = sigma(activation, w[i] * value + b[i])
        forward[a[i]] = value
    cost = (value - y) ** 2
    parameters = [p for i in range(layers, 0, -1) for p in (w[i], b[i])]
    assert step.details["parameters"] == tuple(parameters)
    for stated, parameter in zip(step.result, parameters, strict=True):
        ok, why = equal(sp.diff(cost, parameter), stated.xreplace(forward))
        assert ok, f"{parameter}: {why}"
    rendered(step)


def test_symbolic_text_names_the_chain():
    text = render(backprop_symbolic(2, "logistic"))
    for piece in (
        "z⁽¹⁾ = w⁽¹⁾ a⁽⁰⁾ + b⁽¹⁾,  a⁽¹⁾ = σ(z⁽¹⁾)",
        "∂C/∂w⁽²⁾ = ∂C/∂a⁽²⁾ · ∂a⁽²⁾/∂z⁽²⁾ · ∂z⁽²⁾/∂w⁽²⁾",
        "= 2(a⁽²⁾ − y) · a⁽²⁾(1 − a⁽²⁾) · a⁽¹⁾",
        "δ⁽¹⁾ = ∂C/∂z⁽¹⁾ = δ⁽²⁾ · ∂z⁽²⁾/∂a⁽¹⁾ · ∂a⁽¹⁾/∂z⁽¹⁾",
        "δ⁽²⁾ = 2(a⁽²⁾ − y) ⊙ σ'(z⁽²⁾)",
        "∂C/∂W⁽¹⁾ = δ⁽¹⁾ a⁽⁰⁾ᵀ",
        "σ'(z) = σ(1 − σ)",
    ):
        assert piece in text, piece


def test_symbolic_layers_are_bounded():
    with pytest.raises(ValueError, match="1 to 3 layers"):
        backprop_symbolic(4)
