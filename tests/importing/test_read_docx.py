"""Reading .docx (builder/importing/read/docx.py): the same document as its text, what Word holds
besides text (refused or warned about), and the zip's bounds."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from builder.importing.read import read_document
from builder.common import limits
from builder.importing.read.markdown import section_markdown
from builder.importing.values.find import find_values
from builder.common.diagnostics import PackError
from tests.importing.test_read_text import HOLLY
from tests.support.docx import (add_word_text_box, add_comment, add_footer, add_footnote_reference, add_header,
                                add_image, add_merge_field, add_table, add_text_box, add_tracked_change,
                                docx_from_text)

# A second copy in another school's shape: lettered capital sections, a signature block with
# underscores, bullets typed as "•", an appendix with its title on the next line.
ASHWORTH = (
    "Ashworth Church of England Primary School\n"
    "\n"
    "Social Media Policy\n"
    "\n"
    "        Signed:__P Okafor________     Chair of Governors\n"
    "        Date:____May 2023_______\n"
    "\n"
    "A) PURPOSE OF THIS POLICY \n"
    "At Ashworth we want every child to enjoy the internet and to know how to stay safe on it.\n"
    "\n"
    "B) WHO IS RESPONSIBLE\n"
    "Aims \n"
    "\u2022 Mrs Patel (Headteacher) leads on online safety.\n"
    "\u2022 Mr Hughes is the Designated Safeguarding Lead.\n"
    "\n"
    "Objectives\n"
    "1. Teach children how to report worries. \n"
    "Each class covers reporting in its computing lessons every half term.\n"
    "\n"
    "C) REVIEWING THIS POLICY\n"
    "The policy is reviewed every three years by the full governing body.\n"
    "\n"
    "Appendix 1\n"
    "PHOTOGRAPH CONSENT\n"
    "Parents tick the box below if they agree to photographs being shared.\n"
)


def shape(doc):
    return (doc.title, [(s.title, s.line, s.level, s.number,
                         [(p.line, p.kind, p.level, p.number, p.text) for p in s.paragraphs])
                        for s in doc.sections],
            [(p.line, p.kind, p.text) for p in doc.preamble])


@pytest.mark.parametrize("text", [HOLLY, ASHWORTH], ids=["hollybank", "ashworth"])
def test_a_docx_made_from_a_text_reads_as_the_text(tmp_path, text):
    txt = tmp_path / "copy.txt"
    txt.write_text(text, encoding="utf-8")
    from_text = read_document(txt, "copy")
    from_word = read_document(docx_from_text(text, tmp_path / "copy.docx"), "copy")
    assert from_word.kind == "docx" and from_text.kind == "text"
    assert from_text.sections and shape(from_word) == shape(from_text)
    assert [d.code for d in from_word.diagnostics] == [d.code for d in from_text.diagnostics]
    assert [d.line for d in from_word.diagnostics] == [d.line for d in from_text.diagnostics]
    assert len(from_word.lines) == len(from_text.lines)


def test_ashworth_sections(tmp_path):
    doc = read_document(docx_from_text(ASHWORTH, tmp_path / "a.docx"), "a.docx")
    assert doc.title == "Social Media Policy"
    assert [(s.number, s.title, s.line) for s in doc.sections] == [
        ("A", "PURPOSE OF THIS POLICY", 8), ("B", "WHO IS RESPONSIBLE", 11),
        ("C", "REVIEWING THIS POLICY", 20), (None, "Appendix 1", 23)]
    items = [p for p in doc.sections[1].paragraphs if p.kind == "item"]
    assert [(p.line, p.level) for p in items] == [(13, 1), (14, 1)]


def _save(document, path):
    document.save(str(path))
    return path


def test_the_title_style_after_a_long_motto_is_the_title(tmp_path):
    d = docx.Document()
    d.add_paragraph("\u201cAt Oak Hill\u2019s school we hold every child at our centre, and we learn, grow and "
                    "pray together as one family in God\u2019s love every single day.\u201d")
    d.add_paragraph("ICT and e-safety Policy", style="Title")
    d.add_paragraph("Teaching and learning", style="Heading 1")
    d.add_paragraph("Pupils learn to use the internet safely in every class.")
    doc = read_document(_save(d, tmp_path / "w.docx"), "w.docx")
    assert doc.title == "ICT and e-safety Policy"
    assert [s.title for s in doc.sections if s.title] == ["Teaching and learning"]


def test_word_structure_tables_bold_and_links(tmp_path):
    d = docx.Document()
    d.add_paragraph("Online Safety Policy", style="Title")
    d.add_paragraph("Contacts", style="Heading 1")
    p = d.add_paragraph("Report worries to ")
    p.add_run("the DSL").bold = True
    p.add_run(" at once, ")
    p.add_run("never").italic = True
    p.add_run(" later.")
    add_table(d, [["Role", "Name"], ["DSL", "Mr Hughes"], ["Deputy", "Ms Lee"]])
    d.add_paragraph("Sites", style="Heading 1")
    d.add_paragraph("Pupils may visit these sites.")
    d.add_paragraph("Scratch", style="List Bullet")
    d.add_paragraph("Espresso", style="List Bullet 2")
    doc = read_document(_save(d, tmp_path / "w.docx"), "w.docx")
    assert doc.title == "Online Safety Policy"
    assert [(s.title, s.line) for s in doc.sections] == [("Contacts", 2), ("Sites", 7)]
    body = doc.sections[0].paragraphs
    assert body[0].text == "Report worries to the DSL at once, never later."
    assert body[0].markdown == "Report worries to **the DSL** at once, *never* later."
    assert [(p.line, p.kind, p.cells) for p in body[1:]] == [
        (4, "row", ("Role", "Name")), (5, "row", ("DSL", "Mr Hughes")), (6, "row", ("Deputy", "Ms Lee"))]
    md = section_markdown(doc.sections[0])
    assert "| Role | Name |\n| --- | --- |\n| DSL | Mr Hughes |" in md and "**the DSL**" in md
    assert [(p.kind, p.level, p.text) for p in doc.sections[1].paragraphs[1:]] == \
        [("item", 1, "Scratch"), ("item", 2, "Espresso")]


def test_hyperlinks_become_markdown_links(tmp_path):
    d = docx.Document()
    d.add_paragraph("Help", style="Heading 1")
    p = d.add_paragraph("See ")
    rid = d.part.relate_to("https://www.example.org/help", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                           is_external=True)
    link = docx.oxml.OxmlElement("w:hyperlink")
    link.set(docx.oxml.ns.qn("r:id"), rid)
    run = docx.oxml.OxmlElement("w:r")
    t = docx.oxml.OxmlElement("w:t")
    t.text = "the help page"
    run.append(t)
    link.append(run)
    p._p.append(link)
    p.add_run(" for more.")
    doc = read_document(_save(d, tmp_path / "l.docx"), "l.docx")
    (para,) = doc.sections[0].paragraphs
    assert para.text == "See the help page for more."
    assert para.markdown == "See [the help page](https://www.example.org/help) for more."


# --- what Word holds besides the text ---------------------------------------------------------

def _base():
    d = docx.Document()
    d.add_paragraph("Training", style="Heading 1")
    d.add_paragraph("All staff are trained in online safety every September.")
    return d


@pytest.mark.parametrize("deleted", [None, "old words"])
def test_tracked_changes_are_an_error_at_their_line(tmp_path, deleted):
    d = _base()
    add_tracked_change(d, "check the filter logs", deleted)
    with pytest.raises(PackError) as exc:
        read_document(_save(d, tmp_path / "t.docx"), "t.docx")
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.line, diag.code, diag.severity) == ("t.docx", 3, "E-IMPORT", "error")
    assert "tracked change" in diag.message and "accept or reject" in diag.message
    assert ("2 tracked" if deleted else "1 tracked") in diag.message


def test_each_lost_part_is_a_warning_naming_it(tmp_path):
    d = _base()
    add_comment(d, 1, "Is this still true?")
    add_header(d, "DRAFT - not for circulation")
    add_footer(d, "Ashworth CE Primary")
    add_footnote_reference(d, 1)
    add_text_box(d, "Remember: think before you post", 1)
    add_image(d, tmp_path / "dot.png")
    add_merge_field(d, "SchoolName", 1)
    doc = read_document(_save(d, tmp_path / "lost.docx"), "lost.docx")
    warnings = [x for x in doc.diagnostics if x.severity == "warning"]
    assert all(w.code == "W-IMPORT-LOST" and w.path == "lost.docx" for w in warnings)
    text = "\n".join(w.message for w in warnings)
    assert "1 comment left out" in text
    assert "1 footnote left out" in text and "1 text box left out" in text
    assert "1 image left out" in text and "1 Word field left out" in text
    assert "header text 'DRAFT - not for circulation'" in text
    assert "footer text 'Ashworth CE Primary'" in text
    lines = {w.message.split(" ")[1]: w.line for w in warnings if w.line}
    assert lines["comment"] == 2 and lines["footnote"] == 2 and lines["image"] == 3
    # the text itself still reads
    assert doc.sections[0].paragraphs[0].text.startswith("All staff are trained")


def test_a_text_box_word_writes_twice_is_counted_once(tmp_path):
    d = _base()
    add_word_text_box(d, "Think before you post", 1)
    add_word_text_box(d, "Ask before you share", 1)
    doc = read_document(_save(d, tmp_path / "boxes.docx"), "boxes.docx")
    assert [w.message.split(" (")[0] for w in doc.diagnostics] == ["2 text boxes left out"]


def test_a_plain_document_has_no_warnings(tmp_path):
    doc = read_document(_save(_base(), tmp_path / "p.docx"), "p.docx")
    assert doc.diagnostics == []


# --- the zip: refusals and bounds -------------------------------------------------------------

def _zip(tmp_path, name, members: dict[str, bytes]):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    path = tmp_path / name
    path.write_bytes(buf.getvalue())
    return path


def test_a_zip_bomb_stops_with_e_limit(tmp_path):
    real = tmp_path / "r.docx"
    _save(_base(), real)
    with zipfile.ZipFile(real) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["word/media/padding.bin"] = b"\0" * (9 * 1024 * 1024)      # ~9 KB packed
    bomb = _zip(tmp_path, "bomb.docx", members)
    assert bomb.stat().st_size < 64 * 1024
    with limits.using({"file_size_kb": 128}), pytest.raises(PackError) as exc:
        read_document(bomb, "bomb.docx")      # parts may expand to 64 x 128 KB = 8 MB
    (diag,) = exc.value.diagnostics
    assert diag.code == "E-LIMIT" and diag.path == "bomb.docx" and "file_size_kb" in diag.message
    assert read_document(bomb, "bomb.docx").sections        # within the default bound it reads


def test_sizes_a_part_lies_about_are_caught_while_reading(tmp_path):
    real = tmp_path / "r.docx"
    _save(_base(), real)
    data = bytearray(real.read_bytes())
    # claim every part is 1 byte long: reading past that is a damaged part, never a hang
    import struct
    out = bytearray(data)
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) != -1:
        struct.pack_into("<I", out, i + 24, 1)         # central directory: uncompressed size
        i += 4
    lying = tmp_path / "lying.docx"
    lying.write_bytes(bytes(out))
    with pytest.raises(PackError) as exc:
        read_document(lying, "lying.docx")
    assert exc.value.diagnostics[0].code == "E-IMPORT"
    assert "damaged" in exc.value.diagnostics[0].message


@pytest.mark.parametrize("members, words", [
    ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "OpenDocument"),
    ({"readme.txt": b"hello"}, "not a Word document"),
])
def test_other_zips_are_refused(tmp_path, members, words):
    path = _zip(tmp_path, "thing.docx", members)
    with pytest.raises(PackError) as exc:
        read_document(path, "thing.docx")
    (diag,) = exc.value.diagnostics
    assert diag.code == "E-IMPORT" and words in diag.message and ".docx" in diag.message


def test_a_damaged_docx_is_one_clear_error(tmp_path):
    real = tmp_path / "r.docx"
    _save(_base(), real)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(real.read_bytes()[:2000])
    with pytest.raises(PackError) as exc:
        read_document(cut, "cut.docx")
    assert exc.value.diagnostics[0].code == "E-IMPORT"


def _changed(tmp_path, name, part: str, change) -> object:
    real = tmp_path / "r.docx"
    _save(_base(), real)
    with zipfile.ZipFile(real) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members[part] = change(members[part].decode("utf-8")).encode("utf-8")
    return _zip(tmp_path, name, members)


@pytest.mark.parametrize("name, part, change, words", [
    ("macros.docx", "[Content_Types].xml",
     lambda x: x.replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml"),
     "a Word document with macros (.docm) renamed .docx"),
    ("deep.docx", "word/document.xml",
     lambda x: x.replace("<w:body>", "<w:body>" + "<w:customXml>" * 300, 1)
                .replace("</w:body>", "</w:customXml>" * 300 + "</w:body>", 1),
     "nested far deeper than Word writes them"),
])
def test_an_unreadable_docx_is_said_in_plain_words(tmp_path, name, part, change, words):
    with pytest.raises(PackError) as exc:
        read_document(_changed(tmp_path, name, part, change), name)
    [d] = exc.value.diagnostics
    assert d.code == "E-IMPORT" and words in d.message and "save it again as a Word Document" in d.message
    assert not re.search(r"0x[0-9a-f]|object at|Error\b|XML_PARSE", d.message), d.message


def test_bold_lines_and_bold_numbered_items_act_as_headings(tmp_path):
    d = docx.Document()
    d.add_paragraph().add_run("Purpose of the policy").bold = True
    d.add_paragraph("This policy explains how pupils and staff use phones in school time.")
    p = d.add_paragraph(style="List Number")
    p.add_run("Who it applies to").bold = True
    d.add_paragraph("It applies to every pupil, member of staff, governor and visitor.")
    d.add_paragraph("Rules", style="List Bullet")
    d.add_paragraph().add_run("Please note: phones are kept in lockers.").bold = True
    doc = read_document(_save(d, tmp_path / "b.docx"), "b.docx")
    assert [(s.title, s.line) for s in doc.sections] == [("Purpose of the policy", 1),
                                                         ("Who it applies to", 3)]
    kinds = [(p.line, p.kind) for p in doc.sections[1].paragraphs]
    assert kinds == [(4, "para"), (5, "item"), (6, "para")]


def test_a_bold_line_above_the_copys_heading_styles_is_one_of_its_sections(tmp_path):
    """Bold lines ("Key people / dates" over a table), then sections in "Heading 2": the bold lines are
    sections beside them, not sections holding them."""
    d = docx.Document()
    d.add_paragraph("Online Safety Policy", style="Title")
    d.add_paragraph().add_run("Our mission").bold = True
    d.add_paragraph("We learn, love and achieve together, and we keep every child safe online and offline.")
    d.add_paragraph().add_run("Key people / dates").bold = True
    table = d.add_table(rows=2, cols=2)
    for row, (role, name) in zip(table.rows, [("Headteacher", "Mrs Ann Lee"), ("DSL", "Mr Tom Ash")]):
        row.cells[0].text, row.cells[1].text = role, name
    for title in ("What is this policy?", "Who is it for; when is it reviewed?"):
        d.add_paragraph(title, style="Heading 2")
        d.add_paragraph("Online safety is part of safeguarding, and this policy is read by all staff each year.")
    doc = read_document(_save(d, tmp_path / "k.docx"), "k.docx")
    assert [s.title for s in doc.sections] == ["Our mission", "Key people / dates", "What is this policy?",
                                               "Who is it for; when is it reviewed?"]


def test_bold_headings_word_numbers_over_their_numbered_clauses_are_the_sections(tmp_path):
    """Headings numbered by Word ("1." in bold) over clauses numbered one level down ("1.1"), as
    many schools' templates are: each heading is a section, its clauses inside it (not one list)."""
    from tests.support.docx import _numbered
    d = docx.Document()
    d.add_paragraph().add_run("Statement of Intent").bold = True
    d.add_paragraph("Our school uses social media to share its news with families and the community, "
                    "and every member of staff who posts for the school follows this policy.")
    for title, clauses in (("Key Roles and Responsibilities", ["The governing board has overall responsibility.",
                                                               "The headteacher is responsible day to day."]),
                           ("Definitions", ["Social media means websites where people share content."]),
                           ("Training", ["Staff are trained every year.", "Pupils learn to stay safe online."])):
        p = d.add_paragraph(style="List Paragraph")
        p.add_run(title).bold = True
        _numbered(p, 1)
        for clause in clauses:
            _numbered(d.add_paragraph(clause, style="List Paragraph"), 2)
    doc = read_document(_save(d, tmp_path / "n.docx"), "n.docx")
    assert [s.title for s in doc.sections] == ["Statement of Intent", "Key Roles and Responsibilities",
                                              "Definitions", "Training"]
    assert [p.text for p in doc.sections[3].paragraphs] == ["Staff are trained every year.",
                                                            "Pupils learn to stay safe online."]


def test_lines_a_line_break_starts_are_lines_of_their_own(tmp_path):
    """Shift+Enter in a cover's paragraph: each line is read alone, as Word's text export gives it,
    so an empty "AGREED BY GOVERNORS:" names no approving body."""
    d = docx.Document()
    d.add_paragraph("Online Safety Policy", style="Title")
    p = d.add_paragraph()
    for k, line in enumerate(["AGREED BY STAFF: January 2022", "AGREED BY GOVERNORS:", "REVIEW DATE: January 2023"]):
        run = p.add_run(line)
        if k < 2:
            run.add_break()
    d.add_paragraph("All pupils and staff use the internet safely and responsibly in school.")
    doc = read_document(_save(d, tmp_path / "br.docx"), "br.docx")
    assert [(q.line, q.text) for q in doc.paragraphs[1:4]] == [
        (2, "AGREED BY STAFF: January 2022"), (3, "AGREED BY GOVERNORS:"), (4, "REVIEW DATE: January 2023")]
    found = {f.key.rsplit(".", 1)[1]: f.value for f in find_values(doc, None, "social-media", None)
             if ".approval." in f.key}
    assert found == {"approved": "2022-01", "next_review": "2023-01"}


def test_hidden_text_is_left_out_with_a_warning(tmp_path):
    d = _base()
    p = d.paragraphs[1]
    r = p.add_run(" Secret note for the head.")
    r.font.hidden = True
    doc = read_document(_save(d, tmp_path / "h.docx"), "h.docx")
    assert doc.sections[0].paragraphs[0].text == "All staff are trained in online safety every September."
    (w,) = doc.diagnostics
    assert w.code == "W-IMPORT-LOST" and w.line == 2 and "hidden text" in w.message


def test_hidden_text_in_a_table_cell_is_left_out_with_a_warning(tmp_path):
    d = _base()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Designated Safeguarding Lead"
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("Mrs Ann Lee")
    cell.add_run(" Mr Hidden, hidden@example.org").font.hidden = True
    doc = read_document(_save(d, tmp_path / "h.docx"), "h.docx")
    [row] = [p for p in doc.sections[0].paragraphs if p.kind == "row"]
    assert row.cells == ("Designated Safeguarding Lead", "Mrs Ann Lee")
    values = {(f.key, f.value) for f in find_values(doc, None, "social-media", None)}
    assert ("roles.dsl.name", "Mrs Ann Lee") in values
    assert not any("idden" in str(v) for _, v in values)
    (w,) = doc.diagnostics
    assert w.code == "W-IMPORT-LOST" and w.line == 3 and "hidden text" in w.message


def _cell(cell, lines: list[str], breaks: bool) -> None:
    """A cell holding ``lines``: a paragraph each, or one paragraph with line breaks."""
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if breaks:
            run = first.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
        else:
            (first if i == 0 else cell.add_paragraph()).add_run(line)


@pytest.mark.parametrize("breaks", [False, True], ids=["paragraphs", "line-breaks"])
@pytest.mark.parametrize("left, right", [
    (["Designated Safeguarding Lead team"], ["Mrs Ann Lee DSL", "Mr Ben Cox Deputy DSL"]),
    (["Designated Safeguarding Lead", "Deputy DSL"], ["Mrs Ann Lee", "Mr Ben Cox"]),
], ids=["a-cell-of-people", "parallel-lists"])
def test_a_cell_listing_people_a_line_each_reads_as_a_row_each(tmp_path, breaks, left, right):
    """A key-people table whose cells hold a line per person reads across, as Word shows it
    and as its text export gives it: each person keeps their own role."""
    d = _base()
    table = d.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), left, breaks)
    _cell(table.cell(0, 1), right, breaks)
    doc = read_document(_save(d, tmp_path / "p.docx"), "p.docx")
    values = {(f.key, f.value) for f in find_values(doc, None, "social-media", None)}
    assert {("roles.dsl.name", "Mrs Ann Lee"), ("roles.deputy_dsl.name", "Mr Ben Cox")} <= values, values
    assert not any("DSLM" in str(v) or "Lee Mr" in str(v) for _, v in values)


@pytest.mark.parametrize("names", [["Jane Ennis", "Nicola Smith"], ["Mrs J Ennis", "Mrs N Smith"],
                                   ["Jane Ennis", "Nicola Smith", "Paul Ward"]])
def test_a_cell_of_names_beside_one_plural_role_is_a_deputy_each(tmp_path, names):
    """"Deputy DSLs" beside a cell naming them a line each: each is a deputy of their own (not one
    person called "Jane Ennis Nicola Smith", nor the second lost)."""
    d = _base()
    table = d.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), ["Deputy DSLs"], False)
    _cell(table.cell(0, 1), names, False)
    doc = read_document(_save(d, tmp_path / "d.docx"), "d.docx")
    found = {f.key: f.value for f in find_values(doc, None, "social-media", None) if f.key.endswith(".name")}
    keys = ["roles.deputy_dsl.name"] + [f"roles.deputy_dsl_{n}.name" for n in range(2, len(names) + 1)]
    assert found == dict(zip(keys, names)), found


def _control(paragraph, text: str) -> None:
    """An inline content control (a template's box to type into) holding ``text``, in ``paragraph``."""
    from docx.oxml import parse_xml
    paragraph._p.append(parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtPr>'
        '<w:alias w:val="DSL name"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">'
        f'{text}</w:t></w:r></w:sdtContent></w:sdt>'))
    paragraph.add_run(".")


def test_a_hyperlink_field_keeps_its_address(tmp_path):
    """A link Word wrote as a field (HYPERLINK "..." between field marks), as older documents and
    mail-merged copies hold them: the shown text, linked."""
    from docx.oxml import parse_xml
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = _base()
    p = d.add_paragraph("More for parents is on ")
    for xml in (f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {w}><w:instrText xml:space="preserve"> HYPERLINK "https://www.oak.example.sch.uk/" '
                '</w:instrText></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>', f'<w:r {w}><w:t>our website</w:t></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>', f'<w:r {w}><w:t>.</w:t></w:r>'):
        p._p.append(parse_xml(xml))
    doc = read_document(_save(d, tmp_path / "f.docx"), "f.docx")
    [q] = [q for q in doc.paragraphs if "our website" in q.text]
    assert q.text == "More for parents is on our website."
    assert q.md() == "More for parents is on [our website](https://www.oak.example.sch.uk/)."


def test_text_typed_into_a_content_control_is_read(tmp_path):
    d = _base()
    p = d.add_paragraph("Concerns go to the designated safeguarding lead, ")
    _control(p, "Mrs Anna Patel")
    doc = read_document(_save(d, tmp_path / "c.docx"), "c.docx")
    assert any(q.text == "Concerns go to the designated safeguarding lead, Mrs Anna Patel." for q in doc.paragraphs)
    values = {(f.key, f.value) for f in find_values(doc, None, "social-media", None)}
    assert ("roles.dsl.name", "Mrs Anna Patel") in values


def test_a_label_beside_lines_of_one_value_stays_one_row(tmp_path):
    d = _base()
    table = d.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), ["Approved by"], False)
    _cell(table.cell(0, 1), ["Local governing body", "14 January 2025"], False)
    doc = read_document(_save(d, tmp_path / "a.docx"), "a.docx")
    [row] = [p for p in doc.sections[0].paragraphs if p.kind == "row"]
    assert row.cells == ("Approved by", "Local governing body 14 January 2025")


@pytest.mark.timeout(60)   # expanded, the bomb would fill memory for minutes
def test_an_entity_bomb_in_the_body_is_not_expanded(tmp_path):
    real = tmp_path / "r.docx"
    _save(_base(), real)
    with zipfile.ZipFile(real) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    lol = ['<!ENTITY a0 "lol">'] + [f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    body = members["word/document.xml"].decode("utf-8")
    head, rest = body.split("?>", 1)
    members["word/document.xml"] = (head + "?><!DOCTYPE w:document [" + "".join(lol) + "]>"
                                    + rest.replace("every September.", "every &a9; September.")).encode()
    bomb = _zip(tmp_path, "lol.docx", members)
    try:
        doc = read_document(bomb, "lol.docx")
        text = " ".join(p.text for p in doc.paragraphs)
        assert "lollol" not in text
    except PackError as exc:
        assert exc.diagnostics[0].code in ("E-IMPORT", "E-LIMIT")


@pytest.mark.parametrize("node", ["<!-- a note -->", "<?mso-application progid?>", "<!---->"])
def test_xml_comments_and_instructions_in_the_body_are_read_past(tmp_path, node):
    d = docx.Document()
    d.add_heading("Statement of intent", 1)
    d.add_paragraph("We keep pupils safe online.")
    d.add_heading("Training", 1)
    d.add_paragraph("Staff are trained every year.")
    plain = tmp_path / "plain.docx"
    d.save(str(plain))
    with zipfile.ZipFile(plain) as z:
        files = {n: z.read(n) for n in z.namelist()}
    xml = files["word/document.xml"].decode("utf-8")
    xml = xml.replace("<w:body>", "<w:body>" + node, 1).replace("We keep", node + "We keep", 1)
    files["word/document.xml"] = xml.encode("utf-8")
    odd = tmp_path / "odd.docx"
    with zipfile.ZipFile(odd, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    doc = read_document(odd, "odd.docx")
    assert [s.title for s in doc.sections] == ["Statement of intent", "Training"]
    assert doc.sections[0].paragraphs[0].text == "We keep pupils safe online."


def test_a_list_numbered_heading_over_typed_sub_numbers_holds_them(tmp_path):
    """A bold heading Word numbers as a list ("Summary principles", its 2 not in the text) right over
    bold "2.1 Governance", "2.2 Buildings": their section, as the same copy typed out reads."""
    d = docx.Document()
    d.add_paragraph("Purpose", style="Heading 1")
    d.add_paragraph("This policy sets out how staff and pupils use the school's computers and network.")
    d.add_paragraph(style="List Number").add_run("Summary principles").bold = True
    for number, title, rule in (("2.1", "Governance", "Keep to the law and to the school's other policies."),
                                ("2.2", "Buildings", "Lock each computer room when it is left empty.")):
        d.add_paragraph().add_run(f"{number} {title}").bold = True
        d.add_paragraph(rule)
    doc = read_document(_save(d, tmp_path / "n.docx"), "n.docx")
    assert [s.title for s in doc.sections if s.title] == ["Purpose", "Summary principles"]
    assert [p.text for p in doc.sections[-1].paragraphs if p.kind == "heading"] == ["Governance", "Buildings"]
