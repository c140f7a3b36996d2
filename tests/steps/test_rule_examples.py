"""Every registered rule's own examples: derived, every step checked against sympy, rule used."""

import pytest
import sympy as sp

from tests.verify import check_tree
from tutor.parse import parse_expression
from tutor.steps import RULES, derive

X = sp.Symbol("x", real=True)

EXAMPLES = [(rule.id, text) for rule in RULES for text in rule.examples]


def test_every_rule_but_unknown_has_examples():
    missing = [rule.id for rule in RULES if not rule.examples and rule.id != "unknown"]
    assert not missing


@pytest.mark.parametrize("rule_id,text", EXAMPLES)
def test_example(rule_id, text):
    expr = parse_expression(text).expr
    step = derive(expr, X)
    assert check_tree(step) == []
    assert rule_id in step.rules_used(), f"{text} did not use {rule_id}: {step.rules_used()}"
    assert "unknown" not in step.rules_used()


@pytest.mark.parametrize("text", ["erf(x)", "gamma(x)", "erf(x^2)"])
def test_outside_the_catalogue_is_an_explicit_lookup(text):
    step = derive(parse_expression(text).expr, X)
    assert "unknown" in step.rules_used()
    assert check_tree(step) == []


def test_undefined_function_is_a_lookup_not_a_crash():
    f = sp.Function("f")
    step = derive(f(X**2), X)
    assert "unknown" in step.rules_used()
    assert sp.simplify(step.result - sp.diff(f(X**2), X)) == 0


def test_nested_chains_use_distinct_letters():
    step = derive(sp.sin(sp.cos(sp.tan(X))), X)
    letters = [s.details["letter"].name for s in step.walk() if s.rule == "chain"]
    assert letters == ["u", "v"]


def test_letters_never_collide_with_the_expression():
    u, v = sp.symbols("u v", real=True)
    step = derive(sp.sin(u * sp.cos(X**2 + v)), X)
    letters = {s.details["letter"].name for s in step.walk() if s.rule == "chain"}
    assert letters and not letters & {"u", "v", "x"}


def test_sibling_chains_may_share_a_letter_but_never_nest_one():
    step = derive(sp.sin(2 * X) * sp.cos(sp.exp(X**2)), X)
    for chain in (s for s in step.walk() if s.rule == "chain"):
        inner_letters = {s.details["letter"] for s in chain.children[1].walk() if s.rule == "chain"}
        assert chain.details["letter"] not in inner_letters


def test_log_base_is_kept():
    step = derive(parse_expression("log(x, 10)").expr, X)
    assert "log_base" in step.rules_used()
    (log_step,) = [s for s in step.walk() if s.rule == "log_base"]
    assert log_step.details["base"] == 10


@pytest.mark.parametrize("text", ["x^x", "x^(sin x)", "(sin x)^x"])
def test_variable_base_and_exponent_use_log_differentiation(text):
    step = derive(parse_expression(text).expr, X)
    assert step.children[0].rule == "log_differentiation"
    assert check_tree(step) == []


def test_engine_never_calls_sympy_diff(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the engine called sympy.diff")

    monkeypatch.setattr(sp, "diff", forbidden)
    monkeypatch.setattr(sp.Expr, "diff", forbidden)
    for _, text in EXAMPLES:
        derive(parse_expression(text).expr, X)


@pytest.mark.parametrize("order", [2, 3])
def test_higher_orders_have_their_own_steps(order):
    expr = X**3 * sp.sin(X)
    step = derive(expr, X, order=order)
    assert step.rule == "higher_order" and len(step.children) == order
    assert sp.simplify(step.result - sp.diff(expr, X, order)) == 0
    for previous, child in zip(step.children, step.children[1:], strict=False):
        assert child.expr == previous.result
    assert check_tree(step) == []


def test_simplification_is_visible_and_named():
    step = derive(sp.sin(X) / sp.cos(X), X)
    assert step.result == sp.sec(X) ** 2
    phase = step.children[-1]
    assert phase.rule == "simplify" and phase.children
    assert all(child.kind == "rewrite" for child in phase.children)
