"""Every sentence the answer checker says to a student, in one table keyed by situation.

Templates are str.format strings; values arrive already written (tutor.notation.to_text).
Mistake models word their own feedback (tutor.answers.mistakes), since each names its site.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "correct": "Correct.",
    "correct_proved": "Correct.",
    "unsimplified_note": "Correct, but not fully simplified: {issue}.",
    "unsimplified_reject": "Equal to the answer, but not simplified as the question asks: {issue}.",
    "unevaluated_arithmetic": "the arithmetic {detail} can still be done",
    "like_terms": "the like terms {detail} can be collected",
    "common_factor": "the common factor {detail} can be cancelled",
    "incorrect": "Not correct.",
    "counterexample": "At {point} your answer gives {yours}; the expected answer gives {expected}.",
    "undefined_at": "At {point} your answer is undefined; the expected answer gives {expected}.",
    "invalid": "Your answer could not be read: {error}.",
    "ambiguous": (
        "Your answer can be read in more than one way ({readings}), and the readings get different"
        " marks. Please add brackets to say which you mean."
    ),
    "timeout": "Checking this answer took too long; please write it more simply.",
    "unknown_letters": (
        "Your answer uses {letters}, which the question does not; check for a typing mistake."
    ),
    "not_a_number": "The answer should be a number, but yours depends on {symbols}.",
    "wrong_length": "The answer has {expected} components; yours has {given}.",
    "wrong_shape": "The answer is a {expected} matrix; yours is {given}.",
    "wrong_components": "These components are not right: {positions}.",
    "wrong_entries": "These entries are not right: {positions}.",
    "missing_points": "Missing: {points}.",
    "extra_points": "Not a solution: {points}.",
    "duplicate_points": "Listed more than once: {points}.",
    "wrong_dimension": "Each point should have {expected} coordinates; yours have {given}.",
    "equation_scaled": "Correct (an equivalent form of the equation).",
    "equation_lost_roots": "Your equation has lost the solutions {roots}.",
    "equation_extra_roots": "Your equation has extra solutions {roots}.",
    "equation_different": "Your equation is not equivalent to the expected one.",
    "missing_constant": "Correct, but remember the constant of integration (+ C).",
    "constant_only_difference": "Correct: it differs from the expected answer only by a constant.",
    "no_equation": "The answer should be an equation (with =).",
}


def say(key: str, **values: object) -> str:
    return MESSAGES[key].format(**values)
