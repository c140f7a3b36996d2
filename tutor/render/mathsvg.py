"""MathML -> SVG with ziamath: its settings, made once, and four speed-ups of its layout code.

`svg_of(math, size)` draws a checked <math> element (tutor.render.maths builds it) and returns the
SVG text with its width, height and depth (how far it reaches below the baseline), in pixels of
`size`. `configure_ziamath()` runs once per process, on first use: it imports ziamath (which loads
the STIX Two Math font it ships, ~0.3 s), sets its global config and installs the speed-ups.
The drawing is then flattened (`_flatten`): all its glyphs and rules in one <path>, glyph by
glyph, in whole tenths of a pixel, the form tutor.render.pdfspeed draws quickly.

The speed-ups change no output (tests/render/test_maths.py compares SVG bytes with and without
them); `set_speedups(False)` restores ziamath's own code, and they are installed only on the
ziamath version they were written for (SUPPORTED). In ziamath 0.13:
1. `Mrow._get_height_nostretch` lays every row out twice, once without its stretchy brackets to
   learn how tall they must grow; rows nested in rows make that 2^depth layouts (50 ms for a
   typical chain-rule line). The measuring pass is skipped when no stretchy operator is reachable
   from the row without entering another row, and inside a measuring pass (where stretchy
   operators count towards no height); where it runs, each child is copied with a deep copy
   instead of through XML text.
2. `parse_style` (run for every node) builds a ChainMap over a deep copy of the parent's style
   (`dataclasses.asdict`); reading the parent's fields directly gives the same style.
3. `Mnode.size_px` parses a length ("0.3em", "thinmathspace") on each call; its value depends
   only on the text and the font size, so it is kept.
4. `SimpleGlyph.svgsymbol` formats a glyph's outline afresh in every SVG; the <symbol> is drawn at
   a fixed 12 pt, so it is kept per (font, glyph).
Together, on 386 formulas of the notation sweep (CPU time, this machine): 2.0 ms a formula
against 14.9 ms for ziamath alone; deeply nested formulas gain most (a chain-rule line 50x).
"""

from __future__ import annotations

import copy
import functools
import re
import warnings
import xml.etree.ElementTree as ET
from typing import Any

PRECISION = 2  # decimals in SVG coordinates: 0.01 px at 20 px is invisible and keeps SVGs small
MARGIN = 1.0  # pixels around the ink, so antialiasing is not clipped
SUPPORTED = "0.13"
PATH_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
UNIT = 10  # a formula's outline is in tenths of a pixel: whole numbers, short to write
ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}  # numbers each absolute command takes
RECT = ("x", "y", "width", "height")
# latex2mathml writes \hat and \tilde with ASCII ^ and ~, which ziamath draws as small raised
# signs; the combining accents sit on the letter (what ziamath's own tex2mml substitutes).
ACCENTS = {"^": "\u0302", "~": "\u0303"}
ROW_TAGS = frozenset({"mrow", "math", "mtd", "mtr"})  # each lays out (and measures) its own row
_ORIGINALS: dict[str, Any] = {}  # label -> ziamath's own function
_SAVED: dict[tuple[int, str], Any] = {}  # (id(owner), attribute) -> what was there


@functools.cache
def configure_ziamath() -> None:
    """ziamath's global configuration, set once per process, and the speed-ups installed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # importlib.resources.path in 0.13
        import ziamath

    ziamath.config.svg2 = True  # glyphs as <symbol> + <use>: each SVG is its own document
    ziamath.config.precision = PRECISION
    ziamath.config.math.color = "black"
    ziamath.config.math.background = "none"
    ziamath.config.numbering.autonumber = False
    set_speedups(ziamath.__version__ == SUPPORTED)


def svg_of(math: ET.Element, size: float) -> tuple[str, float, float, float]:
    """(svg, width, height, depth) of a <math> element drawn at `size` pixels per em."""
    configure_ziamath()
    import ziamath

    math.attrib.pop("xmlns", None)  # ziamath re-parses the tree: a namespace would stay on tags
    for accent in (node[1] for node in math.iter("mover") if len(node) == 2):
        accent.text = ACCENTS.get((accent.text or "").strip(), accent.text)
    drawing = ziamath.Math(math, size=size, margin=MARGIN)
    svg = drawing.svgxml()
    if not _flatten(svg):  # a drawing of a shape not foreseen: ziamath's own, made smaller
        _compact(svg)
    box = drawing.node.bbox
    width = box.xmax - box.xmin + 2 * MARGIN
    height = box.ymax - box.ymin + 2 * MARGIN
    depth = MARGIN - box.ymin  # the baseline is y = 0; ymin is negative below it
    return ET.tostring(svg, encoding="unicode"), width, height, depth


def _compact(svg: ET.Element) -> None:
    """Smaller SVG text, same drawing: glyph outlines without spaces a parser does not need
    (`M 6.35 -8.46 L 5.08 -1.45` -> `M6.35-8.46L5.08-1.45`) and no fill="black" (the default)."""
    for node in svg.iter():
        if node.get("fill") == "black":
            del node.attrib["fill"]
        path = node.get("d")
        if path is not None:
            node.set("d", _compact_path(path))


@functools.lru_cache(maxsize=8192)
def _compact_path(path: str) -> str:
    pieces: list[str] = []
    for token in PATH_TOKEN.findall(path):
        if pieces and not token[0].isalpha() and not pieces[-1][-1].isalpha():
            if token[0] != "-":
                pieces.append(" ")
        pieces.append(token)
    return "".join(pieces)


# -- one <path> for the whole formula ----------------------------------------------------------


def _flatten(svg: ET.Element) -> bool:
    """Every glyph (a <symbol> drawn by a <use>) and every rule (a plain <rect>) as outlines in
    one <path>, in whole tenths of a pixel (`transform="scale(0.1)"`). Each glyph starts with an
    absolute M at its first point and goes on in relative m, l, c and z commands (quadratic
    pieces become cubic ones), so the same glyph at the same size is the same text wherever
    it stands.

    WeasyPrint's time goes on SVG nodes (a <use> is three, with a viewport of its own) and on
    parsing path data: one node a formula, and glyphs it can recognise by their text, let
    tutor.render.pdfspeed draw each glyph shape once per page stream's worth of parsing. A
    tenth of a pixel at 20 px to the em is 0.02 mm on an 11 pt page: finer than a printer's
    dot. The placement is the <use> viewport's: scale s = min(w / vw, h / vh) and the viewBox
    centred in it (xMidYMid meet), so the glyph lands where it did. False, and the SVG left
    alone, when it holds anything this cannot place."""
    children = list(svg)
    symbols = {node.get("id"): node for node in children if node.tag == "symbol"}
    if sum(1 for _ in svg.iter("use")) != sum(1 for node in children if node.tag == "use"):
        return False  # a <use> nested in a group
    outline: list[str] = []
    kept: list[ET.Element] = []
    for node in children:
        if node.tag == "symbol":
            continue
        if node.tag == "use":
            placed = _placed_glyph(node, symbols.get((node.get("href") or "").removeprefix("#")))
            if placed is None:
                return False
            outline.append(placed)
        elif node.tag == "rect" and _attributes(node) == {"x", "y", "width", "height"}:
            outline.append(_rectangle(*(float(node.get(k) or 0) for k in RECT)))
        else:
            kept.append(node)
    for node in children:
        svg.remove(node)
    if any(outline):
        svg.append(ET.Element("path", transform=f"scale({1 / UNIT:g})", d="".join(outline)))
    for node in kept:
        if node.get("fill") == "black":
            del node.attrib["fill"]
        svg.append(node)
    return True


def _attributes(node: ET.Element) -> set[str]:
    """A node's attribute names but a black fill (the default, and the only colour drawn)."""
    return {name for name, value in node.attrib.items() if (name, value) != ("fill", "black")}


def _placed_glyph(use: ET.Element, symbol: ET.Element | None) -> str | None:
    """The glyph's outline where the <use> puts it: `M x y` (tenths of a pixel) and the shape."""
    if symbol is None or _attributes(use) != {"href", "x", "y", "width", "height"}:
        return None
    if set(symbol.attrib) != {"id", "viewBox"}:
        return None
    outlines = _symbol_outlines(symbol)
    if outlines is None:
        return None
    vx, vy, vw, vh = (float(v) for v in (symbol.get("viewBox") or "").split())
    x, y, w, h = (float(use.get(name) or 0) for name in ("x", "y", "width", "height"))
    s = min(w / vw if vw else 1.0, h / vh if vh else 1.0)
    tx = x + (w - vw * s) / 2 - vx * s
    ty = y + (h - vh * s) / 2 - vy * s
    pieces: list[str] = []
    for d in outlines:
        shape = _glyph_shape(d, s)
        if shape is None:
            return None
        if shape:
            (first_x, first_y), relative = shape
            pieces.append(_move(round(tx * UNIT) + first_x, round(ty * UNIT) + first_y))
            pieces.append(relative)
    return "".join(pieces)


def _symbol_outlines(symbol: ET.Element) -> list[str] | None:
    """The `d` of a glyph's <path>s (in a <g> for a glyph assembled from parts)."""
    outlines: list[str] = []
    for node in symbol.iter():
        if node is symbol or (node.tag == "g" and not node.attrib):
            continue
        if node.tag != "path" or set(node.attrib) != {"d"}:
            return None
        outlines.append(node.get("d") or "")
    return outlines


@functools.lru_cache(maxsize=8192)
def _glyph_shape(d: str, s: float) -> tuple[tuple[int, int], str] | tuple[()] | None:
    """A glyph outline scaled by s, in tenths of a pixel: its first point, and the rest as
    relative commands from there. () for an empty outline; None for path data with anything
    but absolute M, L, Q, C and Z. Points are rounded before they are differenced, so the
    outline closes where it should however long it is."""
    tokens = PATH_TOKEN.findall(d)
    if not tokens:
        return ()
    scale = s * UNIT
    pieces: list[str] = []
    start: tuple[int, int] | None = None
    current = subpath = (0, 0)
    exact = (0.0, 0.0)  # the current point before rounding, for Q -> C
    index = 0
    while index < len(tokens):
        letter = tokens[index]
        arity = ARITY.get(letter)
        values = tokens[index + 1 : index + 1 + (arity or 0)]
        if arity is None or len(values) != arity or any(v[0].isalpha() for v in values):
            return None
        index += 1 + arity
        numbers = [float(v) * scale for v in values]
        if letter == "Q":  # the cubic with control points 2/3 of the way to the quadratic's
            qx, qy, x, y = numbers
            x0, y0 = exact
            numbers = [x0 + 2 * (qx - x0) / 3, y0 + 2 * (qy - y0) / 3]
            numbers += [x + 2 * (qx - x) / 3, y + 2 * (qy - y) / 3, x, y]
            letter = "C"
        points = [(round(numbers[i]), round(numbers[i + 1])) for i in range(0, len(numbers), 2)]
        if letter == "Z":
            pieces.append("z")
            current, exact = subpath, (float(subpath[0]), float(subpath[1]))
            continue
        if start is None:
            if letter != "M":
                return None
            start = current = subpath = points[0]
            exact = (numbers[0], numbers[1])
            continue
        pieces.append(letter.lower())
        for px, py in points:
            pieces.append(_pair(px - current[0], py - current[1], pieces[-1]))
        current, exact = points[-1], (numbers[-2], numbers[-1])
        if letter == "M":
            subpath = current
    return (start, "".join(pieces)) if start is not None else ()


def _pair(dx: int, dy: int, before: str) -> str:
    """Two numbers of path data, spaced only where a sign does not separate them."""
    first = f"{dx}" if dx < 0 or before[-1].isalpha() else f" {dx}"
    return f"{first}{dy}" if dy < 0 else f"{first} {dy}"


def _move(x: int, y: int) -> str:
    return f"M{x}{y}" if y < 0 else f"M{x} {y}"


def _rectangle(x: float, y: float, width: float, height: float) -> str:
    """A filled rectangle (a fraction bar, a radical's vinculum) as a closed relative path."""
    left, top = round(x * UNIT), round(y * UNIT)
    w, h = round((x + width) * UNIT) - left, round((y + height) * UNIT) - top
    return f"{_move(left, top)}l{w} 0l0 {h}l{-w} 0z"


# -- the speed-ups -------------------------------------------------------------------------------


def _patches() -> list[tuple[str, object, str, Any]]:
    """(label, owner, attribute, replacement) for each speed-up; parse_style is imported by name
    into four modules, so it is replaced in each."""
    from ziafont.glyph import SimpleGlyph
    from ziamath import styles, zmath
    from ziamath.nodes import mfrac, mnode
    from ziamath.nodes.mrow import Mrow

    return [
        ("nostretch", Mrow, "_get_height_nostretch", _height_without_stretch),
        *(("parse_style", m, "parse_style", _parse_style) for m in (styles, mnode, mfrac, zmath)),
        ("size_px", mnode.Mnode, "size_px", _size_px),
        ("svgsymbol", SimpleGlyph, "svgsymbol", _cached_symbol),
    ]


def set_speedups(enabled: bool) -> None:
    """Install (or remove) the speed-ups described above."""
    for label, owner, name, replacement in _patches():
        original = _SAVED.setdefault((id(owner), name), getattr(owner, name))
        _ORIGINALS.setdefault(label, original)
        setattr(owner, name, replacement if enabled else original)


def _height_without_stretch(
    self: Any, line: list[ET.Element], **kwargs: Any
) -> tuple[float, float]:
    if kwargs.get("nostretch") or not _reaches_stretchy(line):
        return 0.0, 0.0  # read only by stretchy operators, and there are none to size
    from ziamath.nodes.mnode import Mnode
    from ziamath.nodes.nodetools import elementtext

    kwargs["nostretch"] = True  # children leave their stretchy operators out of their boxes
    ymin, ymax = 9999.0, -9999.0
    for child in line:
        if child.tag == "mo" and elementtext(child) == "":
            continue
        # ziamath copies each child through XML text (ET.fromstring(ET.tostring(child))) so the
        # measuring layout cannot change the element; a deep copy does the same, faster
        node = Mnode.fromelement(copy.deepcopy(child), parent=self, **kwargs)
        ymin, ymax = min(ymin, node.bbox.ymin), max(ymax, node.bbox.ymax)
    return ymin, ymax


def _reaches_stretchy(elements: list[ET.Element]) -> bool:
    for element in elements:
        if element.tag in ("mo", "mi") and (
            element.get("stretchy") == "true" or _may_stretch((element.text or "").strip())
        ):
            return True
        if element.tag not in ROW_TAGS and _reaches_stretchy(list(element)):
            return True
    return False


@functools.cache
def _may_stretch(text: str) -> bool:
    from ziamath import operators

    return any(
        operators.get_params(text, form).get("stretchy", "false") != "false"
        for form in ("prefix", "infix", "postfix")
    )


def _parse_style(element: ET.Element, parent: Any = None) -> Any:
    """ziamath.styles.parse_style without the ChainMap over a deep copy of the parent's style."""
    from ziamath import styles
    from ziamath.config import config

    attrib = element.attrib
    if attrib.get("style") or parent is None:  # CSS styles and the root: ziamath's own code
        return _ORIGINALS["parse_style"](element, parent)
    displaystyle = attrib["displaystyle"] if "displaystyle" in attrib else parent.displaystyle
    return styles.MathStyle(
        mathvariant=styles.parse_variant(
            attrib.get("mathvariant", config.math.variant), parent.mathvariant
        ),
        displaystyle=displaystyle in ("true", True),
        mathcolor=attrib.get("mathcolor", parent.mathcolor),
        mathbackground=attrib.get("mathbackground", parent.mathbackground),
        mathsize=attrib.get("mathsize", parent.mathsize),
        scriptlevel=int(attrib.get("scriptlevel", parent.scriptlevel)),
    )


_SIZES: dict[tuple[str, float], float] = {}


def _size_px(self: Any, size: str, fontsize: float | None = None) -> float:
    key = (size, self.glyphsize if fontsize is None else fontsize)
    value = _SIZES.get(key)
    if value is None:
        value = _SIZES[key] = _ORIGINALS["size_px"](self, size, fontsize)
    return value


_SYMBOLS: dict[tuple[str, int], ET.Element] = {}


def _cached_symbol(self: Any) -> ET.Element:
    key = (str(self.font.info.filename), self.index)
    symbol = _SYMBOLS.get(key)
    if symbol is None:
        symbol = _SYMBOLS[key] = _ORIGINALS["svgsymbol"](self)
    return copy.copy(symbol)  # its own attributes; the outline <path> is shared, never changed
