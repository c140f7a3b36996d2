"""Benchmark: tutor.check latency over the fixture table, against simplify(a - b) == 0.

Both are measured in the same run (this machine's speed varies): p50 and p95 of tutor.check on
every row of tests/answers/fixtures, and of the naive baseline `simplify(expected - answer) == 0`
on the expression rows both can read. Targets (issue 3): p50 <= 5 ms, p95 <= 50 ms.

    .venv/bin/python bench/check.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import sympy as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tutor  # noqa: E402
from tests.answers.fixture_table import ROWS, check_arguments  # noqa: E402
from tutor.parse import ParseError, parse_expression  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def naive_pairs() -> list[tuple[sp.Expr, sp.Expr]]:
    pairs = []
    for row in ROWS:
        if row.kind != "expr":
            continue
        try:
            expected = parse_expression(row.expected).expr
            answer = parse_expression(row.answer, syntax=row.syntax).expr
        except ParseError:
            continue
        pairs.append((expected, answer))
    return pairs


def report(name: str, times: list[float]) -> None:
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    print(
        f"{name:<28} n={len(times):4d}  p50 {p50 * 1e3:7.2f} ms  p95 {p95 * 1e3:7.2f} ms"
        f"  max {max(times) * 1e3:8.1f} ms  mean {statistics.mean(times) * 1e3:6.2f} ms"
    )


def main() -> None:
    tutor.check("x + 1", "(x+1)^30")  # start the worker pool outside the measurement
    ours = [
        timed(lambda r=row: tutor.check(r.expected, r.answer, **check_arguments(r))) for row in ROWS
    ]
    baseline = [timed(lambda p=pair: sp.simplify(p[0] - p[1]) == 0) for pair in naive_pairs()]
    report("tutor.check (all rows)", ours)
    report("simplify(a - b) == 0", baseline)
    print(
        f"ratio of p50: {percentile(ours, 0.5) / percentile(baseline, 0.5):.3f}, "
        f"of p95: {percentile(ours, 0.95) / percentile(baseline, 0.95):.3f}"
    )


if __name__ == "__main__":
    main()
