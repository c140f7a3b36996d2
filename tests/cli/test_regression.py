"""`tutor fit` and `tutor chisq` as a user meets them: CSV files in, worked solutions out, and
one-line errors (exit code 2) for bad files and bad arguments; tutor.cli.csvdata on its own."""

import json
from fractions import Fraction

import pytest
import sympy as sp

from tutor.cli import main
from tutor.cli.csvdata import MAX_ROWS, read_data


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    def write(name, text, mode="w"):
        path = tmp_path / name
        if mode == "wb":
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


LINE = "x,y\n1,2.2\n2,4.1\n3,6.3\n4,7.9\n5,10.2\n"
DECAY = (
    "# growth, with uncertainties\nx,y,sigma\n"
    "0,1.0,0.1\n0.5,1.6,0.1\n1,2.7,0.2\n1.5,4.5,0.2\n2,7.4,0.3\n"
)


def test_fit_line_by_the_normal_equations(capsys, files):
    code, out, err = run(capsys, "fit", files("line.csv", LINE), "--model", "line")
    assert code == 0 and err == ""
    assert "Normal equations" in out and "m Σxᵢ² + c Σxᵢ = Σxᵢyᵢ" in out
    assert "m = 99/50 = 1.98" in out and "c = 1/5 = 0.2" in out
    assert "Δ = n Σxᵢ² − (Σxᵢ)² = 5·55 − 15² = 50" in out
    assert "χ² = 0.0004 + 0.0036 + 0.0256 + 0.0484 + 0.01 = 11/125 = 0.088" in out


def test_fit_line_weighted_gives_uncertainties(capsys, files):
    path = files("w.csv", "x,y,sigma\n1,2,0.5\n2,4.5,1\n3,5.5,1\n4,8.5,0.5\n")
    code, out, _ = run(capsys, "fit", path, "--model", "line")
    assert code == 0 and "Uncertainties of m and c" in out and "σₘ = " in out
    assert "Σ1/σᵢ²" in out


def test_fit_line_in_latex_and_json(capsys, files):
    path = files("line.csv", LINE)
    code, out, _ = run(capsys, "fit", path, "--model", "line", "--format", "latex")
    assert code == 0 and out.startswith(r"\begin{array}") and r"\sum_{i}" in out
    code, out, _ = run(capsys, "fit", path, "--model", "line", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "tutor.step/1" and data["rule"] == "line_fit"
    assert data["details"]["m"]["sympy"] == "99/50"


def test_fit_a_nonlinear_model_by_gradient_descent(capsys, files):
    path = files("decay.csv", DECAY)
    argv = ["fit", path, "--model", "a exp(b x)", "--params", "a,b", "--start", "1,0.5"]
    code, out, err = run(capsys, *argv, "--rate", "0.0001", "--steps", "200")
    assert code == 0 and err == ""
    assert "∂f/∂b" in out and "∂χ²/∂a = −2 Σ((yᵢ − a e^(b xᵢ))·e^(b xᵢ)/σᵢ²)" in out
    assert "iterations 10 to 189 are not shown" in out
    assert "Stopped after 200 iterations" in out and "(a, b) = (0.9792384076, 1.012487217)" in out
    code, out, _ = run(capsys, *argv, "--rate", "0.0001", "--steps", "20", "--format", "json")
    assert code == 0 and json.loads(out)["details"]["outcome"] == "steps_done"
    code, out, _ = run(capsys, *argv, "--steps", "5", "--format", "latex", "--detail", "brief")
    assert code == 0 and out.startswith(r"\begin{array}")


def test_fit_parameters_default_to_the_models_other_symbols(capsys, files):
    path = files("line.csv", LINE)
    code, out, _ = run(capsys, "fit", path, "--model", "a x + b", "--start", "0,0", "--steps", "3")
    assert code == 0 and "χ²(a, b)" in out and "rate η = 0.001" in out


def test_fit_with_another_variable(capsys, files):
    path = files("t.csv", "t,y\n0,1\n1,3\n2,5\n".replace("t,y", "x,y"))
    code, out, _ = run(capsys, "fit", path, "--model", "k t", "--var", "t", "--start", "1")
    assert code == 0 and "f(t) = k t" in out


def test_chisq_of_a_given_model(capsys, files):
    path = files("line.csv", LINE)
    code, out, _ = run(capsys, "chisq", path, "--model", "2x + 0.2")
    assert code == 0 and "χ² = 0 + 0.01 + 0.01 + 0.09 + 0 = 11/100 = 0.11" in out
    assert "σᵢ = 1 for every point" in out
    code, out, _ = run(
        capsys, "chisq", path, "--model", "a x + b", "--params", "a,b", "--values", "2,0.2"
    )
    assert code == 0 and "with a = 2, b = 1/5 = 0.2" in out and "ν = 5 − 2 = 3" in out
    code, out, _ = run(
        capsys, "chisq", files("d.csv", DECAY), "--model", "exp(x)", "--format", "json"
    )
    assert code == 0 and json.loads(out)["rule"] == "chi_squared"


@pytest.mark.parametrize(
    "argv,message",
    [
        (["fit", "missing.csv", "--model", "line"], "missing.csv: no such file"),
        (["fit", "{bad}", "--model", "line"], "{bad} line 3, column y: 'abc' is not a number"),
        (["fit", "{same}", "--model", "line"], "all x values are equal (x = 3)"),
        (["fit", "{line}", "--model", "line", "--start", "1"], "--start is for a non-linear"),
        (["fit", "{line}", "--model", "a exp(b)", "--start", "1,2"], "must use the variable x"),
        (
            ["fit", "{line}", "--model", "a x + b", "--params", "a,c", "--start", "1,2"],
            "c does not appear",
        ),
        (
            ["fit", "{line}", "--model", "a x + b", "--params", "a", "--start", "1"],
            "b, which is not x",
        ),
        (["fit", "{line}", "--model", "a x + b", "--start", "1"], "--start needs 2 values"),
        (["fit", "{line}", "--model", "a x + b"], "--start is needed"),
        (["fit", "{line}", "--model", "a x + b", "--start", "1,2", "--rate", "-1"], "--rate"),
        (["fit", "{line}", "--model", "a x + b", "--start", "1,2", "--steps", "9999"], "--steps"),
        (["fit", "{line}", "--model", "2x"], "no parameters to fit"),
        (["fit", "{line}", "--model", "a x +"], "--model"),
        (["chisq", "{line}", "--model", "a x"], "give their values with --values"),
        (
            ["chisq", "{line}", "--model", "a x", "--params", "a", "--values", "1,2"],
            "--values needs 1",
        ),
        (["chisq", "{line}", "--model", "2x", "--values", "1"], "--values needs --params"),
        (["chisq", "{line}", "--model", "log(x - 3)"], "no real value"),
        (["fit", "{empty}", "--model", "line"], "has no data rows"),
        (["fit", "{one}", "--model", "line"], "only 1 data row"),
        (["chisq", "{line}", "--model", "2x", "--var", "x,y"], "--var takes one variable"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, files, argv, message):
    paths = {
        "bad": files("bad.csv", "x,y\n1,2\n2,abc\n"),
        "same": files("same.csv", "3,1\n3,2\n3,5\n"),
        "line": files("line.csv", LINE),
        "empty": files("empty.csv", "# nothing here\n\n"),
        "one": files("one.csv", "x,y\n1,2\n"),
    }
    argv = [arg.format(**paths) for arg in argv]
    message = message.format(**paths)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("tutor: error: ") and len(err.strip().splitlines()) == 1
    assert message in err


# -- the CSV reader ------------------------------------------------------------------------


def test_numbers_are_read_exactly(files):
    data = read_data(str(files("d.csv", "0.1,0.2,0.3\n1e-2,-3,2.5E1\n")))
    assert data.x == (sp.Rational(1, 10), sp.Rational(1, 100))
    assert data.y == (sp.Rational(1, 5), sp.Integer(-3)) and data.sigma == (sp.Rational(3, 10), 25)


def test_header_names_columns_in_any_order(files):
    data = read_data(str(files("d.csv", "\ufeffdy; Y; X\n0.5; 1; 2\n0.25; 3; 4\n")))
    assert data.x == (2, 4) and data.y == (1, 3) and data.sigma == (Fraction(1, 2), Fraction(1, 4))
    data = read_data(str(files("t.csv", "x\ty\n1\t2\n3\t4\n")))
    assert data.x == (1, 3) and data.sigma is None
    data = read_data(str(files("s.csv", "# comment\n1 2\n\n3   4\n")))
    assert data.y == (2, 4) and len(data) == 2


@pytest.mark.parametrize(
    "text,message",
    [
        ("x,y\n1,2\n2,\n", "line 3, column y: the cell is empty"),
        ("x,y\n1,2\n2,nan\n", "line 3, column y: 'nan' is not a number"),
        ("x,y\n1,2\n2,1e99999\n", "'1e99999' is not a number"),
        ("x,y\n1,2\n2,3,4\n", "line 3: expected 2 columns (x, y), found 3"),
        ("x,y,sigma\n1,2,1\n2,3,0\n", "line 3, column sigma: '0' is not positive"),
        ("x,z\n1,2\n", "line 1: unknown column 'z'"),
        ("x,x\n1,2\n", "column x is named twice"),
        ("x,sigma\n1,2\n", "the header has no column y"),
        ("1,2,3,4\n5,6,7,8\n", "expected 2 or 3 columns"),
        ("x,y\n", "has no data rows"),
        ("", "has no data rows"),
        ("x,y\n" + "1,2\n" * (MAX_ROWS + 1), f"at most {MAX_ROWS} are allowed"),
    ],
)
def test_bad_files_name_the_line_and_column(files, text, message):
    path = files("data.csv", text)
    with pytest.raises(ValueError) as error:
        read_data(str(path))
    assert message in str(error.value) and "\n" not in str(error.value)
    assert str(error.value).startswith(str(path))


def test_binary_large_and_unreadable_files(files, tmp_path):
    with pytest.raises(ValueError, match="not a text file"):
        read_data(str(files("b.csv", b"\x00\x01", "wb")))
    with pytest.raises(ValueError, match="line 2: not UTF-8 text"):
        read_data(str(files("u.csv", b"x,y\n\xff,1\n", "wb")))
    with pytest.raises(ValueError, match="larger than 1 MB"):
        read_data(str(files("big.csv", "1,2\n" * 300_000)))
    with pytest.raises(ValueError, match="is a directory"):
        read_data(str(tmp_path))
