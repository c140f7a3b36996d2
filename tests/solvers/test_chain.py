"""The multivariate chain rule (tutor.solvers.chain) against an independent computation:
sympy.diff of the fully substituted function for the total derivative, and sympy's jacobian of
the composition for the matrix form. Every tree goes through tests/verify.check_tree, renders in
text, LaTeX and JSON, and every rule id it emits has wording and a title."""

import json
import re

import pytest
import sympy as sp

from tests.verify import check_tree, equal
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers.chain import chain_matrix_form, total_derivative

s, t, u, v, w, x, y, z, r, th = (
    sp.Symbol(name, real=True) for name in ("s", "t", "u", "v", "w", "x", "y", "z", "r", "theta")
)

# (f, substitutions in order, variable)
TOTAL = [
    (x**2 * y, {x: sp.cos(t), y: sp.sin(t)}, t),
    (x * y, {x: t**2, y: sp.exp(t)}, t),
    (sp.sin(x) + y**2, {x: 2 * t, y: t**3}, t),
    (x / y, {x: t, y: t**2 + 1}, t),
    (sp.exp(x * y), {x: t, y: t**2 + 1}, t),
    (sp.log(x**2 + y**2), {x: sp.cos(t), y: sp.sin(t)}, t),  # on the unit circle: 0
    (x**2 + y**2 + z**2, {x: sp.cos(t), y: sp.sin(t), z: t}, t),
    (x * y * z, {x: t, y: t**2, z: t**3}, t),
    (x**2 + x * y, {x: u * v, y: u + v, u: t**2, v: sp.sin(t)}, t),  # two levels, u used twice
    (x**2, {x: u**2, u: v**2, v: t + 1}, t),  # a chain three levels deep
    (x * t, {x: t**2}, t),  # f depends on t directly as well
    (x * y, {x: s * t, y: s + t}, s),  # two final variables: ∂f/∂s
    (x * y, {x: s * t, y: s + t}, t),
    (x**2 + y**2, {x: r * sp.cos(th), y: r * sp.sin(th)}, r),  # polar coordinates
    (x**2 + y**2, {x: r * sp.cos(th), y: r * sp.sin(th)}, th),  # 0
    (x**2 + y, {x: t, y: s}, t),  # y does not depend on t: no path through y
    (x * y, {x: t**2, y: sp.Integer(3)}, t),  # a constant substitution
    (x + y, {x: u**2, y: u**3, u: sp.sin(t)}, t),  # u reached along two paths
    (sp.sqrt(x**2 + y**2), {x: t**2 + 1, y: t}, t),
    (sp.atan(y / x), {x: t**2 + 1, y: t}, t),
    (x**2 - y**2, {x: sp.cosh(t), y: sp.sinh(t)}, t),  # 0
    (sp.tanh(x) * y, {x: t**2, y: t}, t),
    (x, {x: t}, t),
    (sp.Integer(5), {x: t}, t),  # f is constant: no path at all
    (x * y, {x: t, y: t + 1, z: t**2}, t),  # z is not used
    (u**2, {u: x + y, x: t, y: t**2}, t),
    (x**2 * y + y**3, {x: sp.exp(t), y: sp.exp(-t)}, t),
    (sp.cos(x + y), {x: t, y: -t}, t),  # 0
    (x / (1 + y**2), {x: sp.sin(t), y: t**2}, t),
    (x**y, {x: t**2 + 1, y: t}, t),
    (x * y, {x: r * s, y: s * t}, s),  # three final variables
    (x + y + z, {x: t, y: t, z: t}, t),  # 3
    (sp.exp(x) * sp.sin(y), {x: sp.log(t**2 + 1), y: 2 * t}, t),
    (w * x, {w: x + t, x: sp.cos(t)}, t),  # an intermediate in another's substitution
]


def composed(f, substitutions):
    """f with the substitutions applied until none is left (independent of the solver)."""
    for _ in range(len(substitutions) + 1):
        f = f.subs(substitutions)
    assert not (f.free_symbols & set(substitutions))
    return f


def placeholders_filled(step):
    """Every template of an emitted rule is filled from the step itself (JSON explanations)."""
    from tutor.render.wording.chain import MESSAGES as OURS  # the engine fills its own

    for node in step.walk():
        template = OURS.get(node.rule, "")
        needed = set(re.findall(r"{(\w+)}", template))
        assert needed <= set(node.details) | {"var", "expr", "result", "formula", "rule"}, node.rule


def rendered(step):
    for detail in ("brief", "standard", "full"):
        assert render(step, "text", detail)
    assert render(step, "latex").startswith(r"\begin{array}")
    json.dumps(step_to_json_dict(step), ensure_ascii=False)
    placeholders_filled(step)
    for rule in step.rules_used():
        assert rule in MESSAGES, rule
        assert title_of(rule) != rule or rule in MESSAGES, rule


def worded(step):
    from tutor.render.wording.chain import MESSAGES as OURS
    from tutor.render.wording.chain import TITLES

    for node in step.walk():
        if node.rule.startswith(("chain_", "total_", "backprop", "activation", "nn_")):
            assert node.rule in OURS and node.rule in TITLES, node.rule


@pytest.mark.parametrize("f,substitutions,var", TOTAL, ids=[str(c[:2]) for c in TOTAL])
def test_total_derivative(f, substitutions, var):
    step = total_derivative(f, substitutions, var)
    reference = sp.diff(composed(f, substitutions), var)
    ok, why = equal(reference, step.result)
    assert ok, why
    assert check_tree(step) == []
    rendered(step)
    worded(step)


def test_total_derivative_has_every_path():
    step = total_derivative(x**2 + x * y, {x: u * v, y: u + v, u: t**2, v: sp.sin(t)}, t)
    assert step.details["paths"] == (
        (sp.Symbol("f", real=True), x, u, t),
        (sp.Symbol("f", real=True), x, v, t),
        (sp.Symbol("f", real=True), y, u, t),
        (sp.Symbol("f", real=True), y, v, t),
    )
    edges = step.children[1]
    assert len(edges.children) == 8  # each edge derived once, although u -> t is on two paths
    assert [(e.details["of"], e.var) for e in edges.children].count((u, t)) == 1
    text = render(step)
    assert "f → x → u → t" in text and "du/dt" in text and "∂x/∂u" in text


def test_no_path_and_unused_are_stated():
    step = total_derivative(x**2 + y, {x: t, y: s, z: t**2}, t)
    assert step.details["no_path"] == (y,)
    assert step.details["unused"] == (z,)
    text = render(step)
    assert "y does not depend on t" in text and "substitution for z is unused" in text
    assert text.splitlines()[-1].startswith("∂f/∂t = 2t")


def test_independent_function_has_derivative_zero():
    step = total_derivative(x**2 + y, {x: s, y: s}, t)
    assert step.result == 0 and step.details["paths"] == ()
    assert "no path, so the derivative is 0" in render(step)
    assert check_tree(step) == []


def test_partial_total_derivative_is_written_with_partials():
    step = total_derivative(x * y, {x: s * t, y: s + t}, s)
    assert step.details["partial"]
    text = render(step)
    assert "∂f/∂s = ∂f/∂x · ∂x/∂s + ∂f/∂y · ∂y/∂s" in text and "t held constant" in text


def test_text_reads_like_a_blackboard():
    text = render(total_derivative(x**2 * y, {x: sp.cos(t), y: sp.sin(t)}, t))
    for piece in (
        "f = x² y,  x = cos t,  y = sin t",
        "f → x, y; x → t; y → t",
        "∂f/∂x · dx/dt = 2x y · (−sin t) = −2x y sin t",
        "df/dt = ∂f/∂x · dx/dt + ∂f/∂y · dy/dt",
        "put in x = cos t, y = sin t",
        "df/dt = (1 − 3 sin² t) cos t",
    ):
        assert piece in text, piece


def test_latex_of_a_total_derivative():
    latex = render(total_derivative(x**2 * y, {x: sp.cos(t), y: sp.sin(t)}, t), "latex")
    assert latex.startswith(r"\begin{array}") and r"\to" in latex and r"\frac{dx}{dt}" in latex


@pytest.mark.parametrize(
    "substitutions,message",
    [
        ({x: y, y: x}, "cycle"),
        ({x: y + t, y: z, z: x}, "cycle"),
        ({x: x + t}, "cycle"),
        ({t: x}, "cannot be substituted"),
        ({x + 1: t}, "must define a symbol"),
        ({sp.Symbol(f"q{i}", real=True): t for i in range(13)}, "at most"),
    ],
)
def test_bad_substitutions(substitutions, message):
    with pytest.raises(ValueError, match=message):
        total_derivative(x * y, substitutions, t)


def test_the_function_name_avoids_the_variables():
    f = sp.Symbol("f", real=True)
    step = total_derivative(f**2 + x, {f: t**2, x: t}, t)
    assert step.details["name"].name == "F"
    assert sp.simplify(step.result - (4 * t**3 + 1)) == 0 and check_tree(step) == []


def test_variable_must_be_a_symbol():
    with pytest.raises(ValueError, match="must be a symbol"):
        total_derivative(x, {x: t}, t + 1)


# -- the matrix form ---------------------------------------------------------------------------

F_XY = [
    [x**2 * y, x + y],
    [x * y],
    [sp.sin(x) * sp.cos(y)],
    [x**2 - y**2, 2 * x * y],
    [sp.exp(x) * y, x / (1 + y**2), x * y],
]
G_T = [[sp.cos(t), sp.sin(t)], [t**2, t**3], [sp.exp(t), t]]
G_ST = [[s * t, s + t], [s * sp.cos(t), s * sp.sin(t)]]

MATRIX = [(f, g, (x, y), (t,)) for f in F_XY for g in G_T]
MATRIX += [(f, g, (x, y), (s, t)) for f in F_XY for g in G_ST]
MATRIX += [
    ([x * y * z, x + y + z], [t, t**2, t**3], (x, y, z), (t,)),
    ([x * y + z], [s, t, s * t], (x, y, z), (s, t)),
    ([sp.sin(x), x**2], [t**2], (x,), (t,)),
    ([x**3], [s + t], (x,), (s, t)),
    ([x + y, x - y], [u + v, u * v], (x, y), (u, v)),
    ([sp.Integer(7), x], [t**2, t], (x, y), (t,)),  # a constant component: a zero row
    ([sp.atan2(y, x)], [sp.cos(t) + 2, sp.sin(t)], (x, y), (t,)),
]


@pytest.mark.parametrize("f,g,inner,outer", MATRIX, ids=[str(c[:2]) for c in MATRIX])
def test_chain_matrix_form(f, g, inner, outer):
    step = chain_matrix_form(f, g, inner, outer)
    along = dict(zip(inner, g, strict=True))
    reference = sp.Matrix([fi.subs(along) for fi in f]).jacobian(outer)
    assert step.result.shape == reference.shape
    for ours, theirs in zip(step.result, reference, strict=True):
        ok, why = equal(theirs, ours)
        assert ok, why
    jf, jg = step.children[1], step.children[2]
    assert jf.result.shape == (len(f), len(inner)) and jg.result.shape == (len(g), len(outer))
    assert check_tree(step) == []
    rendered(step)
    worded(step)


def test_matrix_form_agrees_with_the_total_derivative():
    f, g = x**2 * y, [sp.cos(t), sp.sin(t)]
    matrix = chain_matrix_form([f], g, (x, y), (t,))
    total = total_derivative(f, dict(zip((x, y), g, strict=True)), t)
    assert sp.simplify(matrix.result[0, 0] - total.result) == 0


def test_matrix_form_text():
    text = render(chain_matrix_form([x**2 * y, x + y], [sp.cos(t), sp.sin(t)], (x, y), (t,)))
    for piece in (
        "f(x, y) = (x² y, x + y),  g(t) = (cos t, sin t)",
        "J_h(t) = J_f(g(t)) · J_g(t)",
        "(2×2) times (2×1) gives 2×1",
        "∂g₁/∂t = −sin t",
        "(J_h)₁₁ = ",
        "put in x = cos t, y = sin t",
    ):
        assert piece in text, piece


@pytest.mark.parametrize(
    "f,g,inner,outer,message",
    [
        ([x * y], [t], (x, y), (t,), "g has 1 components but f has 2 variables"),
        ([x * t], [t, t], (x, y), (t,), "inner variables only"),
        ([x * y], [x, t], (x, y), (t,), "outer variables"),
        ([x * y], [t, t], (x, y), (x,), "distinct"),
        ([x] * 7, [t], (x,), (t,), "at most"),
        ([], [t], (x,), (t,), "needs f, g"),
    ],
)
def test_bad_matrix_forms(f, g, inner, outer, message):
    with pytest.raises(ValueError, match=message):
        chain_matrix_form(f, g, inner, outer)
