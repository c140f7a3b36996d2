"""The engine on random expression trees (tests/strategies.py).

Property: for every generated expression, ``derive(expr, x)`` raises nothing, every node of the
tree is mathematically sound (tests/verify.py), the root result is sympy's derivative, and the
``unknown`` rule never appears (the generator only uses functions of the engine's catalogue).
A fast run (150 examples) is part of the default suite; the ``slow`` run (2000 examples) is
for CI (``pytest -m slow``). Both are derandomized, so every run tries the same expressions.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings

from tests.strategies import expressions, x
from tests.verify import check_tree, derivative_equal
from tutor.steps import derive

COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much],
}


def _assert_sound(expr: sympy.Expr) -> None:
    tree = derive(expr, x)
    failures = check_tree(tree)
    assert not failures, f"{expr}:\n" + "\n".join(failures[:20])
    ok, reason = derivative_equal(expr, x, tree.result)
    assert ok, f"{expr}: root result {tree.result}: {reason}"
    unknown = [str(node.expr) for node in tree.walk() if node.rule == "unknown"]
    assert not unknown, f"{expr}: rule 'unknown' for {unknown}"


@settings(max_examples=150, **COMMON)
@given(expressions())
def test_random_trees(expr: sympy.Expr) -> None:
    _assert_sound(expr)


@pytest.mark.slow
@settings(max_examples=2000, **COMMON)
@given(expressions(max_depth=5))
def test_random_trees_many(expr: sympy.Expr) -> None:
    _assert_sound(expr)
