"""Worksheets as HTML pages: the Worksheet record and its three documents, via jinja2 templates.

- `SheetOptions`: paper (a4, letter), columns (1, 2), where worked solutions go (inline under each
  problem, an appendix after the problems, a separate document, or none), the answer space
  (lines, blank, none) and its height in cm, the solutions' detail level, and whether an answer
  key is made.
- `ProblemView`: one problem's HTML fragments for one maths writer (statement, worked solution,
  answer, and a plot when tutor.render.plots draws one); `problem_view(problem, writer, ...)`
  makes it. Views are plain strings, so worker processes can make them and send them back.
- `Worksheet`: title, date, seed, version (and how many), the rebuild code, instructions, the
  options and the sections of problem views. `documents(worksheet)` names the documents a sheet
  has (worksheet, solutions, key) given its options.
- `render_page(sheets, part, media)` fills templates/<part>.html.j2 for one or more sheets (all
  versions in one HTML file when there are several). media "pdf" gets SVG maths and the print
  styles; media "html" gets MathML and the bundled STIX Two Math font from assets/.

Everything a teacher typed (title, instructions, section titles) goes through jinja2's
autoescape; only the maths writers' fragments and our own QR SVG are marked safe. A new document
part is one template and one entry in PARTS.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from tutor.problem import Problem

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ASSETS = TEMPLATES / "assets"
MATH_FONT = "STIXTwoMath-Regular.ttf"
PAPERS = {"a4": "A4", "letter": "letter"}
SOLUTIONS = ("separate", "appendix", "inline", "none")
ANSWER_SPACES = ("lines", "blank", "none")
PARTS = ("worksheet", "solutions", "key")
MEDIA = ("pdf", "html")
LINE_SPACING_CM = 0.8


@dataclass(frozen=True)
class SheetOptions:
    paper: str = "a4"
    columns: int = 1
    solutions: str = "separate"
    answer_space: str = "lines"
    answer_height: float = 4.0  # cm of space under each problem
    detail: str = "standard"
    key: bool = True

    def __post_init__(self) -> None:
        checks = (
            ("paper", self.paper in PAPERS, "a4 or letter"),
            ("columns", self.columns in (1, 2), "1 or 2"),
            ("solutions", self.solutions in SOLUTIONS, ", ".join(SOLUTIONS)),
            ("answer_space", self.answer_space in ANSWER_SPACES, ", ".join(ANSWER_SPACES)),
            ("answer_height", 0.5 <= self.answer_height <= 25, "from 0.5 to 25 (cm)"),
            ("detail", self.detail in ("brief", "standard", "full"), "brief, standard or full"),
        )
        for name, ok, allowed in checks:
            if not ok:
                raise ValueError(f"'{name}' must be {allowed}, not {getattr(self, name)!r}")


@dataclass(frozen=True)
class ProblemView:
    id: str
    topic: str
    statement: str  # HTML
    answer: str  # HTML
    solution: str = ""  # HTML, empty when no solution is shown
    plot: str = ""  # an <img> of the solution's plot (plot_image), or empty


@dataclass(frozen=True)
class SheetSection:
    title: str
    problems: tuple[ProblemView, ...]


@dataclass(frozen=True)
class Worksheet:
    title: str
    date: str
    seed: int
    version: int
    versions: int
    code: str
    sections: tuple[SheetSection, ...]
    instructions: str = ""
    options: SheetOptions = field(default_factory=SheetOptions)
    code_note: str = ""  # what the rebuild code leaves out, when it could not carry everything

    @property
    def label(self) -> str:
        return version_label(self.version)

    def numbered(self) -> list[tuple[str, list[tuple[int, ProblemView]]]]:
        """Sections with their problems numbered through the whole sheet (1, 2, ...); sections
        in a row with the same title are shown as one."""
        out: list[tuple[str, list[tuple[int, ProblemView]]]] = []
        number = 0
        for section in self.sections:
            if not out or out[-1][0] != section.title:
                out.append((section.title, []))
            for problem in section.problems:
                number += 1
                out[-1][1].append((number, problem))
        return out


def version_label(version: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: the version code printed on a sheet."""
    label = ""
    while version > 0:
        version, rest = divmod(version - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def documents(options: SheetOptions) -> tuple[str, ...]:
    """The documents a version has: the worksheet, its solutions when separate, the key."""
    parts = ["worksheet"]
    if options.solutions == "separate":
        parts.append("solutions")
    if options.key:
        parts.append("key")
    return tuple(parts)


def _plotter() -> Callable[[Any], str | None] | None:
    """tutor.render.plots.plot_for when that module exists (it draws the solver's plots)."""
    try:
        module = importlib.import_module("tutor.render.plots")
    except ImportError:
        return None
    return getattr(module, "plot_for", None)


def problem_view(
    problem: Problem, writer: Any, detail: str = "standard", solution: bool = True
) -> ProblemView:
    """One problem's fragments written by `writer` (tutor.render.maths: MathML or SVG maths)."""
    from tutor.render.html import answer_html, render_html, statement_html

    worked, plot = "", ""
    if solution:
        worked = render_html(problem.solution, writer, detail)
        plot_for = _plotter()
        drawing = plot_for(problem.solution) if plot_for else None
        plot = plot_image(drawing) if drawing else ""
    return ProblemView(
        problem.id,
        problem.topic,
        statement_html(problem, writer),
        answer_html(problem, writer),
        worked,
        plot,
    )


def plot_image(svg: str) -> str:
    """A plot's SVG document as an <img> with a data: URI: its ids and XML prolog stay inside it,
    and WeasyPrint's fetcher and browsers read it without any file."""
    from base64 import b64encode

    source = b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="plot" alt="plot" src="data:image/svg+xml;base64,{source}">'


def qr_svg(code: str) -> str:
    """The rebuild code as a QR code, an inline SVG (black modules, no external reference)."""
    import segno

    qr = segno.make(code.replace("-", ""), error="m", micro=False)
    return str(qr.svg_inline(scale=2, border=1, omitsize=False, svgclass="qr", lineclass=None))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template is HTML: teachers' text is always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    safe = env.filters["safe"]
    env.filters["fragment"] = safe  # our own writers' HTML: already escaped and well formed
    env.filters["qr"] = lambda code: safe(qr_svg(code))
    return env


def render_page(sheets: Sequence[Worksheet], part: str, media: str = "pdf") -> str:
    """One HTML document: `part` (worksheet, solutions, key) of each sheet, each on new pages."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    if media not in MEDIA:
        raise ValueError(f"media must be pdf or html, not {media!r}")
    if not sheets:
        raise ValueError("render_page needs at least one worksheet")
    options = sheets[0].options
    template = _environment().get_template(f"{part}.html.j2")
    return template.render(
        sheets=sheets,
        part=part,
        media=media,
        page_size=PAPERS[options.paper],
        line_spacing=LINE_SPACING_CM,
        font_url=f"assets/{MATH_FONT}",
    )
