"""Every field draws from its own appearance, in every form of every example school: filled by
pdf.js (Firefox), by PDFium (Chrome, clicking and typing) and by pypdf (the path `forms prefill`
takes), then drawn from what the file stores alone (PDFium with no form layer, on the flattened
page) and by Poppler: the typed text and the ticks are inked inside each field's box. An
unfilled form draws nothing inside its text boxes. No form asks viewers to redraw
(NeedAppearances), so this is what a viewer that never redraws shows."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest

import tests.support.forms as H
from tests.support.stored import gained_ink, render_stored

pytestmark = pytest.mark.viewers


@pytest.fixture(scope="module")
def blanks(example_resolved, tmp_path_factory):
    """(school, form) -> (resolved form, blank PDF path, sample values)."""
    from builder.common.colour import school_accent
    from builder.render.form.pdf import render_form_pdf
    d = tmp_path_factory.mktemp("blank")
    out = {}
    for sid, rs in sorted(example_resolved.items()):
        for fid in rs.forms:
            form = rs.resolved_forms[fid]
            path = d / f"{sid}-{fid}.pdf"
            path.write_bytes(render_form_pdf(form, school_accent(rs.values)))
            out[sid, fid] = (form, path, H.sample_values(form))
    return out


def _heights(pdf: bytes) -> list[float]:
    from pypdf import PdfReader
    return [float(p.mediabox.height) for p in PdfReader(BytesIO(pdf)).pages]


def _fill(engine: str, src: Path, values: dict, dst: Path) -> bytes:
    if engine == "pdfjs":
        H.fill_pdfjs(src, dst, values)
    elif engine == "pdfium":
        H.fill_pdfium(src.read_bytes(), values, dst)
    else:
        dst.write_bytes(H.fill_pypdf(src.read_bytes(), values))
    return dst.read_bytes()


def test_no_form_asks_viewers_to_redraw(blanks):
    from pypdf import PdfReader
    for (sid, fid), (_form, path, _values) in blanks.items():
        acro = PdfReader(str(path)).trailer["/Root"]["/AcroForm"]
        assert "/NeedAppearances" not in acro, (sid, fid)


def test_unfilled_text_boxes_draw_nothing_inside(blanks):
    """The empty appearance: nothing but the box the page draws (no stray text, no fill)."""
    checked = 0
    for (sid, fid), (_form, path, values) in blanks.items():
        pdf = path.read_bytes()
        rects, heights = H.widgets(pdf), _heights(pdf)
        for name, value in values.items():
            if isinstance(value, str):
                page, rect = rects[name]
                assert H.ink(render_stored(pdf, page), rect, heights[page]) == 0, (sid, fid, name)
                checked += 1
    assert checked > 50


@pytest.mark.parametrize("engine", ["pdfjs", "pdfium", "pypdf"])
def test_filled_values_are_drawn_from_stored_appearances(engine, blanks, tmp_path):
    if engine == "pdfjs" and H.node_ready():
        pytest.skip(H.node_ready())
    checked = 0
    for (sid, fid), (_form, path, values) in blanks.items():
        blank = path.read_bytes()
        filled = _fill(engine, path, values, tmp_path / f"{engine}-{sid}-{fid}.pdf")
        gained = gained_ink(blank, filled, H.widgets(blank), _heights(blank), values)
        for name, value in values.items():
            need = 6 if value is True else 30
            assert gained[name] >= need, f"{engine}: {sid}/{fid} field {name} not drawn ({gained[name]})"
            checked += 1
    assert checked > 150


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_pdfjs_filled_values_are_drawn_by_poppler(blanks, tmp_path):
    if H.node_ready():
        pytest.skip(H.node_ready())
    for (sid, fid), (_form, path, values) in list(blanks.items())[:6]:
        dst = tmp_path / f"{sid}-{fid}.pdf"
        _fill("pdfjs", path, values, dst)
        rects, heights = H.widgets(path.read_bytes()), _heights(path.read_bytes())
        pages = {}
        for name, value in values.items():
            page, rect = rects[name]
            if page not in pages:
                pages[page] = H.render_poppler(path, page), H.render_poppler(dst, page)
            before, after = pages[page]
            gained = H.ink(after, rect, heights[page]) - H.ink(before, rect, heights[page])
            assert gained >= (6 if value is True else 30), (sid, fid, name, gained)
