"""The directional derivative (tutor.solvers.directional) against an independent computation:
sympy.diff for the gradient, numpy for the unit vector and the dot product at a point, and a
central difference quotient of f along û. Every tree goes through tests/verify.check_tree."""

import json

import numpy as np
import pytest
import sympy as sp

from tests.verify import check_tree, equal
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers.directional import directional_derivative

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")
XY, XYZ = (x, y), (x, y, z)

CASES = [
    (x**2 * y, XY, (3, 4), (1, 2)),
    (x * y, XY, (1, 1), (2, -1)),
    (sp.sin(x * y), XY, (1, 2), (sp.pi / 4, 1)),
    (sp.exp(x + y), XY, (-1, 0), (0, 0)),
    (sp.log(x**2 + y**2 + 1), XY, (2, -2), (1, 1)),
    (x**3 - 3 * x * y, XY, (0, 5), (2, 1)),
    (sp.sqrt(x**2 + y**2), XY, (1, -1), (3, 4)),
    (x / (y**2 + 1), XY, (5, 12), (1, 0)),
    (sp.atan(y / (x**2 + 1)), XY, (1, 3), (0, 1)),
    (sp.cos(x) * sp.sin(y), XY, (2, 1), (0, sp.pi / 2)),
    (x**2 + y**2, XY, (sp.sqrt(3), 1), (1, sp.sqrt(3))),
    (x * sp.exp(-y), XY, (sp.Rational(1, 2), sp.Rational(1, 3)), (2, 0)),
    (y**2, XY, (1, 0), (1, 1)),  # x absent, direction along x: 0
    (sp.Integer(3), XY, (1, 1), (0, 0)),  # a constant
    (x**2 * y, XY, (0.6, 0.8), (1, 2)),  # floats: already a unit vector
    (sp.sin(x) + y, XY, (0.3, -1.7), (0.5, 2.0)),  # floats everywhere
    (x * y * z, XYZ, (1, 2, 2), (1, 1, 1)),
    (x**2 + y**2 + z**2, XYZ, (2, 3, 6), (1, -1, 2)),
    (sp.exp(x * y * z), XYZ, (1, 0, 0), (0, 1, 1)),
    (sp.sin(x) * sp.cos(y) * z, XYZ, (1, 1, 1), (0, 0, 2)),
    (x * y + y * z + z * x, XYZ, (-1, 2, -2), (1, 2, 3)),
    (sp.log(x**2 + y**2 + z**2 + 1), XYZ, (0, 3, 4), (1, 0, 0)),
    (z * sp.exp(x) + y**2, XYZ, (4, 4, 7), (0, 1, 1)),
    (x**2 * y, XYZ, (0, 0, 1), (1, 2, 3)),  # z absent, direction along z: 0
    (x + 2 * y + 3 * z, XYZ, (1, 1, 1), (5, 5, 5)),
    (sp.sqrt(x**2 + y**2 + z**2), XYZ, (1, 2, 2), (1, 2, 2)),  # along the radius: 1
    (x**2, (x,), (-2,), (3,)),  # one variable: the ordinary derivative with a sign
    (x**3, (x,), (5,), (2,)),
    (sp.cosh(x) * y, XY, (3, -4), (0, 1)),
    (x * y**2, XY, (1, 1), (sp.Rational(1, 2), sp.sqrt(2))),
    (sp.tan(x) * y, XY, (2, 1), (0, 3)),
    (x**y, XY, (1, 1), (2, 1)),
]


def ids(case):
    return str(case)


def sound(step):
    failures = check_tree(step)
    assert failures == [], "\n".join(failures)


def reference_symbolic(f, variables, direction):
    """∇f · v/|v| with sympy.diff and sympy's own norm."""
    v = sp.Matrix(direction)
    u = v / v.norm()
    return sum((sp.diff(f, var) * u[i] for i, var in enumerate(variables)), sp.Integer(0))


def reference_numeric(f, variables, direction, point):
    """numpy: the unit vector and the dot product with the gradient evaluated at the point."""
    v = np.array([float(c) for c in direction])
    u = v / np.linalg.norm(v)
    values = dict(zip(variables, point, strict=True))
    grad = np.array([float(sp.diff(f, var).subs(values).evalf(30)) for var in variables])
    return float(grad @ u), u


def difference_quotient(f, variables, u, point, h=1e-6):
    """(f(p + h û) − f(p − h û)) / 2h: the rate of change along û, from f alone."""

    def at(t):
        values = {
            var: sp.Float(float(p) + t * float(ui), 30)
            for var, p, ui in zip(variables, point, u, strict=True)
        }
        return float(f.subs(values).evalf(30))

    return (at(h) - at(-h)) / (2 * h)


@pytest.mark.parametrize("f,variables,direction,point", CASES, ids=ids)
def test_directional_derivative_symbolic(f, variables, direction, point):
    step = directional_derivative(f, direction, variables)
    assert step.rule == "directional_derivative" and step.kind == "sequence"
    assert [c.rule for c in step.children] == ["gradient", "unit_vector", "dot_product"]
    assert [c.kind for c in step.children] == ["matrix", "rewrite", "rewrite"]
    unit = step.children[1]
    assert unit.children[0].rule == "vector_norm"
    ok, reason = equal(reference_symbolic(f, variables, direction), step.result)
    assert ok, reason
    numpy_unit = np.array([float(c) for c in direction]) / np.linalg.norm(
        [float(c) for c in direction]
    )
    assert np.allclose([float(c) for c in unit.result], numpy_unit, rtol=1e-12, atol=1e-14)
    sound(step)


@pytest.mark.parametrize("f,variables,direction,point", CASES, ids=ids)
def test_directional_derivative_at_a_point(f, variables, direction, point):
    step = directional_derivative(f, direction, variables, at=point)
    assert [c.rule for c in step.children][-1] == "directional_value"
    expected, u = reference_numeric(f, variables, direction, point)
    assert abs(float(step.result) - expected) <= 1e-9 * max(1.0, abs(expected))
    assert abs(difference_quotient(f, variables, u, point) - expected) <= 1e-5 * max(
        1.0, abs(expected)
    )
    exact = all(
        not sp.sympify(c).has(sp.Float) and not isinstance(c, float) for c in (*direction, *point)
    )
    assert (not step.result.has(sp.Float)) == exact
    assert ("digits" in step.details) == (not exact)
    sound(step)
    for fmt, detail in (("text", "brief"), ("text", "standard"), ("latex", "full")):
        assert render(step, fmt, detail)
    json.dumps(step_to_json_dict(step))
    for node in step.walk():
        assert node.rule in MESSAGES and title_of(node.rule) != node.rule, node.rule


def test_the_worked_solution_reads_step_by_step():
    out = render(directional_derivative(x**2 * y, (3, 4), at=(1, 2)))
    assert "v = (3, 4)" in out
    assert "|v| = √(3² + 4²) = 5" in out
    assert "û = v/|v| = (3, 4)/5 = (3/5, 4/5)" in out
    assert "D_û f = ∇f · û = (2x y)·3/5 + x²·4/5 = 4x²/5 + 6x y/5" in out
    assert out.splitlines()[-1].startswith("D_û f(1, 2) = 16/5")
    latex = render(directional_derivative(x**2 * y, (3, 4)), "latex")
    assert r"D_{\hat{u}} f = \nabla f \cdot \hat{u}" in latex


def test_exact_values_stay_exact():
    step = directional_derivative(x**2 + y**2, (1, 1), at=(1, 2))
    assert step.children[1].result == sp.Tuple(sp.sqrt(2) / 2, sp.sqrt(2) / 2)
    assert step.result == 3 * sp.sqrt(2)


def test_a_unit_vector_is_used_as_it_is():
    step = directional_derivative(x * y, (0, 1))
    assert step.children[1].details["already_unit"] is True and step.result == x
    assert "v is already a unit vector" in render(step)


def test_floats_state_their_precision():
    step = directional_derivative(x * y, (0.3, 1), at=(1, 2))
    assert step.details["digits"] == 10
    assert "10 significant digits" in render(step)


@pytest.mark.parametrize(
    "direction,message",
    [
        ((0, 0), "must not be the zero vector"),
        ((0.0, 0), "must not be the zero vector"),
        ((1, 2, 3), "3 components but the function has 2 variables"),
        ((1,), "1 components but the function has 2 variables"),
        ((1, z), "must be real numbers"),
        ((1, sp.I), "must be real numbers"),
        ((1, sp.oo), "must be real numbers"),
        (("1", 2), "must be a list of numbers"),
    ],
)
def test_bad_directions_are_value_errors(direction, message):
    with pytest.raises(ValueError, match=message):
        directional_derivative(x * y, direction, XY)


def test_a_bad_point_is_a_value_error():
    with pytest.raises(ValueError, match="3 coordinates but there are 2 variables"):
        directional_derivative(x * y, (1, 1), XY, at=(1, 2, 3))
    with pytest.raises(ValueError, match=r"\(x, y\) = \(0, 1\)"):
        directional_derivative(sp.log(x * y), (1, 1), XY, at=(0, 1))
