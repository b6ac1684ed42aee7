"""Reading a returned PDF's fields, in a limited worker process.

``read_pdf_fields`` reads a PDF's form fields, the identity keys of its document information (as
``render/form/fields.py`` writes them) and where the file carries JavaScript or an action run on
opening. ``Reader`` runs it, and ``rows.build_row`` (the fields made into a register row), in
a separate process with a time limit and a memory limit, restarted when a file kills or hangs
it, so a damaged, hostile or huge file costs one answer saying what is wrong and the run goes
on. Both are linear in the size of the file: each object is visited once.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

from builder.common.memory import limit_growth
from builder.forms.rows import OFF, Row, build_row

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, SpawnContext

TIME_LIMIT = 20.0                   # seconds to read one file
MEMORY_LIMIT = 768 * 1024 * 1024    # address space the reading process may take beyond what it inherits


def read_pdf_fields(data: bytes) -> dict:
    """{'fields': {name: str | bool}, 'info': {...}, 'scripts': [where...]} from a PDF's bytes.
    Raises on damage."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = PdfReader(BytesIO(data), strict=False)
    if reader.is_encrypted:
        ok: int   # a PasswordType, 0 when not decrypted
        try:
            ok = reader.decrypt("")
        except Exception:  # noqa: BLE001 - an unknown encryption is still "encrypted"
            ok = 0
        if not ok:
            raise Unreadable("encrypted", "the file is password-protected: ask the sender for an "
                                          "unprotected copy")
    root = cast(DictionaryObject, reader.trailer["/Root"])   # a damaged catalog fails below: "damaged"
    acro = root.get("/AcroForm")
    acro = acro.get_object() if acro is not None else None
    info = {}
    meta = reader.trailer.get("/Info")
    if meta is not None:
        meta = meta.get_object()
        if isinstance(meta, DictionaryObject):
            for k in INFO_KEYS:
                if k in meta:
                    info[k[1:]] = str(meta[k])
    fields: dict = {}
    scripts: list[str] = []
    find_scripts(reader, root, scripts)
    if not isinstance(acro, DictionaryObject):
        return {"fields": fields, "info": info, "scripts": scripts}
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
        if "/AA" in obj and has_actions_script(obj.get("/AA")) or has_script(obj.get("/A")):
            scripts.append(f"the actions of field '{obj.get('/T')}'")
        elif "/AA" in obj:
            scripts.append(f"the additional actions (/AA) of field '{obj.get('/T')}'")
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
    return {"fields": fields, "info": info, "scripts": scripts}


INFO_KEYS = ("/PolicypackForm", "/PolicypackFormVersion", "/PolicypackSchool", "/PolicypackItems",
             "/PolicypackPolicy", "/PolicypackPolicyVersion", "/PolicypackPolicyMeaning", "/Keywords")


def has_script(action, depth=0) -> bool:
    """Whether an action, or the chain after it (/Next), is JavaScript."""
    from pypdf.generic import ArrayObject, DictionaryObject
    if action is None or depth > 16:
        return False
    action = action.get_object()
    if isinstance(action, ArrayObject):
        return any(has_script(a, depth + 1) for a in action[:64])
    if not isinstance(action, DictionaryObject):
        return False
    if "/JS" in action or action.get("/S") == "/JavaScript":
        return True
    return has_script(action.get("/Next"), depth + 1)


def has_actions_script(aa) -> bool:
    """Whether a dictionary of additional actions (/AA) holds JavaScript."""
    from pypdf.generic import DictionaryObject
    aa = aa.get_object() if aa is not None else None
    return isinstance(aa, DictionaryObject) and any(has_script(aa.get(k)) for k in list(aa)[:32])


def find_scripts(reader, root, scripts: list[str]) -> None:
    """Where the document carries JavaScript or an action run on opening (not run, only named):
    the catalogue's /OpenAction, /AA and /Names /JavaScript, each page's /AA and annotations'
    /A and /AA (fields' actions are looked at in the field tree), then every object of the
    file for a JavaScript action no tree reaches."""
    from pypdf.generic import DictionaryObject
    if root.get("/OpenAction") is not None:
        scripts.append("/OpenAction (JavaScript)" if has_script(root.get("/OpenAction"))
                       else "/OpenAction")
    if root.get("/AA") is not None:
        scripts.append("the document's additional actions (/AA)")
    names = root.get("/Names")
    names = names.get_object() if names is not None else None
    if isinstance(names, DictionaryObject) and "/JavaScript" in names:
        scripts.append("/Names /JavaScript")
    for page in reader.pages:
        if page.get("/AA") is not None:
            scripts.append("a page's additional actions (/AA)")
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else None
        for a in annots or []:
            a = a.get_object()
            if isinstance(a, DictionaryObject) and "/T" not in a and (
                    "/AA" in a or has_script(a.get("/A"))):
                scripts.append("an annotation's actions")
    if not scripts and any_script_object(reader):
        scripts.append("an object of the file (/JS or /JavaScript)")


def any_script_object(reader, limit=250_000) -> bool:
    """Whether any object of the file (reached from a tree or not) is a JavaScript action: each
    object in the cross-reference table is parsed once and looked at as a dictionary (text
    typed in a field, such as an address with '/JS/' in it, is not an action)."""
    from pypdf.generic import DictionaryObject, IndirectObject
    numbers = set(reader.xref_objStm)
    for gen, table in reader.xref.items():
        numbers.update((n, gen) for n in table)
    for n, item in enumerate(sorted(x if isinstance(x, tuple) else (x, 0) for x in numbers)):
        if n >= limit:
            return False
        try:
            obj = reader.get_object(IndirectObject(item[0], item[1], reader))
        except Exception:  # noqa: BLE001 - a damaged object holds no action we could name
            continue
        if isinstance(obj, DictionaryObject) and ("/JS" in obj or obj.get("/S") == "/JavaScript"):
            return True
    return False


class Unreadable(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _worker(conn, memory_limit):
    limit_growth(memory_limit)   # on top of what the fork inherited from its parent
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
            result = read_pdf_fields(data)
            result["row"] = build_row(Row(file=str(path)), result)
            del result["fields"]          # all the main process needs is in the row
            conn.send(("ok", result))
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
        self.ctx: ForkContext | SpawnContext = (multiprocessing.get_context("fork") if os.name == "posix"
                                                else multiprocessing.get_context("spawn"))
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
