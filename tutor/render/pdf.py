"""HTML pages -> PDF with WeasyPrint, fetching nothing but our own assets.

`AssetFetcher` is the only URL fetcher WeasyPrint gets: it serves `data:` URIs (our own SVGs) and
regular files inside templates/assets, and refuses everything else (http, https, ftp, any other
file) with an `AssetError` that stops the rendering, so a stray or injected URL can never reach
the network or the disk. `html_to_pdf(html)` renders one document; `htmls_to_pdf(pages)` lays out
several documents and writes them as one PDF, each keeping its own page numbers.

Fonts: text is set in DejaVu Serif/Sans (fonts-dejavu-core, installed by scripts/bootstrap.sh);
maths arrives as SVG from tutor.render.maths, so the PDF needs no maths font. Anything WeasyPrint
reports as an error (an image it could not draw) stops the build with a ValueError, and
tutor.render.pdfspeed makes its SVG drawing faster. Each formula's SVG is handed to WeasyPrint
by a short `formula:N` name the fetcher resolves from the page itself (`lift_formulas`).
Python's cyclic garbage collector is held off while a document is laid out and written
(tutor.collector): WeasyPrint makes hundreds of thousands of objects a document, and
collections over them and all else the process holds took a third of the time.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tutor.collector import collector_paused
from tutor.render.worksheet import ASSETS, TEMPLATES

ALLOWED_SCHEMES = ("data", "file")
FORMULA_SCHEME = "formula"
FORMULA_URL = re.compile(r'src="data:image/svg\+xml;charset=utf-8,([^"]*)"')
SVG_TYPE = "image/svg+xml"


class AssetError(ValueError):
    """A document asked for something outside our assets: refused, and the rendering stopped."""


def _local_asset(url: str) -> Path:
    """The file a file: URL names, when it is a regular file inside templates/assets."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise AssetError(f"refused {url!r}: worksheets may use only files in templates/assets")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(ASSETS.resolve()) or not path.is_file():
        raise AssetError(f"refused {url!r}: worksheets may use only files in templates/assets")
    return path


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        """WeasyPrint's fetcher, narrowed to data: URIs and files in templates/assets."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=ALLOWED_SCHEMES, fail_on_errors=True)
            self.refused: list[str] = []  # what was refused, even where WeasyPrint hides it
            self.formulas: dict[str, bytes] = {}  # formula:N -> SVG (see lift_formulas)

        def fetch(self, url, headers=None):
            try:
                return self._fetch(url, headers)
            except AssetError as error:
                self.refused.append(str(error))
                raise

        def _fetch(self, url, headers):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == FORMULA_SCHEME and url in self.formulas:
                return URLFetcherResponse(url, self.formulas[url], {"Content-Type": SVG_TYPE})
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise AssetError(f"refused {url[:80]!r}: worksheets fetch nothing from the network")
            path = _local_asset(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return AssetFetcher


def lift_formulas(html: str) -> tuple[str, dict[str, bytes]]:
    """The page with each maths SVG (a data: URL from tutor.render.maths) named `formula:N`
    instead, and the SVGs by name: WeasyPrint's HTML parser then reads short attributes, and a
    formula used twice is one image it loads once."""
    formulas: dict[str, bytes] = {}
    names: dict[str, str] = {}

    def name(match: re.Match[str]) -> str:
        payload = match[1]
        if payload not in names:
            names[payload] = f"{FORMULA_SCHEME}:{len(names)}"
            svg = unquote(payload.replace("&amp;", "&"))  # the attribute's, then the URL's escapes
            formulas[names[payload]] = svg.encode("utf-8")
        return f'src="{names[payload]}"'

    return FORMULA_URL.sub(name, html), formulas


def asset_fetcher():
    """A new fetcher (WeasyPrint's URLFetcher interface: `fetcher(url)` or `.fetch(url)`)."""
    return _fetcher_class()()


class _Errors(logging.Handler):
    """Collects what WeasyPrint reports as errors (an SVG it could not draw, ...) while it works."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _weasyprint(work, fetcher):
    """Run `work()`; a refused URL is an AssetError and anything WeasyPrint reports as an error
    a ValueError (our own pages have none)."""
    from weasyprint.urls import FatalURLFetchingError

    from tutor.render import pdfspeed

    pdfspeed.install()
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)  # its warnings (duplicate anchors in SVGs) are noise here
    errors = _Errors()
    logger.addHandler(errors)
    try:
        result = work()
    except FatalURLFetchingError:  # raised by WeasyPrint around our AssetError
        pass
    finally:
        logger.removeHandler(errors)
    if fetcher.refused:
        raise AssetError(fetcher.refused[0])
    if errors.messages:
        raise ValueError(f"WeasyPrint could not draw the page: {errors.messages[0]}")
    return result


def _render(html: str):
    from weasyprint import HTML

    fetcher = asset_fetcher()
    html, fetcher.formulas = lift_formulas(html)
    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher)
    return _weasyprint(document.render, fetcher), fetcher


def html_to_pdf(html: str) -> bytes:
    """One HTML document as PDF bytes (no creation date: the same HTML gives the same bytes)."""
    with collector_paused():
        document, fetcher = _render(html)
        return bytes(_weasyprint(document.write_pdf, fetcher))


def htmls_to_pdf(pages: Sequence[str]) -> bytes:
    """Several HTML documents in one PDF, one after another, each with its own page numbering."""
    if not pages:
        raise ValueError("htmls_to_pdf needs at least one document")
    rendered = []
    for html in pages:  # the collector runs between documents, not inside one
        with collector_paused():
            rendered.append(_render(html))
    every_page = [page for document, _ in rendered for page in document.pages]
    fetcher = rendered[0][1]
    with collector_paused():
        return bytes(_weasyprint(rendered[0][0].copy(every_page).write_pdf, fetcher))
