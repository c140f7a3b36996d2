"""Problem ids: a short string that regenerates its problem exactly.

Form: ``<topic>.<difficulty letter>.<seed in base 36>.<generator version>``, for example
``chain-rule.m.2k9f.1``. Topic keys use lower-case letters, digits and hyphens only, so the
dots separate the fields. The generator version changes whenever a generator's output for a
given seed changes, so an old id is refused rather than silently giving a different problem.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass

DIFFICULTIES = ("easy", "medium", "hard")
LETTERS = {"easy": "e", "medium": "m", "hard": "h"}
DIGITS = string.digits + string.ascii_lowercase
MAX_SEED = 36**12 - 1


@dataclass(frozen=True)
class ProblemId:
    topic: str
    difficulty: str
    seed: int
    version: int

    def __str__(self) -> str:
        return f"{self.topic}.{LETTERS[self.difficulty]}.{to_base36(self.seed)}.{self.version}"


def to_base36(number: int) -> str:
    if number < 0:
        raise ValueError(f"seeds are whole numbers from 0, not {number}")
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = DIGITS[digit] + out
        if number == 0:
            return out


def parse_id(text: str) -> ProblemId:
    """The fields of an id; a one-line ValueError says which part is wrong."""
    parts = text.strip().split(".")
    if len(parts) != 4:
        raise ValueError(
            f"problem id {text!r} should look like chain-rule.m.2k9f.1"
            " (topic.difficulty.seed.version)"
        )
    topic, letter, seed, version = parts
    by_letter = {v: k for k, v in LETTERS.items()}
    if letter not in by_letter:
        raise ValueError(f"problem id {text!r}: difficulty must be e, m or h, not {letter!r}")
    if not seed or len(seed) > 12 or any(c not in DIGITS for c in seed):
        raise ValueError(f"problem id {text!r}: the seed {seed!r} is not a base-36 number")
    if not version.isdigit() or len(version) > 4:
        raise ValueError(f"problem id {text!r}: the version {version!r} is not a number")
    return ProblemId(topic, by_letter[letter], int(seed, 36), int(version))


def slot_seed(*parts: object) -> int:
    """A problem seed for one slot of a set, from the set's seed and the slot's position: per-slot
    seeds, so replacing one problem of a sheet never changes another."""
    key = "|".join(str(part) for part in parts).encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:5], "big")  # 40 bits: 8 base-36 digits
