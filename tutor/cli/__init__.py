"""The `tutor` command: the app layer. One module per subcommand (diff, check), each with an
`add_parser(commands)` that declares its arguments and a `run(args) -> exit code`; one module per
solver family (FAMILIES), whose `add_parsers(commands)` declares its subcommands and sets each
one's `run`. tutor.cli.maths_args reads their maths arguments.

Exit codes: 0 success (a correct answer), 1 an incorrect answer, 2 bad input: a one-line message
on stderr, never a traceback; 70 an internal error (a bug), also reported in one line.
"""

from __future__ import annotations

import argparse
import os
import sys

from tutor.cli import (
    chain,
    check,
    critical,
    diff,
    iteration,
    multivariate,
    problems,
    regression,
    taylor,
    worksheet,
)
from tutor.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL_ERROR,
    Parser,
    UsageError,
)

SUBCOMMANDS = (diff, check)
FAMILIES = (multivariate, chain, taylor, iteration, critical, regression, problems, worksheet)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="tutor", description="Step-by-step calculus tutor.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for module in SUBCOMMANDS:
        module.add_parser(commands).set_defaults(run=module.run)
    for family in FAMILIES:
        family.add_parsers(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except (UsageError, ValueError) as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as a shell tool does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:  # a bug of ours: still one line, and a code that says so
        print(
            f"tutor: internal error ({type(error).__name__}: {error}); please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


__all__ = ["build_parser", "main"]
