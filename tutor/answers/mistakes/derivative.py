"""Mistakes in a derivative: the faulty differentiator's sites, the wrong variable, signs.

``derivative_candidates(function, var, expected, variables)`` yields, in this order:
1. one candidate per rule site, family by family (FAULT_ORDER): the chain rule's inner factor
   dropped (one site, then all sites at once), the product rule as f'g', the quotient rule's
   numerator reversed or its square missing, the power rule on an exponential, the exponential
   rule on a power, the ln a of aˣ or the 1/ln b of log_b dropped;
2. the derivative with respect to another variable, or with another variable differentiated as
   if it were ``var`` (its derivative taken as 1);
3. sign errors: a trig derivative's sign at a site, the product rule with a minus, one term of
   the sum negated, the whole answer negated.

To add a rule mistake: add the fault in ``faulty.py``, then its tag in TAG_OF_FAULT, its place in
FAULT_ORDER or SIGN_FAULTS, and a wording function in MESSAGES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import sympy as sp

from tutor.answers.mistakes import faulty as F
from tutor.answers.mistakes.base import Candidate, factor_text, text
from tutor.answers.mistakes.faulty import Differentiator, Site
from tutor.answers.mistakes.generic import negation, term_flips
from tutor.notation import derivative_label, partial_label

TAG_OF_FAULT = {
    F.DROP_INNER: "missing_chain_factor",
    F.PRODUCT_OF_DERIVATIVES: "product_rule_as_product",
    F.QUOTIENT_REVERSED: "quotient_numerator_reversed",
    F.QUOTIENT_NO_SQUARE: "quotient_rule_missing_square",
    F.POWER_RULE_ON_EXP: "power_rule_on_exponential",
    F.EXP_RULE_ON_POWER: "exponential_rule_on_power",
    F.MISSING_LN: "missing_log_factor",
    F.TRIG_SIGN: "sign_error",
    F.PRODUCT_MINUS: "sign_error",
}
FAULT_ORDER = (
    F.DROP_INNER,
    F.PRODUCT_OF_DERIVATIVES,
    F.QUOTIENT_REVERSED,
    F.QUOTIENT_NO_SQUARE,
    F.POWER_RULE_ON_EXP,
    F.EXP_RULE_ON_POWER,
    F.MISSING_LN,
)
SIGN_FAULTS = (F.TRIG_SIGN, F.PRODUCT_MINUS)
MAX_OTHER_VARIABLES = 4
TRIG_RULES = {
    sp.sin: " Remember: (sin u)′ = cos u · u′, with no minus.",
    sp.cos: " Remember: (cos u)′ = −sin u · u′.",
    sp.cosh: " Remember: (cosh u)′ = sinh u · u′, with no minus (unlike cos).",
}


def derivative_candidates(
    function: sp.Expr, var: sp.Symbol, expected: sp.Expr, variables: Sequence[sp.Symbol] = ()
) -> Iterator[Candidate]:
    try:
        walk: Differentiator | None = Differentiator(function, var)
    except OverflowError:
        walk = None
    sites = sorted(walk.sites, key=lambda s: s.path) if walk else []
    label = _labeller(var, partial=len(variables) > 1)
    for fault in FAULT_ORDER:
        yield from _site_candidates(walk, sites, fault, label)
    yield from wrong_variable(function, var, variables)
    for fault in SIGN_FAULTS:
        yield from _site_candidates(walk, sites, fault, label)
    yield from term_flips([walk.derivative, expected] if walk else [expected])
    yield from negation(expected)


def _labeller(var: sp.Symbol, partial: bool) -> Callable[[sp.Expr], str]:
    write = partial_label if partial else derivative_label
    return lambda expr: write(text(expr), var.name)


def _site_candidates(
    walk: Differentiator | None, sites: list[Site], fault: str, label: Callable
) -> Iterator[Candidate]:
    if walk is None:
        return
    chosen = [s for s in sites if s.fault == fault]
    for site in chosen:
        value = walk.with_faults({site.path: fault})
        yield Candidate(TAG_OF_FAULT[fault], value, _site_message(site, label))
    if fault == F.DROP_INNER and len(chosen) > 1:
        value = walk.with_faults({s.path: fault for s in chosen})
        yield Candidate(TAG_OF_FAULT[fault], value, _all_chain_message(chosen))


def _site_message(site: Site, label: Callable[[sp.Expr], str]) -> Callable[[], str]:
    def message() -> str:
        if site.fault == F.DROP_INNER:
            outer, inner = site.parts["outer"], site.parts["inner"]
            return (
                "It looks as if the chain rule's inner derivative is missing: "
                f"{label(site.expr)} = {text(outer)} · {factor_text(inner)}, not {text(outer)}."
            )
        rule, fix = MESSAGES[site.fault](site)
        return (
            f"It looks as if {rule}: {label(site.expr)} = {text(site.right)}, "
            f"not {text(site.wrong)}.{fix}"
        )

    return message


def _all_chain_message(sites: list[Site]) -> Callable[[], str]:
    def message() -> str:
        places = ", ".join(text(s.expr) for s in sites)
        return (
            "It looks as if the chain rule's inner derivatives are missing: in "
            f"{places}, multiply each outer derivative by the derivative of its inside."
        )

    return message


def _both_vary(site: Site) -> bool:
    return isinstance(site.expr, sp.Pow) and not (
        site.expr.base.is_number or site.expr.exp.is_number
    )


_BOTH = " When base and exponent both vary, write g^h = e^(h ln g) first."


def _power_rule_on_exp(site: Site) -> tuple[str, str]:
    fix = _BOTH if _both_vary(site) else " The power rule needs a constant exponent."
    return "the power rule was used on an exponential", fix


def _exp_rule_on_power(site: Site) -> tuple[str, str]:
    fix = _BOTH if _both_vary(site) else " The base varies, so use the power rule n·xⁿ⁻¹."
    return "the exponential rule was used on a power", fix


def _missing_ln(site: Site) -> tuple[str, str]:
    if isinstance(site.expr, sp.Pow):
        factor = sp.log(site.expr.base)
        fix = " For a constant base a, d/dx aˣ = aˣ ln a."
    else:
        factor = 1 / sp.log(F.log_base(site.expr))
        fix = " For a constant base b, d/dx log_b x = 1/(x ln b)."
    return f"the factor {text(factor)} is missing", fix


MESSAGES: dict[str, Callable[[Site], tuple[str, str]]] = {
    F.PRODUCT_OF_DERIVATIVES: lambda s: (
        "the product rule became a product of derivatives",
        " The product rule is (fg)′ = f′g + fg′.",
    ),
    F.QUOTIENT_REVERSED: lambda s: (
        "the quotient rule's numerator is the wrong way round",
        " The quotient rule is (f/g)′ = (f′g − fg′)/g².",
    ),
    F.QUOTIENT_NO_SQUARE: lambda s: (
        "the quotient rule's denominator is missing its square",
        " The quotient rule is (f/g)′ = (f′g − fg′)/g².",
    ),
    F.POWER_RULE_ON_EXP: _power_rule_on_exp,
    F.EXP_RULE_ON_POWER: _exp_rule_on_power,
    F.MISSING_LN: _missing_ln,
    F.TRIG_SIGN: lambda s: ("the sign of a derivative is wrong", TRIG_RULES[type(s.expr)]),
    F.PRODUCT_MINUS: lambda s: (
        "the product rule got a minus sign",
        " The product rule adds: (fg)′ = f′g + fg′.",
    ),
}


def wrong_variable(
    function: sp.Expr, var: sp.Symbol, variables: Sequence[sp.Symbol]
) -> Iterator[Candidate]:
    """∂f/∂y instead of ∂f/∂x; and f_x + f_y (y differentiated as if it were x)."""
    names = variables or sorted(function.free_symbols, key=lambda s: s.name)
    others = [v for v in names if v != var and v in function.free_symbols]
    fx = sp.diff(function, var)
    for y in others[:MAX_OTHER_VARIABLES]:
        fy = sp.diff(function, y)
        yield Candidate("wrong_variable", fy, _other_variable_message(var, y))
        if var in function.free_symbols:
            yield Candidate("wrong_variable", fx + fy, _as_if_x_message(var, y))


def _other_variable_message(var: sp.Symbol, y: sp.Symbol) -> Callable[[], str]:
    return lambda: (
        f"It looks as if you differentiated with respect to {text(y)} instead of {text(var)}: "
        f"differentiate with respect to {text(var)} and hold {text(y)} constant."
    )


def _as_if_x_message(var: sp.Symbol, y: sp.Symbol) -> Callable[[], str]:
    return lambda: (
        f"It looks as if {text(y)} was differentiated as though it were {text(var)}: in a partial "
        f"derivative with respect to {text(var)}, {text(y)} is a constant (its derivative is 0)."
    )
