"""The critical-point subcommands as a user meets them: stationary and lagrange; output in text,
LaTeX and JSON; bad arguments -> one line on stderr starting "tutor: error:", exit code 2."""

import json

import pytest

from tutor.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stationary_text(capsys):
    code, out, err = run(capsys, "stationary", "x^3 - 3x + y^2")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "f(x, y) = x³ − 3x + y²"
    assert "Solutions: (−1, 0), (1, 0)" in out
    assert "D < 0: a saddle point" in out and "local minimum" in out


def test_stationary_one_variable_and_declared_variables(capsys):
    code, out, _ = run(capsys, "stationary", "x^3 - 3x", "--vars", "x")
    assert code == 0 and "f'' < 0: a local maximum" in out
    code, out, _ = run(capsys, "stationary", "x^2", "--vars", "x,y")
    assert code == 0 and "Infinitely many solutions: (0, y), for every real y" in out


def test_stationary_no_real_point(capsys):
    code, out, _ = run(capsys, "stationary", "e^x + y^2")
    assert code == 0 and "No real stationary point" in out


def test_stationary_latex_and_json(capsys):
    code, out, _ = run(capsys, "stationary", "x^4 + y^4", "--format", "latex")
    assert code == 0 and out.startswith(r"\begin{array}") and r"\begin{bmatrix}" in out
    code, out, _ = run(capsys, "stationary", "x^4 + y^4", "--format", "json", "--detail", "brief")
    data = json.loads(out)
    assert data["rule"] == "stationary_points" and data["schema"] == "tutor.step/1"
    assert data["details"]["classifications"] == ["inconclusive"]


def test_stationary_latex_input(capsys):
    code, out, _ = run(capsys, "stationary", r"x^{2} + \frac{y^{2}}{2}", "--syntax", "latex")
    assert code == 0 and "Solutions: (0, 0)" in out


def test_lagrange_text(capsys):
    code, out, err = run(capsys, "lagrange", "x y", "--constraint", "x^2 + y^2 - 1")
    assert code == 0 and err == ""
    assert "L(x, y, λ) = x y − λ(x² + y² − 1)" in out
    assert "maximum f = 1/2" in out and "minimum f = −1/2" in out


def test_lagrange_equation_constraint_and_two_constraints(capsys):
    code, out, _ = run(
        capsys,
        "lagrange",
        "x + y + z",
        "--constraint",
        "x^2 + y^2 = 2",
        "--constraint",
        "x + z = 1",
    )
    assert code == 0
    assert "subject to x² + y² = 2 and x + z = 1" in out
    assert "maximum f = 1 + √2 at (0, √2, 1)" in out


def test_lagrange_constraint_cannot_be_met(capsys):
    code, out, _ = run(capsys, "lagrange", "x + y", "--constraint", "x^2 + y^2 + 1 = 0")
    assert code == 0 and "No real point satisfies the constraint" in out


def test_lagrange_json(capsys):
    code, out, _ = run(capsys, "lagrange", "x + y", "--constraint", "x y = 1", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["rule"] == "lagrange"
    assert data["details"]["bounded"] == "unbounded"


def test_lagrange_latex(capsys):
    code, out, _ = run(
        capsys,
        "lagrange",
        "x",
        "--constraint",
        "y^2 = x^3",
        "--format",
        "latex",
        "--detail",
        "full",
    )
    assert code == 0 and r"\nabla g = 0" in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["lagrange", "x y", "--constraint", "x=1", "--constraint", "y=2", "--constraint", "x=y"],
         "at most 2 constraints"),
        (["stationary", "x y z w"], "at most 3 variables"),
        (["lagrange", "w x y z", "--constraint", "x - 1"], "at most 3 variables"),
        (["lagrange", "x y", "--constraint", "x^2 +"], "--constraint"),
        (["lagrange", "x y", "--constraint", "x <= 1"], "one equation with '='"),
        (["lagrange", "x y", "--constraint", "x = 1 = y"], "one equation with '='"),
        (["lagrange", "x y", "--constraint", "= 1"], "both sides"),
        (["lagrange", "x y"], "--constraint"),
        (["stationary", "x y", "--vars", "x"], "--vars does not name y"),
        (["stationary", "5"], "no variables"),
        (["stationary", "x^"], "EXPR"),
        (["lagrange", "x y", "--constraint", "0"], "holds everywhere"),
        (["lagrange", "x + y", "--constraint", "x = 1", "--constraint", "y = 2"],
         "at least 3 variables"),
        (["stationary", "x y", "--vars", "x,,y"], "--vars"),
    ],
)  # fmt: skip
def test_bad_arguments(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("tutor: error:") and message in err
    assert len(err.strip().splitlines()) == 1
