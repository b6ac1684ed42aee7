"""Markdown to HTML for policy and form text (markdown-it-py, CommonMark plus tables), sanitised
by nh3 (the Python binding of the Rust sanitiser ammonia, which parses HTML as browsers do).

Raw HTML in the text is limited to a safe list of tags and attributes, and links to the address
rule of ``common/addresses.py``; anything else is an error naming the line. The rendered HTML of
every text then goes through the sanitiser with our allow-list: anything it would change (a
comment a browser ends early, an attribute value holding ``>``, a tag left open...) is an E-HTML
error at the line the author wrote it, never a silent rewrite, and what the sanitiser returns is
what reaches the outputs, so even a case the checks missed cannot run.
Headings inside a section become numbered sub-headings ("5.1") with stable anchors.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder.common import addresses
from builder.common.diagnostics import Diagnostic, error

# raw HTML an author may write in the text
ALLOWED_TAGS = {"abbr", "b", "br", "cite", "dfn", "em", "i", "kbd", "mark", "q", "s", "small",
                "span", "strong", "sub", "sup", "u", "div", "p", "dl", "dt", "dd"}
ALLOWED_ATTRS = {"class", "title", "lang", "id"}
# what the Markdown itself makes besides: the sanitiser's allow-list is the two together
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "code", "pre",
                 "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td", "em", "strong",
                 "br", "span"}
SANITISER_TAGS = ALLOWED_TAGS | MARKDOWN_TAGS
SANITISER_ATTRS = {"*": set(ALLOWED_ATTRS), "a": {"href"}, "ol": {"start"}}
_ALIGN = {"style": {f"text-align:{a}" for a in ("left", "center", "right")}}
SANITISER_VALUES = {"th": _ALIGN, "td": _ALIGN}          # Markdown tables' column alignment
URL_ATTRS = {"href", "src", "action", "formaction", "cite", "data", "poster", "srcset",
             "background", "xlink:href", "longdesc", "usemap", "manifest", "codebase", "ping"}
VOID = {"br", "hr", "img", "wbr", "input", "meta", "link", "area", "base", "col", "embed",
        "param", "source", "track", "keygen"}

_md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")
# every link becomes a link token, so an address outside the rule is an error we name, not text
# markdown-it silently leaves unlinked
_md.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it's hook, set per instance
_md.options["xhtmlOut"] = False   # <br>, as the sanitiser writes it: most texts then come out equal


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr in URL_ATTRS and addresses.problem(value, internal=True):
        return None
    return value


def sanitise(fragment: str) -> str:
    """The HTML that may reach an output: nh3 with our allow-list of tags, attributes and
    address schemes (``pp:`` is ref()'s, mapped to files by each renderer)."""
    return nh3.clean(fragment, tags=SANITISER_TAGS, clean_content_tags={"script", "style"},
                     attributes=SANITISER_ATTRS, tag_attribute_values=SANITISER_VALUES,
                     attribute_filter=_attribute_filter, strip_comments=False, link_rel=None,
                     url_schemes=set(addresses.SCHEMES) | {addresses.INTERNAL_SCHEME})


def slugify(text: str) -> str:
    s = re.sub(r"[^\w\s-]", "", text.lower()).strip()
    return re.sub(r"[\s_-]+", "-", s) or "part"


# ---------------------------------------------------------------- reading HTML back as events

_MARK = "\ue000pp-line:"           # a comment marking where a source line starts (never output)
_MARK_RE = re.compile("<!--" + _MARK + r"(\d+)-->")


class _Events(HTMLParser):
    """HTML as a list of events (start tags with sorted attributes, end tags, text, comments,
    declarations), each with the source line it came from (from the line marks)."""

    def __init__(self, line: int | None = None):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.lines: list[int | None] = []
        self.line = line

    def _add(self, event):
        if event[0] == "data" and self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + event[1])
            return
        self.events.append(event)
        self.lines.append(self.line)

    def handle_starttag(self, tag, attrs):
        self._add(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self._add(("end", tag))

    def handle_data(self, data):
        if data:
            self._add(("data", data))

    def handle_comment(self, data):
        if data.startswith(_MARK):
            self.line = int(data[len(_MARK):])
        else:
            self._add(("comment", data))

    def handle_decl(self, decl):
        self._add(("other", "<!" + decl + ">"))

    def unknown_decl(self, data):
        self._add(("other", "<![" + data + "]>"))

    def handle_pi(self, data):
        self._add(("other", "<?" + data + ">"))


def _events(fragment: str) -> _Events:
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    return parser


def _snippet(text: str) -> str:
    bit = " ".join(text.split())
    return bit if len(bit) <= 40 else bit[:37] + "..."


def _explain(before: list[tuple], after: list[tuple]) -> str:
    """What the author wrote that the sanitiser changes: the first differing events of the text
    as written (``before``) and as sanitised (``after``)."""
    allowed = ", ".join(sorted(ALLOWED_TAGS))
    for ev in before:
        kind = ev[0]
        if kind == "start":
            tag, attrs = ev[1], dict(ev[2])
            if tag not in SANITISER_TAGS:
                return f"HTML tag <{tag}> is not allowed in policy text (allowed: {allowed})"
            kept = next((dict(e[2]) for e in after if e[0] == "start" and e[1] == tag), None)
            for name, value in attrs.items():
                if kept is not None and kept.get(name) == value:
                    continue
                if name in URL_ATTRS:
                    why = addresses.problem(value, internal=True)
                    if why:
                        return f"link {why}"
                if name not in SANITISER_ATTRS["*"] | SANITISER_ATTRS.get(tag, set()):
                    return f"HTML attribute '{name}' on <{tag}> is not allowed in policy text"
                return f"HTML attribute '{name}' on <{tag}> has a value that is not allowed"
            return (f"HTML <{tag}> here is not well formed, so browsers would read it differently "
                    f"from how it is written: close every tag you open, and write &lt; for a "
                    f"literal '<'")
        if kind == "end":
            return f"closing tag </{ev[1]}> has no opening tag to close"
        if kind == "comment":
            return (f"HTML comment '<!--{_snippet(ev[1])}-->' is not read the same way by every "
                    f"browser: write it as <!-- text --> with no '--' or '>' inside, or remove it")
        if kind == "other":
            return (f"unfinished or unknown HTML '{_snippet(ev[1])}' is not allowed in policy "
                    f"text (write &lt; for a literal '<')")
        if kind == "data" and "<" in ev[1]:
            at = ev[1].index("<")
            return (f"unfinished or unknown HTML '{_snippet(ev[1][at:at + 30])}' is not allowed "
                    f"in policy text (write &lt; for a literal '<')")
    for ev in after:
        if ev[0] == "end":
            return f"HTML <{ev[1]}> is not closed: close every tag you open"
    bit = next((e[1] for e in before if e[0] == "data"), "")
    return ("HTML here is read differently by browsers from how it is written"
            + (f" (near '{_snippet(bit)}')" if bit else "")
            + ": close every tag you open, and write &lt; for a literal '<'")


def _difference(written: str, clean: str, first_line: int | None) -> tuple[int | None, str] | None:
    """(line, problem) of the first thing the sanitiser changed, from HTML with line marks."""
    before, after = _events(written), _events(clean)
    if before.events == after.events:
        return None
    matcher = difflib.SequenceMatcher(None, before.events, after.events, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        line = before.lines[i1] if i1 < len(before.lines) else (before.lines[-1] if before.lines
                                                                 else first_line)
        return line or first_line, _explain(before.events[i1:i2], after.events[j1:j2])
    return first_line, _explain(before.events, after.events)


def check_html(fragment: str) -> str | None:
    """None if a piece of raw HTML uses only the safe tags and attributes, else what is wrong.
    (Only the first words of the message: the sanitiser decides what is safe.)"""
    ev = _events(fragment).events
    for event in ev:
        kind = event[0]
        if kind == "start":
            tag = event[1]
            if tag not in ALLOWED_TAGS:
                return (f"HTML tag <{tag}> is not allowed in policy text "
                        f"(allowed: {', '.join(sorted(ALLOWED_TAGS))})")
            for name, _value in event[2]:
                if name not in ALLOWED_ATTRS:
                    return f"HTML attribute '{name}' on <{tag}> is not allowed in policy text"
        elif kind == "end" and event[1] not in ALLOWED_TAGS:
            return (f"HTML tag <{event[1]}> is not allowed in policy text "
                    f"(allowed: {', '.join(sorted(ALLOWED_TAGS))})")
        elif kind == "other" or (kind == "data" and "<" in event[1]):
            text = event[1][event[1].index("<"):] if "<" in event[1] else event[1]
            bit = text[:30].split("\n")[0].strip()
            return (f"unfinished or unknown HTML '{bit}' is not allowed in policy text "
                    f"(write &lt; for a literal '<')")
    return None


def to_html(text: str, shown: str, school: str | None, number: str | None = None,
            anchor: str | None = None) -> tuple[str, list[Diagnostic]]:
    """Render Markdown; number its headings under ``number`` with anchors under ``anchor``.
    Problems are reported against ``shown`` (the source file) and ``school``."""
    fragment, problems = _rendered(text, number, anchor)
    return fragment, [error(shown, line, "E-HTML", problem, school) for line, problem in problems]


HTML_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _id_problems(fragment: str, line: int | None, ids: dict, anchor: str | None) -> list[tuple]:
    """An id the author's HTML gives twice in one text, or one the builder gives a heading (the
    section's own anchor, a sub-heading's ``<anchor>-...``): a link to it would land in the
    wrong place."""
    out = []
    for m in HTML_ID.finditer(fragment):
        value = next(g for g in m.groups() if g is not None)
        if value in ids:
            first = f" (first on line {ids[value]})" if ids[value] else ""
            out.append((line, f"HTML id '{value}' is given twice{first}: an id names one place; "
                              f"give each its own or remove the repeat"))
        elif anchor and (value == anchor or value.startswith(f"{anchor}-")):
            out.append((line, f"HTML id '{value}' is the builder's own (this section's anchor, or a "
                              f"sub-heading's): choose another"))
        ids.setdefault(value, line)
    return out


def _mark(line: int) -> Token:
    tok = Token("html_inline", "", 0)
    tok.content = f"<!--{_MARK}{line}-->"
    return tok


@functools.lru_cache(maxsize=4096)
def _rendered(text: str, number: str | None, anchor: str | None) -> tuple[str, tuple]:
    """(HTML, ((line, problem), ...)) for one text: remembered, because most of a policy's
    sections read the same in every school once their values are filled in."""
    problems: list[tuple[int | None, str]] = []
    ids: dict[str, int | None] = {}     # the ids the author's HTML gives, and their lines
    tokens = _md.parse(text)
    sub = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("html_block", "html_inline"):
            problem = check_html(tok.content)
            line = tok.map[0] + 1 if tok.map else _parent_line(tokens, i)
            if problem:
                problems.append((line, problem))
                tok.content = html.escape(tok.content)
            else:
                problems += _id_problems(tok.content, line, ids, anchor)
        if tok.type == "inline" and tok.children:
            line = tok.map[0] + 1 if tok.map else None
            for child in tok.children:
                if child.type in ("softbreak", "hardbreak") and line is not None:
                    line += 1
                if child.type == "html_inline" and line is not None and not check_html(child.content):
                    problems += _id_problems(child.content, line, ids, anchor)
                if child.type == "image":
                    src = str(child.attrGet("src") or "")
                    problems.append((line, image_problem(src)))
                    child.type, child.tag, child.attrs = "text", "", {}
                    child.content = "".join(c.content for c in child.children or ())
                    child.children = None
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    why = addresses.problem(href, internal=True)
                    if why:
                        problems.append((line, f"link {why}"))
                        child.attrSet("href", "#")
                if child.type == "html_inline":
                    problem = check_html(child.content)
                    if problem:
                        problems.append((line, problem))
                        child.type, child.content = "text", child.content
        if tok.type == "heading_open" and number is not None:
            sub += 1
            level = min(int(tok.tag[1]) + 2, 6)  # "#" in a section is a sub-heading (h3)
            tok.tag = f"h{level}"
            tokens[i + 2].tag = f"h{level}"
            title = tokens[i + 1].content
            tok.attrSet("id", f"{anchor}-{slugify(title)}")
            inline = tokens[i + 1]
            if inline.children:
                num = Token("html_inline", "", 0)
                num.content = f'<span class="num">{number}.{sub}</span> '
                inline.children.insert(0, num)
    written = _md.renderer.render(tokens, _md.options, {})
    clean = sanitise(written)
    # a problem named above is escaped, which can leave its closing tag alone: the sanitiser's
    # difference is reported when nothing else was (the output is the sanitiser's either way)
    if not problems and not _same(written, clean):
        first = next((t.map[0] + 1 for t in tokens if t.map), 1)
        marked = _md.renderer.render(_with_marks(tokens), _md.options, {})
        found = _difference(marked, sanitise(marked), first)
        problems.append(found or (first, _explain(_events(written).events, _events(clean).events)))
    return clean, tuple(dict.fromkeys(problems))


def _same(written: str, clean: str) -> bool:
    """Does the sanitiser leave the HTML as written? Equal text (the usual case: the Markdown's
    HTML differs from the sanitiser's only in writing '"' as &quot; in text) answers at once;
    otherwise both are read back as events and compared."""
    if clean == written or clean == written.replace("&quot;", '"'):
        return True
    return _events(written).events == _events(clean).events


def _with_marks(tokens: list[Token]) -> list[Token]:
    """The tokens with a line mark before each raw HTML block and at each line of inline text
    (comments between whole tokens: they change no parse, only say where each piece came from)."""
    out = []
    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            mark = Token("html_block", "", 0)
            mark.content = _mark(tok.map[0] + 1).content
            out.append(mark)
        if tok.type == "inline" and tok.children is not None and tok.map:
            line = tok.map[0] + 1
            children = [_mark(line)]
            for child in tok.children:
                children.append(child)
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                    children.append(_mark(line))
            copy = Token(tok.type, tok.tag, tok.nesting, map=tok.map, level=tok.level,
                         content=tok.content, children=children)
            out.append(copy)
            continue
        out.append(tok)
    return out


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
