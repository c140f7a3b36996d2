"""The week-2 subcommands as a user meets them: partial, gradient, directional, jacobian,
hessian; output in text, LaTeX and JSON; bad arguments -> one line on stderr, exit code 2."""

import json

import pytest

from tutor.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_partial_states_what_is_held_constant(capsys):
    code, out, err = run(capsys, "partial", "x^2 y + sin(y)", "--var", "y")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "f(x, y) = x² y + sin y"
    assert "∂f/∂y = ∂/∂y [x² y + sin y]" in out and "x held constant" in out
    assert out.splitlines()[-1] == "∂f/∂y = x² + cos y"


def test_partial_at_a_point(capsys):
    code, out, _ = run(capsys, "partial", "x^2 y + sin(y)", "--var", "y", "--at", "1,pi")
    assert code == 0 and "∂f/∂y(1, π) = 1² + cos π = 0" in out


def test_partial_with_declared_variables(capsys):
    code, out, _ = run(capsys, "partial", "x^2", "--var", "y", "--vars", "x,y")
    assert code == 0 and "∂f/∂y = 0" in out


def test_gradient_with_surds(capsys):
    code, out, _ = run(capsys, "gradient", "sqrt(x^2 + y^2)", "--at", "1,1")
    assert code == 0 and "∇f(1, 1) = (1/√(1² + 1²), 1/√(1² + 1²)) = (√2/2, √2/2)" in out


def test_gradient_brief(capsys):
    code, out, _ = run(capsys, "gradient", "x^2 y", "--detail", "brief")
    assert code == 0
    assert out.splitlines() == [
        "f(x, y) = x² y",
        "  ∂f/∂x = 2x y",
        "  ∂f/∂y = x²",
        "∇f = (2x y, x²)",
    ]


def test_directional(capsys):
    code, out, _ = run(capsys, "directional", "x^2 y", "--direction", "3,4", "--at", "1,2")
    assert code == 0
    assert "|v| = √(3² + 4²) = 5" in out and "û = v/|v| = (3, 4)/5 = (3/5, 4/5)" in out
    assert out.splitlines()[-1].startswith("D_û f(1, 2) = 16/5")


def test_jacobian_of_a_vector_function(capsys):
    code, out, _ = run(capsys, "jacobian", "x^2 y; sin(x y)", "--vars", "x,y", "--at", "1,2")
    assert code == 0
    assert "∂f₂/∂x = ∂/∂x [sin(x y)]" in out and "Chain rule" in out
    assert "det J = (2x y)·(x cos(x y)) − x²·(y cos(x y)) = x² y cos(x y)" in out
    assert "det J(1, 2) = 2 cos 2" in out


def test_jacobian_of_a_scalar_function_is_a_row(capsys):
    code, out, _ = run(capsys, "jacobian", "x y z")
    assert code == 0 and "one row" in out and "J = [ y z  x z  x y ]" in out


def test_hessian_latex_and_json(capsys):
    code, out, _ = run(capsys, "hessian", "x^3 y", "--format", "latex")
    assert code == 0 and out.startswith(r"\begin{array}") and r"\frac{\partial^{2} f}" in out
    code, out, _ = run(capsys, "hessian", "x^3 y", "--at", "1,2", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["rule"] == "at_point" and data["children"][0]["rule"] == "hessian"
    assert data["result"]["sympy"] == "Matrix([\n[12, 3],\n[ 3, 0]])"


@pytest.mark.parametrize(
    "argv,message",
    [
        (["gradient", "x y", "--at", "1,2,3"], "--at needs 2 coordinates"),
        (["hessian", "x y", "--at", "1"], "--at needs 2 coordinates"),
        (["jacobian", "x y; z", "--vars", "x,y"], "uses z, which --vars (x,y) does not list"),
        (["gradient", "x y z w", "--vars", "x,y"], "uses w, z, which --vars"),
        (["partial", "x y", "--var", "z"], "--var z: the expression has no z"),
        (["partial", "x y", "--var", "z", "--vars", "x,y"], "--var z is not one of --vars"),
        (["partial", "x y", "--var", "x,y"], "--var takes one variable name"),
        (["partial", "x y", "--var", "2x"], "--var: '2x' is not a variable name"),
        (["directional", "x y", "--direction", "0,0"], "must not be the zero vector"),
        (["directional", "x y", "--direction", "1,2,3"], "--direction needs 2 coordinates"),
        (["directional", "x y", "--direction", "a,b"], "--direction must be a real number"),
        (["directional", "x y", "--direction", "1,,2"], "--direction takes numbers"),
        (["gradient", "ln(x y)", "--at", "0,1"], "at (x, y) = (0, 1)"),
        (["hessian", "1/(x - y)", "--at", "1,1"], "not a finite real number"),
        (["gradient", "5"], "has no variables"),
        (["gradient", "x +* y"], "EXPR"),
        (["jacobian", "x;;y"], "separated by ';'"),
        (["directional", "x y"], "--direction"),
    ],
)
def test_bad_arguments_are_one_line_errors(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("tutor: error:")
    assert message in err


def test_points_with_brackets_and_functions(capsys):
    code, out, _ = run(capsys, "gradient", "x y", "--at", "(1/2, sqrt(3))", "--detail", "brief")
    assert code == 0 and "∇f(1/2, √3) = (√3, 1/2)" in out
