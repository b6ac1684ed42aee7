"""`policypack serve`'s error overlay after a live reload, in headless Chromium at a desktop and a
phone width: the reader is part-way down the page they are editing, a broken edit reloads the
page (the browser brings them back to the same place), and the overlay is in the window there,
not above it, so a broken page never looks clean. The overlay goes when the file is fixed.

The preview runs in this process (builder/serve: the pages, the watcher and the server, without
the PDF build, which the overlay does not need), once for the module."""

from __future__ import annotations

import io
import time

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import AXE, WIDTHS, browser, chromium_path, describe_violations, run_axe  # noqa: F401

from tests.cli.test_serve import SCHOOL, SECTION, SENTENCE, STAFF_CODE, fetch
from tests.support import TODAY, copy_pack

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)

OVERLAY = "#policypack-preview-errors"

IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, height: r.height, scrolled: window.scrollY,
            window: window.innerHeight}; }"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(pack, base URL) of a preview of a copy of the example pack, pages only."""
    from builder.serve.preview import Preview, Watcher
    from builder.serve.server import PreviewServer
    pack = copy_pack(tmp_path_factory.mktemp("serve-view") / "pack")
    preview = Preview(pack, SCHOOL, pack.parent / "served", today=TODAY, pdfs=False, log=io.StringIO())
    server = PreviewServer(("127.0.0.1", 0), preview.out, preview.state)
    watcher = Watcher(pack, preview.refresh)
    try:
        watcher.start()
        preview.refresh()
        server.serve_in_background()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        fetch(base + STAFF_CODE)
        yield pack, base
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
        preview.stop()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_overlay_is_in_view_after_a_reload_part_way_down_the_page(browser, served, width):
    pack, base = served
    path = pack / SECTION
    original = path.read_text(encoding="utf-8")
    ctx = browser.new_context(viewport=WIDTHS[width])
    problems: list[str] = []
    page = ctx.new_page()
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    try:
        page.goto(base + STAFF_CODE)
        assert page.locator(OVERLAY).count() == 0
        # the reader is at the section they are editing, well down the page
        page.get_by_text(SENTENCE, exact=False).first.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, 200)")
        before = page.evaluate("() => window.scrollY")
        assert before > 400, f"the page should be scrolled for this test (scrollY {before})"

        path.write_text(original.replace(SENTENCE, "Staff {{ not_a_value }} use social media"),
                        encoding="utf-8")
        page.locator(OVERLAY).wait_for(state="visible", timeout=60_000)
        page.wait_for_load_state("load")
        # the browser restores the reader's place after the reload; give it its frame
        deadline = time.monotonic() + 10
        while page.evaluate("() => window.scrollY") < before / 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        box = page.evaluate(IN_VIEW, OVERLAY)
        assert box["scrolled"] > 0, "the reload lost the reader's place, so this test shows nothing"
        assert box["height"] > 20
        assert 0 <= box["top"] and box["bottom"] <= box["window"] + 1, \
            f"the overlay is not in the window after the reload at the {width} width: {box}"
        assert "not_a_value" in page.locator(OVERLAY).inner_text()
        assert page.evaluate("document.activeElement && document.activeElement.id") == \
            "policypack-preview-errors"
        if AXE.exists():
            violations = [v for v in run_axe(page)
                          if any("policypack-preview-errors" in n["target"] for n in v["nodes"])]
            assert not violations, describe_violations(page.url, violations)
        # still in view when the reader scrolls on
        page.evaluate("() => window.scrollBy(0, 300)")
        box = page.evaluate(IN_VIEW, OVERLAY)
        assert 0 <= box["top"] and box["bottom"] <= box["window"] + 1, box
    finally:
        path.write_text(original, encoding="utf-8")
        try:
            page.locator(OVERLAY).wait_for(state="detached", timeout=60_000)
        finally:
            ctx.close()
    assert not problems, "\n".join(problems)
