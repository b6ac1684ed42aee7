"""The example pack's websites in a real browser (Debian's Chromium, driven by Playwright):
navigation, search, section references and downloads, at a phone and a desktop width, from a
web server subfolder (/schools/policies/<school>/) and from file://. One browser per session,
a fresh context per test."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import (browser, chromium_path, css_rgb, open_menu,  # noqa: F401
                             open_page, pairwise, school_pages, site_base, web_root)

from tests.support import SCHOOLS

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)

# ------------------------------------------------------------------ navigation

@pytest.mark.parametrize(("school", "origin", "width"), pairwise(SCHOOLS))
def test_navigation_reaches_every_page(open_page, web_root, example_site, example_resolved, school,
                                       origin, width):
    base = site_base(origin, web_root, example_site) + school + "/"
    page = open_page(width)
    page.goto(base + "index.html")
    rs = example_resolved[school]
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.locator("h1").inner_text().startswith(rs.name)
    # the school's colour reached the header (the stylesheet loaded from the subfolder)
    bg = page.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor")
    assert bg == _rgb(rs.values["colour"]), bg

    nav = page.locator("#site-nav")
    if width == "phone":
        assert not nav.is_visible(), "the menu should start folded on a phone"
    open_menu(page)
    assert nav.is_visible()
    expected = {base + rel for rel in school_pages(example_site, school)}
    listed = set(page.eval_on_selector_all("#site-nav a", "as => as.map(a => a.href)"))
    assert listed == expected

    titles = page.eval_on_selector_all("#site-nav a", "as => as.map(a => a.textContent.trim())")
    visited = set()
    for title in titles:
        open_menu(page)
        link = page.locator("#site-nav a", has_text=re.compile("^" + re.escape(title) + "$"))
        href = link.evaluate("a => a.href")
        with page.expect_navigation():
            link.click()
        assert page.url == href
        visited.add(page.url)
        h1 = page.locator("main h1")
        assert h1.count() == 1 and h1.is_visible()
        if title != "Home":
            assert h1.inner_text().strip().endswith(title) or title in page.title()
        assert page.title().endswith(rs.name)
        # the page fits the screen: nothing wider than the viewport but scrollable tables
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} is {overflow}px wider than the {width} screen"
        current = page.locator('#site-nav a[aria-current="page"]')
        assert current.count() == 1 and current.evaluate("a => a.href") == href
    assert visited == expected


def _rgb(hex_colour: str) -> str:
    """The school's colour as the header shows it: darkened until it passes contrast."""
    from builder.common.colour import accessible_accent
    return css_rgb(accessible_accent(hex_colour)[0])


# ------------------------------------------------------------------ search and references

def _search_target(rs):
    """A phrase from the middle of a section of the school's first policy, and that section."""
    rp = rs.policies["social-media"]
    section = next(s for s in rp.sections if s.id == "cyberbullying")
    from builder.resolve.markdown import plain_text
    words = re.findall(r"[A-Za-z]{4,}", plain_text(section.html))
    return " ".join(words[5:9]), rp.id, section


@pytest.mark.parametrize(("school", "origin", "width"), pairwise(SCHOOLS))
def test_search_finds_a_phrase_and_lands_on_its_section(open_page, web_root, example_site,
                                                        example_resolved, school, origin, width):
    base = site_base(origin, web_root, example_site) + school + "/"
    page = open_page(width)
    page.goto(base + "forms/social-media-consent.html")     # search from a page one folder down
    phrase, pid, section = _search_target(example_resolved[school])
    box = page.get_by_label("Search these policies")
    assert box.is_visible()
    box.fill(phrase)
    status = page.locator("#search-status")
    assert re.fullmatch(r"\d+ results?", status.inner_text()), status.inner_text()
    hit = page.locator("#search-results a", has_text=section.title).first
    assert hit.is_visible()
    hit.click()
    page.wait_for_url(re.compile(re.escape(f"policies/{pid}.html#{section.id}") + "$"))
    heading = page.locator(f"#{section.id}")
    assert heading.inner_text().startswith(f"{section.number}.")
    assert _in_view(page, f"#{section.id}")
    # a phrase that is nowhere says so
    page.get_by_label("Search these policies").fill("zzqx nowhere")
    assert page.locator("#search-status").inner_text() == "No results"


def _in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight && r.bottom > 0; }""")


@pytest.mark.parametrize(("school", "origin", "width"), pairwise(SCHOOLS))
def test_section_reference_goes_to_its_section(open_page, web_root, example_site, school, origin, width):
    base = site_base(origin, web_root, example_site) + school + "/"
    page = open_page(width)
    page.goto(base + "policies/social-media.html")
    refs = page.locator(".policy-section a[href^='#']", has_text=re.compile(r"^[Ss]ection \d+$"))
    assert refs.count() >= 1, "the policy should refer to another of its sections"
    # take one far down the page, so following it has to scroll
    link = refs.nth(refs.count() - 1)
    number = re.search(r"\d+", link.inner_text()).group()
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator(target).inner_text().startswith(f"{number}.")
    assert _in_view(page, target)


# ------------------------------------------------------------------ downloads

def _pdf_bytes(page, link, origin: str) -> bytes:
    """Follow a link to a PDF as a reader would: a download link downloads; any other link
    opens the PDF in the browser, and so does a download link on a page opened from a folder
    (Chromium ignores ``download`` on file:// links)."""
    if link.get_attribute("download") is not None and origin == "http":
        with page.expect_download() as d:
            link.click()
        return Path(d.value.path()).read_bytes()
    href = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(href)           # the browser opened the PDF itself
    if origin == "http":
        response = page.context.request.get(href)
        assert response.ok and response.headers["content-type"] == "application/pdf", href
        data = response.body()
    else:
        data = Path(url2pathname(unquote(urlparse(page.url).path))).read_bytes()
    page.go_back()
    return data


_PDF_TEXT: dict[str, str] = {}


def _pdf_text(data: bytes) -> str:
    key = hashlib.sha256(data).hexdigest()
    if key not in _PDF_TEXT:
        from pypdf import PdfReader
        reader = PdfReader(io.BytesIO(data))
        _PDF_TEXT[key] = " ".join((reader.pages[0].extract_text() or "").split())
    return _PDF_TEXT[key]


@pytest.mark.parametrize(("school", "origin", "width"), pairwise(SCHOOLS))
def test_every_pdf_and_form_downloads_as_this_schools_file(open_page, web_root, example_site,
                                                          example_resolved, example_pack, school,
                                                          origin, width):
    base = site_base(origin, web_root, example_site) + school + "/"
    rs = example_resolved[school]
    page = open_page(width)
    page.goto(base + "index.html")
    expected = {f"pdf/{pid}.pdf": rp.title for pid, rp in rs.policies.items()}
    expected.update({f"forms/{fid}.pdf": example_pack.forms[fid].title for fid in rs.forms})
    seen = set()
    for rel, title in expected.items():
        link = page.locator(f"main a[href='{rel}']")
        assert link.count() == 1, f"the home page should link to {rel}"
        data = _pdf_bytes(page, link, origin)
        assert data.startswith(b"%PDF-"), rel
        assert data == (example_site / school / rel).read_bytes(), f"{rel} is not the built file"
        text = _pdf_text(data)
        assert rs.name in text, f"{rel} does not name {rs.name}"
        assert " ".join(title.split()) in " ".join(text.split()), f"{rel} does not carry its title"
        seen.add(rel)
    assert seen == set(expected)
    # each form page's own download link gives the same form
    for fid in rs.forms:
        page.goto(base + f"forms/{fid}.html")
        link = page.locator("main a[href$='.pdf']:visible").first
        data = _pdf_bytes(page, link, origin)
        assert data == (example_site / school / "forms" / f"{fid}.pdf").read_bytes()
        assert rs.name in _pdf_text(data)
