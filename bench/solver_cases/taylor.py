"""Benchmark cases of the week-4 family (imported by bench/solvers.py).

CASES: (name, ours, baseline), both zero-argument callables doing the same job: ours builds the
Step tree with tutor.solvers.taylor / taylor_error / taylor_two and renders it as text; the
baseline is the plain sympy call on the same inputs: sympy.series(...).removeO() for the
polynomials and the linearisation (plus the derivative's maximum sampled with numpy for the
bound), and
f(a, b) + ∇f·Δ + ½ Δᵀ H Δ from sympy.diff and sympy.hessian for two variables.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from tutor.render import render
from tutor.solvers.taylor import linearisation, taylor_polynomial
from tutor.solvers.taylor_error import truncation_error
from tutor.solvers.taylor_two import taylor_two_variables

x, y = (sp.Symbol(name, real=True) for name in "xy")
R = sp.Rational


def _ours(build):
    return lambda: render(build(), "text")


def _series(f, a, n):
    return lambda: sp.series(f, x, a, n + 1).removeO()


def _bound_baseline(f, a, n, r):
    """The series, then M = max |f⁽ⁿ⁺¹⁾| on [a − r, a + r] sampled with numpy on 10⁴ points
    (sympy's solveset of f⁽ⁿ⁺²⁾ = 0 does not return for e^(−x²)), then M rⁿ⁺¹/(n+1)!."""

    def run():
        sp.series(f, x, a, n + 1).removeO()
        g = sp.lambdify(x, sp.diff(f, x, n + 1), "numpy")
        grid = np.linspace(float(a - r), float(a + r), 10_001)
        m = float(np.max(np.abs(g(grid) * np.ones_like(grid))))
        return m * float(r) ** (n + 1) / math.factorial(n + 1)

    return run


def _two_baseline(f, point):
    def run():
        at = dict(zip((x, y), point, strict=True))
        delta = sp.Matrix([x - point[0], y - point[1]])
        grad = sp.Matrix([sp.diff(f, v) for v in (x, y)]).subs(at)
        hess = sp.hessian(f, (x, y)).subs(at)
        return sp.expand(f.subs(at) + (grad.T * delta)[0] + (delta.T * hess * delta)[0] / 2)

    return run


CASES = [
    (
        "Maclaurin e^x sin x, order 4",
        _ours(lambda: taylor_polynomial(sp.exp(x) * sp.sin(x), x, 0, 4)),
        _series(sp.exp(x) * sp.sin(x), 0, 4),
    ),
    (
        "sin x about π/4, order 3",
        _ours(lambda: taylor_polynomial(sp.sin(x), x, sp.pi / 4, 3)),
        _series(sp.sin(x), sp.pi / 4, 3),
    ),
    (
        "tan x Maclaurin, order 7",
        _ours(lambda: taylor_polynomial(sp.tan(x), x, 0, 7)),
        _series(sp.tan(x), 0, 7),
    ),
    (
        "ln(1+x)/(1+x), order 10",
        _ours(lambda: taylor_polynomial(sp.log(1 + x) / (1 + x), x, 0, 10)),
        _series(sp.log(1 + x) / (1 + x), 0, 10),
    ),
    (
        "linearisation √x at 4, estimate",
        _ours(lambda: linearisation(sp.sqrt(x), x, 4, estimate=R(41, 10))),
        _series(sp.sqrt(x), 4, 1),
    ),
    (
        "ln x at 1, order 3, bound r = 1/2",
        _ours(lambda: truncation_error(sp.log(x), x, 1, 3, radius=R(1, 2))),
        _bound_baseline(sp.log(x), 1, 3, R(1, 2)),
    ),
    (
        "e^(−x²), order 4, bound (numeric M)",
        _ours(lambda: truncation_error(sp.exp(-(x**2)), x, 0, 4, radius=R(1, 2))),
        _bound_baseline(sp.exp(-(x**2)), 0, 4, R(1, 2)),
    ),
    (
        "e^(xy) about (1, 2), order 2",
        _ours(lambda: taylor_two_variables(sp.exp(x * y), (x, y), (1, 2))),
        _two_baseline(sp.exp(x * y), (1, 2)),
    ),
    (
        "sin x cos y about (π/4, 0), order 2",
        _ours(lambda: taylor_two_variables(sp.sin(x) * sp.cos(y), (x, y), (sp.pi / 4, 0))),
        _two_baseline(sp.sin(x) * sp.cos(y), (sp.pi / 4, 0)),
    ),
]
