"""HTML -> PDF: the URL fetcher refuses everything but our assets; the path cache is exact."""

from __future__ import annotations

import pytest

from tutor.render.pdf import AssetError, asset_fetcher, html_to_pdf, htmls_to_pdf
from tutor.render.worksheet import ASSETS

REFUSED = [
    "file:///etc/passwd",
    "http://example.com/style.css",
    "https://cdn.jsdelivr.net/npm/mathjax.js",
    "ftp://example.com/x",
    "//example.com/x.png",
    (ASSETS / ".." / ".." / "pyproject.toml").as_uri(),
    ASSETS.as_uri() + "/../worksheet.html.j2",
    "file://otherhost" + str(ASSETS / "worksheet.css"),
    ASSETS.as_uri() + "/missing.css",
]


@pytest.mark.parametrize("url", REFUSED)
def test_fetcher_refuses_anything_outside_assets(url):
    with pytest.raises(AssetError, match="refused"):
        asset_fetcher()(url)


def test_fetcher_serves_assets_and_data_uris():
    response = asset_fetcher()((ASSETS / "worksheet.css").as_uri())
    assert response.read().startswith(b"/*") and response.content_type == "text/css"
    assert asset_fetcher()("data:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize(
    "html",
    [
        '<p>x</p><img src="http://example.com/a.png">',
        '<link rel="stylesheet" href="file:///etc/passwd"><p>x</p>',
        '<p style="background: url(https://example.com/t.png)">x</p>',
        '<svg width="10" height="10"><image href="http://example.com/a.png"/></svg>',
    ],
)
def test_a_page_asking_for_more_is_not_rendered(html):
    with pytest.raises(AssetError, match="refused"):
        html_to_pdf(f"<html><body>{html}</body></html>")


def test_same_html_same_bytes_and_combined_pages():
    from io import BytesIO

    from pypdf import PdfReader

    page = '<html><head><link rel="stylesheet" href="assets/worksheet.css"></head><body>'
    page += '<h1 class="title">T</h1><p>Hello</p></body></html>'
    assert html_to_pdf(page) == html_to_pdf(page)
    both = htmls_to_pdf([page, page])
    assert len(PdfReader(BytesIO(both)).pages) == 2
    with pytest.raises(ValueError):
        htmls_to_pdf([])


def test_path_cache_changes_no_byte():
    """tutor.render.pdfspeed: the same PDF with WeasyPrint's own path parsing."""
    from tutor.render import pdfspeed
    from tutor.render.maths import SvgWriter

    writer = SvgWriter()
    formulas = [
        r"\frac{d}{dx}\left[x^{2} \sin x\right]",
        r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}",
    ]
    body = "".join(f"<p>{writer.inline(f)} and {writer.display(f)}</p>" for f in formulas)
    body += '<svg width="20" height="20"><path d="M1 1h5v5z" stroke="#000"/></svg>'
    page = f"<html><body>{body * 2}</body></html>"
    cached = html_to_pdf(page)
    pdfspeed.uninstall()
    try:
        from weasyprint import HTML

        plain = HTML(string=page, url_fetcher=asset_fetcher()).write_pdf()
    finally:
        pdfspeed.install()
    assert cached == plain
