"""Problem sets for teachers: a TOML spec in, several versions of a set of problems out.

Spec (every field checked; a mistake is a one-line ValueError naming the field):

    title = "Week 3 practice"          # required
    seed = 2026                        # required, a whole number from 0
    versions = 4                       # optional, 1 to 60 (default 1)
    instructions = "Show your working" # optional
    [options]                          # optional: passed on to the worksheet step
    [[sections]]                       # one or more
    topic = "chain-rule"               # a topic key (tutor topics)
    count = 5                          # 1 to 50
    difficulty = "medium"              # easy, medium or hard (default medium)
    title = "The chain rule"           # optional

Every slot (version, section, position) has its own seed (problem_bank.ids.slot_seed), so
replacing one problem never changes another. No problem appears twice in the whole build: a
slot whose problem repeats an earlier one draws again (at most MAX_REDRAWS times); when a topic
cannot give that many distinct variants, the repeat is kept and a warning says so. Versions
share the sections, so they have the same difficulty profile.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from problem_bank.ids import DIFFICULTIES, slot_seed
from problem_bank.registry import REGISTRY, generate
from tutor.problem import Problem

MAX_VERSIONS, MAX_COUNT, MAX_SECTIONS, MAX_REDRAWS = 60, 50, 50, 25
SCHEMA = "tutor.set/1"
SET_FIELDS = {"title", "seed", "versions", "instructions", "options", "sections", "date"}
SECTION_FIELDS = {"topic", "count", "difficulty", "title"}


@dataclass(frozen=True)
class Section:
    topic: str
    count: int
    difficulty: str = "medium"
    title: str = ""


@dataclass(frozen=True)
class SetSpec:
    title: str
    seed: int
    sections: tuple[Section, ...]
    versions: int = 1
    instructions: str = ""
    date: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BuiltSet:
    spec: SetSpec
    versions: tuple[tuple[tuple[Section, tuple[Problem, ...]], ...], ...]
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        spec = self.spec
        return {
            "schema": SCHEMA,
            "title": spec.title,
            "seed": spec.seed,
            "instructions": spec.instructions,
            "date": spec.date,
            "options": dict(spec.options),
            "warnings": list(self.warnings),
            "versions": [
                {
                    "version": number,
                    "sections": [
                        {
                            "title": section.title,
                            "topic": section.topic,
                            "difficulty": section.difficulty,
                            "problems": [problem.to_dict() for problem in problems],
                        }
                        for section, problems in version
                    ],
                }
                for number, version in enumerate(self.versions, start=1)
            ],
        }


def _field(table: Mapping[str, Any], name: str, kind: type, where: str, default: Any = None):
    if name not in table:
        if default is None:
            raise ValueError(f"{where}: the field '{name}' is missing")
        return default
    value = table[name]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{where}: '{name}' must be a whole number, not {value!r}")
    if kind is not int and not isinstance(value, kind):
        raise ValueError(f"{where}: '{name}' must be a {kind.__name__}, not {value!r}")
    return value


def _bounded(value: int, low: int, high: int, name: str, where: str) -> int:
    if not low <= value <= high:
        raise ValueError(f"{where}: '{name}' must be from {low} to {high}, not {value}")
    return value


def _unknown(table: Mapping[str, Any], known: set[str], where: str) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise ValueError(f"{where}: unknown field '{extra[0]}' (known: {', '.join(sorted(known))})")


def _section(table: Any, index: int) -> Section:
    where = f"sections[{index}]"
    if not isinstance(table, Mapping):
        raise ValueError(f"{where} must be a table with topic, count and difficulty")
    _unknown(table, SECTION_FIELDS, where)
    topic = _field(table, "topic", str, where)
    if topic not in REGISTRY:
        raise ValueError(f"{where}: unknown topic {topic!r} (see `tutor topics`)")
    count = _bounded(_field(table, "count", int, where), 1, MAX_COUNT, "count", where)
    difficulty = _field(table, "difficulty", str, where, "medium")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"{where}: 'difficulty' must be easy, medium or hard, not {difficulty!r}")
    title = _field(table, "title", str, where, REGISTRY[topic].title)
    return Section(topic, count, difficulty, title)


def read_spec(text: str, source: str = "spec") -> SetSpec:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML: {error}") from None
    _unknown(table, SET_FIELDS, source)
    sections = table.get("sections")
    if not isinstance(sections, list) or not sections:
        raise ValueError(f"{source}: 'sections' is missing: add at least one [[sections]] table")
    if len(sections) > MAX_SECTIONS:
        raise ValueError(f"{source}: at most {MAX_SECTIONS} sections, not {len(sections)}")
    options = _field(table, "options", dict, source, {})
    return SetSpec(
        title=_field(table, "title", str, source),
        seed=_bounded(_field(table, "seed", int, source), 0, 2**40, "seed", source),
        sections=tuple(_section(s, i) for i, s in enumerate(sections)),
        versions=_bounded(
            _field(table, "versions", int, source, 1), 1, MAX_VERSIONS, "versions", source
        ),
        instructions=_field(table, "instructions", str, source, ""),
        date=str(table.get("date", "")),
        options=options,
    )


def build(spec: SetSpec) -> BuiltSet:
    seen: dict[str, str] = {}  # statement -> where it first appeared
    warnings: list[str] = []
    versions = []
    for version in range(1, spec.versions + 1):
        sections = []
        for index, section in enumerate(spec.sections):
            problems = tuple(
                _distinct(spec, version, index, slot, section, seen, warnings)
                for slot in range(section.count)
            )
            sections.append((section, problems))
        versions.append(tuple(sections))
    return BuiltSet(spec, tuple(versions), tuple(warnings))


def _distinct(
    spec: SetSpec, version: int, index: int, slot: int, section: Section, seen, warnings
) -> Problem:
    where = f"version {version}, section {index + 1} ({section.topic}), problem {slot + 1}"
    for redraw in range(MAX_REDRAWS):
        seed = slot_seed(spec.seed, version, index, slot, redraw)
        problem = generate(section.topic, seed, section.difficulty)
        if problem.statement not in seen:
            seen[problem.statement] = where
            return problem
    warnings.append(
        f"{where} repeats the problem of {seen[problem.statement]}: the {section.topic} "
        f"generator gave no new {section.difficulty} variant in {MAX_REDRAWS} draws; "
        "ask for fewer problems or versions"
    )
    return problem
