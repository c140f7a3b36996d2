"""Form as its own axis: is a correct answer also simplified?

`form_issues(written, value, variables)` looks at the answer as the student wrote it (the
parser's unevaluated reading) and at its value, and names what a teacher would still ask to be
done:

- `unevaluated_arithmetic`: numbers left to combine: 2 + 3, 2·3, 3², √4, 6/3;
- `like_terms`: terms that collect: x + x, 2x + 3x, x² + 2x²;
- `common_factor`: a common factor of numerator and denominator left uncancelled: (x² − 1)/(x − 1).

Each check is bounded (polynomial gcd only on small rational functions). To add a check, write a
function (written, value, variables) -> FormIssue | None and add it to CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp

MAX_GCD_DEGREE = 8  # polynomial gcd beyond this degree is left to the teacher


@dataclass(frozen=True)
class FormIssue:
    tag: str
    detail: sp.Basic  # the part of the answer the issue is about


def _is_number(node: sp.Basic) -> bool:
    """A number as written: 3, 2.5, or −3 read as (−1)·3."""
    return node.is_Number or (
        isinstance(node, sp.Mul)
        and len(node.args) == 2
        and node.args[0] == -1
        and node.args[1].is_Number
    )


def _integer_reciprocal(node: sp.Basic) -> sp.Integer | None:
    """q when node is q⁻¹ written as a power: the denominator of a written fraction."""
    if isinstance(node, sp.Pow) and node.exp == -1 and node.base.is_Integer:
        return node.base
    return None


def _undone_product(node: sp.Mul) -> bool:
    """2·3, 6/3 or 6x/3: numbers in one product that would combine; 2/3 and 2x/3 are done."""
    numbers = [arg for arg in node.args if arg.is_Number and arg != -1]
    denominators = [q for q in map(_integer_reciprocal, node.args) if q is not None]
    if len(numbers) >= 2 or len(denominators) >= 2:
        return True
    return bool(numbers and denominators and sp.gcd(numbers[0], denominators[0]) > 1)


def _undone_power(node: sp.Pow) -> bool:
    """3², √4, 8^(1/3): a number to a power that is itself a rational number. Powers of ten
    (10⁻⁷, 6.02 × 10²³) are scientific notation, not arithmetic left undone."""
    if not (_is_number(node.base) and node.exp.is_Number) or node.exp == -1 or node.base == 10:
        return False
    return node.doit().is_Rational


def unevaluated_arithmetic(written: sp.Basic, value, variables) -> FormIssue | None:
    for node in sp.preorder_traversal(written):
        if isinstance(node, sp.Add):
            undone = sum(1 for arg in node.args if _is_number(arg)) >= 2
        elif isinstance(node, sp.Mul):
            undone = not _is_number(node) and _undone_product(node)
        elif isinstance(node, sp.Pow):
            undone = _undone_power(node)
        else:
            continue
        if undone:
            return FormIssue("unevaluated_arithmetic", node)
    return None


def like_terms(written: sp.Basic, value, variables) -> FormIssue | None:
    for node in sp.preorder_traversal(written):
        if not isinstance(node, sp.Add):
            continue
        seen: dict[sp.Basic, sp.Basic] = {}
        for term in node.args:
            _, rest = term.doit().as_coeff_Mul()
            if rest.is_number:
                continue
            if rest in seen:
                return FormIssue("like_terms", sp.Add(seen[rest], term, evaluate=False))
            seen[rest] = term
    return None


def _numeric_content(expr: sp.Expr) -> sp.Integer:
    """The whole-number factor common to every term: 6 for 6x + 12, 1 for x + 1/2."""
    content = expr.as_content_primitive()[0]
    return content.p if content.is_Rational and content.q == 1 else sp.Integer(1)


def common_factor(written: sp.Basic, value, variables: Sequence[sp.Symbol]) -> FormIssue | None:
    """A factor shared by the numerator and denominator the student wrote: (x² + 2x)/x, 2x/4.

    The written form is used because sympy itself cancels x²/x, and `together` cancels more."""
    source = written if written is not None else value
    if not isinstance(source, sp.Expr) or not source.free_symbols:
        return None  # numbers: 6/3 is unevaluated arithmetic, and 6.02 is not 301/50
    numerator, denominator = (part.doit() for part in sp.fraction(source))
    if denominator == 1:
        return None
    number = sp.gcd(_numeric_content(numerator), _numeric_content(denominator))
    if number > 1:
        return FormIssue("common_factor", number)
    if (
        denominator.is_number
        or not variables
        or not all(part.is_polynomial(*variables) for part in (numerator, denominator))
    ):
        return None
    degrees = (sp.Poly(part, *variables).total_degree() for part in (numerator, denominator))
    if max(degrees) > MAX_GCD_DEGREE:
        return None
    factor = sp.gcd(numerator, denominator)
    return None if factor.is_number else FormIssue("common_factor", factor)


CHECKS: tuple[Callable[..., FormIssue | None], ...] = (
    unevaluated_arithmetic,
    like_terms,
    common_factor,
)


def form_issues(
    written: sp.Basic, value: sp.Basic, variables: Sequence[sp.Symbol]
) -> list[FormIssue]:
    """Every form issue of a correct answer (empty: simplified)."""
    issues = []
    for check in CHECKS:
        issue = check(written, value, variables)
        if issue is not None:
            issues.append(issue)
    return issues
