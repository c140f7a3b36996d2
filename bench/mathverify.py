"""Differential comparison with Math-Verify on the LaTeX rows of the fixture table.

For every row whose answer is LaTeX, the gold mark is the row's: does the answer earn the mark
(correct, or correct but unsimplified where the policy accepts it)? tutor.check and Math-Verify
(math_verify.verify on the expected answer written as LaTeX by tutor.notation, and the student's
LaTeX) each predict it; the accuracies are printed side by side, with the rows where they part.

    .venv/bin/python bench/mathverify.py [--show N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from math_verify import parse as mv_parse  # noqa: E402
from math_verify import verify as mv_verify  # noqa: E402

import tutor  # noqa: E402
from tests.answers.fixture_table import ROWS, check_arguments  # noqa: E402
from tutor.answers.checker import read_expected  # noqa: E402
from tutor.notation import to_latex  # noqa: E402


def gold(row) -> bool:
    return row.status == "correct" or (
        row.status == "correct_unsimplified" and row.options.get("form", "note") != "reject"
    )


def expected_latex(row) -> str:
    value = read_expected(row.expected, row.kind, None, row.options.get("log", "e"))
    if isinstance(value, tuple):
        return ", ".join(
            to_latex(v)
            if not isinstance(v, tuple)
            else r"\left(" + ", ".join(map(to_latex, v)) + r"\right)"
            for v in value
        )
    return to_latex(value)


def math_verify_mark(row) -> bool:
    try:
        return bool(mv_verify(mv_parse(f"${expected_latex(row)}$"), mv_parse(f"${row.answer}$")))
    except Exception:  # Math-Verify's own failures count as "not verified"
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="rows to show where the two differ")
    args = parser.parse_args()
    rows = [row for row in ROWS if row.is_latex]
    ours = [tutor.check(row.expected, row.answer, **check_arguments(row)).correct for row in rows]
    theirs = [math_verify_mark(row) for row in rows]
    truth = [gold(row) for row in rows]
    ours_right = sum(o == t for o, t in zip(ours, truth, strict=True))
    theirs_right = sum(m == t for m, t in zip(theirs, truth, strict=True))
    print(f"{len(rows)} LaTeX rows of the fixture table")
    print(f"tutor.check  accuracy {ours_right / len(rows):.3f} ({ours_right}/{len(rows)})")
    print(f"Math-Verify  accuracy {theirs_right / len(rows):.3f} ({theirs_right}/{len(rows)})")
    print("by kind (Math-Verify has no notion of + C, so antiderivative rows are not its fault):")
    for kind in sorted({row.kind for row in rows}):
        picked = [i for i, row in enumerate(rows) if row.kind == kind]
        mine = sum(ours[i] == truth[i] for i in picked)
        its = sum(theirs[i] == truth[i] for i in picked)
        print(
            f"  {kind:<15} n={len(picked):3d}  tutor.check {mine / len(picked):.3f}"
            f"  Math-Verify {its / len(picked):.3f}"
        )
    shown = 0
    for row, m, t in zip(rows, theirs, truth, strict=True):
        if m != t and shown < args.show:
            print(f"  Math-Verify wrong on {row.id}: {row.expected!r} vs {row.answer!r} (gold {t})")
            shown += 1
    for row, o, t in zip(rows, ours, truth, strict=True):
        if o != t:
            print(f"  tutor.check wrong on {row.id}: {row.expected!r} vs {row.answer!r} (gold {t})")


if __name__ == "__main__":
    main()
