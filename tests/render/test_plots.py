"""Plots of solver trees (tutor.render.plots) and the evaluator behind them (plots_eval).

Structure, not pixels: each plotted family gives an SVG that parses, holds paths and the labels
it promises, is the same bytes every time (also in another process), stays small and refers to
nothing outside itself; trees without a plot give None. The evaluator is checked against
sympy's evalf on a sweep of expressions and points.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sympy as sp

import problem_bank as pb
from tutor.render.plots import plot_for
from tutor.render.plots_eval import EvalError, compile_real, curve, grid
from tutor.render.plots_figure import span, svg_text, sweep
from tutor.solvers.descent import gradient_descent
from tutor.solvers.fitting import gradient_descent_fit
from tutor.solvers.newton import newton_raphson
from tutor.solvers.regression import chi_squared, line_fit
from tutor.solvers.taylor import linearisation, taylor_polynomial
from tutor.solvers.taylor_two import taylor_two_variables
from tutor.steps import Step, derive

SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
MAX_BYTES = 60_000
ROOT = Path(__file__).resolve().parents[2]
x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
a, b = sp.Symbol("a", real=True), sp.Symbol("b", real=True)


def _solver_trees() -> dict[str, Step]:
    return {
        "newton": newton_raphson(x**3 - 2 * x - 5, x, 3, steps=5),
        "newton-log": newton_raphson(sp.log(x) + x - 2, x, 1, steps=3),
        "descent-2d": gradient_descent(x**2 + x * y + 2 * y**2, [x, y], (3, -2), sp.Rational(1, 5)),
        "descent-1d": gradient_descent(x**4 - 3 * x**2 + x, [x], 2, sp.Rational(1, 20), steps=6),
        "descent-diverging": gradient_descent(x**2 + 3 * y**2, [x, y], (2, 1), sp.Rational(2, 5)),
        "line": line_fit([0, 1, 2, 3, 4], [1, 3, 4, 7, 9]),
        "line-weighted": line_fit([1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8], [0.2, 0.3, 0.2, 0.4]),
        "chi-squared": chi_squared([0, 1, 2], [1, 2, 5], a * x**2 + b, {a: 1, b: 1}, x, [1, 1, 2]),
        "fit-descent": gradient_descent_fit(
            [0, 1, 2, 3], [2, 1.3, 0.8, 0.5], a * sp.exp(b * x), (a, b), (2, -0.5), 0.001, 20
        ),
        "taylor": taylor_polynomial(sp.exp(x) * sp.sin(x), x, 0, 3),
        "taylor-radius": taylor_polynomial(sp.log(1 + x), x, 0, 3, radius=sp.Rational(1, 2)),
        "linearisation": linearisation(sp.sqrt(x), x, 4, estimate=sp.Rational(41, 10)),
    }


BANK = [
    ("newton-raphson", "easy"),
    ("newton-raphson", "hard"),
    ("gradient-descent", "easy"),
    ("gradient-descent", "medium"),
    ("line-fit", "medium"),
    ("weighted-line-fit", "medium"),
    ("fit-gradient-step", "medium"),
    ("chi-squared", "hard"),
]


@pytest.fixture(scope="module")
def trees() -> dict[str, Step]:
    found = _solver_trees()
    for topic, difficulty in BANK:
        found[f"{topic}.{difficulty}"] = pb.generate(topic, 5, difficulty).solution
    return found


@pytest.fixture(scope="module")
def plots(trees) -> dict[str, tuple[str, float]]:
    """Each tree's plot and the seconds it took (the first pays for importing matplotlib)."""
    plot_for(trees["line"])  # warm up: matplotlib's import and font cache
    drawn = {}
    for name, tree in trees.items():
        start = time.perf_counter()
        svg = plot_for(tree)
        drawn[name] = (svg, time.perf_counter() - start)
    return drawn


NAMES = list(_solver_trees()) + [f"{topic}.{difficulty}" for topic, difficulty in BANK]


def texts(svg: str) -> list[str]:
    return ["".join(element.itertext()) for element in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("name", NAMES)
def test_plot_is_a_small_self_contained_svg(plots, name):
    svg, seconds = plots[name]
    assert svg is not None, name
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and svg.startswith("<svg")
    assert "<?xml" not in svg and "DOCTYPE" not in svg
    assert re.fullmatch(r"[\d.]+ [\d.]+ [\d.]+ [\d.]+", root.get("viewBox", ""))
    assert root.get("width", "").endswith("px") and root.get("height", "").endswith("px")
    assert any(True for _ in root.iter(f"{SVG}path"))
    assert len(svg.encode()) < MAX_BYTES, len(svg.encode())
    assert set(re.findall(r"https?://[^\s\"'<>)]+", svg)) <= NAMESPACES
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.endswith("href"):
                assert value.startswith("#"), value
            assert "url(" not in value or "url(#" in value, value
    assert seconds < 10, f"{name} took {seconds:.1f} s"


@pytest.mark.parametrize("name", ["newton", "descent-2d", "line-weighted", "taylor"])
def test_plot_is_deterministic(trees, plots, name):
    assert plot_for(trees[name]) == plots[name][0]


def test_same_bytes_in_another_process(plots):
    """Ids come from matplotlib's salted hashes, not from the process (hash seed, memory)."""
    program = (
        "import sympy as sp, sys\n"
        "from tutor.render.plots import plot_for\n"
        "from tutor.solvers.newton import newton_raphson\n"
        "x = sp.Symbol('x', real=True)\n"
        "sys.stdout.write(plot_for(newton_raphson(x**3 - 2*x - 5, x, 3, steps=5)))\n"
    )
    env = {"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == plots["newton"][0]


def test_what_each_plot_shows(plots):
    newton = texts(plots["newton"][0])
    assert {"x₀", "x₁"} <= set(newton) and "tangent at xₙ" in newton
    assert any(t.startswith("f(x) = x³ − 2x − 5") for t in newton)
    descent = texts(plots["descent-2d"][0])
    assert {"p₀", "p₁", "x", "y"} <= set(descent)
    assert "data ± σ" in texts(plots["line-weighted"][0])
    assert "data" in texts(plots["line"][0]) and "data ± σ" not in texts(plots["line"][0])
    assert any(t.startswith("after 20 steps: a = ") for t in texts(plots["fit-descent"][0]))
    taylor = texts(plots["taylor"][0])
    assert "P₃(x) = x³/3 + x² + x" in taylor and "a" in taylor
    assert "interval of the bound" in texts(plots["taylor-radius"][0])
    assert {"x₁", "L(x) = (x − 4)/4 + 2"} <= set(texts(plots["linearisation"][0]))


def test_error_bars_only_with_sigma(plots):
    """errorbar draws its bars as a LineCollection: one more path group than plain data."""
    weighted, plain = plots["line-weighted"][0], plots["line"][0]
    assert weighted.count("<path") > plain.count("<path")


def test_no_plot_for_other_trees():
    assert plot_for(derive(x**2 * sp.sin(x), x)) is None
    z = sp.Symbol("z", real=True)
    three = gradient_descent(x**2 + y**2 + z**2, [x, y, z], (1, 1, 1), sp.Rational(1, 4), steps=2)
    assert plot_for(three) is None
    assert plot_for(taylor_two_variables(sp.exp(x) * sp.cos(y))) is None
    assert plot_for(Step("newton_raphson", x**2 - 2, x, sp.Integer(1), (), "solution")) is None
    assert plot_for(Step("line_fit", x, None, x, (), "solution", {"variable": x})) is None


def test_unplottable_function_gives_none():
    """A Newton run on f the evaluator refuses (an undefined function g) draws nothing."""
    g = sp.Function("g")
    row = Step("newton_iteration", x, x, sp.Integer(1), (), "sequence", {"n": 0, "x": 2})
    fake = Step("newton_raphson", g(x), x, sp.Integer(1), (row,), "solution")
    assert plot_for(fake) is None


# -- the evaluator -------------------------------------------------------------------------------

# One partly defined function per expression: a sum of two functions that are complex at the
# same point can be real (asec(-1/2) + acsc(-1/2) = π/2), which a plot should not draw.
FUNCTIONS = [sp.tan, sp.sec, sp.csc, sp.cot, sp.asin, sp.acos, sp.atan, sp.acot, sp.asec]
FUNCTIONS += [sp.acsc, sp.sinh, sp.cosh, sp.tanh, sp.sech, sp.csch, sp.coth, sp.asinh]
FUNCTIONS += [sp.acosh, sp.atanh, sp.acoth, sp.asech, sp.acsch, sp.log, sp.sign, sp.Abs]
FUNCTIONS += [sp.floor, sp.ceiling, sp.erf]
EXPRESSIONS = [function(x / 2 + sp.Rational(1, 7)) for function in FUNCTIONS] + [
    x**2 - 3 * x + 1,
    x**-2 + 1 / (x - 1),
    sp.sqrt(x) * sp.exp(x),
    sp.sqrt(4 - x**2),
    x ** sp.Rational(3, 2),
    sp.Abs(x) ** sp.pi,
    sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi),
    sp.log(x**2 + 1, 10) + sp.sin(x) * sp.cos(2 * x),
    sp.Max(x, 1) + sp.Min(x**2, 2),
    sp.exp(sp.sin(x)) ** 2 - sp.atan(x) / (1 + x**2),
    2**x + x**x,
    sp.exp(x**2),
]
POINTS = [-3, -2, -1.5, -1, -sp.Rational(1, 2), 0, sp.Rational(1, 3), 1, 1.5, 2, 2.5, 3, 7]


def expected(expr: sp.Expr, value) -> float | None:
    """sympy's value at the point, or None where it is not a finite real number."""
    try:
        result = expr.evalf(30, subs={x: sp.Float(value, 30)})
    except ZeroDivisionError:
        return None
    if not result.is_number or result.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    real, imaginary = result.as_real_imag()
    if abs(imaginary) > 1e-20 * max(1, abs(real)) or abs(real) > 1e100:  # complex, or a pole
        return None
    return float(real)


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=str)
def test_evaluator_agrees_with_evalf(expr):
    function = compile_real(expr, (x,))
    for point in POINTS:
        want, got = expected(expr, point), function((float(point),))
        if want is None or not math.isfinite(want):
            assert got is None, (expr, point, got)
        else:
            assert got is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), (
                expr,
                point,
                got,
                want,
            )


def test_two_variables_and_the_grid():
    f = sp.log(x * y) + x * sp.exp(-y)
    heights = grid(f, (x, y), [-1.0, 1.0, 2.0], [0.5, 1.0])
    assert len(heights) == 2 and all(len(row) == 3 for row in heights)
    assert heights[0][0] is None  # ln(-0.5)
    assert math.isclose(heights[1][2], math.log(2) + 2 * math.exp(-1))
    assert curve(1 / x, x, [0.0, 2.0]) == [None, 0.5]


def test_odd_roots_are_real_roots():
    """As the solvers read them (tutor.solvers.newton.real_form), not sympy's principal root."""
    assert compile_real(x ** sp.Rational(1, 3), (x,))((-8.0,)) == pytest.approx(-2)
    assert compile_real(x ** sp.Rational(2, 3), (x,))((-8.0,)) == pytest.approx(4)
    assert compile_real(x ** sp.Rational(-1, 3), (x,))((-8.0,)) == pytest.approx(-0.5)
    assert compile_real(x ** sp.Rational(1, 2), (x,))((-4.0,)) is None


def test_overflow_and_domain_give_none():
    function = compile_real(sp.exp(x) * x**300, (x,))
    assert function((1000.0,)) is None
    assert compile_real(x**-1, (x,))((0.0,)) is None
    assert compile_real(sp.exp(x) - sp.exp(2 * x), (x,))((800.0,)) is None  # inf - inf


@pytest.mark.parametrize(
    "expr",
    [
        sp.Piecewise((x, x > 0), (0, True)),
        sp.Integral(x, x),
        x + y,
        sp.I * x,
        sp.Function("g")(x),
        sp.Derivative(sp.Function("g")(x), x),
    ],
    ids=str,
)
def test_evaluator_refuses(expr):
    with pytest.raises(EvalError):
        compile_real(expr, (x,))


def test_figure_helpers():
    document = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
        ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36pt" viewBox="0 0 72 36">'
        '<g id="figure_1"><clipPath id="c1"/><path id="p" clip-path="url(#c1)"/></g></svg>'
    )
    svg = svg_text(document)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="96.0px" height="48.0px"')
    assert 'id="c1"' in svg and 'id="figure_1"' not in svg and 'id="p"' not in svg
    assert sweep(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1]
    assert span([1, 3], pad=0.25) == (0.5, 3.5)
    assert span([2, 2], least=1) == (1.5, 2.5)


@pytest.mark.slow
def test_plots_for_many_bank_problems():
    """Every seed of the plotted topics draws (three-variable descent aside), small and valid."""
    topics = ["newton-raphson", "gradient-descent", "line-fit", "weighted-line-fit"]
    topics += ["fit-gradient-step", "chi-squared"]
    for topic in topics:
        for difficulty in ("easy", "medium", "hard"):
            for seed in range(6):
                tree = pb.generate(topic, seed, difficulty).solution
                svg = plot_for(tree)
                if tree.rule == "gradient_descent" and len(tree.details["variables"]) == 3:
                    assert svg is None
                    continue
                assert svg is not None, (topic, difficulty, seed)
                ET.fromstring(svg)
                assert len(svg.encode()) < MAX_BYTES


@pytest.mark.slow
def test_plot_in_a_weasyprint_pdf(tmp_path, plots):
    """WeasyPrint draws the plot from a data: URI through the worksheets' fetcher (which refuses
    the network), its labels as text in the PDF."""
    from base64 import b64encode

    from weasyprint import HTML

    from tutor.render.pdf import asset_fetcher

    fetcher = asset_fetcher()
    source = b64encode(plots["newton"][0].encode()).decode()
    page = f'<img style="width:8cm" src="data:image/svg+xml;base64,{source}">'
    pdf = tmp_path / "plot.pdf"
    HTML(string=page, url_fetcher=fetcher).write_pdf(pdf)
    assert fetcher.refused == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "tangent at" in text and "x₀" in text
