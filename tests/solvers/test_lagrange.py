"""Lagrange multipliers (tutor.solvers.lagrange) against an independent computation: sympy.solve
of the full system ∇f = λ∇g (+ μ∇h), g = 0 (, h = 0) built with sympy.diff, sympy.solve of
∇g = 0 on the constraint for the singular points, and the largest and smallest values of f over
both. Every tree goes through tests/verify.check_tree and renders in text, LaTeX and JSON; the
edge cases (a constraint no real point meets, contradictory constraints, ∇g = 0 on the
constraint, unbounded constraint sets, families of critical points) are stated in the tree."""

import itertools
import json

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import minimize

from tests.verify import check_tree
from tutor.render import render, step_to_json_dict
from tutor.render.explain import title_of
from tutor.render.messages import MESSAGES
from tutor.solvers.lagrange import boundedness, lagrange

x, y, z = (sp.Symbol(name, real=True) for name in "xyz")
lam, mu = sp.symbols("lam mu", real=True)
E = sp.exp

# (f, constraints, how bounded the constraint set is)
CASES = [
    (x * y, [x**2 + y**2 - 1], "bounded"),
    (x + y, [x**2 + y**2 - 1], "bounded"),
    (x**2 + y**2, [x + y - 1], "unbounded"),
    (x + y + z, [x**2 + y**2 - 2, x + z - 1], "bounded"),
    (x, [y**2 - x**3], "unknown"),  # a cusp: ∇g = 0 at the origin
    (x + y, [x * y - 1], "unbounded"),
    (x**2 + y**2 + z**2, [x + y + z - 1], "unbounded"),
    (x * y * z, [x + y + z - 3], "unbounded"),
    (x**2 * y, [x**2 + y**2 - 3], "bounded"),
    (x + 2 * y, [x**2 + 4 * y**2 - 8], "bounded"),
    pytest.param(E(x * y), [x**2 + y**2 - 2], "bounded", marks=pytest.mark.slow),  # sympy: 5 s
    (x**2 + y**2 + z**2, [x + y - 1, y + z - 1], "unbounded"),
    (x * y + y * z, [x**2 + y**2 - 1, z - x], "bounded"),
    (x * y * z, [x**2 + y**2 + z**2 - 3], "bounded"),
    (x**3 + y**3, [x**2 + y**2 - 1], "bounded"),
    (3 * x + 4 * y, [x**2 + y**2 - 25], "bounded"),
    (x**2 - y**2, [x**2 + y**2 - 1], "bounded"),
    (x**2 + 2 * y**2, [x**2 + y**2 - 1], "bounded"),
    (x - y + z, [x**2 + y**2 + z**2 - 1], "bounded"),
    (x * y, [x + y - 10], "unbounded"),
    (y, [x**2 + y**2 - 4], "bounded"),
    (x + y + z, [x**2 + y**2 + z**2 - 12], "bounded"),
    ((x - 1) ** 2 + (y - 2) ** 2, [x**2 + y**2 - 5], "bounded"),
    (x**2 + y**2, [x**4 + y**4 - 2], "bounded"),
    (x, [x**2 + y**2 - 1], "bounded"),
    (z, [x**2 + y**2 - z, x + y + z - 1], "bounded"),
    (x + y, [x**2 - y**2 - 1], "unbounded"),
    (x**2 + y**2, [x * y - 1], "unbounded"),
    (x * y, [x**2 + x * y + y**2 - 3], "bounded"),
    (x + y + z, [x * y * z - 1], "unknown"),
    (2 * x + y, [x**2 / 4 + y**2 - 1], "bounded"),
    (x**2 + y**2 + z**2, [x**2 + y**2 - 1, z - 1], "bounded"),
]

INFEASIBLE = [
    (x + y, [x**2 + y**2 + 1]),
    (x * y, [x**2 - 2 * x + y**2 + 2]),  # (x − 1)² + y² + 1
    (x + y + z, [x + y - 1, x + y - 2]),  # contradictory constraints
    (x + y + z, [x**2 + y**2 + z**2 - 1, x**2 + y**2 + z**2 - 4]),
    (x + y, [E(x) + y**2]),
]


def real_solutions(equations, unknowns):
    out = []
    for solution in sp.solve(equations, unknowns, dict=True):
        if not all(u in solution for u in unknowns):
            continue
        values = [complex(sp.N(solution[u], 30)) for u in unknowns]
        if all(abs(v.imag) < 1e-12 for v in values):
            out.append(tuple(v.real for v in values))
    return out


def reference(f, gs, variables):
    """(regular points with multipliers, singular points) by sympy, independently."""
    multipliers = [lam, mu][: len(gs)]
    equations = [
        sp.diff(f, v) - sum(m * sp.diff(g, v) for m, g in zip(multipliers, gs, strict=True))
        for v in variables
    ] + list(gs)
    regular = real_solutions(equations, list(variables) + multipliers)
    if len(gs) == 1:
        conditions = [sp.diff(gs[0], v) for v in variables]
    else:
        rows = [[sp.diff(g, v) for v in variables] for g in gs]
        conditions = [
            rows[0][i] * rows[1][j] - rows[0][j] * rows[1][i]
            for i, j in itertools.combinations(range(len(variables)), 2)
        ]
    singular = real_solutions(conditions + list(gs), list(variables))
    return sorted(regular), sorted(singular)


def floats(values):
    return tuple(float(sp.N(v, 30)) for v in values)


def renders(step):
    assert render(step, "text")
    assert render(step, "latex")
    json.dumps(step_to_json_dict(step))
    for rule in step.rules_used():
        assert rule in MESSAGES, rule
        assert title_of(rule), rule


@pytest.mark.parametrize("f,gs,bounded", CASES, ids=str)
def test_candidates_multipliers_and_extremes(f, gs, bounded):
    variables = tuple(sorted(sp.Tuple(f, *gs).free_symbols, key=lambda s: s.name))
    step = lagrange(f, gs, variables)
    assert check_tree(step) == []
    regular, singular = reference(f, gs, variables)
    n = len(variables)
    system = next(c for c in step.children if c.rule == "lagrange_system")
    found = sorted(floats(s) for s in system.result)
    assert np.allclose(found, regular, atol=1e-9), (found, regular)
    kinds = dict(zip((floats(p) for p in step.result), step.details["kinds"], strict=True))
    assert sorted(p for p, k in kinds.items() if k == "singular") == pytest.approx(
        [p for p in singular if not any(np.allclose(p, r[:n]) for r in regular)]
    )
    candidates = [r[:n] for r in regular] + singular
    values = [float(f.subs(dict(zip(variables, p, strict=True)))) for p in candidates]
    extremes = next(c for c in step.children if c.rule == "lagrange_extremes")
    assert extremes.details["bounded"] == bounded
    if values:
        top, bottom = floats(extremes.result)
        assert top == pytest.approx(max(values)) and bottom == pytest.approx(min(values))
    renders(step)


@pytest.mark.parametrize("f,gs", INFEASIBLE, ids=str)
def test_a_constraint_that_cannot_be_met(f, gs):
    step = lagrange(f, gs)
    assert step.details["outcome"] == "infeasible" and step.result == sp.Tuple()
    variables = sorted(sp.Tuple(f, *gs).free_symbols, key=lambda s: s.name)
    if not any(g.is_positive or (-g).is_positive for g in gs):  # sympy's sign, else numerically
        residual = sum(g**2 for g in gs)  # no real point: its minimum is positive
        value = sp.lambdify([variables], residual, "numpy")
        starts = np.random.default_rng(5).normal(scale=2, size=(20, len(variables)))
        assert min(minimize(value, start).fun for start in starts) > 1e-3
    assert check_tree(step) == []
    text = render(step)
    assert "No real point satisfies" in text or "contradict each other" in text
    renders(step)


def test_unit_circle_reads_as_on_paper():
    text = render(lagrange(x * y, [x**2 + y**2 - 1]))
    assert "L(x, y, λ) = x y − λ(x² + y² − 1)" in text
    assert "y = 2λ x" in text and "x = 2λ y" in text
    assert "y·2y − x·2x = −2x² + 2y² = 0" in text
    assert "Points of the constraint where ∇g = 0" in text
    assert "maximum f = 1/2 at (−√2/2, −√2/2), (√2/2, √2/2)" in text
    assert "minimum f = −1/2" in text


def test_two_constraints_from_the_brief():
    step = lagrange(x + y + z, [x**2 + y**2 - 2, sp.Eq(x + z, 1)])
    extremes = next(c for c in step.children if c.rule == "lagrange_extremes")
    assert extremes.result == sp.Tuple(1 + sp.sqrt(2), 1 - sp.sqrt(2))
    system = next(c for c in step.children if c.rule == "lagrange_system")
    assert set(system.result) == {
        sp.Tuple(0, sp.sqrt(2), 1, sp.sqrt(2) / 4, 1),
        sp.Tuple(0, -sp.sqrt(2), 1, -sp.sqrt(2) / 4, 1),
    }
    assert "1(2y·1 − 0·0) − 1(2x·1 − 0·1) + 1(2x·0 − 2y·1) = −2x = 0" in render(step)
    assert r"\begin{bmatrix}" in render(step, "latex")


def test_cusp_is_found_where_the_gradient_of_g_vanishes():
    step = lagrange(x, [y**2 - x**3])
    assert step.details["kinds"] == ("singular",)
    assert step.result == sp.Tuple(sp.Tuple(0, 0))
    assert "∇g = 0" in render(step)


def test_unbounded_set_gives_no_claim():
    text = render(lagrange(x + y, [x * y - 1]))
    assert "The constraint set is unbounded" in text
    assert "largest value among the candidates: 2 at (1, 1)" in text
    assert "maximum f" not in text


def test_f_constant_on_a_curve_of_critical_points():
    step = lagrange(x**2 + y**2, [x**2 + y**2 - 1])
    assert step.details["outcome"] == "family"
    extremes = next(c for c in step.children if c.rule == "lagrange_extremes")
    assert extremes.result == sp.Tuple(1, 1)
    assert "only one candidate: f = 1 at" in render(step)


def test_a_line_of_critical_points():
    step = lagrange(x + y, [x + y - 1])
    assert step.details["outcome"] == "family"
    assert step.result == sp.Tuple(sp.Tuple(1 - y, y))


def test_boundedness():
    assert boundedness([x**2 + 2 * y**2 - 1], (x, y)) == ("bounded", "definite")
    assert boundedness([x**2 - y**2 - 1], (x, y)) == ("unbounded", "indefinite")
    assert boundedness([x + y - 1], (x, y)) == ("unbounded", "linear")
    assert boundedness([x**2 + y**2 - 1], (x, y, z))[0] == "unbounded"  # a cylinder
    assert boundedness([x**2 + y**2 - 1, x + z], (x, y, z))[0] == "bounded"


@pytest.mark.parametrize(
    "f,gs,variables,message",
    [
        (x * y, [x - 1, y - 1, x + y], None, "1 or 2 constraints"),
        (x * y * z * sp.Symbol("w", real=True), [x - 1], None, "2 or 3 variables"),
        (x + y, [x - 1, y - 1], None, "at least 3 variables"),
        (x * y, [sp.Integer(0)], (x, y), "holds everywhere"),
        (x * sp.Symbol("a", real=True), [x**2 + y**2 - 1], (x, y), "not among the variables"),
    ],
)
def test_invalid_requests(f, gs, variables, message):
    with pytest.raises(ValueError, match=message):
        lagrange(f, gs, variables)


def test_formats_and_detail_levels():
    step = lagrange(x * y * z, [x + y + z - 3])
    brief, standard, full = (render(step, "text", d) for d in ("brief", "standard", "full"))
    assert len(brief) < len(standard) <= len(full)
    data = step_to_json_dict(step)
    assert data["rule"] == "lagrange" and data["kind"] == "solution"
    assert json.loads(render(step, "json"))["schema"] == "tutor.step/1"
