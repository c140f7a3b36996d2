"""The figure every worksheet plot is drawn on, and its SVG: matplotlib's object API, no pyplot.

`draw(paint)` makes an 8 cm × 6 cm figure (a worksheet column), lets `paint(axes)` draw on its one
axes, and returns the SVG as a string (`svg_text`): no XML prolog or DOCTYPE, no metadata, the
size in px with the viewBox kept, ids only where something refers to them. The output is the
same bytes on every run: matplotlib's svg.hashsalt is fixed and no date is written. Text stays
text (svg.fonttype "none") in DejaVu Sans, which ships with matplotlib and is installed for
WeasyPrint (fonts-dejavu-core): small files, and the labels are real text in the PDF.
matplotlib is imported on first use, so importing tutor.render costs nothing until a plot.

Also here: the palette, `sweep` (evenly spaced floats), `span` (a padded range) and `finite`.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

WIDTH_IN, HEIGHT_IN = 3.15, 2.36  # 8 cm × 6 cm
POINTS = 200  # samples per curve
PT_TO_PX = 4 / 3
TICKS = 5  # at most about this many labelled ticks per axis (each label costs WeasyPrint ~4 ms)
# Room for the tick and axis labels; savefig's tight bbox then trims or widens the edges, which
# is one layout pass cheaper than tight_layout and never clips a label.
MARGINS = {"left": 0.13, "right": 0.97, "bottom": 0.14, "top": 0.97}

INK = "#1a1a1a"  # the function, the data
ACCENT = "#1f5fa8"  # what the method produced: the polynomial, the fitted curve, tangents
PATH = "#c0392b"  # iterates and their path
GREY = "#9a9a9a"  # contours, axes at zero, the start of a fit
SHADE = "#e2e2e2"  # an interval

STYLE: dict[Any, Any] = {  # keys typed loosely: matplotlib's stubs list every rc key
    "svg.hashsalt": "tutor-worksheet-plots",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "text.usetex": False,
    "axes.formatter.use_mathtext": False,
    "axes.unicode_minus": True,
    "axes.linewidth": 0.6,
    "axes.labelpad": 2.0,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "xtick.major.pad": 2.0,
    "ytick.major.pad": 2.0,
    "lines.linewidth": 1.2,
    "lines.markersize": 3.5,
    "legend.fontsize": 6.5,
    "legend.frameon": False,
    "legend.handlelength": 1.6,
    "path.simplify": True,
    "contour.negative_linestyle": "solid",
}
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
SIZE = re.compile(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')
ID = re.compile(r' id="([^"]+)"')
REFERENCE = re.compile(r'#([^\s"\')]+)')


def load_matplotlib() -> None:
    """Import the parts of matplotlib `draw` uses (half a second), e.g. before forking workers."""
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401


def draw(paint: Callable[[Any], None]) -> str:
    """A figure with one axes, painted by `paint(axes)`, as an SVG string."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        paint(axes)
        axes.locator_params(nbins=TICKS)
        figure.subplots_adjust(**MARGINS)
        out = io.StringIO()
        figure.savefig(
            out, format="svg", metadata=NO_METADATA, bbox_inches="tight", pad_inches=0.03
        )
    return svg_text(out.getvalue())


def svg_text(document: str) -> str:
    """matplotlib's SVG trimmed for embedding: from <svg> on, px sizes, only referenced ids."""
    svg = document[document.index("<svg") :]

    def px(match: re.Match[str]) -> str:
        width, height = (float(match.group(i)) * PT_TO_PX for i in (2, 3))
        return f'<svg{match.group(1)} width="{width:.1f}px" height="{height:.1f}px"'

    svg = SIZE.sub(px, svg, count=1)
    used = set(REFERENCE.findall(svg))
    return ID.sub(lambda m: m.group(0) if m.group(1) in used else "", svg)


def sweep(lo: float, hi: float, count: int = POINTS) -> list[float]:
    """`count` evenly spaced floats from lo to hi, both included."""
    step = (hi - lo) / (count - 1)
    return [lo + i * step for i in range(count)]


def span(values: Iterable[float], pad: float = 0.15, least: float = 1.0) -> tuple[float, float]:
    """(lo, hi) around the values, widened by `pad` of the width and to at least `least`."""
    numbers = [v for v in values if math.isfinite(v)]
    lo, hi = (min(numbers), max(numbers)) if numbers else (-1.0, 1.0)
    middle, width = (lo + hi) / 2, max((hi - lo) * (1 + 2 * pad), least)
    return middle - width / 2, middle + width / 2


def finite(values: Sequence[float | None]) -> list[float]:
    """The defined values (None and inf dropped)."""
    return [v for v in values if v is not None and math.isfinite(v)]


def gaps(values: Sequence[float | None]) -> list[float]:
    """None as NaN, which matplotlib leaves as a gap in a line (or a hole in a contour)."""
    return [math.nan if v is None else v for v in values]


SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(n: int) -> str:
    return str(n).translate(SUBSCRIPTS)


def number(value: float) -> str:
    """A short number for a label: 4 significant digits, a true minus sign."""
    text = f"{value:.4g}"
    return text.replace("-", "−")


SHORT_LABEL = 24  # characters: legends with only short labels go in two columns


def legend(ax: Any) -> None:
    """The legend above the axes, where it covers nothing (matplotlib's "best" inside the axes
    searches every line at each draw, about 60 ms a plot, and still may cover a label)."""
    labels = ax.get_legend_handles_labels()[1]
    columns = 2 if all(len(label) <= SHORT_LABEL for label in labels) else 1
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncols=columns, borderaxespad=0)
