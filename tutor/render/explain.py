"""One step's explanation: its message template filled with the step's values in a notation.

`explain(step, notation, detail)` is what the text, LaTeX and JSON renderers all use, so the three
say the same thing. Placeholders are described in tutor.render.messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import sympy as sp

from tutor.render.messages import CONDITIONS_NOTE, MESSAGES, NOWHERE_NOTE, TITLES
from tutor.render.notations import TextNotation
from tutor.steps import RULES
from tutor.steps.step import Step

FACTOR_NAMES = ("f", "g", "h", "k")


@cache
def rule_metadata() -> Mapping[str, Any]:
    """rule id -> the engine's rule object (title, formula, formula_text), for every known rule."""
    table: dict[str, Any] = {rule.id: rule for rule in RULES}
    try:
        from tutor.steps.first_principles import FIRST_PRINCIPLES_RULES
    except ImportError:  # pragma: no cover - the module is part of the package
        FIRST_PRINCIPLES_RULES = {}
    for rule_id, title in FIRST_PRINCIPLES_RULES.items():
        table.setdefault(rule_id, title)
    return table


def title_of(rule_id: str) -> str:
    known = rule_metadata().get(rule_id)
    if isinstance(known, str):
        return known
    return getattr(known, "title", None) or TITLES.get(rule_id, rule_id)


def formula_of(rule_id: str, notation: TextNotation) -> str | None:
    rule = rule_metadata().get(rule_id)
    if rule is None or isinstance(rule, str):
        return None
    return rule.formula if notation.name == "latex" else rule.formula_text


def factor_name(index: int) -> str:
    return FACTOR_NAMES[index] if index < len(FACTOR_NAMES) else f"f_{index + 1}"


def _value(notation: TextNotation, value: Any) -> str:
    if isinstance(value, sp.Basic):
        return notation.inline(notation.math(value))
    if isinstance(value, (list, tuple)):
        if all(isinstance(item, tuple) and len(item) == 2 for item in value):
            # (limit, value) pairs, such as the standard limits: "lim … = 1, lim … = 0"
            return ", ".join(
                notation.inline(f"{notation.math(a)} = {notation.math(b)}") for a, b in value
            )
        return ", ".join(_value(notation, item) for item in value)
    return notation.words(str(value))


def placeholders(step: Step, notation: TextNotation) -> dict[str, str]:
    values = {key: _value(notation, value) for key, value in step.details.items()}
    values.update(
        var=_value(notation, step.var) if step.var is not None else "",
        expr=_value(notation, step.expr),
        result=_value(notation, step.result),
    )
    formula = formula_of(step.rule, notation)
    values["formula"] = notation.inline(formula) if formula else ""
    if step.rule == "product":
        values["factor_list"] = ", ".join(
            notation.inline(f"{factor_name(i)} = {notation.math(factor)}")
            for i, factor in enumerate(step.details["factors"])
        )
    if step.rule == "chain":
        letter = step.details["letter"]
        values["outer_name"] = _value(notation, step.details["outer"])
        values["outer_label"] = notation.inline(
            notation.derivative(step.details["outer"], step.var)
        )
        values["inner_label"] = notation.inline(notation.leibniz(letter, step.var))
    return values


def fill(template: str, values: Mapping[str, Any], notation: TextNotation) -> str:
    """A template filled in a notation: literal words escaped for it, values written in it
    (strings are taken as already written; sympy values and lists become inline maths)."""
    written = {k: v if isinstance(v, str) else _value(notation, v) for k, v in values.items()}
    literal = template.split("{")
    pieces = [notation.words(literal[0])]
    for chunk in literal[1:]:
        name, _, rest = chunk.partition("}")
        pieces.append(written.get(name, notation.words(name)))
        pieces.append(notation.words(rest))
    return "".join(pieces)


def explain(step: Step, notation: TextNotation, detail: str = "standard") -> str:
    """The sentence for this step, with its condition, in the given notation."""
    template = MESSAGES.get(step.rule, "{rule}")
    values = {"rule": notation.words(step.rule), **placeholders(step, notation)}
    text = fill(template, values, notation)
    formula = values["formula"]
    if detail == "full" and formula and "{formula}" not in template:
        text = f"{text}; in general {formula}" if text else formula
    condition = step.details.get("condition")
    if condition is not None and condition is not sp.true:
        text += notation.words(" (valid for ") + notation.inline(notation.condition(condition))
        text += notation.words(")")
    return text


def validity(step: Step, notation: TextNotation) -> str:
    """Where a derivation's answer holds, from its root's gathered conditions; '' if everywhere."""
    conditions = step.details.get("conditions", ())
    if not conditions:
        return ""
    if sp.false in conditions:
        return notation.words(NOWHERE_NOTE.replace("{var}", str(step.var)))
    stated = " and ".join(notation.inline(notation.condition(c)) for c in conditions)
    before, _, after = CONDITIONS_NOTE.partition("{conditions}")
    return notation.words(before) + stated + notation.words(after)
