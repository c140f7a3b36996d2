"""What the text and LaTeX printers share: the function-name table and product bookkeeping.

A product is printed from a list of factors. ``product_parts`` turns a sympy ``Mul`` (or a
``Pow`` with a negative exponent) into a sign, numerator factors and denominator factors, after
pairing ``log(u) * 1/log(b)`` into a single ``LogBase(u, b)`` factor so that the printers can
write log base b.
"""

from __future__ import annotations

from functools import lru_cache

import sympy
from sympy import Expr, Function, Integer, Mul, Pow
from sympy.core.function import AppliedUndef
from sympy.printing.conventions import split_super_sub
from sympy.printing.pretty.pretty_symbology import greek_unicode
from sympy.utilities.iterables import sift


class LogBase(Function):
    """log_b(u): a printing-only stand-in for the factors ``log(u) * log(b)**-1`` of a product."""

    nargs = 2

    @classmethod
    def eval(cls, u: Expr, b: Expr) -> None:
        return None  # never evaluates: it exists only while a product is being printed


# sympy class -> (text name, LaTeX command). Add a row here to give a function its notation.
FUNCTION_NAMES: dict[type, tuple[str, str]] = {
    sympy.sin: ("sin", r"\sin"),
    sympy.cos: ("cos", r"\cos"),
    sympy.tan: ("tan", r"\tan"),
    sympy.sec: ("sec", r"\sec"),
    sympy.csc: ("csc", r"\csc"),
    sympy.cot: ("cot", r"\cot"),
    sympy.asin: ("arcsin", r"\arcsin"),
    sympy.acos: ("arccos", r"\arccos"),
    sympy.atan: ("arctan", r"\arctan"),
    sympy.asec: ("arcsec", r"\operatorname{arcsec}"),
    sympy.acsc: ("arccsc", r"\operatorname{arccsc}"),
    sympy.acot: ("arccot", r"\operatorname{arccot}"),
    sympy.sinh: ("sinh", r"\sinh"),
    sympy.cosh: ("cosh", r"\cosh"),
    sympy.tanh: ("tanh", r"\tanh"),
    sympy.sech: ("sech", r"\operatorname{sech}"),
    sympy.csch: ("csch", r"\operatorname{csch}"),
    sympy.coth: ("coth", r"\coth"),
    sympy.asinh: ("arsinh", r"\operatorname{arsinh}"),
    sympy.acosh: ("arcosh", r"\operatorname{arcosh}"),
    sympy.atanh: ("artanh", r"\operatorname{artanh}"),
    sympy.asech: ("arsech", r"\operatorname{arsech}"),
    sympy.acsch: ("arcsch", r"\operatorname{arcsch}"),
    sympy.acoth: ("arcoth", r"\operatorname{arcoth}"),
    sympy.log: ("ln", r"\ln"),
}

# Functions whose positive integer powers go on the name: sin² x, \sec^{2} x.
POWER_ON_NAME: frozenset[type] = frozenset(
    {sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot}
    | {sympy.sinh, sympy.cosh, sympy.tanh, sympy.sech, sympy.csch, sympy.coth}
)

_SUPERSCRIPT = str.maketrans("0123456789-−+=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺⁼⁽⁾ⁿⁱ")
_SUBSCRIPT = str.maketrans("0123456789-−+=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₋₋₊₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")


def _script(text: str, table: dict[int, int]) -> str | None:
    """``text`` in Unicode sub/superscript characters, or None if one has no such form."""
    out = text.translate(table)
    return None if any(a == b and not a.isspace() for a, b in zip(text, out, strict=True)) else out


def superscript(text: str) -> str:
    return _script(text, _SUPERSCRIPT) or f"^({text})"


def subscript(text: str) -> str | None:
    return _script(text, _SUBSCRIPT)


@lru_cache(maxsize=4096)
def text_symbol(name: str) -> str:
    """A symbol name for the terminal: ``x_1`` -> ``x₁``, ``theta`` -> ``θ``."""
    base, sups, subs = split_super_sub(name)
    out = greek_unicode.get(base, base)
    for sub in subs:
        out += subscript(sub) or f"_{sub}"
    for sup in sups:
        out += superscript(sup)
    return out


def is_bare_argument(arg: Expr) -> bool:
    """True when an argument needs no parentheses: a symbol, constant or non-negative number."""
    if arg.is_Symbol or arg.is_NumberSymbol:
        return True
    return bool((arg.is_Integer or arg.is_Float) and not arg.is_negative)


def is_power_on_name(expr: Expr) -> bool:
    """``sin(x)**2`` and the like: written sin² x."""
    return bool(
        expr.is_Pow
        and type(expr.base) in POWER_ON_NAME
        and expr.exp.is_Integer
        and expr.exp.is_positive
    )


def is_named_function(expr: Expr) -> bool:
    """A function written as a name before its argument: sin x, ln x, log₂ x, sin² x."""
    return type(expr) in FUNCTION_NAMES or isinstance(expr, LogBase) or is_power_on_name(expr)


def is_function_application(expr: Expr) -> bool:
    """Anything written ``name(args)`` or ``name arg``, plus d/dx, lim and substitution."""
    if isinstance(expr, sympy.exp | sympy.Abs):
        return False
    return bool(
        isinstance(expr, Function | AppliedUndef | sympy.Derivative | sympy.Subs | sympy.Limit)
        or is_power_on_name(expr)
    )


def named_argument(expr: Expr) -> Expr:
    """The argument of a named function or of a power written on the name."""
    return expr.base.args[0] if expr.is_Pow else expr.args[0]


def _is_log_base(b: Expr) -> bool:
    """A base worth writing as log_b: a positive number other than 1, or a positive constant."""
    if not (b.is_Rational or b.is_Symbol or b.is_NumberSymbol):
        return False
    return bool(b.is_positive) and b != 1


def _is_inverse_log_base(f: Expr) -> bool:
    """``1/log(b)`` with b a base worth writing as log_b."""
    return bool(
        f.is_Pow and f.exp == -1 and isinstance(f.base, sympy.log) and _is_log_base(f.base.args[0])
    )


def pair_log_bases(factors: list[Expr]) -> list[Expr]:
    """Replace each pair ``log(u)``, ``log(b)**-1`` of a product's factors by ``LogBase(u, b)``."""
    bases = [i for i, f in enumerate(factors) if _is_inverse_log_base(f)]
    if not bases:
        return factors
    logs = [i for i, f in enumerate(factors) if isinstance(f, sympy.log)]
    out: dict[int, Expr | None] = dict(enumerate(factors))
    for base_index, log_index in zip(bases, logs, strict=False):
        out[log_index] = LogBase(factors[log_index].args[0], factors[base_index].base.args[0])
        out[base_index] = None
    return [f for f in out.values() if f is not None]


def _sort_key(expr: Expr) -> tuple:
    return expr.sort_key()


def is_unevaluated(expr: Expr) -> bool:
    """True for a sum, product or power built with evaluate=False, whose order is the author's."""
    return expr.func(*expr.args) != expr


class WrittenOrderMixin:
    """For printers made with ``order="none"``: sums built unevaluated keep their written order,
    while evaluated sums inside them are still printed in textbook order (x² + 2x + 1)."""

    def _as_ordered_terms(self, expr, order=None):
        if (order or self.order) == "none" and not is_unevaluated(expr):
            return expr.as_ordered_terms()
        return super()._as_ordered_terms(expr, order=order)


def ordered_factors(expr: Expr, written: bool = False) -> list[Expr]:
    """A product's factors in sympy's printing order; any other expression is one factor.

    ``written=True`` keeps the order the product was built in (an unevaluated rule form).
    """
    if not isinstance(expr, Mul):
        return [expr]
    if written and is_unevaluated(expr):
        return list(expr.args)
    # Mul.as_ordered_factors would also split -1 off a negative coefficient: -2 -> -1, 2.
    commutative, other = sift(expr.args, lambda f: f.is_commutative, binary=True)
    return sorted(commutative, key=_sort_key) + other


def _split_sign(factors: list[Expr]) -> tuple[bool, list[Expr]]:
    """Take a leading negative number's sign off: [-3, x] -> (True, [3, x]), [-1, x] -> [x]."""
    if factors and factors[0].is_Number and factors[0].is_negative:
        first = -factors[0]
        return True, ([] if first == 1 else [first]) + factors[1:]
    return False, factors


def _split_fraction(factors: list[Expr]) -> tuple[list[Expr], list[Expr]]:
    """Numerator and denominator factors: x**-2 goes below as x**2, 3/4 as 3 over 4."""
    num: list[Expr] = []
    den: list[Expr] = []
    for f in factors:
        if f.is_Rational and not f.is_Integer and f.p > 0:
            if f.p != 1:
                num.append(Integer(f.p))
            den.append(Integer(f.q))
        elif f.is_Pow and f.is_commutative and f.exp.is_Rational and f.exp.is_negative:
            den.append(f.base if f.exp == -1 else Pow(f.base, -f.exp, evaluate=False))
        else:
            num.append(f)
    return num, den


def product_parts(expr: Expr, written: bool = False) -> tuple[bool, list[Expr], list[Expr]]:
    """(negative, numerator factors, denominator factors) of a product or reciprocal power."""
    negative, factors = _split_sign(pair_log_bases(ordered_factors(expr, written)))
    num, den = _split_fraction(factors)
    return negative, num, den
