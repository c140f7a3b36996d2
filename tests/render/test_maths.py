"""LaTeX -> MathML and SVG (tutor.render.maths, tutor.render.mathsvg).

Every formula our notation writes must convert in both writers: the sweep builds Step trees from
the textbook corpus, every solver family and the problem bank, lays them out in the LATEX
notation at each detail level and converts each formula (the fast run: MathML for all of them,
SVG for a sample; `-m slow`: SVG for all). Unknown macros and bad LaTeX raise MathError.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from urllib.parse import unquote

import pytest
import sympy as sp

import tutor
from tests.data.textbook_loader import textbook_lines
from tutor.render import outline
from tutor.render.blocks import Line, MatrixLine
from tutor.render.html import matrix_maths
from tutor.render.maths import (
    REWRITES,
    SVG_CACHE,
    MathError,
    MathMLWriter,
    SvgCache,
    SvgWriter,
    mathml_tree,
)
from tutor.render.mathsvg import configure_ziamath, set_speedups, svg_of
from tutor.render.notations import LATEX, TEXT
from tutor.steps.step import Step

MATHML = "{http://www.w3.org/1998/Math/MathML}"
x, y, z, t = (sp.Symbol(name, real=True) for name in "xyzt")
u, v = sp.Symbol("u", real=True), sp.Symbol("v", real=True)
a, b = sp.Symbol("a", real=True), sp.Symbol("b", real=True)
m, c = sp.Symbol("m", real=True), sp.Symbol("c", real=True)


def svg_parts(fragment: str) -> tuple[ET.Element, dict[str, float]]:
    """The SVG inside an <img> fragment, and its width, height and vertical-align in em."""
    source = re.search(r'src="data:image/svg\+xml;charset=utf-8,([^"]+)"', fragment)
    assert source, fragment[:200]
    svg = ET.fromstring(unquote(html.unescape(source.group(1))))
    style = re.search(r'style="([^"]+)"', fragment)
    assert style
    box = {}
    for item in style.group(1).split(";"):
        name, _, value = item.partition(":")
        assert value.endswith("em"), item
        box[name] = float(value[:-2])
    return svg, box


# -- the two writers -------------------------------------------------------------------------


def test_mathml_inline_and_display():
    writer = MathMLWriter()
    for method, display in ((writer.inline, "inline"), (writer.display, "block")):
        math = ET.fromstring(method(r"\frac{d}{dx}\left[x^{2} \sin x\right] = 2 x \sin x"))
        assert math.tag == f"{MATHML}math" and math.get("display") == display
        annotation = math.find(f".//{MATHML}annotation")
        assert annotation is not None and annotation.text.startswith(r"\frac{d}{dx}")
        assert math.find(f".//{MATHML}mfrac") is not None


def test_mathml_spaces_function_names_as_tex_does():
    math = ET.fromstring(MathMLWriter(annotate=False).inline(r"2 x \sin x + \ln\left(x\right)"))
    tags = [node.tag.removeprefix(MATHML) for node in math.find(f"{MATHML}mrow")]
    # 2 x ␣ sin ␣ x + ln (x): a thin space around sin, none before the bracket after ln
    assert tags == ["mn", "mi", "mspace", "mi", "mspace", "mi", "mo", "mi", "mrow"]


def test_svg_fragment_sits_on_the_baseline():
    writer = SvgWriter(cache=SvgCache())
    svg, box = svg_parts(writer.inline("x"))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert 0 < box["width"] < 1 and 0.4 < box["height"] < 1
    assert -0.1 < box["vertical-align"] < 0  # only the margin below the baseline
    _, fraction = svg_parts(writer.inline(r"\frac{1}{y^{2}}"))
    assert fraction["vertical-align"] < -0.3  # the denominator hangs below the baseline
    assert 'class="math math-inline"' in writer.inline("x")
    assert 'class="math math-display"' in writer.display("x")


def test_inline_maths_is_text_style():
    writer = SvgWriter(cache=SvgCache())
    _, inline = svg_parts(writer.inline(r"\frac{a}{b}"))
    _, display = svg_parts(writer.display(r"\frac{a}{b}"))
    assert inline["height"] < 0.85 * display["height"]  # small fraction inside a sentence


def test_svg_scales_with_the_text_not_the_drawing_size():
    small = svg_parts(SvgWriter(cache=SvgCache(), size=10).inline(r"x^{2} + 1"))[1]
    large = svg_parts(SvgWriter(cache=SvgCache(), size=40).inline(r"x^{2} + 1"))[1]
    assert small["width"] == pytest.approx(large["width"], rel=0.1)
    scaled = svg_parts(SvgWriter(cache=SvgCache(), scale=1.5).inline(r"x^{2} + 1"))[1]
    assert scaled["width"] == pytest.approx(1.5 * large["width"], rel=0.1)


def test_matrices_have_column_spacing_in_both_writers():
    latex = matrix_maths(MatrixLine(0, "J", (("1", "2"), ("3", "4")), "", "jacobian"))
    table = ET.fromstring(MathMLWriter().display(latex)).find(f".//{MATHML}mtable")
    assert table is not None and table.get("columnspacing") == "1em"
    writer = SvgWriter(cache=SvgCache())
    spaced = svg_parts(writer.display(r"\begin{bmatrix}1 & 2\end{bmatrix}"))[1]
    together = svg_parts(writer.display(r"\begin{bmatrix}12\end{bmatrix}"))[1]
    assert spaced["width"] - together["width"] >= 0.9  # TeX's 1em between columns


# -- refusals ----------------------------------------------------------------------------------

BAD = {
    r"\foo x": r"unknown macro \foo",
    r"x^": "MissingSuperScriptOrSubscript",
    r"\frac{1}": "mfrac lacks a part",
    r"x}": "unbalanced braces",
    r"\left( x": "ExtraLeftOrMissingRight",
    "": "empty formula",
}


@pytest.mark.parametrize("latex", BAD)
@pytest.mark.parametrize(
    "writer", [MathMLWriter(), SvgWriter(cache=SvgCache())], ids=["mathml", "svg"]
)
def test_bad_formulas_raise_one_line_math_error(writer, latex):
    with pytest.raises(MathError) as error:
        writer.inline(latex)
    message = str(error.value)
    assert BAD[latex] in message and "\n" not in message


def test_math_error_is_a_value_error():
    assert issubclass(MathError, ValueError)


def test_hostile_text_is_escaped():
    latex = r"\text{</math><script>alert(1)</script> & co}"
    mathml = MathMLWriter().inline(latex)
    assert "<script>" not in mathml and "&lt;script&gt;" in mathml
    ET.fromstring(mathml)  # still well-formed
    svg, _ = svg_parts(SvgWriter(cache=SvgCache()).inline(latex))
    assert not svg.findall(".//{http://www.w3.org/2000/svg}script")


# -- the rewrite table ---------------------------------------------------------------------------


def test_rewrites_are_documented():
    assert all(reason for _, _, reason in REWRITES)


@pytest.mark.parametrize(
    "latex, expected",
    [
        (r"\sech x", "sech"),
        (r"\operatorname{arcsec}\left(x\right)", "arcsec"),
        (r"\arsinh^{2} x", "arsinh"),
    ],
)
def test_function_names_become_upright_identifiers(latex, expected):
    math = mathml_tree(latex, display=False)
    names = [node.text for node in math.iter("mi")]
    assert expected in names
    assert all(node.text != expected for node in math.iter("mo"))


def test_text_dashes():
    math = mathml_tree(r"\text{--}", display=False)
    assert [node.text for node in math.iter("mtext")] == ["\u2013"]


def test_limits_stay_operators():
    math = mathml_tree(r"\lim_{h \to 0} \left[h\right]", display=True)
    assert [node.text for node in math.iter("mo")][0] == "lim"


# -- the SVG cache and the speed-ups ----------------------------------------------------------


def test_cache_hits_on_the_second_call():
    cache = SvgCache(maxsize=2)
    writer = SvgWriter(cache=cache)
    first = writer.inline("x + 1")
    assert cache.stats() == {"hits": 0, "misses": 1, "size": 1}
    assert writer.inline("x + 1") == first
    assert cache.stats() == {"hits": 1, "misses": 1, "size": 1}
    writer.display("x + 1")  # another style: another entry
    writer.inline("x + 2")
    assert cache.stats()["size"] == 2  # bounded: the least recently used went
    cache.clear()
    assert cache.stats() == {"hits": 0, "misses": 0, "size": 0}


def test_cache_export_and_merge():
    worker = SvgCache()
    SvgWriter(cache=worker).inline("w^{2}")
    parent = SvgCache()
    parent.merge(worker.export())
    assert parent.stats()["size"] == 1
    SvgWriter(cache=parent).inline("w^{2}")
    assert parent.stats()["hits"] == 1


def test_writers_share_the_default_cache():
    SvgWriter().inline("q_{17}")
    before = SVG_CACHE.stats()["hits"]
    SvgWriter().inline("q_{17}")
    assert SVG_CACHE.stats()["hits"] == before + 1


def test_bad_cache_size():
    with pytest.raises(ValueError, match="cache size"):
        SvgCache(0)


SPEEDUP_SAMPLES = [
    r"\frac{d}{dx}\left[\sin\left(\cos\left(x^{2}\right)\right)\right]"
    r" = -2 x \sin\left(x^{2}\right) \cos\left(\cos\left(x^{2}\right)\right)",
    r"J = \begin{bmatrix}2 x y & x^{2} \\ \cos\left(x\right) & -\frac{1}{y^{2}}\end{bmatrix}",
    r"\chi^{2} = \sum_{i} \frac{\left(y_{i} - m x_{i} - c\right)^{2}}{\sigma_{i}^{2}}",
    r"\left|\frac{x}{\left|x\right| + 1}\right|",
    r"\lim_{h \to 0} \left[\frac{\left(x + h\right)^{2} - x^{2}}{h}\right]",
]


def test_speedups_change_no_output():
    configure_ziamath()
    cases = [(latex, display) for latex in SPEEDUP_SAMPLES for display in (False, True)]

    def drawn() -> list[tuple[str, float, float, float]]:
        return [svg_of(mathml_tree(s, d, function_spacing=False), 20) for s, d in cases]

    try:
        set_speedups(False)
        plain = drawn()
    finally:
        set_speedups(True)
    assert drawn() == plain


# -- the sweep: every formula our notation writes ----------------------------------------------


def solver_cases() -> Iterator[tuple[str, Callable[[], Step]]]:
    """(name, build) for trees of every solver family; a family still being written is skipped."""
    from tutor.solvers import multivariate as mv

    yield "gradient", lambda: mv.gradient(x**2 * sp.sin(y) + sp.exp(x * y), [x, y])
    yield "jacobian", lambda: mv.jacobian([x**2 * y, sp.cos(x) - 1 / y], [x, y])
    yield "hessian", lambda: mv.hessian(x**3 * y + sp.log(x) * y**2, [x, y])
    yield "at point", lambda: mv.at_point(mv.gradient(x**2 * y, [x, y]), {x: 1, y: 2})
    yield "partial", lambda: mv.partial_derivative(sp.atan(x / y), x, [x, y])
    from tutor.solvers.directional import directional_derivative

    yield "directional", lambda: directional_derivative(x**2 * y, [3, 4], [x, y], {x: 1, y: 2})
    from tutor.solvers.chain import total_derivative
    from tutor.solvers.chain_matrix import chain_matrix_form

    yield "total", lambda: total_derivative(x**2 * y, {x: sp.cos(t), y: sp.sin(t)}, t)
    yield (
        "chain matrix",
        lambda: chain_matrix_form([u**2 + v, u * v], [x + y, x - y], [u, v], [x, y]),
    )
    from tutor.solvers.backprop import activation_derivative, backprop_symbolic
    from tutor.solvers.network import backprop_numeric

    yield "backprop", lambda: backprop_symbolic(2, "logistic")
    yield "activation", lambda: activation_derivative("tanh")
    yield (
        "network",
        lambda: backprop_numeric(
            [[[1, -1], [2, 1]], [[1, 1]]], [[0, 1], [0]], [1, 2], [1], "logistic"
        ),
    )
    from tutor.solvers.taylor import linearisation, taylor_polynomial
    from tutor.solvers.taylor_error import truncation_error

    yield "taylor", lambda: taylor_polynomial(sp.exp(x) * sp.cos(x), x, 0, 4)
    yield "taylor about 1", lambda: taylor_polynomial(sp.log(x), x, 1, 3, point=sp.Rational(3, 2))
    yield "linearisation", lambda: linearisation(sp.sqrt(x), x, 4, estimate=sp.Rational(41, 10))
    yield "truncation", lambda: truncation_error(sp.sin(x), x, 0, 3, radius=sp.Rational(1, 2))
    from tutor.solvers.newton import newton_raphson

    yield "newton", lambda: newton_raphson(x**3 - 2 * x - 5, x, 2, 6)
    yield "newton exact", lambda: newton_raphson(x**2 - 2, x, 1, 3)
    from tutor.solvers.descent import gradient_descent

    yield (
        "descent",
        lambda: gradient_descent(x**2 + 3 * y**2, [x, y], [1, 1], sp.Rational(1, 10), 5),
    )
    from tutor.solvers.stationary import stationary_points

    yield "stationary", lambda: stationary_points(x**3 - 3 * x + y**2, [x, y])
    from tutor.solvers.lagrange import lagrange

    yield "lagrange", lambda: lagrange(x * y, [x + y - 10], [x, y])
    yield "lagrange circle", lambda: lagrange(x + y, [x**2 + y**2 - 1], [x, y])
    from tutor.solvers.regression import chi_squared, line_fit

    data_x, data_y = [0, 1, 2, 3], [1, 3, 4, 7]
    yield "line fit", lambda: line_fit(data_x, data_y)
    yield "weighted fit", lambda: line_fit(data_x, data_y, [1, 1, 2, 2])
    yield "chi squared", lambda: chi_squared(data_x, data_y, m * x + c, {m: 2, c: 1}, x)
    from tutor.solvers.fitting import gradient_descent_fit

    yield (
        "fitting",
        lambda: gradient_descent_fit(
            data_x,
            data_y,
            a * sp.exp(b * x),
            [a, b],
            [1, sp.Rational(1, 2)],
            sp.Rational(1, 100),
            3,
            variable=x,
        ),
    )


def sweep_trees(textbook_stride: int = 1) -> list[tuple[str, Step]]:
    trees = [
        (f"textbook {line}", tutor.derive(line)) for _, line in textbook_lines()[::textbook_stride]
    ]
    cases = iter(solver_cases())
    while True:
        try:
            name, build = next(cases)
        except StopIteration:
            break
        except ImportError:  # a family not written yet: the rest of the list still runs
            continue
        try:
            step = build()
            outline(step, TEXT, "brief")
        except Exception:  # noqa: BLE001 - a family whose solver or layout is still being written
            continue
        trees.append((name, step))
    import problem_bank

    for topic in problem_bank.topics():
        problem = problem_bank.generate(topic.key, 1, "medium")
        trees.append((problem.id, problem.solution))
    return trees


def formulas_of(
    trees: list[tuple[str, Step]], details=("brief", "standard", "full")
) -> dict[str, str]:
    """formula -> the tree it came from, for every maths string of every block."""
    found: dict[str, str] = {}
    for name, step in trees:
        for detail in details:
            for block in outline(step, LATEX, detail):
                if isinstance(block, Line):
                    maths = [block.lhs or "", block.rhs or ""]
                elif isinstance(block, MatrixLine):
                    maths = [matrix_maths(block)]
                else:
                    maths = [cell for row in (block.header, *block.rows) for cell in row]
                maths += re.findall(r"(?<!\\)\$(.*?)(?<!\\)\$", block.note)
                for formula in maths:
                    if formula.strip():
                        found.setdefault(formula, name)
    return found


@pytest.fixture(scope="module")
def sweep() -> dict[str, str]:
    return formulas_of(sweep_trees(textbook_stride=3))


def convert_all(writer, formulas: dict[str, str]) -> list[str]:
    failures = []
    for formula, tree in formulas.items():
        try:
            writer.inline(formula)
        except MathError as error:
            failures.append(f"{tree}: {error}")
    return failures


def test_sweep_covers_the_notation(sweep):
    assert len(sweep) > 1500
    macros = {macro for formula in sweep for macro in re.findall(r"\\[A-Za-z]+", formula)}
    assert {r"\frac", r"\partial", r"\begin", r"\operatorname", r"\left"} <= macros


def test_every_formula_converts_to_mathml(sweep):
    assert convert_all(MathMLWriter(), sweep) == []


def test_a_sample_converts_to_svg(sweep):
    sample = dict(list(sweep.items())[::20])
    assert convert_all(SvgWriter(cache=SvgCache()), sample) == []


@pytest.mark.slow
def test_every_formula_converts_to_svg():
    formulas = formulas_of(sweep_trees())
    assert convert_all(SvgWriter(cache=SvgCache(len(formulas))), formulas) == []


@pytest.mark.slow
def test_speedups_change_no_output_on_the_sweep(sweep):
    configure_ziamath()
    cases = [(latex, display) for latex in list(sweep)[::10] for display in (False, True)]

    def drawn() -> list[tuple[str, float, float, float]]:
        return [svg_of(mathml_tree(s, d, function_spacing=False), 20) for s, d in cases]

    try:
        set_speedups(False)
        plain = drawn()
    finally:
        set_speedups(True)
    assert drawn() == plain
