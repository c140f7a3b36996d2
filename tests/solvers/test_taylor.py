"""Week 4 (tutor.solvers.taylor, taylor_error, taylor_two): every Taylor polynomial against
sympy.series(...).removeO(), every derivative value against sympy.diff, every linearisation
against f(a) + f'(a)(x − a) from sympy.diff, every Lagrange bound against the true largest error
sampled with numpy (the bound must hold and be within BOUND_FACTOR of it) and its M against the
sampled max |f⁽ⁿ⁺¹⁾|, every two-variable expansion against the series in t of f(a + t h, b + t k)
to order 3; every tree through check_tree, every case rendered as text, LaTeX and JSON, every
rule id worded and titled; and the edge cases: undefined centres and points, orders out of
range, vanishing terms, surd and π centres, unbounded intervals, floats."""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pytest
import sympy as sp

from tests.verify import check_tree
from tutor.render import render
from tutor.render.explain import rule_metadata
from tutor.render.messages import MESSAGES, TITLES
from tutor.solvers.taylor import linearisation, taylor_polynomial
from tutor.solvers.taylor_error import truncation_error
from tutor.solvers.taylor_two import taylor_two_variables

x, y = sp.symbols("x y", real=True)
R, pi, E = sp.Rational, sp.pi, sp.E
BOUND_FACTOR = 20  # the Lagrange bound is at most this many times the true largest error

# (f, centre, order)
POLYNOMIALS = [
    (sp.exp(x), 0, 4),
    (sp.sin(x), 0, 5),
    (sp.cos(x), 0, 6),
    (sp.exp(x) * sp.sin(x), 0, 4),
    (sp.log(1 + x), 0, 4),
    (1 / (1 - x), 0, 5),
    (sp.sqrt(1 + x), 0, 3),
    (sp.atan(x), 0, 5),
    (sp.tan(x), 0, 7),
    (sp.exp(-(x**2)), 0, 6),
    (sp.sinh(x), 0, 5),
    (sp.cosh(x), 0, 4),
    (1 / (1 + x**2), 0, 4),
    (sp.asin(x), 0, 5),
    (sp.log(sp.cos(x)), 0, 4),
    (sp.exp(sp.sin(x)), 0, 4),
    (x**3 - 2 * x + 1, 0, 2),
    (x**5, 0, 2),
    (sp.sin(x), pi / 4, 3),
    (sp.cos(x), pi / 3, 4),
    (sp.tan(x), pi / 4, 3),
    (sp.log(x), 1, 4),
    (sp.sqrt(x), 4, 3),
    (sp.exp(x), 1, 3),
    (1 / x, 2, 4),
    (sp.sqrt(x), 2, 2),
    (sp.log(x), E, 3),
    (sp.atan(x), 1, 3),
    (x**x, 1, 3),
    (sp.sin(x) ** 2, pi / 6, 3),
    (x**4 - 3 * x**2 + 2, -1, 4),
    (sp.exp(2 * x), R(1, 2), 3),
    (sp.log(1 + x) / (1 + x), 0, 10),
    (sp.cos(x), sp.sqrt(2), 2),
    (sp.exp(x), 0, 0),
    (sp.cbrt(x), 8, 2),
]

# (f, centre, estimate point or None)
LINEARISATIONS = [
    (sp.sqrt(x), 4, R(41, 10)),
    (sp.sqrt(x), 9, R(91, 10)),
    (sp.sqrt(x), 4, 4.1),
    (sp.cbrt(x), 8, R(79, 10)),
    (sp.sin(x), 0, R(1, 10)),
    (sp.sin(x), pi / 6, None),
    (sp.cos(x), pi / 3, None),
    (sp.tan(x), pi / 4, None),
    (sp.exp(x), 0, R(1, 10)),
    (sp.exp(x), 1, R(11, 10)),
    (sp.log(x), 1, R(11, 10)),
    (sp.log(x), E, 3),
    (1 / x, 2, R(21, 10)),
    (x**3, 2, R(201, 100)),
    (x**2 + 3 * x, -1, R(-9, 10)),
    (sp.atan(x), 1, None),
    (sp.asin(x), 0, R(1, 5)),
    (sp.sqrt(1 + x), 0, R(1, 10)),
    (1 / (1 + x), 0, R(1, 20)),
    (sp.exp(-x), 0, R(1, 5)),
    (sp.sinh(x), 0, None),
    (sp.cosh(x), 0, R(1, 2)),
    (sp.log(1 + x), 0, R(-1, 10)),
    (x * sp.exp(x), 0, R(1, 10)),
    (sp.sqrt(x), 1, -1),
    (sp.sqrt(25 - x**2), 3, R(29, 10)),
    (sp.exp(sp.sin(x)), 0, R(1, 10)),
    (sp.cos(x) ** 2, 0, None),
    (x ** R(3, 2), 4, R(41, 10)),
    (sp.sec(x), 0, R(1, 10)),
    (5 * x - 2, 3, 7),
]

# (f, centre, order, radius)
BOUNDS = [
    (sp.exp(x), 0, 3, 1),
    (sp.sin(x), 0, 3, 1),
    (sp.cos(x), 0, 4, R(1, 2)),
    (sp.log(x), 1, 3, R(1, 2)),
    (sp.log(1 + x), 0, 2, R(1, 2)),
    (sp.sqrt(x), 4, 2, 1),
    (1 / (1 + x), 0, 3, R(1, 2)),
    (sp.atan(x), 0, 3, R(1, 2)),
    (sp.exp(-(x**2)), 0, 4, R(1, 2)),
    (sp.sin(x), pi / 4, 3, R(1, 2)),
    (sp.cos(x), pi / 3, 2, R(1, 2)),
    (sp.exp(x) * sp.sin(x), 0, 4, 1),
    (sp.tan(x), 0, 3, R(1, 2)),
    (1 / (1 + x**2), 0, 4, R(1, 2)),
    (x**5, 0, 2, 1),
    (sp.sinh(x), 0, 3, 1),
    (sp.cosh(x), 1, 2, R(1, 2)),
    (sp.exp(2 * x), 0, 2, R(1, 4)),
    (sp.sqrt(1 + x), 0, 2, R(1, 2)),
    (x * sp.exp(x), 0, 3, R(1, 2)),
    (sp.log(x), 2, 2, 1),
    (1 / x, 1, 3, R(1, 3)),
    (sp.exp(x), 1, 2, R(1, 2)),
    (sp.sin(2 * x), 0, 5, R(1, 2)),
    (sp.cos(x) ** 2, 0, 2, R(1, 2)),
    (sp.asin(x), 0, 3, R(1, 3)),
    (x**3 - 2 * x, 1, 2, R(1, 2)),
    (sp.exp(-x), 0, 5, 2),
    (1 / (2 - x), 0, 2, 1),
    (sp.log(1 + x**2), 0, 2, R(1, 2)),
    (sp.exp(sp.sin(x)), 0, 2, R(1, 2)),
    (sp.sqrt(x), 1, 1, R(1, 2)),
    (sp.exp(x), 0, 2, 0.5),
]

# (f, point, order)
TWO = [
    (sp.exp(x * y), (0, 0), 2),
    (sp.exp(x * y), (1, 2), 2),
    (sp.exp(x * y), (1, 0), 1),
    (sp.sin(x) * sp.cos(y), (pi / 4, 0), 2),
    (sp.sin(x) * sp.cos(y), (0, pi / 2), 2),
    (x**2 * y + sp.log(y), (1, 1), 2),
    (x**2 * y + sp.log(y), (1, 1), 1),
    (sp.sqrt(x**2 + y**2), (3, 4), 2),
    (sp.sqrt(x**2 + y**2), (3, 4), 1),
    (sp.exp(x) * sp.cos(y), (0, 0), 2),
    (sp.exp(x) * sp.cos(y), (0, 0), 1),
    (sp.log(1 + x + y), (0, 0), 2),
    (1 / (1 + x**2 + y**2), (0, 0), 2),
    (1 / (1 + x**2 + y**2), (1, 1), 2),
    (sp.atan(y / x), (1, 1), 2),
    (x * y, (2, 3), 2),
    (x**3 + y**3 - 3 * x * y, (1, 1), 2),
    (sp.sin(x + 2 * y), (0, 0), 2),
    (sp.cos(x * y), (1, pi / 2), 2),
    (sp.exp(x + y), (1, -1), 2),
    (sp.sqrt(1 + x + 2 * y), (0, 0), 2),
    (x * sp.exp(y), (2, 0), 2),
    (sp.log(x * y), (1, 1), 2),
    (sp.log(x * y), (2, R(1, 2)), 1),
    (x**2 - y**2, (0, 0), 2),
    (sp.sin(x) * sp.sin(y), (pi / 2, pi / 2), 2),
    (sp.exp(-(x**2) - y**2), (0, 0), 2),
    (sp.exp(-(x**2) - y**2), (1, 0), 2),
    (sp.sqrt(x * y), (1, 4), 2),
    (x / (1 + y), (0, 0), 2),
    (sp.tan(x + y), (0, 0), 1),
    (sp.exp(x * y), (R(1, 2), sp.sqrt(2)), 2),
]


# the slowest cases (about a second each, mostly rendering): run with the slow tests
SLOW = {
    "polynomials": {7, 8, 9, 13, 15, 28, 32},
    "linearisations": {25, 26},
    "bounds": {8, 12, 13, 24, 25, 29},
    "two": {12, 13, 14, 26, 27, 28, 31},
}


def indices(name: str, cases: list) -> list:
    """Each case's index, the slow ones marked slow; the case itself as its id."""
    return [
        pytest.param(i, id=str(case), marks=pytest.mark.slow if i in SLOW[name] else ())
        for i, case in enumerate(cases)
    ]


@cache
def polynomial_step(index: int):
    f, a, n = POLYNOMIALS[index]
    return taylor_polynomial(f, x, a, n)


@cache
def linear_step(index: int):
    f, a, point = LINEARISATIONS[index]
    return linearisation(f, x, a, estimate=point)


@cache
def bound_step(index: int):
    f, a, n, r = BOUNDS[index]
    return truncation_error(f, x, a, n, radius=r)


@cache
def two_step(index: int):
    f, point, order = TWO[index]
    return taylor_two_variables(f, (x, y), point, order)


def same(a: sp.Basic, b: sp.Basic) -> bool:
    difference = sp.expand(a - b)
    return difference == 0 or sp.simplify(difference) == 0


def rendered(step) -> None:
    """text and LaTeX render and the JSON form serialises; every rule id has wording and a title."""
    assert render(step, "text")
    assert render(step, "latex").startswith(r"\begin{array}")
    data = json.loads(render(step, "json"))
    assert data["rule"] == step.rule
    json.dumps(step.to_dict())
    for rule in step.rules_used():
        assert rule in MESSAGES, rule
        assert rule in TITLES or rule in rule_metadata() or rule == "derivative", rule


# -- Taylor polynomials --------------------------------------------------------------------------


@pytest.mark.parametrize("index", indices("polynomials", POLYNOMIALS))
def test_polynomial_is_the_series(index):
    f, a, n = POLYNOMIALS[index]
    step = polynomial_step(index)
    reference = sp.series(f, x, a, n + 1).removeO()
    assert same(step.result, reference), (step.result, reference)
    values = step.children[1].children
    for k, value in enumerate(values):
        assert same(value.result, sp.diff(f, x, k).subs(x, a)), k
    assert step.details["maclaurin"] == (a == 0)


@pytest.mark.parametrize("index", indices("polynomials", POLYNOMIALS))
def test_polynomial_tree_and_rendering(index):
    step = polynomial_step(index)
    assert check_tree(step) == []
    rendered(step)


def test_sin_about_pi_over_4_is_exact():
    step = taylor_polynomial(sp.sin(x), x, pi / 4, 3)
    values = [v.result for v in step.children[1].children]
    half = sp.sqrt(2) / 2
    assert values == [half, half, -half, -half]
    terms = [t.result for t in step.children[2].children]
    assert all(not t.has(sp.Float) for t in terms)
    text = render(step)
    assert "√2/2" in text and "−√2 (x − π/4)³/12" in text
    assert "Taylor polynomial of order 3 about x = π/4" in text


def test_vanishing_terms_are_zero_in_the_table_and_left_out():
    step = taylor_polynomial(sp.sin(x), x, 0, 5)
    terms = [t.result for t in step.children[2].children]
    assert terms[0] == 0 and terms[2] == 0 and terms[4] == 0
    total = step.children[3]
    assert total.details["vanishing"] == (0, 2, 4) and len(total.details["terms"]) == 3
    text = render(step)
    assert "P₅(x) = x − x³/6 + x⁵/120" in text and "Maclaurin" in text


def test_zero_polynomial():
    step = taylor_polynomial(x**5, x, 0, 2)
    assert step.result == 0
    assert "every term vanishes" in render(step)


def test_order_zero_and_next_term():
    step = taylor_polynomial(sp.exp(x), x, 0, 0)
    assert step.result == 1
    order = step.children[4].children[0]
    assert order.details["defined"] and order.details["leading"] == x


@pytest.mark.parametrize(
    "f, a, order, fragment",
    [
        (sp.log(x), 0, 3, "x = 0 (order 0)"),
        (1 / x, 0, 2, "x = 0 (order 0)"),
        (sp.sqrt(x), 0, 2, "x = 0 (order 1)"),
        (sp.Abs(x), 0, 2, "x = 0 (order 1)"),
        (sp.sqrt(x), -1, 1, "x = −1 (order 0)"),
        (x ** R(5, 2), 0, 3, "x = 0 (order 3)"),
        (sp.tan(x), pi / 2, 1, "x = π/2 (order 0)"),
        (sp.sin(x) / x, 0, 1, "x = 0 (order 0)"),
        (sp.acos(x), 1, 2, "x = 1 (order 1)"),
    ],
)
def test_undefined_centre_names_point_and_order(f, a, order, fragment):
    with pytest.raises(ValueError, match="undefined") as error:
        taylor_polynomial(f, x, a, order)
    assert fragment in str(error.value)


@pytest.mark.parametrize("order", [-1, 11, 2.5, True])
def test_order_out_of_range(order):
    with pytest.raises(ValueError, match="order"):
        taylor_polynomial(sp.exp(x), x, 0, order)


def test_higher_derivative_undefined_weakens_the_error_statement():
    step = taylor_polynomial(x ** R(5, 2), x, 0, 2)
    order = step.children[4].children[0]
    assert not order.details["defined"]
    assert "vanish faster than x²" in render(step)


def test_leading_error_term_matches_series():
    for f, a, n in [(sp.exp(x), 0, 3), (sp.log(x), 1, 2), (sp.sin(x), pi / 4, 2)]:
        order = taylor_polynomial(f, x, a, n).children[4].children[0]
        next_term = sp.series(f, x, a, n + 2).removeO() - sp.series(f, x, a, n + 1).removeO()
        assert same(order.details["leading"], next_term)


def test_float_centre_states_digits():
    step = taylor_polynomial(sp.exp(x), x, 0.5, 2)
    assert step.details["digits"] == 10
    reference = sp.series(sp.exp(x), x, R(1, 2), 3).removeO()
    for t in np.linspace(0, 1, 5):
        assert abs(float(step.result.subs(x, t)) - float(reference.subs(x, t))) < 1e-8
    assert "significant figures" in render(step)


def test_estimate_with_polynomial():
    step = taylor_polynomial(sp.exp(x) * sp.sin(x), x, 0, 4, radius=1, point=R(1, 2))
    estimate = step.children[-1].details
    assert estimate["estimate"] == R(19, 24)
    exact_error = sp.exp(R(1, 2)) * sp.sin(R(1, 2)) - R(19, 24)
    assert same(estimate["error"], exact_error) and estimate["within_bound"]
    assert check_tree(step) == []


# -- linearisation -------------------------------------------------------------------------------


@pytest.mark.parametrize("index", indices("linearisations", LINEARISATIONS))
def test_linearisation(index):
    f, a, point = LINEARISATIONS[index]
    step = linear_step(index)
    a_value = sp.nsimplify(a) if isinstance(a, float) else a
    tangent = f.subs(x, a_value) + sp.diff(f, x).subs(x, a_value) * (x - a_value)
    assert same(step.result, tangent)
    assert step.rule == "linearisation" and step.details["order"] == 1
    if point is not None:
        estimate = step.children[-1].details
        t = sp.nsimplify(point) if isinstance(point, float) else point
        assert abs(sp.N(estimate["estimate"] - tangent.subs(x, t))) < 1e-9
        actual = f.subs(x, t)
        if actual.is_real:
            assert abs(sp.N(estimate["actual"] - actual)) < 1e-9
            assert abs(sp.N(estimate["error"] - (actual - tangent.subs(x, t)))) < 1e-9
            assert estimate["within_bound"]
        else:
            assert estimate["outcome"] == "undefined"
    assert check_tree(step) == []
    rendered(step)


def test_linearisation_reads_as_the_tangent_line():
    text = render(linearisation(sp.sqrt(x), x, 4, estimate=R(41, 10)))
    assert "L(x) = 2 + (x − 4)/4 = x/4 + 1" in text
    assert "the tangent line to y = f(x) at (4, 2)" in text
    assert "L(41/10) = 81/40 ≈ 2.025" in text and "√410/10 ≈ 2.024845673" in text
    assert "is within the bound 0.00015625" in text


def test_linearisation_where_f_is_undefined_at_the_estimate():
    step = linearisation(sp.sqrt(x), x, 1, estimate=-1)
    assert step.children[-1].details["outcome"] == "undefined"
    assert "no real value at −1" in render(step)


# -- the remainder bound -------------------------------------------------------------------------


def _sampled(f, a, n, r, count=4001):
    """(largest |f − Pₙ|, largest |f⁽ⁿ⁺¹⁾|) on [a − r, a + r], sampled with numpy."""
    a_f, r_f = float(a), float(r)
    p = sp.series(f, x, sp.nsimplify(a), n + 1).removeO()
    error = sp.lambdify(x, f - p, "numpy")
    g = sp.lambdify(x, sp.diff(f, x, n + 1), "numpy")
    t = np.linspace(a_f - r_f, a_f + r_f, count)
    return float(np.max(np.abs(error(t)))), float(np.max(np.abs(g(t) * np.ones_like(t))))


@pytest.mark.parametrize("index", indices("bounds", BOUNDS))
def test_lagrange_bound_holds_and_is_sensible(index):
    f, a, n, r = BOUNDS[index]
    step = bound_step(index)
    bound = float(step.result)
    largest_error, largest_g = _sampled(f, a, n, r)
    assert bound >= largest_error * (1 - 1e-9), (bound, largest_error)
    assert bound <= BOUND_FACTOR * largest_error, (bound, largest_error)
    maximum = step.children[1].children[-1].children[0]
    m = float(maximum.result)
    assert largest_g * (1 - 1e-9) <= m <= largest_g * (1 + 1e-3), (m, largest_g)
    assert maximum.details["method"] in ("exact", "numeric", "constant")
    assert check_tree(step) == []
    rendered(step)


def test_bound_methods_are_stated():
    methods = {BOUNDS[i][0]: bound_step(i).children[1].children[-1].children[0] for i in (0, 30)}
    assert methods[sp.exp(x)].details["method"] == "exact"
    numeric = methods[sp.exp(sp.sin(x))]
    assert numeric.details["method"] == "numeric"
    assert "solved numerically" in render(bound_step(30))


def test_critical_point_inside_the_interval():
    step = truncation_error(sp.sin(x), x, 0, 2, radius=2)  # |f'''| = |cos x| peaks at 0
    maximum = step.children[1].children[-1].children[0]
    assert maximum.result == 1 and maximum.details["at"] == 0
    solve = maximum.children[0]
    assert solve.details["method"] == "exact" and sp.Tuple(0) in solve.result


def test_bound_at_a_point():
    step = truncation_error(sp.sqrt(x), x, 4, 1, point=R(41, 10))
    assert step.result == R(1, 6400)
    interval = step.children[1].children[-1].details["interval"]
    assert tuple(interval) == (4, R(41, 10))


@pytest.mark.parametrize(
    "f, a, n, r, where",
    [
        (sp.log(x), 1, 3, R(3, 2), 0),
        (sp.sqrt(x), 1, 2, 1, 0),
        (sp.tan(x), 0, 2, 2, -pi / 2),
        (sp.Abs(x), 1, 2, 2, 0),  # the kink of |x|: f'' = 0 away from 0, yet no bound
        (sp.asin(x), 0, 3, 1, -1),
    ],
)
def test_unbounded_interval_is_an_outcome(f, a, n, r, where):
    step = truncation_error(f, x, a, n, radius=r)
    maximum = step.children[1].children[-1].children[0]
    assert maximum.details["outcome"] == "unbounded" and step.result == sp.oo
    assert sp.simplify(maximum.details["where"] - where) == 0
    assert "no finite M" in render(step)


@pytest.mark.parametrize("radius", [0, -1, sp.I])
def test_bad_radius(radius):
    with pytest.raises(ValueError, match="radius"):
        truncation_error(sp.exp(x), x, 0, 2, radius=radius)


def test_lagrange_form():
    step = truncation_error(sp.exp(x), x, 0, 3)
    lagrange = step.children[1].children[1]
    xi = lagrange.details["xi"]
    assert same(lagrange.result, sp.exp(xi) * x**4 / 24)
    assert len(step.children[1].children) == 2  # no interval: no bound


# -- two variables -------------------------------------------------------------------------------


def _two_reference(f, point, order):
    t, h, k = sp.symbols("t h k")
    a, b = point
    moved = f.subs({x: a + t * h, y: b + t * k}, simultaneous=True)
    series = sp.series(moved, t, 0, order + 1).removeO().subs(t, 1)
    return sp.expand(series.subs({h: x - a, k: y - b}, simultaneous=True))


@pytest.mark.parametrize("index", indices("two", TWO))
def test_two_variables(index):
    f, point, order = TWO[index]
    step = two_step(index)
    assert same(step.result, _two_reference(f, point, order)), step.result
    at = dict(zip((x, y), point, strict=True))
    gradient = [sp.diff(f, v).subs(at) for v in (x, y)]
    assert all(same(g, e) for g, e in zip(step.details["gradient"], gradient, strict=True))
    if order == 2:
        hessian = sp.hessian(f, (x, y)).subs(at)
        assert all(same(h, e) for h, e in zip(step.details["hessian"], hessian, strict=True))
    assert check_tree(step) == []
    rendered(step)


def test_two_variables_text():
    text = render(taylor_two_variables(sp.exp(x * y), (x, y), (0, 0)))
    assert "Q(x, y) = 1 + [0  0] (x, y)ᵀ + ½ [x  y] [0 1; 1 0] (x, y)ᵀ" in text
    assert "= 1 + x y" in text and "H(0, 0) = ⎡ 0  1 ⎤" in text
    latex = render(taylor_two_variables(sp.exp(x * y), (x, y), (0, 0)), "latex")
    assert r"\frac{1}{2} \begin{bmatrix}x & y\end{bmatrix}" in latex


@pytest.mark.parametrize(
    "f, variables, point, order, message",
    [
        (sp.exp(x * y), (x, y), (0, 0, 0), 2, "2 coordinates"),
        (sp.exp(x * y), (x, y), (0,), 2, "2 coordinates"),
        (sp.exp(x * y), (x, y), (0, 0), 3, "order 1 or 2"),
        (sp.exp(x * y), (x,), (0, 0), 2, "exactly two variables"),
        (sp.sqrt(x**2 + y**2), (x, y), (0, 0), 2, r"∂f/∂x is undefined at \(0, 0\) \(order 1\)"),
        (sp.log(x * y), (x, y), (0, 1), 1, r"undefined at \(0, 1\) \(order 0\)"),
        (x ** R(3, 2) * y, (x, y), (0, 1), 2, r"∂²f/∂x² is undefined at \(0, 1\) \(order 2\)"),
    ],
)
def test_two_variable_errors(f, variables, point, order, message):
    with pytest.raises(ValueError, match=message):
        taylor_two_variables(f, variables, point, order)
