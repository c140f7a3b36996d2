"""The differentiation rules. Importing this package fills the registry `RULES`, in priority order.

Each module owns a family; see tutor.steps.rules.base for the Rule interface.
"""

from tutor.steps.rules import algebraic, basic, chain, elementary, logs, unknown  # noqa: F401
from tutor.steps.rules.base import RULES, Rule

__all__ = ["RULES", "Rule"]
