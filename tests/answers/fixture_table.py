"""The answer checker's fixture table (tests/answers/fixtures/*.tsv): rows and how to call
tutor.check for each. Used by tests/answers/test_fixtures.py and the benchmarks in bench/.

Each TSV row is one call of ``tutor.check`` and the verdict it must give, in the manner of STACK's
answer-test fixtures. Columns (tab-separated, a header line first, ``#`` lines are comments)::

    expected  answer  syntax  kind  options  status  mistake  comment

- ``expected``: the teacher's answer in calculator syntax; ``answer``: the student's text.
- ``syntax``: auto, text or latex (the answer's syntax).
- ``kind``: expr, antiderivative, number, vector, matrix, set, equation.
- ``options``: ``key=value`` pairs separated by ``|`` (see OPTION_KEYS); empty for none.
- ``status``: the verdict's status; ``mistake``: the mistake tag the verdict must name, empty
  when the row expects none of the tags in MISTAKES (then the tag is not checked: the checker may
  name further mistakes of its own, such as a rounded answer).
- ``<U+XXXX>`` in the expected or answer cell stands for that character, so invisible ones stay
  visible in the file.

"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.parse import parse_expression

FIXTURES = Path(__file__).parent / "fixtures"
COLUMNS = ("expected", "answer", "syntax", "kind", "options", "status", "mistake", "comment")
SYNTAXES = ("auto", "text", "latex")
KINDS = ("expr", "antiderivative", "number", "vector", "matrix", "set", "equation")
STATUSES = ("correct", "correct_unsimplified", "incorrect", "invalid", "timeout", "ambiguous")
FORMS = ("accept", "note", "reject")
MISTAKES = (
    "missing_chain_factor",
    "product_rule_as_product",
    "quotient_numerator_reversed",
    "quotient_rule_missing_square",
    "power_rule_on_exponential",
    "exponential_rule_on_power",
    "sign_error",
    "wrong_variable",
    "missing_factorial",
    "transposed_jacobian",
    "multiplier_in_points",
    "newton_wrong_sign",
    "wrong_iterate",
    "off_by_power_of_ten",
    "rounded_too_early",
)
# Options that become keyword arguments of tutor.check, and the problem keys that form `context`.
CHECK_OPTIONS = ("variables", "rel_tol", "abs_tol", "sig_figs", "decimal_places", "form", "log")
CONTEXT_OPTIONS = (
    "function",
    "var",
    "taylor",
    "about",
    "order",
    "newton",
    "iterates",
    "asked",
    "multiplier",
)
OPTION_KEYS = CHECK_OPTIONS + CONTEXT_OPTIONS
_ESCAPE = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>")


class FixtureError(ValueError):
    """A malformed fixture row; the message names the file and line."""


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    expected: str
    answer: str
    syntax: str
    kind: str
    options: dict[str, str]
    status: str
    mistake: str
    comment: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def is_latex(self) -> bool:
        return self.syntax == "latex" or (self.syntax == "auto" and "\\" in self.answer)


def _unescape(cell: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), cell)


def _parse_options(cell: str, where: str) -> dict[str, str]:
    options: dict[str, str] = {}
    if not cell.strip():
        return options
    for part in cell.split("|"):
        key, equals, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not key or not value:
            raise FixtureError(f"{where}: option {part!r} is not key=value")
        if key not in OPTION_KEYS:
            raise FixtureError(f"{where}: unknown option {key!r} (known: {', '.join(OPTION_KEYS)})")
        if key in options:
            raise FixtureError(f"{where}: option {key!r} given twice")
        options[key] = value
    _check_option_values(options, where)
    return options


def _check_option_values(options: dict[str, str], where: str) -> None:
    converters: dict[str, Callable[[str], Any]] = {
        "rel_tol": float,
        "abs_tol": float,
        "sig_figs": int,
        "decimal_places": int,
        "order": int,
        "asked": int,
    }
    for key, convert in converters.items():
        if key in options:
            try:
                convert(options[key])
            except ValueError:
                raise FixtureError(
                    f"{where}: option {key}={options[key]!r} is not a number"
                ) from None
    if options.get("form", "note") not in FORMS:
        raise FixtureError(f"{where}: form must be one of {FORMS}")
    if options.get("log", "e") not in ("e", "10"):
        raise FixtureError(f"{where}: log must be e or 10")
    for needs, given in (("taylor", ("about", "order")), ("newton", ("iterates", "asked"))):
        if needs in options and not all(key in options for key in given):
            raise FixtureError(f"{where}: {needs}= needs {' and '.join(given)}=")
    if "function" in options and "var" not in options:
        raise FixtureError(f"{where}: function= needs var=")


def _parse_row(cells: list[str], file: str, line: int) -> Row:
    where = f"{file}:{line}"
    if len(cells) == len(COLUMNS) - 1:
        cells = [*cells, ""]  # the comment may be left off
    if len(cells) != len(COLUMNS):
        raise FixtureError(
            f"{where}: {len(cells)} tab-separated cells, expected {len(COLUMNS)}:"
            f" {', '.join(COLUMNS)}"
        )
    expected, answer, syntax, kind, options, status, mistake, comment = cells
    for name, value, allowed in (
        ("syntax", syntax, SYNTAXES),
        ("kind", kind, KINDS),
        ("status", status, STATUSES),
    ):
        if value not in allowed:
            raise FixtureError(f"{where}: {name} {value!r} is not one of {', '.join(allowed)}")
    if mistake and mistake not in MISTAKES:
        raise FixtureError(f"{where}: unknown mistake tag {mistake!r}")
    if not expected.strip():
        raise FixtureError(f"{where}: the expected cell is empty")
    return Row(
        file=file,
        line=line,
        expected=_unescape(expected),
        answer=_unescape(answer),
        syntax=syntax,
        kind=kind,
        options=_parse_options(options, where),
        status=status,
        mistake=mistake,
        comment=comment,
    )


def load_file(path: Path) -> list[Row]:
    """The rows of one TSV file; FixtureError (naming file and line) for anything malformed."""
    rows: list[Row] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cell.strip() for cell in cells) != COLUMNS:
                raise FixtureError(
                    f"{path.name}:{number}: expected the header line {'<TAB>'.join(COLUMNS)}"
                )
            header_seen = True
            continue
        rows.append(_parse_row(cells, path.name, number))
    if not header_seen:
        raise FixtureError(f"{path.name}: no header line")
    return rows


def load_table(directory: Path = FIXTURES) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(directory.glob("*.tsv")):
        rows.extend(load_file(path))
    return rows


ROWS = load_table()


def _parse(text: str, row: Row) -> Any:
    variables = row.options["variables"].split(",") if "variables" in row.options else None
    log_default = row.options.get("log", "e")
    return parse_expression(text, syntax="text", variables=variables, log_default=log_default).expr


def check_arguments(row: Row) -> dict[str, Any]:
    """The keyword arguments of tutor.check for a row's options."""
    options = row.options
    kwargs: dict[str, Any] = {"kind": row.kind, "syntax": row.syntax}
    if "variables" in options:
        kwargs["variables"] = [name.strip() for name in options["variables"].split(",")]
    for key in ("rel_tol", "abs_tol"):
        if key in options:
            kwargs[key] = float(options[key])
    for key in ("sig_figs", "decimal_places"):
        if key in options:
            kwargs[key] = int(options[key])
    if "form" in options:
        kwargs["form"] = options["form"]
    if "log" in options:
        kwargs["log_base"] = options["log"]
    context: dict[str, Any] = {}
    if "function" in options:
        context["function"] = _parse(options["function"], row)
    if "var" in options:
        context["var"] = options["var"]
    if "taylor" in options:
        context["taylor"] = {
            "function": _parse(options["taylor"], row),
            "var": options.get("var", "x"),
            "about": _parse(options["about"], row),
            "order": int(options["order"]),
        }
    if "newton" in options:
        context["newton"] = {
            "function": _parse(options["newton"], row),
            "var": options.get("var", "x"),
            "iterates": [_parse(value, row) for value in options["iterates"].split(";")],
            "asked": int(options["asked"]),
        }
    if "multiplier" in options:
        context["multiplier"] = options["multiplier"]
    if context:
        kwargs["context"] = context
    return kwargs
