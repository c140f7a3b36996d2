"""The rule engine: sympy in, Step trees out. No I/O, no randomness, no wording.

Public: `derive(expr, var, order=1, first_principles=False) -> Step`, the `Step` record and the
rule registry `RULES`. The top-level `tutor.derive` adds parsing of text on top of this.
"""

from tutor.steps.engine import derive, rule_tree
from tutor.steps.rules import RULES, Rule
from tutor.steps.step import Step

__all__ = ["RULES", "Rule", "Step", "derive", "rule_tree"]
