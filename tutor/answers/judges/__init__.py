"""One judge per answer kind: the expected value and the student's reading -> a Judgement.

A judge decides the mathematics (equal? in what form? which parts are wrong? which mistake
explains it?); tutor.answers.checker wraps the Judgement into a Verdict with the reading echoed.
Judges do only bounded work in-process (numeric equivalence, small symbolic steps).

To add a kind: write `judge_<kind>(expected, answer, settings) -> Judgement` in the module of its
family and add it to JUDGES.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tutor.answers.judges.collections import judge_matrix, judge_set, judge_vector
from tutor.answers.judges.common import Judgement, Settings
from tutor.answers.judges.equations import judge_equation
from tutor.answers.judges.expressions import judge_antiderivative, judge_expr
from tutor.answers.judges.numbers import judge_number
from tutor.parse import ParsedAnswer

JUDGES: dict[str, Callable[[Any, ParsedAnswer, Settings], Judgement]] = {
    "expr": judge_expr,
    "antiderivative": judge_antiderivative,
    "number": judge_number,
    "vector": judge_vector,
    "matrix": judge_matrix,
    "set": judge_set,
    "equation": judge_equation,
}

__all__ = ["JUDGES", "Judgement", "Settings"]
