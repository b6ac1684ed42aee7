"""The one rule for addresses that reach an output (pages, PDFs, forms, policies.json, sitemap,
snippet): ``https:`` and ``http:`` for the web, ``mailto:``, ``tel:``, and our own relative links.

Anything else (``javascript:``, ``data:``, ``file:``, ``vbscript:``, a protocol-relative
``//host``, a backslash a browser reads as a slash, a space or control character that a browser
strips before it reads the scheme) is refused with a reason. The rule is checked where a pack
value is read (``schema.types.Url``: E-URL at its file and line), where text becomes HTML
(``resolve/markdown.py``: E-HTML, and the sanitiser's allowed schemes come from here), and once
more where publish writes an address (``safe_web_address``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

WEB_SCHEMES = ("https", "http")
SCHEMES = WEB_SCHEMES + ("mailto", "tel")
INTERNAL_SCHEME = "pp"   # ref()'s addresses inside policy text, mapped to files by each renderer
# the only addresses ref() writes: pp:section/<policy>/<section>, pp:policy/<id>, pp:form/<id>
_ID = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
INTERNAL_RE = re.compile(rf"pp:(?:section/{_ID}/{_ID}|policy/{_ID}|form/{_ID})")

_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_WEB_RE = re.compile(r"https?://[^/?#@\s\\]+(?:[/?#][^\s\\]*)?\Z", re.I)
_BAD_CHAR_RE = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029\ufeff\u200b-\u200f]")

ALLOWED_WORDS = "https:, http:, mailto:, tel: or a relative link"


def host_of(address: str) -> str:
    """The host an address names, in small letters, without its scheme, a user, a port, a path,
    a query or a fragment ("www.oak.sch.uk" of "https://www.oak.sch.uk:443/about?lang=cy#top"), as
    urllib reads it (an address typed without its scheme too); "" for one it cannot read."""
    text = address.strip()
    try:
        return urlsplit(text if "://" in text else "//" + text).hostname or ""
    except ValueError:      # ("http://[::1": a bracket left open)
        return ""


def problem(address: str, *, relative: bool = True, internal: bool = False) -> str | None:
    """None when ``address`` may reach an output, else why not. ``relative``: our own relative
    links are allowed (text); ``internal``: ``pp:`` (ref()'s addresses, before mapping)."""
    if not isinstance(address, str):
        return "an address must be text"
    bad = _BAD_CHAR_RE.search(address)
    if bad:
        ch = bad.group(0)
        what = "a backslash" if ch == "\\" else ("a space" if ch == " " else f"the character U+{ord(ch):04X}")
        return f"address '{_shown(address)}' contains {what}, which browsers read unpredictably"
    if not address:
        return "an address is empty"
    m = _SCHEME_RE.match(address)
    if m is None and "%" in address.split("/", 1)[0]:
        hidden = _SCHEME_RE.match(re.sub(r"[\x00-\x20\x7f]", "", unquote(address.split("/", 1)[0])))
        if hidden and hidden.group(1).lower() not in SCHEMES:
            return (f"address '{_shown(address)}' hides the scheme '{hidden.group(1)}:' behind "
                    f"percent-encoding; allowed: {ALLOWED_WORDS}")
    if m is None or not _before_path(address, m.end()):
        if address.startswith("//"):
            return (f"address '{_shown(address)}' is protocol-relative (it leaves this site for "
                    f"whatever host follows): write https://")
        if not relative:
            return f"address '{_shown(address)}' is not a full web address: write https://..."
        return None
    scheme = m.group(1).lower()
    if internal and scheme == INTERNAL_SCHEME and m.group(1) == INTERNAL_SCHEME:
        if INTERNAL_RE.fullmatch(address):
            return None
        return (f"address '{_shown(address)}' is not one ref() writes: link a section, policy or form "
                f"with {{{{ ref(...) }}}}")
    if scheme not in SCHEMES:
        return f"address '{_shown(address)}' uses the scheme '{m.group(1)}:'; allowed: {ALLOWED_WORDS}"
    if scheme in WEB_SCHEMES and not _WEB_RE.match(address):
        return f"address '{_shown(address)}' is not a web address: write https://host/..."
    if scheme in ("mailto", "tel") and len(address) == m.end():
        return f"address '{_shown(address)}' is empty after '{m.group(1)}:'"
    return None


def web_problem(address: str) -> str | None:
    """For a pack value that names a website: only an absolute https:// or http:// address."""
    found = problem(address, relative=False)
    if found:
        return found.replace(f"; allowed: {ALLOWED_WORDS}", "")
    m = _SCHEME_RE.match(address)
    assert m is not None   # problem() refuses an address without a scheme when relative=False
    scheme = m.group(1)
    if scheme.lower() not in WEB_SCHEMES:
        return f"address '{_shown(address)}' uses the scheme '{scheme}:'"
    return None


def is_safe(address: str, *, relative: bool = True) -> bool:
    return problem(address, relative=relative) is None


def safe_web_address(address: str | None) -> str | None:
    """The address when it is a web address, else None: the last guard where an address is
    written into a published file (the pack's values were checked at load already)."""
    if not address or web_problem(address):
        return None
    return address


def _before_path(address: str, colon_end: int) -> bool:
    """A colon is a scheme's only when no '/', '?' or '#' comes before it (else 'a/b:c' is a
    relative path)."""
    head = address[:colon_end]
    return not any(c in head for c in "/?#")


def _shown(address: str) -> str:
    text = address if len(address) <= 80 else address[:77] + "..."
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
                   for c in text)
