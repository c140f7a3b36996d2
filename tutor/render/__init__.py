"""Step trees -> text, LaTeX, JSON, HTML. All wording comes from tutor.render.messages.

`render(step, format, detail)` is the one entry point the app layer needs; FORMATS maps each
format name to its renderer, so a new format is one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.render.html import render_html
from tutor.render.json import render_json, step_to_json_dict
from tutor.render.latex import render_latex
from tutor.render.outline import DETAIL_LEVELS, outline
from tutor.render.text import render_text
from tutor.steps.step import Step

FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "latex": render_latex,
    "json": render_json,
    "html": render_html,  # a <div class="solution"> fragment with MathML (tutor.render.html)
}


def render(step: Step, format: str = "text", detail: str = "standard") -> str:
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    return FORMATS[format](step, detail=detail)


__all__ = ["DETAIL_LEVELS", "FORMATS", "outline", "render", "step_to_json_dict"]
