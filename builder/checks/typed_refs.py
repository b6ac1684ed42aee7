"""Numbers typed by hand where ``ref()`` belongs: found as every structural reference in the
text, then resolved to the document it points at; only those that point into this pack are
typed references.

1. **Find** every structural reference, whatever its words: a structural noun (section,
   sub-section, paragraph, para, clause, point, rule, chapter, part, appendix, annex, schedule,
   page, item, bullet...) followed by its designators (digits and dotted numbers with bracketed
   parts, "4.2(b)"; numbers in words; roman numerals; letters; lists and ranges of these); a
   position ("the section above", "the previous paragraph", "overleaf"); a bare dotted number
   that the sentence points at ("see 4.2", "in accordance with 3.1", "13.1-13.3 above"); a
   heading typed as a line with its own number ("Section 14: Monitoring and review").
2. **Resolve** whose document it is, from the sentence's structure:
   - this document: "... of this policy", or nothing else named;
   - another policy of the pack: its title (or a shortening of it) after "of/in" or just before;
   - another document, never flagged: a document named right after ("of the Education Act
     2002", "in KCSIE", "of the statutory guidance"), right before ("KCSIE 2024 paragraph 137",
     "the Data Protection Act 2018, section 170", "(KCSIE 2024, para 136)"), or earlier in the
     sentence or in the sentence before, including "the same Act", "that Act"; an Act's or
     regulation's own units (article, regulation, subsection with an Act named). A page count
     ("Page 1 of 17") is a footer, not a reference.

Year groups, key stages, times, versions, rooms and phone numbers have no structural noun and
no pointer, so they are never references.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from builder.checks.sources import Spans
from builder.checks.template_shapes import ROLE_WORDS
from builder.source.review_text import DATE_TEXT

_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          "fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
_ROMAN = r"(?=[ivxIVX])(?:x{0,3}(?:ix|iv|v?i{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))"
# one designator: 4, 4.2, 4.2.1, 5(b), 4a, (iii), IV, B, B2, four
_DIGITS = r"\d{1,3}(?:\.\d{1,3})*(?:[a-z](?![a-z]))?(?:\s?\([0-9a-z]{1,4}\))*"   # ("4a"; not "1of 24")
_ONE = (rf"(?:{_DIGITS}|\((?:[ivx]{{1,5}}|[a-z]|\d{{1,3}})\)|(?:[ivx]{{1,5}}|[a-z])\)(?=\s)"
        rf"|(?-i:{_ROMAN})(?![\w'’-])|(?-i:[A-Z])[-\u2013](?-i:[A-Z])(?![\w'’-])|(?-i:[A-Z])\d{{1,2}}(?:\.\d{{1,2}})*(?![\w'’-])"
        rf"|[A-Za-z](?![\w'’-])"
        rf"|(?:{_WORDS})\b)")
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*[-\u2013\u2014]\s*|\s+to\s+|\s*&\s*)"
_LIST = rf"{_ONE}(?:{_SEP}{_ONE})*"
_NOUNS = (r"(?:sub-?)?(?:sections?|paragraphs?|clauses?|points?|rules?)|ss?\.|paras?\.?|cls?\.|"
          r"chapters?|parts?|"
          r"appendix|appendices|annexe?s?|schedules?|pages?|pp?\.|items?|bullets?|articles?|"
          r"regulations?|regs?\.?|§§?")
# between a noun and its number: spaces, or one line break that starts no list item or table row
# ("see section\n4.2" wrapped; not a heading "Computer Rules" over the list "1. I will ...")
# (a list that interrupts a paragraph starts at "1." or "1)", as in CommonMark: "see section\n7. Staff
# must" is one paragraph, a reference to section 7)
_GAP = (r"(?:[ \t]*\n(?![ \t]*(?:1[.)][ \t]|[A-Za-z][.)][ \t]|\(?[ivx]{1,4}\)[ \t]|\d{1,3}[ \t]*\|))[ \t]*"
        r"|[ \t]*)")
# (a plural noun's colon before its list: "Appendices: A, B, C, D & E")
_PLURAL_COLON = r"(?:(?<=appendices)|(?<=annexes)|(?<=sections)|(?<=schedules)|(?<=parts)|(?<=chapters)):"
REF = re.compile(rf"(?<![\w/.-])(?P<noun>{_NOUNS})(?![A-Za-z])(?i:{_PLURAL_COLON})?{_GAP}(?P<num>{_LIST})"
                 rf"(?![\w.]*\d)(?!['’]s)", re.I)
POSITION = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:section|subsection|paragraph|appendix|annex|part|page|clause|chapter)s?"
    r"\s+(?:above|below)|"
    r"(?:previous|preceding|earlier|above|last)\s+(?:section|paragraph|appendix|annex|part|page|point|clause|"
    r"chapter)s?|(?:next|following)\s+(?:section|appendix|annex|part|chapter)s?|next\s+paragraphs?(?!\s+of\b)|(?:end|start|beginning)\s+of\s+(?:this|the)\s+(?:section|chapter|part|appendix|paragraph))\b"
    # a part placed in the document or named by its heading: "a separate section ... towards the end of
    # this document", "the section entitled 'Parents' use of social media'"
    r"|\b(?:a|an|the|this|separate|another)\s+(?:[\w-]+\s+)?(?:section|appendix|annex|part|chapter)s?\b[^.;\n]{0,60}?"
    r"\b(?:(?:towards|at)\s+the\s+(?:end|start|back|"
    r"beginning)|later|earlier|further\s+on)\s+(?:of|in)\s+(?:this|the)\s+(?:document|policy|code|procedure)\b"
    r"|\bthe\s+(?:section|part|appendix|paragraph|chapter)\s+(?:entitled|headed|titled|called)\b"
    r"|\boverleaf\b"
    # lettered or numbered points placed above or below: "those listed at (a) to (d) above"
    r"|(?<![\w)])\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)(?:\s*(?:,|and|or|to|-|–)\s*\((?:[a-h]|[ivx]{1,4}|\d{1,2})\))*"
    r"\s+(?:above|below)\b", re.I)
# a roman number of two letters or more with its stop or bracket: "II.", "XIV)" (not "XXXX.", "IIIII.")
_ROMAN_STOP = r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})[.)]"
# a line that is a heading typed with its number, in a paragraph of its own: "2. Purpose", "2: Aims",
# "1.3 Roles and responsibilities", "13. Data subject access requests 9" (a contents entry)
# (a letter or a roman number needs its full stop or bracket, "A) Scope", "IV. Review"; "2) Dial 999" is
# a list's step, and a title with a reference in it, "1 Chronicles 28:20", is no heading)
NUMBERED_LINE = re.compile(r"^[ \t]*(?P<num>\d{1,2}(?:\.\d{1,2})+(?:[ \t]*[-–][ \t]*\d{1,2}(?:\.\d{1,2})+)?\.?"
                           rf"|\d{{1,2}}[.:]?|[A-Z][.)]|{_ROMAN_STOP})(?:[ \t]+(?:[-–—:/][ \t]+)?"
                           r"|(?:(?<=\d)|(?<=\d\.))(?=[A-Z][a-z]|[A-Z]{3,}\b)(?![^\n]*\bAct\s+\d{4}))"
                           r"(?P<title>[A-Z][^\n]{0,80}?)[ \t]*$", re.M)
# a paragraph numbered by hand: "1.2 The school operates..." (a dotted number is never a list's)
# (a copy of a PDF may run the number into its text: "1.2Published Admission Number")
CLAUSE_LINE = re.compile(r"^[ \t]*(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?(?:[ \t]+(?=[A-Z(“\"'‘\[])|(?=[A-Z][a-z]))", re.M)
# a paragraph that starts a list at a number with no numbered item before it: "5. In seeking consent we
# will..." as a section's first line (Markdown numbers a list from its first item's number, so this is a
# number typed by hand; "3." after a paragraph that follows "2." continues the list; "33." beyond any
# part the pack's documents have is another document's paragraph, quoted)
LIST_START = re.compile(r"(?:\A|(?<=\n\n))[ \t]{0,3}(?P<num>\d{1,3}[.)])(?=[ \t]+\S)")
# a contents row flattened: "4.3 | Pay Progression based on Performance | 4"
# a contents entry typed by hand with its page: "Aims ..........p2", "Roles and responsibilities …… 6",
# (the leader read once, atomically: a line of dots with no page after it is no slower to refuse)
# "A.1. Responsibility for the Application of the Policy | 4"
CONTENTS_LINE = re.compile(r"^[ \t]*(?:(?:\d{1,2}|[A-Z])(?:\.\d{1,2})*\.?[ \t]+)?[A-Z][^\n|.…]{1,80}?[ \t]*"
                           r"(?>\.{3,}|…{2,}|(?<=\S)[ \t]*\||(?<=\S)[ \t]+(?=(?i:page)[ \t]*\d))[ \t.…]*+"
                           r"(?:p\.?|(?i:page)[ \t]*)?\d{1,3}[ \t]*\|?[ \t]*$", re.M)
# a line of a contents list with no leader: a title and its page ("Summary 4", "Insurance 34-35",
# "Annex 6: Complaint form 24"; not a date's year or day, "March 2015", "15/03/16")
ENTRY_LINE = re.compile(r"^[ \t]*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z][.)])[ \t]+)?"
                        r"(?P<title>[A-Za-z(‘'\"“][^|\n]{0,120}?(?:[A-Za-z)?’'\".]|(?<!\d)(?:19|20)\d\d))[ \t.…_]*"
                        r"(?<![\d/.-])(?:p\.?[ \t]*|(?i:page)[ \t]*)?(?P<page>\d{1,3})(?:[-–]\d{1,3})?[ \t]*$")


def contents_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of a contents list typed by hand without leaders: three or more
    lines in a row (blank lines between them allowed), each a title ending in its page, the pages
    never going back, and no numbered series among them (one title counted on: "Year 1", "Year 2";
    most lines' numbers counted by one word: "Room 12", "Room 14"), not led by a list's lead
    (``list_lead``: "Who to talk to in school:")."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int, re.Match]] = []
    lead = ""       # the line before the run

    def close() -> None:
        series = any(" ".join(a.group("title").lower().split()) == " ".join(b.group("title").lower().split())
                     and int(b.group("page")) == int(a.group("page")) + 1 for (*_, a), (*_, b) in zip(run, run[1:]))
        # (a number that most lines count with the same word, set apart from the words before it, is
        # that word's: "Mrs Smith, Room 12", "Verbal warning: Level 2", "Office: ext 201"; not a title's
        # last word, "Aims and Scope 4")
        lasts = Counter(m.group("title").split()[-1].lower() for *_, m in run
                        if re.search(r"[,:;–—-][ \t]*\S+$", m.group("title")))
        counted = bool(lasts) and lasts.most_common(1)[0][1] * 2 > len(run)
        # (one title again with another year: a table of each year's figures, "Exclusions 2022 4" over
        # "Exclusions 2023 6"; not Acts in a contents list, "Children Act 1989 7", "Equality Act 2010 9")
        dated = [re.sub(r"\s*(?:19|20)\d\d$", "", m.group("title")).lower() for *_, m in run
                 if re.search(r"(?:19|20)\d\d$", m.group("title"))]
        yearly = len(dated) > len(set(dated))
        if len(run) >= 3 and not series and not counted and not yearly and not list_lead(lead) \
                and not any(DATE_TEXT.search(m.group(0)) for *_, m in run):
            out.extend((a, b) for a, b, _ in run)
        run.clear()

    offset = 0
    group = ""      # a group's heading among the entries, with no page ("SECTION A - WORKING ARRANGEMENTS")
    for line in text.split("\n"):
        m = ENTRY_LINE.match(line)
        if m and run and int(m.group("page")) < int(run[-1][2].group("page")):
            close()     # the pages went back: another list begins
            lead = group or lead
        if m:
            run.append((offset, offset + len(line), m))
            group = ""
        elif line.strip():
            if run and not group and _group_heading(line):
                group = line
            else:
                close()
                lead, group = line, ""
        offset += len(line) + 1
    close()
    return out


def _group_heading(line: str) -> bool:
    """A line among a contents list's entries that heads a group of them and has no page: a few
    words in capitals or a part's name, no sentence ("SECTION A - WORKING ARRANGEMENTS THAT CAN BE
    REQUESTED", "Appendices"; not a list's plain sub-heading, "Holiday provision" among prices)."""
    text = line.strip()
    return len(text.split()) <= 10 and not re.search(r"[.:;,!?]$", text) and \
        (text.upper() == text and any(c.isalpha() for c in text) or bool(re.match(
            r"(?i:section|part|appendix|appendices|annex|annexes|chapter|schedule)\b", text)))


# the words of a version table's row, whose last cell is a version, not a page ("Current document | 1")
VERSION_ROW = re.compile(r"\b(?i:version|document|issue|revision|draft|v)\b")
CONTENTS_ROW = re.compile(r"^[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]*\|[ \t]*[A-Z][^|\n]{1,80}\|[ \t]*\d{1,3}"
                          r"[ \t]*\|?[ \t]*$", re.M)
# what a word processor leaves of its own cross-references when the text is copied out: a contents
# entry's field code ("PAGEREF _Toc472776200 \h 2") or a reference whose target is gone ("Error!
# Bookmark not defined.", "Error! Reference source not found.")
WORD_FIELD = re.compile(r"\b(?:PAGEREF|REF|HYPERLINK\s+\\l)\s+\"?_(?:Toc|Ref)\d+\"?(?:\s+\\[a-z])*(?:\s+\d{1,3}\b)?"
                        r"|\bError!\s*(?:Bookmark\s+not\s+defined|Reference\s+source\s+not\s+found|No\s+bookmark\s+"
                        r"name\s+given|No\s+table\s+of\s+contents\s+entries\s+found|Not\s+a\s+valid\s+bookmark"
                        r"(?:\s+self-reference)?)\.?", re.I)


_ITEM = re.compile(rf"\s*(?:\d{{1,2}}(?:\.\d{{1,2}})*[.)]?|[A-Z][.)]|{_ROMAN_STOP})[ \t]+\S")


LEAD_LINES = 60      # lines a run's lead is looked for above a line (a longer run is read as led by nothing)
_CONTENTS_LEAD = re.compile(r"[#\s]*(?:table\s+of\s+)?(?:contents|index)\b", re.I)


def list_lead(line: str) -> bool:
    """A line that makes the run of lines under it a list, not headings or a contents list: it
    ends with a colon ("Our accounts:", "Who to talk to in school:"), is a sentence ("We have
    three rules."; not "Contents Page No."), or is a Markdown heading over them ("## Our rules");
    never a contents list's own heading ("Contents:", "# Contents")."""
    text = line.strip()
    if not text or _CONTENTS_LEAD.match(text):
        return False
    return text.endswith(":") or text.startswith("#") or \
        bool(re.search(r"[.!?]$", text)) and len(text.split()) >= 3 and not re.search(r"\b(?i:no|nos|p|pp)\.$", text)


def _lead_line(before: str, item: re.Pattern = _ITEM) -> str | None:
    """The first line above the run of ``item`` lines (and blank lines) that ``before`` ends in:
    the line that leads into them, or None. Only the last ``LEAD_LINES`` lines are read, so a long
    text is read in one pass."""
    lines = before[-8000:].split("\n")[-LEAD_LINES:]
    return next((line for line in reversed(lines) if line.strip() and not item.match(line)), None)


def _list_lead(before: str) -> bool:
    """The line that leads the run of numbered lines ``before`` ends in makes them a list
    (``list_lead``)."""
    lead = _lead_line(before)
    return lead is not None and list_lead(lead)


def _depth(line: str) -> int:
    """How deep the number a line starts with is: "3." and "A)" are 1, "3.1" is 2 (a "3" over "3.1"
    is a heading over its clauses, not an item of their list)."""
    number = line.lstrip().split(None, 1)[0] if line.strip() else ""
    return len([part for part in number.rstrip(".):").split(".") if part])


def _typed_heading(text: str, m: re.Match) -> bool:
    """A numbered line that stands alone (not an item of a list: the lines around it are blank
    or plain text, not more numbered items) and reads as a title (a few words, no sentence)."""
    before = text[max(0, m.start() - 8000):m.start()].rstrip(" \t")    # (what a line's context needs)
    after = text[m.end():]
    if before and not before.endswith("\n\n") and before.strip():
        return False     # the line continues a paragraph
    title = m.group("title")
    words = title.split()
    previous = before.rstrip().rsplit("\n", 1)[-1]
    depth = _depth(m.group("num"))
    if (_ITEM.match(after) and _depth(after) == depth or _ITEM.match(previous) and _depth(previous) == depth) and \
            (len(words) > 9 or re.search(r"[.;,:!]$", title) or _list_lead(before)):
        return False     # a numbered list: the line next or before is another item, of sentences or
        #                  led by "...:"
    # (a run of numbered titles is a contents list or the headings typed with their numbers)
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3) >= max(1, len([w for w in words if len(w) > 3]) - 1)
    if len(words) > (14 if capitalised and not re.search(r"[,;.]", title) else 10) or \
            (re.search(r"[,;]", title) and not capitalised):
        return False
    if re.search(r"\d+:\d+", title):
        return False    # a verse or a time, not a heading
    signed = re.fullmatch(r"(?P<surname>[A-Z][a-z'’-]+)(?:,[ \t]*|[ \t]+\()(?P<role>[^()]+?)\)?[ \t]*", title)
    if re.fullmatch(r"[A-Z]\.", m.group("num")) and signed and \
            all(w in ROLE_WORDS or w in ("dsl", "senco", "of", "and", "&") for w in signed["role"].lower().split()):
        return False    # an initial and a surname, then a role: "H. Cooke, Headteacher", "M. Neal (Chair of Governors)"
    if re.fullmatch(rf"[A-Z][.)]|{_ROMAN_STOP}", m.group("num")) and \
            (len(words) > 8 or re.search(r"[.;:]$", title)) \
            and not capitalised:
        return False    # "A. Managing referrals" is a heading; "A. The school will see that ...;" a list
    return not (re.search(r"[.!]$", title) and len(words) > 3) and not (re.search(r"[?:]$", title) and len(words) > 9)


# a form by its number, beside its title: "Form 3 (Inappropriate content report)", "... (Form 3)"
# ("Form 3" alone may be a class)
FORM_NUMBER = re.compile(r"\((?i:form)\s+\d{1,2}\)|\b(?i:form)\s+\d{1,2}\s+\((?=[A-Z])")


# a contents list typed by hand: "Contents: 1 Statement of intent; 2 Legal framework..."
CONTENTS = re.compile(r"^[ \t]*(?:table\s+of\s+)?contents\b[ \t]*[:\-–]?[ \t]*(?:\n[ \t]*)?\d{1,2}\.?[ \t]+[A-Z][^\n]*",
                      re.I | re.M)
# a bare clause number: 4.2, 6.1.3, and ranges of them
BARE = re.compile(r"(?<![\w.£$€/:@#-])(?P<num>\d{1,2}(?:\.\d{1,2}){1,3}(?:\([a-z0-9]{1,4}\))*"
                  r"(?:\s*[-\u2013]\s*\d{1,2}(?:\.\d{1,2}){1,3})?)"
                  r"(?![\w%/:@-]|\.\d)")
POINTER = re.compile(r"(?:\bsee|\bset\s+out\s+(?:in|at)|\bdescribed\s+(?:in|at)|\bexplained\s+(?:in|at)|"
                     r"\bdetailed\s+(?:in|at)|\blisted\s+(?:in|at)|\boutlined\s+(?:in|at)|\bstated\s+in|"
                     r"\bgiven\s+(?:in|at)|\bdefined\s+in|\bshown\s+in|\brefer\s+to|\breferred\s+to\s+in|"
                     r"\baccording\s+to|\bas\s+per|\bin\s+accordance\s+with|\bin\s+line\s+with|\bunder|"
                     r"\bfollow|\bper|\bin|\bcf\.?|\bre-?read|\bref\.?|\breference)\s*\(?$", re.I)
# a part of the text placed by its number, whatever follows: "the table at 6.2 are", "repeated at 5.6"
PLACED_AT = re.compile(r"\b(?:table|exceptions?|criteria|rules?|conditions?|details|flow\s*chart|repeated)\s+at\s*$",
                       re.I)
# (not a time or a measure: "at 8.45", "at 1.2 m intervals", "at 4.5 per cent")
AFTER_BARE = re.compile(r"\)?(?:\s*(?:above|below)\b|\s*(?:[.,;:)]|$)|\s+(?:and|or|for|to|on|of|before|"
                        r"within|when|if|which|where|sets?|explains?|describes?|covers?|lists?)\b)", re.I)
# a list's numbered item by the list's own word: "criterion 3", "categories 2 or 6", "Condition 10" (a
# note's number is the note's own, kept when the text changes: "see Note 1 below" is no typed part)
LISTED_REF = re.compile(rf"(?<![\w/.-])(?:criteri(?:on|a)|categor(?:y|ies)|conditions?)(?![A-Za-z])[ \t]+"
                        rf"(?:{_LIST})(?![\w.]*\d)(?!['’]s)", re.I)
# a whole number placed above or below after "see" or "in": "(see 4 below)", "listed in 5 above" (not
# "at 5 below zero")
BARE_PLACED = re.compile(r"\b(?:see|in|at|under)\s+(?P<num>\d{1,2})(?:\.(?=\s+(?-i:above|below)))?\s+(?:above|below)\b"
                         r"(?!\s+(?:zero|freezing|average|the|a|an|expected|national|target)\b)", re.I)
# a version's number, not a part's: "Version 1.1 of this policy", "v2.0", "issue 3.1"
VERSION_BEFORE = re.compile(r"\b(?:versions?|v|issues?|revisions?|releases?|drafts?)\.?\s*$", re.I)
# more numbers after a bare one: "5.3 and 5.4", "4.1, 4.2 or 4.3"
MORE_BARE = re.compile(r"(?:\s*(?:,|and|or|to|[-\u2013])\s*\d{1,2}(?:\.\d{1,2}){1,3})*")
QUOTED_TITLE = re.compile(r"\s*[‘'“\"][A-Z][^‘’'“”\"\n]{2,60}[’'”\"]")
ABOVE = re.compile(r"\)?\s*(?:above|below)\b", re.I)
# ... pointing, not comparing: "at 8.2 above is", not "2.5 above the mean", "37.5 above normal"
ABOVE_END = re.compile(r"\)?\s*(?:above|below)\b(?![ \t]+(?:the|a|an|average|normal|expected|national|target|"
                       r"zero|\d))", re.I)
# a page's header or footer left in a copy made from a printed page or a PDF (a whole line): "Page
# 1", "P. 14", "Page 2 of 8", "Page 1 of 8 Online Safety Policy", "Page 14 - Staff Code of Conduct 2020",
# "Page 1: COLLEGE CODE OF CONDUCT" (a title in capitals after a colon),
# "Social Media Policy Page 2 of 8" (not "Please read page 4 of 12", nor a contents entry "Aims | page 2")
PAGE_FURNITURE = re.compile(r"(?i:p(?:age|\.)[ \t]*\|?[ \t]*\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4}(?:[ \t]+\S.*)?)?"
                            r"(?:[ \t]*:[ \t]+(?-i:[A-Z][^a-z\n]*+)|[ \t]+[-–|][ \t].*|[ \t]*:"
                            # (a document viewer's page label: "Page 2: Social Networking Procedure - x.sch.uk/")
                            r"|[ \t]*:[ \t]+[^\n]*?[ \t][-–][ \t]+[\w.-]+\.(?:uk|com|org|net)\b.*)?"
                            r"|(?![^\n]*\b(?:on|see|read|at|in|to)[ \t]+page)[^\n]*?"
                            r"\bpage[ \t]*\d{1,4}[ \t]*(?:of|/)[ \t]*\d{1,4})[ \t]*")
# a verb that makes a line a sentence, not a page's footer ("Sanctions are explained in ... Page 12")
SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|will|must|should|can|may|explained|described|set\s+out|see)\b", re.I)
# what a page's footer line names before its page number: the document, its year or version
FOOTER_WORDS = re.compile(r"\b(?:(?:19|20)\d\d|policy|procedures?|code|guidance|version|v\d)\b", re.I)


def page_footer(line: str) -> bool:
    """A whole line that is a page's header or footer: a page mark (``PAGE_FURNITURE``), or a
    line that names its document or year and ends in its page ("CCTV Policy 2016 GAD/mac/so
    (Judicium) Page 1"; not a sentence, "Sanctions are explained in the Guidance 2024 Page 12",
    nor a contents entry, "KEY CONTACTS Page 2", or a contents table's numbered row, "16. POLICY
    REVIEW | Page 10"). The import and the typed-reference check read footers with this one rule."""
    line = line.strip()
    if PAGE_FURNITURE.fullmatch(line):
        return True
    if re.match(r"\d{1,2}(?:\.\d{1,2})*\.?[ \t]+[A-Z][^|]*\|[ \t]*(?i:page)[ \t]*\d{1,4}$", line):
        return False    # a contents table's row, its page in a cell of its own
    m = re.search(r"\bpage[ \t]*\d{1,4}$", line, re.I)
    head = line[:m.start()] if m else ""
    return bool(m) and bool(FOOTER_WORDS.search(head)) and not SENTENCE_VERB.search(head) and \
        not re.search(r"(?:\b(?:see|on|at|in|to|from|and|or|of)|[,(])[ \t]*$", head, re.I)


# "Page 1 of 17": a page count in a footer
PAGE_COUNT = re.compile(r"\s*of\s+\d+\b", re.I)   # (run together as a PDF's text gives it: "page 1of 24")

# ... of this policy / in the policy: about this text (not a longer name: "of the code of practice", "in
# the guidance on X", "of the plan for Year 7")
OF_THIS = re.compile(r"\s*(?:,\s*)?(?:of|in|to|within)\s+(?:this|the|our)\s+(?:policy|document|code|procedure|"
                     r"plan|agreement|guidance)\b(?!\s+(?-i:(?:of|for|on)\s+[A-Za-z]|and\s+[A-Z]|[A-Z]|\(\s*[A-Z]))",
                     re.I)
# a document's name, as a sentence gives it
_CAP = r"[A-Z][\w'’-]*"
_LINK = r"(?:\s+(?:of|and|for|in|to|the|on|with|from|&)\s+|\s+)"
DOCUMENT_NAME = re.compile(
    rf"\b(?:{_CAP}{_LINK})*?(?:{_CAP}\s+)?(?:Act|Acts|Regulations|Order|Rules|Code|Codes|Guidance|"
    rf"Framework|Standards|Handbook|Convention|Directive|Charter|Protocol|Procedures|Guidelines|"
    rf"Strategy|Plan|Policy)\b(?:\s+\(?\d{{4}}\)?)?"
    r"|\b(?:the\s+)?(?:same|said|above|that|this|these|those|the)\s+(?:Act|Regulations|Order|Code|"
    r"guidance|statutory\s+guidance|Directive|Convention)\b"
    r"|\b(?:statutory|DfE|departmental|government|national|local\s+authority|LA)\s+guidance\b"
    # an Act or an instrument by its citation: "1993 c. 35", "S.I. 1994/2204"
    # (a chapter's number then a comma or the end: "in 2024 c. 30 pupils" is about thirty)
    r"|\b(?:19|20)\d\d\s+c\.\s*\d{1,3}(?=[,;)]|\s*$)|\bS\.\s?I\.\s*(?:19|20)\d\d/\d{1,5}\b"
    # an organisation's own document, by its initials: "the ICO's surveillance camera code of practice"
    # (not a role's: "the DSL's guidance")
    r"|\b(?!(?:D?DSL|DPO|SENC[oO]|SENDC[oO]|SLT|SMT|HR|CEO|LGB|PTA|SBM)['’])(?:[A-Z][a-z]*+[A-Z][A-Za-z]*+|Ofsted|"
    r"Ofqual|Ofcom)['’]s\s+(?:[\w-]+\s+){0,4}?(?:code\s+of\s+practice|guidance|guidelines|guide|handbook|framework|"
    r"regulations|rules|standards|toolkit)\b"
    r"|[‘'\"“][A-Z][^‘'\"“”’\s]*\s[^‘'\"“”’]{4,120}[’'\"”]"   # a quoted title of two words or more
    r"|\b(?:[A-Z]{2,}[a-z]?\s+)?[A-Z]{2,}[a-z]?(?:\s+(?:19|20)\d\d)?\b", re.M)
# abbreviations that name documents (not roles: a DSL is not a document)
_DOC_ABBREVIATIONS = {"KCSIE", "WTSC", "GDPR", "UK GDPR", "DPA", "EYFS", "ATH", "HRA", "FOIA", "RIPA",
                      "PACE", "UNCRC", "ECHR", "ISSR", "COPPA", "PECR", "OSA", "STPCD", "AFH", "SFA"}
# papers a school has besides its policies, whose parts are theirs: "item 6 on the governors' agenda",
# "the newsletter (page 3)", "the class reader, chapter 4"
_OTHER_PAPERS = (r"agenda|minutes|newsletters?|prospectus|brochure|magazine|book|textbook|workbook|reader|"
                 r"timetable|planner")
# "of / in / under [the] <Name>" right after the reference: another document's numbering
# whose a document is, before its name: "the", "its", "your", "the trust's", "the council's"
_WHOSE = (r"(?:the\s+[\w-]+(?:\s+[\w-]+)?['’]s\s+|[A-Z][\w-]*['’]s\s+|the\s+|our\s+|that\s+|this\s+|its\s+|"
          r"your\s+|their\s+)")
OF_NAME = re.compile(r"\s*(?:,\s*)?(?:of|in|under|from|within|to)\s+" + _WHOSE + r"?"
                     # (a version of it: "Part One of the latest version of Keeping Children Safe in Education")
                     r"(?:(?:latest|current|most\s+recent|new|revised|updated|(?:19|20)\d\d)\s+(?:version|edition|"
                     r"update)\s+of\s+" + _WHOSE + r"?)?"
                     # (or by the name it goes by: "part 1 of what is known as the ‘twofold test’")
                     r"(?:what\s+(?:is|are)\s+(?:known|called|referred\s+to|described)\s+as\s+(?:the\s+)?)?"
                     r"(?P<name>[A-Z‘'\"“]|\d{4}\b|(?:same|said|above|statutory|relevant|DfE|current)\b|"
                     r"(?:Act|Regulations|guidance|legislation|statute|Order)\b)")
# "of the supplemental funding agreement", "in Part 2 of the statutory guidance": a document named
# by what it is (a school's own policy is not another document's numbering)
OF_DOCUMENT = re.compile(r"\s*(?:,\s*)?(?:of|in|under|from|within|to|on)\s+(?:(?:the|that|a|an|its|your|their|"
                         # ("this" for what a policy never is: "section 3 of this latest attendance guidance")
                         r"this(?=\s+(?:[\w'’-]+\s+){0,4}?(?:act|regulations|guidance|legislation|statute|circular|"
                         r"directive|convention|law|bill)\b))\s+|"
                         r"the\s+[\w-]+['’]s\s+|[A-Z][\w-]*['’]s\s+)(?:[\w'’-]+\s+){0,4}?"
                         r"(?:act|regulations|guidance|guide|legislation|statute|order|agreement|contract|handbook|"
                         r"framework|standards|code\s+of\s+practice|convention|directive|scheme|constitution|booklet|"
                         r"leaflet|manual|toolkit|circular|law|bill|minutes|" + _OTHER_PAPERS + r"|"
                         r"articles\s+of\s+association|funding\s+agreement)\b"
                         # (another's policy of a kind: "appendix 3 of its attendance policy", "of their behaviour
                         # policy"; "of your policy" is a template's word for this one)
                         r"|\s*(?:,\s*)?(?:of|in|under|within)\s+(?:its|their)\s+"
                         r"(?:(?!(?:own|copy|copies|version|of|the|this|our)\b)[\w'’-]+\s+){1,3}?"
                         r"polic(?:y|ies)\b", re.I)
# "section 11 duties", "a section 128 direction": a statutory provision used as a name for a duty
ATTRIBUTIVE = re.compile(r"\s+(?:duty|duties|requirements?|directions?|enquir(?:y|ies)|inquir(?:y|ies)|"
                         r"notices?|orders?|process(?:es)?|assessments?|investigations?|applications?|"
                         r"agreements?|returns?|powers?|procedures?|checks?|referrals?|meetings?|"
                         r"conferences?|plans?)\b", re.I)
# (a body's initials may stand between: "the Section 5 OFSTED inspection team"; not a title's
# words, "Section 4 Reporting Procedures")
_NAMED_BETWEEN = r"(?:\s+(?-i:[A-Z][a-z]?[A-Z][A-Za-z&]*|Ofsted)){0,2}"
# and of a section of an Act only: "a section 5 inspection", "the section 11 audit" (an appendix's
# audit is the pack's: "Complete the Appendix 3 audit")
# a number that counts a rate's units after "schedule" (a timetable, not a statute's part): "Review Schedule 6
# monthly" (not "complete Appendix 4 weekly", this policy's appendix)
RATE = re.compile(r"[ \t]{0,3}-?[ \t]{0,3}(?:daily|weekly|fortnightly|monthly|termly|yearly|hourly)\b", re.I)
SECTION_ATTRIBUTIVE = re.compile(_NAMED_BETWEEN + r"\s+(?:inspections?|inspectors?|audits?|accommodation)\b", re.I)
# statutory guidance that schools cite by its title, in sentence case as the DfE writes it
KNOWN_TITLES = re.compile(
    r"\b(?:keeping\s+children\s+safe\s+in\s+education|working\s+together\s+to\s+safeguard\s+children|"
    r"working\s+together\s+to\s+improve\s+school\s+attendance|teaching\s+online\s+safety\s+in\s+schools?|"
    r"special\s+educational\s+needs\s+and\s+disability\s+code\s+of\s+practice|"
    r"supporting\s+pupils\s+(?:at\s+school\s+)?with\s+medical\s+conditions|behaviour\s+in\s+schools|"
    r"prevent\s+duty\s+guidance|academy\s+trust\s+handbook|governance\s+(?:guide|handbook)|"
    r"filtering\s+and\s+monitoring\s+standards|what\s+to\s+do\s+if\s+you(?:'|’)re\s+worried\s+a\s+child\s+is\s+"
    r"being\s+abused|sharing\s+nudes\s+and\s+semi-nudes|relationships\s+education,?\s+relationships\s+and\s+"
    r"sex\s+education)\b", re.I)


def _known_before(before: str) -> bool:
    """A known guidance title ends just before the reference ("Keeping children safe in
    education - sections 52-58")."""
    return any(not before[m.end():].strip(" \t:,(–—-") for m in KNOWN_TITLES.finditer(before))


# a document put into this one's part: "the Governors' Code of Conduct, attached at Appendix 1" (the appendix
# is this document's, whatever it holds)
ATTACHED_AT = re.compile(r"\b(?:attached|appended|enclosed|included|reproduced)\s+(?:at|as|in)\s+(?:an?\s+)?$", re.I)
# an aside in brackets between a part and whose it is, or the part's own title quoted ("Chapter 2: ‘Multi-agency
# ...’ in ‘Working Together ...’")
ASIDE = re.compile(r"^[ \t]*(?:\([^()\n]{1,40}\)|[:,]?[ \t]*[‘“\"][^’”\"\n]{2,100}[’”\"])")
OF_ANY = re.compile(r"\s*(?:,\s*)?(?:of|in|under|from|within)\s+(?:the\s+|our\s+)?", re.I)
# <Name>[ year][,:] right before the reference
BEFORE_NAME = re.compile(
    rf"(?:\b(?:Act|Acts|Regulations|Order|Rules|Guidance|Code|Convention|Framework|Standards|Handbook|"
    rf"Directive|Charter|Guidelines|(?<!this\s)(?i:guidance|guidelines|handbook|advice|guide|{_OTHER_PAPERS}))"
    rf"|\b[A-Z]{{2,}}[a-z]?|\b[A-Z][a-z][A-Z][A-Za-z]?\b|[’'\"”])"     # (or in mixed case: "CoP 2001", "DfES")
    rf"(?:\s+\(?\d{{4}}\)?)?[\s:,(–-]*$"
    rf"|(?<![.!?]\s)\b(?:{_CAP}(?:\s+(?:in|to|of|for|and|the|on)\s+|\s+)){{1,6}}{_CAP}(?:\s+\d{{4}})?[\s:,(–-]*$")
# more references after this one, the last saying whose they are: "Schedule 1, Part 7 of the ..."
CHAIN = re.compile(rf"(?:\s*(?:,|\bof\b|\band\b)?\s*(?:{_NOUNS})\s*{_LIST}(?![\w.]*\d))+", re.I)
# ("1.82" does not end one, nor an abbreviation before its number: "1993 c. 35", "ss. 238", "Sch. 13")
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S|[ \t]\d))+[.!?]?|[.!?\n]")


@dataclass(frozen=True)
class TypedRef:
    offset: int
    phrase: str
    family: str          # "section", "word", "appendix", "other-policy", "bare", "position"
    policy: str | None = None   # for "other-policy": the policy id its title names


_SMALL = {"the", "of", "and", "for", "on", "in", "to", "a", "our", "school", "trust"}
_NAME_RUN = re.compile(r"(?:[A-Z][\w'\u2019-]*(?:\s+(?:of|and|for|on|in|to)\s+|\s+))*[A-Z][\w'\u2019-]*")
# units that are a statute's own: a reference by them points at an Act unless "of this policy"
_STATUTE_UNITS = re.compile(r"articles?|regulations?|regs?\.?", re.I)


def _title_at(text: str, titles) -> tuple[str, str] | None:
    """(policy id, title as typed) of a pack policy whose title ``text`` starts with, or that the
    capitalised name at the start of ``text`` is a shortening of ("the Staff Code of Conduct"
    for "Staff Social Media Code of Conduct"): every word of the name is in the title, and the
    name is not a statute's (no Act, Regulations or year)."""
    low = " ".join(text[:160].split()).lower()
    for pid, title in titles:
        t = " ".join(title.split()).lower()
        if t and low.startswith((t, t.removeprefix("the "))):
            return pid, title
    run = _NAME_RUN.match(text)
    if not run:
        return None
    name = run.group(0)
    words = {w for w in re.findall(r"[a-z]+", name.lower()) if w not in _SMALL}
    if len(words) < 2 or re.search(r"\b(?:Act|Acts|Regulations|Order|Rules|Guidance)\b", name):
        return None
    for pid, title in titles:
        if words <= set(re.findall(r"[a-z]+", title.lower())):
            return pid, name
    return None


# A school policy the pack does not hold, by its title: "the Equal Opportunities Policy" (a policy is
# a school's own document: its parts go stale as those of the pack's do; not "the Council's Charging
# Policy", an organisation's, nor "this Policy")
SCHOOL_POLICY = r"(?:[A-Z][\w'’-]*(?:[ \t]+(?:and|for|on|of|in|&)[ \t]+|[ \t]+|-)){1,6}Polic(?:y|ies)\b"
POLICY_AFTER = re.compile(r"\s*(?:,\s*)?(?:of|in|under|within)\s+"
                          r"(?:(?i:the\s+(?:trust|school|academy)['’]s)|the|our)\s+(?P<name>" + SCHOOL_POLICY + ")")
POLICY_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?:(?i:the|our)[ \t]+)?(?P<name>" + SCHOOL_POLICY +
                           r")[ \t]*(?:,|\(|:|–|-)?[ \t]*$")


def _unheld_policy(name: str) -> bool:
    """A school policy's title ("the SEND Policy" too) that names no organisation's ("the
    Council's Charging Policy") nor this one."""
    words = name.split()
    return not re.search(r"['’]s\b", name) and words[0].lower() not in ("this", "that", "the")


def _title_before(text: str, titles) -> tuple[str, str] | None:
    """A pack policy's title (or a shortening) just before a reference: "the Staff Social Media
    Code of Conduct, section 3", "the Staff Code (section 3)"."""
    tail = re.sub(r"[\s,:(–-]+$", "", text)
    # a title found must reach the end of the text: start no further back than the longest title
    reach = min(120, max((len(t) for _, t in titles), default=0) + 10)
    for start in range(max(0, len(tail) - reach), len(tail)):
        if (start and tail[start - 1].isalnum()) or not tail[start].isalpha():
            continue
        named = _title_at(tail[start:], titles)
        if named and start + len(named[1]) >= len(tail) - 1:
            return named
    return None


def document_ends(text: str, titles) -> list[int]:
    """Where each name of a document other than the pack's policies ends in ``text``: an Act,
    regulations, guidance, a quoted title, a known guidance title, or an abbreviation of one."""
    ends = [m.end() for m in KNOWN_TITLES.finditer(text)]
    for m in DOCUMENT_NAME.finditer(text):
        found = m.group(0).strip()
        if re.fullmatch(r"(?:[A-Z]{2,}[a-z]?\s+)?[A-Z]{2,}[a-z]?(?:\s+(?:19|20)\d\d)?", found):
            if " ".join(w for w in found.split() if not w.isdigit()) not in _DOC_ABBREVIATIONS:
                continue
        bare = re.fullmatch(r"(?:this|the)\s+(\w+)", found, re.I)
        if _title_at(found, titles) or bare and (bare[1].lower() == "policy" or any(
                bare[1].lower() in re.findall(r"\w+", t.lower()) for _, t in titles)):
            continue   # the pack's own policy, or this one: "the Policy", "the Code" where a policy is a code
        if " " not in found and not text[:m.start()].strip(" \t\n\"'‘“(") and found not in _DOC_ABBREVIATIONS:
            continue   # one word starting the sentence, capitalised for that: "Procedures ... are in Section B"
        if re.search(r"\bPolicy$", found) and not re.search(r"\b(?:Act|Regulations)\b", found):
            continue   # a school's policy is one of its own documents, not another's numbering
        ends.append(m.end())
    return sorted(ends)


def names_document(text: str, titles) -> bool:
    """``text`` names a document other than the pack's policies (``document_ends``)."""
    return bool(document_ends(text, titles))


# a list's item at a line's start: "4. ", "b) ", "(iii) ", "- ", "• "
LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-z][.)]|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)|[-*\u2022])[ \t]")


def _lead_into_list(text: str, offset: int) -> str | None:
    """The line ending in a colon that leads into the list whose item holds ``offset``, or None
    (``offset`` in no list's item, or a list with no such lead)."""
    start = text.rfind("\n", 0, offset) + 1
    if not LIST_ITEM.match(text, start):
        return None
    lead = _lead_line(text[:start], LIST_ITEM)
    return lead if lead is not None and lead.rstrip().endswith(":") else None


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]


# a citation's author and year before its page: "(DfE, page 20)", "(Ofsted 2019, p. 12)"
CITED = re.compile(r"\(\s*[A-Z][\w&.'’ -]{1,40}?(?:,?\s*(?:19|20)\d\d[a-z]?)?\s*[,:]\s*$")
# the words of an amendment to legislation: "insert—", "omit", "leave out", "for "x" substitute "y""
AMENDING = re.compile(r"\b(?:insert|substitute|omit)\b[ \t]*(?:[—–:“\"‘]|$)|"
                      # (or says how it was amended, or that it amends: "Section 12a was inserted by section 194 of
                      # the ... Act 2009", "Chapter 2 ... is amended as set out in subsections (2) to (5)")
                      r"\b(?:inserted|substituted|repealed)\s+by\s+(?:section|regulation|paragraph|schedule|article|"
                      r"the)\b|\b(?:is|are)\s+amended\s+as\s+(?:follows|set\s+out)\b|"
                      r"\bfor\s+[“\"‘][^”\"’\n]{1,80}[”\"’]\s+substitute\b|"
                      r"\bleave\s+out\s+[“\"‘][^”\"’\n]{1,80}[”\"’]\s+and\s+insert\b", re.I | re.M)


def typed_refs(text: str, titles=(), largest: int | None = None) -> list[TypedRef]:
    """Every typed reference in ``text`` (Jinja already masked) that points into this pack.
    ``titles``: (id, title) of the pack's policies, so "section 4 of the Staff Code" is known for
    a reference into the pack and "the Staff Code" is never taken for another document.
    ``largest``: the highest number a part of the pack's documents can have (their sections and
    appendices, with room for a school's own): "section 175" points at no part of them."""
    spans = _sentences(text)
    starts = [a for a, _ in spans]
    ends_in: dict[int, list[int]] = {}      # a sentence's document names, worked out once

    def names_in(i: int) -> list[int]:
        if i not in ends_in:
            a, b = spans[i]
            ends_in[i] = [a + e for e in document_ends(text[a:b], titles)]
        return ends_in[i]

    amends: dict[int, bool] = {}            # a sentence's amending words, looked for once

    def amending(offset: int) -> bool:
        """The sentence amends an Act or regulations ("After subsection (3) insert—", "in paragraph
        (a), for "section 52" substitute "section 51A""): its parts are the Act's, not the pack's."""
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return False
        if i not in amends:
            amends[i] = bool(AMENDING.search(text, spans[i][0], spans[i][1]))
        return amends[i]

    def named_nearby(offset: int) -> bool:
        """A document named earlier in the sentence, or in the sentence before, or, in a list's
        item, in the line that leads into the list ("The Computer Misuse Act 1990 makes these
        offences:" over "4. ... under section 1 or 3.")."""
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return False
        if any(e <= offset for e in names_in(i)) or (i > 0 and bool(names_in(i - 1))):
            return True
        lead = _lead_into_list(text, offset)
        return lead is not None and bool(document_ends(lead, titles))

    found: list[TypedRef] = []
    taken = Spans()
    runs = contents_runs(text)
    in_contents = Spans(runs).covers

    footers: dict[int, bool] = {}     # each line read once for a page's footer, however many parts it names
    for m in REF.finditer(text):
        noun = m.group("noun")
        num = m.group("num")
        rest = text[m.end():m.end() + 200]
        before = re.split(r"\n[ \t]*\n", text[max(0, m.start() - 80):m.start()])[-1]   # (this paragraph's)
        if noun.lower().startswith(("page", "p")) and (PAGE_COUNT.match(rest) or CITED.search(before)):
            taken.add(m.start(), m.end())
            continue   # "Page 1 of 17", "(DfE, page 20)"
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = len(text) if (e := text.find("\n", m.end())) < 0 else e
        if noun.lower().startswith(("page", "p")) and line_start not in footers:
            footers[line_start] = page_footer(text[line_start:line_end])
        if noun.lower().startswith(("page", "p")) and footers[line_start] and not in_contents(line_start):
            taken.add(line_start, line_end)
            continue   # a page's header or footer, the whole line: "CCTV Policy 2016 ... Page 1" (not
            #            an entry among a contents list's: "POLICY REVIEW Page 11")
        if noun.lower().startswith(("page", "p")) and CONTENTS_LINE.match(text, line_start):
            continue   # a contents entry's page: the entry is reported whole ("16. REVIEW | Page 10")
        if re.fullmatch(r"[a-z]", num.strip()) and not noun.lower().startswith(("appendi", "annex")):
            continue   # "part a" is not a letter of a part
        if noun.lower().rstrip("s") in ("point", "item", "rule") and \
                (capital := re.search(r"(?<![.!?:]\s)(?<=\s)(?-i:[A-Z])[a-z]+[ \t]+$", before)) and \
                not POINTER.search(before[:capital.end()]):
            continue   # a place or a thing by its name, a capitalised word before it: "Meet at Assembly Point 24"
        if re.fullmatch(r"(?-i:[A-Z])", num.strip()) and noun.lower() not in (
                "appendix", "annex", "part", "section", "schedule", "appendices", "annexes", "parts",
                "sections"):
            continue   # "point A" is a place, not a reference
        if re.fullmatch(_WORDS, num.strip(), re.I) and noun.lower().rstrip("s") in ("point", "item", "page",
                                                                                    "step", "rule", "bullet"):
            continue   # "at this point two staff..."
        taken.add(m.start(), m.end())
        appendix = noun.lower().startswith(("appendi", "annex"))
        family = "appendix" if appendix else _family(num)
        if (this := OF_THIS.match(rest)):
            found.append(TypedRef(m.start(), m.group(0) + this.group(0), family))
            continue
        if (any_of := OF_ANY.match(rest)):
            named = _title_at(rest[any_of.end():], titles)
            if named:
                phrase = m.group(0) + any_of.group(0) + rest[any_of.end():any_of.end() + len(named[1])]
                found.append(TypedRef(m.start(), " ".join(phrase.split()), "other-policy", named[0]))
                continue
        named_before = _title_before(before, titles)
        if named_before:
            found.append(TypedRef(m.start(), " ".join(f"{named_before[1]} {m.group(0)}".split()),
                                  "other-policy", named_before[0]))
            continue
        if (unheld := POLICY_AFTER.match(rest)) and _unheld_policy(unheld.group("name")) and \
                not re.search(r"\b(?:an?|any)\s+$", before):
            found.append(TypedRef(m.start(), " ".join((m.group(0) + unheld.group(0)).split()), "other-policy"))
            continue   # "section 3 of the Equal Opportunities Policy": a school policy the pack does not hold
        if (prior := POLICY_BEFORE.search(before)) and _unheld_policy(prior.group("name")):
            found.append(TypedRef(m.start(), " ".join(f"{prior.group('name')} {m.group(0)}".split()),
                                  "other-policy"))
            continue   # "Online Safety Policy, section 9"
        owner = rest[chain.end():] if (chain := CHAIN.match(rest)) else rest   # "Schedule 1, Part 7 of ..."
        owner = ASIDE.sub("", owner, count=1)     # "Annex E (pages 172 to 174) of Keeping Children Safe..."
        if (largest is not None and _top(num) > largest) or \
                OF_NAME.match(owner) or OF_DOCUMENT.match(owner) or ATTRIBUTIVE.match(rest) or \
                noun.lower().startswith("schedule") and RATE.match(rest) or \
                noun.lower().startswith("section") and SECTION_ATTRIBUTIVE.match(rest) or \
                re.search(r"\b(?:an?|any)\s+$", before) or _STATUTE_UNITS.fullmatch(noun) or \
                not ABOVE.match(rest) and not ATTACHED_AT.search(before) and (
                    BEFORE_NAME.search(before) or _known_before(before) or named_nearby(m.start())) or \
                amending(m.start()):
            # (a part "above" or "below" is this document's, whatever was named before it)
            continue
        found.append(TypedRef(m.start(), m.group(0), family))
    for m in NUMBERED_LINE.finditer(text):
        if DATE_TEXT.fullmatch(m.group(0).strip()):
            continue     # a date alone on its line, "29 July 2020", is no numbered heading
        if _typed_heading(text, m) and not taken.covers(m.start("num")):
            taken.add(m.start(), m.end())
            family = "contents" if re.search(r"\s\d{1,3}$", m.group("title")) else "heading"
            found.append(TypedRef(m.start("num"), m.group(0).strip()[:60], family))
    for m in FORM_NUMBER.finditer(text):
        if not taken.covers(m.start()):
            taken.add(m.start(), m.end())
            found.append(TypedRef(m.start(), m.group(0).strip("( "), "appendix"))
    for m in CLAUSE_LINE.finditer(text):
        if not taken.covers(m.start("num")):
            taken.add(m.start("num"), m.end("num"))
            found.append(TypedRef(m.start("num"), m.group("num"), "clause"))
    for m in LIST_START.finditer(text):
        number = int(m.group("num").rstrip(".)"))
        if 1 < number and (largest is None or number <= largest) and not taken.covers(m.start("num")) and \
                not re.search(r"(?m)^[ \t]*\d{1,3}[.)](?:[ \t]|$)", text[max(0, m.start() - 8000):m.start()]):
            taken.add(m.start("num"), m.end("num"))
            found.append(TypedRef(m.start("num"), m.group("num"), "clause"))
    for m in CONTENTS_ROW.finditer(text):
        if not taken.covers(m.start()):
            taken.add(m.start(), m.end())
            found.append(TypedRef(m.start(), m.group(0).strip()[:60], "contents"))
    for m in CONTENTS_LINE.finditer(text):
        if not taken.covers(m.start()) and not VERSION_ROW.search(m.group(0)) and \
                not re.search(r"\|[ \t]*\d{3}", m.group(0)):    # (a count of 100 or more is no page)
            taken.add(m.start(), m.end())
            found.append(TypedRef(m.start(), m.group(0).strip()[:60], "contents"))
    for a, b in runs:
        if not taken.covers(a):
            taken.add(a, b)
            found.append(TypedRef(a, text[a:b].strip()[:60], "contents"))
    for m in WORD_FIELD.finditer(text):
        if not taken.covers(m.start()):
            taken.add(m.start(), m.end())
            found.append(TypedRef(m.start(), m.group(0), "field"))
    for m in CONTENTS.finditer(text):
        if taken.covers(m.end() - 1):
            continue     # its first entry is one of a contents list's already found
        taken.add(m.start(), m.end())
        found.append(TypedRef(m.start(), m.group(0).strip()[:60], "contents"))
    for m in POSITION.finditer(text):
        if not taken.covers(m.start()):
            taken.add(m.start(), m.end())
            found.append(TypedRef(m.start(), m.group(0), "position"))
    for m in BARE_PLACED.finditer(text):
        if not taken.covers(m.start("num")) and not named_nearby(m.start("num")):
            taken.add(m.start("num"), m.end())
            found.append(TypedRef(m.start("num"), m.group(0)[m.start("num") - m.start():], "bare"))
    for m in BARE.finditer(text):
        if taken.covers(m.start()):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 40]
        more = MORE_BARE.match(after)
        more_end = more.end() if more else 0
        placed = PLACED_AT.search(before) and not re.fullmatch(r"\d{1,2}\.[0-5]\d", m.group("num")) and \
            not re.match(r"\s*(?:m|cm|mm|km|kg|per\s*cent|%|am|pm)\b", after, re.I)
        pointed = (POINTER.search(before) and AFTER_BARE.match(after)) or placed or \
            (ABOVE_END.match(after) and re.search(r"\b(?:at|in|under|to|from|with)\s*$", before, re.I)) or \
            QUOTED_TITLE.match(after) or \
            (OF_THIS.match(after, more_end) and not VERSION_BEFORE.search(before))
        # ("In 7.3 'Funding and finances'", "at 5.3 and 5.4 of this policy", "the tie-breaker at 8.2 above";
        # not "Version 1.1 of this policy")
        if pointed and not OF_NAME.match(after) and (ABOVE.match(after) or not named_nearby(m.start())):
            above = ABOVE.match(after)
            found.append(TypedRef(m.start(), m.group(0) + (above.group(0) if above else ""), "bare"))
    # the numbered items of a list the policy sets out, by the list's own word ("under criterion 3 above",
    # "children in categories 2 or 6"): a reference only when pointed at
    for m in LISTED_REF.finditer(text):
        if taken.covers(m.start()):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 40]
        if (ABOVE.match(after) or OF_THIS.match(after) or POINTER.search(before)) and \
                not OF_NAME.match(after) and (ABOVE.match(after) or not named_nearby(m.start())):
            above = ABOVE.match(after)
            taken.add(m.start(), m.end())
            found.append(TypedRef(m.start(), m.group(0) + (above.group(0) if above else ""), "bare"))
    return sorted(found, key=lambda r: r.offset)


def _top(num: str) -> int:
    """The first number of a designator ("175" of "175(2)(a)", "4" of "4.2"); 0 for a letter or word."""
    m = re.match(r"\s*(\d+)", num)
    return int(m.group(1)) if m else 0


def _family(num: str) -> str:
    return "section" if re.match(r"\d", num.strip()) else "word"


# what to write instead, for the families whose message needs only the phrase
_SAID = {
    "clause": ("'{phrase}' numbers this paragraph by hand; the builder numbers sections, and the number "
               "goes wrong when one moves: delete it (a list written with 1. 2. numbers itself)"),
    "heading": ("'{phrase}' is a heading typed with its own number; the builder numbers sections itself: "
                "make it a section (its own file with a `title`), or a Markdown heading without the number"),
    "contents": ("'{phrase}...' is a contents list typed by hand; the builder makes the contents from the "
                 "sections themselves: delete it"),
    "position": ("'{phrase}' points at a place in the text; sections move, and a school may leave one out "
                 "or add its own: write {{{{ ref(\"section-id\") }}}} instead"),
    "bare": ("'{phrase}' is a clause number typed by hand; numbers change when sections move: write "
             "{{{{ ref(\"section-id\") }}}} (or \"policy-id#section-id\") instead"),
    "field": ("'{phrase}' is what a word processor left of a cross-reference or a contents entry when the "
              "text was copied: delete it, and write {{{{ ref(\"section-id\") }}}} where a reference belongs"),
}


def message(ref: TypedRef, forms=(), linked=frozenset()) -> str:
    """What to write instead, for each family. ``linked``: the ids of the policies the pack only
    links to (its external policies), whose parts no reference can reach."""
    if ref.family == "appendix":
        forms = list(forms)
        first = re.search(r"(?i:appendix|appendices|annex(?:es)?|form)\s+(\d+|[A-Z])\b", ref.phrase)
        n = None
        if first:
            n = int(first.group(1)) if first.group(1).isdigit() else ord(first.group(1)) - 64
        target = forms[n - 1] if n and 0 < n <= len(forms) else "<form-id>"
        names = ", ".join(f'"form:{f}"' for f in forms) if forms else '"form:<form-id>"'
        return (f"'{ref.phrase}' names an appendix by its number; appendices are the policy's forms "
                f"and their numbers change when forms are added or left out: write "
                f"{{{{ ref(\"form:{target}\") }}}} (this policy's forms, in order: {names})")
    if ref.family == "other-policy" and ref.policy in linked:
        return (f"'{ref.phrase}' is a part of another policy typed by its number; it changes when that "
                f"policy is renumbered, and no link reaches inside it: write {{{{ ref(\"policy:{ref.policy}\") }}}} "
                f"and name the part by its title")
    if ref.family == "other-policy" and ref.policy is None:
        return (f"'{ref.phrase}' is a part of another of the school's policies typed by its number; it "
                f"changes when that policy is renumbered, and the pack does not hold the policy: name the "
                f"part by its title, and add the policy to the trust's external_policies to link it with "
                f"{{{{ ref(\"policy:<policy-id>\") }}}}")
    if ref.family == "other-policy":
        return (f"'{ref.phrase}' is another policy's section number typed by hand; it changes when "
                f"that policy's sections move: write {{{{ ref(\"{ref.policy}#section-id\") }}}}")
    if ref.family in _SAID:
        return _SAID[ref.family].format(phrase=ref.phrase)
    words = " (the number written as a word)" if ref.family == "word" else ""
    return (f"'{ref.phrase}' is a section number typed by hand{words}; numbers change when sections "
            f"move: write {{{{ ref(\"section-id\") }}}} (or \"policy-id#section-id\") instead")


# A heading typed with its own number: "# 5.4 Passwords", "## 3) Scope", "### Section 2: Aims",
# "## J) Reviewing this policy".
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<num>(?:(?:section|part|clause)\s+(?:\d+(?:\.\d+)*|"
                     rf"(?:{_WORDS}))\b[:.)\-\u2013]?|\d{{1,2}}(?:\.\d{{1,2}})*[.):]|\d{{1,2}}(?:\.\d{{1,2}})+|"
                     r"(?-i:[A-Z])\))"
                     r")[ \t]+(?=\S)", re.I | re.M)
TITLE_NUMBER = re.compile(r"^\s*(?:(?:section|part|clause)\s+\d+(?:\.\d+)*\b[:.)\-\u2013]?|"
                          r"\d{1,2}(?:\.\d{1,2})*[.):]|\d{1,2}(?:\.\d{1,2})+)\s+(?=\S)", re.I)


def heading_numbers(text: str):
    """(offset, number as typed) of each Markdown heading that starts with a number."""
    for m in HEADING.finditer(text):
        yield m.start(), m.group("num").strip()
