"""check(): a student's typed answer against the expected one -> Verdict. Never raises on the
student's text, never evaluates it, and always answers within the time limit.

The path: validate the problem's settings (a programming error raises ValueError); read the
expected answer (trusted, but parsed by the same grammar); read the student's answer
(tutor.parse.parse_answer: errors give status `invalid`); judge it with the judge of its kind
(tutor.answers.judges); if the reading was ambiguous, judge the other readings too and ask
instead of marking when they disagree.

Most answers are judged in this process (the fast path: bounded numeric work, a few ms). An
answer that is large or has big powers or factorials is judged in a worker process with CPU,
memory and wall-clock limits (tutor.answers.worker); if it runs out of time the status is
`timeout`, and the pool goes on serving.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp

from tutor.answers.display import format_decimal
from tutor.answers.judges import JUDGES, Judgement, Settings
from tutor.answers.messages import say
from tutor.answers.verdict import FORM_POLICIES, KINDS, AnswerReading, Verdict
from tutor.answers.worker import WorkerError, WorkerTimeout, default_pool
from tutor.notation import to_latex, to_text
from tutor.parse import ParsedAnswer, ParseError, parse_answer

LOG_BASES = ("e", "10")
FAST_PATH_NODES = 80  # larger answers are judged in a worker process
FAST_PATH_EXPONENT = 24  # so are answers with larger integer powers (expansion cost)
DEFAULT_TIMEOUT = 2.0
READING_DIGITS = 15  # a decimal answer is echoed with all the figures a student may type


def make_settings(
    kind: str, variables, rel_tol, abs_tol, sig_figs, decimal_places, form, context, seed
) -> Settings:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if form not in FORM_POLICIES:
        raise ValueError(f"form must be one of {', '.join(FORM_POLICIES)}, not {form!r}")
    for name, value in (("rel_tol", rel_tol), ("abs_tol", abs_tol)):
        if value is not None and not (isinstance(value, (int, float)) and value >= 0):
            raise ValueError(f"{name} must be a non-negative number, not {value!r}")
    for name, value in (("sig_figs", sig_figs), ("decimal_places", decimal_places)):
        if value is not None and not (isinstance(value, int) and 0 <= value <= 30):
            raise ValueError(f"{name} must be a whole number from 0 to 30, not {value!r}")
    symbols = tuple(sp.Symbol(str(v), real=True) for v in variables) if variables else None
    return Settings(kind, symbols, rel_tol, abs_tol, sig_figs, decimal_places, form, context, seed)


def read_expected(expected: Any, kind: str, names: list[str] | None, log_base: str) -> Any:
    """The teacher's answer: sympy objects as given, text through the same parser. A constant
    of integration the teacher wrote (x²/2 + C) is dropped: any constant is accepted."""
    if not isinstance(expected, str):
        if isinstance(expected, (list, tuple)) and kind in ("vector", "set"):
            return tuple(expected)
        return expected
    try:
        parsed = parse_answer(expected, kind, variables=names, log_default=log_base)
    except ParseError as error:
        raise ValueError(f"the expected answer cannot be read: {error}") from None
    if parsed.constant is not None:
        return parsed.value.subs(parsed.constant, 0)
    return parsed.value


def symbols_in(value: Any) -> set[sp.Symbol]:
    return {node for node in _nodes(value) if isinstance(node, sp.Symbol)}


def unknown_letters(expected: Any, parsed: ParsedAnswer, settings: Settings) -> list[str]:
    """Letters in the answer that the question does not use: a typo, or text that is not maths
    ("import os" reads as a product of letters); the student is told, not marked."""
    allowed = {s.name for s in symbols_in(expected)} | {s.name for s in settings.variables or ()}
    if parsed.constant is not None:
        allowed.add(parsed.constant.name)
    return sorted({s.name for s in symbols_in(parsed.value)} - allowed)


def _text(value: Any, kind: str) -> str:
    """One line of Unicode: a decimal stays a decimal (2e-7, not 1/5000000) for number answers."""
    if kind == "number" and isinstance(value, sp.Rational) and not value.is_Integer:
        return format_decimal(value, READING_DIGITS)
    return to_text(value)


def reading_of(parsed: ParsedAnswer) -> AnswerReading:
    """How the answer was read, in one line of text and in LaTeX, whatever its shape."""
    value, kind = parsed.value, parsed.kind
    if isinstance(value, sp.MatrixBase):
        rows = (
            "[" + ", ".join(_text(v, kind) for v in value.row(i)) + "]" for i in range(value.rows)
        )
        return AnswerReading("[" + ", ".join(rows) + "]", to_latex(value), parsed.syntax)
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        text = ", ".join("(" + ", ".join(_text(c, kind) for c in p) + ")" for p in value)
        latex = ", ".join(r"\left(" + ", ".join(map(to_latex, p)) + r"\right)" for p in value)
    elif isinstance(value, tuple):
        text = "(" + ", ".join(_text(c, kind) for c in value) + ")"
        latex = r"\left(" + ", ".join(map(to_latex, value)) + r"\right)"
    else:
        text, latex = _text(value, kind), to_latex(value)
    return AnswerReading(text, latex, parsed.syntax)


def _nodes(value: Any) -> Iterable[sp.Basic]:
    if isinstance(value, sp.Basic) and not isinstance(value, sp.MatrixBase):
        yield from sp.preorder_traversal(value)
    elif isinstance(value, (tuple, list, sp.MatrixBase)):
        for part in value:
            yield from _nodes(part)


def needs_worker(parsed: ParsedAnswer) -> bool:
    """Large answers, big integer powers and factorials: judged where they can be stopped."""
    for count, node in enumerate(_nodes(parsed.value), start=1):
        if count > FAST_PATH_NODES or isinstance(node, sp.factorial):
            return True
        if isinstance(node, sp.Pow) and node.exp.is_Integer and abs(node.exp) > FAST_PATH_EXPONENT:
            return True
    return False


def judge(expected: Any, parsed: ParsedAnswer, settings: Settings) -> Judgement:
    return JUDGES[settings.kind](expected, parsed, settings)


def _judge_guarded(
    expected: Any, parsed: ParsedAnswer, settings: Settings, timeout: float
) -> Judgement | Verdict:
    if not needs_worker(parsed):
        return judge(expected, parsed, settings)
    try:
        return default_pool().run(judge, expected, parsed, settings, timeout=timeout)
    except WorkerTimeout:
        return Verdict("timeout", False, say("timeout"), reading_of(parsed))
    except WorkerError:
        return Verdict(
            "invalid", False, say("invalid", error="it could not be checked"), reading_of(parsed)
        )


def _verdict(judgement: Judgement, parsed: ParsedAnswer, settings: Settings) -> Verdict:
    correct = judgement.status == "correct" or (
        judgement.status == "correct_unsimplified" and settings.form != "reject"
    )
    return Verdict(
        judgement.status,
        correct,
        " ".join(judgement.feedback),
        reading_of(parsed),
        judgement.mistake,
        judgement.certainty,
        judgement.counterexample,
        judgement.notes,
    )


def _ambiguity(
    expected, parsed: ParsedAnswer, settings: Settings, first: Verdict, timeout: float
) -> Verdict | None:
    """Ask, rather than mark, when another plausible reading gets a different mark."""
    readings = [(parsed.text, first)]
    for description, value in parsed.alternatives:
        alternative = ParsedAnswer(
            **{**parsed.__dict__, "value": value, "written": None, "alternatives": ()}
        )
        outcome = _judge_guarded(expected, alternative, settings, timeout)
        verdict = (
            outcome if isinstance(outcome, Verdict) else _verdict(outcome, alternative, settings)
        )
        readings.append((description, verdict))
    if len({verdict.correct for _, verdict in readings}) == 1:
        return None
    shown = " or ".join(
        f"{reading_of(parsed).text}" if i == 0 else d for i, (d, _) in enumerate(readings)
    )
    return Verdict("ambiguous", False, say("ambiguous", readings=shown), reading_of(parsed))


def check(
    expected: Any,
    answer: str,
    *,
    kind: str = "expr",
    syntax: str = "auto",
    variables: Iterable[str] | None = None,
    rel_tol: float | None = None,
    abs_tol: float | None = None,
    sig_figs: int | None = None,
    decimal_places: int | None = None,
    form: str = "note",
    log_base: str = "e",
    context: Mapping[str, Any] | None = None,
    seed: int = 0,
    timeout: float = DEFAULT_TIMEOUT,
) -> Verdict:
    """Judge `answer` (untrusted text) against `expected` (sympy, or the teacher's text)."""
    if log_base not in LOG_BASES:
        raise ValueError(f"log_base must be 'e' or '10', not {log_base!r}")
    names = [str(v) for v in variables] if variables else None
    settings = make_settings(
        kind, names, rel_tol, abs_tol, sig_figs, decimal_places, form, context, seed
    )
    expected_value = read_expected(expected, kind, names, log_base)
    if not isinstance(answer, str):
        raise ValueError("the answer must be text")
    try:
        parsed = parse_answer(answer, kind, syntax=syntax, variables=names, log_default=log_base)
    except ParseError as error:
        return Verdict(
            "invalid",
            False,
            say("invalid", error=error.message),
            None,
            details={"position": error.position},
        )
    unknown = unknown_letters(expected_value, parsed, settings)
    if unknown:
        letters = ", ".join(to_text(sp.Symbol(name)) for name in unknown)
        return Verdict(
            "invalid", False, say("unknown_letters", letters=letters), reading_of(parsed)
        )
    outcome = _judge_guarded(expected_value, parsed, settings, timeout)
    verdict = outcome if isinstance(outcome, Verdict) else _verdict(outcome, parsed, settings)
    if parsed.alternatives and verdict.status not in ("invalid", "timeout"):
        return _ambiguity(expected_value, parsed, settings, verdict, timeout) or verdict
    return verdict
