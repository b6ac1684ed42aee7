"""One copy of a form per pupil, with the pupil's name and year group already filled in.

The form is rendered once; each copy sets the ``pupil`` and ``year_group`` fields (the fields
the form file marks ``register: pupil`` / ``register: year_group``) with pypdf, which also draws
their appearance, so the names show even in viewers that do not redraw fields (Apple Preview).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from io import BytesIO
from pathlib import Path

from builder.common.diagnostics import Collector, PackError, error
from builder.common.files import write_bytes
from builder.common.colour import school_accent
from builder.render.form.pdf import render_form_pdf

PUPIL_HEADERS = ("pupil", "pupil name", "pupil_name", "name", "child", "child's name")
YEAR_HEADERS = ("year group", "year_group", "year", "class", "form")


def read_csv_rows(path: Path) -> list[list[str]]:
    """The rows of a class or staff list saved from a spreadsheet (UTF-8, a BOM allowed), or one
    clear E-CSV / E-MISSING-FILE naming the file."""
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PackError(error(shown, None, "E-MISSING-FILE", "no such CSV file")) from None
    except UnicodeDecodeError:
        raise PackError(error(shown, None, "E-CSV", "not UTF-8 text: save the spreadsheet as "
                                                    "'CSV UTF-8 (comma delimited)'")) from None
    except OSError as exc:
        raise PackError(error(shown, None, "E-CSV", f"cannot read the file ({exc.strerror})")) from exc
    try:
        return list(csv.reader(text.splitlines()))
    except csv.Error as exc:
        raise PackError(error(shown, None, "E-CSV", f"not a CSV file ({exc})")) from exc


def read_list(path: Path, columns: dict[str, tuple[str, ...]], required: str, *, empty: str,
              no_column: str) -> tuple[list[tuple[int, dict[str, str]]], dict[str, int | None]]:
    """A class or staff list with a header row: for each row that is not blank, (its line, the
    text of each named column), and where each column was found (None: not in the header).
    ``columns`` gives the header names each column is known by; ``required`` must be there."""
    shown = str(path)
    rows = read_csv_rows(path)
    if not rows:
        raise PackError(error(shown, 1, "E-CSV", empty))
    header = [h.strip().lower() for h in rows[0]]
    at = {k: next((i for i, h in enumerate(header) if h in names), None) for k, names in columns.items()}
    if at[required] is None:
        raise PackError(error(shown, 1, "E-CSV", no_column))
    out = []
    for n, r in enumerate(rows[1:], start=2):
        if any(c.strip() for c in r):
            out.append((n, {k: r[i].strip() if i is not None and i < len(r) else ""
                            for k, i in at.items()}))
    return out, at


def read_pupils(path: Path) -> list[tuple[int, str, str]]:
    """(line, pupil, year group) for each row of a CSV with a header row."""
    shown = str(path)
    rows, _ = read_list(path, {"pupil": PUPIL_HEADERS, "year": YEAR_HEADERS}, "pupil",
                        empty="the CSV is empty: it needs a header row (pupil, year group) and one "
                              "row per pupil",
                        no_column="no pupil column in the header: name one column 'pupil' (and "
                                  "one 'year group')")
    out, diags = [], Collector()
    for n, row in rows:
        if not row["pupil"]:
            diags.add(error(shown, n, "E-CSV", "row has no pupil name"))
            continue
        out.append((n, row["pupil"], row["year"]))
    diags.raise_if_errors()
    if not out:
        raise PackError(error(shown, 2, "E-CSV", "the CSV has a header but no pupils"))
    return out


_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae",
                          "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "Th",
                          "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """A name as lower-case ASCII letters, digits and spaces: accents and letters without an
    ASCII decomposition folded ('Zoë O'Brien-Łukasz' -> 'zoe obrien lukasz'); apostrophes
    dropped, other punctuation and spacing made one space. The one normalisation of names:
    file names here, matching returns to a class list in ``expect``."""
    t = unicodedata.normalize("NFKD", str(text).translate(_LETTERS))
    t = t.encode("ascii", "ignore").decode().lower()
    t = re.sub(r"['`]", "", t)
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def name_key(text: str) -> str:
    """What two names must share to be one person: ``fold`` without the spaces ('Mary-Jane',
    'mary jane', 'MARYJANE' are one key)."""
    return fold(text).replace(" ", "")


def safe_name(text: str) -> str:
    """'Zoë O'Brien-Łukasz' -> 'zoe-obrien-lukasz': ASCII, no path characters."""
    return fold(text).replace(" ", "-")[:60].strip("-") or "pupil"


def fill(pdf: bytes, values: dict[str, str]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    for page in writer.pages:
        names = {str(a.get_object().get("/T")) for a in page.get("/Annots") or []}
        todo = {k: v for k, v in values.items() if k in names}
        if todo:
            writer.update_page_form_field_values(page, todo, auto_regenerate=False)
    buf = BytesIO()
    writer.write(buf)
    return buf.getvalue()


def prefill(pack, rschool, form, csv_path: Path, out_dir: Path) -> list[Path]:
    f = rschool.resolved_forms[form.id]
    roles = {i.register: i.name for i in f.items if i.register}
    if "pupil" not in roles:
        raise PackError(error(form.shown, None, "E-FORM-PREFILL",
                              f"form '{form.id}' has no field marked 'register: pupil', so there "
                              f"is nothing to prefill"))
    pupils = read_pupils(csv_path)
    blank = render_form_pdf(f, school_accent(rschool.values))
    out_dir.mkdir(parents=True, exist_ok=True)
    written, used = [], set()
    for _, pupil, year in pupils:
        base = f"{form.id}-{safe_name(pupil)}"
        name, n = base, 2
        while name in used or (out_dir / f"{name}.pdf").exists():
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        values = {roles["pupil"]: pupil}
        if "year_group" in roles and year:
            values[roles["year_group"]] = year
        path = out_dir / f"{name}.pdf"
        write_bytes(path, fill(blank, values))
        written.append(path)
    return written
