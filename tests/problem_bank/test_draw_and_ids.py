"""The portable stream and the ids: the same key gives the same choices everywhere."""

import pytest

from problem_bank.draw import Draw
from problem_bank.ids import ProblemId, parse_id, slot_seed, to_base36


def test_stream_is_pinned():
    """Golden values: if these change, every problem id ever printed changes meaning."""
    draw = Draw("golden", 7, 0)
    assert [draw.integer(0, 1000) for _ in range(6)] == [715, 339, 849, 442, 786, 903]
    assert draw.choice("abcdef") == "b"
    assert draw.sample(range(10), 3) == [7, 6, 8]
    assert [Draw("golden", 7, 0).fork("part").integer(-9, 9) for _ in range(1)] == [-6]


def test_forks_and_slots_are_independent():
    base = Draw("t", 1, 0)
    before = [base.fork("a").integer(0, 10**9) for _ in range(3)]
    noisy = Draw("t", 1, 0)
    noisy.integer(0, 5)  # drawing on the parent does not move a fork
    assert [noisy.fork("a").integer(0, 10**9) for _ in range(3)] == before
    assert Draw("t", 1, 0).integer(0, 10**9) != Draw("t", 1, 1).integer(0, 10**9)


def test_integers_cover_the_range_evenly():
    draw = Draw("even", 0)
    counts = [0] * 6
    for _ in range(6000):
        counts[draw.integer(1, 6) - 1] += 1
    assert all(850 < c < 1150 for c in counts), counts
    assert all(draw.nonzero(-2, 2) != 0 for _ in range(200))


def test_bad_ranges_fail():
    with pytest.raises(ValueError):
        Draw("x", 0).integer(3, 2)
    with pytest.raises(ValueError):
        Draw("x", 0).sample([1, 2], 3)


@pytest.mark.parametrize("seed", [0, 1, 35, 36, 123456789, 36**12 - 1])
def test_ids_round_trip(seed):
    identity = ProblemId("chain-rule", "hard", seed, 3)
    assert parse_id(str(identity)) == identity
    assert str(identity).startswith("chain-rule.h.")
    assert to_base36(seed) == str(identity).split(".")[2]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("chain-rule", "should look like"),
        ("chain-rule.x.1.1", "difficulty"),
        ("chain-rule.m.!.1", "seed"),
        ("chain-rule.m.1.v1", "version"),
    ],
)
def test_bad_ids_say_what_is_wrong(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_id(text)


def test_slot_seeds_differ_by_position():
    seeds = {slot_seed(2026, v, s, i, 0) for v in range(3) for s in range(3) for i in range(5)}
    assert len(seeds) == 45
    assert slot_seed(1, 2, 3) == slot_seed(1, 2, 3)
