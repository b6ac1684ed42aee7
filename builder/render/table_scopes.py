"""PDF/UA table headers: each ``/TH`` structure element gets its ``/Scope``.

WeasyPrint tags a table's header cells ``/TH`` with a ``/Table`` attribute object but no
``/Scope``, which PDF/UA-1 asks for (Matterhorn checkpoint 15-003). ``table_scopes`` is a
WeasyPrint finisher (``finisher(document, pdf)``, run by ``engine.html_to_pdf`` on every policy
and form PDF, and on the redlines, before the bytes are written, so before any signature):

- a header cell whose HTML says ``scope="row"`` / ``"rowgroup"`` is ``/Row``, ``"col"`` /
  ``"colgroup"`` is ``/Column``;
- otherwise a header cell in a header row (in ``<thead>``, or a row of header cells only) is
  ``/Column``, and a header cell leading a row of data cells (before its first ``/TD``) is
  ``/Row``; any other is ``/Column``.

A header found to lead its row without saying so in the HTML was filed by WeasyPrint as its
column's header: its id moves from the ``/Headers`` of that column's data cells to those of its
own row's, so a screen reader names the right header for each cell. Nothing here depends on
anything but the objects, so the bytes stay the same for the same document.
"""

from __future__ import annotations

import pydyf

from builder.render.pdf_objects import deref

ROW, COLUMN = "/Row", "/Column"
HTML_SCOPES = {"row": ROW, "rowgroup": ROW, "col": COLUMN, "colgroup": COLUMN}
_GROUPS = ("/THead", "/TBody", "/TFoot")


def _s(element) -> str:
    return str(element.get("S", "")) if isinstance(element, dict) else ""


def _kids(pdf, element) -> list:
    """The structure elements among an element's /K (marked-content ids and object references
    to annotations left out)."""
    k = element.get("K")
    items = k if isinstance(k, (list, pydyf.Array)) else [k]
    out = []
    for item in items:
        kid = deref(pdf, item) if isinstance(item, (bytes, str)) else item
        if isinstance(kid, dict) and "S" in kid:
            out.append(kid)
    return out


def _html_scopes(document) -> dict[int, str]:
    """{id(the /TH element): its scope} for each header cell whose HTML gives a ``scope``.
    WeasyPrint keeps each cell's structure element on its box (``box.mark``); if a later
    WeasyPrint does not, every header takes its scope from its place in the table."""
    out: dict[int, str] = {}
    for page in getattr(document, "pages", ()):
        page_box = getattr(page, "_page_box", None)
        if page_box is None:
            continue
        for box in page_box.descendants():
            mark = getattr(box, "mark", None)
            element = getattr(box, "element", None)
            if mark is None or element is None or getattr(box, "element_tag", None) != "th":
                continue
            scope = HTML_SCOPES.get(str(element.get("scope", "")).strip().lower())
            if scope:
                out[id(mark)] = scope
    return out


def _table_attributes(cell) -> pydyf.Dictionary:
    """The cell's ``/Table`` attribute object (made when it has none)."""
    a = cell.get("A")
    if isinstance(a, dict):
        if a.get("O") == "/Table":
            return a
        a = cell["A"] = pydyf.Array([a])
    if isinstance(a, (list, pydyf.Array)):
        for item in a:
            if isinstance(item, dict) and item.get("O") == "/Table":
                return item
        new = pydyf.Dictionary({"O": "/Table"})
        a.append(new)
        return new
    new = cell["A"] = pydyf.Dictionary({"O": "/Table"})
    return new


def _rows(pdf, table) -> list[tuple[dict, str]]:
    """(row, the group it is in: /THead, /TBody, /TFoot or "") for each /TR of a table."""
    rows = []
    for kid in _kids(pdf, table):
        if _s(kid) == "/TR":
            rows.append((kid, ""))
        elif _s(kid) in _GROUPS:
            rows.extend((tr, _s(kid)) for tr in _kids(pdf, kid) if _s(tr) == "/TR")
    return rows


def _same(a, b) -> bool:
    return str(getattr(a, "string", a)) == str(getattr(b, "string", b))


def _scope_table(pdf, table, html: dict[int, str]) -> None:
    rows = _rows(pdf, table)
    moved = []   # (row index, header) for each row header WeasyPrint filed as a column's
    for n, (row, group) in enumerate(rows):
        cells = [c for c in _kids(pdf, row) if _s(c) in ("/TH", "/TD")]
        first_td = next((i for i, c in enumerate(cells) if _s(c) == "/TD"), len(cells))
        for i, cell in enumerate(cells):
            if _s(cell) != "/TH":
                continue
            given = html.get(id(cell))
            if given:
                scope = given
            elif group == "/THead" or first_td == len(cells):
                scope = COLUMN
            else:
                scope = ROW if i < first_td else COLUMN
            _table_attributes(cell)["Scope"] = scope
            if scope == ROW and not given and "ID" in cell:
                moved.append((n, cell))
    if not moved:
        return
    data = [[c for c in _kids(pdf, row) if _s(c) == "/TD"] for row, _group in rows]
    for n, header in moved:
        key = header["ID"]
        for cells in data:
            for td in cells:
                a = _table_attributes(td)
                if "Headers" in a:
                    a["Headers"] = pydyf.Array([h for h in a["Headers"] if not _same(h, key)])
        span = int(_table_attributes(header).get("RowSpan", 1) or 1)
        for cells in data[n:n + max(1, span)]:
            for td in cells:
                a = _table_attributes(td)
                headers = a["Headers"] = pydyf.Array(a.get("Headers") or [])
                if not any(_same(h, key) for h in headers):
                    headers.insert(0, key)


def table_scopes(document, pdf) -> None:
    """A finisher: every ``/TH`` of the PDF's structure tree gets ``/Scope`` (see the module)."""
    root = deref(pdf, pdf.catalog.get("StructTreeRoot")) if "StructTreeRoot" in pdf.catalog else None
    if not isinstance(root, dict):
        return
    html = _html_scopes(document)
    seen: set[int] = set()
    todo = list(reversed(_kids(pdf, root)))
    while todo:                      # depth first, in document order; a table in a cell too
        element = todo.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        if _s(element) == "/Table":
            _scope_table(pdf, element, html)
        todo.extend(reversed(_kids(pdf, element)))
