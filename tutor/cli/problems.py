"""`tutor topics`, `tutor generate` and `tutor build`: the problem bank from the command line.

tutor topics [--week N] [--format text|json]
tutor generate TOPIC --seed S [--difficulty D] [--count N] [--format text|latex|json]
               [--detail D] [--no-solution]
tutor build SPEC.toml [--out FILE]      the problem sets as JSON (schema tutor.set/1)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tutor.cli.common import EXIT_OK, UsageError
from tutor.cli.maths_args import positive_int
from tutor.render import DETAIL_LEVELS

MAX_GENERATE = 100
MAX_SPEC_BYTES = 256 * 1024


def add_parsers(commands) -> None:
    topics = commands.add_parser("topics", help="list the problem bank's topics")
    topics.add_argument("--week", type=int, choices=range(1, 7), metavar="1-6")
    topics.add_argument("--format", choices=("text", "json"), default="text")
    topics.set_defaults(run=run_topics)

    generate = commands.add_parser("generate", help="generate problems with worked solutions")
    generate.add_argument("topic", help="a topic key (see `tutor topics`)")
    generate.add_argument("--seed", required=True, help="a whole number from 0")
    generate.add_argument("--difficulty", choices=("easy", "medium", "hard"), default="medium")
    generate.add_argument("--count", default="1", help=f"1 to {MAX_GENERATE} problems")
    generate.add_argument("--format", choices=("text", "latex", "json"), default="text")
    generate.add_argument("--detail", choices=DETAIL_LEVELS, default="standard")
    generate.add_argument("--no-solution", action="store_true", help="questions and answers only")
    generate.set_defaults(run=run_generate)

    build = commands.add_parser("build", help="build problem sets from a TOML spec (JSON out)")
    build.add_argument("spec", help="the TOML spec file")
    build.add_argument("--out", help="write the JSON here instead of standard output")
    build.set_defaults(run=run_build)


def run_topics(args: argparse.Namespace) -> int:
    import problem_bank

    chosen = [t for t in problem_bank.topics() if args.week in (None, t.week)]
    if args.format == "json":
        rows = [
            {"key": t.key, "week": t.week, "title": t.title, "difficulties": t.difficulties}
            for t in chosen
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for t in chosen:
        print(f"week {t.week}  {t.key:24} {t.title}")
    return EXIT_OK


def _seed(text: str) -> int:
    if not text.isdigit() or len(text) > 12:
        raise UsageError(f"--seed must be a whole number from 0, not {text!r}")
    return int(text)


def run_generate(args: argparse.Namespace) -> int:
    import problem_bank
    from tutor.render import render

    seed, count = _seed(args.seed), positive_int(args.count, "--count", MAX_GENERATE)
    problems, seen = [], set()
    for offset in range(count * 4):  # a bounded search for `count` different problems
        problem = problem_bank.generate(args.topic, seed + offset, args.difficulty)
        if problem.statement not in seen:
            seen.add(problem.statement)
            problems.append(problem)
        if len(problems) == count:
            break
    if len(problems) < count:
        print(f"tutor: warning: only {len(problems)} different problems found", file=sys.stderr)
    if args.format == "json":
        print(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
        return EXIT_OK
    for problem in problems:
        print(_problem_text(problem, args, render))
    return EXIT_OK


def _problem_text(problem, args: argparse.Namespace, render) -> str:
    latex = args.format == "latex"
    head = f"Problem {problem.id} (week {problem.week}, {problem.topic}, {problem.difficulty})"
    lines = [head, problem.statement_latex if latex else problem.statement, ""]
    if not args.no_solution:
        lines += ["Solution:", render(problem.solution, args.format, args.detail), ""]
    answer = f"${problem.answer.latex}$" if latex else problem.answer.text
    lines += [f"Answer: {answer}", ""]
    return "\n".join(lines)


def run_build(args: argparse.Namespace) -> int:
    from problem_bank.sets import build, read_spec

    path = Path(args.spec)
    try:
        if path.stat().st_size > MAX_SPEC_BYTES:
            raise UsageError(f"{path}: a spec is at most {MAX_SPEC_BYTES // 1024} KiB")
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    built = build(read_spec(text, str(path)))
    for warning in built.warnings:
        print(f"tutor: warning: {warning}", file=sys.stderr)
    out = json.dumps(built.to_dict(), ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(out + "\n", encoding="utf-8")
    else:
        print(out)
    return EXIT_OK
