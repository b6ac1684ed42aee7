"""A form's web page fills in the school's own PDF, in headless Chromium: for every form of every
example school, served over http from a subfolder, the page is filled by keyboard and submitted;
the PDF it downloads is read by `forms collect` as complete with every value typed, and the
values are drawn from its stored appearances (PDFium with no form layer), by Poppler and after a
round trip through pdf.js. Empty or wrong answers give GOV.UK's error summary (focused, linked
to each field, messages tied by aria-describedby) and axe finds nothing; opened from file://
the page says plainly that it cannot fill the PDF and offers the download."""

from __future__ import annotations

import re
import shutil
from io import BytesIO

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import (AXE, browser, chromium_path, describe_violations, open_page, type_answers,  # noqa: F401
                                   run_axe, web_root)

import tests.support.forms as H
from tests.support import SCHOOLS
from tests.support.stored import gained_ink

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)


def _shared_out(example_resolved) -> dict[str, list[str]]:
    """Each form filled once, in one of the schools that has it, the schools taking turns: every
    school and every form is met, a third of the work of every form in every school."""
    out: dict[str, list[str]] = {sid: [] for sid in SCHOOLS}
    every = sorted({fid for sid in SCHOOLS for fid in example_resolved[sid].forms})
    for n, fid in enumerate(every):
        having = [sid for sid in SCHOOLS if fid in example_resolved[sid].forms]
        out[having[n % len(having)]].append(fid)
    return out


def fill_by_keyboard(page, values: dict) -> None:
    """Type each text answer, press Space on each box or radio button to choose, as a keyboard
    user does; then Tab to the button and press Enter."""
    type_answers(page, values)
    button = page.locator(".pp-form-send button")
    for _ in range(200):
        if page.evaluate("document.activeElement && document.activeElement.matches('.pp-form-send button')"):
            break
        page.keyboard.press("Tab")
    assert button.evaluate("b => b === document.activeElement"), "the button is not reached by Tab"


def _heights(pdf: bytes) -> list[float]:
    from pypdf import PdfReader
    return [float(p.mediabox.height) for p in PdfReader(BytesIO(pdf)).pages]


def _same_identity(blank: bytes, filled: bytes) -> None:
    from pypdf import PdfReader
    a, b = PdfReader(BytesIO(blank)), PdfReader(BytesIO(filled))
    fa = {k: v.get("/V") for k, v in a.get_fields().items() if k == "pp_form"}
    fb = {k: v.get("/V") for k, v in b.get_fields().items() if k == "pp_form"}
    assert fa == fb and fa
    assert set(a.get_fields()) == set(b.get_fields())


@pytest.mark.parametrize("school", SCHOOLS)
def test_each_form_page_fills_in_the_school_pdf(open_page, web_root, example_site, example_resolved,
                                                 school, tmp_path):
    from builder.forms.collect import collect_file
    from builder.forms.reader import Reader
    page = open_page("desktop")
    rs = example_resolved[school]
    done = 0
    mine = _shared_out(example_resolved)[school]
    with Reader() as reader:
        for fid in mine:
            form = rs.resolved_forms[fid]
            values = H.sample_values(form)
            page.goto(f"{web_root}/{school}/forms/{fid}.html")
            assert page.locator(".pp-form-send").is_visible()
            assert page.locator(".pp-form-nofill").is_hidden()
            fill_by_keyboard(page, values)
            with page.expect_download() as info:
                page.keyboard.press("Enter")
            download = info.value
            who = next((values[i.name] for i in form.items if i.register == "pupil"), None)
            if who:
                assert download.suggested_filename == f"{fid}-zoe-obrien-lukasz.pdf"
            assert download.suggested_filename.isascii() and download.suggested_filename.startswith(fid)
            got = tmp_path / f"{school}-{fid}.pdf"
            download.save_as(got)
            page.locator(".pp-form-status").filter(has_text="Done").wait_for()
            blank = (example_site / school / "forms" / f"{fid}.pdf").read_bytes()
            filled = got.read_bytes()
            _same_identity(blank, filled)

            row = collect_file(got, reader)
            assert row.status == "complete", (fid, row.follow_up)
            have = row.as_dict()
            for k, v in H.expected(form, values).items():
                typed_date = any(i.type == "date" and (i.register or i.name) == k for i in form.items)
                assert have.get(k) == v or (typed_date and have.get(k) == "2026-09-03"), (fid, k, have.get(k), v)

            rects, heights = H.widgets(blank), _heights(blank)
            gained = gained_ink(blank, filled, rects, heights, values)
            trip = tmp_path / f"{school}-{fid}-trip.pdf"
            if not H.node_ready():
                H.fill_pdfjs(got, trip, {})
                tripped = gained_ink(blank, trip.read_bytes(), rects, heights, values)
            else:
                tripped = gained
            poppler = {}
            if shutil.which("pdftoppm"):
                by_page = {}
                for name, (p, rect) in rects.items():
                    if name in values:
                        if p not in by_page:
                            by_page[p] = (H.render_poppler(example_site / school / "forms" / f"{fid}.pdf", p),
                                          H.render_poppler(got, p))
                        before, after = by_page[p]
                        poppler[name] = H.ink(after, rect, heights[p]) - H.ink(before, rect, heights[p])
            for name, value in values.items():
                need = 6 if value is True else 30
                assert gained[name] >= need, f"{fid} {name}: not drawn from the stored appearance"
                assert tripped[name] >= need, f"{fid} {name}: not drawn after a pdf.js round trip"
                if poppler:
                    assert poppler[name] >= need, f"{fid} {name}: not drawn by Poppler"
            done += 1
    assert done == len(mine) and done >= 1


def test_errors_follow_the_error_summary_pattern(open_page, web_root, example_resolved):
    page = open_page("phone")
    school, fid = SCHOOLS[0], "social-media-consent"
    page.goto(f"{web_root}/{school}/forms/{fid}.html")
    title = page.title()
    form = example_resolved[school].resolved_forms[fid]
    date_items = [i for i in form.items if i.type == "signature"]
    # a name in the date box, everything else left empty
    page.locator(f"[data-pdf-field='{date_items[0].name}_date']").focus()
    page.keyboard.type("Zoë")
    page.locator(".pp-form-send button").focus()
    page.keyboard.press("Enter")
    summary = page.locator(".pp-error-summary")
    summary.wait_for()
    assert summary.evaluate("s => s === document.activeElement")
    assert page.title() == "Error: " + title
    links = summary.locator("a")
    required = [i for i in form.items if i.required]
    assert links.count() >= len(required)
    texts = links.all_inner_texts()
    assert any("real date" in t for t in texts)
    for k in range(links.count()):
        target = links.nth(k).get_attribute("href")[1:]
        el = page.locator(f"[id='{target}']")
        described = el.evaluate("e => { const f = e.type === 'radio' ? e.closest('fieldset') : e;"
                                " return (f.getAttribute('aria-describedby') || '').split(' '); }")
        assert f"{target}-error" in described, target
        message = page.locator(f"[id='{target}-error']")
        assert message.inner_text().startswith("Error:") and message.inner_text().endswith(texts[k])
        if el.get_attribute("type") != "radio":
            assert el.get_attribute("aria-invalid") == "true"
    # the first link moves focus to its field
    links.nth(0).focus()
    page.keyboard.press("Enter")
    first = links.nth(0).get_attribute("href")[1:]
    assert page.evaluate("document.activeElement.id") == first
    if AXE.exists():
        violations = run_axe(page)
        assert not violations, describe_violations(page.url, violations)
    # answered, the errors go
    for name, value in H.sample_values(form).items():
        el = page.locator(f"[data-pdf-field='{name}']")
        el.fill("") if value is not True else None
        el.focus()
        page.keyboard.press("Space") if value is True else page.keyboard.type(value)
    with page.expect_download():
        page.locator(".pp-form-send button").click()
    assert summary.is_hidden()
    assert page.locator(".pp-error-message").count() == 0
    assert page.locator("[aria-invalid]").count() == 0
    assert page.title() == title


def test_required_items_are_marked_on_the_page(open_page, web_root, example_resolved):
    page = open_page("desktop")
    school = SCHOOLS[0]
    for fid, form in example_resolved[school].resolved_forms.items():
        page.goto(f"{web_root}/{school}/forms/{fid}.html")
        for i in form.items:
            for name, _ in i.pdf_fields:
                el = page.locator(f"[data-pdf-field='{name}']")
                if i.type in ("yesno", "choice"):
                    continue
                assert (el.get_attribute("required") is not None) == i.required, (fid, name)
                assert (el.get_attribute("aria-required") == "true") == i.required, (fid, name)
            if i.type == "yesno" and i.required:
                assert page.locator(f"[data-pdf-field='{i.name}_yes']").get_attribute("required") is not None


def test_opened_from_a_file_the_page_says_so_and_offers_the_pdf(open_page, example_site, example_resolved):
    page = open_page("desktop")
    school = SCHOOLS[0]
    for fid in example_resolved[school].forms:
        page.goto((example_site / school / "forms" / f"{fid}.html").as_uri())
        message = page.locator(".pp-form-nofill")
        assert message.is_visible(), fid
        assert "opened from a file" in message.inner_text()
        assert page.locator(".pp-form-send").is_hidden()
        link = message.locator("a")
        assert link.get_attribute("href") == f"{fid}.pdf"
        assert (example_site / school / "forms" / link.get_attribute("href")).exists()


def test_pdfjs_is_loaded_only_when_a_form_is_filled(open_page, web_root):
    page = open_page("desktop")
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    school = SCHOOLS[0]
    for rel in ("index.html", "policies/social-media.html", "forms/social-media-consent.html"):
        page.goto(f"{web_root}/{school}/{rel}")
    assert not [u for u in asked if "pdfjs" in u]
    assert [u for u in asked if u.endswith("/js/pp-form.js")]


DATES = {
    "03/09/2026": "2026-09-03", "3/9/2026": "2026-09-03", "3.9.2026": "2026-09-03",
    "03-09-26": "2026-09-03", " 3 / 9 / 2026 ": "2026-09-03", "2026-09-03": "2026-09-03",
    "3 September 2026": "2026-09-03", "3rd Sept 2026": "2026-09-03", "3 sep 2026": "2026-09-03",
    "29/02/2028": "2028-02-29", "31 December 2026": "2026-12-31", "1st of January 2027": "2027-01-01",
    "Zoë": None, "tomorrow": None, "31/09/2026": None, "29/02/2027": None, "13/13/2026": None,
    "3 Smarch 2026": None, "3 S 2026": None, "2026-13-01": None, "00/01/2026": None,
    "3/9": None, "": None, "3 September": None, "September 2026": None, "03092026": None,
}


def test_the_page_reads_dates_as_dates(open_page, web_root):
    page = open_page("desktop")
    page.goto(f"{web_root}/{SCHOOLS[0]}/forms/social-media-consent.html")
    got = page.evaluate("ds => ds.map(d => window.ppForm.readDate(d))", list(DATES))
    assert dict(zip(DATES, got)) == DATES


def test_download_names_follow_prefill_names(open_page, web_root):
    from hypothesis import HealthCheck, given, settings, strategies as st
    from builder.forms.prefill import safe_name
    page = open_page("desktop")
    page.goto(f"{web_root}/{SCHOOLS[0]}/forms/social-media-consent.html")
    names = ["Zoë O'Brien-Łukasz", "Søren Æbelø", "  ", "../../etc/passwd", "José María Núñez",
             "Ngozi Okonkwo-Adébáyọ̀", "Renée D'Arcy", "李小龍", "Straße", "a" * 90]
    got = page.evaluate("ns => ns.map(n => window.ppForm.safeName(n))", names)
    for n, g in zip(names, got):
        assert g == "" or g == safe_name(n), (n, g)
        assert re.fullmatch(r"[a-z0-9-]*", g) and not g.startswith("-") and len(g) <= 60
    assert got[0] == "zoe-obrien-lukasz"

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
    def same(name):
        g = page.evaluate("n => window.ppForm.safeName(n)", name)
        assert re.fullmatch(r"[a-z0-9-]*", g) and len(g) <= 60
        assert g == safe_name(name) or (g == "" and safe_name(name) == "pupil")
    same()
