"""The topic registry: one decorated generator per topic, and `generate` / `from_id`.

A generator is `build(draw, difficulty) -> Draft`: it draws only through `draw` (problem_bank.draw)
and builds the solution with the engine or the solvers, never typing an answer in. `generate`
measures the draft (problem_bank.features) and accepts it only inside the topic's band for the
difficulty and when it is not degenerate; otherwise it tries again with the next attempt's
stream, at most MAX_ATTEMPTS times (a bounded loop), then raises GenerationError.

To add a topic: one decorated function in the right problem_bank/weekNN_*.py; the registry, the
CLI and the many-seed stress test pick it up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from problem_bank.draw import Draw
from problem_bank.features import Band, measure, outside
from problem_bank.ids import DIFFICULTIES, ProblemId, parse_id
from tutor.problem import AnswerSpec, Problem
from tutor.steps.step import Step

MAX_ATTEMPTS = 60


class GenerationError(RuntimeError):
    """A generator could not produce an acceptable problem: a bug in the generator or its bands."""


@dataclass(frozen=True)
class Draft:
    """What a generator returns; the registry adds the id and the measured features."""

    prompt: str
    math: Mapping[str, Any]
    answer: AnswerSpec
    solution: Step
    functions: tuple[sp.Basic, ...]  # what the question asks about, for the `terms` feature
    variables: int = 1
    meta: Mapping[str, Any] = field(default_factory=dict)
    zero_answer_ok: bool = False


Builder = Callable[[Draw, str], Draft]


@dataclass(frozen=True)
class Topic:
    key: str
    week: int
    title: str
    version: int
    bands: Mapping[str, Band]
    build: Builder

    @property
    def difficulties(self) -> tuple[str, ...]:
        return tuple(d for d in DIFFICULTIES if d in self.bands)


REGISTRY: dict[str, Topic] = {}


def topic(key: str, week: int, title: str, bands: Mapping[str, Band], version: int = 1):
    """Register a generator under `key` (lower case, digits and hyphens)."""
    if not key.replace("-", "").isalnum() or key != key.lower() or "." in key:
        raise ValueError(f"topic keys use lower-case letters, digits and hyphens: {key!r}")

    def register(build: Builder) -> Builder:
        if key in REGISTRY:
            raise ValueError(f"topic {key!r} is registered twice")
        REGISTRY[key] = Topic(key, week, title, version, dict(bands), build)
        return build

    return register


def topics() -> list[Topic]:
    return sorted(REGISTRY.values(), key=lambda t: t.week)


def get_topic(key: str) -> Topic:
    if key not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise ValueError(f"unknown topic {key!r}; the topics are: {known}")
    return REGISTRY[key]


def degenerate(draft: Draft) -> str | None:
    """Why a draft must not be handed out, or None: an answer of 0 that was not intended, or a
    value that is undefined (zoo, nan) anywhere in the answer."""
    values = _flat(draft.answer.value)
    if any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in values if isinstance(v, sp.Basic)):
        return "the answer is undefined"
    if not draft.zero_answer_ok and all(v == 0 for v in values):
        return "the answer is 0"
    return None


def _flat(value: Any) -> list[Any]:
    if isinstance(value, sp.MatrixBase | sp.Tuple | list | tuple):
        return [item for part in value for item in _flat(part)]
    return [value]


def generate(topic_key: str, seed: int, difficulty: str = "medium") -> Problem:
    entry = get_topic(topic_key)
    if difficulty not in entry.bands:
        raise ValueError(
            f"difficulty must be one of {', '.join(entry.difficulties)}, not {difficulty!r}"
        )
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"the seed must be a whole number from 0, not {seed!r}")
    band = entry.bands[difficulty]
    reasons: list[str] = []
    for attempt in range(MAX_ATTEMPTS):
        draft = entry.build(Draw(topic_key, seed, f"{difficulty}/{attempt}"), difficulty)
        features = measure(draft.solution, draft.functions, draft.variables)
        problem_reasons = outside(features, band)
        flaw = degenerate(draft)
        if flaw:
            problem_reasons.append(flaw)
        if not problem_reasons:
            identity = ProblemId(topic_key, difficulty, seed, entry.version)
            return _problem(entry, str(identity), difficulty, draft, features, attempt)
        reasons = problem_reasons
    raise GenerationError(
        f"{topic_key} ({difficulty}, seed {seed}) found no problem in band after "
        f"{MAX_ATTEMPTS} attempts; last: {'; '.join(reasons)}"
    )


def _problem(
    entry: Topic, identity: str, difficulty: str, draft: Draft, features, attempt: int
) -> Problem:
    meta = {**draft.meta, "attempt": attempt, "version": entry.version}
    return Problem(
        identity,
        entry.week,
        entry.key,
        difficulty,
        draft.prompt,
        draft.math,
        draft.answer,
        draft.solution,
        features,
        meta,
    )


def from_id(text: str) -> Problem:
    """The problem an id names, rebuilt; a one-line ValueError when the id is not valid here."""
    parsed = parse_id(text)
    entry = get_topic(parsed.topic)
    if parsed.version != entry.version:
        raise ValueError(
            f"problem id {text!r} was made by version {parsed.version} of the {entry.key} "
            f"generator; this tutor has version {entry.version}, which makes different problems"
        )
    return generate(parsed.topic, parsed.seed, parsed.difficulty)


def ids_of(problems: Iterable[Problem]) -> list[str]:
    return [problem.id for problem in problems]
