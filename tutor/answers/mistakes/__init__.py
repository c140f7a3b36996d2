"""Name the student's mistake: predicted wrong answers ("mistake models") from the expected answer
and the problem, compared with the student's answer; the first match names the mistake.

    find_mistake(expected, given, *, kind, context, same) -> Mistake | None
    Mistake(tag, feedback, candidate)      MISTAKE_TAGS: the stable tags
    candidates(expected, given, *, kind, context) -> the bounded stream of Candidate (for logs)

``kind`` is one of "expr", "number", "vector" (tuple of exprs), "matrix" (ImmutableMatrix),
"set" (tuple of point tuples), "equation" (Eq), "antiderivative". ``same(a, b)`` is the caller's
equivalence test for that kind. A correct answer (``same(expected, given)``) gives None. At most
60 candidates are compared per call, each built with bounded sympy work (diff and subs, never
simplify or solve), so a call costs a few milliseconds plus the caller's ``same``.

Context keys (all optional; names may be strings or real Symbols, numbers sympy or Python):

- ``function``, ``var``: the problem was d/dvar of function; expected is the derivative.
  ``variables``: all variables of a multivariate function (partial derivatives; wrong variable).
  ``at``: {name: value}, when expected is that derivative's value at the point.
  With kind "vector", ``function`` + ``variables``: expected is the gradient; with kind "matrix",
  ``function`` a sequence of component functions + ``variables``: expected is the Jacobian.
- ``taylor``: {"function", "var", "about" (default 0), "order"}: expected is the Taylor
  polynomial of that order.
- ``newton``: {"function", "var", "iterates": [x0, x1, ...], "asked": k}: expected is iterates[k].
- ``multiplier``: the Lagrange multiplier's name, for a set of critical points.
- ``var`` alone with kind "antiderivative": the variable of integration.

Tags, with an example each:

- missing_chain_factor: d/dx sin(3x) answered cos(3x); also ln(x²+1) → 1/(x²+1).
- product_rule_as_product: d/dx x² sin x answered 2x cos x.
- quotient_numerator_reversed: d/dx sin x / x answered (sin x − x cos x)/x².
- quotient_rule_missing_square: d/dx sin x / x answered (x cos x − sin x)/x.
- power_rule_on_exponential: d/dx 2^x answered x·2^(x−1); e^x answered x·e^(x−1).
- exponential_rule_on_power: d/dx x³ answered x³ ln x.
- missing_log_factor: d/dx 2^x answered 2^x; d/dx log₁₀ x answered 1/x.
- wrong_variable: ∂/∂x of x²y answered x² (∂/∂y), or 2xy + x² (y differentiated as if it
  depended on x with dy/dx = 1); a gradient's components in reverse order.
- sign_error: d/dx cos x answered sin x; one term's sign flipped; the answer negated.
- missing_factorial: Taylor of eˣ to order 3 answered 1 + x + x² + x³.
- taylor_wrong_centre: about 1 but expanded about 0, or powers of x instead of (x − 1).
- taylor_wrong_order: one term too few or too many.
- transposed_jacobian: the Jacobian's transpose.
- multiplier_in_points: critical points listed as (x, y, λ).
- newton_wrong_sign: x₁ = x₀ + f(x₀)/f′(x₀).
- wrong_iterate: x₂ given when x₃ was asked.
- rounded_answer: 1.41 for √2 when more accuracy was asked for.
- rounded_too_early: within 1%, from a rounded intermediate value.
- off_by_power_of_ten: 14.14 for 1.414.
- differentiated_instead_of_integrated: ∫ sin x dx answered cos x (f′ instead of F).
- reverse_chain_factor: ∫ cos(3x) dx answered sin(3x) (the 1/3 missing).

Modules: ``base`` (records, tags, helpers), ``faulty`` (the faulty differentiator),
``derivative``, ``taylor``, ``newton``, ``numeric``, ``generic`` (signs), ``shapes`` (vectors,
matrices, sets), ``integral`` (antiderivatives), ``find`` (the order of models per kind),
``probe`` (a one-point numeric screen that spares the caller's ``same``).

To add a mistake model: add its tag to ``MISTAKE_TAGS`` (base.py); write a generator yielding
``Candidate(tag, predicted_answer, message)`` in the family's module (wording addresses the
student, names the rule and the fix, and quotes the actual expression via ``tutor.notation``);
chain it in ``find.py`` at the place its specificity deserves; add a positive and a negative test
to tests/answers/test_mistakes.py.
"""

from tutor.answers.mistakes.base import MISTAKE_TAGS, Candidate, Mistake
from tutor.answers.mistakes.find import KINDS, MAX_CANDIDATES, candidates, find_mistake

__all__ = [
    "KINDS",
    "MAX_CANDIDATES",
    "MISTAKE_TAGS",
    "Candidate",
    "Mistake",
    "candidates",
    "find_mistake",
]
