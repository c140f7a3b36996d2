"""Week 3: the multivariate chain rule, as a sum over paths and in matrix form.

- `total_derivative(f, substitutions, var)`: df/dt of f(x(t), y(t), ...) (or ∂f/∂s when the
  substitutions hold several final variables). The substitutions (intermediate symbol ->
  expression, several levels allowed: x = u v, u = t², v = sin t) form a dependency graph; every
  edge's derivative is a full derivation (`chain_edge`), every path from f to the variable is the
  product of its edges' derivatives (`chain_path`), and their sum (`chain_sum`) is put back into
  the final variables (`substitute_back`) and simplified (`simplify_result`).
- `chain_matrix_form(f_components, g_components, inner_vars, outer_vars)`: h = f∘g and
  J_h = J_f(g) J_g, with both Jacobians, J_f along g, the product entry by entry.

The graph helpers (`dependency_order`, `paths_to`, `edge_step`, `path_step`) are shared with the
backpropagation solvers (tutor.solvers.backprop); the matrix form is in tutor.solvers.chain_matrix
and re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from tutor.solvers.common import matrix_step, partial
from tutor.steps import Step, derive
from tutor.steps.values import as_value

MAX_SUBSTITUTIONS = 12
MAX_PATHS = 64
SIMPLIFY_OPS = 120  # a longer expression is left as substituted
SIMPLIFY_FULL_OPS = 20  # sympy.simplify (slow) only on expressions this small


# -- the dependency graph ----------------------------------------------------------------------


def variables_of(expr: sp.Basic, intermediates: Sequence[sp.Symbol]) -> tuple[sp.Symbol, ...]:
    """The symbols an expression depends on: intermediates in their given order, then the others
    by name."""
    free = expr.free_symbols
    first = [s for s in intermediates if s in free]
    rest = sorted((s for s in free if s not in first), key=lambda s: s.name)
    return tuple(first) + tuple(rest)


def check_substitutions(
    substitutions: Mapping[sp.Symbol, sp.Basic], var: sp.Symbol | None = None
) -> dict[sp.Symbol, sp.Basic]:
    """The substitutions as sympy values, refused (ValueError) when they cannot form a graph."""
    if len(substitutions) > MAX_SUBSTITUTIONS:
        raise ValueError(f"at most {MAX_SUBSTITUTIONS} substitutions, not {len(substitutions)}")
    table: dict[sp.Symbol, sp.Basic] = {}
    for symbol, expr in substitutions.items():
        if not isinstance(symbol, sp.Symbol):
            raise ValueError(f"a substitution must define a symbol, not {symbol}")
        if symbol == var:
            raise ValueError(
                f"{symbol} is the variable of differentiation; it cannot be substituted"
            )
        table[symbol] = as_value(expr)
    cycle = find_cycle(table)
    if cycle:
        raise ValueError("the substitutions form a cycle: " + " -> ".join(map(str, cycle)))
    return table


def find_cycle(substitutions: Mapping[sp.Symbol, sp.Basic]) -> list[sp.Symbol]:
    """A cycle x -> y -> x among the substitutions, or [] when there is none."""
    state: dict[sp.Symbol, int] = {}  # 1: on the current path, 2: done
    trail: list[sp.Symbol] = []

    def visit(node: sp.Symbol) -> list[sp.Symbol]:
        state[node] = 1
        trail.append(node)
        for child in variables_of(substitutions[node], list(substitutions)):
            if child not in substitutions:
                continue
            if state.get(child) == 1:
                return trail[trail.index(child) :] + [child]
            if child not in state and (found := visit(child)):
                return found
        state[node] = 2
        trail.pop()
        return []

    for node in substitutions:
        if node not in state and (found := visit(node)):
            return found
    return []


def resolve(substitutions: Mapping[sp.Symbol, sp.Basic]) -> dict[sp.Symbol, sp.Basic]:
    """Each intermediate in terms of the final variables only (substitutions acyclic)."""
    done: dict[sp.Symbol, sp.Basic] = {}

    def value(symbol: sp.Symbol) -> sp.Basic:
        if symbol not in done:
            expr = substitutions[symbol]
            inner = {s: value(s) for s in expr.free_symbols if s in substitutions}
            done[symbol] = expr.xreplace(inner)
        return done[symbol]

    for symbol in substitutions:
        value(symbol)
    return done


def dependency_order(
    root: sp.Symbol, expressions: Mapping[sp.Symbol, sp.Basic]
) -> tuple[sp.Symbol, ...]:
    """The root and the intermediates it reaches, each before everything it depends on."""
    intermediates = [s for s in expressions if s != root]
    seen: set[sp.Symbol] = set()
    order: list[sp.Symbol] = []

    def visit(node: sp.Symbol) -> None:
        seen.add(node)
        for child in variables_of(expressions[node], intermediates):
            if child in expressions and child not in seen:
                visit(child)
        order.append(node)

    visit(root)
    return tuple(reversed(order))


def paths_to(
    root: sp.Symbol, expressions: Mapping[sp.Symbol, sp.Basic], var: sp.Symbol
) -> list[tuple[sp.Symbol, ...]]:
    """Every path root -> ... -> var through the graph (each node's children in variable order)."""
    intermediates = [s for s in expressions if s != root]
    reaches: dict[sp.Symbol, bool] = {}

    def reach(node: sp.Symbol) -> bool:
        if node == var:
            return True
        if node not in expressions:
            return False
        if node not in reaches:
            children = variables_of(expressions[node], intermediates)
            reaches[node] = any(reach(child) for child in children)
        return reaches[node]

    paths: list[tuple[sp.Symbol, ...]] = []

    def walk(trail: tuple[sp.Symbol, ...]) -> None:
        node = trail[-1]
        if node == var:
            if len(paths) >= MAX_PATHS:
                raise ValueError(f"more than {MAX_PATHS} paths lead to {var}; give a smaller graph")
            paths.append(trail)
            return
        for child in variables_of(expressions[node], intermediates):
            if reach(child):
                walk(trail + (child,))

    if reach(root):
        walk((root,))
    return paths


# -- steps shared with backpropagation ---------------------------------------------------------


def edge_step(
    top: sp.Symbol,
    expr: sp.Basic,
    bottom: sp.Symbol,
    intermediates: Sequence[sp.Symbol] = (),
    partial_label: bool | None = None,
) -> Step:
    """The derivative along one edge top -> bottom: ∂top/∂bottom (a `partial` step, the other
    variables held constant) when top's expression has several variables, else d top/d bottom."""
    variables = variables_of(expr, intermediates)
    several = len(variables) > 1
    inner = partial(expr, bottom, variables) if several else derive(expr, bottom)
    details = {"of": top, "partial": several if partial_label is None else partial_label}
    return Step("chain_edge", inner.expr, bottom, inner.result, (inner,), "diff", details)


def path_step(
    path: Sequence[sp.Symbol], factors: Sequence[sp.Basic], details: Mapping | None = None
) -> Step:
    """The product of the derivatives along one path (kind rewrite: written -> multiplied)."""
    written = sp.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]
    result = sp.Mul(*factors)
    info = {"path": tuple(path), "factors": tuple(factors), **dict(details or {})}
    return Step("chain_path", written, None, result, (), "rewrite", info)


def simplest(expr: sp.Basic, full_ops: int = SIMPLIFY_FULL_OPS) -> sp.Basic:
    """The shortest of factor, expand and (on expressions of at most `full_ops` operations)
    sympy.simplify, when shorter than `expr`; a longer expression than SIMPLIFY_OPS is kept."""
    ops = sp.count_ops(expr)
    if ops > SIMPLIFY_OPS:
        return expr
    candidates = [sp.factor(expr), sp.expand(expr)]
    if ops <= full_ops:
        candidates.insert(0, sp.simplify(expr))
    arguments = _function_arguments(expr)
    kept = [c for c in candidates if _function_arguments(c) <= arguments]  # no sin 2t from sin t
    best = min(kept or [expr], key=lambda c: (sp.count_ops(c), len(str(c))))
    return best if sp.count_ops(best) < ops else expr


def _function_arguments(expr: sp.Basic) -> set:
    return {(type(f), f.args) for f in expr.atoms(sp.Function)}


def simplify_step(
    expr: sp.Basic, rule: str = "chain_simplify", full_ops: int = SIMPLIFY_FULL_OPS
) -> Step | None:
    """A visible simplification, or None when nothing shorter is found."""
    if isinstance(expr, sp.MatrixBase):
        result: sp.Basic = sp.ImmutableMatrix(expr.applyfunc(lambda e: simplest(e, full_ops)))
    else:
        result = simplest(expr, full_ops)
    if result == expr:
        return None
    return Step(rule, expr, None, result, (), "rewrite", {})


# -- the total derivative ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Graph:
    """f's dependency graph: the root symbol, every node's expression, the substitutions f
    uses (in the order given), each in the final variables, and the paths to the variable."""

    root: sp.Symbol
    expressions: dict
    table: dict
    used: dict
    resolved: dict
    paths: list

    @property
    def order(self) -> tuple:
        return (self.root, *self.used)

    @property
    def intermediates(self) -> list:
        return list(self.table)


def _graph(f: sp.Basic, substitutions: Mapping, var: sp.Symbol, name: str) -> _Graph:
    if not isinstance(var, sp.Symbol):
        raise ValueError(f"the variable of differentiation must be a symbol, not {var}")
    table = check_substitutions(substitutions, var)
    f = as_value(f)
    taken = {s.name for s in f.free_symbols | set(table) | {var}}
    taken |= {s.name for e in table.values() for s in e.free_symbols}
    root = sp.Symbol(next(n for n in (name, "F", "h", "phi", "f_0") if n not in taken), real=True)
    expressions = {root: f, **table}
    reachable = set(dependency_order(root, expressions))
    used = {s: table[s] for s in table if s in reachable}  # in the order given
    paths = paths_to(root, expressions, var)
    return _Graph(root, expressions, table, used, resolve(used), paths)


def total_derivative(
    f: sp.Basic,
    substitutions: Mapping[sp.Symbol, sp.Basic],
    var: sp.Symbol,
    name: str = "f",
) -> Step:
    """df/dt (or ∂f/∂s) of f with its variables replaced by `substitutions`, as a sum over the
    paths of the dependency graph from f to `var`."""
    g = _graph(f, substitutions, var, name)
    f = g.expressions[g.root]
    composed = f.xreplace(g.resolved)
    children: list[Step] = []
    if g.used:
        children.append(_compose(f, g.resolved, composed, g.root))
    edges = _edges(g.order, g.paths, g.expressions, g.intermediates)
    summed: list[sp.Basic] = []
    if edges:
        columns = list(edges.values())
        children.append(matrix_step("chain_local_derivatives", f, columns, (len(columns), 1)))
        products = [path_step(p, [edges[e].result for e in _pairs(p)]) for p in g.paths]
        children.append(matrix_step("chain_paths", f, products, (len(products), 1)))
        summed = [p.result for p in products]
    children.extend(_finish(summed, g.resolved, var))
    result = children[-1].result
    details = _details(g, composed, var)
    return Step("total_derivative", composed, var, result, tuple(children), "diff", details)


def _pairs(path: Sequence[sp.Symbol]) -> list[tuple[sp.Symbol, sp.Symbol]]:
    """The edges of a path: (f, x), (x, t)."""
    return list(zip(path, path[1:], strict=False))


def _details(g: _Graph, composed: sp.Basic, var: sp.Symbol) -> dict:
    finals = sorted(composed.free_symbols | {var}, key=lambda s: s.name)
    reached = {node for path in g.paths for node in path}
    graph = [
        (node, sp.Tuple(*variables_of(g.expressions[node], g.intermediates))) for node in g.order
    ]
    return {
        "name": g.root,
        "function": g.expressions[g.root],
        "graph": tuple(graph),
        "substitutions": tuple(g.used.items()),
        "final_variables": tuple(finals),
        "partial": len(finals) > 1,
        "paths": tuple(g.paths),
        "no_path": tuple(s for s in g.used if s not in reached),
        "unused": tuple(s for s in g.table if s not in g.used),
    }


def _compose(f: sp.Basic, resolved: dict, composed: sp.Basic, root: sp.Symbol) -> Step:
    """f(x(t), y(t)): every intermediate replaced by its expression in the final variables."""
    return Step("chain_compose", f, None, composed, (), "evaluate", {"at": resolved, "name": root})


def _edges(
    order: Sequence[sp.Symbol],
    paths: Sequence[tuple[sp.Symbol, ...]],
    expressions: Mapping[sp.Symbol, sp.Basic],
    intermediates: Sequence[sp.Symbol],
) -> dict[tuple[sp.Symbol, sp.Symbol], Step]:
    """One derivation per edge met on some path, in the order of the graph (top first)."""
    pairs = {pair for path in paths for pair in _pairs(path)}

    def key(pair):
        top, bottom = pair
        return order.index(top), variables_of(expressions[top], intermediates).index(bottom)

    return {
        pair: edge_step(pair[0], expressions[pair[0]], pair[1], intermediates)
        for pair in sorted(pairs, key=key)
    }


def _finish(summed: list[sp.Basic], resolved: dict, var: sp.Symbol) -> list[Step]:
    """The sum over the paths, put back into the final variables, then simplified."""
    written = sp.Add(*summed, evaluate=False) if len(summed) > 1 else sp.Add(*summed)
    total = Step("chain_sum", written, None, sp.Add(*summed), (), "rewrite", {"count": len(summed)})
    steps = [total]
    present = {s: v for s, v in resolved.items() if s in total.result.free_symbols}
    if present:
        back = total.result.xreplace(present)
        steps.append(
            Step("chain_substitute_back", total.result, None, back, (), "evaluate", {"at": present})
        )
    tidy = simplify_step(steps[-1].result)
    if tidy is not None:
        steps.append(tidy)
    return steps


# The matrix form lives in its own module; it is re-exported here.
from tutor.solvers.chain_matrix import chain_matrix_form  # noqa: E402

__all__ = [
    "chain_matrix_form",
    "check_substitutions",
    "dependency_order",
    "edge_step",
    "path_step",
    "paths_to",
    "resolve",
    "simplify_step",
    "total_derivative",
]
