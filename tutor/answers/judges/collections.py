"""Judges for answers with several parts: `vector`, `matrix` and `set` (of points).

Vectors and matrices are compared entry by entry and the wrong positions named; a set of points
is matched in any order, and missing, extra and repeated points are each reported.
"""

from __future__ import annotations

import sympy as sp

from tutor.answers.judges.common import (
    Judgement,
    Settings,
    counterexample_sentence,
    entries_equal,
    form_judgement,
    wrong,
)
from tutor.answers.messages import say
from tutor.notation import to_text
from tutor.parse import ParsedAnswer


def judge_vector(expected: tuple, answer: ParsedAnswer, settings: Settings) -> Judgement:
    given = answer.value
    if len(given) != len(expected):
        return wrong(
            expected,
            given,
            settings,
            "vector",
            [say("wrong_length", expected=len(expected), given=len(given))],
        )
    verdicts = [entries_equal(e, g, settings) for e, g in zip(expected, given, strict=True)]
    wrong_positions = [str(i + 1) for i, (ok, _) in enumerate(verdicts) if not ok]
    if not wrong_positions:
        return form_judgement(answer.written, given, settings, "equal component by component", ())
    first = next(found for ok, found in verdicts if not ok)
    feedback = [say("wrong_components", positions=", ".join(wrong_positions))]
    feedback += counterexample_sentence(first) if first is not None else []
    return wrong(expected, given, settings, "vector", feedback)


def judge_matrix(expected: sp.MatrixBase, answer: ParsedAnswer, settings: Settings) -> Judgement:
    given = answer.value
    if given.shape != expected.shape:
        shape = lambda m: f"{m.rows}×{m.cols}"  # noqa: E731
        return wrong(
            expected,
            given,
            settings,
            "matrix",
            [say("wrong_shape", expected=shape(expected), given=shape(given))],
        )
    wrong_positions = [
        f"({i + 1}, {j + 1})"
        for i in range(expected.rows)
        for j in range(expected.cols)
        if not entries_equal(expected[i, j], given[i, j], settings)[0]
    ]
    if not wrong_positions:
        return form_judgement(answer.written, given, settings, "equal entry by entry", ())
    return wrong(
        expected,
        given,
        settings,
        "matrix",
        [say("wrong_entries", positions=", ".join(wrong_positions))],
    )


def _same_point(p: tuple, q: tuple, settings: Settings) -> bool:
    return len(p) == len(q) and all(
        entries_equal(a, b, settings)[0] for a, b in zip(p, q, strict=True)
    )


def _show(points: list[tuple]) -> str:
    return ", ".join(
        "(" + ", ".join(to_text(c) for c in p) + ")" if len(p) > 1 else to_text(p[0])
        for p in points
    )


def judge_set(expected: tuple, answer: ParsedAnswer, settings: Settings) -> Judgement:
    given = answer.value
    dims = {len(p) for p in expected}
    if given and expected and {len(p) for p in given} != dims:
        return wrong(
            expected,
            given,
            settings,
            "set",
            [say("wrong_dimension", expected=min(dims), given=len(given[0]))],
        )
    unmatched = list(range(len(expected)))
    duplicates, extra = [], []
    matched_given: list[tuple] = []
    for point in given:
        hit = next((i for i in unmatched if _same_point(expected[i], point, settings)), None)
        if hit is not None:
            unmatched.remove(hit)
            matched_given.append(point)
        elif any(_same_point(point, seen, settings) for seen in matched_given):
            duplicates.append(point)
        else:
            extra.append(point)
    missing = [expected[i] for i in unmatched]
    if not (missing or extra or duplicates):
        return form_judgement(answer.written, given, settings, "the same points", ())
    feedback = []
    for key, points in (
        ("missing_points", missing),
        ("extra_points", extra),
        ("duplicate_points", duplicates),
    ):
        if points:
            feedback.append(say(key, points=_show(points)))
    return wrong(expected, given, settings, "set", feedback)
