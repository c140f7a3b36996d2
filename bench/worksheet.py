"""Benchmark: a 20-problem worksheet mixing every week, with worked solutions, to PDF.

Prints the total build time (problems generated, solutions written, maths typeset, HTML filled,
PDFs written: `tutor.worksheet.build` with the machine's cores), the time WeasyPrint alone takes
on the final HTML documents (one after another in this process, its path cache emptied first),
and their ratio. Targets on a 2-core machine: total <= 5 s and ratio <= 2; with --versions 30,
total <= 60 s. Imports happen before the clock starts (an interpreter's start is not the build):
the modules and the maths font the build loads once before forking its workers
(tutor.worksheet.pipeline.prepare_imports), printed on their own; formula caches start empty.
CPU seconds (all processes) are printed too, with the load average: on a busy machine they are
the figures to compare.

    .venv/bin/python bench/worksheet.py [--versions N] [--count 20] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_TOTAL, TARGET_RATIO, TARGET_30 = 5.0, 2.0, 60.0


def mixed_spec(count: int, versions: int):
    """`count` problems cycling through the weeks (first topic of each week, then the second, ...),
    whatever topics the problem bank has, one section per topic."""
    import problem_bank
    from problem_bank.sets import Section, SetSpec

    weeks: dict[int, list] = {}
    for topic in problem_bank.topics():
        weeks.setdefault(topic.week, []).append(topic)
    order = [t for row in zip_longest(*weeks.values()) for t in row if t is not None]
    counts: dict[str, int] = {}
    for index in range(count):
        key = order[index % len(order)].key
        counts[key] = counts.get(key, 0) + 1
    by_key = {t.key: t for t in order}
    sections = tuple(Section(key, n, "medium", by_key[key].title) for key, n in counts.items())
    title = f"Benchmark: {count} problems from weeks {', '.join(map(str, sorted(weeks)))}"
    return SetSpec(title, 2026, sections, versions, "", "2026-09-07"), sorted(weeks)


def weasyprint_alone(pages: dict[str, tuple[str, ...]]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of WeasyPrint on the final HTML, in this process."""
    from tutor.render import pdfspeed
    from tutor.render.pdf import html_to_pdf, htmls_to_pdf

    pdfspeed.uninstall()  # empties its cache; html_to_pdf installs it again
    start, cpu = time.perf_counter(), time.process_time()
    for name, documents in pages.items():
        if name.endswith(".pdf"):
            html_to_pdf(documents[0]) if len(documents) == 1 else htmls_to_pdf(documents)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=1)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--jobs", type=int, help="worker processes (default: every core)")
    parser.add_argument("--keep", help="write the PDFs here instead of a temporary directory")
    args = parser.parse_args()

    start = time.perf_counter()
    from tutor.worksheet.pipeline import prepare_imports

    prepare_imports(("pdf",), solutions=True)  # what the build loads before forking workers
    imports = time.perf_counter() - start
    figures = measure(args)
    figures["imports"] = imports
    report(args, figures)
    return 0


def measure(args) -> dict:
    from tutor.worksheet import Job, build
    from tutor.worksheet.pipeline import cores

    spec, weeks = mixed_spec(args.count, args.versions)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(args.keep or scratch)
        cpu = _cpu()
        start = time.perf_counter()
        result = build(Job(spec), out, workers=args.jobs, progress=False, keep_html=True)
        total = time.perf_counter() - start
        cpu = _cpu() - cpu
        pages = sum(_pages(path) for path in result.files)
    alone, alone_cpu = weasyprint_alone(result.pages)
    return {
        "alone_cpu": alone_cpu,
        "weeks": weeks,
        "files": len(result.files),
        "pages": pages,
        "workers": args.jobs or cores(),
        "total": total,
        "cpu": cpu,
        "alone": alone,
        "warnings": result.warnings,
    }


def report(args, f: dict) -> None:
    ratio = f["total"] / f["alone"]
    print(f"worksheet: {args.count} problems x {args.versions} version(s), weeks {f['weeks']},")
    print(f"  {f['files']} PDFs, {f['pages']} pages, {f['workers']} worker(s), load {_load()}")
    print(f"imports (not counted):     {f['imports']:6.2f} s")
    print(
        f"total build:               {f['total']:6.2f} s   (CPU, all processes: {f['cpu']:.1f} s)"
    )
    print(f"WeasyPrint alone (1 core): {f['alone']:6.2f} s   (CPU: {f['alone_cpu']:.1f} s)")
    print(f"ratio total / WeasyPrint:  {ratio:6.2f}")
    print(f"ratio of CPU seconds:      {f['cpu'] / f['alone_cpu']:6.2f}")
    if args.versions == 1:
        print(
            f"targets: total <= {TARGET_TOTAL} s: {_verdict(f['total'] <= TARGET_TOTAL)}; ", end=""
        )
        print(f"ratio <= {TARGET_RATIO}: {_verdict(ratio <= TARGET_RATIO)}")
    elif args.versions == 30:
        print(f"target: 30 versions <= {TARGET_30} s: {_verdict(f['total'] <= TARGET_30)}")
    for warning in f["warnings"]:
        print(f"warning: {warning}")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the build's worker pool)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    sys.exit(main())
