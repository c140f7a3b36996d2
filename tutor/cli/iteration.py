"""The iteration solvers' subcommands (see tutor.cli for the protocol):

tutor newton EXPR --x0 X0 [--steps N] [--tol T] [--digits D] [--var x]
tutor descent EXPR --start 1,1 --rate 0.1 [--steps N] [--tol T] [--digits D] [--vars x,y]

both with --format, --detail and --syntax. A negative value is written with '=':
--x0=-1, --start=-1,2.
"""

from __future__ import annotations

import argparse

import sympy as sp

from tutor.cli.common import EXIT_OK, UsageError
from tutor.cli.maths_args import (
    add_output_options,
    emit,
    parse_number,
    parse_point,
    parse_variables,
    positive_int,
    read_expression,
)

NEWTON_MAX_STEPS = 100
DESCENT_MAX_STEPS = 1000
DESCENT_MAX_VARIABLES = 3
MAX_DIGITS = 20
SHOWN_DIGITS = 10


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
    newton = commands.add_parser(
        "newton", help="Newton-Raphson iterations for a root of f(x) = 0, as a table"
    )
    newton.add_argument("expr", help="f(x), calculator text or LaTeX")
    newton.add_argument("--x0", required=True, help="the starting value (--x0=-1 if negative)")
    newton.add_argument("--var", help="the variable (default: the expression's only one)")
    _add_stopping(newton, NEWTON_MAX_STEPS, "20 steps or |x_(n+1) - x_n| < 1e-10")
    add_output_options(newton)
    newton.set_defaults(run=run_newton)

    descent = commands.add_parser(
        "descent", help="gradient descent in 1 to 3 variables, as a table of iterates"
    )
    descent.add_argument("expr", help="f(x, y, ...), calculator text or LaTeX")
    descent.add_argument("--start", required=True, help="the starting point, e.g. 1,1")
    descent.add_argument("--rate", required=True, help="the step size η > 0, e.g. 0.1")
    descent.add_argument("--vars", help="the variables in order, e.g. x,y (default: by name)")
    _add_stopping(descent, DESCENT_MAX_STEPS, "10 steps")
    add_output_options(descent)
    descent.set_defaults(run=run_descent)


def _add_stopping(parser: argparse.ArgumentParser, most: int, default: str) -> None:
    parser.add_argument("--steps", help=f"how many steps (1 to {most}; default {default})")
    parser.add_argument("--tol", help="stop when the change (or |∇f|) is below this")
    parser.add_argument(
        "--digits", help=f"significant figures shown for floats (2 to {MAX_DIGITS}, default 10)"
    )


def _stopping(args: argparse.Namespace, most: int) -> tuple[int | None, sp.Expr | None, int]:
    steps = positive_int(args.steps, "--steps", most) if args.steps is not None else None
    tolerance = None
    if args.tol is not None:
        tolerance = parse_number(args.tol, "--tol")
        if not tolerance.is_positive:
            raise UsageError(f"--tol must be a positive number, not {args.tol!r}")
    digits = SHOWN_DIGITS
    if args.digits is not None:
        digits = positive_int(args.digits, "--digits", MAX_DIGITS)
        if digits < 2:
            raise UsageError(f"--digits must be between 2 and {MAX_DIGITS}, not {digits}")
    return steps, tolerance, digits


def run_newton(args: argparse.Namespace) -> int:
    names = parse_variables(args.var, "--var")
    if names is not None and len(names) != 1:
        raise UsageError("--var takes one variable name, such as x")
    f = read_expression(args.expr, "EXPR", args.syntax, names)
    free = sorted(f.free_symbols, key=lambda symbol: symbol.name)
    var = names[0] if names else (free[0] if len(free) == 1 else None)
    others = [s.name for s in free if s != var]
    if var is None or others:
        found = ", ".join(s.name for s in free) or "no variable"
        raise UsageError(
            f"newton needs an expression in one variable; {args.expr!r} has {found}"
            " (use descent for several variables)"
        )
    x0 = parse_number(args.x0, "--x0")
    steps, tolerance, digits = _stopping(args, NEWTON_MAX_STEPS)
    from tutor.solvers.newton import newton_raphson

    emit(newton_raphson(f, var, x0, steps, tolerance, digits), args)
    return EXIT_OK


def run_descent(args: argparse.Namespace) -> int:
    names = parse_variables(args.vars, "--vars")
    f = read_expression(args.expr, "EXPR", args.syntax, names)
    variables = names or tuple(sorted(f.free_symbols, key=lambda symbol: symbol.name))
    if not variables:
        raise UsageError(f"{args.expr!r} has no variable: there is nothing to descend")
    if len(variables) > DESCENT_MAX_VARIABLES:
        listed = ", ".join(v.name for v in variables)
        raise UsageError(f"descent takes 1 to {DESCENT_MAX_VARIABLES} variables, not {listed}")
    outside = sorted(s.name for s in f.free_symbols - set(variables))
    if outside:
        raise UsageError(f"EXPR has {', '.join(outside)}, which --vars does not list")
    start = parse_point(args.start, "--start", len(variables))
    rate = parse_number(args.rate, "--rate")
    if not rate.is_positive:
        raise UsageError(f"--rate must be a positive number, not {args.rate!r}")
    steps, tolerance, digits = _stopping(args, DESCENT_MAX_STEPS)
    from tutor.solvers.descent import gradient_descent

    emit(gradient_descent(f, variables, start, rate, steps, tolerance, digits), args)
    return EXIT_OK
