"""Reading a returned PDF's fields, in a limited worker process.

``read_pdf_fields`` reads a PDF's form fields and the ``Policypack*`` keys of its document
information (as ``render/form/fields.py`` writes them). ``Reader`` runs it in a separate process
with a time limit and a memory limit, restarted when a file kills or hangs it, so a damaged,
hostile or huge file costs one answer saying what is wrong and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path

TIME_LIMIT = 20.0                   # seconds to read one file
MEMORY_LIMIT = 768 * 1024 * 1024    # address space of the reading process
OFF = {"", "/Off", "Off", "/off", "None"}   # a tick box's states that mean "not ticked"


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
