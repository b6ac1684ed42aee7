"""A Word document (.docx) read through python-docx into numbered paragraphs.

What it brings: the body's paragraphs and tables in document order (content controls opened);
heading styles ("Heading 1".."Heading 9", "Title", any style based on them) and outline levels as
headings; list paragraphs (a numbering reference in the paragraph or its style) as items at
their depth; bold, italic and hyperlinks into ``Paragraph.markdown``; each table row as one
paragraph of kind "row". Lines follow the rule in builder/importing/document.py: every body paragraph
counts one (empty ones too), every table row one. Paragraphs with no style to go by are read
like text (typed bullets and numbers, tables of contents), as the text reader reads them.

What it cannot bring, and says so:

- tracked changes (insertions, deletions, moves still in the body): an error, since which
  text is the school's is not yet decided -- accept or reject them in Word first;
- comments, header and footer text, footnotes and endnotes, text boxes, images and embedded
  objects: a warning each (W-IMPORT-LOST), naming how many and where the first is (a header's
  text quoted), never silently dropped;
- Word's automatic numbering: not text, so no number is kept (a typed number is).

Bounds: before python-docx opens it, every part's declared and actual uncompressed size is
checked against the pack's file size limit times ``EXPANSION`` (a zip bomb stops with E-LIMIT).
"""

from __future__ import annotations

import io
import re
import zipfile

from builder.importing.document import Paragraph
from builder.importing.read.text import (BOOKMARK, TextLine, clean, find_contents, furniture_lost, page_furniture,
                                         paragraphs_from_lines,
                                     take_number, too_many)
from builder.common import limits
from builder.common.diagnostics import Diagnostic, PackError, diagnostic, error, printable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXPANSION = 64            # a .docx's parts may expand to 64 x the file size limit, in all
PART_COUNT = 2000         # parts in one .docx (Word writes a few dozen)
_CHUNK = 1 << 16
_TRACKED = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|kop)\s*([1-9])$", re.I)


def check_zip(data: bytes, display: str) -> None:
    """The .docx as a zip: readable, a Word document, and within the bounds."""
    limit_kb = limits.current().file_size_kb
    bound = limit_kb * 1024 * EXPANSION
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackError(error(display, None, "E-IMPORT",
                              f"not a readable Word document (a damaged zip: {exc}): open it in "
                              f"Word and save it again as .docx")) from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        if "mimetype" in names and b"opendocument" in _head(zf, "mimetype"):
            what = "an OpenDocument file (LibreOffice, .odt)"
        else:
            what = "a zip file, but not a Word document (it has no word/document.xml)"
        raise PackError(error(display, None, "E-IMPORT",
                              f"this is {what}: open it in Word or LibreOffice and save it as a "
                              f"Word Document (.docx)"))
    msg = limits.limit_message
    if len(infos) > PART_COUNT:
        raise PackError(error(display, None, "E-LIMIT", msg(
            f"the Word document has {len(infos):,} parts", f"{PART_COUNT:,} parts")))
    declared = sum(i.file_size for i in infos)
    if declared > bound:
        raise PackError(error(display, None, "E-LIMIT", msg(
            f"the Word document's parts expand to {declared // 1024:,} KB",
            f"{bound // 1024:,} KB ({EXPANSION} x the file size limit)", "file_size_kb")))
    total = 0
    try:
        for info in infos:
            with zf.open(info) as part:
                while chunk := part.read(_CHUNK):
                    total += len(chunk)
                    if total > bound:
                        raise PackError(error(display, None, "E-LIMIT", msg(
                            f"the Word document's parts expand to more than {bound // 1024:,} KB "
                            f"(more than they declare)",
                            f"{bound // 1024:,} KB ({EXPANSION} x the file size limit)",
                            "file_size_kb")))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise PackError(error(display, None, "E-IMPORT",
                              f"not a readable Word document (a damaged part: {exc}): open it in "
                              f"Word and save it again as .docx")) from None


def _head(zf: zipfile.ZipFile, name: str, size: int = 200) -> bytes:
    try:
        with zf.open(name) as part:
            return part.read(size)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return b""


# --- styles ---------------------------------------------------------------------------------

def _style_chain(style):
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _heading_level(paragraph) -> int | None:
    """0 for the Title style, 1-9 for a heading style or outline level, None otherwise."""
    ppr = paragraph._p.pPr
    if ppr is not None:
        ol = ppr.find(f"{W}outlineLvl")
        if ol is not None and (v := ol.get(f"{W}val", "")).isdigit() and int(v) < 9:
            return int(v) + 1
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        style = None
    for s in _style_chain(style):
        name = (s.name or "").strip()
        if name.lower() == "title":
            return 0
        if (m := _HEADING_STYLE.match(name)):
            return int(m.group(1))
        sp = s.element.pPr
        if sp is not None:
            ol = sp.find(f"{W}outlineLvl")
            if ol is not None and (v := ol.get(f"{W}val", "")).isdigit() and int(v) < 9:
                return int(v) + 1
    return None


def _list_depth(paragraph) -> int | None:
    """The list depth (1-based) when the paragraph or its style is numbered, else None."""
    ppr = paragraph._p.pPr
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    if numpr is None:
        try:
            style = paragraph.style
        except (KeyError, ValueError):
            style = None
        for s in _style_chain(style):
            sp = s.element.pPr
            if sp is not None and (numpr := sp.find(f"{W}numPr")) is not None:
                break
    if numpr is None:
        return None
    num = numpr.find(f"{W}numId")
    if num is not None and num.get(f"{W}val") == "0":
        return None                       # numbering switched off
    ilvl = numpr.find(f"{W}ilvl")
    if ilvl is not None and (ilvl.get(f"{W}val") or "").isdigit():
        return max(1, min(int(ilvl.get(f"{W}val")) + 1, 6))
    try:                                   # "List Bullet 2": the level is in the style's name
        m = re.search(r"\blist\b.*?\s([2-9])$", paragraph.style.name or "", re.I)
    except (KeyError, ValueError, AttributeError):
        m = None
    return int(m.group(1)) if m else 1


def _is_toc(paragraph) -> bool:
    try:
        name = paragraph.style.name or ""
    except (KeyError, ValueError, AttributeError):
        return False
    return bool(re.match(r"^(?:toc\s*\d|toc heading|table of figures)", name, re.I))


# --- text and Markdown of one paragraph ------------------------------------------------------

def _md_escape(s: str) -> str:
    return re.sub(r"([\\`*_\[\]])", r"\\\1", s)


def _runs_markdown(paragraph, hidden: list[int] | None = None) -> tuple[str, str, bool]:
    """(text, markdown, all bold) of a paragraph: runs and hyperlinks in order. Hidden runs
    (Word's "hidden" font) are left out and counted in ``hidden``."""
    from docx.text.hyperlink import Hyperlink
    text_parts: list[str] = []
    md_parts: list[str] = []
    bold_seen, plain_seen = False, False
    field: list[str] | None = None       # a complex field's instruction, while it is read
    link: str | None = None              # the address of the HYPERLINK field whose shown text is read
    shown: list[str] = []                # that text
    for item in paragraph.iter_inner_content():
        if not isinstance(item, Hyperlink):
            for el in item._r.iter(f"{W}fldChar", f"{W}instrText"):
                kind = el.get(f"{W}fldCharType")
                if kind == "begin":
                    field, link, shown = [], None, []
                elif kind == "separate" and field is not None:
                    m = re.match(r'\s*HYPERLINK\s+"([^"]+)"', "".join(field))
                    link, field = (m.group(1) if m else None), None
                elif kind == "end":
                    if link and "".join(shown).strip() and re.match(r"^(?:https?://|mailto:)[^\s()<>]+$", link):
                        md_parts.append(f"[{_md_escape(''.join(shown).strip())}]({link})")
                    elif shown:
                        md_parts.append(_md_escape("".join(shown)))
                    field, link, shown = None, None, []
                elif el.tag == f"{W}instrText" and field is not None:
                    field.append(el.text or "")
            if link is not None and item.text:
                text_parts.append(item.text)      # a HYPERLINK field's shown text: a link in the Markdown
                shown.append(item.text)
                continue
        if not isinstance(item, Hyperlink) and item.font.hidden and item.text.strip():
            if hidden is not None:
                hidden.append(1)
            continue
        if not isinstance(item, Hyperlink) and item.text.strip():
            if item.bold if item.bold is not None else _style_bold(paragraph):
                bold_seen = True
            else:
                plain_seen = True
        if isinstance(item, Hyperlink):
            t = item.text
            url = ""
            try:
                url = item.url or ""
            except (KeyError, AttributeError):
                url = ""
            text_parts.append(t)
            if t.strip() and re.match(r"^(?:https?://|mailto:)[^\s()<>]+$", url):
                md_parts.append(f"[{_md_escape(t.strip())}]({url})")
            else:
                md_parts.append(_md_escape(t))
            continue
        t = item.text
        text_parts.append(t)
        if not t.strip():
            md_parts.append(t)
            continue
        lead = t[:len(t) - len(t.lstrip())]
        trail = t[len(t.rstrip()):]
        core = _md_escape(t.strip())
        if item.bold and item.italic:
            core = f"***{core}***"
        elif item.bold:
            core = f"**{core}**"
        elif item.italic:
            core = f"*{core}*"
        md_parts.append(lead + core + trail)
    text = "".join(text_parts)
    md = "".join(md_parts)
    md = re.sub(r"\*\*\*\*|(?<=\w)\*\*(?=\w)", "", md) if "****" in md else md
    return text, md, bold_seen and not plain_seen


def _style_bold(paragraph) -> bool:
    try:
        for s in _style_chain(paragraph.style):
            if s.font.bold is not None:
                return bool(s.font.bold)
    except (KeyError, ValueError, AttributeError):
        pass
    return False


def _one_line(s: str) -> str:
    return clean(s.replace("\n", " "))[0]


# --- the body --------------------------------------------------------------------------------

def _blocks(body):
    """The body's paragraphs and tables in order, content controls opened."""
    for child in body.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                gallery = child.find(f".//{W}docPartGallery")
                if gallery is not None and "content" in (gallery.get(f"{W}val") or "").lower():
                    for inner in content.iter(f"{W}p"):
                        yield ("toc", inner)
                    continue
                yield from _blocks(content)
        elif child.tag == f"{W}customXml":
            yield from _blocks(child)


def _cell_lines(tc, parent, hidden: list[int]) -> list[str]:
    """The lines of a table cell as Word shows them: each paragraph, and each line a line break
    starts, without hidden runs (counted in ``hidden``)."""
    from docx.text.paragraph import Paragraph as WordParagraph
    out = []
    for p in tc.iter(f"{W}p"):
        text = _runs_markdown(WordParagraph(p, parent), hidden)[0]
        out += [t for t in (_one_line(part.replace("\t", " ")) for part in text.split("\n")) if t]
    return out


_PERSON_LINE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z]")
# a line that is a person's name and nothing else: "Jane Ennis", "Mrs J Ennis", "Dr Anne-Marie O'Neill"
_NAME_ALONE = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)?(?:[A-Z]\.?\s+){0,2}[A-Z][a-z'’-]+"
                         r"(?:[ -][A-Z][a-z'’-]+){0,2}")


def _row_cells(tr, parent, hidden: list[int]) -> list[tuple[str, ...]]:
    """A table row's cells, as one row or several, as the row reads across: when every cell with
    text holds the same number of lines, a list in each ("DSL" / "Deputy DSL" beside "Mrs A" /
    "Mrs B"), line n of each cell makes row n; when a cell lists people, a line each ("Mrs J
    McCallum DSL" / "Mrs J Jordan Deputy DSL" beside "DSL team"), each person is a row of their
    own, the first beside the other cells; else each cell's lines are one text."""
    cells = [_cell_lines(tc, parent, hidden) for tc in tr.iterchildren(f"{W}tc")]
    filled = [c for c in cells if c]
    n = max((len(c) for c in filled), default=0)
    listing = [c for c in filled if len(c) > 1]
    if len(filled) >= 2 and len(listing) == 1 and all(_NAME_ALONE.fullmatch(line) for line in listing[0]):
        # one cell lists people by name alone, a line each, beside one line of the rest ("Deputy
        # DSLs" / "Jane Ennis", "Nicola Smith"): a row per person, the rest beside each
        return [tuple(line if c is listing[0] else " ".join(c) for c in cells) for line in listing[0]]
    if len(filled) >= 2 and n > 1 and (all(len(c) == n for c in filled) or all(
            all(_PERSON_LINE.match(line) for line in c) for c in listing)):
        return [tuple(c[i] if i < len(c) else "" for c in cells) for i in range(n)]
    return [tuple(" ".join(c) for c in cells)]


def _drop_markup_nodes(root) -> None:
    """XML comments, processing instructions and entity references are no part of a document's
    text (Word writes none): taken out of the tree, the text after each kept, so every reader of
    the tree meets only elements."""
    for node in [n for n in root.iter() if not isinstance(n.tag, str)]:   # lxml's tag of these is a function
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            before = node.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WRAPPERS = tuple(f"{W}{t}" for t in ("sdt", "smartTag", "customXml", "dir", "bdo"))
_WRAPPER_PROPERTIES = tuple(f"{W}{t}" for t in ("sdtPr", "sdtEndPr", "smartTagPr", "customXmlPr"))
_HOLDS_WRAPPED = frozenset(f"{W}{t}" for t in ("p", "hyperlink", "tbl", "tr", "tc", "smartTag", "customXml",
                                                "dir", "bdo", "fldSimple"))


def _open_wrappers(body) -> None:
    """A content control, a smart tag or custom XML inside a paragraph or a table holds runs,
    rows or cells Word shows as the paragraph's or the table's own ("the designated safeguarding
    lead, [Mrs A Patel]" typed into a template's control): each is replaced by what it holds, so
    the reading meets its text (python-docx steps over it). Content controls between paragraphs
    are opened by ``_blocks``, which tells a contents list's by them."""
    for el in list(body.iter(*_WRAPPERS)):
        parent = el.getparent()
        if parent is None or parent.tag not in _HOLDS_WRAPPED:
            continue
        holder = el.find(f"{W}sdtContent") if el.tag == f"{W}sdt" else el
        inner = [] if holder is None else [c for c in holder if c.tag not in _WRAPPER_PROPERTIES]
        at = parent.index(el)
        tail = el.tail
        parent.remove(el)
        for k, child in enumerate(inner):
            parent.insert(at + k, child)
        if tail:      # (Word writes no text between elements; kept as the XML reader found it)
            last = inner[-1] if inner else (parent[at - 1] if at else None)
            if last is not None:
                last.tail = (last.tail or "") + tail


def _plural(noun: str) -> str:
    return noun + ("es" if noun.endswith(("x", "s", "ch", "sh")) else "s")


def _unreadable(exc: Exception) -> str:
    """Why python-docx could not open a package, in a trust officer's words (never the library's
    internals: a memory address changes on every run)."""
    said = str(exc)
    if "macroEnabled" in said:
        return "a Word document with macros (.docm) renamed .docx, which is not imported"
    if "content type is" in said:
        kind = said.rsplit("content type is", 1)[1].strip(" '\"")
        return f"not a Word document but another kind of package ({printable(kind)[:80]})"
    if "depth" in said.lower() or "XML_PARSE_HUGE" in said:
        return "not a readable Word document: its parts are nested far deeper than Word writes them"
    return "not a readable Word document: the file is damaged or is not a .docx"


def read_docx(data: bytes, display: str) -> tuple[list[str], list[Paragraph], list[Diagnostic]]:
    """(lines, paragraphs, diagnostics) of a .docx's bytes."""
    check_zip(data, display)
    import docx
    from docx.text.paragraph import Paragraph as WordParagraph
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:   # noqa: BLE001 - python-docx raises many kinds for a damaged package
        raise PackError(error(display, None, "E-IMPORT", f"{_unreadable(exc)}: open it in Word and save "
                                                         f"it again as a Word Document (.docx)")) from None
    body = document.element.body
    too_many(sum(1 for el in body.iter(f"{W}p", f"{W}tr")), display)
    _drop_markup_nodes(document.element)
    _open_wrappers(body)
    lines: list[str] = []
    styled: list[Paragraph] = []     # headings, list items, rows: what Word's structure says
    plain: list[TextLine] = []           # the rest: read like text
    rich: dict[int, str] = {}        # line -> Markdown with bold, italic, links
    bolds: set[int] = set()          # lines all in bold
    toc_lines: set[int] = set()
    first_at: dict[str, int] = {}
    counts: dict[str, int] = {}

    def note(kind: str, element, line: int, n: int = 1):
        counts[kind] = counts.get(kind, 0) + n
        first_at.setdefault(kind, line)

    def scan(element, line: int):
        tracked = sum(1 for _ in element.iter(*_TRACKED))
        if tracked:
            note("tracked", element, line, tracked)
        for kind, tags in (("comment", (f"{W}commentReference",)),
                           ("footnote", (f"{W}footnoteReference",)),
                           ("endnote", (f"{W}endnoteReference",)),
                           ("text box", (f"{W}txbxContent",)),
                           ("field", (f"{W}fldSimple",)),
                           ("object", (f"{W}object",))):
            # (Word writes a text box twice, the second a fallback for older readers: counted once)
            n = sum(1 for el in element.iter(*tags) if not any(a.tag == _FALLBACK for a in el.iterancestors()))
            if n:
                note(kind, element, line, n)
        images = sum(1 for el in element.iter()
                     if el.tag.endswith("}blip") or el.tag.endswith("}imagedata"))
        if images:
            note("image", element, line, images)

    for block in _blocks(body):
        is_toc_block = isinstance(block, tuple)
        el = block[1] if is_toc_block else block
        if el.tag == f"{W}tbl":
            for tr in el.iter(f"{W}tr"):
                if tr.getparent() is not el:
                    continue        # a nested table's rows belong to its cell's text
                scan(tr, len(lines) + 1)
                hidden_cells: list[int] = []
                for cells in _row_cells(tr, document._body, hidden_cells):
                    line = len(lines) + 1
                    text = " | ".join(cells)
                    lines.append(text)
                    if any(cells):
                        styled.append(Paragraph(line, text, "row", 0, None, "", cells))
                if hidden_cells:
                    note("hidden text", tr, len(lines), len(hidden_cells))
            continue
        line = len(lines) + 1
        scan(el, line)
        wp = WordParagraph(el, document._body)
        hidden: list[int] = []
        text, md, bold = _runs_markdown(wp, hidden)
        if hidden:
            note("hidden text", el, line, len(hidden))
        if "\n" in text.strip("\n") and _heading_level(wp) is None and _list_depth(wp) is None and \
                not (is_toc_block or _is_toc(wp)):
            # lines a paragraph's line breaks (Shift+Enter) start are lines of their own, as Word's text
            # export gives them: "AGREED BY STAFF: January 2022" / "AGREED BY GOVERNORS:" / "REVIEW DATE: ..."
            parts, md_parts = text.split("\n"), md.split("\n")
            for k, part in enumerate(parts):
                line = len(lines) + 1
                lines.append(part)
                cleaned, indent, _ = clean(part)
                if cleaned:
                    plain.append(TextLine(line, cleaned, BOOKMARK.sub("", part), indent, k == 0 and _marked(el)))
                    rich[line] = _one_line_md(md_parts[k]) if len(md_parts) == len(parts) and \
                        _balanced(md_parts[k]) else cleaned
                    if bold:
                        bolds.add(line)
            continue
        lines.append(text.replace("\n", " "))
        cleaned, indent, _ = clean(text.replace("\n", " "))
        if not cleaned:
            continue
        if is_toc_block or _is_toc(wp):
            toc_lines.add(line)
            continue
        marked = _marked(el)
        mdl = _one_line_md(md)
        level = _heading_level(wp)
        if level is not None:
            number, title = take_number(cleaned)
            styled.append(Paragraph(line, title, "heading", level, number,
                                    title if number else (mdl or title), marked=marked))
            continue
        depth = _list_depth(wp)
        if depth is not None:
            number, item = take_number(cleaned)
            styled.append(Paragraph(line, item, "item", depth, number,
                                    item if number else (mdl or item), marked=marked, bold=bold))
            continue
        plain.append(TextLine(line, cleaned, BOOKMARK.sub("", text), indent, marked))
        rich[line] = mdl
        if bold:
            bolds.add(line)

    every = _all_lines(lines, plain)
    skip = find_contents(every) | toc_lines
    furniture = page_furniture(every)      # (a copy pasted in from a PDF carries its pages' headers)
    for number_list in furniture.values():
        skip |= set(number_list)
    paras = paragraphs_from_lines(plain, skip)
    by_number = {ln.number: ln for ln in plain}
    paras = [_with_markdown(p, rich.get(p.line), by_number[p.line], p.line in bolds) for p in paras]
    paragraphs = sorted(styled + paras, key=lambda p: p.line)
    paragraphs = [p for p in paragraphs if p.line not in skip]
    diags = _lost(document, display, counts, first_at) + furniture_lost(display, furniture)
    if skip:
        first, last = min(skip), max(skip)
        diags.append(diagnostic(display, first, "N-IMPORT-CONTENTS",
                                f"a table of contents (lines {first}-{last}) was left out: the built "
                                f"policy makes its own"))
    return lines, paragraphs, diags


def _marked(el) -> bool:
    """A bookmark opens the paragraph (Word puts them on headings)."""
    return any((b.get(f"{W}name") or "") not in ("_GoBack", "") for b in el.iterchildren(f"{W}bookmarkStart"))


def _balanced(md: str) -> bool:
    """A line of Markdown whose bold and italic marks and links all close on it."""
    return md.count("**") % 2 == 0 and md.replace("**", "").count("*") % 2 == 0 and md.count("[") == md.count("]")


def _all_lines(lines: list[str], plain: list[TextLine]) -> list[TextLine]:
    """Every line as the contents finder sees it (plain paragraphs with their raw text)."""
    by = {ln.number: ln for ln in plain}
    return [by.get(n) or TextLine(n, clean(t)[0], t) for n, t in enumerate(lines, 1)]


def _one_line_md(md: str) -> str:
    return " ".join(BOOKMARK.sub("", md).replace("\n", " ").replace("\t", " ")
                    .replace("\u00a0", " ").split())


def _with_markdown(p: Paragraph, md: str | None, ln: TextLine, bold: bool) -> Paragraph:
    """The paragraph with the Word paragraph's Markdown, when no bullet or number was taken off
    its text (then the Markdown would still carry them), and whether it is all bold."""
    from dataclasses import replace
    if bold:
        p = replace(p, bold=True)
    if md and p.text == ln.text and p.kind == "para" and md != p.text:
        return replace(p, markdown=md)
    return p


def _lost(document, display: str, counts: dict[str, int], first_at: dict[str, int]) -> list[Diagnostic]:
    if counts.get("tracked"):
        raise PackError(error(
            display, first_at["tracked"], "E-IMPORT",
            f"the document has {counts['tracked']} tracked change(s) (insertions, deletions or "
            f"moves not yet accepted), the first here: accept or reject them in Word (Review > "
            f"Accept / Reject All) and save, then import again"))
    out: list[Diagnostic] = []
    words = {"comment": ("comment", "comments are notes about the text, not the policy"),
             "footnote": ("footnote", "their text is not read"),
             "endnote": ("endnote", "their text is not read"),
             "text box": ("text box", "text in boxes is not read: move it into the body"),
             "image": ("image", "pictures are not imported"),
             "hidden text": ("run of hidden text", "Word does not show it, so neither does the import"),
             "object": ("embedded object", "embedded objects are not imported"),
             "field": ("Word field", "a field's text (a mail merge's «SchoolName», say) is not read: write "
                                     "the words it stands for in the copy, or leave a gap the import reports")}
    for kind, (noun, why) in words.items():
        n = counts.get(kind, 0)
        if n:
            out.append(diagnostic(display, first_at[kind], "W-IMPORT-LOST",
                                  f"{n} {_plural(noun) if n != 1 else noun} left out (the first here): {why}"))
    seen: set[tuple[str, str]] = set()
    for section in document.sections:
        for where, part in (("header", section.header), ("first-page header", section.first_page_header),
                            ("even-page header", section.even_page_header),
                            ("footer", section.footer), ("first-page footer", section.first_page_footer),
                            ("even-page footer", section.even_page_footer)):
            try:
                if part.is_linked_to_previous:
                    continue
                text = " ".join(" ".join(p.text for p in part.paragraphs).split())
                for table in part.tables:
                    text += " " + " ".join(c.text for r in table.rows for c in r.cells)
            except (KeyError, ValueError, AttributeError):
                continue
            text = " ".join(text.split())
            if text and (where, text) not in seen:
                seen.add((where, text))
                shown = text if len(text) <= 80 else text[:77] + "..."
                out.append(diagnostic(display, None, "W-IMPORT-LOST",
                                      f"the {where} text '{shown}' was left out: headers and "
                                      f"footers are not part of the policy's text (the built "
                                      f"PDF makes its own)"))
    return out
