"""Worksheets for a class: the app layer that turns a problem-set spec into printable files.

    from tutor.worksheet import job_from_spec, build
    job = job_from_spec(Path("examples/sample.toml").read_text(), "sample.toml")
    result = build(job, Path("output/"))        # .files, .warnings

- options: `Job` (spec + SheetOptions + OutputOptions), `job_from_spec` (TOML, with flag
  overrides), `spec_from_flags` (--week / --topics, --count, ...).
- code: the rebuild code printed on each sheet; `rebuild(code, out)` builds that sheet again.
- pipeline (`build`): parallel generation and rendering, the rebuild codes, the files
  (resolve: which problem fills each slot; tasks: the work worker processes do).
- `build_sample(out)`: the sample spec, examples/sample.toml, that scripts/sample.sh builds.

Rendering itself (templates, maths, PDF) is tutor.render.worksheet and tutor.render.pdf.
"""

from __future__ import annotations

from pathlib import Path

from tutor.worksheet.options import (
    Job,
    OutputOptions,
    job_from_spec,
    read_options,
    settle_date,
    spec_from_flags,
)
from tutor.worksheet.pipeline import BuildResult, build

SAMPLE_SPEC = Path(__file__).resolve().parents[2] / "examples" / "sample.toml"


def rebuild(
    code: str, out: Path, output: OutputOptions | None = None, **build_options
) -> tuple[BuildResult, tuple[str, ...]]:
    """Rebuild the sheet a code describes (that version alone). Returns the build's result and
    what the code left out (empty when the rebuild is exact)."""
    from tutor.worksheet.code import decode, normalise, options_from
    from tutor.worksheet.options import spec_from_fields

    decoded = decode(code)
    spec = spec_from_fields(decoded.payload)
    job = Job(spec, options_from(decoded.payload), output or OutputOptions())
    note = f"This code leaves out {' and '.join(decoded.left_out)}." if decoded.left_out else ""
    result = build(
        job,
        out,
        only_version=decoded.payload["v"],
        code=(normalise(code), note),
        **build_options,
    )
    return result, decoded.left_out


def build_sample(out: Path, spec: Path = SAMPLE_SPEC, **build_options) -> BuildResult:
    """The sample worksheet of every week (examples/sample.toml) into `out`: PDF and HTML."""
    job = job_from_spec(spec.read_text(encoding="utf-8"), spec.name)
    return build(job, out, **build_options)


__all__ = [
    "SAMPLE_SPEC",
    "BuildResult",
    "Job",
    "OutputOptions",
    "build",
    "build_sample",
    "job_from_spec",
    "read_options",
    "rebuild",
    "settle_date",
    "spec_from_flags",
]
