"""Measured difficulty: features read off a problem's solution tree, and the bands they must hit.

Features (all whole numbers, so bands are plain ranges):
- `rules`: rule applications in the derivations (every `diff` node that is a rule, not a root);
- `depth`: the deepest nesting of chain rules;
- `variables`: how many variables the question has;
- `terms`: top-level terms of the function (or functions) asked about;
- `steps`: nodes of the solution tree, a general measure of length;
- `non_integer`: 1 when a value the student computes is not a whole number, else 0.

A topic declares, per difficulty, a `Band`: feature -> (lowest, highest) inclusive; a generated
problem is accepted only when every named feature is inside (problem_bank.registry).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sympy as sp

from tutor.steps.step import Step

ROOTS = frozenset({"derivative", "higher_order", "partial", "second_partial"})
Band = Mapping[str, tuple[int, int]]


def chain_depth(step: Step) -> int:
    below = max((chain_depth(child) for child in step.children), default=0)
    return below + (1 if step.rule == "chain" else 0)


def rule_count(step: Step) -> int:
    return sum(
        1
        for node in step.walk()
        if node.kind == "diff" and node.rule not in ROOTS and not node.rule.startswith("simplify")
    )


def _numbers(step: Step) -> Iterable[sp.Basic]:
    for node in step.walk():
        if node.kind in ("evaluate", "solve"):
            result = node.result
            if isinstance(result, sp.MatrixBase | sp.Tuple):
                yield from (v for v in sp.flatten(list(result)) if isinstance(v, sp.Basic))
            else:
                yield result


def has_non_integer(step: Step) -> bool:
    return any(value.is_number and not value.is_integer for value in _numbers(step))


def term_count(functions: Iterable[sp.Basic]) -> int:
    return sum(len(sp.Add.make_args(f)) for f in functions)


def measure(solution: Step, functions: Iterable[sp.Basic], variables: int) -> dict[str, int]:
    functions = list(functions)
    return {
        "rules": rule_count(solution),
        "depth": chain_depth(solution),
        "variables": variables,
        "terms": term_count(functions),
        "steps": sum(1 for _ in solution.walk()),
        "non_integer": int(has_non_integer(solution)),
    }


def outside(features: Mapping[str, int], band: Band) -> list[str]:
    """The features outside the band, as 'rules = 12 (band 3..8)'; empty when in band."""
    return [
        f"{name} = {features.get(name)} (band {low}..{high})"
        for name, (low, high) in band.items()
        if not low <= features.get(name, -1) <= high
    ]
