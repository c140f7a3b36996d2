"""`tutor chain` and `tutor backprop` as a user meets them: output, formats, one-line errors."""

import json

import pytest

from tutor.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_total_derivative(capsys):
    code, out, err = run(capsys, "chain", "x^2 y", "--sub", "x=cos t; y=sin t", "--var", "t")
    assert code == 0 and err == ""
    assert "f → x, y; x → t; y → t" in out
    assert "df/dt = ∂f/∂x · dx/dt + ∂f/∂y · dy/dt" in out
    assert out.strip().splitlines()[-1].startswith("df/dt = (1 − 3 sin² t) cos t")


def test_the_variable_is_inferred_when_there_is_one(capsys):
    code, out, _ = run(capsys, "chain", "x y", "--sub", "x=t^2; y=e^t", "--detail", "brief")
    assert code == 0 and "df/dt" in out


def test_nested_substitutions(capsys):
    code, out, _ = run(capsys, "chain", "x^2 + x y", "--sub", "x=u v; y=u+v; u=t^2; v=sin t")
    assert code == 0 and "f → x → u → t" in out and "f → y → v → t" in out


def test_partial_total_derivative(capsys):
    code, out, _ = run(capsys, "chain", "x y", "--sub", "x=s t; y=s+t", "--var", "s")
    assert code == 0 and "∂f/∂s = t(2s + t)" in out


def test_matrix_form(capsys):
    code, out, _ = run(
        capsys, "chain", "--matrix", "x^2 y; x + y", "--sub", "x=cos t; y=sin t", "--var", "t"
    )
    assert code == 0
    assert "J_h(t) = J_f(g(t)) · J_g(t)" in out and "(2×2) times (2×1) gives 2×1" in out


def test_matrix_form_with_two_outer_variables(capsys):
    code, out, _ = run(capsys, "chain", "--matrix", "x y", "--sub", "x=s t; y=s+t")
    assert code == 0 and "g(s, t) = (s t, s + t)" in out and "(1×2) times (2×2)" in out


def test_chain_json_and_latex(capsys):
    code, out, _ = run(
        capsys, "chain", "x y", "--sub", "x=cos t; y=sin t", "--var", "t", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and data["schema"] == "tutor.step/1" and data["rule"] == "total_derivative"
    assert data["details"]["partial"] is False
    code, out, _ = run(
        capsys, "chain", "x y", "--sub", "x=cos t; y=sin t", "--format", "latex", "--detail", "full"
    )
    assert code == 0 and out.startswith(r"\begin{array}") and r"\frac{dx}{dt}" in out


def test_backprop_symbolic(capsys):
    code, out, err = run(capsys, "backprop", "--layers", "2", "--activation", "tanh")
    assert code == 0 and err == ""
    assert "∂C/∂w⁽¹⁾ = ∂C/∂a⁽²⁾ · ∂a⁽²⁾/∂z⁽²⁾ · ∂z⁽²⁾/∂a⁽¹⁾ · ∂a⁽¹⁾/∂z⁽¹⁾ · ∂z⁽¹⁾/∂w⁽¹⁾" in out
    assert "σ'(z) = 1 − tanh² z" in out and "δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ σ'(z⁽¹⁾)" in out


def test_backprop_example_network(capsys):
    code, out, _ = run(capsys, "backprop", "--numeric")
    assert code == 0
    assert "layer sizes 2, 2, 1" in out and "Forward pass (values to 6 significant digits)" in out
    assert "C = (a₁⁽²⁾ − y₁)² = (0.550195 − 1)² = 0.202325" in out
    assert "∂C/∂W⁽²⁾ = [ −0.13595  −0.153613 ]" in out


def test_backprop_with_values(capsys):
    code, out, _ = run(
        capsys,
        "backprop",
        "--weights", "0.5,-0.3; 0.8,0.2",
        "--weights", "0.7,-0.4",
        "--biases", "0.1,-0.1",
        "--biases", "0.05",
        "--input", "1,0.5",
        "--target", "1",
        "--activation", "tanh",
        "--digits", "4",
    )  # fmt: skip
    assert code == 0 and "values to 4 significant digits" in out and "tanh" in out


def test_backprop_one_layer_defaults_and_zero_biases(capsys):
    code, out, _ = run(capsys, "backprop", "--layers", "1", "--numeric", "--detail", "brief")
    assert code == 0 and "layer sizes 2, 2" in out
    code, out, _ = run(capsys, "backprop", "--weights", "1,2", "--input", "1,1", "--target", "0")
    assert code == 0 and "b⁽¹⁾ = 0" in out


def test_backprop_json_and_latex(capsys):
    code, out, _ = run(capsys, "backprop", "--numeric", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["rule"] == "backprop" and data["details"]["digits"] == 6
    code, out, _ = run(capsys, "backprop", "--numeric", "--format", "latex")
    assert code == 0 and r"\begin{array}{rrrr}" in out and r"\odot" in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["chain", "x y", "--sub", "x cos t", "--var", "t"], "is not name=expr"),
        (["chain", "x y", "--sub", "x=t=2", "--var", "t"], "is not name=expr"),
        (["chain", "x y", "--sub", "x=y; y=x", "--var", "t"], "cycle"),
        (["chain", "x y", "--sub", "x=s t; y=s+t"], "--var is needed"),
        (["chain", "x y", "--sub", "x=t; y=t", "--var", "s,t"], "one variable"),
        (["chain", "x y", "--sub", "t=x", "--var", "t"], "cannot be substituted"),
        (["chain", "x^2 +", "--sub", "x=t"], "EXPR"),
        (["chain", "--matrix", "x y", "--sub", "x=u^2; u=t", "--var", "t"], "--matrix"),
        (["chain", "--matrix", "x t", "--sub", "x=t", "--var", "t"], "inner variables only"),
        (["chain", "x", "--sub", ";", "--var", "t"], "--sub"),
        (["backprop", "--layers", "4"], "--layers"),
        (["backprop", "--layers", "two"], "--layers"),
        (["backprop", "--activation", "relu"], "invalid choice"),
        (["backprop", "--weights", "1,2;3", "--input", "1,2", "--target", "1"], "every row"),
        (["backprop", "--weights", "1,2;3,4", "--input", "1,2,3", "--target", "1"], "columns"),
        (["backprop", "--weights", "1,2", "--target", "1"], "--input and --target"),
        (["backprop", "--numeric", "--biases", "1"], "--biases"),
        (["backprop", "--numeric", "--target", "1,0"], "target has 2 entries"),
        (["backprop", "--numeric", "--input", "1;2;3"], "the input has 3 entries"),
        (["backprop", "--numeric", "--weights", "1,x", "--input", "1,1", "--target", "1"], "real"),
        (["backprop", "--numeric", "--digits", "0"], "--digits"),
        (["backprop", "--layers", "1", "--weights", "1", "--weights", "1"], "--layers 1"),
    ],
)
def test_bad_arguments(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tutor: error:") and message in lines[0]
