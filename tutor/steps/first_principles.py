"""Derivatives from the definition f'(x) = lim_{h->0} (f(x+h) - f(x))/h, with the algebra shown.

This module owns the ``first_principles`` derivation and every ``fp_*`` rule (see
``FIRST_PRINCIPLES_RULES``). It never calls ``sympy.diff`` or ``sympy.limit``: each stage is built
by algebra written out here, in the unevaluated, teachable form a teacher writes on the board.

Supported: polynomials of degree <= 4 with var-free coefficients, c/x, c*sqrt(x), c*sin(x),
c*cos(x), c*e^x, and sums of these (split by linearity of the limit, one ``fp_term`` per family).

Every derivation is a chain: the difference quotient, then one ``rewrite`` per algebra stage
(no-op stages are dropped), then one ``limit`` stage that lets h -> 0.

To add a family g (for coefficient c, c*g is supported automatically):
1. write ``_g_stages(x, h) -> list[Stage]`` taking (g(x+h) - g(x))/h to g'(x), the last stage of
   kind ``limit``;
2. register it in ``_FAMILIES`` with ``g`` as a function of the variable;
3. add its rule ids to ``FIRST_PRINCIPLES_RULES`` and their sentences to the wording table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Add, Eq, Limit, Mul, Pow, S, Symbol, binomial, cos, evaluate, exp, sin, sqrt

from tutor.steps.step import Step

FIRST_PRINCIPLES_RULES: dict[str, str] = {
    "first_principles": "Differentiate from first principles",
    "fp_definition": "Definition of the derivative",
    "fp_linearity": "Split the quotient term by term",
    "fp_term": "One term of the sum",
    "fp_constant_multiple": "Take out the constant factor",
    "fp_expand": "Expand",
    "fp_simplify_numerator": "Simplify the numerator",
    "fp_factor_h": "Factor out h",
    "fp_cancel_h": "Cancel h",
    "fp_common_denominator": "Common denominator",
    "fp_conjugate": "Multiply by the conjugate",
    "fp_difference_of_squares": "Difference of squares",
    "fp_angle_addition": "Angle-addition formula",
    "fp_exponent_law": "Law of exponents",
    "fp_regroup": "Regroup around the standard limits",
    "fp_factor_exp": "Factor out e^x",
    "fp_limit": "Let h tend to 0",
    "fp_standard_limits": "Use the standard limits",
}

SUPPORTED = (
    "polynomials of degree <= 4 with constant coefficients, c/x, c*sqrt(x), c*sin(x), c*cos(x), "
    "c*e^x, and sums of these"
)
MAX_DEGREE = 4


class FirstPrinciplesUnsupported(ValueError):
    """The expression is outside the families this module can derive from the definition."""


@dataclass(frozen=True)
class Stage:
    """One algebra stage: rule ``rule`` turns the previous expression into ``expr``."""

    rule: str
    expr: sympy.Expr
    kind: str = "rewrite"
    details: dict[str, Any] | None = None


# ----------------------------------------------------------------------------- written forms


def _over_h(numerator: sympy.Expr, h: Symbol) -> sympy.Expr:
    """numerator / h, kept as a visible fraction."""
    return Mul(numerator, Pow(h, -1), evaluate=False)


def _minus(term: sympy.Expr) -> sympy.Expr:
    """-term, with brackets kept around a sum so that -(x^2 - 5x + 2) stays written."""
    return Mul(-1, term, evaluate=False) if term.is_Add else -term


def _times(c: sympy.Expr, expr: sympy.Expr) -> sympy.Expr:
    """c * expr without distributing c (identity when c = 1)."""
    return expr if c == 1 else Mul(c, expr, evaluate=False)


def _shift(f: sympy.Expr, x: Symbol, h: Symbol) -> sympy.Expr:
    """f(x+h), written: 3(x+h)^2 - 5(x+h) + 2 rather than its expansion."""
    with evaluate(False):
        return f.xreplace({x: x + h})


def _quotient(f: sympy.Expr, x: Symbol, h: Symbol) -> sympy.Expr:
    """(f(x+h) - f(x))/h with both substitutions visible."""
    return _over_h(Add(*Add.make_args(_shift(f, x, h)), _minus(f), evaluate=False), h)


def _limit(expr: sympy.Expr, rule: str = "fp_limit", **details: Any) -> Stage:
    return Stage(rule, expr, "limit", {"point": 0, **details})


# ----------------------------------------------------------------------------- polynomials


def _polynomial_stages(coeffs: dict[int, sympy.Expr], x: Symbol, h: Symbol) -> list[Stage]:
    """Expand (x+h)^n by the binomial theorem, cancel the f(x) terms, factor and cancel h."""
    shifted = {
        (n, k): c * binomial(n, k) * x ** (n - k) * h**k
        for n, c in sorted(coeffs.items())
        for k in range(n + 1)
    }
    expanded = Add(
        *shifted.values(), *(-c * x**n for n, c in sorted(coeffs.items())), evaluate=False
    )
    kept = [term for (_, k), term in shifted.items() if k >= 1]
    reduced = Add(*(term / h for term in kept), evaluate=False)
    stages = [Stage("fp_expand", _over_h(expanded, h))] if coeffs else []
    stages.append(Stage("fp_simplify_numerator", _over_h(Add(*kept, evaluate=False), h)))
    if len(kept) > 1:
        stages.append(Stage("fp_factor_h", _over_h(Mul(h, reduced, evaluate=False), h)))
    first_order = Add(*(term / h for (_, k), term in shifted.items() if k == 1))
    return [*stages, Stage("fp_cancel_h", reduced), _limit(first_order)]


# ----------------------------------------------------------------------------- other families


def _x_plus_h(x: Symbol, h: Symbol) -> sympy.Expr:
    return Add(x, h, evaluate=False)


def _reciprocal_stages(x: Symbol, h: Symbol) -> list[Stage]:
    xh = _x_plus_h(x, h)
    difference = Add(x, Mul(-1, xh, evaluate=False), evaluate=False)
    below = Pow(Mul(h, x, xh, evaluate=False), -1, evaluate=False)
    return [
        Stage("fp_common_denominator", Mul(difference, below, evaluate=False)),
        Stage("fp_simplify_numerator", Mul(-1, h, below, evaluate=False)),
        Stage("fp_cancel_h", -1 / (x * xh)),
        _limit(-1 / x**2),
    ]


def _sqrt_stages(x: Symbol, h: Symbol) -> list[Stage]:
    xh = _x_plus_h(x, h)
    conjugate = Add(sqrt(xh), sqrt(x), evaluate=False)
    product = Mul(Add(sqrt(xh), -sqrt(x), evaluate=False), conjugate, evaluate=False)
    return [
        Stage(
            "fp_conjugate",
            Mul(product, 1 / h, 1 / conjugate, evaluate=False),
            details={"conjugate": conjugate},
        ),
        Stage(
            "fp_difference_of_squares",
            Mul(Add(xh, -x, evaluate=False), 1 / h, 1 / conjugate, evaluate=False),
        ),
        Stage("fp_simplify_numerator", Mul(h, 1 / h, 1 / conjugate, evaluate=False)),
        Stage("fp_cancel_h", 1 / conjugate),
        _limit(1 / (2 * sqrt(x))),
    ]


def _standard_trig_limits(h: Symbol) -> tuple[tuple[Limit, sympy.Integer], ...]:
    return ((Limit(sin(h) / h, h, 0, "+-"), S.One), (Limit((cos(h) - 1) / h, h, 0, "+-"), S.Zero))


def _sin_stages(x: Symbol, h: Symbol) -> list[Stage]:
    opened = Add(sin(x) * cos(h), cos(x) * sin(h), evaluate=False)
    identity = Eq(sin(x + h), opened, evaluate=False)
    return [
        Stage(
            "fp_angle_addition",
            _over_h(Add(*opened.args, -sin(x), evaluate=False), h),
            details={"identity": identity},
        ),
        Stage("fp_regroup", sin(x) * (cos(h) - 1) / h + cos(x) * sin(h) / h),
        _limit(cos(x), "fp_standard_limits", standard_limits=_standard_trig_limits(h)),
    ]


def _cos_stages(x: Symbol, h: Symbol) -> list[Stage]:
    opened = Add(cos(x) * cos(h), -sin(x) * sin(h), evaluate=False)
    identity = Eq(cos(x + h), opened, evaluate=False)
    return [
        Stage(
            "fp_angle_addition",
            _over_h(Add(*opened.args, -cos(x), evaluate=False), h),
            details={"identity": identity},
        ),
        Stage("fp_regroup", cos(x) * (cos(h) - 1) / h - sin(x) * sin(h) / h),
        _limit(-sin(x), "fp_standard_limits", standard_limits=_standard_trig_limits(h)),
    ]


def _exp_stages(x: Symbol, h: Symbol) -> list[Stage]:
    split = Mul(exp(x), exp(h), evaluate=False)
    return [
        Stage(
            "fp_exponent_law",
            _over_h(Add(split, -exp(x), evaluate=False), h),
            details={"identity": Eq(exp(x + h), split, evaluate=False)},
        ),
        Stage("fp_factor_exp", Mul(exp(x), _over_h(exp(h) - 1, h), evaluate=False)),
        _limit(
            exp(x),
            "fp_standard_limits",
            standard_limits=((Limit((exp(h) - 1) / h, h, 0, "+-"), S.One),),
        ),
    ]


@dataclass(frozen=True)
class Family:
    unit: Callable[[Symbol], sympy.Expr]
    stages: Callable[[Symbol, Symbol], list[Stage]]


_FAMILIES: dict[str, Family] = {
    "reciprocal": Family(lambda x: 1 / x, _reciprocal_stages),
    "sqrt": Family(sqrt, _sqrt_stages),
    "sin": Family(sin, _sin_stages),
    "cos": Family(cos, _cos_stages),
    "exp": Family(exp, _exp_stages),
}


# ----------------------------------------------------------------------------- classification


@dataclass(frozen=True)
class Group:
    """One family's share of f: a polynomial (``coeffs``) or c * unit (``family``, ``coeff``)."""

    family: str
    coeff: sympy.Expr = S.One
    coeffs: tuple[tuple[int, sympy.Expr], ...] = ()

    def function(self, x: Symbol) -> sympy.Expr:
        if self.family == "polynomial":
            return Add(*(c * x**n for n, c in self.coeffs))
        return self.coeff * _FAMILIES[self.family].unit(x)


def _unsupported(expr: sympy.Expr) -> FirstPrinciplesUnsupported:
    return FirstPrinciplesUnsupported(
        f"cannot differentiate {expr} from first principles; supported: {SUPPORTED}"
    )


def _family_of(part: sympy.Expr, x: Symbol) -> str | int | None:
    """The polynomial degree of ``part`` (a power of x), its family name, or None."""
    if part == 1:
        return 0
    if part == x:
        return 1
    if part.is_Pow and part.base == x and part.exp.is_Integer and 2 <= part.exp <= MAX_DEGREE:
        return int(part.exp)
    return next((name for name, fam in _FAMILIES.items() if part == fam.unit(x)), None)


def _classify(expr: sympy.Expr, x: Symbol) -> list[Group]:
    terms = Add.make_args(sympy.expand(expr, power_exp=False, power_base=False, log=False))
    coeffs: dict[str | int, sympy.Expr] = {}
    for term in terms:
        if term == 0:
            continue
        c, part = term.as_independent(x, as_Add=False)
        key = _family_of(part, x)
        if key is None:
            raise _unsupported(expr)
        coeffs[key] = coeffs.get(key, S.Zero) + c
    poly = tuple(
        (n, c) for n, c in sorted((k, c) for k, c in coeffs.items() if isinstance(k, int)) if c != 0
    )
    groups = [Group(name, coeffs[name]) for name in _FAMILIES if coeffs.get(name, 0) != 0]
    if poly or not groups:
        groups.insert(0, Group("polynomial", coeffs=poly))
    return groups


def _fresh_h(expr: sympy.Expr, x: Symbol) -> Symbol:
    taken = {s.name for s in expr.free_symbols} | {x.name}
    names = ["h", "k", *(f"h_{i}" for i in range(1, len(taken) + 2))]
    return Symbol(next(name for name in names if name not in taken), real=True)


# ----------------------------------------------------------------------------- building steps


def _group_stages(group: Group, x: Symbol, h: Symbol) -> list[Stage]:
    if group.family == "polynomial":
        return _polynomial_stages(dict(group.coeffs), x, h)
    stages = _FAMILIES[group.family].stages(x, h)
    if group.coeff == 1:
        return stages
    unit_quotient = _quotient(_FAMILIES[group.family].unit(x), x, h)
    factored = Stage(
        "fp_constant_multiple",
        _times(group.coeff, unit_quotient),
        details={"constant": group.coeff},
    )
    return [factored, *(_scale(stage, group.coeff) for stage in stages)]


def _scale(stage: Stage, c: sympy.Expr) -> Stage:
    """c times the stage; once h is cancelled (or gone) the product is written out evaluated."""
    settled = stage.kind == "limit" or stage.rule == "fp_cancel_h"
    expr = c * stage.expr if settled else _times(c, stage.expr)
    return Stage(stage.rule, expr, stage.kind, stage.details)


def _chain(start: sympy.Expr, stages: list[Stage], x: Symbol, h: Symbol) -> list[Step]:
    """Link the stages into steps, each starting where the previous one ended; drop no-ops."""
    steps: list[Step] = []
    current = start
    for stage in stages:
        if stage.kind == "rewrite" and stage.expr == current:
            continue
        var = h if stage.kind == "limit" else x
        steps.append(
            Step(
                stage.rule,
                current,
                var,
                stage.expr,
                kind=stage.kind,
                details={"h": h, **(stage.details or {})},
            )
        )
        current = stage.expr
    return steps


def _term_step(group: Group, x: Symbol, h: Symbol) -> Step:
    f = group.function(x)
    quotient = _quotient(f, x, h)
    children = _chain(quotient, _group_stages(group, x, h), x, h)
    return Step(
        "fp_term",
        f,
        x,
        children[-1].result,
        tuple(children),
        kind="diff",
        details={"h": h, "quotient": quotient},
    )


def derive_from_first_principles(expr: sympy.Expr, var: Symbol) -> Step:
    """The derivative of ``expr`` with respect to ``var`` from the limit definition.

    Raises FirstPrinciplesUnsupported when ``expr`` is outside the supported families.
    """
    if not isinstance(expr, sympy.Basic):
        raise TypeError(f"expected a sympy expression, got {type(expr).__name__}")
    if not isinstance(var, Symbol):
        raise TypeError(f"the variable must be a sympy Symbol, got {var!r}")
    groups = _classify(expr, var)
    h = _fresh_h(expr, var)
    quotient = _quotient(expr, var, h)
    details = {"h": h, "quotient": quotient, "shifted": _shift(expr, var, h)}
    definition = Step("fp_definition", quotient, var, quotient, kind="rewrite", details=details)
    if len(groups) == 1:
        children = [definition, *_chain(quotient, _group_stages(groups[0], var, h), var, h)]
        result = children[-1].result
        return Step("first_principles", expr, var, result, tuple(children), details=details)
    terms = [_term_step(group, var, h) for group in groups]
    split = Add(*(term.details["quotient"] for term in terms), evaluate=False)
    linearity = Step("fp_linearity", quotient, var, split, kind="rewrite", details={"h": h})
    result = Add(*(term.result for term in terms))
    return Step(
        "first_principles", expr, var, result, (definition, linearity, *terms), details=details
    )
