"""Glyphs as one <path> each (tutor.render.mathsvg._flatten): same placement, fewer nodes."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from tutor.render.maths import mathml_tree
from tutor.render.mathsvg import _flatten, configure_ziamath, svg_of

SAMPLES = [
    r"\frac{x^{2} + 1}{\sin x}",
    r"\left(\frac{a}{b}\right)",
    r"\left|\frac{x}{\left|x\right| + 1}\right|",
    r"\sum_{i} \frac{\left(y_{i} - m x_{i}\right)^{2}}{\sigma_{i}^{2}}",
    r"J = \begin{bmatrix}2 x y & x^{2} \\ \cos\left(x\right) & -\frac{1}{y^{2}}\end{bmatrix}",
]


def ziamath_svg(latex: str) -> ET.Element:
    configure_ziamath()
    import ziamath

    math = mathml_tree(latex, True, function_spacing=False)
    math.attrib.pop("xmlns", None)
    return ziamath.Math(math, size=20, margin=1).svgxml()


def numbers(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?[\d.]+", text)]


@pytest.mark.parametrize("latex", SAMPLES)
def test_glyphs_become_single_paths_in_place(latex):
    plain = ziamath_svg(latex)
    flat = copy.deepcopy(plain)
    assert _flatten(flat)
    assert not any(node.tag in ("symbol", "use", "defs") for node in flat.iter())
    symbols = {node.get("id"): node for node in plain if node.tag == "symbol"}
    uses = [node for node in plain if node.tag == "use"]
    drawn = [u for u in uses if len(list(symbols[u.get("href")[1:]].iter("path")))]
    paths = [node for node in flat if node.tag == "path"]
    assert len(paths) == sum(len(list(symbols[u.get("href")[1:]].iter("path"))) for u in drawn)
    assert len([n for n in flat if n.tag == "rect"]) == len([n for n in plain if n.tag == "rect"])
    # the first glyph's viewport corner (vx, vy) lands where the <use> put it
    use, path = drawn[0], paths[0]
    vx, vy, vw, vh = numbers(symbols[use.get("href")[1:]].get("viewBox"))
    x, y, w, h = (float(use.get(k)) for k in ("x", "y", "width", "height"))
    a, _, _, d, e, f = numbers(path.get("transform"))
    assert a == pytest.approx(min(w / vw, h / vh), abs=1e-4) and a == d
    assert e + a * (vx + vw / 2) == pytest.approx(x + w / 2, abs=0.01)
    assert f + a * (vy + vh / 2) == pytest.approx(y + h / 2, abs=0.01)


def test_svg_of_is_valid_and_keeps_its_box():
    svg, width, height, depth = svg_of(mathml_tree(SAMPLES[0], True, function_spacing=False), 20)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and width > 0 and height > depth > 0
    assert "<use" not in svg and "<symbol" not in svg


def test_unknown_shapes_are_left_alone():
    svg = ET.fromstring(
        "<svg><symbol id='g' viewBox='0 0 1 1'><path d='M0 0L1 1Z' fill='red'/></symbol>"
        "<use href='#g' x='0' y='0' width='1' height='1'/></svg>"
    )
    before = ET.tostring(svg)
    assert not _flatten(svg) and ET.tostring(svg) == before
