"""A formula as one <path> (tutor.render.mathsvg._flatten): every glyph in place, one node."""

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


def end_points(d: str, scale: float, dx: float, dy: float, relative: bool) -> list[tuple]:
    """The end point of each drawing command of path data (absolute M/L/Q/C/Z from ziamath,
    or the flattened form's absolute M and relative m/l/c/z), scaled and moved."""
    points, x, y, start = [], 0.0, 0.0, (0.0, 0.0)
    for letter, args in re.findall(r"([A-Za-z])([^A-Za-z]*)", d):
        values = numbers(args)
        if letter in "Zz":
            x, y = start
            continue
        if relative and letter.islower():
            x, y = x + values[-2], y + values[-1]
        else:
            x, y = values[-2], values[-1]
        if letter in "Mm":
            start = (x, y)
        points.append((round(x * scale + dx, 3), round(y * scale + dy, 3)))
    return points


@pytest.mark.parametrize("latex", SAMPLES)
def test_glyphs_become_one_path_in_place(latex):
    plain = ziamath_svg(latex)
    flat = copy.deepcopy(plain)
    assert _flatten(flat)
    assert [node.tag for node in flat] == ["path"]
    path = flat[0]
    assert path.get("transform") == "scale(0.1)"
    # every end point of every glyph lands where the <use> put it, to a tenth of a pixel
    symbols = {node.get("id"): node for node in plain if node.tag == "symbol"}
    expected = []
    for node in plain:
        if node.tag == "rect":
            x, y, w, h = (float(node.get(k)) for k in ("x", "y", "width", "height"))
            expected += [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        if node.tag != "use":
            continue
        symbol = symbols[node.get("href")[1:]]
        vx, vy, vw, vh = numbers(symbol.get("viewBox"))
        x, y, w, h = (float(node.get(k)) for k in ("x", "y", "width", "height"))
        s = min(w / vw if vw else 1.0, h / vh if vh else 1.0)
        tx, ty = x + (w - vw * s) / 2 - vx * s, y + (h - vh * s) / 2 - vy * s
        for outline in symbol.iter("path"):
            expected += end_points(outline.get("d"), s, tx, ty, relative=False)
    drawn = end_points(path.get("d"), 0.1, 0, 0, relative=True)
    assert len(drawn) == len(expected)
    for (x1, y1), (x2, y2) in zip(drawn, expected, strict=True):
        assert abs(x1 - x2) <= 0.11 and abs(y1 - y2) <= 0.11


def test_a_quadratic_piece_becomes_the_cubic_it_equals():
    glyph = ET.fromstring(
        "<svg><symbol id='g' viewBox='0 0 10 10'><path d='M0 0Q30 60 90 0Z'/></symbol>"
        "<use href='#g' x='0' y='0' width='10' height='10'/></svg>"
    )
    assert _flatten(glyph)
    # control points 2/3 of the way from each end to (30, 60): (20, 40) and (50, 40)
    assert glyph[0].get("d") == "M0 0c200 400 500 400 900 0z"


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
