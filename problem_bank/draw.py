"""The one source of randomness for generators: a portable, seeded stream of choices.

`Draw(topic, seed, slot)` hashes its key with SHA-256 in counter mode, so the same key gives the
same choices on every machine and every Python version (module-level `random`, its `randint`,
`choice` and `shuffle`, and NumPy's generators are not stable across versions, so generators
never use them). Integers are drawn without modulo bias by rejection on 64-bit words.

`fork(name)` gives an independent sub-stream (one per part of a problem), so adding a draw to one
part never changes another. `attempts(n)` numbers a generator's bounded rejection loop.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TypeVar

T = TypeVar("T")
WORD = 2**64


class Draw:
    def __init__(self, topic: str, seed: int, slot: int | str = 0):
        self.key = f"{topic}|{seed}|{slot}".encode()
        self.counter = 0

    def fork(self, name: str) -> Draw:
        child = Draw.__new__(Draw)
        child.key = self.key + b"/" + name.encode()
        child.counter = 0
        return child

    def word(self) -> int:
        """The next 64 bits of the stream."""
        digest = hashlib.sha256(self.key + b"#" + str(self.counter).encode()).digest()
        self.counter += 1
        return int.from_bytes(digest[:8], "big")

    def integer(self, low: int, high: int) -> int:
        """A whole number from low to high inclusive, each equally likely."""
        if high < low:
            raise ValueError(f"empty range {low}..{high}")
        span = high - low + 1
        limit = WORD - WORD % span  # reject the top sliver: no modulo bias
        while True:
            value = self.word()
            if value < limit:
                return low + value % span

    def nonzero(self, low: int, high: int) -> int:
        """A whole number from low to high inclusive, never 0."""
        choices = [n for n in range(low, high + 1) if n != 0]
        return self.choice(choices)

    def sign(self) -> int:
        return 1 if self.integer(0, 1) else -1

    def choice(self, options: Sequence[T]) -> T:
        if not options:
            raise ValueError("nothing to choose from")
        return options[self.integer(0, len(options) - 1)]

    def sample(self, options: Sequence[T], count: int) -> list[T]:
        """`count` different options, in drawn order."""
        pool = list(options)
        if count > len(pool):
            raise ValueError(f"cannot draw {count} of {len(pool)} options")
        return [pool.pop(self.integer(0, len(pool) - 1)) for _ in range(count)]

    def shuffled(self, options: Sequence[T]) -> list[T]:
        return self.sample(options, len(options))

    def fraction(self, numerators: Sequence[int], denominators: Sequence[int]) -> Fraction:
        return Fraction(self.choice(numerators), self.choice(denominators))

    def weighted(self, options: Sequence[tuple[T, int]]) -> T:
        """One option, with probability proportional to its integer weight."""
        total = sum(weight for _, weight in options)
        pick = self.integer(1, total)
        for option, weight in options:
            pick -= weight
            if pick <= 0:
                return option
        raise AssertionError("unreachable")  # pragma: no cover


def attempts(limit: int) -> Iterator[int]:
    """The bounded rejection loop: `for attempt in attempts(50): ... if ok: return`."""
    yield from range(limit)
