"""check_outputs: every internal link and anchor in a rendered site's pages and PDFs resolves.
The fixture site (HTML written here, PDFs made by WeasyPrint and pypdf) is built once.

check_outlines does the same from outlines: taken while rendering (html_outline, PdfOutliner)
or read from disk (read_outline), which must agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.pipeline import links as output_links
from builder.pipeline.links import check_outlines, check_outputs
from builder.render.outlines import Outline, PdfOutliner, html_outline, read_outline

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


def write_pdf(html: str, path: Path, finishers=()) -> Outline:
    """Render with WeasyPrint (``finishers`` first, then a PdfOutliner); return its outline."""
    from weasyprint import HTML
    path.parent.mkdir(parents=True, exist_ok=True)
    outliner = PdfOutliner()

    def finish(document, pdf):  # the outliner as one of several finishers, last
        for f in finishers:
            f(document, pdf)
        outliner(document, pdf)
    HTML(string=html).write_pdf(path, finisher=finish)
    assert outliner.failure is None
    return outliner.outline


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, dict[str, Outline]]:
    """The clean site, and the outlines taken while writing it (rel path -> Outline)."""
    site = tmp_path_factory.mktemp("out") / "site"
    outlines = {}
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
        if rel.endswith(".html"):
            outlines[rel] = html_outline(text)
    outlines["elm/pdf/online-safety.pdf"] = write_pdf(PDF_HTML, site / "elm/pdf/online-safety.pdf")
    outlines["elm/forms/consent.pdf"] = write_pdf(
        "<p>Consent form <a href='../policies/online-safety.html'>policy</a></p>",
        site / "elm/forms/consent.pdf")
    return site, outlines


@pytest.fixture(scope="module")
def clean_site(rendered) -> Path:
    return rendered[0]


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


# ------------------------------------------------------------------ outlines

LINKS_HTML = """<html><body><h1 id="intro">Intro</h1><p id="p1">
<a href="#part-2">internal</a> <a href="../policies/online-safety.html#sec-2">other file</a>
<a href="https://example.org/a?b=c#d">external</a> <a href="#caf\u00e9">accented</a></p>
<h2 id="part-2" style="break-before: page">Two</h2><p id="caf\u00e9">Three</p></body></html>
"""


def test_pdf_outliner_equals_reading_the_written_file(tmp_path):
    path = tmp_path / "elm/pdf/links.pdf"
    made = write_pdf(LINKS_HTML, path)
    assert made == read_outline(path)
    # and it holds what the check needs (so an empty outline on both sides cannot pass)
    assert made.kind == "pdf" and made.pages == 2 and made.error is None
    assert {"intro", "p1", "part-2", "caf\u00e9"} <= made.anchors
    assert {(link.dest, link.action) for link in made.links} == {
        (("name", "part-2"), None), (("name", "caf\u00e9"), None),
        (None, ("uri", "../policies/online-safety.html#sec-2")),
        (None, ("uri", "https://example.org/a?b=c#d"))}
    assert {link.page for link in made.links} == {1}
    import pickle
    assert pickle.loads(pickle.dumps(made)) == made


def _more_annotations(document, pdf):
    """A finisher adding link annotations WeasyPrint does not write itself: explicit
    destinations (page reference, page index, empty), GoTo and GoToR actions."""
    import pydyf
    pages = pdf.pages["Kids"][::3]
    second = f"{pages[1]} 0 R".encode()
    first = pdf.objects[pages[0]]

    def annot(**entries):
        a = pydyf.Dictionary({"Type": "/Annot", "Subtype": "/Link",
                              "Rect": pydyf.Array([0, 0, 10, 10]), **entries})
        pdf.add_object(a)
        first.setdefault("Annots", pydyf.Array()).append(a.reference)

    annot(Dest=pydyf.Array([second, "/XYZ", 0, 0, 0]))
    annot(Dest=pydyf.Array([first.reference, "/Fit"]))
    annot(Dest=pydyf.Array([pdf.catalog.reference, "/Fit"]))      # not a page
    annot(Dest=pydyf.Array([7, "/Fit"]))                           # page index 7: no such page
    annot(Dest=pydyf.Array([]))
    annot(Dest="/part-2")                                          # a name object
    annot(A=pydyf.Dictionary({"S": "/GoTo", "D": pydyf.String("nope")}))
    annot(A=pydyf.Dictionary({"S": "/GoToR", "F": pydyf.String("../forms/consent.pdf"),
                              "D": pydyf.String("gone")}))
    annot(A=pydyf.Dictionary({"S": "/GoToR", "F": pydyf.Dictionary(
        {"Type": "/Filespec", "UF": pydyf.String("../missing.pdf")}), "D": pydyf.Array([0, "/Fit"])}))
    annot(A=pydyf.Dictionary({"S": "/Launch", "F": pydyf.String("x.exe")}))  # left alone


def test_pdf_outliner_understands_other_destinations_and_actions(site):
    path = site / "elm/pdf/online-safety.pdf"
    made = write_pdf(LINKS_HTML, path, finishers=[_more_annotations])
    assert made == read_outline(path)
    kinds = {(link.dest, link.action) for link in made.links}
    assert {(("page", 2), None), (("page", 1), None), (("page", 0), None), (("index", 7), None),
            (("empty",), None), (("name", "part-2"), None), (None, ("goto", ("name", "nope"))),
            (None, ("gotor", "../forms/consent.pdf", "gone")),
            (None, ("gotor", "../missing.pdf", None))} <= kinds
    messages = [d.message for d in check_outputs(site) if d.path == "site/elm/pdf/online-safety.pdf"]
    assert messages == [
        "page 1: an internal link points at a destination on a page that does not exist",
        "page 1: an internal link points at page 8, which does not exist",
        "page 1: an internal link points at an empty destination",
        "page 1: an internal link points at named destination 'nope', which does not exist",
        "page 1: broken link: site/elm/forms/consent.pdf has no named destination 'gone'",
        "page 1: broken link: '../missing.pdf' points at site/elm/missing.pdf, which does not exist",
    ]
    # the outline taken while rendering gives the same findings as reading the file
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert check_outlines(site, None, files, {path: made}) == check_outputs(site)


def test_html_outline_equals_reading_the_page(clean_site, tmp_path):
    page = clean_site / "elm/policies/online-safety.html"
    made = html_outline(POLICY_HTML)
    assert made == read_outline(page)
    assert made.kind == "html" and made.base is None
    assert {"top-title", "sec-1", "sec-2", "old-anchor"} == made.anchors
    assert made.links[0] == ("../../assets/site.css", 2)
    assert ("../pdf/online-safety.pdf#page=2", 8) in made.links
    based = ('<html><head><base href="../X/"><base href="ignored/"></head>\n<body>'
             '<a name="N" href=" Y.html#Caf\u00e9 ">y</a><p id="Caf\u00e9"></body></html>')
    (tmp_path / "b.html").write_text(based, encoding="utf-8")
    assert html_outline(based) == read_outline(tmp_path / "b.html") == Outline(
        "html", anchors=frozenset({"N", "Caf\u00e9"}), links=(("Y.html#Caf\u00e9", 2),), base="../X/")


def _no_reading(monkeypatch, *paths: Path) -> list[Path]:
    """Fail if any of ``paths`` is read from disk; return the list of files that were read."""
    read = []
    real = output_links.read_outline

    def reading(path):
        assert Path(path).resolve() not in {p.resolve() for p in paths}, f"read {path} from disk"
        read.append(Path(path))
        return real(path)
    monkeypatch.setattr(output_links, "read_outline", reading)
    return read


def test_check_outlines_uses_a_known_page_outline(site, monkeypatch):
    page = site / "elm/index.html"
    # the outline (as taken while rendering) has a broken link the file on disk lacks
    known = {page: html_outline(SCHOOL_INDEX.replace("</body>", '\n<a href="#nowhere">x</a></body>'))}
    read = _no_reading(monkeypatch, page)
    [d] = check_outlines(site, "staged", [page], known)
    assert (d.path, d.line, d.code) == ("staged/elm/index.html", 5, "E-ANCHOR")
    assert d.message == "broken link: '#nowhere': staged/elm/index.html has no anchor '#nowhere'"
    # its link targets without a known outline were read from disk
    assert site / "elm/policies/online-safety.html" in read
    monkeypatch.undo()
    assert check_outputs(site, "staged", [page]) == []  # the file itself is fine


def test_check_outlines_uses_a_known_pdf_outline(site, monkeypatch):
    pdf = site / "elm/pdf/online-safety.pdf"
    made = write_pdf(PDF_HTML.replace("online-safety.html#sec-1", "online-safety.html#sec-5"),
                     site / "rendered.pdf")
    pdf.write_bytes(b"not a pdf")           # what is on disk no longer matters
    policy = site / "elm/policies/online-safety.html"   # links to the PDF's #sec2 and #page=2
    _no_reading(monkeypatch, pdf)
    found = check_outlines(site, None, [pdf, policy], {pdf: made})
    assert [(d.path, d.code) for d in found] == [("site/elm/pdf/online-safety.pdf", "E-ANCHOR")]
    assert found[0].message.startswith("page 1: broken link: '../policies/online-safety.html#sec-5'")
    # read from disk instead, the garbled file is what is reported
    monkeypatch.undo()
    assert {d.code for d in check_outputs(site, None, [pdf, policy])} == {"E-PDF-READ", "E-ANCHOR"}


def test_check_outlines_for_a_deleted_file(site):
    pdf = site / "elm/pdf/online-safety.pdf"
    made = read_outline(pdf)
    pdf.unlink()
    # checked from its outline; links to it are broken (the disk says what exists)
    found = check_outlines(site, None, [pdf, site / "elm/policies/online-safety.html"], {pdf: made})
    assert [(d.path, d.line, d.code) for d in found] == [
        ("site/elm/policies/online-safety.html", 7, "E-LINK"),
        ("site/elm/policies/online-safety.html", 7, "E-LINK"),
        ("site/elm/policies/online-safety.html", 8, "E-LINK")]
    assert all("site/elm/pdf/online-safety.pdf, which does not exist" in d.message for d in found)
    assert check_outlines(site, None, [pdf], {}) == []  # no outline and no file: nothing to check


def test_check_outlines_agrees_with_check_outputs(rendered, site):
    _, outlines = rendered
    add_link(site, "elm/index.html", "policies/online-safety.html#sec-9")
    add_link(site, "elm/forms/consent.html", "../pdf/online-safety.pdf#nameddest=sec7")
    (site / "elm/forms/consent.pdf").write_bytes(b"not a pdf")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    expected = check_outputs(site)
    assert [(d.path, d.code) for d in expected] == [("site/elm/forms/consent.html", "E-ANCHOR"),
                                                    ("site/elm/forms/consent.pdf", "E-PDF-READ"),
                                                    ("site/elm/index.html", "E-ANCHOR")]
    # outlines taken while rendering the unchanged files; the changed ones read from disk
    known = {site / rel: o for rel, o in outlines.items()
             if rel not in ("elm/index.html", "elm/forms/consent.html", "elm/forms/consent.pdf")}
    assert check_outlines(site, None, files, known) == expected
    # a PdfOutliner that gave up (outline None) counts as no outline: the file is what is
    # checked, and a file that is not there has nothing to check
    assert check_outlines(site, None, files, {site / "elm/forms/consent.pdf": None}) == expected
    gone = site / "elm/pdf/online-safety.pdf"
    gone.unlink()
    assert check_outlines(site, None, [gone], {gone: None}) == []


def test_unreadable_pdf_outline(tmp_path):
    (tmp_path / "garbled.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog")
    outline = read_outline(tmp_path / "garbled.pdf")
    assert outline.kind == "pdf" and outline.error.startswith("cannot read PDF: ")
    assert (outline.anchors, outline.links, outline.pages) == (frozenset(), (), 0)
