"""A section's body as Markdown the pack can hold: paragraphs apart, list items as "- " (indented
by depth), table rows as a pipe table, sub-headings as "###".

Nothing in it can run: the pack's Markdown is a Jinja template, so "{{", "{%" and "{#" are
written so they print as typed (each such "{" as {{ '{' }}), and text that looks like HTML ("<script>",
"<b>", "&amp;") has its "<" and "&" escaped, so the draft shows the school's text and nothing
else. Markdown's own marks a school typed ("*", "_", "#", "`", "[") are escaped too, except
where the reader made them from Word's bold, italic and links.
"""

from __future__ import annotations

import re

from builder.importing.document import Paragraph, Section

# A "{" that would open a Jinja tag with the character after it ("{{", "{%", "{#"). Only
# openers matter: closers outside a tag are data. Each such "{" alone becomes an expression that
# prints it, so no "{" left in the text can join the one before or after into an opener.
_JINJA = re.compile(r"\{(?=[{%#])")
_HTML = re.compile(r"<(?=[A-Za-z/!?])|&(?=[A-Za-z#][A-Za-z0-9]*;)")
_MD_MARK = re.compile(r"([\\`*_\[\]|])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}\s|[-+*]\s|\d{1,3}[.)]\s|>|=+\s*$|-+\s*$)")


def escape_jinja(text: str) -> str:
    """Every "{" that opens a Jinja tag replaced by an expression that prints it."""
    return _JINJA.sub("{{ '{' }}", text)


def escape_text(text: str) -> str:
    """Plain text made safe Markdown: its marks, HTML-looking bits and Jinja printed as typed."""
    t = _MD_MARK.sub(r"\\\1", text)
    t = re.sub(r"&(?=[A-Za-z#][A-Za-z0-9]*;)", "&amp;", t).replace("<", "&lt;")
    t = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), t)
    return escape_jinja(t)


def escape_markdown(md: str) -> str:
    """Markdown the reader built (bold, italic, links kept): HTML and Jinja made inert."""
    t = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", md)
    t = re.sub(r"&(?=[A-Za-z#][A-Za-z0-9]*;)", "&amp;", t)
    t = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), t)
    return escape_jinja(t)


def paragraph_markdown(p: Paragraph) -> str:
    """One paragraph's Markdown, made safe: the reader's own Markdown when it built one
    (a .docx's bold and links), else the text escaped."""
    if p.markdown and p.markdown != p.text:
        return escape_markdown(p.markdown)
    return escape_text(p.text)


def _row(cells) -> str:
    return "| " + " | ".join(escape_text(c).replace("\n", " ") or " " for c in cells) + " |"


def section_markdown(section: Section) -> str:
    """The section's body as Markdown: blocks apart by a blank line, consecutive list items and
    table rows together."""
    blocks: list[str] = []
    prev = None
    for p in section.paragraphs:
        if not p.text:
            continue
        if p.kind == "item":
            line = "  " * (max(1, p.level) - 1) + "- " + paragraph_markdown(p)
            if prev == "item":
                blocks[-1] += "\n" + line
            else:
                blocks.append(line)
        elif p.kind == "row":
            cells = p.cells or tuple(c.strip() for c in p.text.split(" | "))
            if prev == "row" and blocks:
                width = blocks[-1].split("\n")[0].count(" | ") + 1
                cells = tuple(cells) + ("",) * (width - len(cells))
                blocks[-1] += "\n" + _row(cells[:max(width, len(cells))])
            else:
                blocks.append(_row(cells) + "\n" + "|" + " --- |" * len(cells))
        elif p.kind == "heading":
            blocks.append("#" * min(6, max(3, p.level + 1)) + " " + paragraph_markdown(p))
        else:
            blocks.append(paragraph_markdown(p))
        prev = p.kind
    return "\n\n".join(blocks) + ("\n" if blocks else "")
