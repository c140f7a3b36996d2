"""Week 3: backpropagation through a small neural network, symbolically.

The network has one neuron per layer: z⁽ˡ⁾ = w⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = σ(z⁽ˡ⁾) for l = 1..L, and
the cost C = (a⁽ᴸ⁾ − y)², with σ the logistic function 1/(1 + e^(−z)) or tanh.

- `sigma(activation, z)`: σ(z) as a sympy expression; `slope(activation, a)`: σ'(z) written with
  a = σ(z) (a(1 − a) for the logistic function, 1 − a² for tanh).
- `activation_derivative(activation, z)`: σ'(z) derived by the engine, then rewritten in the
  textbook form σ(1 − σ) or 1 − tanh² z (kind diff: the result is checked against d σ/dz).
- `backprop_symbolic(layers, activation)`: the derivative along each link of the chain
  (`backprop_edges`, each a full derivation), the error terms δ⁽ˡ⁾ = ∂C/∂z⁽ˡ⁾
  (`backprop_error_term`) and, for every weight and bias, ∂C/∂w as the product of the
  derivatives along its path (`backprop_gradient`, kind diff on the fully composed cost).

The numeric forward and backward passes for layers of several neurons are in
tutor.solvers.network.
"""

from __future__ import annotations

import sympy as sp

from tutor.solvers.chain import edge_step, path_step, resolve
from tutor.solvers.common import matrix_step
from tutor.steps import Step, derive

ACTIVATIONS = ("logistic", "tanh")
MAX_LAYERS = 3
SIGMA = sp.Symbol("sigma", real=True)


def check_activation(activation: str) -> str:
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}: use logistic or tanh")
    return activation


def check_layers(layers: int) -> int:
    if not isinstance(layers, int) or not 1 <= layers <= MAX_LAYERS:
        raise ValueError(f"the network has 1 to {MAX_LAYERS} layers, not {layers}")
    return layers


def sigma(activation: str, z: sp.Basic) -> sp.Basic:
    """σ(z): the logistic function 1/(1 + e^(−z)) or tanh z."""
    if check_activation(activation) == "logistic":
        return 1 / (1 + sp.exp(-z))
    return sp.tanh(z)


def slope(activation: str, a: sp.Basic) -> sp.Basic:
    """σ'(z) in terms of a = σ(z)."""
    if check_activation(activation) == "logistic":
        return a * (1 - a)
    return 1 - a**2


def activation_derivative(activation: str = "logistic", z: sp.Symbol | None = None) -> Step:
    """σ'(z) from the engine, then in the textbook form (a rewrite, checked by kind)."""
    z = z if z is not None else sp.Symbol("z", real=True)
    s = sigma(activation, z)
    derivation = derive(s, z)
    textbook = slope(activation, s)
    if activation == "logistic":
        # 1 − σ = e^(−z)/(1 + e^(−z)), so σ(1 − σ) = e^(−z)/(1 + e^(−z))²
        identity = (1 - SIGMA, sp.exp(-z) / (1 + sp.exp(-z)))
        in_sigma = slope(activation, SIGMA)
    else:
        identity = (sp.sech(z) ** 2, 1 - sp.tanh(z) ** 2)
        in_sigma = textbook
    rewrite = Step(
        "activation_textbook",
        derivation.result,
        None,
        textbook,
        (),
        "rewrite",
        {"textbook": in_sigma, "identity": identity, "activation": activation},
    )
    details = {"activation": activation, "textbook": in_sigma}
    return Step("activation_derivative", s, z, textbook, (derivation, rewrite), "diff", details)


# -- the symbolic network ----------------------------------------------------------------------


def layer_symbols(layers: int) -> dict[str, list[sp.Symbol]]:
    """w⁽ˡ⁾, b⁽ˡ⁾, z⁽ˡ⁾, a⁽ˡ⁾ (a⁽⁰⁾ is the input) and δ⁽ˡ⁾, index layer in each list (0 unused
    except for a)."""

    def named(base: str) -> list[sp.Symbol]:
        return [sp.Symbol(f"{base}^({layer})", real=True) for layer in range(layers + 1)]

    return {base: named(base) for base in ("w", "b", "z", "a", "delta")}


class _Chain:
    """The symbolic network: its symbols, each node's expression, the derivative along each
    link (as a derivation, and in layer terms: 2(a − y), σ'(z) = a(1 − a), w, a, 1), and the
    error terms found so far."""

    def __init__(self, layers: int, activation: str) -> None:
        self.layers, self.activation = layers, activation
        s = layer_symbols(layers)
        self.w, self.b, self.z, self.a, self.delta = (s[k] for k in ("w", "b", "z", "a", "delta"))
        self.y, self.cost = sp.Symbol("y", real=True), sp.Symbol("C", real=True)
        self.expressions: dict[sp.Symbol, sp.Basic] = {self.cost: (self.a[layers] - self.y) ** 2}
        for layer in range(layers, 0, -1):
            self.expressions[self.a[layer]] = sigma(activation, self.z[layer])
            self.expressions[self.z[layer]] = self.w[layer] * self.a[layer - 1] + self.b[layer]
        self.intermediates = list(self.expressions)[1:]
        self.everything = resolve({k: self.expressions[k] for k in self.intermediates})
        self.composed = self.expressions[self.cost].xreplace(self.everything)
        self.edges = _edges(self)
        self.local = {key: edge.result for key, edge in self.edges.items()}
        self.local[(self.cost, self.a[layers])] = sp.Mul(2, self.a[layers] - self.y, evaluate=False)
        for layer in range(1, layers + 1):  # σ'(z⁽ˡ⁾) written with a⁽ˡ⁾
            self.local[(self.a[layer], self.z[layer])] = slope(activation, self.a[layer])
        self.deltas: dict[int, sp.Basic] = {}


def backprop_symbolic(layers: int = 2, activation: str = "logistic") -> Step:
    """∂C/∂w⁽ˡ⁾ and ∂C/∂b⁽ˡ⁾ for a chain of `layers` single neurons, by the chain rule."""
    check_layers(layers)
    check_activation(activation)
    net = _Chain(layers, activation)
    edges = list(net.edges.values())
    children = [
        activation_derivative(activation),
        matrix_step("backprop_edges", net.composed, edges, (len(edges), 1)),
    ]
    gradients = []
    for layer in range(layers, 0, -1):
        children.append(_error_term(net, layer))
        for parameter in (net.w[layer], net.b[layer]):
            children.append(_gradient(net, parameter, layer))
            gradients.append(children[-1].children[0].result)
    return Step(
        "backprop_symbolic",
        net.composed,
        None,
        sp.Tuple(*gradients),
        tuple(children),
        "solution",
        _details(net),
    )


def _details(net: _Chain) -> dict:
    w, a, b, layers = net.w, net.a, net.b, net.layers
    definitions = [  # as written: w a + b
        (net.z[k], sp.Add(sp.Mul(w[k], a[k - 1], evaluate=False), b[k], evaluate=False))
        for k in range(1, layers + 1)
    ]
    return {
        "layers": layers,
        "activation": net.activation,
        "definitions": tuple(definitions),
        "cost": net.expressions[net.cost],
        "parameters": tuple(p for k in range(layers, 0, -1) for p in (w[k], b[k])),
        "deltas": tuple(net.delta[k] for k in range(layers, 0, -1)),
    }


def _edges(net: _Chain) -> dict:
    """C -> a⁽ᴸ⁾, then per layer from the last: a -> z, z -> w, z -> b, z -> a⁽ˡ⁻¹⁾."""
    w, b, z, a = net.w, net.b, net.z, net.a
    pairs = [(net.cost, a[net.layers])]
    for layer in range(net.layers, 0, -1):
        pairs += [(a[layer], z[layer]), (z[layer], w[layer]), (z[layer], b[layer])]
        if layer > 1:
            pairs.append((z[layer], a[layer - 1]))
    return {
        (top, bottom): edge_step(
            top, net.expressions[top], bottom, net.intermediates, partial_label=True
        )
        for top, bottom in pairs
    }


def _path(net: _Chain, layer: int) -> list[sp.Symbol]:
    """C, a⁽ᴸ⁾, z⁽ᴸ⁾, a⁽ᴸ⁻¹⁾, ..., z⁽ˡ⁾."""
    path = [net.cost]
    for k in range(net.layers, layer - 1, -1):
        path += [net.a[k], net.z[k]]
    return path


def _down_to(net: _Chain, layer: int) -> dict:
    """The substitutions that write C in terms of z⁽ˡ⁾ and the later layers' parameters."""
    later = range(layer + 1, net.layers + 1)
    keep = {net.a[layer]} | {net.a[k] for k in later} | {net.z[k] for k in later}
    return resolve({k: v for k, v in net.expressions.items() if k in keep})


def _error_term(net: _Chain, layer: int) -> Step:
    """δ⁽ˡ⁾ = ∂C/∂z⁽ˡ⁾: 2(a⁽ᴸ⁾ − y) σ'(z⁽ᴸ⁾) for the last layer, δ⁽ˡ⁺¹⁾ w⁽ˡ⁺¹⁾ σ'(z⁽ˡ⁾) before."""
    a, z, delta, last = net.a, net.z, net.delta, layer == net.layers
    slope_here = net.local[(a[layer], z[layer])]
    if last:
        factors = [net.local[(net.cost, a[layer])], slope_here]
    else:
        factors = [delta[layer + 1], net.w[layer + 1], slope_here]
    shown = path_step(_path(net, layer), factors, {"layer": layer})
    full = (
        shown.result if last else shown.result.xreplace({delta[layer + 1]: net.deltas[layer + 1]})
    )
    net.deltas[layer] = full
    into = _down_to(net, layer)
    expr = net.expressions[net.cost].xreplace(into)
    details = {"layer": layer, "delta": delta[layer], "recursive": not last}
    return Step(
        "backprop_error_term", expr, z[layer], full.xreplace(into), (shown,), "diff", details
    )


def _gradient(net: _Chain, parameter: sp.Symbol, layer: int) -> Step:
    """∂C/∂w⁽ˡ⁾ (or ∂C/∂b⁽ˡ⁾): the product along the whole path C -> ... -> z⁽ˡ⁾ -> w⁽ˡ⁾."""
    path = _path(net, layer) + [parameter]
    factors = [net.local[pair] for pair in zip(path, path[1:], strict=False)]
    shown = path_step(path, factors, {"parameter": parameter})
    delta = net.delta[layer]
    is_bias = parameter == net.b[layer]
    delta_form = delta if is_bias else sp.Mul(delta, factors[-1], evaluate=False)
    result = shown.result.xreplace(net.everything)
    details = {"layer": layer, "parameter": parameter, "delta_form": delta_form}
    return Step("backprop_gradient", net.composed, parameter, result, (shown,), "diff", details)
