"""One-line Unicode notation for the terminal: ``2x sin x + x² cos x``, ``log₂ x``, ``e^(3x)``.

Products (factors in sympy's order) are joined by these rules, first match wins:

1. after a function application or a ``^`` power: `` · `` (``sin x · cos x``, ``e^x · sin x``);
2. before a number: ``·`` (``2·3``, ``x·2``);
3. after a number: nothing (``2x``, ``3x²``, ``2(x + 1)``, ``2e^x``), a space before a
   function (``2 sin x``), ``·`` between a decimal and e (``1.5·e^x``, not ``1.5e^x``);
4. after a root: a space (``√x sin x``, ``√x (x + 1)``, not ``√x(x + 1)``);
5. before a group ``(…)``, ``√…``, ``|…|``: nothing (``x(x + 1)``, ``x√x``);
6. otherwise a space (``x y``, ``x² cos x``, ``x e^x``).

Quotients are ``num/den``: a sum or several factors below the bar get parentheses
(``(x + 1)/(x − 1)``, ``1/(x ln 10)``), a single factor does not (``1/x²``, ``1/ln 10``,
``1/sin x``); the slash gets spaces when the numerator ends in a function or ``^`` power
(``sin x / x``, ``e^x / x``). Negative signs are U+2212 (``−sin x``, ``x − 1``).
"""

from __future__ import annotations

from sympy import Abs, Expr, Limit, Rational, S, Subs, exp
from sympy.core.function import AppliedUndef
from sympy.printing.precedence import PRECEDENCE, precedence
from sympy.printing.str import StrPrinter

from tutor.notation._common import (
    FUNCTION_NAMES,
    LogBase,
    WrittenOrderMixin,
    is_bare_argument,
    is_function_application,
    is_power_on_name,
    product_parts,
    subscript,
    superscript,
    text_symbol,
)
from tutor.notation.labels import text_operator

MINUS = "−"
_RELATIONS = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥", "<": "<", ">": ">"}
_GROUP_STARTS = ("(", "√", "∛", "|")
_ROOTS = (Rational(1, 2), Rational(1, 3))  # written √x and ∛x


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def _is_caret_power(expr: Expr) -> bool:
    """Powers written with ``^`` (``e^x``, ``2^x``, ``x^(1/4)``) rather than x², √x or 1/x."""
    if isinstance(expr, exp):
        return True
    if not expr.is_Pow:
        return False
    e = expr.exp
    superscript_or_reciprocal = e.is_Integer and e.is_positive or e.is_Rational and e.is_negative
    return not (superscript_or_reciprocal or e in _ROOTS)


class TextPrinter(WrittenOrderMixin, StrPrinter):
    """sympy's StrPrinter with textbook notation; see the module docstring for products."""

    _default_settings = {**StrPrinter._default_settings, "full_prec": False}

    # --- atoms -----------------------------------------------------------------------------
    def _print_Symbol(self, expr: Expr) -> str:
        return text_symbol(expr.name)

    def _print_Integer(self, expr: Expr) -> str:
        return _minus(str(expr.p))

    def _print_Rational(self, expr: Expr) -> str:
        return _minus(f"{expr.p}/{expr.q}")

    def _print_Float(self, expr: Expr) -> str:
        text = super()._print_Float(expr)
        mantissa, marker, exponent = text.partition("e")
        if marker:  # 1.7e-9 -> 1.7 × 10⁻⁹: "e" would read as Euler's number
            text = f"{mantissa} × 10{superscript(str(int(exponent)))}"
        return _minus(text)

    def _print_Exp1(self, expr: Expr) -> str:
        return "e"

    def _print_Pi(self, expr: Expr) -> str:
        return "π"

    def _print_Infinity(self, expr: Expr) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: Expr) -> str:
        return MINUS + "∞"

    def _print_ImaginaryUnit(self, expr: Expr) -> str:
        return "i"

    # --- sums, products, powers --------------------------------------------------------------
    def _print_Add(self, expr: Expr, order: str | None = None) -> str:
        out = ""
        for i, term in enumerate(self._as_ordered_terms(expr, order=order)):
            text = self._print(term)
            negative = text.startswith(MINUS)
            if i == 0:
                out = text
            else:
                out += (" − " + text[1:]) if negative else (" + " + text)
        return out

    def _print_Mul(self, expr: Expr) -> str:
        negative, num, den = product_parts(expr, written=self._settings["order"] == "none")
        text = self._product(num) if num else "1"
        if den:
            below = self._product(den)
            if len(den) > 1:
                below = f"({below})"
            tail = num[-1] if num else None
            spaced = tail is not None and (is_function_application(tail) or _is_caret_power(tail))
            text += (" / " if spaced else "/") + below
        return (MINUS if negative else "") + text

    def _product(self, factors: list[Expr]) -> str:
        out = ""
        previous: Expr | None = None
        for f in factors:
            text = self._print(f)
            if precedence(f) < PRECEDENCE["Mul"] or f.is_Mul:
                text = f"({text})"
            if previous is not None:
                out += self._separator(previous, f, text)
            out += text
            previous = f
        return out

    @staticmethod
    def _separator(left: Expr, right: Expr, right_text: str) -> str:
        if is_function_application(left) or _is_caret_power(left):
            return " · "
        if right.is_Number or right_text[0].isdigit():
            return "·"
        if left.is_Float and right_text.startswith("e"):
            return "·"  # 1.5·e^x: 1.5e^x would read as 1.5 × 10^x
        if left.is_Float and "e" in str(left):
            return " "  # 1.7 × 10⁻⁹ x
        if left.is_Number:
            return " " if is_function_application(right) else ""
        if left.is_Pow and left.exp in _ROOTS:
            return " "
        return "" if right_text.startswith(_GROUP_STARTS) else " "

    def _print_Pow(self, expr: Expr, rational: bool = False) -> str:
        base, e = expr.args
        if e.is_Rational and e.is_negative:
            return self._print_Mul(expr)
        if base is S.Exp1:
            return self._exp_text(e)
        if e in _ROOTS:
            return ("√" if e.q == 2 else "∛") + self._wrap(base, is_bare_argument(base))
        if is_power_on_name(expr):
            return self._named(FUNCTION_NAMES[type(base)][0] + superscript(str(e)), base.args[0])
        bare_base = is_bare_argument(base) or isinstance(base, Abs | AppliedUndef)
        base_text = self._wrap(base, bare_base and not (base.is_Number and base.is_negative))
        if e.is_Integer and e.is_positive:
            return base_text + superscript(str(e))
        return f"{base_text}^{self._wrap(e, is_bare_argument(e))}"

    def _wrap(self, expr: Expr, bare: bool) -> str:
        return self._print(expr) if bare else f"({self._print(expr)})"

    def _exp_text(self, e: Expr) -> str:
        return "e^" + self._wrap(e, is_bare_argument(e))

    # --- functions ---------------------------------------------------------------------------
    def _named(self, name: str, arg: Expr) -> str:
        if is_bare_argument(arg):
            return f"{name} {self._print(arg)}"
        return f"{name}({self._print(arg)})"

    def _print_named_function(self, expr: Expr) -> str:
        return self._named(FUNCTION_NAMES[type(expr)][0], expr.args[0])

    def _print_LogBase(self, expr: LogBase) -> str:
        u, b = expr.args
        base = self._print(b)
        sub = subscript(base)
        if sub is None:
            sub = "_" + (base if len(base) == 1 else f"({base})")
        return self._named("log" + sub, u)

    def _print_exp(self, expr: Expr) -> str:
        return self._exp_text(expr.args[0])

    def _print_Abs(self, expr: Expr) -> str:
        return f"|{self._print(expr.args[0])}|"

    # --- calculus ----------------------------------------------------------------------------
    def _operand(self, expr: Expr) -> str:
        """What d/dx or lim applies to: bare when a single symbol or f(x), else in brackets."""
        text = self._print(expr)
        return text if is_bare_argument(expr) or isinstance(expr, AppliedUndef) else f"[{text}]"

    def _print_Derivative(self, expr: Expr) -> str:
        if not all(n.is_Integer for _, n in expr.variable_count):
            return super()._print_Derivative(expr)
        names = [self._print(v) for v, n in expr.variable_count for _ in range(n)]
        partial = len(set(names)) > 1 or len(expr.expr.free_symbols) > 1
        return f"{text_operator(names, partial)} {self._operand(expr.expr)}"

    def _print_Subs(self, expr: Subs) -> str:
        inner, old, new = expr.args
        pairs = zip(old, new, strict=True)
        points = ", ".join(f"{self._print(o)} = {self._print(n)}" for o, n in pairs)
        return f"[{self._print(inner)}] at {points}"

    def _print_Limit(self, expr: Limit) -> str:
        inner, var, point, direction = expr.args
        side = "" if point.is_infinite or str(direction) == "+-" else superscript(str(direction))
        return f"lim_({self._print(var)}→{self._print(point)}{side}) {self._operand(inner)}"

    def _print_Relational(self, expr: Expr) -> str:
        op = _RELATIONS.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"


# Dispatch every function of the name table to the one printer method.
for _cls in FUNCTION_NAMES:
    setattr(TextPrinter, f"_print_{_cls.__name__}", TextPrinter._print_named_function)
