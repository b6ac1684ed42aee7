"""What belongs together stays together on the page, in every form of every example school: no
page holds a signature block alone (the declaration or item before it, or its section's heading,
is on the same page), and a Yes/No item is never on a page without its section's heading. Read
from the PDFs' page text."""

from __future__ import annotations

import re
from io import BytesIO

import pytest


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def laid_out(example_resolved):
    """(school, form) -> (resolved form, [normalised text of each page])."""
    from pypdf import PdfReader
    from builder.common.colour import school_accent
    from builder.render.form.pdf import render_form_pdf
    out = {}
    for sid, rs in sorted(example_resolved.items()):
        for fid in rs.forms:
            form = rs.resolved_forms[fid]
            pdf = render_form_pdf(form, school_accent(rs.values))
            out[sid, fid] = (form, [_norm(p.extract_text() or "") for p in PdfReader(BytesIO(pdf)).pages])
    return out


def _pages_with(pages: list[str], text: str) -> set[int]:
    t = _norm(text)
    return {n for n, p in enumerate(pages) if t and t in p}


def _label(item) -> str:
    return _norm(re.sub(r"<[^>]+>", "", item.label_html).replace("&#39;", "'").replace("&amp;", "&")
                 .replace("&quot;", '"'))


def test_no_page_holds_a_signature_alone(laid_out):
    checked = 0
    for (sid, fid), (form, pages) in laid_out.items():
        for s in form.sections:
            for k, item in enumerate(s.items):
                if item.type != "signature":
                    continue
                where = _pages_with(pages, _label(item))
                assert where, (sid, fid, item.name, "signature label not found")
                before = [_label(i) for i in s.items[:k]] + ([s.title] if s.title else [])
                for page in where:
                    assert any(page in _pages_with(pages, b) for b in before if b), \
                        f"{sid}/{fid}: page {page + 1} holds the signature '{item.label}' without what comes before it"
                checked += 1
    assert checked >= len(laid_out)


def test_yes_no_items_stay_with_their_section_heading(laid_out):
    checked = 0
    for (sid, fid), (form, pages) in laid_out.items():
        for s in form.sections:
            items = [i for i in s.items if i.type == "yesno"]
            if not items or not s.title:
                continue
            heading = _pages_with(pages, s.title)
            assert heading, (sid, fid, s.title)
            for item in items:
                where = _pages_with(pages, _label(item))
                assert where, (sid, fid, item.name, "label not found")
                assert where <= heading, \
                    f"{sid}/{fid}: '{item.label}' is on page {min(where) + 1}, " \
                    f"its heading '{s.title}' on {sorted(heading)}"
                checked += 1
    assert checked > 20


def test_a_section_heading_is_never_last_on_its_page(laid_out):
    for (sid, fid), (form, pages) in laid_out.items():
        for s in form.sections:
            if not s.title or not s.items:
                continue
            first = _label(s.items[0])
            for page in _pages_with(pages, s.title):
                assert page in _pages_with(pages, first) or not _pages_with(pages, first), \
                    f"{sid}/{fid}: heading '{s.title}' on page {page + 1} without its first item"
