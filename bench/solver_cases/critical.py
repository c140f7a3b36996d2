"""Benchmark cases of the week-5 critical-point family (imported by bench/solvers.py).

CASES: (name, ours, baseline), both zero-argument callables doing the same job: ours builds the
Step tree with tutor.solvers.stationary / lagrange and renders it as text; the baseline is the
plain sympy computation on the same inputs: sympy.solve of the gradient system plus the
eigenvalues of sympy.hessian at each real point, or sympy.solve of the Lagrange system.
"""

from __future__ import annotations

import sympy as sp

from tutor.render import render
from tutor.solvers.lagrange import lagrange
from tutor.solvers.stationary import stationary_points

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")
lam, mu = sp.symbols("lambda mu", real=True)
XY, XYZ = [x, y], [x, y, z]


def _ours(build):
    return lambda: render(build(), "text")


def _stationary_baseline(f, variables):
    def run():
        gradient = [sp.diff(f, v) for v in variables]
        H = sp.hessian(f, variables)
        out = []
        for point in sp.solve(gradient, variables, dict=True):
            if all(v in point and point[v].is_real for v in variables):
                out.append((point, f.subs(point), H.subs(point).eigenvals()))
        return out

    return run


def _lagrange_baseline(f, constraints, variables):
    def run():
        multipliers = [lam, mu][: len(constraints)]
        equations = [
            sp.diff(f, v)
            - sum(m * sp.diff(g, v) for m, g in zip(multipliers, constraints, strict=True))
            for v in variables
        ] + list(constraints)
        found = sp.solve(equations, variables + multipliers, dict=True)
        return [(s, f.subs(s)) for s in found if all(value.is_real for value in s.values())]

    return run


STATIONARY = [
    ("stationary x³ − 3x + y²", x**3 - 3 * x + y**2, XY),
    ("stationary x³ − 3xy + y³", x**3 - 3 * x * y + y**3, XY),
    ("stationary x e^(−x²−y²)", x * sp.exp(-(x**2) - y**2), XY),
    ("stationary x y (1 − x − y)", x * y * (1 - x - y), XY),
    ("stationary 3 variables", x**3 - 3 * x + y**3 - 3 * y + z**2, XYZ),
]
LAGRANGE = [
    ("lagrange x y on the unit circle", x * y, [x**2 + y**2 - 1], XY),
    ("lagrange x² y on x² + y² = 3", x**2 * y, [x**2 + y**2 - 3], XY),
    ("lagrange x y z on x + y + z = 3", x * y * z, [x + y + z - 3], XYZ),
    ("lagrange two constraints", x + y + z, [x**2 + y**2 - 2, x + z - 1], XYZ),
]

CASES = [
    (name, _ours(lambda f=f, v=v: stationary_points(f, v)), _stationary_baseline(f, v))
    for name, f, v in STATIONARY
] + [
    (name, _ours(lambda f=f, g=g, v=v: lagrange(f, g, v)), _lagrange_baseline(f, g, v))
    for name, f, g, v in LAGRANGE
]
