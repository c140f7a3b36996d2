"""Judges for expression answers: `expr` (equal as functions) and `antiderivative` (equal up to
an additive constant, with the constant of integration expected)."""

from __future__ import annotations

import sympy as sp

from tutor.answers.display import describe_point, format_number, point_values
from tutor.answers.equivalence import equivalent
from tutor.answers.judges.common import (
    Judgement,
    Settings,
    counterexample_sentence,
    form_judgement,
    variables_of,
    wrong,
)
from tutor.answers.messages import say
from tutor.answers.numeric import REAL, evaluate
from tutor.answers.sampling import pleasant_points
from tutor.parse import ParsedAnswer

NEIGHBOURS = (sp.Rational(1, 997), sp.Rational(-1, 997))  # off any point a teacher would pick


def _defined(expr: sp.Basic, values: dict) -> bool:
    try:
        evaluate(expr, values, REAL)
    except ArithmeticError:
        return False
    return True


def written_domain_loss(expected: sp.Expr, written: sp.Basic | None, variables) -> dict | None:
    """A point where the expected answer is defined but the answer as written is not, on an
    interval: an isolated removable point such as x = 1 in (x² − 1)/(x − 1) does not count.

    sympy simplifies e^(ln x), (√x)² and sin(arcsin x) to x as they are read, which would hide
    that the student's expression only makes sense for x > 0 (or |x| ≤ 1): the written form,
    evaluated with every intermediate value real, shows it."""
    if written is None or not variables:
        return None
    for point in pleasant_points(len(variables)):
        values = dict(zip(variables, point, strict=True))
        if not _defined(expected, values) or _defined(written, values):
            continue
        nearby = ({v: p + step for v, p in values.items()} for step in NEIGHBOURS)
        if any(_defined(written, near) for near in nearby):
            continue  # a removable point, noted elsewhere, not a lost interval
        at = point_values(list(values), list(values.values()))
        return {
            "at": at,
            "yours": "undefined",
            "expected": format_number(evaluate(expected, values, REAL)),
        }
    return None


def judge_expr(expected: sp.Expr, answer: ParsedAnswer, settings: Settings) -> Judgement:
    variables = variables_of(settings, expected, answer.value)
    found = equivalent(expected, answer.value, variables, seed=settings.seed)
    if found.relation in ("equal", "equal_where_both_defined"):
        lost = written_domain_loss(expected, answer.written, variables)
        if lost is not None:
            where = describe_point(lost["at"])
            return Judgement(
                "incorrect",
                [say("undefined_at", point=where, expected=lost["expected"])],
                certainty=f"undefined at {where}",
                counterexample=lost,
            )
        return form_judgement(answer.written, answer.value, settings, found.certainty, found.notes)
    return wrong(
        expected,
        answer.value,
        settings,
        "expr",
        counterexample_sentence(found),
        certainty=found.certainty,
        counterexample=found.counterexample,
        notes=found.notes,
    )


def judge_antiderivative(expected: sp.Expr, answer: ParsedAnswer, settings: Settings) -> Judgement:
    """F is right when F − expected is a constant: its derivative vanishes wherever defined."""
    constant = answer.constant
    given = answer.value.subs(constant, 0) if constant is not None else answer.value
    variables = tuple(v for v in variables_of(settings, expected, given) if v != constant)
    difference = sp.diff(given - expected, *variables[:1]) if variables else sp.Integer(0)
    found = equivalent(sp.Integer(0), difference, variables, seed=settings.seed)
    if found.relation not in ("equal", "equal_where_both_defined"):
        shown = equivalent(expected, given, variables, seed=settings.seed)
        return wrong(
            expected,
            given,
            settings,
            "antiderivative",
            counterexample_sentence(shown),
            certainty=found.certainty,
            counterexample=shown.counterexample,
        )
    whole = equivalent(expected, given, variables, seed=settings.seed)
    if whole.counterexample and whole.counterexample.get("yours") == "undefined":
        # ln x + C for ln|x| + C: right derivative, but undefined where the answer must hold
        return Judgement(
            "incorrect",
            counterexample_sentence(whole),
            certainty=whole.certainty,
            counterexample=whole.counterexample,
            notes=whole.notes,
        )
    judgement = form_judgement(answer.written, answer.value, settings, found.certainty, found.notes)
    if constant is None and judgement.status == "correct":
        return Judgement(
            "correct",
            [say("missing_constant")],
            certainty=found.certainty,
            notes=(*found.notes, "no constant of integration"),
        )
    return judgement
