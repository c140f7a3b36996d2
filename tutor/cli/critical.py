"""The critical-point subcommands (see tutor.cli for the protocol):

tutor stationary "x^3 - 3x + y^2" [--vars x,y]
tutor lagrange "x y" --constraint "x^2 + y^2 - 1" [--constraint "x + z = 1"] [--vars x,y]

Each also takes --format, --detail and --syntax. A constraint is an expression equal to zero or
an equation with one '='. Without --vars the variables are the expressions' own, alphabetically.
Bad input (more than two constraints, more than three variables, an unreadable constraint, a
variable missing from --vars) is a one-line error with exit code 2.
"""

from __future__ import annotations

import argparse

import sympy as sp

from tutor.cli.common import EXIT_OK, UsageError
from tutor.cli.maths_args import add_output_options, emit, parse_variables, read_expression

MAX_VARIABLES = 3
MAX_CONSTRAINTS = 2
VARS_HELP = "the variables, in order, such as x,y (default: the expressions', alphabetically)"


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
    stationary = commands.add_parser(
        "stationary", help="stationary points, classified with the Hessian"
    )
    stationary.add_argument("expr", help="the function f, calculator text or LaTeX")
    stationary.add_argument("--vars", help=VARS_HELP)
    add_output_options(stationary)
    stationary.set_defaults(run=run_stationary)
    lagrange = commands.add_parser(
        "lagrange", help="extreme values under equality constraints (Lagrange multipliers)"
    )
    lagrange.add_argument("expr", help="the function f to maximise and minimise")
    lagrange.add_argument(
        "--constraint",
        action="append",
        required=True,
        help="g = 0 as 'x^2 + y^2 - 1' or 'x^2 + y^2 = 1'; give it once or twice",
    )
    lagrange.add_argument("--vars", help=VARS_HELP)
    add_output_options(lagrange)
    lagrange.set_defaults(run=run_lagrange)


def _variables(args, expressions: list[sp.Expr], declared) -> tuple[sp.Symbol, ...]:
    found = set().union(*(e.free_symbols for e in expressions))
    if declared is None:
        variables = tuple(sorted(found, key=lambda symbol: symbol.name))
    else:
        missing = sorted(s.name for s in found - set(declared))
        if missing:
            raise UsageError(f"--vars does not name {', '.join(missing)}, which the input uses")
        variables = declared
    if not variables:
        raise UsageError("the function has no variables: name them with --vars, such as x,y")
    if len(variables) > MAX_VARIABLES:
        names = ", ".join(v.name for v in variables)
        raise UsageError(f"at most {MAX_VARIABLES} variables, not {len(variables)} ({names})")
    return variables


def _constraint(text: str, syntax: str, declared) -> sp.Basic:
    """'g' or 'lhs = rhs' (one '=', not '<=', '>=' or '==')."""
    option = "--constraint"
    if text.count("=") > 1 or any(op in text for op in ("<", ">", "!=")):
        raise UsageError(f"{option} takes an expression or one equation with '=', not {text!r}")
    if "=" in text:
        left, right = (part.strip() for part in text.split("="))
        if not left or not right:
            raise UsageError(f"{option}: both sides of {text!r} are needed")
        lhs = read_expression(left, option, syntax, declared)
        rhs = read_expression(right, option, syntax, declared)
        return sp.Eq(lhs, rhs, evaluate=False)
    return read_expression(text, option, syntax, declared)


def run_stationary(args: argparse.Namespace) -> int:
    from tutor.solvers.stationary import stationary_points

    declared = parse_variables(args.vars)
    f = read_expression(args.expr, "EXPR", args.syntax, declared)
    variables = _variables(args, [f], declared)
    emit(stationary_points(f, variables), args)
    return EXIT_OK


def run_lagrange(args: argparse.Namespace) -> int:
    from tutor.solvers.lagrange import lagrange

    if len(args.constraint) > MAX_CONSTRAINTS:
        raise UsageError(f"at most {MAX_CONSTRAINTS} constraints, not {len(args.constraint)}")
    declared = parse_variables(args.vars)
    f = read_expression(args.expr, "EXPR", args.syntax, declared)
    constraints = [_constraint(text, args.syntax, declared) for text in args.constraint]
    sides = [c.lhs - c.rhs if isinstance(c, sp.Eq) else c for c in constraints]
    variables = _variables(args, [f, *sides], declared)
    emit(lagrange(f, constraints, variables), args)
    return EXIT_OK
