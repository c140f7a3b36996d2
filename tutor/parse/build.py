"""Builder: the only place this package creates sympy objects, each behind a guard.

Both syntaxes build through one ``Builder``: the calculator parser node by node, the LaTeX path
by rebuilding latex2sympy's unevaluated tree. Objects are made directly (``sympy.Integer``,
``sympy.Symbol(name, real=True)``, ``sympy.Add``/``Mul``/``Pow`` and the whitelisted function
classes below); no string ever reaches sympy's parser.

sympy evaluates numbers eagerly (``Pow(9, 9**9)`` computes a 370-million-digit integer), so
before each construction the builder estimates the size of the numbers sympy would
materialise (``numeric_size``) and refuses anything over ``Limits.max_result_digits``;
factorials, gamma and beta values and roots of huge numbers have their own guards, and every
step checks the CPU-time ``Deadline``. Refusals are ``ParseError``s without a position; the
caller locates them.

A *written* builder (``Builder.written()``, ``evaluate=False``) builds the same nodes unevaluated
(``sympy.Add(..., evaluate=False)`` and so on), so ``2+3``, ``x + x`` and ``2*3x`` keep the form
the student typed; a negated number literal is still a negative number (``-3``, not ``-1*3``).
It never repeats the size guards: a written tree is only built for a reading an evaluating
builder has already built, and evaluating the written tree (``.doit()``) performs exactly the
constructions that build performed and passed. For the same reason a parser takes its
decisions (``sin^(-1)`` is arcsin?) on evaluated values and repeats them when it builds the
written form, so both follow the same path.
We pass ``evaluate=False`` per constructor rather than building inside
``sympy.evaluate(False)``, which would also change the guards' own arithmetic.

To add a function: give it an arity in ``tutor.parse.vocabulary.FUNCTION_ARITY`` and a branch
in ``Builder.call`` (a plain sympy class goes in ``_PLAIN_FUNCTIONS``), guarded if sympy can
evaluate it to a large number.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from fractions import Fraction

import sympy

from tutor.parse.errors import ParseError
from tutor.parse.limits import Limits

_LOG10_2 = math.log10(2)

# Canonical name -> sympy class, for functions whose evaluation cannot blow up.
_PLAIN_FUNCTIONS = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "cot": sympy.cot,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "asec": sympy.asec,
    "acsc": sympy.acsc,
    "acot": sympy.acot,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "sech": sympy.sech,
    "csch": sympy.csch,
    "coth": sympy.coth,
    "asinh": sympy.asinh,
    "acosh": sympy.acosh,
    "atanh": sympy.atanh,
    "asech": sympy.asech,
    "acsch": sympy.acsch,
    "acoth": sympy.acoth,
    "exp": sympy.exp,
    "erf": sympy.erf,
    "abs": sympy.Abs,
}


class Deadline:
    """A budget of this thread's CPU time; ``check()`` raises ParseError once it is spent.
    ``within``: an enclosing budget (a whole answer's) that may end sooner.

    CPU time, not wall-clock time: a reading is pure computation, so its CPU time bounds any
    runaway input just as well, and other processes on a busy machine cannot spend it. (Read
    inside ``collector_paused()``, so a garbage collection of the whole process cannot either.)
    """

    def __init__(self, seconds: float, within: Deadline | None = None) -> None:
        self.seconds = seconds
        self._end = time.thread_time() + seconds
        if within is not None and within._end < self._end:  # the enclosing budget ends first
            self.seconds, self._end = within.seconds, within._end

    def check(self) -> None:
        if time.thread_time() > self._end:
            raise ParseError(
                f"this expression took too long to read (over {self.seconds:g} s); "
                "try a simpler form"
            )


def integer_digits(n: int) -> float:
    """An estimate of the number of decimal digits of ``n`` (from its bit length)."""
    return abs(n).bit_length() * _LOG10_2


def numeric_size(expr: sympy.Basic) -> float:
    """Estimated digits of the numbers sympy would combine when it evaluates with ``expr``.

    Rationals count their larger part; a power counts its base (see ``power_base_size``)
    times a rational exponent; a product counts all its factors (sympy multiplies them out);
    a sum counts its largest term (sympy distributes a coefficient over it). Anything else --
    symbols, function values, powers with symbolic exponents -- counts zero, since sympy
    leaves them alone.
    """
    if expr.is_Rational:
        return max(integer_digits(expr.p), integer_digits(expr.q))
    if expr.is_Pow and expr.exp.is_Rational:
        return scaled_size(power_base_size(expr.base), expr.exp)
    if expr.is_Mul:
        return sum(numeric_size(arg) for arg in expr.args)
    if expr.is_Add:
        return max(numeric_size(arg) for arg in expr.args)
    return 0.0


def power_base_size(base: sympy.Basic) -> float:
    """``numeric_size`` of a power's base: sympy never expands a power of a sum."""
    return 0.0 if base.is_Add else numeric_size(base)


def scaled_size(size: float, exponent: sympy.Rational) -> float:
    """``size * |exponent|`` without float overflow (exponents may have thousands of digits)."""
    if not size:
        return 0.0
    try:
        return float(Fraction(abs(exponent.p), exponent.q) * Fraction(size))
    except OverflowError:
        return math.inf


class Builder:
    """Guarded constructors for one parse, sharing its limits, deadline and log convention."""

    def __init__(
        self, limits: Limits, deadline: Deadline, log_default: str, evaluate: bool = True
    ) -> None:
        self.limits = limits
        self.deadline = deadline
        self.log_default = log_default
        self.evaluate = evaluate

    def written(self) -> Builder:
        """A builder for the written (unevaluated) form, sharing this one's deadline."""
        return Builder(self.limits, self.deadline, self.log_default, evaluate=False)

    # Atoms ------------------------------------------------------------------------------

    def number(self, whole: str, fraction: str = "", exponent: str = "") -> sympy.Rational:
        """The exact value of the literal ``whole.fraction`` times ten to ``exponent``, all
        given as digit strings (the exponent may carry a sign); an Integer when whole."""
        self._check_literal_digits(len(whole) + len(fraction))
        power = self._power_of_ten(exponent)
        numerator = int(whole + fraction or "0")
        denominator = 10 ** len(fraction)
        if power >= 0:
            numerator *= 10**power
        else:
            denominator *= 10**-power
        return sympy.Rational(numerator, denominator)

    def symbol(self, name: str) -> sympy.Symbol:
        return sympy.Symbol(name, real=True)

    # Arithmetic ---------------------------------------------------------------------------

    def add(self, terms: Sequence[sympy.Expr]) -> sympy.Expr:
        if not self.evaluate:
            self.deadline.check()
            return sympy.Add(*terms, evaluate=False)
        self._check_combined(terms)
        return sympy.Add(*terms)

    def mul(self, factors: Sequence[sympy.Expr]) -> sympy.Expr:
        if not self.evaluate:
            self.deadline.check()
            return sympy.Mul(*factors, evaluate=False)
        self._check_combined(factors)
        return sympy.Mul(*factors)

    def negate(self, value: sympy.Expr) -> sympy.Expr:
        if not self.evaluate and value.is_Rational and not value.is_negative:
            return -value  # the literal -3 is the number -3
        return self.mul([sympy.Integer(-1), value])

    def reciprocal(self, value: sympy.Expr) -> sympy.Expr:
        return self.power(value, sympy.Integer(-1))

    def power(self, base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
        self.deadline.check()
        if not self.evaluate:
            return sympy.Pow(base, exponent, evaluate=False)
        if exponent.is_Rational:
            size = power_base_size(base)
            if scaled_size(size, exponent) > self.limits.max_result_digits:
                raise ParseError(
                    f"this power is too large to evaluate (the result would "
                    f"have more than {self.limits.max_result_digits} digits)"
                )
            if not exponent.is_Integer and size > self.limits.max_integer_digits:
                raise ParseError(
                    f"roots of numbers longer than "
                    f"{self.limits.max_integer_digits} digits are not evaluated"
                )
        return sympy.Pow(base, exponent)

    def factorial(self, value: sympy.Expr) -> sympy.Expr:
        self.deadline.check()
        if not self.evaluate:
            return sympy.factorial(value, evaluate=False)
        if value.is_Integer:
            self._check_gamma(value + 1, "this factorial")
        return sympy.factorial(value)

    # Functions ----------------------------------------------------------------------------

    def call(self, name: str, args: Sequence[sympy.Expr]) -> sympy.Expr:
        """Apply the canonical function ``name`` (arity already checked by the caller)."""
        self.deadline.check()
        if name in _PLAIN_FUNCTIONS:
            return _PLAIN_FUNCTIONS[name](*args, evaluate=self.evaluate)
        if name == "ln":
            return sympy.log(args[0], evaluate=self.evaluate)
        if name == "log":
            if len(args) == 2:
                return self.log(args[0], args[1])
            return self.log(args[0], sympy.E if self.log_default == "e" else sympy.Integer(10))
        if name == "sqrt":
            return self.power(args[0], sympy.Rational(1, 2))
        if name == "cbrt":
            return self.power(args[0], sympy.Rational(1, 3))
        if name == "root":
            return self.power(args[0], self.reciprocal(args[1]))
        if name == "gamma":
            if self.evaluate:
                self._check_gamma(args[0], "this gamma value")
            return sympy.gamma(args[0], evaluate=self.evaluate)
        if name == "beta":
            if self.evaluate:
                for value in (*args, args[0] + args[1]):
                    self._check_gamma(value, "this beta value")
            return sympy.beta(*args, evaluate=self.evaluate)
        raise AssertionError(f"no constructor for function {name!r}")

    def log(self, value: sympy.Expr, base: sympy.Expr) -> sympy.Expr:
        """log of ``value`` to ``base``, kept as log(value)/log(base) unless the base is e."""
        numerator = sympy.log(value, evaluate=self.evaluate)
        if base == sympy.E:
            return numerator
        return self.mul([numerator, self.reciprocal(sympy.log(base, evaluate=self.evaluate))])

    # Guards -------------------------------------------------------------------------------

    def _power_of_ten(self, exponent: str) -> int:
        """The value of a literal's exponent ("" is 0), refusing one too large to build."""
        if not exponent:
            return 0
        limit = self.limits.max_result_digits
        digits = exponent.lstrip("+-")
        if len(digits) > len(str(limit)) or int(digits) > limit:
            raise ParseError(f"the power of ten 10^{exponent} is too large (limit {limit} digits)")
        return int(exponent)

    def _check_literal_digits(self, digits: int) -> None:
        if digits > self.limits.max_integer_digits:
            raise ParseError(
                f"a number with {digits} digits is too long "
                f"(limit {self.limits.max_integer_digits})"
            )

    def _check_combined(self, values: Sequence[sympy.Expr]) -> None:
        self.deadline.check()
        if sum(numeric_size(value) for value in values) > self.limits.max_result_digits:
            raise ParseError(
                f"the numbers in this expression are too large to combine "
                f"(limit {self.limits.max_result_digits} digits)"
            )

    def _check_gamma(self, value: sympy.Expr, shown: str) -> None:
        """Refuse gamma(value), i.e. (value-1)!, when sympy would compute a huge number."""
        if not value.is_Rational:
            return
        if abs(value) - 1 > self.limits.max_factorial:
            raise ParseError(
                f"{shown} is too large to evaluate "
                f"(factorials stop at {self.limits.max_factorial}!)"
            )
        digits = math.lgamma(abs(float(value)) + 1) / math.log(10)  # an upper bound
        if digits > self.limits.max_result_digits:
            raise ParseError(
                f"{shown} would have about {digits:.0f} digits "
                f"(limit {self.limits.max_result_digits})"
            )
