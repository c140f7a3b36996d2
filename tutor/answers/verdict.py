"""The Verdict record: what the checker says about one typed answer, and how sure it is.

- `status`: one of STATUSES. `correct_unsimplified` is right but not in the form asked for; the
  problem's form policy decides whether it counts (`correct`). `ambiguous` means the answer can be
  read two ways that get different marks (1/2x), so the student is asked, not marked.
- `correct`: whether it earns the mark.
- `feedback`: sentences for the student.
- `reading`: how the answer was read (text and LaTeX), echoed so the student sees it.
- `mistake`: a stable tag when a known mistake explains the answer (`missing_chain_factor`, ...).
- `certainty`: how the verdict was reached: "proved equal", "equal at 12 points",
  "differs at x = 2".
- `counterexample`: where the answers differ, when one was found: {"at": {"x": "2"},
  "yours": "3", "expected": "5"}.
- `notes`: remarks that do not change the mark (domain: "agrees only for x > 0"; removable points).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tutor.parse import ANSWER_KINDS

STATUSES = ("correct", "correct_unsimplified", "incorrect", "invalid", "timeout", "ambiguous")
KINDS = ANSWER_KINDS  # the kinds the parser can read are the kinds that can be checked
FORM_POLICIES = ("accept", "note", "reject")  # what a correct but unsimplified answer earns


@dataclass(frozen=True)
class AnswerReading:
    text: str  # how we read the answer, in Unicode text
    latex: str  # the same in LaTeX
    syntax: str  # "text" or "latex": which syntax the input was read in


@dataclass(frozen=True)
class Verdict:
    status: str
    correct: bool
    feedback: str
    reading: AnswerReading | None = None
    mistake: str | None = None
    certainty: str = ""
    counterexample: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown verdict status {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data
