"""Form checks on the written reading: what a teacher would still ask to be simplified."""

import pytest
import sympy as sp

from tutor.answers.form import form_issues

x, y = sp.symbols("x y", real=True)
P = lambda b, e: sp.Pow(b, e, evaluate=False)  # noqa: E731
M = lambda *a: sp.Mul(*a, evaluate=False)  # noqa: E731
A = lambda *a: sp.Add(*a, evaluate=False)  # noqa: E731


@pytest.mark.parametrize(
    "written,tag",
    [
        (A(2, 3), "unevaluated_arithmetic"),
        (A(x, 1, 2), "unevaluated_arithmetic"),
        (M(2, 3, x), "unevaluated_arithmetic"),
        (M(6, P(3, -1)), "unevaluated_arithmetic"),
        (M(6, x, P(3, -1)), "unevaluated_arithmetic"),
        (P(4, sp.Rational(1, 2)), "unevaluated_arithmetic"),
        (P(3, 2), "unevaluated_arithmetic"),
        (A(x, x), "like_terms"),
        (A(M(2, x), M(3, x)), "like_terms"),
        (A(P(x, 2), M(2, P(x, 2))), "like_terms"),
        ((x**2 - 1) / (x - 1), "common_factor"),
        ((x**2 * y + x * y) / (x * y), "common_factor"),
    ],
)
def test_unsimplified_forms_are_named(written, tag):
    assert tag in [issue.tag for issue in form_issues(written, written.doit(), [x, y])]


@pytest.mark.parametrize(
    "written",
    [
        M(2, P(3, -1)),
        M(2, x, P(3, -1)),
        P(3, -1),
        P(2, sp.Rational(1, 2)),
        M(-2, x),
        x**2 + 2 * x,
        2 * x * sp.sin(x) + x**2 * sp.cos(x),
        (x**2 + 1) / (x - 1),
        sp.exp(-x) / (1 + sp.exp(-x)) ** 2,
        A(x, -1),
    ],
)
def test_simplified_forms_pass(written):
    assert form_issues(written, written.doit(), [x, y]) == []


def test_large_rational_functions_are_left_alone():
    big = (x**20 - 1) / (x**10 - 1)
    assert form_issues(big, big, [x]) == []
