"""Week 1: derivatives. First principles, power and sum, product, quotient, chain, exponentials
and logarithms, trigonometric and inverse functions, logarithmic differentiation.

Every generator builds the function from drawn parts and lets the engine derive it; the bands
(measured by problem_bank.features) keep each difficulty honest: `rules` counts the rule
applications in the derivation, `depth` the chain-rule nesting.
"""

from __future__ import annotations

import sympy as sp

from problem_bank.common import X, coefficient, derivative_draft, linear, polynomial
from problem_bank.draw import Draw
from problem_bank.registry import Draft, topic

x = X
PROMPT_FP = "Use first principles (the limit definition) to differentiate {f} with respect to {x}."


@topic(
    "first-principles",
    1,
    "Derivatives from first principles",
    {"easy": {"steps": (6, 40)}, "medium": {"steps": (6, 60)}, "hard": {"steps": (6, 80)}},
)
def first_principles(draw: Draw, difficulty: str) -> Draft:
    a, b = coefficient(draw, 9), coefficient(draw, 9)
    c, d = draw.integer(-9, 9), draw.integer(-9, 9)
    if difficulty == "easy":
        f = a * x**2 + b * x + c
    elif difficulty == "medium":
        f = draw.choice([a * x**3 + c * x**2 + d * x + b, a / x + b * x + c])
    else:
        f = draw.choice([a * sp.sqrt(x), a * sp.sin(x), a * sp.cos(x), a * sp.exp(x)])
        f = f + c * x ** draw.integer(1, 2) + d
    return derivative_draft(f, first_principles=True, prompt=PROMPT_FP)


@topic(
    "power-sum",
    1,
    "The power rule and the sum rule",
    {
        "easy": {"rules": (3, 6), "terms": (2, 3)},
        "medium": {"rules": (5, 9), "terms": (3, 3)},
        "hard": {"rules": (6, 14), "terms": (3, 4)},
    },
)
def power_sum(draw: Draw, difficulty: str) -> Draft:
    if difficulty == "easy":
        powers = draw.sample(range(1, 9), draw.integer(2, 3))
        f = sp.Add(*(coefficient(draw, 12) * x**p for p in powers))
    elif difficulty == "medium":
        whole = draw.sample(range(2, 7), 2)
        odd = draw.choice([-1, -2, -3, sp.Rational(1, 2)])
        f = sp.Add(*(coefficient(draw, 9) * x**p for p in [*whole, odd]))
    else:
        exponents = [sp.Rational(3, 2), sp.Rational(1, 3), sp.Rational(-1, 2), -2, -3, 4, 5]
        chosen = draw.sample(exponents, draw.integer(3, 4))
        f = sp.Add(
            *(sp.Rational(coefficient(draw, 9), draw.choice([1, 2, 3])) * x**p for p in chosen)
        )
    return derivative_draft(f)


def _factor_of(index: int, k: int) -> sp.Expr:
    return (sp.sin(k * x), sp.cos(k * x), sp.exp(k * x), sp.exp(-k * x), sp.tan(k * x))[index]


def _factor(draw: Draw, k: int) -> sp.Expr:
    """sin kx, cos kx, e^(kx), e^(−kx) or tan kx."""
    return _factor_of(draw.integer(0, 4), k)


@topic(
    "product-rule",
    1,
    "The product rule",
    {
        "easy": {"rules": (3, 7), "depth": (0, 1)},
        "medium": {"rules": (5, 10), "depth": (0, 1)},
        "hard": {"rules": (8, 18), "depth": (0, 2)},
    },
)
def product_rule(draw: Draw, difficulty: str) -> Draft:
    k = coefficient(draw, 9, positive=True)
    if difficulty == "easy":
        power = coefficient(draw, 12) * x ** draw.integer(1, 7)
        f = power * _factor(draw, k)
    elif difficulty == "medium":
        f = polynomial(draw, draw.integer(2, 3), terms=2, largest=9) * _factor(draw, k)
    else:
        first, second = draw.sample([0, 1, 2, 4], 2)  # two different kinds of factor, no e^(−kx)
        k, other = coefficient(draw, 5, positive=True), coefficient(draw, 5, positive=True)
        power = coefficient(draw, 9) * x ** draw.integer(1, 4)
        f = power * _factor_of(first, k) * _factor_of(second, other)
    return derivative_draft(f)


@topic(
    "quotient-rule",
    1,
    "The quotient rule",
    {
        "easy": {"rules": (4, 9)},
        "medium": {"rules": (5, 12)},
        "hard": {"rules": (7, 20), "depth": (0, 2)},
    },
)
def quotient_rule(draw: Draw, difficulty: str) -> Draft:
    k, c = coefficient(draw, 6, positive=True), coefficient(draw, 12, positive=True)
    if difficulty == "easy":
        top, bottom = linear(draw, largest=9), linear(draw, largest=9)
        if (top / bottom).cancel().is_number:  # (2x + 4)/(x + 2) is a constant
            bottom = bottom + 1
        f = top / bottom
    elif difficulty == "medium":
        top = draw.choice(
            [
                polynomial(draw, 2, terms=2),
                sp.exp(k * x),
                sp.log(k * x),
                sp.sin(k * x),
                sp.cos(k * x),
            ]
        )
        bottom = draw.choice([x**2 + c, x + c, x ** draw.integer(2, 4), (x + c) ** 2])
        f = coefficient(draw, 12) * top / bottom
    else:
        top = draw.choice(
            [sp.sin(k * x), sp.exp(k * x), x**2 + coefficient(draw, 9), sp.cos(k * x)]
        )
        bottom = draw.choice(
            [c + sp.cos(x), sp.exp(x) + c, sp.sqrt(x**2 + c), sp.log(x) + c, x**2 * sp.exp(x) + c]
        )
        f = coefficient(draw, 6) * top / bottom
    return derivative_draft(f)


def _outer(draw: Draw, inner: sp.Expr) -> sp.Expr:
    n = draw.choice([2, 3, 4, 5, 6, -1, -2, sp.Rational(1, 2)])
    return draw.choice(
        [inner**n, sp.sin(inner), sp.cos(inner), sp.exp(inner), sp.log(inner), sp.tan(inner)]
    )


@topic(
    "chain-rule",
    1,
    "The chain rule",
    {
        "easy": {"depth": (1, 1), "rules": (3, 7)},
        "medium": {"depth": (1, 1), "rules": (4, 10)},
        "hard": {"depth": (2, 3), "rules": (6, 18)},
    },
)
def chain_rule(draw: Draw, difficulty: str) -> Draft:
    if difficulty == "easy":
        f = coefficient(draw, 9) * _outer(draw, linear(draw, largest=9))
    elif difficulty == "medium":
        inner = draw.choice(
            [polynomial(draw, 2, terms=2), sp.sin(x) + coefficient(draw, 5), x**3 + linear(draw)]
        )
        f = coefficient(draw, 9) * _outer(draw, inner)
    else:
        inner = _outer(draw, coefficient(draw, 6) * x ** draw.integer(1, 3))
        f = coefficient(draw, 9) * _outer(draw, inner)
    return derivative_draft(f)


@topic(
    "exp-log",
    1,
    "Exponentials and logarithms",
    {"easy": {"rules": (2, 6)}, "medium": {"rules": (3, 10)}, "hard": {"rules": (5, 16)}},
)
def exp_log(draw: Draw, difficulty: str) -> Draft:
    a, b = coefficient(draw, 9), draw.choice([2, 3, 5, 10])
    c, k = coefficient(draw, 12, positive=True), coefficient(draw, 6)
    if difficulty == "easy":
        term = draw.choice(
            [a * sp.exp(k * x), a * sp.log(c * x), a * sp.Integer(b) ** x, a * sp.log(x, b)]
        )
        f = term + coefficient(draw, 9) * x ** draw.integer(1, 3)
    elif difficulty == "medium":
        inner = polynomial(draw, 2, terms=2, largest=9)
        f = a * draw.choice(
            [sp.log(inner, b), sp.Integer(b) ** inner, sp.exp(inner), sp.log(inner)]
        )
    else:
        inner = polynomial(draw, 2, terms=2)
        f = draw.choice(
            [
                a * sp.exp(k * x) * sp.log(inner),
                a * sp.log(draw.integer(1, 5) * sp.exp(k * x) + c),
                a * sp.Integer(b) ** x * x ** draw.integer(1, 3),
                a * sp.log(draw.integer(1, 5) * x**2 + c) / x ** draw.integer(1, 3),
            ]
        )
    return derivative_draft(f)


@topic(
    "trig-inverse",
    1,
    "Trigonometric, inverse trigonometric and hyperbolic functions",
    {"easy": {"rules": (2, 7)}, "medium": {"rules": (3, 10)}, "hard": {"rules": (5, 16)}},
)
def trig_inverse(draw: Draw, difficulty: str) -> Draft:
    a, b = coefficient(draw, 9), coefficient(draw, 9)
    k = coefficient(draw, 5, positive=True)
    if difficulty == "easy":
        f1, f2 = draw.sample([sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh], 2)
        f = a * f1(x) + b * f2(x)
    elif difficulty == "medium":
        func = draw.choice([sp.sec, sp.csc, sp.cot, sp.atan, sp.asin, sp.tanh])
        f = a * func(k * x) + b * x**2
    else:
        func = draw.choice([sp.atan, sp.asin, sp.acos, sp.tanh, sp.sec])
        inner = draw.choice([x**2, sp.exp(x), sp.sqrt(x), x**3])
        f = a * func(inner) + draw.choice([0, b * sp.sin(k * x)])
    return derivative_draft(f)


@topic(
    "log-differentiation",
    1,
    "Logarithmic differentiation",
    {"easy": {"rules": (3, 14)}, "medium": {"rules": (4, 16)}, "hard": {"rules": (6, 24)}},
)
def log_differentiation(draw: Draw, difficulty: str) -> Draft:
    a, b = coefficient(draw, 9, positive=True), coefficient(draw, 9)
    c, n = coefficient(draw, 9, positive=True), draw.integer(2, 5)
    if difficulty == "easy":
        base = draw.choice([c * x, x + c])  # c = 1 gives x itself
        f = base ** (a * x ** draw.integer(1, 3) + draw.integer(-9, 9))
    elif difficulty == "medium":
        base = draw.choice([x, x**2 + c, x + c])
        exponent = draw.choice(
            [sp.sin(a * x), sp.cos(a * x), a * sp.log(x), a * sp.sqrt(x), sp.exp(a * x)]
        )
        f = coefficient(draw, 9) * base**exponent
    else:
        k = coefficient(draw, 5, positive=True)
        base = draw.choice([sp.sin(k * x), sp.cos(k * x) + c + 1, sp.log(k * x), 1 + c / x])
        exponent = draw.choice([sp.cos(a * x), a * x, a * x**n, sp.tan(a * x), sp.exp(b * x)])
        f = coefficient(draw, 9) * base**exponent
    return derivative_draft(f)
