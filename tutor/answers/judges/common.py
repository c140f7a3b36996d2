"""What every judge shares: the problem's Settings, the Judgement record and small helpers
(variables of an answer, the equality the mistake models use, counterexample and form wording)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from tutor.answers.display import describe_point
from tutor.answers.equivalence import Equivalence, equivalent
from tutor.answers.form import form_issues
from tutor.answers.messages import say
from tutor.answers.mistakes import find_mistake
from tutor.answers.numbers import compare_numbers
from tutor.notation import to_text

MISTAKE_MATCH_REL_TOL = 1e-6


@dataclass(frozen=True)
class Settings:
    """What the problem says about its answer (validated by tutor.answers.checker)."""

    kind: str = "expr"
    variables: tuple[sp.Symbol, ...] | None = None
    rel_tol: float | None = None
    abs_tol: float | None = None
    sig_figs: int | None = None
    decimal_places: int | None = None
    form: str = "note"
    context: Mapping[str, Any] | None = None
    seed: int = 0


@dataclass(frozen=True)
class Judgement:
    status: str  # correct, correct_unsimplified, incorrect
    feedback: list[str] = field(default_factory=list)
    mistake: str | None = None
    certainty: str = ""
    counterexample: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()

    @property
    def equal(self) -> bool:
        return self.status != "incorrect"


def variables_of(settings: Settings, *values: Any) -> tuple[sp.Symbol, ...]:
    if settings.variables:
        return settings.variables
    symbols: set[sp.Symbol] = set()
    for value in values:
        for item in flatten(value):
            symbols |= item.free_symbols
    return tuple(sorted(symbols, key=lambda s: s.name))


def flatten(value: Any) -> list[sp.Basic]:
    if isinstance(value, sp.MatrixBase):
        return list(value)
    if isinstance(value, (tuple, list)):
        return [item for part in value for item in flatten(part)]
    if isinstance(value, sp.Equality):
        return [value.lhs, value.rhs]
    return [value]


EQUAL_RELATIONS = ("equal", "equal_where_both_defined")


def entries_equal(
    expected: sp.Basic, given: sp.Basic, settings: Settings, *, quick: bool = False
) -> tuple[bool, Equivalence | None]:
    """One entry (a component, a matrix entry, a coordinate) against another: numbers within
    the problem's tolerance, expressions equal as functions (with the Equivalence, for its
    counterexample). `quick` is the mistake models' match: 6 points, no proof, plain equality
    only, and numbers within 1e-6 unless the problem says otherwise (a student types a handful
    of digits of a Newton iterate)."""
    if expected.is_number and given.is_number:
        rel_tol = settings.rel_tol or (MISTAKE_MATCH_REL_TOL if quick else None)
        return compare_numbers(
            expected, given, rel_tol=rel_tol, abs_tol=settings.abs_tol
        ).equal, None
    variables = variables_of(settings, expected, given)
    if quick:
        found = equivalent(expected, given, variables, points=6, prove=False)
        return found.relation == "equal", found
    found = equivalent(expected, given, variables, seed=settings.seed)
    return found.relation in EQUAL_RELATIONS, found


def same_value(settings: Settings) -> Callable[[Any, Any], bool]:
    """The equality the mistake models use to compare a predicted wrong answer with the given."""

    def same(a: Any, b: Any) -> bool:
        left, right = flatten(a), flatten(b)
        return len(left) == len(right) and all(
            entries_equal(x, y, settings, quick=True)[0] for x, y in zip(left, right, strict=True)
        )

    return same


def counterexample_sentence(equivalence: Equivalence) -> list[str]:
    example = equivalence.counterexample
    if not example:
        return []
    point = describe_point(example["at"])
    if example.get("yours") in (None, "undefined"):
        return [say("undefined_at", point=point, expected=example["expected"])]
    return [
        say("counterexample", point=point, yours=example["yours"], expected=example["expected"])
    ]


def form_judgement(
    written: Any, value: Any, settings: Settings, certainty: str, notes
) -> Judgement:
    variables = variables_of(settings, value)
    issues = [issue for part in _pairs(written, value) for issue in form_issues(*part, variables)]
    if not issues or settings.form == "accept":
        return Judgement("correct", [say("correct")], certainty=certainty, notes=tuple(notes))
    issue = say(issues[0].tag, detail=to_text(issues[0].detail))
    key = "unsimplified_reject" if settings.form == "reject" else "unsimplified_note"
    return Judgement(
        "correct_unsimplified", [say(key, issue=issue)], certainty=certainty, notes=tuple(notes)
    )


def _pairs(written: Any, value: Any) -> list[tuple[sp.Basic, sp.Basic]]:
    if written is None:
        return []
    return list(zip(flatten(written), flatten(value), strict=True))


def wrong(
    expected: Any, given: Any, settings: Settings, kind: str, feedback: list[str], **extra
) -> Judgement:
    mistake = find_mistake(
        expected, given, kind=kind, context=settings.context, same=same_value(settings)
    )
    if mistake is not None:
        feedback = [mistake.feedback] + feedback
    return Judgement(
        "incorrect",
        feedback or [say("incorrect")],
        mistake=mistake.tag if mistake else None,
        **extra,
    )
