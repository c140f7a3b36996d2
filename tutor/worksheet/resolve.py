"""Which problem fills each slot: problem_bank.sets.build's choices, computed in parallel.

problem_bank.sets.build walks versions, sections and slots in order, keeping a slot's first-draw
problem unless its statement already appeared, in which case it draws again (`sets._distinct`).
A build here generates every slot's first draw in parallel (tutor.worksheet.tasks), then
`resolve` replays that walk: a first draw whose statement is new is kept exactly as build would
keep it; a repeat (rare) is handed to `sets._distinct` with the same record of what was seen, so
the chosen problems and the warnings are the ones build gives (tests/worksheet/test_resolve.py
checks this against sets.build).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from problem_bank.sets import Section
from tutor.worksheet.tasks import SlotResult

Key = tuple[int, int, int]  # (version, section index, slot)


def slots(spec, last: int) -> Iterator[tuple[Key, Section]]:
    """Every slot of versions 1..last, in build's order, with its section."""
    for version in range(1, last + 1):
        for index, section in enumerate(spec.sections):
            for slot in range(section.count):
                yield (version, index, slot), section


def where(key: Key, section: Section) -> str:
    """How problem_bank.sets names a slot in its warnings."""
    version, index, slot = key
    return f"version {version}, section {index + 1} ({section.topic}), problem {slot + 1}"


def resolve(
    spec,
    last: int,
    first_draws: Mapping[Key, SlotResult],
    replace: Callable[[Key, Any], SlotResult],
) -> tuple[dict[Key, SlotResult], list[str]]:
    """The problem of every slot, and build's warnings. `replace(key, problem)` turns a redrawn
    Problem into a SlotResult (with its views when that version is rendered)."""
    from problem_bank.sets import _distinct

    seen: dict[str, str] = {}
    warnings: list[str] = []
    chosen: dict[Key, SlotResult] = {}
    for key, section in slots(spec, last):
        first = first_draws[key]
        if first.statement not in seen:
            seen[first.statement] = where(key, section)
            chosen[key] = first
            continue
        version, index, slot = key
        problem = _distinct(spec, version, index, slot, section, seen, warnings)
        chosen[key] = replace(key, problem)
    return chosen, warnings
