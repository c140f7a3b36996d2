"""The Taylor solvers' subcommand (see tutor.cli for the protocol):

tutor taylor EXPR [--at A] [--order N] [--radius R] [--estimate X]   Taylor polynomial, error
tutor taylor EXPR --at A --linear [--estimate X] [--radius R]        linearisation (tangent line)
tutor taylor EXPR --vars x,y --at A,B [--order 1|2 | --linear]       two-variable expansion

Each also takes --format, --detail and --syntax. One variable gives the Taylor polynomial (the
Maclaurin polynomial about 0, the default centre), of order 3 unless --order says (0 to 10);
--radius r adds the Lagrange bound on [a − r, a + r], --estimate x the value of the polynomial
at x with its actual error and the bound between a and x. Two variables (named by --vars, or
the expression's own) give the expansion to order 2 (or 1: the tangent plane). Bad input (an
order out of range, a point with the wrong number of coordinates, a centre where f or a
derivative is undefined, a radius ≤ 0) is a one-line error with exit code 2.
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
    read_expression,
)

MAX_ORDER = 10  # tutor.solvers.taylor_common.MAX_ORDER, not imported so that --help stays fast


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
    parser = commands.add_parser(
        "taylor", help="Taylor/Maclaurin polynomials, linearisation, truncation error"
    )
    parser.add_argument("expr", help="the function, calculator text or LaTeX")
    parser.add_argument(
        "--at", help="the centre a (default 0), or a,b for two variables, such as pi/4 or 1,2"
    )
    parser.add_argument("--order", help=f"the order n, 0 to {MAX_ORDER} (default 3; 2 for x,y)")
    parser.add_argument("--linear", action="store_true", help="the linearisation (order 1)")
    parser.add_argument("--radius", help="bound the error for |x − a| ≤ r (Lagrange)")
    parser.add_argument("--estimate", help="estimate f at this x and compare with f")
    parser.add_argument(
        "--vars", help="the variable, or two for the two-variable expansion, such as x,y"
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    expr, variables = _function(args)
    if len(variables) == 2:
        step = _two_variables(args, expr, variables)
    else:
        step = _one_variable(args, expr, variables[0])
    emit(step, args)
    return EXIT_OK


def _function(args: argparse.Namespace) -> tuple[sp.Expr, tuple[sp.Symbol, ...]]:
    declared = parse_variables(args.vars)
    expr = read_expression(args.expr, "EXPR", args.syntax, declared)
    found = expr.free_symbols
    if declared is not None:
        missing = sorted(s.name for s in found - set(declared))
        if missing:
            raise UsageError(
                f"the expression uses {', '.join(missing)}, which --vars ({args.vars}) does not"
                " list"
            )
        variables = declared
    else:
        variables = tuple(sorted(found, key=lambda s: s.name)) or (sp.Symbol("x", real=True),)
    if len(variables) > 2:
        names = ", ".join(v.name for v in variables)
        raise UsageError(
            f"one or two variables, not {len(variables)} ({names}): name them with --vars"
        )
    return expr, variables


def _order(args: argparse.Namespace, default: int, most: int, least: int = 0) -> int:
    if args.linear:
        if args.order is not None and args.order.strip() != "1":
            raise UsageError("--linear is the expansion of order 1: leave out --order")
        return 1
    if args.order is None:
        return default
    try:
        order = int(args.order)
    except ValueError:
        raise UsageError(f"--order must be a whole number, not {args.order!r}") from None
    if not least <= order <= most:
        raise UsageError(f"--order must be from {least} to {most}, not {order}")
    return order


def _radius(args: argparse.Namespace) -> sp.Expr | None:
    if args.radius is None:
        return None
    radius = parse_number(args.radius, "--radius")
    if not sp.N(radius) > 0:
        raise UsageError(f"--radius must be positive, not {args.radius}")
    return radius


def _one_variable(args: argparse.Namespace, expr: sp.Expr, var: sp.Symbol):
    from tutor.solvers.taylor import linearisation, taylor_polynomial

    about = parse_point(args.at, "--at", 1)[0] if args.at is not None else sp.Integer(0)
    order = _order(args, 3, MAX_ORDER)
    radius = _radius(args)
    point = None if args.estimate is None else parse_number(args.estimate, "--estimate")
    if args.linear:
        return linearisation(expr, var, about, estimate=point, radius=radius)
    return taylor_polynomial(expr, var, about, order, radius=radius, point=point)


def _two_variables(args: argparse.Namespace, expr: sp.Expr, variables: tuple[sp.Symbol, ...]):
    from tutor.solvers.taylor_two import taylor_two_variables

    for option in ("radius", "estimate"):
        if getattr(args, option) is not None:
            raise UsageError(f"--{option} is for one variable; the two-variable expansion has none")
    about = parse_point(args.at, "--at", 2) if args.at is not None else (0, 0)
    order = _order(args, 2, 2, least=1)
    return taylor_two_variables(expr, variables, about, order)
