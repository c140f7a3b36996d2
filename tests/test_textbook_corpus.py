"""The textbook corpus itself (tests/data/textbook.txt): size, groups, allowed syntax, and
agreement between the tutor's parser and the trusted sympy reading of every line."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import sympy

from tests.data.textbook_loader import (
    a,
    load_textbook,
    sympy_reading,
    textbook_lines,
    x,
)
from tests.verify import equal

ALLOWED_NAMES = set(
    "sin cos tan sec csc cot asin acos atan asec acsc acot sinh cosh tanh sech csch coth "
    "asinh acosh atanh asech acsch acoth exp ln log abs sqrt cbrt e x a".split()
)
LINES = textbook_lines()


def test_corpus_size_and_groups() -> None:
    assert len(LINES) >= 170
    groups = Counter(group for group, _ in LINES)
    assert all(groups.values())
    assert len(groups) >= 15
    texts = [line for _, line in LINES]
    assert len(texts) == len(set(texts)), "duplicate exercises"


def test_only_allowed_syntax() -> None:
    for _, line in LINES:
        assert re.fullmatch(r"[0-9a-z+\-*/^(), ]+", line), line
        names = set(re.findall(r"[a-z]+", line))
        assert names <= ALLOWED_NAMES, (line, names - ALLOWED_NAMES)
        assert "**" not in line, line
    assert sum("a" in re.findall(r"[a-z]+", line) for _, line in LINES) <= 5


def test_every_line_has_a_finite_sympy_reading() -> None:
    for _, line in LINES:
        expr = sympy_reading(line)
        assert isinstance(expr, sympy.Expr), line
        assert expr.free_symbols <= {x, a}, line
        assert not expr.has(sympy.zoo, sympy.nan, sympy.oo, sympy.I), line


def test_loader_returns_every_line() -> None:
    loaded = load_textbook()
    assert [line for line, _ in loaded] == [line for _, line in LINES]


@pytest.mark.parametrize("line", [line for _, line in LINES])
def test_tutor_parser_agrees_with_sympy(line: str) -> None:
    from tutor.parse import parse_expression

    ours, trusted = parse_expression(line).expr, sympy_reading(line)
    ok, reason = equal(trusted, ours)
    assert ok and not reason.startswith("unchecked"), f"{line}: {ours} vs {trusted}: {reason}"
