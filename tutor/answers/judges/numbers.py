"""The judge for `number` answers: tolerance, significant figures, decimal places."""

from __future__ import annotations

import sympy as sp

from tutor.answers.judges.common import Judgement, Settings, form_judgement, wrong
from tutor.answers.messages import say
from tutor.answers.numbers import compare_numbers
from tutor.notation import to_text
from tutor.parse import ParsedAnswer


def judge_number(expected: sp.Expr, answer: ParsedAnswer, settings: Settings) -> Judgement:
    given = answer.value
    if given.free_symbols:
        symbols = ", ".join(sorted(to_text(s) for s in given.free_symbols))
        return Judgement("incorrect", [say("not_a_number", symbols=symbols)])
    comparison = compare_numbers(
        expected,
        given,
        rel_tol=settings.rel_tol,
        abs_tol=settings.abs_tol,
        sig_figs=settings.sig_figs,
        decimal_places=settings.decimal_places,
        given_text=answer.text,
    )
    if comparison.equal:
        notes = (comparison.reason,) if comparison.reason else ()
        return form_judgement(answer.written, given, settings, "numerically equal", notes)
    return wrong(
        expected, given, settings, "number", [comparison.reason], certainty=comparison.reason
    )
