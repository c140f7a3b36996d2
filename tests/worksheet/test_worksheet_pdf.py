"""HTML -> PDF: the URL fetcher refuses everything but our assets; faster drawing, same picture."""

from __future__ import annotations

import subprocess

import pytest

from tutor.render.pdf import AssetError, asset_fetcher, html_to_pdf, htmls_to_pdf, lift_formulas
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


def _plain_weasyprint(page: str) -> bytes:
    """The PDF WeasyPrint draws with its own path code (tutor.render.pdfspeed out)."""
    from weasyprint import HTML

    from tutor.render import pdfspeed

    pdfspeed.uninstall()
    try:
        fetcher = asset_fetcher()
        html, fetcher.formulas = lift_formulas(page)
        return HTML(string=html, url_fetcher=fetcher).write_pdf()
    finally:
        pdfspeed.install()


def _raster(pdf: bytes, tmp_path, name: str):
    from matplotlib.image import imread

    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / f"{name}.pdf", tmp_path / name],
        check=True,
    )
    return imread(tmp_path / f"{name}.png")


def test_path_cache_keeps_other_paths_byte_for_byte():
    """Paths that are not formula outlines (plots, hand-made SVGs): WeasyPrint's own bytes."""
    body = '<svg width="20" height="20"><path d="M1 1h5v5z" stroke="#000"/></svg>'
    body += '<svg width="20" height="20"><path d="M 0 0 L 10 5 Q 3 3 1 9 Z"/></svg>'
    page = f"<html><body>{body * 2}</body></html>"
    assert html_to_pdf(page) == _plain_weasyprint(page)


def test_formula_outlines_draw_the_same_picture(tmp_path):
    """Formulas drawn glyph by glyph (tutor.render.pdfspeed: glyph forms for a formula image,
    glyph operators for an outline met in WeasyPrint's SVG walk) look as WeasyPrint draws them:
    the rasterised pages differ only in a few anti-aliased edge pixels, and the PDF is
    smaller."""
    from tutor.render.maths import SvgWriter

    writer = SvgWriter()
    formulas = [
        r"\frac{d}{dx}\left[x^{2} \sin x\right] = 2 x \sin x + x^{2} \cos x",
        r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}",
        r"\sqrt{\frac{a}{b}} + \sum_{i} y_{i}^{2}",
    ]
    body = "".join(f"<p>{writer.inline(f)} and {writer.display(f)}</p>" for f in formulas)
    # a formula painted black by its own attribute: WeasyPrint's SVG walk, outline by outline
    painted = body.replace("<path ", "<path fill='black' ")
    assert painted != body
    page = f"<html><body style='font-size:30px'>{body}{painted}</body></html>"
    fast, plain = html_to_pdf(page), _plain_weasyprint(page)
    assert len(fast) < len(plain)
    ours, theirs = _raster(fast, tmp_path, "fast"), _raster(plain, tmp_path, "plain")
    assert ours.shape == theirs.shape
    ink = (theirs[..., :3] < 0.5).any(axis=2).sum()
    differing = (abs(ours - theirs)[..., :3] > 0.1).any(axis=2).sum()
    assert ink > 10_000 and differing < 0.03 * ink  # edge pixels of rules and brackets at most


def test_formulas_are_lifted_out_of_the_page_once_each():
    from tutor.render.maths import SvgWriter

    writer = SvgWriter()
    page = f"<p>{writer.inline('x^{2}')} {writer.inline('x^{2}')} {writer.inline('y')}</p>"
    lifted, formulas = lift_formulas(page)
    assert "data:" not in lifted and sorted(formulas) == ["formula:0", "formula:1"]
    assert lifted.count('src="formula:0"') == 2 and formulas["formula:0"].startswith(b"<svg")
    fetcher = asset_fetcher()
    fetcher.formulas = formulas
    response = fetcher("formula:1")
    assert response.read().startswith(b"<svg") and response.content_type == "image/svg+xml"
    with pytest.raises(AssetError, match="refused"):
        fetcher("formula:2")


@pytest.mark.parametrize(
    "attributes",
    ['fill="none"', 'stroke="red"', 'fill-rule="evenodd"', 'marker-end="url(#m)"'],
)
def test_outlines_with_other_paint_are_left_to_weasyprint(attributes):
    """An outline-shaped path painted other than by a plain nonzero fill: WeasyPrint's bytes."""
    path = f'<path transform="scale(0.1)" d="M10 20l30 0l0 40l-30 0z" {attributes}/>'
    page = f'<html><body><svg width="20" height="20">{path}</svg></body></html>'
    assert html_to_pdf(page) == _plain_weasyprint(page)


def _glyph_forms(pdf: bytes) -> dict[str, bytes]:
    """The form XObjects on the PDF's pages named as glyphs (tutor.render.pdfspeed), by name."""
    from io import BytesIO

    from pypdf import PdfReader

    forms = {}
    for page in PdfReader(BytesIO(pdf)).pages:
        for name, reference in page["/Resources"].get("/XObject", {}).items():
            form = reference.get_object()
            if name.startswith("/tg") and form["/Subtype"] == "/Form":
                forms[name] = form.get_data()
    return forms


def test_formula_glyphs_are_forms_drawn_by_name():
    """Each glyph shape of a formula is one form XObject however often it is drawn; the page
    draws it by name."""
    import re
    from urllib.parse import unquote

    from tutor.render.maths import SvgWriter

    formula = SvgWriter().inline(r"x^{2} + 3 x - \sin x")
    d = re.search(r"d='([^']*)'", unquote(formula))[1]
    shapes = {re.sub(r"^-?[0-9]+(?: [0-9]+|-[0-9]+)", "", glyph) for glyph in d[1:].split("M")}
    once = html_to_pdf(f"<html><body><p>{formula}</p></body></html>")
    often = html_to_pdf(f"<html><body><p>{formula * 40}</p></body></html>")
    forms = _glyph_forms(once)
    assert len(forms) == len(shapes) and _glyph_forms(often) == forms
    assert all(content.rstrip().endswith(b"f") for content in forms.values())
    assert len(often) < len(once) + 2_000  # forty formulas: forty short lists of names


def test_an_svg_image_that_is_not_a_formula_is_drawn_by_weasyprint():
    """An <img> whose SVG holds more than one formula outline (here a circle too) is not made
    of glyph forms."""
    from urllib.parse import quote

    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20' viewBox='0 0 20 20'>"
        "<path transform='scale(0.1)' d='M10 20l30 0l0 40l-30 0z'/><circle r='5' cx='9' cy='9'/>"
        "</svg>"
    )
    page = f'<html><body><img src="data:image/svg+xml;charset=utf-8,{quote(svg)}"></body></html>'
    assert _glyph_forms(html_to_pdf(page)) == {}
