"""The preview's web server: the served folder's files, each HTML page with the error overlay
and the live script added, and the endpoint the script waits on.

A small threaded ``http.server`` of our own rather than MkDocs' LiveReloadServer: that one
reloads every open page on every build (it has one build counter for the whole site) and knows
nothing of errors, where a page here reloads only when its own bytes, the theme's files or the
error state change, and every page shows the pack's errors above it. Only GET and HEAD; only
files inside the served folder (the path is decoded, normalised and resolved, and must stay
inside it); nothing is fetched from elsewhere, and the script talks only to this server.

    /__preview__/live.js                 the script every served page loads
    /__preview__/wait?page=P&token=T     answers {"reload": bool, "token": ...} as soon as page
                                         P's token is not T (or after ``timeout`` seconds, 25 by
                                         default): a long poll
    /__preview__/state                   the errors and every page's token, as JSON
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import posixpath
import re
import socket
import threading
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from builder.serve.state import PreviewState, page_key
from builder.common.diagnostics import Diagnostic, printable

PREFIX = "/__preview__/"
OVERLAY_ID = "policypack-preview-errors"
WAIT_DEFAULT_S, WAIT_MAX_S, PDF_WAIT_S = 25.0, 60.0, 120.0

LIVE_JS = """\
(function () {
  "use strict";
  var me = document.currentScript;
  var page = me.getAttribute("data-page"), token = me.getAttribute("data-token");
  var overlay = document.getElementById("%(overlay)s");
  if (overlay) { overlay.focus(); }
  function poll(delay) {
    setTimeout(function () {
      fetch("%(prefix)swait?page=" + encodeURIComponent(page) + "&token=" + encodeURIComponent(token),
            {cache: "no-store"})
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (answer) {
          if (answer.reload) { window.location.reload(); return; }
          token = answer.token;
          poll(0);
        })
        .catch(function () { poll(1000); });   // the server restarting: try again shortly
    }, delay);
  }
  poll(0);
})();
""" % {"overlay": OVERLAY_ID, "prefix": PREFIX}

# dark red on white text: 8.6:1, white on the code's near-black 17:1 (WCAG AAA both). Sticky at
# the top of the window: a live reload brings the reader back to where they were reading (the
# browser restores the scroll position), and the overlay stays in view there instead of sitting
# above the visible part of the page; at most half the window high, scrolling within itself.
OVERLAY_CSS = (
    "all:initial;display:block;box-sizing:border-box;position:sticky;top:0;z-index:2147483647;"
    "max-height:50vh;overflow:auto;overscroll-behavior:contain;"
    "margin:0;padding:1rem 1.25rem;background:#9b1111;color:#fff;font:16px/1.5 system-ui,sans-serif;"
    "border-bottom:4px solid #000;outline-offset:-4px")


def overlay_html(errors: list[Diagnostic]) -> str:
    """The errors as a block above the page: one item each, reading as the terminal prints it
    (``path:line: error CODE: message [school]``), every text escaped (the diagnostics carry
    text from school files)."""
    items = []
    for d in errors:
        where = f"{d.path}:{d.line}" if d.line else d.path
        school = f" [{d.school}]" if d.school else ""
        items.append(
            '<li style="margin:.35rem 0">'
            f'<code style="font:inherit;font-family:monospace;background:#1b1b1b;color:#fff;'
            f'padding:0 .25rem">{escape(printable(where))}</code>: '
            f'<strong>{escape(printable(d.severity))} {escape(printable(d.code))}</strong>: '
            f'{escape(printable(d.one_line()))}{escape(printable(school))}</li>')
    n = len(errors)
    return (f'<div id="{OVERLAY_ID}" role="alert" tabindex="-1" style="{OVERLAY_CSS}">'
            f'<p style="margin:0 0 .5rem;font-weight:bold">The pack has {n} error{"s" if n != 1 else ""}: '
            'this page is the last one that built. Fix the file named below and the page '
            'follows.</p>'
            f'<ul style="margin:0;padding-left:1.25rem">{"".join(items)}</ul></div>')


_BODY = re.compile(rb"<!--.*?-->|<body\b[^>]*>", re.I | re.S)   # a comment, or the body's tag


def inject(html: bytes, page: str, token: str, errors: list[Diagnostic]) -> bytes:
    """The page with the overlay (when the pack has errors) and the live script first in its
    body (the first <body> tag not inside a comment; the very start of a page without one)."""
    block = overlay_html(errors).encode("utf-8") if errors else b""
    block += (f'<script src="{PREFIX}live.js" data-page="{escape(page)}" '
              f'data-token="{escape(token)}" defer></script>').encode()
    at = next((m.end() for m in _BODY.finditer(html) if not m.group().startswith(b"<!--")), 0)
    return html[:at] + block + html[at:]


def missing_page(page: str) -> bytes:
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet"
            f"</title></head><body><main><h1>Not built</h1><p>There is no page "
            f"<code>{escape(page)}</code> yet.</p></main></body></html>").encode()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, state: PreviewState):
        self.root = Path(root).resolve()
        self.state = state
        if ":" in address[0]:   # an IPv6 address, such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    def serve_in_background(self) -> threading.Thread:
        t = threading.Thread(target=self.serve_forever, name="preview-http", daemon=True)
        t.start()
        return t


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):   # quiet: the terminal shows the pack's messages
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        if not self._same_site():
            return self._send(HTTPStatus.FORBIDDEN, b"this preview answers only to its own address\n",
                              "text/plain", head)
        parts = urlsplit(self.path)
        if parts.path.startswith(PREFIX):
            return self._preview(parts.path[len(PREFIX):], parse_qs(parts.query), head)
        rel = confined(parts.path)
        if rel is None:
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)
        target = self.server.root / rel if rel else self.server.root
        if target.is_dir():
            if rel and not parts.path.endswith("/"):   # so the page's relative links work
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", "/" + quote(rel) + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            rel, target = page_key(rel), target / "index.html"
        if rel.endswith(".pdf"):
            self.server.state.wait_for_pdfs(PDF_WAIT_S)   # a PDF the last edit reaches
        real = target.resolve() if target.exists() else None
        ok = real is not None and real.is_file() and real.is_relative_to(self.server.root)
        if rel.endswith(".html") or (not ok and "." not in rel.rsplit("/", 1)[-1]):
            page = page_key(rel)
            body = real.read_bytes() if ok and real is not None else missing_page(page)
            with self.server.state.cond:
                token, errors = self.server.state.token(page), list(self.server.state.errors)
            return self._send(HTTPStatus.OK if ok else HTTPStatus.NOT_FOUND,
                              inject(body, page, token, errors), "text/html; charset=utf-8", head)
        if not ok or real is None:
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)
        kind = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, real.read_bytes(), kind, head)

    def _same_site(self) -> bool:
        """The request names this preview: its Host is an IP address or localhost, with the
        port served (a page on another site that points its own name at this machine, DNS
        rebinding, names itself), and an Origin, when sent, is the same."""
        port = self.server.server_address[1]
        if not allowed_host(self.headers.get("Host", ""), port):
            return False
        origin = self.headers.get("Origin")
        if origin is None:
            return True
        parts = urlsplit(origin)
        return parts.scheme == "http" and allowed_host(parts.netloc, port)

    def _preview(self, what: str, query: dict, head: bool):
        state = self.server.state
        if what == "live.js":
            return self._send(HTTPStatus.OK, LIVE_JS.encode(), "text/javascript; charset=utf-8", head)
        if what == "wait":
            page = page_key(query.get("page", [""])[0])
            timeout = wait_seconds(query.get("timeout", [""])[0])
            changed, token = state.wait(page, query.get("token", [""])[0], timeout)
            return self._json({"reload": changed, "token": token}, head)
        if what == "state":
            with state.cond:
                body = {"errors": [d.to_json() for d in state.errors],
                        "pages": {p: state.token(p) for p in sorted(state.pages)},
                        "pages_done": state.pages_done,
                        "pdfs_done": state.pdfs_done >= state.pdfs_wanted}
            return self._json(body, head)
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)

    def _json(self, body: dict, head: bool):
        self._send(HTTPStatus.OK, json.dumps(body, sort_keys=True).encode(),
                   "application/json; charset=utf-8", head)

    def _send(self, status, body: bytes, kind: str, head: bool):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass


def wait_seconds(raw: str) -> float:
    """A wait's ``timeout``: a plain number of seconds, read strictly and capped at
    ``WAIT_MAX_S``; anything else ("nan", "inf", "1e9", "-1") the default wait."""
    return min(float(raw), WAIT_MAX_S) if re.fullmatch(r"\d{1,4}(?:\.\d{1,3})?", raw) else WAIT_DEFAULT_S


def allowed_host(host: str, port: int) -> bool:
    """``host`` (a Host header: name, then ``:port``) is an IP address or localhost at ``port``."""
    m = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+):(\d{1,5})", host.strip())
    if m is None or int(m.group(2)) != port:
        return False
    name = m.group(1).strip("[]").lower()
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def confined(url_path: str) -> str | None:
    """The request's path as a path inside the served folder ('' for the folder itself), or
    None when it would leave it (``..``, an absolute or drive path, a NUL, a backslash)."""
    try:
        path = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\0" in path or "\\" in path:
        return None
    stripped = path.lstrip("/")
    norm = posixpath.normpath("/" + stripped)
    if norm != "/" + stripped.rstrip("/"):
        return None   # it had "..", "." or doubled slashes: refused, not guessed at
    rel = norm.lstrip("/")
    if any(part.startswith(".") for part in rel.split("/") if part):
        return None   # hidden files (the preview's own temporary files among them)
    return rel
