"""Benchmark: derive + text rendering over the textbook list, against simplify(diff(f)).

Both are timed on the same expressions in the same run, each with a cold sympy cache
(clear_cache() before every call), because this machine's speed varies from run to run: the
ratio is the figure that matters. Targets (issue 2): ratio of totals <= 1.0, median <= 10 ms.

    .venv/bin/python bench/steps.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import sympy as sp
from sympy.core.cache import clear_cache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tutor import variable  # noqa: E402
from tutor.parse import parse_expression  # noqa: E402
from tutor.render import render  # noqa: E402
from tutor.steps import derive  # noqa: E402

TEXTBOOK = ROOT / "tests" / "data" / "textbook.txt"


def textbook() -> list[sp.Expr]:
    lines = TEXTBOOK.read_text().splitlines()
    return [
        parse_expression(line).expr for line in lines if line.strip() and not line.startswith("#")
    ]


def best_time(function, repeat: int) -> float:
    """Best of `repeat` runs, each with a cold sympy cache."""
    times = []
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per expression (best kept)")
    args = parser.parse_args()
    x = variable("x")
    exprs = textbook()
    ours, baseline = [], []
    for expr in exprs:
        ours.append(best_time(lambda e=expr: render(derive(e, x), "text"), args.repeat))
        baseline.append(best_time(lambda e=expr: sp.simplify(sp.diff(e, x)), args.repeat))
    median_ours, median_base = statistics.median(ours), statistics.median(baseline)
    print(f"{len(exprs)} textbook expressions, cold sympy cache per call")
    print(f"derive + text       median {median_ours * 1e3:8.2f} ms   total {sum(ours):8.3f} s")
    print(f"simplify(diff(f))   median {median_base * 1e3:8.2f} ms   total {sum(baseline):8.3f} s")
    print(
        f"ratio ours/baseline: median {median_ours / median_base:.3f}, "
        f"total {sum(ours) / sum(baseline):.3f}"
    )
    slowest = sorted(zip(ours, exprs, strict=True), key=lambda pair: pair[0], reverse=True)[:5]
    print("slowest:", "; ".join(f"{expr} {t * 1e3:.1f} ms" for t, expr in slowest))


if __name__ == "__main__":
    main()
