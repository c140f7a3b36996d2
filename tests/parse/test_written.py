"""parse_expression(evaluate=False): the written form, as typed, and equal to the evaluated one."""

from __future__ import annotations

import random
import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Add, Integer, Mul, Pow, Rational, sin

from tutor.parse import Limits, ParseError, parse_answer, parse_expression

x, y = sympy.symbols("x y", real=True)


def written(text: str, **options) -> sympy.Expr:
    return parse_expression(text, evaluate=False, **options).expr


def evaluated(text: str, **options) -> sympy.Expr:
    return parse_expression(text, **options).expr


# (text, the written tree exactly): the same in calculator syntax and in LaTeX
WRITTEN = [
    ("2+3", Add(2, 3, evaluate=False)),
    ("x + x", Add(x, x, evaluate=False)),
    ("2*3x", Mul(2, 3, x, evaluate=False)),
    ("-3", Integer(-3)),
    ("-x", Mul(-1, x, evaluate=False)),
    ("2-3", Add(2, -3, evaluate=False)),
    ("4/2", Mul(4, Pow(2, -1, evaluate=False), evaluate=False)),
    ("2^3", Pow(2, 3, evaluate=False)),
    ("x^{1}", Pow(x, 1, evaluate=False)),
    ("x - x", Add(x, Mul(-1, x, evaluate=False), evaluate=False)),
]
LATEX_WRITTEN = [
    (r"2\cdot 3x", Mul(2, 3, x, evaluate=False)),
    (r"\frac{4}{2}", Mul(4, Pow(2, -1, evaluate=False), evaluate=False)),
    (r"\frac{2}{4}", Mul(2, Pow(4, -1, evaluate=False), evaluate=False)),
    (r"\sin 0", sin(0, evaluate=False)),
    ("sin(0)", sin(0, evaluate=False)),
]


@pytest.mark.parametrize("syntax", ["text", "latex"])
@pytest.mark.parametrize(("text", "expected"), WRITTEN)
def test_written_tree(text: str, expected: sympy.Expr, syntax: str) -> None:
    assert sympy.srepr(written(text, syntax=syntax)) == sympy.srepr(expected)


@pytest.mark.parametrize(("text", "expected"), LATEX_WRITTEN)
def test_written_tree_in_latex_or_calculator_only(text: str, expected: sympy.Expr) -> None:
    assert sympy.srepr(written(text)) == sympy.srepr(expected)


def test_quotient_keeps_its_factors() -> None:
    for text in ["(x^2-1)/(x-1)", r"\frac{x^2-1}{x-1}"]:
        form = written(text)
        assert form != x + 1 and evaluated(text) == (x**2 - 1) / (x - 1)
        numerator = Add(Pow(x, 2, evaluate=False), -1, evaluate=False)
        assert numerator in form.args and sympy.cancel(form.doit()) == x + 1


def test_two_plus_three_is_not_five_until_evaluated() -> None:
    form = written("2+3")
    assert form.is_Add and form != 5 and form.doit() == 5
    assert evaluated("2+3") == 5


def test_written_reading_keeps_syntax_and_alternatives() -> None:
    reading = parse_expression("1/2x", evaluate=False)
    assert reading.syntax == "text" and reading.text == "1/2x"
    assert reading.expr.doit() == x / 2
    ((shown, other),) = reading.alternatives
    assert shown == "1/(2x)" and other.doit() == 1 / (2 * x)


def test_written_inverse_function_follows_the_evaluated_decision() -> None:
    # (0-1) is -1 only once evaluated; the written parse still reads arcsin
    assert written("sin^(0-1) x").doit() == sympy.asin(x)


CORPUS = [
    "x^2 sin x + 2x e^(3x)",
    "log_2 x / sqrt(x^2+1)",
    "|x| + 3.5e-2",
    "1/2x",
    "sin x y",
    "sin^2 x cos x",
    "(x+1)(x-1)/(x^2-1)",
    "2^-x",
    "-x^2",
    "e^(x ln 2)",
    "5!",
    "gamma(4) + beta(2, 3)",
    "root(8, 3) + cbrt(27)",
    "log(100, 10)",
    "x^x^2",
    "arcsin(x)/sqrt(1-x^2)",
    "2/3/4",
    "0*x + 0",
    "(1/2)^(-2)",
    "sinh x cosh x - tanh^2 x",
    "√2 x",
    "x²y³",
    r"\frac{1}{2}x^{2}\sin x",
    r"\log_{10} x + \sqrt[3]{x}",
    r"e^{x}\cos x",
    r"\frac{\sin x}{x}",
    r"\sin^{-1} x + \arctan x",
    r"\left| x - 1 \right|",
    r"-\frac{1}{2} + \frac{3}{4}",
    r"2^{10} - 1000",
    r"x^{2} - x \cdot x",
    r"\sqrt{16} + (-3)",
    r"\ln|x| - \ln x",
    r"5!",
]


@pytest.mark.parametrize("text", CORPUS)
def test_written_form_evaluates_to_the_evaluated_reading(text: str) -> None:
    assert written(text).doit() == evaluated(text)


def test_written_form_is_checked_by_the_same_limits_first() -> None:
    for text in ["9^9^9", "1/0", "log(0)", "(10^1000)!", r"9^{9^{9^{9}}}"]:
        start = time.perf_counter()
        with pytest.raises(ParseError):
            parse_expression(text, evaluate=False)
        assert time.perf_counter() - start < 1.0
    with pytest.raises(ParseError, match="too long"):
        parse_expression("x" * 30, evaluate=False, limits=Limits(max_length=20))


CALCULATOR_ALPHABET = "xyesinlogqrtabc0123456789.+-*/^!()|_ √"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CALCULATOR_ALPHABET, max_size=30))
def test_random_input_written_equals_evaluated(text: str) -> None:
    try:
        value = evaluated(text)
    except ParseError:
        return
    form = written(text)
    if form.doit() == value:
        return
    rng = random.Random(text)
    symbols = sorted(value.free_symbols | form.free_symbols, key=str)
    for _ in range(4):
        point = {symbol: Rational(rng.randint(1, 9), rng.randint(1, 4)) for symbol in symbols}
        a, b = complex(value.evalf(subs=point)), complex(form.evalf(subs=point))
        assert abs(a - b) <= 1e-9 * (1 + abs(a)), (text, value, form)


def test_latex_keeps_a_bracketed_sum_as_a_group():
    """latex2sympy flattens 1 + (x - 1) into 1 + x - 1; the written form must keep the group."""
    bracketed = parse_answer(r"1+\left(x-1\right)", "expr").written
    flat = parse_answer(r"1+x-1", "expr").written
    assert any(isinstance(arg, sympy.Add) for arg in bracketed.args)
    assert not any(isinstance(arg, sympy.Add) for arg in flat.args)
    assert bracketed.doit() == flat.doit()
