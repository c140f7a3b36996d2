"""Gradient descent (tutor.solvers.descent): every point against a numpy loop whose gradient comes
from sympy.diff, every tree through check_tree, every case rendered in text, LaTeX and JSON, and
the edge cases: divergence with the largest stable rate stated, a cycle, f unbounded below, an
undefined point, convergence at a tolerance, exact rational iterates, 1, 2 and 3 variables."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp

from tests.verify import check_tree
from tutor.render import render
from tutor.render.messages import MESSAGES, TITLES
from tutor.solvers.descent import gradient_descent

x, y, z = sp.symbols("x y z", real=True)
R = sp.Rational

# (f, variables, start, rate, keyword arguments, expected outcome)
CASES = [
    (x**2, [x], (1,), R(1, 10), {}, "steps_done"),
    (x**2 - 4 * x, [x], (0,), R(1, 4), {}, "steps_done"),
    ((x - 3) ** 2, [x], (0,), 0.1, {"tolerance": 1e-8}, "converged"),
    (x**4, [x], (1,), R(1, 10), {}, "steps_done"),
    (sp.cos(x), [x], (1,), R(1, 2), {"tolerance": R(1, 10**9)}, "converged"),
    (sp.exp(x) - 2 * x, [x], (0,), R(1, 2), {"steps": 20}, "stationary"),
    (x**2 + sp.exp(-x), [x], (2,), 0.2, {"tolerance": 1e-10}, "converged"),
    (sp.log(1 + x**2), [x], (1,), 1, {"steps": 15}, "stationary"),
    (x**2 + 3 * y**2, [x, y], (1, 1), R(1, 10), {}, "steps_done"),
    (x**2 + 3 * y**2, [x, y], (1, 1), 0.1, {"steps": 40}, "steps_done"),
    (x**2 + y**2, [x, y], (3, -4), R(1, 4), {}, "steps_done"),
    ((x - 1) ** 2 + (y + 2) ** 2, [x, y], (0, 0), R(1, 3), {"tolerance": R(1, 10**6)}, "converged"),
    (x**2 + x * y + y**2, [x, y], (1, 2), 0.5, {"tolerance": 1e-9}, "converged"),
    (2 * x**2 - 2 * x * y + y**2 - 2 * y, [x, y], (0, 0), R(1, 5), {"steps": 30}, "steps_done"),
    ((1 - x) ** 2 + 10 * (y - x**2) ** 2, [x, y], (0, 0), 0.01, {"steps": 50}, "steps_done"),
    (x**2 + sp.sin(y) ** 2, [x, y], (1, 1), R(1, 4), {"steps": 25}, "steps_done"),
    (sp.exp(x + y) + x**2 + y**2, [x, y], (1, 1), 0.2, {"tolerance": 1e-7}, "converged"),
    (x**4 + y**4, [x, y], (1, R(1, 2)), R(1, 20), {}, "steps_done"),
    (
        (x - 1) ** 2 + sp.exp(y) - y,
        [x, y],
        (0, 0),
        R(1, 4),
        {"tolerance": R(1, 10**8)},
        "converged",
    ),
    (x**2 + 3 * y**2, [x, y], (2, -1), R(1, 4), {"steps": 12}, "steps_done"),
    (sp.sqrt(x**2 + y**2 + 1), [x, y], (2, 1), 1, {"steps": 15}, "stationary"),
    (x**2 * y**2 + x**2 + y**2, [x, y], (1, 1), 0.1, {"steps": 20}, "steps_done"),
    (x**2 + y**2 + z**2, [x, y, z], (1, 2, 3), R(1, 4), {}, "steps_done"),
    (x**2 + y**2 + z**2 - x * y, [x, y, z], (1, 2, 3), 0.3, {"tolerance": 1e-6}, "converged"),
    (
        (x - 1) ** 2 + 2 * (y - 2) ** 2 + 3 * (z + 1) ** 2,
        [x, y, z],
        (0, 0, 0),
        0.1,
        {"steps": 30},
        "steps_done",
    ),
    (
        x**2 + y**2 + z**2 + x * y * z,
        [x, y, z],
        (R(1, 2), R(1, 2), R(1, 2)),
        R(1, 5),
        {},
        "steps_done",
    ),
    (
        sp.exp(x) + sp.exp(y) + sp.exp(z) - x - y - z,
        [x, y, z],
        (1, -1, 2),
        0.8,
        {"tolerance": 1e-8},
        "converged",
    ),
    (x**2 + 2 * y**2 + 3 * z**2, [x, y, z], (1, 1, 1), R(1, 10), {"steps": 6}, "steps_done"),
    (sp.cos(x) + sp.cos(y) + z**2, [x, y, z], (1, 2, 1), 0.5, {"steps": 20}, "steps_done"),
    (x**2 + 3 * y**2, [y, x], (1, 2), R(1, 10), {"steps": 5}, "steps_done"),
    (x**2 + 3 * y**2, [x, y], (1, 1), R(1, 2), {}, "diverging"),
    (x**2, [x], (1,), 1, {}, "cycling"),
    (x**2 + y**2, [x, y], (0, 0), R(1, 10), {}, "stationary"),
]


def reference_points(f, variables, start, rate, count: int) -> list[np.ndarray]:
    """p_0 ... p_count by a numpy loop, the gradient from sympy.diff (not the solver's partials)."""
    gradient = sp.lambdify(variables, [sp.diff(f, v) for v in variables], "numpy")
    points = [np.array([float(v) for v in start])]
    for _ in range(count):
        current = points[-1]
        points.append(current - float(rate) * np.array(gradient(*current), dtype=float))
    return points


def points(step) -> list[list[sp.Basic]]:
    rows = [child for child in step.children if child.rule == "descent_iteration"]
    values = [list(row.details["point"]) for row in rows]
    if rows and len(rows[-1].children) == 4:
        values.append(list(rows[-1].result))
    return values


@pytest.fixture(
    scope="module", params=range(len(CASES)), ids=lambda i: f"{CASES[i][0]}@{CASES[i][2]}"
)
def case(request):
    f, variables, start, rate, options, outcome = CASES[request.param]
    step = gradient_descent(f, variables, start, rate, **options)
    return f, variables, start, rate, options, outcome, step


def test_every_point_matches_a_numpy_loop(case):
    f, variables, start, rate, _, outcome, step = case
    assert step.details["outcome"] == outcome
    ours = points(step)
    reference = reference_points(f, variables, start, rate, len(ours) - 1)
    for n, (point, expected) in enumerate(zip(ours, reference, strict=True)):
        assert np.allclose([float(v) for v in point], expected, rtol=1e-9, atol=1e-12), n
    assert np.allclose([float(v) for v in step.result], reference[-1], rtol=1e-9, atol=1e-12)


def test_values_and_gradients_match_sympy(case):
    f, variables, *_, step = case
    partials = [sp.diff(f, v) for v in variables]
    for row in (c for c in step.children if c.rule == "descent_iteration"):
        at = dict(zip(variables, row.details["point"], strict=True))
        f_value, gradient_value, norm = (child.result for child in row.children[:3])
        expected = [float(p.subs(at)) for p in partials]
        assert np.isclose(float(f_value), float(f.subs(at)), rtol=1e-9, atol=1e-12)
        assert np.allclose([float(g) for g in gradient_value], expected, rtol=1e-9, atol=1e-12)
        assert np.isclose(float(norm), np.linalg.norm(expected), rtol=1e-9, atol=1e-12)


def test_converged_runs_meet_the_tolerance(case):
    *_, options, outcome, step = case
    if outcome == "converged":
        final = [c for c in step.children if c.rule == "descent_iteration"][-1]
        assert float(final.children[2].result) < float(options["tolerance"])


def test_tree_is_sound(case):
    *_, step = case
    assert check_tree(step) == []


def test_renders_in_every_format(case):
    *_, step = case
    json.dumps(json.loads(render(step, "json")))
    for fmt, detail in (("text", "brief"), ("text", "standard"), ("text", "full")):
        assert render(step, fmt, detail)
    assert render(step, "latex", "standard") and render(step, "latex", "full")


def test_every_rule_has_wording_and_a_title(case):
    *_, step = case
    for rule in step.rules_used():
        assert rule in MESSAGES
        if rule.startswith(("gradient_descent", "descent")):
            assert rule in TITLES


# -- edge cases ---------------------------------------------------------------------------------


def test_exact_rational_iterates():
    step = gradient_descent(x**2 + 3 * y**2, [x, y], (1, 1), R(1, 10), steps=3)
    assert points(step)[:4] == [
        [1, 1],
        [R(4, 5), R(2, 5)],
        [R(16, 25), R(4, 25)],
        [R(64, 125), R(8, 125)],
    ]
    text = render(step)
    assert "exact values" in text and "2√10" in text


def test_divergence_states_the_largest_stable_rate():
    step = gradient_descent(x**2 + 3 * y**2, [x, y], (1, 1), R(1, 2))
    assert step.details["outcome"] == "diverging" and step.details["reason"] == "growing"
    assert step.details["stable_rate"] == R(1, 3)
    text = render(step)
    assert "too large" in text and "η < 2/λₘₐₓ = 1/3" in text and "2, 6" in text
    analysis = [c for c in step.children if c.rule == "descent_stable_rate"][0]
    assert analysis.children[0].rule == "hessian"
    assert check_tree(step) == []


def test_cycle_on_the_edge_of_stability():
    step = gradient_descent(x**2, [x], (1,), 1)
    assert step.details["outcome"] == "cycling" and step.details["period"] == 2
    assert "edge of stability" in render(step)


def test_unbounded_quadratic():
    step = gradient_descent(x**2 - y**2, [x, y], (1, 1), R(1, 10), steps=100)
    assert step.details["outcome"] == "diverging" and step.details["reason"] == "unbounded"
    assert step.details["bounded_below"] is False
    assert "no minimum" in render(step)


def test_undefined_point():
    step = gradient_descent(sp.log(x), [x], (1,), 1)
    assert step.details["outcome"] == "undefined" and list(step.result) == [0]
    assert "not a real number" in render(step)


def test_one_two_and_three_variables_name_the_columns():
    one = render(gradient_descent(x**2, [x], (1,), R(1, 4), steps=2))
    two = render(gradient_descent(x**2 + y**2, [x, y], (1, 1), R(1, 4), steps=2))
    three = render(gradient_descent(x**2 + y**2 + z**2, [x, y, z], (1, 1, 1), R(1, 4), steps=2))
    assert "f'(xₙ)" in one and "xₙ₊₁" in one
    assert "∇f(pₙ)" in two and "|∇f(pₙ)|" in two
    assert "zₙ₊₁ = zₙ − (1/4)(2zₙ)" in three


def test_floats_are_shown_to_the_stated_precision():
    step = gradient_descent(x**2 + 3 * y**2, [x, y], (1, 1), 0.1, steps=3, digits=4)
    text = render(step)
    assert "values to 4 significant figures" in text and "(0.8, 0.4)" in text


def test_full_detail_shows_each_rows_working():
    step = gradient_descent(x**2 + 3 * y**2, [x, y], (1, 1), R(1, 10), steps=2)
    full = render(step, detail="full")
    assert "f(p₁) = (4/5)² + 3(2/5)² = 28/25" in full
    assert "p₂ = (4/5, 2/5) − (1/10)(8/5, 12/5) = (16/25, 4/25)" in full
    assert "Sum rule" not in render(step, detail="brief")


@pytest.mark.slow
def test_a_thousand_steps_are_elided_in_the_table():
    step = gradient_descent(x**2 + 3 * y**2, [x, y], (1, 1), R(1, 10), steps=1000)
    assert step.details["iterations"] == 1000
    assert "rows 10 to 990 are left out" in render(step)
    assert check_tree(step) == []


@pytest.mark.parametrize(
    "arguments, message",
    [
        ((x**2 + y**2, [x, y], (1,), 0.1), "2 coordinates"),
        ((x**2 + y**2, [x, y], (1, 1), 0), "rate"),
        ((x**2 + y**2, [x, y], (1, 1), -1), "rate"),
        ((x**2 + y**2, [x, y], (1, 1), 0.1, 0), "steps"),
        ((x**2 + y**2, [x, y], (1, 1), 0.1, 1001), "steps"),
        ((x + y + z + sp.Symbol("w", real=True), None, (1, 1, 1, 1), 0.1), "1 to 3"),
        ((x**2 + y**2, [x], (1,), 0.1), "not among"),
        ((sp.Integer(2), [x], (1,), 0.1), "constant"),
        ((x**2, [x], (sp.I,), 0.1), "coordinate"),
    ],
)
def test_invalid_requests_raise_value_error(arguments, message):
    with pytest.raises(ValueError, match=message):
        gradient_descent(*arguments)
