"""Week 3: the multivariate chain rule and backpropagation. The total derivative df/dt along
paths, the chain rule in matrix form J_h = J_f(g) J_g, and the gradient of a neuron's (or a
two-layer network's) squared-error cost with respect to its parameters.

Solutions come from the solvers and the answer is always the solution's root result:
`total_derivative` (tutor.solvers.chain), alone or at a value of t (`at_point`);
`chain_matrix_form` (tutor.solvers.chain_matrix), alone or at a point; and, for the network
topics, the gradient of the composed cost at the given parameters (tutor.solvers.multivariate:
`at_point(gradient(C, parameters), values)`, each partial the engine's chain-rule derivation).

Why not the backpropagation solvers for the network topics: `backprop_numeric` returns the tuple
of every gradient matrix (∂C/∂W⁽¹⁾, ∂C/∂b⁽¹⁾, ...), and `backprop_symbolic` a tuple of formulas in
the activations; no answer kind takes a tuple of matrices, and `at_point` cannot evaluate a tuple
(it fails in require_defined). The gradient of the composed cost is the same number the
backward pass computes (tests/problem_bank/test_week03.py checks it against backprop_numeric).

Nice by construction: the value of df/dt is asked at a t where every path is exact (0 for
e^(kt), sin kt, cos kt) and kept only when it is a small rational; a Jacobian at a point has
composite components whose inner function vanishes there (e^0, sin 0, cos 0); the network's
weights, biases and inputs have one decimal, and gradients too small or too large to read to 4
significant figures are drawn again. Every rejection loop is bounded (`_first_nice`).

Bands (problem_bank.features), by what each generator varies:
- total-derivative: `variables` = the intermediates (2, 2, 3 or 4), `depth` = chain-rule nesting
  inside the edges (0: polynomial f, polynomial or sin t, cos t paths; at least 1: a composite
  f, paths e^(kt), sin kt, cos kt), `rules` a sanity range;
- chain-matrix: `depth` (0, 0, 1: hard has an exponential or trigonometric component) and
  `steps` (easy f: ℝ² → ℝ, a 1×2 product of at most 50 nodes; medium f: ℝ² → ℝ², 2×2, more);
- backprop-neuron: `variables` = the parameters (w, b: 2; w₁, w₂, b: 3) and `terms` = the
  examples in the cost (1, or 2 for the batch);
- backprop-two-layers: `variables` = the first layer's parameters (2, 3, 4), `depth` 3 (the cost,
  the output neuron, the hidden neuron).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sympy as sp

from problem_bank.common import T, X, Y, Z, coefficient
from problem_bank.draw import Draw, attempts
from problem_bank.registry import Draft, topic
from tutor.problem import AnswerSpec
from tutor.solvers.chain import chain_matrix_form, total_derivative
from tutor.solvers.multivariate import at_point, gradient
from tutor.steps import Step

C_ = TypeVar("C_")
S = sp.Symbol("s", real=True)
U, V = sp.Symbol("u", real=True), sp.Symbol("v", real=True)
R, THETA = sp.Symbol("r", real=True), sp.Symbol("theta", real=True)
NICE_TRIES = 8  # candidates per draft before the last one goes to the registry's tests
GRADIENT_DIGITS = 6  # the solution's values; the question asks for 4 significant figures
SIG_FIGS_TOL = 5e-4  # "to 4 significant figures": half a unit in the 4th figure, relative


def _real(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


def _eq(lhs: sp.Basic, rhs: sp.Basic) -> sp.Eq:
    return sp.Eq(lhs, rhs, evaluate=False)


def _first_nice(
    draw: Draw, make: Callable[[Draw], C_], nice: Callable[[C_], bool]
) -> tuple[C_, bool]:
    """The first of a bounded number of candidates that is nice (and True), else the last one
    (and False: the caller falls back to a question that needs no niceness, or the registry's
    band and degeneracy tests decide). `nice` is a cheap check with sympy on the candidate (a
    derivative of the composed function, values at the point); the solver, whose visible
    simplification costs far more, then runs once on the chosen one."""
    candidate = make(draw.fork("try0"))
    for k in attempts(NICE_TRIES):
        if nice(candidate):
            return candidate, True
        candidate = make(draw.fork(f"try{k + 1}"))
    return candidate, nice(candidate)


def _compose(expr: sp.Basic, substitutions: dict) -> sp.Basic:
    """expr with the substitutions put in until no intermediate is left (two levels at most
    here; bounded by their number)."""
    for _ in range(len(substitutions) + 1):
        if not expr.free_symbols & set(substitutions):
            break
        expr = expr.xreplace(substitutions)
    return expr


def _small_rational(value: Any, largest: int = 200, denominator: int = 12) -> bool:
    """Rational values, not all 0, each at most `largest` in size with a small denominator,
    the first not −10 (the stress test's wrong answer, 1.1·v + 1 in the first entry, is v
    itself there)."""
    values = list(value) if isinstance(value, sp.MatrixBase) else [value]
    return (
        all(isinstance(v, sp.Rational) for v in values)
        and any(v != 0 for v in values)
        and all(abs(v) <= largest and v.q <= denominator for v in values)
        and values[0] != -10
    )


# -- 1. the total derivative --------------------------------------------------------------------

TOTAL = "Let {f}, where {subs}. Use the chain rule to find df/dt as a function of t."
TOTAL_AT = "Let {f}, where {subs}. Use the chain rule to find the value of df/dt when {at}."

POINTS = (-2, -1, 0, 1, 2)


def _path(draw: Draw, forms: Sequence[str]) -> tuple[sp.Expr, tuple[int, ...]]:
    """A path x(t) and the values of t where it is exact and small: a polynomial (any of
    POINTS) or e^(kt), sin kt, cos kt (t = 0 only)."""
    form = draw.choice(forms)
    a, b = coefficient(draw, 5), coefficient(draw, 6)
    k = draw.choice([2, 3]) if "k" in form else 1
    if form == "linear":
        return a * T + b, POINTS
    if form == "square":
        return a * T**2 + draw.integer(-5, 5), POINTS
    if form == "quadratic":
        return a * T**2 + b * T, POINTS
    if form == "cube":
        return T**3 + b, POINTS
    if form in ("sin", "sin k"):
        return a * sp.sin(k * T), (0,)
    if form in ("cos", "cos k"):
        return a * sp.cos(k * T), (0,)
    return sp.exp(draw.choice([-2, -1, 1, 2, 3]) * T), (0,)  # exp


TRIG_PATHS = ("sin", "cos")
POLYNOMIAL_PATHS = ("linear", "square", "quadratic", "cube")
MEDIUM_PATHS = ("linear", "quadratic", "square", "exp", "sin k", "cos k")


def _monomial(draw: Draw, variables: Sequence[sp.Symbol], largest: int = 6) -> sp.Expr:
    """c·aᵐ·bⁿ in two different variables, powers 1 or 2 (not both 2)."""
    a, b = draw.sample(variables, 2)
    m, n = draw.choice([(1, 1), (2, 1), (1, 2)])
    return coefficient(draw, largest) * a**m * b**n


def _power(draw: Draw, variables: Sequence[sp.Symbol], largest: int = 6) -> sp.Expr:
    return coefficient(draw, largest) * draw.choice(variables) ** draw.integer(1, 3)


def _composite_xy(draw: Draw) -> sp.Expr:
    """A composite of x and y: its edges need the chain rule."""
    c, k = coefficient(draw, 4), draw.choice([1, 2, 3])
    form = draw.integer(0, 5)
    if form == 0:
        return c * sp.exp(X * Y)
    if form == 1:
        return c * X * sp.exp(draw.choice([2, 3, -1, -2]) * Y)
    if form == 2:
        return c * sp.sin(X * Y)
    if form == 3:
        return c * sp.cos(X + k * Y)
    if form == 4:
        return c * (X + k * Y) ** draw.integer(2, 3)
    return c * sp.log(1 + X**2 + Y**2)


def _level_two(draw: Draw) -> tuple[sp.Expr, sp.Expr]:
    """x and y in terms of u and v (two different forms)."""
    forms = [U * V, U + V, U - V, U**2, V**2, U + 2 * V, U * V**2]
    first, second = draw.sample(range(len(forms)), 2)
    return forms[first], forms[second]


def _total_setup(draw: Draw, difficulty: str) -> tuple[sp.Expr, dict, tuple[int, ...]]:
    """f, the substitutions (in the order they are stated) and the exact points of t."""
    points: set[int] = set(POINTS)

    def path(forms: Sequence[str]) -> sp.Expr:
        expr, nice = _path(draw, forms)
        points.intersection_update(nice)
        return expr

    if difficulty == "easy":
        # a trigonometric path in one problem in four: the solver's simplification of its
        # result (sympy.simplify on short expressions) takes 0.3 s, five times a polynomial's
        f = _monomial(draw, (X, Y)) + _power(draw, (X, Y))
        first = path(TRIG_PATHS if draw.integer(0, 3) == 0 else POLYNOMIAL_PATHS)
        second = path(POLYNOMIAL_PATHS)
        subs = {X: first, Y: second} if draw.integer(0, 1) else {X: second, Y: first}
    elif difficulty == "medium":
        f = _composite_xy(draw) + draw.choice([0, _power(draw, (X, Y), 5)])
        subs = {X: path(MEDIUM_PATHS), Y: path(MEDIUM_PATHS)}
    elif draw.integer(0, 1) == 0:  # three intermediates
        f = (
            coefficient(draw, 4) * X * Y * Z
            if draw.integer(0, 1)
            else _monomial(draw, (X, Y, Z), 4) + _monomial(draw, (X, Y, Z), 4)
        )
        f = f + _power(draw, (X, Y, Z), 5)
        subs = {X: path(MEDIUM_PATHS), Y: path(MEDIUM_PATHS), Z: path(MEDIUM_PATHS)}
    else:  # two levels: x, y in terms of u, v, which depend on t
        f = _monomial(draw, (X, Y), 4) + _power(draw, (X, Y), 5)
        x_form, y_form = _level_two(draw)
        subs = {X: x_form, Y: y_form, U: path(MEDIUM_PATHS), V: path(MEDIUM_PATHS)}
    return f, subs, tuple(sorted(points))


@topic(
    "total-derivative",
    3,
    "The total derivative along paths",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "rules": (10, 30)},
        "medium": {"variables": (2, 2), "depth": (1, 2), "rules": (12, 45)},
        "hard": {"variables": (3, 4), "depth": (0, 2), "rules": (20, 60)},
    },
)
def total_derivative_problem(draw: Draw, difficulty: str) -> Draft:
    ask_value = draw.integer(0, 2) == 0

    def make(sub: Draw) -> tuple[sp.Expr, dict, int]:
        f, subs, points = _total_setup(sub, difficulty)
        return f, subs, sub.choice(points) if ask_value else 0

    def nice(candidate: tuple[sp.Expr, dict, int]) -> bool:
        f, subs, t0 = candidate
        rate = sp.diff(_compose(f, subs), T)
        if ask_value:
            return _small_rational(sp.expand(rate.xreplace({T: t0})))
        return sp.expand(rate) != 0

    (f, subs, t0), nice_enough = _first_nice(draw, make, nice)
    ask_value = ask_value and nice_enough  # else ask for df/dt itself
    solution = total_derivative(f, subs, T)
    if ask_value:
        solution = at_point(solution, {T: t0})
    variables = (X, Y, Z) if Z in f.free_symbols else (X, Y)
    composed = solution.expr  # f(x(t), y(t)): at_point keeps its inner step's expression
    math = {
        "f": _eq(sp.Function("f")(*variables), f),
        "subs": [_eq(symbol, expr) for symbol, expr in subs.items()],
    }
    context: dict[str, Any] = {"function": composed, "var": "t"}
    if ask_value:
        math["at"] = _eq(T, sp.Integer(t0))
        context["at"] = {"t": t0}
        answer = AnswerSpec("number", solution.result, (), context=context)
        prompt = TOTAL_AT
    else:
        answer = AnswerSpec("expr", solution.result, ("t",), context=context)
        prompt = TOTAL
    meta = {"asks": "value" if ask_value else "expr"}
    return Draft(prompt, math, answer, solution, (f,), len(subs), meta)


# -- 2. the chain rule in matrix form -----------------------------------------------------------

MATRIX = (
    "Let {f} and {g}, and let {h}. Use the chain rule in matrix form (the Jacobian of h is the"
    " Jacobian of f, evaluated at g, times the Jacobian of g) to find the Jacobian matrix of h as"
    " a function of {outer}."
)
MATRIX_AT = (
    "Let {f} and {g}, and let {h}. Use the chain rule in matrix form (the Jacobian of h is the"
    " Jacobian of f, evaluated at g, times the Jacobian of g) to find the Jacobian matrix of h at"
    " {at}."
)


def _g_component(draw: Draw, s: sp.Symbol, t: sp.Symbol) -> sp.Expr:
    """A polynomial component of g in the outer variables."""
    a, b = coefficient(draw, 4), coefficient(draw, 4)
    form = draw.integer(0, 4)
    if form == 0:
        return a * s + b * t
    if form == 1:
        return a * s * t + draw.integer(-3, 3)
    if form == 2:
        return a * s**2 + b * t
    if form == 3:
        return a * s + b * t**2
    return s**2 - t**2 if a > 0 else t**2 - s**2


def _g_components(draw: Draw, s: sp.Symbol, t: sp.Symbol) -> list[sp.Expr]:
    first = _g_component(draw, s, t)
    second = _g_component(draw, s, t)
    for _ in attempts(4):  # two different components
        if sp.expand(second - first) != 0:
            break
        second = _g_component(draw, s, t)
    return [first, second]


def _f_polynomial(draw: Draw) -> sp.Expr:
    """c·xᵐyⁿ + d·vᵖ, or a·x + b·y."""
    if draw.integer(0, 3) == 0:
        return coefficient(draw, 5) * X + coefficient(draw, 5) * Y
    return _monomial(draw, (X, Y), 4) + _power(draw, (X, Y), 5)


def _f_composite(
    draw: Draw, inner_at: dict[sp.Symbol, sp.Basic] | None, kinds: Sequence[str]
) -> sp.Expr:
    """c·e^u, c·x·e^u, c·sin u or c·cos u with u = a x + b y (minus its value at g(point), so
    u = 0 there, when a point is asked), plus a power of x or y for the trigonometric ones."""
    u = coefficient(draw, 2) * X + coefficient(draw, 2) * Y
    if inner_at is not None:
        u = u - u.xreplace(inner_at)
    kind, c = draw.choice(kinds), coefficient(draw, 3)
    if kind == "exp":
        return c * sp.exp(u)
    if kind == "x exp":
        return c * draw.choice([X, Y]) * sp.exp(u)
    trig = sp.sin(u) if kind == "sin" else sp.cos(u)
    return c * trig + _power(draw, (X, Y), 3)


def _hard_f(draw: Draw, inner_at: dict[sp.Symbol, sp.Basic] | None, polar: bool) -> list:
    """f for the hard problems: a scalar composite (any kind; with polar g, exponential only),
    or f: ℝ² → ℝ² with an exponential component and a polynomial one. Trigonometric entries
    in a 2×2 J_f are left out: the solver simplifies det J_f, which takes seconds for them."""
    if draw.integer(0, 1) == 0:
        kinds = EXPONENTIAL if polar else (*EXPONENTIAL, "sin", "cos")
        composite = _f_composite(draw, inner_at, kinds)
        if not composite.has(sp.sin, sp.cos):  # those come with a power already
            composite = composite + _power(draw, (X, Y), 3)
        return [composite]
    rows = [_f_composite(draw, inner_at, EXPONENTIAL), _f_polynomial(draw)]
    return rows if draw.integer(0, 1) else rows[::-1]


EXPONENTIAL = ("exp", "x exp")


@topic(
    "chain-matrix",
    3,
    "The chain rule in matrix form",
    {
        "easy": {"variables": (2, 2), "depth": (0, 0), "steps": (30, 50)},
        "medium": {"variables": (2, 2), "depth": (0, 0), "steps": (51, 80)},
        "hard": {"variables": (2, 2), "depth": (1, 2), "steps": (35, 90)},
    },
)
def chain_matrix_problem(draw: Draw, difficulty: str) -> Draft:
    at_a_point = draw.integer(0, 1) == 0
    polar = difficulty == "hard" and draw.integer(0, 2) == 0
    outer = (R, THETA) if polar else (S, T)

    def make(sub: Draw) -> tuple[list[sp.Expr], list[sp.Expr], dict]:
        if polar:
            g = [R * sp.cos(THETA), R * sp.sin(THETA)]
            angle = sub.choice([sp.Integer(0), sp.pi / 2, sp.pi])
            point = {R: sp.Integer(sub.integer(1, 3)), THETA: angle}
        else:
            g = _g_components(sub, S, T)
            point = {S: sp.Integer(sub.nonzero(-2, 2)), T: sp.Integer(sub.nonzero(-2, 2))}
        inner_at = {X: g[0].xreplace(point), Y: g[1].xreplace(point)}
        if difficulty == "easy":
            f = [_f_polynomial(sub)]
        elif difficulty == "medium":
            f = [_f_polynomial(sub), _f_polynomial(sub)]
        else:
            f = _hard_f(sub, inner_at if at_a_point else None, polar)
        return f, g, point

    def nice(candidate: tuple[list[sp.Expr], list[sp.Expr], dict]) -> bool:
        """J_h at the point, as J_f(g(p)) J_g(p) (cheaper than differentiating h): small whole
        numbers when a point is asked, else not all 0 (a symbolic J_h that vanishes at p is
        drawn again too)."""
        f, g, point = candidate
        inner_at = {X: g[0].xreplace(point), Y: g[1].xreplace(point)}
        j_f = sp.Matrix(f).jacobian((X, Y)).xreplace(inner_at)
        j_g = sp.Matrix(g).jacobian(outer).xreplace(point)
        values = sp.expand(j_f * j_g)
        if not at_a_point:
            return any(v != 0 for v in values)
        modest = all(abs(n) <= 20 for part in f for n in part.atoms(sp.Integer))  # e^(x − y + 3)
        return modest and _small_rational(values, 60, 1)

    (f, g, point), nice_enough = _first_nice(draw, make, nice)
    at_a_point = at_a_point and nice_enough  # else ask for J_h as a function
    solution = chain_matrix_form(f, g, (X, Y), outer)
    if at_a_point:
        solution = at_point(solution, point)
    f_name = sp.Function("f")(X, Y)
    g_name = sp.Function("g")(*outer)
    math: dict[str, Any] = {
        "f": _eq(f_name, f[0] if len(f) == 1 else sp.Tuple(*f)),
        "g": _eq(g_name, sp.Tuple(*g)),
        "h": _eq(sp.Function("h")(*outer), sp.Function("f")(g_name)),
        "outer": sp.Tuple(*outer),
    }
    composed = tuple(sp.ImmutableMatrix(f).xreplace(dict(zip((X, Y), g, strict=True))))
    names = tuple(v.name for v in outer)
    functions = (*f, *g)
    if at_a_point:
        math["at"] = _eq(sp.Tuple(*outer), sp.Tuple(*(point[v] for v in outer)))
        answer = AnswerSpec("matrix", solution.result, ())
        return Draft(MATRIX_AT, math, answer, solution, functions, 2, {"asks": "point"})
    context = {"function": composed, "variables": names}
    answer = AnswerSpec("matrix", solution.result, names, context=context)
    return Draft(MATRIX, math, answer, solution, functions, 2, {"asks": "symbolic"})


# -- 3 and 4. a neuron and a two-layer network --------------------------------------------------

NEURON = (
    "A neuron turns its weighted input {z} into the activation {a}, and its cost is {cost}."
    " With {data}, find the gradient of C with respect to {params} at {point}."
    " Give each entry to 4 significant figures."
)
BATCH = (
    "A neuron turns its weighted input {z} into the activation {a}. For the two training"
    " examples {data}, the cost is {cost}, where {a1} and {a2} are the activations for the inputs"
    " {x1} and {x2}. Find the gradient of C with respect to {params} at {point}."
    " Give each entry to 4 significant figures."
)
NETWORK = (
    "In a network with two layers, every neuron turns its weighted input {zs} into the"
    " activation {a}. The weighted inputs are {z}, and the cost is {cost}. With {data}, find"
    " the gradient of C with respect to the first layer's parameters {params} at {point}."
    " Give each entry to 4 significant figures."
)
ACTIVATIONS = ("logistic", "tanh")
ZS, AS = _real("z"), _real("a")
COST, TARGET = _real("C"), _real("y")


def _activation(name: str, z: sp.Basic) -> sp.Basic:
    return 1 / (1 + sp.exp(-z)) if name == "logistic" else sp.tanh(z)


def _tenths(draw: Draw, low: int, high: int, nonzero: bool = True) -> sp.Number:
    """A number with one decimal, low/10 .. high/10: an Integer when whole (2, not 2.0)."""
    k = draw.nonzero(low, high) if nonzero else draw.integer(low, high)
    return sp.Integer(k // 10) if k % 10 == 0 else sp.Float(f"{k / 10:.1f}")


def _weight(draw: Draw) -> sp.Number:
    """−1.5 to 1.5 in steps of 0.1, never 0."""
    return _tenths(draw, -15, 15)


def _bias(draw: Draw) -> sp.Number:
    """−1 to 1 in steps of 0.1."""
    return _tenths(draw, -10, 10, nonzero=False)


def _input(draw: Draw) -> sp.Number:
    """±0.5, ±1.5, ±2, ±2.5, ±3, ±0.2, ±0.4, ±0.8, ±1.2 (never ±1: no 1.0·w)."""
    return draw.choice(INPUTS) * draw.sign()


INPUTS = (
    sp.Float("0.5"),
    sp.Float("1.5"),
    sp.Integer(2),
    sp.Float("2.5"),
    sp.Integer(3),
    sp.Float("0.2"),
    sp.Float("0.4"),
    sp.Float("0.8"),
    sp.Float("1.2"),
)


def _target(draw: Draw, activation: str) -> sp.Number:
    if activation == "logistic":
        return sp.Integer(draw.integer(0, 1))
    return draw.choice([sp.Integer(-1), sp.Integer(1), sp.Float("0.5"), sp.Float("-0.5")])


def _readable(cost: sp.Expr, point: dict[sp.Symbol, sp.Basic]) -> bool:
    """Every entry of the gradient at the point readable to 4 significant figures: 0.001 to 50
    in size (sympy's derivatives, evaluated in floats: a cheap check before the solver runs)."""
    entries = (sp.diff(cost, p).xreplace(point) for p in point)
    return all(0.001 <= abs(float(sp.N(v, 15))) <= 50 for v in entries)


def _gradient_draft(
    prompt: str,
    math: dict[str, Any],
    cost: sp.Expr,
    params: Sequence[sp.Symbol],
    solution: Step,
    meta: dict[str, Any],
) -> Draft:
    names = tuple(p.name for p in params)
    context = {"function": cost, "variables": names}
    answer = AnswerSpec("vector", solution.result, (), rel_tol=SIG_FIGS_TOL, context=context)
    return Draft(prompt, math, answer, solution, (cost,), len(params), meta)


def _point_slot(params: Sequence[sp.Symbol], values: Sequence[sp.Basic]) -> sp.Eq:
    return _eq(sp.Tuple(*params), sp.Tuple(*values))


@topic(
    "backprop-neuron",
    3,
    "Backpropagation: the gradient for one neuron",
    {
        "easy": {"variables": (2, 2), "terms": (1, 1), "non_integer": (1, 1)},
        "medium": {"variables": (3, 3), "terms": (1, 1), "non_integer": (1, 1)},
        "hard": {"variables": (2, 2), "terms": (2, 2), "non_integer": (1, 1)},
    },
)
def backprop_neuron(draw: Draw, difficulty: str) -> Draft:
    """Easy: a logistic neuron with one input, the gradient in (w, b). Medium: two inputs
    (w₁, w₂, b), logistic or tanh. Hard: one input, logistic or tanh, the cost summed over a
    batch of two training examples."""
    activation = "logistic" if difficulty == "easy" else draw.choice(ACTIVATIONS)
    w, b = _real("w"), _real("b")
    params = [_real("w_1"), _real("w_2"), b] if difficulty == "medium" else [w, b]
    inputs = [_real("x_1"), _real("x_2")]

    def make(sub: Draw) -> tuple[sp.Expr, dict, list]:
        values = [_weight(sub) for _ in params[:-1]] + [_bias(sub)]
        data: list[Any]  # hard: two (x, y) examples; else [inputs, target]
        if difficulty == "hard":
            data = [(_input(sub), _target(sub, activation)) for _ in range(2)]
            if data[0][0] == data[1][0]:
                data[1] = (-data[0][0], data[1][1])
            cost = sp.Add(*((_activation(activation, w * x + b) - y) ** 2 for x, y in data))
        else:
            xs = [_input(sub) for _ in params[:-1]]
            y = _target(sub, activation)
            z = sp.Add(*(p * x for p, x in zip(params, xs, strict=False)), b)
            cost = (_activation(activation, z) - y) ** 2
            data = [xs, y]
        return cost, dict(zip(params, values, strict=True)), data

    (cost, point, data), _ = _first_nice(draw, make, lambda c: _readable(c[0], c[1]))
    solution = at_point(gradient(cost, params), point, digits=GRADIENT_DIGITS)
    a = _eq(AS, _activation(activation, ZS))
    math: dict[str, Any] = {"a": a, "params": sp.Tuple(*params)}
    math["point"] = _point_slot(params, [point[p] for p in params])
    meta = {"activation": activation}
    if difficulty == "hard":
        x1, x2, y1, y2 = (_real(n) for n in ("x_1", "x_2", "y_1", "y_2"))
        a1, a2 = _real("a_1"), _real("a_2")
        math["z"] = _eq(ZS, w * _real("x") + b)
        math["data"] = [
            _eq(sp.Tuple(x1, y1), sp.Tuple(*data[0])),
            _eq(sp.Tuple(x2, y2), sp.Tuple(*data[1])),
        ]
        math["cost"] = _eq(COST, (a1 - y1) ** 2 + (a2 - y2) ** 2)
        math.update({"a1": a1, "a2": a2, "x1": x1, "x2": x2})
        return _gradient_draft(BATCH, math, cost, params, solution, meta)
    xs, y = data
    shown_inputs = inputs if difficulty == "medium" else [_real("x")]
    math["z"] = _eq(ZS, sp.Add(*(p * x for p, x in zip(params, shown_inputs, strict=False)), b))
    math["cost"] = _eq(COST, (AS - TARGET) ** 2)
    math["data"] = [_eq(x, v) for x, v in zip(shown_inputs, xs, strict=True)] + [_eq(TARGET, y)]
    return _gradient_draft(NEURON, math, cost, params, solution, meta)


def _layer_symbols(shape: tuple[int, int, int]) -> tuple[list, list, list, list]:
    """For sizes (inputs, hidden, 1): the inputs, the first layer's weights (row j: neuron j)
    and biases, and the second layer's weights: w⁽¹⁾ (1-1-1), w₁⁽¹⁾ w₂⁽¹⁾ (2-1-1: one per input;
    1-2-1: one per neuron), wⱼₖ⁽¹⁾ (2-2-1: neuron j, input k)."""
    n_in, n_hidden, _ = shape
    xs = [_real("x")] if n_in == 1 else [_real(f"x_{k + 1}") for k in range(n_in)]

    def index(j: int, k: int) -> str:
        if n_in > 1 and n_hidden > 1:
            return f"_{j + 1}{k + 1}"
        if n_in > 1:
            return f"_{k + 1}"
        return f"_{j + 1}" if n_hidden > 1 else ""

    w1 = [[_real(f"w{index(j, k)}^(1)") for k in range(n_in)] for j in range(n_hidden)]
    b1 = [_real(f"b_{j + 1}^(1)" if n_hidden > 1 else "b^(1)") for j in range(n_hidden)]
    w2 = [_real(f"w_{j + 1}^(2)" if n_hidden > 1 else "w^(2)") for j in range(n_hidden)]
    return xs, w1, b1, w2


SHAPES = {
    "easy": ((1, 1, 1),),
    "medium": ((2, 1, 1),),
    "hard": ((1, 2, 1), (2, 2, 1)),
}


@topic(
    "backprop-two-layers",
    3,
    "Backpropagation through two layers",
    {
        "easy": {"variables": (2, 2), "depth": (3, 4), "non_integer": (1, 1)},
        "medium": {"variables": (3, 3), "depth": (3, 4), "non_integer": (1, 1)},
        "hard": {"variables": (4, 4), "depth": (3, 4), "non_integer": (1, 1)},
    },
)
def backprop_two_layers(draw: Draw, difficulty: str) -> Draft:
    """The gradient of C with respect to the first layer's parameters, backpropagated through
    the second layer. Easy: 1-1-1, (w⁽¹⁾, b⁽¹⁾). Medium: 2-1-1, (w₁⁽¹⁾, w₂⁽¹⁾, b⁽¹⁾). Hard: 1-2-1,
    both hidden weights and biases, or 2-2-1, the four weights of W⁽¹⁾."""
    activation = draw.choice(ACTIVATIONS)
    shape = draw.choice(SHAPES[difficulty])
    xs, w1, b1, w2 = _layer_symbols(shape)
    b2 = _real("b^(2)")
    if shape == (2, 2, 1):
        params = [w for row in w1 for w in row]
    else:
        params = [w for row in w1 for w in row] + b1

    def make(sub: Draw) -> tuple[dict, sp.Expr]:
        values = {s: _weight(sub) for row in w1 for s in row}
        values.update({s: _bias(sub) for s in b1})
        values.update({s: _weight(sub) for s in w2})
        values[b2] = _bias(sub)
        values.update({x: _input(sub) for x in xs})
        values[TARGET] = _target(sub, activation)
        fixed = {s: v for s, v in values.items() if s not in params}
        hidden = [
            _activation(activation, sp.Add(*(w * x for w, x in zip(row, xs, strict=True)), bias))
            for row, bias in zip(w1, b1, strict=True)
        ]
        out = sp.Add(*(w * h for w, h in zip(w2, hidden, strict=True)), b2)
        return values, ((_activation(activation, out) - TARGET) ** 2).xreplace(fixed)

    def nice(candidate: tuple[dict, sp.Expr]) -> bool:
        values, cost = candidate
        return _readable(cost, {p: values[p] for p in params})

    (values, cost), _ = _first_nice(draw, make, nice)
    point = {p: values[p] for p in params}
    solution = at_point(gradient(cost, params), point, digits=GRADIENT_DIGITS)
    hidden_z = [_real("z^(1)")] if shape[1] == 1 else [_real(f"z_{j + 1}^(1)") for j in range(2)]
    hidden_a = [_real("a^(1)")] if shape[1] == 1 else [_real(f"a_{j + 1}^(1)") for j in range(2)]
    z_out, a_out = _real("z^(2)"), _real("a^(2)")
    zs = [
        _eq(name, sp.Add(*(w * x for w, x in zip(row, xs, strict=True)), bias))
        for name, row, bias in zip(hidden_z, w1, b1, strict=True)
    ]
    zs.append(_eq(z_out, sp.Add(*(w * a for w, a in zip(w2, hidden_a, strict=True)), b2)))
    data = [_eq(x, values[x]) for x in xs] + [_eq(TARGET, values[TARGET])]
    data += [_eq(s, values[s]) for s in [*w2, b2, *(b1 if shape == (2, 2, 1) else [])]]
    math: dict[str, Any] = {
        "zs": ZS,
        "a": _eq(AS, _activation(activation, ZS)),
        "z": zs,
        "cost": _eq(COST, (a_out - TARGET) ** 2),
        "data": data,
        "params": sp.Tuple(*params),
        "point": _point_slot(params, [values[p] for p in params]),
    }
    meta = {"activation": activation, "shape": "-".join(map(str, shape))}
    return _gradient_draft(NETWORK, math, cost, params, solution, meta)
