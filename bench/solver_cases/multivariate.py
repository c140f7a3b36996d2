"""Benchmark cases of the week-2 family (imported by bench/solvers.py).

CASES: (name, ours, baseline), both zero-argument callables doing the same job: ours builds the
Step tree with tutor.solvers.multivariate / directional and renders it as text; the baseline is
the plain sympy call on the same inputs (sympy.diff, Matrix.jacobian, sympy.hessian).
"""

from __future__ import annotations

import sympy as sp

from tutor.render import render
from tutor.solvers.directional import directional_derivative
from tutor.solvers.multivariate import at_point, gradient, hessian, jacobian, partial_derivative

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")
XY, XYZ = [x, y], [x, y, z]


def _ours(build):
    return lambda: render(build(), "text")


def _directional_baseline(f, variables, direction, point):
    def run():
        v = sp.Matrix(direction)
        u = v / v.norm()
        grad = sp.Matrix([sp.diff(f, var) for var in variables])
        return (grad.T * u)[0].subs(dict(zip(variables, point, strict=True)))

    return run


F_PARTIAL = x**2 * sp.sin(y) * y + sp.exp(x * y)
F_GRADIENT = sp.log(x**2 + y**2 + z**2 + 1) * x
F_HESSIAN = sp.exp(x * y) + x**3 * y
F_HESSIAN_3 = sp.sin(x) * sp.cos(y) * z + x * y * z
POLAR = [x * sp.cos(y), x * sp.sin(y)]
SPHERICAL = [x * sp.sin(y) * sp.cos(z), x * sp.sin(y) * sp.sin(z), x * sp.cos(y)]

CASES = [
    (
        "partial x² y sin y + e^(xy) by y",
        _ours(lambda: partial_derivative(F_PARTIAL, y, XY)),
        lambda: sp.diff(F_PARTIAL, y),
    ),
    (
        "gradient x ln(x²+y²+z²+1)",
        _ours(lambda: gradient(F_GRADIENT, XYZ)),
        lambda: sp.Matrix([F_GRADIENT]).jacobian(XYZ),
    ),
    (
        "jacobian polar (2×2, det)",
        _ours(lambda: jacobian(POLAR, XY)),
        lambda: sp.Matrix(POLAR).jacobian(XY).det(),
    ),
    (
        "jacobian spherical (3×3, det)",
        _ours(lambda: jacobian(SPHERICAL, XYZ)),
        lambda: sp.simplify(sp.Matrix(SPHERICAL).jacobian(XYZ).det()),
    ),
    (
        "jacobian 2×3 at (1, 2, 3)",
        _ours(lambda: at_point(jacobian([x * y * z, x + y**2 + z**3], XYZ), (1, 2, 3))),
        lambda: sp.Matrix([x * y * z, x + y**2 + z**3]).jacobian(XYZ).subs({x: 1, y: 2, z: 3}),
    ),
    (
        "hessian e^(xy) + x³y",
        _ours(lambda: hessian(F_HESSIAN, XY)),
        lambda: sp.hessian(F_HESSIAN, XY),
    ),
    (
        "hessian sin x cos y z + xyz at a point",
        _ours(lambda: at_point(hessian(F_HESSIAN_3, XYZ), (0, sp.pi / 4, 2))),
        lambda: sp.hessian(F_HESSIAN_3, XYZ).subs({x: 0, y: sp.pi / 4, z: 2}),
    ),
    (
        "directional x² y along (3, 4) at (1, 2)",
        _ours(lambda: directional_derivative(x**2 * y, (3, 4), XY, at=(1, 2))),
        _directional_baseline(x**2 * y, XY, (3, 4), (1, 2)),
    ),
]
