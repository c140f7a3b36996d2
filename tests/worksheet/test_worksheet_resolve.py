"""The parallel build picks exactly the problems (and warnings) problem_bank.sets.build picks."""

from __future__ import annotations

import pytest

import problem_bank
import problem_bank.sets as sets
from problem_bank.ids import slot_seed
from problem_bank.sets import Section, SetSpec
from tutor.worksheet.resolve import resolve, slots
from tutor.worksheet.tasks import SlotTask, run_slot, views_of


def by_build(spec):
    built = sets.build(spec)
    ids = {}
    for number, version in enumerate(built.versions, start=1):
        for index, (_, problems) in enumerate(version):
            for slot, problem in enumerate(problems):
                ids[(number, index, slot)] = problem.id
    return ids, list(built.warnings)


def by_resolve(spec):
    first = {
        key: run_slot(
            SlotTask(section.topic, slot_seed(spec.seed, *key, 0), section.difficulty, ())
        )
        for key, section in slots(spec, spec.versions)
    }
    chosen, warnings = resolve(
        spec, spec.versions, first, lambda key, problem: views_of(problem, (), "standard", False)
    )
    return {key: result.id for key, result in chosen.items()}, warnings


def test_same_choices_as_build():
    spec = SetSpec(
        "t", 5, (Section("power-sum", 2, "easy"), Section("chain-rule", 1, "medium")), versions=3
    )
    assert by_resolve(spec) == by_build(spec)


def test_same_choices_when_problems_repeat(monkeypatch):
    """Only three problems per topic: repeats are redrawn (and finally kept, with a warning)
    exactly as build does it."""
    real = problem_bank.generate

    def few(topic, seed, difficulty="medium"):
        return real(topic, seed % 3, difficulty)

    monkeypatch.setattr(problem_bank, "generate", few)
    monkeypatch.setattr(sets, "generate", few)
    spec = SetSpec("t", 1, (Section("power-sum", 2, "easy"),), versions=3)
    ids, warnings = by_resolve(spec)
    assert (ids, warnings) == by_build(spec)
    assert len(set(ids.values())) == 3 and warnings


@pytest.mark.slow
def test_same_choices_for_many_versions():
    spec = SetSpec(
        "t", 11, tuple(Section(t.key, 1, "easy") for t in problem_bank.topics()[:6]), versions=12
    )
    assert by_resolve(spec) == by_build(spec)
