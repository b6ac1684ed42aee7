"""The approval record an imported copy states: when it was approved and is next reviewed, how
often it is reviewed, who approved it, its version, and who signed it."""

from __future__ import annotations

import bisect
import re

from builder.importing.values.dates import POLICY_REVIEWED, cycle_strength
from builder.source.review_text import CYCLE_LABEL, MONTH_WORD, bare_cycle, cycles_in, date_kind, dates_in
from builder.importing.values.found import Found
from builder.importing.values.people import role_of, roles_in
from builder.importing.values.text import DOCUMENT_KINDS, CleanLine, bar_cells, name_spans

# what a body did to the policy, then "by": "Approved by:", "ratified at", "Sanctioned by the"
_DONE_BY = (r"(?:approv\w*|ratif\w*|adopt\w*|sanctioned|endorsed|agreed|accepted|signed off|reviewed)"
            r"(?:\s+(?:by|at)(?:\s*[:\-–|]\s*|\s+)|\s*[:\-–|]\s*)")     # (or a label's: "Approved: Trustees")
BODY = re.compile(
    _DONE_BY +
    r"(?:a\s+meeting\s+of\s+)?"
    r"(?:the\s+|our\s+)?(?:(?-i:[A-Z][\w'’&-]*)\s+){0,5}?"      # (the school's name before it: "Woodkirk Academy LGB")
    r"(?P<b>(?:full\s+|local\s+)?governing\s+(?:body|board)|(?:full\s+|local\s+)?"
    r"governors|lgb|fgb|(?-i:GB)|(?:local\s+)?academy\s+(?:council|committee)|lac|trust\s+board|"
    r"board\s+of\s+(?:trustees|directors|management|governors)|trustees|directors|"
    r"trust(?![ \t]+(?-i:[A-Z])))\b"      # (not a trust's person: "the Trust Safeguarding Trustee")
    r"(?!\s+(?:will|must|should|shall|are|is|have|has|may|can|need|meet)\b)"   # (nor a sentence's subject)
    r"|sent\s+to\s+(?:the\s+)?(?P<b2>governors|governing\s+body|trust\s+board|trustees)\s+for\s+"
    r"(?:ratification|approval)"
    r"|(?:approving|approval)\s+body\s*(?:[:\-|]\s*)+(?P<b3>[^|.;]{3,60})"
    # a committee, by its name: "Approved by:Finance & Premises Committee", "For approval by F&R Committee"
    r"|" + _DONE_BY +
    r"(?:(?-i:the|The)\s+)?(?P<c>(?:(?-i:[A-Z][\w'’&-]*)[ \t]+(?:(?:and|&|of|for)[ \t]+)?){1,6}committee"
    r"(?:\s+of\s+the\s+(?:full\s+)?(?:governing\s+(?:body|board)|trust\s+board|board|governors))?)\b"
    # the body first, then what it did: "The Governing Body of Dunham CE Primary School adopted this code"
    r"|\b(?P<b4>(?:full\s+|local\s+)?governing\s+(?:body|board)|governors|trust\s+board|"
    r"board\s+of\s+(?:trustees|directors|management|governors))"
    r"(?:\s+of\s+(?:(?-i:[A-Z][\w'’&.-]*|on|upon|the|and|&)\s+){1,8}?)?"
    r"\s*(?:has\s+|have\s+|formally\s+)*(?:approved|adopted|ratified|agreed)\s+(?:this|the|these)\b", re.I)

# a label run into the value after it, as a copy's flattened table gives it ("Review dateNovember 2025",
# "Review date01/09/2025"): read apart (a capital or a digit right after a lower-case word)
GLUED_DATE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]|\d)")
# a label whose spaces a PDF's text lost ("Dateofnextreview:", "Dateoflastreview"): its words read apart
# when the run is made wholly of an approval record's words (``RECORD_WORDS``)
RECORD_WORDS = ("date", "of", "the", "next", "last", "review", "reviewed", "approved", "approval", "adopted",
               "ratified", "ratification", "issue", "issued", "policy", "by", "governors", "governing", "body",
               "full", "to", "be", "due", "agreed", "revised", "revision", "written", "first")
GLUED_LABEL = re.compile(r"(?<![A-Za-z])[A-Za-z]{9,40}(?![A-Za-z])")


def _words_of(run: str) -> list[str] | None:
    """``run`` cut into ``RECORD_WORDS`` (the fewest words), or None when it is not made of them."""
    low = run.lower()
    best: list[list[str] | None] = [None] * (len(low) + 1)
    best[0] = []
    for end in range(1, len(low) + 1):
        for word in RECORD_WORDS:
            start = end - len(word)
            if start >= 0 and best[start] is not None and low[start:end] == word:
                got = best[start] + [word]      # type: ignore[operator]
                if best[end] is None or len(got) < len(best[end]):     # type: ignore[arg-type]
                    best[end] = got
    return best[-1]


def unglue(text: str) -> str:
    """``text`` with each label run together read apart: "Dateofnextreview:" is "Date of next review:"."""
    def apart(m: re.Match) -> str:
        words = _words_of(m.group(0))
        if not words or len(words) < 2:
            return m.group(0)
        out = " ".join(words)
        return out[:1].upper() + out[1:] if m.group(0)[:1].isupper() else out
    return GLUED_LABEL.sub(apart, text)
EMPTY_LABEL = re.compile(r"[ \t]*:[ \t|]*")
# a date's month at a line's end and its year on the next line, as a copy's wrap left them
MONTH_AT_END = re.compile(rf"\b{MONTH_WORD}\.?[ \t]*$", re.I)
YEAR_AT_START = re.compile(r"[ \t]*((?:19|20)\d\d)\b")
# a sentence that leads into how often the document is reviewed: "This policy will be reviewed:"
REVIEWED_LEAD = re.compile(POLICY_REVIEWED.pattern + r"\s*:\s*$", re.I)
# a day at a line's end and its ordinal's letters, the month and year on the next line
DAY_AT_END = re.compile(r"(?<![\d/.-])\d{1,2}[ \t]*$")
ORDINAL_AT_START = re.compile(rf"[ \t]*(?:st|nd|rd|th)[ \t]+{MONTH_WORD}\.?[ \t]+(?:19|20)\d\d\b", re.I)
# the words a label's line runs on to before its date, on the date's line: "by", "on", "in"
WRAP_LEAD = re.compile(r"^[ \t|]*(?:(?i:by|on|in|from|until|before|no\s+later\s+than)\b)?[ \t:|–-]*", re.I)


def body_value(text: str) -> str:
    t = re.sub(r"\s+", " ", text.strip().lower())
    if "committee" in t:
        return re.sub(r"\s+", " ", text.strip())     # a committee's own name, as the copy gives it
    if re.search(r"trust|trustee|director", t):
        return "Trust board"
    if re.search(r"govern|lgb|fgb|\bgb\b|academy council|academy committee|\blac\b", t):
        return "Local governing body"
    return text.strip()[:1].upper() + text.strip()[1:]


# ---------------------------------------------------------------- the approval record

def approval(lines, policy_id: str, found: Found, titles) -> None:
    base = f"policies.{policy_id}.approval"
    block_lines = {ln.line for ln in lines if re.search(r"\bsign|approv|chair\b|ratif|sanctioned|governor|trustee|"
                                                      r"reviewed by|adopted|review date|next review|\breview\s*:",
                                                      ln.text, re.I)}
    blocks = sorted(block_lines)
    signers: list[dict] = []
    sign_line: CleanLine | None = None     # the first "Signed" line
    dated: list[tuple[str, str, CleanLine, int, str, str, str]] = []   # kind, value, line, strength, note, near, label
    opening = _opening(lines)
    for i, ln in enumerate(lines):
        text = GLUED_DATE.sub(" ", unglue(ln.flat))     # "Review dateNovember 2025": a label run into its date
        if i + 1 < len(lines) and lines[i + 1].line == ln.line + 1 and MONTH_AT_END.search(text) and \
                (year := YEAR_AT_START.match(lines[i + 1].flat)):
            text = f"{text} {year.group(1)}"      # a date a copy's wrap split: "Issue Date : June" over "2025"
        if i + 1 < len(lines) and lines[i + 1].line <= ln.line + 2 and DAY_AT_END.search(text) and \
                (rest := ORDINAL_AT_START.match(lines[i + 1].flat)):
            text = f"{text}{rest.group(0)}"    # a day's ordinal set above the line, split off by the copy:
            #                                    "Policy Reviewed: 1" over "st September 2023"
        if i + 1 < len(lines) and (cycle := CYCLE_LABEL.search(text)) and not text[cycle.end():].strip(" :|-") and \
                (bare := bare_cycle(lines[i + 1].flat.strip())) and bare[0] == len(lines[i + 1].flat.strip()):
            text = f"{text} {lines[i + 1].flat.strip()}"     # a cycle's label over its value ("Review Cycle:"
            #                                                  over "Annual")
        elif i + 1 < len(lines) and lines[i + 1].line <= ln.line + 2 and text.rstrip().endswith(":") and \
                REVIEWED_LEAD.search(text) and bare_cycle(lines[i + 1].flat.strip()):
            text = f"{text} {lines[i + 1].flat.strip()}"     # ... or a sentence about reviewing it, its cycle
            #                                                  on the next line ("This policy will be reviewed:"
            #                                                  over "Annually during Term 1")
        k = bisect.bisect_left(blocks, ln.line - 6)     # (the nearest of an approval block's lines, looked up)
        near = k < len(blocks) and blocks[k] <= ln.line + 6
        header = _header(lines, i)
        spans = dates_in(text)
        labels = _row_labels(text, spans, near) if header is None else {}
        cut = 0         # where the date before this one ends (spans come in order)
        for start, end, value, note in spans:
            before = own = text[cut:start]
            cut = max(cut, end)
            if start in labels:         # a table's heading row and its row of dates run into one line
                before = labels[start]
            elif header is not None:      # a table's row: the date's label is its column's heading
                column = text[:start].count("|") - (1 if text.lstrip().startswith("|") else 0)
                before = header[min(column, len(header) - 1)] + " | " + before[before.rfind("|") + 1:]
            elif not re.search(r"[A-Za-z]", WRAP_LEAD.sub("", before)) and i > 0:
                # (a date alone on its line, or after the word its label's line ran on to: "To be
                # reviewed by the Board of Directors" over "by 31st August 2024"; in a column of
                # values under a column of labels, the label in its place)
                before = (_column_label(lines, i) or lines[i - 1].flat) + " | " + before
            kind = date_kind(before, near)
            strength = 2 if not near or re.search(r"[A-Za-z]{4}", before) else 1
            if kind == "approved" and re.search(r"approv|ratif|adopt", before, re.I):
                strength = 3    # the approval itself outranks a review or an issue date beside it
            if kind is None and i < opening and not re.search(r"[A-Za-z]", text[end:]) and \
                    (not own.strip(" |(") and not OTHER_DATE.search(before) or COVER_TITLE.fullmatch(own.strip(" |("))):
                # a date alone on a line of the cover, or after the title ("Social Media Policy
                # November 2015"), before the text begins: the date the copy was issued
                kind, strength = "approved", 0     # (any labelled date outranks it)
            if kind:
                dated.append((kind, value, ln, strength, note, text[start:end], before))
        strength = cycle_strength(text, ln.section)
        if strength:
            for at, value, note in cycles_in(text):
                found.add(f"{base}.review_cycle", value, ln, strength, note=note,
                          near=text[at:at + 20])
        elif header is not None:        # a cell under a review heading: "Review Date" over "3 years"
            for h, cell in zip(header, bar_cells(text)):
                if re.search(r"\breview", h, re.I):
                    for _, value, note in cycles_in(f"Review cycle: {cell}"):
                        found.add(f"{base}.review_cycle", value, ln, 2, note=note, near=cell)
        for m in BODY.finditer(text):
            if EMPTY_LABEL.fullmatch(text, m.end()):
                continue    # "AGREED BY GOVERNORS:" with nothing after it: a label left empty, no approval
            body = m["b"] or m["b2"] or m["b3"] or m["c"] or m["b4"]
            found.add(f"{base}.body", body_value(body), ln, 2, near=m.group())
        v = re.search(r"(?:^|\|)\s*version\s*(?:no\.?|number)?\s*[:\-|]?\s*(\d+(?:\.\d+){0,2})\b",
                      text, re.I)
        if v:
            found.add(f"{base}.version", v[1], ln, 2)
        if re.match(r"^\s*signed\b", text, re.I):
            signer = _signer(lines, i, titles)
            if signer:
                signers.append(signer)
                sign_line = sign_line or ln
                found.add(f"{base}.body", body_value(signer["title"]) if re.search(
                    r"govern|trust", signer["title"], re.I) else None, ln, 1)
    # a version table's rows, each with its date: the newest row is the version in force
    rows = [d for d in dated if d[0] == "approved" and VERSION_ROW.match(d[2].flat)]
    if len(rows) >= 2:
        newest = max(rows, key=lambda d: (str(d[1]), d[2].line))
        at = next(n for n, d in enumerate(dated) if d is newest)
        dated[at] = (*dated[at][:3], dated[at][3] + 1, *dated[at][4:])
    # a record that gives a "next review" date and a plain "review date" as well ("AUP review Date:
    # June 2017", "Date of next Review: June 2020"): the plain one is when it was last reviewed
    # (in the same record: within a few lines of each other)
    nexts = sorted(ln.line for k, _, ln, *_, label in dated
                   if k == "next_review" and re.search(r"\bnext\b", label, re.I))
    for kind, value, ln, strength, note, shown, label in dated:
        k = bisect.bisect_left(nexts, ln.line - RECORD_LINES)
        if kind == "next_review" and k < len(nexts) and nexts[k] <= ln.line + RECORD_LINES and not re.search(
                r"\bnext\b|\bdue\b|\bby\b|\bto\s+be\b|\bwill\b|\bexpir", label, re.I):
            kind = "approved"
        found.add(f"{base}.{kind}", value, ln, strength, note=note, near=shown)
    if signers and sign_line is not None:
        signed = next((f.value for _, _, f in sorted(found.items) if f.key == f"{base}.approved"),
                      None)
        for s in signers:
            if signed:
                s["signed"] = signed
        found.add(f"{base}.signatories", signers, sign_line, 2)


# a version table's row: "1.1 | 16/05/2022 | ..."
VERSION_ROW = re.compile(r"\s*\|?\s*(?:v(?:ersion)?\s*)?\d{1,2}(?:\.\d{1,2}){0,2}\s*\|", re.I)
TABLE_ROWS = 30      # rows of a table read under its heading row
ROW_DATES = 4        # dates of a heading row run into its row of values that are read together
LABEL_WORDS = 6      # ... each under a label of at most this many words
RECORD_LINES = 10    # lines apart that two dates are one approval record's
COLUMN_ROWS = 12     # the most labels (and values) a cover table read column by column is read with
OPENING_LINES = 8    # the lines of a copy's cover, where a date alone is the copy's own
# the line before a date alone on the cover that makes it some other date: a label ("Staff training
# date:"), or the words of a date that is not this copy's ("Valid until", "Previous version")
OTHER_DATE = re.compile(r"[:\-–]\s*\|\s*$|\b(?:until|due|previous|next|renew\w*|supersede\w*|replace\w*|valid|expir\w*|"
                        r"inspect\w*|meeting|training|draft|consult\w*|update\w*|planned|deadline)\b", re.I)
# a title before a date on the cover: "Social Media Policy November 2015", "ICT Code of Conduct -"
COVER_TITLE = re.compile(r"(?:(?:[a-z]?-?[A-Z][\w'’&/-]*|of|and|for|the|&|[-–])\s+)*"
                         r"(?i:code\s+of\s+(?:conduct|practice)|"
                         + "|".join(sorted(DOCUMENT_KINDS, key=len, reverse=True)) + r")(?:\s*[-–:,|])?")


def _row_labels(text: str, spans, near: bool) -> dict[int, str]:
    """A table's row of labels and its row of dates run into one line, as a copy made from a PDF
    has them ("Date Reviewed Date of Next Review September 2015 September 2018"): the label of each
    date of the run (by its start), the labels in the order of the dates. Labels are split where each
    part reads as a date's label and the next starts with a capital; none when no split does."""
    out: dict[int, str] = {}
    k = 0
    while k < len(spans):
        run = [spans[k]]
        while k + len(run) < len(spans) and not text[run[-1][1]:spans[k + len(run)][0]].strip(" \t|,;"):
            run.append(spans[k + len(run)])
        words = text[max((e for _, e, _, _ in spans[:k]), default=0):run[0][0]].strip(" \t|:-–").split()
        if 2 <= len(run) <= ROW_DATES and len(words) <= LABEL_WORDS * len(run):   # (a row's few labels: bounded work)
            parts = _split_labels(words, len(run), near)
            if parts:
                out.update({at: label for (at, *_), label in zip(run, parts)})
        k += len(run)
    return out


def _split_labels(words: list[str], k: int, near: bool) -> list[str] | None:
    """``words`` cut into ``k`` labels in order, each read as a date's label, each after the first
    starting with a capital; the first such cut from the left (each label's reading worked out once)."""
    kinds: dict[tuple[int, int], bool] = {}
    failed: set[tuple[int, int]] = set()

    def label(a: int, b: int) -> bool:
        if (a, b) not in kinds:
            kinds[(a, b)] = bool(date_kind(" ".join(words[a:b]), near))
        return kinds[(a, b)]

    def cut(a: int, left: int) -> list[str] | None:
        if left == 1:
            return [" ".join(words[a:])] if a < len(words) and len(words) - a <= LABEL_WORDS and \
                label(a, len(words)) else None
        if (a, left) in failed:
            return None
        for b in range(a + 1, min(len(words) - left + 2, a + LABEL_WORDS + 1)):
            if words[b][:1].isupper() and label(a, b) and (rest := cut(b, left - 1)):
                return [" ".join(words[a:b]), *rest]
        failed.add((a, left))
        return None

    return cut(0, k)


def _record_label(text: str) -> bool:
    """A line that is an approval record's label and nothing else: "Date Approved", "Approved By"."""
    words = re.findall(r"[A-Za-z]+", text)
    return bool(words) and not re.search(r"\d", text) and all(w.lower() in RECORD_WORDS for w in words)


def _column_label(lines, i: int) -> str | None:
    """The label of the value on line ``i`` when a copy gives a table as a column of labels, then a
    column of their values, one to a line ("Date Approved", "Approved By", "Review date" over
    "February 2022", "Finance and Strategy Committee", "March 2023"): the label in the value's
    place; None when the lines are no such columns (fewer than two labels, or more values before
    it than labels)."""
    k = i
    while k > max(0, i - COLUMN_ROWS) and lines[k - 1].line >= lines[k].line - 2 and \
            not _record_label(lines[k - 1].flat):
        k -= 1
    place, labels = i - k, list[str]()
    while k > 0 and len(labels) < COLUMN_ROWS and lines[k - 1].line >= lines[k].line - 2 and \
            _record_label(lines[k - 1].flat):
        labels.insert(0, lines[k - 1].flat.strip())
        k -= 1
    return labels[place] if len(labels) >= 2 and place < len(labels) else None


def _opening(lines) -> int:
    """How many of the first lines are the copy's cover: up to the first line of prose (twelve
    words or more) or ``OPENING_LINES``."""
    for i, ln in enumerate(lines[:OPENING_LINES]):
        if len(ln.flat.split()) >= 12:
            return i
    return min(len(lines), OPENING_LINES)


def _bars(text: str) -> int:
    """How many cells a row written with bars has, empty ones too (its outer bars, if any, left out)."""
    t = text.strip()
    return len(t[t.startswith("|"):len(t) - t.endswith("|")].split("|"))


def _header(lines, i: int) -> list[str] | None:
    """The cells of the heading row over line ``i`` when it is a table's row of values under
    one ("Version | Date | Review Date" over "1 | Spring 2018 | Spring 2020"): the row before
    with as many cells, none of them a date."""
    text = lines[i].flat
    if "|" not in text or i == 0:
        return None
    cells = bar_cells(text)
    j = i - 1       # (over the table's earlier rows of values: "1.0 | 25/01/2020" then "1.1 | 16/05/2022")
    while j > 0 and i - j < TABLE_ROWS and "|" in lines[j].flat and dates_in(lines[j].flat) and \
            len(bar_cells(lines[j].flat)) == len(cells):
        j -= 1
    head = bar_cells(lines[j].flat)
    # (a row may leave its last cells empty, its bars run together or lost: "| December 2025 | December 2026 |
    # |||" under five headings, its dates under the first of them)
    short = len(cells) < len(head) and all(dates_in(c) for c in cells if c.strip())
    if len(cells) < 2 or len(head) != len(cells) and _bars(text) != _bars(lines[j].flat) and not short or \
            dates_in(lines[j].flat) or \
            not all(re.search(r"[A-Za-z]", h) for h in head if h):
        return None
    if len(cells) == 2 and re.search(r"[A-Za-z]{3}", cells[0]) and not dates_in(cells[0]):
        return None     # a row with its own label: "Review date | November 2025"
    if any(re.fullmatch(r"(?i:version|v|issue|revision)(?:\s+no\.?)?", h) for h in head):
        # a version table: each row's bare "Date" is when that version was approved
        head = ["date approved" if re.fullmatch(r"(?i:date)", h) else h for h in head]
    return head if text.strip().startswith("|") is lines[j].flat.strip().startswith("|") else None


def _signer(lines, i, titles) -> dict | None:
    ln = lines[i]
    rest = re.sub(r"^\s*signed\s*(?:by)?\s*[:\-]*\s*", "", ln.flat, flags=re.I).strip(" |")
    names = name_spans(rest)
    title_text = rest[names[0][1]:] if names else ""
    if not names and i + 1 < len(lines) and lines[i + 1].line <= ln.line + 2:
        nxt = lines[i + 1]      # "Signed:" then "Chair of Trust Board:  Claire Delaney"
        ms = roles_in(nxt.flat)
        nn = name_spans(nxt.flat)
        if ms and nn:
            names, title_text = nn, nxt.flat[:ms[0].end()]
    if not names:
        return None
    ms = roles_in(title_text)
    if not ms:
        return None
    rid = role_of(ms[0])
    title = re.sub(r"\s*[:|].*$", "", title_text[ms[0].start():]).strip() or titles.get(rid, "")
    return {"name": names[0][2], "role": rid, "title": title}
