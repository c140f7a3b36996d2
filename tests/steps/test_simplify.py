"""The simplification phase: each transform named, kept only when it helps, always an identity."""

import pytest
import sympy as sp

from tests.verify import check_tree
from tutor.steps import derive
from tutor.steps.simplify import simplification_phase

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(
    "expr,rule,final",
    [
        (sp.sin(x) / sp.cos(x), "simplify_trig", sp.sec(x) ** 2),
        (1 / sp.cos(x), "simplify_trig", sp.sec(x) * sp.tan(x)),
        (sp.log(sp.sin(x)), "simplify_trig", sp.cot(x)),
        ((x**2 + 1) / (x - 1), "simplify_common_denominator", (x**2 - 2 * x - 1) / (x - 1) ** 2),
        ((x**2 + 1) * (x**3 - 1), "simplify_collect", 5 * x**4 + 3 * x**2 - 2 * x),
        (x * sp.exp(x), "simplify_common_factor", (x + 1) * sp.exp(x)),
    ],
)
def test_each_transform_is_named_and_correct(expr, rule, final):
    step = derive(expr, x)
    assert rule in step.rules_used()
    assert sp.simplify(step.result - final) == 0
    assert check_tree(step) == []


def test_polynomial_common_factor_is_left_alone():
    """x·(2 sin x + x cos x) is no clearer than the product rule's 2x sin x + x² cos x."""
    assert derive(x**2 * sp.sin(x), x).result == 2 * x * sp.sin(x) + x**2 * sp.cos(x)


def test_nothing_to_do_gives_no_phase():
    assert simplification_phase(sp.cos(x), x) is None


def test_repeated_non_trig_factors_are_not_lost():
    """Regression: a product with log(u)^3 and log(u)^-4 lost a factor in the trig pass."""
    expr = sp.log(sp.log(x**-3) ** 4) ** sp.Rational(1, 3)
    assert check_tree(derive(expr, x)) == []
