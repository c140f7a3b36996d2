"""What every generated problem must satisfy; shared by the fast and the slow stress runs.

`problem_faults(problem)` returns the faults of one problem (empty when sound): the answer is
the solution's last step, the checker accepts the answer as printed and rejects a perturbed
one, the LaTeX uses only known macros, the measured features are in the difficulty's band.
"""

from __future__ import annotations

import re

import sympy as sp

from problem_bank.features import outside
from problem_bank.registry import REGISTRY
from tutor import check
from tutor.problem import Problem, math_text

# Macros the worksheet step can typeset (ziamath for PDF, MathML for HTML) and LaTeX knows.
KNOWN_MACROS = frozenset(
    """frac dfrac sqrt left right cdot times sin cos tan sec csc cot arcsin arccos arctan
    operatorname sinh cosh tanh sech csch coth ln log exp pi theta lambda mu sigma alpha beta
    gamma delta Delta eta epsilon varepsilon chi nabla partial begin end text mathrm mathbf
    quad qquad le leq ge geq ne neq approx infty ldots dots cdots sum prod top hline
    textbackslash mid lvert rvert vert hat bar tilde xi phi varphi rho tau omega""".split()
)
MACRO = re.compile(r"\\([A-Za-z]+)")


def unknown_macros(latex: str) -> set[str]:
    return {name for name in MACRO.findall(latex) if name not in KNOWN_MACROS}


def perturbed(value):
    """A wrong answer of the same shape: one entry (or the value) moved by 1 and scaled."""
    if isinstance(value, sp.MatrixBase):
        entries = list(value)
        entries[0] = entries[0] * sp.Rational(11, 10) + 1
        return sp.ImmutableMatrix(value.rows, value.cols, entries)
    if isinstance(value, tuple | sp.Tuple):
        items = list(value)
        items[0] = perturbed(items[0])
        return tuple(items)
    moved = value * sp.Rational(11, 10) + 1
    return moved if moved != value else value + 1  # −10 is the map's fixed point


def equal_values(a, b) -> bool:
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        return getattr(a, "shape", None) == getattr(b, "shape", None) and all(
            sp.simplify(x - y) == 0 for x, y in zip(a, b, strict=True)
        )
    if isinstance(a, tuple | sp.Tuple) and isinstance(b, tuple | sp.Tuple):
        return len(a) == len(b) and all(equal_values(x, y) for x, y in zip(a, b, strict=True))
    return a == b or sp.simplify(a - b) == 0


def problem_faults(problem: Problem) -> list[str]:
    faults = []
    answer = problem.answer
    if not equal_values(answer.value, problem.solution.result):
        faults.append(f"answer {answer.text} is not the solution's result")
    options = answer.check_options()
    verdict = check(answer.value, answer.text, **options)
    if not verdict.correct:
        faults.append(
            f"the checker does not accept the answer {answer.text!r}: {verdict.status} "
            f"({verdict.feedback})"
        )
    wrong = math_text(perturbed(answer.value))
    verdict = check(answer.value, wrong, **options)
    if verdict.correct or verdict.status != "incorrect":
        faults.append(
            f"the checker does not reject the perturbed {wrong!r}: {verdict.status} "
            f"({verdict.feedback})"
        )
    for latex in (problem.statement_latex, answer.latex):
        if unknown := unknown_macros(latex):
            faults.append(f"unknown LaTeX macros {sorted(unknown)} in {latex!r}")
    band = REGISTRY[problem.topic].bands[problem.difficulty]
    features = dict(problem.features)
    if outside(features, band) or features.get("steps") != sum(1 for _ in problem.solution.walk()):
        faults.append(f"features {features} not measured from the solution or outside {dict(band)}")
    return faults
