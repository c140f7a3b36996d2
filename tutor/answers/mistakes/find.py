"""``find_mistake``: the candidates for an answer's kind and context, compared in order.

The candidate stream for each kind (first match wins, so specific models come first):

- ``expr``/``number``: Newton's method (``newton``), Taylor (``taylor``) or derivative
  (``function`` + ``var``, optionally at the point ``at``) models; then, when both answers are
  numbers, the numeric models; then the context-free sign models.
- ``antiderivative``: the antiderivative models (variable ``var`` or the answer's one symbol).
- ``vector``/``matrix``: a transposed matrix; then the derivative models component by component
  (gradient: ``function`` + ``variables``; Jacobian: ``function`` a sequence + ``variables``).
- ``set``: the multiplier listed with each point (``multiplier``).
- ``equation``: no models yet.

At most MAX_CANDIDATES candidates are compared per call; structural duplicates, candidates
identical to the expected answer and candidates that clearly differ from the student's answer at
one sample point (``probe.py``; not for antiderivatives, which may differ by a constant) are
skipped without calling ``same``, so ``same`` usually runs once or twice per call. A model that
raises (a sympy corner case) ends its own stream, never the checker's: naming a mistake is
advice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import sympy as sp

from tutor.answers.mistakes.base import Candidate, Mistake, number, symbol
from tutor.answers.mistakes.derivative import derivative_candidates
from tutor.answers.mistakes.generic import negation, term_flips
from tutor.answers.mistakes.integral import antiderivative_candidates
from tutor.answers.mistakes.newton import newton_candidates
from tutor.answers.mistakes.numeric import numeric_candidates
from tutor.answers.mistakes.probe import Probe
from tutor.answers.mistakes.shapes import componentwise, multiplier_points, transposed
from tutor.answers.mistakes.taylor import taylor_candidates
from tutor.answers.verdict import KINDS  # the answer kinds: one list for the whole checker

MAX_CANDIDATES = 60
INFINITE = (sp.zoo, sp.nan, sp.oo, -sp.oo)  # models drop deeper infinities themselves
Same = Callable[[object, object], bool]
Model = Callable[[], Iterable[Candidate]]


def find_mistake(
    expected: object,
    given: object,
    *,
    kind: str,
    context: Mapping[str, Any] | None,
    same: Same,
) -> Mistake | None:
    """The first known mistake whose predicted answer the student's answer matches, or None.

    Returns None for a correct answer (``same(expected, given)``) and for unknown mistakes.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown answer kind {kind!r}")
    if _same(same, expected, given):
        return None
    seen: dict[bool, set[object]] = {False: {_key(expected)}, True: set()}
    probe = Probe(given, _symbols(expected, given)) if kind != "antiderivative" else None
    for candidate in candidates(expected, given, kind=kind, context=context):
        key = _key(candidate.value)
        if key in seen[candidate.versus_expected] or candidate.value in INFINITE:
            continue
        seen[candidate.versus_expected].add(key)
        if candidate.versus_expected:
            if _same(same, candidate.value, expected):
                return candidate.mistake()
        elif not (probe and probe.clearly_different(candidate.value)):
            if _same(same, candidate.value, given):
                return candidate.mistake()
    return None


def candidates(
    expected: object, given: object, *, kind: str, context: Mapping[str, Any] | None
) -> Iterator[Candidate]:
    """The bounded stream of predicted wrong answers, in order (for tests and logs)."""
    stream = _guarded(_models(expected, given, kind, context or {}))
    return itertools.islice(stream, MAX_CANDIDATES)


def _same(same: Same, a: object, b: object) -> bool:
    try:
        return bool(same(a, b))
    except Exception:  # the caller's test refused the pair (shapes differ, ...): no match
        return False


def _key(value: object) -> object:
    """A hashable identity for structural duplicates (sympy caches its hashes)."""
    try:
        hash(value)
    except TypeError:
        return ("unhashable", id(value))
    return (type(value), value)


def _symbols(*values: object) -> set[sp.Symbol]:
    symbols: set[sp.Symbol] = set()
    for value in values:
        if isinstance(value, (tuple, list)):
            symbols |= _symbols(*value)
        elif isinstance(value, sp.Basic):
            symbols |= value.free_symbols
    return symbols


def _guarded(models: Iterable[Model]) -> Iterator[Candidate]:
    """The models' candidates in turn; a model that raises stops, the next one starts."""
    for model in models:
        try:
            yield from model()
        except Exception:  # a sympy corner case in one model must not break the checker
            continue


def _models(expected: Any, given: Any, kind: str, ctx: Mapping[str, Any]) -> list[Model]:
    if kind in ("expr", "number"):
        return _scalar_models(expected, given, ctx)
    if kind == "antiderivative":
        var = symbol(ctx["var"]) if "var" in ctx else _only_symbol(expected)
        return [lambda: antiderivative_candidates(expected, var)] if var is not None else []
    if kind in ("vector", "matrix"):
        models: list[Model] = [lambda: transposed(expected, given)]
        if "function" in ctx and "variables" in ctx:
            variables = [symbol(v) for v in ctx["variables"]]
            models.append(lambda: componentwise(expected, given, ctx["function"], variables))
        return models
    if kind == "set":
        return [lambda: multiplier_points(expected, given, ctx.get("multiplier"))]
    return []


def _scalar_models(expected: Any, given: Any, ctx: Mapping[str, Any]) -> list[Model]:
    models: list[Model] = []
    if "newton" in ctx:
        models.append(lambda: newton_candidates(ctx["newton"], given))
    elif "taylor" in ctx:
        models.append(lambda: taylor_candidates(ctx["taylor"]))
    elif "function" in ctx and "var" in ctx:
        models.append(lambda: _derivative_models(expected, ctx))
    models.append(lambda: numeric_candidates(expected, given, rounding_context="newton" in ctx))
    derivative = "function" in ctx and "var" in ctx  # its models end with these sign models
    if isinstance(expected, sp.Expr) and not derivative:
        models.append(lambda: term_flips([expected]))
        models.append(lambda: negation(expected))
    return models


def _derivative_models(expected: sp.Expr, ctx: Mapping[str, Any]) -> Iterator[Candidate]:
    var = symbol(ctx["var"])
    variables = [symbol(v) for v in ctx.get("variables", ())]
    at = {symbol(k): number(v) for k, v in (ctx.get("at") or {}).items()}
    if not at:
        yield from derivative_candidates(ctx["function"], var, expected, variables)
        return
    general = sp.diff(ctx["function"], var)
    for c in derivative_candidates(ctx["function"], var, general, variables):
        if isinstance(c.value, sp.Basic):
            yield Candidate(c.tag, c.value.subs(at), c.message)


def _only_symbol(expr: object) -> sp.Symbol | None:
    symbols: set[sp.Symbol] = getattr(expr, "free_symbols", set())
    return next(iter(symbols)) if len(symbols) == 1 else None
