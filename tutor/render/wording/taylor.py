"""Wording of the week-4 Taylor solvers (tutor.solvers.taylor, taylor_error, taylor_maximum,
taylor_two): rule id -> template, and rule id -> title. PHRASES are the layout's sentences that
are not rule ids (introductions, captions, outcomes), looked up by
tutor.render.solutions.taylor. Placeholders arrive written in the output's notation."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -- one variable ----------------------------------------------------------------------------
    "taylor_polynomial": (
        "The Taylor polynomial of order {order} about {about}: the sum of f⁽ᵏ⁾(a)/k! (x − a)ᵏ"
        " for k = 0 to {order}"
    ),
    "linearisation": (
        "The linearisation about {about}: the tangent line L(x) = f(a) + f'(a)(x − a)"
    ),
    "truncation_error": "The truncation error of the Taylor polynomial of order {order}",
    "taylor_derivatives": "Differentiate {order} times, each order from the one before",
    "taylor_order": "Order {order}: differentiate the previous derivative",
    "taylor_tidy": "tidy up before differentiating again",
    "taylor_values": "The derivatives at the centre",
    "taylor_value": "the derivative of order {order} at the centre",
    "taylor_terms": "The terms f⁽ᵏ⁾(a)/k! (x − a)ᵏ",
    "taylor_term": "the term of order {order}: the derivative at the centre over {order}!",
    "taylor_sum": "add the terms that do not vanish",
    "taylor_error": "The truncation error",
    "remainder_order": "the error is of order (x − a)ⁿ⁺¹ as x → a",
    "taylor_next_value": "the derivative of order {order} at the centre",
    "lagrange_remainder": (
        "Lagrange form of the remainder: f⁽ⁿ⁺¹⁾(ξ)/(n+1)! (x − a)ⁿ⁺¹ for some ξ between a and x"
    ),
    "remainder_bound": "A bound on the remainder from the largest |f⁽ⁿ⁺¹⁾| on the interval",
    "remainder_max": "M, the largest |f⁽ⁿ⁺¹⁾| on the interval, among the ends and critical points",
    "remainder_critical_points": "the critical points of f⁽ⁿ⁺¹⁾ inside the interval",
    "remainder_candidates": "f⁽ⁿ⁺¹⁾ at the ends and at the critical points",
    "remainder_candidate": "f⁽ⁿ⁺¹⁾ at a candidate point",
    "lagrange_bound": "the Lagrange bound M hⁿ⁺¹/(n+1)!",
    "taylor_estimate": "The estimate at {point} and its actual error",
    "taylor_estimate_value": "the polynomial at the point",
    "taylor_actual_value": "f at the point",
    "taylor_actual_error": "the actual error: f minus the polynomial",
    # -- two variables ---------------------------------------------------------------------------
    "taylor_two_variables": (
        "The Taylor expansion of f(x, y) about {about} to order {order}:"
        " f(a, b) + J Δ + ½ Δᵀ H Δ with Δ = (x − a, y − b)"
    ),
    "taylor2_value": "the value of f at the point",
    "taylor2_gradient_value": "the gradient at the point",
    "taylor2_linear": "the first-order term J Δ: the gradient times the displacement",
    "taylor2_quadratic": "the second-order term ½ Δᵀ H Δ: half the Hessian's quadratic form",
    "taylor2_sum": "add the terms",
}

TITLES: dict[str, str] = {
    "taylor_polynomial": "Taylor polynomial",
    "linearisation": "Linearisation",
    "truncation_error": "Truncation error",
    "taylor_derivatives": "Successive derivatives",
    "taylor_order": "Derivative of the next order",
    "taylor_tidy": "Tidy form",
    "taylor_values": "Derivatives at the centre",
    "taylor_value": "Derivative at the centre",
    "taylor_terms": "Terms of the polynomial",
    "taylor_term": "Term of the polynomial",
    "taylor_sum": "Taylor polynomial",
    "taylor_error": "Truncation error",
    "remainder_order": "Order of the error",
    "taylor_next_value": "Next derivative at the centre",
    "lagrange_remainder": "Lagrange remainder",
    "remainder_bound": "Remainder bound",
    "remainder_max": "Largest value of the next derivative",
    "remainder_critical_points": "Critical points",
    "remainder_candidates": "Candidate points",
    "remainder_candidate": "Value at a candidate point",
    "lagrange_bound": "Lagrange bound",
    "taylor_estimate": "Estimate",
    "taylor_estimate_value": "Estimate",
    "taylor_actual_value": "Actual value",
    "taylor_actual_error": "Actual error",
    "taylor_two_variables": "Two-variable Taylor expansion",
    "taylor2_value": "Value at the point",
    "taylor2_gradient_value": "Gradient at the point",
    "taylor2_linear": "First-order term",
    "taylor2_quadratic": "Second-order term",
    "taylor2_sum": "Taylor approximation",
}

PHRASES: dict[str, str] = {
    # -- introductions -----------------------------------------------------------------------
    "maclaurin_intro": (
        "Maclaurin polynomial of order {order}, the Taylor polynomial about 0: {formula}"
    ),
    "taylor_intro": "Taylor polynomial of order {order} about {centre}: {formula}",
    "linear_intro": "Linearisation about {centre}, the tangent line: {formula}",
    "error_only_intro": (
        "The truncation error of the Taylor polynomial of order {order} about {centre}"
    ),
    "derivatives_intro": "The derivatives, each differentiated from the one before",
    "derivatives_intro_next": (
        "The derivatives, each differentiated from the one before; order {next} is for the error"
    ),
    "derivative_intro": "The derivative",
    "value_at_centre": "the value at the centre: the point of tangency",
    "slope_at_centre": "the derivative at the centre: the slope of the tangent",
    "table_caption": "The derivatives at {centre}, and the terms {term}",
    # -- the polynomial ----------------------------------------------------------------------
    "sum": "the sum of the terms",
    "sum_vanishing": "the sum of the terms; the terms of order {orders} vanish",
    "sum_vanishing_one": "the sum of the terms; the term of order {orders} vanishes",
    "sum_zero": "every term vanishes, so the polynomial is 0",
    "tangent_line": "the tangent line to {curve} at {point}",
    "multiplied_out": "multiplied out",
    # -- the error ---------------------------------------------------------------------------
    "error_heading": "Truncation error",
    "big_o": "as {limit}: {leading}",
    "leading": "{value}, so the error's leading part is the next term, {term}",
    "leading_zero": (
        "{value}, so the next term vanishes and the error is smaller still than a multiple of"
        " {power}"
    ),
    "weaker": (
        "{name} is undefined at {centre}, so the error is only known to vanish faster than"
        " {power} as {limit}"
    ),
    "lagrange": "Lagrange form of the remainder, for some {xi} between {centre} and {x}",
    "bound_radius": (
        "Bound for {where}: on {interval}, {maximum}, the largest value among the ends and"
        " the critical points"
    ),
    "bound_point": (
        "Bound at {where}: between {centre} and {point}, {maximum}, the largest value among"
        " the ends and the critical points"
    ),
    "critical_exact": "The critical points of {g}, where {equation}: {roots}, solved exactly",
    "critical_numeric": (
        "The critical points of {g}, where {equation}: {roots}, solved numerically (sign"
        " changes on a grid of {grid} cells, each refined to 30 digits; shown to {digits}"
        " significant figures)"
    ),
    "critical_constant": "{equation} everywhere: {g} is constant, so M is its size anywhere",
    "no_critical": "{equation} has no solution inside the interval: {g} has no critical point",
    "no_critical_numeric": (
        "{equation} has no solution inside the interval, solved numerically (no sign change on"
        " a grid of {grid} cells): {g} has no critical point"
    ),
    "candidates_caption": "Candidates: the ends of the interval and the critical points",
    "end": "end",
    "critical": "critical point",
    "maximum": "the largest, at {at}",
    "bound": "so {remainder} for {where}",
    "bound_at": "so {remainder}: the error of the estimate is at most this",
    "unbounded": (
        "{f} or one of its derivatives up to {g} is not defined or not continuous at {where},"
        " inside {interval}: there is no finite {m}, so the Lagrange form gives no bound; take"
        " {radius}"
    ),
    # -- estimates ---------------------------------------------------------------------------
    "estimate_heading": "Estimate at {point}",
    "estimate": "the estimate",
    "actual": "the actual value",
    "actual_error": "the actual error",
    "within": "{error} is within the bound {bound}",
    "beyond": "{error} exceeds the bound {bound}, which is rounded",
    "no_actual": "f has no real value at {point}, so there is no actual error to compare",
    # -- two variables -----------------------------------------------------------------------
    "two_intro_1": (
        "Linear approximation (the tangent plane) about {point}: {formula}, with {delta}"
    ),
    "two_intro_2": "Quadratic approximation about {point}: {formula}, with {delta}",
    "two_value": "the value at the point",
    "two_gradient": "the gradient at the point",
    "two_hessian": "the Hessian at the point",
    "two_linear": "the first-order term: the gradient times the displacement",
    "two_quadratic": "the second-order term: half the Hessian's quadratic form",
    "two_matrix_form": "in matrix form",
    "two_sum_1": "the linear approximation, in powers of the displacement",
    "two_sum_2": "the quadratic approximation, in powers of the displacement",
    "two_error_1": "the error is of second order in the distance to {point}",
    "two_error_2": "the error is of third order in the distance to {point}",
    "digits": "values to {digits} significant figures",
}
