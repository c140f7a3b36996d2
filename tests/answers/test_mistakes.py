"""Mistake models (tutor/answers/mistakes): each model names its mistake from a wrong answer
written as a student would write it (positive), stays silent on correct answers and unrelated
wrong ones (negative), the most specific model wins, a call is cheap, and random correct
derivatives from the engine never get a mistake.

The expression ``same`` is ``simplify(a - b) == 0``, as a simple stand-in for the checker's
numeric test; the random and timing tests use tests/verify.py's numeric ``equal``.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings

from tests.strategies import expressions
from tests.verify import equal
from tutor.answers.mistakes import (
    MAX_CANDIDATES,
    MISTAKE_TAGS,
    Mistake,
    candidates,
    find_mistake,
)
from tutor.answers.mistakes.faulty import DROP_INNER, Differentiator
from tutor.answers.mistakes.probe import Probe
from tutor.steps import derive

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", real=True)
lam = sympy.Symbol("lambda", real=True)
sin, cos, tan, exp, ln, sqrt = sympy.sin, sympy.cos, sympy.tan, sympy.exp, sympy.log, sympy.sqrt
R = sympy.Rational
F = sympy.Float


def same_expr(a: object, b: object) -> bool:
    return sympy.simplify(a - b) == 0


def same_number(a: object, b: object) -> bool:
    a, b = float(a), float(b)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def same_vector(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(same_expr(p, q) for p, q in zip(a, b, strict=True))


def same_matrix(a: sympy.MatrixBase, b: sympy.MatrixBase) -> bool:
    return a.shape == b.shape and all(same_expr(p, q) for p, q in zip(a, b, strict=True))


def same_set(a: tuple, b: tuple) -> bool:
    return {tuple(p) for p in a} == {tuple(p) for p in b}


def same_numeric(a: object, b: object) -> bool:
    return equal(a, b)[0]


def same_up_to_constant(a: object, b: object) -> bool:
    return sympy.simplify(sympy.diff(a - b, x)) == 0


def d(function: sympy.Expr, answer: sympy.Expr, **context: object) -> Mistake | None:
    """The mistake in ``answer`` to d/dx ``function``."""
    context = {"function": function, "var": "x", **context}
    return find_mistake(
        sympy.diff(function, x), answer, kind="expr", context=context, same=same_expr
    )


def tag(mistake: Mistake | None) -> str | None:
    return None if mistake is None else mistake.tag


# --- derivative models: positive -----------------------------------------------------------------

DERIVATIVE_CASES = [
    # (function, the student's answer, tag)
    (sin(3 * x), cos(3 * x), "missing_chain_factor"),
    (ln(x**2 + 1), 1 / (x**2 + 1), "missing_chain_factor"),
    (exp(x**2), exp(x**2), "missing_chain_factor"),
    ((x**2 + 1) ** 5, 5 * (x**2 + 1) ** 4, "missing_chain_factor"),
    (sqrt(1 - x**2), 1 / (2 * sqrt(1 - x**2)), "missing_chain_factor"),
    (tan(5 * x), sympy.sec(5 * x) ** 2, "missing_chain_factor"),
    (sin(exp(x**2)), cos(exp(x**2)) * exp(x**2), "missing_chain_factor"),
    (sin(3 * x) + exp(2 * x), cos(3 * x) + exp(2 * x), "missing_chain_factor"),
    (x**2 * sin(x), 2 * x * cos(x), "product_rule_as_product"),
    (x * exp(x), exp(x), "product_rule_as_product"),
    (x**3 * ln(x), 3 * x, "product_rule_as_product"),
    (sin(x) / x, (sin(x) - x * cos(x)) / x**2, "quotient_numerator_reversed"),
    ((x + 1) / (x - 1), 2 / (x - 1) ** 2, "quotient_numerator_reversed"),
    (sin(x) / x, (x * cos(x) - sin(x)) / x, "quotient_rule_missing_square"),
    (x**2 / (x + 1), (2 * x * (x + 1) - x**2) / (x + 1), "quotient_rule_missing_square"),
    (2**x, x * 2 ** (x - 1), "power_rule_on_exponential"),
    (exp(x), x * exp(x - 1), "power_rule_on_exponential"),
    (5**x, x * 5 ** (x - 1), "power_rule_on_exponential"),
    (x**x, x * x ** (x - 1), "power_rule_on_exponential"),
    (x**3, x**3 * ln(x), "exponential_rule_on_power"),
    (x**x, x**x * ln(x), "exponential_rule_on_power"),
    (2**x, 2**x, "missing_log_factor"),
    (3 ** (x**2), 2 * x * 3 ** (x**2), "missing_log_factor"),
    (sympy.log(x, 10), 1 / x, "missing_log_factor"),
    (sympy.log(x**2 + 1, 2), 2 * x / (x**2 + 1), "missing_log_factor"),
    (cos(x), sin(x), "sign_error"),
    (sin(2 * x), -2 * cos(2 * x), "sign_error"),
    (sympy.cosh(x), -sympy.sinh(x), "sign_error"),
    (x**2 + exp(x), 2 * x - exp(x), "sign_error"),
    (1 / x, 1 / x**2, "sign_error"),
    (exp(x) * sin(x), exp(x) * sin(x) - exp(x) * cos(x), "sign_error"),
]


@pytest.mark.parametrize("function,answer,expected_tag", DERIVATIVE_CASES, ids=str)
def test_derivative_mistake_is_named(function, answer, expected_tag):
    mistake = d(function, answer)
    assert tag(mistake) == expected_tag
    assert mistake.tag in MISTAKE_TAGS
    assert same_expr(mistake.candidate, answer)
    assert mistake.feedback.endswith(".") and len(mistake.feedback) < 400


def test_chain_feedback_quotes_the_site():
    mistake = d(sin(3 * x), cos(3 * x))
    assert mistake.feedback == (
        "It looks as if the chain rule's inner derivative is missing: "
        "d/dx [sin(3x)] = cos(3x) · 3, not cos(3x)."
    )


def test_chain_feedback_for_a_logarithm():
    assert (
        "d/dx [ln(x² + 1)] = 1/(x² + 1) · 2x, not 1/(x² + 1)."
        in d(ln(x**2 + 1), 1 / (x**2 + 1)).feedback
    )


def test_all_chain_sites_at_once_names_every_site():
    feedback = d(sin(3 * x) + exp(2 * x), cos(3 * x) + exp(2 * x)).feedback
    assert "inner derivatives are missing" in feedback
    assert "sin(3x)" in feedback and "e^(2x)" in feedback


@pytest.mark.parametrize(
    "function,answer,words",
    [
        (x**2 * sin(x), 2 * x * cos(x), ["product rule", "(fg)′ = f′g + fg′", "d/dx [x² sin x]"]),
        (sin(x) / x, (sin(x) - x * cos(x)) / x**2, ["numerator", "(f′g − fg′)/g²"]),
        (sin(x) / x, (x * cos(x) - sin(x)) / x, ["square"]),
        (2**x, x * 2 ** (x - 1), ["power rule", "constant exponent", "2^x · ln 2"]),
        (x**3, x**3 * ln(x), ["exponential rule", "3x²", "power rule"]),
        (x**x, x**x * ln(x), ["e^(h ln g)"]),
        (2**x, 2**x, ["ln 2 is missing", "aˣ ln a"]),
        (sympy.log(x, 10), 1 / x, ["1/ln 10 is missing", "1/(x ln b)"]),
        (cos(x), sin(x), ["−sin x", "(cos u)′ = −sin u · u′"]),
        (x**2 + exp(x), 2 * x - exp(x), ["e^x", "wrong sign"]),
    ],
)
def test_feedback_names_the_rule_and_the_fix(function, answer, words):
    feedback = d(function, answer).feedback
    for word in words:
        assert word in feedback


def test_partial_derivative_with_respect_to_the_other_variable():
    mistake = d(x**2 * y, x**2, variables=["x", "y"])
    assert tag(mistake) == "wrong_variable"
    assert "with respect to y instead of x" in mistake.feedback


def test_partial_derivative_treating_the_other_variable_as_x():
    mistake = d(x * y**2, y**2 + 2 * x * y, variables=["x", "y"])
    assert tag(mistake) == "wrong_variable"
    assert "y is a constant" in mistake.feedback


def test_derivative_at_a_point():
    context = {"function": sin(3 * x), "var": "x", "at": {"x": 0}}
    three, one = sympy.Integer(3), sympy.Integer(1)
    mistake = find_mistake(three, one, kind="number", context=context, same=same_number)
    assert tag(mistake) == "missing_chain_factor"


# --- derivative models: negative -----------------------------------------------------------------


@pytest.mark.parametrize(
    "function,answer",
    [
        (x**2 * sin(x), 2 * x * sin(x) + x**2 * cos(x)),
        (sin(x) / x, cos(x) / x - sin(x) / x**2),
        (sin(x + 1), cos(x + 1)),  # a chain site whose inner derivative is 1: no mistake
        (2**x, 2**x * ln(2)),
        (x**x, x**x * (ln(x) + 1)),
    ],
    ids=str,
)
def test_a_correct_answer_in_another_form_has_no_mistake(function, answer):
    assert d(function, answer) is None


@pytest.mark.parametrize(
    "function,answer",
    [
        (sin(3 * x), 3 * cos(x)),
        (x**2 * sin(x), x**2 + 1),
        (sin(x) / x, cos(x)),
        (2**x, x * 2**x),
        (x**3, 3 * x**3),
        (exp(x) * sin(x), exp(x) * cos(x) + 1),
        (x**2, sympy.Integer(2)),  # one variable only: no wrong variable to blame
    ],
    ids=str,
)
def test_an_unrelated_wrong_answer_has_no_mistake(function, answer):
    assert d(function, answer) is None


def test_wrong_variable_needs_another_variable():
    assert d(x**2 * y, 2 * x, variables=["x", "y"]) is None


# --- ordering: the most specific model wins -------------------------------------------------------


def test_missing_chain_factor_beats_sign_error():
    # d/dx e^(−x) = −e^(−x); e^(−x) is both "chain factor −1 dropped" and "negated"
    assert tag(d(exp(-x), exp(-x))) == "missing_chain_factor"


def test_quotient_rule_beats_sign_error():
    assert tag(d((x + 1) / (x - 1), 2 / (x - 1) ** 2)) == "quotient_numerator_reversed"


def test_single_chain_site_beats_all_sites():
    mistake = d(sin(exp(x**2)), cos(exp(x**2)))
    assert tag(mistake) == "missing_chain_factor"
    assert "d/dx [sin(e^(x²))]" in mistake.feedback


# --- Taylor ---------------------------------------------------------------------------------------


def taylor(function: sympy.Expr, about: object, order: int, answer: sympy.Expr) -> Mistake | None:
    expected = sympy.series(function, x, about, order + 1).removeO()
    spec = {"function": function, "var": "x", "about": about, "order": order}
    return find_mistake(expected, answer, kind="expr", context={"taylor": spec}, same=same_expr)


@pytest.mark.parametrize(
    "function,about,order,answer,expected_tag",
    [
        (exp(x), 0, 3, 1 + x + x**2 + x**3, "missing_factorial"),
        (cos(x), 0, 4, 1 - x**2 + x**4, "missing_factorial"),
        (exp(x), 1, 2, sympy.E * (1 + (x - 1) + (x - 1) ** 2), "missing_factorial"),
        (exp(x), 1, 2, 1 + x + x**2 / 2, "taylor_wrong_centre"),
        (exp(x), 1, 2, sympy.E * (1 + x + x**2 / 2), "taylor_wrong_centre"),
        (sin(x), 0, 3, x, "taylor_wrong_order"),
        (ln(x), 1, 3, (x - 1) - (x - 1) ** 2 / 2, "taylor_wrong_order"),
    ],
)
def test_taylor_mistakes(function, about, order, answer, expected_tag):
    assert tag(taylor(function, about, order, answer)) == expected_tag


def test_taylor_feedback():
    assert "k!" in taylor(exp(x), 0, 3, 1 + x + x**2 + x**3).feedback
    assert "about 0 instead of x = 1" in taylor(exp(x), 1, 2, 1 + x + x**2 / 2).feedback


@pytest.mark.parametrize(
    "answer",
    [1 + x + x**2 / 2 + x**3 / 6 + 0 * x, 1 + x + x**2 / 3 + x**3 / 6, 2 + x],
    ids=str,
)
def test_taylor_negative(answer):
    assert taylor(exp(x), 0, 3, answer) is None


# --- Newton's method ------------------------------------------------------------------------------

NEWTON_F = x**2 - 2


def newton_iterates(n: int) -> list[sympy.Expr]:
    iterates = [sympy.Integer(1)]
    for _ in range(n):
        xn = iterates[-1]
        iterates.append(sympy.N(xn - NEWTON_F.subs(x, xn) / (2 * xn), 30))
    return iterates


ITERATES = newton_iterates(4)  # 1, 1.5, 1.41667, 1.414216, 1.4142136


def newton(asked: int, answer: object) -> Mistake | None:
    spec = {"function": NEWTON_F, "var": "x", "iterates": ITERATES, "asked": asked}
    return find_mistake(
        ITERATES[asked], answer, kind="number", context={"newton": spec}, same=same_number
    )


def test_newton_step_with_the_wrong_sign():
    mistake = newton(1, F(0.5))  # x1 = 1 + (1 - 2)/2
    assert tag(mistake) == "newton_wrong_sign"
    assert "x₁ = x₀ − f(x₀)/f′(x₀)" in mistake.feedback


def test_newton_run_with_the_wrong_sign():
    assert tag(newton(2, F(-1.25))) == "newton_wrong_sign"  # 1 → 0.5 → −1.25
    assert tag(newton(2, F(1.5 + 0.25 / 3))) == "newton_wrong_sign"  # from the right x1


def test_wrong_iterate_names_both():
    mistake = newton(3, ITERATES[2])
    assert tag(mistake) == "wrong_iterate"
    assert mistake.feedback.startswith("That is x₂; the question asks for x₃.")
    assert tag(newton(1, ITERATES[2])) == "wrong_iterate"


def test_rounded_intermediate_iterate():
    x2 = 1.4  # x2 rounded to 2 significant figures, then one more step
    mistake = newton(3, F(x2 - (x2**2 - 2) / (2 * x2)))
    assert tag(mistake) == "rounded_too_early"
    assert "rounded before the last step" in mistake.feedback


def test_newton_negative():
    assert newton(3, F(7.0)) is None
    assert newton(3, ITERATES[3]) is None
    assert newton(2, F(1.43)) is None  # within 1%, but no rounding run gives it


# --- numbers --------------------------------------------------------------------------------------


def number(expected: sympy.Expr, answer: object, kind: str = "number") -> Mistake | None:
    return find_mistake(expected, answer, kind=kind, context=None, same=same_number)


@pytest.mark.parametrize(
    "expected,answer,expected_tag",
    [
        (R(5, 2), sympy.Integer(250), "off_by_power_of_ten"),
        (sqrt(2), F(0.0001414213562), "off_by_power_of_ten"),
        (3 * sqrt(2), 3 * sqrt(2) / 10, "off_by_power_of_ten"),
        (sqrt(2), F(1.41), "rounded_answer"),
        (sqrt(2), F(1.4142), "rounded_answer"),
        (sympy.pi, F(3.1415), "rounded_answer"),  # cut short
        (sqrt(2), F(1.4132), "rounded_too_early"),
        (sqrt(2), -sqrt(2), "sign_error"),
    ],
    ids=str,
)
def test_number_mistakes(expected, answer, expected_tag):
    assert tag(number(expected, answer)) == expected_tag


def test_off_by_power_of_ten_in_an_expression_answer():
    mistake = find_mistake(3 * sqrt(2), 30 * sqrt(2), kind="expr", context=None, same=same_expr)
    assert tag(mistake) == "off_by_power_of_ten"
    assert "10 times too large" in mistake.feedback


def test_rounding_feedback():
    assert "rounded to 3 significant figures" in number(sqrt(2), F(1.41)).feedback
    assert number(sqrt(2), F(1.4132)).feedback.startswith("Close, but it looks as if a value")


@pytest.mark.parametrize(
    "expected,answer",
    [
        (R(5, 2), sympy.Integer(5)),  # twice: not a power of ten
        (R(5, 2), F(2.5e9)),  # 10⁹: beyond 10⁶
        (sqrt(2), F(1.45)),  # 2.5% out: not "close"
        (sqrt(2), F(1.414213562)),  # correct within the tolerance
        (sqrt(2), F(7.3)),
    ],
    ids=str,
)
def test_number_negative(expected, answer):
    assert number(expected, answer) is None


# --- matrices, vectors, sets ----------------------------------------------------------------------

JACOBIAN = sympy.ImmutableMatrix([[2 * x, 1], [y, x]])


def test_transposed_jacobian():
    mistake = find_mistake(JACOBIAN, JACOBIAN.T, kind="matrix", context=None, same=same_matrix)
    assert tag(mistake) == "transposed_jacobian"
    assert "row i" in mistake.feedback


def test_transposed_non_square_jacobian():
    expected = sympy.ImmutableMatrix([[y, x, 1], [2 * x, 0, 3]])
    mistake = find_mistake(expected, expected.T, kind="matrix", context=None, same=same_matrix)
    assert tag(mistake) == "transposed_jacobian"


def test_symmetric_or_unrelated_matrix_is_not_transposed():
    hessian = sympy.ImmutableMatrix([[2, y], [y, 2 * x]])
    wrong = sympy.ImmutableMatrix([[2, y], [y, 3 * x]])
    assert find_mistake(hessian, wrong, kind="matrix", context=None, same=same_matrix) is None
    other = sympy.ImmutableMatrix([[x, 1], [y, 2 * x]])
    assert find_mistake(JACOBIAN, other, kind="matrix", context=None, same=same_matrix) is None


def test_jacobian_entry_with_a_missing_chain_factor():
    functions = (x**2 * y, sin(x * y))
    expected = sympy.ImmutableMatrix([[sympy.diff(f, v) for v in (x, y)] for f in functions])
    answer = expected.as_mutable()
    answer[1, 0] = cos(x * y)
    context = {"function": functions, "variables": ["x", "y"]}
    mistake = find_mistake(
        expected, answer.as_immutable(), kind="matrix", context=context, same=same_matrix
    )
    assert tag(mistake) == "missing_chain_factor"
    assert mistake.feedback.startswith("In the entry ∂/∂x [sin(x y)]:")


GRADIENT_F = x**2 * y + exp(3 * y)
GRADIENT = (2 * x * y, x**2 + 3 * exp(3 * y))
GRADIENT_CONTEXT = {"function": GRADIENT_F, "variables": ["x", "y"]}


def gradient(answer: tuple) -> Mistake | None:
    return find_mistake(GRADIENT, answer, kind="vector", context=GRADIENT_CONTEXT, same=same_vector)


def test_gradient_component_with_a_missing_chain_factor():
    mistake = gradient((2 * x * y, x**2 + exp(3 * y)))
    assert tag(mistake) == "missing_chain_factor"
    assert "∂/∂y [e^(3y)] = e^(3y) · 3" in mistake.feedback


def test_gradient_components_in_the_wrong_order():
    assert tag(gradient(GRADIENT[::-1])) == "wrong_variable"


def test_gradient_negative():
    assert gradient((2 * x * y, x**2 + 3 * exp(3 * y) + 1)) is None
    assert gradient((x * y, x**2)) is None


POINTS = ((sympy.Integer(1), sympy.Integer(1)), (sympy.Integer(-1), sympy.Integer(-1)))


def points(answer: tuple) -> Mistake | None:
    context = {"multiplier": "lambda"}
    return find_mistake(POINTS, answer, kind="set", context=context, same=same_set)


def test_multiplier_listed_last():
    mistake = points(((1, 1, R(1, 2)), (-1, -1, -R(1, 2))))
    assert tag(mistake) == "multiplier_in_points"
    assert "λ" in mistake.feedback


def test_multiplier_listed_first():
    assert tag(points(((R(1, 2), 1, 1), (-R(1, 2), -1, -1)))) == "multiplier_in_points"


def test_multiplier_negative():
    assert points(((1, 2, R(1, 2)), (-1, -1, -R(1, 2)))) is None  # a wrong point as well
    assert points(((1, 1),)) is None  # a point missing, no multiplier


# --- antiderivatives ------------------------------------------------------------------------------


def integral(expected: sympy.Expr, answer: sympy.Expr) -> Mistake | None:
    return find_mistake(
        expected, answer, kind="antiderivative", context={"var": "x"}, same=same_up_to_constant
    )


@pytest.mark.parametrize(
    "expected,answer,expected_tag",
    [
        (sin(3 * x) / 3, sin(3 * x), "reverse_chain_factor"),
        (sin(3 * x) / 3, 3 * sin(3 * x), "reverse_chain_factor"),
        (exp(2 * x) / 2 + x**2, exp(2 * x) + x**2, "reverse_chain_factor"),
        (-cos(x), cos(x), "differentiated_instead_of_integrated"),
        (x**3 / 3, -(x**3) / 3, "sign_error"),
    ],
    ids=str,
)
def test_antiderivative_mistakes(expected, answer, expected_tag):
    assert tag(integral(expected, answer)) == expected_tag


def test_antiderivative_negative():
    assert integral(sin(3 * x) / 3, sin(3 * x) / 3 + 5) is None  # correct, another constant
    assert integral(-cos(x), -sin(x)) is None


def test_equation_answers_have_no_models_yet():
    eq, wrong = sympy.Eq(y, 2 * x + 1), sympy.Eq(y, 2 * x)
    assert find_mistake(eq, wrong, kind="equation", context=None, same=lambda a, b: a == b) is None


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        find_mistake(x, x + 1, kind="essay", context=None, same=same_expr)


def test_a_raising_same_means_no_match():
    def refuses(a: object, b: object) -> bool:
        raise TypeError("shapes differ")

    assert find_mistake(cos(3 * x) * 3, cos(3 * x), kind="expr", context=None, same=refuses) is None


# --- cost -----------------------------------------------------------------------------------------

# 6 chain sites (sin(3x), e^(x²), ln(x² + 1), cos(√x), tan(2x + 1), arctan(5x)), ~40 tree nodes
BIG = (
    sin(3 * x) * exp(x**2)
    + ln(x**2 + 1) / (x + 2)
    + cos(sqrt(x))
    + tan(2 * x + 1) * x**3
    + sympy.atan(5 * x)
)


def test_the_big_function_has_six_chain_sites():
    sites = [s for s in Differentiator(BIG, x).sites if s.fault == DROP_INNER]
    assert len(sites) == 6
    assert sum(1 for _ in sympy.preorder_traversal(BIG)) <= 45


@pytest.mark.parametrize("offset", [1, x, sin(x)], ids=str)
def test_bounded_cost(offset):
    """No model matches, so every candidate is built and screened: still well under 50 ms."""
    expected = sympy.diff(BIG, x)
    calls = []

    def counting(a: object, b: object) -> bool:
        calls.append(1)
        return same_numeric(a, b)

    context = {"function": BIG, "var": "x"}
    find_mistake(expected, expected + offset, kind="expr", context=context, same=same_numeric)
    result = find_mistake(expected, expected + offset, kind="expr", context=context, same=counting)
    assert result is None
    assert len(calls) <= MAX_CANDIDATES + 1  # bounded work; its time is bench territory


def test_a_match_deep_in_the_big_function_is_found():
    answer = sympy.diff(BIG, x) - 5 / (1 + 25 * x**2) + 1 / (1 + 25 * x**2)
    mistake = find_mistake(
        sympy.diff(BIG, x),
        answer,
        kind="expr",
        context={"function": BIG, "var": "x"},
        same=same_numeric,
    )
    assert tag(mistake) == "missing_chain_factor"
    assert "arctan(5x)" in mistake.feedback


# --- no false positives on random correct derivatives --------------------------------------------

COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much],
}


@settings(max_examples=30, **COMMON)
@given(expressions(max_depth=3, with_constant=False))
def test_random_correct_derivatives_have_no_mistake(function: sympy.Expr) -> None:
    expected = derive(function, x).result
    answer = sympy.diff(function, x)
    context = {"function": function, "var": "x"}
    assert find_mistake(expected, answer, kind="expr", context=context, same=same_numeric) is None


@settings(max_examples=30, **COMMON)
@given(expressions(max_depth=3, with_constant=False))
def test_random_candidates_are_all_wrong(function: sympy.Expr) -> None:
    """Stronger than the above, which the correctness check guards: no model's prediction is
    itself a correct derivative (no fault is a no-op). Echo models, whose candidate is the
    student's answer itself (rounded_too_early without context), are left out."""
    expected = derive(function, x).result
    context = {"function": function, "var": "x"}
    probe = Probe(expected, {x})
    for c in candidates(expected, sympy.diff(function, x), kind="expr", context=context):
        if c.tag == "rounded_too_early" or probe.clearly_different(c.value):
            continue
        assert not same_numeric(expected, c.value), f"{function}: {c.tag} gives {c.value}"


@settings(max_examples=30, **COMMON)
@given(expressions(max_depth=3, with_constant=False))
def test_random_dropped_chain_factors_are_named(function: sympy.Expr) -> None:
    """Round trip: drop one chain factor at random; some mistake must explain it, and the model
    that does predicted exactly the student's answer."""
    walk = Differentiator(function, x)
    sites = [s for s in walk.sites if s.fault == DROP_INNER]
    if not sites:
        return
    answer = walk.with_faults({sites[0].path: DROP_INNER})
    expected = derive(function, x).result
    if same_numeric(expected, answer):
        return  # the dropped factor happens not to matter (numerically 1 on the domain)
    context = {"function": function, "var": "x"}
    mistake = find_mistake(expected, answer, kind="expr", context=context, same=same_numeric)
    assert mistake is not None and mistake.tag in MISTAKE_TAGS
    assert same_numeric(mistake.candidate, answer)


def test_every_tag_is_documented():
    import tutor.answers.mistakes as package

    for name in MISTAKE_TAGS:
        assert name in package.__doc__
