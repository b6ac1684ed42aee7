"""Empty signature fields in a policy PDF, one over each digitally signing signatory's box.

``SignatureFields`` is a WeasyPrint finisher that puts an empty signature field (``/FT /Sig``)
over each signatory's box while the policy PDF is rendered. The renderer marks each box with an
HTML id ``signature-<n>``; WeasyPrint writes every id as a named destination (``/Names
/Dests``) whose ``/XYZ`` point is the box's top-left corner, so the field is placed there with
a fixed size. The fields, their widgets and /Form structure elements are added to WeasyPrint's
PDF objects (pydyf) before they are written: one pass, one revision, nothing parsed back, and
the same input gives the same bytes. ``signature_fields_for`` names the fields of an approval
record's signatories. The governors sign these fields later, after the trust's certification
(``certify``) which permits exactly that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.common.diagnostics import PackError, error
from builder.render.pdf_objects import deref, text

MM = 72 / 25.4
#: Size of a signature field in points: the approval block's box is about 60mm x 15mm.
FIELD_SIZE = (60 * MM, 15 * MM)


def signature_fields_for(signatories) -> list[tuple[str, str, str]]:
    """(anchor id, field name, tooltip) for each signatory who signs digitally.

    ``signatories`` is an approval record's list (model.Signatory or anything with ``name``,
    ``title``, ``role`` and ``digital``); anchors count every signatory from 1, as the renderer
    numbers them. The field is ``signature_<role>`` when the role is unique, else
    ``signature_<n>``.
    """
    roles = [getattr(s, "role", None) for s in signatories]
    out = []
    for n, s in enumerate(signatories, 1):
        if not s.digital:
            continue
        role = roles[n - 1]
        key = role if role and roles.count(role) == 1 else str(n)
        name = "signature_" + re.sub(r"[^A-Za-z0-9]+", "_", key)
        tip = f"Signature of {s.name}" + (f", {s.title}" if getattr(s, "title", None) else "")
        out.append((f"signature-{n}", name, tip))
    return out


class SignatureFields:
    """A WeasyPrint finisher that adds an empty signature field at each signatory's box.

    ``fields`` holds ``(anchor id, field name)`` or ``(anchor id, field name, tooltip)``, as
    ``signature_fields_for`` makes them; ``where`` names the output file in error messages. Pass
    it to ``write_pdf(finisher=...)`` (or ``html_to_pdf(finishers=[...])``): it is called as
    ``finisher(document, pdf)`` with WeasyPrint's pydyf objects, before they are written, so the
    fields go into the file WeasyPrint writes, in one pass, with nothing parsed back.

    Each field's widget has the anchor's named-destination point as its top-left corner and is
    ``size`` points large (``FIELD_SIZE``); it gets an empty appearance, joins the page's
    /Annots and the /AcroForm's /Fields, and is tagged for PDF/UA-1 (7.18.4) as a /Form
    structure element. The result depends only on the document and ``fields``: no clock, no
    random numbers. A missing anchor is E-SIGN-ANCHOR; a repeated field name, or one that a form
    field of the page already has, is E-SIGN-FIELD; all are found before anything is changed.
    """

    def __init__(self, fields: Sequence[tuple[str, ...]], where: str, *,
                 size: tuple[float, float] = FIELD_SIZE):
        self.fields = [tuple(f) for f in fields]
        self.where = str(where)
        self.size = size

    def __repr__(self) -> str:
        return f"SignatureFields({self.fields!r}, {self.where!r})"

    def __call__(self, document, pdf) -> None:
        import pydyf

        if not self.fields:
            return
        anchors = _destinations(pdf)
        missing = [f[0] for f in self.fields if f[0] not in anchors]
        if missing:
            raise PackError([error(self.where, None, "E-SIGN-ANCHOR",
                                   f"no element with id {a!r} for a signature field; the "
                                   "approval block must mark each digital signatory's box")
                             for a in missing])
        names = [f[1] for f in self.fields]
        if len(set(names)) != len(names):
            raise PackError(error(self.where, None, "E-SIGN-FIELD",
                                  f"signature field names repeat: {', '.join(names)}"))
        form = deref(pdf, pdf.catalog.get("AcroForm"))  # WeasyPrint's, for HTML inputs
        existing = deref(pdf, form.get("Fields")) if form is not None else None
        taken = {text(deref(pdf, f).get("T")) for f in existing or ()}
        clash = [n for n in names if n in taken]
        if clash:
            raise PackError(error(self.where, None, "E-SIGN-FIELD",
                                  "the document already has a form field named "
                                  + ", ".join(repr(n) for n in clash)))

        if form is None:
            form = pydyf.Dictionary({"Fields": pydyf.Array()})
            pdf.add_object(form)
            pdf.catalog["AcroForm"] = form.reference
        if "Fields" not in form:
            form["Fields"] = pydyf.Array()
        form["SigFlags"] = int(form.get("SigFlags", 0)) | 1  # SignaturesExist
        tags = _Tags.of(pdf)
        pages = pdf.page_references
        width, height = self.size
        for spec in self.fields:
            anchor, name = spec[0], spec[1]
            tip = spec[2] if len(spec) > 2 else f"Signature: {name}"
            index, left, top = anchors[anchor]
            page_ref = pages[index]
            page = deref(pdf, page_ref)
            appearance = pydyf.Stream([], {
                "Type": "/XObject", "Subtype": "/Form",
                "BBox": pydyf.Array([0, 0, round(width, 2), round(height, 2)]),
                "Resources": pydyf.Dictionary()})
            pdf.add_object(appearance)
            widget = pydyf.Dictionary({
                "Type": "/Annot", "Subtype": "/Widget", "FT": "/Sig",
                "T": pydyf.String(name), "TU": pydyf.String(tip),
                "F": 132,  # Print + Locked
                "Rect": pydyf.Array([round(left, 2), round(top - height, 2),
                                     round(left + width, 2), round(top, 2)]),
                "P": page_ref,
                "AP": pydyf.Dictionary({"N": appearance.reference})})
            pdf.add_object(widget)
            if "Annots" not in page:
                page["Annots"] = pydyf.Array()
            deref(pdf, page["Annots"]).append(widget.reference)
            deref(pdf, form["Fields"]).append(widget.reference)
            if tags is not None:
                tags.add(widget, page_ref)
        if tags is not None:
            tags.finish()


def _written(number) -> float:
    """A coordinate as pydyf will write it (a float with six decimals)."""
    return float(f"{number:f}") if isinstance(number, float) else float(number)


def _destinations(pdf) -> dict[str, tuple[int, float, float]]:
    """Named destinations of WeasyPrint's PDF objects: id -> (page index, left, top).

    WeasyPrint writes one flat, sorted /Names array (no /Kids) with an ``/XYZ`` destination
    for every id; the coordinates are taken as they will be written, so they agree with what
    a PDF reader finds in the file (its named destinations).
    """
    names = deref(pdf, pdf.catalog.get("Names"))
    dests = deref(pdf, names.get("Dests")) if names is not None else None
    entries = (deref(pdf, dests.get("Names")) if dests is not None else None) or ()
    pages = {ref: i for i, ref in enumerate(pdf.page_references)}
    out: dict[str, tuple[int, float, float]] = {}
    for i in range(0, len(entries) - 1, 2):
        key, dest = text(entries[i]), deref(pdf, entries[i + 1])
        if isinstance(dest, dict):
            dest = deref(pdf, dest.get("D"))
        if not isinstance(dest, list) or len(dest) < 4 or dest[1] != "/XYZ":
            continue
        page, left, top = pages.get(dest[0]), dest[2], dest[3]
        if page is None or left is None or top is None or key in out:
            continue
        out[key] = (page, _written(left), _written(top))
    return out


class _Tags:
    """The structure tree, to tag each signature widget as a /Form element (PDF/UA-1, 7.18.4).

    WeasyPrint's tagged PDF has one /Document element whose children run page by page; a
    page's /Form elements go after the last child on that page (after the approval block, in
    reading order), or at the end if none is. Each widget gets the next free /StructParent key
    in the parent tree.
    """

    def __init__(self, pdf, tree, doc_ref, children, nums):
        self.pdf, self.tree, self.doc_ref = pdf, tree, doc_ref
        self.children, self.nums = children, nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        self.next_key = max(keys + [int(tree.get("ParentTreeNextKey", 0)) - 1]) + 1
        self.forms_at: dict[int, list[bytes]] = {}
        self.slots: dict[bytes, int] = {}

    @classmethod
    def of(cls, pdf) -> _Tags | None:
        """None for an untagged PDF, or a parent tree split into /Kids."""
        tree = deref(pdf, pdf.catalog.get("StructTreeRoot"))
        if not isinstance(tree, dict) or "K" not in tree or "ParentTree" not in tree:
            return None
        nums = deref(pdf, deref(pdf, tree["ParentTree"]).get("Nums"))
        kids = deref(pdf, tree["K"])
        doc_ref = kids[0] if isinstance(kids, list) and kids else kids
        doc = deref(pdf, doc_ref)
        children = deref(pdf, doc.get("K")) if isinstance(doc, dict) else None
        if not isinstance(nums, list) or not isinstance(children, list) \
                or not isinstance(doc_ref, bytes):
            return None
        return cls(pdf, tree, doc_ref, children, nums)

    def slot(self, page_ref: bytes) -> int:
        if page_ref not in self.slots:
            at = len(self.children)
            for i, kid in enumerate(self.children):
                elem = deref(self.pdf, kid)
                if isinstance(elem, dict) and elem.get("Pg") == page_ref:
                    at = i + 1
            self.slots[page_ref] = at
        return self.slots[page_ref]

    def add(self, widget, page_ref: bytes) -> None:
        import pydyf

        objr = pydyf.Dictionary({"Type": "/OBJR", "Obj": widget.reference, "Pg": page_ref})
        form = pydyf.Dictionary({"Type": "/StructElem", "S": "/Form", "P": self.doc_ref,
                                 "Pg": page_ref, "K": objr})
        self.pdf.add_object(form)
        self.forms_at.setdefault(self.slot(page_ref), []).append(form.reference)
        widget["StructParent"] = self.next_key
        self.nums.extend([self.next_key, form.reference])
        self.next_key += 1

    def finish(self) -> None:
        for at in sorted(self.forms_at, reverse=True):
            self.children[at:at] = self.forms_at[at]
        self.tree["ParentTreeNextKey"] = self.next_key

