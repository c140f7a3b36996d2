"""Checking a student's typed answer: untrusted text -> sympy (tutor.parse) -> Verdict.

Public: `check(expected, answer, kind=..., ...) -> Verdict` (tutor.answers.checker), the Verdict
record (tutor.answers.verdict). Modules: judges/ (one judge per answer kind), equivalence and
numeric (is it equal, and how sure), numbers (tolerances), form (is it simplified), mistakes
(which known mistake explains a wrong answer), worker (limits for expensive checks), messages
(every sentence the student reads).

`check` is imported on first use, so the light records (Verdict, KINDS, ...) cost nothing.
"""

from tutor.answers.verdict import FORM_POLICIES, KINDS, STATUSES, AnswerReading, Verdict

__all__ = ["FORM_POLICIES", "KINDS", "STATUSES", "AnswerReading", "Verdict", "check"]


def __getattr__(name: str):
    if name == "check":
        from tutor.answers.checker import check

        return check
    raise AttributeError(f"module 'tutor.answers' has no attribute {name!r}")
