"""The `tutor` command as a user meets it: output, exit codes, one-line errors, files."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_prints_the_derivation_and_the_agreement(capsys):
    code, out, err = run(capsys, "diff", "x^2 sin x")
    assert code == 0 and err == ""
    assert "Product rule" in out and "✓ agrees with sympy.diff" in out


def test_x_to_the_x(capsys):
    code, out, _ = run(capsys, "diff", "x^x")
    assert code == 0 and "take logarithms" in out


def test_log_keeps_its_base(capsys):
    code, out, _ = run(capsys, "diff", "log(x, 10)")
    assert code == 0 and "log₁₀ x" in out and "ln 10" in out


def test_three_nested_functions_use_distinct_letters(capsys):
    code, out, _ = run(capsys, "diff", "sin(cos(tan(x)))")
    assert code == 0 and "let u = " in out and "let v = " in out


def test_first_principles(capsys):
    code, out, _ = run(capsys, "diff", "x^3", "--first-principles")
    assert code == 0 and "lim h→0" in out


def test_first_principles_refuses_what_it_cannot_do(capsys):
    code, out, err = run(capsys, "diff", "tan x", "--first-principles")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_json_and_latex_formats(capsys):
    code, out, _ = run(capsys, "diff", "x e^x", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "tutor.step/1" and data["sympy_agrees"]["agrees"]
    code, out, _ = run(capsys, "diff", "x e^x", "--format", "latex", "--detail", "full")
    assert code == 0 and out.startswith(r"\begin{array}")


def test_other_variable_and_order(capsys):
    code, out, _ = run(capsys, "diff", "t^3 sin t", "--var", "t", "--order", "2")
    assert code == 0 and out.startswith("d²/dt² [t³ sin t]")


def test_file_gives_json_lines_and_keeps_going_after_a_bad_line(capsys, tmp_path):
    source = tmp_path / "exprs.txt"
    source.write_text("# comment\nx^2\n\nsin(\nln x\n")
    code, out, _ = run(capsys, "diff", "--file", str(source), "--format", "json")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert [r.get("error") is None for r in records] == [True, False, True]
    assert records[1]["line"] == 4 and "sin(" in records[1]["input"]


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "x^"],
        ["diff", "sin("],
        ["diff", "2x +* 3"],
        ["diff", "x" * 10_000],
        ["diff", "__import__('os').system('id')"],
        ["diff", "x^2", "--order", "0"],
        ["diff", "x^2", "--var", "__class__"],
        ["diff", "x^2", "--format", "pdf"],
        ["diff"],
        ["diff", "--file", "/nonexistent/file.txt"],
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("tutor: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "expr", ["x^", "sin(", "2x +* 3", "x" * 10_000, "__import__('os').system('touch {canary}')"]
)
def test_bad_input_in_a_real_process_is_fast_and_runs_nothing(tmp_path, expr):
    canary = tmp_path / "canary"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tutor", "diff", expr.format(canary=canary)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not canary.exists()
    assert elapsed < 3.0  # process start and imports included; the parse itself is milliseconds
