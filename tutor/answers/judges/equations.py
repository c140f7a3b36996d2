"""The judge for `equation` answers: equivalent up to swapping sides and scaling by a non-zero
constant; otherwise, for a polynomial equation in one unknown, the lost and extra roots."""

from __future__ import annotations

import sympy as sp

from tutor.answers.equivalence import equivalent
from tutor.answers.judges.common import Judgement, Settings, variables_of, wrong
from tutor.answers.messages import say
from tutor.notation import to_text
from tutor.parse import ParsedAnswer

MAX_ROOT_DEGREE = 6  # root finding beyond this is not attempted in-process


def _zero(expr: sp.Expr, variables, settings: Settings) -> bool:
    return equivalent(sp.Integer(0), expr, variables, seed=settings.seed).relation == "equal"


def _is_constant_ratio(expected: sp.Expr, given: sp.Expr, variables, settings: Settings) -> bool:
    """given = c · expected for a constant c ≠ 0: the ratio has no derivative and is not 0."""
    if _zero(given, variables, settings) or _zero(expected, variables, settings):
        return False
    ratio = given / expected
    return not _zero(ratio, variables, settings) and all(
        _zero(sp.diff(ratio, v), variables, settings) for v in variables
    )


def _roots(expr: sp.Expr, var: sp.Symbol) -> set | None:
    numerator = sp.fraction(sp.together(expr))[0]
    if not numerator.is_polynomial(var) or sp.degree(numerator, var) > MAX_ROOT_DEGREE:
        return None
    return {root for root in sp.roots(sp.Poly(numerator, var)) if root.is_real}


def judge_equation(expected: sp.Equality, answer: ParsedAnswer, settings: Settings) -> Judgement:
    given = answer.value
    if not isinstance(given, sp.Equality):
        return Judgement("incorrect", [say("no_equation")])
    e, g = expected.lhs - expected.rhs, given.lhs - given.rhs
    variables = variables_of(settings, e, g)
    if _is_constant_ratio(e, g, variables, settings):
        return Judgement("correct", [say("equation_scaled")], certainty="a constant multiple")
    feedback = []
    if len(variables) == 1:
        expected_roots, given_roots = _roots(e, variables[0]), _roots(g, variables[0])
        if expected_roots is not None and given_roots is not None:
            lost, extra = expected_roots - given_roots, given_roots - expected_roots
            if lost:
                feedback.append(
                    say("equation_lost_roots", roots=", ".join(map(to_text, sorted(lost, key=str))))
                )
            if extra:
                feedback.append(
                    say(
                        "equation_extra_roots",
                        roots=", ".join(map(to_text, sorted(extra, key=str))),
                    )
                )
    return wrong(expected, given, settings, "equation", feedback or [say("equation_different")])
