"""Is the student's expression equal to the expected one? Layered, with a stated certainty.

``equivalent(expected, given)`` returns an ``Equivalence``: the relation ("equal", "different",
"equal_where_both_defined", "undetermined"), how it was reached ("proved equal", "equal at 12
points", "differs at x = 2"), a counterexample for the student and domain notes. Layers,
cheapest first, each bounded in time:

(a) ``canonical.cheap_proof``: structure, then expand/cancel of the difference on small trees.
(b) sample points in the real domain of the expected answer (``sampling``): pleasant points
    first (2, 1/2, 3, -1, ...), so a counterexample reads "at x = 2", then seeded random reals
    in several ranges, then points near the usable ones (narrow domains); 30 digits.
(c) domain awareness, at the same points: where only one answer is defined. The expected
    answer's real domain is the reference. A single such point with values on both sides is a
    hole (a note: "your answer is undefined at x = 1, where the expected answer is 2"); roots
    of small polynomial denominators are checked for holes as well
    (``regions.pole_candidates``). A region where only the given answer is defined (ln(x^2)
    for 2 ln x) makes the relation "equal_where_both_defined", with a note such as "agrees
    only for x > 0"; a region of the expected domain where the given answer is undefined (2 ln x
    for ln(x^2)) makes it "different", with that counterexample and note.
(d) when the expected answer is nowhere real: complex values at real points, then complex
    points.
(e) with ``prove=True``, a numeric "equal" is upgraded to "proved equal" by the bounded
    ``canonical.trig_proof``. The slow ``canonical.symbolic_proof`` is exposed here for a worker
    process with a timeout and never runs inside ``equivalent``.

Constants of integration are the caller's business. To add a layer, keep it bounded and put it
where its cost fits: before sampling if it is cheaper than ~30 evaluations, after it otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import mpmath
import sympy

from tutor.answers import regions
from tutor.answers.canonical import cheap_proof, symbolic_proof, trig_proof
from tutor.answers.comparison import (
    AGREE,
    DIFFER,
    NEITHER,
    ONLY_EXPECTED,
    ONLY_GIVEN,
    Outcome,
    Pair,
    Raw,
    first,
    to_mpmath,
)
from tutor.answers.display import describe_point, format_number, point_values
from tutor.answers.numeric import (
    DPS,
    REAL,
    SEMI,
    Undefined,
    Unevaluable,
    as_expr,
    compile_expression,
)
from tutor.answers.sampling import (
    EXTRA_RANGES,
    RANGES,
    near,
    pleasant_points,
    random_complex,
    random_reals,
)

__all__ = ["RELATIONS", "Equivalence", "equivalent", "symbolic_proof"]

RELATIONS = ("equal", "different", "equal_where_both_defined", "undetermined")
FIRST_PLEASANT = 8  # pleasant points tried before the random ones
RANDOM_PER_SET = 24  # random reals from RANGES, then as many from RANGES + EXTRA_RANGES
NEAR_POINTS = 24  # points near the usable ones, for narrow domains
COMPLEX_POINTS = 16
MIN_POINTS = 4  # fewer agreeing points than this decide nothing
REGION_MIN = 3  # agreeing points needed to describe where a different answer agrees
REGION_RANDOM = 10  # after a difference, random points still compared (to describe a region)


@dataclass(frozen=True)
class Equivalence:
    relation: str  # one of RELATIONS
    certainty: str  # "proved equal", "equal at 12 points", "differs at x = 2", ...
    counterexample: dict[str, Any] | None = None  # {"at": {"x": "2"}, "yours": .., "expected": ..}
    notes: tuple[str, ...] = ()  # domain notes, removable points

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}")


@dataclass(frozen=True)
class _Task:
    expected: sympy.Basic
    given: sympy.Basic
    symbols: tuple[sympy.Symbol, ...]
    seed: int
    points: int
    rel_tol: float

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.symbols]


def _ordered(
    expected: sympy.Basic, given: sympy.Basic, variables: Iterable[sympy.Symbol] | None
) -> tuple[sympy.Symbol, ...]:
    chosen = list(dict.fromkeys(variables or ()))
    extra = (expected.free_symbols | given.free_symbols) - set(chosen)
    return tuple(chosen) + tuple(sorted(extra, key=sympy.default_sort_key))


def equivalent(
    expected: sympy.Basic,
    given: sympy.Basic,
    variables: Iterable[sympy.Symbol] | None = None,
    *,
    seed: int = 0,
    points: int = 12,
    rel_tol: float = 1e-12,
    prove: bool = True,
) -> Equivalence:
    """Compare ``given`` with ``expected`` (see the module docstring). ``variables`` fixes the
    order in counterexamples; other free symbols are sampled too. Deterministic for a seed."""
    if points < 1:
        raise ValueError("points must be at least 1")
    expected, given = as_expr(expected), as_expr(given)
    task = _Task(expected, given, _ordered(expected, given, variables), seed, points, rel_tol)
    try:
        with mpmath.workdps(DPS):
            if cheap_proof(expected, given):
                notes = tuple(dict.fromkeys(_pole_notes(task, None)))
                return Equivalence("equal", "proved equal", None, notes)
            result = _numeric(task)
    except Unevaluable as error:
        return Equivalence("undetermined", f"cannot evaluate numerically ({error})")
    if prove and result.relation == "equal" and trig_proof(expected, given):
        return replace(result, certainty="proved equal")
    return result


# ---------------------------------------------------------------------------------------------
# Sampling tiers
# ---------------------------------------------------------------------------------------------


def _real_candidates(task: _Task, found: list[Raw]) -> Iterator[Raw]:
    n = len(task.symbols)
    if n == 0:
        yield ()
        return
    pleasant = pleasant_points(n)
    yield from pleasant[:FIRST_PLEASANT]
    yield from random_reals(n, task.seed, RANDOM_PER_SET, (RANGES, RANGES + EXTRA_RANGES))
    yield from near(found, task.seed + 2, NEAR_POINTS)
    yield from pleasant[FIRST_PLEASANT:]


def _survey(pair: Pair, task: _Task, complex_points: bool = False) -> list[Outcome]:
    """Outcomes until ``task.points`` points agree; after a difference, only until the pleasant
    points and REGION_RANDOM random ones have been seen, to describe where the answers agree."""
    found: list[Raw] = []
    n = len(task.symbols)
    if complex_points:
        candidates: Iterable[Raw] = random_complex(n, task.seed + 1, COMPLEX_POINTS)
    else:
        candidates = _real_candidates(task, found)
    first_round = FIRST_PLEASANT + REGION_RANDOM
    outcomes: list[Outcome] = []
    agree, stop_at = 0, None
    for i, raw in enumerate(candidates):
        outcome = pair.outcome(raw)
        outcomes.append(outcome)
        if outcome.status in (AGREE, DIFFER, ONLY_EXPECTED, ONLY_GIVEN):
            found.append(raw)
        agree += outcome.status == AGREE
        if outcome.status == DIFFER and stop_at is None:
            stop_at = max(i, first_round - 1)
        if (stop_at is not None and i >= stop_at) or (stop_at is None and agree >= task.points):
            break
    return outcomes


def _numeric(task: _Task) -> Equivalence:
    real = Pair(task.expected, task.given, task.symbols, REAL, task.rel_tol)
    verdict = _judge(real, _survey(real, task), task, "", domains=True)
    if verdict is not None:
        return verdict
    semi = Pair(task.expected, task.given, task.symbols, SEMI, task.rel_tol)
    tiers = ((False, " (complex values)"), (True, " (complex points)"))
    for complex_points, label in tiers if task.symbols else tiers[:1]:
        verdict = _judge(semi, _survey(semi, task, complex_points), task, label, domains=False)
        if verdict is not None:
            return verdict
    return Equivalence("undetermined", "no point where the expected answer is defined")


# ---------------------------------------------------------------------------------------------
# Verdicts
# ---------------------------------------------------------------------------------------------


def _is_pleasant(raw: Raw) -> bool:
    return all(isinstance(v, Fraction) for v in raw)


def _counterexample(task: _Task, outcome: Outcome) -> dict[str, Any]:
    return {
        "at": point_values(task.symbols, to_mpmath(outcome.raw)),
        "yours": format_number(outcome.given),
        "expected": format_number(outcome.expected),
    }


def _judge(
    pair: Pair, outcomes: list[Outcome], task: _Task, label: str, domains: bool
) -> Equivalence | None:
    """The verdict of one tier, or None when the expected answer had no value in it."""
    if first(outcomes, DIFFER):
        return _different(pair, outcomes, task)
    agree = [o for o in outcomes if o.status == AGREE]
    if not agree:
        missing = first(outcomes, ONLY_EXPECTED)
        return None if missing is None else _different(pair, outcomes, task, missing)
    if len(agree) < (1 if not task.symbols else min(MIN_POINTS, task.points)):
        count = f"{len(agree)} point{'s' if len(agree) > 1 else ''}"
        return Equivalence("undetermined", f"agree at only {count} where both are defined")
    constant = not task.symbols
    certainty = "equal numerically" if constant else f"equal at {len(agree)} points{label}"
    if not domains:
        return Equivalence("equal", certainty)
    return _with_domains(pair, outcomes, task, certainty)


def _with_domains(pair: Pair, outcomes: list[Outcome], task: _Task, certainty: str) -> Equivalence:
    """Equal at the points where both are defined; what about the others? The expected answer's
    domain is the reference: the given one undefined on part of it is a different answer, the
    given one defined beyond it is equal where both are defined; single points are notes."""
    one_sided = [o for o in outcomes if o.status in (ONLY_EXPECTED, ONLY_GIVEN)]
    holes = [o for o in one_sided if _is_pleasant(o.raw) and pair.isolated(o)]
    gaps = [o for o in one_sided if o not in holes]
    missing = next((o for o in gaps if o.status == ONLY_EXPECTED), None)
    if missing is not None:
        return _different(pair, [o for o in outcomes if o not in holes], task, missing)
    agree = [o for o in outcomes if o.status == AGREE]
    notes = tuple(dict.fromkeys(_hole_notes(task, holes) + _pole_notes(task, agree[0].raw)))
    if not gaps:
        return Equivalence("equal", certainty, None, notes)
    neither = [o.raw for o in outcomes if o.status == NEITHER]
    region = regions.describe_region(
        task.names, [o.raw for o in agree], [o.raw for o in gaps], neither
    )
    where = f"agrees only for {region}" if region else "agrees only where both are defined"
    return Equivalence(
        "equal_where_both_defined",
        f"{certainty} where both are defined",
        _counterexample(task, gaps[0]),
        (where, _gap_note(task, gaps[0]), *notes),
    )


def _gap_note(task: _Task, gap: Outcome) -> str:
    where = describe_point(point_values(task.symbols, to_mpmath(gap.raw)))
    return f"your answer is defined at {where}, where the expected answer is not"


def _different(
    pair: Pair, outcomes: list[Outcome], task: _Task, chosen: Outcome | None = None
) -> Equivalence:
    chosen = chosen or _nicest_difference(pair, outcomes, task)
    example = _counterexample(task, chosen)
    where = describe_point(example["at"])
    certainty = f"differs at {where}" if where else "the values differ"
    notes: tuple[str, ...] = ()
    agree = [o.raw for o in outcomes if o.status == AGREE]
    if len(agree) >= REGION_MIN and all(isinstance(v, Fraction | float) for v in agree[0]):
        others = [o.raw for o in outcomes if o.status in (DIFFER, ONLY_EXPECTED, ONLY_GIVEN)]
        neither = [o.raw for o in outcomes if o.status == NEITHER]
        region = regions.describe_region(task.names, agree, others, neither)
        notes = (f"agrees only for {region}",) if region else ()
    return Equivalence("different", certainty, example, notes)


def _nicest_difference(pair: Pair, outcomes: list[Outcome], task: _Task) -> Outcome:
    """The first difference, or a later pleasant point where the answers differ too."""
    found = first(outcomes, DIFFER)
    assert found is not None
    if _is_pleasant(found.raw) or not task.symbols or isinstance(found.raw[0], complex):
        return found
    seen = {o.raw for o in outcomes}
    for raw in pleasant_points(len(task.symbols))[FIRST_PLEASANT:]:
        if raw not in seen:
            outcome = pair.outcome(raw)
            if outcome.status == DIFFER:
                return outcome
    return found


# ---------------------------------------------------------------------------------------------
# Holes (removable points)
# ---------------------------------------------------------------------------------------------


def _hole_notes(task: _Task, holes: Sequence[Outcome]) -> list[str]:
    notes = []
    for hole in holes:
        at = point_values(task.symbols, to_mpmath(hole.raw))
        given_missing = hole.status == ONLY_EXPECTED
        other = hole.expected if given_missing else hole.given
        notes.append(_hole_sentence(task, describe_point(at), given_missing, other))
    return notes


def _hole_sentence(task: _Task, where: str, given_missing: bool, other: object) -> str:
    if len(task.symbols) == 1:
        return regions.hole_note(where, given_missing, other)
    whose, other_whose = ("your", "the expected") if given_missing else ("the expected", "your")
    return f"{whose} answer is undefined where {where}; {other_whose} answer is defined there"


def _pole_notes(task: _Task, base: Raw | None) -> list[str]:
    """Holes at the real roots of small polynomial denominators of either answer."""
    given_poles = regions.pole_candidates(task.given)
    expected_poles = regions.pole_candidates(task.expected)
    if not given_poles and not expected_poles:
        return []
    n = len(task.symbols)
    base = base if base is not None else pleasant_points(n)[0]
    notes = []
    for given_missing, poles, others in (
        (True, given_poles, expected_poles),
        (False, expected_poles, given_poles),
    ):
        for var, root in poles:
            if (var, root) in others or var not in task.symbols:
                continue
            value = _defined_value(task, given_missing, base, var, root)
            if value is not None:
                where = f"{var.name} = {regions.root_text(root)}"
                notes.append(_hole_sentence(task, where, given_missing, value))
    return notes


def _defined_value(
    task: _Task, of_expected: bool, base: Raw, var: sympy.Symbol, root: sympy.Expr
) -> object | None:
    """The value of the other answer where ``var`` = ``root`` (None if it is undefined too)."""
    k = task.symbols.index(var)
    point = list(to_mpmath(base))
    point[k] = mpmath.mpf(sympy.Float(root.evalf(DPS + 5), DPS + 5)._mpf_)
    expr = task.expected if of_expected else task.given
    try:
        return compile_expression(expr, task.symbols, REAL, dps=None)(tuple(point))
    except (Undefined, Unevaluable):
        return None
