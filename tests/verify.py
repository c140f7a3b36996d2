"""The shared checker for derivation trees: is every step of a `Step` tree mathematically true?

Every derivation test walks its tree through :func:`check_tree`, which checks each node against
sympy according to its ``kind`` (see tutor/steps/step.py):

- ``diff``: ``result`` equals ``sympy.diff(expr, var)``;
- ``rewrite``: ``result`` equals ``expr``;
- ``limit``: ``result`` equals the limit of ``expr`` as ``var`` tends to ``details["point"]``;
- ``sequence``: ``result`` equals the last child's result;
- the solver kinds (``evaluate``, ``matrix``, ``solve``, ``solution``): see tests/verify_solvers.py;

and, whatever the kind, no ``result`` holds an unevaluated ``Derivative`` unless the rule is
``unknown``. It returns human-readable failures; an empty list means the tree is sound.

Equality (:func:`equal`) goes from cheap to expensive: structural ``==``; the difference
cancelling on construction; ``expand(a - b) == 0`` for small trees; then evaluation at seeded
pseudo-random points with mpmath at 30 significant digits. ``simplify`` is never called: it is
slow and the numeric layer is decisive.

The numeric layer works in the *real* domain a calculus textbook means: a point counts only
where every subexpression of the reference (and of the step's input, for ``diff`` nodes) is
real and finite. That is what makes ``d/dx acosh(x) = 1/sqrt(x^2 - 1)`` correct although sympy's
``1/(sqrt(x - 1)*sqrt(x + 1))`` differs in sign at x = -2 (where acosh(x) is not real), and
``x/|x|`` equal to ``sign(x)``. Points where the argument of an ``Abs`` or ``sign`` vanishes
(kinks; random points only hit them where it vanishes on an interval, as |x + |x|| does for
x < 0) are not used either. Sample points come from several ranges, then wider ones, then near
the usable points found (narrow domains such as asin(x) + acosh(4x)).

An expression with no real point at all is compared with complex values at real points, then
at complex points, still requiring real arguments and values of the REAL_ONLY functions (|u|,
sign u, acosh, asec, acsc, asech, acsch), whose textbook derivatives hold on the real line only.
If even that finds no usable point (e.g. acosh(x)*acosh(-x)), nothing can be judged: the verdict
is True with a reason starting with UNCHECKED, and ``check_tree(..., require_checked=True)``
turns it into a failure for corpora whose inputs all have a real domain.

Evaluation is the package's own (tutor.answers.numeric: closures over mpmath functions, bounded
in time, no ``lambdify``), as are the candidate points (tutor.answers.sampling); this module adds
the oracle's policy: which points count, how many, and what each kind of step must satisfy.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import mpmath
import sympy
from sympy.core.function import AppliedUndef

from tests.verify_solvers import check_solver_kind, elementwise
from tutor.answers import numeric, sampling
from tutor.answers.canonical import expansion_is_small, tree_size
from tutor.answers.guards import checked
from tutor.answers.numeric import Undefined, Unevaluable

if TYPE_CHECKING:
    from tutor.steps.step import Step

__all__ = [
    "LOOSE",
    "SEMI",
    "STRICT",
    "UNCHECKED",
    "Undefined",
    "check_node",
    "check_tree",
    "compiled",
    "derivative_equal",
    "equal",
    "evaluate",
    "limit_equal",
    "reference_derivative",
]

# ---------------------------------------------------------------------------------------------
# Tuning
# ---------------------------------------------------------------------------------------------

DPS = numeric.DPS  # working precision (significant digits) of the numeric layer
LIMIT_DPS = 60  # precision for limits: the difference quotient cancels about 25 digits
LIMIT_EPS = mpmath.mpf("1e-25")  # distance from the limit point (1/LIMIT_EPS stands for oo)
RTOL = 1e-12  # relative agreement required ...
ATOL = 1e-12  # ... or absolute agreement near zero
MIN_POINTS = 4  # agreeing points needed to accept
WANTED_POINTS = 6  # stop sampling after this many agreeing points
CANDIDATES = 48  # real candidate points drawn from RANGES, then as many from all ranges
REFINE = 36  # extra points near the usable ones when too few were found (narrow domains)
COMPLEX_CANDIDATES = 12
SEED = 1234

# Evaluation modes (tutor.answers.numeric). Every mode rejects non-finite values; outside LOOSE,
# points where the argument of |u| or sign u vanishes (kinks) are refused as well.
STRICT = numeric.REAL  # every subexpression must be real: the textbook's real domain
SEMI = numeric.SEMI  # complex values allowed, except into/out of the REAL_ONLY functions
LOOSE = numeric.COMPLEX  # any finite complex value (how the step's claimed result is evaluated)

Value = numeric.Value
Env = Sequence[Value]
Compiled = numeric.Compiled


# ---------------------------------------------------------------------------------------------
# Evaluation: the package's evaluator, with the oracle's kink policy
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def compiled(expr: sympy.Basic, symbols: tuple[sympy.Symbol, ...], mode: str) -> Compiled:
    """``expr`` as a function of the values of ``symbols`` (cached), at the ambient precision.

    The closure raises Undefined where the value is not finite, in STRICT mode where any
    subexpression is not real, in SEMI mode where a REAL_ONLY function gets or gives a non-real
    value, and outside LOOSE mode at kinks of |u| and sign u. Raises Unevaluable at once for
    undefined functions and Derivative.
    """
    return numeric.closure(sympy.sympify(expr), symbols, mode, avoid_kinks=mode != LOOSE)


def evaluate(
    expr: sympy.Basic, values: dict[sympy.Symbol, float | complex], mode: str = LOOSE
) -> Value:
    """``expr`` at ``values`` with the checker's evaluator (for tests and debugging)."""
    symbols = tuple(sorted(values, key=sympy.default_sort_key))
    with mpmath.workdps(DPS):
        env = [mpmath.mpmathify(values[s]) for s in symbols]
        return compiled(expr, symbols, mode)(env)


def _numeric_derivative(
    expr: sympy.Basic, var: sympy.Symbol, symbols: tuple[sympy.Symbol, ...]
) -> Compiled:
    """d(expr)/d(var) by mpmath's high-precision numerical differentiation (a fallback reference
    for when sympy.diff leaves a Derivative behind)."""
    f = compiled(expr, symbols, LOOSE)
    k = symbols.index(var)

    def run(env: Env) -> Value:
        def along(t: Value) -> Value:
            moved = list(env)
            moved[k] = t
            return f(moved)

        try:
            return checked(mpmath.diff(along, env[k]), False)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError) as error:
            raise Undefined(str(error)) from error

    return run


# ---------------------------------------------------------------------------------------------
# Sample points (tutor.answers.sampling, with the oracle's seed and counts)
# ---------------------------------------------------------------------------------------------


def _real_points(n: int) -> tuple[tuple[float, ...], ...]:
    """CANDIDATES points from RANGES, then CANDIDATES from RANGES + EXTRA_RANGES."""
    ranges = (sampling.RANGES, sampling.RANGES + sampling.EXTRA_RANGES)
    return sampling.random_reals(n, SEED, CANDIDATES, ranges)


def _complex_points(n: int) -> tuple[tuple[complex, ...], ...]:
    return sampling.random_complex(n, SEED + 1, COMPLEX_CANDIDATES)


def _near(found: list[tuple[float | complex, ...]]) -> Iterator[tuple[float | complex, ...]]:
    """REFINE points near the usable points found so far (read lazily, when reached)."""
    return sampling.near(found, SEED + 2, REFINE)


def _ordered(symbols: Iterable[sympy.Symbol]) -> tuple[sympy.Symbol, ...]:
    return tuple(sorted(set(symbols), key=sympy.default_sort_key))


def _show(v: Value) -> str:
    return mpmath.nstr(v, 12)


def _where(symbols: Sequence[sympy.Symbol], env: Env) -> str:
    """' at x=0.7312, u=-1.2' (empty for a constant expression)."""
    pairs = ", ".join(f"{s}={mpmath.nstr(v, 6)}" for s, v in zip(symbols, env, strict=True))
    return f" at {pairs}" if pairs else ""


# ---------------------------------------------------------------------------------------------
# Equality
# ---------------------------------------------------------------------------------------------


def _close(reference: Value, candidate: Value) -> bool:
    return abs(reference - candidate) <= max(RTOL * abs(reference), ATOL)


def _symbolic_equal(a: sympy.Basic, b: sympy.Basic) -> bool:
    """The cheap, sound layers: structure, cancellation on construction, expand on small trees."""
    if a == b:
        return True
    try:
        difference = a - b
    except TypeError:
        return False
    if difference == 0:
        return True
    if expansion_is_small(difference):
        return sympy.expand(difference) == 0
    return False


# (name, complex points?, evaluation mode of the reference and the domain expressions)
TIERS: tuple[tuple[str, bool, str], ...] = (
    ("real", False, STRICT),
    ("complex values at real points", False, SEMI),
    ("complex points", True, SEMI),
)
UNCHECKED = "unchecked: "  # prefix of the reason of a verdict reached without enough points


def _tier(
    ref: Compiled,
    candidate: Compiled,
    dom: Sequence[Compiled],
    symbols: tuple[sympy.Symbol, ...],
    base: Iterable[tuple[float | complex, ...]],
    fixed: Sequence[Value],
) -> tuple[int, str | None]:
    """(agreeing points, failure or None) of one tier: points where the reference and every
    domain expression have a value count, until WANTED_POINTS agree or one disagrees."""
    n_free = len(symbols) - len(fixed)
    found: list[tuple[float | complex, ...]] = []
    agreeing = 0
    for raw in itertools.chain(base, _near(found)):
        env = [mpmath.mpmathify(v) for v in raw] + list(fixed)
        try:
            for d in dom:
                d(env)
            r = ref(env)
        except Undefined:
            continue
        found.append(raw)
        where = _where(symbols[:n_free], env[:n_free])
        try:
            c = candidate(env)
        except Undefined as error:
            return agreeing, f"result undefined{where} ({error}); the reference is {_show(r)}"
        if not _close(r, c):
            return agreeing, f"differs{where}: {_show(r)} vs {_show(c)}"
        agreeing += 1
        if agreeing >= WANTED_POINTS:
            break
    return agreeing, None


def _compare(
    reference: dict[str, Compiled],
    candidate: Compiled,
    domain: dict[str, Sequence[Compiled]],
    symbols: tuple[sympy.Symbol, ...],
    fixed: Sequence[Value] = (),
) -> tuple[bool, str]:
    """Numeric comparison, tier by tier (TIERS), each relaxing what counts as a usable point;
    the first tier with MIN_POINTS usable points decides, and a disagreement anywhere fails.
    ``reference`` and ``domain`` hold one compiled form per mode. ``fixed`` values are
    appended to every point (the distance to a limit point).

    If no tier has MIN_POINTS usable points, the expression has (almost) nowhere a value a
    real-variable tutor could differentiate, e.g. acosh(x)*acosh(-x) or asech(exp(x^2)): the
    verdict is then True with a reason starting with UNCHECKED (see check_tree's
    ``require_checked``)."""
    n_free = len(symbols) - len(fixed)
    best = 0
    for tier, complex_points, mode in TIERS:
        base = _complex_points(n_free) if complex_points else _real_points(n_free)
        agreeing, failure = _tier(reference[mode], candidate, domain[mode], symbols, base, fixed)
        if failure is not None:
            return False, failure if failure.startswith("result") else f"{failure} ({tier})"
        if agreeing >= MIN_POINTS:
            return True, f"agree at {agreeing} points ({tier})"
        best = max(best, agreeing)
    if best == 0:
        return True, UNCHECKED + "no usable sample point"
    return True, UNCHECKED + f"only {best} usable sample points, all agreeing"


def _numeric_equal(
    reference: sympy.Basic,
    candidate: sympy.Basic,
    symbols: tuple[sympy.Symbol, ...],
    domain: Sequence[sympy.Basic],
    fixed: Sequence[Value] = (),
    reference_fn: tuple[Compiled, Compiled, Compiled] | None = None,
) -> tuple[bool, str]:
    modes = (STRICT, SEMI, LOOSE)
    try:
        if reference_fn is None:
            ref = {mode: compiled(reference, symbols, mode) for mode in modes}
        else:
            ref = dict(zip(modes, reference_fn, strict=True))
        cand = compiled(candidate, symbols, LOOSE)
        dom = {mode: [compiled(d, symbols, mode) for d in domain] for mode in modes}
    except Unevaluable as error:
        return False, f"cannot compare numerically: {error}"
    return _compare(ref, cand, dom, symbols, fixed)


def equal(
    a: sympy.Basic,
    b: sympy.Basic,
    symbols: Iterable[sympy.Symbol] = (),
    *,
    domain: Iterable[sympy.Basic] = (),
    dps: int = DPS,
) -> tuple[bool, str]:
    """Is ``b`` equal to the reference ``a``? Returns (verdict, reason).

    ``a`` is the reference: numeric points count only where every subexpression of ``a`` and of
    each ``domain`` expression is real and finite. ``symbols`` get random values; free symbols
    of ``a``, ``b`` and ``domain`` are added automatically.
    """
    a, b = sympy.sympify(a), sympy.sympify(b)
    domain = tuple(sympy.sympify(d) for d in domain)
    if _symbolic_equal(a, b):
        return True, "symbolically equal"
    everything = set(symbols) | a.free_symbols | b.free_symbols
    for d in domain:
        everything |= d.free_symbols
    ordered = _ordered(everything)
    with mpmath.workdps(dps):
        ok, reason = _numeric_equal(a, b, ordered, domain)
    if not ok and (a.has(sympy.Derivative) or b.has(sympy.Derivative)):
        if _symbolic_equal(a.doit(), b.doit()):
            return True, "equal after doit()"
    return ok, reason


@lru_cache(maxsize=8192)
def reference_derivative(expr: sympy.Basic, var: sympy.Symbol, order: int = 1) -> sympy.Basic:
    """sympy's d^order(expr)/d(var)^order, cached."""
    derivative = sympy.diff(expr, var, order)
    if derivative.has(sympy.Derivative) and not expr.has(AppliedUndef):
        derivative = derivative.doit()
    return derivative


def derivative_equal(
    expr: sympy.Basic, var: sympy.Symbol, claimed: sympy.Basic, order: int = 1
) -> tuple[bool, str]:
    """Is ``claimed`` equal to the ``order``-th derivative of ``expr`` with respect to ``var``
    on the real domain of ``expr``?"""
    reference = reference_derivative(expr, var, order)
    if _symbolic_equal(reference, claimed):
        return True, "symbolically equal"
    if order == 1 and reference.has(sympy.Derivative) and not expr.has(AppliedUndef):
        # sympy could not finish: differentiate numerically instead.
        symbols = _ordered(expr.free_symbols | claimed.free_symbols | {var})
        with mpmath.workdps(DPS):
            try:
                numeric = _numeric_derivative(expr, var, symbols)
            except Unevaluable as error:
                return False, f"cannot compare numerically: {error}"
            return _numeric_equal(expr, claimed, symbols, (expr,), reference_fn=(numeric,) * 3)
    return equal(reference, claimed, {var}, domain=(expr,))


def limit_equal(
    expr: sympy.Basic,
    var: sympy.Symbol,
    point: sympy.Basic,
    claimed: sympy.Basic,
    direction: str = "+-",
) -> tuple[bool, str]:
    """Is ``claimed`` the limit of ``expr`` as ``var`` -> ``point`` (``direction`` '+', '-' or
    '+-')? Evaluates ``expr`` at a distance LIMIT_EPS from the point at LIMIT_DPS digits, on each
    requested side; if that disagrees and the expression is small, asks ``sympy.limit``."""
    expr, point, claimed = sympy.sympify(expr), sympy.sympify(point), sympy.sympify(claimed)
    t = sympy.Dummy("t", real=True)
    if point is sympy.oo:
        near, sides = expr.xreplace({var: 1 / t}), [LIMIT_EPS]
    elif point == -sympy.oo:
        near, sides = expr.xreplace({var: -1 / t}), [LIMIT_EPS]
    else:
        near = expr.xreplace({var: point + t})
        sides = {"+": [LIMIT_EPS], "-": [-LIMIT_EPS]}.get(direction, [LIMIT_EPS, -LIMIT_EPS])
    free = _ordered((near.free_symbols | claimed.free_symbols) - {t})
    symbols = free + (t,)
    ok, reason = True, ""
    with mpmath.workdps(LIMIT_DPS):
        for side in sides:
            ok, reason = _numeric_equal(near, claimed, symbols, (), fixed=(side,))
            if not ok:
                reason = f"{'right' if side > 0 else 'left'}-hand side: {reason}"
                break
    if ok and not reason.startswith(UNCHECKED):
        return True, f"numeric limit: {reason}"
    if tree_size(expr, 30) <= 30:
        try:
            side = direction if direction in ("+", "-", "+-") else "+-"
            exact = sympy.limit(expr, var, point, side)
        except (NotImplementedError, ValueError, TypeError):
            exact = None
        if exact is not None and not exact.has(sympy.Limit):
            exact_ok, exact_reason = equal(exact, claimed)
            return exact_ok, f"sympy.limit: {exact_reason}"
    return ok, reason


# ---------------------------------------------------------------------------------------------
# Trees
# ---------------------------------------------------------------------------------------------


def _short(expr: object, width: int = 70) -> str:
    text = str(expr)
    return text if len(text) <= width else text[: width - 3] + "..."


def check_node(step: Step, require_checked: bool = False) -> list[str]:
    """The failures of one node (not its children). With ``require_checked``, a node that could
    not be checked numerically (its expression is nowhere real, see _compare) is a failure."""
    problems: list[str] = []
    if not isinstance(step.result, sympy.Basic) or not isinstance(step.expr, sympy.Basic):
        return [f"expr/result must be sympy objects, got {type(step.expr)}, {type(step.result)}"]
    if step.rule != "unknown" and step.result.has(sympy.Derivative):
        problems.append("result holds an unevaluated Derivative")
    ok, reason = True, ""
    if step.kind == "diff":
        if step.var is None:
            return problems + ["diff step without a variable"]
        ok, reason = derivative_equal(step.expr, step.var, step.result)
    elif step.kind == "rewrite" and isinstance(step.result, (sympy.MatrixBase, sympy.Tuple)):
        ok, reason = elementwise(step.expr, step.result, equal, None)
    elif step.kind == "rewrite":
        ok, reason = equal(step.expr, step.result)
    elif step.kind == "limit":
        if step.var is None or "point" not in step.details:
            return problems + ["limit step needs var and details['point']"]
        direction = str(step.details.get("dir", "+-"))
        ok, reason = limit_equal(step.expr, step.var, step.details["point"], step.result, direction)
    elif step.kind == "sequence":
        if not step.children:
            return problems + ["sequence step without children"]
        ok, reason = equal(step.children[-1].result, step.result)
    elif (solver := check_solver_kind(step, equal)) is not None:
        ok, reason = solver
    else:
        problems.append(f"unknown kind {step.kind!r}")
    if not ok or (require_checked and reason.startswith(UNCHECKED)):
        problems.append(reason)
    return problems


def _walk(step: Step, path: str = "root") -> Iterator[tuple[str, Step]]:
    yield path, step
    for i, child in enumerate(step.children):
        yield from _walk(child, f"{path}/{i}")


def check_tree(step: Step, require_checked: bool = False) -> list[str]:
    """Every failure in the tree, one line each ("where [rule, kind] expr -> result: why");
    an empty list means every node is mathematically sound. With ``require_checked``, nodes
    that could not be checked numerically (nowhere-real expressions) count as failures too:
    use it where every input has a real domain, as in the textbook corpus."""
    failures = []
    for path, node in _walk(step):
        for problem in check_node(node, require_checked):
            failures.append(
                f"{path} [{node.rule}, {node.kind}] "
                f"{_short(node.expr)} -> {_short(node.result)}: {problem}"
            )
    return failures
