"""Wording of the week-5 iteration solvers (tutor.solvers.newton, tutor.solvers.descent):
rule id -> template, and rule id -> title. Keys that are not rule ids (outcome sentences,
captions, table words) are looked up by the layouts in tutor.render.solutions.iteration."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -- Newton-Raphson: rule ids ------------------------------------------------------------
    "newton_raphson": (
        "Newton-Raphson: from a guess, follow the tangent to where it meets the axis,"
        " each new iterate is the last one minus f/f' there"
    ),
    "newton_update": (
        "The Newton-Raphson update: follow the tangent down to where it meets the axis"
    ),
    "newton_iteration": "Row {n}: f and f' at the iterate, then the next iterate",
    "newton_f": "the value of f at the iterate",
    "newton_df": "the value of f' at the iterate",
    "newton_next": "the next iterate: the iterate minus f over f' there",
    "newton_residual": "f at the last iterate: how close it is to a root",
    # -- Newton-Raphson: layout sentences -----------------------------------------------------
    "newton_function": "the function whose root is wanted, starting from {start}",
    "newton_derivative": "the derivative, by the rules",
    "newton_update_note": "Newton-Raphson: the tangent at {x_n} meets the axis at {x_next}",
    "newton_caption": "Newton-Raphson iterations, {formula}; {precision}",
    "newton_converged": "Converged after {count} steps: {approx}, since {gap} and {residual}",
    "newton_settled": (
        "Converged after {count} steps: {approx}; {same} to the {working} digits worked with,"
        " and {residual}"
    ),
    "newton_root": "{root} {how}, so {at} is a root of f",
    "newton_steps_done": (
        "Stopped after {count} steps, as asked: {approx}, with {gap} and {residual}"
    ),
    "newton_zero_derivative": (
        "{slope}: the tangent at {at} is horizontal and never meets the axis, so Newton-Raphson"
        " cannot go on"
    ),
    "newton_zero_start": (
        "Newton-Raphson was started at a stationary point of f; choose another starting value"
    ),
    "newton_diverging_bound": (
        "Diverging: {size} has passed {bound}; from {start} the iterates run away from any root"
    ),
    "newton_diverging_growing": (
        "Diverging: {x_size} and {f_size} have grown at each of the last {growth} steps; from"
        " {start} the iterates run away from any root"
    ),
    "newton_cycling": (
        "Cycling: {repeat}, so the iterates repeat with period {period} ({cycle}) and never"
        " converge; try another starting value"
    ),
    "newton_undefined_function": "f is not a real number at {at}, so Newton-Raphson stops there",
    "newton_undefined_derivative": (
        "f' is not a real number at {at}, so Newton-Raphson stops there"
    ),
    # -- gradient descent: rule ids -----------------------------------------------------------
    "gradient_descent": (
        "Gradient descent: from the start, step downhill, against the gradient, by the step"
        " size times the gradient"
    ),
    "descent_update": "Step against the gradient, downhill, by the step size times it",
    "descent_iteration": "Row {n}: f, the gradient and its length at the point, then the step",
    "descent_f": "the value of f at the point",
    "descent_gradient": "the gradient at the point",
    "descent_norm": "the length of the gradient at the point",
    "descent_next": "the next point: the point minus the step size times the gradient",
    "descent_stable_rate": (
        "f is quadratic: its Hessian is constant, and descent converges exactly when"
        " the step size is below 2 over the Hessian's largest eigenvalue"
    ),
    # -- gradient descent: layout sentences ---------------------------------------------------
    "descent_function": "the function to minimise, from {start} with step size {rate}",
    "descent_caption": "Gradient descent, {formula}, {rate}; {precision}",
    "descent_converged": (
        "Converged after {count} steps: {norm} < {tolerance}, so {point} is close to a"
        " stationary point of f, where {value}"
    ),
    "descent_stationary": "{zero} {how}: {point} is a stationary point of f, where {value}",
    "descent_steps_done": "Stopped after {count} steps, as asked: {point}, {value}, {norm}",
    "descent_diverging_growing": (
        "Diverging: f has grown at each of the last {growth} steps instead of falling, so the"
        " step size {rate} is too large"
    ),
    "descent_diverging_bound": "Diverging: {size} has passed {bound}",
    "descent_diverging_unbounded": (
        "Diverging: f has no minimum (it falls without bound), so the iterates run away"
        " whatever the step size"
    ),
    "descent_cycling": (
        "Cycling: {repeat}, so the iterates repeat with period {period} and never settle"
    ),
    "descent_undefined": (
        "f or its gradient is not a real number at {point}, so descent stops there"
    ),
    "descent_rate_too_large": (
        "The Hessian's eigenvalues are {eigenvalues}, so descent converges only for {bound}:"
        " {rate} is too large"
    ),
    "descent_rate_edge": (
        "The Hessian's eigenvalues are {eigenvalues}: {edge} exactly, the edge of"
        " stability, where the iterates swing back and forth without converging"
    ),
    "descent_rate_stable": (
        "The Hessian's eigenvalues are {eigenvalues}, so any step size with {bound} is stable"
    ),
    "descent_no_minimum": (
        "The Hessian's eigenvalues are {eigenvalues}: with an eigenvalue that is not positive,"
        " this quadratic has no minimum for descent to find"
    ),
    "descent_hessian": "the Hessian, constant for a quadratic",
    # -- shared layout words -----------------------------------------------------------------
    "iteration_exact": "exact values",
    "iteration_floats": "values to {digits} significant figures",
    "iteration_mixed": (
        "exact values up to row {last_exact}, then values to {digits} significant figures"
    ),
    "iteration_elided": "rows {first} to {last} are left out of the table; the tree keeps them",
    "iteration_row": "Row {n}:",
    "iteration_exactly": "exactly",
    "iteration_working": "to the {working} digits worked with",
    "iteration_undefined": "undefined",
}

TITLES: dict[str, str] = {
    "newton_raphson": "Newton-Raphson iteration",
    "newton_update": "Newton-Raphson update",
    "newton_iteration": "Newton-Raphson row",
    "newton_f": "Value of f",
    "newton_df": "Value of f'",
    "newton_next": "Next iterate",
    "newton_residual": "Residual",
    "gradient_descent": "Gradient descent",
    "descent_update": "Gradient-descent update",
    "descent_iteration": "Gradient-descent row",
    "descent_f": "Value of f",
    "descent_gradient": "Gradient at the point",
    "descent_norm": "Length of the gradient",
    "descent_next": "Next point",
    "descent_stable_rate": "Largest stable step size",
}
