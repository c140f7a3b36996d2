"""Specification tests of the answer checker: one test per row of the fixture table
(tests/answers/fixture_table.py explains the columns), plus checks of the table itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tutor
from tests.answers.fixture_table import (
    COLUMNS,
    KINDS,
    MISTAKES,
    ROWS,
    STATUSES,
    SYNTAXES,
    FixtureError,
    Row,
    check_arguments,
    load_file,
)


def _check_function() -> Callable[..., Any]:
    check = getattr(tutor, "check", None)
    if check is None:
        pytest.skip("tutor.check does not exist yet (the answer checker is being written)")
    return check


# Rows the checker gets wrong today, each with why; strict, so a fix turns them into failures
# that ask for the entry to be removed.
KNOWN_LIMITATIONS: dict[str, str] = {}


def _marked(row: Row):
    reason = KNOWN_LIMITATIONS.get(row.id)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("row", [_marked(row) for row in ROWS])
def test_fixture_row(row: Row) -> None:
    check = _check_function()
    verdict = check(row.expected, row.answer, **check_arguments(row))
    described = (
        f"{row.id}: check({row.expected!r}, {row.answer!r}, {check_arguments(row)!r})"
        f" -> status={verdict.status!r} mistake={verdict.mistake!r} feedback={verdict.feedback!r}"
        f" certainty={verdict.certainty!r} notes={verdict.notes!r}"
        + (f"  [{row.comment}]" if row.comment else "")
    )
    assert verdict.status == row.status, described
    if row.mistake:
        assert verdict.mistake == row.mistake, described
    earns = row.status == "correct" or (
        row.status == "correct_unsimplified" and row.options.get("form", "note") != "reject"
    )
    assert verdict.correct is earns, described


def test_table_size_and_coverage() -> None:
    assert len(ROWS) >= 400
    kinds = Counter(row.kind for row in ROWS)
    assert set(kinds) == set(KINDS), kinds
    statuses = Counter(row.status for row in ROWS)
    assert set(statuses) >= set(STATUSES) - {"timeout"}, statuses
    mistakes = Counter(row.mistake for row in ROWS if row.mistake)
    assert {tag: mistakes[tag] for tag in MISTAKES if mistakes[tag] < 3} == {}
    assert {row.syntax for row in ROWS} == set(SYNTAXES)
    assert sum(row.is_latex for row in ROWS) >= 100
    assert sum(not row.is_latex for row in ROWS) >= 100
    forms = {
        row.options.get("form", "note") for row in ROWS if row.status == "correct_unsimplified"
    }
    assert forms == {"note", "reject"}
    assert any(row.options.get("form") == "accept" for row in ROWS)


def test_row_ids_are_unique() -> None:
    ids = Counter(row.id for row in ROWS)
    assert [row_id for row_id, count in ids.items() if count > 1] == []


def test_context_texts_parse() -> None:
    failures = []
    for row in ROWS:
        try:
            check_arguments(row)
        except Exception as err:  # noqa: BLE001 - report every row that fails, with its place
            failures.append(f"{row.id}: {err}")
    assert failures == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("expected\tanswer\n", "expected the header line"),
        ("\t".join(COLUMNS) + "\nx\tx\ttext\texpr\n", "4 tab-separated cells"),
        ("\t".join(COLUMNS) + "\nx\tx\tpython\texpr\t\tcorrect\t\t\n", "syntax 'python'"),
        ("\t".join(COLUMNS) + "\nx\tx\ttext\texpr\ttol=1\tcorrect\t\t\n", "unknown option 'tol'"),
        ("\t".join(COLUMNS) + "\nx\tx\ttext\texpr\trel_tol\tcorrect\t\t\n", "not key=value"),
        ("\t".join(COLUMNS) + "\nx\tx\ttext\texpr\t\tright\t\t\n", "status 'right'"),
        ("\t".join(COLUMNS) + "\nx\tx\ttext\texpr\t\tincorrect\toops\t\n", "unknown mistake tag"),
        ("# only a comment\n", "no header line"),
    ],
)
def test_loader_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FixtureError) as caught:
        load_file(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith("broken.tsv")
    if "header" not in message:
        assert str(caught.value).startswith("broken.tsv:2:")
