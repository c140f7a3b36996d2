"""`tutor check`: judge a typed answer against the expected one.

    tutor check --problem ID --answer A   a generated problem's answer (tutor generate)
    tutor check --expected E --answer A [--kind K] [--syntax S] [--variables x,y]
                [--rel-tol R] [--abs-tol A] [--sig-figs N] [--decimal-places N]
                [--form accept|note|reject] [--log-base e|10] [--format text|json]
                [--function F [--var x]]   the question's function: names derivative mistakes

Exit code 0 when the answer earns the mark, 1 when it does not, 2 when it could not be judged
(invalid, timeout, ambiguous) or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json

from tutor.answers.verdict import FORM_POLICIES, KINDS
from tutor.cli.common import EXIT_BAD_INPUT, EXIT_INCORRECT, EXIT_OK, UsageError
from tutor.parse import ParseError, parse_expression

MARKS = {
    "correct": "✓ correct",
    "correct_unsimplified": "✓ correct, not simplified",
    "incorrect": "✗ incorrect",
    "invalid": "! could not read the answer",
    "timeout": "! timed out",
    "ambiguous": "? ambiguous",
}


def add_parser(commands) -> argparse.ArgumentParser:
    check = commands.add_parser("check", help="check a typed answer against the expected one")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--expected", help="the expected answer (calculator text)")
    source.add_argument("--problem", help="a problem id from tutor generate or a worksheet")
    check.add_argument("--answer", required=True, help="the student's answer (text or LaTeX)")
    check.add_argument("--kind", choices=KINDS, default="expr")
    check.add_argument("--syntax", choices=("auto", "text", "latex"), default="auto")
    check.add_argument("--variables", help="the problem's variables, comma-separated (x,y)")
    check.add_argument("--rel-tol", type=float)
    check.add_argument("--abs-tol", type=float)
    check.add_argument("--sig-figs", type=int)
    check.add_argument("--decimal-places", type=int)
    check.add_argument("--form", choices=FORM_POLICIES, default="note")
    check.add_argument("--log-base", choices=("e", "10"), default="e")
    check.add_argument(
        "--function", help="the function the question differentiates (names derivative mistakes)"
    )
    check.add_argument("--var", default="x", help="its variable (default x)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    return check


def format_text(verdict) -> str:
    lines = [MARKS[verdict.status]]
    if verdict.reading is not None:
        lines.append(f"read as: {verdict.reading.text}")
    if verdict.feedback:
        lines.append(verdict.feedback)
    if verdict.mistake:
        lines.append(f"mistake: {verdict.mistake}")
    if verdict.certainty:
        lines.append(f"certainty: {verdict.certainty}")
    lines.extend(f"note: {note}" for note in verdict.notes)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from tutor.answers import check

    if args.problem:
        return run_problem(args, check)

    variables = [v.strip() for v in args.variables.split(",")] if args.variables else None
    context = None
    if args.function:
        try:
            function = parse_expression(args.function, variables=variables).expr
        except ParseError as error:
            raise UsageError(f"--function: {error}") from None
        context = {"function": function, "var": args.var}
    verdict = check(
        args.expected,
        args.answer,
        kind=args.kind,
        syntax=args.syntax,
        variables=variables,
        rel_tol=args.rel_tol,
        abs_tol=args.abs_tol,
        sig_figs=args.sig_figs,
        decimal_places=args.decimal_places,
        form=args.form,
        log_base=args.log_base,
        context=context,
    )
    return report(verdict, args)


def run_problem(args: argparse.Namespace, check) -> int:
    """The expected answer, its kind, variables and mistake context come from the problem."""
    import problem_bank

    problem = problem_bank.from_id(args.problem)
    options = problem.answer.check_options()
    verdict = check(
        problem.answer.value, args.answer, syntax=args.syntax, form=args.form, **options
    )
    return report(verdict, args)


def report(verdict, args: argparse.Namespace) -> int:
    if args.format == "json":
        print(json.dumps(verdict.to_dict(), ensure_ascii=False, default=str))
    else:
        print(format_text(verdict))
    if verdict.status in ("invalid", "timeout", "ambiguous"):
        return EXIT_BAD_INPUT
    return EXIT_OK if verdict.correct else EXIT_INCORRECT
