"""Week 3: the chain rule in matrix form, h = f∘g and J_h = J_f(g) J_g.

`chain_matrix_form(f_components, g_components, inner_vars, outer_vars)` (kind sequence): the
composition h (`chain_compose`), the Jacobian of f in the inner variables and of g in the outer
ones (tutor.solvers.multivariate.jacobian, every entry a derivation), J_f along g
(`chain_jacobian_along`, an evaluate step), the product entry by entry (`chain_matrix_product`,
each entry a written sum of products), and the simplified matrix (`chain_matrix_simplify`).
Re-exported by tutor.solvers.chain.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from tutor.solvers.common import matrix_step
from tutor.solvers.multivariate import jacobian
from tutor.steps import Step
from tutor.steps.values import as_value

MAX_SIZE = 6  # components and variables
MATRIX_SIMPLIFY_OPS = 12  # sympy.simplify on entries this small (it is slow on trig entries)


def chain_matrix_form(
    f_components: sp.Basic | Sequence[sp.Basic],
    g_components: sp.Basic | Sequence[sp.Basic],
    inner_vars: Sequence[sp.Symbol],
    outer_vars: Sequence[sp.Symbol],
) -> Step:
    """h = f∘g with f a function of `inner_vars` and g = (g₁, ..., gₙ) giving each inner variable
    in terms of `outer_vars`: J_h = J_f(g) · J_g, entry by entry."""
    fs, gs = _components(f_components), _components(g_components)
    inner, outer = tuple(inner_vars), tuple(outer_vars)
    _check_matrix_form(fs, gs, inner, outer)
    along = dict(zip(inner, gs, strict=True))
    f_matrix = sp.ImmutableMatrix(len(fs), 1, fs)
    composed = sp.ImmutableMatrix(f_matrix.xreplace(along))
    compose = Step("chain_compose", f_matrix, None, composed, (), "evaluate", {"at": along})
    jf, jg = jacobian(fs, inner), jacobian(gs, outer)
    jf_along = Step(
        "chain_jacobian_along",
        jf.result,
        None,
        sp.ImmutableMatrix(jf.result.xreplace(along)),
        (),
        "evaluate",
        {"at": along},
    )
    product = _product(jf_along.result, jg.result)
    children = [compose, jf, jg, jf_along, product]
    tidy = _simplify(product.result)
    if tidy is not None:
        children.append(tidy)
    details = {
        "inner_variables": inner,
        "outer_variables": outer,
        "f": tuple(fs),
        "g": tuple(gs),
        "shapes": (jf.result.shape, jg.result.shape, product.result.shape),
    }
    result = children[-1].result
    return Step("chain_matrix", composed, None, result, tuple(children), "sequence", details)


def _components(value: sp.Basic | Sequence[sp.Basic]) -> list[sp.Basic]:
    if isinstance(value, sp.MatrixBase):
        return list(value)
    if isinstance(value, (list, tuple, sp.Tuple)):
        return [as_value(v) for v in value]
    return [as_value(value)]


def _check_matrix_form(fs: list, gs: list, inner: tuple, outer: tuple) -> None:
    if not fs or not gs or not inner or not outer:
        raise ValueError("the matrix form needs f, g and both lists of variables")
    if max(len(fs), len(gs), len(outer)) > MAX_SIZE:
        raise ValueError(f"the matrix form takes at most {MAX_SIZE} components and variables")
    if len(gs) != len(inner):
        raise ValueError(
            f"g has {len(gs)} components but f has {len(inner)} variables; give one per variable"
        )
    if not all(isinstance(v, sp.Symbol) for v in inner + outer):
        raise ValueError("the variables must be symbols")
    if len(set(inner)) != len(inner) or len(set(outer)) != len(outer) or set(inner) & set(outer):
        raise ValueError("the inner and outer variables must be distinct symbols")
    for f in fs:
        if f.free_symbols & set(outer):
            raise ValueError(f"f must depend on the inner variables only: {f} uses an outer one")
    for g in gs:
        if g.free_symbols & set(inner):
            raise ValueError(f"g must be in the outer variables: {g} uses an inner one")


def _product(left: sp.ImmutableMatrix, right: sp.ImmutableMatrix) -> Step:
    """The matrix product entry by entry: (AB)ᵢⱼ = Σₖ Aᵢₖ Bₖⱼ, each a written sum."""
    rows, inner = left.shape
    cols = right.shape[1]
    entries = []
    for i in range(rows):
        for j in range(cols):
            terms = [sp.Mul(left[i, k], right[k, j], evaluate=False) for k in range(inner)]
            written = sp.Add(*terms, evaluate=False) if inner > 1 else terms[0]
            value = sp.Add(*(left[i, k] * right[k, j] for k in range(inner)))
            entries.append(
                Step(
                    "chain_product_entry",
                    written,
                    None,
                    value,
                    (),
                    "rewrite",
                    {"entry": (i + 1, j + 1)},
                )
            )
    return matrix_step("chain_matrix_product", sp.Tuple(left, right), entries, (rows, cols))


def _simplify(matrix: sp.ImmutableMatrix) -> Step | None:
    from tutor.solvers.chain import simplify_step

    return simplify_step(matrix, "chain_matrix_simplify", MATRIX_SIMPLIFY_OPS)
