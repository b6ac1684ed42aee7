"""The shapes an imported document takes on its way through the import.

Line numbers: in a text file, the line (1-based). In a .docx, the paragraph's number counting
every paragraph of the body in order, empty ones included, and each table row as one -- the line
it would have in Word's "Save as plain text", so a .docx made from a text file keeps its lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.common.diagnostics import Diagnostic

KINDS = ("heading", "para", "item", "row")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the imported document, debris removed.

    kind: "heading" (a Word heading style or a line that acts as one), "para", "item" (a list
    item: bullet or number removed, depth in ``level``) or "row" (a table row: cells in
    ``cells``, ``text`` their text joined with " | ").
    level: heading level 1-6, list depth from 1, 0 otherwise.
    number: a number typed before a heading or item ("4.2", "3", "a"), kept so the import can
    report typed section numbers; None when there was none (Word's automatic numbering is not
    text, so it never appears here).
    markdown: the paragraph as Markdown (bold, italic, links kept where the source had them);
    equal to ``text`` for plain text sources.
    """
    line: int
    text: str
    kind: str = "para"
    level: int = 0
    number: str | None = None
    markdown: str = ""
    cells: tuple[str, ...] = ()
    marked: bool = False            # a bookmark marker opened the line (Word puts them on headings)
    bold: bool = False              # in a .docx, every word of it bold (a heading typed by hand)
    apart: bool = False             # its typed number stood on a line of its own ("5." over "World Wide Web:")

    def md(self) -> str:
        return self.markdown or self.text


@dataclass
class Section:
    """A heading and the paragraphs under it up to the next heading of the same or a higher
    level (sub-headings stay inside, as paragraphs of kind "heading")."""
    title: str
    line: int
    level: int
    number: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def text(self) -> str:
        """The plain text of the body, one paragraph per line (for alignment and values)."""
        return "\n".join(p.text for p in self.paragraphs if p.text)

@dataclass
class ImportedDocument:
    path: Path                      # the file as read
    display: str                    # the path as diagnostics name it (as given on the command line)
    kind: str                       # "docx", "text" or "markdown"
    lines: list[str]                # the text, one entry per line number (lines[0] is line 1)
    paragraphs: list[Paragraph]     # every non-empty paragraph, in order
    title: str | None = None        # the document's title (first heading or title line), if any
    preamble: list[Paragraph] = field(default_factory=list)   # before the first section
    sections: list[Section] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # what reading found (lost parts...)
