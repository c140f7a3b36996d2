"""The solvers' sentences (weeks 2-6), one module per family, merged into the one wording table.

Each module has `MESSAGES` (rule id -> template, placeholders as in tutor.render.messages) and
`TITLES` (rule id -> a short title). tutor.render.messages merges them; a rule id may appear in
one module only (tests/render/test_solution_wording.py).
"""

from __future__ import annotations

from tutor.render.wording import chain, critical, iteration, multivariate, regression, taylor

FAMILIES = (multivariate, chain, taylor, iteration, critical, regression)

SOLVER_MESSAGES: dict[str, str] = {}
SOLVER_TITLES: dict[str, str] = {}
for _family in FAMILIES:
    SOLVER_MESSAGES.update(_family.MESSAGES)
    SOLVER_TITLES.update(_family.TITLES)
