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
import hashlib
import re
from pathlib import Path

from builder.forms.reader import Reader
from builder.forms.rows import FIXED, MAX_CELL, Row, build_row, finish
from builder.common.diagnostics import printable

MAX_BYTES = 25 * 1024 * 1024       # a returned form is well under 1 MB; a scan rarely over 10


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
