"""Wording of the week-2 solvers (tutor.solvers.multivariate, tutor.solvers.directional):
partial derivatives, gradient, directional derivative, Jacobian, Hessian, values at a point.

MESSAGES and TITLES are keyed by the rule ids the solvers emit (merged into the one wording
table); PHRASES holds the sentences only the layouts (tutor/render/solutions/multivariate.py)
use, such as the determinant's note; HELD_CONSTANT is shared by every family's partial entries.
"""

from __future__ import annotations

HELD_CONSTANT = "{variables} held constant"

MESSAGES: dict[str, str] = {
    "partial": "Partial derivative with respect to {var}: every other variable is held constant",
    "gradient": "The gradient collects the partial derivatives, one per variable",
    "jacobian": (
        "Jacobian: row i holds the partial derivatives of the i-th component of f, column j"
        " those with respect to the j-th variable; for each entry the other variables are held"
        " constant"
    ),
    "hessian": (
        "Hessian: the matrix of second partial derivatives of f. First the gradient, then each"
        " of its entries differentiated again"
    ),
    "hessian_matrix": (
        "Second partial derivatives: row i differentiates each entry of the gradient with"
        " respect to the i-th variable"
    ),
    "second_partial": "Differentiate a gradient entry again, with respect to {var}",
    "symmetry": "Schwarz's theorem: the mixed partial derivatives are equal",
    "at_point": "Put in the point {point}",
    "evaluate": "Put in the values of the point",
    "directional_derivative": (
        "Directional derivative: the rate of change of f in the direction of v is the dot"
        " product of the gradient with the unit vector in that direction"
    ),
    "vector_norm": "the length of v: the square root of the sum of the squares of its components",
    "unit_vector": "divide v by its length to get the unit vector in the same direction",
    "dot_product": (
        "the dot product of the gradient with the unit vector: multiply entry by entry and add"
    ),
    "directional_value": "Put in the point {point}",
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
    "evaluate": "Value at a point",
    "directional_derivative": "Directional derivative",
    "vector_norm": "Length of a vector",
    "unit_vector": "Unit vector",
    "dot_product": "Dot product",
    "directional_value": "Value at a point",
}

# Sentences of the layouts only; maths placeholders arrive written in the output's notation.
PHRASES: dict[str, str] = {
    "jacobian_row": "A scalar function's Jacobian is one row: the gradient written as a row",
    "determinant": "the determinant of J",
    "determinant_2x2": "the determinant of a two-by-two matrix: {formula}",
    "singular": "{formula} at every point: J is singular (not invertible) everywhere",
    "singular_at": "{formula} here: J is singular (not invertible) at this point",
    "symmetry_check": "derived the other way round, {derivative}, it gives the same",
    "hessian_symmetric": "H is symmetric, {formula}, as the mixed partial derivatives agree",
    "hessian_not_symmetric": (
        "the mixed partial derivatives could not be shown equal: H is written as derived"
    ),
    "at_point": "Put in the point {point}",
    "digits": "values to {digits} significant digits",
    "already_unit": "{formula}: v is already a unit vector",
    "direction": "the direction",
}
