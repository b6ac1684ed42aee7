"""PDF/UA table headers (Matterhorn 15-003): every /TH in a PDF's structure tree has a /Scope,
Column for a header in a header row and Row for a header leading a row, set in the rendering
pass (render/table_scopes.py), so the bytes stay reproducible and a signature made afterwards
covers them. The walk reads the structure tree with pypdf, as a checker does."""

from __future__ import annotations

import io
import shutil

import pytest

from builder.render.engine import html_to_pdf
from tests.support import SCHOOLS


def th_cells(pdf) -> list[dict]:
    """Each /TH of the PDF's structure tree: {scope, row (its /TR's cells' roles), index in the
    row, group (/THead, /TBody, /TFoot or ""), id}; and each /TD's /Headers under "headers"."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    out: list[dict] = []
    if root is None:
        return out

    def kids(node):
        k = node.get("/K")
        items = k if isinstance(k, ArrayObject) else [k]
        found = []
        for item in items:
            item = item.get_object() if item is not None and hasattr(item, "get_object") else item
            if isinstance(item, DictionaryObject) and "/S" in item:
                found.append(item)
        return found

    def attributes(cell):
        a = cell.get("/A")
        a = a.get_object() if a is not None else None
        for item in (a if isinstance(a, ArrayObject) else [a]):
            item = item.get_object() if item is not None else None
            if isinstance(item, DictionaryObject) and item.get("/O") == "/Table":
                return item
        return {}

    def row_cells(tr):
        return [c for c in kids(tr) if c["/S"] in ("/TH", "/TD")]

    def walk(node, group=""):
        s = node.get("/S")
        if s == "/TR":
            cells = row_cells(node)
            roles = [str(c["/S"]) for c in cells]
            for i, c in enumerate(cells):
                a = attributes(c)
                if c["/S"] == "/TH":
                    out.append({"scope": a.get("/Scope"), "roles": roles, "index": i, "group": group,
                                "id": str(c.get("/ID", "")), "kind": "TH"})
                else:
                    out.append({"kind": "TD", "headers": [str(h) for h in a.get("/Headers", [])],
                                "roles": roles, "group": group,
                                "row_th": [str(x.get("/ID", "")) for x in cells if x["/S"] == "/TH"]})
        for kid in kids(node):
            walk(kid, str(s) if s in ("/THead", "/TBody", "/TFoot") else (group if s != "/Table" else ""))

    for top in kids(root) if "/K" in root else []:
        walk(top)
    return out


def headers_only(pdf) -> list[dict]:
    return [c for c in th_cells(pdf) if c["kind"] == "TH"]


def expected_scope(cell) -> str:
    first_td = cell["roles"].index("/TD") if "/TD" in cell["roles"] else len(cell["roles"])
    if cell["group"] == "/THead" or first_td == len(cell["roles"]):
        return "/Column"
    return "/Row" if cell["index"] < first_td else "/Column"


def test_every_th_in_every_built_pdf_has_its_scope(example_site):
    pdfs = sorted(example_site.rglob("*.pdf"))
    assert len(pdfs) >= 2 * len(SCHOOLS)
    policies = 0
    for pdf in pdfs:
        ths = headers_only(str(pdf))
        if "/pdf/" in pdf.as_posix():
            policies += 1
            assert len(ths) >= 10, (pdf, len(ths))    # the approval record and the version history
        for th in ths:
            assert th["scope"] in ("/Row", "/Column"), (pdf, th)
            assert th["scope"] == expected_scope(th), (pdf, th)
        scopes = {th["scope"] for th in ths}
        if ths:
            assert scopes == {"/Row", "/Column"}, (pdf, scopes)   # both kinds of table are there
    assert policies >= 2 * len(SCHOOLS)


TABLES = """<!DOCTYPE html><html lang="en-GB"><head><title>Tables</title></head><body>
<h1>Tables</h1>
<table><thead><tr><th>Version</th><th>Date</th></tr></thead>
<tbody><tr><td>1.0</td><td>1 September 2026</td></tr></tbody></table>
<table><tbody>
<tr><th>Approved by</th><td>Governors</td><td>in full</td></tr>
<tr><th>Next review</th><td>2027</td><td>annually</td></tr>
</tbody></table>
<table><tr><td></td><th>Mon</th><th>Tue</th></tr>
<tr><th>Week 1</th><td>a</td><td>b</td></tr></table>
<table><tbody><tr><th scope="col">Stated</th><td>x</td></tr></tbody></table>
</body></html>"""


def test_scopes_follow_the_table_and_the_html():
    pdf = html_to_pdf(TABLES)
    cells = th_cells(pdf)
    ths = [c for c in cells if c["kind"] == "TH"]
    assert [th["scope"] for th in ths] == [
        "/Column", "/Column",             # a <thead> row
        "/Row", "/Row",                   # headers leading their rows, no scope in the HTML
        "/Column", "/Column", "/Row",     # a header row after an empty corner cell; a row header
        "/Column",                        # the HTML's scope="col" wins over the place
    ]
    # a row header found by its place is its row's data cells' header, not its column's
    row_heads = {th["id"] for th in ths[2:4]}
    for td in cells:
        if td["kind"] == "TD" and td["roles"][0] == "/TH" and td["row_th"][0] in row_heads:
            assert td["row_th"][0] in td["headers"], td
            assert not (row_heads - {td["row_th"][0]}) & set(td["headers"]), td


def test_scopes_leave_the_bytes_reproducible():
    assert html_to_pdf(TABLES, identifier=b"0" * 32) == html_to_pdf(TABLES, identifier=b"0" * 32)


def test_a_pdf_without_scopes_is_caught():
    """The walk can fail: WeasyPrint's own output, without our finisher, has /TH with no scope."""
    from weasyprint import HTML
    bare = HTML(string=TABLES).write_pdf(pdf_variant="pdf/ua-1")
    ths = headers_only(bare)
    assert ths and all(th["scope"] is None for th in ths)


def test_redline_pdfs_have_scopes(tmp_path):
    from builder.diff.pages import write_pdf
    write_pdf(TABLES, tmp_path / "redline.pdf")
    ths = headers_only(str(tmp_path / "redline.pdf"))
    assert [th["scope"] for th in ths] == [th["scope"] for th in headers_only(html_to_pdf(TABLES))]
    assert all(th["scope"] for th in ths)


def test_a_signed_policy_pdf_keeps_its_scopes_and_its_signature(example_site, tmp_path, monkeypatch):
    """Scopes are set before signing: the signature covers them and verifies."""
    from builder.sign import certify, verify
    from tests.sign.test_signing import make_identity
    p12, pem = make_identity(tmp_path, "trust", "Larkspur Learning Trust", "Larkspur Learning Trust",
                             b"correct horse")
    src = next(iter(sorted((example_site / SCHOOLS[0] / "pdf").glob("*.pdf"))))
    out = tmp_path / src.name
    shutil.copy(src, out)
    monkeypatch.setenv("POLICYPACK_SIGN_PASSWORD", "correct horse")
    assert certify.sign_outputs([out], p12) == 1
    [result] = verify.verify_files([out], [pem])
    assert result.signed and result.intact and result.trusted, result.message
    ths = headers_only(str(out))
    assert len(ths) >= 10 and all(th["scope"] == expected_scope(th) for th in ths)


@pytest.mark.parametrize("html", ["<p>No tables at all.</p>", "<table><tr><td>only data</td></tr></table>"])
def test_documents_without_headers_are_left_alone(html):
    doc = f'<!DOCTYPE html><html lang="en-GB"><head><title>x</title></head><body>{html}</body></html>'
    assert headers_only(html_to_pdf(doc)) == []
