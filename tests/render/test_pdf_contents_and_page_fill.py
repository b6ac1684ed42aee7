"""The PDFs' page layout, read back with PDFium (pypdfium2) from the example build:

- a policy PDF's contents page puts its page numbers in one column at the right edge of the text,
  each number ending at one x, in figures of one width (so units stand under units), and draws
  its leader as a rule rather than dots a screen reader would read;
- the keep-together rules of a form PDF leave no page of the consent form less than a quarter
  full, unless it is the last, for every example school."""

from __future__ import annotations

import re

import pytest

from tests.support import ROOT, SCHOOLS

pdfium = pytest.importorskip("pypdfium2")

MM = 72 / 25.4


def _chars(page) -> list[tuple[str, float, float, float, float]]:
    """(character, left, bottom, right, top) of every character drawn on the page: the loose box,
    which spans the character's advance (where the next one would start), not its ink."""
    tp = page.get_textpage()
    out = []
    for k in range(tp.count_chars()):
        ch = tp.get_text_range(k, 1)
        if ch.strip():
            out.append((ch, *tp.get_charbox(k, loose=True)))
    return out


def _lines(chars) -> list[list[tuple]]:
    """The characters grouped into lines (by the bottom of their box), each line left to right,
    the lines top to bottom."""
    lines: list[list[tuple]] = []
    for c in sorted(chars, key=lambda c: -c[2]):
        if lines and abs(lines[-1][0][2] - c[2]) < 2:
            lines[-1].append(c)
        else:
            lines.append([c])
    return [sorted(line, key=lambda c: c[1]) for line in lines]


def _contents_page(pdf):
    for page in pdf:
        lines = _lines(_chars(page))
        if any("".join(c[0] for c in line) == "Contents" for line in lines):
            return page, lines
    raise AssertionError("no page has the Contents heading")


def _page_number(line) -> list[tuple] | None:
    """The digits that end a line (the entry's page number), or None."""
    digits: list[tuple] = []
    for c in reversed(line):
        if not c[0].isdigit() or (digits and digits[0][1] - c[3] > 1):
            break
        digits.insert(0, c)
    return digits or None


@pytest.mark.parametrize("school", SCHOOLS)
def test_contents_page_numbers_stand_in_one_right_aligned_column(example_site, example_resolved, school):
    for pid, rp in example_resolved[school].policies.items():
        pdf = pdfium.PdfDocument(str(example_site / school / "pdf" / f"{pid}.pdf"))
        page, lines = _contents_page(pdf)
        width = page.get_size()[0]
        heading = next(line for line in lines if "".join(c[0] for c in line) == "Contents")
        left = heading[0][1]                                   # the text's left edge
        entries = [line for line in lines[lines.index(heading) + 1:]
                   if line[0][2] > 25 * MM and _page_number(line)]   # (not the footer)
        numbers = [_page_number(line) for line in entries]
        where = f"{school}/pdf/{pid}.pdf"
        assert len(numbers) >= len(rp.sections), f"{where}: {len(numbers)} numbered entries"
        ends = [n[-1][3] for n in numbers]
        assert max(ends) - min(ends) < 0.25, f"{where}: the numbers end at {sorted(set(round(e, 2) for e in ends))}"
        assert abs(max(ends) - (width - left)) < 1, \
            f"{where}: the numbers end at {max(ends):.2f}, not at the text's right edge {width - left:.2f}"
        advances = {round(c[3] - c[1], 2) for n in numbers for c in n}
        assert max(advances) - min(advances) < 0.05, f"{where}: digits of different widths {advances}"
        text = "".join(c[0] for line in lines for c in line)
        assert "...." not in text and "\u2026" not in text, f"{where}: the leader is written as dots"
        pdf.close()


def _form_margins() -> tuple[float, float]:
    """The form PDF's top and bottom page margins in points, as form.css sets them."""
    css = (ROOT / "builder" / "render" / "form" / "form.css").read_text(encoding="utf-8")
    margin = r"@page\s*{[^}]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm"
    top, _right, bottom, _left = re.search(margin, css).groups()
    return float(top) * MM, float(bottom) * MM


def page_fill(page, top: float, bottom: float) -> float:
    """How far down its text area the page's text reaches: 0 empty, 1 full (the footer, in the
    bottom margin, not counted)."""
    height = page.get_size()[1]
    lows = [c[2] for c in _chars(page) if c[2] > bottom - 1 and c[4] < height - top + 2]
    return (height - top - min(lows)) / (height - top - bottom) if lows else 0.0


def test_page_fill_reads_a_nearly_empty_page(tmp_path):
    """The measure itself: a page with two lines at its top reads as nearly empty, a page of
    text to its foot as full."""
    from builder.render.engine import html_to_pdf
    css = "@page { size: A4; margin: 18mm 18mm 20mm 18mm } body { margin: 0; font-size: 12pt }"
    html = ("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><p>One</p><p>Two</p>"
            "<p style='break-before: page'>" + "Line<br>" * 45 + "</p></body></html>")
    pdf = pdfium.PdfDocument(html_to_pdf(html, css))
    top, bottom = 18 * MM, 20 * MM
    first, second = page_fill(pdf[0], top, bottom), page_fill(pdf[1], top, bottom)
    assert first < 0.1 and second > 0.9, (first, second)


@pytest.mark.parametrize("school", SCHOOLS)
def test_no_page_of_the_consent_form_is_less_than_a_quarter_full_but_the_last(example_site, school):
    path = example_site / school / "forms" / "social-media-consent.pdf"
    top, bottom = _form_margins()
    pdf = pdfium.PdfDocument(str(path))
    fills = [round(page_fill(page, top, bottom), 2) for page in pdf]
    pdf.close()
    assert len(fills) >= 2, fills
    assert all(f >= 0.25 for f in fills[:-1]), f"{school}: pages filled {fills} (of their height)"
