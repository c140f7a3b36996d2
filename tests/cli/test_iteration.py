"""`tutor newton` and `tutor descent`: output, formats, bad arguments (exit 2, one line)."""

from __future__ import annotations

import json

import pytest

from tutor.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_newton_text(capsys):
    code, out, err = run(capsys, "newton", "x^3 - 2x - 5", "--x0", "2", "--steps", "5")
    assert code == 0 and err == ""
    assert "f(x) = x³ − 2x − 5" in out
    assert "xₙ₊₁ = xₙ − f(xₙ)/f'(xₙ)" in out
    assert "21/10 ≈ 2.1" in out and "2.094551482" in out
    assert "values to 10 significant figures" in out


def test_newton_tolerance_digits_and_variable(capsys):
    code, out, _ = run(
        capsys, "newton", "cos(t) - t", "--x0", "1", "--tol", "1e-8", "--digits", "6", "--var", "t"
    )
    assert code == 0
    assert "values to 6 significant figures" in out and "0.739085" in out
    assert "Converged after" in out and "< 10⁻⁸" in out


def test_newton_negative_start_and_cycle(capsys):
    code, out, _ = run(capsys, "newton", "x^3 - 2x + 2", "--x0=0")
    assert code == 0 and "Cycling" in out
    code, out, _ = run(capsys, "newton", "x^2 - 1", "--x0=-1/2", "--steps", "2")
    assert code == 0 and "x₀ = −1/2" in out


def test_newton_latex_and_json(capsys):
    code, out, _ = run(capsys, "newton", "x^2 - 2", "--x0", "1", "--format", "latex")
    assert code == 0 and out.startswith(r"\begin{array}") and r"\frac{577}{408}" in out
    code, out, _ = run(capsys, "newton", "x^2 - 2", "--x0", "1", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["rule"] == "newton_raphson"
    assert data["details"]["outcome"] == "converged"


def test_newton_detail_levels(capsys):
    _, brief, _ = run(capsys, "newton", "x^2 - 2", "--x0", "1", "--detail", "brief")
    _, full, _ = run(capsys, "newton", "x^2 - 2", "--x0", "1", "--detail", "full")
    assert "Sum rule" not in brief and "Row 0:" in full


def test_descent_text(capsys):
    code, out, err = run(
        capsys, "descent", "x^2 + 3y^2", "--start", "1,1", "--rate", "0.1", "--steps", "10"
    )
    assert code == 0 and err == ""
    assert "f(x, y) = x² + 3y²" in out and "∇f = (2x, 6y)" in out
    assert "(4/5, 2/5)" in out and "Stopped after 10 steps" in out


def test_descent_diverging_states_the_stable_rate(capsys):
    code, out, _ = run(capsys, "descent", "x^2 + 3y^2", "--start", "1,1", "--rate", "0.5")
    assert code == 0
    assert "Diverging" in out and "η < 2/λₘₐₓ = 1/3" in out


def test_descent_vars_latex_json(capsys):
    argv = ("descent", "a^2 + b^2", "--start", "2,1", "--rate", "1/4", "--vars", "b,a")
    code, out, _ = run(capsys, *argv, "--format", "latex", "--tol", "1e-6")
    assert code == 0 and r"\nabla f" in out
    code, out, _ = run(capsys, *argv, "--format", "json", "--steps", "3")
    data = json.loads(out)
    assert data["rule"] == "gradient_descent" and data["details"]["iterations"] == 3
    assert [v["sympy"] for v in data["details"]["variables"]] == ["b", "a"]


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["newton", "x*y", "--x0", "1"], "one variable"),
        (["newton", "x^2 - 2", "--x0", "1", "--steps", "0"], "--steps"),
        (["newton", "x^2 - 2", "--x0", "1", "--steps", "500"], "--steps"),
        (["newton", "x^2 - 2", "--x0", "1", "--tol", "-1"], "--tol"),
        (["newton", "x^2 - 2", "--x0", "1", "--digits", "1"], "--digits"),
        (["newton", "x^2 - 2", "--x0", "banana"], "--x0"),
        (["newton", "x^2 - 2"], "--x0"),
        (["newton", "x^2 - 2", "--x0", "1", "--var", "x,y"], "--var"),
        (["descent", "x^2 + y^2", "--start", "1", "--rate", "0.1"], "2 coordinates"),
        (["descent", "x^2 + y^2", "--start", "1,1", "--rate", "0"], "--rate"),
        (["descent", "x^2 + y^2", "--start", "1,1", "--rate", "-1/2"], "--rate"),
        (["descent", "x^2 + y^2", "--start", "1,1", "--rate", "1", "--steps", "0"], "--steps"),
        (["descent", "x^2 + y^2", "--start", "1,1", "--rate", "1", "--steps", "2000"], "--steps"),
        (["descent", "w + x + y + z", "--start", "1,1,1,1", "--rate", "1"], "1 to 3"),
        (["descent", "x^2 + y^2", "--start", "1", "--rate", "1", "--vars", "x"], "--vars"),
        (["descent", "7", "--start", "1", "--rate", "1"], "no variable"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("tutor: error:") and err.count("\n") == 1
    assert fragment in err
