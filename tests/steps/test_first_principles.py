"""Derivations from the limit definition: every node checked against sympy by its kind."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Rational, cos, exp, log, sin, sqrt, tan

from tutor.steps.first_principles import (
    FIRST_PRINCIPLES_RULES,
    FirstPrinciplesUnsupported,
    derive_from_first_principles,
)
from tutor.steps.step import Step

x, t, a, b, h, k = (sympy.Symbol(name, real=True) for name in ("x", "t", "a", "b", "h", "k"))

DEGREE_0 = [sympy.Integer(7), sympy.Integer(0), sympy.Integer(-3), a, a * b]
DEGREE_1 = [x, 5 * x + 2, -x + Rational(1, 2), a * x + b]
DEGREE_2 = [x**2, 3 * x**2 - 5 * x + 2, a * x**2, (x + 1) ** 2, -(x**2) / 4]
DEGREE_3 = [x**3, 2 * x**3 - x, x**3 + a * x**2 + b, (2 * x - 1) ** 3]
DEGREE_4 = [x**4, x**4 - x, 3 * x**4 + 2 * x**3 - x**2 + 7 * x - 9, sympy.pi * x**4]
POLYNOMIALS = DEGREE_0 + DEGREE_1 + DEGREE_2 + DEGREE_3 + DEGREE_4
RECIPROCALS = [1 / x, 2 / x, -5 / x, a / x, 1 / (3 * x), sympy.pi / x]
ROOTS = [sqrt(x), 3 * sqrt(x), -sqrt(x) / 2, a * sqrt(x), sqrt(4 * x)]
SINES = [sin(x), 2 * sin(x), -sin(x), a * sin(x), Rational(3, 2) * sin(x)]
COSINES = [cos(x), 2 * cos(x), -cos(x), b * cos(x), -cos(x) / 3]
EXPONENTIALS = [exp(x), 4 * exp(x), -exp(x), a * exp(x), sympy.E**x / 2]
SUMS = [
    x**2 + sin(x),
    3 * x**2 - 2 / x,
    sin(x) + cos(x),
    exp(x) - sqrt(x) + x**4,
    7 + 2 * cos(x),
    a * x + exp(x) / a,
    (x + 1) / x,
    2 * sin(x) + 3 * sin(x) - x,
]
SUPPORTED = POLYNOMIALS + RECIPROCALS + ROOTS + SINES + COSINES + EXPONENTIALS + SUMS
UNSUPPORTED = [
    x**5,
    tan(x),
    x * sin(x),
    log(x),
    1 / x**2,
    sin(2 * x),
    exp(2 * x),
    x ** Rational(3, 2),
    sin(x) ** 2,
    1 / (x + 1),
    sqrt(x + 1),
    sin(x) * cos(x),
]


# ----------------------------------------------------------------------------- local tree checker


def _sample_point(expr: sympy.Basic, rng: random.Random) -> dict[sympy.Symbol, float]:
    """Positive values (sqrt needs x > 0 and x + h > 0); h, k kept small and non-zero."""
    return {
        s: rng.uniform(0.05, 0.5) if s.name in ("h", "k") else rng.uniform(0.3, 3.0)
        for s in expr.free_symbols
    }


def _numerically_equal(left: sympy.Basic, right: sympy.Basic, trials: int = 6) -> bool:
    rng = random.Random(20240611)
    both = sympy.Tuple(left, right)
    for _ in range(trials):
        point = _sample_point(both, rng)
        lv = complex(sympy.N(left.xreplace(point), 30))
        rv = complex(sympy.N(right.xreplace(point), 30))
        if abs(lv - rv) > 1e-9 * max(1.0, abs(lv)):
            return False
    return True


def _symbolically_equal(left: sympy.Basic, right: sympy.Basic) -> bool:
    return sympy.simplify(left - right) == 0 or _numerically_equal(left, right)


def check_node(step: Step) -> None:
    if step.kind == "diff":
        assert _symbolically_equal(sympy.diff(step.expr, step.var), step.result), step
    elif step.kind == "rewrite":
        assert _numerically_equal(step.expr, step.result), step
    elif step.kind == "limit":
        expected = sympy.limit(step.expr, step.var, step.details["point"])
        assert _symbolically_equal(expected, step.result), step
    else:
        assert step.kind == "sequence" and step.result == step.children[-1].result, step


def check_tree(root: Step) -> None:
    for node in root.walk():
        check_node(node)


def check_chain(steps: tuple[Step, ...] | list[Step], start: sympy.Basic) -> None:
    """Each step starts exactly where the previous one ended."""
    current = start
    for step in steps:
        assert step.expr == current, (step, current)
        current = step.result


def _derive(f) -> Step:
    return derive_from_first_principles(sympy.sympify(f), x)


# ----------------------------------------------------------------------------- supported families


@pytest.mark.parametrize("f", SUPPORTED, ids=str)
def test_every_node_checks_against_sympy(f):
    root = _derive(f)
    check_tree(root)
    assert root.rule == "first_principles" and root.kind == "diff"
    assert root.expr == sympy.sympify(f) and root.var == x
    assert sympy.simplify(root.result - sympy.diff(f, x)) == 0


@pytest.mark.parametrize("f", SUPPORTED, ids=str)
def test_shape_rule_ids_and_no_op_rewrites(f):
    root = _derive(f)
    assert root.rules_used() <= set(FIRST_PRINCIPLES_RULES)
    assert all(rule == "first_principles" or rule.startswith("fp_") for rule in root.rules_used())
    for node in root.walk():
        if node.kind == "rewrite" and node.rule != "fp_definition":
            assert node.expr != node.result, node
    definition = root.children[0]
    assert definition.rule == "fp_definition"
    assert definition.expr == definition.result == root.details["quotient"]
    assert root.details["h"] == h


SINGLE_FAMILY = POLYNOMIALS + RECIPROCALS + ROOTS + SINES + COSINES + EXPONENTIALS


@pytest.mark.parametrize("f", SINGLE_FAMILY, ids=str)
def test_single_family_is_one_chain_ending_in_a_limit(f):
    root = _derive(f)
    check_chain(root.children[1:], root.details["quotient"])
    last = root.children[-1]
    assert last.kind == "limit" and last.var == h and last.details["point"] == 0
    assert last.result == root.result
    assert [c.kind for c in root.children[:-1]] == ["rewrite"] * (len(root.children) - 1)


@pytest.mark.parametrize("f", SUMS, ids=str)
def test_sums_split_by_linearity(f):
    root = _derive(f)
    definition, linearity, *terms = root.children
    assert linearity.rule == "fp_linearity" and linearity.expr == root.details["quotient"]
    assert len(terms) >= 2 and all(term.rule == "fp_term" for term in terms)
    assert list(linearity.result.args) == [term.details["quotient"] for term in terms]
    for term in terms:
        check_chain(term.children, term.details["quotient"])
        assert term.children[-1].kind == "limit" and term.children[-1].result == term.result
    assert root.result == sympy.Add(*(term.result for term in terms))


@pytest.mark.parametrize(
    ("f", "rules"),
    [
        (
            x**3,
            [
                "fp_definition",
                "fp_expand",
                "fp_simplify_numerator",
                "fp_factor_h",
                "fp_cancel_h",
                "fp_limit",
            ],
        ),
        (x, ["fp_definition", "fp_simplify_numerator", "fp_cancel_h", "fp_limit"]),
        (sympy.Integer(7), ["fp_definition", "fp_simplify_numerator", "fp_cancel_h", "fp_limit"]),
        (
            1 / x,
            [
                "fp_definition",
                "fp_common_denominator",
                "fp_simplify_numerator",
                "fp_cancel_h",
                "fp_limit",
            ],
        ),
        (
            2 / x,
            [
                "fp_definition",
                "fp_constant_multiple",
                "fp_common_denominator",
                "fp_simplify_numerator",
                "fp_cancel_h",
                "fp_limit",
            ],
        ),
        (
            sqrt(x),
            [
                "fp_definition",
                "fp_conjugate",
                "fp_difference_of_squares",
                "fp_simplify_numerator",
                "fp_cancel_h",
                "fp_limit",
            ],
        ),
        (sin(x), ["fp_definition", "fp_angle_addition", "fp_regroup", "fp_standard_limits"]),
        (cos(x), ["fp_definition", "fp_angle_addition", "fp_regroup", "fp_standard_limits"]),
        (exp(x), ["fp_definition", "fp_exponent_law", "fp_factor_exp", "fp_standard_limits"]),
    ],
    ids=str,
)
def test_stage_sequence(f, rules):
    assert [step.rule for step in _derive(f).children] == rules


def test_written_forms_stay_visible():
    root = _derive(x**3)
    numerator, over_h = root.details["quotient"].args
    assert over_h == 1 / h and not numerator.is_zero
    shifted, minus_f = numerator.args
    assert shifted.is_Pow and shifted.exp == 3 and sympy.expand(shifted.base - x - h) == 0
    assert minus_f == -(x**3)
    expand = root.children[1]
    assert len(expand.result.args[0].args) == 5  # x^3 + 3x^2h + 3xh^2 + h^3 - x^3, not cancelled
    cancel = _derive(sqrt(x)).children[-2]
    assert cancel.rule == "fp_cancel_h" and cancel.result.is_Pow and cancel.result.exp == -1
    assert sympy.simplify(cancel.result - 1 / (sqrt(x + h) + sqrt(x))) == 0


def test_standard_limits_listed_in_details():
    limits = _derive(sin(x)).children[-1].details["standard_limits"]
    assert {lim.doit(): value for lim, value in limits} == {1: 1, 0: 0}
    assert all(lim.doit() == value for lim, value in limits)
    ((lim, value),) = _derive(exp(x)).children[-1].details["standard_limits"]
    assert lim.doit() == value == 1


@pytest.mark.parametrize(("f", "name"), [(h * x**2, "k"), (h * k * x, "h_1"), (x**2, "h")])
def test_h_does_not_collide(f, name):
    root = _derive(f)
    assert root.details["h"] == sympy.Symbol(name, real=True)
    check_tree(root)


def test_other_variable_names():
    root = derive_from_first_principles(t**3 + sin(t), t)
    assert root.result == 3 * t**2 + cos(t)
    check_tree(root)


def test_details_hold_mathematics_only():
    def plain(value) -> bool:
        if isinstance(value, (tuple, list)):
            return all(plain(item) for item in value)
        return isinstance(value, (sympy.Basic, int))

    for f in SUPPORTED:
        for node in _derive(f).walk():
            assert all(plain(value) for value in node.details.values()), node


def test_does_not_call_diff_or_limit(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the engine must not call sympy.diff or sympy.limit")

    monkeypatch.setattr(sympy, "diff", forbidden)
    monkeypatch.setattr(sympy, "limit", forbidden)
    monkeypatch.setattr(sympy.Expr, "diff", forbidden)
    monkeypatch.setattr(sympy.Limit, "doit", forbidden)
    for f in SUPPORTED:
        _derive(f)


# ----------------------------------------------------------------------------- unsupported


@pytest.mark.parametrize("f", UNSUPPORTED, ids=str)
def test_unsupported_raises_with_one_line_message(f):
    with pytest.raises(FirstPrinciplesUnsupported) as info:
        _derive(f)
    message = str(info.value)
    assert "\n" not in message and "polynomials" in message and "sqrt" in message
    assert isinstance(info.value, ValueError)


def test_variable_must_be_a_symbol():
    with pytest.raises(TypeError):
        derive_from_first_principles(x**2, x + 1)
