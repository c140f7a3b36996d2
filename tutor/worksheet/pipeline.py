"""A worksheet build: a Job in, files under the output directory out.

`build(job, out)`:
1. every slot's first-draw problem is generated and written (its views) in parallel;
2. `resolve` keeps problem_bank.sets.build's choices (no problem twice in the whole build);
3. each version becomes a Worksheet record per medium with its rebuild code;
4. the documents (worksheet, solutions, key: tutor.render.worksheet.documents) are filled and
   written: HTML directly (with assets/: the stylesheet and the STIX Two Math font), LaTeX
   sources directly (tutor.render.worksheet_tex), PDF by WeasyPrint in the worker processes.

Files: `<slug>-<version>-<part>.<ext>` (e.g. week-3-practice-B-key.pdf), or with
`combine` one `<slug>-<part>.<ext>` holding every version. `only_version` (a rebuild from a
code) renders that version alone, after working out the earlier versions' problems.
Workers: the machine's cores (forked processes, so nothing is imported twice); one process
when there is little to do. A tqdm bar on stderr shows progress for builds of several
versions when stderr is a terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.collector import freeze_imports
from tutor.render.worksheet import (
    ASSETS,
    MATH_FONT,
    SheetSection,
    Worksheet,
    documents,
    render_page,
)
from tutor.worksheet.code import encode, payload
from tutor.worksheet.options import Job, spec_fields
from tutor.worksheet.resolve import Key, resolve, slots
from tutor.worksheet.tasks import SlotResult, SlotTask, run_pdf, run_slot, views_of

MAX_WORKERS = 8
SMALL_BUILD = 4  # problems: fewer than this are not worth a process pool


@dataclass(frozen=True)
class BuildResult:
    files: tuple[Path, ...]
    warnings: tuple[str, ...]
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file name -> HTML


@dataclass(frozen=True)
class Output:
    path: Path
    media: str
    pages: tuple[str, ...]


def slug(title: str) -> str:
    """A file-name stem from a title: ASCII letters and digits joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(stem) > 40:  # cut at a word's end
        stem = stem[:41].rsplit("-", 1)[0] if "-" in stem[:41] else stem[:40]
    return stem or "worksheet"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Runner:
    """Runs tasks in a process pool (or in this process), updating one progress bar."""

    def __init__(self, workers: int, progress: bool, total: int = 0):
        self.pool = None
        if workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork") if "fork" in methods else None
            self.pool = ProcessPoolExecutor(workers, mp_context=context)
        self.bar = _bar(progress, total)

    def map(self, function: Callable, tasks: dict[Any, Any]) -> dict[Any, Any]:
        if self.pool is None:
            results = {}
            for key, task in tasks.items():
                results[key] = function(task)
                self._tick()
            return results
        from concurrent.futures import as_completed

        futures = {self.pool.submit(function, task): key for key, task in tasks.items()}
        results = {}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            self._tick()
        return results

    def _tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.bar is not None:
            self.bar.close()


def _bar(progress: bool, total: int):
    if not progress:
        return None
    import tqdm

    tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
    width = shutil.get_terminal_size((80, 20)).columns  # a terminal that reports no size: 80
    return tqdm.tqdm(
        total=total, file=sys.stderr, unit="task", desc="worksheets", leave=False, ncols=width
    )


def prepare_imports(media: Iterable[str], solutions: bool = True) -> None:
    """Import the heavy modules and load the maths font once, before worker processes are
    forked from this one (each would otherwise spend about a second on them): matplotlib only
    when solutions (which have plots) are printed, ziamath and WeasyPrint only for PDF. What
    is loaded is then frozen out of the garbage collector's sight (tutor.collector)."""
    import problem_bank  # noqa: F401
    from tutor.render import html, maths  # noqa: F401

    if solutions:
        from tutor.render.plots_figure import load_matplotlib

        load_matplotlib()
    if "pdf" in media:
        import weasyprint  # noqa: F401

        from tutor.render.mathsvg import configure_ziamath

        configure_ziamath()
    freeze_imports()  # later collections, here and in the forked workers, skip all of this


def build(
    job: Job,
    out: Path,
    *,
    only_version: int | None = None,
    code: tuple[str, str] | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    keep_html: bool = False,
) -> BuildResult:
    """Build the job's documents under `out`. `code` = (code, note) prints a given rebuild code
    (a rebuild from it) instead of encoding one."""
    spec, media = job.spec, job.output.formats
    last = only_version or spec.versions
    rendered = [only_version] if only_version else list(range(1, last + 1))
    problems = sum(section.count for section in spec.sections) * last
    workers = min(workers or cores(), MAX_WORKERS) if problems >= SMALL_BUILD else 1
    if progress is None:
        progress = sys.stderr.isatty() and len(rendered) > 1
    prepare_imports(media, job.sheet.solutions != "none")
    pdfs = len(documents(job.sheet)) * (1 if job.output.combine else len(rendered))
    runner = Runner(workers, progress, problems + (pdfs if "pdf" in media else 0))
    try:
        chosen, warnings = _problems(job, last, rendered, runner)
        sheets = {m: [_sheet(job, v, chosen, m, code) for v in rendered] for m in media}
        outputs = _outputs(job, sheets, out)
        files = _write(outputs, runner)
    finally:
        runner.close()
    if "html" in media:
        _copy_assets(out)
    pages = {o.path.name: o.pages for o in outputs} if keep_html else {}
    return BuildResult(tuple(files), tuple(warnings), pages)


def _problems(job: Job, last: int, rendered: list[int], runner: Runner):
    spec, sheet = job.spec, job.sheet
    solutions = sheet.solutions != "none"

    def media_of(version: int) -> tuple[str, ...]:
        return job.output.formats if version in rendered else ()

    from problem_bank.ids import slot_seed

    tasks = {
        key: SlotTask(
            section.topic,
            slot_seed(spec.seed, key[0], key[1], key[2], 0),
            section.difficulty,
            media_of(key[0]),
            sheet.detail,
            solutions,
        )
        for key, section in slots(spec, last)
    }
    first_draws = runner.map(run_slot, tasks)

    def replace(key: Key, problem) -> SlotResult:
        return views_of(problem, media_of(key[0]), sheet.detail, solutions)

    return resolve(spec, last, first_draws, replace)


def _sheet(job: Job, version: int, chosen, media: str, code: tuple[str, str] | None) -> Worksheet:
    spec = job.spec
    if code is None:
        code = (encode(payload(spec_fields(spec), job.sheet, version)), "")
        code = (code[0], _note_for(code[0]))
    sections = tuple(
        SheetSection(
            section.title,
            tuple(chosen[(version, index, slot)].views[media] for slot in range(section.count)),
        )
        for index, section in enumerate(spec.sections)
    )
    return Worksheet(
        spec.title,
        spec.date,
        spec.seed,
        version,
        spec.versions,
        code[0],
        sections,
        spec.instructions,
        job.sheet,
        code[1],
    )


def _note_for(code: str) -> str:
    from tutor.worksheet.code import decode

    left_out = decode(code).left_out
    return f"This code leaves out {' and '.join(left_out)}." if left_out else ""


def _document(sheets: list[Worksheet], part: str, media: str) -> str:
    if media == "tex":
        from tutor.render.worksheet_tex import render_tex

        return render_tex(sheets, part)
    return render_page(sheets, part, media)


def _outputs(job: Job, sheets: dict[str, list[Worksheet]], out: Path) -> list[Output]:
    """Every file to write. A combined PDF is its versions' documents laid out one after
    another (each keeps its page numbers); combined HTML and LaTeX are one document."""
    stem, outputs = slug(job.spec.title), []
    for media in job.output.formats:
        for part in documents(job.sheet):
            versions = sheets[media]
            if job.output.combine:
                if media == "pdf":
                    pages = tuple(_document([ws], part, media) for ws in versions)
                else:
                    pages = (_document(versions, part, media),)
                outputs.append(Output(out / f"{stem}-{part}.{media}", media, pages))
                continue
            for ws in versions:
                path = out / f"{stem}-{ws.label}-{part}.{media}"
                outputs.append(Output(path, media, (_document([ws], part, media),)))
    return outputs


def _write(outputs: list[Output], runner: Runner) -> list[Path]:
    for output in outputs:
        output.path.parent.mkdir(parents=True, exist_ok=True)
        if output.media != "pdf":
            output.path.write_text(output.pages[0], encoding="utf-8")
    pdfs = runner.map(run_pdf, {o.path: o.pages for o in outputs if o.media == "pdf"})
    for path, data in pdfs.items():
        path.write_bytes(data)
    return [output.path for output in outputs]


def _copy_assets(out: Path) -> None:
    """What the HTML pages link to: the stylesheet, and the maths font ziamath bundles."""
    import ziamath

    target = out / "assets"
    target.mkdir(parents=True, exist_ok=True)
    font = Path(ziamath.__file__).parent / "fonts" / MATH_FONT
    for source in (ASSETS / "worksheet.css", font):
        destination = target / source.name
        if not destination.exists() or destination.read_bytes() != source.read_bytes():
            shutil.copyfile(source, destination)
