"""Returned forms -> a consent register: one row per file, whatever the file is.

Each file is read in a separate worker process with a time limit and a memory limit, so a
damaged, hostile or huge file costs one row saying what is wrong and the run goes on.

Which form a file is, and what its items are, is read from the file itself: the hidden
``pp_form`` field (``policypack-form/1 <school> <form> <version>``) and the ``/PolicypackItems``
key of its document information, both written by ``render_form.FormFields`` (the
WeasyPrint finisher that cleans up a form PDF's fields as it is rendered).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 25 * 1024 * 1024       # a returned form is well under 1 MB; a scan rarely over 10
TIME_LIMIT = 20.0                   # seconds to read one file
MEMORY_LIMIT = 768 * 1024 * 1024    # address space of the reading process
FIXED = ["file", "sha256", "status", "follow_up", "school", "form", "form_version", "pupil",
         "year_group", "parent", "signature_name", "date_signed"]
OFF = {"", "/Off", "Off", "/off", "None"}


# ---------------------------------------------------------------- reading one file (worker side)

def read_pdf_fields(data: bytes) -> dict:
    """{'fields': {name: str | bool}, 'info': {...}} from a PDF's bytes. Raises on damage."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = PdfReader(BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:  # noqa: BLE001 - an unknown encryption is still "encrypted"
            ok = 0
        if not ok:
            raise Unreadable("encrypted", "the file is password-protected: ask the sender for an "
                                          "unprotected copy")
    root = reader.trailer["/Root"]
    acro = root.get("/AcroForm")
    acro = acro.get_object() if acro is not None else None
    info = {}
    meta = reader.trailer.get("/Info")
    if meta is not None:
        meta = meta.get_object()
        if isinstance(meta, DictionaryObject):
            for k in ("/PolicypackForm", "/PolicypackFormVersion", "/PolicypackSchool", "/PolicypackItems"):
                if k in meta:
                    info[k[1:]] = str(meta[k])
    fields: dict = {}
    if not isinstance(acro, DictionaryObject):
        return {"fields": fields, "info": info}
    seen = set()

    def visit(ref, prefix, inherited, depth):
        if depth > 12:
            raise Unreadable("damaged", "the form's field tree is nested too deeply")
        key = getattr(ref, "idnum", None)
        if key is not None:
            if key in seen:
                return
            seen.add(key)
        obj = ref.get_object()
        if not isinstance(obj, DictionaryObject):
            return
        part = obj.get("/T")
        name = f"{prefix}.{part}" if prefix and part is not None else (str(part) if part is not None else prefix)
        ft = obj.get("/FT", inherited.get("ft"))
        v = obj.get("/V", inherited.get("v"))
        opt = obj.get("/Opt", inherited.get("opt"))
        kids = obj.get("/Kids")
        kids = kids.get_object() if kids is not None else None
        field_kids = []
        widgets = []
        if isinstance(kids, ArrayObject):
            for k in kids:
                ko = k.get_object()
                if isinstance(ko, DictionaryObject) and "/T" in ko:
                    field_kids.append(k)
                elif isinstance(ko, DictionaryObject):
                    widgets.append(ko)
        if field_kids:
            for k in field_kids:
                visit(k, name, {"ft": ft, "v": v, "opt": opt}, depth + 1)
            if not widgets:
                return
        if not name:
            return
        if "/Subtype" in obj or not widgets:
            widgets.append(obj)
        if ft == "/Btn":
            states = [str(w.get("/AS")) for w in widgets if w.get("/AS") is not None]
            on = [s for s in states if s not in OFF]
            if states:
                value = on[0] if on else None    # what the signer saw wins over /V
            else:
                value = None if v is None or str(v) in OFF else str(v)
            if value is not None and re.fullmatch(r"/\d+", value) and isinstance(opt, ArrayObject):
                i = int(value[1:])                # a radio state that indexes /Opt
                value = "/" + str(opt[i].get_object()) if i < len(opt) else value
            fields[name] = value is not None if len(widgets) <= 1 and not opt else (value or "")
        else:
            if isinstance(v, ArrayObject):
                v = "; ".join(str(x) for x in v)
            fields[name] = "" if v is None else str(v)

    for ref in acro.get("/Fields") or []:
        visit(ref, "", {}, 0)
    return {"fields": fields, "info": info}


class Unreadable(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _worker(conn, memory_limit):
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):
        pass
    import logging
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    import warnings
    warnings.simplefilter("ignore")
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            data = Path(path).read_bytes()
            conn.send(("ok", read_pdf_fields(data)))
        except Unreadable as exc:
            conn.send((exc.status, exc.message))
        except MemoryError:
            conn.send(("damaged", "reading the file needed too much memory"))
        except RecursionError:
            conn.send(("damaged", "the file's structure is nested too deeply"))
        except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file
            conn.send(("damaged", f"the PDF is damaged ({type(exc).__name__}: {str(exc)[:120]})"))


class Reader:
    """A worker process that reads PDFs one at a time; restarted when a file kills or hangs it."""

    def __init__(self, time_limit=TIME_LIMIT, memory_limit=MEMORY_LIMIT):
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self.ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self.proc = None

    def _start(self):
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, self.memory_limit), daemon=True)
        self.proc.start()
        child.close()

    def _stop(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
            self.proc = None

    def read(self, path: Path):
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send(str(path))
        if not self.conn.poll(self.time_limit):
            self._stop()
            return "damaged", f"reading the file took longer than {self.time_limit:g} seconds"
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self._stop()
            return "damaged", "the reader stopped on this file (too much memory, or a parser crash)"

    def close(self):
        if self.proc is not None:
            try:
                self.conn.send(None)
                self.proc.join(2)
            except (BrokenPipeError, OSError):
                pass
            self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


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


def parse_identity(value: str):
    parts = str(value or "").split()
    if len(parts) == 4 and parts[0] == "policypack-form/1":
        return parts[1], parts[2], parts[3]
    return None


def items_from_names(names) -> list[dict]:
    """The form's items when the file lost its item list: from the field naming scheme."""
    names = [n for n in names if n != "pp_form"]
    items, used = [], set()
    for n in names:
        if n in used:
            continue
        base = n.rsplit("_", 1)[0]
        if n.endswith(("_yes", "_no")) and {f"{base}_yes", f"{base}_no"} <= set(names):
            items.append({"name": base, "type": "yesno", "required": True})
            used |= {f"{base}_yes", f"{base}_no"}
        elif n.endswith(("_name", "_date")) and {f"{base}_name", f"{base}_date"} <= set(names) \
                and base in ("signature", "signed"):
            items.append({"name": base, "type": "signature", "main": True, "required": True})
            used |= {f"{base}_name", f"{base}_date"}
        else:
            reg = {"pupil_name": "pupil", "year_group": "year_group", "parent_name": "parent"}.get(n)
            items.append({"name": n, "type": "text", "register": reg})
            used.add(n)
    return items


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
    ident = parse_identity(fields.get("pp_form", "")) if isinstance(fields.get("pp_form"), str) else None
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
