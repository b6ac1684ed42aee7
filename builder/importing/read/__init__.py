"""Reading a school's copy of a policy: a .docx (through python-docx), or text exported from
Word (.txt) or written as Markdown (.md), into numbered paragraphs split into sections.

``read_document`` tells the kinds apart by what the file holds, not by its name: a .docx is a
zip with ``word/document.xml``; an old binary Word file (.doc), a PDF, an OpenDocument file or
any other binary is an error that says how to convert it. A file over the pack's file size limit
(``settings: limits: file_size_kb``) stops with E-LIMIT before it is read.
"""

from __future__ import annotations

from pathlib import Path

from builder.importing.document import ImportedDocument
from builder.importing.read.split import ABOUT_POLICY, TITLE_END, mark_headings, split_sections
from builder.importing.read.text import contents_outline, read_text
from builder.common import limits
from builder.common.diagnostics import PackError, diagnostic, error
from builder.importing.read.docx import read_docx

__all__ = ["read_document", "split_sections", "mark_headings"]

_CONVERT = "open it in Word and save it as a Word Document (.docx), or as Plain Text (.txt)"


def _refuse(display: str, what: str) -> PackError:
    return PackError(error(display, None, "E-IMPORT", f"{what}: {_CONVERT}"))


def sniff(data: bytes, name: str) -> str:
    """"docx", "markdown" or "text", or a PackError naming what the file is instead."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return "markdown" if name.lower().endswith((".md", ".markdown")) else "text"


def read_document(path: Path, display: str, known_titles=(), names_master=None, a_person=None) -> ImportedDocument:
    """The document at ``path`` (``display`` names it in diagnostics): its lines, paragraphs,
    title, preamble and sections, and what reading it found (parts left out, a table of
    contents skipped). ``known_titles``, the master's section titles, are read as headings
    wherever they stand and help decide the level of the document's sections; ``names_master`` says whether
    a line names one of them in other words, which makes it a heading too; ``a_person`` says whether a
    line is one person ("Andrew Wilkinson (Head Teacher)"), which is never a heading."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackError(error(display, None, "E-IMPORT",
                              f"cannot read the file: {exc.strerror or exc}")) from None
    if path.is_dir():
        raise PackError(error(display, None, "E-IMPORT", "this is a folder, not a document"))
    limit = limits.current().file_size_kb
    if size > limit * 1024:
        raise PackError(error(display, None, "E-LIMIT", limits.limit_message(
            f"the document is {size // 1024:,} KB", f"{limit:,} KB", "file_size_kb")))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(error(display, None, "E-IMPORT",
                              f"cannot read the file: {exc.strerror or exc}")) from None
    kind = sniff(data, path.name)
    if kind == "doc":
        raise _refuse(display, "this is an old binary Word document (.doc), which is not read")
    if kind == "pdf":
        raise _refuse(display, "this is a PDF; its text has no reliable paragraphs or headings")
    if kind == "rtf":
        raise _refuse(display, "this is a Rich Text (.rtf) file, which is not read")
    if kind == "zip":
        lines, paragraphs, diags = read_docx(data, display)
        kind = "docx"
    else:
        lines, paragraphs, diags = read_text(data, display, markdown=(kind == "markdown"))
    if not any(c.isalnum() for p in paragraphs for c in p.text):
        raise PackError(error(display, None, "E-IMPORT",
                              "the document holds no words (after bookmarks, bullets and blank "
                              "lines are left out): nothing to compare with the master; check "
                              "that this is the school's copy and that it was saved with its text"))
    return assemble(path, display, kind, lines, paragraphs, diags, known_titles, names_master, a_person)


def assemble(path, display, kind, lines, paragraphs, diags, known_titles=(), names_master=None,
             a_person=None) -> ImportedDocument:
    # (the copy's own table of contents says which lines are its headings, as the master's titles do)
    outline = contents_outline(lines) if kind != "markdown" else []
    marked, title = mark_headings(paragraphs, known_titles, outline, names_master, a_person)
    preamble, sections = split_sections(marked, known_titles, outline, names_master, a_person)
    if len(sections) == 1 and (not sections[0].title or not preamble and marked and sections[0].line == marked[0].line
                               and TITLE_END.search(sections[0].title) and not ABOUT_POLICY.search(sections[0].title)):
        # (a copy whose lines a web page or a PDF ran together, its headings inside the text; or whose only
        # heading is its own title, the document's name: "Internet Acceptable Usage Policy")
        words = sum(len(p.text.split()) for p in sections[0].paragraphs)
        diags = [*diags, diagnostic(display, sections[0].line, "N-IMPORT-NO-HEADINGS",
                                    f"no headings were found: the copy's text ({words:,} words) is compared "
                                    f"with the master as one section, and drafted only as the master section its "
                                    f"words pair with, if any; give its parts headings and import it again")]
    return ImportedDocument(path=Path(path), display=display, kind=kind, lines=list(lines),
                            paragraphs=marked, title=marked[title].text if title is not None else None,
                            preamble=preamble, sections=sections, diagnostics=list(diags))
