"""Hostile input: every attack is a clean ParseError within a second, and nothing is executed."""

from __future__ import annotations

import builtins
import io
import time
import tokenize
from pathlib import Path

import pytest
import sympy
import sympy.parsing.sympy_parser
from hypothesis import given, settings
from hypothesis import strategies as st

import tutor.parse
from tutor.parse import ANSWER_KINDS, Limits, ParseError, parse_answer, parse_expression

WALL_SECONDS = 1.0
ROOMY = Limits(max_length=100_000)  # lets depth guards, not the length guard, do the work

HOSTILE = [
    # Python that must never run
    ("__import__('os').system('id')", "text", None),
    ("().__class__.__bases__[0].__subclasses__()", "text", None),
    ("x.__class__", "text", None),
    ("__builtins__", "text", None),
    ("lambda: 0", "text", None),
    ("S('__import__(\"os\")')", "text", None),
    ("f'{__import__(\"os\").getcwd()}'", "text", None),
    ("exec('import os')", "text", None),
    ("eval('1+1')", "text", None),
    ("open('/etc/passwd').read()", "text", None),
    ("getattr(x, 'y')", "text", None),
    ("sum(x for x in range(10**9))", "text", None),
    # size and nesting
    ("x" * 100_000, "auto", None),
    ("(" * 5000 + "x" + ")" * 5000, "text", None),
    ("(" * 5000 + "x" + ")" * 5000, "text", ROOMY),
    ("sin(" * 5000 + "x" + ")" * 5000, "text", ROOMY),
    ("sin " * 5000 + "x", "text", ROOMY),
    ("|" * 1000 + "x" + "|" * 1000, "text", ROOMY),
    ("x" + "^x" * 3000, "text", ROOMY),
    ("|" * 90 + "x" + "|-1" * 90, "text", None),
    # numbers sympy would spend forever on
    ("9^9^9^9", "text", None),
    ("10^10^10", "text", None),
    ("1000000!", "text", None),
    ("(10^1000)!", "text", None),
    ("9" * 200, "text", None),
    ("1e999999", "text", None),
    ("(2x)^(10^4)", "text", None),
    ("(sqrt 2)^(10^6)", "text", None),
    ("gamma(10^10)", "text", None),
    ("(10^1999+1)^(1/2)", "text", None),
    ("9^2000*" * 200 + "1", "text", None),
    ("+".join(["1/7^2000"] * 200), "text", None),
    # LaTeX that must never reach TeX-like machinery or hang
    (r"\input{/etc/passwd}", "latex", None),
    (r"\include{secrets}", "latex", None),
    (r"\write18{id}", "latex", None),
    (r"\immediate\write18{id}", "latex", None),
    (r"\def\x{\x}\x", "latex", None),
    (r"\newcommand{\x}{1}", "latex", None),
    (r"\renewcommand{\x}{1}", "latex", None),
    (r"\let\x\y", "latex", None),
    (r"\catcode`\^=7", "latex", None),
    (r"\csname x\endcsname", "latex", None),
    (r"\openout1=x", "latex", None),
    (r"\read16 to \x", "latex", None),
    (r"\usepackage{shellesc}", "latex", None),
    (r"\begin{document}", "latex", None),
    (r"\expandafter\x", "latex", None),
    (r"9^{9^{9^{9}}}", "latex", None),
    (r"(10^{1000})!", "latex", None),
    ("\\" * 1000, "latex", None),
    (r"\left(" * 500 + "x", "latex", None),
    ("x^{" * 41 + "2" + "}" * 41, "latex", None),
    ("\\sin\\left(" * 41 + "x" + "\\right)" * 41, "latex", None),
    ("|" * 400 + "x" + "|" * 400, "latex", None),
    ("+".join(["x"] * 999), "latex", None),
    ("-" * 1500 + "x", "latex", None),
    # characters
    ("", "auto", None),
    ("   \t ", "auto", None),
    ("x\x00", "auto", None),
    ("x\u200dy", "auto", None),
    ("x\u200by", "latex", None),
    ("x\u202e+1", "auto", None),
    ("x\u2066y", "auto", None),
    ("\ufeffx", "auto", None),
    ("\u0445 + 1", "auto", None),  # Cyrillic 'х' is refused as an unexpected character
    ("x + \u0445", "latex", None),
]


@pytest.mark.parametrize(
    ("text", "syntax", "limits"),
    HOSTILE,
    ids=[f"{i}-{text[:24]!r}" for i, (text, _, _) in enumerate(HOSTILE)],
)
def test_hostile_input_is_refused_quickly(text: str, syntax: str, limits: Limits | None) -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_expression(text, syntax=syntax, limits=limits or Limits())
    assert time.perf_counter() - start < WALL_SECONDS
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300


# Structured answers: the structural layer is as hostile-proof as the expression parser.
HOSTILE_ANSWERS = [
    # huge matrices and too many entries, refused by counting before anything is read
    ("[" + ",".join(["[" + ",".join(["1"] * 30) + "]"] * 30) + "]", "matrix", None),
    ("[" + ";".join([",".join(["1"] * 300)] * 300) + "]", "matrix", ROOMY),
    (
        r"\begin{pmatrix}" + r"\\".join(["&".join(["1"] * 200)] * 200) + r"\end{pmatrix}",
        "matrix",
        ROOMY,
    ),
    ("," * 10_000, "vector", None),
    ("," * 10_000, "vector", ROOMY),
    ("," * 10_000, "set", ROOMY),
    ("1" + ", 1" * 10_000, "vector", ROOMY),
    ("(1, 2)" + ", (1, 2)" * 10_000, "set", ROOMY),
    ("=" * 10_000, "equation", ROOMY),
    # deeply nested tuples and brackets
    ("(" * 5000 + "1, 2" + ")" * 5000, "vector", ROOMY),
    ("{" + "(" * 5000 + "1, 2" + ")" * 5000 + "}", "set", ROOMY),
    ("[" * 3000 + "1" + "]" * 3000, "matrix", ROOMY),
    ("((((((1, 2))))))", "vector", None),
    (r"\left\{" * 500 + "1", "set", None),
    ("x = " + "(" * 200 + "1" + ")" * 200, "equation", None),
    (r"(\," + "x^{" * 41 + "2" + "}" * 41 + ", 1)", "vector", None),  # LaTeX
    # LaTeX commands and environments that must never get through
    (r"\begin{pmatrix} \input{/etc/passwd} \end{pmatrix}", "vector", None),
    (r"\begin{pmatrix} 1 & \write18{id} \end{pmatrix}", "matrix", None),
    (r"\begin{pmatrix} 1 \\ \def\x{\x}\x \end{pmatrix}", "vector", None),
    (r"\begin{pmatrix} 1 \\ \csname x\endcsname \end{pmatrix}", "vector", None),
    (r"\begin{pmatrix}\begin{pmatrix}1\end{pmatrix}\end{pmatrix}", "matrix", None),
    (r"\begin{verbatim} x \end{verbatim}", "matrix", None),
    (r"\begin{pmatrix", "vector", None),
    (r"\end{pmatrix}", "vector", None),
    (r"\begin{pmatrix} 1 \end{pmatrix}", "expr", None),
    (r"\{ \input{x} \}", "set", None),
    (r"y = \immediate\write18{id}", "equation", None),
    # entries the expression parser refuses
    ("(9^9^9, 1)", "vector", None),
    ("[[(10^1000)!]]", "matrix", None),
    ("(__import__('os').system('id'), 1)", "vector", None),
    ("{(1, 2)} = {x}", "equation", None),
    ("(1, 2), (x\u202e, 1)", "set", None),
]


@pytest.mark.parametrize(
    ("text", "kind", "limits"),
    HOSTILE_ANSWERS,
    ids=[f"{i}-{kind}-{text[:24]!r}" for i, (text, kind, _) in enumerate(HOSTILE_ANSWERS)],
)
def test_hostile_answer_is_refused_quickly(text: str, kind: str, limits: Limits | None) -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_answer(text, kind, limits=limits or Limits())
    assert time.perf_counter() - start < WALL_SECONDS
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300


def test_answers_execute_nothing(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    attacks = [
        (f"(__import__('pathlib').Path('{canary}').touch(), 1)", "vector"),
        (f"[[open('{canary}', 'w')]]", "matrix"),
        (f"\\begin{{pmatrix}} \\immediate\\write18{{touch {canary}}} \\end{{pmatrix}}", "vector"),
        (f"\\{{ \\input{{{canary}}} \\}}", "set"),
        (f"y = \\openout1={canary}", "equation"),
    ]
    for text, kind in attacks:
        with pytest.raises(ParseError):
            parse_answer(text, kind)
    assert not canary.exists()


STRUCTURE_ALPHABET = "x12e+-*/^()[]{}<>,;=|. " + "\\&"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=STRUCTURE_ALPHABET, max_size=30), st.sampled_from(ANSWER_KINDS))
def test_random_answers_read_or_refuse(text: str, kind: str) -> None:
    start = time.perf_counter()
    try:
        parsed = parse_answer(text, kind)
    except ParseError as err:
        assert "\n" not in str(err)
        assert err.position is None or 0 <= err.position <= len(text)
    else:
        assert parsed.kind == kind and parsed.text == text
    assert time.perf_counter() - start < WALL_SECONDS


def test_cyrillic_lookalike_is_named() -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression("\u0445^2")
    assert "U+0445 CYRILLIC SMALL LETTER HA" in caught.value.message
    assert caught.value.position == 0


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u202e", "\u2066", "\u2060", "\ufeff"])
def test_invisible_characters_are_named(char: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_expression(f"x+{char}1")
    assert f"U+{ord(char):04X}" in caught.value.message and "invisible" in caught.value.message
    assert caught.value.position == 2


@pytest.mark.parametrize(
    "text",
    [
        "x^{" * 39 + "2" + "}" * 39,
        "\\sin(" * 39 + "x" + ")" * 39,
        "\\frac{1}{" * 39 + "x" + "}" * 39,
    ],
)
def test_deep_but_allowed_latex_is_read_in_time(text: str) -> None:
    start = time.perf_counter()
    try:
        parse_expression(text, syntax="latex")
    except ParseError as err:  # too slow for the budget is an acceptable answer, a hang is not
        assert "took too long" in err.message
    assert time.perf_counter() - start < WALL_SECONDS


def test_long_minus_chain_parses_without_recursion() -> None:
    start = time.perf_counter()
    assert parse_expression("-" * 5000 + "x", limits=ROOMY).expr == sympy.Symbol("x", real=True)
    assert time.perf_counter() - start < WALL_SECONDS


def test_nothing_is_executed(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    attacks = [
        f"__import__('pathlib').Path('{canary}').touch()",
        f"open('{canary}', 'w')",
        f'S(\'__import__("pathlib").Path("{canary}").touch()\')',
        f'sympify(\'__import__("pathlib").Path("{canary}").touch()\')',
        f"x.__class__.__init__.__globals__['os'].system('touch {canary}')",
    ]
    latex_attacks = [
        f"\\immediate\\write18{{touch {canary}}}",
        f"\\input{{{canary}}}",
        f"\\openout1={canary}",
    ]
    for text in attacks:
        for syntax in ("auto", "text", "latex"):
            with pytest.raises(ParseError):
                parse_expression(text, syntax=syntax)
    for text in latex_attacks:
        with pytest.raises(ParseError):
            parse_expression(text)
    assert not canary.exists()
    x = sympy.Symbol("x", real=True)
    assert parse_expression("x^2 sin x").expr == x**2 * sympy.sin(x)


def test_no_string_evaluation_happens_while_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse_strings(original):
        def guarded(source, *args, **kwargs):  # imports exec code objects, which is fine
            if isinstance(source, str):
                raise AssertionError(f"string evaluation was attempted: {source[:40]!r}")
            return original(source, *args, **kwargs)

        return guarded

    def forbidden(*args, **kwargs):
        raise AssertionError("sympy's string parser was used")

    monkeypatch.setattr(sympy.parsing.sympy_parser, "eval_expr", forbidden)
    monkeypatch.setattr(builtins, "eval", refuse_strings(builtins.eval))
    monkeypatch.setattr(builtins, "exec", refuse_strings(builtins.exec))
    samples = [
        "x^2 sin x + 2x e^(3x)",
        "log_2 x / sqrt(x^2+1)",
        "|x| + 3.5e-2",
        r"\frac{1}{2}x^{2}\sin x",
        r"\log_{10} x + \sqrt[3]{x}",
        r"e^{x}\cos x",
    ]
    for text in samples:
        parse_expression(text)
        parse_expression(text, evaluate=False)
    parse_answer(r"\begin{pmatrix} \frac{1}{2} & x \\ 2 & \sin x \end{pmatrix}", "matrix")
    parse_answer("(1/2x, sqrt 2), (0, e^x)", "set")


FORBIDDEN_NAMES = {
    "eval",
    "exec",
    "compile",
    "sympify",
    "parse_expr",
    "lambdify",
    "S",
    "__import__",
    "getattr",
    "setattr",
}


def test_package_source_never_names_string_evaluators() -> None:
    package = Path(tutor.parse.__file__).parent
    for path in sorted(package.glob("*.py")):
        source = io.StringIO(path.read_text(encoding="utf-8"))
        tokens = [
            token.string
            for token in tokenize.generate_tokens(source.readline)
            if token.type in (tokenize.NAME, tokenize.OP)
        ]
        for index, name in enumerate(tokens):
            if name in FORBIDDEN_NAMES and tokens[index - 2 : index] != ["re", "."]:
                pytest.fail(f"{path.name} uses {name!r}")


CALCULATOR_ALPHABET = "xyzesinlogqrtabcp0123456789.+-*/^!()[]{}|,_ √π²"
LATEX_ALPHABET = "xy2e{}()^_|+-*/.,!\\ " + "sincofraqtlgpdeh"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CALCULATOR_ALPHABET, max_size=40))
def test_random_calculator_text_reads_or_refuses(text: str) -> None:
    _reads_or_refuses_quickly(text, "text")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=LATEX_ALPHABET, max_size=30))
def test_random_latex_reads_or_refuses(text: str) -> None:
    _reads_or_refuses_quickly(text, "latex")


def _reads_or_refuses_quickly(text: str, syntax: str) -> None:
    start = time.perf_counter()
    try:
        reading = parse_expression(text, syntax=syntax)
    except ParseError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(reading.expr, sympy.Expr)
        assert all(symbol.is_real for symbol in reading.expr.free_symbols)
    assert time.perf_counter() - start < WALL_SECONDS
