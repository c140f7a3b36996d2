"""Layout of backpropagation with numbers (tutor.solvers.network), merged into
tutor.render.solutions.backprop's LAYOUTS.

The given values; σ'(z); the forward pass (entry by entry at the standard detail, then a table
of z and a per layer and neuron); the cost; the backward pass (the matrix formulas, the errors δ
entry by entry, every entry at the full detail, then a table of σ'(z), δ and the gradients per
neuron); the gradient matrices. Floats are shown to the digits the solver states.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.backprop import (
    COST,
    activation_derivative,
    gradient_label,
    named,
    shown,
    sigma_of,
    sigma_prime,
    vector,
    vector_formulas,
    written,
)
from tutor.render.solutions.chain import gap
from tutor.render.wording.chain import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step

Z, A, DELTA, W, B = (sp.Symbol(name) for name in ("z", "a", "delta", "w_jk", "b"))


def _precision(builder: OutlineBuilder, digits: int | None) -> str:
    if digits is None:
        return builder.words(MESSAGES["nn_exact"])
    return builder.words(MESSAGES["nn_precision"], digits=str(digits))


def _number(builder: OutlineBuilder, value: sp.Basic, digits: int | None) -> str:
    return builder.notation.math(shown(value, digits))


def _entry(builder, depth, label, step, index, digits) -> None:
    """label = the formula with the numbers put in = the value."""
    n = builder.notation
    value = _number(builder, list(step.result)[index], digits)
    formula = n.math(written(step, index, digits), written=True)
    rhs = value if formula == value else f"{formula} = {value}"
    builder.add(depth, label, rhs, "", step.rule)


def backprop(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d = step.details
    digits = d.get("digits")
    activation, forward, backward = step.children
    _given(builder, step, depth)
    builder.add(depth, None, None, builder.note(step), step.rule)
    if builder.detail != "brief":
        activation_derivative(builder, activation, depth + 1)
    _forward(builder, forward, d, depth + 1)
    _backward(builder, backward, d, depth + 1)
    gradients = list(step.result)
    for layer in range(d["layers"], 0, -1):
        weights, biases = gradients[2 * layer - 2], gradients[2 * layer - 1]
        label = gradient_label(builder, "W", layer)
        builder.add_matrix(
            depth, label, weights.applyfunc(lambda v: shown(v, digits)), "", "nn_weight_gradient"
        )
        label = gradient_label(builder, "b", layer)
        builder.add(depth, label, vector(builder, biases, digits), "", "nn_bias_gradient")


def _given(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d, n = step.details, builder.notation
    act = step.children[0]
    sizes = ", ".join(str(size) for size in d["sizes"])
    note = builder.words(MESSAGES["backprop_values"], sizes=sizes)
    builder.add(depth, sigma_of(builder, act.var), n.math(act.expr), note, "backprop_values")
    for layer, weights in enumerate(d["weights"], 1):
        shown_weights = weights.applyfunc(lambda v: shown(v, None))
        builder.add_matrix(depth, n.math(named("W", layer)), shown_weights, "", "backprop_values")
    vectors = [(named("b", layer), b) for layer, b in enumerate(d["biases"], 1)]
    vectors += [(named("a", 0), d["input"]), (sp.Symbol("y"), d["target"])]
    line = gap(builder).join(f"{n.math(s)} = {vector(builder, v, None)}" for s, v in vectors)
    builder.add(depth, line, None, "", "backprop_values")


def _forward(builder: OutlineBuilder, forward: Step, d, depth: int) -> None:
    n = builder.notation
    digits = d.get("digits")
    *layers, cost = forward.children
    builder.add(depth, None, None, builder.note(forward), forward.rule)
    blank = "—" if n.name == "text" else ""
    rows = [("0", str(j + 1), blank, _number(builder, v, None)) for j, v in enumerate(d["input"])]
    for pre, act in zip(layers[::2], layers[1::2], strict=True):
        layer = pre.details["layer"]
        if builder.detail != "brief":
            _forward_layer(builder, pre, act, digits, depth + 1)
        for j, (z, a) in enumerate(zip(pre.result, act.result, strict=True)):
            rows.append(
                (str(layer), str(j + 1), _number(builder, z, digits), _number(builder, a, digits))
            )
    header = (n.math(sp.Symbol("l")), n.math(sp.Symbol("j")), n.math(Z), n.math(A))
    caption = builder.words(MESSAGES["forward_table"], precision=_precision(builder, digits))
    builder.add_table(depth + 1, header, rows, caption, "forward_table")
    formula = n.math(cost.expr, written=True)
    value = _number(builder, cost.result, digits)
    filled = n.math(written(cost, 0, digits), written=True)
    builder.add(
        depth, n.math(COST), f"{formula} = {filled} = {value}", builder.note(cost), cost.rule
    )


def _forward_layer(builder: OutlineBuilder, pre: Step, act: Step, digits, depth: int) -> None:
    n = builder.notation
    layer = pre.details["layer"]
    z, a = named("z", layer), named("a", layer)
    rhs = (
        f"{n.math(named('W', layer))} {n.math(named('a', layer - 1))} + {n.math(named('b', layer))}"
    )
    builder.add(depth, n.math(z), rhs, builder.note(pre), pre.rule)
    for j, name in enumerate(pre.details["names"]):
        _entry(builder, depth + 1, n.math(name), pre, j, digits)
    builder.add(depth, n.math(a), sigma_of(builder, z), builder.note(act), act.rule)
    for j, (name, value) in enumerate(zip(act.details["names"], act.result, strict=True)):
        z_value = shown(pre.result[j], digits)
        rhs = f"{sigma_of(builder, z_value)} = {_number(builder, value, digits)}"
        builder.add(depth + 1, n.math(name), rhs, "", act.rule)


def _backward(builder: OutlineBuilder, backward: Step, d, depth: int) -> None:
    n = builder.notation
    digits = d.get("digits")
    builder.add(depth, None, None, builder.note(backward), backward.rule)
    if builder.detail != "brief":
        for lhs, rhs in _formulas(builder, d):
            builder.add(depth + 1, lhs, rhs, "", "backprop_vector_form")
    rows = []
    steps = backward.children
    for index in range(0, len(steps), 4):
        slopes, error, weights, biases = steps[index : index + 4]
        layer = error.details["layer"]
        if builder.detail != "brief":
            _backward_layer(builder, slopes, error, weights, digits, depth + 1)
        cols = weights.result.shape[1]
        for j in range(error.result.rows):
            row_j = [shown(weights.result[j, k], digits) for k in range(cols)]
            cells = (slopes.result[j], error.result[j], biases.result[j])
            rows.append(
                (
                    str(layer),
                    str(j + 1),
                    *(_number(builder, c, digits) for c in cells),
                    n.math(row_j[0] if cols == 1 else sp.Tuple(*row_j)),
                )
            )
    header = (
        n.math(sp.Symbol("l")),
        n.math(sp.Symbol("j")),
        sigma_prime(builder, Z),
        n.math(DELTA),
        n.partial_of(n.math(COST), (B,)),
        n.partial_of(n.math(COST), (W,)),
    )
    caption = builder.words(MESSAGES["backward_table"], precision=_precision(builder, digits))
    builder.add_table(depth + 1, header, rows, caption, "backward_table")


def _formulas(builder: OutlineBuilder, d) -> list[tuple[str, str]]:
    """σ'(z⁽ˡ⁾) from the activations, then the matrix formulas of the backward pass."""
    n = builder.notation
    a = A
    in_a = a * (1 - a) if d["activation"] == "logistic" else 1 - a**2
    return [(sigma_prime(builder, Z), n.math(in_a)), *vector_formulas(builder, d["layers"])]


def _backward_layer(builder, slopes: Step, error: Step, weights: Step, digits, depth: int) -> None:
    """The errors δ entry by entry; at the full detail σ'(z) and the weight gradients too."""
    n = builder.notation
    layer = error.details["layer"]
    full = builder.detail == "full"
    if full:
        builder.add(depth, None, None, builder.note(slopes), slopes.rule)
        for j, (z, value) in enumerate(
            zip(slopes.details["at"].values(), slopes.result, strict=True)
        ):
            label = sigma_prime(builder, named("z", layer, str(j + 1)))
            rhs = f"{sigma_prime(builder, shown(z, digits))} = {_number(builder, value, digits)}"
            builder.add(depth + 1, label, rhs, "", slopes.rule)
    builder.add(depth, None, None, builder.note(error), error.rule)
    for j, name in enumerate(error.details["names"]):
        _entry(builder, depth + 1, n.math(name), error, j, digits)
    if full:
        builder.add(depth, None, None, builder.note(weights), weights.rule)
        rows, cols = weights.result.shape
        for j in range(rows):
            for k in range(cols):
                label = n.partial_of(n.math(COST), (named("w", layer, f"{j + 1}{k + 1}"),))
                _entry(builder, depth + 1, label, weights, j * cols + k, digits)


LAYOUTS: dict[str, Layout] = {"backprop": backprop}
