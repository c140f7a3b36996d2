"""Where a derivation holds: the conditions its rules state, gathered up the tree.

A rule may hold only on part of the real line (ln u for u > 0, |u| for u ≠ 0, arcsec u for
|u| > 1). Each step states its own `condition`; `gather` gives a step its `conditions`: its own
and every descendant's, rewritten in the step's own variable (the chain rule's letter u is
replaced by the inner function), without repeats and without conditions that always hold. The
root of a derivation therefore says where the final answer is valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sympy as sp

from tutor.steps.step import Step


def _rewritten(condition: sp.Basic, substitution: Mapping | None) -> sp.Basic | None:
    if not substitution:
        return condition
    try:
        return condition.subs(substitution)
    except TypeError:  # a comparison that became non-real states nothing on the real line
        return None


def gather(
    own: sp.Basic | None, children: Iterable[Step], substitution: Mapping | None = None
) -> tuple[sp.Basic, ...]:
    found: list[sp.Basic] = []
    candidates = [own] + [c for child in children for c in child.details.get("conditions", ())]
    for condition in candidates:
        if condition is None:
            continue
        condition = _rewritten(condition, substitution)
        if condition is None or condition is sp.true or condition in found:
            continue
        found.append(condition)
    return tuple(found)
