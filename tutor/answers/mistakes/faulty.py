"""A small "faulty differentiator": the textbook rules with one rule misapplied at one site.

``Differentiator(function, var)`` walks the function once, the way a student does (sum, constant
multiple, product, quotient, power, exponential, table function with the chain rule), calling
``sympy.diff`` only for leaves it has no rule for. Every place where a known mistake can happen is
a ``Site``: its path in the walk, its fault (one of FAULTS), the subexpression, and the right and
wrong local derivatives (for the feedback). ``with_faults({path: fault, ...})`` is the whole
derivative with those sites misapplied; it recomputes only the nodes above the faulty sites and
reuses the correct derivative of every other subtree, so each candidate is cheap.

To add a fault: give it a name in FAULTS, return it from the rule's ``combine`` in the wrong-
values dict (the value is the node's derivative with the fault applied, built from the correct
derivatives of its children), and map it to a tag and wording in ``derivative.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from tutor.steps.functions import table_row

DROP_INNER = "drop_inner"  # chain rule: g'(h) without h'
PRODUCT_OF_DERIVATIVES = "product_of_derivatives"  # (fg)' = f'g'
PRODUCT_MINUS = "product_minus"  # (fg)' = f'g - fg'
QUOTIENT_REVERSED = "quotient_reversed"  # (f/g)' = (fg' - f'g)/g²
QUOTIENT_NO_SQUARE = "quotient_no_square"  # (f/g)' = (f'g - fg')/g
POWER_RULE_ON_EXP = "power_rule_on_exp"  # (a^h)' = h a^(h-1) h'
EXP_RULE_ON_POWER = "exp_rule_on_power"  # (g^n)' = g^n ln g · g'
TRIG_SIGN = "trig_sign"  # sin' = -cos, cos' = sin, cosh' = -sinh
MISSING_LN = "missing_ln"  # (a^h)' = a^h h', (log_b g)' = g'/g: the ln a or 1/ln b dropped
FAULTS = (
    DROP_INNER,
    PRODUCT_OF_DERIVATIVES,
    PRODUCT_MINUS,
    QUOTIENT_REVERSED,
    QUOTIENT_NO_SQUARE,
    POWER_RULE_ON_EXP,
    EXP_RULE_ON_POWER,
    TRIG_SIGN,
    MISSING_LN,
)
SIGN_CONFUSED = (sp.sin, sp.cos, sp.cosh)  # functions whose derivative's sign students flip

Path = tuple[int, ...]
Combine = Callable[[Sequence[sp.Expr]], tuple[sp.Expr, dict[str, sp.Expr]]]


@dataclass(frozen=True)
class Site:
    path: Path
    fault: str
    expr: sp.Expr  # the subexpression where the rule is misapplied
    right: sp.Expr  # its correct derivative
    wrong: sp.Expr  # its derivative with the fault
    parts: Mapping[str, sp.Expr] = field(default_factory=dict)  # chain: outer, inner


@dataclass
class _Node:
    children: tuple[sp.Expr, ...]
    combine: Combine
    right: sp.Expr = sp.S.Zero
    wrong: dict[str, sp.Expr] = field(default_factory=dict)


def _leaf(value: sp.Expr) -> tuple[tuple[sp.Expr, ...], Combine]:
    return (), lambda ds: (value, {})


class Differentiator:
    """The walk of one function; see the module docstring."""

    def __init__(self, function: sp.Expr, var: sp.Symbol, max_nodes: int = 200) -> None:
        self.var = var
        self.nodes: dict[Path, _Node] = {}
        self.sites: list[Site] = []
        self.parts: dict[Path, dict[str, sp.Expr]] = {}
        self._max_nodes = max_nodes
        self._recording = True
        self.derivative = self._record(function, ())
        self._recording = False

    # --- the walk ---------------------------------------------------------------------------
    def _record(self, expr: sp.Expr, path: Path) -> sp.Expr:
        if len(self.nodes) >= self._max_nodes:
            raise OverflowError("function too large for mistake models")
        children, combine = self._rule(expr, path)
        node = _Node(children, combine)
        self.nodes[path] = node
        derivatives = [self._record(c, path + (i,)) for i, c in enumerate(children)]
        node.right, node.wrong = combine(derivatives)
        for fault, wrong in node.wrong.items():
            parts = self.parts.get(path, {}) if fault == DROP_INNER else {}
            self.sites.append(Site(path, fault, expr, node.right, wrong, parts))
        return node.right

    def with_faults(self, faults: Mapping[Path, str], path: Path = ()) -> sp.Expr:
        """The derivative with ``faults`` (path -> fault) applied, other subtrees reused."""
        node = self.nodes[path]
        if path in faults:
            return node.wrong[faults[path]]
        if not any(p[: len(path)] == path for p in faults):
            return node.right
        derivatives = [self.with_faults(faults, path + (i,)) for i in range(len(node.children))]
        return node.combine(derivatives)[0]

    # --- the rules ----------------------------------------------------------------------------
    def _rule(self, expr: sp.Expr, path: Path) -> tuple[tuple[sp.Expr, ...], Combine]:
        x = self.var
        if x not in expr.free_symbols:
            return _leaf(sp.S.Zero)
        if expr == x:
            return _leaf(sp.S.One)
        if isinstance(expr, sp.Add):
            return expr.args, lambda ds: (sp.Add(*ds), {})
        if isinstance(expr, sp.Mul):
            return self._mul(expr)
        if isinstance(expr, sp.Pow):
            return self._pow(expr, path)
        if isinstance(expr, sp.exp):
            return self._exp(expr, path)
        if table_row(expr) is not None:
            return self._function(expr, path)
        return _leaf(sp.diff(expr, x))

    def _mul(self, expr: sp.Expr) -> tuple[tuple[sp.Expr, ...], Combine]:
        x = self.var
        c = sp.Mul(*[f for f in expr.args if x not in f.free_symbols])
        factors = [f for f in expr.args if x in f.free_symbols]
        den = [f for f in factors if f.is_Pow and f.exp.is_number and f.exp.is_negative]
        num = [f for f in factors if f not in den]
        children: tuple[sp.Expr, ...]
        if num and den:
            u, v = sp.Mul(*num), sp.Mul(*[f.base ** (-f.exp) for f in den])
            children, combine = (u, v), _quotient(c, u, v)
        elif len(factors) >= 2:
            children, combine = tuple(factors), _product(c, factors)
        else:
            children, combine = (factors[0],), lambda ds: (c * ds[0], {})
        base = log_base(expr)
        return children, combine if base is None else _without_log_base(combine, base)

    def _pow(self, expr: sp.Pow, path: Path) -> tuple[tuple[sp.Expr, ...], Combine]:
        b, n = expr.base, expr.exp
        x = self.var
        if x not in n.free_symbols:
            wrong = {EXP_RULE_ON_POWER: expr * sp.log(b)}
            return (b,), self._chain(path, b, n * b ** (n - 1), wrong)
        if x not in b.free_symbols:
            wrong = {POWER_RULE_ON_EXP: n * b ** (n - 1), MISSING_LN: expr}
            return (n,), self._chain(path, n, expr * sp.log(b), wrong)

        def combine(ds: Sequence[sp.Expr]) -> tuple[sp.Expr, dict[str, sp.Expr]]:
            db, dn = ds
            right = expr * (dn * sp.log(b) + n * db / b)
            as_power, as_exponential = n * b ** (n - 1) * db, expr * sp.log(b) * dn
            return right, {POWER_RULE_ON_EXP: as_power, EXP_RULE_ON_POWER: as_exponential}

        return (b, n), combine

    def _exp(self, expr: sp.Expr, path: Path) -> tuple[tuple[sp.Expr, ...], Combine]:
        h = expr.args[0]
        return (h,), self._chain(path, h, expr, {POWER_RULE_ON_EXP: h * sp.exp(h - 1)})

    def _function(self, expr: sp.Expr, path: Path) -> tuple[tuple[sp.Expr, ...], Combine]:
        h = expr.args[0]
        row = table_row(expr)
        assert row is not None  # _rule dispatches here only for table functions
        outer = row.derivative(h)
        wrong = {TRIG_SIGN: -outer} if isinstance(expr, SIGN_CONFUSED) else {}
        return (h,), self._chain(path, h, outer, wrong)

    def _chain(
        self, path: Path, inner: sp.Expr, outer: sp.Expr, faults: Mapping[str, sp.Expr]
    ) -> Combine:
        """g(h)' = g'(h)·h'; ``faults`` are wrong outer derivatives, each times h' too."""

        def combine(ds: Sequence[sp.Expr]) -> tuple[sp.Expr, dict[str, sp.Expr]]:
            dh = ds[0]
            wrong = {fault: value * dh for fault, value in faults.items()}
            if inner != self.var and dh != 1:
                wrong = {DROP_INNER: outer, **wrong}
                if self._recording:
                    self.parts[path] = {"outer": outer, "inner": dh}
            return outer * dh, wrong

        return combine


def log_base(expr: sp.Expr) -> sp.Expr | None:
    """b when the product ``expr`` has the constant factor 1/ln b (sympy's log base b)."""
    for f in sp.Mul.make_args(expr):
        if f.is_Pow and f.exp == -1 and isinstance(f.base, sp.log) and f.base.args[0].is_number:
            return f.base.args[0]
    return None


def _without_log_base(combine: Combine, base: sp.Expr) -> Combine:
    def with_fault(ds: Sequence[sp.Expr]) -> tuple[sp.Expr, dict[str, sp.Expr]]:
        right, wrong = combine(ds)
        return right, {**wrong, MISSING_LN: right * sp.log(base)}

    return with_fault


def _product(c: sp.Expr, factors: Sequence[sp.Expr]) -> Combine:
    def combine(ds: Sequence[sp.Expr]) -> tuple[sp.Expr, dict[str, sp.Expr]]:
        terms = [sp.Mul(d, *(f for j, f in enumerate(factors) if j != i)) for i, d in enumerate(ds)]
        wrong = {PRODUCT_OF_DERIVATIVES: c * sp.Mul(*ds)}
        if len(factors) == 2:
            wrong[PRODUCT_MINUS] = c * (terms[0] - terms[1])
        return c * sp.Add(*terms), wrong

    return combine


def _quotient(c: sp.Expr, u: sp.Expr, v: sp.Expr) -> Combine:
    def combine(ds: Sequence[sp.Expr]) -> tuple[sp.Expr, dict[str, sp.Expr]]:
        du, dv = ds
        top = du * v - u * dv
        wrong = {QUOTIENT_REVERSED: c * (-top) / v**2, QUOTIENT_NO_SQUARE: c * top / v}
        return c * top / v**2, wrong

    return combine
