"""LaTeX syntax: what latex2sympy is trusted with, and the misreadings guarded against."""

from __future__ import annotations

import pytest
import sympy
from sympy import Abs, E, acos, acosh, asin, asinh, atanh, cos, exp, gamma, log, pi, sin, sqrt, tan

from tutor.parse import ParseError, parse_expression

x, y, a, b, r, f = sympy.symbols("x y a b r f", real=True)
theta, alpha, beta = sympy.symbols("theta alpha beta", real=True)


def read(text: str, **options) -> sympy.Expr:
    reading = parse_expression(text, syntax="latex", **options)
    assert reading.syntax == "latex" and reading.alternatives == ()
    return reading.expr


READINGS = [
    (r"\frac{1}{2}x^{2}\sin x", x**2 * sin(x) / 2),
    (r"\log_{10} x", log(x) / log(10)),
    (r"\log_2 x", log(x) / log(2)),
    (r"\ln x", log(x)),
    (r"\ln|x|", log(Abs(x))),
    (r"\log x", log(x)),
    (r"\sqrt[3]{x}", sympy.cbrt(x)),
    (r"\sqrt{x^2+1}", sqrt(x**2 + 1)),
    (r"e^{x}", exp(x)),
    (r"e^{-x^{2}}", exp(-(x**2))),
    (r"\mathrm{e}^x", exp(x)),
    (r"\text{e}^{2x}", exp(2 * x)),
    (r"\exp(x)", exp(x)),
    (r"\exp x", exp(x)),
    (r"\sin^2 x", sin(x) ** 2),
    (r"\sin^{-1} x", asin(x)),
    (r"\arcsin x", asin(x)),
    (r"\cos^{-1}(x) + \tan x", acos(x) + tan(x)),
    (r"\cosh^{-1} x", acosh(x)),
    (r"\tanh^{-1} x", atanh(x)),
    (r"\operatorname{arsinh} x", asinh(x)),
    (r"|x|", Abs(x)),
    (r"\left| x \right|", Abs(x)),
    (r"\lvert x \rvert", Abs(x)),
    (r"a\cdot b", a * b),
    (r"a\times b", a * b),
    (r"a \div b", a / b),
    (r"\pi", pi),
    (r"2\pi r", 2 * pi * r),
    (r"\sin x \cos x", sin(x) * cos(x)),
    (r"\sin(x)\cdot y", sin(x) * y),
    (r"\sin\left(x\right)\cdot y", sin(x) * y),
    (r"\sec x \tan x", sympy.sec(x) * tan(x)),
    (r"\frac{\sin x}{x}", sin(x) / x),
    (r"\frac{x+1}{x-1}", (x + 1) / (x - 1)),
    (r"x_1 + w_{11}", sympy.Symbol("x_1", real=True) + sympy.Symbol("w_11", real=True)),
    (r"\theta_1", sympy.Symbol("theta_1", real=True)),
    (r"\alpha\beta", alpha * beta),
    (r"\theta^{2}", theta**2),
    (r"3.5e-2", sympy.Rational(7, 200)),
    (r"3.5\cdot 10^{-2}", sympy.Rational(7, 200)),
    (r"0.1", sympy.Rational(1, 10)),
    (r"1e5", sympy.Integer(100000)),
    (r"2e", 2 * E),
    (r"\frac12", sympy.Rational(1, 2)),
    (r"\frac 1x", 1 / x),
    (r"\sqrt x", sqrt(x)),
    (r"\Gamma(x)", gamma(x)),
    (r"f(x)", f * x),
    (r"\alpha(x+1)", alpha * (x + 1)),
    (r"5!", sympy.Integer(120)),
    (r"x^{x}", x**x),
    (r"\left(\sin x\right)^{x}", sin(x) ** x),
    (r"$x^2$", x**2),
    (r"x\,y", x * y),
    (r"\sqrt[3]{\frac{1}{2}}", sympy.cbrt(sympy.Rational(1, 2))),
    ("x²", x**2),
    ("θ^{2}", theta**2),
    ("2π", 2 * pi),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_reading(text: str, expected: sympy.Expr) -> None:
    assert read(text) == expected


def test_symbols_are_real_and_e_is_euler() -> None:
    expr = read(r"\mathrm{e}^{x} + \theta y")
    assert all(symbol.is_real for symbol in expr.free_symbols)
    assert sympy.Symbol("e") not in expr.free_symbols and expr.has(exp(x))


def test_log_default_ten() -> None:
    assert read(r"\log x", log_default="10") == log(x) / log(10)
    assert read(r"\ln x", log_default="10") == log(x)


def test_declared_multi_letter_variable() -> None:
    speed = sympy.Symbol("speed", real=True)
    assert read(r"\text{speed}\cdot 2", variables=["speed"]) == 2 * speed


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        (r"\frac{1}{2}", "latex"),
        ("x^{2}", "text"),
        ("w_{11}", "text"),
        ("sin^{-1} x", "text"),
    ],
)
def test_auto_detection(text: str, syntax: str) -> None:
    assert parse_expression(text).syntax == syntax


def test_auto_reads_braces_like_latex_would() -> None:
    assert parse_expression("e^{x}").expr == read("e^{x}") == exp(x)


REFUSALS = [
    (r"f'(x)", "primes"),
    (r"y^{\prime}", "primes"),
    (r"(1,2)", "tuples"),
    (r"\left(1,2\right)", "tuples"),
    (r"1,000", "thousands"),
    (r"1 000", "two numbers in a row"),
    (r"\sin x \cdot \cos x", r"ambiguous '\cdot'"),
    (r"\ln x / x", "ambiguous '/'"),
    (r"\sin{x}\cdot y", r"ambiguous '\cdot'"),
    (r"2\frac{1}{2}", "mixed number"),
    (r"x^T", "transpose"),
    (r"x^2|_{2}", "evaluation bars"),
    (r"x^-1", "x^{-1}"),
    (r"x^2^3", "double superscript"),
    (r"\sech x", "calculator syntax"),
    (r"\operatorname{sech}(x)", "calculator syntax"),
    (r"\erf(x)", "calculator syntax"),
    (r"\frac{d}{dx} x^2", "derivative"),
    (r"\infty", r"unsupported LaTeX command '\infty'"),
    (r"x = 1", "not an equation"),
    (r"x \le 1", r"unsupported LaTeX command '\le'"),
    (r"{x}", "set"),
    (r"\text{speed}", "unknown name 'speed'"),
    (r"\mathrm{sech}(x)", "unknown function 'sech'"),
    (r"\begin{pmatrix}1\\2\end{pmatrix}", r"'\begin' is not allowed"),
    (r"30^\circ", r"'\circ'"),
    (r"50\%", r"'\%'"),
    (r"x % comment", "unexpected character '%'"),
    (r"\sin", "could not read this LaTeX"),
    (r"\frac{1}{2", "unclosed '{'"),
]


@pytest.mark.parametrize(("text", "message"), REFUSALS)
def test_refusal(text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression(text, syntax="latex")
    assert message in caught.value.message
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        (r"\sin x \cdot \cos x", 7),
        (r"\frac{1}{2", 8),
        (r"x^{2} + \foo", 8),
        (r"\left(x+1\right", 5),
    ],
)
def test_refusal_position(text: str, position: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression(text, syntax="latex")
    assert caught.value.position == position


def test_reader_error_position_points_into_the_original_text() -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression(r"\left(x\right) + \sin", syntax="latex")
    assert caught.value.position == len(r"\left(x\right) + \sin")


def test_latex_and_calculator_agree_on_shared_conventions() -> None:
    pairs = [
        (r"x^{2}\sin x", "x^2 sin x"),
        (r"2x e^{3x}", "2x e^(3x)"),
        (r"\sin x y", "sin x y"),
        (r"\sin^{2} x", "sin^2 x"),
        (r"\log_{2} x", "log_2 x"),
        (r"\sqrt{x}", "sqrt x"),
        (r"\frac{1}{2}x", "1/2 x"),
        (r"\arcsin x", "arcsin x"),
        (r"|x|", "|x|"),
    ]
    for latex, text in pairs:
        assert read(latex) == parse_expression(text, syntax="text").expr, latex
