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

from builder.returns.reader import OFF, Reader
from builder.source.field_names import ID_FIELD, items_from_names, parse_identity

MAX_BYTES = 25 * 1024 * 1024       # a returned form is well under 1 MB; a scan rarely over 10
FIXED = ["file", "sha256", "status", "follow_up", "school", "form", "form_version", "pupil",
         "year_group", "parent", "signature_name", "date_signed"]


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

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in FIXED if k != "follow_up"}
        d["follow_up"] = "; ".join(self.follow_up)
        d.update(self.answers)
        return d


DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y",
                "%B %d, %Y")


def parse_date_text(text: str) -> str | None:
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I)
    t = re.sub(r"\s+", " ", t)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def build_row(row: Row, result: dict) -> Row:
    fields = result["fields"]
    info = result["info"]
    ident = parse_identity(fields[ID_FIELD]) if isinstance(fields.get(ID_FIELD), str) else None
    if ident is None and info.get("PolicypackForm"):
        ident = (info.get("PolicypackSchool", ""), info["PolicypackForm"], info.get("PolicypackFormVersion", ""))
    if ident is None:
        row.status = "not-a-form"
        row.follow_up.append("not one of the school's forms (no form identity in the file)"
                             if fields else "not a fillable form (the PDF has no form fields)")
        return row
    row.school, row.form, row.form_version = ident
    try:
        items = json.loads(info["PolicypackItems"]) if info.get("PolicypackItems") else None
    except ValueError:
        items = None
    if not isinstance(items, list):
        items = items_from_names(fields)
        row.follow_up.append("the file lost its item list; items were read from the field names")

    def text(name):
        value = fields.get(name)
        return value.strip() if isinstance(value, str) else ""

    def ticked(name):
        value = fields.get(name)
        return value is True or (isinstance(value, str) and value not in OFF and value != "")

    missing_fields = []
    for it in items:
        name, typ, required = it.get("name"), it.get("type"), it.get("required", False)
        if typ == "yesno":
            if f"{name}_yes" not in fields or f"{name}_no" not in fields:
                missing_fields.append(name)
                continue
            yes, no = ticked(f"{name}_yes"), ticked(f"{name}_no")
            answer = "both" if yes and no else "yes" if yes else "no" if no else "neither"
            if answer == "both":
                row.follow_up.append(f"{name}: both Yes and No ticked")
            elif answer == "neither" and required:
                row.follow_up.append(f"{name}: not answered")
            row.answers[name] = answer if (answer != "neither" or required) else ""
        elif typ == "tick":
            row.answers[name] = "yes" if ticked(name) else ""
            if required and not ticked(name):
                row.follow_up.append(f"{name}: not ticked")
        elif typ == "choice":
            chosen = [label for n, label in it.get("options", []) if ticked(n)]
            row.answers[name] = "; ".join(chosen)
            if required and not chosen:
                row.follow_up.append(f"{name}: nothing chosen")
            if len(chosen) > 1 and not it.get("multiple", True):
                row.follow_up.append(f"{name}: more than one option ticked")
        elif typ == "signature":
            sig, date = text(f"{name}_name"), text(f"{name}_date")
            iso = parse_date_text(date) if date else None
            if it.get("main"):
                row.signature_name, row.date_signed = sig, iso or date
                if not sig:
                    row.follow_up.append("not signed (no name typed)")
                if not date:
                    row.follow_up.append("no date signed")
            else:
                row.answers[f"{name}_name"], row.answers[f"{name}_date"] = sig, iso or date
            if date and not iso:
                row.follow_up.append(f"{name}: date '{date}' not understood")
        else:
            if name not in fields:
                missing_fields.append(name)
                continue
            value = text(name)
            reg = it.get("register")
            if reg in ("pupil", "year_group", "parent"):
                setattr(row, reg, value)
            else:
                row.answers[name] = value
            if required and not value:
                row.follow_up.append(f"{reg or name}: empty")
    if missing_fields:
        row.follow_up.append("fields missing from the file: " + ", ".join(missing_fields))
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


def collect(paths, reader: Reader | None = None) -> list[Row]:
    files, missing = expand(paths)
    rows = [Row(file=str(p), status="unreadable", follow_up=["file not found"]) for p in missing]
    own = reader is None
    reader = reader or Reader()
    try:
        for path in files:
            rows.append(collect_file(path, reader))
    finally:
        if own:
            reader.close()
    return rows


def collect_file(path: Path, reader: Reader) -> Row:
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
    return build_row(row, result)


SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value safe to open in a spreadsheet: a leading formula character is quoted."""
    text = str(value if value is not None else "")
    return "'" + text if text.startswith(SPREADSHEET_TRIGGERS) else text


def write_register(rows: list[Row], stream) -> None:
    columns = list(FIXED)
    for r in rows:
        for k in r.answers:
            if k not in columns:
                columns.append(k)
    w = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        d = r.as_dict()
        w.writerow({k: cell(d.get(k, "")) for k in columns})


def summary(rows: list[Row]) -> str:
    complete = [r for r in rows if r.status == "complete"]
    follow = [r for r in rows if r.status != "complete"]
    lines = [f"{len(rows)} file(s) read: {len(complete)} complete, {len(follow)} need follow-up"]
    for r in follow:
        lines.append(f"  {r.file}: {r.status}: {'; '.join(r.follow_up)}")
    return "\n".join(lines)
