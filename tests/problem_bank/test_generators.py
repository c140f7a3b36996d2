"""Every generator at every difficulty over many seeds (20 here, 200 in the slow run).

For each problem: no exception; the same id gives the same JSON twice and through from_id; the
answer is the solution's result; the checker accepts the answer and rejects a perturbed one; the
LaTeX has no unknown macro; the measured difficulty is in band. Per topic and difficulty: fewer
than 2% duplicate statements. A fresh interpreter rebuilds byte-identical problems.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import problem_bank
from problem_bank.registry import from_id, generate
from tests.problem_bank.checks import problem_faults

CASES = [(t.key, d) for t in problem_bank.topics() for d in t.difficulties]
FAST_SEEDS, SLOW_SEEDS = 20, 200


def run_many(topic: str, difficulty: str, seeds: int) -> None:
    statements: list[str] = []
    for seed in range(seeds):
        problem = generate(topic, seed, difficulty)
        text = json.dumps(problem.to_dict(), sort_keys=True)
        assert json.dumps(from_id(problem.id).to_dict(), sort_keys=True) == text
        faults = problem_faults(problem)
        assert not faults, f"{problem.id}: {problem.statement}: {faults}"
        statements.append(problem.statement)
    duplicates = len(statements) - len(set(statements))
    allowed = 1 if seeds < 100 else 0.02 * seeds - 1e-9
    assert duplicates <= allowed, f"{duplicates} duplicates among {seeds} {topic} {difficulty}"


@pytest.mark.parametrize("topic,difficulty", CASES)
def test_generator_fast(topic, difficulty):
    run_many(topic, difficulty, FAST_SEEDS)


@pytest.mark.slow
@pytest.mark.parametrize("topic,difficulty", CASES)
def test_generator_many_seeds(topic, difficulty):
    run_many(topic, difficulty, SLOW_SEEDS)


SNAPSHOT = """
import hashlib, json, problem_bank
for t in problem_bank.topics():
    for d in t.difficulties:
        for seed in (0, 1, 99):
            p = problem_bank.generate(t.key, seed, d)
            text = json.dumps(p.to_dict(), sort_keys=True)
            print(p.id, hashlib.sha256(text.encode()).hexdigest())
"""


def test_a_fresh_process_builds_the_same_problems():
    fresh = subprocess.run(
        [sys.executable, "-c", SNAPSHOT], capture_output=True, text=True, check=True, timeout=300
    ).stdout.split("\n")
    here = subprocess.run(
        [sys.executable, "-X", "utf8", "-c", "import random; random.seed(5);" + SNAPSHOT],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    ).stdout.split("\n")
    assert fresh == here and len(fresh) > 3 * len(CASES)


def test_unknown_topic_and_difficulty_are_one_line_errors():
    with pytest.raises(ValueError, match="unknown topic 'nope'"):
        generate("nope", 1)
    with pytest.raises(ValueError, match="difficulty must be one of"):
        generate("chain-rule", 1, "extreme")
    with pytest.raises(ValueError, match="seed"):
        generate("chain-rule", -1)
