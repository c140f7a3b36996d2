"""Where expressions are compared numerically: deterministic candidate sample points.

It owns the point sets, all reproducible from a seed through a local ``random.Random`` (never
the module-level generator), cached per (dimension, seed):

- ``pleasant_points``: small integers and simple fractions (2, 1/2, 3, -1, ...) first, so a
  counterexample reads "at x = 2"; in several variables the coordinates of a point differ
  (x = y would hide x - y).
- ``random_reals``: uniform reals from the ranges of each range set in turn; the first
  coordinate cycles through the ranges, the others pick one at random.
- ``random_complex``: points off the real axis (upper half plane).
- ``near``: points around the usable points found so far, for narrow domains.

Tune the ranges here; the answer checker and the test oracle (tests/verify.py) share them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from fractions import Fraction
from functools import cache

Range = tuple[float, float]

PLEASANT: tuple[Fraction, ...] = tuple(
    Fraction(v)
    for v in (
        "2", "1/2", "3", "-1", "-2", "1", "0", "-1/2",
        "3/2", "5", "-3", "1/3", "-3/2", "4", "1/4", "-5",
    )
)  # fmt: skip

RANGES: tuple[Range, ...] = (
    (-3.0, 3.0),
    (0.1, 3.0),
    (1.1, 4.0),
    (-0.9, 0.9),
    (-4.0, -1.1),
)
# Tried after RANGES, for domains such as x >= cosh(cosh(1)) or 0 < x <= 1/10.
EXTRA_RANGES: tuple[Range, ...] = (
    (4.0, 12.0),
    (-12.0, -4.0),
    (0.001, 0.1),
    (-0.1, -0.001),
)
NEAR_SPREADS = (0.3, 0.03, 0.003)


@cache
def pleasant_points(n: int, count: int = len(PLEASANT)) -> tuple[tuple[Fraction, ...], ...]:
    """``count`` points of n coordinates from PLEASANT; coordinate j of point k is
    PLEASANT[(k + 3j) mod len], so the coordinates of one point differ."""
    size = len(PLEASANT)
    return tuple(
        tuple(PLEASANT[(k + 3 * j) % size] for j in range(n)) for k in range(min(count, size))
    )


@cache
def random_reals(
    n: int, seed: int, count: int, range_sets: tuple[tuple[Range, ...], ...]
) -> tuple[tuple[float, ...], ...]:
    """``count`` points per range set, in order, from one generator seeded with ``seed``."""
    rng = random.Random(seed)
    points = []
    for ranges in range_sets:
        for i in range(count):
            point = []
            for j in range(n):
                lo, hi = ranges[i % len(ranges)] if j == 0 else rng.choice(ranges)
                point.append(rng.uniform(lo, hi))
            points.append(tuple(point))
    return tuple(points)


@cache
def random_complex(n: int, seed: int, count: int) -> tuple[tuple[complex, ...], ...]:
    """``count`` points with coordinates in [-2, 2] + [0.2, 1.5]i."""
    rng = random.Random(seed)
    return tuple(
        tuple(complex(rng.uniform(-2, 2), rng.uniform(0.2, 1.5)) for _ in range(n))
        for _ in range(count)
    )


def near(found: Sequence[tuple[complex, ...]], seed: int, count: int) -> Iterator[tuple]:
    """``count`` points around the points of ``found`` (read lazily: it may grow meanwhile)."""
    if not found:
        return
    rng = random.Random(seed)
    for k in range(count):
        spread = NEAR_SPREADS[k % len(NEAR_SPREADS)]
        yield tuple(v + rng.uniform(-spread, spread) for v in found[k % len(found)])
