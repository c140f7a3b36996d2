"""`tutor taylor`: the polynomial, the linearisation, the remainder bound and the two-variable
expansion; output content, formats and detail levels; bad arguments (exit 2, one line)."""

from __future__ import annotations

import json

import pytest

from tutor.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_maclaurin_polynomial(capsys):
    code, out, err = run(capsys, "taylor", "e^x sin x", "--at", "0", "--order", "4")
    assert code == 0 and err == ""
    assert "Maclaurin polynomial of order 4" in out
    assert "k  f⁽ᵏ⁾(x)" in out and "f⁽ᵏ⁾(0)/k! · xᵏ" in out
    assert "P₄(x) = x + x² + x³/3" in out
    assert "f(x) = P₄(x) + O(x⁵)" in out and "−x⁵/30" in out
    assert "R₄(x) = f⁽⁵⁾(ξ)/5! · x⁵" in out
    order = ("k  f⁽ᵏ⁾", "\nP₄(x) =", "Truncation error")
    table, polynomial, error = (out.index(s) for s in order)
    assert table < polynomial < error


def test_remainder_bound(capsys):
    code, out, _ = run(capsys, "taylor", "ln x", "--at", "1", "--order", "3", "--radius", "0.5")
    assert code == 0
    assert "P₃(x) = x − 1 − (x − 1)²/2 + (x − 1)³/3" in out
    assert "Bound for |x − 1| ≤ 1/2: on [1/2, 3/2]" in out
    assert "M = 96" in out and "|R₃(x)| ≤ M · (1/2)⁴/4! = 96 · (1/2)⁴/4! = 1/4" in out


def test_linearisation_with_estimate(capsys):
    code, out, _ = run(capsys, "taylor", "sqrt x", "--at", "4", "--linear", "--estimate", "4.1")
    assert code == 0
    assert "Linearisation about x = 4, the tangent line" in out
    assert "L(x) = 2 + (x − 4)/4 = x/4 + 1" in out
    assert "L(41/10) = 81/40 ≈ 2.025" in out
    assert "|R₁(41/10)| ≤" in out and "within the bound" in out


def test_two_variables(capsys):
    code, out, _ = run(capsys, "taylor", "e^(x y)", "--vars", "x,y", "--at", "0,0")
    assert code == 0
    assert "Quadratic approximation about (0, 0)" in out
    assert "H(0, 0) = ⎡ 0  1 ⎤" in out and "= 1 + x y" in out
    code, out, _ = run(capsys, "taylor", "e^x cos y", "--at", "0,0", "--order", "1")
    assert code == 0 and "Linear approximation (the tangent plane)" in out and "= 1 + x" in out
    code, out, _ = run(capsys, "taylor", "e^(x y)", "--at", "(1, 2)", "--linear")
    assert code == 0 and "L(x, y) =" in out


def test_centre_with_pi_and_default_order(capsys):
    code, out, _ = run(capsys, "taylor", "sin x", "--at", "pi/4")
    assert code == 0 and "Taylor polynomial of order 3 about x = π/4" in out
    assert "−√2 (x − π/4)³/12" in out


def test_formats_and_detail(capsys):
    code, out, _ = run(capsys, "taylor", "cos x", "--order", "4", "--format", "latex")
    assert code == 0 and out.startswith(r"\begin{array}") and r"\frac{x^{4}}{24}" in out
    code, out, _ = run(capsys, "taylor", "cos x", "--order", "4", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["rule"] == "taylor_polynomial" and data["details"]["order"] == 4
    _, brief, _ = run(capsys, "taylor", "cos x", "--order", "2", "--detail", "brief")
    _, full, _ = run(capsys, "taylor", "cos x", "--order", "2", "--detail", "full")
    assert "derivative of cosine" not in brief and "derivative of cosine" in full
    assert "the term of order 2" in full
    code, out, _ = run(capsys, "taylor", "e^(x y)", "--at", "0,0", "--format", "json")
    assert code == 0 and json.loads(out)["rule"] == "taylor_two_variables"


def test_unbounded_interval_is_stated(capsys):
    code, out, _ = run(capsys, "taylor", "ln x", "--at", "1", "--radius", "2")
    assert code == 0 and "no finite M" in out and "take r < 1" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["taylor", "e^x", "--order", "11"], "--order must be from 0 to 10"),
        (["taylor", "e^x", "--order", "-1"], "--order must be from 0 to 10"),
        (["taylor", "e^x", "--order", "two"], "--order must be a whole number"),
        (["taylor", "e^x", "--at", "0,0"], "--at needs 1 coordinates"),
        (["taylor", "e^(x y)", "--at", "1"], "--at needs 2 coordinates"),
        (["taylor", "e^(x y)", "--order", "3"], "--order must be from 1 to 2"),
        (["taylor", "ln x"], "undefined at x = 0 (order 0)"),
        (["taylor", "sqrt x", "--order", "2"], "undefined at x = 0 (order 1)"),
        (["taylor", "sqrt(x^2 + y^2)", "--at", "0,0"], "undefined at (0, 0) (order 1)"),
        (["taylor", "e^x", "--radius", "0"], "--radius must be positive"),
        (["taylor", "e^x", "--radius=-2"], "--radius must be positive"),
        (["taylor", "e^x", "--linear", "--order", "3"], "--linear is the expansion of order 1"),
        (["taylor", "e^(x y)", "--radius", "1"], "--radius is for one variable"),
        (["taylor", "x y z"], "one or two variables"),
        (["taylor", "x y", "--vars", "x"], "which --vars (x) does not list"),
        (["taylor", "e^x", "--at", "y"], "--at must be a real number"),
        (["taylor", "e^x +"], "EXPR"),
    ],
)
def test_bad_arguments(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("tutor: error:") and err.count("\n") == 1
    assert message in err, err
