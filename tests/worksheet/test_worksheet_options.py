"""Specs and flags: every mistake is one line naming the field; flags spread topics sensibly."""

from __future__ import annotations

import pytest

import problem_bank
from tutor.cli import main
from tutor.render.worksheet import SheetOptions, version_label
from tutor.worksheet import SAMPLE_SPEC, job_from_spec, read_options, spec_from_flags
from tutor.worksheet.pipeline import slug

SPEC = """
title = "Week 1"
seed = 3
[options]
{options}
[[sections]]
topic = "chain-rule"
count = 2
"""


@pytest.mark.parametrize(
    "options,field",
    [
        ("columns = 3", "options.columns"),
        ('paper = "a5"', "options.paper"),
        ('solutions = "later"', "options.solutions"),
        ('answer_space = "grid"', "options.answer_space"),
        ("answer_height = 99", "options.answer_height"),
        ('answer_height = "big"', "options.answer_height"),
        ('detail = "max"', "options.detail"),
        ('key = "yes"', "options.key"),
        ('format = "docx"', "options.format"),
        ("format = []", "options.format"),
        ("combine = 1", "options.combine"),
        ("colour = 1", "unknown field 'colour'"),
    ],
)
def test_bad_options_name_the_field(options, field):
    with pytest.raises(ValueError, match=field) as error:
        job_from_spec(SPEC.format(options=options), "week1.toml")
    assert "\n" not in str(error.value) and "week1.toml" in str(error.value)


@pytest.mark.parametrize(
    "text,field",
    [
        ('seed = 3\n[[sections]]\ntopic = "chain-rule"\ncount = 1', "title"),
        ('title = "x"\nseed = 3\n[[sections]]\ntopic = "nope"\ncount = 1', "topic"),
        ('title = "x"\nseed = 3\n[[sections]]\ntopic = "chain-rule"\ncount = 0', "count"),
        ('title = "x"\nseed = -1\n[[sections]]\ntopic = "chain-rule"\ncount = 1', "seed"),
        ('title = "x" seed = 3', "not valid TOML"),
        ('title = "  "\nseed = 3\n[[sections]]\ntopic = "chain-rule"\ncount = 1', "title"),
    ],
)
def test_bad_specs_name_the_field(text, field):
    with pytest.raises(ValueError, match=field):
        job_from_spec(text, "spec.toml")


def test_options_and_overrides():
    job = job_from_spec(SPEC.format(options='columns = 2\nformat = "pdf,html"'), "s.toml")
    assert job.sheet.columns == 2 and job.output.formats == ("pdf", "html")
    job = job_from_spec(SPEC.format(options="columns = 2"), "s.toml", {"columns": 1})
    assert job.sheet.columns == 1
    assert job.spec.date  # settled (today) so that a rebuild prints the same date
    assert read_options({"answer_height": 3})[0].answer_height == 3.0
    with pytest.raises(ValueError, match="'columns'"):
        SheetOptions(columns=4)


def test_week_flags_spread_the_count_over_the_topics():
    keys = [t.key for t in problem_bank.topics() if t.week == 1]
    spec = spec_from_flags(week=1, count=len(keys) + 2)
    assert [s.topic for s in spec.sections] == keys
    assert sum(s.count for s in spec.sections) == len(keys) + 2
    assert spec.title == "Week 1 practice"
    few = spec_from_flags(week=1, count=3)
    assert len(few.sections) == 3 and len({s.topic for s in few.sections}) == 3
    named = spec_from_flags(topics=["jacobian", "chain-rule"], count=5, seed=9)
    assert [(s.topic, s.count) for s in named.sections] == [("jacobian", 3), ("chain-rule", 2)]


@pytest.mark.parametrize(
    "argv,message",
    [
        ([], "give a spec file, --week N or --topics"),
        (["--week", "9"], "--week"),
        (["--topics", "chain-rule,nope"], "--topics: unknown topic 'nope'"),
        (["--topics", "chain-rule", "--week", "1"], "not both"),
        (["--topics", "chain-rule", "--count", "0"], "--count"),
        (["--topics", "chain-rule", "--versions", "61"], "--versions"),
        (["--topics", "chain-rule", "--seed", "-2"], "--seed"),
        (["--topics", "chain-rule", "--format", "docx"], "format"),
        (["--topics", "chain-rule", "--columns", "3"], "--columns"),
        (["--topics", "chain-rule", "--answer-height", "0.1"], "answer_height"),
        (["missing.toml"], "cannot read missing.toml"),
        (["--topics", "chain-rule", "--jobs", "0"], "--jobs"),
    ],
)
def test_cli_errors_are_one_line(capsys, argv, message):
    assert main(["worksheet", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_spec_file_with_content_flags_is_refused(capsys, tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text(SPEC.format(options=""))
    assert main(["worksheet", str(spec), "--count", "3"]) == 2
    assert "--count cannot be used with a spec file" in capsys.readouterr().err


def test_sample_spec_reads_and_uses_known_topics():
    job = job_from_spec(SAMPLE_SPEC.read_text(encoding="utf-8"), SAMPLE_SPEC.name)
    known = {t.key for t in problem_bank.topics()}
    assert {s.topic for s in job.spec.sections} <= known
    assert job.output.formats == ("pdf", "html") and job.spec.date == "2026-09-07"


def test_labels_and_slugs():
    assert [version_label(n) for n in (1, 2, 26, 27, 60)] == ["A", "B", "Z", "AA", "BH"]
    assert slug("Week 3: Jacobians & Hessians!") == "week-3-jacobians-hessians"
    assert slug("<script>") == "script" and slug("∂∂∂") == "worksheet"
