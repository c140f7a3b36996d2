"""Reading the solver subcommands' maths arguments: variable lists, expression lists, points,
numbers, and printing a solver's Step tree in the chosen format.

No reader is called `parse_expr`: that is sympy's eval-based parser, which tests/test_layers.py
bans by name. Every reader takes untrusted text, goes through tutor.parse (never eval), and
raises UsageError with a one-line message naming the option, so `tutor` exits with code 2.
"""

from __future__ import annotations

import argparse
import json

import sympy as sp

from tutor import variable
from tutor.cli.common import UsageError
from tutor.parse import ParseError, parse_expression
from tutor.render import DETAIL_LEVELS, FORMATS, render, step_to_json_dict
from tutor.steps import Step

MAX_VARIABLES = 6
MAX_ITEMS = 12


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """--format, --detail and --syntax, which every solver subcommand takes."""
    parser.add_argument("--format", choices=tuple(FORMATS), default="text")
    parser.add_argument("--detail", choices=DETAIL_LEVELS, default="standard")
    parser.add_argument("--syntax", choices=("auto", "text", "latex"), default="auto")


def emit(step: Step, args: argparse.Namespace) -> None:
    """Print the step tree in the format asked for (JSON on one document, schema tutor.step/1)."""
    if args.format == "json":
        print(json.dumps(step_to_json_dict(step, args.detail), ensure_ascii=False, indent=2))
    else:
        print(render(step, args.format, args.detail))


def parse_variables(text: str | None, option: str = "--vars") -> tuple[sp.Symbol, ...] | None:
    """'x,y' -> (x, y); None stays None (the solver then takes the expression's own)."""
    if text is None:
        return None
    names = [name.strip() for name in text.split(",")]
    if not names or len(names) > MAX_VARIABLES:
        raise UsageError(f"{option} takes 1 to {MAX_VARIABLES} variable names, such as x,y")
    for name in names:
        if not name.isidentifier() or name.startswith("_") or len(name) > 20:
            raise UsageError(f"{option}: {name!r} is not a variable name such as x or theta")
    if len(set(names)) != len(names):
        raise UsageError(f"{option} names a variable twice: {text!r}")
    return tuple(variable(name) for name in names)


def read_expression(
    text: str, option: str, syntax: str = "auto", names: tuple[sp.Symbol, ...] | None = None
) -> sp.Expr:
    """One expression; multi-letter variable names from --vars are kept whole."""
    declared = [v.name for v in names] if names else None
    try:
        return parse_expression(text, syntax=syntax, variables=declared).expr
    except ParseError as error:
        raise UsageError(f"{option}: {error}") from None


def parse_expr_list(
    text: str, option: str, syntax: str = "auto", names: tuple[sp.Symbol, ...] | None = None
) -> list[sp.Expr]:
    """'x^2 y; sin(x y)' -> [x² y, sin(x y)]: the components of a vector function."""
    parts = [part.strip() for part in text.split(";")]
    if any(not part for part in parts) or len(parts) > MAX_ITEMS:
        raise UsageError(f"{option} takes 1 to {MAX_ITEMS} expressions separated by ';'")
    return [read_expression(part, option, syntax, names) for part in parts]


def parse_number(text: str, option: str) -> sp.Expr:
    """A constant: 2, -1/3, 0.5, sqrt(2), pi/4 (exact where typed exactly)."""
    value = read_expression(text, option)
    if value.free_symbols or not value.is_real:
        raise UsageError(f"{option} must be a real number, not {text!r}")
    return value


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """'1, sqrt(2), f(1,2)' -> ['1', 'sqrt(2)', 'f(1,2)']: separators inside brackets stay."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _unwrapped(text: str) -> str:
    """'(1, 2)' -> '1, 2' when the brackets wrap the whole point; '(1)+2' stays."""
    text = text.strip()
    if len(text) >= 2 and text[0] in "([" and text[-1] in ")]":
        inner = text[1:-1]
        depth = 0
        for char in inner:
            depth += char in "([{"
            depth -= char in ")]}"
            if depth < 0:
                return text
        return inner
    return text


def parse_point(text: str, option: str, size: int | None = None) -> tuple[sp.Expr, ...]:
    """'1,2', '(1/2, sqrt(3))' -> a point; `size` coordinates when given."""
    parts = split_top_level(_unwrapped(text))
    if size is not None and len(parts) != size:
        raise UsageError(f"{option} needs {size} coordinates (one per variable), got {len(parts)}")
    if len(parts) > MAX_VARIABLES or any(not part for part in parts):
        raise UsageError(f"{option} takes numbers separated by commas, such as 1,2")
    return tuple(parse_number(part, option) for part in parts)


def positive_int(text: str, option: str, most: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"{option} must be a whole number, not {text!r}") from None
    if not 1 <= value <= most:
        raise UsageError(f"{option} must be between 1 and {most}, not {value}")
    return value
