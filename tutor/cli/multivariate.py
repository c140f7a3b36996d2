"""The multivariate solvers' subcommands (see tutor.cli for the protocol):

tutor partial EXPR --var x [--vars x,y] [--at 1,2]
tutor gradient EXPR [--vars x,y] [--at 1,2]
tutor directional EXPR --direction 3,4 [--vars x,y] [--at 1,2]
tutor jacobian "x^2 y; sin(x y)" [--vars x,y] [--at 1,2]     ';' separates the components
tutor hessian EXPR [--vars x,y] [--at 1,2]

Each also takes --format, --detail and --syntax. Without --vars the variables are the
expression's own, in alphabetical order (the order of --at's coordinates). Bad input (a
variable of the expression missing from --vars, a point or direction of the wrong size, the zero
direction) is a one-line error with exit code 2.
"""

from __future__ import annotations

import argparse

import sympy as sp

from tutor.cli.common import EXIT_OK, UsageError
from tutor.cli.maths_args import (
    add_output_options,
    emit,
    parse_expr_list,
    parse_number,
    parse_variables,
    read_expression,
)

VARS_HELP = "the variables, in order, such as x,y (default: the expression's, alphabetically)"
AT_HELP = "a point, one coordinate per variable, such as 1,2 or 1/2,sqrt(3)"


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
    partial = _parser(commands, "partial", "a partial derivative, the others held constant")
    partial.add_argument("--var", required=True, help="differentiate with respect to this one")
    partial.set_defaults(run=run_partial)
    _parser(commands, "gradient", "the gradient, entry by entry").set_defaults(run=run_gradient)
    directional = _parser(commands, "directional", "the derivative in a direction")
    directional.add_argument(
        "--direction", required=True, help="the direction vector, such as 3,4 (made a unit vector)"
    )
    directional.set_defaults(run=run_directional)
    jacobian = _parser(commands, "jacobian", "the Jacobian matrix, entry by entry")
    jacobian.set_defaults(run=run_jacobian)
    hessian = _parser(commands, "hessian", "the Hessian matrix of second partial derivatives")
    hessian.set_defaults(run=run_hessian)


def _parser(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text)
    what = "the components f1; f2; ... (or one expression)" if name == "jacobian" else ""
    parser.add_argument("expr", help=what or "the function, calculator text or LaTeX")
    parser.add_argument("--vars", help=VARS_HELP)
    parser.add_argument("--at", help=AT_HELP)
    add_output_options(parser)
    return parser


# -- reading the arguments --------------------------------------------------------------------


def read_function(
    args: argparse.Namespace, many: bool = False
) -> tuple[list[sp.Expr], tuple[sp.Symbol, ...]]:
    """The expression(s) and the variables; every variable of the expression must be declared."""
    declared = parse_variables(args.vars)
    if many:
        functions = parse_expr_list(args.expr, "EXPR", args.syntax, declared)
    else:
        functions = [read_expression(args.expr, "EXPR", args.syntax, declared)]
    found = set().union(*(f.free_symbols for f in functions))
    if declared is None:
        variables = tuple(sorted(found, key=lambda symbol: symbol.name))
        if not variables and not getattr(args, "var", None):
            raise UsageError("the expression has no variables: name them with --vars, such as x,y")
        return functions, variables
    missing = sorted((s.name for s in found - set(declared)), key=str)
    if missing:
        listed = ", ".join(missing)
        raise UsageError(f"the expression uses {listed}, which --vars ({args.vars}) does not list")
    return functions, declared


def numbers(text: str, option: str, size: int) -> tuple[sp.Expr, ...]:
    """'1,2', '(1, sqrt(2))': `size` real numbers separated by commas outside brackets."""
    parts = _split(_unwrap(text.strip()))
    if any(not part for part in parts):
        raise UsageError(f"{option} takes numbers separated by commas, such as 1,2")
    if len(parts) != size:
        raise UsageError(
            f"{option} needs {size} coordinate{'s' if size != 1 else ''} (one per variable),"
            f" got {len(parts)}"
        )
    return tuple(parse_number(part, option) for part in parts)


def _unwrap(text: str) -> str:
    """Drop one pair of brackets around the whole list: (1, 2) -> 1, 2; (1)+(2) stays."""
    if len(text) < 2 or text[0] not in "([" or text[-1] not in ")]":
        return text
    depth = 0
    for index, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and index < len(text) - 1:
            return text
    return text[1:-1]


def _split(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _with_point(step, args: argparse.Namespace, variables: tuple[sp.Symbol, ...]):
    if args.at is None:
        return step
    from tutor.solvers.multivariate import at_point

    return at_point(step, numbers(args.at, "--at", len(variables)))


# -- running ----------------------------------------------------------------------------------


def run_partial(args: argparse.Namespace) -> int:
    from tutor.solvers.multivariate import partial_derivative

    named = parse_variables(args.var, "--var") or ()
    if len(named) != 1:
        raise UsageError(f"--var takes one variable name, not {args.var!r}")
    var = named[0]
    declared = parse_variables(args.vars)
    (f,), variables = read_function(args)
    if declared is not None and var not in declared:
        raise UsageError(f"--var {var} is not one of --vars ({args.vars})")
    if declared is None:
        if var not in variables:
            names = ", ".join(v.name for v in variables) or "none"
            raise UsageError(
                f"--var {var}: the expression has no {var} (its variables: {names});"
                " list it in --vars to differentiate with respect to it anyway"
            )
    step = partial_derivative(f, var, variables)
    emit(_with_point(step, args, step.details["variables"]), args)
    return EXIT_OK


def run_gradient(args: argparse.Namespace) -> int:
    from tutor.solvers.multivariate import gradient

    (f,), variables = read_function(args)
    emit(_with_point(gradient(f, variables), args, variables), args)
    return EXIT_OK


def run_directional(args: argparse.Namespace) -> int:
    from tutor.solvers.directional import directional_derivative

    (f,), variables = read_function(args)
    direction = numbers(args.direction, "--direction", len(variables))
    at = None if args.at is None else numbers(args.at, "--at", len(variables))
    emit(directional_derivative(f, direction, variables, at), args)
    return EXIT_OK


def run_jacobian(args: argparse.Namespace) -> int:
    from tutor.solvers.multivariate import jacobian

    functions, variables = read_function(args, many=True)
    step = jacobian(functions if len(functions) > 1 else functions[0], variables)
    emit(_with_point(step, args, variables), args)
    return EXIT_OK


def run_hessian(args: argparse.Namespace) -> int:
    from tutor.solvers.multivariate import hessian

    (f,), variables = read_function(args)
    emit(_with_point(hessian(f, variables), args, variables), args)
    return EXIT_OK
