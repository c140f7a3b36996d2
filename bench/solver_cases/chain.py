"""Benchmark cases of the week-3 family (imported by bench/solvers.py).

CASES: (name, ours, baseline), both zero-argument callables doing the same job: ours builds the
Step tree with tutor.solvers.chain / backprop / network and renders it as text; the baseline is
the plain computation on the same inputs: sympy.diff of the substituted expression for a total
derivative, the product of sympy jacobians for the matrix form, sympy.diff of the composed cost
for the symbolic chain, and a numpy forward and backward pass for the numeric network.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from tutor.render import render
from tutor.solvers.backprop import backprop_symbolic
from tutor.solvers.chain import chain_matrix_form, total_derivative
from tutor.solvers.network import backprop_numeric

s, t, u, v, x, y, z = (sp.Symbol(name, real=True) for name in "stuvxyz")


def _ours(build):
    return lambda: render(build(), "text")


def _substituted_diff(f, substitutions, var):
    def run():
        g = f
        for _ in range(len(substitutions)):
            g = g.subs(substitutions)
        return sp.simplify(sp.diff(g, var))

    return run


def _jacobian_product(fs, gs, inner, outer):
    def run():
        along = dict(zip(inner, gs, strict=True))
        jf = sp.Matrix(fs).jacobian(inner).subs(along)
        return sp.simplify(jf * sp.Matrix(gs).jacobian(outer))

    return run


def _symbolic_chain(layers):
    def run():
        w = sp.symbols(f"w1:{layers + 1}", real=True)
        b = sp.symbols(f"b1:{layers + 1}", real=True)
        a, y_ = sp.symbols("a0 y", real=True)
        for i in range(layers):
            a = sp.tanh(w[i] * a + b[i])
        cost = (a - y_) ** 2
        return [sp.diff(cost, p) for p in (*w, *b)]

    return run


def _numpy_backprop(weights, biases, inputs, target):
    """A forward and a backward pass in numpy (logistic), as a practitioner writes it."""

    def run():
        ws = [np.array(w, dtype=float) for w in weights]
        bs = [np.array(b, dtype=float) for b in biases]
        activations, zs = [np.array(inputs, dtype=float)], []
        for w, b in zip(ws, bs, strict=True):
            zs.append(w @ activations[-1] + b)
            activations.append(1 / (1 + np.exp(-zs[-1])))
        delta = 2 * (activations[-1] - np.array(target, dtype=float))
        gradients = []
        for layer in range(len(ws) - 1, -1, -1):
            delta = delta * activations[layer + 1] * (1 - activations[layer + 1])
            gradients.append((np.outer(delta, activations[layer]), delta))
            delta = ws[layer].T @ delta
        return gradients

    return run


CIRCLE = (x**2 * y, {x: sp.cos(t), y: sp.sin(t)}, t)
NESTED = (x**2 + x * y, {x: u * v, y: u + v, u: t**2, v: sp.sin(t)}, t)
PARTIAL = (sp.exp(x * y) + z, {x: s * t, y: s + t, z: s**2}, s)
MATRIX = ([x**2 * y, x + y, sp.sin(x * y)], [s * sp.cos(t), s * sp.sin(t)], (x, y), (s, t))
WEIGHTS = [[[0.5, -0.3], [0.8, 0.2]], [[0.7, -0.4]]]
BIASES = [[0.1, -0.1], [0.05]]
BIGGER = (
    [[[0.5, -0.3, 0.2], [0.8, 0.2, -0.6], [0.1, 0.4, 0.3]], [[0.7, -0.4, 0.2], [0.3, 0.9, -0.5]]],
    [[0.1, -0.1, 0.2], [0.05, -0.2]],
    [1.0, 0.5, -1.0],
    [1.0, 0.0],
)

CASES = [
    (
        "total derivative x² y, x = cos t, y = sin t",
        _ours(lambda: total_derivative(*CIRCLE)),
        _substituted_diff(*CIRCLE),
    ),
    (
        "total derivative, two levels, 4 paths",
        _ours(lambda: total_derivative(*NESTED)),
        _substituted_diff(*NESTED),
    ),
    (
        "partial total derivative ∂f/∂s, 3 intermediates",
        _ours(lambda: total_derivative(*PARTIAL)),
        _substituted_diff(*PARTIAL),
    ),
    (
        "matrix form (3×2)(2×2)",
        _ours(lambda: chain_matrix_form(*MATRIX)),
        _jacobian_product(*MATRIX),
    ),
    (
        "backprop symbolic, 2 layers, tanh",
        _ours(lambda: backprop_symbolic(2, "tanh")),
        _symbolic_chain(2),
    ),
    (
        "backprop symbolic, 3 layers, tanh",
        _ours(lambda: backprop_symbolic(3, "tanh")),
        _symbolic_chain(3),
    ),
    (
        "backprop numeric 2-2-1, logistic",
        _ours(lambda: backprop_numeric(WEIGHTS, BIASES, [1.0, 0.5], [1.0])),
        _numpy_backprop(WEIGHTS, BIASES, [1.0, 0.5], [1.0]),
    ),
    (
        "backprop numeric 3-3-2, logistic",
        _ours(lambda: backprop_numeric(*BIGGER)),
        _numpy_backprop(*BIGGER),
    ),
]
