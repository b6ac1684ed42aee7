"""What a written text says about dates and review cycles, read the way a trust officer reads it:
the dates schools type ("June 2024", "1 Sept 2022", "01/09/2022", "Autumn 2024"), what a date is
from the words before it (a next review, an approval), and the review cycles written in words
("annually", "every other year", "Review cycle: 2 years"). The import reads a school's copy with
these, and the checks read the pack's own text with them, so both understand the same wordings.

Dates: only a shape this module recognises is read (a pattern finds it first); python-dateutil
then reads its words. A date without a day is a month ("June 2024" -> "2024-06"): dateutil is
given two different defaults and a part that differs between them was not in the text, so no
missing part is ever filled in from today. Numbers are day first (UK): "01/09/2022" is 1
September. A school term or season names no month, so it is read as the month its term starts
(autumn: September, spring: January, summer: April; winter: December). A date a pack file gives
(``pack_date``) is read the same way, but must be one whole day or month: a term, a two-digit
year or the wrong weekday is refused, with the reason.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as du

from builder.source.values import DATE_RE, WORD_MONTHS, PackDate, Where, cycle_words, months_of, parse_date

YEARS = range(1990, 2101)
# the months' names in Welsh, the UK's other official language ("Ionawr 2026", "1 Medi 2025"), January first
WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                "Tachwedd", "Rhagfyr")


class _Months(du.parserinfo):
    """dateutil's month names, each with its Welsh name beside it."""
    MONTHS = [(*names, welsh) for names, welsh in zip(du.parserinfo.MONTHS, WELSH_MONTHS)]


_DATES = _Months(dayfirst=True)
MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
              r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|" + "|".join(WELSH_MONTHS).lower() + ")")


def month_number(word: str) -> int:
    """The month a name ``MONTH_WORD`` found gives, in English or Welsh ("Sept", "Medi": 9; 0 for
    a word that names no month), as dateutil reads it."""
    return _DATES.month(word.rstrip(".")) or 0


_DAYNAME = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORD = r"(?:[ ]?(?:st|nd|rd|th))?"      # ("24th", and "24 th" as a copy spaced it)
_YEAR = r"(?:19|20)\d\d"
DATE_TEXT = re.compile(
    r"(?<![\w/.])(?<!\w-)(?:"      # (a dash after a space is a label's: "Date approved -September 2023")
    rf"(?P<iso>{_YEAR})-(?P<im>\d{{1,2}})(?:-(?P<id>\d{{1,2}}))?"
    rf"|(?P<ys>{_YEAR})(?P<ysep>[/.])(?P<ym>\d{{1,2}})(?P=ysep)(?P<yd>\d{{1,2}})"     # ("2025/01/14": year first)
    rf"|(?P<nd>\d{{1,2}})(?P<sep>[/.\-])(?P<nm>\d{{1,2}})(?P=sep)(?P<ny>{_YEAR}|\d\d)"
    rf"|(?P<my_m>\d{{1,2}}(?=/)|\d\d(?=\.))[/.](?P<my_y>{_YEAR})"     # ("09/2027", "01.2028")
    rf"|(?P<words>{_DAYNAME}(?:\d{{1,2}}{_ORD}(?:\s+of)?\s+{MONTH_WORD}\.?,?\s+{_YEAR}"
    rf"|\d{{1,2}}-{MONTH_WORD}-(?:{_YEAR}|\d\d(?!\d))"      # "14-Jan-2025", "21-JUN-23"
    rf"|{MONTH_WORD}\.?\s+\d{{1,2}}{_ORD},?\s+{_YEAR}|{MONTH_WORD}\.?,?\s*(?:of\s+)?{_YEAR}))"
    rf"|(?P<season>aut(?:umn)?|spr(?:ing)?|sum(?:mer)?|win(?:ter)?)\.?(?:\s+term)?(?:\s+[12])?,?\s+(?P<sy>{_YEAR})"
    r")(?:(?![\w/-]|\.\d)|(?<=\d)(?=(?-i:[A-Z][a-z])))", re.I)   # (or run into the next sentence: "FEB 2015The")
MONTH_FIRST = "puts the month first, as in the US"      # (the note on such a date)
SEASONS = {"autumn": 9, "spring": 1, "summer": 4, "winter": 12}


def _check(y: int, m: int, d: int | None) -> str | None:
    if y not in YEARS:
        return None
    try:
        dt.date(y, m, d or 1)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d else "")


def read_date(m: re.Match) -> tuple[str | None, str]:
    """A date found by ``DATE_TEXT`` as the school file writes it ("2024-06", "2022-09-01"), and
    a note when it needs checking; the date is None when it is not a real date."""
    if m["iso"]:
        return _check(int(m["iso"]), int(m["im"]), int(m["id"]) if m["id"] else None), ""
    if m["ys"]:
        return _check(int(m["ys"]), int(m["ym"]), int(m["yd"])), ""
    if m["nd"]:
        y = int(m["ny"])
        y = y + 2000 if y < 100 else y
        day, month = int(m["nd"]), int(m["nm"])
        if month > 12 >= day:
            # no day's month first, as the US writes it ("08/30/2018"): the only date it can be
            value = _check(y, day, month)
            return value, (f"'{m.group().strip()}' {MONTH_FIRST}: read as "
                           f"{PackDate(y, day, month).human()}; check it" if value else "")
        return _check(y, month, day), ""
    if m["my_m"]:
        return _check(int(m["my_y"]), int(m["my_m"]), None), ""
    if m["season"]:
        season = {"aut": "autumn", "spr": "spring", "sum": "summer", "win": "winter"}[m["season"].lower()[:3]]
        value = _check(int(m["sy"]), SEASONS[season], None)
        return value, (f"'{m.group().strip()}' names a {'term' if season != 'winter' else 'season'}, "
                       f"not a month: read as {PackDate(int(m['sy']), SEASONS[season]).human()}; "
                       f"check it")
    return _words(m["words"]), ""


def _words(text: str) -> str | None:
    t = re.sub(r"(\d) ?(st|nd|rd|th)\b", r"\1", text, flags=re.I)
    t = re.sub(r"^\s*[A-Za-z]+day\b\.?,?|^\s*(?:mon|tues?|wed|thur?s?|fri|sat|sun)\b\.?,?", "", t,
               flags=re.I)
    t = re.sub(r"\b(sept)\b\.?", "Sep", t, flags=re.I)
    t = re.sub(r"\bof\b", " ", t, flags=re.I).replace(".", " ")
    try:
        a = du.parse(t, _DATES, fuzzy=False, default=dt.datetime(1901, 1, 1))
        b = du.parse(t, _DATES, fuzzy=False, default=dt.datetime(1902, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year or a.month != b.month:
        return None     # the text gave no year or no month: not a date we keep
    return _check(a.year, a.month, a.day if a.day == b.day else None)


# the words before a number like "10.2019" or "10/2019" that make it a part's number, a version or a sum
NOT_MONTH_YEAR = re.compile(r"\b(?i:section|sections|paragraph|para|paras|clause|part|chapter|page|item|rule|"
                            r"figure|fig|table|version|ver|v|windows|release|no|number|ref|reference|article|regulation|reg|"
                            r"s|ss)\.?[ \t]*$|[£$€][ \t]*$")


def dates_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, value, note) of every date in ``text``."""
    out = []
    for m in DATE_TEXT.finditer(text):
        if m["my_m"] and NOT_MONTH_YEAR.search(text[max(0, m.start() - 12):m.start()]):
            continue    # "section 10.2019", "version 10.2024", "£10.2025": a number, not a month and year
        got = read_date(m)
        if got and got[0]:
            out.append((m.start(), m.end(), got[0], got[1]))
    return out


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# laid out as a date, whether or not it is one: "31/06/2022", "31 June 2022", "Monday 30 February 2025"
DATE_SHAPE = re.compile(r"(?i)(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?[/.\-\s]+(?:\d{1,2}|[a-z]{3,9}\.?)"
                        r"[/.\-\s,]+\d{2,4}")


def _ordinal(day: int) -> str:
    """The ending a day's number takes: 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def written_date(text: str) -> tuple[str | None, str]:
    """A pack value that is one whole date as people write it ("14 January 2025", "14/01/2025", day
    first as in the UK, "Jan 2025"): (YYYY-MM-DD or YYYY-MM, ""); else (None, why it is not one)."""
    text = text.strip()
    found = dates_in(text)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text.rstrip(". ")):
        start, end, value, note = found[0]
        if note and MONTH_FIRST in note:
            return None, f"{MONTH_FIRST}, where a pack writes the day first or YYYY-MM-DD"
        if note:
            return None, "names a term, not one day or month"
        if not re.search(r"\d{4}", text[start:end]):
            return None, "gives its year in two digits, which could be either century"
        day = re.match(r"(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s", text)
        if day and len(value) == 10 and _WEEKDAYS[dt.date.fromisoformat(value).weekday()] != day[1].lower():
            return None, f"is a {dt.date.fromisoformat(value):%A}, not a {day[0].strip(' .,').title()}"
        if (nth := re.search(r"\b(\d{1,2})(st|nd|rd|th)\b", text, re.I)) and nth[2].lower() != _ordinal(int(nth[1])):
            return None, f"writes the day '{nth[0]}', which is no day's ending ({nth[1]}{_ordinal(int(nth[1]))})"
        return value, ""
    if DATE_SHAPE.fullmatch(text):
        return None, ("gives its year in two digits, which could be either century" if re.search(r"\D\d\d$", text)
                      else "is not a real date")
    return None, "is not a date"


def pack_date(value, w: Where, what: str, key: str | None = None) -> PackDate:
    """A date a pack file gives: YYYY-MM-DD or YYYY-MM, or one date as people write it
    (``written_date``); E-DATE at its line saying why it is none, with the value to write."""
    text = str(value).strip() if value is not None else ""
    iso, why = (text, "") if DATE_RE.match(text) else written_date(text)
    return parse_date(iso or text, w, what, key, why)


# ---------------------------------------------------------------- what a date is

NEXT_CUES = re.compile(
    r"next\b[^.]{0,30}review|review\w*\s+date|date\s+(?:of|for)\s+(?:the\s+)?(?:next\s+)?review|"
    r"review\s+(?:is\s+)?due|due\s+(?:for\s+)?(?:review|renewal)|(?:to|will)\s+be\s+(?:re)?viewed|"
    r"\breview\s+(?:by|before|no\s+later\s+than)\b|\breviewed\s+(?:before|no\s+later\s+than)\b|renewal\s+date|renew\w*\s+(?:by|on|in|"
    r"before)|expir|\breview\s*:|\bnext\s+review|\bre-?review|review\s+in\b|"
    r"\b(?:will|shall|to)\s+(?:next\s+)?review\s+(?:it|this\s+\w+|the\s+\w+)\s+(?:in|by|on|before)\b|"
    r"\b(?:to|will)\s+be\s+(?:updated|revised|amended)\b|"
    # (in Welsh, as a bilingual school's copy labels it: "Dyddiad Adolygu", "Adolygiad nesaf")
    r"dyddiad\s+adolygu|adolygiad\s+nesaf|i['’]?w\s+adolygu|"
    # the one word "Review" as a label before its date on its line ("Review September 2016"): when the
    # record says it is next reviewed (not "Review" over a date, a version history's row's action)
    r"^[ \t]*review[ \t]*[:\-\u2013]?[ \t]*$", re.I)
APPROVED_CUES = re.compile(
    r"approv|adopt|ratif|endors|cymeradwy|mabwysiad|\bsanctioned\s+by|agreed|\baccepted\s+by|\bsigned|date\s+of\s+issue|issue\s+date|\bissued|effective|last\s+review|"
    r"date\s+reviewed|\b(?:reviewed|amended|updated|revised)\s+by\b|date\s+of\s+(?:the\s+|this\s+)?(?:current\s+)?(?:policy|document)\b|"
    r"(?:was|were)\s+reviewed|\breviewed\s*(?::|on\b)|published|"
    r"\b(?:policy|document)\s+date\b|\bdate\s+(?:policy\s+|document\s+)?(?:updated|amended|revised)\b|"
    # a past review or change, as a label before the date ("Last updated: September 2019", "Updated Feb
    # 2024") or said by the school ("We reviewed and amended our Code of Conduct in September 2024")
    r"(?:^|\|)\s*(?:last\s+|date\s+)?(?:reviewed|updated|amended|revised)\s*[:\-–|]?\s*$|"
    r"(?-i:\b(?:Last\s+)?(?:Reviewed|Updated|Amended|Revised))\s*[:\-–]?\s*$|"   # (a label in capitals mid-line)
    # when the document took effect, as a label before its date ("Originally released: January 2018",
    # "Date of Commencement 08/30/2018"; not when it was written or created, a draft's date)
    r"(?:^|\|)\s*(?:date\s+(?:of\s+)?)?(?:(?:originally\s+)?released|commencement|commenced)\s*[:\-–|]?\s*$|"
    # a sign-off: the signer's post, then the date it was signed ("S Gallichan Headteacher Date: 22.11.16")
    r"\b(?:head\s*teacher|principal|chair(?:\s+of\s+(?:the\s+)?governors)?)\s*[:\-–|]?\s*date(?:d)?\s*[:\-–|]?\s*$|"
    r"\b(?:we|governors|the\s+governors|the\s+governing\s+(?:body|board))\s+(?:have\s+)?(?:reviewed|updated|amended|"
    r"revised)\b", re.I)
BARE_DATE = re.compile(r"(?:^|\|)\s*(?:date|dated)\s*[:\-]?[\s|]*$", re.I)


def date_kind(before: str, near_block: bool) -> str | None:
    """What a date is from the words before it on its line: "next_review", "approved" or None."""
    ctx = before[-70:]
    last = [m.end() for m in re.finditer(r"(?:last|previous|previously|most\s+recent(?:ly)?)\s+review", ctx, re.I)]
    nxt = [m.start() for m in NEXT_CUES.finditer(ctx)]
    if last and (not nxt or last[-1] > nxt[-1]):
        return "approved"           # "Date of last review: 03/2023" (the nearer cue wins: "Last reviewed:
        #                             Spr 2025 This policy will be reviewed again: Spr 2026"; a next
        #                             review's cue inside the last one's, "review:", is the same words)
    done = [m.start() for m in APPROVED_CUES.finditer(ctx)]
    if nxt and done and done[-1] > nxt[-1] and re.search(r"\bdate\b", ctx[nxt[-1]:done[-1]], re.I):
        return "approved"           # two labels run together, the date under the last: "Date reviewed Date
        #                             adopted by School Governing Body November 2020"
    if nxt:
        return "next_review"
    if done:
        return "approved"
    if near_block and (BARE_DATE.search(ctx) or not re.search(r"[A-Za-z]", ctx)):
        return "approved"
    return None


# ---------------------------------------------------------------- review cycles

_N = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eighteen|twelve|twenty-four)"
CYCLE_TEXT = re.compile(
    rf"\bevery\s+{_N}\s*[- ]?\s*(?P<unit>years?|yrs?|months?|mths?)\b"
    # "at intervals of no less than three years"
    rf"|\bat\s+intervals\s+of\s+(?:(?:no|not)\s+(?:less|more)\s+than\s+|at\s+(?:least|most)\s+|up\s+to\s+)?"
    rf"{_N.replace('<n>', '<n5>')}\s+(?P<unit5>years?|yrs?|months?|mths?)\b"
    r"|\bevery\s+(?P<ord>other|second|third|fourth|fifth)\s+year\b"
    rf"|\b{_N.replace('<n>', '<n2>')}[- ](?P<unit2>year|yr|month|mth)(?:ly|s)?\s+(?:review\s+)?"
    r"(?:cycle|basis|intervals?|"
    r"period)\b"
    rf"|\b(?P<n3>\d{{1,2}}|one|two|three|four|five|six)[- ]yearly\b"
    # ("a 6 monthly review", "on a six-monthly basis"; not "6 monthly reports": a label's bare value is read below)
    rf"|\b(?P<n8>\d{{1,2}}|three|six|twelve|eighteen|twenty-four)[- ]?(?P<unit8>month)ly[ \t]+(?:review|basis|cycle)\b"
    rf"|(?:(?<=\breviewed )|(?<=\brevised ))(?P<n9>\d{{1,2}}|three|six|twelve|eighteen)[- ]?(?P<unit9>month)ly\b"
    # ("annual" of another thing is no cycle: "the annual training programme", "an annual report")
    r"|\b(?P<word>annually|annual(?![ \t]+(?!(?:reviews?|reviewing|basis|cycle|revision|update|renewal|"
    r"re-?approval)\b)[a-z])|yearly|every\s+year|each\s+year|once\s+a\s+year|bi-?ennial(?:ly)?|"
    r"tri-?ennial(?:ly)?|termly|every\s+term|each\s+term|half[- ]yearly|every\s+six\s+months|"
    r"bi-?annual(?:ly)?|tri-?annual(?:ly)?|twice\s+a\s+year)\b"
    # each school year, each spring term, in twelve months' time
    r"|\b(?P<year>(?:each|every|per|once\s+(?:a|per|each|every))\s+(?:academic|school|calendar|financial)\s+year"
    r"|(?:each|every)\s+(?:spring|summer|autumn|winter)(?:\s+term)?|(?:each|every)\s+(?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december))\b"
    rf"|\b(?:in|within|after)\s+{_N.replace('<n>', '<n4>')}\s+(?P<unit4>years?|yrs?|months?|mths?)(?:['’]s?)?"
    r"(?:\s+time)?\b"
    # how long the document holds: "valid for one year", "a lifespan of three years", "twelve months
    # from the date of approval"
    rf"|\b(?:valid\s+for|(?:life\s*span|life|validity)\s+of)\s+(?:a\s+period\s+of\s+)?(?:up\s+to\s+)?"
    rf"{_N.replace('<n>', '<n6>')}\s+(?P<unit6>years?|yrs?|months?|mths?)\b"
    rf"|\b{_N.replace('<n>', '<n7>')}\s+(?P<unit7>years?|yrs?|months?|mths?)\s+(?:from|after)\s+(?:the\s+)?"
    r"(?:date\s+(?:of|it\s+was)\s+)?(?:its\s+)?(?:approv|adopt|ratif|publi|issu)\w*", re.I)
# the groups of CYCLE_TEXT that hold a number and its unit
_COUNTED = (("n", "unit"), ("n2", "unit2"), ("n3", None), ("n4", "unit4"), ("n5", "unit5"), ("n6", "unit6"),
            ("n7", "unit7"), ("n8", "unit8"), ("n9", "unit9"))
# (or "Review" and a word of the label's own, its value a bare length: "Review requirements: 1 year")
CYCLE_LABEL = re.compile(r"(?:^|\|)\s*(?:(?:policy\s+)?(?:review\s+(?:cycle|frequency|period|interval|schedule)|"
                         r"review\s+(?!dates?\b|by\b|on\b|of\b|in\b)[a-z]+\s*[:|](?=\s*(?:\d{1,2}\s*(?:years?|months?)|"
                         r"annual(?:ly)?|yearly|termly|bi-?ennial(?:ly)?)\s*$)|"
                         r"frequency\s+of\s+review|renewal\s+(?:cycle|period))\s*[:\-|]?|"
                         r"(?:renewal|reviewed|review)\s*[:\-|])", re.I)


def cycle_value(months: int) -> str:
    """A review cycle as the school file writes it: "annually", "2 years", "18 months"."""
    return cycle_words(months).removeprefix("every ")


BARE_CYCLE = re.compile(r"(?:every\s+)?(?P<n>\d{1,3}|one|two|three|four|five|six|twelve|eighteen)\s?-?\s?"
                        r"(?P<unit>years?|yrs?|months?|mths?|month(?=ly\b))(?:(?<=month)ly)?\b|(?P<word>annual(?:ly)?|yearly|biennial(?:ly)?|"
                        r"triennial(?:ly)?|termly)\b", re.I)


def bare_cycle(text: str, at: int = 0) -> tuple[int, int] | None:
    """(end, months) of a length alone at ``at``, as a label's value gives a cycle ("2 years",
    "12 months", "Annual")."""
    m = BARE_CYCLE.match(text, at)
    if not m:
        return None
    months = WORD_MONTHS[re.sub(r"^(bi|tri)-", r"\1", m["word"].lower())] if m["word"] else months_of(m["n"], m["unit"])
    return (m.end(), months) if 0 < months <= 120 else None


def cycle_spans(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, months, note) of every review cycle ``text`` states; after a label ("Review
    cycle: 2 years", "Review frequency: Annual") a bare length counts too."""
    out = []
    label = CYCLE_LABEL.search(text)
    if label:
        rest = text[label.end():]
        start = label.end() + len(rest) - len(rest.lstrip())
        if (bare := bare_cycle(text, start)):
            return [(start, bare[0], bare[1], "")]
    for m in CYCLE_TEXT.finditer(text):
        note = ""
        if m["ord"]:
            months = months_of(m["ord"], "years")
        elif m["year"]:
            months = 12
        elif (counted := next(((m[n], m[u] if u else "year") for n, u in _COUNTED if m[n]), None)):
            months = months_of(*counted)
        else:
            word = re.sub(r"\s+", " ", m["word"].lower())
            word = re.sub(r"^(bi|tri)-", r"\1", word)
            months = WORD_MONTHS[word.replace("half yearly", "half-yearly")]
            if word.startswith("biannual"):
                note = (f"'{m.group()}' is read as twice a year (6 months); if the school means "
                        f"every two years ('biennially'), write '2 years'")
            elif word.startswith("triannual"):
                note = (f"'{m.group()}' is read as every three years, as schools use it; if the school means "
                        f"three times a year, write '4 months'")
        if 0 < months <= 120:
            out.append((m.start(), m.end(), months, note))
    return out


def cycles_in(text: str) -> list[tuple[int, str, str]]:
    """(start, value as the school file writes it, note) of every review cycle ``text`` states."""
    return [(start, cycle_value(months), note) for start, _, months, note in cycle_spans(text)]
