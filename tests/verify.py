"""The shared checker for derivation trees: is every step of a `Step` tree mathematically true?

Every derivation test walks its tree through :func:`check_tree`, which checks each node against
sympy according to its ``kind`` (see tutor/steps/step.py):

- ``diff``: ``result`` equals ``sympy.diff(expr, var)``;
- ``rewrite``: ``result`` equals ``expr``;
- ``limit``: ``result`` equals the limit of ``expr`` as ``var`` tends to ``details["point"]``;
- ``sequence``: ``result`` equals the last child's result;

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

Expressions are compiled once (cached) into closures over mpmath functions; no code generation,
no ``lambdify``. Node kinds mpmath lacks fall back to sympy's ``evalf``.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import mpmath
import sympy
from sympy.core.function import AppliedUndef

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

DPS = 30  # working precision (significant digits) of the numeric layer
LIMIT_DPS = 60  # precision for limits: the difference quotient cancels about 25 digits
LIMIT_EPS = mpmath.mpf("1e-25")  # distance from the limit point (1/LIMIT_EPS stands for oo)
RTOL = 1e-12  # relative agreement required ...
ATOL = 1e-12  # ... or absolute agreement near zero
REAL_TOL = 1e-20  # an imaginary part below REAL_TOL * max(1, |re|) counts as rounding
MIN_POINTS = 4  # agreeing points needed to accept
WANTED_POINTS = 6  # stop sampling after this many agreeing points
CANDIDATES = 48  # real candidate points drawn from RANGES, then as many from all ranges
REFINE = 36  # extra points near the usable ones when too few were found (narrow domains)
COMPLEX_CANDIDATES = 12
MAG_LIMIT = 2**24  # |values| beyond 2**MAG_LIMIT count as undefined, below its inverse as 0
TRIG_MAG_LIMIT = 4096  # trigonometric functions of |z| > 2**4096 count as undefined
EXPAND_MAX_NODES = 40  # expand(a - b) is tried only on trees at most this big
SEED = 1234
RANGES: tuple[tuple[float, float], ...] = (
    (-3.0, 3.0),
    (0.1, 3.0),
    (1.1, 4.0),
    (-0.9, 0.9),
    (-4.0, -1.1),
)
# Tried after RANGES, for domains such as x >= cosh(cosh(1)) or 0 < x <= 1/10.
EXTRA_RANGES: tuple[tuple[float, float], ...] = (
    (4.0, 12.0),
    (-12.0, -4.0),
    (0.001, 0.1),
    (-0.1, -0.001),
)

# Evaluation modes. Every mode rejects non-finite values.
STRICT = "strict"  # every subexpression must be real: the textbook's real domain
SEMI = "semi"  # complex values allowed, except into/out of the REAL_ONLY functions
LOOSE = "loose"  # any finite complex value (how the step's claimed result is evaluated)

Value = mpmath.mpf | mpmath.mpc
Env = Sequence[Value]
Compiled = Callable[[Env], Value]


class Undefined(ArithmeticError):
    """The expression has no usable value at this point (see the evaluation modes)."""


class Unevaluable(ValueError):
    """The expression cannot be evaluated numerically at all (undefined functions, Derivative)."""


# ---------------------------------------------------------------------------------------------
# Compiling a sympy expression into an mpmath closure
# ---------------------------------------------------------------------------------------------


def _sign(z: Value) -> Value:
    return mpmath.mpf(0) if z == 0 else mpmath.sign(z)


def _dirac(z: Value, *_: Value) -> Value:
    if z == 0:
        raise Undefined("DiracDelta at 0")
    return mpmath.mpf(0)


def _heaviside(z: Value, *_: Value) -> Value:
    if z == 0:
        raise Undefined("Heaviside at 0")
    return mpmath.mpf(1) if z > 0 else mpmath.mpf(0)


_EXP_LIMIT = 0.69 * MAG_LIMIT  # exp(z) with re(z) beyond this is beyond 2**MAG_LIMIT


def _exp(z: Value) -> Value:
    if mpmath.re(z) > _EXP_LIMIT:
        raise Undefined("overflow")
    if mpmath.re(z) < -_EXP_LIMIT:
        return mpmath.mpf(0)
    return mpmath.exp(z)


def _growing(fn: Callable[[Value], Value]) -> Callable[[Value], Value]:
    """sinh, cosh: refuse arguments whose value would be astronomically large."""

    def guarded(z: Value) -> Value:
        if abs(mpmath.re(z)) > _EXP_LIMIT:
            raise Undefined("overflow")
        return fn(z)

    return guarded


def _decaying(fn: Callable[[Value], Value]) -> Callable[[Value], Value]:
    """sech, csch: astronomically small (0) for huge arguments."""

    def guarded(z: Value) -> Value:
        if abs(mpmath.re(z)) > _EXP_LIMIT:
            return mpmath.mpf(0)
        return fn(z)

    return guarded


def _periodic(fn: Callable[[Value], Value]) -> Callable[[Value], Value]:
    """Refuse trigonometric functions of arguments too large to reduce cheaply."""

    def guarded(z: Value) -> Value:
        if z != 0 and mpmath.mag(z) > TRIG_MAG_LIMIT:
            raise Undefined("argument too large")
        return fn(z)

    return guarded


def _log_size(base: Value, exponent: Value) -> Value:
    """Roughly exponent * log(base): the log of base**exponent, to refuse huge powers."""
    if isinstance(base, mpmath.mpf) and isinstance(exponent, mpmath.mpf) and base > 0:
        magnitude = mpmath.mag(base)
        if abs(magnitude) < 1000:
            return mpmath.mpf(float(exponent) * math.log(float(base)))
        return exponent * magnitude * mpmath.ln2
    with mpmath.workprec(24):
        return exponent * mpmath.log(base)


def _power(base: Value, exponent: Value) -> Value:
    if base == 0:
        if mpmath.re(exponent) <= 0:
            raise Undefined("0 to a non-positive power")
        return mpmath.mpf(0)
    w = _log_size(base, exponent)
    if mpmath.re(w) > _EXP_LIMIT or abs(mpmath.im(w)) > 2**TRIG_MAG_LIMIT:
        raise Undefined("overflow")
    if mpmath.re(w) < -_EXP_LIMIT:
        return mpmath.mpf(0)
    return mpmath.power(base, exponent)


_FUNCTIONS: dict[type, Callable[..., Value]] = {
    sympy.exp: _exp,
    sympy.log: mpmath.log,
    sympy.sin: _periodic(mpmath.sin),
    sympy.cos: _periodic(mpmath.cos),
    sympy.tan: _periodic(mpmath.tan),
    sympy.sec: _periodic(mpmath.sec),
    sympy.csc: _periodic(mpmath.csc),
    sympy.cot: _periodic(mpmath.cot),
    sympy.asin: mpmath.asin,
    sympy.acos: mpmath.acos,
    sympy.atan: mpmath.atan,
    sympy.asec: mpmath.asec,
    sympy.acsc: mpmath.acsc,
    sympy.acot: mpmath.acot,
    sympy.sinh: _growing(mpmath.sinh),
    sympy.cosh: _growing(mpmath.cosh),
    sympy.tanh: mpmath.tanh,
    sympy.sech: _decaying(mpmath.sech),
    sympy.csch: _decaying(mpmath.csch),
    sympy.coth: mpmath.coth,
    sympy.asinh: mpmath.asinh,
    sympy.acosh: mpmath.acosh,
    sympy.atanh: mpmath.atanh,
    sympy.asech: mpmath.asech,
    sympy.acsch: mpmath.acsch,
    sympy.acoth: mpmath.acoth,
    sympy.Abs: mpmath.fabs,
    sympy.sign: _sign,
    sympy.re: mpmath.re,
    sympy.im: mpmath.im,
    sympy.arg: mpmath.arg,
    sympy.conjugate: mpmath.conj,
    sympy.atan2: mpmath.atan2,
    sympy.floor: mpmath.floor,
    sympy.ceiling: mpmath.ceil,
    sympy.DiracDelta: _dirac,
    sympy.Heaviside: _heaviside,
}


# Functions that a real-variable tutor differentiates only on the real line: non-holomorphic
# ones (|u|, sign u, ...) and those whose textbook derivative is not the analytic continuation
# of its real form (d acosh u = u'/sqrt(u^2 - 1), d asec u = u'/(|u| sqrt(u^2 - 1)), ...).
# Outside the STRICT tier they still need a real argument and a real value.
REAL_ONLY: frozenset[type] = frozenset(
    {
        sympy.Abs,
        sympy.sign,
        sympy.re,
        sympy.im,
        sympy.arg,
        sympy.conjugate,
        sympy.floor,
        sympy.ceiling,
        sympy.atan2,
        sympy.DiracDelta,
        sympy.Heaviside,
        sympy.acosh,
        sympy.asec,
        sympy.acsc,
        sympy.asech,
        sympy.acsch,
    }
)


# |u| and sign(u) are not differentiable where u = 0; random points never hit such a point unless
# u vanishes on a whole interval (|x + |x|| for x < 0), where textbook formulas such as
# d|u| = u u'/|u| are 0/0. Outside LOOSE mode such points are not used.
KINKED: frozenset[type] = frozenset({sympy.Abs, sympy.sign})


def _off_kink(value: Value) -> Value:
    if value == 0:
        raise Undefined("at a kink of |u| or sign(u)")
    return _real(value)


def _real(value: Value) -> mpmath.mpf:
    return _checked(value, True)


def _checked(value: Value, strict: bool) -> Value:
    """Reject non-finite (and, if strict, non-real) values; drop rounding-level imaginary parts."""
    if isinstance(value, mpmath.mpc):
        re, im = value.real, value.imag
        if abs(im) <= REAL_TOL * max(1, abs(re)):
            value = re
        elif strict:
            raise Undefined("not real")
    elif not isinstance(value, mpmath.mpf):
        value = mpmath.mpmathify(value)
    if not mpmath.isfinite(value):
        raise Undefined("not finite")
    if value != 0:
        magnitude = mpmath.mag(value)
        if magnitude > MAG_LIMIT:
            raise Undefined("overflow")
        if magnitude < -MAG_LIMIT:
            return mpmath.mpf(0)
    return value


def _to_mpmath(number: sympy.Basic) -> Value:
    """A numeric sympy value (possibly complex) as mpmath, or Undefined."""
    if number.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise Undefined(str(number))
    re, im = number.as_real_imag()
    if not (re.is_number and im.is_number):
        raise Undefined(f"not a number: {number}")
    re_value = mpmath.mpf(sympy.Float(re, mpmath.mp.dps)._mpf_) if re != 0 else mpmath.mpf(0)
    if im == 0:
        return re_value
    return mpmath.mpc(re_value, mpmath.mpf(sympy.Float(im, mpmath.mp.dps)._mpf_))


def _evalf_closure(node: sympy.Basic, symbols: tuple[sympy.Symbol, ...]) -> Compiled:
    """Fallback for node types mpmath has no function for: sympy's evalf with substitution."""
    used = [(i, s) for i, s in enumerate(symbols) if s in node.free_symbols]

    def run(env: Env) -> Value:
        subs = {}
        for i, s in used:
            v = env[i]
            subs[s] = (
                sympy.Float(v.real._mpf_, mpmath.mp.dps)
                + sympy.I * sympy.Float(v.imag._mpf_, mpmath.mp.dps)
                if isinstance(v, mpmath.mpc)
                else sympy.Float(v._mpf_, mpmath.mp.dps)
            )
        return _to_mpmath(node.evalf(mpmath.mp.dps, subs=subs))

    return run


def _compile(node: sympy.Basic, symbols: tuple[sympy.Symbol, ...], mode: str) -> Compiled:
    strict = mode == STRICT
    index = {s: i for i, s in enumerate(symbols)}
    memo: dict[sympy.Basic, Compiled] = {}

    def build(n: sympy.Basic) -> Compiled:
        if n in memo:
            return memo[n]
        fn = build_uncached(n)
        memo[n] = fn
        return fn

    def build_uncached(n: sympy.Basic) -> Compiled:
        if isinstance(n, (AppliedUndef, sympy.Derivative, sympy.Subs)):
            raise Unevaluable(f"cannot evaluate {n}")
        if n.is_Symbol:
            if n not in index:
                raise Unevaluable(f"no value for symbol {n}")
            i = index[n]
            return lambda env: env[i]
        if n is sympy.zoo or n is sympy.nan or n in (sympy.oo, -sympy.oo):

            def undefined(env: Env) -> Value:
                raise Undefined(str(n))

            return undefined
        if n.is_Integer:
            constant = mpmath.mpf(int(n))
            return lambda env: constant
        if n.is_Rational:
            p, q = int(n.p), int(n.q)
            return lambda env: mpmath.mpf(p) / q
        if n.is_Float:
            exact = mpmath.mpf(n._mpf_)
            return lambda env: exact
        if n is sympy.pi:
            return lambda env: +mpmath.pi
        if n is sympy.E:
            return lambda env: +mpmath.e
        if n is sympy.I:
            unit = mpmath.mpc(0, 1)
            return lambda env: unit
        if n.is_Add:
            terms = [build(a) for a in n.args]
            return lambda env: _checked(mpmath.fsum(t(env) for t in terms), strict)
        if n.is_Mul:
            factors = [build(a) for a in n.args]
            return lambda env: _checked(mpmath.fprod(f(env) for f in factors), strict)
        if n.is_Pow:
            base = build(n.base)
            e = n.exp
            if e.is_Integer:
                k = int(e)
                if k < 0:

                    def inverse_power(env: Env) -> Value:
                        b = base(env)
                        if b == 0:
                            raise Undefined("division by zero")
                        return _checked(1 / b ** (-k), strict)

                    return inverse_power
                return lambda env: _checked(base(env) ** k, strict)
            if e == sympy.S.Half:
                return lambda env: _checked(mpmath.sqrt(base(env)), strict)
            exponent = build(e)
            return lambda env: _checked(_power(base(env), exponent(env)), strict)
        fn = _FUNCTIONS.get(type(n))
        if fn is not None:
            args = [build(a) for a in n.args]
            if type(n) in KINKED and mode != LOOSE:
                (arg,) = args
                return lambda env: _checked(fn(_off_kink(arg(env))), strict)
            if mode == SEMI and type(n) in REAL_ONLY:
                return lambda env: _real(fn(*(_real(a(env)) for a in args)))
            if len(args) == 1:
                (arg,) = args
                return lambda env: _checked(fn(arg(env)), strict)
            return lambda env: _checked(fn(*(a(env) for a in args)), strict)
        if n.has(AppliedUndef, sympy.Derivative, sympy.Subs):
            raise Unevaluable(f"cannot evaluate {n}")
        if n.is_number:
            value_by_dps: dict[int, Value] = {}

            def constant_value(env: Env) -> Value:
                dps = mpmath.mp.dps
                if dps not in value_by_dps:
                    value_by_dps[dps] = _to_mpmath(n.evalf(dps))
                return _checked(value_by_dps[dps], strict)

            return constant_value
        fallback = _evalf_closure(n, symbols)
        return lambda env: _checked(fallback(env), strict)

    return build(node)


@lru_cache(maxsize=8192)
def compiled(expr: sympy.Basic, symbols: tuple[sympy.Symbol, ...], mode: str) -> Compiled:
    """``expr`` as a function of the values of ``symbols`` (cached).

    The closure raises Undefined where the value is not finite, in STRICT mode where any
    subexpression is not real, in SEMI mode where a REAL_ONLY function gets or gives a non-real
    value. Raises Unevaluable at once for undefined functions and Derivative.
    """
    strict = mode == STRICT
    inner = _compile(sympy.sympify(expr), symbols, mode)

    def run(env: Env) -> Value:
        try:
            return _checked(inner(env), strict)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError) as error:
            if isinstance(error, Unevaluable):
                raise
            raise Undefined(str(error)) from error

    return run


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
            return _checked(mpmath.diff(along, env[k]), False)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError) as error:
            raise Undefined(str(error)) from error

    return run


# ---------------------------------------------------------------------------------------------
# Sample points
# ---------------------------------------------------------------------------------------------


@cache
def _real_points(n: int) -> tuple[tuple[float, ...], ...]:
    """Deterministic candidate points in R^n: CANDIDATES from RANGES, then CANDIDATES from
    RANGES + EXTRA_RANGES. The first coordinate cycles through the ranges, others pick one."""
    rng = random.Random(SEED)
    points = []
    for ranges in (RANGES, RANGES + EXTRA_RANGES):
        for i in range(CANDIDATES):
            point = []
            for j in range(n):
                lo, hi = ranges[i % len(ranges)] if j == 0 else rng.choice(ranges)
                point.append(rng.uniform(lo, hi))
            points.append(tuple(point))
    return tuple(points)


@cache
def _complex_points(n: int) -> tuple[tuple[complex, ...], ...]:
    rng = random.Random(SEED + 1)
    return tuple(
        tuple(complex(rng.uniform(-2, 2), rng.uniform(0.2, 1.5)) for _ in range(n))
        for _ in range(COMPLEX_CANDIDATES)
    )


def _near(found: list[tuple[float | complex, ...]]) -> Iterator[tuple[float | complex, ...]]:
    """REFINE points near the usable points found so far (read lazily, when reached)."""
    if not found:
        return
    rng = random.Random(SEED + 2)
    for k in range(REFINE):
        spread = (0.3, 0.03, 0.003)[k % 3]
        yield tuple(v + rng.uniform(-spread, spread) for v in found[k % len(found)])


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


def _tree_size(expr: sympy.Basic, limit: int) -> int:
    """Number of nodes, counting stops a little past ``limit``."""
    count = 0
    for _ in sympy.preorder_traversal(expr):
        count += 1
        if count > limit:
            break
    return count


def _expand_is_cheap(expr: sympy.Basic) -> bool:
    if _tree_size(expr, EXPAND_MAX_NODES) > EXPAND_MAX_NODES:
        return False
    return not any(
        p.exp.is_Integer and abs(int(p.exp)) > 8 and p.base.is_Add for p in expr.atoms(sympy.Pow)
    )


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
    if _expand_is_cheap(difference):
        return sympy.expand(difference) == 0
    return False


# (name, complex points?, evaluation mode of the reference and the domain expressions)
TIERS: tuple[tuple[str, bool, str], ...] = (
    ("real", False, STRICT),
    ("complex values at real points", False, SEMI),
    ("complex points", True, SEMI),
)
UNCHECKED = "unchecked: "  # prefix of the reason of a verdict reached without enough points


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
        ref, dom = reference[mode], domain[mode]
        base = _complex_points(n_free) if complex_points else _real_points(n_free)
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
                return False, f"result undefined{where} ({error}); the reference is {_show(r)}"
            if not _close(r, c):
                return False, f"differs{where}: {_show(r)} vs {_show(c)} ({tier})"
            agreeing += 1
            if agreeing >= WANTED_POINTS:
                break
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
    if _tree_size(expr, 30) <= 30:
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
