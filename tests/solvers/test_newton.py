"""Newton-Raphson (tutor.solvers.newton): every iterate against an independent float loop
(sympy.diff once, then plain float iteration), converged roots against scipy.optimize.newton,
every tree through check_tree, every case rendered in text, LaTeX and JSON, and the edge cases:
f' = 0, divergence, a cycle, convergence at a tolerance, exact rational iterates, the stated
precision."""

from __future__ import annotations

import json
import math

import pytest
import sympy as sp
from scipy.optimize import newton as scipy_newton

from tests.verify import check_tree
from tutor.render import render
from tutor.render.messages import MESSAGES, TITLES
from tutor.solvers.newton import newton_raphson

x = sp.Symbol("x", real=True)
R = sp.Rational

# (f, x0, keyword arguments, expected outcome)
CASES = [
    (x**3 - 2 * x - 5, 2, {}, "converged"),
    (x**2 - 2, 1, {}, "converged"),
    (x**2 - 2, R(3, 2), {"tolerance": R(1, 10**6)}, "converged"),
    (sp.cos(x) - x, 1, {}, "converged"),
    (sp.exp(x) - 2, R(1, 2), {}, "converged"),
    (x**3 - x - 1, 1.5, {}, "converged"),
    (sp.sin(x), 3, {}, "converged"),
    (x**2 - 612, 10, {}, "converged"),
    (sp.log(x) - 1, 2, {}, "converged"),
    (x * sp.exp(x) - 1, 1, {}, "converged"),
    (sp.tan(x) - x, 4.5, {}, "converged"),
    (x**5 - x - 1, 1, {}, "converged"),
    (sp.exp(-x) - x, 0, {}, "converged"),
    (x**3 - 3 * x + 1, 0, {}, "converged"),
    (sp.atan(x), 1, {}, "converged"),
    (x**4 - 16, 3, {}, "converged"),
    (sp.cosh(x) - 2, 1, {}, "converged"),
    (sp.sqrt(x) - 3, 1, {}, "converged"),
    (x**2 - 3, 2, {}, "converged"),
    (1 / x - 2, 0.3, {}, "converged"),
    (x**3 + 4 * x**2 - 10, 1.5, {}, "converged"),
    (sp.sin(x) - x / 2, 2, {}, "converged"),
    (sp.log(x) + x, R(1, 2), {}, "converged"),
    (x**2 - x - 1, 2, {}, "converged"),
    (sp.exp(x) - 3 * x, 0, {}, "converged"),
    (x**3 - 2 * x - 5, 2, {"steps": 3}, "steps_done"),
    (x - sp.cos(x), 0.5, {"steps": 4}, "steps_done"),
    (x**3, 1, {}, "steps_done"),
    ((x - 1) ** 2 * (x + 2), 3, {"steps": 30}, "steps_done"),
    (x**2 - 2, 1, {"tolerance": R(1, 1000)}, "converged"),
    (3 * x**2 - 2, 0.8, {"tolerance": 1e-12}, "converged"),
    (2 * x - 3, 0, {}, "root"),
    (x**2 - 4, -3, {"steps": 8, "tolerance": 1e-9}, "converged"),
    (sp.sin(x) + x**2 - 1, R(1, 2), {"digits": 6}, "converged"),
]


def reference_iterates(f: sp.Expr, x0, count: int) -> list[float]:
    """x_0 ... x_count by a plain float loop, the derivative from sympy.diff (not the engine)."""
    f_num = sp.lambdify(x, f, "math")
    df_num = sp.lambdify(x, sp.diff(f, x), "math")
    values = [float(x0)]
    for _ in range(count):
        current = values[-1]
        values.append(current - f_num(current) / df_num(current))
    return values


def iterates(step) -> list[sp.Basic]:
    """x_0, x_1, ... as the tree states them (rows' x_n, then the last row's x_{n+1})."""
    rows = [child for child in step.children if child.rule == "newton_iteration"]
    values = [row.details["x"] for row in rows]
    if rows and len(rows[-1].children) == 3:
        values.append(rows[-1].result)
    return values


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@pytest.fixture(
    scope="module", params=range(len(CASES)), ids=lambda i: f"{CASES[i][0]}@{CASES[i][1]}"
)
def case(request):
    f, x0, options, outcome = CASES[request.param]
    return f, x0, options, outcome, newton_raphson(f, x, x0, **options)


def test_every_iterate_matches_a_float_loop(case):
    f, x0, _, outcome, step = case
    assert step.details["outcome"] == outcome
    ours = iterates(step)
    reference = reference_iterates(f, x0, len(ours) - 1)
    for n, (value, expected) in enumerate(zip(ours, reference, strict=True)):
        assert close(float(value), expected), f"x_{n}: {value} vs {expected}"
    assert close(float(step.result), reference[-1])


def test_converged_roots_match_scipy(case):
    f, x0, _, outcome, step = case
    if outcome not in ("converged", "root"):
        return
    f_num = sp.lambdify(x, f, "math")
    df_num = sp.lambdify(x, sp.diff(f, x), "math")
    root = scipy_newton(f_num, float(x0), fprime=df_num, tol=1e-12, maxiter=100)
    assert close(float(step.result), root)
    assert abs(float(f.subs(x, step.result).evalf(30))) < 1e-8


def test_tree_is_sound(case):
    *_, step = case
    assert check_tree(step) == []


def test_renders_in_every_format(case):
    *_, step = case
    json.dumps(json.loads(render(step, "json")))
    for fmt in ("text", "latex"):
        for detail in ("brief", "standard", "full"):
            assert render(step, fmt, detail)


def test_rows_are_checkable_evaluate_steps(case):
    *_, step = case
    for row in (c for c in step.children if c.rule == "newton_iteration"):
        assert row.kind == "sequence"
        for child in row.children:
            assert child.kind == "evaluate"
            assert x in child.details["at"]
            assert child.result.has(sp.Float) == ("digits" in child.details)


def test_derivative_is_the_engines_derivation(case):
    f, *_, step = case
    derivation = step.children[0]
    assert derivation.rule == "derivative"
    assert sp.simplify(derivation.result - sp.diff(f, x)) == 0


def test_every_rule_has_wording_and_a_title(case):
    *_, step = case
    for rule in step.rules_used():
        assert rule in MESSAGES
        if rule.startswith(("newton", "gradient_descent", "descent")):
            assert rule in TITLES


# -- edge cases ---------------------------------------------------------------------------------


def test_exact_rational_iterates():
    step = newton_raphson(x**2 - 2, x, 1, steps=3)
    assert iterates(step) == [1, R(3, 2), R(17, 12), R(577, 408)]
    assert step.details["digits"] is None
    text = render(step)
    assert "577/408" in text and "exact values" in text


def test_zero_derivative_at_the_start():
    step = newton_raphson(x**2 - 1, x, 0)
    assert step.details["outcome"] == "zero_derivative"
    assert step.details["index"] == 0 and step.result == 0
    text = render(step)
    assert "f'(x₀) = 0" in text and "horizontal" in text and "stationary point" in text


def test_divergence_of_the_cube_root():
    step = newton_raphson(sp.cbrt(x), x, 1)
    assert step.details["outcome"] == "diverging"
    assert iterates(step)[:6] == [1, -2, 4, -8, 16, -32]
    assert "Diverging" in render(step)


def test_divergence_of_arctan_from_2():
    step = newton_raphson(sp.atan(x), x, 2)
    assert step.details["outcome"] == "diverging"
    assert abs(step.result) > 10**12
    assert check_tree(step) == []


def test_cycle_from_0():
    step = newton_raphson(x**3 - 2 * x + 2, x, 0)
    assert step.details["outcome"] == "cycling"
    assert step.details["period"] == 2 and tuple(step.details["cycle"]) == (0, 1)
    assert "Cycling: x₂ = x₀ = 0" in render(step)


def test_cycle_approached_in_floats():
    step = newton_raphson(x**3 - 2 * x + 2, x, R(1, 100))
    assert step.details["outcome"] == "cycling"
    assert step.details["period"] == 2


def test_convergence_at_a_tolerance_stops_early():
    loose = newton_raphson(x**2 - 2, x, 1, tolerance=R(1, 100))
    tight = newton_raphson(x**2 - 2, x, 1, tolerance=R(1, 10**12))
    assert loose.details["outcome"] == tight.details["outcome"] == "converged"
    assert loose.details["iterations"] < tight.details["iterations"]
    assert loose.details["difference"] < R(1, 100)
    assert "< 10⁻²" in render(loose)


def test_undefined_iterate():
    step = newton_raphson(sp.log(x), x, 3)
    assert step.details["outcome"] == "undefined"
    assert step.details["undefined"] == "function" and step.result < 0
    assert "not a real number" in render(step)


def test_exact_root_hit():
    step = newton_raphson(x - 2, x, 5)
    assert step.details["outcome"] == "root" and step.result == 2
    assert "is a root of f" in render(step)


def test_floats_are_shown_to_the_stated_precision():
    step = newton_raphson(sp.cos(x) - x, x, 1, digits=6)
    assert step.details["digits"] == 6
    text = render(step)
    assert "values to 6 significant figures" in text
    assert "0.739085" in text and "0.7390851" not in text
    assert "values to 10 significant figures" in render(newton_raphson(sp.cos(x) - x, x, 1))


def test_float_start_means_floats_from_the_start():
    step = newton_raphson(x**2 - 2, x, 1.0, steps=2)
    assert step.details["floats_from"] == 0
    assert all(isinstance(value, sp.Float) for value in iterates(step))


def test_table_caption_states_the_formula_and_precision():
    latex = render(newton_raphson(x**3 - 2 * x - 5, x, 2), "latex")
    assert r"\begin{array}{rrrrr}" in latex
    assert r"x_{n+1} = x_{n} - \frac{f\left(x_{n}\right)}{f'\left(x_{n}\right)}" in latex
    assert "10 significant figures" in latex


def test_brief_skips_the_derivation_and_full_adds_the_working():
    step = newton_raphson(x**2 - 2, x, 1, steps=2)
    brief, full = render(step, detail="brief"), render(step, detail="full")
    assert "Sum rule" not in brief and "f'(x) = 2x" in brief
    assert "Row 1:" in full and "f(x₁) = (3/2)² − 2 = 1/4" in full


def test_long_runs_are_elided_in_the_table():
    step = newton_raphson(x**3, x, 1, steps=100)
    assert len([c for c in step.children if c.rule == "newton_iteration"]) == 100
    assert "rows 10 to 89 are left out" in render(step)


@pytest.mark.parametrize(
    "arguments, message",
    [
        ((x**2 - 2, x, 1), None),
        ((x * sp.Symbol("y", real=True), None, 1), "one variable"),
        ((x**2 - 2, x, 1, 0), "steps"),
        ((x**2 - 2, x, 1, 101), "steps"),
        ((x**2 - 2, x, 1, None, -1), "tolerance"),
        ((x**2 - 2, x, sp.I), "x0"),
        ((x**2 - 2, x, 1, None, None, 1), "digits"),
        ((sp.Integer(3), x, 1), "does not depend"),
    ],
)
def test_invalid_requests_raise_value_error(arguments, message):
    if message is None:
        newton_raphson(*arguments)
        return
    with pytest.raises(ValueError, match=message):
        newton_raphson(*arguments)
