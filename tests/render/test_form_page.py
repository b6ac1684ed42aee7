"""The form page's parts: pdf.js shipped as package data at the version the tests pin, with its
licence and checksums; the page's script is on form pages only; every input names the PDF field
it fills, and the page's form names exactly the PDF's fields."""

from __future__ import annotations

import hashlib
import json
import re

from tests.support import ROOT

PDFJS = ROOT / "builder" / "render" / "site" / "theme" / "js" / "pdfjs"


def test_pdfjs_is_pinned_with_its_licence_and_checksums():
    pinned = json.loads((ROOT / "tests" / "js" / "package.json").read_text())["dependencies"]["pdfjs-dist"]
    note = (PDFJS / "VERSION.txt").read_text(encoding="utf-8")
    assert f"pdf.js {pinned} " in note and f"pdfjs-dist {pinned}" in note
    assert "Apache License" in (PDFJS / "LICENSE.txt").read_text(encoding="utf-8")
    for name in ("pdf.min.js", "pdf.worker.min.js"):
        data = (PDFJS / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() in note, name
        assert pinned.encode() in data, name
    installed = ROOT / "tests" / "js" / "node_modules" / "pdfjs-dist" / "legacy" / "build" / "pdf.min.mjs"
    if installed.exists():
        assert installed.read_bytes() == (PDFJS / "pdf.min.js").read_bytes()


def test_package_data_globs_take_the_pdfjs_files():
    import tomllib
    from fnmatch import fnmatch
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    theme = ROOT / "builder" / "render" / "site"
    for f in PDFJS.iterdir():
        rel = f.relative_to(theme).as_posix()
        assert any(fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs), rel


def test_the_script_is_on_form_pages_only(example_pack, example_resolved):
    from builder.render.site.render import site_inputs
    from tests.support import TODAY
    rs = next(iter(example_resolved.values()))
    files, _config = site_inputs(rs, example_pack, TODAY)
    pages = {rel: text for rel, text in files.items() if isinstance(text, str)}
    assert set(files) - set(pages), "the site's files include its calendar and logo as bytes"
    for rel, text in pages.items():
        has = "pp-form.js" in text
        assert has == rel.startswith("forms/"), rel
        if has:
            assert '<script src="../js/pp-form.js"></script>' in text
        assert "pdf.min.js" not in text


def test_page_inputs_name_exactly_the_pdf_fields(example_resolved):
    from builder.render.form.page import form_html
    for sid, rs in example_resolved.items():
        for fid, f in rs.resolved_forms.items():
            html = form_html(f, f"{fid}.pdf", "../js/pp-form.js")
            named = re.findall(r'data-pdf-field="([^"]+)"', html)
            assert sorted(named) == sorted(f.tooltips), (sid, fid)
            assert ' novalidate ' in html and f'data-pdf="{fid}.pdf"' in html
            for m in re.finditer(r"<(input|textarea)[^>]*>", html):
                tag = m.group(0)
                if 'aria-required="true"' in tag:
                    assert " required" in tag
