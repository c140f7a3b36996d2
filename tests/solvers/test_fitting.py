"""The gradient-descent fit (tutor.solvers.fitting) against an independent numpy loop whose
gradient comes from sympy.diff (which the solver never calls): every iterate shown — the
parameters, χ², the gradient and the next parameters — must agree; exact iterates against a
Fraction loop; a long run against scipy.optimize.curve_fit's optimum. Every tree goes through
tests/verify.check_tree and renders in text, LaTeX and JSON."""

import json
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import curve_fit

from tests.verify import check_tree
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers.fitting import MAX_STEPS, gradient_descent_fit

x, a, b, c = (sp.Symbol(name, real=True) for name in ("x", "a", "b", "c"))
RNG = np.random.default_rng(6)


def data(function, xs, noise=0.0, weighted=False):
    xs = np.asarray(xs, dtype=float)
    ys = function(xs) + (RNG.normal(0, noise, xs.size) if noise else 0)
    sigma = list(np.round(RNG.uniform(0.5, 2.0, xs.size), 2)) if weighted else None
    return list(xs), list(np.round(ys, 4)), sigma


GRID = np.linspace(0, 2, 8)
WIDE = np.linspace(-2, 3, 9)
# (model, params, (xs, ys, sigma), start, rate, steps)
CASES = [
    (a * sp.exp(b * x), (a, b), data(lambda v: 2 * np.exp(0.5 * v), GRID), (1, 0.1), 0.002, 40),
    (
        a * sp.exp(b * x),
        (a, b),
        data(lambda v: 2 * np.exp(0.5 * v), GRID, 0.05),
        (1, 0.1),
        0.002,
        60,
    ),
    (a * sp.exp(b * x), (a, b), data(lambda v: 1.5 * np.exp(-v), GRID, 0.02), (1, 0), 0.01, 40),
    (
        a * sp.exp(b * x),
        (a, b),
        data(lambda v: 2 * np.exp(0.5 * v), GRID, 0, True),
        (1, 0.2),
        0.004,
        30,
    ),
    (a * x**2 + b, (a, b), data(lambda v: 0.5 * v**2 - 1, WIDE), (1, 0), 0.001, 50),
    (a * x**2 + b, (a, b), data(lambda v: 0.5 * v**2 - 1, WIDE, 0.1), (0, 0), 0.002, 50),
    (a * x**2 + b, (a, b), data(lambda v: 3 * v**2 + 2, WIDE, 0.2, True), (1, 1), 0.002, 40),
    (a * x + b, (a, b), data(lambda v: 2 * v + 1, WIDE), (0, 0), 0.01, 60),
    (a * x + b, (a, b), data(lambda v: -v + 4, WIDE, 0.3), (1, 1), 0.02, 60),
    (a * x + b, (a, b), data(lambda v: -v + 4, WIDE, 0.3, True), (1, 1), 0.01, 40),
    (a * sp.sin(b * x), (a, b), data(lambda v: 2 * np.sin(1.3 * v), WIDE), (1.5, 1.2), 0.005, 40),
    (a * sp.sin(b * x), (a, b), data(lambda v: np.sin(0.8 * v), WIDE, 0.05), (1.2, 0.7), 0.01, 40),
    (
        a * sp.cos(b * x) + c,
        (a, b, c),
        data(lambda v: np.cos(v) + 0.5, WIDE),
        (1, 0.9, 0),
        0.01,
        40,
    ),
    (
        a * sp.exp(-b * x) + c,
        (a, b, c),
        data(lambda v: 3 * np.exp(-v) + 1, GRID),
        (2, 0.5, 0.5),
        0.01,
        50,
    ),
    (a / (1 + b * x), (a, b), data(lambda v: 4 / (1 + 0.5 * v), GRID), (3, 0.3), 0.01, 40),
    (
        a * (1 - sp.exp(-b * x)),
        (a, b),
        data(lambda v: 5 * (1 - np.exp(-2 * v)), GRID),
        (4, 1),
        0.005,
        40,
    ),
    (a * x**3 + b * x, (a, b), data(lambda v: 0.3 * v**3 - v, WIDE), (0, 0), 0.0005, 40),
    (a * sp.sqrt(x + b), (a, b), data(lambda v: 2 * np.sqrt(v + 1), GRID), (1.5, 1.5), 0.01, 40),
    (a * sp.log(x + b), (a, b), data(lambda v: np.log(v + 2), GRID), (1.2, 2.5), 0.01, 40),
    (a * sp.tanh(b * x), (a, b), data(lambda v: 2 * np.tanh(v), WIDE), (1, 0.5), 0.005, 40),
    (a * x**2 + b * x + c, (a, b, c), data(lambda v: v**2 - v + 2, WIDE), (0, 0, 0), 0.001, 40),
    (
        a * sp.exp(b * x),
        (a, b),
        data(lambda v: 2 * np.exp(0.5 * v), GRID),
        (1, 0.1),
        0.05,
        40,
    ),  # diverging
    (a * x**2 + b, (a, b), data(lambda v: 0.5 * v**2 - 1, WIDE), (1, 0), 0.02, 40),  # diverging
    (a * x + b, (a, b), data(lambda v: 2 * v + 1, WIDE), (0, 0), 0.2, 40),  # diverging
    (a * x, (a,), data(lambda v: 1.5 * v, WIDE, 0.1), (0,), 0.01, 200),  # converges
    (a * x, (a,), data(lambda v: 1.5 * v, WIDE), (0,), 0.02, 200),
    (a + 0 * x, (a,), data(lambda v: 0 * v + 3, GRID, 0.1), (0,), 0.05, 300),  # a constant model
    (
        a * sp.exp(b * x),
        (a, b),
        data(lambda v: 2 * np.exp(0.5 * v), GRID, 0.05),
        (1, 0.1),
        0.002,
        25,
    ),
    (b * sp.exp(a * x), (b, a), data(lambda v: 2 * np.exp(0.5 * v), GRID), (1, 0.1), 0.002, 30),
    (a * sp.atan(b * x), (a, b), data(lambda v: np.arctan(2 * v), WIDE), (1.2, 1.5), 0.01, 40),
    (a * x**2 + b, (a, b), data(lambda v: 0.5 * v**2 - 1, WIDE, 0.1), (0, 0), 0.002, 30),
    (
        a * sp.exp(b * x),
        (a, b),
        data(lambda v: 2 * np.exp(0.5 * v), GRID, 0, True),
        (1, 0.1),
        0.001,
        30,
    ),
]


def numpy_descent(model, params, xs, ys, sigma, start, rate, count):
    """The reference: plain numpy gradient descent, ∂f/∂p from sympy.diff."""
    f = sp.lambdify((x, *params), model, "numpy")
    slopes = [sp.lambdify((x, *params), sp.diff(model, p), "numpy") for p in params]
    X, Y = np.array(xs, dtype=float), np.array(ys, dtype=float)
    W = np.ones_like(X) if sigma is None else 1 / np.array(sigma, dtype=float) ** 2
    p = np.array(start, dtype=float)
    rows = []
    for _ in range(count):
        residual = Y - np.broadcast_to(f(X, *p), X.shape)
        chi2 = np.sum(W * residual**2)
        gradient = np.array(
            [-2 * np.sum(W * residual * np.broadcast_to(s(X, *p), X.shape)) for s in slopes]
        )
        rows.append((p.copy(), chi2, gradient, p - rate * gradient))
        p = p - rate * gradient
    return rows


def params_of(row):
    return list(row.details["at"].values())[: len(row.result)]


def gradient_of(row):
    return list(row.details["at"].values())[len(row.result) :]


def values(seq):
    return np.array([float(v) for v in seq])


def agree(ours, reference, scale):
    np.testing.assert_allclose(values(ours), reference, rtol=1e-7, atol=1e-9 * scale)


@pytest.mark.parametrize("model,params,points,start,rate,steps", CASES, ids=lambda v: str(v)[:20])
def test_every_iterate_agrees_with_numpy(model, params, points, start, rate, steps):
    case = (model, params, points, start, rate, steps)
    xs, ys, sigma = points
    step = gradient_descent_fit(xs, ys, model, params, start, rate, steps, sigma)
    iterations = step.children[3]
    count = step.details["iterations"]
    reference = numpy_descent(model, params, xs, ys, sigma, start, rate, count)
    for row in iterations.children:
        k = row.details["k"]
        p, chi2, gradient, nxt = reference[k]
        scale = max(1.0, abs(chi2), *np.abs(gradient))
        agree(params_of(row), p, scale)
        agree([row.details["chi2"]], [chi2], scale)
        agree(gradient_of(row), gradient, scale)
        agree(row.result, nxt, scale)
    assert step.result == iterations.children[-1].result
    outcome = step.details["outcome"]
    p, chi2, gradient, nxt = reference[-1]
    if outcome == "converged":
        assert np.all(np.abs(nxt - p) <= 1e-10 * (1 + np.abs(p)) * 1.0001)
    elif outcome == "diverging":
        chis = [row[1] for row in reference]
        assert chis[-1] > chis[-2] > chis[-3] > chis[-4] or chis[-1] > 1e59
    else:
        assert outcome == "steps_done" and count == steps
    first = step.children[2]
    agree(first.result, reference[0][3], max(1.0, abs(reference[0][1])))
    assert check_tree(step) == []
    for node in step.walk():
        assert node.rule in MESSAGES and (
            title_of(node.rule) != node.rule or node.rule == "derivative"
        )
    for detail in ("brief", "standard", "full") if CASES.index(case) < 6 else ("standard",):
        assert render(step, "text", detail) and render(step, "latex", detail)
    json.dumps(step_to_json_dict(step))


def test_divergent_rate_is_stated():
    xs, ys, _ = data(lambda v: 0.5 * v**2 - 1, WIDE)
    step = gradient_descent_fit(xs, ys, a * x**2 + b, (a, b), (1, 0), 0.02, 40)
    assert step.details["outcome"] == "diverging"
    text = render(step)
    assert "Diverging: χ² grew" in text and "is too large" in text
    assert "where the run stopped" in text


def test_exact_data_give_exact_iterates_while_small():
    xs, ys = [0, 1, 2, 3], [1, 3, 9, 19]
    step = gradient_descent_fit(xs, ys, a * x**2 + b, (a, b), (1, 0), sp.Rational(1, 1000), 8)
    pa, pb = F(1), F(0)
    rows = step.children[3].children
    for row in rows:
        residuals = [F(yv) - (pa * xv * xv + pb) for xv, yv in zip(xs, ys, strict=True)]
        ga = -2 * sum(r * xv * xv for r, xv in zip(residuals, xs, strict=True))
        gb = -2 * sum(residuals)
        if not params_of(row)[0].has(sp.Float):
            assert params_of(row) == [pa, pb]
            assert gradient_of(row) == [ga, gb]
            assert row.details["chi2"] == sum(r * r for r in residuals)
        else:
            agree(params_of(row), [float(pa), float(pb)], 1)
        pa, pb = pa - F(1, 1000) * ga, pb - F(1, 1000) * gb
    assert not params_of(rows[0])[0].has(sp.Float)
    assert "digits" not in rows[0].details and rows[-1].details.get("digits") == 10
    assert "exact while the fractions stay small" in render(step)
    assert check_tree(step) == []


def test_a_long_run_reaches_curve_fit_on_clean_data():
    xs = np.linspace(0, 2, 10)
    ys = 2 * np.exp(0.5 * xs)
    optimum, _ = curve_fit(lambda v, p, q: p * np.exp(q * v), xs, ys, p0=(1, 0.1))
    step = gradient_descent_fit(
        list(xs), list(ys), a * sp.exp(b * x), (a, b), (1, 0.1), 0.002, 2000
    )
    assert step.details["outcome"] == "converged"
    np.testing.assert_allclose(values(step.result), optimum, rtol=1e-6)
    assert float(step.details["final_chi2"]) < 1e-12
    assert "Converged after" in render(step)


def test_long_tables_are_elided_and_say_so():
    xs, ys, _ = data(lambda v: 2 * v + 1, WIDE)
    step = gradient_descent_fit(xs, ys, a * x + b, (a, b), (0, 0), 0.001, 100)
    iterations = step.children[3]
    assert len(iterations.children) == 20 and iterations.details["elided"] == 80
    assert "iterations 10 to 89 are not shown" in render(step)


def test_the_model_without_a_real_value_stops_the_run():
    xs, ys, _ = data(lambda v: 2 * np.sqrt(v + 1), GRID)
    step = gradient_descent_fit(xs, ys, a * sp.sqrt(x + b), (a, b), (2, 0.2), 0.2, 50)
    assert step.details["outcome"] == "undefined"
    assert "no real value" in render(step)
    with pytest.raises(ValueError, match="no real value"):
        gradient_descent_fit(xs, ys, a * sp.log(x + b), (a, b), (1, -1), 0.01, 5)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"start": (1,)}, "the start needs 2 values"),
        ({"params": (a, c)}, "the parameter c does not appear"),
        ({"steps": MAX_STEPS + 1}, "between 1 and 5000"),
        ({"steps": 0}, "between 1 and 5000"),
        ({"rate": 0}, "positive number"),
        ({"rate": -0.1}, "positive number"),
        ({"params": ()}, "1 to 6 parameters"),
        ({"model": a * sp.exp(b * x) + c}, "more than one variable besides the parameters: c, x"),
        ({"data_x": [1, 2, 3] * 40000, "data_y": [1, 2, 3] * 40000}, "at most 10000 data points"),
        ({"data_x": list(range(200)), "data_y": list(range(200)), "steps": 1000}, "too much work"),
    ],
)
def test_invalid_requests_are_refused_in_one_line(kwargs, message):
    request = {
        "data_x": [0, 1, 2],
        "data_y": [1, 2, 4],
        "model": a * sp.exp(b * x),
        "params": (a, b),
        "start": (1, 0.5),
        "rate": 0.01,
        "steps": 10,
    }
    request.update(kwargs)
    with pytest.raises(ValueError, match=message) as error:
        gradient_descent_fit(**request)
    assert "\n" not in str(error.value)
