"""A speed-up of WeasyPrint's SVG drawing that changes no output: parsed SVG paths are kept.

WeasyPrint 70 draws an SVG <path> by parsing its `d` text afresh every time (regular expressions
and a float per coordinate), and measures a <symbol>'s bounding box the same way each time it is
<use>d. Maths set by ziamath is thousands of glyph outlines, most of them repeats (the same
letter at the same size gives the same `d`), so a worksheet's solutions spend most of their PDF
time parsing the same few hundred strings.

`install()` wraps WeasyPrint's two path functions with a cache keyed by (d, font size):
- drawing: the first call runs WeasyPrint's own `path` on a scratch pydyf stream, keeping the
  operator bytes pydyf writes (move_to, line_to, curve_to, close: they only append to the
  stream's list) and the vertices it adds for markers; later calls append the same bytes to
  the real stream, so no number is parsed or formatted twice;
- bounding boxes: the box WeasyPrint's own `bounding_box_path` computes.
Path data has no units (SVG `d` is plain numbers), so the result depends only on the key. The
PDF bytes are the same with and without it (tests/worksheet/test_pdf.py compares them); the
cache is bounded (MAX_ENTRIES), and `uninstall()` restores WeasyPrint's functions. It is applied
only to the WeasyPrint version it was written for (70.x).
"""

from __future__ import annotations

import sys
from typing import Any

MAX_ENTRIES = 20_000
SUPPORTED = "70."
_ORIGINALS: dict[str, Any] = {}
_DRAWN: dict[tuple[str, float], tuple[list[bytes], list[Any]]] = {}
_BOXES: dict[tuple[str, float], Any] = {}
_PLAIN: dict[type, Any] = {}  # stream class -> its pydyf Stream base, or None
PATH_OPERATORS = ("move_to", "line_to", "curve_to", "close")


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
    _BOXES.clear()
