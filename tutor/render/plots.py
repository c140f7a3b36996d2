"""Plots for worked solutions: `plot_for(step) -> str | None`, an SVG string or nothing.

Drawn for the trees where a person would rather look than read (the root's rule decides):

- `gradient_descent`: in two variables the path p₀ → p₁ → ... on contour lines of f; in one
  variable the curve of f with the iterates on it (three variables: no plot);
- `newton_raphson`: the curve of f and, for the first MAX_TANGENTS iterations, the point
  (xₙ, f(xₙ)) and its tangent down to xₙ₊₁ on the x-axis;
- `taylor_polynomial` and `linearisation`: f and Pₙ (or L) around a, the bound's interval shaded
  and the estimate point marked when the tree has them;
- `line_fit`, `chi_squared` and `fit_gradient_descent`: the data (with error bars when σ is
  given) and the fitted line or curve (a descent fit also shows the start curve, dashed).

Every value comes from the tree (tutor.render.plots_read); curves and contours are evaluated by
tutor.render.plots_eval; the figure and its SVG are tutor.render.plots_figure's. A tree missing
what its plot needs, or an f this module cannot evaluate, gives None rather than an error.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from tutor.notation import to_text
from tutor.render.plots_eval import EvalError, compile_real, curve, grid
from tutor.render.plots_figure import (
    ACCENT,
    GREY,
    INK,
    PATH,
    SHADE,
    draw,
    finite,
    gaps,
    legend,
    number,
    span,
    subscript,
    sweep,
)
from tutor.render.plots_read import (
    Descent,
    Fit,
    PlotError,
    Taylor,
    read_descent,
    read_fit,
    read_newton,
    read_taylor,
)
from tutor.steps import Step

Paint = Callable[[Any], None]  # draws on a matplotlib Axes

MAX_TANGENTS = 4  # Newton iterations drawn
MAX_PATH = 40  # descent iterates drawn
MAX_ARROWS = 8  # descent steps drawn as arrows (the rest as a line)
GRID = 40  # contour grid: GRID × GRID values of f
LEVELS = 9  # background contour lines
THROUGH = 4  # iterates whose contour line is drawn too
AXES_RATIO = 1.35  # width/height of the axes box: equal scales on a contour plot
TAYLOR_REACH = 2.0  # the default half-width of a Taylor plot around a
LABEL_CHARS = 28  # a longer formula is named, not written, in a legend
SIMPLE_DENOMINATOR = 10  # a fitted line with larger denominators is labelled in decimals


def plot_for(step: Step) -> str | None:
    """The SVG plot of a solver's tree, or None when its family has no plot (or it cannot)."""
    planner = PLANNERS.get(step.rule)
    if planner is None:
        return None
    try:
        paint = planner(step)
    except (PlotError, EvalError, LookupError):  # LookupError: a detail the tree lacks
        return None
    return None if paint is None else draw(paint)


# -- gradient descent ----------------------------------------------------------------------------


def _descent(root: Step) -> Paint | None:
    descent = read_descent(root)
    if len(descent.variables) == 1:
        return _descent_curve(descent)
    if len(descent.variables) == 2:
        return _descent_contours(descent)
    return None


def _descent_contours(d: Descent) -> Paint:
    points = d.points[:MAX_PATH]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    (x0, x1), (y0, y1) = _box(xs, ys)
    gx, gy = sweep(x0, x1, GRID), sweep(y0, y1, GRID)
    heights = grid(d.f, d.variables, gx, gy)
    known = finite([value for row in heights for value in row])
    if not known:
        raise PlotError("f has no real value near the iterates")
    low, high = min(known), max(known)
    background = _levels(low, high) if high > low else []
    through = sorted({v for v in finite(d.values[:THROUGH]) if low < v < high})
    z = [gaps(row) for row in heights]

    def paint(ax: Any) -> None:
        if background:
            ax.contour(gx, gy, z, levels=background, colors=GREY, linewidths=0.45)
        if through:
            ax.contour(gx, gy, z, levels=through, colors=PATH, linewidths=0.5, alpha=0.35)
        _path(ax, xs, ys, "p")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(d.variables[0].name)
        ax.set_ylabel(d.variables[1].name, rotation=0, labelpad=6)

    return paint


def _box(xs: Sequence[float], ys: Sequence[float]) -> tuple[tuple[float, float], ...]:
    """Ranges around the points with (about) equal scales on both axes."""
    x0, x1 = span(xs, 0.2, 1.0)
    y0, y1 = span(ys, 0.2, 1.0)
    width, height = x1 - x0, y1 - y0
    if width < height * AXES_RATIO:
        grow = (height * AXES_RATIO - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / AXES_RATIO - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    return (x0, x1), (y0, y1)


def _levels(low: float, high: float) -> list[float]:
    """LEVELS values from low to high, closer together near the bottom (the minimum): for a
    quadratic bowl the contours come out evenly spaced."""
    return [low + (high - low) * (k / (LEVELS + 1)) ** 2 for k in range(1, LEVELS + 1)]


def _path(ax: Any, xs: Sequence[float], ys: Sequence[float], letter: str) -> None:
    """The iterates joined in order, the first steps as arrows, a few of them named."""
    diagonal = math.hypot(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    ax.plot(xs, ys, color=PATH, linewidth=0.7)
    for n in range(min(len(xs) - 1, MAX_ARROWS)):
        start, end = (xs[n], ys[n]), (xs[n + 1], ys[n + 1])
        if math.dist(start, end) > 0.04 * diagonal:
            style = {"arrowstyle": "-|>", "color": PATH, "lw": 1.0, "mutation_scale": 7}
            ax.annotate("", xy=end, xytext=start, arrowprops=style | {"shrinkA": 0, "shrinkB": 2})
    ax.plot(xs, ys, "o", color=PATH, markersize=3)
    placed: list[tuple[float, float]] = []
    for n in [*range(min(len(xs), 4)), len(xs) - 1]:
        point = (xs[n], ys[n])
        if all(math.dist(point, other) > 0.08 * diagonal for other in placed):
            placed.append(point)
            ax.annotate(f"{letter}{subscript(n)}", point, xytext=(3, 3), textcoords="offset points")


def _descent_curve(d: Descent) -> Paint:
    (var,) = d.variables
    xs = [p[0] for p in d.points[:MAX_PATH]]
    function = compile_real(d.f, (var,))
    known = [v if v is not None else function((x,)) for x, v in _padded(xs, d.values)]
    shown = finite(known)
    if len(shown) != len(xs):
        raise PlotError("f has no real value at an iterate")
    lo, hi = span(xs, 0.25, 1.0)
    sx = sweep(lo, hi)
    sy = curve(d.f, var, sx)
    y_lo, y_hi = span(shown + finite(sy[len(sy) // 4 : -len(sy) // 4]), 0.1, 0.5)

    def paint(ax: Any) -> None:
        ax.plot(sx, gaps(_breaks(sy, y_lo, y_hi)), color=INK, label=_name("f", var, d.f))
        ax.set_xlim(lo, hi)
        ax.set_ylim(y_lo, y_hi)
        _path(ax, xs, shown, "x")
        ax.set_xlabel(var.name)
        legend(ax)

    return paint


def _padded(xs: Sequence[float], values: Sequence[float | None]) -> list[tuple[float, Any]]:
    """(x, f(x) from the tree or None) for each iterate (the last may have no row)."""
    return [(x, values[n] if n < len(values) else None) for n, x in enumerate(xs)]


def _breaks(values: Sequence[float | None], lo: float, hi: float) -> list[float | None]:
    """A jump from far above the view to far below it (an asymptote) becomes a gap."""
    out = list(values)
    reach = 3 * (hi - lo)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a is not None and b is not None and abs(a - b) > reach and (a > hi) != (b > hi):
            out[i] = None
    return out


def _name(letter: str, var: sp.Symbol, expr: sp.Basic) -> str:
    """'f(x) = x² − 3' for a legend, or just 'f(x)' when the formula is long."""
    head = f"{letter}({var.name})"
    written = to_text(_rounded(expr))
    return head if len(written) > LABEL_CHARS else f"{head} = {written}"


def _rounded(expr: sp.Basic) -> sp.Basic:
    """Floats to 4 significant digits, for labels."""
    return expr.xreplace({f: sp.Float(f, 4) for f in expr.atoms(sp.Float)})


# -- Newton-Raphson ------------------------------------------------------------------------------


def _newton(root: Step) -> Paint:
    newton = read_newton(root, MAX_TANGENTS)
    steps, var = newton.steps, newton.var
    xs = [x for step in steps for x in (step[0], step[2])]
    lo, hi = span(xs, 0.25, 1e-6 * (1 + max(map(abs, xs))))  # zoomed in on the iterates
    sx = sweep(lo, hi)
    sy = curve(newton.f, var, sx)
    heights = [0.0] + [step[1] for step in steps]
    y_lo, y_hi = span(heights, 0.2, 1e-3 * max(abs(h) for h in heights) or 1.0)

    def paint(ax: Any) -> None:
        ax.axhline(0, color=GREY, linewidth=0.6)
        ax.plot(sx, gaps(_breaks(sy, y_lo, y_hi)), color=INK, label=_name("f", var, newton.f))
        for n, (x, fx, nxt) in enumerate(steps):
            ax.plot([x, x], [0, fx], color=GREY, linewidth=0.7, linestyle=":")
            label = "tangent at xₙ" if n == 0 else None
            ax.plot([x, nxt], [fx, 0], color=ACCENT, linewidth=0.9, label=label)
            ax.plot([x], [fx], "o", color=PATH, markersize=3)
        _axis_labels(ax, [s[0] for s in steps] + [steps[-1][2]], [s[1] for s in steps], hi - lo)
        ax.set_xlim(lo, hi)
        ax.set_ylim(y_lo, y_hi)
        ax.set_xlabel(var.name)
        legend(ax)

    return paint


def _axis_labels(ax: Any, xs: Sequence[float], heights: Sequence[float], width: float) -> None:
    """x₀, x₁, ... on the x-axis, on the side away from the curve; crowded ones left out."""
    placed: list[float] = []
    for n, x in enumerate(xs):
        if any(abs(x - other) < 0.06 * width for other in placed):
            continue
        placed.append(x)
        above = n < len(heights) and heights[n] < 0
        ax.annotate(
            f"x{subscript(n)}",
            (x, 0),
            xytext=(0, 3 if above else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if above else "top",
        )


# -- fits ----------------------------------------------------------------------------------------


def _fit(root: Step) -> Paint:
    fit = read_fit(root)
    lo, hi = span(fit.xs, 0.08, 1e-6 + 0.1 * max(map(abs, fit.xs)))
    sx = sweep(lo, hi)
    sy = curve(fit.curve, fit.var, sx)
    start = None if fit.start is None else curve(fit.start, fit.var, sx)
    errors = fit.sigmas or (0.0,) * len(fit.xs)
    model = finite(curve(fit.curve, fit.var, fit.xs))
    ends = [y + s for y, s in zip(fit.ys, errors, strict=True)] + [
        y - s for y, s in zip(fit.ys, errors, strict=True)
    ]
    y_lo, y_hi = span(ends + model, 0.15, 1e-6 + 0.1 * max(map(abs, ends)))

    def paint(ax: Any) -> None:
        if fit.sigmas is not None:
            ax.errorbar(
                fit.xs, fit.ys, yerr=fit.sigmas, fmt="o", color=INK, markersize=3,
                elinewidth=0.7, capsize=2, label="data ± σ",
            )  # fmt: skip
        else:
            ax.plot(fit.xs, fit.ys, "o", color=INK, markersize=3, label="data")
        if start is not None:
            ax.plot(sx, gaps(start), color=GREY, linewidth=0.9, linestyle="--", label="start")
        ax.plot(sx, gaps(_breaks(sy, y_lo, y_hi)), color=ACCENT, label=_fit_label(fit))
        ax.set_xlim(lo, hi)
        ax.set_ylim(y_lo, y_hi)
        ax.set_xlabel(fit.var.name)
        ax.set_ylabel("y", rotation=0, labelpad=6)
        legend(ax)

    return paint


def _fit_label(fit: Fit) -> str:
    if fit.kind == "line_fit":
        simple = all(q.q <= SIMPLE_DENOMINATOR for q in fit.curve.atoms(sp.Rational))
        shown = fit.curve if simple else _rounded(fit.curve.evalf(6))
        return f"y = {to_text(shown)}"
    values = ", ".join(f"{symbol} = {number(float(value))}" for symbol, value in fit.parameters)
    if fit.kind != "fit_gradient_descent":
        return f"model: {values}"
    return f"after {fit.steps} step{'s' if fit.steps != 1 else ''}: {values}"


# -- Taylor polynomials --------------------------------------------------------------------------


def _taylor(root: Step) -> Paint:
    t = read_taylor(root)
    reach = max([abs(end - t.about) for end in t.interval or ()] + [0.0])
    if t.point is not None:
        reach = max(reach, abs(t.point - t.about))
    half = max(TAYLOR_REACH, 1.5 * reach)
    sx = sweep(t.about - half, t.about + half)
    fy = curve(t.f, t.var, sx)
    py = curve(t.polynomial, t.var, sx)
    y_lo, y_hi = _taylor_heights(fy, t)
    name = "L" if t.linear else f"P{subscript(t.order)}"
    centre = compile_real(t.f, (t.var,))((t.about,))

    def paint(ax: Any) -> None:
        if t.interval is not None:
            ax.axvspan(*t.interval, color=SHADE, linewidth=0, label="interval of the bound")
        ax.plot(sx, gaps(_breaks(fy, y_lo, y_hi)), color=INK, label=_name("f", t.var, t.f))
        ax.plot(
            sx, gaps(_breaks(py, y_lo, y_hi)), color=ACCENT, linestyle="--",
            label=_name(name, t.var, t.polynomial),
        )  # fmt: skip
        if centre is not None:
            ax.plot([t.about], [centre], "o", color=INK, markersize=3)
            ax.annotate("a", (t.about, centre), xytext=(3, -8), textcoords="offset points")
        _estimate(ax, t, y_lo)
        ax.set_xlim(sx[0], sx[-1])
        ax.set_ylim(y_lo, y_hi)
        ax.set_xlabel(t.var.name)
        legend(ax)

    return paint


def _taylor_heights(fy: Sequence[float | None], t: Taylor) -> tuple[float, float]:
    """The range of f on the plot, or (when f shoots off towards an edge) around its middle."""
    values = finite(fy)
    middle = finite(fy[len(fy) // 4 : -len(fy) // 4]) or values
    if not values:
        raise PlotError("f has no real value near a")
    lo, hi = min(values), max(values)
    c_lo, c_hi = min(middle), max(middle)
    if hi - lo > 4 * (c_hi - c_lo) + 1e-9:
        width = max(c_hi - c_lo, 0.5)
        lo, hi = max(lo, c_lo - width), min(hi, c_hi + width)
    extra = [v for v in t.estimate if v is not None]
    return span([lo, hi, *extra], 0.1, 0.5)


def _estimate(ax: Any, t: Taylor, bottom: float) -> None:
    """The estimate point x₁: a dotted line, Pₙ(x₁) and f(x₁) marked."""
    if t.point is None:
        return
    ax.axvline(t.point, color=GREY, linewidth=0.7, linestyle=":")
    estimate, actual = t.estimate
    if estimate is not None:
        ax.plot([t.point], [estimate], "o", color=ACCENT, markersize=3)
    if actual is not None:
        ax.plot([t.point], [actual], "o", color=INK, markersize=3)
    ax.annotate("x₁", (t.point, bottom), xytext=(2, 2), textcoords="offset points")


PLANNERS: dict[str, Callable[[Step], Paint | None]] = {
    "gradient_descent": _descent,
    "newton_raphson": _newton,
    "line_fit": _fit,
    "chi_squared": _fit,
    "fit_gradient_descent": _fit,
    "taylor_polynomial": _taylor,
    "linearisation": _taylor,
}
