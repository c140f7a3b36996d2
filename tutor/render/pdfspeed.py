"""Faster SVG drawing in WeasyPrint 70: formula outlines drawn glyph by glyph, other paths kept.

WeasyPrint draws an SVG <path> by parsing its `d` text afresh every time (regular expressions
and a float per coordinate), and measures a <symbol>'s bounding box the same way each time it is
<use>d. A worksheet's solutions hold some two thousand formulas, each of a dozen glyphs.

`install()` wraps WeasyPrint's two path functions:
- a formula outline from tutor.render.mathsvg (one <path> a formula: for each glyph an absolute
  `M x y` and the glyph's shape in relative commands, in whole tenths of a pixel) is drawn by
  `_draw_outline`: each glyph as `q 1 0 0 1 x y cm <shape> f Q`, its shape's operators made once
  per process from the relative text. The picture is the one WeasyPrint draws from the same
  path (tests/worksheet/test_worksheet_pdf.py compares the two rasterised), the same glyph
  writes the same bytes wherever it stands, so the PDF compresses well, and no number of a
  shape already seen is parsed;
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


def _modules():
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
    """Draw a formula outline of tutor.render.mathsvg glyph by glyph, each as
    `q 1 0 0 1 x y cm <shape> f Q`, the shape's operators made once per process from its
    relative path data; False (nothing drawn) for a node or path data of any other kind.

    The same glyph at the same size then writes the same operators wherever it stands (a PDF
    that compresses well), and no number of a shape already seen is parsed. Filling each glyph
    inside q/Q with the colour already set paints what one fill of the whole path would:
    glyphs are filled (in a plain colour), not stroked, with the nonzero rule. A closing
    `0 0 m` leaves the path WeasyPrint fills after this empty, as after an outline of nothing."""
    attributes = node.attrib
    if (
        not d.startswith("M")
        or any(name.startswith("marker") for name in attributes)
        or attributes.get("stroke", "none") != "none"
        or attributes.get("fill-rule", "nonzero") != "nonzero"
        or attributes.get("fill", "black") == "none"
        or "url(" in attributes.get("fill", "")  # a gradient or pattern: WeasyPrint's own way
    ):
        return False
    operators: list[bytes] = []
    for glyph in d[1:].split("M"):
        start = GLYPH_START.match(glyph)
        shape = _shape(glyph[start.end() :]) if start else None
        if start is None or shape is None:
            return False
        x, y = start[1], start[2] or start[3]
        operators += (b"q", f"1 0 0 1 {x} {y} cm".encode("ascii"), *shape, b"f", b"Q")
    operators.append(b"0 0 m")
    stream.extend(operators)
    return True


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
    if not _ORIGINALS:
        _ORIGINALS.update(path=path.path, box=box.BOUNDING_BOX_METHODS["path"])
    svg.TAGS["path"] = _draw_path
    box.BOUNDING_BOX_METHODS["path"] = _path_box
    return True


def uninstall() -> None:
    """WeasyPrint's own functions back, and the cache emptied."""
    if not _ORIGINALS:
        return
    svg, _, box = _modules()
    svg.TAGS["path"] = _ORIGINALS["path"]
    box.BOUNDING_BOX_METHODS["path"] = _ORIGINALS["box"]
    _DRAWN.clear()
    _shape.cache_clear()
    _BOXES.clear()
