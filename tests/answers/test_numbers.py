"""Number answers (tutor.answers.numbers): tolerances, significant figures, decimal places."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from sympy import E, Float, I, Rational, atan, log, oo, pi, sqrt, zoo

from tutor.answers.numbers import (
    NumberComparison,
    compare_numbers,
    decimal_places,
    significant_figures,
)

x = sympy.Symbol("x", real=True)


def test_default_tolerance_is_relative_not_a_rounding() -> None:
    assert not compare_numbers(Float("1e-7"), Float("2e-7")).equal
    assert compare_numbers(Float("1e-7"), Float("1.0000000001e-7")).equal
    assert not compare_numbers(Float("1e-7"), Float("1.00001e-7")).equal
    assert compare_numbers(10**12, 10**12 + 1).equal  # 1e-12 relative
    assert not compare_numbers(1, Rational(1000001, 1000000)).equal
    assert not compare_numbers(0, Float("1e-12")).equal  # absolute tolerance 0 by default


@pytest.mark.parametrize(
    "expected, given",
    [
        (sqrt(2), 2 ** Rational(1, 2)),
        (pi / 4, atan(1)),
        (sqrt(8), 2 * sqrt(2)),
        (Rational(1, 3), Fraction(1, 3)),
        (log(8) / log(2), 3),
        (E, sympy.exp(1)),
        (4 * atan(Rational(1, 5)) - atan(Rational(1, 239)), pi / 4),  # Machin
        (sympy.cos(pi / 5), (1 + sqrt(5)) / 4),
        (sympy.gamma(Rational(1, 2)) ** 2, pi),
        (I, sqrt(-1)),
    ],
    ids=str,
)
def test_exact_values_compare_at_thirty_digits(expected, given) -> None:
    found = compare_numbers(expected, given)
    assert found.equal and found.reason == "", found


def test_rel_and_abs_tolerance() -> None:
    assert compare_numbers(pi, Float("3.14159"), rel_tol=1e-5).equal
    wrong = compare_numbers(pi, Float("3.14159"))
    assert not wrong.equal
    assert "relative tolerance of 1e-9" in wrong.reason and "3.14159" in wrong.reason
    assert compare_numbers(pi, Rational(314159, 100000), abs_tol=1e-5).equal
    assert compare_numbers(0, Float("1e-12"), abs_tol=1e-9).equal
    assert not compare_numbers(pi, Rational(314, 100), rel_tol=1e-5).equal
    exact = compare_numbers(1, Rational(1000001, 1000000), rel_tol=0, abs_tol=0)
    assert not exact.equal and "exactly" in exact.reason
    assert compare_numbers(sqrt(2) ** 3, 2 * sqrt(2), rel_tol=0).equal


def test_reason_shows_enough_digits_to_see_the_difference() -> None:
    found = compare_numbers(Rational(1, 3), Rational(3333333, 10000000))
    assert not found.equal
    assert found.reason.startswith("0.3333333 is not equal")


@pytest.mark.parametrize(
    "expected, given, figures, text, equal",
    [
        (Rational(1, 3), Rational(333, 1000), 3, "0.333", True),
        (Rational(1, 3), Rational(334, 1000), 3, "0.334", False),
        (Rational(1, 3), Rational(3333, 10000), 3, "0.3333", True),  # more figures: fine
        (Rational(1, 3), Rational(1, 3), 3, None, True),  # the exact value rounds correctly
        (Rational(2, 3), Rational(667, 1000), 3, "0.667", True),
        (Rational(2, 3), Rational(666, 1000), 3, "0.666", False),  # truncated, not rounded
        (-Rational(1, 3), -Rational(333, 1000), 3, "-0.333", True),
        (sqrt(2), Rational(141, 100), 3, "1.41", True),
        (sqrt(2), Rational(142, 100), 3, "1.42", False),
        (Rational(49, 20), Rational(24, 10), 2, "2.4", True),  # 2.45 is halfway: both count
        (Rational(49, 20), Rational(25, 10), 2, "2.5", True),
        (Rational(49, 20), Rational(23, 10), 2, "2.3", False),
        (Float("6.02214076e23"), Float("6.02e23"), 3, "6.02e23", True),
        (Float("6.02214076e23"), Float("6.03e23"), 3, "6.03e23", False),
        (Rational(9996, 1000), 10, 3, "10.0", True),  # rounding carries into a new figure
        (Rational(9996, 1000), Rational(999, 100), 3, "9.99", False),
        (pi * 1000, 3142, 4, "3142", True),
        (pi * 1000, 3140, 3, "3140", True),
    ],
    ids=str,
)
def test_significant_figures(expected, given, figures, text, equal) -> None:
    found = compare_numbers(expected, given, sig_figs=figures, given_text=text)
    assert found.equal is equal, found
    if not equal:
        assert f"at {figures} significant figures" in found.reason


def test_fewer_figures_than_asked_is_said() -> None:
    found = compare_numbers(Rational(5, 2), Rational(5, 2), sig_figs=3, given_text="2.5")
    assert found.equal and found.figures_given == 2
    assert found.reason == "you gave 2 significant figures; 3 were asked"
    enough = compare_numbers(Rational(5, 2), Rational(5, 2), sig_figs=3, given_text="2.50")
    assert enough.equal and enough.reason == "" and enough.figures_given == 3
    short = compare_numbers(Rational(1, 3), Rational(3, 10), sig_figs=3, given_text="0.3")
    assert not short.equal
    assert short.reason.endswith("you gave 1 significant figure; 3 were asked")


@pytest.mark.parametrize(
    "expected, given, places, text, equal, reason",
    [
        (Rational(5, 2), Rational(5, 2), 2, "2.50", True, ""),
        (Rational(5, 2), Rational(5, 2), 2, "2.5", True, "you gave 1 decimal place; 2 were asked"),
        (pi, Rational(314, 100), 2, "3.14", True, ""),
        (pi, Rational(315, 100), 2, "3.15", False, "3.15 does not round to the expected value at"
         " 2 decimal places"),
        (pi, Rational(3142, 1000), 2, "3.142", True, ""),
        (E, Rational(2718, 1000), 3, "2.718", True, ""),
        (E, Rational(2719, 1000), 3, "2.719", False, "2.719 does not round to the expected value"
         " at 3 decimal places"),
        (Rational(1, 8), Rational(13, 100), 2, "0.13", True, ""),  # 0.125: halfway
        (Rational(1, 8), Rational(12, 100), 2, "0.12", True, ""),
        (-Rational(7, 3), -Rational(233, 100), 2, "-2.33", True, ""),
        (Rational(7, 2), 4, 0, "4", True, ""),
        (Rational(7, 2), 3, 0, "3", True, ""),
    ],
    ids=str,
)  # fmt: skip
def test_decimal_places(expected, given, places, text, equal, reason) -> None:
    found = compare_numbers(expected, given, decimal_places=places, given_text=text)
    assert (found.equal, found.reason) == (equal, reason)


@pytest.mark.parametrize(
    "given, words",
    [
        (sqrt(-2), "is not a real number"),
        (1 + I, "is not a real number"),
        (zoo, "your answer is undefined"),
        (sympy.nan, "your answer is undefined"),
        (x + 1, "your answer is undefined (it contains a variable)"),
        (sympy.Function("f")(2), "your answer is undefined"),
        (oo, "is not infinite"),
    ],
    ids=str,
)
def test_non_real_or_undefined_answers(given, words) -> None:
    found = compare_numbers(sqrt(2), given)
    assert not found.equal
    assert words in found.reason


def test_infinities() -> None:
    assert compare_numbers(oo, oo).equal
    assert not compare_numbers(oo, -oo).equal
    assert not compare_numbers(oo, 10**100).equal


def test_python_numbers() -> None:
    assert compare_numbers(Fraction(1, 4), 0.25).equal
    assert compare_numbers(3, 3.0).equal
    assert not compare_numbers(0.1, 0.2).equal
    assert compare_numbers(0.1 + 0.2, 0.3).equal  # binary rounding is far below 1e-9


def test_reasons_do_not_reveal_the_expected_value() -> None:
    for found in (
        compare_numbers(Rational(22, 7), 3),
        compare_numbers(Rational(22, 7), 3, sig_figs=3, given_text="3"),
        compare_numbers(Rational(22, 7), 3, decimal_places=1, given_text="3"),
    ):
        assert not found.equal
        assert "3.14" not in found.reason and "22/7" not in found.reason


def test_values_are_reported() -> None:
    found = compare_numbers(Rational(1, 3), Rational(333, 1000))
    assert isinstance(found, NumberComparison)
    assert float(found.given_value) == 0.333
    assert float(found.expected_value) == pytest.approx(1 / 3)
    undefined = compare_numbers(1, zoo)
    assert undefined.given_value is None


def test_bad_calls() -> None:
    with pytest.raises(ValueError):
        compare_numbers(x, 1)
    with pytest.raises(ValueError):
        compare_numbers(1, 1, sig_figs=2, decimal_places=2)
    with pytest.raises(TypeError):
        compare_numbers(1, "1")


@pytest.mark.parametrize(
    "text, figures, places",
    [
        ("2.50", 3, 2),
        ("2.5", 2, 1),
        ("0.00250", 3, 5),
        ("2500", 2, 0),
        ("2500.", 4, 0),
        ("-3.1e5", 2, None),
        ("6.02E23", 3, None),
        ("0", 1, 0),
        ("0.0", 1, 1),
        (".5", 1, 1),
        ("−1.20", 3, 2),
        (" 12 ", 2, 0),
        ("1/3", None, None),
        ("sqrt(2)", None, None),
        ("", None, None),
    ],
    ids=str,
)
def test_counting_figures(text, figures, places) -> None:
    assert significant_figures(text) == figures
    assert decimal_places(text) == places
