"""The week-2 solvers (tutor.solvers.multivariate) against sympy, which they never call:
partial derivatives against sympy.diff, gradients and Jacobians against Matrix.jacobian, Hessians
against sympy.hessian, values at a point against sympy's substitution. Every tree goes through
tests/verify.check_tree, every case renders in text, LaTeX and JSON."""

import json

import pytest
import sympy as sp

from tests.verify import check_tree, equal
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers import multivariate
from tutor.solvers.multivariate import at_point, gradient, hessian, jacobian, partial_derivative

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")
XY, XYZ = (x, y), (x, y, z)

# 2- and 3-variable functions, with exp/log/trig/roots/quotients, absent variables and constants
FUNCTIONS = [
    (x**2 * y, XY),
    (x * y + y**3, XY),
    (sp.sin(x * y), XY),
    (sp.exp(x * y) + x**3 * y, XY),
    (sp.log(x**2 + y**2 + 1), XY),
    (sp.sqrt(x**2 + y**2 + 1), XY),
    (x / (y**2 + 1), XY),
    (sp.atan(y / (x**2 + 1)), XY),
    (sp.cos(x) * sp.sin(y), XY),
    (x * sp.exp(-(x**2) - y**2), XY),
    (x**2 - 3 * x * y + 2 * y**2, XY),
    (sp.tan(x + 2 * y), XY),
    ((x + y) ** 5, XY),
    (x**3, XY),  # y absent
    (sp.Integer(7), XY),  # a constant
    (sp.exp(x) * sp.cos(y), XY),
    (x**y, XY),
    (sp.sinh(x - y) * x, XY),
    (1 / (x**2 + y**2 + 1), XY),
    (sp.sqrt(2) * x * y + sp.pi * y, XY),
    (x * y * z, XYZ),
    (x**2 + y**2 + z**2, XYZ),
    (sp.exp(x * y * z), XYZ),
    (sp.sin(x) * sp.cos(y) * z, XYZ),
    (x * y + y * z + z * x, XYZ),
    (sp.log(x**2 + y**2 + z**2 + 1), XYZ),
    (x / (1 + y**2 + z**2), XYZ),
    (z * sp.exp(x) + y**2, XYZ),
    (x**2 * y, XYZ),  # z absent
    (sp.atan(x * y) + z**3, XYZ),
    (sp.Rational(1, 2) * x**2 + 3 * y * z, XYZ),
    (sp.cosh(x) * y - z, XYZ),
]

VECTOR_FUNCTIONS = [
    ([x**2 * y, sp.sin(x * y)], XY),
    ([x + y, x - y], XY),
    ([x + y, 2 * x + 2 * y], XY),  # singular everywhere
    ([sp.exp(x) * sp.cos(y), sp.exp(x) * sp.sin(y)], XY),
    ([x * sp.cos(y), x * sp.sin(y)], XY),  # polar coordinates: det = x
    ([x**2, y**2], XY),
    ([x * y, x / (y**2 + 1)], XY),
    ([sp.log(x**2 + 1), sp.atan(y)], XY),
    ([x**3 - 3 * x * y**2, 3 * x**2 * y - y**3], XY),
    ([x, y, x * y], XY),  # 3×2
    ([x**2 + y**2, x - y, sp.exp(x)], XY),  # 3×2
    ([x * y * z, x + y + z], XYZ),  # 2×3
    ([x + y + z, x * y * z, x**2 * z], XYZ),
    ([y * z, x * z, x * y], XYZ),
    ([x * sp.sin(y) * sp.cos(z), x * sp.sin(y) * sp.sin(z), x * sp.cos(y)], XYZ),
    ([x, y, z], XYZ),
    ([x + y, y + z, x + 2 * y + z], XYZ),  # singular: row 3 = row 1 + row 2
    ([sp.exp(x + y), sp.exp(y + z)], XYZ),
    ([x**2, sp.Integer(3)], XY),  # a constant component
    ([sp.sqrt(x**2 + y**2 + 1), x * y], XY),
    ([sp.sin(x), sp.cos(y)], XY),
    ([x * y, y * x], XY),
    ([sp.tan(x * y), x - y**2], XY),
    ([x / (x**2 + y**2 + 1), y / (x**2 + y**2 + 1)], XY),
    ([sp.cosh(x) * y, sp.sinh(y) * x], XY),
    ([x**y, y], XY),
    ([x * y, y * z, z * x], XYZ),
    ([sp.exp(x * y * z)], XYZ),  # one component in a list: still a vector function
    ([x - y, y - z, z - x], XYZ),  # singular
    ([sp.Rational(3, 2) * x, sp.sqrt(3) * y], XY),
]


def ids(cases):
    return [str(case[0]) for case in cases]


def sound(step):
    failures = check_tree(step)
    assert failures == [], "\n".join(failures)


LEVELS = (("text", "brief"), ("text", "standard"), ("latex", "full"))


def renders(step, levels=LEVELS):
    for fmt, detail in levels:
        assert render(step, fmt, detail)
    json.dumps(step_to_json_dict(step))
    for node in step.walk():
        assert node.rule in MESSAGES, node.rule
        assert title_of(node.rule) != node.rule or node.rule in ("derivative",), node.rule


def equal_to(ours, reference):
    """Equal to sympy's reference: symbolically, else at the checker's sample points."""
    ok, reason = equal(reference, ours)
    assert ok, reason
    return ok


def same(a, b):
    """Entry by entry (the reference `b` is sympy's own)."""
    a, b = sp.Matrix(a), sp.Matrix(b)
    assert a.shape == b.shape
    for p, q in zip(a, b, strict=True):
        assert equal_to(p, q), (p, q)


# -- partial derivatives ----------------------------------------------------------------------


@pytest.mark.parametrize("f,variables", FUNCTIONS, ids=ids(FUNCTIONS))
def test_partial_derivative_matches_sympy_diff(f, variables):
    var = variables[-1]
    step = partial_derivative(f, var, variables)
    assert step.rule == "partial" and step.kind == "diff" and step.var == var
    assert equal_to(step.result, sp.diff(f, var))
    assert step.details["held_constant"] == tuple(v for v in variables if v != var)
    assert step.details["variables"] == variables
    sound(step)
    renders(step)


def test_partial_derivative_defaults_to_the_expression_variables():
    step = partial_derivative(x**2 * y, x)
    assert step.details["held_constant"] == (y,) and step.result == 2 * x * y
    assert partial_derivative(x**2, y).result == 0  # a variable the function lacks


def test_partial_derivative_refuses_a_variable_not_listed():
    with pytest.raises(ValueError, match="not one of the variables"):
        partial_derivative(x * y, z, XY)


# -- gradient ---------------------------------------------------------------------------------


@pytest.mark.parametrize("f,variables", FUNCTIONS, ids=ids(FUNCTIONS))
def test_gradient_matches_sympy(f, variables):
    step = gradient(f, variables)
    assert step.rule == "gradient" and step.kind == "matrix"
    assert step.result.shape == (len(variables), 1)
    same(step.result, [sp.diff(f, v) for v in variables])
    assert [c.rule for c in step.children] == ["partial"] * len(variables)
    sound(step)
    renders(step)


def test_gradient_of_a_constant_and_of_nothing():
    assert gradient(sp.Integer(5), XY).result == sp.ImmutableMatrix([0, 0])
    with pytest.raises(ValueError, match="no variables"):
        gradient(sp.Integer(5))


# -- Jacobian ---------------------------------------------------------------------------------


@pytest.mark.parametrize("f,variables", FUNCTIONS, ids=ids(FUNCTIONS))
def test_jacobian_of_a_scalar_is_one_row(f, variables):
    step = jacobian(f, variables)
    reference = sp.Matrix([f]).jacobian(variables)
    assert step.result.shape == (1, len(variables))
    assert step.details["scalar"] is True
    same(step.result, reference)
    sound(step)
    renders(step)
    assert "one row" in render(step)


@pytest.mark.parametrize("functions,variables", VECTOR_FUNCTIONS, ids=ids(VECTOR_FUNCTIONS))
def test_jacobian_of_a_vector_function(functions, variables):
    step = jacobian(functions, variables)
    reference = sp.Matrix(functions).jacobian(variables)
    assert step.rule == "jacobian" and step.kind == "matrix"
    assert step.details["scalar"] is False
    same(step.result, reference)
    assert len(step.children) == len(functions) * len(variables)
    if reference.shape[0] == reference.shape[1]:
        determinant = reference.det()
        assert equal_to(step.details["determinant"], determinant)
        assert step.details["singular"] == (sp.simplify(determinant) == 0)
        assert "det J" in render(step)
    else:
        assert "determinant" not in step.details and "det J" not in render(step)
    sound(step)
    renders(step)


def test_singular_jacobian_says_so():
    step = jacobian([x + y, 2 * x + 2 * y], XY)
    assert step.details["determinant"] == 0 and step.details["singular"] is True
    out = render(step)
    assert "det J = 1·2 − 1·2 = 0" in out and "singular" in out


def test_jacobian_singular_at_a_point_only():
    step = at_point(jacobian([x**2, y**2], XY), (0, 1))
    assert step.details["determinant"] == 0 and step.details["singular"] is True
    assert "singular (not invertible) at this point" in render(step)
    assert at_point(jacobian([x**2, y**2], XY), (1, 1)).details["singular"] is False


def test_jacobian_entries_read_like_the_textbook():
    out = render(jacobian([x**2 * y, sp.sin(x * y)], XY))
    lines = out.splitlines()
    assert lines[0] == "f(x, y) = (x² y, sin(x y))"
    assert any(
        line.startswith("  ∂f₁/∂x = y·2x = 2x y") and "y held constant" in line for line in lines
    )
    assert any(line.startswith("  ∂f₂/∂x = ∂/∂x [sin(x y)]") for line in lines)
    assert "Chain rule" in out and "det J = (2x y)·(x cos(x y)) − x²·(y cos(x y))" in out


# -- Hessian ----------------------------------------------------------------------------------


@pytest.mark.parametrize("f,variables", FUNCTIONS, ids=ids(FUNCTIONS))
def test_hessian_matches_sympy(f, variables):
    step = hessian(f, variables)
    n = len(variables)
    assert step.rule == "hessian" and step.kind == "sequence"
    first, grid = step.children
    assert (first.rule, grid.rule, grid.kind) == ("gradient", "hessian_matrix", "matrix")
    same(step.result, sp.hessian(f, variables))
    rules = [grid.children[i * n + j].rule for i in range(n) for j in range(n)]
    expected = ["symmetry" if j < i else "second_partial" for i in range(n) for j in range(n)]
    assert rules == expected and step.details["symmetric"] is True
    for entry in grid.children:
        if entry.rule == "symmetry":  # derived the other way round, shown equal to its mirror
            (derived,) = entry.children
            assert derived.rule == "second_partial" and entry.expr == derived.result
    sound(step)
    renders(step)
    assert "Schwarz" in render(step) or n == 1


def test_hessian_upper_entries_differentiate_the_gradient_entry_by_the_row_variable():
    step = hessian(x**3 * y**2, XY)
    upper = step.children[1].children[1]  # H₁₂ = ∂/∂x [∂f/∂y]
    assert upper.var == x and upper.details["first"] == y and upper.expr == 2 * x**3 * y
    assert "∂²f/∂x∂y = ∂/∂x [2x³ y]" in render(step)


def test_hessian_states_when_mixed_partials_could_not_be_shown_equal(monkeypatch):
    monkeypatch.setattr(multivariate, "_agree", lambda a, b: False)
    step = hessian(x**2 * y, XY)
    assert step.details["symmetric"] is False
    assert all(entry.rule == "second_partial" for entry in step.children[1].children)
    sound(step)
    assert "could not be shown equal" in render(step)


def test_hessian_full_detail_derives_the_mirror_entry():
    out = render(hessian(sp.exp(x * y), XY), "text", "full")
    assert "derived the other way round, ∂/∂y [∂f/∂x]" in out
    assert "∂²f/∂y∂x = ∂/∂y [y e^(x y)]" in out


def test_hessian_of_a_constant_is_zero():
    step = hessian(sp.Integer(4), XYZ)
    assert step.result == sp.zeros(3, 3)
    sound(step)


def test_agree_detects_a_difference():
    assert multivariate._agree(x * y, y * x)
    assert multivariate._agree(sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1))
    assert not multivariate._agree(x * y, x + y)


# -- values at a point ------------------------------------------------------------------------

SOLVERS = {
    "partial": lambda f, v: partial_derivative(f, v[0], v),
    "gradient": gradient,
    "jacobian": jacobian,
    "hessian": hessian,
}
REFERENCES = {
    "partial": lambda f, v: sp.Matrix([sp.diff(f, v[0])]),
    "gradient": lambda f, v: sp.Matrix([sp.diff(f, var) for var in v]),
    "jacobian": lambda f, v: sp.Matrix([f]).jacobian(v),
    "hessian": sp.hessian,
}
POINTS = [(1, 2, 3), (0, 1, -1), (sp.Rational(1, 2), sp.sqrt(2), 1), (-1, sp.sqrt(3), 2)]
AT_CASES = [
    (kind, f, variables, POINTS[index % len(POINTS)][: len(variables)])
    for index, (f, variables) in enumerate(FUNCTIONS)
    for kind in ("partial", "gradient", "jacobian", "hessian")
    if (index + len(kind)) % 3 == 0
] + [
    ("gradient", sp.sqrt(x**2 + y**2), XY, (1, 1)),
    ("gradient", sp.sqrt(x**2 + y**2 + z**2), XYZ, (1, 2, 2)),
    ("hessian", sp.sqrt(x) * y, XY, (2, 3)),
    ("partial", sp.log(x) * y, XY, (sp.E, 2)),
    ("gradient", sp.sin(x) * sp.cos(y), XY, (sp.pi / 3, sp.pi / 4)),
]


def _reference_value(kind, f, variables, point):
    reference = REFERENCES[kind](f, list(variables)).subs(dict(zip(variables, point, strict=True)))
    return sp.Matrix(reference)


@pytest.mark.parametrize("kind,f,variables,point", AT_CASES, ids=lambda v: str(v))
def test_at_point_exact(kind, f, variables, point):
    step = at_point(SOLVERS[kind](f, variables), point)
    assert step.rule == "at_point" and step.kind == "sequence"
    assert [c.rule for c in step.children] == [SOLVERS[kind](f, variables).rule, "evaluate"]
    value = (
        sp.Matrix(step.result)
        if isinstance(step.result, sp.MatrixBase)
        else sp.Matrix([step.result])
    )
    reference = _reference_value(kind, f, variables, point)
    same(value.reshape(*reference.shape), reference)
    assert not value.has(sp.Float) and "digits" not in step.details  # exact stays exact
    sound(step)
    renders(step, (("text", "standard"), ("latex", "standard")))  # the inner step's: above


def test_at_point_keeps_surds():
    step = at_point(gradient(sp.sqrt(x**2 + y**2), XY), (1, 1))
    assert list(step.result) == [sp.sqrt(2) / 2, sp.sqrt(2) / 2]
    assert "(√2/2, √2/2)" in render(step)


@pytest.mark.parametrize(
    "f,variables", FUNCTIONS[:12] + FUNCTIONS[20:26], ids=ids(FUNCTIONS[:12] + FUNCTIONS[20:26])
)
def test_at_point_with_floats(f, variables):
    point = (0.5, 1.25, -0.75)[: len(variables)]
    step = at_point(hessian(f, variables), point)
    assert step.details["digits"] == 10 and step.children[1].details["digits"] == 10
    reference = sp.hessian(f, variables).subs(dict(zip(variables, point, strict=True))).evalf(30)
    for ours, theirs in zip(step.result, reference, strict=True):
        assert abs(complex(ours) - complex(theirs)) <= 1e-9 * max(1, abs(complex(theirs)))
    sound(step)
    assert "10 significant digits" in render(step)


def test_at_point_accepts_a_mapping_and_checks_it():
    step = at_point(gradient(x * y, XY), {x: 2, y: 3})
    assert list(step.result) == [3, 2]
    with pytest.raises(ValueError, match="no value for y"):
        at_point(gradient(x * y, XY), {x: 2})
    with pytest.raises(ValueError, match="3 coordinates but there are 2 variables"):
        at_point(gradient(x * y, XY), (1, 2, 3))
    with pytest.raises(ValueError, match="must be a real number"):
        at_point(gradient(x * y, XY), (1, z))


@pytest.mark.parametrize(
    "step,point,where",
    [
        (gradient(sp.log(x * y), XY), (0, 1), "(x, y) = (0, 1)"),
        (hessian(1 / (x - y), XY), (1, 1), "(x, y) = (1, 1)"),
        (jacobian([sp.sqrt(x), y], XY), (-1, 0), "(x, y) = (−1, 0)"),
        (partial_derivative(sp.sqrt(x**2 + y**2), x, XY), (0, 0), "(x, y) = (0, 0)"),
        (gradient(sp.log(x * y), XY), (-1.0, 2.0), "(x, y)"),
    ],
)
def test_a_point_where_the_value_is_undefined_is_a_value_error(step, point, where):
    with pytest.raises(ValueError, match="not a finite real number") as error:
        at_point(step, point)
    assert where in str(error.value)


def test_every_rule_has_wording_and_a_title():
    from tutor.render.wording.multivariate import MESSAGES as OWN
    from tutor.render.wording.multivariate import TITLES

    assert set(OWN) == set(TITLES)
