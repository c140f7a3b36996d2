"""Benchmark: each solver family against the plain sympy or numpy call on the same inputs.

Every family lists its cases in bench/solver_cases/<family>.py as CASES = [(name, ours,
baseline)]: `ours` builds the step-by-step solution and renders it as text; `baseline` does the
bare computation (sympy's jacobian, series or solve; a numpy loop or polyfit). Both run in the
same process, alternately, each with a cold sympy cache, because this machine's speed varies
from run to run: the ratio is the figure that matters. A step-by-step solution does more than
the bare call (a derivation per entry, wording, layout), so ratios above 1 are expected; the
table shows how much the explanation costs.

    .venv/bin/python bench/solvers.py [--repeat N] [--family NAME]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.steps import best_time  # noqa: E402  (the same timer as the engine bench)

FAMILIES = ("multivariate", "chain", "taylor", "iteration", "critical", "regression")


def run_family(name: str, repeat: int) -> list[tuple[str, float, float]]:
    cases = importlib.import_module(f"bench.solver_cases.{name}").CASES
    rows = []
    for case, ours, baseline in cases:
        ours_time = best_time(ours, repeat)
        base_time = best_time(baseline, repeat)
        rows.append((case, ours_time, base_time))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best kept)")
    parser.add_argument("--family", choices=FAMILIES, action="append")
    args = parser.parse_args()
    print(f"{'family':13} {'case':34} {'ours ms':>9} {'baseline ms':>12} {'ratio':>7}")
    summary = []
    for family in args.family or FAMILIES:
        rows = run_family(family, args.repeat)
        for case, ours, base in rows:
            times = f"{ours * 1e3:9.1f} {base * 1e3:12.2f} {ours / base:7.1f}"
            print(f"{family:13} {case[:34]:34} {times}")
        total_ours = sum(r[1] for r in rows)
        total_base = sum(r[2] for r in rows)
        median_ratio = statistics.median(r[1] / r[2] for r in rows)
        summary.append((family, len(rows), total_ours, total_base, median_ratio))
    print()
    print(f"{'family':13} {'cases':>5} {'ours s':>8} {'baseline s':>11} {'ratio':>7} {'median':>7}")
    for family, count, ours, base, median in summary:
        print(f"{family:13} {count:5} {ours:8.3f} {base:11.3f} {ours / base:7.1f} {median:7.1f}")


if __name__ == "__main__":
    main()
