"""Accessibility of the built sites in a real browser: axe-core (WCAG 2.2 AA) on every page at a
phone and a desktop width, headings in order, the language set, every link and the search
reached with the keyboard alone, the skip link, the phone menu by keyboard, a too-light school
colour made readable; and screenshots of each school's home and consent form pages for review
(tests/output/screenshots/)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import (AXE, WIDTHS, browser, chromium_path, css_rgb, describe_violations,  # noqa: F401
                             open_menu, open_page, run_axe, school_pages, tab_walk)

from tests.support import ROOT, SCHOOLS, TODAY, copy_pack

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)

needs_axe = pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run "
                               "npm ci --prefix tests/browser (scripts/setup --test does)")
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"

HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.offsetParent !== null || h.getClientRects().length)
    .map(h => ({level: +h.tagName[1], text: h.textContent.trim().slice(0, 60)}))"""


def heading_problems(headings: list[dict]) -> list[str]:
    """One h1, first; no level skipped on the way down (h2 to h4)."""
    problems = []
    if [h["level"] for h in headings].count(1) != 1:
        problems.append(f"{[h['level'] for h in headings].count(1)} h1 headings")
    if headings and headings[0]["level"] != 1:
        problems.append(f"first heading is h{headings[0]['level']} '{headings[0]['text']}'")
    for prev, h in zip(headings, headings[1:]):
        if h["level"] > prev["level"] + 1:
            problems.append(f"h{prev['level']} '{prev['text']}' is followed by h{h['level']} '{h['text']}'")
    return problems


def test_heading_rule_catches_skips():
    assert heading_problems([{"level": 1, "text": "a"}, {"level": 2, "text": "b"}, {"level": 3, "text": "c"},
                             {"level": 2, "text": "d"}]) == []
    assert heading_problems([{"level": 1, "text": "a"}, {"level": 3, "text": "b"}])
    assert heading_problems([{"level": 2, "text": "a"}, {"level": 1, "text": "b"}])


# ------------------------------------------------------------------ axe, headings, language

@needs_axe
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("school", SCHOOLS)
def test_every_page_passes_axe_wcag22aa(open_page, example_site, school, width):
    page = open_page(width)
    failures = []
    for rel in school_pages(example_site, school):
        page.goto((example_site / school / rel).as_uri())
        assert page.evaluate("document.documentElement.lang") == "en-GB", rel
        if width == "phone":
            open_menu(page)           # check the open menu too
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(f"{school}/{rel}", violations))
        problems = heading_problems(page.evaluate(HEADINGS))
        if problems:
            failures.append(f"{school}/{rel}: headings out of order: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


@needs_axe
@pytest.mark.parametrize("width", list(WIDTHS))
def test_trust_index_passes_axe_wcag22aa(open_page, example_site, width):
    page = open_page(width)
    page.goto((example_site / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    violations = run_axe(page)
    assert not violations, describe_violations("index.html", violations)
    assert not heading_problems(page.evaluate(HEADINGS))


def test_axe_finds_a_planted_violation(open_page, example_site):
    """The audit can fail: a form field without a label and grey-on-white text are reported."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run npm ci --prefix tests/browser")
    page = open_page("desktop")
    page.goto((example_site / SCHOOLS[0] / "index.html").as_uri())
    page.evaluate("""() => {
        const m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<input type="text" id="planted">'
            + '<p style="color:#bbbbbb;background:#ffffff">faint text</p>');
    }""")
    ids = {v["id"] for v in run_axe(page)}
    assert {"label", "color-contrast"} <= ids


# ------------------------------------------------------------------ keyboard

@pytest.mark.parametrize("school", SCHOOLS)
def test_keyboard_reaches_every_link_and_the_search(open_page, example_site, school):
    page = open_page("desktop")
    failures = []
    for rel in school_pages(example_site, school):
        page.goto((example_site / school / rel).as_uri())
        reached, expected = tab_walk(page)
        missing = [e for e in expected if e not in reached]
        if missing:
            failures.append(f"{rel}: Tab never reaches {missing[:5]}")
        if not reached or "skip-link" not in page.evaluate("""() => {
                const a = document.querySelector('a.skip-link'); return a ? a.className : ''; }"""):
            failures.append(f"{rel}: no skip link")
        elif not reached[0].startswith("a||#main|"):
            failures.append(f"{rel}: the first Tab stop is {reached[0]}, not the skip link")
        if not any(r.startswith("input|search-input|") for r in reached):
            failures.append(f"{rel}: Tab never reaches the search box")
        links = page.eval_on_selector_all("a[href]", "as => as.length")
        if sum(1 for r in reached if r.startswith("a|")) < links:
            failures.append(f"{rel}: {links} links, Tab reached {sum(1 for r in reached if r.startswith('a|'))}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_skip_link_moves_focus_to_the_content(open_page, example_site, width):
    page = open_page(width)
    page.goto((example_site / SCHOOLS[0] / "policies" / "social-media.html").as_uri())
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link should show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the next Tab goes into the content, not back to the navigation
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_phone_menu_works_by_keyboard(open_page, example_site):
    page = open_page("phone")
    page.goto((example_site / SCHOOLS[0] / "index.html").as_uri())
    reached, _ = tab_walk(page)
    assert any(r.startswith("button|") for r in reached), "the Menu button should be a Tab stop"
    menu = next(i for i, r in enumerate(reached) if r.startswith("button|"))
    # folded away, the nav's links are no Tab stops: from Menu, Tab goes straight to search
    assert reached[menu + 1].startswith("input|search-input|"), reached[menu:menu + 3]
    page.locator(".nav-toggle").focus()
    page.keyboard.press("Enter")
    assert page.locator(".nav-toggle").get_attribute("aria-expanded") == "true"
    reached, expected = tab_walk(page)
    assert [e for e in expected if e not in reached] == []
    assert any("policies/social-media.html" in r for r in reached)
    page.locator(".nav-toggle").focus()
    page.keyboard.press("Space")
    assert page.locator(".nav-toggle").get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-nav").is_visible()


# ------------------------------------------------------------------ a school colour too light

@pytest.fixture(scope="module")
def light_site(tmp_path_factory):
    """Vine Tree's site (pages only) built from a copy of the pack with a pale yellow colour."""
    from builder.source.load import load_pack
    from builder.render.site.render import mkdocs_build, site_inputs
    from builder.resolve.school import resolve_school
    pack_dir = copy_pack(tmp_path_factory.mktemp("light") / "pack")
    school_file = pack_dir / "schools" / "vine-tree.yml"
    text = school_file.read_text(encoding="utf-8")
    text, n = re.subn(r'(?m)^colour: "#[0-9a-fA-F]{6}"', 'colour: "#ffdd00"', text)
    assert n == 1
    school_file.write_text(text, encoding="utf-8")
    pack = load_pack(pack_dir)
    rs = resolve_school(pack, pack.schools["vine-tree"])
    files, config = site_inputs(rs, pack, TODAY)
    out = pack_dir / "out"
    mkdocs_build(files, config, pack.theme_dir, out)
    return out, config


def test_light_colour_is_darkened_until_it_passes(open_page, light_site):
    from builder.common.colour import contrast
    out, config = light_site
    assert config["extra"]["colour"] != "#ffdd00"
    assert contrast(config["extra"]["colour"], config["extra"]["colour_text"]) >= 4.5
    page = open_page("desktop")
    page.goto((out / "index.html").as_uri())
    bg, fg = page.eval_on_selector(
        ".site-header", "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert bg == css_rgb(config["extra"]["colour"])           # the darkened colour, shown
    assert fg == css_rgb(config["extra"]["colour_text"])
    if AXE.exists():
        violations = run_axe(page)
        assert not violations, describe_violations("light colour index.html", violations)


def test_colour_helpers():
    from builder.common.colour import accessible_accent, contrast, contrast_problem, text_on
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert accessible_accent("#1f5c3a") == ("#1f5c3a", False)
    shade, changed = accessible_accent("#FFDD00")
    assert changed and contrast(shade, "#ffffff") >= 4.5 and contrast(shade, "#ffffff") < 5.5
    assert text_on("#ffdd00") == "#000000" and text_on("#1f5c3a") == "#ffffff"
    assert contrast_problem("#1f5c3a") is None
    message = contrast_problem("#ffdd00")
    assert "'#ffdd00'" in message and shade in message


# ------------------------------------------------------------------ screenshots for review

@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("school", SCHOOLS)
def test_screenshots_of_home_and_consent_form(open_page, example_site, school, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(width)
    for name, rel in (("home", "index.html"), ("consent-form", "forms/social-media-consent.html")):
        page.goto((example_site / school / rel).as_uri())
        path = SCREENSHOTS / f"{school}-{name}-{width}.png"
        path.unlink(missing_ok=True)
        page.screenshot(path=str(path), full_page=True)
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000
        png_width = int.from_bytes(data[16:20], "big")
        assert png_width == WIDTHS[width]["width"]
