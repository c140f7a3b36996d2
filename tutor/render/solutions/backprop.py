"""Layouts of backpropagation (tutor.solvers.backprop, tutor.solvers.network), merged into
tutor.render.solutions.chain's LAYOUTS.

- `activation_derivative`: σ(z), the engine's derivation of σ'(z), then the textbook form.
- `backprop_symbolic`: the network, the derivative along each link, the error terms δ and one
  line per weight and bias with the chain of derivatives, then the matrix formulas for layers of
  several neurons.
- `backprop`: the given values, the forward pass (entry by entry, then a table of z and a per
  layer and neuron), the cost, the backward pass (the errors δ, then a table of σ'(z), δ and the
  gradients) and the gradient matrices. Floats are shown to the precision the solver states.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.chain import dot, edge_label, latex, lay_out_edge, product
from tutor.render.wording.chain import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step

SIGMA = sp.Symbol("sigma")
COST = sp.Symbol("C")


# -- writing ------------------------------------------------------------------------------------


def named(base: str, layer: int, index: str = "") -> sp.Symbol:
    """a⁽¹⁾, W⁽²⁾, zⱼ⁽ˡ⁾: a layer's quantity as a symbol to write."""
    return sp.Symbol(f"{base}_{index}^({layer})" if index else f"{base}^({layer})")


def applied(builder: OutlineBuilder, name: str, argument: str) -> str:
    return rf"{name}\left({argument}\right)" if latex(builder) else f"{name}({argument})"


def sigma_of(builder: OutlineBuilder, argument: sp.Basic) -> str:
    n = builder.notation
    return applied(builder, n.math(SIGMA), n.math(argument))


def sigma_prime(builder: OutlineBuilder, argument: sp.Basic) -> str:
    n = builder.notation
    return applied(builder, n.math(SIGMA) + "'", n.math(argument))


def hadamard(builder: OutlineBuilder) -> str:
    return r" \odot " if latex(builder) else " ⊙ "


def transposed(builder: OutlineBuilder, symbol: sp.Basic) -> str:
    written = builder.notation.math(symbol)
    return rf"{{{written}}}^{{\top}}" if latex(builder) else f"{written}ᵀ"


def shown(value: sp.Basic, digits: int | None) -> sp.Basic:
    """A value as a table shows it: floats to `digits` significant digits, terminating
    fractions as decimals (9/20 -> 0.45), other exact values as they are."""
    if isinstance(value, sp.Float):
        return sp.Integer(0) if value == 0 else sp.Float(value, digits or 15)
    if isinstance(value, sp.Rational) and not isinstance(value, sp.Integer):
        q = value.q
        for prime in (2, 5):
            while q % prime == 0:
                q //= prime
        if q == 1:
            text = str(Decimal(value.p) / Decimal(value.q))
            significant = len(Decimal(text).normalize().as_tuple().digits)
            return sp.Float(text, max(significant, 1))
    return value


def vector(builder: OutlineBuilder, matrix: sp.Basic, digits: int | None) -> str:
    """(0.45, 0.8): a column's entries; a single entry on its own."""
    values = [shown(v, digits) for v in matrix]
    return builder.notation.math(values[0] if len(values) == 1 else sp.Tuple(*values))


def written(step: Step, entry: int, digits: int | None) -> sp.Basic:
    """An evaluate step's formula for one entry with the (rounded) numbers put in, unevaluated."""
    at = {symbol: shown(value, digits) for symbol, value in step.details["at"].items()}
    formula = list(step.expr)[entry] if isinstance(step.expr, sp.MatrixBase) else step.expr
    with sp.evaluate(False):
        return formula.xreplace(at)


def gradient_label(builder: OutlineBuilder, base: str, layer: int) -> str:
    return builder.notation.partial_of(builder.notation.math(COST), (named(base, layer),))


# -- σ'(z) --------------------------------------------------------------------------------------


def activation_derivative(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    derivation, rewrite = step.children
    builder.add(depth, None, None, builder.note(step), step.rule)
    label = sigma_prime(builder, step.var)
    builder.derivative(derivation, depth + 1, label=label)
    lhs, rhs = rewrite.details["identity"]
    note = builder.words(MESSAGES["activation_identity"], lhs=lhs, rhs=rhs)
    builder.add(depth + 1, label, n.math(rewrite.details["textbook"]), note, rewrite.rule)


# -- the symbolic chain -------------------------------------------------------------------------


def backprop_symbolic(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d, n = step.details, builder.notation
    layers = d["layers"]
    parts = []
    for z, formula in d["definitions"]:
        a = sp.Symbol(z.name.replace("z", "a", 1))
        parts.append(f"{n.math(z)} = {n.math(formula, written=True)}")
        parts.append(f"{n.math(a)} = {sigma_of(builder, z)}")
    parts.append(f"{n.math(COST)} = {n.math(d['cost'])}")
    network = (r",\quad " if latex(builder) else ",  ").join(parts)
    builder.add(depth, network, None, "", "backprop_network")
    builder.add(depth, None, None, builder.note(step), step.rule)
    activation, edges, *chain = step.children
    if builder.detail != "brief":
        activation_derivative(builder, activation, depth + 1)
        _links(builder, edges, depth + 1)
    for child in chain:
        if child.rule == "backprop_error_term":
            _error_term(builder, child, depth + 1)
        else:
            _gradient(builder, child, depth + 1)
    _vector_form(builder, layers, depth)


def _links(builder: OutlineBuilder, edges: Step, depth: int) -> None:
    n = builder.notation
    builder.add(depth, None, None, builder.note(edges), edges.rule)
    for edge in edges.children:
        top = edge.details["of"]
        label = edge_label(builder, top, edge.var, True)
        if top.name.startswith("a^"):
            a = top
            rhs = f"{sigma_prime(builder, edge.var)} = {n.math(_slope_in_a(edge, a))}"
            note = builder.words(MESSAGES["backprop_activation_edge"])
            builder.add(depth + 1, label, rhs, note, "backprop_activation_edge")
        else:
            lay_out_edge(builder, edge, depth + 1, label)


def _slope_in_a(edge: Step, a: sp.Symbol) -> sp.Basic:
    """σ'(z) written with a = σ(z), read off the engine's derivative: logistic or tanh."""
    if edge.result.has(sp.sech) or edge.result.has(sp.tanh):
        return 1 - a**2
    return a * (1 - a)


def _factors_line(builder: OutlineBuilder, path_step: Step) -> str:
    factors = path_step.details["factors"]
    return product(builder, factors)


def _error_term(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    layer = step.details["layer"]
    shown_path = step.children[0]
    nodes = shown_path.details["path"]
    delta, z = step.details["delta"], step.var
    head = f"{n.math(delta)} = {edge_label(builder, COST, z, True)}"
    if step.details["recursive"]:
        a, z_next = nodes[-2], nodes[-3]
        labels = [n.math(named("delta", layer + 1)), edge_label(builder, z_next, a, True)]
        labels.append(edge_label(builder, a, z, True))
    else:
        labels = [edge_label(builder, a, b, True) for a, b in zip(nodes, nodes[1:], strict=False)]
    note = builder.note(step)
    if builder.detail == "brief":
        builder.add(depth, head, _factors_line(builder, shown_path), note, step.rule)
        return
    builder.add(depth, head, dot(builder).join(labels), note, step.rule)
    builder.add(depth + 1, None, _factors_line(builder, shown_path), "", shown_path.rule)


def _gradient(builder: OutlineBuilder, step: Step, depth: int) -> None:
    n = builder.notation
    shown_path = step.children[0]
    nodes = shown_path.details["path"]
    label = edge_label(builder, COST, step.var, True)
    walk = (r" \to " if latex(builder) else " → ").join(n.math(v) for v in nodes)
    note = builder.words(MESSAGES["backprop_path"], path=n.inline(walk))
    short = n.math(step.details["delta_form"], written=True)
    if builder.detail == "brief":
        builder.add(depth, label, short, "", step.rule)
        return
    labels = [edge_label(builder, a, b, True) for a, b in zip(nodes, nodes[1:], strict=False)]
    builder.add(depth, label, dot(builder).join(labels), note, step.rule)
    builder.add(depth + 1, None, _factors_line(builder, shown_path), "", shown_path.rule)
    builder.add(depth + 1, None, short, "", step.rule)


def _vector_form(builder: OutlineBuilder, layers: int, depth: int) -> None:
    builder.add(
        depth, None, None, builder.words(MESSAGES["backprop_vector_form"]), "backprop_vector_form"
    )
    for lhs, rhs in vector_formulas(builder, layers):
        builder.add(depth + 1, lhs, rhs, "", "backprop_vector_form")


def vector_formulas(builder: OutlineBuilder, layers: int) -> list[tuple[str, str]]:
    """δ⁽ᴸ⁾ = 2(a⁽ᴸ⁾ − y) ⊙ σ'(z⁽ᴸ⁾), ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ, ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾,
    δ⁽ˡ⁻¹⁾ = (W⁽ˡ⁾ᵀ δ⁽ˡ⁾) ⊙ σ'(z⁽ˡ⁻¹⁾), with the layers numbered."""
    n = builder.notation
    y = sp.Symbol("y")
    lines = []
    for layer in range(layers, 0, -1):
        delta, z = named("delta", layer), named("z", layer)
        if layer == layers:
            error = n.math(sp.Mul(2, named("a", layer) - y, evaluate=False), written=True)
        else:
            w_t = transposed(builder, named("W", layer + 1))
            inner = f"{w_t} {n.math(named('delta', layer + 1))}"
            error = rf"\left({inner}\right)" if latex(builder) else f"({inner})"
        lines.append((n.math(delta), error + hadamard(builder) + sigma_prime(builder, z)))
        outer = f"{n.math(delta)} {transposed(builder, named('a', layer - 1))}"
        lines.append((gradient_label(builder, "W", layer), outer))
        lines.append((gradient_label(builder, "b", layer), n.math(delta)))
    return lines


LAYOUTS: dict[str, Layout] = {
    "activation_derivative": activation_derivative,
    "backprop_symbolic": backprop_symbolic,
}

# The numeric layout uses the helpers above, so it is imported once these exist.
from tutor.render.solutions.network import LAYOUTS as _NETWORK  # noqa: E402

LAYOUTS.update(_NETWORK)
