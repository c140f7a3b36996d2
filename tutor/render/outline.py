"""A derivation laid out as lines, before it is written in a format.

`outline(step, notation, detail)` walks a Step tree and returns blocks (tutor.render.blocks),
mostly Lines: a depth (indentation), a left side (a label such as d/dx [x² sin x], f' or du/dx),
a right side (the result, preceded by the rule's form with the pieces put in when that reads
differently), and the explanation. The text and LaTeX renderers only typeset these lines.

Detail levels: `brief` shows only the structural rules (product, quotient, chain, logarithmic
differentiation) and the answer; `standard` shows every step; `full` also states each rule's
general formula.

Solver trees (weeks 2-6) are laid out by their family's module in tutor.render.solutions, which
adds matrices and tables through `add_matrix` and `add_table` and embeds derivations with
`derivative`.
"""

from __future__ import annotations

import sympy as sp

from tutor.render.blocks import Block, Line, MatrixLine, Table
from tutor.render.explain import explain, factor_name, fill, validity
from tutor.render.notations import TextNotation
from tutor.steps.step import Step
from tutor.steps.values import as_value

DETAIL_LEVELS = ("brief", "standard", "full")
STRUCTURAL_RULES = frozenset({"product", "quotient", "chain", "log_differentiation"})


class OutlineBuilder:
    def __init__(self, notation: TextNotation, detail: str):
        if detail not in DETAIL_LEVELS:
            raise ValueError(f"detail must be one of {', '.join(DETAIL_LEVELS)}, not {detail!r}")
        self.notation, self.detail = notation, detail
        self.lines: list[Block] = []
        self.partial_labels = False  # inside a partial derivative: ∂/∂x [...] rather than d/dx

    def add(self, depth, lhs, rhs, note, rule) -> None:
        self.lines.append(Line(depth, lhs, rhs, note, rule))

    def add_matrix(self, depth: int, lhs: str | None, matrix, note: str, rule: str) -> None:
        """A matrix (or a list of rows) of sympy values, each entry in the notation's maths."""
        rows = matrix.tolist() if isinstance(matrix, sp.MatrixBase) else matrix
        entries = tuple(tuple(self.notation.math(as_value(v)) for v in row) for row in rows)
        self.lines.append(MatrixLine(depth, lhs, entries, note, rule))

    def add_table(self, depth: int, header, rows, note: str, rule: str) -> None:
        """`header`: maths strings already written; `rows`: sympy values or written strings."""
        written = tuple(
            tuple(cell if isinstance(cell, str) else self.notation.math(cell) for cell in row)
            for row in rows
        )
        self.lines.append(Table(depth, tuple(header), written, note, rule))

    def words(self, template: str, **values) -> str:
        """A template of the wording table filled with values (sympy values are put in as maths)."""
        return fill(template, values, self.notation)

    def note(self, step: Step) -> str:
        return explain(step, self.notation, self.detail)

    def shown(self, step: Step) -> bool:
        return self.detail != "brief" or step.rule in STRUCTURAL_RULES

    def result(self, step: Step) -> str:
        """The result, after the rule's form with its pieces put in when that reads differently."""
        if step.kind in ("rewrite", "limit"):
            return self.notation.step_math(step.result)
        final = self.notation.math(step.result)
        applied = step.details.get("applied")
        if applied is not None and self.detail != "brief":
            written = self.notation.math(applied, written=True)
            if written == final or (step.result.is_Add and self.notation.math(applied) == final):
                return written  # a sum whose terms only come in the rule's order: f'g + fg'
            return f"{written} = {final}"
        return final

    def label(self, step: Step) -> str | None:
        """What a leaf step's result equals: d/dx [expr], lim [expr], or nothing for a rewrite."""
        if step.kind == "limit":
            return self.notation.limit(step.expr, step.var, step.details.get("point", 0))
        if step.kind == "rewrite":
            return None
        if self.partial_labels:
            return self.notation.partial(step.expr, step.var)
        return self.notation.derivative(step.expr, step.var)

    def child_labels(self, step: Step) -> list[str | None]:
        n = self.notation
        if step.rule == "product":
            return [n.prime(factor_name(i)) for i in range(len(step.children))]
        if step.rule == "quotient":
            return [n.prime("f"), n.prime("g")]
        if step.rule == "reciprocal":
            return [n.prime("g")]
        if step.rule == "chain":
            return [None, n.leibniz(step.details["letter"], step.var)]
        return [None] * len(step.children)

    # -- walking the tree -------------------------------------------------------------------

    def node(self, step: Step, depth: int, label: str | None, root: bool = False) -> None:
        """A step's lines. Every step is labelled (f', du/dx, d/dx [term]) except `root`, the rule
        tree right under the question, whose label would repeat it."""
        if not root:
            label = label or self.label(step)
        if not step.children:
            if self.shown(step):
                self.add(depth, label, self.result(step), self.note(step), step.rule)
            return
        if not self.shown(step):
            for child in step.children:
                self.node(child, depth, None)
            return
        if self.detail == "standard" and len(step.children) == 1 and not step.children[0].children:
            # c·x, c·sin x, log₂ x: one line with both reasons reads better than three
            notes = "; ".join(filter(None, (self.note(step), self.note(step.children[0]))))
            self.add(depth, label or self.label(step), self.result(step), notes, step.rule)
            return
        self.add(depth, f"{label}:" if label else None, None, self.note(step), step.rule)
        for child, child_label in zip(step.children, self.child_labels(step), strict=True):
            self.node(child, depth + 1, child_label)
        self.add(depth, label, self.result(step), "", step.rule)

    def derivative(self, step: Step, depth: int, label: str | None = None, aside: str = "") -> None:
        """A `derivative` root: the question, the rule tree, the simplification, the answer.
        `label` replaces d/dx [expr] (a partial derivative's ∂f₁/∂x); `aside` is added to the
        question's note (y held constant)."""
        label = label or self.label(step)
        tree, *simplification = step.children
        if not tree.children and self.shown(tree):
            note = "; ".join(filter(None, (self.note(tree), aside)))
            self.add(depth, label, self.result(tree), note, tree.rule)
        else:
            self.add(depth, f"{label}:" if aside else label, None, aside, step.rule)
            self.node(tree, depth, None, root=True)
            last = self.lines[-1]
            if (
                not isinstance(last, Line)
                or (last.depth, last.lhs) != (depth, None)
                or not last.rhs
            ):
                self.add(depth, None, self.notation.math(tree.result), "", tree.rule)
        for phase in simplification:
            rewrites = phase.children if self.detail != "brief" else phase.children[-1:]
            for rewrite in rewrites:
                note = self.note(rewrite) if self.detail != "brief" else ""
                self.add(depth, None, self.notation.math(rewrite.result), note, rewrite.rule)

    def higher_order(self, step: Step) -> None:
        order = step.details["order"]
        self.add(
            0,
            self.notation.derivative(step.expr, step.var, order),
            None,
            self.note(step),
            step.rule,
        )
        for index, child in enumerate(step.children, start=1):
            self.add(1, None, None, self.notation.words(f"Order {index}:"), "order")
            self.derivative(child, 1)
        self.add(
            0,
            self.notation.derivative(step.expr, step.var, order),
            self.notation.math(step.result),
            "",
            step.rule,
        )

    def state_validity(self, step: Step) -> None:
        """The answer's line says where it holds (x > 0 for x^x), when that is not everywhere."""
        where = validity(step, self.notation)
        if not where:
            return
        last = self.lines[-1]
        if not isinstance(last, Line) or last.note:
            self.add(last.depth, None, None, where, "conditions")
        else:
            self.lines[-1] = Line(last.depth, last.lhs, last.rhs, where, last.rule)

    def build(self, step: Step) -> list[Block]:
        from tutor.render.solutions import LAYOUTS  # solver layouts use this builder

        if step.rule in LAYOUTS:
            LAYOUTS[step.rule](self, step, 0)
            return self.lines
        if step.rule == "higher_order":
            self.higher_order(step)
        elif step.rule == "derivative":
            self.derivative(step, 0)
        else:
            self.node(step, 0, None)
        self.state_validity(step)
        return self.lines


def outline(step: Step, notation: TextNotation, detail: str = "standard") -> list[Block]:
    return OutlineBuilder(notation, detail).build(step)
