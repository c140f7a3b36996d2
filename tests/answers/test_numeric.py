"""The bounded evaluator (tutor.answers.numeric and guards), number display and sample points.

The evaluator must agree with sympy's evalf, tell real, complex and undefined apart, and finish
quickly on anything the parser accepts: each hostile evaluation below is held to 0.5 s of wall
clock (they take about a millisecond).
"""

from __future__ import annotations

import time
from fractions import Fraction

import mpmath
import pytest
import sympy
from sympy import Abs, I, Rational, sqrt

from tutor.answers import guards, numeric, sampling
from tutor.answers.display import describe_point, format_number, point_values
from tutor.answers.numeric import (
    COMPLEX,
    REAL,
    SEMI,
    NotReal,
    TooLarge,
    Undefined,
    Unevaluable,
    as_expr,
    compile_expression,
    evaluate,
    value_at,
)
from tutor.parse import parse_expression

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", real=True)

BOUND = 0.5  # seconds allowed for one hostile evaluation

UNARY = [
    sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot,
    sympy.asin, sympy.acos, sympy.atan, sympy.asec, sympy.acsc, sympy.acot,
    sympy.sinh, sympy.cosh, sympy.tanh, sympy.sech, sympy.csch, sympy.coth,
    sympy.asinh, sympy.acosh, sympy.atanh, sympy.asech, sympy.acsch, sympy.acoth,
    sympy.exp, sympy.log, sympy.sqrt, sympy.cbrt, sympy.erf, sympy.gamma, sympy.factorial, Abs,
]  # fmt: skip


@pytest.mark.parametrize("func", UNARY, ids=lambda f: f.__name__)
def test_matches_sympy_evalf(func) -> None:
    for value in (Rational(-5, 2), Rational(-1, 3), Rational(3, 10), Rational(7, 4), 3):
        exact = func(sympy.Integer(value) if isinstance(value, int) else value)
        reference = complex(exact.evalf(30))
        got = complex(evaluate(func(x), {x: value if isinstance(value, int) else float(value)}))
        assert abs(got - reference) <= 1e-12 * max(1, abs(reference)), (func, value)


def test_binary_functions_and_constants() -> None:
    assert evaluate(sympy.beta(x, 2), {x: 1.5}) == pytest.approx(float(sympy.beta(1.5, 2)))
    assert evaluate(sympy.EulerGamma * x, {x: 2}) == pytest.approx(2 * 0.5772156649015329)
    assert evaluate(sympy.Max(x, 1) + sympy.Min(x, 0), {x: 3}) == 3
    assert evaluate(sympy.pi + sympy.E, {}) == pytest.approx(5.859874482048838)


def test_precision_is_thirty_digits_whatever_the_caller_uses() -> None:
    with mpmath.workdps(10):
        value = compile_expression(sympy.pi * x, (x,))((1,))
    with mpmath.workdps(40):
        assert abs(value - mpmath.pi) < mpmath.mpf(10) ** -29


def test_big_integers_and_rationals_are_exact() -> None:
    tiny = Rational(10**40 + 1, 10**40) * x - x
    assert evaluate(tiny, {x: 1}) == pytest.approx(1e-40)
    assert evaluate(sympy.Integer(10) ** 50 * x - 10**50 * x + 1, {x: 3}) == 1


@pytest.mark.parametrize(
    "expr, at, kind",
    [
        (sqrt(x), 4, "real"),
        (sqrt(x), -4, "complex"),
        (sympy.log(x), -1, "complex"),
        (sympy.log(x), 0, "undefined"),
        (1 / x, 0, "undefined"),
        (1 / (x - 2), 2, "undefined"),
        (sympy.factorial(x), -1, "undefined"),
        (sympy.gamma(x), 0, "undefined"),
        (sympy.asin(x), 2, "complex"),
        (x**x, 0, "undefined"),
        (sympy.exp(sympy.exp(sympy.exp(x))), 10, "undefined"),
        (sympy.zoo * x, 1, "undefined"),
        (sympy.atanh(x), 1, "undefined"),
    ],
    ids=str,
)
def test_value_at_tells_real_complex_undefined(expr, at, kind) -> None:
    found = value_at(expr, {x: at})
    assert found.kind == kind, found
    assert (found.value is None) == (kind == "undefined")
    if kind == "undefined":
        assert found.reason


def test_modes() -> None:
    with pytest.raises(NotReal):
        evaluate(Abs(sympy.log(x)), {x: -2}, REAL)
    assert evaluate(Abs(sympy.log(x)), {x: -2}, COMPLEX) > 0  # |ln 2 + i pi|
    with pytest.raises(Undefined):
        evaluate(Abs(sympy.log(x)), {x: -2}, SEMI)  # |u| only of real u
    assert evaluate(sympy.log(x) ** 2, {x: -2}, SEMI).imag != 0
    with pytest.raises(Undefined):
        evaluate(sympy.acosh(x), {x: -2}, SEMI)
    assert evaluate(Abs(x), {x: 0}, REAL) == 0  # |x| at its kink is fine by default
    kinked = compile_expression(Abs(x), (x,), REAL, avoid_kinks=True)
    with pytest.raises(Undefined):
        kinked((0,))
    with pytest.raises(ValueError):
        numeric.closure(x, (x,), "imaginary")


def test_exceptions_form_a_hierarchy() -> None:
    assert issubclass(TooLarge, Undefined) and issubclass(NotReal, Undefined)
    with pytest.raises(TooLarge):
        evaluate(x ** (10**100), {x: 1.5})
    with pytest.raises(Undefined):
        evaluate(1 / x, {x: 0})


@pytest.mark.parametrize(
    "expr",
    [
        sympy.Function("f")(x),
        sympy.Derivative(x**2 * sympy.Function("g")(x), x),
        sympy.Integral(sympy.exp(x**2), x),
        x + y,  # y has no value
        sympy.Eq(x, 1),
        sympy.Tuple(x, 1),
    ],
    ids=str,
)
def test_unevaluable(expr) -> None:
    with pytest.raises(Unevaluable):
        compile_expression(expr, (x,))


def test_values_may_be_python_numbers() -> None:
    f = compile_expression(x**2 + y, (x, y))
    assert f((3, 0.5)) == pytest.approx(9.5)
    assert f((Fraction(1, 2), 1)) == pytest.approx(1.25)
    assert f((1j, 0)) == -1


def test_compiled_closures_are_cached() -> None:
    expr = sympy.sin(x) * sympy.exp(x)
    assert compile_expression(expr, (x,)) is compile_expression(expr, (x,))
    assert compile_expression(expr, (x,), REAL) is not compile_expression(expr, (x,))


def test_hyperbolic_functions_of_huge_arguments() -> None:
    for big in (10**7, 10**100):
        assert evaluate(sympy.tanh(x), {x: big}) == 1
        assert evaluate(sympy.tanh(x), {x: -big}) == -1
        assert evaluate(sympy.coth(x), {x: big}) == 1
        assert evaluate(sympy.sech(x), {x: big}) == 0
        assert evaluate(sympy.erf(x), {x: -big}) == -1
        with pytest.raises(TooLarge):
            evaluate(sympy.sinh(x), {x: big})
    # d/dx tanh(e^(e^x)) two ways, where e^(e^x) is about 10^7: both are 0 to 30 digits.
    inner = sympy.exp(sympy.exp(x))
    sympy_form = (1 - sympy.tanh(inner) ** 2) * sympy.exp(x) * inner
    textbook_form = sympy.sech(inner) ** 2 * sympy.exp(x) * inner
    assert evaluate(sympy_form, {x: 2.8}) == evaluate(textbook_form, {x: 2.8}) == 0


def test_underflow_is_zero_and_huge_is_too_large() -> None:
    assert evaluate(sympy.exp(-sympy.exp(x)), {x: 20}) == 0
    assert evaluate(x ** (-(10**100)), {x: 1.5}) == 0
    assert evaluate(x ** (10**100), {x: 0.5}) == 0
    with pytest.raises(TooLarge):
        evaluate(sympy.cosh(10**10 * x), {x: 1})


# Hostile expressions: each evaluation must be refused or computed within BOUND seconds.
HUGE = sympy.Integer(10) ** 100
HOSTILE = [
    x**HUGE,
    x ** (HUGE + Rational(1, 2)),
    (-x) ** (HUGE + 1),
    x ** (-HUGE),
    sympy.exp(sympy.exp(sympy.exp(x))),
    sympy.exp(sympy.exp(sympy.exp(sympy.exp(x)))),
    x ** (x ** (x ** (x**x))),
    2 ** (2 ** (2 ** (2 ** (2**x)))),
    sympy.factorial(HUGE * x),
    sympy.factorial(x * Rational(1, 3) + HUGE),
    sympy.factorial(sympy.factorial(sympy.factorial(x + 5))),
    sympy.gamma(x * HUGE),
    sympy.beta(HUGE * x, x),
    sympy.sin(HUGE * x),
    sympy.sin(sympy.Integer(10) ** 5000 * x),
    sympy.tan(sympy.exp(sympy.exp(x))),
    sympy.tanh(I * sympy.Integer(10) ** 5000 * x),
    sympy.coth(I * sympy.Integer(10) ** 5000 * x),
    sympy.exp(I * sympy.Integer(10) ** 5000 * x),
    sympy.erf(I * 10**9 * x),
    sympy.erf(sympy.exp(sympy.exp(x))),
    sympy.cosh(sympy.sinh(sympy.cosh(x * 100))),
    (x + 1) ** 1000,
    sympy.log(sympy.exp(sympy.exp(sympy.exp(sympy.exp(x))))),
    sqrt(sympy.exp(sympy.exp(sympy.exp(x)))) - sympy.exp(sympy.exp(sympy.exp(x)) / 2),
]


@pytest.mark.parametrize("expr", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_expressions_are_bounded(expr) -> None:
    for point in (1.5, -1.5, 3, 0.5, -7, 25, 1j + 2):
        for mode in (COMPLEX, REAL):
            start = time.perf_counter()
            try:
                evaluate(expr, {x: point}, mode)
            except Undefined:
                pass
            elapsed = time.perf_counter() - start
            assert elapsed < BOUND, f"{elapsed:.3f}s at x = {point} ({mode})"


@pytest.mark.parametrize(
    "text",
    ["x^(10^100)", "e^(e^(e^(e^x)))", "x^x^x^x^x", "(x!)!", "(10^50 x)!", "sin(10^100 x)"],
)
def test_parsed_hostile_input_is_bounded(text: str) -> None:
    expr = parse_expression(text).expr
    (var,) = expr.free_symbols
    for point in (1.5, 7, -3):
        start = time.perf_counter()
        value_at(expr, {var: point})
        assert time.perf_counter() - start < BOUND


def test_size_limits_are_what_the_docs_say() -> None:
    assert guards.MAG_LIMIT == pytest.approx(10**6 * 3.3219280948873626, abs=1)
    assert guards.EXP_LIMIT == pytest.approx(guards.MAG_LIMIT * 0.6931471805599453, abs=1)
    assert evaluate(sympy.exp(x), {x: 2.2e6}) > 0  # about 10^955000: still a value
    with pytest.raises(TooLarge):
        evaluate(sympy.exp(x), {x: 2.4e6})  # beyond 10^(10^6): refused before computing
    with pytest.raises(TooLarge):
        evaluate(x**500, {x: 10**7000})


def test_as_expr_refuses_text() -> None:
    assert as_expr(3) == 3 and as_expr(Fraction(1, 3)) == Rational(1, 3)
    assert as_expr(0.5) == sympy.Float(0.5)
    assert complex(as_expr(2j)) == 2j
    with pytest.raises(TypeError):
        as_expr("x + 1")
    with pytest.raises(TypeError):
        as_expr(True)


# ---------------------------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        (lambda: mpmath.mpf(5), "5"),
        (lambda: mpmath.mpf(5) / 2, "5/2"),
        (lambda: mpmath.mpf(-7) / 100, "-7/100"),
        (lambda: mpmath.mpf(1) / 3, "1/3"),
        (lambda: mpmath.mpf(333333333333) / 10**12, "0.333333"),  # not 1/3 at 30 digits
        (lambda: mpmath.sqrt(2), "1.41421"),
        (lambda: mpmath.mpf("2.5e12"), "2500000000000"),
        (lambda: mpmath.mpf("1.234567e-7"), "1.23457e-7"),
        (lambda: mpmath.pi * 10**6, "3.14159e6"),
        (lambda: mpmath.mpf(10) ** 20, "1e20"),
        (lambda: mpmath.mpc(1, 2), "1 + 2i"),
        (lambda: mpmath.mpc(0, -1), "-i"),
        (lambda: mpmath.mpc(0.5, -mpmath.sqrt(2)), "1/2 - 1.41421i"),
        (lambda: None, "undefined"),
        (lambda: 3, "3"),
        (lambda: Fraction(2, 3), "2/3"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_format_number(value, text: str) -> None:
    with mpmath.workdps(30):
        assert format_number(value()) == text


def test_points_for_counterexamples() -> None:
    at = point_values((x, y), (mpmath.mpf(2), mpmath.mpf(-1) / 2))
    assert at == {"x": "2", "y": "-1/2"}
    assert describe_point(at) == "x = 2, y = -1/2"
    assert describe_point({}) == ""


# ---------------------------------------------------------------------------------------------
# Sample points
# ---------------------------------------------------------------------------------------------


def test_pleasant_points_come_first_and_differ_per_coordinate() -> None:
    one = sampling.pleasant_points(1)
    assert [p[0] for p in one[:4]] == [2, Fraction(1, 2), 3, -1]
    for point in sampling.pleasant_points(3):
        assert len(set(point)) == 3


def test_random_points_are_seeded_and_local() -> None:
    import random

    ranges = (sampling.RANGES,)
    random.seed(99)
    first = sampling.random_reals(2, 7, 10, ranges)
    random.random()
    sampling.random_reals.cache_clear()
    assert sampling.random_reals(2, 7, 10, ranges) == first
    assert sampling.random_reals(2, 8, 10, ranges) != first
    assert len(first) == 10 and all(len(p) == 2 for p in first)
    complex_points = sampling.random_complex(1, 3, 5)
    assert all(p[0].imag > 0 for p in complex_points)
