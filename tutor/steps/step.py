"""The Step record: one immutable node of a derivation tree.

A Step says "applying rule R to `expr` gives `result`". What the equality means depends on `kind`:

- ``diff``: ``result`` is d(expr)/d(var). Every rule of the engine, and the root of a derivation.
- ``rewrite``: ``result`` equals ``expr`` (algebra: simplification, expanding, cancelling h).
- ``limit``: ``result`` is the limit of ``expr`` as ``var`` tends to ``details["point"]``.
- ``sequence``: a container whose ``result`` is its last child's result (e.g. successive orders).
- ``evaluate``: ``result`` is ``expr`` with ``details["at"]`` (symbol -> value) put in; exact when
  the values are exact, else a Float to ``details["digits"]`` significant digits.
- ``matrix``: ``result`` is an ImmutableMatrix whose entries, row by row, are the children's
  results (a Jacobian, a Hessian, a gradient as a column).
- ``solve``: ``expr`` is a Tuple of equations in ``details["unknowns"]``; ``result`` is a Tuple of
  solution Tuples (real solutions, in a fixed order), each satisfying every equation.
- ``solution``: a solver's root or summary (a Newton run, a classification, a fit), whose
  ``result`` the solver states; its family's tests check it against an independent computation.

Tests walk every tree and check each node against sympy by its kind, so a new rule only has to
pick the right kind. Rule-specific data (the chain rule's outer function, inner function and
substitution letter; the product rule's factors; ...) lives in ``details``, a read-only mapping.
Wording is not stored here: renderers look sentences up by ``rule`` (tutor.render.messages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy

KINDS = ("diff", "rewrite", "limit", "sequence", "evaluate", "matrix", "solve", "solution")


def _freeze(details: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(details or {}))


@dataclass(frozen=True, eq=False)
class Step:
    rule: str
    expr: sympy.Basic
    var: sympy.Symbol | None
    result: sympy.Basic
    children: tuple[Step, ...] = ()
    kind: str = "diff"
    details: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown step kind {self.kind!r}")
        if not isinstance(self.details, MappingProxyType):
            object.__setattr__(self, "details", _freeze(self.details))
        object.__setattr__(self, "children", tuple(self.children))

    def walk(self):
        """This step and every descendant, depth first, parents before children."""
        yield self
        for child in self.children:
            yield from child.walk()

    def rules_used(self) -> set[str]:
        return {step.rule for step in self.walk()}

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (schema ``tutor.step/1``) without wording; see tutor.render.json."""
        from tutor.notation import to_latex, to_sympy_string

        def value(obj: Any) -> Any:
            if isinstance(obj, sympy.Basic):
                return {"sympy": to_sympy_string(obj), "latex": to_latex(obj)}
            if isinstance(obj, (list, tuple)):
                return [value(item) for item in obj]
            if isinstance(obj, Mapping):
                return {str(key): value(item) for key, item in obj.items()}
            return obj

        return {
            "rule": self.rule,
            "kind": self.kind,
            "var": None if self.var is None else str(self.var),
            "input": value(self.expr),
            "result": value(self.result),
            "details": value(dict(self.details)),
            "children": [child.to_dict() for child in self.children],
        }

    def __repr__(self) -> str:
        return f"Step({self.rule}: {self.expr} -> {self.result}, {len(self.children)} children)"
