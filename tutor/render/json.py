"""The stable JSON form of a derivation, schema `tutor.step/1`.

Each node: `rule`, `title`, `kind`, `var`, `input` and `result` (each {"sympy", "latex"}),
`explanation` (Unicode text) and `explanation_latex`, `details` (the rule's own values, maths as
{"sympy", "latex"}), `children`. The root also carries `schema`. Fields are only ever added.
"""

from __future__ import annotations

import json
from typing import Any

from tutor.render.explain import explain, title_of
from tutor.render.notations import LATEX, TEXT
from tutor.steps.step import Step

SCHEMA = "tutor.step/1"


def _annotate(step: Step, data: dict[str, Any], detail: str) -> dict[str, Any]:
    annotated = {
        "rule": data["rule"],
        "title": title_of(step.rule),
        "kind": data["kind"],
        "var": data["var"],
        "input": data["input"],
        "result": data["result"],
        "explanation": explain(step, TEXT, detail),
        "explanation_latex": explain(step, LATEX, detail),
        "details": data["details"],
        "children": [
            _annotate(child, child_data, detail)
            for child, child_data in zip(step.children, data["children"], strict=True)
        ],
    }
    return annotated


def step_to_json_dict(step: Step, detail: str = "standard") -> dict[str, Any]:
    return {"schema": SCHEMA, **_annotate(step, step.to_dict(), detail)}


def render_json(step: Step, detail: str = "standard", indent: int | None = 2) -> str:
    return json.dumps(step_to_json_dict(step, detail), indent=indent, ensure_ascii=False)
