"""`policypack serve` previews one school's site: an edit reaches the served page, a broken
pack shows its errors in every page until it is fixed, and only the pages an edit changed are
told to reload. The preview runs as a user runs it (`python -m builder ... serve`) on a free
port against a private copy of the example pack; every wait is a poll with a generous deadline
(no timing is asserted)."""

from __future__ import annotations

import contextlib
import io
import html
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import TODAY, copy_pack

SCHOOL = "vine-tree"
STAFF_CODE = f"/{SCHOOL}/policies/staff-code.html"
SOCIAL_MEDIA = f"/{SCHOOL}/policies/social-media.html"
SECTION = Path("content/staff-code/at-work.md")
SENTENCE = "Staff do not use social media for personal reasons"
OVERLAY = 'id="policypack-preview-errors"'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 60) -> tuple[int, str]:
    """(status, body) of a GET, retried while the server is not listening yet."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=max(5.0, timeout)) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def fetch(url: str, timeout: float = 60) -> str:
    """The body of a page that exists (retried until it does)."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = get(url, timeout)
        if status == 200:
            return body
        assert time.monotonic() < deadline, f"{url} answered {status}"
        time.sleep(0.3)


def served_until(url: str, ok, what: str, timeout: float = 90) -> str:
    """Poll the page until ``ok(body)``; the body that satisfied it."""
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        body = get(url)[1]
        if ok(body):
            return body
        time.sleep(0.2)
    raise AssertionError(f"{what}: never served at {url}; last body began {body[:300]!r}")


def token_of(body: str) -> str:
    m = re.search(r'<script src="/__preview__/live\.js" data-page="[^"]*" data-token="([0-9a-f]+)" defer>', body)
    assert m, "the served page carries no live script"
    return m.group(1)


def overlay_of(body: str) -> str:
    """The overlay's markup (as served), or '' when the page has none."""
    at = body.find(OVERLAY)
    if at < 0:
        return ""
    return body[body.rfind("<div", 0, at):body.index("</ul></div>", at)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextlib.contextmanager
def preview(pack: Path, school: str = SCHOOL):
    """`policypack serve` on a free port; yields the base URL; stopped (as by Ctrl-C) after."""
    port = free_port()
    # what it prints goes to a file, never an unread pipe: a full pipe would stop the preview
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(pack), "serve",
                                 school, "--port", str(port), "--today", TODAY.isoformat()],
                                stdout=subprocess.DEVNULL, stderr=log, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.seek(0)
            err = log.read()
            assert "Traceback" not in err, err


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview for the module's tests, each leaving the pack as it found it."""
    pack = copy_pack(tmp_path_factory.mktemp("serve") / "pack")
    with preview(pack) as base:
        fetch(base + f"/{SCHOOL}/index.html")
        yield pack, base


def test_serve_shows_the_school_and_picks_up_an_edit(served):
    pack, base = served
    url = base + f"/{SCHOOL}/index.html"
    assert "Vine Tree Primary" in fetch(url)
    school = pack / "schools" / f"{SCHOOL}.yml"
    original = school.read_text(encoding="utf-8")
    try:
        edit(school, "name: Vine Tree Primary", "name: Vine Tree Primary Academy")
        served_until(url, lambda b: "Vine Tree Primary Academy" in b, "the school's new name")
    finally:
        school.write_text(original, encoding="utf-8")
    served_until(url, lambda b: "Vine Tree Primary Academy" not in b, "the name put back")


def settled_token(base: str, page: str) -> str:
    """The page's token once the preview has nothing more to tell it (the last test's edits
    and the PDF build they started are done)."""
    token = token_of(fetch(base + page))
    for _ in range(60):
        answer = json.loads(fetch(base + f"/__preview__/wait?page={page[1:]}&token={token}&timeout=1"))
        if not answer["reload"]:
            return token
        token = answer["token"]
    raise AssertionError(f"{page} never settled")


def test_an_edited_section_reaches_its_page_and_no_other_page_is_told_to_reload(served):
    pack, base = served
    other_token = settled_token(base, SOCIAL_MEDIA)
    before_edited = fetch(base + STAFF_CODE)
    path = pack / SECTION
    original = path.read_text(encoding="utf-8")
    try:
        edit(path, SENTENCE, "Staff never use social media for personal reasons")
        # (the page's file is written a moment before its new token is recorded)
        after = served_until(base + STAFF_CODE, lambda b: "Staff never use social media" in b
                             and token_of(b) != token_of(before_edited), "the edited sentence")
        # the edited page's script is told to reload at once ...
        answer = json.loads(fetch(base + f"/__preview__/wait?page={STAFF_CODE[1:]}"
                                         f"&token={token_of(before_edited)}&timeout=5"))
        assert answer == {"reload": True, "token": token_of(after)}
        # ... and a page the edit did not change is not (its wait runs out)
        answer = json.loads(fetch(base + f"/__preview__/wait?page={SOCIAL_MEDIA[1:]}"
                                         f"&token={other_token}&timeout=1"))
        assert answer == {"reload": False, "token": other_token}
    finally:
        path.write_text(original, encoding="utf-8")
    served_until(base + STAFF_CODE, lambda b: SENTENCE in b, "the sentence put back")


BREAKS = [
    # (file, text replaced, broken text, the diagnostic's place, words of its message)
    (SECTION, SENTENCE, "Staff {{ no_such_value }} use social media for personal reasons",
     f"{SECTION.as_posix()}:1", "undefined variable 'no_such_value'"),
    (Path(f"schools/{SCHOOL}.yml"), "name: Vine Tree Primary", "name: [Vine Tree Primary",
     f"schools/{SCHOOL}.yml:", "YAML"),
    (Path("content/staff-code/policy.yml"), "title:", "title: {unclosed",
     "content/staff-code/policy.yml:", ""),
]


@pytest.mark.parametrize("file,old,new,where,words", BREAKS, ids=["undefined", "school-yaml", "policy-yaml"])
def test_a_broken_pack_shows_its_error_above_every_page_until_it_is_fixed(served, file, old, new, where, words):
    pack, base = served
    path = pack / file
    original = path.read_text(encoding="utf-8")
    try:
        edit(path, old, new)
        for page in (STAFF_CODE, SOCIAL_MEDIA, f"/{SCHOOL}/index.html"):
            body = served_until(base + page, lambda b: OVERLAY in b, f"the overlay on {page}")
            overlay = html.unescape(overlay_of(body))
            assert 'role="alert"' in overlay and 'tabindex="-1"' in overlay
            assert where in overlay, overlay
            assert words in overlay, overlay
            assert f"[{SCHOOL}]" in overlay or "E-YAML" in overlay or "error" in overlay
            # the overlay stands above the last good page, which is still there
            assert body.index(OVERLAY) < body.index('<main')
        state = json.loads(fetch(base + "/__preview__/state"))
        assert state["errors"] and all(e["severity"] == "error" for e in state["errors"])
        assert any(e["path"] == file.as_posix() for e in state["errors"]), state["errors"]
    finally:
        path.write_text(original, encoding="utf-8")
    body = served_until(base + STAFF_CODE, lambda b: OVERLAY not in b, "the page without its overlay")
    assert SENTENCE in body
    assert json.loads(fetch(base + "/__preview__/state"))["errors"] == []


def test_a_fix_shows_the_new_text_as_the_overlay_goes(served):
    pack, base = served
    path = pack / SECTION
    original = path.read_text(encoding="utf-8")
    try:
        edit(path, SENTENCE, "Staff {{ oops }} use social media for personal reasons")
        served_until(base + STAFF_CODE, lambda b: OVERLAY in b, "the overlay")
        path.write_text(original.replace(SENTENCE, "Staff seldom use social media for personal reasons"),
                        encoding="utf-8")
        body = served_until(base + STAFF_CODE, lambda b: OVERLAY not in b, "the fixed page")
        assert "Staff seldom use social media" in body
    finally:
        path.write_text(original, encoding="utf-8")
    served_until(base + STAFF_CODE, lambda b: OVERLAY not in b and SENTENCE in b, "the page as it was")
    served_until(base + STAFF_CODE, lambda b: SENTENCE in b, "the sentence put back")


def test_hostile_text_in_a_diagnostic_is_shown_as_text(served):
    """A school file's text that reaches a message (here an unknown key) is escaped."""
    pack, base = served
    path = pack / "schools" / f"{SCHOOL}.yml"
    original = path.read_text(encoding="utf-8")
    hostile = '"<img src=x onerror=alert(1)>": 1\n'
    try:
        path.write_text(original + hostile, encoding="utf-8")
        body = served_until(base + STAFF_CODE, lambda b: OVERLAY in b and "onerror" in b, "the overlay")
        overlay = overlay_of(body)
        assert "<img" not in overlay
        assert "&lt;img src=x onerror=alert(1)&gt;" in overlay
        assert f"schools/{SCHOOL}.yml:" in overlay
    finally:
        path.write_text(original, encoding="utf-8")
    served_until(base + STAFF_CODE, lambda b: OVERLAY not in b, "the page without its overlay")


def test_the_pdf_follows_the_edit(served):
    """A policy's PDF is rendered again after its page; asked for while that runs, it is served
    when it is done."""
    from pypdf import PdfReader
    import io
    pack, base = served
    path = pack / SECTION
    original = path.read_text(encoding="utf-8")
    url = base + f"/{SCHOOL}/pdf/staff-code.pdf"

    def pdf_text() -> str:
        with urllib.request.urlopen(url, timeout=150) as r:
            assert r.headers["Content-Type"] == "application/pdf"
            data = r.read()
        return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())

    try:
        edit(path, SENTENCE, "Staff hardly ever use social media for personal reasons")
        served_until(base + STAFF_CODE, lambda b: "Staff hardly ever use" in b, "the page")
        deadline = time.monotonic() + 150
        while "hardly ever use" not in pdf_text():
            assert time.monotonic() < deadline, "the PDF never followed the edit"
            time.sleep(0.5)
    finally:
        path.write_text(original, encoding="utf-8")
    served_until(base + STAFF_CODE, lambda b: SENTENCE in b, "the sentence put back")


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  f"/{SCHOOL}/..%2f..%2f..%2fetc/passwd", "/%2fetc%2fpasswd",
                                  f"/{SCHOOL}/%5c..%5c..%5cetc%5cpasswd", "/.site.tmp",
                                  f"/{SCHOOL}/%ff%fe.html"])
def test_only_files_of_the_site_are_served(served, path):
    _, base = served
    status, body = get(base + path)
    assert status == 404
    assert "root:" not in body


def test_a_folder_is_its_index_page(served):
    _, base = served
    with urllib.request.urlopen(base + f"/{SCHOOL}", timeout=30) as r:   # redirected to .../
        assert r.url == base + f"/{SCHOOL}/"
        assert "Vine Tree Primary" in r.read().decode("utf-8")


def test_a_pack_broken_at_the_start_is_shown_and_then_served_when_fixed(tmp_path):
    pack = copy_pack(tmp_path / "pack")
    path = pack / SECTION
    original = path.read_text(encoding="utf-8")
    edit(path, SENTENCE, "Staff {{ missing }} use social media for personal reasons")
    with preview(pack) as base:
        status, body = get(base + STAFF_CODE)
        deadline = time.monotonic() + 60
        while OVERLAY not in body:
            assert time.monotonic() < deadline, "no overlay on the page that was never built"
            time.sleep(0.3)
            status, body = get(base + STAFF_CODE)
        assert status == 404
        assert "undefined variable 'missing'" in html.unescape(overlay_of(body))
        path.write_text(original, encoding="utf-8")
        body = served_until(base + STAFF_CODE, lambda b: SENTENCE in b and OVERLAY not in b,
                            "the page once the pack is fixed")


def test_the_previewed_pages_are_the_builds(example_site, tmp_path):
    """The preview writes the school's web pages as `policypack build` does, byte for byte."""
    from builder.serve.preview import Preview
    from tests.support import ROOT
    out = tmp_path / "served"
    p = Preview(ROOT, SCHOOL, out, today=TODAY, pdfs=False, log=io.StringIO())
    try:
        assert p.refresh()
        assert p.state.errors == []
    finally:
        p.stop()
    built = {f.relative_to(example_site).as_posix() for f in (example_site / SCHOOL).rglob("*")
             if f.is_file() and f.suffix != ".pdf"}
    previewed = {f.relative_to(out).as_posix() for f in out.rglob("*") if f.is_file()}
    assert previewed == built
    for rel in sorted(built):
        assert (out / rel).read_bytes() == (example_site / rel).read_bytes(), rel


def test_an_unknown_school_is_refused(tmp_path):
    r = subprocess.run([sys.executable, "-m", "builder", "--project", str(copy_pack(tmp_path / "p")),
                        "serve", "no-such-school", "--port", str(free_port())],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "E-SCHOOL" in r.stderr and "Traceback" not in r.stderr


def test_a_fault_of_the_preview_is_shown_and_the_last_good_pages_stay(tmp_path, monkeypatch):
    from builder.serve.preview import Preview
    from builder.render.site import render
    pack = copy_pack(tmp_path / "pack")
    out = tmp_path / "served"
    p = Preview(pack, SCHOOL, out, today=TODAY, pdfs=False, log=io.StringIO())
    try:
        p.refresh()
        page = out / STAFF_CODE.lstrip("/")
        good = page.read_bytes()
        real = render.mkdocs_build

        def broken(*args, **kwargs):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(render, "mkdocs_build", broken)
        edit(pack / SECTION, SENTENCE, "Staff never use social media for personal reasons")
        assert p.refresh() == []
        assert [(d.code, d.school) for d in p.state.errors] == [("E-PREVIEW", SCHOOL)]
        assert "RuntimeError: disk on fire" in p.state.errors[0].message
        assert page.read_bytes() == good
        monkeypatch.setattr(render, "mkdocs_build", real)
        assert p.refresh() == [STAFF_CODE.lstrip("/")]
        assert p.state.errors == []
        assert b"Staff never use social media" in page.read_bytes()
    finally:
        p.stop()


def test_a_port_in_use_is_refused_with_a_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "builder", "--project", str(copy_pack(tmp_path / "p")),
                            "serve", SCHOOL, "--port", str(port)],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert f"127.0.0.1:{port}: error E-SERVE" in r.stderr and "Traceback" not in r.stderr

