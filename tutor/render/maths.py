"""LaTeX formulas -> HTML fragments: MathML for browsers, SVG for PDFs.

A `MathWriter` turns one formula of the LATEX notation into an HTML fragment: `inline(latex)` for
maths inside a sentence (text style: small fractions, limits beside the operator), `display(latex)`
for a formula on its own line (display style). Two writers:

- `MathMLWriter()`: a `<math display="inline|block">` element (latex2mathml), with the LaTeX kept
  in an `<annotation encoding="application/x-tex">`. Browsers draw it with the page's math font.
- `SvgWriter(cache=...)`: an `<img>` holding the ziamath SVG of the formula (STIX Two Math glyphs as
  paths), sized in em so it follows the surrounding text, and lowered by the formula's depth
  (`vertical-align: -<depth>em`) so its baseline sits on the text's baseline. SVGs are kept in a
  bounded LRU cache keyed by (latex, style, size); `SvgCache.stats()` reports hits and misses.

Both go through one pipeline, so both accept exactly the same LaTeX:
1. `rewrite`: the REWRITES table turns the few macros latex2mathml does not know into ones it
   does (function names such as \\sech become \\operatorname{sech}; `--` in \\text is an en dash);
2. latex2mathml builds the MathML tree; `check` raises `MathError` (one line naming the formula)
   for an <merror> or any macro passed through unconverted (latex2mathml writes an unknown \\foo
   as the identifier text "\\foo"), so raw LaTeX never reaches a page;
3. `polish`: TeX's spacing where latex2mathml leaves it to the renderer: operator names upright
   like \\sin, a thin space after \\det, unary signs (= -1), matrices with TeX's 1em between
   columns, and for browsers thin spaces around function names (x^2 \\sin x).

ziamath's global settings and four speed-ups of its layout code (same SVG bytes, 5-10x faster on
our formulas) are applied once by `configure_ziamath()`; see tutor.render.mathsvg.
To support a new macro: add a row to REWRITES (or FUNCTION_NAMES), and a formula using it to
tests/render/test_maths.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Protocol

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# Function names our notation writes with \operatorname (or a reader may write as a macro) that
# latex2mathml does not know; `\sech x` is rewritten to `\operatorname{sech} x`.
FUNCTION_NAMES = (
    "sech",
    "csch",
    "arcsec",
    "arccsc",
    "arccot",
    "arsinh",
    "arcosh",
    "artanh",
    "arsech",
    "arcsch",
    "arcoth",
    "asinh",
    "acosh",
    "atanh",
)
# (pattern, replacement, why): applied in order to every formula before conversion.
REWRITES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], str], ...] = (
    (
        re.compile(r"\\(" + "|".join(FUNCTION_NAMES) + r")(?![A-Za-z])"),
        r"\\operatorname{\1}",
        "function names latex2mathml does not know",
    ),
    (
        re.compile(r"\\text\{([^{}]*)\}"),
        lambda text: r"\text{" + text[1].replace("---", "\u2014").replace("--", "\u2013") + "}",
        "TeX's dashes in \\text: -- is an en dash, --- an em dash",
    ),
)
# Operator names that take limits (\lim_{h \to 0}): kept as operators, never made identifiers.
LIMIT_OPERATORS = frozenset({"lim", "liminf", "limsup", "max", "min", "sup", "inf", "det", "gcd"})
CHARACTER_REFERENCE = re.compile(r"&#(x[0-9A-Fa-f]+|[0-9]+);")
UNKNOWN_MACRO = re.compile(r"\\[A-Za-z]+|\\[^A-Za-z\s]")
ROW_TAGS = frozenset({"math", "mrow", "mtd", "mstyle", "mpadded", "mphantom"})
ARITY = {"mfrac": 2, "msup": 2, "msub": 2, "msubsup": 3, "mroot": 2, "mover": 2, "munder": 2}
FENCES = frozenset("([{|\u2016\u27e8\u230a\u2308")
THIN_SPACE = "0.167em"
SIGNS = frozenset("\u2212+\u00b1")
CLOSING = frozenset(")]}|\u2016\u27e9\u230b\u2309")
MATRIX_COLUMN_SPACING = "1em"
MATRIX_ROW_SPACING = "0.5em"


class MathError(ValueError):
    """A formula that cannot be typeset (unknown macro, bad LaTeX)."""


def _short(latex: str, limit: int = 80) -> str:
    return latex if len(latex) <= limit else latex[: limit - 1] + "…"


def rewrite(latex: str) -> str:
    """The REWRITES table applied to a formula."""
    for pattern, replacement, _ in REWRITES:
        latex = pattern.sub(replacement, latex)
    return latex


def mathml_tree(latex: str, display: bool, function_spacing: bool = True) -> ET.Element:
    """The checked and polished MathML <math> element of a formula (no namespace prefixes)."""
    if not isinstance(latex, str) or not latex.strip():
        raise MathError(f"cannot typeset an empty formula: {latex!r}")
    from latex2mathml.converter import convert_to_element

    _check_braces(latex)
    source = rewrite(latex)
    try:
        math = convert_to_element(source, xmlns=MATHML_NS, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises bare Exception subclasses for bad LaTeX
        raise MathError(
            f"cannot typeset {_short(latex)!r}: {type(error).__name__} {error}".rstrip()
        ) from None
    check(math, latex)  # before decoding: \backslash arrives as &#x0005C;, a raw \' as "\"
    _decode(math)
    polish(math, function_spacing)
    return math


def _check_braces(latex: str) -> None:
    depth = 0
    for brace in re.findall(r"\\\\|\\[{}]|[{}]", latex):
        depth += {"{": 1, "}": -1}.get(brace, 0)
        if depth < 0:
            break
    if depth:
        raise MathError(f"cannot typeset {_short(latex)!r}: unbalanced braces")


def _decode(element: ET.Element) -> None:
    """latex2mathml leaves symbols as character references (&#x02212;) in the text: decode them,
    so that serialising escapes the text properly (its own convert() un-escapes &lt; and &amp;)."""
    for node in element.iter():
        if node.text and "&#" in node.text:
            node.text = CHARACTER_REFERENCE.sub(_character, node.text)


def _character(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16) if code[0] == "x" else int(code))


def check(math: ET.Element, latex: str) -> None:
    """MathError unless every macro was understood: no <merror>, no backslash command as text."""
    for node in math.iter():
        if node.tag == "merror":
            raise MathError(f"cannot typeset {_short(latex)!r}: latex2mathml reports an error")
        if node.tag in ARITY and len(node) != ARITY[node.tag]:
            raise MathError(f"cannot typeset {_short(latex)!r}: a {node.tag} lacks a part")
        text = (node.text or "").strip()
        if "\\" in text:
            macro = UNKNOWN_MACRO.search(text)
            name = macro.group() if macro else text
            raise MathError(f"cannot typeset {_short(latex)!r}: unknown macro {name}")


def polish(math: ET.Element, function_spacing: bool = True) -> None:
    r"""TeX's spacing where latex2mathml leaves it to the renderer: operator names as upright
    identifiers (\operatorname{sech} like \sinh), \det and \lim with a thin space after, signs
    after an operator or an opening bracket unary (= -1, (-2x) without spaces), matrices with
    1em between columns; and (for browsers, as ziamath pads names itself) thin spaces around
    function names."""
    for node in math.iter():
        text = (node.text or "").strip()
        if node.tag == "mo" and _is_name(text):
            if text not in LIMIT_OPERATORS and not node.attrib:
                node.tag = "mi"
            else:
                node.attrib.update(lspace="0em", rspace=THIN_SPACE)
        if node.tag == "mtable":
            node.attrib.setdefault("columnspacing", MATRIX_COLUMN_SPACING)
            node.attrib.setdefault("rowspacing", MATRIX_ROW_SPACING)
    for parent in [node for node in math.iter() if node.tag in ROW_TAGS]:
        previous = None
        for child in parent:
            if child.tag == "mo" and (child.text or "").strip() in SIGNS and _opens(previous):
                child.set("form", "prefix")
            previous = child
    if function_spacing:
        _space_functions(math)


def _opens(previous: ET.Element | None) -> bool:
    """Whether a sign after `previous` is unary: nothing before it, or an operator or an
    opening bracket (not a closing one, nor a \right bracket)."""
    if previous is None:
        return True
    text = (previous.text or "").strip()
    return (
        previous.tag == "mo"
        and previous.get("form") != "postfix"
        and text not in CLOSING
        and not _is_name(text)
    )


def _space_functions(math: ET.Element) -> None:
    """Thin spaces around sin, ln, sech (or sin²) as TeX sets them: before, unless an operator
    precedes; after, unless brackets follow. Browsers add none (x²sin x would run together)."""
    for parent in [node for node in math.iter() if node.tag in ROW_TAGS]:
        children = list(parent)
        for index in range(len(children) - 1, -1, -1):
            if not _is_function(children[index]):
                continue
            after = children[index + 1] if index + 1 < len(children) else None
            if after is not None and not _opens_with_fence(after):
                parent.insert(index + 1, ET.Element("mspace", width=THIN_SPACE))
            if index > 0 and children[index - 1].tag not in ("mo", "mspace"):
                parent.insert(index, ET.Element("mspace", width=THIN_SPACE))


def _is_name(text: str) -> bool:
    return len(text) > 1 and text.isalpha()


def _is_function(node: ET.Element) -> bool:
    """sin, ln, sech, or one of them with a power or index (sin² x)."""
    if node.tag in ("msup", "msub", "msubsup") and len(node):
        return _is_function(node[0])
    return node.tag == "mi" and _is_name((node.text or "").strip())


def _opens_with_fence(node: ET.Element) -> bool:
    while node.tag in ("mrow", "msup", "msub", "msubsup") and len(node):
        node = node[0]
    text = (node.text or "").strip()
    return node.tag in ("mo", "mspace") and (text in FENCES or node.tag == "mspace")


class MathWriter(Protocol):
    """Writes one LaTeX formula as an HTML fragment (one element; `css_class` adds a class)."""

    def inline(self, latex: str, css_class: str = "") -> str: ...

    def display(self, latex: str) -> str: ...


class MathMLWriter:
    """LaTeX -> <math> elements (browsers draw MathML natively; pages bundle STIX Two Math)."""

    name = "mathml"

    def __init__(self, annotate: bool = True):
        self.annotate = annotate

    def inline(self, latex: str, css_class: str = "") -> str:
        return self._write(latex, display=False, css_class=css_class)

    def display(self, latex: str) -> str:
        return self._write(latex, display=True)

    def _write(self, latex: str, display: bool, css_class: str = "") -> str:
        math = mathml_tree(latex, display)
        if css_class:
            math.set("class", css_class)
        if self.annotate:
            semantics = ET.Element("semantics")
            semantics.extend(list(math))
            for child in list(math):
                math.remove(child)
            annotation = ET.SubElement(semantics, "annotation", encoding="application/x-tex")
            annotation.text = latex
            math.append(semantics)
        return ET.tostring(math, encoding="unicode", short_empty_elements=False)


class SvgCache:
    """A bounded LRU mapping (latex, style, size) -> HTML fragment, with hit and miss counts."""

    def __init__(self, maxsize: int = 4096):
        if maxsize < 1:
            raise ValueError(f"cache size must be at least 1, not {maxsize}")
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple[str, str, float], str] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: tuple[str, str, float]) -> str | None:
        fragment = self._entries.get(key)
        if fragment is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(key)
        return fragment

    def put(self, key: tuple[str, str, float], fragment: str) -> None:
        self._entries[key] = fragment
        self._entries.move_to_end(key)
        while len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)

    def export(self) -> dict[tuple[str, str, float], str]:
        """The entries, least recently used first: for a worker process to hand back."""
        return dict(self._entries)

    def merge(self, entries: Mapping[tuple[str, str, float], str]) -> None:
        """Entries another cache exported (a worker's, or a file the app layer keeps)."""
        for key, fragment in entries.items():
            self.put(key, fragment)

    def clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = 0

    def stats(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses, "size": len(self._entries)}


SVG_CACHE = SvgCache()  # shared by SvgWriters built without a cache of their own


class SvgWriter:
    """LaTeX -> <img> of an SVG drawn by ziamath, sized in em and set on the text's baseline.

    `size`: the pixel size formulas are drawn at (1em of the page's text); `scale`: how large the
    maths is against the text (STIX Two Math beside a text font with a larger x-height may want
    1.05). The fragment is `<img class="math math-inline|math-display" src="data:image/svg+xml;
    charset=utf-8,<svg ..." alt="" style="width:…em;height:…em;vertical-align:-…em">`.
    """

    name = "svg"

    def __init__(self, cache: SvgCache | None = None, size: float = 20.0, scale: float = 1.0):
        if size <= 0 or scale <= 0:
            raise ValueError(f"size and scale must be positive, not {size} and {scale}")
        self.cache = SVG_CACHE if cache is None else cache
        self.size, self.scale = float(size), float(scale)

    def inline(self, latex: str, css_class: str = "") -> str:
        fragment = self._fragment(latex, "inline")
        if not css_class:
            return fragment
        start = '<img class="math math-inline'  # how _draw begins every inline fragment
        return f"{start} {css_class}{fragment.removeprefix(start)}"

    def display(self, latex: str) -> str:
        return self._fragment(latex, "display")

    def _fragment(self, latex: str, style: str) -> str:
        key = (latex, style, self.size * self.scale)
        fragment = self.cache.get(key)
        if fragment is None:
            fragment = self._draw(latex, style)
            self.cache.put(key, fragment)
        return fragment

    def _draw(self, latex: str, style: str) -> str:
        from tutor.render.mathsvg import svg_of

        svg, width, height, depth = svg_of(
            mathml_tree(latex, style == "display", function_spacing=False), self.size
        )
        em = self.scale / self.size
        box = f"width:{width * em:.3f}em;height:{height * em:.3f}em"
        return (
            f'<img class="math math-{style}" alt="" src="{data_url(svg)}" '
            f'style="{box};vertical-align:{-depth * em:.3f}em">'
        )


def data_url(svg: str) -> str:
    """The SVG as a data: URL for a double-quoted HTML attribute, a quarter smaller than base64:
    only what URLs and attributes need escaped is (%, #, &; attribute quotes become single)."""
    quote = "'" if "'" not in svg else "%22"
    escaped = svg.replace("%", "%25").replace("#", "%23").replace('"', quote)
    return "data:image/svg+xml;charset=utf-8," + escaped.replace("&", "&amp;")
