"""The simplification phase: named, visible rewrites of the raw answer the rules produced.

Each transform is one rewrite step (kind `rewrite`, so tests check it is an identity). A transform
is kept only when it changes the expression and, except for the textbook trig forms (which are
about notation, not length), makes it shorter by sympy's operation count. Transforms in order:

- `simplify_trig`: Pythagorean identities (sin² + cos² = 1, 1 + tan² = sec², cosh² − sinh² = 1,
  1 − tanh² = sech², 1 + cot² = csc²) and reciprocal forms (1/cos² u = sec² u,
  sin u/cos² u = sec u tan u, sin u/cos u = tan u, and the
  hyperbolic twins);
- `simplify_common_denominator`: a rational function over one denominator, common factors
  cancelled, numerator multiplied out and denominator kept factored;
- `simplify_collect`: a polynomial multiplied out and like terms collected;
- `simplify_common_factor`: a common non-polynomial factor (eˣ, sin x, ...) taken out of a sum.

To add a transform, write a function expr -> expr and append it to TRANSFORMS.
"""

from __future__ import annotations

from collections import defaultdict

import sympy as sp

from tutor.steps.step import Step

# Pythagorean identities on two squared terms: (A, B, sign of B, value) means c·A² ± c·B² = c·value.
PYTHAGOREAN_PAIRS = (
    (sp.sin, sp.cos, 1, lambda u: sp.Integer(1)),
    (sp.cosh, sp.sinh, -1, lambda u: sp.Integer(1)),
)
# 1 + F² or 1 − F²: (F, sign of F², value): c + c·tan² u = c·sec² u, ...
ONE_PLUS_SQUARE = (
    (sp.tan, 1, lambda u: sp.sec(u) ** 2),
    (sp.cot, 1, lambda u: sp.csc(u) ** 2),
    (sp.tanh, -1, lambda u: sp.sech(u) ** 2),
)
# Powers of (F, G) in one product and what they become: sin u / cos² u = sec u · tan u, ...
RECIPROCAL_FORMS = (
    ({sp.sin: 1, sp.cos: -2}, lambda u: sp.sec(u) * sp.tan(u)),
    ({sp.cos: 1, sp.sin: -2}, lambda u: sp.csc(u) * sp.cot(u)),
    ({sp.sin: 1, sp.cos: -1}, sp.tan),
    ({sp.cos: 1, sp.sin: -1}, sp.cot),
    ({sp.sinh: 1, sp.cosh: -1}, sp.tanh),
    ({sp.cosh: 1, sp.sinh: -1}, sp.coth),
    ({sp.cos: -2}, lambda u: sp.sec(u) ** 2),
    ({sp.sin: -2}, lambda u: sp.csc(u) ** 2),
    ({sp.sinh: 1, sp.cosh: -2}, lambda u: sp.sech(u) * sp.tanh(u)),
    ({sp.cosh: 1, sp.sinh: -2}, lambda u: sp.csch(u) * sp.coth(u)),
    ({sp.cosh: -2}, lambda u: sp.sech(u) ** 2),
    ({sp.sinh: -2}, lambda u: sp.csch(u) ** 2),
)
RECIPROCAL_FUNCTIONS = frozenset(func for form, _ in RECIPROCAL_FORMS for func in form)


def _square_of(term: sp.Expr):
    """(coefficient, function class, argument) when term = c·F(u)², else None."""
    coefficient, rest = term.as_coeff_Mul()
    if isinstance(rest, sp.Pow) and rest.exp == 2 and isinstance(rest.base, sp.Function):
        return coefficient, rest.base.func, rest.base.args[0]
    return None


def _pythagorean(add: sp.Add) -> sp.Expr:
    terms = list(add.args)
    squares = {}
    for index, term in enumerate(terms):
        found = _square_of(term)
        if found:
            squares[(found[1], found[2])] = (index, found[0])
    for first, second, sign, value in PYTHAGOREAN_PAIRS:
        for (func, arg), (i, c) in list(squares.items()):
            partner = squares.get((second, arg))
            if func is first and partner and partner[1] == sign * c and terms[i] is not None:
                terms[i], terms[partner[0]] = c * value(arg), None
    constant = sum((t for t in terms if t is not None and t.is_number), sp.Integer(0))
    for func, sign, value in ONE_PLUS_SQUARE:
        for (found_func, arg), (i, c) in squares.items():
            if found_func is func and terms[i] is not None and constant == sign * c:
                terms = [None if t is not None and t.is_number else t for t in terms]
                terms[i] = sign * c * value(arg)
                constant = sp.Integer(0)
    return sp.Add(*(t for t in terms if t is not None))


def _reciprocal_forms(mul: sp.Mul) -> sp.Expr:
    powers: dict[sp.Expr, dict] = defaultdict(lambda: defaultdict(int))
    others = []
    for factor in mul.args:
        base, exponent = factor.as_base_exp()
        if base.func in RECIPROCAL_FUNCTIONS and exponent.is_Integer:
            powers[base.args[0]][base.func] += int(exponent)
        else:
            others.append(factor)
    if not powers:
        return mul
    rebuilt = others
    for arg, funcs in powers.items():
        shape = {func: power for func, power in funcs.items() if power}
        replacement = next((make for form, make in RECIPROCAL_FORMS if form == shape), None)
        if replacement is not None:
            rebuilt.append(replacement(arg))
        else:
            rebuilt.extend(func(arg) ** power for func, power in shape.items())
    return sp.Mul(*rebuilt)


def textbook_trig(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    expr = expr.replace(lambda e: isinstance(e, sp.Add), _pythagorean)
    expr = expr.replace(lambda e: isinstance(e, sp.Mul), _reciprocal_forms)
    if isinstance(expr, sp.Pow):  # a lone 1/cos² u is a Pow, not a Mul
        wrapped = sp.Mul(expr, 1, evaluate=False)
        rebuilt = _reciprocal_forms(wrapped)
        expr = expr if rebuilt is wrapped else rebuilt  # x² must not come back as 1·x²
    return expr


def common_denominator(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    if not expr.is_rational_function(var) or expr.is_polynomial(var):
        return expr
    numerator, denominator = sp.fraction(sp.cancel(sp.together(expr)))
    return sp.expand(numerator) / sp.factor(denominator)


def collect_like_terms(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    if not expr.is_polynomial(var):
        return expr
    return sp.expand(expr)


def common_factor(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    numerator, denominator = sp.fraction(expr)
    if not isinstance(numerator, sp.Add):
        return expr
    factored = sp.factor_terms(numerator)
    if not isinstance(factored, sp.Mul):
        return expr
    common = sp.Mul(*(factor for factor in factored.args if not isinstance(factor, sp.Add)))
    if common.is_polynomial(var):
        return expr  # x·(2 sin x + x cos x) is no clearer than the sum the rules gave
    return factored / denominator


TRANSFORMS = (
    ("simplify_trig", textbook_trig, False),
    ("simplify_common_denominator", common_denominator, True),
    ("simplify_collect", collect_like_terms, True),
    ("simplify_common_factor", common_factor, True),
)


def simplification_phase(expr: sp.Expr, var: sp.Symbol) -> Step | None:
    """The named rewrites that tidy `expr`, or None when the rules' form is already final."""
    steps, current = [], expr
    for rule, transform, must_shorten in TRANSFORMS:
        candidate = transform(current, var)
        if candidate == current:
            continue
        if must_shorten and sp.count_ops(candidate) >= sp.count_ops(current):
            continue
        steps.append(Step(rule, current, var, candidate, (), "rewrite"))
        current = candidate
    if not steps:
        return None
    return Step("simplify", expr, var, current, tuple(steps), "rewrite")
