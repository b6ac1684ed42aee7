"""Returned forms -> a consent register: one row per file, whatever the file is.

Each file is read by ``reader.Reader`` (a separate, limited process), so a damaged, hostile or
huge file costs one row saying what is wrong and the run goes on.

Which form a file is, and what its items are, is read from the file itself: the hidden
identity field and the ``/PolicypackItems`` key of its document information, both written by
``render/form/fields.py`` (names and identity: the scheme of ``source/field_names.py``, which
also guesses the items back from the field names when a file lost its item list).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.forms.reader import OFF, Reader
from builder.source.field_names import ID_FIELD, items_from_names, parse_identity

MAX_BYTES = 25 * 1024 * 1024       # a returned form is well under 1 MB; a scan rarely over 10
FIXED = ["file", "sha256", "status", "follow_up", "school", "form", "form_version", "pupil",
         "year_group", "parent", "signature_name", "date_signed"]
FIXED_SET = frozenset(FIXED)


# ---------------------------------------------------------------- from fields to a register row

@dataclass
class Row:
    file: str
    sha256: str = ""
    status: str = "complete"         # complete | follow-up | unreadable | not-a-form
    follow_up: list[str] = field(default_factory=list)
    school: str = ""
    form: str = ""
    form_version: str = ""
    pupil: str = ""
    year_group: str = ""
    parent: str = ""
    signature_name: str = ""
    date_signed: str = ""
    answers: dict = field(default_factory=dict)
    # not columns: the item list the row was read with, and who the return is for ('pupil':
    # the pupil field; 'signature': the signer, as on a staff form)
    items: list | None = field(default=None, repr=False)
    items_guessed: bool = False
    subject: str = "signature"

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in FIXED if k != "follow_up"}
        d["follow_up"] = "; ".join(self.follow_up)
        d.update(self.answers)
        return d


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y", "%d-%m-%Y", "%d-%m-%y",
                "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%A %d %B %Y", "%a %d %b %Y")
YEARS = range(1900, 2200)
MAX_CELL = 32_767                   # Excel's limit on the characters of one cell


def parse_date_text(text: str) -> str | None:
    """A date as typed in a form -> 'YYYY-MM-DD', or None when it is not a whole date.

    Day first (UK): '01/09/2026' is 1 September. The formats above are tried first; then
    python-dateutil (day first, not fuzzy) for other spellings ('1st Sept 2026', 'Tues 1 Sep
    26'), kept only when the text names a day, a month and a year (dateutil fills a missing part
    from its default: the text is parsed with two defaults and must read the same both ways)."""
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", str(text).strip(), flags=re.I)
    t = re.sub(r"\s+", " ", t).replace(" ,", ",")
    if not t or len(t) > 40 or not re.search(r"\d", t):
        return None
    for fmt in DATE_FORMATS:
        try:
            d = dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
        return d.isoformat() if d.year in YEARS else None
    if re.fullmatch(r"[\d\s./-]+", t):
        return None     # numbers only: the formats above or nothing (not '01/13/2026' month first)
    from dateutil import parser as du
    try:
        a = du.parse(t, dayfirst=True, fuzzy=False, default=dt.datetime(2001, 1, 1))
        b = du.parse(t, dayfirst=True, fuzzy=False, default=dt.datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date() or a.year not in YEARS or (a.hour, a.minute, a.second) != (0, 0, 0):
        return None
    return a.date().isoformat()


ITEM_TYPES = {"text", "longtext", "date", "tick", "yesno", "choice", "signature"}


def clean_items(items) -> list[dict] | None:
    """The item list as read from a file, or None when it is not one (a hostile or damaged list:
    anything but a list of objects each with a text name)."""
    if not isinstance(items, list):
        return None
    out = []
    for it in items:
        if not isinstance(it, dict) or not isinstance(it.get("name"), str) or not it["name"]:
            return None
        d = dict(it)
        d["type"] = d.get("type") if d.get("type") in ITEM_TYPES else "text"
        d["required"] = d.get("required") is True
        opts = d.get("options") if isinstance(d.get("options"), list) else []
        d["options"] = [(str(o[0]), str(o[1])) for o in opts
                        if isinstance(o, (list, tuple)) and len(o) == 2]
        if d.get("register") not in ("pupil", "year_group", "parent"):
            d.pop("register", None)
        out.append(d)
    return out


def read_identity(row: Row, fields: dict, info: dict) -> tuple[str, str, str] | None:
    """The form's identity, and a note for each identity marker that is missing or disagrees:
    the hidden identity field, the document information's PolicypackSchool / PolicypackForm /
    PolicypackFormVersion and its Keywords (which hold the identity field's text)."""
    raw = fields.get(ID_FIELD)
    field_id = parse_identity(raw) if isinstance(raw, str) else None
    keys = ("PolicypackSchool", "PolicypackForm", "PolicypackFormVersion")
    info_id = tuple(info.get(k, "") for k in keys) if any(k in info for k in keys) else None
    kw_id = parse_identity(info.get("Keywords")) if info.get("Keywords") else None
    ident = field_id or info_id
    if ident is None:
        if isinstance(raw, str) and raw.strip():
            row.follow_up.append(f"the identity field holds '{raw[:80]}', not a form identity")
        return None
    if field_id is None:
        row.follow_up.append("the form's identity field is missing or damaged (identity read "
                             "from the document information)" if raw is None or isinstance(raw, str)
                             else "the form's identity field is not a text field")
    if info_id is None:
        row.follow_up.append("the document information has no form identity (PolicypackSchool, "
                             "PolicypackForm, PolicypackFormVersion)")
    what = ("school", "form", "version")
    if "Keywords" in info and kw_id is None:
        row.follow_up.append("identity markers disagree: the document's keywords do not hold "
                             "the form's identity")
    for source, other in (("the document information", info_id), ("its keywords", kw_id)):
        if other is None or other == ident:
            continue
        diff = [f"{w} '{a[:80]}' / '{b[:80]}'" for w, a, b in zip(what, ident, other) if a != b]
        row.follow_up.append(f"identity markers disagree: the identity field and {source} name "
                             + ", ".join(diff))
    for w, value, ok in zip(what, ident, (ID_RE, ID_RE, VERSION_RE)):
        if not ok.fullmatch(value):
            row.follow_up.append(f"the identity's {w} '{value[:80]}' is not a valid {w} id")
    return ident


ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VERSION_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,31}")
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")   # a form field's name (source/forms.py)


def build_row(row: Row, result: dict) -> Row:
    """The register row of one file from what ``read_pdf_fields`` read (run in the reader
    process; linear in the number of fields and items)."""
    fields = result["fields"]
    info = result["info"]
    ident = read_identity(row, fields, info)
    if ident is None:
        row.status = "not-a-form"
        row.follow_up.append("not one of the school's forms (no form identity in the file)"
                             if fields else "not a fillable form (the PDF has no form fields)")
        return finish(row)
    row.school, row.form, row.form_version = ident
    scripts = list(dict.fromkeys(result.get("scripts") or ()))
    if scripts:
        more = f" and {len(scripts) - 3} more" if len(scripts) > 3 else ""
        row.follow_up.append("the file carries JavaScript or actions (" + "; ".join(scripts[:3])
                             + more + "): they were not run; our forms have none, so check "
                               "where the file came from")
    try:
        items = json.loads(info["PolicypackItems"]) if info.get("PolicypackItems") else None
    except (ValueError, RecursionError):
        items = None
    items = clean_items(items)
    if items is None:
        items = clean_items(items_from_names(fields))
        row.follow_up.append("the file lost its item list; items were read from the field names")
        row.items_guessed = True
    row.items = items
    row.subject = "pupil" if any(it.get("register") == "pupil" for it in items) else "signature"
    bad_names = [it["name"] for it in items if not NAME_RE.fullmatch(it["name"]) or len(it["name"]) > 120]
    if bad_names:
        row.follow_up.append(f"{len(bad_names)} item name(s) that no form has (such as "
                             f"'{bad_names[0][:40]}')")

    def text(name):
        value = fields.get(name)
        return value.strip() if isinstance(value, str) else ""

    def ticked(name):
        value = fields.get(name)
        return value is True or (isinstance(value, str) and value not in OFF and value != "")

    def answer(column, value):
        if column in FIXED_SET or column in row.answers:   # a hostile item named 'status'
            column = f"{column}_answer"
            while column in FIXED_SET or column in row.answers:
                column += "_"
        row.answers[column] = value

    missing_fields, main_done = [], False
    for it in items:
        name, typ, required = it["name"], it["type"], it["required"]
        if typ == "yesno":
            if f"{name}_yes" not in fields or f"{name}_no" not in fields:
                missing_fields.append(name)
                continue
            yes, no = ticked(f"{name}_yes"), ticked(f"{name}_no")
            value = "both" if yes and no else "yes" if yes else "no" if no else "neither"
            if value == "both":
                row.follow_up.append(f"{name}: both Yes and No ticked")
            elif value == "neither" and required:
                row.follow_up.append(f"{name}: not answered")
            answer(name, value if (value != "neither" or required) else "")
        elif typ == "tick":
            answer(name, "yes" if ticked(name) else "")
            if required and not ticked(name):
                row.follow_up.append(f"{name}: not ticked")
        elif typ == "choice":
            chosen = [label for n, label in it["options"] if ticked(n)]
            answer(name, "; ".join(chosen))
            if required and not chosen:
                row.follow_up.append(f"{name}: nothing chosen")
            if len(chosen) > 1 and not it.get("multiple", True):
                row.follow_up.append(f"{name}: more than one option ticked")
        elif typ == "signature":
            sig, date = text(f"{name}_name"), text(f"{name}_date")
            iso = parse_date_text(date) if date else None
            if it.get("main") and not main_done:
                main_done = True
                row.signature_name, row.date_signed = sig, iso or date
                if not sig:
                    row.follow_up.append("not signed (no name typed)")
                if not date:
                    row.follow_up.append("no date signed")
            else:
                answer(f"{name}_name", sig)
                answer(f"{name}_date", iso or date)
            if date and not iso:
                row.follow_up.append(f"{name}: '{date[:80]}' is not a date (day/month/year)")
        else:
            if name not in fields:
                missing_fields.append(name)
                continue
            value = text(name)
            if typ == "date" and value:
                iso = parse_date_text(value)
                if iso is None:
                    row.follow_up.append(f"{name}: '{value[:80]}' is not a date (day/month/year)")
                value = iso or value
            reg = it.get("register")
            if reg in ("pupil", "year_group", "parent") and not getattr(row, reg):
                setattr(row, reg, value)
            else:
                answer(name, value)
            if required and not value:
                row.follow_up.append(f"{reg or name}: empty")
    if missing_fields:
        more = f" and {len(missing_fields) - 20} more" if len(missing_fields) > 20 else ""
        row.follow_up.append("fields missing from the file: " + ", ".join(missing_fields[:20]) + more)
    return finish(row)


def finish(row: Row) -> Row:
    """Cap every cell at Excel's limit (with a note) and set the status from the notes."""
    for name in FIXED:
        value = getattr(row, name)
        if name != "follow_up" and isinstance(value, str) and len(value) > MAX_CELL - 1:
            setattr(row, name, value[:MAX_CELL - 1])
            row.follow_up.append(f"{name}: cut to {MAX_CELL:,} characters (the file holds {len(value):,})")
    for name, value in row.answers.items():
        if len(value) > MAX_CELL - 1:       # one spare for the quote a formula character gets
            row.answers[name] = value[:MAX_CELL - 1]
            row.follow_up.append(f"{name[:80]}: cut to {MAX_CELL:,} characters (the file holds "
                                 f"{len(value):,})")
    if row.status in ("complete", "follow-up"):
        row.status = "follow-up" if row.follow_up else "complete"
    return row


# ---------------------------------------------------------------- files and folders

def expand(paths) -> tuple[list[Path], list[Path]]:
    """Files named, and every non-hidden file under folders named; (found, missing)."""
    found, missing = [], []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and not
                                any(part.startswith(".") for part in q.relative_to(p).parts)))
        elif p.is_file():
            found.append(p)
        else:
            missing.append(p)
    return found, missing


def collect(paths, reader: Reader | None = None, catalogue=None) -> list[Row]:
    """A row per file. ``catalogue`` (verify.Catalogue): the pack the identities are checked
    against; None checks only that the file's own identity markers agree."""
    files, missing = expand(paths)
    rows = [Row(file=str(p), status="unreadable", follow_up=["file not found"]) for p in missing]
    own = reader is None
    reader = reader or Reader()
    try:
        for path in files:
            rows.append(collect_file(path, reader, catalogue))
    finally:
        if own:
            reader.close()
    return rows


def collect_file(path: Path, reader: Reader, catalogue=None) -> Row:
    row = Row(file=str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            row.status = "unreadable"
            row.follow_up.append(f"file too large for a form ({size // (1024 * 1024)} MB; limit "
                                 f"{MAX_BYTES // (1024 * 1024)} MB)")
            return row
        data = path.read_bytes()
    except OSError as exc:
        row.status = "unreadable"
        row.follow_up.append(f"cannot read the file ({exc.strerror or exc})")
        return row
    row.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        row.status = "unreadable"
        row.follow_up.append("empty file (0 bytes)")
        return row
    if b"%PDF-" not in data[:1024]:
        row.status = "not-a-form"
        row.follow_up.append("not a PDF")
        return row
    status, result = reader.read(path)
    if status != "ok":
        row.status = "unreadable"
        row.follow_up.append(result)
        return row
    if "row" in result:                   # made in the reader process
        read, read.file, read.sha256 = result["row"], row.file, row.sha256
        row = read
    else:
        row = build_row(row, result)
    if catalogue is not None and row.status in ("complete", "follow-up"):
        catalogue.verify(row)
        finish(row)
    return row


SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value safe to open in a spreadsheet: a leading formula character is quoted, and the
    text is cut to Excel's 32,767 characters (``finish`` has noted it for a row's values)."""
    text = str(value if value is not None else "")
    text = "'" + text if text.startswith(SPREADSHEET_TRIGGERS) else text
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def columns_of(rows: list[Row]) -> list[str]:
    """The fixed columns, then every answer's column in the order first met (linear)."""
    columns = dict.fromkeys(FIXED)
    for r in rows:
        columns.update(dict.fromkeys(r.answers))
    return list(columns)


def write_register(rows: list[Row], stream) -> None:
    columns = columns_of(rows)
    w = csv.writer(stream, lineterminator="\r\n")
    w.writerow([cell(c) for c in columns])       # a header is protected like a value
    for r in rows:
        d = r.as_dict()
        w.writerow([cell(d.get(k, "")) for k in columns])


def shown(text) -> str:
    """One line of text as printed to a terminal: control characters (line breaks too),
    terminal escape sequences and direction overrides written as escapes (``\\x1b``), so a
    value typed in a form cannot drive the terminal or forge a line. (The register keeps the
    text itself.)"""
    from builder.common.diagnostics import printable
    text = str(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))


_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def summary(rows: list[Row]) -> str:
    complete = [r for r in rows if r.status == "complete"]
    follow = [r for r in rows if r.status != "complete"]
    lines = [f"{len(rows)} file(s) read: {len(complete)} complete, {len(follow)} need follow-up"]
    for r in follow:
        notes = "; ".join(r.follow_up)
        notes = notes if len(notes) <= 2000 else notes[:2000] + " …"
        lines.append(shown(f"  {r.file}: {r.status}: {notes}"))
    return "\n".join(lines)
