"""Week 3: backpropagation with numbers, for layers of several neurons.

`backprop_numeric(weights, biases, inputs, target, activation, digits)`: a network of 1 to 3
layers, z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = σ(z⁽ˡ⁾), cost C = Σⱼ (aⱼ⁽ᴸ⁾ − yⱼ)².

- the forward pass (`forward_pass`, kind sequence ending with the cost): per layer the weighted
  inputs (`nn_pre_activation`) and the activations (`nn_activation`), then `nn_cost`;
- the backward pass (`backward_pass`, kind solution): per layer from the last, sⱼ⁽ˡ⁾ = σ'(zⱼ⁽ˡ⁾)
  (`nn_activation_slope`, computed from z as e^(−z)/(1 + e^(−z))² or sech² z, not as a(1 − a)
  or 1 − a², which lose digits when a is near ±1), the error δ⁽ᴸ⁾ = 2(a⁽ᴸ⁾ − y) ⊙ σ'(z⁽ᴸ⁾)
  (`nn_output_error`) or δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ σ'(z⁽ˡ⁾) (`nn_hidden_error`), and the
  gradients ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ (`nn_weight_gradient`) and ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾
  (`nn_bias_gradient`).

Every value is an `evaluate` step: a matrix of formulas in named symbols (wⱼₖ⁽ˡ⁾, aⱼ⁽ˡ⁾, δⱼ⁽ˡ⁾,
...) with the numbers put in (`details["at"]`), so each entry is checked on its own; the names
of the entries are in `details["names"]`. Arithmetic stays exact while every value is rational
(integer or decimal inputs before the first σ), then floats at WORKING_DIGITS, shown to
`digits` significant digits (`details["digits"]`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from tutor.solvers.backprop import (
    MAX_LAYERS,
    activation_derivative,
    check_activation,
    sigma,
)
from tutor.solvers.numbers import SHOWN_DIGITS, to_float
from tutor.steps import Step
from tutor.steps.values import as_value

MAX_NEURONS = 6
DEFAULT_DIGITS = 6


class _Policy:
    """Exact while every value is rational, then floats for the rest of the pass."""

    def __init__(self, exact: bool, digits: int):
        self.exact, self.digits = exact, digits

    def value(self, matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        if self.exact and all(isinstance(entry, sp.Rational) for entry in matrix):
            return matrix
        self.exact = False
        return to_float(matrix)

    def details(self, value: sp.ImmutableMatrix) -> dict:
        return {} if all(isinstance(e, sp.Rational) for e in value) else {"digits": self.digits}


def _symbols(base: str, layer: int | None, rows: int, cols: int = 1) -> sp.ImmutableMatrix:
    """wⱼₖ⁽ˡ⁾ (cols > 1), aⱼ⁽ˡ⁾, or yⱼ (layer None)."""
    top = "" if layer is None else f"^({layer})"

    def name(j: int, k: int) -> str:
        index = f"{j + 1}{k + 1}" if cols > 1 else f"{j + 1}"
        return f"{base}_{index}{top}"

    return sp.ImmutableMatrix(rows, cols, lambda j, k: sp.Symbol(name(j, k), real=True))


def _matrix(value, what: str, vector: bool = False) -> sp.ImmutableMatrix:
    """A matrix (or a column) of real numbers, refused with a message naming `what`."""
    try:
        if isinstance(value, sp.MatrixBase):
            matrix = sp.ImmutableMatrix(value)
        elif vector:
            matrix = sp.ImmutableMatrix([as_value(v) for v in value])
        else:
            matrix = sp.ImmutableMatrix([[as_value(v) for v in row] for row in value])
    except (TypeError, ValueError) as error:
        raise ValueError(f"{what}: not a matrix of numbers ({error})") from None
    if vector and matrix.cols != 1 and matrix.rows == 1:
        matrix = matrix.T
    if matrix.rows == 0 or matrix.cols == 0 or (vector and matrix.cols != 1):
        raise ValueError(f"{what} must be a non-empty {'vector' if vector else 'matrix'}")
    if matrix.rows > MAX_NEURONS or matrix.cols > MAX_NEURONS:
        raise ValueError(f"{what}: at most {MAX_NEURONS} neurons per layer")
    for entry in matrix:
        if entry.free_symbols or not entry.is_real or not entry.is_finite:
            raise ValueError(f"{what}: {entry} is not a real number")
    return matrix


def check_network(weights, biases, inputs, target) -> tuple[list, list, sp.Matrix, sp.Matrix]:
    """The network's values as matrices; ValueError when a size does not fit."""
    if not 1 <= len(weights) <= MAX_LAYERS:
        raise ValueError(f"the network has 1 to {MAX_LAYERS} layers, not {len(weights)}")
    if len(biases) != len(weights):
        raise ValueError(f"{len(weights)} weight matrices but {len(biases)} bias vectors")
    ws = [_matrix(w, f"the weights of layer {layer}") for layer, w in enumerate(weights, 1)]
    bs = [
        _matrix(b, f"the biases of layer {layer}", vector=True) for layer, b in enumerate(biases, 1)
    ]
    a0 = _matrix(inputs, "the input", vector=True)
    y = _matrix(target, "the target", vector=True)
    width = a0.rows
    for layer, (w, b) in enumerate(zip(ws, bs, strict=True), 1):
        before = "the input has" if layer == 1 else f"layer {layer - 1} has"
        if w.cols != width:
            raise ValueError(
                f"the weights of layer {layer} have {w.cols} columns, but {before} {width} entries"
            )
        if b.rows != w.rows:
            raise ValueError(
                f"the biases of layer {layer} have {b.rows} entries, but its weights have"
                f" {w.rows} rows (one per neuron)"
            )
        width = w.rows
    if y.rows != width:
        raise ValueError(f"the target has {y.rows} entries, but the output layer has {width}")
    return ws, bs, a0, y


def _evaluate(rule, expr, names, at, policy, **details) -> Step:
    value = policy.value(sp.ImmutableMatrix(expr.xreplace(at)))
    info = {"at": at, **({"names": names} if names is not None else {}), **details}
    info.update(policy.details(value))
    return Step(rule, expr, None, value, (), "evaluate", info)


# Formulas are built unevaluated, in the order a textbook writes them (w a + b, 2(a − y) σ'),
# so that the numbers put in read the same way; evaluate steps are checked after substitution.


def _times(*factors: sp.Basic) -> sp.Basic:
    return sp.Mul(*factors, evaluate=False)


def _minus(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    return sp.Add(a, -b, evaluate=False)


def _dot(matrix: sp.ImmutableMatrix, vector: sp.ImmutableMatrix, row: int) -> sp.Basic:
    terms = [_times(matrix[row, k], vector[k]) for k in range(matrix.cols)]
    return sp.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]


def _affine(w: sp.ImmutableMatrix, a: sp.ImmutableMatrix, b: sp.ImmutableMatrix, j: int):
    """wⱼ₁ a₁ + ... + wⱼₙ aₙ + bⱼ."""
    return sp.Add(*(_times(w[j, k], a[k]) for k in range(w.cols)), b[j], evaluate=False)


def _slope(activation: str, z: sp.Basic) -> sp.Basic:
    """σ'(z) in a form without cancellation, so that every digit holds when a = σ(z) is near ±1
    (a(1 − a) and 1 − a² would lose them): e^(−z)/(1 + e^(−z))² or sech² z."""
    if activation == "logistic":
        return sp.exp(-z) / (1 + sp.exp(-z)) ** 2
    return sp.sech(z) ** 2


def _at(symbols: sp.ImmutableMatrix, values: sp.ImmutableMatrix) -> dict:
    return dict(zip(symbols, values, strict=True))


def backprop_numeric(
    weights: Sequence,
    biases: Sequence,
    inputs: Sequence,
    target: Sequence,
    activation: str = "logistic",
    digits: int = DEFAULT_DIGITS,
) -> Step:
    """The forward pass, the cost and the backward pass of a small network, with numbers."""
    check_activation(activation)
    if not 1 <= digits <= SHOWN_DIGITS + 5:
        raise ValueError(f"digits must be between 1 and {SHOWN_DIGITS + 5}, not {digits}")
    ws, bs, a0, y = check_network(weights, biases, inputs, target)
    exact = all(isinstance(e, sp.Rational) for m in [*ws, *bs, a0, y] for e in m)
    if not exact:
        ws, bs, a0, y = (
            [to_float(w) for w in ws],
            [to_float(b) for b in bs],
            *map(to_float, (a0, y)),
        )
    policy = _Policy(exact, digits)
    layers = len(ws)
    values = _Values(ws, bs, a0, y)
    forward = _forward(values, activation, policy)
    backward = _backward(values, activation, policy)
    sizes = (a0.rows, *(w.rows for w in ws))
    details = {
        "layers": layers,
        "sizes": sizes,
        "activation": activation,
        "cost": forward.result,
        "weights": tuple(ws),
        "biases": tuple(bs),
        "input": a0,
        "target": y,
        **({"digits": digits} if not policy.exact else {}),
    }
    cost_expr = forward.children[-1].expr
    children = (activation_derivative(activation), forward, backward)
    return Step("backprop", cost_expr, None, backward.result, children, "solution", details)


class _Values:
    """The network's symbols and the values found so far, layer by layer."""

    def __init__(self, ws: list, bs: list, a0: sp.ImmutableMatrix, y: sp.ImmutableMatrix) -> None:
        self.ws, self.bs, self.y = ws, bs, y
        self.layers = len(ws)
        self.w = [None] + [_symbols("w", layer, w.rows, w.cols) for layer, w in enumerate(ws, 1)]
        self.b = [None] + [_symbols("b", layer, b.rows) for layer, b in enumerate(bs, 1)]
        sizes = [a0.rows] + [w.rows for w in ws]
        self.a = [_symbols("a", layer, n) for layer, n in enumerate(sizes)]
        self.z = [None] + [_symbols("z", layer, n) for layer, n in enumerate(sizes) if layer > 0]
        self.delta = [None] + [
            _symbols("delta", layer, n) for layer, n in enumerate(sizes) if layer > 0
        ]
        self.slope = [None] + [
            _symbols("s", layer, n) for layer, n in enumerate(sizes) if layer > 0
        ]
        self.y_symbols = _symbols("y", None, y.rows)
        self.a_values: list = [a0]
        self.z_values: list = [None]
        self.delta_values: dict[int, sp.ImmutableMatrix] = {}


def _forward(v: _Values, activation: str, policy: _Policy) -> Step:
    steps = []
    for layer in range(1, v.layers + 1):
        w, before, b = v.w[layer], v.a[layer - 1], v.b[layer]
        expr = sp.ImmutableMatrix([_affine(w, before, b, j) for j in range(w.rows)])
        at = {**_at(v.w[layer], v.ws[layer - 1]), **_at(v.b[layer], v.bs[layer - 1])}
        at.update(_at(v.a[layer - 1], v.a_values[layer - 1]))
        pre = _evaluate("nn_pre_activation", expr, v.z[layer], at, policy, layer=layer)
        v.z_values.append(pre.result)
        act_expr = v.z[layer].applyfunc(lambda zj: sigma(activation, zj))
        act = _evaluate(
            "nn_activation", act_expr, v.a[layer], _at(v.z[layer], pre.result), policy, layer=layer
        )
        v.a_values.append(act.result)
        steps += [pre, act]
    out, ys = v.a[v.layers], v.y_symbols
    squares = [sp.Pow(_minus(out[j], ys[j]), 2, evaluate=False) for j in range(out.rows)]
    cost_expr = sp.Add(*squares, evaluate=False) if len(squares) > 1 else squares[0]
    at = {**_at(out, v.a_values[-1]), **_at(ys, v.y)}
    cost_value = policy.value(sp.ImmutableMatrix([cost_expr.xreplace(at)]))[0]
    details = {"at": at, **policy.details(sp.ImmutableMatrix([cost_value]))}
    steps.append(Step("nn_cost", cost_expr, None, cost_value, (), "evaluate", details))
    return Step("forward_pass", cost_expr, None, cost_value, tuple(steps), "sequence", {})


def _backward(v: _Values, activation: str, policy: _Policy) -> Step:
    steps, gradients = [], {}
    for layer in range(v.layers, 0, -1):
        s = v.slope[layer]
        slopes = v.z[layer].applyfunc(lambda zj: _slope(activation, zj))
        slope = _evaluate(
            "nn_activation_slope",
            slopes,
            s,
            _at(v.z[layer], v.z_values[layer]),
            policy,
            layer=layer,
        )
        at = _at(s, slope.result)
        if layer == v.layers:
            a, y = v.a[layer], v.y_symbols
            expr = sp.ImmutableMatrix([_times(2, _minus(a[j], y[j]), s[j]) for j in range(a.rows)])
            at.update({**_at(a, v.a_values[layer]), **_at(y, v.y)})
            error = _evaluate("nn_output_error", expr, v.delta[layer], at, policy, layer=layer)
        else:
            back, later = v.w[layer + 1].T, v.delta[layer + 1]
            expr = sp.ImmutableMatrix([_times(_dot(back, later, j), s[j]) for j in range(s.rows)])
            at.update({**_at(v.w[layer + 1], v.ws[layer]), **_at(later, v.delta_values[layer + 1])})
            error = _evaluate(
                "nn_hidden_error", expr, v.delta[layer], at, policy, layer=layer, next=layer + 1
            )
        v.delta_values[layer] = error.result
        steps += [slope, error, *_gradients(v, layer, error.result, policy)]
        gradients[layer] = (steps[-2].result, steps[-1].result)
    ordered = [g for layer in range(1, v.layers + 1) for g in gradients[layer]]
    result = sp.Tuple(*ordered)
    return Step(
        "backward_pass", sp.Tuple(*v.w[1:], *v.b[1:]), None, result, tuple(steps), "solution", {}
    )


def _gradients(v: _Values, layer: int, delta: sp.ImmutableMatrix, policy: _Policy) -> list[Step]:
    """∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ and ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾."""
    d, prev = v.delta[layer], v.a[layer - 1]
    at_d = _at(d, delta)
    outer = sp.ImmutableMatrix(d.rows, prev.rows, lambda j, k: _times(d[j], prev[k]))
    at_w = {**at_d, **_at(prev, v.a_values[layer - 1])}
    weight = _evaluate("nn_weight_gradient", outer, None, at_w, policy, layer=layer)
    bias = _evaluate("nn_bias_gradient", d, None, at_d, policy, layer=layer)
    return [weight, bias]
