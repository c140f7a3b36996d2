"""The Problem record: question, answer and worked solution in one piece of plain data.

- `AnswerSpec`: what the checker needs to mark a typed answer: `kind` (one of the checker's
  kinds: expr, number, vector, matrix, set, equation), `value` (sympy), `variables`, tolerances,
  and `context` (what mistake models need, e.g. the function differentiated).
- `Problem`: `id` (regenerates it: see problem_bank.ids), `week`, `topic`, `difficulty`,
  `prompt` (words with {slots}) and `math` (slot -> sympy value), `answer`, `solution` (a Step
  tree from tutor.steps or tutor.solvers), `features` (the measured difficulty features) and
  `meta`. `statement` and `statement_latex` fill the prompt; `to_dict()` is the stable JSON form
  (schema tutor.problem/1), which carries no wording of the solution (tutor.render adds that).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy as sp

from tutor.notation import escape_latex_words, to_latex, to_sympy_string, to_text
from tutor.steps.step import Step

SCHEMA = "tutor.problem/1"


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


def _value(obj: Any) -> Any:
    """JSON for a value: sympy as {"sympy", "text", "latex"}; containers item by item."""
    if isinstance(obj, sp.Basic | sp.MatrixBase):
        return {"sympy": to_sympy_string(obj), "text": _text(obj), "latex": _latex(obj)}
    if isinstance(obj, list | tuple):
        return [_value(item) for item in obj]
    if isinstance(obj, Mapping):
        return {str(key): _value(item) for key, item in obj.items()}
    return obj


def _text(obj: Any) -> str:
    if isinstance(obj, sp.MatrixBase):
        return (
            "["
            + ", ".join("[" + ", ".join(_text(v) for v in row) + "]" for row in obj.tolist())
            + "]"
        )
    if isinstance(obj, sp.Tuple | tuple):
        return "(" + ", ".join(_text(v) for v in obj) + ")"
    return to_text(obj)


def _latex(obj: Any) -> str:
    if isinstance(obj, sp.MatrixBase):
        rows = r" \\ ".join(" & ".join(_latex(v) for v in row) for row in obj.tolist())
        return r"\begin{bmatrix}" + rows + r"\end{bmatrix}"
    if isinstance(obj, sp.Tuple | tuple):
        return r"\left(" + ", ".join(_latex(v) for v in obj) + r"\right)"
    return to_latex(obj)


def _is_point_set(obj: Any) -> bool:
    return (
        isinstance(obj, tuple | sp.Tuple)
        and bool(obj)
        and all(isinstance(item, tuple | sp.Tuple) for item in obj)
    )


def math_text(obj: Any) -> str:
    """A value in one line of Unicode: expressions, points (1, 2), matrices [[1, 2], [3, 4]],
    a set of points as a student types it: (1, 2), (3, 4)."""
    if isinstance(obj, list) or _is_point_set(obj):
        return ", ".join(math_text(item) for item in obj)
    return _text(obj)


def math_latex(obj: Any) -> str:
    if isinstance(obj, list) or _is_point_set(obj):
        return ", ".join(math_latex(item) for item in obj)
    return _latex(obj)


@dataclass(frozen=True)
class AnswerSpec:
    kind: str
    value: Any
    variables: tuple[str, ...] = ()
    rel_tol: float | None = None
    abs_tol: float | None = None
    context: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "context", _frozen(self.context))

    @property
    def text(self) -> str:
        return math_text(self.value)

    @property
    def latex(self) -> str:
        return math_latex(self.value)

    def check_options(self) -> dict[str, Any]:
        """Keyword arguments for tutor.check with this answer as the expected one."""
        options: dict[str, Any] = {"kind": self.kind, "variables": list(self.variables) or None}
        if self.rel_tol is not None:
            options["rel_tol"] = self.rel_tol
        if self.abs_tol is not None:
            options["abs_tol"] = self.abs_tol
        if self.context:
            options["context"] = dict(self.context)
        return options

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": _value(self.value),
            "text": self.text,
            "latex": self.latex,
            "variables": list(self.variables),
            "rel_tol": self.rel_tol,
            "abs_tol": self.abs_tol,
        }


@dataclass(frozen=True)
class Problem:
    id: str
    week: int
    topic: str
    difficulty: str
    prompt: str
    math: Mapping[str, Any]
    answer: AnswerSpec
    solution: Step
    features: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        for name in ("math", "features", "meta"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    @property
    def statement(self) -> str:
        """The question in Unicode text: the prompt with its maths slots written out."""
        return self.prompt.format(**{key: math_text(v) for key, v in self.math.items()})

    @property
    def statement_latex(self) -> str:
        """The question in LaTeX: the prompt's words escaped, its maths slots inline."""
        pieces = self.prompt.split("{")
        out = [escape_latex_words(pieces[0])]
        for piece in pieces[1:]:
            name, _, rest = piece.partition("}")
            out.append(f"${math_latex(self.math[name])}$")
            out.append(escape_latex_words(rest))
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "week": self.week,
            "topic": self.topic,
            "difficulty": self.difficulty,
            "statement": self.statement,
            "statement_latex": self.statement_latex,
            "math": _value(dict(self.math)),
            "answer": self.answer.to_dict(),
            "features": dict(self.features),
            "meta": _value(dict(self.meta)),
            "solution": self.solution.to_dict(),
        }
