"""The form PDF's fields and document information, set in WeasyPrint's rendering pass.

``FormFields`` is a WeasyPrint finisher: on every field the ``/TU`` a screen reader announces,
tick boxes with the standard ``/Yes`` state and a ZapfDingbats tick, the hidden identity field
and the document information the returns reader reads back (``info_dict``, ``items_json``).
Field names are the scheme of ``source/field_names.py``.
"""

from __future__ import annotations

import pydyf

from builder.common.diagnostics import PackError
from builder.resolve.forms import ResolvedForm
from builder.source.field_names import ID_FIELD
from builder.source.values import Where
from builder.render.pdf_objects import deref


def items_json(f: ResolvedForm) -> str:
    """The form's items as collect reads them, kept in the PDF so any returned version reads back."""
    import json
    items = []
    for i in f.items:
        d = {"name": i.name, "type": i.type, "required": i.required, "label": i.label}
        if i.register:
            d["register"] = i.register
        if i.main:
            d["main"] = True
        if i.type == "choice":
            d["options"] = [list(o) for o in i.options]
            d["multiple"] = i.multiple
        items.append(d)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


ON = "Yes"   # a tick box's on state (ISO 32000's recommended name; WeasyPrint writes /on)
REQUIRED = 2  # /Ff bit 2: the field must have a value when the form is exported


def required_fields(f: ResolvedForm) -> set[str]:
    """The PDF fields a viewer should mark required: every field of a required item, except
    the two tick boxes of a Yes/No item and a choice's boxes (one of them is wanted, not each)."""
    out: set[str] = set()
    for i in f.items:
        if i.required and i.type not in ("yesno", "choice"):
            out.update(n for n, _tu in i.pdf_fields)
    return out


def _rect_size(rect) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in rect)
    return abs(x2 - x1), abs(y2 - y1)


class _Text(pydyf.String):
    """A text string: literal when printable ASCII, else UTF-16BE with a byte order mark. (pydyf
    writes control characters inside a literal string as they are, and a reader turns a bare
    carriage return there into a line feed.)"""

    @property
    def data(self) -> bytes:
        s = str(self.string)
        if s.isascii() and s.isprintable():
            return super().data
        return b"<" + ("\ufeff" + s).encode("utf-16-be").hex().encode() + b">"


def info_dict(f: ResolvedForm) -> dict[str, str]:
    """The form PDF's document information, every key (collect reads the Policypack ones)."""
    stamp = f"D:{f.date:%Y%m%d}000000Z"
    return {
        "Title": f"{f.title} – {f.school_name}", "Author": f.school_name,
        "Subject": f"{f.title}, version {f.version}", "Keywords": f.identity,
        "Creator": "policypack", "Producer": "policypack (WeasyPrint)",
        "CreationDate": stamp, "ModDate": stamp,
        "PolicypackItems": items_json(f),
        "PolicypackForm": f.id, "PolicypackFormVersion": f.version, "PolicypackSchool": f.school_id,
        **({"PolicypackPolicy": f.policy[0], "PolicypackPolicyVersion": f.policy[1],
            "PolicypackPolicyMeaning": f.policy[2]} if f.policy else {}),
    }


class FormFields:
    """WeasyPrint finisher (``finisher(document, pdf)``, pdf a ``pydyf.PDF`` not yet written)
    that cleans up WeasyPrint's fields in the rendering pass: /TU from the form source on every
    field, tick boxes with the standard /Yes state and a ZapfDingbats tick, the hidden identity
    field collect reads, and the document information. Raises E-FORM-FIELD (PackError) when the
    PDF's fields are not exactly the form's."""

    def __init__(self, f: ResolvedForm):
        self.f = f

    def _error(self, message: str) -> PackError:
        return PackError(Where(f"forms/{self.f.id}.yml", None, self.f.school_id).err("E-FORM-FIELD", message))

    @staticmethod
    def _text_appearance(pdf, fd, dr) -> None:
        """An empty text field's appearance: a form XObject the size of the widget with the
        field's font as its resource, holding the marked-content /Tx block a filler replaces.
        pdf.js and PDFium write a new one when they fill; an unfilled field draws nothing but
        the box the page already draws."""
        w, h = _rect_size(fd["Rect"])
        resources = pydyf.Dictionary()
        fonts = deref(pdf, dr.get("Font")) if dr is not None else None
        if fonts:
            resources["Font"] = pydyf.Dictionary(dict(fonts.items()))
        states = deref(pdf, dr.get("ExtGState")) if dr is not None else None
        if states:
            resources["ExtGState"] = pydyf.Dictionary(dict(states.items()))
        stream = pydyf.Stream([b"/Tx BMC", b"EMC"], pydyf.Dictionary({
            "Type": "/XObject", "Subtype": "/Form",
            "BBox": pydyf.Array([0, 0, round(w, 4), round(h, 4)]), "Resources": resources}))
        pdf.add_object(stream)
        fd["AP"] = pydyf.Dictionary({"N": stream.reference})

    def __call__(self, document, pdf) -> None:
        def obj(value):
            return deref(pdf, value)

        f = self.f
        acro = pdf.catalog["AcroForm"]
        fields = [obj(ref) for ref in acro["Fields"]]
        tips = f.tooltips
        found = set()
        zadb = False
        required = required_fields(f)
        dr = obj(acro["DR"])
        for fd in fields:
            name = str(getattr(fd.get("T"), "string", fd.get("T", "")))
            if name not in tips or name in found:
                raise self._error(f"the PDF has an unexpected or repeated field '{name}'")
            found.add(name)
            fd["TU"] = _Text(tips[name])
            if name in required:
                fd["Ff"] = int(fd.get("Ff", 0)) | REQUIRED
            if fd.get("FT") == "/Tx":
                self._text_appearance(pdf, fd, dr)
            if fd.get("FT") == "/Btn":
                for kind in ("N", "D"):
                    states = obj((obj(fd.get("AP")) or {}).get(kind))
                    if states is not None and "on" in states:
                        states[ON] = states.pop("on")
                for key in ("AS", "V"):
                    if fd.get(key) == "/on":
                        fd[key] = f"/{ON}"
                # a viewer that redraws fields (NeedAppearances) draws the tick from these:
                # Poppler draws nothing for a tick box without a /DA font
                mk = fd.get("MK")
                if mk is None:
                    mk = fd["MK"] = pydyf.Dictionary()
                obj(mk)["CA"] = _Text("4")                     # ZapfDingbats tick
                fd["DA"] = _Text("/ZaDb 0 Tf 0 g")
                zadb = True
        missing = sorted(set(tips) - found)
        if missing:
            raise self._error(f"fields missing from the PDF: {', '.join(missing)}")
        if zadb:
            if "Font" not in dr:
                dr["Font"] = pydyf.Dictionary()
            font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/ZapfDingbats"})
            pdf.add_object(font)
            obj(dr["Font"])["ZaDb"] = font.reference
        # the identity field: hidden, read-only, kept by every viewer that keeps field values
        page = pdf.objects[pdf.pages["Kids"][0]]
        da = next((fd["DA"] for fd in fields if fd.get("FT") == "/Tx" and "DA" in fd), None)
        ident = pydyf.Dictionary({
            "Type": "/Annot", "Subtype": "/Widget", "FT": "/Tx", "T": _Text(ID_FIELD),
            "TU": _Text("Form identity, filled in by the school"), "V": _Text(f.identity),
            "Ff": 1, "F": 2, "Rect": pydyf.Array([0, 0, 0, 0]), "P": page.reference,
        })
        if da is not None:
            ident["DA"] = da
            acro["DA"] = da
        pdf.add_object(ident)
        if "Annots" not in page:
            page["Annots"] = pydyf.Array()
        obj(page["Annots"]).append(ident.reference)
        acro["Fields"].append(ident.reference)
        self._text_appearance(pdf, ident, dr)
        # every field has its own appearance (below): no viewer is asked to redraw, so a viewer
        # that would not (Apple Preview, Ghostscript, print drivers) draws what the filler drew
        acro.pop("NeedAppearances", None)
        # exactly these keys, whatever <meta> names the HTML has (custom_metadata is on)
        pdf.info.clear()
        pdf.info.update({key: _Text(value) for key, value in info_dict(f).items()})
