"""The regression solvers' subcommands (see tutor.cli for the protocol):

tutor fit DATA.csv --model line
tutor fit DATA.csv --model "a exp(b x)" --start 1,0.1 [--params a,b] [--rate 0.001] [--steps 200]
tutor chisq DATA.csv --model "2x + 1"
tutor chisq DATA.csv --model "a x + b" --params a,b --values 2,1

each with --var (the model's variable, default x), --format, --detail and --syntax. The data file
has columns x, y and optionally sigma (tutor.cli.csvdata); with sigma the fit is weighted.
Negative numbers are written with '=': --start=-1,2.
"""

from __future__ import annotations

import argparse

import sympy as sp

from tutor.cli.common import EXIT_OK, UsageError
from tutor.cli.maths_args import (
    add_output_options,
    emit,
    parse_number,
    parse_variables,
    positive_int,
    read_expression,
)

DEFAULT_RATE = "0.001"
DEFAULT_STEPS = 100
MAX_STEPS = 5000  # tutor.solvers.fitting.MAX_STEPS, repeated so that --help imports nothing


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
    fit = commands.add_parser(
        "fit",
        help="fit a model to data from a CSV file: a straight line by the normal equations,"
        " or any model by gradient descent on chi-squared",
    )
    fit.add_argument("data", help="CSV file with columns x, y and optionally sigma")
    fit.add_argument(
        "--model", required=True, help='"line", or a model such as "a exp(b x)" or "a x^2 + b"'
    )
    fit.add_argument("--params", help="the parameters, e.g. a,b (default: all but the variable)")
    fit.add_argument("--start", help="starting values of the parameters, e.g. 1,0.1")
    fit.add_argument("--rate", help=f"the step size η > 0 (default {DEFAULT_RATE})")
    fit.add_argument("--steps", help=f"at most this many steps (1 to {MAX_STEPS}; default 100)")
    fit.add_argument("--var", default="x", help="the model's variable (default x)")
    add_output_options(fit)
    fit.set_defaults(run=run_fit)

    chisq = commands.add_parser(
        "chisq", help="chi-squared of a model on data from a CSV file, point by point"
    )
    chisq.add_argument("data", help="CSV file with columns x, y and optionally sigma")
    chisq.add_argument("--model", required=True, help='the model, e.g. "2x + 1" or "a x + b"')
    chisq.add_argument("--params", help="the model's parameters, e.g. a,b")
    chisq.add_argument("--values", help="the parameters' values, e.g. 2,1")
    chisq.add_argument("--var", default="x", help="the model's variable (default x)")
    add_output_options(chisq)
    chisq.set_defaults(run=run_chisq)


def _model(args: argparse.Namespace) -> tuple[sp.Symbol, tuple[sp.Symbol, ...], sp.Expr]:
    """The variable, the parameters (from --params or the model) and the model, checked."""
    variables = parse_variables(args.var, "--var") or ()
    if len(variables) != 1:
        raise UsageError("--var takes one variable name, such as x or t")
    variable = variables[0]
    params = parse_variables(args.params, "--params")
    names = (variable, *(params or ()))
    model = read_expression(args.model, "--model", args.syntax, names)
    symbols = model.free_symbols
    if variable not in symbols:
        raise UsageError(f"--model must use the variable {variable} (name another with --var)")
    if params is None:
        params = tuple(sorted(symbols - {variable}, key=lambda s: s.name))
    if variable in params:
        raise UsageError(f"--params: {variable} is the variable, not a parameter")
    for p in params:
        if p not in symbols:
            raise UsageError(f"--params: {p} does not appear in the model")
    unknown = sorted(symbols - {variable, *params}, key=lambda s: s.name)
    if unknown:
        names_text = ", ".join(s.name for s in unknown)
        raise UsageError(f"--model uses {names_text}, which is not {variable} and not in --params")
    return variable, params, model


def _numbers(text: str, option: str, params: tuple[sp.Symbol, ...]) -> tuple[sp.Expr, ...]:
    parts = [part.strip() for part in text.strip().strip("()").split(",")]
    if len(parts) != len(params):
        names = ", ".join(p.name for p in params)
        raise UsageError(
            f"{option} needs {len(params)} values (one per parameter {names}), got {len(parts)}"
        )
    return tuple(parse_number(part, option) for part in parts)


def run_fit(args: argparse.Namespace) -> int:
    from tutor.cli.csvdata import read_data

    if args.model.strip().lower() == "line":
        given = [name for name in ("params", "start", "rate", "steps") if getattr(args, name)]
        if given:
            raise UsageError(f"--{given[0]} is for a non-linear model; --model line needs none")
        data = read_data(args.data)
        from tutor.solvers.regression import line_fit

        emit(line_fit(data.x, data.y, data.sigma), args)
        return EXIT_OK
    variable, params, model = _model(args)
    if not params:
        raise UsageError("--model has no parameters to fit; use chisq to evaluate it")
    if args.start is None:
        names = ",".join(p.name for p in params)
        raise UsageError(f"--start is needed for a non-linear model: values for {names}")
    start = _numbers(args.start, "--start", params)
    rate = parse_number(args.rate or DEFAULT_RATE, "--rate")
    if not rate.is_positive:
        raise UsageError(f"--rate must be a positive number, not {args.rate!r}")
    steps = positive_int(args.steps, "--steps", MAX_STEPS) if args.steps else DEFAULT_STEPS
    data = read_data(args.data)
    from tutor.solvers.fitting import gradient_descent_fit

    step = gradient_descent_fit(
        data.x, data.y, model, params, start, rate, steps, data.sigma, variable=variable
    )
    emit(step, args)
    return EXIT_OK


def run_chisq(args: argparse.Namespace) -> int:
    from tutor.cli.csvdata import read_data

    variable, params, model = _model(args)
    if params and args.values is None:
        names = ",".join(p.name for p in params)
        raise UsageError(f"--model has parameters {names}: give their values with --values")
    if args.values is not None and not params:
        raise UsageError("--values needs --params (the model has no parameters)")
    values = {}
    if params:
        values = dict(zip(params, _numbers(args.values, "--values", params), strict=True))
    data = read_data(args.data)
    from tutor.solvers.regression import chi_squared

    emit(chi_squared(data.x, data.y, model, values, variable, data.sigma), args)
    return EXIT_OK
