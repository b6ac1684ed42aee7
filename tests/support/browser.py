"""What the browser tests share: Debian's Chromium driven by Playwright, a local web server that
puts the site in a subfolder, axe-core, and a keyboard walk."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1] / "browser"   # axe-core from npm lives there
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
SUBFOLDER = "schools/policies"        # where the site lives on the test web server


def chromium_path() -> str | None:
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path):
    """Serve ``root`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                              resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }""", AXE_TAGS)


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{url}: {v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}: {(n['summary'] or '').splitlines()[-1:]}")
    return "\n".join(lines)


# A description of the element that has focus, comparable with the links listed by ``focusables``.
_FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    return e.tagName.toLowerCase() + '|' + (e.id || '') + '|' + (e.getAttribute('href') || '') + '|'
         + (e.getAttribute('name') || '') + '|' + (e.getAttribute('value') || '');
}"""

_FOCUSABLES = """() => {
    const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
                         && getComputedStyle(e).visibility !== 'hidden';
    const all = [...document.querySelectorAll('a[href], input, select, textarea, button')]
        .filter(e => !e.disabled && e.type !== 'hidden' && e.tabIndex >= 0)
        .filter(e => visible(e) || e.classList.contains('skip-link'));
    // a group of radio buttons is one Tab stop: count the first of each group
    const seen = new Set();
    return all.filter(e => {
        if (e.type !== 'radio') return true;
        if (seen.has(e.name)) return false;
        seen.add(e.name); return true;
    }).map(e => e.tagName.toLowerCase() + '|' + (e.id || '') + '|' + (e.getAttribute('href') || '') + '|'
                + (e.getAttribute('name') || '') + '|' + (e.getAttribute('value') || ''));
}"""


def tab_walk(page, limit: int = 400) -> tuple[list[str], list[str]]:
    """Press Tab from the top of the page until focus leaves the page or comes round again.
    Returns (elements reached in order, every element that should be reachable)."""
    # start from the top of the page: focus a temporary element placed before everything else
    page.evaluate("""() => {
        const s = document.createElement('span'); s.id = '__tab_start'; s.tabIndex = -1;
        document.body.prepend(s); s.focus(); window.scrollTo(0, 0); }""")
    expected = page.evaluate(_FOCUSABLES)
    reached: list[str] = []
    for n in range(limit):
        page.keyboard.press("Tab")
        if n == 0:
            page.evaluate("() => document.getElementById('__tab_start').remove()")
        now = page.evaluate(_FOCUSED)
        if now is None or (reached and now == reached[0]):
            break
        reached.append(now)
    return reached, expected


# ------------------------------------------------------------------ fixtures (imported by the test modules)

ORIGINS = ["http", "file"]


def pairwise(schools: list[str]) -> list[tuple[str, str, str]]:
    """(school, origin, width) runs that meet every pair of values at least once: each school
    from both origins, each school at both widths, each origin at both widths. Half of the whole
    product, and a fault that needs two of them together (a phone from file://, one school over
    http) is still met; a fault of all three at once is a risk the suite takes."""
    widths = list(WIDTHS)
    return [(school, origin, widths[(n + k) % 2])
            for n, school in enumerate(schools) for k, origin in enumerate(ORIGINS)]


# ------------------------------------------------------------------ fixtures



@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, stopped when the module ends: Playwright's sync API runs
    an event loop in this thread while it is open, and other tests (pyHanko's signing calls
    asyncio.run) need the thread free of it."""
    from playwright.sync_api import sync_playwright
    driver = sync_playwright().start()
    browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        driver.stop()


@pytest.fixture(scope="session")
def web_root(example_site, tmp_path_factory):
    """The built site served from a subfolder, as on a school's own web server."""
    root = tmp_path_factory.mktemp("www")
    (root / SUBFOLDER).parent.mkdir(parents=True)
    (root / SUBFOLDER).symlink_to(example_site, target_is_directory=True)
    with serve(root) as url:
        yield f"{url}/{SUBFOLDER}"


def site_base(origin: str, web_root: str, example_site: Path) -> str:
    return f"{web_root}/" if origin == "http" else example_site.as_uri() + "/"


@pytest.fixture
def open_page(browser):
    """open_page(width) -> a page in a fresh context that fails the test on a script error or a
    file the page could not load."""
    contexts, problems = [], []

    def make(width: str):
        ctx = browser.new_context(viewport=WIDTHS[width], accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
        page.on("requestfailed", lambda r: problems.append(f"failed to load {r.url}: {r.failure}")
                if _ours(r) else None)
        page.on("response", lambda r: problems.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not problems, "\n".join(problems)


def _ours(request) -> bool:
    """A file the page itself asked for: not the PDF viewer's own parts, not a PDF opened in it,
    and not axe-core reading stylesheets again (which file:// refuses to scripts)."""
    if not request.url.startswith(("http:", "file:")) or request.url.endswith(".pdf"):
        return False
    return not (request.url.startswith("file:") and request.resource_type in ("xhr", "fetch"))


def school_pages(example_site: Path, school: str) -> list[str]:
    folder = example_site / school
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def open_menu(page) -> None:
    """At a phone width the navigation is behind the Menu button: open it (by keyboard)."""
    toggle = page.locator(".nav-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"


def css_rgb(hex_colour: str) -> str:
    """A #rrggbb colour as a browser's computed style reports it: "rgb(r, g, b)"."""
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


def type_answers(page, values: dict) -> None:
    """Each answer by keyboard, as its user gives it: typed, or Space on a radio or a box."""
    for name, value in values.items():
        el = page.locator(f"form.pp-form-fields [data-pdf-field='{name}']")
        el.focus()
        if value is True:
            page.keyboard.press("Space")
        else:
            page.keyboard.type(value)
