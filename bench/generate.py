"""Benchmark: problems per second for every topic and difficulty, solutions included.

Each problem is generated from its seed (drawing, building the solution with the engine or the
solvers, measuring its difficulty band) with a cold sympy cache per problem, as a worksheet
build meets it. The figure is problems per second; the slowest topics are listed last.

    .venv/bin/python bench/generate.py [--seeds N] [--topic KEY]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sympy.core.cache import clear_cache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import problem_bank  # noqa: E402


def rate(topic: str, difficulty: str, seeds: int) -> tuple[float, float]:
    """(problems per second, slowest problem in ms) over seeds 0..seeds-1."""
    times = []
    for seed in range(seeds):
        clear_cache()
        start = time.perf_counter()
        problem_bank.generate(topic, seed, difficulty)
        times.append(time.perf_counter() - start)
    return len(times) / sum(times), max(times) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="problems per topic and difficulty")
    parser.add_argument("--topic", action="append", help="only these topics")
    args = parser.parse_args()
    rows = []
    for entry in problem_bank.topics():
        if args.topic and entry.key not in args.topic:
            continue
        for difficulty in entry.difficulties:
            per_second, slowest = rate(entry.key, difficulty, args.seeds)
            rows.append((entry.week, entry.key, difficulty, per_second, slowest))
            print(
                f"week {entry.week}  {entry.key:24} {difficulty:6} "
                f"{per_second:8.1f}/s  slowest {slowest:7.1f} ms",
                flush=True,
            )
    rates = [row[3] for row in rows]
    print(
        f"\n{len(rows)} topic-difficulties, {args.seeds} seeds each: median "
        f"{statistics.median(rates):.1f} problems/s, slowest {min(rates):.1f}/s"
    )


if __name__ == "__main__":
    main()
