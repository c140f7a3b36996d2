"""tutor.check end to end: the verdict's fields, each kind's judge, policies, CLI."""

import json

import pytest
import sympy as sp

import tutor
from tutor.cli import main

x = sp.Symbol("x", real=True)


def test_correct_answer_echoes_its_reading():
    verdict = tutor.check("2x sin x + x^2 cos x", r"x^{2}\cos x + 2x\sin x")
    assert verdict.status == "correct" and verdict.correct
    assert verdict.reading.syntax == "latex"
    assert "cos" in verdict.reading.text and "\\cos" in verdict.reading.latex
    assert verdict.certainty


def test_wrong_answer_shows_a_counterexample():
    verdict = tutor.check("3x^2", "2x^2")
    assert verdict.status == "incorrect" and not verdict.correct
    assert verdict.counterexample is not None
    assert "your answer gives" in verdict.feedback


def test_expected_may_be_a_sympy_object():
    assert tutor.check(sp.cos(x) * 2 * x, "2x cos x").correct


@pytest.mark.parametrize(
    "policy,status,correct",
    [
        ("accept", "correct", True),
        ("note", "correct_unsimplified", True),
        ("reject", "correct_unsimplified", False),
    ],
)
def test_form_policy(policy, status, correct):
    verdict = tutor.check("2x", "x + x", form=policy)
    assert (verdict.status, verdict.correct) == (status, correct)


def test_ambiguous_reading_asks_instead_of_marking():
    verdict = tutor.check("x/2", "1/2x")
    assert verdict.status in ("correct", "ambiguous")  # x/2 is the main reading
    verdict = tutor.check("1/(2x)", "1/2x")
    assert verdict.status == "ambiguous" and not verdict.correct
    assert "brackets" in verdict.feedback


def test_bad_settings_are_programming_errors():
    with pytest.raises(ValueError):
        tutor.check("x", "x", kind="poem")
    with pytest.raises(ValueError):
        tutor.check("x", "x", form="maybe")
    with pytest.raises(ValueError):
        tutor.check("x +* 2", "x")  # the teacher's expected answer must be readable


def test_verdict_serialises():
    data = tutor.check("2x", "2 x").to_dict()
    assert json.dumps(data) and data["status"] == "correct"


@pytest.mark.parametrize(
    "argv,code",
    [
        (["--expected", "2x", "--answer", "2 x"], 0),
        (["--expected", "2x", "--answer", "3x"], 1),
        (["--expected", "2x", "--answer", "x +* 2"], 2),
        (["--expected", "(1, 2)", "--answer", "<1, 2>", "--kind", "vector"], 0),
        (["--expected", "0.5", "--answer", "0.49", "--kind", "number", "--abs-tol", "0.05"], 0),
    ],
)
def test_cli_exit_codes(capsys, argv, code):
    assert main(["check", *argv]) == code
    out, err = capsys.readouterr()
    assert out.strip() and (err == "" or code == 2)


def test_cli_json(capsys):
    assert main(["check", "--expected", "2x", "--answer", "2x", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "correct"


def test_cli_bad_arguments_are_one_line(capsys):
    assert main(["check", "--expected", "2x"]) == 2
    _, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1


def test_readings_are_one_line_for_every_shape():
    matrix = tutor.check("[[1,2],[3,4]]", r"\begin{pmatrix}1&2\\3&4\end{pmatrix}", kind="matrix")
    assert matrix.reading.text == "[[1, 2], [3, 4]]"
    number = tutor.check("0.0000001", "2e-7", kind="number")
    assert number.reading.text == "2e-7" and number.status == "incorrect"
