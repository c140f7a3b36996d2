"""Stationary points (tutor.solvers.stationary) against an independent computation: sympy.solve
of the gradient system (sympy.diff), sympy.hessian at each point and numpy.linalg.eigvalsh for
its eigenvalues. Every tree goes through tests/verify.check_tree and renders in text, LaTeX and
JSON; the edge cases (singular Hessian, no real critical point, families of stationary points,
systems out of reach) are stated in the tree."""

import json

import numpy as np
import pytest
import sympy as sp

from tests.verify import check_tree
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers.stationary import stationary_points
from tutor.solvers.systems import solve_system

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")
X, XY, XYZ = (x,), (x, y), (x, y, z)
E = sp.exp

# (f, variables): every case has finitely many real stationary points that sympy.solve finds
CASES = [
    (x**3 - 3 * x, X),
    (x**4 - 4 * x**3, X),  # f''(0) = 0: inconclusive, and neither
    (x * E(-x), X),
    (x**2 * E(-x), X),
    (x * sp.log(x), X),
    (x + 1 / x, X),
    (x**4, X),  # f''(0) = 0: a minimum by the higher-order check
    (x**5 - 5 * x, X),
    (x**4 / 4 - 3 * x**2 / 2 + x, X),  # f' = x³ − 3x + 1: three irrational roots, as floats
    (x**3 - 3 * x + y**2, XY),
    (x**4 + y**4, XY),  # singular Hessian, a minimum
    (x**3 + y**2, XY),  # singular Hessian, neither
    (x * E(-(x**2) - y**2), XY),
    (x**3 - 3 * x * y + y**3, XY),
    (x * y * (1 - x - y), XY),
    (x**2 + x * y + y**2, XY),
    (x**2 - y**2, XY),  # a saddle
    (x * y, XY),
    (x**2 * y - x**2 - y**2, XY),
    (x**4 + y**4 - 4 * x * y, XY),
    (2 * x**3 + x * y**2 + 5 * x**2 + y**2, XY),
    (x**2 + y**2 - 2 * x - 6 * y + 14, XY),
    (E(x * y), XY),
    (x * y + 1 / x + 1 / y, XY),
    (x / (x**2 + y**2 + 1), XY),
    (x**4 / 4 - 3 * x**2 / 2 + x + y**2, XY),
    (sp.Rational(1, 2) * x**2 + sp.sqrt(2) * x * y + 2 * y**2 - y, XY),
    (x**2 + y**2 + z**2 - x * y + x * z, XYZ),
    (x**2 - y**2 + z**2, XYZ),
    (x**3 - 3 * x + y**3 - 3 * y + z**2, XYZ),
    (x**2 + 2 * y**2 + 3 * z**2 - 2 * x * y, XYZ),
    (x * y + y * z + z * x, XYZ),
    (x**4 + y**2 + z**2, XYZ),  # a zero eigenvalue, a minimum
    (x**2 + y**2 + z**2 + 2 * x - 4 * z, XYZ),
]

NONE = [
    (x + y, XY),
    (E(x) + y**2, XY),
    (x**3 + x, X),
    (E(x) + x, X),
    (x + y**3 + 3 * y, XY),
    (x + y + z, XYZ),
]

REFINED = [
    (x**4 + y**4, "minimum"),
    (x**3 + y**2, "neither"),
    (x**4, "minimum"),
    (x**4 - 4 * x**3, "neither"),
    (x**4 + y**2 + z**2, "minimum"),
    (-(x**4) - y**4, "maximum"),
]


def reference_points(f, variables):
    """Real, isolated solutions of ∇f = 0 by sympy.solve of sympy.diff, as float tuples."""
    gradient = [sp.diff(f, v) for v in variables]
    points = []
    for solution in sp.solve(gradient, variables, dict=True):
        if not all(v in solution for v in variables):
            continue
        values = [complex(sp.N(solution[v], 30)) for v in variables]
        if all(abs(value.imag) < 1e-12 for value in values):
            points.append(tuple(value.real for value in values))
    return sorted(points)


def floats(point):
    return tuple(float(sp.N(c, 30)) for c in point)


def expected_type(eigenvalues, tolerance=1e-9):
    if all(e > tolerance for e in eigenvalues):
        return "minimum"
    if all(e < -tolerance for e in eigenvalues):
        return "maximum"
    if min(eigenvalues) < -tolerance and max(eigenvalues) > tolerance:
        return "saddle"
    return "inconclusive"


def renders(step):
    assert render(step, "text")
    assert render(step, "latex")
    json.dumps(step_to_json_dict(step))
    for rule in step.rules_used():
        assert rule in MESSAGES, rule
        assert title_of(rule), rule


@pytest.mark.parametrize("f,variables", CASES, ids=str)
def test_points_values_and_classification(f, variables):
    step = stationary_points(f, variables)
    assert check_tree(step) == []
    found = sorted(floats(p) for p in step.result)
    expected = reference_points(f, variables)
    assert np.allclose(found, expected, atol=1e-9), (found, expected)
    H = sp.hessian(f, variables)
    points = [c for c in step.children if c.rule == "stationary_point"]
    for child in points:
        at = dict(zip(variables, child.details["point"], strict=True))
        assert float(sp.N(child.result - f.subs(at), 30)) == pytest.approx(0, abs=1e-9)
        matrix = np.array(sp.N(H.subs(at), 30).tolist(), dtype=float)
        eigenvalues = np.linalg.eigvalsh(matrix)
        assert child.details["classification"] == expected_type(eigenvalues)
        if len(variables) > 1:
            mine = sorted(float(sp.N(e, 30)) for e in child.details["eigenvalues"])
            assert np.allclose(mine, sorted(eigenvalues), atol=1e-9)
        if len(variables) == 2:
            assert float(sp.N(child.details["determinant"], 30)) == pytest.approx(
                np.linalg.det(matrix), abs=1e-9
            )
    assert step.details["classifications"] == tuple(c.details["classification"] for c in points)
    renders(step)


@pytest.mark.parametrize("f,variables", NONE, ids=str)
def test_no_real_stationary_point(f, variables):
    step = stationary_points(f, variables)
    assert step.result == sp.Tuple() and step.details["outcome"] == "none"
    assert reference_points(f, variables) == []
    assert check_tree(step) == []
    assert "No real stationary point" in render(step)
    renders(step)


@pytest.mark.parametrize("f,verdict", REFINED, ids=str)
def test_singular_hessian_is_inconclusive_then_refined(f, verdict):
    step = stationary_points(f)
    points = [c for c in step.children if c.rule == "stationary_point"]
    (point,) = [c for c in points if all(v == 0 for v in c.details["point"])]
    assert point.details["classification"] == "inconclusive"
    assert point.details["refined"] == verdict
    text = render(step)
    assert "inconclusive" in text


def test_saddle_and_minimum_sentences():
    text = render(stationary_points(x**3 - 3 * x + y**2))
    assert "D < 0: a saddle point" in text
    assert "D > 0 and fₓₓ > 0: a local minimum" in text
    assert "(−1, 0)  2   −12  −6   saddle point" in text


def test_line_of_stationary_points_is_a_family():
    step = stationary_points((x - y) ** 2)
    assert step.details["outcome"] == "family"
    assert step.result == sp.Tuple(sp.Tuple(y, y))
    (point,) = [c for c in step.children if c.rule == "stationary_point"]
    assert point.details["classification"] == "family"
    for derivative in (sp.diff((x - y) ** 2, v) for v in XY):
        assert sp.simplify(derivative.subs(x, y)) == 0
    assert "Infinitely many solutions: (y, y), for every real y" in render(step)


def test_axes_of_stationary_points():
    step = stationary_points(x**2 * y**2)
    assert step.details["outcome"] == "family"
    assert set(step.result) == {sp.Tuple(0, y), sp.Tuple(x, 0)}
    assert check_tree(step) == []


def test_circle_of_stationary_points_and_isolated_maximum():
    f = (x**2 + y**2 - 1) ** 2
    step = stationary_points(f)
    assert step.result == sp.Tuple(sp.Tuple(0, 0))
    assert step.details["classifications"] == ("maximum",)
    system = step.children[1]
    (curve,) = system.details["curves"]
    assert [sp.expand(eq.lhs - eq.rhs) for eq in curve] == [x**2 + y**2 - 1]
    assert "every point of the curve x² + y² − 1 = 0" in render(step)
    renders(step)


def test_periodic_system_is_stated_unsolved():
    step = stationary_points(sp.sin(x) + y**2)
    assert step.details["outcome"] == "unsolved"
    assert step.result == sp.Tuple()
    assert "periodic" in render(step)
    assert check_tree(step) == []


def test_a_system_out_of_reach_is_stated_unsolved():
    step = solve_system([x**5 + y**5 - 1, x**3 * y**2 - x - 1], XY)
    assert step.details["outcome"] == "unsolved" and step.result == sp.Tuple()
    assert "Not solved step by step" in render(step)
    assert check_tree(step) == []


def test_floats_carry_their_precision():
    step = stationary_points(x**4 / 4 - 3 * x**2 / 2 + x)
    system = step.children[1]
    assert system.details["digits"] == 10
    assert "values to 10 significant digits" in render(step)
    roots = sorted(float(r) for r in np.roots([1, 0, -3, 1]).real)
    assert np.allclose(sorted(floats(p)[0] for p in step.result), roots)


def test_one_variable_uses_the_second_derivative():
    step = stationary_points(x**3 - 3 * x)
    assert step.details["test"] == "second_derivative"
    text = render(step)
    assert "f'(x) = d/dx [x³ − 3x]" in text and "f'' < 0: a local maximum" in text
    assert "x = −1 or 1" in text


def test_three_variables_use_the_eigenvalues():
    step = stationary_points(x**2 + y**2 + z**2 - x * y + x * z)
    text = render(step)
    assert "det(H − λI)" in text and "H is positive definite, a local minimum" in text


def test_detail_levels_and_formats():
    step = stationary_points(x * y * (1 - x - y))
    brief, standard, full = (render(step, "text", d) for d in ("brief", "standard", "full"))
    assert len(brief) < len(standard) <= len(full)
    latex = render(step, "latex")
    assert r"\begin{bmatrix}" in latex and r"\text{saddle point}" in latex
    data = step_to_json_dict(step)
    assert data["rule"] == "stationary_points" and data["kind"] == "solution"


@pytest.mark.parametrize(
    "f,variables,message",
    [
        (x * y * z * sp.Symbol("w", real=True), None, "1 to 3 variables"),
        (sp.Integer(3), None, "constant"),
        (x * sp.Symbol("a", real=True), (x,), "not among the variables"),
    ],
)
def test_invalid_requests(f, variables, message):
    with pytest.raises(ValueError, match=message):
        stationary_points(f, variables)


SYSTEMS = [
    ([x**2 + y**2 - 4, x**2 - y**2 - 1], XY),  # combine: eliminate x²
    ([x**2 + y**2 - 4, x * y - 1], XY),  # c·v + r with c = y
    ([x * y - 1, x + y], XY),  # no real solution
    ([2 * y**2 - 2 * x**2, x**2 + y**2 - 1], XY),
    ([y - x, z - x, z - y, x**2 + y**2 + z**2 - 1], XYZ),
    ([x**2 + y**2 + z**2 - 1, x + y + z, x - y], XYZ),
    ([x**3 - y, y**3 - x], XY),  # y⁹ − y: the factors y⁴ + 1 and y² + 1 are never zero
    ([x**2 * y + y**3 - y - x, x * y - 2], XY),  # y = 0 or x = 2/y; no real solution
    ([x**2 + y**2 - 5, x**2 * y - 2 * x + y**3], XY),  # a Gröbner basis
    ([x**2 + y**2 - 1, x**2 + y**2 - 4], XY),  # combined: 3 = 0
    ([E(x) + E(y) - 3, E(x) - E(y) - 1], XY),  # sympy.solve
]


@pytest.mark.parametrize("equations,unknowns", SYSTEMS, ids=str)
def test_systems_against_sympy_solve(equations, unknowns):
    step = solve_system(equations, unknowns)
    assert check_tree(step) == []
    found = sorted(floats(p) for p in step.result)
    expected = []
    for solution in sp.solve(equations, unknowns, dict=True):
        values = [complex(sp.N(solution[u], 30)) for u in unknowns]
        if all(abs(v.imag) < 1e-12 for v in values):
            expected.append(tuple(v.real for v in values))
    assert np.allclose(found, sorted(expected), atol=1e-9), (found, expected)
    renders(step)
