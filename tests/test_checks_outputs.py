"""check_outputs: every internal link and anchor in a rendered site's pages and PDFs resolves.
The fixture site (HTML written here, PDFs made by WeasyPrint and pypdf) is built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.checks import check_outputs

POLICY_HTML = """<!doctype html><html lang="en"><head><title>P</title>
<link rel="stylesheet" href="../../assets/site.css"></head><body>
<h1 id="top-title">Online Safety Policy</h1>
<nav><a href="#sec-1">1</a> <a href="#sec-2">2</a> <a href="#top">top</a></nav>
<h2 id="sec-1">Intent</h2><p>See <a href="#sec-2">section 2</a>.</p>
<h2 id="sec-2">Reporting</h2><p><a href="../forms/consent.html">form</a>
<a href="../pdf/online-safety.pdf">PDF</a> <a href="../pdf/online-safety.pdf#sec2">PDF part 2</a>
<a href="../pdf/online-safety.pdf#page=2">page 2</a> <a name="old-anchor"></a>
<a href="https://example.org/x#y">web</a> <a href="mailto:a@b.example">mail</a> <a href="tel:01632960000">tel</a>
</p></body></html>
"""

SCHOOL_INDEX = """<!doctype html><html lang="en"><head><title>S</title></head><body>
<a href="policies/online-safety.html">policy</a> <a href="policies/online-safety.html#old-anchor">old</a>
<a href="../index.html">trust</a> <a href="forms/">forms</a> <a href="forms/consent.pdf">consent PDF</a>
<img src="../assets/logo.png" alt="logo"></body></html>
"""

TRUST_INDEX = """<!doctype html><html lang="en"><head><title>T</title></head><body>
<a href="elm/index.html">Elm</a> <a href="elm/">Elm again</a>
<a href="/elm/policies/online-safety.html#sec-1">rooted</a></body></html>
"""

FORM_HTML = """<!doctype html><html lang="en"><head><title>F</title></head><body>
<form><label for="n">Name</label><input id="n"></form><a href="consent.pdf">PDF</a>
<a href="../policies/online-safety.html#sec-2">policy</a></body></html>
"""

PDF_HTML = """<html><body><h1 id="sec1">One</h1>
<p><a href="#sec2">to part 2</a> <a href="../policies/online-safety.html#sec-1">web page</a>
<a href="https://example.org">web</a></p>
<h1 id="sec2" style="break-before: page">Two</h1></body></html>
"""


def write_pdf(html: str, path: Path) -> None:
    from weasyprint import HTML
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html).write_pdf(path)


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("out") / "site"
    files = {
        "index.html": TRUST_INDEX,
        "elm/index.html": SCHOOL_INDEX,
        "elm/policies/online-safety.html": POLICY_HTML,
        "elm/forms/consent.html": FORM_HTML,
        "elm/forms/index.html": "<html><body><a href='consent.html'>form</a></body></html>",
        "assets/site.css": "body{}",
        "assets/logo.png": "",
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    write_pdf(PDF_HTML, site / "elm/pdf/online-safety.pdf")
    write_pdf("<p>Consent form <a href='../policies/online-safety.html'>policy</a></p>",
              site / "elm/forms/consent.pdf")
    return site


@pytest.fixture
def site(clean_site, tmp_path) -> Path:
    dest = tmp_path / "site"
    shutil.copytree(clean_site, dest)
    return dest


def add_link(site: Path, rel: str, href: str) -> int:
    """Append a link to a page; return its line."""
    path = site / rel
    text = path.read_text(encoding="utf-8")
    text = text.replace("</body>", f'\n<a href="{href}">added</a></body>')
    path.write_text(text, encoding="utf-8")
    return text.splitlines().index(f'<a href="{href}">added</a></body></html>') + 1


def test_clean_site_passes(clean_site):
    assert check_outputs(clean_site) == []


@pytest.mark.parametrize("href, code, words", [
    ("policies/missing.html", "E-LINK", "site/elm/policies/missing.html, which does not exist"),
    ("policies/online-safety.html#sec-9", "E-ANCHOR", "has no anchor '#sec-9'"),
    ("#nowhere", "E-ANCHOR", "site/elm/index.html has no anchor '#nowhere'"),
    ("pp:section/online-safety/intent", "E-LINK", "uses 'pp:'"),
    ("../../../etc/passwd", "E-LINK", "outside the output folder"),
    ("pdf/online-safety.pdf#nameddest=sec7", "E-ANCHOR", "no named destination 'sec7'"),
    ("pdf/online-safety.pdf#page=9", "E-ANCHOR", "has no page 9"),
    ("pdf/missing.pdf", "E-LINK", "does not exist"),
    ("file:///srv/site/elm/index.html", "E-LINK", "machine that built the pack"),
])
def test_broken_html_link(site, href, code, words):
    line = add_link(site, "elm/index.html", href)
    [d] = check_outputs(site)
    assert (d.path, d.line, d.code, d.severity) == ("site/elm/index.html", line, code, "error")
    assert words in d.message


def test_pdf_relative_link_to_a_missing_page(site):
    write_pdf(PDF_HTML.replace("online-safety.html#sec-1", "gone.html"),
              site / "elm/pdf/online-safety.pdf")
    [d] = check_outputs(site)
    assert (d.path, d.code) == ("site/elm/pdf/online-safety.pdf", "E-LINK")
    assert d.message.startswith("page 1: broken link: '../policies/gone.html'")


def test_pdf_relative_link_to_a_missing_anchor(site):
    write_pdf(PDF_HTML.replace("online-safety.html#sec-1", "online-safety.html#sec-5"),
              site / "elm/pdf/online-safety.pdf")
    [d] = check_outputs(site)
    assert (d.path, d.code) == ("site/elm/pdf/online-safety.pdf", "E-ANCHOR")
    assert "has no anchor '#sec-5'" in d.message


def _add_pdf_annotation(path: Path, annotation: dict) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject
    writer = PdfWriter(clone_from=PdfReader(path))
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 30)]),
    })
    annot.update(annotation)
    writer.add_annotation(page_number=1, annotation=annot)
    with open(path, "wb") as fh:
        writer.write(fh)


def test_pdf_dest_to_a_missing_named_destination(site):
    from pypdf.generic import NameObject, TextStringObject
    _add_pdf_annotation(site / "elm/pdf/online-safety.pdf", {NameObject("/Dest"): TextStringObject("sec9")})
    [d] = check_outputs(site)
    assert (d.path, d.code) == ("site/elm/pdf/online-safety.pdf", "E-ANCHOR")
    assert d.message == "page 2: an internal link points at named destination 'sec9', which does not exist"


def test_pdf_goto_action(site):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject
    path = site / "elm/pdf/online-safety.pdf"
    good = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): TextStringObject("sec1")})
    _add_pdf_annotation(path, {NameObject("/A"): good})
    assert check_outputs(site) == []
    bad = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): TextStringObject("nope")})
    _add_pdf_annotation(path, {NameObject("/A"): bad})
    [d] = check_outputs(site)
    assert "named destination 'nope'" in d.message and d.code == "E-ANCHOR"


def test_unreadable_pdf(site):
    (site / "elm/forms/consent.pdf").write_bytes(b"not a pdf")
    found = check_outputs(site)
    assert {(d.path, d.code) for d in found} >= {("site/elm/forms/consent.pdf", "E-PDF-READ")}
    # the pages linking to it still find the file, so only the PDF itself is reported
    assert {d.path for d in found} == {"site/elm/forms/consent.pdf"}
