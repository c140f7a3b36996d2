"""Rebuild latex2sympy's unevaluated tree into the project's expression, through Builder.

latex2sympy (run under ``evaluate(False)``) returns plain (not real) symbols and unevaluated
operations. ``rebuild`` walks that tree bottom-up and reconstructs each node from a
whitelist, so every number sympy evaluates passes the Builder's guards:

- numbers arrive exact and size-checked (``latex._GuardedLatex2Sympy.parse_number``);
- symbols become real symbols of validated names (``x``, ``x_1``, ``w_{11}`` -> ``w_11``,
  Greek names, declared variables); ``e`` is Euler's number; latex2sympy's ``I`` and
  ``EulerGamma`` (from ``\\gamma``) are read as the letters I and gamma, as in calculator
  syntax;
- log(x, b) becomes log(x)/log(b) (natural when b is e); ``f(x)`` with a one-letter name is a
  product, as in calculator syntax;
- anything else (derivatives, sets, ...) is refused with a reason.

To support a new node type, add a case to ``_Rebuilder._constructor``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import sympy
from sympy.core.function import AppliedUndef

from tutor.parse.build import Builder
from tutor.parse.errors import UNDEFINED_REFUSAL, ParseError, shorten
from tutor.parse.vocabulary import GREEK_NAMES

_FUNCTIONS = {
    cls: cls.__name__
    for cls in (
        sympy.sin,
        sympy.cos,
        sympy.tan,
        sympy.sec,
        sympy.csc,
        sympy.cot,
        sympy.asin,
        sympy.acos,
        sympy.atan,
        sympy.asec,
        sympy.acsc,
        sympy.acot,
        sympy.sinh,
        sympy.cosh,
        sympy.tanh,
        sympy.asinh,
        sympy.acosh,
        sympy.atanh,
        sympy.exp,
        sympy.gamma,
    )
} | {sympy.Abs: "abs"}
_CONSTANTS = {
    sympy.E: sympy.E,
    sympy.pi: sympy.pi,
    sympy.EulerGamma: sympy.Symbol("gamma", real=True),
    sympy.I: sympy.Symbol("I", real=True),
}
_UNDEFINED = (sympy.zoo, sympy.nan)  # \frac{1}{0} arrives as zoo
_SYMBOL_NAME = re.compile(r"([A-Za-z]+)(?:_\{?([A-Za-z0-9]+)\}?)?")
_REFUSALS = {
    sympy.Derivative: "derivative notation is not accepted; enter the derivative itself",
    sympy.FiniteSet: "braces alone make a set; use parentheses for grouping",
}


def rebuild(raw: sympy.Basic, builder: Builder, variables: frozenset[str]) -> sympy.Expr:
    return _Rebuilder(builder, variables).convert(raw, 0)


class _Rebuilder:
    def __init__(self, builder: Builder, variables: frozenset[str]) -> None:
        self.builder = builder
        self.variables = variables
        self.max_depth = 2 * builder.limits.max_depth  # tree levels per source level vary

    def convert(self, node: sympy.Basic, depth: int) -> sympy.Expr:
        self.builder.deadline.check()
        if not isinstance(node, sympy.Basic):
            raise ParseError("this LaTeX contains something that is not an expression")
        if depth > self.max_depth:
            raise ParseError(f"too deeply nested (more than {self.max_depth} levels)")
        if node in _CONSTANTS:
            return _CONSTANTS[node]
        if node in _UNDEFINED:
            raise ParseError(UNDEFINED_REFUSAL)
        if node.is_Rational:  # built and size-checked by the Builder as it was read
            return node
        if node.is_Symbol:
            return self._symbol(node.name)
        construct = self._constructor(node)
        return construct([self.convert(arg, depth + 1) for arg in node.args])

    def _constructor(self, node: sympy.Basic) -> Callable[[list[sympy.Expr]], sympy.Expr]:
        """How to rebuild ``node`` from its rebuilt arguments; refuses unknown node types."""
        builder = self.builder
        if node.is_Add:
            return builder.add
        if node.is_Mul:
            return builder.mul
        if node.is_Pow:
            return lambda args: builder.power(*args)
        if isinstance(node, sympy.factorial):
            return lambda args: builder.factorial(args[0])
        if isinstance(node, sympy.log):
            return lambda args: builder.log(args[0], args[1] if len(args) == 2 else sympy.E)
        if type(node) in _FUNCTIONS:
            return lambda args: builder.call(_FUNCTIONS[type(node)], args)
        if isinstance(node, AppliedUndef):
            return lambda args: self._undefined_function(node, args)
        for kind, message in _REFUSALS.items():
            if isinstance(node, kind):
                raise ParseError(message)
        raise ParseError(
            f"this LaTeX contains something that is not an expression ({type(node).__name__})"
        )

    def _symbol(self, name: str) -> sympy.Expr:
        if name == "e":
            return sympy.E
        if name in self.variables:
            return self.builder.symbol(name)
        match = _SYMBOL_NAME.fullmatch(name)
        if match is None:
            raise ParseError(
                f"cannot read the name '{shorten(name)}' (subscripts must be letters or digits)"
            )
        base, subscript = match.groups()
        if len(base) > 1 and base not in GREEK_NAMES and base not in self.variables:
            raise ParseError(f"unknown name '{shorten(base)}'")
        return self.builder.symbol(base if subscript is None else f"{base}_{subscript}")

    def _undefined_function(self, node: AppliedUndef, args: Sequence[sympy.Expr]) -> sympy.Expr:
        """``f(x)`` and ``\\alpha(x+1)`` are products, as in calculator syntax."""
        name = node.func.__name__.removeprefix("\\")
        if (text := re.fullmatch(r"text\{(.*)\}", name)) is not None:
            name = text.group(1)
        if (len(name) == 1 or name in GREEK_NAMES) and len(args) == 1:
            return self.builder.mul([self._symbol(name), args[0]])
        raise ParseError(f"unknown function '{shorten(name)}'")
