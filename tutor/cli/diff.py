"""`tutor diff`: differentiate step by step.

tutor diff EXPR [--var x] [--order n] [--first-principles] [--detail D] [--format F]
tutor diff --file FILE            one expression a line (JSON Lines with --format json)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from tutor import derive
from tutor.cli.common import EXIT_BAD_INPUT, EXIT_OK, UsageError
from tutor.parse import ParseError
from tutor.render import DETAIL_LEVELS, FORMATS, render, step_to_json_dict


def add_parser(commands) -> argparse.ArgumentParser:
    diff = commands.add_parser("diff", help="differentiate step by step")
    source = diff.add_mutually_exclusive_group(required=True)
    source.add_argument("expr", nargs="?", help="the expression, calculator text or LaTeX")
    source.add_argument("--file", help="a file with one expression a line ('-' for stdin)")
    diff.add_argument("--var", default="x", help="the variable (default x)")
    diff.add_argument("--order", type=int, default=1, help="order of the derivative (default 1)")
    diff.add_argument(
        "--first-principles", action="store_true", help="derive from the limit definition"
    )
    diff.add_argument("--detail", choices=DETAIL_LEVELS, default="standard")
    diff.add_argument("--format", choices=tuple(FORMATS), default="text")
    diff.add_argument("--syntax", choices=("auto", "text", "latex"), default="auto")
    diff.add_argument("--no-check", action="store_true", help="skip the comparison with sympy.diff")
    return diff


def check_variable(name: str) -> str:
    if not name.isidentifier() or name.startswith("_") or len(name) > 20:
        raise UsageError(f"--var must be a variable name such as x or theta, not {name!r}")
    return name


def diff_one(text: str, args: argparse.Namespace) -> tuple[str, dict]:
    """The rendered derivation of one expression and its JSON form; raises ParseError/ValueError."""
    step = derive(
        text, args.var, args.order, first_principles=args.first_principles, syntax=args.syntax
    )
    check = None
    if not args.no_check:
        from tutor.agreement import agreement  # the checker's numerics: not needed to fail fast

        check = agreement(step.expr, step.var, step.result, args.order)
    data = step_to_json_dict(step, args.detail)
    if check is not None:
        data["sympy_agrees"] = {"agrees": check.agrees, "how": check.how}
    if args.format == "json":
        return json.dumps(data, ensure_ascii=False), data
    out = render(step, args.format, args.detail)
    if check is not None and args.format == "text":
        mark = "✓ agrees with sympy.diff" if check.agrees else "✗ DIFFERS from sympy.diff"
        out += f"\n{mark} ({check.how})"
    return out, data


def file_lines(path: str) -> Iterator[tuple[int, str]]:
    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if text and not text.startswith("#"):
                yield number, text


def run_file(args: argparse.Namespace) -> int:
    """Every line is tried; a bad line is reported with its number and the rest still run."""
    status = EXIT_OK
    for number, text in file_lines(args.file):
        try:
            out, _ = diff_one(text, args)
        except (ParseError, ValueError) as error:
            status = EXIT_BAD_INPUT
            if args.format == "json":
                print(
                    json.dumps(
                        {"line": number, "input": text, "error": str(error)}, ensure_ascii=False
                    )
                )
            else:
                print(f"tutor: line {number}: {error}", file=sys.stderr)
            continue
        print(out if args.format == "json" else out + "\n")
    return status


def run(args: argparse.Namespace) -> int:
    check_variable(args.var)
    if args.order < 1 or args.order > 10:
        raise UsageError("--order must be between 1 and 10")
    try:
        if args.file:
            return run_file(args)
        out, _ = diff_one(args.expr, args)
    except ParseError as error:
        raise UsageError(str(error)) from None
    print(out)
    return EXIT_OK
