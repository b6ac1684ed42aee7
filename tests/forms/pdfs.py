"""Returned-form PDFs for the returns tests: the example pack's real forms filled in, then
edited as a hostile sender might (identity markers, item lists, actions), and forms with many
fields written directly."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DictionaryObject, NameObject, NumberObject,
                           TextStringObject)

import tests.support.forms as H


def write(w: PdfWriter) -> bytes:
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def filled(form, blank: bytes, **override) -> bytes:
    """The form filled in with the sample values (``override``: field name -> value)."""
    values = H.sample_values(form)
    values.update(override)
    return H.fill_pypdf(blank, values)


def edited(pdf: bytes, *, ident=None, info=None, drop_info=(), drop_field=False, items=None,
           root=None, page_aa=False, widget_aa=False, link_js=False, orphan_js=False) -> bytes:
    """``pdf`` with its markers changed: ``ident`` the identity field's value, ``info`` keys set
    in the document information, ``drop_info`` keys removed, ``drop_field`` the identity field
    removed, ``items`` the item list replaced (a list, or raw text), ``root`` keys set on the
    catalogue (a dict of PDF objects), and JavaScript in other places."""
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    acro = w._root_object["/AcroForm"]
    fields = acro["/Fields"]
    for ref in list(fields):
        fd = ref.get_object()
        if str(fd.get("/T")) == "pp_form":
            if drop_field:
                fields.remove(ref)
                for page in w.pages:
                    annots = page.get("/Annots")
                    if annots is not None and ref in annots:
                        annots.remove(ref)
            elif ident is not None:
                fd[NameObject("/V")] = TextStringObject(ident)
    meta = w._info.get_object()
    for k in drop_info:
        meta.pop(NameObject(f"/{k}"), None)
    for k, v in (info or {}).items():
        meta[NameObject(f"/{k}")] = TextStringObject(v)
    if items is not None:
        meta[NameObject("/PolicypackItems")] = TextStringObject(
            items if isinstance(items, str) else json.dumps(items))
    for k, v in (root or {}).items():
        w._root_object[NameObject(k)] = v
    js = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                           NameObject("/JS"): TextStringObject("app.alert(1)")})
    if page_aa:
        w.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): js})
    if widget_aa:
        for ref in fields:
            fd = ref.get_object()
            if str(fd.get("/T")) != "pp_form":
                fd[NameObject("/AA")] = DictionaryObject({NameObject("/K"): js})
                break
    if link_js:
        link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                 NameObject("/Subtype"): NameObject("/Link"),
                                 NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                                 NameObject("/A"): js})
        w.pages[0][NameObject("/Annots")].append(w._add_object(link))
    if orphan_js:
        w._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                        NameObject("/JS"): TextStringObject("this.print()")}))
    return write(w)


def javascript() -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                             NameObject("/JS"): TextStringObject("app.alert(1)")})


def many_fields(n: int, items: bool = True, school="vine-tree", form="blocked-content-request",
                version="1.0") -> bytes:
    """A PDF with ``n`` text fields (and the identity field), written without a library so a
    large one is cheap to make."""
    objs: list[bytes | None] = []

    def add(b):
        objs.append(b)
        return len(objs)

    cat, pages, page = add(None), add(None), add(None)
    ids = [add(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f{i}) /V (value {i}) "
               f"/Rect [0 0 10 10] /P {page} 0 R >>".encode()) for i in range(n)]
    ids.append(add(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (pp_form) /V (policypack-form/1 "
                   f"{school} {form} {version}) /Rect [0 0 0 0] >>".encode()))
    refs = " ".join(f"{i} 0 R" for i in ids)
    objs[cat - 1] = f"<< /Type /Catalog /Pages {pages} 0 R /AcroForm << /Fields [{refs}] >> >>".encode()
    objs[pages - 1] = f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode()
    objs[page - 1] = (f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] "
                      f"/Annots [{refs}] >>").encode()
    info = {"PolicypackForm": form, "PolicypackSchool": school, "PolicypackFormVersion": version}
    if items:
        info["PolicypackItems"] = json.dumps([{"name": f"f{i}", "type": "text", "required": True}
                                              for i in range(n)])

    def lit(s):
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    info_ref = add(("<< " + " ".join(f"/{k} {lit(v)}" for k, v in info.items()) + " >>").encode())
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root {cat} 0 R /Info {info_ref} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)
