"""The week-6 solvers tutor.solvers.regression (chi-squared, the straight-line fit) against numpy,
which they never use: the line against numpy.polyfit and numpy.linalg.lstsq (weighted too, with
w = 1/σ), σ_m and σ_c against polyfit's unscaled covariance, χ² against a numpy computation of
the model (sympy.lambdify). Every tree goes through tests/verify.check_tree, renders in text,
LaTeX and JSON at every detail level, and every rule id it uses has wording and a title."""

import json
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from tests.verify import check_tree
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers.regression import chi_squared, line_fit

x, t, a, b, c, m = (sp.Symbol(name, real=True) for name in ("x", "t", "a", "b", "c", "m"))
RNG = np.random.default_rng(20240606)


def noisy_line(n, slope, intercept, spread, low=-3.0, high=5.0, weighted=False):
    xs = np.round(RNG.uniform(low, high, n), 3)
    ys = np.round(slope * xs + intercept + RNG.normal(0, spread, n), 3)
    sig = np.round(RNG.uniform(0.1, 1.0, n), 2) if weighted else None
    return (
        list(map(float, xs)),
        list(map(float, ys)),
        None if sig is None else list(map(float, sig)),
    )


def exact(values):
    """Floats with 3 decimals as exact fractions (what the CSV reader gives)."""
    return None if values is None else [F(str(v)) for v in values]


# (x, y, sigma): exact integers, exact decimals (as fractions), floats, weighted, 2 points, big n
LINE_CASES = [
    ([1, 2, 3, 4, 5], [2, 4, 6, 8, 10], None),
    ([1, 2, 3, 4, 5], [F(22, 10), F(41, 10), F(63, 10), F(79, 10), F(102, 10)], None),
    ([0, 1], [1, 3], None),  # two points: the exact line, χ² = 0
    ([-1, 4], [F(1, 3), F(-2, 7)], None),
    ([0, 1, 2], [1, 0, 1], None),  # slope 0
    ([1, 2, 3, 4], [10, 7, 5, 1], None),  # negative slope
    ([1, 2, 3, 4, 5], [2.2, 4.1, 6.3, 7.9, 10.2], None),  # floats
    ([0.5, 1.5, 2.5, 3.5], [1.1, 0.9, 2.2, 2.8], [0.1, 0.2, 0.3, 0.4]),
    ([1, 2, 3, 4, 5], [F(22, 10), F(41, 10), F(63, 10), F(79, 10), F(102, 10)], [1, 1, 2, 2, 1]),
    ([1, 2, 3], [2, 3, 5], [F(1, 2), 1, 2]),
    ([1, 2], [5, 1], [3, 1]),  # weighted two points
    ([sp.sqrt(2), 2, 3], [1, 2, 2], None),  # a surd in the data
    ([-2, -1, 0, 1, 2], [4, 1, 0, 1, 4], None),  # a parabola: slope 0 by symmetry
    ([10, 20, 30, 40], [F(1, 10), F(3, 10), F(2, 10), F(5, 10)], None),
    ([1, 1, 2], [1, 2, 3], None),  # repeated x
    ([1, 3], [2, 2], [F(1, 10), F(1, 5)]),
    ([0, 100, 200, 300], [3, 203, 398, 605], None),
    ([1e-3, 2e-3, 3e-3], [1.0, 1.1, 1.3], None),
    ([1e3, 2e3, 3e3, 5e3], [7.0, 9.5, 12.0, 17.1], [0.5, 0.5, 1.0, 1.0]),
]
for index, (n, slope, intercept, spread) in enumerate(
    [(6, 1.5, -2, 0.3), (8, -0.7, 4, 0.5), (10, 3, 0, 1), (12, 0.2, 1, 0.1), (15, -2, -1, 2)]
):
    xs, ys, _ = noisy_line(n, slope, intercept, spread)
    LINE_CASES.append((xs, ys, None))  # floats
    LINE_CASES.append((exact(xs), exact(ys), None))  # the same as exact decimals
    xs, ys, sig = noisy_line(n, slope, intercept, spread, weighted=True)
    LINE_CASES.append((xs, ys, sig))
    if index < 2:
        LINE_CASES.append((exact(xs), exact(ys), exact(sig)))


def floats(values):
    return None if values is None else np.array([float(sp.N(v)) for v in values])


def reference_line(xs, ys, sigma):
    """numpy: polyfit (weights 1/σ) and lstsq on the weighted design matrix."""
    X, Y, S = floats(xs), floats(ys), floats(sigma)
    w = None if S is None else 1 / S
    slope, intercept = np.polyfit(X, Y, 1, w=w)
    weights = np.ones_like(X) if S is None else 1 / S
    design = np.column_stack([X, np.ones_like(X)]) * weights[:, None]
    solution, *_ = np.linalg.lstsq(design, Y * weights, rcond=None)
    np.testing.assert_allclose([slope, intercept], solution, rtol=1e-7, atol=1e-9)
    chi2 = float(np.sum(((Y - slope * X - intercept) * weights) ** 2))
    return slope, intercept, chi2


def rule_ids_have_wording(step):
    for node in step.walk():
        assert node.rule in MESSAGES, f"no wording for {node.rule}"
        assert title_of(node.rule) != node.rule or node.rule in ("derivative",), node.rule


def renders_everywhere(step, points):
    """Text and LaTeX (every detail level for small data), and JSON."""
    for detail in ("brief", "standard", "full") if points <= 4 else ("standard",):
        assert render(step, "text", detail)
        assert render(step, "latex", detail).startswith(r"\begin{array}")
    json.dumps(step_to_json_dict(step))


def close(value, reference, rtol=1e-8, atol=1e-9):
    return abs(float(sp.N(value, 20)) - reference) <= max(rtol * abs(reference), atol)


@pytest.mark.parametrize("xs,ys,sigma", LINE_CASES, ids=lambda v: str(v)[:30])
def test_line_fit_against_numpy(xs, ys, sigma):
    step = line_fit(xs, ys, sigma)
    slope, intercept, chi2 = reference_line(xs, ys, sigma)
    scale = max(1.0, float(np.max(np.abs(floats(ys)))))
    assert close(step.details["m"], slope, atol=1e-9 * scale), (step.details["m"], slope)
    assert close(step.details["c"], intercept, atol=1e-9 * scale), (step.details["c"], intercept)
    assert close(step.details["chi2"], chi2, rtol=1e-7, atol=1e-9 * scale**2)
    assert sp.simplify(step.result - (step.details["m"] * x + step.details["c"])) == 0
    all_exact = all(
        not sp.sympify(v).has(sp.Float) and not isinstance(v, float)
        for v in [*xs, *ys, *(sigma or [])]
    )
    assert step.details["m"].has(sp.Float) != all_exact
    assert check_tree(step) == []
    rule_ids_have_wording(step)
    renders_everywhere(step, len(xs))


@pytest.mark.parametrize("xs,ys,sigma", [case for case in LINE_CASES if case[2] is not None])
def test_uncertainties_against_the_unscaled_covariance(xs, ys, sigma):
    step = line_fit(xs, ys, sigma)
    X, Y, S = floats(xs), floats(ys), floats(sigma)
    _, covariance = np.polyfit(X, Y, 1, w=1 / S, cov="unscaled")
    assert close(step.details["m_error"], np.sqrt(covariance[0, 0]), rtol=1e-7)
    assert close(step.details["c_error"], np.sqrt(covariance[1, 1]), rtol=1e-7)
    errors = step.children[-1]
    assert errors.rule == "line_fit_uncertainties"
    alpha = np.array(errors.children[1].result.tolist(), dtype=float)
    np.testing.assert_allclose(np.linalg.inv(alpha), covariance, rtol=1e-7)


def test_exact_rational_data_give_exact_fractions():
    step = line_fit([1, 2, 3, 4, 5], [F(22, 10), F(41, 10), F(63, 10), F(79, 10), F(102, 10)])
    assert step.details["m"] == sp.Rational(99, 50) and step.details["c"] == sp.Rational(1, 5)
    assert step.details["chi2"] == sp.Rational(11, 125)
    text = render(step)
    assert "99/50 = 1.98" in text and "1/5 = 0.2" in text and "(exact values)" in text
    assert "Δ = n Σxᵢ² − (Σxᵢ)² = 5·55 − 15² = 50" in text


def test_two_points_give_the_exact_line_and_zero_chi_squared():
    step = line_fit([1, 3], [2, 8])
    assert step.result == 3 * x - 1 and step.details["chi2"] == 0
    assert step.children[4].details["dof"] == 0  # no reduced χ² with ν = 0
    assert all(child.rule != "reduced_chi_squared" for child in step.children[4].children)


def test_weighted_and_unweighted_differ_and_equal_sigmas_do_not_matter():
    xs, ys = [1, 2, 3, 4], [1, 3, 2, 5]
    plain, weighted = line_fit(xs, ys), line_fit(xs, ys, [1, 1, F(1, 10), 1])
    assert plain.details["m"] != weighted.details["m"]
    same = line_fit(xs, ys, [2, 2, 2, 2])
    assert same.details["m"] == plain.details["m"] and same.details["c"] == plain.details["c"]
    assert same.details["chi2"] == plain.details["chi2"] / 4
    assert "σᵢ = 1 for every point" in render(plain)
    assert "uncertainty σᵢ" in render(weighted)


def test_floats_state_their_precision():
    text = render(line_fit([1.0, 2.0, 3.5], [2.0, 4.0, 5.0]))
    assert "(floats, shown to 10 significant digits)" in text


@pytest.mark.parametrize(
    "xs,message",
    [([3, 3, 3], "all x values are equal (x = 3)"), ([1.5, 1.5], "all x values are equal")],
)
def test_all_x_equal_is_refused_in_one_line(xs, message):
    with pytest.raises(ValueError) as error:
        line_fit(xs, [1, 2, 3][: len(xs)])
    assert message in str(error.value) and "\n" not in str(error.value)
    assert "slope" in str(error.value)


@pytest.mark.parametrize(
    "args,message",
    [
        (([1], [2]), "at least 2 data points"),
        (([], []), "at least 2 data points"),
        (([1, 2], [1]), "x has 2 values but y has 1"),
        (([1, 2], [1, 2], [1, 0]), "sigma value 2 is 0"),
        (([1, 2], [1, 2], [1]), "sigma has 1 values"),
        (([1, "a"], [1, 2]), "x value 2 is not a number"),
        (([1, float("nan")], [1, 2]), "x value 2 is not a finite real number"),
        (([1, x], [1, 2]), "not a finite real number"),
    ],
)
def test_invalid_data_is_refused(args, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        line_fit(*args)


# -- chi-squared -------------------------------------------------------------------------------

CHI_MODELS = [
    (2 * x + 1, {}),
    (a * x + b, {a: 2, b: 1}),
    (a * x + b, {a: F(3, 2), b: F(-1, 4)}),
    (a * x + b, {a: 1.9, b: 0.3}),
    (x**2, {}),
    (a * x**2 + b * x + c, {a: 1, b: -2, c: F(1, 2)}),
    (a * sp.exp(b * x), {a: 1, b: F(1, 2)}),
    (a * sp.exp(b * x), {a: 2.5, b: -0.3}),
    (a * sp.sin(b * x), {a: 3, b: 1}),
    (a * sp.sin(b * x) + c, {a: 1.5, b: 2.0, c: 0.1}),
    (sp.sqrt(2) * x + 1, {}),
    (a / (1 + x**2), {a: 4}),
    (a * sp.log(x + 10), {a: 2}),
    (sp.Integer(3), {}),  # a constant model
    (a, {a: F(5, 2)}),
    (a * sp.cos(b * x) + c * x, {a: 1, b: sp.pi / 4, c: 1}),
]
CHI_DATA = [
    ([1, 2, 3, 4], [3, 5.5, 7, 9], None),
    ([1, 2, 3, 4], [3, 5, 7, 10], [1, F(1, 2), 1, 2]),
    ([0, F(1, 2), 1, F(3, 2), 2], [F(1), F(16, 10), F(27, 10), F(45, 10), F(74, 10)], None),
    ([-1.0, 0.0, 1.0, 2.0, 3.0], [0.2, 0.9, 2.1, 2.9, 4.2], [0.1, 0.1, 0.2, 0.2, 0.3]),
]
CHI_CASES = [(model, values, data) for model, values in CHI_MODELS for data in CHI_DATA[:2]]
CHI_CASES += [(model, values, CHI_DATA[2 + i % 2]) for i, (model, values) in enumerate(CHI_MODELS)]


def reference_chi2(model, values, xs, ys, sigma):
    f = sp.lambdify(x, model.subs({p: sp.nsimplify(v) for p, v in values.items()}), "numpy")
    X, Y = floats(xs), floats(ys)
    S = np.ones_like(X) if sigma is None else floats(sigma)
    fitted = np.broadcast_to(np.asarray(f(X), dtype=float), X.shape)
    contributions = ((Y - fitted) / S) ** 2
    return fitted, contributions


@pytest.mark.parametrize("model,values,data", CHI_CASES, ids=lambda v: str(v)[:25])
def test_chi_squared_against_numpy(model, values, data):
    xs, ys, sigma = data
    step = chi_squared(xs, ys, model, values, x, sigma)
    fitted, contributions = reference_chi2(model, values, xs, ys, sigma)
    table, summed, *reduced = step.children
    assert len(table.children) == len(xs)
    for row, f_value, contribution in zip(table.children, fitted, contributions, strict=True):
        assert close(row.details["model_value"], f_value, rtol=1e-9)
        assert close(row.result, contribution, rtol=1e-9, atol=1e-12)
    assert close(step.result, float(np.sum(contributions)), rtol=1e-9, atol=1e-12)
    dof = len(xs) - len(values)
    assert step.details["dof"] == dof
    if dof > 0:
        assert close(reduced[0].result, float(np.sum(contributions)) / dof, rtol=1e-9, atol=1e-12)
    inputs_exact = all(
        not isinstance(v, float) and not sp.sympify(v).has(sp.Float)
        for v in [*xs, *ys, *(sigma or []), *values.values(), model]
    )
    if not inputs_exact:
        assert step.details.get("digits") == 10
    assert check_tree(step) == []
    rule_ids_have_wording(step)
    renders_everywhere(step, len(xs))


def test_chi_squared_is_exact_for_exact_inputs_and_says_sigma_is_one():
    step = chi_squared([1, 2, 3, 4], [3, 5, 7, 10], sp.sqrt(2) * x + 1, {}, x)
    assert step.result == 197 - 128 * sp.sqrt(2) and "digits" not in step.details
    text = render(step)
    assert "σᵢ = 1 for every point" in text and "197 − 128√2 ≈ 15.98066402" in text
    assert "ν = 4" in text  # no parameters: ν = n


def test_chi_squared_reduced_uses_the_number_of_parameters():
    step = chi_squared([1, 2, 3, 4], [3, 5, 7, 10], a * x + b, {a: 2, b: 1}, x)
    assert step.result == 1 and step.children[-1].result == sp.Rational(1, 2)
    assert "ν = 4 − 2 = 2" in render(step)


def test_chi_squared_of_a_variable_named_t():
    step = chi_squared([0, 1], [1, 2], t + 1, {}, t)
    assert step.result == 0 and check_tree(step) == []


@pytest.mark.parametrize(
    "model,values,message",
    [
        (a * x + b, {a: 1}, "the model uses b"),
        (sp.log(x), {}, "no real value"),
        (x + a, {x: 1}, "cannot also be a parameter"),
    ],
)
def test_chi_squared_refuses_what_it_cannot_evaluate(model, values, message):
    with pytest.raises(ValueError, match=message):
        chi_squared([-1, 2], [1, 2], model, values, x)


def test_a_long_table_is_elided_and_says_so():
    xs = list(range(40))
    text = render(line_fit(xs, [2 * v + (v % 3) for v in xs]))
    assert "rows 13 to 34 are not shown" in text and "⋮" in text
