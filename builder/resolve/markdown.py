"""Markdown to HTML for policy and form text (markdown-it-py, CommonMark plus tables).

Raw HTML in the text is limited to a safe list; anything else is an error naming the line.
Headings inside a section become numbered sub-headings ("5.1") with stable anchors.
"""

from __future__ import annotations

import functools
import html
import re

from markdown_it import MarkdownIt

from builder.common.diagnostics import Diagnostic, error

ALLOWED_TAGS = {"abbr", "b", "br", "cite", "dfn", "em", "i", "kbd", "mark", "q", "s", "small",
                "span", "strong", "sub", "sup", "u", "div", "p", "dl", "dt", "dd"}
ALLOWED_ATTRS = {"class", "title", "lang", "id"}
TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--.*?-->", re.S)
ATTR_RE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")

_md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")


def slugify(text: str) -> str:
    s = re.sub(r"[^\w\s-]", "", text.lower()).strip()
    return re.sub(r"[\s_-]+", "-", s) or "part"


OPEN_RE = re.compile(r"<\s*[/!?a-zA-Z]")


def check_html(fragment: str) -> str | None:
    """None if the raw HTML uses only safe tags and attributes, else what is wrong."""
    rest = TAG_RE.sub(" ", fragment)
    stray = OPEN_RE.search(rest)
    if stray:
        bit = rest[stray.start():stray.start() + 30].split("\n")[0].strip()
        return (f"unfinished or unknown HTML '{bit}' is not allowed in policy text "
                f"(write &lt; for a literal '<')")
    for m in TAG_RE.finditer(fragment):
        if m.group(2) is None:
            continue  # comment
        tag = m.group(2).lower()
        if tag not in ALLOWED_TAGS:
            return f"HTML tag <{tag}> is not allowed in policy text (allowed: {', '.join(sorted(ALLOWED_TAGS))})"
        for a in ATTR_RE.finditer(m.group(3)):
            name = a.group(1).lower()
            if name not in ALLOWED_ATTRS:
                return f"HTML attribute '{name}' on <{tag}> is not allowed in policy text"
    return None


def to_html(text: str, shown: str, school: str | None, number: str | None = None,
            anchor: str | None = None) -> tuple[str, list[Diagnostic]]:
    """Render Markdown; number its headings under ``number`` with anchors under ``anchor``.
    Problems are reported against ``shown`` (the source file) and ``school``."""
    fragment, problems = _rendered(text, number, anchor)
    return fragment, [error(shown, line, "E-HTML", problem, school) for line, problem in problems]


@functools.lru_cache(maxsize=4096)
def _rendered(text: str, number: str | None, anchor: str | None) -> tuple[str, tuple]:
    """(HTML, ((line, problem), ...)) for one text: remembered, because most of a policy's
    sections read the same in every school once their values are filled in."""
    problems: list[tuple[int | None, str]] = []
    tokens = _md.parse(text)
    sub = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("html_block", "html_inline"):
            problem = check_html(tok.content)
            if problem:
                line = tok.map[0] + 1 if tok.map else _parent_line(tokens, i)
                problems.append((line, problem))
                tok.content = html.escape(tok.content)
        if tok.type == "inline" and tok.children:
            for child in tok.children:
                if child.type == "image":
                    src = child.attrGet("src") or ""
                    line = tok.map[0] + 1 if tok.map else None
                    problems.append((line, image_problem(src)))
                    child.attrSet("src", "")
                if child.type == "html_inline":
                    problem = check_html(child.content)
                    if problem:
                        line = tok.map[0] + 1 if tok.map else None
                        problems.append((line, problem))
                        child.content = html.escape(child.content)
        if tok.type == "heading_open" and number is not None:
            sub += 1
            level = min(int(tok.tag[1]) + 2, 6)  # "#" in a section is a sub-heading (h3)
            tok.tag = f"h{level}"
            tokens[i + 2].tag = f"h{level}"
            title = tokens[i + 1].content
            tok.attrSet("id", f"{anchor}-{slugify(title)}")
            inline = tokens[i + 1]
            if inline.children:
                from markdown_it.token import Token
                num = Token("html_inline", "", 0)
                num.content = f'<span class="num">{number}.{sub}</span> '
                inline.children.insert(0, num)
    return _md.renderer.render(tokens, _md.options, {}), tuple(problems)


def image_problem(src: str) -> str:
    """Images are not part of policy text: a remote one would be fetched, a local one would not
    travel with the PDF and the site alike."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", src):
        return (f"image '{src}' is a remote address: outputs never fetch URLs, and images are "
                f"not allowed in policy text")
    return f"image '{src}' is not allowed in policy text: describe it in words, or put it in a form"


def _parent_line(tokens, i):
    for j in range(i, -1, -1):
        if tokens[j].map:
            return tokens[j].map[0] + 1
    return None


HREF_RE = re.compile(r'href="pp:([a-z]+)/([^"]*)"')


def rewrite_links(fragment: str, mapper) -> str:
    """Point ``pp:`` addresses at one output's files: mapper(kind, parts) -> href."""
    def sub(m):
        kind, rest = m.group(1), html.unescape(m.group(2))
        return 'href="' + html.escape(mapper(kind, rest.split("/")), quote=True) + '"'
    return HREF_RE.sub(sub, fragment)


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (for parity and diffs)."""
    text = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
