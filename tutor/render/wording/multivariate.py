"""Wording of the week-2 solvers (tutor.solvers.multivariate): partial derivatives, gradient,
Jacobian, Hessian, values at a point."""

from __future__ import annotations

HELD_CONSTANT = "{variables} held constant"

MESSAGES: dict[str, str] = {
    "partial": "Partial derivative: differentiate with respect to {var}, {held_constant}",
    "gradient": "The gradient collects the partial derivatives, one per variable",
    "jacobian": (
        "Jacobian: row i holds the partial derivatives of fᵢ, column j those with respect to"
        " the j-th variable; for each entry the other variables are held constant"
    ),
    "jacobian_row": "A scalar function's Jacobian is one row: the gradient written as a row",
    "jacobian_determinant": "the determinant of the Jacobian",
    "hessian": (
        "Hessian: the matrix of second partial derivatives, Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ. First the"
        " gradient, then each of its entries differentiated again"
    ),
    "hessian_matrix": "Second partial derivatives",
    "second_partial": "differentiate {first_label} with respect to {var}",
    "symmetry": "the mixed partial derivatives are equal (Schwarz's theorem)",
    "hessian_symmetric": "H is symmetric, as the mixed partial derivatives agree",
    "hessian_not_symmetric": "the mixed partial derivatives differ: H is not symmetric",
    "at_point": "Put in the point {point}",
}

TITLES: dict[str, str] = {
    "partial": "Partial derivative",
    "gradient": "Gradient",
    "jacobian": "Jacobian",
    "hessian": "Hessian",
    "hessian_matrix": "Second partial derivatives",
    "second_partial": "Second partial derivative",
    "symmetry": "Symmetry of mixed partials",
    "at_point": "Value at a point",
}
