"""Every sentence a student reads about a step: one table of templates keyed by rule id.

Templates are str.format strings. Placeholders name values the outline builder provides for
the step (see tutor.render.outline.placeholders): `{var}`, `{expr}`, `{result}`, every entry of
the step's details (`{exponent}`, `{letter}`, `{inner}`, ...), and `{formula}`, the rule's general
formula, which appears only at the full detail level or where the template asks for it. Maths
placeholders arrive already written in the output's notation (Unicode text or inline LaTeX).

To word a new rule, add one entry here; tests/render checks every registered rule has one.
"""

from __future__ import annotations

from tutor.render.wording import SOLVER_MESSAGES, SOLVER_TITLES

FUNCTION_NAMES = {
    "exp": "derivative of eˣ",
    "ln": "derivative of ln",
    "sin": "derivative of sine",
    "cos": "derivative of cosine",
    "tan": "derivative of tangent",
    "sec": "derivative of secant",
    "csc": "derivative of cosecant",
    "cot": "derivative of cotangent",
    "asin": "derivative of arcsine",
    "acos": "derivative of arccosine",
    "atan": "derivative of arctangent",
    "asec": "derivative of arcsecant",
    "acsc": "derivative of arccosecant",
    "acot": "derivative of arccotangent",
    "sinh": "derivative of sinh",
    "cosh": "derivative of cosh",
    "tanh": "derivative of tanh",
    "sech": "derivative of sech",
    "csch": "derivative of csch",
    "coth": "derivative of coth",
    "asinh": "derivative of arsinh",
    "acosh": "derivative of arcosh",
    "atanh": "derivative of artanh",
    "asech": "derivative of arsech",
    "acsch": "derivative of arcsch",
    "acoth": "derivative of arcoth",
    "abs": "derivative of the absolute value",
}

MESSAGES: dict[str, str] = {
    "derivative": "",
    "higher_order": "Differentiate {order} times, one order at a time",
    "order": "Order {order}: differentiate the previous result",
    "constant": "constant rule: a constant has derivative 0",
    "identity": "the derivative of {var} with respect to {var} is 1",
    "sum": "Sum rule: differentiate term by term",
    "constant_multiple": "Constant multiple rule: the constant {constant} stays as a factor",
    "constant_denominator": (
        "Constant denominator: {denominator} is a constant, so no quotient rule is needed;"
        " divide the derivative of the numerator by it"
    ),
    "power": "power rule: {formula}, with n = {exponent}",
    "product": "Product rule: {formula}, with {factor_list}",
    "quotient": "Quotient rule: {formula}, with f = {numerator}, g = {denominator}",
    "reciprocal": "Reciprocal rule: {formula}, with g = {denominator}",
    "chain": (
        "Chain rule, outer function {outer_name}: let {letter} = {inner},"
        " so {outer_label} = {outer_derivative} · {inner_label}"
    ),
    "log_base": ("Change of base: {expr} = {natural_log}/ln {base}, and 1/ln {base} is a constant"),
    "exponential": "exponential rule: {formula}, with a = {base}",
    "log_differentiation": (
        "Both base and exponent depend on {var}: take logarithms. y = {expr},"
        " ln y = {log_form}; differentiate both sides: y'/y = {log_derivative}; multiply by y"
    ),
    "unknown": (
        "table lookup: no rule of this tutor derives {expr}; its derivative is quoted from"
        " sympy's table, not derived"
    ),
    "simplify": "Simplify",
    "simplify_trig": "write the trigonometric functions in textbook form",
    "simplify_common_denominator": "put over a common denominator and cancel common factors",
    "simplify_collect": "multiply out and collect like terms",
    "simplify_common_factor": "take out the common factor",
    "first_principles": (
        "Differentiate {expr} from the definition: f'({var}) is the limit as {h} → 0 of"
        " (f({var} + {h}) − f({var}))/{h}"
    ),
    "fp_definition": (
        "Substitute f({var} + {h}) = {shifted} and f({var}) into the difference quotient"
    ),
    "fp_linearity": (
        "The limit of a sum is the sum of the limits: take each term's quotient separately"
    ),
    "fp_term": "For the term {expr}, work with its own quotient {quotient}",
    "fp_constant_multiple": "Take the constant factor {constant} outside the quotient",
    "fp_expand": "Expand the powers of ({var} + {h}) in the numerator",
    "fp_simplify_numerator": "The f({var}) terms cancel",
    "fp_factor_h": "Every term of the numerator contains {h}, so factor it out",
    "fp_cancel_h": "Divide numerator and denominator by {h} (allowed because {h} ≠ 0)",
    "fp_common_denominator": "Put the two fractions over a common denominator",
    "fp_conjugate": "Multiply top and bottom by the conjugate {conjugate}",
    "fp_difference_of_squares": "Use (a − b)(a + b) = a² − b² in the numerator",
    "fp_angle_addition": "Expand with the angle-addition formula {identity}",
    "fp_exponent_law": "Use the law of exponents {identity}",
    "fp_regroup": (
        "Regroup so that the standard quotients sin {h}/{h} and (cos {h} − 1)/{h} appear"
    ),
    "fp_factor_exp": "Factor out e^{var}, which does not depend on {h}",
    "fp_limit": "Let {h} → {point}",
    "fp_standard_limits": "Use the standard limits {standard_limits} as {h} → {point}",
    **{rule: name + ": {formula}" for rule, name in FUNCTION_NAMES.items()},
    **SOLVER_MESSAGES,
}

# Titles for rules that are not in the engine's registry (roots, simplification, first principles).
TITLES: dict[str, str] = {
    "derivative": "Derivative",
    "higher_order": "Higher-order derivative",
    "simplify": "Simplification",
    "simplify_trig": "Textbook trigonometric form",
    "simplify_common_denominator": "Common denominator",
    "simplify_collect": "Collect like terms",
    "simplify_common_factor": "Common factor",
    "first_principles": "Derivative from first principles",
    **SOLVER_TITLES,
}

# Where a whole derivation holds, stated after its answer (the root's gathered `conditions`).
CONDITIONS_NOTE = "valid for {conditions}"
NOWHERE_NOTE = (
    "no real {var} satisfies the conditions: the derivative exists nowhere on the real line"
)
