"""Benchmark cases of the week-5 iteration family (imported by bench/solvers.py).

CASES: (name, ours, baseline), both zero-argument callables doing the same job: ours builds the
Step tree with tutor.solvers.newton / descent and renders it as text; the baseline is the plain
computation on the same inputs: sympy.diff once, then a float loop (Newton), or the gradient from
sympy.diff once, then a numpy loop (descent). Both stop under the same rule (tolerance or steps).
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from tutor.render import render
from tutor.solvers.descent import gradient_descent
from tutor.solvers.newton import newton_raphson

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")


def _newton(f, x0, steps=20, tolerance=1e-10):
    def ours():
        return render(newton_raphson(f, x, x0, steps, tolerance), "text")

    def baseline():
        f_num = sp.lambdify(x, f, "math")
        df_num = sp.lambdify(x, sp.diff(f, x), "math")
        value = float(x0)
        for _ in range(steps):
            following = value - f_num(value) / df_num(value)
            if abs(following - value) < tolerance:
                return following
            value = following
        return value

    return ours, baseline


def _descent(f, variables, start, rate, steps=None, tolerance=None):
    def ours():
        return render(gradient_descent(f, variables, start, rate, steps, tolerance), "text")

    def baseline():
        gradient = sp.lambdify(variables, [sp.diff(f, v) for v in variables], "numpy")
        point = np.array([float(v) for v in start])
        for _ in range(steps or 1000):
            slope = np.array(gradient(*point), dtype=float)
            if tolerance is not None and np.linalg.norm(slope) < tolerance:
                break
            point = point - float(rate) * slope
        return point

    return ours, baseline


CASES = [
    ("newton x³ − 2x − 5 from 2 (exact→float)", *_newton(x**3 - 2 * x - 5, 2)),
    ("newton x² − 2 from 1 (exact rationals)", *_newton(x**2 - 2, 1, steps=4)),
    ("newton cos x − x from 1 (floats)", *_newton(sp.cos(x) - x, 1)),
    ("newton x e^x − 1 from 1", *_newton(x * sp.exp(x) - 1, 1)),
    ("newton x³ from 1, 40 steps (linear)", *_newton(x**3, 1, steps=40, tolerance=1e-30)),
    (
        "descent x² + 3y², η = 1/10, 10 steps",
        *_descent(x**2 + 3 * y**2, [x, y], (1, 1), sp.Rational(1, 10), 10),
    ),
    ("descent x² + 3y², η = 0.1, 100 steps", *_descent(x**2 + 3 * y**2, [x, y], (1, 1), 0.1, 100)),
    (
        "descent 3 variables to |∇f| < 1e-6",
        *_descent(x**2 + y**2 + z**2 - x * y, [x, y, z], (1, 2, 3), 0.3, None, 1e-6),
    ),
    (
        "descent e^(x+y) + x² + y² to 1e-7",
        *_descent(sp.exp(x + y) + x**2 + y**2, [x, y], (1, 1), 0.2, None, 1e-7),
    ),
]
