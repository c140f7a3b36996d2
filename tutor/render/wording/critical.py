"""Wording of the week-5 critical-point solvers: systems of equations solved step by step
(tutor.solvers.systems), stationary points (tutor.solvers.stationary) and Lagrange multipliers
(tutor.solvers.lagrange).

MESSAGES and TITLES are keyed by rule id (placeholders: the step's details, see
tutor.render.messages). The other tables hold the sentences the layouts
(tutor.render.solutions.critical) pick by outcome: a classification, a reason, a boundedness.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # solving systems (tutor.solvers.systems)
    "system_solve": "",
    "system_case": "Case {branch}",
    "system_contradiction": "impossible: no solution here",
    "system_never_zero": "this is never zero for real values: no solution here",
    "system_sign": "written to show its sign",
    "system_free": "no equation is left: {free} can take any real value",
    "system_drop_factor": "{dropped} is never zero, so the other factor must be zero",
    "system_clear_denominators": (
        "a fraction is zero where its numerator is, provided its denominator {denominator} is not"
    ),
    "system_roots": "an equation in {unknown} alone",
    "system_factor": "factorise: a product is zero exactly when one of its factors is",
    "system_quadratic": "quadratic formula, a = {a}, b = {b}, c = {c}: b² − 4ac = {discriminant}",
    "system_numeric_roots": "no short exact form: the real roots found numerically",
    "system_linear": "from {equation}, which is linear in {unknown}",
    "system_substitute": "Substitute {assignment} into the other equations",
    "system_back_substitute": "put the solution back into {assignment}",
    "system_combine": "combine two equations so that a term cancels",
    "system_groebner": (
        "eliminate unknowns (a Gröbner basis in lexicographic order): an equivalent system"
        " whose last equation has one unknown"
    ),
    "system_cas": "solved with computer algebra (sympy.solve); only the real solutions kept",
    "system_curve": "fewer independent equations than unknowns: a whole curve of solutions",
    "system_unsolved": "this system is not solved step by step here ({reason})",
    # stationary points (tutor.solvers.stationary)
    "stationary_points": "Stationary points: where every first partial derivative is zero",
    "stationary_system": "Set every first partial derivative to zero and solve",
    "determinant_formula": "the discriminant D = f_xx f_yy − f_xy²",
    "stationary_point": "the stationary point {point}: {classification}",
    "stationary_value": "the value of f there",
    "hessian_value": "the Hessian there",
    "determinant_value": "D there",
    "hessian_eigenvalues": "the eigenvalues of H: the roots of det(H − {unknown}I) = 0",
    "characteristic_polynomial": "the characteristic polynomial det(H − {unknown}I)",
    "higher_order_check": "the test is inconclusive: look at f(p + h) − f(p) near the point",
    # Lagrange multipliers (tutor.solvers.lagrange)
    "lagrange": (
        "Lagrange multipliers: at an extreme point of f on the constraint set, ∇f is a"
        " combination of the constraints' gradients"
    ),
    "constraint_check": "Can the constraints be met at all? Solve them on their own",
    "lagrangian": "the Lagrangian; its partial derivatives set to zero give the system below",
    "lagrange_system": ("∇f = λ∇g (+ μ∇h), component by component, together with the constraints"),
    "eliminate_multiplier": (
        "eliminate λ between the {pair} equations: λ = {ratio}, cross-multiplied so that nothing"
        " is divided by a gradient component that could be zero"
    ),
    "eliminate_multipliers": (
        "∇f = λ∇g + μ∇h says ∇f, ∇g, ∇h are linearly dependent: their determinant is zero"
    ),
    "lagrange_reduced": "Solve these equations together with the constraints",
    "lagrange_multipliers": "the multipliers at {point}",
    "constraint_singular": (
        "Points of the constraint set where the constraint gradients are dependent (∇g = 0):"
        " the method cannot see them, so they are candidates too"
    ),
    "lagrange_value": "the value of f there",
    "lagrange_extremes": "Compare the values of f at the candidates",
}

TITLES: dict[str, str] = {
    "system_solve": "System of equations",
    "system_case": "Case",
    "system_contradiction": "Contradiction",
    "system_never_zero": "Never zero",
    "system_sign": "Sign of an expression",
    "system_free": "Free unknowns",
    "system_drop_factor": "Factor that is never zero",
    "system_clear_denominators": "Clearing the denominator",
    "system_roots": "Equation in one unknown",
    "system_factor": "Factorisation",
    "system_quadratic": "Quadratic formula",
    "system_numeric_roots": "Numerical roots",
    "system_linear": "Linear equation",
    "system_substitute": "Substitution",
    "system_back_substitute": "Back-substitution",
    "system_combine": "Combining equations",
    "system_groebner": "Elimination (Gröbner basis)",
    "system_cas": "Computer algebra",
    "system_curve": "Curve of solutions",
    "system_unsolved": "Not solved",
    "stationary_points": "Stationary points",
    "stationary_system": "Gradient equal to zero",
    "determinant_formula": "Discriminant of the Hessian",
    "stationary_point": "Classification of a stationary point",
    "stationary_value": "Value of f",
    "hessian_value": "Hessian at a point",
    "determinant_value": "Discriminant at a point",
    "hessian_eigenvalues": "Eigenvalues of the Hessian",
    "characteristic_polynomial": "Characteristic polynomial",
    "higher_order_check": "Higher-order check",
    "lagrange": "Lagrange multipliers",
    "constraint_check": "Feasibility of the constraints",
    "lagrangian": "Lagrangian",
    "lagrange_system": "Lagrange system",
    "eliminate_multiplier": "Eliminating the multiplier",
    "eliminate_multipliers": "Eliminating the multipliers",
    "lagrange_reduced": "Reduced system",
    "lagrange_multipliers": "Multipliers",
    "constraint_singular": "Singular points of the constraint",
    "lagrange_value": "Value of f",
    "lagrange_extremes": "Maximum and minimum",
}

# -- sentences the layouts choose by outcome ------------------------------------------------------

SOLUTIONS = {
    "points": "Solutions: {points}",
    "none": "No real solution",
    "families": "Infinitely many solutions: {families}, for every real {free}",
    "curves": "infinitely many solutions: every point of the curve {curves}",
    "unsolved": "Not solved step by step: {systems} ({reason})",
    "nonreal": "({count} non-real root(s) left out)",
}
REASONS = {
    "periodic": "periodic functions: infinitely many solutions",
    "size": "the system is too large for the step-by-step solver",
    "unsolved": "no step-by-step method applies",
}
CASE = "Case {branch}:"
CASE_RESULT = {
    "some": "this case gives {points}",
    "none": "no solution in this case",
    "curve": "this case gives a curve of solutions",
    "and_curve": " and a curve of solutions",
}
ROOTS = {"none": "no real root"}
ROOTS_FROM = "from {equation}"
NUMERIC = "values to {digits} significant digits"
SUBSTITUTED_IDENTITY = "holds whatever the other unknowns are"
SUBSTITUTED_FALSE = "false: no solution here"
SECOND_DERIVATIVES = "Second derivatives"
ONE_VARIABLE = "Stationary points: where the derivative is zero"
ONE_VARIABLE_SYSTEM = "Set f'(x) = 0 and solve"
SECOND_DERIVATIVE = "The second derivative"
AT_POINT = "At {point}:"
EIGENVALUES = "the eigenvalues of {point}: {signs}"
SUMMARY = "Summary of the stationary points"
NO_POINTS = "No real stationary point: f has no local maximum, minimum or saddle point"

CLASSIFY = {
    "minimum": "{condition}: a local minimum",
    "maximum": "{condition}: a local maximum",
    "saddle": "{condition}: a saddle point",
    "inconclusive": "{condition}: the test is inconclusive (the Hessian is singular)",
    "eigen_minimum": "{condition}: H is positive definite, a local minimum",
    "eigen_maximum": "{condition}: H is negative definite, a local maximum",
    "eigen_saddle": "{condition}: H is indefinite, a saddle point",
    "eigen_inconclusive": "{condition}: H is singular, the eigenvalue test is inconclusive",
    "one_inconclusive": "{condition}: the second-derivative test is inconclusive",
    "family": (
        "this point is not isolated (a line or curve of stationary points): the"
        " second-derivative test cannot classify it"
    ),
}
# the conditions as maths: (test, classification) -> (Unicode text, LaTeX)
CONDITIONS = {
    ("second_derivative", "minimum"): ("f'' > 0", "f'' > 0"),
    ("second_derivative", "maximum"): ("f'' < 0", "f'' < 0"),
    ("second_derivative", "inconclusive"): ("f'' = 0", "f'' = 0"),
    ("determinant", "minimum"): ("D > 0 and fₓₓ > 0", r"D > 0,\ f_{xx} > 0"),
    ("determinant", "maximum"): ("D > 0 and fₓₓ < 0", r"D > 0,\ f_{xx} < 0"),
    ("determinant", "saddle"): ("D < 0", "D < 0"),
    ("determinant", "inconclusive"): ("D = 0", "D = 0"),
    ("eigenvalues", "minimum"): ("all λᵢ > 0", r"\text{all } \lambda_i > 0"),
    ("eigenvalues", "maximum"): ("all λᵢ < 0", r"\text{all } \lambda_i < 0"),
    ("eigenvalues", "saddle"): ("λᵢ of both signs", r"\lambda_i \text{ of both signs}"),
    ("eigenvalues", "inconclusive"): ("a λᵢ = 0", r"\text{a } \lambda_i = 0"),
}
DIFFERENCE = ("f(p + h) − f(p)", "f(p + h) - f(p)")
DISCRIMINANT = "the discriminant {formula}"
DISCRIMINANT_FORMULA = ("D = fₓₓ f_yy − f_xy²", "D = f_{xx} f_{yy} - f_{xy}^{2}")
EIGEN_SIGNS = {
    "minimum": "all positive",
    "maximum": "all negative",
    "saddle": "of both signs",
    "inconclusive": "one of them zero",
}
REFINED = {
    "minimum": "{difference} is never negative: a minimum after all",
    "maximum": "{difference} is never positive: a maximum after all",
    "neither": (
        "along one axis the lowest power of the displacement is odd, so {difference} changes"
        " sign: neither a maximum nor a minimum"
    ),
    None: "the lowest-order terms of {difference} do not settle it here",
}
HIGHER_ORDER = "the test is inconclusive: look at {difference} near the point"
TYPE_NAMES = {
    "minimum": "local minimum",
    "maximum": "local maximum",
    "saddle": "saddle point",
    "inconclusive": "test inconclusive",
    "family": "not isolated",
    "refined_minimum": "minimum (higher-order check)",
    "refined_maximum": "maximum (higher-order check)",
    "refined_neither": "neither (higher-order check)",
}
TABLE_WORDS = {"type": "classification", "eigenvalues": "eigenvalues of H"}

# Lagrange multipliers
PROBLEM = "Find the extreme values of {f} subject to {constraints}"
GRADIENTS = "The gradients"
INFEASIBLE = {
    1: "No real point satisfies the constraint: there is nothing to maximise or minimise",
    2: "The constraints contradict each other: no real point satisfies both",
}
MULTIPLIERS_AT = "at {point}"
INTRO = (
    "Lagrange multipliers: at an extreme point of f on the constraint set, {formula}"
    " (the gradients of the constraints span ∇f), unless the constraint gradients are dependent"
    " there"
)
INTRO_FORMULA = {
    1: ("∇f = λ∇g", r"\nabla f = \lambda \nabla g"),
    2: ("∇f = λ∇g + μ∇h", r"\nabla f = \lambda \nabla g + \mu \nabla h"),
}
SYSTEM = {
    1: "{formula}, component by component, together with the constraint",
    2: "{formula}, component by component, together with the constraints",
}
SINGULAR = {
    1: (
        "Points of the constraint where {formula}: the method cannot see them; they are"
        " candidates too"
    ),
    2: (
        "Points of the constraint set where {formula} are parallel (or zero): the method cannot"
        " see them; they are candidates too"
    ),
}
SINGULAR_FORMULA = {1: ("∇g = 0", r"\nabla g = 0"), 2: ("∇g, ∇h", r"\nabla g, \nabla h")}
SINGULAR_KIND = {1: ("∇g = 0", r"\nabla g = 0"), 2: ("∇g ∥ ∇h", r"\nabla g \parallel \nabla h")}
CANDIDATES = "Candidates: the points found, with their multipliers and the value of f"
BOUNDED = {
    "bounded": (
        "The constraint set is closed and bounded ({reason}), so f attains a maximum and a"
        " minimum on it, and they are among the candidates"
    ),
    "unbounded": (
        "The constraint set is unbounded ({reason}): f need not have a maximum or a minimum on"
        " it, so the values below are only the largest and smallest among the candidates"
    ),
    "unknown": (
        "Whether the constraint set is bounded is not settled here: the values below are only"
        " the largest and smallest among the candidates"
    ),
}
BOUND_REASONS = {
    "definite": "its quadratic part is definite: an ellipse or ellipsoid",
    "even_powers": "its highest-degree terms are even powers of every variable, all of one sign",
    "linear_substitution": "seen after solving the linear constraint for one variable",
    "linear": "a line or a plane",
    "indefinite": "its quadratic part is not definite, so it reaches infinity",
    "general": "",
}
EXTREMES = {
    "bounded": ("maximum f = {top} at {top_points}", "minimum f = {bottom} at {bottom_points}"),
    "other": (
        "largest value among the candidates: {top} at {top_points}",
        "smallest value among the candidates: {bottom} at {bottom_points}",
    ),
}
SINGLE_CANDIDATE = "only one candidate: f = {value} at {points}"
NO_CANDIDATES = (
    "No candidate points: f has no extreme value on the constraint set, or the method does not"
    " find it"
)
UNSOLVED_CANDIDATES = (
    "The system above was not solved step by step, so the candidates, and with them the"
    " extreme values, are not found here"
)
VARYING = "f is not constant along a family of critical points, so it is left out of the comparison"
