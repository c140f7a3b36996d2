"""parse_answer: every kind and form, in calculator text and LaTeX, with exact expected values."""

from __future__ import annotations

import dataclasses

import pytest
import sympy
from sympy import Add, Eq, ImmutableMatrix, Rational, cos, exp, log, pi, sin, sqrt

from tutor.parse import ANSWER_KINDS, Limits, ParsedAnswer, ParseError, parse_answer

x, y, z, t, a, b, c, d = sympy.symbols("x y z t a b c d", real=True)
C, K, k, C_1 = sympy.symbols("C K k C_1", real=True)


def answer(text: str, kind: str, **options) -> ParsedAnswer:
    return parse_answer(text, kind, **options)


def value(text: str, kind: str, **options):
    return answer(text, kind, **options).value


def error(text: str, kind: str, **options) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_answer(text, kind, **options)
    assert "\n" not in str(caught.value)
    return caught.value


def test_kinds() -> None:
    assert ANSWER_KINDS == (
        "expr",
        "number",
        "antiderivative",
        "vector",
        "matrix",
        "set",
        "equation",
    )


# Single expressions ---------------------------------------------------------------------------

EXPRESSIONS = [
    ("x^2 + 1", "expr", x**2 + 1),
    (r"\frac{1}{2}x^{2}", "expr", x**2 / 2),
    ("2.50", "number", Rational(5, 2)),
    (r"\frac{3}{4}", "number", Rational(3, 4)),
    ("sqrt(2)/2", "number", sqrt(2) / 2),
    ("-1.5e-3", "number", Rational(-3, 2000)),
    (r"\pi", "number", pi),
    ("e^2", "number", exp(2)),
]


@pytest.mark.parametrize(("text", "kind", "expected"), EXPRESSIONS)
def test_expression_kinds(text: str, kind: str, expected: sympy.Expr) -> None:
    parsed = answer(text, kind)
    assert parsed.value == expected and parsed.kind == kind
    assert parsed.orientation is None and parsed.constant is None


def test_number_keeps_the_text_typed() -> None:
    parsed = answer("2.50", "number")
    assert parsed.text == "2.50" and parsed.value == Rational(5, 2) and parsed.syntax == "text"


def test_number_refuses_a_variable() -> None:
    assert "a number is expected" in error("x + 1", "number").message


# Antiderivatives ------------------------------------------------------------------------------

CONSTANTS = [
    ("x^2/2 + C", x**2 / 2 + C, C),
    (r"\frac{x^2}{2} + K", x**2 / 2 + K, K),
    ("sin x + c", sin(x) + c, c),
    (r"\sin x + C", sin(x) + C, C),
    ("-cos x - C", -cos(x) - C, C),
    ("ln|x| + C_1", log(sympy.Abs(x)) + C_1, C_1),
    ("e^x + C + 2", exp(x) + C + 2, C),
    ("C", C, C),
    ("x^3/3", x**3 / 3, None),
    ("C x", C * x, None),
    ("x^2/2 + C x", x**2 / 2 + C * x, None),
    ("C + C x", C + C * x, None),
    ("2C + x", 2 * C + x, None),
    ("x + y", x + y, None),  # both are default variables
    ("x + k + C", x + k + C, C),  # C is preferred
]


@pytest.mark.parametrize(("text", "expected", "constant"), CONSTANTS)
def test_antiderivative_constant(text: str, expected: sympy.Expr, constant) -> None:
    parsed = answer(text, "antiderivative")
    assert parsed.value == expected and parsed.constant == constant


def test_antiderivative_constant_respects_declared_variables() -> None:
    assert answer("t^2 + x", "antiderivative", variables=["t"]).constant == x
    assert answer("x + C", "antiderivative", variables=["x", "C"]).constant is None
    assert answer("a t + b", "antiderivative", variables=["t"]).constant == b


# Vectors --------------------------------------------------------------------------------------

VECTORS = [
    ("(1, 2)", (1, 2), None),
    ("<1, 2>", (1, 2), None),
    ("[1, 2]", (1, 2), None),
    ("⟨x, 2x⟩", (x, 2 * x), None),
    ("1, 2, 3", (1, 2, 3), None),
    ("(1, 2)^T", (1, 2), "column"),
    ("[1; 2; 3]", (1, 2, 3), "column"),
    ("(sin x, cos x)", (sin(x), cos(x)), None),
    ("(log(x, 2), 3)", (log(x) / log(2), 3), None),
    ("(5)", (5,), None),
    ("（1，2）", (1, 2), None),
    (r"\langle 1, 2 \rangle", (1, 2), None),
    (r"\left( 1, 2 \right)", (1, 2), None),
    (r"\left\langle x, y \right\rangle", (x, y), None),
    (r"(\frac{1}{2}, \sqrt{3})", (Rational(1, 2), sqrt(3)), None),
    (r"(1,\, 2)", (1, 2), None),
    (r"\left( 1, 2 \right)^{T}", (1, 2), "column"),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", (1, 2), "column"),
    (r"\begin{pmatrix} 1 & 2 \end{pmatrix}", (1, 2), "row"),
    (r"\begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}", (1, 2, 3), "column"),
    (r"\begin{bmatrix} x & y \end{bmatrix}", (x, y), "row"),
    (r"\begin{pmatrix} 1 \\ 2 \\ \end{pmatrix}", (1, 2), "column"),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}^T", (1, 2), "row"),
    (r"\begin{pmatrix} 1 & 2 \end{pmatrix}^{\top}", (1, 2), "column"),
    (r"$\begin{pmatrix} \frac{1}{2} \\ x^{2} \end{pmatrix}$", (Rational(1, 2), x**2), "column"),
]


@pytest.mark.parametrize(("text", "expected", "orientation"), VECTORS)
def test_vector(text: str, expected: tuple, orientation: str | None) -> None:
    parsed = answer(text, "vector")
    assert parsed.value == expected and isinstance(parsed.value, tuple)
    assert parsed.orientation == orientation
    assert parsed.syntax == ("latex" if "\\" in text else "text")


def test_vector_in_forced_latex_syntax() -> None:
    parsed = answer("(1, x^{2})", "vector", syntax="latex")
    assert parsed.value == (1, x**2) and parsed.syntax == "latex"


# Matrices -------------------------------------------------------------------------------------

MATRICES = [
    ("[[1,2],[3,4]]", [[1, 2], [3, 4]]),
    ("[1, 2; 3, 4]", [[1, 2], [3, 4]]),
    ("[1, 2; 3, 4; 5, 6]", [[1, 2], [3, 4], [5, 6]]),
    ("[[1, 2]; [3, 4]]", [[1, 2], [3, 4]]),
    ("((1, 2), (3, 4))", [[1, 2], [3, 4]]),
    ("[[1,2,3]]", [[1, 2, 3]]),
    ("[1, 2, 3]", [[1, 2, 3]]),
    ("[[1],[2]]", [[1], [2]]),
    ("[[x, x^2], [sin x, 1/2]]", [[x, x**2], [sin(x), Rational(1, 2)]]),
    ("[[1,2],[3,4]]^T", [[1, 3], [2, 4]]),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", [[1, 2], [3, 4]]),
    (r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}", [[1, 0], [0, 1]]),
    (r"\begin{matrix} a & b \\ c & d \end{matrix}", [[a, b], [c, d]]),
    (
        r"\begin{pmatrix} \frac{1}{2} & x^{2} \\ \sin x & e^{x} \end{pmatrix}",
        [[Rational(1, 2), x**2], [sin(x), exp(x)]],
    ),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}^T", [[1, 3], [2, 4]]),
    (r"\begin{pmatrix} 1 & 2 \\[2pt] 3 & 4 \\ \end{pmatrix}", [[1, 2], [3, 4]]),
    (r"\left[ 1, 2; 3, 4 \right]", [[1, 2], [3, 4]]),
]


@pytest.mark.parametrize(("text", "rows"), MATRICES)
def test_matrix(text: str, rows: list) -> None:
    parsed = answer(text, "matrix")
    assert isinstance(parsed.value, ImmutableMatrix)
    assert parsed.value == ImmutableMatrix(rows)
    assert (
        isinstance(parsed.written, ImmutableMatrix) and parsed.written.shape == parsed.value.shape
    )


# Sets of points -------------------------------------------------------------------------------

SETS = [
    ("(1, 2), (3, 4)", ((1, 2), (3, 4))),
    ("{(1,2), (3,4)}", ((1, 2), (3, 4))),
    ("(1,2); (3,4)", ((1, 2), (3, 4))),
    ("1, 2; 3, 4", ((1, 2), (3, 4))),
    ("1, -2, 3", ((1,), (-2,), (3,))),
    ("{1, 2}", ((1,), (2,))),
    ("(1, 2)", ((1, 2),)),
    ("<1, 2>, <3, 4>", ((1, 2), (3, 4))),
    ("(0, 0, 1), (1, 0, 0)", ((0, 0, 1), (1, 0, 0))),
    ("(1,2), (1,2)", ((1, 2), (1, 2))),  # duplicates are kept for the checker
    ("(x, x^2), (-x, x^2)", ((x, x**2), (-x, x**2))),
    (r"\{(1,2), (3,4)\}", ((1, 2), (3, 4))),
    (r"\left\{ (1,2), (3,4) \right\}", ((1, 2), (3, 4))),
    (r"\{ \frac{1}{2}, -1 \}", ((Rational(1, 2),), (-1,))),
    (r"\left( \frac{1}{2}, \sqrt{2} \right), (0, 1)", ((Rational(1, 2), sqrt(2)), (0, 1))),
]


@pytest.mark.parametrize(("text", "expected"), SETS)
def test_set_of_points(text: str, expected: tuple) -> None:
    assert value(text, "set") == expected


@pytest.mark.parametrize(
    "text",
    ["{}", "{ }", "none", "None", "no solution", "∅", r"\emptyset", r"\varnothing", r"\{\}",
     r"\left\{ \right\}", r"$\emptyset$"],
)  # fmt: skip
def test_empty_set(text: str) -> None:
    parsed = answer(text, "set")
    assert parsed.value == () and parsed.written == ()


# Equations ------------------------------------------------------------------------------------

EQUATIONS = [
    ("y = 2x + 1", y, 2 * x + 1),
    ("x^2 + y^2 = 1", x**2 + y**2, 1),
    (r"y = \frac{1}{2}x", y, x / 2),
    (r"x^{2} + y^{2} = 1", x**2 + y**2, 1),
    ("2 = x", 2, x),
    ("(x+1)^2 = 4", (x + 1) ** 2, 4),
]


@pytest.mark.parametrize(("text", "lhs", "rhs"), EQUATIONS)
def test_equation(text: str, lhs: sympy.Expr, rhs: sympy.Expr) -> None:
    parsed = answer(text, "equation")
    assert isinstance(parsed.value, sympy.Equality)
    assert parsed.value == Eq(lhs, rhs, evaluate=False)
    assert parsed.value.lhs == lhs and parsed.value.rhs == rhs


def test_equation_is_never_evaluated_to_true() -> None:
    for text in ["x = x", "2 = 2"]:
        parsed = answer(text, "equation")
        assert isinstance(parsed.value, sympy.Equality) and parsed.value is not sympy.true


# Written forms --------------------------------------------------------------------------------


def test_written_sum_is_kept() -> None:
    parsed = answer("2+3", "expr")
    assert parsed.value == 5
    assert parsed.written.is_Add and parsed.written.args == (2, 3) and parsed.written.doit() == 5


def test_written_like_terms_are_kept() -> None:
    parsed = answer("x + x", "expr")
    assert parsed.value == 2 * x and parsed.written == Add(x, x, evaluate=False)


def test_written_quotient_is_kept() -> None:
    for text in ["(x^2-1)/(x-1)", r"\frac{x^2-1}{x-1}"]:
        parsed = answer(text, "expr")
        assert parsed.written.is_Mul and sympy.cancel(parsed.written.doit()) == x + 1
        assert any(arg.is_Pow and arg.exp == -1 for arg in parsed.written.args)


def test_written_entries_of_structures() -> None:
    vector = answer("(2+3, x + x)", "vector")
    assert vector.value == (5, 2 * x) and vector.written[0].is_Add and vector.written[1].is_Add
    matrix = answer("[[1+1, 0], [0, 2*3x]]", "matrix")
    assert matrix.value == ImmutableMatrix([[2, 0], [0, 6 * x]])
    assert matrix.written[0, 0].is_Add and matrix.written[1, 1].args == (2, 3, x)
    points = answer(r"(\frac{2}{4}, 1)", "set")
    assert points.value == ((Rational(1, 2), 1),) and points.written[0][0].doit() == Rational(1, 2)
    assert points.written[0][0] != Rational(1, 2)
    equation = answer("x + x = 2", "equation")
    assert equation.written.lhs.is_Add and equation.value.lhs == 2 * x


def test_written_antiderivative_keeps_the_constant() -> None:
    parsed = answer("x^2/2 + x^2/2 + C", "antiderivative")
    assert parsed.value == x**2 + C and parsed.constant == C
    assert parsed.written.doit() == parsed.value and len(parsed.written.args) == 3


# Alternatives ---------------------------------------------------------------------------------


def test_ambiguous_entry_gives_an_alternative_answer() -> None:
    parsed = answer("1/2x, 3", "vector")
    assert parsed.value == (x / 2, 3)
    assert parsed.alternatives == (("1/(2x), 3", (1 / (2 * x), 3)),)


def test_alternatives_of_two_entries_change_one_entry_each() -> None:
    parsed = answer("(sin x y, 1/2x)", "vector")
    assert parsed.alternatives == (
        ("(sin (x) y, 1/2x)", (y * sin(x), x / 2)),
        ("(sin x y, 1/(2x))", (sin(x * y), 1 / (2 * x))),
    )


def test_alternatives_of_equation_and_matrix() -> None:
    equation = answer("y = 1/2x", "equation")
    assert equation.alternatives == (("y = 1/(2x)", Eq(y, 1 / (2 * x), evaluate=False)),)
    matrix = answer("[1/2x, 1]", "matrix")
    assert matrix.alternatives == (("[1/(2x), 1]", ImmutableMatrix([[1 / (2 * x), 1]])),)


def test_unambiguous_answers_have_no_alternatives() -> None:
    assert answer("(1, 2)", "vector").alternatives == ()
    assert answer(r"\frac{1}{2x}", "expr").alternatives == ()


# Errors ---------------------------------------------------------------------------------------

ERRORS = [
    ("(1, 2", "vector", "unclosed '('", 0),
    ("(1, 2))", "vector", "unmatched ')'", 6),
    ("(1,,2)", "vector", "an entry is missing between ',' and ','", 3),
    ("(1, 2,)", "vector", "an entry is missing after the last ','", 6),
    ("(, 1)", "vector", "an entry is missing before ','", 1),
    ("[[1,2],[3]]", "matrix", "row 2 has 1 entry but row 1 has 2 entries", 7),
    ("[1, 2; 3]", "matrix", "row 2 has 1 entry but row 1 has 2 entries", 7),
    (r"\begin{pmatrix} 1 & 2 \\ 3 \end{pmatrix}", "matrix", "row 2 has 1 entry", 25),
    ("1 = 2 = 3", "equation", "exactly one '='", 6),
    ("y == 2", "equation", "exactly one '='", 3),
    ("y 2x", "equation", "needs an '=' sign", None),
    ("(y = 2)", "equation", "cannot be inside brackets", 3),
    (" = 2", "equation", "nothing before the '='", 1),
    ("y =", "equation", "nothing after the '='", 2),
    ("x = (1, 2)", "equation", "unexpected ','", 6),
    ("y <= 2", "equation", "exactly one '=' and no inequality signs", 2),
    ("(1, 2, 3x +* 4)", "vector", "unexpected '*'", 11),
    ("(1, x^)", "vector", "expression ends after '^'", 5),
    ("(1, 1/0)", "vector", "undefined", 4),
    (r"(1, \foo x)", "vector", "unsupported LaTeX command '\\foo'", 4),
    ("(1, (2, 3))", "vector", "an entry cannot itself be a list", 6),
    ("(1,2)^2", "vector", "an entry cannot itself be a list", 2),
    ("{1, 2}", "vector", "braces make a set", 0),
    ("(1, 2 = 3)", "vector", "unexpected '='", 6),
    ("[1, 2; 3, 4]", "vector", "one row or one column", 2),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", "vector", "2x2 matrix, not a vector", 0),
    ("()", "vector", "empty vector", 0),
    ("[]", "matrix", "empty matrix", 0),
    (r"\begin{pmatrix} 1, 2 \end{pmatrix}", "matrix", "separate the entries", 17),
    (r"\begin{pmatrix} 1 \\ 2", "vector", "unclosed '\\begin{pmatrix}'", 0),
    (r"\begin{pmatrix} 1 \end{bmatrix}", "vector", "closed by '\\end{bmatrix}'", 18),
    (r"\begin{document} 1 \end{document}", "matrix", "environment 'document' is not allowed", 0),
    (r"\begin 1", "matrix", "environment name in braces", 0),
    ("(1,2), 3", "set", "point 2 has 1 coordinate but point 1 has 2 coordinates", 7),
    ("(1, 2], (3, 4)", "set", "'(' opened at position 0 is closed by ']'", 5),
    ("{(1,2)}, {(3,4)}", "set", "an entry cannot itself be a list", 3),
    ("x + 1", "number", "a number is expected", None),
]


@pytest.mark.parametrize(("text", "kind", "message", "position"), ERRORS)
def test_error_message_and_position(
    text: str, kind: str, message: str, position: int | None
) -> None:
    err = error(text, kind)
    assert message in err.message
    assert err.position == position and err.text == text
    if position is not None:
        assert f"at position {position}" in str(err)


def test_entry_error_is_shifted_by_the_entry_start() -> None:
    alone = pytest.raises(ParseError, parse_answer, "3x +* 4", "expr").value
    inside = error("(1, 2, 3x +* 4)", "vector")
    assert inside.position == alone.position + 7  # the entry "3x +* 4" starts at 7


def test_matrix_environment_stays_refused_in_expressions() -> None:
    text = r"\begin{pmatrix} 1 \end{pmatrix}"
    for kind in ("expr", "number", "antiderivative"):
        assert "'\\begin' is not allowed" in error(text, kind).message
    assert "'\\begin' is not allowed" in error(rf"({text}, 1)", "vector").message


def test_too_many_components_are_refused_before_reading() -> None:
    err = error("(" + ", ".join(["x"] * 101) + ")", "vector")
    assert "too many entries in a vector (more than 100)" in err.message
    row = "[" + ", ".join(["1"] * 21) + "]"
    assert "more than 20" in error("[" + ", ".join([row] * 2) + "]", "matrix").message
    assert "more than 20" in error("[" + "; ".join(["1"] * 21) + "]", "matrix").message
    small = Limits(max_components=3, max_matrix_size=2)
    assert "points in a set" in error("1, 2, 3, 4", "set", limits=small).message
    assert "rows" in error("[1; 2; 3]", "matrix", limits=small).message
    assert value("1, 2, 3", "set", limits=small) == ((1,), (2,), (3,))


def test_length_is_checked_first() -> None:
    err = error("(" + "1," * 1500 + "1)", "vector")
    assert "too long" in err.message and err.position is None


# API ------------------------------------------------------------------------------------------


def test_unknown_kind_and_options_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        parse_answer("1", "scalar")
    with pytest.raises(ValueError):
        parse_answer("1", "vector", syntax="python")
    with pytest.raises(TypeError):
        parse_answer(b"1", "vector")  # type: ignore[arg-type]


def test_parsed_answer_is_frozen_and_symbols_are_real() -> None:
    parsed = answer("(x, y), (z, t)", "set")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.value = ()  # type: ignore[misc]
    symbols = set().union(*(entry.free_symbols for point in parsed.value for entry in point))
    assert symbols == {x, y, z, t} and all(symbol.is_real for symbol in symbols)


def test_log_default_and_declared_variables_reach_every_entry() -> None:
    parsed = answer("(log 100, x1)", "vector", log_default="10", variables=["x1"])
    assert parsed.value == (log(100) / log(10), sympy.Symbol("x1", real=True))
    assert "ambiguous 'x1'" in error("(log 100, x1)", "vector").message
