"""Shared helpers for the forms tests: sample values, three engines that fill a form, pixels."""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

NAME = "Zoë O'Brien-Łukasz"
JS_DIR = Path(__file__).resolve().parents[1] / "js"


def sample_values(form) -> dict:
    """PDF field name -> value for every item of a resolved form (names with accents included)."""
    values = {}
    for n, item in enumerate(form.items):
        if item.type in ("text", "longtext"):
            values[item.name] = NAME if item.register in ("pupil", "parent") or n % 2 else f"Text {n}"
        elif item.type == "date":
            values[item.name] = "03/09/2026"
        elif item.type == "yesno":
            values[f"{item.name}_{'yes' if n % 2 else 'no'}"] = True
        elif item.type == "tick":
            values[item.name] = True
        elif item.type == "choice":
            values[item.options[0][0]] = True
        elif item.type == "signature":
            values[f"{item.name}_name"] = NAME
            values[f"{item.name}_date"] = "3 September 2026"
    return values


def expected(form, values) -> dict:
    """What collect should report for these values: {column: value}."""
    out = {}
    for item in form.items:
        if item.type == "yesno":
            out[item.name] = "yes" if values.get(f"{item.name}_yes") else "no"
        elif item.type == "tick":
            out[item.name] = "yes"
        elif item.type == "choice":
            out[item.name] = item.options[0][1]
        elif item.type == "signature":
            key = ("signature_name", "date_signed") if item.main else (f"{item.name}_name", f"{item.name}_date")
            out[key[0]], out[key[1]] = NAME, "2026-09-03"
        elif item.type == "date":          # collect writes dates as YYYY-MM-DD ("03/09/2026")
            out[item.register or item.name] = "2026-09-03"
        elif item.register:
            out[item.register] = values[item.name]
        else:
            out[item.name] = values[item.name]
    return out


def fill_pypdf(src: bytes, values: dict) -> bytes:
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(BytesIO(src)))
    v = {k: ("/Yes" if val is True else val) for k, val in values.items()}
    for page in w.pages:
        names = {str(a.get_object().get("/T")) for a in page.get("/Annots") or []}
        todo = {k: x for k, x in v.items() if k in names}
        if todo:
            w.update_page_form_field_values(page, todo, auto_regenerate=False)
    buf = BytesIO()
    w.write(buf)
    return buf.getvalue()


def _field_name(raw, h, annot) -> str:
    n = raw.FPDFAnnot_GetFormFieldName(h, annot, None, 0)
    buf = ctypes.create_string_buffer(n)
    raw.FPDFAnnot_GetFormFieldName(h, annot, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n)
    return buf.raw.decode("utf-16-le").rstrip("\x00")


def widgets(pdf_bytes: bytes) -> dict:
    """name -> (page index, (left, bottom, right, top)) read through PDFium."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(pdf_bytes)
    pdf.init_forms()
    h = pdf.formenv.raw
    out = {}
    for i in range(len(pdf)):
        page = pdf[i]
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            a = raw.FPDFPage_GetAnnot(page.raw, k)
            if raw.FPDFAnnot_GetSubtype(a) == raw.FPDF_ANNOT_WIDGET:
                r = raw.FS_RECTF()
                raw.FPDFAnnot_GetRect(a, r)
                out[_field_name(raw, h, a)] = (i, (min(r.left, r.right), min(r.bottom, r.top),
                                                   max(r.left, r.right), max(r.bottom, r.top)))
            raw.FPDFPage_CloseAnnot(a)
    pdf.close()
    return out


def fill_pdfium(src: bytes, values: dict, path: Path) -> None:
    """Click each field and type into it through PDFium's form API, as Chrome does; then save."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(src)
    pdf.init_forms()
    h = pdf.formenv.raw
    done = set()
    for i in range(len(pdf)):
        page = pdf[i]
        raw.FORM_OnAfterLoadPage(page.raw, h)
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            a = raw.FPDFPage_GetAnnot(page.raw, k)
            name = _field_name(raw, h, a) if raw.FPDFAnnot_GetSubtype(a) == raw.FPDF_ANNOT_WIDGET else ""
            if name in values:
                r = raw.FS_RECTF()
                raw.FPDFAnnot_GetRect(a, r)
                x, y = (r.left + r.right) / 2, (r.top + r.bottom) / 2
                raw.FORM_OnMouseMove(h, page.raw, 0, x, y)
                raw.FORM_OnLButtonDown(h, page.raw, 0, x, y)
                raw.FORM_OnLButtonUp(h, page.raw, 0, x, y)
                if isinstance(values[name], str):
                    data = values[name].encode("utf-16-le")
                    for j in range(0, len(data), 2):
                        raw.FORM_OnChar(h, page.raw, int.from_bytes(data[j:j + 2], "little"), 0)
                raw.FORM_ForceToKillFocus(h)
                done.add(name)
            raw.FPDFPage_CloseAnnot(a)
        raw.FORM_OnBeforeClosePage(page.raw, h)
    missing = set(values) - done
    assert not missing, f"PDFium found no widget for {missing}"
    pdf.save(str(path))
    pdf.close()


def node_ready() -> str | None:
    """None when the pdf.js harness can run, else why not."""
    if shutil.which("node") is None:
        return "node is not installed (scripts/setup --test installs it)"
    major = subprocess.run(["node", "-p", "process.versions.node.split('.')[0]"],
                           capture_output=True, text=True).stdout.strip()
    if not major.isdigit() or int(major) < 20:
        return f"pdf.js 5 needs Node.js 20 or newer; this machine has Node.js {major or '?'}"
    if not (JS_DIR / "node_modules" / "pdfjs-dist").is_dir():
        return "tests/js/node_modules is missing: run `npm ci --prefix tests/js`"
    return None


def fill_pdfjs(src: Path, dst: Path | None, values: dict) -> dict:
    vpath = Path(str(dst or src) + ".values.json")
    vpath.write_text(json.dumps(values), encoding="utf-8")
    args = ["node", str(JS_DIR / "fill.mjs"), str(src)] + ([str(dst), str(vpath)] if dst else [])
    res = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def render_pdfium(pdf_bytes: bytes, page: int):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(pdf_bytes)
    pdf.init_forms()
    img = pdf[page].render(scale=2, may_draw_forms=True).to_pil().convert("L")
    pdf.close()
    return img


def render_poppler(path: Path, page: int):
    """Page ``page`` as Poppler draws it; the picture is made in a folder of its own, never
    beside the PDF (which may be a shared build other tests compare file by file)."""
    import tempfile
    from PIL import Image
    with tempfile.TemporaryDirectory(prefix="poppler-") as tmp:
        out = Path(tmp) / f"p{page}"
        subprocess.run(["pdftoppm", "-r", "144", "-gray", "-f", str(page + 1), "-l", str(page + 1),
                        "-singlefile", "-png", str(path), str(out)], check=True, capture_output=True,
                       timeout=120)
        with Image.open(str(out) + ".png") as img:
            return img.convert("L")


def ink(img, rect, page_height, scale=2.0, inset=3) -> int:
    """Dark pixels inside a field's rectangle (inside its border)."""
    left, bottom, right, top = rect
    box = (int(left * scale) + inset, int((page_height - top) * scale) + inset,
           int(right * scale) - inset, int((page_height - bottom) * scale) - inset)
    region = img.crop(box)
    return sum(region.histogram()[:128])
