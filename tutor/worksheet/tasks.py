"""The work a build hands to worker processes: one problem slot, one PDF.

Tasks and results are plain picklable data (a Problem holds mapping proxies, so problems travel
as their topic, seed and difficulty and are generated where they are rendered). Each process
keeps one maths writer per medium, so the SVG writer's formula cache (tutor.render.maths'
process-wide SVG_CACHE) is shared by every problem that process renders.

- `run_slot(SlotTask) -> SlotResult`: generate the slot's first-draw problem and write its views
  (statement, solution, answer) for each medium asked (pdf: SVG maths; html: MathML; tex:
  LaTeX).
- `run_pdf(pages) -> bytes`: one or several HTML documents as one PDF (tutor.render.pdf).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.collector import collector_paused
from tutor.render.worksheet import ProblemView, problem_view

_WRITERS: dict[str, Any] = {}


def writer_for(media: str) -> Any:
    """This process's maths writer for a medium: SVG for PDF pages, MathML for HTML pages."""
    if media not in _WRITERS:
        from tutor.render import maths

        if media == "pdf":
            _WRITERS[media] = maths.SvgWriter(cache=maths.SVG_CACHE)
        else:
            _WRITERS[media] = maths.MathMLWriter()
    return _WRITERS[media]


@dataclass(frozen=True)
class SlotTask:
    topic: str
    seed: int
    difficulty: str
    media: tuple[str, ...]  # () when only the statement is needed (an earlier version)
    detail: str = "standard"
    solutions: bool = True


@dataclass(frozen=True)
class SlotResult:
    id: str
    statement: str  # the problem's text, what decides whether two problems repeat
    views: dict[str, ProblemView] = field(default_factory=dict)


def views_of(problem, media: tuple[str, ...], detail: str, solutions: bool) -> SlotResult:
    """A problem's result: its id, its statement and its views in each medium."""
    views = {}
    for medium in media:
        try:
            if medium == "tex":
                from tutor.render.worksheet_tex import tex_view

                views[medium] = tex_view(problem, detail, solutions)
                continue
            views[medium] = problem_view(problem, writer_for(medium), detail, solutions)
        except ValueError as error:  # MathError and friends: say which problem
            raise ValueError(f"problem {problem.id}: {error}") from None
    return SlotResult(problem.id, problem.statement, views)


def run_slot(task: SlotTask) -> SlotResult:
    from problem_bank import generate

    with collector_paused():  # one problem is bounded work; its garbage goes afterwards
        problem = generate(task.topic, task.seed, task.difficulty)
        return views_of(problem, task.media, task.detail, task.solutions)


def run_pdf(pages: tuple[str, ...]) -> bytes:
    from tutor.render.pdf import html_to_pdf, htmls_to_pdf

    return html_to_pdf(pages[0]) if len(pages) == 1 else htmls_to_pdf(pages)
