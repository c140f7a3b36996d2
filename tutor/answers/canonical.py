"""Symbolic proofs that two expressions are equal: bounded ones, and the slow one for a worker.

It owns three entry points:

- ``cheap_proof(a, b)``: structural ``==``, the difference cancelling on construction, then
  ``expand`` and ``cancel`` of the difference, each only when the tree is small and its
  expansion is predicted to stay small (``expansion_is_small``: no (x + 1)^1000).
- ``trig_proof(a, b)``: a bounded Pythagorean reduction for trigonometric and hyperbolic
  identities: tan, sec, ... written with sin and cos, multiple angles expanded (only small
  multiples), the numerator of the difference reduced with cos^2 = 1 - sin^2 and
  cosh^2 = 1 + sinh^2. It replaces ``trigsimp``, which takes 2-100 ms even on tiny input.
- ``symbolic_proof(a, b)``: ``simplify``, ``trigsimp`` and friends without bounds; may be slow,
  so the caller runs it in a worker process with a timeout. True: proved equal; False: the
  difference simplifies to a nonzero constant; None: undecided.

Every transformation used is an identity wherever both sides are defined (no
``expand_log(force=True)``, no ``powsimp(force=True)``), so "proved" may still hide removable
points such as x = 1 in (x^2 - 1)/(x - 1); tutor.answers.regions reports those. To add a layer,
keep it sound and put it in the bounded functions only if it is predictably fast. The bounded
proofs are memoized: expected answers recur, and so do students' forms.
"""

from __future__ import annotations

import math
from functools import lru_cache

import sympy
from sympy.functions.elementary.hyperbolic import HyperbolicFunction
from sympy.functions.elementary.trigonometric import TrigonometricFunction

MAX_NODES = 40  # expand/cancel only on trees at most this big
MAX_POWER = 12  # largest integer exponent of a sum that may be expanded
MAX_TERMS = 300  # largest predicted number of terms after expansion
MAX_MULTIPLE = 4  # sin(k u) is expanded for |k| <= MAX_MULTIPLE only
STAGE_NODES = 150  # trees between the stages of trig_proof may be this big
MAX_ANGLE_TERMS = 3  # sin(a + b + c) is expanded for at most this many terms

_ERRORS = (
    TypeError,
    ValueError,
    NotImplementedError,
    ZeroDivisionError,
    RecursionError,
    sympy.PolynomialError,
)
_CIRCULAR = {sympy.tan, sympy.cot, sympy.sec, sympy.csc}
_HYPERBOLIC = {sympy.tanh, sympy.coth, sympy.sech, sympy.csch}
_AS_SIN_COS = {
    sympy.tan: lambda u: sympy.sin(u) / sympy.cos(u),
    sympy.cot: lambda u: sympy.cos(u) / sympy.sin(u),
    sympy.sec: lambda u: 1 / sympy.cos(u),
    sympy.csc: lambda u: 1 / sympy.sin(u),
    sympy.tanh: lambda u: sympy.sinh(u) / sympy.cosh(u),
    sympy.coth: lambda u: sympy.cosh(u) / sympy.sinh(u),
    sympy.sech: lambda u: 1 / sympy.cosh(u),
    sympy.csch: lambda u: 1 / sympy.sinh(u),
}
_PAIRS = {sympy.sin: sympy.cos, sympy.sinh: sympy.cosh}  # sine-like -> its cosine-like


def tree_size(expr: sympy.Basic, limit: int) -> int:
    """Number of nodes of ``expr``; counting stops just past ``limit``."""
    count = 0
    for _ in sympy.preorder_traversal(expr):
        count += 1
        if count > limit:
            break
    return count


def _terms(node: sympy.Basic, worst: list[int]) -> int:
    """Predicted number of terms of expand(node); ``worst`` collects the largest estimate of
    any subtree (expand works inside function arguments and denominators too)."""
    if not node.args:
        return 1
    parts = [_terms(a, worst) for a in node.args]
    if node.is_Add:
        terms = sum(parts)
    elif node.is_Mul:
        terms = math.prod(min(p, MAX_TERMS + 1) for p in parts)
    elif node.is_Pow and node.exp.is_Rational and parts[0] > 1:
        k = abs(int(node.exp))  # (x + 1)^(25/2) expands to (x + 1)^12 sqrt(x + 1)
        terms = MAX_TERMS + 1 if k > MAX_POWER else min(parts[0] ** k, MAX_TERMS + 1)
        if node.exp < 0:
            worst[0] = max(worst[0], terms)
            terms = 1
    else:
        terms = 1
    worst[0] = max(worst[0], terms)
    return terms


def expansion_is_small(expr: sympy.Basic, max_nodes: int = MAX_NODES) -> bool:
    """Whether ``expand(expr)`` is cheap: a small tree whose expansion stays small."""
    if tree_size(expr, max_nodes) > max_nodes:
        return False
    worst = [0]
    _terms(expr, worst)
    return worst[0] <= MAX_TERMS


@lru_cache(maxsize=4096)
def cheap_proof(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Structural equality, or ``expand``/``cancel`` of a - b giving 0, under the size bounds."""
    if a == b:
        return True
    try:
        difference = a - b
        if difference == 0:
            return True
        if not expansion_is_small(difference):
            return False
        if sympy.expand(difference) == 0:
            return True
        return sympy.cancel(difference) == 0
    except _ERRORS:
        return False


def _angles_are_small(expr: sympy.Basic) -> bool:
    """sin(k u), cos(a + b): expanding angles is cheap only for small multiples k, few terms
    and no trigonometric function inside another."""
    for f in expr.atoms(TrigonometricFunction, HyperbolicFunction):
        (arg,) = f.args
        if arg.has(TrigonometricFunction, HyperbolicFunction):
            return False
        if arg.is_Add and len(arg.args) > MAX_ANGLE_TERMS:
            return False
        for term in sympy.Add.make_args(arg):
            k, _ = term.as_coeff_Mul()
            if k.is_Rational and (abs(k.p) > MAX_MULTIPLE or k.q > MAX_MULTIPLE):
                return False
    return True


def _pythagorean(numerator: sympy.Expr) -> sympy.Expr:
    """``numerator`` with cos(u)^k -> cos(u)^(k mod 2) (1 - sin(u)^2)^(k div 2), and the same
    for cosh with 1 + sinh^2, expanded."""
    swap = {}
    for p in numerator.atoms(sympy.Pow):
        base, e = p.base, p.exp
        if type(base) in (sympy.cos, sympy.cosh) and e.is_Integer and e >= 2:
            k = int(e)
            sine = (sympy.sin if type(base) is sympy.cos else sympy.sinh)(base.args[0])
            square = 1 - sine**2 if type(base) is sympy.cos else 1 + sine**2
            swap[p] = base ** (k % 2) * square ** (k // 2)
    reduced = numerator.xreplace(swap)
    if not expansion_is_small(reduced, STAGE_NODES):
        raise ValueError("too large to expand")
    return sympy.expand(reduced)


@lru_cache(maxsize=4096)
def trig_proof(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Bounded proof of trigonometric/hyperbolic identities (see the module docstring); every
    stage is size-checked before the next expansion."""
    try:
        difference = a - b
        if tree_size(difference, MAX_NODES) > MAX_NODES or not _angles_are_small(difference):
            return False
        if not difference.has(TrigonometricFunction, HyperbolicFunction):
            return False
        rewritten = difference.replace(
            lambda n: type(n) in _AS_SIN_COS, lambda n: _AS_SIN_COS[type(n)](n.args[0])
        )
        angled = sympy.expand_trig(rewritten)
        if not expansion_is_small(angled, STAGE_NODES):
            return False
        numerator, _ = sympy.fraction(sympy.together(sympy.expand(angled)))
        if not expansion_is_small(numerator, STAGE_NODES):
            return False
        return _pythagorean(sympy.expand(numerator)) == 0
    except _ERRORS:
        return False


def bounded_proof(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Every bounded layer: ``cheap_proof``, then ``trig_proof``."""
    return cheap_proof(a, b) or trig_proof(a, b)


_SLOW_ATTEMPTS = (
    sympy.simplify,
    sympy.trigsimp,
    lambda d: sympy.simplify(d.rewrite(sympy.exp)),
    lambda d: sympy.radsimp(sympy.cancel(d)),
)


def symbolic_proof(a: sympy.Basic, b: sympy.Basic) -> bool | None:
    """Try hard (and possibly slowly) to decide a == b symbolically: True if proved equal,
    False if the difference is a nonzero constant, None if undecided. Run it with a timeout."""
    if bounded_proof(a, b):
        return True
    difference = a - b
    for attempt in _SLOW_ATTEMPTS:
        try:
            result = attempt(difference)
        except _ERRORS:
            continue
        if result == 0:
            return True
        if result.is_number and result.is_zero is False:
            return False
    return None
