"""The engine on the textbook corpus (tests/data/textbook.txt).

For every exercise: ``derive(expr, x)`` gives a tree whose every node is mathematically sound
(tests/verify.py), whose root result is sympy's derivative, and in which no node falls back to
the ``unknown`` rule. A fixed subset of 30+ exercises is also derived to second order.
"""

from __future__ import annotations

import pytest
import sympy

from tests.data.textbook_loader import load_textbook
from tests.verify import check_tree, derivative_equal
from tutor.steps import derive

x = sympy.Symbol("x", real=True)
TEXTBOOK = load_textbook()

SECOND_ORDER = (
    "x^5 - 4*x^2 + 7",
    "1/x",
    "sqrt(x)",
    "x^(2/3)",
    "x^2*sin(x)",
    "x*exp(x)",
    "x^3*ln(x)",
    "x^2*exp(x)*sin(x)",
    "1/(x^2 + 1)",
    "x/(x + 1)",
    "ln(x)/x",
    "(3*x + 1)^5",
    "sqrt(x^2 + 1)",
    "sin(3*x)",
    "e^(sin(x^2))",
    "sqrt(1 + sqrt(x))",
    "2^x",
    "e^(-x^2)",
    "log(x, 10)",
    "x^x",
    "x^(sin(x))",
    "tan(x)",
    "sec(x)",
    "cot(x)",
    "asin(x)",
    "atan(x)",
    "asec(x)",
    "tanh(x)",
    "acosh(x)",
    "abs(x)",
    "1/(1 + e^(-x))",
    "ln(1 + e^x)",
    "x*e^(-x^2/2)",
)


def _report(failures: list[str]) -> str:
    more = f"\n... and {len(failures) - 20} more" if len(failures) > 20 else ""
    return "\n".join(failures[:20]) + more


def _assert_sound(line: str, expr: sympy.Expr, order: int) -> None:
    tree = derive(expr, x, order=order) if order != 1 else derive(expr, x)
    failures = check_tree(tree, require_checked=True)
    assert not failures, f"{line} (order {order}):\n{_report(failures)}"
    ok, reason = derivative_equal(expr, x, tree.result, order)
    assert ok, f"{line} (order {order}): root result {tree.result}: {reason}"
    unknown = [str(node.expr) for node in tree.walk() if node.rule == "unknown"]
    assert not unknown, f"{line} (order {order}): rule 'unknown' for {unknown}"


@pytest.mark.parametrize(("line", "expr"), TEXTBOOK, ids=[line for line, _ in TEXTBOOK])
def test_first_derivative(line: str, expr: sympy.Expr) -> None:
    _assert_sound(line, expr, 1)


SECOND_ORDER_CASES = [(line, expr) for line, expr in TEXTBOOK if line in SECOND_ORDER]


def test_second_order_subset_is_in_the_corpus() -> None:
    assert len(SECOND_ORDER_CASES) == len(SECOND_ORDER) >= 30


@pytest.mark.parametrize(
    ("line", "expr"), SECOND_ORDER_CASES, ids=[line for line, _ in SECOND_ORDER_CASES]
)
def test_second_derivative(line: str, expr: sympy.Expr) -> None:
    _assert_sound(line, expr, 2)
