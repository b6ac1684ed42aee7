"""A form page as a parent meets it on a phone (390 x 844) and a desktop (1280 x 800), in
headless Chromium, served over http from a subfolder: GOV.UK's order (what the form is for and
where it goes, the web form, then the PDF to download to fill in another way); the error
summary in the fields' page order, its top on the screen after submit, each message naming the
field's own label; one rule for a blank Yes/No, the same on the page and in the PDF (filled in
PDFium and read back by `forms collect`); 40 px radios and tick boxes, labels that are big
targets, legends inside their fieldset's border; and, when the PDF is filled in, what happens
next with a mailto: link whose subject names the form."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import (AXE, WIDTHS, browser, chromium_path, describe_violations,  # noqa: F401
                                   open_page, run_axe, type_answers, web_root)

import tests.support.forms as H
from tests.support import SCHOOLS, pdf_text, squash

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)

CONSENT = "social-media-consent"

# the document position of one element against another: 4 = the other follows
_FOLLOWS = "([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)"

# the text of the label an input has itself: its <label for>, or its group's legend for a radio
# or box in a Yes/No or choice; the hint in brackets left out
_OWN_LABEL = """(el) => {
    const fs = el.closest('fieldset[data-group]');
    const own = fs ? fs.querySelector('legend') : document.querySelector(`label[for="${el.id}"]`);
    const copy = own.cloneNode(true);
    copy.querySelectorAll('.pp-hint, .pp-error-message').forEach(h => h.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""


def _goto(page, web_root, school, fid):
    page.goto(f"{web_root}/{school}/forms/{fid}.html")
    page.locator(".pp-form-send").wait_for()


def _submit(page) -> None:
    page.locator(".pp-form-send button").focus()
    page.keyboard.press("Enter")


# ------------------------------------------------------------------ 1. the page's order


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_web_form_comes_before_the_download_link(open_page, web_root, example_resolved, width):
    page = open_page(width)
    school = SCHOOLS[0]
    for fid, form in example_resolved[school].resolved_forms.items():
        _goto(page, web_root, school, fid)
        web_form = page.locator("form.pp-form-fields")
        links = page.locator("main a[href$='.pdf']:visible")
        assert links.count() >= 1, f"{fid}: no link to the PDF"
        form_box = web_form.bounding_box()
        for k in range(links.count()):
            link = links.nth(k)
            # after the whole form, in reading order and on the screen
            assert page.evaluate(_FOLLOWS, [web_form.element_handle(), link.element_handle()]), fid
            assert not link.evaluate("(a, f) => f.contains(a)", web_form.element_handle()), fid
            assert link.bounding_box()["y"] >= form_box["y"] + form_box["height"], fid
        download = page.locator(".pp-form-download")
        assert download.inner_text().startswith("Or download the " + form.title), fid
        assert "another way" in download.inner_text()
        # what the form is for and where it goes come first, then the questions
        first_question = page.locator("form.pp-form-fields .pp-form-section").first
        for before in (".pp-form-intro", ".pp-form-return"):
            if page.locator(f"main {before}").count():
                assert page.evaluate(_FOLLOWS, [page.locator(f"main {before}").element_handle(),
                                                first_question.element_handle()]), (fid, before)
        # the first Tab stop of the form's own content is a question, not the PDF
        main_links_before = page.evaluate("""(f) => [...document.querySelectorAll('main a[href]')]
            .filter(a => a.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING)
            .map(a => a.getAttribute('href'))""", web_form.element_handle())
        assert not [h for h in main_links_before if h.endswith(".pdf")], (fid, main_links_before)


# ------------------------------------------------------------------ 2. the error summary


def _summary_checks(page, fid) -> list[str]:
    """The summary after a submit with problems: focused, its top on the screen, its links in
    the fields' page order, each message naming its field's own label."""
    summary = page.locator(".pp-error-summary")
    summary.wait_for()
    assert summary.evaluate("s => s === document.activeElement"), fid
    top, bottom, title_bottom, height = summary.evaluate("""s => {
        const r = s.getBoundingClientRect(), t = s.querySelector('h2').getBoundingClientRect();
        return [r.top, r.bottom, t.bottom, innerHeight]; }""")
    assert 0 <= top < height and title_bottom <= height, (fid, "summary not in view", top, height)
    links = summary.locator("a")
    targets = [links.nth(k).get_attribute("href")[1:] for k in range(links.count())]
    texts = links.all_inner_texts()
    assert targets, fid
    handles = [page.locator(f"[id='{t}']").element_handle() for t in targets]
    for a, b in zip(handles, handles[1:]):
        assert page.evaluate(_FOLLOWS, [a, b]), (fid, "summary out of page order", targets)
    ys = [h.evaluate("e => e.getBoundingClientRect().top + scrollY") for h in handles]
    assert ys == sorted(ys), (fid, ys)
    for handle, text in zip(handles, texts):
        own = handle.evaluate(_OWN_LABEL)
        assert own.lower() in text.lower(), (fid, text, own)
    return texts


@pytest.mark.parametrize("width", list(WIDTHS))
def test_error_summary_follows_page_order_and_is_in_view(open_page, web_root, example_resolved, width):
    page = open_page(width)
    school = SCHOOLS[0]
    for fid, form in example_resolved[school].resolved_forms.items():
        _goto(page, web_root, school, fid)
        # a wrong date as well as the blanks: a date check that once ran before the others
        dates = [f"{i.name}_date" for i in form.items if i.type == "signature"]
        page.locator(f"[data-pdf-field='{dates[-1]}']").fill("Zoë")
        title = page.title()
        page.locator(".pp-form-send button").scroll_into_view_if_needed()   # where a reader is
        _submit(page)
        texts = _summary_checks(page, fid)
        assert page.title() == "Error: " + title
        required = [i for i in form.items if i.required]
        assert len(texts) >= len(required)
        assert any("real date" in t for t in texts), fid
        # a signature's name and date are named by their own labels, not the signature's legend
        for i in form.items:
            if i.type == "signature" and i.required:
                msg = next(t for t in texts if "full name" in t.lower())
                assert f"\u201c{i.label}\u201d" not in msg, msg
        if AXE.exists():
            violations = run_axe(page)
            assert not violations, describe_violations(page.url, violations)


def test_error_summary_of_many_problems_starts_on_a_phone_screen(open_page, web_root):
    """The longest summary (every question blank), submitted from the bottom of the page."""
    page = open_page("phone")
    _goto(page, web_root, SCHOOLS[0], CONSENT)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    _submit(page)
    texts = _summary_checks(page, CONSENT)
    assert len(texts) >= 10
    height = page.evaluate("innerHeight")
    assert page.locator(".pp-error-summary").bounding_box()["height"] > height, \
        "the case that matters: a summary taller than the screen"


# ------------------------------------------------------------------ 2. one rule for a blank


def _blank_cases(example_resolved):
    """(form, the Yes/No item left blank): a required one and, where a form has one, an optional
    one."""
    cases = []
    for fid in (CONSENT, "account-approval"):
        form = example_resolved[SCHOOLS[0]].resolved_forms[fid]
        item = [i for i in form.items if i.type == "yesno"][-1]
        cases.append((form, item))
    return cases


@pytest.mark.parametrize("width", list(WIDTHS))
def test_page_and_pdf_agree_on_a_blank_yes_no(open_page, web_root, example_site, example_resolved,
                                              width, tmp_path):
    from builder.forms.collect import collect_file
    from builder.forms.reader import Reader
    page = open_page(width)
    school = SCHOOLS[0]
    with Reader() as reader:
        for form, item in _blank_cases(example_resolved):
            blank_pdf = (example_site / school / "forms" / f"{form.id}.pdf").read_bytes()
            values = {k: v for k, v in H.sample_values(form).items() if not k.startswith(item.name + "_")}
            # the PDF, filled in PDFium (as Chrome fills it) with that item left blank
            filled = tmp_path / f"{form.id}-{width}.pdf"
            H.fill_pdfium(blank_pdf, values, filled)
            row = collect_file(filled, reader)
            pdf_flags = f"{item.name}: not answered" in row.follow_up
            assert row.as_dict().get(item.name) not in ("yes", "no"), "a blank is read as an answer"
            # the page, with the same answers
            _goto(page, web_root, school, form.id)
            type_answers(page, values)
            if item.required:
                _submit(page)
                texts = _summary_checks(page, form.id)
                page_flags = texts == [f"Select yes or no for \u201c{item.label}\u201d"]
                assert page_flags, texts
            else:
                with page.expect_download() as info:
                    _submit(page)
                page_flags = False
                info.value.save_as(tmp_path / "page.pdf")
                row_page = collect_file(tmp_path / "page.pdf", reader)
                assert row_page.status == "complete", row_page.follow_up
                assert row_page.as_dict().get(item.name) == ""
            assert pdf_flags == page_flags == item.required, (form.id, item.name, row.follow_up)
            if item.required:
                assert row.status == "follow-up"
                # answered, both take it
                page.locator(f"[data-pdf-field='{item.name}_no']").focus()
                page.keyboard.press("Space")
                with page.expect_download() as info:
                    _submit(page)
                info.value.save_as(tmp_path / "page.pdf")
                row_page = collect_file(tmp_path / "page.pdf", reader)
                assert row_page.status == "complete" and row_page.as_dict()[item.name] == "no", \
                    row_page.follow_up
                H.fill_pdfium(blank_pdf, dict(values, **{f"{item.name}_no": True}), filled)
                again = collect_file(filled, reader)
                assert again.status == "complete" and again.as_dict()[item.name] == "no", again.follow_up


def test_page_and_pdf_say_the_same_rule_for_blanks(open_page, web_root, example_site, example_resolved):
    """The rule is said in the form's own words, the same in both, and it is the rule the page
    and collect apply: every Yes/No needs an answer, and a blank is never taken as Yes."""
    page = open_page("phone")
    school = SCHOOLS[0]
    form = example_resolved[school].resolved_forms[CONSENT]
    section = next(s for s in form.sections if any(i.type == "yesno" for i in s.items))
    rule = re.sub(r"<[^>]+>", "", section.html)
    assert "every item" in rule and "left blank" in rule and "counts as No" not in rule
    _goto(page, web_root, school, CONSENT)
    page_text = page.locator(f"[id='{CONSENT}--{section.id}']").inner_text()
    pdf = pdf_text(example_site / school / "forms" / f"{CONSENT}.pdf")
    for sentence in re.split(r"(?<=\.)\s+", " ".join(rule.split())):
        assert squash(sentence) in squash(page_text), sentence
        assert squash(sentence) in squash(pdf), sentence
    assert all(i.required for i in section.items if i.type == "yesno")


# ------------------------------------------------------------------ 3. radios, boxes, legends

_CONTROLS = """() => [...document.querySelectorAll('.pp-form input[type=radio], .pp-form input[type=checkbox]')]
    .map(i => { const r = i.getBoundingClientRect(), l = document.querySelector(`label[for="${i.id}"]`)
                                                          .getBoundingClientRect();
                return {id: i.id, w: r.width, h: r.height, lw: l.width, lh: l.height}; })"""

_LEGENDS = """() => [...document.querySelectorAll('.pp-form fieldset')].map(f => {
    const l = f.querySelector(':scope > legend').getBoundingClientRect(), r = f.getBoundingClientRect();
    const s = getComputedStyle(f);
    return {text: f.querySelector('legend').textContent.slice(0, 40), lines: Math.round(l.height / 20),
            top: l.top - (r.top + parseFloat(s.borderTopWidth)), bottom: r.bottom - l.bottom,
            left: l.left - (r.left + parseFloat(s.borderLeftWidth)),
            right: (r.right - parseFloat(s.borderRightWidth)) - l.right};
})"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_radios_and_boxes_are_40px_with_big_targets(open_page, web_root, example_resolved, width):
    page = open_page(width)
    school = SCHOOLS[0]
    wrapped = 0
    for fid in example_resolved[school].resolved_forms:
        _goto(page, web_root, school, fid)
        controls = page.evaluate(_CONTROLS)
        assert controls, fid
        for c in controls:
            assert c["w"] >= 40 and c["h"] >= 40, (fid, c)          # GOV.UK's 40 px box
            assert c["lw"] >= 24 and c["lh"] >= 24, (fid, c)        # WCAG 2.2 2.5.8 target size
        for legend in page.evaluate(_LEGENDS):
            wrapped += legend["lines"] > 1
            assert min(legend["top"], legend["bottom"], legend["left"], legend["right"]) >= 0, (fid, legend)
    if width == "phone":
        assert wrapped, "no legend wraps at a phone width: the legend check proves nothing"


def test_a_chosen_radio_and_a_ticked_box_look_chosen(open_page, web_root):
    """The boxes are drawn by the page's own style: choosing one changes what is on the screen."""
    page = open_page("phone")
    _goto(page, web_root, SCHOOLS[0], CONSENT)
    for selector in (".pp-yesno input[type=radio]", ".pp-tick input[type=checkbox]"):
        box = page.locator(selector).first
        before = box.screenshot()
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked()
        page.evaluate("document.activeElement.blur()")
        assert box.screenshot() != before, selector


# ------------------------------------------------------------------ 1. what happens next


@pytest.mark.parametrize("width", list(WIDTHS))
def test_done_says_where_to_send_it_with_a_mailto_link(open_page, web_root, example_resolved, width):
    page = open_page(width)
    school = SCHOOLS[0]
    rs = example_resolved[school]
    heads = rs.values["roles"]["headteacher"]["email"]
    for fid, address in ((CONSENT, rs.values["email"]), ("account-approval", heads)):
        form = rs.resolved_forms[fid]
        _goto(page, web_root, school, fid)
        done = page.locator(".pp-form-done")
        assert done.is_hidden()
        values = H.sample_values(form)
        type_answers(page, values)
        with page.expect_download() as info:
            _submit(page)
        name = info.value.suggested_filename
        page.locator(".pp-form-status").filter(has_text="Done").wait_for()
        assert done.is_visible()
        assert name in done.inner_text()
        assert "What happens next" in done.inner_text()
        mailto = done.locator("a.pp-form-mailto")
        href = mailto.get_attribute("href")
        m = re.fullmatch(r"mailto:([^?]+)\?subject=([^&]*)", href)
        assert m and m.group(1) == address, href
        # the subject: the form's name, and whose form it is (the answer that names the file)
        who = values.get(page.locator("form.pp-form-fields").get_attribute("data-file-name-field"))
        assert unquote(m.group(2)) == form.title + (f": {who}" if who else ""), href
        assert " " not in href and "+" not in m.group(2)
        assert address in mailto.inner_text()
        # the return text is repeated there, its address a link too
        assert done.locator(".pp-form-done-return a[href^='mailto:']").count() >= 1
        # the next Tab after pressing the button is the email link
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('pp-form-mailto')")
        if AXE.exists():
            violations = run_axe(page)
            assert not violations, describe_violations(page.url, violations)


# ------------------------------------------------------------------ keystrokes, for the record


def keyboard_walk(page, values: dict) -> dict:
    """Fill the form as a keyboard user from the top of the page: Tab to the skip link, Enter,
    then Tab from field to field (Space on Yes, Down arrow to No, Space on a box), typing each
    answer, and Enter on the button. Returns the keys pressed by kind."""
    count = {"Tab": 0, "Enter": 0, "Space": 0, "Arrow": 0, "typed": 0}

    def press(key):
        page.keyboard.press(key)
        count["Arrow" if key.startswith("Arrow") else key] += 1

    page.evaluate("window.scrollTo(0, 0)")
    press("Tab")
    press("Enter")          # the skip link: focus to the main content
    todo = dict(values)
    for _ in range(400):
        press("Tab")
        el = page.evaluate("""() => { const e = document.activeElement;
            return {field: e.getAttribute('data-pdf-field'), type: e.type, name: e.name,
                    button: e.matches('.pp-form-send button')}; }""")
        if el["button"]:
            break
        field = el["field"]
        if el["type"] == "radio":
            group = [k for k in todo if k.startswith(el["name"] + "_")]
            if not group:
                continue
            if group[0].endswith("_no"):
                press("ArrowDown")     # moves to No and chooses it
            else:
                press("Space")
            todo.pop(group[0])
        elif field in todo:
            value = todo.pop(field)
            if value is True:
                press("Space")
            else:
                page.keyboard.type(value)
                count["typed"] += len(value)
    assert not todo, f"never reached {sorted(todo)}"
    press("Enter")
    count["total"] = sum(count.values())
    return count


def test_keyboard_only_fill_of_the_consent_form(open_page, web_root, example_resolved, tmp_path):
    from builder.forms.collect import collect_file
    from builder.forms.reader import Reader
    page = open_page("phone")
    school = SCHOOLS[0]
    form = example_resolved[school].resolved_forms[CONSENT]
    _goto(page, web_root, school, CONSENT)
    values = H.sample_values(form)
    with page.expect_download() as info:
        count = keyboard_walk(page, values)
    info.value.save_as(tmp_path / "consent.pdf")
    with Reader() as reader:
        row = collect_file(tmp_path / "consent.pdf", reader)
    assert row.status == "complete", row.follow_up
    print(f"\nkeystrokes to fill {CONSENT} ({school}) by keyboard: {count}")
    # one Tab per text field, Yes/No group and box, and no stop on the way to the button but
    # those and the links in the form's own text (the DPO's, the return address): no download
    # link to pass before the questions
    text_stops = sum(1 for i in form.items if i.type in ("text", "longtext", "date", "tick")) + \
        2 * sum(1 for i in form.items if i.type == "signature")
    groups = sum(1 for i in form.items if i.type == "yesno")
    links = page.evaluate("""() => { const b = document.querySelector('.pp-form-send button');
        return [...document.querySelectorAll('main a[href]')].filter(a =>
            a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)
            .map(a => a.getAttribute('href')); }""")
    assert not [h for h in links if h.endswith(".pdf")], links
    assert count["Tab"] == 1 + len(links) + text_stops + groups + 1, (count, links)
