"""Faster SVG drawing in WeasyPrint 70: formulas drawn as glyph forms, other paths kept.

WeasyPrint draws an SVG image by walking its nodes, and a <path> by parsing its `d` text afresh
every time (regular expressions and a float per coordinate). A worksheet's solutions hold some
two thousand formulas, each of a dozen glyphs.

`install()` wraps WeasyPrint's SVG image drawing and its two path functions:
- an <img> whose SVG is just a formula of tutor.render.mathsvg (one <path>: for each glyph an
  absolute `M x y` and the glyph's shape in relative commands, in whole tenths of a pixel) is
  drawn by `_draw_image`, without WeasyPrint's SVG walk: placed in its box as WeasyPrint places
  a viewBox, then each glyph as `q 1 0 0 1 x y cm /tg<hash> Do Q`, where /tg<hash> is a form
  XObject holding the glyph's filled shape, made once per document (its name is a hash of the
  shape). The PDF holds each shape once, and no number of a shape already seen is parsed;
- a formula outline met inside any other SVG is drawn by `_draw_outline`, each glyph as
  `q 1 0 0 1 x y cm <shape> f Q`; the picture is the one WeasyPrint draws from the same path
  (tests/worksheet/test_worksheet_pdf.py compares the rasterised pages);
- any other path is drawn by WeasyPrint's own `path` once per (d, font size) on a scratch
  pydyf stream, keeping the operator bytes pydyf writes (move_to, line_to, curve_to, close: they
  only append to the stream's list) and the vertices it adds for markers; later calls append
  the same bytes, so those PDF bytes are WeasyPrint's own (the tests compare them);
- bounding boxes: the box WeasyPrint's own `bounding_box_path` computes, kept per key.
Path data has no units (SVG `d` is plain numbers), so each result depends only on its key. The
caches are bounded (MAX_ENTRIES), and `uninstall()` restores WeasyPrint's functions. It is
applied only to the WeasyPrint version it was written for (70.x).
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from typing import Any

MAX_ENTRIES = 20_000
SUPPORTED = "70."
_ORIGINALS: dict[str, Any] = {}
_DRAWN: dict[tuple[str, float], tuple[list[bytes], list[Any]]] = {}
_BOXES: dict[tuple[str, float], Any] = {}
_PLAIN: dict[type, Any] = {}  # stream class -> its pydyf Stream base, or None
PATH_OPERATORS = ("move_to", "line_to", "curve_to", "close")
# tutor.render.mathsvg's formula outlines: "M x y" and a glyph's relative shape, for each glyph
GLYPH_START = re.compile(r"(-?[0-9]+)(?: ([0-9]+)|(-[0-9]+))(?=[mlcz])")
SHAPE = re.compile(r"(?:[mlcz]|-?[0-9]+| (?=[0-9]))*")
SHAPE_TOKEN = re.compile(r"[mlcz]|-?[0-9]+")
SHAPE_ARITY = {"m": 2, "l": 2, "c": 6, "z": 0}
SHAPE_OPERATOR = {"m": "m", "l": "l", "c": "c"}
# a formula's SVG from tutor.render.mathsvg: <svg width height viewBox><path transform d/></svg>
SVG_TAG = "{http://www.w3.org/2000/svg}"
FORMULA_ROOT = {"width", "height", "viewBox"}
SCALE = re.compile(r"scale\(([0-9]+(?:\.[0-9]+)?)\)")
GLYPH_PREFIX = "tg"  # WeasyPrint names its own XObjects x<N> and i<N>
Glyph = tuple[str, bytes, tuple[int, ...]]  # a glyph form: name, content, bounding box


def _modules():
    import weasyprint.images
    import weasyprint.svg
    import weasyprint.svg.bounding_box
    import weasyprint.svg.path  # noqa: F401  (the package's `path` name is the function)

    return (
        sys.modules["weasyprint.svg"],
        sys.modules["weasyprint.svg.path"],
        sys.modules["weasyprint.svg.bounding_box"],
    )


def _draw_path(svg: Any, node: Any, font_size: float) -> None:
    real = svg.stream
    if not _plain(real):  # a stream that draws paths its own way: no cache
        _ORIGINALS["path"](svg, node, font_size)
        return
    key = (node.get("d", ""), font_size)
    if _draw_outline(real.stream, node, key[0]):
        return
    entry = _DRAWN.get(key)
    if entry is None:
        scratch, before = _PLAIN[type(real)](), len(node.vertices)
        svg.stream = scratch  # pydyf's own methods write the operators, byte for byte
        try:
            _ORIGINALS["path"](svg, node, font_size)
        except BaseException:  # what WeasyPrint drew before failing, then its error
            real.stream.extend(scratch.stream)
            raise
        finally:
            svg.stream = real
        added = [node.vertices.pop() for _ in range(len(node.vertices) - before)][::-1]
        entry = (scratch.stream, added)
        if len(_DRAWN) < MAX_ENTRIES:
            _DRAWN[key] = entry
    operators, vertices = entry
    real.stream.extend(operators)
    node.vertices.extend(vertices)


def _draw_outline(stream: list[bytes], node: Any, d: str) -> bool:
    """Draw a formula outline of tutor.render.mathsvg glyph by glyph (`_glyph_operators`);
    False (nothing drawn) for a node or path data of any other kind. A closing `0 0 m` leaves
    the path WeasyPrint fills after this empty, as after an outline of nothing."""
    attributes = node.attrib
    if (
        any(name.startswith("marker") for name in attributes)
        or attributes.get("stroke", "none") != "none"
        or attributes.get("fill-rule", "nonzero") != "nonzero"
        or attributes.get("fill", "black") == "none"
        or "url(" in attributes.get("fill", "")  # a gradient or pattern: WeasyPrint's own way
    ):
        return False
    operators = _glyph_operators(d)
    if operators is None:
        return False
    stream.extend(operators)
    stream.append(b"0 0 m")
    return True


@functools.lru_cache(maxsize=MAX_ENTRIES)
def _glyph_operators(d: str) -> tuple[bytes, ...] | None:
    """A formula outline's operators, each glyph as `q 1 0 0 1 x y cm <shape> f Q` with its
    shape's operators made once per process from the relative path data; None for path data
    of any other kind.

    The same glyph at the same size then writes the same operators wherever it stands (a PDF
    that compresses well), and no number of a shape already seen is parsed. Filling each glyph
    inside q/Q with the colour already set paints what one fill of the whole path would:
    glyphs are filled (in a plain colour), not stroked, with the nonzero rule."""
    placed = _placed_glyphs(d)
    if placed is None:
        return None
    operators: list[bytes] = []
    for x, y, relative in placed:
        shape = _shape(relative)
        if shape is None:
            return None
        operators += (b"q", f"1 0 0 1 {x} {y} cm".encode("ascii"), *shape, b"f", b"Q")
    return tuple(operators)


def _placed_glyphs(d: str) -> list[tuple[str, str, str]] | None:
    """(x, y, the shape's relative path data) for each glyph of a formula outline of
    tutor.render.mathsvg (`M x y` and the shape, glyph after glyph); None for other path data."""
    if not d.startswith("M"):
        return None
    placed = []
    for glyph in d[1:].split("M"):
        start = GLYPH_START.match(glyph)
        if start is None:
            return None
        placed.append((start[1], start[2] or start[3], glyph[start.end() :]))
    return placed


@functools.lru_cache(maxsize=MAX_ENTRIES)
def _shape(relative: str) -> tuple[bytes, ...] | None:
    """A glyph's operators from its relative path data (m, l, c, z after the absolute start),
    in a frame whose origin is the glyph's first point; None for anything else."""
    if not SHAPE.fullmatch(relative):
        return None
    tokens = SHAPE_TOKEN.findall(relative)
    operators = [b"0 0 m"]
    x = y = 0
    subpath = (0, 0)
    index = 0
    while index < len(tokens):
        letter = tokens[index]
        arity = SHAPE_ARITY.get(letter)
        numbers = tokens[index + 1 : index + 1 + (arity or 0)]
        if arity is None or len(numbers) != arity or any(n in SHAPE_ARITY for n in numbers):
            return None
        index += 1 + arity
        if letter == "z":
            operators.append(b"h")
            x, y = subpath
            continue
        values = [int(n) + (y if i % 2 else x) for i, n in enumerate(numbers)]
        operators.append(" ".join((*map(str, values), SHAPE_OPERATOR[letter])).encode("ascii"))
        x, y = values[-2:]
        if letter == "m":
            subpath = (x, y)
    return tuple(operators)


def _draw_image(image: Any, stream: Any, width: float, height: float, style: Any) -> None:
    """WeasyPrint's SVGImage.draw, but a formula (`_formula_of`) is drawn here: scaled into its
    box as WeasyPrint places an SVG's viewBox (`preserve_ratio`), each glyph a form XObject of
    the document drawn by name (`_formula_drawing`)."""
    resources = getattr(stream, "_resources", None)
    if resources is None or not _plain(stream) or (formula := _formula_of(image)) is None:
        _ORIGINALS["image"](image, stream, width, height, style)
        return
    from weasyprint.svg.utils import preserve_ratio

    drawing, glyphs = formula
    forms = resources["XObject"]
    for name, shape, box in glyphs:
        if name not in forms:
            forms[name] = _glyph_form(shape, box, stream.compress)
    svg = image._svg
    scale_x, scale_y, x, y = preserve_ratio(svg, svg.tree, 0, width, height)
    stream.push_state()
    stream.transform(a=scale_x, d=scale_y, e=x, f=y)
    stream.stream.append(drawing)
    stream.pop_state()


def _formula_of(image: Any) -> tuple[bytes, tuple[Glyph, ...]] | None:
    """The drawing of an SVG that is just a formula of tutor.render.mathsvg (an <svg> with a
    viewBox, and a width and height, holding one <path> with nothing but a `scale(s)`
    transform and a formula outline) and the glyph forms it draws; None for any other SVG."""
    root = getattr(getattr(getattr(image, "_svg", None), "tree", None), "_etree_node", None)
    if root is None or root.tag != SVG_TAG + "svg" or len(root) != 1:
        return None
    path = root[0]
    if (
        not set(root.attrib) <= FORMULA_ROOT
        or "viewBox" not in root.attrib
        or path.tag != SVG_TAG + "path"
        or set(path.attrib) != {"transform", "d"}
        or len(path)
    ):
        return None
    return _formula_drawing(path.attrib["transform"], path.attrib["d"])


@functools.lru_cache(maxsize=MAX_ENTRIES)
def _formula_drawing(transform: str, d: str) -> tuple[bytes, tuple[Glyph, ...]] | None:
    """A formula's operators in the viewBox's units: black (the default fill), the path's
    scale, then each glyph as `q 1 0 0 1 x y cm /name Do Q`; and its glyphs' forms (name, shape,
    bounding box). A glyph's name is a hash of its shape, so each shape is one object in the
    document however often it is drawn, and the same pages give the same bytes."""
    scale, placed = SCALE.fullmatch(transform), _placed_glyphs(d)
    if scale is None or placed is None:
        return None
    operators = [b"0 0 0 rg", f"{scale[1]} 0 0 {scale[1]} 0 0 cm".encode("ascii")]
    glyphs: dict[str, Glyph] = {}
    for x, y, relative in placed:
        form = _glyph(relative)
        if form is None:
            return None
        glyphs[form[0]] = form
        operators.append(f"q 1 0 0 1 {x} {y} cm /{form[0]} Do Q".encode("ascii"))
    return b"\n".join(operators), tuple(glyphs.values())


@functools.lru_cache(maxsize=MAX_ENTRIES)
def _glyph(relative: str) -> Glyph | None:
    """A glyph's form: its name, its filled shape (`_shape`) and its bounding box, the box of
    every point and control point with a unit to spare (a curve stays inside the box of its
    control points, and the box clips)."""
    shape = _shape(relative)
    if shape is None:
        return None
    numbers = [int(n) for operator in shape for n in operator.split()[:-1]]
    xs, ys = numbers[0::2], numbers[1::2]
    box = (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
    content = b"\n".join((*shape, b"f"))
    return GLYPH_PREFIX + hashlib.blake2b(content, digest_size=8).hexdigest(), content, box


def _glyph_form(shape: bytes, box: tuple[int, ...], compress: bool) -> Any:
    import pydyf

    extra = pydyf.Dictionary({"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array(box)})
    return pydyf.Stream([shape], extra, compress=compress)


def _plain(stream: Any) -> bool:
    """Whether a stream writes path operators with pydyf's own Stream methods (WeasyPrint 70's
    streams do); _PLAIN keeps, per stream class, that pydyf class (or None)."""
    kind = type(stream)
    if kind not in _PLAIN:
        base = next(
            (k for k in kind.__mro__ if k.__module__ == "pydyf" and k.__name__ == "Stream"), None
        )
        same = base is not None and all(
            getattr(kind, name) is getattr(base, name) for name in PATH_OPERATORS
        )
        _PLAIN[kind] = base if same else None
    return _PLAIN[kind] is not None


def _path_box(svg: Any, node: Any, font_size: float) -> Any:
    key = (node.get("d", ""), font_size)
    box = _BOXES.get(key)
    if box is None:
        box = _ORIGINALS["box"](svg, node, font_size)
        if len(_BOXES) < MAX_ENTRIES:
            _BOXES[key] = box
    return box


def install() -> bool:
    """Put the cache in place (once per process); False when WeasyPrint is not a 70.x."""
    import weasyprint

    if not weasyprint.__version__.startswith(SUPPORTED):
        return False
    svg, path, box = _modules()
    images = sys.modules["weasyprint.images"]
    if not _ORIGINALS:
        _ORIGINALS.update(
            path=path.path, box=box.BOUNDING_BOX_METHODS["path"], image=images.SVGImage.draw
        )
    svg.TAGS["path"] = _draw_path
    box.BOUNDING_BOX_METHODS["path"] = _path_box
    images.SVGImage.draw = _draw_image
    return True


def uninstall() -> None:
    """WeasyPrint's own functions back, and the cache emptied."""
    if not _ORIGINALS:
        return
    svg, _, box = _modules()
    svg.TAGS["path"] = _ORIGINALS["path"]
    box.BOUNDING_BOX_METHODS["path"] = _ORIGINALS["box"]
    sys.modules["weasyprint.images"].SVGImage.draw = _ORIGINALS["image"]
    _DRAWN.clear()
    _BOXES.clear()
    for cache in (_shape, _glyph_operators, _glyph, _formula_drawing):
        cache.cache_clear()
