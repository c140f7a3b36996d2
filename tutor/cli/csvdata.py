"""Reading data files for the regression subcommands (the app layer owns I/O; the solvers take
sequences of numbers).

`read_data(path)` reads a small text file of points: columns x, y and optionally sigma, either
named in a header row (any order; sigma may also be called σ, dy, err, error, yerr or
uncertainty) or unnamed (two or three columns, in that order). Cells are separated by commas
(or semicolons, tabs or spaces when a line has no comma); blank lines and lines starting with #
are skipped. Numbers are decimals such as 3, -0.25 or 1.5e-3 and are read exactly, as fractions
(0.1 is 1/10, not the nearest binary float), so exact data give exact fits.

Every problem is a ValueError with one line naming the file, the line and the column:
"data.csv line 4, column y: 'abc' is not a number". Limits: MAX_BYTES, MAX_ROWS data rows,
MAX_CELL characters per number, exponents of at most three digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import sympy as sp

from tutor.steps.values import as_value

MAX_BYTES = 1_000_000
MAX_ROWS = 10_000
MAX_CELL = 40
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")
NAMES = {
    "x": "x",
    "y": "y",
    "sigma": "sigma",
    "σ": "sigma",
    "dy": "sigma",
    "err": "sigma",
    "error": "sigma",
    "yerr": "sigma",
    "uncertainty": "sigma",
}


@dataclass(frozen=True)
class DataColumns:
    """The points read from a file, as exact sympy Rationals."""

    x: tuple[sp.Rational, ...]
    y: tuple[sp.Rational, ...]
    sigma: tuple[sp.Rational, ...] | None

    def __len__(self) -> int:
        return len(self.x)


def read_data(path: str) -> DataColumns:
    """The columns of the data file at `path`; ValueError (one line) for anything wrong."""
    lines = _lines(path)
    content = [(number, line) for number, line in lines if line.strip()]
    content = [(number, line) for number, line in content if not line.lstrip().startswith("#")]
    if not content:
        raise ValueError(f"{path} has no data rows: it needs columns x, y (and optionally sigma)")
    separator = _separator(content[0][1])
    first_number, first = content[0]
    cells = _cells(first, separator)
    if all(NUMBER.fullmatch(cell) for cell in cells):
        columns = _unnamed(path, first_number, len(cells))
        rows = content
    else:
        columns = _header(path, first_number, cells)
        rows = content[1:]
    if len(rows) > MAX_ROWS:
        raise ValueError(f"{path} has {len(rows)} data rows; at most {MAX_ROWS} are allowed")
    if len(rows) < 2:
        found = "no data rows" if not rows else "only 1 data row"
        raise ValueError(f"{path} has {found}; a fit needs at least 2 points")
    values: dict[str, list] = {name: [] for name in columns}
    for number, line in rows:
        row = _cells(line, separator)
        if len(row) != len(columns):
            raise ValueError(
                f"{path} line {number}: expected {len(columns)} columns"
                f" ({', '.join(columns)}), found {len(row)}"
            )
        for name, cell in zip(columns, row, strict=True):
            values[name].append(_number(path, number, name, cell))
    sigma = values.get("sigma")
    return DataColumns(tuple(values["x"]), tuple(values["y"]), tuple(sigma) if sigma else None)


def _lines(path: str) -> list[tuple[int, str]]:
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{path} is a directory, not a data file") from None
    except PermissionError:
        raise ValueError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise ValueError(f"{path} is larger than {MAX_BYTES // 1_000_000} MB")
    if b"\0" in data:
        raise ValueError(f"{path} is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(f"{path} line {line}: not UTF-8 text") from None
    return list(enumerate(text.splitlines(), start=1))


def _separator(line: str) -> str | None:
    for separator in (",", ";", "\t"):
        if separator in line:
            return separator
    return None  # runs of spaces


def _cells(line: str, separator: str | None) -> list[str]:
    return [cell.strip().strip("\"'").strip() for cell in line.strip().split(separator)]


def _unnamed(path: str, line: int, count: int) -> tuple[str, ...]:
    if count not in (2, 3):
        raise ValueError(
            f"{path} line {line}: expected 2 or 3 columns (x, y and optionally sigma),"
            f" found {count}"
        )
    return ("x", "y", "sigma")[:count]


def _header(path: str, line: int, cells: list[str]) -> tuple[str, ...]:
    columns = []
    for cell in cells:
        name = NAMES.get(cell.lower())
        if name is None:
            raise ValueError(
                f"{path} line {line}: unknown column {cell[:MAX_CELL]!r};"
                " name the columns x, y and optionally sigma"
            )
        if name in columns:
            raise ValueError(f"{path} line {line}: column {name} is named twice")
        columns.append(name)
    for needed in ("x", "y"):
        if needed not in columns:
            raise ValueError(f"{path} line {line}: the header has no column {needed}")
    return tuple(columns)


def _number(path: str, line: int, column: str, cell: str) -> sp.Rational:
    where = f"{path} line {line}, column {column}"
    if not cell:
        raise ValueError(f"{where}: the cell is empty")
    if len(cell) > MAX_CELL or not NUMBER.fullmatch(cell):
        raise ValueError(f"{where}: {cell[:MAX_CELL]!r} is not a number")
    value = as_value(Fraction(cell))
    if column == "sigma" and not value.is_positive:
        raise ValueError(f"{where}: {cell!r} is not positive (an uncertainty must be > 0)")
    return value
