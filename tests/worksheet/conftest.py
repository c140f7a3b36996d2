"""Shared worksheet builds: each distinct build runs once per session (they take seconds), and
helpers to read the PDFs' and HTML pages' text and structure."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

DATE = "2026-09-07"
TOPICS = ["power-sum", "chain-rule", "gradient"]  # short solutions: keeps the suite fast


def make_job(topics=TOPICS, count=3, versions=1, seed=7, title=None, instructions="", **options):
    from tutor.worksheet import Job, read_options, settle_date, spec_from_flags

    spec = spec_from_flags(
        topics=topics,
        count=count,
        seed=seed,
        difficulty="easy",
        versions=versions,
        title=title,
        instructions=instructions,
    )
    sheet, output = read_options(options)
    return Job(settle_date(spec, DATE), sheet, output)


class Builds:
    """Builds by their arguments, each made once into its own directory."""

    def __init__(self, root: Path):
        self.root, self.done = root, {}

    def __call__(self, **arguments):
        key = repr(sorted(arguments.items()))
        if key not in self.done:
            from tutor.worksheet import build

            out = self.root / f"build{len(self.done)}"
            workers = arguments.pop("workers", 1)
            result = build(make_job(**arguments), out, workers=workers, progress=False)
            self.done[key] = result
        return self.done[key]


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory.mktemp("worksheets"))


@functools.cache
def pdf_text(path: Path) -> str:
    """The PDF's text (pypdf); each file is read once (builds never rewrite a file)."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def file_of(result, part: str, ext: str = "pdf", label: str = "A") -> Path:
    """The one file of a build for a document part (and version, unless combined)."""
    found = [p for p in result.files if p.name.endswith(f"-{label}-{part}.{ext}")]
    found = found or [p for p in result.files if p.name.endswith(f"-{part}.{ext}")]
    assert len(found) == 1, (part, ext, [p.name for p in result.files])
    return found[0]


VOID = {"meta", "link", "img", "br", "hr", "input", "col", "source", "wbr", "area", "base"}


class PageParser(HTMLParser):
    """Checks tags balance (outside SVG/MathML self-closing forms) and collects every URL."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "action", "srcset") and value is not None:
                self.urls.append(value)
            if name == "style" and value:
                self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
        self.text.append(data)


def parse_page(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser
