"""Layouts of the week-5 iteration solvers: Newton-Raphson here, gradient descent in
tutor.render.solutions.descent (which uses this module's `Writer`, `Shown`, `derivative` and
`working_rows`), each as a table.

A run reads as a worked solution: the function and the start, the derivative (or gradient)
derived by the rules (one line at the brief level), the update formula with the function put
in, a table of the iterates whose caption states the formula and the precision (exact, or
floats to so many significant figures), and a sentence with the outcome (for a quadratic that
diverged, also its Hessian's eigenvalues and the largest stable step size). The full level adds
each row's working: the values put into f, f' (or ∇f) and the update. Tables longer than
ELIDE_OVER rows show the first and last KEEP rows and say so. `Writer` writes the numbers, names
and small formulas in the builder's notation; every sentence comes from
tutor/render/wording/iteration.py.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import sympy as sp

from tutor.notation import to_text
from tutor.render.wording.iteration import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step

SHOWN_DIGITS = 10  # what the solvers show when a tree does not say
WORKING_DIGITS = 30  # what they compute floats with (tutor.solvers.numbers)
ELIDE_OVER, KEEP = 30, 10
SUPERSCRIPTS = str.maketrans("0123456789-−+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺")
OPS = {
    "text": {"minus": " − ", "approx": " ≈ ", "abs": "|{}|", "nabla": "∇f", "eta": "η"},
    "latex": {
        "minus": " - ",
        "approx": r" \approx ",
        "abs": r"\left|{}\right|",
        "nabla": r"\nabla f",
        "eta": r"\eta",
    },
}


class Shown(sp.Symbol):
    """A value put into an expression for display only: it prints as its written form, so that
    f(3/2) reads (3/2)³ − 2(3/2) − 5 with the expression's shape kept. `place` (the variable it
    replaces) keeps the terms in the expression's order."""

    written: str

    def __new__(cls, written: str, place: str = ""):
        obj = super().__new__(cls, f"{place}[{written}]", real=True)
        obj.written = written
        return obj

    def _sympystr(self, printer) -> str:
        return self.written

    def _latex(self, printer) -> str:
        return self.written


class Writer:
    """Numbers, names and small formulas in the builder's notation; floats to `digits`."""

    def __init__(self, builder: OutlineBuilder, step: Step):
        self.builder, self.notation = builder, builder.notation
        self.digits = step.details.get("digits") or SHOWN_DIGITS
        self.latex = builder.notation.name == "latex"
        self.ops = OPS["latex" if self.latex else "text"]
        self.blank = r"\text{--}" if self.latex else "—"  # a cell with nothing to show

    def num(self, value: sp.Basic, digits: int | None = None) -> str:
        """An exact value as it is; a float to `digits` significant figures (1.7 × 10⁻⁹)."""
        if not value.has(sp.Float):
            return self.notation.math(value)
        written = self.notation.math(sp.Float(value, digits or self.digits))
        if self.latex:
            return written
        return re.sub(
            r"e([+\-−]?\d+)$",
            lambda match: " × 10" + match.group(1).lstrip("+").translate(SUPERSCRIPTS),
            written,
        )

    def decimal(self, value: sp.Basic, digits: int | None = None) -> str:
        """A value as a decimal (integers stay as they are)."""
        digits = digits or self.digits
        if value.is_Integer or value.has(sp.Float):
            return self.num(value, digits)
        return self.num(sp.Float(sp.N(value, digits + 5), digits), digits)

    def approx(self, value: sp.Basic) -> str:
        """17/12 ≈ 1.416666667: an exact non-integer with its decimal."""
        if value.has(sp.Float) or value.is_Integer:
            return self.num(value)
        return self.num(value) + self.ops["approx"] + self.decimal(value)

    def cell(self, value: sp.Basic) -> str:
        """A table entry, with its decimal too when its exact form is long."""
        long = not value.has(sp.Float) and len(to_text(value)) > 9
        return self.approx(value) if long else self.num(value)

    def vec(self, values) -> str:
        """(a, b): a point or gradient; one value stands alone."""
        values = list(values)
        if len(values) == 1:
            return self.cell(values[0])
        return self.br(", ".join(self.num(value) for value in values))

    def br(self, written: str) -> str:
        return rf"\left({written}\right)" if self.latex else f"({written})"

    def sub(self, base: str, index: Any) -> str:
        """x₃, xₙ, xₙ₊₁ (x_{n+1} in LaTeX)."""
        return self.notation.math(sp.Symbol(f"{base}_{index}"))

    def call(self, function: str, argument: str) -> str:
        return rf"{function}\left({argument}\right)" if self.latex else f"{function}({argument})"

    def size(self, written: str) -> str:
        return self.ops["abs"].format(written)

    def frac(self, top: str, bottom: str) -> str:
        return rf"\frac{{{top}}}{{{bottom}}}" if self.latex else f"{top}/{bottom}"

    def eq(self, value: sp.Basic) -> str:
        """= after an exact value, ≈ after a float."""
        return self.ops["approx"] if value.has(sp.Float) else " = "

    def m(self, written: str) -> str:
        return self.notation.inline(written)

    def word(self, key: str) -> str:
        text = MESSAGES[key]
        return rf"\text{{{self.notation.words(text)}}}" if self.latex else text

    def tolerance(self, value: sp.Basic) -> str:
        """10⁻¹⁰ for a power of ten (exact or float), else the value to 3 figures."""
        approx = float(value)
        exponent = round(math.log10(approx)) if approx > 0 else 0
        if approx <= 0 or abs(approx - 10.0**exponent) > 1e-12 * 10.0**exponent:
            return self.num(value, 3)
        return f"10^{{{exponent}}}" if self.latex else "10" + str(exponent).translate(SUPERSCRIPTS)

    def factor(self, value: sp.Basic) -> str:
        """A number in front of a bracket: nothing for 1, (1/10) for a fraction."""
        written = "" if value == 1 else self.num(value)
        return written if re.fullmatch(r"[0-9.]*", written) else self.br(written)

    def put_in(self, expr: sp.Basic, at) -> str:
        """expr with each value put in, in brackets: (3/2)² − 2(3/2) − 5."""
        shown = {v: Shown(self.br(self.num(value)), v.name) for v, value in at.items()}
        return self.notation.math(expr.xreplace(shown))

    def words(self, key: str, **values) -> str:
        return self.builder.words(MESSAGES[key], **values)

    def sentence(self, depth: int, key: str, rule: str, **values) -> None:
        self.builder.add(depth, None, None, self.words(key, **values), rule)

    def how(self, value: sp.Basic) -> str:
        """'exactly', or 'to the 30 digits worked with' for a float."""
        if value.has(sp.Float):
            return self.words("iteration_working", working=str(WORKING_DIGITS))
        return self.words("iteration_exactly")

    def precision(self, details) -> str:
        """exact values / values to 10 significant figures / exact up to row k, then floats."""
        start, digits = details.get("floats_from"), str(self.digits)
        if start is None:
            return self.words("iteration_exact")
        if start == 0:
            return self.words("iteration_floats", digits=digits)
        return self.words("iteration_mixed", last_exact=str(start - 1), digits=digits)

    def table(self, depth: int, header, rows, caption: str, rule: str) -> None:
        """The table, its middle rows left out (and said so) when it is long."""
        if len(rows) > ELIDE_OVER:
            gap = tuple(r"\vdots" if self.latex else "⋮" for _ in header)
            left = self.words("iteration_elided", first=str(KEEP), last=str(len(rows) - KEEP - 1))
            rows, caption = [*rows[:KEEP], gap, *rows[-KEEP:]], f"{caption}; {left}"
        self.builder.add_table(depth, tuple(header), rows, caption, rule)


def working_rows(rows: list[Step]) -> list[Step]:
    return rows if len(rows) <= ELIDE_OVER else [*rows[:KEEP], *rows[-KEEP:]]


def derivative(builder: OutlineBuilder, derivation: Step, depth: int) -> None:
    """f'(x): one line at the brief level, else the engine's derivation."""
    n = builder.notation
    f_prime = f"{n.prime('f')}({n.math(derivation.var)})"
    if builder.detail == "brief":
        builder.add(depth, f_prime, n.math(derivation.result), "", derivation.rule)
        return
    label = f"{f_prime} = {n.derivative(derivation.expr, derivation.var)}"
    builder.derivative(derivation, depth, label=label)


# -- Newton-Raphson ------------------------------------------------------------------------------


def newton(builder: OutlineBuilder, step: Step, depth: int) -> None:
    w, var = Writer(builder, step), _variable(step)
    derivation, update, *rest = step.children
    rows = [child for child in rest if child.rule == "newton_iteration"]
    start = w.m(f"{w.sub(var.name, 0)} = {w.num(step.details['x0'])}")
    head = w.call("f", builder.notation.math(var))
    note = w.words("newton_function", start=start)
    builder.add(depth, head, builder.notation.math(step.expr), note, step.rule)
    derivative(builder, derivation, depth)
    x_n = sp.Symbol(f"{var.name}_n", real=True)
    written = builder.notation.math(update.expr.xreplace({var: x_n}))
    tidied = builder.notation.math(update.result.xreplace({var: x_n}))
    rhs = f"{_newton_formula(w, var.name)} = {written}" + (
        "" if tidied == written else f" = {tidied}"
    )
    builder.add(depth, w.sub(var.name, "n+1"), rhs, builder.note(update), update.rule)
    if builder.detail == "full":
        _newton_working(w, step, rows, depth)
    _newton_table(w, step, rows, depth)
    _newton_outcome(w, step, depth)


def _variable(step: Step) -> sp.Symbol:
    assert step.var is not None
    return step.var


def _newton_formula(w: Writer, base: str) -> str:
    """x_n − f(x_n)/f'(x_n)."""
    x_n = w.sub(base, "n")
    return x_n + w.ops["minus"] + w.frac(w.call("f", x_n), w.call("f'", x_n))


def _newton_table(w: Writer, step: Step, rows: list[Step], depth: int) -> None:
    base = _variable(step).name
    x_n, blank, undefined = (
        w.sub(base, "n"),
        w.blank,
        w.word("iteration_undefined"),
    )
    header = ["n", x_n, w.call("f", x_n), w.call("f'", x_n), w.sub(base, "n+1")]
    cells: list[tuple[str, ...]] = []
    for row in rows:
        values = [w.cell(child.result) for child in row.children[:2]]
        values += [undefined] * (2 - len(values))
        last = w.approx(row.result) if len(row.children) == 3 else blank
        cells.append((str(row.details["n"]), w.num(row.details["x"]), *values, last))
    if step.details["outcome"] == "undefined" and step.details.get("undefined") == "function":
        cells.append((str(step.details["index"]), w.num(step.result), undefined, blank, blank))
    formula = w.m(f"{w.sub(base, 'n+1')} = {_newton_formula(w, base)}")
    caption = w.words("newton_caption", formula=formula, precision=w.precision(step.details))
    w.table(depth, header, cells, caption, "newton_iteration")


def _newton_working(w: Writer, step: Step, rows: list[Step], depth: int) -> None:
    """Each row's values put in: f(x_n), f'(x_n), then x_{n+1} = x_n − f(x_n)/f'(x_n)."""
    var = _variable(step)
    expressions = (step.expr, step.children[0].result)
    for row in working_rows(rows):
        index, at = row.details["n"], {var: row.details["x"]}
        w.sentence(depth, "iteration_row", row.rule, n=str(index))
        for child, expr, label in zip(row.children, expressions, ("f", "f'"), strict=False):
            rhs = f"{w.put_in(expr, at)} = {w.num(child.result)}"
            w.builder.add(depth + 1, w.call(label, w.sub(var.name, index)), rhs, "", child.rule)
        if len(row.children) == 3:
            f, d = (w.num(child.result) for child in row.children[:2])
            if not w.latex:
                f, d = (p if re.fullmatch(r"[0-9.]+", p) else w.br(p) for p in (f, d))
            rhs = f"{w.num(row.details['x'])}{w.ops['minus']}{w.frac(f, d)} = {w.num(row.result)}"
            w.builder.add(depth + 1, w.sub(var.name, index + 1), rhs, "", "newton_next")


def _newton_outcome(w: Writer, step: Step, depth: int) -> None:
    details, base = step.details, _variable(step).name
    index, outcome = details["index"], details["outcome"]
    last = w.sub(base, index)
    values = {
        "count": str(details["iterations"]),
        "approx": w.m(w.notation.math(step.var) + w.ops["approx"] + w.decimal(step.result)),
        "at": w.m(f"{last}{w.eq(step.result)}{w.num(step.result)}"),
        "start": w.m(f"{w.sub(base, 0)} = {w.num(details['x0'])}"),
        "growth": str(details.get("growth", "")),
        "working": str(WORKING_DIGITS),
        "how": w.how(step.result),
    }
    if index:
        previous = w.sub(base, index - 1)
        change = w.num(details.get("difference", sp.Integer(0)), 3)
        gap = f"{w.size(last + w.ops['minus'] + previous)} = {change}"
        if outcome == "converged" and not details.get("settled"):
            gap += f" < {w.tolerance(details['tolerance'])}"
        values.update(gap=w.m(gap), same=w.m(f"{last} = {previous}"))
    residual = next((c for c in step.children if c.rule == "newton_residual"), None)
    if residual is not None:
        values["residual"] = w.m(f"{w.call('f', last)} = {w.decimal(residual.result, 3)}")
    w.sentence(depth, _newton_key(w, step, values), "newton_outcome", **values)
    if outcome == "zero_derivative" and index == 0:
        w.sentence(depth, "newton_zero_start", "newton_outcome")


def _newton_key(w: Writer, step: Step, values: dict) -> str:
    """The outcome's sentence, with the values only it needs."""
    details, base = step.details, _variable(step).name
    outcome, index = details["outcome"], details["index"]
    last = w.sub(base, index)
    values["root"] = w.m(f"{w.call('f', last)} = 0")
    values["slope"] = w.m(f"{w.call('f' + chr(39), last)} = 0")
    if outcome == "converged" and details.get("settled"):
        return "newton_settled"
    if outcome == "diverging":
        values["size"] = w.m(f"{w.size(last)} = {w.num(abs(step.result), 4)}")
        values["bound"] = w.m(w.tolerance(details.get("bound", sp.Integer(1))))
        values["x_size"] = w.m(w.size(w.sub(base, "n")))
        values["f_size"] = w.m(w.size(w.call("f", w.sub(base, "n"))))
        return f"newton_diverging_{details['reason']}"
    if outcome == "undefined":
        return f"newton_undefined_{details['undefined']}"
    if outcome == "cycling":
        earlier = w.sub(base, index - details["period"])
        values["repeat"] = w.m(f"{last} = {earlier}{w.eq(step.result)}{w.num(step.result)}")
        values["period"] = str(details["period"])
        values["cycle"] = w.m(
            ", ".join(w.num(v) for v in details["cycle"]) + (r", \ldots" if w.latex else ", …")
        )
    return f"newton_{outcome}"


LAYOUTS: dict[str, Layout] = {"newton_raphson": newton}
