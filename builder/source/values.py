"""Validation primitives: typed values with source lines, unknown-key suggestions, dates, slugs.

Every check raises or records a Diagnostic naming file, line and school, never a traceback.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass

from builder.common.diagnostics import Collector, PackError, error, printable
from builder.source.yamlsrc import SrcDict, SrcList

SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")   # \Z: "oak\n" is no id
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}\Z")


@dataclass
class Where:
    """Where a value lives: file shown relative to the pack, line, school."""

    path: str
    line: int | None = None
    school: str | None = None

    def at(self, line):
        return Where(self.path, line, self.school)

    def err(self, code, message):
        return error(self.path, self.line, code, message, self.school)


def where_of(m, key=None, school=None) -> Where:
    path = getattr(m, "path", "") or ""
    if key is not None and isinstance(m, SrcDict):
        return Where(path, m.line_of(key), school)
    if isinstance(m, SrcList) and isinstance(key, int) and key < len(m.lines):
        return Where(path, m.lines[key], school)
    return Where(path, getattr(m, "line", None), school)


# Words people write for a key the pack spells differently: suggested when close to a valid key.
SYNONYMS = {
    "review_date": "next_review", "next_review_date": "next_review", "review_by": "next_review",
    "review_due": "next_review", "date_of_review": "next_review", "reviewed": "approved",
    "approval_date": "approved", "approved_on": "approved", "date_approved": "approved",
    "approved_date": "approved", "cycle": "review_cycle", "review_frequency": "review_cycle",
    "review_period": "review_cycle", "color": "colour", "tel": "phone", "telephone": "phone",
    "e-mail": "email", "mail": "email", "url": "website", "web": "website", "signatures": "signatories",
    "signers": "signatories", "approver": "body", "approved_by": "body", "related_policies": "related",
    "appendices": "forms", "title_of_policy": "title",
}


def nearest_key(key, allowed) -> str | None:
    """The valid key a typo or a synonym most likely meant: 'colur' -> 'colour',
    'reveiw_date' -> 'next_review' (through 'review_date')."""
    key = str(key).strip().lower().replace(" ", "_")
    if key in allowed:
        return key
    options = sorted(allowed)
    near = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
    synonyms = [w for w, meant in SYNONYMS.items() if meant in allowed]
    syn = difflib.get_close_matches(key, synonyms, n=1, cutoff=0.75)
    if syn and (not near or difflib.SequenceMatcher(None, key, syn[0]).ratio()
                > difflib.SequenceMatcher(None, key, near[0]).ratio()):
        return SYNONYMS[syn[0]]
    return near[0] if near else None


def did_you_mean(name, known) -> str:
    """'; did you mean 'data-protection'?' for an id close to one of ``known`` (a typo, or
    underscores for hyphens), or ''."""
    name = str(name)
    options = sorted(str(k) for k in known)
    if not options:
        return ""
    norm = {o.replace("_", "-").lower(): o for o in options}
    key = name.replace("_", "-").replace(" ", "-").lower()
    if key in norm and norm[key] != name:
        return f"; did you mean '{norm[key]}'?"
    near = difflib.get_close_matches(key, list(norm), n=1, cutoff=0.6)
    if not near:  # a shortened id: 'data' for 'data-protection'
        near = [o for o in norm if o.startswith(key + "-") or o.endswith("-" + key)][:1]
    return f"; did you mean '{norm[near[0]]}'?" if near else ""


def check_keys(m: dict, allowed, what: str, out: Collector, school=None) -> None:
    """Unknown keys are errors with the nearest valid key suggested."""
    for key in m:
        if key in allowed:
            continue
        near = nearest_key(key, allowed)
        hint = f"; did you mean '{near}'?" if near else f"; valid keys: {', '.join(sorted(allowed))}"
        out.add(where_of(m, key, school).err("E-KEY", f"unknown key '{key}' in {what}{hint}"))


def need_mapping(value, w: Where, what: str) -> dict:
    if not isinstance(value, dict):
        raise PackError(w.err("E-TYPE", f"{what} must be a mapping (key: value), not {kind(value)}"))
    return value


def kind(value) -> str:
    """What a YAML value is, in words (its subclasses, such as a number kept as written, too)."""
    if value is None:
        return "empty"
    for t, words in ((bool, "true/false"), (str, "text"), (int, "a number"), (float, "a decimal number"),
                     (list, "a list"), (dict, "a mapping")):
        if isinstance(value, t):
            return words
    return type(value).__name__


def wrong_type(w: Where, key, what: str, need: str, value) -> PackError:
    """E-TYPE for a value under a key: "'title' in policy 'x' must be text, not a list"."""
    return PackError(w.err("E-TYPE", f"'{key}' in {what} must be {need}, not {kind(value)}"))


def text_value(value):
    """A scalar as text (``version: 2.0`` written without quotes is "2.0"); None if not a scalar."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return getattr(value, "written", "") or str(value)   # 1.10 as written, not 1.1
    return None


def get(m: dict, key, typ, what, school=None, required=False, default=None):
    """Return m[key] checked against typ (str, int, bool, list, dict)."""
    if key not in m or m[key] is None:
        if required:
            raise PackError(where_of(m, None, school).err(
                "E-MISSING", f"{what} needs '{key}'"))
        return default
    value = m[key]
    if typ is str and text_value(value) is not None:
        value = text_value(value)
    ok = isinstance(value, typ) and not (typ is int and isinstance(value, bool))
    if not ok:
        names = {str: "text", int: "a number", bool: "true or false", list: "a list", dict: "a mapping"}
        raise wrong_type(where_of(m, key, school), key, what, names.get(typ, typ.__name__), value)
    return value


def get_text(m, key, what, school=None, required=False, default=None):
    value = get(m, key, str, what, school, required, default)
    if isinstance(value, str):
        value = value.strip()
        if required and not value:
            raise PackError(where_of(m, key, school).err("E-MISSING", f"'{key}' in {what} is empty"))
    return value


# Names Windows keeps for devices, whatever the case and extension: an output file or folder
# named after an id (nul.pdf, con/) could not be made or copied there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def windows_reserved(name: str) -> bool:
    return name.split(".", 1)[0].strip().lower() in WINDOWS_RESERVED


def _escaped(value) -> str:
    """A value as a one-line message shows it: line breaks and tabs written as escapes."""
    return printable(str(value)).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def slug(value, w: Where, what: str) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise PackError(w.err(
            "E-ID", f"{what} '{_escaped(value)}' is not a safe id: use lower-case letters, digits and "
                    f"single hyphens, such as 'vine-tree'"))
    if windows_reserved(value):
        raise PackError(w.err(
            "E-ID", f"{what} '{value}' is not a safe id: Windows keeps the name '{value}' for a "
                    f"device, so files named after it cannot be made there; choose another, such "
                    f"as '{value}-school'"))
    return value


@dataclass(frozen=True, order=True)
class PackDate:
    """A date written YYYY-MM-DD, or YYYY-MM meaning the whole month."""

    year: int
    month: int
    day: int | None = None

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def human(self) -> str:
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def add_months(self, months: int) -> PackDate:
        total = self.year * 12 + (self.month - 1) + months
        y, m = divmod(total, 12)
        if self.day is None:
            return PackDate(y, m + 1)
        return PackDate(y, m + 1, min(self.day, calendar.monthrange(y, m + 1)[1]))


DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def parse_date(value, w: Where, what: str, key: str | None = None, why: str = "") -> PackDate:
    """A date written YYYY-MM-DD or YYYY-MM (a date as people write it is read before, by
    ``review_text.written_date``, which says ``why`` it is none)."""
    text = str(value).strip() if value is not None else ""
    m = DATE_RE.match(text)
    if not m:
        name = key or re.sub(r" date$", "", what or "date").replace(" ", "_")
        raise PackError(w.err("E-DATE", f"{what} '{text}' {why or 'is not a date'}: write YYYY-MM-DD or "
                                        f"YYYY-MM, or a day as people write it (1 September 2025); "
                                        f"for example `{name}: 2025-09-01`"))
    y, mo, d = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    try:
        dt.date(y, mo, d or 1)
    except ValueError as exc:
        name = key or re.sub(r" date$", "", what or "date").replace(" ", "_")
        order = " (the month comes second: YYYY-MM-DD)" if 12 < mo <= 31 and d is not None and d <= 12 else ""
        raise PackError(w.err("E-DATE", f"{what} '{text}' is not a real date{order}: write a day that exists, "
                                        f"for example `{name}: 2025-09-01`")) from exc
    return PackDate(y, mo, d)


# numbers written as words in a review cycle ("every two years", "every other year")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24, "other": 2,
           "second": 2, "third": 3, "fourth": 4, "fifth": 5}
CYCLE_RE = re.compile(r"^(?:every\s+)?(\d+|one|two|three|four|five|six|twelve|eighteen)\s*(year|month|yr|mth|mo)s?\.?$")


def months_of(count: str, unit: str) -> int:
    """A cycle's length in months from its number, in digits or words, and its unit, in full or
    short ("2" "years", "two" "yrs", "18" "mths"): the one reading of the school file's
    ``review_cycle`` and of a cycle typed in a policy's text."""
    n = int(count) if count.isdigit() else NUMBERS[count.lower()]
    return n if unit.lower().startswith(("month", "mth", "mo")) else n * 12


# review cycles written as words, and their months (the review prose check reads the same words)
WORD_MONTHS = {"annual": 12, "annually": 12, "yearly": 12, "every year": 12, "each year": 12,
               "once a year": 12, "biennial": 24, "biennially": 24, "every other year": 24,
               "every second year": 24, "triennial": 36, "triennially": 36, "termly": 4, "every term": 4,
               "each term": 4, "half-yearly": 6, "half yearly": 6, "every six months": 6, "biannual": 6,
               "biannually": 6, "twice a year": 6, "triannual": 36, "triannually": 36}


def parse_cycle(value, w: Where, what="review cycle") -> int:
    """'annually', 'biennially', '2 years', 'every two years', '6 months' -> months."""
    text = " ".join(str(value).strip().lower().split())
    if text in ("1 year", "one year"):
        return 12
    word = re.sub(r"^(bi|tri)-", r"\1", text)
    if word in WORD_MONTHS and not word.startswith(("bi", "triannual")):   # (both read two ways)
        return WORD_MONTHS[word]
    if text in ("biennial", "biennially"):
        return 24
    # "2-yearly", "two-yearly", "6-monthly", "six-monthly"
    m = CYCLE_RE.match(re.sub(r"^(\w+)-(year|month)ly$", r"\1 \2s", text))
    if not m:
        raise PackError(w.err("E-CYCLE", f"{what} '{value}' is not understood: write 'annually', "
                                         f"'2 years' or '6 months'"))
    months = months_of(m[1], m[2])
    if months <= 0:
        raise PackError(w.err("E-CYCLE", f"{what} '{value}' must be longer than zero"))
    return months


def cycle_words(months: int) -> str:
    if months == 12:
        return "annually"
    if months % 12 == 0:
        return f"every {months // 12} years"
    return f"every {months} months"


def as_list(value, w: Where, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PackError(w.err("E-TYPE", f"{what} must be a list, not {kind(value)}"))
    return value


# a line of an address that is a UK postcode, in any case, its space left out or doubled ("n15 3as", "N153AS")
_POSTCODE_LINE = re.compile(r"\s*([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\s*", re.I)


def postcode_as_written(line: str) -> str:
    """An address line that is a postcode as Royal Mail writes it, capitals and one space before
    its last three characters ("n15 3as" prints "N15 3AS", every page the same); any other line as
    it is."""
    m = _POSTCODE_LINE.fullmatch(line)
    return f"{m[1].upper()} {m[2].upper()}" if m else line


def address_as_shown(address):
    """A school's ``address`` (a line, or a list of lines) with its postcode line as Royal Mail
    writes it, for every output to print the same way."""
    if isinstance(address, str):
        return postcode_as_written(address)
    if isinstance(address, list):
        return [postcode_as_written(a) if isinstance(a, str) else a for a in address]
    return address
