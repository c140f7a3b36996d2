"""What a worksheet build is asked for: a problem-set spec, sheet options and output options.

- `Job`: the spec (problem_bank.sets.SetSpec, with its date settled), the `SheetOptions`
  (tutor.render.worksheet: paper, columns, solutions, answer space, detail, key) and the
  `OutputOptions` (formats, one combined file per document or one file per version).
- `job_from_spec(text, source, overrides)`: a TOML spec (problem_bank.sets.read_spec) whose
  [options] table and `overrides` (command-line flags, which win) give the options.
- `spec_from_flags(...)`: a spec without a file: `week` takes that week's topics, `topics` names
  them; `count` problems are spread over the topics.
- `spec_fields(spec)` / `spec_from_fields(data)`: the canonical form the rebuild code carries.

Every mistake is a one-line ValueError naming the field (`options.columns`, `--count`, ...).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from tutor.render.worksheet import ANSWER_SPACES, PAPERS, SOLUTIONS, SheetOptions

FORMATS = ("pdf", "html", "tex")
DETAILS = ("brief", "standard", "full")
MAX_TITLE, MAX_INSTRUCTIONS = 200, 2000
LETTERS = {"easy": "e", "medium": "m", "hard": "h"}


@dataclass(frozen=True)
class OutputOptions:
    formats: tuple[str, ...] = ("pdf",)
    combine: bool = False


@dataclass(frozen=True)
class Job:
    spec: Any  # problem_bank.sets.SetSpec
    sheet: SheetOptions = field(default_factory=SheetOptions)
    output: OutputOptions = field(default_factory=OutputOptions)


def _choice(value: Any, allowed, name: str) -> Any:
    if value not in allowed:
        shown = ", ".join(str(a) for a in allowed)
        raise ValueError(f"{name} must be one of {shown}, not {value!r}")
    return value


def parse_formats(value: Any, name: str = "format") -> tuple[str, ...]:
    """Some of pdf, html and tex ("pdf,html" or a list), in a fixed order."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise ValueError(f"{name} must be some of pdf, html and tex (pdf,html), not {value!r}")
    chosen = {_choice(str(item).strip().lower(), FORMATS, name) for item in items}
    return tuple(f for f in FORMATS if f in chosen)


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of centimetres, not {value!r}")
    if not 0.5 <= value <= 25:
        raise ValueError(f"{name} must be from 0.5 to 25 (cm), not {value}")
    return float(value)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value


READERS = {
    "paper": lambda v, n: _choice(v, tuple(PAPERS), n),
    "columns": lambda v, n: _choice(v, (1, 2), n),
    "solutions": lambda v, n: _choice(v, SOLUTIONS, n),
    "answer_space": lambda v, n: _choice(v, ANSWER_SPACES, n),
    "answer_height": _number,
    "detail": lambda v, n: _choice(v, DETAILS, n),
    "key": _flag,
    "format": parse_formats,
    "combine": _flag,
}


def read_options(
    table: Mapping[str, Any], where: str = "options"
) -> tuple[SheetOptions, OutputOptions]:
    """Sheet and output options from a spec's [options] table (or flags), each field checked."""
    unknown = sorted(set(table) - set(READERS))
    if unknown:
        known = ", ".join(READERS)
        raise ValueError(f"{where}: unknown field '{unknown[0]}' (known: {known})")
    values = {name: READERS[name](value, f"{where}.{name}") for name, value in table.items()}
    output = OutputOptions(values.pop("format", ("pdf",)), values.pop("combine", False))
    return SheetOptions(**values), output


def settle_date(spec, date: str | None = None):
    """The spec with its date fixed (the flag, the spec's own, or today), so rebuilds match."""
    chosen = date or spec.date or datetime.date.today().isoformat()
    if len(chosen) > 40:
        raise ValueError(f"date must be at most 40 characters, not {len(chosen)}")
    return replace(spec, date=chosen)


def _check_text(spec) -> None:
    if not spec.title.strip():
        raise ValueError("title must not be empty")
    if len(spec.title) > MAX_TITLE:
        raise ValueError(f"title must be at most {MAX_TITLE} characters, not {len(spec.title)}")
    if len(spec.instructions) > MAX_INSTRUCTIONS:
        raise ValueError(f"instructions must be at most {MAX_INSTRUCTIONS} characters")


def job_from_spec(
    text: str, source: str = "spec", overrides: Mapping[str, Any] | None = None, date=None
) -> Job:
    """A job from TOML text; `overrides` are option fields given on the command line."""
    from problem_bank.sets import read_spec

    spec = read_spec(text, source)
    _check_text(spec)
    sheet, output = read_options(dict(spec.options), f"{source}: options")
    if overrides:
        merged = {**dict(spec.options), **overrides}
        sheet, output = read_options(merged, "options")
    return Job(settle_date(spec, date), sheet, output)


def spec_from_flags(
    *,
    week: int | None = None,
    topics: list[str] | None = None,
    count: int = 10,
    seed: int = 1,
    difficulty: str = "medium",
    versions: int = 1,
    title: str | None = None,
    instructions: str = "",
):
    """A spec without a file: `count` problems spread over the week's (or the named) topics."""
    import problem_bank
    from problem_bank.sets import MAX_COUNT, MAX_VERSIONS, Section, SetSpec

    keys = _topic_keys(week, topics, problem_bank)
    if not 1 <= count <= MAX_COUNT * len(keys):
        raise ValueError(f"--count must be from 1 to {MAX_COUNT * len(keys)}, not {count}")
    if not 1 <= versions <= MAX_VERSIONS:
        raise ValueError(f"--versions must be from 1 to {MAX_VERSIONS}, not {versions}")
    if not 0 <= seed <= 2**40:
        raise ValueError(f"--seed must be a whole number from 0 to {2**40}, not {seed}")
    _choice(difficulty, tuple(LETTERS), "--difficulty")
    chosen = [keys[i * len(keys) // count] for i in range(count)] if count < len(keys) else keys
    by_key = {t.key: t for t in problem_bank.topics()}
    counts = [count // len(chosen) + (i < count % len(chosen)) for i in range(len(chosen))]
    sections = tuple(
        Section(key, n, difficulty, by_key[key].title)
        for key, n in zip(chosen, counts, strict=True)
    )
    default = f"Week {week} practice" if week else "Practice: " + ", ".join(chosen[:3])
    default += " and more" if not week and len(chosen) > 3 else ""
    spec = SetSpec(title or default, seed, sections, versions, instructions)
    _check_text(spec)
    return spec


def _topic_keys(week: int | None, topics: list[str] | None, problem_bank) -> list[str]:
    known = [t.key for t in problem_bank.topics()]
    if topics:
        if week is not None:
            raise ValueError("give --week or --topics, not both")
        for key in topics:
            if key not in known:
                raise ValueError(f"--topics: unknown topic {key!r} (see `tutor topics`)")
        return list(dict.fromkeys(topics))
    if week is None:
        raise ValueError("give a spec file, --week N or --topics a,b (see `tutor topics`)")
    keys = [t.key for t in problem_bank.topics() if t.week == week]
    if not keys:
        raise ValueError(f"--week {week}: the problem bank has no topics for week {week} yet")
    return keys


def override_spec(spec, **changes):
    """The spec with fields given as flags (seed, versions, title, instructions), checked."""
    from problem_bank.sets import MAX_VERSIONS

    changes = {name: value for name, value in changes.items() if value is not None}
    if "versions" in changes and not 1 <= changes["versions"] <= MAX_VERSIONS:
        raise ValueError(f"--versions must be from 1 to {MAX_VERSIONS}, not {changes['versions']}")
    if "seed" in changes and not 0 <= changes["seed"] <= 2**40:
        raise ValueError(f"--seed must be a whole number from 0 to {2**40}, not {changes['seed']}")
    spec = replace(spec, **changes)
    _check_text(spec)
    return spec


def spec_fields(spec) -> dict[str, Any]:
    """The spec as the rebuild code carries it (section titles only where not the default)."""
    from problem_bank.registry import get_topic

    sections = []
    for section in spec.sections:
        topic = get_topic(section.topic)
        row: list[Any] = [section.topic, section.count, LETTERS[section.difficulty], topic.version]
        if section.title != topic.title:
            row.append(section.title)
        sections.append(row)
    return {
        "t": spec.title,
        "s": spec.seed,
        "n": spec.versions,
        "d": spec.date,
        "i": spec.instructions,
        "x": sections,
    }


def spec_from_fields(data: Mapping[str, Any]):
    """The spec a rebuild code's payload describes, checked as strictly as a TOML spec (a code
    is untrusted input: every field's type and range is checked before anything is built)."""
    from problem_bank.sets import SetSpec

    try:
        rows, title, instructions, date = data["x"], data["t"], data.get("i", ""), data["d"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise TypeError
        if not all(isinstance(text, str) for text in (title, instructions, date)):
            raise TypeError
        _bounded_payload(data, len(rows))
    except (KeyError, TypeError):
        raise ValueError("rebuild code: the code's spec is not complete") from None
    sections = tuple(_section_from_row(row) for row in rows)
    return SetSpec(title, data["s"], sections, data["n"], instructions, date)


def _section_from_row(row: list) -> Any:
    from problem_bank.registry import REGISTRY
    from problem_bank.sets import MAX_COUNT, Section

    by_letter = {v: k for k, v in LETTERS.items()}
    if len(row) not in (4, 5) or not all(isinstance(v, str) for v in row[:1] + row[2:3] + row[4:]):
        raise ValueError("rebuild code: a section of the code is not complete")
    key, count, letter, version, *title = row
    if key not in REGISTRY:
        raise ValueError(f"rebuild code: unknown topic {key!r} (see `tutor topics`)")
    topic = REGISTRY[key]
    if version != topic.version:
        raise ValueError(
            f"rebuild code: made with version {version} of the {key} generator; "
            f"this tutor has version {topic.version}, which makes different problems"
        )
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise ValueError("rebuild code: a section's count is out of range")
    if letter not in by_letter:
        raise ValueError("rebuild code: a section's difficulty is not e, m or h")
    return Section(key, count, by_letter[letter], title[0] if title else topic.title)


def _bounded_payload(data: Mapping[str, Any], sections: int) -> None:
    """A code is untrusted input: its numbers must be in the ranges a TOML spec allows."""
    from problem_bank.sets import MAX_SECTIONS, MAX_VERSIONS

    versions, version, seed = data["n"], data["v"], data["s"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (versions, version, seed)):
        raise ValueError("rebuild code: the code's numbers are not whole numbers")
    if not (1 <= sections <= MAX_SECTIONS and 1 <= version <= versions <= MAX_VERSIONS):
        raise ValueError("rebuild code: the code's version or sections are out of range")
    if not 0 <= seed <= 2**40:
        raise ValueError("rebuild code: the code's seed is out of range")
