"""The document split into sections by its headings.

A paragraph is a heading when a Word heading style (or a Markdown "#") says so, or, in text,
when it acts as one: short, no full stop, colon or comma at its end, starting with a capital,
followed by more text, and one of

- strong signs: a typed section number ("3.0 Title", "4. Title", "4.2 Title", "Section B -
  Title"), "Appendix 2: ...", a bookmark marker before it, all capitals, or loosely equal to one
  of ``known_titles`` (the master's section titles: case, punctuation, numbers, "and"/"&"
  ignored);
- or, weaker, a short title-case line followed by body text (a sentence, a list or a table), or
  a short line whose every subject is one of the master's sections' in other words ("Aims" for
  "Statement of intent", "Guidelines for Pupils" for "pupils"; ``align.names_a_section``), even
  with nothing under it (a copy that lost the list it headed), but not a label over its date nor
  a person's name.

A sentence that introduces a list ("The headteacher is responsible for:") is never a heading, nor
a numbered list of short lines ("1. Be kind" then "2. Be honest"). Levels: a heading style's
level; a typed number's depth ("4" and "4.0" are 1, "4.2" is 2); an appendix, capitals, bookmark
or known title 1; a weak heading one deeper than the strong heading above it (when none is, the
level of the copy's highest heading style, or 1).

The document's title (a short first line naming a policy, code or procedure, before any body
text and not typed with a section number unless it ends with its kind, or the Word "Title"
style) is not a section. Sections are the headings at the highest
level present; deeper headings stay inside their section as paragraphs of kind "heading".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from builder.importing.document import Paragraph, Section
from builder.checks.typed_refs import page_footer
from builder.source.review_text import MONTH_WORD
from builder.importing.read.text import _loose, is_capital, is_decimal, number_depth

# (the word with its number or letter, or alone before a colon, a dash or the line's end: "Appendix 2:
# Forms", "Appendices"; not "Schedule for Development / Monitoring / Review", a heading of words)
APPENDIX = re.compile(r"^(?:appendix|appendices|annexe?|schedule|attachment|enclosure)\b"
                      r"(?:\s+(?:\d{1,2}(?=\b|[A-Z])|[A-Z]\b|[ivx]{1,4}\b)|\s*(?:[:.\-–—]|$))", re.I)
BARE_APPENDIX = re.compile(r"(?:appendix|annexe?|schedule)\s+(?:\d{1,2}|[A-Z]|[ivx]{1,4})[.:]?", re.I)
TITLE_WORDS = re.compile(r"\b(?:polic(?:y|ies)|code\s+of\s+(?:conduct|practice)|procedures?|"
                         r"guidance|guidelines|protocol|charter|handbook|statement\s+of\s+"
                         r"\w+\s+policy)\b", re.I)
# a title ending with its kind: "Woking High School Safe Use of Technology Policy" (a line that has a
# number before it is the document's title only so: "1.0 Policy statement" is its first section)
TITLE_END = re.compile(TITLE_WORDS.pattern + r"\W*$", re.I)
# "Purpose of the policy", "Reviewing this policy": a heading about the policy, not its title
ABOUT_POLICY = re.compile(r"\b(?:the|this|our|a|of|these)\s+(?:polic(?:y|ies)|code|procedures?|guidance)\b", re.I)
# a section's heading that names the policy's own part, never the document's title: "Policy statement",
# "Statement of policy", "Policy aims"
POLICY_PART = re.compile(r"\W*(?:(?:the\s+)?polic(?:y|ies)\s+(?:statement|aims?|purpose|overview|context|principles?|"
                         r"objectives?|rationale|scope)|statement\s+of\s+(?:the\s+)?policy)\W*", re.I)
# a number the reader left on the text (before a small letter) of a line that is a heading
_LEADING_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)[.)]?[ \t]+(?=[^\W\d_])")
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
          "to", "with", "within", "our", "your", "its", "their", "&", "-", "–", "—", "/", "vs"}
END_STOP = re.compile(r"[.,;:!]$|[.!?]['\"\u2019\u201d)]$")
# a sentence ended: prose, not a title or a subtitle ("Staff Handbook – Section 5: Social Media Code")
SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]?$")
# a line that is a sentence carried onto the next line, not a heading: it ends on a word no title
# ends on (an article, a preposition, a conjunction, a modal, a possessive, as written in small
# letters: "So that we may all", "Staff must ensure that"), or says what a subject does ("we may",
# "you will"); nor is a row of cells parted by slashes, one a figure ("Version / 2.0 / Status / Final";
# a title's "Development / Monitoring / Review" is one)
CARRIED = re.compile(r"(?-i:\b(?:a|an|the|of|to|for|with|from|in|on|at|by|into|and|or|but|that|so|because|if|"
                     r"when|which|who|may|will|can|must|should|would|could|shall|is|are|was|were|be|have|has|"
                     r"our|your|their|its|my|his|her))[^\w?]*$"   # (a question may end so: "What is it for?")
                     r"|(?i:\b(?:we|you|they|he|she|i)\s+(?:may|will|can|must|should|would|could|shall|are|were|"
                     r"have|do|did)\b)")
SLASHED_ROW = re.compile(r"^(?=[^\d]*\d)[^/]+(?:\s/\s[^/]+){2,}$")   # (a figure in a cell: no title's words)
MAX_WORDS = 14
# short lines of a form, never a heading of three letters ("Aim" is one)
FORM_WORDS = frozenset("yes tel fax mob nil tbc dob ref".split())
MAX_CHARS = 110


def _words(text: str) -> list[str]:
    return text.split()


def title_case(text: str) -> bool:
    """Most significant words start with a capital (or the line is short sentence case:
    "Roles and responsibilities")."""
    words = [w.strip("()\"'\u2018\u2019\u201c\u201d:,") for w in _words(text)]
    words = [w for w in words if w]
    if not words or not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    big = [w for w in words[1:] if w.lower() not in _SMALL and w[:1].isalpha()]
    if not big:
        return True
    caps = sum(1 for w in big if w[:1].isupper())
    return caps * 2 >= len(big) or len(words) <= 5


def is_body(p: Paragraph | None) -> bool:
    """Text a heading can stand over: a list, a table, or a paragraph that reads as prose."""
    if p is None:
        return False
    if p.kind in ("item", "row"):
        return True
    if p.kind == "heading":
        return False
    t = p.text
    # (or a lead into a list that ends in a dash as others end in a colon: "We will not –")
    return len(_words(t)) >= 9 or bool(re.search(r"[.:;!?]['\"\u2019\u201d)]?$|\s[-–—]$", t))


# a question's words ended by a colon, as a heading asks it: "Why the Internet and digital communications are
# important:" (not a clause that leads into a list, "When using the internet, pupils will:")
ASKED = re.compile(r"(?:Why|How|What|When|Where|Who|Which)\b[^,;:]{3,100}:")
_LEADS_ON = re.compile(r"\b(?:must|will|should|shall|may|can|could|would|need|needs|to|are|is|include|includes)\s*:$",
                       re.I)


# a verb that makes a line ending in a colon lead into what follows ("You must:", "Staff should not:")
_LEAD_VERB = re.compile(r"\b(?:must|will|should|shall|may|can|could|would|need|needs|are|is)\b", re.I)


# a form's field, whose colon waits for a value, not a heading's: "Signature of Co-Chair of Governors:",
# "Date of next review:", "Name of school:"
FIELD_LABEL = re.compile(r"(?:signature|signed|date|dated|(?:print(?:ed)?\s+)?name)\b", re.I)


def _colon_title(t: str) -> bool:
    """A few title-case words and a colon: "Introduction:", "Use of Cameras:" (not "You must:", nor a
    form's field: "Signature of Chair of Governors:")."""
    return t.endswith(":") and len(_words(t)) <= 6 and title_case(t[:-1]) and not CARRIED.search(t[:-1]) \
        and not _LEAD_VERB.search(t) and not FIELD_LABEL.match(t)


def _over_prose(p: Paragraph, nxt: Paragraph) -> bool:
    """A few title-case words and a colon over a paragraph of prose, not over the list a colon leads
    into: "Introduction:", "Aim of Policy:", "For Parents:" (not "You must:", "Staff must not:"); or
    a question's words and a colon over it ("Why the Internet is important:")."""
    t = p.text
    if not (t.endswith(":") and nxt.kind == "para" and len(_words(nxt.text)) >= 9 and SENTENCE_END.search(nxt.text)
            and nxt.text[:1].isupper()):
        return False
    return bool(ASKED.fullmatch(t)) and len(_words(t)) <= 12 and not _LEADS_ON.search(t) or _colon_title(t)


def _shape_ok(p: Paragraph) -> bool:
    t = p.text
    if not t or len(t) > MAX_CHARS or len(_words(t)) > MAX_WORDS:
        return False
    if not re.search(r"[^\W\d_]", t):
        return False
    first = re.search(r"[^\W\d_]", t)
    if first and first.group().islower() and not is_decimal(p.number):
        return False          # a sentence going on; "4. training" keeps its number's sign
    return True


def _capitals(text: str) -> bool:
    """A short line in capitals with no figure: "RATIONALE", "ROLES AND RESPONSIBILITIES"."""
    return len(re.sub(r"[^\w]|\d|_", "", text)) >= 4 and text.upper() == text and not re.search(r"\d", text) \
        and len(_words(text)) <= MAX_WORDS and not END_STOP.search(text)


def _kind(p: Paragraph, nxt: Paragraph | None, known: set[str],
          prev: Paragraph | None = None, plain: bool = False, names_master=None,
          listed: bool = False, a_person=None) -> tuple[str, int] | None:
    """("style" | "strong" | "weak", level) when ``p`` is a heading, else None."""
    if p.kind == "heading":
        return "style", p.level
    if p.kind == "item" and p.bold and p.level == 1 and nxt is not None and _shape_ok(p) and \
            not END_STOP.search(p.text) and (nxt.kind not in ("item", "heading") and is_body(nxt)
                                             or nxt.kind == "item" and nxt.level > p.level
                                             or nxt.kind == "heading" and nxt.level >= 1):
        # Word's automatic numbering on a bold line over prose, over its own numbered clauses ("1."
        # over "1.1", "1.2"), or over its sub-headings: a numbered heading, not a list's item
        return "weak", 0
    if p.kind == "item" and nxt is not None and nxt.kind == "item" and _capitals(p.text) and \
            (nxt.level > p.level or len(_words(p.text)) == 1 and len(p.text) >= 5 and len(_words(nxt.text)) >= 9
             and not _capitals(nxt.text)):
        # a bullet in capitals over the items it heads, deeper, or one word over a sentence: "• RATIONALE"
        # then "• This Code..." (not "• NEVER SHARE PASSWORDS" or "• UK GDPR" over what they mean)
        return "strong", 1
    if p.kind == "item" and nxt is not None and nxt.kind == "para" and _shape_ok(p) and \
            (_capitals(p.text) or len(_words(p.text)) <= 4 and title_case(p.text)) and \
            not END_STOP.search(p.text) and len(_words(nxt.text)) >= 9 and SENTENCE_END.search(nxt.text) and \
            (prev is None or prev.kind != "item" and not prev.text.rstrip().endswith(":")):
        # a bullet alone, in capitals or a few title-case words, over a paragraph of prose: a heading a page
        # set with a bullet ("• SCOPE" over "This Policy applies to students, staff ..."; not a list's last
        # item before the prose after it)
        return "weak", 0
    if p.kind != "para" or nxt is None or page_footer(p.text) or BREADCRUMB.fullmatch(p.text.strip()) or \
            a_person is not None and a_person(p.text):
        return None
    t = p.text
    loose = _loose(t)
    is_known = bool(loose) and loose in known and len(t) <= MAX_CHARS
    if not is_known and not _shape_ok(p):
        return None
    # (a colon ends a heading that is known, or one typed with its number in a few title-case
    # words over prose: "2. Purpose, Scope and Principles:"; "The headteacher will:" leads a list)
    # ("5." on its own line over "World Wide Web:" heads it even with nothing under it: a lost list)
    titled = t.endswith(":") and is_decimal(p.number) and len(_words(t)) <= 6 and title_case(t[:-1]) \
        and (is_body(nxt) and nxt.kind == "para" or p.apart) or _over_prose(p, nxt) or _capitals_over(p, nxt)
    if END_STOP.search(t) and not (is_known and t.endswith(":")) and not titled:
        return None
    if is_decimal(p.number) and (_continues_list(p, nxt) or (prev is not None and _continues_list(prev, p))):
        return None          # an entry of a numbered list of short lines (a contents list with no page numbers)
    if is_known:
        return "strong", number_depth(p.number) if is_decimal(p.number) else 1
    if "@" in t or re.search(r"(?i:https?:|www\.)|\d{4,}|\d{3,}\s\d{3}", t):
        return None
    if is_decimal(p.number):
        depth = number_depth(p.number)
        if depth >= 2 and not title_case(t) and len(_words(t)) > 6:
            return None      # a numbered clause, not a heading
        if len(_words(t)) > 8 and re.search(r"[a-z]{3,}\.[ \t]+[A-Z]", t):     # (not "St. Patrick's", "Mr. Smith")
            return None      # a numbered item with a sentence ended inside it: "1. Text messages – can be
            #                  threatening. Also included here is"
        return "strong", depth
    if is_capital(p.number):      # Section B - Aims, C) DEFINITIONS, IV. Scope
        return "strong", 1
    if APPENDIX.match(t):
        return "strong", 1
    if ": " in re.sub(r"\([^()]*\)", "", t)[:-1] and not p.marked:
        return None          # "Approved: June 2024", "Signed: ..." (not a note in brackets: "... (Source: NAHT)")
    if (CARRIED.search(t) or SLASHED_ROW.match(t)) and not p.marked:
        return None          # "So that we may all" over "Learn, Love and Achieve.", "Version / 2.0 / Status"
    if p.marked and (title_case(t) or len(_words(t)) <= 8):
        return "strong", 1
    if _capitals(t) and len(re.sub(r"[^\w]|\d|_", "", t)) >= 6:
        return "strong", 1
    letters = re.sub(r"[^\w]|\d|_", "", t)
    if re.search(r"(?:[^\W\d_]\d|\d[^\W\d_])", t):
        return None          # a postcode, a reference number: "MK41 7NH", "Form B2"
    if p.bold and len(letters) >= 3 and len(_words(t)) <= 12:
        return "weak", 0         # a short line all in bold, in a .docx
    if (len(letters) >= 4 or len(letters) == 3 and t.lower() not in FORM_WORDS) and len(_words(t)) <= 10 and \
            title_case(t) and is_body(nxt) and not _listed_pair(p, prev, nxt):
        return "weak", 0
    if t.endswith("?") and len(letters) >= 6 and len(_words(t)) <= MAX_WORDS and t[:1].isupper() and \
            is_body(nxt) and nxt.kind == "para" and not nxt.text.rstrip().endswith("?"):
        return "weak", 0     # a question over its answer: "Who controls content for @stmarysrcmidd?"
    if ASKED.fullmatch(t) and _over_prose(p, nxt):
        return "weak", 0     # ... or its words and a colon: "Why the Internet is important:"
    if plain and len(letters) >= 4 and len(_words(t)) <= 12 and t[:1].isupper() and is_body(nxt) \
            and not nxt.text[:1].islower() and not (prev is not None and prev.text.rstrip().endswith(":")):
        return "weak", 0     # a heading in sentence case, in a copy that sets its headings no other way
    if names_master is not None and len(_words(t)) <= 6 and (title_case(t.rstrip(":")) or _capitals(t)) and \
            not re.match(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s", t) and \
            not listed and \
            not (nxt is not None and re.match(rf"\s*(?:\d|(?i:{MONTH_WORD})\b)", nxt.text)) and \
            names_master(t.rstrip(":")):
        # a master's section named in other words, a line of its own even with no text under it (a
        # copy that lost the list under it): "Aims" for "Statement of intent", "Guidelines for Pupils";
        # not a cover's label over its date ("Review" over "September 2025"), nor a person ("Mrs J Sim
        # Deputy DSL"), nor an entry of a list a sentence leads ("applies to:" over "Governors",
        # "Pupils", "Parents")
        return ("strong", number_depth(p.number)) if is_decimal(p.number) else ("weak", 0)
    return None


# two parts of a line set apart by a dash: "Olivia McCourt - Designated Person", "Richard Carr–Head of School"
# (not a hyphenated word: "Co-ordinator")
PAIRED = re.compile(r"[^\W\d_](?:[ \t]+[-–—][ \t]*|[ \t]*[-–—][ \t]+|[–—])[^\W\d_]")


def _listed_pair(p: Paragraph, prev: Paragraph | None, nxt: Paragraph | None) -> bool:
    """Is ``p`` an entry of a list of pairs set apart by a dash, one to a line ("Stephen Garrett- Principal"
    after "Christopher Marr- Designated Person", or after a sentence that leads into it: "... may be
    contacted:"), not a heading over the prose after it?"""
    if not PAIRED.search(p.text):
        return False
    return any(q is not None and q.kind in ("para", "row") and PAIRED.search(q.text) and len(_words(q.text)) <= 16
               for q in (prev, nxt)) or \
        (prev is not None and prev.text.rstrip().endswith(":") and len(_words(prev.text)) >= 5)


def _unglued(paras: list[Paragraph], outline) -> list[Paragraph]:
    by_number: dict[str, list[re.Pattern]] = {}     # an entry's number -> its title, as a pattern
    for number, title in dict.fromkeys(outline):
        words = re.findall(r"[^\W_]+", title)
        if number is not None and words:
            by_number.setdefault(number, []).append(
                re.compile(r"\W*" + r"\W+".join(map(re.escape, words)) + r"\b[ \t:.\-–]*", re.I))
    if not by_number:
        return paras
    out = []
    for p in paras:
        head = None
        if p.kind == "para" and p.number is not None:
            for pattern in by_number.get(p.number, ()):
                if (m := pattern.match(p.text)) and re.search(r"[^\W\d_]", p.text[m.end():]):
                    head = m
                    break
        if head is None:
            out.append(p)
            continue
        title, rest = p.text[:head.end()].rstrip(" \t:.-–"), p.text[head.end():]
        out.append(replace(p, text=title, markdown=title))
        out.append(replace(p, text=rest, markdown=rest, number=None))
    return out


def _continues_list(p: Paragraph, nxt: Paragraph) -> bool:
    """``p`` and the paragraph after it are numbered one after the other with nothing between:
    a numbered list of short lines, not headings."""
    if nxt.kind not in ("para", "heading") or not is_decimal(nxt.number) or not is_decimal(p.number):
        return False
    a, b = p.number.split("."), nxt.number.split(".")
    if p.apart and nxt.apart:
        return False          # numbers set on lines of their own over their titles: a PDF's headings
    if len(a) != len(b) or a[-1] in ("0", "00"):
        return False          # "3.0 Roles" then "3.1 The headteacher": a section and its first part
    try:
        if a[:-1] != b[:-1] or int(b[-1]) != int(a[-1]) + 1:
            return False
    except ValueError:
        return False
    # (a list's entries are alike: a heading over a numbered first paragraph is not one, "1. Purpose"
    # then "2. The purpose of this policy is to...", nor a clause and the heading after it; lines that
    # end no sentence one after the other are)
    return _ends_sentence(p) == _ends_sentence(nxt)


def _ends_sentence(p: Paragraph) -> bool:
    """Prose: a sentence ended (a question may be a heading: "4. What happens if the Code changes?"),
    or longer than any heading (a line cut short)."""
    text = re.sub(r"(?:\.{2,}|…+)$", "", p.text)      # (a contents entry's leader is no full stop)
    return bool(re.search(r"[.!]['\"\u2019\u201d)]?$", text)) or len(_words(text)) > MAX_WORDS


def mark_headings(paragraphs, known_titles=(), outline=(), names_master=None,
                  a_person=None) -> tuple[list[Paragraph], int | None]:
    """The paragraphs with those that act as headings made kind "heading" (with their level),
    and the index of the document's title, if it has one. ``outline``: (number, title) of the
    entries of the copy's own table of contents, read as headings like the master's titles; a
    paragraph that starts with an entry's number and title and runs on (a PDF's copy: "1.
    Introduction Information and Communications Technology covers...") is that heading and its
    first paragraph. ``names_master``: whether a line names one of the master's sections in other words
    (the import's title likeness), so it is a heading as a known title is; ``a_person``: whether a line is
    one person ("Andrew Wilkinson (Head Teacher)", "Wendy Ainscough"), never a heading but by its style."""
    paras = _unglued(list(paragraphs), outline)
    known = {k for k in (_loose(str(t)) for t in known_titles) if k} | \
        {k for k in (_loose(t) for _, t in outline) if k}
    kinds = _kinds(paras, known, plain=False, names_master=names_master, a_person=a_person)
    if sum(k is not None for k in kinds) < 3:
        # a copy with hardly a heading by the usual signs sets its headings as plain lines in
        # sentence case ("The use of social media sites by pupils"): read it so, as a whole
        plain = _kinds(paras, known, plain=True, names_master=names_master, a_person=a_person)
        if sum(k is not None for k in plain) >= 3:
            kinds = plain
    kinds = _colon_siblings(paras, kinds)
    out = _levelled(paras, kinds)
    title = _title_index(out, known)
    above = {i for i, k in enumerate(kinds[:title or 0]) if k is not None and k[0] != "style"}
    if above:
        # a line above the title is the cover's (the school's name in capitals, its motto), never a
        # heading (but by its style): "KILBRIDE NATIONAL SCHOOL" over "Mobile Phone Policy" would
        # else head the whole copy and sink its real headings under it
        kinds = [None if i in above else k for i, k in enumerate(kinds)]
        out = _levelled(paras, kinds)
    if title is not None:
        # the title again further on is a page's running header, not a heading ("Social Media
        # Policy" at the top of every page of a copy made from a PDF): read without it
        again = _loose(out[title].text)
        repeats = {i for i, p in enumerate(out) if i != title and p.kind == "heading" and _loose(p.text) == again}
        if repeats:
            kinds = [None if i in repeats else k for i, k in enumerate(kinds)]
            out = _levelled(paras, kinds)
            out = [replace(p, kind="para", level=0) if i in repeats else p for i, p in enumerate(out)]
    return out, title


def _capitals_over(p: Paragraph, nxt: Paragraph | None) -> bool:
    """Two words or more in capitals and a colon over a list or prose, as a copy that sets its headings
    in capitals writes them: "UNDERSTANDING CYBER-BULLYING:" (a lead into a list is not written in
    capitals; nor "NAME OF CHILD:", a form's field)."""
    t = p.text
    return t.endswith(":") and _capitals(t[:-1]) and 2 <= len(_words(t)) <= 6 and not _LEAD_VERB.search(t) \
        and not re.search(r"\b(?:do|does|don'?t|not|never|always|please|you|we)\b", t, re.I) \
        and not FIELD_LABEL.match(t) and is_body(nxt)


def _colon_head(p: Paragraph) -> bool:
    """A few title-case words and a colon, alone on a line: "Use of Cameras:", "Social Networking:"."""
    return p.kind == "para" and not p.number and _colon_title(p.text)


COLON_SIBLINGS = 2    # headings of that shape over prose that make the copy's other lines of it headings
COLON_OVER_LISTS = 3  # ... or lines of that shape each over its own list, with none over prose


def _colon_siblings(paras: list[Paragraph], kinds: list) -> list:
    """In a copy that sets its headings as a few title-case words and a colon (two or more of them
    over prose, or three or more over lists), another line of that shape is a heading too, over a
    list as well as prose ("Social Networking:" over its bullets, after "Use of Cameras:" and "Use of
    Mobile Phones:" over theirs; "Aims of Policy:", "Understanding Cyber Bullying:" and "Procedures
    to Prevent Cyber Bullying:", each over bullets)."""
    heads = [i for i, p in enumerate(paras[:-1]) if _colon_head(p) and is_body(paras[i + 1])]
    if sum(1 for p, k in zip(paras, kinds) if k is not None and _colon_head(p)) < COLON_SIBLINGS and \
            len(heads) < COLON_OVER_LISTS:
        return kinds
    out = list(kinds)
    for i in heads:
        if out[i] is None:
            out[i] = ("weak", 0)
    return out


def _levelled(paras: list[Paragraph], kinds) -> list[Paragraph]:
    """The paragraphs with their headings marked, each at its level."""
    out: list[Paragraph] = []
    strengths: list[str | None] = []
    last_strong = 0
    # (a weak heading with no strong one above it is no higher than the copy's heading styles: a bold
    # "Key people / dates" over a copy's "Heading 2" sections is one of them, not their parent)
    styled = min((k[1] for k in kinds if k is not None and k[0] == "style" and k[1] >= 1), default=1)
    for p, k in zip(paras, kinds):
        if k is None:
            out.append(p)
            strengths.append(None)
            continue
        strength, level = k
        if out and out[-1].kind == "heading" and BARE_APPENDIX.fullmatch(out[-1].text) \
                and strength != "style":
            strength, level = "sub", out[-1].level + 1     # "Appendix 2" then its title
        elif strength == "weak":
            level = last_strong + 1 if last_strong else styled
        elif strength != "sub":
            last_strong = level if level >= 1 else last_strong
        if p.number is None and p.kind != "heading" and (m := _LEADING_NUMBER.match(p.text)):
            p = replace(p, number=m.group(1), text=p.text[m.end():], markdown=p.text[m.end():])
        out.append(replace(p, kind="heading", level=max(0, min(level, 6))))
        strengths.append(strength)
    return _over_its_numbers(_same_shape_same_level(out, strengths))


def _over_its_numbers(paras: list[Paragraph]) -> list[Paragraph]:
    """A heading with no number of its own right over a numbered sub-heading ("2.1 Governance") at its
    own level is their parent, a level up: "Summary principles" numbered 2 by Word's list, whose
    number a copy does not carry, over "2.1 Governance", "2.2 Infrastructure"."""
    out = list(paras)
    for i in range(len(out) - 1):
        p, q = out[i], out[i + 1]
        if p.kind == "heading" and q.kind == "heading" and p.number is None and p.level > 1 and \
                q.level == p.level and is_decimal(q.number) and number_depth(q.number) == q.level:
            out[i] = replace(p, level=p.level - 1)
    return out


def _shape(p: Paragraph, strength: str) -> str:
    """What kind of heading a line is, by its look: a typed number's depth, capitals, a
    structural word ("Part", "Section"), or plain words."""
    if strength == "style":
        return f"style{p.level}"
    if is_decimal(p.number):
        return f"number{number_depth(p.number)}"
    word = p.text.split()[0].lower() if p.text.split() else ""
    lead = word if word in ("part", "section", "chapter", "appendix", "annex", "annexe", "schedule") else ""
    letters = re.sub(r"[^\w]|\d|_", "", p.text)
    return f"{lead}:{'caps' if letters and p.text.upper() == p.text else 'words'}:{bool(p.bold)}"


def _listed(paras: list[Paragraph]) -> list[bool]:
    """Whether each paragraph is an entry of a list of short lines that a line ending in a colon
    leads ("This policy applies to:" over "Governors", "Pupils", "Parents")."""
    out = [False] * len(paras)
    led = False
    for i, p in enumerate(paras):
        short = p.kind == "para" and len(_words(p.text)) <= 6 and not END_STOP.search(p.text)
        out[i] = led and short
        led = p.text.rstrip().endswith(":") or (led and short)
    return out


# the small word a line wrapped after, that no title ends on: an article, a preposition, a conjunction
WRAPPED_AFTER = re.compile(r"(?-i:\b(?:a|an|the|of|to|for|with|from|in|on|at|by|into|and|or|but|that|our|your|"
                           r"their|its|my|his|her))$")


def _carried_on(prev: Paragraph, p: Paragraph, known: set[str]) -> bool:
    """``p`` is the rest of the line before it, a title the cover wrapped ("Safe Working Practices for
    the" over "Protection of Children and Staff"): the line before it stops on a small word no title
    ends on, with no stop after it (nor a label's colon: "Policy owner: Head of" over "Introduction");
    never a line that is a master section's title."""
    return prev.kind == "para" and p.kind == "para" and p.line - prev.line <= 2 and not p.marked and \
        not p.number and ":" not in prev.text and bool(WRAPPED_AFTER.search(prev.text.rstrip())) and \
        _loose(p.text) not in known


def _kinds(paras: list[Paragraph], known: set[str], plain: bool, names_master=None,
           a_person=None) -> list[tuple[str, int] | None]:
    # from the end: whether a line acts as a heading depends on what follows it as finally read
    # (so reading again, or reading the .docx made from the result, decides the same)
    kinds: list[tuple[str, int] | None] = [None] * len(paras)
    decided = list(paras)
    listed = _listed(paras)
    text_from = next((i for i, p in enumerate(paras) if p.kind == "para" and is_body(p)), len(paras))
    for i in range(len(paras) - 1, -1, -1):
        if 0 < i < text_from and _carried_on(paras[i - 1], paras[i], known):
            continue
        k = _kind(paras[i], decided[i + 1] if i + 1 < len(paras) else None, known,
                  paras[i - 1] if i > 0 else None, plain, names_master, listed[i], a_person)
        kinds[i] = k
        if k is not None and paras[i].kind != "heading":
            decided[i] = replace(paras[i], kind="heading")
    return kinds


def _same_shape_same_level(paras: list[Paragraph], strengths: list[str | None]) -> list[Paragraph]:
    """Headings that look alike get one level, the highest any of them has: "PART A" and
    "PART B" are the same rank of heading wherever they stand (decided over the whole document,
    so what came before one of them cannot sink it)."""
    shapes: dict[str, int] = {}
    keyed = []
    for p, strength in zip(paras, strengths):
        # (an appendix's title under "Appendix 2" keeps its place under it)
        key = _shape(p, strength) if strength not in (None, "sub") and p.level >= 1 else None
        keyed.append(key)
        if key is not None:
            shapes[key] = min(shapes.get(key, p.level), p.level)
    return [replace(p, level=shapes[key]) if key is not None and key.startswith(("part", "section", "chapter",
                                                                                  ":caps"))
            else p for p, key in zip(paras, keyed)]


MOTTO = re.compile(r"[‘'\"“][^‘’'\"“”\n]{3,200}[’'\"”]\.?")


# a web page's trail of links a copy kept, never its title nor a heading: "Policies >", "You are here: Home /
# Parents / Parent Council / Facebook Page Rules", "Home » About us » Policies"
_CRUMB = r"[^\W\d_](?:[\w'’&(). -]{0,58}[\w'’&().-])?"     # (a link's words, ending in no space: one way to read)
_STEP = r"(?:[ \t]*[>»›][ \t]*|[ \t]+/[ \t]+)"
BREADCRUMB = re.compile(rf"(?:(?i:you\s+are\s+here)[ \t]*:?[ \t]*)?{_CRUMB}(?:{_STEP}{_CRUMB})*[ \t]*[>»›][ \t]*"
                        r"|(?i:you\s+are\s+here)\s*:?\s*.*"
                        rf"|(?i:home)(?:[ \t]*[>»›][ \t]*{_CRUMB})+|(?i:home)(?:[ \t]+/[ \t]+{_CRUMB}){{2,}}")
# ("Home / School Agreement" is a title: a trail parted by slashes has two steps at least)


def _title_index(paras: list[Paragraph], known: set[str]) -> int | None:
    """The title: a Word "Title" (level 0) heading, or a short line naming a policy among the
    first lines, before any body text, with no section number typed before it unless it ends
    with its kind ("1.0 Policy statement" is the first section; a page's "1" may stand before
    "Oak Hill Social Media Policy"); when it is a heading, only if it is not a known section
    title and other headings follow."""
    # (Word's "Title" style says so wherever it stands among the first lines, after a motto or a strapline)
    styled = next((i for i, p in enumerate(paras[:12]) if p.kind == "heading" and p.level == 0), None)
    if styled is not None:
        return styled
    for i, p in enumerate(paras[:12]):
        if MOTTO.fullmatch(p.text.strip()) or BREADCRUMB.fullmatch(p.text.strip()):
            continue     # a motto in quotation marks above the title: "‘Learning and growing together’"; a
            #              web page's trail of links
        if is_body(p) and p.kind != "heading":
            return None
        if (TITLE_WORDS.search(p.text) and not ABOUT_POLICY.search(p.text) and len(_words(p.text)) <= 12
                and not POLICY_PART.fullmatch(p.text)
                and not END_STOP.search(p.text)
                and not p.text.rstrip().endswith(":") and _loose(p.text) not in known
                and (not p.number or TITLE_END.search(p.text) and len(_words(p.text)) >= 2)
                and p.kind in ("para", "heading")):
            if p.kind == "heading" and not any(q.kind == "heading" for q in paras[i + 1:]):
                return None
            if p.kind == "heading" and any(q.kind == "heading" and q.level < p.level
                                           for q in paras[i + 1:]):
                return None
            return i
    return None


def split_sections(paragraphs, known_titles=(), outline=(), names_master=None,
                   a_person=None) -> tuple[list[Paragraph], list[Section]]:
    """(preamble, sections): the paragraphs before the first section (the title left out), and
    each top-level section with the paragraphs under it (sub-headings included)."""
    paras, title = mark_headings(paragraphs, known_titles, outline, names_master, a_person)
    known_titles = [*known_titles, *(t for _, t in outline)]
    body = [p for i, p in enumerate(paras) if i != title]
    levels = [p.level for p in body if p.kind == "heading" and p.level >= 1]
    if not levels:
        return _opening(body, 1)
    top = section_level(body, {k for k in (_loose(str(t)) for t in known_titles) if k})
    preamble: list[Paragraph] = []
    sections: list[Section] = []
    heads: list[Paragraph] = []      # each section's heading, as the paragraph it was
    alone = {lv for lv, n in Counter(levels).items() if n == 1}
    for i, p in enumerate(body):
        if p.kind == "heading" and p.level == top or (
                not sections and p.kind == "heading" and 1 <= p.level < top and p.level in alone
                and _holds_text(body, i)):
            # (the one heading above the sections' level, before the first of them, with text of its
            # own under it, is a section too: "Section 1: Introduction" and its paragraph over "1.1
            # Objectives" in a copy cut short; its text would else be left out. Parts that group the
            # master's sections, "PART A" and "PART B", give way to them)
            if sections and sections[-1].paragraphs and not any(q.kind == "heading" for q in sections[-1].paragraphs) \
                    and not any(_is_text(q) for s in sections for q in s.paragraphs):
                # (a heading on the cover over its labels and titles, before any text: the school's name
                # in capitals over "Date: September 2016"; the cover's, never a section. A heading right
                # over its own sub-heading, "1. Introduction" over "1.1 Scope", stays one)
                preamble += [heads.pop(), *sections.pop().paragraphs]
            sections.append(Section(p.text, p.line, p.level, p.number))
            heads.append(p)
        elif sections:
            sections[-1].paragraphs.append(p)
        else:
            preamble.append(p)
    preamble, opening = _opening(preamble, top)
    return preamble, opening + sections


OPENING_WORDS = 25    # words of ended sentences that make the text above the first heading a section


# a sentence ended inside a paragraph and the next begun: "... at the academy. The policy covers ..."
SENTENCE_INSIDE = re.compile(r"[a-z][.!?]['\"\u2019\u201d)]?[ \t]+[A-Z]")


def prose_words(paras) -> int:
    """The words of ``paras`` in sentences ended (not table rows): how much prose they hold. A
    paragraph that does not end a sentence holds prose when sentences end inside it (a copy cut
    off mid-sentence, or whose lines a web page ran into one)."""
    return sum(len(p.text.split()) for p in paras if p.kind != "row" and (
        SENTENCE_END.search(p.text.strip()) or len(p.text.split()) >= OPENING_WORDS and SENTENCE_INSIDE.search(p.text)))


def _opening(paras: list[Paragraph], level: int) -> tuple[list[Paragraph], list[Section]]:
    """(preamble, [section]): the text above the first heading, as a section with no title when it
    is prose (sentences ended, ``OPENING_WORDS`` words of them or more: a statement of intent with
    no heading, or a copy with no headings at all), so it is compared with the master, never lost;
    a cover of labels and dates stays the preamble."""
    if prose_words(paras) < OPENING_WORDS:
        return paras, []
    # (a heading over it, above the sections' level, is its title: "Statement of Intent" in bold over
    # its text, before headings Word numbers "1.", "2." ...)
    heads = [i for i, p in enumerate(paras) if p.kind == "heading" and p.level >= 1]
    if heads and prose_words(paras[heads[-1] + 1:]) >= OPENING_WORDS:
        k = heads[-1]
        return paras[:k], [Section(paras[k].text, paras[k].line, level, paras[k].number, list(paras[k + 1:]))]
    return [], [Section("", paras[0].line, level, None, list(paras))]


# a cover's label left empty or dated, no sentence: "Date: September 2016", "Review:", "Adopted by the
# Board on: / June 2012", "Version: 2" (not a person's, "DSL: Mrs Patel", a key people's table)
COVER_LABEL = re.compile(r"[^:.;!?]{1,80}:[ \t/|]*(?:[^:.;!?]{0,40}\d[^:.;!?]{0,40})?")
# ... unless it is a sentence that leads into a list: a verb as a lead's (``_LEAD_VERB``), or these words:
# "This policy applies to the following people:"
LEADS_IN = re.compile(r"\b(?:includes?|appl(?:y|ies)|covers?|means|following|these|we|our)\b", re.I)


def _is_text(q: Paragraph) -> bool:
    """A paragraph of text, not a title, a subtitle or a cover's label: a list's item, a table's row, a
    sentence ended, a line leading into a list, a list's line run on in lower case, or a label and its
    value ("DSL: Mrs Patel"). (The text a cover's heading lacks; ``_holds_text`` asks more of the one
    heading above the sections' level: a sentence ended, a list or a table.)"""
    t = q.text.strip()
    if q.kind in ("item", "row"):
        return True
    leads = bool(_LEAD_VERB.search(t) or LEADS_IN.search(t))
    return q.kind != "heading" and (leads or not COVER_LABEL.fullmatch(t)) and (
        bool(SENTENCE_END.search(t)) or t[:1].islower() or bool(re.search(r":\s*\S", t)) or t.endswith(":"))


def _holds_text(body: list[Paragraph], i: int) -> bool:
    """Text of its own stands under the heading at ``i`` before the next heading: a list, a table
    or a sentence ended (not a subtitle, "Staff Handbook – Section 5: Social Media Code for Staff")."""
    for q in body[i + 1:]:
        if q.kind == "heading":
            return False
        if q.kind in ("item", "row") or SENTENCE_END.search(q.text.strip()):
            return True
    return False


def section_level(body: list[Paragraph], known: set[str]) -> int:
    """The level of the document's sections, decided over the whole document: the highest level
    of heading, unless it holds a single heading, not one of the master's titles, while the level
    below holds more (a strapline or a running title in capitals over the real headings), or
    the master's titles are found clearly more often one level down (a copy that groups its
    sections under parts). A heading above the sections' level stays as a paragraph of the
    section it falls in."""
    count = Counter(p.level for p in body if p.kind == "heading" and p.level >= 1)
    known_at = Counter(p.level for p in body if p.kind == "heading" and p.level >= 1 and _loose(p.text) in known)
    levels = sorted(count)
    for here, below in zip(levels, levels[1:]):
        lone = count[here] < 2 <= count[below] and not known_at[here]   # (a master's title stays)
        if not lone and known_at[below] < known_at[here] + 2:
            return here
    return levels[-1]
