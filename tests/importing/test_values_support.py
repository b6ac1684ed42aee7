"""What the values tests share: a text document read the simple way (one paragraph per line,
bullets as items, short unpunctuated lines as headings), so the values finders are tested on
their own whatever the full reader does. No tests here."""

from __future__ import annotations

import re
from pathlib import Path

from builder.importing.document import ImportedDocument, Paragraph, Section
from builder.importing.values.text import clean

BULLET = re.compile(r"^\s*(?:[·•\u2022\uf0b7o\-*]|\d+\.)\s+")


def text_document(text: str, display: str = "copy.txt") -> ImportedDocument:
    paragraphs, sections = [], []
    for i, raw in enumerate(text.split("\n"), 1):
        bullet = BULLET.match(re.sub(r"\[bookmark:[^\]]*\]", "", raw))
        t = raw.strip() if "\t" in raw else clean(raw)
        if not t:
            continue
        if bullet:
            p = Paragraph(i, BULLET.sub("", t), "item", 1)
        elif "\t" in t:
            cells = tuple(c.strip() for c in t.split("\t") if c.strip())
            p = Paragraph(i, " | ".join(cells), "row", cells=cells) if len(cells) > 1 else \
                Paragraph(i, t)
        elif len(t) < 60 and not t.endswith((".", ":", ",")) and t[:1].isupper() and \
                not re.search(r"@|\d{4}", t):
            p = Paragraph(i, t, "heading", 1)
        else:
            p = Paragraph(i, t)
        paragraphs.append(p)
        if p.kind == "heading":
            sections.append(Section(p.text, p.line, 1))
        elif sections:
            sections[-1].paragraphs.append(p)
    return ImportedDocument(Path(display), display, "text", text.split("\n"), paragraphs,
                            title=paragraphs[0].text if paragraphs else None,
                            sections=sections)
