"""`policypack serve` in a real browser (Debian's Chromium, driven by Playwright): a page open
in the browser follows an edit without a manual reload, a broken pack puts a visible overlay
(role=alert, with the file, line and message) above the page, which the accessibility tree
announces, and the overlay goes when the file is fixed."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: run scripts/setup --test")
from tests.support.browser import browser, chromium_path, describe_violations, run_axe  # noqa: F401

from tests.cli.test_serve import SCHOOL, SECTION, SENTENCE, STAFF_CODE, edit, fetch, preview
from tests.support import copy_pack

if not chromium_path():
    pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup --test",
                allow_module_level=True)

OVERLAY = "#policypack-preview-errors"


def test_the_open_page_follows_edits_and_shows_errors_above_itself(browser, tmp_path):
    pack = copy_pack(tmp_path / "pack")
    path = pack / SECTION
    original = path.read_text(encoding="utf-8")
    with preview(pack) as base:
        fetch(base + STAFF_CODE)
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        problems = []
        page = ctx.new_page()
        page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
        page.on("response", lambda r: problems.append(f"HTTP {r.status} for {r.url}")
                if r.status >= 400 else None)
        try:
            page.goto(base + STAFF_CODE)
            assert page.locator(OVERLAY).count() == 0

            # an edit: the open page shows it by itself
            edit(path, SENTENCE, "Staff never use social media for personal reasons")
            page.get_by_text("Staff never use social media", exact=False).wait_for(timeout=60_000)

            # a broken edit: the overlay is above the page, visible, an alert, focused
            path.write_text(original.replace(SENTENCE, "Staff {{ not_a_value }} use social media"),
                            encoding="utf-8")
            overlay = page.locator(OVERLAY)
            overlay.wait_for(state="visible", timeout=60_000)
            assert overlay.get_attribute("role") == "alert"
            text = overlay.inner_text()
            assert f"{SECTION.as_posix()}:1" in text
            assert "undefined variable 'not_a_value'" in text and f"[{SCHOOL}]" in text
            alert = page.get_by_role("alert")
            assert alert.count() == 1 and "not_a_value" in alert.inner_text()
            box, main = overlay.bounding_box(), page.locator("main").bounding_box()
            assert box["height"] > 20 and box["y"] + box["height"] <= main["y"] + 1
            assert page.evaluate("document.activeElement && document.activeElement.id") == \
                "policypack-preview-errors"
            colours = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('%s'));
                                             return [s.color, s.backgroundColor]; }""" % OVERLAY)
            assert colours == ["rgb(255, 255, 255)", "rgb(155, 17, 17)"]
            violations = [v for v in run_axe(page)
                          if any("policypack-preview-errors" in n["target"] for n in v["nodes"])]
            assert not violations, describe_violations(page.url, violations)
            # the last good text is still there below it
            assert page.get_by_text("Staff never use social media", exact=False).count() >= 1

            # fixed: the overlay goes and the new text shows, still without a reload by hand
            path.write_text(original.replace(SENTENCE, "Staff seldom use social media for personal reasons"),
                            encoding="utf-8")
            page.get_by_text("Staff seldom use social media", exact=False).wait_for(timeout=60_000)
            deadline = time.monotonic() + 30
            while page.locator(OVERLAY).count():
                assert time.monotonic() < deadline, "the overlay stayed after the fix"
                time.sleep(0.2)
        finally:
            ctx.close()
    assert not problems, "\n".join(problems)
