"""Layouts of the week-3 solvers: the total derivative over the paths of a dependency graph and
the chain rule in matrix form (tutor.solvers.chain); backpropagation is laid out in
tutor.render.solutions.backprop, whose LAYOUTS are merged here.

A total derivative reads as on a blackboard: the substitutions, the graph, each edge's
derivative (a full derivation), one line per path with its product, the sum, the substitution
back into the final variable and the simplified answer. The helpers at the top write the few
symbols sympy has no object for (→, ·, J_f, ⊙, ᵀ) in both notations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import sympy as sp

from tutor.render.solutions.shared import embed_partial, held_constant
from tutor.render.wording.chain import MESSAGES

if TYPE_CHECKING:
    from tutor.render.outline import OutlineBuilder
    from tutor.render.solutions import Layout
    from tutor.steps.step import Step

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


# -- writing helpers (shared with the backpropagation layouts) ---------------------------------


def latex(builder: OutlineBuilder) -> bool:
    return builder.notation.name == "latex"


def arrow(builder: OutlineBuilder) -> str:
    return r" \to " if latex(builder) else " → "


def dot(builder: OutlineBuilder) -> str:
    return r" \cdot " if latex(builder) else " · "


def gap(builder: OutlineBuilder) -> str:
    return r",\quad " if latex(builder) else ",  "


def factor(builder: OutlineBuilder, value: sp.Basic, first: bool = False) -> str:
    """A factor of a written product, in brackets when it is a sum or (not first) negative."""
    written = builder.notation.math(value)
    if value.is_Add or (not first and value.could_extract_minus_sign()):
        return rf"\left({written}\right)" if latex(builder) else f"({written})"
    return written


def product(builder: OutlineBuilder, factors: Sequence[sp.Basic]) -> str:
    """f₁ · f₂ · ...: the factors as given, not multiplied out."""
    return dot(builder).join(factor(builder, f, i == 0) for i, f in enumerate(factors))


def edge_label(builder: OutlineBuilder, top: sp.Basic, bottom: sp.Basic, partial: bool) -> str:
    """∂f/∂x or dx/dt."""
    n = builder.notation
    if partial:
        return n.partial_of(n.math(top), (bottom,))
    return n.leibniz(top, bottom)


def named(builder: OutlineBuilder, base: str, sub: str) -> str:
    """J_f, J_g, J_h: a name with a letter or index below."""
    return rf"{base}_{{{sub}}}" if latex(builder) else f"{base}_{sub}"


def entry_name(builder: OutlineBuilder, base: str, sub: str, row: int, col: int) -> str:
    """(J_h)₁₂."""
    if latex(builder):
        return rf"\left({base}_{{{sub}}}\right)_{{{row}{col}}}"
    return f"({base}_{sub})" + f"{row}{col}".translate(SUBSCRIPTS)


def arguments(builder: OutlineBuilder, variables: Sequence[sp.Basic]) -> str:
    """(t) or (s, t): a function's arguments."""
    return "(" + ", ".join(builder.notation.math(v) for v in variables) + ")"


def equations(builder: OutlineBuilder, pairs: Sequence[tuple[sp.Basic, sp.Basic]]) -> str:
    """x = cos t, y = sin t."""
    n = builder.notation
    return gap(builder).join(f"{n.math(a)} = {n.math(b)}" for a, b in pairs)


def inline_equations(builder: OutlineBuilder, pairs: Sequence[tuple[sp.Basic, sp.Basic]]) -> str:
    n = builder.notation
    return ", ".join(n.inline(f"{n.math(a)} = {n.math(b)}") for a, b in pairs)


def lay_out_edge(builder: OutlineBuilder, edge: Step, depth: int, label: str) -> None:
    """One edge's derivative: the partial derivative's or the ordinary derivative's derivation."""
    inner = edge.children[0]
    if builder.detail == "brief":
        builder.add(depth, label, builder.notation.math(edge.result), "", edge.rule)
    elif inner.rule == "partial":
        embed_partial(builder, inner.children[0], depth, label, held_constant(builder, inner))
    else:
        builder.derivative(inner, depth, label=label)


# -- total derivative ---------------------------------------------------------------------------


def total_derivative(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d, n = step.details, builder.notation
    name, var = d["name"], step.var
    rest = equations(builder, d["substitutions"])
    given = n.math(d["function"]) + (gap(builder) + rest if rest else "")
    builder.add(depth, n.math(name), given, builder.words(MESSAGES["chain_given"]), "chain_given")
    label = edge_label(builder, name, var, d["partial"])
    builder.add(depth, None, None, builder.note(step), step.rule)
    graph = "; ".join(
        f"{n.math(node)}{arrow(builder)}{', '.join(n.math(c) for c in children)}"
        for node, children in d["graph"]
        if len(children)
    )
    if graph:
        builder.add(depth + 1, graph, None, builder.words(MESSAGES["chain_graph"]), "chain_graph")
    _notes(builder, step, depth + 1)
    by_rule = {child.rule: child for child in step.children}
    compose = by_rule.get("chain_compose")
    if compose is not None and builder.detail != "brief":
        head = n.math(name) + arguments(builder, d["final_variables"])
        builder.add(depth + 1, head, n.math(compose.result), builder.note(compose), compose.rule)
    partials: dict = {}
    if "chain_local_derivatives" in by_rule:
        edges = by_rule["chain_local_derivatives"]
        partials = {(e.details["of"], e.var): e.details["partial"] for e in edges.children}
        _edges(builder, edges, depth + 1)
        _paths(builder, by_rule["chain_paths"], partials, depth + 1)
    _result(builder, step, label, partials, depth)


def _notes(builder: OutlineBuilder, step: Step, depth: int) -> None:
    """Intermediates with no path to the variable, unused substitutions, no path at all."""
    d = step.details
    values = {"name": d["name"], "var": step.var}
    for key in ("no_path", "unused"):
        if d[key]:
            rule = f"chain_{key}" + ("_one" if len(d[key]) == 1 else "")
            note = builder.words(MESSAGES[rule], variables=list(d[key]), **values)
            builder.add(depth, None, None, note, rule)
    if not d["paths"]:
        note = builder.words(MESSAGES["chain_independent"], **values)
        builder.add(depth, None, None, note, "chain_independent")


def _edges(builder: OutlineBuilder, group: Step, depth: int) -> None:
    builder.add(depth, None, None, builder.note(group), group.rule)
    for edge in group.children:
        label = edge_label(builder, edge.details["of"], edge.var, edge.details["partial"])
        lay_out_edge(builder, edge, depth + 1, label)


def _path_labels(builder: OutlineBuilder, path: Step, partials: dict) -> list[str]:
    nodes = path.details["path"]
    return [
        edge_label(builder, a, b, partials[(a, b)]) for a, b in zip(nodes, nodes[1:], strict=False)
    ]


def _paths(builder: OutlineBuilder, group: Step, partials: dict, depth: int) -> None:
    n = builder.notation
    builder.add(depth, None, None, builder.note(group), group.rule)
    for path in group.children:
        labels = _path_labels(builder, path, partials)
        factors = path.details["factors"]
        rhs = product(builder, factors)
        if len(factors) > 1 and n.math(path.result) != rhs:
            rhs = f"{rhs} = {n.math(path.result)}"
        walk = arrow(builder).join(n.math(node) for node in path.details["path"])
        note = builder.words(MESSAGES["chain_path"], path=n.inline(walk))
        builder.add(depth + 1, dot(builder).join(labels), rhs, note, path.rule)


def _result(builder: OutlineBuilder, step: Step, label: str, partials: dict, depth: int) -> None:
    """df/dt = Σ products of labels = the sum, then back in the final variables, simplified."""
    n = builder.notation
    by_rule = {child.rule: child for child in step.children}
    total = by_rule["chain_sum"]
    later = [by_rule[r] for r in ("chain_substitute_back", "chain_simplify") if r in by_rule]
    paths = by_rule.get("chain_paths")
    if paths is not None:
        terms = [dot(builder).join(_path_labels(builder, p, partials)) for p in paths.children]
        builder.add(depth, label, " + ".join(terms), builder.note(total), total.rule)
    lines = [(n.math(total.result), "", total.rule)]
    for next_step in later:
        note = builder.note(next_step)
        if next_step.rule == "chain_substitute_back":
            pairs = list(next_step.details["at"].items())
            put_in = inline_equations(builder, pairs)
            note = builder.words(MESSAGES["chain_put_in"], substitutions=put_in)
        lines.append((n.math(next_step.result), note, next_step.rule))
    if builder.detail == "brief":
        lines = [(lines[-1][0], "", lines[-1][2])]
    for index, (rhs, note, rule) in enumerate(lines):
        last = index == len(lines) - 1
        builder.add(depth, label if last else None, rhs, note, step.rule if last else rule)


# -- matrix form --------------------------------------------------------------------------------


def chain_matrix(builder: OutlineBuilder, step: Step, depth: int) -> None:
    d, n = step.details, builder.notation
    inner, outer = d["inner_variables"], d["outer_variables"]
    compose, jf, jg, along, prod, *tidy = step.children
    f_head = n.symbol("f") + arguments(builder, inner)
    g_head = n.symbol("g") + arguments(builder, outer)
    given = f"{_vector(builder, d['f'])}{gap(builder)}{g_head} = {_vector(builder, d['g'])}"
    note = builder.words(MESSAGES["chain_given_matrix"])
    builder.add(depth, f_head, given, note, "chain_given_matrix")
    builder.add(depth, None, None, builder.note(step), step.rule)
    jh, jf_name, jg_name = (named(builder, "J", s) for s in "hfg")
    at = arguments(builder, outer)
    g_of = n.symbol("g") + at
    formula = f"{jf_name}({g_of}){dot(builder)}{jg_name}{at}"
    shapes = [f"{r}×{c}" if not latex(builder) else rf"{r} \times {c}" for r, c in d["shapes"]]
    sizes = builder.words(
        MESSAGES["chain_matrix_shapes"],
        shape_f=n.inline(shapes[0]),
        shape_g=n.inline(shapes[1]),
        shape_h=n.inline(shapes[2]),
    )
    builder.add(depth + 1, jh + at, formula, sizes, "chain_matrix_shapes")
    if builder.detail != "brief":
        head = n.symbol("h") + at
        builder.add(
            depth + 1,
            head,
            _vector(builder, list(compose.result)),
            builder.note(compose),
            compose.rule,
        )
    _jacobian(builder, jf, "f", depth + 1)
    _jacobian(builder, jg, "g", depth + 1)
    pairs = list(along.details["at"].items())
    note = builder.words(MESSAGES["chain_put_in"], substitutions=inline_equations(builder, pairs))
    builder.add_matrix(depth + 1, f"{jf_name}({g_of})", along.result, note, along.rule)
    _product(builder, prod, depth + 1)
    for later in tidy:
        builder.add_matrix(depth, jh, later.result, builder.note(later), later.rule)


def _vector(builder: OutlineBuilder, values: Sequence[sp.Basic]) -> str:
    values = list(values)
    return builder.notation.math(values[0] if len(values) == 1 else sp.Tuple(*values))


def _jacobian(builder: OutlineBuilder, step: Step, base: str, depth: int) -> None:
    n = builder.notation
    variables = step.details["variables"]
    rows, cols = step.result.shape
    key = "chain_jacobian_f" if base == "f" else "chain_jacobian_g"
    builder.add(depth, None, None, builder.words(MESSAGES[key], variables=list(variables)), key)
    if builder.detail != "brief":
        for index, child in enumerate(step.children):
            top = n.symbol(f"{base}_{index // cols + 1}" if rows > 1 else base)
            embed_partial(
                builder,
                child.children[0],
                depth + 1,
                n.partial_of(top, (child.var,)),
                held_constant(builder, child),
            )
    builder.add_matrix(depth, named(builder, "J", base), step.result, "", step.rule)


def _product(builder: OutlineBuilder, prod: Step, depth: int) -> None:
    n = builder.notation
    builder.add(depth, None, None, builder.note(prod), prod.rule)
    if builder.detail != "brief":
        for entry in prod.children:
            row, col = entry.details["entry"]
            terms = sp.Add.make_args(entry.expr) if entry.expr.is_Add else (entry.expr,)
            written = " + ".join(
                product(builder, term.args) if term.is_Mul else n.math(term) for term in terms
            )
            final = n.math(entry.result)
            rhs = written if written == final else f"{written} = {final}"
            builder.add(depth + 1, entry_name(builder, "J", "h", row, col), rhs, "", entry.rule)
    builder.add_matrix(depth, named(builder, "J", "h"), prod.result, "", prod.rule)


LAYOUTS: dict[str, Layout] = {"total_derivative": total_derivative, "chain_matrix": chain_matrix}

# Backpropagation's layouts use the helpers above, so they are imported once these exist.
from tutor.render.solutions.backprop import LAYOUTS as _BACKPROP  # noqa: E402

LAYOUTS.update(_BACKPROP)
