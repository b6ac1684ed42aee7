"""Word documents made in a test from a text document, as a school's own .docx would hold it.

``docx_from_text(text, path)`` writes one Word paragraph per text line (empty lines too, so the
.docx keeps the text's line numbers under the rule in builder/importing/document.py):

- the lines the text reader takes for headings get Word's "Heading N" style (the document's
  title the "Title" style), their typed numbers kept as typed ("4.0 Training");
- bullet lines become list paragraphs ("List Bullet" styles, with a numbering reference at
  their depth), the bullet character left to Word as real documents do;
- a line a ``[bookmark: ...]`` marker opened gets a real bookmark instead of the marker;
- a table of contents line keeps its tabs, as Word's plain text export wrote them;
- every other line is a "Normal" paragraph with its cleaned text (odd spaces, trailing spaces
  gone).

``add_*`` helpers put in what real copies also carry (a table, a comment, a header, tracked
changes, a footnote reference, a text box, an image), for the reader's warnings and errors.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from builder.importing.read.split import mark_headings
from builder.importing.read.text import BOOKMARK, BULLET, clean, read_text


def _numbered(paragraph, depth: int, num_id: int = 1) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(max(0, depth - 1)))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


def _bookmark(paragraph, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def docx_from_text(text: str, path: Path) -> Path:
    """A .docx at ``path`` with the text's paragraphs, headings and lists (see above)."""
    lines, paragraphs, _ = read_text(text.encode("utf-8"), "<text>")
    marked, title = mark_headings(paragraphs)
    by_line = {p.line: (i, p) for i, p in enumerate(marked)}
    document = docx.Document()
    body = document.element.body
    for p in list(body):             # the template's empty first paragraph
        if p.tag == qn("w:p"):
            body.remove(p)
    ident = 0
    for n, raw in enumerate(lines, 1):
        cleaned, _, was_marked = clean(raw)
        if n not in by_line:
            if cleaned:                  # a table of contents line: as exported, tabs and all
                document.add_paragraph(BOOKMARK.sub("", raw).strip(" \u00a0"))
            else:
                document.add_paragraph("")
            continue
        i, p = by_line[n]
        if p.kind == "heading":
            style = "Title" if i == title else f"Heading {max(1, min(p.level, 9))}"
            para = document.add_paragraph(cleaned, style=style)
        elif p.kind == "item":
            m = BULLET.match(cleaned)
            if m:
                depth = max(1, min(p.level, 3))
                style = "List Bullet" if depth == 1 else f"List Bullet {depth}"
                para = document.add_paragraph(cleaned[m.end():].strip(), style=style)
                _numbered(para, p.level)
            else:                        # (a), ii): typed letters stay text
                para = document.add_paragraph(cleaned)
        else:
            para = document.add_paragraph(cleaned)
        if was_marked:
            ident += 1
            _bookmark(para, f"_Toc{ident:06d}", ident)
    path = Path(path)
    document.save(str(path))
    return path


# --- what real copies carry besides their text ----------------------------------------------

def add_table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    return table


def _run(text: str, tag: str = "w:t"):
    """A run of text as Word writes it (``w:delText`` for deleted text)."""
    run = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.text = text
    run.append(t)
    return run


def _tracked(kind: str, ident: int, run):
    change = OxmlElement(kind)
    change.set(qn("w:id"), str(ident))
    change.set(qn("w:author"), "Reviewer")
    change.append(run)
    return change


def add_tracked_change(document, inserted: str = "added text", deleted: str | None = None):
    """A paragraph holding an insertion (and a deletion) Word is still tracking."""
    para = document.add_paragraph("Staff will ")
    para._p.append(_tracked("w:ins", 901, _run(inserted)))
    if deleted:
        para._p.append(_tracked("w:del", 902, _run(deleted, "w:delText")))
    return para


def add_hyperlink(paragraph, url: str, text: str):
    """A real Word hyperlink (an external relationship) on ``text`` at the paragraph's end."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.append(_run(text))
    paragraph._p.append(link)
    return link


def add_comment(document, paragraph_index: int = 0, text: str = "Check this with the head"):
    para = document.paragraphs[paragraph_index]
    runs = para.runs or [para.add_run(" ")]
    return document.add_comment(runs, text=text, author="Governor")


def add_header(document, text: str = "Draft for governors"):
    document.sections[0].header.paragraphs[0].text = text


def add_footer(document, text: str = "Page footer text"):
    document.sections[0].footer.paragraphs[0].text = text


def add_footnote_reference(document, paragraph_index: int = 0):
    """A footnote reference in the body (the notes part itself is not made: the reader counts
    the references)."""
    run = document.paragraphs[paragraph_index].add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    run._r.append(ref)


def add_text_box(document, text: str = "Text in a box", paragraph_index: int = 0):
    """A text box (w:txbxContent inside a drawing) holding one paragraph."""
    run = document.paragraphs[paragraph_index].add_run()
    box = OxmlElement("w:txbxContent")
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    p.append(r)
    box.append(p)
    pict = OxmlElement("w:pict")
    pict.append(box)
    run._r.append(pict)


def add_word_text_box(document, text: str = "Text in a box", paragraph_index: int = 0):
    """A text box as Word writes it: twice, in a drawing and in a fallback copy for older readers."""
    from docx.oxml import parse_xml
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    run = document.paragraphs[paragraph_index].add_run()
    run._r.append(parse_xml(
        f'<mc:AlternateContent xmlns:mc="{mc}" xmlns:w="{w}"><mc:Choice Requires="wps"><w:drawing>{box}'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent>'))


def add_merge_field(document, name: str = "SchoolName", paragraph_index: int = 0):
    """A mail merge field (w:fldSimple) showing «name», as Word writes one."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" MERGEFIELD {name} ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = f"\u00ab{name}\u00bb"
    r.append(t)
    field.append(r)
    document.paragraphs[paragraph_index]._p.append(field)


def add_image(document, path: Path):
    """A tiny PNG placed inline in a new paragraph."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    img = Path(path)
    img.write_bytes(png)
    document.add_picture(str(img))
