"""Problem sets from TOML specs: validation, distinct problems, reproducible builds."""

import json

import pytest

from problem_bank.common import X, derivative_draft
from problem_bank.registry import REGISTRY, Topic
from problem_bank.sets import build, read_spec

SPEC = """
title = "Week 1 practice"
seed = 2026
versions = 3
instructions = "Show every step."

[options]
solutions = "appendix"

[[sections]]
topic = "chain-rule"
count = 3
difficulty = "easy"

[[sections]]
topic = "product-rule"
count = 2
difficulty = "hard"
title = "Products"
"""


def test_builds_versions_with_the_same_profile_and_no_repeats():
    built = build(read_spec(SPEC))
    assert len(built.versions) == 3 and not built.warnings
    statements = [p.statement for v in built.versions for _, ps in v for p in ps]
    assert len(statements) == 15 == len(set(statements))
    for version in built.versions:
        profile = [(s.topic, s.difficulty, len(ps)) for s, ps in version]
        assert profile == [("chain-rule", "easy", 3), ("product-rule", "hard", 2)]
    data = built.to_dict()
    assert data["schema"] == "tutor.set/1" and data["options"] == {"solutions": "appendix"}
    assert data["versions"][0]["sections"][1]["title"] == "Products"
    json.dumps(data)


def test_the_same_spec_builds_the_same_json():
    first = json.dumps(build(read_spec(SPEC)).to_dict(), sort_keys=True)
    assert json.dumps(build(read_spec(SPEC)).to_dict(), sort_keys=True) == first


def test_per_slot_seeds_keep_other_problems_when_a_section_grows():
    small = build(read_spec(SPEC))
    bigger = build(read_spec(SPEC.replace("count = 3", "count = 4")))
    assert [p.id for p in small.versions[0][0][1]] == [p.id for p in bigger.versions[0][0][1]][:3]
    assert [p.id for p in small.versions[0][1][1]] == [p.id for p in bigger.versions[0][1][1]]


def test_asking_for_more_variants_than_exist_warns(monkeypatch):
    def two_variants(draw, difficulty):
        return derivative_draft(X ** draw.integer(2, 3))

    tiny = Topic("tiny", 1, "Two problems only", 1, {"easy": {"rules": (0, 9)}}, two_variants)
    monkeypatch.setitem(REGISTRY, "tiny", tiny)
    spec = read_spec(
        'title = "t"\nseed = 1\n[[sections]]\ntopic = "tiny"\ncount = 3\ndifficulty = "easy"\n'
    )
    built = build(spec)
    assert len(built.versions[0][0][1]) == 3
    assert len(built.warnings) == 1
    assert "problem 3 repeats" in built.warnings[0] and "ask for fewer" in built.warnings[0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("title = 1\nseed = 1\n[[sections]]\ntopic='chain-rule'\ncount=1", "'title' must be a str"),
        ("title = 't'\n[[sections]]\ntopic='chain-rule'\ncount=1", "'seed' is missing"),
        ("title = 't'\nseed = 1", "'sections' is missing"),
        ("title='t'\nseed=1\n[[sections]]\ntopic='nope'\ncount=1", "sections[0]: unknown topic"),
        ("title='t'\nseed=1\n[[sections]]\ntopic='chain-rule'\ncount=0", "'count' must be from 1"),
        (
            "title='t'\nseed=1\n[[sections]]\ntopic='chain-rule'\ncount=1\ndifficulty='x'",
            "'difficulty' must be easy",
        ),
        (
            "title='t'\nseed=1\nversion=2\n[[sections]]\ntopic='chain-rule'\ncount=1",
            "unknown field",
        ),
        ("title='t'\nseed=1\nversions=99\n[[sections]]\ntopic='chain-rule'\ncount=1", "versions"),
        ("title = 't\n", "not valid TOML"),
    ],
)
def test_bad_specs_get_one_line_errors_naming_the_field(text, message):
    with pytest.raises(ValueError) as error:
        read_spec(text, "spec.toml")
    assert message in str(error.value) and "\n" not in str(error.value)
