"""Seeded, well-posed random problems for all six weeks, with worked solutions and answers.

`topics()` lists the registered topics; `generate(topic, seed, difficulty)` builds one Problem
(tutor.problem) whose solution comes from the engine or the solvers, never typed in;
`from_id(id)` rebuilds a problem from its id. One module per week registers its generators
(problem_bank.registry); problem_bank.sets builds teachers' problem sets from TOML specs.
"""

from problem_bank import (  # noqa: F401  (each week's module registers its topics)
    week01_derivatives,
    week02_multivariate,
    week03_chain,
    week04_taylor,
    week05_extrema,
    week05_optimisation,
    week06_regression,
)
from problem_bank.registry import GenerationError, Topic, from_id, generate, topics

__all__ = ["GenerationError", "Topic", "from_id", "generate", "topics"]
