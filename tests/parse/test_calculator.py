"""Calculator syntax: each convention of tutor.parse with the exact sympy expression expected."""

from __future__ import annotations

import pickle

import pytest
import sympy
from sympy import (
    Abs,
    E,
    Rational,
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    acsch,
    asec,
    asech,
    asin,
    asinh,
    atan,
    atanh,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    erf,
    exp,
    factorial,
    gamma,
    log,
    pi,
    sec,
    sech,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)

from tutor.parse import DEFAULT_LIMITS, Limits, ParseError, Reading, parse_expression

x, y, z, t, r, base = sympy.symbols("x y z t r b", real=True)
theta, lam, g, b = sympy.symbols("theta lambda gamma beta", real=True)


def read(text: str, **options) -> sympy.Expr:
    return parse_expression(text, syntax="text", **options).expr


CONVENTIONS = [
    # numbers are exact
    ("2", sympy.Integer(2)),
    ("2.5", Rational(5, 2)),
    (".5", Rational(1, 2)),
    ("0.1+0.2", Rational(3, 10)),
    ("1e-3", Rational(1, 1000)),
    ("2.5E4", sympy.Integer(25000)),
    ("3.5e-2", Rational(7, 200)),
    ("2e", 2 * E),
    ("2ex", 2 * E * x),
    # operators
    ("x**2", x**2),
    ("2^3^2", sympy.Integer(512)),
    ("-x^2", -(x**2)),
    ("2^-x", 2 ** (-x)),
    ("x^-1", 1 / x),
    ("e^-x^2", exp(-(x**2))),
    ("3!", sympy.Integer(6)),
    ("x!", factorial(x)),
    ("[x+1]^2", (x + 1) ** 2),
    ("{x+1}^2", (x + 1) ** 2),
    ("2*-3", sympy.Integer(-6)),
    ("x - -y", x + y),
    # absolute values
    ("|x|", Abs(x)),
    ("abs(x)", Abs(x)),
    ("|x| |y|", Abs(x) * Abs(y)),
    ("||x|-1|", Abs(Abs(x) - 1)),
    ("|sin x|", Abs(sin(x))),
    # implicit multiplication
    ("2x", 2 * x),
    ("2(x+1)", 2 * (x + 1)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("x y", x * y),
    ("x(x+1)", x * (x + 1)),
    ("2x e^(3x)", 2 * x * exp(3 * x)),
    ("x^2 sin x", x**2 * sin(x)),
    ("xy", x * y),
    ("sinx", sin(x)),
    ("xsinx", x * sin(x)),
    ("x sin x cos x", x * sin(x) * cos(x)),
    ("xyz", x * y * z),
    # function application without parentheses
    ("sin 2x", sin(2 * x)),
    ("sin x^2", sin(x**2)),
    ("sin x cos x", sin(x) * cos(x)),
    ("ln x / x", log(x) / x),
    ("e^x sin x", exp(x) * sin(x)),
    ("sec x tan x", sec(x) * tan(x)),
    ("sin cos x", sin(cos(x))),
    ("sin(x) y", sin(x) * y),
    ("sin -x", -sin(x)),
    ("sqrt x", sqrt(x)),
    # powers of functions
    ("sin^2 x", sin(x) ** 2),
    ("sin^2(x)", sin(x) ** 2),
    ("sin(x)^2", sin(x) ** 2),
    ("sin^-1 x", asin(x)),
    ("sin^(-1) x", asin(x)),
    ("sin^{-1} x", asin(x)),
    ("cosh^-1 x", acosh(x)),
    ("sec^-1 x", asec(x)),
    # logarithms
    ("ln x", log(x)),
    ("log x", log(x)),
    ("log(x, 10)", log(x) / log(10)),
    ("log_2 x", log(x) / log(2)),
    ("log_2(x)", log(x) / log(2)),
    ("log_{10} x", log(x) / log(10)),
    ("log_10(x)", log(x) / log(10)),
    ("log_e x", log(x)),
    ("log_b x", log(x) / log(base)),
    ("exp(x)", exp(x)),
    # roots and special functions
    ("sqrt(x^2+1)", sqrt(x**2 + 1)),
    ("cbrt(x)", sympy.cbrt(x)),
    ("root(x, 3)", sympy.root(x, 3)),
    ("erf(x)", erf(x)),
    ("gamma(x)", gamma(x)),
    ("beta(x, y)", sympy.beta(x, y)),
    # constants and variables
    ("e", E),
    ("e^x", exp(x)),
    ("pi", pi),
    ("π", pi),
    ("2pi r", 2 * pi * r),
    ("theta", theta),
    ("lambda t", lam * t),
    ("gamma", g),
    ("gamma x", g * x),
    ("beta", b),
    ("θ", theta),
    ("x_1", sympy.Symbol("x_1", real=True)),
    ("x_12", sympy.Symbol("x_12", real=True)),
    ("w_{11}", sympy.Symbol("w_11", real=True)),
    ("x_i y", sympy.Symbol("x_i", real=True) * y),
    # structure
    ("x^x", x**x),
    ("(sin x)^x", sin(x) ** x),
    ("x^(sin x)", x ** sin(x)),
    ("asech x", asech(x)),
    # Unicode
    ("x²", x**2),
    ("x⁻¹", 1 / x),
    ("e³ˣ", exp(3 * x)),
    ("2×x", 2 * x),
    ("2·x", 2 * x),
    ("−x", -x),
    ("x – 1", x - 1),
    ("6÷2", sympy.Integer(3)),
    ("√(x+1)", sqrt(x + 1)),
    ("√2x", sqrt(2) * x),
    ("ｘ＋１", x + 1),
    ("π r²", pi * r**2),
]


@pytest.mark.parametrize(("text", "expected"), CONVENTIONS)
def test_convention(text: str, expected: sympy.Expr) -> None:
    assert read(text) == expected


TRIG = {
    "sin": sin,
    "cos": cos,
    "tan": tan,
    "sec": sec,
    "csc": csc,
    "cot": cot,
    "sinh": sinh,
    "cosh": cosh,
    "tanh": tanh,
    "sech": sech,
    "csch": csch,
    "coth": coth,
}
INVERSE_SPELLINGS = [
    ("asin", asin),
    ("arcsin", asin),
    ("acos", acos),
    ("arccos", acos),
    ("atan", atan),
    ("arctan", atan),
    ("asec", asec),
    ("arcsec", asec),
    ("acsc", acsc),
    ("arccsc", acsc),
    ("acot", acot),
    ("arccot", acot),
    ("asinh", asinh),
    ("arsinh", asinh),
    ("arcsinh", asinh),
    ("acosh", acosh),
    ("arcosh", acosh),
    ("arccosh", acosh),
    ("atanh", atanh),
    ("artanh", atanh),
    ("arctanh", atanh),
    ("asech", asech),
    ("arsech", asech),
    ("arcsech", asech),
    ("acsch", acsch),
    ("arcsch", acsch),
    ("arccsch", acsch),
    ("acoth", acoth),
    ("arcoth", acoth),
    ("arccoth", acoth),
]


@pytest.mark.parametrize("name", sorted(TRIG))
def test_function_with_and_without_parentheses(name: str) -> None:
    expected = TRIG[name](x)
    assert read(f"{name} x") == read(f"{name}(x)") == expected


@pytest.mark.parametrize(("name", "function"), INVERSE_SPELLINGS)
def test_inverse_function_spellings(name: str, function) -> None:
    assert read(f"{name} x") == function(x)


@pytest.mark.parametrize("name", sorted(TRIG))
def test_power_minus_one_is_the_inverse(name: str) -> None:
    inverse = dict(INVERSE_SPELLINGS)["a" + name]
    assert read(f"{name}^-1 x") == inverse(x)


def test_symbols_are_real() -> None:
    expr = read("x^2 sin x + theta w_{11} + y")
    assert expr.free_symbols and all(symbol.is_real for symbol in expr.free_symbols)


def test_log_base_ten_default() -> None:
    assert read("log x", log_default="10") == log(x) / log(10)
    assert read("ln x", log_default="10") == log(x)


def test_log_base_is_kept_not_evaluated() -> None:
    expr = read("log(8, 2)")
    assert expr == log(8) / log(2)
    assert expr.has(log(2))


def test_declared_variables_are_kept_whole() -> None:
    x1, mass, m, a, s = sympy.symbols("x1 mass m a s", real=True)
    assert read("2x1 + theta", variables=["x1", "theta"]) == 2 * x1 + theta
    assert read("mass t", variables=["mass"]) == mass * t
    assert read("mass t") == m * a * s**2 * t


def test_one_over_two_x_records_the_other_reading() -> None:
    reading = parse_expression("1/2x")
    assert isinstance(reading, Reading)
    assert reading.expr == x / 2
    assert reading.alternatives == (("1/(2x)", 1 / (2 * x)),)
    assert reading.syntax == "text"
    assert reading.text == "1/2x"


def test_function_argument_records_the_other_reading() -> None:
    reading = parse_expression("sin x y")
    assert reading.expr == sin(x * y)
    assert reading.alternatives == (("sin (x) y", sin(x) * y),)


def test_independent_ambiguities_combine() -> None:
    reading = parse_expression("1/2x sin x y")
    assert reading.expr == x * sin(x * y) / 2
    assert [text for text, _ in reading.alternatives] == [
        "1/(2x sin x y)",
        "1/2x sin (x) y",
        "1/(2x sin (x) y)",
    ]


@pytest.mark.parametrize("text", ["x/2", "2x", "sin 2x", "sin(x) y", "1/(2x)", "x^2 sin x"])
def test_unambiguous_input_has_no_alternatives(text: str) -> None:
    assert parse_expression(text).alternatives == ()


ERRORS = [
    ("x^", "expression ends after '^'", 1),
    ("sin(", "unclosed '('", 3),
    ("2x +* 3", "unexpected '*'", 4),
    (")", "unmatched ')'", 0),
    ("x + ", "expression ends after '+'", 2),
    ("sin", "'sin' needs an argument", 0),
    ("log_ x", "expected a subscript", 3),
    ("foo(x)", "unknown function 'foo'", 0),
    ("__import__('os').system('id')", "unexpected character '_'", 0),
    ("x2", "ambiguous 'x2'", 1),
    ("log2 x", "ambiguous 'log2'", 3),
    ("2 3", "two numbers in a row", 2),
    ("(1,2)", "tuples", 2),
    ("x = 2", "not an equation", 2),
    ("f'(x)", "primes", 1),
    ("sin(x, y)", "'sin' takes 1 argument", 0),
    ("ln^-1 x", "ambiguous", 0),
    ("3!!", "double factorial", 1),
    ("(x]", "closed by ']'", 2),
    ("()", "empty brackets", 0),
    ("|x", "unclosed '|'", 0),
    ("x $ 1", "unexpected character '$'", 2),
]


@pytest.mark.parametrize(("text", "message", "position"), ERRORS)
def test_error_message_and_position(text: str, message: str, position: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression(text)
    err = caught.value
    assert message in err.message
    assert err.position == position
    assert err.text == text
    assert "\n" not in str(err)


def test_error_string_format() -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression("2x +* 3")
    assert str(caught.value) == "unexpected '*' at position 4 in \"2x +* 3\""


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_input(text: str) -> None:
    with pytest.raises(ParseError, match="empty expression"):
        parse_expression(text)


@pytest.mark.parametrize("text", ["1/0", "log(0)", "0^(-1)", "x/(1-1)"])
def test_undefined_values_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="undefined"):
        parse_expression(text)


def test_long_input_error_shows_an_excerpt() -> None:
    text = "x+" * 900 + "*y"
    with pytest.raises(ParseError) as caught:
        parse_expression(text)
    message = str(caught.value)
    assert caught.value.position == len(text) - 2
    assert len(message) < 150 and "\n" not in message


def test_error_excerpt_escapes_invisible_characters() -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression("x\u202e+1")
    assert "U+202E" in caught.value.message
    assert "\u202e" not in str(caught.value)


@pytest.mark.parametrize("syntax", ["text", "latex"])
def test_time_budget_is_enforced(syntax: str) -> None:
    with pytest.raises(ParseError, match="took too long"):
        parse_expression("x^2 + 1", syntax=syntax, limits=Limits(max_seconds=0))


def test_parse_error_survives_pickling() -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression("2x +* 3")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.message, copy.position, copy.text) == ("unexpected '*'", 4, "2x +* 3")


def test_limits_are_configurable() -> None:
    assert DEFAULT_LIMITS == Limits()
    with pytest.raises(ParseError, match="too long"):
        parse_expression("x+1", limits=Limits(max_length=2))
    with pytest.raises(ParseError, match="too deeply nested"):
        parse_expression("((x))", limits=Limits(max_depth=1))


@pytest.mark.parametrize(("argument", "value"), [("syntax", "python"), ("log_default", "2")])
def test_invalid_options_are_programming_errors(argument: str, value: str) -> None:
    with pytest.raises(ValueError):
        parse_expression("x", **{argument: value})


def test_invalid_declared_variable() -> None:
    with pytest.raises(ValueError):
        parse_expression("x", variables=["2x"])
