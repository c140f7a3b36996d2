"""Worksheet builds, checked by structure (never pixels): documents, pages, ids, text, HTML."""

from __future__ import annotations

import re

import pytest
from conftest import DATE, file_of, parse_page, pdf_pages, pdf_text

LATEX_LEFTOVER = re.compile(r"\\[A-Za-z]+|\$|\\[{}]")


def problem_ids(result):
    """The problem ids of version A, read from its answer key's HTML (or PDF text)."""
    key = pdf_text(file_of(result, "key"))
    return re.findall(r"[a-z-]+\.[emh]\.[0-9a-z]+\.\d+", key)


@pytest.fixture(scope="module")
def separate(builds):
    return builds(format="pdf,html")


def test_three_documents_per_version(separate):
    names = sorted(p.name for p in separate.files)
    assert len(names) == 6
    for part in ("worksheet", "solutions", "key"):
        for ext in ("pdf", "html"):
            assert file_of(separate, part, ext).exists()
    assert (file_of(separate, "key").parent / "assets" / "STIXTwoMath-Regular.ttf").exists()


def test_pages_and_one_page_key(separate):
    assert pdf_pages(file_of(separate, "worksheet")) == 1
    assert pdf_pages(file_of(separate, "key")) == 1
    assert pdf_pages(file_of(separate, "solutions")) >= 1


def test_every_problem_id_once_in_each_document(separate):
    ids = problem_ids(separate)
    assert len(ids) == 3 and len(set(ids)) == 3
    for part in ("worksheet", "solutions", "key"):
        text = pdf_text(file_of(separate, part))
        for problem_id in ids:
            assert text.count(problem_id) == 1, (part, problem_id)


def test_header_and_parts(separate):
    worksheet = pdf_text(file_of(separate, "worksheet"))
    assert "Name" in worksheet and DATE in worksheet and "Seed 7" in worksheet
    assert "Version A" in worksheet and "Rebuild code" in worksheet
    assert "Worked solutions" not in worksheet and "Answer key" not in worksheet
    assert "Worked solutions" in pdf_text(file_of(separate, "solutions"))
    assert "Answer key" in pdf_text(file_of(separate, "key"))


def test_no_raw_latex_in_pdf_text(separate):
    for part in ("worksheet", "solutions", "key"):
        text = pdf_text(file_of(separate, part))
        assert not LATEX_LEFTOVER.search(text), (part, LATEX_LEFTOVER.search(text))


def test_html_parses_and_references_nothing_outside(separate):
    for part in ("worksheet", "solutions", "key"):
        path = file_of(separate, part, "html")
        page = parse_page(path.read_text(encoding="utf-8"))
        assert not page.errors and page.stack == [], (part, page.errors[:3], page.stack)
        for url in page.urls:
            assert not url.startswith(("http:", "https:", "//", "file:")), url
            if not url.startswith(("data:", "#")):
                assert url.startswith("assets/") and (path.parent / url).exists(), url
        text = "".join(page.text)
        assert "<math" not in text  # MathML is markup, never escaped text
    assert "<math" in file_of(separate, "solutions", "html").read_text()


def test_same_seed_same_pdf(builds, separate):
    again = builds(format="pdf,html", workers=2)  # another process layout, same output
    for part in ("worksheet", "solutions", "key"):
        assert pdf_text(file_of(again, part)) == pdf_text(file_of(separate, part))
        assert file_of(again, part).read_bytes() == file_of(separate, part).read_bytes()


def test_another_seed_other_problems(builds, separate):
    other = builds(seed=8, solutions="none")
    assert set(problem_ids(other)).isdisjoint(problem_ids(separate))


@pytest.mark.parametrize(
    "solutions,parts",
    [("none", {"worksheet", "key"}), ("appendix", {"worksheet", "key"})],
)
def test_solutions_present_exactly_when_asked(builds, solutions, parts):
    result = builds(solutions=solutions)
    assert {p.name.rsplit("-", 1)[1].split(".")[0] for p in result.files} == parts
    text = pdf_text(file_of(result, "worksheet"))
    assert ("Worked solutions" in text) == (solutions == "appendix")
    for problem_id in problem_ids(result):
        assert text.count(problem_id) == 1


def test_inline_solutions_and_no_key(builds):
    result = builds(solutions="inline", key=False)
    assert [p.name.rsplit("-", 1)[1] for p in result.files] == ["worksheet.pdf"]
    text = pdf_text(file_of(result, "worksheet"))
    assert "Worked solutions inline" in text and text.count("Answer:") == 3


def test_letter_two_columns_blank_space(builds):
    result = builds(paper="letter", columns=2, answer_space="blank", solutions="none")
    from pypdf import PdfReader

    box = PdfReader(file_of(result, "worksheet")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = PdfReader(file_of(builds(solutions="none"), "worksheet")).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_hostile_teacher_text_is_escaped(builds):
    title = "<script>alert(1)</script> \\input{/etc/passwd} {} & $x$"
    result = builds(title=title, instructions="<b>bold</b>", solutions="none", format="pdf,html")
    page = file_of(result, "worksheet", "html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    text = pdf_text(file_of(result, "worksheet"))
    assert "<script>alert(1)</script>" in text and "\\input{/etc/passwd}" in text


def test_combined_versions(builds):
    result = builds(
        versions=2,
        count=2,
        topics=["power-sum", "chain-rule"],
        solutions="none",
        combine=True,
        format="pdf,html",
        workers=2,
    )
    assert sorted(p.name.rsplit("-", 1)[1] for p in result.files) == [
        "key.html",
        "key.pdf",
        "worksheet.html",
        "worksheet.pdf",
    ]
    key = file_of(result, "key")
    assert pdf_pages(key) == 2
    text = pdf_text(key)
    assert "Version A (1 of 2)" in text and "Version B (2 of 2)" in text
    ids = re.findall(r"[a-z-]+\.[emh]\.[0-9a-z]+\.\d+", text)
    assert len(ids) == 4 and len(set(ids)) == 4  # no problem twice in the whole build
    html = file_of(result, "worksheet", "html").read_text(encoding="utf-8")
    assert html.count('<section class="sheet"') == 2


def _balanced(tex: str) -> bool:
    depth = 0
    for brace in re.findall(r"\\\\|\\[{}]|[{}]", tex):
        depth += {"{": 1, "}": -1}.get(brace, 0)
        if depth < 0:
            return False
    return depth == 0


def test_latex_sources_escape_teacher_text(builds):
    title = "Evil \\input{/etc/passwd} \\write18{rm} $x$ & 100% #1 a_b ^ ~"
    result = builds(
        title=title, instructions="}{\\end{document}", solutions="appendix", format="tex", columns=2
    )
    tex = file_of(result, "worksheet", "tex").read_text(encoding="utf-8")
    assert "\\input{" not in tex and "\\write18" not in tex
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in tex and "\\$x\\$ \\& 100\\% \\#1" in tex
    assert tex.count("\\end{document}") == 1 and "\\}\\{\\textbackslash{}end" in tex
    assert _balanced(tex)
    for environment in ("multicols", "minipage", "document"):
        assert tex.count(f"\\begin{{{environment}}}") == tex.count(f"\\end{{{environment}}}")
    assert "Worked solutions" in tex and tex.count("\\solline{0}") >= 3
    key = file_of(result, "key", "tex").read_text(encoding="utf-8")
    assert _balanced(key) and key.count("\\\\\n") == 3  # one row per answer


def test_plot_hook(builds, monkeypatch):
    """tutor.render.plots.plot_for (helper W3): an SVG becomes a figure under the solution."""
    import sys
    import types

    plots = types.ModuleType("tutor.render.plots")
    svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">'
    plots.plot_for = lambda step: svg + '<rect width="20" height="10"/></svg>'
    monkeypatch.setitem(sys.modules, "tutor.render.plots", plots)
    result = builds(topics=["power-sum"], count=1, format="pdf,html", seed=99)
    page = file_of(result, "solutions", "html").read_text(encoding="utf-8")
    assert page.count('<figure class="plot"><img class="plot" alt="plot" src="data:image') == 1
    assert pdf_pages(file_of(result, "solutions")) == 1


@pytest.mark.slow
def test_many_versions_in_parallel(builds):
    """Six versions on the machine's cores, combined: a page run per version, no repeats."""
    result = builds(versions=6, combine=True, workers=2)
    solutions, key = file_of(result, "solutions"), file_of(result, "key")
    assert pdf_pages(key) == 6 and pdf_pages(file_of(result, "worksheet")) == 6
    text = pdf_text(key)
    ids = re.findall(r"[a-z-]+\.[emh]\.[0-9a-z]+\.\d+", text)
    assert len(ids) == 18 and len(set(ids)) == 18
    for number in range(1, 7):
        assert f"({number} of 6)" in pdf_text(solutions)
