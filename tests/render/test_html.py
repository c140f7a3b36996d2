"""Blocks, statements and answers as HTML (tutor.render.html): structure, escaping, no raw LaTeX."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import sympy as sp

import tutor
from tutor.cli import main
from tutor.problem import AnswerSpec, Problem
from tutor.render import FORMATS, render
from tutor.render.blocks import Line, MatrixLine, Table
from tutor.render.html import (
    answer_html,
    format_block,
    render_html,
    statement_html,
    text_with_maths,
)
from tutor.render.maths import MathError, MathMLWriter, SvgCache, SvgWriter

MATHML = "{http://www.w3.org/1998/Math/MathML}"
VOID = {"img", "br", "hr", "meta", "link", "input"}
x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)


class Checker(HTMLParser):
    """Every tag closed in order; the text outside <annotation> and the attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.attributes += [value or "" for _, value in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.attributes += [value or "" for _, value in attrs]

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if "annotation" not in self.stack:
            self.text.append(data)


def checked(fragment: str) -> Checker:
    checker = Checker()
    checker.feed(fragment)
    checker.close()
    assert checker.stack == [], f"unclosed {checker.stack}"
    return checker


def assert_no_raw_latex(fragment: str) -> None:
    checker = checked(fragment)
    text = "".join(checker.text)
    assert not re.search(r"\\[A-Za-z]", text), re.search(r".{0,30}\\[A-Za-z].{0,30}", text)
    assert "$" not in text
    for value in checker.attributes:
        assert not re.search(r"\\[A-Za-z]", value), value


# -- solutions ---------------------------------------------------------------------------------


def test_a_derivation_as_rows():
    fragment = render_html(tutor.derive("x^2*sin(x)"))
    assert_no_raw_latex(fragment)
    root = ET.fromstring(fragment)  # MathML output is well-formed XML too
    assert root.tag == "div" and root.get("class") == "solution"
    rows = list(root)
    assert rows and all(row.get("class").startswith("line depth-") for row in rows)
    assert {row.get("data-depth") for row in rows} == {"0", "1"}
    assert [row.get("data-rule") for row in rows][:2] == ["derivative", "product"]
    # each row: its formula (the <math> itself, class maths), its note, or both, in that order
    kinds = [[child.get("class") for child in row] for row in rows]
    assert all(kind in (["maths"], ["note"], ["maths", "note"]) for kind in kinds)
    assert all(row[0].tag == f"{MATHML}math" for row in rows if row[0].get("class") == "maths")
    notes = [
        row.find("span[@class='note']")
        for row in rows
        if row.find("span[@class='note']") is not None
    ]
    assert any(note.text and note.text.startswith("Product rule") for note in notes)
    assert any(note.find(f"{MATHML}math") is not None for note in notes)


def test_render_html_is_the_html_format():
    step = tutor.derive("exp(3*x)")
    assert "html" in FORMATS
    assert render(step, "html") == render_html(step)
    assert render(step, "html", detail="full") != render(step, "html", detail="brief")


def test_cli_diff_prints_html(capsys):
    assert main(["diff", "sin(x)^2", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('<div class="solution">') and "<math" in out
    assert_no_raw_latex(out)


def test_svg_writer_leaves_no_latex_and_no_mathml():
    fragment = render_html(tutor.derive("ln(x)/x"), SvgWriter(cache=SvgCache()), detail="full")
    assert_no_raw_latex(fragment)
    checker = checked(fragment)
    images = [attrs for tag, attrs in checker.tags if tag == "img"]
    assert images and "<math" not in fragment
    for attrs in images:
        assert attrs["src"].startswith("data:image/svg+xml;charset=utf-8,<svg")
        assert "vertical-align:" in attrs["style"] and attrs["alt"] == ""


def test_a_matrix_row():
    block = MatrixLine(1, "J", (("2 x y", "x^{2}"), (r"\cos x", "0")), "the Jacobian", "jacobian")
    row = ET.fromstring(format_block(block, MathMLWriter()))
    assert row.get("class") == "line matrix depth-1"
    math = row.find("div[@class='maths-display']/" + f"{MATHML}math")
    assert math is not None and math.get("display") == "block"
    table = math.find(f".//{MATHML}mtable")
    assert table is not None and len(table) == 2 and table.get("columnspacing") == "1em"
    assert row.find("span[@class='note']").text == "the Jacobian"


def test_a_table_row():
    block = Table(
        0,
        ("n", "x_{n}", r"f\left(x_{n}\right)"),
        (("0", "2", "-1"), ("1", r"\frac{9}{4}", "")),
        r"Newton\textbackslash{}-Raphson from $x_{0} = 2$",
        "newton",
    )
    fragment = format_block(block, MathMLWriter())
    assert_no_raw_latex(fragment)
    table = ET.fromstring(fragment).find("table")
    assert table.get("class") == "steps"
    caption = table.find("caption")
    assert caption.text == "Newton\\-Raphson from " and caption.find(f"{MATHML}math") is not None
    assert len(table.findall("thead/tr/th")) == 3
    cells = table.findall("tbody/tr")[1].findall("td")
    assert cells[2].text is None and len(cells[2]) == 0  # an empty cell stays empty
    assert cells[1].find(f"{MATHML}math") is not None


def test_solver_trees_render():
    from tutor.solvers.multivariate import jacobian

    fragment = render_html(jacobian([x**2 * y, sp.sin(x * y)], [x, y]))
    assert_no_raw_latex(fragment)
    assert 'class="line matrix' in fragment


# -- words with maths --------------------------------------------------------------------------


def test_words_are_read_back_and_escaped():
    latex_words = (
        r"a\_b costs 5\% \& more \{x\} \$3 \textbackslash{} \^{} \~{} "
        r"<script>alert('x')</script> \# $x^{2}$"
    )
    fragment = text_with_maths(latex_words, MathMLWriter())
    assert "<script>" not in fragment
    assert fragment.startswith(
        "a_b costs 5% &amp; more {x} $3 \\ ^ ~ &lt;script&gt;alert(&#x27;x&#x27;)"
    )
    assert fragment.count("<math") == 1
    assert_no_raw_latex(fragment.replace("$3", "3").replace(" \\ ", " "))


@pytest.mark.parametrize(
    "text, message",
    [
        (r"see \emph{this}", r"raw LaTeX \emph"),
        ("cost $x + 1", "unclosed $"),
        (r"$\foo$", r"unknown macro \foo"),
    ],
)
def test_bad_words_raise(text, message):
    with pytest.raises(MathError, match=re.escape(message)):
        text_with_maths(text, MathMLWriter())


def test_plain_words_only():
    assert text_with_maths("no maths here", MathMLWriter()) == "no maths here"
    assert text_with_maths("", MathMLWriter()) == ""


# -- problems ----------------------------------------------------------------------------------


def hostile_problem() -> Problem:
    f = x**2 * sp.exp(x)
    return Problem(
        id="test.m.1.1",
        week=1,
        topic="test",
        difficulty="medium",
        prompt="Differentiate <b>{f}</b> & show <script>alert(1)</script> {m}",
        math={"f": f, "m": sp.Matrix([[1, x], [y, 2]])},
        answer=AnswerSpec("expr", sp.diff(f, x), ("x",)),
        solution=tutor.derive(f),
    )


@pytest.mark.parametrize(
    "writer", [MathMLWriter(), SvgWriter(cache=SvgCache())], ids=["mathml", "svg"]
)
def test_statement_and_answer(writer):
    problem = hostile_problem()
    statement = statement_html(problem, writer)
    assert "<script>" not in statement and "<b>" not in statement
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in statement and "&amp; show" in statement
    assert_no_raw_latex(statement)
    answer = answer_html(problem, writer)
    assert_no_raw_latex(answer)
    assert ("<math" in answer) == isinstance(writer, MathMLWriter)


def test_problem_bank_problems():
    import problem_bank

    writer = MathMLWriter()
    for topic in problem_bank.topics():
        problem = problem_bank.generate(topic.key, 3, "easy")
        for fragment in (
            statement_html(problem, writer),
            answer_html(problem, writer),
            render_html(problem.solution, writer, "brief"),
        ):
            assert_no_raw_latex(fragment)


def test_blocks_of_every_kind_escape_their_rule_ids():
    line = Line(0, None, None, "words only", 'rule"><script>')
    fragment = format_block(line, MathMLWriter())
    assert "<script>" not in fragment and "&quot;&gt;&lt;script&gt;" in fragment
    checked(fragment)
