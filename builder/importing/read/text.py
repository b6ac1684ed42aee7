"""Text exported from Word (.txt) or written as Markdown (.md), read into numbered paragraphs.

What Word's "Save as plain text" leaves behind, and what becomes of it:

- ``[bookmark: _Toc123]`` markers: removed (a line that started with one is a heading hint,
  kept in ``TextLine.marked``);
- bullet characters ("·", "•", "o", "▪", "-", the Symbol font's private-use glyphs ...) and
  the tabs or spaces before them: the line is a list item, its depth from the indent and from
  the bullets above it;
- numbers typed before a heading or item ("1.0", "4.2", "4.", "(a)", "iv)", "Section B -"):
  moved into ``Paragraph.number``;
- a table of contents (lines ending in a tab or dotted leader and a page number, or a
  "Contents" list whose entries come again as the document's headings): skipped, with a notice;
- non-breaking and zero-width spaces, soft hyphens, Word's manual line break (vertical tab),
  runs of tabs inside a line, trailing spaces: plain spaces, once;
- a line that tabs part into three cells or more ("1⇥Spring 2018⇥First draft⇥Spring 2020"): a
  table's row, as Word saves a table as text, its cells parted with "|"; so are lines of short
  cells parted by " / ", as a web page's table flattens (``slashed_rows``).

Line numbers are the file's own (1-based), as an editor shows them: only CR, LF and CRLF end a
line (not the vertical tab or form feed Word writes inside one).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TypeGuard

from builder.importing.document import Paragraph
from builder.common import limits
from builder.common.diagnostics import Diagnostic, PackError, diagnostic, error, printable
from builder.source.review_text import MONTH_WORD

BOOKMARK = re.compile(r"\[bookmark:(?:[^\[\]\n]|\[[^\[\]\n]{0,100}\]){0,200}\]", re.I)
# spaces Word writes that are not plain spaces, and characters with no width at all
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\t]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

# A bullet: one of these characters, or a private-use glyph (Symbol / Wingdings fonts export
# their bullets as U+F0xx), then a space or tab. "o" (Word's second-level bullet) and "-", "*"
# only before whitespace and more text.
BULLETS = "·•‧∙●○◦▪▫■□◆◇❖➢➣➤►▸▹→⇒✓✔✗✘⁃‣–—-*+o\u2043"
BULLET = re.compile(rf"^(?P<b>[{re.escape(BULLETS)}]|[\uf000-\uf0ff])(?:[ \t]+|(?=[\uf000-\uf0ff]))(?=\S)")
DEEPER_BULLETS = set("o◦○▫□\uf0a7\uf06f")   # usually a second level when a list is already open

_ROMAN = r"(?-i:(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))"
_ROMAN_UP = r"(?-i:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))"
# numbers typed before a heading or item
NUMBER = re.compile(
    r"^(?:"
    r"(?P<sect>(?:section|part|clause)\s+(?:\d{1,2}(?:\.\d{1,2})*|(?-i:[A-Z])))\s*(?:[:.)\-\u2013\u2014]\s*|\s+(?=(?-i:[A-Z])))"
    r"|(?P<dec>\d{1,2}\.0(?=[ \t])|\d{1,2}(?:\.\d{1,2}){1,3}(?=\.?[ \t]*(?-i:[A-Z])|\.|\t))[.]?[ \t]*"
    # 4.2  4.2.1  1.0  1.1.
    r"|(?P<dec2>\d{1,2}(?:\.\d{1,2}){1,3})(?:\.[ \t]*|\t[ \t]*|[ ]+(?=(?-i:[A-Z]))|(?=(?-i:[A-Z])))"
    r"|(?P<int>\d{1,2})(?:\.(?!\d)|\)|[ \t]*[:\u2013\u2014-](?=[ \t]))[ \t]*"    # 4.  4)  4 -  4:
    r"|(?P<intsp>\d{1,2})(?:\t[ \t]*|[ ]+(?=(?-i:[A-Z]))|(?=(?-i:[A-Z][a-z]{3,})))"      # 4 Title, 4Title
    r"|\((?P<paren>(?-i:[a-z]{1,2}|[A-Z])|\d{1,2}|" + _ROMAN + r")\)[ \t]*"  # (a)  (iv)  (3)
    r"|(?P<let>" + _ROMAN + r"|(?-i:[a-z]))[.)][ \t]+"                    # a.  iv)
    r"|(?P<cap>" + _ROMAN_UP + r"|(?-i:[A-Z]))[.)][ \t]+(?=(?-i:[A-Z]))"        # A. Title  IV) Title
    r"(?!(?-i:[A-Z][a-z'’-]+)[ \t]*[(,])"     # (not an initial and a surname: "M. Neal (Chair of Governors)")
    r")(?=\S)", re.I)
# a line of a table of contents: the title, then a tab or dotted leader, then the page number
TOC_LINE = re.compile(r"^(?P<title>.*?\S)[ \t]*(?:\t|\.{3,}|…+|_{3,}|[ \t]\|)[ \t.…]*(?:page[ \t]*)?\d{1,4}"
                      r"[ \t]*\|?[ \t]*$", re.I)
_ENDS_IN_DIGIT = re.compile(r"\d[ \t]*$")
# a contents entry alone, told by its long dotted leader and its page number (or, for an appendix
# or a part, its page number cut off: "Appendix B………"), a title that does not end in a colon (a
# form's "Taken to staff meeting:……", "1. Child's name ......" and "Signed ........" are blanks)
LONG_LEADER = re.compile(r"^(?:(?=(?i:appendix|annexe?|part|section|schedule)\b)(?P<part>.*?[^\s:.…])"
                         r"[ \t]*(?:\.{5}|…{3})[.…]*+[ \t]*\d{0,3}"
                         r"|(?P<title>.*?[^\s:.…])[ \t]*(?:\.{5}|…{3})[.…]*+[ \t]*\d{1,3})[ \t]*$")
# a contents entry whose leader is a wide gap of spaces: its title (not a label's, ending in a colon)
# and a page number of up to three digits (a year is no page)
SPACED = re.compile(r"^(?P<title>[\w(][^\t]{0,120}?[^\s:])[ ]{3,}(?P<page>\d{1,3})$")
CONTENTS_WINDOW = 400      # entries a contents list may have
MIN_ENTRIES = 4            # entries a contents list with no "Contents" line and no pages has at least
FIRST_PAGE = 10            # the page a contents list set out with spaces starts by, at the latest
PAGE_STEP = 30             # ... and the most pages one of its entries runs to
LONG_CONTENTS = 5          # ... and the entries numbered 1, 2, 3 in order that are one even when cut off
#                            before their headings come again (a table of counts or ratios has fewer rows)
GLUED_WORDS = 12           # words of a contents entry looked for at the start of a later line
CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents?\s*:?(?:\s*\|\s*page(?:\s+no\.?|\s+number)?)?\s*\|?$|^index\s*:?$",
                      re.I)
# an entry of a contents list that ends in its page number: "4. Legal Framework 4"
PAGED = re.compile(r"^\S.{1,120}?[ \t]\|?[ \t]*(?P<page>\d{1,3})[ \t]*\|?$")
# ... whose dotted leader a copy cut to one or two dots: "4. Legal Framework. 4", "Curriculum.. 7"
CUT_LEADER = re.compile(r"^\S.{1,120}?[^\s.]\.{1,2}[ \t]+\d{1,3}$")


@dataclass(frozen=True)
class TextLine:
    """One line of the file after cleaning: its text, its indent and what its start said."""
    number: int
    text: str
    raw: str
    indent: int = 0          # tabs, or every 4 spaces
    marked: bool = False     # started with a [bookmark: ...] marker


def decode(data: bytes, display: str) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), UTF-16 with its mark (Word's
    "Unicode text"), else Windows-1252 (Word's "Western European" text). Anything else is an
    error naming the file and the first byte that fits neither."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PackError(error(display, None, "E-IMPORT",
                                  f"not readable as UTF-16 text (byte {exc.start}): save the file "
                                  f"again as UTF-8 text")) from None
    if b"\x00" in data:
        raise PackError(error(display, _line_of(data, data.index(b"\x00")), "E-IMPORT",
                              "this is not a text file (it holds NUL bytes): give a .docx, "
                              "or save the document as plain text (UTF-8)"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        bad = data[utf8_error.start]
        raise PackError(error(display, _line_of(data, utf8_error.start), "E-IMPORT",
                              f"not UTF-8 or Windows-1252 text (byte 0x{bad:02x}): save the "
                              f"document as plain text with UTF-8 encoding")) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def split_lines(text: str) -> list[str]:
    """The file's lines as an editor counts them (CR, LF, CRLF; nothing else ends a line)."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


TAB_CELLS = 3      # cells a line's tabs part it into at least for it to be a table's row


def clean(raw: str) -> tuple[str, int, bool]:
    """(text, indent, marked): the line with bookmark markers, odd spaces and trailing spaces
    gone; indent in levels (a tab, or 4 spaces, each); marked when a bookmark opened it."""
    s = _INVISIBLE.sub("", raw)
    s = unicodedata.normalize("NFC", s)
    head = s[:len(s) - len(s.lstrip(" \t\u00a0"))]
    marked = bool(BOOKMARK.match(s[len(head):]))
    s = BOOKMARK.sub("", s)
    s = _CONTROL.sub("", s)
    head = s[:len(s) - len(s.lstrip(" \t\u00a0"))]
    indent = head.count("\t") + (len(head) - head.count("\t")) // 4
    cells = [c for c in re.split(r"\t+", s[len(head):].rstrip()) if c.strip(" \u00a0")]
    if len(cells) >= TAB_CELLS and "|" not in s:
        s = head + " | ".join(c.strip(" \u00a0") for c in cells)    # a table's row Word saved as text
    s = _SPACES.sub(" ", s)
    s = re.sub(r" {2,}", " ", s).strip()
    return s, indent, marked


# a month and a year after a number: the number is the date's day, no list's
DAY_MONTH = re.compile(rf"(?:{MONTH_WORD})\.?,?\s+(?:19|20)\d\d\b", re.I)


def take_number(text: str) -> tuple[str | None, str]:
    """(number, rest) when ``text`` starts with a typed number, else (None, text)."""
    m = NUMBER.match(text)
    if not m:
        return None, text
    rest = text[m.end():].strip()
    if not rest or not re.search(r"[^\W\d_]", rest):
        return None, text
    if m.group("intsp") and DAY_MONTH.match(rest):
        return None, text     # a date's day: "1 February 2021" alone on its line
    for g in ("sect", "dec", "dec2", "int", "intsp", "paren", "let", "cap"):
        if m.group(g):
            num = m.group(g)
            if g == "sect":
                num = re.sub(r"^(?i:section|part|clause)\s+", "", num)
            return num, rest
    return None, text


def number_depth(number: str | None) -> int:
    """How deep a typed number sits: "4" and "4.0" are 1, "4.2" is 2, "4.2.1" is 3."""
    if not number or not re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", number):
        return 1
    parts = number.split(".")
    while len(parts) > 1 and parts[-1] in ("0", "00"):
        parts.pop()
    return len(parts)


def is_capital(number: str | None) -> bool:
    """A capital letter or capital roman number ("B", "IV"): a section's, not a list item's."""
    return bool(number and re.fullmatch(r"[A-Z]|[IVX]{1,5}", number))


def is_decimal(number: str | None) -> TypeGuard[str]:
    return bool(number and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", number))


def _loose(text: str) -> str:
    t = text.lower().replace("&", " and ")
    t = re.sub(r"[^\w\s]|\d|_", " ", t)
    return " ".join(w for w in t.split() if w != "and")


# a person named with a title: a contents list names parts, never people ("Chair of Governors" over "Mr S
# Gowdy" over "Headteacher" over "Mrs A Morwood" is a list of the school's people)
TITLED_PERSON = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Rev|Revd)\.?[ \t]+[A-Z]")


# an appendix's entry, which a numbered contents list may end with unnumbered ("Appendix A: Resources")
APPENDIX_ENTRY = re.compile(r"(?i:appendix|appendices|annexe?|schedule)\b")


def find_contents(lines: list[TextLine]) -> set[int]:
    """The line numbers of a table of contents, to be skipped.

    Two shapes: lines ending in a tab or dotted leader and a page number (two or more together,
    blank lines allowed between, or one right after a "Contents" line, or one whose leader is
    long: ``LONG_LEADER``), and a "Contents" line
    followed by short entries whose first comes again later as the document's own heading (the
    entries end where it does)."""
    skip: set[int] = set()
    texts = [ln for ln in lines if ln.text]
    # 1. page-numbered entries
    run: list[TextLine] = []

    def close():
        if len(run) >= 2 or (run and (_after_contents(lines, run[0]) or LONG_LEADER.match(run[0].text))):
            skip.update(ln.number for ln in run)
        run.clear()

    for ln in texts:
        raw = BOOKMARK.sub("", ln.raw).rstrip("\r\n")
        raw = raw.strip(" \u00a0")
        toc = TOC_LINE.match(raw) if len(raw) <= 200 and _ENDS_IN_DIGIT.search(raw) else None
        if toc and not toc.group("title").rstrip(" \t.").endswith(":") \
                and ("\t" in raw or re.search(r"\.{3,}|…|_{3,}| \|", raw)) and len(ln.text) <= 150:
            run.append(ln)
        else:
            close()
            if len(raw) <= 200 and LONG_LEADER.match(raw):
                skip.add(ln.number)     # one entry on its own, its leader long: "5.3.Security……………9"
    close()
    # (or a wide gap of spaces for its leader, the tabs of a copy made from a web page or a PDF: three
    # or more entries together whose pages never go down and whose titles come again later as lines
    # of their own, or five or more numbered in order, "3. Roles and responsibilities        4" -- told
    # so from a table of counts or ratios, "Reception    30", "1. Children under two    3")
    last_at: dict[str, int] = {}     # each line's words (number left out) -> where they last stand
    for n, ln in enumerate(texts):
        last_at[_loose(take_number(ln.text)[1])] = n
    spaced: list[tuple[TextLine, int, str]] = []     # (line, page, its title's words)
    for n, ln in enumerate(texts + [TextLine(0, "", "")]):
        m = SPACED.match(BOOKMARK.sub("", ln.raw).strip(" \u00a0\r\n")) if ln.number not in skip else None
        # (pages as a contents list has them: from near the start, a few more each entry)
        if m and (int(m["page"]) <= FIRST_PAGE if not spaced else 0 <= int(m["page"]) - spaced[-1][1] <= PAGE_STEP):
            spaced.append((ln, int(m["page"]), _loose(take_number(m["title"])[1])))
            continue
        again = sum(1 for *_, words in spaced if last_at.get(words, -1) >= n)
        if len(spaced) >= 3 and 2 * again >= len(spaced) or len(spaced) >= LONG_CONTENTS and _in_order(spaced):
            skip.update(x.number for x, _, _ in spaced)
        spaced = [(ln, int(m["page"]), _loose(take_number(m["title"])[1]))] if m and int(m["page"]) <= FIRST_PAGE \
            else []
    # 2. a "Contents" heading and the entries after it
    loose: dict[int, str] = {}

    def key(x: TextLine) -> str:
        if x.number not in loose:
            loose[x.number] = _loose(take_number(x.text)[1])
        return loose[x.number]

    heads = [i for i, ln in enumerate(texts) if CONTENTS.match(ln.text)][:5]   # a document has one
    for i in heads:
        ln = texts[i]
        following = texts[i + 1:i + 1 + 2 * CONTENTS_WINDOW]
        entries = [x for x in following if x.number not in skip]
        if any(x.number in skip for x in following[:1]):
            skip.add(ln.number)
            continue
        if not entries:
            continue
        paged = _paged_run(entries)
        if len(paged) >= 3:      # entries ending in page numbers that never go down
            skip.add(ln.number)
            skip.update(x.number for x in paged)
            continue
        first = key(entries[0])
        if not first:
            continue
        done = False
        for j, later in enumerate(entries[1:CONTENTS_WINDOW], 1):
            if key(later) == first:
                block = entries[:j]
                if take_number(entries[0].text)[0]:
                    # (numbered entries end at the last numbered one: the lines after it and before the
                    # first heading are the copy's own, its title and approval record, not the list's)
                    block = block[:1 + max(k for k, x in enumerate(block)
                                           if take_number(x.text)[0] or APPENDIX_ENTRY.match(x.text))]
                if all(len(x.text) <= 100 and not x.text.endswith(".") for x in block):
                    skip.add(ln.number)
                    skip.update(x.number for x in block)
                    done = True
                break
        if not done:
            # the run of short title lines after "Contents" (up to the first line of prose), when
            # some of them come again later as the document's own lines (a copy cut short holds
            # few of its headings): a list with a note after it ("This policy is to be read
            # with...") before the first heading comes again
            block = list(itertools.takewhile(lambda x: len(x.text) <= 100 and not END_OF_PROSE.search(x.text),
                                             entries[:CONTENTS_WINDOW]))
            # (a list names each part once: an entry met again ends it, as the part's own heading)
            seen: set[str] = set()
            for n, x in enumerate(block):
                if key(x) and key(x) in seen:
                    block = block[:n]
                    break
                seen.add(key(x))
            # (an entry comes again as a line of its own, or run into its first paragraph, as a
            # PDF's copy runs them: "1. Introduction Information and Communications Technology...")
            later_keys = {" ".join(k.split()[:n]) for x in texts[i + 1 + len(block):]
                          for k in (key(x),) for n in range(1, min(len(k.split()), GLUED_WORDS) + 1)}
            later_keys |= {key(x) for x in texts[i + 1 + len(block):]}
            again = sum(1 for x in block if key(x) and key(x) in later_keys)
            if len(block) >= 4 and (again >= max(1, len(block) // 3) or len(block) >= 6 and again):
                skip.add(ln.number)
                skip.update(x.number for x in block)
    # 2b. with no "Contents" line and no pages: in a run of short lines, four or more titles (words, never
    # a rule of marks), each once and with no year, the first of which comes again right after them, as
    # the document's first heading over its first paragraph ("Introduction", "Aims", ..., "Sanctions",
    # then "Introduction" over prose; never as the copy's last line)
    run2: list[TextLine] = []
    for ln in [*texts, TextLine(0, "", "")]:
        if ln.text and ln.number not in skip and len(ln.text) <= 100 and not END_OF_PROSE.search(ln.text):
            run2.append(ln)
            continue
        tail = run2[-CONTENTS_WINDOW:]
        keys = [key(x) for x in tail]
        i = keys.index(keys[-1]) if keys and keys[-1] else len(keys)     # where the last line first stands
        j = len(keys) - 1
        if ln.text and j - i >= MIN_ENTRIES and len(set(keys[i:j])) == j - i and all(keys[i:j]) and \
                not any(re.search(r"\b(?:19|20)\d\d\b", x.text) or TITLED_PERSON.match(x.text) for x in tail[i:j + 1]):
            skip.update(x.number for x in tail[i:j])
        run2 = []
    # 3. a whole contents list run onto one line, as a PDF's copy leaves it
    skip.update(ln.number for ln in texts if glued_contents(ln.text))
    # 4. a contents list with no "Contents" line whose dotted leaders a copy cut to a dot ("1. Introduction. 2",
    # "Curriculum.. 7"), among entries with none ("Use of email 4"): a run of entries ending in pages that
    # never go down, starting near the front, most of them with the dot
    run4: list[tuple[TextLine, int]] = []     # (entry, its page)

    def close4() -> None:
        dotted = sum(1 for x, _ in run4 if CUT_LEADER.match(x.text))
        if len(run4) >= LONG_CONTENTS and dotted >= max(3, len(run4) // 2):
            skip.update(x.number for x, _ in run4)
        run4.clear()

    for ln in texts:
        m = PAGED.match(ln.text) if ln.number not in skip and len(ln.text) <= 150 else None
        page = int(m["page"]) if m else -1
        if m and run4 and 0 <= page - run4[-1][1] <= PAGE_STEP:
            run4.append((ln, page))
            continue
        close4()
        if m and page <= FIRST_PAGE:
            run4.append((ln, page))
    close4()
    return skip


# a number between an entry's title and the next entry's: "...of this Policy..3 Scope of the Policy"
_GLUED_PAGE = re.compile(r"(?<=[^\W\d_)])[ \t]*(?:\.+|…+)?[ \t]*(\d{1,3})(?:\.\d{1,2})*\.?[ \t]+(?=[A-Z])"
                         r"|(?<=[^\W\d_)])[ \t]*[.…]{3,}[ \t]*(\d{1,3})(?=[A-Z])")     # "...Neutrality……4Working for"
GLUED_ENTRIES = 5     # entries, their pages in order, that make one line a contents list


def glued_contents(text: str) -> bool:
    """A contents list on one line: "2 Contents Development, Monitoring and Review..3 Scope of the
    Policy.4 Roles...", or entries and their pages, never going down ("Introduction 5 ICT Security 6
    Computer Viruses 6 Managing Passwords 6 Monitoring 7 ...")."""
    if len(text) < 60:
        return False
    pages = [int(m[1] or m[2]) for m in _GLUED_PAGE.finditer(text)]
    if re.match(r"\W*(?:\d{1,3}[ \t]+)?(?:table\s+of\s+)?contents\b(?![ \t]*[:\-–]?[ \t]*$)", text, re.I):
        return len(pages) >= 3
    if len(re.findall(r"[^\W\d_][ \t]*(?:\.{5}|…{3})[.…]*+[ \t]*\d{1,3}", text)) >= 2:
        return True     # two entries or more, each with its long leader and page
    return len(pages) >= GLUED_ENTRIES and pages == sorted(pages) and len(set(pages)) >= 3


END_OF_PROSE = re.compile(r"[.:;,]$")


def _in_order(entries) -> bool:
    tops = [int(m[0]) for x, _, _ in entries if (m := re.match(r"\s*(\d{1,2})", x.text))]
    return len(tops) == len(entries) and tops == list(range(tops[0], tops[0] + len(tops)))


def _paged_run(entries: list[TextLine]) -> list[TextLine]:
    """The entries at the start of ``entries`` (after a "Page" column heading) that end in page
    numbers in order: a contents list whose entries come again later, or never (a copy cut off)."""
    start = 1 if entries and re.fullmatch(r"page(?:\s+(?:no\.?|number))?s?\s*:?", entries[0].text, re.I) else 0
    run, last = [], 0
    for x in entries[start:]:
        m = PAGED.match(x.text)
        if not m or int(m["page"]) < last or len(x.text) > 130:
            break
        run.append(x)
        last = int(m["page"])
    return entries[:start] + run if run else []


def contents_outline(raw_lines: list[str]) -> list[tuple[str | None, str]]:
    """The copy's own outline as its table of contents lists it: (typed number, title) of each
    entry, its leader and page number left out ("4. Legal Framework ....... 4": ("4", "Legal
    Framework")). The same for a .docx and its text export (both read from the lines)."""
    lines = slashed_rows([_line(n, raw) for n, raw in enumerate(raw_lines, 1)])
    skip = find_contents(lines)
    out = []
    for ln in lines:
        if ln.number not in skip or not ln.text or CONTENTS.match(ln.text):
            continue
        title = (m["title"] if (m := TOC_LINE.match(ln.text)) else
                 re.sub(r"[ \t]\|?[ \t]*\d{1,3}[ \t]*\|?$", "", ln.text) if PAGED.match(ln.text) else ln.text)
        number, title = take_number(title.rstrip(" \t.…|"))
        if _loose(title):
            out.append((number, title))
    return out


def _after_contents(lines: list[TextLine], first: TextLine) -> bool:
    before = [ln for ln in lines if ln.number < first.number and ln.text]
    return bool(before) and bool(CONTENTS.match(before[-1].text))


def table_cells(text: str) -> tuple[str, ...] | None:
    """A line of a table as a text copy writes it: two or more cells split by "|" ("Version |
    Date | Approved by |"), else None."""
    if "|" not in text:
        return None
    cells = tuple(c.strip() for c in text.strip().strip("|").split("|") if c.strip())
    return cells if len(cells) >= 2 else None


def paragraphs_from_lines(lines: list[TextLine], skip: set[int]) -> list[Paragraph]:
    """Each non-empty line as a Paragraph: bullets and typed numbers taken off and remembered."""
    out: list[Paragraph] = []
    bullets: list[str] = []      # the bullet character at each open depth
    prev_item = False
    pending: TextLine | None = None   # a number alone on its line, a PDF's copy of "1" over "Introduction"
    for ln in lines:
        if not ln.text or ln.number in skip:
            continue
        text = ln.text
        apart = False
        if pending is not None:
            # (a part's label heads a title, a short line; over a sentence it is a heading of its own: "PART A")
            if BULLET.match(text) or table_cells(text) or take_number(text)[0] or BARE_NUMBER.fullmatch(text) \
                    or not text[:1].isupper() or PART_LABEL.fullmatch(pending.text) and \
                    (len(text.split()) > 10 or re.search(r"[.!?;:,]$", text)):
                out.append(Paragraph(pending.number, pending.text, "para", 0, None, pending.text,
                                     marked=pending.marked))
            else:
                text = f"{pending.text.rstrip('.')} {text}"
                apart = True
            pending = None
        if BARE_NUMBER.fullmatch(text) or PART_LABEL.fullmatch(text):
            if ln.indent >= PAGE_INDENT and re.fullmatch(r"\d{1,3}", text):
                continue      # a page's number, set far to the right in a copy of a PDF: no section's number
            pending = ln
            continue
        m = BULLET.match(text)
        if m and m.group("b") in "-*+–—o" and not re.search(r"\w", text[m.end():m.end() + 3] or ""):
            m = None
        if m:
            ch = m.group("b") or text[0]
            body = text[m.end():].strip()
            while (more := BULLET.match(body)):   # "· · text" from a doubled export
                body = body[more.end():].strip()
            number, body = take_number(body)
            if ch in bullets:
                depth = bullets.index(ch) + 1
            elif prev_item and bullets and (ln.indent + 1 > len(bullets) or ch in DEEPER_BULLETS):
                depth = len(bullets) + 1
            else:
                depth = ln.indent + 1 if not prev_item else max(1, len(bullets))
                if not prev_item:
                    bullets.clear()
            depth = max(1, min(depth, 6))
            del bullets[depth - 1:]
            while len(bullets) < depth - 1:
                bullets.append("")
            bullets.append(ch)
            out.append(Paragraph(ln.number, body, "item", depth, number, body, marked=ln.marked))
            prev_item = True
            continue
        cells = table_cells(text)
        if cells:
            out.append(Paragraph(ln.number, " | ".join(cells), "row", 0, None, text, cells, marked=ln.marked))
            prev_item = False
            bullets.clear()
            continue
        number, body = take_number(text)
        if number and not is_decimal(number) and not is_capital(number):
            # a lettered or roman item: (a), b), iv.
            depth = max(1, min(6, ln.indent + 1))
            out.append(Paragraph(ln.number, body, "item", depth, number, body, marked=ln.marked))
            prev_item = True
            continue
        out.append(Paragraph(ln.number, body, "para", 0, number, body, marked=ln.marked, apart=apart))
        prev_item = False
        bullets.clear()
    if pending is not None:
        out.append(Paragraph(pending.number, pending.text, "para", 0, None, pending.text, marked=pending.marked))
    return out


PAGE_INDENT = 5      # indent (in levels of 4 spaces) beyond which a number alone on its line is a page's
# a typed section or clause number alone on its line ("1", "1.1", "2."), its title or text on the next
BARE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
# a part's label alone on its line over its title: "SECTION 1" over "RATIONALE" is the heading "Rationale",
# numbered 1 (as "1" alone over "Introduction" is), not a reference to section 1
PART_LABEL = re.compile(r"(?i:section|part|chapter)[ \t]+(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[A-Z])[.:]?")


# --- Markdown (.md) -------------------------------------------------------------------------

MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
MD_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]+(?=\S)")
MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def strip_markup(md: str) -> str:
    """Markdown emphasis, code and links taken off, for the plain text."""
    t = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", md)
    t = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"<(https?://[^>\s]+|[^>\s@]+@[^>\s]+)>", r"\1", t)
    t = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", t)
    t = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", t)
    t = re.sub(r"`([^`]*)`", r"\1", t)
    return t


MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


FRONT_MATTER_LINES = 60    # lines a Markdown copy's front matter ("---" ... "---") may run to
FRONT_FIELD = re.compile(r"^(?P<key>[A-Za-z][\w -]{0,40}?)\s*:\s*(?P<value>\S.*?)\s*$")
# a line front matter is made of: a field, a list's item, a comment, or a value's line indented
YAML_LINE = re.compile(r"^(?:[A-Za-z][\w -]{0,40}?\s*:(?:\s.*)?|\s*-\s.*|\s*#.*|\s+\S.*)$")


def front_matter(lines: list[str]) -> tuple[list[Paragraph], int]:
    """A Markdown copy's front matter, as a site built from Markdown (Jekyll, Hugo) opens a page with
    it: its ``title`` the copy's title (a Word title's level 0), each other one-line field a label and
    its value ("adopted_date: 2013-08-13" read as "Adopted date: 2013-08-13"), and the number of lines
    it takes (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return [], 0
    end = next((k for k in range(1, min(len(lines), FRONT_MATTER_LINES)) if lines[k].strip() in ("---", "...")), None)
    if end is None or not any(FRONT_FIELD.match(x) for x in lines[1:end]) or \
            not all(YAML_LINE.match(x) for x in lines[1:end] if x.strip()):
        return [], 0      # (lines between two rules that are not all YAML's are the copy's own text)
    out: list[Paragraph] = []
    for k in range(1, end):
        m = FRONT_FIELD.match(clean(lines[k])[0])
        if not m or m["value"][:1] in "[{|>&*":
            continue      # a list, a mapping or a block in YAML's own signs: no label and value
        key = re.sub(r"[_-]+", " ", m["key"]).strip()
        value = m["value"].strip("'\"")
        if key.lower() == "title":
            out.append(Paragraph(k + 1, value, "heading", 0, None, value))
        else:
            text = f"{key[:1].upper()}{key[1:]}: {value}"
            out.append(Paragraph(k + 1, text, "para", 0, None, text))
    return out, end + 1


def markdown_paragraphs(lines: list[str]) -> list[Paragraph]:
    out, skip = front_matter(lines)
    fence = False
    for n, raw in enumerate(lines, 1):
        if n <= skip:
            continue
        if re.match(r"^\s*(```|~~~)", raw):
            fence = not fence
            continue
        under = MD_SETEXT.match(lines[n]) if n < len(lines) and not fence else None
        if (under and out is not None and raw.strip() and not MD_HEADING.match(raw.strip())
                and not MD_ITEM.match(raw) and not MD_ROW.match(raw)):
            number, title = take_number(strip_markup(clean(raw)[0]))
            level = 1 if under.group(1)[0] == "=" else 2
            out.append(Paragraph(n, title, "heading", level, number, title))
            continue
        if MD_SETEXT.match(raw) and out and out[-1].line == n - 1 and out[-1].kind == "heading":
            continue                     # the underline of the heading above
        text, indent, _ = clean(raw)
        if not text or (fence and not text):
            continue
        if fence:
            out.append(Paragraph(n, text, "para", 0, None, text))
            continue
        if (h := MD_HEADING.match(text)):
            number, title = take_number(strip_markup(h.group(2)))
            if not title.strip():
                continue
            out.append(Paragraph(n, title, "heading", len(h.group(1)), number, title))
            continue
        if MD_RULE.match(text) and out and out[-1].kind == "row":
            continue
        if MD_ROW.match(text):
            cells = tuple(strip_markup(c.strip()) for c in text.strip().strip("|").split("|"))
            out.append(Paragraph(n, " | ".join(cells), "row", 0, None, text, cells))
            continue
        if (it := MD_ITEM.match(raw.replace("\u00a0", " "))):
            depth = 1 + min(5, len(it.group("indent").expandtabs(4)) // 2)
            body = text[mt.end():] if (mt := MD_ITEM.match(text)) else text
            number, body = take_number(body)
            out.append(Paragraph(n, strip_markup(body), "item", depth, number, body))
            continue
        if re.fullmatch(r"[-*_]{3,}", text.replace(" ", "")):
            continue
        if text.startswith(">"):
            text = text.lstrip("> ").strip()
            if not text:
                continue
        number, body = take_number(text)
        out.append(Paragraph(n, strip_markup(body), "para", 0, number, body))
    return out


def too_many(paragraphs: int, display: str) -> None:
    """E-LIMIT when a copy has more paragraphs (or lines, or table rows) than an import reads."""
    most = limits.current().import_paragraphs
    if paragraphs > most:
        raise PackError(error(display, None, "E-LIMIT", limits.limit_message(
            f"the copy has {paragraphs:,} paragraphs and rows", f"{most:,}", "import_paragraphs")))


def read_text(data: bytes, display: str, markdown: bool = False
              ) -> tuple[list[str], list[Paragraph], list[Diagnostic]]:
    """(lines, paragraphs, diagnostics) of a text or Markdown file's bytes."""
    text = decode(data, display)
    raw_lines = split_lines(text)
    too_many(len(raw_lines), display)
    if markdown:
        return raw_lines, markdown_paragraphs(raw_lines), []
    lines = slashed_rows([_line(n, raw) for n, raw in enumerate(raw_lines, 1)])
    skip = find_contents(lines)
    diags: list[Diagnostic] = []
    if skip:
        first, last = min(skip), max(skip)
        diags.append(diagnostic(display, first, "N-IMPORT-CONTENTS",
                                f"a table of contents (lines {first}-{last}) was left out: the built "
                                f"policy makes its own"))
    furniture = page_furniture(lines)
    for numbers in furniture.values():
        skip |= set(numbers)
    underlined, marks = underlined_titles(raw_lines)
    skip |= marks
    paragraphs = paragraphs_from_lines(unwrap(lines, skip), skip)
    paragraphs = [replace(p, kind="heading", level=underlined[p.line]) if p.line in underlined else p
                  for p in paragraphs]
    return raw_lines, paragraphs, diags + furniture_lost(display, furniture)


UNDERLINE = re.compile(r"[ \t]*([=\-~^*#])\1{2,}[ \t]*")


def underlined_titles(raw_lines: list[str]) -> tuple[dict[int, int], set[int]]:
    """A plain-text copy's headings set as its author underlined them, as reStructuredText and
    README files do ("Passwords" over "---------", "Internet access" between two lines of "="):
    (line number -> level of each title, the lines of the marks, which are read as nothing). A title
    is one short line standing alone, no sentence, its mark at least most of its length; each way of
    marking is a level, in the order the copy first uses them (as reStructuredText reads them), and
    a title marked over and under, alone of its kind, that opens the copy is the copy's own title
    (level 0, as Word's Title style is)."""
    marks: set[int] = set()
    styles: list[tuple[str, bool]] = []
    titles: list[tuple[int, tuple[str, bool]]] = []
    for n in range(2, len(raw_lines) + 1):
        m = UNDERLINE.fullmatch(raw_lines[n - 1])
        title = raw_lines[n - 2].strip()
        if not m or not title or UNDERLINE.fullmatch(raw_lines[n - 2]) or len(title) > 100 or \
                re.search(r"[.,;]$", title) or not 0.6 * len(title) <= len(m.group(0).strip()) <= len(title) + 6:
            continue
        over = n >= 3 and raw_lines[n - 3].strip() == raw_lines[n - 1].strip()
        if n >= 3 and raw_lines[n - 3].strip() and not over:
            continue      # the last line of a paragraph over a rule, not a title of its own
        style = (m.group(1), over)
        if style not in styles:
            styles.append(style)
        titles.append((n - 1, style))
        marks |= {n, n - 2} if over else {n}
    levels = {line: styles.index(style) + 1 for line, style in titles}
    if titles and titles[0][1][1] and [st for _, st in titles].count(titles[0][1]) == 1 and \
            not any(x.strip() for x in raw_lines[:titles[0][0] - 2]):
        # (the copy's own title: each level below it one higher)
        levels = {line: (0 if line == titles[0][0] else level - 1) for line, level in levels.items()}
    return levels, marks


WRAP_MIN = 40     # characters a line has at least when a copy's wrap, not its author, ended it


def unwrap(lines: list[TextLine], skip: set[int]) -> list[TextLine]:
    """Lines a copy made from a PDF wrapped, joined again: a line of ``WRAP_MIN`` characters or more
    that ends mid-sentence (no full stop, colon or question mark) and the line right after it (or
    after a page's header and footer left out) that starts in small letters, neither a list's item
    nor a table's row: "...the headteacher will" over "review the policy each year." A word split
    by a hyphen at the wrap is one word again ("sec-" over "tions 5 and 6")."""
    out: list[TextLine] = []
    between: list[TextLine] = []       # blank or left-out lines since the last line kept
    for ln in lines:
        if not ln.text or ln.number in skip:
            between.append(ln)
            continue
        last = out[-1] if out else None
        page_break = any(b.number in skip for b in between)
        if last is not None and (not between or page_break) and _wrapped(last, ln):
            joined = last.text[:-1] + ln.text if re.search(r"[a-z]-$", last.text) else f"{last.text} {ln.text}"
            out[-1] = TextLine(last.number, joined, f"{last.raw} {ln.raw}", last.indent, last.marked)
            out += between      # (the left-out lines keep their numbers, still skipped)
        else:
            out += between
            out.append(ln)
        between = []
    return out + between


def _wrapped(a: TextLine, b: TextLine) -> bool:
    """``b`` carries on the sentence ``a`` was cut off in by a wrap."""
    words = re.sub(r"[^\w ]|_", "", a.text)      # (its words: a line of dots to write on is no sentence's)
    return len(words) >= WRAP_MIN and not re.search(r"[.:;!?]['\"’”)]?$", a.text) and b.text[:1].islower() \
        and not BULLET.match(b.text) and not table_cells(a.text) and not table_cells(b.text) \
        and take_number(b.text)[0] is None


def furniture_lost(display: str, furniture: dict[str, list[int]]) -> list[Diagnostic]:
    """A warning for each running header or footer ``page_furniture`` left out, at its first line."""
    return [diagnostic(display, numbers[0], "W-IMPORT-LOST",
                       f"{len(numbers)} lines of a running header or footer left out (the first here): "
                       f"'{printable(text)[:80]}', repeated on each page of the copy")
            for text, numbers in furniture.items()]


FURNITURE_REPEATS = 3    # times a short line recurs through a copy to be its pages' header or footer
FURNITURE_WORDS = 12     # words such a line has at most
FURNITURE_GAP = 4        # lines at least between two of them (a page's worth of text stands between)
FOOTER_MARK = re.compile(r"\b(?:page|version|issue)\b|\b(?:p\.|v#)")   # (a page's or a version's mark)


# a form's field and its value, asked again for each role: "Name: Elizabeth Bancroft" under "DSL:", then
# under "Prevent lead:" (never a page's furniture)
FORM_FIELD = re.compile(r"(?:(?:full\s+)?name|contact(?:\s+details)?|tel(?:ephone)?|phone|e-?mail|mobile|role|"
                        r"position|job\s+title)\s*:", re.I)


def page_furniture(lines: list[TextLine]) -> dict[str, list[int]]:
    """A copy's running headers and footers, as a PDF's text repeats them on every page: short
    lines, the same but for their figures, that recur pages apart (``FURNITURE_GAP``) ``FURNITURE_REPEATS``
    times or more when they hold a page's or a version's mark ("Page 4 of 14", "Version 1.0"), once
    more when they are three words or more and no mark ("Vine Tree Primary – Social Media Policy";
    a heading or a form's title may be said three times); never "Signed:" or "Date:", a form's
    labels asked again, nor its fields filled in ("Name: Elizabeth Bancroft"), nor a table's rows.
    The first, when it opens the copy, is its title and stays. Shown text -> its lines."""
    seen: dict[str, list[TextLine]] = {}
    for ln in lines:
        words = ln.text.split()
        if 0 < len(words) <= FURNITURE_WORDS and not re.search(r"_{3,}|\.{4,}|…", ln.text):
            seen.setdefault(re.sub(r"\d+", "#", " ".join(words).lower()), []).append(ln)
    title = next((ln for ln in lines if ln.text), None)
    out: dict[str, list[int]] = {}
    for key, found in seen.items():
        marked = bool(FOOTER_MARK.search(key))
        if not (marked or len([w for w in key.split() if "#" not in w]) >= 3) or FORM_FIELD.match(key):
            continue
        kept = [ln for ln in found if ln is not title]
        numbers = [ln.number for ln in kept]
        if len(numbers) >= FURNITURE_REPEATS + (0 if marked else 1) and \
                min(b - a for a, b in zip(numbers, numbers[1:])) >= FURNITURE_GAP:
            out[kept[0].text] = numbers
    return out


SLASH = " / "
SLASH_CELL_WORDS = 8    # words a cell of a table flattened with " / " has at most
SLASH_CELLS = 3         # ... and cells one of its rows has at least


def _slash_cells(text: str) -> list[str] | None:
    cells = [c.strip() for c in text.split(SLASH)]
    if len(cells) < 2 or "|" in text or any(not c or len(c.split()) > SLASH_CELL_WORDS or c[-1] in ".;!?"
                                            for c in cells):
        return None
    return cells


def slashed_rows(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` with a table a copy flattened into lines of cells parted by " / " read as rows
    ("Role / Name / Date" over "Head Teacher / Jacqui Noble / November 2017"): two lines or more,
    blank lines between them allowed, each of short cells (no sentence), one of three cells or
    more; its cells are then parted with "|", as a table Word saved as text is. A line alone
    ("pupils / parents"), or lines of two cells only (a contents list's "Definitions / Page 6"),
    stay as they are."""
    out = list(lines)
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2 and max(len(_slash_cells(out[k].text) or ()) for k in run) >= SLASH_CELLS:
            for k in run:
                out[k] = replace(out[k], text=" | ".join(_slash_cells(out[k].text) or ()))
        run.clear()

    for k, ln in enumerate(lines):
        if _slash_cells(ln.text):
            run.append(k)
        elif ln.text:
            close()
    close()
    return out


def _line(n: int, raw: str) -> TextLine:
    text, indent, marked = clean(raw)
    return TextLine(n, text, raw, indent, marked)


def marked_lines(raw_lines: list[str]) -> set[int]:
    """The numbers of lines a bookmark marker opened (a heading hint for split_sections)."""
    return {n for n, raw in enumerate(raw_lines, 1) if clean(raw)[2]}
