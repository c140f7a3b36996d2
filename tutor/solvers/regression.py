"""Week 6: chi-squared and the straight-line least-squares fit, every step derived or computed.

- `chi_squared(data_x, data_y, model, params_values, variable, sigma=None)`: χ² = Σ ((yᵢ −
  f(xᵢ))/σᵢ)², one `evaluate` row per point (kind matrix: the column of contributions), their sum
  (rewrite) and the reduced χ²/ν with ν = n − (number of parameters) when ν > 0.
- `line_fit(data_x, data_y, sigma=None)`: y = m x + c by least squares. The general term
  (yᵢ − m xᵢ − c)²/σᵢ² is differentiated by the engine with respect to m and c, the sums of the
  derivatives set to zero give the normal equations, the sums are computed from the data, the
  2×2 system is solved by Cramer's rule (Δ = S Sₓₓ − Sₓ²), and χ² is evaluated at the fit; with
  uncertainties, σ_m and σ_c come from the inverse of the curvature matrix.

Data are exact (integers, rationals, surds) or floats: exact data give exact results, anything
else is computed at WORKING_DIGITS and carries details["digits"] (tutor.solvers.numbers). Without
σ every σᵢ is 1 (details["weighted"] is False). Invalid requests (fewer than 2 points for a line,
all x equal, σ ≤ 0, lengths that differ) raise ValueError in one line. tutor.solvers.fitting
shares `prepare_data`, `point_symbols`, `check_model` and `general_term` from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import mpmath
import sympy as sp

from tutor.solvers.common import matrix_step, partial
from tutor.solvers.fitting_numeric import compile_numeric, numeric
from tutor.solvers.numbers import SHOWN_DIGITS, WORKING_DIGITS, all_exact, small_exact, to_float
from tutor.steps import Step
from tutor.steps.values import as_value

MAX_POINTS = 10_000
EXPAND_LIMIT = 60  # operations: an exact value bigger than this is not expanded (floats instead)


def _real(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


M, C, X = _real("m"), _real("c"), _real("x")
S, SX, SY, SXX, SXY = (_real(name) for name in ("S", "S_x", "S_y", "S_xx", "S_xy"))
N_POINTS, CHI2, NU = _real("n"), _real("chi^2"), _real("nu")
SUMMANDS = ((S, "1"), (SX, "x"), (SY, "y"), (SXX, "xx"), (SXY, "xy"))


def _node(rule, expr, result, children=(), kind="evaluate", details=None, var=None) -> Step:
    return Step(rule, expr, var, result, tuple(children), kind, details or {})


@dataclass(frozen=True)
class Data:
    """Validated points: exact sympy numbers, or Floats at WORKING_DIGITS when any value is not."""

    xs: tuple
    ys: tuple
    sigmas: tuple | None
    exact: bool

    @property
    def n(self) -> int:
        return len(self.xs)

    @property
    def weighted(self) -> bool:
        return self.sigmas is not None

    @property
    def digits(self) -> dict:
        return {} if self.exact else {"digits": SHOWN_DIGITS}


def number_text(value: sp.Basic) -> str:
    """A number for a one-line message: 3, 3/2, 0.25 (floats to 10 significant digits)."""
    return str(value) if isinstance(value, sp.Rational) else f"{float(value):.10g}"


def _column(values: Sequence, name: str) -> tuple:
    column = []
    for index, raw in enumerate(values, start=1):
        try:
            value = as_value(raw)
        except TypeError:
            raise ValueError(f"{name} value {index} is not a number: {raw!r}") from None
        real = isinstance(value, sp.Expr) and not value.free_symbols and value.is_extended_real
        if not real or not value.is_finite:
            raise ValueError(f"{name} value {index} is not a finite real number: {value}")
        column.append(value)
    return tuple(column)


def prepare_data(data_x: Sequence, data_y: Sequence, sigma: Sequence | None, least: int) -> Data:
    """The points as sympy numbers, checked: equal lengths, `least` to MAX_POINTS points, σ > 0."""
    if max(len(data_x), len(data_y)) > MAX_POINTS:
        raise ValueError(f"at most {MAX_POINTS} data points are allowed, got {len(data_x)}")
    xs, ys = _column(data_x, "x"), _column(data_y, "y")
    if len(xs) != len(ys):
        raise ValueError(f"x has {len(xs)} values but y has {len(ys)}: they must pair up")
    if len(xs) < least:
        raise ValueError(f"at least {least} data points are needed, got {len(xs)}")
    sigmas = None if sigma is None else _column(sigma, "sigma")
    if sigmas is not None and len(sigmas) != len(xs):
        raise ValueError(f"sigma has {len(sigmas)} values but there are {len(xs)} points")
    for index, value in enumerate(sigmas or (), start=1):
        if not value.is_positive:
            raise ValueError(f"sigma value {index} is {value}: uncertainties must be positive")
    if all_exact(xs, ys, sigmas or ()):
        return Data(xs, ys, sigmas, True)
    floats = None if sigmas is None else tuple(map(to_float, sigmas))
    return Data(tuple(map(to_float, xs)), tuple(map(to_float, ys)), floats, False)


def point_symbols(variable: sp.Symbol) -> tuple[sp.Symbol, sp.Symbol, sp.Symbol]:
    """xᵢ, yᵢ, σᵢ: the symbols of the general term (xᵢ named after the model's variable)."""
    if variable.name in ("y", "sigma"):
        raise ValueError(f"the model's variable may not be called {variable.name}")
    return _real(f"{variable.name}_i"), _real("y_i"), _real("sigma_i")


def check_model(model: sp.Basic, variable: sp.Symbol, parameters: Sequence[sp.Symbol]) -> None:
    """Every symbol of the model is the variable or a parameter; no parameter is the variable."""
    if not isinstance(model, sp.Expr):
        raise ValueError("the model must be an expression in the variable and the parameters")
    if variable in parameters:
        raise ValueError(f"{variable} is the variable, so it cannot also be a parameter")
    unknown = sorted(model.free_symbols - {variable, *parameters}, key=lambda s: s.name)
    if unknown:
        names = ", ".join(s.name for s in unknown)
        raise ValueError(f"the model uses {names}, which is neither {variable} nor a parameter")
    clashes = sorted(map(str, set(point_symbols(variable)) & set(parameters)))
    if clashes:
        raise ValueError(f"a parameter may not be called {clashes[0]}")


def general_term(model: sp.Expr, variable: sp.Symbol, weighted: bool) -> sp.Expr:
    """(yᵢ − f(xᵢ))²/σᵢ², or (yᵢ − f(xᵢ))² when every σᵢ is 1."""
    xi, yi, si = point_symbols(variable)
    term = (yi - model.xreplace({variable: xi})) ** 2
    return term / si**2 if weighted else term


def _exact(value: sp.Basic) -> sp.Basic | None:
    """An exact value in expanded form while it stays small, else None (floats then)."""
    if not isinstance(value, sp.Rational):
        if sp.count_ops(value) > EXPAND_LIMIT or value.has(sp.zoo, sp.nan, sp.I):
            return None
        value = sp.expand(value)
    return value if small_exact(value) else None


# -- chi-squared -------------------------------------------------------------------------------


def chi_squared(
    data_x: Sequence,
    data_y: Sequence,
    model: sp.Expr,
    params_values: Mapping[sp.Symbol, object] | None,
    variable: sp.Symbol,
    sigma: Sequence | None = None,
) -> Step:
    """χ² of `model` (in `variable`, with the parameters set to `params_values`) on the data."""
    data = prepare_data(data_x, data_y, sigma, least=1)
    values = {symbol: as_value(value) for symbol, value in dict(params_values or {}).items()}
    check_model(model, variable, tuple(values))
    rows, total = _rows(data, model, variable, values)
    digits = {} if rows[0][3] is None else {"digits": SHOWN_DIGITS}
    table = _table(data, general_term(model, variable, data.weighted), variable, values, rows)
    contributions = [row[2] for row in rows]
    summed = _node("chi_squared_sum", sp.Add(*contributions, evaluate=False), total, (), "rewrite")
    children, dof, reduced = [table, summed], data.n - len(values), None
    if dof > 0:
        reduced = total / dof if not digits else to_float(total / dof)
        at = {CHI2: total, NU: sp.Integer(dof)}
        details = {"at": at, "n": data.n, "dof": dof, **digits}
        children.append(_node("reduced_chi_squared", CHI2 / NU, reduced, (), "evaluate", details))
    details = {"model": model, "variable": variable, "values": tuple(values.items())}
    details |= {"n": data.n, "weighted": data.weighted, "dof": dof, "reduced": reduced, **digits}
    return _node("chi_squared", table.expr, total, children, "solution", details)


def _table(data: Data, term: sp.Expr, variable: sp.Symbol, values: dict, rows: list) -> Step:
    """One `chi_squared_term` row per point: the general term at (xᵢ, yᵢ, σᵢ, parameters)."""
    xi, yi, si = point_symbols(variable)
    digits = {} if rows[0][3] is None else {"digits": SHOWN_DIGITS}
    steps = []
    for index, (f_value, residual, contribution, _) in enumerate(rows):
        at = {xi: data.xs[index], yi: data.ys[index], **values}
        if data.sigmas is not None:
            at[si] = data.sigmas[index]
        details = {"at": at, "index": index + 1, "model_value": f_value, "residual": residual}
        steps.append(
            _node("chi_squared_term", term, contribution, (), "evaluate", details | digits)
        )
    return matrix_step("chi_squared_table", term, steps, (data.n, 1), digits)


def _rows(data: Data, model: sp.Expr, variable: sp.Symbol, values: dict) -> tuple[list, sp.Basic]:
    """(f(xᵢ), residual, contribution, digits) per point and χ²: exact while every value stays
    small, else all in floats (digits = SHOWN_DIGITS)."""
    sigmas = data.sigmas or (sp.Integer(1),) * data.n
    if data.exact and all_exact(*values.values()):
        rows = []
        for x, y, s in zip(data.xs, data.ys, sigmas, strict=True):
            f_value = _exact(model.xreplace({variable: x, **values}))
            residual = None if f_value is None else _exact(y - f_value)
            contribution = None if residual is None else _exact((residual / s) ** 2)
            if contribution is None:
                break
            rows.append((f_value, residual, contribution, None))
        total = _exact(sum((row[2] for row in rows), sp.Integer(0)))
        if len(rows) == data.n and total is not None:
            return rows, total
    f = compile_numeric(model, (variable, *values))
    rows, total = [], 0
    with mpmath.workdps(WORKING_DIGITS):
        fixed = [numeric(value) for value in values.values()]
        for x, y, s in zip(data.xs, data.ys, sigmas, strict=True):
            try:
                f_value = f([numeric(x), *fixed])
            except ArithmeticError:  # Undefined among them
                where = f"{variable} = {number_text(x)}"
                raise ValueError(f"the model has no real value at {where}") from None
            residual = numeric(y) - f_value
            contribution = (residual / numeric(s)) ** 2
            total += contribution
            rows.append((*map(_float, (f_value, residual, contribution)), SHOWN_DIGITS))
    return rows, _float(total)


def _float(value) -> sp.Float:
    return sp.Float(value, WORKING_DIGITS)


# -- the straight line -------------------------------------------------------------------------


def line_fit(data_x: Sequence, data_y: Sequence, sigma: Sequence | None = None) -> Step:
    """y = m x + c by least squares: normal equations derived, sums, Cramer's rule, χ²."""
    data = prepare_data(data_x, data_y, sigma, least=2)
    if len(set(data.xs)) == 1:
        raise ValueError(
            f"all x values are equal (x = {number_text(data.xs[0])}): the slope of a straight"
            " line through them is undefined"
        )
    gradient = _term_gradient(data.weighted)
    sums = _sums(data)
    system = _system(sums, data)
    ((m_value, c_value),) = system.result
    fit = chi_squared(data.xs, data.ys, M * X + C, {M: m_value, C: c_value}, X, data.sigmas)
    children = [gradient, _normal_equations(data.weighted), sums, system, fit]
    details = {"m": m_value, "c": c_value, "n": data.n, "weighted": data.weighted}
    details |= {"variable": X, "chi2": fit.result, **data.digits}
    if data.weighted:
        children.append(_uncertainties(sums, data.digits))
        details["m_error"], details["c_error"] = children[-1].result
    return _node("line_fit", M * X + C, m_value * X + c_value, children, "solution", details)


@cache
def _term_gradient(weighted: bool) -> Step:
    """∂/∂m and ∂/∂c of the general term, each derived by the engine, then regrouped."""
    xi, yi, si = point_symbols(X)
    term = general_term(M * X + C, X, weighted)
    inner = sp.Add(yi, -M * xi, -C, evaluate=False)
    scale = (sp.Pow(si, -2),) if weighted else ()
    entries = []
    for variable, factor in ((M, (xi,)), (C, ())):
        derived = partial(term, variable, (M, C))
        regrouped = sp.Mul(-2, *factor, inner, *scale, evaluate=False)
        regroup = _node("line_fit_regroup", derived.result, regrouped, (), "rewrite")
        children = (derived, regroup)
        entries.append(
            _node("line_fit_term_partial", term, regrouped, children, "sequence", var=variable)
        )
    return matrix_step("line_fit_gradient", term, entries, (2, 1), {"weighted": weighted})


def _summand(kind: str, x: sp.Basic, y: sp.Basic, weight: sp.Basic) -> sp.Basic:
    return weight * {"1": 1, "x": x, "y": y, "xx": x * x, "xy": x * y}[kind]


@cache
def _normal_equations(weighted: bool) -> Step:
    """Σ of each derivative = 0, split term by term: m Sₓₓ + c Sₓ = Sₓᵧ, m Sₓ + c S = S_y."""
    xi, yi, si = point_symbols(X)
    weight = si**-2 if weighted else sp.Integer(1)
    entries = _term_gradient(weighted).children
    splits = []
    for entry, factor in zip(entries, (xi, sp.Integer(1)), strict=True):
        parts = (factor * yi * weight, -M * factor * xi * weight, -C * factor * weight)
        written = sp.Mul(-2, sp.Add(*parts, evaluate=False), evaluate=False)
        splits.append(_node("line_fit_split", entry.result, written, (), "rewrite"))
    count = S if weighted else N_POINTS
    equations = sp.Tuple(sp.Eq(M * SXX + C * SX, SXY), sp.Eq(M * SX + C * count, SY))
    sums = tuple(
        (count if symbol == S else symbol, _summand(kind, xi, yi, weight))
        for symbol, kind in SUMMANDS
    )
    details = {"sums": sums, "weighted": weighted, "unknowns": (M, C)}
    expr = sp.Tuple(*(entry.result for entry in entries))
    return _node("line_fit_normal_equations", expr, equations, splits, "solution", details)


def _sums(data: Data) -> Step:
    """S (or n), Sₓ, S_y, Sₓₓ, Sₓᵧ from the data, each an explicit sum of its terms."""
    weights = [s**-2 for s in data.sigmas] if data.sigmas else [sp.Integer(1)] * data.n
    children = []
    for symbol, kind in SUMMANDS:
        if symbol == S and not data.weighted:
            terms, total, name = [sp.Integer(1)] * data.n, sp.Integer(data.n), N_POINTS
        else:
            points = zip(data.xs, data.ys, weights, strict=True)
            terms = [_tidy(_summand(kind, x, y, w), data.exact) for x, y, w in points]
            total, name = _tidy(sum(terms, sp.Integer(0)), data.exact), symbol
        details = {"name": name, "kind": kind}
        children.append(
            _node("line_fit_sum", sp.Add(*terms, evaluate=False), total, (), "rewrite", details)
        )
    details = {"weighted": data.weighted, **data.digits}
    expr = sp.Tuple(*(s for s, _ in SUMMANDS))
    return matrix_step("line_fit_sums", expr, children, (5, 1), details)


def _tidy(value: sp.Basic, exact: bool) -> sp.Basic:
    if not exact:
        return to_float(value)
    return value if isinstance(value, sp.Rational) else sp.expand(value)


def _evaluated(rule: str, expr: sp.Basic, at: dict, digits: dict) -> Step:
    value = expr.xreplace(at)
    if digits:
        value = to_float(value)
    elif isinstance(value, sp.MatrixBase):
        value = sp.ImmutableMatrix(value.applyfunc(lambda v: sp.radsimp(sp.expand(v))))
    else:
        value = sp.radsimp(sp.expand(value))
    return _node(rule, expr, value, (), "evaluate", {"at": at, **digits})


def _system(sums: Step, data: Data) -> Step:
    """The normal equations with the sums put in, solved by Cramer's rule."""
    at = {symbol: child.result for (symbol, _), child in zip(SUMMANDS, sums.children, strict=True)}
    delta = S * SXX - SX**2
    determinant = _evaluated("line_fit_determinant", delta, at, data.digits)
    if determinant.result == 0 or abs(determinant.result) <= 1e-24 * abs(at[S] * at[SXX]):
        raise ValueError(
            "the x values are all equal (to within rounding): the slope of a straight line"
            " through them is undefined"
        )
    slope = _evaluated("line_fit_slope", (S * SXY - SX * SY) / delta, at, data.digits)
    intercept = _evaluated("line_fit_intercept", (SXX * SY - SX * SXY) / delta, at, data.digits)
    equations = sp.Tuple(
        sp.Eq(M * at[SXX] + C * at[SX], at[SXY]), sp.Eq(M * at[SX] + C * at[S], at[SY])
    )
    result = sp.Tuple(sp.Tuple(slope.result, intercept.result))
    details = {"unknowns": (M, C), "weighted": data.weighted, **data.digits}
    children = (determinant, slope, intercept)
    return _node("line_fit_system", equations, result, children, "solve", details)


@cache
def _second_partials() -> Step:
    """The 2×2 second partial derivatives of the (weighted) general term."""
    entries = _term_gradient(True).children
    seconds = [partial(e.children[0].result, v, (M, C)) for e in entries for v in (M, C)]
    return matrix_step("line_fit_second_partials", _term_gradient(True).expr, seconds, (2, 2))


def _uncertainties(sums: Step, digits: dict) -> Step:
    """σ_m, σ_c from C = α⁻¹, α = ½ ∂²χ²/∂(m, c)² (second partials of the general term)."""
    at = {symbol: child.result for (symbol, _), child in zip(SUMMANDS, sums.children, strict=True)}
    alpha = sp.ImmutableMatrix([[SXX, SX], [SX, S]])
    delta = S * SXX - SX**2
    covariance = sp.ImmutableMatrix([[S, -SX], [-SX, SXX]]) / delta
    steps = [
        _second_partials(),
        _evaluated("line_fit_curvature_matrix", alpha, at, digits),
        _evaluated("line_fit_covariance", covariance, at, digits),
        _evaluated("line_fit_slope_error", sp.sqrt(S / delta), at, digits),
        _evaluated("line_fit_intercept_error", sp.sqrt(SXX / delta), at, digits),
    ]
    result = sp.Tuple(steps[3].result, steps[4].result)
    return _node("line_fit_uncertainties", alpha, result, steps, "solution", digits)
