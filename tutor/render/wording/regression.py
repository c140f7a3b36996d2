"""Wording of the week-6 solvers (tutor.solvers.regression, tutor.solvers.fitting): chi-squared,
the straight-line fit by the normal equations, and the gradient-descent fit.

MESSAGES holds one template per rule id (filled with the step's details, see
tutor.render.messages) plus the sentences the layouts (tutor.render.solutions.regression) put
together themselves, keyed ``regression_*``; TITLES names each rule id.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # chi-squared
    "chi_squared": "χ² measures how far the data lie from the model, in units of their uncertainty",
    "chi_squared_table": "Each point's contribution",
    "chi_squared_term": "the squared residual of point {index}, divided by its σ²",
    "chi_squared_sum": "the sum of the contributions",
    "reduced_chi_squared": (
        "reduced χ²: divide by the degrees of freedom ν = n − (number of parameters)"
    ),
    "regression_chi_squared_head": "χ² of the model at {n} data points",
    "regression_at_fit": "χ² at the fit",
    "regression_at_result": "χ² at the fitted parameters",
    "regression_with": "with {values}",
    "regression_weighted": "each residual is divided by the point's uncertainty σᵢ",
    "regression_unweighted": "no uncertainties were given, so σᵢ = 1 for every point",
    "regression_exact": "{caption} (exact values)",
    "regression_floats": "{caption} (floats, shown to {digits} significant digits)",
    "regression_elided": "rows {first} to {last} are not shown",
    # the straight line
    "line_fit": "Fit the straight line y = m x + c by least squares",
    "regression_objective": (
        "choose m and c to make χ² as small as possible: at the minimum ∂χ²/∂m = ∂χ²/∂c = 0"
    ),
    "line_fit_gradient": (
        "Differentiate one term of the sum with respect to m and to c; the data are constants"
    ),
    "line_fit_term_partial": "",
    "line_fit_regroup": "take the factor −2 out",
    "line_fit_normal_equations": (
        "Normal equations: ∂χ²/∂m and ∂χ²/∂c are the sums of these over the points; set each to"
        " 0, divide by −2 and move the terms in m and c to the left"
    ),
    "line_fit_split": "multiply out",
    "line_fit_sums": "Sums from the data",
    "line_fit_sum": "",
    "line_fit_system": "The normal equations with the sums put in: two linear equations in m, c",
    "regression_cramer": "Solve by Cramer's rule",
    "line_fit_determinant": "the determinant of the system; it is 0 only when all xᵢ are equal",
    "line_fit_slope": "",
    "line_fit_intercept": "",
    "regression_line_result": "the fitted line: {values}",
    "line_fit_uncertainties": (
        "Uncertainties of m and c: the curvature matrix α = ½ (second derivatives of χ²) is"
        " inverted to give the covariance matrix, whose diagonal holds σ_m² and σ_c²"
    ),
    "line_fit_second_partials": "second partial derivatives of one term",
    "line_fit_curvature_matrix": "half the sum of these over the points",
    "line_fit_covariance": "the inverse of α",
    "line_fit_slope_error": "the square root of the first diagonal entry",
    "line_fit_intercept_error": "the square root of the second diagonal entry",
    # gradient descent
    "fit_gradient_descent": "Fit the model by gradient descent on χ²",
    "regression_fit_head": (
        "Fit {model} to {n} points by gradient descent on χ², starting from {start}, with rate"
        " η = {rate} and at most {steps} steps"
    ),
    "fit_model_gradient": (
        "Partial derivatives of the model, one per parameter ({variable} and the other"
        " parameters held constant)"
    ),
    "fit_chi2_gradient": (
        "Gradient of χ²: by the chain rule on each squared term, ∂/∂p (yᵢ − f(xᵢ))²/σᵢ² ="
        " −2 (yᵢ − f(xᵢ))/σᵢ² · ∂f/∂p, summed over the points"
    ),
    "fit_term_gradient": "chain rule on the square",
    "regression_update_rule": "each step moves every parameter against its gradient component",
    "fit_first_iteration": "Iteration 0 point by point",
    "regression_at_values": "{caption}, at {values}",
    "fit_gradient_terms": "each point's term of the gradient",
    "fit_gradient_term": "",
    "fit_gradient_sums": "the gradient: the sum of each column",
    "fit_gradient_sum": "",
    "fit_update": "the update pₖ₊₁ = pₖ − η ∂χ²/∂p",
    "fit_iterations": "Iterations",
    "fit_iteration": "",
    "regression_exact_until": (
        "{caption} (exact while the fractions stay small, to iteration {last}; then floats shown"
        " to {digits} significant digits)"
    ),
    "regression_iterations_elided": "iterations {first} to {last} are not shown",
    "regression_converged": (
        "Converged after {iterations} iterations: every parameter moved by less than"
        " {tolerance} (1 + |p|) in the last step"
    ),
    "regression_steps_done": (
        "Stopped after {iterations} iterations, the step limit, without converging: the last"
        " step still moved a parameter by {change}; more steps or a larger rate would help"
    ),
    "regression_diverging": (
        "Diverging: χ² grew from {start} to {end} over the last iterations, so the rate"
        " η = {rate} is too large; try a smaller one"
    ),
    "regression_undefined": (
        "Stopped at iteration {k}: the model has no real value at one of the data points for"
        " those parameters"
    ),
    "regression_fit_result": "the fitted parameters",
    "regression_stopped_at": "the parameters where the run stopped",
}

TITLES: dict[str, str] = {
    "chi_squared": "Chi-squared",
    "chi_squared_table": "Contributions to chi-squared",
    "chi_squared_term": "One point's contribution",
    "chi_squared_sum": "Sum of the contributions",
    "reduced_chi_squared": "Reduced chi-squared",
    "line_fit": "Straight-line least-squares fit",
    "line_fit_gradient": "Derivatives of one term of chi-squared",
    "line_fit_term_partial": "Derivative of one term",
    "line_fit_regroup": "Take out the factor -2",
    "line_fit_normal_equations": "Normal equations",
    "line_fit_split": "Multiply out",
    "line_fit_sums": "Sums from the data",
    "line_fit_sum": "A sum over the data",
    "line_fit_system": "The normal equations solved",
    "line_fit_determinant": "Determinant",
    "line_fit_slope": "Slope by Cramer's rule",
    "line_fit_intercept": "Intercept by Cramer's rule",
    "line_fit_uncertainties": "Uncertainties of the slope and intercept",
    "line_fit_second_partials": "Second partial derivatives of one term",
    "line_fit_curvature_matrix": "Curvature matrix",
    "line_fit_covariance": "Covariance matrix",
    "line_fit_slope_error": "Uncertainty of the slope",
    "line_fit_intercept_error": "Uncertainty of the intercept",
    "fit_gradient_descent": "Gradient-descent fit",
    "fit_model_gradient": "Partial derivatives of the model",
    "fit_term_gradient": "Gradient of one term of chi-squared",
    "fit_chi2_gradient": "Gradient of chi-squared",
    "fit_first_iteration": "First iteration in detail",
    "fit_gradient_terms": "Gradient terms point by point",
    "fit_gradient_term": "One point's gradient term",
    "fit_gradient_sums": "Gradient of chi-squared at the start",
    "fit_gradient_sum": "Sum of a gradient column",
    "fit_update": "Gradient-descent update",
    "fit_iterations": "Gradient-descent iterations",
    "fit_iteration": "One iteration",
}
