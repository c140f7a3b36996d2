"""Where two answers agree: the wording of domain notes, and the points worth a second look.

It owns

- ``describe_region``: a short phrase for the set of sampled points where two answers agree,
  from the signs of the variables there ("x > 0", "x >= 0 and y > 0"), or None when signs
  cannot separate the agreeing points from the others;
- ``pole_candidates``: exact real roots of small polynomial denominators (degree <= MAX_DEGREE
  in one variable), the candidates for removable points such as x = 1 in (x^2 - 1)/(x - 1);
- ``hole_note``: the sentence for a point where one answer is undefined and the other is not.

Nothing here evaluates expressions: tutor.answers.equivalence does, and asks this module what
to look at and how to say it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import sympy

from tutor.answers.display import format_number
from tutor.notation import to_text

MAX_DEGREE = 4  # denominators of higher degree are not searched for removable points
MAX_POLES = 8  # candidate points per expression

Point = Sequence[object]


def _sign_condition(values: list[object]) -> tuple[str, str] | None:
    """(">", "0") if all values are positive, (">=", ...) if some are 0, ... or None."""
    if all(v >= 0 for v in values):  # type: ignore[operator]
        return (">=" if any(v == 0 for v in values) else ">"), "positive"
    if all(v <= 0 for v in values):  # type: ignore[operator]
        return ("<=" if any(v == 0 for v in values) else "<"), "negative"
    return None


def _holds(op: str, value: object) -> bool:
    return {
        ">": value > 0,  # type: ignore[operator]
        ">=": value >= 0,  # type: ignore[operator]
        "<": value < 0,  # type: ignore[operator]
        "<=": value <= 0,  # type: ignore[operator]
    }[op]


def describe_region(
    names: Sequence[str],
    good: Sequence[Point],
    bad: Sequence[Point],
    neutral: Sequence[Point] = (),
) -> str | None:
    """The sign conditions true at every ``good`` point that together exclude every ``bad``
    point: "x > 0", "x > 0 and y > 0"; None if signs cannot do it (or nothing is bad). A
    condition is dropped when the others still exclude the ``bad`` and ``neutral`` points
    (where neither answer is defined), so the phrase names no variable needlessly but keeps
    "y > 0" in ln(x y) = ln x + ln y although no sampled point had x > 0 > y."""
    if not good or not bad:
        return None
    conditions = []
    for j, name in enumerate(names):
        found = _sign_condition([p[j] for p in good])
        if found is not None:
            conditions.append((j, name, found[0]))

    def excludes(conds: list[tuple[int, str, str]], points: Sequence[Point]) -> bool:
        return all(any(not _holds(op, p[j]) for j, _, op in conds) for p in points)

    if not conditions or not excludes(conditions, bad):
        return None
    for condition in list(conditions):
        fewer = [c for c in conditions if c is not condition]
        if fewer and excludes(fewer, [*bad, *neutral]):
            conditions = fewer
    return " and ".join(f"{name} {op} 0" for _, name, op in conditions)


def _real_roots(base: sympy.Expr, var: sympy.Symbol) -> list[sympy.Expr]:
    if base.free_symbols != {var} or not base.is_polynomial(var):
        return []
    poly = sympy.Poly(base, var)
    if not 1 <= poly.degree() <= MAX_DEGREE:
        return []
    if poly.degree() <= 2 or not poly.domain.is_QQ and not poly.domain.is_ZZ:
        found = sympy.roots(poly, filter="R")  # exact radicals; any coefficients
    else:
        found = sympy.real_roots(poly)  # CRootOf where radicals would be unwieldy
    return list(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def pole_candidates(expr: sympy.Basic) -> tuple[tuple[sympy.Symbol, sympy.Expr], ...]:
    """(variable, root) for the real roots of the small one-variable polynomial denominators
    of ``expr`` (bases of negative powers anywhere in the tree)."""
    found: list[tuple[sympy.Symbol, sympy.Expr]] = []
    for p in sympy.preorder_traversal(expr):
        if not (p.is_Pow and p.exp.is_negative and len(p.base.free_symbols) == 1):
            continue
        (var,) = p.base.free_symbols
        try:
            found.extend((var, root) for root in _real_roots(p.base, var))
        except (sympy.PolynomialError, NotImplementedError, ValueError):
            continue
        if len(found) >= MAX_POLES:
            break
    return tuple(dict.fromkeys(found))[:MAX_POLES]


def root_text(root: sympy.Expr) -> str:
    """A root for a sentence: exact when rational or a plain radical, else 6 figures."""
    if root.is_Integer:
        return str(root)
    if root.is_Rational:
        return f"{root.p}/{root.q}"
    if isinstance(root, sympy.CRootOf) or root.has(sympy.CRootOf):
        return format_number(sympy.Float(root.evalf(30), 30))
    return to_text(root)


def hole_note(where: str, undefined_is_given: bool, other_value: object) -> str:
    """ "your answer is undefined at x = 1, where the expected answer is 2" (or the reverse)."""
    value = format_number(other_value)
    if undefined_is_given:
        return f"your answer is undefined at {where}, where the expected answer is {value}"
    return f"the expected answer is undefined at {where}, where your answer gives {value}"
