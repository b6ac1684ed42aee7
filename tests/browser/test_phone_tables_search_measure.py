"""The built sites at a phone (390 x 844) and a desktop (1280 x 800) width in headless Chromium:
the trust dashboard, a school's home page and its changelog fit the screen (no sideways page
scroll) with every column's header in view (in the header row, or as the label of each value when
the rows stack); the home page lists forms by audience, each title once; search (lunr.js) finds a
word in another form of it, does not need every word of a query, and names the section each
result comes from; a policy page runs at a comfortable measure with its summary first.

One browser and one page per width for the whole module: the tests visit pages in turn."""

from __future__ import annotations

import re
import statistics

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import (AXE, WIDTHS, browser, chromium_path, describe_violations,  # noqa: F401
                                   run_axe)

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)

SCHOOL = "vine-tree"     # the school with the most forms, a draft and a logo


@pytest.fixture(scope="module")
def pages(browser):
    """{width: page}, one context each, kept for the module; fails on a script error or a file
    the page could not load."""
    contexts, problems, out = [], [], {}
    for width, viewport in WIDTHS.items():
        ctx = browser.new_context(viewport=viewport)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
        page.on("requestfailed", lambda r: problems.append(f"failed to load {r.url}")
                if r.url.startswith("file:") and r.resource_type not in ("xhr", "fetch") else None)
        out[width] = page
    yield out
    for ctx in contexts:
        ctx.close()
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ tables

# Every column header of every table in <main> that cannot be seen: a header is seen when its box
# lies inside the window and inside every box that clips it (a region that scrolls sideways hides
# what is past its edge); in a table whose rows are stacked, a column's header is seen when every
# value of the column is shown with the header as its label.
UNSEEN_HEADERS = """() => {
    const vw = document.documentElement.clientWidth;
    const seen = (el) => {
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2 || r.left < -0.5 || r.right > vw + 0.5) return false;
        if (getComputedStyle(el).visibility === 'hidden') return false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.overflowX === 'visible' && s.overflowY === 'visible' && s.clip === 'auto') continue;
            const ar = a.getBoundingClientRect();
            if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5 || r.width > ar.width + 0.5) return false;
        }
        return true;
    };
    const unseen = [];
    document.querySelectorAll('main table').forEach((table, t) => {
        const heads = [...table.querySelectorAll('thead th')];
        const rows = [...table.querySelectorAll('tbody tr')];
        heads.forEach((th, i) => {
            const name = th.textContent.trim();
            if (seen(th)) return;
            const labelled = rows.length > 0 && rows.every(tr => {
                if (tr.children.length !== heads.length) return true;   // a row that spans columns
                const cell = tr.children[i];
                const label = getComputedStyle(cell, '::before');
                return seen(cell) && cell.dataset.label === name && label.content !== 'none'
                       && label.display !== 'none';
            });
            if (!labelled) unseen.push(`table ${t + 1} (${table.className || 'no class'}): '${name}'`);
        });
    });
    return unseen;
}"""

PAGE_SCROLL = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_tables_fit_the_screen_with_every_column_header_in_view(pages, example_site, width):
    page = pages[width]
    failures = []
    for rel in ("index.html", f"{SCHOOL}/index.html", f"{SCHOOL}/changelog.html"):
        page.goto((example_site / rel).as_uri())
        assert page.locator("main table").count() >= 1, rel
        overflow = page.evaluate(PAGE_SCROLL)
        if overflow > 0:
            failures.append(f"{rel}: the page scrolls {overflow}px sideways at the {width} width")
        unseen = page.evaluate(UNSEEN_HEADERS)
        if unseen:
            failures.append(f"{rel} at the {width} width: column headers out of view: {unseen}")
    assert not failures, "\n".join(failures)


def test_the_header_check_can_fail(pages, example_site):
    """A table wider than the phone inside a region that scrolls sideways hides its last column's
    header: the check reports it (and the page itself does not scroll)."""
    page = pages["phone"]
    page.goto((example_site / "index.html").as_uri())
    page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<div style="overflow-x:auto"><table><thead><tr>' +
        ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map(h => '<th style="min-width:120px">' + h + '</th>').join('') +
        '</tr></thead><tbody><tr>' + '<td>x</td>'.repeat(6) + '</tr></tbody></table></div>')""")
    unseen = page.evaluate(UNSEEN_HEADERS)
    assert any("'Six'" in u for u in unseen), unseen
    assert page.evaluate(PAGE_SCROLL) <= 0


def test_forms_are_grouped_by_audience_each_title_once(pages, example_site, example_pack, example_resolved):
    page = pages["phone"]
    page.goto((example_site / SCHOOL / "index.html").as_uri())
    groups = page.evaluate("""() => [...document.querySelectorAll('main h3[id^="forms-"]')].map(h => ({
        heading: h.textContent.trim(),
        titles: [...h.nextElementSibling.querySelectorAll(':scope > li')]
                    .map(li => li.querySelector('a').textContent.trim()),
        shown: (() => { const c = h.nextElementSibling.cloneNode(true);      // the text as seen
                         c.querySelectorAll('.visually-hidden').forEach(e => e.remove());
                         return c.textContent; })(),
        links: [...h.nextElementSibling.querySelectorAll('a')].map(a => a.textContent.trim())}))""")
    assert [g["heading"] for g in groups] == ["For parents and carers", "For staff"]
    forms = [example_pack.forms[f] for f in example_resolved[SCHOOL].forms]
    for group, audience in zip(groups, ("parents", "staff")):
        assert group["titles"] == [f.title for f in forms if f.audience == audience]
        for title in group["titles"]:          # each title shown once: the PDF link says "fillable PDF"
            assert group["shown"].count(title) == 1, (title, group["shown"])
            # (a screen reader's list of links still tells the PDFs apart)
            assert f"fillable PDF of the {title}" in group["links"], group["links"]
    assert sum(len(g["titles"]) for g in groups) == len(forms)


# ------------------------------------------------------------------ search

def _search(page, query: str) -> dict:
    page.get_by_label("Search these policies").fill(query)
    return page.evaluate("""() => {
        const docs = window.POLICYPACK_SEARCH.docs;
        return {
            status: document.getElementById('search-status').textContent,
            results: [...document.querySelectorAll('#search-results li')].map(li => {
                const a = li.querySelector('a'), where = li.querySelector('.search-where');
                const doc = docs.find(d => a.href.endsWith('/' + d.location));
                return {href: a.href, title: a.textContent, where: where ? where.textContent : null,
                        doc: doc || null, marked: [...li.querySelectorAll('mark')].map(m => m.textContent)};
            }),
        };
    }""")


def _index_words(page) -> set[str]:
    return set(re.findall(r"[a-z]+", page.evaluate(
        "() => window.POLICYPACK_SEARCH.docs.map(d => d.title + ' ' + d.text).join(' ')").lower()))


# (query, a word of the pack's text the query must find through stemming or as a word's start)
INFLECTED = [("photos", "photograph"), ("monitored", "monitor"), ("blocking", "blocked")]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_finds_other_forms_of_a_word_and_names_each_results_section(pages, example_site, width):
    page = pages[width]
    page.goto((example_site / SCHOOL / "policies" / "social-media.html").as_uri())
    words = _index_words(page)
    for query, other in INFLECTED:
        assert query not in words, f"'{query}' is in the text itself: choose a word that is not"
        found = _search(page, query)
        assert re.fullmatch(r"\d+ results?", found["status"]), (query, found["status"])
        texts = [(r["doc"]["title"] + " " + r["doc"]["text"]).lower() for r in found["results"]]
        assert any(other in t for t in texts), f"'{query}' does not find '{other}': {found['results'][:3]}"
        assert any(r["marked"] for r in found["results"]), "the results mark the words found"
        for r in found["results"]:
            # each result names its own section (the heading of the part of the page it links to)
            # and the page that section is on
            assert r["doc"] is not None, r["href"]
            assert r["title"] == r["doc"]["title"], r
            assert r["where"] == (r["doc"]["page"] if r["doc"]["page"] != r["doc"]["title"] else None), r
    # a query's words are not all needed: an unknown word does not empty the results
    assert _search(page, "photos zzqxv")["results"], "a word that is nowhere emptied the results"
    assert _search(page, "zzqxv")["status"] == "No results"
    # the best result for two words has both
    both = _search(page, "photos consent")["results"][0]["doc"]
    assert "photo" in (both["title"] + both["text"]).lower() and "consent" in (both["title"] + both["text"]).lower()
    # the first result for "photos" leads to a heading that says what the result said
    first = _search(page, "photos")["results"][0]
    if AXE.exists():
        violations = run_axe(page)
        assert not violations, describe_violations(f"{page.url} with search results", violations)
    page.locator("#search-results a").first.click()
    page.wait_for_url(first["href"])
    anchor = first["href"].partition("#")[2]
    if anchor:
        assert page.locator(f"[id='{anchor}']").inner_text().strip() == first["title"]


# ------------------------------------------------------------------ the policy page

# Characters on each line of each paragraph, read from where the browser put each character.
LINE_LENGTHS = """(selector) => {
    const range = document.createRange();
    return [...document.querySelectorAll(selector)].map(el => {
        const lines = [];
        let count = 0, bottom = null;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const r = range.getClientRects()[0];
                if (!r || r.width === 0) continue;
                if (bottom !== null && r.top >= bottom - 1) { lines.push(count); count = 0; bottom = null; }
                count += 1;
                bottom = bottom === null ? r.bottom : Math.max(bottom, r.bottom);
            }
        }
        if (count) lines.push(count);
        return lines;
    });
}"""


def test_policy_text_runs_at_a_comfortable_measure_on_a_desktop(pages, example_site):
    page = pages["desktop"]
    page.goto((example_site / SCHOOL / "policies" / "social-media.html").as_uri())
    paragraphs = page.evaluate(LINE_LENGTHS, ".policy-section p")
    full = [n for lines in paragraphs for n in lines[:-1]]      # every line but a paragraph's last
    assert len(full) > 30, "too few full lines to measure"
    assert max(full) <= 85, f"lines up to {max(full)} characters: {sorted(full)[-5:]}"
    assert 55 <= statistics.median(full) <= 80, statistics.median(full)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_policy_page_begins_with_its_summary(pages, example_site, example_resolved, width):
    page = pages[width]
    for pid, rp in example_resolved[SCHOOL].policies.items():
        assert rp.summary, pid
        page.goto((example_site / SCHOOL / "policies" / f"{pid}.html").as_uri())
        first = page.evaluate("""() => { const h = document.querySelector('main h1');
            const next = h.nextElementSibling; const r = next.getBoundingClientRect();
            return {tag: next.tagName, text: next.textContent.trim(), top: r.top,
                    beforeApproval: !!(next.compareDocumentPosition(document.getElementById('approval-record'))
                                       & Node.DOCUMENT_POSITION_FOLLOWING)}; }""")
        assert first["tag"] == "P" and " ".join(first["text"].split()) == " ".join(rp.summary.split()), first
        assert first["beforeApproval"]
        assert 0 <= first["top"] < WIDTHS[width]["height"], f"{pid}: the summary is not on the first screen"
