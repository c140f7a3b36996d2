"""`tutor worksheet`: printable worksheets, worked solutions and answer keys (PDF and HTML).

tutor worksheet SPEC.toml [options]                 from a problem-set spec (see `tutor build`)
tutor worksheet --week 3 [--count 10] [options]     that week's topics, spread over the count
tutor worksheet --topics chain-rule,jacobian ...    the named topics
tutor worksheet --from-code CODE [--format] [--out] rebuild the sheet a printed code describes

Options (flags win over a spec's [options] table): --paper a4|letter, --columns 1|2,
--solutions separate|appendix|inline|none, --answer-space lines|blank|none, --answer-height CM,
--detail brief|standard|full, --no-key, --format pdf,html,tex, --combine (all versions in one file
per document), --out DIR (default output/), --jobs N (worker processes; default: every core).
The files written are listed on stdout; warnings go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.cli.common import EXIT_OK, UsageError

MAX_SPEC_BYTES = 256 * 1024
SHEET_FLAGS = ("paper", "columns", "solutions", "answer_space", "answer_height", "detail")
CONTENT_FLAGS = ("week", "topics", "count", "difficulty", "seed", "versions", "title")


def add_parsers(commands) -> None:
    p = commands.add_parser("worksheet", help="printable worksheets with solutions and keys")
    p.add_argument("spec", nargs="?", help="a TOML problem-set spec (see `tutor build`)")
    p.add_argument("--from-code", metavar="CODE", help="rebuild the sheet a printed code names")
    p.add_argument("--week", type=int, choices=range(1, 7), metavar="1-6")
    p.add_argument("--topics", help="topic keys, comma-separated (see `tutor topics`)")
    p.add_argument("--count", type=int, help="how many problems (default 10)")
    p.add_argument("--difficulty", choices=("easy", "medium", "hard"))
    p.add_argument("--seed", type=int, help="a whole number from 0 (default 1)")
    p.add_argument("--versions", type=int, help="how many versions, 1 to 60")
    p.add_argument("--title")
    p.add_argument("--instructions")
    p.add_argument("--date", help="the date printed on the sheets (default: the spec's, or today)")
    p.add_argument("--paper", choices=("a4", "letter"))
    p.add_argument("--columns", type=int, choices=(1, 2))
    p.add_argument("--solutions", choices=("separate", "appendix", "inline", "none"))
    p.add_argument("--answer-space", choices=("lines", "blank", "none"))
    p.add_argument("--answer-height", type=float, metavar="CM")
    p.add_argument("--detail", choices=("brief", "standard", "full"))
    p.add_argument("--no-key", action="store_true", help="no answer key")
    p.add_argument("--format", help="pdf, html, tex or a list: pdf,html (default pdf)")
    p.add_argument("--combine", action="store_true", help="all versions in one file per document")
    p.add_argument("--out", default="output", help="the output directory (default output/)")
    p.add_argument("--jobs", type=int, help="worker processes (default: the machine's cores)")
    p.set_defaults(run=run)


def _overrides(args: argparse.Namespace) -> dict:
    """Option fields given as flags (they win over the spec's [options])."""
    chosen = {name: getattr(args, name) for name in SHEET_FLAGS if getattr(args, name) is not None}
    if args.no_key:
        chosen["key"] = False
    if args.format is not None:
        chosen["format"] = args.format
    if args.combine:
        chosen["combine"] = True
    return chosen


def _read_spec(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_SPEC_BYTES:
            raise UsageError(f"{path}: a spec is at most {MAX_SPEC_BYTES // 1024} KiB")
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None


def _job(args: argparse.Namespace):
    from dataclasses import replace

    from tutor.worksheet import Job, job_from_spec, read_options, settle_date, spec_from_flags
    from tutor.worksheet.options import override_spec

    overrides = _overrides(args)
    if args.spec:
        for name in ("week", "topics", "count", "difficulty"):
            if getattr(args, name) is not None:
                raise UsageError(f"--{name} cannot be used with a spec file (edit the spec)")
        job = job_from_spec(_read_spec(Path(args.spec)), args.spec, overrides, args.date)
        changes = {k: getattr(args, k) for k in ("seed", "versions", "title", "instructions")}
        return replace(job, spec=override_spec(job.spec, **changes))
    topics = [t.strip() for t in args.topics.split(",") if t.strip()] if args.topics else None
    spec = spec_from_flags(
        week=args.week,
        topics=topics,
        count=10 if args.count is None else args.count,
        seed=1 if args.seed is None else args.seed,
        difficulty=args.difficulty or "medium",
        versions=1 if args.versions is None else args.versions,
        title=args.title,
        instructions=args.instructions or "",
    )
    sheet, output = read_options(overrides, "options")
    return Job(settle_date(spec, args.date), sheet, output)


def run(args: argparse.Namespace) -> int:
    from tutor.worksheet import build, read_options, rebuild

    out = Path(args.out)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.from_code:
        given = [f"--{n}" for n in (*CONTENT_FLAGS, *SHEET_FLAGS) if getattr(args, n) is not None]
        if args.spec or args.no_key or args.combine or args.instructions or args.date or given:
            raise UsageError("--from-code takes only --format, --out and --jobs")
        output = read_options({"format": args.format or "pdf"}, "options")[1]
        result, left_out = rebuild(args.from_code, out, output, workers=args.jobs)
        if left_out:
            print(
                f"tutor: warning: the code leaves out {' and '.join(left_out)}; "
                "the rebuilt sheet does not have them",
                file=sys.stderr,
            )
    else:
        result = build(_job(args), out, workers=args.jobs)
    for warning in result.warnings:
        print(f"tutor: warning: {warning}", file=sys.stderr)
    for path in result.files:
        print(path)
    return EXIT_OK
