"""Review cycles and review dates typed in the text ("This policy is reviewed annually", "Next
review: July 2025") checked against the policy's cycle and next review for each school
(W-REVIEW-PROSE).

Found in two steps, one sentence (or one "|"-separated part of a footer line) at a time, Jinja
blanked out so ``{{ policy.review_cycle }}`` is never read as a cycle:

1. **Is it about this document's review?** A review label ("Review date:", "Next review",
   "Review cycle:", "To be reviewed", "Revision due", "Policy expiry date"), or a review word
   (review, revisit, revise, renew, update, reconsider, look at) tied to the document as subject
   or object ("This policy will be reviewed", "the headteacher reviews this policy", "subject to
   annual review", "It will be reviewed" after a sentence about the policy). A document named by
   another title ("the trust's Online Safety Policy", another policy of the pack) is not this one;
   neither is anything else reviewed (passwords, risk assessments, consent), nor "the policy"
   after another document named in the sentence ("review the Pay Policy annually and revise the
   policy").
2. **What does it say?** Every cycle (builder/source/review_text.py reads "annually", "each
   spring term", "every other year", "Review frequency: 3 years", "in twelve months' time") and
   every date that is not an approval or a past review ("January 2028", "01/09/2026", "Spring
   2028", a year alone after a next-review label, a month with a cycle: "every other year in
   September"; not a cited document's date in brackets after its title or publisher: "the DfE's
   'School attendance' (October 2014)"), compared with what the school's approval record gives.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from builder.common.diagnostics import Diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files
from builder.checks.typed_refs import names_document
from builder.source.review_text import (MONTH_WORD, DATE_TEXT, SEASONS, bare_cycle, cycle_spans, date_kind,
                                       month_number, read_date)
from builder.source.values import PackDate, cycle_words

REVIEW = re.compile(r"\b(?:review(?:ed|ing|s)?|revisit(?:ed|ing|s)?|revis(?:e|es|ed|ing)|re-?evaluat(?:e|es|ed|ing)|"
                    r"renew(?:s|ed|ing)?|updat(?:e|es|ed|ing)|re-?examin(?:e|es|ed|ing)|re-?assess(?:es|ed|ing)?|"
                    r"reconsider(?:s|ed|ing)?|consider(?:s|ed|ing)?|look(?:s|ed|ing)?\s+at)\b", re.I)
DOCUMENT = re.compile(r"\b(?:(?:this|the|our)\s+"
                      r"(?:(?!(?:review|revisit|revis|renew|updat|re-?evaluat|look|consider|reconsider|evaluat|"
                      r"re-?examin|re-?assess)|(?:this|the|our)\b)[\w'’]+(?:-[\w'’]+)*\s+){0,5}?"
                      r"(?:policy|code(?:\s+of\s+conduct)?|document|procedure|agreement|plan|guidance|"
                      r"guide|handbook|protocol|statement|template|(?-i:AUP)))\b", re.I)
# (a month's name cut short with a full stop before its year ends no sentence: "Next review: Sept. 2026")
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s\n])"
                      r"|(?:(?<=(?i:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))|(?<=(?i:sept)))"
                      r"\.(?=[ \t]+(?:19|20)\d\d)"
                      r"|\n(?![ \t\r]*\n)(?![ \t]*(?:[-*+]|\d+\.)\s))+[.!?]?", re.S)
# "This policy ... will be reviewed": the document is the sentence's subject, the review passive
PASSIVE_REVIEW = re.compile(r"\b(?:be|is|are|being|been)\s+(?:\w+\s+)?(?:reviewed|revisited|revised|updated|"
                            r"re-?evaluated|renewed|re-?examined|re-?assessed|reconsidered|considered|looked\s+at)\b"
                            # or how long it holds: "This policy is valid for one year", "has a lifespan of"
                            r"|\b(?:is|are|will\s+be|remains?)\s+valid\s+for\b|\bha(?:s|ve)\s+an?\s+(?:life\s*span|"
                            r"life|validity)\s+of\b"
                            # or when it ends: "is valid until", "remains in force until", "covers the period
                            # from ... to", "expires in"
                            r"|\b(?:is|are|will\s+be|remains?)\s+(?:valid|in\s+(?:force|effect))\s+(?:until|till|to)\b"
                            r"|\bexpires?\s+(?:in|on|at)\b|\bcovers?\s+the\s+period\b", re.I)


# a review label and the value after it: "Review date: May 2025", "Next review - Sept 2026",
# ("Date of review: May 2016", with no "next", is when it was last reviewed: published copies
# give it beside their next review date)
# "To be reviewed: July 2018", "Review frequency: Annual", "REVIEW JANUARY 2028"
REVIEW_LABEL = re.compile(
    r"(?<![\w])(?:(?i:date\s+for\s+(?:the\s+)?(?:next\s+)?review|date\s+of\s+(?:the\s+)?next\s+(?:[a-z]+\s+)?(?:review|approval|ratification)|next\s+(?:(?:scheduled|planned|full|formal|policy|school)\s+){0,2}"
    r"(?:review|revision)(?:\s+(?:date|due))?"
    r"(?:\s+(?:by|on|in))?|next\s+update(?:\s+(?:date|due)(?:\s+(?:by|on|in))?(?=\s)|(?=\s*[:\-–|]))|(?:date\s+)?(?<!are\s)(?<!were\s)(?<!are\sdue\s)(?<!were\sdue\s)(?P<tbr>to)\s+be\s+(?:reviewed|revised)(?:\s+(?:by|on|in))?|"
    r"(?<!are\s)(?<!were\s)to\s+be\s+(?:updated|renewed)(?=\s*[:\-–|])|"
    r"(?P<upd>to\s+be\s+(?:updated|renewed)(?=\s+(?:every|each|annually|yearly|termly|biennially)\b))|"
    r"(?:revision|review)\s+due(?:\s+date)?(?:\s+(?:by|on|in))?|(?:next|following|policy)\s+review\s+is\s+due"
    r"(?:\s+(?:by|on|in))?|policy\s+expiry\s+date|dyddiad\s+adolygu|adolygiad\s+nesaf|"   # (and in Welsh)
    r"(?:policy\s+)?(?:review|revision)\s+(?:date|cycle|frequency|period|"
    r"interval)|(?P<sched>review\s+schedule)|frequency\s+of\s+review|date\s+(?:for|of)\s+(?:revision|re-?adoption|re-?approval|renewal)|date\s+to\s+(?:revise|review)(?=\s*[:\-–|]|\s+\d|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|winter)\w*\b)|renewal\s+date|due\s+for\s+(?:its\s+)?"
    r"(?:next\s+)?(?:review|renewal)|(?P<cyc>reviewed)(?=\s*[:\-–|]|\s+(?:annually|yearly|every|each|biennially|termly)))|(?:Review|REVIEW)(?:\s+(?:by|on|in))?)"
    r"(?P<sep>\s*[:\-–|]+\s*|\s+(?=[\dA-Za-z])|(?<=[a-z])(?=[A-Z][a-z]))")
LAST = re.compile(r"(?:last|latest|previous|previously|most\s+recent(?:ly)?|date\s+of(?:\s+(?:the\s+)?policy)?)\s*$",
                  re.I)
_PART = re.compile(r"[^|]+")
YEAR_ALONE = re.compile(r"\s*(?P<y>(?:19|20)\d\d)\b(?![/.-]\d)")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
# a month (or a term) the review falls in, with no year: "every other year in September"
MONTH_ONLY = re.compile(r"\b(?:in|each|every|during)\s+(?:the\s+)?(?P<m>" + "|".join(_MONTHS) +
                        r"|spring|summer|autumn)\b(?:\s+term)?(?!\s*,?\s*(?:of\s+)?(?:19|20)\d\d)", re.I)


# a year alone as when the review falls: "review this policy in 2026", "by 2027"
YEAR_IN = re.compile(r"\b(?:in|during|by|before)\s+(?P<y>(?:19|20)\d\d)\b(?![/.-]\d)")
# an academic year: "2025-26", "2025/2026 academic year" (September to August)
ACADEMIC_YEAR = re.compile(r"\b(?P<y>20\d\d)\s*[-/–]\s*(?P<y2>\d\d|20\d\d)\b(?!\s*[-/–]\s*\d)")


# a date right after a past event: "Reviewed January 2025", "updated on 3 May 2024"
PAST_BEFORE = re.compile(r"\b(?:reviewed|revised|updated|amended|written|created|issued|adopted|approved|"
                         r"ratified|agreed|published|dated|period\s+from|in\s+force\s+from|valid\s+from|effective\s+from|"
                         # (another event's date: "the Act ..., which came into force on 1 April 2007")
                         r"came\s+into\s+(?:force|effect)|took\s+effect|commenced|enacted)\s*(?:on|in)?\s*[:\-–|]?\s*(?:…|\.{2,4})?\s*(?:\d{1,2}\s*(?:st|nd|rd|th))?\s*$",
                         re.I)


# the policy's adoption, then what comes next after a comma: "(Adopted on 14 January 2025, "
ADOPTED_THEN = re.compile(r"\b(?i:adopted|approved|agreed|ratified|issued)\b[^.;]{0,60}[,;(–-][ \t]*$")


# a version history's row: its date first, then the version and what was done ("15.09.16 1.1 Policy
# Reviewed Governing Board", "04/12/2019 | 1.6 | Policy reviewed")
PAST_ROW = re.compile(r"[ \t|:–—-]*(?:v(?:ersion)?\.?[ \t]*)?(?:\d{1,2}(?:\.\d{1,2}){0,2}[ \t|]+)?"
                      r"(?:[A-Za-z]+[ \t]+){0,2}?(?:reviewed|revised|updated|amended|written|created|issued|adopted|"
                      r"approved|ratified|agreed|published)\b", re.I)


VERSION_FIRST = re.compile(r"^[ \t|]*(?:v(?:ersion)?\.?[ \t]*)?\d{1,2}(?:\.\d{1,2}){1,2}[ \t]*\|")


# a document's date as its citation gives it, in brackets after its quoted title or its publisher: "the
# DfE's 'School attendance' (October 2014)", "(DfE, January 2015)"
CITED_BEFORE = re.compile(r"(?:[’'”\"][ \t]*\(|\((?-i:[A-Z][\w&]*)(?:[ \t]+(?-i:[A-Z][\w&]*)){0,3},?|"
                          # (or right after a title of three capitalised words or more: "Safer Recruitment in
                          # Education (Jan 2007)", not "reviewed by the Full Governing Body (September 2026)")
                          r"(?P<title>(?-i:[A-Z][\w’'&-]*)(?:[ \t]+(?:(?:in|of|and|for|the|to|on|with|&)[ \t]+)?"
                          r"(?-i:[A-Z][\w’'&-]*)){2,})[ \t]*\()[ \t]*$")
CITE_WINDOW = 200     # characters before a date that its citation's title stands in
# the last word of a body's name, which reviews documents rather than being one
_BODY_END = re.compile(r"(?i:body|board|governors|trustees|committee|team|trust|council|teachers?|headteacher|"
                       r"principal|staff|leaders?|members)$")


def _cited_before(part: str, at: int) -> bool:
    """A date's bracket right after a cited document's title or publisher ("... (DfE, January 2015)",
    "Safer Recruitment in Education (Jan 2007)"), not after a body that reviews ("by the Full
    Governing Body (September 2026)")."""
    m = CITED_BEFORE.search(part, max(0, at - CITE_WINDOW), at)
    if m is None:
        return False
    if m.group("title") is None:
        return True
    return not _BODY_END.search(m.group("title")) and \
        not re.search(r"\bby(?:\s+the)?\s*$", part[max(0, m.start() - 12):m.start()], re.I)
CITED_AFTER = re.compile(r"[ \t]*\)")


def _past(part: str, at: int, end: int | None = None) -> bool:
    """Is the date at ``at`` one a past event took place on ("Reviewed January 2025"), not one a
    review will be on ("will be reviewed in January 2028")? ``end``: where the date ends, when it
    starts the line, as a version history's row does."""
    # (the version may come first: "1.1 | 15/09/2016 | Policy reviewed")
    # (a table's row, read on its own line: the heading rows above it are no part of it)
    if end is not None and not VERSION_FIRST.sub("", part[part.rfind("\n", 0, at) + 1:at]).strip(" \t|") and \
            (row := PAST_ROW.match(part, end)) and not re.search(r"\b(?:next|due|will|to\s+be)\b", row.group(0), re.I):
        return True
    m = PAST_BEFORE.search(part[max(0, at - 30):at])
    if not m:
        return False
    before = part[:max(0, at - 30) + m.start()]
    return not re.search(r"\b(?:be|to\s+be|will|shall)\s+(?:\w+\s+)?$", before, re.I)


def _academic(m: re.Match) -> bool:
    """"2025-26" is an academic year only when the second year follows the first."""
    return int(m.group("y2")[-2:]) == (int(m.group("y")) + 1) % 100


def _date_spans(part: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in DATE_TEXT.finditer(part)]


@dataclass(frozen=True)
class Stated:
    """A review cycle (months) or next review (a date; ``month`` 0 for a year alone, -1 for the
    academic year that starts in September of ``year``) the text states, where, and as typed."""
    offset: int
    phrase: str
    months: int | None = None
    year: int | None = None
    month: int | None = None


# a review's label alone in its paragraph, its value left for the next: "To be reviewed:", "Next review date:"
LABEL_ALONE = re.compile(r"^\s*(?:(?:[\w'’]+\s+){0,3}(?:review|reviewed|revision)(?:\s+(?:date|due|by|on|in)){0,2}\s*:|"
                         # (with no colon, a next review's or a review date's label: "Next review date")
                         r"(?:[\w'’]+\s+){0,2}(?:next\s+review(?:\s+(?:date|due))?|review\s+(?:date|due))"
                         r"(?:\s+(?:by|on|in))?)\s*$", re.I)
VALUE_WORDS = 6     # words a label's value in the next paragraph has at most


def _parts(text: str):
    """(offset, text) of each sentence (a footer row of "|"-separated cells is one), a clause
    after a semicolon apart ("Governors receive an annual report; the policy is reviewed every
    two years": the report's year is not the policy's)."""
    sentences = list(SENTENCE.finditer(text))
    k = 0
    while k < len(sentences):
        s = sentences[k]
        at, whole = s.start(), s.group(0)
        k += 1
        if k < len(sentences) and LABEL_ALONE.search(whole) and len(sentences[k].group(0).split()) <= VALUE_WORDS:
            # a review's label, its value in the paragraph under it ("To be reviewed:" then "Autumn Term
            # 2017", a cover table's cells read a paragraph each): one part
            whole = text[at:sentences[k].end()]
            k += 1
        for clause in re.split(r"(?<=;)(?=\s)", whole):
            if clause.strip():
                lead = len(clause) - len(clause.lstrip("\n"))   # (the line break a paragraph follows)
                yield at + lead, clause[lead:]
            at += len(clause)


# what only a label's value is read as (elsewhere "Jan 22" may be the 22nd): a month with a
# two-digit year ("Jan 22", "Sept '26"), a term of a short academic year ("Spring Term 18/19")
SHORT_MONTH = re.compile(r"(?P<m>" + MONTH_WORD + r")\.?(?:\s*['’]?|-)(?P<y>\d\d)(?![\w/.:-])", re.I)   # ("Jan-26")
SHORT_TERM = re.compile(r"(?P<t>spring|summer|autumn)(?:\s+term)?\s+(?P<y>(?:20)?\d\d)\s*[/-]\s*(?P<y2>\d\d)\b",
                        re.I)


def _short(part: str, at: int) -> tuple[int, int, int] | None:
    """(end, year, month) of a short date right at ``at``."""
    if (m := SHORT_MONTH.match(part, at)):
        return m.end(), 2000 + int(m.group("y")), month_number(m.group("m"))
    if (m := SHORT_TERM.match(part, at)) and (int(m.group("y")[-2:]) + 1) % 100 == int(m.group("y2")):
        term = m.group("t").lower()
        first = 2000 + int(m.group("y")[-2:])
        return m.end(), first if term == "autumn" else first + 1, SEASONS[term]
    return None


DATE_WINDOW = 100    # characters after a label that hold its date, however written


def _after_label(part: str, pos: int) -> tuple[int, int, int | None, int | None, int | None] | None:
    """(start, end, months, year, month) of the value right after a review label."""
    at = pos + len(part[pos:pos + DATE_WINDOW]) - len(part[pos:pos + DATE_WINDOW].lstrip(" \t|:-–"))
    # (read from the value on, in a window a date fits in: "Review dateApril 2024")
    m = DATE_TEXT.match(part[at:at + DATE_WINDOW])
    if m:
        value, _ = read_date(m)
        if value:
            return at, at + m.end(), None, int(value[:4]), int(value[5:7])
    if (a := ACADEMIC_YEAR.match(part, at)) and _academic(a):
        return a.start(), a.end(), None, int(a.group("y")), -1
    if (y := YEAR_ALONE.match(part, at)):
        return y.start("y"), y.end("y"), None, int(y.group("y")), 0
    if (short := _short(part, at)):
        return at, short[0], None, short[1], short[2]
    if (bare := bare_cycle(part, at)) and re.match(r"[ \t]*(?:[|.;)]|$)", part[bare[0]:]):
        return at, bare[0], bare[1], None, None      # a length alone: "Review: 12 months" (not "... ago")
    for start, end, months, _ in cycle_spans(part[at:at + 60]):
        if start == 0 or not part[at:at + start].strip(" \t|:-–"):
            return at + start, at + end, months, None, None
    return None


# a record's plain "Review date" label over a label of its next review: read together, the plain one is
# the last review's ("Review date: January 2025" over "Date of next review: January 2027")
PLAIN_REVIEW = re.compile(r"(?i:(?:policy\s+)?review\s+date|date\s+(?:of\s+)?review(?:ed)?)")
NEXT_REVIEW = re.compile(r"(?i:\bnext\s+(?:\w+\s+)?review|\breview\s+due\b|\bdue\s+for\s+review\b)")
RECORD_SPAN = 200     # characters apart the two labels of one record stand at most
# a sentence whose subject is plural documents, not this one ("All policies", "These policies", "Our other
# policies", "The trust's policies"; a bare "They" may be the governors who set this policy's cycle)
PLURAL_SUBJECT = re.compile(r"(?i:(?:all|our|other|the\s+other|many|most|some|such|the|its|these|those|"
                            r"their|the\s+\w+['’]s?)\s+(?:[\w'’-]+\s+){0,3}?(?:policies|documents|procedures|plans|"
                            r"codes|guidelines|statements))\b")
# a clause with its own subject before "to be reviewed": "for most of our policies", "want EHC plans"
OWN_SUBJECT = re.compile(r"\b(?i:for|wants?|wanted|requires?|required|expects?|expected|asks?|asked|needs?|"
                         r"allows?|allowed|encourages?)\s+(?:[\w'’-]+\s+){1,6}$")


# a label right before a value, on its line: "Date of completion: ", "Date Completed - "
LABEL_BEFORE = re.compile(r"(?:^|(?<=[\n|:])|(?<=\s)(?=[A-Z]))[ \t]*(?P<l>[A-Za-z][A-Za-z' ]{2,40}?)[ \t]*[:\-–]"
                          r"[ \t]*$")
# ... a label of a date of its own, when a thing was done ("Date completed:", "Date of completion -", "Agreed
# by governors:"; not a term's name or a body after a review's label, "Summer Term –", "Full Governing Body -")
_DATED_LABEL = re.compile(r"(?i:\b(?:date|dated|completed|completion|assessed|created|written|signed|agreed|"
                          r"approved|ratified|adopted|issued)\b)")
_REVIEW_WORD = re.compile(r"(?i:review|revis|renew|next|due|update|expir)")


def _others_label(part: str, at: int) -> bool:
    """The date at ``at`` is the value of a label of its own that is no review's ("Date completed:
    23/09/2021" in a record whose review label has no date)."""
    line = part[part.rfind("\n", 0, at) + 1:at]
    m = LABEL_BEFORE.search(line[-60:])
    return m is not None and bool(_DATED_LABEL.search(m["l"])) and not _REVIEW_WORD.search(m["l"]) and \
        m["l"].strip().lower() != "date"
    #   (a bare "Date:" is the label's before it: "Next review Due: Date: September 2021")


def stated_reviews(text: str, titles=(), title: str = "") -> list[Stated]:
    """Every review cycle and next review date the (masked) text states for itself. ``title``:
    this policy's title; ``titles``: every policy's, so another one named is not this one."""
    out: list[Stated] = []
    previous = ""
    nexts = [m.span() for m in NEXT_REVIEW.finditer(text)]
    subject_part = ""     # the last sentence a document led, carried over the sentences "It" leads after it
    for offset, part in _parts(text):
        before, previous = previous, part
        part = _others_masked(part, titles, title)
        if STARTS_WITH_DOCUMENT.match(before) or not IT_LEADS.match(before):
            subject_part = before      # ("Our Social Media Policy has been written ... It has been agreed
            #                            ... It will be reviewed annually": the policy's, two sentences on)
        taken: list[tuple[int, int]] = []
        labelled = False
        first_label: int | None = None      # where the first label with its value starts
        head = len(part) - len(part.lstrip(" \t|"))      # where the part's first word is
        for label in REVIEW_LABEL.finditer(part):
            if LAST.search(part[max(0, label.start() - 40):label.start()]):
                continue   # "Last review: ..." is a past review
            # (a review schedule's label gives a cycle only, heading its part: "Review Schedule 6 monthly", not
            # "The review schedule 2025 to 2028 is kept by the clerk")
            cyc = label.group("cyc") or label.group("sched")
            if cyc and label.start() > head:
                continue   # "Reviewed annually" heads a part; "X is reviewed annually" is about X
            if label.start() > head and PLURAL_SUBJECT.match(part, head):
                continue   # many documents' review, the sentence's subject plural: "These policies run on
                #            a 4-year review cycle mainly because ..."
            if (cited := CITED_DATE.search(part, max(0, label.start() - 60), label.start())) and \
                    _names_another(part[max(0, cited.start() - 100):cited.start()], title):
                continue   # a note in brackets after a document cited with its date: that document's ("... (February
                #            2014) [to be reviewed in January 2016]")
            if label.group("tbr") and OWN_SUBJECT.search(part[max(0, label.start("tbr") - 80):label.start("tbr")]):
                continue   # something else's review, with its own subject: "for most of our policies to be
                #            reviewed annually", "want EHC plans to be reviewed" (not "To be reviewed: July 2018")
            if label.group("upd") and not (ADOPTED_THEN.search(part, 0, label.start()) or label.start() <= head
                                           and re.search(r"\b(?i:adopted|approved|agreed|ratified)\b", before)):
                continue   # "(Adopted January 2025, to be updated every September)"; not "training is to be updated"
            own = (offset + label.start() - 30, offset + label.end())
            if PLAIN_REVIEW.fullmatch(label.group(0)[:label.start("sep") - label.start()]) and any(
                    0 < a - (offset + label.start()) <= RECORD_SPAN and not (a < own[1] and b > own[0])
                    for a, b in nexts):
                continue   # "Review date: January 2025" over "Date of next review: January 2027": the plain
                #            one is when it was last reviewed (after the next review's, it repeats it)
            if _heads_a_column(part, label):
                continue   # a table's heading cell over its column ("| Policy | Last Updated | Next Update |"
                #            over a rule and rows): the column is read by its rows (_column_reviews)
            got = _after_label(part, label.end())
            # ("Reviewed | <date>" is a past review; "Review" alone with no date or cycle after it,
            # as in a version table's row "2.0 | 2014 | Review | M Storey | August 2014" or "Annual
            # Review summary", says nothing of this document's next review)
            bare = re.fullmatch(r"(?:Review|REVIEW)(?:\s+(?:by|on|in))?",
                                label.group(0)[:label.start("sep") - label.start()])
            labelled = labelled or (not cyc and (got is not None or not bare))
            if got and (not cyc or got[2] is not None):   # "Reviewed: annually"
                start, end, months, year, month = got
                first_label = label.start() if first_label is None else first_label
                taken.append((start, end))
                out.append(Stated(offset + start, part[start:end], months, year, month))
        row = bool(title) and not labelled and _led_by_title(part, title)
        if row:     # a schedule's row: its own cycle is the cell after its title, not the next rows'
            line = part.split("\n", 1)[0]
            lead = len(line) - len(line.lstrip(" \t|"))      # (a Markdown row's first bar)
            part = line[:lead] + "|".join(line[lead:].split("|")[:2])
        about = labelled or row or any(_about_the_policy(cell.group(0), titles, title) for cell in _PART.finditer(part))
        if not about and IT_REVIEWED.match(part):  # "It" is the policy the sentence before began with, or
            subject = STARTS_WITH_DOCUMENT.match(subject_part)    # the text's own (not another document:
            #                                                       "The child protection policy ... It is updated"),
            adopted = ADOPTED_DOCUMENT.search(before)   # or the one it adopted ("The governing body has agreed this
            #                                             charging policy. It will be reviewed annually")
            about = subject is not None and not _another_document(subject.group(0), titles, title, subject_part) \
                or adopted is not None and not _another_document(adopted["doc"], titles, title, before) \
                or _review_heading(before)
        if not about and REVIEWS_IT.search(part):  # or the policy the sentence before adopted: "... adopted
            about = bool(ADOPTED_DOCUMENT.search(before))   # this policy on 14 January 2025. It will review it in ..."
        if not about:
            continue
        free = [True] * len(part)
        for a, b in taken:
            free[a:b] = [False] * (b - a)
        for start, end, months, _ in cycle_spans(part):
            if free[start]:
                out.append(Stated(offset + start, part[start:end], months=months))
        dated = bool(taken)
        for m in DATE_TEXT.finditer(part):
            value, _ = read_date(m)
            if not value or not free[m.start()] or date_kind(part[:m.start()], False) == "approved" or \
                    _past(part, m.start(), m.end()) or first_label is not None and m.end() <= first_label or \
                    _cited_before(part, m.start()) and CITED_AFTER.match(part, m.end()) or \
                    _others_label(part, m.start()):
                continue   # (a date before a review label that has its own is another: "Spring 2025 Review: ...";
                #            one right after another label is that label's: "Date completed: 23/09/2021")
            out.append(Stated(offset + m.start(), m.group(0).strip(), year=int(value[:4]), month=int(value[5:7])))
            dated = True
        for m in ACADEMIC_YEAR.finditer(part):
            if free[m.start()] and _academic(m) and not (date_kind(part[:m.start()], False) == "approved" or
                                                         first_label is not None and m.end() <= first_label):
                # (as a date: not a past review's, "Last review: 2015/2016 Next Review: 2016/2017")
                out.append(Stated(offset + m.start(), m.group(0), year=int(m.group("y")), month=-1))
                free[m.start():m.end()] = [False] * (m.end() - m.start())
                dated = True
        spans = _date_spans(part)
        for m in YEAR_IN.finditer(part):
            if free[m.start("y")] and not any(a <= m.start("y") < b for a, b in spans):
                out.append(Stated(offset + m.start("y"), m.group("y"), year=int(m.group("y")), month=0))
                dated = True
        if not dated:
            for m in MONTH_ONLY.finditer(part):
                if free[m.start()]:
                    word = m.group("m").lower()
                    out.append(Stated(offset + m.start(), m.group(0),
                                      month=SEASONS.get(word) or month_number(word)))
    seen = {s.offset for s in out}
    return out + [s for s in _column_reviews(_others_masked(text, titles, title), title) if s.offset not in seen]


# a table's heading cell over the next review's column: "Review Date", "Date to be Reviewed:", "Next Review
# Due", "Date 1st Review Due", "Date for next Review" (not a past review's: "Date Reviewed", "Last review date")
COLUMN_LABEL = re.compile(r"(?i:(?:policy\s+)?review\s+(?:date|due)(?:\s+(?:date|by))?|date\s+(?:for|of)\s+(?:the\s+)?"
                          r"(?:next\s+|\w+\s+)?(?:review|revision)|(?:date\s+)?(?:\w+\s+)?review\s+due(?:\s+date)?|"
                          r"next\s+(?:\w+\s+)?(?:review|revision|update)(?:\s+(?:date|due|by))?|(?:date\s+)?to\s+be\s+"
                          r"(?:reviewed|revised)(?:\s+(?:by|on))?|due\s+for\s+review)")
_PAST_COLUMN = re.compile(r"(?i:\b(?:last|previous|latest|prior|reviewed\s+on)\b)")
# a heading cell over a column of documents' names: a schedule of policies, each row another's review but
# the one this policy's title leads ("Policy | Review Date" over "Admissions | April 2015")
DOCUMENT_COLUMN = re.compile(r"(?i:(?:name\s+of\s+(?:the\s+)?)?(?:policy|policies|document|procedure)"
                             r"(?:\s+(?:name|title))?|title)")
_SEPARATOR_ROW = re.compile(r"[ \t|:]*-[ \t|:-]*")
# the words of a policy's record's other columns: its dates, versions and the people and bodies behind it
_RECORD = frozenset("date dates created written approved approval adopted adoption ratified agreed reviewed review "
                    "version versions by author authors owner coordinator co ordinator governor governors nominated "
                    "policy document name status committee signed signature lead responsible person staff next due "
                    "meeting submitted summary changes change issue issued body board head headteacher chair "
                    "member prepared checked updated update last".split())
# a version history's columns, whose plain "Review Date" is each version's
_HISTORY = re.compile(r"(?i:\bversion|\bchanges?\b|\bamendments?\b|\breviewed\s+by\b)")
# a heading that says the review is the next one
_EXPLICIT = re.compile(r"(?i:\bnext\b|\bdue\b|\bto\s+be\b|\bfor\s+(?:the\s+)?next\b)")
ROWS_APART = 3        # lines a table's next row may stand below its last (blank lines, a Markdown rule)


def _heads_a_column(part: str, label: re.Match) -> bool:
    """The label is a whole cell of a table's heading row, with the table's rule or a row of cells
    under it."""
    start = part.rfind("\n", 0, label.start()) + 1
    end = part.find("\n", label.start())
    if end < 0:
        return False
    line, below = part[start:end], part[end + 1:].split("\n", 1)[0]
    cells = [c.strip() for _, c in _cells(line)]
    name = part[label.start():label.end() - len(label.group("sep"))].strip()
    return len(cells) >= 2 and name in cells and below.count("|") >= 2


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset, text) of each cell of a row written with bars (a Markdown row's outer bars dropped)."""
    out, at = [], 0
    for cell in line.split("|"):
        out.append((at, cell))
        at += len(cell) + 1
    if line.strip().startswith("|"):
        out = out[1:]
    if line.strip().endswith("|"):
        out = out[:-1]
    return out


def _column_reviews(text: str, title: str = "") -> list[Stated]:
    """The next review a table gives in a column, under its heading row ("Date | Review Date |
    Coordinator" over "March 2017 | March 2018 | Alex Athanasi"): the cell in the heading's place,
    or, a row shorter than its heading, its last cell under a last heading."""
    out: list[Stated] = []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    heading: list[int] | None = None     # the review columns of the heading row in force, and its width
    width, gap = 0, 0
    names: int | None = None             # its column of documents' names, if it has one
    for k, line in enumerate(lines):
        cells = _cells(line) if "|" in line else []
        if len(cells) < 2:
            gap = gap + 1 if not line.strip() or _SEPARATOR_ROW.fullmatch(line) else ROWS_APART + 1
            if gap > ROWS_APART:
                heading = None
            continue
        if _SEPARATOR_ROW.fullmatch(line):
            continue
        gap = 0
        labels = [i for i, (_, c) in enumerate(cells)
                  if COLUMN_LABEL.fullmatch(c.strip().rstrip(":").strip()) and not _PAST_COLUMN.search(c)]
        if labels and not DATE_TEXT.search(line):
            others = [c for i, (_, c) in enumerate(cells) if i not in labels and c.strip()]
            history = any(_HISTORY.search(c) for c in others)
            # (a policy's record, its other columns about the policy; a version history's plain "Review Date"
            # is each version's, a risk assessment's or a training log's another thing's)
            labels = [i for i in labels if not (history and not _EXPLICIT.search(cells[i][1]))]
            if not labels or not all(set(re.findall(r"[a-z]+", c.lower())) & _RECORD for c in others):
                heading = None
                continue
            heading, width = labels, len(cells)
            names = next((i for i, (_, c) in enumerate(cells) if DOCUMENT_COLUMN.fullmatch(c.strip().rstrip(":"))),
                         None)
            continue
        if heading is None or REVIEW_LABEL.search(line):
            heading = None if REVIEW_LABEL.search(line) else heading
            continue
        named = cells[names if len(cells) == width else 0][1] if names is not None and names < len(cells) else None
        if named is not None and not (
                title and _loose_title(_TITLE_DATE.sub("", named)) in
                (_loose_title(title), _loose_title(re.sub(r"(?i)\s+(?:policy|code)$", "", title)))):
            continue    # another document's row of a schedule (a short row's first cell its name)
        for i in heading:
            j = i if len(cells) == width or i < width - 1 else len(cells) - 1
            if j >= len(cells):
                continue
            at, cell = cells[j]
            got = _after_label(line, at) if cell.strip() else None
            if got:
                start, end, months, year, month = got
                out.append(Stated(starts[k] + start, line[start:end], months, year, month))
    return out


# a document's date in brackets as a citation gives it, a note in brackets after it: "... school staff (February
# 2014) [to be reviewed in January 2016]" (the note is the cited document's)
CITED_DATE = re.compile(r"\((?:(?-i:[A-Z][\w&]*),?[ \t]+)?(?:" + MONTH_WORD + r"\.?[ \t]+)?(?:19|20)\d\d\)[ \t]*[\[(]"
                        r"[ \t]*(?:next[ \t]+|date[ \t]+)?$", re.I)
# ... when what the bracket follows is another document: a publication's kind named, not this text ("This policy
# (March 2025) [to be reviewed ...]"), its title, nor its approval ("Adopted by Governors (September 2024) ...")
_PUBLICATION = re.compile(r"(?i:\b(?:guidance|advice|publication|act|regulations|code\s+of\s+practice|framework|"
                          r"handbook|circular|guide|toolkit|report|standards)\b)")
_OWN = re.compile(r"(?i:\b(?:this|our)\s+(?:[\w'’-]+\s+){0,3}?(?:policy|code|document|procedure)\b|"
                  r"\b(?:approv|adopt|ratif|agreed|issued)\w*)")


def _names_another(before: str, title: str) -> bool:
    last = before.split(":")[-1] if ":" in before else before
    return bool(_PUBLICATION.search(before)) and not _OWN.search(last) and \
        not (title and _loose_title(title) in _loose_title(before))


# the words of a heading about reviewing the text itself ("## Monitoring and Review:", "Policy review")
_REVIEW_HEADING = frozenset("monitoring monitor review reviews reviewing evaluation evaluating and of the this "
                            "policy document code procedure arrangements".split())


def _others_masked(part: str, titles, title: str) -> str:
    """``part`` with each table row whose first cell is another document's title blanked (its length
    kept): that row's review is that document's ("| Behaviour Policy | Annually | This policy is
    reviewed annually |")."""
    if not title:
        return part
    out = []
    for line in part.split("\n"):
        m = LINE_TITLE.match(line)
        # (a table's row only, its first cell the title: a schedule of the school's documents; a line of
        # prose or a cover a title leads may be this text's own under another name)
        other = False
        if m and line.lstrip().startswith("|") and line[m.end("t"):].lstrip().startswith("|"):
            bare = re.sub(r"^(?:The|Our)\s+", "", m.group("t"))
            other = _loose_title(bare) != _loose_title(title) and _another_document("the " + bare, titles, title)
        out.append(" " * len(line) if other else line)
    return "\n".join(out)


def _review_heading(before: str) -> bool:
    """Nothing before the sentence, or only a heading about reviewing the text ("## Monitoring and
    review", "Policy Review:"; not "Review of individual healthcare plans", which names what is
    reviewed): a sentence's "It" there is the text it stands in."""
    line = before.strip().lstrip("#").strip().rstrip(":").strip()
    words = set(re.findall(r"[a-z]+", line.lower()))
    return not line or len(line.split()) <= 6 and not re.search(r"[.!?;,]$", line) and \
        bool(REVIEW.search(line)) and words <= _REVIEW_HEADING


def stated_cycles(text: str):
    """(offset, phrase, months) of each review cycle the (masked) text states for itself."""
    for s in stated_reviews(text):
        if s.months:
            yield s.offset, s.phrase, s.months


# between a review word and its object, other verbs it is joined to and what of the document is
# reviewed: "review and monitor the impact of the policy", "review, evaluate and update this policy"
REVIEW_OBJECT_GAP = re.compile(r"(?:\s*(?:,|\band\b)\s*[a-z]+)*\s+(?:the\s+(?:impact|effectiveness|operation|"
                               r"implementation|content)\s+of\s+)?(?:(?:the|this|our)\s+)?", re.I)


NEAR_DOCUMENT = 200   # characters either side of a review word within which the document it reviews is named


def _about_the_policy(sentence: str, titles=(), title: str = "") -> bool:
    """A review word tied to the document: the document just before it, as the subject ("This
    policy will be reviewed", "The policy and its procedures are reviewed"), or just after it, as
    its object ("reviews the policy", "review of this policy"); or a heading-like "Review cycle:".
    A document named by a title that is not this policy's is another document."""
    if POLICY_REVIEW.search(sentence):
        return True
    if title and _led_by_title(sentence, title):
        return True   # the policy's own title leading the line: "Social Media Policy 2025 – reviewed annually"
    subject = STARTS_WITH_DOCUMENT.match(sentence)
    docs = list(DOCUMENT.finditer(sentence))      # (found once; each review word looks only near it)
    if subject and (passive := PASSIVE_REVIEW.search(sentence)) and \
            not _another_document(subject.group(0), titles, title, sentence) and \
            not _theirs(sentence, docs, passive.start(), titles, title):
        return True
    starts = [d.start() for d in docs]
    for r in REVIEW.finditer(sentence):
        if ATTRIBUTIVE.search(sentence[max(0, r.start() - 12):r.start()]):
            continue   # "the revised Keeping Children Safe in Education": a name, not a review
        if CYCLE_LABEL.match(sentence, r.end()) and not PLURAL_SUBJECT.match(sentence.lstrip(" \t|")):
            return True     # (not many documents' cycle: "These policies run on a 4-year review cycle",
            #                 "All policies follow a three-year review cycle")
        near = docs[bisect.bisect_left(starts, r.start() - NEAR_DOCUMENT):
                    bisect.bisect_right(starts, r.end() + NEAR_DOCUMENT)]
        if _theirs(sentence, near, r.start(), titles, title):
            continue   # "... the Acceptable Use of IT Policy, which is reviewed every year": that policy's
        for d in near:
            if BARE_DOCUMENT.fullmatch(d.group(0).strip()) and any(
                    e.end() <= d.start() and _another_document(e.group(0), titles, title, sentence) for e in docs):
                continue   # "the policy" after another document named: that one ("review the PM Policy
                #            annually and ... revise the policy")
            if (0 <= r.start() - d.end() <= 60 or 0 <= d.start() - r.end() <= 12 or
                    d.start() > r.end() and REVIEW_OBJECT_GAP.fullmatch(sentence, r.end(), d.start())) and \
                    not _another_document(d.group(0), titles, title, sentence):
                return True
    return False


BARE_DOCUMENT = re.compile(r"the\s+(?:policy|document|code)", re.I)
RELATIVE = re.compile(r",?\s*(?:which|that)\s+(?:(?:is|are|will\s+be|has\s+been|must\s+be|should\s+be)\s+"
                      r"(?:\w+\s+)?)?$", re.I)


def _theirs(sentence: str, docs, at: int, titles, title: str) -> bool:
    """The review word at ``at`` opens a clause about the document named just before it, another
    than this policy: "the Acceptable Use of IT Policy, which is reviewed every year"."""
    before = [d for d in docs if d.end() <= at]
    return bool(before) and bool(RELATIVE.fullmatch(sentence[before[-1].end():at])) and \
        _another_document(before[-1].group(0), titles, title, sentence)


_GENERIC = frozenset("school's schools school trust's trust whole current new own our academy's academy "
                     "full main overarching".split())


# what of a document is reviewed: "the impact of the policy" is still this policy
_ASPECT = frozenset("impact effectiveness operation implementation content contents use application".split())
# a document's title at a line's start (after a bar or a label, perhaps): "| Behaviour Policy | Annually |"
# (not a label's words, "Date of Policy", "Next Review of Policy"; "This ... Policy" is this text's)
LINE_TITLE = re.compile(r"^[ \t|]*(?:[A-Z][\w ]{0,30}:[ \t|]*)?(?!(?:Date|Review|Next|Last|Version|Approv\w*|"
                        r"Ratif\w*|Adopt\w*|This)\b)(?P<t>(?:(?:The|Our)[ \t]+)?"
                        r"(?:[A-Z][\w'’&()-]*[ \t]+(?:(?:of|and|for|the|in|on|with|&|to)[ \t]+)?){1,8}?"
                        r"(?:Policy|Plan|Report|Strategy|Procedures?|Code[ \t]+of[ \t]+Conduct|Agreement|Scheme|"
                        r"Charter|Framework|Offer))\b", re.M)


def _another_document(phrase: str, titles, title: str, sentence: str = "") -> bool:
    """"the trust's Online Safety Policy", "the child protection policy": a document named by
    words that are not in this policy's title."""
    if not title:
        return False      # no title to tell it by
    if re.fullmatch(r"\w+\s+(?:document|guidance|guide)", phrase.strip(), re.I) and names_document(sentence, ()):
        return True       # "this document", in a sentence that names the guidance it means
    found = [w.lower() for w in re.findall(r"[\w'’-]+", phrase)]
    if found[0] == "this" or found[-2:-1] == ["this"]:
        return False      # "this statement", "the effectiveness of this policy": the text speaks of itself
    if found[-1] not in ("policy", "policies", "document") and \
            found[-1] not in re.findall(r"[a-z]+", title.lower()):
        return True       # "the agreement", "the plan": something else this policy speaks of
    words = found[1:-1]
    named = {w for w in words if w not in _GENERIC and w not in _ASPECT and w not in ("of", "and", "the", "on", "for")}
    if not named:
        return False
    return not named <= set(re.findall(r"[a-z]+", title.lower()))


# a sentence "It" leads, whose subject is the sentence before's
IT_LEADS = re.compile(r"\s*It\s")
# "It will be reviewed annually." right after a sentence about the policy: its subject is it
IT_REVIEWED = re.compile(r"\s*(?:It|This)\s+(?:(?:will|is|shall|should|must|is\s+to)\s+(?:be\s+)?"
                         r"(?:reviewed|revisited|updated|revised)\b|(?:is|will\s+be)\s+subject\s+to\s+(?:(?!and\b|we\b|our\b)[\w'’-]+\s+){0,3}?"
                         r"review)")   # ("It is subject to annual review")
REVIEWS_IT = re.compile(r"\b(?:review|revisit|update|revise)s?\s+it\b", re.I)
ADOPTED_DOCUMENT = re.compile(r"\b(?:adopted|approved|agreed|ratified|published|wrote|issued)\s+(?P<doc>(?:this|the)\s+"
                              r"(?:\w+\s+){0,5}?(?:policy|code|document|procedure))\b", re.I)
STARTS_WITH_DOCUMENT = re.compile(r"\s*(?:(?:this|the|our)\s+(?:\w+\s+){0,3}?(?:policy|code|document|"
                                  r"procedure|agreement|plan)|this\s+(?:\w+\s+){0,2}?(?:advice|statement|"
                                  r"guidance))\b", re.I)
# a line led by a title, then a dash, colon or bar, then its review word or cycle: "Social Media Policy 2025 –
# reviewed annually", "ONLINE SAFETY POLICY: to be reviewed each autumn", a schedule's row "Social Media
# Policy | Every 3 years", the cycle a cell of its own (not "...: staff review their settings", "...:
# every year all staff complete training")
_TITLE_LEAD = re.compile(r"(?P<t>[^\n:|–—]{3,100}?)[ \t]*(?:[–—:|]|[ \t]-)[ \t]*"
                         r"(?:(?:to[ \t]+be|is|are|will[ \t]+be)[ \t]+)?"
                         r"(?=(?:review|revisit|revis|updat|renew)\w*\b"
                         r"|(?:every(?:[ \t]+(?:\d{1,2}|one|two|three|four|five|six|other))?[ \t]+(?:years?|months?)"
                         r"|annually|bi-?annually|biennially|triennially|yearly)\b[ \t]*(?:\||$))", re.I | re.M)
# what may follow a title before the dash: its year, bracketed or not ("2025", "(2025)", "2024-25"; a
# month and year there is the policy's own date, not its review's, so such a line is left alone)
_TITLE_DATE = re.compile(r"[ \t(]*(?:19|20)\d\d(?:[ \t]*[-/–][ \t]*\d{2,4})?[ \t)]*$")


def _loose_title(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("&", " and ")))


def _led_by_title(sentence: str, title: str) -> bool:
    """The line opens with this policy's own title (its year or date after it perhaps; a Markdown
    row's bar before it), then a dash, a colon or a bar, then a review word or a cycle alone in its
    cell (``_TITLE_LEAD``)."""
    m = _TITLE_LEAD.match(sentence.lstrip(" \t\n|"))
    if not m:
        return False
    named = _TITLE_DATE.sub("", m.group("t")).strip()
    return bool(named) and _loose_title(named) == _loose_title(title)
# "Policy review: annually", "policy reviewed every two years"
POLICY_REVIEW = re.compile(r"\bpolic(?:y|ies)\s+(?:review(?:ed)?|revisited)\b", re.I)
ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.I)
CYCLE_LABEL = re.compile(r"\s+(?:cycle|frequency|period)\b", re.I)


def _wrong(s: Stated, cycle: int, due: PackDate | None) -> str | None:
    """What ``s`` says that the school's record does not, in words; None when they agree."""
    if s.months is not None:
        return None if s.months == cycle else f"reviewed '{' '.join(s.phrase.split())}' ({cycle_words(s.months)})"
    if due is None:
        return None
    if s.year is None:       # a month alone: "every other year in September"
        return None if s.month == due.month else f"reviewed '{s.phrase}'"
    if s.month == -1:      # an academic year: September to the next August
        return None if (s.year, 9) <= (due.year, due.month) <= (s.year + 1, 8) else f"next reviewed in '{s.phrase}'"
    if s.year == due.year and s.month in (0, due.month):
        return None
    return f"next reviewed '{s.phrase}'"


def check_review_prose(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    default = pack.trust.settings.default_review_cycle
    titles = [p.title for p in pack.policies.values()]
    paths = {src.shown: src.path for src in section_files(pack, resolved)}
    found_in: dict[tuple[str, str], list] = {}
    for sid in sorted(resolved):
        rs = resolved[sid]
        for pid in sorted(rs.policies):
            rp = rs.policies[pid]
            cycle = rp.review_cycle or default
            if not cycle:
                continue
            for sec in rp.sections:
                key = (sec.shown, pid)
                if key not in found_in:
                    text = read_text(paths[sec.shown]) if sec.shown in paths else None
                    masked = mask_jinja(text) if text is not None else ""
                    found_in[key] = [(line_at(masked, s.offset), s)
                                     for s in stated_reviews(masked, titles, pack.policies[pid].title)]
                told: set[tuple[int, str]] = set()
                # (one finding for one statement: "every September" is a cycle and a month, told once, as the cycle)
                for line, s in sorted(found_in[key], key=lambda f: (f[0], f[1].months is None)):
                    wrong = _wrong(s, cycle, rp.next_review)
                    said = (line, " ".join(s.phrase.split()).lower())
                    if wrong is None or said in told:
                        continue
                    told.add(said)
                    due = rp.next_review.human() if rp.next_review else "not recorded"
                    when = "on" if rp.next_review and rp.next_review.day else "in"
                    out.append(Diagnostic(
                        sec.shown, line, "warning", "W-REVIEW-PROSE",
                        f"the text says the policy is {wrong}, but policy '{pid}' is reviewed "
                        f"{cycle_words(cycle)} for this school, next {when} {due}: write "
                        f"{{{{ policy.review_cycle }}}} (it prints '{cycle_words(cycle)}') or "
                        f"{{{{ policy.next_review }}}} (it prints '{due}') instead of typing them", sid))
    return list(dict.fromkeys(out))
