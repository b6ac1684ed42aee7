"""Real viewers: every form filled through PDFium (Chrome's engine, clicking and typing through
its form API), pdf.js (Firefox's engine, under Node) and pypdf reads back the values entered;
filled forms rendered by PDFium and Poppler show those values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import ROOT

import tests.support.forms as H

from builder.forms.collect import collect_file
from builder.forms.reader import Reader
from builder.source.load import load_pack
from builder.common.colour import school_accent
from builder.render.form.pdf import render_form_pdf
from builder.resolve.school import resolve_all



@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """form id -> (resolved form, blank PDF path, values) for one school's every form."""
    pack = load_pack(ROOT)
    rs = max(resolve_all(pack).values(),
             key=lambda s: len((s.values.get("lists") or {}).get("social_accounts") or []))
    d = tmp_path_factory.mktemp("blank")
    out = {}
    for fid in rs.forms:
        form = rs.resolved_forms[fid]
        path = d / f"{fid}.pdf"
        path.write_bytes(render_form_pdf(form, school_accent(rs.values)))
        out[fid] = (form, path, H.sample_values(form))
    return out


def fill_with(engine, form_path: Path, values: dict, dst: Path) -> Path:
    if engine == "pdfium":
        H.fill_pdfium(form_path.read_bytes(), values, dst)
    elif engine == "pdfjs":
        H.fill_pdfjs(form_path, dst, values)
    else:
        dst.write_bytes(H.fill_pypdf(form_path.read_bytes(), values))
    return dst


ENGINES = ["pdfium", "pdfjs", "pypdf"]


@pytest.fixture(scope="module")
def filled(forms, tmp_path_factory):
    """(engine, form id) -> filled file."""
    d = tmp_path_factory.mktemp("filled")
    out = {}
    for engine in ENGINES:
        if engine == "pdfjs" and H.node_ready():
            continue
        for fid, (_form, path, values) in forms.items():
            out[engine, fid] = fill_with(engine, path, values, d / f"{engine}-{fid}.pdf")
    return out


def _need(engine):
    if engine == "pdfjs" and H.node_ready():
        pytest.skip(H.node_ready())


@pytest.mark.parametrize("engine", ENGINES)
def test_filled_forms_collect_back(engine, forms, filled):
    _need(engine)
    with Reader() as reader:
        for fid, (form, _, values) in forms.items():
            row = collect_file(filled[engine, fid], reader)
            want = H.expected(form, values)
            got = row.as_dict()
            for k, v in want.items():
                assert got.get(k) == v, (engine, fid, k, got.get(k), v)
            assert row.status == "complete", (engine, fid, row.follow_up)
            assert (row.school, row.form, row.form_version) == (form.school_id, form.id, form.version)


def test_pdfjs_sees_flat_labelled_fields(forms):
    if H.node_ready():
        pytest.skip(H.node_ready())
    for fid, (form, path, _) in forms.items():
        seen = H.fill_pdfjs(path, None, {})
        names = [f["name"] for f in seen["fields"]]
        assert sorted(names) == sorted(set(form.tooltips) | {"pp_form"}), fid   # no "name.name"
        assert sorted(seen["fieldObjects"]) == sorted(names)
        for f in seen["fields"]:
            assert f["label"], (fid, f["name"])
            if f["checkBox"]:
                assert f["exportValue"] == "Yes"


def _visible(engine, forms, filled, renderer, tmp_path):
    from pypdf import PdfReader
    checked = 0
    for fid, (_form, blank, values) in forms.items():
        path = filled[engine, fid]
        rects = H.widgets(blank.read_bytes())
        heights = [float(p.mediabox.height) for p in PdfReader(str(blank)).pages]
        by_page = {}
        for name in values:
            page, rect = rects[name]
            by_page.setdefault(page, []).append((name, rect))
        for page, items in by_page.items():
            if renderer == "pdfium":
                before, after = H.render_pdfium(blank.read_bytes(), page), H.render_pdfium(path.read_bytes(), page)
            else:
                before, after = H.render_poppler(blank, page), H.render_poppler(path, page)
            for name, rect in items:
                gained = H.ink(after, rect, heights[page]) - H.ink(before, rect, heights[page])
                need = 6 if values[name] is True else 30
                assert gained >= need, f"{engine}/{renderer}: {fid} field {name} not visible ({gained})"
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("renderer", ["pdfium", "poppler"])
def test_entered_values_are_visible(engine, renderer, forms, filled, tmp_path):
    _need(engine)
    if renderer == "poppler" and shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _visible(engine, forms, filled, renderer, tmp_path)
