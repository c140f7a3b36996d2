"""Benchmark cases of the week-6 family (imported by bench/solvers.py).

CASES: (name, ours, baseline), both zero-argument callables doing the same job on the same data:
ours builds the Step tree with tutor.solvers.regression / fitting and renders it as text; the
baseline is the plain computation: numpy.polyfit for a straight line (weights 1/σ when the data
have uncertainties), a numpy χ² of the model, and a numpy gradient-descent loop whose gradient
comes from sympy.diff (lambdified) for the non-linear fit.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from tutor.render import render
from tutor.solvers.fitting import gradient_descent_fit
from tutor.solvers.regression import chi_squared, line_fit

x, a, b, c = (sp.Symbol(name, real=True) for name in ("x", "a", "b", "c"))
RNG = np.random.default_rng(6)

XS = [1, 2, 3, 4, 5]
YS = [Fraction(22, 10), Fraction(41, 10), Fraction(63, 10), Fraction(79, 10), Fraction(102, 10)]
NOISY_X = np.round(np.linspace(0, 10, 40), 3)
NOISY_Y = np.round(1.5 * NOISY_X - 2 + RNG.normal(0, 0.5, NOISY_X.size), 3)
SIGMA = np.round(RNG.uniform(0.2, 1.0, NOISY_X.size), 2)
GRID = np.linspace(0, 2, 10)
GROWTH = np.round(2 * np.exp(0.5 * GRID) + RNG.normal(0, 0.05, GRID.size), 4)


def _ours(build):
    return lambda: render(build(), "text")


def _polyfit(xs, ys, sigma=None):
    X, Y = np.array(xs, dtype=float), np.array(ys, dtype=float)
    w = None if sigma is None else 1 / np.array(sigma, dtype=float)
    return lambda: np.polyfit(X, Y, 1, w=w)


def _numpy_chi2(model, values, xs, ys, sigma=None):
    X, Y = np.array(xs, dtype=float), np.array(ys, dtype=float)
    S = np.ones_like(X) if sigma is None else np.array(sigma, dtype=float)

    def run():
        f = sp.lambdify(x, model.subs(values), "numpy")
        return float(np.sum(((Y - f(X)) / S) ** 2))

    return run


def _numpy_descent(model, params, xs, ys, start, rate, steps):
    """A plain gradient-descent loop: ∂f/∂p from sympy.diff, evaluated with numpy."""

    def run():
        f = sp.lambdify((x, *params), model, "numpy")
        slopes = [sp.lambdify((x, *params), sp.diff(model, p), "numpy") for p in params]
        X, Y = np.array(xs, dtype=float), np.array(ys, dtype=float)
        p = np.array(start, dtype=float)
        for _ in range(steps):
            residual = Y - f(X, *p)
            gradient = np.array([-2 * np.sum(residual * s(X, *p)) for s in slopes])
            p = p - rate * gradient
        return p

    return run


def _fit(model, params, xs, ys, start, rate, steps):
    return lambda: gradient_descent_fit(list(xs), list(ys), model, params, start, rate, steps)


CASES = [
    ("line, exact decimals", _ours(lambda: line_fit(XS, YS)), _polyfit(XS, YS)),
    (
        "line, 40 floats",
        _ours(lambda: line_fit(list(NOISY_X), list(NOISY_Y))),
        _polyfit(NOISY_X, NOISY_Y),
    ),
    (
        "line, 40 weighted",
        _ours(lambda: line_fit(list(NOISY_X), list(NOISY_Y), list(SIGMA))),
        _polyfit(NOISY_X, NOISY_Y, SIGMA),
    ),
    (
        "chi2 of 2x + 0.2, exact",
        _ours(lambda: chi_squared(XS, YS, 2 * x + sp.Rational(1, 5), {}, x)),
        _numpy_chi2(2 * x + 0.2, {}, XS, YS),
    ),
    (
        "chi2 of a exp(b x), 10 points",
        _ours(lambda: chi_squared(list(GRID), list(GROWTH), a * sp.exp(b * x), {a: 2, b: 0.5}, x)),
        _numpy_chi2(a * sp.exp(b * x), {a: 2, b: 0.5}, GRID, GROWTH),
    ),
    (
        "descent a exp(b x), 200 steps",
        _ours(_fit(a * sp.exp(b * x), (a, b), GRID, GROWTH, (1, 0.1), 0.002, 200)),
        _numpy_descent(a * sp.exp(b * x), (a, b), GRID, GROWTH, (1, 0.1), 0.002, 200),
    ),
    (
        "descent a x^2 + b, 50 steps",
        _ours(_fit(a * x**2 + b, (a, b), GRID, GROWTH, (0, 0), 0.01, 50)),
        _numpy_descent(a * x**2 + b, (a, b), GRID, GROWTH, (0, 0), 0.01, 50),
    ),
    (
        "descent a sin(b x) + c, 100 steps",
        _ours(_fit(a * sp.sin(b * x) + c, (a, b, c), GRID, GROWTH, (1, 1, 1), 0.005, 100)),
        _numpy_descent(a * sp.sin(b * x) + c, (a, b, c), GRID, GROWTH, (1, 1, 1), 0.005, 100),
    ),
]
