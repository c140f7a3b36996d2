"""The week-3 subcommands (see tutor.cli for the protocol):

tutor chain "x^2 y" --sub "x=cos t; y=sin t" [--var t]
    the total derivative df/dt as a sum over the paths of the dependency graph; substitutions
    may nest (x = u v; u = t^2; v = sin t) and may leave several final variables (x = s t;
    y = s + t; --var s gives the partial derivative ∂f/∂s).
tutor chain --matrix "x^2 y; x + y" --sub "x=cos t; y=sin t" [--var t]
    the chain rule in matrix form J_h = J_f(g) J_g: EXPR lists f's components, the
    substitutions define g (one level, in the outer variables), --var lists the outer
    variables (default: the substitutions' variables, alphabetically).
tutor backprop [--layers 1|2|3] [--activation logistic|tanh]
    the symbolic chain for one neuron per layer, and the matrix formulas;
tutor backprop --numeric | --weights M [--weights M2] [--biases V ...] --input V --target V
    a forward and a backward pass with numbers. Matrices are rows separated by ';', entries
    by ',' ("0.5,-0.3; 0.8,0.2"); give --weights and --biases once per layer, first layer
    first. Without --weights the example network (2 inputs, 2 hidden neurons, 1 output) is
    used, with any of --biases, --input, --target given replacing its values.

Each also takes --format, --detail and --syntax. Bad input (a substitution that is not
name=expr, a cycle among the substitutions, sizes that do not fit, an unknown activation) is a
one-line error with exit code 2.
"""

from __future__ import annotations

import argparse

import sympy as sp

from tutor.cli.common import EXIT_OK, UsageError
from tutor.cli.maths_args import (
    MAX_ITEMS,
    add_output_options,
    emit,
    parse_expr_list,
    parse_number,
    parse_variables,
    positive_int,
    read_expression,
)

SUB_HELP = "the substitutions name=expr separated by ';', such as 'x=cos t; y=sin t'"
VAR_HELP = (
    "the variable to differentiate by (default: the only one the substitutions leave);"
    " with --matrix, the outer variables such as s,t"
)
MATRIX_HELP = "the chain rule in matrix form: EXPR lists f's components separated by ';'"
MAX_NEURONS = 6
CHAIN_EXAMPLES = """examples:
  tutor chain "x^2 y" --sub "x=cos t; y=sin t"            paths f -> x -> t and f -> y -> t
  tutor chain "x^2 + x y" --sub "x=u v; y=u+v; u=t^2; v=sin t"   two levels
  tutor chain "x y" --sub "x=s t; y=s+t" --var s           a partial derivative df/ds
  tutor chain --matrix "x^2 y; x+y" --sub "x=cos t; y=sin t"     J_h = J_f(g(t)) J_g(t)"""
BACKPROP_EXAMPLES = """examples:
  tutor backprop --layers 1 --activation tanh    the chain dC/dw = dC/da da/dz dz/dw
  tutor backprop --numeric                       the example network: W1 = 0.5,-0.3; 0.8,0.2
                        b1 = 0.1,-0.1  W2 = 0.7,-0.4  b2 = 0.05  a0 = 1,0.5  y = 1
  tutor backprop --weights "1,2; 3,4" --weights "1,-1" --biases "0,0" --biases 0.5 \\
                 --input 1,0 --target 1 --activation tanh --detail full"""

# The example networks: 2 inputs, then 2 neurons per hidden layer and 1 output (one layer: 2).
EXAMPLES = {
    1: (("0.5,-0.3; 0.8,0.2",), ("0.1,-0.1",), "1,0.5", "1,0"),
    2: (("0.5,-0.3; 0.8,0.2", "0.7,-0.4"), ("0.1,-0.1", "0.05"), "1,0.5", "1"),
    3: (
        ("0.5,-0.3; 0.8,0.2", "0.7,-0.4; 0.3,0.9", "0.6,-0.2"),
        ("0.1,-0.1", "0.05,-0.2", "0.1"),
        "1,0.5",
        "1",
    ),
}


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
    chain = commands.add_parser(
        "chain",
        help="the multivariate chain rule: total derivative over paths, or the matrix form",
        description="The total derivative df/dt of f(x(t), y(t), ...) as a sum over the paths"
        " of the dependency graph, or with --matrix the chain rule J_h = J_f(g) J_g.",
        epilog=CHAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chain.add_argument("expr", help="f in the intermediate variables (with --matrix: f1; f2; ...)")
    chain.add_argument("--sub", required=True, help=SUB_HELP)
    chain.add_argument("--var", help=VAR_HELP)
    chain.add_argument("--matrix", action="store_true", help=MATRIX_HELP)
    add_output_options(chain)
    chain.set_defaults(run=run_chain)
    backprop = commands.add_parser(
        "backprop",
        help="backpropagation through a small network: symbolic, or with numbers",
        description="Backpropagation for a = σ(W a + b), C = Σ (a - y)^2: the symbolic chain"
        " for one neuron per layer, or (with values, or --numeric for the example network) a"
        " forward-pass table and a backward-pass table. Matrices: rows separated by ';',"
        " entries by ',', such as '0.5,-0.3; 0.8,0.2'; --weights and --biases once per layer.",
        epilog=BACKPROP_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    backprop.add_argument("--layers", help="1, 2 or 3 layers (default 2, or one per --weights)")
    backprop.add_argument("--activation", choices=("logistic", "tanh"), default="logistic")
    backprop.add_argument("--numeric", action="store_true", help="the example network's numbers")
    backprop.add_argument("--weights", action="append", help="a layer's weight matrix W")
    backprop.add_argument("--biases", action="append", help="a layer's bias vector b")
    backprop.add_argument("--input", help="the input a0, such as 1,0.5")
    backprop.add_argument("--target", help="the target y, such as 1")
    backprop.add_argument("--digits", default="6", help="significant digits shown (default 6)")
    add_output_options(backprop)
    backprop.set_defaults(run=run_backprop)


# -- chain ------------------------------------------------------------------------------------


def parse_substitutions(
    text: str, syntax: str, extra: tuple[sp.Symbol, ...] = ()
) -> dict[sp.Symbol, sp.Expr]:
    """'x=cos t; y=sin t' -> {x: cos t, y: sin t}, in the order given."""
    parts = [part.strip() for part in text.split(";")]
    if any(not part for part in parts) or len(parts) > MAX_ITEMS:
        raise UsageError(f"--sub takes 1 to {MAX_ITEMS} substitutions name=expr separated by ';'")
    pairs = []
    for part in parts:
        name, sign, expr = part.partition("=")
        if not sign or "=" in expr or not name.strip() or not expr.strip():
            raise UsageError(f"--sub: {part!r} is not name=expr, such as x=cos t")
        pairs.append((name.strip(), expr.strip()))
    names = parse_variables(",".join(name for name, _ in pairs), "--sub")
    assert names is not None
    declared = names + extra
    return {
        symbol: read_expression(expr, "--sub", syntax, declared)
        for symbol, (_, expr) in zip(names, pairs, strict=True)
    }


def run_chain(args: argparse.Namespace) -> int:
    from tutor.solvers.chain import chain_matrix_form, total_derivative

    variables = parse_variables(args.var, "--var") or ()
    substitutions = parse_substitutions(args.sub, args.syntax, variables)
    declared = tuple(substitutions) + variables
    if args.matrix:
        functions = parse_expr_list(args.expr, "EXPR", args.syntax, declared)
        outer = variables or _finals(substitutions)
        for name, expr in substitutions.items():
            if expr.free_symbols & set(substitutions):
                raise UsageError(
                    f"--matrix: the substitution for {name} uses another substitution;"
                    " give g in the outer variables only"
                )
        step = chain_matrix_form(
            functions, list(substitutions.values()), list(substitutions), outer
        )
    else:
        f = read_expression(args.expr, "EXPR", args.syntax, declared)
        if len(variables) > 1:
            raise UsageError("--var takes one variable for the total derivative (or use --matrix)")
        var = variables[0] if variables else _only_final(f, substitutions)
        step = total_derivative(f, substitutions, var)
    emit(step, args)
    return EXIT_OK


def _finals(substitutions: dict[sp.Symbol, sp.Expr]) -> tuple[sp.Symbol, ...]:
    found = set().union(*(e.free_symbols for e in substitutions.values())) - set(substitutions)
    return tuple(sorted(found, key=lambda s: s.name))


def _only_final(f: sp.Expr, substitutions: dict[sp.Symbol, sp.Expr]) -> sp.Symbol:
    finals = set(_finals(substitutions)) | (f.free_symbols - set(substitutions))
    if len(finals) != 1:
        names = ", ".join(sorted(s.name for s in finals)) or "none"
        raise UsageError(f"--var is needed: the substitutions leave the variables {names}")
    return finals.pop()


# -- backprop ---------------------------------------------------------------------------------


def parse_matrix(text: str, option: str) -> list[list[sp.Expr]]:
    """'0.5,-0.3; 0.8,0.2' -> rows of numbers (every row as long as the first)."""
    rows = [row.strip() for row in text.split(";")]
    if not rows or len(rows) > MAX_NEURONS or any(not row for row in rows):
        raise UsageError(
            f"{option} takes rows separated by ';', entries by ',' (at most {MAX_NEURONS})"
        )
    matrix = []
    for row in rows:
        entries = [entry.strip() for entry in row.split(",")]
        if len(entries) > MAX_NEURONS or any(not entry for entry in entries):
            raise UsageError(f"{option}: the row {row!r} is not numbers separated by ','")
        matrix.append([parse_number(entry, option) for entry in entries])
    if any(len(row) != len(matrix[0]) for row in matrix):
        raise UsageError(
            f"{option}: every row needs as many entries as the first ({len(matrix[0])})"
        )
    return matrix


def parse_vector(text: str, option: str) -> list[sp.Expr]:
    """'1,0.5' or '1; 0.5' -> the entries of a column."""
    matrix = parse_matrix(text, option)
    if len(matrix) > 1 and len(matrix[0]) > 1:
        raise UsageError(f"{option} must be a vector, such as 1,0.5")
    return [entry for row in matrix for entry in row]


def _layers(args: argparse.Namespace) -> int:
    if args.layers is None:
        return len(args.weights) if args.weights else 2
    try:
        layers = int(args.layers)
    except ValueError:
        raise UsageError(f"--layers must be 1, 2 or 3, not {args.layers!r}") from None
    if not 1 <= layers <= 3:
        raise UsageError(f"--layers must be 1, 2 or 3, not {layers}")
    if args.weights and len(args.weights) != layers:
        raise UsageError(f"--layers {layers} but --weights is given {len(args.weights)} times")
    return layers


def _values(args: argparse.Namespace, layers: int) -> tuple[list, list, list, list]:
    """The network's numbers: those given, the example's for the rest (without --weights)."""
    weights_text, biases_text, input_text, target_text = EXAMPLES[layers]
    if args.weights:
        if args.input is None or args.target is None:
            raise UsageError("--input and --target are needed with --weights")
        weights = [parse_matrix(w, "--weights") for w in args.weights]
        biases_text = tuple(",".join(["0"] * len(w)) for w in weights)  # zero biases
    else:
        weights = [parse_matrix(w, "--weights") for w in weights_text]
    biases = args.biases or biases_text
    if len(biases) != layers:
        raise UsageError(f"{layers} layers need --biases {layers} times, not {len(biases)}")
    bias_vectors = [parse_vector(b, "--biases") for b in biases]
    inputs = parse_vector(args.input or input_text, "--input")
    target = parse_vector(args.target or target_text, "--target")
    return weights, bias_vectors, inputs, target


def run_backprop(args: argparse.Namespace) -> int:
    layers = _layers(args)
    numeric = args.numeric or any(
        v is not None for v in (args.weights, args.biases, args.input, args.target)
    )
    if numeric:
        from tutor.solvers.network import backprop_numeric

        digits = positive_int(args.digits, "--digits", 15)
        weights, biases, inputs, target = _values(args, layers)
        step = backprop_numeric(weights, biases, inputs, target, args.activation, digits)
    else:
        from tutor.solvers.backprop import backprop_symbolic

        step = backprop_symbolic(layers, args.activation)
    emit(step, args)
    return EXIT_OK
